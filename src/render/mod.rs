//! Render: [`Figures`] and the wording from `templates/` → Dutch PDF documents (printpdf, charts
//! via plotters). Invariants: no I/O (templates and source facts come in through
//! [`ReportContext`]); deterministic: the same figures, texts and generation time give the same
//! bytes (fixed font resource names, document id derived from the content).
//!
//! Three document types: one per municipality (for the council), one for the region, one per
//! corporation. Counts from 1 to threshold−1 are suppressed everywhere (see `suppress`).

mod annex;
mod canvas;
mod chart;
mod context;
mod documents;
mod fonts;
mod layout;
pub mod nl;
mod pdf;
mod pdfa;
pub mod suppress;
pub mod texts;

pub use crate::domain::slug;
pub use context::{annex_name, RenderError, Rendered, ReportContext, SourceInfo, Table};
pub use texts::{Texts, TextsError};

/// The tables that may be published next to the documents: the region overview of all
/// municipalities (the same cells as in the region document).
pub fn published_tables(ctx: &ReportContext<'_>) -> Result<Vec<(String, Table)>, RenderError> {
    let r = &ctx.figures.region;
    Ok(vec![(
        format!("{}_tabel_{}.csv", ctx.figures.report(), slug(&r.name)),
        documents::region_table(ctx)?,
    )])
}

/// Renders every document for the period: municipalities, the region, corporations. The
/// documents are independent, so they are rendered on all cores (rayon); the result is in the
/// same order and has the same bytes whatever the number of threads.
pub fn render_all(ctx: &ReportContext<'_>) -> Result<Vec<Rendered>, RenderError> {
    enum Job<'a> {
        Municipality(&'a crate::compute::ScopeFigures),
        Region,
        Corporation(&'a crate::compute::CorporationFigures),
    }
    let jobs: Vec<Job<'_>> = ctx
        .figures
        .municipalities
        .iter()
        .map(Job::Municipality)
        .chain(std::iter::once(Job::Region))
        // A corporation that is not configured gets no document of its own (its homes count for
        // the municipality and the region; ingest warns about the name).
        .chain(
            ctx.figures
                .corporations
                .iter()
                .filter(|c| c.known)
                .map(Job::Corporation),
        )
        .collect();
    let cancelled = || {
        ctx.cancel
            .is_some_and(|c| c.load(std::sync::atomic::Ordering::SeqCst))
    };
    let render = |job: &Job<'_>| match job {
        _ if cancelled() => Err(RenderError::Cancelled),
        Job::Municipality(s) => documents::municipality(ctx, s),
        Job::Region => documents::region(ctx),
        Job::Corporation(c) => documents::corporation(ctx, c),
    };
    use rayon::prelude::*;
    jobs.par_iter().map(render).collect()
}

/// Forgets the font subsets and deflated font programs and profiles made so far, so a `bench` repeat costs
/// what a fresh process's run costs.
pub fn forget_caches() {
    fonts::forget_subsets();
    pdfa::forget_deflated_shared();
}

//! A feed's projection: what a snapshot keeps of a delivered file. Only the mapped columns (under
//! their headers in the file, raw cell text, labels not yet mapped), each row with its line in
//! the original file,
//! as UTF-8 CSV (`17:12:8` in the line column: the row had 12 cells under a header of 8, which
//! rejects it); blank rows left out and counted. The original's SHA-256 and size are recorded
//! beside it by the caller. Reading the projection back (`table::Body::open_projection`) gives
//! the same accepted rows, rejections and line numbers as reading the original.
//!
//! A file that cannot be used (missing columns, personal data in a kept column, a quote that
//! never closes, too large) is refused here, before anything of it is stored.

use std::borrow::Cow;

use super::error::SourceError;
use super::mapping::{self, ColumnMap, PersonalCount};
use super::plan::PlannedFeed;
use super::table::{Body, LINE_COLUMN};

/// The projection of one delivered file.
#[derive(Debug)]
pub struct Projection {
    /// The CSV text.
    pub csv: Vec<u8>,
    /// Data rows (blank rows not counted).
    pub rows: usize,
    /// What was left out or noticed (column headers and counts only), for the snapshot's notes
    /// and the run's warnings.
    pub notes: Vec<String>,
}

/// Projects the delivered `bytes` of `feed` (its `path` names the file type).
/// The projection of a delivery with no rows: what a portal feed stands for in a run before its
/// organisation has delivered anything (the feed then covers nothing: its corporation is
/// "onvolledig"). Its header names the feed's canonical columns.
pub fn empty(feed: &PlannedFeed) -> Vec<u8> {
    let names = super::mapping::feed_columns(feed);
    let mut header = vec![super::table::LINE_COLUMN.to_string()];
    header.extend(names.iter().map(|c| c.name.to_string()));
    let mut out = header.join(",");
    out.push('\n');
    out.into_bytes()
}

pub fn project(feed: &PlannedFeed, bytes: Vec<u8>) -> Result<Projection, SourceError> {
    let body = Body::from_bytes(&feed.path, bytes, feed.setting.sheet.as_deref())?;
    let columns = mapping::feed_columns(feed);
    let map = ColumnMap::resolve(body.headers(), &feed.setting, &columns);
    if let Some(mangled) = map.mangled_error(&feed.path) {
        return Err(mangled);
    }
    if let Some(missing) = map.missing_error(&feed.name, &feed.path, body.headers()) {
        return Err(missing);
    }
    // The kept columns under their headers in the file: read back with the feed's mapping, they
    // map as before, and messages name them as the supplier does.
    let names: Vec<&str> = map
        .kept
        .iter()
        .map(|&i| body.headers()[i].as_str())
        .collect();
    let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
    let write_error = |e: csv::Error| SourceError::Unreadable {
        file: feed.path.clone(),
        reason: format!("cannot write its projection: {e}"),
    };
    out.write_record(std::iter::once(LINE_COLUMN).chain(names.iter().copied()))
        .map_err(write_error)?;
    let mut counts = vec![PersonalCount::default(); map.kept.len()];
    let (mut rows, mut blank) = (0usize, 0usize);
    let mut record = csv::StringRecord::new();
    let mut failed = None;
    body.for_each_row(|line, cells, wide| {
        if failed.is_some() {
            return;
        }
        if wide.is_none() && cells.iter().all(|c| c.is_empty()) {
            blank += 1;
            return;
        }
        rows += 1;
        record.clear();
        // A row with filled cells beyond the header is rejected for it: say so, not what.
        let width = map.width;
        let wide = wide.or_else(|| {
            (cells.len() > width && cells.iter().skip(width).any(|c| !c.is_empty()))
                .then_some(cells.len())
        });
        if let Some(n) = wide {
            record.push_field(&format!("{line}:{n}:{width}"));
        } else {
            record.push_field(&line.to_string());
        }
        for ((&i, count), &kind) in map.kept.iter().zip(&mut counts).zip(&map.kinds) {
            let cell = cells.get(i).map_or("", |c| c.as_ref());
            count.note(cell, kind);
            record.push_field(cell);
        }
        if let Err(e) = out.write_record(&record) {
            failed = Some(e);
        }
    });
    if let Some(e) = failed {
        return Err(write_error(e));
    }
    for (count, &i) in counts.iter().zip(&map.kept) {
        if let Some(why) = count.verdict() {
            return Err(SourceError::PersonalData {
                source_name: feed.name.clone(),
                file: feed.path.clone(),
                column_number: i + 1,
                header: body.headers()[i].clone(),
                why,
            });
        }
    }
    let mut notes = Vec::new();
    if let Some(n) = body.encoding_note() {
        notes.push(n.to_string());
    }
    let blank = blank + body.skipped_blank_rows();
    if blank > 0 {
        notes.push(format!("{blank} lege regel(s) overgeslagen"));
    }
    notes.extend(map.ignored.iter().map(|h| mapping::left_out(h)));
    let csv = out.into_inner().map_err(|e| SourceError::Unreadable {
        file: feed.path.clone(),
        reason: format!("cannot write its projection: {e}"),
    })?;
    Ok(Projection { csv, rows, notes })
}

impl Body {
    /// Calls `f(line, cells, wide)` for every row in file order (blank rows included), one
    /// thread; `wide`: a worksheet row's number of cells when it has filled cells beyond its
    /// header (which are not in `cells`).
    pub fn for_each_row(&self, mut f: impl FnMut(usize, &[Cow<'_, str>], Option<usize>)) {
        match self {
            Body::Csv { csv, header, .. } => {
                for chunk in csv.chunks(header, usize::MAX) {
                    csv.for_each(&chunk, |line, _, cells| f(line, cells, None));
                }
            }
            Body::Sheet(t) => {
                let mut cells: Vec<Cow<'_, str>> = Vec::new();
                for row in &t.rows {
                    cells.clear();
                    cells.extend(row.cells.iter().map(Cow::Borrowed));
                    f(row.line, &cells, row.wide);
                }
            }
        }
    }
}

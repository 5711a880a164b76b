//! `woonmonitor bench --portal-preview FILE --feed NAME`: times the portal's preview of an
//! upload (projection, validation, the comparison with the previous delivery) in a temporary
//! state folder. A benchmark, not a test: run it on an otherwise idle machine.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::config::{Reference, Settings};
use crate::service::fetch::{self, Delivery};
use crate::service::{Service, ServiceError};

/// What can stop the preview benchmark.
#[derive(Debug, thiserror::Error)]
pub enum PreviewError {
    /// The feed, the file or the preview's verdict is not usable: a usage error.
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Service(Box<ServiceError>),
}

impl From<ServiceError> for PreviewError {
    fn from(e: ServiceError) -> Self {
        PreviewError::Service(Box::new(e))
    }
}

/// The time from an uploaded file to the preview a person sees (projection, validation, the
/// comparison with the previous delivery), best of `repeat`, in a temporary state folder whose
/// previous delivery is the same file.
pub fn run(
    mut settings: Settings,
    reference: Reference,
    file: &Path,
    feed: &str,
    today: NaiveDate,
    repeat: u32,
) -> Result<(), PreviewError> {
    let state =
        std::env::temp_dir().join(format!("woonmonitor-bench-preview-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&state);
    settings.state.dir = state.clone();
    let service = Service::new(settings, reference);
    let Some(feed) = service
        .settings()
        .feeds()
        .into_iter()
        .find(|f| f.name == feed && f.setting.portal)
    else {
        return Err(PreviewError::Usage(format!(
            "--feed {feed}: not a feed with `portal = true` in the configuration"
        )));
    };
    let bytes =
        std::fs::read(file).map_err(|e| PreviewError::Usage(format!("{}: {e}", file.display())))?;
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_else(|| "csv".into());
    let delivery = Delivery {
        origin: "bench".into(),
        etag: None,
        last_modified: None,
        extension: ext.clone(),
    };
    runtime()
        .block_on(fetch::keep_delivery(
            &feed,
            service.pool(),
            service.state_dir(),
            bytes.clone(),
            delivery,
            chrono::Utc::now(),
            &|_, _| None,
        ))
        .map_err(ServiceError::from)?;
    let store = service.store()?;
    let mut best = Duration::MAX;
    let mut preview = None;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        let p = service.preview_delivery(&store, &feed, bytes.clone(), &ext, today);
        best = best.min(t.elapsed());
        preview = Some(p);
    }
    let p = preview.expect("at least one run");
    if let Some(why) = &p.refused {
        return Err(PreviewError::Usage(format!(
            "the preview refused the file: {why}"
        )));
    }
    outln!(
        "portal preview of {} ({} bytes, feed {}): {} rows read, {} accepted, {} rejected; best of {}: {} ms",
        file.display(),
        bytes.len(),
        feed.name,
        p.read,
        p.accepted,
        p.rejected,
        repeat.max(1),
        best.as_millis()
    );
    let _ = std::fs::remove_dir_all(&state);
    Ok(())
}

/// The runtime the delivery is kept on (the same as the command line's).
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime starts")
}

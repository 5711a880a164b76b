//! The `Service` handle: an `Arc` around the service's private state (settings, reference data,
//! the HTTP policy, the store's connection pool, the render slot), cheap to clone; each room of
//! the service adds its own `impl Service` methods.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use chrono::Utc;

use super::error::{ReportFileError, ServiceError};
use super::fetch::HttpPolicy;
use crate::config::{Reference, Settings};
use crate::domain::Selection;

/// The render slot: one pipeline at a time, and a flag that cancels it between documents.
#[derive(Debug)]
pub struct RenderSlot {
    pub(crate) permit: Arc<tokio::sync::Semaphore>,
    pub(crate) cancel: Arc<AtomicBool>,
}

impl Default for RenderSlot {
    fn default() -> Self {
        Self {
            permit: Arc::new(tokio::sync::Semaphore::new(1)),
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }
}

/// Everything a service call needs: a cheap handle (an `Arc` around the service's state, so
/// cloning it into a blocking task or a handler copies a pointer, not the settings). The state
/// store is opened once per process and shared through a small pool of connections.
#[derive(Clone)]
pub struct Service(Arc<Inner>);

struct Inner {
    settings: Settings,
    reference: Reference,
    http: HttpPolicy,
    /// This process, as the owner of the outbox rows it claims.
    instance: Arc<str>,
    /// One pipeline at a time, cancellable.
    render: RenderSlot,
    /// The state store's connections.
    pool: Arc<crate::store::Pool>,
    /// The state a room keeps for the life of the service, one value per type (see
    /// [`Service::room_state`]).
    rooms: std::sync::Mutex<Vec<Arc<dyn std::any::Any + Send + Sync>>>,
}

impl Service {
    pub fn new(settings: Settings, reference: Reference) -> Self {
        Self::with_http_policy(settings, reference, HttpPolicy::default())
    }

    /// A service whose HTTP sources are fetched with `http` (tests shorten its waits).
    pub fn with_http_policy(settings: Settings, reference: Reference, http: HttpPolicy) -> Self {
        let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default();
        let pool = Arc::new(crate::store::Pool::new(
            &settings.state.dir.join("woonmonitor.sqlite"),
        ));
        Self(Arc::new(Inner {
            settings,
            reference,
            http,
            instance: format!("pid-{}-{nanos:x}", std::process::id()).into(),
            render: RenderSlot::default(),
            pool,
            rooms: Default::default(),
        }))
    }

    /// The state of type `T` a room of the service keeps for the life of this service (made with
    /// `T::default()` the first time it is asked for): the room's state stays in the room's
    /// file, and this handle knows nothing of it.
    pub(crate) fn room_state<T: Default + Send + Sync + 'static>(&self) -> Arc<T> {
        let mut rooms = self.0.rooms.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = rooms.iter().find_map(|r| r.clone().downcast::<T>().ok()) {
            return found;
        }
        let made = Arc::new(T::default());
        rooms.push(made.clone());
        made
    }

    /// The configuration the service runs with.
    pub fn settings(&self) -> &Settings {
        &self.0.settings
    }

    /// The reference data (municipalities, corporations, labels).
    pub fn reference(&self) -> &Reference {
        &self.0.reference
    }

    /// How HTTP sources are fetched.
    pub fn http_policy(&self) -> &HttpPolicy {
        &self.0.http
    }

    /// This process, as the owner of the outbox rows it claims.
    pub fn instance(&self) -> &str {
        &self.0.instance
    }

    /// The render slot: one pipeline at a time.
    pub(crate) fn render_slot(&self) -> &RenderSlot {
        &self.0.render
    }

    /// The canonical form of a selection, or an error when its code is not configured.
    pub fn check_selection(&self, selection: &Selection) -> Result<Selection, ServiceError> {
        match selection {
            Selection::Municipality(code) => self
                .reference()
                .municipalities
                .iter()
                .find(|(m, _)| m.as_str().eq_ignore_ascii_case(code.trim()))
                .map(|(m, _)| Selection::Municipality(m.to_string()))
                .ok_or_else(|| ServiceError::UnknownScope {
                    kind: "municipality",
                    code: code.clone(),
                    known: self
                        .reference()
                        .municipalities
                        .iter()
                        .map(|(m, n)| format!("{m} ({n})"))
                        .collect::<Vec<_>>()
                        .join(", "),
                }),
            Selection::Corporation(code) => self
                .reference()
                .corporation(code)
                .map(|c| Selection::Corporation(c.code.clone()))
                .ok_or_else(|| ServiceError::UnknownScope {
                    kind: "corporation",
                    code: code.clone(),
                    known: self
                        .reference()
                        .corporations
                        .iter()
                        .map(|c| c.code.clone())
                        .collect::<Vec<_>>()
                        .join(", "),
                }),
            Selection::All | Selection::Region => Ok(selection.clone()),
        }
    }

    pub fn state_dir(&self) -> &Path {
        &self.settings().state.dir
    }

    pub fn store_path(&self) -> PathBuf {
        self.settings().state.dir.join("woonmonitor.sqlite")
    }

    /// The store's connection pool, for rooms below the handle that take a connection per step
    /// (`fetch`).
    pub fn pool(&self) -> &Arc<crate::store::Pool> {
        &self.0.pool
    }

    /// A connection to the state store, from the pool (the first one of the process migrates
    /// the store); back to the pool when dropped.
    pub fn store(&self) -> Result<crate::store::Pooled, ServiceError> {
        Ok(self.0.pool.get()?)
    }

    pub fn archive_dir(&self) -> PathBuf {
        self.settings().state.dir.join("archive")
    }

    /// Whether no pipeline is running (none has the render slot).
    pub fn pipeline_idle(&self) -> bool {
        self.0.render.permit.available_permits() == 1
    }

    /// A report's file name and bytes, served only from the archive (a path that resolves
    /// outside it, e.g. through a symbolic link, is refused).
    pub fn report_file(&self, id: i64) -> Result<(String, Vec<u8>), ReportFileError> {
        let row = self
            .store()
            .and_then(|s| Ok(s.report(id)?))
            .map_err(|e| ReportFileError::Service(Box::new(e)))?;
        let archive =
            std::fs::canonicalize(self.archive_dir()).map_err(|_| ReportFileError::Missing)?;
        let path = std::fs::canonicalize(&row.path).map_err(|_| ReportFileError::Missing)?;
        if !path.starts_with(&archive) {
            return Err(ReportFileError::OutsideArchive);
        }
        let bytes = std::fs::read(&path).map_err(|_| ReportFileError::Missing)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok((name, bytes))
    }
}

//! A report's file for the API (as an attachment) and the console (inline): read from the
//! archive only, by id, the file name cleaned for the header, never a path in the answer.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::service::{ReportFileError, Service, ServiceError};

/// How the browser should treat the file.
#[derive(Debug, Clone, Copy)]
pub enum Disposition {
    Inline,
    Attachment,
}

/// Why a report cannot be given.
#[derive(Debug)]
pub enum DownloadError {
    NotFound,
    Forbidden,
    Service(ServiceError),
}

/// A file name safe in a `Content-Disposition` header.
pub fn safe_name(name: &str) -> String {
    let s: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
        .collect();
    if s.is_empty() {
        "rapport.pdf".into()
    } else {
        s
    }
}

/// The report `id` as an HTTP answer.
pub async fn report(
    service: &Service,
    id: i64,
    how: Disposition,
) -> Result<Response, DownloadError> {
    let service = service.clone();
    let (name, bytes) = crate::threads::offload(move || service.report_file(id))
        .await
        .map_err(|e| match e {
            ReportFileError::Service(e) => match *e {
                ServiceError::Store(crate::store::StoreError::NotFound { .. }) => {
                    DownloadError::NotFound
                }
                e => DownloadError::Service(e),
            },
            ReportFileError::Missing => DownloadError::NotFound,
            ReportFileError::OutsideArchive => DownloadError::Forbidden,
        })?;
    let kind = match how {
        Disposition::Inline => "inline",
        Disposition::Attachment => "attachment",
    };
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("{kind}; filename=\"{}\"", safe_name(&name)),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_lose_what_a_header_cannot_hold() {
        assert_eq!(
            super::safe_name("2026-10_gemeente-utrecht_GM0344.pdf"),
            "2026-10_gemeente-utrecht_GM0344.pdf"
        );
        assert_eq!(super::safe_name("a\"\r\nb.pdf"), "ab.pdf");
        assert_eq!(super::safe_name("\"\""), "rapport.pdf");
    }
}

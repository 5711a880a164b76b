//! The portal's deadlines, through the library at chosen times: a late organisation reminded once
//! a month (also across a restart), a delivery that completes the month ending the wait for
//! complete feeds, and an upload nobody confirms deleted after a day.

use std::path::Path;

use crate::portal::{portal_config, EMPLOYEE};
use crate::support::root;

/// Records `file` as an upload of Mitros's feed waiting for confirmation, at `at`.
fn waiting_upload(
    store: &woonmonitor::store::Store,
    key: &str,
    account_id: i64,
    file: &Path,
    extension: &str,
    at: chrono::DateTime<chrono::Utc>,
) {
    store
        .add_upload(
            &woonmonitor::store::NewUpload {
                key,
                account_id,
                feed: "mitros",
                extension,
                sha256: "-",
                bytes: std::fs::metadata(file).map(|m| m.len() as i64).unwrap_or(0),
                path: file.to_str().unwrap(),
                preview: "{}",
            },
            at,
        )
        .unwrap();
}

/// The service of configuration `cfg`, as the daemon would make it.
fn portal_service(cfg: &Path) -> woonmonitor::service::Service {
    let (s, r) = woonmonitor::config::Settings::load(&woonmonitor::config::LoadOptions {
        file: Some(cfg.to_path_buf()),
        env: Some(Default::default()),
    })
    .unwrap();
    woonmonitor::service::Service::new(s, r)
}

#[test]
fn a_late_organisation_is_reminded_once_per_month_also_across_a_restart() {
    use woonmonitor::config::{LoadOptions, Settings};
    use woonmonitor::service::Service;
    use woonmonitor::store::Organisation;
    let dir = tempfile::tempdir().unwrap();
    let cfg = portal_config(dir.path());
    let service = || {
        let (s, r) = Settings::load(&LoadOptions {
            file: Some(cfg.clone()),
            env: Some(Default::default()),
        })
        .unwrap();
        Service::new(s, r)
    };
    let first = service();
    let at = |s: &str| s.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
    let mitros = Organisation::Corporation("Mitros".into());
    assert!(first
        .invite(EMPLOYEE, &mitros, "test", at("2026-10-20T09:00:00Z"))
        .unwrap());
    assert!(first
        .invite(
            "collega@mitros.example",
            &mitros,
            "test",
            at("2026-10-20T09:00:00Z")
        )
        .unwrap());
    // The matching organisation delivers no portal feed: never reminded.
    assert!(first
        .invite(
            "match@example.nl",
            &Organisation::Applications,
            "test",
            at("2026-10-20T09:00:00Z")
        )
        .unwrap());
    // November 2026: Monday the 2nd is the first working day, Tuesday the 3rd the second.
    assert_eq!(
        first.remind_late(at("2026-11-02T10:00:00Z")).unwrap(),
        0,
        "not before the day"
    );
    assert_eq!(
        first.remind_late(at("2026-11-03T06:00:00Z")).unwrap(),
        2,
        "each of Mitros's accounts"
    );
    assert_eq!(
        first.remind_late(at("2026-11-03T07:00:00Z")).unwrap(),
        0,
        "once"
    );
    let restarted = service();
    assert_eq!(
        restarted.remind_late(at("2026-11-04T07:00:00Z")).unwrap(),
        0,
        "once, also after a restart"
    );
    // Next month, October's reminder does not count for November.
    assert_eq!(
        restarted.remind_late(at("2026-12-02T09:00:00Z")).unwrap(),
        2
    );
    let db = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite")).unwrap();
    let (n, body): (i64, String) = db
        .query_row(
            "SELECT count(*), max(body) FROM outbox WHERE recipient = ?1 AND subject LIKE 'Herinnering%'",
            [EMPLOYEE],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(n, 2);
    assert!(body.contains("mitros (nog niets geleverd)"), "{body}");
    assert!(
        body.contains("https://woonmonitor.example/portaal/"),
        "{body}"
    );
    let to_match: i64 = db
        .query_row("SELECT count(*) FROM outbox WHERE recipient = 'match@example.nl' AND subject LIKE 'Herinnering%'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(to_match, 0);
}

#[test]
fn a_portal_delivery_that_completes_the_month_ends_the_wait_for_complete_feeds() {
    use woonmonitor::store::Organisation;
    let dir = tempfile::tempdir().unwrap();
    let service = portal_service(&portal_config(dir.path()));
    let rt = tokio::runtime::Runtime::new().unwrap();
    let now = chrono::Utc::now();
    let period = woonmonitor::domain::Period::last_complete(now.date_naive());
    rt.block_on(service.pull(woonmonitor::store::Trigger::Manual, now))
        .unwrap();
    let late = rt.block_on(service.late_feeds(period, now)).unwrap();
    assert_eq!(
        late,
        vec![("mitros".to_string(), None)],
        "not delivered yet"
    );

    // Mitros delivers its export (the bundled workbook) and says it is complete to the end of
    // the month.
    let mitros = Organisation::Corporation("Mitros".into());
    assert!(service.invite(EMPLOYEE, &mitros, "test", now).unwrap());
    let store = service.store().unwrap();
    let account = store.active_account(EMPLOYEE).unwrap().unwrap();
    let file = dir.path().join("upload.xlsx");
    std::fs::copy(root().join("data/sample/feeds/mitros.xlsx"), &file).unwrap();
    waiting_upload(&store, "k1", account.id, &file, "xlsx", now);
    let upload = store
        .upload_of("k1", &account.organisation)
        .unwrap()
        .unwrap();
    let half = period.first_day() + chrono::Duration::days(14);
    rt.block_on(service.confirm_delivery(&upload, &account, half, now))
        .unwrap();
    let late = rt.block_on(service.late_feeds(period, now)).unwrap();
    assert_eq!(
        late,
        vec![("mitros".to_string(), Some(half))],
        "half the month"
    );
    // The same content again, now said to be complete to the month's end: no longer late.
    std::fs::copy(root().join("data/sample/feeds/mitros.xlsx"), &file).unwrap();
    waiting_upload(&store, "k2", account.id, &file, "xlsx", now);
    let upload = store
        .upload_of("k2", &account.organisation)
        .unwrap()
        .unwrap();
    rt.block_on(service.confirm_delivery(&upload, &account, period.last_day(), now))
        .unwrap();
    let late = rt.block_on(service.late_feeds(period, now)).unwrap();
    assert!(late.iter().all(|(f, _)| f != "mitros"), "{late:?}");
    assert!(
        !file.exists(),
        "the uploaded file is deleted once confirmed"
    );
}

#[test]
fn an_upload_nobody_confirms_is_deleted_after_a_day() {
    use woonmonitor::store::Organisation;
    let dir = tempfile::tempdir().unwrap();
    let service = portal_service(&portal_config(dir.path()));
    let at = |s: &str| s.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
    let mitros = Organisation::Corporation("Mitros".into());
    service
        .invite(EMPLOYEE, &mitros, "test", at("2026-11-01T08:00:00Z"))
        .unwrap();
    let store = service.store().unwrap();
    let account = store.active_account(EMPLOYEE).unwrap().unwrap();
    let file = service.uploads_dir().join("k.csv");
    std::fs::create_dir_all(service.uploads_dir()).unwrap();
    std::fs::write(&file, "Woningnummer;Gemeentecode\n").unwrap();
    waiting_upload(
        &store,
        "k",
        account.id,
        &file,
        "csv",
        at("2026-11-02T09:00:00Z"),
    );
    assert_eq!(
        service.purge_uploads(at("2026-11-03T08:59:00Z")).unwrap(),
        0,
        "not yet a day"
    );
    assert!(file.exists());
    assert_eq!(
        service.purge_uploads(at("2026-11-03T09:00:00Z")).unwrap(),
        1
    );
    assert!(!file.exists(), "deleted after portal.upload_hours (24)");
    let upload = store
        .upload_of("k", &account.organisation)
        .unwrap()
        .unwrap();
    assert!(upload.deleted_at.is_some());
    assert_eq!(
        service.purge_uploads(at("2026-11-04T09:00:00Z")).unwrap(),
        0,
        "once"
    );
}

//! Commitments in the portal: which years are open (the year that has begun until the
//! municipality approves a corporation's commitments for it, the coming year from
//! `portal.commitments_from`) with an injected clock; the form over HTTP against the real
//! daemon (which year it is for, a closed year refused); submitted and returned commitments
//! change nothing, approved ones are the documents' bounds, "afgesproken".

use std::path::Path;

use chrono::{DateTime, Utc};
use woonmonitor::config::{LoadOptions, Settings};
use woonmonitor::service::portal::CommitmentRefusal;
use woonmonitor::service::Service;
use woonmonitor::store::Organisation;

use crate::portal::{csrf_of, invited_portal_daemon, portal_config, sign_in, EMPLOYEE};
use crate::support::*;

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn minutes(n: i64) -> chrono::Duration {
    chrono::Duration::minutes(n)
}

fn service(cfg: &Path) -> Service {
    let (s, r) = Settings::load(&LoadOptions {
        file: Some(cfg.to_path_buf()),
        env: Some(Default::default()),
    })
    .unwrap();
    Service::new(s, r)
}

/// Mitros's employee's account (invited at `at`).
fn employee(service: &Service, at: DateTime<Utc>) -> woonmonitor::store::Account {
    let mitros = Organisation::Corporation("Mitros".into());
    service.invite(EMPLOYEE, &mitros, "test", at).unwrap();
    service
        .store()
        .unwrap()
        .active_account(EMPLOYEE)
        .unwrap()
        .unwrap()
}

/// `Service::submit_commitments`, waited for.
fn submit(
    service: &Service,
    account: &woonmonitor::store::Account,
    year: i32,
    rows: &[(String, String, String)],
    at: DateTime<Utc>,
) -> Result<usize, CommitmentRefusal> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(service.submit_commitments(account, year, rows, at))
        .unwrap()
}

/// `Service::decide_commitments` on the submission that waits now (as the console shows it).
fn decide(service: &Service, year: i32, approve: bool, at: DateTime<Utc>) -> usize {
    let version = service
        .store()
        .unwrap()
        .submission_version("Mitros", year)
        .unwrap()
        .unwrap_or(0);
    service
        .decide_commitments("Mitros", year, version, approve, "beheerder", at)
        .unwrap()
}

fn rows(m: &str, lower: &str, upper: &str) -> Vec<(String, String, String)> {
    vec![(m.to_string(), lower.to_string(), upper.to_string())]
}

#[test]
fn the_years_open_for_commitments_follow_the_calendar_and_the_approval() {
    let dir = tempfile::tempdir().unwrap();
    let s = service(&portal_config(dir.path()));
    let account = employee(&s, utc("2026-09-01T10:00:00Z"));
    let years = |at: &str| s.commitment_years("Mitros", utc(at)).unwrap();
    let date = |d: &str| d.parse::<chrono::NaiveDate>().unwrap();

    // 30 September 23:59 in Amsterdam: the year that has begun; the coming one opens 1 October.
    let y = years("2026-09-30T21:59:59Z");
    assert_eq!((y.current, y.open.clone()), (2026, vec![2026]));
    assert_eq!(y.next_opens, Some(date("2026-10-01")));
    let early = submit(
        &s,
        &account,
        2027,
        &rows("GM0344", "1", "2"),
        utc("2026-09-30T21:59:59Z"),
    );
    assert_eq!(
        early,
        Err(CommitmentRefusal::Closed {
            year: 2027,
            open: vec![2026]
        })
    );
    // 1 October 00:00: both.
    let y = years("2026-09-30T22:00:00Z");
    assert_eq!((y.open.clone(), y.next_opens), (vec![2026, 2027], None));

    // 2026 submitted (still open), then approved: closed, and said so.
    let at = utc("2026-10-02T10:00:00Z");
    assert_eq!(
        submit(&s, &account, 2026, &rows("GM0344", "7", "9"), at),
        Ok(1)
    );
    assert_eq!(years("2026-10-02T10:00:00Z").open, vec![2026, 2027]);
    assert_eq!(decide(&s, 2026, true, at + minutes(1)), 1);
    let y = years("2026-10-02T10:05:00Z");
    assert!(y.current_approved);
    assert_eq!(y.open, vec![2027]);
    let again = submit(
        &s,
        &account,
        2026,
        &rows("GM0344", "8", "9"),
        at + minutes(5),
    );
    assert_eq!(again, Err(CommitmentRefusal::Approved { year: 2026 }));
    let past = submit(
        &s,
        &account,
        2025,
        &rows("GM0344", "8", "9"),
        at + minutes(5),
    );
    assert_eq!(
        past,
        Err(CommitmentRefusal::Closed {
            year: 2025,
            open: vec![2027]
        })
    );
    // The coming year, submitted in December and not yet approved…
    let dec = utc("2026-12-15T10:00:00Z");
    assert_eq!(
        submit(&s, &account, 2027, &rows("GM0344", "9", "12"), dec),
        Ok(1)
    );
    // …is the year that has begun on 1 January (CET) and stays open until it is approved; the
    // next one opens on 1 October.
    let y = years("2026-12-31T23:00:00Z");
    assert_eq!((y.current, y.open.clone()), (2027, vec![2027]));
    assert_eq!(y.next_opens, Some(date("2027-10-01")));
    let jan = utc("2027-01-04T09:00:00Z");
    assert_eq!(
        submit(&s, &account, 2027, &rows("GM0344", "10", "12"), jan),
        Ok(1)
    );
    assert_eq!(decide(&s, 2027, true, jan + minutes(1)), 1);
    let y = years("2027-01-04T09:05:00Z");
    assert_eq!((y.open.clone(), y.current_approved), (vec![], true));
    // 29 February of a leap year, and its last day: nothing new opens between.
    assert_eq!(
        s.commitment_years("Mitros", utc("2028-02-29T12:00:00Z"))
            .unwrap()
            .open,
        vec![2028]
    );
    assert_eq!(
        s.commitment_years("Mitros", utc("2028-12-31T22:59:59Z"))
            .unwrap()
            .open,
        vec![2028, 2029]
    );
}

#[test]
fn the_form_says_its_year_and_a_closed_year_is_refused() {
    use chrono::Datelike;
    let dir = tempfile::tempdir().unwrap();
    let (base, mut daemon, _log) = invited_portal_daemon(dir.path(), "", "");
    let rt = tokio::runtime::Runtime::new().unwrap();
    // The year that has begun, as the daemon's clock says (Amsterdam).
    let current = Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .year();
    rt.block_on(async {
        let (c, _home) = sign_in(&base, &dir.path().join("outbox"), EMPLOYEE, 0).await;
        let get = |q: &str| {
            let c = c.clone();
            let url = format!("{base}/portaal/afspraken{q}");
            async move { c.get(url).send().await.unwrap().text().await.unwrap() }
        };
        let post = |fields: Vec<(&'static str, String)>| {
            let c = c.clone();
            let url = format!("{base}/portaal/afspraken");
            let origin = base.clone();
            async move {
                let r = c
                    .post(url)
                    .header("Origin", origin)
                    .form(&fields)
                    .send()
                    .await
                    .unwrap();
                (r.status().as_u16(), r.text().await.unwrap())
            }
        };
        // Nothing approved yet: the form is for the year that has begun, whatever year is asked.
        let page = get("?jaar=1999").await;
        assert!(
            page.contains(&format!("<h1>Grenzen voor {current}</h1>")),
            "{page}"
        );
        assert!(
            page.contains(&format!("name=\"jaar\" value=\"{current}\"")),
            "{page}"
        );
        assert!(page.contains(&format!("Ondergrens {current}")), "{page}");
        let csrf = csrf_of(&page);
        let form = |year: i32, lower: &str| {
            vec![
                ("csrf", csrf.clone()),
                ("jaar", year.to_string()),
                ("gemeente", "GM0344".to_string()),
                ("ondergrens", lower.to_string()),
                ("bovengrens", "40".to_string()),
            ]
        };
        // A year that is not open: refused, the form of an open year shown again.
        let (status, page) = post(form(1999, "30")).await;
        assert_eq!(status, 400);
        assert!(
            page.contains(&format!(
                "Grenzen voor 1999 kunnen nu niet worden opgegeven; wel voor {current}"
            )),
            "{page}"
        );
        // The year that has begun: submitted, the page says for which year.
        let (status, page) = post(form(current, "30")).await;
        assert_eq!(status, 200, "{page}");
        assert!(
            page.contains(&format!("Uw grenzen voor {current} zijn ingediend")),
            "{page}"
        );
        assert!(page.contains("wacht op beoordeling"), "{page}");
        // Approved (as the console does, here through the library on the same store): closed.
        let cfg = dir.path().join("config.toml");
        let s = service(&cfg);
        assert_eq!(decide(&s, current, true, Utc::now()), 1);
        let page = get("").await;
        assert!(
            page.contains(&format!("De grenzen voor {current} zijn afgesproken")),
            "{page}"
        );
        assert!(
            !page.contains(&format!("name=\"jaar\" value=\"{current}\"")),
            "{page}"
        );
        let (status, page) = post(form(current, "31")).await;
        assert_eq!(status, 400);
        assert!(
            page.contains(&format!("De grenzen voor {current} zijn al afgesproken")),
            "{page}"
        );
        let home = c
            .get(format!("{base}/portaal/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            !home.contains(&format!("afspraken?jaar={current}\"")),
            "{home}"
        );
    });
    daemon.kill().ok();
    daemon.wait().ok();
}

/// The lines of Mitros in GM0344 in the bounds of the newest report run's internal figures.
fn mitros_bounds(dir: &Path) -> Vec<String> {
    let archive = dir.join("state/archive");
    let newest = std::fs::read_dir(&archive)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .max_by_key(|p| {
            p.file_name().unwrap().to_string_lossy()[4..]
                .parse::<u32>()
                .unwrap()
        })
        .unwrap();
    let period = std::fs::read_dir(newest.join("internal"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::read_to_string(period.join("figures/bounds.csv"))
        .unwrap()
        .lines()
        .filter(|l| l.contains(",GM0344,Mitros,"))
        .map(str::to_string)
        .collect()
}

#[test]
fn commitments_entered_in_the_portal_count_only_once_approved() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = portal_config(dir.path());
    // Mitros's deliveries from the file here: this test is about commitments.
    let text = std::fs::read_to_string(&cfg).unwrap().replace(
        "portal = true",
        &format!(
            "path = \"{}/data/sample/feeds/mitros.xlsx\"",
            root().display()
        ),
    );
    std::fs::write(&cfg, text).unwrap();
    let (s, r) = Settings::load(&LoadOptions {
        file: Some(cfg.clone()),
        env: Some(Default::default()),
    })
    .unwrap();
    let service = Service::new(s, r);
    // A day in the year the sample's commitments file is for, after the coming year opened.
    let now = utc("2026-11-16T12:00:00Z");
    let mitros = Organisation::Corporation("Mitros".into());
    assert!(service.invite(EMPLOYEE, &mitros, "test", now).unwrap());
    let account = service
        .store()
        .unwrap()
        .active_account(EMPLOYEE)
        .unwrap()
        .unwrap();
    let year = 2026;
    let period = "2026-10".to_string();
    let regenerate = || {
        let o = woonmonitor(
            &cfg,
            &["regenerate", "--period", &period, "--corporation", "Mitros"],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    regenerate();
    let from_file = mitros_bounds(dir.path());
    assert!(
        from_file.contains(&format!("{year},GM0344,Mitros,79,110,declared")),
        "the commitments file's: {from_file:?}"
    );

    // Checked: whole numbers, lower ≤ upper, only the region's municipalities.
    let bad = |rows: &[(&str, &str, &str)]| {
        let rows: Vec<_> = rows
            .iter()
            .map(|(m, l, u)| (m.to_string(), l.to_string(), u.to_string()))
            .collect();
        submit(&service, &account, year, &rows, now).unwrap_err()
    };
    assert_eq!(
        bad(&[("GM0344", "12", "9")]),
        CommitmentRefusal::LowerAboveUpper {
            name: "Utrecht".into(),
            lower: 12,
            upper: 9
        }
    );
    assert_eq!(
        bad(&[("GM0344", "1,5", "9")]),
        CommitmentRefusal::NotWholeNumbers("Utrecht".into())
    );
    assert_eq!(
        bad(&[("GM0363", "1", "9")]),
        CommitmentRefusal::NotInRegion("GM0363".into())
    );
    // Regression: 4,294,967,295 was taken and printed in the council's document, and two
    // lines for one municipality were added up.
    assert!(matches!(
        bad(&[("GM0344", "1", "4294967295")]),
        CommitmentRefusal::Implausible { .. }
    ));
    assert!(matches!(
        bad(&[("GM0344", "1", "4294967296")]),
        CommitmentRefusal::NotWholeNumbers(_)
    ));
    assert_eq!(
        bad(&[("GM0344", "1", "9"), ("GM0344", "2", "9")]),
        CommitmentRefusal::Twice("Utrecht".into())
    );
    let rows = vec![("GM0344".to_string(), "7".to_string(), "9".to_string())];
    assert_eq!(submit(&service, &account, year, &rows, now), Ok(1));
    // Submitted, not approved: nothing changes.
    regenerate();
    assert_eq!(mitros_bounds(dir.path()), from_file);
    // Returned: nothing changes either.
    assert_eq!(decide(&service, year, false, now + minutes(1)), 1);
    regenerate();
    assert_eq!(mitros_bounds(dir.path()), from_file);
    // Submitted again and approved: the documents' bounds are the approved ones, "afgesproken".
    submit(&service, &account, year, &rows, now + minutes(2)).unwrap();
    // The operator looked at this submission; the corporation swaps it before the approval:
    // the approval of what was shown decides nothing, the new one needs a look of its own.
    let shown = service
        .store()
        .unwrap()
        .submission_version("Mitros", year)
        .unwrap()
        .unwrap();
    let swapped = vec![("GM0344".to_string(), "70".to_string(), "90".to_string())];
    submit(&service, &account, year, &swapped, now + minutes(2)).unwrap();
    assert_eq!(
        service
            .decide_commitments("Mitros", year, shown, true, "beheerder", now + minutes(3))
            .unwrap(),
        0,
        "the swapped submission is not approved by a look at the earlier one"
    );
    submit(&service, &account, year, &rows, now + minutes(3)).unwrap();
    assert_eq!(decide(&service, year, true, now + minutes(4)), 1);
    regenerate();
    let approved = mitros_bounds(dir.path());
    assert!(
        approved.contains(&format!("{year},GM0344,Mitros,7,9,declared")),
        "{approved:?}"
    );
    assert!(
        !approved.iter().any(|l| l.contains(",79,110,")),
        "{approved:?}"
    );
    let db = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite")).unwrap();
    let audited: i64 = db
        .query_row(
            "SELECT count(*) FROM audit WHERE action IN ('grenzen ingediend', 'grenzen goedgekeurd', 'grenzen teruggegeven')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 6, "four submissions, a return and an approval");
    // Mitros's people heard both decisions.
    let decisions: Vec<String> = db
        .prepare("SELECT subject FROM outbox WHERE recipient = ?1 AND subject LIKE 'Uw grenzen%' ORDER BY id")
        .unwrap()
        .query_map([EMPLOYEE], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        decisions,
        vec![
            format!("Uw grenzen voor {year} zijn teruggegeven"),
            format!("Uw grenzen voor {year} zijn goedgekeurd")
        ]
    );
}

//! A late feed, through the library with an injected clock and with the binary: it makes its
//! corporation "onvolledig" and holds the monthly run until it covers the month or the deadline
//! passes; a declared end date marks the corporation incomplete in `report`.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::feeds::{
    config, feed_blocks, figures, gen, rt, service, split_small_fixture, utc, walk, HOLD,
};
use crate::support;
use woonmonitor::service::Service;

/// A service where Portaal's feed ends at its latest row (31 March 2026) and the monthly run
/// waits for complete feeds for at most `deadline_days`.
fn late_portaal(dir: &Path, deadline_days: u32) -> (Service, PathBuf) {
    let feeds = dir.join("feeds");
    std::fs::create_dir_all(&feeds).unwrap();
    split_small_fixture(&feeds);
    let mitros = format!("path = {:?}", feeds.join("mitros.csv"));
    let cfg = config(
        dir,
        &feed_blocks(&feeds, &mitros, "covers_until = \"latest\""),
        &format!(
            "{HOLD}require_complete_feeds = true\ncomplete_feeds_deadline_days = {deadline_days}\n"
        ),
    );
    (service(&cfg), feeds)
}

fn report_runs(started: &[String]) -> Vec<i64> {
    started
        .iter()
        .filter_map(|s| s.strip_prefix("report run "))
        .map(|s| s.split(' ').next().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn a_late_feed_holds_the_monthly_run_until_it_covers_the_month() {
    let dir = tempfile::tempdir().unwrap();
    let (s, feeds) = late_portaal(dir.path(), 10);
    let rt = rt();
    let tick = |now: &str| rt.block_on(s.tick(utc(now), gen())).unwrap();
    // 1 May, 06:00 CEST: the pull (and the catch-up of March, whose deadline has long passed).
    let t = tick("2026-05-01T04:00:30Z");
    assert!(t.iter().any(|s| s.starts_with("pull run")), "{t:?}");
    // 07:00 CEST: April is due, but Portaal's export ends on 31 March.
    let t = tick("2026-05-01T05:00:30Z");
    assert!(
        t.iter()
            .any(|s| s.contains("report for 2026-04 waits for portaal (t/m 2026-03-31)")),
        "{t:?}"
    );
    assert!(report_runs(&t).is_empty());
    assert!(report_runs(&tick("2026-05-01T09:00:00Z")).is_empty());
    assert_eq!(
        rt.block_on(async {
            s.late_feeds("2026-04".parse().unwrap(), utc("2026-05-01T09:00:00Z"))
                .await
        })
        .unwrap(),
        vec![("portaal".to_string(), Some("2026-03-31".parse().unwrap()))]
    );
    // Portaal sends an export that runs to the end of April; the next pull picks it up and the
    // run goes, complete.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(feeds.join("portaal.csv"))
        .unwrap();
    writeln!(f, "w10;GM0344;30-04-2026;HF;").unwrap();
    drop(f);
    let t = tick("2026-05-02T04:00:30Z");
    let runs = report_runs(&t);
    assert_eq!(runs.len(), 1, "{t:?}");
    let key = figures(dir.path(), runs[0], "key_figures.csv");
    assert!(!key.contains("incomplete"), "{key}");
    assert!(tick("2026-05-02T05:00:30Z").is_empty(), "once");
}

#[test]
fn a_feed_still_late_at_the_deadline_goes_out_marked_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = late_portaal(dir.path(), 2);
    let rt = rt();
    let tick = |now: &str| rt.block_on(s.tick(utc(now), gen())).unwrap();
    tick("2026-05-01T04:00:30Z");
    assert!(report_runs(&tick("2026-05-01T05:00:30Z")).is_empty());
    assert!(report_runs(&tick("2026-05-03T04:59:00Z")).is_empty());
    // Two days after the report time: the reports go, Portaal's share marked.
    let t = tick("2026-05-03T05:00:30Z");
    let runs = report_runs(&t);
    assert_eq!(runs.len(), 1, "{t:?}");
    let key = figures(dir.path(), runs[0], "key_figures.csv");
    let utrecht = key.lines().find(|l| l.contains(",GM0344,")).unwrap();
    assert!(utrecht.contains(",incomplete,"), "{utrecht}");
    let houten = key.lines().find(|l| l.contains(",GM0321,")).unwrap();
    assert!(
        !houten.contains("incomplete"),
        "no Portaal homes there: {houten}"
    );
    let realisation = figures(dir.path(), runs[0], "realisation.csv");
    let portaal = realisation
        .lines()
        .find(|l| l.contains(",GM0344,Portaal,"))
        .unwrap();
    let status = |l: &str| l.split(',').nth(6).unwrap_or_default().to_string();
    assert_eq!(status(portaal), "incomplete", "{portaal}");
    let mitros = realisation
        .lines()
        .find(|l| l.contains(",GM0344,Mitros,"))
        .unwrap();
    assert_ne!(status(mitros), "incomplete", "{mitros}");
    // The documents say so in words.
    let pdf = walk(&dir.path().join(format!("state/archive/run-{}", runs[0])))
        .into_iter()
        .find(|p| p.to_string_lossy().ends_with("gemeente-utrecht_GM0344.pdf"))
        .unwrap();
    let text = pdf_text(&pdf);
    assert!(text.contains("onvolledig"), "{text}");
    assert!(
        text.contains("gegevens Portaal t/m 31 maart 2026"),
        "{text}"
    );
}

fn pdf_text(pdf: &Path) -> String {
    let o = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_declared_end_date_marks_the_corporation_incomplete_in_report() {
    let dir = tempfile::tempdir().unwrap();
    let feeds = dir.path().join("feeds");
    std::fs::create_dir_all(&feeds).unwrap();
    split_small_fixture(&feeds);
    let mitros = format!("path = {:?}", feeds.join("mitros.csv"));
    let cfg = config(
        dir.path(),
        &feed_blocks(&feeds, &mitros, "covers_until = \"2026-03-15\""),
        "",
    );
    let o = support::woonmonitor(&cfg, &["report", "--period", "2026-04", "--no-pdf"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("incomplete feeds"), "{out}");
    assert!(out.contains("  - portaal: data up to 2026-03-15"), "{out}");
    assert!(!out.contains("  - mitros:"), "{out}");
    let key = std::fs::read_to_string(dir.path().join("internal/2026-04/figures/key_figures.csv"))
        .unwrap();
    let utrecht = key.lines().find(|l| l.contains(",GM0344,")).unwrap();
    assert!(utrecht.contains(",incomplete,"), "{utrecht}");
    // For February, the feed is complete.
    let o = support::woonmonitor(&cfg, &["report", "--period", "2026-02", "--no-pdf"]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("incomplete feeds"));
}

//! A corporation cannot inflate the published figures (issue 32, item 2), tried as one that
//! would: look-alike copies of its own numbers, another corporation's homes delivered as its
//! own, and an upload that raises months already reported far beyond its own history.

use std::path::Path;

use crate::support::*;

/// Appends `lines` to a CSV file (after a line break).
pub(crate) fn append(path: &Path, lines: &str) {
    let mut text = std::fs::read_to_string(path).unwrap();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(lines);
    std::fs::write(path, text).unwrap();
}

/// `report --period P` with a fixed run date; the internal figures folder.
pub(crate) fn report(cfg: &Path, dir: &Path, period: &str) -> std::path::PathBuf {
    let o = woonmonitor(
        cfg,
        &[
            "report",
            "--period",
            period,
            "--run-date",
            "2026-12-07",
            "--no-pdf",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    dir.join("internal").join(period).join("figures")
}

#[test]
fn look_alike_numbers_are_the_same_home_and_the_same_application() {
    // Regression: a home number in lower case, with a zero-width space or in full-width digits
    // counted as a new home, so a corporation could double its figures with copies.
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let drop = sample_copy(dir.path(), &cfg);
    let before =
        std::fs::read_to_string(report(&cfg, dir.path(), "2026-10").join("realisation.csv"))
            .unwrap();
    let feed = drop.join("feeds/bo-ex.csv");
    let original = std::fs::read_to_string(&feed).unwrap();
    let line = original
        .lines()
        .find(|l| l.contains(",2026-"))
        .expect("a Bo-Ex home of 2026")
        .to_string();
    let id = line.split(',').next().unwrap().to_string();
    let rest = &line[id.len()..];
    let fullwidth: String = id
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
        .collect();
    let zero_width = format!("{}\u{200b}{}", &id[..3], &id[3..]);
    append(
        &feed,
        &format!(
            "{}{rest}\n{fullwidth}{rest}\n{zero_width}{rest}\n\u{feff}{id}{rest}\n",
            id.to_lowercase()
        ),
    );
    // An application of this year again, its number in lower case and in full-width digits.
    let applications = drop.join("applications.csv");
    let text = std::fs::read_to_string(&applications).unwrap();
    let application = text
        .lines()
        .find(|l| l.contains("-2026;"))
        .expect("an application of 2026")
        .to_string();
    let number = application.split(';').next().unwrap().to_string();
    let tail = &application[number.len()..];
    let wide: String = number
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
        .collect();
    append(
        &applications,
        &format!("{}{tail}\n{wide}{tail}\n", number.to_lowercase()),
    );
    let after =
        std::fs::read_to_string(report(&cfg, dir.path(), "2026-10").join("realisation.csv"))
            .unwrap();
    assert_eq!(before, after, "four look-alike copies changed the figures");
    let rejected =
        std::fs::read_to_string(dir.path().join("internal/2026-10/rejected/bo-ex.csv")).unwrap();
    assert_eq!(
        rejected
            .matches(&format!("\"\"{id}\"\" komt dubbel voor"))
            .count(),
        4,
        "each copy is rejected as the same home:\n{rejected}"
    );
    let rejected = std::fs::read_to_string(
        dir.path()
            .join("internal/2026-10/rejected/applications.csv"),
    )
    .unwrap();
    assert_eq!(
        rejected
            .matches(&format!("\"\"{number}\"\" komt dubbel voor"))
            .count(),
        2,
        "each copy is rejected as the same application:\n{rejected}"
    );
}

/// `woonmonitor regenerate --period P` for everything; the run's id.
fn regenerate(cfg: &Path, period: &str) -> i64 {
    let o = woonmonitor(cfg, &["regenerate", "--period", period]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    out.split("run ")
        .nth(1)
        .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|r| r.parse().ok())
        .unwrap_or_else(|| panic!("no run id in {out}"))
}

/// A corporation's homes delivered in the year so far in Utrecht, per `realisation.csv`.
fn delivered_in_utrecht(realisation: &str, corporation: &str) -> u64 {
    realisation
        .lines()
        .find(|l| l.contains(&format!(",GM0344,{corporation},")))
        .and_then(|l| l.split(',').nth(3))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no line for {corporation}: {realisation}"))
}

/// Mitros's homes of 2026 in Utrecht from the sample's canonical deliveries, as Portaal's
/// export would list them (its columns, `prefix` before each number, no application number or
/// the application's own).
pub(crate) fn mitros_homes_as_portaal(prefix: &str, with_application: bool) -> (String, usize) {
    let all = std::fs::read_to_string(root().join("data/sample/deliveries.csv")).unwrap();
    let mut lines = String::new();
    let mut n = 0;
    for l in all
        .lines()
        .filter(|l| l.contains(";Mitros;GM0344;") && l.contains("-2026;"))
    {
        let f: Vec<&str> = l.split(';').collect();
        let form = match f[4] {
            "Housing First" => "HF",
            "Gemengd wonen" => "GW",
            "Pitstop" => "PS",
            _ => "LO",
        };
        let application = if with_application { f[5] } else { "" };
        lines.push_str(&format!(
            "{prefix}{};GM0344;{};{form};{application}\n",
            f[0], f[3]
        ));
        n += 1;
    }
    (lines, n)
}

#[test]
fn another_corporations_homes_delivered_as_its_own_are_held_until_an_operator_approves() {
    // Regression: Portaal uploaded Mitros's homes of 2026 as its own (numbers prefixed "P", no
    // application numbers): Utrecht went from below the lower bound to within the band and the
    // run was published without a word.
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let drop = sample_copy(dir.path(), &cfg);
    let period = due_month();
    let o = woonmonitor(&cfg, &["pull"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let first = regenerate(&cfg, &period);
    let before = crate::feeds::figures(dir.path(), first, "realisation.csv");
    let (copies, n) = mitros_homes_as_portaal("P", false);
    assert!(n > 40, "{n} homes of Mitros in 2026");
    append(&drop.join("feeds/portaal.csv"), &copies);
    let o = woonmonitor(&cfg, &["pull"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // Held: the operator is told what and why, and a run counts the previous delivery.
    let db = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite")).unwrap();
    let mails: Vec<String> = db
        .prepare("SELECT subject || body FROM outbox WHERE subject LIKE '%aangehouden%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        mails.len(),
        1,
        "one mail to the operator about the held delivery"
    );
    assert!(mails[0].contains("Portaal"), "{}", mails[0]);
    let held = regenerate(&cfg, &period);
    let during = crate::feeds::figures(dir.path(), held, "realisation.csv");
    assert_eq!(
        delivered_in_utrecht(&during, "Portaal"),
        delivered_in_utrecht(&before, "Portaal"),
        "the held delivery counts for nothing"
    );
    let utrecht = crate::feeds::walk(&dir.path().join(format!("state/archive/run-{held}")))
        .into_iter()
        .find(|p| {
            p.to_string_lossy()
                .ends_with("_gemeente-utrecht_GM0344.pdf")
        })
        .expect("Utrecht's document");
    let text = crate::reports::squash(&crate::reports::pdftotext(&utrecht));
    assert!(
        text.contains("Aangehouden levering") && text.contains("Portaal"),
        "the document says what is held: {text}"
    );

    // Approved, it counts.
    let service = crate::feeds::service(&cfg);
    let review = service.review(chrono::Utc::now()).unwrap();
    assert_eq!(review.held.len(), 1);
    assert!(
        review.held[0].findings.iter().any(|f| f.contains("2026")),
        "{:?}",
        review.held[0].findings
    );
    assert_eq!(
        review.held[0].rows.as_array().map(Vec::len),
        Some(n),
        "every copied home is a row to look at"
    );
    service
        .decide_held_delivery(review.held[0].snapshot_id, true, "test", chrono::Utc::now())
        .unwrap();
    let approved = regenerate(&cfg, &period);
    let after = crate::feeds::figures(dir.path(), approved, "realisation.csv");
    assert!(
        delivered_in_utrecht(&after, "Portaal") > delivered_in_utrecht(&before, "Portaal"),
        "approved, the delivery counts"
    );
}

#[test]
fn a_held_delivery_left_in_place_is_told_once_never_makes_its_source_stale_and_a_rejection_holds() {
    // Regression (found by the year under libfaketime, tests/it/year.rs): the held file, still
    // in the drop folder, was judged again at every pull: the operator was mailed each time,
    // the feed counted as not fetched since, so every later month was held for everyone; and a
    // rejected delivery was opened again at the next pull.
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let drop = sample_copy(dir.path(), &cfg);
    let pull = || {
        let o = woonmonitor(&cfg, &["pull"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    pull();
    regenerate(&cfg, &due_month());
    let (copies, _) = mitros_homes_as_portaal("P", false);
    append(&drop.join("feeds/portaal.csv"), &copies);
    pull();
    let db = rusqlite::Connection::open(dir.path().join("state/woonmonitor.sqlite")).unwrap();
    let checked = || -> String {
        db.query_row(
            "SELECT checked_at FROM source_checks WHERE feed = 'portaal'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let held_mails = || -> i64 {
        db.query_row(
            "SELECT count(*) FROM outbox WHERE dedup_key LIKE 'held-delivery|%'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let first = checked();
    pull();
    pull();
    assert_eq!(held_mails(), 1, "the operator is told once");
    assert!(checked() > first, "the source was reached: not stale");
    let service = crate::feeds::service(&cfg);
    let review = service.review(chrono::Utc::now()).unwrap();
    assert_eq!(review.held.len(), 1);
    assert!(review.held[0].decision.is_none(), "it still waits");
    let id = review.held[0].snapshot_id;

    service
        .decide_held_delivery(id, false, "test", chrono::Utc::now())
        .unwrap();
    pull();
    let review = service.review(chrono::Utc::now()).unwrap();
    assert_eq!(review.held.len(), 1, "{:?}", review.held);
    assert_eq!(
        review.held[0].decision.as_deref(),
        Some("rejected"),
        "a rejection holds when the same file is pulled again"
    );
    assert_eq!(held_mails(), 1);
    let current: i64 = db
        .query_row(
            "SELECT snapshot_id FROM source_checks WHERE feed = 'portaal'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_ne!(
        current, id,
        "the rejected delivery is not the feed's current one"
    );
}

#[test]
fn a_home_naming_an_application_another_corporation_housed_counts_for_nobody_until_decided() {
    // Regression: Portaal delivered Mitros's homes of 2026 with their application numbers, and
    // every one counted for Portaal as well.
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let drop = sample_copy(dir.path(), &cfg);
    let period = due_month();
    let o = woonmonitor(&cfg, &["pull"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let first = regenerate(&cfg, &period);
    let before = crate::feeds::figures(dir.path(), first, "realisation.csv");
    // Three homes: below every hold's limits, so only the register tells.
    let (copies, _) = mitros_homes_as_portaal("P", true);
    let three: String = copies.lines().take(3).map(|l| format!("{l}\n")).collect();
    append(&drop.join("feeds/portaal.csv"), &three);
    let o = woonmonitor(&cfg, &["pull"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let run = regenerate(&cfg, &period);
    let during = crate::feeds::figures(dir.path(), run, "realisation.csv");
    assert_eq!(during, before, "the three homes count for no one");
    let service = crate::feeds::service(&cfg);
    let review = service.review(chrono::Utc::now()).unwrap();
    assert_eq!(review.conflicts.len(), 3, "{:?}", review.conflicts);
    assert!(review
        .conflicts
        .iter()
        .all(|c| c.register.as_deref() == Some("Mitros")));
    // The register is right about one, Portaal about another.
    let (one, two) = (&review.conflicts[0], &review.conflicts[1]);
    service
        .decide_application(&one.application, Some("Mitros"), "test", chrono::Utc::now())
        .unwrap();
    service
        .decide_application(
            &two.application,
            Some("Portaal"),
            "test",
            chrono::Utc::now(),
        )
        .unwrap();
    assert!(
        service
            .decide_application(&two.application, Some("Bo-Ex"), "test", chrono::Utc::now())
            .is_err(),
        "only a corporation that claims it"
    );
    let run = regenerate(&cfg, &period);
    let after = crate::feeds::figures(dir.path(), run, "realisation.csv");
    // One of Mitros's homes now counts for Portaal instead (if both are in this year).
    assert_eq!(
        delivered_in_utrecht(&after, "Portaal") + delivered_in_utrecht(&after, "Mitros"),
        delivered_in_utrecht(&before, "Portaal") + delivered_in_utrecht(&before, "Mitros"),
        "one home per application"
    );
    assert_eq!(
        service.review(chrono::Utc::now()).unwrap().conflicts.len(),
        1
    );
}

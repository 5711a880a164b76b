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

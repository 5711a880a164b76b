//! Reports for a quarter and a year, end to end: the months they cover, the comparison with the
//! same period a year earlier, the band pro rata, and no forecast once a report reaches
//! December.

use std::process::Command;

use crate::reports::{pdftotext, root, squash, woonmonitor};

#[test]
fn quarter_and_year_reports_cover_their_months_and_compare_with_a_year_earlier() {
    let out = tempfile::tempdir().unwrap();
    for period in ["2026-Q3", "2025"] {
        woonmonitor(&[
            "report",
            "--period",
            period,
            "--run-date",
            "2026-11-05",
            "--generated-at",
            "2026-11-01T07:00:00",
            "--out",
            out.path().to_str().unwrap(),
            "--internal",
            out.path().join("internal").to_str().unwrap(),
        ]);
    }
    let q = squash(&pdftotext(
        &out.path()
            .join("2026-Q3/2026-Q3_gemeente-utrecht_GM0344.pdf"),
    ));
    assert!(
        q.contains("Gemeente Utrecht — 3e kwartaal 2026 (juli t/m september)"),
        "{q}"
    );
    assert!(q.contains("De cijfers lopen van 1 juli tot en met eind september 2026."));
    assert!(q.contains("In het 3e kwartaal van 2026 zijn"), "{q}");
    assert!(q.contains("Naar rato van 3 van de 12 maanden"), "{q}");
    assert!(
        q.contains("3e kw. 2026 3e kw. 2025"),
        "the same quarter a year earlier: {q}"
    );
    assert!(q.contains("Bandbreedte naar rato (3/12)"));
    assert!(q.contains("3e kwartaal 2026 · gegenereerd"), "footer: {q}");
    let y = squash(&pdftotext(
        &out.path().join("2025/2025_gemeente-utrecht_GM0344.pdf"),
    ));
    assert!(y.contains("Gemeente Utrecht — het jaar 2025"), "{y}");
    assert!(y.contains("In heel 2025 zijn"), "{y}");
    assert!(
        y.contains("Over het hele jaar ligt de bandbreedte"),
        "not pro rata: {y}"
    );
    assert!(
        !y.contains("naar rato (12/12)") && !y.contains("In dit tempo"),
        "{y}"
    );
    // The year's homes equal the next year's lower bound, as defined.
    let m = squash(&pdftotext(&out.path().join("2025/2025_regio-u16.pdf")));
    assert!(
        m.contains("Regio U16: alle gemeenten — het jaar 2025"),
        "{m}"
    );
    // Figures and the published table are named after the period too.
    assert!(out
        .path()
        .join("internal/2026-Q3/figures/realisation.csv")
        .exists());
    assert!(out
        .path()
        .join("2026-Q3/2026-Q3_tabel_regio-u16.csv")
        .exists());
    assert!(out.path().join("2025/2025_corporatie-mitros.xlsx").exists());
    // A quarter that is not one is a usage error.
    let o = Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
        .args(["report", "--period", "2026-Q5"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("YYYY-Qn for a quarter"));
}

#[test]
fn a_report_that_reaches_december_forecasts_nothing() {
    // The year 2025, its last quarter and December (the year to date) end with the year: there is
    // no year end left to forecast, the "forecast" would only repeat (or, for the quarter,
    // contradict) what was realised. A quarter and a month before December still forecast.
    let out = tempfile::tempdir().unwrap();
    for period in ["2025", "2025-Q4", "2025-12", "2026-Q3", "2026-10"] {
        woonmonitor(&[
            "report",
            "--period",
            period,
            "--run-date",
            "2026-11-05",
            "--generated-at",
            "2026-11-01T07:00:00",
            "--out",
            out.path().to_str().unwrap(),
            "--internal",
            out.path().join("internal").to_str().unwrap(),
        ]);
    }
    let text = |period: &str, name: &str| {
        squash(&pdftotext(
            &out.path().join(period).join(format!("{period}_{name}.pdf")),
        ))
    };
    for period in ["2025", "2025-Q4", "2025-12"] {
        for name in ["gemeente-utrecht_GM0344", "regio-u16", "corporatie-mitros"] {
            let t = text(period, name);
            for forecast in [
                "Prognose",
                "prognose",
                "In dit tempo",
                "huidige tempo",
                "risico",
            ] {
                assert!(!t.contains(forecast), "{period} {name}: {forecast} in {t}");
            }
        }
        let t = text(period, "gemeente-utrecht_GM0344");
        assert!(t.contains("Bandbreedte"), "{period}: still the band: {t}");
    }
    for period in ["2026-Q3", "2026-10"] {
        for name in ["gemeente-utrecht_GM0344", "regio-u16"] {
            let t = text(period, name);
            assert!(
                t.contains("Prognose eind 2026 (80%-band)"),
                "{period} {name}: {t}"
            );
            assert!(t.contains("Bij het huidige tempo eindigt"), "{t}");
            assert!(
                t.contains("Prognose: hoeveel woningen er eind 2026 waarschijnlijk"),
                "{t}"
            );
        }
    }
    // The internal key figures leave the forecast empty too.
    let csv =
        std::fs::read_to_string(out.path().join("internal/2025/figures/key_figures.csv")).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "forecast_year_end")
        .unwrap();
    for line in lines {
        for c in col..col + 6 {
            assert_eq!(line.split(',').nth(c), Some(""), "{line}");
        }
    }
}

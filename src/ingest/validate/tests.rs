//! What a delivered cell can and cannot reach: a rejection's kind (what the console, the portal
//! and the store show) holds no character of the cell, whatever the cell holds; and a home is
//! its corporation's number, judged the same whatever order the feeds are configured in.

use std::path::Path;

use chrono::NaiveDate;
use proptest::prelude::*;

use crate::config::{CorporationSetting, Reference, SourceSetting};
use crate::domain::MunicipalityCode;
use crate::ingest::{feed, ingest, PlannedFeed, SourcePlan};
use crate::schema::SourceKind;

fn reference() -> Reference {
    Reference::new(
        vec![
            (MunicipalityCode::parse("GM0344").unwrap(), "Utrecht".into()),
            (MunicipalityCode::parse("GM0321").unwrap(), "Houten".into()),
        ],
        ["Mitros", "Portaal"]
            .iter()
            .map(|c| CorporationSetting {
                code: c.to_string(),
                name: c.to_string(),
                aliases: vec![],
            })
            .collect(),
        vec!["MO".into(), "BW".into()],
        vec!["Housing First".into()],
    )
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// A CSV cell as Excel writes one: quoted, quotes doubled.
fn quoted(cell: &str) -> String {
    format!("\"{}\"", cell.replace('"', "\"\""))
}

fn write_csv(path: &Path, header: &str, rows: &[Vec<String>]) {
    let mut text = format!("{header}\n");
    for r in rows {
        text.push_str(&r.iter().map(|c| quoted(c)).collect::<Vec<_>>().join(";"));
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
}

fn planned(name: &str, kind: SourceKind, path: &Path, corporation: Option<&str>) -> PlannedFeed {
    PlannedFeed {
        name: name.to_string(),
        kind,
        path: path.to_path_buf(),
        setting: SourceSetting {
            path: path.to_path_buf(),
            corporation: corporation.map(str::to_string),
            ..Default::default()
        },
        export_date: None,
        projected: false,
        notes: Vec::new(),
    }
}

/// The kinds of every rejection of one feed of `kind` with `rows`.
fn kinds(kind: SourceKind, header: &str, rows: &[Vec<String>], own: Option<&str>) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.csv");
    write_csv(&path, header, rows);
    let reference = reference();
    let src = feed::open_all(&[&planned("feed", kind, &path, own)])
        .unwrap()
        .remove(0);
    let map = &src.map;
    let rejections = match kind {
        SourceKind::Applications => {
            let rules = super::ApplicationRules {
                map,
                reference: &reference,
                today: today(),
            };
            src.validate(&rules).unwrap().1.rejections
        }
        SourceKind::Deliveries => {
            let rules = super::DeliveryRules {
                map,
                reference: &reference,
                today: today(),
                feed_corporation: src.corporation(&reference).unwrap(),
            };
            src.validate(&rules).unwrap().1.rejections
        }
        SourceKind::Commitments => {
            let rules = super::CommitmentRules {
                map,
                reference: &reference,
                feed_corporation: src.corporation(&reference).unwrap(),
            };
            src.validate(&rules).unwrap().1.rejections
        }
    };
    rejections.into_iter().flat_map(|r| r.kinds).collect()
}

/// A feed of one kind with its header, rows and own corporation.
type Placement = (
    SourceKind,
    &'static str,
    Vec<Vec<String>>,
    Option<&'static str>,
);

/// Every way one cell can be wrong, with the cell in it.
fn placements(cell: &str) -> Vec<Placement> {
    let c = cell.to_string();
    let s = |v: &str| v.to_string();
    let apps = "application_id;received_on;municipality_code;origin;housed_on";
    let dels = "dwelling_id;corporation;municipality_code;delivered_on";
    let coms = "year;corporation;municipality_code;lower;upper";
    vec![
        // A date, a housed date, a municipality code in applications.
        (
            SourceKind::Applications,
            apps,
            vec![vec![s("A1"), c.clone(), s("GM0344"), s("MO"), s("")]],
            None,
        ),
        (
            SourceKind::Applications,
            apps,
            vec![vec![
                s("A1"),
                s("01-03-2026"),
                s("GM0344"),
                s("MO"),
                c.clone(),
            ]],
            None,
        ),
        (
            SourceKind::Applications,
            apps,
            vec![vec![s("A1"), s("01-03-2026"), c.clone(), s("MO"), s("")]],
            None,
        ),
        // An id twice (a duplicate), and a second row with the id and a bad date.
        (
            SourceKind::Applications,
            apps,
            vec![
                vec![c.clone(), s("01-03-2026"), s("GM0344"), s("MO"), s("")],
                vec![c.clone(), s("02-03-2026"), s("GM0344"), s("MO"), s("")],
                vec![c.clone(), s("x"), s("GM0344"), s("MO"), s("")],
            ],
            None,
        ),
        // Deliveries: another corporation in a corporation's own feed, a date, a duplicate.
        (
            SourceKind::Deliveries,
            dels,
            vec![vec![s("W1"), c.clone(), s("GM0344"), s("01-03-2026")]],
            Some("Mitros"),
        ),
        (
            SourceKind::Deliveries,
            dels,
            vec![vec![s("W1"), s("Mitros"), s("GM0344"), c.clone()]],
            None,
        ),
        (
            SourceKind::Deliveries,
            dels,
            vec![
                vec![c.clone(), s("Mitros"), s("GM0344"), s("01-03-2026")],
                vec![c.clone(), s("Mitros"), s("GM0344"), s("02-03-2026")],
            ],
            None,
        ),
        // Commitments: a year, a number, another corporation, a duplicate of an unknown one.
        (
            SourceKind::Commitments,
            coms,
            vec![vec![c.clone(), s("Mitros"), s("GM0344"), s("1"), s("2")]],
            None,
        ),
        (
            SourceKind::Commitments,
            coms,
            vec![vec![s("2026"), s("Mitros"), s("GM0344"), c.clone(), s("2")]],
            None,
        ),
        (
            SourceKind::Commitments,
            coms,
            vec![vec![s("2026"), c.clone(), s("GM0344"), s("1"), s("2")]],
            Some("Mitros"),
        ),
        (
            SourceKind::Commitments,
            coms,
            vec![
                vec![s("2026"), c.clone(), s("GM0344"), s("1"), s("2")],
                vec![s("2026"), c.clone(), s("GM0344"), s("1"), s("3")],
            ],
            None,
        ),
    ]
}

/// Runs of three or more letters of `cell` that are in one of `kinds`.
fn leaked(cell: &str, kinds: &[String]) -> Vec<String> {
    let letters: Vec<char> = cell.chars().collect();
    let mut out = Vec::new();
    for w in letters.windows(3) {
        if w.iter().all(|c| c.is_alphabetic()) {
            let needle: String = w.iter().collect();
            if kinds.iter().any(|k| k.contains(&needle)) {
                out.push(needle);
            }
        }
    }
    out
}

#[test]
fn a_quoted_name_in_a_date_cell_is_not_in_the_reason() {
    // Regression: `3-11-2026 "Klaas Vaak"` was shown as `datum "…"Klaas Vaak"…"` (the masking
    // stopped at the first quote of the cell).
    for cell in [
        "3-11-2026 \"Klaas Vaak\"",
        "Klaas \u{201e}Vaak\u{201c}",
        "\\\"Klaas\\\" Vaak",
        "Klaas\nVaak",
        &"Klaas Vaak ".repeat(500),
    ] {
        for (kind, header, rows, own) in placements(cell) {
            let k = kinds(kind, header, &rows, own);
            assert!(!k.is_empty(), "{kind}: {rows:?} is rejected");
            for text in &k {
                assert!(
                    !text.contains("Klaas") && !text.contains("Vaak"),
                    "{kind} {header}: {text}"
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Generated cells of letters no reason's words use (so any run of three found in a reason
    /// came from the cell), quotes of every kind, backslashes, separators, line breaks and
    /// digits: no run of three of the cell's letters is in any reason's kind.
    #[test]
    fn no_three_letters_of_a_cell_reach_a_reason(
        cell in "[QXZJKWYÖÉÜØÆ\"„“”\\\\;\n\r\t 0-9-]{1,60}",
    ) {
        prop_assume!(!cell.trim().is_empty());
        for (kind, header, rows, own) in placements(&cell) {
            let k = kinds(kind, header, &rows, own);
            let leaks = leaked(&cell, &k);
            prop_assert!(leaks.is_empty(), "{} {}: {:?} in {:?}", kind, header, leaks, k);
        }
    }
}

/// Two corporations' deliveries feeds, in either order, with `extra` rows in Portaal's.
fn delivered_by(portaal_first: bool, extra: &[&str]) -> (Vec<(String, String)>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("applications.csv");
    std::fs::write(
        &apps,
        "application_id;received_on;municipality_code;origin\nA1;01-03-2026;GM0344;MO\n",
    )
    .unwrap();
    let mitros = dir.path().join("mitros.csv");
    std::fs::write(
        &mitros,
        "dwelling_id;municipality_code;delivered_on\nM1;GM0344;01-03-2026\nM2;GM0344;02-03-2026\nM3;GM0344;03-03-2026\n",
    )
    .unwrap();
    let portaal = dir.path().join("portaal.csv");
    let mut text = "dwelling_id;municipality_code;delivered_on\nP1;GM0344;01-04-2026\n".to_string();
    for id in extra {
        text.push_str(&format!("{id};GM0344;05-04-2026\n"));
    }
    std::fs::write(&portaal, text).unwrap();
    let m = planned("mitros", SourceKind::Deliveries, &mitros, Some("Mitros"));
    let p = planned("portaal", SourceKind::Deliveries, &portaal, Some("Portaal"));
    let mut feeds = vec![planned(
        "applications",
        SourceKind::Applications,
        &apps,
        None,
    )];
    if portaal_first {
        feeds.extend([p, m]);
    } else {
        feeds.extend([m, p]);
    }
    let plan = SourcePlan {
        feeds,
        ..SourcePlan::default()
    };
    let ds = ingest(&plan, &reference(), today()).unwrap();
    let mut rows: Vec<(String, String)> = (0..ds.deliveries.dwelling_id.len())
        .map(|k| {
            (
                ds.deliveries.corporation.get(k).unwrap().to_string(),
                ds.deliveries.dwelling_id.get(k).unwrap().to_string(),
            )
        })
        .collect();
    rows.sort();
    (rows, ds.notices)
}

#[test]
fn another_corporations_numbers_in_a_delivery_remove_none_of_its_homes() {
    // Regression: duplicates across feeds were matched on the home number alone and the feed
    // listed first won, so Portaal could remove Mitros's homes by delivering their numbers.
    for portaal_first in [true, false] {
        let (rows, notices) = delivered_by(portaal_first, &["M1", "M2"]);
        let mitros: Vec<&str> = rows
            .iter()
            .filter(|(c, _)| c == "Mitros")
            .map(|(_, id)| id.as_str())
            .collect();
        assert_eq!(mitros, ["M1", "M2", "M3"], "Portaal first: {portaal_first}");
        // Portaal's own rows with those numbers are its homes: both kept.
        assert_eq!(rows.len(), 6, "{rows:?}");
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(
            notices[0].contains("Mitros")
                && notices[0].contains("Portaal")
                && notices[0].contains(" 2 "),
            "{}",
            notices[0]
        );
    }
    let (_, notices) = delivered_by(true, &[]);
    assert!(notices.is_empty(), "{notices:?}");
}

#[test]
fn one_corporations_home_in_its_own_feed_and_a_shared_file_counts_once_whatever_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join("applications.csv");
    std::fs::write(
        &apps,
        "application_id;received_on;municipality_code;origin\nA1;01-03-2026;GM0344;MO\n",
    )
    .unwrap();
    let own = dir.path().join("mitros.csv");
    std::fs::write(
        &own,
        "dwelling_id;municipality_code;delivered_on\nM1;GM0344;01-03-2026\n",
    )
    .unwrap();
    let shared = dir.path().join("shared.csv");
    std::fs::write(
        &shared,
        "dwelling_id;corporation;municipality_code;delivered_on\nM1;mitros;GM0344;09-03-2026\nM1;Portaal;GM0344;10-03-2026\n",
    )
    .unwrap();
    for own_first in [true, false] {
        let o = planned("mitros", SourceKind::Deliveries, &own, Some("Mitros"));
        let s = planned("gedeeld", SourceKind::Deliveries, &shared, None);
        let mut feeds = vec![planned(
            "applications",
            SourceKind::Applications,
            &apps,
            None,
        )];
        if own_first {
            feeds.extend([o, s]);
        } else {
            feeds.extend([s, o]);
        }
        let ds = ingest(
            &SourcePlan {
                feeds,
                ..SourcePlan::default()
            },
            &reference(),
            today(),
        )
        .unwrap();
        // Mitros's M1 once (its own feed's row, of 1 March), Portaal's M1 too.
        let mut rows: Vec<(String, String)> = (0..ds.deliveries.dwelling_id.len())
            .map(|k| {
                (
                    ds.deliveries.corporation.get(k).unwrap().to_string(),
                    ds.deliveries.delivered_on[k].to_string(),
                )
            })
            .collect();
        rows.sort();
        assert_eq!(
            rows,
            [
                ("Mitros".to_string(), "2026-03-01".to_string()),
                ("Portaal".to_string(), "2026-03-10".to_string())
            ],
            "own feed first: {own_first}"
        );
        let shared_report = ds.reports.iter().find(|r| r.name == "gedeeld").unwrap();
        assert_eq!(shared_report.rejected, 1);
        assert!(
            shared_report.rejections[0].reason.contains("feed mitros"),
            "{}",
            shared_report.rejections[0].reason
        );
        assert_eq!(ds.notices.len(), 1, "{:?}", ds.notices);
    }
}

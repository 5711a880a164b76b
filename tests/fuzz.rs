//! Hostile input, generated: random bytes and mutated valid files (CSV and xlsx) through the
//! scanner, the validators and the projection. Properties: nothing panics; a file is read or
//! refused with a `SourceError`; rows read = accepted + rejected for every feed; and a snapshot's
//! projection reads back to the same counts and rejected lines as the delivered file.
//!
//! CI runs a fixed number of cases; run longer with
//! `WOONMONITOR_FUZZ_CASES=20000 cargo test --release --test fuzz`.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use woonmonitor::config::{LoadOptions, Reference, Settings, SourceSetting};
use woonmonitor::ingest::{self, PlannedFeed, SourcePlan};
use woonmonitor::schema::SourceKind;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cases() -> u32 {
    std::env::var("WOONMONITOR_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

fn reference() -> Reference {
    Settings::load(&LoadOptions {
        file: Some(root().join("config/default.toml")),
        env: Some(Default::default()),
    })
    .unwrap()
    .1
}

fn feed(kind: SourceKind, path: &Path) -> PlannedFeed {
    PlannedFeed {
        name: kind.as_str().to_string(),
        kind,
        path: path.to_path_buf(),
        setting: SourceSetting {
            path: path.to_path_buf(),
            ..Default::default()
        },
        export_date: None,
        projected: false,
        notes: Vec::new(),
    }
}

/// A mutation of a valid file: bytes that break quoting, separators, lines and encodings.
fn mutate(base: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    const NASTY: &[u8] = b"\";,\n\r\t\0\xff\xc3\xa9 0123456789-/:GMx";
    let mut b = base.to_vec();
    for &(at, op, v) in edits {
        if b.is_empty() {
            b.push(v);
            continue;
        }
        let at = at % b.len();
        match op % 6 {
            0 => b.insert(at, NASTY[v as usize % NASTY.len()]),
            1 => {
                b.remove(at);
            }
            2 => b[at] = v,
            3 => {
                // Duplicate a line.
                let start = b[..at]
                    .iter()
                    .rposition(|c| *c == b'\n')
                    .map_or(0, |i| i + 1);
                let end = b[at..]
                    .iter()
                    .position(|c| *c == b'\n')
                    .map_or(b.len(), |i| at + i + 1);
                let line = b[start..end].to_vec();
                b.splice(end..end, line);
            }
            4 => b.truncate(at),
            _ => b.insert(at, b'"'),
        }
    }
    b
}

/// Ingests `bytes` as the applications (beside the small fixture's deliveries); checks the
/// invariants and the projection's equivalence.
fn check(bytes: Vec<u8>, ext: &str, reference: &Reference) {
    let dir = tempfile::tempdir().unwrap();
    let apps = dir.path().join(format!("applications.{ext}"));
    std::fs::write(&apps, &bytes).unwrap();
    let dels = root().join("tests/fixtures/small/deliveries.csv");
    let today = "2026-04-10".parse().unwrap();
    let plan = SourcePlan {
        feeds: vec![
            feed(SourceKind::Applications, &apps),
            feed(SourceKind::Deliveries, &dels),
        ],
    };
    let direct = ingest::ingest(&plan, reference, today);
    let projected = ingest::project::project(&feed(SourceKind::Applications, &apps), bytes);
    match (&direct, projected) {
        (Ok(ds), Ok(p)) => {
            for r in &ds.reports {
                assert_eq!(r.read, r.accepted + r.rejected, "{}", r.name);
            }
            let snap = dir.path().join("snapshot.csv");
            std::fs::write(&snap, &p.csv).unwrap();
            let mut again = feed(SourceKind::Applications, &snap);
            again.projected = true;
            let plan = SourcePlan {
                feeds: vec![again, feed(SourceKind::Deliveries, &dels)],
            };
            let back = ingest::ingest(&plan, reference, today).expect("a projection reads back");
            let (a, b) = (&ds.reports[0], &back.reports[0]);
            assert_eq!(
                (a.read, a.accepted, a.rejected),
                (b.read, b.accepted, b.rejected)
            );
            let lines = |r: &ingest::SourceReport| {
                r.rejections
                    .iter()
                    .map(|x| (x.line, x.reason.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(lines(a), lines(b));
        }
        // Refused both ways, or refused by the projection only for what it alone checks.
        (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) => panic!("read directly but its projection was refused: {e}"),
        (Err(e), Ok(_)) => panic!("refused directly but projected: {e}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let reference = reference();
        check(bytes.clone(), "csv", &reference);
        check(bytes, "xlsx", &reference);
    }

    #[test]
    fn mutated_csv_keeps_the_invariants(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12)
    ) {
        let base = std::fs::read(root().join("tests/fixtures/small/applications.csv")).unwrap();
        check(mutate(&base, &edits), "csv", &reference());
    }

    #[test]
    fn mutated_xlsx_is_read_or_refused(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..6)
    ) {
        let base = std::fs::read(root().join("data/sample/feeds/viveste.xlsx")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.xlsx");
        std::fs::write(&path, mutate(&base, &edits)).unwrap();
        let mut f = feed(SourceKind::Deliveries, &path);
        f.setting.corporation = Some("Viveste".into());
        let plan = SourcePlan { feeds: vec![
            feed(SourceKind::Applications, &root().join("tests/fixtures/small/applications.csv")),
            f,
        ]};
        if let Ok(ds) = ingest::ingest(&plan, &reference(), "2026-11-25".parse().unwrap()) {
            for r in &ds.reports {
                prop_assert_eq!(r.read, r.accepted + r.rejected);
            }
        }
    }
}

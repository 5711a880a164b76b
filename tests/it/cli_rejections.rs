//! Rows the binary rejects and values it warns about, end to end on the small fixture with rows
//! added: every rejection rule of applications, deliveries and commitments with its reason and
//! line, unknown corporations and housing forms as warnings that repeat no value, and formula
//! cells neutralised in the rejected-rows file.

use crate::cli::{counts, figures, fixture, read, report, stderr, stdout};

fn with_rows(extra_apps: &str, extra_dels: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let apps = read(fixture("small/applications.csv")) + extra_apps;
    let dels = read(fixture("small/deliveries.csv")) + extra_dels;
    std::fs::write(dir.path().join("applications.csv"), apps).unwrap();
    std::fs::write(dir.path().join("deliveries.csv"), dels).unwrap();
    dir
}

/// Each `(start, reason)`: the rejected-rows file has a line starting so, with that reason.
fn assert_rejected(rejected: &str, expect: &[(&str, &str)]) {
    for (start, reason) in expect {
        let line = rejected
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no {start} in {rejected}"));
        assert!(line.contains(reason), "{line} lacks {reason}");
    }
}

#[test]
fn every_rejection_rule_with_reason_and_line() {
    let data = with_rows(
        "x1,,GM0344,MO,,,,\n\
         x2,2026-01-01,GM344,MO,,,,\n\
         x3,2026-01-01,GM0307,MO,,,,\n\
         x4,31-02-2025,GM0344,MO,,,,\n\
         x5,2025-13-01,GM0344,MO,,,,\n\
         x6,gisteren,GM0344,MO,,,,\n\
         x7,2026-04-11,GM0344,MO,,,,\n\
         x8,2026-01-10,GM0344,MO,,,2026-01-09,\n\
         x9,2026-01-10,GM0344,MO,,,,2026-01-01\n\
         a1,2026-01-10,GM0344,MO,,,,\n\
         x10,2026-01-10,GM0344,,,,,\n",
        "v1,Mitros,GM0344,2026-05-01,,\n\
         w1,Mitros,GM0344,2026-01-01,,\n\
         v2,,GM0344,2026-01-01,,\n",
    );
    let out = tempfile::tempdir().unwrap();
    let o = report(data.path(), out.path(), &[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "rejected rows are not a failure: {}",
        stderr(&o)
    );
    let s = stdout(&o);
    assert!(counts(&s, "applications", 21, 10, 11), "{}", s);
    assert!(counts(&s, "deliveries", 12, 9, 3), "{}", s);
    let rejected = read(
        out.path()
            .join("internal/2026-03/rejected/applications.csv"),
    );
    let expect = [
        ("12,x1,", "verplicht veld \"\"received_on\"\" is leeg"),
        ("13,x2,", "gemeentecode \"\"GM344\"\" is ongeldig"),
        (
            "14,x3,",
            "gemeentecode GM0307 hoort niet bij de gemeenten van de regio",
        ),
        (
            "15,x4,",
            "\"\"31-02-2025\"\" in \"\"received_on\"\" bestaat niet",
        ),
        (
            "16,x5,",
            "\"\"2025-13-01\"\" in \"\"received_on\"\" bestaat niet",
        ),
        ("17,x6,", "is onleesbaar"),
        ("18,x7,", "ligt na de rundatum 10-04-2026"),
        (
            "19,x8,",
            "datum 09-01-2026 in \"\"housed_on\"\" ligt vóór de datum van ontvangst 10-01-2026",
        ),
        ("20,x9,", "in \"\"withdrawn_on\"\" ligt vóór"),
        (
            "21,a1,",
            // The number as compared: folded (domain::fold_id), so `a1` and `A1` are one.
            "aanvraagnummer \"\"A1\"\" komt dubbel voor; regel 2 telt",
        ),
        ("22,x10,", "verplicht veld \"\"origin\"\" is leeg"),
    ];
    assert!(
        rejected.starts_with("line,application_id,received_on,"),
        "{rejected}"
    );
    assert!(rejected.lines().next().unwrap().ends_with(",reason"));
    assert_rejected(&rejected, &expect);
    let rejected = read(out.path().join("internal/2026-03/rejected/deliveries.csv"));
    assert!(rejected.contains("v1,Mitros,GM0344,2026-05-01,,,\"datum 01-05-2026 in \"\"delivered_on\"\" ligt na de rundatum"), "{rejected}");
    assert!(rejected.contains("woning-id \"\"W1\"\" komt dubbel voor"));
    assert!(rejected.contains("verplicht veld \"\"corporation\"\" is leeg"));
    // The figures are those of the clean fixture: the rejected rows count nowhere.
    let clean_out = tempfile::tempdir().unwrap();
    assert!(report(&fixture("small"), clean_out.path(), &[])
        .status
        .success());
    assert_eq!(
        figures(out.path(), "monthly.csv"),
        figures(clean_out.path(), "monthly.csv")
    );
}

#[test]
fn every_commitments_rejection_rule_with_reason_and_line() {
    let data = with_rows("", "");
    let commitments = read(fixture("small/commitments.csv"))
        + "twintig,Mitros,GM0344,1,2\n\
           1850,Mitros,GM0344,1,2\n\
           2026,Mitros,GM0344,9,3\n\
           2026,portaal,gm0344,5,6\n\
           2026,Mitros,GM0344,drie,4\n\
           2026,Mitros,GM0344,-1,4\n\
           2026,,GM0344,1,2\n\
           2026,Mitros,GM0307,1,2\n\
           2026,Mitros,GM0344,1,2\n";
    std::fs::write(data.path().join("commitments.csv"), commitments).unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = report(data.path(), out.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(counts(&s, "commitments", 10, 2, 8), "{s}");
    let rejected = read(out.path().join("internal/2026-03/rejected/commitments.csv"));
    let expect = [
        (
            "3,twintig,",
            "jaar \"\"twintig\"\" in \"\"year\"\" is geen jaartal",
        ),
        (
            "4,1850,",
            "jaar \"\"1850\"\" in \"\"year\"\" is geen jaartal",
        ),
        (
            "5,2026,Mitros,GM0344,9,3,",
            "ondergrens 9 is groter dan bovengrens 3",
        ),
        (
            "6,2026,portaal,gm0344,",
            "afspraak voor Portaal in GM0344 in 2026 komt dubbel voor; regel 2 telt",
        ),
        (
            "7,2026,Mitros,GM0344,drie,",
            "\"\"drie\"\" in \"\"lower\"\" is geen geheel getal van 0 of meer",
        ),
        (
            "8,2026,Mitros,GM0344,'-1,",
            "\"\"-1\"\" in \"\"lower\"\" is geen geheel getal van 0 of meer",
        ),
        ("9,2026,,", "verplicht veld \"\"corporation\"\" is leeg"),
        (
            "10,2026,Mitros,GM0307,",
            "gemeentecode GM0307 hoort niet bij de gemeenten van de regio",
        ),
    ];
    assert_rejected(&rejected, &expect);
    // The accepted Mitros commitment is in force; the duplicate Portaal one is not.
    let bounds = figures(out.path(), "bounds.csv");
    assert!(
        bounds.contains("2026,GM0344,Portaal,2,4,declared"),
        "{bounds}"
    );
    assert!(
        bounds.contains("2026,GM0344,Mitros,1,2,declared"),
        "{bounds}"
    );
}

#[test]
fn unknown_corporation_and_housing_form_are_warnings() {
    // Five rows share a new housing form (a label: named); one row has a name typed in the
    // housing-form column and one an unknown corporation (each could be a person: counted,
    // never repeated). Regression: every unknown value was repeated in the log and console.
    let apps: String = (1..=5)
        .map(|i| format!("n{i},2026-01-1{i},GM0344,MO,Tiny house,,,\n"))
        .chain(["n9,2026-01-10,GM0344,MO,Jan Qwertyzwaan,,,\n".to_string()])
        .collect();
    let data = with_rows(&apps, "n2,Woonin,GM0344,2026-01-02,,\n");
    let out = tempfile::tempdir().unwrap();
    let o = report(data.path(), out.path(), &[]);
    assert!(o.status.success());
    let s = stdout(&o);
    assert!(
        s.contains("woonvorm \"Tiny house\" staat niet in de referentiegegevens (5 geaccepteerde regel(s))"),
        "{s}"
    );
    assert!(
        s.contains("1 andere waarde(n) voor woonvorm in 1 geaccepteerde regel(s)")
            && s.contains("1 andere waarde(n) voor corporatie in 1 geaccepteerde regel(s)"),
        "{s}"
    );
    let all = format!("{s}{}", String::from_utf8_lossy(&o.stderr));
    for v in ["Qwertyzwaan", "Woonin"] {
        assert!(!all.contains(v), "{v} repeated: {all}");
    }
}

#[test]
fn excel_formula_cells_are_neutralised_in_rejected_rows() {
    let data = with_rows("=HYPERLINK(\"http://x\"),,GM0344,MO,,,,\n", "");
    let out = tempfile::tempdir().unwrap();
    assert!(report(data.path(), out.path(), &[]).status.success());
    let rejected = read(
        out.path()
            .join("internal/2026-03/rejected/applications.csv"),
    );
    assert!(rejected.contains("'=HYPERLINK"), "{rejected}");
}

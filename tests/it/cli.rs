//! The `woonmonitor` binary end to end, on real files in temporary folders. Rejected rows and
//! warnings are in `cli_rejections`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

fn woonmonitor(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
        .args(args)
        .current_dir(root())
        .env_remove("WOONMONITOR_LOG")
        .output()
        .expect("binary runs")
}

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs `report` for 2026-03 with run date 2026-04-10 on `data`, published output in `out`,
/// internal output in `out/internal`.
pub(crate) fn report(data: &Path, out: &Path, extra: &[&str]) -> Output {
    let internal = out.join("internal");
    let mut args = vec![
        "report",
        "--config",
        "config/default.toml",
        "--period",
        "2026-03",
        "--run-date",
        "2026-04-10",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--internal",
        internal.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    woonmonitor(&args)
}

/// Whether the run summary has this line of counts (read, accepted, rejected).
pub(crate) fn counts(
    summary: &str,
    source: &str,
    read: usize,
    accepted: usize,
    rejected: usize,
) -> bool {
    let want = format!("{source} {read} {accepted} {rejected}");
    summary
        .lines()
        .any(|l| l.split_whitespace().take(4).collect::<Vec<_>>().join(" ") == want)
}

pub(crate) fn read(p: PathBuf) -> String {
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

pub(crate) fn figures(out: &Path, file: &str) -> String {
    read(out.join("internal/2026-03/figures").join(file))
}

#[test]
fn report_on_small_fixture_gives_hand_computed_exports() {
    let out = tempfile::tempdir().unwrap();
    let o = report(&fixture("small"), out.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(counts(&s, "applications", 10, 10, 0), "{}", s);
    assert!(counts(&s, "deliveries", 9, 9, 0), "{}", s);

    let bounds = figures(out.path(), "bounds.csv");
    let lines: Vec<&str> = bounds.lines().collect();
    assert_eq!(
        lines[0],
        "year,municipality_code,corporation,lower_bound,upper_bound,basis"
    );
    assert_eq!(
        &lines[1..6],
        &[
            "2026,GM0344,,4,5,derived",
            "2026,GM0344,Bo-Ex,1,1,derived",
            "2026,GM0344,Mitros,2,3,derived",
            "2026,GM0344,Portaal,1,1,derived",
            "2026,GM0344,Portaal,2,4,declared",
        ]
    );
    assert!(bounds.contains("\n2026,GM0321,,0,1,derived\n"));
    assert!(
        bounds.contains("\n2026,GM0632,,0,0,derived\n"),
        "every configured municipality"
    );

    let realisation = figures(out.path(), "realisation.csv");
    assert_eq!(
        realisation.lines().next().unwrap(),
        "period,municipality_code,corporation,delivered_ytd,lower_bound,upper_bound,status,forecast_year_end,forecast_low,forecast_high,p_below_lower,p_above_upper,needed_per_month_lower"
    );
    // The hand-computed columns; the forecast's (compute's unit tests compute it by hand) are
    // numbers, the band holds the expectation.
    for line in realisation.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let num = |i: usize| cells[i].parse::<f64>().unwrap_or_else(|_| panic!("{line}"));
        let (expected, low, high) = (num(7), num(8), num(9));
        assert!(
            low <= expected.floor() + 1.0 && expected <= high + 1.0,
            "{line}"
        );
        assert!(
            (0.0..=1.0).contains(&num(10)) && (0.0..=1.0).contains(&num(11)),
            "{line}"
        );
    }
    let lines: Vec<String> = realisation
        .lines()
        .map(|l| l.split(',').take(7).collect::<Vec<_>>().join(","))
        .collect();
    assert_eq!(
        &lines[1..5],
        &[
            "2026-03,GM0344,,3,4,5,above_upper",
            "2026-03,GM0344,Bo-Ex,0,1,1,below_lower",
            "2026-03,GM0344,Mitros,1,2,3,above_upper",
            "2026-03,GM0344,Portaal,2,2,4,above_upper",
        ]
    );
    assert!(
        lines.contains(&"2026-03,GM0321,Mitros,1,0,,within".to_string()),
        "{realisation}"
    );
    assert!(lines.contains(&"2026-03,GM0312,,0,0,0,within".to_string()));

    let monthly = figures(out.path(), "monthly.csv");
    assert!(monthly.starts_with("month,municipality_code,applications,deliveries,housed,open_at_month_end,median_wait_days\n"));
    // 24 months for each of the 16 municipalities, plus the header.
    assert_eq!(monthly.lines().count(), 24 * 16 + 1);
    for row in [
        "2024-04,GM0344,0,0,0,0,",
        "2025-02,GM0344,1,1,1,1,31",
        "2025-04,GM0344,0,2,0,1,",
        "2026-02,GM0344,1,2,2,2,60",
        "2026-03,GM0344,1,1,1,2,19",
        "2025-06,GM0321,1,0,1,0,29",
        "2026-03,GM0632,0,0,0,0,",
    ] {
        assert!(monthly.lines().any(|l| l == row), "missing {row}");
    }
    let summary: serde_json::Value =
        serde_json::from_str(&figures(out.path(), "summary.json")).unwrap();
    assert_eq!(summary["period"], "2026-03");
    assert_eq!(summary["sources"][0]["read"], 10);
}

/// The small fixture as a messy export: `;`, Dutch dates, BOM, CRLF, padded cells, blank lines,
/// one-digit days, lines of only separators.
fn messy_copy(dir: &Path) {
    for name in ["applications", "deliveries", "commitments"] {
        let clean = read(fixture("small").join(format!("{name}.csv")));
        let mut out = String::from("\u{feff}");
        for (i, line) in clean.lines().enumerate() {
            let cells: Vec<String> = line
                .split(',')
                .map(|c| {
                    let dutch = match c.split('-').collect::<Vec<_>>()[..] {
                        [y, m, d] if y.len() == 4 && c.len() == 10 => {
                            format!(
                                "{}-{}-{y}",
                                d.trim_start_matches('0'),
                                m.trim_start_matches('0')
                            )
                        }
                        _ => c.to_string(),
                    };
                    format!("  {dutch} ")
                })
                .collect();
            out.push_str(&cells.join(";"));
            out.push_str("\r\n");
            if i == 2 {
                out.push_str("\r\n;;;;\r\n");
            }
        }
        out.push_str("\r\n\r\n");
        std::fs::write(dir.join(format!("{name}.csv")), out).unwrap();
    }
}

#[test]
fn messy_export_gives_the_same_figures_as_the_clean_one() {
    let (clean, messy_out, messy) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    messy_copy(messy.path());
    assert!(read(messy.path().join("applications.csv")).contains("  1-2-2025 "));
    let a = report(&fixture("small"), clean.path(), &[]);
    let b = report(messy.path(), messy_out.path(), &[]);
    assert!(a.status.success() && b.status.success(), "{}", stderr(&b));
    for f in [
        "bounds.csv",
        "monthly.csv",
        "realisation.csv",
        "trends.csv",
        "key_figures.csv",
        "breakdowns.csv",
    ] {
        assert_eq!(
            figures(clean.path(), f),
            figures(messy_out.path(), f),
            "{f} differs"
        );
    }
    assert!(
        stdout(&b).contains("blank line(s) skipped"),
        "{}",
        stdout(&b)
    );
}

#[test]
fn xlsx_input_gives_the_same_figures() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let xdir = tempfile::tempdir().unwrap();
    for name in ["applications", "deliveries"] {
        let clean = read(fixture("small").join(format!("{name}.csv")));
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let date_fmt = Format::new().set_num_format("dd-mm-yyyy");
        for (r, line) in clean.lines().enumerate() {
            for (c, cell) in line.split(',').enumerate() {
                let (r, c) = (r as u32, c as u16);
                if r > 0 && cell.len() == 10 && cell.as_bytes()[4] == b'-' {
                    // A real Excel date cell.
                    let d = ExcelDateTime::parse_from_str(cell).unwrap();
                    ws.write_datetime_with_format(r, c, &d, &date_fmt).unwrap();
                } else if !cell.is_empty() {
                    ws.write_string(r, c, cell).unwrap();
                }
            }
        }
        wb.save(xdir.path().join(format!("{name}.xlsx"))).unwrap();
    }
    std::fs::copy(
        fixture("small/commitments.csv"),
        xdir.path().join("commitments.csv"),
    )
    .unwrap();
    let (a_out, b_out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = report(&fixture("small"), a_out.path(), &[]);
    let b = report(xdir.path(), b_out.path(), &[]);
    assert!(a.status.success() && b.status.success(), "{}", stderr(&b));
    assert!(stdout(&b).contains("applications.xlsx"), "{}", stdout(&b));
    for f in ["bounds.csv", "monthly.csv", "realisation.csv"] {
        assert_eq!(
            figures(a_out.path(), f),
            figures(b_out.path(), f),
            "{f} differs"
        );
    }
}

#[test]
fn unusable_sources_exit_3_with_file_and_columns() {
    // Missing file.
    let empty = tempfile::tempdir().unwrap();
    let o = report(empty.path(), empty.path(), &[]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("applications.csv not found"),
        "{}",
        stderr(&o)
    );

    // Missing required column.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("applications.csv"),
        "application_id,received_on,origin\na1,2025-01-01,MO\n",
    )
    .unwrap();
    std::fs::copy(
        fixture("small/deliveries.csv"),
        dir.path().join("deliveries.csv"),
    )
    .unwrap();
    let o = report(dir.path(), dir.path(), &[]);
    assert_eq!(o.status.code(), Some(3));
    let e = stderr(&o);
    assert!(
        e.contains("applications.csv")
            && e.contains("required column(s) missing: municipality_code"),
        "{e}"
    );

    // Personal data in a kept column: a BSN as an application id, an e-mail address as a
    // corporation. The file is refused with the column and a count, never the value.
    for (column, value, why) in [
        (0, "111222333", "1 cell(s) hold a valid BSN"),
        (5, "j.jansen@example.nl", "1 cell(s) hold an e-mail address"),
    ] {
        let apps = read(fixture("small/applications.csv"));
        let mut text = String::new();
        for (i, l) in apps.lines().enumerate() {
            if i == 3 {
                let mut cells: Vec<&str> = l.split(',').collect();
                cells[column] = value;
                text.push_str(&cells.join(","));
            } else {
                text.push_str(l);
            }
            text.push('\n');
        }
        std::fs::write(dir.path().join("applications.csv"), text).unwrap();
        let o = report(dir.path(), dir.path(), &[]);
        assert_eq!(o.status.code(), Some(3), "{value}");
        let e = stderr(&o);
        assert!(e.contains("holds personal data") && e.contains(why), "{e}");
        assert!(!e.contains(value), "never the value: {e}");
    }
    assert!(
        !dir.path().join("2026-03").exists(),
        "nothing is written for a refused file"
    );
}

#[test]
fn usage_and_config_errors_exit_2() {
    let o = woonmonitor(&["report", "--period", "2026-13"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("2026-13"));
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("bad.toml");
    std::fs::write(
        &cfg,
        read(root().join("config/default.toml")).replace("[privacy]", "[privacy]\nthreshhold = 3"),
    )
    .unwrap();
    let o = woonmonitor(&["check-config", "--config", cfg.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("threshhold"), "{}", stderr(&o));
    let o = woonmonitor(&["check-config", "--config", "config/default.toml"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("16 municipalities"));
    let o = woonmonitor(&[
        "report",
        "--config",
        "config/default.toml",
        "--period",
        "2030-01",
        "--run-date",
        "2026-04-10",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

/// `woonmonitor runs | grep -q report` in the package test panicked with "failed printing to
/// stdout: Broken pipe": a reader that has gone must end the command quietly.
#[test]
fn output_to_a_closed_pipe_ends_quietly_instead_of_panicking() {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader); // the reader has gone before the first line is written
    let o = Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
        .args(["check-config", "--config", "config/default.toml"])
        .current_dir(root())
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("binary runs");
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn dutch_headers_and_labels_are_mapped_by_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let label = |c: &str| -> String {
        match c {
            "application_id" => "Aanvraagnummer",
            "received_on" => "Datum aanmelding",
            "municipality_code" => "Gemeente",
            "origin" => "Herkomst",
            "MO" => "Maatschappelijke opvang",
            "BW" => "beschermd wonen",
            "GM0344" => "Utrecht",
            other => other,
        }
        .to_string()
    };
    let apps: String = read(fixture("small/applications.csv"))
        .lines()
        .map(|l| l.split(',').map(label).collect::<Vec<_>>().join(";") + "\n")
        .collect();
    std::fs::write(dir.path().join("aanvragen.csv"), apps).unwrap();
    let cfg = one_deliveries_file(&read(root().join("config/default.toml")))
        .replace(
            "[sources.applications]\npath = \"data/sample/applications.csv\"",
            &format!(
                "[sources.applications]\npath = {:?}\n[sources.applications.columns]\napplication_id = \"Aanvraagnummer\"\nreceived_on = \"Datum aanmelding\"\nmunicipality_code = \"Gemeente\"\norigin = \"Herkomst\"\n[sources.applications.values]\norigin = [[\"Maatschappelijke opvang\", \"MO\"], [\"Beschermd wonen\", \"BW\"]]\nmunicipality_code = [[\"Utrecht\", \"GM0344\"]]",
                dir.path().join("aanvragen.csv")
            ),
        )
        .replace("data/sample/deliveries.csv", fixture("small/deliveries.csv").to_str().unwrap())
        .replace("data/sample/commitments.csv", fixture("small/commitments.csv").to_str().unwrap());
    let cfg_path = dir.path().join("c.toml");
    std::fs::write(&cfg_path, cfg).unwrap();
    let out = dir.path().join("out");
    let o = woonmonitor(&[
        "report",
        "--config",
        cfg_path.to_str().unwrap(),
        "--period",
        "2026-03",
        "--run-date",
        "2026-04-10",
        "--out",
        out.to_str().unwrap(),
        "--internal",
        out.join("internal").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        counts(&stdout(&o), "applications", 10, 10, 0),
        "{}",
        stdout(&o)
    );
    let clean = tempfile::tempdir().unwrap();
    assert!(report(&fixture("small"), clean.path(), &[])
        .status
        .success());
    assert_eq!(
        read(out.join("internal/2026-03/figures/monthly.csv")),
        figures(clean.path(), "monthly.csv")
    );
}

/// The bundled configuration with one deliveries file instead of the sample's feeds.
fn one_deliveries_file(cfg: &str) -> String {
    let feeds =
        cfg.find("[[sources.deliveries]]").unwrap()..cfg.find("[sources.commitments]").unwrap();
    format!(
        "{}[sources.deliveries]\npath = \"data/sample/deliveries.csv\"\n\n{}",
        &cfg[..feeds.start],
        &cfg[feeds.end..]
    )
}

#[test]
fn bundled_sample_is_what_sample_data_writes() {
    // data/sample/ (with its per-corporation feeds, xlsx included) is reproducible byte for byte,
    // so a change to the generator shows up as a changed sample in review.
    let d = tempfile::tempdir().unwrap();
    let o = woonmonitor(&[
        "sample-data",
        "--config",
        "config/default.toml",
        "--out",
        d.path().to_str().unwrap(),
        "--until",
        "2026-11-24",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bundled = root().join("data/sample");
    let mut compared = 0;
    for sub in ["", "feeds"] {
        for e in std::fs::read_dir(bundled.join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                let made = d.path().join(sub).join(p.file_name().unwrap());
                assert!(
                    std::fs::read(&p).unwrap() == std::fs::read(&made).unwrap(),
                    "{} differs from what sample-data writes",
                    p.display()
                );
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 12, "3 canonical files and 9 feeds");
}

#[test]
fn sample_data_is_reproducible_and_runs() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for d in [&a, &b] {
        let o = woonmonitor(&[
            "sample-data",
            "--config",
            "config/default.toml",
            "--out",
            d.path().to_str().unwrap(),
            "--years",
            "3",
            "--seed",
            "7",
            "--until",
            "2026-03-31",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert_eq!(
        read(a.path().join("applications.csv")),
        read(b.path().join("applications.csv"))
    );
    let out = tempfile::tempdir().unwrap();
    let o = report(a.path(), out.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let key = figures(out.path(), "key_figures.csv");
    // Utrecht: on the order of 240 homes a year, more applications than homes.
    let utrecht: Vec<&str> = key
        .lines()
        .find(|l| l.contains(",GM0344,"))
        .unwrap()
        .split(',')
        .collect();
    let (lower, upper): (u32, u32) = (utrecht[9].parse().unwrap(), utrecht[10].parse().unwrap());
    assert!((180..=320).contains(&lower), "lower {lower}");
    assert!(upper > lower, "upper {upper} lower {lower}");
}

#[test]
fn a_header_that_glues_two_columns_refuses_the_file_showing_the_cell() {
    // Regression: `withdrawn_on,Cliëntnaam` (a wrong separator in the header) silently made the
    // optional withdrawn_on missing, so withdrawals stopped counting.
    let data = tempfile::tempdir().unwrap();
    let apps = read(fixture("small/applications.csv"));
    let (header, rest) = apps.split_once('\n').unwrap();
    let header = header.replace(",withdrawn_on", ",\"withdrawn_on,Cliëntnaam\"");
    std::fs::write(
        data.path().join("applications.csv"),
        format!("{header}\n{rest}"),
    )
    .unwrap();
    std::fs::copy(
        fixture("small/deliveries.csv"),
        data.path().join("deliveries.csv"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = report(data.path(), out.path(), &[]);
    assert_eq!(o.status.code(), Some(3), "{}", stdout(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("header cell 8 \"withdrawn_on,Cliëntnaam\" hides the column \"withdrawn_on\""),
        "{err}"
    );
}

//! Hostile workbooks against the real binary: the bundled Mitros feed (`mitros.xlsx`, 20 KB)
//! edited at the XML level into a cell at `XFD1048576`, a reference beyond any sheet, a
//! dimension over the whole sheet, namespaced tags, dates of ±10^308 and NaN, a huge shared
//! strings table, deeply nested XML, a gigabyte of rows and a merge over the whole sheet. Each
//! run ends normally (exit 0 or 3: never a signal, never a panic), soon, and with a peak
//! resident memory under 500 MiB, measured by `wait4` (`ru_maxrss`) on the child. A refused
//! workbook names what is wrong with it.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{config, root, sample_copy};

/// Peak resident memory a run may reach.
const MAX_RSS_MIB: u64 = 500;

/// How a run of the binary ended.
struct Run {
    code: Option<i32>,
    signal: Option<i32>,
    output: String,
    peak_mib: u64,
    secs: f64,
}

/// Runs the binary on `cfg` and waits for it with `wait4`, which reports the child's peak
/// resident memory. A guard kills it past 2 GiB or two minutes, so a regression fails the test
/// instead of exhausting the machine.
///
/// Linux starts a child's `ru_maxrss` at its parent's peak (`exec` records the peak of the
/// memory it replaces, and `Command` spawns with the parent's memory), so the test process
/// resets its own peak to its current size first: the figure stays an upper bound.
fn run(cfg: &Path, args: &[&str]) -> Run {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let dir = cfg.parent().unwrap();
    let (out_path, err_path) = (dir.join("stdout.txt"), dir.join("stderr.txt"));
    let child = Command::new(env!("CARGO_BIN_EXE_woonmonitor"))
        .args(args)
        .arg("--config")
        .arg(cfg)
        .current_dir(root())
        .env("WOONMONITOR_LOG", "info")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("binary runs");
    let pid = child.id() as libc::pid_t;
    let started = Instant::now();
    let mut guard = None;
    let (status, usage) = loop {
        let mut status = 0;
        // SAFETY: plain system call on our own child; `usage` is a valid out-parameter.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break (status, usage);
        }
        assert_eq!(r, 0, "wait4: {}", std::io::Error::last_os_error());
        let rss_mib = std::fs::read_to_string(format!("/proc/{pid}/status"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmRSS:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|v| v.parse::<u64>().ok())
            })
            .unwrap_or(0)
            / 1024;
        if guard.is_none() && (rss_mib > 2048 || started.elapsed() > Duration::from_secs(120)) {
            guard = Some(format!(
                "killed by the test's guard at {rss_mib} MiB after {:?}",
                started.elapsed()
            ));
            // SAFETY: the child has not been reaped, so the pid is still ours.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    drop(child);
    let secs = started.elapsed().as_secs_f64();
    let output = format!(
        "{}{}{}",
        guard.unwrap_or_default(),
        std::fs::read_to_string(out_path).unwrap_or_default(),
        std::fs::read_to_string(err_path).unwrap_or_default()
    );
    Run {
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        signal: libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status)),
        output,
        peak_mib: usage.ru_maxrss as u64 / 1024,
        secs,
    }
}

/// The run ended by itself with `code` (0: read, 3: refused), soon, within the memory bound.
fn assert_ended(r: &Run, code: i32, what: &str) {
    eprintln!(
        "{what}: exit {:?}, signal {:?}, {:.2} s, peak {} MiB",
        r.code, r.signal, r.secs, r.peak_mib
    );
    assert_eq!(
        r.signal, None,
        "{what}: ended by a signal (abort or kill): {}",
        r.output
    );
    assert_ne!(r.code, Some(101), "{what}: panicked: {}", r.output);
    assert_eq!(r.code, Some(code), "{what}: {}", r.output);
    assert!(
        r.peak_mib < MAX_RSS_MIB,
        "{what}: peak resident memory {} MiB",
        r.peak_mib
    );
    // A guard against hangs on a slow CI machine, not a benchmark.
    assert!(r.secs < 60.0, "{what}: took {:.1} s", r.secs);
}

/// A test's own state folder and configuration, with the sample feeds copied into `drop/`.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), None, "");
    let drop = sample_copy(dir.path(), &cfg);
    (dir, cfg, drop)
}

/// The parts of the bundled Mitros workbook.
fn mitros_parts() -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(root().join("data/sample/feeds/mitros.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

fn text_of(parts: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, data) = parts.iter().find(|(n, _)| n == name).unwrap();
    String::from_utf8(data.clone()).unwrap()
}

const SHEET: &str = "xl/worksheets/sheet1.xml";
const STRINGS: &str = "xl/sharedStrings.xml";

/// Writes the Mitros workbook to `drop/feeds/mitros.xlsx` with `edit` applied to the named
/// parts' text.
fn write_mitros(drop: &Path, edit: impl Fn(&str, String) -> String) -> PathBuf {
    let path = drop.join("feeds/mitros.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, data) in mitros_parts() {
        zip.start_file(name.as_str(), opts).unwrap();
        let data = match String::from_utf8(data) {
            Ok(text) => edit(&name, text).into_bytes(),
            Err(e) => e.into_bytes(),
        };
        zip.write_all(&data).unwrap();
    }
    zip.finish().unwrap();
    path
}

/// Edits the worksheet only.
fn sheet_edit(f: impl Fn(String) -> String) -> impl Fn(&str, String) -> String {
    move |name, text| if name == SHEET { f(text) } else { text }
}

fn with_last_row(row: &str) -> impl Fn(String) -> String + '_ {
    move |xml| xml.replace("</sheetData>", &format!("{row}</sheetData>"))
}

fn report(cfg: &Path) -> Run {
    run(cfg, &["report", "--period", "2026-10", "--no-pdf"])
}

#[test]
fn a_cell_at_xfd1048576_is_refused_quickly_naming_it_and_the_last_pull_is_kept() {
    let (_dir, cfg, drop) = setup();
    // A good pull first: its snapshot is what the refused one leaves in place.
    let good = run(&cfg, &["pull"]);
    assert_ended(&good, 0, "a pull of the sample");
    write_mitros(
        &drop,
        sheet_edit(with_last_row(
            r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
        )),
    );
    let r = report(&cfg);
    assert_ended(&r, 3, "report");
    assert!(r.output.contains("mitros.xlsx"), "{}", r.output);
    assert!(r.output.contains("XFD1048576"), "{}", r.output);
    assert!(r.output.contains("export the sheet as CSV"), "{}", r.output);
    let r = run(&cfg, &["pull"]);
    assert_ended(&r, 3, "pull");
    assert!(r.output.contains("XFD1048576"), "{}", r.output);
    // Like any unusable source: the feed is marked refused (in Dutch for the console), the
    // operator is told by mail, and no run is left `running`.
    let dir = cfg.parent().unwrap();
    {
        let conn = rusqlite::Connection::open(dir.join("state/woonmonitor.sqlite")).unwrap();
        let refused: String = conn
            .query_row(
                "SELECT refused FROM source_checks WHERE feed = 'mitros'",
                [],
                |r| r.get(0),
            )
            .expect("the Mitros feed is marked refused");
        // Dutch for the console and the mail; the cell itself is in the log and the output.
        assert!(
            refused.contains("mitros.xlsx") && refused.contains("grens"),
            "{refused}"
        );
        let subject: String = conn
            .query_row(
                "SELECT subject FROM outbox WHERE dedup_key LIKE 'refused|mitros|%'",
                [],
                |r| r.get(0),
            )
            .expect("the operator is told");
        assert!(subject.contains("geweigerd"), "{subject}");
        let running: i64 = conn
            .query_row(
                "SELECT count(*) FROM runs WHERE status = 'running'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(running, 0, "a run was left running");
        let failed: String = conn
            .query_row(
                "SELECT status FROM runs WHERE kind = 'pull' ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(failed, "failed", "the refused pull's run");
    }
    // Mitros keeps its last good snapshot: a report from today's snapshots has its homes.
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive()
        .to_string();
    std::fs::remove_dir_all(dir.join("internal")).ok();
    let r = run(
        &cfg,
        &[
            "report", "--period", "2026-10", "--no-pdf", "--as-of", &today,
        ],
    );
    assert_ended(&r, 0, "a report from the snapshots");
    let realisation =
        std::fs::read_to_string(dir.join("internal/2026-10/figures/realisation.csv")).unwrap();
    assert!(realisation.contains(",Mitros,"), "{realisation}");
}

#[test]
fn a_reference_beyond_every_sheet_is_refused() {
    let (_dir, cfg, drop) = setup();
    write_mitros(
        &drop,
        sheet_edit(with_last_row(
            r#"<row r="486"><c r="ZZZZ99999999" t="s"><v>0</v></c></row>"#,
        )),
    );
    let r = report(&cfg);
    assert_ended(&r, 3, "ZZZZ99999999");
    assert!(r.output.contains("ZZZZ99999999"), "{}", r.output);
}

#[test]
fn a_dimension_over_the_whole_sheet_is_refused() {
    let (_dir, cfg, drop) = setup();
    write_mitros(
        &drop,
        sheet_edit(|xml| {
            xml.replace(
                r#"<dimension ref="A1:E485"/>"#,
                r#"<dimension ref="A1:XFD1048576"/>"#,
            )
        }),
    );
    let r = report(&cfg);
    assert_ended(&r, 3, "dimension");
    assert!(r.output.contains("A1:XFD1048576"), "{}", r.output);
}

/// The sheet with every element in the `x:` namespace prefix.
fn prefixed(xml: String) -> String {
    let xml = xml.replace(
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"",
        "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"",
    );
    let mut out = String::with_capacity(xml.len() * 2);
    let mut rest = xml.as_str();
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..=i]);
        rest = &rest[i + 1..];
        let name_start = usize::from(rest.starts_with('/'));
        let is_element = rest[name_start..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic());
        if is_element && !rest[name_start..].starts_with("x:") {
            out.push_str(&rest[..name_start]);
            out.push_str("x:");
            rest = &rest[name_start..];
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn namespaced_tags_are_read_counted_and_checked() {
    let (_dir, cfg, drop) = setup();
    // All in the `x:` prefix: read as before.
    write_mitros(&drop, sheet_edit(prefixed));
    let r = report(&cfg);
    assert_ended(&r, 0, "a prefixed sheet");
    // A prefixed cell at XFD1048576 is checked like any other.
    write_mitros(
        &drop,
        sheet_edit(|xml| {
            prefixed(with_last_row(
                r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
            )(xml))
        }),
    );
    let r = report(&cfg);
    assert_ended(&r, 3, "a prefixed cell at XFD1048576");
    assert!(r.output.contains("XFD1048576"), "{}", r.output);
    // A prefixed dimension, too.
    write_mitros(
        &drop,
        sheet_edit(|xml| {
            prefixed(xml.replace(
                r#"<dimension ref="A1:E485"/>"#,
                r#"<dimension ref="A1:XFD1048576"/>"#,
            ))
        }),
    );
    let r = report(&cfg);
    assert_ended(&r, 3, "a prefixed dimension");
    assert!(r.output.contains("A1:XFD1048576"), "{}", r.output);
    // Prefixed cells count: ten million and one empty `<x:c/>` (60 MB of XML) pass no limit
    // but the number of cells.
    let empties = "<x:c/>".repeat(10_000_001);
    write_mitros(
        &drop,
        sheet_edit(|xml| {
            prefixed(xml).replace(
                "</x:sheetData>",
                &format!("<x:row r=\"486\">{empties}</x:row></x:sheetData>"),
            )
        }),
    );
    std::mem::drop(empties);
    let r = report(&cfg);
    assert_ended(&r, 3, "ten million prefixed cells");
    assert!(
        r.output.contains("more than 10000000 cells"),
        "{}",
        r.output
    );
}

#[test]
fn dates_out_of_excel_range_are_rejected_rows_with_their_line() {
    let (dir, cfg, drop) = setup();
    let values = ["1e308", "-1e308", "NaN", "inf"];
    write_mitros(
        &drop,
        sheet_edit(|mut xml| {
            // Rows 2 to 5: the date cell (column C, date style 1) gets the value.
            for (i, v) in values.iter().enumerate() {
                let row = i + 2;
                let start = xml.find(&format!("<c r=\"C{row}\" s=\"1\"><v>")).unwrap();
                let value_start = start + format!("<c r=\"C{row}\" s=\"1\"><v>").len();
                let value_end = value_start + xml[value_start..].find("</v>").unwrap();
                xml.replace_range(value_start..value_end, v);
            }
            xml
        }),
    );
    let r = report(&cfg);
    assert_ended(&r, 0, "dates out of range");
    let rejected =
        std::fs::read_to_string(dir.path().join("internal/2026-10/rejected/mitros.csv")).unwrap();
    for (i, v) in values.iter().enumerate() {
        let line = rejected
            .lines()
            .find(|l| l.starts_with(&format!("{},", i + 2)))
            .unwrap_or_else(|| panic!("line {} ({v}) rejected: {rejected}", i + 2));
        assert!(
            line.contains("onleesbaar") && line.contains(v),
            "line {}: {line}",
            i + 2
        );
    }
}

#[test]
fn a_huge_shared_strings_table_is_refused() {
    let (_dir, cfg, drop) = setup();
    // Two million and one more strings (34 MB): within the sizes, past the count.
    let more = "<si><t>x</t></si>".repeat(2_000_001);
    write_mitros(&drop, |name, text| {
        if name == STRINGS {
            text.replace("</sst>", &format!("{more}</sst>"))
        } else {
            text
        }
    });
    std::mem::drop(more);
    let r = report(&cfg);
    assert_ended(&r, 3, "shared strings");
    assert!(r.output.contains("2000000 strings"), "{}", r.output);
}

#[test]
fn a_long_shared_string_repeated_is_refused_within_the_memory_bound() {
    let (_dir, cfg, drop) = setup();
    // One string of 30,000 characters in a hundred thousand cells: 3 GB of text from 3 MB of
    // XML. The text kept of a sheet is budgeted.
    let index = text_of(&mitros_parts(), STRINGS).matches("<si>").count();
    let long = "x".repeat(30_000);
    let rows: String = (486..100_486)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>{index}</v></c></row>"#))
        .collect();
    write_mitros(&drop, |name, text| match name {
        STRINGS => text.replace("</sst>", &format!("<si><t>{long}</t></si></sst>")),
        SHEET => text.replace("</sheetData>", &format!("{rows}</sheetData>")),
        _ => text,
    });
    std::mem::drop(rows);
    let r = report(&cfg);
    assert_ended(&r, 3, "a long string repeated");
    assert!(r.output.contains("MB of cell text"), "{}", r.output);
}

#[test]
fn deeply_nested_xml_in_a_cell_ends_normally() {
    let (_dir, cfg, drop) = setup();
    let depth = 100_000;
    let nested = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    write_mitros(
        &drop,
        sheet_edit(|xml| {
            let cell = r#"<c r="B2" t="s"><v>6</v></c>"#;
            assert!(xml.contains(cell));
            xml.replacen(cell, &format!(r#"<c r="B2" t="s"><v>6</v>{nested}</c>"#), 1)
        }),
    );
    let r = report(&cfg);
    assert_ended(&r, 3, "nested elements");
    assert!(r.output.contains("nested"), "{}", r.output);
}

#[test]
fn a_gigabyte_of_rows_is_refused_while_unpacking() {
    let (_dir, cfg, drop) = setup();
    // Streamed into the zip writer: the first rows of the sheet, then 1.1 GB of one repeated
    // row with a long inline string, which compresses about a thousandfold.
    let path = drop.join("feeds/mitros.xlsx");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        for (name, data) in mitros_parts() {
            zip.start_file(name.as_str(), opts).unwrap();
            if name != SHEET {
                zip.write_all(&data).unwrap();
                continue;
            }
            let xml = String::from_utf8(data).unwrap();
            let (head, tail) = xml.split_at(xml.find("</sheetData>").unwrap());
            zip.write_all(head.as_bytes()).unwrap();
            let row = format!(
                "<row><c t=\"inlineStr\"><is><t>{}</t></is></c></row>",
                "w".repeat(2000)
            );
            let block = row.repeat((1 << 20) / row.len() + 1);
            let mut written = 0usize;
            while written < 1100 << 20 {
                zip.write_all(block.as_bytes()).unwrap();
                written += block.len();
            }
            zip.write_all(tail.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size < 8 << 20, "the file is small: {size} bytes");
    let r = report(&cfg);
    assert_ended(&r, 3, "a gigabyte of rows");
    assert!(r.output.contains("zip bomb"), "{}", r.output);
}

#[test]
fn a_merge_over_the_whole_sheet_is_harmless() {
    let (_dir, cfg, drop) = setup();
    write_mitros(
        &drop,
        sheet_edit(|xml| {
            xml.replace(
                "</sheetData>",
                r#"</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>"#,
            )
        }),
    );
    let r = report(&cfg);
    assert_ended(&r, 0, "a merge over the whole sheet");
}

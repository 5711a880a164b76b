//! The sample deliveries split into feeds the way a region receives them: each corporation its
//! own export, with its own headers, labels, date form, separator and file type (an `.xlsx` with
//! Dutch headers, a `;` CSV with codes for the housing forms, a tab-separated export, …), and one
//! shared export for the smaller corporations. `config/default.toml` reads exactly these.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::Reference;
use crate::files::{write_atomic, WriteError};

/// How one feed file looks.
struct Spec {
    /// The corporation whose own feed it is; `None`: the shared feed (the rest).
    corporation: Option<&'static str>,
    file: &'static str,
    form: Form,
    /// Headers for: dwelling, [corporation,] municipality, date, housing form, application.
    headers: &'static [&'static str],
    /// Housing forms written as codes (`Housing First` → `HF`).
    form_codes: bool,
}

enum Form {
    Csv { sep: char, dutch_dates: bool },
    Xlsx { sheet: &'static str },
}

const SPECS: &[Spec] = &[
    Spec {
        corporation: Some("Mitros"),
        file: "mitros.xlsx",
        form: Form::Xlsx {
            sheet: "Opgeleverd",
        },
        headers: &[
            "Woningnummer",
            "Gemeentecode",
            "Datum beschikbaar",
            "Woonvorm",
            "Aanvraagnummer",
        ],
        form_codes: false,
    },
    Spec {
        corporation: Some("Portaal"),
        file: "portaal.csv",
        form: Form::Csv {
            sep: ';',
            dutch_dates: true,
        },
        headers: &[
            "VHE-nummer",
            "Gemeente",
            "Opleverdatum",
            "Type",
            "Kandidaat",
        ],
        form_codes: true,
    },
    Spec {
        corporation: Some("Bo-Ex"),
        file: "bo-ex.csv",
        form: Form::Csv {
            sep: ',',
            dutch_dates: false,
        },
        headers: &[
            "dwelling_id",
            "municipality_code",
            "delivered_on",
            "housing_form",
            "application_id",
        ],
        form_codes: false,
    },
    Spec {
        corporation: Some("SSH"),
        file: "ssh.csv",
        form: Form::Csv {
            sep: '\t',
            dutch_dates: false,
        },
        headers: &["Eenheid", "Gemeente", "Datum", "Woonvorm", "Aanvraag"],
        form_codes: false,
    },
    Spec {
        corporation: Some("Woongoed Zeist"),
        file: "woongoed-zeist.csv",
        form: Form::Csv {
            sep: ';',
            dutch_dates: true,
        },
        headers: &[
            "Woning",
            "Corporatie",
            "Gemeentecode",
            "Datum",
            "Woonvorm",
            "Aanvraag",
        ],
        form_codes: false,
    },
    Spec {
        corporation: Some("Viveste"),
        file: "viveste.xlsx",
        form: Form::Xlsx { sheet: "Blad1" },
        headers: &[
            "dwelling_id",
            "corporation",
            "municipality_code",
            "delivered_on",
            "housing_form",
            "application_id",
        ],
        form_codes: false,
    },
    Spec {
        corporation: Some("GroenWest"),
        file: "groenwest.csv",
        form: Form::Csv {
            sep: ',',
            dutch_dates: false,
        },
        headers: &[
            "dwelling_id",
            "corporation",
            "municipality_code",
            "delivered_on",
            "housing_form",
            "application_id",
        ],
        form_codes: false,
    },
    Spec {
        corporation: Some("Heuvelrug Wonen"),
        file: "heuvelrug-wonen.csv",
        form: Form::Csv {
            sep: ';',
            dutch_dates: true,
        },
        headers: &[
            "dwelling_id",
            "corporation",
            "municipality_code",
            "delivered_on",
            "housing_form",
            "application_id",
        ],
        form_codes: false,
    },
    Spec {
        corporation: None,
        file: "overige.csv",
        form: Form::Csv {
            sep: ';',
            dutch_dates: true,
        },
        headers: &[
            "dwelling_id",
            "corporation",
            "municipality_code",
            "delivered_on",
            "housing_form",
            "application_id",
        ],
        form_codes: false,
    },
];

/// The codes a corporation's export uses for the housing forms (`Portaal`).
pub const FORM_CODES: &[(&str, &str)] = &[
    ("Housing First", "HF"),
    ("Gemengd wonen", "GW"),
    ("Pitstop", "PS"),
    ("Lichte ondersteuning", "LO"),
];

/// One row of the canonical deliveries file.
struct Row<'a> {
    dwelling: &'a str,
    corporation: &'a str,
    municipality: &'a str,
    date: NaiveDate,
    form: &'a str,
    application: &'a str,
}

/// Whether `reference` has every corporation the feeds are made for (the U16 configuration).
pub fn fits(reference: &Reference) -> bool {
    SPECS
        .iter()
        .filter_map(|s| s.corporation)
        .all(|c| reference.corporation(c).is_some())
}

/// Splits `deliveries` (the canonical `;` file with Dutch dates) into the feed files in `dir`.
pub fn write(
    dir: &Path,
    deliveries: &str,
    reference: &Reference,
) -> Result<Vec<PathBuf>, WriteError> {
    let rows: Vec<Row<'_>> = deliveries
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| {
            let c: Vec<&str> = l.split(';').collect();
            Some(Row {
                dwelling: c.first()?,
                corporation: c.get(1)?,
                municipality: c.get(2)?,
                date: NaiveDate::parse_from_str(c.get(3)?, "%d-%m-%Y").ok()?,
                form: c.get(4).copied().unwrap_or(""),
                application: c.get(5).copied().unwrap_or(""),
            })
        })
        .collect();
    let own: Vec<&str> = SPECS.iter().filter_map(|s| s.corporation).collect();
    let belongs = |spec: &Spec, row: &Row<'_>| {
        let code = reference
            .corporation(row.corporation)
            .map(|c| c.code.as_str());
        match spec.corporation {
            Some(c) => code == Some(c),
            None => !code.is_some_and(|c| own.contains(&c)),
        }
    };
    let mut written = Vec::new();
    for spec in SPECS {
        let mine: Vec<&Row<'_>> = rows.iter().filter(|r| belongs(spec, r)).collect();
        let path = dir.join(spec.file);
        let bytes = match spec.form {
            Form::Csv { sep, dutch_dates } => csv(spec, &mine, sep, dutch_dates).into_bytes(),
            Form::Xlsx { sheet } => xlsx(spec, &mine, sheet),
        };
        write_atomic(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

fn form_cell(spec: &Spec, form: &str) -> String {
    if spec.form_codes {
        FORM_CODES
            .iter()
            .find(|(f, _)| *f == form)
            .map(|(_, c)| c.to_string())
            .unwrap_or_else(|| form.to_string())
    } else {
        form.to_string()
    }
}

fn cells(spec: &Spec, r: &Row<'_>, date: String) -> Vec<String> {
    let mut c = vec![r.dwelling.to_string()];
    if spec.headers.len() == 6 {
        c.push(r.corporation.to_string());
    }
    c.extend([
        r.municipality.to_string(),
        date,
        form_cell(spec, r.form),
        r.application.to_string(),
    ]);
    c
}

fn csv(spec: &Spec, rows: &[&Row<'_>], sep: char, dutch: bool) -> String {
    let mut out = spec.headers.join(&sep.to_string());
    out.push_str("\r\n");
    for r in rows {
        let date = if dutch {
            r.date.format("%-d-%-m-%Y").to_string()
        } else {
            r.date.format("%Y-%m-%d").to_string()
        };
        let _ = write!(out, "{}\r\n", cells(spec, r, date).join(&sep.to_string()));
    }
    out
}

fn xlsx(spec: &Spec, rows: &[&Row<'_>], sheet: &str) -> Vec<u8> {
    use chrono::Datelike;
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    // A fixed creation time (the latest row's date), so the same data gives the same bytes.
    if let Some(last) = rows.iter().map(|r| r.date).max() {
        let created =
            ExcelDateTime::from_ymd(last.year() as u16, last.month() as u8, last.day() as u8)
                .expect("valid date");
        book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    }
    let ws = book.add_worksheet();
    ws.set_name(sheet).expect("valid sheet name");
    let date_format = Format::new().set_num_format("dd-mm-yyyy");
    for (c, h) in spec.headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("cell");
    }
    let date_col = spec.headers.len() as u16 - 3;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, v) in cells(spec, r, String::new()).iter().enumerate() {
            let c = c as u16;
            if c == date_col {
                let d = ExcelDateTime::from_ymd(
                    r.date.year() as u16,
                    r.date.month() as u8,
                    r.date.day() as u8,
                )
                .expect("valid date");
                ws.write_datetime_with_format(row, c, &d, &date_format)
                    .expect("cell");
            } else if !v.is_empty() {
                ws.write_string(row, c, v).expect("cell");
            }
        }
    }
    book.save_to_buffer().expect("workbook in memory")
}

//! Column and value mapping: finds each canonical column in a file's header and refuses files
//! that carry personal data.
//!
//! A header matches a canonical column when, ignoring case, spaces and punctuation, it equals the
//! canonical name or the header configured in `sources.<name>.columns`. Columns that map to
//! nothing are checked for personal data by name (naam, BSN, geboortedatum, adres, …) and by
//! content (nine-digit numbers that pass the BSN eleven-test).

use std::collections::HashMap;
use std::path::Path;

use super::table::{Cells, RawTable};
use super::SourceError;
use crate::config::SourceSetting;

/// Where each canonical column is in the file, and the configured value labels.
#[derive(Debug, Clone)]
pub struct ColumnMap {
    /// (canonical column, position in the file): a handful of entries, searched linearly.
    index: Vec<(&'static str, usize)>,
    header: HashMap<&'static str, String>,
    values: HashMap<String, HashMap<String, String>>,
    /// Headers that map to no canonical column.
    pub ignored: Vec<String>,
}

impl ColumnMap {
    pub fn resolve(
        source_name: &str,
        file: &Path,
        table: &RawTable,
        setting: &SourceSetting,
        columns: &[&'static str],
        required: &[&'static str],
    ) -> Result<Self, SourceError> {
        let mut index = Vec::new();
        let mut header = HashMap::new();
        let mut used = vec![false; table.headers.len()];
        for &col in columns {
            let wanted: Vec<String> = std::iter::once(norm(col))
                .chain(setting.columns.get(col).map(|h| norm(h)))
                .collect();
            if let Some(i) = table
                .headers
                .iter()
                .enumerate()
                .position(|(i, h)| !used[i] && wanted.contains(&norm(h)))
            {
                used[i] = true;
                index.push((col, i));
                header.insert(col, table.headers[i].clone());
            }
        }
        let missing: Vec<String> = required
            .iter()
            .filter(|c| !index.iter().any(|(k, _)| k == *c))
            .map(|c| match setting.columns.get(*c) {
                Some(h) => format!("{c} (configured as {h:?})"),
                None => c.to_string(),
            })
            .collect();
        // Personal data is checked first: such a file must not be processed at all.
        for (i, h) in table.headers.iter().enumerate() {
            if used[i] {
                continue;
            }
            let why = personal_header(h).or_else(|| bsn_content(table, i));
            if let Some(why) = why {
                return Err(SourceError::PersonalData {
                    source_name: source_name.to_string(),
                    file: file.to_path_buf(),
                    column_number: i + 1,
                    header: h.clone(),
                    why,
                });
            }
        }
        if !missing.is_empty() {
            return Err(SourceError::MissingColumns {
                source_name: source_name.to_string(),
                file: file.to_path_buf(),
                missing,
                found: table.headers.clone(),
            });
        }
        let values = setting
            .values
            .iter()
            .map(|(col, pairs)| {
                let m = pairs
                    .iter()
                    .map(|(from, to)| (from.trim().to_lowercase(), to.trim().to_string()))
                    .collect();
                (col.clone(), m)
            })
            .collect();
        let ignored = table
            .headers
            .iter()
            .enumerate()
            .filter(|(i, h)| !used[*i] && !h.is_empty())
            .map(|(_, h)| h.clone())
            .collect();
        Ok(Self {
            index,
            header,
            values,
            ignored,
        })
    }

    /// The cell of a canonical column, after value mapping; `""` when absent.
    pub fn get<'a>(&'a self, col: &str, cells: &'a Cells) -> &'a str {
        let raw = self
            .index
            .iter()
            .find(|(c, _)| *c == col)
            .and_then(|&(_, i)| cells.get(i))
            .unwrap_or("");
        if !self.values.is_empty() {
            if let Some(m) = self.values.get(col) {
                if let Some(v) = m.get(&raw.to_lowercase()) {
                    return v.as_str();
                }
            }
        }
        raw
    }

    /// The header of a canonical column as written in the file (for messages).
    pub fn header<'a>(&'a self, col: &'a str) -> &'a str {
        self.header.get(col).map(|s| s.as_str()).unwrap_or(col)
    }
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// Words in a header that mean the column holds personal data.
const PERSONAL_WORDS: &[(&str, &str)] = &[
    ("naam", "a name"),
    ("name", "a name"),
    ("voornaam", "a name"),
    ("achternaam", "a name"),
    ("voorletters", "a name"),
    ("tussenvoegsel", "a name"),
    ("firstname", "a name"),
    ("lastname", "a name"),
    ("surname", "a name"),
    ("bsn", "a BSN"),
    ("burgerservicenummer", "a BSN"),
    ("sofinummer", "a BSN"),
    ("geboortedatum", "a date of birth"),
    ("geboren", "a date of birth"),
    ("birth", "a date of birth"),
    ("birthdate", "a date of birth"),
    ("dob", "a date of birth"),
    ("adres", "an address"),
    ("address", "an address"),
    ("straat", "an address"),
    ("straatnaam", "an address"),
    ("street", "an address"),
    ("huisnummer", "an address"),
    ("postcode", "an address"),
    ("zipcode", "an address"),
    ("telefoon", "a phone number"),
    ("telefoonnummer", "a phone number"),
    ("phone", "a phone number"),
    ("email", "an e-mail address"),
    ("emailadres", "an e-mail address"),
];

fn personal_header(h: &str) -> Option<String> {
    let lower = h.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = norm(h);
    for (word, why) in PERSONAL_WORDS {
        if words.contains(word) || joined == *word {
            return Some(format!("the header says {why}"));
        }
    }
    for long in [
        "geboortedatum",
        "dateofbirth",
        "burgerservicenummer",
        "emailadres",
    ] {
        if joined.contains(long) {
            return Some("the header says personal data".to_string());
        }
    }
    None
}

/// A column whose filled cells are mostly nine-digit numbers passing the eleven-test.
fn bsn_content(table: &RawTable, col: usize) -> Option<String> {
    let mut filled = 0usize;
    let mut bsn = 0usize;
    for row in &table.rows {
        let Some(v) = row.cells.get(col) else {
            continue;
        };
        if v.is_empty() {
            continue;
        }
        filled += 1;
        if is_bsn(v) {
            bsn += 1;
        }
    }
    (filled > 0 && bsn * 2 >= filled && bsn >= 1)
        .then(|| format!("{bsn} of {filled} values are valid BSNs"))
}

/// The BSN eleven-test (elfproef) on a nine-digit number.
pub fn is_bsn(v: &str) -> bool {
    let digits: Vec<u32> = v.trim().chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 9 || v.trim().len() != 9 || digits.iter().all(|&d| d == 0) {
        return false;
    }
    let sum: i64 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let w = if i == 8 { -1 } else { 9 - i as i64 };
            w * d as i64
        })
        .sum();
    sum % 11 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(headers: &[&str], rows: &[&[&str]]) -> RawTable {
        RawTable {
            headers: headers.iter().map(|s| s.to_string()).collect(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| super::super::table::RawRow {
                    line: i + 2,
                    cells: Cells::from(r.to_vec()),
                })
                .collect(),
            blank_lines: 0,
            encoding_note: None,
        }
    }

    #[test]
    fn dutch_headers_are_mapped_by_config() {
        let t = table(
            &["Aanvraagnummer", "Datum aanmelding"],
            &[&["A1", "01-02-2025"]],
        );
        let mut s = SourceSetting::default();
        s.columns
            .insert("application_id".into(), "aanvraagnummer".into());
        s.columns
            .insert("received_on".into(), "DATUM AANMELDING".into());
        let m = ColumnMap::resolve(
            "applications",
            Path::new("x.csv"),
            &t,
            &s,
            &["application_id", "received_on"],
            &["application_id"],
        )
        .unwrap();
        assert_eq!(m.get("received_on", &t.rows[0].cells), "01-02-2025");
        assert_eq!(m.header("received_on"), "Datum aanmelding");
    }

    #[test]
    fn personal_data_headers_are_refused() {
        for h in [
            "Naam",
            "BSN",
            "Geboortedatum",
            "date_of_birth",
            "Adres",
            "Achternaam cliënt",
        ] {
            let t = table(&["application_id", h], &[&["A1", "x"]]);
            let err = ColumnMap::resolve(
                "applications",
                Path::new("x.csv"),
                &t,
                &SourceSetting::default(),
                &["application_id"],
                &["application_id"],
            )
            .unwrap_err();
            assert!(matches!(err, SourceError::PersonalData { .. }), "{h}");
        }
        // Not personal: a corporation's name column, once mapped, and unrelated words.
        let t = table(
            &["application_id", "Corporatienaam", "Opmerking"],
            &[&["A1", "Mitros", ""]],
        );
        assert!(ColumnMap::resolve(
            "applications",
            Path::new("x.csv"),
            &t,
            &SourceSetting::default(),
            &["application_id"],
            &["application_id"]
        )
        .is_ok());
    }

    #[test]
    fn bsn_values_are_refused() {
        assert!(is_bsn("111222333"));
        assert!(!is_bsn("123456789"));
        let t = table(
            &["application_id", "kenmerk"],
            &[&["A1", "111222333"], &["A2", "123456782"]],
        );
        let err = ColumnMap::resolve(
            "applications",
            Path::new("x.csv"),
            &t,
            &SourceSetting::default(),
            &["application_id"],
            &["application_id"],
        )
        .unwrap_err();
        assert!(err.to_string().contains("BSN"), "{err}");
    }

    #[test]
    fn missing_columns_are_named() {
        let t = table(&["application_id"], &[]);
        let err = ColumnMap::resolve(
            "applications",
            Path::new("a.csv"),
            &t,
            &SourceSetting::default(),
            &["application_id", "origin"],
            &["application_id", "origin"],
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("a.csv") && msg.contains("origin"), "{msg}");
    }
}

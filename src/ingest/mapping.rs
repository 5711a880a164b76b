//! Column and value mapping: finds each canonical column in a file's header and refuses files
//! that carry personal data.
//!
//! A header matches a canonical column when, ignoring case, spaces and punctuation, it equals the
//! canonical name or the header configured in `sources.<name>.columns`. Columns that map to
//! nothing are checked for personal data by name (naam, BSN, geboortedatum, adres, …) and by
//! content (nine-digit numbers that pass the BSN eleven-test).

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use super::SourceError;
use crate::config::SourceSetting;
use crate::schema::Column;

/// Where each canonical column is in the file, and the configured value labels. Canonical
/// columns are addressed by their index in the source's schema (`schema::application::ID`…).
#[derive(Debug, Clone)]
pub struct ColumnMap {
    /// Position in the file of each canonical column.
    pos: Vec<Option<usize>>,
    /// The header of each canonical column as written in the file (its own name when absent).
    headers: Vec<String>,
    /// Configured value labels per canonical column, keys in lower case.
    values: Vec<Option<HashMap<String, String>>>,
    /// Headers that map to no canonical column.
    pub ignored: Vec<String>,
    /// File columns that map to no canonical column (checked for BSNs by content).
    pub unmapped: Vec<usize>,
    /// Required columns that are not in the file (an error once personal data is ruled out).
    pub missing: Vec<String>,
    /// Number of header cells.
    pub width: usize,
}

impl ColumnMap {
    /// Maps the header; refuses it at once when a header names personal data.
    pub fn resolve(
        source_name: &str,
        file: &Path,
        file_headers: &[String],
        setting: &SourceSetting,
        columns: &[Column],
    ) -> Result<Self, SourceError> {
        let mut pos = Vec::with_capacity(columns.len());
        let mut headers = Vec::with_capacity(columns.len());
        let mut used = vec![false; file_headers.len()];
        for col in columns.iter().map(|c| c.name) {
            let wanted: Vec<String> = std::iter::once(norm(col))
                .chain(setting.columns.get(col).map(|h| norm(h)))
                .collect();
            let found = file_headers
                .iter()
                .enumerate()
                .position(|(i, h)| !used[i] && wanted.contains(&norm(h)));
            if let Some(i) = found {
                used[i] = true;
                headers.push(file_headers[i].clone());
            } else {
                headers.push(col.to_string());
            }
            pos.push(found);
        }
        let missing: Vec<String> = columns
            .iter()
            .zip(&pos)
            .filter(|(c, found)| c.required && found.is_none())
            .map(|(c, _)| match setting.columns.get(c.name) {
                Some(h) => format!("{} (configured as {h:?})", c.name),
                None => c.name.to_string(),
            })
            .collect();
        // Personal data is checked first: such a file must not be processed at all.
        for (i, h) in file_headers.iter().enumerate() {
            if used[i] {
                continue;
            }
            if let Some(why) = personal_header(h) {
                return Err(SourceError::PersonalData {
                    source_name: source_name.to_string(),
                    file: file.to_path_buf(),
                    column_number: i + 1,
                    header: h.clone(),
                    why,
                });
            }
        }
        let values = columns
            .iter()
            .map(|col| {
                setting.values.get(col.name).map(|pairs| {
                    pairs
                        .iter()
                        .map(|(from, to)| (from.trim().to_lowercase(), to.trim().to_string()))
                        .collect()
                })
            })
            .collect();
        let unmapped: Vec<usize> = (0..file_headers.len()).filter(|i| !used[*i]).collect();
        let ignored = unmapped
            .iter()
            .map(|&i| &file_headers[i])
            .filter(|h| !h.is_empty())
            .cloned()
            .collect();
        Ok(Self {
            pos,
            headers,
            values,
            ignored,
            unmapped,
            missing,
            width: file_headers.len(),
        })
    }

    /// The error for missing required columns, if any.
    pub fn missing_error(
        &self,
        source_name: &str,
        file: &Path,
        found: &[String],
    ) -> Option<SourceError> {
        (!self.missing.is_empty()).then(|| SourceError::MissingColumns {
            source_name: source_name.to_string(),
            file: file.to_path_buf(),
            missing: self.missing.clone(),
            found: found.to_vec(),
        })
    }

    /// The cell of canonical column `col`, after value mapping; `""` when absent.
    #[inline]
    pub fn get<'c>(&'c self, col: usize, cells: &'c [Cow<'_, str>]) -> &'c str {
        let raw: &str = match self.pos[col] {
            Some(i) if i < cells.len() => &cells[i],
            _ => return "",
        };
        match &self.values[col] {
            Some(m) if !raw.is_empty() => m.get(&*lower(raw)).map_or(raw, |v| v.as_str()),
            _ => raw,
        }
    }

    /// Like [`ColumnMap::get`], but without tying the value to the row's buffer (for keys
    /// that outlive the row).
    pub fn get_cow<'a>(&'a self, col: usize, cells: &[Cow<'a, str>]) -> Cow<'a, str> {
        let Some(cell) = self.pos[col].and_then(|i| cells.get(i)) else {
            return Cow::Borrowed("");
        };
        if let Some(m) = &self.values[col] {
            if let Some(v) = m.get(&*lower(cell)) {
                return Cow::Borrowed(v.as_str());
            }
        }
        match cell {
            Cow::Borrowed(s) => Cow::Borrowed(s),
            Cow::Owned(s) => Cow::Owned(s.clone()),
        }
    }

    /// The header of canonical column `col` as written in the file (for messages).
    pub fn header(&self, col: usize) -> &str {
        &self.headers[col]
    }
}

fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) || !s.is_ascii() {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
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

/// Counts of the filled cells of one unmapped column and of those that are valid BSNs.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct BsnCount {
    pub filled: usize,
    pub bsn: usize,
}

impl BsnCount {
    pub fn note(&mut self, cell: &str) {
        if !cell.is_empty() {
            self.filled += 1;
            self.bsn += usize::from(is_bsn(cell));
        }
    }
    pub fn add(&mut self, other: BsnCount) {
        self.filled += other.filled;
        self.bsn += other.bsn;
    }
    /// Why the column counts as personal data: most filled cells are BSNs.
    pub fn verdict(&self) -> Option<String> {
        (self.filled > 0 && self.bsn * 2 >= self.filled && self.bsn >= 1)
            .then(|| format!("{} of {} values are valid BSNs", self.bsn, self.filled))
    }
}

/// The BSN eleven-test (elfproef) on a nine-digit number.
pub fn is_bsn(v: &str) -> bool {
    let b = v.trim().as_bytes();
    if b.len() != 9 || !b.iter().all(u8::is_ascii_digit) || b.iter().all(|&d| d == b'0') {
        return false;
    }
    let sum: i64 = b
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let w = if i == 8 { -1 } else { 9 - i as i64 };
            w * i64::from(d - b'0')
        })
        .sum();
    sum % 11 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(c: &[(&'static str, bool)]) -> Vec<Column> {
        c.iter()
            .map(|&(name, required)| Column { name, required })
            .collect()
    }

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn dutch_headers_are_mapped_by_config() {
        let h = headers(&["Aanvraagnummer", "Datum aanmelding"]);
        let mut s = SourceSetting::default();
        s.columns
            .insert("application_id".into(), "aanvraagnummer".into());
        s.columns
            .insert("received_on".into(), "DATUM AANMELDING".into());
        s.values.insert(
            "application_id".into(),
            [("a1".to_string(), "X1".to_string())].into_iter().collect(),
        );
        let m = ColumnMap::resolve(
            "applications",
            Path::new("x.csv"),
            &h,
            &s,
            &cols(&[("application_id", true), ("received_on", false)]),
        )
        .unwrap();
        let cells = [Cow::Borrowed("A1"), Cow::Borrowed("01-02-2025")];
        assert_eq!(m.get(1, &cells), "01-02-2025");
        assert_eq!(m.header(1), "Datum aanmelding");
        // Value labels apply ignoring case, also to keys that outlive the row.
        assert_eq!(m.get(0, &cells), "X1");
        assert_eq!(m.get_cow(0, &cells), "X1");
        assert!(m.missing.is_empty() && m.unmapped.is_empty());
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
            let err = ColumnMap::resolve(
                "applications",
                Path::new("x.csv"),
                &headers(&["application_id", h]),
                &SourceSetting::default(),
                &cols(&[("application_id", true)]),
            )
            .unwrap_err();
            assert!(matches!(err, SourceError::PersonalData { .. }), "{h}");
        }
        // Not personal: a corporation's name column, once mapped, and unrelated words.
        let m = ColumnMap::resolve(
            "applications",
            Path::new("x.csv"),
            &headers(&["application_id", "Corporatienaam", "Opmerking"]),
            &SourceSetting::default(),
            &cols(&[("application_id", true)]),
        )
        .unwrap();
        assert_eq!(m.unmapped, vec![1, 2]);
        assert_eq!(m.ignored, vec!["Corporatienaam", "Opmerking"]);
    }

    #[test]
    fn bsn_values_are_counted() {
        assert!(is_bsn("111222333"));
        assert!(!is_bsn("123456789"));
        assert!(!is_bsn("000000000"));
        assert!(!is_bsn("11122233"));
        let mut c = BsnCount::default();
        for v in ["111222333", "123456789", ""] {
            c.note(v);
        }
        assert_eq!(c, BsnCount { filled: 2, bsn: 1 });
        assert!(c.verdict().unwrap().contains("1 of 2"));
        c.note("x");
        assert_eq!(c.verdict(), None);
    }

    #[test]
    fn missing_columns_are_named() {
        let m = ColumnMap::resolve(
            "applications",
            Path::new("a.csv"),
            &headers(&["application_id"]),
            &SourceSetting::default(),
            &cols(&[("application_id", true), ("origin", true)]),
        )
        .unwrap();
        let msg = m
            .missing_error(
                "applications",
                Path::new("a.csv"),
                &headers(&["application_id"]),
            )
            .unwrap()
            .to_string();
        assert!(msg.contains("a.csv") && msg.contains("origin"), "{msg}");
    }
}

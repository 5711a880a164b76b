//! Column and value mapping, and the allowlist: finds each canonical column in a file's header;
//! every other column is left out at the door (named in a warning, its cells never copied).
//!
//! A header matches a canonical column when, ignoring case, spaces and punctuation, it equals the
//! canonical name or the header configured in `sources.<name>.columns`. The kept columns are
//! watched for personal data by content ([`PersonalCount`]): a BSN (eleven-test) in any of them,
//! an e-mail address, phone number or postcode with house number in an id or label column
//! refuses the file. Headers of left-out columns are recognised by pattern (naam, cliënt, adres,
//! telefoon, opmerking, …) so the warning can say what they look like.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use super::error::SourceError;
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
    /// Headers that map to no canonical column (left out; named in a warning).
    pub ignored: Vec<String>,
    /// The file positions of the mapped columns, in file order: the only cells ever kept.
    pub kept: Vec<usize>,
    /// What each kept column holds (parallel to `kept`), for the personal-data watch.
    pub kinds: Vec<CellKind>,
    /// Required columns that are not in the file (an error once personal data is ruled out).
    pub missing: Vec<String>,
    /// Number of header cells.
    pub width: usize,
    /// A header cell that hides a column: a known column name with more around it, or with a
    /// separator in it (`withdrawn_on,Cliëntnaam`: two headers glued by a wrong separator).
    /// Its position (1-based), the cell, and the column it hides.
    pub mangled: Option<(usize, String, String)>,
}

impl ColumnMap {
    /// Maps the header.
    pub fn resolve(file_headers: &[String], setting: &SourceSetting, columns: &[Column]) -> Self {
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
        let mut kept: Vec<(usize, CellKind)> = pos
            .iter()
            .zip(columns)
            .filter_map(|(p, c)| p.map(|i| (i, CellKind::of(c.name))))
            .collect();
        kept.sort_by_key(|(i, _)| *i);
        let mangled = mangled_header(file_headers, &used, columns, &pos, setting);
        let ignored = (0..file_headers.len())
            .filter(|i| !used[*i])
            .map(|i| &file_headers[i])
            .filter(|h| !h.is_empty())
            .cloned()
            .collect();
        Self {
            pos,
            headers,
            values,
            ignored,
            kept: kept.iter().map(|(i, _)| *i).collect(),
            kinds: kept.iter().map(|(_, k)| *k).collect(),
            missing,
            width: file_headers.len(),
            mangled,
        }
    }

    /// The error for a header cell that hides a column, if any (checked before missing
    /// columns: the hidden column would otherwise just be "missing", or an optional one
    /// silently absent).
    pub fn mangled_error(&self, file: &Path) -> Option<SourceError> {
        self.mangled
            .as_ref()
            .map(|(n, cell, column)| SourceError::MangledHeader {
                file: file.to_path_buf(),
                column_number: *n,
                cell: cell.clone(),
                column: column.clone(),
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

    /// The kept cells of a row (the allowlist: what a rejected-rows file may hold).
    pub fn keep<S: AsRef<str>>(&self, cells: &[S]) -> Vec<String> {
        self.kept
            .iter()
            .map(|&i| {
                cells
                    .get(i)
                    .map_or(String::new(), |c| c.as_ref().to_string())
            })
            .collect()
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

/// The first unused header cell that hides a column the map did not find: one of its parts
/// split at a separator (`,` `;` tab `|`) is a column's name, or it holds a column's name with
/// more around it.
fn mangled_header(
    file_headers: &[String],
    used: &[bool],
    columns: &[Column],
    pos: &[Option<usize>],
    setting: &SourceSetting,
) -> Option<(usize, String, String)> {
    let names = |c: &Column| -> Vec<String> {
        std::iter::once(norm(c.name))
            .chain(setting.columns.get(c.name).map(|h| norm(h)))
            .filter(|n| !n.is_empty())
            .collect()
    };
    for (i, h) in file_headers.iter().enumerate() {
        if used[i] {
            continue;
        }
        let separated = h.contains([',', ';', '\t', '|']);
        for (c, p) in columns.iter().zip(pos) {
            let wanted = names(c);
            let part_is_name = separated
                && h.split([',', ';', '\t', '|'])
                    .any(|part| wanted.contains(&norm(part)));
            let holds_name = p.is_none() && {
                let whole = norm(h);
                wanted
                    .iter()
                    .any(|w| whole.len() > w.len() && whole.contains(w.as_str()))
            };
            if part_is_name || holds_name {
                return Some((i + 1, h.clone(), c.name.to_string()));
            }
        }
    }
    None
}

/// The canonical columns of a feed: a corporation's own feed needs no corporation column.
pub fn feed_columns(feed: &super::plan::PlannedFeed) -> Vec<Column> {
    feed.kind
        .columns()
        .iter()
        .map(|c| Column {
            required: c.required
                && !(feed.setting.corporation.is_some()
                    && c.name
                        == crate::schema::delivery::COLUMNS[crate::schema::delivery::CORPORATION]
                            .name),
            ..*c
        })
        .collect()
}

/// The warning for a column that was left out at the door (its header only).
pub fn left_out(header: &str) -> String {
    use minijinja::context;
    match personal_header(header) {
        Some(what) => super::meldingen::text(
            "kolom_persoonlijk",
            context! { kop => super::meldingen::shown(header), wat => personal_nl(what) },
        ),
        None => super::meldingen::text(
            "kolom_ongebruikt",
            context! { kop => super::meldingen::shown(header) },
        ),
    }
}

/// What a personal column looks like, in Dutch (the warnings are read in the console).
fn personal_nl(what: &str) -> &'static str {
    match what {
        "a name" => "een naam",
        "a BSN" => "een BSN",
        "a date of birth" => "een geboortedatum",
        "an address" => "een adres",
        "a phone number" => "een telefoonnummer",
        "an e-mail address" => "een e-mailadres",
        "data about a client" => "gegevens over een cliënt",
        "personal characteristics" => "persoonlijke kenmerken",
        _ => "een persoonsgegeven",
    }
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// What a kept column holds, by its canonical name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// An identifier (`application_id`, `dwelling_id`).
    Id,
    /// A code or label (municipality, origin, housing form, corporation).
    Label,
    /// A date (`*_on`).
    Date,
    /// A number (`year`, `lower`, `upper`).
    Number,
}

impl CellKind {
    pub fn of(canonical: &str) -> CellKind {
        if canonical.ends_with("_id") {
            CellKind::Id
        } else if canonical.ends_with("_on") {
            CellKind::Date
        } else if matches!(canonical, "year" | "lower" | "upper") {
            CellKind::Number
        } else {
            CellKind::Label
        }
    }
}

/// Parts of a header that say a left-out column holds personal data (matched on the header
/// in lower case without accents, spaces and punctuation), with what it looks like.
const PERSONAL_PATTERNS: &[(&str, &str)] = &[
    ("bsn", "a BSN"),
    ("burgerservicenummer", "a BSN"),
    ("sofinummer", "a BSN"),
    ("geboorte", "a date of birth"),
    ("birth", "a date of birth"),
    ("naam", "a name"),
    ("name", "a name"),
    ("voorletter", "a name"),
    ("tussenvoegsel", "a name"),
    ("client", "data about a client"),
    ("klant", "data about a client"),
    ("bewoner", "data about a client"),
    ("huurder", "data about a client"),
    ("adres", "an address"),
    ("address", "an address"),
    ("straat", "an address"),
    ("street", "an address"),
    ("huisnummer", "an address"),
    ("postcode", "an address"),
    ("zipcode", "an address"),
    ("woonplaats", "an address"),
    ("telefoon", "a phone number"),
    ("telnr", "a phone number"),
    ("phone", "a phone number"),
    ("mobiel", "a phone number"),
    ("gsm", "a phone number"),
    ("email", "an e-mail address"),
    ("mail", "an e-mail address"),
    ("geslacht", "personal characteristics"),
    ("gender", "personal characteristics"),
    ("leeftijd", "personal characteristics"),
    ("nationaliteit", "personal characteristics"),
    ("diagnose", "health data"),
    ("indicatie", "health data"),
    ("zorg", "health data"),
    ("opmerking", "free text"),
    ("toelichting", "free text"),
    ("notitie", "free text"),
    ("memo", "free text"),
    ("bijzonderheden", "free text"),
    ("omschrijving", "free text"),
    ("comment", "free text"),
    ("note", "free text"),
];

/// What a left-out column's header says it holds, when it looks personal.
pub fn personal_header(h: &str) -> Option<&'static str> {
    let folded: String = h
        .chars()
        .filter_map(|c| match c {
            'á' | 'à' | 'ä' | 'â' | 'Á' | 'À' | 'Ä' | 'Â' => Some('a'),
            'é' | 'è' | 'ë' | 'ê' | 'É' | 'È' | 'Ë' | 'Ê' => Some('e'),
            'í' | 'ì' | 'ï' | 'î' | 'Í' | 'Ì' | 'Ï' | 'Î' => Some('i'),
            'ó' | 'ò' | 'ö' | 'ô' | 'Ó' | 'Ò' | 'Ö' | 'Ô' => Some('o'),
            'ú' | 'ù' | 'ü' | 'û' | 'Ú' | 'Ù' | 'Ü' | 'Û' => Some('u'),
            c if c.is_alphanumeric() => c.to_lowercase().next(),
            _ => None,
        })
        .collect();
    PERSONAL_PATTERNS
        .iter()
        .find(|(p, _)| folded.contains(p))
        .map(|(_, why)| *why)
}

/// What the cells of one kept column look like, counted while validating.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PersonalCount {
    /// Cells of 8 or 9 digits (the shape of a BSN).
    pub numeric: usize,
    /// Of those, the ones that pass the eleven-test.
    pub bsn: usize,
    pub email: usize,
    pub phone: usize,
    pub postcode: usize,
}

impl PersonalCount {
    #[inline]
    pub fn note(&mut self, cell: &str, kind: CellKind) {
        let b = cell.as_bytes();
        if b.len() < 6 {
            return;
        }
        if (8..=9).contains(&b.len()) && b.iter().all(u8::is_ascii_digit) {
            self.numeric += 1;
            self.bsn += usize::from(is_bsn(cell));
            return;
        }
        if matches!(kind, CellKind::Id | CellKind::Label) {
            self.email += usize::from(is_email(cell));
            self.phone += usize::from(is_phone(cell));
            self.postcode += usize::from(has_postcode_and_number(cell));
        }
    }
    pub fn add(&mut self, o: PersonalCount) {
        self.numeric += o.numeric;
        self.bsn += o.bsn;
        self.email += o.email;
        self.phone += o.phone;
        self.postcode += o.postcode;
    }
    /// Why the column holds personal data, in counts only (never a value). BSNs: at least one,
    /// and at least half of the cells with a BSN's shape (a column of nine-digit numbers passes
    /// the eleven-test by chance about one in eleven times).
    pub fn verdict(&self) -> Option<String> {
        if self.bsn >= 1 && self.bsn * 2 >= self.numeric {
            return Some(format!(
                "{} cell(s) hold a valid BSN (eleven-test)",
                self.bsn
            ));
        }
        [
            (self.email, "an e-mail address"),
            (self.phone, "a phone number"),
            (self.postcode, "a postcode with a house number"),
        ]
        .iter()
        .find(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} cell(s) hold {what}"))
    }
}

/// `local@domain.tld` somewhere in the cell.
fn is_email(cell: &str) -> bool {
    let Some(at) = memchr::memchr(b'@', cell.as_bytes()) else {
        return false;
    };
    let word = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    let before = cell[..at].chars().rev().take_while(|c| word(*c)).count();
    let domain: String = cell[at + 1..].chars().take_while(|c| word(*c)).collect();
    before > 0
        && domain
            .rsplit_once('.')
            .is_some_and(|(host, tld)| !host.is_empty() && tld.len() >= 2)
}

/// A Dutch phone number: 0 and nine digits, or +31 / 0031 and nine, with spaces, dashes,
/// dots or brackets between.
fn is_phone(cell: &str) -> bool {
    if !cell
        .bytes()
        .all(|b| b.is_ascii_digit() || b" -+().".contains(&b))
    {
        return false;
    }
    let digits: String = cell.chars().filter(char::is_ascii_digit).collect();
    let national = if cell.trim_start().starts_with('+') {
        digits.strip_prefix("31")
    } else if let Some(rest) = digits.strip_prefix("0031") {
        Some(rest)
    } else {
        digits.strip_prefix('0')
    };
    national.is_some_and(|n| n.len() == 9 && !n.starts_with('0'))
}

/// A Dutch postcode (`3511 AB`) followed by a house number.
fn has_postcode_and_number(cell: &str) -> bool {
    let b = cell.as_bytes();
    (0..b.len()).any(|i| {
        let digits = b
            .get(i..i + 4)
            .is_some_and(|d| d[0] != b'0' && d.iter().all(u8::is_ascii_digit))
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric());
        if !digits {
            return false;
        }
        let mut j = i + 4;
        if b.get(j) == Some(&b' ') {
            j += 1;
        }
        let letters = b
            .get(j..j + 2)
            .is_some_and(|l| l.iter().all(u8::is_ascii_alphabetic));
        if !letters || b.get(j + 2).is_some_and(u8::is_ascii_alphabetic) {
            return false;
        }
        j += 2;
        while b.get(j).is_some_and(|c| b" ,-".contains(c)) {
            j += 1;
        }
        b.get(j).is_some_and(u8::is_ascii_digit)
    })
}

/// The BSN eleven-test (elfproef) on a nine-digit number (or eight digits: a leading zero that
/// a spreadsheet dropped).
pub fn is_bsn(v: &str) -> bool {
    let v = v.trim();
    if v.len() == 8 {
        return is_bsn(&format!("0{v}"));
    }
    let b = v.as_bytes();
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
mod tests;

//! Row validation: each raw row becomes a typed record or a [`Rejection`] with a reason in Dutch
//! (the rejected-rows files are read by policy advisors).
//!
//! Rules: required fields filled; municipality code well-formed and in the configured region;
//! dates readable (ISO `2026-10-31` or Dutch `31-10-2026`), real, and not after the run date;
//! housed/withdrawn not before received; ids unique (the first accepted occurrence counts).
//! All problems of a row are listed, separated by `; `.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;

use super::mapping::ColumnMap;
use super::table::{Cells, RawTable};
use super::{Application, Commitment, Delivery, Rejection, Validated};
use crate::config::Reference;
use crate::domain::MunicipalityCode;

/// Why a date cell is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    Unreadable,
    Impossible,
}

/// Parses `YYYY-MM-DD` or `DD-MM-YYYY` (also with `/` or `.`, one-digit day or month, and a
/// trailing time such as `T00:00:00` or ` 00:00`, as spreadsheet exports write).
pub fn parse_date(raw: &str) -> Result<NaiveDate, DateProblem> {
    let s = raw.trim();
    let date_part = s.split(['T', ' ']).next().unwrap_or("");
    let rest = &s[date_part.len()..];
    if !rest.is_empty() {
        let time = rest.trim_start_matches(['T', ' ']);
        let ok = time
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | 'Z' | '+' | '-'))
            && time.contains(':');
        if !ok {
            return Err(DateProblem::Unreadable);
        }
    }
    let parts: Vec<&str> = date_part.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(DateProblem::Unreadable);
    }
    let (y, m, d) = if parts[0].len() == 4 && parts[1].len() <= 2 && parts[2].len() <= 2 {
        (parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        (parts[2], parts[1], parts[0])
    } else {
        return Err(DateProblem::Unreadable);
    };
    let (y, m, d): (i32, u32, u32) = (
        y.parse().map_err(|_| DateProblem::Unreadable)?,
        m.parse().map_err(|_| DateProblem::Unreadable)?,
        d.parse().map_err(|_| DateProblem::Unreadable)?,
    );
    NaiveDate::from_ymd_opt(y, m, d).ok_or(DateProblem::Impossible)
}

/// Dutch date for messages: `31-10-2026`.
fn nl(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// Collects the problems of one row.
struct Row<'a> {
    map: &'a ColumnMap,
    cells: &'a Cells,
    problems: Vec<String>,
}

impl<'a> Row<'a> {
    fn new(map: &'a ColumnMap, cells: &'a Cells, width: usize) -> Self {
        let mut problems = Vec::new();
        if cells.len() > width && cells.iter().skip(width).any(|c| !c.is_empty()) {
            problems.push(format!(
                "regel heeft {} cellen, de kopregel {}: scheidingsteken of aanhalingstekens kloppen niet",
                cells.len(),
                width
            ));
        }
        Self {
            map,
            cells,
            problems,
        }
    }
    fn text(&self, col: &str) -> &'a str {
        self.map.get(col, self.cells)
    }
    fn required(&mut self, col: &str) -> Option<&'a str> {
        let v = self.text(col);
        if v.is_empty() {
            self.problems.push(format!(
                "verplicht veld \"{}\" is leeg",
                self.map.header(col)
            ));
            None
        } else {
            Some(v)
        }
    }
    fn optional(&self, col: &str) -> Option<String> {
        let v = self.text(col);
        (!v.is_empty()).then(|| v.to_string())
    }
    fn date(&mut self, col: &str, required: bool, today: NaiveDate) -> Option<NaiveDate> {
        let v = if required {
            self.required(col)?
        } else {
            let v = self.text(col);
            if v.is_empty() {
                return None;
            }
            v
        };
        match parse_date(v) {
            Ok(d) if d > today => {
                self.problems.push(format!(
                    "datum {} in \"{}\" ligt na de rundatum {}",
                    nl(d),
                    self.map.header(col),
                    nl(today)
                ));
                None
            }
            Ok(d) => Some(d),
            Err(DateProblem::Unreadable) => {
                self.problems.push(format!(
                    "datum \"{v}\" in \"{}\" is onleesbaar (verwacht bijvoorbeeld 31-12-2025 of 2025-12-31)",
                    self.map.header(col)
                ));
                None
            }
            Err(DateProblem::Impossible) => {
                self.problems.push(format!(
                    "datum \"{v}\" in \"{}\" bestaat niet",
                    self.map.header(col)
                ));
                None
            }
        }
    }
    fn municipality(&mut self, reference: &Reference) -> Option<MunicipalityCode> {
        let v = self.required("municipality_code")?;
        match MunicipalityCode::parse(v) {
            Ok(code) if reference.contains_municipality(&code) => Some(code),
            Ok(code) => {
                self.problems.push(format!(
                    "gemeentecode {code} hoort niet bij de gemeenten van de regio"
                ));
                None
            }
            Err(_) => {
                self.problems.push(format!(
                    "gemeentecode \"{v}\" is ongeldig (verwacht GM gevolgd door 4 cijfers, bijvoorbeeld GM0344)"
                ));
                None
            }
        }
    }
    fn non_negative(&mut self, col: &str) -> Option<u32> {
        let v = self.required(col)?;
        match v.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.problems.push(format!(
                    "\"{v}\" in \"{}\" is geen geheel getal van 0 of meer",
                    self.map.header(col)
                ));
                None
            }
        }
    }
}

/// Counts values not in the reference data, for data-quality warnings.
#[derive(Default)]
struct Unknown(BTreeMap<(String, String), usize>);

impl Unknown {
    fn note(&mut self, what: &str, value: &str) {
        *self
            .0
            .entry((what.to_string(), value.to_string()))
            .or_default() += 1;
    }
    fn warnings(self) -> Vec<String> {
        self.0
            .into_iter()
            .map(|((what, value), n)| {
                format!("{what} {value:?} is not in the reference data ({n} accepted row(s)); a new {what} or a typo?")
            })
            .collect()
    }
}

fn corporation_code(reference: &Reference, raw: &str, unknown: &mut Unknown) -> String {
    match reference.corporation(raw) {
        Some(c) => c.code.clone(),
        None => {
            unknown.note("corporation", raw);
            raw.to_string()
        }
    }
}

fn housing_form(
    reference: &Reference,
    raw: Option<String>,
    unknown: &mut Unknown,
) -> Option<String> {
    let raw = raw?;
    match reference
        .housing_forms
        .iter()
        .find(|h| h.eq_ignore_ascii_case(&raw))
    {
        Some(h) => Some(h.clone()),
        None => {
            unknown.note("housing form", &raw);
            Some(raw)
        }
    }
}

fn reject(row: &super::table::RawRow, problems: Vec<String>) -> Rejection {
    Rejection {
        line: row.line,
        cells: row.cells.to_vec(),
        reason: problems.join("; "),
    }
}

pub fn applications(
    table: &RawTable,
    map: &ColumnMap,
    reference: &Reference,
    today: NaiveDate,
) -> Validated<Application> {
    let mut accepted = Vec::with_capacity(table.rows.len());
    let mut rejected = Vec::new();
    let mut unknown = Unknown::default();
    let mut seen: HashMap<String, usize> = HashMap::default();
    for raw in &table.rows {
        let mut row = Row::new(map, &raw.cells, table.headers.len());
        let id = row.required("application_id");
        let received = row.date("received_on", true, today);
        let municipality = row.municipality(reference);
        let origin = row.required("origin");
        let housed = row.date("housed_on", false, today);
        let withdrawn = row.date("withdrawn_on", false, today);
        if let Some(r) = received {
            for (col, d) in [("housed_on", housed), ("withdrawn_on", withdrawn)] {
                if let Some(d) = d.filter(|d| *d < r) {
                    row.problems.push(format!(
                        "datum {} in \"{}\" ligt vóór de datum van ontvangst {}",
                        nl(d),
                        map.header(col),
                        nl(r)
                    ));
                }
            }
        }
        if let Some(first) = id.and_then(|id| seen.get(id)) {
            row.problems.push(format!(
                "aanvraagnummer \"{}\" komt dubbel voor; regel {first} telt",
                id.unwrap_or_default()
            ));
        }
        if !row.problems.is_empty() {
            rejected.push(reject(raw, row.problems));
            continue;
        }
        let (Some(id), Some(received), Some(municipality), Some(origin)) =
            (id, received, municipality, origin)
        else {
            unreachable!("a row without problems has its required fields");
        };
        seen.insert(id.to_string(), raw.line);
        let origin = match reference
            .origins
            .iter()
            .find(|o| o.eq_ignore_ascii_case(origin))
        {
            Some(o) => o.clone(),
            None => {
                unknown.note("origin", origin);
                origin.to_string()
            }
        };
        let corporation = row
            .optional("corporation")
            .map(|c| corporation_code(reference, &c, &mut unknown));
        accepted.push(Application {
            id: id.to_string(),
            received_on: received,
            municipality,
            origin,
            housing_form: housing_form(reference, row.optional("housing_form"), &mut unknown),
            corporation,
            housed_on: housed,
            withdrawn_on: withdrawn,
        });
    }
    (accepted, rejected, unknown.warnings())
}

pub fn deliveries(
    table: &RawTable,
    map: &ColumnMap,
    reference: &Reference,
    today: NaiveDate,
) -> Validated<Delivery> {
    let mut accepted = Vec::with_capacity(table.rows.len());
    let mut rejected = Vec::new();
    let mut unknown = Unknown::default();
    let mut seen: HashMap<String, usize> = HashMap::default();
    for raw in &table.rows {
        let mut row = Row::new(map, &raw.cells, table.headers.len());
        let id = row.required("dwelling_id");
        let corporation = row.required("corporation");
        let municipality = row.municipality(reference);
        let delivered = row.date("delivered_on", true, today);
        if let Some(first) = id.and_then(|id| seen.get(id)) {
            row.problems.push(format!(
                "woning-id \"{}\" komt dubbel voor; regel {first} telt",
                id.unwrap_or_default()
            ));
        }
        if !row.problems.is_empty() {
            rejected.push(reject(raw, row.problems));
            continue;
        }
        let (Some(id), Some(corporation), Some(municipality), Some(delivered)) =
            (id, corporation, municipality, delivered)
        else {
            unreachable!("a row without problems has its required fields");
        };
        seen.insert(id.to_string(), raw.line);
        accepted.push(Delivery {
            dwelling_id: id.to_string(),
            corporation: corporation_code(reference, corporation, &mut unknown),
            municipality,
            delivered_on: delivered,
            housing_form: housing_form(reference, row.optional("housing_form"), &mut unknown),
            application_id: row.optional("application_id"),
        });
    }
    (accepted, rejected, unknown.warnings())
}

pub fn commitments(
    table: &RawTable,
    map: &ColumnMap,
    reference: &Reference,
) -> Validated<Commitment> {
    let mut accepted = Vec::new();
    let mut rejected = Vec::new();
    let mut unknown = Unknown::default();
    let mut seen: HashMap<(i32, String, MunicipalityCode), usize> = HashMap::default();
    for raw in &table.rows {
        let mut row = Row::new(map, &raw.cells, table.headers.len());
        let year = row.required("year").and_then(|y| match y.parse::<i32>() {
            Ok(y) if (1900..=9999).contains(&y) => Some(y),
            _ => {
                row.problems.push(format!(
                    "jaar \"{y}\" in \"{}\" is geen jaartal",
                    map.header("year")
                ));
                None
            }
        });
        let corporation = row.required("corporation");
        let municipality = row.municipality(reference);
        let lower = row.non_negative("lower");
        let upper = row.non_negative("upper");
        if let (Some(l), Some(u)) = (lower, upper) {
            if l > u {
                row.problems
                    .push(format!("ondergrens {l} is groter dan bovengrens {u}"));
            }
        }
        let corporation = corporation.map(|c| match reference.corporation(c) {
            Some(c) => c.code.clone(),
            None => c.to_string(),
        });
        if let (Some(y), Some(c), Some(m)) = (year, &corporation, &municipality) {
            if let Some(first) = seen.get(&(y, c.clone(), m.clone())) {
                row.problems.push(format!(
                    "afspraak voor {c} in {m} in {y} komt dubbel voor; regel {first} telt"
                ));
            }
        }
        if !row.problems.is_empty() {
            rejected.push(reject(raw, row.problems));
            continue;
        }
        let (Some(year), Some(corporation), Some(municipality), Some(lower), Some(upper)) =
            (year, corporation, municipality, lower, upper)
        else {
            unreachable!("a row without problems has its required fields");
        };
        if reference.corporation(&corporation).is_none() {
            unknown.note("corporation", &corporation);
        }
        seen.insert((year, corporation.clone(), municipality.clone()), raw.line);
        accepted.push(Commitment {
            year,
            corporation,
            municipality,
            lower,
            upper,
        });
    }
    (accepted, rejected, unknown.warnings())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_iso_and_dutch_forms() {
        assert_eq!(parse_date("2026-10-31"), Ok(d(2026, 10, 31)));
        assert_eq!(parse_date(" 31-10-2026 "), Ok(d(2026, 10, 31)));
        assert_eq!(parse_date("1-2-2025"), Ok(d(2025, 2, 1)));
        assert_eq!(parse_date("01/02/2025"), Ok(d(2025, 2, 1)));
        assert_eq!(parse_date("2025-02-01T00:00:00"), Ok(d(2025, 2, 1)));
        assert_eq!(parse_date("2025-02-01 00:00"), Ok(d(2025, 2, 1)));
        assert_eq!(parse_date("31-02-2025"), Err(DateProblem::Impossible));
        assert_eq!(parse_date("2025-13-01"), Err(DateProblem::Impossible));
        for bad in [
            "gisteren",
            "2025-1",
            "25-12-31",
            "2025-12-31x",
            "31-12-25",
            "45678",
        ] {
            assert_eq!(parse_date(bad), Err(DateProblem::Unreadable), "{bad}");
        }
    }
}

//! The rules for applications.

use crate::ingest::records::Problem;
use std::borrow::Cow;

use crate::domain::{fold_id, fold_id_cow};

use super::dates::nl;
use super::kind::{
    corporation_codes, known_or_new, municipality_codes, position_ignoring_case, unknown_warnings,
    ChunkOut, Interner, Key, Kind, PendingKey, Row, RowIn, ID_BYTES,
};
use crate::config::Reference;
use crate::ingest::columns::Applications;
use crate::ingest::mapping::ColumnMap;
use crate::ingest::{columns::DictColumn, columns::TextColumn};
use crate::schema::application;
use chrono::NaiveDate;

/// Applications: id, dates in order, municipality in the region; ids unique.
pub struct ApplicationRules<'a> {
    pub map: &'a ColumnMap,
    pub reference: &'a Reference,
    pub today: NaiveDate,
}

#[derive(Default)]
pub struct ApplicationCache {
    origin: Interner,
    housing_form: Interner,
    corporation: Interner,
}

impl<'a> Kind<'a> for ApplicationRules<'a> {
    type Cols = Applications;
    type Cache = ApplicationCache;

    fn new_cols(&self, rows: usize) -> Applications {
        let r = self.reference;
        Applications {
            id: TextColumn::with_capacity(rows, rows * ID_BYTES),
            received_on: Vec::with_capacity(rows),
            municipality: DictColumn::with_known(municipality_codes(r), rows),
            origin: DictColumn::with_known(r.origins.clone(), rows),
            housing_form: DictColumn::with_known(r.housing_forms.clone(), rows),
            corporation: DictColumn::with_known(corporation_codes(r), rows),
            housed_on: Vec::with_capacity(rows),
            withdrawn_on: Vec::with_capacity(rows),
        }
    }

    /// Applications have one numbering, the matching organisation's.
    fn key<'c>(&self, cols: &'c Applications, k: usize) -> Key<'c> {
        Key {
            org: "",
            id: cols.id.get(k).unwrap_or_default(),
        }
    }

    fn row(&self, out: &mut ChunkOut<'a, Self>, raw: RowIn<'_, 'a>) {
        let today = self.today;
        let earliest = self.reference.earliest_date;
        let mut row = Row::new(self.map, raw);
        let id = row.required(application::ID);
        let received = row.date(application::RECEIVED_ON, true, today, earliest);
        let municipality = row.municipality(application::MUNICIPALITY, self.reference);
        let origin = row.required(application::ORIGIN);
        let housed = row.date(application::HOUSED_ON, false, today, earliest);
        let withdrawn = row.date(application::WITHDRAWN_ON, false, today, earliest);
        if let Some(r) = received {
            for (c, d) in [
                (application::HOUSED_ON, housed),
                (application::WITHDRAWN_ON, withdrawn),
            ] {
                if let Some(d) = d.filter(|d| *d < r) {
                    let header = self.map.header(c);
                    row.problems.push(Problem::new(
                        format!(
                            "datum {} in \"{header}\" ligt vóór de datum van ontvangst {}",
                            nl(d),
                            nl(r)
                        ),
                        format!("datum in \"{header}\" ligt vóór de datum van ontvangst"),
                    ));
                }
            }
        }
        if !row.problems.is_empty() {
            let key = id.map(|_| PendingKey {
                org: Cow::Borrowed(""),
                id: fold_id_cow(self.map.get_cow(application::ID, raw.cells)),
            });
            out.reject(raw, row.problems, key);
            return;
        }
        let (Some(id), Some(received), Some(municipality), Some(origin)) =
            (id, received, municipality, origin)
        else {
            unreachable!("a row without problems has its required fields");
        };
        let reference = self.reference;
        let cols = &mut out.cols;
        let cache = &mut out.cache;
        // Numbers are compared folded (`domain::fold_id`): look-alikes are one application.
        cols.id.push(Some(&fold_id(id)));
        cols.received_on.push(received);
        cols.municipality.push_code(Some(municipality as u32));
        let o = cache.origin.code(origin, |v| {
            known_or_new(
                position_ignoring_case(&reference.origins, v),
                v,
                &mut cols.origin,
            )
        });
        cols.origin.push_code(Some(o));
        let h = row.optional(application::HOUSING_FORM).map(|h| {
            cache.housing_form.code(h, |v| {
                let known = position_ignoring_case(&reference.housing_forms, v);
                known_or_new(known, v, &mut cols.housing_form)
            })
        });
        cols.housing_form.push_code(h);
        let c = row.optional(application::CORPORATION).map(|c| {
            cache.corporation.code(c, |v| {
                known_or_new(reference.corporation_position(v), v, &mut cols.corporation)
            })
        });
        cols.corporation.push_code(c);
        cols.housed_on.push(housed);
        cols.withdrawn_on.push(withdrawn);
        out.accept(raw);
    }

    fn duplicate(&self, key: Key<'_>, first_line: usize) -> Problem {
        Problem::new(
            format!(
                "aanvraagnummer \"{}\" komt dubbel voor; regel {first_line} telt",
                key.id
            ),
            "aanvraagnummer komt dubbel voor; de eerste regel telt".into(),
        )
    }

    fn duplicate_in(&self, key: Key<'_>, own: &str, feed: &str, first_line: usize) -> Problem {
        Problem::new(
            format!(
                "aanvraagnummer \"{}\" staat in feed {own} en ook in feed {feed}; regel {first_line} van {feed} telt",
                key.id
            ),
            format!("aanvraagnummer staat ook in feed {feed}; die regel telt"),
        )
    }

    fn append(&self, into: &mut Applications, from: Applications, keep: Option<&[bool]>) {
        into.append(&from, keep);
    }
}

/// Warnings for accepted applications with values outside the reference data.
pub fn application_warnings(a: &Applications, reference: &Reference) -> Vec<String> {
    unknown_warnings(
        &[
            ("origin", &a.origin),
            ("housing form", &a.housing_form),
            ("corporation", &a.corporation),
        ],
        reference,
    )
}

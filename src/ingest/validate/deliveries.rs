//! The rules for deliveries.

use crate::ingest::records::Problem;
use std::borrow::Cow;

use crate::domain::{fold_id, fold_id_cow};

use super::kind::{
    corporation_codes, known_or_new, municipality_codes, position_ignoring_case, unknown_warnings,
    ChunkOut, Interner, Key, Kind, PendingKey, Row, RowIn, ID_BYTES,
};
use crate::config::Reference;
use crate::ingest::columns::Deliveries;
use crate::ingest::mapping::ColumnMap;
use crate::ingest::{columns::DictColumn, columns::TextColumn};
use crate::schema::delivery;
use chrono::NaiveDate;

/// Deliveries: dwelling, corporation, municipality in the region, date; dwellings unique.
pub struct DeliveryRules<'a> {
    pub map: &'a ColumnMap,
    pub reference: &'a Reference,
    pub today: NaiveDate,
    /// The corporation whose own feed this is (position in the reference data).
    pub feed_corporation: Option<usize>,
}

#[derive(Default)]
pub struct DeliveryCache {
    housing_form: Interner,
    corporation: Interner,
}

impl<'a> Kind<'a> for DeliveryRules<'a> {
    type Cols = Deliveries;
    type Cache = DeliveryCache;

    fn new_cols(&self, rows: usize) -> Deliveries {
        let r = self.reference;
        Deliveries {
            dwelling_id: TextColumn::with_capacity(rows, rows * ID_BYTES),
            corporation: DictColumn::with_known(corporation_codes(r), rows),
            municipality: DictColumn::with_known(municipality_codes(r), rows),
            delivered_on: Vec::with_capacity(rows),
            housing_form: DictColumn::with_known(r.housing_forms.clone(), rows),
            application_id: TextColumn::with_capacity(rows, rows * ID_BYTES),
            line: Vec::with_capacity(rows),
        }
    }

    /// A home is its corporation's number: two corporations may number different homes alike.
    fn key<'c>(&self, cols: &'c Deliveries, k: usize) -> Key<'c> {
        Key {
            org: cols.corporation.get(k).unwrap_or_default(),
            id: cols.dwelling_id.get(k).unwrap_or_default(),
        }
    }

    fn row(&self, out: &mut ChunkOut<'a, Self>, raw: RowIn<'_, 'a>) {
        let mut row = Row::new(self.map, raw);
        let id = row.required(delivery::DWELLING_ID);
        let corporation = match self.feed_corporation {
            // A corporation's own feed: the column may be absent, but may not name another.
            Some(own) => {
                let code = self.reference.corporations[own].code.as_str();
                match row.optional(delivery::CORPORATION) {
                    Some(v) if self.reference.corporation_position(v) != Some(own) => {
                        row.problems.push(Problem::new(
                            format!(
                                "corporatie \"{v}\" hoort niet bij deze feed van {code}: een corporatie levert alleen haar eigen woningen aan"
                            ),
                            format!(
                                "andere corporatie dan {code} in deze feed: een corporatie levert alleen haar eigen woningen aan"
                            ),
                        ));
                        None
                    }
                    _ => Some(code),
                }
            }
            None => row.required(delivery::CORPORATION),
        };
        let municipality = row.municipality(delivery::MUNICIPALITY, self.reference);
        let delivered = row.date(
            delivery::DELIVERED_ON,
            true,
            self.today,
            self.reference.earliest_date,
        );
        if !row.problems.is_empty() {
            let key = id.map(|_| PendingKey {
                org: self.organisation(raw),
                id: fold_id_cow(self.map.get_cow(delivery::DWELLING_ID, raw.cells)),
            });
            out.reject(raw, row.problems, key);
            return;
        }
        let (Some(id), Some(corporation), Some(municipality), Some(delivered)) =
            (id, corporation, municipality, delivered)
        else {
            unreachable!("a row without problems has its required fields");
        };
        let reference = self.reference;
        let cols = &mut out.cols;
        let cache = &mut out.cache;
        // Numbers are compared folded (`domain::fold_id`): look-alikes are one home.
        cols.dwelling_id.push(Some(&fold_id(id)));
        let c = cache.corporation.code(corporation, |v| {
            known_or_new(reference.corporation_position(v), v, &mut cols.corporation)
        });
        cols.corporation.push_code(Some(c));
        cols.municipality.push_code(Some(municipality as u32));
        cols.delivered_on.push(delivered);
        let h = row.optional(delivery::HOUSING_FORM).map(|h| {
            cache.housing_form.code(h, |v| {
                let known = position_ignoring_case(&reference.housing_forms, v);
                known_or_new(known, v, &mut cols.housing_form)
            })
        });
        cols.housing_form.push_code(h);
        cols.application_id.push(
            row.optional(delivery::APPLICATION_ID)
                .map(fold_id)
                .as_deref(),
        );
        cols.line.push(u32::try_from(raw.line).unwrap_or(u32::MAX));
        out.accept(raw);
    }

    fn duplicate(&self, key: Key<'_>, first_line: usize) -> Problem {
        Problem::new(
            format!(
                "woning-id \"{}\" komt dubbel voor; regel {first_line} telt",
                key.id
            ),
            "woning-id komt dubbel voor; de eerste regel telt".into(),
        )
    }

    fn duplicate_in(&self, key: Key<'_>, own: &str, feed: &str, first_line: usize) -> Problem {
        Problem::new(
            format!(
                "woning-id \"{}\" staat in feed {own} en ook in feed {feed}; regel {first_line} van {feed} telt",
                key.id
            ),
            format!("woning-id van dezelfde corporatie staat ook in feed {feed}; die regel telt"),
        )
    }

    fn append(&self, into: &mut Deliveries, from: Deliveries, keep: Option<&[bool]>) {
        into.append(&from, keep);
    }
}

impl<'a> DeliveryRules<'a> {
    /// Whose numbering a row's home number is: the feed's own corporation, else the row's
    /// (its configured code when it is known, as the accepted row would hold it).
    fn organisation(&self, raw: RowIn<'_, 'a>) -> Cow<'a, str> {
        if let Some(own) = self.feed_corporation {
            return Cow::Borrowed(self.reference.corporations[own].code.as_str());
        }
        let cell = self.map.get_cow(delivery::CORPORATION, raw.cells);
        match self.reference.corporation_position(&cell) {
            Some(i) => Cow::Borrowed(self.reference.corporations[i].code.as_str()),
            None => cell,
        }
    }
}

/// Warnings for accepted deliveries with values outside the reference data.
pub fn delivery_warnings(d: &Deliveries, reference: &Reference) -> Vec<String> {
    unknown_warnings(
        &[
            ("housing form", &d.housing_form),
            ("corporation", &d.corporation),
        ],
        reference,
    )
}

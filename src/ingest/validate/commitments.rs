//! The rules for commitments.

use crate::ingest::records::Problem;
use std::borrow::Cow;

use super::kind::{
    corporation_codes, unknown_warnings, ChunkOut, Key, Kind, PendingKey, Row, RowIn,
};
use crate::config::Reference;
use crate::ingest::columns::DictColumn;
use crate::ingest::mapping::ColumnMap;
use crate::ingest::records::Commitment;
use crate::schema::commitment;

/// Commitments: year, corporation, municipality, lower ≤ upper; one per year, corporation and
/// municipality.
pub struct CommitmentRules<'a> {
    pub map: &'a ColumnMap,
    pub reference: &'a Reference,
    /// The corporation whose own feed this is (position in the reference data).
    pub feed_corporation: Option<usize>,
}

/// Accepted commitments with their duplicate keys.
#[derive(Debug, Default, PartialEq)]
pub struct CommitmentCols {
    pub rows: Vec<Commitment>,
    keys: Vec<String>,
}

impl<'a> Kind<'a> for CommitmentRules<'a> {
    type Cols = CommitmentCols;
    type Cache = ();

    fn new_cols(&self, rows: usize) -> CommitmentCols {
        CommitmentCols {
            rows: Vec::with_capacity(rows),
            keys: Vec::with_capacity(rows),
        }
    }

    /// One commitment per year, corporation and municipality (the key holds all three).
    fn key<'c>(&self, cols: &'c CommitmentCols, k: usize) -> Key<'c> {
        Key {
            org: "",
            id: &cols.keys[k],
        }
    }

    fn row(&self, out: &mut ChunkOut<'a, Self>, raw: RowIn<'_, 'a>) {
        let map = self.map;
        let mut row = Row::new(map, raw);
        let year = row
            .required(commitment::YEAR)
            .and_then(|y| match y.parse::<i32>() {
                Ok(y) if (1900..=9999).contains(&y) => Some(y),
                _ => {
                    let header = map.header(commitment::YEAR);
                    row.problems.push(Problem::new(
                        format!("jaar \"{y}\" in \"{header}\" is geen jaartal"),
                        format!("jaar in \"{header}\" is geen jaartal"),
                    ));
                    None
                }
            });
        let corporation = match self.feed_corporation {
            Some(own) => {
                let code = self.reference.corporations[own].code.as_str();
                match row.optional(commitment::CORPORATION) {
                    Some(v) if self.reference.corporation_position(v) != Some(own) => {
                        row.problems.push(Problem::new(
                            format!(
                                "corporatie \"{v}\" hoort niet bij deze feed van {code}: een corporatie legt alleen haar eigen afspraken vast"
                            ),
                            format!(
                                "andere corporatie dan {code} in deze feed: een corporatie legt alleen haar eigen afspraken vast"
                            ),
                        ));
                        None
                    }
                    _ => Some(code),
                }
            }
            None => row.required(commitment::CORPORATION),
        };
        let municipality = row.municipality(commitment::MUNICIPALITY, self.reference);
        let lower = row.non_negative(commitment::LOWER);
        let upper = row.non_negative(commitment::UPPER);
        if let (Some(l), Some(u)) = (lower, upper) {
            if l > u {
                row.problems.push(Problem::new(
                    format!("ondergrens {l} is groter dan bovengrens {u}"),
                    "ondergrens is groter dan bovengrens".into(),
                ));
            }
        }
        let corporation = corporation.map(|c| match self.reference.corporation(c) {
            Some(c) => c.code.clone(),
            None => c.to_string(),
        });
        let municipality = municipality.map(|i| self.reference.municipalities[i].0.clone());
        let key = match (year, &corporation, &municipality) {
            (Some(y), Some(c), Some(m)) => Some(PendingKey {
                org: Cow::Borrowed(""),
                id: Cow::Owned(format!("{y}\0{c}\0{m}")),
            }),
            _ => None,
        };
        if !row.problems.is_empty() {
            out.reject(raw, row.problems, key);
            return;
        }
        let (
            Some(year),
            Some(corporation),
            Some(municipality),
            Some(lower),
            Some(upper),
            Some(key),
        ) = (year, corporation, municipality, lower, upper, key)
        else {
            unreachable!("a row without problems has its required fields");
        };
        out.cols.rows.push(Commitment {
            year,
            corporation,
            municipality,
            lower,
            upper,
        });
        out.cols.keys.push(key.id.into_owned());
        out.accept(raw);
    }

    fn duplicate(&self, key: Key<'_>, first_line: usize) -> Problem {
        let mut parts = key.id.split('\0');
        let (y, c, m) = (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        );
        Problem::new(
            format!("afspraak voor {c} in {m} in {y} komt dubbel voor; regel {first_line} telt"),
            "afspraak voor hetzelfde jaar, dezelfde corporatie en gemeente komt dubbel voor; de eerste regel telt".into(),
        )
    }

    fn append(&self, into: &mut CommitmentCols, from: CommitmentCols, keep: Option<&[bool]>) {
        let rows = from.rows.into_iter().zip(from.keys).enumerate();
        for (i, (row, key)) in rows {
            if keep.is_none_or(|keep| keep[i]) {
                into.rows.push(row);
                into.keys.push(key);
            }
        }
    }
}

/// Warnings for accepted commitments of corporations outside the reference data.
pub fn commitment_warnings(c: &[Commitment], reference: &Reference) -> Vec<String> {
    let mut column = DictColumn::with_known(corporation_codes(reference), c.len());
    for x in c {
        column.push(Some(&x.corporation));
    }
    unknown_warnings(&[("corporation", &column)], reference)
}

//! Accepted records, stored column-wise: a national file has a million rows, and one allocation
//! per cell would cost more than reading the file. Text with few distinct values (municipality,
//! origin, housing form, corporation) is dictionary-encoded; ids live in one buffer.
//! [`Application`] and [`Delivery`] remain the row view (for tests and small callers).

use chrono::NaiveDate;

#[cfg(test)]
use super::records::{Application, Delivery};
#[cfg(test)]
use crate::domain::MunicipalityCode;

const NONE: u32 = u32::MAX;

/// A text column with few distinct values: a code per row into `values`. The first `known`
/// values are the reference data's; later ones were found in the file (worth a warning).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DictColumn {
    values: Vec<String>,
    known: usize,
    codes: Vec<u32>,
}

impl DictColumn {
    /// An empty column, room for `rows`, whose dictionary starts with the reference values.
    pub fn with_known(values: Vec<String>, rows: usize) -> Self {
        Self {
            known: values.len(),
            values,
            codes: Vec::with_capacity(rows),
        }
    }
    /// Row `i`'s value.
    pub fn get(&self, i: usize) -> Option<&str> {
        match self.codes[i] {
            NONE => None,
            c => Some(&self.values[c as usize]),
        }
    }
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Option<&str>> + '_ {
        self.codes.iter().map(|&c| match c {
            NONE => None,
            c => Some(self.values[c as usize].as_str()),
        })
    }
    /// The column with each value replaced by `code(value)`, called once per distinct value
    /// (compute's integer keys).
    pub fn recode<T: Copy>(&self, mut code: impl FnMut(&str) -> T) -> Vec<Option<T>> {
        let map: Vec<T> = self.values.iter().map(|v| code(v)).collect();
        self.codes
            .iter()
            .map(|&c| (c != NONE).then(|| map[c as usize]))
            .collect()
    }
    /// Like [`DictColumn::recode`], but every value that is not reference data becomes `other`
    /// (compute counts them in one group, [`crate::schema::OTHER`]).
    pub fn recode_known<T: Copy>(
        &self,
        mut code: impl FnMut(&str) -> T,
        other: T,
    ) -> Vec<Option<T>> {
        let map: Vec<T> = self
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| if i < self.known { code(v) } else { other })
            .collect();
        self.codes
            .iter()
            .map(|&c| (c != NONE).then(|| map[c as usize]))
            .collect()
    }
    /// Keeps the rows `keep` selects (the dictionary stays as it is).
    pub fn retain(&mut self, keep: &[bool]) {
        let mut k = keep.iter();
        self.codes.retain(|_| *k.next().unwrap_or(&true));
    }
    /// The code of `value`, added to the dictionary when new.
    pub fn code_of(&mut self, value: &str) -> u32 {
        match self.values.iter().position(|v| v == value) {
            Some(i) => i as u32,
            None => {
                self.values.push(value.to_string());
                (self.values.len() - 1) as u32
            }
        }
    }
    pub fn push(&mut self, value: Option<&str>) {
        let code = value.map_or(NONE, |v| self.code_of(v));
        self.codes.push(code);
    }
    /// Appends a code from [`DictColumn::code_of`] or of the reference values.
    pub fn push_code(&mut self, code: Option<u32>) {
        self.codes.push(code.unwrap_or(NONE));
    }
    /// Appends the rows of `other` (with its own dictionary) that `keep` selects.
    pub fn append(&mut self, other: &DictColumn, keep: Option<&[bool]>) {
        let remap: Vec<u32> = other.values.iter().map(|v| self.code_of(v)).collect();
        let map = |c: u32| if c == NONE { NONE } else { remap[c as usize] };
        match keep {
            None => self.codes.extend(other.codes.iter().map(|&c| map(c))),
            Some(keep) => self.codes.extend(
                other
                    .codes
                    .iter()
                    .zip(keep)
                    .filter(|(_, k)| **k)
                    .map(|(&c, _)| map(c)),
            ),
        }
    }
    /// Values that are not reference data, with the number of rows holding each.
    pub fn unknown_counts(&self) -> Vec<(&str, usize)> {
        let mut counts = vec![0usize; self.values.len()];
        for &c in &self.codes {
            if c != NONE {
                counts[c as usize] += 1;
            }
        }
        (self.known..self.values.len())
            .filter(|&i| counts[i] > 0)
            .map(|i| (self.values[i].as_str(), counts[i]))
            .collect()
    }
}

/// A text column of mostly distinct values (ids) in one buffer; an empty value is `None`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextColumn {
    text: String,
    ends: Vec<usize>,
}

impl TextColumn {
    pub fn with_capacity(rows: usize, bytes: usize) -> Self {
        Self {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(rows),
        }
    }
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
    pub fn get(&self, i: usize) -> Option<&str> {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        let s = &self.text[start..self.ends[i]];
        (!s.is_empty()).then_some(s)
    }
    pub fn push(&mut self, value: Option<&str>) {
        self.text.push_str(value.unwrap_or(""));
        self.ends.push(self.text.len());
    }
    /// Keeps the rows `keep` selects.
    pub fn retain(&mut self, keep: &[bool]) {
        let mut out = TextColumn::with_capacity(self.len(), self.text.len());
        for (i, k) in keep.iter().enumerate().take(self.len()) {
            if *k {
                out.push(self.get(i));
            }
        }
        *self = out;
    }
    pub fn append(&mut self, other: &TextColumn, keep: Option<&[bool]>) {
        match keep {
            None => {
                let base = self.text.len();
                self.text.push_str(&other.text);
                self.ends.extend(other.ends.iter().map(|e| e + base));
            }
            Some(keep) => {
                for i in (0..other.len()).filter(|&i| keep[i]) {
                    self.push(other.get(i));
                }
            }
        }
    }
}

fn append_vec<T: Copy>(into: &mut Vec<T>, from: &[T], keep: Option<&[bool]>) {
    match keep {
        None => into.extend_from_slice(from),
        Some(keep) => into.extend(from.iter().zip(keep).filter(|(_, k)| **k).map(|(v, _)| *v)),
    }
}

/// Accepted applications, column-wise.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applications {
    pub id: TextColumn,
    pub received_on: Vec<NaiveDate>,
    pub municipality: DictColumn,
    pub origin: DictColumn,
    pub housing_form: DictColumn,
    pub corporation: DictColumn,
    pub housed_on: Vec<Option<NaiveDate>>,
    pub withdrawn_on: Vec<Option<NaiveDate>>,
}

impl Applications {
    /// The latest date in the rows (received, housed or withdrawn).
    pub fn latest_date(&self) -> Option<NaiveDate> {
        self.received_on
            .iter()
            .copied()
            .chain(self.housed_on.iter().flatten().copied())
            .chain(self.withdrawn_on.iter().flatten().copied())
            .max()
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.received_on.len()
    }
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.received_on.is_empty()
    }
    /// Row `i` as a record.
    #[cfg(test)]
    pub fn get(&self, i: usize) -> Application {
        Application {
            id: self.id.get(i).unwrap_or_default().to_string(),
            received_on: self.received_on[i],
            municipality: code(self.municipality.get(i)),
            origin: self.origin.get(i).unwrap_or_default().to_string(),
            housing_form: self.housing_form.get(i).map(str::to_string),
            corporation: self.corporation.get(i).map(str::to_string),
            housed_on: self.housed_on[i],
            withdrawn_on: self.withdrawn_on[i],
        }
    }
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = Application> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
    #[cfg(test)]
    pub fn push(&mut self, a: &Application) {
        self.id.push(Some(&a.id));
        self.received_on.push(a.received_on);
        self.municipality.push(Some(a.municipality.as_str()));
        self.origin.push(Some(&a.origin));
        self.housing_form.push(a.housing_form.as_deref());
        self.corporation.push(a.corporation.as_deref());
        self.housed_on.push(a.housed_on);
        self.withdrawn_on.push(a.withdrawn_on);
    }
    pub fn append(&mut self, other: &Applications, keep: Option<&[bool]>) {
        self.id.append(&other.id, keep);
        append_vec(&mut self.received_on, &other.received_on, keep);
        self.municipality.append(&other.municipality, keep);
        self.origin.append(&other.origin, keep);
        self.housing_form.append(&other.housing_form, keep);
        self.corporation.append(&other.corporation, keep);
        append_vec(&mut self.housed_on, &other.housed_on, keep);
        append_vec(&mut self.withdrawn_on, &other.withdrawn_on, keep);
    }
}

#[cfg(test)]
/// Rows built in a test count as reference data (every value known), as validated rows of a
/// configuration that names them would.
#[cfg(test)]
impl FromIterator<Application> for Applications {
    fn from_iter<I: IntoIterator<Item = Application>>(iter: I) -> Self {
        let mut out = Self::default();
        for a in iter {
            out.push(&a);
        }
        for c in [
            &mut out.municipality,
            &mut out.origin,
            &mut out.housing_form,
            &mut out.corporation,
        ] {
            c.known = c.values.len();
        }
        out
    }
}

/// Accepted deliveries, column-wise.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Deliveries {
    pub dwelling_id: TextColumn,
    pub corporation: DictColumn,
    pub municipality: DictColumn,
    pub delivered_on: Vec<NaiveDate>,
    pub housing_form: DictColumn,
    pub application_id: TextColumn,
    /// Each row's line in its file (a conflict found after the feeds are combined is reported
    /// on it).
    pub line: Vec<u32>,
}

impl Deliveries {
    /// The latest date a home was made available.
    pub fn latest_date(&self) -> Option<NaiveDate> {
        self.delivered_on.iter().copied().max()
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.delivered_on.len()
    }
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.delivered_on.is_empty()
    }
    #[cfg(test)]
    pub fn push(&mut self, d: &Delivery) {
        self.dwelling_id.push(Some(&d.dwelling_id));
        self.corporation.push(Some(&d.corporation));
        self.municipality.push(Some(d.municipality.as_str()));
        self.delivered_on.push(d.delivered_on);
        self.housing_form.push(d.housing_form.as_deref());
        self.application_id.push(d.application_id.as_deref());
        self.line.push(0);
    }
    /// Keeps the rows `keep` selects.
    pub fn retain(&mut self, keep: &[bool]) {
        self.dwelling_id.retain(keep);
        self.corporation.retain(keep);
        self.municipality.retain(keep);
        let mut k = keep.iter();
        self.delivered_on.retain(|_| *k.next().unwrap_or(&true));
        self.housing_form.retain(keep);
        self.application_id.retain(keep);
        let mut k = keep.iter();
        self.line.retain(|_| *k.next().unwrap_or(&true));
    }
    pub fn append(&mut self, other: &Deliveries, keep: Option<&[bool]>) {
        self.dwelling_id.append(&other.dwelling_id, keep);
        self.corporation.append(&other.corporation, keep);
        self.municipality.append(&other.municipality, keep);
        append_vec(&mut self.delivered_on, &other.delivered_on, keep);
        self.housing_form.append(&other.housing_form, keep);
        self.application_id.append(&other.application_id, keep);
        append_vec(&mut self.line, &other.line, keep);
    }
}

#[cfg(test)]
#[cfg(test)]
impl FromIterator<Delivery> for Deliveries {
    fn from_iter<I: IntoIterator<Item = Delivery>>(iter: I) -> Self {
        let mut out = Self::default();
        for d in iter {
            out.push(&d);
        }
        for c in [
            &mut out.corporation,
            &mut out.municipality,
            &mut out.housing_form,
        ] {
            c.known = c.values.len();
        }
        out
    }
}

#[cfg(test)]
fn code(v: Option<&str>) -> MunicipalityCode {
    MunicipalityCode::parse(v.unwrap_or_default())
        .expect("the municipality column holds only validated codes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dict_append_remaps_codes_and_filters() {
        let mut a = DictColumn::with_known(vec!["MO".into(), "BW".into()], 0);
        a.push(Some("BW"));
        let mut b = DictColumn::with_known(vec!["MO".into(), "BW".into()], 4);
        b.push(Some("Anders"));
        b.push(None);
        b.push(Some("MO"));
        b.push(Some("Anders"));
        a.append(&b, Some(&[true, true, false, true]));
        let got: Vec<_> = a.iter().collect();
        assert_eq!(got, vec![Some("BW"), Some("Anders"), None, Some("Anders")]);
        assert_eq!(a.unknown_counts(), vec![("Anders", 2)]);
    }

    #[test]
    fn text_column_keeps_empty_as_none() {
        let mut t = TextColumn::default();
        t.push(Some("A1"));
        t.push(None);
        let mut u = TextColumn::default();
        u.push(Some("B2"));
        u.push(Some("B3"));
        t.append(&u, None);
        t.append(&u, Some(&[false, true]));
        let got: Vec<_> = (0..t.len()).map(|i| t.get(i)).collect();
        assert_eq!(
            got,
            vec![Some("A1"), None, Some("B2"), Some("B3"), Some("B3")]
        );
    }
}

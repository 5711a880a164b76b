//! Checked reference data (municipalities, corporations, origins, housing forms) with the lookup
//! indexes ingest needs to check millions of rows.

use super::settings::CorporationSetting;
use crate::domain::MunicipalityCode;

/// Checked reference data derived from [`Settings`].
#[derive(Debug, Clone)]
pub struct Reference {
    pub municipalities: Vec<(MunicipalityCode, String)>,
    pub corporations: Vec<CorporationSetting>,
    pub origins: Vec<String>,
    pub housing_forms: Vec<String>,
    /// Lookup indexes (a national dataset checks millions of rows against hundreds of entries).
    /// Position in `municipalities` by the number of the code (`GM0344` → 344).
    municipality_by_number: Vec<Option<u32>>,
    corporation_index: std::collections::HashMap<String, usize>,
    /// Dates before this day are rejected (`reference.earliest_date`).
    pub earliest_date: chrono::NaiveDate,
    /// `privacy.threshold`: a value typed in fewer rows than this is never repeated in a
    /// warning (one cell may be a person's name or number; a shared typo is a label).
    pub threshold: usize,
}

/// What a municipality code cell refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum MunicipalityLookup {
    /// Position in [`Reference::municipalities`].
    Index(usize),
    /// A well-formed code of a municipality outside the region.
    NotInRegion(MunicipalityCode),
    /// Not a code (`GM` and four digits).
    Invalid,
}

impl Reference {
    /// The same reference data with another privacy threshold.
    pub fn with_threshold(mut self, threshold: usize) -> Self {
        self.threshold = threshold.max(1);
        self
    }

    /// The same reference data with another floor for dates.
    pub fn with_earliest_date(mut self, d: chrono::NaiveDate) -> Self {
        self.earliest_date = d;
        self
    }

    pub fn new(
        municipalities: Vec<(MunicipalityCode, String)>,
        corporations: Vec<CorporationSetting>,
        origins: Vec<String>,
        housing_forms: Vec<String>,
    ) -> Self {
        let mut municipality_by_number = vec![None; 10_000];
        for (i, (c, _)) in municipalities.iter().enumerate() {
            if let Ok(n) = c.as_str()[2..].parse::<usize>() {
                municipality_by_number[n] = Some(i as u32);
            }
        }
        let mut corporation_index = std::collections::HashMap::new();
        for (i, c) in corporations.iter().enumerate() {
            // The code wins over another corporation's name or alias.
            for key in c.aliases.iter().chain([&c.name]).chain([&c.code]) {
                corporation_index.insert(key.trim().to_lowercase(), i);
            }
        }
        for (i, c) in corporations.iter().enumerate() {
            corporation_index.insert(c.code.trim().to_lowercase(), i);
        }
        Self {
            municipalities,
            corporations,
            origins,
            housing_forms,
            municipality_by_number,
            corporation_index,
            earliest_date: chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date"),
            threshold: 5,
        }
    }

    /// Looks a (trimmed) code cell up without allocating; `gm0344` is `GM0344`.
    pub fn municipality_lookup(&self, raw: &str) -> MunicipalityLookup {
        let b = raw.as_bytes();
        if b.len() != 6
            || !b[..2].eq_ignore_ascii_case(b"GM")
            || !b[2..].iter().all(u8::is_ascii_digit)
        {
            return MunicipalityLookup::Invalid;
        }
        let n = b[2..]
            .iter()
            .fold(0usize, |n, d| n * 10 + usize::from(d - b'0'));
        match self.municipality_by_number[n] {
            Some(i) => MunicipalityLookup::Index(i as usize),
            None => match MunicipalityCode::parse(raw) {
                Ok(code) => MunicipalityLookup::NotInRegion(code),
                Err(_) => MunicipalityLookup::Invalid,
            },
        }
    }

    /// Position in [`Reference::corporations`] of the corporation a data value refers to.
    pub fn corporation_position(&self, value: &str) -> Option<usize> {
        let v = value.trim();
        if v.bytes().any(|b| b.is_ascii_uppercase()) || !v.is_ascii() {
            self.corporation_index.get(&v.to_lowercase()).copied()
        } else {
            self.corporation_index.get(v).copied()
        }
    }

    pub fn municipality_name(&self, code: &MunicipalityCode) -> Option<&str> {
        self.municipalities
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, n)| n.as_str())
    }
    /// The configured corporation a data value refers to (by code, name or alias, ignoring case).
    pub fn corporation(&self, value: &str) -> Option<&CorporationSetting> {
        self.corporation_position(value)
            .map(|i| &self.corporations[i])
    }
    /// The configured corporation an unknown name most likely means: the same letters and
    /// digits ignoring case and punctuation (`Mitros.`), or at most two edits away in a name of
    /// five or more (`Portal`).
    pub fn likely_corporation(&self, value: &str) -> Option<&CorporationSetting> {
        let norm = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let v = norm(value);
        if v.is_empty() {
            return None;
        }
        let names = |c: &'_ CorporationSetting| {
            let mut n = vec![norm(&c.code), norm(&c.name)];
            n.extend(c.aliases.iter().map(|a| norm(a)));
            n
        };
        self.corporations
            .iter()
            .find(|c| names(c).contains(&v))
            .or_else(|| {
                self.corporations
                    .iter()
                    .filter_map(|c| {
                        let d = names(c)
                            .iter()
                            .filter(|n| n.chars().count() >= 5)
                            .map(|n| edit_distance(n, &v))
                            .min()?;
                        (d <= 2).then_some((d, c))
                    })
                    .min_by_key(|(d, _)| *d)
                    .map(|(_, c)| c)
            })
    }

    pub fn corporation_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.corporations
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.name.as_str())
            .unwrap_or(code)
    }
}

/// Levenshtein distance (characters).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> Reference {
        let c = |code: &str, name: &str| CorporationSetting {
            code: code.into(),
            name: name.into(),
            aliases: Vec::new(),
        };
        Reference::new(
            Vec::new(),
            vec![
                c("Mitros", "Mitros"),
                c("Portaal", "Portaal"),
                c("SSH", "SSH"),
            ],
            Vec::new(),
            Vec::new(),
        )
    }

    #[test]
    fn a_look_alike_name_points_at_the_configured_corporation() {
        let r = reference();
        let code = |v: &str| r.likely_corporation(v).map(|c| c.code.as_str());
        assert_eq!(code("Mitros."), Some("Mitros"));
        assert_eq!(code(" MITROS "), Some("Mitros"));
        assert_eq!(code("Portal"), Some("Portaal"));
        assert_eq!(code("SHH"), None, "short names are not guessed");
        assert_eq!(code("Woonin"), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}

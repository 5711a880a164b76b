//! The codes figures are keyed by: a municipality's (CBS), the region's, a corporation's. Each
//! is its own type, so a municipality code cannot be passed where a corporation's is meant.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::DomainError;

/// A CBS municipality code: `GM` followed by exactly four digits (e.g. `GM0344`, Utrecht).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MunicipalityCode(String);

impl MunicipalityCode {
    /// Parses a code; surrounding spaces are ignored and `gm0344` is read as `GM0344`.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let t = raw.trim();
        let ok = t.len() == 6
            && t[..2].eq_ignore_ascii_case("GM")
            && t[2..].bytes().all(|b| b.is_ascii_digit());
        if ok {
            Ok(Self(t.to_ascii_uppercase()))
        } else {
            Err(DomainError::MunicipalityCode(raw.to_string()))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for MunicipalityCode {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}
impl From<MunicipalityCode> for String {
    fn from(c: MunicipalityCode) -> String {
        c.0
    }
}
impl fmt::Display for MunicipalityCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A corporation's code: a configured corporation's `code` (trimmed, non-empty, as written in
/// the configuration) or `(overig)` (`schema::OTHER`) for the corporations outside it together.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub struct CorporationCode(String);

impl CorporationCode {
    /// Parses a code: non-empty, no surrounding spaces, no control characters.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let ok = !raw.is_empty() && raw.trim() == raw && !raw.chars().any(char::is_control);
        if ok {
            Ok(Self(raw.to_string()))
        } else {
            Err(DomainError::CorporationCode(raw.to_string()))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<CorporationCode> for String {
    fn from(c: CorporationCode) -> String {
        c.0
    }
}
impl fmt::Display for CorporationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a scope of the figures is: one municipality, or the region as a whole (its code from
/// `region.code`, e.g. `U16`). Shown and serialised as the bare code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub enum ScopeCode {
    Municipality(MunicipalityCode),
    Region(String),
}

impl ScopeCode {
    pub fn as_str(&self) -> &str {
        match self {
            Self::Municipality(c) => c.as_str(),
            Self::Region(r) => r,
        }
    }
    /// The municipality's code; `None` for the region.
    pub fn municipality(&self) -> Option<&MunicipalityCode> {
        match self {
            Self::Municipality(c) => Some(c),
            Self::Region(_) => None,
        }
    }
    pub fn is_region(&self) -> bool {
        matches!(self, Self::Region(_))
    }
}

impl From<ScopeCode> for String {
    fn from(c: ScopeCode) -> String {
        match c {
            ScopeCode::Municipality(m) => m.into(),
            ScopeCode::Region(r) => r,
        }
    }
}
impl fmt::Display for ScopeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a line of bounds and realisation is about: a corporation (in a municipality's or the
/// region's table) or a municipality (in a corporation's table). Serialised as the bare code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub enum LineKey {
    Corporation(CorporationCode),
    Municipality(MunicipalityCode),
}

impl LineKey {
    pub fn as_str(&self) -> &str {
        match self {
            Self::Corporation(c) => c.as_str(),
            Self::Municipality(m) => m.as_str(),
        }
    }
    /// The corporation's code; `None` for a municipality's line.
    pub fn corporation(&self) -> Option<&CorporationCode> {
        match self {
            Self::Corporation(c) => Some(c),
            Self::Municipality(_) => None,
        }
    }
}

impl From<LineKey> for String {
    fn from(k: LineKey) -> String {
        match k {
            LineKey::Corporation(c) => c.into(),
            LineKey::Municipality(m) => m.into(),
        }
    }
}
impl fmt::Display for LineKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every code reads as its text (`&code` where a `&str` is expected, `code == "GM0344"`): the
/// types guard what a code is made from and which field it goes in, not how it is read.
macro_rules! reads_as_text {
    ($($t:ty),*) => {$(
        impl std::ops::Deref for $t {
            type Target = str;
            fn deref(&self) -> &str {
                self.as_str()
            }
        }
        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }
        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
        impl PartialEq<$t> for &str {
            fn eq(&self, other: &$t) -> bool {
                *self == other.as_str()
            }
        }
    )*};
}
reads_as_text!(MunicipalityCode, CorporationCode, ScopeCode, LineKey);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corporation_codes_are_trimmed_non_empty_and_printable() {
        assert_eq!(CorporationCode::parse("Bo-Ex").unwrap().as_str(), "Bo-Ex");
        for bad in ["", " SSH", "SSH ", "Mi\ntros"] {
            let e = CorporationCode::parse(bad).unwrap_err().to_string();
            assert!(e.contains(&format!("{bad:?}")), "{e}");
        }
    }

    #[test]
    fn codes_serialise_and_show_as_the_bare_code() {
        let gm = MunicipalityCode::parse("GM0344").unwrap();
        let scope = ScopeCode::Municipality(gm.clone());
        let region = ScopeCode::Region("U16".into());
        let line = LineKey::Corporation(CorporationCode::parse("SSH").unwrap());
        assert_eq!(serde_json::to_string(&scope).unwrap(), "\"GM0344\"");
        assert_eq!(serde_json::to_string(&region).unwrap(), "\"U16\"");
        assert_eq!(serde_json::to_string(&line).unwrap(), "\"SSH\"");
        assert_eq!(region.to_string(), "U16");
        assert_eq!(scope.municipality(), Some(&gm));
        assert!(region.is_region() && region.municipality().is_none());
        assert_eq!(LineKey::Municipality(gm).corporation(), None);
    }
}

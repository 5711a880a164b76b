//! `DomainError`: why a domain value could not be parsed (the message names the value and the
//! expected form).

/// Why a domain value could not be parsed. The message names the value and the expected form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("municipality code {0:?} is malformed: expected GM followed by 4 digits, e.g. GM0344")]
    MunicipalityCode(String),
    #[error(
        "period {0:?} is malformed: expected YYYY-MM with a month from 01 to 12 (e.g. 2026-10), YYYY-Qn for a quarter (2026-Q3) or YYYY for a year (2026), a year from 1990 to 2200"
    )]
    Period(String),
    #[error("e-mail address {0:?} is malformed: expected name@domain.tld")]
    Email(String),
    #[error("corporation code {0:?} is malformed: expected a non-empty code without surrounding spaces or control characters")]
    CorporationCode(String),
}

//! The year-end forecast in the service: each report's scope's forecast recorded with it (for
//! the API), the scopes at risk recorded with the run (for the console), and the early warning:
//! when a scope's chance of ending the year below its lower bound first rises above
//! `warning.threshold` (from report month `warning.from_month`), one mail that year to the
//! recipients with `reports = ["warning"]` for it, exactly once per scope and year (recorded in
//! the run's transaction: a restart or a regeneration sends no second one).

use minijinja::context;

use super::run::{ReportRun, SendMode};
use crate::compute::forecast::Needed;
use crate::compute::Status;
use crate::domain::{Audience, AudienceKind, Period, Span, Subscription};
use crate::pipeline::ScopeForecast;
use crate::render::nl;
use crate::service::error::ServiceError;
use crate::service::handle::Service;
use crate::service::mail::MailTexts;
use crate::store::{NewMail, NewWarning, Trigger};

/// The scope a document is about (its forecast's `scope`).
pub(super) fn scope_of(audience: &Audience) -> String {
    match audience {
        Audience::Municipality(code) => code.clone(),
        Audience::Region => String::new(),
        Audience::Corporation(code) => format!("corporation:{code}"),
    }
}

/// A document's scope's forecast as the store keeps it (the API lists it with the report).
pub(super) fn forecast_json(forecasts: &[ScopeForecast], audience: &Audience) -> Option<String> {
    let key = scope_of(audience);
    let f = forecasts.iter().find(|f| {
        if key.is_empty() {
            f.region
        } else {
            f.scope == key
        }
    })?;
    let fc = &f.forecast;
    Some(
        serde_json::json!({
            "forecast_year_end": (fc.expected * 10.0).round() / 10.0,
            "forecast_low": fc.low,
            "forecast_high": fc.high,
            "p_below_lower": (fc.p_below_lower * 10_000.0).round() / 10_000.0,
            "p_above_upper": (fc.p_above_upper * 10_000.0).round() / 10_000.0,
            "needed_per_month_lower": match fc.needed_per_month_lower {
                Needed::Reached => serde_json::Value::from("reached"),
                Needed::PerMonth(k) => serde_json::Value::from(k),
            },
            "at_risk": f.status == Status::AtRisk,
        })
        .to_string(),
    )
}

/// Whether a scope's forecast calls for a warning: more likely than `threshold` to end below a
/// lower bound of at least one home, on complete data.
fn at_risk(f: &ScopeForecast, threshold: f64) -> bool {
    f.lower > 0 && f.status != Status::Incomplete && f.forecast.p_below_lower > threshold
}

/// Whether a run's period is one the warning looks at: a month report from `from_month` to
/// November (a December report's year is over).
pub(super) fn in_season(run: &ReportRun, from_month: u32) -> bool {
    run.span == Span::Month && run.period.month() >= from_month && run.period.month() < 12
}

/// The scopes at risk, as the console lists them (JSON): those the warning looks at, so the
/// list is empty outside the warning's season.
pub(super) fn at_risk_json(forecasts: &[ScopeForecast], threshold: f64, season: bool) -> String {
    let list: Vec<serde_json::Value> = forecasts
        .iter()
        .filter(|f| season && at_risk(f, threshold))
        .map(|f| {
            serde_json::json!({
                "scope": f.scope,
                "name": f.name,
                "p_below_lower": (f.forecast.p_below_lower * 100.0).round() / 100.0,
                "low": f.forecast.low,
                "high": f.forecast.high,
                "lower": f.lower,
            })
        })
        .collect();
    serde_json::Value::from(list).to_string()
}

impl Service {
    /// The warnings a run gives: only the scheduler's month runs (a regeneration never warns),
    /// from `warning.from_month` on, for each scope at risk, with a mail per recipient that
    /// takes warnings for it.
    pub(super) fn warnings(
        &self,
        texts: &MailTexts,
        run: &ReportRun,
        forecasts: &[ScopeForecast],
    ) -> Result<Vec<NewWarning>, ServiceError> {
        let w = &self.settings().warning;
        let scheduled = matches!(run.trigger, Trigger::Scheduled | Trigger::CatchUp);
        if !scheduled || run.send == SendMode::No || !in_season(run, w.from_month) {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for f in forecasts.iter().filter(|f| at_risk(f, w.threshold)) {
            out.push(NewWarning {
                scope: f.scope.clone(),
                year: run.period.year(),
                period: run.period,
                p_below_lower: f.forecast.p_below_lower,
                mails: self.warning_mails(texts, run.period, f)?,
            });
        }
        Ok(out)
    }

    /// The warning's mails: to the recipients with `reports = ["warning"]` for the scope's
    /// municipality (or the region) and for its corporation.
    fn warning_mails(
        &self,
        texts: &MailTexts,
        period: Period,
        f: &ScopeForecast,
    ) -> Result<Vec<NewMail>, ServiceError> {
        let threshold = u64::from(self.settings().privacy.threshold);
        // Counts as the documents print them: a small one as "< 5".
        let count = |v: u64| {
            if v > 0 && v < threshold {
                format!("< {threshold}")
            } else {
                nl::int(v)
            }
        };
        let fc = &f.forecast;
        let needed = match fc.needed_per_month_lower {
            Needed::PerMonth(k) => Some(count(k)),
            Needed::Reached => None,
        };
        let ctx = context! {
            name => f.name.clone(),
            year => period.year(),
            period_long => nl::month_long(period),
            low => count(fc.low),
            high => count(fc.high),
            lower => count(f.lower),
            kans => nl::chance(1.0 - fc.p_below_lower),
            needed => needed,
            organisation => self.settings().organisation.name.clone(),
            drempel => nl::chance(self.settings().warning.threshold),
        };
        let (subject, body) = (
            texts.render("subject_warning", &ctx)?,
            texts.render("body_warning", &ctx)?,
        );
        let wants = |kind: AudienceKind, code: Option<&str>| -> Vec<String> {
            self.settings()
                .recipients
                .iter()
                .filter(|r| {
                    r.audience == kind
                        && r.reports.contains(&Subscription::Warning)
                        && match code {
                            None => true,
                            Some(c) => r
                                .code
                                .as_deref()
                                .is_some_and(|rc| rc.eq_ignore_ascii_case(c)),
                        }
                })
                .map(|r| r.email.clone())
                .collect()
        };
        let mut to: Vec<String> = Vec::new();
        if f.region {
            to.extend(wants(AudienceKind::Region, None));
        }
        if let Some(m) = &f.municipality {
            to.extend(wants(AudienceKind::Municipality, Some(m)));
        }
        if let Some(c) = &f.corporation {
            to.extend(wants(AudienceKind::Corporation, Some(c)));
        }
        to.sort();
        to.dedup();
        Ok(to
            .into_iter()
            .map(|recipient| NewMail {
                dedup_key: format!("warning|{}|{}|{recipient}", period.year(), f.scope),
                recipient,
                subject: subject.clone(),
                body: body.clone(),
                body_html: None,
            })
            .collect())
    }
}

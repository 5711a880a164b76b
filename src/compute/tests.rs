//! Hand-computed figures on a small dataset; every expected number is worked out in the
//! comments from the definitions in docs/DEFINITIONS.md.

use chrono::NaiveDate;

use super::*;
use crate::config::{CorporationSetting, Reference};
use crate::domain::MunicipalityCode;
use crate::ingest::{Application, Commitment, Dataset, Delivery};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}
fn gm(s: &str) -> MunicipalityCode {
    MunicipalityCode::parse(s).unwrap()
}

pub(crate) fn reference() -> Reference {
    Reference::new(
        vec![
            (gm("GM0344"), "Utrecht".into()),
            (gm("GM0321"), "Houten".into()),
        ],
        ["Mitros", "Portaal", "Bo-Ex"]
            .iter()
            .map(|c| CorporationSetting {
                code: c.to_string(),
                name: c.to_string(),
                aliases: vec![],
            })
            .collect(),
        vec!["MO".into(), "BW".into()],
        vec!["Housing First".into()],
    )
}

fn app(
    id: &str,
    m: &str,
    received: &str,
    housed: Option<&str>,
    withdrawn: Option<&str>,
    origin: &str,
) -> Application {
    Application {
        id: id.into(),
        received_on: d(received),
        municipality: gm(m),
        origin: origin.into(),
        housing_form: None,
        corporation: None,
        housed_on: housed.map(d),
        withdrawn_on: withdrawn.map(d),
    }
}

fn del(id: &str, corp: &str, m: &str, on: &str) -> Delivery {
    Delivery {
        dwelling_id: id.into(),
        corporation: corp.into(),
        municipality: gm(m),
        delivered_on: d(on),
        housing_form: Some("Housing First".into()),
        application_id: None,
    }
}

fn applications() -> Vec<Application> {
    let u = "GM0344";
    let h = "GM0321";
    vec![
        app("a1", u, "2025-01-10", Some("2025-02-10"), None, "MO"), // wait 31
        app("a2", u, "2025-02-01", Some("2025-05-01"), None, "BW"), // wait 89
        app("a3", u, "2025-03-15", None, Some("2025-04-01"), "MO"),
        app("a4", u, "2025-11-20", Some("2026-02-18"), None, "MO"), // wait 90
        app("a5", u, "2025-12-01", None, None, "BW"),
        app("a6", u, "2026-01-05", Some("2026-02-04"), None, "MO"), // wait 30
        app("a7", u, "2026-02-10", Some("2026-03-01"), None, "BW"), // wait 19
        app("a8", u, "2026-03-31", None, None, "MO"),
        app("a9", u, "2026-04-02", None, None, "MO"), // after the period
        app("h1", h, "2025-06-01", Some("2025-06-30"), None, "BW"), // wait 29
    ]
}

fn deliveries() -> Vec<Delivery> {
    let u = "GM0344";
    let h = "GM0321";
    vec![
        del("w1", "Mitros", u, "2025-02-05"),
        del("w2", "Mitros", u, "2025-04-20"),
        del("w3", "Portaal", u, "2025-04-28"),
        del("w4", "Bo-Ex", u, "2025-08-01"),
        del("w5", "Mitros", u, "2026-02-01"),
        del("w6", "Portaal", u, "2026-02-15"),
        del("w7", "Portaal", u, "2026-03-31"),
        del("w8", "Mitros", u, "2026-04-01"), // after the period
        del("w9", "Mitros", h, "2026-01-20"),
    ]
}

/// The data: applications and homes of 2025 and 2026 in Utrecht and Houten (2025 is the data's
/// first year).
pub(crate) fn dataset() -> Dataset {
    from(applications(), deliveries())
}

fn from(applications: Vec<Application>, deliveries: Vec<Delivery>) -> Dataset {
    Dataset {
        applications: applications.into_iter().collect(),
        deliveries: deliveries.into_iter().collect(),
        commitments: vec![],
        reports: vec![],
        notices: vec![],
        held: vec![],
        conflicts: vec![],
    }
}

fn run(ds: &Dataset, period: &str) -> Figures {
    compute(&ComputeInput {
        dataset: ds,
        reference: &reference(),
        period: period.parse().unwrap(),
        span: crate::domain::Span::Month,
        region_code: "U16",
        region_name: "Regio U16",
        risk_threshold: 0.5,
    })
    .unwrap()
}

fn scope<'a>(f: &'a Figures, code: &str) -> &'a ScopeFigures {
    f.municipalities
        .iter()
        .chain([&f.region])
        .find(|s| s.code == code)
        .unwrap()
}

fn month<'a>(s: &'a ScopeFigures, p: &str) -> &'a MonthFigures {
    let p: Period = p.parse().unwrap();
    s.monthly.iter().find(|m| m.month == p).unwrap()
}

#[test]
fn bounds_are_last_years_deliveries_and_applications() {
    let f = run(&dataset(), "2026-03");
    let u = scope(&f, "GM0344");
    // Lower = homes in 2025 (w1..w4) = 4; upper = applications received in 2025 (a1..a5) = 5.
    assert_eq!((u.realisation.lower, u.realisation.upper), (4, 5));
    let h = scope(&f, "GM0321");
    assert_eq!((h.realisation.lower, h.realisation.upper), (0, 1));
    let r = &f.region.realisation;
    assert_eq!((r.lower, r.upper), (4, 6));
}

#[test]
fn corporation_split_uses_largest_remainder() {
    let f = run(&dataset(), "2026-03");
    // U = 5 over Mitros 2, Portaal 1, Bo-Ex 1 (of 4): quotas 2.5, 1.25, 1.25 → 2, 1, 1 and the
    // spare one to the largest remainder (Mitros, .5).
    let rows: Vec<(Option<&str>, u64, Option<u64>)> = f
        .bounds
        .iter()
        .filter(|b| b.municipality_code == "GM0344")
        .map(|b| (b.corporation.as_deref(), b.lower, b.upper))
        .collect();
    assert_eq!(
        rows,
        vec![
            (None, 4, Some(5)),
            (Some("Bo-Ex"), 1, Some(1)),
            (Some("Mitros"), 2, Some(3)),
            (Some("Portaal"), 1, Some(1)),
        ]
    );
    // Houten had no homes in 2025: a municipality row only, no split.
    let houten: Vec<_> = f
        .bounds
        .iter()
        .filter(|b| b.municipality_code == "GM0321")
        .collect();
    assert_eq!(houten.len(), 1);
    assert_eq!((houten[0].lower, houten[0].upper), (0, Some(1)));
}

#[test]
fn realisation_against_the_pro_rata_band() {
    let f = run(&dataset(), "2026-03");
    let u = scope(&f, "GM0344");
    // Homes Jan–Mar 2026: w5, w6, w7 = 3 (w8 is in April). Band after 3 months: 1 .. 1.25.
    assert_eq!(u.realisation.delivered_ytd, 3);
    assert_eq!(u.realisation.band_low, 1.0);
    assert_eq!(u.realisation.band_high, 1.25);
    assert_eq!(u.realisation.status, Status::AboveUpper);
    // The forecast (docs/DEFINITIONS.md). The data begin in 2025, the data's first year, which
    // is no earlier year (with_an_earlier_year_the_forecast_leans_on_it has one): an even
    // season (1/12 a month), no extra lumpiness, this year's pace alone with a vague prior of
    // half a home. Utrecht: 3 by March, a quarter of the year: rate (3 + 0.5) / 0.25 = 14;
    // still to come 14 × 0.75 = 10.5; expected 3 + 10.5 = 13.5.
    let expected = u.realisation.forecast_year_end.unwrap();
    assert!((expected - 13.5).abs() < 1e-9, "{expected}");
    let fc = u.realisation.forecast.as_ref().unwrap();
    assert!(fc.low <= 13 && fc.high >= 14, "{fc:?}");
    // Lower bound 4: one more home is needed in nine months (1 a month, rounded up); ending
    // below it means none more: P(0) of a negative binomial with mean 10.5 and variance
    // 10.5 + (3.5 / 0.25²) × 0.75² = 42, (3.5 / 14)^3.5 ≈ 0.008.
    assert!(
        fc.p_below_lower > 0.0035 && fc.p_below_lower < 0.05,
        "{fc:?}"
    );
    assert_eq!(
        fc.needed_per_month_lower,
        super::forecast::Needed::PerMonth(1)
    );
    let lines: Vec<(&str, u64, u64, Option<u64>, Status)> = u
        .corporations
        .iter()
        .map(|c| {
            (
                c.corporation.as_str(),
                c.delivered_ytd,
                c.lower,
                c.upper,
                c.status,
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            ("Bo-Ex", 0, 1, Some(1), Status::BelowLower), // 0 < 1 × 3/12
            ("Mitros", 1, 2, Some(3), Status::AboveUpper), // 1 > 3 × 3/12 = 0.75
            ("Portaal", 2, 1, Some(1), Status::AboveUpper),
        ]
    );
    // Houten: 1 home (w9) against lower 0, upper 1 × 3/12 → above; its corporation line has
    // no upper bound (nothing to split) and so is within.
    let h = scope(&f, "GM0321");
    assert_eq!(h.realisation.status, Status::AboveUpper);
    assert_eq!(h.corporations[0].upper, None);
    assert_eq!(h.corporations[0].status, Status::Within);
}

#[test]
fn declared_commitments_are_the_bounds_in_force() {
    let mut ds = dataset();
    ds.commitments.push(Commitment {
        year: 2026,
        corporation: "Portaal".into(),
        municipality: gm("GM0344"),
        lower: 2,
        upper: 4,
    });
    // A commitment for another year has no effect.
    ds.commitments.push(Commitment {
        year: 2025,
        corporation: "Mitros".into(),
        municipality: gm("GM0344"),
        lower: 50,
        upper: 60,
    });
    let f = run(&ds, "2026-03");
    let portaal = scope(&f, "GM0344")
        .corporations
        .iter()
        .find(|c| c.corporation == "Portaal")
        .unwrap();
    assert_eq!(
        (portaal.lower, portaal.upper, portaal.basis),
        (2, Some(4), Basis::Declared)
    );
    assert_eq!((portaal.derived_lower, portaal.derived_upper), (1, Some(1)));
    // 2 homes × 12 = 24 > 4 × 3 = 12 → above.
    assert_eq!(portaal.status, Status::AboveUpper);
    let mitros = scope(&f, "GM0344")
        .corporations
        .iter()
        .find(|c| c.corporation == "Mitros")
        .unwrap();
    assert_eq!(mitros.basis, Basis::Derived);
    let declared: Vec<_> = f
        .bounds
        .iter()
        .filter(|b| b.basis == Basis::Declared)
        .collect();
    assert_eq!(declared.len(), 1);
    assert_eq!((declared[0].lower, declared[0].upper), (2, Some(4)));
}

#[test]
fn monthly_series_hand_computed() {
    let f = run(&dataset(), "2026-03");
    let u = scope(&f, "GM0344");
    // 24 months up to March 2026 (the data starts later, in January 2025).
    assert_eq!(f.series_start.to_string(), "2024-04");
    assert_eq!(u.monthly.len(), 24);
    assert_eq!(u.monthly.last().unwrap().month.to_string(), "2026-03");
    let row = |p| {
        let m = month(u, p);
        (
            m.applications,
            m.deliveries,
            m.housed,
            m.open_at_month_end,
            m.median_wait_days,
        )
    };
    assert_eq!(row("2024-04"), (0, 0, 0, 0, None));
    assert_eq!(row("2025-01"), (1, 0, 0, 1, None));
    assert_eq!(row("2025-02"), (1, 1, 1, 1, Some(31.0)));
    assert_eq!(row("2025-03"), (1, 0, 0, 2, None));
    assert_eq!(row("2025-04"), (0, 2, 0, 1, None)); // a3 withdrawn
    assert_eq!(row("2025-05"), (0, 0, 1, 0, Some(89.0)));
    assert_eq!(row("2025-12"), (1, 0, 0, 2, None));
    assert_eq!(row("2026-01"), (1, 0, 0, 3, None));
    // a4 (90 days) and a6 (30 days) housed: median of an even count = mean of the middle two.
    assert_eq!(row("2026-02"), (1, 2, 2, 2, Some(60.0)));
    assert_eq!(row("2026-03"), (1, 1, 1, 2, Some(19.0)));
    assert_eq!(month(u, "2026-02").housed_within_90_days, 2);
    assert_eq!(month(u, "2025-04").withdrawn, 1);
    // Every configured municipality has the full series, zeros included.
    assert_eq!(scope(&f, "GM0321").monthly.len(), 24);
    assert_eq!(month(scope(&f, "GM0321"), "2025-06").housed, 1);
}

#[test]
fn rolling_sums_and_year_on_year() {
    let f = run(&dataset(), "2026-03");
    let u = scope(&f, "GM0344");
    // 12 months to 2026-03 (2025-04..2026-03): applications a4..a8 = 5; homes 2+1+3 = 6.
    let m = month(u, "2026-03");
    assert_eq!((m.applications_12m, m.deliveries_12m), (Some(5), Some(6)));
    // Year on year: March 2026 (1 application, 1 home) against March 2025 (1, 0).
    assert_eq!((m.applications_yoy, m.deliveries_yoy), (Some(0), Some(1)));
    // The series starts in 2024-04: no 12 months of history before 2025-03.
    assert_eq!(month(u, "2025-02").applications_12m, None);
    assert_eq!(month(u, "2025-03").applications_12m, Some(3));
    assert_eq!(month(u, "2025-03").applications_yoy, None);
}

#[test]
fn year_to_date_and_breakdowns() {
    let f = run(&dataset(), "2026-03");
    let y = &scope(&f, "GM0344").ytd;
    assert_eq!((y.applications, y.applications_prev), (3, 3));
    assert_eq!((y.deliveries, y.deliveries_prev), (3, 1));
    // Housed Jan–Mar 2026: a4 (90), a6 (30), a7 (19) → median 30, all within 90 days.
    assert_eq!(y.housed, 3);
    assert_eq!(y.median_wait_days, Some(30.0));
    assert_eq!(y.share_within_90_days, Some(1.0));
    assert_eq!((y.open_at_period_end, y.open_a_year_earlier), (2, 2));
    let origin: Vec<(Option<&str>, u64, u64, u64)> = scope(&f, "GM0344")
        .by_origin
        .iter()
        .map(|l| {
            (
                l.label.as_deref(),
                l.applications_ytd,
                l.housed_ytd,
                l.open_at_period_end,
            )
        })
        .collect();
    // BW: a7 received & housed; a5 open. MO: a6, a8 received; a4, a6 housed; a8 open.
    assert_eq!(origin, vec![(Some("BW"), 1, 1, 1), (Some("MO"), 2, 2, 1)]);
    let cum = &scope(&f, "GM0344").cumulative;
    assert_eq!(cum[1].this_year, Some(2));
    assert_eq!(cum[2].this_year, Some(3));
    assert_eq!(cum[3].this_year, None);
    assert_eq!(cum[3].last_year, 3); // Feb 2025 (1) + Apr 2025 (2)
}

#[test]
fn region_totals_are_sums_of_the_municipalities() {
    let f = run(&dataset(), "2026-03");
    for (i, m) in f.region.monthly.iter().enumerate() {
        let sum = |g: fn(&MonthFigures) -> u64| {
            f.municipalities
                .iter()
                .map(|s| g(&s.monthly[i]))
                .sum::<u64>()
        };
        assert_eq!(m.applications, sum(|r| r.applications));
        assert_eq!(m.deliveries, sum(|r| r.deliveries));
        assert_eq!(m.open_at_month_end, sum(|r| r.open_at_month_end));
    }
    let mitros = f.corporations.iter().find(|c| c.code == "Mitros").unwrap();
    // Mitros: Utrecht 1 + Houten 1 this year.
    assert_eq!(mitros.total.delivered_ytd, 2);
    assert_eq!(mitros.municipalities.len(), 2);
}

#[test]
fn no_data_at_all_gives_zero_figures() {
    let f = run(&Dataset::default(), "2026-03");
    let u = scope(&f, "GM0344");
    assert_eq!(u.monthly.len(), 24);
    assert!(u
        .monthly
        .iter()
        .all(|m| m.applications == 0 && m.open_at_month_end == 0));
    assert_eq!(u.realisation.status, Status::Within);
    assert_eq!(u.ytd.median_wait_days, None);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn arb_app() -> impl Strategy<Value = (u8, i64, Option<i64>, Option<i64>)> {
        (
            0u8..2,
            0i64..700,
            proptest::option::of(0i64..300),
            proptest::option::of(0i64..300),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// open at month end = received − housed − withdrawn up to then (applications closed
        /// both ways are counted once, at the earlier date).
        #[test]
        fn open_equals_received_minus_closed(apps in proptest::collection::vec(arb_app(), 0..60)) {
            let base = d("2024-01-01");
            let codes = ["GM0344", "GM0321"];
            let ds = Dataset {
                applications: apps.iter().enumerate().map(|(i, (m, r, h, w))| {
                    let recv = base + chrono::Duration::days(*r);
                    Application {
                        id: format!("p{i}"),
                        received_on: recv,
                        municipality: gm(codes[*m as usize]),
                        origin: "MO".into(),
                        housing_form: None,
                        corporation: None,
                        housed_on: h.map(|x| recv + chrono::Duration::days(x)),
                        withdrawn_on: w.map(|x| recv + chrono::Duration::days(x)),
                    }
                }).collect(),
                ..Default::default()
            };
            let f = run(&ds, "2025-12");
            for s in &f.municipalities {
                for m in &s.monthly {
                    let end = m.month.last_day();
                    let mine: Vec<_> = ds.applications.iter().filter(|a| a.municipality.as_str() == s.code).collect();
                    let received = mine.iter().filter(|a| a.received_on <= end).count() as u64;
                    let closed = mine.iter().filter(|a| {
                        let c = [a.housed_on, a.withdrawn_on].into_iter().flatten().min();
                        c.is_some_and(|c| c <= end)
                    }).count() as u64;
                    prop_assert_eq!(m.open_at_month_end, received - closed, "{} {}", s.code, m.month);
                }
            }
        }
    }
}

fn run_span(ds: &Dataset, end: &str, span: crate::domain::Span) -> Figures {
    compute(&ComputeInput {
        dataset: ds,
        reference: &reference(),
        period: end.parse().unwrap(),
        span,
        region_code: "U16",
        region_name: "Regio U16",
        risk_threshold: 0.5,
    })
    .unwrap()
}

#[test]
fn with_an_earlier_year_the_forecast_leans_on_it() {
    // The data begin in January 2024 (one application, withdrawn): 2025 is an earlier year.
    let mut apps = applications();
    apps.push(app(
        "a0",
        "GM0344",
        "2024-01-05",
        None,
        Some("2024-02-01"),
        "MO",
    ));
    let f = run(&from(apps, deliveries()), "2026-03");
    let u = scope(&f, "GM0344");
    assert_eq!(u.realisation.delivered_ytd, 3);
    // 2025's region homes in Feb (1), Apr (2), Aug (1): the season is each month's count + 1
    // over 16: Jan–Mar 4/16 = 0.25, Apr–Dec 0.75. Lumpiness: Utrecht's 2025 scatter around
    // its season is below Poisson's, so 1; one earlier year gives no spread between years.
    // The region has 4 homes by March against a history of 4: rate (4·1 + 4) / (1 + 0.25) =
    // 6.4, a pace of 6.4 / 4 = 1.6. Utrecht: 3 by March, history 4 × 1.6 = 6.4: rate
    // (6.4 + 3) / 1.25 = 7.52; still to come 7.52 × 0.75 = 5.64; expected 3 + 5.64 = 8.64.
    let expected = u.realisation.forecast_year_end.unwrap();
    assert!((expected - 8.64).abs() < 1e-9, "{expected}");
    let fc = u.realisation.forecast.as_ref().unwrap();
    assert!(fc.low <= 8 && fc.high >= 9, "{fc:?}");
    // Ending below the lower bound of 4 means no more homes: about Poisson's e^-5.64.
    assert!(
        fc.p_below_lower > 0.0035 && fc.p_below_lower < 0.05,
        "{fc:?}"
    );
}

#[test]
fn a_quarter_counts_its_three_months_against_a_quarter_of_the_band() {
    use crate::domain::Span;
    // 2026-Q2 = April–June 2026. Bounds stay those of the year (from 2025): Utrecht 4 .. 5.
    let f = run_span(&dataset(), "2026-06", Span::Quarter);
    assert_eq!(
        (f.from.to_string(), f.span),
        ("2026-04".to_string(), Span::Quarter)
    );
    let u = scope(&f, "GM0344");
    assert_eq!((u.realisation.lower, u.realisation.upper), (4, 5));
    // Homes in Q2: w8 (1 April) = 1. Band over 3 months: 4 × 3/12 = 1 .. 5 × 3/12 = 1.25.
    assert_eq!(u.realisation.delivered_ytd, 1);
    assert_eq!(
        (u.realisation.band_low, u.realisation.band_high),
        (1.0, 1.25)
    );
    assert_eq!(u.realisation.status, Status::Within);
    // The year-end forecast after June (the quarter's last month), from January; no earlier
    // year (2025 is the data's first): Utrecht 4 homes in half a year: rate (4 + 0.5) / 0.5 =
    // 9, to come 9 × 0.5 = 4.5; expected 8.5.
    let expected = u.realisation.forecast_year_end.unwrap();
    assert!((expected - 8.5).abs() < 1e-9, "{expected}");
    // Applications in Q2 2026: a9 = 1; in Q2 2025: none. Homes in Q2 2025: w2, w3 = 2.
    // Housed in Q2 2026: nobody; in Q2 2025: a2 (1 May 2025).
    assert_eq!((u.ytd.applications, u.ytd.applications_prev), (1, 0));
    assert_eq!((u.ytd.deliveries, u.ytd.deliveries_prev), (1, 2));
    assert_eq!((u.ytd.housed, u.ytd.housed_prev), (0, 1));
    // Per corporation, against a quarter of its own bounds: Bo-Ex 0 < 0.25, Mitros 1 > 0.75,
    // Portaal 0 < 0.25.
    let lines: Vec<(&str, u64, Status)> = u
        .corporations
        .iter()
        .map(|c| (c.corporation.as_str(), c.delivered_ytd, c.status))
        .collect();
    assert_eq!(
        lines,
        vec![
            ("Bo-Ex", 0, Status::BelowLower),
            ("Mitros", 1, Status::AboveUpper),
            ("Portaal", 0, Status::BelowLower),
        ]
    );
}

#[test]
fn a_year_counts_january_to_december_against_the_whole_band() {
    use crate::domain::Span;
    let f = run_span(&dataset(), "2026-12", Span::Year);
    assert_eq!(f.from.to_string(), "2026-01");
    let u = scope(&f, "GM0344");
    // Homes in 2026: w5, w6, w7, w8 = 4; the full band 4 .. 5, not pro rata.
    assert_eq!(u.realisation.delivered_ytd, 4);
    assert_eq!(
        (u.realisation.band_low, u.realisation.band_high),
        (4.0, 5.0)
    );
    assert_eq!(u.realisation.status, Status::Within);
    // The year is over: no forecast of its own end (it would only repeat the 4 homes).
    assert_eq!(u.realisation.forecast_year_end, None);
    // Applications 2026: a6..a9 = 4, 2025: a1..a5 = 5; housed 2026: a4, a6, a7 = 3, 2025: a1, a2.
    assert_eq!((u.ytd.applications, u.ytd.applications_prev), (4, 5));
    assert_eq!((u.ytd.deliveries, u.ytd.deliveries_prev), (4, 4));
    assert_eq!((u.ytd.housed, u.ytd.housed_prev), (3, 2));
    // The region adds Houten's w9: 5 homes against 4 .. 6.
    let r = &f.region.realisation;
    assert_eq!((r.delivered_ytd, r.lower, r.upper), (5, 4, 6));
    assert_eq!(r.status, Status::Within);
    // A year report's figures equal December's year to date.
    let dec = run_span(&dataset(), "2026-12", Span::Month);
    assert_eq!(scope(&dec, "GM0344").realisation, u.realisation);
}

//! The year-end forecast with an honest band: how many homes a scope will have made available
//! by December, an 80% band around it, and the chance of ending below the lower bound (or
//! above the upper). Pure arithmetic on monthly counts (which `queries` makes with Polars); no
//! I/O, no randomness: the same counts give the same forecast. The method and its assumptions
//! are in docs/DEFINITIONS.md ("Year-end forecast").
//!
//! In short: the homes still to come from month M+1 to December are a count with a
//! negative-binomial distribution. Its mean is the scope's yearly rate times the share of the
//! year's deliveries that usually comes after month M (the region's seasonal pattern over the
//! earlier years). The rate is a gamma-Poisson estimate: the scope's own earlier years (times
//! the region's pace this year: a small scope follows the region where it has little data)
//! weighed against this year's deliveries so far, both discounted by how lumpy deliveries are
//! (a project delivers many homes in one month). Its variance adds that lumpiness and the
//! uncertainty of the rate.

use serde::Serialize;

/// What the forecasts of one report are made with: the region's seasonal pattern and how
/// lumpy deliveries are, from the earlier years of the data.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The share of a year's deliveries in each month (12, summing to 1).
    pub season: [f64; 12],
    /// How much more the monthly counts vary than a Poisson count would (≥ 1): the variance of
    /// a count is `lumpiness × mean`.
    pub lumpiness: f64,
    /// Prior weight of the earlier years, in years of this year's data.
    pub prior_years: f64,
    /// How much a scope's yearly totals differ from year to year beyond the counting noise:
    /// the relative variance τ² (0.01 = years differ by about 10%). A scope's earlier years
    /// then say less about this year the larger it is, so a large scope follows its pace
    /// this year instead of lagging behind a trend.
    pub year_spread: f64,
}

/// The weight of a scope's earlier years against this year's deliveries (in years); chosen
/// with `woonmonitor backtest` (docs/FORECAST.md).
pub const PRIOR_YEARS: f64 = 1.0;

impl Model {
    /// The model from full years of monthly counts: `years` is, per earlier year, the region's
    /// counts per month; `scopes` the same per municipality, its years together (for the
    /// lumpiness and the spread between years). Without earlier years: an even season, no
    /// extra lumpiness and no spread.
    pub fn fit(years: &[[u64; 12]], scopes: &[Vec<[u64; 12]>]) -> Self {
        // The season: every earlier month of the region, plus one home in every month so that
        // a month without deliveries so far still gets some (and no earlier year gives an even
        // season). No more than that: a flatter season than the real one misjudges how much of
        // the year has passed, which for a large scope is a bias larger than its band.
        let mut season = [0.0; 12];
        for (m, s) in season.iter_mut().enumerate() {
            *s = years.iter().map(|y| y[m] as f64).sum::<f64>() + 1.0;
        }
        let sum: f64 = season.iter().sum();
        season.iter_mut().for_each(|s| *s /= sum);
        // Lumpiness: Pearson's dispersion of the scopes' monthly counts around their own
        // year's total spread over the season, pooled.
        let (mut chi2, mut dof) = (0.0, 0.0);
        for y in scopes.iter().flatten() {
            let t: u64 = y.iter().sum();
            if t < 2 {
                continue;
            }
            for (m, &c) in y.iter().enumerate() {
                let e = t as f64 * season[m];
                chi2 += (c as f64 - e).powi(2) / e;
            }
            dof += 11.0;
        }
        let lumpiness = if dof > 0.0 {
            (chi2 / dof).clamp(1.0, 50.0)
        } else {
            1.0
        };
        // The spread between years: the variance of each scope's yearly totals beyond what
        // the (lumpy) counting gives, relative to its mean squared, pooled (weighted by the
        // mean squared, so that large scopes, whose noise is relatively small, speak most).
        let (mut excess, mut weight) = (0.0, 0.0);
        for scope in scopes.iter().filter(|s| s.len() >= 2) {
            let totals: Vec<f64> = scope.iter().map(|y| y.iter().sum::<u64>() as f64).collect();
            let n = totals.len() as f64;
            let mean = totals.iter().sum::<f64>() / n;
            if mean < 1.0 {
                continue;
            }
            let var = totals.iter().map(|t| (t - mean).powi(2)).sum::<f64>() / (n - 1.0);
            excess += var - lumpiness * mean;
            weight += mean * mean;
        }
        let year_spread = if weight > 0.0 {
            (excess / weight).clamp(0.0, 0.25)
        } else {
            0.0
        };
        Self {
            season,
            lumpiness,
            prior_years: PRIOR_YEARS,
            year_spread,
        }
    }

    /// The share of a year's deliveries that comes in months `from..=to` (1–12).
    pub fn share(&self, from: u32, to: u32) -> f64 {
        if from > to {
            return 0.0;
        }
        self.season[(from as usize - 1)..(to as usize)].iter().sum()
    }

    /// The yearly rate of a scope after month `month`: its mean and variance (a gamma
    /// posterior). `history`: its totals in the earlier full years; `pace`: the region's pace
    /// this year against its own history (1 for the region itself); `so_far`: its deliveries
    /// this year up to `month`.
    fn rate(&self, history: &[u64], pace: f64, so_far: u64, month: u32) -> (f64, f64) {
        let elapsed = self.share(1, month);
        let k = self.lumpiness;
        // This year's counts weigh as counts / lumpiness (a lumpy count says less).
        let (d, e) = (so_far as f64 / k, elapsed / k);
        if history.is_empty() {
            // No earlier year: this year's pace alone (a vague prior of half a home).
            let shape = d + 0.5;
            let rate = e.max(1e-9);
            return (shape / rate, shape / rate.powi(2));
        }
        let mean_history = history.iter().sum::<u64>() as f64 / history.len() as f64;
        let prior_mean = (mean_history * pace).max(0.1);
        // The prior's variance: the counting noise of `prior_years` of data, plus the spread
        // between years. Its weight, in years of this year's data, is mean / variance.
        let var = k * prior_mean / self.prior_years + self.year_spread * prior_mean.powi(2);
        let n0 = prior_mean / var;
        let shape = prior_mean * n0 + d;
        let rate = n0 + e;
        (shape / rate, shape / rate.powi(2))
    }

    /// The region's pace this year against its earlier years (its rate's posterior mean over
    /// its history's mean; 1 without history).
    pub fn pace(&self, history: &[u64], so_far: u64, month: u32) -> f64 {
        if history.is_empty() {
            return 1.0;
        }
        let mean_history = history.iter().sum::<u64>() as f64 / history.len() as f64;
        if mean_history <= 0.0 {
            return 1.0;
        }
        let (mean, _) = self.rate(history, 1.0, so_far, month);
        (mean / mean_history).clamp(0.2, 5.0)
    }

    /// The forecast of a scope after `month` (1–11) of the year: `so_far` homes up to it,
    /// `history` its earlier years' totals, `pace` the region's pace (see [`Model::pace`]),
    /// and its bounds for the year.
    pub fn forecast(&self, input: &ForecastInput<'_>) -> Forecast {
        let month = input.month.clamp(1, 11);
        let (mean_rate, var_rate) = self.rate(input.history, input.pace, input.so_far, month);
        let remaining = |to: u32| Remaining::new(self, mean_rate, var_rate, month, to);
        let year_end = remaining(12);
        let so_far = input.so_far;
        let (low, high) = year_end.band();
        let (low, high) = (so_far + low, so_far + high);
        let expected = so_far as f64 + year_end.mean;
        // Below the lower bound: fewer than `lower - so_far` homes still to come.
        let p_below_lower = match input.lower.checked_sub(so_far) {
            Some(0) | None => 0.0,
            Some(missing) => year_end.cdf(missing - 1),
        };
        let p_above_upper = match input.upper {
            Some(u) if u >= so_far => 1.0 - year_end.cdf(u - so_far),
            Some(_) => 1.0,
            None => 0.0,
        };
        let path = (month + 1..=12)
            .map(|m| {
                let r = remaining(m);
                let (low, high) = r.band();
                PathPoint {
                    month: m,
                    low: so_far + low,
                    expected: so_far as f64 + r.mean,
                    high: so_far + high,
                }
            })
            .collect();
        let months_left = 12 - month;
        Forecast {
            expected,
            low,
            high,
            p_below_lower,
            p_above_upper,
            needed_per_month_lower: needed(input.lower, so_far, months_left),
            needed_per_month_upper: input.upper.map(|u| needed(u, so_far, months_left)),
            path,
        }
    }
}

/// What a scope's forecast is made from.
#[derive(Debug, Clone)]
pub struct ForecastInput<'a> {
    /// The last month with data (1–11).
    pub month: u32,
    /// Homes made available from January up to `month`.
    pub so_far: u64,
    /// Its totals in the earlier full years of the data (at most three, oldest first).
    pub history: &'a [u64],
    /// The region's pace this year against its own history ([`Model::pace`]).
    pub pace: f64,
    pub lower: u64,
    pub upper: Option<u64>,
}

/// Homes per remaining month to reach `bound`: whole homes, rounded up; `Reached` when it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Needed {
    Reached,
    PerMonth(u64),
}

fn needed(bound: u64, so_far: u64, months_left: u32) -> Needed {
    match bound.checked_sub(so_far) {
        Some(0) | None => Needed::Reached,
        Some(missing) => Needed::PerMonth(missing.div_ceil(u64::from(months_left.max(1)))),
    }
}

/// The forecast of one scope for its year's end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    /// The expected number of homes by December.
    pub expected: f64,
    /// The 80% band: 10% and 90% quantiles of the year-end number.
    pub low: u64,
    pub high: u64,
    /// The chance of ending below the lower bound, and above the upper.
    pub p_below_lower: f64,
    pub p_above_upper: f64,
    pub needed_per_month_lower: Needed,
    pub needed_per_month_upper: Option<Needed>,
    /// The band month by month from the month after the report's to December (cumulative
    /// homes of the year): the fan of the realisation chart.
    pub path: Vec<PathPoint>,
}

/// One month of the fan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathPoint {
    pub month: u32,
    pub low: u64,
    pub expected: f64,
    pub high: u64,
}

/// The homes still to come from the month after `month` up to `to`: a negative binomial count
/// (or Poisson when it varies no more than one), matched on mean and variance.
struct Remaining {
    mean: f64,
    var: f64,
}

impl Remaining {
    fn new(model: &Model, mean_rate: f64, var_rate: f64, month: u32, to: u32) -> Self {
        let share = model.share(month + 1, to);
        let mean = mean_rate * share;
        let var = model.lumpiness * mean + var_rate * share * share;
        Self { mean, var }
    }

    /// P(count ≤ k).
    fn cdf(&self, k: u64) -> f64 {
        if self.mean <= 0.0 {
            return 1.0;
        }
        if self.mean > 400.0 {
            // A large count: the normal approximation, with a continuity correction.
            let z = (k as f64 + 0.5 - self.mean) / self.var.sqrt();
            return normal_cdf(z);
        }
        let mut p = 0.0;
        let mut pmf = Pmf::new(self.mean, self.var);
        for _ in 0..=k {
            p += pmf.next();
            if p >= 1.0 - 1e-12 {
                return 1.0;
            }
        }
        p.min(1.0)
    }

    /// The 80% band: the 10% and 90% quantiles, each moved one step inwards where that brings
    /// the probability left outside it on that side nearer 10%. A small count moves in large
    /// steps: the plain quantiles leave out much less than 10% on each side, and the band
    /// would hold the real number far more often than four times in five (the backtest,
    /// docs/FORECAST.md).
    fn band(&self) -> (u64, u64) {
        let (low, high) = (self.quantile(0.10), self.quantile(0.90));
        if self.mean <= 0.0 || self.mean > 400.0 {
            return (low, high);
        }
        // P(count ≤ k) for k up to `high`, in one pass.
        let mut cdf = Vec::with_capacity(high as usize + 1);
        let mut pmf = Pmf::new(self.mean, self.var);
        let mut p = 0.0;
        for _ in 0..=high {
            p += pmf.next();
            cdf.push(p.min(1.0));
        }
        let at = |k: u64| cdf[k as usize];
        let below = |k: u64| if k == 0 { 0.0 } else { at(k - 1) };
        // Left out below the band starting at `low`: P(count < low).
        let low = if low < high && at(low) - 0.10 < 0.10 - below(low) {
            low + 1
        } else {
            low
        };
        // Left out above the band ending at `high`: P(count > high).
        let high = if high > low && (1.0 - below(high)) - 0.10 < 0.10 - (1.0 - at(high)) {
            high - 1
        } else {
            high
        };
        (low, high)
    }

    /// The smallest count whose cumulative probability reaches `q`.
    fn quantile(&self, q: f64) -> u64 {
        if self.mean <= 0.0 {
            return 0;
        }
        if self.mean > 400.0 {
            let x = self.mean + normal_quantile(q) * self.var.sqrt();
            return x.round().max(0.0) as u64;
        }
        let mut p = 0.0;
        let mut pmf = Pmf::new(self.mean, self.var);
        for k in 0..100_000u64 {
            p += pmf.next();
            if p >= q - 1e-12 {
                return k;
            }
        }
        (self.mean + 10.0 * self.var.sqrt()) as u64
    }
}

/// The probabilities of 0, 1, 2, … of a negative binomial with `mean` and `var` (Poisson when
/// `var ≤ mean`), by the recurrence from one to the next (no factorials).
struct Pmf {
    k: u64,
    current: f64,
    /// NB: `size`; `None` for Poisson.
    size: Option<f64>,
    /// NB: `p / (1 - p)`-free form: the success ratio `mean / (size + mean)`; Poisson: `mean`.
    ratio: f64,
}

impl Pmf {
    fn new(mean: f64, var: f64) -> Self {
        if var <= mean * (1.0 + 1e-9) {
            Self {
                k: 0,
                current: (-mean).exp(),
                size: None,
                ratio: mean,
            }
        } else {
            let size = mean * mean / (var - mean);
            let ratio = mean / (size + mean);
            Self {
                k: 0,
                // P(0) = (size / (size + mean))^size
                current: (size * (size / (size + mean)).ln()).exp(),
                size: Some(size),
                ratio,
            }
        }
    }

    /// P(k), then moves on to k + 1.
    fn next(&mut self) -> f64 {
        let p = self.current;
        let k = self.k as f64;
        self.current *= match self.size {
            Some(size) => (k + size) / (k + 1.0) * self.ratio,
            None => self.ratio / (k + 1.0),
        };
        self.k += 1;
        p
    }
}

/// The standard normal distribution function (Abramowitz and Stegun 7.1.26, |error| < 1.5e-7).
fn normal_cdf(z: f64) -> f64 {
    let x = z.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-x * x).exp();
    if z >= 0.0 {
        0.5 * (1.0 + erf)
    } else {
        0.5 * (1.0 - erf)
    }
}

/// The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9).
fn normal_quantile(p: f64) -> f64 {
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let low = 0.024_25;
    if p < low {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - low {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * (1.0 - p).ln()).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn even() -> Model {
        Model {
            season: [1.0 / 12.0; 12],
            lumpiness: 1.0,
            prior_years: 1.0,
            year_spread: 0.0,
        }
    }

    #[test]
    fn the_distributions_add_up_and_match_their_moments() {
        for (mean, var) in [(3.0, 3.0), (3.0, 9.0), (40.0, 120.0), (0.4, 0.5)] {
            let r = Remaining { mean, var };
            let mut pmf = Pmf::new(mean, var);
            let (mut total, mut m1, mut m2) = (0.0, 0.0, 0.0);
            for k in 0..5000 {
                let p = pmf.next();
                total += p;
                m1 += k as f64 * p;
                m2 += (k as f64).powi(2) * p;
            }
            assert!((total - 1.0).abs() < 1e-9, "{mean} {var}: {total}");
            assert!((m1 - mean).abs() < 1e-6, "{mean} {var}: mean {m1}");
            assert!(
                (m2 - m1 * m1 - var).abs() < 1e-4,
                "{mean} {var}: var {}",
                m2 - m1 * m1
            );
            assert!(r.cdf(r.quantile(0.9)) >= 0.9 - 1e-9);
        }
        // The normal approximation agrees with the sum where both work.
        let (mean, var) = (400.0, 1600.0);
        let exact = {
            let mut pmf = Pmf::new(mean, var);
            (0..=420).map(|_| pmf.next()).sum::<f64>()
        };
        let z = (420.5 - mean) / var.sqrt();
        assert!(
            (normal_cdf(z) - exact).abs() < 0.02,
            "{} {exact}",
            normal_cdf(z)
        );
        assert!((normal_quantile(0.9) - 1.281_551_6).abs() < 1e-6);
        assert!((normal_cdf(1.281_551_6) - 0.9).abs() < 1e-6);
    }

    #[test]
    fn needed_per_month_is_whole_homes_rounded_up() {
        assert_eq!(needed(14, 8, 6), Needed::PerMonth(1));
        assert_eq!(needed(14, 7, 6), Needed::PerMonth(2));
        assert_eq!(needed(14, 14, 6), Needed::Reached);
        assert_eq!(needed(14, 20, 6), Needed::Reached);
    }

    #[test]
    fn on_pace_is_likely_behind_is_unlikely_and_the_band_holds_the_expectation() {
        let m = even();
        let history = [24, 24, 24];
        // Half the year, half the homes: about 24 at the end.
        let f = m.forecast(&ForecastInput {
            month: 6,
            so_far: 12,
            history: &history,
            pace: 1.0,
            lower: 24,
            upper: Some(36),
        });
        assert!((f.expected - 24.0).abs() < 0.5, "{f:?}");
        assert!(f.low <= 24 && 24 <= f.high, "{f:?}");
        assert!(f.p_below_lower > 0.3 && f.p_below_lower < 0.7, "{f:?}");
        assert!(f.p_above_upper < 0.05, "{f:?}");
        assert_eq!(f.needed_per_month_lower, Needed::PerMonth(2));
        assert_eq!(f.path.len(), 6);
        assert_eq!(f.path.last().unwrap().low, f.low);
        // Far behind in October: below the lower bound is nearly certain.
        let f = m.forecast(&ForecastInput {
            month: 10,
            so_far: 8,
            history: &history,
            pace: 1.0,
            lower: 24,
            upper: Some(36),
        });
        assert!(f.p_below_lower > 0.95, "{f:?}");
        assert_eq!(f.needed_per_month_lower, Needed::PerMonth(8));
        // The lower bound already reached: no chance of ending below it.
        let f = m.forecast(&ForecastInput {
            month: 3,
            so_far: 30,
            history: &history,
            pace: 1.0,
            lower: 24,
            upper: Some(36),
        });
        assert_eq!(f.p_below_lower, 0.0);
        assert_eq!(f.needed_per_month_lower, Needed::Reached);
    }

    #[test]
    fn lumpy_deliveries_widen_the_band_and_the_season_shifts_it() {
        let history = [60, 60, 60];
        let input = ForecastInput {
            month: 4,
            so_far: 20,
            history: &history,
            pace: 1.0,
            lower: 60,
            upper: None,
        };
        let smooth = even().forecast(&input);
        let lumpy = Model {
            lumpiness: 6.0,
            ..even()
        }
        .forecast(&input);
        assert!(
            lumpy.high - lumpy.low > smooth.high - smooth.low,
            "{smooth:?} {lumpy:?}"
        );
        // Most homes usually come at the end of the year: 20 by April is ahead of pace.
        let mut late = [0.05; 12];
        late[11] = 0.45;
        let sum: f64 = late.iter().sum();
        let late = Model {
            season: late.map(|s| s / sum),
            ..even()
        };
        assert!(late.forecast(&input).expected > smooth.expected);
    }

    #[test]
    fn the_model_learns_the_season_and_the_lumpiness_from_earlier_years() {
        let mut year = [2u64; 12];
        year[11] = 30;
        let m = Model::fit(&[year, year], &[vec![year, year]]);
        assert!(m.season[11] > 0.3, "{:?}", m.season);
        assert!((m.season.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let flat = Model::fit(&[], &[]);
        assert!((flat.season[0] - 1.0 / 12.0).abs() < 1e-12);
        assert_eq!(flat.lumpiness, 1.0);
        // Lumpy scopes: all of a year's homes in one month.
        let mut lump = [0u64; 12];
        lump[5] = 24;
        let m = Model::fit(&[[2; 12]], &[vec![lump], vec![lump]]);
        assert!(m.lumpiness > 5.0, "{}", m.lumpiness);
    }

    #[test]
    fn years_that_differ_make_a_large_scope_follow_this_years_pace() {
        // Two scopes whose years differ by a fifth: a spread between years of about 0.02.
        let year = |total: u64| [total / 12; 12];
        let scopes = [
            vec![year(1200), year(960), year(1200)],
            vec![year(600), year(480), year(600)],
        ];
        let m = Model::fit(&[year(1800), year(1440), year(1800)], &scopes);
        assert!(
            m.year_spread > 0.005 && m.year_spread < 0.05,
            "{}",
            m.year_spread
        );
        let steady = Model::fit(&[year(1800); 3], &[vec![year(1200); 3], vec![year(600); 3]]);
        assert_eq!(steady.year_spread, 0.0);
        // A large scope a third ahead of its history by June: with the spread its forecast
        // follows this year (the prior weighs 1200 / (1200 + 0.02 × 1200²) = 0.04 years:
        // about 1585), without it the history pulls it back (a year's weight: 1467).
        let input = ForecastInput {
            month: 6,
            so_far: 800,
            history: &[1200, 1200, 1200],
            pace: 1.0,
            lower: 1200,
            upper: None,
        };
        let spread = Model {
            year_spread: 0.02,
            ..even()
        }
        .forecast(&input);
        let none = even().forecast(&input);
        assert!((spread.expected - 1585.2).abs() < 1.0, "{spread:?}");
        assert!((none.expected - 1466.7).abs() < 1.0, "{none:?}");
        // A small scope hardly notices: its counting noise is larger than the spread.
        let small = ForecastInput {
            so_far: 8,
            history: &[12, 12, 12],
            lower: 12,
            ..input
        };
        let (a, b) = (
            Model {
                year_spread: 0.02,
                ..even()
            }
            .forecast(&small)
            .expected,
            even().forecast(&small).expected,
        );
        assert!((a - b).abs() < 0.2, "{a} {b}");
    }

    #[test]
    fn the_same_counts_give_the_same_forecast() {
        let m = Model::fit(
            &[[3, 4, 2, 5, 6, 3, 2, 4, 7, 5, 3, 9]],
            &[vec![[1, 0, 2, 0, 3, 1, 0, 0, 2, 1, 0, 4]]],
        );
        let input = ForecastInput {
            month: 7,
            so_far: 9,
            history: &[14],
            pace: 1.1,
            lower: 14,
            upper: Some(20),
        };
        assert_eq!(m.forecast(&input), m.forecast(&input));
    }
}

//! Synthetic data: a realistic, reproducible dataset for the configured region.
//!
//! The centre municipality (the first configured one, Utrecht in the default config) gets about
//! 240 homes a year and somewhat more applications; the others are smaller in proportion to an
//! approximate population. Applications are housed after a skewed waiting time (median about
//! 2–3 months), some are withdrawn, the rest stay open; each housing comes with a home made
//! available by a corporation of that municipality shortly before. Output looks like a real
//! export: `;`-separated, Dutch dates. Unless `clean` is set, a handful of typical mistakes are
//! added (future date, housed before received, duplicate, unknown municipality, blank line) so a
//! run shows what rejection looks like. Same seed and settings → byte-identical files.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, LogNormal, Poisson};

use crate::config::Reference;
use crate::files::{write_atomic, WriteError};

#[derive(Debug, Clone)]
pub struct SampleOptions {
    /// Total applications per year over all municipalities; `None`: the region's natural volume
    /// (about 290 a year in the centre municipality, fewer elsewhere).
    pub applications_per_year: Option<f64>,
    pub years: u32,
    pub seed: u64,
    /// Last day with data (inclusive).
    pub until: NaiveDate,
    /// Leave out the deliberate mistakes.
    pub clean: bool,
}

/// Approximate population (thousands) of the U16 municipalities; others get 40.
fn population(code: &str) -> f64 {
    known_population(code).unwrap_or_else(|| {
        // Synthetic municipalities: a stable pseudo-random size of 10–160 thousand.
        let h = code
            .bytes()
            .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
        10.0 + (h % 150) as f64
    })
}

fn known_population(code: &str) -> Option<f64> {
    Some(match code {
        "GM0344" => 370.0,
        "GM0310" => 43.0,
        "GM0312" => 15.0,
        "GM0321" => 50.0,
        "GM0353" => 34.0,
        "GM0331" => 15.0,
        "GM0335" => 14.0,
        "GM0355" => 66.0,
        "GM0356" => 65.0,
        "GM0589" => 10.0,
        "GM0736" => 45.0,
        "GM1904" => 65.0,
        "GM1581" => 50.0,
        "GM1961" => 58.0,
        "GM0352" => 24.0,
        "GM0632" => 53.0,
        _ => return None,
    })
}

/// Corporations active in a municipality of the sample, with weights.
fn corporations_for(code: &str, reference: &Reference, index: usize) -> Vec<(String, f64)> {
    let wanted: &[(&str, f64)] = match code {
        "GM0344" => &[
            ("Mitros", 0.38),
            ("Portaal", 0.32),
            ("Bo-Ex", 0.2),
            ("SSH", 0.1),
        ],
        "GM0310" => &[("Portaal", 0.6), ("Woongoed Zeist", 0.4)],
        "GM0312" | "GM0321" | "GM0352" => &[("Viveste", 1.0)],
        "GM0353" => &[("Lekstede", 0.5), ("Jutphaas", 0.5)],
        "GM0331" => &[("Lekstede", 1.0)],
        "GM0335" | "GM0589" | "GM0632" => &[("GroenWest", 1.0)],
        "GM0355" => &[("Woongoed Zeist", 0.7), ("Portaal", 0.3)],
        "GM0356" => &[("Jutphaas", 0.6), ("Portaal", 0.4)],
        "GM0736" => &[("Vecht en Omstreken", 1.0)],
        "GM1904" => &[("Vecht en Omstreken", 0.6), ("Portaal", 0.4)],
        "GM1581" => &[("Heuvelrug Wonen", 1.0)],
        "GM1961" => &[("Provides", 1.0)],
        _ => &[],
    };
    let known: Vec<(String, f64)> = wanted
        .iter()
        .filter_map(|(c, w)| reference.corporation(c).map(|c| (c.code.clone(), *w)))
        .collect();
    if !known.is_empty() || reference.corporations.is_empty() {
        return if known.is_empty() {
            vec![("Corporatie".to_string(), 1.0)]
        } else {
            known
        };
    }
    // Other regions: one or two configured corporations, picked by position.
    let n = reference.corporations.len();
    let a = &reference.corporations[index % n].code;
    let b = &reference.corporations[(index * 7 + 3) % n].code;
    if a == b {
        vec![(a.clone(), 1.0)]
    } else {
        vec![(a.clone(), 0.65), (b.clone(), 0.35)]
    }
}

fn pick<'a>(rng: &mut ChaCha8Rng, items: &'a [(String, f64)]) -> &'a str {
    let total: f64 = items.iter().map(|(_, w)| w).sum();
    let mut x = rng.random::<f64>() * total;
    for (name, w) in items {
        if x < *w {
            return name;
        }
        x -= w;
    }
    &items.last().expect("non-empty").0
}

fn nl(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// Generated file contents.
pub struct SampleFiles {
    pub applications: String,
    pub deliveries: String,
    pub commitments: String,
}

pub fn generate(reference: &Reference, opts: &SampleOptions) -> SampleFiles {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let start = NaiveDate::from_ymd_opt(opts.until.year() - opts.years as i32 + 1, 1, 1)
        .expect("valid start");
    let wait = LogNormal::new(75f64.ln(), 0.6).expect("valid lognormal");
    let forms: Vec<(String, f64)> = {
        let weights = [0.2, 0.2, 0.1, 0.5];
        if reference.housing_forms.is_empty() {
            vec![("Lichte ondersteuning".into(), 1.0)]
        } else {
            reference
                .housing_forms
                .iter()
                .enumerate()
                .map(|(i, f)| (f.clone(), *weights.get(i).unwrap_or(&0.2)))
                .collect()
        }
    };
    let origins: Vec<(String, f64)> = reference
        .origins
        .iter()
        .enumerate()
        .map(|(i, o)| {
            (
                o.clone(),
                if i == 0 {
                    0.55
                } else {
                    0.45 / (reference.origins.len() - 1).max(1) as f64
                },
            )
        })
        .collect();
    let mut apps = String::from(
        "application_id;received_on;municipality_code;origin;housing_form;corporation;housed_on;withdrawn_on\n",
    );
    let mut dels = String::from(
        "dwelling_id;corporation;municipality_code;delivered_on;housing_form;application_id\n",
    );
    let mut app_seq = 0u32;
    let mut del_seq = 0u32;
    let mut last_year_counts: Vec<(String, String, u32)> = Vec::new();
    let centre_pop = reference
        .municipalities
        .first()
        .map(|(c, _)| population(c.as_str()))
        .unwrap_or(370.0);
    // Homes per year: 240 for the centre; smaller places relatively fewer.
    let homes = |mi: usize, code: &str| {
        if mi == 0 {
            240.0
        } else {
            240.0 * population(code) / centre_pop * 0.7
        }
    };
    let natural: f64 = reference
        .municipalities
        .iter()
        .enumerate()
        .map(|(mi, (c, _))| homes(mi, c.as_str()) * 1.15)
        .sum();
    let factor = opts
        .applications_per_year
        .map(|t| t / natural.max(1.0))
        .unwrap_or(1.0);
    for (mi, (code, _)) in reference.municipalities.iter().enumerate() {
        let code_s = code.as_str();
        let homes_per_year = homes(mi, code_s) * factor;
        let apps_per_month = homes_per_year * 1.15 / 12.0;
        let corps = corporations_for(code_s, reference, mi);
        let mut day = start;
        while day <= opts.until {
            let month_start = day;
            let next = NaiveDate::from_ymd_opt(
                if day.month() == 12 {
                    day.year() + 1
                } else {
                    day.year()
                },
                day.month() % 12 + 1,
                1,
            )
            .expect("valid");
            let days_in_month = (next - month_start).num_days();
            // Slow growth over the years and a summer dip.
            let centre = (opts.years as f64 - 1.0) / 2.0;
            let trend = 1.0 + 0.03 * ((day.year() - start.year()) as f64 - centre);
            let season = if matches!(day.month(), 7 | 8) {
                0.8
            } else {
                1.05
            };
            let lambda = (apps_per_month * trend * season).max(0.05);
            let n = Poisson::new(lambda).expect("positive").sample(&mut rng) as u32;
            for _ in 0..n {
                let received = month_start + Duration::days(rng.random_range(0..days_in_month));
                if received > opts.until {
                    continue;
                }
                app_seq += 1;
                let id = format!("A{:07}", app_seq);
                let origin = pick(&mut rng, &origins).to_string();
                let form = pick(&mut rng, &forms).to_string();
                let r: f64 = rng.random();
                let (mut housed, mut withdrawn, mut corp) = (None, None, None);
                if r < 0.84 {
                    let w = wait.sample(&mut rng).clamp(3.0, 900.0) as i64;
                    let h = received + Duration::days(w);
                    if h <= opts.until {
                        housed = Some(h);
                        corp = Some(pick(&mut rng, &corps).to_string());
                    }
                } else if r < 0.93 {
                    let w = rng.random_range(20..260);
                    let d = received + Duration::days(w);
                    if d <= opts.until {
                        withdrawn = Some(d);
                    }
                }
                let form_cell = if rng.random::<f64>() < 0.03 {
                    String::new()
                } else {
                    form.clone()
                };
                let _ = writeln!(
                    apps,
                    "{id};{};{code_s};{origin};{form_cell};{};{};{}",
                    nl(received),
                    corp.clone().unwrap_or_default(),
                    housed.map(nl).unwrap_or_default(),
                    withdrawn.map(nl).unwrap_or_default(),
                );
                if let (Some(h), Some(c)) = (housed, corp) {
                    del_seq += 1;
                    let delivered = (h - Duration::days(rng.random_range(0..21))).max(received);
                    let _ = writeln!(
                        dels,
                        "W{:07};{c};{code_s};{};{form};{id}",
                        del_seq,
                        nl(delivered)
                    );
                    if delivered.year() == opts.until.year() - 1 {
                        match last_year_counts
                            .iter_mut()
                            .find(|(m, cc, _)| m == code_s && *cc == c)
                        {
                            Some(e) => e.2 += 1,
                            None => last_year_counts.push((code_s.to_string(), c, 1)),
                        }
                    }
                }
            }
            day = next;
        }
    }
    // A few homes made available without a linked application (e.g. a direct placement).
    let extra = (del_seq / 25).max(1);
    for _ in 0..extra {
        let (code, _) =
            &reference.municipalities[rng.random_range(0..reference.municipalities.len())];
        let mi = reference
            .municipalities
            .iter()
            .position(|(c, _)| c == code)
            .unwrap_or(0);
        let corps = corporations_for(code.as_str(), reference, mi);
        let days = (opts.until - start).num_days().max(1);
        let d = start + Duration::days(rng.random_range(0..days));
        del_seq += 1;
        let _ = writeln!(
            dels,
            "W{:07};{};{};{};{};",
            del_seq,
            pick(&mut rng, &corps),
            code,
            nl(d),
            pick(&mut rng, &forms)
        );
    }
    if !opts.clean {
        let (c0, _) = &reference.municipalities[0];
        let future = opts.until + Duration::days(40);
        let y = opts.until.year();
        let _ = writeln!(apps, "A9000001;{};{c0};MO;Housing First;;;", nl(future));
        let _ = writeln!(
            apps,
            "A9000002;15-03-{y};{c0};BW;Gemengd wonen;Mitros;01-03-{y};"
        );
        let _ = writeln!(apps, "A0000001;02-01-{y};{c0};MO;Housing First;;;");
        let _ = writeln!(apps, "A9000003;31-02-{y};{c0};MO;;;;");
        let _ = writeln!(apps, "A9000004;10-02-{y};GM0307;MO;;;;");
        apps.push('\n');
        let _ = writeln!(apps, "A9000005;11-02-{y};{c0};;Pitstop;;;");
        let _ = writeln!(dels, "W9000001;Mitros;GM0344;{};Housing First;", nl(future));
        let _ = writeln!(dels, "W9000002;Woonin;{c0};05-01-{y};Housing First;");
    }
    // Declared bounds for this year by the centre municipality's corporations.
    let mut commitments = String::from("year;corporation;municipality_code;lower;upper\n");
    if let Some((c0, _)) = reference.municipalities.first() {
        let mut mine: Vec<_> = last_year_counts
            .iter()
            .filter(|(m, _, _)| m == c0.as_str())
            .collect();
        mine.sort_by(|a, b| a.1.cmp(&b.1));
        for (m, c, n) in mine.into_iter().take(2) {
            let lower = (*n as f64 * 0.9).round() as u32;
            let upper = (*n as f64 * 1.25).round() as u32;
            let _ = writeln!(commitments, "{};{c};{m};{lower};{upper}", opts.until.year());
        }
    }
    SampleFiles {
        applications: apps,
        deliveries: dels,
        commitments,
    }
}

/// A synthetic reference for a country-sized run: `municipalities` municipalities (codes GM0001…,
/// the first is the centre) and `corporations` corporations.
pub fn synthetic_reference(municipalities: usize, corporations: usize) -> Reference {
    use crate::config::CorporationSetting;
    use crate::domain::MunicipalityCode;
    Reference::new(
        (0..municipalities)
            .map(|i| {
                let code = MunicipalityCode::parse(&format!("GM{:04}", i + 1)).expect("valid code");
                (
                    code,
                    if i == 0 {
                        "Centrumstad".to_string()
                    } else {
                        format!("Gemeente {:03}", i + 1)
                    },
                )
            })
            .collect(),
        (0..corporations)
            .map(|i| CorporationSetting {
                code: format!("C{:03}", i + 1),
                name: format!("Woningcorporatie {:03}", i + 1),
                aliases: vec![],
            })
            .collect(),
        vec!["MO".into(), "BW".into()],
        vec![
            "Housing First".into(),
            "Gemengd wonen".into(),
            "Pitstop".into(),
            "Lichte ondersteuning".into(),
        ],
    )
}

/// A complete configuration (TOML) for `reference` with sources in `dir`.
pub fn config_toml(reference: &Reference, dir: &Path) -> String {
    let mut t = String::from(
        "# Generated by `woonmonitor sample-data` for a synthetic, country-sized dataset.\n\
         [organisation]\nname = \"Synthetische gegevens\"\n\n[region]\ncode = \"NL\"\nname = \"Nederland (synthetisch)\"\n\n",
    );
    for (c, n) in &reference.municipalities {
        let _ = writeln!(t, "[[municipalities]]\ncode = \"{c}\"\nname = \"{n}\"");
    }
    for c in &reference.corporations {
        let _ = writeln!(
            t,
            "[[corporations]]\ncode = \"{}\"\nname = \"{}\"",
            c.code, c.name
        );
    }
    let forms: Vec<String> = reference
        .housing_forms
        .iter()
        .map(|f| format!("{f:?}"))
        .collect();
    let _ = write!(
        t,
        "\n[reference]\norigins = [\"MO\", \"BW\"]\nhousing_forms = [{}]\n\n[output]\ndir = \"out\"\n\n[privacy]\nthreshold = 5\n\n\
         [sources.applications]\npath = {:?}\n[sources.deliveries]\npath = {:?}\n[sources.commitments]\npath = {:?}\n",
        forms.join(", "),
        dir.join("applications.csv"),
        dir.join("deliveries.csv"),
        dir.join("commitments.csv"),
    );
    t
}

/// Generates and writes `applications.csv`, `deliveries.csv` and `commitments.csv` into `dir`,
/// and for the U16 region also the deliveries as one feed per corporation in `dir/feeds/`.
pub fn write(
    dir: &Path,
    reference: &Reference,
    opts: &SampleOptions,
) -> Result<Vec<PathBuf>, WriteError> {
    let files = generate(reference, opts);
    let mut paths = Vec::new();
    if super::feeds::fits(reference) {
        paths.extend(super::feeds::write(
            &dir.join("feeds"),
            &files.deliveries,
            reference,
        )?);
    }
    let out = vec![
        (dir.join("applications.csv"), files.applications),
        (dir.join("deliveries.csv"), files.deliveries),
        (dir.join("commitments.csv"), files.commitments),
    ];
    for (p, s) in out {
        write_atomic(&p, s.as_bytes())?;
        paths.push(p);
    }
    Ok(paths)
}

//! One feed, opened: its file read, its header mapped to the canonical columns (the other columns
//! left out), ready to validate (refusing a file with personal data in a kept column); and what
//! the feed's report says.

use super::error::SourceError;
use super::plan::PlannedFeed;
use super::records::{Rejection, SourceReport};
use super::validate::{self, Merged};
use super::{mapping, table};
use crate::config::{CoversUntil, Reference};
use crate::schema::SourceKind;

/// A feed file with its columns mapped, ready to validate.
pub(super) struct Opened {
    pub feed: PlannedFeed,
    pub body: table::Body,
    pub map: mapping::ColumnMap,
}

/// Counts and rejections of one validated feed.
pub(super) struct Validation {
    pub read: usize,
    pub blank: usize,
    pub rejections: Vec<Rejection>,
}

/// Opens every feed of a kind, in configuration order.
pub(super) fn open_all(feeds: &[&PlannedFeed]) -> Result<Vec<Opened>, SourceError> {
    feeds.iter().map(|f| Opened::open(f)).collect()
}

impl Opened {
    fn open(feed: &PlannedFeed) -> Result<Self, SourceError> {
        let name = feed.name.as_str();
        let path = &feed.path;
        if !path.exists() {
            return Err(SourceError::NotFound {
                source_name: name.to_string(),
                file: path.to_path_buf(),
            });
        }
        let started = std::time::Instant::now();
        let body = if feed.projected {
            table::Body::open_projection(path)?
        } else {
            table::Body::open(
                path,
                feed.setting.sheet.as_deref(),
                feed.setting.max_bytes(),
            )?
        };
        tracing::debug!(
            feed = name,
            ms = started.elapsed().as_secs_f64() * 1e3,
            "read and decoded"
        );
        let map = mapping::ColumnMap::resolve(
            body.headers(),
            &feed.setting,
            &mapping::feed_columns(feed),
        );
        if let Some(mangled) = map.mangled_error(path) {
            return Err(mangled);
        }
        if let Some(missing) = map.missing_error(name, path, body.headers()) {
            return Err(missing);
        }
        Ok(Self {
            feed: feed.clone(),
            body,
            map,
        })
    }

    /// The position in the reference data of the corporation this feed belongs to.
    pub fn corporation(&self, reference: &Reference) -> Result<Option<usize>, SourceError> {
        match &self.feed.setting.corporation {
            None => Ok(None),
            Some(c) => reference.corporation_position(c).map(Some).ok_or_else(|| {
                SourceError::UnknownFeedCorporation {
                    feed: self.feed.name.clone(),
                    corporation: c.clone(),
                }
            }),
        }
    }

    /// Refuses the file when a kept column holds personal data (counts only, never values).
    fn check_personal<'c>(
        &self,
        chunks: impl Iterator<Item = &'c [mapping::PersonalCount]>,
    ) -> Result<(), SourceError> {
        let mut total = vec![mapping::PersonalCount::default(); self.map.kept.len()];
        for counts in chunks {
            for (t, c) in total.iter_mut().zip(counts) {
                t.add(*c);
            }
        }
        for (count, &i) in total.iter().zip(&self.map.kept) {
            if let Some(why) = count.verdict() {
                return Err(SourceError::PersonalData {
                    source_name: self.feed.name.clone(),
                    file: self.feed.path.clone(),
                    column_number: i + 1,
                    header: self.body.headers()[i].clone(),
                    why,
                });
            }
        }
        Ok(())
    }

    /// Validates every row; duplicates within the feed are judged.
    pub fn validate<'a, K: validate::Kind<'a>>(
        &'a self,
        kind: &K,
    ) -> Result<(Merged<K::Cols>, Validation), SourceError> {
        let started = std::time::Instant::now();
        let chunks = self.body.validate(kind, &self.map);
        let validated = started.elapsed();
        self.check_personal(chunks.iter().map(|c| c.personal.as_slice()))?;
        let read = chunks.iter().map(|c| c.read).sum();
        let blank = chunks.iter().map(|c| c.blank).sum::<usize>() + self.body.skipped_blank_rows();
        let mut merged = validate::merge(kind, chunks, |h| self.map.keep(&self.body.cells_of(h)));
        tracing::debug!(
            feed = self.feed.name,
            validate_ms = validated.as_secs_f64() * 1e3,
            merge_ms = (started.elapsed() - validated).as_secs_f64() * 1e3,
            "validated"
        );
        let rejections = std::mem::take(&mut merged.rejections);
        Ok((
            merged,
            Validation {
                read,
                blank,
                rejections,
            },
        ))
    }

    /// The feed's report. `latest`: the latest date in its accepted rows (where its data ends
    /// with `covers_until = "latest"`).
    pub fn report(
        &self,
        v: Validation,
        accepted: usize,
        mut warnings: Vec<String>,
        latest: Option<chrono::NaiveDate>,
    ) -> SourceReport {
        if let Some(note) = self.body.encoding_note() {
            warnings.insert(0, note.to_string());
        }
        for ignored in &self.map.ignored {
            warnings.push(mapping::left_out(ignored));
        }
        // A snapshot's projection says what was left out of the delivered file.
        warnings.splice(0..0, self.feed.notes.iter().cloned());
        let covers_until = match (
            self.feed.kind,
            self.feed.setting.covers_until.unwrap_or_default(),
        ) {
            (SourceKind::Commitments, _) => None,
            (_, CoversUntil::Date(d)) => Some(d),
            (_, CoversUntil::Export) => self.feed.export_date,
            (_, CoversUntil::Latest) => latest,
        };
        let report = SourceReport {
            name: self.feed.name.clone(),
            kind: self.feed.kind,
            corporation: self.feed.setting.corporation.clone(),
            covers_until,
            file: self.feed.path.clone(),
            read: v.read,
            accepted,
            rejected: v.rejections.len(),
            blank_lines: v.blank,
            warnings,
            headers: self.map.keep(self.body.headers()),
            rejections: v.rejections,
            too_many_rejected: false,
        };
        // Every row read is accepted or rejected: checked by the fuzz tests and the run summary,
        // not by a panic here (which made the tests' own check unable to fail).
        report
    }
}

//! The embedded fonts (DejaVu Sans regular and bold, `templates/fonts/`, licence beside them):
//! parsed once per process, for printpdf (embedding), for text measurement (ab_glyph advances)
//! and for plotters' layout; and their subsets, cut once per process for each set of
//! characters documents use (a national run's 643 documents need about a hundred), instead of
//! printpdf cutting one for every document.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Mutex, OnceLock};

use ab_glyph::{Font as _, FontRef};
use printpdf::ParsedFont;

pub const REGULAR_BYTES: &[u8] = include_bytes!("../../templates/fonts/DejaVuSans.ttf");
pub const BOLD_BYTES: &[u8] = include_bytes!("../../templates/fonts/DejaVuSans-Bold.ttf");

/// The font family name charts ask plotters for.
pub const CHART_FAMILY: &str = "sans-serif";

pub struct Fonts {
    pub regular: ParsedFont,
    pub bold: ParsedFont,
    regular_metrics: FontRef<'static>,
    bold_metrics: FontRef<'static>,
    /// The advances of the ASCII characters in font units, regular and bold (looked up once:
    /// measuring text is a good part of laying out a document).
    ascii_units: [[f32; 128]; 2],
}

/// The fonts, parsed on first use.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let parse = |bytes: &[u8]| {
            let mut warnings = Vec::new();
            ParsedFont::from_bytes(bytes, 0, &mut warnings).expect("embedded font parses")
        };
        for (style, bytes) in [
            (plotters::style::FontStyle::Normal, REGULAR_BYTES),
            (plotters::style::FontStyle::Bold, BOLD_BYTES),
        ] {
            plotters::style::register_font(CHART_FAMILY, style, bytes)
                .unwrap_or_else(|_| panic!("embedded font registers with plotters"));
        }
        let regular_metrics = FontRef::try_from_slice(REGULAR_BYTES).expect("embedded font");
        let bold_metrics = FontRef::try_from_slice(BOLD_BYTES).expect("embedded font");
        let ascii = |f: &FontRef<'static>| {
            std::array::from_fn(|c| f.h_advance_unscaled(f.glyph_id(char::from(c as u8))))
        };
        Fonts {
            regular: parse(REGULAR_BYTES),
            bold: parse(BOLD_BYTES),
            ascii_units: [ascii(&regular_metrics), ascii(&bold_metrics)],
            regular_metrics,
            bold_metrics,
        }
    })
}

/// How many font subsets (and their deflated programs) a process keeps at most.
pub const CACHED_SUBSETS: usize = 1024;

/// The subsets made so far, by font (bold or not) and characters.
type SubsetCache = Mutex<HashMap<(bool, String), ParsedFont>>;
static SUBSETS: OnceLock<SubsetCache> = OnceLock::new();

/// Forgets the subsets made so far (`bench` starts each run as a new process would).
pub fn forget_subsets() {
    if let Some(c) = SUBSETS.get() {
        c.lock().expect("font cache lock").clear();
    }
}

impl Fonts {
    /// The font cut down to `chars` (characters it has no glyph for are left out: printpdf
    /// does the same), parsed. The same characters always give the same bytes, so a
    /// document's font does not depend on which documents were rendered before it.
    pub fn subset(&self, bold: bool, chars: &BTreeSet<char>) -> ParsedFont {
        let cache = SUBSETS.get_or_init(Default::default);
        let key = (bold, chars.iter().collect::<String>());
        if let Some(f) = cache.lock().expect("font cache lock").get(&key) {
            return f.clone();
        }
        let full = if bold { &self.bold } else { &self.regular };
        let glyphs: BTreeMap<u16, String> = chars
            .iter()
            .filter_map(|&c| {
                full.lookup_glyph_index(c as u32)
                    .map(|gid| (gid, c.to_string()))
            })
            .collect();
        // Cut outside the lock: two threads may both cut the same set, with the same result.
        let subset = printpdf::subset_font(full, &glyphs)
            .ok()
            .and_then(|s| {
                let mut warnings = Vec::new();
                ParsedFont::from_bytes(&s.bytes, 0, &mut warnings)
            })
            .unwrap_or_else(|| full.clone());
        let mut cache = cache.lock().expect("font cache lock");
        // A daemon renders for months: the cache starts over rather than grow without end.
        if cache.len() >= CACHED_SUBSETS {
            cache.clear();
        }
        cache.entry(key).or_insert(subset).clone()
    }

    /// Width of `text` at `size` (any unit: the result is in the same unit).
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.units(text, bold) / self.units_per_em(bold) * size
    }

    /// The advance of `text` in font units: a sum of whole numbers, so exact in `f32` for any
    /// text a document holds, whatever the order of adding.
    fn units(&self, text: &str, bold: bool) -> f32 {
        let f = self.metrics(bold);
        let ascii = &self.ascii_units[usize::from(bold)];
        text.chars()
            .map(|c| match ascii.get(c as usize) {
                Some(&u) => u,
                None => f.h_advance_unscaled(f.glyph_id(c)),
            })
            .sum()
    }

    fn metrics(&self, bold: bool) -> &FontRef<'static> {
        if bold {
            &self.bold_metrics
        } else {
            &self.regular_metrics
        }
    }

    fn units_per_em(&self, bold: bool) -> f32 {
        self.metrics(bold).units_per_em().unwrap_or(2048.0)
    }

    /// The regular font's height (ascent − descent) in ems.
    pub fn height_per_em(&self) -> f32 {
        let f = &self.regular_metrics;
        f.height_unscaled() / f.units_per_em().unwrap_or(2048.0)
    }

    /// Splits `text` into lines no wider than `max_width` (same unit as `size`).
    pub fn wrap(&self, text: &str, size: f32, bold: bool, max_width: f32) -> Vec<String> {
        // Each word is measured once; a line's width is the sum of its words' and spaces'
        // (the same as measuring the line: advances are whole font units).
        let upem = self.units_per_em(bold);
        let space = self.units(" ", bold);
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut line_units = 0.0f32;
        for word in text.split_whitespace() {
            let word_units = self.units(word, bold);
            if line.is_empty() {
                line.push_str(word);
                line_units = word_units;
            } else if (line_units + space + word_units) / upem * size <= max_width {
                line.push(' ');
                line.push_str(word);
                line_units += space + word_units;
            } else {
                lines.push(std::mem::take(&mut line));
                line.push_str(word);
                line_units = word_units;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subset_has_just_the_characters_asked_for_and_is_made_once() {
        let f = fonts();
        let chars: BTreeSet<char> = "Súdwest-Fryslân € 12,5% − ≤".chars().collect();
        let a = f.subset(false, &chars);
        let b = f.subset(false, &chars);
        let bytes = |p: &ParsedFont| p.source_bytes().map(|b| b.as_slice().to_vec()).unwrap();
        assert_eq!(
            bytes(&a),
            bytes(&b),
            "the same characters, the same program"
        );
        for c in chars {
            assert!(a.lookup_glyph_index(c as u32).is_some(), "{c}");
        }
        assert!(a.lookup_glyph_index('Q' as u32).is_none());
        assert!(
            bytes(&a).len() * 10 < REGULAR_BYTES.len(),
            "{}",
            bytes(&a).len()
        );
        let bold = f.subset(true, &"Totaal".chars().collect());
        assert_ne!(bytes(&bold), bytes(&a));
    }

    #[test]
    fn wrapping_measures_words_once_and_breaks_where_measuring_lines_would() {
        // The old way: measure each candidate line whole.
        let f = fonts();
        let by_lines = |text: &str, size: f32, bold: bool, max: f32| {
            let mut lines = Vec::new();
            let mut line = String::new();
            for word in text.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if f.width(&candidate, size, bold) <= max || line.is_empty() {
                    line = candidate;
                } else {
                    lines.push(std::mem::take(&mut line));
                    line = word.to_string();
                }
            }
            if !line.is_empty() {
                lines.push(line);
            }
            lines
        };
        let text = "De ondergrens is het aantal woningen dat in het vorige jaar beschikbaar is \
                    gesteld; de bovengrens het aantal aanvragen. Súdwest-Fryslân − 12,5% … \
                    eenheelerglangwoordzonderspatiesdatnietpast kort";
        // The ASCII table gives what looking each glyph up gives.
        for (bold, m) in [(false, &f.regular_metrics), (true, &f.bold_metrics)] {
            let direct: f32 = text
                .chars()
                .map(|c| m.h_advance_unscaled(m.glyph_id(c)))
                .sum::<f32>()
                / m.units_per_em().unwrap()
                * 9.0;
            assert_eq!(f.width(text, 9.0, bold), direct);
        }
        for bold in [false, true] {
            for max in [20.0, 35.5, 60.0, 80.25, 120.0, 170.0] {
                assert_eq!(
                    f.wrap(text, 9.0, bold, max),
                    by_lines(text, 9.0, bold, max),
                    "{max} {bold}"
                );
            }
        }
    }

    #[test]
    fn measures_and_wraps() {
        let f = fonts();
        let w = f.width("Woningen", 10.0, false);
        assert!(w > 30.0 && w < 60.0, "{w}");
        assert!(f.width("Woningen", 10.0, true) > w);
        let lines = f.wrap(
            "een twee drie vier vijf zes zeven acht negen tien",
            10.0,
            false,
            60.0,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| f.width(l, 10.0, false) <= 60.0));
    }
}

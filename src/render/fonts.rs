//! The embedded fonts (DejaVu Sans regular and bold, `templates/fonts/`, licence beside them):
//! parsed once per process, for printpdf (embedding, subset on save), for text measurement
//! (ab_glyph advances) and for plotters' layout.

use std::sync::OnceLock;

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
        Fonts {
            regular: parse(REGULAR_BYTES),
            bold: parse(BOLD_BYTES),
            regular_metrics: FontRef::try_from_slice(REGULAR_BYTES).expect("embedded font"),
            bold_metrics: FontRef::try_from_slice(BOLD_BYTES).expect("embedded font"),
        }
    })
}

impl Fonts {
    /// Width of `text` at `size` (any unit: the result is in the same unit).
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let f = if bold {
            &self.bold_metrics
        } else {
            &self.regular_metrics
        };
        let upem = f.units_per_em().unwrap_or(2048.0);
        let units: f32 = text
            .chars()
            .map(|c| f.h_advance_unscaled(f.glyph_id(c)))
            .sum();
        units / upem * size
    }

    /// The regular font's height (ascent − descent) in ems.
    pub fn height_per_em(&self) -> f32 {
        let f = &self.regular_metrics;
        f.height_unscaled() / f.units_per_em().unwrap_or(2048.0)
    }

    /// Splits `text` into lines no wider than `max_width` (same unit as `size`).
    pub fn wrap(&self, text: &str, size: f32, bold: bool, max_width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, size, bold) <= max_width || line.is_empty() {
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

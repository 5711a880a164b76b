//! Drawing primitives on an A4 page in millimetres from the top-left corner, written straight
//! into the page's content stream (PDF operators as bytes). Text uses the embedded fonts under
//! fixed resource names (`F1`, `F2`) so the PDF bytes do not depend on printpdf's
//! process-global id generator; its glyph ids are filled in by [`Canvas::encode`] once the
//! document's font subsets are cut.
//!
//! Why not printpdf's `Op`s: a document's ~7,000 operations went through printpdf's `Op`
//! values, lopdf's `Operation` objects and `fmt` (shortest-representation floats, a `write!`
//! per hex digit): a quarter of rendering. printpdf still builds the document around these
//! streams (`render::to_pdf`).

use std::collections::BTreeSet;
use std::io::Write as _;

use printpdf::{FontId, ParsedFont};

use super::fonts::Fonts;

pub const PAGE_H: f32 = 297.0;
const PT_PER_MM: f32 = 72.0 / 25.4;

pub fn regular_id() -> FontId {
    FontId("F1".into())
}
pub fn bold_id() -> FontId {
    FontId("F2".into())
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb8(pub u8, pub u8, pub u8);

/// Okabe–Ito colours (safe for colour-blind readers), plus greys.
pub mod palette {
    use super::Rgb8;
    pub const TEXT: Rgb8 = Rgb8(33, 33, 33);
    pub const MUTED: Rgb8 = Rgb8(90, 90, 90);
    pub const RULE: Rgb8 = Rgb8(190, 190, 190);
    pub const LIGHT: Rgb8 = Rgb8(240, 240, 240);
    pub const ORANGE: Rgb8 = Rgb8(230, 159, 0);
    pub const GREEN: Rgb8 = Rgb8(0, 158, 115);
    pub const BLUE: Rgb8 = Rgb8(0, 114, 178);
    pub const VERMILLION: Rgb8 = Rgb8(213, 94, 0);
    pub const PURPLE: Rgb8 = Rgb8(204, 121, 167);
    pub const BAND: Rgb8 = Rgb8(200, 225, 242);
    /// The forecast's 80% band (a light orange, distinct from the bounds' blue band).
    pub const FAN: Rgb8 = Rgb8(253, 222, 178);
}

/// Size (points), weight and colour of a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub size: f32,
    pub bold: bool,
    pub color: Rgb8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A length in points (PDF user space units).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Pt(pub f32);

pub fn pt(mm: f32) -> Pt {
    Pt(mm * PT_PER_MM)
}

/// What a canvas drew: content-stream bytes and the texts still to be encoded as glyph ids.
#[derive(Debug, Default)]
pub struct Drawn {
    content: Vec<u8>,
    /// (byte position in `content` where the text's string goes, bold, the text).
    texts: Vec<(usize, bool, String)>,
}

/// The content of one page.
///
/// Tagged PDF: content drawn between [`Canvas::begin_mc`] and [`Canvas::end_mc`] belongs to a
/// structure element (`/P <</MCID n>> BDC … EMC`); everything else (rules, stripes, footers) is
/// wrapped as `/Artifact BMC … EMC` by the primitives themselves, so nothing is left unmarked.
pub struct Canvas<'f> {
    drawn: Drawn,
    pub fonts: &'f Fonts,
    /// Inside a tagged marked-content sequence.
    open: bool,
    /// The next marked-content id on this page.
    next_mcid: i64,
    /// The graphics state set so far on this page.
    pen: Pen,
}

/// The graphics and text state last set (`None`: not known), so an unchanged colour, line
/// width, dash or font is not set again: a page sets them once per change instead of once per
/// line or text (about a fifth of a document's operations).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Pen {
    stroke: Option<Rgb8>,
    /// Line width in points, as bits (exact comparison).
    width: Option<u32>,
    dash: Option<Option<(i64, i64)>>,
    fill: Option<Rgb8>,
    /// Bold or not, and the size in points as bits.
    font: Option<(bool, u32)>,
}

/// Writes `v` with at most `decimals` (≤ 4) decimals and no trailing zeros (`12.5`, `-3`, `0`):
/// a thousandth of a point is far below what a printer or screen shows.
/// (Digits by hand: `write!` was a quarter of the canvas's time.)
fn num(out: &mut Vec<u8>, v: f32, decimals: u32) {
    let scale = 10u64.pow(decimals);
    let scaled = (f64::from(v) * scale as f64).round() as i64;
    if scaled < 0 {
        out.push(b'-');
    }
    let a = scaled.unsigned_abs();
    let (whole, mut frac) = (a / scale, a % scale);
    digits(out, whole, 1);
    if frac != 0 {
        let mut width = decimals;
        while frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
        out.push(b'.');
        digits(out, frac, width);
    }
}

/// `n` in decimal, with leading zeros to at least `width` digits.
fn digits(out: &mut Vec<u8>, mut n: u64, width: u32) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    while n > 0 || buf.len() - i < width as usize {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.extend_from_slice(&buf[i..]);
}

/// A font's glyph ids as four upper-case hex digits, looked up once per character.
struct GlyphHex<'a> {
    font: &'a ParsedFont,
    ascii: [Option<[u8; 4]>; 128],
    other: std::collections::HashMap<char, [u8; 4]>,
}

impl<'a> GlyphHex<'a> {
    fn new(font: &'a ParsedFont) -> Self {
        Self {
            font,
            ascii: [None; 128],
            other: Default::default(),
        }
    }

    fn hex(&mut self, c: char) -> [u8; 4] {
        let font = self.font;
        let of = move |c: char| {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            let gid = font.lookup_glyph_index(c as u32).unwrap_or(0);
            [12, 8, 4, 0].map(|shift| HEX[usize::from((gid >> shift) & 0xF)])
        };
        match self.ascii.get_mut(c as usize) {
            Some(slot) => *slot.get_or_insert_with(|| of(c)),
            None => *self.other.entry(c).or_insert_with(|| of(c)),
        }
    }
}

impl Drawn {
    fn op(&mut self, operands: &[f32], operator: &str) {
        for &v in operands {
            num(&mut self.content, v, 3);
            self.content.push(b' ');
        }
        self.content.extend_from_slice(operator.as_bytes());
        self.content.push(b'\n');
    }

    fn color(&mut self, c: Rgb8, operator: &str) {
        for v in [c.0, c.1, c.2] {
            num(&mut self.content, f32::from(v) / 255.0, 4);
            self.content.push(b' ');
        }
        self.content.extend_from_slice(operator.as_bytes());
        self.content.push(b'\n');
    }

    fn path(&mut self, pts: &[(f32, f32)]) {
        for (i, &(x, y)) in pts.iter().enumerate() {
            self.op(&[x, y], if i == 0 { "m" } else { "l" });
        }
    }
}

impl<'f> Canvas<'f> {
    pub fn new(fonts: &'f Fonts) -> Self {
        Self {
            drawn: Drawn::default(),
            fonts,
            open: false,
            next_mcid: 0,
            pen: Pen::default(),
        }
    }

    /// Takes what was drawn, leaving the canvas empty.
    pub fn take(&mut self) -> Drawn {
        std::mem::take(&mut self.drawn)
    }

    /// Appends what was drawn on a [`Canvas::nested`] canvas; what it set is not known here, so
    /// the state is set again before the next drawing.
    pub fn splice(&mut self, other: Drawn) {
        let at = self.drawn.content.len();
        self.drawn.content.extend_from_slice(&other.content);
        self.drawn.texts.extend(
            other
                .texts
                .into_iter()
                .map(|(pos, bold, text)| (pos + at, bold, text)),
        );
        self.pen = Pen::default();
    }

    /// A scratch canvas for drawing that is spliced into this one (charts): it inherits
    /// whether it is inside tagged content.
    pub fn nested(&self) -> Canvas<'f> {
        Canvas {
            drawn: Drawn::default(),
            fonts: self.fonts,
            open: self.open,
            next_mcid: 0,
            pen: Pen::default(),
        }
    }

    /// The characters shown in the regular and in the bold font.
    pub fn chars(&self) -> (BTreeSet<char>, BTreeSet<char>) {
        // ASCII in a table first: a set insert per character was slow.
        let mut ascii = [[false; 128]; 2];
        let (mut regular, mut bold) = (BTreeSet::new(), BTreeSet::new());
        for (_, is_bold, text) in &self.drawn.texts {
            for c in text.chars() {
                match ascii[usize::from(*is_bold)].get_mut(c as usize) {
                    Some(seen) => *seen = true,
                    None => {
                        if *is_bold { &mut bold } else { &mut regular }.insert(c);
                    }
                }
            }
        }
        for (set, seen) in [(&mut regular, &ascii[0]), (&mut bold, &ascii[1])] {
            set.extend((0u8..128).filter(|&b| seen[usize::from(b)]).map(char::from));
        }
        (regular, bold)
    }

    /// The page's content stream, each text written as the glyph ids of the embedded fonts
    /// (`<…>` of two bytes per character, as printpdf writes text in a Type 0 font).
    pub fn encode(self, regular: &ParsedFont, bold: &ParsedFont) -> Vec<u8> {
        let Drawn { content, texts } = self.drawn;
        let chars: usize = texts.iter().map(|(_, _, t)| t.len()).sum();
        let mut out = Vec::with_capacity(content.len() + chars * 4 + texts.len() * 2);
        let mut fonts = [GlyphHex::new(regular), GlyphHex::new(bold)];
        let mut from = 0;
        for (pos, is_bold, text) in texts {
            out.extend_from_slice(&content[from..pos]);
            from = pos;
            let font = &mut fonts[usize::from(is_bold)];
            out.push(b'<');
            for c in text.chars() {
                out.extend_from_slice(&font.hex(c));
            }
            out.push(b'>');
        }
        out.extend_from_slice(&content[from..]);
        out
    }

    /// Starts tagged content with the structure role `tag`; returns its page-local MCID.
    pub fn begin_mc(&mut self, tag: &str) -> i64 {
        let mcid = self.next_mcid;
        self.next_mcid += 1;
        let _ = writeln!(self.drawn.content, "/{tag} <</MCID {mcid}>> BDC");
        self.open = true;
        mcid
    }

    pub fn end_mc(&mut self) {
        self.drawn.op(&[], "EMC");
        self.open = false;
    }

    /// Runs `draw` as an artifact unless inside tagged content.
    fn artifact(&mut self, draw: impl FnOnce(&mut Self)) {
        if self.open {
            draw(self);
            return;
        }
        self.drawn.op(&[], "/Artifact BMC");
        self.open = true;
        draw(self);
        self.open = false;
        self.drawn.op(&[], "EMC");
    }

    /// Text with its baseline at `y` (mm from the top).
    pub fn text(&mut self, x: f32, y: f32, font: TextStyle, s: &str, align: Align) {
        if s.is_empty() {
            return;
        }
        let w = self.fonts.width(s, font.size, font.bold) / PT_PER_MM;
        let x = match align {
            Align::Left => x,
            Align::Right => x - w,
        };
        self.text_at_pt(pt(x).0, pt(PAGE_H - y).0, font, s, false);
    }

    /// Text at a position in points from the bottom-left; `rotate_ccw` turns it 90° left.
    pub fn text_at_pt(&mut self, x: f32, y: f32, font: TextStyle, s: &str, rotate_ccw: bool) {
        self.artifact(|c| c.text_ops(x, y, font, s, rotate_ccw));
    }

    fn text_ops(&mut self, x: f32, y: f32, font: TextStyle, s: &str, rotate_ccw: bool) {
        self.drawn.op(&[], "BT");
        self.set_fill(font.color);
        // The font is part of the text state, which stays from one text object to the next.
        let key = (font.bold, font.size.to_bits());
        if self.pen.font != Some(key) {
            let name = if font.bold { bold_id() } else { regular_id() };
            self.drawn.content.push(b'/');
            self.drawn.content.extend_from_slice(name.0.as_bytes());
            self.drawn.content.push(b' ');
            self.drawn.op(&[font.size], "Tf");
            self.pen.font = Some(key);
        }
        let matrix = if rotate_ccw {
            [0.0, 1.0, -1.0, 0.0, x, y]
        } else {
            [1.0, 0.0, 0.0, 1.0, x, y]
        };
        self.drawn.op(&matrix, "Tm");
        self.drawn
            .texts
            .push((self.drawn.content.len(), font.bold, s.to_string()));
        self.drawn.content.push(b' ');
        self.drawn.op(&[], "Tj");
        self.drawn.op(&[], "ET");
    }

    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb8) {
        self.polygon_pt(
            &[
                (pt(x).0, pt(PAGE_H - y).0),
                (pt(x + w).0, pt(PAGE_H - y).0),
                (pt(x + w).0, pt(PAGE_H - y - h).0),
                (pt(x).0, pt(PAGE_H - y - h).0),
            ],
            color,
        );
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width_pt: f32, color: Rgb8) {
        let a = (pt(x1).0, pt(PAGE_H - y1).0);
        let b = (pt(x2).0, pt(PAGE_H - y2).0);
        self.polyline_pt(&[a, b], width_pt, color, None);
    }

    /// A filled polygon, points in PDF points from the bottom-left.
    pub fn polygon_pt(&mut self, pts: &[(f32, f32)], color: Rgb8) {
        if pts.len() < 3 {
            return;
        }
        self.artifact(|c| {
            c.set_fill(color);
            c.drawn.path(pts);
            c.drawn.op(&[], "h");
            c.drawn.op(&[], "f");
        });
    }

    fn set_fill(&mut self, color: Rgb8) {
        if self.pen.fill != Some(color) {
            self.drawn.color(color, "rg");
            self.pen.fill = Some(color);
        }
    }

    /// A stroked line through points in PDF points; `dash` = (on, off) in points.
    pub fn polyline_pt(
        &mut self,
        pts: &[(f32, f32)],
        width_pt: f32,
        color: Rgb8,
        dash: Option<(i64, i64)>,
    ) {
        if pts.len() < 2 {
            return;
        }
        self.artifact(|c| c.polyline_ops(pts, width_pt, color, dash));
    }

    fn polyline_ops(
        &mut self,
        pts: &[(f32, f32)],
        width_pt: f32,
        color: Rgb8,
        dash: Option<(i64, i64)>,
    ) {
        if self.pen.stroke != Some(color) {
            self.drawn.color(color, "RG");
            self.pen.stroke = Some(color);
        }
        if self.pen.width != Some(width_pt.to_bits()) {
            self.drawn.op(&[width_pt], "w");
            self.pen.width = Some(width_pt.to_bits());
        }
        if self.pen.dash != Some(dash) {
            match dash {
                Some((on, off)) => {
                    let _ = writeln!(self.drawn.content, "[{on} {off}] 0 d");
                }
                None => self.drawn.op(&[], "[] 0 d"),
            }
            self.pen.dash = Some(dash);
        }
        self.drawn.path(pts);
        self.drawn.op(&[], "S");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many lines of the content end in `operator`.
    fn count(c: &Canvas, operator: &str) -> usize {
        String::from_utf8_lossy(&c.drawn.content)
            .lines()
            .filter(|l| l.ends_with(&format!(" {operator}")) || *l == operator)
            .count()
    }

    #[test]
    fn unchanged_state_is_set_once_and_again_after_a_splice() {
        let fonts = super::super::fonts::fonts();
        let mut c = Canvas::new(fonts);
        c.line(0.0, 0.0, 10.0, 0.0, 0.5, palette::RULE);
        c.line(0.0, 5.0, 10.0, 5.0, 0.5, palette::RULE);
        c.polyline_pt(&[(0.0, 0.0), (5.0, 5.0)], 0.5, palette::RULE, Some((2, 2)));
        let style = TextStyle {
            size: 9.0,
            bold: false,
            color: palette::TEXT,
        };
        c.text(0.0, 20.0, style, "een", Align::Left);
        c.text(0.0, 30.0, style, "twee", Align::Left);
        assert_eq!(count(&c, "RG"), 1);
        assert_eq!(count(&c, "w"), 1);
        assert_eq!(count(&c, "d"), 2, "solid, then dashed");
        assert_eq!(count(&c, "Tf"), 1);
        assert_eq!(count(&c, "rg"), 1);
        // What a nested canvas drew is not known to this one: all is set again.
        let nested = c.nested().take();
        c.splice(nested);
        c.line(0.0, 40.0, 10.0, 40.0, 0.5, palette::RULE);
        c.text(0.0, 50.0, style, "drie", Align::Left);
        assert_eq!(count(&c, "RG"), 2);
        assert_eq!(count(&c, "w"), 2);
        assert_eq!(count(&c, "Tf"), 2);
        assert_eq!(count(&c, "rg"), 2);
    }

    #[test]
    fn numbers_are_written_short_and_exact_to_a_thousandth() {
        let written = |v: f32, d: u32| {
            let mut out = Vec::new();
            num(&mut out, v, d);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(written(0.0, 3), "0");
        assert_eq!(written(-0.0001, 3), "0");
        assert_eq!(written(12.5, 3), "12.5");
        assert_eq!(written(-3.0, 3), "-3");
        assert_eq!(written(841.8898, 3), "841.89");
        assert_eq!(written(0.05, 3), "0.05");
        assert_eq!(written(-0.0625, 3), "-0.063");
        assert_eq!(written(33.0 / 255.0, 4), "0.1294");
        assert_eq!(written(1.0, 4), "1");
    }

    #[test]
    fn the_content_stream_is_what_printpdf_would_write_for_the_same_drawing() {
        // The operators and their order as printpdf 0.12 translates the same `Op`s: a text
        // object with colour, font, matrix and a hex string of two-byte glyph ids; tagged
        // content and artifacts; a stroked and a filled path.
        let fonts = super::super::fonts::fonts();
        let mut c = Canvas::new(fonts);
        let mcid = c.begin_mc("H1");
        c.text_at_pt(
            56.7,
            700.0,
            TextStyle {
                size: 12.0,
                bold: true,
                color: palette::TEXT,
            },
            "Aé",
            false,
        );
        c.end_mc();
        c.polyline_pt(
            &[(10.0, 20.0), (30.5, 40.25)],
            0.75,
            palette::BLUE,
            Some((3, 2)),
        );
        c.polygon_pt(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)], palette::BAND);
        assert_eq!(mcid, 0);
        let bold = fonts.subset(true, &c.chars().1);
        let regular = fonts.subset(false, &c.chars().0);
        let gid = |ch: char| bold.lookup_glyph_index(ch as u32).unwrap();
        let content = String::from_utf8(c.encode(&regular, &bold)).unwrap();
        let expected = format!(
            "/H1 <</MCID 0>> BDC\nBT\n0.1294 0.1294 0.1294 rg\n/F2 12 Tf\n1 0 0 1 56.7 700 Tm\n\
             <{:04X}{:04X}> Tj\nET\nEMC\n\
             /Artifact BMC\n0 0.4471 0.698 RG\n0.75 w\n[3 2] 0 d\n10 20 m\n30.5 40.25 l\nS\nEMC\n\
             /Artifact BMC\n0.7843 0.8824 0.949 rg\n0 0 m\n1 0 l\n1 1 l\nh\nf\nEMC\n",
            gid('A'),
            gid('é')
        );
        assert_eq!(content, expected);
        assert_ne!(gid('A'), 0, "the subset has the glyph");
    }
}

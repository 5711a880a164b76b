//! Drawing primitives on an A4 page in millimetres from the top-left corner, emitted as
//! printpdf operations. Text uses the embedded fonts under fixed resource names (`F1`, `F2`)
//! so the PDF bytes do not depend on printpdf's process-global id generator.

use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Polygon, PolygonRing, Pt,
    Rgb, TextItem, TextMatrix, WindingOrder,
};

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

impl Rgb8 {
    pub fn pdf(self) -> Color {
        Color::Rgb(Rgb {
            r: self.0 as f32 / 255.0,
            g: self.1 as f32 / 255.0,
            b: self.2 as f32 / 255.0,
            icc_profile: None,
        })
    }
}

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

pub fn pt(mm: f32) -> Pt {
    Pt(mm * PT_PER_MM)
}

fn point(x: f32, y: f32) -> Point {
    Point {
        x: pt(x),
        y: pt(PAGE_H - y),
    }
}

/// Operations for one page.
///
/// Tagged PDF: content drawn between [`Canvas::begin_mc`] and [`Canvas::end_mc`] belongs to a
/// structure element (`/P <</MCID n>> BDC … EMC`); everything else (rules, stripes, footers) is
/// wrapped as `/Artifact BMC … EMC` by the primitives themselves, so nothing is left unmarked.
pub struct Canvas<'f> {
    pub ops: Vec<Op>,
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

impl<'f> Canvas<'f> {
    pub fn new(fonts: &'f Fonts) -> Self {
        Self {
            ops: Vec::new(),
            fonts,
            open: false,
            next_mcid: 0,
            pen: Pen::default(),
        }
    }

    /// Appends operations drawn on a [`Canvas::nested`] canvas; what they set is not known
    /// here, so the state is set again before the next drawing.
    pub fn splice(&mut self, ops: Vec<Op>) {
        self.ops.extend(ops);
        self.pen = Pen::default();
    }

    /// A scratch canvas for drawing that is spliced into this one (charts): it inherits
    /// whether it is inside tagged content.
    pub fn nested(&self) -> Canvas<'f> {
        Canvas {
            ops: Vec::new(),
            fonts: self.fonts,
            open: self.open,
            next_mcid: 0,
            pen: Pen::default(),
        }
    }

    /// Starts tagged content with the structure role `tag`; returns its page-local MCID.
    pub fn begin_mc(&mut self, tag: &str) -> i64 {
        let mcid = self.next_mcid;
        self.next_mcid += 1;
        self.ops.push(Op::BeginMarkedContentWithProperties {
            tag: tag.to_string(),
            properties: printpdf::DictItem::Dict {
                map: std::collections::BTreeMap::from([(
                    "MCID".to_string(),
                    printpdf::DictItem::Int(mcid),
                )]),
            },
        });
        self.open = true;
        mcid
    }

    pub fn end_mc(&mut self) {
        self.ops.push(Op::EndMarkedContent);
        self.open = false;
    }

    /// Runs `draw` as an artifact unless inside tagged content.
    fn artifact(&mut self, draw: impl FnOnce(&mut Self)) {
        if self.open {
            draw(self);
            return;
        }
        self.ops.push(Op::BeginMarkedContent {
            tag: "Artifact".into(),
        });
        self.open = true;
        draw(self);
        self.open = false;
        self.ops.push(Op::EndMarkedContent);
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
        let p = point(x, y);
        self.text_at_pt(p.x.0, p.y.0, font, s, false);
    }

    /// Text at a position in points from the bottom-left; `rotate_ccw` turns it 90° left.
    pub fn text_at_pt(&mut self, x: f32, y: f32, font: TextStyle, s: &str, rotate_ccw: bool) {
        self.artifact(|c| c.text_ops(x, y, font, s, rotate_ccw));
    }

    fn text_ops(&mut self, x: f32, y: f32, font: TextStyle, s: &str, rotate_ccw: bool) {
        let id = if font.bold { bold_id() } else { regular_id() };
        let matrix = if rotate_ccw {
            TextMatrix::Raw([0.0, 1.0, -1.0, 0.0, x, y])
        } else {
            TextMatrix::Translate(Pt(x), Pt(y))
        };
        self.ops.push(Op::StartTextSection);
        self.set_fill(font.color);
        // The font is part of the text state, which stays from one text object to the next.
        let key = (font.bold, font.size.to_bits());
        if self.pen.font != Some(key) {
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(id),
                size: Pt(font.size),
            });
            self.pen.font = Some(key);
        }
        self.ops.extend([
            Op::SetTextMatrix { matrix },
            Op::ShowText {
                items: vec![TextItem::Text(s.to_string())],
            },
            Op::EndTextSection,
        ]);
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
        let a = point(x1, y1);
        let b = point(x2, y2);
        self.polyline_pt(&[(a.x.0, a.y.0), (b.x.0, b.y.0)], width_pt, color, None);
    }

    /// A filled polygon, points in PDF points from the bottom-left.
    pub fn polygon_pt(&mut self, pts: &[(f32, f32)], color: Rgb8) {
        if pts.len() < 3 {
            return;
        }
        self.artifact(|c| c.polygon_ops(pts, color));
    }

    fn set_fill(&mut self, color: Rgb8) {
        if self.pen.fill != Some(color) {
            self.ops.push(Op::SetFillColor { col: color.pdf() });
            self.pen.fill = Some(color);
        }
    }

    fn polygon_ops(&mut self, pts: &[(f32, f32)], color: Rgb8) {
        self.set_fill(color);
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing {
                    points: pts
                        .iter()
                        .map(|&(x, y)| LinePoint {
                            p: Point { x: Pt(x), y: Pt(y) },
                            bezier: false,
                        })
                        .collect(),
                }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
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
            self.ops.push(Op::SetOutlineColor { col: color.pdf() });
            self.pen.stroke = Some(color);
        }
        if self.pen.width != Some(width_pt.to_bits()) {
            self.ops.push(Op::SetOutlineThickness { pt: Pt(width_pt) });
            self.pen.width = Some(width_pt.to_bits());
        }
        if self.pen.dash != Some(dash) {
            let pattern = match dash {
                Some((on, off)) => printpdf::LineDashPattern::new(0.0, &[on as f32, off as f32]),
                None => printpdf::LineDashPattern::default(),
            };
            self.ops.push(Op::SetLineDashPattern { dash: pattern });
            self.pen.dash = Some(dash);
        }
        self.ops.push(Op::DrawLine {
            line: Line {
                points: pts
                    .iter()
                    .map(|&(x, y)| LinePoint {
                        p: Point { x: Pt(x), y: Pt(y) },
                        bezier: false,
                    })
                    .collect(),
                is_closed: false,
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(ops: &[Op], pred: impl Fn(&Op) -> bool) -> usize {
        ops.iter().filter(|o| pred(o)).count()
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
        let strokes = |c: &Canvas| count(&c.ops, |o| matches!(o, Op::SetOutlineColor { .. }));
        let widths = |c: &Canvas| count(&c.ops, |o| matches!(o, Op::SetOutlineThickness { .. }));
        let dashes = |c: &Canvas| count(&c.ops, |o| matches!(o, Op::SetLineDashPattern { .. }));
        let fonts_set = |c: &Canvas| count(&c.ops, |o| matches!(o, Op::SetFont { .. }));
        let fills = |c: &Canvas| count(&c.ops, |o| matches!(o, Op::SetFillColor { .. }));
        assert_eq!(strokes(&c), 1);
        assert_eq!(widths(&c), 1);
        assert_eq!(dashes(&c), 2, "solid, then dashed");
        assert_eq!(fonts_set(&c), 1);
        assert_eq!(fills(&c), 1);
        // What a nested canvas drew is not known to this one: all is set again.
        let nested = c.nested().ops;
        c.splice(nested);
        c.line(0.0, 40.0, 10.0, 40.0, 0.5, palette::RULE);
        c.text(0.0, 50.0, style, "drie", Align::Left);
        assert_eq!(strokes(&c), 2);
        assert_eq!(widths(&c), 2);
        assert_eq!(fonts_set(&c), 2);
        assert_eq!(fills(&c), 2);
    }
}

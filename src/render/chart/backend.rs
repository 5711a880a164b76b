//! A plotters `DrawingBackend` that emits printpdf operations: vectors, with text in the
//! document's embedded font, so chart text stays selectable. One backend pixel is 0.1 mm on the
//! page.

use std::cell::RefCell;
use std::rc::Rc;

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};

use crate::render::canvas::{pt, Canvas, Rgb8};
use crate::render::fonts::fonts;

pub(super) const PX_MM: f32 = 0.1;

#[derive(Debug)]
pub struct NoError;
impl std::fmt::Display for NoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("chart drawing error")
    }
}
impl std::error::Error for NoError {}

/// Draws into a [`Canvas`] shared with the caller, inside a box on the page.
pub struct PdfBackend {
    pub(super) w: u32,
    pub(super) h: u32,
    /// Top-left of the box in PDF points (from the bottom-left of the page).
    pub(super) ox: f32,
    pub(super) oy: f32,
    pub(super) canvas: Rc<RefCell<Canvas<'static>>>,
}

impl PdfBackend {
    fn map(&self, (x, y): BackendCoord) -> (f32, f32) {
        (
            self.ox + pt(x as f32 * PX_MM).0,
            self.oy - pt(y as f32 * PX_MM).0,
        )
    }
}

fn rgb(c: BackendColor) -> Rgb8 {
    Rgb8(c.rgb.0, c.rgb.1, c.rgb.2)
}

type R = Result<(), DrawingErrorKind<NoError>>;

impl DrawingBackend for PdfBackend {
    type ErrorType = NoError;

    fn get_size(&self) -> (u32, u32) {
        (self.w, self.h)
    }
    fn ensure_prepared(&mut self) -> R {
        Ok(())
    }
    fn present(&mut self) -> R {
        Ok(())
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> R {
        if color.alpha > 0.0 {
            let (x, y) = self.map(point);
            let d = pt(PX_MM).0;
            self.canvas.borrow_mut().polygon_pt(
                &[(x, y), (x + d, y), (x + d, y - d), (x, y - d)],
                rgb(color),
            );
        }
        Ok(())
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> R {
        self.draw_path([from, to], style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        ul: BackendCoord,
        br: BackendCoord,
        style: &S,
        fill: bool,
    ) -> R {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let pts = [ul, (br.0, ul.1), br, (ul.0, br.1)];
        if fill {
            self.fill_polygon(pts, style)
        } else {
            self.draw_path([ul, (br.0, ul.1), br, (ul.0, br.1), ul], style)
        }
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> R {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let pts: Vec<(f32, f32)> = path.into_iter().map(|p| self.map(p)).collect();
        let width = pt(style.stroke_width().max(1) as f32 * PX_MM).0;
        self.canvas
            .borrow_mut()
            .polyline_pt(&pts, width, rgb(style.color()), None);
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> R {
        let pts: Vec<BackendCoord> = (0..=24)
            .map(|i| {
                let a = i as f64 / 24.0 * std::f64::consts::TAU;
                (
                    center.0 + (radius as f64 * a.cos()).round() as i32,
                    center.1 + (radius as f64 * a.sin()).round() as i32,
                )
            })
            .collect();
        if fill {
            self.fill_polygon(pts, style)
        } else {
            self.draw_path(pts, style)
        }
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> R {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let pts: Vec<(f32, f32)> = vert.into_iter().map(|p| self.map(p)).collect();
        self.canvas
            .borrow_mut()
            .polygon_pt(&pts, rgb(style.color()));
        Ok(())
    }
    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> R {
        let size_px = em(style.size());
        let bold = matches!(style.style(), plotters_backend::FontStyle::Bold);
        let size_pt = pt(size_px * PX_MM).0;
        let width_px = fonts().width(text, size_px, bold);
        use plotters_backend::text_anchor::{HPos, VPos};
        let anchor = style.anchor();
        let dx = match anchor.h_pos {
            HPos::Left => 0.0,
            HPos::Center => -width_px / 2.0,
            HPos::Right => -width_px,
        };
        // Baseline offset from the anchor, down the text's own vertical axis.
        let dy = match anchor.v_pos {
            VPos::Top => size_px * 0.76,
            VPos::Center => size_px * 0.36,
            VPos::Bottom => -size_px * 0.22,
        };
        let font = crate::render::canvas::TextStyle {
            size: size_pt,
            bold,
            color: rgb(style.color()),
        };
        // Rotated text reads bottom to top: the text's x axis points up the page.
        let rotated = matches!(style.transform(), FontTransform::Rotate270);
        let (x, y) = if rotated {
            self.map((pos.0 + dy.round() as i32, pos.1 - dx.round() as i32))
        } else {
            self.map((
                (pos.0 as f32 + dx).round() as i32,
                (pos.1 as f32 + dy).round() as i32,
            ))
        };
        self.canvas
            .borrow_mut()
            .text_at_pt(x, y, font, text, rotated);
        Ok(())
    }
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<NoError>> {
        let size = em(style.size());
        let bold = matches!(style.style(), plotters_backend::FontStyle::Bold);
        let w = fonts().width(text, size, bold).ceil() as u32;
        let h = (size * 1.0).ceil() as u32;
        Ok(match style.transform() {
            FontTransform::Rotate90 | FontTransform::Rotate270 => (h, w),
            _ => (w, h),
        })
    }
}

/// Plotters lays text out with ab_glyph, whose pixel size is the font's full height
/// (ascent − descent), not its em; draw at the em that matches, so legends and label areas fit.
pub(super) fn em(size: f64) -> f32 {
    size as f32 / fonts().height_per_em()
}

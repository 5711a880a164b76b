//! Flowing layout for A4 portrait documents: title, headings, paragraphs, tables, boxes and chart
//! slots go down the page and onto a new page when full; footers are added when the page count
//! is known.

use super::canvas::{palette, Align, Canvas, Rgb8, TextStyle, PAGE_H};
use super::chart::ChartBox;
use super::fonts::fonts;
use super::pdfa::{SKid, StructTree};

pub const LEFT: f32 = 20.0;
pub const RIGHT: f32 = 190.0;
pub const WIDTH: f32 = RIGHT - LEFT;
const TOP: f32 = 20.0;
const BOTTOM: f32 = 272.0;
const MM_PER_PT: f32 = 25.4 / 72.0;

/// A table column.
pub struct Col<'a> {
    pub header: &'a str,
    pub width: f32,
    pub align: Align,
}

/// Widens each column to its longest header word plus padding, taking the difference from the
/// left-aligned column with the most room to spare beside its longest cell (the total row bold).
fn fit_headers<'a>(
    cols: &[Col<'a>],
    rows: &[Vec<String>],
    total: Option<&[String]>,
    size: f32,
) -> Vec<Col<'a>> {
    let mut out: Vec<Col<'a>> = cols
        .iter()
        .map(|c| Col {
            header: c.header,
            width: c.width,
            align: c.align,
        })
        .collect();
    let need: Vec<f32> = cols
        .iter()
        .map(|c| {
            c.header
                .split_whitespace()
                .map(|w| fonts().width(w, size, true) * MM_PER_PT + 2.5)
                .fold(0.0, f32::max)
        })
        .collect();
    let extra: f32 = out
        .iter()
        .zip(&need)
        .map(|(c, n)| (n - c.width).max(0.0))
        .sum();
    if extra <= 0.0 {
        return out;
    }
    // What each column's cells need.
    let content: Vec<f32> = (0..cols.len())
        .map(|i| {
            rows.iter()
                .map(|r| (r.as_slice(), false))
                .chain(total.map(|t| (t, true)))
                .filter_map(|(r, bold)| r.get(i).map(|t| (t, bold)))
                .map(|(t, bold)| fonts().width(t, size, bold) * MM_PER_PT + 2.0)
                .fold(need[i], f32::max)
        })
        .collect();
    let slack = |i: usize| out[i].width - content[i];
    let Some(donor) = (0..out.len())
        .filter(|&i| out[i].align == Align::Left && slack(i) > 0.0)
        .max_by(|&a, &b| slack(a).total_cmp(&slack(b)))
    else {
        return out;
    };
    let give = extra.min(slack(donor));
    let mut left = give;
    for (c, n) in out.iter_mut().zip(&need) {
        let add = (n - c.width).max(0.0).min(left);
        c.width += add;
        left -= add;
    }
    out[donor].width -= give - left;
    out
}

pub struct Doc {
    pub pages: Vec<Canvas<'static>>,
    /// Top of the next block, mm from the top of the page.
    pub y: f32,
    /// Every table drawn, as shown (suppressed): the Excel annex repeats them.
    pub tables: Vec<super::annex::TableRecord>,
    /// The last heading, which names the next table in the annex.
    last_heading: String,
    /// The logical structure (tagged PDF) and the bookmarks.
    pub tree: StructTree,
    /// The list that bullets are added to, while bullets follow each other.
    list: Option<usize>,
    /// The first status box (headline, sentence): the mail repeats it.
    pub status: Option<(String, String)>,
    /// The key figures (label, value this year), suppressed as printed: the mail repeats them.
    pub key_figures: Vec<(String, String)>,
}

impl Default for Doc {
    fn default() -> Self {
        Self::new()
    }
}

impl Doc {
    pub fn new() -> Self {
        Self {
            pages: vec![Canvas::new(fonts())],
            y: TOP,
            tables: Vec::new(),
            last_heading: String::new(),
            tree: StructTree::default(),
            list: None,
            status: None,
            key_figures: Vec::new(),
        }
    }

    pub fn canvas(&mut self) -> &mut Canvas<'static> {
        self.pages.last_mut().expect("a page")
    }

    pub fn new_page(&mut self) {
        self.pages.push(Canvas::new(fonts()));
        self.y = TOP;
    }

    /// Starts a new page unless `h` mm still fit.
    pub fn need(&mut self, h: f32) {
        if self.y + h > BOTTOM {
            self.new_page();
        }
    }

    pub fn space(&mut self, h: f32) {
        self.y += h;
    }

    /// A top-level element (not inside a list): ends a running list.
    fn block(&mut self, role: &'static str) -> usize {
        self.list = None;
        self.tree.add(role, 0)
    }

    /// Draws `draw` on the current page as marked content of structure element `node`.
    fn mark(&mut self, node: usize, draw: impl FnOnce(&mut Canvas<'static>)) {
        let page = self.pages.len() - 1;
        let role = self.tree.nodes[node].role;
        let c = self.canvas();
        let mcid = c.begin_mc(role);
        draw(c);
        c.end_mc();
        self.tree.nodes[node].kids.push(SKid::Mc { page, mcid });
    }

    pub fn title(&mut self, title: &str, subtitle: &str) {
        let y = self.y;
        self.canvas().fill_rect(LEFT, y, WIDTH, 1.2, palette::BLUE);
        let h1 = self.block("H1");
        self.mark(h1, |c| {
            c.text(
                LEFT,
                y + 11.0,
                TextStyle {
                    size: 19.0,
                    bold: true,
                    color: palette::TEXT,
                },
                title,
                Align::Left,
            )
        });
        self.y += 14.0;
        let p = self.block("P");
        let y = self.para_at(p, subtitle, 12.0, false, palette::MUTED);
        self.y = y + 3.0;
    }

    pub fn heading(&mut self, text: &str) {
        self.last_heading = text.to_string();
        self.need(36.0); // keep the heading with a table head and two rows (or a few lines)
        self.y += 3.0;
        let y = self.y + 11.5 * 0.8 * MM_PER_PT * 1.2;
        self.tree
            .outline
            .push((text.to_string(), self.pages.len() - 1, self.y));
        let h2 = self.block("H2");
        self.mark(h2, |c| {
            c.text(
                LEFT,
                y,
                TextStyle {
                    size: 11.5,
                    bold: true,
                    color: palette::TEXT,
                },
                text,
                Align::Left,
            )
        });
        self.y += 8.0;
    }

    fn para_at(&mut self, node: usize, text: &str, size: f32, bold: bool, color: Rgb8) -> f32 {
        let lines = fonts().wrap(text, size, bold, WIDTH / MM_PER_PT);
        let leading = size * 1.4 * MM_PER_PT;
        for l in lines {
            self.need(leading);
            let base = self.y + size * 0.8 * MM_PER_PT;
            self.mark(node, |c| {
                c.text(LEFT, base, TextStyle { size, bold, color }, &l, Align::Left)
            });
            self.y += leading;
        }
        self.y
    }

    /// A wrapped paragraph in body text.
    pub fn para(&mut self, text: &str) {
        let p = self.block("P");
        self.para_at(p, text, 9.5, false, palette::TEXT);
        self.y += 2.0;
    }

    /// Small print, e.g. a note under a table.
    pub fn small(&mut self, text: &str) {
        let p = self.block("P");
        self.para_at(p, text, 7.5, false, palette::MUTED);
        self.y += 1.0;
    }

    /// A bullet item (consecutive bullets form one list).
    pub fn bullet(&mut self, text: &str) {
        let size = 9.5;
        let lines = fonts().wrap(text, size, false, (WIDTH - 5.0) / MM_PER_PT);
        let leading = size * 1.4 * MM_PER_PT;
        let list = match self.list {
            Some(l) => l,
            None => self.tree.add("L", 0),
        };
        let li = self.tree.add("LI", list);
        let (lbl, body) = (self.tree.add("Lbl", li), self.tree.add("LBody", li));
        let style = TextStyle {
            size,
            bold: false,
            color: palette::TEXT,
        };
        for (i, l) in lines.iter().enumerate() {
            self.need(leading);
            let base = self.y + size * 0.8 * MM_PER_PT;
            if i == 0 {
                self.mark(lbl, |c| c.text(LEFT + 1.0, base, style, "•", Align::Left));
            }
            self.mark(body, |c| c.text(LEFT + 5.0, base, style, l, Align::Left));
            self.y += leading;
        }
        self.y += 1.0;
        self.list = Some(list);
    }

    /// A coloured box with a bold line and a paragraph (used for the status).
    pub fn callout(&mut self, color: Rgb8, headline: &str, text: &str) {
        if self.status.is_none() {
            self.status = Some((headline.to_string(), text.to_string()));
        }
        let size = 9.5;
        let lines = fonts().wrap(text, size, false, (WIDTH - 10.0) / MM_PER_PT);
        let leading = size * 1.4 * MM_PER_PT;
        let h = 12.0 + lines.len() as f32 * leading + 3.0;
        self.need(h + 2.0);
        let y = self.y;
        let c = self.canvas();
        c.fill_rect(LEFT, y, WIDTH, h, palette::LIGHT);
        c.fill_rect(LEFT, y, 2.5, h, color);
        let head = self.block("H2");
        self.mark(head, |c| {
            c.text(
                LEFT + 6.0,
                y + 8.0,
                TextStyle {
                    size: 12.0,
                    bold: true,
                    color: palette::TEXT,
                },
                headline,
                Align::Left,
            )
        });
        let p = self.block("P");
        let mut base = y + 8.0 + leading + 1.5;
        for l in &lines {
            self.mark(p, |c| {
                c.text(
                    LEFT + 6.0,
                    base,
                    TextStyle {
                        size,
                        bold: false,
                        color: palette::TEXT,
                    },
                    l,
                    Align::Left,
                )
            });
            base += leading;
        }
        self.y += h + 4.0;
    }

    /// A table with a header row, rows, and an optional bold total row.
    /// Columns too narrow for their longest header word (wording is editable in `templates/`)
    /// are widened, the space taken from the widest left-aligned column, so headers never touch.
    pub fn table(&mut self, cols: &[Col<'_>], rows: &[Vec<String>], total: Option<&[String]>) {
        let size = 8.5;
        let row_h = 5.6;
        let cols = &fit_headers(cols, rows, total, size);
        self.tables.push(super::annex::TableRecord {
            title: self.last_heading.clone(),
            headers: cols.iter().map(|c| c.header.to_string()).collect(),
            rows: rows.to_vec(),
            total: total.map(<[String]>::to_vec),
        });
        let header_lines: Vec<Vec<String>> = cols
            .iter()
            .map(|c| fonts().wrap(c.header, size, true, (c.width - 2.0) / MM_PER_PT))
            .collect();
        let header_h = header_lines.iter().map(|l| l.len()).max().unwrap_or(1) as f32 * 3.8 + 2.5;
        // The header row is tagged once (TH cells with a column scope); repeated on a later
        // page it is an artifact.
        let table = self.block("Table");
        let head_row = self.tree.add("TR", table);
        let ths: Vec<usize> = cols
            .iter()
            .map(|_| {
                let th = self.tree.add("TH", head_row);
                self.tree.nodes[th].scope = Some("Column");
                th
            })
            .collect();
        let draw_header = |doc: &mut Doc, tagged: bool| {
            let y = doc.y;
            let mut x = LEFT;
            for ((col, lines), &th) in cols.iter().zip(&header_lines).zip(&ths) {
                let mut base = y + 3.2;
                for l in lines {
                    let tx = match col.align {
                        Align::Right => x + col.width - 1.0,
                        Align::Left => x + 1.0,
                    };
                    let draw = |c: &mut Canvas<'static>| {
                        c.text(
                            tx,
                            base,
                            TextStyle {
                                size,
                                bold: true,
                                color: palette::TEXT,
                            },
                            l,
                            col.align,
                        )
                    };
                    if tagged {
                        doc.mark(th, draw);
                    } else {
                        draw(doc.canvas());
                    }
                    base += 3.8;
                }
                x += col.width;
            }
            let width: f32 = cols.iter().map(|c| c.width).sum();
            doc.canvas().line(
                LEFT,
                y + header_h - 0.5,
                LEFT + width,
                y + header_h - 0.5,
                0.8,
                palette::TEXT,
            );
            doc.y += header_h;
        };
        self.need(header_h + row_h * 2.0);
        draw_header(self, true);
        let width: f32 = cols.iter().map(|c| c.width).sum();
        let mut stripe = false;
        let rows_iter: Vec<(&[String], bool)> = rows
            .iter()
            .map(|r| (r.as_slice(), false))
            .chain(total.map(|t| (t, true)))
            .collect();
        for (cells, is_total) in rows_iter {
            if self.y + row_h > BOTTOM {
                self.new_page();
                draw_header(self, false);
            }
            let y = self.y;
            let tr = self.tree.add("TR", table);
            let c = self.canvas();
            if is_total {
                c.line(LEFT, y, LEFT + width, y, 0.8, palette::TEXT);
            } else if stripe {
                c.fill_rect(LEFT, y, width, row_h, Rgb8(247, 247, 247));
            }
            stripe = !stripe;
            let mut x = LEFT;
            for (col, cell) in cols.iter().zip(cells) {
                let tx = match col.align {
                    Align::Right => x + col.width - 1.0,
                    Align::Left => x + 1.0,
                };
                // Keep long labels inside their column.
                let fits =
                    |t: &str| fonts().width(t, size, is_total) * MM_PER_PT <= col.width - 2.0;
                let mut text = cell.clone();
                if !fits(&text) {
                    let mut chars: Vec<char> = cell.chars().collect();
                    while chars.len() > 1
                        && !fits(&format!("{}…", chars.iter().collect::<String>().trim_end()))
                    {
                        chars.pop();
                    }
                    text = format!("{}…", chars.iter().collect::<String>().trim_end());
                }
                let td = self.tree.add("TD", tr);
                if !text.is_empty() {
                    self.mark(td, |c| {
                        c.text(
                            tx,
                            y + 4.0,
                            TextStyle {
                                size,
                                bold: is_total,
                                color: palette::TEXT,
                            },
                            &text,
                            col.align,
                        )
                    });
                }
                x += col.width;
            }
            self.y += row_h;
        }
        self.y += 3.0;
    }

    /// Reserves a chart slot of height `h` under a title and hands its box to `draw`; `alt`
    /// says in words and numbers what the chart shows (the figure's alternative text).
    pub fn chart(
        &mut self,
        title: &str,
        alt: &str,
        h: f32,
        draw: impl FnOnce(&mut Canvas<'static>, ChartBox),
    ) {
        self.need(h + 9.0);
        let y = self.y;
        let caption = self.block("P");
        self.mark(caption, |c| {
            c.text(
                LEFT,
                y + 4.0,
                TextStyle {
                    size: 9.5,
                    bold: true,
                    color: palette::TEXT,
                },
                title,
                Align::Left,
            )
        });
        let bx = ChartBox {
            x: LEFT,
            y: y + 6.0,
            w: WIDTH,
            h,
        };
        let figure = self.block("Figure");
        self.tree.nodes[figure].alt = Some(alt.to_string());
        self.mark(figure, |c| draw(c, bx));
        self.y += h + 9.0;
    }

    /// A chart slot that shows a note instead of a chart.
    pub fn chart_note(&mut self, title: &str, note: &str) {
        let size = 9.0;
        let lines = fonts().wrap(note, size, false, (WIDTH - 12.0) / MM_PER_PT);
        let h = 8.0 + lines.len() as f32 * size * 1.4 * MM_PER_PT + 4.0;
        self.need(h + 9.0);
        let y = self.y;
        let caption = self.block("P");
        self.mark(caption, |c| {
            c.text(
                LEFT,
                y + 4.0,
                TextStyle {
                    size: 9.5,
                    bold: true,
                    color: palette::TEXT,
                },
                title,
                Align::Left,
            )
        });
        self.canvas()
            .fill_rect(LEFT, y + 6.0, WIDTH, h, palette::LIGHT);
        let p = self.block("P");
        let mut base = y + 6.0 + 7.0;
        for l in &lines {
            self.mark(p, |c| {
                c.text(
                    LEFT + 6.0,
                    base,
                    TextStyle {
                        size,
                        bold: false,
                        color: palette::MUTED,
                    },
                    l,
                    Align::Left,
                )
            });
            base += size * 1.4 * MM_PER_PT;
        }
        self.y += h + 12.0;
    }

    /// Adds the footer (`footer(page, pages)`) and the source line to every page.
    pub fn finish(
        mut self,
        footer: impl Fn(usize, usize) -> String,
        source_line: &str,
    ) -> Vec<Canvas<'static>> {
        let pages = self.pages.len();
        for (i, c) in self.pages.iter_mut().enumerate() {
            let y = PAGE_H - 18.0;
            c.line(LEFT, y, RIGHT, y, 0.5, palette::RULE);
            let lines = fonts().wrap(source_line, 7.0, false, WIDTH / MM_PER_PT);
            let mut base = y + 4.0;
            for l in &lines {
                c.text(
                    LEFT,
                    base,
                    TextStyle {
                        size: 7.0,
                        bold: false,
                        color: palette::MUTED,
                    },
                    l,
                    Align::Left,
                );
                base += 3.3;
            }
            c.text(
                LEFT,
                base + 0.6,
                TextStyle {
                    size: 7.5,
                    bold: false,
                    color: palette::TEXT,
                },
                &footer(i + 1, pages),
                Align::Left,
            );
        }
        self.pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_word_wider_than_its_column_widens_it_from_the_widest_text_column() {
        let cols = [
            Col {
                header: "Gemeente",
                width: 37.0,
                align: Align::Left,
            },
            Col {
                header: "Band naar rato",
                width: 18.0,
                align: Align::Right,
            },
            Col {
                header: "Woningen t/m okt",
                width: 10.0,
                align: Align::Right,
            },
        ];
        let rows = vec![vec!["Utrecht".to_string(), "1–2".into(), "3".into()]];
        let fitted = fit_headers(&cols, &rows, None, 8.5);
        let word = fonts().width("Woningen", 8.5, true) * MM_PER_PT;
        assert!(fitted[2].width >= word + 2.0, "{}", fitted[2].width);
        assert_eq!(fitted[1].width, 18.0);
        let total = |c: &[Col<'_>]| c.iter().map(|c| c.width).sum::<f32>();
        assert!((total(&fitted) - total(&cols)).abs() < 0.01);
        assert!(fitted[0].width < 37.0);
    }
}

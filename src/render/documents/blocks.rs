//! The explanation text (`uitleg.md.j2`) as blocks: headings (`## `), bullets (`- `) and
//! paragraphs, for the explanation page and the annex.

/// A block of the explanation text (`uitleg.md.j2`: `## heading`, `- bullet`, paragraphs).
#[derive(Debug, PartialEq)]
pub(super) enum Block {
    Heading(String),
    Bullet(String),
    Para(String),
}

/// Splits the explanation text into blocks; a paragraph's lines are joined.
pub(super) fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut para = String::new();
    let flush = |out: &mut Vec<Block>, para: &mut String| {
        if !para.trim().is_empty() {
            out.push(Block::Para(para.trim().to_string()));
        }
        para.clear();
    };
    for line in text.lines() {
        let l = line.trim();
        if let Some(h) = l.strip_prefix("## ") {
            flush(&mut out, &mut para);
            out.push(Block::Heading(h.to_string()));
        } else if let Some(b) = l.strip_prefix("- ") {
            flush(&mut out, &mut para);
            out.push(Block::Bullet(b.to_string()));
        } else if l.is_empty() {
            flush(&mut out, &mut para);
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(l);
        }
    }
    flush(&mut out, &mut para);
    out
}

//! A document's pages made into a PDF: printpdf builds the document around the canvas's content
//! streams (fonts with their subsets, metadata), then `pdfa` finishes it; stable ids.

use chrono::NaiveDateTime;
use printpdf::{Mm, OffsetDateTime, PdfDocument, PdfFont, PdfPage, PdfSaveOptions};
use std::collections::BTreeSet;

/// Document information for the PDF metadata.
pub(crate) struct Meta<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    pub keywords: Vec<String>,
    pub created: NaiveDateTime,
    pub time_zone: chrono_tz::Tz,
    /// The logical structure and bookmarks collected while laying out.
    pub tree: &'a super::pdfa::StructTree,
}

/// Assembles pages into PDF bytes with subset, compressed fonts and stable ids.
pub(crate) fn to_pdf(pages: Vec<super::canvas::Canvas<'static>>, meta: Meta<'_>) -> Vec<u8> {
    let f = super::fonts::fonts();
    let mut doc = PdfDocument::new(meta.title);
    // Each font embedded as a subset, cut once per process for each set of characters
    // (`Fonts::subset`); printpdf embeds it as it is. The set is what the document shows plus
    // every character the texts and numbers commonly use, so nearly all documents share one
    // subset per font (cut once, deflated once) for a few kB more each.
    let (used_regular, used_bold) = pages.iter().map(super::canvas::Canvas::chars).fold(
        (BTreeSet::new(), BTreeSet::new()),
        |(mut r, mut b), (pr, pb)| {
            r.extend(pr);
            b.extend(pb);
            (r, b)
        },
    );
    let (mut regular, mut bold) = (used_regular.clone(), used_bold.clone());
    regular.extend(COMMON_CHARS.chars());
    bold.extend(COMMON_CHARS.chars());
    let (regular, bold) = (f.subset(false, &regular), f.subset(true, &bold));
    // The pages' content streams, written by the canvas (glyph ids of these subsets).
    let contents: Vec<Vec<u8>> = pages
        .into_iter()
        .map(|c| c.encode(&regular, &bold))
        .collect();
    doc.resources
        .fonts
        .map
        .insert(super::canvas::regular_id(), PdfFont::new(regular));
    doc.resources
        .fonts
        .map
        .insert(super::canvas::bold_id(), PdfFont::new(bold));
    // The generation time is local time; PDF dates are written in UTC.
    let ts = meta
        .created
        .and_local_timezone(meta.time_zone)
        .earliest()
        .map(|t| t.timestamp())
        .unwrap_or_else(|| meta.created.and_utc().timestamp());
    let when = OffsetDateTime::from_unix_timestamp(ts).unwrap_or_else(|_| {
        OffsetDateTime::from_unix_timestamp(0).expect("epoch is a valid timestamp")
    });
    let info = &mut doc.metadata.info;
    info.author = meta.author.to_string();
    info.subject = meta.subject.to_string();
    info.keywords = meta.keywords.clone();
    info.creator = "woonmonitor".to_string();
    info.producer = format!("woonmonitor {}", env!("CARGO_PKG_VERSION"));
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
    // printpdf builds the pages, fonts (widths and ToUnicode of the characters shown) and
    // metadata; it learns which characters each font shows from one text per font on the first
    // page, whose content (like every page's) is then replaced by the canvas's stream.
    let glyphs = glyph_usage(&used_regular, &used_bold);
    let pages: Vec<PdfPage> = (0..contents.len())
        .map(|i| {
            let ops = if i == 0 { glyphs.clone() } else { Vec::new() };
            PdfPage::new(Mm(210.0), Mm(297.0), ops)
        })
        .collect();
    doc.with_pages(pages);
    let mut warnings = Vec::new();
    let opts = PdfSaveOptions {
        optimize: true,
        // Already subset above.
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    // printpdf builds the objects; pdfa finishes them as PDF/A-1a and PDF/UA-1 (with the
    // structure tree); then compress and write.
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    set_contents(&mut lo, contents);
    let keywords = meta.keywords.join(",");
    let producer = format!("woonmonitor {}", env!("CARGO_PKG_VERSION"));
    let facts = super::pdfa::DocFacts {
        title: meta.title,
        author: meta.author,
        subject: meta.subject,
        keywords: &keywords,
        creator: "woonmonitor",
        producer: &producer,
        created: chrono::DateTime::from_timestamp(ts, 0).unwrap_or_default(),
        lang: "nl-NL",
    };
    super::pdfa::finish(&mut lo, &facts)
        .and_then(|()| super::pdfa::tag(&mut lo, meta.tree))
        .expect("printpdf's document has a catalog, an Info dictionary and its pages");
    super::pdfa::compress(&mut lo);
    super::pdfa::unambiguous_stream_ends(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .expect("writing a PDF into memory cannot fail");
    stable_id(bytes)
}

/// What the texts, names, numbers and dates of the documents commonly use: letters, digits,
/// the punctuation of `templates/nl.toml` and Dutch diacritics (the national set's documents
/// use 77 distinct characters, all of them here).
const COMMON_CHARS: &str = concat!(
    " !\"%&'()*+,-./0123456789:;<=>?",
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "−–—→…•·≤≥≈€×°‘’“”ëéïöü"
);

/// Operations that show every character of each font once: printpdf derives each font's
/// widths and ToUnicode map from the text it is given.
fn glyph_usage(regular: &BTreeSet<char>, bold: &BTreeSet<char>) -> Vec<printpdf::Op> {
    use printpdf::{Op, PdfFontHandle, Pt, TextItem};
    let mut ops = vec![Op::StartTextSection];
    for (id, chars) in [
        (super::canvas::regular_id(), regular),
        (super::canvas::bold_id(), bold),
    ] {
        if chars.is_empty() {
            continue;
        }
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(id),
            size: Pt(1.0),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(chars.iter().collect())],
        });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// Puts the canvases' content streams in place of the pages' (in page order).
fn set_contents(doc: &mut lopdf::Document, contents: Vec<Vec<u8>>) {
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    for (page, content) in pages.into_iter().zip(contents) {
        let stream = doc
            .get_dictionary(page)
            .and_then(|p| p.get(b"Contents"))
            .and_then(lopdf::Object::as_reference)
            .and_then(|id| doc.get_object_mut(id))
            .and_then(lopdf::Object::as_stream_mut)
            .expect("printpdf writes each page's content as one stream");
        stream.set_content(content);
    }
}

/// printpdf fills the trailer's `/ID` from a process-global counter, so the same document
/// rendered twice in one process would differ. Replace both ids (same length, so the
/// cross-reference offsets stay valid) by a hash of everything before the trailer.
fn stable_id(mut bytes: Vec<u8>) -> Vec<u8> {
    let Some(pos) = find_last(&bytes, b"/ID") else {
        return bytes;
    };
    let hex = crate::files::sha256_hex(&bytes[..pos]);
    let mut i = pos;
    for _ in 0..2 {
        // Each id is a literal string `(…)` of 32 characters.
        let Some(open) = bytes[i..].iter().position(|&b| b == b'(').map(|p| p + i) else {
            break;
        };
        let Some(close) = bytes[open..]
            .iter()
            .position(|&b| b == b')')
            .map(|p| p + open)
        else {
            break;
        };
        let len = close - open - 1;
        let fill: Vec<u8> = hex.bytes().cycle().take(len).collect();
        bytes[open + 1..close].copy_from_slice(&fill);
        i = close + 1;
    }
    bytes
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

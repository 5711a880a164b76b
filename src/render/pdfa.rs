//! Finishes printpdf's document as PDF/A-1a and PDF/UA-1: an sRGB output intent (`GTS_PDFA1`,
//! the bundled ICC v2 profile), an uncompressed XMP packet with the PDF/A identification (part 1,
//! conformance A) and the PDF/UA identification (part 1, with the extension schema PDF/A-1 needs
//! for it) whose values match the Info dictionary exactly, subset fonts named the standard way
//! (six capitals) with a `/CIDSet`, the document language (`nl-NL`) and the title shown as window
//! title. Level A and PDF/UA rest on the structure tree [`tag`] writes (every page's content
//! tagged or marked as artifact, alternative text, table headers, bookmarks). After compression,
//! [`unambiguous_stream_ends`] keeps every stream's `/Length` readable from both ends.
//!
//! printpdf 0.12's own conformance switch writes a CMYK PDF/X intent and no PDF/A XMP, so it is
//! not used (docs/ARCHITECTURE.md). Deterministic: no clock, no randomness, no hash-map order.
//! No I/O: the profile is compiled in.

use chrono::{DateTime, Utc};
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};

/// sRGB IEC61966-2.1, ICC v2.3, from Debian's icc-profiles-free (zlib licence,
/// `templates/icc/LICENSE-sRGB.txt`). PDF/A-1 needs a version 2 profile.
const SRGB_ICC: &[u8] = include_bytes!("../../templates/icc/sRGB.icc");

/// The document facts written to both the Info dictionary and the XMP packet.
pub(crate) struct DocFacts<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    pub keywords: &'a str,
    pub creator: &'a str,
    pub producer: &'a str,
    pub created: DateTime<Utc>,
    pub lang: &'a str,
}

/// Makes `doc` a PDF/A-1a and PDF/UA-1 document with [`tag`] (see the module comment). Call
/// before `compress()`.
pub(crate) fn finish(doc: &mut Document, m: &DocFacts<'_>) -> lopdf::Result<()> {
    doc.version = "1.4".into();
    fix_subset_fonts(doc)?;

    let icc = doc.add_object(Stream::new(dictionary! { "N" => 3 }, SRGB_ICC.to_vec()));
    let intent = dictionary! {
        "Type" => "OutputIntent",
        "S" => "GTS_PDFA1",
        "OutputConditionIdentifier" => Object::string_literal("sRGB IEC61966-2.1"),
        "RegistryName" => Object::string_literal("http://www.color.org"),
        "Info" => Object::string_literal("sRGB IEC61966-2.1"),
        "DestOutputProfile" => icc,
    };

    // The Info dictionary rebuilt from the same values as the XMP packet (printpdf also writes
    // empty entries and PDF/X keys, which PDF/A-1 compares against the XMP too).
    let info_date = m.created.format("D:%Y%m%d%H%M%S+00'00'").to_string();
    let xmp_date = m.created.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut info = Dictionary::new();
    for (k, v) in [
        ("Title", m.title),
        ("Author", m.author),
        ("Subject", m.subject),
        ("Keywords", m.keywords),
        ("Creator", m.creator),
        ("Producer", m.producer),
    ] {
        if !v.is_empty() {
            info.set(k, lopdf::text_string(v));
        }
    }
    info.set("CreationDate", Object::string_literal(info_date.clone()));
    info.set("ModDate", Object::string_literal(info_date));
    let info_id = doc.trailer.get(b"Info")?.as_reference()?;
    doc.set_object(info_id, info);

    let md = doc.add_object(
        Stream::new(
            dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
            xmp_packet(m, &xmp_date).into_bytes(),
        )
        .with_compression(false),
    );

    let cat = doc.catalog_mut()?;
    cat.set("OutputIntents", vec![Object::Dictionary(intent)]);
    cat.set("Metadata", md);
    cat.set("Lang", Object::string_literal(m.lang));
    cat.set(
        "ViewerPreferences",
        dictionary! { "DisplayDocTitle" => true },
    );
    Ok(())
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// PDF/A-1 allows in the XMP only the schemas of XMP 2004 and those described in the packet
/// itself (ISO 19005-1, 6.7.8): the PDF/UA identification (`pdfuaid`, ISO 14289-1, 5) is
/// described here as PDF/A's extension schema container (`pdfaExtension`) lays down.
const PDFUA_EXTENSION: &str = r#"<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas>
<rdf:Bag>
<rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property>
<rdf:Seq>
<rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li>
</rdf:Seq>
</pdfaSchema:property>
</rdf:li>
</rdf:Bag>
</pdfaExtension:schemas>
</rdf:Description>
"#;

fn xmp_packet(m: &DocFacts<'_>, date: &str) -> String {
    let mut dc = format!(
        "<dc:format>application/pdf</dc:format>\n\
         <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n",
        xml(m.title)
    );
    if !m.author.is_empty() {
        dc += &format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            xml(m.author)
        );
    }
    if !m.subject.is_empty() {
        dc += &format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
            xml(m.subject)
        );
    }
    dc += &format!(
        "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
        xml(m.lang)
    );
    let creator = if m.creator.is_empty() {
        String::new()
    } else {
        format!("<xmp:CreatorTool>{}</xmp:CreatorTool>\n", xml(m.creator))
    };
    let producer = if m.producer.is_empty() {
        String::new()
    } else {
        format!("<pdf:Producer>{}</pdf:Producer>\n", xml(m.producer))
    };
    let keywords = if m.keywords.is_empty() {
        String::new()
    } else {
        format!("<pdf:Keywords>{}</pdf:Keywords>\n", xml(m.keywords))
    };
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">
<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">
<pdfaid:part>1</pdfaid:part>
<pdfaid:conformance>A</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
{PDFUA_EXTENSION}<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">
{dc}</rdf:Description>
<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">
{creator}<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
</rdf:Description>
<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">
{producer}{keywords}</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end=\"w\"?>"
    )
}

/// Every font of a document is a subset (`Fonts::subset`, embedded by printpdf as it is, so
/// named without a tag, or `F1+DejaVuSans` when printpdf cut it): it gets the standard tag of
/// six capitals and, as a subset CID font, a `/CIDSet`. The tag is derived from the font
/// program, so the same glyphs give the same name.
fn fix_subset_fonts(doc: &mut Document) -> lopdf::Result<()> {
    let mut work: Vec<(ObjectId, ObjectId, ObjectId)> = Vec::new();
    for (&id, obj) in &doc.objects {
        let Ok(d) = obj.as_dict() else { continue };
        if d.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0".as_slice()) {
            continue;
        }
        if d.get(b"BaseFont").and_then(Object::as_name).is_err() {
            continue;
        }
        let desc = d.get(b"DescendantFonts")?.as_array()?;
        let Some(Ok(desc)) = desc.first().map(Object::as_dict) else {
            continue;
        };
        let fd = desc.get(b"FontDescriptor")?.as_reference()?;
        let ff = doc.get_dictionary(fd)?.get(b"FontFile2")?.as_reference()?;
        work.push((id, fd, ff));
    }
    for (font, fd, ff) in work {
        let (n, tag) = {
            let program = &doc.get_object(ff)?.as_stream()?.content;
            let n = num_glyphs(program).unwrap_or(0) as usize;
            let hash = crate::files::sha256_hex(program);
            let tag: Vec<u8> = hash.bytes().take(6).map(|b| b'A' + b % 26).collect();
            (n, tag)
        };
        let mut bits = vec![0u8; n.div_ceil(8)];
        for cid in 0..n {
            bits[cid / 8] |= 0x80 >> (cid % 8);
        }
        let cidset = doc.add_object(Stream::new(Dictionary::new(), bits));
        let rename = |old: &[u8]| -> Vec<u8> {
            let base = old.splitn(2, |&b| b == b'+').nth(1).unwrap_or(old);
            [tag.as_slice(), b"+", base].concat()
        };
        let fdd = doc.get_dictionary_mut(fd)?;
        let new = rename(fdd.get(b"FontName")?.as_name()?);
        fdd.set("FontName", Object::Name(new.clone()));
        fdd.set("CIDSet", cidset);
        let f = doc.get_dictionary_mut(font)?;
        f.set("BaseFont", Object::Name(new.clone()));
        if let Ok(Object::Array(a)) = f.get_mut(b"DescendantFonts") {
            if let Some(Object::Dictionary(d)) = a.first_mut() {
                d.set("BaseFont", Object::Name(new));
            }
        }
    }
    Ok(())
}

/// The deflate level of the documents' streams (page contents, structure). lopdf's `compress`
/// uses 9, whose exhaustive longest-match search took a fifth of a national run's CPU time
/// (`perf`, docs/PERFORMANCE.md); 4 deflates these streams in about half the time of zlib's
/// default 6 for about 7% more of their bytes (about 1% of a document).
pub(crate) const DEFLATE_LEVEL: u32 = 4;

/// The deflate level of font programs and the ICC profile (each distinct one deflated once per
/// process, [`deflate_shared`]): zlib's default; 9 makes them 0.3% smaller in twice the time.
const FONT_DEFLATE_LEVEL: u32 = 6;

/// Compresses every stream that may be compressed and is not yet, at [`DEFLATE_LEVEL`], where
/// that makes it smaller (as lopdf's `compress` does). Deterministic.
///
/// A font program (`/Length1` in its dictionary) or ICC profile (`/N`) is deflated once per
/// process: documents share their font subsets (`Fonts::subset`) and the profile, so most of
/// them are found in a cache by their SHA-256.
pub(crate) fn compress(doc: &mut Document) {
    for obj in doc.objects.values_mut() {
        let Object::Stream(s) = obj else { continue };
        if !s.allows_compression || s.dict.get(b"Filter").is_ok() {
            continue;
        }
        // Font programs (`/Length1`) and the ICC profile (`/N`) are the same in most
        // documents: each distinct one is deflated once per process.
        let compressed = if s.dict.get(b"Length1").is_ok() || s.dict.get(b"N").is_ok() {
            deflate_shared(&s.content)
        } else {
            deflate(&s.content, DEFLATE_LEVEL)
        };
        let Some(compressed) = compressed else {
            continue;
        };
        if compressed.len() + 19 < s.content.len() {
            s.dict.set("Filter", "FlateDecode");
            s.set_content(compressed);
        }
    }
}

fn deflate(data: &[u8], level: u32) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 2),
        flate2::Compression::new(level),
    );
    encoder.write_all(data).and_then(|()| encoder.finish()).ok()
}

/// Font programs and ICC profiles deflated so far, by their SHA-256.
static DEFLATED_SHARED: std::sync::OnceLock<
    std::sync::Mutex<std::collections::HashMap<String, Vec<u8>>>,
> = std::sync::OnceLock::new();

/// Forgets the deflated font programs and profiles (`bench` starts each run as a new process would).
pub(crate) fn forget_deflated_shared() {
    if let Some(c) = DEFLATED_SHARED.get() {
        c.lock().expect("deflate cache lock").clear();
    }
}

/// [`deflate`], remembered by the data's SHA-256 (font programs: about a hundred distinct ones
/// in a national run of 643 documents; the ICC profile: one).
fn deflate_shared(data: &[u8]) -> Option<Vec<u8>> {
    use super::fonts::CACHED_SUBSETS;
    let done = DEFLATED_SHARED.get_or_init(Default::default);
    let key = crate::files::sha256_hex(data);
    if let Some(c) = done.lock().expect("deflate cache lock").get(&key) {
        return Some(c.clone());
    }
    let c = deflate(data, FONT_DEFLATE_LEVEL)?;
    let mut done = done.lock().expect("deflate cache lock");
    // A daemon renders for months: the cache starts over rather than grow without end.
    if done.len() >= CACHED_SUBSETS {
        done.clear();
    }
    done.insert(key, c.clone());
    Some(c)
}

/// lopdf writes a line feed between a stream's data and `endstream`. Data that ends in a carriage
/// return then reads as if it ended in CR LF, and a validator counting back from `endstream`
/// (page) finds `/Length` one byte too long (PDF/A-1, 6.1.7). Flate data ends in its checksum,
/// so this strikes one stream in 256: such a stream is written decoded instead (its filter
/// dropped), which ends otherwise. Call after `compress()`; deterministic.
pub(crate) fn unambiguous_stream_ends(doc: &mut Document) {
    for obj in doc.objects.values_mut() {
        let Object::Stream(s) = obj else { continue };
        if s.content.last() != Some(&b'\r') || !s.is_compressed() {
            continue;
        }
        if let Ok(plain) = s.decompressed_content() {
            if plain.last() != Some(&b'\r') {
                s.set_plain_content(plain);
            }
        }
    }
}

/// `maxp.numGlyphs` of a TrueType program.
fn num_glyphs(sfnt: &[u8]) -> Option<u16> {
    let tables = u16::from_be_bytes(sfnt.get(4..6)?.try_into().ok()?) as usize;
    (0..tables).find_map(|i| {
        let record = sfnt.get(12 + 16 * i..28 + 16 * i)?;
        if &record[..4] != b"maxp" {
            return None;
        }
        let offset = u32::from_be_bytes(record[8..12].try_into().ok()?) as usize;
        Some(u16::from_be_bytes(
            sfnt.get(offset + 4..offset + 6)?.try_into().ok()?,
        ))
    })
}

/// The logical structure of a document, collected while it is laid out (`layout::Doc`):
/// node 0 is the `Document`; leaves point at marked content by page and MCID.
#[derive(Debug)]
pub(crate) struct StructTree {
    pub nodes: Vec<SNode>,
    /// Bookmarks: a section's title, its page and its top (mm from the top of the page).
    pub outline: Vec<(String, usize, f32)>,
}

#[derive(Debug)]
pub(crate) struct SNode {
    pub role: &'static str,
    pub parent: Option<usize>,
    pub kids: Vec<SKid>,
    /// Alternative text (figures).
    pub alt: Option<String>,
    /// Header cells: `Column` or `Row`.
    pub scope: Option<&'static str>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum SKid {
    Node(usize),
    Mc { page: usize, mcid: i64 },
}

impl Default for StructTree {
    fn default() -> Self {
        Self {
            nodes: vec![SNode {
                role: "Document",
                parent: None,
                kids: Vec::new(),
                alt: None,
                scope: None,
            }],
            outline: Vec::new(),
        }
    }
}

impl StructTree {
    /// Adds an element under `parent`; returns its index.
    pub fn add(&mut self, role: &'static str, parent: usize) -> usize {
        let id = self.nodes.len();
        self.nodes.push(SNode {
            role,
            parent: Some(parent),
            kids: Vec::new(),
            alt: None,
            scope: None,
        });
        self.nodes[parent].kids.push(SKid::Node(id));
        id
    }
}

/// Writes the structure tree (StructTreeRoot, elements, ParentTree, each page's
/// `/StructParents` and tab order) and the outline; marks the document as tagged.
pub(crate) fn tag(doc: &mut Document, t: &StructTree) -> lopdf::Result<()> {
    use std::collections::BTreeMap;
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = t.nodes.iter().map(|_| doc.new_object_id()).collect();
    let mut owner: BTreeMap<usize, BTreeMap<i64, ObjectId>> = BTreeMap::new();
    for (i, n) in t.nodes.iter().enumerate() {
        let mut kids = Vec::new();
        for kid in &n.kids {
            match *kid {
                SKid::Node(c) => kids.push(Object::Reference(ids[c])),
                SKid::Mc { page, mcid } => {
                    owner.entry(page).or_default().insert(mcid, ids[i]);
                    kids.push(Object::Dictionary(dictionary! {
                        "Type" => "MCR", "Pg" => pages[page], "MCID" => mcid
                    }));
                }
            }
        }
        let mut d = dictionary! {
            "Type" => "StructElem",
            "S" => n.role,
            "P" => n.parent.map_or(root, |p| ids[p]),
            "K" => kids,
        };
        if let Some(SKid::Mc { page, .. }) = n.kids.iter().find(|k| matches!(k, SKid::Mc { .. })) {
            d.set("Pg", pages[*page]);
        }
        if let Some(alt) = &n.alt {
            d.set("Alt", lopdf::text_string(alt));
        }
        if let Some(scope) = n.scope {
            d.set("A", dictionary! { "O" => "Table", "Scope" => scope });
        }
        doc.set_object(ids[i], d);
    }
    let mut nums = Vec::new();
    for (pi, &page) in pages.iter().enumerate() {
        let map = owner.get(&pi);
        let len = map.and_then(|m| m.keys().last()).map_or(0, |&l| l + 1);
        let arr: Vec<Object> = (0..len)
            .map(|mc| {
                map.and_then(|m| m.get(&mc))
                    .map_or(Object::Null, |&id| Object::Reference(id))
            })
            .collect();
        let arr = doc.add_object(arr);
        nums.push(Object::Integer(pi as i64));
        nums.push(Object::Reference(arr));
        let p = doc.get_dictionary_mut(page)?;
        p.set("StructParents", pi as i64);
        p.set("Tabs", "S");
    }
    let parent_tree = doc.add_object(dictionary! { "Nums" => nums });
    doc.set_object(
        root,
        dictionary! {
            "Type" => "StructTreeRoot",
            "K" => vec![Object::Reference(ids[0])],
            "ParentTree" => parent_tree,
            "ParentTreeNextKey" => pages.len() as i64,
        },
    );
    let outlines = outline(doc, &pages, &t.outline);
    let cat = doc.catalog_mut()?;
    cat.set("StructTreeRoot", root);
    cat.set("MarkInfo", dictionary! { "Marked" => true });
    if let Some(o) = outlines {
        cat.set("Outlines", o);
        cat.set("PageMode", "UseOutlines");
    }
    Ok(())
}

/// A flat outline (one bookmark per section), each opening its page at the section.
fn outline(
    doc: &mut Document,
    pages: &[ObjectId],
    items: &[(String, usize, f32)],
) -> Option<ObjectId> {
    if items.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = items.iter().map(|_| doc.new_object_id()).collect();
    for (i, (title, page, y_mm)) in items.iter().enumerate() {
        let top = (super::canvas::PAGE_H - y_mm + 4.0) * 72.0 / 25.4;
        let mut d = dictionary! {
            "Title" => lopdf::text_string(title),
            "Parent" => root,
            "Dest" => vec![
                Object::Reference(pages[(*page).min(pages.len() - 1)]),
                "XYZ".into(),
                Object::Integer(0),
                Object::Real(top),
                Object::Null,
            ],
        };
        if i > 0 {
            d.set("Prev", ids[i - 1]);
        }
        if i + 1 < ids.len() {
            d.set("Next", ids[i + 1]);
        }
        doc.set_object(ids[i], d);
    }
    doc.set_object(
        root,
        dictionary! {
            "Type" => "Outlines",
            "First" => ids[0],
            "Last" => ids[ids.len() - 1],
            "Count" => ids.len() as i64,
        },
    );
    Some(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xmp_escapes_and_carries_the_pdfa_and_pdfua_identification() {
        let m = DocFacts {
            title: "Monitor <MO/BW> & \"U16\"",
            author: "Gemeente Utrecht",
            subject: "",
            keywords: "wonen,uitstroom",
            creator: "woonmonitor",
            producer: "woonmonitor 0.1.0",
            created: DateTime::from_timestamp(1_793_000_000, 0).unwrap(),
            lang: "nl-NL",
        };
        let x = xmp_packet(&m, "2026-10-26T08:13:20Z");
        assert!(x.contains("<pdfaid:part>1</pdfaid:part>"));
        assert!(x.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
        assert!(x.contains("<pdfuaid:part>1</pdfuaid:part>"));
        // pdfuaid is no XMP 2004 schema: PDF/A-1 wants it described in the packet.
        assert!(x.contains(
            "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
        ));
        assert!(x.contains("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"));
        assert!(x.contains("<pdfaProperty:name>part</pdfaProperty:name>"));
        assert!(x.contains("Monitor &lt;MO/BW&gt; &amp; &quot;U16&quot;"));
        assert!(!x.contains("dc:description"), "no empty subject");
        assert!(x.starts_with("<?xpacket begin="));
    }

    #[test]
    fn a_stream_whose_data_ends_in_a_carriage_return_is_written_decoded() {
        // Flate data ends in the Adler-32 checksum; find a content stream whose last byte is CR
        // (long enough for lopdf to compress it at all). Each step adds 97 to the byte sum, the
        // checksum's low half: within 256 steps its last byte takes every value.
        let (plain, packed) = (0..256)
            .map(|i| {
                format!("{}%{}\n", "q 1 0 0 1 0 0 cm Q\n".repeat(20), "a".repeat(i)).into_bytes()
            })
            .find_map(|plain| {
                let mut s = Stream::new(Dictionary::new(), plain.clone());
                s.compress().unwrap();
                (s.content.last() == Some(&b'\r')).then_some((plain, s))
            })
            .unwrap();
        let mut doc = Document::with_version("1.4");
        let id = doc.add_object(packed);
        let other = doc.add_object(Stream::new(Dictionary::new(), vec![b'x'; 200]));
        doc.compress();
        let before = doc.get_object(other).unwrap().as_stream().unwrap().clone();
        unambiguous_stream_ends(&mut doc);
        let s = doc.get_object(id).unwrap().as_stream().unwrap();
        assert_eq!(s.content, plain);
        assert!(!s.is_compressed());
        assert_eq!(
            s.dict.get(b"Length").unwrap().as_i64().unwrap(),
            plain.len() as i64
        );
        // Any other stream stays as it was.
        let after = doc.get_object(other).unwrap().as_stream().unwrap();
        assert!(after.is_compressed());
        assert_eq!(after.content, before.content);
    }

    #[test]
    fn the_bundled_profile_is_icc_version_2_rgb() {
        // Bytes 8..9: major version; 16..20: colour space.
        assert_eq!(SRGB_ICC[8], 2);
        assert_eq!(&SRGB_ICC[16..20], b"RGB ");
    }
}

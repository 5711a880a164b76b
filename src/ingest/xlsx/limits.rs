//! The limits a workbook is read within: its unpacked size, parts, cells, strings, the part of a
//! worksheet that is read, and the XML's tags, texts, depth and attributes.

/// Unpacked, a workbook may be this many bytes plus [`MAX_RATIO`] times its packed size…
pub const BASE_BYTES: u64 = 64 << 20;
pub const MAX_RATIO: u64 = 100;
/// …and never more than this (calamine holds the shared strings in memory).
pub const MAX_UNPACKED: u64 = 512 << 20;
/// The shared strings, the workbook, its relationships and the styles: each at most this
/// many bytes unpacked.
pub const MAX_PART_BYTES: u64 = 64 << 20;
/// Cells in all worksheets together, and entries in the shared strings table.
pub const MAX_CELLS: u64 = 10_000_000;
pub const MAX_STRINGS: u64 = 2_000_000;
/// The part of a worksheet that is read: columns A to IV, rows 1 to 1,048,576.
pub const MAX_COLUMNS: u32 = 256;
pub const MAX_ROWS: u32 = 1_048_576;
/// One tag (`<c r="A1" s="2">`) at most this long…
pub const MAX_TAG: usize = 64 << 10;
/// …one text, comment or CDATA section, and the XML of one cell or shared string, this long…
pub const MAX_RUN: usize = 1 << 20;
/// …elements nested at most this deep, and at most this many attributes in a tag.
pub const MAX_DEPTH: usize = 1_000;
pub const MAX_ATTRIBUTES: usize = 32;
/// The text kept of a worksheet while it is read (cell text and its index).
pub const MAX_SHEET_BYTES: usize = 256 << 20;

//! A worksheet's rows as read (`RawTable`, `RawRow`, `Cells`): what `xlsx` produces and
//! `table` walks, in a module of their own so neither depends on the other.

/// The trimmed cells of one row, in a single allocation (a national file has millions of rows).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cells(csv::StringRecord);

impl Cells {
    #[cfg(test)]
    pub fn get(&self, i: usize) -> Option<&str> {
        self.0.get(i)
    }
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter()
    }
    pub fn to_vec(&self) -> Vec<String> {
        self.0.iter().map(|c| c.to_string()).collect()
    }
}

impl Cells {
    /// Cells already trimmed.
    pub fn from_trimmed<'a>(fields: impl IntoIterator<Item = &'a str>) -> Self {
        Cells(fields.into_iter().collect())
    }
}

impl<S: AsRef<str>> From<Vec<S>> for Cells {
    fn from(v: Vec<S>) -> Self {
        Cells(v.iter().map(|s| s.as_ref().trim()).collect())
    }
}

/// One data row: the line (CSV) or row (xlsx) number in the file, 1-based, and its cells.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    pub line: usize,
    pub cells: Cells,
    /// A worksheet row with filled cells beyond its header: how many cells the sheet's rows
    /// have (the cells beyond the header are not kept).
    pub wide: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RawTable {
    pub headers: Vec<String>,
    pub rows: Vec<RawRow>,
    /// Blank lines (or lines of only separators) that were skipped.
    pub blank_lines: usize,
    /// Set when the file was not UTF-8 and was read as Windows-1252.
    pub encoding_note: Option<String>,
}

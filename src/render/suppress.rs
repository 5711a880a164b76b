//! Small-count suppression for published documents.
//!
//! Every count from 1 to threshold−1 is shown as `< threshold` (primary suppression). Where a
//! table shows a total, a single suppressed cell could be recovered as total minus the other
//! cells, so a second cell is hidden as well (complementary suppression, shown as `x`): the
//! smallest other non-zero cell, else another zero cell, else the total itself.

use super::nl;

/// How a count is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// Shown as the number.
    Shown(u64),
    /// 1..threshold−1: shown as `< threshold`.
    Small,
    /// Hidden so that a small cell cannot be derived from a total: shown as `x`.
    Hidden,
}

impl Cell {
    pub fn is_suppressed(self) -> bool {
        !matches!(self, Cell::Shown(_))
    }
    pub fn text(self, threshold: u32) -> String {
        match self {
            Cell::Shown(n) => nl::int(n),
            Cell::Small => format!("< {threshold}"),
            Cell::Hidden => "x".to_string(),
        }
    }
}

/// Primary suppression of one count.
pub fn primary(v: u64, threshold: u32) -> Cell {
    if v >= 1 && v < threshold as u64 {
        Cell::Small
    } else {
        Cell::Shown(v)
    }
}

/// Primary suppression for a column of parts and their total, plus complementary suppression
/// so that no suppressed part can be computed from the total and the shown parts.
pub fn column(parts: &[u64], total: u64, threshold: u32) -> (Vec<Cell>, Cell) {
    let mut cells: Vec<Cell> = parts.iter().map(|&v| primary(v, threshold)).collect();
    let mut total_cell = primary(total, threshold);
    let suppressed = cells.iter().filter(|c| c.is_suppressed()).count();
    if suppressed == 1 && !total_cell.is_suppressed() {
        let candidate = (0..parts.len())
            .filter(|&i| !cells[i].is_suppressed() && parts[i] > 0)
            .min_by_key(|&i| (parts[i], i))
            .or_else(|| (0..parts.len()).find(|&i| !cells[i].is_suppressed()));
        match candidate {
            Some(i) => cells[i] = Cell::Hidden,
            None => total_cell = Cell::Hidden,
        }
    }
    (cells, total_cell)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_counts_are_suppressed() {
        assert_eq!(primary(0, 5), Cell::Shown(0));
        assert_eq!(primary(1, 5), Cell::Small);
        assert_eq!(primary(4, 5), Cell::Small);
        assert_eq!(primary(5, 5), Cell::Shown(5));
        assert_eq!(
            primary(3, 1),
            Cell::Shown(3),
            "threshold 1 disables suppression"
        );
        assert_eq!(Cell::Small.text(5), "< 5");
        assert_eq!(Cell::Shown(1234).text(5), "1.234");
    }

    #[test]
    fn one_small_cell_gets_a_complement() {
        // 3 + 12 + 20 = 35: hiding only the 3 would leave it as 35 − 12 − 20.
        let (cells, total) = column(&[3, 12, 20], 35, 5);
        assert_eq!(cells, vec![Cell::Small, Cell::Hidden, Cell::Shown(20)]);
        assert_eq!(total, Cell::Shown(35));
        // The only other cells are zero: a zero is hidden.
        let (cells, _) = column(&[3, 0, 9], 12, 5);
        assert_eq!(cells, vec![Cell::Small, Cell::Shown(0), Cell::Hidden]);
        // A single part equals the total: the total is hidden.
        let (cells, total) = column(&[7], 7, 5);
        assert_eq!((cells, total), (vec![Cell::Shown(7)], Cell::Shown(7)));
        let (cells, total) = column(&[3, 9], 12, 10);
        assert_eq!(
            (cells, total),
            (vec![Cell::Small, Cell::Small], Cell::Shown(12))
        );
        let (cells, total) = column(&[3], 3, 5);
        assert_eq!((cells, total), (vec![Cell::Small], Cell::Small));
        let (cells, total) = column(&[0, 3], 8, 5);
        assert_eq!(
            (cells, total),
            (vec![Cell::Hidden, Cell::Small], Cell::Shown(8))
        );
    }

    proptest! {
        /// No suppressed part can be computed back: whenever the total is shown, either no
        /// part is suppressed or at least two are.
        #[test]
        fn suppressed_parts_cannot_be_derived(parts in proptest::collection::vec(0u64..30, 1..8), t in 2u32..11) {
            let total: u64 = parts.iter().sum();
            let (cells, total_cell) = column(&parts, total, t);
            let hidden = cells.iter().filter(|c| c.is_suppressed()).count();
            if !total_cell.is_suppressed() {
                prop_assert!(hidden == 0 || hidden >= 2, "{parts:?} {cells:?}");
            }
            for (c, v) in cells.iter().zip(&parts) {
                if *v >= 1 && (*v as u32) < t {
                    prop_assert!(c.is_suppressed());
                }
            }
        }
    }
}

//! Identifiers compared as people read them: a home number or an application number is the same
//! number whatever its width, case or invisible characters. `W-12`, `w-12`, `Ｗ－１２` and
//! `W-1\u{200b}2` are one home; counting them as four is how a delivery could be inflated.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// `id` folded for comparison: Unicode NFKC (full-width and compatibility forms to their plain
/// ones), format characters removed (zero-width spaces and joiners, direction marks, the BOM,
/// the soft hyphen), white space at either end trimmed, letters in capitals. Borrowed when
/// nothing changes (plain ASCII capitals and digits, the common case).
pub fn fold_id(id: &str) -> Cow<'_, str> {
    let trimmed = id.trim();
    if trimmed
        .bytes()
        .all(|b| b.is_ascii_graphic() && !b.is_ascii_lowercase())
    {
        return Cow::Borrowed(trimmed);
    }
    let folded: String = trimmed
        .nfkc()
        .filter(|c| c.general_category() != GeneralCategory::Format)
        .flat_map(char::to_uppercase)
        .collect();
    Cow::Owned(folded.trim().to_string())
}

/// [`fold_id`] of text that may already be owned.
pub fn fold_id_cow(id: Cow<'_, str>) -> Cow<'_, str> {
    match fold_id(&id) {
        Cow::Borrowed(b) if b.len() == id.len() => id,
        folded => Cow::Owned(folded.into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alike_numbers_fold_to_one() {
        for look_alike in [
            "W-12",
            "w-12",
            " W-12 ",
            "Ｗ－１２",
            "W-1\u{200b}2",
            "\u{feff}W-12",
            "W\u{ad}-12",
            "W-1\u{200d}2\u{2060}",
            "w\u{200e}-12",
        ] {
            assert_eq!(fold_id(look_alike), "W-12", "{look_alike:?}");
        }
        assert_ne!(fold_id("W-12"), fold_id("W-13"));
        assert_ne!(fold_id("P12"), fold_id("12"), "a prefix is another number");
    }

    #[test]
    fn plain_numbers_are_not_copied() {
        assert!(matches!(fold_id("A9000001"), Cow::Borrowed(_)));
        assert!(matches!(fold_id_cow(Cow::Borrowed("A1")), Cow::Borrowed(_)));
        assert_eq!(fold_id_cow(Cow::Owned("a1".into())), "A1");
    }
}

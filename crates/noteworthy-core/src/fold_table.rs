//! Compatibility folding as a table computed at build time.
//!
//! `build.rs` runs Unicode compatibility decomposition (NFKD, from the
//! `unicode-normalization` crate), drops combining marks and folds case for
//! every character, and keeps the ones whose result differs from plain
//! case folding: accented letters, full-width forms, ligatures, styled
//! "𝐛𝐨𝐥𝐝" mathematical letters, circled letters and the like. One lookup
//! then replaces decomposition, mark filtering and case folding; and the
//! browser build carries a few thousand entries instead of the full
//! normalization tables, which would cost more than the whole rule set.

include!(concat!(env!("OUT_DIR"), "/fold_table.rs"));
include!(concat!(env!("OUT_DIR"), "/self_fold_table.rs"));

/// Whether `normalize` keeps `c`, a character past ASCII, as it is: one
/// bit of a bitmap build.rs made by folding every character of the Basic
/// Multilingual Plane; `false` above it, where the full folding decides.
pub(crate) fn folds_to_itself(c: char) -> bool {
    let c = c as u32;
    c <= 0xFFFF && {
        let block = SELF_FOLD_BLOCKS[usize::from(SELF_FOLD_INDEX[(c >> 6) as usize])];
        block >> (c & 63) & 1 != 0
    }
}

/// The folding of `c` (possibly empty, for a lone combining mark), or
/// `None` when plain case folding is all it needs.
pub(crate) fn fold(c: char) -> Option<&'static str> {
    let at = FOLD_KEYS.binary_search(&(c as u32)).ok()?;
    let (offset, len) = FOLD_SPANS[at];
    Some(&FOLD_TEXT[offset as usize..offset as usize + len as usize])
}

#[cfg(test)]
mod tests {
    use super::{fold, folds_to_itself};

    #[test]
    fn characters_that_fold_to_themselves_are_those_normalize_keeps() {
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            if folds_to_itself(c) {
                let one = c.to_string();
                assert_eq!(crate::normalize::normalize(&one).text, one, "{c:?}");
                assert!(fold(c).is_none() && c.to_lowercase().eq([c]), "{c:?}");
            }
        }
        assert!(folds_to_itself('д') && folds_to_itself('中') && folds_to_itself('م'));
        assert!(!folds_to_itself('é') && !folds_to_itself('Д') && !folds_to_itself('\u{200B}'));
    }

    #[test]
    fn folds_compatibility_forms() {
        assert_eq!(fold('é'), Some("e"));
        assert_eq!(fold('Ｌ'), Some("l"));
        assert_eq!(fold('ﬁ'), Some("fi"));
        assert_eq!(fold('𝐛'), Some("b"));
        assert_eq!(fold('ⓐ'), Some("a"));
        assert_eq!(fold('\u{0301}'), Some(""));
        assert_eq!(fold('が'), Some("か"));
        assert_eq!(fold('a'), None);
        assert_eq!(fold('д'), None);
        assert_eq!(fold('한'), None);
    }
}

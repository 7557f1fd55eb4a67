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

/// The folding of `c` (possibly empty, for a lone combining mark), or
/// `None` when plain case folding is all it needs.
pub(crate) fn fold(c: char) -> Option<&'static str> {
    let at = FOLD_KEYS.binary_search(&(c as u32)).ok()?;
    let (offset, len) = FOLD_SPANS[at];
    Some(&FOLD_TEXT[offset as usize..offset as usize + len as usize])
}

#[cfg(test)]
mod tests {
    use super::fold;

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

//! Which scripts write words without spaces between them: the one place
//! that knows, read by the matcher (where a phrase may start), the name and
//! shape detectors, the language guess and `build.rs` (which lays out the
//! matcher's tables and includes this file).

/// Han, kana and Hangul: scripts written without spaces between words.
pub(crate) fn is_cjk(c: char) -> bool {
    (c as u32) >= 0x3040
        && matches!(c as u32,
        0x3040..=0x30FF   // Hiragana, Katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xAC00..=0xD7AF // Hangul syllables
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0x20000..=0x2FFFF)
}

/// Thai, Lao, Myanmar and Khmer: alphabets written without spaces between
/// words, so a phrase must not wait for a word to start (in a Thai note
/// one "word" runs to the next space, a clause long). Unlike CJK they are
/// not counted as CJK by the language guess or the name detectors.
pub(crate) fn is_unspaced_alphabet(c: char) -> bool {
    matches!(c as u32, 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF)
}

/// The least first byte of a character [`is_cjk`] takes in UTF-8: those
/// are U+3040 or above.
pub(crate) const CJK_FIRST_BYTE: u8 = 0xE3;

/// Whether `text` may hold a character [`is_cjk`] takes: a text without a
/// byte from [`CJK_FIRST_BYTE`] up (the largest byte, a vector loop) has
/// none, without decoding it.
pub(crate) fn may_hold_cjk(text: &str) -> bool {
    text.bytes().max().unwrap_or(0) >= CJK_FIRST_BYTE
}

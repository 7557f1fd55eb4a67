//! Folding a note into a canonical form for matching, while remembering
//! where every folded byte came from so evidence can point back into the
//! original text.
//!
//! People (and mass-send tools that want to dodge filters) write the same
//! sentence many ways: curly or straight apostrophes, full-width letters,
//! accents or none, a Cyrillic "а" in place of a Latin "a", zero-width
//! spaces between letters. Rules are written once, in plain lowercase, and
//! both rules and notes pass through [`normalize`], so all of those spell
//! the same thing.

use crate::fold_table;
use crate::swar;

/// A folded note and the map back to the original.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The folded text: lowercase, no accents, straight quotes, single
    /// spaces, no invisible characters.
    pub text: String,
    /// For every byte of `text`, the byte range of the original character it
    /// came from. Several folded bytes can share one original character
    /// ("ﬁ" becomes "fi"). Packed by [`origin_of`] into four bytes, where a
    /// pair of offsets took eight: the map is written for every byte of
    /// every note.
    origin: Vec<u32>,
}

impl Normalized {
    /// The original byte range that folded bytes `start..end` came from.
    /// `start < end` and both must lie within `text`.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let first = self.origin[start];
        let last = self.origin[end - 1];
        (
            (first >> 2) as usize,
            (last >> 2) as usize + (last & 3) as usize + 1,
        )
    }
}

/// The packed [`Normalized::origin`] of an original character of `len`
/// bytes (one to four) at byte `at`: its start above two bits of its
/// length less one. Exact for texts under a gibibyte, as the offsets in
/// `u32`s were for texts under four: a note is judged for at most
/// [`crate::MAX_NOTE_BYTES`].
#[inline(always)]
fn origin_of(at: usize, len: usize) -> u32 {
    (at as u32) << 2 | (len as u32 - 1)
}

/// The longest prefix of `text` of at most `max` bytes that ends on a
/// character boundary.
pub(crate) fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Folds `input` for matching; see the module docs for what is folded.
pub fn normalize(input: &str) -> Normalized {
    let mut out = Normalized::default();
    normalize_into(input, &mut out);
    out
}

/// The words of `text` folded as [`normalize`] folds it, split at every
/// character that is not a letter or digit, those of at least `min_bytes`
/// bytes pushed on `out`: for short texts such as a name. Printable ASCII
/// (most names) folds to itself lowercased, none of its other bytes a
/// letter or digit (see [`PLAIN_ASCII`]; a test holds the two ways
/// alike), so its words are its runs of letters and digits, lowercased,
/// without the map back to the original that `normalize` builds.
pub(crate) fn folded_words(text: &str, min_bytes: usize, out: &mut Vec<String>) {
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        out.extend(
            text.split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| w.len() >= min_bytes)
                .map(str::to_ascii_lowercase),
        );
    } else {
        out.extend(
            normalize(text)
                .text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() >= min_bytes)
                .map(str::to_string),
        );
    }
}

thread_local! {
    /// The buffers of the last note folded by [`folded`], kept for the
    /// next: the map back to the original is four bytes a byte, too big
    /// for the allocator's fast path, and allocating and freeing it and
    /// the text for every note cost more than 1% of a note.
    static SPARE: std::cell::Cell<Normalized> = std::cell::Cell::new(Normalized::default());
}

/// A note folded into reused buffers, which go back for the next note
/// when this is dropped.
pub(crate) struct Folded(Normalized);

impl std::ops::Deref for Folded {
    type Target = Normalized;
    fn deref(&self) -> &Normalized {
        &self.0
    }
}

impl Drop for Folded {
    fn drop(&mut self) {
        let buffers = std::mem::take(&mut self.0);
        // Gone only while the thread ends; then the buffers are freed.
        let _ = SPARE.try_with(|spare| spare.set(buffers));
    }
}

/// [`normalize`], into the buffers the previous note used.
pub(crate) fn folded(input: &str) -> Folded {
    let mut out = SPARE.try_with(|spare| spare.take()).unwrap_or_default();
    normalize_into(input, &mut out);
    Folded(out)
}

/// [`normalize`] into `out`, whose contents are replaced and whose
/// buffers are reused.
fn normalize_into(input: &str, out: &mut Normalized) {
    out.text.clear();
    out.origin.clear();
    out.text.reserve(input.len());
    out.origin.reserve(input.len());
    // Start as if after a space so leading whitespace is dropped.
    let mut last_was_space = true;
    let bytes = input.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let byte = bytes[pos];
        // Most notes are mostly ASCII: copy runs of printable ASCII, with
        // the single spaces between words (they fold to themselves too),
        // whole, without the Unicode tables; lowercased with the rest of
        // the text at the end.
        let run = plain_run_end(bytes, pos) - pos;
        if run > 0 {
            out.text.push_str(&input[pos..pos + run]);
            out.origin.extend((pos..pos + run).map(|p| origin_of(p, 1)));
            last_was_space = false;
            pos += run;
            continue;
        }
        if byte.is_ascii() && byte != b'`' {
            // The run above took every other ASCII byte: this is whitespace
            // or a control character.
            push_space(out, &mut last_was_space, origin_of(pos, 1));
            pos += 1;
            continue;
        }
        let ch = input[pos..]
            .chars()
            .next()
            .expect("pos is on a char boundary");
        let range = origin_of(pos, ch.len_utf8());
        pos += ch.len_utf8();
        // Most characters past ASCII (letters of scripts without case,
        // lowercase letters nothing folds) stay as they are: copied at
        // once, without searching the fold and lowercase tables.
        if fold_table::folds_to_itself(ch) {
            push(out, ch, range);
            last_was_space = false;
            continue;
        }
        if is_invisible(ch) {
            continue;
        }
        if ch.is_whitespace() {
            push_space(out, &mut last_was_space, range);
            continue;
        }
        if let Some(folded) = fold_punctuation(ch).or_else(|| lookalike(ch)) {
            push(out, folded, range);
            last_was_space = false;
            continue;
        }
        match fold_table::fold(ch) {
            Some(folded) => {
                for part in folded.chars() {
                    // "ё", "ї", "ά" lose their marks to a Cyrillic "е", "і"
                    // and a Greek "α", which look Latin: folded as those
                    // are, so "твоё" and "твое" are one word, and folding
                    // twice changes nothing.
                    let part = lookalike(part).unwrap_or(part);
                    if part.is_whitespace() {
                        push_space(out, &mut last_was_space, range);
                    } else {
                        push(out, part, range);
                        last_was_space = false;
                    }
                }
            }
            // Not in the table: plain lowercase is its whole folding (the
            // table holds the special ones, such as ß → ss).
            None => {
                for lower in ch.to_lowercase() {
                    push(out, lower, range);
                }
                last_was_space = false;
            }
        }
    }
    // The runs' capitals, lowercased in one pass over the whole text, which
    // the compiler runs sixteen bytes at a time: lowercasing each run as
    // it was copied left most of its bytes to the vector loop's byte-wise
    // tail. Every other character was pushed folded, and no folding
    // (lowercase, the fold table's, a lookalike's, a punctuation mark's)
    // gives a capital ASCII letter, so only the runs' bytes change.
    out.text.make_ascii_lowercase();
    if out.text.ends_with(' ') {
        out.text.pop();
        out.origin.pop();
    }
}

/// Where the run at `pos` of printable ASCII that folds to itself, and
/// of single spaces between such bytes, ends (`pos` itself when none is
/// there). Eight bytes at a time after the first: a byte loop tested
/// every space apart, and left the test at each word's end with a
/// mispredicted branch.
#[inline(always)]
fn plain_run_end(bytes: &[u8], pos: usize) -> usize {
    // A space may not open the run: it is only copied between plain bytes.
    if !bytes.get(pos).is_some_and(|&b| plain_ascii(b)) {
        return pos;
    }
    // The run is found first with every space in it that another space
    // does not follow, and cut back after by the space that ends it, if
    // one does: that space stands before a byte outside the run (or
    // before nothing), and is not in it. So the eight bytes' own marks
    // and the last of the eight before say where the run stops (asking of
    // each space whether a plain byte follows it read a ninth byte, and
    // looked it up, each time).
    let mut end = pos + 1;
    // Sixteen bytes at a time first, while all of them stay in the run:
    // most notes are a single run of plain ASCII, which this passes in a
    // quarter of the eight-byte scan's instructions (the compiler tests
    // the sixteen bytes at once, in vector registers, as it does in the
    // browser build).
    while plain_sixteen(bytes, end) {
        end += 16;
    }
    // A space as the last of the eight bytes before, in the high bit of
    // the first byte.
    let mut space_before = if bytes[end - 1] == b' ' { 0x80 } else { 0 };
    let stop = 'scan: {
        while let Some(eight) = swar::load(bytes, end) {
            let spaces = swar::equal(eight, b' ') & swar::HIGH_BITS;
            let second_spaces = spaces & (spaces << 8 | space_before);
            let stop = !plain_or_space_bytes(eight) & swar::HIGH_BITS | second_spaces;
            if stop != 0 {
                break 'scan end + swar::first(stop);
            }
            space_before = spaces >> 56;
            end += 8;
        }
        let mut after_space = space_before != 0;
        while let Some(&b) = bytes.get(end) {
            let space = b == b' ';
            if !(plain_ascii(b) || space) || (space && after_space) {
                break;
            }
            after_space = space;
            end += 1;
        }
        end
    };
    // Past the first byte, which is plain, so never below `pos + 1`.
    if bytes[stop - 1] == b' ' {
        stop - 1
    } else {
        stop
    }
}

/// Whether the sixteen bytes at `at` (if there are sixteen) all stay in a
/// plain run that has reached `at`: each [`plain_ascii`] or a space, and
/// no space after a space (the byte before `at` too).
#[inline(always)]
fn plain_sixteen(bytes: &[u8], at: usize) -> bool {
    let Some(window) = bytes.get(at - 1..at + 16) else {
        return false;
    };
    let (before, sixteen) = (&window[..16], &window[1..]);
    // Without an early exit, so that the compiler tests all sixteen at
    // once. (Gathering where they stop, a bit a byte, it did not.)
    let stops = sixteen
        .iter()
        .zip(before)
        .fold(false, |stops, (&b, &prev)| {
            stops | !plain_or_space(b) | (b == b' ' && prev == b' ')
        });
    !stops
}

/// Whether `b` is [`plain_ascii`] or a space: range tests, which the
/// compiler runs on sixteen bytes at once ([`plain_sixteen`]) where it
/// would not look sixteen bytes up in [`PLAIN_ASCII`].
const fn plain_or_space(b: u8) -> bool {
    matches!(b, b' '..=b'~') && b != b'`'
}

/// The bytes of `eight` that are [`plain_or_space`], as [`swar`] marks
/// them.
#[inline(always)]
fn plain_or_space_bytes(eight: u64) -> u64 {
    swar::within(eight, 0x20, 0x7E) & !swar::equal(eight, b'`')
}

/// Printable ASCII that folds to itself, lowercased: everything but
/// whitespace, control characters and the backtick (an apostrophe).
fn plain_ascii(b: u8) -> bool {
    PLAIN_ASCII[usize::from(b)]
}

/// [`plain_ascii`] as a table: one load a byte in the loop that copies
/// every run of the note, instead of range tests.
const PLAIN_ASCII: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b as u8 != b' ' && plain_or_space(b as u8);
        b += 1;
    }
    table
};

/// One space for a run of whitespace, none at the start.
fn push_space(out: &mut Normalized, last_was_space: &mut bool, range: u32) {
    if !*last_was_space {
        out.text.push(' ');
        out.origin.push(range);
        *last_was_space = true;
    }
}

/// Adds `ch` to the folded text, every byte of it from `range`: the map
/// extended once for the character by a copy of up to four, where a push
/// a byte checked its room a byte (and a call of `resize` cost more than
/// the copy). Inlined: it runs for most characters past ASCII.
#[inline(always)]
fn push(out: &mut Normalized, ch: char, range: u32) {
    out.text.push(ch);
    out.origin.extend_from_slice(&[range; 4][..ch.len_utf8()]);
}

/// Zero-width characters, bidi controls and other format characters that
/// render as nothing: they only ever serve to break up a phrase.
fn is_invisible(ch: char) -> bool {
    matches!(ch,
        '\u{00AD}'              // soft hyphen
        | '\u{034F}'            // combining grapheme joiner
        | '\u{061C}'            // Arabic letter mark
        | '\u{180E}'            // Mongolian vowel separator
        | '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
        | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}' // bidi isolates
        | '\u{FE00}'..='\u{FE0F}' // variation selectors
        | '\u{FEFF}'            // byte-order mark
    )
}

/// Quotes, apostrophes and dashes have many code points and one meaning.
fn fold_punctuation(ch: char) -> Option<char> {
    Some(match ch {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`'
        | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' | '\u{300C}' | '\u{300D}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        _ => return None,
    })
}

/// Cyrillic and Greek letters that look exactly like Latin ones, used to
/// slip a stock sentence past naive filters.
fn lookalike(ch: char) -> Option<char> {
    Some(match ch {
        'а' | 'А' | 'α' | 'Α' => 'a',
        'е' | 'Е' | 'ε' | 'Ε' => 'e',
        'о' | 'О' | 'ο' | 'Ο' => 'o',
        'р' | 'Р' | 'ρ' | 'Ρ' => 'p',
        'с' | 'С' => 'c',
        'х' | 'Х' | 'χ' | 'Χ' => 'x',
        'у' | 'У' => 'y',
        'і' | 'І' | 'ι' | 'Ι' => 'i',
        'ј' | 'Ј' => 'j',
        'ѕ' | 'Ѕ' => 's',
        'к' | 'К' | 'κ' | 'Κ' => 'k',
        'н' | 'Н' | 'η' | 'Η' => 'h',
        'т' | 'Т' | 'τ' | 'Τ' => 't',
        'м' | 'М' | 'μ' | 'Μ' => 'm',
        'в' | 'В' | 'β' | 'Β' => 'b',
        'ν' | 'Ν' => 'v',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eight_byte_plain_test_is_the_byte_test() {
        for b in 0..=255u8 {
            let eight = swar::each_byte(b);
            assert_eq!(
                plain_or_space_bytes(eight) & swar::HIGH_BITS == swar::HIGH_BITS,
                plain_or_space(b),
                "{b:#x}"
            );
            assert_eq!(plain_ascii(b), b != b' ' && plain_or_space(b), "{b:#x}");
        }
    }

    /// What [`folded_words`] must give: the words of the text as
    /// `normalize` folds it.
    fn words_of_normalize(name: &str) -> Vec<String> {
        normalize(name)
            .text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 2)
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn a_printable_ascii_name_has_the_words_normalize_folds_it_to() {
        let printable: Vec<char> = (b' '..=b'~').map(char::from).collect();
        let mut names: Vec<String> = Vec::new();
        // Every pair of printable characters, each between letters.
        for &a in &printable {
            for &b in &printable {
                names.push(format!("{a}{b}"));
                names.push(format!("Ab{a}{b}Cd"));
            }
        }
        // Longer names from a fixed generator, and real-looking ones.
        let mut state = 0x2545_f491_u32;
        for _ in 0..20_000 {
            let len = (state % 17) as usize;
            let name: String = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    printable[state as usize % printable.len()]
                })
                .collect();
            names.push(name);
        }
        names.extend(
            [
                "Anna-Lena O'Brien",
                "Dr. J. R. R. Tolkien",
                "Mary  Ann   MCKAY",
                "AT&T Jr.",
                "x",
                "  ",
                "Li Wei (PhD)",
            ]
            .map(String::from),
        );
        for name in names {
            let mut got = Vec::new();
            folded_words(&name, 2, &mut got);
            assert_eq!(got, words_of_normalize(&name), "{name:?}");
        }
        // Past ASCII, the fold itself.
        let mut got = Vec::new();
        folded_words("Zoë Ångström-Łukasz", 2, &mut got);
        assert_eq!(got, words_of_normalize("Zoë Ångström-Łukasz"));
    }

    /// The run of [`plain_run_end`] found byte by byte, as the folding
    /// loop found it before.
    fn plain_run_end_bytewise(bytes: &[u8], pos: usize) -> usize {
        let mut end = pos;
        while end < bytes.len() {
            let b = bytes[end];
            if plain_ascii(b) {
                end += 1;
            } else if b == b' ' && end > pos && bytes.get(end + 1).is_some_and(|&n| plain_ascii(n))
            {
                end += 2;
            } else {
                break;
            }
        }
        end
    }

    #[test]
    fn plain_runs_end_where_the_byte_loop_ends() {
        // Seeded strings of the bytes that end a run or not, at every start.
        let alphabet = b"ab  `\n\t.\xc3\xa9~!";
        let mut seed = 12345u32;
        for len in 0..40 {
            for _ in 0..200 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                        alphabet[(seed >> 16) as usize % alphabet.len()]
                    })
                    .collect();
                for pos in 0..=len {
                    assert_eq!(
                        plain_run_end(&bytes, pos),
                        plain_run_end_bytewise(&bytes, pos),
                        "{bytes:?} at {pos}"
                    );
                }
            }
        }
    }

    #[test]
    fn folding_is_idempotent_across_marked_lookalikes() {
        for text in ["твоё твое", "Її її ії", "Καλημέρα καλημερα ΆΈΊ", "Ёлка"]
        {
            let once = normalize(text).text;
            assert_eq!(normalize(&once).text, once, "{text}");
        }
        assert_eq!(normalize("твоё").text, normalize("твое").text);
        assert_eq!(normalize("καλημέρα").text, normalize("καλημερα").text);
    }

    #[test]
    fn folds_case_accents_quotes_and_space() {
        let n = normalize("  I’D   Like\tto  CAFÉ ");
        assert_eq!(n.text, "i'd like to cafe");
    }

    #[test]
    fn removes_invisible_and_maps_lookalikes() {
        // Cyrillic а and е, a zero-width space and a bidi override.
        let n = normalize("I'd l\u{200B}ikе to \u{202E}аdd you");
        assert_eq!(n.text, "i'd like to add you");
    }

    #[test]
    fn compatibility_forms_fold() {
        assert_eq!(normalize("ＬｉｎｋｅｄＩｎ ﬁne").text, "linkedin fine");
        assert_eq!(normalize("Straße").text, "strasse");
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let src = "Héllo ＷＯＲＬＤ";
        let n = normalize(src);
        let at = n.text.find("world").unwrap();
        let (s, e) = n.original_range(at, at + "world".len());
        assert_eq!(&src[s..e], "ＷＯＲＬＤ");
        let (s, e) = n.original_range(0, "hello".len());
        assert_eq!(&src[s..e], "Héllo");
    }

    #[test]
    fn empty_and_blank_inputs() {
        assert_eq!(normalize("").text, "");
        assert_eq!(normalize(" \n\t\u{200B} ").text, "");
    }
}

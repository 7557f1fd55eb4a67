//! The note as a list of words, read once and shared by the detectors that
//! look at words in context (details, questions) and by the token model.
//!
//! Words are runs of letters and digits (an apostrophe or hyphen inside a
//! word keeps it whole) in the folded text; each remembers its original
//! bytes, so a detector can ask whether the writer capitalised it, and
//! which sentence it stands in. Scripts written without spaces give one
//! word a character.

use crate::lexicon::{self, Kinds};
use crate::matcher::is_alphanumeric;
use crate::normalize::Normalized;
use crate::scripts::is_cjk;
use crate::swar;
use crate::tokens;
use std::cell::Cell;
use std::ops::{Deref, DerefMut};

/// One word of the note.
///
/// Where it stands is kept as offsets, not slices: four `u32`s where two
/// string slices and a range took 48 bytes, so a word is 40 bytes rather
/// than 80, and the splitter writes half as much a word. Its text is read
/// through [`Word::original`] and [`Word::folded`], given the note and the
/// folded text it was split from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    /// Byte range of the folded word in the folded text.
    folded_start: u32,
    /// End of that range.
    folded_end: u32,
    /// Byte range of the word as written in the note.
    start: u32,
    /// End of that range.
    end: u32,
    /// Index of the sentence the word stands in, from 0.
    pub sentence: u16,
    /// Index of the clause the word stands in, from 0, numbered through
    /// the note: a new one at each sentence and after a comma, semicolon
    /// or dash between words. Found in the pass that finds sentences,
    /// which already reads the text between words.
    pub clause: u16,
    /// The word classes it belongs to (greeting, pronoun…), looked up once.
    pub kinds: Kinds,
    /// The languages the word is a stopword of, found in the same lookup
    /// (see [`crate::language::detect_in`]).
    pub stop_langs: u16,
    /// Where the lexicon lists the word its kinds came from, to read them
    /// again in the note's language ([`settle`]); 0 for a word no two
    /// languages read differently (or not listed at all).
    pub entry: u16,
    /// [`lexicon::word_hash`] of the folded word: the lexicon's key, and
    /// the token model's hash of the word alone ([`crate::tokens`]).
    pub hash: u32,
    /// The token model's hash of the pair the word before opened, closed
    /// with this word ([`tokens::WordHashes::joined`]); meaningless for
    /// the first word. Found with `hash` in one pass over the word's
    /// bytes: a pass of the model's own cost a loop a word.
    pub joined_hash: u32,
    /// Whether the word opens its sentence (or the note).
    pub opens_sentence: bool,
    /// Whether a hyphen stands inside the word ("re-bonjour").
    pub hyphenated: bool,
    /// Whether the word holds an ASCII digit, which the token model reads
    /// as any number.
    pub has_digit: bool,
}

impl Word {
    /// The word as written, in `note`, the text it was split from.
    pub(crate) fn original<'t>(&self, note: &'t str) -> &'t str {
        &note[self.start()..self.end()]
    }

    /// The folded word, in `folded`, the folded text it was split from
    /// ([`Normalized::text`]).
    pub(crate) fn folded<'t>(&self, folded: &'t str) -> &'t str {
        let (start, end) = self.folded_range();
        &folded[start..end]
    }

    /// Where the word as written starts in the note, in bytes.
    pub(crate) fn start(&self) -> usize {
        self.start as usize
    }

    /// Where the word as written ends in the note, in bytes.
    pub(crate) fn end(&self) -> usize {
        self.end as usize
    }

    /// The byte range of the folded word in the folded text.
    pub(crate) fn folded_range(&self) -> (usize, usize) {
        (self.folded_start as usize, self.folded_end as usize)
    }
}

/// Characters that end a sentence when they stand between two words.
const fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | ';' | ':' | '\n' | '…' | '。' | '！' | '？' | '؟' | '।' | '|' | '•'
    )
}

const fn is_inner(c: char) -> bool {
    c == '\'' || c == '-' || c == '’'
}

/// A word's kinds and stopword languages; a word the lexicon does not list that ends in a
/// hyphenated clitic takes the clitic's: French and Portuguese put the
/// pronoun after the verb in questions ("avez-vous", "pouvez-vous").
///
/// `hyphen` is where the word's last hyphen is, if it has one, which the
/// splitter notes as it goes: searching every word the lexicon does not
/// list for one cost as much as the lookup.
fn kinds_of(folded: &[u8], hash: u32, hyphen: Option<usize>) -> lexicon::Entry {
    let entry = lexicon::lookup_hashed(folded, hash);
    if entry.kinds != Kinds::default() {
        return entry;
    }
    match hyphen {
        Some(at) if at + 1 < folded.len() => {
            let clitic = &folded[at + 1..];
            lexicon::Entry {
                stop_langs: entry.stop_langs,
                ..lexicon::lookup_hashed(clitic, lexicon::word_hash(clitic))
            }
        }
        _ => entry,
    }
}

/// Reads every word's kinds again as the note's language (`language`, a
/// code) gives them, where its rule file knows the word
/// ([`lexicon::kinds_in`]): the word lists are one table for every
/// language, and a word that is a pronoun in one is a possessive or a
/// noun in another. A language without a rule file changes nothing.
pub(crate) fn settle(words: &mut [Word], language: &str) {
    let Some(lang) = lexicon::language_index(language) else {
        return;
    };
    for w in words.iter_mut().filter(|w| w.entry != 0) {
        if let Some(kinds) = lexicon::kinds_in(w.entry, lang) {
            w.kinds = kinds;
        }
    }
}

/// The character at byte `i` of `text` (a character boundary) and its
/// length, without the decoder for ASCII.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        (char::from(b), 1)
    } else {
        let c = text[i..].chars().next().expect("on a char boundary");
        (c, c.len_utf8())
    }
}

/// Characters that start a new clause when they stand between two words.
const fn breaks_clause(c: char) -> bool {
    matches!(c, ',' | ';' | '–' | '—' | '，' | '、' | '،' | '；')
}

/// Bit of [`GAP_ASCII`]: the byte ends a sentence ([`ends_sentence`]).
const ENDS_SENTENCE: u8 = 1;
/// Bit of [`GAP_ASCII`]: the byte breaks a clause ([`breaks_clause`]).
const BREAKS_CLAUSE: u8 = 2;

/// What each ASCII byte between two words says, as a table: one load a
/// byte instead of the two predicates' chains of comparisons.
const GAP_ASCII: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8 as char;
        if ends_sentence(c) {
            table[b] |= ENDS_SENTENCE;
        }
        if breaks_clause(c) {
            table[b] |= BREAKS_CLAUSE;
        }
        b += 1;
    }
    table
};

/// Whether the text between two words, `original[from..to]`, holds a
/// character that ends a sentence, and whether it holds one that breaks
/// a clause. It is empty when `from > to` (two words from one folded
/// character); both are character boundaries. Most gaps are one space,
/// answered inline; the rest are read as bytes, without slicing the text,
/// until a byte past ASCII.
#[inline(always)]
fn gap_breaks(original: &str, from: usize, to: usize) -> (bool, bool) {
    if to == from + 1 && original.as_bytes()[from] == b' ' {
        return (false, false);
    }
    longer_gap_breaks(original, from, to)
}

/// [`gap_breaks`] of a gap that is not one space.
fn longer_gap_breaks(original: &str, from: usize, to: usize) -> (bool, bool) {
    let Some(gap) = original.as_bytes().get(from..to) else {
        return (false, false);
    };
    let mut found = 0;
    for &b in gap {
        if !b.is_ascii() {
            let gap = &original[from..to];
            return (
                gap.chars().any(ends_sentence),
                gap.chars().any(breaks_clause),
            );
        }
        found |= GAP_ASCII[usize::from(b)];
    }
    (found & ENDS_SENTENCE != 0, found & BREAKS_CLAUSE != 0)
}

/// `u8::is_ascii_alphanumeric` as a table: one load a byte instead of
/// three range tests, in the loop that crosses every word.
pub(crate) const ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The ASCII bytes that end a word wherever they stand: neither a letter
/// nor a digit, nor an inner character ([`is_inner`]) that may join two
/// words' letters.
const ASCII_SEPARATOR: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = !ASCII_ALNUM[b] && !is_inner(b as u8 as char);
        b += 1;
    }
    table
};

/// Where the run of ASCII letters and digits at `i` in `bytes` ends (`i`
/// itself when none is there). Eight bytes at a time: most words end
/// within the first eight, so the loop runs once and its exit is
/// foreseen, where a byte loop's exit, at a word's end, was a mispredicted
/// branch a word.
#[inline(always)]
pub(crate) fn alnum_run_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(eight) = swar::load(bytes, i) {
        let other = !alnum_bytes(eight) & swar::HIGH_BITS;
        if other != 0 {
            return i + swar::first(other);
        }
        i += 8;
    }
    while i < bytes.len() && ASCII_ALNUM[usize::from(bytes[i])] {
        i += 1;
    }
    i
}

/// The bytes of `eight` that are ASCII letters or digits
/// ([`ASCII_ALNUM`]), as [`swar`] marks them.
#[inline(always)]
fn alnum_bytes(eight: u64) -> u64 {
    // Setting bit 5 turns the capitals into small letters and no other
    // byte into one.
    swar::within(eight | swar::each_byte(0x20), b'a', b'z') | swar::within(eight, b'0', b'9')
}

/// Whether `bytes[s..e]`, a word (never empty), holds an ASCII digit. A
/// word of at most eight bytes with eight bytes of the text from its
/// start, as most are, is tested in one `u64`: a byte loop left at a place
/// the branch predictor could not foresee.
#[inline(always)]
fn holds_digit(bytes: &[u8], s: usize, e: usize) -> bool {
    let len = e - s;
    match swar::load(bytes, s) {
        // Not `(1..=8).contains(&len)`: that test cost the splitter's loop
        // 300 instructions a note, in registers spilled.
        Some(eight) if len <= 8 => {
            // The word's bytes alone.
            debug_assert!(len > 0, "a word is never empty");
            swar::within(eight, b'0', b'9') & swar::HIGH_BITS & swar::first_bytes(len) != 0
        }
        _ => bytes[s..e].iter().any(u8::is_ascii_digit),
    }
}

thread_local! {
    /// The word list of the last note split on the thread, emptied, kept
    /// for the next ([`Words`]).
    static SPARE: Cell<Vec<Word>> = const { Cell::new(Vec::new()) };
}

/// The words of a note, in the list the thread's last note used, which
/// goes back for the next note when this is dropped
/// ([`crate::spare`]: a word list is kilobytes).
#[derive(Debug)]
pub(crate) struct Words {
    list: Vec<Word>,
    /// Whether an apostrophe stands outside the words, between them or
    /// at either end: noted as the text is split, for the language guess
    /// ([`Words::apostrophe_between`]).
    apostrophe_between: bool,
}

impl Words {
    /// An empty list with room for `len` words.
    fn with_room(len: usize) -> Self {
        let mut list = SPARE.try_with(Cell::take).unwrap_or_default();
        list.clear();
        list.reserve(len);
        Words {
            list,
            apostrophe_between: false,
        }
    }

    /// Whether an apostrophe of the folded text stands outside the words
    /// (not inside one, as in "i'm"): where none does, no two words are
    /// joined by apostrophes alone, as the language guess's split joins
    /// them ([`crate::language`]), and it reads the words as they are.
    pub(crate) fn apostrophe_between(&self) -> bool {
        self.apostrophe_between
    }
}

impl Deref for Words {
    type Target = Vec<Word>;
    fn deref(&self) -> &Vec<Word> {
        &self.list
    }
}

impl DerefMut for Words {
    fn deref_mut(&mut self) -> &mut Vec<Word> {
        &mut self.list
    }
}

impl<'w> IntoIterator for &'w Words {
    type Item = &'w Word;
    type IntoIter = std::slice::Iter<'w, Word>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

/// The longest word list a thread keeps for the next note: room for a
/// thousand words (40 KB), where LinkedIn's 300 characters hold some 60.
/// The list of a note of the largest size judged, 16 KB, would be a
/// eighth of a megabyte, kept for as long as the thread lives.
const KEPT_WORDS: usize = 1024;

impl Drop for Words {
    fn drop(&mut self) {
        if self.list.capacity() > KEPT_WORDS {
            return;
        }
        let mut words = std::mem::take(&mut self.list);
        words.clear();
        // Gone only while the thread ends; then the list is freed.
        let _ = SPARE.try_with(|spare| spare.set(words));
    }
}

/// The word splitter's state between two words: where the last one
/// ended and which sentence and clause it stood in.
struct Splitter<'a> {
    original: &'a str,
    norm: &'a Normalized,
    out: Words,
    sentence: u16,
    clause: u16,
    prev_end: usize,
    /// Where the token model's pair that the last word opened stands
    /// ([`tokens::opened_pair`]).
    open_pair: u32,
    /// Whether the folded text holds an ASCII digit anywhere: most notes
    /// hold none, and then no word's bytes are tested for one (a test a
    /// byte in the hashing loop was a third of its instructions).
    digits: bool,
}

impl<'a> Splitter<'a> {
    /// Adds the word at `s..e` of the folded text, whose last inner hyphen
    /// is at `hyphen`. Inlined into the splitter's loop: it runs for every
    /// word, and as a call it saved and restored six registers each time.
    #[inline(always)]
    fn push(&mut self, s: usize, e: usize, hyphen: Option<usize>) {
        let text = self.norm.text.as_str();
        let (start, end) = self.norm.original_range(s, e);
        // A new clause at each sentence too.
        let opens = if self.out.is_empty() {
            true
        } else {
            let (ends, breaks) = gap_breaks(self.original, self.prev_end, start);
            let before = self.sentence;
            if ends {
                self.sentence = self.sentence.saturating_add(1);
            }
            if breaks || self.sentence != before {
                self.clause = self.clause.saturating_add(1);
            }
            ends
        };
        self.prev_end = end;
        // Bytes: slicing the text checked both ends for a character
        // boundary, ten instructions a word.
        let folded = &text.as_bytes()[s..e];
        let hashes = tokens::word_hashes(folded, self.open_pair);
        self.open_pair = tokens::opened_pair(hashes.pair);
        let hash = hashes.own;
        let entry = kinds_of(folded, hash, hyphen.map(|h| h - s));
        // The note is at most `MAX_NOTE_BYTES` and its folding's map back
        // holds `u32` offsets: every offset fits.
        self.out.push(Word {
            folded_start: s as u32,
            folded_end: e as u32,
            start: start as u32,
            end: end as u32,
            kinds: entry.kinds,
            stop_langs: entry.stop_langs,
            entry: entry.id,
            hyphenated: hyphen.is_some(),
            hash,
            joined_hash: hashes.joined,
            has_digit: self.digits && holds_digit(text.as_bytes(), s, e),
            sentence: self.sentence,
            clause: self.clause,
            opens_sentence: opens,
        });
    }
}

/// Splits the note into words with their sentences.
pub(crate) fn words<'a>(original: &'a str, norm: &'a Normalized) -> Words {
    let text = norm.text.as_str();
    let mut split = Splitter {
        original,
        norm,
        out: Words::with_room(text.len() / 5 + 1),
        sentence: 0,
        clause: 0,
        prev_end: 0,
        open_pair: 0,
        // Without an early exit, a loop the compiler runs sixteen bytes
        // at a time.
        digits: text.bytes().fold(false, |any, b| any | b.is_ascii_digit()),
    };
    // The last hyphen inside the word being read, as a byte of `text`.
    let mut hyphen: Option<usize> = None;
    let mut start: Option<usize> = None;
    // Byte by byte with ASCII decided by byte tests: decoding every
    // character and asking the Unicode tables cost a quarter of the
    // splitting.
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if ASCII_ALNUM[usize::from(bytes[i])] {
            // A run of ASCII letters and digits, in one step: a word or
            // the rest of one.
            let s = *start.get_or_insert(i);
            i = alnum_run_end(bytes, i + 1);
            // Most words end at a space: the word is pushed here, without
            // going round the loop to find the space.
            if bytes.get(i) == Some(&b' ') {
                start = None;
                split.push(s, i, hyphen.take());
                i += 1;
            }
            continue;
        }
        if ASCII_SEPARATOR[usize::from(bytes[i])] {
            // The space between two words, as most other bytes are, or
            // punctuation that cannot stand inside a word (ASCII but for
            // the apostrophe and the hyphen), which the character path
            // decoded and asked of. With the word ended at its space
            // above, 260 instructions a note (of 33,600).
            if let Some(s) = start.take() {
                split.push(s, i, hyphen.take());
            }
            i += 1;
            continue;
        }
        let (c, len) = char_at(text, i);
        let at = i;
        i += len;
        if is_cjk(c) {
            if let Some(s) = start.take() {
                split.push(s, at, hyphen.take());
            }
            split.push(at, i, None);
            continue;
        }
        let inner = is_inner(c)
            && start.is_some()
            && i < bytes.len()
            && is_alphanumeric(char_at(text, i).0);
        if inner && c == '-' {
            hyphen = Some(at);
        }
        if c == '\'' && !inner {
            split.out.apostrophe_between = true;
        }
        if is_alphanumeric(c) || inner {
            start.get_or_insert(at);
        } else if let Some(s) = start.take() {
            split.push(s, at, hyphen.take());
        }
    }
    if let Some(s) = start {
        split.push(s, text.len(), hyphen);
    }
    split.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn a_hyphenated_clitic_gives_its_kind() {
        use crate::lexicon::Kind;
        let note = "Avez-vous géré les doublons ? Re-bonjour, Anne-Marie";
        let norm = normalize(note);
        let w = words(note, &norm);
        assert!(w[0].kinds.has(Kind::You), "avez-vous");
        assert!(!w
            .iter()
            .any(|w| w.original(note) == "Anne-Marie" && w.kinds.has(Kind::You)));
    }

    #[test]
    fn words_keep_their_sentences_and_original_bytes() {
        let note = "Hi Ana! We met at PyCon.\nDo you use Kafka’s streams?";
        let norm = normalize(note);
        let w = words(note, &norm);
        let shown: Vec<(&str, u16, bool)> = w
            .iter()
            .map(|w| (w.original(note), w.sentence, w.opens_sentence))
            .collect();
        assert_eq!(shown[0], ("Hi", 0, true));
        assert_eq!(shown[2], ("We", 1, true));
        assert_eq!(shown[5], ("PyCon", 1, false));
        assert_eq!(shown[6], ("Do", 2, true));
        assert_eq!(w[9].original(note), "Kafka’s");
        assert_eq!(w[9].folded(&norm.text), "kafka's");
    }

    #[test]
    fn a_word_is_at_most_forty_bytes() {
        // The splitter writes every byte of every word: keep it small.
        assert!(std::mem::size_of::<Word>() <= 40);
    }

    #[test]
    fn a_notes_word_list_is_kept_for_the_next_unless_huge() {
        let (first, second) = ("Hi Ana, we met at PyCon.", "Another note, other words");
        let (norm1, norm2) = (normalize(first), normalize(second));
        let at = words(first, &norm1).as_ptr() as usize;
        assert_eq!(words(second, &norm2).as_ptr() as usize, at);
        let huge = "word ".repeat(3 * KEPT_WORDS);
        let norm = normalize(&huge);
        assert_eq!(words(&huge, &norm).len(), 3 * KEPT_WORDS);
        let kept = SPARE.with(|spare| {
            let words = spare.take();
            let capacity = words.capacity();
            spare.set(words);
            capacity
        });
        assert_eq!(kept, 0, "the huge list went back to the allocator");
    }

    #[test]
    fn digits_are_found_where_the_byte_loop_finds_them() {
        let text = b"ab1cdefgh9ijklmnop\xc3\xa90";
        for s in 0..text.len() {
            for e in s + 1..=text.len() {
                let want = text[s..e].iter().any(u8::is_ascii_digit);
                assert_eq!(holds_digit(text, s, e), want, "{s}..{e}");
            }
        }
    }

    #[test]
    fn alnum_runs_end_where_the_byte_loop_ends() {
        // Every byte after a run of each length, at each place in a chunk.
        for b in 0..=255u8 {
            for len in 0..20 {
                let mut bytes = vec![b'k'; len];
                bytes.push(b);
                bytes.extend_from_slice(b"zz");
                let mut want = 0;
                while want < bytes.len() && ASCII_ALNUM[usize::from(bytes[want])] {
                    want += 1;
                }
                assert_eq!(alnum_run_end(&bytes, 0), want, "{b:#x} after {len}");
            }
        }
    }

    #[test]
    fn scripts_without_spaces_give_a_word_a_character() {
        let note = "先日のPyCon";
        let norm = normalize(note);
        let w: Vec<&str> = words(note, &norm)
            .iter()
            .map(|w| w.original(note))
            .collect();
        assert_eq!(w, ["先", "日", "の", "PyCon"]);
    }
}

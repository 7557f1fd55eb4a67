//! Signs of a specific note that do not depend on a known phrase, and so
//! hold in any language that writes names with capitals (Latin, Cyrillic,
//! Greek) or in Latin or katakana inside a CJK note:
//!
//! - **named details**: a proper name in the note (an event, a talk, a
//!   project, a product, a place, a person) that is not the recipient's own
//!   name, the greeting's addressee or the sender's signature;
//! - **the sender's own names**: the same, but in a sentence where the
//!   sender speaks of "our", "my" or "I'm" and never of the recipient: a
//!   pitch ("At Acme, our engineers…", "I'm Joe from Acme"), not a detail
//!   of the recipient's world;
//! - **numbers and dates** in a sentence ("on August 12th", "in 2019"),
//!   apart from the quantities pitches brag with (`172+`, `$25`, `30%`)
//!   and the sender's own ("a 3rd year student graduating May 2025");
//! - **a person named through a relation** ("Rohan's brother", "a
//!   colleague of Priya Raman"): a mutual contact in free form;
//! - **a question** of the sender's own (template questions are phrase
//!   rules with negative weights, so they cancel it out);
//! - **more than the stock sentence**: LinkedIn's stock text with a real
//!   sentence of the sender's own beside it.
//!
//! Word classes (greetings, pronouns, sign-offs) come from the rule files
//! through [`crate::lexicon`].

use crate::census::Census;
use crate::lexicon::{Kind, Kinds};
use crate::matcher::is_alphabetic;
use crate::normalize::folded_words;
use crate::ranges::{merge, overlaps};
use crate::scratch::Scratch;
use crate::scripts::is_cjk;
use crate::spare::{Kept, RangeList};
use crate::swar;
use crate::types::Invitation;
use crate::words::Word;
use std::cell::Cell;

/// Byte ranges of the original note.
pub(crate) type Spans = Vec<(usize, usize)>;

/// What the word detectors found in one note.
#[derive(Debug, Default)]
pub(crate) struct Details {
    /// Names of the recipient's world: events, projects, people, places.
    pub named: Spans,
    /// Names in sentences about the sender's own company.
    pub own: Spans,
    /// Dates, years and plain numbers.
    pub numbers: Spans,
    /// Quantities that pitches brag with.
    pub bragging: Spans,
    /// Questions of a few words or more.
    pub questions: Spans,
    /// A person named beside a word of kin: "Rohan's brother", "a
    /// colleague of Priya", "mi hermana Ana".
    pub relations: Spans,
    /// Per sentence ([`Word::sentence`]), what it holds: [`TO_YOU`],
    /// [`OF_ME`], [`OWNED`], [`HISTORY`], [`THANKS`], read by several
    /// detectors, found once.
    pub sentences: Vec<u8>,
    /// Every kind some word of the note belongs to: a detector that looks
    /// for words of one kind (kin, thanks, offers, channels), which most
    /// notes hold none of, knows at once that it has nothing to read.
    pub kinds: Kinds,
}

impl Details {
    /// Empties every list, keeping their allocations for the next note.
    fn clear(&mut self) {
        let Details {
            named,
            own,
            numbers,
            bragging,
            questions,
            relations,
            sentences,
            kinds,
        } = self;
        for spans in [named, own, numbers, bragging, questions, relations] {
            spans.clear();
        }
        sentences.clear();
        *kinds = Kinds::default();
    }
}

thread_local! {
    /// The details of the last note judged on the thread, kept for the
    /// next ([`crate::spare`]).
    static SPARE: Cell<Details> = Cell::new(Details::default());
}

/// A sentence (or clause) that speaks to the recipient ("you", "your",
/// "vous").
const TO_YOU: u8 = 1;
/// A sentence (or clause) with a word of the sender's own ("my", "our",
/// "I'm"), in a phrase of shared history or not.
const OF_ME: u8 = 2;
/// A sentence (or clause) with a word of the sender's own outside a phrase
/// of shared history ("our" in "after our call" is both people's).
const OWNED: u8 = 4;
/// A sentence (or clause) holding a phrase of shared history ("we spoke
/// on the phone yesterday", "nach unserem Telefonat"): the two have
/// talked, so the call or the email it names is their past, not an ask.
const HISTORY: u8 = 8;
/// A sentence (or clause) that thanks ("danke für die Hilfe gestern im
/// Kotlin-Slack bei meinem Gradle-Problem"): it speaks of what the
/// recipient did, so the names in it are not the sender's own pitch.
const THANKS: u8 = 16;

/// Whether `flags` hold `flag`.
fn has(flags: u8, flag: u8) -> bool {
    flags & flag != 0
}

/// Whether a sentence's or a clause's `flags` speak of the sender's own and
/// never to the recipient (nor thank them): a name there is the sender's.
fn sender_only(flags: u8) -> bool {
    has(flags, OWNED) && !has(flags, TO_YOU) && !has(flags, THANKS)
}

/// [`is_name_like`] of word `w` of `note`, the text it was split from.
/// A word of at most eight bytes with eight bytes of the note from its
/// start, as most are, is tested in one `u64`: the byte loops (is it
/// ASCII, is a letter a capital) left at a place the branch predictor
/// could not foresee, twice a word.
#[inline(always)]
fn word_is_name_like(note: &str, w: &Word) -> bool {
    match short_ascii(note, w) {
        Some(eight) => {
            w.end() - w.start() >= 2 && swar::within(eight, b'A', b'Z') & swar::HIGH_BITS != 0
        }
        None => longer_is_name_like(note, w),
    }
}

/// The bytes of word `w` of `note` in one `u64`, the rest zero, when it
/// is of at most eight ASCII bytes with eight bytes of the note from its
/// start (most words): what the eight-byte name tests read.
#[inline(always)]
fn short_ascii(note: &str, w: &Word) -> Option<u64> {
    let len = w.end() - w.start();
    let eight = swar::load(note.as_bytes(), w.start()).filter(|_| len <= 8)?;
    let eight = eight & swar::first_bytes(len);
    (eight & swar::HIGH_BITS == 0).then_some(eight)
}

/// [`word_is_name_like`] of a word [`short_ascii`] does not read (more
/// than eight bytes, not ASCII, or at the end of the note): one of up to
/// sixteen ASCII bytes, most of them, in
/// two `u64`s, the second the eight bytes that end the word; a call of
/// [`is_name_like`], which reads the word twice a byte at a time, cost
/// five times as much.
fn longer_is_name_like(note: &str, w: &Word) -> bool {
    let bytes = note.as_bytes();
    let (start, end) = (w.start(), w.end());
    if let (9..=16, Some(first), Some(last)) = (
        end - start,
        swar::load(bytes, start),
        end.checked_sub(8).and_then(|at| swar::load(bytes, at)),
    ) {
        if (first | last) & swar::HIGH_BITS == 0 {
            let capitals = swar::within(first, b'A', b'Z') | swar::within(last, b'A', b'Z');
            return capitals & swar::HIGH_BITS != 0;
        }
    }
    is_name_like(w.original(note))
}

/// [`is_marked_name`] of word `w` of `note`, the text it was split from:
/// a word of at most eight ASCII bytes with eight bytes of the note from
/// its start, as most are, tested in one `u64`, where reading it as a
/// string took three loops (is it ASCII, how many capitals, any digit).
/// Out of line: it is asked of few words (those that open a sentence and
/// look like names, and "you"), and inlined it made the name detector's
/// loop dearer for every word.
#[inline(never)]
fn word_is_marked_name(note: &str, w: &Word) -> bool {
    let Some(eight) = short_ascii(note, w) else {
        return is_marked_name(w.original(note));
    };
    let upper = swar::count(swar::within(eight, b'A', b'Z'));
    let digit = swar::within(eight, b'0', b'9') & swar::HIGH_BITS != 0;
    upper >= 2 || (upper >= 1 && digit)
}

/// Whether a word was capitalised by its writer in a way that marks a name:
/// "PyCon", "Kafka", "DHL", "iFood", "GA4".
fn is_name_like(word: &str) -> bool {
    if word.is_ascii() {
        // The same test on bytes: most words are ASCII, and decoding
        // them was a third of the detectors' instructions.
        return word.len() >= 2 && word.bytes().any(|b| b.is_ascii_uppercase());
    }
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    word.chars().count() >= 2 && (first.is_uppercase() || chars.any(char::is_uppercase))
}

/// Acronyms, inner capitals and letters with digits: names even in a
/// language that capitalises every noun.
fn is_marked_name(word: &str) -> bool {
    if word.is_ascii() {
        let upper = word.bytes().filter(u8::is_ascii_uppercase).count();
        return upper >= 2 || (upper >= 1 && word.bytes().any(|b| b.is_ascii_digit()));
    }
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    upper >= 2 || (word.chars().any(|c| c.is_ascii_digit()) && upper >= 1)
}

/// A Latin word (letters, maybe digits): a name inside a note written in a
/// script without capitals.
fn is_latin_word(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_alphanumeric()) && word.chars().any(|c| c.is_ascii_alphabetic())
}

/// Whether `word`, of a note in a script without capitals, is a name
/// there: a Latin word or katakana. Out of line: few notes are such, and
/// inlined it made the name detector's loop dearer for every word.
#[inline(never)]
fn uncased_name(word: &str) -> bool {
    is_latin_word(word) || word.chars().any(is_katakana)
}

fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A0..=0x30FF)
}

/// Runs every word detector over the note's words, split from `original`
/// and its folded text `folded` ([`crate::words::words`]); `census` is
/// [`Census::of`] `original`.
///
/// `lang` is the note's detected language: in a language that capitalises
/// every noun (German), only marked names (acronyms, inner capitals,
/// letters with digits) count.
pub(crate) fn find(
    original: &str,
    folded: &str,
    words: &[Word],
    inv: &Invitation,
    lang: &str,
    shared: &[(usize, usize)],
    census: &Census,
) -> Kept<Details> {
    let mut out = Kept::take(&SPARE);
    out.clear();
    if words.is_empty() {
        return out;
    }
    // A script without capitals (CJK, Hangul, Arabic, Hebrew, Devanagari,
    // Thai…) marks no names by case: there, Latin words and katakana are
    // the names (products, companies, events).
    let uncased = !census.ascii() && is_uncased(original, words);
    let nouns_capitalised = crate::rules::CAPITALISES_NOUNS.contains(&lang);

    // Whose a name is, the sender's or the recipient's, is read in its
    // sentence and in its clause: "I'm Nicole a student at NMIMS Mumbai,
    // and I hope you could review my resume" names the sender's school in a
    // sentence that also speaks to "you"; "Chez Qonto, nous aidons nos
    // clients" names the sender's company in a clause of its own.
    let sentences = words.last().map_or(0, |w| w.sentence as usize + 1);
    let clause_count = words.last().map_or(0, |w| usize::from(w.clause) + 1);
    let mut in_sentence = std::mem::take(&mut out.sentences);
    in_sentence.resize(sentences, 0);
    let mut in_clause_table = Scratch::<u8, 64>::new(clause_count);
    let in_clause: &mut [u8] = &mut in_clause_table;
    let mut kinds = Kinds::default();
    for w in words {
        kinds = kinds.with(w.kinds);
        let mine = w.kinds.has(Kind::SelfWord);
        // Most words say nothing of whose sentence it is: they touch
        // neither table, where marking every word's sentence and clause
        // with its flags, most of them none, cost 1.2% of a note.
        if !mine && !w.kinds.has(Kind::You) && !w.kinds.has(Kind::Thanks) {
            continue;
        }
        // "Our" inside a phrase of shared history ("after our call", "since
        // our … days", "nossa conversa sobre") is both people's, not the
        // sender's: it does not make the names beside it the sender's own.
        let owned = mine && !in_any(shared, w);
        let flags = (u8::from(w.kinds.has(Kind::You)) * TO_YOU)
            | (u8::from(mine) * OF_ME)
            | (u8::from(owned) * OWNED)
            | (u8::from(w.kinds.has(Kind::Thanks)) * THANKS);
        in_sentence[usize::from(w.sentence)] |= flags;
        in_clause[usize::from(w.clause)] |= flags;
    }
    // The sentences and clauses of the words inside a phrase of shared
    // history, found from the phrases (most notes have none, the others
    // one or two), where asking it of every word cost a search of them a
    // word.
    for &(start, end) in shared {
        let first = words.partition_point(|w| w.start() < start);
        for w in words[first..].iter().take_while(|w| w.start() <= end) {
            if w.end() <= end {
                in_sentence[usize::from(w.sentence)] |= HISTORY;
                in_clause[usize::from(w.clause)] |= HISTORY;
            }
        }
    }
    out.kinds = kinds;
    let in_clause: &[u8] = in_clause;
    let known = known_names(inv);
    let mut excluded = Scratch::<bool, 128>::new(words.len());
    excluded_words(original, folded, words, &known, kinds, &mut excluded);
    // Read through a slice: indexing the scratch table itself asked where
    // it lives (stack or heap) at every word.
    let excluded: &[bool] = &excluded;

    // Whether what stands in this sentence and clause is the sender's own:
    // names there are a pitch's, numbers the sender's facts.
    let senders = |sentence: u16, clause: u16| {
        sender_only(in_sentence[usize::from(sentence)])
            || sender_only(in_clause[usize::from(clause)])
    };
    let mut run: Option<(usize, usize, u16, u16)> = None;
    let flush = |run: &mut Option<(usize, usize, u16, u16)>, out: &mut Details| {
        if let Some((s, e, sentence, clause)) = run.take() {
            if senders(sentence, clause) {
                out.own.push((s, e));
            } else {
                out.named.push((s, e));
            }
        }
    };
    for (i, w) in words.iter().enumerate() {
        let candidate = !excluded[i]
            && if uncased {
                uncased_name(w.original(original))
            } else if nouns_capitalised {
                word_is_marked_name(original, w)
            } else {
                word_is_name_like(original, w)
                    && (!w.opens_sentence || word_is_marked_name(original, w))
            }
            // The polite "you" capitalised mid-sentence ("Vás", "Вас",
            // "Anda") is the reader, not a name; an acronym that folds to
            // a "you" ("TU München", "TU Delft") still is one.
            && !w.kinds.has(Kind::NotDetail)
            && (!w.kinds.has(Kind::You) || word_is_marked_name(original, w));
        if candidate {
            run = match run {
                Some((s, _, sentence, c))
                    if sentence == w.sentence && joined(original, words, i) =>
                {
                    Some((s, w.end(), sentence, c))
                }
                _ => {
                    flush(&mut run, &mut out);
                    Some((w.start(), w.end(), w.sentence, w.clause))
                }
            };
        } else if run.is_some()
            && !(w.kinds.has(Kind::Connector) && next_is_candidate(original, words, i))
        {
            // (Without a run, flushing does nothing: no call for most words.)
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    if uncased {
        // Katakana comes one character a word: join the runs found above.
        out.named = merge(std::mem::take(&mut out.named));
    }
    domains(original, folded, words, &in_sentence, &mut out);
    if out.kinds.has(Kind::Kin) {
        relations(original, folded, words, excluded, &mut out);
    }
    // Most notes have no digit and ask nothing: their words are not read
    // for numbers, nor their sentences' ends for question marks (`?`, and
    // the last byte of `？` and of `؟`, which other characters may end in
    // too).
    if census.digit {
        numbers(
            original,
            folded,
            words,
            |w| senders(w.sentence, w.clause),
            &mut out,
        );
    }
    if census.question {
        questions(original, words, &mut out);
    }
    out.sentences = in_sentence;
    out
}

/// Whether the note, which is not all ASCII (ASCII is all cased: the
/// caller answers such a note at once from its [`Census`]), is in a script
/// without capitals: a CJK character, or more letters without case than
/// with. ASCII words are counted by bytes; decoding every letter of every
/// note cost more than the name detector itself.
fn is_uncased(original: &str, words: &[Word]) -> bool {
    // Nearly every note past ASCII (accents, Cyrillic, curly quotes) holds
    // no CJK character and no letter without case anywhere: then none of
    // its words does, and the answer is no without reading them (testing
    // every letter's case in them cost more than all the other detectors
    // but the name detector).
    if !any_may_be_uncased(original) {
        return false;
    }
    // The words past ASCII first, each read once: a CJK character answers
    // at once; in nearly every other note none holds a letter without
    // case, and then the answer is no without counting the ASCII words'
    // letters, most of the work.
    let (mut cased, mut other) = (0usize, 0usize);
    for w in words.iter().filter(|w| !w.original(original).is_ascii()) {
        for c in w.original(original).chars() {
            if is_cjk(c) {
                return true;
            }
            if is_alphabetic(c) {
                if c.is_uppercase() || c.is_lowercase() {
                    cased += 1;
                } else {
                    other += 1;
                }
            }
        }
    }
    if other == 0 {
        return false;
    }
    for w in words.iter().filter(|w| w.original(original).is_ascii()) {
        cased += w
            .original(original)
            .bytes()
            .filter(u8::is_ascii_alphabetic)
            .count();
    }
    other > cased
}

/// Whether some character of `note` is CJK or a letter without case (what
/// [`is_uncased`] counts as uncased), or may be: its ASCII runs are
/// stepped over eight bytes at a time, and most characters past ASCII are
/// answered by their block alone ([`CASED_BLOCKS`]).
fn any_may_be_uncased(note: &str) -> bool {
    let bytes = note.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // `i` is always a character's first byte.
        match swar::load(bytes, i) {
            Some(eight) if eight & swar::HIGH_BITS == 0 => {
                i += 8;
                continue;
            }
            // The first byte past ASCII of the eight: ASCII bytes before
            // it, so it starts a character.
            Some(eight) => i += swar::first(eight),
            None if bytes[i] < 0x80 => {
                i += 1;
                continue;
            }
            None => {}
        }
        // The character's block read from its first bytes, without
        // decoding it (the note is UTF-8: `i` starts a character of two,
        // three or four bytes): a character of two bytes is U+0080 to
        // U+07FF, in the block its first byte's low five bits number.
        let lead = bytes[i];
        let (block, len) = match lead {
            0xC0..=0xDF => (usize::from(lead & 0x1F), 2),
            0xE0..=0xEF => (
                usize::from(lead & 0x0F) << 6 | usize::from(bytes[i + 1] & 0x3F),
                3,
            ),
            _ => (usize::MAX, 4),
        };
        if block == usize::MAX || CASED_BLOCKS[block / 64] >> (block % 64) & 1 == 0 {
            let Some(c) = note[i..].chars().next() else {
                break;
            };
            if may_be_uncased(c) {
                return true;
            }
        }
        i += len;
    }
    false
}

/// Whether character `c` is CJK or a letter without case: `false` at once
/// for a character of a block in [`CASED_BLOCKS`].
#[inline]
fn may_be_uncased(c: char) -> bool {
    let n = c as u32;
    if n < 0x1_0000 {
        let block = (n / 64) as usize;
        if CASED_BLOCKS[block / 64] >> (block % 64) & 1 == 1 {
            return false;
        }
    }
    is_cjk(c) || (is_alphabetic(c) && !c.is_uppercase() && !c.is_lowercase())
}

/// One bit for each block of 64 code points below U+10000 that holds no
/// CJK character and no letter without case (Latin, Greek, Cyrillic,
/// general punctuation, symbols): its characters never make a note
/// uncased. Checked against the standard library's tables by a test.
static CASED_BLOCKS: [u64; 16] = [
    0x8000_0000_001F_D33F,
    0x3F74_0000_0000_8008,
    0xFE0F_FFFF_FFFF_FFAF,
    0x0000_0000_0000_FF00,
    0x0080_0000_0000_0000,
    0,
    0,
    0,
    0,
    0,
    0x0000_6000_2000_0000,
    0,
    0,
    0xFFFF_FFFF_0000_0000,
    0xFFFF_FFFF_FFFF_FFFF,
    0x1100_000F_FFFF_FFFF,
];

/// A bare domain written in a sentence ("Did you create sducraft.kz?"):
/// a site or product named exactly, whatever the case. Links with `www.` or
/// a scheme are the link detectors' business.
fn domains(original: &str, folded: &str, words: &[Word], sentences: &[u8], out: &mut Details) {
    // A domain's last word starts right after a full stop, and no word
    // starts with a space: in a note whose every full stop ends it or is
    // followed by a space or a line break (nine notes in ten), there is
    // none, and no pair of words to read.
    let bytes = original.as_bytes();
    if !memchr::memchr_iter(b'.', bytes)
        .any(|at| bytes.get(at + 1).is_some_and(|b| !b.is_ascii_whitespace()))
    {
        return;
    }
    for pair in words.windows(2) {
        let (name, tld) = (&pair[0], &pair[1]);
        // Most words are not followed by a full stop and a word: the
        // cheapest test first (on bytes: the words' ends are character
        // boundaries), the others only for those.
        if tld.start() != name.end() + 1 || original.as_bytes()[name.end()] != b'.' {
            continue;
        }
        let is_tld = (2..=6).contains(&tld.folded(folded).len())
            && tld.folded(folded).bytes().all(|b| b.is_ascii_lowercase());
        let ends = original[tld.end()..]
            .chars()
            .next()
            .map_or(true, |c| !c.is_alphanumeric() && c != '/' && c != '.');
        let starts = original[..name.start()]
            .chars()
            .next_back()
            .map_or(true, |c| c.is_whitespace() || matches!(c, '(' | '"' | '\''));
        if is_tld
            && ends
            && starts
            && name.folded(folded) != "www"
            && name.folded(folded).len() >= 3
        {
            let sentence = usize::from(name.sentence);
            let span = (name.start(), tld.end());
            if sender_only(sentences[sentence]) {
                out.own.push(span);
            } else {
                out.named.push(span);
            }
        }
    }
}

/// A person named beside their relation to someone: "Rohan's brother", "a
/// colleague of Priya Raman", "my brother, Rohan", "mi hermana Ana", "Bruder
/// von Tom". Someone both people know, named in the sender's own words, in
/// any language whose rule file lists its words of kin. The greeting's
/// addressee, the signature and the two people's own names are not a
/// third person (`excluded`).
fn relations(original: &str, folded: &str, words: &[Word], excluded: &[bool], out: &mut Details) {
    let is_person = |w: &Word| {
        w.original(original)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
            && !w.kinds.has(Kind::You)
            && !w.kinds.has(Kind::SelfWord)
            && !w.kinds.has(Kind::NotName)
            && !w.kinds.has(Kind::NotDetail)
            && !w.kinds.has(Kind::Greeting)
            && !w.kinds.has(Kind::SignOff)
            && !w.kinds.has(Kind::Kin)
    };
    for (i, w) in words
        .iter()
        .enumerate()
        .filter(|(_, w)| w.kinds.has(Kind::Kin))
    {
        // "Rohan's brother": a name in the possessive right before. Never
        // the greeting's addressee nor a signature, even where those run
        // on ("Hi Amit, I'm Atharva, Rohan's brother").
        if let Some(prev) = i.checked_sub(1).map(|p| &words[p]) {
            if prev.sentence == w.sentence
                && between(original, prev.end(), w.start()).trim().is_empty()
                && prev.folded(folded).ends_with("'s")
                && is_person(prev)
            {
                out.relations.push((prev.start(), w.end()));
                continue;
            }
        }
        // "brother of Rohan", "my brother, Rohan": a name after, past one
        // small word ("of", "von", "de") or a comma, that is not the
        // addressee's ("Dear friend Maria") or the signature's.
        if i > 0 && words[i - 1].kinds.has(Kind::Greeting) {
            continue;
        }
        let mut j = i + 1;
        if words
            .get(j)
            .is_some_and(|n| n.sentence == w.sentence && n.kinds.has(Kind::Connector))
        {
            j += 1;
        }
        if words.get(j).is_some_and(|n| {
            n.sentence == w.sentence
                && !n.opens_sentence
                && !excluded[j]
                && is_person(n)
                && matches!(
                    between(original, words[j - 1].end(), n.start()).trim(),
                    "" | ","
                )
        }) {
            out.relations.push((w.start(), words[j].end()));
        }
    }
}

// Out of line, as `joined` below: asked only where a name's run is open.
#[inline(never)]
fn next_is_candidate(original: &str, words: &[Word], i: usize) -> bool {
    words.get(i + 1).is_some_and(|n| {
        n.sentence == words[i].sentence
            && n.original(original)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    })
}

/// Whether word `i` continues the name before it: only spaces, a hyphen,
/// an ampersand or connectors between. Out of line: asked only of a name
/// after a name, and inlined it made the name detector's loop dearer for
/// every word.
#[inline(never)]
fn joined(original: &str, words: &[Word], i: usize) -> bool {
    i > 0 && {
        let gap = between(original, words[i - 1].end(), words[i].start());
        gap.chars()
            .all(|c| c == ' ' || c == '-' || c == '&' || c == '.' && gap.len() == 1)
    }
}

/// The original text between two words. Empty when one folded character
/// became two words ("½" folds to "1/2"), so the words share their bytes.
fn between(original: &str, end: usize, start: usize) -> &str {
    original.get(end..start).unwrap_or("")
}

/// The recipient's and the sender's own names, folded: never a detail.
fn known_names(inv: &Invitation) -> Vec<String> {
    let mut out = Vec::new();
    for name in [inv.recipient.name.as_deref(), inv.sender.name.as_deref()]
        .into_iter()
        .flatten()
    {
        folded_words(name, 2, &mut out);
    }
    out
}

/// Marks in `out` (one `false` a word) the words that are never details:
/// the addressee after a greeting, the sender's name after a sign-off or
/// alone at the end, and known names; `kinds` are those of all the words.
/// Filled in the caller's table: a table returned was copied, 128 bytes
/// and more, for every note.
fn excluded_words(
    original: &str,
    folded: &str,
    words: &[Word],
    known: &[String],
    kinds: Kinds,
    out: &mut [bool],
) {
    if !known.is_empty() {
        for (flag, w) in out.iter_mut().zip(words) {
            *flag = known.iter().any(|k| k == w.folded(folded));
        }
    }
    // The addressee: after a greeting (and titles), the capitalised words
    // that follow; also a name alone before the first comma ("Ryan, …").
    let mut i = 0;
    while i < words.len() && i < 8 {
        let k = words[i].kinds;
        if k.has(Kind::Greeting) || k.has(Kind::Honorific) || k.has(Kind::Filler) {
            out[i] = true;
            i += 1;
            continue;
        }
        if i > 0
            && out[i - 1]
            && words[i]
                .original(original)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        {
            out[i] = true;
            i += 1;
            continue;
        }
        break;
    }
    if words.len() > 1
        && words[0]
            .original(original)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    {
        let gap = between(original, words[0].end(), words[1].start());
        if gap.trim_start().starts_with(',') {
            out[0] = true;
        }
    }
    // The signature: the last sentence when it is only a name or two, or
    // whatever follows a sign-off word near the end.
    let last = words.last().map_or(0, |w| w.sentence);
    // Sentences only grow along the note: the last one's words are its
    // end, counted back no further than the test needs.
    let in_last = words
        .iter()
        .rev()
        .take(4)
        .take_while(|w| w.sentence == last)
        .count();
    let tail = words.len() - in_last;
    if in_last <= 3
        && words[tail..].iter().all(|w| {
            w.original(original)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
    {
        for flag in &mut out[tail..] {
            *flag = true;
        }
    }
    // Whatever follows a sign-off word near the end; most notes hold none
    // (`kinds` has every kind of their words) and are not searched.
    if kinds.has(Kind::SignOff) {
        let from = words.len().saturating_sub(6);
        if let Some(at) = (from..words.len()).find(|&i| words[i].kinds.has(Kind::SignOff)) {
            for flag in &mut out[at..] {
                *flag = true;
            }
        }
    }
}

/// Digits in a sentence: dates, years, counts. Quantities with `+`, `%` or
/// a currency sign, or followed by "k"/"x", are what pitches brag with. A
/// value after `=` is code's or markup's (`x=1`), neither.
fn numbers(
    original: &str,
    folded: &str,
    words: &[Word],
    senders: impl Fn(&Word) -> bool,
    out: &mut Details,
) {
    let bytes = original.as_bytes();
    for w in words
        .iter()
        // A number is written with a digit first ("12th", "2019", "3rd").
        // Digits after letters are part of a name or a handle ("GA4",
        // "@ohneis652"), which the name detector reads or not. An ASCII
        // digit is one byte, never part of another character: the note's
        // byte is read, without slicing the note for the word.
        .filter(|w| w.start() < w.end() && bytes[w.start()].is_ascii_digit())
    {
        let before = original[..w.start()].chars().next_back();
        if before == Some('=') {
            continue;
        }
        let after = original[w.end()..].chars().next();
        let brag = matches!(before, Some('$' | '€' | '£' | '₹' | '¥' | '#'))
            || matches!(after, Some('+' | '%' | 'x' | 'k' | 'K' | 'M' | '$' | '€'))
            || w.folded(folded).ends_with('k')
            || w.folded(folded).ends_with('x');
        if brag {
            out.bragging.push((w.start(), w.end()));
        } else if !senders(w) {
            // A date or a number in a sentence the sender writes of
            // themselves alone ("I'm a 3rd year student graduating May
            // 2025") is a fact of the sender's, as a name there is: no
            // detail of the recipient's world.
            out.numbers.push((w.start(), w.end()));
        }
    }
}

/// Sentences of four words or more that end in a question mark.
fn questions(original: &str, words: &[Word], out: &mut Details) {
    // Where the sentence after the one read starts, in `words`.
    let mut after = 0;
    for sentence in words.chunk_by(|a, b| a.sentence == b.sentence) {
        after += sentence.len();
        // Shorter than either length, a sentence is no question whatever
        // it ends with: its end is not read.
        if sentence.len() < 4 {
            continue;
        }
        let (opening, last) = (&sentence[0], &sentence[sentence.len() - 1]);
        let end = words.get(after).map_or(original.len(), |n| n.start());
        let asks = between(original, last.end(), end)
            .chars()
            .any(|c| matches!(c, '?' | '？' | '؟'));
        // Six words when the sentence opens with a CJK word, four else.
        if asks && (sentence.len() >= 6 || !opening.original(original).chars().any(is_cjk)) {
            out.questions.push((opening.start(), last.end()));
        }
    }
}

/// The questions that are the sender's own: not inside a phrase a rule
/// knows as canned (`canned`: stock, template and pitch matches), such as
/// "Would you be open to connecting?", and not an ask to move to a call or
/// an email (`asks`, [`contact_asks`]): "Heb je deze week 5-10 minuten om
/// dit cv telefonisch te bespreken?" is the template question of a pitch
/// in any wording, not one only this recipient can answer.
pub(crate) fn own_questions(
    d: &Details,
    canned: &[(usize, usize)],
    asks: &[(usize, usize)],
) -> RangeList {
    let mut own = RangeList::default();
    let mut questions = d
        .questions
        .iter()
        .filter(|&&q| !overlaps(canned, q) && !overlaps(asks, q))
        .peekable();
    // Most notes ask nothing of their own: no list for them.
    if questions.peek().is_some() {
        own = RangeList::new();
        own.extend(questions.copied());
    }
    own
}

/// Questions that name something specific (a project, a product, a
/// number): "Did you create sducraft.kz?", "How did you cut the intake
/// flow to 2 screens?"; a template question names nothing, and the
/// minutes of an ask for a call (`asks`) are not a detail of yours.
pub(crate) fn specific_questions(d: &Details, asks: &[(usize, usize)]) -> Spans {
    let inside = |q: &(usize, usize), s: &(usize, usize)| q.0 <= s.0 && s.1 <= q.1;
    d.questions
        .iter()
        .filter(|&&q| !overlaps(asks, q))
        .filter(|q| d.named.iter().chain(&d.numbers).any(|s| inside(q, s)))
        .copied()
        .collect()
}

/// Questions to the recipient that follow a sentence about them: "I read
/// that you hired two career switchers last year. What did their
/// portfolios show?" The question is grounded in something the sender
/// knows of this person, which a template question never is. (A question
/// alone, "Are you open to new opportunities?", has no such sentence; only
/// the sender's own questions, `own` from [`own_questions`], count:
/// "Seriez-vous ouvert à un échange ?" after a line of flattery is still a
/// template.)
pub(crate) fn grounded_questions(words: &[Word], d: &Details, own: &[(usize, usize)]) -> Spans {
    if own.is_empty() {
        return Vec::new();
    }
    // One pass over the words for what each sentence holds, then one look
    // per question: asking this of every earlier sentence for every
    // question took a minute on 16 KiB of "do you see this?".
    let sentence_of = |start: usize| {
        let at = words.partition_point(|w| w.start() < start);
        words.get(at).map(|w| usize::from(w.sentence))
    };
    let count = words.last().map_or(0, |w| usize::from(w.sentence) + 1);
    let mut asks = vec![false; count];
    for q in &d.questions {
        if let Some(s) = sentence_of(q.0) {
            asks[s] = true;
        }
    }
    let you = |s: usize| has(d.sentences[s], TO_YOU);
    let me = |s: usize| has(d.sentences[s], OF_ME);
    // The first statement about the recipient (not another question: "Hi
    // Ana, how are you?"); a question to them after it is grounded. Its
    // words are counted only for a sentence that passes the other tests.
    let Some(grounding) = words
        .chunk_by(|a, b| a.sentence == b.sentence)
        .map(|sentence| (usize::from(sentence[0].sentence), sentence))
        .find(|&(s, sentence)| {
            !asks[s]
                && you(s)
                && !me(s)
                && sentence
                    .iter()
                    .filter(|w| !w.kinds.has(Kind::Greeting))
                    .count()
                    >= GROUNDING_WORDS
        })
        .map(|(s, _)| s)
    else {
        return Vec::new();
    };
    own.iter()
        .filter(|q| sentence_of(q.0).is_some_and(|s| s > grounding && you(s)))
        .copied()
        .collect()
}

/// How long a sentence about the recipient must be to ground a question:
/// "Hi Ana, how are you?" is not one.
const GROUNDING_WORDS: usize = 5;

/// Thanks for something particular the recipient did: "Thanks for
/// commenting on my post last week", "Merci pour votre question sous mon
/// post", "Tack för de grymma bilderna!". A shared past, in any language
/// with its thanks words listed; thanks for what anyone is thanked for
/// ("your time", "accepting", "in advance") say nothing of one.
pub(crate) fn specific_thanks(folded: &str, words: &[Word], d: &Details) -> Spans {
    let mut out = Vec::new();
    if !d.kinds.has(Kind::Thanks) {
        return out;
    }
    for (i, w) in words.iter().enumerate() {
        if !w.kinds.has(Kind::Thanks) {
            continue;
        }
        let rest = |from: usize| {
            words[from..]
                .iter()
                .take_while(move |x| x.sentence == w.sentence)
        };
        // "for" within a few words: "thank you so much for". What follows
        // is read without the small words (articles, "on", "de") and
        // without "you" or "my": the first two words left must name
        // something other than a formula.
        let Some(pos) = rest(i + 1)
            .take(THANKS_REACH)
            .position(|x| x.kinds.has(Kind::ThanksFor))
        else {
            continue;
        };
        let object = i + 2 + pos;
        let mut said = rest(object).filter(|x| {
            !x.kinds.has(Kind::You)
                && !x.kinds.has(Kind::SelfWord)
                && !x.kinds.has(Kind::Connector)
                && x.folded(folded).chars().count() > 3
        });
        let first_two = [said.next(), said.next()];
        let specific = first_two
            .iter()
            .all(|x| x.is_some_and(|x| !x.kinds.has(Kind::ThanksGeneric)));
        if specific {
            // The span runs to the sentence's end, its last word's: found
            // for the few thanks that are specific, where the ends of every
            // sentence were found for every note that thanks.
            let end = rest(i).last().map_or(w.end(), Word::end);
            out.push((w.start(), end));
        }
    }
    out
}

/// How many words may stand between thanks and "for".
const THANKS_REACH: usize = 4;

/// Whether the sentence around `span` speaks to the recipient ("your repo
/// at github.com/…") rather than of the sender ("our site: …").
pub(crate) fn about_them(words: &[Word], d: &Details, span: (usize, usize)) -> bool {
    let Some(sentence) = words.iter().find(|w| w.end() > span.0).map(|w| w.sentence) else {
        return false;
    };
    let flags = d.sentences[usize::from(sentence)];
    has(flags, TO_YOU) && !has(flags, OF_ME)
}

/// Words that ask to move the talk to a call, a phone, an email or some
/// minutes of the recipient's time: a channel word in a sentence that
/// speaks to the recipient or asks a question ("Can I call you tomorrow?",
/// "Please share your email", "Heb je 5-10 minuten?"). Not in a sentence
/// that tells of the two having talked (a phrase of shared history: "we
/// spoke on the phone yesterday", "nach unserem Telefonat"), whose call is
/// their past. Another sentence about a past call ("I sent you the invite
/// by email") still counts: the fit weighs how often that is a pitch.
pub(crate) fn contact_asks(words: &[Word], d: &Details) -> RangeList {
    if !d.kinds.has(Kind::Channel) {
        return RangeList::default();
    }
    let mut out = RangeList::new();
    for sentence in words.chunk_by(|a, b| a.sentence == b.sentence) {
        let flags = d.sentences[usize::from(sentence[0].sentence)];
        if has(flags, HISTORY) {
            continue;
        }
        let to_you = has(flags, TO_YOU);
        for (i, w) in sentence.iter().enumerate() {
            if !w.kinds.has(Kind::Channel) {
                continue;
            }
            // "Our call on Friday", "nossa ligação": a call the two already
            // had, not one asked for.
            let shared = sentence[i.saturating_sub(2)..i]
                .iter()
                .any(|p| p.kinds.has(Kind::SelfWord));
            if shared {
                continue;
            }
            let asked = in_question(d, w);
            if to_you || asked {
                out.push((w.start(), w.end()));
            }
        }
    }
    out
}

/// Whether word `w` stands inside one of `spans`.
fn in_any(spans: &[(usize, usize)], w: &Word) -> bool {
    spans.iter().any(|&(s, e)| s <= w.start() && w.end() <= e)
}

/// Whether word `w` stands inside one of the note's questions.
fn in_question(d: &Details, w: &Word) -> bool {
    in_any(&d.questions, w)
}

/// What the sender's business does for its clients, said outright and not
/// asked ("I help product teams…", "Wij helpen bedrijven…", "Pomagamy
/// firmom…"): the sender's offer, in a sentence that is not a question
/// ("Could you help me read your chart?" asks, it does not offer), and not
/// help the sender got ("your talk helps me", "dein Vortrag hilft mir",
/// "saran Anda membantu saya": the offer word's object is the sender).
pub(crate) fn offers(words: &[Word], d: &Details) -> RangeList {
    if !d.kinds.has(Kind::Offer) {
        return RangeList::default();
    }
    let mut out = RangeList::new();
    out.extend(
        words
            .iter()
            .enumerate()
            .filter(|(_, w)| w.kinds.has(Kind::Offer))
            .filter(|&(i, w)| {
                !words
                    .get(i + 1)
                    .is_some_and(|next| next.sentence == w.sentence && next.kinds.has(Kind::Me))
            })
            .filter(|(_, w)| !in_question(d, w))
            .map(|(_, w)| (w.start(), w.end())),
    );
    out
}

/// The named details that are not inside a canned phrase or right after
/// one: "This is Tim from China", "I'm reaching out from Acme" fill a
/// template's slot with the sender's own names. The note's named details
/// themselves when nothing is left out, as in most notes: no copy of the
/// names; else those kept, in `kept`.
pub(crate) fn named_outside<'d>(
    words: &[Word],
    d: &'d Details,
    canned: &[(usize, usize)],
    kept: &'d mut RangeList,
) -> &'d [(usize, usize)] {
    if canned.is_empty() || d.named.is_empty() {
        return &d.named;
    }
    // Each phrase's range stretched to the first byte of the word after
    // it, merged: then one binary search a name. Sorting and searching
    // keep a note full of phrases and names linear-logarithmic.
    let mut blocked = RangeList::new();
    blocked.extend(canned.iter().map(|&(start, end)| {
        let next = words.partition_point(|w| w.start() < end);
        (
            start,
            words.get(next).map_or(end, |w| (w.start() + 1).max(end)),
        )
    }));
    *blocked = merge(std::mem::take(&mut *blocked));
    *kept = RangeList::new();
    kept.extend(d.named.iter().copied().filter(|&(s, e)| {
        let i = blocked.partition_point(|&(_, end)| end <= s);
        !blocked.get(i).is_some_and(|&(start, _)| start < e)
    }));
    kept
}

/// How many words before a span a possessive may stand and still own it:
/// "our TV programme "…"", "votre article « … »".
const OWNER_REACH: usize = 3;

/// Whether the nearest person word in the few words before `span` is the
/// sender's ("our programme "Building the Future"") rather than the
/// recipient's ("your talk "…""): the sender's own title, not a piece of
/// the recipient's work.
pub(crate) fn owned_by_sender(words: &[Word], span: (usize, usize)) -> bool {
    let before = words.partition_point(|w| w.end() <= span.0);
    words[..before]
        .iter()
        .rev()
        .take(OWNER_REACH)
        .find(|w| w.kinds.has(Kind::You) || w.kinds.has(Kind::SelfWord))
        .is_some_and(|w| w.kinds.has(Kind::SelfWord))
}

/// Words of the note outside `covered` ranges that say something: not the
/// greeting, the addressee or the signature.
pub(crate) fn words_outside(words: &[Word], covered: &[(usize, usize)]) -> usize {
    words
        .iter()
        .filter(|w| !covered.iter().any(|&(s, e)| s <= w.start() && w.end() <= e))
        .filter(|w| {
            !w.kinds.has(Kind::Greeting)
                && !w.kinds.has(Kind::SignOff)
                && !w.kinds.has(Kind::Honorific)
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::words_in_language;
    use crate::normalize::normalize;

    #[test]
    fn cased_blocks_hold_no_cjk_nor_letter_without_case() {
        for n in 0..0x1_0000u32 {
            let block = (n / 64) as usize;
            if CASED_BLOCKS[block / 64] >> (block % 64) & 1 == 0 {
                continue;
            }
            if let Some(c) = char::from_u32(n) {
                let uncased =
                    is_cjk(c) || (c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase());
                assert!(!uncased, "U+{n:04X}");
            }
        }
    }

    #[test]
    fn notes_that_may_be_uncased_are_found_as_their_characters_say() {
        let uncased =
            |c: char| is_cjk(c) || (c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase());
        for note in [
            "",
            "plain ascii, nothing else at all",
            "Café crème — naïve “quotes” ’s Łódź ẞ Ǆ",
            "Привет, как дела? Ελληνικά",
            "先日のPyConでのトーク",
            "مرحباً PyData",
            "שלום עולם",
            "नमस्ते",
            "x ª º ƻ ǀ ʔ ʹ 〆 々 ・ 👋🇫🇷 𝒳",
        ] {
            for (at, _) in note.char_indices().chain([(note.len(), ' ')]) {
                let part = &note[at..];
                assert_eq!(
                    any_may_be_uncased(part),
                    part.chars().any(uncased),
                    "{part:?}"
                );
            }
        }
    }

    #[test]
    fn words_read_eight_bytes_at_a_time_are_names_as_read_alone() {
        let note = "Hi Ana, PyCon GA4 iFood DHL a I Überweisung ÉCOLE straßenBAHN \
                    abcdefgH abcdefghI ABCDEFGHIJ x ZZ abcdefghijklmnoP \
                    abcdefghijklmnopQ Abcdefghijklmno9 ABcdefghijklmnop G4 aB1 \
                    KubernetesOperator Zz9yyyyyyyyyyyY";
        // Every word at the end of the note too, where the eight bytes
        // after its start run past the end.
        let ends = note.split(' ').map(|w| format!("x {w}"));
        for note in std::iter::once(note.to_string()).chain(ends) {
            let note = note.as_str();
            let norm = normalize(note);
            let (words, _) = words_in_language(note, &norm);
            for w in &words {
                let word = w.original(note);
                assert_eq!(word_is_name_like(note, w), is_name_like(word), "{word}");
                assert_eq!(word_is_marked_name(note, w), is_marked_name(word), "{word}");
            }
        }
    }

    /// The text of each of `spans` in `note`.
    fn texts(note: &str, spans: &[(usize, usize)]) -> Vec<String> {
        spans.iter().map(|&(a, b)| note[a..b].to_string()).collect()
    }

    fn details(note: &str) -> (Vec<String>, Vec<String>, Vec<String>, Vec<String>) {
        let mut inv = Invitation::with_note(note);
        inv.recipient.name = Some("Tolu Adeyemi".into());
        let norm = normalize(note);
        let (w, language) = words_in_language(note, &norm);
        let d = find(note, &norm.text, &w, &inv, language, &[], &Census::of(note));
        (
            texts(note, &d.named),
            texts(note, &d.own),
            texts(note, &d.numbers),
            texts(note, &d.questions),
        )
    }

    /// The named details and the sender's own names of `note`, given the
    /// phrases of shared history that fired on it (by their text).
    fn whose(note: &str, shared: &[&str]) -> (Vec<String>, Vec<String>) {
        with_history(note, shared, |_, d| {
            (texts(note, &d.named), texts(note, &d.own))
        })
    }

    /// `read` of the words of `note` and of what the detectors found in
    /// it, given the phrases of shared history that fired on it (by their
    /// text).
    fn with_history<T>(
        note: &str,
        shared: &[&str],
        read: impl FnOnce(&[Word], &Details) -> T,
    ) -> T {
        let inv = Invitation::with_note(note);
        let norm = normalize(note);
        let (w, language) = words_in_language(note, &norm);
        let ranges: Vec<(usize, usize)> = shared
            .iter()
            .map(|p| {
                let at = note.find(p).expect("phrase in note");
                (at, at + p.len())
            })
            .collect();
        let d = find(
            note,
            &norm.text,
            &w,
            &inv,
            language,
            &ranges,
            &Census::of(note),
        );
        read(&w, &d)
    }

    /// The words of `note` that ask for a call or an email, given the
    /// phrases of shared history that fired on it (by their text).
    fn asks(note: &str, shared: &[&str]) -> Vec<String> {
        with_history(note, shared, |w, d| texts(note, &contact_asks(w, d)))
    }

    #[test]
    fn a_call_the_two_already_had_is_not_an_ask() {
        // The same sentence asks for the call unless a phrase of shared
        // history stands in it; the other sentence's ask still counts.
        let note = "We spoke on the phone yesterday about your team. Can I call you on Friday?";
        assert_eq!(asks(note, &[]), ["phone", "call"]);
        assert_eq!(asks(note, &["We spoke"]), ["call"]);
        let de = "Nach unserem Telefonat gestern schicke ich dir die Unterlagen per E-Mail.";
        assert!(!asks(de, &[]).is_empty());
        assert_eq!(asks(de, &["unserem Telefonat"]), Vec::<String>::new());
    }

    #[test]
    fn names_in_a_sentence_that_thanks_are_not_the_senders() {
        // "My" beside thanks is what the recipient did for the sender:
        // the names are details of that, not the sender's pitch.
        for (note, name) in [
            (
                "Danke für die schnelle Hilfe gestern im Kotlin-Slack bei meinem Gradle-Problem!",
                "Kotlin-Slack",
            ),
            (
                "Thanks for the quick reply to my GitHub issue on the tokenizer crate.",
                "GitHub",
            ),
        ] {
            let (named, own) = whose(note, &[]);
            assert!(named.iter().any(|n| n == name), "{note}: {named:?}");
            assert!(own.is_empty(), "{note}: {own:?}");
        }
        // Without thanks, "my" still makes them the sender's own.
        let (_, own) = whose("My GitHub issue on the tokenizer crate is open.", &[]);
        assert_eq!(own, ["GitHub"]);
    }

    #[test]
    fn our_in_a_phrase_of_shared_history_is_both_peoples() {
        for (note, phrase, name) in [
            (
                "Depois da nossa ligação na sexta sobre o meetup de Recife, fiquei pensando.",
                "Depois da nossa ligação",
                "Recife",
            ),
            (
                "After our call about the Recife meetup, I kept thinking.",
                "After our call",
                "Recife",
            ),
            (
                "Después de nuestra llamada sobre el meetup de Sevilla, seguí pensando.",
                "Después de nuestra llamada",
                "Sevilla",
            ),
        ] {
            let (named, own) = whose(note, &[phrase]);
            assert!(named.iter().any(|n| n == name), "{note}: {named:?}");
            assert!(own.is_empty(), "{note}: {own:?}");
            // Without the phrase, "our" makes the name the sender's own.
            let (named, own) = whose(note, &[]);
            assert!(
                own.iter().any(|n| n == name) && !named.iter().any(|n| n == name),
                "{note}"
            );
        }
        // "Our" outside the phrase is still the sender's.
        let (named, own) = whose(
            "After our call, our team at Heaptrace builds websites.",
            &["After our call"],
        );
        assert_eq!(own, ["Heaptrace"], "{named:?}");
    }

    #[test]
    fn names_of_the_recipients_world_count() {
        let (named, own, numbers, _) = details(
            "Hi Tolu, I attended the Introduction to Graph meetup on August 12th. Thanks, Abtin",
        );
        assert_eq!(named, ["Introduction to Graph", "August"]);
        assert!(own.is_empty());
        assert_eq!(numbers, ["12th"]);
    }

    #[test]
    fn the_senders_own_dates_and_handles_are_no_number_details() {
        // The sender's own facts, in a sentence of "I'm" and no "you".
        let (_, own, numbers, _) =
            details("Hi Tolu, I'm Nicole, a 3rd year student graduating in May 2025.");
        assert!(numbers.is_empty(), "{numbers:?}");
        assert_eq!(own, ["May"]);
        // The same date in a sentence about the recipient is one.
        let (_, _, numbers, _) =
            details("Hi Tolu, your talk in May 2025 on graph queries stuck with me.");
        assert_eq!(numbers, ["2025"]);
        // Digits after letters are a name or a handle, not a number.
        let (named, _, numbers, _) = details("Founded by @ohneis652, built on GA4 and H100s.");
        // (A connector joins two names into one.)
        assert!(numbers.is_empty(), "{numbers:?}");
        assert_eq!(named, ["GA4 and H100s"]);
    }

    /// The relations found in `note`, by their text.
    fn relations_in(note: &str) -> Vec<String> {
        with_history(note, &[], |_, d| texts(note, &d.relations))
    }

    #[test]
    fn a_person_named_by_their_relation_is_a_mutual_contact() {
        for (note, want) in [
            (
                "Hi Amit, I'm Atharva Chouthai, Rohan's brother.",
                "Rohan's brother",
            ),
            (
                "I'm a colleague of Priya Raman at Delta.",
                "colleague of Priya",
            ),
            ("I found you through my sister, Ana.", "sister, Ana"),
            ("Soy amiga de Lucía y me habló de ti.", "amiga de Lucía"),
            ("Ich bin der Bruder von Tom.", "Bruder von Tom"),
            ("Sou irmão do Pedro, ele falou de você.", "irmão do Pedro"),
        ] {
            assert_eq!(relations_in(note), [want], "{note}");
        }
        for note in [
            // No name beside the relation, or the greeting's or the
            // signature's name.
            "My brother works in fintech too.",
            "I'm a friend of the team at Acme.",
            "Dear friend Maria, would love to connect.",
            "Would love to connect. Best, your friend, Maria",
        ] {
            assert!(
                relations_in(note).is_empty(),
                "{note}: {:?}",
                relations_in(note)
            );
        }
    }

    #[test]
    fn greeting_addressee_and_signature_are_not_details() {
        let (named, ..) =
            details("Hello Tolu Adeyemi, would love to connect.\n\nBest,\nMaria Lopez");
        assert!(named.is_empty(), "{named:?}");
        let (named, ..) = details("Ryan, I like what you write.\nSofia");
        assert!(named.is_empty(), "{named:?}");
    }

    #[test]
    fn whose_name_is_read_in_its_clause_too() {
        // The sender's school, in a sentence that also asks "you".
        let (named, own, ..) = details(
            "Hi Tolu, I'm a student at NMIMS Mumbai, could you give me feedback on my resume?",
        );
        assert_eq!(own, ["NMIMS Mumbai"]);
        assert!(named.is_empty(), "{named:?}");
        let (_, own, ..) =
            details("Hola Tolu, soy estudiante en la UNAM, ¿podrías revisar tu lista?");
        assert_eq!(own, ["UNAM"]);
        // The recipient's talk, with a clause of the sender's own beside it.
        let (named, own, ..) =
            details("Tolu, your talk at PyCon Lisbon was great, my team uses your library.");
        assert_eq!(named, ["PyCon Lisbon"]);
        assert!(own.is_empty(), "{own:?}");
    }

    #[test]
    fn the_senders_own_company_is_a_pitch_not_a_detail() {
        let (named, own, ..) =
            details("Hi Tolu, at Heaptrace we provide IT consulting to our clients.");
        assert!(named.is_empty(), "{named:?}");
        assert_eq!(own, ["Heaptrace"]);
    }

    #[test]
    fn other_scripts_and_marked_names() {
        let (named, ..) = details("Привет! Видел ваш доклад на HighLoad в Москве.");
        assert_eq!(named, ["HighLoad", "Москве"]);
        let (named, ..) = details("先日のPyConでのトークが良かったです");
        assert_eq!(named, ["PyCon", "トーク"]);
        let (named, ..) = details("مرحباً، حضرت محاضرتك في مؤتمر PyData دبي الأسبوع الماضي");
        assert_eq!(named, ["PyData"]);
        let (named, ..) = details("안녕하세요, 지난주 KubeCon 발표 잘 들었습니다");
        assert_eq!(named, ["KubeCon"]);
    }

    #[test]
    fn a_capitalised_polite_you_is_not_a_name_but_an_acronym_is() {
        for note in [
            "Halo, saya melihat postingan Anda dan ingin terhubung.",
            "Rád bych si Vás přidal do své sítě.",
            "Буду рад видеть Вас среди своих контактов.",
        ] {
            let (named, ..) = details(note);
            assert!(named.is_empty(), "{note}: {named:?}");
        }
        let (named, ..) = details("Saya lihat Anda bicara di PyCon ID tentang Django.");
        assert_eq!(named, ["PyCon ID", "Django"]);
        let (named, ..) = details("We studied at TU Delft together and met Ana there.");
        assert_eq!(named, ["TU Delft", "Ana"]);
    }

    #[test]
    fn bare_domains_are_named_things() {
        let (named, ..) = details("Hey. Did you create sducraft.kz?");
        assert_eq!(named, ["sducraft.kz"]);
        let (_, own, ..) = details("Hi, I'm Tolu and my site is tolu.dev");
        assert_eq!(own, ["tolu.dev"]);
        // Not a domain: a sentence's full stop, a version, a link.
        let (named, ..) = details("I read it.Then I wrote v2.0 and see https://example.com/x");
        assert!(named.iter().all(|n| !n.contains('.')), "{named:?}");
        // German capitalises nouns: only marked names count there.
        let (named, ..) = details(
            "Hallo Tolu, ich habe Ihren Vortrag über Datenqualität bei der DataConf in Berlin gehört und fand den Ansatz spannend.",
        );
        assert_eq!(named, ["DataConf"]);
    }

    #[test]
    fn one_character_folded_into_two_words_is_no_gap() {
        // "½" folds to "1/2": two words sharing one original character.
        let (named, _, numbers, questions) = details("Ate ½ Pizza? Did ¼ of you ⅔ Go?");
        assert_eq!(named, ["Pizza", "Go"]);
        assert!(
            numbers.is_empty(),
            "no ASCII digit was written: {numbers:?}"
        );
        assert_eq!(questions.len(), 2);
    }

    #[test]
    fn questions_and_bragging_numbers() {
        let (_, _, numbers, questions) =
            details("We have 172+ clients and save 30% for you. How did you cut the intake flow to two screens?");
        assert!(numbers.is_empty(), "{numbers:?}");
        assert_eq!(
            questions,
            ["How did you cut the intake flow to two screens"]
        );
        let (.., questions) = details("Connect?");
        assert!(questions.is_empty());
    }
}

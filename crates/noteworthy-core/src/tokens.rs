//! A learned token model beside the rules, as SpamAssassin pairs its rules
//! with a Bayesian token classifier (`BAYES_99`): the note's word
//! unigrams and bigrams are hashed into a small table of weights, fitted offline on labelled notes by
//! `crates/noteworthy-fit` and compiled in from `model/tokens.txt`. Its sum
//! is one line of evidence (the `TOKENS` rule), capped so that the rules
//! keep the last word, and it shows the words that weighed most.

use crate::fnv::{self, step as fnv_step};
use crate::words::Word;

/// Number of hash buckets (a power of two).
pub const BUCKETS: usize = 1 << 13;

/// Table units per score point: a bucket holds at most ±127/16 points.
pub const UNITS_PER_POINT: i32 = 16;

include!(concat!(env!("OUT_DIR"), "/tokens_table.rs"));

/// One hashed feature of a note and the words it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// Bucket in the weight table.
    pub bucket: u32,
    /// Original byte range of the word or words.
    pub span: (usize, usize),
}

/// The seed of a word alone: the lexicon's, whose hash the splitter
/// keeps for each word.
const SEED_WORD: u32 = fnv::WORD_SEED;
const SEED_PAIR: u32 = 0x2f1a_3b4c;

fn bucket(hash: u32) -> u32 {
    // Fold the high bits in: FNV's low bits alone mix poorly.
    (hash ^ (hash >> 15)) & (BUCKETS as u32 - 1)
}

/// A word as the model sees it: digits stand for any number.
fn shape(word: &str) -> &str {
    if word.bytes().any(|b| b.is_ascii_digit()) {
        "0"
    } else {
        word
    }
}

/// Every feature of the note, each bucket once (the first place it occurs);
/// `words` were split from the folded text `folded`.
pub(crate) fn tokens(folded: &str, words: &[Word]) -> Vec<Token> {
    let mut out = Vec::with_capacity(words.len() * 2);
    each_token::<false>(folded, words, |t| out.push(t));
    out
}

/// Whether `bucket` weighs anything in [`WEIGHTS`], from the bitmap of
/// those that do: an eighth of the table's size, so its lines stay in the
/// data cache from note to note, where the table's did not (a note's
/// features missed it in three lookups out of five).
#[inline(always)]
fn weighs(bucket: u32) -> bool {
    WEIGHTED[bucket as usize / 64] >> (bucket % 64) & 1 != 0
}

/// Calls `found` with every feature of the note, each bucket once, in
/// the order [`tokens`] lists them: the classifier reads them as they
/// come, without a vector of them (a quarter of the model's work was
/// filling one and reading it again). With `WEIGHED_ONLY`, only the
/// features whose bucket weighs something ([`weighs`]): a feature that
/// weighs nothing changes neither the sum nor the strongest features, so
/// the classifier need not hear of it, nor look its bucket up twice.
fn each_token<const WEIGHED_ONLY: bool>(
    folded: &str,
    words: &[Word],
    mut found: impl FnMut(Token),
) {
    // Each bucket once, at its first place in the note: a bit per bucket
    // (1 KiB on the stack) is cheaper than sorting a few hundred features.
    let mut seen = [0u64; BUCKETS / 64];
    let mut push = |hash: u32, span: (usize, usize)| {
        let bucket = bucket(hash);
        if WEIGHED_ONLY && !weighs(bucket) {
            return;
        }
        let (word, bit) = (bucket as usize / 64, 1u64 << (bucket % 64));
        if seen[word] & bit == 0 {
            seen[word] |= bit;
            found(Token { bucket, span });
        }
    };
    // The word splitter hashed every word's bytes for both features in
    // its one pass over them ([`Word::hash`], [`Word::joined_hash`]); a
    // pass here cost a loop a word, whose exit the branch predictor
    // missed. The features come in the order word, pair with the next,
    // next word, … as before.
    let Some((first, rest)) = words.split_first() else {
        return;
    };
    let own = if first.has_digit {
        shaped_hashes(folded, first, None).0
    } else {
        first.hash
    };
    push(own, (first.start(), first.end()));
    // Each word after the first with the word before it, the first
    // apart: a loop that held the word before as an option, asked at
    // every word, took 300 instructions a note more (33,926 against
    // 33,618).
    for (prev, w) in words.iter().zip(rest) {
        let joined = prev.sentence == w.sentence;
        let (own, closed) = if w.has_digit || (joined && prev.has_digit) {
            shaped_hashes(folded, w, joined.then_some(prev))
        } else {
            (w.hash, w.joined_hash)
        };
        if joined {
            push(closed, (prev.start(), w.end()));
        }
        push(own, (w.start(), w.end()));
    }
}

/// The hashes of a word's features (alone, and the pair the word `before`
/// it in its sentence opened, closed with it) where it or the word before
/// holds a digit, which the model reads as "0" ([`shape`]): the splitter's
/// hashes are of the bytes as written. The pair is hashed again from the
/// word before, rather than each word keeping the hash of the pair it
/// opens for the few that need it. Out of line, as such words are few.
#[cold]
#[inline(never)]
fn shaped_hashes(folded: &str, w: &Word, before: Option<&Word>) -> (u32, u32) {
    let open = before.map_or(0, |b| {
        opened_pair(fnv::hash(SEED_PAIR, shape(b.folded(folded)).as_bytes()))
    });
    let hashes = word_hashes(shape(w.folded(folded)).as_bytes(), open);
    (hashes.own, hashes.joined)
}

/// The hashes of one word that the word splitter keeps ([`Word`]), found
/// in one pass over its bytes: three independent chains of
/// multiplications, which the processor runs side by side.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WordHashes {
    /// [`crate::lexicon::word_hash`] of the word.
    pub own: u32,
    /// The pair the word opens, before the space: `fnv(SEED_PAIR, word)`.
    pub pair: u32,
    /// The pair that `open` (the word before's `pair`, and a space)
    /// closes with this word.
    pub joined: u32,
}

/// [`WordHashes`] of `word`, whose pair with the word before it starts
/// from `open`.
#[inline(always)]
pub(crate) fn word_hashes(word: &[u8], open: u32) -> WordHashes {
    let mut h = WordHashes {
        own: SEED_WORD,
        pair: SEED_PAIR,
        joined: open,
    };
    // Two bytes a turn: the loop's own count and test are then paid once
    // for two bytes' six steps (60 instructions a note fewer).
    let mut pairs = word.chunks_exact(2);
    for two in &mut pairs {
        h.feed(two[0]);
        h.feed(two[1]);
    }
    if let [last] = pairs.remainder() {
        h.feed(*last);
    }
    h
}

impl WordHashes {
    /// One byte of the word, in each hash.
    #[inline(always)]
    fn feed(&mut self, b: u8) {
        self.own = fnv_step(self.own, b);
        self.pair = fnv_step(self.pair, b);
        self.joined = fnv_step(self.joined, b);
    }
}

/// Where the pair that a word with pair hash `pair` opens stands after
/// the space: the `open` of the next word's [`word_hashes`].
#[inline(always)]
pub(crate) fn opened_pair(pair: u32) -> u32 {
    fnv_step(pair, b' ')
}

/// Table units in points: rounded to the nearest point, halves away from
/// zero, capped at ±`cap`. The fitting tool reads a fitted table through
/// this too, so its figures are the classifier's.
pub fn points(units: i32, cap: i32) -> i32 {
    ((units.abs() + UNITS_PER_POINT / 2) / UNITS_PER_POINT * units.signum()).clamp(-cap, cap)
}

/// The model's score for the note whose words are `words` (split from the
/// folded text `folded`), in points capped at `cap`, and the spans of the
/// features that pushed it most in its direction (at most four).
pub(crate) fn judge_words(folded: &str, words: &[Word], cap: i32) -> (i32, TopSpans) {
    let mut tally = Tally::default();
    each_token::<true>(folded, words, |t| tally.add(t));
    tally.finish(cap)
}

/// [`judge_words`] of features already listed.
#[cfg(test)]
fn judge(tokens: &[Token], cap: i32) -> (i32, TopSpans) {
    let mut tally = Tally::default();
    tokens.iter().for_each(|&t| tally.add(t));
    tally.finish(cap)
}

/// The features that pushed hardest each way, strongest first (and
/// earlier spans first among equals), with their weights made positive.
type Strongest = [(i32, (usize, usize)); 4];

/// The spans of the (at most four) strongest features, in place: a vector
/// of them, merged into another, cost two allocations and their frees for
/// every note the model scored (170 instructions a note, of 34,400).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TopSpans {
    spans: [(usize, usize); 4],
    len: usize,
}

impl std::ops::Deref for TopSpans {
    type Target = [(usize, usize)];
    fn deref(&self) -> &[(usize, usize)] {
        &self.spans[..self.len]
    }
}

impl std::ops::DerefMut for TopSpans {
    fn deref_mut(&mut self) -> &mut [(usize, usize)] {
        &mut self.spans[..self.len]
    }
}

impl PartialEq for TopSpans {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

/// What [`judge_words`] needs of the features, gathered in one pass: their sum,
/// and the four strongest each way, since which way counts is known only
/// once the sum is.
#[derive(Default)]
struct Tally {
    units: i32,
    /// The features of positive weight.
    up: Strongest,
    /// The features of negative weight, their weights negated.
    down: Strongest,
}

impl Tally {
    fn add(&mut self, t: Token) {
        let w = i32::from(WEIGHTS[t.bucket as usize]);
        self.units += w;
        // A feature of weight 0 pushes neither way: no list takes it, as
        // the weakest kept weighs 0 at least. Most features are weaker
        // than the four kept: that test first, inline, the insertion out
        // of line.
        let (strongest, w) = if w > 0 {
            (&mut self.up, w)
        } else {
            (&mut self.down, -w)
        };
        if w > strongest[3].0 {
            keep_strongest(strongest, w, t.span);
        }
    }

    fn finish(self, cap: i32) -> (i32, TopSpans) {
        let points = points(self.units, cap);
        let strongest = match points.signum() {
            0 => return (0, TopSpans::default()),
            1 => self.up,
            _ => self.down,
        };
        let mut top = TopSpans::default();
        // Those that weighed something: the first, as the strongest are
        // kept in order.
        for &(_, span) in strongest.iter().filter(|(w, _)| *w > 0) {
            top.spans[top.len] = span;
            top.len += 1;
        }
        (points, top)
    }
}

/// Puts a feature of (positive) weight `w`, stronger than the weakest of
/// the four `strongest`, among them.
#[inline(never)]
fn keep_strongest(strongest: &mut Strongest, w: i32, span: (usize, usize)) {
    // Kept in order, strongest first and earlier spans first among
    // equals: the new one goes after those that come before it, pushing
    // the weakest out. Put in from the end, each one it passes moved down
    // a place: a binary search and a copy of the rest took a call to
    // memmove, more than the moves.
    let mut at = 3;
    while at > 0 {
        let s = strongest[at - 1];
        if s.0 > w || (s.0 == w && s.1 <= span) {
            break;
        }
        strongest[at] = s;
        at -= 1;
    }
    strongest[at] = (w, span);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;
    use crate::words::words;

    #[test]
    fn each_bucket_counts_once_and_points_into_the_note() {
        let note = "Great talk, great talk! Seen 2019 and 2024.";
        let norm = normalize(note);
        let w = words(note, &norm);
        let t = tokens(&norm.text, &w);
        let mut buckets: Vec<u32> = t.iter().map(|t| t.bucket).collect();
        buckets.sort_unstable();
        buckets.dedup();
        assert_eq!(buckets.len(), t.len());
        assert!(t
            .iter()
            .all(|t| note.is_char_boundary(t.span.0) && t.span.1 <= note.len()));
        // Numbers share one shape.
        let years: Vec<&Token> = t
            .iter()
            .filter(|t| &note[t.span.0..t.span.1] == "2024")
            .collect();
        assert!(years.is_empty(), "2024 has the same unigram bucket as 2019");
    }

    /// The features as they were found before the hashes shared a pass:
    /// each word hashed once a feature, duplicates dropped afterwards.
    fn tokens_hashed_apart(folded: &str, words: &[Word]) -> Vec<Token> {
        let fnv = fnv::hash;
        let mut out = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let word = shape(w.folded(folded));
            out.push(Token {
                bucket: bucket(fnv(SEED_WORD, word.as_bytes())),
                span: (w.start(), w.end()),
            });
            if let Some(next) = words.get(i + 1).filter(|n| n.sentence == w.sentence) {
                let h = fnv(fnv(SEED_PAIR, word.as_bytes()), b" ");
                out.push(Token {
                    bucket: bucket(fnv(h, shape(next.folded(folded)).as_bytes())),
                    span: (w.start(), next.end()),
                });
            }
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|t| seen.insert(t.bucket));
        out
    }

    /// Calls `check` with each of `notes`, its folded text and its words.
    fn with_words(notes: &[&str], check: impl Fn(&str, &str, &[Word])) {
        for &note in notes {
            let norm = normalize(note);
            check(note, &norm.text, &words(note, &norm));
        }
    }

    #[test]
    fn one_pass_hashing_gives_the_same_features() {
        let notes = [
            "Hi Ana! Great talk, great talk at PyCon 2024. Merci, à bientôt ?",
            "先日のPyConでのトークが良かったです",
            "a",
            "Avez-vous géré les doublons ? Re-bonjour, Anne-Marie. 30% 172+",
        ];
        with_words(&notes, |note, folded, w| {
            assert_eq!(tokens(folded, w), tokens_hashed_apart(folded, w), "{note}");
        });
    }

    #[test]
    fn judging_features_as_they_come_is_judging_the_list() {
        let notes = [
            "Hi Ana! Great talk, great talk at PyCon 2024. Merci, à bientôt ?",
            "I'd like to add you to my professional network on LinkedIn.",
            "We help SaaS teams cut churn by 30%. Open to a quick call?",
            "先日のPyConでのトークが良かったです",
        ];
        with_words(&notes, |note, folded, w| {
            for cap in [1, 4, 100] {
                assert_eq!(
                    judge_words(folded, w, cap),
                    judge(&tokens(folded, w), cap),
                    "{note}"
                );
            }
        });
    }

    /// The four strongest spans as they were found before the insertion:
    /// the weakest replaced and the four sorted again.
    fn strongest_sorted(tokens: &[Token], sign: i32) -> Vec<(usize, usize)> {
        let mut strongest: [(i32, (usize, usize)); 4] = [(0, (0, 0)); 4];
        for t in tokens {
            let w = i32::from(WEIGHTS[t.bucket as usize]) * sign;
            if w > strongest[3].0 {
                strongest[3] = (w, t.span);
                strongest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            }
        }
        strongest
            .iter()
            .filter(|(w, _)| *w > 0)
            .map(|&(_, s)| s)
            .collect()
    }

    #[test]
    fn the_strongest_spans_are_those_sorting_found() {
        let mut seed = 0x9e37_79b9_u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..2_000 {
            let tokens: Vec<Token> = (0..next(60))
                .map(|i| Token {
                    bucket: next(BUCKETS as u64) as u32,
                    span: (i as usize, next(5) as usize),
                })
                .collect();
            let (points, spans) = judge(&tokens, 100);
            if points != 0 {
                assert_eq!(*spans, strongest_sorted(&tokens, points.signum()));
            }
        }
    }

    #[test]
    fn the_score_is_capped() {
        let tokens: Vec<Token> = (0..BUCKETS as u32)
            .map(|bucket| Token {
                bucket,
                span: (0, 1),
            })
            .collect();
        let (points, _) = judge(&tokens, 2);
        assert!(points.abs() <= 2);
    }
}

//! The judgement: fold the note, run every rule, add up the weights, and
//! turn the score into a label and an action.

use crate::census::Census;
use crate::normalize::{folded, normalize, prefix, Normalized};
use crate::policy::{action_for, label_for, threshold};
use crate::ranges::absorb;
use crate::rules::{RuleInfo, RULES};
use crate::spare::{Kept, RangeList};
use crate::structural::Note;
use crate::types::{Category, Evidence, Invitation, Span, Strictness, Verdict};
use crate::{details, language, matcher, structural, swar, tokens, words, MAX_NOTE_BYTES};
use std::cell::Cell;

/// The strictness-independent part of a verdict: what fired and the score.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// Whether there is a note at all.
    pub has_note: bool,
    /// Sum of the weights of the rules that fired.
    pub score: i32,
    /// Detected language, or `und`.
    pub language: &'static str,
    /// Every rule that fired, strongest first.
    pub evidence: Vec<Evidence>,
    /// Whether only the first [`MAX_NOTE_BYTES`] of the note were judged.
    pub truncated: bool,
}

/// What fired on a note, before weights are added up: (rule, byte range
/// in the original note) for every hit; a rule that fires without a range
/// contributes `None`. The token model's rule is not among them.
type Fired = Kept<Vec<Hit>>;

/// One hit of [`Fired`]: a rule and the hit's byte range, if it has one,
/// packed into one number that sorts as the pair (rule, range) does, a
/// hit without a range first. The hits are sorted once a note, and
/// comparing two pairs (an index and an option of two offsets, 32 bytes)
/// took a handful of instructions where one does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Hit(u64);

/// Bits of each offset in a [`Hit`]: ranges stand inside the judged part
/// of the note, at most [`MAX_NOTE_BYTES`] long.
const OFFSET_BITS: u32 = 20;
const _: () = assert!(MAX_NOTE_BYTES < 1 << OFFSET_BITS);

impl Hit {
    const OFFSET: u64 = (1 << OFFSET_BITS) - 1;
    /// The bit that says the hit has a range, above its two offsets.
    const RANGED: u64 = 1 << (2 * OFFSET_BITS);

    fn new(rule: usize, range: Option<(usize, usize)>) -> Self {
        let range = range.map_or(0, |(s, e)| {
            debug_assert!(s <= MAX_NOTE_BYTES && e <= MAX_NOTE_BYTES);
            Self::RANGED | (s as u64) << OFFSET_BITS | e as u64
        });
        Hit((rule as u64) << (2 * OFFSET_BITS + 1) | range)
    }

    fn rule(self) -> usize {
        (self.0 >> (2 * OFFSET_BITS + 1)) as usize
    }

    fn range(self) -> Option<(usize, usize)> {
        (self.0 & Self::RANGED != 0).then_some((
            (self.0 >> OFFSET_BITS & Self::OFFSET) as usize,
            (self.0 & Self::OFFSET) as usize,
        ))
    }
}

thread_local! {
    /// The hit list of the last note judged on the thread, kept for the
    /// next ([`crate::spare`]).
    static SPARE_HITS: Cell<Vec<Hit>> = const { Cell::new(Vec::new()) };
}

/// Runs every phrase rule and detector on a note that is not blank, whose
/// words are `words` ([`words::words`]) and census `census`.
fn fire(
    note: &str,
    norm: &Normalized,
    census: &Census,
    words: &[words::Word],
    inv: &Invitation,
    language: &str,
) -> Fired {
    // Room for a note's phrase hits and the detectors', so that most
    // notes do not grow the vector (kept from note to note, it soon has
    // room for nearly all).
    let mut hits = Kept::take(&SPARE_HITS);
    hits.clear();
    hits.reserve(32);
    matcher::find(note, norm, |hit| {
        hits.push(Hit::new(
            hit.rule,
            Some(norm.original_range(hit.start, hit.end)),
        ));
    });
    // A phrase inside a longer one of another kind is that phrase's:
    // one sentence, one piece of evidence.
    drop_inside(&mut hits, Category::is_reason, |c| c == Category::Pitch);
    drop_inside(
        &mut hits,
        |c| c == Category::Stock,
        |c| matches!(c, Category::Template | Category::Pitch),
    );
    // The ranges of the phrase rules that fit any recipient (stock,
    // template, pitch), of the stock ones among them, and of those that
    // say how the two met (how found), in one pass.
    let mut stock = RangeList::default();
    let mut canned = RangeList::default();
    let mut shared = RangeList::default();
    let mut pitch_phrase = false;
    for hit in hits.iter() {
        let Some(range) = hit.range() else { continue };
        match RULES[hit.rule()].category {
            Category::Stock => {
                push_range(&mut stock, range);
                push_range(&mut canned, range);
            }
            Category::Template => push_range(&mut canned, range),
            Category::Pitch => {
                push_range(&mut canned, range);
                pitch_phrase = true;
            }
            Category::HowFound => push_range(&mut shared, range),
            _ => {}
        }
    }
    let details = details::find(note, &norm.text, words, inv, language, &shared, census);
    let mut named_kept = RangeList::default();
    let named = details::named_outside(words, &details, &canned, &mut named_kept);
    let contact_asks = details::contact_asks(words, &details);
    let own_questions = details::own_questions(&details, &canned, &contact_asks);
    let links = structural::links(norm);
    let offers = details::offers(words, &details);
    let context = Note {
        original: note,
        census,
        norm,
        inv,
        words,
        details: &details,
        stock: &stock,
        canned: &canned,
        named,
        own_questions: &own_questions,
        links: &links,
        offers: &offers,
        contact_asks: &contact_asks,
        sells: pitch_phrase || !offers.is_empty() || !contact_asks.is_empty(),
    };
    structural::run_detectors(&context, |rule, finding| {
        if let Some(spans) = finding {
            push_finding(&mut hits, rule, &spans);
        }
    });
    hits.sort_unstable();
    hits
}

/// Pushes the hits of a detector's rule that fired with `spans`. Called,
/// not inlined: once for each detector that fires, written out at each of
/// them, its code would be twenty copies.
#[inline(never)]
fn push_finding(hits: &mut Vec<Hit>, rule: usize, spans: &[(usize, usize)]) {
    hits.push(Hit::new(rule, None));
    hits.extend(spans.iter().map(|&s| Hit::new(rule, Some(s))));
}

/// Pushes `range` on `list`, which takes a kept list at its first range:
/// most notes have no phrase of most categories.
fn push_range(list: &mut RangeList, range: (usize, usize)) {
    if list.capacity() == 0 {
        *list = RangeList::new();
    }
    list.push(range);
}

/// Drops the phrase hits of an `inner` category that stand inside a
/// longer hit of an `outer` one, which already says what those words are:
/// - in "la vacante que publicaste" (the opening you posted) or "jouw
///   vacature", the job word is the recipient's opening the sender
///   applied to, not a recruiter's offer;
/// - in LinkedIn's stock sentence, "add you to my professional network"
///   is the stock sentence, counted once, not a template opener besides.
fn drop_inside(
    hits: &mut Vec<Hit>,
    outer: impl Fn(Category) -> bool,
    inner: impl Fn(Category) -> bool,
) {
    // Most notes have no hit of the outer kind: nothing to compare.
    if !hits.iter().any(|hit| outer(RULES[hit.rule()].category)) {
        return;
    }
    let mut outers = RangeList::new();
    outers.extend(
        hits.iter()
            .filter(|hit| outer(RULES[hit.rule()].category))
            .filter_map(|hit| hit.range()),
    );
    hits.retain(|hit| {
        let Some((start, end)) = hit.range() else {
            return true;
        };
        !inner(RULES[hit.rule()].category)
            || !outers
                .iter()
                .any(|&(s, e)| s <= start && end <= e && e - s > end - start)
    });
}

/// The note's words, read in its language, and the language guessed from
/// them: the words every detector reads.
pub(crate) fn words_in_language<'a>(
    note: &'a str,
    norm: &'a Normalized,
) -> (words::Words, &'static str) {
    let mut words = words::words(note, norm);
    let language = language::detect_in(note, &norm.text, &words);
    words::settle(&mut words, language);
    (words, language)
}

/// The note's language, what fired on it and what `model` makes of its
/// words (the token model's part): the steps `score` and `model_inputs`
/// share. `census` is [`Census::of`] the note.
fn judge_words<T>(
    note: &str,
    norm: &Normalized,
    census: &Census,
    inv: &Invitation,
    model: impl FnOnce(&[words::Word]) -> T,
) -> (&'static str, Fired, T) {
    let (words, language) = words_in_language(note, norm);
    let fired = fire(note, norm, census, &words, inv, language);
    (language, fired, model(&words))
}

/// The part of the note that is judged (the first [`MAX_NOTE_BYTES`]), and
/// whether that is less than the whole.
fn judged_part(inv: &Invitation) -> (&str, bool) {
    let full = inv.note.as_deref().unwrap_or("");
    let note = prefix(full, MAX_NOTE_BYTES);
    (note, note.len() < full.len())
}

/// What the weights are fitted on: for a note, the rules that fired (each
/// once, by index into [`rule_catalog`](crate::rule_catalog), the token
/// model's rule left out) and the token model's hashed features. The
/// fitting tool (`crates/noteworthy-fit`) reads these; the classifier adds
/// up the same weights, so the two cannot drift apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModelInputs {
    /// Whether there is a note at all.
    pub has_note: bool,
    /// Indices of the rules that fired, ascending.
    pub rules: Vec<usize>,
    /// Buckets of the token model's features, each once.
    pub tokens: Vec<u32>,
}

/// The model's inputs for one invitation; see [`ModelInputs`].
pub fn model_inputs(inv: &Invitation) -> ModelInputs {
    let (note, _) = judged_part(inv);
    let norm = normalize(note);
    if norm.text.is_empty() {
        return ModelInputs::default();
    }
    let census = Census::of(note);
    let (_, fired, tokens) = judge_words(note, &norm, &census, inv, |words| {
        tokens::tokens(&norm.text, words)
    });
    let mut rules: Vec<usize> = fired.iter().map(|hit| hit.rule()).collect();
    rules.dedup();
    ModelInputs {
        has_note: true,
        rules,
        tokens: tokens.iter().map(|t| t.bucket).collect(),
    }
}

/// Runs every rule on the invitation's note.
pub fn score(inv: &Invitation) -> Scored {
    let (note, truncated) = judged_part(inv);
    let norm = folded(note);
    if norm.text.is_empty() {
        return Scored {
            has_note: false,
            score: 0,
            language: "und",
            evidence: Vec::new(),
            truncated,
        };
    }
    // The token model's score, read as its features are found: only its
    // strongest features are shown, so they are never listed.
    let tokens_rule = structural::TOKENS_RULE;
    let census = Census::of(note);
    let (language, fired, model) = judge_words(note, &norm, &census, inv, |words| {
        tokens_rule.map(|i| tokens::judge_words(&norm.text, words, RULES[i].weight.abs()))
    });
    let units = Utf16::new(note, &census);
    // The token model's rule, its points and spans, when it scored.
    let model = tokens_rule
        .zip(model)
        .filter(|&(_, (points, _))| points != 0);
    // One piece of evidence a rule that fired, and the token model's:
    // sized at once, where growing the vector as it filled took a second
    // allocation for a third of the notes.
    let rules_fired = fired.chunk_by(|a, b| a.rule() == b.rule()).count();
    let mut evidence: Vec<Evidence> =
        Vec::with_capacity(rules_fired + usize::from(model.is_some()));
    evidence.extend(fired.chunk_by(|a, b| a.rule() == b.rule()).map(|group| {
        let rule = &RULES[group[0].rule()];
        // Sorted, as the hits are: the rule's hits without a range first.
        let ranges = &group[group.partition_point(|hit| hit.range().is_none())..];
        evidence_of(
            rule,
            rule.weight,
            &units,
            ranges.len(),
            ranges.iter().filter_map(|hit| hit.range()),
        )
    }));
    if let Some((i, (points, mut spans))) = model {
        // Sorted for `evidence_of`, which joins them as they come.
        spans.sort_unstable();
        evidence.push(evidence_of(
            &RULES[i],
            points,
            &units,
            spans.len(),
            spans.iter().copied(),
        ));
    }
    // `then_with`: the ids are compared only on equal weights.
    evidence.sort_by(|a, b| {
        b.weight
            .abs()
            .cmp(&a.weight.abs())
            .then_with(|| a.rule.cmp(b.rule))
    });
    Scored {
        has_note: true,
        score: evidence.iter().map(|e| e.weight).sum(),
        language,
        evidence,
        truncated,
    }
}

/// The evidence of a rule from its original byte ranges, which must be
/// sorted: overlapping or touching ones are joined as they come (the
/// step [`merge`](crate::ranges::merge) takes after sorting), without a vector of their own.
/// There are `count` ranges: the spans' vector is allocated once with room
/// for them all, not grown from empty (they are rarely joined).
fn evidence_of(
    rule: &'static RuleInfo,
    weight: i32,
    note: &Utf16<'_>,
    count: usize,
    ranges: impl IntoIterator<Item = (usize, usize)>,
) -> Evidence {
    let mut spans = Vec::with_capacity(count);
    // The joined ranges are sorted and apart, so each one's UTF-16 offset
    // is counted on from the end of the one before, not from the start
    // of the note every time (4% of a note's instructions).
    let mut after = (0, 0);
    let mut push = |(s, e): (usize, usize)| {
        let span = note.span_after(after, s, e);
        after = (e, span.end_utf16);
        spans.push(span);
    };
    let mut open: Option<(usize, usize)> = None;
    for r in ranges {
        if !open.as_mut().is_some_and(|last| absorb(last, &r)) {
            if let Some(done) = open.replace(r) {
                push(done);
            }
        }
    }
    if let Some(done) = open {
        push(done);
    }
    Evidence {
        rule: rule.id,
        description: rule.description,
        weight,
        category: rule.category,
        spans,
    }
}

/// Judges one invitation at one strictness.
pub fn classify(inv: &Invitation, strictness: Strictness) -> Verdict {
    let scored = score(inv);
    let label = label_for(scored.has_note, scored.score, strictness);
    Verdict {
        label,
        score: scored.score,
        threshold: threshold(strictness),
        strictness,
        action: action_for(label, scored.score, strictness, &scored.evidence),
        language: scored.language.to_string(),
        evidence: scored.evidence,
        truncated: scored.truncated,
    }
}

/// Judges many invitations at one strictness, in order.
pub fn classify_batch(invitations: &[Invitation], strictness: Strictness) -> Vec<Verdict> {
    invitations
        .iter()
        .map(|inv| classify(inv, strictness))
        .collect()
}

#[cfg(test)]
fn span(note: &str, start: usize, end: usize) -> Span {
    Utf16::new(note, &Census::of(note)).span_after((0, 0), start, end)
}

/// The judged note, for counting its UTF-16 offsets.
///
/// Only the bytes from the note's first character past ASCII to the end
/// of its last are ever counted: before them a byte's UTF-16 offset is
/// its byte offset, and after them it is that less the bytes the wide
/// characters save, found once. Two notes in five are not all ASCII,
/// mostly for an emoji or a curly apostrophe or two, and each rule's
/// spans were counted from the start of the note (or its span before):
/// counting between the bounds took 210 instructions a note off 35,030.
struct Utf16<'a> {
    note: &'a str,
    /// Where the first byte past ASCII stands (the note's length when
    /// there is none, as in most notes).
    head: usize,
    /// Where the last character past ASCII ends.
    tail: usize,
    /// UTF-8 bytes less UTF-16 units in `head..tail`: what a byte at or
    /// after `tail` takes off its offset.
    saved: usize,
}

impl<'a> Utf16<'a> {
    /// The note's counter; `census` is [`Census::of`] the note, which
    /// says whether it is all ASCII, as most notes are.
    fn new(note: &'a str, census: &Census) -> Self {
        let bytes = note.as_bytes();
        if census.ascii() {
            return Utf16 {
                note,
                head: bytes.len(),
                tail: bytes.len(),
                saved: 0,
            };
        }
        let (head, tail) = (swar::first_wide(bytes), swar::wide_end(bytes));
        Utf16 {
            note,
            head,
            tail,
            saved: tail - head - utf16_len(&bytes[head..tail]),
        }
    }

    /// The UTF-16 offset of byte `at` (a character boundary), given that
    /// byte `from.0 <= at` is UTF-16 offset `from.1`.
    #[inline(always)]
    fn offset(&self, from: (usize, usize), at: usize) -> usize {
        if at <= self.head {
            return at;
        }
        if at >= self.tail {
            return at - self.saved;
        }
        self.count(from, at)
    }

    /// [`Utf16::offset`] of a byte between the note's first and last
    /// characters past ASCII: counted on from `from` or the first.
    #[inline(never)]
    fn count(&self, from: (usize, usize), at: usize) -> usize {
        let (from, units) = if from.0 >= self.head {
            from
        } else {
            (self.head, self.head)
        };
        units + utf16_len(&self.note.as_bytes()[from..at])
    }

    /// The span of `start..end` in the note, given that byte
    /// `after.0 <= start` is UTF-16 offset `after.1`.
    fn span_after(&self, after: (usize, usize), start: usize, end: usize) -> Span {
        let start_utf16 = self.offset(after, start);
        Span {
            start,
            end,
            start_utf16,
            end_utf16: self.offset((start, start_utf16), end),
        }
    }
}

/// UTF-16 code units in UTF-8 `bytes` that start and end on character
/// boundaries: one per character (every byte but continuation bytes), and
/// one more for each four-byte character (a surrogate pair). A byte loop
/// the compiler vectorises, rather than decoding every character.
fn utf16_len(bytes: &[u8]) -> usize {
    if bytes.is_ascii() {
        return bytes.len();
    }
    // Summed in bytes, 127 at a time (at most 2 each, so no more than
    // 254): the compiler sums sixteen bytes to an instruction that way,
    // where a sum in `usize` took several instructions a byte.
    bytes
        .chunks(127)
        .map(|chunk| {
            let units = chunk.iter().fold(0u8, |sum, &b| {
                sum + u8::from((b as i8) >= -0x40) + u8::from(b >= 0xF0)
            });
            usize::from(units)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_ranges_count_surrogate_pairs() {
        let note = "👋 hi";
        let s = span(note, note.find("hi").unwrap(), note.len());
        assert_eq!((s.start_utf16, s.end_utf16), (3, 5));
    }

    #[test]
    fn utf16_spans_match_the_standard_library() {
        for note in [
            "plain ascii note",
            "👋 hi there",
            "hi there 👋",
            "café, naïve 中 résumé — ok 😀 end",
            "é",
        ] {
            let units = Utf16::new(note, &Census::of(note));
            let bounds: Vec<usize> = (0..=note.len())
                .filter(|&i| note.is_char_boundary(i))
                .collect();
            let want = |at: usize| note[..at].encode_utf16().count();
            for (i, &s) in bounds.iter().enumerate() {
                for &e in &bounds[i..] {
                    for &from in &bounds[..=i] {
                        let span = units.span_after((from, want(from)), s, e);
                        assert_eq!((span.start_utf16, span.end_utf16), (want(s), want(e)));
                    }
                }
            }
        }
    }

    #[test]
    fn utf16_lengths_match_the_standard_library() {
        for text in [
            String::new(),
            "plain".into(),
            "é👋中".repeat(60),
            "𝒳".repeat(200),
            "a😀".repeat(130) + "é",
        ] {
            assert_eq!(utf16_len(text.as_bytes()), text.encode_utf16().count());
        }
    }

    #[test]
    fn huge_notes_are_cut_on_a_char_boundary() {
        let note = "é".repeat(MAX_NOTE_BYTES);
        let cut = prefix(&note, MAX_NOTE_BYTES);
        assert!(cut.len() <= MAX_NOTE_BYTES && cut.chars().all(|c| c == 'é'));
    }
}

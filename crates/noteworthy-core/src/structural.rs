//! Signs that are shapes rather than phrases: mail-merge placeholders, a
//! greeting to somebody else's name, a note too short to say anything,
//! links, and quoted titles. Each detector belongs to a rule in
//! `rules/any.toml`, which holds its weight, wording and examples.

use crate::census::Census;
use crate::details::{self, Details};
use crate::lexicon::{self, Kind};
use crate::normalize::{normalize, Normalized};
use crate::ranges::overlaps;
use crate::scripts::is_cjk;
use crate::spare::RangeList;
use crate::swar;
use crate::types::Invitation;
use crate::words::Word;
use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;

/// A detector's finding: original byte ranges (empty when the sign is about
/// the whole note), or `None` when it did not fire. Borrowed from the note's
/// findings when a detector reports them as they are (the named details,
/// the numbers…): no copy for the caller to read once and drop.
pub(crate) type Finding<'n> = Option<Cow<'n, [(usize, usize)]>>;

/// What the detectors read: the note, what is known of both people, its
/// words, and what the phrase rules and word detectors found.
pub(crate) struct Note<'a> {
    pub original: &'a str,
    /// [`Census::of`] the note.
    pub census: &'a Census,
    pub norm: &'a Normalized,
    pub inv: &'a Invitation,
    pub words: &'a [Word],
    pub details: &'a Details,
    /// Original ranges of the phrase rules of the stock category that fired.
    pub stock: &'a [(usize, usize)],
    /// Original ranges of the phrase rules that fit any recipient (stock,
    /// template and pitch categories) that fired.
    pub canned: &'a [(usize, usize)],
    /// The named details outside canned phrases ([`details::named_outside`]),
    /// read by two detectors, found once.
    pub named: &'a [(usize, usize)],
    /// The sender's own questions ([`details::own_questions`]), read by two
    /// detectors, found once.
    pub own_questions: &'a [(usize, usize)],
    /// The links' original ranges ([`links`]), read by two detectors,
    /// found once.
    pub links: &'a [(usize, usize)],
    /// What the sender's business does ([`details::offers`]), read by two
    /// detectors, found once.
    pub offers: &'a [(usize, usize)],
    /// The asks for a call or an email ([`details::contact_asks`]), read by
    /// three detectors and the sender's questions, found once.
    pub contact_asks: &'a [(usize, usize)],
    /// Whether the note sells, recruits or asks for a call: a pitch
    /// phrase fired, or the sender offers their business, or asks to move
    /// to a call or an email.
    pub sells: bool,
}

/// Declares [`Detector`], the shape detectors, and [`run_detectors`],
/// which runs them one after the other: both from the one list below, so
/// a detector added to the enum is run, and none is run that is not one.
macro_rules! detectors {
    ($($detector:ident),* $(,)?) => {
        /// The shape detectors, each named by one rule in `rules/any.toml`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Detector {
            $($detector,)*
            /// The token model; its weight comes from the model, see [`crate::tokens`].
            Tokens,
        }

        /// Runs every detector a rule names but the token model's, calling
        /// `fired(rule, spans)` for each that fires, in the order they are
        /// listed (the caller sorts the hits). Written out one detector
        /// after the other, with the detector known at each: a loop over
        /// the rules chose it through a jump table at every turn, a
        /// different target each time, and that indirect jump was
        /// mispredicted at nearly every detector (8,238 of the corpus's
        /// 9,000-odd indirect mispredicts, 23 a note).
        #[inline(always)]
        pub(crate) fn run_detectors<'n>(
            note: &'n Note<'_>,
            mut fired: impl FnMut(usize, Finding<'n>),
        ) {
            $(
                if let Some(rule) = RULE_OF[Detector::$detector as usize] {
                    fired(rule, Detector::$detector.detect(note));
                }
            )*
        }
    };
}

detectors!(
    Placeholder,
    WrongName,
    ShownMutual,
    EmojiOnly,
    TooShort,
    Link,
    LinkToThem,
    QuotedTitle,
    NamedDetail,
    NamedDetails,
    NamesInPitch,
    OwnName,
    Offer,
    ContactAsk,
    NumberDetail,
    Bragging,
    Question,
    SpecificQuestion,
    GroundedQuestion,
    SpecificThanks,
    NamedRelation,
    MoreThanStock,
);

impl Detector {
    /// Runs the detector on the note. Inlined where [`run_detectors`] asks
    /// each detector by name, so only that detector's arm is left there:
    /// as a call, each of the twenty-odd detectors a note saved and
    /// restored registers and returned its finding through memory, and
    /// most detectors only lend a list found before (1.3% of a note).
    ///
    /// Not in the WebAssembly build: there the detectors made the function
    /// that calls them 45 KB of code, and V8 gives a function that large
    /// its cheaper, slower register allocator (V8's
    /// `--turbo-use-mid-tier-regalloc-for-huge-functions`). Apart, the two
    /// get the good one, and a note took 7% fewer instructions in Node.
    #[cfg_attr(not(target_family = "wasm"), inline(always))]
    #[cfg_attr(target_family = "wasm", inline(never))]
    pub(crate) fn detect<'n>(self, note: &'n Note<'_>) -> Finding<'n> {
        let (original, norm, inv, d) = (note.original, note.norm, note.inv, note.details);
        match self {
            // A field opens with one of the openings, which most notes lack.
            Detector::Placeholder if note.census.opening => non_empty(placeholders(original)),
            Detector::Placeholder => None,
            Detector::WrongName => wrong_name(original, inv).map(|span| vec![span].into()),
            Detector::ShownMutual => non_empty(shown_mutual(original, inv)),
            Detector::EmojiOnly => emoji_only(norm).then_some(WHOLE_NOTE),
            Detector::TooShort => {
                (!emoji_only(norm) && too_short(original, note.census)).then_some(WHOLE_NOTE)
            }
            Detector::Link => non_empty(note.links),
            Detector::LinkToThem => non_empty(
                note.links
                    .iter()
                    .copied()
                    // A link inside a booking or shortener phrase belongs to
                    // the campaign, whoever the sentence speaks of.
                    .filter(|&span| {
                        details::about_them(note.words, d, span) && !overlaps(note.canned, span)
                    })
                    .collect::<Vec<_>>(),
            ),
            Detector::QuotedTitle => non_empty(
                quoted_titles(norm)
                    .into_iter()
                    .filter(|&span| !details::owned_by_sender(note.words, span))
                    .collect::<Vec<_>>(),
            ),
            Detector::NamedDetail => non_empty(note.named),
            Detector::NamedDetails => (note.named.len() >= 2).then_some(note.named.into()),
            // In a note that sells, the names serve the pitch: the job's
            // city, the product, the client list. The fit weighs how far.
            Detector::NamesInPitch if note.sells => non_empty(note.named),
            Detector::NamesInPitch => None,
            Detector::OwnName => non_empty(&d.own),
            Detector::Offer => non_empty(note.offers),
            Detector::ContactAsk => non_empty(note.contact_asks),
            Detector::NumberDetail => non_empty(&d.numbers),
            Detector::Bragging => non_empty(&d.bragging),
            Detector::Question => non_empty(note.own_questions),
            Detector::SpecificQuestion => {
                non_empty(details::specific_questions(d, note.contact_asks))
            }
            Detector::SpecificThanks => {
                non_empty(details::specific_thanks(&norm.text, note.words, d))
            }
            Detector::NamedRelation => non_empty(&d.relations),
            Detector::GroundedQuestion => non_empty(details::grounded_questions(
                note.words,
                d,
                note.own_questions,
            )),
            Detector::MoreThanStock => (!note.stock.is_empty()
                && details::words_outside(note.words, note.stock) >= MORE_THAN_STOCK_WORDS)
                .then_some(WHOLE_NOTE),
            Detector::Tokens => None,
        }
    }
}

/// Words of their own, beside LinkedIn's stock sentence, that make it more
/// than the stock sentence: a sentence of six words or more.
const MORE_THAN_STOCK_WORDS: usize = 6;

/// Each detector's rule, `RULE_OF[detector as usize]`, or `None` where
/// no rule names the detector: found when the crate is compiled. `build.rs`
/// writes each rule's detector as a variant of [`Detector`], so a misspelt
/// name in a rule file fails the build; so does a detector named twice.
const RULE_OF: [Option<usize>; Detector::Tokens as usize + 1] = {
    let rules = crate::rules::DETECTOR_RULES;
    let mut of = [None; Detector::Tokens as usize + 1];
    let mut i = 0;
    while i < rules.len() {
        let (rule, detector) = rules[i];
        assert!(
            of[detector as usize].is_none(),
            "a detector named by two rules"
        );
        of[detector as usize] = Some(rule);
        i += 1;
    }
    of
};

/// The token model's rule, when the rule files have one: found once, when
/// the crate is compiled, where a search of the detectors' rules ran for
/// every note.
pub(crate) const TOKENS_RULE: Option<usize> = {
    let rules = crate::rules::DETECTOR_RULES;
    let mut found = None;
    let mut i = 0;
    while i < rules.len() {
        if matches!(rules[i].1, Detector::Tokens) {
            found = Some(rules[i].0);
        }
        i += 1;
    }
    found
};

/// The finding of a sign about the whole note: no ranges.
const WHOLE_NOTE: Cow<'static, [(usize, usize)]> = Cow::Borrowed(&[]);

/// `spans`, borrowed or owned, as a finding when there are any.
fn non_empty<'n>(spans: impl Into<Cow<'n, [(usize, usize)]>>) -> Finding<'n> {
    let spans = spans.into();
    (!spans.is_empty()).then_some(spans)
}

/// Where the next `{`, `[`, `%` or `<` is, remembering what earlier
/// searches found so that no byte is searched twice: a search for `<`
/// (or for the other three) is only run again once the scan has passed
/// the one it found, and a search that found nothing is never run again.
/// Without the memory, a note of `<` would search its whole rest for `{`,
/// `[` or `%` at every `<`: quadratic.
struct Openings<'a> {
    bytes: &'a [u8],
    /// The next `{`, `[` or `%` at or after the last search's start;
    /// `None` once there is none left.
    three: Option<usize>,
    /// The next `<`, likewise.
    angle: Option<usize>,
    /// Bytes searched so far, for the linearity tests.
    steps: usize,
}

impl<'a> Openings<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        let mut openings = Openings {
            bytes,
            three: None,
            angle: None,
            steps: 0,
        };
        openings.three = openings.search(0, |b| memchr::memchr3(b'{', b'[', b'%', b));
        openings.angle = openings.search(0, |b| memchr::memchr(b'<', b));
        openings
    }

    fn search(&mut self, from: usize, find: impl Fn(&[u8]) -> Option<usize>) -> Option<usize> {
        let found = find(&self.bytes[from..]).map(|at| from + at);
        self.steps += found.unwrap_or(self.bytes.len()) + 1 - from;
        found
    }

    /// The first opening character at or after `from`.
    fn next_opening(&mut self, from: usize) -> Option<usize> {
        if self.three.is_some_and(|at| at < from) {
            self.three = self.search(from, |b| memchr::memchr3(b'{', b'[', b'%', b));
        }
        if self.angle.is_some_and(|at| at < from) {
            self.angle = self.search(from, |b| memchr::memchr(b'<', b));
        }
        match (self.three, self.angle) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// How far past the opening a field may run before it is not one.
const MAX_FIELD_BYTES: usize = 40;

/// A byte that can stand inside a field: `is_field` accepts letters,
/// digits, `_`, space, `-` and `.`, and non-ASCII bytes may be letters.
/// Any other byte ends the search for the closing character early, since
/// `is_field` would refuse the field anyway.
fn may_be_in_field(b: u8) -> bool {
    !b.is_ascii() || b.is_ascii_alphanumeric() || matches!(b, b'_' | b' ' | b'-' | b'.')
}

/// `{first_name}`, `{{company}}`, `[Name]`, `%FIRSTNAME%`, `<first_name>`:
/// fields a mass-send tool failed to fill.
fn placeholders(text: &str) -> Vec<(usize, usize)> {
    placeholder_scan(text).0
}

/// The placeholders and how many steps finding them took: bytes searched
/// for an opening plus bytes looked at after one. Every byte is looked at
/// a bounded number of times, whatever the note: after an opening the
/// search stops at the first byte a field cannot hold (another opening
/// among them), a run of `{` is walked once, not once per brace, and the
/// search for openings never goes over the same bytes twice.
fn placeholder_scan(text: &str) -> (Vec<(usize, usize)>, usize) {
    let mut spans = Vec::new();
    let bytes = text.as_bytes();
    let mut openings = Openings::new(bytes);
    let mut steps = 0;
    let mut i = 0;
    // Jump from opening character to opening character: most notes have none.
    while let Some(start) = openings.next_opening(i) {
        let open = bytes[start];
        let close = match open {
            b'{' => b'}',
            b'[' => b']',
            b'<' => b'>',
            _ => b'%',
        };
        let mut j = start + 1;
        // Allow doubled braces: {{company}}.
        while open == b'{' && j < bytes.len() && bytes[j] == b'{' {
            j += 1;
        }
        let inner_start = j;
        while j < bytes.len()
            && bytes[j] != close
            && j - inner_start <= MAX_FIELD_BYTES
            && may_be_in_field(bytes[j])
        {
            j += 1;
        }
        steps += j + 1 - start;
        if j < bytes.len() && bytes[j] == close && j > inner_start {
            let mut end = j + 1;
            while close == b'}' && end < bytes.len() && bytes[end] == b'}' {
                end += 1;
            }
            steps += end - j;
            if is_field(&text[inner_start..j], open) {
                spans.push((start, end));
                i = end;
                continue;
            }
        }
        // Every later brace of a run of `{` leads to the same field, which
        // was just refused: go on after the run.
        i = if open == b'{' { inner_start } else { start + 1 };
    }
    (spans, steps + openings.steps)
}

fn is_field(inner: &str, open: u8) -> bool {
    if !inner
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | ' ' | '-' | '.'))
    {
        return false;
    }
    let letters = inner.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || inner.split_whitespace().count() > 4 {
        return false;
    }
    let folded = normalize(inner).text;
    let names_field = folded
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| lexicon::is(Kind::Field, w));
    match open {
        // Braces are never prose.
        b'{' => true,
        b'%' => !inner.contains(' ') && (names_field || inner.contains('_') || is_upper(inner)),
        b'<' => names_field || inner.contains('_'),
        // "[Name]", "[Company Name]", "[FIRST_NAME]" but not "[link]" or "[sic]".
        _ => names_field || inner.contains('_') || (is_upper(inner) && letters > 2),
    }
}

fn is_upper(s: &str) -> bool {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
}

/// A greeting at the start of the note to a first name that is not the
/// recipient's: the template was filled for someone else.
///
/// Only a word that stands where a name stands counts: right after the
/// greeting (and any title), with nothing but spaces between, capitalised,
/// and followed by punctuation, the end, or a surname. "Hi, Saw your
/// dashboard" greets nobody; a misspelt greeting ("Hi Khusboo" to
/// Khushboo) is the recipient's own name.
fn wrong_name(text: &str, inv: &Invitation) -> Option<(usize, usize)> {
    let recipient = inv.recipient.name.as_deref()?;
    let own: Vec<String> = normalize(recipient)
        .text
        .unicode_words()
        .map(str::to_string)
        .collect();
    if own.is_empty() {
        return None;
    }
    let words: Vec<(usize, &str)> = text.unicode_word_indices().take(7).collect();
    let mut greeted = false;
    for (n, &(at, word)) in words.iter().enumerate() {
        let folded = normalize(word).text;
        if lexicon::is(Kind::Greeting, &folded) {
            greeted = true;
            continue;
        }
        if !greeted {
            continue;
        }
        // The word must follow the previous one with only spaces (or the
        // full stop of a title, "Sra.") between.
        let (prev_at, prev) = words[n - 1];
        let gap = &text[prev_at + prev.len()..at];
        if !gap.trim_start_matches('.').chars().all(char::is_whitespace) {
            return None;
        }
        if lexicon::is(Kind::Honorific, &folded) || lexicon::is(Kind::Filler, &folded) {
            continue;
        }
        if lexicon::is(Kind::NotName, &folded) || !looks_like_name(word) {
            return None;
        }
        if !ends_like_a_name(text, at + word.len(), words.get(n + 1)) {
            return None;
        }
        if own.iter().any(|n| same_name(n, &folded)) {
            return None;
        }
        return Some((at, at + word.len()));
    }
    None
}

/// Capitalised, then lowercase letters: "Maria", "Zoë", not "I", "SQL" or
/// "iPhone".
fn looks_like_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 2
        && chars.all(|c| c.is_lowercase() || c == '\'' || c == '-')
}

/// After a name comes punctuation, the end of the note, or a surname; a
/// lowercase word means the capitalised one began a sentence.
fn ends_like_a_name(text: &str, end: usize, next: Option<&(usize, &str)>) -> bool {
    match next {
        None => true,
        Some(&(at, word)) => {
            !text[end..at].chars().all(char::is_whitespace)
                || word.chars().next().is_some_and(char::is_uppercase)
        }
    }
}

/// The same name, a nickname of it, or a misspelling of it: a shared
/// beginning of three letters, or at most one edit in four letters.
fn same_name(own: &str, greeted: &str) -> bool {
    let shared_start = own.len() >= 3 && greeted.len() >= 3 && {
        let n = own.len().min(greeted.len()).min(4);
        own.as_bytes()[..n.min(3)] == greeted.as_bytes()[..n.min(3)]
    };
    own == greeted || shared_start || edits(own, greeted) * 4 <= own.chars().count().max(4)
}

/// Levenshtein distance over characters (names are short).
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The person LinkedIn's mutual-connection line names, when it names one:
/// the line starts with the name in every locale ("Anant Garg is a mutual
/// connection", "Anant Garg ist eine gemeinsame Verbindung"), while counts
/// ("12 mutual connections") name nobody.
fn mutual_name(line: &str) -> Option<(&str, Option<&str>)> {
    let mut words = line.unicode_words();
    let capitalised =
        |w: &&str| w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() >= 2;
    let first = words.next().filter(capitalised)?;
    Some((first, words.next().filter(capitalised)))
}

/// The note names the mutual connection LinkedIn shows for this sender:
/// the sender and the page agree on who you both know.
fn shown_mutual(text: &str, inv: &Invitation) -> Vec<(usize, usize)> {
    let Some((first, last)) = inv
        .sender
        .mutual_connections
        .as_deref()
        .and_then(mutual_name)
    else {
        return Vec::new();
    };
    text.unicode_word_indices()
        .filter(|(_, w)| *w == first || Some(*w) == last)
        .map(|(at, w)| (at, at + w.len()))
        .collect()
}

/// Nothing but emoji, symbols or punctuation.
fn emoji_only(norm: &Normalized) -> bool {
    !norm.text.is_empty() && !norm.text.chars().any(char::is_alphanumeric)
}

/// Fewer than four words (or eight characters of a script written without
/// spaces): too little to say how or why. `census` is [`Census::of`]
/// `text`.
fn too_short(text: &str, census: &Census) -> bool {
    // Counting stops at eight, all the test below needs.
    let cjk = if !census.may_hold_cjk() {
        0
    } else {
        text.chars().filter(|&c| is_cjk(c)).take(8).count()
    };
    if cjk > 0 {
        return cjk < 8;
    }
    // Eight or more space-separated tokens are never fewer than four
    // words; only shorter notes need word segmentation.
    if whitespace_tokens_at_least(text, 8) {
        return false;
    }
    text.unicode_words().take(4).count() < 4
}

/// Whether `text.split_whitespace()` gives at least `n` tokens, counted
/// as the characters that are not whitespace after one that is (or the
/// start). Eight ASCII bytes are counted at once, their token starts
/// picked out and added up in a few instructions, where a loop that
/// stepped from token to token took forty instructions a token (1% of a
/// note's); a character past ASCII, and the bytes up to it, are read one
/// at a time, as `char::is_whitespace` reads them.
fn whitespace_tokens_at_least(text: &str, n: usize) -> bool {
    let bytes = text.as_bytes();
    let mut tokens = 0;
    // Whether the character before byte `i` is whitespace (or there is
    // none).
    let mut after_space = true;
    let mut i = 0;
    while i < bytes.len() {
        match swar::load(bytes, i).filter(|eight| eight & swar::HIGH_BITS == 0) {
            Some(eight) => {
                // `char::is_whitespace` in ASCII: tab to carriage return,
                // space.
                let space = (swar::within(eight, b'\t', b'\r') | swar::equal(eight, b' '))
                    & swar::HIGH_BITS;
                let before = space << 8 | u64::from(after_space) << 7;
                tokens += swar::count(before & !space);
                after_space = space >> 63 != 0;
                i += 8;
            }
            None => {
                let (space, len) = match bytes[i] {
                    b if b.is_ascii() => (matches!(b, b'\t'..=b'\r' | b' '), 1),
                    _ => {
                        let c = text[i..].chars().next().expect("on a char boundary");
                        (c.is_whitespace(), c.len_utf8())
                    }
                };
                tokens += usize::from(after_space && !space);
                after_space = space;
                i += len;
            }
        }
        if tokens >= n {
            return true;
        }
    }
    false
}

/// The links of the note, as original byte ranges: in a first note they
/// point to a pitch, not to the recipient.
pub(crate) fn links(norm: &Normalized) -> RangeList {
    let (found, _) = link_scan(&norm.text);
    if found.is_empty() {
        return RangeList::default();
    }
    let mut links = RangeList::new();
    links.extend(found.into_iter().map(|(s, e)| norm.original_range(s, e)));
    links
}

/// Whether `bytes` hold `://` or `www.`: found from the colons and full
/// stops, which are few in a note, where `memmem::find` set up a
/// searcher for each of the two on every call (a quarter of the shape
/// detectors' instructions).
fn may_hold_link(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b':', bytes).any(|at| bytes[at + 1..].starts_with(b"//"))
        || memchr::memchr_iter(b'.', bytes).any(|at| at >= 3 && &bytes[at - 3..at] == b"www")
}

/// What starts a link.
const LINK_MARKERS: [&[u8]; 3] = [b"http://", b"https://", b"www."];

/// The links in folded `text`, each from its marker to the next space,
/// and the bytes searched to find them. One pass: the next occurrence of
/// each marker is remembered until the scan passes it, and a link's end is
/// where the scan goes on, so no byte is searched twice for the same thing
/// (a note of `http://http://…` used to search for the space once per
/// marker: quadratic). A marker inside a link is part of that link.
fn link_scan(text: &str) -> (Vec<(usize, usize)>, usize) {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut steps = 0;
    if !may_hold_link(bytes) {
        return (spans, bytes.len());
    }
    let search = |from: usize, marker: &[u8], steps: &mut usize| {
        let found = memchr::memmem::find(&bytes[from..], marker).map(|at| from + at);
        *steps += found.map_or(bytes.len(), |at| at + marker.len()) - from;
        found
    };
    let mut next: Vec<Option<usize>> = LINK_MARKERS
        .iter()
        .map(|m| search(0, m, &mut steps))
        .collect();
    let mut from = 0;
    loop {
        for (found, marker) in next.iter_mut().zip(LINK_MARKERS) {
            if found.is_some_and(|at| at < from) {
                *found = search(from, marker, &mut steps);
            }
        }
        let Some(at) = next.iter().flatten().copied().min() else {
            break;
        };
        let end = memchr::memchr(b' ', &bytes[at..]).map_or(bytes.len(), |e| at + e);
        steps += end - at;
        spans.push((at, end));
        from = end;
    }
    (spans, steps)
}

/// A quoted title of a few words ("Por que o CAC do SaaS explodiu",
/// 「GA4活用」): the sender names a specific piece of the recipient's work.
/// A value quoted after `=` is markup's (`onerror="…"`), not a title.
fn quoted_titles(norm: &Normalized) -> Vec<(usize, usize)> {
    let text = &norm.text;
    // Most notes quote nothing: one memchr, where setting up the search
    // for every quote cost more than the rest of the detector.
    if memchr::memchr(b'"', text.as_bytes()).is_none() {
        return Vec::new();
    }
    let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    quotes
        .chunks_exact(2)
        .filter_map(|pair| {
            if text[..pair[0]].ends_with('=') {
                return None;
            }
            let inner = &text[pair[0] + 1..pair[1]];
            if inner.len() > 160 {
                return None;
            }
            let words = inner.unicode_words().count();
            let cjk = inner.chars().filter(|&c| is_cjk(c)).count();
            let specific = (2..=16).contains(&words) || cjk >= 4;
            specific.then(|| norm.original_range(pair[0], pair[1] + 1))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        placeholders(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn finds_unfilled_fields() {
        assert_eq!(
            spans("Hi {first_name}, love {{company}}!"),
            ["{first_name}", "{{company}}"]
        );
        assert_eq!(
            spans("Hello [Name], I saw [Company Name]"),
            ["[Name]", "[Company Name]"]
        );
        assert_eq!(spans("Dear %FIRSTNAME%"), ["%FIRSTNAME%"]);
        assert!(spans("see [link] and [sic], 50% off 20%").is_empty());
    }

    #[test]
    fn fields_inside_runs_and_next_to_other_brackets() {
        assert_eq!(spans("{{{{{name}}}}}"), ["{{{{{name}}}}}"]);
        assert_eq!(spans("<a{name}>"), ["{name}"]);
        assert_eq!(spans("[[[Name]"), ["[Name]"]);
        assert_eq!(spans("<<first_name>"), ["<first_name>"]);
        assert_eq!(spans("%%%FIRST_NAME%"), ["%FIRST_NAME%"]);
        assert_eq!(spans("{{{ oops {company}"), ["{company}"]);
        assert!(spans("{{{{{{").is_empty());
        assert!(spans("[a very long field that goes on past forty bytes]").is_empty());
    }

    /// The notes of issue 8, item 6: runs of an opening character made the
    /// scans quadratic (44 ms for 16 KB natively). Work is counted, not
    /// timed: every byte must be looked at a bounded number of times.
    fn pathological_notes() -> Vec<(&'static str, String)> {
        let n = crate::MAX_NOTE_BYTES;
        let fill = |unit: &str| unit.repeat(n / unit.len());
        vec![
            ("{", fill("{")),
            ("<", fill("<")),
            ("[", fill("[")),
            ("%", fill("%")),
            ("http://", fill("http://")),
            ("https://", fill("https://")),
            ("www.", fill("www.")),
            ("{a", fill("{a")),
            ("<a", fill("<a")),
            ("[ab", fill("[ab")),
            ("%ab", fill("%ab")),
            ("{{{x}", fill("{{{x}")),
            ("[ + 40 letters", fill(&format!("[{}", "a".repeat(40)))),
            ("< + 39 letters", fill(&format!("<{}", "a".repeat(39)))),
            (
                "{ then }",
                format!("{}{}", "{".repeat(n / 2), "}".repeat(n / 2)),
            ),
            ("{x}}", fill("{x}}")),
            ("<{", fill("<{")),
            ("é[", fill("é[")),
            ("http://www.", fill("http://www.")),
            ("letters", fill("abcdefgh")),
        ]
    }

    #[test]
    fn placeholder_scan_is_linear_in_the_note() {
        for (name, note) in pathological_notes() {
            let (_, steps) = placeholder_scan(&note);
            assert!(
                steps <= 4 * note.len() + 64,
                "{name}: {steps} steps for {} bytes",
                note.len()
            );
        }
    }

    #[test]
    fn whitespace_tokens_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            " ",
            "a",
            "one two three four five six seven eight",
            "one two three four five six seven",
            "\u{b}a\u{c}b\rc\td\ne\u{a0}f\u{2003}g\u{3000}h i",
            "  lead and trail  ",
            "日本語 テキスト",
        ] {
            for n in 1..10 {
                assert_eq!(
                    whitespace_tokens_at_least(text, n),
                    text.split_whitespace().nth(n - 1).is_some(),
                    "{text:?} {n}"
                );
            }
        }
    }

    #[test]
    fn long_tokens_stepped_over_eight_bytes_at_a_time_count_as_split_whitespace_counts_them() {
        let text =
            "connectingpeople\tacross-the-industry\u{a0}naïveté.com x https://example.org/a/b?c=d \
                    zwölf\u{2003}日本語テキストです ok";
        for cut in (0..=text.len()).filter(|&c| text.is_char_boundary(c)) {
            let part = &text[..cut];
            for n in 1..12 {
                assert_eq!(
                    whitespace_tokens_at_least(part, n),
                    part.split_whitespace().nth(n - 1).is_some(),
                    "{part:?} {n}"
                );
            }
        }
    }

    #[test]
    fn the_link_precheck_finds_what_memmem_finds() {
        for text in [
            "",
            ":",
            "://",
            "a:/",
            "x://y",
            "www",
            "www.",
            ".www.",
            "ww.w.",
            "w.ww.",
            "see www.x",
            "::///",
            "...www",
            "http:/ /",
        ] {
            let want = memchr::memmem::find(text.as_bytes(), b"://").is_some()
                || memchr::memmem::find(text.as_bytes(), b"www.").is_some();
            assert_eq!(may_hold_link(text.as_bytes()), want, "{text:?}");
        }
    }

    #[test]
    fn link_scan_is_linear_in_the_note() {
        for (name, note) in pathological_notes() {
            let folded = normalize(&note);
            let (_, steps) = link_scan(&folded.text);
            assert!(
                steps <= 4 * folded.text.len() + 64,
                "{name}: {steps} steps for {} bytes",
                folded.text.len()
            );
        }
    }

    #[test]
    fn links_run_to_the_next_space_and_markers_inside_belong_to_them() {
        let found = |text: &str| -> Vec<String> {
            let (spans, _) = link_scan(text);
            spans.iter().map(|&(s, e)| text[s..e].to_string()).collect()
        };
        assert_eq!(
            found("see https://www.x.io/a and www.y.com http://z"),
            ["https://www.x.io/a", "www.y.com", "http://z"]
        );
        assert_eq!(found("http://http://a b"), ["http://http://a"]);
        assert_eq!(found("no link here: ftp://x"), Vec::<String>::new());
        assert_eq!(found("www."), ["www."]);
    }

    /// The scans as they were before they were made linear, kept as the
    /// reference the new ones must agree with.
    mod reference {
        use super::super::*;

        pub fn placeholders(text: &str) -> Vec<(usize, usize)> {
            let mut spans = Vec::new();
            let bytes = text.as_bytes();
            let mut i = 0;
            let next_opening = |bytes: &[u8]| {
                let three = memchr::memchr3(b'{', b'[', b'%', bytes);
                memchr::memchr(b'<', &bytes[..three.unwrap_or(bytes.len())]).or(three)
            };
            while let Some(skip) = next_opening(&bytes[i..]) {
                let start = i + skip;
                let open = bytes[start];
                let close = match open {
                    b'{' => b'}',
                    b'[' => b']',
                    b'<' => b'>',
                    _ => b'%',
                };
                let mut j = start + 1;
                while open == b'{' && j < bytes.len() && bytes[j] == b'{' {
                    j += 1;
                }
                let inner_start = j;
                while j < bytes.len()
                    && bytes[j] != close
                    && j - inner_start <= 40
                    && bytes[j] != b'\n'
                {
                    j += 1;
                }
                if j < bytes.len() && bytes[j] == close && j > inner_start {
                    let mut end = j + 1;
                    while close == b'}' && end < bytes.len() && bytes[end] == b'}' {
                        end += 1;
                    }
                    if is_field(&text[inner_start..j], open) {
                        spans.push((start, end));
                        i = end;
                        continue;
                    }
                }
                i = start + 1;
            }
            spans
        }

        pub fn links(text: &str) -> Vec<(usize, usize)> {
            let mut spans = Vec::new();
            for marker in ["http://", "https://", "www."] {
                for (at, _) in text.match_indices(marker) {
                    if marker == "www." && spans.iter().any(|&(s, e)| s <= at && at < e) {
                        continue;
                    }
                    let end = text[at..].find(' ').map_or(text.len(), |e| at + e);
                    spans.push((at, end));
                }
            }
            spans.sort();
            spans.dedup_by(|b, a| b.0 < a.1);
            spans
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        /// The linear scans find exactly what the quadratic ones found.
        #[test]
        fn linear_scans_agree_with_the_old_ones(
            text in "([{}<>%\\[\\]_ .\n-]|[a-zA-Z]{1,9}|é|http://|https://|www\\.|\\{\\{name\\}\\}|%FIRST_NAME%|\\[Name\\]|\\{[a-zé._ -]{0,8}\\}|<[a-z._ ]{0,8}>|\\[[A-Za-z._ ]{0,8}\\]|%[A-Z._]{0,8}%){0,40}"
        ) {
            proptest::prop_assert_eq!(placeholders(&text), reference::placeholders(&text));
            let folded = normalize(&text).text;
            proptest::prop_assert_eq!(link_scan(&folded).0, reference::links(&folded));
        }
    }

    #[test]
    fn greeting_to_another_name() {
        let mut inv = Invitation::default();
        inv.recipient.name = Some("Ana Souza".into());
        let text = "Hi Maria, great to meet you";
        let (s, e) = wrong_name(text, &inv).unwrap();
        assert_eq!(&text[s..e], "Maria");
        assert_eq!(wrong_name("Hi Ana, great", &inv), None);
        assert_eq!(wrong_name("Olá Sra. Souza", &inv), None);
        assert_eq!(wrong_name("Hi There, great meeting you", &inv), None);
        assert_eq!(wrong_name("Dear Hiring Manager,", &inv), None);
        assert_eq!(wrong_name("Hai Kak Ana, senang bertemu", &inv), None);
        assert!(wrong_name("Hai Kak Maria, senang bertemu", &inv).is_some());
        inv.recipient.name = Some("Alexander Berg".into());
        assert_eq!(wrong_name("Hey Alex, great", &inv), None);
        inv.recipient.name = None;
        assert_eq!(wrong_name("Hi Maria", &inv), None);
    }

    #[test]
    fn only_a_different_persons_name_is_a_slip() {
        let mut inv = Invitation::default();
        inv.recipient.name = Some("Khushboo Sharma".into());
        // Not names: a comma between, a sentence, a single capital.
        assert_eq!(wrong_name("Hi, Saw your Power BI dashboard", &inv), None);
        assert_eq!(wrong_name("Hi Saw your Power BI dashboard", &inv), None);
        assert_eq!(wrong_name("Hi, I have enrolled in the course", &inv), None);
        assert_eq!(wrong_name("Hi I have enrolled in the course", &inv), None);
        // A misspelling of the recipient's own name.
        assert_eq!(wrong_name("Hi Khusboo, loved your talk", &inv), None);
        assert_eq!(wrong_name("Hello Kushboo!", &inv), None);
        // Somebody else, in Latin and Cyrillic script.
        assert!(wrong_name("Hi Priyanka, loved your talk", &inv).is_some());
        assert!(wrong_name("Hi Maria Lopez, loved your talk", &inv).is_some());
        inv.recipient.name = Some("Ольга Петрова".into());
        // The Russian greetings are listed (rules/ru.toml).
        assert!(wrong_name("Привет Анна, рада знакомству", &inv).is_some());
        assert_eq!(wrong_name("Привет Ольга, рада знакомству", &inv), None);
        assert!(wrong_name("Hi Анна, рада знакомству", &inv).is_some());
    }

    #[test]
    fn names_from_mutual_lines() {
        assert_eq!(
            mutual_name("Anant Garg is a mutual connection"),
            Some(("Anant", Some("Garg")))
        );
        assert_eq!(
            mutual_name("Anant Garg ist eine gemeinsame Verbindung"),
            Some(("Anant", Some("Garg")))
        );
        assert_eq!(
            mutual_name("Priya and 3 others are mutual connections"),
            Some(("Priya", None))
        );
        assert_eq!(mutual_name("12 mutual connections"), None);
        assert_eq!(mutual_name("mutual connections"), None);
    }

    #[test]
    fn short_and_empty_notes() {
        assert!(too_short("let's connect", &Census::of("let's connect")));
        assert!(!too_short(
            "I saw your post on pricing",
            &Census::of("I saw your post on pricing")
        ));
        assert!(too_short("こんにちは", &Census::of("こんにちは")));
        assert!(!too_short(
            "先日のセミナーでお会いしました",
            &Census::of("先日のセミナーでお会いしました")
        ));
        assert!(emoji_only(&normalize("👋🙂 !")));
        assert!(!emoji_only(&normalize("hi 👋")));
    }
}

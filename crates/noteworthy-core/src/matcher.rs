//! Finds every phrase rule in a folded note with one Aho-Corasick pass.
//!
//! Matching is overlapping on purpose: each rule is an independent piece of
//! evidence (as in SpamAssassin), so a long generic phrase must not hide a
//! shorter personal one that overlaps it. Word boundaries are checked after
//! the fact, except for scripts written without spaces.

use crate::normalize::{normalize, Normalized};
use crate::rules::RULES;
use aho_corasick::automaton::{Automaton, OverlappingState};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Input, MatchKind};
use std::sync::OnceLock;

/// How many words a ` ~ ` in a phrase may stand for.
const MAX_GAP_WORDS: usize = 3;

/// One phrase of one rule, folded.
struct Phrase {
    rule: usize,
    /// The parts between ` ~ ` gaps; the first one is the automaton's pattern.
    parts: Vec<String>,
    left_bound: bool,
    right_bound: bool,
    followed_by_name: bool,
}

/// A phrase rule found in the folded text, as a byte range of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
}

struct Matcher {
    automaton: NFA,
    /// For each automaton pattern (a distinct first part), the phrases
    /// that start with it: "your ~ article", "your ~ post on", … share one
    /// pattern, so the words after a match are found once for all of them.
    groups: Vec<Vec<Phrase>>,
}

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let mut groups: Vec<Vec<Phrase>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        for (rule, info) in RULES.iter().enumerate() {
            for raw in info.phrases() {
                let phrase = compile_phrase(rule, raw, info.followed_by_name);
                let at = *index.entry(phrase.parts[0].clone()).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                groups[at].push(phrase);
            }
        }
        // The contiguous NFA, used directly rather than through the
        // `AhoCorasick` wrapper: it searches as fast as a DFA on notes this
        // short, builds in a fraction of the time (the service worker
        // builds it on every wake-up), and leaves the other automata's code
        // out of the wasm.
        let automaton = NFA::builder()
            .match_kind(MatchKind::Standard)
            // Pattern i is group i's shared first part.
            .build(groups.iter().map(|group| group[0].parts[0].as_str()))
            .expect("rule phrases build an automaton");
        Matcher { automaton, groups }
    })
}

fn compile_phrase(rule: usize, raw: &str, followed_by_name: bool) -> Phrase {
    let left_bound = !raw.starts_with('*');
    let right_bound = !raw.ends_with('*');
    let core = raw.trim_matches('*');
    let parts: Vec<String> = core
        .split(" ~ ")
        .map(|p| normalize(p).text)
        .filter(|p| !p.is_empty())
        .collect();
    assert!(
        !parts.is_empty(),
        "rule {} has an empty phrase",
        RULES[rule].id
    );
    Phrase {
        rule,
        parts,
        left_bound,
        right_bound,
        followed_by_name,
    }
}

/// Letters and digits of scripts that separate words with spaces. CJK
/// characters are not word characters, so phrases in those scripts match
/// anywhere.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

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

fn boundary_before(text: &str, at: usize, needed: bool, part: &str) -> bool {
    if !needed || !part.chars().next().is_some_and(is_word_char) {
        return true;
    }
    !text[..at].chars().next_back().is_some_and(is_word_char)
}

fn boundary_after(text: &str, at: usize, needed: bool, part: &str) -> bool {
    if !needed || !part.chars().next_back().is_some_and(is_word_char) {
        return true;
    }
    !text[at..].chars().next().is_some_and(is_word_char)
}

/// Where each of the next `MAX_GAP_WORDS + 1` words after `from` starts,
/// as long as they follow one another (parts are separated by one space
/// in folded text).
fn next_word_starts(text: &str, from: usize) -> WordStarts {
    let bytes = text.as_bytes();
    let mut starts = WordStarts::default();
    let mut at = from;
    while starts.len <= MAX_GAP_WORDS && bytes.get(at) == Some(&b' ') {
        at += 1;
        starts.at[starts.len] = at;
        starts.len += 1;
        at += memchr::memchr(b' ', &bytes[at..]).unwrap_or(bytes.len() - at);
    }
    starts
}

/// The word starts after a match: a fixed array, as this runs for every
/// match of a gapped phrase and must not allocate.
#[derive(Default, Clone, Copy)]
struct WordStarts {
    at: [usize; MAX_GAP_WORDS + 1],
    len: usize,
}

impl WordStarts {
    fn as_slice(&self) -> &[usize] {
        &self.at[..self.len]
    }
}

/// Where the rest of a gapped phrase ends, if each part follows the one
/// before within the allowed gap. `starts` are the word starts after the
/// first part.
fn match_rest(text: &str, starts: &[usize], rest: &[String], right_bound: bool) -> Option<usize> {
    let mut from = 0;
    for (i, part) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        let later;
        let candidates = if i == 0 {
            starts
        } else {
            later = next_word_starts(text, from);
            later.as_slice()
        };
        from = candidates.iter().copied().find_map(|at| {
            (text[at..].starts_with(part.as_str())
                && boundary_after(text, at + part.len(), !last || right_bound, part))
            .then_some(at + part.len())
        })?;
    }
    Some(from)
}

/// Whether the original text after `end` starts with a capitalised word,
/// as a person's name does.
fn name_follows(original: &str, end: usize) -> bool {
    let rest = original[end..].trim_start_matches(|c: char| c.is_whitespace() || c == ':');
    let mut letters = rest.chars().take_while(|c| c.is_alphabetic());
    letters.next().is_some_and(char::is_uppercase) && letters.next().is_some()
}

/// Every phrase hit in `norm`, in the automaton's order.
pub(crate) fn find(original: &str, norm: &Normalized) -> Vec<Hit> {
    let m = matcher();
    let text = norm.text.as_str();
    let mut hits = Vec::new();
    let input = Input::new(text);
    let mut state = OverlappingState::start();
    loop {
        m.automaton
            .try_find_overlapping(&input, &mut state)
            .expect("an unanchored standard search cannot fail");
        let Some(found) = state.get_match() else {
            break;
        };
        let mut starts: Option<WordStarts> = None;
        for phrase in &m.groups[found.pattern().as_usize()] {
            let first = &phrase.parts[0];
            let only = phrase.parts.len() == 1;
            if !boundary_before(text, found.start(), phrase.left_bound, first)
                || !boundary_after(text, found.end(), !only || phrase.right_bound, first)
            {
                continue;
            }
            let end = if only {
                found.end()
            } else {
                let starts = starts.get_or_insert_with(|| next_word_starts(text, found.end()));
                match match_rest(
                    text,
                    starts.as_slice(),
                    &phrase.parts[1..],
                    phrase.right_bound,
                ) {
                    Some(end) => end,
                    None => continue,
                }
            };
            if phrase.followed_by_name {
                let (_, orig_end) = norm.original_range(found.start(), end);
                if !name_follows(original, orig_end) {
                    continue;
                }
            }
            hits.push(Hit {
                rule: phrase.rule,
                start: found.start(),
                end,
            });
        }
    }
    // Unsorted and possibly repeated: the caller groups hits by rule,
    // sorts them and merges their spans, so doing it here was work twice.
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_hits(note: &str) -> Vec<(&'static str, String)> {
        let n = normalize(note);
        find(note, &n)
            .into_iter()
            .map(|h| (RULES[h.rule].id, n.text[h.start..h.end].to_string()))
            .collect()
    }

    #[test]
    fn respects_word_boundaries() {
        // "let's connect" must not match inside "let's connected".
        assert!(text_hits("let's connected")
            .iter()
            .all(|(id, _)| *id != "EN_CONNECT_REQUEST"));
        assert!(text_hits("Let’s connect!")
            .iter()
            .any(|(id, _)| *id == "EN_CONNECT_REQUEST"));
    }

    #[test]
    fn gaps_allow_a_few_words() {
        let hits = text_hits("I came across your LinkedIn profile today");
        assert!(hits
            .iter()
            .any(|(id, s)| *id == "EN_CAME_ACROSS_PROFILE"
                && s == "came across your linkedin profile"));
    }

    #[test]
    fn name_must_follow_when_required() {
        assert!(text_hits("we're both connected to Marcus Lee")
            .iter()
            .any(|(id, _)| *id == "EN_NAMED_MUTUAL"));
        assert!(!text_hits("we're both connected to some great people")
            .iter()
            .any(|(id, _)| *id == "EN_NAMED_MUTUAL"));
    }
}

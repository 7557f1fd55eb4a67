//! The judgement: fold the note, run every rule, add up the weights, and
//! turn the score into a label and an action.

use crate::normalize::{normalize, prefix};
use crate::policy::{action_for, label_for, threshold};
use crate::rules::RULES;
use crate::types::{Evidence, Invitation, Span, Strictness, Verdict};
use crate::{language, matcher, structural, MAX_NOTE_BYTES};

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

/// Runs every rule on the invitation's note.
pub fn score(inv: &Invitation) -> Scored {
    let full = inv.note.as_deref().unwrap_or("");
    let note = prefix(full, MAX_NOTE_BYTES);
    let truncated = note.len() < full.len();
    let norm = normalize(note);
    if norm.text.is_empty() {
        return Scored {
            has_note: false,
            score: 0,
            language: "und",
            evidence: Vec::new(),
            truncated,
        };
    }

    // (rule, byte range in the original note) for everything that fired;
    // a detector that fires without a range contributes `None`.
    let mut fired: Vec<(usize, Option<(usize, usize)>)> = matcher::find(note, &norm)
        .into_iter()
        .map(|hit| (hit.rule, Some(norm.original_range(hit.start, hit.end))))
        .collect();
    for &(i, detector) in structural::detector_rules() {
        if let Some(spans) = detector.detect(note, &norm, inv) {
            fired.push((i, None));
            fired.extend(spans.into_iter().map(|s| (i, Some(s))));
        }
    }
    fired.sort_unstable();

    let mut evidence: Vec<Evidence> = fired
        .chunk_by(|a, b| a.0 == b.0)
        .map(|group| {
            let rule = &RULES[group[0].0];
            Evidence {
                rule: rule.id,
                description: rule.description,
                weight: rule.weight,
                category: rule.category,
                spans: merge(group.iter().filter_map(|&(_, range)| range).collect())
                    .into_iter()
                    .map(|(s, e)| span(note, s, e))
                    .collect(),
            }
        })
        .collect();
    evidence.sort_by(|a, b| b.weight.abs().cmp(&a.weight.abs()).then(a.rule.cmp(b.rule)));
    Scored {
        has_note: true,
        score: evidence.iter().map(|e| e.weight).sum(),
        language: language::detect(&norm.text),
        evidence,
        truncated,
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

/// Sorted, with overlapping or touching ranges joined.
fn merge(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

fn span(note: &str, start: usize, end: usize) -> Span {
    let start_utf16 = utf16_len(&note.as_bytes()[..start]);
    Span {
        start,
        end,
        start_utf16,
        end_utf16: start_utf16 + utf16_len(&note.as_bytes()[start..end]),
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
    bytes
        .iter()
        .map(|&b| usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_overlapping_ranges() {
        assert_eq!(
            merge(vec![(5, 9), (0, 3), (2, 4), (9, 10)]),
            vec![(0, 4), (5, 10)]
        );
    }

    #[test]
    fn utf16_ranges_count_surrogate_pairs() {
        let note = "👋 hi";
        let s = span(note, note.find("hi").unwrap(), note.len());
        assert_eq!((s.start_utf16, s.end_utf16), (3, 5));
    }

    #[test]
    fn huge_notes_are_cut_on_a_char_boundary() {
        let note = "é".repeat(MAX_NOTE_BYTES);
        let cut = prefix(&note, MAX_NOTE_BYTES);
        assert!(cut.len() <= MAX_NOTE_BYTES && cut.chars().all(|c| c == 'é'));
    }
}

//! From score to label and suggested action. Strictness is only a
//! threshold on one score, which makes the levels monotone: whatever is
//! personalized when strict is personalized when balanced, and so on.

use crate::rules::marks_generic;
use crate::types::{Action, Category, Evidence, Label, Strictness};

/// The score a note needs to be personalized at `strictness`.
///
/// One clear sign of how the sender found you (an event, a post, a named
/// contact) scores 3 or more; a template opener takes 1 to 3 away.
pub const fn threshold(strictness: Strictness) -> i32 {
    match strictness {
        Strictness::Lenient => 1,
        Strictness::Balanced => 2,
        Strictness::Strict => 4,
    }
}

/// How far below the threshold a note may fall and still be worth a reply
/// asking how they found you, rather than a quiet decline.
pub const ASK_BAND: i32 = 2;

/// How many points of template and pitch evidence mark a note generic
/// enough to suggest declining it.
pub const MARKED: i32 = 2;

/// Points of specific evidence (how the sender found you, why you) that
/// make a generic note marked only by templates and pitches worth a reply
/// at balanced, rather than a decline. One point, any sign at all that the
/// note is about this recipient: measured across 5, 7 and 10 folds, 2
/// points declined one more personalized note (not borderline) in each,
/// for three generic notes fewer declined.
pub const SPECIFIC_ASKS: i32 = 1;

/// The label for a note (`None` when there is no note) with this score.
pub fn label_for(has_note: bool, score: i32, strictness: Strictness) -> Label {
    if !has_note {
        Label::Blank
    } else if score >= threshold(strictness) {
        Label::Personalized
    } else {
        Label::Generic
    }
}

/// The suggested action.
///
/// | label        | lenient | balanced | strict |
/// |--------------|---------|----------|--------|
/// | blank        | review  | ignore   | ignore |
/// | generic, marked generic, near the threshold, no template trace | ask | ask | ask |
/// | generic, marked by templates and pitches only, with [`SPECIFIC_ASKS`] points of specific evidence | ask | ask | ignore |
/// | generic, marked by templates and pitches only, otherwise | ask | ignore | ignore |
/// | generic, with a template trace | ignore | ignore | ignore |
/// | generic, nothing marks it generic | ask | ask | ask |
/// | personalized with a pitch | review | review | review |
/// | personalized | accept  | accept   | accept |
///
/// LinkedIn's stock sentence counts as a template trace here (not a
/// trace no person writes) when the note's own words also say something
/// of this recipient (how-found or why evidence that points at them, at
/// least [`SPECIFIC_ASKS`] points): "The Lisbon Rust meetup was fun. I'd
/// like to add you to my professional network" is a note a person wrote,
/// closed with the stock sentence.
///
/// A note is *marked generic* when stock text, a LION sign, a mass-send
/// trace or an empty note (emoji only, a word or two) is found, or when
/// template openers and pitches together weigh [`MARKED`] points or more
/// against it (a lone "would love to connect" does not; nor does the
/// sender naming their own company or school, `OWN_NAME`, which counts
/// against a note's score but is no template or pitch by itself: "I am a
/// student of Bepec. I would be glad to connect" is worth a reply). Telling someone to decline a
/// personal note is the worst error this product can make, so a note that
/// merely lacks signs of being personal is never declined: the learned
/// token model alone cannot mark a note generic. "No template trace" means
/// no stock sentence, mass-send artefact, LION sign or empty note: those
/// are never worth a reply.
///
/// A lenient reader declines only those: template openers and pitches
/// also open notes that go on to say something only this recipient would
/// hear ("I've been following how you talk about hiring for early-stage
/// companies; I do UX writing for startups"), and at lenient a reply that
/// asks costs less than a decline that should not have been. At
/// balanced, the default, the same holds for a note marked only by
/// templates and pitches that also says anything of this recipient (names
/// something, asks a question of its own, cites their work): measured
/// across folds, that spares most of the personalized notes balanced
/// would otherwise decline (13 of 144 to 5, most of them borderline) for
/// about one generic note in six shown as worth a reply instead.
pub fn action_for(
    label: Label,
    score: i32,
    strictness: Strictness,
    evidence: &[Evidence],
) -> Action {
    let has = |c: Category| evidence.iter().any(|e| e.category == c);
    match label {
        Label::Blank if strictness == Strictness::Lenient => Action::Review,
        Label::Blank => Action::Ignore,
        Label::Personalized if has(Category::Pitch) => Action::Review,
        Label::Personalized => Action::Accept,
        Label::Generic => {
            let specific: i32 = evidence
                .iter()
                .filter(|e| e.category.is_reason())
                .map(|e| e.weight.max(0))
                .sum();
            // What the note itself says of this recipient.
            let said: i32 = evidence
                .iter()
                .filter(|e| e.says_how_or_why())
                .map(|e| e.weight)
                .sum();
            // LinkedIn's stock sentence after a sentence that says how the
            // sender found you ("The Lisbon Rust meetup was fun. I'd like
            // to add you to my professional network") closes a note a
            // person wrote: it weighs like a template, not like a trace
            // no person writes.
            let stock_alone = has(Category::Stock) && said < SPECIFIC_ASKS;
            let hopeless = stock_alone
                || [Category::MassSend, Category::Lion, Category::Empty]
                    .into_iter()
                    .any(has);
            let against: i32 = evidence
                .iter()
                .filter(|e| {
                    matches!(
                        e.category,
                        Category::Stock | Category::Template | Category::Pitch
                    ) && marks_generic(e.rule)
                })
                .map(|e| e.weight.min(0))
                .sum();
            let marked = hopeless || against <= -MARKED;
            let near = score >= threshold(strictness) - ASK_BAND;
            let spared = match strictness {
                Strictness::Lenient => true,
                Strictness::Balanced => specific >= SPECIFIC_ASKS,
                Strictness::Strict => false,
            };
            if !marked || (!hopeless && (near || spared)) {
                Action::Ask
            } else {
                Action::Ignore
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_ordered() {
        assert!(threshold(Strictness::Lenient) <= threshold(Strictness::Balanced));
        assert!(threshold(Strictness::Balanced) <= threshold(Strictness::Strict));
    }

    #[test]
    fn blank_is_blank_everywhere_and_declined_when_balanced() {
        for s in Strictness::ALL {
            assert_eq!(label_for(false, 10, s), Label::Blank);
        }
        assert_eq!(
            action_for(Label::Blank, 0, Strictness::Balanced, &[]),
            Action::Ignore
        );
    }

    fn marked(category: Category) -> Vec<Evidence> {
        vec![Evidence {
            rule: "T",
            description: "test",
            weight: -MARKED,
            category,
            spans: Vec::new(),
        }]
    }

    #[test]
    fn near_misses_are_asked_marked_generic_ignored() {
        let b = Strictness::Balanced;
        let template = marked(Category::Template);
        assert_eq!(action_for(Label::Generic, 0, b, &template), Action::Ask);
        assert_eq!(action_for(Label::Generic, -1, b, &template), Action::Ignore);
        assert_eq!(
            action_for(Label::Generic, 1, b, &marked(Category::Stock)),
            Action::Ignore
        );
    }

    #[test]
    fn the_senders_own_name_never_marks_a_note_for_declining() {
        let b = Strictness::Balanced;
        let own = |weight| Evidence {
            rule: "OWN_NAME",
            description: "test",
            weight,
            category: Category::Pitch,
            spans: Vec::new(),
        };
        // "I am a student of Bepec. I would be glad to connect."
        let mut evidence = marked(Category::Template);
        evidence[0].weight = -1;
        evidence.push(own(-1));
        assert_eq!(action_for(Label::Generic, -2, b, &evidence), Action::Ask);
        assert_eq!(action_for(Label::Generic, -6, b, &[own(-6)]), Action::Ask);
        // A pitch that weighs as much does mark it.
        evidence[1].rule = "EN_SALES_PITCH";
        assert_eq!(action_for(Label::Generic, -2, b, &evidence), Action::Ignore);
    }

    #[test]
    fn lenient_declines_only_template_traces() {
        let l = Strictness::Lenient;
        let pitch = marked(Category::Pitch);
        assert_eq!(action_for(Label::Generic, -6, l, &pitch), Action::Ask);
        assert_eq!(
            action_for(Label::Generic, -6, Strictness::Balanced, &pitch),
            Action::Ignore
        );
        assert_eq!(
            action_for(Label::Generic, 0, l, &marked(Category::Stock)),
            Action::Ignore
        );
    }

    #[test]
    fn stock_text_is_hopeless_unless_the_note_says_something_of_its_own() {
        let stock = marked(Category::Stock);
        let mut longer = stock.clone();
        // Words beside the stock sentence, with nothing they point at:
        // still the stock sentence.
        longer.push(Evidence {
            rule: "M",
            description: "more than stock",
            weight: 4,
            category: Category::Why,
            spans: Vec::new(),
        });
        for s in Strictness::ALL {
            assert_eq!(action_for(Label::Generic, -4, s, &longer), Action::Ignore);
        }
        // A name the note points at: a note a person wrote, asked about
        // at lenient and balanced, declined only when strict.
        let mut named = longer;
        named.push(Evidence {
            rule: "D",
            description: "detail",
            weight: 2,
            category: Category::HowFound,
            spans: vec![crate::types::Span {
                start: 0,
                end: 4,
                start_utf16: 0,
                end_utf16: 4,
            }],
        });
        assert_eq!(
            action_for(Label::Generic, -2, Strictness::Lenient, &named),
            Action::Ask
        );
        assert_eq!(
            action_for(Label::Generic, -2, Strictness::Balanced, &named),
            Action::Ask
        );
        assert_eq!(
            action_for(Label::Generic, -2, Strictness::Strict, &named),
            Action::Ignore
        );
    }

    #[test]
    fn balanced_asks_when_a_pitch_names_something_specific() {
        let b = Strictness::Balanced;
        let mut evidence = marked(Category::Pitch);
        assert_eq!(action_for(Label::Generic, -4, b, &evidence), Action::Ignore);
        evidence.push(Evidence {
            rule: "D",
            description: "detail",
            weight: SPECIFIC_ASKS,
            category: Category::HowFound,
            spans: Vec::new(),
        });
        assert_eq!(action_for(Label::Generic, -4, b, &evidence), Action::Ask);
        assert_eq!(
            action_for(Label::Generic, -4, Strictness::Strict, &evidence),
            Action::Ignore
        );
        evidence.push(marked(Category::Stock).remove(0));
        assert_eq!(action_for(Label::Generic, -4, b, &evidence), Action::Ignore);
    }

    #[test]
    fn nothing_marks_it_generic_so_it_is_never_declined() {
        for s in Strictness::ALL {
            assert_eq!(action_for(Label::Generic, -5, s, &[]), Action::Ask);
            assert_eq!(
                action_for(Label::Generic, -5, s, &marked(Category::Learned)),
                Action::Ask
            );
            let mut faint = marked(Category::Template);
            faint[0].weight = -1;
            assert_eq!(action_for(Label::Generic, -5, s, &faint), Action::Ask);
        }
    }
}

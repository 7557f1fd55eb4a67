//! From score to label and suggested action. Strictness is only a
//! threshold on one score, which makes the levels monotone: whatever is
//! personalized when strict is personalized when balanced, and so on.

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
/// | generic, near the threshold, no template trace | ask | ask | ask |
/// | generic, otherwise | ignore | ignore | ignore |
/// | personalized with a pitch | review | review | review |
/// | personalized | accept  | accept   | accept |
///
/// "No template trace" means no stock sentence, mass-send artefact, LION
/// sign or empty note: those are never worth a reply.
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
            let hopeless = [
                Category::Stock,
                Category::MassSend,
                Category::Lion,
                Category::Empty,
            ]
            .into_iter()
            .any(has);
            if !hopeless && score >= threshold(strictness) - ASK_BAND {
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

    #[test]
    fn near_misses_are_asked_plain_generic_ignored() {
        let b = Strictness::Balanced;
        assert_eq!(action_for(Label::Generic, 0, b, &[]), Action::Ask);
        assert_eq!(action_for(Label::Generic, -1, b, &[]), Action::Ignore);
    }
}

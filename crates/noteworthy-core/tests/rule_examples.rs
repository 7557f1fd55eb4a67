//! Every rule carries examples that must and must not make it fire (the
//! `ok` and `fail` lists in its rule file), like SpamAssassin's `test`
//! lines. This runs them all, so a phrase edit that breaks a rule's own
//! examples fails here with the rule and the example named.

use noteworthy_core::{normalize, rule_catalog, score, Invitation};
use std::collections::HashMap;

/// The people the examples are written for: WRONG_NAME needs a recipient,
/// SHOWN_MUTUAL the sender's mutual-connection line.
fn invitation(note: &str) -> Invitation {
    let mut inv = Invitation::with_note(note);
    inv.recipient.name = Some("Ana Souza".into());
    inv.sender.mutual_connections = Some("Anant Garg is a mutual connection".into());
    inv
}

#[test]
fn every_rule_example_behaves() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (id, should_fire, text) in noteworthy_core::rule_examples() {
        count += 1;
        let fired = score(&invitation(text))
            .evidence
            .iter()
            .any(|e| e.rule == *id);
        if fired != *should_fire {
            let want = if *should_fire { "fire" } else { "stay silent" };
            failures.push(format!("{id} should {want} on {text:?}"));
        }
    }
    assert!(count > 50, "only {count} examples found");
    assert!(
        failures.is_empty(),
        "{} rule examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn no_phrase_is_claimed_by_two_rules() {
    let mut owner: HashMap<String, &str> = HashMap::new();
    let mut clashes = Vec::new();
    for rule in rule_catalog() {
        for phrase in rule.phrases() {
            let folded = normalize(phrase).text;
            if let Some(other) = owner.insert(folded.clone(), rule.id) {
                if other != rule.id {
                    clashes.push(format!("{folded:?} in {other} and {}", rule.id));
                }
            }
        }
    }
    assert!(
        clashes.is_empty(),
        "phrases in two rules:\n{}",
        clashes.join("\n")
    );
}

#[test]
fn every_detector_rule_names_a_known_detector() {
    // A typo in a rule file must not silently disable a rule: detectors are
    // resolved on the first note, which panics on an unknown name.
    let _ = score(&invitation(
        "Hi Maria, a note long enough to run every detector",
    ));
    for rule in rule_catalog().iter().filter(|r| r.detector.is_some()) {
        assert!(!rule.description.is_empty());
    }
}

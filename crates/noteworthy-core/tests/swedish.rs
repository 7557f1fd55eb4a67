//! Swedish: a rule file of word classes and stopwords only (rules/sv.toml).
//! The language guess knows it, and the language-independent detectors
//! read its words: whose a name is, an offer, an ask for a call.

use noteworthy_core::{score, Invitation};

fn lang(note: &str) -> &'static str {
    score(&Invitation::with_note(note)).language
}

fn rules(note: &str) -> Vec<&'static str> {
    score(&Invitation::with_note(note))
        .evidence
        .iter()
        .map(|e| e.rule)
        .collect()
}

#[test]
fn swedish_is_recognised_and_its_neighbours_stay_apart() {
    assert_eq!(
        lang("Hej Karin! Vi träffades på Almedalen förra veckan och pratade om laddning."),
        "sv"
    );
    assert_eq!(
        lang("Hej! Jag vill gärna lägga till dig i mitt professionella nätverk."),
        "sv"
    );
    assert_eq!(lang("Ich würde mich gerne mit Ihnen vernetzen"), "de");
    assert_eq!(lang("I would like to connect with you"), "en");
    assert_eq!(lang("Ik wil je graag toevoegen aan mijn netwerk"), "nl");
}

#[test]
fn a_swedish_offer_and_call_are_a_pitch_and_its_names_serve_it() {
    let pitch = rules("Hej Karin, vi hjälper företag som Volvo att minska sina IT-kostnader. Har du tid för ett kort samtal?");
    for rule in ["OFFER", "CONTACT_ASK", "NAMES_IN_PITCH"] {
        assert!(pitch.contains(&rule), "{rule} in {pitch:?}");
    }
    // A shared event named, no offer and no call: its names are details.
    let met = rules("Hej Karin! Vi träffades på Almedalen i Visby och pratade om laddning.");
    assert!(met.contains(&"NAMED_DETAIL"), "{met:?}");
    assert!(!met.contains(&"NAMES_IN_PITCH"), "{met:?}");
}

#[test]
fn the_addressee_after_a_swedish_greeting_is_not_a_detail() {
    let greeted = rules("Hejsan Mattias, trevligt att ses igen.");
    assert!(!greeted.contains(&"NAMED_DETAIL"), "{greeted:?}");
}

//! End-to-end verdicts on notes that show one phenomenon each, written for
//! this test (not corpus rows). Each names the phenomenon it pins down.

use noteworthy_core::{classify, Action, Invitation, Label, Strictness};

fn verdict(note: &str) -> noteworthy_core::Verdict {
    classify(&Invitation::with_note(note), Strictness::Balanced)
}

#[test]
fn stock_sentence_is_generic_and_declined() {
    let v = verdict("I'd like to add you to my professional network on LinkedIn.");
    assert_eq!((v.label, v.action), (Label::Generic, Action::Ignore));
}

#[test]
fn stock_sentence_after_a_sentence_of_how_they_met_is_never_declined() {
    // The stock sentence closes a note that names where the two met: the
    // sender wrote something of this recipient, so at most a reply that
    // asks, at lenient and balanced. The stock sentence beside words that
    // say nothing of the recipient is still declined.
    let met = "Hi Ana, the Lisbon Rust meetup was fun. I'd like to add you to my professional network on LinkedIn.";
    for s in [Strictness::Lenient, Strictness::Balanced] {
        let v = classify(&Invitation::with_note(met), s);
        assert_ne!(v.action, Action::Ignore, "{s:?}: {:?}", v.evidence);
    }
    let vague = "Hi Ana, I came across your profile and found it very interesting. I'd like to add you to my professional network on LinkedIn.";
    assert_eq!(verdict(vague).action, Action::Ignore);
}

#[test]
fn stock_sentence_does_not_outweigh_a_meeting() {
    // The judgement issue's own example: the stock sentence counts once
    // (not again as a template opener inside it), and the meeting before
    // it carries the note.
    let v = verdict(
        "We spoke at the congress last Wednesday. I'd like to add you to my professional network on LinkedIn.",
    );
    assert_eq!(v.label, Label::Personalized, "{:?}", v.evidence);
}

#[test]
fn disguised_stock_sentence_is_still_caught() {
    // Cyrillic о and а, a zero-width joiner, full-width letters, curly quote.
    let v = verdict("I’d lіke to \u{200D}аdd yоu to my ｐｒｏｆｅｓｓｉｏｎａｌ network");
    assert!(
        v.evidence.iter().any(|e| e.rule == "EN_STOCK_INVITE"),
        "{v:?}"
    );
    let span = &v
        .evidence
        .iter()
        .find(|e| e.rule == "EN_STOCK_INVITE")
        .unwrap()
        .spans[0];
    assert!(span.start == 0);
}

#[test]
fn unfilled_placeholder_is_mass_send() {
    let v = verdict("Hi {first_name}, I loved your recent post about {{topic}}!");
    assert_eq!(v.label, Label::Generic);
    assert!(v
        .evidence
        .iter()
        .any(|e| e.rule == "PLACEHOLDER" && e.spans.len() == 2));
}

#[test]
fn greeting_to_someone_else_is_flagged() {
    let mut inv = Invitation::with_note("Hi Jennifer, great meeting you at the Lisbon meetup!");
    inv.recipient.name = Some("Carla Mendes".into());
    let v = classify(&inv, Strictness::Balanced);
    assert!(v.evidence.iter().any(|e| e.rule == "WRONG_NAME"));
    inv.recipient.name = Some("Jennifer Wu".into());
    let v = classify(&inv, Strictness::Balanced);
    assert!(!v.evidence.iter().any(|e| e.rule == "WRONG_NAME"));
    assert_eq!(v.label, Label::Personalized);
}

#[test]
fn met_at_an_event_is_personalized_and_accepted() {
    let v = verdict("Great meeting you at RustConf yesterday — I'd love to continue our conversation about async traits.");
    assert_eq!((v.label, v.action), (Label::Personalized, Action::Accept));
}

#[test]
fn named_mutual_contact_beats_a_vague_one() {
    let named = verdict(
        "We're both connected to Dana Whitfield, who thought we should talk about payments risk.",
    );
    let vague = verdict("We're both connected to some great people in payments.");
    assert!(named.score > vague.score);
    assert_eq!(named.label, Label::Personalized);
    assert_eq!(vague.label, Label::Generic);
}

#[test]
fn recipient_company_alone_is_not_personal() {
    let v =
        verdict("Hi Sam, I noticed you are currently working at Globex. Would love to connect!");
    assert_eq!(v.label, Label::Generic);
}

#[test]
fn close_but_vague_note_gets_ask() {
    // Says nothing template-like, but neither how nor why.
    let v =
        verdict("Hi Sam, I work on data platforms in Lisbon and think we have a lot in common.");
    assert_eq!((v.label, v.action), (Label::Generic, Action::Ask));
}

#[test]
fn real_reason_wrapped_in_a_pitch_is_reviewed() {
    let v = verdict("Great meeting you at the SaaS summit! We help companies like yours cut churn, can we book a 15-minute call?");
    assert_eq!(v.action, Action::Review);
}

#[test]
fn emoji_only_and_one_word_are_generic() {
    assert_eq!(verdict("👋🙂").label, Label::Generic);
    assert_eq!(verdict("Hello").label, Label::Generic);
}

#[test]
fn evidence_spans_are_utf16_for_javascript() {
    let note = "👋 Great meeting you at KubeCon!";
    let v = verdict(note);
    let e = v
        .evidence
        .iter()
        .find(|e| e.rule == "EN_MET_BEFORE")
        .unwrap();
    let s = e.spans[0];
    // "great meeting you" and "meeting you at" overlap: one merged span.
    assert_eq!(&note[s.start..s.end], "Great meeting you at");
    assert_eq!((s.start_utf16, s.end_utf16), (3, 23));
}

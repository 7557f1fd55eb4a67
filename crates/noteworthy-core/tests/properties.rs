//! Properties that must hold for any note, however hostile: no panic,
//! evidence ranges on character boundaries inside the note and agreeing
//! with their UTF-16 twins, strictness monotone, blank means blank.

use noteworthy_core::{classify, Invitation, Label, Strictness};
use proptest::prelude::*;

/// Notes built from pieces that exercise the folding: rule phrases,
/// look-alike letters, invisible characters, emoji and CJK.
fn note() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<String>(),
        Just("I’d like to add you to my professional network".to_string()),
        Just("great meeting you at KubeCon".to_string()),
        Just("{first_name}".to_string()),
        Just("аdd yоu\u{200B}".to_string()),
        Just("👋🏽".to_string()),
        Just("先日のセミナーでお会いしました".to_string()),
        Just("ﬁ ẞ ＬＩＮＫＥＤＩＮ".to_string()),
        "[a-zA-Z' ]{0,40}",
    ];
    prop::collection::vec(piece, 0..6).prop_map(|parts| parts.join(" "))
}

fn invitation(text: String, recipient: Option<String>) -> Invitation {
    let mut inv = Invitation::with_note(text);
    inv.recipient.name = recipient;
    inv
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn evidence_ranges_point_into_the_note(text in note(), name in proptest::option::of("[A-Z][a-z]{1,8} [A-Z][a-z]{1,8}")) {
        let inv = invitation(text.clone(), name);
        let v = classify(&inv, Strictness::Balanced);
        let utf16: Vec<u16> = text.encode_utf16().collect();
        for e in &v.evidence {
            for s in &e.spans {
                prop_assert!(s.start < s.end && s.end <= text.len());
                prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                let slice16 = String::from_utf16(&utf16[s.start_utf16..s.end_utf16]).unwrap();
                prop_assert_eq!(&slice16, &text[s.start..s.end]);
            }
        }
    }

    #[test]
    fn strictness_is_monotone(text in note()) {
        let inv = invitation(text, None);
        let [lenient, balanced, strict] = Strictness::ALL.map(|s| classify(&inv, s).label);
        if strict == Label::Personalized { prop_assert_eq!(balanced, Label::Personalized); }
        if balanced == Label::Personalized { prop_assert_eq!(lenient, Label::Personalized); }
        let blank = lenient == Label::Blank;
        prop_assert_eq!(blank, balanced == Label::Blank);
        prop_assert_eq!(blank, strict == Label::Blank);
    }

    #[test]
    fn whitespace_only_is_blank(ws in "[ \t\n\u{200B}\u{00A0}\u{FEFF}]{0,20}") {
        for s in Strictness::ALL {
            prop_assert_eq!(classify(&Invitation::with_note(ws.clone()), s).label, Label::Blank);
        }
    }

    #[test]
    fn deterministic(text in note()) {
        let inv = invitation(text, None);
        prop_assert_eq!(classify(&inv, Strictness::Strict), classify(&inv, Strictness::Strict));
    }
}

#[test]
fn missing_note_is_blank_at_every_level() {
    for s in Strictness::ALL {
        assert_eq!(classify(&Invitation::default(), s).label, Label::Blank);
    }
}

#[test]
fn a_megabyte_note_is_judged_not_crashed() {
    let note = "I came across your profile and would love to connect. ".repeat(20_000);
    let v = classify(&Invitation::with_note(note), Strictness::Balanced);
    assert_eq!(v.label, Label::Generic);
    assert!(v.truncated);
}

//! The sender's coach: the same judgement a recipient gets, told to the
//! person writing the note before they press Send.
//!
//! [`coach`] judges a draft note to a named invitee exactly as the
//! recipient's badge would at [`Strictness::Balanced`] (it calls
//! [`classify`](crate::classify)), then reads the verdict's evidence by
//! *kind*, so the extension's checklist comes from the verdict and not from
//! word lists of its own:
//!
//! - [`Coaching::how_found`]: evidence that the note says how the sender
//!   found the invitee (a named event, a talk or post of theirs, a mutual
//!   contact: [`Category::HowFound`]);
//! - [`Coaching::why`]: evidence that it says why they want to connect (a
//!   question of their own, a reaction to a specific point:
//!   [`Category::Why`]);
//! - [`Coaching::generic`]: traces that make a note read as one that could
//!   go to anyone (stock text, template openers, pitches, mass-send slips);
//! - [`Coaching::warnings`]: the generic traces worth a sentence of their
//!   own, as stable [`WarningKind`]s.
//!
//! Every span is a [`Span`] of the draft, in UTF-8 bytes and UTF-16 code
//! units like the verdict's (JavaScript highlights with the UTF-16 ones).
//!
//! ```
//! use noteworthy_core::coach::{coach, WarningKind};
//! use noteworthy_core::Label;
//!
//! let c = coach("Hi {first_name}, I'd like to add you to my professional network on LinkedIn.", Some("Jonas Weber"));
//! assert_eq!(c.label, Label::Generic);
//! assert!(!c.how_found.met && !c.why.met);
//! assert!(c.warnings.iter().any(|w| w.kind == WarningKind::Placeholder));
//! assert!(c.warnings.iter().any(|w| w.kind == WarningKind::Stock));
//! ```

use crate::ranges::merge;
use crate::types::{Category, Evidence, Invitation, Label, Person, Span, Strictness};
use serde::Serialize;

/// The strictness the coach judges at: the default a recipient runs with.
pub const COACH_STRICTNESS: Strictness = Strictness::Balanced;

/// Rules that are a link in the note (shown as [`WarningKind::Link`], not
/// as a pitch).
const LINK_RULES: &[&str] = &["LINK", "BOOKING_LINK"];

/// One line of the checklist: whether the verdict has evidence of this
/// kind, and the words that counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Check {
    /// At least one rule of this kind fired with a positive weight (or, for
    /// [`Coaching::generic`], a negative one).
    pub met: bool,
    /// The ids of the rules that counted, strongest first.
    pub rules: Vec<&'static str>,
    /// Where in the draft, sorted, overlapping ranges joined. May be empty
    /// while `met` is true: some rules are about the whole note.
    pub spans: Vec<Span>,
}

/// A trace that would make the recipient read the note as generic, named
/// by a stable word the extension translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// LinkedIn's stock sentence, or a translation of it.
    Stock,
    /// An unfilled mail-merge field: `{first_name}`, `[Name]`.
    Placeholder,
    /// A greeting to a name that is not the invitee's.
    WrongName,
    /// A sales, recruiting or job-seeking pitch.
    Pitch,
    /// A link (first notes with links read as promotion).
    Link,
    /// "Open networker" wording: connections collected, not people.
    Lion,
}

impl WarningKind {
    /// The snake_case name used in JSON (and as the extension's key).
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::Stock => "stock",
            WarningKind::Placeholder => "placeholder",
            WarningKind::WrongName => "wrong_name",
            WarningKind::Pitch => "pitch",
            WarningKind::Link => "link",
            WarningKind::Lion => "lion",
        }
    }
}

/// One warning: its kind, the rules behind it and where they matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// What kind of trace.
    pub kind: WarningKind,
    /// The ids of the rules that fired for it.
    pub rules: Vec<&'static str>,
    /// Where in the draft (sorted, joined); empty for whole-note rules.
    pub spans: Vec<Span>,
}

/// What the sender needs to see about a draft note; see the module docs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coaching {
    /// The label the recipient would see at [`COACH_STRICTNESS`].
    pub label: Label,
    /// The verdict's score.
    pub score: i32,
    /// The score a note needs to be personalized at [`COACH_STRICTNESS`].
    pub threshold: i32,
    /// Detected language of the draft (ISO 639-1), or `und`.
    pub language: String,
    /// Says how the sender found the invitee. Words that are also a
    /// pitch's or the stock sentence's own do not count.
    pub how_found: Check,
    /// Says why the sender wants to connect ("Are you open to new
    /// opportunities?" is a pitch, not a reason: it does not count).
    pub why: Check,
    /// Traces of a note that could go to anyone (every negative rule but
    /// the learned token model's).
    pub generic: Check,
    /// The traces worth naming, one per kind, in [`WarningKind`] order.
    pub warnings: Vec<Warning>,
}

/// Judges `note` as the recipient `invitee` (their display name, as the
/// invite dialog shows it) would see it at the balanced strictness, and
/// says which kinds of evidence the verdict has. A blank draft is
/// [`Label::Blank`] with nothing met and no warning.
///
/// The invitee's name lets the core notice a greeting to someone else
/// ([`WarningKind::WrongName`]) and keeps their own name from counting as
/// a detail of theirs; without it neither can be checked.
pub fn coach(note: &str, invitee: Option<&str>) -> Coaching {
    let inv = Invitation {
        note: Some(note.to_string()),
        recipient: Person {
            name: invitee
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string),
            headline: None,
        },
        ..Invitation::default()
    };
    let verdict = crate::classify(&inv, COACH_STRICTNESS);
    let ev = &verdict.evidence;

    let generic = check(ev.iter().filter(|e| is_generic(e)));
    let selling = check(ev.iter().filter(|e| is_generic(e) && sells(e)));
    let how_found = check(
        ev.iter()
            .filter(|e| is_how_found(e))
            .filter_map(|e| clear_of(e, &selling.spans)),
    );
    let why = check(
        ev.iter()
            .filter(|e| is_why(e))
            .filter_map(|e| clear_of(e, &selling.spans)),
    );

    let mut warnings: Vec<Warning> = Vec::new();
    for e in ev.iter().filter(|e| is_generic(e)) {
        let Some(kind) = warning_kind(e) else {
            continue;
        };
        match warnings.iter_mut().find(|w| w.kind == kind) {
            Some(w) => {
                w.rules.push(e.rule);
                w.spans = merge(w.spans.iter().chain(&e.spans).copied().collect());
            }
            None => warnings.push(Warning {
                kind,
                rules: vec![e.rule],
                spans: merge(e.spans.clone()),
            }),
        }
    }
    warnings.sort_by_key(|w| w.kind);

    Coaching {
        label: verdict.label,
        score: verdict.score,
        threshold: verdict.threshold,
        language: verdict.language,
        how_found,
        why,
        generic,
        warnings,
    }
}

fn is_how_found(e: &Evidence) -> bool {
    e.category == Category::HowFound && e.weight > 0
}

/// Why evidence the note's words carry ([`Evidence::says_how_or_why`]):
/// `MORE_THAN_STOCK` only notices that a sentence of the sender's own
/// stands beside LinkedIn's stock sentence (it weighs that sentence for the
/// recipient; it must not tick "says why" for the sender).
fn is_why(e: &Evidence) -> bool {
    e.category == Category::Why && e.says_how_or_why()
}

/// A sign against the note, from a rule (the token model is never named as
/// a reason: it is one capped line of learned weights).
fn is_generic(e: &Evidence) -> bool {
    e.weight < 0 && e.category != Category::Learned
}

/// The warning a generic trace is shown as, if any. Template openers and
/// "too short" are generic traces but not warnings: every draft starts
/// short, and templates are what the two checklist lines already coach.
fn warning_kind(e: &Evidence) -> Option<WarningKind> {
    match e.category {
        Category::Stock => Some(WarningKind::Stock),
        Category::Lion => Some(WarningKind::Lion),
        Category::MassSend if e.rule == "WRONG_NAME" => Some(WarningKind::WrongName),
        Category::MassSend => Some(WarningKind::Placeholder),
        Category::Pitch if LINK_RULES.contains(&e.rule) => Some(WarningKind::Link),
        Category::Pitch => Some(WarningKind::Pitch),
        Category::Template | Category::Empty => None,
        Category::HowFound | Category::Why | Category::Learned => None,
    }
}

/// Traces whose words cannot also say how or why: stock text, pitches,
/// open-networker wording, mass-send slips. (Template openers are left
/// out: "I've been following your work on supply chains" is a template's
/// words around a real detail.)
fn sells(e: &Evidence) -> bool {
    matches!(
        e.category,
        Category::Stock | Category::Pitch | Category::Lion | Category::MassSend
    )
}

/// The evidence with only its spans that no selling trace overlaps, or
/// `None` when it had spans and none is left: a question that is a
/// template's or a pitch's own ("Are you open to new opportunities?",
/// "Are you free for a quick call?") says nothing of why. Evidence about
/// the whole note (no spans) is kept as it is.
fn clear_of(e: &Evidence, generic: &[Span]) -> Option<Evidence> {
    if e.spans.is_empty() {
        return Some(e.clone());
    }
    let spans: Vec<Span> = e
        .spans
        .iter()
        .filter(|s| !generic.iter().any(|g| g.start < s.end && s.start < g.end))
        .copied()
        .collect();
    (!spans.is_empty()).then(|| Evidence { spans, ..e.clone() })
}

fn check(evidence: impl Iterator<Item = impl std::borrow::Borrow<Evidence>>) -> Check {
    let mut out = Check::default();
    let mut spans = Vec::new();
    for e in evidence {
        let e = e.borrow();
        out.met = true;
        out.rules.push(e.rule);
        spans.extend_from_slice(&e.spans);
    }
    out.spans = merge(spans);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(c: &Coaching) -> Vec<WarningKind> {
        c.warnings.iter().map(|w| w.kind).collect()
    }

    /// The words a check's spans cover, by UTF-16 offsets (as JavaScript
    /// slices them), so the tests read what the sender would see lit.
    fn words(note: &str, check: &Check) -> Vec<String> {
        let units: Vec<u16> = note.encode_utf16().collect();
        check
            .spans
            .iter()
            .map(|s| String::from_utf16(&units[s.start_utf16..s.end_utf16]).unwrap())
            .collect()
    }

    const INVITEE: Option<&str> = Some("Jonas Weber");

    #[test]
    fn blank_draft_is_blank_with_nothing_to_say() {
        for note in ["", "   \n "] {
            let c = coach(note, INVITEE);
            assert_eq!(c.label, Label::Blank);
            assert!(!c.how_found.met && !c.why.met && !c.generic.met);
            assert!(c.warnings.is_empty());
        }
    }

    #[test]
    fn stock_sentence_is_generic_with_neither_line_ticked() {
        for note in [
            "I'd like to add you to my professional network on LinkedIn.",
            "Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.",
            "Me gustaría añadirte a mi red profesional en LinkedIn.",
            "J'aimerais vous inviter à rejoindre mon réseau professionnel sur LinkedIn.",
        ] {
            let c = coach(note, INVITEE);
            assert_eq!(c.label, Label::Generic, "{note}");
            assert!(
                !c.how_found.met,
                "how_found ticked on {note}: {:?}",
                c.how_found
            );
            assert!(!c.why.met, "why ticked on {note}: {:?}", c.why);
            assert_eq!(kinds(&c), [WarningKind::Stock], "{note}");
            assert!(c.generic.met);
        }
    }

    #[test]
    fn a_meeting_at_a_named_event_says_how_found() {
        let note = "We met at PyCon Lisbon";
        let c = coach(note, INVITEE);
        assert!(c.how_found.met, "{c:?}");
        let lit = words(note, &c.how_found).join(" ");
        assert!(lit.contains("PyCon"), "{lit}");
        for note in [
            "Wir haben uns auf der PyCon in Lissabon kennengelernt.",
            "Nos conocimos en la PyCon de Lisboa.",
            "Nous nous sommes rencontrés à la PyCon de Lisbonne.",
        ] {
            assert!(coach(note, INVITEE).how_found.met, "{note}");
        }
    }

    #[test]
    fn the_stock_sentence_beside_a_meeting_ticks_how_found_only() {
        let note =
            "I'd like to add you to my professional network on LinkedIn. We met at PyCon Lisbon";
        let c = coach(note, INVITEE);
        assert!(c.how_found.met);
        assert!(!c.why.met, "MORE_THAN_STOCK is not a reason: {:?}", c.why);
        assert!(kinds(&c).contains(&WarningKind::Stock));
    }

    #[test]
    fn a_question_about_their_work_says_why() {
        for note in [
            "How did you get the Kafka consumers to keep up with the load?",
            "Wie haben Sie die Kafka-Consumer dazu gebracht, mit der Last Schritt zu halten?",
            "¿Cómo lograste que los consumidores de Kafka aguantaran la carga?",
        ] {
            let c = coach(note, INVITEE);
            assert!(c.why.met, "why not ticked on {note}: {c:?}");
        }
    }

    #[test]
    fn template_notes_tick_neither_line() {
        for note in [
            "I came across your profile and would love to connect.",
            "Ich bin auf Ihr Profil gestoßen und würde mich gerne mit Ihnen vernetzen.",
            "Vi tu perfil y me encantaría conectar contigo.",
            "J'ai vu votre profil et j'aimerais me connecter avec vous.",
            "Hi Jonas, hope you are well. Would love to connect.",
        ] {
            let c = coach(note, INVITEE);
            assert_eq!(c.label, Label::Generic, "{note}");
            assert!(!c.how_found.met && !c.why.met, "{note}: {c:?}");
        }
    }

    /// QUESTION fires on any question of the sender's; one that is a
    /// pitch's own words is no reason to connect.
    #[test]
    fn a_pitchs_question_is_not_a_reason() {
        for note in [
            "Are you open to new opportunities?",
            "We help companies like yours grow. Are you free for a quick call?",
            "¿Estás abierto a nuevas oportunidades?",
        ] {
            let c = coach(note, INVITEE);
            assert!(!c.why.met, "{note}: {:?}", c.why);
            assert!(kinds(&c).contains(&WarningKind::Pitch), "{note}: {c:?}");
        }
        // A question of one's own beside a pitch still counts.
        let c = coach(
            "We help companies like yours grow. How did you get the Kafka consumers to keep up?",
            INVITEE,
        );
        assert!(c.why.met, "{c:?}");
    }

    #[test]
    fn placeholders_warn() {
        for note in [
            "Hi {first_name}, great to meet you",
            "Hallo [Name], schön Sie kennenzulernen",
        ] {
            let c = coach(note, INVITEE);
            assert!(
                kinds(&c).contains(&WarningKind::Placeholder),
                "{note}: {c:?}"
            );
            let w = &c.warnings[0];
            assert!(!w.spans.is_empty());
        }
        assert!(
            !kinds(&coach("Hi Jonas, see my note [sic] on pricing", INVITEE))
                .contains(&WarningKind::Placeholder)
        );
    }

    #[test]
    fn a_greeting_to_another_name_warns_and_the_invitees_does_not() {
        let note = "Hi Maria, loved your talk at PyCon Lisbon";
        let c = coach(note, INVITEE);
        let w = c
            .warnings
            .iter()
            .find(|w| w.kind == WarningKind::WrongName)
            .expect("wrong_name");
        let units: Vec<u16> = note.encode_utf16().collect();
        let s = w.spans[0];
        assert_eq!(
            String::from_utf16(&units[s.start_utf16..s.end_utf16]).unwrap(),
            "Maria"
        );
        for ok in [
            "Hi Jonas, loved your talk at PyCon Lisbon",
            "Hallo Herr Weber, danke für Ihren Vortrag",
        ] {
            assert!(
                !kinds(&coach(ok, INVITEE)).contains(&WarningKind::WrongName),
                "{ok}"
            );
        }
        // Without the invitee's name nothing can be compared.
        assert!(!kinds(&coach(note, None)).contains(&WarningKind::WrongName));
    }

    #[test]
    fn pitches_and_links_warn_as_such() {
        let c = coach(
            "We help companies like yours cut cloud costs by 30%. Book a call: https://calendly.com/joe/15min",
            INVITEE,
        );
        let k = kinds(&c);
        assert!(k.contains(&WarningKind::Link), "{c:?}");
        assert!(k.contains(&WarningKind::Pitch), "{c:?}");
        let plain = coach(
            "Loved your talk on queues at PyCon, how did you test the retries?",
            INVITEE,
        );
        assert!(plain.warnings.is_empty(), "{plain:?}");
        assert_eq!(plain.label, Label::Personalized);
    }

    #[test]
    fn spans_are_utf16_offsets_past_astral_characters() {
        let note = "👋🏽 Hi Maria, we met at PyCon Lisbon";
        let c = coach(note, INVITEE);
        assert!(words(note, &c.how_found).join(" ").contains("PyCon"));
        let w = c
            .warnings
            .iter()
            .find(|w| w.kind == WarningKind::WrongName)
            .unwrap();
        assert_eq!(&note[w.spans[0].start..w.spans[0].end], "Maria");
    }

    #[test]
    fn coaching_is_the_recipients_verdict_at_balanced() {
        for note in [
            "Hi Jonas, I came across your profile and would love to connect.",
            "Great meeting you at RustConf, loved your talk on async traits.",
        ] {
            let mut inv = Invitation::with_note(note);
            inv.recipient.name = Some("Jonas Weber".into());
            let v = crate::classify(&inv, Strictness::Balanced);
            let c = coach(note, INVITEE);
            assert_eq!(
                (c.label, c.score, c.threshold),
                (v.label, v.score, v.threshold)
            );
        }
    }

    #[test]
    fn warning_names_are_stable() {
        let json = serde_json::to_value(coach("Hi {first_name}", INVITEE)).unwrap();
        assert_eq!(json["warnings"][0]["kind"], "placeholder");
        assert_eq!(json["label"], "generic");
        for key in ["how_found", "why", "generic"] {
            assert!(json[key]["met"].is_boolean(), "{key}");
            assert!(json[key]["spans"].is_array(), "{key}");
        }
    }
}

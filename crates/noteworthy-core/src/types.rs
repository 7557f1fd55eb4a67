//! The values that cross the library's edge: what goes in (an [`Invitation`])
//! and what comes out (a [`Verdict`]). All of them serialise with serde, so
//! the CLI writes them as JSON and the wasm binding hands them to JavaScript
//! unchanged.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A person as LinkedIn's page or export shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Person {
    /// Full display name, e.g. "Suhani Patil".
    pub name: Option<String>,
    /// The line under the name, e.g. "Data engineer at Delta".
    pub headline: Option<String>,
}

/// What the page says of the sender.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sender {
    /// Full display name.
    pub name: Option<String>,
    /// The line under the name.
    pub headline: Option<String>,
    /// The mutual-connection line when LinkedIn shows one
    /// ("Anant Garg is a mutual connection", "12 mutual connections").
    pub mutual_connections: Option<String>,
}

/// One connection invitation: the note and what is known of both people.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Invitation {
    /// The note; `None` or only whitespace means the invitation is blank.
    pub note: Option<String>,
    /// The sender, as the page shows them.
    pub sender: Sender,
    /// The person using Noteworthy, when known. Only used to notice a
    /// greeting to somebody else's name (a mass-send slip).
    pub recipient: Person,
}

impl Invitation {
    /// An invitation with this note and nothing else known.
    pub fn with_note(note: impl Into<String>) -> Self {
        Invitation {
            note: Some(note.into()),
            ..Invitation::default()
        }
    }
}

/// How strict the reader is. Each level is a threshold on the same score,
/// so the levels are monotone by construction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strictness {
    /// Give the benefit of the doubt to a note with any sign of intent.
    Lenient,
    /// One clear sign of how they found you or why you (the default).
    #[default]
    Balanced,
    /// Only notes that say how *and* why, or say one of them strongly.
    Strict,
}

impl Strictness {
    /// Every level, most lenient first.
    pub const ALL: [Strictness; 3] = [
        Strictness::Lenient,
        Strictness::Balanced,
        Strictness::Strict,
    ];

    /// The name used in settings, JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Strictness::Lenient => "lenient",
            Strictness::Balanced => "balanced",
            Strictness::Strict => "strict",
        }
    }
}

impl fmt::Display for Strictness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a strictness name that is not one of the three.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownStrictness(pub String);

impl fmt::Display for UnknownStrictness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown strictness {:?}: expected lenient, balanced or strict",
            self.0
        )
    }
}

impl std::error::Error for UnknownStrictness {}

impl FromStr for Strictness {
    type Err = UnknownStrictness;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "lenient" => Ok(Strictness::Lenient),
            "balanced" => Ok(Strictness::Balanced),
            "strict" => Ok(Strictness::Strict),
            _ => Err(UnknownStrictness(s.to_string())),
        }
    }
}

/// The three kinds of invitation the product tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// No note at all.
    Blank,
    /// A note that could have gone to anyone.
    Generic,
    /// A note that says how the sender found you or why you in particular.
    Personalized,
}

impl Label {
    /// Every label, in display order.
    pub const ALL: [Label; 3] = [Label::Blank, Label::Generic, Label::Personalized];

    /// The lowercase name used in JSON, the CLI and `data-noteworthy`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Blank => "blank",
            Label::Generic => "generic",
            Label::Personalized => "personalized",
        }
    }
}

/// The error for a label name that is not one of the three.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLabel(pub String);

impl fmt::Display for UnknownLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown label {:?}: expected blank, generic or personalized",
            self.0
        )
    }
}

impl std::error::Error for UnknownLabel {}

impl FromStr for Label {
    type Err = UnknownLabel;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Label::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownLabel(s.to_string()))
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What Noteworthy suggests doing with an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Worth accepting: the note says how or why.
    Accept,
    /// Look before deciding: a real reason, but also a pitch, or a blank
    /// note under the lenient setting.
    Review,
    /// Reply asking how they found you and why they want to connect: the
    /// note is close but says neither.
    Ask,
    /// Decline quietly with LinkedIn's Ignore (the sender is not told).
    Ignore,
}

impl Action {
    /// The lowercase name used in JSON and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Accept => "accept",
            Action::Review => "review",
            Action::Ask => "ask",
            Action::Ignore => "ignore",
        }
    }

    /// What the action means, in one English line (the extension shows
    /// its own localised wording).
    pub fn description(self) -> &'static str {
        match self {
            Action::Accept => "worth accepting: the note says how or why",
            Action::Review => "look before deciding",
            Action::Ask => "reply asking how they found you and why they want to connect",
            Action::Ignore => "decline quietly with Ignore; the sender is not told",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A range of the original note, in UTF-8 bytes (for Rust) and in UTF-16
/// code units (for JavaScript's `String.prototype.slice`). Both are
/// half-open and always fall on character boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// First UTF-16 code unit.
    pub start_utf16: usize,
    /// One past the last UTF-16 code unit.
    pub end_utf16: usize,
}

/// One rule that fired, and where. The id and description point into the
/// rule table compiled into the library (no allocation per verdict), so
/// evidence serialises but is never read back. It serialises with the
/// rule's family from the catalog (see [`crate::RuleInfo::family`]) after
/// `rule`: `{rule, family, description, weight, category, spans}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Stable rule id, e.g. `EN_STOCK_INVITE`.
    pub rule: &'static str,
    /// One line a person can read.
    pub description: &'static str,
    /// Points added to the score: negative for generic signs, positive for
    /// personal ones. A rule counts once however often it matches.
    pub weight: i32,
    /// The kind of sign (see [`Category`]).
    pub category: Category,
    /// Where it matched in the note; empty for rules about the whole note
    /// (for example "one word only").
    pub spans: Vec<Span>,
}

impl Evidence {
    /// Whether this says how the sender found the recipient or why them
    /// (a how-found or why rule with a positive weight), pointing at words
    /// of the note: a name, a question, a phrase. Not `MORE_THAN_STOCK`,
    /// which only notices words beside LinkedIn's stock sentence, nor
    /// what LinkedIn shows beside the note (the mutual connections): the
    /// note itself says something of this recipient.
    pub fn says_how_or_why(&self) -> bool {
        self.category.is_reason() && self.weight > 0 && !self.spans.is_empty()
    }
}

impl Serialize for Evidence {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Fields<'a> {
            rule: &'a str,
            family: &'a str,
            description: &'a str,
            weight: i32,
            category: Category,
            spans: &'a [Span],
        }
        Fields {
            rule: self.rule,
            // A rule the catalog does not hold (made by a test) is its own family.
            family: crate::rules::rule_family(self.rule).unwrap_or(self.rule),
            description: self.description,
            weight: self.weight,
            category: self.category,
            spans: &self.spans,
        }
        .serialize(serializer)
    }
}

/// What kind of sign a rule looks for. Used to choose the action (a real
/// reason wrapped in a sales pitch gets "review", not "accept") and to
/// group evidence for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// LinkedIn's own stock sentence, or a translation of it.
    Stock,
    /// A template opener or closer that fits any recipient.
    Template,
    /// A sales, recruiting or job-seeking pitch.
    Pitch,
    /// Open networkers collecting connections.
    Lion,
    /// Traces of a mail merge: placeholders, someone else's name.
    MassSend,
    /// Too little to judge: one word, emoji only.
    Empty,
    /// How the sender found the recipient: an event, a post, a contact.
    HowFound,
    /// Why this recipient: a concrete question, a specific shared interest.
    Why,
    /// The learned token model: words that weighed for or against, from
    /// labelled notes. Never by itself a reason to decline.
    Learned,
}

impl Category {
    /// Every category, in the order they are declared.
    pub const ALL: [Category; 9] = [
        Category::Stock,
        Category::Template,
        Category::Pitch,
        Category::Lion,
        Category::MassSend,
        Category::Empty,
        Category::HowFound,
        Category::Why,
        Category::Learned,
    ];

    /// Whether signs of this category say how the sender found the
    /// recipient or why them: the ones that count for a note.
    pub fn is_reason(self) -> bool {
        matches!(self, Category::HowFound | Category::Why)
    }

    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Stock => "stock",
            Category::Template => "template",
            Category::Pitch => "pitch",
            Category::Lion => "lion",
            Category::MassSend => "mass_send",
            Category::Empty => "empty",
            Category::HowFound => "how_found",
            Category::Why => "why",
            Category::Learned => "learned",
        }
    }
}

/// The judgement on one invitation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// Blank, generic or personalized at the requested strictness.
    pub label: Label,
    /// Sum of the weights of the rules that fired. Higher is more personal.
    pub score: i32,
    /// The score a note needs to count as personalized at this strictness.
    pub threshold: i32,
    /// The strictness the label and action were decided at.
    pub strictness: Strictness,
    /// What Noteworthy suggests doing.
    pub action: Action,
    /// Detected language of the note (ISO 639-1), or `und`.
    pub language: String,
    /// Every rule that fired, strongest first.
    pub evidence: Vec<Evidence>,
    /// Whether the note was longer than [`crate::MAX_NOTE_BYTES`] and only
    /// its beginning was judged.
    pub truncated: bool,
}

impl Verdict {
    /// The strongest sign against the note: the evidence with the most
    /// negative weight (the first of equals, in the evidence's order), if
    /// any. Bulk decline names its category as the reason a card is offered.
    pub fn strongest_against(&self) -> Option<&Evidence> {
        self.evidence
            .iter()
            .filter(|e| e.weight < 0)
            .min_by_key(|e| e.weight)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(rule: &'static str, weight: i32, category: Category) -> Evidence {
        Evidence {
            rule,
            description: "",
            weight,
            category,
            spans: Vec::new(),
        }
    }

    #[test]
    fn the_strongest_sign_against_is_the_most_negative_and_the_first_of_equals() {
        let mut v = crate::classify(&Invitation::default(), Strictness::Balanced);
        assert!(v.strongest_against().is_none(), "no evidence, no sign");
        v.evidence = vec![
            evidence("A", 3, Category::HowFound),
            evidence("B", -2, Category::Template),
            evidence("C", -4, Category::Pitch),
            evidence("D", -4, Category::Stock),
        ];
        assert_eq!(v.strongest_against().map(|e| e.rule), Some("C"));
        v.evidence.retain(|e| e.weight > 0);
        assert!(v.strongest_against().is_none(), "signs for only");
    }
}

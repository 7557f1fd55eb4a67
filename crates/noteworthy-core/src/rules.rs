//! The rule table, compiled from `rules/*.toml` by `build.rs`.
//!
//! A rule either lists phrases (matched on the folded note, see
//! [`crate::normalize`]) or names a detector implemented in
//! [`crate::structural`] for signs that are shapes rather than words
//! (placeholders, a greeting to the wrong name, a one-word note).

use crate::types::Category;

/// One rule as written in its rule file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable id, e.g. `EN_STOCK_INVITE`.
    pub id: &'static str,
    /// Language of the rule's phrases (ISO 639-1), or `any`.
    pub lang: &'static str,
    /// One line a person can read.
    pub description: &'static str,
    /// Points the rule adds to the score when it fires (fitted on labelled
    /// notes by `noteworthy-fit`).
    pub weight: i32,
    /// The weight the rule's author wrote: where fitting starts, and what
    /// it is pulled back towards.
    pub prior: i32,
    /// The kind of sign the rule looks for.
    pub category: Category,
    /// For rules computed in code: the detector's name.
    pub detector: Option<&'static str>,
    /// The phrase counts only when a capitalised name follows it
    /// ("both connected to Marcus Lee", not "…to some great people").
    pub followed_by_name: bool,
}

impl RuleInfo {
    /// The rule's phrases, in plain lowercase. ` ~ ` stands for up to three
    /// words between two parts; a leading or trailing `*` lifts the word
    /// boundary on that side.
    ///
    /// The phrases live apart from [`rule_catalog`], one string a rule (a
    /// pointer and length per phrase would cost more than a newline): the
    /// matcher reads tables `build.rs` derived from them, so a build that
    /// never asks for them as written (the browser's) does not carry them.
    pub fn phrases(&self) -> impl Iterator<Item = &'static str> {
        let at = RULES
            .iter()
            .position(|r| r.id == self.id)
            .expect("a rule of the catalog");
        PHRASE_LISTS[at].split('\n').filter(|p| !p.is_empty())
    }
}

include!(concat!(env!("OUT_DIR"), "/rules_table.rs"));

/// Every rule the classifier knows, in rule-file order.
pub fn rule_catalog() -> &'static [RuleInfo] {
    RULES
}

/// Every rule's own examples: `(rule id, should fire, text)`. The test in
/// `tests/rule_examples.rs` runs them.
pub fn rule_examples() -> &'static [(&'static str, bool, &'static str)] {
    EXAMPLES
}

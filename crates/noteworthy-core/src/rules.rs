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
    /// Where the rule's family starts in `id` (see [`RuleInfo::family`]),
    /// as `build.rs` found it.
    family_at: u8,
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
    /// Whether the rule, firing, may mark a note generic enough to suggest
    /// declining it (see [`crate::policy::action_for`]). A rule that
    /// counts against a note without being a template or a pitch by
    /// itself (`OWN_NAME`: the sender names their own company or school)
    /// says `marks_generic = false` in its rule file.
    pub marks_generic: bool,
}

impl RuleInfo {
    /// What the rule means whatever the language of its phrases: the id
    /// without its language prefix for a language's rule
    /// (`EN_STOCK_INVITE`, `DE_STOCK_INVITE` → `STOCK_INVITE`;
    /// `EN_NO_ADDRESSEE` → `NO_ADDRESSEE`), the id itself for a rule of
    /// `any.toml` (`NAMED_DETAIL`). Only `A-Z`, `0-9` and `_`; `build.rs`
    /// derives and checks it. The extension words its descriptions in the
    /// reader's language by family.
    pub fn family(&self) -> &'static str {
        &self.id[usize::from(self.family_at)..]
    }

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

/// The family (see [`RuleInfo::family`]) of the rule with this id, or
/// `None` when the catalog has no such rule.
pub fn rule_family(id: &str) -> Option<&'static str> {
    rule_info(id).map(RuleInfo::family)
}

/// The rule with this id, or `None` when the catalog has no such rule.
pub fn rule_info(id: &str) -> Option<&'static RuleInfo> {
    RULES_BY_ID
        .binary_search_by(|&at| RULES[usize::from(at)].id.cmp(id))
        .ok()
        .map(|found| &RULES[usize::from(RULES_BY_ID[found])])
}

/// Whether the rule with this id may mark a note generic enough to
/// decline ([`RuleInfo::marks_generic`]); an id the catalog does not hold
/// may. The policy asks this of every template, pitch and stock sign of
/// every note: a look through the few rules that may not (`QUIET_RULES`,
/// written by build.rs), where finding each rule by its id searched the
/// catalog (550 of a note's 50,000 instructions).
pub(crate) fn marks_generic(id: &str) -> bool {
    !QUIET_RULES.contains(&id)
}

/// Every rule family (see [`RuleInfo::family`]), once each, sorted.
pub fn rule_families() -> &'static [&'static str] {
    FAMILIES
}

/// Every rule's own examples: `(rule id, should fire, text)`. The test in
/// `tests/rule_examples.rs` runs them.
pub fn rule_examples() -> &'static [(&'static str, bool, &'static str)] {
    EXAMPLES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_join_a_rule_across_languages_and_keep_any_rules_apart() {
        assert_eq!(rule_family("EN_STOCK_INVITE"), Some("STOCK_INVITE"));
        assert_eq!(rule_family("FR_STOCK_INVITE"), Some("STOCK_INVITE"));
        assert_eq!(rule_family("ZH_LION"), Some("LION"));
        // Two letters that are not a language prefix stay.
        assert_eq!(rule_family("EN_NO_ADDRESSEE"), Some("NO_ADDRESSEE"));
        assert_eq!(rule_family("NAMED_DETAIL"), Some("NAMED_DETAIL"));
        assert_eq!(rule_family("TOKENS"), Some("TOKENS"));
        assert_eq!(rule_family("STOCK_INVITE"), None, "a family is not an id");
        assert_eq!(rule_family(""), None);
    }

    #[test]
    fn the_quiet_rules_are_those_that_do_not_mark_a_note_generic() {
        for r in RULES {
            assert_eq!(marks_generic(r.id), r.marks_generic, "{}", r.id);
        }
        assert!(marks_generic("NOT_A_RULE"));
    }

    #[test]
    fn every_rule_is_found_by_id_with_its_own_family() {
        for r in RULES {
            assert_eq!(rule_family(r.id), Some(r.family()), "{}", r.id);
            let prefix = r.lang.to_ascii_uppercase() + "_";
            if r.lang == "any" {
                assert_eq!(r.family(), r.id);
            } else {
                assert_eq!(r.id, prefix + r.family());
            }
        }
        let families: std::collections::BTreeSet<_> = RULES.iter().map(|r| r.family()).collect();
        // Every language's family is one of English's: English is the
        // reference every other rule file translates.
        for r in RULES.iter().filter(|r| r.lang != "any") {
            assert!(
                RULES
                    .iter()
                    .any(|e| e.lang == "en" && e.family() == r.family()),
                "{} has no English rule",
                r.id
            );
        }
        assert!(families.len() > 40 && families.len() < RULES.len() / 2);
        assert!(families.iter().eq(rule_families().iter()));
    }
}

//! Closed classes of words that the shape detectors read: greetings,
//! honorifics, pronouns, sign-offs. They are language knowledge, so they
//! live in each language's rule file (`[words]` in `rules/*.toml`);
//! `build.rs` merges every language's lists into one sorted table per
//! kind. Adding a language is one TOML file.
//!
//! Words are written folded (lowercase, no accents), the way
//! [`crate::normalize`] folds a note, and looked up folded.

include!(concat!(env!("OUT_DIR"), "/lexicon_table.rs"));

/// One kind of word list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Words a name follows at the start of a note ("hi", "bonjour").
    Greeting,
    /// Titles between a greeting and a name ("mr", "frau", "pak").
    Honorific,
    /// Capitalised words after a greeting that address nobody by name
    /// ("team", "there", "hiring").
    NotName,
    /// Words that may stand between a greeting and a name ("again", "kak").
    Filler,
    /// Words that name a mail-merge field in brackets ("name", "empresa").
    Field,
    /// The recipient addressed: second-person pronouns and possessives.
    You,
    /// The sender speaking of themselves or their company ("our", "my",
    /// "I'm"); not "we", which as often means sender and recipient
    /// ("we met at PyCon").
    SelfWord,
    /// Capitalised words that are never a detail of the recipient's world
    /// (the platform, days of greeting, "I").
    NotDetail,
    /// Closing words after which only the sender's name follows.
    SignOff,
}

impl Kind {
    fn table(self) -> &'static [&'static str] {
        match self {
            Kind::Greeting => GREETINGS,
            Kind::Honorific => HONORIFICS,
            Kind::NotName => NOT_NAMES,
            Kind::Filler => FILLERS,
            Kind::Field => FIELDS,
            Kind::You => YOU,
            Kind::SelfWord => SELF_WORDS,
            Kind::NotDetail => NOT_DETAILS,
            Kind::SignOff => SIGN_OFFS,
        }
    }
}

/// Whether the folded `word` is in the list of this kind.
pub(crate) fn is(kind: Kind, word: &str) -> bool {
    kind.table().binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn every_listed_word_is_written_folded() {
        for kind in [
            Kind::Greeting,
            Kind::Honorific,
            Kind::NotName,
            Kind::Filler,
            Kind::Field,
            Kind::You,
            Kind::SelfWord,
            Kind::NotDetail,
            Kind::SignOff,
        ] {
            for word in kind.table() {
                assert_eq!(
                    &normalize(word).text,
                    word,
                    "{kind:?}: write {word:?} folded"
                );
            }
        }
    }

    #[test]
    fn lookups_find_listed_words_only() {
        assert!(is(Kind::Greeting, "bonjour"));
        assert!(is(Kind::Honorific, "frau"));
        assert!(!is(Kind::Greeting, "maria"));
    }
}

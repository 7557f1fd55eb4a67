//! Closed classes of words that the shape detectors read: greetings,
//! honorifics, pronouns, sign-offs. They are language knowledge, so they
//! live in each language's rule file (`[words]` in `rules/*.toml`);
//! `build.rs` merges every language's lists into one table where each
//! word carries a bit per kind, hashed, so one lookup per word answers
//! every kind. Adding a language is one TOML file.
//!
//! Words are written folded (lowercase, no accents), the way
//! [`crate::normalize`] folds a note, and looked up folded.

include!(concat!(env!("OUT_DIR"), "/lexicon_table.rs"));

/// One kind of word list; the discriminant is its bit in [`Kinds`], in the
/// order `build.rs` lists the kinds (`WORD_KINDS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u16)]
pub(crate) enum Kind {
    /// Words a name follows at the start of a note ("hi", "bonjour").
    Greeting = 0,
    /// Titles between a greeting and a name ("mr", "frau", "pak").
    Honorific = 1,
    /// Capitalised words after a greeting that address nobody by name
    /// ("team", "there", "hiring").
    NotName = 2,
    /// Words that may stand between a greeting and a name ("again", "kak").
    Filler = 3,
    /// Words that name a mail-merge field in brackets ("name", "empresa").
    Field = 4,
    /// The recipient addressed: second-person pronouns and possessives.
    You = 5,
    /// The sender speaking of themselves or their company ("our", "my",
    /// "I'm"); not "we", which as often means sender and recipient
    /// ("we met at PyCon").
    SelfWord = 6,
    /// Capitalised words that are never a detail of the recipient's world
    /// (the platform, weekdays, "I").
    NotDetail = 7,
    /// Closing words after which only the sender's name follows.
    SignOff = 8,
    /// Small words that may stand inside a name ("Top of the Funnel",
    /// "Banco do Brasil").
    Connector = 9,
    /// Words that open thanks ("thanks", "merci", "danke").
    Thanks = 10,
    /// What follows thanks before the thing thanked for ("for", "pour",
    /// "für").
    ThanksFor = 11,
    /// What anyone is thanked for, in any invitation ("accepting", "time",
    /// "advance"): thanks for these say nothing of a shared past.
    ThanksGeneric = 12,
    /// Ways to move the talk off LinkedIn ("call", "phone", "email",
    /// "minutes"): a first note that asks for one is taking a sales or
    /// recruiting step, not saying why the two should connect.
    Channel = 13,
    /// What a business does for its clients, in the present ("we help",
    /// "I provide", "nous accompagnons", "pomagamy"): the sender's offer.
    Offer = 14,
    /// The sender as the object of a verb ("me", "mir", "saya" after it):
    /// an offer word followed by one is help the sender got ("your talk
    /// helps me"), not help the sender sells.
    Me = 15,
}

/// The kinds a word belongs to, a bit each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Kinds(u16);

impl Kinds {
    /// Whether the word is of this kind.
    pub(crate) fn has(self, kind: Kind) -> bool {
        self.0 & (1 << kind as u16) != 0
    }
}

/// FNV-1a (32 bits) from `seed`: the word table's hash (`build.rs` places
/// the words with the same function) and the token model's.
pub(crate) fn fnv(seed: u32, bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(seed, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// Every kind the folded `word` belongs to.
pub(crate) fn kinds(word: &str) -> Kinds {
    lookup(word).0
}

/// Every kind the folded `word` belongs to, and the languages it is a
/// stopword of (a bit per index into [`STOPWORD_LANGS`](crate::rules::STOPWORD_LANGS)):
/// the word splitter asks once for both.
pub(crate) fn lookup(word: &str) -> (Kinds, u16) {
    let mask = LEXICON_SLOTS.len() - 1;
    let mut at = fnv(0x811c_9dc5, word.as_bytes()) as usize & mask;
    loop {
        match LEXICON_SLOTS[at] {
            0 => return (Kinds::default(), 0),
            slot => {
                let (listed, bits, langs) = LEXICON[usize::from(slot) - 1];
                // Words are short: comparing bytes here beats a call to
                // memcmp, made for every word of every note.
                if listed.len() == word.len()
                    && listed.bytes().zip(word.bytes()).all(|(a, b)| a == b)
                {
                    return (Kinds(bits), langs);
                }
            }
        }
        at = (at + 1) & mask;
    }
}

/// Whether the folded `word` is in the list of this kind.
pub(crate) fn is(kind: Kind, word: &str) -> bool {
    kinds(word).has(kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn every_listed_word_is_written_folded() {
        for (word, ..) in LEXICON {
            assert_eq!(&normalize(word).text, word, "write {word:?} folded");
        }
    }

    #[test]
    fn lookups_find_listed_words_only() {
        assert!(is(Kind::Greeting, "bonjour"));
        assert!(is(Kind::Honorific, "frau"));
        assert!(is(Kind::SignOff, "cheers"));
        assert!(is(Kind::You, "your") && !is(Kind::SelfWord, "your"));
        assert!(!is(Kind::Greeting, "maria"));
        assert_eq!(kinds("maria"), Kinds::default());
        for (word, bits, langs) in LEXICON {
            assert_eq!(lookup(word), (Kinds(*bits), *langs), "{word}");
        }
    }
}

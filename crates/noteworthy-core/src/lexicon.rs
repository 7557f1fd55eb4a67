//! Closed classes of words that the shape detectors read: greetings,
//! honorifics, pronouns, sign-offs. They are language knowledge, so they
//! live in each language's rule file (`[words]` in `rules/*.toml`);
//! `build.rs` merges every language's lists into one table where each
//! word carries a bit per kind, hashed, so one lookup per word answers
//! every kind. Adding a language is one TOML file.
//!
//! A word two languages read differently (the Dutch "je" is "you", the
//! French "je" is "I"; the German "sie" is "you", the Polish "się" a
//! particle) also carries each language's reading: once the note's
//! language is guessed, [`kinds_in`] gives the word the kinds its language
//! gives it, when that language lists it at all (as a stopword or in a
//! class). A language that does not list the word, or a note in a
//! language without a rule file, keeps every language's kinds.
//!
//! Words are written folded (lowercase, no accents), the way
//! [`crate::normalize`] folds a note, and looked up folded.

use crate::fnv;

include!(concat!(env!("OUT_DIR"), "/lexicon_table.rs"));

/// One kind of word list; the discriminant is its bit in [`Kinds`], in the
/// order `build.rs` lists the kinds (`WORD_KINDS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
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
    /// A person's relation to someone ("brother", "colleague", "Freundin",
    /// "irmão"): beside a name, a mutual contact named in free form
    /// ("Rohan's brother", "a colleague of Priya", "mi hermana Ana").
    Kin = 16,
}

/// The kinds a word belongs to, a bit each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Kinds(u32);

impl Kinds {
    /// Whether the word is of this kind.
    pub(crate) fn has(self, kind: Kind) -> bool {
        self.0 & (1 << kind as u32) != 0
    }

    /// The kinds of either.
    pub(crate) fn with(self, other: Kinds) -> Kinds {
        Kinds(self.0 | other.0)
    }
}

/// Every kind the folded `word` belongs to, in any language.
pub(crate) fn kinds(word: &str) -> Kinds {
    lookup(word).kinds
}

/// What the lexicon says of one folded word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Every kind any language gives the word.
    pub kinds: Kinds,
    /// The languages it is a stopword of (a bit per index into
    /// [`STOPWORD_LANGS`](crate::rules::STOPWORD_LANGS)).
    pub stop_langs: u16,
    /// Its place in the table, from 1, for a word two languages read
    /// differently ([`kinds_in`]); 0 for any other word.
    pub id: u16,
}

/// The hash that places a folded word in the word table (`build.rs`
/// places them with the same function, [`crate::fnv`]). The token model
/// hashes a word alone the same way, so the word splitter's one hash
/// serves both.
pub(crate) fn word_hash(word: &[u8]) -> u32 {
    fnv::hash(fnv::WORD_SEED, word)
}

/// The folded `word`'s [`Entry`]: the word splitter asks once for its
/// kinds and stopword languages.
pub(crate) fn lookup(word: &str) -> Entry {
    lookup_hashed(word.as_bytes(), word_hash(word.as_bytes()))
}

/// [`lookup`] of a word, as bytes, whose [`word_hash`] is `hash`: the word
/// splitter slices its words' bytes, where slicing the text checked both
/// ends of every word for a character boundary.
pub(crate) fn lookup_hashed(word: &[u8], hash: u32) -> Entry {
    let mask = LEXICON_SLOTS.len() - 1;
    let mut at = hash as usize & mask;
    loop {
        match LEXICON_SLOTS[at] {
            0 => return Entry::default(),
            slot => {
                let (listed, entry, ..) = &LEXICON[usize::from(slot) - 1];
                // Words are short: comparing bytes here beats a call to
                // memcmp, made for every word of every note.
                if listed.len() == word.len()
                    && listed.bytes().zip(word.iter()).all(|(a, &b)| a == b)
                {
                    return *entry;
                }
            }
        }
        at = (at + 1) & mask;
    }
}

/// The rule file of language `code` (its index in the lexicon's per-language
/// table), or `None` for a language without one (and `und`).
pub(crate) fn language_index(code: &str) -> Option<u8> {
    LEXICON_LANGS
        .iter()
        .position(|&l| l == code && l != "any")
        .and_then(|i| u8::try_from(i).ok())
}

/// The kinds of the word listed at `id` in a note written in the language
/// of rule file `lang`, when that file knows the word (lists it as a
/// stopword or in a class): those it gives it, with the language-independent
/// ones of `any.toml`. `None` when the language does not know the word:
/// then every language's kinds stand, as they do for a note whose language
/// has no rule file (a Czech note guessed Polish still reads "Vás" as
/// "you"). So the Dutch "je" (you) is not the French "je" (I) in a Dutch
/// note, nor the Spanish "mes" (month) the French "mes" (my) in a Spanish
/// one, while a word only one language lists keeps its kinds everywhere.
pub(crate) fn kinds_in(id: u16, lang: u8) -> Option<Kinds> {
    let (.., first, count) = LEXICON[usize::from(id) - 1];
    let langs = &LEXICON_BY_LANG[usize::from(first)..usize::from(first) + usize::from(count)];
    if !langs.iter().any(|&(l, _)| l == lang) {
        return None;
    }
    Some(Kinds(
        langs
            .iter()
            .filter(|&&(l, _)| l == lang || l == LEXICON_ANY)
            .fold(0, |k, &(_, kinds)| k | kinds),
    ))
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
        for (i, (word, listed, ..)) in LEXICON.iter().enumerate() {
            let entry = lookup(word);
            assert_eq!(entry, *listed, "{word}");
            assert!(entry.id == 0 || usize::from(entry.id) == i + 1, "{word}");
        }
    }

    #[test]
    fn a_word_reads_as_the_notes_language_gives_it() {
        let (nl, fr, en) = (
            language_index("nl").unwrap(),
            language_index("fr").unwrap(),
            language_index("en").unwrap(),
        );
        // "je": you in Dutch, I in French.
        let je = lookup("je").id;
        let dutch = kinds_in(je, nl).unwrap();
        assert!(dutch.has(Kind::You) && !dutch.has(Kind::SelfWord));
        let french = kinds_in(je, fr).unwrap();
        assert!(french.has(Kind::SelfWord) && !french.has(Kind::You));
        // English does not know "je": every language's kinds stand.
        assert_eq!(kinds_in(je, en), None);
        assert_eq!(language_index("und"), None);
        assert_eq!(language_index("any"), None);
    }
}

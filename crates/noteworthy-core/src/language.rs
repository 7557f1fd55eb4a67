//! A small language guess: scripts first, then the most frequent words of
//! each language (listed in its rule file). Good enough to report and to
//! group an evaluation. Phrase rules never depend on it; the one detector
//! that reads it is the named-detail one, which in a language that
//! capitalises every noun (German) counts only marked names.

use crate::matcher::is_cjk;
use crate::normalize::{normalize, prefix};
use crate::rules::STOPWORDS;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// For every stopword (folded like a note), a bit per language (index
/// into `STOPWORDS`) it belongs to, so each word of a note costs one
/// lookup.
fn stopword_index() -> &'static HashMap<String, u64, BuildHasherDefault<Fnv>> {
    static INDEX: OnceLock<HashMap<String, u64, BuildHasherDefault<Fnv>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        assert!(STOPWORDS.len() <= 64, "one bit per language");
        let mut index: HashMap<String, u64, BuildHasherDefault<Fnv>> = HashMap::default();
        for (lang, (_, words)) in STOPWORDS.iter().enumerate() {
            for word in *words {
                *index.entry(normalize(word).text).or_default() |= 1 << lang;
            }
        }
        index
    })
}

/// FNV-1a: stopwords are short and few, so a simple hash beats SipHash's
/// protection against collisions we do not need.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// How many words of a note the guess reads.
const MAX_WORDS: usize = 40;

/// How many bytes of a note the guess reads.
const MAX_BYTES: usize = 400;

/// The words of folded text. The text is already lowercase and folded, so
/// splitting on what is not a letter, digit or apostrophe is enough here,
/// and much cheaper than full word segmentation.
fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
}

/// The ISO 639-1 code of the note's language, or `und`.
pub(crate) fn detect(folded: &str) -> &'static str {
    // The opening of a note says which language it is in; reading a long
    // note's tail would only cost time.
    let folded = prefix(folded, MAX_BYTES);
    let (mut kana, mut han, mut hangul, mut letters) = (0usize, 0usize, 0usize, 0usize);
    let scripts = if folded.is_ascii() { "" } else { folded };
    for c in scripts.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        match c as u32 {
            0x3040..=0x30FF => kana += 1,
            0xAC00..=0xD7AF => hangul += 1,
            _ if is_cjk(c) => han += 1,
            _ => {}
        }
    }
    let cjk = kana + han + hangul;
    if cjk * 5 >= letters && cjk > 0 {
        return if kana > 0 {
            "ja"
        } else if hangul >= han {
            "ko"
        } else {
            "zh"
        };
    }
    let index = stopword_index();
    // One counter per language; the index asserts there are at most 64.
    let mut hits = [0usize; 64];
    for word in words(folded).take(MAX_WORDS) {
        let mut langs = index.get(word).copied().unwrap_or(0);
        while langs != 0 {
            hits[langs.trailing_zeros() as usize] += 1;
            langs &= langs - 1;
        }
    }
    // The most hits wins; ties go to the earlier rule file, deterministically.
    match hits
        .iter()
        .enumerate()
        .max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i)))
    {
        Some((lang, &n)) if n > 0 => STOPWORDS[lang].0,
        _ => "und",
    }
}

#[cfg(test)]
mod tests {
    use super::detect;
    use crate::normalize::normalize;

    fn lang(s: &str) -> &'static str {
        detect(&normalize(s).text)
    }

    #[test]
    fn guesses_common_languages() {
        assert_eq!(lang("I would like to connect with you"), "en");
        assert_eq!(lang("Me gustaría añadirte a mi red profesional"), "es");
        assert_eq!(lang("Je souhaiterais rejoindre votre réseau"), "fr");
        assert_eq!(lang("Ich würde mich gerne mit Ihnen vernetzen"), "de");
        assert_eq!(lang("Saya ingin menambahkan Anda ke jaringan saya"), "id");
        assert_eq!(lang("先日のセミナーでお会いしました"), "ja");
        assert_eq!(lang("很高兴认识你"), "zh");
        assert_eq!(lang(""), "und");
    }
}

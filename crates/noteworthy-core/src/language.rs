//! A small language guess: scripts first, then the most frequent words of
//! each language (listed in its rule file). Good enough to report and to
//! group an evaluation. Phrase rules never depend on it; the one detector
//! that reads it is the named-detail one, which in a language that
//! capitalises every noun (German) counts only marked names.

use crate::lexicon::fnv;
use crate::matcher::{is_alphabetic, is_alphanumeric, is_cjk};
use crate::normalize::{normalize, prefix};
use crate::rules::STOPWORDS;
use std::sync::OnceLock;

/// For every stopword (folded like a note), a bit per language (index
/// into `STOPWORDS`) it belongs to, so each word of a note costs one
/// lookup: an open-addressing table hashed with the lexicon's FNV-1a, one
/// pass over the word's bytes and one comparison, where a `HashMap` hashed
/// every word twice (bytes, then a terminator) before probing.
struct StopwordIndex {
    /// 1 + index into `entries`, or 0 for an empty slot; a power of two
    /// long, at most half full.
    slots: Vec<u32>,
    entries: Vec<(String, u64)>,
}

impl StopwordIndex {
    fn slot(&self, word: &str) -> (usize, Option<usize>) {
        let mask = self.slots.len() - 1;
        let mut at = fnv(0x811c_9dc5, word.as_bytes()) as usize & mask;
        loop {
            match self.slots[at] {
                0 => return (at, None),
                entry => {
                    let entry = entry as usize - 1;
                    if self.entries[entry].0 == word {
                        return (at, Some(entry));
                    }
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// The languages `word` is a stopword of, a bit each.
    fn get(&self, word: &str) -> u64 {
        self.slot(word).1.map_or(0, |entry| self.entries[entry].1)
    }
}

fn stopword_index() -> &'static StopwordIndex {
    static INDEX: OnceLock<StopwordIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        assert!(STOPWORDS.len() <= 64, "one bit per language");
        let count: usize = STOPWORDS.iter().map(|(_, words)| words.len()).sum();
        let mut index = StopwordIndex {
            slots: vec![0; (count * 2).next_power_of_two()],
            entries: Vec::with_capacity(count),
        };
        for (lang, (_, words)) in STOPWORDS.iter().enumerate() {
            for word in *words {
                let word = normalize(word).text;
                match index.slot(&word) {
                    (_, Some(entry)) => index.entries[entry].1 |= 1 << lang,
                    (at, None) => {
                        index.entries.push((word, 1 << lang));
                        index.slots[at] = index.entries.len() as u32;
                    }
                }
            }
        }
        index
    })
}

/// How many words of a note the guess reads.
const MAX_WORDS: usize = 40;

/// How many bytes of a note the guess reads.
const MAX_BYTES: usize = 400;

/// The words of folded text. The text is already lowercase and folded, so
/// splitting on what is not a letter, digit or apostrophe is enough here,
/// and much cheaper than full word segmentation.
fn words(folded: &str) -> impl Iterator<Item = &str> {
    Splits {
        text: folded,
        at: 0,
    }
    .map(trim_apostrophes)
    .filter(|w| !w.is_empty())
}

/// `word.trim_matches('\'')`, on bytes: an apostrophe is one byte.
fn trim_apostrophes(word: &str) -> &str {
    let bytes = word.as_bytes();
    let start = bytes
        .iter()
        .position(|&b| b != b'\'')
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| b != b'\'')
        .map_or(start, |at| at + 1);
    &word[start..end]
}

/// The ASCII bytes a stopword run holds: letters, digits, apostrophes
/// (bytes past ASCII are `false` here and decoded by the caller).
const KEEP: [bool; 256] = {
    let mut keep = [false; 256];
    let mut b = 0;
    while b < 128 {
        keep[b] = (b as u8).is_ascii_alphanumeric() || b as u8 == b'\'';
        b += 1;
    }
    keep
};

/// The runs of letters, digits and apostrophes of `text` and the (empty)
/// runs between separators, as `text.split(|c| !(c.is_alphanumeric() ||
/// c == '\''))` gives them, but deciding ASCII bytes by a byte test: the
/// `char` predicate decoded and looked up every character (6% of a
/// note's instructions).
struct Splits<'a> {
    text: &'a str,
    /// Where the next run starts; past the end once the last was given.
    at: usize,
}

impl<'a> Iterator for Splits<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        if start > bytes.len() {
            return None;
        }
        let mut i = start;
        while i < bytes.len() {
            // The ASCII letters and digits of a word, in a tight loop.
            while bytes.get(i).is_some_and(|&b| KEEP[usize::from(b)]) {
                i += 1;
            }
            let Some(&b) = bytes.get(i) else {
                break;
            };
            let (keep, len) = if b.is_ascii() {
                (KEEP[usize::from(b)], 1)
            } else {
                let c = self.text[i..].chars().next().expect("on a char boundary");
                (is_alphanumeric(c), c.len_utf8())
            };
            if !keep {
                self.at = i + len;
                return Some(&self.text[start..i]);
            }
            i += len;
        }
        self.at = bytes.len() + 1;
        Some(&self.text[start..])
    }
}

/// The ISO 639-1 code of the note's language, or `und`.
pub(crate) fn detect(folded: &str) -> &'static str {
    // The opening of a note says which language it is in; reading a long
    // note's tail would only cost time.
    let folded = prefix(folded, MAX_BYTES);
    let (mut kana, mut han, mut hangul, mut letters) = (0usize, 0usize, 0usize, 0usize);
    // Kana, Hangul and Han are U+3040 or above, whose UTF-8 starts with
    // 0xE3 or more: without such a byte (the largest byte, a vector loop)
    // there is nothing to count, as letters only matter beside them.
    let scripts = if folded.bytes().max().unwrap_or(0) < 0xE3 {
        ""
    } else {
        folded
    };
    for c in scripts.chars().filter(|&c| is_alphabetic(c)) {
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
        let mut langs = index.get(word);
        while langs != 0 {
            hits[langs.trailing_zeros() as usize] += 1;
            langs &= langs - 1;
        }
    }
    // The most hits wins; ties go to the earlier rule file, deterministically.
    // Only the languages there are: the rest of the array stays zero.
    match hits[..STOPWORDS.len()]
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
    use super::{detect, Splits};
    use crate::normalize::normalize;

    #[test]
    fn splits_as_str_split_does() {
        for text in [
            "",
            "'",
            "a",
            "i'd like to, connect!",
            "  two  spaces ",
            "café naïve ½ 先日の ﬁne ß – end",
            "'quoted' words''here",
            "x\u{200B}y\u{1F44B}z",
        ] {
            let want: Vec<&str> = text
                .split(|c: char| !(c.is_alphanumeric() || c == '\''))
                .collect();
            let got: Vec<&str> = Splits { text, at: 0 }.collect();
            assert_eq!(got, want, "{text:?}");
            for word in want {
                assert_eq!(super::trim_apostrophes(word), word.trim_matches('\''));
            }
        }
    }

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

//! A small language guess: scripts first, then the most frequent words of
//! each language (listed in its rule file). Good enough to report and to
//! group an evaluation. Phrase rules never depend on it; the one detector
//! that reads it is the named-detail one, which in a language that
//! capitalises every noun (German) counts only marked names.

use crate::lexicon;
use crate::matcher::{is_alphabetic, is_alphanumeric};
use crate::normalize::prefix;
use crate::rules::STOPWORD_LANGS;
use crate::scripts::{is_cjk, may_hold_cjk};
use crate::words::Words;

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

/// The language of a note in a script without spaces, judged by its
/// characters alone (`folded` is the judged prefix), or `None`.
fn by_script(folded: &str) -> Option<&'static str> {
    let (mut kana, mut han, mut hangul, mut letters) = (0usize, 0usize, 0usize, 0usize);
    for c in folded.chars().filter(|&c| is_alphabetic(c)) {
        letters += 1;
        match c as u32 {
            0x3040..=0x30FF => kana += 1,
            0xAC00..=0xD7AF => hangul += 1,
            _ if is_cjk(c) => han += 1,
            _ => {}
        }
    }
    let cjk = kana + han + hangul;
    (cjk * 5 >= letters && cjk > 0).then_some(if kana > 0 {
        "ja"
    } else if hangul >= han {
        "ko"
    } else {
        "zh"
    })
}

/// The language of a note written mostly in an alphabet that no rule
/// file's stopwords are written in (`text` is the judged prefix of the
/// note as written), or `None`: Cyrillic (Ukrainian when it holds a
/// letter Russian does not write, і, ї, є or ґ; else Russian), Greek,
/// Hebrew, Arabic (Persian when it holds a letter only Persian writes),
/// Devanagari (Hindi) or Thai. Without it, a
/// Russian note was guessed Indonesian on one stray match. It reads the
/// note as written: folding turns the Cyrillic and Greek letters that look
/// Latin into Latin ones ("с" into "c"), half of a Russian word.
fn by_alphabet(text: &str) -> Option<&'static str> {
    // Lead bytes of U+0340..U+06FF (Greek, Cyrillic, Armenian, Hebrew,
    // Arabic) and of U+0800..U+0FFF (Devanagari, Thai among them): a note
    // without any, as nearly all Latin notes are, is not decoded. A fold
    // without an early exit, which the compiler turns into a vector loop
    // (`any` tests a byte at a time).
    let other = text.bytes().fold(false, |found, b| {
        found | (b.wrapping_sub(0xCD) <= 0xDB - 0xCD) | (b == 0xE0)
    });
    if !other {
        return None;
    }
    let mut letters = 0usize;
    let mut counts = [0usize; 6];
    let (mut ukrainian, mut persian) = (false, false);
    for c in text.chars().filter(|&c| is_alphabetic(c)) {
        letters += 1;
        let script = match c as u32 {
            0x0370..=0x03FF | 0x1F00..=0x1FFF => 0,
            0x0400..=0x04FF => {
                ukrainian |= matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ');
                1
            }
            0x0590..=0x05FF => 2,
            0x0600..=0x06FF => {
                persian |= matches!(c, 'پ' | 'چ' | 'ژ' | 'گ');
                3
            }
            0x0900..=0x097F => 4,
            0x0E00..=0x0E7F => 5,
            _ => continue,
        };
        counts[script] += 1;
    }
    // The alphabet with the most letters (the first of equals), when it
    // holds most of the note's letters: a Latin note quoting a Greek word
    // stays with its stopwords.
    let (script, &most) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i)))?;
    (most * 2 > letters).then_some(match script {
        0 => "el",
        1 if ukrainian => "uk",
        1 => "ru",
        2 => "he",
        3 if persian => "fa",
        3 => "ar",
        4 => "hi",
        _ => "th",
    })
}

/// The language told by the note's letters alone, before its stopwords: a
/// script without spaces ([`by_script`], in the folded `judged` prefix) or
/// an alphabet no rule file's stopwords are written in ([`by_alphabet`],
/// in the note as written). `cjk` is [`may_hold_cjk`] of `judged`, which
/// the caller asks too.
fn by_letters(original: &str, judged: &str, cjk: bool) -> Option<&'static str> {
    if cjk {
        if let Some(lang) = by_script(judged) {
            return Some(lang);
        }
    }
    by_alphabet(prefix(original, MAX_BYTES))
}

/// Stopword hits a language, a bit each in `langs` as the lexicon gives
/// them (one bit per index into `STOPWORD_LANGS`, at most 16).
#[derive(Debug, Default, PartialEq)]
struct Hits([usize; 16]);

impl Hits {
    fn add(&mut self, mut langs: u16) {
        while langs != 0 {
            self.0[langs.trailing_zeros() as usize] += 1;
            langs &= langs - 1;
        }
    }

    /// The most hits wins; ties go to the earlier rule file,
    /// deterministically. Only the languages there are: the rest of the
    /// array stays zero.
    fn winner(&self) -> &'static str {
        match self.0[..STOPWORD_LANGS.len()]
            .iter()
            .enumerate()
            .max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i)))
        {
            Some((lang, &n)) if n > 0 => STOPWORD_LANGS[lang],
            _ => "und",
        }
    }
}

/// The ISO 639-1 code of the note's language, or `und`, from the note
/// (`original`) and its folded text alone: the guess as written down, which
/// a test holds [`detect_in`] (the one notes are judged with) equal to.
#[cfg(test)]
pub(crate) fn detect(original: &str, folded: &str) -> &'static str {
    // The opening of a note says which language it is in; reading a long
    // note's tail would only cost time.
    let judged = prefix(folded, MAX_BYTES);
    by_letters(original, judged, may_hold_cjk(judged))
        .unwrap_or_else(|| hits_in_text(judged).winner())
}

/// The ISO 639-1 code of the note's language, or `und`: from its letters
/// ([`by_letters`]), else from the stopwords among its words
/// ([`crate::words::words`] of the same folded text), whose stopword
/// languages were found with their kinds, so they are not split and looked
/// up a second time.
pub(crate) fn detect_in(original: &str, folded: &str, words: &Words) -> &'static str {
    let judged = prefix(folded, MAX_BYTES);
    // Asked once, for both: a pass over the text.
    let cjk = may_hold_cjk(judged);
    if let Some(lang) = by_letters(original, judged, cjk) {
        return lang;
    }
    // A script without spaces is read in runs by the guess and a character
    // a word by the splitter: there, the text is split again.
    let from_words = if cjk {
        None
    } else {
        hits_in_words(judged, words)
    };
    from_words.unwrap_or_else(|| hits_in_text(judged)).winner()
}

/// The stopword hits of the first [`MAX_WORDS`] words of `judged`.
fn hits_in_text(judged: &str) -> Hits {
    let mut hits = Hits::default();
    for word in words(judged).take(MAX_WORDS) {
        hits.add(lexicon::lookup(word).stop_langs);
    }
    hits
}

/// [`hits_in_text`] of `judged`, the first [`MAX_BYTES`] of the folded
/// text, read from the words split from it, or `None` where they cannot
/// tell.
///
/// The word splitter keeps a word whole across an inner hyphen
/// ("re-bonjour") where the guess splits it, and the guess reads only
/// `judged`: such words are split again here. Words joined by apostrophes
/// alone ("a''b") are one word to the guess and two to the splitter: for
/// those, `None`. (Scripts without spaces, read in runs by the guess and a
/// character a word by the splitter, are the caller's to leave out.) A
/// test holds the two equal.
fn hits_in_words(judged: &str, words: &Words) -> Option<Hits> {
    // Most notes: the first words all within `judged`, no apostrophe
    // outside a word, no hyphen inside one. Then the guess's words are
    // the splitter's, and their stopword languages are read in a loop
    // with nothing else to ask: the loop below takes 28 instructions a
    // word, and this one took 300 off a note's 34,200.
    let first = &words[..words.len().min(MAX_WORDS)];
    let first_end = first.last().map_or(0, |w| w.folded_range().1);
    if !words.apostrophe_between() && first_end <= judged.len() {
        let mut hits = Hits::default();
        let mut hyphenated = false;
        for w in first {
            hits.add(w.stop_langs);
            hyphenated |= w.hyphenated;
        }
        if !hyphenated {
            return Some(hits);
        }
    }
    let bytes = judged.as_bytes();
    let mut hits = Hits::default();
    let mut read = 0;
    let mut after = 0;
    for w in words {
        let (start, end) = w.folded_range();
        if start >= judged.len() || read == MAX_WORDS {
            break;
        }
        if read > 0 && bytes[after..start].iter().all(|&b| b == b'\'') {
            return None;
        }
        after = end;
        if end > judged.len() || w.hyphenated {
            for part in self::words(&judged[start..end.min(judged.len())]) {
                if read == MAX_WORDS {
                    break;
                }
                hits.add(lexicon::lookup(part).stop_langs);
                read += 1;
            }
        } else {
            hits.add(w.stop_langs);
            read += 1;
        }
    }
    Some(hits)
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
        detect(s, &normalize(s).text)
    }

    /// Notes made of pieces that split differently in the two splitters
    /// (inner hyphens, apostrophes, scripts without spaces, a word across
    /// the 400th byte) and of stopwords of several languages.
    #[test]
    fn the_words_give_the_same_guess_as_the_text() {
        let pieces = [
            "the",
            "and",
            "de",
            "la",
            "und",
            "der",
            "que",
            "het",
            "ve",
            "bir",
            "i",
            "w",
            "re-bonjour",
            "avez-vous",
            "l'équipe",
            "a''b",
            "'quoted'",
            "rock 'n' roll",
            "well-known",
            "-",
            "--",
            "'",
            "’s",
            "先日の",
            "pycon的",
            "セミナー",
            "한국",
            "½",
            "ﬁne",
            "Ich",
            "würde",
            "mich",
            "gerne",
            "yang",
            "dan",
            "Müller-Lüdenscheidt",
            "e",
            "o",
            "é",
            "ça",
            "you",
            "your",
            "my",
            "на",
            "и",
            "x\u{200B}y",
            "2024",
            "30%",
            // Long words, so that fewer than 40 words reach the 400th
            // byte and the one across it is read cut ("andersen" as "and").
            "internationalisation",
            "andersen",
            "theatre",
            "dereguliering",
            "undertaking",
            "professionnellement",
            "Verantwortungsbewusstsein",
            "queixadas",
        ];
        let mut seed = 0x2545_f491_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..20_000 {
            let len = 1 + next(90);
            let seps = [" ", " ", " ", ", ", ". ", "'", "-", ""];
            // Every other note without apostrophes or hyphens between
            // words, as most notes are, whose words are read as they are.
            let seps = &seps[..if next(2) == 0 { 5 } else { seps.len() }];
            let mut note = String::new();
            // Every other note of long words only.
            let from = if next(2) == 0 { 0 } else { pieces.len() - 8 };
            for _ in 0..len {
                note.push_str(pieces[from + next(pieces.len() - from)]);
                note.push_str(seps[next(seps.len())]);
            }
            let norm = normalize(&note);
            let words = crate::words::words(&note, &norm);
            let judged = crate::normalize::prefix(&norm.text, super::MAX_BYTES);
            if !super::may_hold_cjk(judged) {
                if let Some(hits) = super::hits_in_words(judged, &words) {
                    assert_eq!(hits, super::hits_in_text(judged), "{note:?}");
                }
            }
            assert_eq!(
                super::detect_in(&note, &norm.text, &words),
                detect(&note, &norm.text),
                "{note:?}"
            );
        }
    }

    #[test]
    fn guesses_common_languages() {
        for (note, code) in [
            ("I would like to connect with you", "en"),
            ("Me gustaría añadirte a mi red profesional", "es"),
            ("Je souhaiterais rejoindre votre réseau", "fr"),
            ("Ich würde mich gerne mit Ihnen vernetzen", "de"),
            ("Saya ingin menambahkan Anda ke jaringan saya", "id"),
            ("先日のセミナーでお会いしました", "ja"),
            ("很高兴认识你", "zh"),
            ("Здравствуйте! Буду рад установить контакт с Вами", "ru"),
            (
                "Привіт, Ірино! Бачив твій виступ на Lviv IT Arena, дякую за нього",
                "uk",
            ),
            ("Γεια σου Νίκο, σε είδα στο DevFest Athens", "el"),
            ("مرحبا، أود إضافتك إلى شبكتي المهنية", "ar"),
            ("नमस्ते, मैं आपसे जुड़ना चाहता हूँ", "hi"),
            ("I loved your talk on the Ελληνικά keyboard layouts", "en"),
            ("", "und"),
        ] {
            assert_eq!(lang(note), code, "{note}");
        }
    }
}

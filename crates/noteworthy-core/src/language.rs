//! A small language guess: scripts first, then the most frequent words of
//! each language (listed in its rule file). Good enough to report and to
//! group an evaluation; no rule depends on it, so a wrong guess never
//! changes a verdict.

use crate::matcher::is_cjk;
use crate::rules::STOPWORDS;
use unicode_segmentation::UnicodeSegmentation;

/// The ISO 639-1 code of the note's language, or `und`.
pub(crate) fn detect(folded: &str) -> &'static str {
    let (mut kana, mut han, mut hangul, mut letters) = (0usize, 0usize, 0usize, 0usize);
    for c in folded.chars().filter(|c| c.is_alphabetic()) {
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
    let mut best = ("und", 0usize);
    for (lang, words) in STOPWORDS {
        let hits = folded.unicode_words().filter(|w| words.contains(w)).count();
        if hits > best.1 {
            best = (lang, hits);
        }
    }
    best.0
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

//! Signs that are shapes rather than phrases: mail-merge placeholders, a
//! greeting to somebody else's name, a note too short to say anything,
//! links, and quoted titles. Each detector belongs to a rule in
//! `rules/any.toml`, which holds its weight, wording and examples.

use crate::matcher::is_cjk;
use crate::normalize::{normalize, Normalized};
use crate::rules::RULES;
use crate::types::Invitation;
use std::sync::OnceLock;
use unicode_segmentation::UnicodeSegmentation;

/// A detector's finding: original byte ranges (empty when the sign is about
/// the whole note), or `None` when it did not fire.
pub(crate) type Finding = Option<Vec<(usize, usize)>>;

/// The shape detectors, each named by one rule in `rules/any.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detector {
    Placeholder,
    WrongName,
    ShownMutual,
    EmojiOnly,
    TooShort,
    Link,
    QuotedTitle,
}

impl Detector {
    /// The detector a rule file names.
    fn from_name(name: &str) -> Option<Detector> {
        Some(match name {
            "placeholder" => Detector::Placeholder,
            "wrong_name" => Detector::WrongName,
            "shown_mutual" => Detector::ShownMutual,
            "emoji_only" => Detector::EmojiOnly,
            "too_short" => Detector::TooShort,
            "link" => Detector::Link,
            "quoted_title" => Detector::QuotedTitle,
            _ => return None,
        })
    }

    /// Runs the detector on the note.
    pub(crate) fn detect(self, original: &str, norm: &Normalized, inv: &Invitation) -> Finding {
        match self {
            Detector::Placeholder => non_empty(placeholders(original)),
            Detector::WrongName => wrong_name(original, inv).map(|span| vec![span]),
            Detector::ShownMutual => non_empty(shown_mutual(original, inv)),
            Detector::EmojiOnly => emoji_only(norm).then(Vec::new),
            Detector::TooShort => (!emoji_only(norm) && too_short(original)).then(Vec::new),
            Detector::Link => non_empty(links(norm)),
            Detector::QuotedTitle => non_empty(quoted_titles(norm)),
        }
    }
}

/// The rules computed in code, with their detectors, resolved once: a rule
/// file naming an unknown detector fails here, at the first note, and in
/// every test.
pub(crate) fn detector_rules() -> &'static [(usize, Detector)] {
    static RESOLVED: OnceLock<Vec<(usize, Detector)>> = OnceLock::new();
    RESOLVED.get_or_init(|| {
        RULES
            .iter()
            .enumerate()
            .filter_map(|(i, rule)| {
                let name = rule.detector?;
                let detector = Detector::from_name(name)
                    .unwrap_or_else(|| panic!("rule {} names unknown detector {name}", rule.id));
                Some((i, detector))
            })
            .collect()
    })
}

fn non_empty(spans: Vec<(usize, usize)>) -> Finding {
    (!spans.is_empty()).then_some(spans)
}

/// Words that name a mail-merge field when they stand in brackets.
const FIELD_WORDS: &[&str] = &[
    "name",
    "first",
    "last",
    "firstname",
    "lastname",
    "company",
    "title",
    "role",
    "position",
    "industry",
    "city",
    "school",
    "nombre",
    "empresa",
    "prenom",
    "nom",
    "entreprise",
    "vorname",
    "nachname",
    "firma",
    "nome",
    "azienda",
    "naam",
    "bedrijf",
    "nama",
    "perusahaan",
    "contact",
];

/// Where the next `{`, `[`, `%` or `<` is.
fn next_opening(bytes: &[u8]) -> Option<usize> {
    let three = memchr::memchr3(b'{', b'[', b'%', bytes);
    memchr::memchr(b'<', &bytes[..three.unwrap_or(bytes.len())]).or(three)
}

/// `{first_name}`, `{{company}}`, `[Name]`, `%FIRSTNAME%`, `<first_name>`:
/// fields a mass-send tool failed to fill.
fn placeholders(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    // Jump from opening character to opening character: most notes have none.
    while let Some(skip) = next_opening(&bytes[i..]) {
        let start = i + skip;
        let open = bytes[start];
        let close = match open {
            b'{' => b'}',
            b'[' => b']',
            b'<' => b'>',
            _ => b'%',
        };
        let mut j = start + 1;
        // Allow doubled braces: {{company}}.
        while open == b'{' && j < bytes.len() && bytes[j] == b'{' {
            j += 1;
        }
        let inner_start = j;
        while j < bytes.len() && bytes[j] != close && j - inner_start <= 40 && bytes[j] != b'\n' {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == close && j > inner_start {
            let mut end = j + 1;
            while close == b'}' && end < bytes.len() && bytes[end] == b'}' {
                end += 1;
            }
            if is_field(&text[inner_start..j], open) {
                spans.push((start, end));
                i = end;
                continue;
            }
        }
        i = start + 1;
    }
    spans
}

fn is_field(inner: &str, open: u8) -> bool {
    if !inner
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | ' ' | '-' | '.'))
    {
        return false;
    }
    let letters = inner.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || inner.split_whitespace().count() > 4 {
        return false;
    }
    let folded = normalize(inner).text;
    let names_field = folded
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| FIELD_WORDS.contains(&w));
    match open {
        // Braces are never prose.
        b'{' => true,
        b'%' => !inner.contains(' ') && (names_field || inner.contains('_') || is_upper(inner)),
        b'<' => names_field || inner.contains('_'),
        // "[Name]", "[Company Name]", "[FIRST_NAME]" but not "[link]" or "[sic]".
        _ => names_field || inner.contains('_') || (is_upper(inner) && letters > 2),
    }
}

fn is_upper(s: &str) -> bool {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
}

/// Greetings that a name follows, folded.
const GREETINGS: &[&str] = &[
    "hi",
    "hello",
    "hey",
    "dear",
    "hola",
    "bonjour",
    "salut",
    "hallo",
    "ciao",
    "ola",
    "oi",
    "hoi",
    "halo",
    "hai",
    "buongiorno",
    "morning",
    "tag",
    "dia",
    "dias",
    "beste",
    "caro",
    "cara",
    "querido",
    "querida",
    "estimado",
    "estimada",
    "cher",
    "chere",
    "liebe",
    "lieber",
    "geehrte",
    "geehrter",
    "salve",
    "gentile",
    "bonsoir",
    "moin",
    "servus",
    "yth",
];

/// Titles that may stand between the greeting and the name.
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "prof", "herr", "frau", "sr", "sra", "srta", "m", "mme",
    "mlle", "signor", "signora", "dott", "pak", "bu", "bapak", "ibu", "meneer", "mevrouw", "dhr",
    "mevr", "don", "dona", "senhor", "senhora",
];

/// Capitalised words after a greeting that address nobody by name
/// ("Hi There", "Hello Team", "Dear Hiring Manager"): no name, no slip.
const NOT_NAMES: &[&str] = &[
    "there",
    "team",
    "all",
    "everyone",
    "everybody",
    "friend",
    "friends",
    "folks",
    "guys",
    "sir",
    "madam",
    "hiring",
    "manager",
    "recruiter",
    "colleague",
    "colleagues",
    "world",
    "community",
    "network",
    "linkedin",
    "connection",
    "connections",
    "professional",
    "todos",
    "todas",
    "tous",
    "alle",
    "zusammen",
    "tutti",
    "iedereen",
    "semua",
    "good",
    "happy",
];

/// Words that may stand between a greeting and the name without being it
/// ("Hi Again Ana", Indonesian "Hai Kak Ana").
const FILLERS: &[&str] = &["again", "kak", "mas", "mbak", "bang", "dik"];

/// A greeting at the start of the note to a first name that is not the
/// recipient's: the template was filled for someone else.
fn wrong_name(text: &str, inv: &Invitation) -> Option<(usize, usize)> {
    let recipient = inv.recipient.name.as_deref()?;
    let own: Vec<String> = normalize(recipient)
        .text
        .unicode_words()
        .map(str::to_string)
        .collect();
    if own.is_empty() {
        return None;
    }
    let words = text.unicode_word_indices().take(6);
    let mut greeted = false;
    for (_, word) in words {
        let folded = normalize(word).text;
        if GREETINGS.contains(&folded.as_str()) {
            greeted = true;
            continue;
        }
        if !greeted {
            continue;
        }
        if HONORIFICS.contains(&folded.as_str()) || FILLERS.contains(&folded.as_str()) {
            continue;
        }
        if NOT_NAMES.contains(&folded.as_str()) {
            return None;
        }
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let nickname = |n: &String| {
            n == &folded
                || (folded.len() >= 3 && n.starts_with(&folded))
                || (n.len() >= 3 && folded.starts_with(n.as_str()))
        };
        if own.iter().any(nickname) {
            return None;
        }
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        return Some((start, start + word.len()));
    }
    None
}

/// The person LinkedIn's mutual-connection line names, when it names one:
/// the line starts with the name in every locale ("Anant Garg is a mutual
/// connection", "Anant Garg ist eine gemeinsame Verbindung"), while counts
/// ("12 mutual connections") name nobody.
fn mutual_name(line: &str) -> Option<(&str, Option<&str>)> {
    let mut words = line.unicode_words();
    let capitalised =
        |w: &&str| w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() >= 2;
    let first = words.next().filter(capitalised)?;
    Some((first, words.next().filter(capitalised)))
}

/// The note names the mutual connection LinkedIn shows for this sender:
/// the sender and the page agree on who you both know.
fn shown_mutual(text: &str, inv: &Invitation) -> Vec<(usize, usize)> {
    let Some((first, last)) = inv
        .sender
        .mutual_connections
        .as_deref()
        .and_then(mutual_name)
    else {
        return Vec::new();
    };
    text.unicode_word_indices()
        .filter(|(_, w)| *w == first || Some(*w) == last)
        .map(|(at, w)| (at, at + w.len()))
        .collect()
}

/// Nothing but emoji, symbols or punctuation.
fn emoji_only(norm: &Normalized) -> bool {
    !norm.text.is_empty() && !norm.text.chars().any(char::is_alphanumeric)
}

/// Fewer than four words (or eight characters of a script written without
/// spaces): too little to say how or why.
fn too_short(text: &str) -> bool {
    let cjk = if text.is_ascii() {
        0
    } else {
        text.chars().filter(|&c| is_cjk(c)).count()
    };
    if cjk > 0 {
        return cjk < 8;
    }
    // Eight or more space-separated tokens are never fewer than four
    // words; only shorter notes need word segmentation.
    if text.split_whitespace().nth(7).is_some() {
        return false;
    }
    text.unicode_words().take(4).count() < 4
}

/// Links: in a first note they point to a pitch, not to the recipient.
fn links(norm: &Normalized) -> Vec<(usize, usize)> {
    let text = &norm.text;
    let mut spans = Vec::new();
    if memchr::memmem::find(text.as_bytes(), b"://").is_none()
        && memchr::memmem::find(text.as_bytes(), b"www.").is_none()
    {
        return spans;
    }
    for marker in ["http://", "https://", "www."] {
        for (at, _) in text.match_indices(marker) {
            if marker == "www." && spans.iter().any(|&(s, e)| s <= at && at < e) {
                continue;
            }
            let end = text[at..].find(' ').map_or(text.len(), |e| at + e);
            spans.push((at, end));
        }
    }
    spans.sort();
    spans.dedup_by(|b, a| b.0 < a.1);
    spans
        .into_iter()
        .map(|(s, e)| norm.original_range(s, e))
        .collect()
}

/// A quoted title of a few words ("Por que o CAC do SaaS explodiu",
/// 「GA4活用」): the sender names a specific piece of the recipient's work.
fn quoted_titles(norm: &Normalized) -> Vec<(usize, usize)> {
    let text = &norm.text;
    let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    quotes
        .chunks_exact(2)
        .filter_map(|pair| {
            let inner = &text[pair[0] + 1..pair[1]];
            let words = inner.unicode_words().count();
            let cjk = inner.chars().filter(|&c| is_cjk(c)).count();
            let specific = (2..=16).contains(&words) || cjk >= 4;
            (specific && inner.len() <= 160).then(|| norm.original_range(pair[0], pair[1] + 1))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        placeholders(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn finds_unfilled_fields() {
        assert_eq!(
            spans("Hi {first_name}, love {{company}}!"),
            ["{first_name}", "{{company}}"]
        );
        assert_eq!(
            spans("Hello [Name], I saw [Company Name]"),
            ["[Name]", "[Company Name]"]
        );
        assert_eq!(spans("Dear %FIRSTNAME%"), ["%FIRSTNAME%"]);
        assert!(spans("see [link] and [sic], 50% off 20%").is_empty());
    }

    #[test]
    fn greeting_to_another_name() {
        let mut inv = Invitation::default();
        inv.recipient.name = Some("Ana Souza".into());
        let text = "Hi Maria, great to meet you";
        let (s, e) = wrong_name(text, &inv).unwrap();
        assert_eq!(&text[s..e], "Maria");
        assert_eq!(wrong_name("Hi Ana, great", &inv), None);
        assert_eq!(wrong_name("Olá Sra. Souza", &inv), None);
        assert_eq!(wrong_name("Hi There, great meeting you", &inv), None);
        assert_eq!(wrong_name("Dear Hiring Manager,", &inv), None);
        assert_eq!(wrong_name("Hai Kak Ana, senang bertemu", &inv), None);
        assert!(wrong_name("Hai Kak Maria, senang bertemu", &inv).is_some());
        inv.recipient.name = Some("Alexander Berg".into());
        assert_eq!(wrong_name("Hey Alex, great", &inv), None);
        inv.recipient.name = None;
        assert_eq!(wrong_name("Hi Maria", &inv), None);
    }

    #[test]
    fn names_from_mutual_lines() {
        assert_eq!(
            mutual_name("Anant Garg is a mutual connection"),
            Some(("Anant", Some("Garg")))
        );
        assert_eq!(
            mutual_name("Anant Garg ist eine gemeinsame Verbindung"),
            Some(("Anant", Some("Garg")))
        );
        assert_eq!(
            mutual_name("Priya and 3 others are mutual connections"),
            Some(("Priya", None))
        );
        assert_eq!(mutual_name("12 mutual connections"), None);
        assert_eq!(mutual_name("mutual connections"), None);
    }

    #[test]
    fn short_and_empty_notes() {
        assert!(too_short("let's connect"));
        assert!(!too_short("I saw your post on pricing"));
        assert!(too_short("こんにちは"));
        assert!(!too_short("先日のセミナーでお会いしました"));
        assert!(emoji_only(&normalize("👋🙂 !")));
        assert!(!emoji_only(&normalize("hi 👋")));
    }
}

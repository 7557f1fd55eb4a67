//! Compiles the rule files under `rules/` into Rust tables, so the library
//! carries its rules in the binary and parses nothing at run time (and the
//! wasm build carries no TOML parser).

use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    /// ISO 639-1 code, or "any" for language-independent rules.
    lang: String,
    /// Frequent words of the language, for language detection.
    #[serde(default)]
    stopwords: Vec<String>,
    /// Whether the language capitalises every noun (German): then a capital
    /// alone does not mark a name.
    #[serde(default)]
    capitalises_nouns: bool,
    /// Closed classes of words the shape detectors read (greetings,
    /// honorifics, pronouns…): language knowledge kept with the language.
    #[serde(default)]
    words: Words,
    #[serde(default, rename = "rule")]
    rules: Vec<Rule>,
}

/// The word lists of one language; `build.rs` merges every language's
/// lists into one sorted table per kind (see `src/lexicon.rs`).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Words {
    #[serde(default)]
    greetings: Vec<String>,
    #[serde(default)]
    honorifics: Vec<String>,
    #[serde(default)]
    not_names: Vec<String>,
    #[serde(default)]
    fillers: Vec<String>,
    #[serde(default)]
    fields: Vec<String>,
    #[serde(default)]
    you: Vec<String>,
    #[serde(default)]
    self_words: Vec<String>,
    #[serde(default)]
    not_details: Vec<String>,
    #[serde(default)]
    sign_offs: Vec<String>,
}

/// The kinds of word list, in the order of `lexicon::Kind`'s bits.
const WORD_KINDS: &[&str] = &[
    "greetings",
    "honorifics",
    "not_names",
    "fillers",
    "fields",
    "you",
    "self_words",
    "not_details",
    "sign_offs",
];

impl Words {
    fn get(&self, kind: &str) -> &[String] {
        match kind {
            "greetings" => &self.greetings,
            "honorifics" => &self.honorifics,
            "not_names" => &self.not_names,
            "fillers" => &self.fillers,
            "fields" => &self.fields,
            "you" => &self.you,
            "self_words" => &self.self_words,
            "not_details" => &self.not_details,
            "sign_offs" => &self.sign_offs,
            _ => unreachable!("unknown word kind {kind}"),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rule {
    id: String,
    description: String,
    weight: i32,
    /// The weight its author wrote, before fitting (`weight` when absent).
    #[serde(default)]
    prior: Option<i32>,
    category: String,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    detector: Option<String>,
    #[serde(default)]
    followed_by: Option<String>,
    #[serde(default)]
    ok: Vec<String>,
    #[serde(default)]
    fail: Vec<String>,
}

const CATEGORIES: &[(&str, &str)] = &[
    ("stock", "Stock"),
    ("template", "Template"),
    ("pitch", "Pitch"),
    ("lion", "Lion"),
    ("mass_send", "MassSend"),
    ("empty", "Empty"),
    ("how_found", "HowFound"),
    ("why", "Why"),
    ("learned", "Learned"),
];

fn main() {
    write_rule_tables();
    write_fold_table();
    write_token_table();
}

/// Must match `tokens::BUCKETS`.
const TOKEN_BUCKETS: usize = 1 << 13;

/// Writes `WEIGHTS`, the token model's table, from `model/tokens.txt`
/// (`bucket weight` a line, weights in sixteenths of a point, written by
/// `noteworthy-fit`). Buckets not listed weigh nothing.
fn write_token_table() {
    let path = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("model/tokens.txt");
    println!("cargo:rerun-if-changed={}", path.display());
    let mut weights = vec![0i8; TOKEN_BUCKETS];
    let text = fs::read_to_string(&path).unwrap_or_default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let parsed = (|| {
            let bucket: usize = parts.next()?.parse().ok()?;
            let weight: i8 = parts.next()?.parse().ok()?;
            (bucket < TOKEN_BUCKETS && parts.next().is_none()).then_some((bucket, weight))
        })();
        let (bucket, weight) = parsed
            .unwrap_or_else(|| panic!("model/tokens.txt:{}: expected `bucket weight`", n + 1));
        weights[bucket] = weight;
    }
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("tokens_table.rs");
    fs::write(
        out,
        format!("static WEIGHTS: [i8; {TOKEN_BUCKETS}] = {weights:?};\n"),
    )
    .unwrap();
}

/// Characters whose compatibility decomposition is not worth a table entry:
/// Hangul syllables (decomposing them would hide the script), CJK
/// compatibility ideographs, Arabic presentation forms and squared CJK
/// words. Rules never spell them, so folding them buys nothing.
fn skip_fold(c: u32) -> bool {
    matches!(c,
        0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F | 0xFB50..=0xFDFF
        | 0xFE70..=0xFEFF | 0x3200..=0x33FF | 0x2F00..=0x2FDF)
}

/// Case folding: Unicode lowercase plus the full foldings that lowercase
/// alone misses in the languages we read (German ß, Greek final sigma).
fn fold_case(c: char, out: &mut String) {
    match c {
        'ß' | 'ẞ' => out.push_str("ss"),
        'ς' => out.push('σ'),
        _ => out.extend(c.to_lowercase()),
    }
}

/// Writes `FOLD_KEYS` (sorted code points), `FOLD_SPANS` (offset and length
/// of each folding in `FOLD_TEXT`) and `FOLD_TEXT`: for every non-ASCII
/// character whose NFKD decomposition, without combining marks and
/// case-folded, differs from its plain lowercase.
fn write_fold_table() {
    use unicode_normalization::char::{decompose_compatible, is_combining_mark};
    let mut keys = Vec::new();
    let mut spans = Vec::new();
    let mut text = String::new();
    for code in 0x80u32..=0x10FFFF {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        if skip_fold(code) {
            continue;
        }
        let mut folded = String::new();
        decompose_compatible(c, |part| {
            if !is_combining_mark(part) {
                fold_case(part, &mut folded);
            }
        });
        // Kept when it differs from plain lowercase: then `normalize` needs
        // only the table and `to_lowercase`, and the special foldings
        // (ß → ss, final ς → σ) live in `fold_case` here alone.
        if folded.chars().eq(c.to_lowercase()) {
            continue;
        }
        let offset = match text.find(folded.as_str()) {
            Some(at) if !folded.is_empty() => at,
            _ => {
                text.push_str(&folded);
                text.len() - folded.len()
            }
        };
        keys.push(code);
        spans.push((offset as u16, folded.len() as u8));
    }
    assert!(text.len() < u16::MAX as usize);
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("fold_table.rs");
    fs::write(
        out,
        format!(
            "pub(crate) static FOLD_KEYS: [u32; {}] = {:?};\npub(crate) static FOLD_SPANS: [(u16, u8); {}] = {:?};\npub(crate) static FOLD_TEXT: &str = {:?};\n",
            keys.len(), keys, spans.len(), spans, text
        ),
    )
    .unwrap();
}

fn write_rule_tables() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .expect("rules/ directory")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();

    let mut rules = String::from("pub(crate) static RULES: &[RuleInfo] = &[\n");
    let mut stop = String::from("pub(crate) static STOPWORDS: &[(&str, &[&str])] = &[\n");
    let mut examples = String::from("pub(crate) static EXAMPLES: &[(&str, bool, &str)] = &[\n");
    let mut detectors = String::from(
        "pub(crate) static DETECTOR_RULES: &[(usize, crate::structural::Detector)] = &[\n",
    );
    let mut words: Vec<BTreeSet<String>> = vec![BTreeSet::new(); WORD_KINDS.len()];
    let mut capitalising = String::from("pub(crate) static CAPITALISES_NOUNS: &[&str] = &[");
    let mut ids = BTreeSet::new();
    for path in &paths {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.display().to_string();
        let text = fs::read_to_string(path).unwrap();
        let file: RuleFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        if !file.stopwords.is_empty() {
            writeln!(stop, "    ({:?}, &{:?}),", file.lang, file.stopwords).unwrap();
        }
        if file.capitalises_nouns {
            write!(capitalising, "{:?}, ", file.lang).unwrap();
        }
        for (kind, set) in WORD_KINDS.iter().zip(words.iter_mut()) {
            for w in file.words.get(kind) {
                assert!(
                    !w.trim().is_empty() && w == &w.to_lowercase(),
                    "{name}: words.{kind}: {w:?} must be a lowercase word"
                );
                set.insert(w.clone());
            }
        }
        for r in &file.rules {
            if let Some(detector) = &r.detector {
                // Written as an enum variant: a misspelt detector name is a
                // compile error naming the variant, not a panic at run time.
                writeln!(
                    detectors,
                    "    ({}, crate::structural::Detector::{}),",
                    ids.len(),
                    camel_case(detector)
                )
                .unwrap();
            }
            assert!(
                ids.insert(r.id.clone()),
                "{name}: rule id {} is used twice",
                r.id
            );
            assert!(r.weight != 0, "{name}: rule {} has weight 0", r.id);
            let prior = r.prior.unwrap_or(r.weight);
            assert!(
                prior.signum() == r.weight.signum(),
                "{name}: rule {}: a fitted weight keeps the sign its author gave it",
                r.id
            );
            assert!(
                !r.description.trim().is_empty(),
                "{name}: rule {} has no description",
                r.id
            );
            assert!(
                r.phrases.is_empty() != r.detector.is_none(),
                "{name}: rule {} needs either phrases or a detector, not both",
                r.id
            );
            assert!(
                !r.ok.is_empty(),
                "{name}: rule {} has no `ok` example",
                r.id
            );
            assert!(
                !r.fail.is_empty(),
                "{name}: rule {} has no `fail` example",
                r.id
            );
            let category = CATEGORIES
                .iter()
                .find(|(k, _)| *k == r.category)
                .unwrap_or_else(|| panic!("{name}: rule {}: unknown category {}", r.id, r.category))
                .1;
            let followed_by_name = match r.followed_by.as_deref() {
                None => false,
                Some("name") => true,
                Some(other) => panic!("{name}: rule {}: unknown followed_by {other}", r.id),
            };
            writeln!(
                rules,
                "    RuleInfo {{ id: {:?}, lang: {:?}, description: {:?}, weight: {}, prior: {}, category: Category::{}, phrase_list: {:?}, detector: {:?}, followed_by_name: {} }},",
                r.id, file.lang, r.description, r.weight, prior, category, r.phrases.join("\n"), r.detector, followed_by_name
            )
            .unwrap();
            for ok in &r.ok {
                writeln!(examples, "    ({:?}, true, {:?}),", r.id, ok).unwrap();
            }
            for fail in &r.fail {
                writeln!(examples, "    ({:?}, false, {:?}),", r.id, fail).unwrap();
            }
        }
    }
    rules.push_str("];\n");
    stop.push_str("];\n");
    examples.push_str("];\n");
    detectors.push_str("];\n");
    capitalising.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("rules_table.rs");
    fs::write(
        out,
        format!("{rules}\n{stop}\n{examples}\n{detectors}\n{capitalising}"),
    )
    .unwrap();

    // One sorted table of every listed word with a bit per kind it belongs
    // to (the kind's index in WORD_KINDS): one lookup answers every kind.
    let mut merged: std::collections::BTreeMap<&str, u16> = Default::default();
    for (bit, set) in words.iter().enumerate() {
        for w in set {
            *merged.entry(w.as_str()).or_default() |= 1 << bit;
        }
    }
    let merged: Vec<(&str, u16)> = merged.into_iter().collect();
    // An open-addressing table over it (FNV-1a, linear probing), so a
    // lookup hashes the word once instead of comparing it ten times.
    let slots_len = (merged.len() * 3).next_power_of_two();
    let mut slots = vec![0u16; slots_len];
    for (i, (w, _)) in merged.iter().enumerate() {
        let mut at = lexicon_hash(w) as usize & (slots_len - 1);
        while slots[at] != 0 {
            at = (at + 1) & (slots_len - 1);
        }
        slots[at] = u16::try_from(i + 1).expect("fewer than 65535 listed words");
    }
    let lexicon = format!(
        "pub(crate) static LEXICON: &[(&str, u16)] = &{merged:?};\n\
         pub(crate) static LEXICON_SLOTS: [u16; {slots_len}] = {slots:?};\n"
    );
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("lexicon_table.rs");
    fs::write(out, lexicon).unwrap();
}

/// Must match `lexicon::hash`.
fn lexicon_hash(word: &str) -> u32 {
    word.bytes().fold(0x811c_9dc5, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// `wrong_name` → `WrongName`.
fn camel_case(snake: &str) -> String {
    snake
        .split('_')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

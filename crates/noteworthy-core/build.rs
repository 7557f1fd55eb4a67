//! Compiles the rule files under `rules/` into Rust tables, so the library
//! carries its rules in the binary and parses nothing at run time (and the
//! wasm build carries no TOML parser).

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
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
    #[serde(default)]
    connectors: Vec<String>,
    #[serde(default)]
    thanks: Vec<String>,
    #[serde(default)]
    thanks_for: Vec<String>,
    #[serde(default)]
    thanks_generic: Vec<String>,
    #[serde(default)]
    channels: Vec<String>,
    #[serde(default)]
    offers: Vec<String>,
    #[serde(default)]
    me: Vec<String>,
    #[serde(default)]
    kin: Vec<String>,
}

/// What one rule file says of a word: the kinds it gives it (a bit per
/// WORD_KINDS entry) and whether it is one of its stopwords.
#[derive(Default, Clone, Copy)]
struct Reading {
    kinds: u32,
    stop: bool,
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
    "connectors",
    "thanks",
    "thanks_for",
    "thanks_generic",
    "channels",
    "offers",
    "me",
    "kin",
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
            "connectors" => &self.connectors,
            "thanks" => &self.thanks,
            "thanks_for" => &self.thanks_for,
            "thanks_generic" => &self.thanks_generic,
            "channels" => &self.channels,
            "offers" => &self.offers,
            "me" => &self.me,
            "kin" => &self.kin,
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
    /// Whether the rule, firing, may mark a note generic enough to decline
    /// (see `policy::action_for`); only template, pitch and stock rules.
    #[serde(default = "yes")]
    marks_generic: bool,
    #[serde(default)]
    ok: Vec<String>,
    #[serde(default)]
    fail: Vec<String>,
}

fn yes() -> bool {
    true
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
    // Read once; the rule table and the matcher number the rules alike.
    let files = read_rule_files();
    write_rule_tables(&files);
    write_fold_table();
    let rules: Vec<&Rule> = files.iter().flat_map(|(_, f)| &f.rules).collect();
    write_matcher_tables(&rules);
    write_token_table();
    write_char_tables();
    write_self_fold_table();
}

/// `SELF_FOLD_*`: a bitmap of the characters of the Basic Multilingual
/// Plane past ASCII that `normalize` keeps as they are (a letter of a
/// script without case, a lowercase letter nothing folds), found by
/// folding each with the run-time `normalize`. Such a character is copied
/// at once, where the fold table and the lowercase table were searched.
fn write_self_fold_table() {
    let mut blocks: Vec<u64> = Vec::new();
    let mut index: Vec<u8> = Vec::with_capacity(1024);
    let mut one = String::new();
    for block in 0..1024u32 {
        let mut bits = 0u64;
        for i in 0..64 {
            let Some(c) = char::from_u32(block * 64 + i).filter(|c| !c.is_ascii()) else {
                continue;
            };
            one.clear();
            one.push(c);
            if normalize::normalize(&one).text == one {
                bits |= 1 << i;
            }
        }
        let at = blocks.iter().position(|&b| b == bits).unwrap_or_else(|| {
            blocks.push(bits);
            blocks.len() - 1
        });
        index.push(u8::try_from(at).expect("at most 256 distinct blocks"));
    }
    let code = format!(
        "// Generated by build.rs (`write_self_fold_table`).\n\
         static SELF_FOLD_INDEX: [u8; 1024] = {index:?};\n\
         static SELF_FOLD_BLOCKS: [u64; {}] = {blocks:?};\n",
        blocks.len()
    );
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("self_fold_table.rs");
    fs::write(out, code).unwrap();
}

/// `char::is_alphabetic` and `char::is_alphanumeric` for the Basic
/// Multilingual Plane as bitmaps of 64 characters a block, each distinct
/// block once, from the same standard library the crate is built with.
/// The library's own lookup searches a table for every character outside
/// ASCII: for a note in Arabic or Cyrillic that search, run by several
/// passes over the note, was half of the note's instructions.
fn write_char_tables() {
    let mut code = String::from("// Generated by build.rs (`write_char_tables`).\n");
    for (name, test) in [
        ("ALPHABETIC", char::is_alphabetic as fn(char) -> bool),
        ("ALPHANUMERIC", char::is_alphanumeric),
    ] {
        let mut blocks: Vec<u64> = Vec::new();
        let mut index: Vec<u8> = Vec::with_capacity(1024);
        for block in 0..1024u32 {
            let mut bits = 0u64;
            for i in 0..64 {
                if char::from_u32(block * 64 + i).is_some_and(test) {
                    bits |= 1 << i;
                }
            }
            let at = blocks.iter().position(|&b| b == bits).unwrap_or_else(|| {
                blocks.push(bits);
                blocks.len() - 1
            });
            index.push(u8::try_from(at).expect("at most 256 distinct blocks"));
        }
        writeln!(code, "static {name}_INDEX: [u8; 1024] = {index:?};").unwrap();
        writeln!(
            code,
            "static {name}_BLOCKS: [u64; {}] = {blocks:?};",
            blocks.len()
        )
        .unwrap();
    }
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("char_table.rs");
    fs::write(out, code).unwrap();
}

/// Every rule file, sorted by name: rules are numbered in this order.
fn read_rule_files() -> Vec<(String, RuleFile)> {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .expect("rules/ directory")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            println!("cargo:rerun-if-changed={}", path.display());
            let name = path.display().to_string();
            let text = fs::read_to_string(path).unwrap();
            let file: RuleFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, file)
        })
        .collect()
}

/// Must match `tokens::BUCKETS`.
const TOKEN_BUCKETS: usize = 1 << 13;

/// Writes `WEIGHTS`, the token model's table, from `model/tokens.txt`
/// (`bucket weight` a line, weights in sixteenths of a point, written by
/// `noteworthy-fit`), and `WEIGHTED`, which of them weigh something.
/// Buckets not listed weigh nothing.
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
    // A bit per bucket that weighs something: most weigh nothing, and
    // this eighth of the table's size answers them from a few cache lines.
    let mut weighted = vec![0u64; TOKEN_BUCKETS / 64];
    for (bucket, _) in weights.iter().enumerate().filter(|(_, &w)| w != 0) {
        weighted[bucket / 64] |= 1 << (bucket % 64);
    }
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("tokens_table.rs");
    fs::write(
        out,
        format!(
            "static WEIGHTS: [i8; {TOKEN_BUCKETS}] = {weights:?};\n\
             static WEIGHTED: [u64; {}] = {weighted:?};\n",
            TOKEN_BUCKETS / 64
        ),
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

fn write_rule_tables(files: &[(String, RuleFile)]) {
    let mut rules = String::from("pub(crate) static RULES: &[RuleInfo] = &[\n");
    // The languages with stopwords, in the order of their bits in the
    // lexicon (the words themselves are only in the lexicon).
    let mut stop = String::from("pub(crate) static STOPWORD_LANGS: &[&str] = &[\n");
    let mut examples = String::from("pub(crate) static EXAMPLES: &[(&str, bool, &str)] = &[\n");
    // Apart from RULES: the matcher reads its own tables, so only tests and
    // tools read the phrases as written, and the browser build leaves them out.
    let mut phrase_lists = String::from("pub(crate) static PHRASE_LISTS: &[&str] = &[\n");
    let mut detectors = String::from(
        "pub(crate) const DETECTOR_RULES: &[(usize, crate::structural::Detector)] = &[\n",
    );
    // Every listed word, folded: which rule files list it, and as what.
    let mut known: BTreeMap<String, BTreeMap<usize, Reading>> = BTreeMap::new();
    let mut capitalising = String::from("pub(crate) static CAPITALISES_NOUNS: &[&str] = &[");
    let mut quiet = String::from("pub(crate) static QUIET_RULES: &[&str] = &[");
    let mut ids = BTreeSet::new();
    let mut families: Vec<(String, String, String)> = Vec::new();
    for (index, (name, file)) in files.iter().enumerate() {
        if !file.stopwords.is_empty() {
            writeln!(stop, "    {:?},", file.lang).unwrap();
        }
        for w in &file.stopwords {
            let reading = known.entry(normalize::normalize(w).text).or_default();
            reading.entry(index).or_default().stop = true;
        }
        if file.capitalises_nouns {
            write!(capitalising, "{:?}, ", file.lang).unwrap();
        }
        for (bit, kind) in WORD_KINDS.iter().enumerate() {
            for w in file.words.get(kind) {
                assert!(
                    !w.trim().is_empty() && w == &w.to_lowercase(),
                    "{name}: words.{kind}: {w:?} must be a lowercase word"
                );
                let reading = known.entry(w.clone()).or_default();
                reading.entry(index).or_default().kinds |= 1 << bit;
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
            // Only these categories mark a note for declining (the
            // policy's `against`); elsewhere the attribute would be a
            // no-op its author believed in.
            assert!(
                r.marks_generic || matches!(category, "Stock" | "Template" | "Pitch"),
                "{name}: rule {}: marks_generic = false only means something on a stock, template or pitch rule",
                r.id
            );
            let family = family_of(name, &file.lang, &r.id);
            let followed_by_name = match r.followed_by.as_deref() {
                None => false,
                Some("name") => true,
                Some(other) => panic!("{name}: rule {}: unknown followed_by {other}", r.id),
            };
            writeln!(
                rules,
                "    RuleInfo {{ id: {:?}, family_at: {}, lang: {:?}, description: {:?}, weight: {}, prior: {}, category: Category::{}, detector: {:?}, followed_by_name: {}, marks_generic: {} }},",
                r.id, r.id.len() - family.len(), file.lang, r.description, r.weight, prior, category, r.detector, followed_by_name, r.marks_generic
            )
            .unwrap();
            if !r.marks_generic {
                write!(quiet, "{:?}, ", r.id).unwrap();
            }
            families.push((family.to_string(), file.lang.clone(), r.id.clone()));
            writeln!(phrase_lists, "    {:?},", r.phrases.join("\n")).unwrap();
            for ok in &r.ok {
                writeln!(examples, "    ({:?}, true, {:?}),", r.id, ok).unwrap();
            }
            for fail in &r.fail {
                writeln!(examples, "    ({:?}, false, {:?}),", r.id, fail).unwrap();
            }
        }
    }
    rules.push_str("];\n");
    let by_id = check_families(&families);
    stop.push_str("];\n");
    examples.push_str("];\n");
    detectors.push_str("];\n");
    capitalising.push_str("];\n");
    quiet.push_str("];\n");
    phrase_lists.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("rules_table.rs");
    fs::write(
        out,
        format!(
            "{rules}\n{by_id}\n{stop}\n{examples}\n{detectors}\n{capitalising}\n{quiet}\n{phrase_lists}"
        ),
    )
    .unwrap();

    // One sorted table of every listed word with a bit per kind it belongs
    // to in any language (the kind's index in WORD_KINDS) and a bit per
    // language it is a stopword of (the language's index in
    // STOPWORD_LANGS), folded as notes are: one lookup a word answers every
    // kind and the language guess. A word two languages read differently
    // also points to each language's reading, in one flat table: a note
    // judged in one of those languages reads the word as that language
    // does (words::settle), so the Dutch "je" (you) is not the French "je"
    // (I), nor the Spanish "mes" (month) the French "mes" (my).
    let mut stop_bits = Vec::with_capacity(files.len());
    let mut next_bit = 0u16;
    for (_, file) in files {
        stop_bits.push(next_bit);
        next_bit += u16::from(!file.stopwords.is_empty());
    }
    assert!(next_bit <= 16, "one bit a language in u16");
    let mut by_lang: Vec<(u8, u32)> = Vec::new();
    let merged: Vec<(String, u32, u16, u16, u8)> = known
        .into_iter()
        .map(|(w, of)| {
            let kinds = of.values().fold(0, |k, r| k | r.kinds);
            let langs = of
                .iter()
                .filter(|(_, r)| r.stop)
                .fold(0u16, |l, (&index, _)| l | 1 << stop_bits[index]);
            let first = u16::try_from(by_lang.len()).expect("a small table");
            // Only a word some language reads as less than every kind
            // needs its languages: for the rest, the note's language
            // changes nothing.
            if of.len() < 2 || of.values().all(|r| r.kinds == kinds) {
                return (w, kinds, langs, first, 0);
            }
            for (&index, r) in &of {
                by_lang.push((u8::try_from(index).expect("under 256 rule files"), r.kinds));
            }
            let count = u8::try_from(of.len()).expect("a word in few files");
            (w, kinds, langs, first, count)
        })
        .collect();
    let class_langs: Vec<&str> = files.iter().map(|(_, f)| f.lang.as_str()).collect();
    let any = class_langs
        .iter()
        .position(|&l| l == "any")
        .expect("rules/any.toml");
    // An open-addressing table over it (FNV-1a, linear probing), so a
    // lookup hashes the word once instead of comparing it ten times.
    let slots_len = (merged.len() * 3).next_power_of_two();
    let mut slots = vec![0u16; slots_len];
    for (i, (w, ..)) in merged.iter().enumerate() {
        let mut at = lexicon_hash(w) as usize & (slots_len - 1);
        while slots[at] != 0 {
            at = (at + 1) & (slots_len - 1);
        }
        slots[at] = u16::try_from(i + 1).expect("fewer than 65535 listed words");
    }
    // Each word's `lexicon::Entry` written out whole, so that the lookup
    // that finds a word copies it in one load of eight bytes, where its
    // kinds, its languages and whether two languages read it differently
    // took three loads and a choice.
    let mut entries = String::new();
    for (i, (w, kinds, langs, first, count)) in merged.iter().enumerate() {
        let id = if *count > 0 { i + 1 } else { 0 };
        write!(
            entries,
            "({w:?}, Entry {{ kinds: Kinds({kinds}), stop_langs: {langs}, id: {id} }}, {first}, {count}), "
        )
        .unwrap();
    }
    let lexicon = format!(
        "pub(crate) static LEXICON: &[(&str, Entry, u16, u8)] = &[{entries}];\n\
         pub(crate) static LEXICON_SLOTS: [u16; {slots_len}] = {slots:?};\n\
         pub(crate) static LEXICON_BY_LANG: &[(u8, u32)] = &{by_lang:?};\n\
         pub(crate) static LEXICON_LANGS: &[&str] = &{class_langs:?};\n\
         pub(crate) const LEXICON_ANY: u8 = {any};\n"
    );
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("lexicon_table.rs");
    fs::write(out, lexicon).unwrap();
}

/// A rule's family: what the rule means whatever the language of its
/// phrases, and what the extension's messages are keyed by. A language's
/// rule is its id without the language prefix (`EN_STOCK_INVITE` and
/// `FR_STOCK_INVITE` are `STOCK_INVITE`); a rule of `any.toml` is its own.
fn family_of<'a>(name: &str, lang: &str, id: &'a str) -> &'a str {
    if lang == "any" {
        return id;
    }
    let prefix = format!("{}_", lang.to_ascii_uppercase());
    id.strip_prefix(&prefix)
        .filter(|f| !f.is_empty())
        .unwrap_or_else(|| panic!("{name}: rule {id} must start with {prefix}"))
}

/// Checks the families (`(family, lang, id)` in rule order) and writes
/// `RULES_BY_ID`, the rules' indices sorted by id, for
/// `rules::rule_family`, and `FAMILIES`, every family once, sorted. A family has at most one rule per language, only
/// `[A-Z0-9_]` (the extension's message names allow no more), and a
/// language-independent rule is not also a language's family.
fn check_families(families: &[(String, String, String)]) -> String {
    let mut seen = BTreeSet::new();
    for (family, lang, id) in families {
        assert!(
            family
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'),
            "rule {id}: family {family} must be A-Z, 0-9 and _ only"
        );
        assert!(
            seen.insert((family, lang)),
            "rule {id}: a second rule of family {family} in language {lang}"
        );
        if lang == "any" {
            assert!(
                !families.iter().any(|(f, l, _)| f == family && l != "any"),
                "rule {id} of any.toml has the name of a language's family"
            );
        }
    }
    let mut order: Vec<usize> = (0..families.len()).collect();
    order.sort_by(|&a, &b| families[a].2.cmp(&families[b].2));
    let names: Vec<&str> = families
        .iter()
        .map(|(f, _, _)| f.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    format!(
        "pub(crate) static RULES_BY_ID: [u16; {}] = {order:?};\npub(crate) static FAMILIES: &[&str] = &{names:?};\n",
        order.len()
    )
}

/// `lexicon::word_hash`: the same function ([`fnv`]), so the table is read
/// as it was laid out.
fn lexicon_hash(word: &str) -> u32 {
    fnv::hash(fnv::WORD_SEED, word.as_bytes())
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

// --- The matcher's tables --------------------------------------------------
//
// The phrase matcher's tables are laid out here, once, rather than built
// in every fresh service worker: `write_matcher_tables` folds every phrase
// with the very `normalize` that folds notes at run time (src/normalize.rs,
// included below), groups the phrases by their first part and writes a
// radix tree over those parts as flat arrays to `OUT_DIR/matcher_table.rs`.
// At run time `src/matcher.rs` reads the arrays where they lie. The rule
// files are read here on their own, with a struct that names only what the
// matcher needs; a test in src/matcher.rs checks the tables against the
// rule table the library carries.

/// The scripts written without spaces, as the run-time matcher knows them.
#[allow(dead_code)]
#[path = "src/scripts.rs"]
mod scripts;

/// The hash of the word table, shared with the run time.
#[allow(dead_code)]
#[path = "src/fnv.rs"]
mod fnv;

/// The byte tests `normalize` steps over runs of bytes with.
#[allow(dead_code)]
#[path = "src/swar.rs"]
mod swar;

/// The run-time folding, compiled into the build script: the rule phrases
/// and the notes are folded by the same code.
#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;

/// What `normalize` needs of `src/fold_table.rs`, computed directly: the
/// generated table holds exactly these foldings (see `write_fold_table`).
mod fold_table {
    /// Unknown while the table is being made: the full folding decides.
    pub(crate) fn folds_to_itself(_: char) -> bool {
        false
    }

    pub(crate) fn fold(c: char) -> Option<String> {
        use unicode_normalization::char::{decompose_compatible, is_combining_mark};
        if (c as u32) < 0x80 || super::skip_fold(c as u32) {
            return None;
        }
        let mut folded = String::new();
        decompose_compatible(c, |part| {
            if !is_combining_mark(part) {
                super::fold_case(part, &mut folded);
            }
        });
        (!folded.chars().eq(c.to_lowercase())).then_some(folded)
    }
}

/// One phrase, folded: the automaton's pattern is `parts[0]`.
struct MatcherPhrase {
    rule: usize,
    parts: Vec<String>,
    left_bound: bool,
    right_bound: bool,
    followed_by_name: bool,
}

/// Phrases folded and grouped by their first part, groups in order of
/// first appearance: group `g` is the automaton's pattern `g`.
fn matcher_groups(rules: &[&Rule]) -> Vec<Vec<MatcherPhrase>> {
    let mut groups: Vec<Vec<MatcherPhrase>> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    for (rule, info) in rules.iter().enumerate() {
        for raw in info.phrases.iter().filter(|p| !p.is_empty()) {
            let parts: Vec<String> = raw
                .trim_matches('*')
                .split(" ~ ")
                .map(|p| normalize::normalize(p).text)
                .filter(|p| !p.is_empty())
                .collect();
            assert!(!parts.is_empty(), "rule {} has an empty phrase", info.id);
            let at = *index.entry(parts[0].clone()).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[at].push(MatcherPhrase {
                rule,
                parts,
                left_bound: !raw.starts_with('*'),
                right_bound: !raw.ends_with('*'),
                followed_by_name: info.followed_by.as_deref() == Some("name"),
            });
        }
    }
    groups
}

/// Whether a phrase can only start where a word starts: it needs the left
/// boundary and its first character is a letter or digit of a script that
/// separates words with spaces. Mirrors `is_word_char` in src/matcher.rs.
fn starts_at_word(p: &MatcherPhrase) -> bool {
    let first = p.parts[0].chars().next().unwrap();
    p.left_bound
        && first.is_alphanumeric()
        && !scripts::is_cjk(first)
        && !scripts::is_unspaced_alphabet(first)
}

/// A byte trie under construction: children by byte, and the group that
/// ends here.
#[derive(Default)]
struct TrieNode {
    children: std::collections::BTreeMap<u8, TrieNode>,
    group: Option<usize>,
}

impl TrieNode {
    fn insert(&mut self, pattern: &[u8], group: usize) {
        let mut node = self;
        for &b in pattern {
            node = node.children.entry(b).or_default();
        }
        node.group = Some(group);
    }

    /// Follows a chain of single children without a group from the edge
    /// `first`: the whole label of a radix-tree edge and the node it ends at.
    fn edge(&self, first: u8) -> (Vec<u8>, &TrieNode) {
        let mut label = vec![first];
        let mut node = &self.children[&first];
        while node.group.is_none() && node.children.len() == 1 {
            let (&b, next) = node.children.iter().next().unwrap();
            label.push(b);
            node = next;
        }
        (label, node)
    }
}

/// The radix tree's arrays as `write_matcher_tables` fills them, node by
/// node in breadth-first order.
#[derive(Default)]
struct TreeLayout {
    first_byte: Vec<u8>,
    tails: Vec<u8>,
    tail_len: Vec<u8>,
    child_count: Vec<u8>,
    phrase_count: Vec<u8>,
    /// `PHRASES` entries, one a line.
    phrases: String,
    rest: Vec<String>,
}

impl TreeLayout {
    /// Adds a node whose edge label is `label` and where the first part of
    /// `phrases` ends.
    fn push(&mut self, label: &[u8], phrases: &[MatcherPhrase]) {
        self.first_byte.push(label[0]);
        self.tails.extend_from_slice(&label[1..]);
        self.tail_len
            .push(u8::try_from(label.len() - 1).expect("first parts under 256 bytes"));
        self.phrase_count
            .push(u8::try_from(phrases.len()).expect("at most 255 phrases a first part"));
        for p in phrases {
            let flags = u8::from(p.left_bound)
                | u8::from(p.right_bound) << 1
                | u8::from(p.followed_by_name) << 2;
            writeln!(
                self.phrases,
                "    Phrase {{ rule: {}, rest_at: {}, rest_len: {}, flags: {flags} }},",
                p.rule,
                self.rest.len(),
                p.parts.len() - 1
            )
            .unwrap();
            self.rest.extend(p.parts[1..].iter().cloned());
        }
    }
}

/// Writes `matcher_table.rs` (and `matcher_tails.bin`, which it includes):
/// a radix tree over the phrases' distinct first parts, laid out as flat
/// arrays in breadth-first order, and the phrase table `PHRASES`, `REST`
/// (see src/matcher.rs for how they are read). Two trees share the arrays: one for the groups every phrase of
/// which starts at a word start (`WORD_ROOT`), one for the rest
/// (`ANY_ROOT`), walked from every character.
fn write_matcher_tables(rules: &[&Rule]) {
    let src = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("src");
    println!(
        "cargo:rerun-if-changed={}",
        src.join("normalize.rs").display()
    );
    let groups = matcher_groups(rules);

    let mut word_trie = TrieNode::default();
    let mut any_trie = TrieNode::default();
    for (g, group) in groups.iter().enumerate() {
        let trie = if group.iter().all(starts_at_word) {
            &mut word_trie
        } else {
            &mut any_trie
        };
        trie.insert(group[0].parts[0].as_bytes(), g);
    }

    // Breadth-first over both trees at once, so that the children of every
    // node are consecutive and in node order, and so are the nodes' label
    // tails and phrases. Each node stores counts (its tail's length, its
    // children, its phrases) rather than offsets: small numbers that cost
    // the .wasm a fraction of what offsets do; src/matcher.rs adds them up
    // once, in microseconds.
    let mut layout = TreeLayout::default();
    let mut roots = [[0u16; 256]; 2];
    let mut queue: std::collections::VecDeque<&TrieNode> = Default::default();
    for (root, trie) in roots.iter_mut().zip([&word_trie, &any_trie]) {
        for &b in trie.children.keys() {
            let (label, node) = trie.edge(b);
            root[usize::from(b)] = u16::try_from(layout.first_byte.len() + 1)
                .expect("the root tables' u16 entries are too small for the rule set");
            layout.push(&label, node.group.map_or(&[], |g| &groups[g]));
            queue.push_back(node);
        }
    }
    while let Some(node) = queue.pop_front() {
        layout
            .child_count
            .push(u8::try_from(node.children.len()).expect("at most 255 children"));
        for &b in node.children.keys() {
            let (label, child) = node.edge(b);
            layout.push(&label, child.group.map_or(&[], |g| &groups[g]));
            queue.push_back(child);
        }
    }
    assert_eq!(layout.child_count.len(), layout.first_byte.len());
    assert_eq!(
        layout
            .phrase_count
            .iter()
            .map(|&c| usize::from(c))
            .sum::<usize>(),
        groups.iter().map(Vec::len).sum::<usize>()
    );
    assert!(
        layout.rest.len() < usize::from(u16::MAX) && rules.len() < usize::from(u16::MAX),
        "Phrase's u16 fields are too small for the rule set"
    );

    let out = Path::new(&env::var("OUT_DIR").unwrap()).to_path_buf();
    fs::write(out.join("matcher_tails.bin"), &layout.tails).unwrap();
    let TreeLayout {
        first_byte,
        tails,
        tail_len,
        child_count,
        phrase_count,
        phrases,
        rest,
    } = layout;
    let n = first_byte.len();
    let mut code = String::new();
    writeln!(
        code,
        "static PHRASES: [Phrase; {}] = [\n{phrases}];",
        phrases.lines().count()
    )
    .unwrap();
    writeln!(code, "static REST: [&str; {}] = {:?};", rest.len(), rest).unwrap();
    writeln!(code, "static WORD_ROOT: [u16; 256] = {:?};", roots[0]).unwrap();
    writeln!(code, "static ANY_ROOT: [u16; 256] = {:?};", roots[1]).unwrap();
    writeln!(code, "static FIRST_BYTE: [u8; {n}] = {first_byte:?};").unwrap();
    writeln!(code, "static TAILS: &[u8; {}] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/matcher_tails.bin\"));", tails.len()).unwrap();
    writeln!(code, "static TAIL_LEN: [u8; {n}] = {tail_len:?};").unwrap();
    writeln!(code, "static CHILD_COUNT: [u8; {n}] = {child_count:?};").unwrap();
    writeln!(code, "static PHRASE_COUNT: [u8; {n}] = {phrase_count:?};").unwrap();
    fs::write(out.join("matcher_table.rs"), code).unwrap();
}

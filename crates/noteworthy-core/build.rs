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
    #[serde(default, rename = "rule")]
    rules: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rule {
    id: String,
    description: String,
    weight: i32,
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
];

fn main() {
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
    let mut ids = BTreeSet::new();
    for path in &paths {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.display().to_string();
        let text = fs::read_to_string(path).unwrap();
        let file: RuleFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        if !file.stopwords.is_empty() {
            writeln!(stop, "    ({:?}, &{:?}),", file.lang, file.stopwords).unwrap();
        }
        for r in &file.rules {
            assert!(
                ids.insert(r.id.clone()),
                "{name}: rule id {} is used twice",
                r.id
            );
            assert!(r.weight != 0, "{name}: rule {} has weight 0", r.id);
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
                "    RuleInfo {{ id: {:?}, lang: {:?}, description: {:?}, weight: {}, category: Category::{}, phrases: &{:?}, detector: {:?}, followed_by_name: {} }},",
                r.id, file.lang, r.description, r.weight, category, r.phrases, r.detector, followed_by_name
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
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("rules_table.rs");
    fs::write(out, format!("{rules}\n{stop}\n{examples}")).unwrap();
}

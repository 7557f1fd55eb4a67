//! # noteworthy-wasm
//!
//! The browser extension's door into [`noteworthy_core`]. This crate holds
//! no classification logic (that lives in the core, where it is tested): it
//! only turns JavaScript values (or, from the extension's messages, JSON
//! text: [`wire`]) into [`Invitation`]s and [`Verdict`]s back into plain
//! JavaScript objects, once per call.
//!
//! Results are serialised with [`serde_wasm_bindgen::Serializer::json_compatible`]
//! so that JavaScript receives ordinary objects and arrays (not `Map`s) and
//! can pass them through `chrome.runtime.sendMessage` unchanged.
//!
//! ## Two shapes of verdict
//!
//! - `classify` / `classify_batch` (invitations as objects) and `explain`
//!   (one invitation as the explain message's JSON text): the full
//!   [`Verdict`], evidence and spans included, for the panel that explains
//!   one card.
//! - `classify_compact` (a page's invitations as the classify message's
//!   JSON text): what a page of badges needs, as one `Int32Array` of
//!   [`COMPACT_STRIDE`] numbers per invitation, in order:
//!
//!   | offset | field | values |
//!   |---|---|---|
//!   | 0 | label | index into `compact_layout().labels`: 0 blank, 1 generic, 2 personalized |
//!   | 1 | action | index into `compact_layout().actions`: 0 accept, 1 review, 2 ask, 3 ignore |
//!   | 2 | score | the verdict's `score` |
//!   | 3 | threshold | the verdict's `threshold` |
//!   | 4 | rules fired | `evidence.length` of the full verdict |
//!   | 5 | truncated | 1 when only the note's first `MAX_NOTE_BYTES` were judged, else 0 |
//!   | 6 | against | index into `compact_layout().categories` of the strongest sign against the note (`Verdict::strongest_against`), or -1 |
//!
//!   Card `i`'s label is `layout.labels[out[i * layout.stride]]`. Building
//!   the evidence objects and strings is most of what a full verdict costs
//!   in JavaScript; the compact one is numbers only, so a page pays for
//!   the judgement, not the conversion. Ask `explain` for the full verdict
//!   of a card when its panel opens: the result is the same judgement.
#![deny(missing_docs)]

use noteworthy_core::{Action, Category, Invitation, Label, Strictness, Verdict};
use serde::Serialize;
use wasm_bindgen::prelude::*;

pub mod wire;

/// The allocator in the browser. Rust's default on wasm, dlmalloc, is
/// slower, and a verdict allocates its words, spans and evidence.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Why a call from JavaScript could not be answered. Kept as a plain Rust
/// type so the conversion rules can be tested on the native target, where
/// `JsValue` and `JsError` cannot be created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BindingError {
    /// The strictness name was not lenient, balanced or strict.
    Strictness(String),
    /// The invitation value did not have the expected shape.
    Invitation(String),
    /// The verdict could not be turned into a JavaScript value.
    Output(String),
    /// A batch held more than [`MAX_BATCH`] invitations.
    BatchTooLarge(usize),
}

/// The most invitations one call judges. `classify_batch` refuses a larger
/// batch with an error rather than cut it short, so no card is left
/// without a verdict unnoticed: the caller splits it. `classify_compact`
/// judges the first `MAX_BATCH` of a page's text (its one caller, the
/// extension's background, is sent 250 at a time), as a longer text is
/// read no further than its caps allow ([`wire`]).
pub const MAX_BATCH: usize = 1000;

/// Refuses a batch of `len` invitations over [`MAX_BATCH`].
pub fn check_batch_len(len: usize) -> Result<(), BindingError> {
    if len > MAX_BATCH {
        return Err(BindingError::BatchTooLarge(len));
    }
    Ok(())
}

impl std::fmt::Display for BindingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BindingError::Strictness(m) => write!(f, "{m}"),
            BindingError::Invitation(m) => write!(f, "invalid invitation: {m}"),
            BindingError::Output(m) => write!(f, "cannot convert verdict: {m}"),
            BindingError::BatchTooLarge(n) => write!(
                f,
                "batch of {n} invitations is over the limit of {MAX_BATCH}; send it in parts"
            ),
        }
    }
}

impl std::error::Error for BindingError {}

/// Parses the strictness name JavaScript sends (`"lenient"`, `"balanced"`,
/// `"strict"`, any case).
pub fn parse_strictness(name: &str) -> Result<Strictness, BindingError> {
    name.parse::<Strictness>()
        .map_err(|e| BindingError::Strictness(e.to_string()))
}

/// Classifies one invitation. Exposed to JavaScript as `classify`.
///
/// `invitation` is an object `{note, sender: {name, headline,
/// mutual_connections}, recipient: {name, headline}}`; every field may be
/// missing. Returns the verdict as a plain object.
#[wasm_bindgen]
pub fn classify(invitation: JsValue, strictness: &str) -> Result<JsValue, JsError> {
    let strictness = parse_strictness(strictness).map_err(to_js_error)?;
    let invitation: Invitation = serde_wasm_bindgen::from_value(invitation)
        .map_err(|e| to_js_error(BindingError::Invitation(e.to_string())))?;
    to_js(&noteworthy_core::classify(&invitation, strictness))
}

/// Classifies many invitations in one call, in order. Exposed to JavaScript
/// as `classify_batch`: one crossing of the boundary for a whole page.
/// More than [`MAX_BATCH`] invitations is an error, not a shorter answer.
#[wasm_bindgen]
pub fn classify_batch(invitations: JsValue, strictness: &str) -> Result<JsValue, JsError> {
    let strictness = parse_strictness(strictness).map_err(to_js_error)?;
    let invitations: Vec<Invitation> = serde_wasm_bindgen::from_value(invitations)
        .map_err(|e| to_js_error(BindingError::Invitation(e.to_string())))?;
    check_batch_len(invitations.len()).map_err(to_js_error)?;
    let verdicts: Vec<Verdict> = noteworthy_core::classify_batch(&invitations, strictness);
    to_js(&verdicts)
}

/// Coaches the sender of a draft note: how the invitee (their display
/// name, or `undefined`) would read it at the balanced strictness, and
/// which kinds of evidence the verdict has. Exposed to JavaScript as
/// `coach`; returns [`noteworthy_core::Coaching`] as a plain object
/// `{label, score, threshold, language, how_found: {met, rules, spans},
/// why, generic, warnings: [{kind, rules, spans}]}`.
#[wasm_bindgen]
pub fn coach(note: &str, invitee: Option<String>) -> Result<JsValue, JsError> {
    to_js(&noteworthy_core::coach(note, invitee.as_deref()))
}

/// The rule families, sorted and once each (see
/// `noteworthy_core::RuleInfo::family`): what the extension's per-family
/// messages must cover (each evidence item of a verdict names its rule's
/// family). Exposed to JavaScript as `rule_families`; the extension's tests
/// read it.
#[wasm_bindgen]
pub fn rule_families() -> Result<JsValue, JsError> {
    to_js(noteworthy_core::rule_families())
}

/// How many numbers `classify_compact` gives each invitation.
pub const COMPACT_STRIDE: usize = 7;

/// The compact form of one verdict: the [`COMPACT_STRIDE`] numbers
/// `classify_compact` gives it (see the crate docs for the layout).
pub fn compact(verdict: &Verdict) -> [i32; COMPACT_STRIDE] {
    let index = |found: Option<usize>| found.expect("every value is listed") as i32;
    [
        index(Label::ALL.iter().position(|&l| l == verdict.label)),
        index(ACTIONS.iter().position(|&a| a == verdict.action)),
        verdict.score,
        verdict.threshold,
        i32::try_from(verdict.evidence.len()).unwrap_or(i32::MAX),
        i32::from(verdict.truncated),
        verdict.strongest_against().map_or(-1, |e| {
            index(Category::ALL.iter().position(|&c| c == e.category))
        }),
    ]
}

/// The actions in the order `classify_compact` numbers them.
const ACTIONS: [Action; 4] = [Action::Accept, Action::Review, Action::Ask, Action::Ignore];

/// What the numbers of `classify_compact` stand for, so JavaScript names
/// them without repeating the core's lists.
#[derive(Debug, Serialize)]
pub struct CompactLayout {
    /// Numbers per invitation.
    pub stride: usize,
    /// Label names by index.
    pub labels: Vec<&'static str>,
    /// Action names by index.
    pub actions: Vec<&'static str>,
    /// Evidence category names by index.
    pub categories: Vec<&'static str>,
    /// Field names by offset within one invitation's numbers.
    pub fields: [&'static str; COMPACT_STRIDE],
}

/// The layout of `classify_compact`'s output; exposed to JavaScript as
/// `compact_layout`, returning `{stride, labels, actions, categories,
/// fields}`.
pub fn layout() -> CompactLayout {
    CompactLayout {
        stride: COMPACT_STRIDE,
        labels: Label::ALL.iter().map(|l| l.as_str()).collect(),
        actions: ACTIONS.iter().map(|a| a.as_str()).collect(),
        categories: Category::ALL.iter().map(|c| c.as_str()).collect(),
        fields: [
            "label",
            "action",
            "score",
            "threshold",
            "rules_fired",
            "truncated",
            "against",
        ],
    }
}

/// Classifies a page of invitations and returns the compact verdicts as
/// one `Int32Array` (see the crate docs for its layout). Exposed to
/// JavaScript as `classify_compact`.
///
/// `invitations` is the classify message's JSON text of a list of
/// invitations (each of the shape `classify` takes), read leniently as
/// [`wire`] says; `recipient`, the JSON text of `{name, headline}` (or of
/// anything else for nobody), is the recipient of each that names none of
/// its own.
#[wasm_bindgen]
pub fn classify_compact(
    invitations: &str,
    recipient: &str,
    strictness: &str,
) -> Result<Vec<i32>, JsError> {
    let strictness = parse_strictness(strictness).map_err(to_js_error)?;
    let recipient = wire::person(recipient);
    let invitations = wire::invitations(invitations, &recipient);
    // Sized once (a flat_map's collect grows it as it goes).
    let mut out = Vec::with_capacity(invitations.len() * COMPACT_STRIDE);
    for inv in &invitations {
        out.extend_from_slice(&compact(&noteworthy_core::classify(inv, strictness)));
    }
    Ok(out)
}

/// The full verdict of one card, for its panel: `invitation` is the explain
/// message's JSON text of one invitation, read as [`classify_compact`]
/// reads each of a page's. Exposed to JavaScript as `explain`.
#[wasm_bindgen]
pub fn explain(invitation: &str, recipient: &str, strictness: &str) -> Result<JsValue, JsError> {
    let strictness = parse_strictness(strictness).map_err(to_js_error)?;
    let recipient = wire::person(recipient);
    to_js(&noteworthy_core::classify(
        &wire::invitation(invitation, &recipient),
        strictness,
    ))
}

/// The layout of `classify_compact`'s numbers: `{stride, labels, actions,
/// categories, fields}`. Exposed to JavaScript as `compact_layout`.
#[wasm_bindgen]
pub fn compact_layout() -> Result<JsValue, JsError> {
    to_js(&layout())
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| to_js_error(BindingError::Output(e.to_string())))
}

fn to_js_error(e: BindingError) -> JsError {
    JsError::new(&e.to_string())
}

#[cfg(test)]
mod tests {
    //! `JsValue` only exists on wasm targets, so these tests pin down the
    //! parts of the conversion that are plain Rust: the strictness names and
    //! the JSON shape of the values that cross the boundary (serde-wasm-bindgen
    //! in json-compatible mode follows the same serde attributes).
    use super::*;
    use noteworthy_core::Label;

    #[test]
    fn strictness_names_parse_in_any_case() {
        assert_eq!(parse_strictness("balanced"), Ok(Strictness::Balanced));
        assert_eq!(parse_strictness("Strict"), Ok(Strictness::Strict));
        assert_eq!(parse_strictness(" lenient "), Ok(Strictness::Lenient));
    }

    #[test]
    fn unknown_strictness_is_an_error_naming_the_choices() {
        let err = parse_strictness("harsh").unwrap_err();
        assert!(matches!(err, BindingError::Strictness(_)));
        assert!(err.to_string().contains("lenient, balanced or strict"));
    }

    /// Issue 8, item 11: batches over 1000 were cut without an error.
    #[test]
    fn batches_over_the_limit_are_an_error_naming_both_sizes() {
        assert_eq!(check_batch_len(0), Ok(()));
        assert_eq!(check_batch_len(MAX_BATCH), Ok(()));
        let err = check_batch_len(MAX_BATCH + 1).unwrap_err();
        assert_eq!(err, BindingError::BatchTooLarge(1001));
        assert_eq!(
            err.to_string(),
            "batch of 1001 invitations is over the limit of 1000; send it in parts"
        );
    }

    #[test]
    fn invitation_from_the_content_script_shape() {
        // The exact shape page-reader.js sends; missing fields default.
        let js = serde_json::json!({
            "note": "I'd like to add you to my professional network on LinkedIn.",
            "sender": {"name": "Ana Ruiz", "headline": "Recruiter", "mutual_connections": null},
            "recipient": {"name": "Sam Lee"}
        });
        let inv: Invitation = serde_json::from_value(js).unwrap();
        assert_eq!(inv.sender.name.as_deref(), Some("Ana Ruiz"));
        assert_eq!(inv.recipient.headline, None);
        let empty: Invitation = serde_json::from_value(serde_json::json!({})).unwrap();
        assert_eq!(empty.note, None);
    }

    #[test]
    fn compact_verdict_carries_the_full_verdicts_numbers() {
        let layout = layout();
        for note in [
            "",
            "I'd like to add you to my professional network on LinkedIn.",
            "Great meeting you at KubeCon last week, your talk on eBPF tracing was the best of the day.",
        ] {
            for strictness in Strictness::ALL {
                let v = noteworthy_core::classify(&Invitation::with_note(note), strictness);
                let c = compact(&v);
                assert_eq!(layout.labels[c[0] as usize], v.label.as_str());
                assert_eq!(layout.actions[c[1] as usize], v.action.as_str());
                assert_eq!((c[2], c[3]), (v.score, v.threshold));
                assert_eq!(c[4] as usize, v.evidence.len());
                assert_eq!(c[5], i32::from(v.truncated));
                let against = v.strongest_against().map(|e| e.category.as_str());
                assert_eq!(against, usize::try_from(c[6]).ok().map(|i| layout.categories[i]));
            }
        }
    }

    #[test]
    fn compact_layout_names_every_label_action_and_field() {
        let layout = layout();
        assert_eq!(layout.stride, layout.fields.len());
        assert_eq!(layout.labels, ["blank", "generic", "personalized"]);
        assert_eq!(layout.actions, ["accept", "review", "ask", "ignore"]);
        assert_eq!(layout.categories.len(), Category::ALL.len());
    }

    #[test]
    fn coaching_serialises_to_the_fields_the_strip_reads() {
        let c = noteworthy_core::coach("Hi Maria, we met at PyCon Lisbon", Some("Jonas Weber"));
        // The slip (a greeting to someone else) outweighs the meeting: generic.
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["label"], "generic");
        assert_eq!(json["how_found"]["met"], true);
        assert!(json["how_found"]["spans"][0]["start_utf16"].is_number());
        assert_eq!(json["warnings"][0]["kind"], "wrong_name");
    }

    #[test]
    fn verdict_serialises_to_the_fields_the_extension_reads() {
        let v = noteworthy_core::classify(&Invitation::default(), Strictness::Balanced);
        assert_eq!(v.label, Label::Blank);
        let json = serde_json::to_value(&v).unwrap();
        for key in [
            "label",
            "score",
            "threshold",
            "strictness",
            "action",
            "language",
            "evidence",
        ] {
            assert!(json.get(key).is_some(), "missing {key}");
        }
        assert_eq!(json["label"], "blank");
        assert_eq!(json["strictness"], "balanced");
    }

    #[test]
    fn evidence_names_its_rule_family_for_the_panel() {
        let v = noteworthy_core::classify(
            &Invitation::with_note(
                "Ich möchte Sie gerne zu meinem beruflichen Netzwerk hinzufügen.",
            ),
            Strictness::Balanced,
        );
        let json = serde_json::to_value(&v).unwrap();
        let stock = json["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["rule"] == "DE_STOCK_INVITE")
            .expect("the German stock sentence");
        assert_eq!(stock["family"], "STOCK_INVITE");
        assert!(stock["description"].is_string());
        let families = noteworthy_core::rule_families();
        assert!(families.contains(&"STOCK_INVITE") && families.contains(&"NAMED_DETAIL"));
        assert!(
            families.windows(2).all(|w| w[0] < w[1]),
            "sorted, once each"
        );
    }
}

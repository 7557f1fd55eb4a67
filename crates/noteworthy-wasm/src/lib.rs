//! # noteworthy-wasm
//!
//! The browser extension's door into [`noteworthy_core`]. This crate holds
//! no classification logic (that lives in the core, where it is tested): it
//! only turns JavaScript values into [`Invitation`]s and [`Verdict`]s back
//! into plain JavaScript objects, once per call.
//!
//! Results are serialised with [`serde_wasm_bindgen::Serializer::json_compatible`]
//! so that JavaScript receives ordinary objects and arrays (not `Map`s) and
//! can pass them through `chrome.runtime.sendMessage` unchanged.
#![deny(missing_docs)]

use noteworthy_core::{Invitation, Strictness, Verdict};
use serde::Serialize;
use wasm_bindgen::prelude::*;

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

/// The most invitations one `classify_batch` call judges. A larger batch
/// is refused with an error rather than cut short, so no card is left
/// without a verdict unnoticed: the caller splits it.
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
}

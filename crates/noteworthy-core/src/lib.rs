//! # noteworthy-core
//!
//! Judges a LinkedIn connection invitation the way a busy professional
//! would: did the sender write a sentence or two saying how they found the
//! recipient and why they want to connect, or did they send something that
//! could go to anyone?
//!
//! The judgement is explainable. Every rule that fires is reported with its
//! id, a one-line description, its weight and where it matched in the
//! original note (UTF-8 and UTF-16 ranges). Rules are data, one TOML file
//! per language under `rules/`, compiled into the binary at build time:
//! nothing is loaded at run time and nothing touches the network.
//!
//! ```
//! use noteworthy_core::{classify, Invitation, Label, Strictness};
//!
//! let inv = Invitation::with_note("I'd like to add you to my professional network on LinkedIn.");
//! let verdict = classify(&inv, Strictness::Balanced);
//! assert_eq!(verdict.label, Label::Generic);
//! assert!(verdict.evidence.iter().any(|e| e.rule == "EN_STOCK_INVITE"));
//! ```
#![deny(missing_docs)]

mod census;
mod classify;
pub mod coach;
mod details;
mod fnv;
mod fold_table;
mod language;
mod lexicon;
mod matcher;
mod normalize;
mod policy;
mod ranges;
mod rules;
mod scratch;
mod scripts;
mod spare;
mod structural;
mod swar;
pub mod tokens;
mod types;
mod words;

pub use classify::{classify, classify_batch, model_inputs, score, ModelInputs, Scored};
pub use coach::{coach, Coaching};
pub use normalize::{normalize, Normalized};
pub use policy::{action_for, label_for, threshold, MARKED, SPECIFIC_ASKS};
pub use rules::{rule_catalog, rule_examples, rule_families, rule_family, RuleInfo};
pub use types::{
    Action, Category, Evidence, Invitation, Label, Person, Sender, Span, Strictness, UnknownLabel,
    UnknownStrictness, Verdict,
};

/// Notes longer than this many bytes are judged on their first
/// `MAX_NOTE_BYTES` only. LinkedIn caps notes at 300 characters; the cap
/// keeps a hostile megabyte of input from costing more than a bounded
/// amount of work.
pub const MAX_NOTE_BYTES: usize = 16 * 1024;

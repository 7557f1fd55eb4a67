//! FNV-1a (32 bits), the one hash of the crate: it places a folded word in
//! the word table (`build.rs` compiles this file too, so the table is laid
//! out with the function that reads it) and buckets the token model's
//! features.

/// The seed of a word's own hash ([`crate::lexicon::word_hash`]), which the
/// token model shares for a word alone.
pub(crate) const WORD_SEED: u32 = 0x811c_9dc5;

/// One byte of FNV-1a: for the word splitter, which feeds several hashes
/// in one pass over a word's bytes.
#[inline(always)]
pub(crate) fn step(h: u32, b: u8) -> u32 {
    (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
}

/// FNV-1a of `bytes` from `seed`.
pub(crate) fn hash(seed: u32, bytes: &[u8]) -> u32 {
    bytes.iter().fold(seed, |h, &b| step(h, b))
}

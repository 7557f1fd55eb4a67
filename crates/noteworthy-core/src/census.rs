//! What the detectors ask of a note's bytes before they read it closer:
//! whether it is ASCII, may hold CJK, holds a digit, a question mark or
//! the opening of a mail-merge field. One vector loop over the note
//! answers all of them, where each detector asked its own question of the
//! whole note, in a pass or a search of its own (five a note, 1.4% of a
//! note's instructions).

use crate::scripts::CJK_FIRST_BYTE;

/// The answers, for one note ([`Census::of`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Census {
    /// The note's largest byte.
    top: u8,
    /// Whether an ASCII digit is there.
    pub digit: bool,
    /// Whether a `?` is there, or a byte 0x9F: the last byte of `？` and
    /// of `؟` (and of other characters).
    pub question: bool,
    /// Whether a `{`, `[`, `%` or `<` is there, one of which opens every
    /// field a mass-send tool failed to fill.
    pub opening: bool,
}

impl Census {
    /// The census of `text`, read sixteen bytes at a time: each answer is
    /// kept for each of the sixteen lanes in a byte of its own and no
    /// test leaves the loop early, so that the compiler turns each into
    /// one vector instruction or two (a byte loop took eleven
    /// instructions a byte).
    pub(crate) fn of(text: &str) -> Census {
        let bytes = text.as_bytes();
        let mut lanes = Lanes::default();
        let mut chunks = bytes.chunks_exact(LANES);
        for chunk in &mut chunks {
            lanes.add(chunk.try_into().expect("a chunk of sixteen"));
        }
        let mut last = [0u8; LANES];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        lanes.add(&last);
        Census {
            top: lanes.top.into_iter().max().unwrap_or(0),
            digit: lanes.digit != [0; LANES],
            question: lanes.question != [0; LANES],
            opening: lanes.opening != [0; LANES],
        }
    }

    /// Whether the note is all ASCII.
    pub(crate) fn ascii(&self) -> bool {
        self.top < 0x80
    }

    /// [`crate::scripts::may_hold_cjk`] of the note.
    pub(crate) fn may_hold_cjk(&self) -> bool {
        self.top >= CJK_FIRST_BYTE
    }
}

/// Bytes a [`Census`] reads at a time.
const LANES: usize = 16;

/// A [`Census`] of each of [`LANES`] lanes of bytes: a zero byte, which
/// pads the note's end, adds nothing.
#[derive(Default)]
struct Lanes {
    top: [u8; LANES],
    digit: [u8; LANES],
    question: [u8; LANES],
    opening: [u8; LANES],
}

impl Lanes {
    #[inline(always)]
    fn add(&mut self, chunk: &[u8; LANES]) {
        for (i, &b) in chunk.iter().enumerate() {
            self.top[i] = self.top[i].max(b);
            self.digit[i] |= u8::from(b.wrapping_sub(b'0') < 10);
            self.question[i] |= u8::from(b == b'?') | u8::from(b == 0x9F);
            self.opening[i] |= u8::from(b == b'{')
                | u8::from(b == b'[')
                | u8::from(b == b'%')
                | u8::from(b == b'<');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scripts::may_hold_cjk;

    #[test]
    fn answers_as_the_questions_asked_one_by_one() {
        for text in [
            "",
            "plain words only",
            "Hi {first_name}, 50% off [x] <b>?",
            "2024 was the year",
            "Café, naïve — “quoted” ’s",
            "先日のセミナー？",
            "هل أنت مهتم؟",
            "Привет, как дела",
        ] {
            let bytes = text.as_bytes();
            let census = Census::of(text);
            assert_eq!(census.ascii(), text.is_ascii(), "{text:?}");
            assert_eq!(census.may_hold_cjk(), may_hold_cjk(text), "{text:?}");
            assert_eq!(
                census.digit,
                bytes.iter().any(u8::is_ascii_digit),
                "{text:?}"
            );
            assert_eq!(
                census.question,
                memchr::memchr2(b'?', 0x9F, bytes).is_some(),
                "{text:?}"
            );
            assert_eq!(
                census.opening,
                bytes.iter().any(|b| b"{[%<".contains(b)),
                "{text:?}"
            );
        }
    }
}

//! Byte tests on eight bytes at once, in a `u64` (SWAR: SIMD within a
//! register), for the scans that step over a run of bytes: a byte loop
//! leaves its run at a place the branch predictor cannot foresee (a
//! word's or a sentence's end), where a test of eight bytes runs once for
//! most runs.
//!
//! Each test leaves the high bit of a byte set where the byte passes;
//! the other bits are anything, so callers mask with [`HIGH_BITS`].

/// The high bit of each byte of a `u64`.
pub(crate) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// `b` repeated in each byte of a `u64`.
pub(crate) const fn each_byte(b: u8) -> u64 {
    (b as u64) * 0x0101_0101_0101_0101
}

/// The eight bytes of `bytes` at `at`, if there are eight.
#[inline(always)]
pub(crate) fn load(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk = bytes.get(at..at + 8)?;
    Some(u64::from_le_bytes(chunk.try_into().expect("eight bytes")))
}

/// The mask of the first `len` bytes of a `u64` read by [`load`], for
/// `len` from 1 to 8 (0 gives the first byte's: a shift by 64 would
/// overflow). A load from a table, where the shift that made it took six
/// instructions.
#[inline(always)]
pub(crate) fn first_bytes(len: usize) -> u64 {
    FIRST_BYTES[len]
}

const FIRST_BYTES: [u64; 9] = {
    let mut masks = [0xFF; 9];
    let mut len = 1;
    while len <= 8 {
        masks[len] = u64::MAX >> (64 - 8 * len);
        len += 1;
    }
    masks
};

/// Bytes of `eight` in `lo..=hi`, both below 0x80. A constant is added to
/// each byte's low seven bits, where no sum carries into the next byte,
/// and the high bit of the sum read; bytes from 0x80 up never pass.
#[inline(always)]
pub(crate) fn within(eight: u64, lo: u8, hi: u8) -> u64 {
    let low = eight & !HIGH_BITS;
    (low + each_byte(0x80 - lo)) & !(low + each_byte(0x7F - hi)) & !eight
}

/// Bytes of `eight` equal to `b`.
#[inline(always)]
pub(crate) fn equal(eight: u64, b: u8) -> u64 {
    let diff = eight ^ each_byte(b);
    // The high bit of `(low seven bits) + 0x7F`, or the byte's own, is set
    // exactly where the byte is not zero.
    !(((diff & !HIGH_BITS) + each_byte(0x7F)) | diff)
}

/// How many bytes of `mask` have their high bit set: each brought down to
/// its byte's low bit and summed into the top byte by one multiplication,
/// where x86-64's baseline, without the bit-count instruction, counts
/// bits in a dozen.
#[inline(always)]
pub(crate) fn count(mask: u64) -> usize {
    (((mask & HIGH_BITS) >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
}

/// Where the first byte whose high bit is set in `mask` stands, from 0.
#[inline(always)]
pub(crate) fn first(mask: u64) -> usize {
    (mask & HIGH_BITS).trailing_zeros() as usize / 8
}

/// Where the first byte of `bytes` past ASCII stands, or its length when
/// there is none. Eight bytes at a time: a byte loop cost five
/// instructions a byte.
pub(crate) fn first_wide(bytes: &[u8]) -> usize {
    let mut at = 0;
    while let Some(eight) = load(bytes, at) {
        if eight & HIGH_BITS != 0 {
            return at + first(eight);
        }
        at += 8;
    }
    at + bytes[at..].iter().take_while(|b| b.is_ascii()).count()
}

/// Where the last byte of `bytes` past ASCII ends (just after it), or 0
/// when there is none. Eight bytes at a time, from the end.
pub(crate) fn wide_end(bytes: &[u8]) -> usize {
    let mut end = bytes.len();
    while end >= 8 {
        let eight = load(bytes, end - 8).expect("eight bytes");
        let wide = eight & HIGH_BITS;
        if wide != 0 {
            // The last wide byte's high bit is the highest set bit.
            return end - (wide.leading_zeros() as usize / 8);
        }
        end -= 8;
    }
    bytes[..end]
        .iter()
        .rposition(|b| !b.is_ascii())
        .map_or(0, |at| at + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each byte value at each place, among other bytes.
    fn samples() -> impl Iterator<Item = (u64, usize, u8)> {
        (0..=255u8).flat_map(|b| {
            (0..8).map(move |place| {
                let mut bytes = *b"a\x80 9z`\xff\x00";
                bytes[place] = b;
                (u64::from_le_bytes(bytes), place, b)
            })
        })
    }

    #[test]
    fn first_bytes_are_the_shifted_masks() {
        for len in 1..=8 {
            assert_eq!(first_bytes(len), u64::MAX >> (64 - 8 * len), "{len}");
        }
    }

    #[test]
    fn counts_agree_with_the_bit_count() {
        for (eight, _, _) in samples() {
            for mask in [eight, !eight, eight << 3, u64::MAX, 0] {
                assert_eq!(count(mask), (mask & HIGH_BITS).count_ones() as usize);
            }
        }
    }

    #[test]
    fn wide_bytes_are_found_where_the_byte_loops_find_them() {
        for len in 0..30usize {
            for wide in [
                None,
                Some(0),
                Some(3),
                Some(7),
                Some(8),
                Some(len / 2),
                Some(len),
            ] {
                for second in [None, Some(1), Some(9), Some(len.saturating_sub(1))] {
                    let mut bytes = vec![b'a'; len];
                    for at in [wide, second].into_iter().flatten().filter(|&at| at < len) {
                        bytes[at] = 0xC3;
                    }
                    let first_want = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(len);
                    let end_want = bytes
                        .iter()
                        .rposition(|b| !b.is_ascii())
                        .map_or(0, |at| at + 1);
                    assert_eq!(first_wide(&bytes), first_want, "{bytes:?}");
                    assert_eq!(wide_end(&bytes), end_want, "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn tests_agree_with_the_byte_tests() {
        for (eight, place, b) in samples() {
            let bit = |mask: u64| mask >> (place * 8 + 7) & 1 != 0;
            assert_eq!(
                bit(within(eight, b'a', b'z')),
                b.is_ascii_lowercase(),
                "{b:#x}"
            );
            assert_eq!(bit(within(eight, b'0', b'9')), b.is_ascii_digit(), "{b:#x}");
            assert_eq!(bit(equal(eight, b'`')), b == b'`', "{b:#x}");
        }
    }
}

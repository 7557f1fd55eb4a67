//! One merger for every kind of range the judgement joins: byte ranges of
//! the note (`(start, end)`) and spans that carry their UTF-16 offsets
//! too ([`Span`]). Sorted, with overlapping or touching ranges joined.

use crate::types::Span;

/// A range that can be sorted by its start and stretched to cover another.
pub(crate) trait Range: Copy {
    /// Sort key: start, then end.
    fn key(&self) -> (usize, usize);
    /// Where it ends, in bytes.
    fn end(&self) -> usize;
    /// Stretches `self` to end where `other` ends.
    fn extend_to(&mut self, other: &Self);
}

impl Range for (usize, usize) {
    fn key(&self) -> (usize, usize) {
        *self
    }
    fn end(&self) -> usize {
        self.1
    }
    fn extend_to(&mut self, other: &Self) {
        self.1 = other.1;
    }
}

/// Byte and UTF-16 offsets grow together, so one order serves both.
impl Range for Span {
    fn key(&self) -> (usize, usize) {
        (self.start, self.end)
    }
    fn end(&self) -> usize {
        self.end
    }
    fn extend_to(&mut self, other: &Self) {
        self.end = other.end;
        self.end_utf16 = other.end_utf16;
    }
}

/// Whether byte range `span` overlaps any of `ranges` (touching is not
/// overlapping).
pub(crate) fn overlaps(ranges: &[(usize, usize)], span: (usize, usize)) -> bool {
    ranges.iter().any(|&(s, e)| s < span.1 && span.0 < e)
}

/// Whether `next`, which starts no earlier than `last`, overlaps or
/// touches it; if so, `last` is stretched to cover it. The one joining
/// step of [`merge`] and of ranges joined as they come, already sorted.
pub(crate) fn absorb<T: Range>(last: &mut T, next: &T) -> bool {
    if next.key().0 > last.end() {
        return false;
    }
    if next.end() > last.end() {
        last.extend_to(next);
    }
    true
}

/// Sorted, with overlapping or touching ranges joined, in place.
pub(crate) fn merge<T: Range>(mut ranges: Vec<T>) -> Vec<T> {
    ranges.sort_unstable_by_key(Range::key);
    let mut kept: usize = 0;
    for i in 0..ranges.len() {
        let r = ranges[i];
        if !(kept > 0 && absorb(&mut ranges[kept - 1], &r)) {
            ranges[kept] = r;
            kept += 1;
        }
    }
    ranges.truncate(kept);
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_overlapping_and_touching_byte_ranges() {
        assert_eq!(
            merge(vec![(5, 9), (0, 3), (2, 4), (9, 10)]),
            vec![(0, 4), (5, 10)]
        );
    }

    #[test]
    fn spans_keep_their_utf16_ends() {
        let s = |a: usize, b: usize| Span {
            start: a,
            end: b,
            start_utf16: a,
            end_utf16: b + 100,
        };
        assert_eq!(
            merge(vec![s(5, 9), s(0, 3), s(2, 4), s(9, 10), s(6, 7)]),
            vec![s(0, 4), s(5, 10)]
        );
    }
}

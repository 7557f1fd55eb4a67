//! Vectors that judging a note fills and then drops, kept on the thread
//! for the next note, as [`crate::normalize`] keeps its buffers: the word
//! list alone is 1.6 KB for a note of 200 bytes, past the allocator's fast
//! path, and allocating and freeing the per-note vectors cost more than
//! a twentieth of a note's instructions.

use std::cell::{Cell, RefCell};
use std::ops::{Deref, DerefMut};
use std::thread::LocalKey;

/// A value taken from its thread's spare (`home`), which goes back when
/// this is dropped. It holds whatever the last note left in it: the taker
/// clears what it fills.
pub(crate) struct Kept<T: Default + 'static> {
    value: T,
    home: &'static LocalKey<Cell<T>>,
}

impl<T: Default + 'static> Kept<T> {
    /// The spare of `home`, or a new value when the thread has none (it is
    /// ending, or another note is being judged on it: nothing does that
    /// today, and it would only cost the allocations).
    pub(crate) fn take(home: &'static LocalKey<Cell<T>>) -> Self {
        let value = home.try_with(Cell::take).unwrap_or_default();
        Kept { value, home }
    }
}

impl<T: Default + 'static> Deref for Kept<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: Default + 'static> DerefMut for Kept<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

impl<T: Default + 'static> Drop for Kept<T> {
    fn drop(&mut self) {
        let value = std::mem::take(&mut self.value);
        // Gone only while the thread ends; then the value is freed.
        let _ = self.home.try_with(|home| home.set(value));
    }
}

thread_local! {
    /// Emptied lists of byte ranges, kept for the next [`RangeList::new`].
    static RANGE_LISTS: RefCell<Vec<Vec<(usize, usize)>>> = const { RefCell::new(Vec::new()) };
}

/// How many emptied range lists a thread keeps: more than a note takes
/// at once.
const KEPT_RANGE_LISTS: usize = 16;

/// A list of byte ranges for one note's work (the canned phrases, the
/// sender's own questions…), from the thread's emptied ones: a note fills
/// a dozen such lists, mostly short, and allocating and freeing each cost
/// more than filling it. It goes back to the thread when dropped. The
/// default list is empty and holds no allocation, for a list that may
/// not be needed.
#[derive(Debug, Default)]
pub(crate) struct RangeList(Vec<(usize, usize)>);

impl RangeList {
    /// An empty list, in one the thread kept when it has one. Out of line,
    /// as is giving it back: called from a dozen places in a note, each
    /// inlined copy took room in the instruction cache.
    #[inline(never)]
    pub(crate) fn new() -> Self {
        let kept = RANGE_LISTS
            .try_with(|lists| lists.borrow_mut().pop())
            .ok()
            .flatten();
        RangeList(kept.unwrap_or_default())
    }
}

impl Deref for RangeList {
    type Target = Vec<(usize, usize)>;
    fn deref(&self) -> &Vec<(usize, usize)> {
        &self.0
    }
}

impl DerefMut for RangeList {
    fn deref_mut(&mut self) -> &mut Vec<(usize, usize)> {
        &mut self.0
    }
}

impl Drop for RangeList {
    fn drop(&mut self) {
        if self.0.capacity() != 0 {
            give_back(std::mem::take(&mut self.0));
        }
    }
}

/// Keeps `list`, emptied, for the thread's next [`RangeList::new`].
#[inline(never)]
fn give_back(mut list: Vec<(usize, usize)>) {
    list.clear();
    // Gone only while the thread ends; then the list is freed.
    let _ = RANGE_LISTS.try_with(|lists| {
        let mut lists = lists.borrow_mut();
        if lists.len() < KEPT_RANGE_LISTS {
            lists.push(list);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static NUMBERS: Cell<Vec<u32>> = const { Cell::new(Vec::new()) };
    }

    #[test]
    fn a_kept_value_comes_back_with_its_allocation() {
        let capacity = {
            let mut numbers = Kept::take(&NUMBERS);
            numbers.extend(0..100);
            numbers.capacity()
        };
        let numbers = Kept::take(&NUMBERS);
        assert_eq!(numbers.capacity(), capacity);
        // While it is out, the thread's spare is empty.
        assert_eq!(Kept::take(&NUMBERS).capacity(), 0);
    }

    #[test]
    fn a_range_list_comes_back_empty_with_its_allocation() {
        let at = {
            let mut list = RangeList::new();
            list.extend((0..50).map(|i| (i, i + 1)));
            list.as_ptr() as usize
        };
        let list = RangeList::new();
        assert!(list.is_empty());
        assert_eq!(list.as_ptr() as usize, at);
        // A list never filled holds nothing to keep.
        drop(RangeList::default());
        assert_eq!(RangeList::new().capacity(), 0);
    }
}

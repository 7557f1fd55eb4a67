//! Scratch slices for the per-note passes: most notes are a few dozen
//! words, and a heap allocation (and its free) for each small table cost
//! more than filling it.

use std::ops::{Deref, DerefMut};

/// `len` default values (zeros, `false`) to work in: on the stack when
/// they fit in `N`, as they do for nearly every note, else on the heap.
pub(crate) enum Scratch<T, const N: usize> {
    /// The first `len` of `N` values.
    Stack([T; N], usize),
    /// A note too long for the stack array.
    Heap(Vec<T>),
}

impl<T: Copy + Default, const N: usize> Scratch<T, N> {
    /// `len` default values.
    pub(crate) fn new(len: usize) -> Self {
        if len <= N {
            Scratch::Stack([T::default(); N], len)
        } else {
            Scratch::Heap(vec![T::default(); len])
        }
    }
}

impl<T, const N: usize> Deref for Scratch<T, N> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        match self {
            Scratch::Stack(values, len) => &values[..*len],
            Scratch::Heap(values) => values,
        }
    }
}

impl<T, const N: usize> DerefMut for Scratch<T, N> {
    fn deref_mut(&mut self) -> &mut [T] {
        match self {
            Scratch::Stack(values, len) => &mut values[..*len],
            Scratch::Heap(values) => values,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_scratch_hold_their_length_of_defaults() {
        for len in [0, 1, 4, 5, 100] {
            let mut s = Scratch::<u8, 4>::new(len);
            assert_eq!(s.len(), len);
            assert!(s.iter().all(|&b| b == 0));
            if let Some(last) = s.last_mut() {
                *last = 7;
            }
            assert_eq!(
                s.iter().map(|&b| usize::from(b)).sum::<usize>(),
                7 * usize::from(len > 0)
            );
        }
    }
}

//! Finds every phrase rule in a folded note.
//!
//! Matching is overlapping on purpose: each rule is an independent piece of
//! evidence (as in SpamAssassin), so a long generic phrase must not hide a
//! shorter personal one that overlaps it. Word boundaries are checked after
//! the fact, except for scripts written without spaces.
//!
//! The phrases' first parts sit in a radix tree that build.rs lays out as
//! flat arrays in the binary, so nothing is built at run time: a freshly
//! started service worker answers at once, where building an Aho-Corasick
//! automaton from the rules took tens of milliseconds. The tree is walked
//! from every position where a phrase can start. Most phrases need a word
//! start (their first character is a letter of a spaced script and the
//! left boundary is required), so they sit in a tree walked only from word
//! starts (`WORD_ROOT`); the rest, CJK phrases and `*`-led ones, sit in a
//! second tree walked from every character (`ANY_ROOT`). The same arrays
//! as an Aho-Corasick automaton would need a failure link per byte of
//! phrase text, several times the size of the tree.

use crate::normalize::Normalized;
use crate::scripts::{is_cjk, is_unspaced_alphabet};
use crate::swar;
use crate::words::ASCII_ALNUM;
use std::sync::OnceLock;

/// How many words a ` ~ ` in a phrase may stand for.
const MAX_GAP_WORDS: usize = 3;

/// One phrase of one rule, folded at build time. Its first part is the
/// tree key of its group, so it is not stored again.
struct Phrase {
    /// Index of the rule in [`RULES`](crate::rules::RULES).
    rule: u16,
    /// The parts after the first are `REST[rest_at..rest_at + rest_len]`,
    /// each within `MAX_GAP_WORDS` of the one before.
    rest_at: u16,
    rest_len: u8,
    /// Bit 0: left word boundary needed; bit 1: right word boundary
    /// needed; bit 2: counts only when a capitalised name follows.
    flags: u8,
}

impl Phrase {
    fn rest(&self) -> &'static [&'static str] {
        let at = usize::from(self.rest_at);
        &REST[at..at + usize::from(self.rest_len)]
    }
    fn left_bound(&self) -> bool {
        self.flags & 1 != 0
    }
    fn right_bound(&self) -> bool {
        self.flags & 2 != 0
    }
    fn followed_by_name(&self) -> bool {
        self.flags & 4 != 0
    }
}

/// A phrase rule found in the folded text, as a byte range of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
}

// Written by build.rs (`write_matcher_tables`), a radix tree over the
// phrases' distinct first parts, its nodes in breadth-first order. Node
// `n`:
// - has the edge label `FIRST_BYTE[n]` followed by `TAIL_LEN[n]` bytes of
//   `TAILS`, the tails being laid out in node order;
// - has `CHILD_COUNT[n]` children, consecutive nodes sorted by first byte,
//   after the children of node `n - 1`;
// - holds the `PHRASE_COUNT[n]` phrases whose first part ends there, the
//   next ones of `PHRASES` ("your ~ article", "your ~ post on", … share
//   one node, so the words after a match are found once for all of them).
// `WORD_ROOT[b]` and `ANY_ROOT[b]` are 1 + the root's child whose label
// begins with byte `b`, or 0.
include!(concat!(env!("OUT_DIR"), "/matcher_table.rs"));

/// One node of the tree with where its tail and children start: the
/// running sums of the counts, which the binary does not store because
/// they take several times the space. Adding them up takes microseconds,
/// once; one record a node keeps the walk to one bounds check and one
/// cache line a step. Sixteen bytes, four to a cache line (they were
/// 20): where its phrases start, which a step does not read, is kept
/// apart ([`Offsets::phrases_at`]).
#[derive(Clone, Copy)]
struct Node {
    /// Which byte classes ([`CLASS`]) begin a child's label, a bit each,
    /// and the flags [`HAS_PHRASES`] and [`SCAN_ONLY`] in bits no class
    /// has. The child for a classed byte is found from these bits alone:
    /// the children are sorted by byte, and so are classes.
    classes: u64,
    tail_at: u32,
    /// Where the children start, less one: the count of the mask's bits
    /// up to a class's own is one more than the children before it, so
    /// a step adds it to this as it is ([`Offsets::child`]).
    before_children: u16,
    tail_len: u8,
    child_count: u8,
}

impl Node {
    /// Where the node's children start in the records.
    fn children_at(&self) -> usize {
        usize::from(self.before_children) + 1
    }
}

// Four records to a cache line, as the record's comment says.
const _: () = assert!(std::mem::size_of::<Node>() == 16);

/// Bit of [`Node::classes`] that no class has: phrases' first parts end
/// at the node. Kept with the classes, which a step reads anyway.
const HAS_PHRASES: u64 = 1 << 62;

/// Bit of [`Node::classes`] that no class has: the mask cannot place the
/// node's children (a child begins with an unclassed byte that sorts
/// before a classed one), so it is empty and every byte is looked for by
/// a scan of their labels. No node is so today.
const SCAN_ONLY: u64 = 1 << 61;

/// The bits of [`Node::classes`] that are classes.
const CLASS_BITS: u64 = (1 << 58) - 1;

/// The class of the bytes that [`CLASS`] does not number: a bit that no
/// node sets, so a step finds no child for them from the mask alone, with
/// no test of its own (see [`Offsets::child`]).
const UNCLASSED: u8 = 63;

/// For each byte, how far a node's [`Node::classes`] is shifted left to
/// bring the bit of the byte's class to the top: `63 - CLASS[b]`, so 0
/// for an unclassed byte (bit 63, which no node sets). The shifted mask
/// both says whether the child is there (its sign) and counts it (its
/// bits), where a bit test and a shift by `63 - class` took six
/// instructions a step.
const SHIFT: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = 63 - CLASS[b];
        b += 1;
    }
    table
};

/// The bytes a child's label can begin with in folded phrases, numbered
/// in byte order: space, punctuation and digits (0x20 to 0x3F) and the
/// lowercase letters, 58 of them, so a node's children fit in a 64-bit
/// mask. Every other byte (bytes past ASCII, which begin the labels of
/// other scripts' children, sort after them all) is [`UNCLASSED`].
const CLASS: [u8; 256] = {
    let mut table = [UNCLASSED; 256];
    let mut b = 0x20;
    while b < 0x40 {
        table[b] = (b - 0x20) as u8;
        b += 1;
    }
    let mut b = b'a' as usize;
    while b <= b'z' as usize {
        table[b] = (b - b'a' as usize + 0x20) as u8;
        b += 1;
    }
    table
};

/// Bit of [`Offsets::scan`]: a phrase of the word tree starts with the byte.
const STARTS_WORD: u8 = 1;
/// Bit of [`Offsets::scan`]: a phrase of the other tree starts with the byte.
const STARTS_ANY: u8 = 2;
/// Bit of [`Offsets::scan`]: an ASCII letter or digit.
const ALNUM: u8 = 4;
/// Bit of [`Offsets::scan`]: an ASCII letter or digit that starts no
/// phrase of the other tree, stepped over inside a run of them.
const INSIDE_RUN: u8 = 8;
/// Bit of [`Offsets::scan`]: a byte past ASCII, part of a character that
/// must be decoded to know whether it is a word character.
const NOT_ASCII: u8 = 16;

struct Offsets {
    /// For each byte, what it tells the scan for phrase starts, a bit
    /// each: one load a byte where the scan read three tables.
    scan: [u8; 256],
    /// The first step of a walk, by byte class ([`CLASS`]) of the byte
    /// after the first: for the root's child `r`, `second[r][c]` is 1 +
    /// its child for class `c`, [`NO_WALK`] where the walk would find
    /// nothing, or 0 where the step is left to the walk (an unclassed
    /// byte, or a child with phrases, which the step must report). One
    /// load, where the step read the child's record and tested it.
    second: Vec<[u16; 64]>,
    nodes: Vec<Node>,
    /// Where each node's phrases start in [`PHRASES`]: read only where
    /// phrases are found, so not in the node's record.
    phrases_at: Vec<u16>,
}

fn offsets() -> &'static Offsets {
    static OFFSETS: OnceLock<Offsets> = OnceLock::new();
    OFFSETS.get_or_init(|| {
        let root_children = WORD_ROOT
            .iter()
            .chain(&ANY_ROOT)
            .filter(|&&n| n != 0)
            .count();
        let (mut tail_at, mut children_at) = (0u32, root_children);
        let nodes = CHILD_COUNT
            .iter()
            .zip(&TAIL_LEN)
            .zip(&PHRASE_COUNT)
            .map(|((&child_count, &tail_len), &phrase_count)| {
                let children = &FIRST_BYTE[children_at..][..usize::from(child_count)];
                let (classes, scan_only) = child_classes(children);
                let node = Node {
                    classes: classes
                        | (u64::from(phrase_count != 0) * HAS_PHRASES)
                        | (u64::from(scan_only) * SCAN_ONLY),
                    tail_at,
                    // Never below 0: the roots' children come first.
                    before_children: u16::try_from(children_at - 1)
                        .expect("fewer than 65536 nodes"),
                    tail_len,
                    child_count,
                };
                tail_at += u32::from(tail_len);
                children_at += usize::from(child_count);
                node
            })
            .collect();
        let mut at = 0u32;
        let phrases_at = PHRASE_COUNT
            .iter()
            .map(|&count| {
                let start = u16::try_from(at).expect("fewer than 65536 phrases");
                at += u32::from(count);
                start
            })
            .collect();
        let mut tree = Offsets {
            scan: scan_table(),
            second: Vec::new(),
            nodes,
            phrases_at,
        };
        tree.second = second_steps(&tree);
        tree
    })
}

/// The class mask of a node whose children's labels begin with
/// `children` (sorted), and whether the mask cannot place them (an
/// unclassed byte sorts before a classed one).
fn child_classes(children: &[u8]) -> (u64, bool) {
    let mut mask = 0u64;
    let mut unclassed_seen = false;
    for &b in children {
        match CLASS[usize::from(b)] {
            UNCLASSED => unclassed_seen = true,
            _ if unclassed_seen => return (0, true),
            class => mask |= 1 << class,
        }
    }
    (mask, false)
}

/// The entry of [`Offsets::second`] for a byte after which a walk finds
/// nothing: the root's child has no phrases, and the byte neither goes on
/// with its label nor begins a child's.
const NO_WALK: u16 = u16::MAX;

/// [`Offsets::second`], for every node up to the last of the roots'
/// children (both trees' come first, in the breadth-first order).
fn second_steps(tree: &Offsets) -> Vec<[u16; 64]> {
    let rows = WORD_ROOT.iter().chain(&ANY_ROOT).copied().max();
    tree.nodes[..usize::from(rows.unwrap_or(0))]
        .iter()
        .map(|n| {
            let mut row = [0u16; 64];
            if n.classes & HAS_PHRASES != 0 {
                return row;
            }
            let tail = &TAILS[n.tail_at as usize..][..usize::from(n.tail_len)];
            for b in 0..=255u8 {
                let class = CLASS[usize::from(b)];
                if class == UNCLASSED {
                    continue;
                }
                row[usize::from(class)] = match (tail.first(), tree.child(n, b)) {
                    (Some(&next), _) if next == b => 0,
                    (Some(_), _) | (None, None) => NO_WALK,
                    (None, Some(child)) => u16::try_from(child + 1)
                        .ok()
                        .filter(|&c| c != NO_WALK)
                        .expect("fewer than 65534 nodes"),
                };
            }
            row
        })
        .collect()
}

/// [`Offsets::scan`], from the root tables.
fn scan_table() -> [u8; 256] {
    let mut scan = [0u8; 256];
    for (b, bits) in scan.iter_mut().enumerate() {
        let any = ANY_ROOT[b] != 0;
        let alnum = ASCII_ALNUM[b];
        *bits = (u8::from(WORD_ROOT[b] != 0) * STARTS_WORD)
            | (u8::from(any) * STARTS_ANY)
            | (u8::from(alnum) * ALNUM)
            | (u8::from(alnum && !any) * INSIDE_RUN)
            | (u8::from(b >= 0x80) * NOT_ASCII);
    }
    scan
}

impl Offsets {
    /// The child of node `n` whose label begins with byte `b`, if any.
    /// A classed byte's child is the one after as many children as the
    /// mask has bits below the byte's class: no table or label is read,
    /// and no loop runs, where a table a node with many children and a
    /// scan of the others' labels cost a third of the matcher's cache
    /// misses and many of its mispredicted branches. An unclassed byte
    /// misses the mask as a classed byte without a child does; only then
    /// is it asked whether a scan of the labels is needed: one test a
    /// step on the way down, where a test of the byte and one of the node
    /// ran before it.
    #[inline(always)]
    fn child(&self, n: &Node, b: u8) -> Option<usize> {
        let shift = SHIFT[usize::from(b)];
        // The bits up to the class's own, shifted to the top: its own
        // bit is the sign, and the count is one more than the children
        // before the one wanted. Bits above the class (and the flags)
        // fall off. (`& 63` costs nothing: the shift is below 64, and
        // x86's shift masks its count so.)
        let upto = n.classes << (shift & 63);
        if (upto as i64) < 0 {
            return Some(usize::from(n.before_children) + upto.count_ones() as usize);
        }
        // A classed byte the mask does not place has no child, unless
        // the mask places none; an unclassed one (shift 0) may have a
        // child among those the mask does not place.
        if shift != 0 && n.classes & SCAN_ONLY == 0 {
            return None;
        }
        let placed = (n.classes & CLASS_BITS).count_ones();
        if u32::from(n.child_count) == placed {
            return None;
        }
        self.scan_children(n, placed as usize, b)
    }

    /// [`Offsets::child`] for a byte the mask of `n` does not place,
    /// among its children after the `placed` first: a scan of their
    /// labels. Out of line, as it is rare in most notes.
    #[cold]
    #[inline(never)]
    fn scan_children(&self, n: &Node, placed: usize, b: u8) -> Option<usize> {
        let first = n.children_at() + placed;
        FIRST_BYTE[first..n.children_at() + usize::from(n.child_count)]
            .iter()
            .position(|&f| f == b)
            .map(|i| first + i)
    }

    fn phrases(&self, node: usize) -> &'static [Phrase] {
        &PHRASES[usize::from(self.phrases_at[node])..][..usize::from(PHRASE_COUNT[node])]
    }
}

/// [`walk`] for a phrase that may start at `start`, whose first byte led
/// to the root's child `root`: from that child, or from its child for the
/// next byte where [`Offsets::second`] has it, or not at all. Inlined, as
/// `walk` is, into each of the scan's two trees.
#[inline(always)]
fn walk_from(
    tree: &Offsets,
    root: usize,
    bytes: &[u8],
    start: usize,
    found: impl FnMut(usize, usize),
) {
    let next = start + 1;
    let second = bytes.get(next).map_or(0, |&b| {
        tree.second[root][usize::from(CLASS[usize::from(b)])]
    });
    match second {
        0 => walk(tree, root, bytes, start, found),
        NO_WALK => {}
        child => walk(tree, usize::from(child - 1), bytes, next, found),
    }
}

/// Calls `found(node, end)` for every tree node holding phrases whose
/// shared first part ends at `end` in `bytes`, starting from `node`,
/// whose label begins at `at`. Inlined: it runs at
/// most word starts, and a call saved and restored six registers and
/// copied the callback's captures each time (1.5% of a note).
#[inline(always)]
fn walk(
    tree: &Offsets,
    mut node: usize,
    bytes: &[u8],
    at: usize,
    mut found: impl FnMut(usize, usize),
) {
    let mut pos = at + 1;
    // Where the records lie and how many, read once a walk: the call for
    // found phrases would have them read again at every step.
    let nodes = tree.nodes.as_slice();
    loop {
        let n = &nodes[node];
        let len = usize::from(n.tail_len);
        if len != 0 {
            if !tail_follows(bytes, pos, n.tail_at as usize, len) {
                return;
            }
            pos += len;
        }
        if n.classes & HAS_PHRASES != 0 {
            found(node, pos);
        }
        let Some(&b) = bytes.get(pos) else {
            return;
        };
        match tree.child(n, b) {
            Some(child) => node = child,
            None => return,
        }
        pos += 1;
    }
}

/// Whether `bytes` at `pos` go on with the `len` bytes of [`TAILS`] at
/// `tail_at`. A tail of at most eight bytes, as most are, is compared in
/// one `u64` when eight bytes of both are there: the byte loop left at
/// the first differing byte, a place the branch predictor could not
/// foresee. A longer one is compared eight bytes at a time, the last
/// eight overlapping the ones before; most differ in the first eight. (A
/// call to memcmp would cost more than either.)
#[inline(always)]
fn tail_follows(bytes: &[u8], pos: usize, tail_at: usize, len: usize) -> bool {
    if (1..=8).contains(&len) {
        if let (Some(text), Some(tail)) = (swar::load(bytes, pos), swar::load(TAILS, tail_at)) {
            // The first `len` bytes alone.
            return (text ^ tail) & swar::first_bytes(len) == 0;
        }
    }
    let tail = &TAILS[tail_at..][..len];
    let Some(text) = bytes.get(pos..).and_then(|rest| rest.get(..len)) else {
        return false;
    };
    if len > 8 {
        return long_tail_follows(text, tail);
    }
    text.iter().zip(tail).all(|(a, b)| a == b)
}

/// Whether `text` is `tail`, both of the same length, over eight bytes.
fn long_tail_follows(text: &[u8], tail: &[u8]) -> bool {
    let last = tail.len() - 8;
    let mut at = 0;
    while at < last {
        if swar::load(text, at) != swar::load(tail, at) {
            return false;
        }
        at += 8;
    }
    swar::load(text, last) == swar::load(tail, last)
}

/// Letters and digits of scripts that separate words with spaces. CJK
/// characters and the unspaced alphabets are not word characters, so
/// phrases in those scripts match anywhere.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    // Most neighbours of a match are ASCII: answered without the tables.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !is_cjk(c) && !is_unspaced_alphabet(c) && is_alphanumeric(c)
}

// `ALPHABETIC_*` and `ALPHANUMERIC_*`, bitmaps of the Basic Multilingual
// Plane written by build.rs (`write_char_tables`).
include!(concat!(env!("OUT_DIR"), "/char_table.rs"));

/// Bit `c` of a bitmap written by build.rs, for `c` below U+10000.
#[inline]
fn in_table(index: &[u8; 1024], blocks: &[u64], c: u32) -> bool {
    let block = blocks[usize::from(index[(c >> 6) as usize])];
    block >> (c & 63) & 1 != 0
}

/// `char::is_alphabetic`, answered from a bitmap below U+10000: the
/// standard library searches a table for every character past ASCII.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        n @ 0x80..=0xFFFF => in_table(&ALPHABETIC_INDEX, &ALPHABETIC_BLOCKS, n),
        _ => c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric`, likewise.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        n @ 0x80..=0xFFFF => in_table(&ALPHANUMERIC_INDEX, &ALPHANUMERIC_BLOCKS, n),
        _ => c.is_alphanumeric(),
    }
}

/// Whether the character that starts at byte `at` of `text` is a word
/// character (see [`is_word_char`]); false at the end. An ASCII byte is
/// answered at once: decoding it as a character took most of a
/// boundary test's instructions, where most bytes are ASCII.
#[inline(always)]
fn word_char_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => false,
        Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[at..].chars().next().is_some_and(is_word_char),
    }
}

/// Whether the character that ends before byte `at` of `text` is a word
/// character; false at the start. ASCII at once, as [`word_char_at`].
#[inline(always)]
fn word_char_before(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        None => false,
        Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[..at].chars().next_back().is_some_and(is_word_char),
    }
}

/// Whether text found at `start` in `text` does not continue a word
/// before it: true when it does not start with a word character, or
/// what comes before is none.
#[inline(always)]
fn boundary_before(text: &str, start: usize) -> bool {
    !word_char_at(text, start) || !word_char_before(text, start)
}

/// Whether text found in `text` and ending at `end` is not continued by
/// a word after it, when `needed`: true when it does not end with a word
/// character, or what follows is none. The found text is the text's own,
/// so its last character is read there.
#[inline(always)]
fn boundary_after(text: &str, end: usize, needed: bool) -> bool {
    !needed || !word_char_before(text, end) || !word_char_at(text, end)
}

/// Where each of the next `MAX_GAP_WORDS + 1` words after `from` starts,
/// as long as they follow one another (parts are separated by one space
/// in folded text).
fn next_word_starts(text: &str, from: usize) -> WordStarts {
    let bytes = text.as_bytes();
    let mut starts = WordStarts::default();
    let mut at = from;
    while starts.len <= MAX_GAP_WORDS && bytes.get(at) == Some(&b' ') {
        at += 1;
        starts.at[starts.len] = at;
        // No part starts with a zero byte, so the text's end reads so.
        starts.firsts |= u64::from(bytes.get(at).copied().unwrap_or(0)) << (8 * starts.len);
        starts.len += 1;
        at = next_space(bytes, at);
    }
    starts
}

/// Where the first space at or after `at` in `bytes` stands, or their end.
/// A word is a few bytes: one test of eight finds its end, where a call to
/// `memchr` (set up for long searches) took forty instructions a word.
#[inline(always)]
fn next_space(bytes: &[u8], mut at: usize) -> usize {
    while let Some(eight) = swar::load(bytes, at) {
        let spaces = swar::equal(eight, b' ') & swar::HIGH_BITS;
        if spaces != 0 {
            return at + swar::first(spaces);
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|&b| b == b' ')
        .map_or(bytes.len(), |p| at + p)
}

/// The word starts after a match: a fixed array, as this runs for every
/// match of a gapped phrase and must not allocate.
#[derive(Default, Clone, Copy)]
struct WordStarts {
    at: [usize; MAX_GAP_WORDS + 1],
    /// The words' first bytes, word `k`'s in byte `k` (0 at the end of
    /// the text), so that [`WordStarts::starting_with`] tests them at once.
    firsts: u64,
    len: usize,
}

// The first bytes fit in `WordStarts::firsts`, a byte each.
const _: () = assert!(MAX_GAP_WORDS < 8);

impl WordStarts {
    /// Which words start with byte `b` (not zero): the high bit of byte
    /// `k` set for word `k`. Most parts after a gap begin none of the
    /// words, and one test says so where a comparison at each word start
    /// took twenty instructions a word.
    fn starting_with(&self, b: u8) -> u64 {
        let words = (1u64 << (8 * self.len)) - 1;
        swar::equal(self.firsts, b) & swar::HIGH_BITS & words
    }
}

/// Where the rest of a gapped phrase ends, if each part follows the one
/// before within the allowed gap. `starts` are the word starts after the
/// first part.
fn match_rest(text: &str, starts: &WordStarts, rest: &[&str], right_bound: bool) -> Option<usize> {
    let mut from = 0;
    for (i, part) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        let later;
        let candidates = if i == 0 {
            starts
        } else {
            later = next_word_starts(text, from);
            &later
        };
        // The words that begin with the part's first byte, in order.
        let mut maybe = candidates.starting_with(part.as_bytes()[0]);
        from = loop {
            if maybe == 0 {
                return None;
            }
            let at = candidates.at[swar::first(maybe)];
            maybe &= maybe - 1;
            if starts_with(&text.as_bytes()[at..], part.as_bytes())
                && boundary_after(text, at + part.len(), !last || right_bound)
            {
                break at + part.len();
            }
        };
    }
    Some(from)
}

/// `text.starts_with(part)` byte by byte: parts are a word or two, and
/// most differ at once, where a call to memcmp costs more than the loop.
fn starts_with(text: &[u8], part: &[u8]) -> bool {
    text.len() >= part.len() && text.iter().zip(part).all(|(a, b)| a == b)
}

/// Whether the original text after `end` starts with a capitalised word,
/// as a person's name does.
fn name_follows(original: &str, end: usize) -> bool {
    let rest = original[end..].trim_start_matches(|c: char| c.is_whitespace() || c == ':');
    let mut letters = rest.chars().take_while(|c| c.is_alphabetic());
    letters.next().is_some_and(char::is_uppercase) && letters.next().is_some()
}

/// Calls `hit` with every phrase hit in `norm`, by start: the caller
/// keeps them as it needs them, without a vector of the matcher's own.
pub(crate) fn find(original: &str, norm: &Normalized, hit: impl FnMut(Hit)) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("popcnt") {
        // SAFETY: the processor has the instruction, as just asked (the
        // answer is looked up once and kept).
        unsafe { find_with_popcnt(original, norm, hit) };
        return;
    }
    find_anywhere(original, norm, hit);
}

/// [`find`] compiled with the bit-count instruction, which x86-64's
/// baseline lacks: without it, each step down the tree ([`Offsets::child`])
/// counts the bits of its mask in a dozen dependent instructions (2% of a
/// note's instructions), on the path from one node to the next. The
/// WebAssembly build has the instruction anyway.
///
/// # Safety
///
/// Only for a processor with the `popcnt` instruction.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt")]
unsafe fn find_with_popcnt(original: &str, norm: &Normalized, hit: impl FnMut(Hit)) {
    find_anywhere(original, norm, hit);
}

/// [`find`] for any processor: inlined into each of its two builds.
#[inline(always)]
fn find_anywhere(original: &str, norm: &Normalized, mut hit: impl FnMut(Hit)) {
    let text = norm.text.as_str();
    let bytes = text.as_bytes();
    let tree = offsets();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let scan = tree.scan[usize::from(b)];
        at += 1;
        // Continuation bytes of UTF-8 have no entry in either root table,
        // so this only goes on at characters that can start a phrase.
        if scan & (STARTS_WORD | STARTS_ANY) == 0 {
            continue;
        }
        let start = at - 1;
        let mut found = |node, end| check_phrases(original, norm, node, start, end, &mut hit);
        if scan & STARTS_WORD != 0 && !after_word_char(tree, text, start) {
            let root = usize::from(WORD_ROOT[usize::from(b)] - 1);
            walk_from(tree, root, bytes, start, &mut found);
        }
        if scan & STARTS_ANY != 0 {
            let root = usize::from(ANY_ROOT[usize::from(b)] - 1);
            walk_from(tree, root, bytes, start, &mut found);
        }
        // The rest of a run of ASCII letters and digits follows a word
        // character, where no phrase of the word tree starts: only the
        // bytes that start a phrase anywhere need a look there. (A byte
        // skipped here would have been looked at in vain; one not skipped
        // is simply looked at.)
        if scan & ALNUM != 0 {
            at = past_run(tree, bytes, at);
        }
    }
    // Unsorted and possibly repeated: the caller groups hits by rule,
    // sorts them and merges their spans, so doing it here was work twice.
}

/// The first byte from `at` on that [`Offsets::scan`] does not mark
/// [`INSIDE_RUN`]. Eight bytes are looked up at a time and the run's
/// length in them counted from a mask, with no branch a byte: the byte
/// loop's exit, taken at a different length each word, was the matcher's
/// most mispredicted branch (12,956 of the corpus's 229,762). Only a run
/// of eight or more, or the note's last bytes, go round again.
#[inline(always)]
fn past_run(tree: &Offsets, bytes: &[u8], mut at: usize) -> usize {
    while let Some(eight) = bytes.get(at..at + 8) {
        let mut inside = 0u32;
        for (i, &b) in eight.iter().enumerate() {
            inside |= u32::from(tree.scan[usize::from(b)] & INSIDE_RUN != 0) << i;
        }
        let run = (!inside).trailing_zeros() as usize;
        at += run;
        if run < 8 {
            return at;
        }
    }
    while bytes
        .get(at)
        .is_some_and(|&b| tree.scan[usize::from(b)] & INSIDE_RUN != 0)
    {
        at += 1;
    }
    at
}

/// Whether the character before byte `at` of `text` is a word character
/// (see [`is_word_char`]). Always inlined: asked at most word starts, and
/// the build of [`find`] with the bit-count instruction did not inline it
/// as a hint (a call and twenty instructions each time). The byte before
/// is read from [`Offsets::scan`], the table the scan has in hand: one
/// test answers most word starts (a space or a mark before them), where
/// the tests for ASCII, a digit and a letter took eleven instructions.
#[inline(always)]
fn after_word_char(tree: &Offsets, text: &str, at: usize) -> bool {
    let Some(&before) = text.as_bytes()[..at].last() else {
        return false;
    };
    let scan = tree.scan[usize::from(before)];
    if scan & (ALNUM | NOT_ASCII) == 0 {
        return false;
    }
    if scan & NOT_ASCII == 0 {
        return true;
    }
    text[..at].chars().next_back().is_some_and(is_word_char)
}

/// Pushes a hit for each phrase of tree node `node`, whose shared first
/// part was found at `start..end`, that holds there. Not inlined: it runs
/// for a few nodes a note, and out of line it leaves `walk`'s loop small
/// (1.4% fewer instructions per note under callgrind).
#[inline(never)]
fn check_phrases(
    original: &str,
    norm: &Normalized,
    node: usize,
    start: usize,
    end: usize,
    hit: &mut impl FnMut(Hit),
) {
    let text = norm.text.as_str();
    // The matched text, `start..end`, is the group's first part.
    let mut starts: Option<WordStarts> = None;
    // Whether the first part stands apart from the words around it, for
    // the phrases that need it to: the same for every phrase of the node,
    // so asked once, not once a phrase.
    let apart_before = boundary_before(text, start);
    let apart_after = boundary_after(text, end, true);
    for phrase in offsets().phrases(node) {
        let rest = phrase.rest();
        let only = rest.is_empty();
        if (phrase.left_bound() && !apart_before)
            || ((!only || phrase.right_bound()) && !apart_after)
        {
            continue;
        }
        let end = if only {
            end
        } else {
            let starts = starts.get_or_insert_with(|| next_word_starts(text, end));
            match match_rest(text, starts, rest, phrase.right_bound()) {
                Some(end) => end,
                None => continue,
            }
        };
        if phrase.followed_by_name() {
            let (_, orig_end) = norm.original_range(start, end);
            if !name_follows(original, orig_end) {
                continue;
            }
        }
        hit(Hit {
            rule: usize::from(phrase.rule),
            start,
            end,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;
    use crate::rules::RULES;

    #[test]
    fn character_tables_agree_with_the_standard_library() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    fn text_hits(note: &str) -> Vec<(&'static str, String)> {
        let n = normalize(note);
        let mut hits = Vec::new();
        find(note, &n, |h| {
            hits.push((RULES[h.rule].id, n.text[h.start..h.end].to_string()))
        });
        hits
    }

    #[test]
    fn next_space_is_the_first_space_from_where_it_starts() {
        for text in [
            "",
            " ",
            "a",
            "abcdefgh ijklmnopqrs tu",
            "one two  three",
            "égalité où  x",
        ] {
            let bytes = text.as_bytes();
            for at in 0..=bytes.len() {
                let want = bytes[at..]
                    .iter()
                    .position(|&b| b == b' ')
                    .map_or(bytes.len(), |p| at + p);
                assert_eq!(next_space(bytes, at), want, "{text:?} from {at}");
            }
        }
    }

    #[test]
    fn respects_word_boundaries() {
        // "let's connect" must not match inside "let's connected".
        assert!(text_hits("let's connected")
            .iter()
            .all(|(id, _)| *id != "EN_CONNECT_REQUEST"));
        assert!(text_hits("Let’s connect!")
            .iter()
            .any(|(id, _)| *id == "EN_CONNECT_REQUEST"));
    }

    #[test]
    fn gaps_allow_a_few_words() {
        let hits = text_hits("I came across your LinkedIn profile today");
        assert!(hits
            .iter()
            .any(|(id, s)| *id == "EN_CAME_ACROSS_PROFILE"
                && s == "came across your linkedin profile"));
    }

    /// The phenomenon notes and every rule's examples, each also with its
    /// words in reverse order and run together.
    fn sample_notes() -> Vec<String> {
        let phenomena = include_str!("../tests/data/phenomena.jsonl")
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string));
        let examples = crate::rules::rule_examples()
            .iter()
            .map(|&(_, _, text)| text.to_string());
        phenomena
            .chain(examples)
            .flat_map(|note| {
                let reversed: Vec<&str> = note.split(' ').rev().collect();
                [reversed.join(" "), note.replace(' ', ""), note]
            })
            .collect()
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn the_bit_count_build_finds_what_the_other_finds() {
        if !std::arch::is_x86_feature_detected!("popcnt") {
            return;
        }
        let mut found = 0;
        for note in sample_notes() {
            let n = normalize(&note);
            let (mut anywhere, mut counted) = (Vec::new(), Vec::new());
            find_anywhere(&note, &n, |h| anywhere.push(h));
            // SAFETY: the processor has the instruction, as asked above.
            unsafe { find_with_popcnt(&note, &n, |h| counted.push(h)) };
            assert_eq!(anywhere, counted, "{note}");
            found += anywhere.len();
        }
        assert!(found > 1000, "{found} hits: the samples hold phrases");
    }

    #[test]
    fn name_must_follow_when_required() {
        assert!(text_hits("we're both connected to Marcus Lee")
            .iter()
            .any(|(id, _)| *id == "EN_NAMED_MUTUAL"));
        assert!(!text_hits("we're both connected to some great people")
            .iter()
            .any(|(id, _)| *id == "EN_NAMED_MUTUAL"));
    }
}

#[cfg(test)]
mod table_tests {
    //! build.rs reads the rule files on its own and folds the phrases with
    //! src/normalize.rs compiled into the build script. These tests compile
    //! the phrases again, at run time, from the rule table the library
    //! carries, and check that the generated tables say the same.
    use super::*;
    use crate::normalize::normalize;
    use crate::rules::RULES;

    /// (rule, parts, left bound, right bound, followed by a name), as the
    /// matcher compiled each phrase at run time before its tables moved to
    /// build.rs.
    type Compiled = (usize, Vec<String>, bool, bool, bool);

    fn compiled_at_run_time() -> Vec<Compiled> {
        let mut out = Vec::new();
        for (rule, info) in RULES.iter().enumerate() {
            for raw in info.phrases() {
                let parts: Vec<String> = raw
                    .trim_matches('*')
                    .split(" ~ ")
                    .map(|p| normalize(p).text)
                    .filter(|p| !p.is_empty())
                    .collect();
                assert!(!parts.is_empty(), "rule {} has an empty phrase", info.id);
                let bounds = (!raw.starts_with('*'), !raw.ends_with('*'));
                out.push((rule, parts, bounds.0, bounds.1, info.followed_by_name));
            }
        }
        out
    }

    /// Every (first part, node) in the tree under `root` that holds phrases.
    fn keys(root: &[u16; 256]) -> Vec<(Vec<u8>, usize)> {
        let tree = offsets();
        let mut out = Vec::new();
        let mut stack: Vec<(usize, Vec<u8>)> = root
            .iter()
            .filter(|&&n| n != 0)
            .map(|&n| (usize::from(n - 1), Vec::new()))
            .collect();
        while let Some((node, mut key)) = stack.pop() {
            key.push(FIRST_BYTE[node]);
            let n = tree.nodes[node];
            key.extend_from_slice(&TAILS[n.tail_at as usize..][..usize::from(n.tail_len)]);
            if !tree.phrases(node).is_empty() {
                out.push((key.clone(), node));
            }
            let first_child = n.children_at();
            for child in first_child..first_child + usize::from(n.child_count) {
                stack.push((child, key.clone()));
            }
        }
        out
    }

    #[test]
    fn generated_tables_match_the_rule_table() {
        let mut from_tables: Vec<Compiled> = Vec::new();
        let mut phrases_seen = 0;
        for (pattern, node) in keys(&WORD_ROOT).into_iter().chain(keys(&ANY_ROOT)) {
            let first = String::from_utf8(pattern).expect("first parts are UTF-8");
            phrases_seen += offsets().phrases(node).len();
            for p in offsets().phrases(node) {
                let mut parts = vec![first.clone()];
                parts.extend(p.rest().iter().map(|s| s.to_string()));
                from_tables.push((
                    usize::from(p.rule),
                    parts,
                    p.left_bound(),
                    p.right_bound(),
                    p.followed_by_name(),
                ));
            }
        }
        assert_eq!(phrases_seen, PHRASES.len(), "every phrase is reachable");
        let mut expected = compiled_at_run_time();
        expected.sort();
        from_tables.sort();
        assert_eq!(from_tables.len(), expected.len());
        for (got, want) in from_tables.iter().zip(&expected) {
            assert_eq!(got, want, "rule {}", RULES[want.0].id);
        }
    }

    #[test]
    fn class_masks_find_what_the_scan_finds() {
        let tree = offsets();
        for n in &tree.nodes {
            let first = n.children_at();
            let children = &FIRST_BYTE[first..first + usize::from(n.child_count)];
            for b in 0..=255u8 {
                let scanned = children.iter().position(|&f| f == b).map(|i| first + i);
                assert_eq!(tree.child(n, b), scanned);
            }
        }
    }

    #[test]
    fn a_mask_that_cannot_place_the_children_asks_for_a_scan() {
        // Sorted: "@" (unclassed) before "a" (classed).
        assert_eq!(child_classes(b"@a"), (0, true));
        let (mask, scan_only) = child_classes(&[b' ', b'a', 0xC3]);
        assert!(!scan_only);
        assert_eq!(mask, 1 | 1 << CLASS[usize::from(b'a')]);
    }

    #[test]
    fn tails_compared_at_once_agree_with_the_bytes() {
        // Each node's tail, in texts that hold it, hold it with a byte
        // changed, or end inside it, at several places.
        for n in &offsets().nodes {
            let (at, len) = (n.tail_at as usize, usize::from(n.tail_len));
            let tail = &TAILS[at..at + len];
            for pad in [0, 3, 9] {
                let mut text = b"x".to_vec();
                text.extend_from_slice(tail);
                text.extend(std::iter::repeat_n(b'q', pad));
                let mut changed = text.clone();
                if len > 0 {
                    changed[len] ^= 1;
                }
                for t in [&text[..], &changed, &text[..text.len() - pad]] {
                    for pos in 0..=t.len() {
                        let want = t.get(pos..pos + len) == Some(tail);
                        assert_eq!(tail_follows(t, pos, at, len), want, "{tail:?} in {t:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn second_steps_go_where_the_first_step_goes() {
        let tree = offsets();
        for (r, row) in tree.second.iter().enumerate() {
            let n = &tree.nodes[r];
            let tail = &TAILS[n.tail_at as usize..][..usize::from(n.tail_len)];
            for b in 0..=255u8 {
                match row[usize::from(CLASS[usize::from(b)])] {
                    0 => {}
                    NO_WALK => {
                        assert_eq!(n.classes & HAS_PHRASES, 0);
                        assert!(tail.first().map_or(tree.child(n, b).is_none(), |&t| t != b));
                    }
                    second => {
                        assert_eq!((n.tail_len, n.classes & HAS_PHRASES), (0, 0));
                        assert_eq!(tree.child(n, b), Some(usize::from(second - 1)));
                    }
                }
            }
        }
    }

    #[test]
    fn parts_after_the_first_start_with_a_byte_no_text_end_has() {
        // `WordStarts` reads the end of the text as a zero byte.
        assert!(REST.iter().all(|part| part.as_bytes().first() > Some(&0)));
    }

    #[test]
    fn word_tree_holds_only_phrases_that_start_a_word() {
        for (pattern, node) in keys(&WORD_ROOT) {
            let first = String::from_utf8(pattern).unwrap();
            assert!(first.chars().next().is_some_and(is_word_char), "{first}");
            assert!(
                offsets().phrases(node).iter().all(Phrase::left_bound),
                "{first}"
            );
        }
    }
}

//! Classifies every line of a file once, for counting instructions with
//! callgrind, which is repeatable on a busy machine where wall time is not:
//!
//! ```sh
//! cargo build --release -p noteworthy-core --example count
//! valgrind --tool=callgrind target/release/examples/count notes.txt
//! ```
//!
//! Run it on an empty file too: the difference is the cost of the notes.

use noteworthy_core::{classify, Invitation, Strictness};

fn main() {
    let path = std::env::args().nth(1).expect("usage: count FILE");
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let mut total = 0i64;
    let mut notes = 0usize;
    // Warm the lazily built parts on an empty note first, so a file of N
    // notes minus an empty file is exactly N notes.
    total += i64::from(classify(&Invitation::with_note("x"), Strictness::Balanced).score);
    for line in text.lines() {
        total += i64::from(classify(&Invitation::with_note(line), Strictness::Balanced).score);
        notes += 1;
    }
    println!("{notes} notes, score sum {total}");
}

//! Native microseconds per note on a list of invitations that another
//! program hands over, so that the wasm and native figures come from the
//! same notes in one run. `bench/wasm-node.mjs` writes its notes to a JSON
//! file and runs
//!
//!   cargo bench -q -p noteworthy-core --bench per_note -- notes.json
//!
//! which prints one JSON line: `{"notes": N, "classify_us_per_note": X}`.
//! The timing is the same as the Node script's: rounds doubled until a run
//! takes 200 ms, then the median of 5 runs.

use noteworthy_core::{classify, Invitation, Strictness};
use std::hint::black_box;
use std::time::Instant;

fn measure(notes: &[Invitation]) -> f64 {
    let run = |rounds: u32| {
        let t = Instant::now();
        for _ in 0..rounds {
            for inv in notes {
                black_box(classify(black_box(inv), Strictness::Balanced));
            }
        }
        t.elapsed().as_secs_f64()
    };
    let mut rounds = 1;
    while run(rounds) <= 0.2 {
        rounds *= 2;
    }
    let mut runs: Vec<f64> = (0..5)
        .map(|_| run(rounds) * 1e6 / f64::from(rounds) / notes.len() as f64)
        .collect();
    runs.sort_by(f64::total_cmp);
    runs[2]
}

fn main() {
    // cargo passes `--bench`; the notes file is the argument that is not a
    // flag. Without one (a plain `cargo bench`) there is nothing to compare
    // against, and `benches/classify.rs` gives the native figures.
    let Some(path) = std::env::args().skip(1).find(|a| !a.starts_with("--")) else {
        eprintln!("per_note: no notes file given (bench/wasm-node.mjs passes one); skipped");
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let notes: Vec<Invitation> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert!(!notes.is_empty(), "{path}: no invitations");
    // The tables are static; this only warms the caches, as the Node
    // script's first call does.
    classify(&notes[0], Strictness::Balanced);
    // PER_NOTE_ROUNDS=N: classify every note N times and stop, for
    // instruction counts (valgrind --tool=callgrind), where wall time on a
    // shared machine is too noisy.
    if let Some(rounds) = std::env::var("PER_NOTE_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
    {
        for _ in 0..rounds {
            for inv in &notes {
                black_box(classify(black_box(inv), Strictness::Balanced));
            }
        }
        return;
    }
    println!(
        "{{\"notes\": {}, \"classify_us_per_note\": {:.3}}}",
        notes.len(),
        measure(&notes)
    );
}

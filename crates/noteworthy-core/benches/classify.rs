//! Notes per second: `cargo bench -p noteworthy-core`.
//!
//! Two workloads: the development corpus (../shared/corpus/dev.jsonl beside
//! the repository, when present) and notes of LinkedIn's full 300
//! characters, the worst case the product meets. A third group,
//! `hostile-16k`, times notes of the largest size judged
//! ([`MAX_NOTE_BYTES`]) made of one character repeated: the shapes that
//! once made the placeholder and link scans quadratic, against a note of
//! letters (the goal: none more than 10 times slower than the letters).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use noteworthy_core::{classify, Invitation, Strictness, MAX_NOTE_BYTES};
use std::hint::black_box;
use std::path::Path;

fn corpus() -> Vec<Invitation> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dev.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "no corpus at {}; skipping the corpus workload",
            path.display()
        );
        return Vec::new();
    };
    text.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .map(|v| Invitation::with_note(v["text"].as_str().unwrap_or("")))
        .collect()
}

fn long_notes() -> Vec<Invitation> {
    let seeds = [
        "Hi Ben, enjoyed your session at DevOpsDays Amsterdam. Your point about error budgets resonated with what we see in our on-call rotations. Would love to connect and continue the conversation about SLOs, alerting and toil. ",
        "Hi Emily! I came across your profile and was impressed by your work in data science. I'm also passionate about this field and would love to expand my professional network with like-minded people. Hope to connect! ",
        "Bonjour Claire, j'aimerais élargir mon réseau professionnel avec des profils comme le vôtre. Nous aidons les PME à automatiser leur comptabilité : seriez-vous ouvert à un échange de 15 minutes ? Bonne journée ! ",
    ];
    seeds
        .iter()
        .map(|s| {
            let mut note: String = s.chars().cycle().take(300).collect();
            note.truncate(note.trim_end().len());
            Invitation::with_note(note)
        })
        .collect()
}

/// 16 KB notes of one unit repeated, named by the unit.
fn hostile_notes() -> Vec<(&'static str, Invitation)> {
    let fill = |unit: &str| unit.repeat(MAX_NOTE_BYTES / unit.len());
    [
        ("letters", fill("abcdefgh")),
        ("brace", fill("{")),
        ("angle", fill("<")),
        ("http", fill("http://")),
        ("bracket", fill("[")),
        ("percent", fill("%")),
        // A thousand questions to "you", each a sentence: the grounded-
        // question detector once asked every earlier sentence for each.
        ("questions", fill("do you see this? ")),
        ("thanks", fill("thanks for cake ")),
    ]
    .into_iter()
    .map(|(name, note)| (name, Invitation::with_note(note)))
    .collect()
}

fn hostile(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile-16k");
    group.throughput(Throughput::Bytes(MAX_NOTE_BYTES as u64));
    for (name, inv) in hostile_notes() {
        group.bench_function(name, |b| {
            b.iter(|| black_box(classify(black_box(&inv), Strictness::Balanced)))
        });
    }
    group.finish();
}

fn bench(c: &mut Criterion) {
    // Build the automaton outside the measurement.
    classify(&Invitation::with_note("warm up"), Strictness::Balanced);
    let mut group = c.benchmark_group("classify");
    for (name, notes) in [("dev-corpus", corpus()), ("300-char", long_notes())] {
        if notes.is_empty() {
            continue;
        }
        group.throughput(Throughput::Elements(notes.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for inv in &notes {
                    black_box(classify(black_box(inv), Strictness::Balanced));
                }
            })
        });
    }
    group.finish();

    // The folding alone, to see what share of the time it takes.
    let long = long_notes();
    c.bench_function("normalize/300-char", |b| {
        b.iter(|| {
            for inv in &long {
                black_box(noteworthy_core::normalize(black_box(
                    inv.note.as_deref().unwrap(),
                )));
            }
        })
    });
    c.bench_function("score/300-char", |b| {
        b.iter(|| {
            for inv in &long {
                black_box(noteworthy_core::score(black_box(inv)));
            }
        })
    });
}

criterion_group!(benches, bench, hostile);
criterion_main!(benches);

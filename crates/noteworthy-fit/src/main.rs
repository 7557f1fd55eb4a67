//! # noteworthy-fit
//!
//! Fits the weights of the rules and of the token model on labelled notes,
//! as SpamAssassin fits its rule scores on a labelled corpus, and reports
//! cross-validated figures: folds split by `source`, so that no template
//! or inbox is both trained and tested on.
//!
//! ```sh
//! cargo run --profile fit -p noteworthy-fit                # cross-validated report
//! cargo run --profile fit -p noteworthy-fit -- --write     # fit on everything, write back
//! ```
//!
//! Reads `../shared/corpus/dev.jsonl` (or `--corpus PATH`) and the team's
//! phenomenon notes in `crates/noteworthy-core/tests/data/phenomena.jsonl`.
//! `--write` rewrites each rule's `weight` in `rules/*.toml` and the token
//! table in `model/tokens.txt`; review the diff like any other change.

mod data;
mod model;
mod report;
mod write;

use noteworthy_core::{Action, Label, Strictness};
use std::path::Path;
use std::process::ExitCode;

use data::Row;
use model::{Settings, Weights};

struct Args {
    corpus: String,
    extra: Vec<String>,
    folds: usize,
    write: bool,
    wrong: bool,
    dump: bool,
    settings: Settings,
}

fn parse_args() -> Result<Args, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut args = Args {
        corpus: std::env::var("NOTEWORTHY_SHARED")
            .map(|s| format!("{s}/corpus/dev.jsonl"))
            .unwrap_or_else(|_| {
                root.join("../shared/corpus/dev.jsonl")
                    .display()
                    .to_string()
            }),
        extra: vec![root
            .join("crates/noteworthy-core/tests/data/phenomena.jsonl")
            .display()
            .to_string()],
        folds: 5,
        write: false,
        wrong: false,
        dump: false,
        settings: Settings::default(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--corpus" => args.corpus = value("--corpus")?,
            "--no-extra" => args.extra.clear(),
            "--folds" => {
                args.folds = value("--folds")?
                    .parse()
                    .map_err(|e| format!("--folds: {e}"))?
            }
            "--write" => args.write = true,
            "--wrong" => args.wrong = true,
            "--dump" => args.dump = true,
            "--no-tokens" => args.settings.tokens = false,
            "--prior" => args.settings.prior = num(&value("--prior")?)?,
            "--token-l2" => args.settings.token_l2 = num(&value("--token-l2")?)?,
            "--personal-cost" => args.settings.personal_cost = num(&value("--personal-cost")?)?,
            "--iterations" => {
                args.settings.iterations =
                    value("--iterations")?.parse().map_err(|e| format!("{e}"))?
            }
            "-h" | "--help" => {
                println!("usage: noteworthy-fit [--corpus PATH] [--no-extra] [--folds N] [--write] [--wrong] [--no-tokens] [--prior X] [--token-l2 X] [--personal-cost X]");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?} (see --help)")),
        }
    }
    if args.folds < 2 {
        return Err("--folds must be 2 or more".into());
    }
    Ok(args)
}

fn num(s: &str) -> Result<f64, String> {
    s.parse().map_err(|e| format!("{s:?}: {e}"))
}

fn judge_all<'a>(rows: &[&'a Row], weights: &Weights, out: &mut report::Judged<'a>) {
    for &row in rows {
        for s in Strictness::ALL {
            let (label, action) = model::judge(row, weights, s);
            out.push((row, s, label, action));
        }
    }
}

/// The personalized rows of a held-out fold that some strictness would
/// suggest declining, with the rules that fired and their fold weights:
/// the worst error, listed so that it can be read, not only counted.
fn print_declined(test: &[&Row], weights: &Weights) {
    for &row in test {
        if row.label != noteworthy_core::Label::Personalized {
            continue;
        }
        let declined: Vec<&str> = Strictness::ALL
            .into_iter()
            .filter(|&s| model::judge(row, weights, s).1 == noteworthy_core::Action::Ignore)
            .map(|s| s.as_str())
            .collect();
        if declined.is_empty() {
            continue;
        }
        print_row(
            row,
            weights,
            &format!("declined at {}", declined.join(", ")),
        );
    }
}

/// One row's held-out score and the rules that fired, with their weights.
fn print_row(row: &Row, weights: &Weights, what: &str) {
    let catalog = noteworthy_core::rule_catalog();
    let (score, fired) = model::score(row, weights);
    let rules: Vec<String> = row
        .inputs
        .rules
        .iter()
        .map(|&i| format!("{} {}", catalog[i].id, weights.rules[i]))
        .collect();
    let learned = fired
        .iter()
        .find(|e| e.category == noteworthy_core::Category::Learned)
        .map_or(0, |e| e.weight);
    println!(
        "  {} {}{} {what}: score {score}, {}, TOKENS {learned}",
        row.label,
        row.id,
        if row.borderline { " (borderline)" } else { "" },
        rules.join(", ")
    );
}

/// The rows of a held-out fold labelled wrong at balanced (not
/// borderline), and every personalized row, borderline or not, told to
/// decline there (the worst error), each with its score and rules.
fn print_wrong_rows(test: &[&Row], weights: &Weights) {
    for &row in test {
        let (label, action) = model::judge(row, weights, Strictness::Balanced);
        let declined = row.label == Label::Personalized && action == Action::Ignore;
        if (!row.borderline && label != row.label) || declined {
            let told = if declined { ", told to decline" } else { "" };
            print_row(row, weights, &format!("judged {label}{told}"));
        }
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("noteworthy-fit: {e}");
            return ExitCode::from(2);
        }
    };
    let mut rows = match data::read(&args.corpus, "corpus") {
        Ok(r) => r,
        Err(e) => {
            eprintln!("noteworthy-fit: {e}");
            return ExitCode::from(2);
        }
    };
    let corpus_len = rows.len();
    for path in &args.extra {
        match data::read(path, "phenomena") {
            Ok(r) => rows.extend(r),
            Err(e) => {
                eprintln!("noteworthy-fit: {e}");
                return ExitCode::from(2);
            }
        }
    }
    println!(
        "{} rows ({corpus_len} corpus, {} phenomenon notes); {} folds by source; settings {:?}",
        rows.len(),
        rows.len() - corpus_len,
        args.folds,
        args.settings
    );
    let corpus: Vec<&Row> = rows[..corpus_len].iter().collect();
    if args.dump {
        // What fired on each row under the written weights, for reading.
        let written = model::written();
        let catalog = noteworthy_core::rule_catalog();
        for row in &corpus {
            let (score, _) = model::score(row, &written);
            let fired: Vec<&str> = row.inputs.rules.iter().map(|&i| catalog[i].id).collect();
            println!(
                "{}\t{}{}\t{score}\t{}",
                row.id,
                row.label,
                if row.borderline { "?" } else { "" },
                fired.join(" ")
            );
        }
        return ExitCode::SUCCESS;
    }

    // The weights as their authors wrote them, without the token model.
    let mut judged = Vec::new();
    judge_all(&corpus, &model::written(), &mut judged);
    report::print(
        "Weights as written in the rule files (no fitting), corpus",
        &judged,
    );

    // Cross-validation: fit on the other folds, judge this one.
    let mut judged = Vec::new();
    for fold in 0..args.folds {
        let train: Vec<&Row> = rows
            .iter()
            .filter(|r| data::fold_of(&r.source, args.folds) != fold)
            .collect();
        let test: Vec<&Row> = corpus
            .iter()
            .copied()
            .filter(|r| data::fold_of(&r.source, args.folds) == fold)
            .collect();
        let weights = model::fit(&train, args.settings);
        judge_all(&test, &weights, &mut judged);
        if args.wrong {
            print_declined(&test, &weights);
            print_wrong_rows(&test, &weights);
        }
    }
    report::print(
        &format!(
            "Cross-validated, {} folds by source, corpus rows",
            args.folds
        ),
        &judged,
    );
    if args.wrong {
        report::print_wrong(&judged, 200);
    }

    if args.write {
        let all: Vec<&Row> = rows.iter().collect();
        let weights = model::fit(&all, args.settings);
        let mut judged = Vec::new();
        judge_all(&corpus, &weights, &mut judged);
        report::print(
            "Fitted on everything, corpus rows (training figures)",
            &judged,
        );
        let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("../noteworthy-core");
        let about = format!(
            "{} rows ({corpus_len} corpus, the rest phenomenon notes)",
            rows.len()
        );
        match write::rules(&core.join("rules"), &weights).and_then(|r| {
            Ok((
                r,
                write::tokens(&core.join("model/tokens.txt"), &weights, &about)?,
            ))
        }) {
            Ok((r, t)) => println!("\nwrote {r} changed rule weights and {t} token weights"),
            Err(e) => {
                eprintln!("noteworthy-fit: {e}");
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}

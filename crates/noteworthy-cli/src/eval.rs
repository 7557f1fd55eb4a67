//! `noteworthy eval`: how well the classifier agrees with a labelled
//! corpus, at every strictness.
//!
//! The corpus is JSON lines as in `shared/corpus/dev.jsonl`: `id`, `text`,
//! `label` (blank / generic / personalized), `lang`, `borderline` and
//! other fields that are ignored. Borderline rows are those whose label
//! depends on how strict the reader is, so the accuracy gate
//! (`--min-accuracy`) is measured on the other rows only.

use crate::args::{parse_fraction, parse_strictness};
use crate::classify_cmd::snippet;
use crate::exit::{complain, Status};
use crate::input::{self, Location};
use crate::rule_hits::{self, rule_hits, RulesReport};
use noteworthy_core::{
    action_for, label_for, score, threshold, Action, Invitation, Label, Scored, Strictness,
};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Arguments of `noteworthy eval`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Exit status: 0 all rows read (and accuracy at or above --min-accuracy), 1 some
rows unreadable, 2 usage error or unreadable file, 3 accuracy below
--min-accuracy.")]
pub struct EvalArgs {
    /// Labelled corpus in JSON lines (fields id, text, label, lang, borderline).
    #[arg(value_name = "FILE.jsonl")]
    pub file: String,
    /// Print one JSON object instead of the readable report.
    #[arg(long)]
    pub json: bool,
    /// Fail (exit 3) when accuracy on non-borderline rows at --strictness is
    /// below this fraction (0..1), or when any blank row is not judged blank.
    #[arg(long, value_name = "X", value_parser = parse_fraction)]
    pub min_accuracy: Option<f64>,
    /// Report how often each rule fires on rows of each label and on rows
    /// judged wrongly (SpamAssassin's hit frequencies), instead of accuracy.
    #[arg(long)]
    pub rules: bool,
    /// The strictness --min-accuracy is checked at, and --rules judges
    /// rows wrong at.
    #[arg(short, long, value_name = "LEVEL", default_value = "balanced", value_parser = parse_strictness)]
    pub strictness: Strictness,
}

/// One labelled row of the corpus.
#[derive(Debug, Clone)]
pub struct Row {
    /// Where the row is.
    pub location: Location,
    /// The row's `id`, or its location when it has none.
    pub id: String,
    /// The note and people.
    pub invitation: Invitation,
    /// The label the corpus gives.
    pub expected: Label,
    /// The corpus's language tag (`und` when missing).
    pub lang: String,
    /// Whether the label depends on strictness.
    pub borderline: bool,
}

fn parse_label(s: &str) -> Option<Label> {
    Label::ALL.into_iter().find(|l| l.as_str() == s)
}

/// Reads the corpus rows; bad rows come back as located messages.
pub fn read_rows(source: &str, bytes: &[u8]) -> (Vec<Row>, Vec<input::InputError>) {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in input::split_lines(bytes) {
        if line.trim_ascii().is_empty() {
            continue;
        }
        let location = Location {
            source: source.to_string(),
            line: n,
        };
        match parse_row(line, &location) {
            Ok(row) => rows.push(row),
            Err(message) => errors.push(input::InputError { location, message }),
        }
    }
    (rows, errors)
}

fn parse_row(line: &[u8], location: &Location) -> Result<Row, String> {
    let text = input::line_to_str(line)?;
    let object = input::parse_json_object(text)?;
    let (invitation, id) = input::invitation_from_json(&object)?;
    let expected = match object.get("label") {
        Some(Value::String(s)) => parse_label(s)
            .ok_or_else(|| format!("label {s:?} is not one of blank, generic, personalized"))?,
        Some(_) => return Err("\"label\" must be a string".into()),
        None => return Err("no \"label\" field".into()),
    };
    let lang = match object.get("lang") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        _ => "und".to_string(),
    };
    let borderline = match object.get("borderline") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err("\"borderline\" must be true or false".into()),
    };
    Ok(Row {
        location: location.clone(),
        id: id.unwrap_or_else(|| location.to_string()),
        invitation,
        expected,
        lang,
        borderline,
    })
}

/// Correct out of total, with the fraction (absent when there are none).
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Tally {
    /// Rows judged as labelled.
    pub correct: usize,
    /// Rows counted.
    pub total: usize,
    /// `correct / total`, or `null` for no rows.
    pub accuracy: Option<f64>,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.correct += usize::from(ok);
        self.accuracy = Some(self.correct as f64 / self.total as f64);
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.accuracy {
            Some(a) => write!(f, "{:5.1}%  ({}/{})", a * 100.0, self.correct, self.total),
            None => write!(f, "   n/a  (0 rows)"),
        }
    }
}

/// A row the classifier got wrong.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    /// Row id.
    pub id: String,
    /// Line in the corpus file.
    pub line: usize,
    /// Corpus label.
    pub expected: Label,
    /// Classifier label.
    pub got: Label,
    /// Classifier score.
    pub score: i32,
    /// Threshold at this strictness.
    pub threshold: i32,
    /// Whether the row is borderline.
    pub borderline: bool,
    /// The first 80 characters of the note.
    pub text: String,
}

/// Results at one strictness.
#[derive(Debug, Clone, Serialize)]
pub struct StrictnessResult {
    /// The strictness judged at.
    pub strictness: Strictness,
    /// All rows.
    pub overall: Tally,
    /// Rows not marked borderline.
    pub not_borderline: Tally,
    /// Rows labelled blank that were judged something else. A blank note
    /// is the one judgement that must never be wrong.
    pub blank_rows_not_blank: usize,
    /// Rows labelled personalized whose suggested action is Ignore: the
    /// worst error this product can make.
    pub personalized_declined: usize,
    /// Counts by expected label, then by the label given.
    pub confusion: BTreeMap<Label, BTreeMap<Label, usize>>,
    /// Accuracy per corpus language.
    pub languages: BTreeMap<String, Tally>,
    /// The rows judged wrongly, in corpus order.
    pub wrong: Vec<Miss>,
}

/// How many characters of a wrong row's note are shown.
const WRONG_TEXT_CHARS: usize = 80;

/// Runs the rules on every row once; the label at each strictness is then
/// only a threshold on the same score.
pub fn score_rows(rows: &[Row]) -> Vec<Scored> {
    rows.iter().map(|row| score(&row.invitation)).collect()
}

/// Tallies the rows at `strictness`, from their scores (see [`score_rows`]).
pub fn evaluate(rows: &[Row], scores: &[Scored], strictness: Strictness) -> StrictnessResult {
    let mut result = StrictnessResult {
        strictness,
        overall: Tally::default(),
        not_borderline: Tally::default(),
        blank_rows_not_blank: 0,
        personalized_declined: 0,
        confusion: Label::ALL
            .into_iter()
            .map(|e| (e, Label::ALL.into_iter().map(|g| (g, 0)).collect()))
            .collect(),
        languages: BTreeMap::new(),
        wrong: Vec::new(),
    };
    for (row, scored) in rows.iter().zip(scores) {
        let label = label_for(scored.has_note, scored.score, strictness);
        let ok = label == row.expected;
        result.overall.add(ok);
        if !row.borderline {
            result.not_borderline.add(ok);
        }
        result
            .languages
            .entry(row.lang.clone())
            .or_default()
            .add(ok);
        *result
            .confusion
            .entry(row.expected)
            .or_default()
            .entry(label)
            .or_default() += 1;
        if row.expected == Label::Blank && label != Label::Blank {
            result.blank_rows_not_blank += 1;
        }
        if row.expected == Label::Personalized
            && action_for(label, scored.score, strictness, &scored.evidence) == Action::Ignore
        {
            result.personalized_declined += 1;
        }
        if !ok {
            let note = row.invitation.note.as_deref().unwrap_or("");
            let text: String = note.chars().take(WRONG_TEXT_CHARS).collect();
            result.wrong.push(Miss {
                id: row.id.clone(),
                line: row.location.line,
                expected: row.expected,
                got: label,
                score: scored.score,
                threshold: threshold(strictness),
                borderline: row.borderline,
                text,
            });
        }
    }
    result
}

/// The `--min-accuracy` check and its outcome.
#[derive(Debug, Clone, Serialize)]
pub struct Gate {
    /// Strictness checked at.
    pub strictness: Strictness,
    /// Required fraction on non-borderline rows.
    pub min_accuracy: f64,
    /// Measured fraction (`null` when there were no such rows).
    pub accuracy: Option<f64>,
    /// Blank rows judged other than blank: any fails the gate, as a missing
    /// note is blank by definition.
    pub blank_rows_not_blank: usize,
    /// Whether the requirement was met. No rows to measure is a failure: a
    /// gate that checks nothing should not pass.
    pub passed: bool,
}

/// The whole `--json` report.
#[derive(Debug, Serialize)]
struct Report<'a> {
    file: &'a str,
    rows: usize,
    unreadable_rows: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    results: Option<&'a [StrictnessResult]>,
    /// With `--rules`: the hit frequencies instead of the accuracy.
    #[serde(skip_serializing_if = "Option::is_none")]
    rules: Option<&'a RulesReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gate: Option<&'a Gate>,
}

/// Runs `eval`.
pub fn run(args: &EvalArgs, out: &mut dyn Write) -> io::Result<Status> {
    let (source, bytes) = match input::read_source(&args.file) {
        Ok(read) => read,
        Err(e) => {
            complain(format_args!("cannot read {}: {e}", args.file));
            return Ok(Status::Usage);
        }
    };
    let (rows, errors) = read_rows(&source, &bytes);
    let mut status = Status::Ok;
    for e in &errors {
        complain(e);
        status = status.worst(Status::InputErrors);
    }
    let scores = score_rows(&rows);
    let results: Vec<StrictnessResult> = Strictness::ALL
        .into_iter()
        .map(|s| evaluate(&rows, &scores, s))
        .collect();
    let gate = args.min_accuracy.map(|min| {
        let at = results.iter().find(|r| r.strictness == args.strictness);
        let accuracy = at.and_then(|r| r.not_borderline.accuracy);
        let blank_rows_not_blank = at.map_or(0, |r| r.blank_rows_not_blank);
        Gate {
            strictness: args.strictness,
            min_accuracy: min,
            accuracy,
            blank_rows_not_blank,
            passed: accuracy.is_some_and(|a| a >= min) && blank_rows_not_blank == 0,
        }
    });

    let hits = args
        .rules
        .then(|| rule_hits(&rows, &scores, args.strictness));
    if args.json {
        let report = Report {
            file: &source,
            rows: rows.len(),
            unreadable_rows: errors.len(),
            results: hits.is_none().then_some(results.as_slice()),
            rules: hits.as_ref(),
            gate: gate.as_ref(),
        };
        let json = serde_json::to_string(&report).map_err(io::Error::other)?;
        writeln!(out, "{json}")?;
    } else if let Some(hits) = &hits {
        rule_hits::write_text(out, &source, errors.len(), hits)?;
    } else {
        write_text(out, &source, rows.len(), errors.len(), &results)?;
    }
    out.flush()?;

    if let Some(gate) = &gate {
        let measured = gate
            .accuracy
            .map_or("n/a (no non-borderline rows)".to_string(), |a| {
                format!("{a:.3}")
            });
        if gate.passed {
            if !args.json {
                writeln!(
                    out,
                    "\nmin-accuracy {:.3} at {}: met ({measured})",
                    gate.min_accuracy, gate.strictness
                )?;
            }
        } else {
            if gate.blank_rows_not_blank > 0 {
                complain(format_args!(
                    "{} blank rows were not judged blank at {}",
                    gate.blank_rows_not_blank, gate.strictness
                ));
            }
            if !gate.accuracy.is_some_and(|a| a >= gate.min_accuracy) {
                complain(format_args!(
                    "accuracy on non-borderline rows at {} is {measured}, below --min-accuracy {:.3}",
                    gate.strictness, gate.min_accuracy
                ));
            }
            status = status.worst(Status::BelowMinAccuracy);
        }
    }
    Ok(status)
}

fn write_text(
    out: &mut dyn Write,
    source: &str,
    rows: usize,
    unreadable: usize,
    results: &[StrictnessResult],
) -> io::Result<()> {
    write!(out, "{source}: {rows} rows")?;
    if unreadable > 0 {
        write!(out, " ({unreadable} unreadable, not counted)")?;
    }
    writeln!(out)?;
    for r in results {
        writeln!(out, "\n== {} ==", r.strictness)?;
        writeln!(out, "accuracy             {}", r.overall)?;
        writeln!(out, "  not borderline     {}", r.not_borderline)?;
        writeln!(out, "blank rows not blank {}", r.blank_rows_not_blank)?;
        writeln!(out, "personalized → ignore {}", r.personalized_declined)?;

        writeln!(out, "confusion (rows: expected, columns: got)")?;
        write!(out, "  {:<14}", "")?;
        for got in Label::ALL {
            write!(out, "{:>13}", got.as_str())?;
        }
        writeln!(out)?;
        for expected in Label::ALL {
            write!(out, "  {:<14}", expected.as_str())?;
            for got in Label::ALL {
                let n = r
                    .confusion
                    .get(&expected)
                    .and_then(|m| m.get(&got))
                    .copied()
                    .unwrap_or(0);
                write!(out, "{n:>13}")?;
            }
            writeln!(out)?;
        }

        writeln!(out, "by language")?;
        for (lang, tally) in &r.languages {
            writeln!(out, "  {lang:<5} {tally}")?;
        }

        writeln!(out, "wrong ({})", r.wrong.len())?;
        for m in &r.wrong {
            writeln!(
                out,
                "  {}{}  {} -> {}  score {}/{}  {}",
                m.id,
                if m.borderline { " (borderline)" } else { "" },
                m.expected,
                m.got,
                m.score,
                m.threshold,
                snippet(&m.text, WRONG_TEXT_CHARS)
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CORPUS: &str = r#"{"id":"a","text":"","label":"blank","lang":"und","borderline":false}
{"id":"b","text":null,"label":"blank","lang":"und"}
{"id":"c","text":"hello","label":"nonsense","lang":"en"}
not json
{"id":"d","text":"hi","lang":"en"}
{"id":"e","text":"x","label":"generic","borderline":"yes"}
"#;

    #[test]
    fn rows_are_read_and_bad_rows_named() {
        let (rows, errors) = read_rows("dev.jsonl", CORPUS.as_bytes());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].id, "b");
        assert_eq!(rows[1].lang, "und");
        assert!(!rows[1].borderline);
        let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(messages[0].starts_with("dev.jsonl:3: label \"nonsense\""));
        assert!(messages[1].starts_with("dev.jsonl:4: malformed JSON"));
        assert!(messages[2].starts_with("dev.jsonl:5: no \"label\""));
        assert!(messages[3].starts_with("dev.jsonl:6: \"borderline\""));
    }

    #[test]
    fn personalized_rows_told_to_decline_are_counted() {
        let rows = concat!(
            r#"{"id":"p","text":"I'd like to add you to my professional network on LinkedIn.","label":"personalized"}"#,
            "\n",
            r#"{"id":"q","text":"We met at PyCon Lisbon last week, your talk on Kafka queues stayed with me.","label":"personalized"}"#,
            "\n",
        );
        let (rows, _) = read_rows("dev.jsonl", rows.as_bytes());
        let r = evaluate(&rows, &score_rows(&rows), Strictness::Balanced);
        assert_eq!(r.personalized_declined, 1);
    }

    #[test]
    fn blank_rows_are_judged_blank_and_tallied() {
        let (rows, _) = read_rows("dev.jsonl", CORPUS.as_bytes());
        let r = evaluate(&rows, &score_rows(&rows), Strictness::Balanced);
        assert_eq!(
            r.overall,
            Tally {
                correct: 2,
                total: 2,
                accuracy: Some(1.0)
            }
        );
        assert_eq!(r.blank_rows_not_blank, 0);
        assert_eq!(r.confusion[&Label::Blank][&Label::Blank], 2);
        assert_eq!(r.languages["und"].total, 2);
        assert!(r.wrong.is_empty());
    }

    #[test]
    fn tally_without_rows_has_no_accuracy() {
        let t = Tally::default();
        assert_eq!(t.accuracy, None);
        assert_eq!(t.to_string(), "   n/a  (0 rows)");
    }
}

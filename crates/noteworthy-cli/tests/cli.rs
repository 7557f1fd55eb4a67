//! Runs the real `noteworthy` binary on the fixtures in `tests/data/`.
//!
//! Only clear-cut notes have their labels asserted (LinkedIn's stock
//! sentence is generic, an empty note is blank); the rules for subtle
//! notes are still being tuned, so for those only the shape of the output
//! is checked.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const STOCK: &str = "I'd like to add you to my professional network on LinkedIn.";

fn data(name: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "data", name]
        .iter()
        .collect();
    path.to_string_lossy().into_owned()
}

/// Runs the binary with `args` and `stdin`, with colour left to `auto` but
/// NO_COLOR set so a developer's terminal settings cannot leak in.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_noteworthy"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    // Write from another thread so a large input cannot deadlock against a
    // full stdout pipe.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().expect("binary finishes");
    writer.join().unwrap();
    output
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited, not killed by a signal")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn classify_text_file_gives_one_located_verdict_per_line() {
    let file = data("notes.txt");
    let o = run(&["classify", &file], b"");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json_lines(&o);
    assert_eq!(v.len(), 4, "one verdict per line, the empty one included");
    for (i, verdict) in v.iter().enumerate() {
        assert_eq!(verdict["file"], file.as_str());
        assert_eq!(verdict["line"], i + 1);
        for key in [
            "label",
            "score",
            "threshold",
            "action",
            "language",
            "evidence",
        ] {
            assert!(verdict.get(key).is_some(), "{key} missing: {verdict}");
        }
    }
    assert_eq!(v[0]["label"], "generic");
    assert!(!v[0]["evidence"].as_array().unwrap().is_empty());
    assert_eq!(v[1]["label"], "blank", "an empty line is a blank note");
    assert_ne!(v[2]["label"], "blank");
    assert_eq!(v[3]["label"], "generic");
}

#[test]
fn classify_reads_stdin_and_names_an_invalid_utf8_line() {
    let mut input = Vec::new();
    input.extend_from_slice(STOCK.as_bytes());
    input.extend_from_slice(b"\nbroken \xC3\x28 bytes\n\n");
    input.extend_from_slice(STOCK.as_bytes());
    let o = run(&["classify"], &input);
    assert_eq!(code(&o), 1, "a failed line makes the status 1");
    let err = stderr(&o);
    assert!(err.contains("<stdin>:2: not valid UTF-8"), "{err}");
    let v = json_lines(&o);
    assert_eq!(v.len(), 4, "the bad line keeps its place: {v:?}");
    assert_eq!(v[0]["label"], "generic");
    assert_eq!(v[1]["line"], 2);
    assert!(v[1]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(v[2]["label"], "blank");
    assert_eq!(
        (v[3]["line"].clone(), v[3]["label"].clone()),
        (4.into(), "generic".into())
    );
}

#[test]
fn classify_json_lines_names_the_malformed_line_and_keeps_ids() {
    let file = data("notes.jsonl");
    let o = run(&["classify", &file], b"");
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains(&format!("{file}:4: malformed JSON")), "{err}");
    let v = json_lines(&o);
    assert_eq!(v.len(), 4, "three verdicts and one error line: {v:?}");
    assert_eq!(
        (v[0]["id"].as_str(), v[0]["label"].as_str()),
        (Some("j1"), Some("generic"))
    );
    assert_eq!(
        (v[1]["id"].as_str(), v[1]["label"].as_str()),
        (Some("j2"), Some("blank"))
    );
    assert_eq!(v[2]["line"], 4);
    assert!(v[2].get("error").is_some());
    assert_eq!(
        (v[3]["id"].as_str(), v[3]["line"].as_u64()),
        (Some("j4"), Some(5))
    );
    assert!(v[3].get("label").is_some());
}

#[test]
fn classify_invitations_csv_handles_quoted_newlines_blanks_and_a_bad_row() {
    let file = data("Invitations.csv");
    let o = run(&["classify", &file], b"");
    assert_eq!(code(&o), 1, "the short row fails");
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{file}:10: CSV row has 4 fields but the header has 7"
        )),
        "{err}"
    );
    let v = json_lines(&o);
    let lines: Vec<u64> = v.iter().map(|x| x["line"].as_u64().unwrap()).collect();
    assert_eq!(
        lines,
        [2, 3, 4, 7, 8, 9, 10],
        "records start where the CSV says"
    );
    let labels: Vec<&str> = v
        .iter()
        .map(|x| x["label"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(labels[0], "generic");
    assert_eq!(labels[1], "blank");
    assert_ne!(labels[2], "blank", "the multi-line note was read whole");
    assert_eq!(labels[3], "blank");
    assert_eq!(labels[4], "blank");
    assert_eq!(labels[5], "generic");
    assert_eq!(v[0]["direction"], "INCOMING");
    assert_eq!(v[5]["direction"], "OUTGOING");
}

#[test]
fn csv_without_message_column_is_reported_not_read_as_text() {
    let file = data("no_message_column.csv");
    let o = run(&["classify", &file], b"");
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains(&format!("{file}:1: CSV header has no Message column")),
        "{}",
        stderr(&o)
    );
    assert_eq!(json_lines(&o).len(), 1, "only the error line, no verdicts");
}

#[test]
fn classify_text_format_prints_one_readable_line_per_note() {
    let file = data("notes.txt");
    let o = run(&["classify", "--format", "text", &file], b"");
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(
        lines[0].starts_with(&format!("{file}:1  generic ")),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(&format!("{file}:2  blank ")),
        "{}",
        lines[1]
    );
    assert!(lines[0].contains("\"I'd like to add you"), "{}", lines[0]);
}

#[test]
fn unknown_strictness_is_a_usage_error() {
    let o = run(&["classify", "--strictness", "harsh"], b"hello\n");
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("unknown strictness \"harsh\""), "{err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn missing_file_is_named_and_other_files_still_judged() {
    let good = data("notes.txt");
    let o = run(&["classify", "no/such/file.txt", &good], b"");
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("cannot read no/such/file.txt"),
        "{}",
        stderr(&o)
    );
    assert_eq!(json_lines(&o).len(), 4);
}

#[test]
fn a_long_line_under_the_cap_is_judged_on_its_start() {
    let mut input = STOCK.repeat(1 + (20 << 10) / STOCK.len()).into_bytes();
    input.extend_from_slice(b"\n\n");
    let o = run(&["classify"], &input);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json_lines(&o);
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["label"], "generic");
    assert_eq!(v[1]["label"], "blank");
    assert!(stderr(&o).contains("<stdin>:1: note is"), "{}", stderr(&o));
}

/// Issue 8, item 7: input was read whole, so `classify /dev/zero` grew
/// without bound. A line over 64 KiB is now named and skipped, and the
/// lines after it are judged.
#[test]
fn a_megabyte_line_is_named_and_skipped_and_the_rest_judged() {
    let mut input = STOCK.repeat(1 + (1 << 20) / STOCK.len()).into_bytes();
    input.extend_from_slice(b"\n\n");
    input.extend_from_slice(STOCK.as_bytes());
    let o = run(&["classify"], &input);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v = json_lines(&o);
    assert_eq!(v.len(), 3);
    assert_eq!(v[0]["line"], 1);
    assert!(v[0]["error"]
        .as_str()
        .unwrap()
        .contains("longer than 64 KiB"));
    assert_eq!(
        (v[1]["line"].clone(), v[1]["label"].clone()),
        (2.into(), "blank".into())
    );
    assert_eq!(
        (v[2]["line"].clone(), v[2]["label"].clone()),
        (3.into(), "generic".into())
    );
    assert!(
        stderr(&o).contains("<stdin>:1: line is longer than 64 KiB; skipped"),
        "{}",
        stderr(&o)
    );
}

/// A NUL byte (a binary or UTF-16 file, or `/dev/zero`) stops that input
/// at once with a message; the other files are still read.
#[test]
fn a_nul_byte_stops_the_file_and_names_the_line() {
    let mut input = format!("{STOCK}\n").into_bytes();
    input.extend(vec![0u8; 1 << 20]);
    let o = run(&["classify", "-", &data("notes.txt")], &input);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v = json_lines(&o);
    assert_eq!(
        v.len(),
        2 + 4,
        "one verdict, one error, then the other file"
    );
    assert_eq!(v[0]["label"], "generic");
    assert_eq!(v[1]["line"], 2);
    assert!(
        stderr(&o).contains("<stdin>:2: NUL byte at column 1: this is not UTF-8 text"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn classify_help_says_an_empty_line_is_blank() {
    let o = run(&["classify", "--help"], b"");
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("EMPTY LINE IS A BLANK NOTE"));
}

#[test]
fn explain_marks_evidence_without_colour_when_piped() {
    let o = run(&["explain", STOCK], b"");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("Label:     generic\n"), "{out}");
    assert!(out.contains("Action:    "), "{out}");
    assert!(out.contains("Score:     "), "{out}");
    assert!(out.contains("[[") && out.contains("]]"), "{out}");
    assert!(out.contains("Rules that fired:"), "{out}");
    assert!(!out.contains('\x1b'), "no colour in a pipe");
}

#[test]
fn explain_colour_always_uses_ansi() {
    let o = run(&["explain", "--color", "always", STOCK], b"");
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.contains("\x1b["), "{out}");
    assert!(!out.contains("[["), "{out}");
}

#[test]
fn explain_reads_the_note_from_stdin_with_dash() {
    let o = run(&["explain", "-", "--strictness", "strict"], b"\n");
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.starts_with("Label:     blank\n"), "{out}");
    assert!(out.contains("at strict strictness"), "{out}");

    let bad = run(&["explain", "-"], b"caf\xE9\n");
    assert_eq!(code(&bad), 1);
    assert!(
        stderr(&bad).contains("<stdin>: not valid UTF-8"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn eval_reports_every_strictness_and_passes_a_met_gate() {
    let file = data("corpus.jsonl");
    let o = run(&["eval", &file, "--min-accuracy", "0.99"], b"");
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    for s in ["== lenient ==", "== balanced ==", "== strict =="] {
        assert!(out.contains(s), "{out}");
    }
    assert!(out.contains("blank rows not blank 0"), "{out}");
    assert!(
        out.contains("confusion (rows: expected, columns: got)"),
        "{out}"
    );
    assert!(out.contains("min-accuracy 0.990 at balanced: met"), "{out}");
}

#[test]
fn eval_json_has_the_same_figures() {
    let file = data("corpus.jsonl");
    let o = run(&["eval", "--json", &file], b"");
    assert_eq!(code(&o), 0);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["rows"], 4);
    let results = v["results"].as_array().unwrap();
    let names: Vec<&str> = results
        .iter()
        .map(|r| r["strictness"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["lenient", "balanced", "strict"]);
    for r in results {
        assert_eq!(r["not_borderline"]["total"], 3);
        assert_eq!(r["not_borderline"]["correct"], 3, "clear-cut rows: {r}");
        assert_eq!(r["blank_rows_not_blank"], 0);
        assert_eq!(r["confusion"]["blank"]["blank"], 2);
        assert_eq!(r["languages"]["und"]["total"], 2);
    }
}

#[test]
fn eval_gate_fails_below_min_accuracy_and_names_bad_rows() {
    let file = data("corpus_mislabelled.jsonl");
    let o = run(&["eval", &file, "--min-accuracy", "0.9"], b"");
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{file}:3: no \"label\" field")),
        "{err}"
    );
    assert!(
        err.contains("is 0.500, below --min-accuracy 0.900"),
        "{err}"
    );
    assert!(
        stdout(&o).contains("m-2  personalized -> generic"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn eval_gate_fails_when_a_blank_row_is_not_blank() {
    // Accuracy 2/3 meets 0.5, but a row labelled blank came out otherwise.
    let file = data("corpus_blank_mislabelled.jsonl");
    let o = run(&["eval", &file, "--min-accuracy", "0.5"], b"");
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 blank rows were not judged blank at balanced"),
        "{}",
        stderr(&o)
    );
    assert!(
        !stderr(&o).contains("below --min-accuracy"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn eval_rules_counts_hits_per_label_and_on_wrong_rows() {
    // m-2 is LinkedIn's stock sentence labelled personalized: the stock
    // rule fires on one personalized row, which is judged wrong.
    let file = data("corpus_mislabelled.jsonl");
    let o = run(&["eval", "--rules", &file], b"");
    assert_eq!(code(&o), 1, "one row has no label: {}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with(&format!(
            "{file}: 2 rows, 1 blank, 0 generic, 1 personalized (1 unreadable, not counted)\n"
        )),
        "{out}"
    );
    assert!(out.contains("wrong at balanced: 1 rows"), "{out}");
    let stock = out
        .lines()
        .find(|l| l.starts_with("EN_STOCK_INVITE "))
        .unwrap_or_else(|| panic!("{out}"));
    let cells: Vec<&str> = stock.split_whitespace().collect();
    // RULE HITS BLANK(n %) GENERIC(n -) PERSONAL(n %) WRONG(n %) …
    assert_eq!(
        cells[..10],
        [
            "EN_STOCK_INVITE",
            "1",
            "0",
            "0.0%",
            "0",
            "-",
            "1",
            "100.0%",
            "1",
            "100.0%"
        ],
        "{stock}"
    );
    assert!(out.contains("\nnever fired ("), "{out}");
    assert!(out.contains(" EN_MET_BEFORE"), "{out}");
    // The accuracy report is replaced, not appended to.
    assert!(!out.contains("== balanced =="), "{out}");

    let j = run(
        &["eval", "--rules", "--json", "--strictness", "strict", &file],
        b"",
    );
    let v: Value = serde_json::from_str(&stdout(&j)).unwrap();
    assert_eq!(v["rows"], 2);
    assert!(v.get("results").is_none(), "{v}");
    let rules = &v["rules"];
    assert_eq!(rules["strictness"], "strict");
    assert_eq!(rules["rows_by_label"]["personalized"], 1);
    let stock = rules["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "EN_STOCK_INVITE")
        .unwrap();
    assert_eq!(stock["hits"], 1);
    assert_eq!(stock["by_label"]["personalized"]["hits"], 1);
    assert_eq!(stock["by_label"]["personalized"]["fraction"], 1.0);
    assert_eq!(stock["by_label"]["generic"]["fraction"], Value::Null);
    assert_eq!(stock["wrong"]["hits"], 1);
    assert_eq!(stock["side"], "generic");
    assert_eq!(stock["category"], "stock");
    let never: Vec<&str> = rules["never_fired"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(never.contains(&"EN_MET_BEFORE") && !never.contains(&"EN_STOCK_INVITE"));
}

#[test]
fn eval_min_accuracy_must_be_a_fraction() {
    let o = run(
        &["eval", &data("corpus.jsonl"), "--min-accuracy", "90"],
        b"",
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("not between 0 and 1"), "{}", stderr(&o));
}

#[test]
fn report_counts_received_and_sent_with_bars() {
    let file = data("Invitations.csv");
    let o = run(&["report", &file], b"");
    assert_eq!(code(&o), 1, "the short row is reported");
    assert!(
        stderr(&o).contains(&format!("{file}:10: ")),
        "{}",
        stderr(&o)
    );
    let out = stdout(&o);
    assert!(
        out.contains("6 invitations judged at balanced strictness (1 rows unreadable"),
        "{out}"
    );
    assert!(
        out.contains("\nReceived (4)\n  blank            2   50%  █"),
        "{out}"
    );
    assert!(
        out.contains("\nSent (2)\n  blank            1   50%  █"),
        "{out}"
    );

    let j = run(&["report", "--json", &file], b"");
    let v: Value = serde_json::from_str(&stdout(&j)).unwrap();
    assert_eq!(v["received"]["blank"], 2);
    assert_eq!(v["sent"]["blank"], 1);
    assert_eq!(v["sent"]["generic"], 1);
    assert_eq!(v["unreadable_rows"], 1);
}

#[test]
fn report_refuses_a_file_that_is_not_an_export() {
    let file = data("notes.txt");
    let o = run(&["report", &file], b"");
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("not a LinkedIn Invitations.csv export"));
}

/// Issue 8, item 11: no bidi control reaches the terminal as itself.
#[test]
fn explain_escapes_bidi_controls() {
    let note =
        "Great talk \u{202E}!uoy knaht\u{202C}, I'd like to add you to my professional network.";
    let o = run(&["explain", note], b"");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        !out.contains('\u{202E}') && !out.contains('\u{202C}'),
        "{out}"
    );
    // Escaped where they stood (the words around may carry evidence
    // markers, as the token model's weights move).
    assert!(out.contains("\\u{202e}!uoy knaht\\u{202c}, "), "{out}");
}

/// Issue 8, item 9: a text file whose first note starts with `{` was read
/// as JSON lines and every line failed.
#[test]
fn a_text_file_starting_with_a_brace_is_read_as_text() {
    let input = format!("{{first_name}}, {STOCK}\n{STOCK}\n");
    let o = run(&["classify"], input.as_bytes());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json_lines(&o);
    assert_eq!(v.len(), 2);
    assert!(v.iter().all(|v| v["label"] == "generic"), "{v:?}");
    assert!(
        stderr(&o).contains("<stdin>:1: starts with '{' but is not a JSON object"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn input_flag_forces_the_format() {
    let input = b"{\"text\": \"hi\"}\n";
    let o = run(&["classify", "--input", "text"], input);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json_lines(&o).len(), 1);
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let o = run(&["classify", "--input", "jsonl"], b"{first_name} hi\n");
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("<stdin>:1: malformed JSON"),
        "{}",
        stderr(&o)
    );
    let o = run(&["classify", "--input", "csv"], b"just a note\n");
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("<stdin>:1: CSV header has no"),
        "{}",
        stderr(&o)
    );
    let o = run(&["classify", "--input", "yaml"], b"");
    assert_eq!(code(&o), 2);
}

/// Issue 8, item 8, through the binary: CRLF line numbers and a bad quote
/// that no longer swallows the rows after it.
#[test]
fn csv_with_crlf_and_a_bad_quote_names_every_row() {
    let csv = "From,To,Sent At,Message,Direction\r\n\
               Ana Ruiz,Bo Lind,1/2/24,\"Hi Bo,\r\nwe met at RustConf.\",INCOMING\r\n\
               Cy Moss,Bo Lind,1/3/24,\"oops,INCOMING\r\n\
               Di Park,Bo Lind,1/4/24,,INCOMING\r\n\
               Bo Lind,Ed Fox,1/5/24,\""
        .to_string()
        + STOCK
        + "\",OUTGOING\r\n";
    let o = run(&["classify"], csv.as_bytes());
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v = json_lines(&o);
    let lines: Vec<_> = v.iter().map(|v| v["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [2, 4, 5, 6], "{v:?}");
    assert!(v[1]["error"]
        .as_str()
        .unwrap()
        .contains("quoted field opened on this line"));
    assert_eq!(v[2]["label"], "blank");
    assert_eq!(v[3]["label"], "generic");
    assert_eq!(v[3]["direction"], "OUTGOING");
}

#[test]
fn coach_ticks_what_the_draft_says_and_names_a_wrong_greeting() {
    let o = run(
        &[
            "coach",
            "Hi Maria, we met at PyCon Lisbon",
            "--invitee",
            "Jonas Weber",
        ],
        b"",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("[x] Says how you found them"), "{text}");
    assert!(text.contains("[ ] Says why you want to connect"), "{text}");
    assert!(
        text.contains("! wrong_name (WRONG_NAME): \"Maria\""),
        "{text}"
    );
    let o = run(&["coach", "--json", STOCK], b"");
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["label"], "generic");
    assert_eq!(v["warnings"][0]["kind"], "stock");
}

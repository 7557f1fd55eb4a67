//! `noteworthy classify`: one verdict per note, in input order.

use crate::args::parse_strictness;
use crate::exit::{complain, Status};
use crate::highlight;
use crate::input::{self, Direction, InputChoice, Location, Record, Records, STDIN_NAME};
use noteworthy_core::{classify, Strictness, Verdict, MAX_NOTE_BYTES};
use serde::Serialize;
use std::io::{self, IsTerminal, Write};

/// How verdicts are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// One JSON object per line.
    Json,
    /// One readable line per note.
    Text,
}

/// Arguments of `noteworthy classify`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Input formats, detected from the content of each file unless --input names one:
  Invitations.csv  LinkedIn's data export (first line is a header naming From, To
                   and Message); an empty Message is a blank note
  JSON lines       first non-empty line is a JSON object; one object per line with
                   \"text\" (or \"message\"), optional \"id\", \"sender\" and \"recipient\"
  plain text       one note per line; an EMPTY LINE IS A BLANK NOTE

Input is streamed. Every verdict names its input as file and line. An unreadable
line (not UTF-8, over 64 KiB, bad JSON, a CSV row whose quotes do not pair up)
is reported on stderr (and as {\"file\",\"line\",\"error\"} in JSON output) and the
rest are still judged; a NUL byte (binary or UTF-16 file) stops that file.
Exit status: 0 all judged, 1 some lines failed, 2 usage error or unreadable file.")]
pub struct ClassifyArgs {
    /// How strict the reader is: lenient, balanced or strict.
    #[arg(short, long, value_name = "LEVEL", default_value = "balanced", value_parser = parse_strictness)]
    pub strictness: Strictness,
    /// Output: JSON lines, or one readable line per note.
    #[arg(short, long, value_enum, default_value_t = OutputFormat::Json)]
    pub format: OutputFormat,
    /// Input format: auto (detected from the first lines), text, jsonl or
    /// csv. Applies to every file.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = InputChoice::Auto)]
    pub input: InputChoice,
    /// Files to read; none or `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<String>,
}

/// One verdict as written in JSON lines: where the note came from, then
/// the verdict's own fields.
#[derive(Serialize)]
struct VerdictLine<'a> {
    file: &'a str,
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    direction: Option<&'static str>,
    #[serde(flatten)]
    verdict: &'a Verdict,
}

/// A line that could not be judged, written in place of its verdict so a
/// consumer pairing output lines with input records stays in step.
#[derive(Serialize)]
struct ErrorLine<'a> {
    file: &'a str,
    line: usize,
    error: &'a str,
}

/// Runs `classify`, writing verdicts to `out` and problems to stderr.
pub fn run(args: &ClassifyArgs, out: &mut dyn Write) -> io::Result<Status> {
    let files: Vec<String> = if args.files.is_empty() {
        vec!["-".to_string()]
    } else {
        args.files.clone()
    };
    if files.iter().any(|f| f == "-") && io::stdin().is_terminal() {
        complain("reading notes from standard input, one per line (end with Ctrl-D)");
    }
    let mut status = Status::Ok;
    for file in &files {
        let (source, reader) = match input::open_source(file) {
            Ok(opened) => opened,
            Err(e) => {
                let name = if file == "-" { STDIN_NAME } else { file };
                complain(format_args!("cannot read {name}: {e}"));
                status = status.worst(Status::Usage);
                continue;
            }
        };
        let mut records = Records::new(&source, reader, args.input);
        if let Some(notice) = records.notice() {
            complain(notice);
        }
        loop {
            let record = match records.next_record() {
                Ok(Some(record)) => record,
                Ok(None) => break,
                Err(e) => {
                    complain(format_args!(
                        "cannot read {source} after line {}: {e}",
                        records.lines_read()
                    ));
                    status = status.worst(Status::Usage);
                    break;
                }
            };
            match record {
                Ok(record) => write_verdict(args, &record, out)?,
                Err(e) => {
                    complain(&e);
                    status = status.worst(Status::InputErrors);
                    if args.format == OutputFormat::Json {
                        let line = ErrorLine {
                            file: &e.location.source,
                            line: e.location.line,
                            error: &e.message,
                        };
                        writeln!(out, "{}", to_json(&line))?;
                    }
                }
            }
        }
    }
    out.flush()?;
    Ok(status)
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Serialising these plain structs cannot fail: no maps with non-string
    // keys, no custom serialisers that error.
    serde_json::to_string(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

fn write_verdict(args: &ClassifyArgs, record: &Record, out: &mut dyn Write) -> io::Result<()> {
    let note = record.invitation.note.as_deref().unwrap_or("");
    if note.len() > MAX_NOTE_BYTES {
        complain(format_args!(
            "{}: note is {} bytes; judged on its first {} bytes",
            record.location,
            note.len(),
            MAX_NOTE_BYTES
        ));
    }
    let verdict = classify(&record.invitation, args.strictness);
    match args.format {
        OutputFormat::Json => {
            let line = VerdictLine {
                file: &record.location.source,
                line: record.location.line,
                id: record.id.as_deref(),
                direction: record.direction.map(direction_name),
                verdict: &verdict,
            };
            writeln!(out, "{}", to_json(&line))
        }
        OutputFormat::Text => writeln!(out, "{}", text_line(&record.location, note, &verdict)),
    }
}

/// The export's own word for a direction.
pub fn direction_name(d: Direction) -> &'static str {
    match d {
        Direction::Incoming => "INCOMING",
        Direction::Outgoing => "OUTGOING",
    }
}

/// How many characters of a note the one-line text output shows.
const SNIPPET_CHARS: usize = 60;

/// `file:line  label  action  score/threshold  lang  "note…"  RULES`.
fn text_line(location: &Location, note: &str, v: &Verdict) -> String {
    let rules: Vec<&str> = v.evidence.iter().map(|e| e.rule).collect();
    let line = format!(
        "{location}  {:<12} {:<6} {:>4}/{:<3} {:<3} {}  {}",
        v.label.as_str(),
        v.action.as_str(),
        v.score,
        v.threshold,
        v.language,
        snippet(note, SNIPPET_CHARS),
        rules.join(",")
    );
    line.trim_end().to_string()
}

/// The first `max` characters of `note` in double quotes, with `…` if cut:
/// line breaks, tabs, quotes and backslashes escaped (so a multi-line note
/// stays on one output line), and the characters a terminal would not
/// show as themselves as `\u{..}` ([`highlight::is_unsafe_control`]).
/// Not Rust's `{:?}`: it also escapes every combining mark, so a Thai,
/// Hindi or Hebrew note, or an accent typed as a combining mark, came out
/// as `\u{e31}`s.
pub fn snippet(note: &str, max: usize) -> String {
    let mut out = String::from('"');
    let mut chars = note.chars();
    for c in chars.by_ref().take(max) {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if highlight::is_unsafe_control(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out.push('"');
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_escapes_newlines_and_cuts_on_characters() {
        assert_eq!(snippet("a\nb", 10), "\"a\\nb\"");
        assert_eq!(snippet("héllo wörld", 5), "\"héllo\"…");
        assert_eq!(snippet("", 5), "\"\"");
    }

    #[test]
    fn snippet_keeps_combining_marks_and_escapes_what_hides_or_breaks_text() {
        // Thai vowel and tone marks, Devanagari vowel signs, a combining
        // accent: shown as written.
        for note in ["สวัสดีครับ", "नमस्ते राहुल", "cafe\u{301}"]
        {
            assert_eq!(snippet(note, 60), format!("\"{note}\""));
        }
        assert_eq!(snippet("say \"hi\"\\ \t", 60), "\"say \\\"hi\\\"\\\\ \\t\"");
        assert_eq!(
            snippet("pay \u{202E}gnp.exe\u{1b}", 60),
            "\"pay \\u{202e}gnp.exe\\u{1b}\""
        );
    }
}

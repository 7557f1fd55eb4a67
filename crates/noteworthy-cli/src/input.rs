//! Reading invitations from files and standard input.
//!
//! Three formats are accepted and told apart from the content, not the file
//! name, so `noteworthy classify < anything` just works:
//!
//! * LinkedIn's own data export, `Invitations.csv` (first line is a header
//!   naming `From`, `To` and `Message`);
//! * JSON lines (first non-empty line starts with `{`), one object per note
//!   with `text` (or `message` / `note`) and optional `sender` / `recipient`;
//! * plain text, one note per line, where an empty line is a blank note.
//!
//! Input is read as bytes and split into lines here, not by `BufRead::lines`,
//! so that one line of invalid UTF-8 becomes an error for that line instead
//! of ending the whole read. Every record carries its [`Location`] so a
//! verdict or an error can always be traced back to `file:line`.

use noteworthy_core::{Invitation, Person, Sender};
use serde_json::{Map, Value};
use std::fmt;
use std::io::{self, Read};
use std::path::Path;

/// The name used for standard input in locations and messages.
pub const STDIN_NAME: &str = "<stdin>";

/// Where a record (or an error) came from: a file name and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as named on the command line, or [`STDIN_NAME`].
    pub source: String,
    /// 1-based line number; for a CSV record, the line it starts on.
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.source, self.line)
    }
}

/// A problem with one input line (or, with line 1, with a whole file's
/// header). It names where it happened; the other records still get read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// Where the problem is.
    pub location: Location,
    /// What is wrong, for a person.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// How an input's records are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One note per line; an empty line is a blank note.
    Text,
    /// One JSON object per line.
    JsonLines,
    /// LinkedIn's `Invitations.csv` data export.
    InvitationsCsv,
}

/// Which way an invitation went, as the export's `Direction` column says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Received by the person whose export this is (`INCOMING`).
    Incoming,
    /// Sent by them (`OUTGOING`).
    Outgoing,
}

/// One invitation read from the input, with where it came from.
#[derive(Debug, Clone)]
pub struct Record {
    /// File and line of the record.
    pub location: Location,
    /// The note and what is known of both people.
    pub invitation: Invitation,
    /// The record's own id, when a JSON line has an `id` field.
    pub id: Option<String>,
    /// For CSV exports with a `Direction` column: received or sent.
    pub direction: Option<Direction>,
}

/// The outcome for one record: an invitation or a located error.
pub type RecordResult = Result<Record, InputError>;

/// Reads a whole input into memory: the file at `path`, or standard input
/// when `path` is `-`. Returns the name to use in locations and the bytes.
///
/// Everything is read up front because format detection needs the start of
/// the input and CSV records may span lines; invitation notes are short, so
/// even a large export is a few megabytes.
pub fn read_source(path: &str) -> io::Result<(String, Vec<u8>)> {
    if path == "-" {
        let mut bytes = Vec::new();
        io::stdin().lock().read_to_end(&mut bytes)?;
        Ok((STDIN_NAME.to_string(), bytes))
    } else {
        let bytes = std::fs::read(Path::new(path))?;
        Ok((path.to_string(), bytes))
    }
}

/// Splits `bytes` into lines on `\n`, dropping a trailing `\r` (Windows
/// line ends) and, on the first line, a UTF-8 byte-order mark. Yields
/// `(line_number, line_bytes)` with 1-based numbers. A final line without a
/// newline is still a line; a trailing newline does not start an empty one.
pub fn split_lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // An empty input has no lines at all, not one empty line; otherwise the
    // final newline ends the last line rather than starting another.
    let parts = (!bytes.is_empty()).then(|| {
        let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        body.split(|&b| b == b'\n')
    });
    parts.into_iter().flatten().enumerate().map(|(i, line)| {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        (i + 1, line)
    })
}

/// Decodes one line as UTF-8, or says where the first bad byte is.
pub fn line_to_str(line: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(line).map_err(|e| {
        format!(
            "not valid UTF-8 (bad byte at column {}); save the file as UTF-8",
            e.valid_up_to() + 1
        )
    })
}

/// Guesses the format from the content: a CSV header with `From`, `To` and
/// one of the export's other columns, else JSON lines if the first
/// non-empty line starts with `{`, else plain text.
///
/// The CSV check asks for `From` and `To` plus *any* known export column
/// rather than insisting on `Message`, so an export that lost its `Message`
/// column is reported as such instead of being read as plain text and
/// judged line by line.
pub fn detect_format(bytes: &[u8]) -> Format {
    let mut lines = split_lines(bytes);
    let Some((_, first)) = lines.next() else {
        return Format::Text;
    };
    if looks_like_export_header(first) {
        return Format::InvitationsCsv;
    }
    let first_non_empty = std::iter::once(first)
        .chain(lines.map(|(_, l)| l))
        .map(|l| l.trim_ascii_start())
        .find(|l| !l.is_empty());
    match first_non_empty {
        Some(l) if l.starts_with(b"{") => Format::JsonLines,
        _ => Format::Text,
    }
}

fn header_names(line: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(line)
        .split(',')
        .map(|f| f.trim().trim_matches('"').trim().to_ascii_lowercase())
        .collect()
}

fn looks_like_export_header(line: &[u8]) -> bool {
    let names = header_names(line);
    let has = |n: &str| names.iter().any(|f| f == n);
    has("from") && has("to") && (has("message") || has("direction") || has("sent at"))
}

/// Reads every record of one input, detecting its format. Each element is
/// a record or a located error, in input order; nothing is skipped without
/// a trace except empty lines in JSON lines and CSV, which hold no record.
pub fn read_records(source: &str, bytes: &[u8]) -> (Format, Vec<RecordResult>) {
    let format = detect_format(bytes);
    let records = match format {
        Format::Text => read_text(source, bytes),
        Format::JsonLines => read_json_lines(source, bytes),
        Format::InvitationsCsv => read_invitations_csv(source, bytes),
    };
    (format, records)
}

fn located(source: &str, line: usize) -> Location {
    Location {
        source: source.to_string(),
        line,
    }
}

fn error(source: &str, line: usize, message: impl Into<String>) -> InputError {
    InputError {
        location: located(source, line),
        message: message.into(),
    }
}

/// Plain text: every line is a note, and an empty line is a blank note
/// (that is how a list of invitations with no note would be pasted).
pub fn read_text(source: &str, bytes: &[u8]) -> Vec<RecordResult> {
    split_lines(bytes)
        .map(|(n, line)| {
            let text = line_to_str(line).map_err(|m| error(source, n, m))?;
            Ok(Record {
                location: located(source, n),
                invitation: Invitation::with_note(text),
                id: None,
                direction: None,
            })
        })
        .collect()
}

/// JSON lines: one object per non-empty line.
pub fn read_json_lines(source: &str, bytes: &[u8]) -> Vec<RecordResult> {
    split_lines(bytes)
        .filter(|(_, line)| !line.trim_ascii().is_empty())
        .map(|(n, line)| {
            let text = line_to_str(line).map_err(|m| error(source, n, m))?;
            let object = parse_json_object(text).map_err(|m| error(source, n, m))?;
            let (invitation, id) =
                invitation_from_json(&object).map_err(|m| error(source, n, m))?;
            Ok(Record {
                location: located(source, n),
                invitation,
                id,
                direction: None,
            })
        })
        .collect()
}

/// Parses one line as a JSON object, with a message that says what was
/// expected.
pub fn parse_json_object(text: &str) -> Result<Map<String, Value>, String> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(format!(
            "expected a JSON object like {{\"text\": \"...\"}}, found {}",
            json_kind(&other)
        )),
        Err(e) => Err(format!("malformed JSON: {e}")),
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The keys that may hold the note, in order of preference.
///
/// `text` wins over `note` because labelled corpora (like the project's
/// `dev.jsonl`) use `text` for the invitation and `note` for a curator's
/// comment.
const NOTE_KEYS: [&str; 3] = ["text", "message", "note"];

/// Builds an [`Invitation`] (and the row's `id`, if any) from a JSON
/// object. A row with none of the note keys is an error rather than a blank
/// note, so a misspelt key is reported instead of silently judged blank;
/// write `"text": ""` or `"text": null` for a blank one.
pub fn invitation_from_json(
    object: &Map<String, Value>,
) -> Result<(Invitation, Option<String>), String> {
    let (key, value) = NOTE_KEYS
        .iter()
        .find_map(|k| object.get(*k).map(|v| (*k, v)))
        .ok_or_else(|| "no \"text\" field (use \"text\": \"\" for a blank note)".to_string())?;
    let note = match value {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => {
            return Err(format!(
                "\"{key}\" must be a string or null, found {}",
                json_kind(other)
            ))
        }
    };
    let sender: Sender = optional_field(object, "sender")?;
    let recipient: Person = optional_field(object, "recipient")?;
    let id = match object.get("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    };
    Ok((
        Invitation {
            note,
            sender,
            recipient,
        },
        id,
    ))
}

fn optional_field<T: serde::de::DeserializeOwned + Default>(
    object: &Map<String, Value>,
    key: &str,
) -> Result<T, String> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(T::default()),
        Some(v) => T::deserialize(v).map_err(|e| format!("bad \"{key}\" object: {e}")),
    }
}

/// Column positions in an `Invitations.csv` header.
struct Columns {
    from: usize,
    to: usize,
    message: usize,
    direction: Option<usize>,
    count: usize,
}

/// LinkedIn's `Invitations.csv`. `From` is the sender and `To` the
/// recipient whatever the direction; an empty `Message` is a blank note.
/// Messages may hold quoted newlines, so records are located by the line
/// they start on. A row that is not UTF-8 or has the wrong number of
/// fields is an error for that row only.
pub fn read_invitations_csv(source: &str, bytes: &[u8]) -> Vec<RecordResult> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        // Row length is checked here, so a short row is reported with its
        // line instead of stopping the reader.
        .flexible(true)
        .from_reader(bytes);
    let mut out = Vec::new();
    let mut records = reader.byte_records();
    let columns = match records.next() {
        None => return out,
        Some(Err(e)) => {
            out.push(Err(error(source, 1, format!("unreadable CSV header: {e}"))));
            return out;
        }
        Some(Ok(header)) => match header_columns(&header) {
            Ok(c) => c,
            Err(m) => {
                out.push(Err(error(source, 1, m)));
                return out;
            }
        },
    };
    for result in records {
        match result {
            Ok(row) => {
                let line = row.position().map_or(0, |p| p.line() as usize);
                out.push(csv_row(source, line, &row, &columns));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                out.push(Err(error(source, line, format!("unreadable CSV row: {e}"))));
                // The csv reader cannot go on after an I/O error (there are
                // none from a byte slice, but be safe); for other errors it
                // carries on with the next row.
                if e.is_io_error() {
                    break;
                }
            }
        }
    }
    out
}

fn header_columns(header: &csv::ByteRecord) -> Result<Columns, String> {
    let names: Vec<String> = header
        .iter()
        .map(|f| String::from_utf8_lossy(f).trim().to_ascii_lowercase())
        .collect();
    let find = |n: &str| names.iter().position(|f| f == n);
    let missing: Vec<&str> = [("From", "from"), ("To", "to"), ("Message", "message")]
        .iter()
        .filter(|(_, n)| find(n).is_none())
        .map(|(display, _)| *display)
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "CSV header has no {} column (an Invitations.csv export has From, To, Sent At, Message, Direction)",
            missing.join(", ")
        ));
    }
    Ok(Columns {
        from: find("from").unwrap_or_default(),
        to: find("to").unwrap_or_default(),
        message: find("message").unwrap_or_default(),
        direction: find("direction"),
        count: names.len(),
    })
}

fn csv_row(source: &str, line: usize, row: &csv::ByteRecord, c: &Columns) -> RecordResult {
    if row.len() != c.count {
        return Err(error(
            source,
            line,
            format!(
                "CSV row has {} fields but the header has {}",
                row.len(),
                c.count
            ),
        ));
    }
    let field = |i: usize, name: &str| -> Result<&str, InputError> {
        let raw = row.get(i).unwrap_or_default();
        std::str::from_utf8(raw)
            .map_err(|_| error(source, line, format!("{name} field is not valid UTF-8")))
    };
    let non_empty = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
    let from = field(c.from, "From")?;
    let to = field(c.to, "To")?;
    let message = field(c.message, "Message")?;
    let direction = match c.direction {
        None => None,
        Some(i) => match field(i, "Direction")?.trim().to_ascii_uppercase().as_str() {
            "INCOMING" => Some(Direction::Incoming),
            "OUTGOING" => Some(Direction::Outgoing),
            other => {
                return Err(error(
                    source,
                    line,
                    format!("Direction is {other:?}, expected INCOMING or OUTGOING"),
                ))
            }
        },
    };
    Ok(Record {
        location: located(source, line),
        invitation: Invitation {
            note: non_empty(message).map(|_| message.to_string()),
            sender: Sender {
                name: non_empty(from),
                ..Sender::default()
            },
            recipient: Person {
                name: non_empty(to),
                ..Person::default()
            },
        },
        id: None,
        direction,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes(records: &[RecordResult]) -> Vec<Result<Option<String>, String>> {
        records
            .iter()
            .map(|r| match r {
                Ok(r) => Ok(r.invitation.note.clone()),
                Err(e) => Err(e.to_string()),
            })
            .collect()
    }

    #[test]
    fn split_lines_numbers_from_one_and_strips_crlf_and_bom() {
        let lines: Vec<_> = split_lines(b"\xEF\xBB\xBFa\r\n\nb").collect();
        assert_eq!(lines, vec![(1, &b"a"[..]), (2, &b""[..]), (3, &b"b"[..])]);
    }

    #[test]
    fn split_lines_trailing_newline_adds_no_line_and_empty_input_has_none() {
        assert_eq!(split_lines(b"a\n").count(), 1);
        assert_eq!(split_lines(b"").count(), 0);
        // A lone newline is one empty line: one blank note in text mode.
        assert_eq!(split_lines(b"\n").collect::<Vec<_>>(), vec![(1, &b""[..])]);
    }

    #[test]
    fn detects_each_format_from_content() {
        let csv = b"From,To,Sent At,Message,Direction\nA,B,1/1/24,hi,INCOMING\n";
        assert_eq!(detect_format(csv), Format::InvitationsCsv);
        let quoted = b"\"From\",\"To\",\"Message\"\n";
        assert_eq!(detect_format(quoted), Format::InvitationsCsv);
        assert_eq!(
            detect_format(b"\n\n  {\"text\": \"hi\"}\n"),
            Format::JsonLines
        );
        assert_eq!(detect_format(b"Hello there\n{not json}\n"), Format::Text);
        assert_eq!(detect_format(b""), Format::Text);
        // "From" and "To" in prose are not a header.
        assert_eq!(detect_format(b"From Paris, To Rome\n"), Format::Text);
    }

    #[test]
    fn export_without_message_column_is_still_csv_and_reported() {
        let csv = b"From,To,Sent At,Direction\nA,B,1/1/24,INCOMING\n";
        assert_eq!(detect_format(csv), Format::InvitationsCsv);
        let (_, records) = read_records("inv.csv", csv);
        assert_eq!(records.len(), 1);
        let err = records[0].as_ref().unwrap_err().to_string();
        assert!(err.starts_with("inv.csv:1: "), "{err}");
        assert!(err.contains("no Message column"), "{err}");
    }

    #[test]
    fn text_lines_are_notes_and_empty_lines_blank() {
        let records = read_text("n.txt", b"first\n\nthird\n");
        assert_eq!(
            notes(&records),
            vec![
                Ok(Some("first".into())),
                Ok(Some("".into())),
                Ok(Some("third".into()))
            ]
        );
        assert_eq!(records[2].as_ref().unwrap().location.to_string(), "n.txt:3");
    }

    #[test]
    fn invalid_utf8_line_is_named_and_the_rest_read() {
        let records = read_text("n.txt", b"good\nbad \xFF\xFE here\nalso good\n");
        assert_eq!(records.len(), 3);
        assert_eq!(notes(&records)[0], Ok(Some("good".into())));
        let err = records[1].as_ref().unwrap_err().to_string();
        assert!(err.starts_with("n.txt:2: not valid UTF-8"), "{err}");
        assert!(err.contains("column 5"), "{err}");
        assert_eq!(notes(&records)[2], Ok(Some("also good".into())));
    }

    #[test]
    fn bad_json_line_is_named_and_the_rest_read() {
        let input = b"{\"text\": \"one\"}\n{\"text\": oops}\n\n[1]\n{\"txt\": \"x\"}\n{\"text\": 3}\n{\"text\": null, \"id\": 7}\n";
        let (format, records) = read_records("in.jsonl", input);
        assert_eq!(format, Format::JsonLines);
        let got = notes(&records);
        assert_eq!(got.len(), 6, "the empty line holds no record");
        assert_eq!(got[0], Ok(Some("one".into())));
        let e = |i: usize| got[i].clone().unwrap_err();
        assert!(e(1).starts_with("in.jsonl:2: malformed JSON"), "{}", e(1));
        assert!(
            e(2).starts_with("in.jsonl:4: expected a JSON object"),
            "{}",
            e(2)
        );
        assert!(
            e(3).starts_with("in.jsonl:5: no \"text\" field"),
            "{}",
            e(3)
        );
        assert!(
            e(4).starts_with("in.jsonl:6: \"text\" must be a string"),
            "{}",
            e(4)
        );
        assert_eq!(got[5], Ok(None));
        assert_eq!(records[5].as_ref().unwrap().id.as_deref(), Some("7"));
    }

    #[test]
    fn json_text_wins_over_curator_note_and_people_are_read() {
        let line = r#"{"id":"x-1","text":"Hi Ana","note":"curator comment","sender":{"name":"Bo Lind","mutual_connections":"3 mutual connections"},"recipient":{"name":"Ana Ruiz"}}"#;
        let records = read_json_lines("c.jsonl", line.as_bytes());
        let r = records[0].as_ref().unwrap();
        assert_eq!(r.invitation.note.as_deref(), Some("Hi Ana"));
        assert_eq!(r.invitation.sender.name.as_deref(), Some("Bo Lind"));
        assert_eq!(
            r.invitation.sender.mutual_connections.as_deref(),
            Some("3 mutual connections")
        );
        assert_eq!(r.invitation.recipient.name.as_deref(), Some("Ana Ruiz"));
        assert_eq!(r.id.as_deref(), Some("x-1"));
    }

    #[test]
    fn csv_quoted_newlines_keep_line_numbers_and_empty_message_is_blank() {
        let csv = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n\
                   Ana Ruiz,Bo Lind,\"1/2/24, 9:00 AM\",\"Hi Bo,\nwe met at RustConf.\",INCOMING,u1,u2\n\
                   Bo Lind,Cy Moss,1/3/24,,OUTGOING,u3,u4\n\
                   Cy Moss,Bo Lind,1/4/24,short row\n\
                   Di Park,Bo Lind,1/5/24,hello,SIDEWAYS,u5,u6\n";
        let (format, records) = read_records("Invitations.csv", csv.as_bytes());
        assert_eq!(format, Format::InvitationsCsv);
        assert_eq!(records.len(), 4);
        let first = records[0].as_ref().unwrap();
        assert_eq!(first.location.line, 2);
        assert_eq!(
            first.invitation.note.as_deref(),
            Some("Hi Bo,\nwe met at RustConf.")
        );
        assert_eq!(first.invitation.sender.name.as_deref(), Some("Ana Ruiz"));
        assert_eq!(first.invitation.recipient.name.as_deref(), Some("Bo Lind"));
        assert_eq!(first.direction, Some(Direction::Incoming));
        // The quoted newline pushes the next record to line 4.
        let second = records[1].as_ref().unwrap();
        assert_eq!(second.location.line, 4);
        assert_eq!(second.invitation.note, None);
        assert_eq!(second.direction, Some(Direction::Outgoing));
        let short = records[2].as_ref().unwrap_err().to_string();
        assert!(
            short.starts_with("Invitations.csv:5: CSV row has 4 fields"),
            "{short}"
        );
        let dir = records[3].as_ref().unwrap_err().to_string();
        assert!(dir.starts_with("Invitations.csv:6: Direction"), "{dir}");
    }

    #[test]
    fn csv_invalid_utf8_row_is_named_and_the_rest_read() {
        let mut csv = b"From,To,Message\nA,B,ok\nC,D,bad \xFF\nE,F,fine\n".to_vec();
        csv.extend_from_slice(b"");
        let records = read_invitations_csv("x.csv", &csv);
        assert_eq!(records.len(), 3);
        assert!(records[0].is_ok());
        let err = records[1].as_ref().unwrap_err().to_string();
        assert_eq!(err, "x.csv:3: Message field is not valid UTF-8");
        assert_eq!(
            records[2].as_ref().unwrap().invitation.note.as_deref(),
            Some("fine")
        );
    }
}

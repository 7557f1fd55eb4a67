//! Reading invitations from files and standard input.
//!
//! Three formats are accepted and, unless `--input` names one, told apart
//! from the content, not the file name, so `noteworthy classify < anything`
//! just works:
//!
//! * LinkedIn's own data export, `Invitations.csv` (first line is a header
//!   naming `From`, `To` and `Message`);
//! * JSON lines (first non-empty line is a JSON object), one object per
//!   note with `text` (or `message` / `note`) and optional `sender` /
//!   `recipient`;
//! * plain text, one note per line, where an empty line is a blank note.
//!
//! Input is streamed: [`Records`] reads one physical line at a time
//! ([`crate::lines`]), holds at most one record (and, for a CSV row whose
//! quote goes wrong, the lines it took), and caps a line at
//! [`MAX_LINE_BYTES`], so memory stays bounded whatever the input. Lines
//! are split here, not by `BufRead::lines`, so that one line of invalid
//! UTF-8 becomes an error for that line instead of ending the whole read.
//! Every record carries its [`Location`] so a verdict or an error can
//! always be traced back to `file:line`, counted in physical lines for
//! `\n` and `\r\n` alike.

use crate::csv_row::{Fed, RowParser};
use crate::lines::{LineResult, Lines, MAX_LINE_BYTES};
use noteworthy_core::{Invitation, Person, Sender};
use serde_json::{Map, Value};
use std::collections::VecDeque;
use std::fmt;
use std::io::{self, BufRead, Read};
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

/// The format to read, as `--input` names it: `auto` (the default)
/// detects it from the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum InputChoice {
    /// Detect the format from the first lines.
    #[default]
    Auto,
    /// One note per line.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// LinkedIn's Invitations.csv export.
    Csv,
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
/// `classify` and `report` stream instead ([`open_source`], [`Records`]).
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

/// How many bytes of input are read at a time.
const READ_BUFFER: usize = 64 * 1024;

/// Opens the file at `path`, or standard input when `path` is `-`, for
/// reading a line at a time. Returns the name to use in locations and the
/// reader. A directory is refused here rather than failing at the first
/// read.
pub fn open_source(path: &str) -> io::Result<(String, Box<dyn BufRead>)> {
    if path == "-" {
        return Ok((STDIN_NAME.to_string(), Box::new(io::stdin().lock())));
    }
    let file = std::fs::File::open(Path::new(path))?;
    if file.metadata()?.is_dir() {
        return Err(io::Error::other("is a directory"));
    }
    Ok((
        path.to_string(),
        Box::new(io::BufReader::with_capacity(READ_BUFFER, file)),
    ))
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
/// non-empty line is a JSON object, else plain text.
///
/// The CSV check asks for `From` and `To` plus *any* known export column
/// rather than insisting on `Message`, so an export that lost its `Message`
/// column is reported as such instead of being read as plain text and
/// judged line by line. A first line that merely starts with `{` is not
/// enough for JSON lines: a note may start with a brace.
#[cfg(test)]
pub fn detect_format(bytes: &[u8]) -> Format {
    let mut lines = split_lines(bytes);
    let first = lines.next().map(|(_, l)| l);
    let first_non_empty = first
        .into_iter()
        .chain(lines.map(|(_, l)| l))
        .find(|l| !l.trim_ascii().is_empty());
    decide(first, first_non_empty)
}

/// The format of an input whose first line and first non-blank line are
/// these.
fn decide(first: Option<&[u8]>, first_non_blank: Option<&[u8]>) -> Format {
    if first.is_some_and(looks_like_export_header) {
        return Format::InvitationsCsv;
    }
    match first_non_blank {
        Some(l) if is_json_object(l) => Format::JsonLines,
        _ => Format::Text,
    }
}

fn is_json_object(line: &[u8]) -> bool {
    line.trim_ascii_start().starts_with(b"{")
        && matches!(serde_json::from_slice::<Value>(line), Ok(Value::Object(_)))
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

/// Reads every record of one input held in memory, detecting its format.
/// Each element is a record or a located error, in input order; nothing is
/// skipped without a trace except empty lines in JSON lines and CSV, which
/// hold no record.
#[cfg(test)]
pub fn read_records(source: &str, bytes: &[u8]) -> (Format, Vec<RecordResult>) {
    let mut records = Records::new(source, bytes, InputChoice::Auto);
    let format = records.format();
    (format, records.collect_all())
}

/// Plain text: every line is a note, and an empty line is a blank note
/// (that is how a list of invitations with no note would be pasted).
#[cfg(test)]
pub fn read_text(source: &str, bytes: &[u8]) -> Vec<RecordResult> {
    Records::new(source, bytes, InputChoice::Text).collect_all()
}

/// JSON lines: one object per non-empty line.
#[cfg(test)]
pub fn read_json_lines(source: &str, bytes: &[u8]) -> Vec<RecordResult> {
    Records::new(source, bytes, InputChoice::Jsonl).collect_all()
}

/// LinkedIn's `Invitations.csv`; see [`Records`].
#[cfg(test)]
pub fn read_invitations_csv(source: &str, bytes: &[u8]) -> Vec<RecordResult> {
    Records::new(source, bytes, InputChoice::Csv).collect_all()
}

/// How far format detection looks for the first non-blank line, in lines
/// and bytes: blank lines are kept to be read again, so they are bounded
/// too. Past either, the input is plain text.
const DETECT_LINES: usize = 1000;
const DETECT_BYTES: usize = 1 << 20;

/// The records of one input, read as they are asked for.
///
/// For `Invitations.csv`, `From` is the sender and `To` the recipient
/// whatever the direction, and an empty `Message` is a blank note.
/// Messages may hold quoted newlines, so records are located by the
/// physical line they start on. A row that is not UTF-8 or has the wrong
/// number of fields is an error for that row only. A row whose quotes do
/// not pair up (a quoted field never closed, or closed and followed by
/// more text, or open past [`MAX_LINE_BYTES`]) is an error naming the line
/// it starts on, and the lines it took are read again as rows, so one
/// stray quote cannot swallow the rest of the file.
pub struct Records<R> {
    source: String,
    lines: Lines<R>,
    format: Format,
    /// Lines read ahead (by detection, or by a CSV row that went wrong),
    /// given out again before new ones.
    pending: VecDeque<(usize, LineResult)>,
    /// The CSV header's columns, once read.
    columns: Option<Columns>,
    /// Nothing more is read (a CSV header that cannot be used).
    stopped: bool,
    notice: Option<String>,
}

impl<R: BufRead> Records<R> {
    /// Starts reading `reader`, named `source` in locations, as `choice`
    /// says. Detection reads the first lines; an I/O error there comes back
    /// from the first [`Records::next_record`].
    pub fn new(source: &str, reader: R, choice: InputChoice) -> Self {
        let mut records = Records {
            source: source.to_string(),
            lines: Lines::new(reader),
            format: Format::Text,
            pending: VecDeque::new(),
            columns: None,
            stopped: false,
            notice: None,
        };
        records.format = match choice {
            InputChoice::Auto => records.detect(),
            InputChoice::Text => Format::Text,
            InputChoice::Jsonl => Format::JsonLines,
            InputChoice::Csv => Format::InvitationsCsv,
        };
        records
    }

    /// Reads ahead to the first non-blank line and decides the format.
    fn detect(&mut self) -> Format {
        let mut first_non_blank = None;
        let mut held = 0;
        while self.pending.len() < DETECT_LINES && held < DETECT_BYTES {
            match self.lines.next_line() {
                Ok(Some((n, line))) => {
                    held += line.as_ref().map_or(0, Vec::len);
                    let non_blank = line.as_ref().map_or(true, |l| !l.trim_ascii().is_empty());
                    self.pending.push_back((n, line));
                    if non_blank {
                        first_non_blank = Some(self.pending.len() - 1);
                        break;
                    }
                }
                // Read again, and reported, by the first next_record.
                Ok(None) | Err(_) => break,
            }
        }
        let line = |i: usize| self.pending.get(i).and_then(|(_, l)| l.as_deref().ok());
        let first = line(0);
        let non_blank = first_non_blank.and_then(line);
        let format = decide(first, non_blank);
        if let (Format::Text, Some(l), Some(i)) = (format, non_blank, first_non_blank) {
            if l.trim_ascii_start().starts_with(b"{") {
                self.notice = Some(format!(
                    "{}:{}: starts with '{{' but is not a JSON object, so the input is read as \
                     plain text, one note a line (--input jsonl reads it as JSON lines)",
                    self.source, self.pending[i].0
                ));
            }
        }
        format
    }

    /// The format being read.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Something a person should know about how the input is read.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The number of the last physical line read.
    pub fn lines_read(&self) -> usize {
        self.lines.number()
    }

    fn next_line(&mut self) -> io::Result<Option<(usize, LineResult)>> {
        match self.pending.pop_front() {
            Some(line) => Ok(Some(line)),
            None => self.lines.next_line(),
        }
    }

    fn error(&self, line: usize, message: impl Into<String>) -> InputError {
        error(&self.source, line, message)
    }

    /// The next record or located error; `None` at the end of the input.
    pub fn next_record(&mut self) -> io::Result<Option<RecordResult>> {
        if self.stopped {
            return Ok(None);
        }
        match self.format {
            Format::Text => self.next_text(),
            Format::JsonLines => self.next_json(),
            Format::InvitationsCsv => self.next_csv(),
        }
    }

    /// Every record, for input held in memory (which has no I/O errors; one
    /// would end the list).
    #[cfg(test)]
    fn collect_all(&mut self) -> Vec<RecordResult> {
        let mut out = Vec::new();
        while let Ok(Some(record)) = self.next_record() {
            out.push(record);
        }
        out
    }

    fn next_text(&mut self) -> io::Result<Option<RecordResult>> {
        let Some((n, line)) = self.next_line()? else {
            return Ok(None);
        };
        let record = line
            .map_err(|p| p.message())
            .and_then(|line| {
                let text = line_to_str(&line)?;
                Ok(Invitation::with_note(text))
            })
            .map(|invitation| Record {
                location: located(&self.source, n),
                invitation,
                id: None,
                direction: None,
            })
            .map_err(|m| self.error(n, m));
        Ok(Some(record))
    }

    fn next_json(&mut self) -> io::Result<Option<RecordResult>> {
        loop {
            let Some((n, line)) = self.next_line()? else {
                return Ok(None);
            };
            let line = match line {
                Ok(line) if line.trim_ascii().is_empty() => continue,
                Ok(line) => line,
                Err(p) => return Ok(Some(Err(self.error(n, p.message())))),
            };
            let record = line_to_str(&line)
                .and_then(parse_json_object)
                .and_then(|object| invitation_from_json(&object))
                .map(|(invitation, id)| Record {
                    location: located(&self.source, n),
                    invitation,
                    id,
                    direction: None,
                })
                .map_err(|m| self.error(n, m));
            return Ok(Some(record));
        }
    }

    fn next_csv(&mut self) -> io::Result<Option<RecordResult>> {
        loop {
            let Some((start, line)) = self.next_line()? else {
                return Ok(None);
            };
            let line = match line {
                // Empty lines hold no row, as in the csv crate.
                Ok(line) if line.is_empty() => continue,
                Ok(line) => line,
                Err(p) => return Ok(Some(Err(self.error(start, p.message())))),
            };
            let fields = match self.csv_fields(start, &line)? {
                Ok(fields) => fields,
                Err(e) => return Ok(Some(Err(e))),
            };
            let Some(columns) = &self.columns else {
                match header_columns(&fields) {
                    Ok(c) => {
                        self.columns = Some(c);
                        continue;
                    }
                    Err(m) => {
                        // Without the columns no row can be read: say how
                        // many that leaves out rather than stop silently.
                        let rest = self.count_rows()?;
                        self.stopped = true;
                        let rows = if rest == 1 { "row" } else { "rows" };
                        return Ok(Some(Err(
                            self.error(start, format!("{m}; {rest} {rows} after it not read"))
                        )));
                    }
                }
            };
            return Ok(Some(csv_row(&self.source, start, &fields, columns)));
        }
    }

    /// Reads the rest of the input as CSV rows, counting them without
    /// judging them; a line that is not a row counts as one.
    fn count_rows(&mut self) -> io::Result<usize> {
        let mut rows = 0;
        while let Some((start, line)) = self.next_line()? {
            match line {
                Ok(line) if line.is_empty() => continue,
                Ok(line) => {
                    self.csv_fields(start, &line)?.ok();
                }
                Err(_) => {}
            }
            rows += 1;
        }
        Ok(rows)
    }

    /// The fields of the CSV row that starts with `line`, reading more
    /// lines while a quoted field is open. When the quotes do not pair up,
    /// the lines after `line` that the row took are put back to be read
    /// again as rows, and the error names the row's first line.
    fn csv_fields(
        &mut self,
        start: usize,
        line: &[u8],
    ) -> io::Result<Result<Vec<Vec<u8>>, InputError>> {
        let mut parser = RowParser::new();
        let mut fed = parser.feed(line);
        let mut taken: Vec<(usize, LineResult)> = Vec::new();
        let mut last = start;
        let problem = loop {
            match fed {
                Fed::Row(fields) => return Ok(Ok(fields)),
                Fed::StrayQuote { column } if taken.is_empty() => {
                    break format!(
                        "a closing quote at column {} is followed by more text: the quotes on this \
                         row do not pair up",
                        column - 1
                    );
                }
                Fed::StrayQuote { column } => {
                    break format!(
                        "the quoted field opened on this line does not close cleanly (the quote \
                         at line {last}, column {} is followed by more text)",
                        column - 1
                    );
                }
                Fed::Open if parser.held() > MAX_LINE_BYTES => {
                    break format!(
                        "the quoted field opened on this line is still open after {} KiB \
                         (line {last})",
                        MAX_LINE_BYTES / 1024
                    );
                }
                Fed::Open => match self.next_line()? {
                    None => break "the quoted field opened on this line is never closed".into(),
                    Some((n, Err(p))) => {
                        taken.push((n, Err(p)));
                        break format!(
                            "the quoted field opened on this line is not closed before line {n}"
                        );
                    }
                    Some((n, Ok(next))) => {
                        fed = parser.feed(&next);
                        taken.push((n, Ok(next)));
                        last = n;
                    }
                },
            }
        };
        let message = match (taken.first(), taken.last()) {
            (Some((from, _)), Some((to, _))) => {
                format!("{problem}; lines {from}-{to} are read again as rows")
            }
            _ => problem,
        };
        for line in taken.into_iter().rev() {
            self.pending.push_front(line);
        }
        Ok(Err(self.error(start, message)))
    }
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
        // serde would also take an array, field by field in order: a
        // person's details must be named, not guessed from their places.
        Some(v @ Value::Object(_)) => {
            T::deserialize(v).map_err(|e| format!("bad \"{key}\" object: {e}"))
        }
        Some(other) => Err(format!(
            "\"{key}\" must be an object like {{\"name\": \"...\"}}, found {}",
            json_kind(other)
        )),
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

fn header_columns(header: &[Vec<u8>]) -> Result<Columns, String> {
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

fn csv_row(source: &str, line: usize, row: &[Vec<u8>], c: &Columns) -> RecordResult {
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
        let raw = row.get(i).map_or(&[][..], Vec::as_slice);
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
        // Issue 8, item 9: a note that starts with a brace is not JSON.
        assert_eq!(detect_format(b"{first_name}, hi!\n"), Format::Text);
        assert_eq!(detect_format(b"[{\"text\": \"hi\"}]\n"), Format::Text);
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
        assert!(err.ends_with("; 1 row after it not read"), "{err}");
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

    fn lines_of(records: &[RecordResult]) -> Vec<Result<usize, (usize, String)>> {
        records
            .iter()
            .map(|r| match r {
                Ok(r) => Ok(r.location.line),
                Err(e) => Err((e.location.line, e.message.clone())),
            })
            .collect()
    }

    /// Issue 8, item 8: with `\r\n` line ends the csv crate put every row
    /// after a multi-line message one line too low.
    #[test]
    fn csv_line_numbers_are_physical_lines_with_crlf_too() {
        let lf = "From,To,Message\nA,B,\"Hi,\nthere\"\nC,D,\"one\n\ntwo\nthree\"\nE,F,last\n";
        let crlf = lf.replace('\n', "\r\n");
        for csv in [lf.to_string(), crlf] {
            let records = read_invitations_csv("x.csv", csv.as_bytes());
            assert_eq!(lines_of(&records), vec![Ok(2), Ok(4), Ok(8)], "{csv:?}");
            let notes: Vec<_> = records
                .iter()
                .map(|r| r.as_ref().unwrap().invitation.note.clone().unwrap())
                .collect();
            assert_eq!(notes, ["Hi,\nthere", "one\n\ntwo\nthree", "last"]);
        }
    }

    /// Issue 8, item 8: an unterminated quote used to swallow every row
    /// after it, unjudged and unnamed.
    #[test]
    fn an_unterminated_quote_is_named_and_the_rows_after_it_are_read() {
        let csv = "From,To,Message,Direction\r\n\
                   A,B,\"Hi Bo, we met,INCOMING\r\n\
                   C,D,fine,OUTGOING\r\n\
                   E,F,\"also, fine\",INCOMING\r\n";
        let records = read_invitations_csv("x.csv", csv.as_bytes());
        let got = lines_of(&records);
        assert_eq!(got.len(), 3, "{got:?}");
        let (line, message) = got[0].clone().unwrap_err();
        assert_eq!(line, 2);
        assert!(
            message.contains("quoted field opened on this line")
                && message.contains("lines 3-4 are read again as rows"),
            "{message}"
        );
        assert_eq!(got[1..], [Ok(3), Ok(4)]);
        let last = records[2].as_ref().unwrap();
        assert_eq!(last.invitation.note.as_deref(), Some("also, fine"));

        // Never closed at all: the rows after it are read again too.
        let csv = "From,To,Message\nA,B,\"open\nC,D,one\nE,F,two\n";
        let got = lines_of(&read_invitations_csv("x.csv", csv.as_bytes()));
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[0].clone().unwrap_err().1.contains("never closed"));
        assert_eq!(got[1..], [Ok(3), Ok(4)]);
    }

    #[test]
    fn a_quote_followed_by_text_is_named_at_its_row() {
        let csv = "From,To,Message\nA,B,\"hi\"there\nC,D,ok\n";
        let got = lines_of(&read_invitations_csv("x.csv", csv.as_bytes()));
        let (line, message) = got[0].clone().unwrap_err();
        assert_eq!(line, 2);
        assert!(message.contains("quote at column 8"), "{message}");
        assert_eq!(got[1], Ok(3));
    }

    #[test]
    fn a_quote_open_past_the_cap_gives_its_lines_back() {
        let mut csv = "From,To,Message\nA,B,\"open\n".to_string();
        for i in 0..2000 {
            csv.push_str(&format!(
                "C,D,note number {i} with some words to fill the line\n"
            ));
        }
        let records = read_invitations_csv("x.csv", csv.as_bytes());
        let got = lines_of(&records);
        assert_eq!(got.len(), 2001);
        assert!(got[0]
            .clone()
            .unwrap_err()
            .1
            .contains("still open after 64 KiB"));
        assert!(got[1..].iter().all(Result::is_ok));
        assert_eq!(got[2000], Ok(2002));
    }

    /// Issue 8, item 9: `--input` forces the format, and auto detection
    /// says why it did not take a brace for JSON.
    #[test]
    fn input_choice_forces_the_format_and_auto_explains_itself() {
        let text = b"{first_name}, great to meet you\nsecond note\n";
        let mut auto = Records::new("n.txt", &text[..], InputChoice::Auto);
        assert_eq!(auto.format(), Format::Text);
        assert!(auto
            .notice()
            .unwrap()
            .starts_with("n.txt:1: starts with '{'"));
        assert_eq!(lines_of(&auto.collect_all()), vec![Ok(1), Ok(2)]);
        let forced = Records::new("n.txt", &text[..], InputChoice::Jsonl).collect_all();
        assert!(forced.iter().all(Result::is_err));
        let json = b"{\"text\": \"hi\"}\n";
        let as_text = Records::new("n", &json[..], InputChoice::Text).collect_all();
        assert_eq!(
            as_text[0].as_ref().unwrap().invitation.note.as_deref(),
            Some("{\"text\": \"hi\"}")
        );
        let csv = b"A,B,hi\n";
        let as_csv = Records::new("n", &csv[..], InputChoice::Csv).collect_all();
        assert!(as_csv[0]
            .as_ref()
            .unwrap_err()
            .message
            .contains("no From, To, Message"));
    }

    /// Issue 8, item 11: serde would read an array as a person, field by
    /// field; a JSON line must name them.
    #[test]
    fn arrays_are_not_objects() {
        let input = b"[{\"text\": \"hi\"}]\n{\"text\": \"hi\", \"sender\": [\"Bo Lind\", \"CTO\"]}\n{\"text\": \"hi\", \"recipient\": {\"name\": \"Ana\"}}\n";
        let records = read_json_lines("a.jsonl", input);
        let e = |i: usize| records[i].as_ref().unwrap_err().to_string();
        assert!(
            e(0).starts_with("a.jsonl:1: expected a JSON object"),
            "{}",
            e(0)
        );
        assert!(e(0).contains("found an array"), "{}", e(0));
        assert!(
            e(1).starts_with("a.jsonl:2: \"sender\" must be an object"),
            "{}",
            e(1)
        );
        assert!(e(1).contains("found an array"), "{}", e(1));
        assert!(records[2].is_ok());
    }

    #[test]
    fn detection_looks_a_bounded_way_past_blank_lines() {
        let mut input = vec![b'\n'; 5];
        input.extend_from_slice(b"{\"text\": \"hi\"}\n");
        assert_eq!(read_records("b", &input).0, Format::JsonLines);
        let mut input = vec![b'\n'; DETECT_LINES];
        input.extend_from_slice(b"{\"text\": \"hi\"}\n");
        let (format, records) = read_records("b", &input);
        assert_eq!(format, Format::Text);
        assert_eq!(records.len(), DETECT_LINES + 1, "nothing lost");
        let mut input = [vec![b' '; 60_000], vec![b'\n']].concat().repeat(20);
        input.extend_from_slice(b"{\"text\": \"hi\"}\n");
        assert_eq!(read_records("b", &input).0, Format::Text);
    }

    /// A reader that makes up `len` bytes of one endless line, then a
    /// note: far more than any buffer should hold.
    struct Endless {
        left: usize,
        tail: &'static [u8],
    }

    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.left == 0 {
                let n = self.tail.len().min(buf.len());
                buf[..n].copy_from_slice(&self.tail[..n]);
                self.tail = &self.tail[n..];
                return Ok(n);
            }
            let n = self.left.min(buf.len());
            buf[..n].fill(b'x');
            self.left -= n;
            Ok(n)
        }
    }

    /// Issue 8, item 7: reading holds one capped line, not the input. The
    /// reader never keeps more than the cap however long the line, and the
    /// note after it is still read.
    #[test]
    fn an_endless_line_is_read_in_bounded_memory() {
        for choice in [InputChoice::Text, InputChoice::Jsonl, InputChoice::Auto] {
            let endless = Endless {
                left: 64 << 20,
                tail: b"\n{\"text\": \"after\"}\n",
            };
            let reader = io::BufReader::with_capacity(8 << 10, endless);
            let mut records = Records::new("big", reader, choice);
            let mut got = Vec::new();
            let peak = crate::alloc_meter::peak_during(|| {
                while let Some(r) = records.next_record().unwrap() {
                    got.push(r.map(|r| r.location.line).map_err(|e| e.to_string()));
                }
            });
            assert!(peak < 4 * MAX_LINE_BYTES, "{choice:?}: peak {peak} bytes");
            assert_eq!(got.len(), 2, "{choice:?}: {got:?}");
            assert!(got[0]
                .as_ref()
                .unwrap_err()
                .contains("big:1: line is longer than 64 KiB"));
            assert_eq!(got[1], Ok(2));
        }
    }
}

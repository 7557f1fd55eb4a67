//! Physical lines from a stream, each held only while it is read and none
//! longer than [`MAX_LINE_BYTES`].
//!
//! Input is never read whole: `noteworthy classify /dev/zero` used to grow
//! past 3 GB. Here a line over the cap is reported when the cap is reached
//! and the rest of it is skipped without being kept, so memory stays
//! bounded by the cap whatever the input; a NUL byte (never in UTF-8 text:
//! a binary file, UTF-16, or `/dev/zero`) ends the reading of that input.
//!
//! Lines are counted by `\n`, so a Windows `\r\n` ends one line too (its
//! `\r` is dropped), and a byte-order mark at the very start is dropped.

use std::io::{self, BufRead};

/// The longest line read, in bytes (`\n` and a `\r` before it excluded).
/// A note is at most 300 characters on LinkedIn and judged on its first
/// 16 KiB; a longer line is not a note.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Why a line was not given out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineProblem {
    /// Longer than [`MAX_LINE_BYTES`]; the rest of it is skipped.
    TooLong,
    /// Holds a NUL byte at this 1-based column; nothing after it is read.
    Nul {
        /// Where the NUL is on the line.
        column: usize,
    },
}

impl LineProblem {
    /// The message for a person, without the location.
    pub fn message(self) -> String {
        match self {
            LineProblem::TooLong => format!(
                "line is longer than {} KiB; skipped (a note is a few hundred characters)",
                MAX_LINE_BYTES / 1024
            ),
            LineProblem::Nul { column } => format!(
                "NUL byte at column {column}: this is not UTF-8 text (a binary file, or \
                 UTF-16?); nothing after it is read; save the file as UTF-8"
            ),
        }
    }
}

/// A line's bytes, or why it could not be had.
pub type LineResult = Result<Vec<u8>, LineProblem>;

/// The lines of a stream, numbered from 1.
pub struct Lines<R> {
    reader: R,
    /// The number of the last line given out.
    number: usize,
    /// Inside a line already reported too long: skip to its end first.
    skipping: bool,
    /// How many bytes of that line were read before it was reported.
    skipped: usize,
    /// End of input reached, or a NUL seen.
    done: bool,
}

impl<R: BufRead> Lines<R> {
    /// Lines of `reader`.
    pub fn new(reader: R) -> Self {
        Lines {
            reader,
            number: 0,
            skipping: false,
            skipped: 0,
            done: false,
        }
    }

    /// The number of the last line given out (0 before the first).
    pub fn number(&self) -> usize {
        self.number
    }

    /// The next line and its number, `None` at the end of the input. An
    /// empty input has no lines; a final newline does not start one.
    pub fn next_line(&mut self) -> io::Result<Option<(usize, LineResult)>> {
        if self.skipping {
            self.skipping = false;
            if let Some(column) = self.skip_line()? {
                self.done = true;
                return Ok(Some((self.number, Err(LineProblem::Nul { column }))));
            }
        }
        if self.done {
            return Ok(None);
        }
        let mut line = Vec::new();
        let mut started = false;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                self.done = true;
                if !started {
                    return Ok(None);
                }
                break;
            }
            if !started {
                started = true;
                self.number += 1;
            }
            let newline = memchr::memchr(b'\n', chunk);
            let part = &chunk[..newline.unwrap_or(chunk.len())];
            if let Some(at) = memchr::memchr(0, part) {
                self.done = true;
                let column = line.len() + at + 1;
                return Ok(Some((self.number, Err(LineProblem::Nul { column }))));
            }
            if line.len() + part.len() > MAX_LINE_BYTES + 1 {
                // Report now, skip the rest on the next call: an endless
                // line is reported at once, not after it ends.
                let rest = part.len() + usize::from(newline.is_some());
                self.skipped = line.len() + part.len();
                self.reader.consume(rest);
                self.skipping = newline.is_none();
                return Ok(Some((self.number, Err(LineProblem::TooLong))));
            }
            line.extend_from_slice(part);
            let used = part.len() + usize::from(newline.is_some());
            self.reader.consume(used);
            if newline.is_some() {
                break;
            }
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        if line.len() > MAX_LINE_BYTES {
            return Ok(Some((self.number, Err(LineProblem::TooLong))));
        }
        if self.number == 1 && line.starts_with(b"\xEF\xBB\xBF") {
            line.drain(..3);
        }
        Ok(Some((self.number, Ok(line))))
    }

    /// Reads past the end of the current line without keeping it; returns
    /// the column of a NUL if one comes first.
    fn skip_line(&mut self) -> io::Result<Option<usize>> {
        let mut column = self.skipped;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                self.done = true;
                return Ok(None);
            }
            let newline = memchr::memchr(b'\n', chunk);
            let part = &chunk[..newline.unwrap_or(chunk.len())];
            if let Some(at) = memchr::memchr(0, part) {
                return Ok(Some(column + at + 1));
            }
            column += part.len();
            let used = part.len() + usize::from(newline.is_some());
            self.reader.consume(used);
            if newline.is_some() {
                return Ok(None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(bytes: &[u8]) -> Vec<(usize, LineResult)> {
        // A small buffer so lines cross chunk boundaries.
        let mut lines = Lines::new(io::BufReader::with_capacity(7, bytes));
        let mut out = Vec::new();
        while let Some(line) = lines.next_line().unwrap() {
            out.push(line);
        }
        out
    }

    fn ok(n: usize, s: &str) -> (usize, LineResult) {
        (n, Ok(s.as_bytes().to_vec()))
    }

    #[test]
    fn numbers_lf_and_crlf_lines_alike_and_drops_the_bom() {
        assert_eq!(
            all(b"\xEF\xBB\xBFfirst\r\n\r\nthird line\nlast"),
            vec![
                ok(1, "first"),
                ok(2, ""),
                ok(3, "third line"),
                ok(4, "last")
            ]
        );
        assert_eq!(all(b""), vec![]);
        assert_eq!(all(b"\n"), vec![ok(1, "")]);
        assert_eq!(all(b"a\n"), vec![ok(1, "a")]);
    }

    #[test]
    fn an_overlong_line_is_reported_skipped_and_the_next_read() {
        let mut input = b"short\n".to_vec();
        input.extend(vec![b'x'; MAX_LINE_BYTES * 3]);
        input.extend_from_slice(b"\nafter\n");
        assert_eq!(
            all(&input),
            vec![
                ok(1, "short"),
                (2, Err(LineProblem::TooLong)),
                ok(3, "after")
            ]
        );
        // Exactly at the cap is fine, with or without a `\r`.
        let mut at_cap = vec![b'y'; MAX_LINE_BYTES];
        at_cap.extend_from_slice(b"\r\n");
        assert_eq!(all(&at_cap)[0].1.as_ref().map(Vec::len), Ok(MAX_LINE_BYTES));
        at_cap.insert(0, b'y');
        assert_eq!(all(&at_cap)[0].1, Err(LineProblem::TooLong));
    }

    #[test]
    fn a_nul_in_a_skipped_line_is_found_at_its_column() {
        let mut input = vec![b'x'; MAX_LINE_BYTES * 2];
        input.push(0);
        assert_eq!(
            all(&input),
            vec![
                (1, Err(LineProblem::TooLong)),
                (
                    1,
                    Err(LineProblem::Nul {
                        column: MAX_LINE_BYTES * 2 + 1
                    })
                )
            ]
        );
    }

    #[test]
    fn a_nul_byte_ends_the_input_at_once() {
        assert_eq!(
            all(b"one\ntw\0o\nthree\n"),
            vec![ok(1, "one"), (2, Err(LineProblem::Nul { column: 3 }))]
        );
        // `/dev/zero`: the first byte.
        let zeros = io::Read::take(io::repeat(0), 1 << 40);
        let mut lines = Lines::new(io::BufReader::new(zeros));
        assert_eq!(
            lines.next_line().unwrap(),
            Some((1, Err(LineProblem::Nul { column: 1 })))
        );
        assert_eq!(lines.next_line().unwrap(), None);
    }
}

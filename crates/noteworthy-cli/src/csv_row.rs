//! Splitting CSV rows into fields one physical line at a time, so a row's
//! lines can be counted exactly and a bad quote noticed where it goes
//! wrong.
//!
//! The dialect is the one LinkedIn's `Invitations.csv` uses (RFC 4180):
//! fields separated by commas; a field that starts with `"` is quoted, may
//! hold commas and newlines, and writes a quote as `""`. A quote inside an
//! unquoted field is an ordinary character. A closing quote must be
//! followed by a comma or the end of the line: anything else means the
//! quotes do not pair up, and the row is reported instead of guessed at.

/// What feeding a line to a [`RowParser`] came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fed {
    /// The row ended with this line; here are its fields.
    Row(Vec<Vec<u8>>),
    /// A quoted field is still open at the end of the line: the row goes
    /// on with the next line.
    Open,
    /// A closing quote is followed by something other than a comma or the
    /// end of the line, at this 1-based column of the line.
    StrayQuote {
        /// Column of the character after the closing quote.
        column: usize,
    },
}

/// One row being split, fed line by line.
#[derive(Debug, Default)]
pub struct RowParser {
    fields: Vec<Vec<u8>>,
    field: Vec<u8>,
    /// Inside a quoted field.
    quoted: bool,
    /// Bytes held so far, to cap a row.
    held: usize,
}

impl RowParser {
    /// A parser at the start of a row.
    pub fn new() -> Self {
        RowParser::default()
    }

    /// How many bytes of the row are held so far.
    pub fn held(&self) -> usize {
        self.held
    }

    /// Feeds the next physical line of the row (without its line end).
    pub fn feed(&mut self, line: &[u8]) -> Fed {
        if self.quoted {
            // The newline that ended the previous line is in the field.
            self.field.push(b'\n');
        }
        self.held += line.len() + 1;
        let mut i = 0;
        // At the start of a field (and not inside a quoted one carried over
        // from the previous line).
        let mut at_start = !self.quoted;
        while i < line.len() {
            let b = line[i];
            if self.quoted {
                if b == b'"' {
                    if line.get(i + 1) == Some(&b'"') {
                        self.field.push(b'"');
                        i += 2;
                        continue;
                    }
                    self.quoted = false;
                    match line.get(i + 1) {
                        None => {}
                        Some(b',') => {}
                        Some(_) => return Fed::StrayQuote { column: i + 2 },
                    }
                } else {
                    self.field.push(b);
                }
                i += 1;
                continue;
            }
            if at_start && b == b'"' {
                self.quoted = true;
                at_start = false;
                i += 1;
                continue;
            }
            if b == b',' {
                self.fields.push(std::mem::take(&mut self.field));
                at_start = true;
            } else {
                self.field.push(b);
                at_start = false;
            }
            i += 1;
        }
        if self.quoted {
            return Fed::Open;
        }
        self.fields.push(std::mem::take(&mut self.field));
        let row = std::mem::take(&mut self.fields);
        self.held = 0;
        Fed::Row(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: &str) -> Fed {
        RowParser::new().feed(line.as_bytes())
    }

    fn fields(list: &[&str]) -> Fed {
        Fed::Row(list.iter().map(|f| f.as_bytes().to_vec()).collect())
    }

    #[test]
    fn plain_quoted_and_empty_fields() {
        assert_eq!(row("a,b,,d"), fields(&["a", "b", "", "d"]));
        assert_eq!(
            row(r#""1/2/24, 9:00 AM","say ""hi""",x"#),
            fields(&["1/2/24, 9:00 AM", r#"say "hi""#, "x"])
        );
        assert_eq!(row(""), fields(&[""]));
        assert_eq!(row(r#"a,"""#), fields(&["a", ""]));
        // A quote inside an unquoted field is just a character.
        assert_eq!(row(r#"He said "hi",x"#), fields(&[r#"He said "hi""#, "x"]));
    }

    #[test]
    fn a_quoted_field_runs_over_lines() {
        let mut p = RowParser::new();
        assert_eq!(p.feed(br#"Ana,"Hi Bo,"#), Fed::Open);
        assert_eq!(p.feed(b""), Fed::Open);
        assert_eq!(
            p.feed(br#"we met.",INCOMING"#),
            fields(&["Ana", "Hi Bo,\n\nwe met.", "INCOMING"])
        );
        assert_eq!(p.held(), 0);
    }

    #[test]
    fn a_closing_quote_must_end_the_field() {
        assert_eq!(row(r#"a,"b"c,d"#), Fed::StrayQuote { column: 6 });
        let mut p = RowParser::new();
        assert_eq!(p.feed(br#"a,"unterminated,OUT"#), Fed::Open);
        assert_eq!(p.feed(br#"b,c,"next",IN"#), Fed::StrayQuote { column: 6 });
    }
}

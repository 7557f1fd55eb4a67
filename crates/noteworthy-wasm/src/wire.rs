//! Invitations as the content script sends them: JSON text, read leniently.
//!
//! The content script reads a page that is hostile data and sends what it
//! read as JSON strings (each value in an extension message costs the
//! page's thread to serialise; one string is the cheapest). Reading that
//! text here, straight into [`Invitation`]s, skips building the same
//! objects in JavaScript and walking them again through
//! `serde_wasm_bindgen`, which took about a tenth of a page's judgement.
//!
//! Read leniently, so that nothing odd the page managed to put into a
//! reading stops the others being judged:
//! - a text field that is not a string (a number, an object, `null`) is
//!   absent; a string longer than its field's cap is cut to the cap;
//! - a list element that is not an object is an invitation with nothing
//!   known (judged blank); unknown fields are skipped; of a repeated field
//!   the last counts (as in `JSON.parse`);
//! - text that is not JSON of the expected kind (a list of invitations, an
//!   invitation, a person) reads as none: an empty batch, an invitation or
//!   a person with nothing known. So does JSON nested deeper than
//!   [`MAX_DEPTH`]. A batch of more than [`crate::MAX_BATCH`] invitations
//!   is judged in its first [`crate::MAX_BATCH`].
//!
//! The caps bound the work a page can cause; a real note is at most
//! LinkedIn's 300 characters.
//!
//! A small reader, not `serde_json`: the job is three shapes of string
//! fields, and `serde_json` made the shipped `.wasm` 35 KB (gzip) larger.
//! The tests hold it to `serde_json`'s reading of the same texts.

use noteworthy_core::{Invitation, Person, Sender};

/// Longest note kept, in characters.
pub const MAX_NOTE_CHARS: usize = 20_000;
/// Longest name (sender's, recipient's) kept, in characters.
pub const MAX_NAME_CHARS: usize = 500;
/// Longest headline kept, in characters.
pub const MAX_HEADLINE_CHARS: usize = 1_000;
/// Longest mutual-connections line kept, in characters.
pub const MAX_MUTUAL_CHARS: usize = 500;
/// Deepest nesting of lists and objects read (deeper text reads as none,
/// rather than exhausting the stack).
pub const MAX_DEPTH: usize = 32;

/// The invitations in `text`, the JSON of a list of `{note, sender: {name,
/// headline, mutual_connections}, recipient: {name, headline}}`, read as the
/// module docs say; each without a `recipient` object of its own gets
/// `recipient`.
pub fn invitations(text: &str, recipient: &Person) -> Vec<Invitation> {
    let mut list = Vec::new();
    let read = Reader::new(text).whole(|r| {
        r.list(0, |r| {
            let item = r
                .object_or_none(1, |r, depth| r.invitation(depth, recipient))?
                .unwrap_or_else(|| blank(recipient));
            if list.len() < crate::MAX_BATCH {
                list.push(item);
            }
            Ok(())
        })
    });
    match read {
        Ok(()) => list,
        Err(Bad) => Vec::new(),
    }
}

/// The invitation in `text`, the JSON of one invitation object (see
/// [`invitations`]); nothing known when it is not one.
pub fn invitation(text: &str, recipient: &Person) -> Invitation {
    Reader::new(text)
        .whole(|r| r.object_or_none(0, |r, depth| r.invitation(depth, recipient)))
        .ok()
        .flatten()
        .unwrap_or_else(|| blank(recipient))
}

/// The person in `text`, the JSON of `{name, headline}`; nobody when it is
/// not one.
pub fn person(text: &str) -> Person {
    Reader::new(text)
        .whole(|r| r.object_or_none(0, Reader::person))
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// An invitation with nothing known but its recipient.
fn blank(recipient: &Person) -> Invitation {
    Invitation {
        recipient: recipient.clone(),
        ..Invitation::default()
    }
}

/// The text was not JSON of the expected kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Bad;

/// A cursor over JSON text.
struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Reader { text, at: 0 }
    }

    /// `read` the one value of the text, with nothing but whitespace around.
    fn whole<T>(mut self, read: impl FnOnce(&mut Self) -> Result<T, Bad>) -> Result<T, Bad> {
        self.space();
        let value = read(&mut self)?;
        self.space();
        if self.at == self.text.len() {
            Ok(value)
        } else {
            Err(Bad)
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), Bad> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(Bad)
        }
    }

    /// An invitation object (the cursor at its `{`).
    fn invitation(&mut self, depth: usize, recipient: &Person) -> Result<Invitation, Bad> {
        let (mut note, mut sender, mut own) = (None, None, None);
        self.object(depth, |r, key| {
            match key {
                "note" => note = r.text_or_none(depth + 1)?,
                "sender" => sender = r.object_or_none(depth + 1, Reader::sender)?,
                "recipient" => own = r.object_or_none(depth + 1, Reader::person)?,
                _ => r.skip(depth + 1)?,
            }
            Ok(())
        })?;
        Ok(Invitation {
            note: cap(note, MAX_NOTE_CHARS),
            sender: sender.unwrap_or_default(),
            recipient: own.unwrap_or_else(|| recipient.clone()),
        })
    }

    /// A sender object (the cursor at its `{`).
    fn sender(&mut self, depth: usize) -> Result<Sender, Bad> {
        let [name, headline, mutual] =
            self.text_fields(depth, ["name", "headline", "mutual_connections"])?;
        Ok(Sender {
            name: cap(name, MAX_NAME_CHARS),
            headline: cap(headline, MAX_HEADLINE_CHARS),
            mutual_connections: cap(mutual, MAX_MUTUAL_CHARS),
        })
    }

    /// A person object (the cursor at its `{`).
    fn person(&mut self, depth: usize) -> Result<Person, Bad> {
        let [name, headline] = self.text_fields(depth, ["name", "headline"])?;
        Ok(Person {
            name: cap(name, MAX_NAME_CHARS),
            headline: cap(headline, MAX_HEADLINE_CHARS),
        })
    }

    /// An object whose fields are all text (the cursor at its `{`): the
    /// strings of the fields named `keys`, in their order; a field not
    /// there or not a string is none, and any other field is skipped.
    fn text_fields<const N: usize>(
        &mut self,
        depth: usize,
        keys: [&str; N],
    ) -> Result<[Option<String>; N], Bad> {
        let mut found = [const { None }; N];
        self.object(depth, |r, key| match keys.iter().position(|&k| k == key) {
            Some(i) => {
                found[i] = r.text_or_none(depth + 1)?;
                Ok(())
            }
            None => r.skip(depth + 1),
        })?;
        Ok(found)
    }

    /// The value read by `read` when it is an object, else (skipped) none.
    fn object_or_none<T>(
        &mut self,
        depth: usize,
        read: impl FnOnce(&mut Self, usize) -> Result<T, Bad>,
    ) -> Result<Option<T>, Bad> {
        if self.peek() == Some(b'{') {
            read(self, depth).map(Some)
        } else {
            self.skip(depth).map(|_| None)
        }
    }

    /// The string when the value is one, else (skipped) none.
    fn text_or_none(&mut self, depth: usize) -> Result<Option<String>, Bad> {
        if self.peek() == Some(b'"') {
            self.string().map(Some)
        } else {
            self.skip(depth).map(|_| None)
        }
    }

    /// An object: `field` is called with each key, the cursor at its value,
    /// and must read that value.
    fn object(
        &mut self,
        depth: usize,
        mut field: impl FnMut(&mut Self, &str) -> Result<(), Bad>,
    ) -> Result<(), Bad> {
        self.sequence(depth, b'{', b'}', |r| {
            if r.peek() != Some(b'"') {
                return Err(Bad);
            }
            let key = r.string()?;
            r.space();
            r.expect(b':')?;
            r.space();
            field(r, &key)
        })
    }

    /// A list: `item` is called with the cursor at each element, and must
    /// read it.
    fn list(
        &mut self,
        depth: usize,
        item: impl FnMut(&mut Self) -> Result<(), Bad>,
    ) -> Result<(), Bad> {
        self.sequence(depth, b'[', b']', item)
    }

    /// `open`, then entries read by `entry` separated by commas, then
    /// `close`: an object's or a list's frame.
    fn sequence(
        &mut self,
        depth: usize,
        open: u8,
        close: u8,
        mut entry: impl FnMut(&mut Self) -> Result<(), Bad>,
    ) -> Result<(), Bad> {
        if depth >= MAX_DEPTH {
            return Err(Bad);
        }
        self.expect(open)?;
        self.space();
        if self.peek() == Some(close) {
            self.at += 1;
            return Ok(());
        }
        loop {
            entry(self)?;
            self.space();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.space();
                }
                Some(b) if b == close => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(Bad),
            }
        }
    }

    /// Reads past any one value.
    fn skip(&mut self, depth: usize) -> Result<(), Bad> {
        match self.peek() {
            Some(b'{') => self.object(depth, |r, _| r.skip(depth + 1)),
            Some(b'[') => self.list(depth, |r| r.skip(depth + 1)),
            Some(b'"') => self.string().map(|_| ()),
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'n') => self.literal("null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(Bad),
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), Bad> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(Bad)
        }
    }

    /// A number, by JSON's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Result<(), Bad> {
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(Bad),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.some_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            self.some_digits()?;
        }
        Ok(())
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
    }

    fn some_digits(&mut self) -> Result<(), Bad> {
        let from = self.at;
        self.digits();
        if self.at > from {
            Ok(())
        } else {
            Err(Bad)
        }
    }

    /// A string (the cursor at its opening quote), escapes read.
    fn string(&mut self) -> Result<String, Bad> {
        self.expect(b'"')?;
        let mut out = String::new();
        loop {
            // The run up to the next quote, backslash or control character
            // is copied as it is: the text is UTF-8 already.
            let from = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            out.push_str(&self.text[from..self.at]);
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    out.push(self.escape()?);
                }
                _ => return Err(Bad), // a raw control character, or the end
            }
        }
    }

    /// The character of an escape (the cursor after its backslash).
    fn escape(&mut self) -> Result<char, Bad> {
        let byte = self.peek().ok_or(Bad)?;
        self.at += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4()?;
                match unit {
                    0xD800..=0xDBFF => {
                        // A high surrogate: a character when a low one
                        // follows, else (as JSON.parse keeps it, and a Rust
                        // string cannot) the replacement character.
                        let rest = &self.text[self.at..];
                        if rest.starts_with("\\u") {
                            let save = self.at;
                            self.at += 2;
                            let low = self.hex4()?;
                            if (0xDC00..=0xDFFF).contains(&low) {
                                let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                                return char::from_u32(c).ok_or(Bad);
                            }
                            self.at = save;
                        }
                        char::REPLACEMENT_CHARACTER
                    }
                    0xDC00..=0xDFFF => char::REPLACEMENT_CHARACTER,
                    _ => char::from_u32(unit).ok_or(Bad)?,
                }
            }
            _ => return Err(Bad),
        })
    }

    fn hex4(&mut self) -> Result<u32, Bad> {
        let digits = self.bytes().get(self.at..self.at + 4).ok_or(Bad)?;
        let mut value = 0;
        for &d in digits {
            value = value * 16 + char::from(d).to_digit(16).ok_or(Bad)?;
        }
        self.at += 4;
        Ok(value)
    }
}

/// `text` cut to its first `max` characters.
fn cap(text: Option<String>, max: usize) -> Option<String> {
    text.map(|mut s| {
        // No more bytes than `max`, no more characters: most texts, which
        // then are not walked.
        if s.len() > max {
            if let Some((at, _)) = s.char_indices().nth(max) {
                s.truncate(at);
            }
        }
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kim() -> Person {
        Person {
            name: Some("Kim".into()),
            headline: None,
        }
    }

    #[test]
    fn a_list_of_invitations_reads_every_field() {
        let text = r#" [ {"note":"Hi Ana", "sender":{"name":"Bo","headline":"Chef","mutual_connections":"3 mutual"},
            "recipient" : {"name":"Ana","headline":"Baker"} } ] "#;
        let got = invitations(text, &Person::default());
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].note.as_deref(), Some("Hi Ana"));
        assert_eq!(got[0].sender.name.as_deref(), Some("Bo"));
        assert_eq!(got[0].sender.headline.as_deref(), Some("Chef"));
        assert_eq!(
            got[0].sender.mutual_connections.as_deref(),
            Some("3 mutual")
        );
        assert_eq!(got[0].recipient.name.as_deref(), Some("Ana"));
        assert_eq!(got[0].recipient.headline.as_deref(), Some("Baker"));
        assert!(invitations("[]", &kim()).is_empty());
    }

    #[test]
    fn the_batchs_recipient_fills_in_unless_an_invitation_names_its_own() {
        let got = invitations(
            r#"[{"note":"a"},{"note":"b","recipient":{"name":"Ana"}},{"recipient":7},null]"#,
            &kim(),
        );
        assert_eq!(got[0].recipient, kim());
        assert_eq!(got[1].recipient.name.as_deref(), Some("Ana"));
        assert_eq!(
            got[2].recipient,
            kim(),
            "a recipient that is not an object is none of its own"
        );
        assert_eq!(got[3], blank(&kim()));
    }

    #[test]
    fn odd_values_are_absent_and_odd_elements_know_nothing() {
        let text = r#"[{"note":5,"sender":{"name":["x"],"headline":{"a":1},"mutual_connections":null}},
            null, "text", 3, -0.5e+3, true, [1,[2]], {"note":"kept","extra":{"deep":[1,2,{"x":false}]}}, {"sender":"Bo"},
            {"note":"first","note":"last"}]"#;
        let got = invitations(text, &Person::default());
        assert_eq!(got.len(), 10, "every element stays, in order");
        assert!(got[..7].iter().all(|i| *i == Invitation::default()));
        assert_eq!(got[7].note.as_deref(), Some("kept"));
        assert_eq!(got[8], Invitation::default());
        assert_eq!(
            got[9].note.as_deref(),
            Some("last"),
            "the last of a repeated field, as JSON.parse reads it"
        );
    }

    #[test]
    fn text_that_is_not_a_list_of_json_is_an_empty_batch() {
        for text in [
            "",
            " ",
            "no",
            r#"{"note":"a"}"#,
            "[{\"note\":",
            "\"[]\"",
            "null",
            "[1,]",
            "[,1]",
            "[01]",
            "[1.]",
            "[1e]",
            "[-]",
            "[tru]",
            "[\"a\"\"b\"]",
            "[{\"a\" 1}]",
            "[{\"a\":1,}]",
            "[{1:2}]",
            "[\"\u{1}\"]",
            "[\"\\x\"]",
            "[\"\\u12G4\"]",
            "[] []",
            "[\"a]",
        ] {
            assert!(invitations(text, &kim()).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn text_nested_past_the_limit_reads_as_none() {
        let deep = |n: usize| {
            format!(
                "[{{\"note\":\"a\",\"x\":{}1{}}}]",
                "[".repeat(n),
                "]".repeat(n)
            )
        };
        assert_eq!(invitations(&deep(MAX_DEPTH - 3), &kim()).len(), 1);
        assert!(invitations(&deep(MAX_DEPTH), &kim()).is_empty());
        assert!(
            invitations(&"[".repeat(100_000), &kim()).is_empty(),
            "no stack overflow"
        );
    }

    #[test]
    fn a_batch_over_the_limit_is_judged_in_its_first_max_batch() {
        let text = format!("[{}{{\"note\":\"last\"}}]", "{},".repeat(crate::MAX_BATCH));
        let got = invitations(&text, &kim());
        assert_eq!(got.len(), crate::MAX_BATCH);
        assert!(got.iter().all(|i| i.note.is_none()));
    }

    #[test]
    fn long_fields_are_cut_to_their_caps_at_a_character() {
        let text = format!(
            r#"[{{"note":"{}","sender":{{"name":"{}","headline":"{}","mutual_connections":"{}"}}}}]"#,
            "é".repeat(MAX_NOTE_CHARS + 5),
            "n".repeat(MAX_NAME_CHARS * 2),
            "h".repeat(5000),
            "m".repeat(MAX_MUTUAL_CHARS + 1)
        );
        let got = &invitations(&text, &kim())[0];
        assert_eq!(got.note.as_ref().unwrap().chars().count(), MAX_NOTE_CHARS);
        assert_eq!(got.sender.name.as_ref().unwrap().len(), MAX_NAME_CHARS);
        assert_eq!(
            got.sender.headline.as_ref().unwrap().len(),
            MAX_HEADLINE_CHARS
        );
        assert_eq!(
            got.sender.mutual_connections.as_ref().unwrap().len(),
            MAX_MUTUAL_CHARS
        );
        let long = format!(r#"{{"name":"{}"}}"#, "é".repeat(MAX_NAME_CHARS + 1));
        assert_eq!(person(&long).name.unwrap().chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn escapes_are_read_as_the_text_they_stand_for() {
        let got = invitations(
            r#"[{"note":"Hi \"Ana\"\n\t\/\\\b\f\r\u00e9\ud83d\ude00 \ud83d x \ude00"}]"#,
            &kim(),
        );
        assert_eq!(
            got[0].note.as_deref(),
            Some("Hi \"Ana\"\n\t/\\\u{8}\u{c}\ré😀 \u{fffd} x \u{fffd}")
        );
    }

    /// The reader against serde_json on every corpus note written as
    /// JavaScript would (`serde_json` escapes as `JSON.stringify` does, but
    /// for the ASCII escapes it also takes), and on mangled texts: where
    /// serde_json reads a list of invitations, so does the reader, alike.
    #[test]
    fn reads_what_serde_json_reads() {
        let corpus = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/corpus/dev.jsonl"
        ))
        .unwrap_or_default();
        let notes: Vec<String> = corpus
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_owned))
            .chain([
                "\u{0}\u{1f}\u{7f}\u{2028}\u{fffd}\"\\/".to_owned(),
                String::new(),
            ])
            .collect();
        let list: Vec<serde_json::Value> = notes
            .iter()
            .enumerate()
            .map(|(i, n)| serde_json::json!({ "note": n, "sender": { "name": format!("N{i}"), "headline": null }, "x": [i, { "y": n }] }))
            .collect();
        let text = serde_json::to_string(&list).unwrap();
        let got = invitations(&text, &kim());
        assert_eq!(got.len(), notes.len().min(crate::MAX_BATCH));
        for (inv, note) in got.iter().zip(&notes) {
            assert_eq!(inv.note.as_deref(), Some(note.as_str()));
        }
        // Mangled: every cut of a small text, and every byte replaced.
        let small =
            r#"[{"note":"a\u00e9\"b","sender":{"name":"N"}},{"note":-1.5e3},[true,false,null]]"#;
        let mut texts: Vec<String> = (0..small.len())
            .filter(|&i| small.is_char_boundary(i))
            .map(|i| small[..i].to_owned())
            .collect();
        for i in 0..small.len() {
            for b in [
                b'"', b'\\', b'{', b'}', b'[', b']', b',', b':', b' ', b'0', b'e', b'.', b'-',
                b'u', b'x',
            ] {
                let mut bytes = small.as_bytes().to_vec();
                bytes[i] = b;
                texts.extend(String::from_utf8(bytes));
            }
        }
        for text in texts {
            let theirs = serde_json::from_str::<Vec<serde_json::Value>>(&text).ok();
            let ours = invitations(&text, &Person::default());
            match theirs {
                None => assert!(
                    ours.is_empty(),
                    "{text:?}: serde_json reads no list, the reader read {ours:?}"
                ),
                Some(list) => {
                    assert_eq!(ours.len(), list.len(), "{text:?}");
                    for (inv, v) in ours.iter().zip(&list) {
                        assert_eq!(
                            inv.note.as_deref(),
                            v.get("note").and_then(|n| n.as_str()),
                            "{text:?}"
                        );
                        assert_eq!(
                            inv.sender.name.as_deref(),
                            v.get("sender")
                                .and_then(|s| s.get("name"))
                                .and_then(|n| n.as_str()),
                            "{text:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn one_invitation_reads_alike_and_knows_nothing_when_not_an_object() {
        let got = invitation(r#"{"note":"Hi","sender":{"name":"Bo"}}"#, &kim());
        assert_eq!(got.note.as_deref(), Some("Hi"));
        assert_eq!(got.sender.name.as_deref(), Some("Bo"));
        assert_eq!(got.recipient, kim());
        for text in ["[1]", "", "{", "\"x\""] {
            assert_eq!(invitation(text, &kim()), blank(&kim()), "{text:?}");
        }
    }

    #[test]
    fn a_person_is_read_from_an_object_only() {
        assert_eq!(
            person(r#"{"name":"Ana","headline":5}"#),
            Person {
                name: Some("Ana".into()),
                headline: None
            }
        );
        for text in ["null", "\"Ana\"", "", "{\"name\":}", "[{\"name\":\"Ana\"}]"] {
            assert_eq!(person(text), Person::default(), "{text:?}");
        }
    }
}

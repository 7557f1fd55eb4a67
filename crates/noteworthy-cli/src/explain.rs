//! `noteworthy explain`: one note's verdict, written for a person.

use crate::args::parse_strictness;
use crate::exit::{complain, Status};
use crate::highlight::{highlight, matched_texts, ColorChoice, Style};
use noteworthy_core::{
    classify, label_for, Invitation, Label, Person, Sender, Strictness, Verdict, MAX_NOTE_BYTES,
};
use std::io::{self, Read, Write};

/// Arguments of `noteworthy explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The note, in quotes; `-` reads it from standard input.
    pub note: String,
    /// How strict the reader is: lenient, balanced or strict.
    #[arg(short, long, value_name = "LEVEL", default_value = "balanced", value_parser = parse_strictness)]
    pub strictness: Strictness,
    /// Colour the evidence: auto (terminal and NO_COLOR unset), always or
    /// never. Without colour, evidence is marked [[like this]].
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The sender's name, as LinkedIn shows it.
    #[arg(long, value_name = "NAME")]
    pub sender: Option<String>,
    /// Your own name, so a greeting to somebody else's name is noticed.
    #[arg(long, value_name = "NAME")]
    pub recipient: Option<String>,
}

/// Runs `explain`, writing the explanation to `out`.
pub fn run(args: &ExplainArgs, out: &mut dyn Write) -> io::Result<Status> {
    let note = if args.note == "-" {
        match read_stdin_note() {
            Ok(note) => note,
            Err(message) => {
                complain(format_args!("<stdin>: {message}"));
                return Ok(Status::InputErrors);
            }
        }
    } else {
        args.note.clone()
    };
    let invitation = Invitation {
        note: Some(note),
        sender: Sender {
            name: args.sender.clone(),
            ..Sender::default()
        },
        recipient: Person {
            name: args.recipient.clone(),
            ..Person::default()
        },
    };
    let verdict = classify(&invitation, args.strictness);
    // The label at every level, so a person can see whether the verdict
    // hangs on the strictness setting.
    // The score does not depend on the level: only the threshold does.
    let has_note = verdict.label != Label::Blank;
    let levels: Vec<(Strictness, Label)> = Strictness::ALL
        .into_iter()
        .map(|s| (s, label_for(has_note, verdict.score, s)))
        .collect();
    let note = invitation.note.as_deref().unwrap_or("");
    write_explanation(out, note, &verdict, &levels, args.color.style())?;
    out.flush()?;
    Ok(Status::Ok)
}

/// Reads the whole of standard input as one note, dropping the single
/// newline that `echo` and here-strings add.
fn read_stdin_note() -> Result<String, String> {
    read_note(io::stdin().lock())
}

/// The most of standard input `explain -` reads: a note is a few hundred
/// characters, and `explain - < /dev/zero` must not fill the memory.
const MAX_STDIN_NOTE: usize = crate::lines::MAX_LINE_BYTES;

fn read_note(reader: impl Read) -> Result<String, String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_STDIN_NOTE as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() > MAX_STDIN_NOTE {
        return Err(format!(
            "note is longer than {} KiB; not explained (a note is a few hundred characters)",
            MAX_STDIN_NOTE / 1024
        ));
    }
    let mut note = String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    if note.ends_with('\n') {
        note.pop();
        if note.ends_with('\r') {
            note.pop();
        }
    }
    Ok(note)
}

fn label_colour(label: Label) -> &'static str {
    match label {
        Label::Blank => "\x1b[1;2m",
        Label::Generic => "\x1b[1;31m",
        Label::Personalized => "\x1b[1;32m",
    }
}

/// Writes the explanation of `verdict` on `note`.
pub fn write_explanation(
    out: &mut dyn Write,
    note: &str,
    verdict: &Verdict,
    levels: &[(Strictness, Label)],
    style: Style,
) -> io::Result<()> {
    let label = verdict.label.as_str();
    let label = match style {
        Style::Ansi => format!("{}{label}\x1b[0m", label_colour(verdict.label)),
        Style::Plain => label.to_string(),
    };
    writeln!(out, "Label:     {label}")?;
    writeln!(
        out,
        "Action:    {} ({})",
        verdict.action,
        verdict.action.description()
    )?;
    let relation = if verdict.score >= verdict.threshold {
        "at or above"
    } else {
        "below"
    };
    writeln!(
        out,
        "Score:     {} ({relation} the threshold of {} for personalized at {} strictness)",
        verdict.score, verdict.threshold, verdict.strictness
    )?;
    if !levels.is_empty() {
        let each: Vec<String> = levels.iter().map(|(s, l)| format!("{s} {l}")).collect();
        writeln!(out, "Levels:    {}", each.join(", "))?;
    }
    writeln!(out, "Language:  {}", verdict.language)?;
    writeln!(out)?;

    if note.trim().is_empty() {
        writeln!(out, "Note:      (empty)")?;
    } else {
        // Only the judged part is shown: past MAX_NOTE_BYTES the core does
        // not look, and a megabyte on the terminal helps nobody.
        let (judged, rest) = split_at_char_boundary(note, MAX_NOTE_BYTES);
        writeln!(out, "Note:")?;
        for line in highlight(judged, &verdict.evidence, style).split('\n') {
            writeln!(out, "  {line}")?;
        }
        if !rest.is_empty() {
            writeln!(out, "  … ({} more bytes not judged)", rest.len())?;
        }
    }
    writeln!(out)?;

    if verdict.evidence.is_empty() {
        writeln!(out, "No rule fired.")?;
        return Ok(());
    }
    writeln!(out, "Rules that fired:")?;
    for e in &verdict.evidence {
        let category = serde_json::to_value(e.category)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:>+4}  {}  [{category}]  {}",
            e.weight, e.rule, e.description
        )?;
        let matched = matched_texts(note, e);
        if !matched.is_empty() {
            let quoted: Vec<String> = matched.iter().map(|m| format!("\"{m}\"")).collect();
            writeln!(out, "        matched {}", quoted.join(", "))?;
        }
    }
    Ok(())
}

/// Splits `s` at the last character boundary at or before `max` bytes.
fn split_at_char_boundary(s: &str, max: usize) -> (&str, &str) {
    if s.len() <= max {
        return (s, "");
    }
    let mut cut = max;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s.split_at(cut)
}

#[cfg(test)]
mod tests {
    use super::*;
    use noteworthy_core::{Action, Category, Evidence, Span};

    fn verdict(note: &str, needle: &str) -> Verdict {
        let start = note.find(needle).unwrap();
        let end = start + needle.len();
        Verdict {
            label: Label::Generic,
            score: -6,
            threshold: 2,
            strictness: Strictness::Balanced,
            action: Action::Ask,
            language: "en".into(),
            evidence: vec![Evidence {
                rule: "EN_STOCK_INVITE",
                description: "LinkedIn's stock sentence",
                weight: -6,
                category: Category::Stock,
                spans: vec![Span {
                    start,
                    end,
                    start_utf16: note[..start].encode_utf16().count(),
                    end_utf16: note[..end].encode_utf16().count(),
                }],
            }],
            truncated: false,
        }
    }

    #[test]
    fn explanation_lists_label_action_score_note_and_rules() {
        let note = "Hi!\nI'd like to add you to my professional network.";
        let v = verdict(note, "professional network");
        let mut out = Vec::new();
        let levels = [
            (Strictness::Lenient, Label::Personalized),
            (Strictness::Balanced, Label::Generic),
        ];
        write_explanation(&mut out, note, &v, &levels, Style::Plain).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("Label:     generic\n"), "{text}");
        assert!(text.contains("Action:    ask (reply asking"), "{text}");
        assert!(
            text.contains("Score:     -6 (below the threshold of 2"),
            "{text}"
        );
        assert!(
            text.contains("  Hi!\n  I'd like to add you to my [[professional network]].\n"),
            "{text}"
        );
        assert!(
            text.contains("    -6  EN_STOCK_INVITE  [stock]  LinkedIn's stock sentence"),
            "{text}"
        );
        assert!(text.contains("matched \"professional network\""), "{text}");
        assert!(!text.contains('\x1b'), "plain style has no escapes");
    }

    #[test]
    fn colour_style_uses_ansi() {
        let note = "my professional network";
        let v = verdict(note, "professional network");
        let mut out = Vec::new();
        write_explanation(&mut out, note, &v, &[], Style::Ansi).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("\x1b[1;31mprofessional network\x1b[0m"),
            "{text}"
        );
        assert!(!text.contains("[["), "{text}");
    }

    #[test]
    fn a_note_from_stdin_is_capped() {
        assert_eq!(read_note(&b"hi there\r\n"[..]), Ok("hi there".into()));
        let endless = io::repeat(b'x').take(1 << 30);
        let err = read_note(endless).unwrap_err();
        assert!(err.starts_with("note is longer than 64 KiB"), "{err}");
    }

    #[test]
    fn split_respects_characters() {
        assert_eq!(split_at_char_boundary("aé", 2), ("a", "é"));
        assert_eq!(split_at_char_boundary("abc", 5), ("abc", ""));
    }
}

//! `noteworthy coach`: what the extension's coach tells a sender about a
//! draft note (the core's [`noteworthy_core::coach`]), on the terminal.

use noteworthy_core::coach::{Check, Coaching};
use noteworthy_core::{coach, Span};
use std::io::{self, Write};

use crate::exit::Status;
use crate::highlight::span_texts;

/// Arguments of `noteworthy coach`.
#[derive(Debug, clap::Args)]
pub struct CoachArgs {
    /// The draft note, in quotes.
    pub note: String,
    /// The invitee's name, as the invite dialog shows it (to notice a
    /// greeting to somebody else).
    #[arg(long, value_name = "NAME")]
    pub invitee: Option<String>,
    /// Print the coaching as one JSON object (what the extension gets).
    #[arg(long)]
    pub json: bool,
}

/// Runs `coach`, writing to `out`.
pub fn run(args: &CoachArgs, out: &mut dyn Write) -> io::Result<Status> {
    let c = coach(&args.note, args.invitee.as_deref());
    if args.json {
        serde_json::to_writer(&mut *out, &c)?;
        writeln!(out)?;
    } else {
        write_text(out, &args.note, &c)?;
    }
    Ok(Status::Ok)
}

/// The spans' texts, quoted and escaped as `explain` shows what matched.
fn quoted(note: &str, spans: &[Span]) -> String {
    span_texts(note, spans)
        .iter()
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn line(out: &mut dyn Write, note: &str, what: &str, check: &Check) -> io::Result<()> {
    let mark = if check.met { "x" } else { " " };
    write!(out, "[{mark}] {what}")?;
    if !check.spans.is_empty() {
        write!(out, ": {}", quoted(note, &check.spans))?;
    }
    writeln!(out)
}

fn write_text(out: &mut dyn Write, note: &str, c: &Coaching) -> io::Result<()> {
    writeln!(
        out,
        "They would see: {} (score {}, a personal note needs {} at balanced)",
        c.label, c.score, c.threshold
    )?;
    line(out, note, "Says how you found them", &c.how_found)?;
    line(out, note, "Says why you want to connect", &c.why)?;
    for w in &c.warnings {
        write!(out, "! {} ({})", w.kind.as_str(), w.rules.join(", "))?;
        if !w.spans.is_empty() {
            write!(out, ": {}", quoted(note, &w.spans))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

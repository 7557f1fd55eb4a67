//! `noteworthy report`: a person's invitation history from LinkedIn's
//! `Invitations.csv` export, counted by label, received and sent.

use crate::args::parse_strictness;
use crate::exit::{complain, Status};
use crate::input::{self, Direction, Format, InputChoice, Location, Records};
use noteworthy_core::{classify, Label, Strictness};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Arguments of `noteworthy report`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Get the file from LinkedIn: Settings > Data privacy > Get a copy of your data >
Invitations. Rows with an empty Message are counted as blank.")]
pub struct ReportArgs {
    /// LinkedIn's Invitations.csv export.
    #[arg(value_name = "Invitations.csv")]
    pub file: String,
    /// How strict the reader is: lenient, balanced or strict.
    #[arg(short, long, value_name = "LEVEL", default_value = "balanced", value_parser = parse_strictness)]
    pub strictness: Strictness,
    /// Print the counts as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Invitations per label for one direction.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts(pub BTreeMap<Label, usize>);

impl Counts {
    fn new() -> Self {
        Counts(Label::ALL.into_iter().map(|l| (l, 0)).collect())
    }
    fn add(&mut self, label: Label) {
        *self.0.entry(label).or_default() += 1;
    }
    /// How many invitations in all.
    pub fn total(&self) -> usize {
        self.0.values().sum()
    }
    fn get(&self, label: Label) -> usize {
        self.0.get(&label).copied().unwrap_or(0)
    }
}

/// The counts for a whole export.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Strictness the notes were judged at.
    pub strictness: Strictness,
    /// `INCOMING` rows.
    pub received: Counts,
    /// `OUTGOING` rows.
    pub sent: Counts,
    /// Rows that could not be read (each reported on stderr).
    pub unreadable_rows: usize,
}

/// Runs `report`.
pub fn run(args: &ReportArgs, out: &mut dyn Write) -> io::Result<Status> {
    let (source, reader) = match input::open_source(&args.file) {
        Ok(opened) => opened,
        Err(e) => {
            complain(format_args!("cannot read {}: {e}", args.file));
            return Ok(Status::Usage);
        }
    };
    let mut records = Records::new(&source, reader, InputChoice::Auto);
    if records.format() != Format::InvitationsCsv {
        complain(format_args!(
            "{source}:1: not a LinkedIn Invitations.csv export: the first line should be \
             a header like From,To,Sent At,Message,Direction"
        ));
        return Ok(Status::InputErrors);
    }
    let mut summary = Summary {
        strictness: args.strictness,
        received: Counts::new(),
        sent: Counts::new(),
        unreadable_rows: 0,
    };
    let mut status = Status::Ok;
    let mut fail = |message: &dyn std::fmt::Display, summary: &mut Summary| {
        complain(message);
        summary.unreadable_rows += 1;
        status = Status::InputErrors;
    };
    loop {
        let record = match records.next_record() {
            Ok(Some(record)) => record,
            Ok(None) => break,
            Err(e) => {
                complain(format_args!(
                    "cannot read {source} after line {}: {e}",
                    records.lines_read()
                ));
                return Ok(Status::Usage);
            }
        };
        match record {
            Err(e) => fail(&e, &mut summary),
            Ok(r) => {
                let label = classify(&r.invitation, args.strictness).label;
                match r.direction {
                    Some(Direction::Incoming) => summary.received.add(label),
                    Some(Direction::Outgoing) => summary.sent.add(label),
                    // Received and sent cannot be told apart without the
                    // column, and guessing would mislead.
                    None => {
                        let location = Location {
                            line: 1,
                            ..r.location
                        };
                        fail(
                            &format_args!(
                                "{location}: CSV header has no Direction column, so received and \
                                 sent cannot be told apart"
                            ),
                            &mut summary,
                        );
                        break;
                    }
                }
            }
        }
    }
    if args.json {
        #[derive(Serialize)]
        struct Json<'a> {
            file: &'a str,
            #[serde(flatten)]
            summary: &'a Summary,
        }
        let json = serde_json::to_string(&Json {
            file: &source,
            summary: &summary,
        })
        .map_err(io::Error::other)?;
        writeln!(out, "{json}")?;
    } else {
        write_table(out, &source, &summary)?;
    }
    out.flush()?;
    Ok(status)
}

/// The longest bar, in characters.
const BAR_WIDTH: usize = 30;

/// A bar of `count` scaled so `max` fills [`BAR_WIDTH`]; any non-zero
/// count shows at least one block so small numbers do not vanish.
pub fn bar(count: usize, max: usize) -> String {
    if count == 0 || max == 0 {
        return String::new();
    }
    let width = (count * BAR_WIDTH).div_ceil(max).clamp(1, BAR_WIDTH);
    "█".repeat(width)
}

/// Writes the two small tables, bars scaled to the largest count in
/// either so received and sent can be compared by eye.
pub fn write_table(out: &mut dyn Write, source: &str, s: &Summary) -> io::Result<()> {
    let total = s.received.total() + s.sent.total();
    write!(
        out,
        "{source}: {total} invitations judged at {} strictness",
        s.strictness
    )?;
    if s.unreadable_rows > 0 {
        write!(out, " ({} rows unreadable, not counted)", s.unreadable_rows)?;
    }
    writeln!(out)?;
    let max = Label::ALL
        .into_iter()
        .flat_map(|l| [s.received.get(l), s.sent.get(l)])
        .max()
        .unwrap_or(0);
    for (title, counts) in [("Received", &s.received), ("Sent", &s.sent)] {
        let n = counts.total();
        writeln!(out, "\n{title} ({n})")?;
        for label in Label::ALL {
            let c = counts.get(label);
            // Rounded to the nearest percent; an empty table shows 0%.
            let percent = (c * 100 + n / 2).checked_div(n).unwrap_or(0);
            let line = format!(
                "  {:<13}{c:>5} {percent:>4}%  {}",
                label.as_str(),
                bar(c, max)
            );
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_max_and_never_vanish() {
        assert_eq!(bar(10, 10).chars().count(), BAR_WIDTH);
        assert_eq!(bar(5, 10).chars().count(), BAR_WIDTH / 2);
        assert_eq!(bar(1, 1000).chars().count(), 1);
        assert_eq!(bar(0, 10), "");
        assert_eq!(bar(0, 0), "");
    }

    #[test]
    fn table_shows_counts_percentages_and_bars() {
        let mut received = Counts::new();
        for l in [
            Label::Blank,
            Label::Blank,
            Label::Generic,
            Label::Personalized,
        ] {
            received.add(l);
        }
        let mut sent = Counts::new();
        sent.add(Label::Personalized);
        let s = Summary {
            strictness: Strictness::Balanced,
            received,
            sent,
            unreadable_rows: 1,
        };
        let mut out = Vec::new();
        write_table(&mut out, "Invitations.csv", &s).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with(
            "Invitations.csv: 5 invitations judged at balanced strictness (1 rows unreadable"
        ));
        let full = "█".repeat(BAR_WIDTH);
        let half = "█".repeat(BAR_WIDTH / 2);
        assert!(
            text.contains(&format!(
                "\nReceived (4)\n  blank            2   50%  {full}\n"
            )),
            "{text}"
        );
        assert!(
            text.contains(&format!("  generic          1   25%  {half}\n")),
            "{text}"
        );
        assert!(
            text.contains("\nSent (1)\n  blank            0    0%\n"),
            "{text}"
        );
    }
}

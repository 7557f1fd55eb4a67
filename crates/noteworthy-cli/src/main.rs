//! `noteworthy`: judge LinkedIn invitation notes from the command line.
//!
//! This file only parses the command line and hands over to one module per
//! subcommand; the work is in those modules and in `noteworthy-core`.

mod args;
mod classify_cmd;
mod coach_cmd;
mod csv_row;
mod eval;
mod exit;
mod explain;
mod highlight;
mod input;
mod lines;
mod report;
mod rule_hits;

use clap::{Parser, Subcommand};
use exit::{complain, Status};
use std::io::{self, Write};
use std::process::ExitCode;

/// Judge LinkedIn connection-invitation notes as blank, generic or
/// personalized, and say why.
#[derive(Debug, Parser)]
#[command(name = "noteworthy", version)]
#[command(after_help = "\
Exit status: 0 all good, 1 some input lines failed (each named on stderr),
2 usage error or unreadable file, 3 eval --min-accuracy not met.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Judge every note in files or standard input (text, JSON lines or
    /// Invitations.csv), one verdict per note.
    Classify(classify_cmd::ClassifyArgs),
    /// Explain the verdict on one note: label, action, score and evidence.
    Explain(explain::ExplainArgs),
    /// Coach a draft note before sending it: what the invitee would see,
    /// whether it says how you found them and why, and what to fix.
    Coach(coach_cmd::CoachArgs),
    /// Measure accuracy against a labelled corpus in JSON lines, or with
    /// --rules how often each rule fires on it.
    Eval(eval::EvalArgs),
    /// Summarise your Invitations.csv export: blank, generic and
    /// personalized, received and sent.
    Report(report::ReportArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout with success, and
            // usage errors to stderr; its own exit code for those is 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                Status::Usage.code()
            } else {
                0
            });
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match &cli.command {
        Command::Classify(a) => classify_cmd::run(a, &mut out),
        Command::Explain(a) => explain::run(a, &mut out),
        Command::Coach(a) => coach_cmd::run(a, &mut out),
        Command::Eval(a) => eval::run(a, &mut out),
        Command::Report(a) => report::run(a, &mut out),
    }
    .and_then(|status| out.flush().map(|()| status));
    match result {
        Ok(status) => status.into(),
        // `noteworthy classify big.txt | head` closes the pipe early; that
        // is the reader's choice, not an error worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            complain(format_args!("cannot write output: {e}"));
            Status::InputErrors.into()
        }
    }
}

/// Counts the bytes the current thread holds on the heap, so tests can
/// check that reading stays within bounds (work measured, not timed).
#[cfg(test)]
mod alloc_meter {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    thread_local! {
        static LIVE: Cell<isize> = const { Cell::new(0) };
        static PEAK: Cell<isize> = const { Cell::new(0) };
    }

    struct Meter;

    fn track(delta: isize) {
        // `try_with`: during thread teardown the counters may be gone.
        let _ = LIVE.try_with(|live| {
            let now = live.get() + delta;
            live.set(now);
            let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
        });
    }

    // SAFETY: every call is passed on to the system allocator unchanged;
    // the counting touches only const-initialised thread-locals, which
    // never allocate.
    unsafe impl GlobalAlloc for Meter {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let p = System.alloc(layout);
            if !p.is_null() {
                track(layout.size() as isize);
            }
            p
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            System.dealloc(ptr, layout);
            track(-(layout.size() as isize));
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let p = System.realloc(ptr, layout, new_size);
            if !p.is_null() {
                track(new_size as isize - layout.size() as isize);
            }
            p
        }
    }

    #[global_allocator]
    static METER: Meter = Meter;

    /// The most this thread held on the heap while `f` ran, above what it
    /// held before.
    pub fn peak_during(f: impl FnOnce()) -> usize {
        let before = LIVE.with(Cell::get);
        PEAK.with(|p| p.set(before));
        f();
        (PEAK.with(Cell::get) - before).max(0) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn unknown_strictness_is_a_usage_error_with_the_core_message() {
        let err =
            Cli::try_parse_from(["noteworthy", "classify", "--strictness", "harsh"]).unwrap_err();
        assert!(err.use_stderr());
        let text = err.to_string();
        assert!(
            text.contains("expected lenient, balanced or strict"),
            "{text}"
        );
    }
}

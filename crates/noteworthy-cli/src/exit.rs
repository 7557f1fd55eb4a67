//! Exit statuses and the one way messages reach standard error.
//!
//! The status tells a script what happened without parsing output:
//! 0 all good, 1 some input lines failed, 2 usage error or unreadable file,
//! 3 `eval --min-accuracy` not met. When several things go wrong the
//! highest applies.

use std::io::Write;
use std::process::ExitCode;

/// What a command's run amounted to, from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Every input record was read and judged.
    Ok,
    /// Some input lines could not be read; the others were judged.
    InputErrors,
    /// The command line was wrong or a file could not be opened.
    Usage,
    /// `eval` ran but accuracy is below `--min-accuracy`.
    BelowMinAccuracy,
}

impl Status {
    /// The process exit code for this status.
    pub fn code(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::InputErrors => 1,
            Status::Usage => 2,
            Status::BelowMinAccuracy => 3,
        }
    }

    /// Keeps the worse of two statuses.
    pub fn worst(self, other: Status) -> Status {
        self.max(other)
    }
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> ExitCode {
        ExitCode::from(s.code())
    }
}

/// Prints `noteworthy: message` on standard error. A closed stderr is
/// ignored: there is nowhere left to complain to, and panicking would
/// hide the exit status.
pub fn complain(message: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr().lock(), "noteworthy: {message}");
}

//! Cross-validated figures: per label, per strictness, captured notes vs
//! the rest, per language.

use noteworthy_core::{Action, Label, Strictness};
use std::collections::BTreeMap;

use crate::data::Row;

/// Counts for one group of rows at one strictness.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub generic: usize,
    pub generic_caught: usize,
    /// Generic rows suggested Ignore: what one click can decline.
    pub generic_ignored: usize,
    pub personal: usize,
    pub personal_kept: usize,
    /// Personalized rows told to decline: the worst error.
    pub personal_ignored: usize,
    pub blank: usize,
    pub blank_right: usize,
}

impl Tally {
    pub fn add(&mut self, want: Label, got: Label, action: Action) {
        match want {
            Label::Blank => {
                self.blank += 1;
                self.blank_right += usize::from(got == Label::Blank);
            }
            Label::Generic => {
                self.generic += 1;
                self.generic_caught += usize::from(got == Label::Generic);
                self.generic_ignored += usize::from(action == Action::Ignore);
            }
            Label::Personalized => {
                self.personal += 1;
                self.personal_kept += usize::from(got == Label::Personalized);
                self.personal_ignored += usize::from(action == Action::Ignore);
            }
        }
    }

    pub fn accuracy(&self) -> f64 {
        let right = self.generic_caught + self.personal_kept + self.blank_right;
        let all = self.generic + self.personal + self.blank;
        if all == 0 {
            0.0
        } else {
            right as f64 / all as f64
        }
    }
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "–".into()
    } else {
        format!("{:.0}% ({n}/{d})", 100.0 * n as f64 / d as f64)
    }
}

/// One judged row: (row, strictness, label, action).
pub type Judged<'a> = Vec<(&'a Row, Strictness, Label, Action)>;

/// Which rows a line of the table counts.
type Keep = fn(&Row) -> bool;

/// Prints the tables in Markdown.
pub fn print(title: &str, judged: &Judged<'_>) {
    println!("\n### {title}\n");
    println!("| rows | strictness | generic caught | generic → ignore | personalized kept | personalized → ignore | blank blank | accuracy |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    let groups: [(&str, Keep); 4] = [
        ("not borderline, all", |r| !r.borderline),
        ("not borderline, captured", |r| !r.borderline && r.captured),
        ("not borderline, the rest", |r| !r.borderline && !r.captured),
        ("all rows", |_| true),
    ];
    for (name, keep) in groups {
        for s in Strictness::ALL {
            let mut t = Tally::default();
            for &(row, at, label, action) in judged {
                if at == s && keep(row) {
                    t.add(row.label, label, action);
                }
            }
            println!(
                "| {name} | {s} | {} | {} | {} | {} | {} | {:.1}% |",
                pct(t.generic_caught, t.generic),
                pct(t.generic_ignored, t.generic),
                pct(t.personal_kept, t.personal),
                t.personal_ignored,
                pct(t.blank_right, t.blank),
                100.0 * t.accuracy()
            );
        }
    }
    println!("\nBy language, balanced, not borderline:\n");
    println!("| language | generic caught | personalized kept |");
    println!("| --- | --- | --- |");
    let mut by_lang: BTreeMap<&str, Tally> = BTreeMap::new();
    for &(row, at, label, action) in judged {
        if at == Strictness::Balanced && !row.borderline {
            by_lang
                .entry(&row.lang)
                .or_default()
                .add(row.label, label, action);
        }
    }
    for (lang, t) in by_lang {
        println!(
            "| {lang} | {} | {} |",
            pct(t.generic_caught, t.generic),
            pct(t.personal_kept, t.personal)
        );
    }
}

/// The rows judged wrong at balanced, for reading (not for writing rules
/// one row at a time).
pub fn print_wrong(judged: &Judged<'_>, limit: usize) {
    println!("\nWrong at balanced (not borderline), first {limit}:");
    for &(row, at, label, action) in judged.iter().filter(|j| j.1 == Strictness::Balanced) {
        if !row.borderline && label != row.label && limit > 0 {
            println!(
                "  {} want {} got {} ({})",
                row.id,
                row.label,
                label,
                action.as_str()
            );
        }
        let _ = at;
    }
}

//! Notes written by the team (invented people, not corpus rows), one
//! phenomenon each, in every language the rules cover, with the label a
//! reader holding the seed article's standard would give at `balanced`.
//! Some were written to probe the rules and exposed gaps that were then
//! closed with rules for the phenomenon; all now guard against
//! regressions. The corpus gate (`noteworthy eval`) is
//! the separate, larger check.

use noteworthy_core::{classify, Invitation, Label, Strictness};

#[test]
fn phenomenon_notes_keep_their_labels() {
    let data = include_str!("data/phenomena.jsonl");
    let mut wrong = Vec::new();
    let mut rows = 0;
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        rows += 1;
        let row: serde_json::Value = serde_json::from_str(line).expect("valid JSON line");
        let text = row["text"].as_str().expect("text");
        let want: Label = row["label"]
            .as_str()
            .expect("label")
            .parse()
            .expect("known label");
        let got = classify(&Invitation::with_note(text), Strictness::Balanced);
        if got.label != want {
            let rules: Vec<&str> = got.evidence.iter().map(|e| e.rule).collect();
            wrong.push(format!(
                "want {want}, got {} ({}) {rules:?}: {text}",
                got.label, got.score
            ));
        }
    }
    assert!(rows >= 40, "only {rows} rows");
    assert!(
        wrong.is_empty(),
        "{} of {rows} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

//! Labelled notes and the model's inputs for each.

use noteworthy_core::{model_inputs, Invitation, Label, ModelInputs};
use serde_json::Value;

/// One labelled note.
pub struct Row {
    pub id: String,
    pub label: Label,
    pub lang: String,
    /// Where the note came from; folds never split a source.
    pub source: String,
    pub borderline: bool,
    /// Notes captured from real inboxes (rows `b4c-*`, `b5-*`).
    pub captured: bool,
    pub inputs: ModelInputs,
}

/// Reads JSON lines; a row without `source` is its own source.
pub fn read(path: &str, origin: &str) -> Result<Vec<Row>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let field = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let label: Label = field("label")
            .parse()
            .map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let id = match field("id") {
            id if id.is_empty() => format!("{origin}-{}", n + 1),
            id => id,
        };
        let source = match field("source") {
            s if s.is_empty() => id.clone(),
            s => s,
        };
        let note = field("text");
        rows.push(Row {
            captured: id.starts_with("b4c-") || id.starts_with("b5-"),
            inputs: model_inputs(&Invitation::with_note(note)),
            label,
            lang: match field("lang") {
                l if l.is_empty() => "und".into(),
                l => l,
            },
            source,
            borderline: v
                .get("borderline")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            id,
        });
    }
    Ok(rows)
}

/// The fold of a source: FNV-1a of its name, so folds are the same on
/// every run and every machine.
pub fn fold_of(source: &str, folds: usize) -> usize {
    let h = source.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    (h % folds as u64) as usize
}

#[cfg(test)]
mod tests {
    use super::fold_of;

    #[test]
    fn a_source_always_lands_in_the_same_fold() {
        let folds: Vec<usize> = (0..50).map(|i| fold_of(&format!("src-{i}"), 5)).collect();
        assert!(folds.iter().all(|&f| f < 5));
        assert_eq!(
            fold_of("github:a/b Invitations.csv", 5),
            fold_of("github:a/b Invitations.csv", 5)
        );
        // Fifty sources spread over every fold.
        for f in 0..5 {
            assert!(folds.contains(&f), "fold {f} empty");
        }
    }
}

//! Writes fitted weights back where people review them: each rule's
//! `weight = …` line in its rule file, and the token table in
//! `model/tokens.txt`.

use noteworthy_core::rule_catalog;
use std::collections::HashMap;
use std::path::Path;

use crate::model::Weights;

/// Rewrites the `weight` line of every rule whose weight changed; comments,
/// order and everything else stay as written.
pub fn rules(dir: &Path, weights: &Weights) -> Result<usize, String> {
    let by_id: HashMap<&str, i32> = rule_catalog()
        .iter()
        .zip(&weights.rules)
        .map(|(r, &w)| (r.id, w))
        .collect();
    let mut changed = 0;
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    entries.sort();
    for path in entries {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut id: Option<String> = None;
        let mut out = String::with_capacity(text.len());
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if let Some(rest) = trimmed.strip_prefix("id = \"") {
                id = rest.split('"').next().map(str::to_string);
            }
            if trimmed.starts_with("weight = ") {
                if let Some(&w) = id.as_deref().and_then(|i| by_id.get(i)) {
                    let new = format!("weight = {w}\n");
                    if trimmed != new {
                        changed += 1;
                    }
                    out.push_str(&new);
                    id = None;
                    continue;
                }
            }
            out.push_str(line);
        }
        std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(changed)
}

/// Writes the non-zero buckets of the token table.
pub fn tokens(path: &Path, weights: &Weights, about: &str) -> Result<usize, String> {
    let mut out = String::from(
        "# The token model's weights, in sixteenths of a score point, one bucket a\n\
         # line: `bucket weight`. Written by `cargo run -p noteworthy-fit -- --write`;\n\
         # do not edit by hand (see crates/noteworthy-core/src/tokens.rs).\n",
    );
    out.push_str(&format!("# Fitted on: {about}\n"));
    let mut n = 0;
    for (bucket, &w) in weights.tokens.iter().enumerate() {
        if w != 0 {
            out.push_str(&format!("{bucket} {w}\n"));
            n += 1;
        }
    }
    std::fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;

    #[test]
    fn only_weight_lines_of_known_rules_change() {
        let dir = std::env::temp_dir().join(format!("nw-fit-write-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("en.toml");
        let text = "# a comment\n[[rule]]\nid = \"EN_STOCK_INVITE\"\nweight = -1\nprior = -6\n\n[[rule]]\nid = \"NOT_A_RULE\"\nweight = 5\n";
        std::fs::write(&file, text).unwrap();
        let mut weights = model::written();
        let at = rule_catalog()
            .iter()
            .position(|r| r.id == "EN_STOCK_INVITE")
            .unwrap();
        weights.rules[at] = -7;
        let changed = rules(&dir, &weights).unwrap();
        let after = std::fs::read_to_string(&file).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(changed, 1);
        assert_eq!(after, text.replace("weight = -1\n", "weight = -7\n"));
    }
}

//! The model: a logistic regression whose inputs are the rules that fired
//! (one weight each, in score points) and the token model's buckets, fitted
//! by gradient descent with Adam.
//!
//! - Each rule's weight is pulled towards the weight a person wrote in its
//!   rule file (`prior`, not zero): a rule that rarely fires keeps roughly
//!   what its author meant, and a rule the data contradicts moves.
//! - Weights keep the sign of their category: a stock sentence never
//!   counts for a note, a named event never against it.
//! - Token weights are pulled towards zero, harder, and their sum is
//!   capped (as in the classifier), so the rules keep the last word.
//! - A personalized note told to decline is the worst error: personalized
//!   rows weigh more than generic ones.
//!
//! What is fitted is then rounded the way the classifier reads it
//! (whole points per rule, sixteenths of a point per bucket), and every
//! figure is measured on the rounded weights.

use noteworthy_core::tokens::{BUCKETS, UNITS_PER_POINT};
use noteworthy_core::{
    action_for, label_for, rule_catalog, threshold, Action, Category, Evidence, Label, Strictness,
};

use crate::data::Row;

/// Settings of one fit.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Pull of each rule weight towards its written value.
    pub prior: f64,
    /// Pull of each token weight towards zero.
    pub token_l2: f64,
    /// How much a personalized row weighs against a generic one.
    pub personal_cost: f64,
    /// How much a borderline row weighs against a clear one.
    pub borderline: f64,
    /// Score points per unit of log-odds.
    pub temperature: f64,
    pub iterations: usize,
    /// Whether the token model is fitted at all.
    pub tokens: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            prior: 4.0,
            token_l2: 4.0,
            personal_cost: 2.0,
            borderline: 0.4,
            temperature: 1.5,
            iterations: 1500,
            tokens: true,
        }
    }
}

/// Fitted, rounded weights, as the classifier reads them.
#[derive(Debug, Clone)]
pub struct Weights {
    /// One per rule of the catalog, whole points.
    pub rules: Vec<i32>,
    /// One per bucket, sixteenths of a point.
    pub tokens: Vec<i8>,
    /// Index of the token model's rule, and its cap in points.
    pub tokens_rule: Option<(usize, i32)>,
}

/// The sign a rule's category requires: +1, -1, or 0 for the token model.
pub fn sign(category: Category) -> f64 {
    match category {
        Category::HowFound | Category::Why => 1.0,
        Category::Learned => 0.0,
        _ => -1.0,
    }
}

/// The weights the rules' authors wrote (their priors), and an empty token
/// table: where fitting starts.
pub fn written() -> Weights {
    let catalog = rule_catalog();
    Weights {
        rules: catalog.iter().map(|r| r.prior).collect(),
        tokens: vec![0; BUCKETS],
        tokens_rule: tokens_rule(),
    }
}

fn tokens_rule() -> Option<(usize, i32)> {
    rule_catalog()
        .iter()
        .position(|r| r.category == Category::Learned)
        .map(|i| (i, rule_catalog()[i].weight.abs()))
}

/// Fits on `rows` (blank rows are skipped: a blank note is blank whatever
/// the weights).
pub fn fit(rows: &[&Row], s: Settings) -> Weights {
    let catalog = rule_catalog();
    let prior: Vec<f64> = catalog.iter().map(|r| f64::from(r.prior)).collect();
    let signs: Vec<f64> = catalog.iter().map(|r| sign(r.category)).collect();
    let cap = tokens_rule().map_or(0.0, |(_, c)| f64::from(c));
    let mut w = prior.clone();
    let mut v = vec![0.0f64; BUCKETS];
    let (mut mw, mut sw) = (vec![0.0; w.len()], vec![0.0; w.len()]);
    let (mut mv, mut sv) = (vec![0.0; BUCKETS], vec![0.0; BUCKETS]);
    let boundary = f64::from(threshold(Strictness::Balanced)) - 0.5;
    let rows: Vec<&Row> = rows.iter().copied().filter(|r| r.inputs.has_note).collect();
    let cost: Vec<f64> = rows
        .iter()
        .map(|r| {
            let c = if r.label == Label::Personalized {
                s.personal_cost
            } else {
                1.0
            };
            if r.borderline {
                c * s.borderline
            } else {
                c
            }
        })
        .collect();
    let total: f64 = cost.iter().sum();
    let (lr0, b1, b2, eps) = (0.05, 0.9, 0.999, 1e-8);
    for step in 1..=s.iterations {
        // The step shrinks to nothing by the last iteration (linear
        // decay): with a constant one Adam circles the minimum, and where
        // it stopped moved every weight's rounding with any change.
        let lr = lr0 * (1.0 - (step - 1) as f64 / s.iterations as f64);
        let mut gw = vec![0.0; w.len()];
        let mut gv = vec![0.0; BUCKETS];
        for (row, &c) in rows.iter().zip(&cost) {
            let rules: f64 = row.inputs.rules.iter().map(|&i| w[i]).sum();
            let z: f64 = if s.tokens {
                row.inputs.tokens.iter().map(|&b| v[b as usize]).sum()
            } else {
                0.0
            };
            // The cap, smoothed: cap * tanh(z / cap).
            let (t, dt) = if cap > 0.0 {
                let th = (z / cap).tanh();
                (cap * th, 1.0 - th * th)
            } else {
                (0.0, 0.0)
            };
            let logit = (rules + t - boundary) / s.temperature;
            let p = 1.0 / (1.0 + (-logit).exp());
            let y = f64::from(u8::from(row.label == Label::Personalized));
            let g = c * (p - y) / s.temperature / total;
            for &i in &row.inputs.rules {
                gw[i] += g;
            }
            if s.tokens {
                for &b in &row.inputs.tokens {
                    gv[b as usize] += g * dt;
                }
            }
        }
        for i in 0..w.len() {
            gw[i] += 2.0 * s.prior * (w[i] - prior[i]) / total;
        }
        adam(&mut w, &gw, &mut mw, &mut sw, step, lr, b1, b2, eps);
        for (i, wi) in w.iter_mut().enumerate() {
            if signs[i] > 0.0 {
                *wi = wi.max(0.5);
            } else if signs[i] < 0.0 {
                *wi = wi.min(-0.5);
            }
        }
        if s.tokens {
            for b in 0..BUCKETS {
                gv[b] += 2.0 * s.token_l2 * v[b] / total;
            }
            adam(&mut v, &gv, &mut mv, &mut sv, step, lr, b1, b2, eps);
        }
    }
    Weights {
        rules: w
            .iter()
            .zip(&signs)
            .zip(catalog)
            .map(|((&wi, &sg), r)| {
                if r.category == Category::Learned {
                    return r.weight;
                }
                let rounded = wi.round() as i32;
                // A rule keeps its side: never rounded to nothing.
                if rounded == 0 {
                    sg as i32
                } else {
                    rounded
                }
            })
            .collect(),
        tokens: v
            .iter()
            .map(|&x| {
                (x * f64::from(UNITS_PER_POINT))
                    .round()
                    .clamp(-127.0, 127.0) as i8
            })
            .collect(),
        tokens_rule: tokens_rule(),
    }
}

#[allow(clippy::too_many_arguments)]
fn adam(
    w: &mut [f64],
    g: &[f64],
    m: &mut [f64],
    s: &mut [f64],
    t: usize,
    lr: f64,
    b1: f64,
    b2: f64,
    eps: f64,
) {
    let (c1, c2) = (1.0 - b1.powi(t as i32), 1.0 - b2.powi(t as i32));
    for i in 0..w.len() {
        if g[i] == 0.0 && m[i] == 0.0 {
            continue;
        }
        m[i] = b1 * m[i] + (1.0 - b1) * g[i];
        s[i] = b2 * s[i] + (1.0 - b2) * g[i] * g[i];
        w[i] -= lr * (m[i] / c1) / ((s[i] / c2).sqrt() + eps);
    }
}

/// The classifier's score for a row under `weights`, read exactly as
/// `noteworthy_core::score` reads it, and the evidence the policy reads
/// (each fired rule with its id, category and weight: how much template
/// and pitch weigh decides whether a generic note is marked for
/// declining). The fit keeps no spans.
pub fn score(row: &Row, weights: &Weights) -> (i32, Vec<Evidence>) {
    let catalog = rule_catalog();
    let evidence = |i: usize, weight: i32| Evidence {
        rule: catalog[i].id,
        description: catalog[i].description,
        weight,
        category: catalog[i].category,
        spans: Vec::new(),
    };
    let mut fired: Vec<Evidence> = row
        .inputs
        .rules
        .iter()
        .map(|&i| evidence(i, weights.rules[i]))
        .collect();
    if let Some((i, cap)) = weights.tokens_rule {
        let units: i32 = row
            .inputs
            .tokens
            .iter()
            .map(|&b| i32::from(weights.tokens[b as usize]))
            .sum();
        let points = noteworthy_core::tokens::points(units, cap);
        if points != 0 {
            fired.push(evidence(i, points));
        }
    }
    (fired.iter().map(|e| e.weight).sum(), fired)
}

/// Label and action at one strictness.
pub fn judge(row: &Row, weights: &Weights, strictness: Strictness) -> (Label, Action) {
    let (total, evidence) = score(row, weights);
    let label = label_for(row.inputs.has_note, total, strictness);
    (label, action_for(label, total, strictness, &evidence))
}

#[cfg(test)]
mod tests {
    use super::*;
    use noteworthy_core::ModelInputs;

    fn row_firing(rule: &str) -> Row {
        let index = rule_catalog()
            .iter()
            .position(|r| r.id == rule)
            .expect("rule in the catalog");
        Row {
            id: "t".into(),
            label: Label::Generic,
            lang: "en".into(),
            source: "t".into(),
            borderline: false,
            captured: false,
            inputs: ModelInputs {
                has_note: true,
                rules: vec![index],
                tokens: Vec::new(),
            },
        }
    }

    /// The fit's actions read the weights as the classifier does: a
    /// recruiting pitch worth 2 points marks a note for declining at
    /// balanced (when its weight was read as zero, nothing but stock text
    /// ever did, and the report showed no personalized note declined).
    #[test]
    fn pitches_mark_a_note_for_declining_as_in_the_classifier() {
        let row = row_firing("EN_RECRUITING");
        let weights = written();
        assert!(weights.rules[row.inputs.rules[0]] <= -noteworthy_core::MARKED);
        assert_eq!(
            judge(&row, &weights, Strictness::Balanced),
            (Label::Generic, Action::Ignore)
        );
        assert_eq!(
            judge(&row, &weights, Strictness::Lenient),
            (Label::Generic, Action::Ask)
        );
    }
}

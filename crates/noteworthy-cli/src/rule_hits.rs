//! `noteworthy eval --rules`: how often each rule fires on a labelled
//! corpus, after SpamAssassin's hit-frequencies report.
//!
//! For every rule of the catalog: the rows of each expected label it fires
//! on (count and share of that label's rows), the rows it fires on that the
//! classifier judged wrongly at the chosen strictness, and a "P/(P+G)"
//! ratio like SpamAssassin's S/O: the rule's hit rate on personalized rows
//! over its hit rates on personalized and generic rows together. Rates,
//! not counts, so a corpus with more generic rows does not pull every rule
//! towards generic. A rule whose category pushes towards personalized
//! (how_found, why) should sit near 1, every other rule near 0; one on the
//! wrong side is flagged. This is the tool for every change to the rules:
//! run it before and after, and look at what moved.

use crate::eval::Row;
use noteworthy_core::{label_for, rule_catalog, Category, Label, Scored, Strictness};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

/// A rule with fewer hits than this (in all, or on personalized and
/// generic rows together for its lean) is not flagged: one row is an
/// anecdote.
const MIN_HITS_TO_FLAG: usize = 2;

/// The label a rule's category pushes a note towards; `Blank` for the
/// learned token model, whose weight takes either sign note by note.
fn side(category: Category) -> Label {
    match category {
        Category::Learned => Label::Blank,
        Category::HowFound | Category::Why => Label::Personalized,
        Category::Stock
        | Category::Template
        | Category::Pitch
        | Category::Lion
        | Category::MassSend
        | Category::Empty => Label::Generic,
    }
}

/// Hits among some rows: how many, and what fraction of those rows.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Share {
    /// Rows the rule fired on.
    pub hits: usize,
    /// `hits` over the rows counted (`null` when there were none).
    pub fraction: Option<f64>,
}

impl Share {
    fn of(hits: usize, rows: usize) -> Share {
        Share {
            hits,
            fraction: (rows > 0).then(|| hits as f64 / rows as f64),
        }
    }
}

/// One rule's hit frequencies.
#[derive(Debug, Clone, Serialize)]
pub struct RuleHits {
    /// Rule id.
    pub rule: &'static str,
    /// Language of its phrases, or `any`.
    pub lang: &'static str,
    /// Its category.
    pub category: Category,
    /// Its weight.
    pub weight: i32,
    /// The label its category pushes towards (generic or personalized).
    pub side: Label,
    /// Rows it fired on, of any label.
    pub hits: usize,
    /// Per expected label: hits and the fraction of that label's rows.
    pub by_label: BTreeMap<Label, Share>,
    /// Hits on rows judged wrongly at the report's strictness, and the
    /// fraction of the rule's hits they are.
    pub wrong: Share,
    /// Hit rate on personalized rows over the personalized and generic
    /// rates together (`null` without hits on either, or without rows of
    /// either label).
    pub personal_ratio: Option<f64>,
    /// The ratio is on the other side of 0.5 from the rule's category, with
    /// at least two hits on personalized and generic rows.
    pub wrong_side: bool,
    /// It has at least two hits, and at least half of them are on rows
    /// judged wrongly.
    pub mostly_wrong: bool,
}

/// The whole `--rules` report.
#[derive(Debug, Clone, Serialize)]
pub struct RulesReport {
    /// The strictness rows were judged at.
    pub strictness: Strictness,
    /// Rows per expected label.
    pub rows_by_label: BTreeMap<Label, usize>,
    /// Rows judged wrongly at `strictness`.
    pub wrong_rows: usize,
    /// Every rule of the catalog, most hits first (then in catalog order).
    pub rules: Vec<RuleHits>,
    /// Ids of the rules that fired on no row, in catalog order.
    pub never_fired: Vec<&'static str>,
    /// Ids of the rules flagged `mostly_wrong`, most wrong first.
    pub mostly_wrong: Vec<&'static str>,
    /// Ids of the rules flagged `wrong_side`, furthest from their side first.
    pub wrong_side: Vec<&'static str>,
}

/// Counts every rule's hits on `rows`, from their scores (see
/// [`crate::eval::score_rows`]); rows are judged at `strictness`.
pub fn rule_hits(rows: &[Row], scores: &[Scored], strictness: Strictness) -> RulesReport {
    let catalog = rule_catalog();
    let index: HashMap<&str, usize> = catalog.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let mut rows_by_label: BTreeMap<Label, usize> =
        Label::ALL.into_iter().map(|l| (l, 0)).collect();
    // Per rule: hits per expected label, and hits on wrong rows.
    let mut label_hits = vec![[0usize; 3]; catalog.len()];
    let mut wrong_hits = vec![0usize; catalog.len()];
    let mut wrong_rows = 0;
    let mut fired = Vec::new();
    for (row, scored) in rows.iter().zip(scores) {
        *rows_by_label.entry(row.expected).or_default() += 1;
        let wrong = label_for(scored.has_note, scored.score, strictness) != row.expected;
        wrong_rows += usize::from(wrong);
        // A rule counts once per row, however many of its phrases matched.
        fired.clear();
        fired.extend(
            scored
                .evidence
                .iter()
                .filter_map(|e| index.get(e.rule).copied()),
        );
        fired.sort_unstable();
        fired.dedup();
        for &rule in &fired {
            label_hits[rule][label_slot(row.expected)] += 1;
            wrong_hits[rule] += usize::from(wrong);
        }
    }
    let rate = |label: Label, hits: &[usize; 3]| {
        Share::of(hits[label_slot(label)], rows_by_label[&label]).fraction
    };

    let mut rules: Vec<RuleHits> = catalog
        .iter()
        .enumerate()
        .map(|(i, info)| {
            let hits: usize = label_hits[i].iter().sum();
            let by_label = Label::ALL
                .into_iter()
                .map(|l| {
                    (
                        l,
                        Share::of(label_hits[i][label_slot(l)], rows_by_label[&l]),
                    )
                })
                .collect();
            let personal_ratio = match (
                rate(Label::Personalized, &label_hits[i]),
                rate(Label::Generic, &label_hits[i]),
            ) {
                (Some(p), Some(g)) if p + g > 0.0 => Some(p / (p + g)),
                _ => None,
            };
            let side = side(info.category);
            let on_either = label_hits[i][label_slot(Label::Personalized)]
                + label_hits[i][label_slot(Label::Generic)];
            let wrong_side = on_either >= MIN_HITS_TO_FLAG
                && personal_ratio.is_some_and(|r| match side {
                    Label::Personalized => r < 0.5,
                    Label::Generic => r > 0.5,
                    Label::Blank => false,
                });
            let wrong = Share::of(wrong_hits[i], hits);
            RuleHits {
                rule: info.id,
                lang: info.lang,
                category: info.category,
                weight: info.weight,
                side,
                hits,
                by_label,
                wrong,
                personal_ratio,
                wrong_side,
                mostly_wrong: hits >= MIN_HITS_TO_FLAG && wrong.hits * 2 >= hits,
            }
        })
        .collect();
    let never_fired = rules
        .iter()
        .filter(|r| r.hits == 0)
        .map(|r| r.rule)
        .collect();
    // Stable sorts: ties keep catalog order.
    rules.sort_by_key(|h| std::cmp::Reverse(h.hits));

    let mut mostly: Vec<&RuleHits> = rules.iter().filter(|r| r.mostly_wrong).collect();
    mostly.sort_by(|a, b| {
        cmp_desc(a.wrong.fraction, b.wrong.fraction).then(b.wrong.hits.cmp(&a.wrong.hits))
    });
    let mostly_wrong = mostly.iter().map(|r| r.rule).collect();

    let mut sided: Vec<&RuleHits> = rules.iter().filter(|r| r.wrong_side).collect();
    // How far past 0.5 towards the wrong label.
    let distance = |r: &RuleHits| r.personal_ratio.map(|p| (p - 0.5).abs());
    sided.sort_by(|a, b| cmp_desc(distance(a), distance(b)).then(b.hits.cmp(&a.hits)));
    let wrong_side = sided.iter().map(|r| r.rule).collect();

    RulesReport {
        strictness,
        rows_by_label,
        wrong_rows,
        rules,
        never_fired,
        mostly_wrong,
        wrong_side,
    }
}

fn label_slot(label: Label) -> usize {
    match label {
        Label::Blank => 0,
        Label::Generic => 1,
        Label::Personalized => 2,
    }
}

/// Descending order of optional fractions, `None` last.
fn cmp_desc(a: Option<f64>, b: Option<f64>) -> std::cmp::Ordering {
    b.unwrap_or(-1.0).total_cmp(&a.unwrap_or(-1.0))
}

/// `12  4.0%`: a count and its share, or a dash for the share of no rows.
fn share_cell(s: &Share) -> String {
    match s.fraction {
        Some(f) => format!("{:>4} {:>5.1}%", s.hits, f * 100.0),
        None => format!("{:>4}     -", s.hits),
    }
}

/// Short name of the side a rule should be on.
fn side_name(l: Label) -> &'static str {
    match l {
        Label::Personalized => "pers",
        Label::Generic => "gen",
        Label::Blank => "any",
    }
}

/// Writes the report as aligned columns.
pub fn write_text(
    out: &mut dyn Write,
    source: &str,
    unreadable: usize,
    r: &RulesReport,
) -> io::Result<()> {
    let total: usize = r.rows_by_label.values().sum();
    write!(out, "{source}: {total} rows")?;
    for (label, n) in &r.rows_by_label {
        write!(out, ", {n} {label}")?;
    }
    if unreadable > 0 {
        write!(out, " ({unreadable} unreadable, not counted)")?;
    }
    writeln!(out)?;
    writeln!(out, "wrong at {}: {} rows", r.strictness, r.wrong_rows)?;
    writeln!(
        out,
        "BLANK, GENERIC, PERSONAL: hits on rows of that label, and % of that label's rows\n\
         WRONG: hits on rows judged wrong at {}, and % of the rule's hits\n\
         P/(P+G): hit rate on personalized rows over the personalized and generic rates;\n\
         \x20        ! = on the other side of 0.5 from SIDE, the side the rule's category pushes",
        r.strictness
    )?;
    writeln!(out)?;
    let width = r
        .rules
        .iter()
        .map(|h| h.rule.len())
        .max()
        .unwrap_or(4)
        .max(4);
    writeln!(
        out,
        "{:<width$}  {:>4}  {:>11}  {:>11}  {:>11}  {:>11}  {:>8}  {:<4}  {:>6}  CATEGORY",
        "RULE", "HITS", "BLANK", "GENERIC", "PERSONAL", "WRONG", "P/(P+G)", "SIDE", "WEIGHT"
    )?;
    for h in r.rules.iter().filter(|h| h.hits > 0) {
        let ratio = h.personal_ratio.map_or("-".to_string(), |p| {
            format!("{p:.2}{}", if h.wrong_side { "!" } else { " " })
        });
        writeln!(
            out,
            "{:<width$}  {:>4}  {:>11}  {:>11}  {:>11}  {:>11}  {:>8}  {:<4}  {:>6}  {}",
            h.rule,
            h.hits,
            share_cell(&h.by_label[&Label::Blank]),
            share_cell(&h.by_label[&Label::Generic]),
            share_cell(&h.by_label[&Label::Personalized]),
            share_cell(&h.wrong),
            ratio,
            side_name(h.side),
            h.weight,
            h.category.as_str()
        )?;
    }

    writeln!(out, "\nnever fired ({})", r.never_fired.len())?;
    write_wrapped(out, &r.never_fired)?;

    writeln!(
        out,
        "\nmostly on rows judged wrong at {} ({}; at least {MIN_HITS_TO_FLAG} hits, half or more on wrong rows)",
        r.strictness,
        r.mostly_wrong.len()
    )?;
    let by_id: HashMap<&str, &RuleHits> = r.rules.iter().map(|h| (h.rule, h)).collect();
    for id in &r.mostly_wrong {
        let h = by_id[id];
        writeln!(
            out,
            "  {:<width$}  {} of {} hits wrong",
            h.rule, h.wrong.hits, h.hits
        )?;
    }

    writeln!(
        out,
        "\non the wrong side for their category ({})",
        r.wrong_side.len()
    )?;
    for id in &r.wrong_side {
        let h = by_id[id];
        writeln!(
            out,
            "  {:<width$}  {:<9}  P/(P+G) {:.2}, should lean {}",
            h.rule,
            h.category.as_str(),
            h.personal_ratio.unwrap_or(0.0),
            h.side
        )?;
    }
    Ok(())
}

/// Ids a few to a line, so a long list stays readable.
fn write_wrapped(out: &mut dyn Write, ids: &[&str]) -> io::Result<()> {
    const LINE: usize = 78;
    let mut line = String::from(" ");
    for id in ids {
        if line.len() + 1 + id.len() > LINE && line.len() > 1 {
            writeln!(out, "{line}")?;
            line = String::from(" ");
        }
        line.push(' ');
        line.push_str(id);
    }
    if line.len() > 1 {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{read_rows, score_rows};

    const STOCK: &str = "I'd like to add you to my professional network on LinkedIn.";

    fn report(corpus: &str) -> RulesReport {
        let (rows, errors) = read_rows("t.jsonl", corpus.as_bytes());
        assert!(errors.is_empty(), "{errors:?}");
        rule_hits(&rows, &score_rows(&rows), Strictness::Balanced)
    }

    fn find<'a>(r: &'a RulesReport, id: &str) -> &'a RuleHits {
        r.rules.iter().find(|h| h.rule == id).unwrap()
    }

    fn corpus() -> String {
        [
            format!(r#"{{"id":"g1","text":"{STOCK}","label":"generic"}}"#),
            format!(r#"{{"id":"g2","text":"{STOCK}","label":"generic"}}"#),
            // Mislabelled on purpose: the stock sentence is generic.
            format!(r#"{{"id":"p1","text":"{STOCK}","label":"personalized"}}"#),
            r#"{"id":"b1","text":"","label":"blank"}"#.to_string(),
        ]
        .join("\n")
    }

    #[test]
    fn a_rule_is_counted_per_label_and_on_wrong_rows() {
        let r = report(&corpus());
        assert_eq!(r.rows_by_label[&Label::Generic], 2);
        assert_eq!(r.rows_by_label[&Label::Personalized], 1);
        assert_eq!(r.wrong_rows, 1);
        let stock = find(&r, "EN_STOCK_INVITE");
        assert_eq!(stock.hits, 3);
        assert_eq!(
            stock.by_label[&Label::Generic],
            Share {
                hits: 2,
                fraction: Some(1.0)
            }
        );
        assert_eq!(stock.by_label[&Label::Personalized].hits, 1);
        assert_eq!(
            stock.by_label[&Label::Blank],
            Share {
                hits: 0,
                fraction: Some(0.0)
            }
        );
        assert_eq!(stock.wrong.hits, 1);
        // Fires on every generic and every personalized row: no lean.
        assert_eq!(stock.personal_ratio, Some(0.5));
        assert!(!stock.wrong_side && !stock.mostly_wrong);
        assert_eq!(r.rules[0].hits, 3, "most hits first");
    }

    #[test]
    fn rules_that_never_fire_are_listed() {
        let r = report(&corpus());
        assert!(r.never_fired.contains(&"DE_LION"));
        assert!(r.never_fired.contains(&"EN_MET_BEFORE"));
        assert!(!r.never_fired.contains(&"EN_STOCK_INVITE"));
        assert_eq!(
            r.never_fired.len(),
            r.rules.iter().filter(|h| h.hits == 0).count()
        );
        assert_eq!(r.rules.len(), rule_catalog().len());
    }

    #[test]
    fn rules_firing_on_wrong_rows_and_on_the_wrong_side_are_flagged() {
        let corpus = [
            format!(r#"{{"id":"p1","text":"{STOCK}","label":"personalized"}}"#),
            format!(r#"{{"id":"p2","text":"{STOCK}","label":"personalized"}}"#),
            r#"{"id":"g1","text":"Great meeting you at KubeCon last week, thanks for the tips on eBPF","label":"generic"}"#.to_string(),
        ]
        .join("\n");
        let r = report(&corpus);
        let stock = find(&r, "EN_STOCK_INVITE");
        assert_eq!(
            stock.wrong,
            Share {
                hits: 2,
                fraction: Some(1.0)
            }
        );
        assert!(stock.mostly_wrong);
        assert_eq!(stock.personal_ratio, Some(1.0));
        assert!(
            stock.wrong_side,
            "a stock rule hitting only personalized rows"
        );
        assert!(r.mostly_wrong.contains(&"EN_STOCK_INVITE"));
        assert!(r.wrong_side.contains(&"EN_STOCK_INVITE"));
        let met = find(&r, "EN_MET_BEFORE");
        assert_eq!(met.by_label[&Label::Generic].hits, 1);
        // One hit is not enough to flag.
        assert!(!met.wrong_side && !met.mostly_wrong);
    }

    #[test]
    fn half_of_two_hits_wrong_is_mostly_wrong() {
        let two = [
            format!(r#"{{"id":"g1","text":"{STOCK}","label":"generic"}}"#),
            format!(r#"{{"id":"p1","text":"{STOCK}","label":"personalized"}}"#),
        ]
        .join("\n");
        let stock = find(&report(&two), "EN_STOCK_INVITE").clone();
        assert_eq!((stock.hits, stock.wrong.hits), (2, 1));
        assert!(stock.mostly_wrong);
        let three = find(&report(&corpus()), "EN_STOCK_INVITE").clone();
        assert_eq!((three.hits, three.wrong.hits), (3, 1));
        assert!(!three.mostly_wrong, "a third wrong is not most");
    }

    #[test]
    fn text_report_is_aligned_and_lists_the_sections() {
        let r = report(&corpus());
        let mut out = Vec::new();
        write_text(&mut out, "t.jsonl", 0, &r).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("t.jsonl: 4 rows, 1 blank, 2 generic, 1 personalized\n"),
            "{text}"
        );
        let header = text.lines().find(|l| l.starts_with("RULE")).unwrap();
        let stock = text
            .lines()
            .find(|l| l.starts_with("EN_STOCK_INVITE "))
            .unwrap();
        assert_eq!(
            header.find("HITS").map(|i| i + 4),
            stock.find(" 3 ").map(|i| i + 2),
            "{text}"
        );
        assert!(text.contains("\nnever fired ("), "{text}");
        assert!(text.contains(" DE_LION"), "{text}");
    }
}

//! Marking the evidence inside a note for a person to read.
//!
//! On a colour terminal, text that counts against the note (stock phrases,
//! templates, pitches) is red, text that counts for it (how they found you,
//! why you) is green, and text that is both is yellow. Without colour the
//! same stretches are wrapped in `[[` and `]]`.

use noteworthy_core::{Evidence, Span};
use std::io::IsTerminal;

/// How to mark evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `[[marked]]`, for pipes, files and `NO_COLOR`.
    Plain,
    /// ANSI colours, for a terminal.
    Ansi,
}

/// When to use colour, as chosen by `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Resolves `auto` against the terminal and the `NO_COLOR` convention
    /// (<https://no-color.org>: any non-empty value turns colour off).
    pub fn style(self) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        match self {
            ColorChoice::Always => Style::Ansi,
            ColorChoice::Never => Style::Plain,
            ColorChoice::Auto if !no_color && std::io::stdout().is_terminal() => Style::Ansi,
            ColorChoice::Auto => Style::Plain,
        }
    }
}

/// Plain-text opening marker.
pub const OPEN: &str = "[[";
/// Plain-text closing marker.
pub const CLOSE: &str = "]]";
const RED: &str = "\x1b[1;31m";
const GREEN: &str = "\x1b[1;32m";
const YELLOW: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";

/// What covers one stretch of the note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cover {
    None,
    Against,
    For,
    Both,
}

/// The byte ranges of `evidence` that are usable on `note`: inside it, non
/// empty and on character boundaries. A range that is not (which would be
/// a core bug) is skipped rather than allowed to panic a slice.
fn valid_ranges<'a>(
    note: &'a str,
    evidence: &'a [Evidence],
) -> impl Iterator<Item = (usize, usize, i32)> + 'a {
    evidence.iter().flat_map(move |e| {
        e.spans.iter().filter_map(move |s| {
            (s.start < s.end && note.get(s.start..s.end).is_some())
                .then_some((s.start, s.end, e.weight))
        })
    })
}

/// The note with each stretch of evidence marked in `style`. Overlapping
/// and touching spans of the same kind become one marked stretch. Control
/// characters (other than newline and tab) are shown escaped so a note
/// cannot send its own escape sequences to the terminal.
pub fn highlight(note: &str, evidence: &[Evidence], style: Style) -> String {
    let ranges: Vec<(usize, usize, i32)> = valid_ranges(note, evidence).collect();
    let mut cuts: Vec<usize> = vec![0, note.len()];
    cuts.extend(ranges.iter().flat_map(|&(a, b, _)| [a, b]));
    cuts.sort_unstable();
    cuts.dedup();

    // Segments between cut points, each with what covers it; runs of the
    // same cover are joined before marking.
    let mut runs: Vec<(Cover, usize, usize)> = Vec::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let covering = ranges.iter().filter(|&&(s, e, _)| s <= a && b <= e);
        let (mut against, mut for_) = (false, false);
        for &(_, _, w) in covering {
            if w > 0 {
                for_ = true;
            } else {
                against = true;
            }
        }
        let cover = match (against, for_) {
            (false, false) => Cover::None,
            (true, false) => Cover::Against,
            (false, true) => Cover::For,
            (true, true) => Cover::Both,
        };
        // In plain text every kind gets the same marker, so join them too.
        let same = |prev: Cover| match style {
            Style::Ansi => prev == cover,
            Style::Plain => (prev == Cover::None) == (cover == Cover::None),
        };
        match runs.last_mut() {
            Some((prev, _, end)) if same(*prev) => *end = b,
            _ => runs.push((cover, a, b)),
        }
    }

    let mut out = String::with_capacity(note.len() + 16);
    for (cover, a, b) in runs {
        let text = escape_controls(&note[a..b]);
        let (open, close) = match (style, cover) {
            (_, Cover::None) => ("", ""),
            (Style::Plain, _) => (OPEN, CLOSE),
            (Style::Ansi, Cover::Against) => (RED, RESET),
            (Style::Ansi, Cover::For) => (GREEN, RESET),
            (Style::Ansi, Cover::Both) => (YELLOW, RESET),
        };
        out.push_str(open);
        out.push_str(&text);
        out.push_str(close);
    }
    out
}

/// The text each span of one piece of evidence matched, escaped for
/// display.
pub fn matched_texts(note: &str, evidence: &Evidence) -> Vec<String> {
    span_texts(note, &evidence.spans)
}

/// The text of each span of `note`, escaped for display.
pub fn span_texts(note: &str, spans: &[Span]) -> Vec<String> {
    spans
        .iter()
        .filter_map(|s| note.get(s.start..s.end))
        .filter(|t| !t.is_empty())
        .map(escape_controls)
        .collect()
}

/// Shows control characters other than newline and tab, and characters
/// that reorder or hide text, as `\u{..}`.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(is_unsafe_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if is_unsafe_control(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A character the CLI shows as `\u{..}`: a control character other than
/// newline and tab, or one that reorders or hides text ([`is_hidden`]).
pub(crate) fn is_unsafe_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_hidden(c)
}

/// Characters a terminal does not show as themselves: bidi controls
/// (U+202E turns the rest of the line around, so a note could show one
/// thing and say another), zero-width spaces and joiners used to break up
/// a phrase, line separators, the byte-order mark and the invisible tag
/// characters. Zero-width joiner and non-joiner stay: emoji sequences and
/// Persian or Indic text need them.
fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{00AD}'                  // soft hyphen
        | '\u{061C}'                // Arabic letter mark
        | '\u{180E}'                // Mongolian vowel separator
        | '\u{200B}'                // zero-width space
        | '\u{200E}' | '\u{200F}'   // left-to-right and right-to-left marks
        | '\u{2028}' | '\u{2029}'   // line and paragraph separators
        | '\u{202A}'..='\u{202E}'   // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}'   // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}'   // bidi isolates
        | '\u{FEFF}'                // byte-order mark, zero-width no-break space
        | '\u{FFF9}'..='\u{FFFB}'   // interlinear annotation
        | '\u{E0000}'..='\u{E007F}' // tag characters
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use noteworthy_core::{Category, Span};

    /// Evidence over a byte range of `note`, with UTF-16 offsets computed
    /// the way the core does.
    fn ev(note: &str, start: usize, end: usize, weight: i32) -> Evidence {
        let u16 = |i: usize| note[..i].encode_utf16().count();
        Evidence {
            rule: "T",
            description: "test",
            weight,
            category: if weight < 0 {
                Category::Template
            } else {
                Category::Why
            },
            spans: vec![Span {
                start,
                end,
                start_utf16: u16(start),
                end_utf16: u16(end),
            }],
        }
    }

    fn range_of(note: &str, needle: &str) -> (usize, usize) {
        let s = note.find(needle).unwrap();
        (s, s + needle.len())
    }

    #[test]
    fn plain_markers_wrap_the_span() {
        let note = "I'd like to add you to my professional network on LinkedIn.";
        let (a, b) = range_of(note, "professional network");
        let got = highlight(note, &[ev(note, a, b, -6)], Style::Plain);
        assert_eq!(
            got,
            "I'd like to add you to my [[professional network]] on LinkedIn."
        );
    }

    #[test]
    fn plain_markers_land_on_multibyte_characters() {
        // "é", "ü" and the emoji are 2, 2 and 4 bytes: byte offsets, not
        // character counts, must place the markers.
        let note = "Salut Zoé, j'ai aimé ton exposé à München 🚀 sur Rust.";
        let (a, b) = range_of(note, "exposé à München");
        let (c, d) = range_of(note, "🚀");
        let got = highlight(note, &[ev(note, a, b, 3), ev(note, c, d, -1)], Style::Plain);
        assert_eq!(
            got,
            "Salut Zoé, j'ai aimé ton [[exposé à München]] [[🚀]] sur Rust."
        );
    }

    #[test]
    fn overlapping_spans_merge_in_plain_and_split_by_kind_in_colour() {
        let note = "abcdefgh";
        let evidence = [ev(note, 1, 4, -2), ev(note, 3, 6, 2)];
        assert_eq!(highlight(note, &evidence, Style::Plain), "a[[bcdef]]gh");
        assert_eq!(
            highlight(note, &evidence, Style::Ansi),
            format!("a{RED}bc{RESET}{YELLOW}d{RESET}{GREEN}ef{RESET}gh")
        );
    }

    #[test]
    fn spans_at_both_ends_and_touching_spans() {
        let note = "héllo wörld";
        let evidence = [
            ev(note, 0, 3, -1),
            ev(note, 3, 6, -1),
            ev(note, 7, note.len(), 1),
        ];
        assert_eq!(
            highlight(note, &evidence, Style::Plain),
            "[[héllo]] [[wörld]]"
        );
    }

    #[test]
    fn bad_spans_are_skipped_not_a_panic() {
        let note = "é!"; // 'é' is bytes 0..2
        let evidence = [ev(note, 0, 2, -1)];
        let mut broken = evidence[0].clone();
        broken.spans[0].start = 1; // inside 'é'
        broken.spans[0].end = 99;
        assert_eq!(highlight(note, &[broken], Style::Plain), "é!");
    }

    #[test]
    fn control_characters_are_escaped() {
        let note = "hi\x1b[2J there\nnext";
        assert_eq!(
            highlight(note, &[], Style::Plain),
            "hi\\u{1b}[2J there\nnext"
        );
    }

    /// Issue 8, item 11: `explain` printed U+202E and other invisible
    /// characters as they are, so the terminal showed a reordered note.
    #[test]
    fn bidi_controls_and_invisible_characters_are_escaped() {
        let note = "pay \u{202E}gnp.exe\u{202C} now\u{200B}!\u{2028}x\u{E0041}";
        assert_eq!(
            highlight(note, &[], Style::Plain),
            "pay \\u{202e}gnp.exe\\u{202c} now\\u{200b}!\\u{2028}x\\u{e0041}"
        );
        // Emoji sequences and scripts that need joiners are left whole.
        let family = "👨\u{200D}👩\u{200D}👧 می\u{200C}خواهم";
        assert_eq!(highlight(family, &[], Style::Plain), family);
        let (a, b) = range_of(note, "now\u{200B}");
        assert_eq!(
            matched_texts(note, &ev(note, a, b, -1)),
            vec!["now\\u{200b}"]
        );
    }

    #[test]
    fn matched_texts_lists_each_span() {
        let note = "Zoé et Zoé";
        let mut e = ev(note, 0, 4, 1);
        e.spans.push(ev(note, 8, 12, 1).spans[0]);
        assert_eq!(matched_texts(note, &e), vec!["Zoé", "Zoé"]);
    }
}

//! Argument parsers shared by several subcommands.

use noteworthy_core::Strictness;

/// Parses `--strictness`, keeping the core's message for an unknown name
/// ("unknown strictness \"x\": expected lenient, balanced or strict").
pub fn parse_strictness(s: &str) -> Result<Strictness, String> {
    s.parse::<Strictness>().map_err(|e| e.to_string())
}

/// Parses a fraction between 0 and 1 inclusive, e.g. `--min-accuracy 0.9`.
pub fn parse_fraction(s: &str) -> Result<f64, String> {
    let x: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number; give a fraction such as 0.9"))?;
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!(
            "{s} is not between 0 and 1; give a fraction such as 0.9, not a percentage"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strictness_names_and_errors() {
        assert_eq!(parse_strictness("Strict"), Ok(Strictness::Strict));
        let err = parse_strictness("harsh").unwrap_err();
        assert!(err.contains("harsh") && err.contains("lenient"), "{err}");
    }

    #[test]
    fn fractions_in_range_only() {
        assert_eq!(parse_fraction("0.85"), Ok(0.85));
        assert_eq!(parse_fraction("1"), Ok(1.0));
        assert!(parse_fraction("85")
            .unwrap_err()
            .contains("not between 0 and 1"));
        assert!(parse_fraction("NaN").is_err());
        assert!(parse_fraction("abc").unwrap_err().contains("not a number"));
    }
}

//! Text from files is untrusted. These checks keep control characters and
//! bidirectional overrides out of the terminal and out of every report.

/// Characters that can reorder or hide text on screen (Trojan Source).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Whether a character may not appear in text we show.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// The first forbidden character in `s`, with its character index, described
/// for an error message (`U+001B`).
pub fn first_forbidden(s: &str) -> Option<(usize, String)> {
    s.chars()
        .enumerate()
        .find(|(_, c)| is_forbidden(*c))
        .map(|(i, c)| (i, format!("U+{:04X}", c as u32)))
}

/// Replaces every forbidden character with U+FFFD so the text can be shown
/// safely, whatever its origin.
pub fn sanitize(s: &str) -> String {
    if !s.chars().any(is_forbidden) {
        return s.to_string();
    }
    s.chars()
        .map(|c| if is_forbidden(c) { '\u{FFFD}' } else { c })
        .collect()
}

/// Whether `s` is a valid id: lowercase ASCII letters, digits and '-', not
/// starting or ending with '-'.
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_bidi_overrides_are_forbidden() {
        assert_eq!(first_forbidden("ok\ttext\n"), None);
        assert_eq!(first_forbidden("a\u{1b}[31m"), Some((1, "U+001B".into())));
        assert_eq!(first_forbidden("x\u{202E}y"), Some((1, "U+202E".into())));
        assert_eq!(sanitize("a\u{7}b\u{2067}c"), "a\u{FFFD}b\u{FFFD}c");
    }

    #[test]
    fn ids_are_kebab_case() {
        assert!(is_valid_id("slowest-build-step"));
        assert!(!is_valid_id("Slowest"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id(""));
    }
}

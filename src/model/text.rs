//! Text from files is untrusted. These checks keep control characters,
//! bidirectional overrides and invisible characters out of every set
//! (`validate` rejects them); `crate::output` keeps them out of every output.

/// Characters that can reorder or hide text on screen (Trojan Source).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Characters that take no space and show nothing: zero-width spaces and
/// joiners, the byte-order mark, tag characters, line and paragraph
/// separators. They can hide text or make two strings look alike.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{0600}'..='\u{0605}' | '\u{06DD}' | '\u{070F}'
        | '\u{0890}' | '\u{0891}' | '\u{08E2}' | '\u{115F}' | '\u{1160}' | '\u{17B4}'
        | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200D}' | '\u{2028}'
        | '\u{2029}' | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FFF9}'..='\u{FFFB}' | '\u{110BD}' | '\u{110CD}' | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E007F}')
}

/// Whether a character may not appear in text we show: control characters
/// (C0, DEL and C1) other than newline and tab, bidirectional controls, and
/// invisible format characters.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c) || is_invisible(c)
}

/// The first forbidden character in `s`, with its character index, described
/// for an error message (`U+001B`).
pub fn first_forbidden(s: &str) -> Option<(usize, String)> {
    s.chars()
        .enumerate()
        .find(|(_, c)| is_forbidden(*c))
        .map(|(i, c)| (i, format!("U+{:04X}", c as u32)))
}

/// `s` with every forbidden character shown as `<U+XXXX>`: safe to print,
/// and the reader can still see what was there.
pub fn show_visibly(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_forbidden) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_forbidden(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
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

/// A stable fingerprint of a file's text (64-bit FNV-1a, in hex): enough to
/// notice that a set has changed, and the same on every build and machine.
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_notice_a_change() {
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_eq!(fingerprint("a"), "af63dc4c8601ec8c");
        assert_ne!(fingerprint("prompt = \"x\""), fingerprint("prompt = \"y\""));
    }

    #[test]
    fn escapes_and_bidi_overrides_are_forbidden() {
        assert_eq!(first_forbidden("ok\ttext\n"), None);
        assert_eq!(first_forbidden("a\u{1b}[31m"), Some((1, "U+001B".into())));
        assert_eq!(first_forbidden("x\u{202E}y"), Some((1, "U+202E".into())));
        assert_eq!(first_forbidden("x\u{9b}"), Some((1, "U+009B".into())));
        assert_eq!(
            first_forbidden("zero\u{200B}width"),
            Some((4, "U+200B".into()))
        );
        assert_eq!(first_forbidden("tag\u{E0041}"), Some((3, "U+E0041".into())));
        assert_eq!(
            first_forbidden("line\u{2028}sep"),
            Some((4, "U+2028".into()))
        );
    }

    #[test]
    fn ids_are_kebab_case() {
        assert!(is_valid_id("slowest-build-step"));
        assert!(!is_valid_id("Slowest"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id(""));
    }
}

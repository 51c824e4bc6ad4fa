//! Where text leaves the program. Every byte altitude writes to a terminal,
//! stdout, stderr, a Markdown report or JSON goes through this module, so
//! text from a file, a file name or the user can never carry a control
//! sequence, a bidirectional override or an invisible character out with it.
//!
//! - stdout and stderr: [`stdout`] and [`stderr`] give writers that make every
//!   such character visible as `<U+001B>`. `clippy.toml` forbids `println!`,
//!   `eprintln!` and `std::io::{stdout, stderr}` elsewhere, so a new message
//!   cannot forget it.
//! - the TUI: [`sanitize_buffer`] runs on every frame before it is flushed.
//! - Markdown: [`markdown`] escapes as well.
//! - JSON: [`json_pretty`] escapes C1, bidi and invisible characters as
//!   `\uXXXX` (serde_json already escapes C0).

use crate::model::text::{is_forbidden, show_visibly};
use std::borrow::Cow;
use std::io::{self, Write};

/// `s` with every forbidden character shown as `<U+XXXX>`.
pub fn terminal(s: &str) -> Cow<'_, str> {
    show_visibly(s)
}

/// Untrusted text as inline Markdown: forbidden characters made visible,
/// Markdown punctuation escaped, and line breaks turned into spaces so the
/// text cannot start a heading, a list or a table row of its own.
pub fn markdown(text: &str) -> String {
    let clean = terminal(text);
    let mut out = String::with_capacity(clean.len() + 8);
    for c in clean.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A writer that passes text through [`terminal`]. It keeps an incomplete
/// UTF-8 sequence until the rest arrives; bytes that are not UTF-8 at all are
/// shown as `<0xNN>`.
#[derive(Debug)]
pub struct SafeWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    pub fn new(inner: W) -> SafeWriter<W> {
        SafeWriter {
            inner,
            pending: Vec::new(),
        }
    }

    fn write_clean(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut rest = bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => return self.inner.write_all(terminal(s).as_bytes()),
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    // Checked by from_utf8 just above.
                    let good = std::str::from_utf8(good).unwrap_or_default();
                    self.inner.write_all(terminal(good).as_bytes())?;
                    match e.error_len() {
                        Some(n) => {
                            for b in &bad[..n] {
                                write!(self.inner, "<0x{b:02X}>")?;
                            }
                            rest = &bad[n..];
                        }
                        None => {
                            self.pending.extend_from_slice(bad);
                            return Ok(());
                        }
                    }
                }
            }
        }
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        self.write_clean(&bytes)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for SafeWriter<W> {
    fn drop(&mut self) {
        for b in std::mem::take(&mut self.pending) {
            let _ = write!(self.inner, "<0x{b:02X}>");
        }
        let _ = self.inner.flush();
    }
}

/// Standard output, made safe.
#[allow(clippy::disallowed_methods)]
pub fn stdout() -> SafeWriter<io::StdoutLock<'static>> {
    SafeWriter::new(io::stdout().lock())
}

/// Standard error, made safe.
#[allow(clippy::disallowed_methods)]
pub fn stderr() -> SafeWriter<io::StderrLock<'static>> {
    SafeWriter::new(io::stderr().lock())
}

/// Prints one line to stderr, made safe. Errors writing are ignored: there
/// is nowhere left to report them.
pub fn warn(line: impl std::fmt::Display) {
    let _ = writeln!(stderr(), "{line}");
}

/// Writes `value` as pretty JSON in which C1 controls, bidi controls and
/// invisible characters are escaped as `\uXXXX`, followed by a newline.
pub fn json_pretty<W: Write, T: serde::Serialize + ?Sized>(
    mut writer: W,
    value: &T,
) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut writer, SafeJson::default());
    // `From` keeps the kind, so a closed pipe is still seen as one.
    value.serialize(&mut ser).map_err(io::Error::from)?;
    writer.write_all(b"\n")
}

/// `value` as pretty JSON text, made safe as [`json_pretty`] does.
pub fn json_string<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and the formatter only writes UTF-8.
    let _ = json_pretty(&mut out, value);
    String::from_utf8(out).unwrap_or_default()
}

/// serde_json's pretty formatter, with forbidden characters in strings
/// escaped instead of written raw.
#[derive(Default)]
struct SafeJson<'a> {
    pretty: serde_json::ser::PrettyFormatter<'a>,
}

impl serde_json::ser::Formatter for SafeJson<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_forbidden(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    // The rest is the pretty formatter's layout.
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(w)
    }
}

/// Replaces any forbidden character left in a frame's cells with U+FFFD, and
/// tabs and line breaks with spaces, so no cell can move the cursor or send
/// a sequence to the terminal. Runs on every frame, whatever drew it.
pub fn sanitize_buffer(buf: &mut ratatui::buffer::Buffer) {
    for cell in &mut buf.content {
        let symbol = cell.symbol();
        if symbol
            .chars()
            .any(|c| is_forbidden(c) || c == '\t' || c == '\n')
        {
            let clean: String = symbol
                .chars()
                .map(|c| match c {
                    '\t' | '\n' => ' ',
                    c if is_forbidden(c) => '\u{FFFD}',
                    c => c,
                })
                .collect();
            cell.set_symbol(&clean);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str =
        "a\u{1b}]0;TITLE\u{7}b\u{9b}2J\u{202e}c\u{200b}d\u{feff}e\u{e0041}f\u{2028}";

    fn assert_clean(s: &str) {
        assert!(
            !s.chars().any(is_forbidden),
            "raw forbidden character in {s:?}"
        );
    }

    #[test]
    fn terminal_text_shows_every_forbidden_character_visibly() {
        let out = terminal(HOSTILE);
        assert_clean(&out);
        assert!(out.starts_with("a<U+001B>]0;TITLE<U+0007>b<U+009B>2J<U+202E>c<U+200B>d"));
        assert!(matches!(terminal("plain\ttext\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_safe_writer_cleans_text_split_anywhere() {
        let bytes = HOSTILE.as_bytes();
        for split in 0..bytes.len() {
            let mut out = Vec::new();
            {
                let mut w = SafeWriter::new(&mut out);
                w.write_all(&bytes[..split]).unwrap();
                w.write_all(&bytes[split..]).unwrap();
            }
            assert_eq!(String::from_utf8(out).unwrap(), terminal(HOSTILE));
        }
        let mut out = Vec::new();
        SafeWriter::new(&mut out).write_all(b"x\xffy").unwrap();
        assert_eq!(out, b"x<0xFF>y");
    }

    #[test]
    fn json_escapes_c1_bidi_and_invisible_characters() {
        let text = json_string(&serde_json::json!({ "id": HOSTILE }));
        assert_clean(&text);
        assert!(
            text.contains(r"\u009b") && text.contains(r"\u202e"),
            "{text}"
        );
        assert!(
            text.contains(r"\udb40\udc41"),
            "tag characters as surrogates: {text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["id"], HOSTILE, "escaping keeps the value");
    }

    #[test]
    fn markdown_escapes_structure_and_controls() {
        let md = markdown("`x` **y** # z\n- [link](u) <b>&amp;");
        assert_eq!(md, r"\`x\` \*\*y\*\* \# z - \[link\](u) \<b\>\&amp;");
        assert_clean(&markdown(HOSTILE));
    }

    #[test]
    fn a_frame_never_keeps_a_control_character() {
        let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 20, 1));
        buf.set_string(0, 0, HOSTILE, ratatui::style::Style::default());
        buf.content[1].set_symbol("\u{1b}");
        sanitize_buffer(&mut buf);
        for cell in &buf.content {
            assert_clean(cell.symbol());
        }
    }
}

//! The low layer under every hand-validated file: the TOML document as
//! parsed, spans kept, read field by field with every problem collected.
//!
//! serde stops at the first wrong field ("invalid type: floating point,
//! expected i64", with no item and no range), so a file with twelve mistakes
//! took twelve runs. Here each read that fails leaves a located problem that
//! names the table it is in, the value as written and what is allowed
//! ("`score = 2.5` in item `wb3`: a whole number from 1 to 5"), and the
//! read goes on. The high layer (`question_set`, `answers`) then checks the
//! meaning of what was read, the way ripgrep turns its low arguments into
//! high ones.

use super::location::{Position, Problem, from_toml_error};
use std::cell::RefCell;
use std::ops::{Range, RangeInclusive};
use std::path::Path;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Problems found in one file, in the order of their place in it.
pub struct Reader<'s> {
    path: &'s Path,
    source: &'s str,
    problems: RefCell<Vec<Problem>>,
}

impl<'s> Reader<'s> {
    pub fn new(path: &'s Path, source: &'s str) -> Reader<'s> {
        Reader {
            path,
            source,
            problems: RefCell::new(Vec::new()),
        }
    }

    /// The document, or `None` when it is not valid TOML; then every syntax
    /// error the parser could recover from is a problem.
    pub fn document(&self) -> Option<Spanned<DeTable<'s>>> {
        let (doc, errors) = DeTable::parse_recoverable(self.source);
        if errors.is_empty() {
            return Some(doc);
        }
        for e in &errors {
            self.problems
                .borrow_mut()
                .push(from_toml_error(self.path, self.source, e));
        }
        None
    }

    /// Adds a problem at byte `offset`.
    pub fn at(&self, offset: usize, message: impl Into<String>) {
        self.problems.borrow_mut().push(Problem::new(
            self.path,
            Position::at(self.source, offset),
            message,
        ));
    }

    /// Adds a problem at the start of `spanned`.
    pub fn on<T>(&self, spanned: &Spanned<T>, message: impl Into<String>) {
        self.at(spanned.span().start, message);
    }

    pub fn has_problems(&self) -> bool {
        !self.problems.borrow().is_empty()
    }

    /// Every problem, sorted by place; the same problem at the same place once.
    pub fn finish(self) -> Vec<Problem> {
        let mut problems = self.problems.into_inner();
        problems.sort_by_key(|p| p.pos);
        problems.dedup();
        problems
    }

    /// The text of a value as written in the file, shortened for a message.
    fn written(&self, span: Range<usize>) -> String {
        let text = self.source.get(span).unwrap_or("").trim();
        let mut shown: String = text.chars().take(40).collect();
        if text.chars().count() > 40 {
            shown.push('…');
        }
        shown.replace('\n', " ")
    }

    /// A table to read fields from; `place` names it in messages
    /// ("item `wb3`", "[profile]").
    pub fn table<'t>(
        &'t self,
        table: &'t DeTable<'s>,
        span: Range<usize>,
        place: impl Into<String>,
    ) -> Fields<'t, 's> {
        Fields {
            reader: self,
            table,
            span,
            place: place.into(),
        }
    }
}

/// The fields of one table, read one at a time.
pub struct Fields<'t, 's> {
    reader: &'t Reader<'s>,
    table: &'t DeTable<'s>,
    span: Range<usize>,
    place: String,
}

impl<'t, 's> Fields<'t, 's> {
    /// Renames the table in later messages, once its id is known.
    pub fn name(&mut self, place: impl Into<String>) {
        self.place = place.into();
    }

    pub fn place(&self) -> &str {
        &self.place
    }

    /// Where the table starts: for problems about the table as a whole.
    pub fn start(&self) -> usize {
        self.span.start
    }

    pub fn reader(&self) -> &'t Reader<'s> {
        self.reader
    }

    fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'s>>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }

    /// Whether the table has `key` at all, whatever its type.
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Every key not in `allowed` is a problem at its own place.
    pub fn only(&self, allowed: &[&str]) {
        for (key, _) in self.table {
            let name = key.get_ref().as_ref();
            if !allowed.contains(&name) {
                self.reader.on(
                    key,
                    format!(
                        "unknown field `{name}` in {}, expected one of {}",
                        self.place,
                        allowed
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
    }

    /// A problem for a value of the wrong type or out of range.
    fn wrong(&self, key: &str, value: &Spanned<DeValue<'s>>, allowed: &str) {
        let written = self.reader.written(value.span());
        self.reader.on(
            value,
            format!("`{key} = {written}` in {}: {allowed}", self.place),
        );
    }

    /// A problem at the start of the table when a required field is absent.
    pub fn missing(&self, key: &str, allowed: &str) {
        self.reader.at(
            self.span.start,
            format!("{} is missing `{key}`: {allowed}", self.place),
        );
    }

    /// A text field.
    pub fn string(&self, key: &str) -> Option<Spanned<String>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(Spanned::new(value.span(), s.to_string())),
            _ => {
                self.wrong(key, value, "text in quotes");
                None
            }
        }
    }

    /// A text field that must be there.
    pub fn required_string(&self, key: &str, allowed: &str) -> Option<Spanned<String>> {
        if !self.has(key) {
            self.missing(key, allowed);
        }
        self.string(key)
    }

    /// A whole number in `range`.
    pub fn int(&self, key: &str, range: RangeInclusive<i64>) -> Option<Spanned<i64>> {
        let value = self.get(key)?;
        let allowed = if range.end() - range.start() == 1 {
            format!("{} or {}", range.start(), range.end())
        } else {
            format!("a whole number from {} to {}", range.start(), range.end())
        };
        let n = match value.get_ref() {
            DeValue::Integer(i) => {
                i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
            }
            _ => None,
        };
        match n {
            Some(n) if range.contains(&n) => Some(Spanned::new(value.span(), n)),
            _ => {
                self.wrong(key, value, &allowed);
                None
            }
        }
    }

    /// A number (whole or not) in `range`.
    pub fn float(&self, key: &str, range: RangeInclusive<f64>) -> Option<Spanned<f64>> {
        let value = self.get(key)?;
        let n = match value.get_ref() {
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .ok()
                .map(|n| n as f64),
            _ => None,
        };
        match n {
            Some(n) if n.is_finite() && range.contains(&n) => Some(Spanned::new(value.span(), n)),
            _ => {
                self.wrong(
                    key,
                    value,
                    &format!("a number from {} to {}", range.start(), range.end()),
                );
                None
            }
        }
    }

    pub fn bool(&self, key: &str) -> Option<Spanned<bool>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(Spanned::new(value.span(), *b)),
            _ => {
                self.wrong(key, value, "true or false");
                None
            }
        }
    }

    /// A list of text values.
    pub fn strings(&self, key: &str) -> Option<Spanned<Vec<Spanned<String>>>> {
        let value = self.get(key)?;
        let allowed = "a list of text in quotes, e.g. [\"a\", \"b\"]";
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong(key, value, allowed);
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => out.push(Spanned::new(item.span(), s.to_string())),
                _ => self.wrong(key, item, allowed),
            }
        }
        Some(Spanned::new(value.span(), out))
    }

    /// An array of tables (`[[key]]`), each with its span.
    pub fn tables(&self, key: &str) -> Vec<(&'t DeTable<'s>, Range<usize>)> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let allowed = format!("a list of tables, written [[{key}]]");
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong(key, value, &allowed);
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| match item.get_ref() {
                DeValue::Table(t) => Some((t, item.span())),
                _ => {
                    self.wrong(key, item, &allowed);
                    None
                }
            })
            .collect()
    }

    /// A single table (`[key]`).
    pub fn subtable(&self, key: &str) -> Option<(&'t DeTable<'s>, Range<usize>)> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Table(t) => Some((t, value.span())),
            _ => {
                self.wrong(key, value, &format!("a table, written [{key}]"));
                None
            }
        }
    }

    /// Every key and its value, for tables whose keys are data (answers).
    pub fn entries(&self) -> impl Iterator<Item = (Spanned<&'t str>, &'t Spanned<DeValue<'s>>)> {
        self.table
            .iter()
            .map(|(k, v)| (Spanned::new(k.span(), k.get_ref().as_ref()), v))
    }

    /// The value as written, for messages about a value of any type.
    pub fn written(&self, value: &Spanned<DeValue<'s>>) -> String {
        self.reader.written(value.span())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(src: &str, read: impl Fn(&Fields<'_, '_>)) -> Vec<String> {
        let path = Path::new("f.toml");
        let reader = Reader::new(path, src);
        if let Some(doc) = reader.document() {
            let fields = reader.table(doc.get_ref(), doc.span(), "item `wb3`");
            read(&fields);
        }
        reader.finish().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_wrong_type_names_the_value_the_place_and_what_is_allowed() {
        let found = problems("score = 2.5\nlabel = 3\nok = \"yes\"\n", |f| {
            assert!(f.int("score", 1..=5).is_none());
            assert!(f.string("label").is_none());
            assert!(f.bool("ok").is_none());
        });
        assert_eq!(
            found,
            [
                "f.toml:1:9: `score = 2.5` in item `wb3`: a whole number from 1 to 5",
                "f.toml:2:9: `label = 3` in item `wb3`: text in quotes",
                "f.toml:3:6: `ok = \"yes\"` in item `wb3`: true or false",
            ]
        );
    }

    #[test]
    fn numbers_in_range_are_read_and_out_of_range_ones_reported() {
        let found = problems("a = 3\nb = 0x10\nc = 9\nd = 1.5\n", |f| {
            assert_eq!(f.int("a", 1..=5).map(|v| *v.get_ref()), Some(3));
            assert_eq!(f.int("b", 0..=20).map(|v| *v.get_ref()), Some(16));
            assert!(f.int("c", 1..=5).is_none());
            assert_eq!(f.float("d", 0.5..=3.0).map(|v| *v.get_ref()), Some(1.5));
        });
        assert_eq!(
            found,
            ["f.toml:3:5: `c = 9` in item `wb3`: a whole number from 1 to 5"]
        );
    }

    #[test]
    fn every_syntax_error_the_parser_recovers_from_is_reported() {
        let found = problems("a = \nb = [1,\n", |_| {});
        assert!(!found.is_empty(), "{found:?}");
        assert!(found.iter().all(|p| p.starts_with("f.toml:")), "{found:?}");
    }
}

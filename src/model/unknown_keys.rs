//! Every unknown key in a TOML file at once. serde stops at the first unknown
//! field, so a file with three typos took three runs to fix; this pass walks
//! the parsed document and names each one at its own line and column. The
//! allowed keys are read from the serde structs themselves, so the two can
//! never disagree.

use super::location::{Position, Problem};
use serde::Deserialize;
use std::path::Path;
use toml::de::{DeTable, DeValue};

/// The field names a `#[derive(Deserialize)]` struct accepts.
pub fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Probe;
    #[derive(Debug)]
    struct Found(&'static [&'static str]);
    impl std::fmt::Display for Found {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{:?}", self.0)
        }
    }
    impl std::error::Error for Found {}
    impl serde::de::Error for Found {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Found(&[])
        }
    }
    impl<'de> serde::Deserializer<'de> for Probe {
        type Error = Found;
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Found> {
            Err(Found(&[]))
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Found> {
            Err(Found(fields))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    match T::deserialize(Probe) {
        Err(Found(fields)) => fields,
        Ok(_) => &[],
    }
}

/// The keys a table may hold, and the tables and arrays of tables below it.
pub struct Shape {
    pub keys: &'static [&'static str],
    /// `(key, shape)` for a table or an array of tables under `key`.
    pub nested: Vec<(&'static str, Shape)>,
}

/// Every key in `source` that `shape` does not allow, located. A file that
/// is not valid TOML gives none: the parser's own error says why.
pub fn unknown_keys(path: &Path, source: &str, shape: &Shape) -> Vec<Problem> {
    let Ok(doc) = DeTable::parse(source) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    check_table(path, source, doc.get_ref(), shape, "", &mut problems);
    problems.sort_by_key(|p| p.pos);
    problems
}

fn check_table(
    path: &Path,
    source: &str,
    table: &DeTable<'_>,
    shape: &Shape,
    within: &str,
    problems: &mut Vec<Problem>,
) {
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        if let Some((_, inner)) = shape.nested.iter().find(|(k, _)| *k == name) {
            let place = if within.is_empty() {
                name.to_string()
            } else {
                format!("{within}.{name}")
            };
            match value.get_ref() {
                DeValue::Table(t) => check_table(path, source, t, inner, &place, problems),
                DeValue::Array(items) => {
                    for item in items {
                        if let DeValue::Table(t) = item.get_ref() {
                            check_table(path, source, t, inner, &place, problems);
                        }
                    }
                }
                _ => {}
            }
        } else if !shape.keys.contains(&name) {
            let place = if within.is_empty() {
                String::new()
            } else {
                format!(" in [{within}]")
            };
            problems.push(Problem::new(
                path,
                Position::at(source, key.span().start),
                format!(
                    "unknown field `{name}`{place}, expected one of {}",
                    shape
                        .keys
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        label: String,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        id: String,
        items: Vec<Inner>,
    }

    #[test]
    fn the_allowed_keys_come_from_the_struct() {
        assert_eq!(fields_of::<Outer>(), ["id", "items"]);
    }

    #[test]
    fn every_unknown_key_is_named_at_its_place() {
        let shape = Shape {
            keys: fields_of::<Outer>(),
            nested: vec![(
                "items",
                Shape {
                    keys: fields_of::<Inner>(),
                    nested: vec![],
                },
            )],
        };
        let src =
            "id = \"x\"\ncolour = 1\n[[items]]\nlabel = \"a\"\nlabl = \"b\"\n[[items]]\nsize = 2\n";
        let found: Vec<String> = unknown_keys(Path::new("f.toml"), src, &shape)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "f.toml:2:1: unknown field `colour`, expected one of `id`, `items`",
                "f.toml:5:1: unknown field `labl` in [items], expected one of `label`",
                "f.toml:7:1: unknown field `size` in [items], expected one of `label`",
            ]
        );
    }
}

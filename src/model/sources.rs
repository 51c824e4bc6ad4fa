//! The essays the content comes from (`assets/sources.toml`): every attributed
//! claim names one of them, and every report ends with the list.

use serde::Deserialize;

/// One essay.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// How the app's text refers to it: "Lasn", "the player/coach trap essay".
    pub cite: String,
    pub title: String,
    pub author: Option<String>,
    /// As the essay gives it, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The essay has no title of its own; `title` describes what it is about.
    #[serde(default)]
    pub untitled: bool,
    /// What the essay argues, in one clause: "argues that ...".
    pub argues: String,
}

impl Source {
    /// One line for a Sources list: title, author, date, and what it argues.
    pub fn reference(&self) -> String {
        let title = if self.untitled {
            format!("{} (no title given)", self.title)
        } else {
            format!("\"{}\"", self.title)
        };
        let author = self.author.as_deref().unwrap_or("no author given");
        let date = self.date.as_deref().unwrap_or("no date given");
        format!(
            "{}: {title}, {author}, {date}; {}.",
            self.cite_capitalised(),
            self.argues
        )
    }

    /// `cite` with its first letter capitalised, to start a sentence.
    pub fn cite_capitalised(&self) -> String {
        let mut chars = self.cite.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(chars).collect()
        })
    }
}

/// The essays, and what every report says about the limits of its scales.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    /// One line, shown under the burnout score.
    pub burnout_short: String,
    /// Shown with every burnout score: it is a reflection aid, not a clinical measure.
    pub burnout_note: String,
    #[serde(rename = "source")]
    pub list: Vec<Source>,
}

impl Sources {
    /// The sources line by line, for a report's closing section.
    pub fn lines(&self) -> Vec<String> {
        self.list.iter().map(Source::reference).collect()
    }
}

/// Parses the sources file.
pub fn parse_sources(text: &str) -> Result<Sources, toml::de::Error> {
    toml::from_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_says_what_the_essay_does_not_give() {
        let s = Source {
            id: "x".into(),
            cite: "the x essay".into(),
            title: "About x".into(),
            author: None,
            date: None,
            untitled: true,
            argues: "argues something".into(),
        };
        assert_eq!(
            s.reference(),
            "The x essay: About x (no title given), no author given, no date given; argues something."
        );
    }
}

//! Styles. The `mono` theme (chosen by config or `NO_COLOR`) uses only bold,
//! reverse and underline, and no screen relies on colour alone for meaning.

use crate::store::ThemeName;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub text: Style,
    pub dim: Style,
    pub accent: Style,
    pub selected: Style,
    pub good: Style,
    pub risk: Style,
    pub warn: Style,
    pub key: Style,
    pub bar: Style,
    pub bar_risk: Style,
}

impl Theme {
    /// The theme for a config setting, honouring `NO_COLOR`.
    pub fn pick(name: ThemeName, no_color: bool) -> Theme {
        match name {
            _ if no_color => Theme::mono(),
            ThemeName::Mono => Theme::mono(),
            ThemeName::HighContrast => Theme::high_contrast(),
            ThemeName::Auto => Theme::colour(),
        }
    }

    pub fn from_env(name: ThemeName) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::pick(name, no_color)
    }

    /// Colour for meaning, readable on light and dark terminals alike: text
    /// keeps the terminal's own colours, and every colour used as text sits
    /// in the narrow band of brightness that reads at 4.5:1 or more on both a
    /// white and a black background (WCAG AA).
    pub fn colour() -> Theme {
        let teal = Color::Rgb(0, 132, 132);
        let green = Color::Rgb(0, 138, 0);
        let amber = Color::Rgb(170, 102, 0);
        let red = Color::Rgb(238, 0, 0);
        Theme {
            title: Style::new().fg(teal).add_modifier(Modifier::BOLD),
            text: Style::new(),
            // The terminal's own colour: a grey would be faint on one background or the other.
            dim: Style::new().add_modifier(Modifier::ITALIC),
            accent: Style::new().fg(teal),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            good: Style::new().fg(green),
            risk: Style::new().fg(amber),
            warn: Style::new().fg(red).add_modifier(Modifier::BOLD),
            key: Style::new().fg(teal).add_modifier(Modifier::BOLD),
            bar: Style::new().fg(green),
            bar_risk: Style::new().fg(amber),
        }
    }

    pub fn mono() -> Theme {
        let plain = Style::new();
        Theme {
            title: plain.add_modifier(Modifier::BOLD),
            text: plain,
            dim: plain,
            accent: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            good: plain,
            risk: plain,
            warn: plain.add_modifier(Modifier::BOLD),
            key: plain.add_modifier(Modifier::BOLD),
            bar: plain,
            bar_risk: plain,
        }
    }

    /// The most contrast any terminal can give: its own foreground and
    /// background, with bold, underline and reverse for emphasis. No colour,
    /// so it is as readable on a light terminal as on a dark one.
    pub fn high_contrast() -> Theme {
        let plain = Style::new();
        Theme {
            title: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            text: plain,
            dim: plain,
            accent: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            good: plain.add_modifier(Modifier::BOLD),
            risk: plain.add_modifier(Modifier::BOLD),
            warn: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            key: plain.add_modifier(Modifier::BOLD),
            bar: plain,
            bar_risk: plain.add_modifier(Modifier::BOLD),
        }
    }

    /// Every style, named, for checking.
    pub fn styles(&self) -> [(&'static str, Style); 11] {
        [
            ("title", self.title),
            ("text", self.text),
            ("dim", self.dim),
            ("accent", self.accent),
            ("selected", self.selected),
            ("good", self.good),
            ("risk", self.risk),
            ("warn", self.warn),
            ("key", self.key),
            ("bar", self.bar),
            ("bar_risk", self.bar_risk),
        ]
    }
}

/// WCAG relative luminance of an sRGB colour.
pub fn luminance(r: u8, g: u8, b: u8) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG contrast ratio of two luminances, 1 to 21.
pub fn contrast(a: f64, b: f64) -> f64 {
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The colour a style sets, if it sets one: `Err` for a named colour,
    /// whose shade is up to the terminal and so cannot be checked.
    fn rgb(c: Option<Color>) -> Result<Option<(u8, u8, u8)>, Color> {
        match c {
            None | Some(Color::Reset) => Ok(None),
            Some(Color::Rgb(r, g, b)) => Ok(Some((r, g, b))),
            Some(other) => Err(other),
        }
    }

    #[test]
    fn every_theme_reads_at_4_5_to_1_on_white_and_on_black() {
        let white = luminance(255, 255, 255);
        let black = luminance(0, 0, 0);
        for (name, theme) in [
            ("colour", Theme::colour()),
            ("mono", Theme::mono()),
            ("high-contrast", Theme::high_contrast()),
        ] {
            for (what, style) in theme.styles() {
                let fg = rgb(style.fg).unwrap_or_else(|c| panic!("{name}.{what}: named {c:?}"));
                let bg = rgb(style.bg).unwrap_or_else(|c| panic!("{name}.{what}: named {c:?}"));
                match (fg, bg) {
                    (Some(f), Some(b)) => {
                        let ratio = contrast(luminance(f.0, f.1, f.2), luminance(b.0, b.1, b.2));
                        assert!(ratio >= 4.5, "{name}.{what}: {ratio:.2}:1");
                    }
                    (Some(f), None) => {
                        let l = luminance(f.0, f.1, f.2);
                        for (on, bg) in [("white", white), ("black", black)] {
                            let ratio = contrast(l, bg);
                            assert!(ratio >= 4.5, "{name}.{what} on {on}: {ratio:.2}:1");
                        }
                    }
                    // A background under the terminal's own text colour
                    // would depend on that colour.
                    (None, Some(b)) => panic!("{name}.{what}: background {b:?} under unknown text"),
                    (None, None) => {}
                }
            }
        }
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        let white = luminance(255, 255, 255);
        let black = luminance(0, 0, 0);
        assert!((contrast(white, black) - 21.0).abs() < 1e-9);
        // #767676 is the lightest grey that passes AA on white.
        let grey = luminance(0x76, 0x76, 0x76);
        assert!(contrast(grey, white) >= 4.5 && contrast(grey, white) < 4.6);
    }
}

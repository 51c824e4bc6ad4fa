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

    pub fn colour() -> Theme {
        Theme {
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            accent: Style::new().fg(Color::Cyan),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            good: Style::new().fg(Color::Green),
            risk: Style::new().fg(Color::Yellow),
            warn: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            bar: Style::new().fg(Color::Green),
            bar_risk: Style::new().fg(Color::Yellow),
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

    pub fn high_contrast() -> Theme {
        Theme {
            title: Style::new()
                .fg(Color::White)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            text: Style::new().fg(Color::White),
            dim: Style::new().fg(Color::White),
            accent: Style::new()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            good: Style::new()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::BOLD),
            risk: Style::new()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            warn: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            key: Style::new()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            bar: Style::new().fg(Color::LightGreen),
            bar_risk: Style::new().fg(Color::LightYellow),
        }
    }
}

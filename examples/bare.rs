//! A bare ratatui program: draw one line of text, wait for any key, restore
//! the terminal. It is the baseline `benches/tui.rs` holds altitude to for
//! time to first frame and peak memory.
//!
//! Run it with `cargo run --release --example bare`.

use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::text::Line;

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    let result = terminal
        .draw(|frame| frame.render_widget(Line::from("bare ratatui: press any key"), frame.area()))
        .and_then(|_| wait_for_key());
    ratatui::restore();
    result
}

fn wait_for_key() -> std::io::Result<()> {
    loop {
        if let Event::Key(key) = event::read()?
            && key.kind != KeyEventKind::Release
        {
            return Ok(());
        }
    }
}

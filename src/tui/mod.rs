//! The terminal app: state and update (`app`), keys (`keys`), drawing
//! (`view`), styles (`theme`) and the event loop that ties them (`run`).

pub mod action;
pub mod app;
pub mod keys;
pub mod library;
pub mod linear;
pub mod run;
pub mod screen;
pub mod theme;
pub mod view;

//! The terminal app: state and update (`app`), keys (`keys`), drawing
//! (`view`), styles (`theme`) and the event loop that ties them (`run`).

pub mod app;
pub mod keys;
pub mod run;
pub mod theme;
pub mod view;

//! The domain: question sets, answers, scoring, patterns, flags and suggestions.
//! Nothing in here knows about terminals; the TUI and the CLI both build on it.

pub mod answers;
pub mod assessment;
pub mod catalog;
pub mod condition;
pub mod dimension;
pub mod evidence;
pub mod flags;
pub mod form;
pub mod location;
pub mod pattern;
pub mod perspective;
pub mod plan;
pub mod practices;
pub mod profile;
pub mod question_set;
pub mod raters;
pub mod record;
pub mod scoring;
pub mod session;
pub mod sources;
pub mod text;
pub mod time;
pub mod toml_walk;

pub use answers::{Answer, AnswerSheet};
pub use assessment::{Assessment, assess};
pub use dimension::{Dimension, Side};
pub use profile::{Mode, Profile, Stage};
pub use question_set::{Item, Kind, QuestionSet, Rater};
pub use scoring::{DimensionScore, Scores};

//! Rulebooks: the YAML format, its loading and validation, and the compiled rule model.

pub mod expr;
pub mod file;
mod load;
mod model;
pub mod patterns;
pub mod phrase;
mod shape;
mod validate;

pub use load::{
    default_rulebook, load_rulebook, parse_rulebook, DEFAULT_RULEBOOK, DEFAULT_RULEBOOK_NAME,
};
pub use model::{Criterion, Example, Rule, Rulebook, Source, Within};

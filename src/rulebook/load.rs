//! Loading (placeholder).
use super::Rulebook;
use crate::error::Error;
use std::path::Path;
/// Name of the default rulebook.
pub const DEFAULT_RULEBOOK_NAME: &str = "mali-2015";
/// The default rulebook's text.
pub const DEFAULT_RULEBOOK: &str = "";
/// Loads.
pub fn load_rulebook(_path: &Path) -> Result<Rulebook, Error> { todo!() }
/// Parses.
pub fn parse_rulebook(_origin: &str, _text: &str) -> Result<Rulebook, Error> { todo!() }
/// Default.
pub fn default_rulebook() -> Rulebook { todo!() }

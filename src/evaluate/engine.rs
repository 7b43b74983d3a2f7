//! Engine (placeholder).
use super::Assessment;
use crate::{Mandate, Rulebook};
/// Evaluates.
pub fn evaluate(_rulebook: &Rulebook, _mandate: &Mandate) -> Assessment { todo!() }

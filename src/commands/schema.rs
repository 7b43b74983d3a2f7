//! `schema rulebook|mandate`: the JSON Schema of a format, for editors and other tools.

use super::{Outcome, Status};
use crate::task::SchemaKind;

/// `schema rulebook|mandate`: the JSON Schema, for editors and other tools.
pub fn run(kind: SchemaKind) -> anyhow::Result<Outcome> {
    let value = match kind {
        SchemaKind::Rulebook => policycheck::schema::rulebook_schema(),
        SchemaKind::Mandate => policycheck::schema::mandate_schema(),
    };
    Ok(Outcome::new(
        serde_json::to_string_pretty(&value)? + "\n",
        Status::Pass,
    ))
}

//! Mandates: the document model and one reader per input format. Reading files happens here
//! and nowhere else in the pipeline.

mod addressee;
mod classify;
mod join;
mod lines;
mod model;
mod text;
mod yaml;

pub use classify::{classify_clauses, leading_verb, LeadingVerb};
pub use model::{
    Addressee, Clause, Fact, FactValue, Force, Mandate, Part, Provision, SourceFormat,
};
pub use text::read_text;
pub use yaml::read_yaml;
pub(crate) use yaml::Doc as MandateFile;

use crate::error::Error;
use std::path::Path;

/// Reads a mandate from a file, choosing the reader by extension: `.yaml`/`.yml` are
/// structured descriptions, `.md`/`.markdown` Markdown, anything else plain text.
pub fn read_mandate(path: &Path) -> Result<Mandate, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    let label = path.display().to_string();
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, col) = crate::error::line_col(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            e.utf8_error().valid_up_to(),
        );
        Error::Mandate(
            crate::Diagnostic::new(&label, "the file is not UTF-8 text")
                .at(line, col)
                .hint("save the draft as UTF-8 text, Markdown or YAML"),
        )
    })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("yaml") | Some("yml") => read_yaml(&label, &text),
        Some("md") | Some("markdown") => Ok(read_text(&label, &text, SourceFormat::Markdown)),
        _ => Ok(read_text(&label, &text, SourceFormat::Text)),
    }
}

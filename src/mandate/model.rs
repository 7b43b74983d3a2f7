//! The document model: a mandate split into provisions, each keeping its place in the file,
//! its force and whom it addresses. Readers (one per input format) build it; the evaluator
//! only reads it.

pub use crate::vocab::{Addressee, Force, Part};
use serde::Serialize;
use std::collections::BTreeMap;

/// A mandate (a draft or an adopted resolution) read from one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mandate {
    /// The path the document was read from, as given by the user (or a label).
    pub path: String,
    /// The format it was read as.
    pub format: SourceFormat,
    /// Title, e.g. "Resolution 866 (1993)".
    pub title: Option<String>,
    /// The mission concerned, e.g. "MINUSMA", where known.
    pub mission: Option<String>,
    /// Adoption date as written (structured mandates: ISO date).
    pub adopted: Option<String>,
    /// Provisions in document order.
    pub provisions: Vec<Provision>,
    /// Structured facts (structured mandates only), keyed by dotted path, e.g. `police.arrest`.
    pub facts: BTreeMap<String, Fact>,
    /// PDF drafts only: the page (1-based) each line of the extracted text was printed on,
    /// so that evidence can say "p. 2, line 14". Empty for other formats.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<u32>,
}

impl Mandate {
    /// The page a 1-based line stands on (PDF drafts only).
    pub fn page_of(&self, line: u32) -> Option<u32> {
        self.pages.get((line as usize).checked_sub(1)?).copied()
    }
}

/// How a mandate was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceFormat {
    /// A structured YAML description.
    Yaml,
    /// Plain text, as printed.
    Text,
    /// Markdown.
    Markdown,
    /// A Word document (.docx); provision "lines" are paragraph numbers in the document.
    Docx,
    /// A PDF (its text layer); lines are lines of the extracted text, each with its page.
    Pdf,
}

/// One provision: a preambular paragraph, an operative paragraph or sub-paragraph, a header
/// or annex block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provision {
    /// Stable id: `PP3`, `OP16`, `OP16(a)(iii)`, `B-OP14` (section B), `HEADER`, `ANNEX1`…
    pub id: String,
    /// Where it stands.
    pub part: Part,
    /// The section letter (A, B, …) where the resolution has sections.
    pub section: Option<String>,
    /// The id of the enclosing paragraph for a sub-paragraph (`OP16(a)` for `OP16(a)(iii)`).
    pub parent: Option<String>,
    /// The text with printed line wrapping joined and hyphenated words rejoined.
    pub text: String,
    /// First line in the file (1-based).
    pub first_line: u32,
    /// Last line in the file (1-based).
    pub last_line: u32,
    /// Where each source line starts in `text`: (byte offset in `text`, line number), ascending.
    /// Lets evidence name the exact line of a phrase.
    pub line_map: Vec<(usize, u32)>,
    /// The clauses of the provision with their force and addressee. Never empty for an
    /// operative provision; a preambular one has a single `Context` clause.
    pub clauses: Vec<Clause>,
}

impl Provision {
    /// The line in the file on which byte `offset` of `text` stands.
    pub fn line_at(&self, offset: usize) -> u32 {
        match self.line_map.binary_search_by(|(o, _)| o.cmp(&offset)) {
            Ok(i) => self.line_map[i].1,
            Err(0) => self.first_line,
            Err(i) => self.line_map[i - 1].1,
        }
    }

    /// The clause that contains byte `offset` of `text`.
    pub fn clause_at(&self, offset: usize) -> Option<&Clause> {
        self.clauses
            .iter()
            .find(|c| c.start <= offset && offset < c.end.max(c.start + 1))
            .or_else(|| self.clauses.last())
    }
}

/// The numbered paragraph a provision belongs to, section letter kept: `B-OP3` for
/// `B-OP3(a)(ii)`, and `OP2` for `OP2.1.3` (a multi-level number is part of the paragraph its
/// first number names, as a lettered sub-paragraph is). Other ids are their own paragraph.
pub fn paragraph_of(id: &str) -> &str {
    let id = id.split('(').next().unwrap_or(id);
    match id.split_once('.') {
        Some((head, _))
            if head.ends_with(|c: char| c.is_ascii_digit())
                && head.rsplit_once("OP").is_some_and(|(section, n)| {
                    (section.is_empty() || section.ends_with('-'))
                        && n.bytes().all(|b| b.is_ascii_digit())
                }) =>
        {
            head
        }
        _ => id,
    }
}

/// A clause of a provision: a span of its text governed by one operative verb.
/// "Welcomes the report … and calls upon Member States to contribute …" has two clauses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clause {
    /// Byte offset in the provision's text where the clause starts.
    pub start: usize,
    /// Byte offset where it ends (exclusive).
    pub end: usize,
    /// The governing verb as written ("Decides", "Calls upon"), if any. For a sub-paragraph
    /// that has no verb of its own, the verb of the paragraph that introduces it.
    pub verb: Option<String>,
    /// The force of the verb.
    pub force: Force,
    /// Whom the clause addresses.
    pub addressee: Addressee,
}

/// A structured fact of a described mandate, with the line it was given on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    /// The value: booleans are the common case (`police.arrest: false`).
    pub value: FactValue,
    /// Line in the YAML file (1-based), when known.
    pub line: Option<u32>,
}

/// A fact's value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FactValue {
    /// true / false.
    Bool(bool),
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
}

impl FactValue {
    /// Whether the fact counts as present: `true`, a non-zero number or non-empty text.
    pub fn is_truthy(&self) -> bool {
        match self {
            FactValue::Bool(b) => *b,
            FactValue::Number(n) => *n != 0.0,
            FactValue::Text(t) => !t.trim().is_empty() && t != "false" && t != "no",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prov() -> Provision {
        Provision {
            id: "OP1".into(),
            part: Part::Operative,
            section: None,
            parent: None,
            text: "Decides that the mission shall monitor borders".into(),
            first_line: 10,
            last_line: 11,
            line_map: vec![(0, 10), (25, 11)],
            clauses: vec![Clause {
                start: 0,
                end: 46,
                verb: Some("Decides".into()),
                force: Force::Mandate,
                addressee: Addressee::Mission,
            }],
        }
    }

    #[test]
    fn line_at_maps_offsets_to_source_lines() {
        let p = prov();
        assert_eq!(p.line_at(0), 10);
        assert_eq!(p.line_at(24), 10);
        assert_eq!(p.line_at(25), 11);
        assert_eq!(p.line_at(40), 11);
    }

    #[test]
    fn a_provision_belongs_to_the_paragraph_its_first_number_names() {
        for (id, paragraph) in [
            ("OP16(a)(iii)", "OP16"),
            ("B-OP3(a)", "B-OP3"),
            ("OP2.1.3", "OP2"),
            ("OP2.1(b)", "OP2"),
            ("C-OP12.4", "C-OP12"),
            ("OP7", "OP7"),
            ("PP3", "PP3"),
            ("ANNEX2-P1", "ANNEX2-P1"),
            ("fact:police.arrest", "fact:police.arrest"),
            ("fact:OP1.x", "fact:OP1.x"),
        ] {
            assert_eq!(paragraph_of(id), paragraph, "{id}");
        }
    }

    #[test]
    fn force_orders_from_context_to_mandate() {
        assert!(Force::Mandate > Force::Call);
        assert!(Force::Call > Force::NoAction);
        assert!(Force::NoAction > Force::Context);
    }

    #[test]
    fn addressee_words_round_trip() {
        for a in Addressee::ALL {
            assert_eq!(Addressee::parse(a.as_str()), Some(a));
        }
        assert_eq!(Addressee::parse("nobody"), None);
    }
}

//! Mandates: the document model and one reader per input format. Reading files happens here
//! and nowhere else in the pipeline.

mod addressee;
mod anchor;
mod classify;
mod docx;
mod identity;
mod join;
mod lines;
mod markdown;
mod model;
mod options;
pub mod pdf;
mod text;
mod write;
mod yaml;

pub use anchor::anchor_line;
pub use classify::{classify_clauses, leading_verb, LeadingVerb};
pub use docx::{
    insert_tracked, read_docx, NewParagraph, Revision, Slot, TrackedChanges, MAX_PART_BYTES,
    MAX_TOTAL_BYTES,
};
pub use identity::{date_words, identity, opening_words, Identity};
pub use model::{
    paragraph_of, Addressee, Clause, Fact, FactValue, Force, Mandate, Part, Provision, SourceFormat,
};
pub use pdf::read_pdf;
pub use text::read_text;
pub use write::to_yaml;
pub use yaml::read_yaml;
pub(crate) use yaml::Doc as MandateFile;

use crate::error::Error;
use std::path::Path;

/// Limits on what a reader accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// The largest file read, in bytes.
    pub max_bytes: u64,
    /// Which reading of a Word draft's tracked changes is scored (other formats have none).
    pub tracked_changes: TrackedChanges,
}

/// The default largest draft: 16 MiB, far above any real resolution (the largest of the 902
/// in the corpus is under 100 kB) and small enough to refuse a mistaken input quickly.
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
            tracked_changes: TrackedChanges::default(),
        }
    }
}

/// Reading choices from one source — the command line or the configuration file. A choice
/// left `None` falls to the next source, and finally to [`ReadOptions::default`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReadChoices {
    /// The largest draft read, in bytes.
    pub max_bytes: Option<u64>,
    /// Which reading of a Word draft's tracked changes is scored.
    pub tracked_changes: Option<TrackedChanges>,
}

impl ReadChoices {
    /// These choices, with `fallback`'s where these make none, and the defaults after that.
    pub fn over(self, fallback: ReadChoices) -> ReadOptions {
        let default = ReadOptions::default();
        ReadOptions {
            max_bytes: self
                .max_bytes
                .or(fallback.max_bytes)
                .unwrap_or(default.max_bytes),
            tracked_changes: self
                .tracked_changes
                .or(fallback.tracked_changes)
                .unwrap_or(default.tracked_changes),
        }
    }
}

/// A size as people write it — `32MB`, `500kB`, `1.5 GB` or a number of bytes — in bytes
/// (kB = 1024 bytes). The error says what is wrong in plain words.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a size (write e.g. 32MB, 500kB or 1048576)"))?;
    let factor: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" | "kib" => 1024.0,
        "m" | "mb" | "mib" => 1024.0 * 1024.0,
        "g" | "gb" | "gib" => 1024.0 * 1024.0 * 1024.0,
        other => return Err(format!("`{other}` is not a size unit (use kB, MB or GB)")),
    };
    let bytes = n * factor;
    if bytes < 1.0 {
        return Err(format!("{s} is too small for a draft"));
    }
    Ok(bytes as u64)
}

/// Reads a mandate from a file with the default limits; see [`read_mandate_with`].
pub fn read_mandate(path: &Path) -> Result<Mandate, Error> {
    read_mandate_with(path, &ReadOptions::default())
}

/// The hint for text in another encoding than UTF-8.
const SAVE_AS_UTF8: &str = "save the draft again as UTF-8 text, Markdown or YAML \
     (\"Unicode (UTF-8)\" in the encoding options of Save As)";

/// Reads a mandate from a file, choosing the reader by extension: `.yaml`/`.yml` are
/// structured descriptions, `.md`/`.markdown` Markdown, `.docx` Word (see [`read_docx`]),
/// anything else plain text.
///
/// Refused, each with a message naming the file and the place: a folder, a file larger than
/// `options.max_bytes`, an empty file, a binary file (a NUL byte), text that is not UTF-8 (UTF-16 and
/// Windows-1252 named as such).
/// A UTF-8 byte-order mark is skipped; CRLF and CR line endings are read as line breaks.
pub fn read_mandate_with(path: &Path, options: &ReadOptions) -> Result<Mandate, Error> {
    let label = path.display().to_string();
    let refuse = |message: String, hint: &str| {
        Error::Mandate(crate::Diagnostic::new(&label, message).hint(hint))
    };
    let io = |source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(refuse(
            "this is a folder, not a draft".into(),
            "name the drafts inside it, or give the folder to `policycheck check`, which reads every draft in it",
        ));
    }
    if meta.len() > options.max_bytes {
        return Err(too_large(&label, Some(meta.len()), options));
    }
    // Bounded by the bytes read, not the length claimed: a link to /dev/zero claims none.
    let bytes = match crate::limits::read_bounded(path, options.max_bytes, "one draft") {
        Ok(bytes) => bytes,
        Err(crate::limits::ReadError::Io(e)) => return Err(io(e)),
        Err(crate::limits::ReadError::TooLarge { .. }) => {
            return Err(too_large(&label, None, options))
        }
    };
    read_mandate_bytes(&label, path, &bytes, options)
}

/// Reads a mandate from bytes already in memory — standard input, or a file read elsewhere —
/// as [`read_mandate_with`] reads a file: `label` names it in messages and reports, and the
/// extension of `name` chooses the reader (`draft.md` is Markdown; no extension is plain
/// text). The same refusals apply.
pub fn read_mandate_bytes(
    label: &str,
    name: &Path,
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<Mandate, Error> {
    let label = label.to_string();
    let refuse = |message: String, hint: &str| {
        Error::Mandate(crate::Diagnostic::new(&label, message).hint(hint))
    };
    if bytes.len() as u64 > options.max_bytes {
        return Err(too_large(&label, Some(bytes.len() as u64), options));
    }
    let ext = name
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if ext.as_deref() == Some("docx") {
        return read_docx(&label, bytes, options);
    }
    if ext.as_deref() == Some("pdf") {
        return read_pdf(&label, bytes, options);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // UTF-16 (Notepad's "Unicode") is full of NUL bytes: name it before calling it binary.
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Error::Mandate(
            crate::Diagnostic::new(&label, "the file is UTF-16 text, not UTF-8")
                .at(1, 1)
                .hint(SAVE_AS_UTF8),
        ));
    }
    if let Some(nul) = bytes.iter().position(|b| *b == 0) {
        let (line, col) =
            crate::error::line_col(&String::from_utf8_lossy(&bytes[..nul]), usize::MAX);
        return Err(Error::Mandate(
            crate::Diagnostic::new(
                &label,
                "the file contains a NUL byte: it looks like a binary file, not a draft",
            )
            .at(line, col)
            .hint("export the draft as plain text (.txt), Markdown (.md) or a YAML description"),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let (line, col) = crate::error::line_col(&String::from_utf8_lossy(valid), usize::MAX);
        let byte = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
        Error::Mandate(
            crate::Diagnostic::new(
                &label,
                format!("the file is not UTF-8 text: byte 0x{byte:02X} here is not UTF-8"),
            )
            .at(line, col)
            .hint(if byte >= 0x80 && e.error_len().is_some() {
                // A lone byte of 0x80–0xFF is how Windows-1252 and Latin-1 write é, ’, «.
                "it is probably Windows-1252 or Latin-1 text, as older Word and Excel exports \
                 save it; save the draft again as UTF-8 text, Markdown or YAML \
                 (\"Unicode (UTF-8)\" in the encoding options of Save As)"
            } else {
                SAVE_AS_UTF8
            }),
        )
    })?;
    if text.trim().is_empty() {
        return Err(refuse(
            if text.is_empty() {
                "the file is empty: there is nothing to score".into()
            } else {
                "the file has only spaces and blank lines: there is nothing to score".into()
            },
            "check that the right file was named and that it was saved",
        ));
    }
    let normalised;
    let text = if text.contains('\r') {
        normalised = text.replace("\r\n", "\n").replace('\r', "\n");
        normalised.as_str()
    } else {
        text
    };
    match ext.as_deref() {
        Some("yaml") | Some("yml") => read_yaml(&label, text),
        Some("md") | Some("markdown") => text::read_markdown(&label, text),
        _ => Ok(read_text(&label, text, SourceFormat::Text)),
    }
}

/// The refusal of a draft larger than the limit.
fn too_large(label: &str, size: Option<u64>, options: &ReadOptions) -> Error {
    let limit = human_size(options.max_bytes);
    let message = match size {
        Some(size) => format!(
            "the file is {}, more than the limit of {limit} for one draft",
            human_size(size)
        ),
        // A device or a growing file: its length is not known, only that it passed the limit.
        None => format!("the file is larger than the limit of {limit} for one draft"),
    };
    Error::Mandate(crate::Diagnostic::new(label, message).hint(
        "if this really is one draft, raise the limit with --max-document-size or with \
             `max_document_size:` in policycheck.yaml",
    ))
}

use crate::limits::human_size;

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, bytes: &[u8]) -> Result<Mandate, Error> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        read_mandate(&path)
    }

    fn refusal(name: &str, bytes: &[u8]) -> crate::Diagnostic {
        match read(name, bytes) {
            Err(Error::Mandate(d)) => d,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn binary_empty_and_non_utf8_files_are_refused_with_their_place() {
        let d = refusal("a.txt", b"1. Decides\n2. Notes\0 more");
        assert!(d.message.contains("NUL byte"));
        assert_eq!((d.line, d.column), (Some(2), Some(9)));
        let d = refusal("b.txt", b"  \n\n ");
        assert!(
            d.message.contains("only spaces and blank lines"),
            "{}",
            d.message
        );
        let d = refusal("b.txt", b"");
        assert!(d.message.contains("the file is empty"), "{}", d.message);
        let d = refusal("c.txt", b"1. Decides\n\xff\xfe");
        assert!(d.message.contains("byte 0xFF"), "{}", d.message);
        assert_eq!((d.line, d.column), (Some(2), Some(1)));
        let d = refusal("d.txt", b"1. D\xe9cide");
        assert!(d
            .hint
            .as_deref()
            .unwrap_or_default()
            .contains("Windows-1252"));
        let d = refusal("e.txt", b"\xff\xfe1\0.\0");
        assert!(d.message.contains("UTF-16"), "{}", d.message);
    }

    #[test]
    fn a_bom_and_crlf_or_cr_line_endings_read_like_plain_lines() {
        let plain = read(
            "p.txt",
            b"The Security Council,\n\n1. Decides to act;\n\n2. Requests a report;\n",
        )
        .unwrap();
        let crlf = read("q.txt", b"\xEF\xBB\xBFThe Security Council,\r\n\r\n1. Decides to act;\r\n\r\n2. Requests a report;\r\n").unwrap();
        let cr = read(
            "r.txt",
            b"The Security Council,\r\r1. Decides to act;\r\r2. Requests a report;\r",
        )
        .unwrap();
        let ids = |m: &Mandate| -> Vec<(String, u32, String)> {
            m.provisions
                .iter()
                .map(|p| (p.id.clone(), p.first_line, p.text.clone()))
                .collect()
        };
        assert_eq!(ids(&plain), ids(&crlf));
        assert_eq!(ids(&plain), ids(&cr));
    }

    #[test]
    fn a_folder_and_an_oversized_file_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        match read_mandate(dir.path()) {
            Err(Error::Mandate(d)) => assert!(d.message.contains("folder")),
            other => panic!("{other:?}"),
        }
        let path = dir.path().join("big.txt");
        std::fs::write(&path, vec![b'a'; 3000]).unwrap();
        let options = ReadOptions {
            max_bytes: 2048,
            ..ReadOptions::default()
        };
        match read_mandate_with(&path, &options) {
            Err(Error::Mandate(d)) => {
                assert_eq!(
                    d.message,
                    "the file is 2.9 kB, more than the limit of 2 kB for one draft"
                )
            }
            other => panic!("{other:?}"),
        }
    }
}

//! Measuring a rulebook against analysts' labels: how often its verdicts agree with careful
//! readers on drafts they judged, and where they differ. This is how a rule author learns how
//! far to trust a rulebook (`policycheck rules measure`).
//!
//! [`labels`] reads a labels file; [`find_drafts`] pairs each labelled document with its draft
//! in a folder; [`agreement`] computes the figures (pure); [`measure_folder`] runs the three.

pub mod agreement;
pub mod labels;

pub use agreement::{
    measure, Confusion, Disagreement, EvidenceFigures, Measurement, RuleFigures, VERDICTS,
};
pub use labels::{parse_labels, Label, Labels};

use crate::error::{Diagnostic, Error};
use crate::evaluate::{evaluate_with, Matcher};
use crate::mandate::{read_mandate_with, ReadOptions};
use crate::rulebook::Rulebook;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Reads and checks a labels file (see [`parse_labels`]).
pub fn load_labels(path: &Path, rulebook: &Rulebook) -> Result<Labels, Error> {
    let text =
        crate::limits::read_text_bounded(path, crate::limits::MAX_LABELS_BYTES, "a labels file")
            .map_err(|e| Error::Io {
                action: "read",
                path: path.to_path_buf(),
                source: e.into_io(),
            })?;
    parse_labels(&path.display().to_string(), &text, rulebook)
}

/// Whether `file_name` is the draft of document `key`: its name without the extension is the
/// key, or it begins with the key and `_` (`S_RES_0866_1993_EN_GOLD.txt` for
/// `S_RES_0866_1993`).
pub fn names_document(file_name: &str, key: &str) -> bool {
    let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
    stem == key
        || file_name
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with('_'))
}

/// Pairs every labelled document with its draft among the files of `dir` (not its
/// sub-folders), in the labels' order. A document with no draft, or with more than one, is an
/// error naming it; files that no document names are left alone.
pub fn find_drafts(labels: &Labels, dir: &Path) -> Result<Vec<(String, PathBuf)>, Error> {
    let io = |source| Error::Io {
        action: "read",
        path: dir.to_path_buf(),
        source,
    };
    let mut files: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        if entry.file_type().map_err(io)?.is_dir() {
            continue;
        }
        if let Some(name) = entry.file_name().to_str() {
            files.push(name.to_string());
        }
    }
    files.sort();
    let mut problems = Vec::new();
    let mut found = Vec::new();
    for key in labels.documents.keys() {
        let named: Vec<&String> = files.iter().filter(|f| names_document(f, key)).collect();
        match named.as_slice() {
            [one] => found.push((key.clone(), dir.join(one))),
            [] => problems.push(
                Diagnostic::new(
                    &labels.origin,
                    format!("document `{key}` has no draft in {}", dir.display()),
                )
                .hint(format!(
                    "a draft is found by its file name: `{key}.txt`, `{key}.md`… or a name \
                     beginning with `{key}_`"
                )),
            ),
            many => problems.push(
                Diagnostic::new(
                    &labels.origin,
                    format!(
                        "document `{key}` names {} drafts in {}: {}",
                        many.len(),
                        dir.display(),
                        many.iter()
                            .map(|f| f.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
                .hint("keep one draft per labelled document in the folder"),
            ),
        }
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(Error::Labels(problems))
    }
}

/// Reads several labels files as one set: their documents together, in key order. A document
/// labelled in two files is an error naming both.
pub fn load_label_files(paths: &[PathBuf], rulebook: &Rulebook) -> Result<Labels, Error> {
    let mut all = Labels::default();
    let mut problems = Vec::new();
    let mut origins: Vec<String> = Vec::new();
    for path in paths {
        let one = load_labels(path, rulebook)?;
        for (doc, rules) in one.documents {
            if all.documents.contains_key(&doc) {
                problems.push(Diagnostic::new(
                    &one.origin,
                    format!("document `{doc}` is labelled in another labels file too"),
                ));
                continue;
            }
            all.documents.insert(doc, rules);
        }
        origins.push(one.origin);
    }
    all.origin = origins.join(" + ");
    if problems.is_empty() {
        Ok(all)
    } else {
        Err(Error::Labels(problems))
    }
}

/// Measures `rulebook` against the labels files at `labels_paths` (one set, however many
/// files), reading each labelled document's draft from `dir`. Any problem — a bad labels
/// file, a missing draft, an unreadable one — stops the measurement: figures over part of the
/// labels would mislead.
pub fn measure_folder(
    rulebook: &Rulebook,
    labels_paths: &[PathBuf],
    dir: &Path,
    options: &ReadOptions,
) -> Result<Measurement, Error> {
    let labels = load_label_files(labels_paths, rulebook)?;
    let drafts = find_drafts(&labels, dir)?;
    let matcher = Matcher::for_rulebook(rulebook);
    let assessed = drafts
        .par_iter()
        .map(|(key, path)| {
            let mandate = read_mandate_with(path, options)?;
            Ok((key.clone(), evaluate_with(&matcher, rulebook, &mandate)))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(measure(rulebook, &labels, &assessed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_is_named_by_its_stem_or_a_prefix_and_underscore() {
        assert!(names_document("dev-01.txt", "dev-01"));
        assert!(names_document(
            "S_RES_0866_1993_EN_GOLD.txt",
            "S_RES_0866_1993"
        ));
        assert!(names_document("draft", "draft"));
        assert!(!names_document("dev-011.txt", "dev-01"));
        assert!(!names_document(
            "S_RES_08660_1993_EN_GOLD.txt",
            "S_RES_0866"
        ));
    }
}

//! The configuration of a run, as the rest of the crate sees it: which rulebooks, templates,
//! bars, per-path settings ([`Override`]), outputs and waivers a run uses, and how drafts are
//! read ([`ReadChoices`]); and what applies to one document once the overrides that match its
//! path are merged ([`Config::for_document`]). Paths here are already joined to the
//! configuration's folder. The file that says all this, `policycheck.yaml` — finding it,
//! its format and turning it into a [`Config`] — is in `config/file.rs`.

mod file;

use crate::bars::{Bars, FailOn};
use crate::inputs::PathGlob;
use crate::mandate::ReadChoices;
use crate::report::Format;
use crate::waiver::Waiver;
use std::path::{Component, Path, PathBuf};

pub use crate::error::ConfigError;
pub use file::{discover, load_config, parse_config, CONFIG_FILE_NAME};

/// A rulebook a configuration names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RulebookRef {
    /// The embedded default rulebook (written `default`).
    Default,
    /// A rulebook file.
    File(PathBuf),
}

impl RulebookRef {
    /// Loads the rulebook.
    pub fn load(&self) -> Result<crate::rulebook::Rulebook, crate::Error> {
        match self {
            RulebookRef::Default => Ok(crate::rulebook::default_rulebook()),
            RulebookRef::File(path) => crate::rulebook::load_rulebook(path),
        }
    }
}

/// One output of a run: a format, and a file or (without one) standard output.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputSpec {
    /// The format.
    pub format: Format,
    /// The file, or `None` for standard output.
    pub path: Option<PathBuf>,
}

/// Settings for the documents whose path matches one of `paths`; later overrides win.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// Document patterns, relative to the configuration's folder.
    pub paths: Vec<PathGlob>,
    /// Leave these documents out of the run.
    pub skip: bool,
    /// Rulebooks instead of the top-level ones.
    pub rulebooks: Option<Vec<RulebookRef>>,
    /// A least score instead of the top-level one.
    pub fail_under: Option<f64>,
    /// A `fail_on` instead of the top-level one.
    pub fail_on: Option<FailOn>,
    /// Required rules instead of the top-level ones.
    pub required_rules: Option<Vec<String>>,
}

/// A resolved configuration: paths joined to the configuration's folder.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    /// The file it came from; `None` when no file was found.
    pub path: Option<PathBuf>,
    /// The folder paths and document patterns are relative to.
    pub base: PathBuf,
    /// Rulebooks; empty means the embedded default.
    pub rulebooks: Vec<RulebookRef>,
    /// A folder of template overrides.
    pub templates: Option<PathBuf>,
    /// The bars of every document, unless an override says otherwise.
    pub bars: Bars,
    /// Per-path settings, in file order.
    pub overrides: Vec<Override>,
    /// Outputs, used when the command line names none.
    pub outputs: Vec<OutputSpec>,
    /// Waivers, inline or from the waiver file.
    pub waivers: Vec<Waiver>,
    /// How drafts are read (`max_document_size`, `tracked_changes`); the command line's
    /// choices win.
    pub read: ReadChoices,
    /// The waiver file named by `waivers:`, if a file was named.
    pub waiver_file: Option<PathBuf>,
    /// Folders and patterns yield only files that match one of these (none: every draft),
    /// relative to the configuration's folder.
    pub include: Vec<PathGlob>,
    /// Folders and patterns never yield files that match one of these, or whose folder does.
    pub exclude: Vec<PathGlob>,
    /// Follow symbolic links to folders when searching folders (`--follow-symlinks`).
    pub follow_symlinks: bool,
    /// Who the briefing memos are from (`memo: {author, organisation, classification}`),
    /// printed in their header.
    pub memo: crate::report::MemoMeta,
}

/// What applies to one document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentSettings {
    /// Leave it out.
    pub skip: bool,
    /// Its rulebooks (never empty).
    pub rulebooks: Vec<RulebookRef>,
    /// Its bars.
    pub bars: Bars,
}

impl Config {
    /// The configuration of a run without a file: paths relative to `cwd`.
    pub fn empty(cwd: &Path) -> Config {
        Config {
            base: cwd.to_path_buf(),
            ..Config::default()
        }
    }

    /// The settings for the document whose key (see [`Config::document_key`]) is `key`.
    pub fn for_document(&self, key: &str) -> DocumentSettings {
        let mut s = DocumentSettings {
            skip: false,
            rulebooks: if self.rulebooks.is_empty() {
                vec![RulebookRef::Default]
            } else {
                self.rulebooks.clone()
            },
            bars: self.bars.clone(),
        };
        for o in &self.overrides {
            if !o.paths.iter().any(|g| g.is_match(key)) {
                continue;
            }
            s.skip |= o.skip;
            if let Some(r) = &o.rulebooks {
                s.rulebooks = r.clone();
            }
            if o.fail_under.is_some() {
                s.bars.fail_under = o.fail_under;
            }
            if o.fail_on.is_some() {
                s.bars.fail_on = o.fail_on;
            }
            if let Some(r) = &o.required_rules {
                s.bars.required = r.iter().cloned().collect();
            }
        }
        s
    }

    /// The files the configuration names — itself, its rulebooks, templates folder, waiver
    /// file and output files — which a folder or pattern never yields as drafts.
    pub fn own_files(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = self.path.iter().cloned().collect();
        out.extend(self.rulebooks.iter().filter_map(|r| match r {
            RulebookRef::File(p) => Some(p.clone()),
            RulebookRef::Default => None,
        }));
        for o in &self.overrides {
            out.extend(o.rulebooks.iter().flatten().filter_map(|r| match r {
                RulebookRef::File(p) => Some(p.clone()),
                RulebookRef::Default => None,
            }));
        }
        out.extend(self.templates.iter().cloned());
        out.extend(self.waiver_file.iter().cloned());
        out.extend(self.outputs.iter().filter_map(|o| o.path.clone()));
        out
    }

    /// The files this configuration reads, each with what it is for messages — itself, its
    /// rulebooks, waiver file and the templates in its templates folder — which no output may
    /// overwrite (its outputs are not among them).
    pub fn input_files(&self) -> Vec<(PathBuf, &'static str)> {
        let mut out: Vec<(PathBuf, &'static str)> = self
            .path
            .iter()
            .map(|p| (p.clone(), "the configuration"))
            .collect();
        let books = self.rulebooks.iter().chain(
            self.overrides
                .iter()
                .flat_map(|o| o.rulebooks.iter().flatten()),
        );
        out.extend(books.filter_map(|r| match r {
            RulebookRef::File(p) => Some((p.clone(), "a rulebook")),
            RulebookRef::Default => None,
        }));
        out.extend(
            self.waiver_file
                .iter()
                .map(|p| (p.clone(), "the waiver file")),
        );
        if let Some(dir) = &self.templates {
            out.extend(template_files(dir).into_iter().map(|p| (p, "a template")));
        }
        out
    }

    /// A document's path relative to the configuration's folder, `/`-separated, as patterns
    /// see it. `path` is relative to `cwd` (or absolute). A document outside the folder keeps
    /// its absolute path.
    pub fn document_key(&self, path: &Path, cwd: &Path) -> String {
        let doc = normalize(&cwd.join(path));
        let base = normalize(&cwd.join(&self.base));
        let rel = doc
            .strip_prefix(&base)
            .map(Path::to_path_buf)
            .unwrap_or(doc);
        rel.to_string_lossy().replace('\\', "/")
    }
}

/// `path` with `.` and `..` worked out by hand, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The files of a templates folder (not its sub-folders); none when it cannot be read.
pub fn template_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Config {
        parse_config(Path::new("cfg/policycheck.yaml"), text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn overrides_that_match_a_document_win_in_file_order() {
        let c = parse(
            "\
rulebooks: [rules/a.yaml]
bars:
  fail_under: 60
overrides:
  - paths: [\"drafts/early/**\"]
    skip: true
  - paths: [\"drafts/final/*.md\"]
    fail_under: 80
    fail_on: missing
    rulebooks: [rules/b.yaml]
  - paths: [\"drafts/final/renewal.md\"]
    fail_under: 70
    required_rules: [expert-group]
",
        );
        assert!(c.for_document("drafts/early/a.md").skip);
        let other = c.for_document("drafts/other.md");
        assert!(!other.skip);
        assert_eq!(other.bars.fail_under, Some(60.0));
        assert_eq!(
            other.rulebooks,
            [RulebookRef::File("cfg/rules/a.yaml".into())]
        );
        let fin = c.for_document("drafts/final/renewal.md");
        assert_eq!(fin.bars.fail_under, Some(70.0));
        assert_eq!(fin.bars.fail_on, Some(FailOn::Missing));
        assert!(fin.bars.required.contains("expert-group"));
        assert_eq!(
            fin.rulebooks,
            [RulebookRef::File("cfg/rules/b.yaml".into())]
        );
    }

    #[test]
    fn without_rulebooks_a_document_gets_the_default() {
        let c = Config::empty(Path::new("."));
        assert_eq!(c.for_document("a.md").rulebooks, [RulebookRef::Default]);
    }

    #[test]
    fn document_keys_are_relative_to_the_configuration() {
        let c = parse("");
        let cwd = Path::new("/repo");
        assert_eq!(
            c.document_key(Path::new("cfg/drafts/x/b.md"), cwd),
            "drafts/x/b.md"
        );
        assert_eq!(c.document_key(Path::new("cfg/x/../c.md"), cwd), "c.md");
        assert_eq!(
            c.document_key(Path::new("a.md"), Path::new("/repo")),
            "/repo/a.md",
            "outside the folder"
        );
    }
}

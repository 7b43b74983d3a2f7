//! The documents of a run, from what the user named: files as given, folders searched
//! recursively for drafts (`.txt`, `.md`, `.markdown`, `.yaml`, `.yml`; hidden folders and
//! `target/` skipped) and glob patterns, which policycheck expands itself so that quoted
//! patterns work the same on every shell. The order is stable: arguments in the order given,
//! the files of a folder or pattern sorted by path, each document once.

use globset::{GlobBuilder, GlobMatcher};
use serde::de::{self, Deserializer};
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// The extensions of the files a folder is searched for.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "yaml", "yml"];

/// A glob over `/`-separated paths: `*` stays within a folder, `**` crosses folders. A plain
/// path is a glob that matches itself.
#[derive(Clone)]
pub struct PathGlob {
    text: String,
    matcher: GlobMatcher,
}

impl PathGlob {
    /// Compiles `text`.
    pub fn new(text: &str) -> Result<PathGlob, String> {
        let text = text.strip_prefix("./").unwrap_or(text);
        let glob = GlobBuilder::new(text)
            .literal_separator(true)
            .build()
            .map_err(|e| format!("`{text}` is not a valid glob: {}", e.kind()))?;
        Ok(PathGlob {
            text: text.to_string(),
            matcher: glob.compile_matcher(),
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether `path` (`/`-separated) matches.
    pub fn is_match(&self, path: &str) -> bool {
        self.matcher
            .is_match(path.strip_prefix("./").unwrap_or(path))
    }
}

impl fmt::Debug for PathGlob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PathGlob({:?})", self.text)
    }
}

impl PartialEq for PathGlob {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl<'de> Deserialize<'de> for PathGlob {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PathGlob::new(&s).map_err(de::Error::custom)
    }
}

/// Whether an argument is a pattern rather than a path.
pub fn is_glob(arg: &str) -> bool {
    arg.contains(['*', '?', '[', '{'])
}

/// A problem with one argument; the other arguments are still expanded.
#[derive(Debug)]
pub enum InputError {
    /// A pattern that matched no file.
    NoMatch(String),
    /// A pattern that does not compile.
    BadPattern(String),
    /// A folder that could not be read.
    Io {
        /// The folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::NoMatch(p) => write!(f, "{p}: the pattern matches no file"),
            InputError::BadPattern(m) => f.write_str(m),
            InputError::Io { path, source } => {
                write!(f, "cannot read folder {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for InputError {}

/// The documents named by `args`, and the problems met.
#[derive(Debug, Default)]
pub struct Expansion {
    /// The documents, in a stable order, each once. A file that does not exist is kept: reading
    /// it fails later, and it is reported as a broken document.
    pub documents: Vec<PathBuf>,
    /// The arguments that yielded nothing.
    pub problems: Vec<InputError>,
}

/// Expands `args` into documents: see the module's documentation.
pub fn expand_inputs(args: &[PathBuf]) -> Expansion {
    let mut out = Expansion::default();
    // A set beside the list: a folder of 90,000 drafts must not cost 90,000² comparisons.
    let mut seen: HashSet<PathBuf> = HashSet::new();
    for arg in args {
        let text = arg.to_string_lossy();
        let found = if arg.is_dir() {
            walk(arg, &mut |p| has_document_extension(p))
        } else if is_glob(&text) && !arg.exists() {
            glob(&text)
        } else {
            Ok(vec![arg.clone()])
        };
        match found {
            Ok(files) => {
                for f in files {
                    if seen.insert(f.clone()) {
                        out.documents.push(f);
                    }
                }
            }
            Err(e) => out.problems.push(e),
        }
    }
    out
}

fn has_document_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The files under `pattern`'s literal leading folders that match it, sorted.
fn glob(pattern: &str) -> Result<Vec<PathBuf>, InputError> {
    let glob = PathGlob::new(pattern).map_err(InputError::BadPattern)?;
    let literal: Vec<&str> = pattern.split('/').take_while(|seg| !is_glob(seg)).collect();
    // The last literal segment is a folder only when a pattern follows it.
    let base = literal.join("/");
    let base = if base.is_empty() {
        ".".to_string()
    } else {
        base
    };
    if !Path::new(&base).is_dir() {
        return Err(InputError::NoMatch(pattern.to_string()));
    }
    let files = walk(Path::new(&base), &mut |p| {
        glob.is_match(&p.to_string_lossy().replace('\\', "/"))
    })?;
    if files.is_empty() {
        Err(InputError::NoMatch(pattern.to_string()))
    } else {
        Ok(files)
    }
}

/// Every file under `dir` that `keep` accepts, sorted by path; hidden folders and `target/`
/// are skipped. Paths start with `dir` as given, except that `.` is left off.
fn walk(dir: &Path, keep: &mut dyn FnMut(&Path) -> bool) -> Result<Vec<PathBuf>, InputError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|source| InputError::Io {
            path: folder.clone(),
            source,
        })?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = if folder == Path::new(".") {
                PathBuf::from(&name)
            } else {
                folder.join(&name)
            };
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir())
                || (entry.file_type().is_ok_and(|t| t.is_symlink()) && path.is_dir());
            if is_dir {
                if !name.starts_with('.') && name != "target" {
                    stack.push(path);
                }
            } else if keep(&path) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in [
            "drafts/b.md",
            "drafts/a.txt",
            "drafts/notes.docx",
            "drafts/old/c.yaml",
            "drafts/.hidden/d.md",
            "drafts/target/e.md",
        ] {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        dir
    }

    fn rel(dir: &Path, e: &Expansion) -> Vec<String> {
        e.documents
            .iter()
            .map(|p| {
                p.strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect()
    }

    #[test]
    fn folders_are_searched_for_drafts_in_sorted_order() {
        let dir = tree();
        let e = expand_inputs(&[dir.path().join("drafts")]);
        assert_eq!(
            rel(dir.path(), &e),
            ["drafts/a.txt", "drafts/b.md", "drafts/old/c.yaml"]
        );
    }

    #[test]
    fn globs_are_expanded_and_files_kept_once_in_argument_order() {
        let dir = tree();
        let base = dir.path().to_string_lossy().replace('\\', "/");
        let e = expand_inputs(&[
            dir.path().join("drafts/b.md"),
            PathBuf::from(format!("{base}/drafts/**/*.{{md,yaml}}")),
        ]);
        assert_eq!(
            rel(dir.path(), &e),
            ["drafts/b.md", "drafts/old/c.yaml"],
            "{:?}",
            e.problems
        );
        for pattern in ["drafts/*.pdf", "nothing/*.md"] {
            let e = expand_inputs(&[PathBuf::from(format!("{base}/{pattern}"))]);
            assert!(e.documents.is_empty());
            assert!(e.problems[0]
                .to_string()
                .ends_with("the pattern matches no file"));
        }
    }

    #[test]
    fn a_missing_file_is_kept_for_the_reader_to_report() {
        let e = expand_inputs(&[PathBuf::from("no/such/draft.md")]);
        assert_eq!(e.documents, [PathBuf::from("no/such/draft.md")]);
    }

    #[test]
    fn path_globs_keep_star_within_a_folder() {
        let g = PathGlob::new("drafts/*.md").unwrap();
        assert!(g.is_match("drafts/a.md"));
        assert!(g.is_match("./drafts/a.md"));
        assert!(!g.is_match("drafts/old/a.md"));
        assert!(PathGlob::new("drafts/**/*.md")
            .unwrap()
            .is_match("drafts/old/a.md"));
        assert!(PathGlob::new("a[").is_err());
    }
}

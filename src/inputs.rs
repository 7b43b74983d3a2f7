//! The documents of a run, from what the user named: files as given, standard input (`-`),
//! folders searched recursively for drafts and glob patterns, which policycheck expands
//! itself so that quoted patterns work the same on every shell.
//!
//! Folders and patterns are walked with the walker ripgrep uses (`ignore`): `.gitignore`
//! (inside a git repository), `.ignore` and hidden files and folders are respected, and so is
//! `target/`. A folder is searched for the extensions of [`DOCUMENT_EXTENSIONS`]; only
//! regular files are taken (a FIFO, socket or device is never opened). Symbolic links to
//! folders are not followed unless asked ([`Discovery::follow_symlinks`], with loop detection);
//! a link to a file inside the folder is taken as the file, a link to a file outside it only
//! when links are followed (else skipped with a note, as special files are). What a folder or
//! pattern never yields, unless it is named as a file: the configuration's own files
//! ([`Discovery::reserved`]: itself, its rulebooks, templates and waiver file), README-,
//! CHANGELOG- and LICENSE-style files ([`is_project_file`]), and what the configuration's
//! `include`/`exclude` leave out.
//!
//! The order is stable: arguments in the order given, the files of a folder or pattern sorted
//! by path, each document once (by its real path, so a link and its target count once).

use globset::{GlobBuilder, GlobMatcher};
use serde::de::{self, Deserializer};
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The extensions of the files a folder is searched for, in the order messages list them.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "docx", "pdf", "yaml", "yml"];

/// The argument that names standard input.
pub const STDIN: &str = "-";

/// Whether `path` is the argument `-`: standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// The names of a project's own files (compared without case, before the first `.`; a
/// licence's also followed by `-` or `_` and more: `LICENSE-MIT`), which are never drafts
/// found in a folder.
const PROJECT_FILES: &[&str] = &[
    "README",
    "CHANGELOG",
    "CHANGES",
    "HISTORY",
    "NEWS",
    "LICENSE",
    "LICENCE",
    "COPYING",
    "NOTICE",
    "AUTHORS",
    "CONTRIBUTING",
    "CODE_OF_CONDUCT",
    "SECURITY",
];

/// Whether `path` names a README-, CHANGELOG- or LICENSE-style file, or a `policycheck.yaml`:
/// a file about the project, not a draft.
pub fn is_project_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if name.eq_ignore_ascii_case("policycheck.yaml") || name.eq_ignore_ascii_case("policycheck.yml")
    {
        return true;
    }
    let stem = name.split('.').next().unwrap_or(name).to_ascii_uppercase();
    PROJECT_FILES.iter().any(|p| stem == *p)
        || ["LICENSE", "LICENCE", "COPYING"].iter().any(|p| {
            stem.strip_prefix(p)
                .is_some_and(|rest| rest.starts_with(['-', '_']))
        })
}

/// How folders and patterns are searched: the configuration's and the command line's part.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// Follow symbolic links to folders (a loop is reported, not followed).
    pub follow_symlinks: bool,
    /// When not empty, a file found must match one of these (relative to the configuration's
    /// folder).
    pub include: Vec<PathGlob>,
    /// A file found that matches one of these, or whose folder does, is left out.
    pub exclude: Vec<PathGlob>,
    /// Files and folders that are never drafts found in a folder or pattern: the
    /// configuration itself, its rulebooks, templates and waiver file, the run's outputs.
    pub reserved: Vec<PathBuf>,
}

/// A glob over `/`-separated paths: `*` stays within a folder, `**` crosses folders. A plain
/// path is a glob that matches itself, compared as text without a compiled matcher (a
/// waiver file naming 100,000 drafts by path holds 100,000 strings, not 100,000 automata).
#[derive(Clone)]
pub struct PathGlob {
    text: String,
    /// `None` for a plain path.
    matcher: Option<GlobMatcher>,
}

impl PathGlob {
    /// Compiles `text`.
    pub fn new(text: &str) -> Result<PathGlob, String> {
        let text = text.strip_prefix("./").unwrap_or(text);
        let matcher = if Self::is_plain(text) {
            None
        } else {
            let glob = GlobBuilder::new(text)
                .literal_separator(true)
                .build()
                .map_err(|e| format!("`{text}` is not a valid glob: {}", e.kind()))?;
            Some(glob.compile_matcher())
        };
        Ok(PathGlob {
            text: text.to_string(),
            matcher,
        })
    }

    /// Whether `text` has none of the characters that make a glob more than a path.
    fn is_plain(text: &str) -> bool {
        !text.contains(['*', '?', '[', ']', '{', '}', '\\'])
    }

    /// The path a plain glob names, `None` for a pattern.
    pub fn plain(&self) -> Option<&str> {
        self.matcher.is_none().then_some(self.text.as_str())
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether `path` (`/`-separated) matches.
    pub fn is_match(&self, path: &str) -> bool {
        let path = path.strip_prefix("./").unwrap_or(path);
        match &self.matcher {
            Some(m) => m.is_match(path),
            None => path == self.text,
        }
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

/// The extensions looked for, as a message lists them: `.txt, .md, …`.
fn extensions_listed() -> String {
    DOCUMENT_EXTENSIONS
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a folder or pattern never yields, as a message says it.
const SKIPPED: &str = "README, CHANGELOG and the configuration's own files are skipped";

/// The hint under a folder or pattern that yielded no draft.
const NO_DRAFT_HINT: &str = "hidden files and files ignored by .gitignore or .ignore are \
     skipped too; a file named as an argument is always read, whatever its name";

/// A problem with one argument; the other arguments are still expanded.
#[derive(Debug)]
pub enum InputError {
    /// A pattern that matched no file.
    NoMatch(String),
    /// A pattern that does not compile.
    BadPattern(String),
    /// A folder in which no draft was found.
    NoDrafts(PathBuf),
    /// A pattern whose files are none of them drafts.
    NoDraftsMatching(String),
    /// Standard input named twice.
    StdinTwice,
    /// A folder or entry that could not be read, a broken link, a link loop: in plain words,
    /// naming it.
    Walk(String),
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
            InputError::BadPattern(m) | InputError::Walk(m) => f.write_str(m),
            InputError::NoDrafts(dir) => write!(
                f,
                "no drafts found in {} (looked for {}; {SKIPPED})\n  hint: {NO_DRAFT_HINT}",
                crate::error::shown(dir),
                extensions_listed()
            ),
            InputError::NoDraftsMatching(p) => write!(
                f,
                "no drafts found matching {p} ({SKIPPED})\n  hint: {NO_DRAFT_HINT}"
            ),
            InputError::StdinTwice => f.write_str(
                "standard input (`-`) is named more than once: it can be read only once",
            ),
            InputError::Io { path, source } => write!(
                f,
                "cannot read folder {}: {}",
                crate::error::shown(path),
                crate::error::io_reason(source)
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// The documents named by `args`, and the problems met.
#[derive(Debug, Default)]
pub struct Expansion {
    /// The documents, in a stable order, each once. A file that does not exist is kept: reading
    /// it fails later, and it is reported as a broken document. Standard input is `-`.
    pub documents: Vec<PathBuf>,
    /// The arguments that yielded nothing, and the entries that could not be searched.
    pub problems: Vec<InputError>,
    /// Entries of a folder or pattern with a draft's name that are not files — a FIFO, a
    /// socket, a device, or a link to one — in plain words: skipped without being opened,
    /// which the user is told.
    pub skipped: Vec<String>,
}

/// Expands `args` into documents with the default [`Discovery`]: see the module's
/// documentation.
pub fn expand_inputs(args: &[PathBuf]) -> Expansion {
    expand_inputs_with(args, &Discovery::default(), &|p: &Path| {
        p.to_string_lossy().replace('\\', "/")
    })
}

/// Expands `args` into documents as `discovery` says; `key` gives a file's path relative to
/// the configuration's folder, `/`-separated, which `include` and `exclude` match.
pub fn expand_inputs_with(
    args: &[PathBuf],
    discovery: &Discovery,
    key: &dyn Fn(&Path) -> String,
) -> Expansion {
    let mut out = Expansion::default();
    let search = Search::new(discovery, key);
    // A set beside the list: a folder of 90,000 drafts must not cost 90,000² comparisons.
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut stdin = false;
    for arg in args {
        let text = arg.to_string_lossy();
        let found = if is_stdin(arg) {
            if std::mem::replace(&mut stdin, true) {
                Err(InputError::StdinTwice)
            } else {
                out.documents.push(arg.clone());
                continue;
            }
        } else if arg.is_dir() {
            let found = search.walk(arg, &|p| has_document_extension(p), &mut out);
            if found.kept.is_empty() && found.trouble == 0 {
                Err(InputError::NoDrafts(arg.clone()))
            } else {
                Ok(found.kept)
            }
        } else if is_glob(&text) && !arg.exists() {
            search.glob(&text, &mut out)
        } else {
            Ok(vec![arg.clone()])
        };
        match found {
            Ok(files) => {
                for f in files {
                    if seen.insert(real_path(&f)) {
                        out.documents.push(f);
                    }
                }
            }
            Err(e) => out.problems.push(e),
        }
    }
    out
}

/// The path a file is known by for "each once": its real path, or the path itself when it
/// has none (a file that does not exist).
fn real_path(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

fn has_document_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// What one walk found.
struct Found {
    /// The drafts, sorted by path.
    kept: Vec<PathBuf>,
    /// Files the walk's test accepted, before the configuration's own files and the
    /// `include`/`exclude` filters left some out.
    matched: usize,
    /// Entries that could not be searched (each already a problem).
    trouble: usize,
}

/// A discovery ready to walk: the reserved files resolved once.
struct Search<'a> {
    discovery: &'a Discovery,
    key: &'a dyn Fn(&Path) -> String,
    reserved: Vec<PathBuf>,
}

impl<'a> Search<'a> {
    fn new(discovery: &'a Discovery, key: &'a dyn Fn(&Path) -> String) -> Self {
        Search {
            discovery,
            key,
            reserved: discovery
                .reserved
                .iter()
                .filter_map(|p| p.canonicalize().ok())
                .collect(),
        }
    }

    /// Whether a file found in a folder or pattern may be taken for a draft.
    fn admits(&self, path: &Path) -> bool {
        if is_project_file(path) {
            return false;
        }
        if !self.reserved.is_empty() {
            let real = real_path(path);
            if self.reserved.iter().any(|r| real.starts_with(r)) {
                return false;
            }
        }
        let d = self.discovery;
        if d.include.is_empty() && d.exclude.is_empty() {
            return true;
        }
        let key = (self.key)(path);
        if !d.include.is_empty() && !d.include.iter().any(|g| g.is_match(&key)) {
            return false;
        }
        // A pattern excludes a file when it matches the file or one of its folders.
        let mut prefix = key.as_str();
        loop {
            if d.exclude.iter().any(|g| g.is_match(prefix)) {
                return false;
            }
            match prefix.rfind('/') {
                Some(i) if i > 0 => prefix = &prefix[..i],
                _ => return true,
            }
        }
    }

    /// The files under `pattern`'s literal leading folders that match it, sorted.
    fn glob(&self, pattern: &str, out: &mut Expansion) -> Result<Vec<PathBuf>, InputError> {
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
        let found = self.walk(
            Path::new(&base),
            &|p| glob.is_match(&p.to_string_lossy().replace('\\', "/")),
            out,
        );
        if !found.kept.is_empty() || found.trouble > 0 {
            Ok(found.kept)
        } else if found.matched > 0 {
            Err(InputError::NoDraftsMatching(pattern.to_string()))
        } else {
            Err(InputError::NoMatch(pattern.to_string()))
        }
    }

    /// Every regular file under `dir` that `test` accepts and the discovery admits, sorted by
    /// path. Paths start with `dir` as given, except that `.` is left off. Entries that cannot
    /// be searched are added to `out`'s problems, special files `test` accepts to its skipped
    /// ones; the walk goes on.
    fn walk(&self, dir: &Path, test: &dyn Fn(&Path) -> bool, out: &mut Expansion) -> Found {
        let first_skipped = out.skipped.len();
        // The folder's real path, which a link to a file must stay inside.
        let root = dir.canonicalize().ok();
        let problems = &mut out.problems;
        let mut found = Found {
            kept: Vec::new(),
            matched: 0,
            trouble: 0,
        };
        let walker = ignore::WalkBuilder::new(dir)
            .standard_filters(true)
            .follow_links(self.discovery.follow_symlinks)
            .filter_entry(|e| {
                !(e.depth() > 0
                    && e.file_name() == "target"
                    && e.file_type().is_some_and(|t| t.is_dir()))
            })
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    found.trouble += 1;
                    problems.push(InputError::Walk(describe(&e)));
                    continue;
                }
            };
            if entry.depth() == 0 {
                continue;
            }
            let path = match entry.path().strip_prefix(".") {
                Ok(rel) if dir == Path::new(".") => rel.to_path_buf(),
                _ => entry.path().to_path_buf(),
            };
            let Some(kind) = entry.file_type() else {
                continue;
            };
            let special = |kind: std::fs::FileType, link: bool| {
                let what = special_kind(kind);
                format!(
                    "{} is {}{what}, not a file: skipped without opening it",
                    crate::error::shown(&path),
                    if link { "a symbolic link to " } else { "" },
                )
            };
            let is_file = if kind.is_symlink() {
                // Not following links: a link to a file is the file; to a folder, skipped.
                match std::fs::metadata(&path) {
                    Ok(meta) => {
                        if !meta.is_file() && !meta.is_dir() && test(&path) {
                            out.skipped.push(special(meta.file_type(), true));
                        }
                        // A link to a file outside the folder searched is not read unless
                        // links are followed: a draft folder must not quote a file from
                        // elsewhere on the machine.
                        if meta.is_file() && !self.discovery.follow_symlinks && test(&path) {
                            let inside = match (&root, path.canonicalize()) {
                                (Some(root), Ok(real)) => real.starts_with(root),
                                _ => false,
                            };
                            if !inside {
                                out.skipped.push(format!(
                                    "{} is a symbolic link to a file outside {}: skipped (name \
                                     the file itself, or give --follow-symlinks, to check it)",
                                    crate::error::shown(&path),
                                    crate::error::shown(dir),
                                ));
                                continue;
                            }
                        }
                        meta.is_file()
                    }
                    Err(e) => {
                        if test(&path) {
                            found.trouble += 1;
                            problems.push(InputError::Walk(format!(
                                "cannot read {}: it is a symbolic link to {}, which cannot be read: {}",
                                crate::error::shown(&path),
                                std::fs::read_link(&path)
                                    .map_or_else(|_| "?".into(), |t| crate::error::shown(&t)),
                                crate::error::io_reason(&e)
                            )));
                        }
                        continue;
                    }
                }
            } else {
                // Folders are walked into; FIFOs, sockets and devices are never opened.
                if !kind.is_file() && !kind.is_dir() && test(&path) {
                    out.skipped.push(special(kind, false));
                }
                kind.is_file()
            };
            if !is_file || !test(&path) {
                continue;
            }
            found.matched += 1;
            if self.admits(&path) {
                found.kept.push(path);
            }
        }
        found.kept.sort();
        out.skipped[first_skipped..].sort();
        found
    }
}

/// What a special file is, with its article: `a FIFO (named pipe)`, `a socket`, `a device`.
fn special_kind(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    let _ = kind;
    "a special file"
}

/// A walk's error in plain words, naming the entry.
fn describe(e: &ignore::Error) -> String {
    match e {
        ignore::Error::Loop { child, .. } => format!(
            "{}: a symbolic link loop ({} leads back to a folder it is in); not followed",
            crate::error::shown(child),
            std::fs::read_link(child).map_or_else(
                |_| "it".to_string(),
                |target| format!("`{}`", crate::error::shown(&target))
            ),
        ),
        ignore::Error::WithPath { path, err } => match err.as_ref() {
            ignore::Error::Io(io) => {
                format!(
                    "cannot read {}: {}",
                    crate::error::shown(path),
                    crate::error::io_reason(io)
                )
            }
            ignore::Error::WithDepth { err, .. } => describe(&ignore::Error::WithPath {
                path: path.clone(),
                err: err.clone(),
            }),
            other => format!("{}: {}", crate::error::shown(path), describe(other)),
        },
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            describe(err)
        }
        ignore::Error::Partial(errs) => errs.iter().map(describe).collect::<Vec<_>>().join("; "),
        ignore::Error::Io(io) => format!("cannot search a folder: {}", crate::error::io_reason(io)),
        other => other.to_string(),
    }
}

/// Reads a draft from `input` (standard input) as [`crate::mandate::read_mandate_bytes`]
/// reads a file's bytes: `label` names it in messages and reports (`-` or the name given with
/// `--stdin-name`), and the extension of `name` chooses the reader (none: plain text). Never
/// more than `options.max_bytes + 1` bytes are taken into memory, so an endless or huge input
/// is refused, not hoarded. Read standard input once: a second read finds it empty.
pub fn read_stdin_mandate(
    label: &str,
    name: &Path,
    input: impl Read,
    options: &crate::mandate::ReadOptions,
) -> Result<crate::mandate::Mandate, crate::Error> {
    let mut bytes = Vec::new();
    input
        .take(options.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| crate::Error::Io {
            action: "read",
            path: PathBuf::from("standard input"),
            source,
        })?;
    if bytes.len() as u64 > options.max_bytes {
        return Err(crate::Error::Mandate(
            crate::Diagnostic::new(
                label,
                format!(
                    "standard input holds more than the limit of {} for one draft",
                    size_in_words(options.max_bytes)
                ),
            )
            .hint(
                "if this really is one draft, raise the limit with --max-document-size or \
                 with `max_document_size:` in policycheck.yaml",
            ),
        ));
    }
    crate::mandate::read_mandate_bytes(label, name, &bytes, options)
}

/// "16 MB", "2.5 kB", "310 bytes".
fn size_in_words(bytes: u64) -> String {
    const K: f64 = 1024.0;
    let b = bytes as f64;
    let trim = |s: String| s.trim_end_matches(".0").to_string();
    if b >= K * K {
        trim(format!("{:.1}", b / K / K)) + " MB"
    } else if b >= K {
        trim(format!("{:.1}", b / K)) + " kB"
    } else {
        format!("{bytes} bytes")
    }
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
            [
                "drafts/a.txt",
                "drafts/b.md",
                "drafts/notes.docx",
                "drafts/old/c.yaml"
            ]
        );
    }

    #[test]
    fn project_files_and_the_configurations_own_are_not_drafts_of_a_folder() {
        for name in [
            "README.md",
            "readme.txt",
            "CHANGELOG.md",
            "LICENSE-MIT",
            "LICENSE.txt",
            "CONTRIBUTING.md",
            "CODE_OF_CONDUCT.md",
            "policycheck.yaml",
        ] {
            assert!(is_project_file(Path::new(name)), "{name}");
        }
        for name in [
            "readme-draft.md",
            "draft.md",
            "licensed-trade.txt",
            "news-2015.md",
        ] {
            assert!(!is_project_file(Path::new(name)), "{name}");
        }
        let dir = tree();
        let drafts = dir.path().join("drafts");
        std::fs::write(drafts.join("README.md"), "x").unwrap();
        std::fs::write(drafts.join("rules.yaml"), "x").unwrap();
        let discovery = Discovery {
            reserved: vec![drafts.join("rules.yaml"), drafts.join("old")],
            ..Discovery::default()
        };
        let e = expand_inputs_with(std::slice::from_ref(&drafts), &discovery, &|p| {
            p.to_string_lossy().into_owned()
        });
        assert_eq!(
            rel(dir.path(), &e),
            ["drafts/a.txt", "drafts/b.md", "drafts/notes.docx"]
        );
        // Named as a file, it is read.
        let e = expand_inputs_with(&[drafts.join("README.md")], &discovery, &|p| {
            p.to_string_lossy().into_owned()
        });
        assert_eq!(rel(dir.path(), &e), ["drafts/README.md"]);
    }

    #[test]
    fn include_and_exclude_match_files_and_their_folders() {
        let dir = tree();
        let base = dir.path().to_path_buf();
        let key = move |p: &Path| {
            p.strip_prefix(&base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        };
        let glob = |g: &str| PathGlob::new(g).unwrap();
        let only = |include: &[&str], exclude: &[&str]| {
            let d = Discovery {
                include: include.iter().map(|g| glob(g)).collect(),
                exclude: exclude.iter().map(|g| glob(g)).collect(),
                ..Discovery::default()
            };
            rel(
                dir.path(),
                &expand_inputs_with(&[dir.path().join("drafts")], &d, &key),
            )
        };
        assert_eq!(
            only(&["**/*.md", "**/*.yaml"], &[]),
            ["drafts/b.md", "drafts/old/c.yaml"]
        );
        assert_eq!(
            only(&[], &["drafts/old", "*/*.docx"]),
            ["drafts/a.txt", "drafts/b.md"]
        );
        assert_eq!(only(&["**/*.md"], &["drafts/b.md"]), Vec::<String>::new());
    }

    #[test]
    fn an_empty_folder_is_a_problem_and_stdin_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let e = expand_inputs(&[dir.path().to_path_buf()]);
        assert!(e.documents.is_empty());
        let message = e.problems[0].to_string();
        assert!(
            message.starts_with(&format!(
                "no drafts found in {} (looked for .txt, .md, .markdown, .docx, .pdf, .yaml, .yml; \
                 README, CHANGELOG and the configuration's own files are skipped)",
                dir.path().display()
            )),
            "{message}"
        );
        let e = expand_inputs(&[PathBuf::from("-"), PathBuf::from("-")]);
        assert_eq!(e.documents, [PathBuf::from("-")]);
        assert!(matches!(e.problems[..], [InputError::StdinTwice]));
    }

    #[test]
    fn stdin_is_read_up_to_the_limit_and_no_further() {
        let options = crate::mandate::ReadOptions {
            max_bytes: 64,
            ..crate::mandate::ReadOptions::default()
        };
        let text = "Decides that the mission shall support the authorities.\n";
        let m = read_stdin_mandate("-", Path::new("-"), text.as_bytes(), &options).unwrap();
        assert_eq!(m.path, "-");
        // An endless input is refused after the limit, not read to its end.
        let e = read_stdin_mandate("-", Path::new("-"), std::io::repeat(b'a'), &options)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("-: standard input holds more than the limit of 64 bytes"),
            "{e}"
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
        for pattern in ["drafts/*.rtf", "nothing/*.md"] {
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

    #[test]
    fn a_plain_path_is_compared_as_text_and_matches_only_itself() {
        let g = PathGlob::new("./drafts/a.md").unwrap();
        assert_eq!(g.plain(), Some("drafts/a.md"));
        assert!(g.is_match("drafts/a.md"));
        assert!(g.is_match("./drafts/a.md"));
        assert!(!g.is_match("drafts/a.mdx"));
        assert!(!g.is_match("other/drafts/a.md"));
        assert_eq!(PathGlob::new("drafts/*.md").unwrap().plain(), None);
        assert_eq!(PathGlob::new(r"drafts/\*.md").unwrap().plain(), None);
    }
}

//! The configuration file, `policycheck.yaml`: finding it (from the working directory
//! upward, the first one wins, or named with `--config`), its format (the serde structs
//! below, with `deny_unknown_fields`), and turning it into the [`Config`] the rest of the
//! crate uses. Paths in it are relative to its folder, and so are the document patterns of
//! `overrides` and `waivers`; they are joined here. Unknown keys and bad values are errors
//! located by file, line and column, with a hint for likely misspellings, worded by
//! [`crate::yaml`].

use super::{Config, ConfigError, OutputSpec, Override, RulebookRef};
use crate::bars::{Bars, FailOn};
use crate::inputs::PathGlob;
use crate::mandate::{parse_size, ReadChoices, TrackedChanges};
use crate::report::Format;
use crate::waiver::{load_waivers, Waiver};
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// The file name looked for.
pub const CONFIG_FILE_NAME: &str = "policycheck.yaml";

/// Finds `policycheck.yaml` in `cwd` or the nearest folder above it, and returns its path
/// relative to `cwd` (`policycheck.yaml`, `../../policycheck.yaml`), so that messages stay short.
/// The search stops at the root of the repository (the first folder holding `.git`) and at
/// the home folder, as tools with per-project settings do: a `policycheck.yaml` in a parent
/// folder outside the project (a shared `/tmp`, a home folder) never steers a run inside it.
pub fn discover(cwd: &Path) -> Option<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    discover_within(cwd, home.as_deref())
}

fn discover_within(cwd: &Path, home: Option<&Path>) -> Option<PathBuf> {
    let mut rel = PathBuf::new();
    for dir in cwd.ancestors() {
        if dir.join(CONFIG_FILE_NAME).is_file() {
            return Some(rel.join(CONFIG_FILE_NAME));
        }
        // The repository's root, or the home folder, is the last folder searched.
        if dir.join(".git").exists() || home.is_some_and(|h| h == dir) {
            return None;
        }
        rel.push("..");
    }
    None
}

/// Reads, parses and resolves the configuration file at `path`.
pub fn load_config(path: &Path) -> Result<Config, ConfigError> {
    let text = crate::limits::read_text_bounded(
        path,
        crate::limits::MAX_CONFIG_BYTES,
        "a configuration file",
    )
    .map_err(|e| ConfigError::Io {
        path: path.to_path_buf(),
        source: e.into_io(),
    })?;
    parse_config(path, &text)
}

/// Parses and resolves a configuration's text; `path` names it and anchors its relative paths.
pub fn parse_config(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let origin = path.display().to_string();
    let file: ConfigFile = crate::yaml::parse(&origin, text).map_err(ConfigError::Invalid)?;
    let base = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let rulebooks = |list: &[String]| -> Vec<RulebookRef> {
        list.iter().map(|r| rulebook_ref(r, &base)).collect()
    };
    let (waivers, waiver_file) = match file.waivers {
        WaiversFile::List(list) => (list, None),
        WaiversFile::File(f) => {
            let path = join_path(&base, &f);
            (load_waivers(&path)?, Some(path))
        }
    };
    Ok(Config {
        path: Some(path.to_path_buf()),
        rulebooks: rulebooks(&file.rulebooks),
        templates: file.templates.map(|t| join_path(&base, &t)),
        bars: Bars {
            fail_under: file.bars.fail_under.map(|s| s.0),
            fail_on: file.bars.fail_on,
            required: file.bars.required_rules.into_iter().collect(),
        },
        overrides: file
            .overrides
            .into_iter()
            .map(|o| Override {
                paths: o.paths,
                skip: o.skip,
                rulebooks: o.rulebooks.as_deref().map(rulebooks),
                fail_under: o.fail_under.map(|s| s.0),
                fail_on: o.fail_on,
                required_rules: o.required_rules,
            })
            .collect(),
        outputs: file
            .outputs
            .into_iter()
            .map(|o| OutputSpec {
                format: o.format.0,
                path: o.path.map(|p| join_path(&base, &p.0)),
            })
            .collect(),
        waivers,
        read: ReadChoices {
            max_bytes: file.max_document_size.map(|s| s.0),
            tracked_changes: file.tracked_changes.map(|t| t.0),
        },
        waiver_file,
        include: file.include,
        exclude: file.exclude,
        follow_symlinks: file.follow_symlinks,
        memo: file.memo,
        base,
    })
}

/// The rulebook a configuration names with `text`: `default`, or a file relative to `base`.
fn rulebook_ref(text: &str, base: &Path) -> RulebookRef {
    if text == "default" {
        RulebookRef::Default
    } else {
        RulebookRef::File(join_path(base, text))
    }
}

/// `base/rel`, or `rel` alone when `base` is `.` or `rel` is absolute.
fn join_path(base: &Path, rel: &str) -> PathBuf {
    if base == Path::new(".") {
        PathBuf::from(rel)
    } else {
        base.join(rel)
    }
}

// ---- the file's shape -------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    rulebooks: Vec<String>,
    templates: Option<String>,
    #[serde(default)]
    bars: BarsFile,
    #[serde(default)]
    overrides: Vec<OverrideFile>,
    #[serde(default)]
    outputs: Vec<OutputFile>,
    #[serde(default)]
    waivers: WaiversFile,
    max_document_size: Option<Size>,
    tracked_changes: Option<TrackedChangesName>,
    #[serde(default)]
    include: Vec<PathGlob>,
    #[serde(default)]
    exclude: Vec<PathGlob>,
    #[serde(default)]
    follow_symlinks: bool,
    #[serde(default)]
    memo: crate::report::MemoMeta,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct BarsFile {
    fail_under: Option<Score>,
    fail_on: Option<FailOn>,
    #[serde(default)]
    required_rules: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideFile {
    paths: Vec<PathGlob>,
    #[serde(default)]
    skip: bool,
    rulebooks: Option<Vec<String>>,
    fail_under: Option<Score>,
    fail_on: Option<FailOn>,
    required_rules: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutputFile {
    format: FormatName,
    path: Option<OutputPath>,
}

/// Where a configuration's output goes: a path inside the configuration's folder. An absolute
/// path, or one whose `..` climbs out of the folder, is refused — a `policycheck.yaml` found
/// by discovery must not write anywhere else; a path outside is given on the command line
/// (`--output`), where the user sees it.
#[derive(Debug)]
struct OutputPath(String);

impl<'de> Deserialize<'de> for OutputPath {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let path = Path::new(&text);
        let outside = |why: &str| {
            de::Error::custom(format!(
                "`{}` {why}: a configuration writes its outputs only inside its own folder \
                 (give `--output {}` on the command line to write there)",
                crate::vocab::inert(&text),
                crate::vocab::inert(&text)
            ))
        };
        if text.is_empty() {
            return Err(de::Error::custom(
                "an empty `path`: name a file, or leave `path` out to write to standard output",
            ));
        }
        if path.has_root() || path.is_absolute() {
            return Err(outside("is an absolute path"));
        }
        let mut depth: usize = 0;
        for part in path.components() {
            match part {
                std::path::Component::ParentDir => {
                    depth = depth
                        .checked_sub(1)
                        .ok_or_else(|| outside("climbs out of the configuration's folder"))?;
                }
                std::path::Component::Normal(_) => depth += 1,
                std::path::Component::CurDir => {}
                std::path::Component::RootDir | std::path::Component::Prefix(_) => {
                    return Err(outside("is an absolute path"));
                }
            }
        }
        Ok(OutputPath(text))
    }
}

/// A score from 0 to 100.
#[derive(Debug)]
struct Score(f64);

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let x = f64::deserialize(d)?;
        if (0.0..=100.0).contains(&x) {
            Ok(Score(x))
        } else {
            Err(de::Error::custom(format!(
                "{x} is out of range (expected a score from 0 to 100)"
            )))
        }
    }
}

/// A size: a number of bytes, or text such as `32MB` (see [`parse_size`]).
#[derive(Debug)]
struct Size(u64);

impl<'de> Deserialize<'de> for Size {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Only `max_document_size:` is a size, at the top of the file, where serde names no
        // path: the message names the key itself.
        let error = |m: String| de::Error::custom(format!("max_document_size: {m}"));
        match serde_yaml::Value::deserialize(d)? {
            serde_yaml::Value::Number(n) => {
                n.as_u64().filter(|n| *n > 0).map(Size).ok_or_else(|| {
                    error(format!(
                        "{n} is not a size (write e.g. 32MB, 500kB or 1048576)"
                    ))
                })
            }
            serde_yaml::Value::String(s) => parse_size(&s).map(Size).map_err(error),
            _ => Err(error(
                "expected a size such as 32MB, 500kB or 1048576".into(),
            )),
        }
    }
}

/// `accepted` or `rejected`.
#[derive(Debug)]
struct TrackedChangesName(TrackedChanges);

impl<'de> Deserialize<'de> for TrackedChangesName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        TrackedChanges::parse(&s)
            .map(TrackedChangesName)
            .ok_or_else(|| {
                de::Error::custom(format!(
                    "tracked_changes: unknown value `{s}` (expected `accepted` or `rejected`)"
                ))
            })
    }
}

#[derive(Debug)]
struct FormatName(Format);

impl<'de> Deserialize<'de> for FormatName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map(FormatName).map_err(de::Error::custom)
    }
}

/// `waivers:` is a list of waivers or the path of a waiver file.
#[derive(Debug)]
enum WaiversFile {
    List(Vec<Waiver>),
    File(String),
}

impl Default for WaiversFile {
    fn default() -> Self {
        WaiversFile::List(Vec::new())
    }
}

impl<'de> Deserialize<'de> for WaiversFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = WaiversFile;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of waivers or the path of a waiver file")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<WaiversFile, E> {
                Ok(WaiversFile::File(s.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<WaiversFile, A::Error> {
                Vec::<Waiver>::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(WaiversFile::List)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        parse_config(Path::new("cfg/policycheck.yaml"), text)
    }

    #[test]
    fn reading_choices_are_read_as_sizes_and_names() {
        let c = parse("max_document_size: 32MB\ntracked_changes: rejected\n").unwrap();
        assert_eq!(
            c.read,
            ReadChoices {
                max_bytes: Some(32 * 1024 * 1024),
                tracked_changes: Some(TrackedChanges::Rejected),
            }
        );
        let c = parse("max_document_size: 1048576\n").unwrap();
        assert_eq!(c.read.max_bytes, Some(1_048_576));
        assert_eq!(
            parse("rulebooks: []\n").unwrap().read,
            ReadChoices::default()
        );
        for (text, message) in [
            (
                "max_document_size: 12zz\n",
                "max_document_size: `zz` is not a size unit",
            ),
            (
                "max_document_size: 0\n",
                "max_document_size: 0 is not a size",
            ),
            (
                "max_document_size: [1]\n",
                "max_document_size: expected a size",
            ),
            (
                "tracked_changes: maybe\n",
                "tracked_changes: unknown value `maybe`",
            ),
        ] {
            let e = parse(text).unwrap_err().to_string();
            assert!(e.contains(message), "{text}: {e}");
        }
    }

    const FULL: &str = "\
rulebooks: [rules/a.yaml, default]
templates: templates
bars:
  fail_under: 60
  fail_on: missing
  required_rules: [expert-group]
overrides:
  - paths: [\"drafts/early/**\"]
    skip: true
  - paths: [\"drafts/final/*.md\"]
    fail_under: 80
    rulebooks: [rules/b.yaml]
outputs:
  - format: json
    path: out/report.json
  - format: text
waivers:
  - document: drafts/final/renewal.md
    rule: expert-group
    justification: The sanctions panel covers it.
    owner: desk-officer
    expires: 2030-01-31
";

    #[test]
    fn a_full_configuration_resolves_paths_against_its_folder() {
        let c = parse(FULL).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            c.rulebooks,
            [
                RulebookRef::File("cfg/rules/a.yaml".into()),
                RulebookRef::Default
            ]
        );
        assert_eq!(c.templates, Some("cfg/templates".into()));
        assert_eq!(c.outputs[0].path, Some("cfg/out/report.json".into()));
        assert_eq!(c.outputs[1].path, None);
        assert_eq!(c.bars.fail_under, Some(60.0));
        assert_eq!(c.waivers.len(), 1);
        let early = c.for_document("drafts/early/a.md");
        assert!(early.skip);
        let fin = c.for_document("drafts/final/renewal.md");
        assert_eq!(fin.bars.fail_under, Some(80.0));
        assert_eq!(fin.bars.fail_on, Some(FailOn::Missing));
        assert_eq!(
            fin.rulebooks,
            [RulebookRef::File("cfg/rules/b.yaml".into())]
        );
    }

    #[test]
    fn an_unknown_key_is_located_with_a_hint() {
        let e = parse("bars:\n  fail_under: 60\n  fail_undr: 70\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "cfg/policycheck.yaml:3:3: unknown key `fail_undr`\n  hint: did you mean `fail_under`?"
        );
        let e = parse("outputs:\n  - format: pdf\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("cfg/policycheck.yaml:2:"), "{e}");
        assert!(e.contains("unknown format `pdf`"), "{e}");
        let e = parse("bars:\n  fail_under: 160\n").unwrap_err().to_string();
        assert!(e.contains("out of range"), "{e}");
    }

    #[test]
    fn outputs_stay_inside_the_configurations_folder() {
        let c = parse("outputs:\n  - format: json\n    path: out/../reports/./r.json\n").unwrap();
        assert_eq!(
            c.outputs[0].path,
            Some("cfg/out/../reports/./r.json".into())
        );
        for (path, why) in [
            (
                "../elsewhere/r.json",
                "climbs out of the configuration's folder",
            ),
            (
                "out/../../r.json",
                "climbs out of the configuration's folder",
            ),
            ("/etc/r.json", "is an absolute path"),
        ] {
            let e = parse(&format!("outputs:\n  - format: json\n    path: {path}\n"))
                .unwrap_err()
                .to_string();
            assert!(
                e.starts_with("cfg/policycheck.yaml:2:5: outputs[0]: "),
                "{e}"
            );
            assert!(e.contains(&format!("`{path}` {why}")), "{e}");
            assert!(e.contains(&format!("--output {path}")), "{e}");
        }
    }

    #[test]
    fn an_empty_file_is_an_empty_configuration() {
        let c = parse("# nothing yet\n").unwrap();
        assert!(c.rulebooks.is_empty());
        assert_eq!(c.for_document("a.md").rulebooks, [RulebookRef::Default]);
    }

    #[test]
    fn discovery_walks_up() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        assert_eq!(discover(&nested), None);
        std::fs::write(dir.path().join(CONFIG_FILE_NAME), "").unwrap();
        assert_eq!(
            discover(&nested),
            Some(PathBuf::from("../../policycheck.yaml"))
        );
    }

    #[test]
    fn discovery_stops_at_the_repository_and_at_home() {
        let dir = tempfile::tempdir().unwrap();
        // A configuration above a repository does not steer it.
        std::fs::write(dir.path().join(CONFIG_FILE_NAME), "").unwrap();
        let repo = dir.path().join("repo");
        let nested = repo.join("drafts/2026");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::create_dir(repo.join(".git")).unwrap();
        assert_eq!(discover_within(&nested, None), None);
        // One at the repository's root is found.
        std::fs::write(repo.join(CONFIG_FILE_NAME), "").unwrap();
        assert_eq!(
            discover_within(&nested, None),
            Some(PathBuf::from("../../policycheck.yaml"))
        );
        // Outside any repository, the search stops at the home folder.
        let home = dir.path().join("home");
        let work = home.join("work");
        std::fs::create_dir_all(&work).unwrap();
        assert_eq!(discover_within(&work, Some(&home)), None);
        std::fs::write(home.join(CONFIG_FILE_NAME), "").unwrap();
        assert_eq!(
            discover_within(&work, Some(&home)),
            Some(PathBuf::from("../policycheck.yaml"))
        );
    }
}

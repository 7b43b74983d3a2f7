//! The Handlebars renderer for the human formats: the terminal summary and the briefing memo.
//! Templates are embedded from `templates/` and a user's folder or file replaces any of them by
//! name, as mdBook does. Strict mode is on, so a misspelt field is an error, not a blank; output
//! is Markdown or plain text, so nothing is HTML-escaped. Templates only lay out the view model.

use crate::error::Error;
use crate::report::view::ReportView;
use handlebars::{handlebars_helper, Handlebars};
use std::path::Path;

/// The embedded templates: (name, file, text). The name is the file name without
/// `.<format>.hbs`, and is how users refer to a template.
pub const EMBEDDED: &[(&str, &str, &str)] = &[
    (
        "summary",
        "summary.txt.hbs",
        include_str!("../../templates/summary.txt.hbs"),
    ),
    (
        "memo",
        "memo.md.hbs",
        include_str!("../../templates/memo.md.hbs"),
    ),
];

/// A set of templates ready to render a [`ReportView`].
pub struct Renderer {
    registry: Handlebars<'static>,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut names: Vec<&String> = self.registry.get_templates().keys().collect();
        names.sort();
        f.debug_struct("Renderer")
            .field("templates", &names)
            .finish()
    }
}

impl Renderer {
    /// The embedded templates alone.
    pub fn embedded() -> Renderer {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(handlebars::no_escape);
        registry.register_helper("cell", Box::new(cell));
        registry.register_helper("blockquote", Box::new(blockquote));
        registry.register_helper("pad", Box::new(pad));
        let mut renderer = Renderer { registry };
        for (name, file, text) in EMBEDDED {
            renderer
                .add(name, text)
                .unwrap_or_else(|e| panic!("embedded template {file} is invalid: {e}"));
        }
        renderer
    }

    /// Replaces or adds templates from every `*.hbs` file in `dir`: `memo.md.hbs` (or
    /// `memo.hbs`) replaces `memo`. Files are read in name order so the result is stable.
    pub fn with_dir(mut self, dir: &Path) -> Result<Renderer, Error> {
        let read_err = |source| Error::Io {
            action: "read",
            path: dir.to_path_buf(),
            source,
        };
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(read_err)?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "hbs"))
            .collect();
        paths.sort();
        for path in paths {
            self.add_file(&path)?;
        }
        Ok(self)
    }

    /// Adds the template in `path` under its name (see [`template_name`]) and returns that
    /// name; a file named like an embedded template replaces it.
    pub fn add_file(&mut self, path: &Path) -> Result<String, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            action: "read",
            path: path.to_path_buf(),
            source,
        })?;
        let name = template_name(path);
        self.add(&name, &text).map_err(|message| Error::Template {
            name: path.display().to_string(),
            message,
        })?;
        Ok(name)
    }

    /// Whether a template of that name is known.
    pub fn has(&self, name: &str) -> bool {
        self.registry.has_template(name)
    }

    /// Renders the template `name` with `view`.
    pub fn render(&self, name: &str, view: &ReportView) -> Result<String, Error> {
        if !self.has(name) {
            let mut known: Vec<&str> = self
                .registry
                .get_templates()
                .keys()
                .map(String::as_str)
                .collect();
            known.sort();
            return Err(Error::Template {
                name: name.to_string(),
                message: format!("no such template (known: {})", known.join(", ")),
            });
        }
        self.registry
            .render(name, view)
            .map_err(|e| Error::Template {
                name: name.to_string(),
                message: e.to_string(),
            })
    }

    fn add(&mut self, name: &str, text: &str) -> Result<(), String> {
        self.registry
            .register_template_string(name, text)
            .map_err(|e| e.to_string())
    }
}

/// A template's name from its file: `memo.md.hbs` → `memo`, `brief.hbs` → `brief`.
pub fn template_name(path: &Path) -> String {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = file.strip_suffix(".hbs").unwrap_or(&file);
    match stem.split_once('.') {
        Some((name, _format)) if !name.is_empty() => name.to_string(),
        _ => stem.to_string(),
    }
}

// Text fitted into a Markdown table cell: pipes escaped, line breaks folded into spaces.
handlebars_helper!(cell: |s: str| escape_cell(s));

// Text as a Markdown blockquote: every line prefixed with `> ` (empty lines with `>`).
handlebars_helper!(blockquote: |s: str| quote_lines(s));

// Text padded with spaces to at least `width` characters, for aligned terminal columns.
handlebars_helper!(pad: |s: str, width: u64| {
    let len = s.chars().count();
    let width = usize::try_from(width).unwrap_or(usize::MAX);
    format!("{s}{}", " ".repeat(width.saturating_sub(len)))
});

fn escape_cell(s: &str) -> String {
    let folded = s.split_whitespace().collect::<Vec<_>>().join(" ");
    folded.replace('|', "\\|")
}

fn quote_lines(s: &str) -> String {
    s.trim_end()
        .lines()
        .map(|l| {
            if l.trim().is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::view::tests::sample;
    use crate::report::view::ViewOptions;

    fn view() -> ReportView {
        let (rulebook, assessment) = sample();
        ReportView::build(&rulebook, &[assessment], &ViewOptions { bar: Some(50.0) })
    }

    #[test]
    fn embedded_templates_render() {
        let r = Renderer::embedded();
        let memo = r.render("memo", &view()).unwrap();
        assert!(memo.contains("Draft one"), "{memo}");
        assert!(
            memo.contains("| Crime task (`crime-task`) | 3 | Met | OP5(a) |"),
            "{memo}"
        );
        assert!(memo.contains("| **Missing** | OP7 (against) |"), "{memo}");
        let summary = r.render("summary", &view()).unwrap();
        assert!(summary.contains("drafts/one.md"), "{summary}");
    }

    #[test]
    fn table_cells_escape_pipes() {
        let mut r = Renderer::embedded();
        r.add("t", "{{cell documents.0.rules.1.rationale}}")
            .unwrap();
        assert_eq!(r.render("t", &view()).unwrap(), "Because \\| it matters.");
    }

    #[test]
    fn strict_mode_rejects_unknown_fields() {
        let mut r = Renderer::embedded();
        r.add("bad", "{{documents.0.nosuchfield}}").unwrap();
        let err = r.render("bad", &view()).unwrap_err().to_string();
        assert!(err.starts_with("template bad:"), "{err}");
    }

    #[test]
    fn a_users_folder_replaces_templates_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("memo.md.hbs"), "Memo for {{rulebook.id}}\n").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a template").unwrap();
        let r = Renderer::embedded().with_dir(dir.path()).unwrap();
        assert_eq!(r.render("memo", &view()).unwrap(), "Memo for test-book\n");
        assert!(r.has("summary"));
        assert!(!r.has("notes"));
    }

    #[test]
    fn unknown_template_names_the_known_ones() {
        let err = Renderer::embedded().render("brief", &view()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "template brief: no such template (known: memo, summary)"
        );
    }

    #[test]
    fn names_and_helpers() {
        assert_eq!(template_name(Path::new("t/memo.md.hbs")), "memo");
        assert_eq!(template_name(Path::new("brief.hbs")), "brief");
        assert_eq!(escape_cell("a | b\n c"), "a \\| b c");
        assert_eq!(quote_lines("one\n\ntwo\n"), "> one\n>\n> two");
    }
}

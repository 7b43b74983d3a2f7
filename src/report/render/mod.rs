//! The Handlebars renderer for the human formats: the terminal summary, the briefing memo in
//! Markdown and HTML, and the trend. Templates are embedded from `templates/` and a user's
//! folder or file replaces any of them by name, as mdBook does. Strict mode is on, so a
//! misspelt field is an error, not a blank. Markdown and text templates are not HTML-escaped;
//! HTML templates (named `NAME.html`, from `NAME.html.hbs`) live in a registry of their own
//! that keeps Handlebars' HTML escaping, so a draft's words can never become markup there.
//! Templates only lay out the view model.
//!
//! Colour is decided here too: the `paint` block helper of the text and Markdown templates
//! (`{{#paint verdict}}{{symbol}} {{verdict}}{{/paint}}`) wraps its text in a terminal style
//! when the renderer's styles are on ([`Renderer::set_styles`]: the front end turns them on
//! for the text it prints on standard output, never for a file) and writes the text alone when
//! they are off, the default. The library never prints; the front end's terminal stream
//! strips the styles again when colour is off (`--color never`, `NO_COLOR`, not a terminal).
//!
//! No template can take the process down. Before a user's template is compiled its nesting is
//! measured (`nesting.rs`); before any is rendered the partials of the set are checked
//! (`partials.rs`: none includes itself, none is computed); and every render is bounded in
//! the bytes it writes and the steps it takes (`budget.rs`, with `each.rs`, and `charged.rs`
//! for helpers that work through long texts). `pad` pads to at most [`MAX_PAD`] characters.
//! Each refusal names the template's file and line.

mod budget;
mod charged;
mod each;
mod nesting;
mod partials;
mod price;

use crate::error::Error;
use crate::report::view::ReportView;
use budget::{Collected, Limits};
use charged::Charged;
use handlebars::{handlebars_helper, Handlebars};
use price::Costs;
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;

pub use nesting::MAX_DEPTH;

/// The widest `{{pad text width}}` pads to, in characters.
pub const MAX_PAD: u64 = 1000;

/// The embedded templates: (name, file, text). The name is the file name without
/// `.<format>.hbs`, and is how users refer to a template.
pub const EMBEDDED: &[(&str, &str, &str)] = &[
    (
        "summary",
        "summary.txt.hbs",
        include_str!("../../../templates/summary.txt.hbs"),
    ),
    (
        "memo",
        "memo.md.hbs",
        include_str!("../../../templates/memo.md.hbs"),
    ),
    (
        "memo.html",
        "memo.html.hbs",
        include_str!("../../../templates/memo.html.hbs"),
    ),
    (
        "baseline",
        "baseline.txt.hbs",
        include_str!("../../../templates/baseline.txt.hbs"),
    ),
    (
        "baseline-memo",
        "baseline-memo.md.hbs",
        include_str!("../../../templates/baseline-memo.md.hbs"),
    ),
    (
        "diff",
        "diff.md.hbs",
        include_str!("../../../templates/diff.md.hbs"),
    ),
    (
        "trend",
        "trend.md.hbs",
        include_str!("../../../templates/trend.md.hbs"),
    ),
    (
        "trend.html",
        "trend.html.hbs",
        include_str!("../../../templates/trend.html.hbs"),
    ),
];

/// A set of templates ready to render a [`ReportView`] (or, for the trend templates, a
/// [`crate::report::TrendView`]). Terminal styles are off until [`Renderer::set_styles`]
/// turns them on.
pub struct Renderer {
    /// Markdown and text templates: nothing escaped.
    registry: Registry,
    /// HTML templates (names ending in `.html`): Handlebars' HTML escaping kept.
    html: Registry,
    /// The file each template read from a file came from, to name it in messages.
    files: std::collections::BTreeMap<String, std::path::PathBuf>,
    /// The names of the templates added to the embedded ones (replacing one or not).
    added: std::collections::BTreeSet<String>,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer")
            .field("templates", &self.names())
            .finish()
    }
}

/// One of a renderer's two sets of templates. Its embedded templates are compiled the first
/// time the set is used, so that a run writing JSON, SARIF or text never compiles the HTML
/// memo (12 kB: about 6 ms, more than reading and judging a resolution).
struct Registry {
    /// Whether this is the HTML set.
    html: bool,
    /// Whether the `paint` helper writes terminal styles ([`Renderer::set_styles`]).
    styled: bool,
    built: std::sync::OnceLock<Built>,
}

/// A set of templates, compiled.
struct Built {
    hb: Handlebars<'static>,
    /// The steps of each partial name (see `partials.rs`).
    costs: Arc<Costs>,
}

impl Registry {
    fn new(html: bool) -> Registry {
        Registry {
            html,
            styled: false,
            built: std::sync::OnceLock::new(),
        }
    }

    fn get(&self) -> &Built {
        self.built
            .get_or_init(|| Built::embedded(self.html, self.styled))
    }

    fn get_mut(&mut self) -> &mut Built {
        self.get();
        match self.built.get_mut() {
            Some(built) => built,
            None => unreachable!("the set was built just above"),
        }
    }

    fn set_styles(&mut self, on: bool) {
        self.styled = on;
        if let Some(built) = self.built.get_mut() {
            built
                .hb
                .register_helper("paint", Box::new(Paint { styled: on }));
        }
    }
}

impl Built {
    /// The embedded templates of one set, with its helpers and escaping.
    fn embedded(html: bool, styled: bool) -> Built {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        if html {
            // The HTML registry escapes as Handlebars does (`handlebars::html_escape`), after
            // the same treatment of control characters.
            hb.register_escape_fn(|s| handlebars::html_escape(&crate::vocab::inert_lines(s)));
            hb.register_helper("add", Box::new(add));
            hb.register_helper("mul", Box::new(mul));
            hb.register_helper("is_http", Box::new(Charged(is_http)));
        } else {
            // Nothing is escaped for Markdown and the terminal but what no output may carry
            // from input: control characters and a line beginning with a workflow command.
            hb.register_escape_fn(|s| crate::vocab::inert_lines(s).into_owned());
            hb.register_helper("cell", Box::new(Charged(cell)));
            hb.register_helper("blockquote", Box::new(Charged(blockquote)));
            hb.register_helper("pad", Box::new(Charged(Pad)));
            hb.register_helper("md", Box::new(Charged(md)));
            hb.register_helper("paint", Box::new(Paint { styled }));
        }
        hb.register_helper("each", Box::new(each::Each));
        charged::register(&mut hb);
        budget::register(&mut hb);
        // Audited panics: the embedded templates are part of the binary (not input) and every
        // one of them is compiled and rendered by the tests
        // (`embedded_templates_compile_when_first_used`).
        for (name, file, text) in EMBEDDED {
            if is_html_name(name) == html {
                let template = compile(name, text)
                    .unwrap_or_else(|e| panic!("embedded template {file} is invalid: {e:?}"));
                hb.register_template(name, template);
            }
        }
        let costs = partials::check(hb.get_templates())
            .unwrap_or_else(|e| panic!("the embedded templates are invalid: {}", e.message));
        Built {
            hb,
            costs: Arc::new(costs),
        }
    }
}

impl Renderer {
    /// The embedded templates alone (each set compiled when first used).
    pub fn embedded() -> Renderer {
        Renderer {
            registry: Registry::new(false),
            html: Registry::new(true),
            files: Default::default(),
            added: Default::default(),
        }
    }

    /// Replaces or adds templates from every `*.hbs` file in `dir`: `memo.md.hbs` (or
    /// `memo.hbs`) replaces `memo`, `memo.html.hbs` replaces `memo.html`. Files are read in name order so the result is stable.
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
            let text = read_template(&path)?;
            self.add_located(&template_name(&path), &text, Some(&path))?;
        }
        self.check_partials()?;
        Ok(self)
    }

    /// Adds the template in `path` under its name (see [`template_name`]) and returns that
    /// name; a file named like an embedded template replaces it. A template refused (see
    /// [`Renderer::add_template`]) leaves the set as it was.
    pub fn add_file(&mut self, path: &Path) -> Result<String, Error> {
        let name = template_name(path);
        let text = read_template(path)?;
        self.add_checked(&name, &text, Some(path))?;
        Ok(name)
    }

    /// Adds the template `text` under `name` (a name ending in `.html` makes it an HTML
    /// template, escaped), replacing one of that name. It is refused if it is not valid
    /// Handlebars, nests more than 64 levels, or makes a partial of the set include
    /// itself; the set is then left as it was.
    pub fn add_template(&mut self, name: &str, text: &str) -> Result<(), Error> {
        self.add_checked(name, text, None)
    }

    /// Adds a template and checks the partials of the set, restoring the set on refusal.
    fn add_checked(&mut self, name: &str, text: &str, file: Option<&Path>) -> Result<(), Error> {
        let template_before = self.registry_for(name).get_template(name).cloned();
        let file_before = self.files.get(name).cloned();
        let added_before = self.added.contains(name);
        self.add_located(name, text, file)?;
        if let Err(e) = self.check_partials() {
            if !added_before {
                self.added.remove(name);
            }
            let registry = self.registry_for_mut(name);
            match template_before {
                Some(t) => registry.register_template(name, t),
                None => registry.unregister_template(name),
            }
            match file_before {
                Some(p) => self.files.insert(name.to_string(), p),
                None => self.files.remove(name),
            };
            return Err(e);
        }
        Ok(())
    }

    /// Adds a template, from `file` if given, with its problems located in the file (or
    /// named by `name`); the partials of the set are checked separately, once all are added.
    fn add_located(&mut self, name: &str, text: &str, file: Option<&Path>) -> Result<(), Error> {
        self.add(name, text).map_err(|e| {
            let (pos, message) = match e {
                Refused::Syntax(e) => (e.pos(), template_error_text(&e)),
                Refused::TooDeep(at) => (
                    Some((at.line, at.column)),
                    format!(
                        "blocks, partials and bracketed expressions nest more than {MAX_DEPTH} \
                         levels deep here\n  hint: a template this deep cannot be rendered \
                         safely; the limit is fixed"
                    ),
                ),
            };
            let place = file.map_or_else(|| name.to_string(), |p| p.display().to_string());
            let at = pos.map_or_else(String::new, |(line, column)| format!(":{line}:{column}"));
            Error::Template {
                name: format!("{place}{at}"),
                message,
            }
        })?;
        if let Some(path) = file {
            self.files.insert(name.to_string(), path.to_path_buf());
        }
        self.added.insert(name.to_string());
        Ok(())
    }

    /// Turns the terminal styles of the `paint` helper on or off (they start off). Turn them
    /// on only for text bound for a terminal, whose stream strips them again when colour is
    /// not wanted; a file, or text kept for later, should have them off.
    pub fn set_styles(&mut self, on: bool) {
        self.registry.set_styles(on);
    }

    /// Whether the template `name` is the embedded one: neither replaced nor added.
    pub fn is_embedded(&self, name: &str) -> bool {
        !self.added.contains(name) && EMBEDDED.iter().any(|(n, _, _)| *n == name)
    }

    /// Whether a template of that name is known.
    pub fn has(&self, name: &str) -> bool {
        self.registry_for(name).has_template(name)
    }

    /// Renders the template `name` with `view`.
    pub fn render(&self, name: &str, view: &ReportView) -> Result<String, Error> {
        self.render_data(name, &crate::report::memo::template_data(view))
    }

    /// Renders the template `name` with any serialisable view model (the trend's, say),
    /// within the limits of a render of that data (see `budget.rs`).
    pub fn render_data<T: Serialize>(&self, name: &str, data: &T) -> Result<String, Error> {
        self.render_within(name, data, None)
    }

    /// [`Renderer::render_data`] within `limits`, or those of the data.
    fn render_within<T: Serialize>(
        &self,
        name: &str,
        data: &T,
        limits: Option<Limits>,
    ) -> Result<String, Error> {
        let registry = self.registry_for(name);
        let Some(template) = registry.get_template(name) else {
            return Err(Error::Template {
                name: name.to_string(),
                message: format!("no such template (known: {})", self.names().join(", ")),
            });
        };
        let fail = |e: handlebars::RenderError| self.render_error(name, &e, data);
        let context = handlebars::Context::wraps(data).map_err(fail)?;
        let limits = limits.unwrap_or_else(|| Limits::for_data(budget::json_len(context.data())));
        let costs = &self.set_for(name).get().costs;
        let _budget = budget::install(limits, Arc::clone(costs));
        budget::charge_template(template)
            .map_err(|e| fail(handlebars::RenderErrorReason::NestedError(Box::new(e)).into()))?;
        let mut out = Collected::default();
        // As `Handlebars::render` does (without its development mode), into a counted output.
        let mut rc = handlebars::RenderContext::new(template.name.as_ref());
        handlebars::Renderable::render(template, registry, &context, &mut rc, &mut out)
            .map_err(fail)?;
        Ok(out.0)
    }

    /// Checks the partials of both sets of templates (see `partials.rs`) and keeps their
    /// steps for pricing blocks.
    fn check_partials(&mut self) -> Result<(), Error> {
        let located = |r: partials::Refusal| {
            let mut place = self
                .files
                .get(&r.template)
                .map_or_else(|| r.template.clone(), |p| p.display().to_string());
            if r.line > 0 {
                place = format!("{place}:{}:{}", r.line, r.column);
            }
            Error::Template {
                name: place,
                message: r.message,
            }
        };
        let costs = partials::check(self.registry.get().hb.get_templates()).map_err(located)?;
        let html_costs = partials::check(self.html.get().hb.get_templates()).map_err(located)?;
        self.registry.get_mut().costs = Arc::new(costs);
        self.html.get_mut().costs = Arc::new(html_costs);
        Ok(())
    }

    /// A rendering error in plain words, at the template file's line and column when the
    /// template came from a file.
    fn render_error<T: Serialize>(
        &self,
        name: &str,
        e: &handlebars::RenderError,
        data: &T,
    ) -> Error {
        // The template the error is in: a partial, or the template rendered.
        let within = e
            .template_name
            .as_deref()
            .filter(|t| self.registry_for(name).has_template(t))
            .unwrap_or(name);
        let mut place = self
            .files
            .get(within)
            .map_or_else(|| within.to_string(), |p| p.display().to_string());
        if let (Some(line), Some(column)) = (e.line_no, e.column_no) {
            place = format!("{place}:{line}:{column}");
        }
        if let Some(limit) = budget::exceeded(e) {
            return Error::Template {
                name: place,
                message: limit.to_string(),
            };
        }
        let message = match e.reason() {
            handlebars::RenderErrorReason::MissingVariable(Some(field)) => {
                let last = field.rsplit(['.', '/']).next().unwrap_or(field);
                let keys = serde_json::to_value(data)
                    .map(|v| field_names(&v))
                    .unwrap_or_default();
                let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
                let hint = match crate::error::closest(last, &keys) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "check the spelling.".to_string(),
                };
                format!(
                    "the template uses `{field}`, which the report does not have here\n  hint: \
                     {hint} A field must be used inside the `{{{{#each}}}}` or `{{{{#with}}}}` \
                     block that has it; `policycheck check DRAFT --format json` shows a \
                     report's fields"
                )
            }
            other => other.to_string(),
        };
        Error::Template {
            name: place,
            message,
        }
    }

    /// The names of all templates, sorted.
    fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .registry
            .get()
            .hb
            .get_templates()
            .keys()
            .chain(self.html.get().hb.get_templates().keys())
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        names
    }

    /// HTML templates go to the escaping set, the others to the plain one.
    fn set_for(&self, name: &str) -> &Registry {
        if is_html_name(name) {
            &self.html
        } else {
            &self.registry
        }
    }

    fn registry_for(&self, name: &str) -> &Handlebars<'static> {
        &self.set_for(name).get().hb
    }

    fn registry_for_mut(&mut self, name: &str) -> &mut Handlebars<'static> {
        let set = if is_html_name(name) {
            &mut self.html
        } else {
            &mut self.registry
        };
        &mut set.get_mut().hb
    }

    /// Measures a template's nesting, compiles it and adds it. The partials of the set are
    /// checked separately, once all are added.
    fn add(&mut self, name: &str, text: &str) -> Result<(), Refused> {
        nesting::check(text).map_err(Refused::TooDeep)?;
        let template = compile(name, text).map_err(Refused::Syntax)?;
        self.registry_for_mut(name)
            .register_template(name, template);
        Ok(())
    }
}

/// Compiles a template under `name`, its partial blocks counted for the render budget.
fn compile(name: &str, text: &str) -> Result<handlebars::Template, handlebars::TemplateError> {
    let mut template = handlebars::Template::compile_with_name(text, name.to_string())?;
    budget::count_partial_blocks(&mut template);
    Ok(template)
}

/// The text of a template file, read up to the limit for a template.
fn read_template(path: &Path) -> Result<String, Error> {
    crate::limits::read_text_bounded(path, crate::limits::MAX_TEMPLATE_BYTES, "a template").map_err(
        |e| Error::Io {
            action: "read",
            path: path.to_path_buf(),
            source: e.into_io(),
        },
    )
}

/// Why a template was not added.
#[derive(Debug)]
enum Refused {
    /// It is not valid Handlebars.
    Syntax(handlebars::TemplateError),
    /// It nests too deeply to be compiled safely.
    TooDeep(nesting::TooDeep),
}

/// A template that does not compile, in plain words with a hint.
fn template_error_text(e: &handlebars::TemplateError) -> String {
    use handlebars::TemplateErrorReason as Reason;
    match e.reason() {
        Reason::MismatchingClosedHelper(open, close) => format!(
            "the block `{{{{#{open}}}}}` is closed by `{{{{/{close}}}}}`\n  hint: close each \
             block with its own name, innermost first"
        ),
        Reason::InvalidSyntax(_) => "this is not valid Handlebars\n  hint: look for a `{{` \
             without its `}}`, or a block `{{#each …}}`/`{{#if …}}` without its \
             `{{/each}}`/`{{/if}}`; the place given is where reading stopped"
            .to_string(),
        other => other.to_string(),
    }
}

fn is_html_name(name: &str) -> bool {
    name.ends_with(".html")
}

/// A template's name from its file: `memo.md.hbs` → `memo`, `brief.hbs` → `brief`; HTML
/// templates keep their format, which selects the escaping registry: `memo.html.hbs` →
/// `memo.html`.
pub fn template_name(path: &Path) -> String {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = file.strip_suffix(".hbs").unwrap_or(&file);
    match stem.split_once('.') {
        Some((name, "html")) if !name.is_empty() => format!("{name}.html"),
        Some((name, _format)) if !name.is_empty() => name.to_string(),
        _ => stem.to_string(),
    }
}

// Text fitted into a Markdown table cell: pipes escaped, line breaks folded into spaces.
handlebars_helper!(cell: |s: str| escape_cell(s));

// Text from a draft, made inert for a Markdown renderer: no raw HTML (`<script>`), no link
// or image syntax (`[x](javascript:…)`), no code spans or emphasis it did not mean.
handlebars_helper!(md: |s: str| escape_markdown(s));

/// Escapes the characters by which text could become HTML, a link or formatting in Markdown.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '[' | ']' | '`' | '*' | '_' | '\\' | '|' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

// Text as a Markdown blockquote: every line prefixed with `> ` (empty lines with `>`).
handlebars_helper!(blockquote: |s: str| quote_lines(s));

/// `{{pad text width}}`: the text padded with spaces to at least `width` characters, for
/// aligned terminal columns; a width above [`MAX_PAD`] is an error, not gigabytes of spaces.
#[derive(Clone, Copy)]
struct Pad;

impl handlebars::HelperDef for Pad {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &handlebars::Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc handlebars::Context,
        _: &mut handlebars::RenderContext<'reg, 'rc>,
    ) -> Result<handlebars::ScopedJson<'rc>, handlebars::RenderError> {
        use handlebars::RenderErrorReason as Reason;
        let param = |i: usize, name: &str| {
            h.param(i)
                .map(|p| p.value())
                .ok_or_else(|| Reason::ParamNotFoundForName("pad", name.to_string()))
        };
        let mismatch = |name: &str, kind: &str| {
            Reason::ParamTypeMismatchForName("pad", name.to_string(), kind.to_string())
        };
        let text = param(0, "s")?
            .as_str()
            .ok_or_else(|| mismatch("s", "str"))?;
        let width = param(1, "width")?
            .as_u64()
            .ok_or_else(|| mismatch("width", "u64"))?;
        if width > MAX_PAD {
            return Err(Reason::Other(format!(
                "`pad` pads text to at most {MAX_PAD} characters, and this asks for {width}\n  \
                 hint: pad to the width of a column on a screen or a page; the limit is fixed"
            ))
            .into());
        }
        let missing = (width as usize).saturating_sub(text.chars().count());
        Ok(handlebars::ScopedJson::Derived(
            format!("{text}{}", " ".repeat(missing)).into(),
        ))
    }
}

/// The styles `{{#paint NAME}}` knows: the verdicts by their colour on a terminal, then the
/// eight basic terminal colours by name.
const PAINTS: &[(&str, anstyle::AnsiColor)] = {
    use anstyle::AnsiColor::*;
    &[
        ("met", Green),
        ("partial", Yellow),
        ("missing", Red),
        ("black", Black),
        ("red", Red),
        ("green", Green),
        ("yellow", Yellow),
        ("blue", Blue),
        ("magenta", Magenta),
        ("cyan", Cyan),
        ("white", White),
    ]
};

/// The `paint` block helper: `{{#paint verdict}}{{symbol}} {{verdict}}{{/paint}}` renders its
/// block and, when `styled`, wraps it in the colour [`PAINTS`] gives the name (a verdict,
/// `met`/`partial`/`missing`, or a colour, `red`…). Spaces and line breaks at either end stay
/// outside the style, so padding inside the block (`{{pad verdict 8}}`) is not coloured. The
/// name is checked whether styles are on or not, so a template that works in a file works on
/// a terminal.
#[derive(Debug, Clone, Copy)]
struct Paint {
    /// Whether to write the style, or the block's text alone.
    styled: bool,
}

impl handlebars::HelperDef for Paint {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &handlebars::Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc handlebars::Context,
        rc: &mut handlebars::RenderContext<'reg, 'rc>,
        out: &mut dyn handlebars::Output,
    ) -> handlebars::HelperResult {
        use handlebars::{RenderErrorReason, Renderable};
        let known = || {
            PAINTS
                .iter()
                .map(|(name, _)| *name)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let name = h.param(0).and_then(|p| p.value().as_str()).ok_or_else(|| {
            RenderErrorReason::Other(format!(
                "`paint` needs the name of a style: `{{{{#paint verdict}}}}…{{{{/paint}}}}` \
                 (one of {})",
                known()
            ))
        })?;
        let colour = PAINTS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| *c)
            .ok_or_else(|| {
                RenderErrorReason::Other(format!(
                    "`paint` does not know the style `{name}` (known: {})",
                    known()
                ))
            })?;
        let template = h.template().ok_or_else(|| {
            RenderErrorReason::Other(
                "`paint` is a block: `{{#paint verdict}}…{{/paint}}`".to_string(),
            )
        })?;
        // Collected with every byte charged, then written without charging again.
        let mut inner = Collected::default();
        template.render(r, ctx, rc, &mut inner)?;
        budget::uncounted(|| out.write(&paint(&inner.0, colour, self.styled)))?;
        Ok(())
    }
}

/// `text` in `colour` when `styled`, the spaces and line breaks at either end left outside
/// the style; `text` unchanged otherwise, or when it is blank.
fn paint(text: &str, colour: anstyle::AnsiColor, styled: bool) -> String {
    let core = text.trim();
    if !styled || core.is_empty() {
        return text.to_string();
    }
    let start = text.len() - text.trim_start().len();
    let end = start + core.len();
    let style = anstyle::Style::new().fg_color(Some(colour.into()));
    format!("{}{style}{core}{style:#}{}", &text[..start], &text[end..])
}

// `a + b`, for laying out SVG charts; a number, so helpers nest (`add 8 (mul weight 40)`).
handlebars_helper!(add: |a: f64, b: f64| svg_value(a + b));

// `a × b`, for laying out SVG charts.
handlebars_helper!(mul: |a: f64, b: f64| svg_value(a * b));

/// A coordinate as a JSON number that renders as [`svg_number`] writes it: whole numbers as
/// integers (`144`, not `144.0`), others rounded to two decimals.
fn svg_value(x: f64) -> serde_json::Value {
    let rounded = (x * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        // Whole and far below 2^53: the conversion is exact.
        serde_json::Value::from(rounded as i64)
    } else {
        serde_json::Value::from(rounded)
    }
}

// Whether a value is an `http:` or `https:` address, the only kind an HTML template may put in
// an `href` (escaping keeps markup out, not a `javascript:` scheme).
handlebars_helper!(is_http: |v: Json| v.as_str().is_some_and(|s| {
    let s = s.trim_start().to_ascii_lowercase();
    s.starts_with("https://") || s.starts_with("http://")
}));

/// Every key of every object in `value`, once, sorted.
fn field_names(value: &serde_json::Value) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(map) => {
                for (k, child) in map {
                    out.insert(k.clone());
                    stack.push(child);
                }
            }
            serde_json::Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    out
}

/// A coordinate for SVG: at most two decimals, no trailing zeros (`144`, `12.5`).
pub(crate) fn svg_number(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

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
    fn embedded_templates_compile_when_first_used() {
        let r = Renderer::embedded();
        assert!(r.html.built.get().is_none() && r.registry.built.get().is_none());
        assert!(r.has("memo"));
        assert!(
            r.html.built.get().is_none(),
            "the HTML set waits for an HTML template"
        );
        // Every embedded template compiles, and the partial check passes on both sets (it
        // panics otherwise).
        assert_eq!(r.names().len(), EMBEDDED.len());
        assert!(r.html.built.get().is_some());
    }

    #[test]
    fn embedded_templates_render() {
        let r = Renderer::embedded();
        let memo = r.render("memo", &view()).unwrap();
        assert!(memo.contains("Draft one"), "{memo}");
        // Titles, not rule ids; the largest gap first; a denial said in words.
        assert!(memo.contains("| Crime task | 3 | Met | OP5(a) |"), "{memo}");
        assert!(!memo.contains("`crime-task`"), "{memo}");
        assert!(
            memo.contains("| **Missing** | OP7 (says it is not given) |"),
            "{memo}"
        );
        assert!(memo.find("| Expert group").unwrap() < memo.find("| Crime task").unwrap());
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
            "template brief: no such template (known: baseline, baseline-memo, diff, memo, memo.html, summary, trend, trend.html)"
        );
    }

    #[test]
    fn html_templates_escape_and_text_templates_do_not() {
        let mut r = Renderer::embedded();
        r.add("t", "{{documents.0.rules.0.rationale}}").unwrap();
        r.add("t.html", "{{documents.0.rules.0.rationale}}")
            .unwrap();
        let mut v = view();
        v.documents[0].rules[0].rationale = "<script>x</script> & 'q'".into();
        assert_eq!(r.render("t", &v).unwrap(), "<script>x</script> & 'q'");
        assert_eq!(
            r.render("t.html", &v).unwrap(),
            "&lt;script&gt;x&lt;/script&gt; &amp; &#x27;q&#x27;"
        );
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("mine.html.hbs");
        std::fs::write(&file, "<p>{{rulebook.id}}</p>").unwrap();
        assert_eq!(r.add_file(&file).unwrap(), "mine.html");
        assert_eq!(r.render("mine.html", &v).unwrap(), "<p>test-book</p>");
    }

    #[test]
    fn only_web_addresses_count_as_links() {
        let mut r = Renderer::embedded();
        r.add(
            "u.html",
            "{{#if (is_http rulebook.url)}}link{{else}}text{{/if}}",
        )
        .unwrap();
        let mut v = view();
        assert_eq!(r.render("u.html", &v).unwrap(), "link");
        v.rulebook.url = Some("javascript:alert(1)".into());
        assert_eq!(r.render("u.html", &v).unwrap(), "text");
        v.rulebook.url = None;
        assert_eq!(r.render("u.html", &v).unwrap(), "text");
    }

    #[test]
    fn paint_colours_only_when_styles_are_on() {
        let mut r = Renderer::embedded();
        r.add("p", "{{#each documents.0.rules}}[{{#paint verdict}} {{symbol}} {{pad verdict 8}}{{/paint}}]{{/each}}")
        .unwrap();
        let plain = r.render("p", &view()).unwrap();
        assert_eq!(plain, "[ ✓ met     ][ ✗ missing ]");
        r.set_styles(true);
        // The verdict's colour, the spaces at either end left outside it.
        assert_eq!(
            r.render("p", &view()).unwrap(),
            "[ \u{1b}[32m✓ met\u{1b}[0m     ][ \u{1b}[31m✗ missing\u{1b}[0m ]"
        );
        r.set_styles(false);
        assert_eq!(r.render("p", &view()).unwrap(), plain);
    }

    #[test]
    fn paint_knows_verdicts_and_colour_names() {
        let mut r = Renderer::embedded();
        r.set_styles(true);
        r.add("p", "{{#paint \"partial\"}}~{{/paint}} {{#paint \"blue\"}}b{{/paint}} {{#paint \"red\"}}  {{/paint}}.")
        .unwrap();
        // A blank block gets no style at all.
        assert_eq!(
            r.render("p", &view()).unwrap(),
            "\u{1b}[33m~\u{1b}[0m \u{1b}[34mb\u{1b}[0m   ."
        );
        assert_eq!(
            paint("\n x \n", anstyle::AnsiColor::Green, true),
            "\n \u{1b}[32mx\u{1b}[0m \n"
        );
        assert_eq!(paint("x", anstyle::AnsiColor::Green, false), "x");
    }

    #[test]
    fn paint_refuses_an_unknown_style_even_without_colour() {
        let mut r = Renderer::embedded();
        r.add("p", "{{#paint \"mauve\"}}x{{/paint}}").unwrap();
        r.add("q", "{{paint \"met\"}}").unwrap();
        r.add("s", "{{#paint 3}}x{{/paint}}").unwrap();
        let err = r.render("p", &view()).unwrap_err().to_string();
        assert!(
            err.contains("`paint` does not know the style `mauve` (known: met, partial, missing, black, red,"),
            "{err}"
        );
        let err = r.render("q", &view()).unwrap_err().to_string();
        assert!(err.contains("`paint` is a block"), "{err}");
        let err = r.render("s", &view()).unwrap_err().to_string();
        assert!(err.contains("`paint` needs the name of a style"), "{err}");
    }

    #[test]
    fn the_summary_paints_its_verdicts_and_nothing_else() {
        let mut r = Renderer::embedded();
        let plain = r.render("summary", &view()).unwrap();
        assert!(!plain.contains('\u{1b}'), "{plain}");
        r.set_styles(true);
        let styled = r.render("summary", &view()).unwrap();
        assert!(
            styled.contains("\n  \u{1b}[32m✓ met\u{1b}[0m      crime-task "),
            "{styled}"
        );
        assert!(
            styled.contains("\n  \u{1b}[31m✗ missing\u{1b}[0m  "),
            "{styled}"
        );
        assert_eq!(styled.matches('\u{1b}').count(), 4, "{styled}");
        let stripped = styled.replace("\u{1b}[32m", "").replace("\u{1b}[31m", "");
        assert_eq!(stripped.replace("\u{1b}[0m", ""), plain);
        // The memo and the HTML memo have no styles to paint.
        let memo = r.render("memo", &view()).unwrap();
        assert!(!memo.contains('\u{1b}'));
    }

    #[test]
    fn a_refused_template_leaves_the_set_as_it_was() {
        let mut r = Renderer::embedded();
        r.add_template("a", "A{{> b}}").unwrap();
        let err = r.add_template("b", "B{{> a}}").unwrap_err().to_string();
        assert!(
            err.starts_with("template b:1:2: the partial `a` includes itself through other"),
            "{err}"
        );
        assert!(!r.has("b"));
        // Not a stack overflow: `b` is simply not there.
        let err = r.render("a", &view()).unwrap_err().to_string();
        assert!(err.contains("Partial not found b"), "{err}");
        // A replacement refused keeps the template it would have replaced.
        r.add_template("b", "B").unwrap();
        assert!(r.add_template("b", "{{> a}}").is_err());
        assert_eq!(r.render("a", &view()).unwrap(), "AB");
        let err = r.add_template("c", "{{#if a}}").unwrap_err().to_string();
        assert!(err.starts_with("template c:1:"), "{err}");
    }

    #[test]
    fn pad_is_bounded() {
        let mut r = Renderer::embedded();
        r.add_template("p", "[{{pad \"ab\" 4}}][{{pad \"abcdef\" 4}}]")
            .unwrap();
        assert_eq!(r.render("p", &view()).unwrap(), "[ab  ][abcdef]");
        r.add_template("p", "{{pad \"ab\" 1000}}").unwrap();
        assert_eq!(r.render("p", &view()).unwrap().len(), 1000);
        for (text, message) in [
            (
                "{{pad \"ab\" 1001}}",
                "at most 1000 characters, and this asks for 1001",
            ),
            (
                "{{pad \"ab\" -1}}",
                "pad param with name width type mismatch for u64",
            ),
            ("{{pad 3 4}}", "pad param with name s type mismatch for str"),
            (
                "{{pad \"ab\"}}",
                "pad param with name width required but not found",
            ),
        ] {
            r.add_template("p", text).unwrap();
            let err = r.render("p", &view()).unwrap_err().to_string();
            assert!(err.contains(message), "{text}: {err}");
        }
    }

    #[test]
    fn a_repeated_block_is_charged_and_stopped() {
        let mut r = Renderer::embedded();
        let data = crate::report::memo::template_data(&view());
        let small = Some(Limits {
            output: 100_000,
            steps: 100_000,
        });
        let render =
            |r: &Renderer, name: &str| r.render_within(name, &data, small).unwrap_err().to_string();
        // 2 rules: a 20-deep `each` would repeat its block 2^20 times, a million.
        let deep = format!(
            "{}x{}",
            "{{#each @root.documents.0.rules}}".repeat(20),
            "{{/each}}".repeat(20)
        );
        r.add_template("deep", &deep).unwrap();
        let err = render(&r, "deep");
        assert!(
            err.starts_with("template deep:1:") && err.contains("more than 100 000 steps"),
            "{err}"
        );
        // The same block in a partial block's own block, which Handlebars renders apart.
        r.add_template("layout", "{{> @partial-block}}").unwrap();
        r.add_template(
            "wrapped",
            &format!("{{{{#> layout}}}}{deep}{{{{/layout}}}}"),
        )
        .unwrap();
        assert!(render(&r, "wrapped").contains("more than 100 000 steps"));
        // And what it writes is charged, in a partial block and in `paint`.
        let wide = format!(
            "{}{{{{pad \"\" 1000}}}}{}",
            "{{#each @root.documents.0.rules}}".repeat(8),
            "{{/each}}".repeat(8)
        );
        for text in [
            wide.clone(),
            format!("{{{{#> layout}}}}{wide}{{{{/layout}}}}"),
            format!("{{{{#paint \"red\"}}}}{wide}{{{{/paint}}}}"),
        ] {
            r.add_template("wide", &text).unwrap();
            let err = render(&r, "wide");
            assert!(err.contains("larger than 97.7 kB"), "{text}: {err}");
        }
        // Within the limits of its data, the embedded memo renders.
        assert!(r.render_within("memo", &data, None).is_ok());
        // A partial block that ends renders as usual, its inline partials in scope.
        r.add_template(
            "page",
            "{{#> layout}}{{#*inline \"x\"}}X{{/inline}}[{{> x}}]{{/layout}}",
        )
        .unwrap();
        assert_eq!(r.render("page", &view()).unwrap(), "[X]");
    }

    #[test]
    fn names_and_helpers() {
        assert_eq!(template_name(Path::new("t/memo.md.hbs")), "memo");
        assert_eq!(template_name(Path::new("brief.hbs")), "brief");
        assert_eq!(template_name(Path::new("t/memo.html.hbs")), "memo.html");
        assert_eq!(svg_number(144.0), "144");
        assert_eq!(svg_number(12.5), "12.5");
        assert_eq!(svg_number(-0.001), "0");
        let mut r = Renderer::embedded();
        r.add(
            "n.html",
            "{{add 8 (mul 2.5 40)}} {{mul 1.5 3}} {{add 0.1 0.2}}",
        )
        .unwrap();
        assert_eq!(r.render("n.html", &view()).unwrap(), "108 4.5 0.3");
        assert_eq!(escape_cell("a | b\n c"), "a \\| b c");
        assert_eq!(quote_lines("one\n\ntwo\n"), "> one\n>\n> two");
    }
}

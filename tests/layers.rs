//! The house's stairs run one way (README, "Repository layout"): each file under `src/` may
//! import only modules of its own layer or of a lower one, and no files import each other in a
//! circle. The test reads the sources as text: a `crate::m` or `policycheck::m` path names the
//! top module `m`, and `super::f` a sibling file; test modules (from `#[cfg(test)]` on) and
//! comments are left out, since they are not the shipped code's dependencies.

mod common;

use common::crate_path;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first. A module may use its own layer and those below.
const LAYERS: &[&[&str]] = &[
    &["vocab", "error", "fixed_regex", "limits", "yaml"],
    &["mandate", "rulebook"],
    &["evaluate", "schema"],
    &["bars", "inputs", "waiver", "measure", "suggest"],
    &["report"],
    &["config"],
    &["run", "init"],
    &["task"],
    &["cli", "commands"],
    &["main"],
];

/// The library's face re-exports its modules; it stands above them all.
const FACE: &str = "lib";

/// Every `.rs` file below `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// A file's module path below `src/`: `run/plan` for src/run/plan.rs, `run` for
/// src/run/mod.rs (and for src/run.rs).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("a file below src/");
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("/")
}

/// The shipped code of a file: everything before its test module, without comment lines.
fn shipped_code(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each file's module path and the module paths it names, at file granularity: `crate::a::b`
/// is the file `a/b` when there is one, else `a`; `super::b` is the sibling file `b`.
fn file_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = crate_path("src");
    let files: BTreeMap<String, String> = rust_files(&src)
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).expect("a source file is readable");
            (module_of(&src, &f), shipped_code(&text))
        })
        .collect();
    let absolute = Regex::new(r"\b(?:crate|policycheck)::([a-z_]+)(?:::([a-z_]+))?").unwrap();
    let sibling = Regex::new(r"\bsuper::([a-z_]+)").unwrap();
    let mut graph = BTreeMap::new();
    for (module, code) in &files {
        let mut uses = BTreeSet::new();
        for c in absolute.captures_iter(code) {
            let top = c[1].to_string();
            let deeper = c.get(2).map(|m| format!("{top}/{}", m.as_str()));
            match deeper {
                Some(file) if files.contains_key(&file) => uses.insert(file),
                _ => uses.insert(top),
            };
        }
        // `super::` from a/b/c.rs names a/b/*; from a/b/mod.rs (module a/b) it names a/*.
        let parent: Vec<&str> = module.split('/').collect();
        let base = parent[..parent.len() - 1].join("/");
        for c in sibling.captures_iter(code) {
            let candidate = if base.is_empty() {
                c[1].to_string()
            } else {
                format!("{base}/{}", &c[1])
            };
            if files.contains_key(&candidate) {
                uses.insert(candidate);
            }
        }
        uses.remove(module);
        uses.remove("self");
        graph.insert(module.clone(), uses);
    }
    graph
}

/// The top module of a module path.
fn top(module: &str) -> &str {
    module.split('/').next().unwrap_or(module)
}

/// The strongly connected components with more than one member (Tarjan's algorithm).
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.graph.contains_key(w) {
                continue;
            }
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found
}

#[test]
fn imports_run_down_the_layers_only() {
    let rank: BTreeMap<&str, usize> = LAYERS
        .iter()
        .enumerate()
        .flat_map(|(i, layer)| layer.iter().map(move |m| (*m, i)))
        .collect();
    let graph = file_graph();
    let mut unplaced = BTreeSet::new();
    let mut upward = Vec::new();
    for (file, uses) in &graph {
        let from = top(file);
        if from == FACE {
            continue;
        }
        let Some(&r_from) = rank.get(from) else {
            unplaced.insert(from.to_string());
            continue;
        };
        for used in uses {
            let to = top(used);
            match rank.get(to) {
                Some(&r_to) if r_to > r_from => upward.push(format!("{file} → {used}")),
                Some(_) => {}
                None => {
                    unplaced.insert(to.to_string());
                }
            }
        }
    }
    assert!(
        unplaced.is_empty(),
        "modules in no layer (add them to LAYERS here and to the README's layout): {unplaced:?}"
    );
    assert!(
        upward.is_empty(),
        "imports that run back up a layer: {upward:#?}"
    );
}

#[test]
fn no_files_or_modules_import_each_other_in_a_circle() {
    let files = file_graph();
    assert_eq!(
        circles(&files),
        Vec::<Vec<String>>::new(),
        "files in a circle"
    );
    let mut modules: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, uses) in &files {
        let from = top(file).to_string();
        let entry = modules.entry(from.clone()).or_default();
        entry.extend(
            uses.iter()
                .map(|u| top(u).to_string())
                .filter(|t| *t != from),
        );
    }
    // The library's face names every module; it is the root, not a member of a circle.
    modules.remove(FACE);
    assert_eq!(
        circles(&modules),
        Vec::<Vec<String>>::new(),
        "modules in a circle"
    );
}

#[test]
fn the_checker_finds_a_circle_and_an_upward_import() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(circles(&graph), vec![vec!["a", "b", "c"]]);
    assert_eq!(
        shipped_code("use crate::x;\n// use crate::y;\n#[cfg(test)]\nuse crate::z;"),
        "use crate::x;"
    );
    let src = Path::new("/r/src");
    assert_eq!(module_of(src, Path::new("/r/src/run/mod.rs")), "run");
    assert_eq!(module_of(src, Path::new("/r/src/run/plan.rs")), "run/plan");
}

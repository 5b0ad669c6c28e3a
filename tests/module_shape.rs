//! The shape of the code, as the design wants it: no module imports one that imports it back
//! (directly or round a longer loop), and no source file grows past the size at which it
//! wants another cut. Modules are files: `src/a/b.rs` and `src/a/b/mod.rs` are `a::b`. A
//! path `crate::a::b::Name` counts as an import of the deepest module it names; comments and
//! `#[cfg(test)]` modules are left out (tests may reach anywhere).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Source files (not tests) may reach this many lines, as the design aims.
const MAX_LINES: usize = 400;

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_of(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts.join("::")
}

fn is_test_module(module: &str) -> bool {
    let last = module.rsplit("::").next().unwrap_or("");
    last == "tests" || last == "test" || last == "test_support" || last.ends_with("_tests")
}

/// The code without comment lines and without what follows `#[cfg(test)]` on a `mod` item.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        if t.starts_with("//") {
            continue;
        }
        if t.starts_with("#[cfg(test)]") {
            // Skip attributes up to the module item; a `mod x { … }` block ends the file's
            // code here (test modules come last), a `mod x;` is one line.
            while let Some(next) = lines.peek() {
                let n = next.trim_start();
                if n.starts_with("#[") {
                    lines.next();
                    continue;
                }
                break;
            }
            match lines.next() {
                Some(item) if item.trim_start().starts_with("mod ") && item.contains('{') => break,
                _ => continue,
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `code` with the relative paths of `module` (`super::`, `self::`) written from the crate
/// root, so that they count as imports too.
fn absolute(code: &str, module: &str) -> String {
    let parts: Vec<&str> = module.split("::").filter(|p| !p.is_empty()).collect();
    let from = |depth: usize| -> String {
        let keep = parts.len().saturating_sub(depth);
        let mut p = String::from("crate::");
        for part in &parts[..keep] {
            p.push_str(part);
            p.push_str("::");
        }
        p
    };
    let mut out = code.replace("super::super::", &from(2));
    out = replace_word(&out, "super::", &from(1));
    replace_word(&out, "self::", &from(0))
}

/// Replaces `word` where it does not continue an identifier or a path (`x::super::` is left).
fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().next_back();
        let joined = before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
        out.push_str(&rest[..at]);
        out.push_str(if joined { word } else { with });
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
}

/// Every `crate::…` path in `code`, with `use` groups (`crate::a::{b, c::D}`) expanded.
fn crate_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let tail = &rest[at + "crate::".len()..];
        let end = tail
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(tail.len());
        let base = tail[..end].trim_end_matches(':').to_string();
        if tail[end..].starts_with('{') && tail[..end].ends_with("::") {
            let close = matching_brace(&tail[end..]);
            for item in split_top(&tail[end + 1..end + close]) {
                let item = item.trim();
                let item = item.split(" as ").next().unwrap_or("").trim();
                if item.is_empty() {
                    continue;
                }
                if item == "self" {
                    out.push(base.clone());
                } else {
                    let head = item.split("::{").next().unwrap_or(item);
                    out.push(format!("{base}::{head}"));
                }
            }
        } else {
            out.push(base);
        }
        rest = &tail[end..];
    }
    out
}

fn matching_brace(s: &str) -> usize {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    s.len()
}

fn split_top(s: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0, 0, Vec::new());
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

struct Graph {
    edges: BTreeMap<String, BTreeSet<String>>,
    lines: BTreeMap<String, usize>,
}

fn graph() -> Graph {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let modules: BTreeMap<String, PathBuf> = files
        .iter()
        .map(|f| (module_of(&root, f), f.clone()))
        .collect();
    let resolve = |path: &str| -> Option<String> {
        let parts: Vec<&str> = path.split("::").collect();
        (1..=parts.len())
            .rev()
            .map(|k| parts[..k].join("::"))
            .find(|m| modules.contains_key(m))
    };
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut lines = BTreeMap::new();
    for (module, file) in &modules {
        if is_test_module(module) {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let code = absolute(&code_of(&text), module);
        lines.insert(module.clone(), code.lines().count());
        for path in crate_paths(&code) {
            if let Some(target) = resolve(&path)
                && &target != module
            {
                edges.entry(module.clone()).or_default().insert(target);
            }
        }
    }
    Graph { edges, lines }
}

/// The loops of the import graph (strongly connected sets of more than one module).
fn loops(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Tarjan, recursive: the module graph is a few hundred nodes deep at most.
    struct T<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        let i = t.index.len();
        t.index.insert(v, i);
        t.low.insert(v, i);
        t.stack.push(v);
        t.on.insert(v);
        if let Some(next) = t.edges.get(v) {
            for w in next {
                let w = w.as_str();
                if !t.index.contains_key(w) {
                    visit(t, w);
                    let lw = t.low[w];
                    let lv = t.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if t.on.contains(w) {
                    let iw = t.index[w];
                    let lv = t.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let g = graph();
    assert!(g.edges.len() > 50, "the source tree was not read");
    let found = loops(&g.edges);
    let described: Vec<String> = found
        .iter()
        .map(|comp| {
            let inner: Vec<String> = comp
                .iter()
                .flat_map(|a| {
                    g.edges[a]
                        .iter()
                        .filter(|b| comp.contains(b))
                        .map(move |b| format!("{a} → {b}"))
                })
                .collect();
            inner.join("; ")
        })
        .collect();
    assert!(found.is_empty(), "import loops:\n{}", described.join("\n"));
}

#[test]
fn the_checker_sees_a_loop_when_there_is_one() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges.entry("a".into()).or_default().insert("b".into());
    edges.entry("b".into()).or_default().insert("c".into());
    edges.entry("c".into()).or_default().insert("a".into());
    edges.entry("c".into()).or_default().insert("d".into());
    assert_eq!(loops(&edges), vec![vec!["a", "b", "c"]]);
    let paths = crate_paths("use crate::tui::{action::Input, keys::{Context, Def}, Lang};");
    assert_eq!(paths, ["tui::action::Input", "tui::keys", "tui::Lang"]);
    let code = absolute(
        "use super::{Batch, feed::Feed};\nuse self::x::Y;",
        "search::worker",
    );
    assert_eq!(
        crate_paths(&code),
        [
            "search::Batch",
            "search::feed::Feed",
            "search::worker::x::Y"
        ]
    );
}

#[test]
fn source_files_stay_small() {
    let g = graph();
    let big: Vec<String> = g
        .lines
        .iter()
        .filter(|(_, n)| **n > MAX_LINES)
        .map(|(m, n)| format!("{m}: {n} lines"))
        .collect();
    assert!(big.is_empty(), "files to cut:\n{}", big.join("\n"));
}

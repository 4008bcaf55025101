//! No Debug formatting (`{:?}`) outside tests in the code that runs in the browser: the
//! Debian wasm build sets `-Zfmt-debug=none`, which prints nothing for it, so a message
//! quoting a value that way would lose the value. Clippy's `use_debug` misses `format!`,
//! hence this check.

use std::path::{Path, PathBuf};

/// The source folders compiled to wasm: the SPA, parkatlas-core and parkatlas-exchange.
const BROWSER_SOURCES: [&str; 3] = ["src", "crates/core/src", "crates/exchange/src"];

#[test]
fn browser_code_never_formats_with_debug() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut offenders = Vec::new();
    for folder in BROWSER_SOURCES {
        for file in rust_files(&root.join(folder)) {
            let source = std::fs::read_to_string(&file).unwrap();
            let name = file.strip_prefix(root).unwrap().display().to_string();
            offenders.extend(debug_formats(&source).map(|line| format!("{name}:{line}")));
        }
    }
    assert!(
        offenders.is_empty(),
        "Debug formatting outside tests (quote with text::quoted):\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_check_sees_debug_placeholders_but_not_comments_or_tests() {
    let source = "fn a() { format!(\"{x:?}\"); }\n// `{:?}` in a comment\nfn b() { format!(\"{:#?}\", y); }\n\
                  #[cfg(test)]\nmod tests { fn c() { format!(\"{z:?}\"); } }\n";
    assert_eq!(debug_formats(source).collect::<Vec<_>>(), [1, 3]);
}

/// The numbers of the lines before the first `#[cfg(test)]` that hold a Debug placeholder.
fn debug_formats(source: &str) -> impl Iterator<Item = usize> + '_ {
    source
        .lines()
        .take_while(|line| line.trim() != "#[cfg(test)]")
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .filter(|(_, line)| line.contains(":?}") || line.contains(":#?}"))
        .map(|(index, _)| index + 1)
}

/// Every `.rs` file below `folder`, leaving out test modules kept in files of their own.
fn rust_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") && path.file_name().is_some_and(|n| n != "tests.rs") {
            files.push(path);
        }
    }
    files
}

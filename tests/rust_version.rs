//! Cargo.toml's `rust-version` is true: it is at least the `rust_version` that every locked
//! dependency declares (dev- and build-dependencies included), as `cargo metadata` reports them.
//! The metadata is read offline from the registry cache, for the platform the tests run on:
//! without `--filter-platform`, cargo would also want the manifests of other platforms' crates
//! (Windows, WebAssembly), which an offline cache need not hold. If cargo cannot answer, the
//! test fails and says why; it never passes without having compared.

use std::process::Command;

/// Runs cargo with `args` in the package's folder and returns its standard output, or fails
/// the test with the command, its exit status and what cargo printed.
fn cargo(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("could not run `cargo {}`: {e}", args.join(" ")));
    assert!(
        output.status.success(),
        "`cargo {}` failed ({}), so the rust-version could not be checked:\n{}",
        args.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap_or_else(|e| panic!("`cargo {}` printed invalid UTF-8: {e}", args.join(" ")))
}

/// The platform cargo builds for by default, from the `host:` line of `cargo -vV`.
fn host() -> String {
    let version = cargo(&["-vV"]);
    version
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .unwrap_or_else(|| panic!("`cargo -vV` printed no `host:` line:\n{version}"))
        .trim()
        .to_string()
}

/// A Rust version such as `1.85` or `1.85.0` as numbers, so that `1.9` < `1.10` and
/// `1.85` = `1.85.0`.
fn version(text: &str, whose: &str) -> Vec<u64> {
    let mut parts: Vec<u64> = text
        .split('.')
        .map(|p| {
            p.parse().unwrap_or_else(|_| {
                panic!("{whose} declares rust_version `{text}`, not a dotted version")
            })
        })
        .collect();
    while parts.len() < 3 {
        parts.push(0);
    }
    parts
}

#[test]
fn rust_version_is_at_least_every_dependency_rust_version() {
    let host = host();
    let json = cargo(&[
        "metadata",
        "--format-version",
        "1",
        "--offline",
        "--locked",
        "--filter-platform",
        &host,
    ]);
    let metadata: serde_json::Value = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("`cargo metadata` printed JSON that does not parse: {e}"));

    let root_id = metadata["resolve"]["root"]
        .as_str()
        .unwrap_or_else(|| panic!("`cargo metadata` names no root package (resolve.root)"));
    let packages = metadata["packages"]
        .as_array()
        .unwrap_or_else(|| panic!("`cargo metadata` lists no packages"));
    let root = packages
        .iter()
        .find(|p| p["id"] == root_id)
        .unwrap_or_else(|| panic!("the root package `{root_id}` is not among the packages"));
    let root_name = root["name"].as_str().unwrap_or("the root package");
    let root_text = root["rust_version"].as_str().unwrap_or_else(|| {
        panic!("{root_name} declares no rust-version in Cargo.toml; set it to the dependencies' highest")
    });
    let root_version = version(root_text, root_name);

    let mut compared = 0;
    let mut too_new = Vec::new();
    for package in packages.iter().filter(|p| p["id"] != root_id) {
        let Some(text) = package["rust_version"].as_str() else {
            continue;
        };
        let name = format!(
            "{} {}",
            package["name"].as_str().unwrap_or("?"),
            package["version"].as_str().unwrap_or("?")
        );
        compared += 1;
        if version(text, &name) > root_version {
            too_new.push(format!("{name} needs Rust {text}"));
        }
    }
    assert!(
        compared > 0,
        "no dependency declares a rust_version; `cargo metadata` cannot have listed them"
    );
    assert!(
        too_new.is_empty(),
        "Cargo.toml says rust-version = \"{root_text}\", but locked dependencies ask for more \
         (raise rust-version to the highest):\n  {}",
        too_new.join("\n  ")
    );
}

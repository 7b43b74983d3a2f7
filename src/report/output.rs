//! Writing a report to a file atomically: the text goes to a temporary file in the target's
//! folder, which then replaces the target in one rename. A failure leaves the target as it was.

use crate::error::Error;
use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path`, all or nothing.
pub fn write_atomic(path: &Path, contents: &str) -> Result<(), Error> {
    let err = |source| Error::Io {
        action: "write",
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(err)?;
    file.write_all(contents.as_bytes()).map_err(err)?;
    file.as_file().sync_all().map_err(err)?;
    file.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.md");
        write_atomic(&target, "one").unwrap();
        write_atomic(&target, "two").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "two");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no leftovers"
        );
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("no/such/report.md");
        let e = write_atomic(&target, "x").unwrap_err().to_string();
        assert!(e.starts_with("cannot write "), "{e}");
        assert!(e.contains("report.md"), "{e}");
        assert!(!target.exists());
    }
}

//! Writing a report to a file atomically: the text goes to a temporary file in the target's
//! folder, which then replaces the target in one rename. A failure leaves the target as it was.

use crate::error::Error;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Writes `contents` to `path`, all or nothing.
pub fn write_atomic(path: &Path, contents: &str) -> Result<(), Error> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(contents.as_bytes())
        .map_err(|e| file.error(e))?;
    file.commit()
}

/// A file written a piece at a time that appears at its path, complete, only when
/// [`AtomicFile::commit`] is called: until then the text goes to a temporary file in the
/// same folder. Dropped without a commit, it leaves the path as it was.
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    file: BufWriter<NamedTempFile>,
}

impl AtomicFile {
    /// Starts writing `path`.
    pub fn create(path: &Path) -> Result<AtomicFile, Error> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let file = NamedTempFile::new_in(dir).map_err(|source| write_error(path, source))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            file: BufWriter::new(file),
        })
    }

    /// The error of a failed write, naming the file.
    pub fn error(&self, source: std::io::Error) -> Error {
        write_error(&self.path, source)
    }

    /// Puts the complete file in place.
    pub fn commit(self) -> Result<(), Error> {
        let path = self.path;
        let file = self
            .file
            .into_inner()
            .map_err(|e| write_error(&path, e.into_error()))?;
        file.as_file()
            .sync_all()
            .map_err(|e| write_error(&path, e))?;
        file.persist(&path)
            .map_err(|e| write_error(&path, e.error))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

fn write_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        action: "write",
        path: path.to_path_buf(),
        source,
    }
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

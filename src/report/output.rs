//! Writing a report to a file atomically: the text goes to a temporary file in the target's
//! folder, which then replaces the target in one rename. A failure leaves the target as it was.
//!
//! What the target is decides how it is written:
//! - a **regular file**, or nothing yet: atomically, as above. A new file gets the mode any
//!   program's new file gets (0644 under the usual umask 022); a file that exists keeps its
//!   mode.
//! - a **symbolic link**: followed (through every link in a chain); the file it points to is
//!   replaced atomically and the link stays a link.
//! - anything else that exists — a device (`/dev/stdout`, `/dev/null`), a FIFO, a socket — is
//!   opened and written directly, never renamed over: renaming would put a regular file where
//!   the device was. A write error there (a full disk, `/dev/full`) is an error naming it.
//!
//! Every temporary file still being written is listed ([`remove_temporary_files`]), so that
//! the binary, stopped by a signal (Ctrl-C, `kill`, a CI job cancelled), removes them before
//! it exits instead of leaving hidden half-written reports behind.

use crate::error::Error;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tempfile::NamedTempFile;

/// The temporary files of reports being written, in the order they were started.
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes the temporary file of every report still being written, for a process about to
/// end without finishing them (stopped by a signal); returns how many were removed. The
/// reports they were to replace are left as they were.
pub fn remove_temporary_files() -> usize {
    let unfinished = UNFINISHED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    unfinished
        .iter()
        .filter(|p| std::fs::remove_file(p).is_ok())
        .count()
}

/// A temporary file listed in [`UNFINISHED`] for as long as it lives.
#[derive(Debug)]
struct Listed(PathBuf);

impl Listed {
    fn new(path: &Path) -> Listed {
        let mut unfinished = UNFINISHED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        unfinished.push(path.to_path_buf());
        Listed(path.to_path_buf())
    }
}

impl Drop for Listed {
    fn drop(&mut self) {
        let mut unfinished = UNFINISHED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(i) = unfinished.iter().position(|p| *p == self.0) {
            unfinished.remove(i);
        }
    }
}

/// Writes `contents` to `path`, all or nothing.
pub fn write_atomic(path: &Path, contents: &str) -> Result<(), Error> {
    write_bytes_atomic(path, contents.as_bytes())
}

/// Writes `contents` (text or a binary format such as .docx) to `path`, all or nothing.
pub fn write_bytes_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(contents).map_err(|e| file.error(e))?;
    file.commit()
}

/// A file written a piece at a time that appears at its path, complete, only when
/// [`AtomicFile::commit`] is called: until then the text goes to a temporary file in the
/// same folder. Dropped without a commit, it leaves the path as it was. A target that is
/// not a regular file (a device, a FIFO) is written directly instead (see the module doc).
#[derive(Debug)]
pub struct AtomicFile {
    /// The path as the user gave it, for messages.
    path: PathBuf,
    /// Where the file ends up: `path`, or the end of the chain of links it is.
    target: PathBuf,
    inner: Inner,
}

#[derive(Debug)]
enum Inner {
    /// A temporary file, renamed over the target on commit; the mode to give it then; its
    /// place in the list of unfinished files.
    Temporary(
        BufWriter<NamedTempFile>,
        Option<std::fs::Permissions>,
        Listed,
    ),
    /// A device, FIFO or socket, written as it is.
    Direct(BufWriter<File>),
}

impl AtomicFile {
    /// Starts writing `path`.
    pub fn create(path: &Path) -> Result<AtomicFile, Error> {
        let target = resolve_links(path).map_err(|source| write_error(path, source))?;
        let existing = std::fs::metadata(&target).ok();
        if let Some(meta) = &existing {
            if !meta.is_file() && !meta.is_dir() {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(&target)
                    .map_err(|source| write_error(path, source))?;
                return Ok(AtomicFile {
                    path: path.to_path_buf(),
                    target,
                    inner: Inner::Direct(BufWriter::new(file)),
                });
            }
        }
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".policycheck-");
        #[cfg(unix)]
        {
            // Created as any new file is (0666 less the umask: 0644 under 022), not the 0600
            // of a temporary file; an existing file's own mode is put back on commit.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let file = builder
            .tempfile_in(&dir)
            .map_err(|source| write_error(path, source))?;
        let keep = existing.filter(|m| m.is_file()).map(|m| m.permissions());
        let listed = Listed::new(file.path());
        Ok(AtomicFile {
            path: path.to_path_buf(),
            target,
            inner: Inner::Temporary(BufWriter::new(file), keep, listed),
        })
    }

    /// The error of a failed write, naming the file.
    pub fn error(&self, source: std::io::Error) -> Error {
        write_error(&self.path, source)
    }

    /// Puts the complete file in place (or, for a device or FIFO, finishes writing it).
    pub fn commit(self) -> Result<(), Error> {
        let path = self.path;
        match self.inner {
            Inner::Direct(mut file) => file.flush().map_err(|e| write_error(&path, e)),
            Inner::Temporary(file, keep, _listed) => {
                let file = file
                    .into_inner()
                    .map_err(|e| write_error(&path, e.into_error()))?;
                if let Some(permissions) = keep {
                    std::fs::set_permissions(file.path(), permissions)
                        .map_err(|e| write_error(&path, e))?;
                }
                file.as_file()
                    .sync_all()
                    .map_err(|e| write_error(&path, e))?;
                file.persist(&self.target)
                    .map_err(|e| write_error(&path, e.error))?;
                Ok(())
            }
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.inner {
            Inner::Temporary(f, ..) => f.write(buf),
            Inner::Direct(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.inner {
            Inner::Temporary(f, ..) => f.flush(),
            Inner::Direct(f) => f.flush(),
        }
    }
}

/// The path a chain of symbolic links ends at (`path` itself when it is not a link); the
/// end need not exist. A chain longer than 40 links (a loop) is an error.
fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if to.is_relative() => parent.join(to),
                    _ => to,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other(
        "too many levels of symbolic links (a link loop?)",
    ))
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

    #[cfg(unix)]
    #[test]
    fn an_existing_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.md");
        std::fs::write(&target, "old").unwrap();
        for mode in [0o600, 0o640, 0o664] {
            std::fs::set_permissions(&target, std::fs::Permissions::from_mode(mode)).unwrap();
            write_atomic(&target, "new").unwrap();
            let got = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
            assert_eq!(got, mode, "{got:o}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let real = dir.path().join("real/report.md");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("latest.md");
        std::os::unix::fs::symlink("real/report.md", &link).unwrap();
        let chain = dir.path().join("chain.md");
        std::os::unix::fs::symlink("latest.md", &chain).unwrap();
        write_atomic(&chain, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(std::fs::symlink_metadata(&chain)
            .unwrap()
            .file_type()
            .is_symlink());
        // A dangling link: its target is created.
        let dangling = dir.path().join("next.md");
        std::os::unix::fs::symlink("real/next-report.md", &dangling).unwrap();
        write_atomic(&dangling, "first").unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("real/next-report.md")).unwrap(),
            "first"
        );
        // A loop is an error naming the file, and writes nothing.
        let a = dir.path().join("a.md");
        let b = dir.path().join("b.md");
        std::os::unix::fs::symlink("b.md", &a).unwrap();
        std::os::unix::fs::symlink("a.md", &b).unwrap();
        let e = write_atomic(&a, "x").unwrap_err().to_string();
        assert!(e.contains("a.md") && e.contains("symbolic links"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_not_replaced() {
        let null = Path::new("/dev/null");
        if !null.exists() {
            return;
        }
        write_atomic(null, "nothing").unwrap();
        let meta = std::fs::metadata(null).unwrap();
        assert!(!meta.is_file(), "/dev/null is still a device");
        let full = Path::new("/dev/full");
        if full.exists() {
            let e = write_atomic(full, &"x".repeat(100_000)).unwrap_err();
            assert!(e.to_string().contains("/dev/full"), "{e}");
        }
    }
}

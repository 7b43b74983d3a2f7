//! Every input file is read bounded by the bytes actually read, never by the length the file
//! claims: a link to `/dev/zero` or a growing file claims 0 bytes and would otherwise be read
//! until memory runs out. Each kind of input has its limit, named in the message when it is
//! passed.

use std::io::Read;
use std::path::Path;

/// The largest rulebook read (the default rulebook is about 40 kB).
pub const MAX_RULEBOOK_BYTES: u64 = 16 * 1024 * 1024;
/// The largest configuration file read.
pub const MAX_CONFIG_BYTES: u64 = 4 * 1024 * 1024;
/// The largest template read.
pub const MAX_TEMPLATE_BYTES: u64 = 4 * 1024 * 1024;
/// The largest waiver file read.
pub const MAX_WAIVER_BYTES: u64 = 16 * 1024 * 1024;
/// The largest baseline report read (a JSON report of a corpus of tens of thousands of drafts).
pub const MAX_BASELINE_BYTES: u64 = 1024 * 1024 * 1024;
/// The largest labels file read by `rules measure`.
pub const MAX_LABELS_BYTES: u64 = 64 * 1024 * 1024;

/// Why a bounded read failed.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// More bytes than the limit were read.
    #[error("it is larger than the limit of {} for {what}", human_size(*.limit))]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
        /// What the file is: "a rulebook", "one draft".
        what: &'static str,
    },
}

impl ReadError {
    /// The error as an `std::io::Error`, for readers whose errors carry one.
    pub fn into_io(self) -> std::io::Error {
        match self {
            ReadError::Io(e) => e,
            other => std::io::Error::new(std::io::ErrorKind::FileTooLarge, other.to_string()),
        }
    }
}

/// Reads at most `limit` bytes of `path`; more is [`ReadError::TooLarge`].
pub fn read_bounded(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path)?;
    let hint = file.metadata().map_or(0, |m| m.len()).min(limit);
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit, what });
    }
    Ok(bytes)
}

/// Reads at most `limit` bytes of `path` as UTF-8 text; invalid UTF-8 is an
/// `InvalidData` I/O error, as [`std::fs::read_to_string`] gives.
pub fn read_text_bounded(path: &Path, limit: u64, what: &'static str) -> Result<String, ReadError> {
    let bytes = read_bounded(path, limit, what)?;
    String::from_utf8(bytes).map_err(|_| {
        ReadError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        ))
    })
}

/// "16 MB", "2.5 kB", "310 bytes" (kB = 1024 bytes).
pub fn human_size(bytes: u64) -> String {
    const K: f64 = 1024.0;
    let b = bytes as f64;
    if b >= K * K * K {
        trim(b / (K * K * K), "GB")
    } else if b >= K * K {
        trim(b / (K * K), "MB")
    } else if b >= K {
        trim(b / K, "kB")
    } else {
        format!("{bytes} bytes")
    }
}

fn trim(x: f64, unit: &str) -> String {
    let s = format!("{x:.1}");
    format!("{} {unit}", s.strip_suffix(".0").unwrap_or(&s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_within_the_limit_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.yaml");
        std::fs::write(&p, "abc").unwrap();
        assert_eq!(read_bounded(&p, 3, "a rulebook").unwrap(), b"abc");
        let e = read_bounded(&p, 2, "a rulebook").unwrap_err();
        assert_eq!(
            e.to_string(),
            "it is larger than the limit of 2 bytes for a rulebook"
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_file_that_claims_no_length_stops_at_the_limit() {
        let zero = Path::new("/dev/zero");
        if !zero.exists() {
            return;
        }
        assert_eq!(std::fs::metadata(zero).unwrap().len(), 0);
        let e = read_bounded(zero, 1024 * 1024, "one draft").unwrap_err();
        assert!(matches!(e, ReadError::TooLarge { .. }), "{e}");
        assert_eq!(
            e.to_string(),
            "it is larger than the limit of 1 MB for one draft"
        );
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(310), "310 bytes");
        assert_eq!(human_size(2560), "2.5 kB");
        assert_eq!(human_size(16 * 1024 * 1024), "16 MB");
        assert_eq!(human_size(1024 * 1024 * 1024), "1 GB");
    }
}

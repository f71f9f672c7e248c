//! Reading input files: bytes, checksum, and text that must be UTF-8.

use crate::error::{IngestError, Problem};
use mp_domain::FileInfo;
use sha2::{Digest, Sha256};
use std::path::Path;

/// A file read into memory with its checksum.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// What the user sees as the file name (relative to the mirror for public sources).
    pub display: String,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// SHA-256, lower-case hex.
    pub sha256: String,
}

impl InputFile {
    /// Reads a file; `display` is how problems will name it.
    pub fn read(path: &Path, display: &str) -> Result<InputFile, IngestError> {
        let bytes = std::fs::read(path).map_err(|e| IngestError::one(Problem::file(display, format!("cannot read the file ({e})"))))?;
        Ok(InputFile::from_bytes(display, bytes))
    }

    /// Wraps bytes already in memory.
    pub fn from_bytes(display: &str, bytes: Vec<u8>) -> InputFile {
        let sha256 = hex::encode(Sha256::digest(&bytes));
        InputFile { display: display.to_string(), bytes, sha256 }
    }

    /// The file's identity for provenance.
    pub fn info(&self) -> FileInfo {
        FileInfo { path: self.display.clone(), sha256: self.sha256.clone(), bytes: self.bytes.len() as u64 }
    }

    /// The text, which must be UTF-8 (a leading byte-order mark is dropped). Names the line and
    /// byte of the first bad sequence, since a file saved as Latin-1 by a spreadsheet is common.
    pub fn text(&self) -> Result<&str, IngestError> {
        let b = self.bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&self.bytes);
        std::str::from_utf8(b).map_err(|e| {
            let at = e.valid_up_to();
            let line = b[..at].iter().filter(|&&c| c == b'\n').count() as u64 + 1;
            let mut p = Problem::file(
                &self.display,
                format!(
                    "the file is not UTF-8 text (bad byte 0x{:02X} at byte {at}): expected UTF-8; re-save it as \"CSV UTF-8\"",
                    b.get(at).copied().unwrap_or(0)
                ),
            );
            p.row = Some(line);
            IngestError::one(p)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_refused_with_its_line() {
        let f = InputFile::from_bytes("x.csv", b"a,b\n1,S\xe9n\xe9gal\n".to_vec());
        let e = f.text().unwrap_err().to_string();
        assert!(e.contains("x.csv, row 2") && e.contains("not UTF-8"), "{e}");
        let ok = InputFile::from_bytes("y.csv", b"\xEF\xBB\xBFa,b\n".to_vec());
        assert_eq!(ok.text().unwrap(), "a,b\n");
    }
}

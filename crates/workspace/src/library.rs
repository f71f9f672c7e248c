//! The document library's rules: what a document is (kind, visibility), which files it takes
//! and how a file's type is told.
//!
//! A file's type is read from its bytes, never from its name or what the browser claims: a PDF
//! starts with `%PDF-` and ends with `%%EOF`; an Office Open XML file is a zip archive holding
//! `[Content_Types].xml` and the main part of a document, workbook or presentation (macro-enabled
//! ones are refused); an OpenDocument file is a zip archive whose first entry, `mimetype`, names
//! its kind; Markdown is UTF-8 text without control characters that is not an HTML page. Each type
//! has the one media type and file extension it is served with.

use std::fmt;
use std::io::Read as _;
use std::str::FromStr;

/// The largest file the library takes (bytes).
pub const MAX_LIBRARY_BYTES: usize = 20 * 1024 * 1024;

/// The most entries a zip-based document may hold before it is refused unread.
const MAX_ZIP_ENTRIES: usize = 20_000;

/// What a library document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocKind {
    /// A technical paper, e.g. prepared for a workshop.
    TechnicalPaper,
    /// Training material.
    Training,
    /// A methodological note.
    MethodNote,
    /// A national report.
    NationalReport,
}

impl DocKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [DocKind; 4] = [DocKind::TechnicalPaper, DocKind::Training, DocKind::MethodNote, DocKind::NationalReport];

    /// The code used in the store, in forms and addresses.
    pub fn code(self) -> &'static str {
        match self {
            DocKind::TechnicalPaper => "technical_paper",
            DocKind::Training => "training",
            DocKind::MethodNote => "method_note",
            DocKind::NationalReport => "national_report",
        }
    }
}

impl FromStr for DocKind {
    type Err = LibraryError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DocKind::ALL.into_iter().find(|k| k.code() == s.trim()).ok_or_else(|| LibraryError::Field {
            field: "kind",
            expected: "technical_paper, training, method_note or national_report".into(),
            got: s.chars().take(40).collect(),
        })
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Who may read a library document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Visibility {
    /// Everyone, on the public portal.
    Public,
    /// Members of the owning country's TWG only (the `ViewUnpublished` action).
    Members,
}

impl Visibility {
    /// The code used in the store and in forms.
    pub fn code(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Members => "members",
        }
    }
}

impl FromStr for Visibility {
    type Err = LibraryError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "public" => Ok(Visibility::Public),
            "members" => Ok(Visibility::Members),
            other => Err(LibraryError::Field {
                field: "visibility",
                expected: "public or members".into(),
                got: other.chars().take(40).collect(),
            }),
        }
    }
}

/// The type of a library file, told from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileType {
    /// PDF.
    Pdf,
    /// Word document (Office Open XML).
    Docx,
    /// Excel workbook (Office Open XML).
    Xlsx,
    /// PowerPoint presentation (Office Open XML).
    Pptx,
    /// OpenDocument text.
    Odt,
    /// OpenDocument spreadsheet.
    Ods,
    /// OpenDocument presentation.
    Odp,
    /// Markdown text (UTF-8).
    Markdown,
}

impl FileType {
    /// Every type.
    pub const ALL: [FileType; 8] =
        [FileType::Pdf, FileType::Docx, FileType::Xlsx, FileType::Pptx, FileType::Odt, FileType::Ods, FileType::Odp, FileType::Markdown];

    /// The code kept in the store (also the file extension).
    pub fn code(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Docx => "docx",
            FileType::Xlsx => "xlsx",
            FileType::Pptx => "pptx",
            FileType::Odt => "odt",
            FileType::Ods => "ods",
            FileType::Odp => "odp",
            FileType::Markdown => "md",
        }
    }

    /// The media type the file is served with.
    pub fn media_type(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            FileType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileType::Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            FileType::Odt => "application/vnd.oasis.opendocument.text",
            FileType::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            FileType::Odp => "application/vnd.oasis.opendocument.presentation",
            FileType::Markdown => "text/markdown; charset=utf-8",
        }
    }

    /// Parses a stored code.
    pub fn parse(s: &str) -> Option<FileType> {
        FileType::ALL.into_iter().find(|t| t.code() == s)
    }
}

/// Why a library file or field is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LibraryError {
    /// The file is empty.
    #[error("the file is empty")]
    Empty,
    /// The file is larger than the library takes.
    #[error("the file is {size} bytes; the library takes files up to {max} bytes")]
    TooLarge {
        /// Its size.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// The content is none of the accepted types.
    #[error("the file is not a PDF, an Office document (docx, xlsx, pptx, odt, ods, odp) or Markdown text: {0}")]
    Type(String),
    /// A form field holds something else than expected.
    #[error("{field}: expected {expected}, got `{got}`")]
    Field {
        /// The field.
        field: &'static str,
        /// What it takes.
        expected: String,
        /// What it held (shortened).
        got: String,
    },
}

/// Tells the type of `bytes` from their content, within [`MAX_LIBRARY_BYTES`].
pub fn sniff(bytes: &[u8]) -> Result<FileType, LibraryError> {
    if bytes.is_empty() {
        return Err(LibraryError::Empty);
    }
    if bytes.len() > MAX_LIBRARY_BYTES {
        return Err(LibraryError::TooLarge { size: bytes.len(), max: MAX_LIBRARY_BYTES });
    }
    if bytes.starts_with(b"%PDF-") {
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        return if tail.windows(5).any(|w| w == b"%%EOF") {
            Ok(FileType::Pdf)
        } else {
            Err(LibraryError::Type("it starts as a PDF but has no end-of-file marker (truncated?)".into()))
        };
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return sniff_zip(bytes);
    }
    sniff_text(bytes)
}

fn sniff_zip(bytes: &[u8]) -> Result<FileType, LibraryError> {
    let bad = |why: &str| LibraryError::Type(why.to_string());
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| LibraryError::Type(format!("a damaged zip archive ({e})")))?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(bad("a zip archive with too many entries"));
    }
    // OpenDocument: the first entry is `mimetype`, stored, naming the kind.
    if zip.name_for_index(0).and_then(Result::ok).is_some_and(|n| n == "mimetype") {
        let mut mime = String::new();
        let entry = zip.by_index(0).map_err(|e| LibraryError::Type(format!("a damaged zip archive ({e})")))?;
        entry.take(100).read_to_string(&mut mime).map_err(|_| bad("an OpenDocument file whose mimetype is not text"))?;
        return match mime.trim() {
            "application/vnd.oasis.opendocument.text" => Ok(FileType::Odt),
            "application/vnd.oasis.opendocument.spreadsheet" => Ok(FileType::Ods),
            "application/vnd.oasis.opendocument.presentation" => Ok(FileType::Odp),
            _ => Err(bad("an OpenDocument file of another kind than text, spreadsheet or presentation")),
        };
    }
    let has = |name: &str| zip.index_for_name(name).is_some();
    let main = [("word/document.xml", FileType::Docx), ("xl/workbook.xml", FileType::Xlsx), ("ppt/presentation.xml", FileType::Pptx)]
        .into_iter()
        .find(|(part, _)| has(part))
        .map(|(_, t)| t);
    let Some(t) = main.filter(|_| has("[Content_Types].xml")) else {
        return Err(bad("a zip archive that is no Office Open XML or OpenDocument file"));
    };
    let mut types = String::new();
    let entry = zip.by_name("[Content_Types].xml").map_err(|e| LibraryError::Type(format!("a damaged zip archive ({e})")))?;
    entry.take(256 * 1024).read_to_string(&mut types).map_err(|_| bad("an Office file whose content types are not text"))?;
    if types.contains("macroEnabled") || types.contains("vbaProject") {
        return Err(bad("an Office file with macros (save it without them: docx, xlsx or pptx)"));
    }
    Ok(t)
}

fn sniff_text(bytes: &[u8]) -> Result<FileType, LibraryError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(body).map_err(|e| LibraryError::Type(format!("not UTF-8 text (byte {})", e.valid_up_to())))?;
    if let Some(c) = text.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(LibraryError::Type(format!("text holding the control character U+{:04X}", u32::from(c))));
    }
    let head = text.trim_start().chars().take(20).collect::<String>().to_ascii_lowercase();
    if head.starts_with("<!doctype") || head.starts_with("<html") || head.starts_with("<?xml") || head.starts_with("<svg") {
        return Err(LibraryError::Type("an HTML, XML or SVG file rather than Markdown".into()));
    }
    Ok(FileType::Markdown)
}

/// The address a file is kept under: the SHA-256 of its content, in hex.
pub fn content_address(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// The name a file is downloaded under: the title's ASCII letters and digits, the version and
/// the type's extension (nothing from the uploaded file's name).
pub fn download_name(title: &str, version: i64, t: FileType) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'À' | 'Á' | 'Â' | 'Ã' => 'a',
            'ç' | 'Ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => 'e',
            'í' | 'î' | 'ï' | 'Í' | 'Î' => 'i',
            'ó' | 'ô' | 'õ' | 'ö' | 'Ó' | 'Ô' | 'Õ' => 'o',
            'ú' | 'û' | 'ü' | 'ù' | 'Ú' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "document" } else { slug };
    format!("{slug}-v{version}.{}", t.code())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, body) in entries {
            let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
            w.start_file(*name, opts).unwrap();
            w.write_all(body).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn types_are_told_from_content() {
        assert_eq!(sniff(b"%PDF-1.7\n1 0 obj\n%%EOF\n"), Ok(FileType::Pdf));
        assert!(matches!(sniff(b"%PDF-1.7\n1 0 obj\n"), Err(LibraryError::Type(_))));
        let ct: &[u8] =
            b"<Types><Override ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
        assert_eq!(sniff(&zip_of(&[("[Content_Types].xml", ct), ("word/document.xml", b"<w/>")])), Ok(FileType::Docx));
        assert_eq!(sniff(&zip_of(&[("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<w/>")])), Ok(FileType::Xlsx));
        assert_eq!(sniff(&zip_of(&[("[Content_Types].xml", b"<Types/>"), ("ppt/presentation.xml", b"<p/>")])), Ok(FileType::Pptx));
        let macro_ct: &[u8] = b"<Types><Override ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/></Types>";
        assert!(sniff(&zip_of(&[("[Content_Types].xml", macro_ct), ("word/document.xml", b"<w/>")])).is_err());
        assert_eq!(
            sniff(&zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<o/>")])),
            Ok(FileType::Odt)
        );
        // A zip that is neither, and an archive renamed .docx, are refused.
        assert!(sniff(&zip_of(&[("evil.exe", b"MZ")])).is_err());
        assert!(sniff(b"PK\x03\x04garbage").is_err());
        assert_eq!(sniff("# Note méthodologique\n\nTexte.\n".as_bytes()), Ok(FileType::Markdown));
        assert!(sniff(b"<!DOCTYPE html><script>alert(1)</script>").is_err());
        assert!(sniff(b"MZ\x90\x00\x03\x00\x00\x00").is_err(), "a Windows program");
        assert!(sniff(b"\x89PNG\r\n\x1a\n").is_err());
        assert_eq!(sniff(b""), Err(LibraryError::Empty));
        let big = vec![b'a'; MAX_LIBRARY_BYTES + 1];
        assert!(matches!(sniff(&big), Err(LibraryError::TooLarge { .. })));
    }

    #[test]
    fn download_names_come_from_the_title() {
        assert_eq!(download_name("Guide de collecte : Sénégal/../etc", 2, FileType::Pdf), "guide-de-collecte-senegal-etc-v2.pdf");
        assert_eq!(download_name("", 1, FileType::Markdown), "document-v1.md");
        assert_eq!(download_name("\"quoted\"; rm", 3, FileType::Docx), "quoted-rm-v3.docx");
    }

    #[test]
    fn kinds_and_visibility_parse() {
        for k in DocKind::ALL {
            assert_eq!(k.code().parse::<DocKind>(), Ok(k));
        }
        assert!("paper".parse::<DocKind>().is_err());
        assert_eq!("members".parse::<Visibility>(), Ok(Visibility::Members));
        assert!("secret".parse::<Visibility>().is_err());
        for t in FileType::ALL {
            assert_eq!(FileType::parse(t.code()), Some(t));
        }
    }
}

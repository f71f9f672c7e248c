//! The typst world of one profile: the template, the document's JSON and chart SVGs as virtual
//! files, and fonts that are parsed once per process.
//!
//! The world is written here rather than taken from a wrapper because every document brings
//! its own files, and because a wrapper's world reads the clock, which a reproducible PDF must
//! never do.

use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The template, compiled into the binary so a deployed tool cannot lose it.
const TEMPLATE: &str = include_str!("profile.typ");

/// DejaVu Sans: typst-assets ships no sans-serif, and the charts are laid out for its widths.
pub(crate) const DEJAVU: [&[u8]; 4] = [
    include_bytes!("../fonts/DejaVuSans.ttf"),
    include_bytes!("../fonts/DejaVuSans-Bold.ttf"),
    include_bytes!("../fonts/DejaVuSans-Oblique.ttf"),
    include_bytes!("../fonts/DejaVuSans-BoldOblique.ttf"),
];

/// What every document shares: parsing fonts and building the standard library cost more than
/// laying out a short profile in a debug build.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        // DejaVu first, so that it is the font chosen for a family typst finds in several files;
        // typst-assets adds DejaVu Sans Mono (code in narratives) and fallbacks for rare glyphs.
        let fonts: Vec<Font> = DEJAVU.into_iter().chain(typst_assets::fonts()).flat_map(|data| Font::iter(Bytes::new(data))).collect();
        Shared {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            main: Source::new(file_id("/profile.typ"), TEMPLATE.to_string()),
        }
    })
}

/// The id of a virtual file at the project root, e.g. `/chart-1.svg`.
pub(crate) fn file_id(path: &str) -> FileId {
    // The paths are ours and always valid; a bad one would be a bug caught by every test.
    let vpath = VirtualPath::new(path).expect("valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_without_slash().into())
}

/// One document's world: the shared template and fonts plus this document's files.
pub(crate) struct ProfileWorld {
    shared: &'static Shared,
    files: Vec<(FileId, Bytes)>,
    today: Option<Datetime>,
}

impl ProfileWorld {
    /// A world whose files are `(path, content)` and whose "today" is the document's date.
    pub(crate) fn new(files: Vec<(String, Vec<u8>)>, today: Option<Datetime>) -> Self {
        let files = files.into_iter().map(|(p, b)| (file_id(&p), Bytes::new(b))).collect();
        ProfileWorld { shared: shared(), files, today }
    }
}

impl World for ProfileWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.shared.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.shared.main.id() { Ok(self.shared.main.clone()) } else { Err(not_found(id)) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.shared.main.id() {
            return Ok(Bytes::from_string(self.shared.main.clone()));
        }
        self.files.iter().find(|(f, _)| *f == id).map(|(_, b)| b.clone()).ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

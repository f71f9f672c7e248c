//! A profile as one self-contained HTML file: inline CSS and SVG, no script, no fonts, no
//! requests, readable on a 320-px phone and printable. The pieces (sections, blocks, table of
//! contents, header, CSS) are public so the web portal can lay them out its own way.

use crate::localize::{self, msg, msg_with, text};
use crate::markdown::narrative_html;
use crate::numbering::{Numbering, numbering};
use askama::Template;
use mp_domain::Lang;
use mp_profile::{Block, Cell, Chart, ChartKind, Document, KeyFigure, Section, Table, Value};

/// The stylesheet of the HTML profile (screen and print), to inline or serve.
pub const CSS: &str = include_str!("../templates/style.css");

/// Message ids the HTML renderer itself uses, with the arguments it gives them.
pub const UI_MESSAGES: &[(&str, &[&str])] = &[
    ("skip-to-content", &[]),
    ("contents", &[]),
    ("language", &[]),
    ("edition", &[]),
    ("last-updated", &["date"]),
    ("download-pdf", &[]),
    ("download-data", &[]),
    ("figure-numbered", &["number"]),
    ("table-numbered", &["number"]),
    ("data-behind-chart", &[]),
    ("period", &[]),
    ("source-line", &["sources"]),
    ("sources-line", &["sources"]),
    ("obs-status-e", &[]),
    ("obs-status-f", &[]),
];

/// Messages shown only when the translation files have them: the size next to a download
/// (`{ $size } MB`, `{ $size } Mo`), as `$size` in megabytes formatted with one decimal.
pub const OPTIONAL_MESSAGES: &[(&str, &[&str])] = &[("file-size-mb", &["size"])];

/// A file offered for download from the profile's header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Download {
    /// Link target, relative to [`HtmlOptions::base_path`] unless absolute.
    pub href: String,
    /// Size in bytes, shown next to the link: readers pay for every megabyte.
    pub bytes: Option<u64>,
}

/// What the caller adds around the document: language switch, downloads, where files live.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlOptions {
    /// Prefix for the relative links below, e.g. `/profiles/SEN/`; empty for files side by side.
    pub base_path: String,
    /// The same profile in other languages, e.g. `(Lang::Fr, "SEN-fr.html")`.
    pub languages: Vec<(Lang, String)>,
    /// The PDF of this profile.
    pub pdf: Option<Download>,
    /// The data of this profile (CSV).
    pub data: Option<Download>,
    /// A members' draft: the mark (e.g. BROUILLON) and the note saying where its unpublished
    /// figures come from, shown on every page; `None` for a published document.
    pub draft: Option<DraftMark>,
}

/// The mark of a members' draft, already in the document's language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftMark {
    /// The word, e.g. DRAFT, BROUILLON, RASCUNHO.
    pub word: String,
    /// Which unpublished submissions the figures come from.
    pub note: String,
}

/// The draft banner: fixed to the top of the window, so it stays in view on screen and is
/// printed at the top of every printed page.
fn draft_banner(d: &DraftMark) -> String {
    format!(
        "<div class=\"draft-mark\" role=\"note\" style=\"position:fixed;top:0;left:0;right:0;z-index:10;background:#fff3cd;color:#7a2e00;border-bottom:2px solid #a65300;padding:.3em .6em;font:600 .85em sans-serif\"><strong>{}</strong> · {}</div><div style=\"height:3.2em\"></div>",
        mp_text::escape_html(&d.word),
        mp_text::escape_html(&d.note)
    )
}

/// A link as written in the page: absolute links are kept, relative ones get the base path.
pub fn link(base: &str, href: &str) -> String {
    let absolute = href.starts_with('/') || href.starts_with('#') || href.split_once(':').is_some_and(|(s, _)| !s.contains('/'));
    if absolute || base.is_empty() {
        return href.to_string();
    }
    let sep = if base.ends_with('/') { "" } else { "/" };
    format!("{base}{sep}{href}")
}

/// An HTML id from a section or block id: letters, digits, `-`, `_` and `.` only, so that
/// section ids such as `A.1` stay readable in links (`#A.1`) and nothing needs escaping there.
pub fn anchor(id: &str) -> String {
    let s: String = id.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '-' }).collect();
    if s.is_empty() { "s".to_string() } else { s }
}

fn render(t: &impl Template) -> String {
    // Rendering into a String fails only if a Display impl does; ours are strings.
    t.render().unwrap_or_else(|e| format!("<!-- render error: {e} -->"))
}

#[derive(Template)]
#[template(path = "document.html")]
struct PageT<'a> {
    lang: &'a str,
    title: String,
    css: &'a str,
    skip: String,
    header: String,
    /// The opening section when it carries the key figures: read before the contents.
    lead: Vec<String>,
    toc: String,
    sections: Vec<String>,
}

struct LangView {
    code: &'static str,
    name: &'static str,
    href: String,
    current: bool,
}

struct DownloadView {
    href: String,
    label: String,
    mime: Option<&'static str>,
    size: Option<String>,
}

#[derive(Template)]
#[template(path = "header.html")]
struct HeaderT {
    lang_label: String,
    langs: Vec<LangView>,
    title: String,
    subtitle: Option<String>,
    meta: String,
    downloads: Vec<DownloadView>,
}

struct TocEntry {
    anchor: String,
    number: String,
    title: String,
    children: Vec<TocEntry>,
}

#[derive(Template)]
#[template(path = "toc.html")]
struct TocT {
    label: String,
    entries: Vec<TocEntry>,
}

#[derive(Template)]
#[template(path = "section.html")]
struct SectionT {
    anchor: String,
    level: u8,
    part: bool,
    number: String,
    title: String,
    blocks: Vec<String>,
    children: Vec<String>,
}

struct KeyFigureView {
    value: String,
    mark: Option<String>,
    label: String,
    period: String,
    source: String,
}

struct TableView {
    anchor: String,
    number: String,
    title: String,
    table: String,
    source: String,
    notes: Vec<String>,
}

struct ChartView {
    anchor: String,
    number: String,
    title: String,
    svg: String,
    source: String,
    data_label: String,
    table: String,
}

enum BlockView {
    KeyFigures(Vec<KeyFigureView>),
    Paragraph(String),
    Narrative(String),
    Note(String),
    Definitions(Vec<(String, String)>),
    Findings(String),
    Table(TableView),
    Chart(ChartView),
}

#[derive(Template)]
#[template(path = "block.html")]
struct BlockT {
    block: BlockView,
}

struct CellView {
    text: String,
    mark: Option<String>,
    num: bool,
    empty: bool,
}

#[derive(Template)]
#[template(path = "table.html")]
struct DataTableT {
    id: String,
    caption: String,
    columns: Vec<String>,
    rows: Vec<Vec<CellView>>,
}

fn value_cell(v: &Value, lang: Lang) -> CellView {
    table_cell(v, lang, false)
}

/// A figure of a data table, in the table's one number style (see `localize::table_in_words`).
fn table_cell(v: &Value, lang: Lang, in_words: bool) -> CellView {
    CellView { text: localize::table_number(v, lang, in_words), mark: localize::status_mark(v, lang), num: true, empty: false }
}

fn empty_cell() -> CellView {
    CellView { text: String::new(), mark: None, num: false, empty: true }
}

fn text_cell(s: String) -> CellView {
    CellView { text: s, mark: None, num: false, empty: false }
}

/// The HTML pieces of one document in one language, numbered once for the whole document.
pub struct Fragments<'a> {
    doc: &'a Document,
    lang: Lang,
    numbers: Numbering,
}

impl<'a> Fragments<'a> {
    /// Prepares the pieces of `doc` in `lang`.
    pub fn new(doc: &'a Document, lang: Lang) -> Self {
        Fragments { doc, lang, numbers: numbering(doc) }
    }

    /// The figure and table numbers used in captions.
    pub fn numbering(&self) -> &Numbering {
        &self.numbers
    }

    /// The document's title in the language.
    pub fn title(&self) -> String {
        text(&self.doc.title, self.lang)
    }

    /// The header: language switch, title, subtitle, edition and date, downloads.
    pub fn header(&self, opts: &HtmlOptions) -> String {
        let lang = self.lang;
        let mut langs = Vec::new();
        if !opts.languages.is_empty() {
            for l in Lang::ALL {
                if l == lang {
                    langs.push(LangView { code: l.code(), name: l.endonym(), href: String::new(), current: true });
                } else if let Some((_, href)) = opts.languages.iter().find(|(x, _)| *x == l) {
                    langs.push(LangView { code: l.code(), name: l.endonym(), href: link(&opts.base_path, href), current: false });
                }
            }
        }
        let mut meta = Vec::new();
        if let Some(e) = &self.doc.edition {
            meta.push(format!("{} {e}", msg(lang, "edition")));
        }
        if !self.doc.as_of.is_empty() {
            meta.push(msg_with(lang, "last-updated", &[("date", &localize::date(&self.doc.as_of, lang))]));
        }
        let download = |d: &Download, id: &str, mime: &'static str| DownloadView {
            href: link(&opts.base_path, &d.href),
            label: msg(lang, id),
            mime: Some(mime),
            size: d.bytes.filter(|_| mp_i18n::has(lang, "file-size-mb")).map(|b| {
                let mb = mp_i18n::format_number((b as f64 / 1e6).max(0.1), 1, lang);
                msg_with(lang, "file-size-mb", &[("size", &mb)])
            }),
        };
        let mut downloads = Vec::new();
        if let Some(d) = &opts.pdf {
            downloads.push(download(d, "download-pdf", "application/pdf"));
        }
        if let Some(d) = &opts.data {
            downloads.push(download(d, "download-data", "text/csv"));
        }
        render(&HeaderT {
            lang_label: msg(lang, "language"),
            langs,
            title: self.title(),
            subtitle: self.doc.subtitle.as_ref().map(|s| text(s, lang)),
            meta: meta.join(" · "),
            downloads,
        })
    }

    fn toc_entry(&self, s: &Section, children: Vec<TocEntry>) -> TocEntry {
        TocEntry { anchor: anchor(&s.id), number: s.number.clone(), title: text(&s.title, self.lang), children }
    }

    /// The table of contents: Parts and their sections, those with content in the language.
    pub fn toc(&self) -> String {
        let shown = |s: &&Section| localize::section_has_content(s, self.lang);
        let entries = self
            .doc
            .sections
            .iter()
            .filter(shown)
            .map(|s| self.toc_entry(s, s.children.iter().filter(shown).map(|c| self.toc_entry(c, Vec::new())).collect()))
            .collect();
        render(&TocT { label: msg(self.lang, "contents"), entries })
    }

    /// A section with its sub-sections; `level` is its heading level (2 for a Part). Empty
    /// when the section has nothing to show in the language.
    pub fn section(&self, s: &Section, level: u8) -> String {
        if !localize::section_has_content(s, self.lang) {
            return String::new();
        }
        let level = level.clamp(2, 6);
        render(&SectionT {
            anchor: anchor(&s.id),
            level,
            // A Part opens a new page in print; the short unnumbered sections at the start
            // (key figures, summary, introduction) follow each other.
            part: level == 2 && (!s.number.is_empty() || !s.children.is_empty()),
            number: s.number.clone(),
            title: text(&s.title, self.lang),
            blocks: s.blocks.iter().map(|b| self.block(b, level)).filter(|h| !h.is_empty()).collect(),
            children: s.children.iter().map(|c| self.section(c, level + 1)).filter(|h| !h.is_empty()).collect(),
        })
    }

    /// One block of a section whose heading is at `level`; empty when it has nothing to show
    /// in the language.
    pub fn block(&self, b: &Block, level: u8) -> String {
        let lang = self.lang;
        if !localize::block_has_content(b, lang) {
            return String::new();
        }
        let view = match b {
            Block::KeyFigures(k) => BlockView::KeyFigures(k.iter().map(|k| self.key_figure(k)).collect()),
            Block::Paragraph(p) => BlockView::Paragraph(p.iter().map(|t| text(t, lang)).collect::<Vec<_>>().join(" ")),
            Block::Narrative(n) => BlockView::Narrative(n.get(&lang).map(|md| narrative_html(md, level)).unwrap_or_default()),
            Block::Note(t) => BlockView::Note(text(t, lang)),
            Block::Definitions(d) => BlockView::Definitions(d.iter().map(|(a, b)| (text(a, lang), text(b, lang))).collect()),
            Block::Findings(f) => BlockView::Findings(self.findings_html(f, level)),
            Block::Table(t) => BlockView::Table(self.table_view(t)),
            Block::Chart(c) => BlockView::Chart(self.chart_view(c)),
        };
        // What the marks of flagged figures mean: under a table with its other notes, after
        // any other block.
        let mut view = view;
        let marks = crate::marks::block_note(b, lang);
        let after = match (&mut view, marks) {
            (BlockView::Table(t), Some(n)) => {
                t.notes.push(n);
                None
            }
            (_, n) => n,
        };
        let mut html = render(&BlockT { block: view });
        if let Some(n) = after {
            html.push('\n');
            html.push_str(&render(&BlockT { block: BlockView::Note(n) }));
        }
        html
    }

    /// Part D's items written in the language, each followed by its evidence: the figure with
    /// its value and source, linked to the table, chart or section that shows it.
    fn findings_html(&self, items: &[mp_profile::Finding], level: u8) -> String {
        let lang = self.lang;
        let esc = mp_text::escape_html;
        let mut out = String::from("<ol class=\"findings\">");
        for f in items {
            let Some(md) = f.text.get(&lang).filter(|t| !t.trim().is_empty()) else { continue };
            out.push_str(&format!(
                "\n<li id=\"{}\"><p class=\"fk\">{}</p><div class=\"narr\">{}</div>",
                anchor(&format!("finding-{}", f.key)),
                esc(&crate::findings::kind_label(f.kind, lang)),
                narrative_html(md, level)
            ));
            let lines = crate::findings::evidence_lines(self.doc, &self.numbers, f, lang);
            if !lines.is_empty() {
                out.push_str(&format!("<p class=\"ev\">{}</p><ul class=\"ev\">", esc(&msg(lang, "findings-evidence"))));
                for l in lines {
                    out.push_str(&format!("<li>{}", esc(&l.text)));
                    if let Some(p) = &l.place {
                        let id = match p {
                            crate::findings::Place::Table { id, .. }
                            | crate::findings::Place::Figure { id, .. }
                            | crate::findings::Place::Section { id } => id,
                        };
                        out.push_str(&format!(" — <a href=\"#{}\">{}</a>", anchor(id), esc(&l.see)));
                    }
                    out.push_str("</li>");
                }
                out.push_str("</ul>");
            }
            out.push_str("</li>");
        }
        out.push_str("\n</ol>");
        out
    }

    fn key_figure(&self, k: &KeyFigure) -> KeyFigureView {
        let lang = self.lang;
        // A box is narrow on a phone: "18.5 million" may wrap after the number, which the
        // no-break space of running text forbids; "1,6 %" stays whole.
        let value = wrappable(&localize::key_number(&k.value, lang));
        KeyFigureView {
            value,
            mark: localize::status_mark(&k.value, lang),
            label: text(&k.label, lang),
            period: localize::period(&k.period, lang),
            source: crate::marks::key_figure_sources(k, self.doc, lang),
        }
    }

    fn caption_number(&self, id: &str, n: Option<usize>) -> String {
        n.map(|n| msg_with(self.lang, id, &[("number", &n.to_string())])).unwrap_or_default()
    }

    fn table_view(&self, t: &Table) -> TableView {
        let lang = self.lang;
        let number = self.caption_number("table-numbered", self.numbers.table(&t.id));
        let title = text(&t.title, lang);
        let a = anchor(&t.id);
        let caption = if number.is_empty() { title.clone() } else { format!("{number}. {title}") };
        let in_words = localize::table_in_words(t);
        let rows = t
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        Cell::Text(s) => text_cell(text(s, lang)),
                        Cell::Value(v) => table_cell(v, lang, in_words),
                        Cell::Empty => empty_cell(),
                    })
                    .collect()
            })
            .collect();
        let table = render(&DataTableT { id: format!("{a}-c"), caption, columns: t.columns.iter().map(|c| text(c, lang)).collect(), rows });
        TableView {
            anchor: a,
            number,
            title,
            table,
            source: localize::source_line(&t.sources, self.doc, lang),
            notes: t.notes.iter().map(|n| text(n, lang)).collect(),
        }
    }

    /// The same series as the chart, as a table: one row per category, one column per series
    /// (and one per band), so that every figure drawn can also be read and copied.
    fn chart_data(&self, c: &Chart, caption: String, id: String) -> String {
        let lang = self.lang;
        let mut columns =
            vec![if matches!(c.kind, ChartKind::HBar | ChartKind::Map | ChartKind::Heat) { String::new() } else { msg(lang, "period") }];
        for s in &c.series {
            columns.push(text(&s.name, lang));
            if s.band.is_some() {
                columns.push(s.band_label.as_ref().map(|l| text(l, lang)).unwrap_or_default());
            }
        }
        let rows = c
            .categories
            .iter()
            .enumerate()
            .map(|(i, cat)| {
                let mut row = vec![text_cell(text(cat, lang))];
                for s in &c.series {
                    let cell = s.values.get(i).and_then(|v| v.as_ref()).map(|v| {
                        let mut cell = value_cell(v, lang);
                        // The column of a projected series says so in its header already.
                        if s.projected && v.status.as_deref() == Some("F") {
                            cell.mark = None;
                        }
                        cell
                    });
                    row.push(cell.unwrap_or_else(empty_cell));
                    if let Some(b) = &s.band {
                        let like = s.values.iter().flatten().next();
                        let fmt = |x: f64| match like {
                            Some(v) => localize::number(&Value { v: x, status: None, ..v.clone() }, lang),
                            None => mp_i18n::format_number(x, 0, lang),
                        };
                        row.push(match b.get(i).copied().flatten() {
                            Some((lo, hi)) => {
                                CellView { text: format!("{}\u{2013}{}", fmt(lo), fmt(hi)), mark: None, num: true, empty: false }
                            }
                            None => empty_cell(),
                        });
                    }
                }
                row
            })
            .collect();
        render(&DataTableT { id, caption, columns, rows })
    }

    fn chart_view(&self, c: &Chart) -> ChartView {
        let lang = self.lang;
        let number = self.caption_number("figure-numbered", self.numbers.figure(&c.id));
        let title = text(&c.title, lang);
        let a = anchor(&c.id);
        let data_label = msg(lang, "data-behind-chart");
        let caption = if number.is_empty() { data_label.clone() } else { format!("{data_label}: {number}") };
        ChartView {
            svg: self.chart_drawings(c),
            source: localize::source_line(&c.sources, self.doc, lang),
            table: self.chart_data(c, caption, format!("{a}-d")),
            anchor: a,
            number,
            title,
            data_label,
        }
    }

    /// The chart's SVG for print (the PDF): title and source are in the page's caption and
    /// source line, so the drawing leaves them out and keeps the title only as its accessible name.
    pub fn chart_svg(&self, c: &Chart) -> String {
        let mut model = localize::chart_model(c, self.lang, self.doc);
        let title = model.detach_caption();
        let svg = localize::render_model(&model, c, self.lang);
        with_title(svg, &title)
    }

    /// The chart's drawings for a screen page, one for phones and one for wide columns (see
    /// [`screen_drawings`]), captioned like [`Fragments::chart_svg`].
    pub fn chart_drawings(&self, c: &Chart) -> String {
        let mut model = localize::chart_model(c, self.lang, self.doc);
        let title = model.detach_caption();
        screen_drawings(&model, c, self.lang, &title)
    }

    /// Every section of the document with content in the language, Parts at heading level 2.
    pub fn sections(&self) -> Vec<String> {
        self.doc.sections.iter().map(|s| self.section(s, 2)).filter(|h| !h.is_empty()).collect()
    }
}

/// A chart as a file of its own (`.svg` download, source of the `.png`): the wide drawing with
/// its title drawn inside, sized in pixels rather than to a page's column.
/// `model` is the chart's localised drawing (see [`localize::chart_model`]), caption kept.
pub fn chart_file_svg(model: &mp_chart::Chart, c: &Chart, lang: Lang) -> String {
    let svg = localize::render_model_for(model, c, lang, localize::Fit::Wide);
    let size = svg.split("viewBox=\"0 0 ").nth(1).and_then(|v| v.split('"').next()).and_then(|v| v.split_once(' '));
    let svg = match size {
        Some((w, h)) => svg.replacen(" width=\"100%\"", &format!(" width=\"{w}\" height=\"{h}\""), 1),
        None => svg,
    };
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{svg}")
}

/// A chart drawn twice for screens: `<div class="ph">` for phone columns and `<div class="wd">`
/// for wide ones; the stylesheet shows one and hides the other (hidden drawings are not read
/// out), so chart text stays at 11 CSS px or more and wide charts use the column's width.
pub fn screen_drawings(model: &mp_chart::Chart, c: &Chart, lang: Lang, title: &str) -> String {
    let phone = with_title(localize::render_model_for(model, c, lang, localize::Fit::Phone), title);
    let wide = with_title(localize::render_model_for(model, c, lang, localize::Fit::Wide), title);
    format!("<div class=\"ph\">{phone}</div><div class=\"wd\">{wide}</div>")
}

/// Turns no-break spaces into spaces, except the one before `%`.
fn wrappable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(if c == '\u{a0}' && chars.peek() != Some(&'%') { ' ' } else { c });
    }
    out
}

/// Gives a drawing drawn without a title its accessible name back: the first child of the
/// `<svg>` root, where screen readers look for it.
fn with_title(svg: String, title: &str) -> String {
    let title = title.trim();
    if title.is_empty() {
        return svg;
    }
    let name = format!("<title>{}</title>", mp_text::escape_html(title));
    if svg.contains("<title></title>") {
        return svg.replacen("<title></title>", &name, 1);
    }
    match svg.find("<svg").and_then(|i| svg[i..].find('>').map(|j| i + j + 1)) {
        Some(at) if !svg.contains("<title>") => format!("{}{name}{}", &svg[..at], &svg[at..]),
        _ => svg,
    }
}

/// The whole profile as one HTML file in `lang`.
pub fn document_html(doc: &Document, lang: Lang, opts: &HtmlOptions) -> String {
    let doc = &crate::awaiting::for_lang(&crate::reader::for_readers(doc), lang, opts.draft.is_some());
    let f = Fragments::new(doc, lang);
    // Key figures come before the contents, as on the portal's country page: the opening
    // sections up to the one that holds them (a foreword may precede it) are read first.
    let figures = |s: &Section| s.blocks.iter().any(|b| matches!(b, Block::KeyFigures(_)));
    let lead_count = doc.sections.iter().take(3).position(figures).map_or(0, |i| i + 1);
    let html = |list: &[Section]| list.iter().map(|s| f.section(s, 2)).filter(|h| !h.is_empty()).collect::<Vec<_>>();
    let (lead, sections) = (html(&doc.sections[..lead_count]), html(&doc.sections[lead_count..]));
    render(&PageT {
        lang: lang.code(),
        title: f.title(),
        css: CSS,
        skip: msg(lang, "skip-to-content"),
        header: match &opts.draft {
            Some(d) => format!("{}{}", draft_banner(d), f.header(opts)),
            None => f.header(opts),
        },
        lead,
        toc: f.toc(),
        sections,
    })
}

/// One section of `doc` (found anywhere in the tree) as HTML, numbered as in the whole
/// document; its heading level follows its depth.
pub fn section_html(doc: &Document, section: &Section, lang: Lang) -> String {
    fn depth(list: &[Section], id: &str, d: u8) -> Option<u8> {
        list.iter().find_map(|s| if s.id == id { Some(d) } else { depth(&s.children, id, d + 1) })
    }
    let level = 2 + depth(&doc.sections, &section.id, 0).unwrap_or(0);
    Fragments::new(doc, lang).section(section, level)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_go_first_in_the_drawing() {
        let want = r#"<svg a="1"><title>A &amp; B</title><desc>d</desc></svg>"#;
        assert_eq!(with_title(r#"<svg a="1"><desc>d</desc></svg>"#.into(), "A & B"), want);
        assert_eq!(with_title(r#"<svg a="1"><title></title><desc>d</desc></svg>"#.into(), "A & B"), want);
        assert_eq!(with_title(r#"<svg a="1"><title>Kept</title></svg>"#.into(), "A & B"), r#"<svg a="1"><title>Kept</title></svg>"#);
        assert_eq!(with_title("<svg></svg>".into(), " "), "<svg></svg>");
    }

    #[test]
    fn key_figures_may_wrap_but_not_before_percent() {
        assert_eq!(wrappable("20,1\u{a0}milliards de dollars US"), "20,1 milliards de dollars US");
        assert_eq!(wrappable("1,6\u{a0}%"), "1,6\u{a0}%");
        assert_eq!(wrappable("US$\u{a0}2.91\u{a0}billion"), "US$ 2.91 billion");
    }

    #[test]
    fn links_and_anchors() {
        assert_eq!(link("", "SEN-fr.html"), "SEN-fr.html");
        assert_eq!(link("/p/SEN", "SEN-fr.html"), "/p/SEN/SEN-fr.html");
        assert_eq!(link("/p/SEN/", "SEN-fr.html"), "/p/SEN/SEN-fr.html");
        assert_eq!(link("/p/SEN/", "https://x.org/a"), "https://x.org/a");
        assert_eq!(link("/p/SEN/", "/abs.pdf"), "/abs.pdf");
        assert_eq!(anchor("A.1"), "A.1");
        assert_eq!(anchor("a b\"<x>"), "a-b--x-");
        assert_eq!(anchor(""), "s");
    }
}

//! The document in one language as the JSON the template reads, plus its chart drawings.
//!
//! Every string and number comes from `mp_render` (the same calls the HTML renderer makes), so
//! the PDF and the HTML say the same thing; nothing is computed here but layout hints.

use crate::PdfOptions;
use crate::{markdown, metrics};
use mp_domain::Lang;
use mp_profile::{Arg, Block, Cell, Chart, Document, KeyFigure, Section, Subject, Table, Text, Value};
use mp_render::localize::{self, msg, msg_with, text};
use mp_render::{Fragments, Numbering};
use serde_json::{Value as Json, json};

/// Stand-ins for the page numbers in the `page-of` message; typst fills them in per page.
const PAGE: &str = "\u{E000}";
const PAGES: &str = "\u{E001}";

/// The template section whose narrative is the foreword, printed before the contents.
const FOREWORD: &str = "foreword";

/// The template's input and the virtual files it refers to.
pub(crate) struct Prepared {
    /// The localised document.
    pub data: Json,
    /// `(path, content)` of each chart drawing.
    pub files: Vec<(String, Vec<u8>)>,
}

struct Ctx<'a> {
    doc: &'a Document,
    lang: Lang,
    numbers: &'a Numbering,
    fragments: Fragments<'a>,
    files: Vec<(String, Vec<u8>)>,
}

/// The name of the country a profile is about, as its title names it.
fn country_name(doc: &Document, lang: Lang) -> Option<String> {
    if !matches!(doc.subject, Subject::Country { .. }) {
        return None;
    }
    match &doc.title {
        Text::Msg { args, .. } => args.iter().find_map(|(k, a)| match a {
            Arg::Text(t) if k == "country" => Some(text(t, lang)),
            _ => None,
        }),
        _ => None,
    }
}

/// The `page-of` message cut into text and the places of the two numbers.
fn page_of(lang: Lang) -> Vec<Json> {
    let s = msg_with(lang, "page-of", &[("page", PAGE), ("pages", PAGES)]);
    let mut out = Vec::new();
    let mut run = String::new();
    for ch in s.chars() {
        let slot = match ch.to_string().as_str() {
            PAGE => "page",
            PAGES => "pages",
            _ => {
                run.push(ch);
                continue;
            }
        };
        if !run.is_empty() {
            out.push(json!({"t": "s", "s": std::mem::take(&mut run)}));
        }
        out.push(json!({"t": slot}));
    }
    if !run.is_empty() {
        out.push(json!({"t": "s", "s": run}));
    }
    out
}

/// The word before the number in a numbered caption ("Quadro" in "Quadro 3"), for typst's
/// figure supplement; the caption itself prints the whole message.
fn supplement(lang: Lang, id: &str) -> String {
    let s = msg_with(lang, id, &[("number", PAGE)]);
    s.replace(PAGE, "").trim().to_string()
}

/// `YYYY-MM-DD` as numbers, for the PDF's date.
pub(crate) fn ymd(iso: &str) -> Option<(i32, u8, u8)> {
    let mut it = iso.split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.parse().ok()?;
    (iso.len() == 10 && it.next().is_none() && (1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// The acronyms the front matter may list (`pubdoc-acr-<key>` in the messages); each is listed
/// only when the document's text uses it.
const ACRONYMS: &[&str] = &[
    "ecowas", "au", "eu", "fdi", "gdp", "hdi", "iati", "idmc", "idp", "ilo", "iom", "knomad", "oda", "twg", "un", "undesa", "unesco",
    "unhcr", "wdi", "wpp",
];

/// Whether `word` occurs in `text` on its own (not inside a longer word).
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The acronyms `text` uses, in `lang`, sorted: `{short, long}` for the front matter.
fn acronyms(text: &str, lang: Lang) -> Vec<Json> {
    let mut found: Vec<(String, String)> = ACRONYMS
        .iter()
        .map(|k| (msg(lang, &format!("pubdoc-acr-{k}")), msg(lang, &format!("pubdoc-acr-{k}-long"))))
        .filter(|(short, _)| has_word(text, short))
        .collect();
    found.sort();
    found.dedup_by(|a, b| a.0 == b.0);
    found.into_iter().map(|(short, long)| json!({"short": short, "long": long})).collect()
}

impl Ctx<'_> {
    fn section(&mut self, s: &Section, level: usize) -> Json {
        let mut blocks: Vec<Json> = Vec::new();
        for b in &s.blocks {
            let Some(mut j) = self.block(b, level) else { continue };
            // What the marks of flagged figures mean: with a table's notes, after any other block.
            let note = mp_render::marks::block_note(b, self.lang);
            let notes = j.get_mut("notes").and_then(Json::as_array_mut);
            match (note, notes) {
                (Some(n), Some(notes)) => {
                    notes.push(Json::from(n));
                    blocks.push(j);
                }
                (Some(n), None) => {
                    blocks.push(j);
                    blocks.push(json!({"t": "marks", "text": n}));
                }
                (None, _) => blocks.push(j),
            }
        }
        // A section with nothing to show in the language (a heading over text not yet written)
        // is left out, as in the HTML.
        let lang = self.lang;
        let children: Vec<Json> =
            s.children.iter().filter(|c| localize::section_has_content(c, lang)).map(|c| self.section(c, level + 1)).collect();
        json!({
            "id": s.id,
            "number": s.number,
            "title": text(&s.title, self.lang),
            "level": level,
            "blocks": blocks,
            "children": children,
        })
    }

    fn block(&mut self, b: &Block, level: usize) -> Option<Json> {
        let lang = self.lang;
        Some(match b {
            Block::KeyFigures(k) => json!({"t": "key_figures", "items": k.iter().map(|k| self.key_figure(k)).collect::<Vec<_>>()}),
            Block::Paragraph(p) => json!({"t": "paragraph", "text": p.iter().map(|t| text(t, lang)).collect::<Vec<_>>().join(" ")}),
            Block::Narrative(n) => {
                // A narrative written in other languages only shows nothing, as in the HTML.
                let md = n.get(&lang).filter(|md| !md.trim().is_empty())?;
                json!({"t": "narrative", "shift": level, "blocks": markdown::narrative(md)})
            }
            Block::Note(t) => json!({"t": "note", "text": text(t, lang)}),
            Block::Definitions(d) => json!({
                "t": "definitions",
                "items": d.iter().map(|(a, b)| json!({"term": text(a, lang), "desc": text(b, lang)})).collect::<Vec<_>>(),
            }),
            Block::Findings(f) => self.findings(f, level)?,
            Block::Table(t) => self.table(t),
            Block::Chart(c) => self.chart(c),
        })
    }

    /// Part D's items written in the language, with their evidence and the label of the table,
    /// chart or section showing it (`blk-<id>`, `sec-<id>`) for an internal link and its page.
    fn findings(&self, items: &[mp_profile::Finding], level: usize) -> Option<Json> {
        use mp_render::findings::{Place, evidence_lines, kind_label};
        let lang = self.lang;
        let items: Vec<Json> = items
            .iter()
            .filter_map(|f| {
                let md = f.text.get(&lang).filter(|t| !t.trim().is_empty())?;
                let evidence: Vec<Json> = evidence_lines(self.doc, self.numbers, f, lang)
                    .into_iter()
                    .map(|l| {
                        let target = l.place.map(|p| match p {
                            Place::Table { id, .. } | Place::Figure { id, .. } => format!("blk-{id}"),
                            Place::Section { id } => format!("sec-{id}"),
                        });
                        json!({"text": l.text, "see": l.see, "target": target})
                    })
                    .collect();
                Some(json!({"kind": kind_label(f.kind, lang), "shift": level, "blocks": markdown::narrative(md), "evidence": evidence}))
            })
            .collect();
        if items.is_empty() {
            return None;
        }
        let page = msg_with(lang, "findings-page", &[("page", PAGE)]);
        let (before, after) = page.split_once(PAGE).unwrap_or((&page, ""));
        Some(json!({
            "t": "findings",
            "items": items,
            "evidence_label": msg(lang, "findings-evidence"),
            "page_before": before,
            "page_after": after,
        }))
    }

    fn key_figure(&self, k: &KeyFigure) -> Json {
        let lang = self.lang;
        let source = mp_render::marks::key_figure_sources(k, self.doc, self.lang);
        let period = localize::period(&k.period, lang);
        let meta = if source.is_empty() { period } else { format!("{period} · {source}") };
        json!({
            "value": localize::key_number(&k.value, lang),
            "mark": localize::status_mark(&k.value, lang),
            "label": text(&k.label, lang),
            "meta": meta,
        })
    }

    fn caption_label(&self, id: &str, n: Option<usize>) -> Json {
        n.map(|n| Json::from(msg_with(self.lang, id, &[("number", &n.to_string())]))).unwrap_or(Json::Null)
    }

    fn value_cell(&self, v: &Value, in_words: bool) -> Json {
        json!({"s": localize::table_number(v, self.lang, in_words), "mark": localize::status_mark(v, self.lang), "num": true})
    }

    fn table(&self, t: &Table) -> Json {
        let lang = self.lang;
        let width = t.columns.len().max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
        let columns: Vec<String> = (0..width).map(|i| t.columns.get(i).map(|c| text(c, lang)).unwrap_or_default()).collect();
        // One number style per table (see mp_render::localize::table_in_words).
        let in_words = localize::table_in_words(t);
        let rows: Vec<Vec<Json>> = t
            .rows
            .iter()
            .map(|r| {
                (0..width)
                    .map(|i| match r.get(i) {
                        Some(Cell::Text(s)) => json!({"s": text(s, lang), "num": false}),
                        Some(Cell::Value(v)) => self.value_cell(v, in_words),
                        Some(Cell::Empty) | None => json!({"empty": true}),
                    })
                    .collect()
            })
            .collect();
        // A figure column (right-aligned, never wrapped) holds figures and blanks only.
        let numeric: Vec<bool> = (0..width)
            .map(|i| {
                let mut cells = t.rows.iter().filter_map(|r| r.get(i)).filter(|c| !matches!(c, Cell::Empty)).peekable();
                cells.peek().is_some() && cells.all(|c| matches!(c, Cell::Value(_)))
            })
            .collect();
        // Natural widths for the template's column sizing (see `column-widths` there).
        let size = if width > 6 { 7.5 } else { 8.5 };
        let pad = 9.0;
        let widths: Vec<Json> = (0..width)
            .map(|i| {
                let head = &columns[i];
                let word = head.split_whitespace().map(|w| metrics::width(w, size, true)).fold(0.0, f64::max);
                let half = metrics::width(head, size, true) / 2.0 + 4.0;
                let (mut full, mut bare, mut token) = (0.0f64, 0.0f64, word);
                for row in &rows {
                    let s = row[i].get("s").and_then(Json::as_str).unwrap_or("\u{2014}");
                    let w = metrics::width(s, size, false);
                    let mark = row[i]
                        .get("mark")
                        .and_then(Json::as_str)
                        .map_or(0.0, |m| metrics::width(" ", size, false) + metrics::width(&format!("({m})"), size * 0.85, false));
                    full = full.max(w + mark);
                    bare = bare.max(w);
                    token = s.split_whitespace().map(|x| metrics::width(x, size, false)).fold(token, f64::max);
                }
                // full: on one line; least: a figure without its mark; word: the longest word,
                // below which a text column would overflow.
                json!({"full": full.max(word).max(half) + pad, "least": bare.max(word) + pad, "word": token + pad})
            })
            .collect();
        json!({
            "t": "table",
            "id": t.id,
            "label": self.caption_label("table-numbered", self.numbers.table(&t.id)),
            "number": self.numbers.table(&t.id),
            "title": text(&t.title, lang),
            "columns": columns,
            "numeric": numeric,
            "size": size,
            "widths": widths,
            "rows": rows,
            "source": localize::source_line(&t.sources, self.doc, lang),
            "notes": t.notes.iter().map(|n| text(n, lang)).collect::<Vec<_>>(),
        })
    }

    fn chart(&mut self, c: &Chart) -> Json {
        let lang = self.lang;
        // The drawing the HTML page shows: title and source live in the caption and source line.
        let svg = self.fragments.chart_svg(c);
        let file = format!("/chart-{}.svg", self.files.len() + 1);
        self.files.push((file.clone(), svg.into_bytes()));
        json!({
            "t": "chart",
            "id": c.id,
            "label": self.caption_label("figure-numbered", self.numbers.figure(&c.id)),
            "number": self.numbers.figure(&c.id),
            "title": text(&c.title, lang),
            "file": file,
            "alt": text(&c.alt, lang),
            "tall": c.kind == mp_profile::ChartKind::HBar,
            "source": localize::source_line(&c.sources, self.doc, lang),
        })
    }
}

/// Localises `doc` in `lang` for the template.
pub(crate) fn prepare(doc: &Document, lang: Lang, opts: &PdfOptions) -> Prepared {
    let fragments = Fragments::new(doc, lang);
    let numbers = fragments.numbering().clone();
    let mut ctx = Ctx { doc, lang, numbers: &numbers, fragments, files: Vec::new() };
    let mut sections: Vec<Json> =
        doc.sections.iter().filter(|s| localize::section_has_content(s, lang)).map(|s| ctx.section(s, 1)).collect();
    // The foreword, when the narrative has one, opens the front matter before the contents.
    let foreword = sections.iter().position(|s| s["id"] == FOREWORD).map(|i| sections.remove(i));
    let acronyms = acronyms(&serde_json::to_string(&sections).unwrap_or_default(), lang);
    let title = text(&doc.title, lang);
    let country = country_name(doc, lang);
    let published_by = opts.publisher.clone().or_else(|| country.as_ref().map(|c| msg_with(lang, "published-by", &[("country", c)])));
    let short_title = opts.short_title.clone().or(country).unwrap_or_else(|| title.clone());
    let updated = (!doc.as_of.is_empty()).then(|| msg_with(lang, "last-updated", &[("date", &localize::date(&doc.as_of, lang))]));
    let date = ymd(&doc.as_of).map(|(y, m, d)| json!({"year": y, "month": m, "day": d}));
    let cover_map = cover_map(doc, lang).map(|svg| {
        ctx.files.push(("/cover-map.svg".to_string(), svg.into_bytes()));
        "/cover-map.svg"
    });
    let data = json!({
        "lang": lang.code(),
        // Portuguese of Portugal and the PALOP, not of Brazil: it decides hyphenation and quotes.
        "region": if lang == Lang::Pt { Json::from("PT") } else { Json::Null },
        "title": title,
        "subtitle": doc.subtitle.as_ref().map(|s| text(s, lang)),
        "short_title": short_title,
        "edition": doc.edition.as_ref().map(|e| format!("{} {e}", msg(lang, "edition"))),
        "updated": updated,
        "published_by": published_by,
        "date": date,
        "contents": msg(lang, "contents"),
        "list_of_figures": msg(lang, "list-of-figures"),
        "list_of_tables": msg(lang, "list-of-tables"),
        "page_of": page_of(lang),
        "figure_supplement": supplement(lang, "figure-numbered"),
        "table_supplement": supplement(lang, "table-numbered"),
        "sections": sections,
        "foreword": foreword,
        "acronyms": acronyms,
        "acronyms_title": msg(lang, "pubdoc-acronyms"),
        "draft": opts.draft.as_ref().map(|(word, note)| json!({"word": word, "note": note})),
        "cover_map": cover_map,
    });
    Prepared { data, files: ctx.files }
}

/// The cover's map: West and Central Africa with the country in the focus colour, as the 2009
/// profiles opened. The country is the focus of the document's own maps (its M49 code comes
/// with them); a document without one (the regional report) has no cover map.
fn cover_map(doc: &Document, lang: Lang) -> Option<String> {
    fn focus(sections: &[mp_profile::Section]) -> Option<(u16, mp_profile::Text)> {
        sections.iter().find_map(|s| {
            s.blocks
                .iter()
                .find_map(|b| match b {
                    mp_profile::Block::Chart(c) => c.map.as_ref().and_then(|m| m.focus.clone()),
                    _ => None,
                })
                .or_else(|| focus(&s.children))
        })
    }
    let (code, name) = focus(&doc.sections)?;
    mp_chart::region_locator(code, &mp_chart::WEST_CENTRAL_AFRICA, 400.0, &text(&name, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_of_keeps_the_word_order_of_each_language() {
        let en = page_of(Lang::En);
        assert_eq!(en[1]["t"], "page");
        assert!(en.iter().any(|p| p["t"] == "pages"));
        let pt = page_of(Lang::Pt);
        assert_eq!(pt[0]["s"], "Página ");
    }

    #[test]
    fn supplements_come_from_the_caption_messages() {
        assert_eq!(supplement(Lang::En, "table-numbered"), "Table");
        assert_eq!(supplement(Lang::Fr, "table-numbered"), "Tableau");
        assert_eq!(supplement(Lang::Pt, "table-numbered"), "Quadro");
        assert_eq!(supplement(Lang::Pt, "figure-numbered"), "Figura");
    }

    #[test]
    fn acronyms_are_listed_only_when_used_as_words() {
        let fr = acronyms("Les émigrés vivant dans la CEDEAO ; 3,1 % du PIB. UNE phrase.", Lang::Fr);
        let shorts: Vec<&str> = fr.iter().filter_map(|a| a["short"].as_str()).collect();
        assert_eq!(shorts, ["CEDEAO", "PIB"]);
        assert_eq!(fr[0]["long"], "Communauté économique des États de l'Afrique de l'Ouest");
        assert!(acronyms("GDPR and UNHCRX", Lang::En).is_empty());
    }

    #[test]
    fn dates() {
        assert_eq!(ymd("2026-01-15"), Some((2026, 1, 15)));
        assert_eq!(ymd("2026-13-15"), None);
        assert_eq!(ymd(""), None);
        assert_eq!(ymd("2026-01-15T10:00"), None);
    }
}

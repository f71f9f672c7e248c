//! Narrative Markdown as a JSON tree that the template typesets.
//!
//! Narratives are written by Technical Working Groups, so their text is data: it reaches typst
//! only as JSON strings and is never parsed as typst markup. The tree follows what the HTML
//! renderer shows (`mp_render::markdown`): raw HTML is text, images become links, and only
//! links a reader can follow from paper or a PDF viewer (`http`, `https`, `mailto`) stay links.
//!
//! Nodes are objects with a `t` field. Blocks: `p`, `plain` (text of a tight list item), `h`
//! (`level`), `list` (`ordered`, `start`, `items`), `quote`, `code` (`s`), `hr`, `table`
//! (`align`, `head`, `rows`), `fndef` (`label`). Inlines: `s` (text), `q` (a straight quote the
//! template turns into the language's quote, `d` for double), `em`, `strong`, `del`, `code`,
//! `link` (`url` or null), `br`, `fnref` (`label`). Containers keep their children in `c`.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use serde_json::{Map, Value, json};

/// Whether a link can be followed from a PDF: web pages and e-mail, nothing relative to a site.
fn followable(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    mp_render::markdown::safe_url(url) && ["http://", "https://", "mailto:"].iter().any(|p| lower.starts_with(p))
}

#[derive(PartialEq)]
enum Kind {
    /// Holds blocks; inline children are gathered into a `plain` block.
    Blocks,
    /// Holds inlines.
    Inlines,
    /// Holds items, rows or cells.
    Parts,
    /// Collects the text of a code block.
    Code,
}

struct Frame {
    node: Map<String, Value>,
    kind: Kind,
    children: Vec<Value>,
}

impl Frame {
    fn new(t: &str, kind: Kind) -> Self {
        let mut node = Map::new();
        node.insert("t".into(), Value::from(t));
        Frame { node, kind, children: Vec::new() }
    }

    fn with(mut self, key: &str, v: Value) -> Self {
        self.node.insert(key.into(), v);
        self
    }

    fn add(&mut self, child: Value, inline: bool) {
        if inline && self.kind == Kind::Blocks {
            if let Some(Value::Object(last)) = self.children.last_mut()
                && last.get("t").and_then(Value::as_str) == Some("plain")
                && let Some(Value::Array(c)) = last.get_mut("c")
            {
                c.push(child);
                return;
            }
            self.children.push(json!({"t": "plain", "c": [child]}));
        } else {
            self.children.push(child);
        }
    }

    fn finish(mut self) -> Value {
        let t = self.node.get("t").and_then(Value::as_str).unwrap_or_default().to_string();
        match t.as_str() {
            "list" => {
                self.node.insert("items".into(), Value::Array(self.children));
            }
            "table" => {
                // The head comes first and holds cells; each row holds cells.
                let mut parts = self.children.into_iter();
                let head = parts.next().and_then(|h| h.get("c").cloned()).unwrap_or(Value::Array(Vec::new()));
                let rows: Vec<Value> = parts.map(|r| r.get("c").cloned().unwrap_or(Value::Array(Vec::new()))).collect();
                self.node.insert("head".into(), head);
                self.node.insert("rows".into(), Value::Array(rows));
            }
            "code" => {
                let s: String = self.children.iter().filter_map(Value::as_str).collect();
                self.node.insert("s".into(), Value::from(s));
            }
            _ => {
                self.node.insert("c".into(), Value::Array(self.children));
            }
        }
        Value::Object(self.node)
    }
}

/// Text with straight quotes split out, so the template can set them as the language's quotes
/// (« » in French) the way typst does for its own markup.
fn text_nodes(s: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut run = String::new();
    for ch in s.chars() {
        if ch == '"' || ch == '\'' {
            if !run.is_empty() {
                out.push(json!({"t": "s", "s": std::mem::take(&mut run)}));
            }
            out.push(json!({"t": "q", "d": ch == '"'}));
        } else {
            run.push(ch);
        }
    }
    if !run.is_empty() {
        out.push(json!({"t": "s", "s": run}));
    }
    out
}

fn align(a: &Alignment) -> &'static str {
    match a {
        Alignment::None | Alignment::Left => "left",
        Alignment::Center => "center",
        Alignment::Right => "right",
    }
}

/// Parses narrative Markdown into the block nodes described in the module documentation.
pub fn narrative(md: &str) -> Vec<Value> {
    // The same extensions as the HTML renderer, so a table or footnote shows in both.
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut stack = vec![Frame::new("root", Kind::Blocks)];
    for event in Parser::new_ext(md, opts) {
        match event {
            Event::Start(tag) => {
                let frame = match tag {
                    Tag::Paragraph | Tag::HtmlBlock => Frame::new("p", Kind::Inlines),
                    Tag::Heading { level, .. } => Frame::new("h", Kind::Inlines).with("level", Value::from(level as u8)),
                    Tag::BlockQuote(_) => Frame::new("quote", Kind::Blocks),
                    Tag::CodeBlock(kind) => {
                        let lang = match kind {
                            CodeBlockKind::Fenced(l) if !l.is_empty() => Value::from(l.to_string()),
                            _ => Value::Null,
                        };
                        Frame::new("code", Kind::Code).with("lang", lang)
                    }
                    Tag::List(start) => Frame::new("list", Kind::Parts)
                        .with("ordered", Value::from(start.is_some()))
                        .with("start", Value::from(start.unwrap_or(1))),
                    Tag::Item => Frame::new("item", Kind::Blocks),
                    Tag::FootnoteDefinition(label) => Frame::new("fndef", Kind::Blocks).with("label", Value::from(label.to_string())),
                    Tag::Table(aligns) => {
                        Frame::new("table", Kind::Parts).with("align", Value::Array(aligns.iter().map(|a| Value::from(align(a))).collect()))
                    }
                    Tag::TableHead | Tag::TableRow => Frame::new("row", Kind::Parts),
                    Tag::TableCell => Frame::new("cell", Kind::Inlines),
                    Tag::Emphasis => Frame::new("em", Kind::Inlines),
                    Tag::Strong => Frame::new("strong", Kind::Inlines),
                    Tag::Strikethrough => Frame::new("del", Kind::Inlines),
                    Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                        let url = if followable(&dest_url) { Value::from(dest_url.to_string()) } else { Value::Null };
                        Frame::new("link", Kind::Inlines).with("url", url)
                    }
                    // Extensions that are not enabled; keep their text if a parser version sends them.
                    _ => Frame::new("span", Kind::Inlines),
                };
                stack.push(frame);
            }
            Event::End(end) => {
                if stack.len() < 2 {
                    continue;
                }
                let inline = !matches!(
                    end,
                    TagEnd::Paragraph
                        | TagEnd::HtmlBlock
                        | TagEnd::Heading(_)
                        | TagEnd::BlockQuote(_)
                        | TagEnd::CodeBlock
                        | TagEnd::List(_)
                        | TagEnd::Item
                        | TagEnd::FootnoteDefinition
                        | TagEnd::Table
                        | TagEnd::TableHead
                        | TagEnd::TableRow
                        | TagEnd::TableCell
                );
                if let Some(frame) = stack.pop()
                    && let Some(parent) = stack.last_mut()
                {
                    parent.add(frame.finish(), inline);
                }
            }
            Event::Text(s) => {
                let Some(top) = stack.last_mut() else { continue };
                if top.kind == Kind::Code {
                    top.children.push(Value::from(s.to_string()));
                } else {
                    for n in text_nodes(&s) {
                        top.add(n, true);
                    }
                }
            }
            // Raw HTML is shown as written, quotes included: it is a quotation of markup.
            Event::Html(s) | Event::InlineHtml(s) | Event::InlineMath(s) | Event::DisplayMath(s) => {
                if let Some(top) = stack.last_mut() {
                    top.add(json!({"t": "s", "s": s.to_string()}), true);
                }
            }
            Event::Code(s) => {
                if let Some(top) = stack.last_mut() {
                    top.add(json!({"t": "code", "s": s.to_string()}), true);
                }
            }
            Event::SoftBreak => {
                if let Some(top) = stack.last_mut() {
                    top.add(json!({"t": "s", "s": " "}), true);
                }
            }
            Event::HardBreak => {
                if let Some(top) = stack.last_mut() {
                    top.add(json!({"t": "br"}), true);
                }
            }
            Event::Rule => {
                if let Some(top) = stack.last_mut() {
                    top.add(json!({"t": "hr"}), false);
                }
            }
            Event::FootnoteReference(label) => {
                if let Some(top) = stack.last_mut() {
                    top.add(json!({"t": "fnref", "label": label.to_string()}), true);
                }
            }
            Event::TaskListMarker(done) => {
                if let Some(top) = stack.last_mut() {
                    top.add(json!({"t": "s", "s": if done { "[x] " } else { "[ ] " }}), true);
                }
            }
        }
    }
    // Close anything a malformed event stream left open, so no text is lost.
    while stack.len() > 1 {
        if let Some(frame) = stack.pop()
            && let Some(parent) = stack.last_mut()
        {
            let inline = frame.kind == Kind::Inlines && frame.node.get("t").and_then(Value::as_str) != Some("p");
            parent.add(frame.finish(), inline);
        }
    }
    stack.pop().map(|root| root.children).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(v: &Value, out: &mut String) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(s)) = m.get("s") {
                    out.push_str(s);
                }
                if m.get("t").and_then(Value::as_str) == Some("q") {
                    out.push(if m.get("d") == Some(&Value::Bool(true)) { '"' } else { '\'' });
                }
                for k in ["c", "items", "head", "rows"] {
                    if let Some(c) = m.get(k) {
                        texts(c, out);
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| texts(x, out)),
            _ => {}
        }
    }

    #[test]
    fn blocks_and_inlines() {
        let md = "## Context\n\nSenegal is a country of **origin** and *transit*; see [ANSD](https://www.ansd.sn).\n\n- one\n- two `x`\n\n1. first\n2. second\n\n> quoted\n\n---\n";
        let b = narrative(md);
        let t: Vec<&str> = b.iter().filter_map(|n| n["t"].as_str()).collect();
        assert_eq!(t, ["h", "p", "list", "list", "quote", "hr"]);
        assert_eq!(b[0]["level"], 2);
        assert_eq!(b[1]["c"][1]["t"], "strong");
        assert_eq!(b[1]["c"][5]["url"], "https://www.ansd.sn");
        assert_eq!(b[2]["ordered"], false);
        assert_eq!(b[2]["items"][1]["c"][0]["t"], "plain");
        assert_eq!(b[2]["items"][1]["c"][0]["c"][1]["t"], "code");
        assert_eq!(b[3]["ordered"], true);
    }

    #[test]
    fn raw_html_and_typst_syntax_stay_text() {
        let md = "Cost: $5 #set page(width: 1cm) *[a]* @ref <b>bold</b> \\\\ end";
        let mut s = String::new();
        texts(&Value::Array(narrative(md)), &mut s);
        assert!(s.contains("$5 #set page(width: 1cm)") && s.contains("@ref <b>bold</b>"), "{s}");
    }

    #[test]
    fn only_followable_links_stay_links() {
        let b = narrative("[a](javascript:alert(1)) [b](SEN-fr.html) [c](mailto:x@y.org) ![map](https://x.org/m.png)");
        let links: Vec<&Value> = b[0]["c"].as_array().unwrap().iter().filter(|n| n["t"] == "link").collect();
        assert_eq!(links.len(), 4);
        assert_eq!([&links[0]["url"], &links[1]["url"]], [&Value::Null, &Value::Null]);
        assert_eq!(links[2]["url"], "mailto:x@y.org");
        assert_eq!(links[3]["url"], "https://x.org/m.png");
        assert_eq!(links[3]["c"][0]["s"], "map");
    }

    #[test]
    fn tables_and_footnotes() {
        let b = narrative("| a | b |\n|---|--:|\n| 1 | 2 |\n\nText[^n].\n\n[^n]: A note.\n");
        assert_eq!(b[0]["t"], "table");
        assert_eq!(b[0]["align"][1], "right");
        assert_eq!(b[0]["head"][0]["c"][0]["s"], "a");
        assert_eq!(b[0]["rows"][0][1]["c"][0]["s"], "2");
        assert_eq!(b[1]["c"][1]["t"], "fnref");
        assert_eq!(b[2]["t"], "fndef");
    }

    #[test]
    fn quotes_are_split_out() {
        let b = narrative("l'ANSD \"dit\"");
        let c = b[0]["c"].as_array().unwrap();
        assert_eq!(c.iter().filter(|n| n["t"] == "q").count(), 3);
    }
}

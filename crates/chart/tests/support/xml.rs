//! A tiny, strict XML well-formedness checker, so the tests need no XML dependency.

use std::collections::HashMap;

/// One parsed element: its name, attributes (unescaped) and direct text (unescaped).
#[derive(Debug, Clone)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// Every element of a document in document order.
#[derive(Debug, Clone)]
pub struct Doc {
    pub elements: Vec<Element>,
}

impl Doc {
    pub fn count(&self, name: &str) -> usize {
        self.elements.iter().filter(|e| e.name == name).count()
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements.iter().filter(move |e| e.name == name)
    }

    pub fn first(&self, name: &str) -> Option<&Element> {
        self.elements.iter().find(|e| e.name == name)
    }

    pub fn counts(&self) -> HashMap<&str, usize> {
        let mut m = HashMap::new();
        for e in &self.elements {
            *m.entry(e.name.as_str()).or_default() += 1;
        }
        m
    }
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == ':'
}

fn is_name_char(c: char) -> bool {
    is_name_start(c) || c.is_ascii_digit() || c == '-' || c == '.'
}

/// Replaces the five predefined entities and character references; errors on anything else.
fn unescape(s: &str) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').ok_or_else(|| format!("unterminated entity in {s:?}"))?;
        let ent = &rest[i + 1..i + end];
        let c = match ent {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = ent.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(dec) = ent.strip_prefix('#') {
                    dec.parse().ok()
                } else {
                    None
                };
                code.and_then(char::from_u32).filter(|c| is_xml_char(*c)).ok_or_else(|| format!("bad entity &{ent}; in {s:?}"))?
            }
        };
        out.push(c);
        rest = &rest[i + end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Parses `s` as a standalone XML document with one root element.
pub fn parse(s: &str) -> Result<Doc, String> {
    if let Some(c) = s.chars().find(|c| !is_xml_char(*c)) {
        return Err(format!("character {c:?} is not allowed in XML"));
    }
    let b = s.as_bytes();
    let mut i = 0;
    let mut stack: Vec<usize> = Vec::new();
    let mut elements: Vec<Element> = Vec::new();
    let mut roots = 0;
    while i < b.len() {
        if b[i] != b'<' {
            let end = s[i..].find('<').map_or(b.len(), |j| i + j);
            let raw = &s[i..end];
            if raw.contains("]]>") {
                return Err("']]>' in text".into());
            }
            let text = unescape(raw)?;
            match stack.last() {
                Some(&top) => elements[top].text.push_str(&text),
                None if text.trim().is_empty() => {}
                None => return Err(format!("text outside the root: {raw:?}")),
            }
            i = end;
            continue;
        }
        let rest = &s[i..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").ok_or("unterminated comment")?;
            i += end + 3;
            continue;
        }
        if rest.starts_with("<?") {
            let end = rest.find("?>").ok_or("unterminated processing instruction")?;
            i += end + 2;
            continue;
        }
        if rest.starts_with("<!") {
            return Err("DOCTYPE/CDATA not expected".into());
        }
        if let Some(close) = rest.strip_prefix("</") {
            let end = close.find('>').ok_or("unterminated end tag")?;
            let name = close[..end].trim_end();
            let open = stack.pop().ok_or_else(|| format!("stray </{name}>"))?;
            if elements[open].name != name {
                return Err(format!("</{name}> closes <{}>", elements[open].name));
            }
            i += 2 + end + 1;
            continue;
        }
        // Start tag.
        let mut j = i + 1;
        let name_start = j;
        let first = s[j..].chars().next().ok_or("truncated tag")?;
        if !is_name_start(first) {
            return Err(format!("bad element name at {j}"));
        }
        while j < b.len() && is_name_char(b[j] as char) {
            j += 1;
        }
        let name = s[name_start..j].to_owned();
        let mut attrs: Vec<(String, String)> = Vec::new();
        let self_closing;
        loop {
            let had_space = j < b.len() && b[j].is_ascii_whitespace();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= b.len() {
                return Err(format!("unterminated <{name}>"));
            }
            if b[j] == b'>' {
                self_closing = false;
                j += 1;
                break;
            }
            if s[j..].starts_with("/>") {
                self_closing = true;
                j += 2;
                break;
            }
            if !had_space {
                return Err(format!("attributes of <{name}> must be separated by space"));
            }
            let a_start = j;
            if !is_name_start(b[j] as char) {
                return Err(format!("bad attribute name in <{name}>"));
            }
            while j < b.len() && is_name_char(b[j] as char) {
                j += 1;
            }
            let a_name = s[a_start..j].to_owned();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= b.len() || b[j] != b'=' {
                return Err(format!("attribute {a_name} of <{name}> has no value"));
            }
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let quote = *b.get(j).ok_or("truncated attribute")?;
            if quote != b'"' && quote != b'\'' {
                return Err(format!("attribute {a_name} of <{name}> is not quoted"));
            }
            j += 1;
            let v_end = s[j..].find(quote as char).ok_or("unterminated attribute value")? + j;
            let raw = &s[j..v_end];
            if raw.contains('<') {
                return Err(format!("'<' in attribute {a_name}"));
            }
            if attrs.iter().any(|(k, _)| *k == a_name) {
                return Err(format!("duplicate attribute {a_name} in <{name}>"));
            }
            attrs.push((a_name, unescape(raw)?));
            j = v_end + 1;
        }
        if stack.is_empty() {
            roots += 1;
            if roots > 1 {
                return Err("more than one root element".into());
            }
        }
        elements.push(Element { name, attrs, text: String::new() });
        if !self_closing {
            stack.push(elements.len() - 1);
        }
        i = j;
    }
    if let Some(&open) = stack.last() {
        return Err(format!("<{}> is never closed", elements[open].name));
    }
    if roots != 1 {
        return Err("no root element".into());
    }
    Ok(Doc { elements })
}

/// Parses `svg` and checks that it stays within what usvg and old browsers handle: plain SVG
/// 1.1 with presentation attributes only.
pub fn parse_plain_svg(svg: &str) -> Result<Doc, String> {
    let doc = parse(svg)?;
    let allowed_elements = ["svg", "title", "desc", "g", "rect", "path", "circle", "text"];
    for e in &doc.elements {
        if !allowed_elements.contains(&e.name.as_str()) {
            return Err(format!("unexpected element <{}>", e.name));
        }
        for (k, v) in &e.attrs {
            if k == "class" || k == "style" || k.starts_with("on") || k == "href" {
                return Err(format!("forbidden attribute {k} on <{}>", e.name));
            }
            if v.contains("var(") || v.contains("url(") {
                return Err(format!("CSS function in {k}={v:?}"));
            }
        }
    }
    let root = &doc.elements[0];
    if root.name != "svg" || root.attr("xmlns") != Some("http://www.w3.org/2000/svg") {
        return Err("root is not an SVG element".into());
    }
    Ok(doc)
}

#[test]
fn checker_accepts_and_rejects() {
    assert!(parse(r#"<a x="1" y='&amp;'><b/>t &lt; &#233;<c></c></a>"#).is_ok());
    for bad in [
        "<a>",
        "<a></b>",
        "<a x=1/>",
        r#"<a x="1"x="2"/>"#,
        r#"<a x="1" x="2"/>"#,
        "<a>&nbsp;</a>",
        "<a>&</a>",
        "<a>x < y</a>",
        "<a/><b/>",
        "text<a/>",
        "<a>\u{1}</a>",
        r#"<a x="<"/>"#,
    ] {
        assert!(parse(bad).is_err(), "{bad}");
    }
    let doc = parse(r#"<svg xmlns="http://www.w3.org/2000/svg"><title>A &amp; B</title></svg>"#).unwrap();
    assert_eq!(doc.first("title").unwrap().text, "A & B");
    assert!(parse_plain_svg(r#"<svg xmlns="http://www.w3.org/2000/svg" class="x"/>"#).is_err());
    assert!(parse_plain_svg(r#"<svg xmlns="http://www.w3.org/2000/svg"><style/></svg>"#).is_err());
}

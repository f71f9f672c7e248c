//! A light reader of Fluent (`.ftl`) sources: message ids, attributes and variable names.
//!
//! The Fluent runtime does not list a bundle's messages or the variables they use, and the
//! full parser (`fluent-syntax`) is not a direct dependency; this reader knows just enough of
//! the syntax for listing ids and for the tests that compare languages. The tests also check
//! it against the real parser (same number of entries, no syntax errors).

use std::collections::BTreeSet;

/// A message or term read from an `.ftl` source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FtlEntry {
    /// The identifier, without the leading `-` of a term.
    pub id: String,
    /// Whether this is a term (`-brand = …`), which callers cannot look up.
    pub term: bool,
    /// Attribute names (`.alt = …`), in source order.
    pub attributes: Vec<String>,
    /// Every `$variable` the value or an attribute refers to.
    pub variables: BTreeSet<String>,
    /// The value's source text (first line after `=` and its continuation lines), trimmed.
    pub value: String,
    /// The 1-based line the entry starts on.
    pub line: usize,
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic()
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Splits `id = rest` (or `.attr = rest`) at the first `=`, if the left side is an identifier.
fn split_ident(line: &str) -> Option<(&str, &str)> {
    let (id, rest) = line.split_once('=')?;
    let id = id.trim_end();
    let mut chars = id.chars();
    let ok = chars.next().is_some_and(is_ident_start) && chars.all(is_ident_char);
    ok.then_some((id, rest))
}

/// Tracks placeable depth across the lines of one entry, collecting variables on the way.
#[derive(Default)]
struct Scanner {
    depth: usize,
    in_string: bool,
}

impl Scanner {
    fn scan(&mut self, text: &str, vars: &mut BTreeSet<String>) {
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if self.in_string {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => self.in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '{' => self.depth += 1,
                '}' => self.depth = self.depth.saturating_sub(1),
                '"' if self.depth > 0 => self.in_string = true,
                '$' if self.depth > 0 => {
                    let mut name = String::new();
                    while let Some(&n) = chars.peek() {
                        if (name.is_empty() && is_ident_start(n)) || (!name.is_empty() && is_ident_char(n)) {
                            name.push(n);
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    if !name.is_empty() {
                        vars.insert(name);
                    }
                }
                _ => {}
            }
        }
        // A string literal cannot span lines in Fluent.
        self.in_string = false;
    }
}

/// Reads the messages and terms of an `.ftl` source, in order.
pub fn parse(src: &str) -> Vec<FtlEntry> {
    let mut entries: Vec<FtlEntry> = Vec::new();
    let mut scanner = Scanner::default();
    // Whether the lines being read still belong to the value (not yet to an attribute).
    let mut in_value = false;
    for (i, line) in src.lines().enumerate() {
        let starts_indented = line.starts_with([' ', '\t']);
        let inside = scanner.depth > 0;
        if !starts_indented && !inside && !line.is_empty() {
            in_value = false;
            if line.starts_with('#') {
                // A comment at column 0 ends the entry before it.
                continue;
            }
            let (term, body) = match line.strip_prefix('-') {
                Some(b) => (true, b),
                None => (false, line),
            };
            if let Some((id, rest)) = split_ident(body) {
                let mut variables = BTreeSet::new();
                scanner = Scanner::default();
                scanner.scan(rest, &mut variables);
                entries.push(FtlEntry {
                    id: id.to_string(),
                    term,
                    attributes: Vec::new(),
                    variables,
                    value: rest.trim().to_string(),
                    line: i + 1,
                });
                in_value = true;
            }
            continue;
        }
        let Some(entry) = entries.last_mut() else {
            continue;
        };
        let trimmed = line.trim_start();
        if !inside
            && let Some(attr_line) = trimmed.strip_prefix('.')
            && let Some((attr, rest)) = split_ident(attr_line)
        {
            entry.attributes.push(attr.to_string());
            scanner.scan(rest, &mut entry.variables);
            in_value = false;
            continue;
        }
        scanner.scan(line, &mut entry.variables);
        if in_value && !trimmed.is_empty() {
            if !entry.value.is_empty() {
                entry.value.push('\n');
            }
            entry.value.push_str(trimmed.trim_end());
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ids_attributes_and_variables() {
        let src = "\
### Resource comment

# Message comment
hello = Hello, { $name }!
multi =
    First line with {$a}
    second line { $b ->
        [one] one { $c }
       *[other] many
    } end.
    .title = Title { $d }
-term = Brand
with-term = Uses { -term } and { \"$not-a-var {\" } and {$e}
only-attr =
    .label = Label
price = US$ 5 { $f }
";
        let e = parse(src);
        let ids: Vec<&str> = e.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["hello", "multi", "term", "with-term", "only-attr", "price"]);
        assert!(e[2].term && !e[1].term);
        assert_eq!(e[0].variables, BTreeSet::from(["name".to_string()]));
        assert_eq!(e[1].variables, ["a", "b", "c", "d"].into_iter().map(String::from).collect());
        assert_eq!(e[1].attributes, ["title"]);
        assert!(e[1].value.starts_with("First line") && e[1].value.ends_with("} end."), "{}", e[1].value);
        assert_eq!(e[3].variables, BTreeSet::from(["e".to_string()]));
        assert_eq!(e[4].attributes, ["label"]);
        assert_eq!(e[4].value, "");
        assert_eq!(e[5].variables, BTreeSet::from(["f".to_string()]));
        assert_eq!(e[0].line, 4);
    }
}

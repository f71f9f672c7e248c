//! The one place secrets are hidden from text that is printed, logged or stored.

/// A command line or URL with every password replaced by `***`, for anything printed or
/// stored: `postgres://u:secret@h/db` → `postgres://u:***@h/db`, `?password=x` → `?password=***`.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        let (head, tail) = rest.split_at(i + 3);
        out.push_str(head);
        // The authority ends at the first `/`, `?`, `#` or white space; its password sits
        // between the first `:` and the last `@` of it.
        let end = tail.find(|c: char| c == '/' || c == '?' || c == '#' || c.is_whitespace()).unwrap_or(tail.len());
        let authority = &tail[..end];
        match (authority.rfind('@'), authority.find(':')) {
            (Some(at), Some(colon)) if colon < at => {
                out.push_str(&authority[..=colon]);
                out.push_str("***");
                out.push_str(&authority[at..]);
            }
            _ => out.push_str(authority),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    // `password=…` in a query string or an environment assignment (`PGPASSWORD=…`).
    let mut hidden = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(i) = rest.to_ascii_lowercase().find("password=") {
        let (head, tail) = rest.split_at(i + "password=".len());
        hidden.push_str(head);
        let end = tail.find(|c: char| c == '&' || c == '\'' || c == '"' || c.is_whitespace()).unwrap_or(tail.len());
        if end > 0 {
            hidden.push_str("***");
        }
        rest = &tail[end..];
    }
    hidden.push_str(rest);
    hidden
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_in_urls_are_hidden() {
        assert_eq!(
            redact("mprofile --db postgres://mp:s3cr%40t@db.example:5432/mp import x.csv"),
            "mprofile --db postgres://mp:***@db.example:5432/mp import x.csv"
        );
        assert_eq!(redact("--db=postgresql://u:p@h/d?sslmode=require"), "--db=postgresql://u:***@h/d?sslmode=require");
        assert_eq!(redact("sqlite://mprofile.db and https://example.org/a:b@c"), "sqlite://mprofile.db and https://example.org/a:b@c");
        assert_eq!(redact("postgres://user@host/db"), "postgres://user@host/db");
        assert_eq!(redact("postgres://u:p@ss@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("no url at all: é"), "no url at all: é");
        assert_eq!(redact("postgres://a:b@h/mp?password=c&x=1"), "postgres://a:***@h/mp?password=***&x=1");
        assert_eq!(redact("PGPASSWORD=hunter2 mprofile import"), "PGPASSWORD=*** mprofile import");
    }
}

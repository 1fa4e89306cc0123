//! Where a form sends the browser afterwards (`?next=`): one rule for the server's redirect and the
//! hydrated page's reload, so that neither can be talked into leaving the site.

/// A local path to return to after a form, or `/`: refuses absolute and protocol-relative URLs, and the
/// backslashes and control characters that browsers turn into them.
pub fn safe_next(next: &str) -> String {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        // Browsers read a backslash as a slash: "/\evil.example" is "//evil.example".
        && !next.contains('\\')
        // Browsers drop tabs and newlines inside URLs, so "/\t/evil.example" would become "//evil.example".
        && !next.chars().any(|c| c.is_control() || c.is_whitespace());
    if local { next.to_owned() } else { "/".into() }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next("/projects/x?before=3"), "/projects/x?before=3");
        for evil in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/x",
            "/\u{0}/x",
            "/ /evil.example",
            "x",
            "",
        ] {
            assert_eq!(safe_next(evil), "/", "{evil:?}");
        }
    }
}

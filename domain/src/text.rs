//! Small text rules shared by every form: lengths in characters, invisible control characters and
//! bidirectional overrides refused everywhere, and markup refused in plain-text fields.

/// The number of characters of `s` without surrounding white space.
pub fn trimmed_len(s: &str) -> usize {
    s.trim().chars().count()
}

/// True when `s` contains something a browser would read as an HTML tag, comment or entity-encoded tag.
///
/// Texts are always shown escaped, so this is not what keeps pages safe; it keeps markup out of the data so
/// that it never reaches an export, an e-mail or another consumer that might not escape it.
pub fn contains_markup(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars
        .windows(2)
        .any(|w| w[0] == '<' && (w[1].is_alphabetic() || matches!(w[1], '/' | '!' | '?')))
        || s.to_lowercase().contains("&lt;")
}

/// True when `s` holds a character that has no business in a resident's text: NUL and the other control
/// characters (line breaks and tabs aside), and the bidirectional embeddings, overrides and isolates
/// that make text read differently from how it is stored ("Trojan Source").
pub fn contains_control(s: &str) -> bool {
    s.chars().any(|c| {
        (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

/// Checks a required plain-text field against `min..=max` characters and markup, pushing a field error.
pub fn check_text(
    field: &'static str,
    value: &str,
    min: usize,
    max: usize,
    errors: &mut Vec<crate::FieldError>,
) {
    if check_length(field, value, min, max, errors) && contains_markup(value) {
        errors.push(crate::FieldError::new(field, "markup"));
    }
}

/// Checks a required field against `min..=max` characters and control characters (for Markdown, where
/// markup is allowed); returns whether it passed.
pub fn check_length(
    field: &'static str,
    value: &str,
    min: usize,
    max: usize,
    errors: &mut Vec<crate::FieldError>,
) -> bool {
    let code = match trimmed_len(value) {
        0 => "required",
        n if n < min => "too_short",
        n if n > max => "too_long",
        _ if contains_control(value) => "control",
        _ => return true,
    };
    errors.push(crate::FieldError::new(field, code));
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_recognised() {
        assert!(contains_markup("<script>alert(1)</script>"));
        assert!(contains_markup("hi <b>there</b>"));
        assert!(contains_markup("</p>"));
        assert!(contains_markup("<!-- x -->"));
        assert!(contains_markup("&lt;img src=x&gt;"));
        assert!(!contains_markup("2 < 3 and 5 > 4"));
        assert!(!contains_markup("Библиотеки <3 книги"));
        assert!(!contains_markup("'; DROP TABLE ideas; --"));
    }

    #[test]
    fn control_characters_and_bidi_overrides_are_refused_line_breaks_are_not() {
        assert!(contains_control("a\u{0}b"));
        assert!(contains_control("bell\u{7}"));
        assert!(contains_control("\u{202E}txt.exe"));
        assert!(contains_control("\u{2066}isolate\u{2069}"));
        assert!(!contains_control("two\r\nlines\tand a tab"));
        assert!(!contains_control("עברית и русский"));
        let mut errors = Vec::new();
        check_text("title", "Скамейки\u{0} у пруда", 5, 140, &mut errors);
        assert_eq!(errors[0].code, "control");
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert_eq!(trimmed_len("  библиотека  "), 10);
        let mut errors = Vec::new();
        check_text("title", &"я".repeat(141), 5, 140, &mut errors);
        assert_eq!(errors[0].code, "too_long");
    }
}

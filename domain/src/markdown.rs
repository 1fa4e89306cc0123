//! Markdown of campaign pages, rendered on the server into HTML that is safe to insert into a page.
//!
//! Raw HTML in the source is shown as text, never passed through, so no script, style or event handler can
//! reach the page; links and images keep only `http(s)`, `mailto` and site-relative addresses, so no
//! `javascript:`, `vbscript:` or `data:` URL survives.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

/// Whether a link or image address is harmless.
fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let scheme_end = lower.find(':');
    let first_separator = lower.find(['/', '?', '#']);
    match scheme_end {
        // No scheme, or the colon comes after a path separator: a relative address.
        None => true,
        Some(colon) if first_separator.is_some_and(|sep| sep < colon) => true,
        Some(_) => {
            lower.starts_with("https:")
                || lower.starts_with("http:")
                || lower.starts_with("mailto:")
        }
    }
}

fn defuse(url: CowStr<'_>) -> CowStr<'_> {
    if safe_url(&url) {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

/// Renders Markdown (tables and strikethrough included) to safe HTML.
pub fn render(source: &str) -> String {
    let parser = Parser::new_ext(
        source,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let events = parser.map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: defuse(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: defuse(dest_url),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn markdown_becomes_html() {
        let html = render(
            "# Итоги\n\nИдеи **отобраны** — [подробнее](/projects/culture-online).\n\n- один\n- два",
        );
        assert!(html.contains("<h1>Итоги</h1>"));
        assert!(html.contains("<strong>отобраны</strong>"));
        assert!(html.contains(r#"<a href="/projects/culture-online">подробнее</a>"#));
        assert!(html.contains("<li>два</li>"));
    }

    #[test]
    fn nothing_executable_survives() {
        let html = render(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> text <b onclick=\"x()\">b</b>\n\n\
             [a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c]( vbscript:x) ![d](data:image/svg+xml;base64,AAA) \
             [e](https://example.org/a:b) [f](mailto:team@example.org)",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img src=x"), "{html}");
        assert!(!html.contains("<b onclick"), "{html}");
        assert!(!html.to_lowercase().contains("javascript:"), "{html}");
        assert!(
            !html.contains("vbscript:") && !html.contains("data:image"),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt;"), "shown as text: {html}");
        assert!(
            html.contains(r#"href="https://example.org/a:b""#)
                && html.contains(r#"href="mailto:team@example.org""#)
        );
    }
}

//! Forms posted without JavaScript: the answer lands back on the form's page with its outcome, and what
//! was typed into a form that came back is shown once, never a password.

use super::*;

#[tokio::test]
async fn a_form_posted_without_javascript_ends_back_on_its_page_with_the_outcome() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let ru = app::i18n::texts_of(app::i18n::Lang::Ru);

    // A failure: back to the page, which shows the message next to its field (never a bare error body).
    let login = site
        .post_plain(
            "login",
            &[
                ("email", "nobody@example.org"),
                ("password", "wrong"),
                ("next", "/"),
            ],
            "/login",
            None,
        )
        .await;
    let back = Site::see_other(&login);
    assert!(
        back.starts_with("/login?") && back.contains("__err="),
        "{back}"
    );
    assert!(
        site.get(&back, None)
            .await
            .body
            .contains(ru.err_bad_credentials)
    );

    let visitor = site
        .post_plain("join", &[("slug", "parks")], "/projects/parks", None)
        .await;
    let back = Site::see_other(&visitor);
    assert!(back.starts_with("/projects/parks?"), "{back}");
    assert_eq!(site.get(&back, None).await.status, StatusCode::OK);

    let cookie = resident_joined(&site).await;
    let empty = [
        ("slug", "parks"),
        ("direction_id", ""),
        ("title", ""),
        ("body", ""),
    ];
    let refused = site
        .post_plain("submit_idea", &empty, "/projects/parks", Some(&cookie))
        .await;
    let page = site.get(&Site::see_other(&refused), Some(&cookie)).await;
    assert!(
        page.body.contains(ru.err_required),
        "the field messages are on the page"
    );
    assert_eq!(site.count_ideas().await, 0);

    // A resident posting an official's form lands on the refusal, not on "Forbidden".
    let staff_form = site
        .post_plain(
            "staff/create_project",
            &[("slug", "x")],
            "/staff",
            Some(&cookie),
        )
        .await;
    let page = site.get(&Site::see_other(&staff_form), Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains(ru.refusal_role_title));

    // A success: back to the page, without an error.
    let direction = direction_id(&site).await;
    let done = site
        .post_plain(
            "submit_idea",
            &idea_form(&direction, "Скамейки у пруда"),
            "/projects/parks",
            Some(&cookie),
        )
        .await;
    assert_eq!(
        Site::see_other(&done),
        "/projects/parks",
        "no bare `?` on the way back"
    );
    assert_eq!(site.count_ideas().await, 1);
    // The page it returns to says what happened, once.
    let said = cookie_named(&done, "crowd_done");
    assert_eq!(said, "crowd_done=/api/submit_idea");
    let page = site
        .get("/projects/parks", Some(&format!("{cookie}; {said}")))
        .await;
    assert!(
        page.body.contains(ru.done_idea_sent),
        "the outcome in words"
    );
    assert!(
        header_of(&page, "set-cookie").starts_with("crowd_done=; Path=/; Max-Age=0"),
        "and forgotten"
    );
    let again = site.get("/projects/parks", Some(&cookie)).await;
    assert!(!again.body.contains(ru.done_idea_sent));
    // A cookie naming anything but a server function says nothing.
    let forged = site
        .get(
            "/projects/parks",
            Some(&format!("{cookie}; crowd_done=<script>")),
        )
        .await;
    assert!(!forged.body.contains("notice done"));
}

/// The cookie `name` that `reply` sets (not one it clears), as a `Cookie` header's pair.
fn cookie_named(reply: &Reply, name: &str) -> String {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")) && !c.starts_with(&format!("{name}=;")))
        .and_then(|c| c.split(';').next())
        .unwrap_or_else(|| panic!("a cookie {name} in {:?}", reply.headers))
        .to_owned()
}

/// The token a failed plain form post left in the echo cookie, as a `Cookie` header's pair.
fn echo_cookie(reply: &Reply) -> String {
    cookie_named(reply, "crowd_echo")
}

#[tokio::test]
async fn what_was_typed_into_a_form_that_came_back_is_shown_once_and_never_a_password() {
    let site = site().await;
    open_project(&site.d, "parks").await;

    // Logging in: the e-mail comes back into its field, the password does not, and only once.
    let login = site
        .post_plain(
            "login",
            &[
                ("email", "nobody@example.org"),
                ("password", "my-secret-words"),
                ("next", "/"),
            ],
            "/login",
            None,
        )
        .await;
    let (back, echo) = (Site::see_other(&login), echo_cookie(&login));
    let page = site.get(&back, Some(&echo)).await;
    assert!(
        page.body.contains("value=\"nobody@example.org\""),
        "the e-mail is in its field"
    );
    assert!(!page.body.contains("my-secret-words"));
    assert!(
        header_of(&page, "set-cookie").starts_with("crowd_echo=; Path=/; Max-Age=0"),
        "the cookie is cleared"
    );
    let again = site.get(&back, Some(&echo)).await;
    assert!(!again.body.contains("nobody@example.org"), "shown once");
    let stranger = site.get(&back, None).await;
    assert!(
        !stranger.body.contains("nobody@example.org"),
        "the page with the echo was not kept for other readers"
    );

    // Proposing: a long description and a refused title come back, to this form only.
    let cookie = resident_joined(&site).await;
    let direction = direction_id(&site).await;
    let body = "Поставить скамейки вдоль всех дорожек парка, через каждые сто метров. ".repeat(20);
    let refused = site
        .post_plain(
            "submit_idea",
            &[
                ("slug", "parks"),
                ("direction_id", &direction),
                ("title", "<b>Скамейки</b> у пруда"),
                ("body", &body),
            ],
            "/projects/parks",
            Some(&cookie),
        )
        .await;
    let both = format!("{cookie}; {}", echo_cookie(&refused));
    let page = site.get(&Site::see_other(&refused), Some(&both)).await;
    let form = &page.body[page.body.find("id=\"idea-title\"").unwrap()..];
    assert!(form.contains("value=\"&lt;b&gt;Скамейки&lt;/b&gt; у пруда\""));
    assert!(
        form.contains(body.trim_end()),
        "the description is in its field"
    );
    assert!(
        page.body
            .contains(&format!("value=\"{direction}\" selected>")),
        "the direction stays chosen"
    );
    assert_eq!(site.count_ideas().await, 0);
}

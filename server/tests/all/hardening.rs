//! Headers and errors: security headers on every answer, a nonce policy that pages are rendered with,
//! personal answers kept out of caches, malformed arguments refused as the client's fault, control
//! characters refused next to the field.

use super::*;

#[tokio::test]
async fn every_answer_carries_the_security_headers_and_pages_their_own_nonce() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    for path in ["/", "/projects/parks", "/api/v1/projects", "/healthz"] {
        let reply = site.get(path, None).await;
        assert_eq!(header_of(&reply, "x-frame-options"), "DENY", "{path}");
        assert_eq!(header_of(&reply, "x-content-type-options"), "nosniff");
        assert_eq!(
            header_of(&reply, "referrer-policy"),
            "strict-origin-when-cross-origin"
        );
        assert!(header_of(&reply, "content-security-policy").contains("frame-ancestors 'none'"));
        assert!(reply.headers.get("strict-transport-security").is_none());
    }
    let page = site.get("/projects/parks", None).await;
    let policy = header_of(&page, "content-security-policy");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("the page's policy names a nonce");
    assert!(
        page.body.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the policy's nonce"
    );
    assert!(
        !page.body.contains("<script>"),
        "no inline script without the nonce"
    );
    let other = site.get("/projects/parks", None).await;
    assert!(
        !header_of(&other, "content-security-policy").contains(nonce),
        "a nonce per answer"
    );
}

#[tokio::test]
async fn personal_answers_stay_out_of_caches_and_https_sites_send_hsts() {
    let site = site_with(server::edge::Edge {
        hsts: true,
        ..Default::default()
    })
    .await;
    open_project(&site.d, "parks").await;
    let anonymous = site.get("/projects/parks", None).await;
    assert!(!header_of(&anonymous, "cache-control").contains("no-store"));
    assert!(header_of(&anonymous, "strict-transport-security").starts_with("max-age="));
    let cookie = resident_joined(&site).await;
    for path in ["/projects/parks", "/my/ideas", "/notifications"] {
        let personal = site.get(path, Some(&cookie)).await;
        assert_eq!(
            header_of(&personal, "cache-control"),
            "private, no-store",
            "{path}"
        );
    }
}

#[tokio::test]
async fn malformed_arguments_are_the_clients_fault_and_say_nothing_of_the_parser() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let cookie = resident_joined(&site).await;
    for form in [
        &[("idea_id", "abc"), ("value", "1")][..],
        &[("idea_id", "1")][..],
        &[("idea_id", "1"), ("value", "99999999999")][..],
    ] {
        let reply = site.call("vote", form, Some(&cookie)).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{form:?}: {}",
            reply.body
        );
        assert!(
            !reply.body.contains("digit") && !reply.body.contains("missing"),
            "{}",
            reply.body
        );
    }
    let direction = direction_id(&site).await;
    let huge = "я".repeat(3 * 1024 * 1024);
    let mut form = idea_form(&direction, "Огромная идея");
    form.push(("padding", huge.as_str()));
    let reply = site.call("submit_idea", &form, Some(&cookie)).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(site.count_ideas().await, 0);
}

#[tokio::test]
async fn control_characters_and_direction_overrides_are_refused_next_to_the_field() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let cookie = resident_joined(&site).await;
    let direction = direction_id(&site).await;
    for title in [
        "Скамейки\u{0} у пруда",
        "Скамейки \u{202E}огурп у",
        "Звонок\u{7} в парке",
    ] {
        let reply = site
            .call("submit_idea", &idea_form(&direction, title), Some(&cookie))
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{title:?}");
        assert!(reply.body.contains("\"field\":\"title\"") && reply.body.contains("control"));
    }
    assert_eq!(site.count_ideas().await, 0);
}

#[tokio::test]
async fn the_sites_code_goes_out_precompressed_to_browsers_that_accept_it() {
    let root = domain::testing::scratch_dir();
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let code = "export function hydrate() { return 42; }\n".repeat(500);
    std::fs::write(pkg.join("crowd.0123abcd.js"), &code).unwrap();
    let done = server::precompress::run(&pkg, &|_, _, _| {}).unwrap();
    assert_eq!(done.len(), 1);
    assert!(done[0].brotli < done[0].gzip && done[0].gzip < done[0].plain / 10);
    let site = site_from(server::edge::Edge::default(), root.to_str().unwrap()).await;
    let fetch = |accept: &'static str| {
        let request = Request::get("/pkg/crowd.0123abcd.js")
            .header(header::HOST, HOST)
            .header(header::ACCEPT_ENCODING, accept)
            .body(Body::empty())
            .unwrap();
        site.send(request)
    };
    let br = fetch("gzip, deflate, br").await;
    assert_eq!(br.status, StatusCode::OK);
    assert_eq!(header_of(&br, "content-encoding"), "br");
    assert_eq!(
        header_of(&br, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(
        br.bytes.len() as u64,
        done[0].brotli,
        "the stored copy, as is"
    );
    let mut plain = Vec::new();
    brotli::BrotliDecompress(&mut br.bytes.as_slice(), &mut plain).unwrap();
    assert_eq!(plain, code.as_bytes());
    let gz = fetch("gzip").await;
    assert_eq!(header_of(&gz, "content-encoding"), "gzip");
    let identity = fetch("identity").await;
    assert_eq!(
        identity.body, code,
        "a browser that accepts neither gets the file"
    );
}

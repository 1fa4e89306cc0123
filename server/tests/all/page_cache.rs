//! The page cache: an anonymous page is kept until something changes or the clock moves on, never
//! served to a logged-in reader, and every answer carries its own nonce.

use super::*;
use domain::entities::project;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

/// The nonce of an answer's policy and every `nonce="…"` of its body.
fn nonces(reply: &Reply) -> (String, Vec<String>) {
    let policy = reply.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    let start = policy.find("'nonce-").unwrap() + "'nonce-".len();
    let header = policy[start..].split('\'').next().unwrap().to_owned();
    let body = reply
        .body
        .split("nonce=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .collect();
    (header, body)
}

/// Renames project `slug` behind the site's back (no request, no event): a change only the clock
/// reveals.
async fn rename_quietly(site: &Site, slug: &str, title: &str) {
    project::Entity::update_many()
        .col_expr(project::Column::TitleRu, Expr::value(title))
        .filter(project::Column::Slug.eq(slug))
        .exec(&site.d.db)
        .await
        .unwrap();
}

#[tokio::test]
async fn an_anonymous_page_is_kept_within_the_second_with_a_fresh_nonce_for_each_answer() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let first = site.get("/projects/parks", None).await;
    rename_quietly(&site, "parks", "Новое название").await;
    let second = site.get("/projects/parks", None).await;
    assert_eq!(second.status, StatusCode::OK);
    assert!(
        second.body.contains("Тестовый проект") && !second.body.contains("Новое название"),
        "within the same second the kept page is served"
    );
    let (a, in_a) = nonces(&first);
    let (b, in_b) = nonces(&second);
    assert_ne!(a, b, "each answer has its own nonce");
    assert!(!in_a.is_empty() && in_a.iter().all(|n| *n == a));
    assert!(
        !in_b.is_empty() && in_b.iter().all(|n| *n == b),
        "body and header agree"
    );
    assert_eq!(
        second.body.replace(&b, &a),
        first.body,
        "otherwise the same page"
    );

    site.clock.advance(chrono::Duration::seconds(1));
    let third = site.get("/projects/parks", None).await;
    assert!(
        third.body.contains("Новое название"),
        "a second later it is rendered again"
    );
}

#[tokio::test]
async fn a_change_made_through_the_site_shows_at_once_and_logged_in_readers_get_their_own_page() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let cookie = resident_joined(&site).await;
    let direction = direction_id(&site).await;
    let before = site.get("/projects/parks", None).await;
    assert!(!before.body.contains("Скамейки у воды"));
    posted(&site, &cookie, &direction, "Скамейки у воды").await;
    let after = site.get("/projects/parks", None).await;
    assert!(
        after.body.contains("Скамейки у воды"),
        "a new idea shows at once"
    );

    let mine = site.get("/projects/parks", Some(&cookie)).await;
    assert!(
        mine.body.contains("Выйти"),
        "the resident's own page has their menu"
    );
    let anonymous = site.get("/projects/parks", None).await;
    assert!(
        !anonymous.body.contains("Выйти"),
        "and it is never kept for others"
    );
    assert_eq!(
        site.get("/projects/parks", Some(&cookie)).await.headers[header::CACHE_CONTROL],
        "private, no-store"
    );
    // A write the event stream does not carry (a quiet rename), then a write request without
    // an event (logging out): fresh again.
    rename_quietly(&site, "parks", "Парки у воды").await;
    let logout = site.call("logout", &[], Some(&cookie)).await;
    assert_eq!(logout.status, StatusCode::OK, "{}", logout.body);
    let renamed = site.get("/projects/parks", None).await;
    assert!(
        renamed.body.contains("Парки у воды"),
        "a write request renews the pages"
    );
}

#[tokio::test]
async fn the_cache_keeps_only_pages_it_may_still_serve() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let cookie = resident_joined(&site).await;
    let direction = direction_id(&site).await;
    site.get("/", None).await;
    site.get("/projects/parks", None).await;
    assert_eq!(site.pages.kept().0, 2, "two anonymous pages are kept");

    posted(&site, &cookie, &direction, "Скамейки у воды").await;
    site.get("/projects/parks", None).await;
    let (pages, bytes) = site.pages.kept();
    assert_eq!(
        pages, 1,
        "the home page from before the new idea is dropped as the next page is kept"
    );
    assert!(bytes > 0);

    site.clock.advance(chrono::Duration::seconds(1));
    site.get("/", None).await;
    assert_eq!(
        site.pages.kept().0,
        1,
        "a page older than the time to live is dropped as well"
    );
}

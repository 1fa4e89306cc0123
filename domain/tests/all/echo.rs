//! What was typed into a form that came back: kept without secrets, shown once, swept, and bounded.

use chrono::Duration;
use domain::echo;
use domain::testing::domain;

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

#[tokio::test]
async fn an_echo_is_read_once_without_secrets_and_not_after_ten_minutes() {
    let (d, clock) = domain().await;
    let typed = fields(&[
        ("email", "anna@example.org"),
        ("password", "her secret words"),
        ("next", "/"),
    ]);
    let token = echo::keep(&d, "/api/login", typed.clone())
        .await
        .unwrap()
        .unwrap();
    let back = echo::take(&d, &token).await.unwrap().unwrap();
    assert_eq!(back.action, "/api/login");
    assert_eq!(back.get("email"), Some("anna@example.org"));
    assert_eq!(back.get("password"), None, "never a password");
    assert!(echo::take(&d, &token).await.unwrap().is_none(), "once");

    let late = echo::keep(&d, "/api/login", typed).await.unwrap().unwrap();
    clock.advance(Duration::minutes(11));
    assert!(echo::take(&d, &late).await.unwrap().is_none(), "swept");
    assert!(
        echo::keep(&d, "/api/join", fields(&[("slug", "")]))
            .await
            .unwrap()
            .is_none(),
        "nothing typed, nothing kept"
    );
}

#[tokio::test]
async fn a_flood_of_failing_posts_cannot_grow_the_echoes_without_bound() {
    let (d, _) = domain().await;
    let big = "я".repeat(40_000);
    let token = echo::keep(
        &d,
        "/api/submit_idea",
        fields(&[("title", "Скамейки"), ("body", &big)]),
    )
    .await
    .unwrap()
    .unwrap();
    let back = echo::take(&d, &token).await.unwrap().unwrap();
    assert_eq!(back.get("title"), Some("Скамейки"));
    assert_eq!(back.get("body"), None, "over the size limit: not kept");
    for _ in 0..echo::MAX_WAITING {
        echo::keep(&d, "/api/join", fields(&[("slug", "parks")]))
            .await
            .unwrap()
            .unwrap();
    }
    assert!(
        echo::keep(&d, "/api/join", fields(&[("slug", "parks")]))
            .await
            .unwrap()
            .is_none(),
        "beyond the cap nothing more is kept"
    );
}

//! Accounts: registration and its e-mailed link, sessions and their limits, login and registration
//! limits under parallel guesses, each person's e-mails in their language.

use super::*;

#[tokio::test]
async fn registration_validates_and_sessions_expire() {
    let (d, clock, outbox) = with_outbox().await;
    let bad = Registration {
        email: "not-an-email".into(),
        display_name: "<b>x</b>".into(),
        password: "short".into(),
        lang: wire::Lang::Ru,
    };
    assert_eq!(
        codes(auth::register(&d, &bad, "10.0.0.9", "/").await.unwrap_err()),
        vec![
            ("email", "email_invalid"),
            ("display_name", "markup"),
            ("password", "password_short")
        ]
    );
    let good = Registration {
        email: " Anna@Example.org ".into(),
        display_name: "Анна".into(),
        password: "ten chars!".into(),
        lang: wire::Lang::Ru,
    };
    auth::register(&d, &good, "10.0.0.9", "/projects/parks")
        .await
        .unwrap();
    let link = confirmation_token(&outbox, "anna@example.org").unwrap();
    let (anna, token, next) = auth::confirmation::confirm(&d, &link).await.unwrap();
    assert_eq!(anna.email, "anna@example.org");
    assert_eq!(anna.role, Role::Resident);
    assert_eq!(next, "/projects/parks");
    assert_eq!(
        auth::user_for_token(&d, &token.0).await.unwrap(),
        Some(anna.clone())
    );
    clock.advance(Duration::days(auth::SESSION_DAYS) + Duration::seconds(1));
    assert_eq!(auth::user_for_token(&d, &token.0).await.unwrap(), None);

    let (_, token) = auth::login(
        &d,
        "ANNA@example.org",
        "ten chars!",
        "1.2.3.4",
        wire::Lang::Ru,
    )
    .await
    .unwrap();
    auth::logout(&d, &token.0).await.unwrap();
    assert_eq!(auth::user_for_token(&d, &token.0).await.unwrap(), None);
}

/// Anna logs in from a Russian page with `password` from `address`.
async fn anna_logs_in(
    d: &Domain,
    password: &str,
    address: &str,
) -> domain::Result<(domain::User, auth::SessionToken)> {
    auth::login(d, "anna@example.org", password, address, wire::Lang::Ru).await
}

fn anna_registers() -> Registration {
    Registration {
        email: "anna@example.org".into(),
        display_name: "Анна".into(),
        password: "ten chars!".into(),
        lang: wire::Lang::Ru,
    }
}

#[tokio::test]
async fn each_person_s_e_mails_are_wholly_in_the_language_they_last_used() {
    let (d, _, outbox) = with_outbox().await;
    open_project(&d, "parks").await;
    let english = Registration {
        lang: wire::Lang::En,
        ..anna_registers()
    };
    auth::register(&d, &english, "10.0.0.9", "/").await.unwrap();
    let confirmation = &mails_to(&outbox, "anna@example.org")[0];
    assert!(confirmation.contains("Content-Language: en\r\n"));
    assert!(confirmation.contains("To finish registering") && !confirmation.contains("Чтобы"));
    let link = confirmation_token(&outbox, "anna@example.org").unwrap();
    let (anna, _, _) = auth::confirmation::confirm(&d, &link).await.unwrap();
    projects::join(&d, &anna, "parks").await.unwrap();
    let idea = domain::testing::post(&d, &anna, "parks", "Скамейки у пруда").await;
    let boris = domain::testing::resident(&d, "boris", "parks").await;
    let comment_and_last_mail = |text: &'static str| {
        let (d, boris, outbox) = (&d, &boris, &outbox);
        async move {
            domain::comments::add(d, boris, idea.id, None, text)
                .await
                .unwrap();
            mails_to(outbox, "anna@example.org").pop().unwrap()
        }
    };
    let mail = comment_and_last_mail("Yes, and shade too").await;
    assert!(mail.contains("Content-Language: en\r\n"), "{mail}");
    assert!(
        mail.contains("Comment (boris):\r\nYes, and shade too"),
        "the whole comment: {mail}"
    );
    assert!(
        !mail.contains("Комментарий") && !mail.contains("Новый"),
        "{mail}"
    );

    // Logging in from a Russian page switches her e-mails to Russian; the switch in the header too.
    let (_, token) = anna_logs_in(&d, "ten chars!", "10.0.0.9").await.unwrap();
    let mail = comment_and_last_mail("Поддерживаю").await;
    assert!(mail.contains("Content-Language: ru\r\n"));
    assert!(
        mail.contains("Комментарий (boris):\r\nПоддерживаю"),
        "{mail}"
    );
    assert!(
        !mail.contains("Comment") && !mail.contains("Open the idea"),
        "{mail}"
    );
    auth::switch_language(&d, &token.0, wire::Lang::En)
        .await
        .unwrap();
    let mail = comment_and_last_mail("Also benches by the playground").await;
    assert!(mail.contains("Content-Language: en\r\n"), "{mail}");
}

#[tokio::test]
async fn a_new_account_logs_in_only_after_opening_the_link_once() {
    let (d, clock, outbox) = with_outbox().await;
    auth::register(&d, &anna_registers(), "10.0.0.9", "/")
        .await
        .unwrap();
    let err = anna_logs_in(&d, "ten chars!", "10.0.0.9")
        .await
        .unwrap_err();
    assert_eq!(codes(err), vec![("email", "unconfirmed")]);
    let link = confirmation_token(&outbox, "anna@example.org").unwrap();
    assert!(
        mails_to(&outbox, "anna@example.org")[0]
            .contains("https://crowd.example.org/confirm?token=")
    );
    auth::confirmation::confirm(&d, &link).await.unwrap();
    anna_logs_in(&d, "ten chars!", "10.0.0.9")
        .await
        .expect("confirmed: logs in");
    let again = auth::confirmation::confirm(&d, &link).await.unwrap_err();
    assert_eq!(codes(again), vec![("token", "link_invalid")]);

    // A link left unopened stops working.
    let boris = Registration {
        email: "boris@example.org".into(),
        ..anna_registers()
    };
    auth::register(&d, &boris, "10.0.0.9", "/").await.unwrap();
    let link = confirmation_token(&outbox, "boris@example.org").unwrap();
    clock.advance(Duration::hours(auth::confirmation::LINK_HOURS) + Duration::seconds(1));
    let late = auth::confirmation::confirm(&d, &link).await.unwrap_err();
    assert_eq!(codes(late), vec![("token", "link_invalid")]);
}

#[tokio::test]
async fn registering_a_taken_address_answers_alike_and_tells_its_owner() {
    let (d, _, outbox) = with_outbox().await;
    let anna = user(&d, "anna", Role::Resident).await;
    let intruder = Registration {
        display_name: "Не Анна".into(),
        password: "another password".into(),
        lang: wire::Lang::Ru,
        ..anna_registers()
    };
    auth::register(&d, &intruder, "10.0.0.9", "/")
        .await
        .expect("the same answer as for a free address");
    let told = mails_to(&outbox, "anna@example.org");
    assert_eq!(told.len(), 1);
    assert!(told[0].contains("https://crowd.example.org/login") && !told[0].contains("token="));
    let (still, _) = anna_logs_in(&d, "password-anna", "10.0.0.9").await.unwrap();
    assert_eq!(still, anna, "the account is untouched");
}

async fn wrong_password(d: &Domain, address: &str) -> Error {
    anna_logs_in(d, "wrong password", address)
        .await
        .unwrap_err()
}

#[tokio::test]
async fn logins_are_limited_per_account_and_address_and_the_window_slides() {
    let (d, clock) = domain().await;
    user(&d, "anna", Role::Resident).await;
    for _ in 0..attempts::PER_PAIR.max {
        let err = wrong_password(&d, "10.0.0.1").await;
        assert_eq!(codes(err), vec![("password", "bad_credentials")]);
    }
    let err = anna_logs_in(&d, "password-anna", "10.0.0.1")
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::RateLimited { .. }),
        "even the right password waits there: {err:?}"
    );
    anna_logs_in(&d, "password-anna", "10.0.0.2")
        .await
        .expect("another address is not locked out by those failures");
    clock.advance(Duration::seconds(attempts::PER_PAIR.window_secs + 1));
    anna_logs_in(&d, "password-anna", "10.0.0.1").await.unwrap();
}

#[tokio::test]
async fn forty_parallel_guesses_get_no_more_than_the_limit_checked() {
    let (d, _) = domain().await;
    user(&d, "anna", Role::Resident).await;
    let guesses = (0..40).map(|_| wrong_password(&d, "10.0.0.1"));
    let outcomes = futures::future::join_all(guesses).await;
    let checked = outcomes
        .iter()
        .filter(|e| matches!(e, Error::Invalid(_)))
        .count();
    let refused = outcomes
        .iter()
        .filter(|e| matches!(e, Error::RateLimited { .. }))
        .count();
    assert!(
        checked as u64 <= attempts::PER_PAIR.max,
        "{checked} guesses were checked against a limit of {}",
        attempts::PER_PAIR.max
    );
    assert_eq!(checked + refused, 40, "{outcomes:?}");
}

#[tokio::test]
async fn strangers_failures_slow_down_guessing_but_never_lock_the_owner_out() {
    let (d, _) = domain().await;
    user(&d, "anna", Role::Resident).await;
    // Anna logged in from home once; then someone guesses from many addresses.
    anna_logs_in(&d, "password-anna", "10.0.0.1").await.unwrap();
    for n in 0..attempts::PER_ACCOUNT.max {
        let err = wrong_password(&d, &format!("192.0.2.{n}")).await;
        assert_eq!(codes(err), vec![("password", "bad_credentials")]);
    }
    let err = wrong_password(&d, "198.51.100.1").await;
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
    anna_logs_in(&d, "password-anna", "10.0.0.1")
        .await
        .expect("the owner's known address still gets in");
}

#[tokio::test]
async fn registrations_are_limited_per_address() {
    let (d, _) = domain().await;
    for n in 0..attempts::REGISTRATIONS.max {
        let form = Registration {
            email: format!("bot{n}@example.org"),
            display_name: format!("Bot {n}"),
            password: "long enough".into(),
            lang: wire::Lang::Ru,
        };
        auth::register(&d, &form, "203.0.113.7", "/").await.unwrap();
    }
    let form = Registration {
        email: "one-more@example.org".into(),
        display_name: "One more".into(),
        password: "long enough".into(),
        lang: wire::Lang::Ru,
    };
    let err = auth::register(&d, &form, "203.0.113.7", "/")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
    auth::register(&d, &form, "203.0.113.8", "/")
        .await
        .expect("another address may register");
}

#[tokio::test]
async fn unused_sessions_end_sooner_for_officials_and_everywhere_on_request() {
    let (d, clock) = domain().await;
    let anna = user(&d, "anna", Role::Resident).await;
    let mira = user(&d, "mira", Role::Moderator).await;
    let login = |email: &'static str, password: &'static str| {
        let d = d.clone();
        async move {
            auth::login(&d, email, password, "10.0.0.1", wire::Lang::Ru)
                .await
                .unwrap()
                .1
        }
    };
    let (resident, official) = (
        login("anna@example.org", "password-anna").await,
        login("mira@example.org", "password-mira").await,
    );
    // Used every six days, a resident's session lives on; the official's ended after twelve idle hours.
    for _ in 0..3 {
        clock.advance(Duration::days(auth::sessions::RESIDENT_IDLE_DAYS - 1));
        assert_eq!(
            auth::user_for_token(&d, &resident.0).await.unwrap(),
            Some(anna.clone())
        );
    }
    assert_eq!(auth::user_for_token(&d, &official.0).await.unwrap(), None);
    let official = login("mira@example.org", "password-mira").await;
    clock.advance(Duration::hours(auth::sessions::OFFICIAL_IDLE_HOURS - 1));
    assert_eq!(
        auth::user_for_token(&d, &official.0).await.unwrap(),
        Some(mira)
    );

    // Unused for a week, the resident's ends too; logging out everywhere ends every device's.
    clock.advance(Duration::days(auth::sessions::RESIDENT_IDLE_DAYS) + Duration::seconds(1));
    assert_eq!(auth::user_for_token(&d, &resident.0).await.unwrap(), None);
    let (phone, laptop) = (
        login("anna@example.org", "password-anna").await,
        login("anna@example.org", "password-anna").await,
    );
    assert_eq!(auth::logout_everywhere(&d, &anna).await.unwrap(), 2);
    for token in [phone, laptop] {
        assert_eq!(auth::user_for_token(&d, &token.0).await.unwrap(), None);
    }
}

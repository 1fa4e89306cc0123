//! The messages as written to the outbox and as spoken to a relay (a fake one on a loopback port).

use super::*;
use base64::Engine;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[test]
fn long_subjects_fold_into_encoded_words_of_at_most_75_characters() {
    let subject = "Новый комментарий к идее «Скамейки и тень вдоль всей набережной Москвы-реки от Кремля до парка»";
    let folded = encoded_words(subject);
    let words: Vec<&str> = folded.split("\r\n ").collect();
    assert!(words.len() > 2, "{folded}");
    let mut back = Vec::new();
    for word in &words {
        assert!(word.len() <= 75, "{word}");
        let inner = word
            .strip_prefix("=?UTF-8?B?")
            .and_then(|w| w.strip_suffix("?="))
            .unwrap();
        back.extend(
            base64::engine::general_purpose::STANDARD
                .decode(inner)
                .unwrap(),
        );
    }
    assert_eq!(String::from_utf8(back).unwrap(), subject);
    assert_eq!(encoded_words("Idea"), "=?UTF-8?B?SWRlYQ==?=");
}

/// A one-message SMTP server: answers the conversation and returns everything the client said.
async fn fake_relay() -> (String, tokio::task::JoinHandle<String>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let task = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut heard = String::new();
        socket.write_all(b"220 fake ESMTP\r\n").await.unwrap();
        let mut in_data = false;
        let mut buffer = vec![0u8; 65536];
        loop {
            let n = socket.read(&mut buffer).await.unwrap();
            if n == 0 {
                break;
            }
            let chunk = String::from_utf8_lossy(&buffer[..n]).to_string();
            heard.push_str(&chunk);
            let reply: &[u8] = if in_data {
                if !heard.ends_with("\r\n.\r\n") {
                    continue;
                }
                in_data = false;
                b"250 queued\r\n"
            } else if chunk.starts_with("EHLO") {
                b"250-fake\r\n250 AUTH PLAIN\r\n"
            } else if chunk.starts_with("AUTH PLAIN") {
                b"235 ok\r\n"
            } else if chunk.starts_with("DATA") {
                in_data = true;
                b"354 go on\r\n"
            } else if chunk.starts_with("QUIT") {
                socket.write_all(b"221 bye\r\n").await.unwrap();
                break;
            } else {
                b"250 ok\r\n"
            };
            socket.write_all(reply).await.unwrap();
        }
        heard
    });
    (address, task)
}

#[tokio::test]
async fn messages_go_through_an_smtp_relay_with_auth_and_dot_stuffing() {
    let (address, relay) = fake_relay().await;
    let mailer = Mailer {
        transport: Transport::Smtp {
            address,
            credentials: Some(("crowd".into(), "secret".into())),
        },
        from: "noreply@crowd.example.org".into(),
        site_url: "https://crowd.example.org".into(),
    };
    let about = About {
        link: None,
        idea_id: 7,
        idea_title: "Скамейки у пруда".into(),
        by: Some("Борис".into()),
        text: Some(".точка в начале строки".into()),
    };
    let message = mailer.compose("anna@example.org", "commented", &about, Lang::Ru);
    mailer.send(&message, "test-1").await.unwrap();
    let heard = relay.await.unwrap();
    let token = base64::engine::general_purpose::STANDARD.encode("\0crowd\0secret");
    assert!(heard.contains(&format!("AUTH PLAIN {token}")));
    assert!(heard.contains("MAIL FROM:<noreply@crowd.example.org>"));
    assert!(heard.contains("RCPT TO:<anna@example.org>"));
    assert!(heard.contains("«Скамейки у пруда»"));
    assert!(heard.contains("\r\n..точка в начале строки"), "dot-stuffed");
    assert!(heard.contains("https://crowd.example.org/ideas/7"));
    let date = heard
        .lines()
        .find_map(|l| l.strip_prefix("Date: "))
        .expect("a Date header");
    assert!(chrono::DateTime::parse_from_rfc2822(date).is_ok(), "{date}");
    assert!(heard.contains("\r\nMessage-ID: <test-1@crowd.example.org>\r\n"));
    assert!(heard.contains("\r\nContent-Language: ru\r\n"));
}

/// Whether `text` has a Cyrillic letter.
fn has_cyrillic(text: &str) -> bool {
    text.chars()
        .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)))
}

#[test]
fn a_notification_is_written_wholly_in_its_reader_s_language() {
    let mailer = Mailer {
        transport: Transport::Outbox(PathBuf::from("unused")),
        from: "noreply@crowd.example.org".into(),
        site_url: "https://crowd.example.org/".into(),
    };
    let comment = About {
        link: None,
        idea_id: 7,
        idea_title: "Benches by the pond".into(),
        by: Some("Boris".into()),
        text: Some("Yes, and shade too".into()),
    };
    let english = mailer.compose("anna@example.org", "commented", &comment, Lang::En);
    assert_eq!(english.subject, "New comment on your idea");
    assert!(
        english
            .body
            .contains("Comment (Boris):\nYes, and shade too"),
        "{}",
        english.body
    );
    assert!(english.body.contains("https://crowd.example.org/ideas/7"));
    assert!(
        english
            .body
            .contains("https://crowd.example.org/notifications")
    );
    assert!(
        !has_cyrillic(&english.subject) && !has_cyrillic(&english.body),
        "{}",
        english.body
    );
    let rejected = About {
        link: None,
        idea_id: 8,
        idea_title: "Fountain".into(),
        by: None,
        text: Some("Out of the city's remit".into()),
    };
    let reason = mailer.compose("anna@example.org", "rejected", &rejected, Lang::En);
    assert!(
        reason.body.contains("Reason:\nOut of the city's remit"),
        "{}",
        reason.body
    );
    assert!(!has_cyrillic(&reason.body));
    let russian = mailer.compose("anna@example.org", "rejected", &rejected, Lang::Ru);
    assert_eq!(russian.subject, "Ваша идея отклонена");
    assert!(russian.body.contains("Причина:\nOut of the city's remit"));
    assert!(!russian.body.contains("Reason") && !russian.body.contains("rejected"));
    for lang in [Lang::Ru, Lang::En] {
        let confirm = mailer.confirmation("anna@example.org", "/confirm/x", lang);
        let told = mailer.already_registered("anna@example.org", lang);
        for m in [confirm, told] {
            assert_eq!(has_cyrillic(&m.body), lang == Lang::Ru, "{}", m.body);
            assert_eq!(has_cyrillic(&m.subject), lang == Lang::Ru, "{}", m.subject);
        }
    }
}

#[tokio::test]
async fn a_relay_that_refuses_is_an_error() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        socket.write_all(b"554 go away\r\n").await.unwrap();
    });
    let mailer = Mailer {
        transport: Transport::Smtp {
            address,
            credentials: None,
        },
        from: "noreply@crowd.example.org".into(),
        site_url: "http://localhost".into(),
    };
    let message = mailer.compose(
        "anna@example.org",
        "replied",
        &About {
            link: None,
            idea_id: 1,
            idea_title: "x".into(),
            by: None,
            text: None,
        },
        Lang::Ru,
    );
    assert!(mailer.send(&message, "test-2").await.is_err());
}

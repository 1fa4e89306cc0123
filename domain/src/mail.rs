//! Notification e-mails. By default each message is written as an `.eml` file to an outbox folder, so
//! nothing needs a mail server to run (and tests read the files); when an SMTP relay is configured,
//! messages go to it (plain SMTP with optional AUTH PLAIN: point it at a local relay such as Postfix,
//! which handles TLS to the outside).
//!
//! Each message is written wholly in its reader's language (the one they last used the site in,
//! `users.lang`), with a link to the idea (or, for a new account, the link that confirms its address).

use crate::entities::{notification, user};
use crate::{Domain, Error, Result};
use base64::Engine;
use sea_orm::EntityTrait;
use std::path::PathBuf;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use wire::About;
use wire::{IdeaStatus, ImplChange, Lang};

/// Where messages go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// One `.eml` file per message in this folder.
    Outbox(PathBuf),
    /// An SMTP relay.
    Smtp {
        /// `host:port`.
        address: String,
        /// `user:password` for AUTH PLAIN, if the relay wants it.
        credentials: Option<(String, String)>,
    },
}

/// Sends notification e-mails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailer {
    /// Where messages go.
    pub transport: Transport,
    /// The `From:` address.
    pub from: String,
    /// The site's public address, for links (`https://crowd.example.org`).
    pub site_url: String,
}

/// A message: recipient, subject and plain-text body, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Recipient.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Body (plain text).
    pub body: String,
    /// The language it is written in (its `Content-Language`).
    pub lang: Lang,
}

/// `ru` or `en` of the pair, as `lang` reads.
fn pick(lang: Lang, (ru, en): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// The subject of a notification's e-mail, in Russian and English: its kind is a comment, a reply, an
/// undone merge, or the idea's new status.
fn wording(kind: &str) -> (&'static str, &'static str) {
    if let Some(change) = ImplChange::parse(kind) {
        return implementation_wording(change);
    }
    match kind {
        "commented" => ("Новый комментарий к вашей идее", "New comment on your idea"),
        "replied" => ("Ответ на ваш комментарий", "A reply to your comment"),
        crate::moderation::MERGE_UNDONE => (
            "Ваша идея снова отдельная: объединение отменено",
            "Your idea stands on its own again: the merge was undone",
        ),
        crate::vote::REMINDER => (
            "Голосование скоро закончится, а ваш выбор не подтверждён",
            "Voting ends soon and your choice is not confirmed",
        ),
        _ => match IdeaStatus::parse(kind) {
            Some(IdeaStatus::Merged) => (
                "Ваша идея объединена с похожей",
                "Your idea was merged with a similar one",
            ),
            Some(IdeaStatus::Published) => ("Ваша идея опубликована", "Your idea is published"),
            Some(IdeaStatus::Rejected) => ("Ваша идея отклонена", "Your idea was rejected"),
            Some(IdeaStatus::Shortlisted) => (
                "Ваша идея в коротком списке экспертов",
                "Your idea is on the experts' shortlist",
            ),
            Some(IdeaStatus::Selected) => (
                "Ваша идея отобрана для реализации",
                "Your idea is selected for implementation",
            ),
            Some(IdeaStatus::NotSelected) => (
                "Комиссия не отобрала вашу идею",
                "The commission did not select your idea",
            ),
            _ => ("Новости о вашей идее", "News about your idea"),
        },
    }
}

/// The subject of a notice to an idea's followers about its implementation.
fn implementation_wording(change: ImplChange) -> (&'static str, &'static str) {
    match change {
        ImplChange::Planned => (
            "Идею, за которой вы следите, будут реализовывать",
            "An idea you follow is planned for implementation",
        ),
        ImplChange::InProgress => (
            "Идею, за которой вы следите, начали реализовывать",
            "Work has started on an idea you follow",
        ),
        ImplChange::Done => (
            "Идея, за которой вы следите, реализована",
            "An idea you follow has been built",
        ),
        ImplChange::Cancelled => (
            "Реализация идеи, за которой вы следите, отменена",
            "The implementation of an idea you follow was cancelled",
        ),
        ImplChange::Updated => (
            "Новости о реализации идеи, за которой вы следите",
            "News on the implementation of an idea you follow",
        ),
        ImplChange::MilestoneAdded => (
            "Новый этап реализации идеи, за которой вы следите",
            "A new milestone for an idea you follow",
        ),
        ImplChange::MilestoneReached => (
            "Пройден этап реализации идеи, за которой вы следите",
            "A milestone was reached for an idea you follow",
        ),
        ImplChange::Reported => (
            "Отчёт о реализации идеи, за которой вы следите",
            "A progress report on an idea you follow",
        ),
    }
}

/// What the text under a notification's heading is, by kind: a comment, or the reason for a decision.
fn text_label(kind: &str) -> (&'static str, &'static str) {
    match ImplChange::parse(kind) {
        Some(ImplChange::MilestoneAdded | ImplChange::MilestoneReached) => ("Этап", "Milestone"),
        Some(ImplChange::Reported) => ("Отчёт", "Report"),
        Some(ImplChange::Cancelled) => ("Причина", "Reason"),
        Some(_) => ("Исполнитель и готовность", "Department and progress"),
        None => match kind {
            "commented" | "replied" => ("Комментарий", "Comment"),
            crate::moderation::MERGE_UNDONE => ("Была объединена с", "It had been merged into"),
            _ => ("Причина", "Reason"),
        },
    }
}

impl Mailer {
    /// The site's address followed by `path`.
    fn link(&self, path: &str) -> String {
        format!("{}{path}", self.site_url.trim_end_matches('/'))
    }

    /// The message for a notification, wholly in `lang`: what happened, the idea, who wrote and what
    /// (a comment) or why (a decision), the link to the idea and where all notifications are.
    pub fn compose(&self, to: &str, kind: &str, about: &About, lang: Lang) -> Message {
        let heading = pick(lang, wording(kind));
        let link = self.link(&about.href());
        let mut body = format!("{heading}:\n«{}»\n", about.idea_title);
        if let Some(text) = &about.text {
            let label = match &about.by {
                Some(by) => format!("{} ({by})", pick(lang, text_label(kind))),
                None => pick(lang, text_label(kind)).to_owned(),
            };
            body.push_str(&format!("\n{label}:\n{text}\n"));
        }
        let (open, all) = match (lang, about.link.is_some()) {
            (Lang::Ru, false) => ("Открыть идею", "Все уведомления"),
            (Lang::Ru, true) => ("Открыть", "Все уведомления"),
            (Lang::En, false) => ("Open the idea", "All notifications"),
            (Lang::En, true) => ("Open", "All notifications"),
        };
        body.push_str(&format!(
            "\n{open}: {link}\n\n—\n{all}: {}\n",
            self.link("/notifications")
        ));
        Message {
            to: to.to_owned(),
            subject: heading.to_owned(),
            body,
            lang,
        }
    }

    /// The message with the link that confirms a new account's address (`path`: the link's path).
    pub fn confirmation(&self, to: &str, path: &str, lang: Lang) -> Message {
        let link = self.link(path);
        let hours = crate::auth::confirmation::LINK_HOURS;
        let (subject, body) = match lang {
            Lang::Ru => (
                "Подтвердите адрес",
                format!(
                    "Чтобы закончить регистрацию на «Городе идей», откройте ссылку \
                     (она действует {hours} ч):\n{link}\n\nЕсли вы не регистрировались, просто \
                     удалите это письмо.\n"
                ),
            ),
            Lang::En => (
                "Confirm your address",
                format!(
                    "To finish registering on City of Ideas, open the link (valid for {hours} h):\n\
                     {link}\n\nIf you did not register, just delete this message.\n"
                ),
            ),
        };
        Message {
            to: to.to_owned(),
            subject: subject.into(),
            body,
            lang,
        }
    }

    /// The message to the owner of an address someone tried to register again.
    pub fn already_registered(&self, to: &str, lang: Lang) -> Message {
        let link = self.link("/login");
        let (subject, body) = match lang {
            Lang::Ru => (
                "Попытка регистрации",
                format!(
                    "Кто-то пытался зарегистрироваться с вашим адресом, но у вас уже есть учётная \
                     запись. Если это были вы, войдите:\n{link}\nЕсли нет, ничего делать не нужно.\n"
                ),
            ),
            Lang::En => (
                "Registration attempt",
                format!(
                    "Someone tried to register with your address, but you already have an account. \
                     If it was you, log in:\n{link}\nIf not, there is nothing to do.\n"
                ),
            ),
        };
        Message {
            to: to.to_owned(),
            subject: subject.into(),
            body,
            lang,
        }
    }

    /// Sends the e-mail of a stored notification to its owner.
    pub async fn send_notice(&self, d: &Domain, row: &notification::Model) -> Result<()> {
        let owner = user::Entity::find_by_id(row.user_id)
            .one(&d.db)
            .await?
            .ok_or(Error::NotFound)?;
        let about: About =
            serde_json::from_str(&row.payload).map_err(|e| Error::Internal(e.to_string()))?;
        let message = self.compose(
            &owner.email,
            &row.kind,
            &about,
            Lang::from_code(&owner.lang),
        );
        let name = format!("{}-{}", row.created_at.format("%Y%m%dT%H%M%S"), row.id);
        self.send(&message, &name).await
    }

    /// The message as RFC 5322 text, dated now.
    fn render(&self, m: &Message, id: &str) -> String {
        let host = self.from.rsplit('@').next().unwrap_or("localhost");
        let date = chrono::Utc::now().to_rfc2822();
        format!(
            "Date: {date}\r\nFrom: {}\r\nTo: {}\r\nSubject: {}\r\nMessage-ID: <{id}@{host}>\r\n\
             MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\
             Content-Language: {}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{}",
            self.from,
            m.to,
            encoded_words(&m.subject),
            m.lang.code(),
            m.body.replace('\n', "\r\n")
        )
    }

    /// Sends `m`; `id` names the file or the message id.
    pub async fn send(&self, m: &Message, id: &str) -> Result<()> {
        let text = self.render(m, id);
        match &self.transport {
            Transport::Outbox(dir) => {
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|e| Error::Internal(format!("outbox {}: {e}", dir.display())))?;
                let path = dir.join(format!("{id}.eml"));
                tokio::fs::write(&path, text)
                    .await
                    .map_err(|e| Error::Internal(format!("outbox {}: {e}", path.display())))
            }
            Transport::Smtp {
                address,
                credentials,
            } => smtp(address, credentials.as_ref(), &self.from, &m.to, &text)
                .await
                .map_err(|e| Error::Internal(format!("smtp {address}: {e}"))),
        }
    }
}

/// One SMTP conversation: EHLO, AUTH PLAIN if given, MAIL, RCPT, DATA, QUIT.
async fn smtp(
    address: &str,
    credentials: Option<&(String, String)>,
    from: &str,
    to: &str,
    text: &str,
) -> std::io::Result<()> {
    let stream = tokio::net::TcpStream::connect(address).await?;
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    async fn expect(
        read: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
        code: &str,
    ) -> std::io::Result<()> {
        loop {
            let mut line = String::new();
            if read.read_line(&mut line).await? == 0 {
                return Err(std::io::Error::other("connection closed"));
            }
            if !line.starts_with(code) {
                return Err(std::io::Error::other(format!(
                    "expected {code}, got {}",
                    line.trim()
                )));
            }
            // "250-..." continues, "250 ..." ends the reply.
            if line.as_bytes().get(3) != Some(&b'-') {
                return Ok(());
            }
        }
    }
    expect(&mut read, "220").await?;
    write.write_all(b"EHLO crowd\r\n").await?;
    expect(&mut read, "250").await?;
    if let Some((user, password)) = credentials {
        let token =
            base64::engine::general_purpose::STANDARD.encode(format!("\0{user}\0{password}"));
        write
            .write_all(format!("AUTH PLAIN {token}\r\n").as_bytes())
            .await?;
        expect(&mut read, "235").await?;
    }
    write
        .write_all(format!("MAIL FROM:<{from}>\r\n").as_bytes())
        .await?;
    expect(&mut read, "250").await?;
    write
        .write_all(format!("RCPT TO:<{to}>\r\n").as_bytes())
        .await?;
    expect(&mut read, "250").await?;
    write.write_all(b"DATA\r\n").await?;
    expect(&mut read, "354").await?;
    // Dot-stuffing: a line starting with "." gets another.
    let body = text.replace("\r\n.", "\r\n..");
    write.write_all(body.as_bytes()).await?;
    write.write_all(b"\r\n.\r\n").await?;
    expect(&mut read, "250").await?;
    write.write_all(b"QUIT\r\n").await?;
    Ok(())
}

/// `text` as RFC 2047 encoded words of at most 75 characters each (base64 of whole UTF-8 characters),
/// folded onto continuation lines, as a header field's value.
fn encoded_words(text: &str) -> String {
    // `=?UTF-8?B?` and `?=` leave 63 characters of base64: 15 groups of 4, that is 45 bytes.
    const BYTES: usize = 45;
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > BYTES {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(c);
    }
    if !chunk.is_empty() || words.is_empty() {
        words.push(chunk);
    }
    words
        .iter()
        .map(|w| {
            let encoded = base64::engine::general_purpose::STANDARD.encode(w.as_bytes());
            format!("=?UTF-8?B?{encoded}?=")
        })
        .collect::<Vec<_>>()
        .join("\r\n ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;

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
}

//! Notification e-mails. By default each message is written as an `.eml` file to an outbox folder, so
//! nothing needs a mail server to run (and tests read the files); when an SMTP relay is configured,
//! messages go to it (plain SMTP with optional AUTH PLAIN: point it at a local relay such as Postfix,
//! which handles TLS to the outside).
//!
//! Each message is written wholly in its reader's language (the one they last used the site in,
//! `users.lang`), with a link to the idea (or, for a new account, the link that confirms its address).

use crate::entities::{notification, user};
use crate::{Domain, Error, Result};
use sea_orm::EntityTrait;
use std::path::PathBuf;
use wire::{About, Lang};

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
mod smtp;
#[cfg(test)]
mod tests;
mod wording;

use smtp::{encoded_words, smtp};
use wording::{pick, text_label, wording};

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

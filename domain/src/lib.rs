//! Server-only business rules of the crowdsourcing platform.
//!
//! Everything that decides something lives here: who may do what ([`auth`]), when a project accepts ideas
//! ([`projects`], [`ideas`]), what is stored and which live [`events`] it produces. Entry points (server
//! functions, the SSE endpoint, the CLI) authenticate, call one function of this crate and map the result.
//! Nothing here knows about Leptos or HTTP.

pub mod audit;
pub mod auth;
pub mod backup;
pub mod cards;
pub mod check;
pub mod clock;
pub mod comments;
pub mod commission;
pub mod db;
pub mod echo;
pub mod entities;
pub mod error;
pub mod events;
pub mod export;
pub mod generate;
pub mod ideas;
pub mod implementation;
pub mod limits;
pub mod mail;
pub mod markdown;
pub mod media;
pub mod moderation;
pub mod notifications;
pub mod passport;
pub mod projects;
pub mod relay;
pub mod reports;
pub mod results;
pub mod revisions;
pub mod scale;
pub mod search;
pub mod seed;
pub mod staff;
pub mod text;
pub mod time;
pub mod vote;

#[cfg(any(test, feature = "testing"))]
pub mod testing;

use std::sync::Arc;

pub use auth::{Role, User};
pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{Error, FieldError, Result};
pub use sea_orm::DatabaseConnection;

/// The handles every domain operation needs: the database, the clock and the live fan-outs.
///
/// Cheap to clone; one instance is shared by the whole server process.
#[derive(Clone)]
pub struct Domain {
    /// The connection pool.
    pub db: DatabaseConnection,
    /// The source of "now"; tests inject a [`ManualClock`].
    pub clock: Arc<dyn Clock>,
    /// In-process fan-out of committed events to live subscribers.
    pub bus: events::EventBus,
    /// Live fan-out of new notifications (the user id), for the bell of pages that are open.
    pub notices: tokio::sync::broadcast::Sender<i64>,
    /// Where notification e-mails go (`None`: none are sent).
    pub mailer: Option<Arc<mail::Mailer>>,
    /// Live fan-out of "the moderation queue changed", for the moderators' open queues.
    pub queue: tokio::sync::broadcast::Sender<()>,
    /// Live fan-out of "the commission's work on this project changed" (the project id).
    pub commission: tokio::sync::broadcast::Sender<i64>,
    /// The turn of this process's writers on SQLite ([`Domain::begin_write`]).
    writer: Arc<tokio::sync::Mutex<()>>,
    /// The commission dashboards' totals over every score, kept until they change.
    pub(crate) commission_totals: Arc<commission::TotalsCache>,
}

/// The class of PostgreSQL advisory locks held per account ([`Domain::begin_account_write`]): `acct` in
/// ASCII, apart from the migrations' lock (the single-key form).
const ACCOUNT_LOCKS: i32 = i32::from_be_bytes(*b"acct");

/// An account's key in [`ACCOUNT_LOCKS`]: its id, folded into 32 bits (two accounts that share a key only
/// wait for each other).
fn account_lock_key(user_id: i64) -> i32 {
    (user_id ^ (user_id >> 32)) as i32
}

/// A writer's turn on SQLite, held until its transaction ends (`None` on PostgreSQL).
pub type WriteTurn = Option<tokio::sync::OwnedMutexGuard<()>>;

impl Domain {
    /// Bundles a connection with a clock, creating fresh live fan-outs.
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>) -> Self {
        Self {
            db,
            clock,
            bus: events::EventBus::new(),
            notices: tokio::sync::broadcast::channel(1024).0,
            mailer: None,
            queue: tokio::sync::broadcast::channel(64).0,
            commission: tokio::sync::broadcast::channel(64).0,
            writer: Arc::default(),
            commission_totals: Arc::default(),
        }
    }

    /// Begins a transaction that writes. SQLite has one writer at a time: there the process's writers
    /// take turns here, first come first served, instead of sleeping in SQLite's busy handler (which
    /// backs off up to 100 ms a try and made a vote's p99 hundreds of milliseconds under load), and the
    /// transaction takes the database's write lock as it begins (`BEGIN IMMEDIATE`), so a read at its
    /// start is never a snapshot another process's write can make stale. Keep the turn until the
    /// transaction is committed or dropped.
    pub async fn begin_write(&self) -> Result<(WriteTurn, sea_orm::DatabaseTransaction)> {
        use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
        let turn = match self.db.get_database_backend() {
            sea_orm::DatabaseBackend::Sqlite => Some(self.writer.clone().lock_owned().await),
            _ => None,
        };
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        };
        Ok((turn, self.db.begin_with_options(options).await?))
    }

    /// Begins a transaction that writes on behalf of `user_id` and holds that account's turn: of one
    /// account's writes, one at a time reaches its commit (SQLite: every writer's turn; PostgreSQL: a
    /// transaction-scoped advisory lock on the account). A rate limit read inside it therefore counts
    /// every earlier write of the account, however many requests arrive at once ([`limits`]).
    pub async fn begin_account_write(
        &self,
        user_id: i64,
    ) -> Result<(WriteTurn, sea_orm::DatabaseTransaction)> {
        use sea_orm::ConnectionTrait;
        let (turn, txn) = self.begin_write().await?;
        if self.db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            txn.execute_raw(sea_orm::Statement::from_sql_and_values(
                sea_orm::DatabaseBackend::Postgres,
                "SELECT pg_advisory_xact_lock($1, $2)",
                [ACCOUNT_LOCKS.into(), account_lock_key(user_id).into()],
            ))
            .await?;
        }
        Ok((turn, txn))
    }

    /// The same domain sending notification e-mails through `mailer`.
    pub fn with_mailer(mut self, mailer: mail::Mailer) -> Self {
        self.mailer = Some(Arc::new(mailer));
        self
    }

    /// Commits `txn`, then hands its live event (if any) to the bus: subscribers only ever see
    /// committed events.
    pub async fn commit(
        &self,
        txn: sea_orm::DatabaseTransaction,
        event: Option<events::StoredEvent>,
    ) -> Result<()> {
        txn.commit().await?;
        if let Some(event) = event {
            self.bus.publish(event);
        }
        Ok(())
    }

    /// Tells open moderation queues to refresh (something was submitted, reported or decided).
    pub fn queue_changed(&self) {
        let _ = self.queue.send(());
        self.bus.relay(events::Live::Queue);
    }

    /// Tells the open dashboards of a project's commission to refresh.
    pub fn commission_changed(&self, project_id: i64) {
        let _ = self.commission.send(project_id);
        self.bus.relay(events::Live::Commission(project_id));
    }

    /// Tells the open pages of `user_id` that their bell changed.
    pub fn bell_changed(&self, user_id: i64) {
        let _ = self.notices.send(user_id);
        self.bus.relay(events::Live::Notice(user_id));
    }

    /// After the commit of a new notification: bumps the owner's bell in open pages and sends the
    /// e-mail. A failed e-mail is logged, never undoes the change.
    pub async fn notified(&self, row: entities::notification::Model) {
        self.bell_changed(row.user_id);
        if let Some(mailer) = &self.mailer {
            let sending = metrics::gauge!("crowd_mail_sending");
            sending.increment(1.0);
            let sent = mailer.send_notice(self, &row).await;
            sending.decrement(1.0);
            let result = if sent.is_ok() { "sent" } else { "failed" };
            metrics::counter!("crowd_mail_total", "result" => result).increment(1);
            if let Err(e) = sent {
                tracing::warn!(error = %e, notification = row.id, "notification e-mail not sent");
            }
        }
    }

    /// The current instant according to the injected clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}

//! Configuration from flags and environment variables (see the README's table).

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Settings shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Database URL: `sqlite://path?mode=rwc` (created if missing) or `postgres://user:pass@host/db`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/crowd.sqlite?mode=rwc",
        global = true
    )]
    pub database_url: String,
    /// Address to listen on.
    #[arg(
        long,
        env = "CROWD_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub addr: SocketAddr,
    /// Folder with the built site (`pkg/` with the wasm, JS and CSS), as produced by cargo-leptos.
    #[arg(
        long,
        env = "CROWD_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: PathBuf,
    /// Folder for uploaded files (covers go to `<data-dir>/uploads`).
    #[arg(long, env = "CROWD_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// Mark cookies `Secure` (set when the site is served over HTTPS).
    #[arg(
        long,
        env = "CROWD_SECURE_COOKIES",
        default_value_t = false,
        global = true
    )]
    pub secure_cookies: bool,
    /// Extra origins (scheme://host[:port]) allowed to POST to the API, comma-separated; the site's own
    /// origin (from the Host header) is always allowed.
    #[arg(
        long,
        env = "CROWD_ALLOWED_ORIGINS",
        value_delimiter = ',',
        global = true
    )]
    pub allowed_origins: Vec<String>,
    /// The site's public address (`https://crowd.example.org`): shared links' pictures (`og:image`) are
    /// absolute URLs under it, as crawlers require. Unset: they are site-relative paths.
    #[arg(long, env = "CROWD_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// SMTP relay (`host:port`) for notification e-mails. Unset: each e-mail is written as an `.eml`
    /// file to `<data-dir>/outbox`.
    #[arg(long, env = "CROWD_SMTP", global = true)]
    pub smtp: Option<String>,
    /// `user:password` for the relay's AUTH PLAIN, if it wants one.
    #[arg(long, env = "CROWD_SMTP_AUTH", hide_env_values = true, global = true)]
    pub smtp_auth: Option<String>,
    /// Reverse proxies (addresses or networks, `10.0.0.0/8`) whose `X-Forwarded-For` names the client,
    /// comma-separated. Unset: the client is the socket's peer, and `X-Forwarded-For` is ignored.
    #[arg(
        long,
        env = "CROWD_TRUSTED_PROXIES",
        value_delimiter = ',',
        global = true
    )]
    pub trusted_proxies: Vec<crate::edge::Network>,
    /// Addresses (or networks) whose direct requests `/metrics` answers, comma-separated; requests that
    /// came through a proxy (`X-Forwarded-For`) never get it.
    #[arg(
        long,
        env = "CROWD_METRICS_FROM",
        value_delimiter = ',',
        default_value = "127.0.0.0/8,::1",
        global = true
    )]
    pub metrics_from: Vec<crate::edge::Network>,
    /// Log format: `text` (for people) or `json` (one object per line, for collectors).
    #[arg(long, env = "CROWD_LOG_FORMAT", default_value = "text", global = true)]
    pub log_format: LogFormat,
    /// Live streams one client address may hold open at once (more get 429).
    #[arg(
        long,
        env = "CROWD_MAX_STREAMS_PER_CLIENT",
        default_value_t = 100,
        global = true
    )]
    pub max_streams_per_client: usize,
    /// Live streams the server holds open at once (more get 503); keep it under the open-file limit.
    #[arg(
        long,
        env = "CROWD_MAX_STREAMS",
        default_value_t = 20_000,
        global = true
    )]
    pub max_streams: usize,
    /// For how many seconds of the clock an anonymous page may be served again from the page cache
    /// unless something changes first (0: no cache; 1: within the same second).
    #[arg(
        long,
        env = "CROWD_PAGE_CACHE_SECS",
        default_value_t = 1,
        global = true
    )]
    pub page_cache_secs: u64,
    /// On SQLite, the memory its page caches and statements may hold in all, in MB (a soft limit:
    /// beyond it SQLite reuses cached pages instead of taking more; the file's pages stay in the
    /// system's cache); 0: SQLite's default, up to 2 MB of page cache per pooled connection.
    #[arg(
        long,
        env = "CROWD_SQLITE_MEMORY_MB",
        default_value_t = 8,
        global = true
    )]
    pub sqlite_memory_mb: u64,
    /// The `From:` of notification e-mails.
    #[arg(
        long,
        env = "CROWD_MAIL_FROM",
        default_value = "noreply@crowd.localhost",
        global = true
    )]
    pub mail_from: String,
}

impl Config {
    /// The edge settings: trusted proxies and stream caps.
    pub fn edge(&self) -> crate::edge::Edge {
        crate::edge::Edge {
            trusted_proxies: self.trusted_proxies.clone(),
            streams: crate::edge::StreamGate::new(self.max_streams_per_client, self.max_streams),
            hsts: self.secure_cookies,
            metrics_from: self.metrics_from.clone(),
        }
    }

    /// The mailer these settings describe. E-mails carry links to the site, so an SMTP relay (real mail)
    /// needs the site's public address: without it this is an error, never mail with dead links. The
    /// outbox (files, for trying the site out) links to the listen address, with `0.0.0.0` or `::` read
    /// as this machine.
    pub fn mailer(&self) -> Result<domain::mail::Mailer, String> {
        let transport = match &self.smtp {
            Some(address) => domain::mail::Transport::Smtp {
                address: address.clone(),
                credentials: self.smtp_auth.as_ref().and_then(|auth| {
                    auth.split_once(':')
                        .map(|(u, p)| (u.to_owned(), p.to_owned()))
                }),
            },
            None => domain::mail::Transport::Outbox(self.data_dir.join("outbox")),
        };
        let site_url = match (&self.public_url, &transport) {
            (Some(url), _) => url.trim_end_matches('/').to_owned(),
            (None, domain::mail::Transport::Smtp { .. }) => {
                return Err(
                    "CROWD_SMTP is set but CROWD_PUBLIC_URL is not: e-mails would link to \
                     this server's listen address; set CROWD_PUBLIC_URL to the address residents \
                     open (https://crowd.example.org)"
                        .to_owned(),
                );
            }
            (None, domain::mail::Transport::Outbox(_)) => {
                let mut addr = self.addr;
                if addr.ip().is_unspecified() {
                    addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
                }
                format!("http://{addr}")
            }
        };
        Ok(domain::mail::Mailer {
            transport,
            from: self.mail_from.clone(),
            site_url,
        })
    }
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Lines for people.
    Text,
    /// One JSON object per line, with the request's span fields.
    Json,
}

//! The command line: `crowd [serve]`, `crowd migrate`, `crowd seed --demo|--scale moscow`,
//! `crowd create-user`, and the maintenance commands.

use crate::config::Config;
use crate::router::router;
use crate::state::{AppState, Shared, leptos_options};
use app::ssr::ServerContext;
use clap::{Parser, Subcommand};
use domain::auth::Registration;
use domain::{Domain, Role, SystemClock};
use std::sync::Arc;
use tokio::sync::watch;

/// The civic crowdsourcing platform's server.
#[derive(Debug, Parser)]
#[command(name = "crowd", version, about)]
pub struct Cli {
    /// Settings.
    #[command(flatten)]
    pub config: Config,
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database and serve the site (the default).
    Serve,
    /// Apply pending migrations and exit.
    Migrate,
    /// Load data.
    Seed {
        /// Load the demo projects and accounts (only into a database without projects).
        #[arg(long, conflicts_with = "scale")]
        demo: bool,
        /// Load the demo data and generated data of this size (`moscow`: 24 projects, 220,000
        /// participants, 105,000 ideas, a million votes) into a database without projects.
        #[arg(long, value_enum)]
        scale: Option<crate::seeding::Size>,
        /// The number every generated choice is drawn from (the same number loads the same data).
        #[arg(long, default_value_t = domain::scale::Scale::MOSCOW.seed)]
        seed: u64,
        /// Make the generated data this many times smaller.
        #[arg(long, default_value_t = 1)]
        divide: u64,
    },
    /// Rebuild the word index of ideas (similar ideas, search) from the ideas.
    Reindex,
    /// Write brotli and gzip copies of the site's code and styles (`<dir>/*.wasm|js|css`), which the
    /// server sends to browsers that accept them.
    Precompress {
        /// The folder (the site's `pkg`).
        dir: std::path::PathBuf,
    },
    /// Recompute the hash chain of the decision trail; exits with an error naming the first altered
    /// entry.
    VerifyAudit,
    /// Recount a project's residents' vote from its ballots: recompute every receipt from its token and
    /// choices, compare the counted choices and every total; exits with an error naming each ballot or
    /// idea that disagrees.
    VerifyBallots {
        /// The project's address (slug).
        project: String,
    },
    /// Recount every counter kept on write (ideas, participants, votes, comments, search statistics)
    /// from its rows and report any that drifted; exits with an error when one did.
    Check {
        /// Set each drifted counter to its rows' count, in one transaction.
        #[arg(long)]
        fix: bool,
    },
    /// Copy the live SQLite database to FILE (consistent while the site runs) and the uploaded files to
    /// FILE-uploads/; on PostgreSQL, says which tools to use.
    Backup {
        /// The new backup file (never overwritten).
        file: std::path::PathBuf,
    },
    /// Put the backup FILE (and FILE-uploads/) in place of the SQLite database of DATABASE_URL, which
    /// must be missing or hold no project; then migrate it.
    Restore {
        /// The backup file.
        file: std::path::PathBuf,
    },
    /// Measure similar ideas and feed pages on generated projects of 1,000 and 105,000 ideas (in
    /// throw-away SQLite files under the temp folder) and print the figures.
    Bench {
        /// Sizes of the generated projects.
        #[arg(long, value_delimiter = ',', default_value = "1000,105000")]
        ideas: Vec<u64>,
        /// Queries timed per measure.
        #[arg(long, default_value_t = 300)]
        queries: usize,
        /// Measure the release server over HTTP on Moscow-scale data instead (see `make bench`).
        #[arg(long)]
        site: bool,
        /// The Moscow-scale database the site bench serves a copy of (made first when missing).
        #[arg(long, default_value = "data/bench-moscow.sqlite")]
        data: std::path::PathBuf,
        /// Seconds per throughput measure of the site bench.
        #[arg(long, default_value_t = 5)]
        seconds: u64,
        /// Connections of the site bench's throughput measures.
        #[arg(long, default_value_t = 32)]
        connections: usize,
        /// Live subscribers the site bench opens, one measure per number.
        #[arg(long, value_delimiter = ',', default_value = "10000,50000")]
        subscribers: Vec<usize>,
        /// A Node script the site bench runs against the server for browser figures (`make bench`
        /// passes end2end/bench/phone.mjs).
        #[arg(long)]
        phone: Option<std::path::PathBuf>,
    },
    /// Create an account with a role.
    CreateUser {
        /// Login e-mail.
        #[arg(long)]
        email: String,
        /// Public name.
        #[arg(long, default_value = "Staff")]
        name: String,
        /// resident, moderator, expert, staff or admin.
        #[arg(long, default_value = "resident")]
        role: String,
        /// Password (at least 10 characters); read from CROWD_NEW_PASSWORD when not given.
        #[arg(long, env = "CROWD_NEW_PASSWORD", hide_env_values = true)]
        password: String,
    },
}

/// A failure of a command, printed by `main`.
pub use crate::CliError;

async fn connect(config: &Config) -> Result<Domain, CliError> {
    let mailer = config.mailer()?;
    let db = domain::db::connect(&config.database_url, None).await?;
    domain::db::migrate(&db).await?;
    let d = Domain::new(db, Arc::new(SystemClock)).with_mailer(mailer);
    if domain::search::needs_reindex(&d).await? {
        reindex(&d).await?;
    }
    Ok(d)
}

async fn reindex(d: &Domain) -> Result<(), CliError> {
    let done = domain::search::reindex(d, &|done, total| {
        println!("crowd reindex: {done}/{total} ideas");
    })
    .await?;
    println!("crowd reindex: {done} ideas indexed");
    Ok(())
}

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> Result<(), CliError> {
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => {
            connect(&config).await?;
            println!("crowd: database is up to date");
            Ok(())
        }
        Command::VerifyAudit => {
            let d = connect(&config).await?;
            let verdict = domain::audit::verify(&d, &|checked| {
                println!("crowd verify-audit: {checked} entries checked");
            })
            .await?;
            match verdict {
                domain::audit::Verdict::Intact(n) => {
                    println!("crowd verify-audit: the decision trail is intact ({n} entries)");
                    Ok(())
                }
                domain::audit::Verdict::Broken { id, why } => {
                    Err(format!("the decision trail is broken at entry {id}: {why}").into())
                }
            }
        }
        Command::VerifyBallots { project } => {
            let d = connect(&config).await?;
            let audit = domain::vote::verify(&d, &project, &|checked| {
                println!("crowd verify-ballots: {checked} ballots checked");
            })
            .await?;
            for problem in &audit.problems {
                eprintln!("crowd verify-ballots: {problem}");
            }
            match audit.problems.len() {
                0 => {
                    println!(
                        "crowd verify-ballots: every receipt and total holds ({} ballots, {} ideas)",
                        audit.ballots, audit.ideas
                    );
                    Ok(())
                }
                n => Err(format!("{n} disagreements in the ballots of {project}").into()),
            }
        }
        Command::Check { fix } => {
            let d = connect(&config).await?;
            let progress = |counter: &str, done: usize, total: usize| {
                println!("crowd check: {done}/{total} {counter}");
            };
            let drift = if fix {
                domain::check::fix(&d, &progress).await?
            } else {
                domain::check::check(&d.db, &progress).await?
            };
            for x in &drift {
                println!(
                    "crowd check: {} of {}: {} stored, {} counted",
                    x.counter, x.row, x.stored, x.counted
                );
            }
            match (drift.len(), fix) {
                (0, _) => {
                    println!("crowd check: every counter agrees with its rows");
                    Ok(())
                }
                (n, true) => {
                    println!("crowd check: {n} counters mended");
                    Ok(())
                }
                (n, false) => Err(format!(
                    "{n} counters disagree with their rows (`crowd check --fix` mends them)"
                )
                .into()),
            }
        }
        Command::Backup { file } => {
            domain::db::sqlite_path(&config.database_url).ok_or(domain::backup::POSTGRES)?;
            let d = connect(&config).await?;
            let size = domain::backup::backup(&d, &file, &|done, total| {
                println!("crowd backup: {} of {} MB", done >> 20, total >> 20);
            })
            .await?;
            let uploads = config.data_dir.join("uploads");
            let files = if uploads.is_dir() {
                domain::backup::copy_tree(&uploads, &domain::backup::uploads_of(&file))?
            } else {
                0
            };
            println!(
                "crowd backup: {} written ({size} bytes), {files} uploaded files",
                file.display()
            );
            Ok(())
        }
        Command::Restore { file } => {
            let target = domain::db::sqlite_path(&config.database_url)
                .ok_or(domain::backup::POSTGRES)?
                .to_owned();
            let target = std::path::Path::new(&target);
            domain::backup::make_room(target).await?;
            domain::backup::restore(&file, target, &|done, total| {
                println!("crowd restore: {} of {} MB", done >> 20, total >> 20);
            })?;
            let d = connect(&config).await?;
            let from = domain::backup::uploads_of(&file);
            let files = if from.is_dir() {
                domain::backup::copy_tree(&from, &config.data_dir.join("uploads"))?
            } else {
                0
            };
            let totals = domain::projects::totals(&d).await?;
            println!(
                "crowd restore: {} restored ({} projects, {} ideas), {files} uploaded files",
                target.display(),
                totals.projects,
                totals.ideas
            );
            Ok(())
        }
        Command::Reindex => {
            let d = connect(&config).await?;
            reindex(&d).await
        }
        Command::Precompress { dir } => {
            let done = tokio::task::spawn_blocking(move || {
                crate::precompress::run(&dir, &|n, total, file| {
                    eprintln!(
                        "crowd precompress: {n}/{total} {} — {} B, brotli {} B, gzip {} B",
                        file.path.display(),
                        file.plain,
                        file.brotli,
                        file.gzip
                    );
                })
            })
            .await??;
            eprintln!("crowd precompress: {} files", done.len());
            Ok(())
        }
        Command::Bench {
            site: true,
            data,
            seconds,
            connections,
            subscribers,
            phone,
            ..
        } => {
            let options = crate::bench::site::Options {
                data,
                site: config.site_root.clone(),
                seconds,
                connections,
                subscribers,
                phone,
            };
            crate::bench::site::run(&options).await
        }
        Command::Bench { ideas, queries, .. } => crate::bench::queries::run(&ideas, queries).await,
        Command::Seed {
            demo,
            scale,
            seed,
            divide,
        } => {
            let d = connect(&config).await?;
            if let Some(size) = scale {
                return crate::seeding::generated(&d, size, seed, divide).await;
            }
            if !demo {
                return Err("nothing to seed: pass --demo or --scale moscow".into());
            }
            let say = |step: &str| println!("crowd seed: {step}");
            if domain::seed::demo(&d, &say).await? {
                let kept = domain::seed::built::load(&d, &config.data_dir, &say).await?;
                say(&format!("{kept} implementation records kept"));
            }
            Ok(())
        }
        Command::CreateUser {
            email,
            name,
            role,
            password,
        } => {
            let role = Role::parse(&role)
                .ok_or("role must be resident, moderator, expert, staff or admin")?;
            let d = connect(&config).await?;
            let input = Registration {
                email,
                display_name: name,
                password,
                lang: wire::Lang::Ru,
            };
            match domain::auth::create_user(&d, &input, role).await {
                Ok(user) => {
                    println!(
                        "crowd: created {} ({}) with id {}",
                        user.email,
                        role.as_str(),
                        user.id
                    );
                    Ok(())
                }
                Err(domain::Error::Invalid(list)) => {
                    let why: Vec<String> = list
                        .iter()
                        .map(|e| format!("{}: {}", e.field, e.code))
                        .collect();
                    Err(format!("invalid input: {}", why.join(", ")).into())
                }
                Err(e) => Err(e.into()),
            }
        }
    }
}

async fn serve(config: Config) -> Result<(), CliError> {
    let d = connect(&config).await?;
    domain::db::limit_sqlite_memory(&d.db, config.sqlite_memory_mb.saturating_mul(1 << 20)).await?;
    // Several instances on one PostgreSQL database pass each other their live updates.
    if domain::relay::start(&d, domain::relay::CHANNEL).await? {
        tracing::info!(
            channel = domain::relay::CHANNEL,
            "relaying live updates between instances"
        );
    }
    // Once the others are heard: streams reconnecting at the head after a restart skip their replay.
    let heads = domain::events::recall_heads(&d).await?;
    tracing::debug!(scopes = heads, "newest events recalled");
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let state = AppState::from(Shared {
        leptos_options: leptos_options(&config),
        ctx: ServerContext {
            domain: d,
            secure_cookies: config.secure_cookies,
            data_dir: config.data_dir.as_path().into(),
            public_url: config.public_url.as_deref().map(Arc::from),
        },
        shutdown: shutdown_rx,
        allowed_origins: config.allowed_origins.clone(),
        edge: Arc::new(config.edge()),
        pages: Arc::new(crate::page_cache::PageCache::new(config.page_cache_secs)),
    });
    tokio::spawn(crate::announcer::run(
        state.ctx.domain.clone(),
        state.shutdown.clone(),
    ));
    tokio::spawn(crate::metrics::upkeep());
    let app = router(state);
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    tracing::info!(addr = %config.addr, database = %redact(&config.database_url), "serving http://{}", config.addr);
    crate::listen::serve(listener, app, async move {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing requests, closing live streams");
        let _ = shutdown_tx.send(true);
    })
    .await;
    Ok(())
}

/// The database URL without its password, for logs.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_stay_out_of_logs() {
        assert_eq!(
            redact("postgres://crowd:secret@db/crowd"),
            "postgres://crowd:***@db/crowd"
        );
        assert_eq!(
            redact("sqlite://data/crowd.sqlite?mode=rwc"),
            "sqlite://data/crowd.sqlite?mode=rwc"
        );
    }
}

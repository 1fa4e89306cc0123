//! `crowd`: parses the command line, sets up logging, and runs the command.

use clap::Parser;
use server::cli::{Cli, run};
use tracing_subscriber::EnvFilter;

/// mimalloc returns freed memory to the system (glibc's allocator kept what 10,000 live streams had
/// used after they closed) and is faster for the many small allocations of rendering.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    server::metrics::init_logs(
        cli.config.log_format,
        EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn")),
    );
    // Every connection and live stream is an open file: use all the system allows (the soft limit is
    // often 1,024 while the hard one is far higher).
    if let Err(e) = rlimit::increase_nofile_limit(u64::MAX) {
        tracing::warn!(error = %e, "could not raise the open-files limit");
    }
    match run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crowd: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

//! `crowd`: parses the command line, sets up logging, and runs the command.

use clap::Parser;
use server::cli::{Cli, run};
use tracing_subscriber::EnvFilter;

/// mimalloc returns freed memory to the system (glibc's allocator kept what 10,000 live streams had
/// used after they closed) and is faster for the many small allocations of rendering.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Threads of tokio's blocking pool (static files are read there, passwords hashed, images scaled). Tokio's
/// default of 512 let a burst of static-file requests start some 50 threads, each with its stack and its own
/// allocator pages: memory the server kept long after the burst, for no more throughput on a few cores.
const BLOCKING_THREADS: usize = 16;

/// Transparent huge pages off for this process, before the runtime allocates: with them the kernel backs
/// the memory the allocator asked to have in huge pages 2 MB at a time, so touching a little of it makes
/// 2 MB resident. Measured with `crowd bench --site` (2026-12-05): 23 MB once started instead of
/// 34, 60 MB instead of 72 after the pages and votes. As `MIMALLOC_ALLOW_THP=0` does, but whatever
/// starts the server. Elsewhere than Linux there is nothing to turn off.
fn small_pages() -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    rustix::thread::disable_transparent_huge_pages(true)?;
    Ok(())
}

fn main() -> std::process::ExitCode {
    let pages = small_pages();
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(BLOCKING_THREADS)
        .build()
    {
        Ok(runtime) => runtime.block_on(start(pages)),
        Err(e) => {
            eprintln!("crowd: could not start tokio's runtime: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn start(pages: std::io::Result<()>) -> std::process::ExitCode {
    let cli = Cli::parse();
    server::metrics::init_logs(
        cli.config.log_format,
        EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn")),
    );
    if let Err(e) = pages {
        tracing::warn!(error = %e, "could not turn transparent huge pages off");
    }
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

//! `crowd bench` (the domain's figures): generates projects of 1,000 and 105,000 ideas in throw-away SQLite files
//! ([`domain::generate`]), builds the word index, and prints how long "similar ideas" and feed pages take
//! (p50, p95, max over many queries). Figures, not pass/fail: tests never assert timings.

use crate::CliError;
use domain::generate::Rng;
use domain::{Domain, SystemClock};
use std::sync::Arc;
use std::time::Instant;

pub(super) fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// Prints one figure's line and returns its p50 in ms.
fn report(what: &str, mut millis: Vec<f64>) -> f64 {
    millis.sort_by(f64::total_cmp);
    println!(
        "  {what:<34} p50 {:>7.2} ms   p95 {:>7.2} ms   max {:>7.2} ms   ({} runs)",
        percentile(&millis, 0.5),
        percentile(&millis, 0.95),
        millis.last().copied().unwrap_or(0.0),
        millis.len()
    );
    percentile(&millis, 0.5)
}

/// Runs the benchmark.
pub async fn run(sizes: &[u64], queries: usize) -> Result<(), CliError> {
    println!("crowd bench: similar ideas and feed pages (SQLite file, release build recommended)");
    for &size in sizes {
        let dir = std::env::temp_dir().join("crowd-bench");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("bench-{size}-{}.sqlite", std::process::id()));
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let db = domain::db::connect(&url, None).await?;
        domain::db::migrate(&db).await?;
        let d = Domain::new(db, Arc::new(SystemClock));
        let result = bench_one(&d, size, queries).await;
        d.db.clone().close().await?;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        result?;
    }
    Ok(())
}

async fn bench_one(d: &Domain, size: u64, queries: usize) -> Result<(), CliError> {
    println!("\n{size} ideas in one project");
    let started = Instant::now();
    let step = (size / 5).max(500);
    let project = domain::generate::project(d, size, &|made, size| {
        if made % step < 500 || made == size {
            println!("  generating ideas: {made}/{size}");
        }
    })
    .await?;
    println!("  generated in {:.1} s", started.elapsed().as_secs_f64());
    let started = Instant::now();
    domain::search::reindex(d, &|done, total| {
        if done % step < 2_000 || done == total {
            println!("  indexing: {done}/{total}");
        }
    })
    .await?;
    println!("  indexed in {:.1} s", started.elapsed().as_secs_f64());

    let asked = domain::generate::queries(d, project, u64::try_from(queries)?).await?;
    let mut similar = Vec::new();
    let mut found = 0usize;
    for (title, retyped) in &asked {
        let started = Instant::now();
        let cards = domain::search::similar(d, project, retyped, None).await?;
        similar.push(started.elapsed().as_secs_f64() * 1000.0);
        found += usize::from(cards.iter().any(|c| &c.title == title));
    }
    report("similar ideas (5 best)", similar);
    println!(
        "  the retyped idea itself among the 5: {found} of {} queries",
        asked.len()
    );

    let newest = usize::try_from(domain::generate::newest_id(d).await?)?.max(1);
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    let (mut first, mut deep) = (Vec::new(), Vec::new());
    for _ in 0..queries {
        let started = Instant::now();
        domain::ideas::feed(&d.db, project, None, domain::ideas::FEED_PAGE).await?;
        first.push(started.elapsed().as_secs_f64() * 1000.0);
        let before = 1 + i64::try_from(rng.below(newest))?;
        let started = Instant::now();
        domain::ideas::feed(&d.db, project, Some(before), domain::ideas::FEED_PAGE).await?;
        deep.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    report("feed, first page (20)", first);
    report("feed, a page at random depth (20)", deep);

    // The CSV export of every idea, batch by batch as the HTTP handler streams it: memory stays flat.
    let before = peak_rss_kb();
    let started = Instant::now();
    let (mut after, mut bytes, mut rows) = (0i64, 0usize, 0usize);
    loop {
        let (batch, next) =
            domain::export::batch(d, project, domain::export::Dataset::Ideas, after).await?;
        rows += batch.len();
        bytes += batch.iter().map(|r| r.csv().len()).sum::<usize>();
        match next {
            Some(id) => after = id,
            None => break,
        }
    }
    println!(
        "  CSV export of the ideas: {rows} rows, {:.1} MB in {:.1} s; peak RSS {} MB before, {} MB after",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        before / 1024,
        peak_rss_kb() / 1024
    );

    // The commission's dashboard: three experts who scored the newest ideas; a page of one direction,
    // with progress and alpha over every score.
    // Ten ideas stay unscored, for the figure right after a score.
    let scored = size.min(3_000).min(size.saturating_sub(10));
    let started = Instant::now();
    let experts = domain::generate::commission(d, project, 3, scored).await?;
    println!(
        "  commission: 3 experts scored {scored} ideas each in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let expert = experts.first().ok_or("no expert")?;
    let mut pages = Vec::new();
    for _ in 0..queries.min(50) {
        let before = Some(1 + i64::try_from(rng.below(newest))?);
        let page = domain::commission::BoardPage {
            direction: None,
            before,
        };
        let started = Instant::now();
        domain::commission::dashboard(d, expert, "bench", page).await?;
        pages.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let p50 = report("commission dashboard page (30)", pages);
    if size >= 105_000 {
        let verdict = if p50 < 50.0 { "met" } else { "NOT MET" };
        println!(
            "  goal of issue 12, the dashboard at {size} ideas p50 < 50 ms: {verdict} ({p50:.1} ms)"
        );
    }
    // Right after a score the first page recounts the project's progress and agreement (then kept).
    let mut recounted = Vec::new();
    for n in 0..queries.min(10) {
        let unscored = i64::try_from(newest)? - i64::try_from(scored)? - i64::try_from(n)?;
        domain::commission::score(d, expert, unscored, &[3, 4, 5], "").await?;
        let started = Instant::now();
        domain::commission::dashboard(d, expert, "bench", Default::default()).await?;
        recounted.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    report("… the first after a score", recounted);
    Ok(())
}

/// The process's peak resident memory (VmHWM) in KB, from /proc (0 where there is none).
fn peak_rss_kb() -> u64 {
    proc_status_kb("self", "VmHWM:")
}

/// A memory figure (`VmRSS:`, `VmHWM:`) of process `pid` (or `self`) in KB, from /proc (0 where there
/// is none).
pub(super) fn proc_status_kb(pid: &str, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

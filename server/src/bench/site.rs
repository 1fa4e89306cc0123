//! `crowd bench --site`: the release server on Moscow-scale data, measured over HTTP side by side in one
//! run. It loads the data once into a kept file (`crowd seed --scale moscow`, timed), serves a copy of it
//! with `crowd serve` as a child process on a loopback port, drives it with [`super::load`], reads the
//! child's memory from /proc, and prints one table:
//!
//! - a running project's page (SSR with its feed) against the same bytes as a static file, at saturation;
//! - each public page's latency, one request at a time;
//! - votes through `POST /api/vote` by many residents (sessions made in the copy beforehand), with p50/p99,
//!   then every acknowledged vote checked against the stored rows and counters (none lost, none doubled);
//! - N live subscribers to the project's stream: the delivery of one new event to all of them, and the
//!   server's memory before, with them, and after they leave;
//! - the server's memory while it streams the biggest project's CSV export;
//! - with `--phone <script>`, the figures a Node script prints while the server runs (the resident's
//!   first load on a throttled phone in Chromium, and Lighthouse: `end2end/bench/phone.mjs`).

use super::load::{self, Answer, Shot};
use crate::CliError;
use domain::Domain;
use domain::generate::Rng;
use domain::scale::bench as scale;
use http::Method;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How the site bench runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// The kept Moscow-scale database (made when missing).
    pub data: PathBuf,
    /// The built site (`target/site`).
    pub site: PathBuf,
    /// Seconds per throughput measure.
    pub seconds: u64,
    /// Connections of the throughput measures.
    pub connections: usize,
    /// Live subscribers, one measure per number.
    pub subscribers: Vec<usize>,
    /// A Node script measuring the site in a browser: given the site's address and the running
    /// project's path, it prints table rows as JSON arrays `["what", "figure"]`, one per line.
    pub phone: Option<PathBuf>,
}

/// The running project the bench reads and votes on.
const OPEN: &str = "city-by-the-water";

/// One line of the table: what, the figure, and the comparison.
type Row = (String, String);

/// A goal of issue 12 and what this run says about it: "met: …", or "not met: …" with the gap and its
/// cause, worked out from the figures of the same run where they show it.
#[derive(Debug, Clone, serde::Deserialize)]
pub(super) struct Goal {
    goal: String,
    verdict: String,
}

/// The cause given for a goal whose gap the bench's own figures do not explain.
pub(super) const UNEXPLAINED: &str =
    "The bench's figures do not show why (docs/architecture.md, \"Gaps and their causes\")";

/// A line a browser script prints (see [`Options::phone`]): a row of the table or a goal's verdict.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Line {
    Row(Row),
    Goal(Goal),
}

/// The table and the goals' verdicts, printed whole at the end; each is also printed as it is measured,
/// so a run cut short still shows what it measured.
#[derive(Default)]
pub(super) struct Table {
    rows: Vec<Row>,
    goals: Vec<Goal>,
}

impl Table {
    /// Adds a row, printing it at once.
    pub(super) fn push(&mut self, row: Row) {
        eprintln!("crowd bench: {} — {}", row.0, row.1);
        self.rows.push(row);
    }

    /// Adds a goal's verdict: `figure` says what this run measured; when the goal is not met, `cause`
    /// says why (asked only then).
    pub(super) fn goal(
        &mut self,
        goal: &str,
        met: bool,
        figure: String,
        cause: impl FnOnce() -> String,
    ) {
        let verdict = if met {
            format!("met: {figure}")
        } else {
            format!("NOT MET: {figure}. {}", cause())
        };
        self.add_goal(Goal {
            goal: goal.to_owned(),
            verdict,
        });
    }

    fn add_goal(&mut self, goal: Goal) {
        eprintln!("crowd bench: goal {} — {}", goal.goal, goal.verdict);
        self.goals.push(goal);
    }
}

/// Runs the site bench.
pub async fn run(options: &Options) -> Result<(), CliError> {
    let mut table = Table::default();
    if !options.data.exists() {
        let started = Instant::now();
        let d = open(&options.data).await?;
        crate::seeding::generated(&d, crate::seeding::Size::Moscow, 2014, 1).await?;
        let took = started.elapsed().as_secs_f64();
        table.push((
            "crowd seed --scale moscow (SQLite)".into(),
            format!("{took:.0} s"),
        ));
        table.goal(
            "crowd seed --scale moscow < 90 s",
            took < 90.0,
            format!("{took:.0} s on SQLite"),
            || "the phases' progress bars show where the time goes".into(),
        );
    }
    let work = std::env::temp_dir().join(format!("crowd-site-bench-{}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    let copy = work.join("bench.sqlite");
    // The file and its write-ahead log, if the loading process left one.
    for suffix in ["", "-wal"] {
        let from = PathBuf::from(format!("{}{suffix}", options.data.display()));
        if from.exists() {
            std::fs::copy(&from, format!("{}{suffix}", copy.display()))?;
        }
    }
    let site = work.join("site");
    domain::backup::copy_tree(&options.site, &site)?;
    let d = open(&copy).await?;
    let residents = scale::sessions(&d, 1_000).await?;
    let (open_id, votable) = scale::published(&d, OPEN, 2_000).await?;
    d.db.clone().close().await?;

    let addr: SocketAddr = format!("127.0.0.1:{}", free_port()?).parse()?;
    let streams = options.subscribers.iter().max().copied().unwrap_or(0) + 100;
    // The server inherits the limit: each stream is an open file on both sides.
    let _ = raise_open_files(streams as u64 + 1_000);
    let mut child = tokio::process::Command::new(std::env::current_exe()?)
        .arg("serve")
        .env("DATABASE_URL", format!("sqlite://{}", copy.display()))
        .env("CROWD_ADDR", addr.to_string())
        .env("CROWD_SITE_ROOT", &site)
        .env("CROWD_DATA_DIR", &work)
        .env("CROWD_MAX_STREAMS", streams.to_string())
        .env("CROWD_MAX_STREAMS_PER_CLIENT", streams.to_string())
        .env("RUST_LOG", "warn")
        .envs(
            AS_DEPLOYED
                .map(|(name, value)| (name, std::env::var(name).unwrap_or_else(|_| value.into()))),
        )
        .kill_on_drop(true)
        .spawn()?;
    let bench = Bench {
        addr,
        pid: child.id().ok_or("the server did not start")?,
        site,
        copy,
        open_id,
        votable,
        residents,
        length: Duration::from_secs(options.seconds),
        connections: options.connections,
        subscribers: options.subscribers.clone(),
        phone: options.phone.clone(),
    };
    let result = measure(&bench, &mut table).await;
    let _ = child.kill().await;
    let _ = std::fs::remove_dir_all(&work);
    result?;
    print(&table);
    Ok(())
}

/// The server under measure and what the measures use.
pub(super) struct Bench {
    pub addr: SocketAddr,
    pub pid: u32,
    site: PathBuf,
    pub copy: PathBuf,
    pub open_id: i64,
    pub votable: Vec<i64>,
    /// Generated residents: account id and session token.
    pub residents: Vec<(i64, String)>,
    length: Duration,
    connections: usize,
    subscribers: Vec<usize>,
    phone: Option<PathBuf>,
}

async fn measure(b: &Bench, table: &mut Table) -> Result<(), CliError> {
    ready(b.addr).await?;
    table.push((
        "server memory (RSS) once it answers".into(),
        format!(
            "{} MB, of which {} MB the program's code and data mapped from its file",
            rss_kb(b.pid) / 1024,
            file_kb(b.pid) / 1024
        ),
    ));
    let (addr, c) = (b.addr, b.connections);
    // The project page against the same bytes served as a file.
    let page = format!("/projects/{OPEN}");
    let body = fetch(addr, &page).await?;
    std::fs::write(b.site.join("bench-static.html"), &body)?;
    let file = load::run(addr, c, b.length, repeat("/bench-static.html")).await;
    // Static files are read on tokio's blocking pool: its threads are part of what the server holds.
    let file_threads = threads(b.pid);
    let ssr = load::run(addr, c, b.length, repeat(&page)).await;
    // A session cookie (an unknown one: the reader stays anonymous) bypasses the page cache.
    let mut rendered = Shot::get(&page);
    rendered.session = Some("unknown".into());
    let uncached = load::run(
        addr,
        c,
        b.length,
        Arc::new(move |_, _| Some(rendered.clone())),
    )
    .await;
    let ratio = |run: &load::Outcome| run.per_second() / file.per_second().max(1e-9);
    table.goal(
        "the project page (SSR) ≥ 0.5× the same bytes as a static file",
        ratio(&ssr) >= 0.5,
        format!(
            "{:.2}× through the page cache ({:.2}× rendered each time, for a signed-in reader)",
            ratio(&ssr),
            ratio(&uncached)
        ),
        || UNEXPLAINED.into(),
    );
    for (what, run) in [("page cache", &ssr), ("rendered each time", &uncached)] {
        table.push((
            format!(
                "{OPEN} page ({} KB), SSR ({what}) vs the same bytes as a file, {c} connections",
                body.len() / 1024
            ),
            format!(
                "{:.0} vs {:.0} req/s = {:.3}× (p99 {:.0} vs {:.0} ms; {file_threads} server threads \
                 after the file's run)",
                run.per_second(),
                file.per_second(),
                run.per_second() / file.per_second().max(1e-9),
                run.percentile(0.99),
                file.percentile(0.99)
            ),
        ));
    }
    // Each page, one request at a time.
    let first_idea = b.votable.first().copied().unwrap_or(0);
    for path in [
        "/".to_owned(),
        "/projects".to_owned(),
        page.clone(),
        format!("/ideas/{first_idea}"),
        "/projects/culture-online/results".to_owned(),
        "/projects/culture-online/decisions".to_owned(),
        format!("/api/v1/projects/{OPEN}/ideas"),
    ] {
        let one = load::run(addr, 1, Duration::from_secs(2), repeat(&path)).await;
        table.push((
            format!("GET {path}, one at a time"),
            format!(
                "p50 {:.1} ms, p99 {:.1} ms ({} answers, {} not 2xx)",
                one.percentile(0.5),
                one.percentile(0.99),
                one.answers.len(),
                one.answers.len() - one.ok()
            ),
        ));
    }
    votes(b, table).await?;
    for (run, &n) in b.subscribers.iter().enumerate() {
        super::live::subscribers(b, n, run, table).await?;
    }
    export(addr, b.pid, table).await?;
    if let Some(script) = &b.phone {
        phone(b, script, table).await;
    }
    Ok(())
}

/// The rows a browser script measures (see [`Options::phone`]); one row saying why when it fails.
async fn phone(b: &Bench, script: &Path, table: &mut Table) {
    let run = tokio::process::Command::new("node")
        .arg(script)
        .arg(format!("http://{}", b.addr))
        .arg(format!("/projects/{OPEN}"))
        .stderr(std::process::Stdio::inherit())
        .kill_on_drop(true)
        .output();
    let why = match tokio::time::timeout(Duration::from_secs(900), run).await {
        Ok(Ok(out)) => {
            let lines = String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter_map(|line| serde_json::from_str::<Line>(line).ok())
                .collect::<Vec<_>>();
            let empty = lines.is_empty();
            for line in lines {
                match line {
                    Line::Row(row) => table.push(row),
                    Line::Goal(goal) => table.add_goal(goal),
                }
            }
            if out.status.success() && !empty {
                return;
            }
            format!("{} exited with {}", script.display(), out.status)
        }
        Ok(Err(e)) => format!("node could not run {}: {e}", script.display()),
        Err(_) => format!("{} took more than 15 minutes", script.display()),
    };
    table.push(("browser measures".into(), format!("not measured: {why}")));
}

/// The allocator's settings as deployed (docs/deploy.md, `make run`), unless the caller chose: memory
/// freed is handed back at once, and each thread's heap is collected every 1,000 slow-path allocations.
const AS_DEPLOYED: [(&str, &str); 2] = [
    ("MIMALLOC_PURGE_DELAY", "0"),
    ("MIMALLOC_GENERIC_COLLECT", "100"),
];

/// Votes a resident casts in a run (the limit is 60 in 10 minutes).
const PER_ACCOUNT: u64 = 50;

/// Votes by many residents: each connection uses its own accounts in turn, [`PER_ACCOUNT`] votes each,
/// on random ideas of the running project, support or objection at random. Then every acknowledged
/// vote is checked against the stored rows and the ideas' counters.
async fn votes(b: &Bench, table: &mut Table) -> Result<(), CliError> {
    let c = b.connections;
    let accounts_per_connection = (b.residents.len() / c).max(1) as u64;
    let mut rng = Rng(0xC0FF_EE00_1234_5678);
    let shots: Arc<Vec<(i64, i16)>> = Arc::new(
        (0..b.residents.len() as u64 * PER_ACCOUNT)
            .map(|_| {
                let value = if rng.below(4) == 0 { -1 } else { 1 };
                (b.votable[rng.below(b.votable.len())], value)
            })
            .collect(),
    );
    // Connection `conn`, request `n`: account `conn + c·(n / PER_ACCOUNT)`.
    let account = move |conn: usize, n: u64| {
        let k = n / PER_ACCOUNT;
        (k < accounts_per_connection).then(|| conn + c * k as usize)
    };
    let shot =
        move |account: usize, n: u64| account * PER_ACCOUNT as usize + (n % PER_ACCOUNT) as usize;
    let (plan_shots, sessions) = (shots.clone(), b.residents.clone());
    let plan: load::Plan = Arc::new(move |conn, n| {
        let who = account(conn, n)?;
        let (idea_id, value) = plan_shots.get(shot(who, n))?;
        Some(Shot {
            method: Method::POST,
            path: "/api/vote".into(),
            session: sessions.get(who).map(|s| s.1.clone()),
            form: Some(format!("idea_id={idea_id}&value={value}")),
        })
    });
    let me = std::process::id();
    let (cpu, generator, started) = (cpu_ms(b.pid), cpu_ms(me), Instant::now());
    let run = load::run(b.addr, c, b.length, plan).await;
    let wall = started.elapsed().as_millis().max(1) as f64;
    let (cpu, generator) = (
        cpu_ms(b.pid).saturating_sub(cpu),
        cpu_ms(me).saturating_sub(generator),
    );
    let per_vote = cpu as f64 / run.answers.len().max(1) as f64;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    table.goal(
        "votes ≥ 3,000/s with p99 < 100 ms",
        run.per_second() >= 3_000.0 && run.percentile(0.99) < 100.0,
        format!(
            "{:.0}/s, p99 {:.0} ms",
            run.per_second(),
            run.percentile(0.99)
        ),
        || {
            // Cores in use over the run: the server's and the load generator's (this process).
            let (server, load) = (cpu as f64 / wall, generator as f64 / wall);
            let limit = if server + load >= 0.9 * cores {
                "so the cores were the limit"
            } else {
                "with time to spare, so the limit was the writer's turn: SQLite writes one \
                 transaction at a time and each vote is one (five statements, each handed to the \
                 connection's thread and back)"
            };
            format!(
                "The server used {server:.2} and the load generator {load:.2} of the {cores} cores \
                 ({per_vote:.2} ms of the server's CPU per vote, where 3,000/s on all the cores \
                 needs at most {:.2}), {limit}",
                cores * 1000.0 / 3_000.0
            )
        },
    );
    table.push((
        format!(
            "votes through POST /api/vote, {} residents, {c} connections",
            b.residents.len()
        ),
        format!(
            "{:.0}/s, p50 {:.1} ms, p99 {:.1} ms; {} acknowledged, {} refused; server CPU {:.2} ms \
             per answer (3,000/s on 2 cores needs at most 0.67)",
            run.per_second(),
            run.percentile(0.5),
            run.percentile(0.99),
            run.ok(),
            run.answers.len() - run.ok(),
            per_vote
        ),
    ));
    // What each acknowledged vote leaves: per account and idea, the value of its last one.
    let mut answers: Vec<&Answer> = run.answers.iter().collect();
    answers.sort_by_key(|a| (a.connection, a.n));
    let mut expected: HashMap<(i64, i64), i16> = HashMap::new();
    for a in answers.iter().filter(|a| (200..300).contains(&a.status)) {
        if let Some(who) = account(a.connection, a.n) {
            let (idea_id, value) = shots[shot(who, a.n)];
            expected.insert((b.residents[who].0, idea_id), value);
        }
    }
    let d = open(&b.copy).await?;
    let voters: Vec<i64> = b.residents.iter().map(|r| r.0).collect();
    let stored = scale::votes_of(&d, &voters).await?;
    let lost = expected
        .iter()
        .filter(|(k, v)| stored.get(k) != Some(v))
        .count();
    let counted = scale::counters_disagree(&d, &b.votable).await?;
    d.db.clone().close().await?;
    table.push((
        "  every acknowledged vote stored once".into(),
        format!(
            "{} (account, idea) pairs checked: {lost} lost or different; {counted} ideas whose \
             counters disagree with their rows",
            expected.len()
        ),
    ));
    Ok(())
}

/// The server's memory while it streams the biggest project's CSV export.
async fn export(addr: SocketAddr, pid: u32, table: &mut Table) -> Result<(), CliError> {
    let before = rss_kb(pid);
    let peak = Arc::new(Mutex::new(before));
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sampler = {
        let (peak, done) = (peak.clone(), done.clone());
        tokio::spawn(async move {
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                if let Ok(mut p) = peak.lock() {
                    *p = (*p).max(rss_kb(pid));
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
    };
    let started = Instant::now();
    let slug = std::env::var("CROWD_BENCH_EXPORT").unwrap_or_else(|_| OPEN.to_owned());
    let csv = fetch(addr, &format!("/projects/{slug}/export/ideas.csv")).await?;
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let _ = sampler.await;
    let peak = peak.lock().map(|p| *p).unwrap_or(0);
    table.push((
        format!(
            "CSV export of {slug}'s ideas ({:.1} MB)",
            csv.len() as f64 / 1e6
        ),
        format!(
            "{:.1} s; server RSS {} MB before, peak +{} MB",
            started.elapsed().as_secs_f64(),
            before / 1024,
            peak.saturating_sub(before) / 1024
        ),
    ));
    let more = peak.saturating_sub(before) / 1024;
    table.goal(
        "a CSV export: the server's memory +16 MB at most",
        more <= 16,
        format!(
            "+{more} MB while it streamed {slug}'s {:.1} MB",
            csv.len() as f64 / 1e6
        ),
        || UNEXPLAINED.into(),
    );
    Ok(())
}

/// The same GET for ever.
fn repeat(path: &str) -> load::Plan {
    let shot = Shot::get(path);
    Arc::new(move |_, _| Some(shot.clone()))
}

/// One GET's body (an error unless 2xx).
pub(super) async fn fetch(addr: SocketAddr, path: &str) -> Result<Vec<u8>, CliError> {
    match load::get(addr, path).await? {
        (200..300, body) => Ok(body),
        (status, _) => Err(format!("GET {path}: {status}").into()),
    }
}

/// Waits until the server listens (two minutes at most: it migrates first).
async fn ready(addr: SocketAddr) -> Result<(), CliError> {
    for _ in 0..1200 {
        if tokio::net::TcpStream::connect(addr).await.is_ok() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err("the server did not start listening".into())
}

/// The CPU time a process has used so far, user and system, in milliseconds (0 when unknown): fields 14
/// and 15 of `/proc/<pid>/stat`, in ticks of 10 ms (Linux's USER_HZ is 100).
fn cpu_ms(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The fields after the command's name (which may hold spaces) start with field 3.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |x| x.1)
        .split_whitespace()
        .collect();
    let ticks = |n: usize| fields.get(n - 3).and_then(|f| f.parse::<u64>().ok());
    ticks(14)
        .unwrap_or(0)
        .saturating_add(ticks(15).unwrap_or(0))
        * 10
}

/// Raises this process's open-files limit to `wanted` if the system allows (the hard limit only as
/// root), and returns the limit now in force.
pub(super) fn raise_open_files(wanted: u64) -> u64 {
    let (soft, hard) = rlimit::getrlimit(rlimit::Resource::NOFILE).unwrap_or((0, 0));
    if soft < wanted {
        if hard < wanted {
            let _ = rlimit::setrlimit(rlimit::Resource::NOFILE, wanted, wanted);
        }
        let _ = rlimit::increase_nofile_limit(wanted);
    }
    open_files()
}

/// This process's open-files limit.
pub(super) fn open_files() -> u64 {
    rlimit::getrlimit(rlimit::Resource::NOFILE).map_or(0, |l| l.0)
}

/// A process's resident memory in KB (0 when unknown).
pub(super) fn rss_kb(pid: u32) -> u64 {
    super::queries::proc_status_kb(&pid.to_string(), "VmRSS:")
}

/// The part of [`rss_kb`] mapped from files (the program's code, shared and reclaimable), in KB.
pub(super) fn file_kb(pid: u32) -> u64 {
    super::queries::proc_status_kb(&pid.to_string(), "RssFile:")
}

/// How many threads a process runs (0 when unknown).
pub(super) fn threads(pid: u32) -> u64 {
    super::queries::proc_status_kb(&pid.to_string(), "Threads:")
}

pub(super) async fn open(path: &Path) -> Result<Domain, CliError> {
    let db = domain::db::connect(&format!("sqlite://{}?mode=rwc", path.display()), None).await?;
    domain::db::migrate(&db).await?;
    Ok(Domain::new(db, Arc::new(domain::SystemClock)))
}

fn free_port() -> Result<u16, CliError> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

fn print(table: &Table) {
    let width = table
        .rows
        .iter()
        .map(|r| r.0.chars().count())
        .max()
        .unwrap_or(0);
    println!("\ncrowd bench --site (release server, Moscow-scale SQLite, loopback)\n");
    for (what, figure) in &table.rows {
        println!("  {what:<width$}  {figure}");
    }
    let width = table
        .goals
        .iter()
        .map(|g| g.goal.chars().count())
        .max()
        .unwrap_or(0);
    println!(
        "\nThe goals of issue 12 in this run (the cause of each gap: docs/architecture.md, \"Gaps and their causes\")\n"
    );
    for Goal { goal, verdict } in &table.goals {
        println!("  {goal:<width$}  {verdict}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_goal_not_met_says_its_cause_and_a_met_one_does_not_ask_for_it() {
        let mut table = Table::default();
        table.goal("fast", true, "1 ms".into(), || unreachable!("met"));
        table.goal("cheap", false, "9 MB".into(), || "the cache".into());
        let verdicts: Vec<&str> = table.goals.iter().map(|g| g.verdict.as_str()).collect();
        assert_eq!(verdicts, ["met: 1 ms", "NOT MET: 9 MB. the cache"]);
    }

    #[test]
    fn a_browser_script_prints_rows_as_arrays_and_verdicts_as_objects() {
        let row: Line = serde_json::from_str(r#"["phone", "2.7 s"]"#).unwrap();
        assert!(matches!(row, Line::Row((what, figure)) if what == "phone" && figure == "2.7 s"));
        let goal: Line =
            serde_json::from_str(r#"{"goal": "phone < 2.5 s", "verdict": "met: 2.4 s"}"#).unwrap();
        assert!(
            matches!(goal, Line::Goal(g) if g.goal == "phone < 2.5 s" && g.verdict == "met: 2.4 s")
        );
    }
}

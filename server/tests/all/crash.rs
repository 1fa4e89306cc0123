//! Crash safety: `crowd serve` killed with SIGKILL in the middle of a mixed write load (ideas, votes,
//! comments, moderators' take-downs), then started again on the same database: every write answered
//! with a 2xx is there, no counter disagrees with its rows, and the decision trail verifies. On SQLite
//! by default, on PostgreSQL with `CROWD_TEST_PG_URL`. The figures are printed (`--nocapture`).

use super::*;
use domain::entities::{comment, event, idea, idea_vote};
use domain::testing::{post, resident, unmigrated_at};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::bench::load::{self, Answer, Plan, Shot};
use std::net::SocketAddr;
use std::sync::Arc;

/// Residents writing at once, one connection each; one more connection is the moderator's.
const RESIDENTS: usize = 6;
/// Ideas each resident posts before the load: what the others vote on and comment.
const BEFORE: usize = 3;

/// One write of the load.
#[derive(Debug, Clone)]
enum Write {
    Idea { author: i64, title: String },
    Vote { user: i64, idea: i64, value: i16 },
    Comment { author: i64, body: String },
    TakeDown { idea: i64 },
}

/// What connection `c` sends as its `n`-th request, or `None` when it has sent all. Every write is
/// distinct (no vote is changed later), so an acknowledged one must be found exactly as sent.
fn planned(c: usize, n: u64, people: &[(i64, String)], targets: &[(i64, i64)]) -> Option<Write> {
    let n = usize::try_from(n).ok()?;
    if c == RESIDENTS {
        // The moderator takes down the last ideas posted before the load, one by one.
        return targets
            .iter()
            .rev()
            .take(RESIDENTS)
            .nth(n)
            .map(|t| Write::TakeDown { idea: t.0 });
    }
    let me = people[c].0;
    // Residents write on the ideas the moderator leaves alone, never their own.
    let kept = &targets[..targets.len() - RESIDENTS];
    let others: Vec<i64> = kept.iter().filter(|t| t.1 != me).map(|t| t.0).collect();
    let (round, kind) = (n / 3, n % 3);
    match kind {
        // Up to the idea limit (five an hour, three used before the load).
        0 if round < 2 => Some(Write::Idea {
            author: me,
            title: format!("Идея под нагрузкой {c}-{n}"),
        }),
        0 | 1 => others.get(round * 2 + kind).map(|idea| Write::Vote {
            user: me,
            idea: *idea,
            value: if round % 2 == 0 { 1 } else { -1 },
        }),
        _ if round < 10 => Some(Write::Comment {
            author: me,
            body: format!(
                "Комментарий под нагрузкой {c}-{n} к идее {}",
                others[round % others.len()]
            ),
        }),
        _ => None,
    }
}

/// The request that makes `write`, from connection `c`; ideas go to the project's `direction`.
fn shot(
    write: &Write,
    people: &[(i64, String)],
    moderator: &str,
    c: usize,
    direction: i64,
) -> Shot {
    let form = |pairs: &[(&str, String)]| {
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", super::urlencode(v)))
            .collect::<Vec<_>>()
            .join("&")
    };
    let (path, body, session) = match write {
        Write::Idea { title, .. } => (
            "/api/submit_idea",
            form(&[
                ("slug", "parks".into()),
                ("direction_id", direction.to_string()),
                ("title", title.clone()),
                ("body", "Текст идеи, написанной под нагрузкой.".into()),
            ]),
            people[c].1.clone(),
        ),
        Write::Vote { idea, value, .. } => (
            "/api/vote",
            form(&[("idea_id", idea.to_string()), ("value", value.to_string())]),
            people[c].1.clone(),
        ),
        Write::Comment { body, .. } => {
            let idea = body.rsplit(' ').next().unwrap_or_default().to_owned();
            (
                "/api/comment",
                form(&[
                    ("idea_id", idea),
                    ("parent_id", String::new()),
                    ("body", body.clone()),
                ]),
                people[c].1.clone(),
            )
        }
        Write::TakeDown { idea } => (
            "/api/moderation/take_down_idea",
            form(&[
                ("idea_id", idea.to_string()),
                ("reason", "Снято модератором во время проверки".into()),
            ]),
            moderator.to_owned(),
        ),
    };
    Shot {
        method: axum::http::Method::POST,
        path: path.into(),
        session: Some(session),
        form: Some(body),
    }
}

/// A free loopback address.
pub(super) fn free_addr() -> SocketAddr {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    ([127, 0, 0, 1], port).into()
}

/// `crowd serve` (this build's binary) on `url` at `addr`, not started yet.
pub(super) fn crowd_serve(
    url: &str,
    addr: SocketAddr,
    data: &std::path::Path,
) -> tokio::process::Command {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_crowd"));
    command
        .arg("serve")
        .env("DATABASE_URL", url)
        .env("CROWD_ADDR", addr.to_string())
        .env("CROWD_DATA_DIR", data)
        .env("RUST_LOG", "warn")
        .kill_on_drop(true);
    command
}

/// Starts `crowd serve` on `url` at `addr` and waits until it answers.
async fn serve(url: &str, addr: SocketAddr, data: &std::path::Path) -> tokio::process::Child {
    started(crowd_serve(url, addr, data), addr).await
}

/// Starts `command` (a `crowd serve` at `addr`) and waits until it answers.
pub(super) async fn started(
    mut command: tokio::process::Command,
    addr: SocketAddr,
) -> tokio::process::Child {
    let child = command.spawn().unwrap();
    for _ in 0..200 {
        if matches!(load::get(addr, "/readyz").await, Ok((200, _))) {
            return child;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("crowd serve did not start on {addr}");
}

/// Whether `write` is stored as it was sent.
async fn found(d: &Domain, write: &Write) -> bool {
    let db = &d.db;
    match write {
        Write::Idea { author, title } => {
            idea::Entity::find()
                .filter(idea::Column::AuthorId.eq(*author))
                .filter(idea::Column::Title.eq(title.as_str()))
                .count(db)
                .await
                .unwrap()
                == 1
        }
        Write::Vote { user, idea, value } => {
            idea_vote::Entity::find()
                .filter(idea_vote::Column::UserId.eq(*user))
                .filter(idea_vote::Column::IdeaId.eq(*idea))
                .filter(idea_vote::Column::Value.eq(*value))
                .count(db)
                .await
                .unwrap()
                == 1
        }
        Write::Comment { author, body } => {
            comment::Entity::find()
                .filter(comment::Column::AuthorId.eq(*author))
                .filter(comment::Column::Body.eq(body.as_str()))
                .count(db)
                .await
                .unwrap()
                == 1
        }
        Write::TakeDown { idea } => idea::Entity::find_by_id(*idea)
            .one(db)
            .await
            .unwrap()
            .is_some_and(|i| i.status == "rejected"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_a_kill_in_the_middle_of_a_mixed_load() {
    let (url, db) = unmigrated_at().await;
    domain::db::migrate(&db).await.unwrap();
    let d = Domain::new(db, std::sync::Arc::new(domain::SystemClock));
    open_project(&d, "parks").await;
    let mut people = Vec::new();
    let mut targets = Vec::new();
    for n in 0..RESIDENTS {
        let who = resident(&d, &format!("r{n}"), "parks").await;
        for k in 0..BEFORE {
            targets.push((
                post(&d, &who, "parks", &format!("Идея {n}-{k} до нагрузки"))
                    .await
                    .id,
                who.id,
            ));
        }
        let token = domain::auth::create_session(&d, &who).await.unwrap().0;
        people.push((who.id, token));
    }
    let direction = domain::projects::detail(&d, "parks", None)
        .await
        .unwrap()
        .directions[0]
        .id;
    let mira = user(&d, "mira", Role::Moderator).await;
    let moderator = domain::auth::create_session(&d, &mira).await.unwrap().0;
    let writes: Vec<Vec<Write>> = (0..=RESIDENTS)
        .map(|c| {
            (0..)
                .map_while(|n| planned(c, n, &people, &targets))
                .collect()
        })
        .collect();
    let total: usize = writes.iter().map(Vec::len).sum();

    let addr = free_addr();
    let data = domain::testing::scratch_dir();
    let mut server = serve(&url, addr, &data).await;
    let before = event::Entity::find().count(&d.db).await.unwrap();
    let plan: Plan = {
        let (writes, people, moderator) = (writes.clone(), people.clone(), moderator.clone());
        Arc::new(move |c, n| {
            let write = writes.get(c)?.get(usize::try_from(n).ok()?)?;
            Some(shot(write, &people, &moderator, c, direction))
        })
    };
    let load = tokio::spawn(load::run(
        addr,
        RESIDENTS + 1,
        Duration::from_secs(60),
        plan,
    ));
    // Killed once a third of the writes are in, whatever the machine's speed.
    loop {
        let done = event::Entity::find().count(&d.db).await.unwrap() - before;
        if done >= (total / 3) as u64 {
            break;
        }
        assert!(!load.is_finished(), "the load ended before the kill");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.start_kill().unwrap();
    server.wait().await.unwrap();
    let answers: Vec<Answer> = load.await.unwrap().answers;
    drop(server);

    // Started again on the same database: it answers, and everything acknowledged is there.
    let again = serve(&url, addr, &data).await;
    let acknowledged: Vec<&Write> = answers
        .iter()
        .filter(|a| (200..300).contains(&a.status))
        .map(|a| &writes[a.connection][usize::try_from(a.n).unwrap()])
        .collect();
    let refused = answers.iter().filter(|a| a.status >= 400).count();
    let mut missing = Vec::new();
    for write in &acknowledged {
        if !found(&d, write).await {
            missing.push(*write);
        }
    }
    println!(
        "crash test ({}): {total} writes planned, {} answered before the kill ({} acknowledged, {refused} refused), {} acknowledged writes found after the restart",
        domain::testing::backend_name(),
        answers.iter().filter(|a| a.status != 0).count(),
        acknowledged.len(),
        acknowledged.len() - missing.len()
    );
    assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");
    assert!(
        acknowledged.len() > total / 4,
        "the load wrote before the kill"
    );
    assert!(
        answers.iter().any(|a| a.status == 0),
        "some requests were cut off by the kill"
    );
    assert_eq!(refused, 0, "no write was refused: {answers:?}");
    assert_eq!(
        domain::check::check(&d.db, &|_, _, _| {}).await.unwrap(),
        vec![],
        "every counter agrees with its rows"
    );
    assert!(matches!(
        domain::audit::verify(&d, &|_| {}).await.unwrap(),
        domain::audit::Verdict::Intact(_)
    ));
    drop(again);
}

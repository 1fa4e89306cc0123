//! A small HTTP/1.1 load generator for `crowd bench --site`: a number of keep-alive connections over
//! loopback (hyper's client, TCP_NODELAY), each sending the next request as soon as the previous answer
//! has been read in full, until a deadline or until the plan has no more requests. It records every
//! answer's status and latency, so figures are throughput and percentiles measured side by side.

use bytes::Bytes;
use http::{Method, Request, header};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;

/// One request.
#[derive(Debug, Clone)]
pub struct Shot {
    /// GET or POST.
    pub method: Method,
    /// Path and query.
    pub path: String,
    /// The session cookie's value, if any.
    pub session: Option<String>,
    /// A form body (POST).
    pub form: Option<String>,
}

impl Shot {
    /// A GET of `path`.
    pub fn get(path: &str) -> Shot {
        Shot {
            method: Method::GET,
            path: path.to_owned(),
            session: None,
            form: None,
        }
    }
}

/// What one request got.
#[derive(Debug, Clone, Copy)]
pub struct Answer {
    /// The connection that sent it.
    pub connection: usize,
    /// Its number on that connection.
    pub n: u64,
    /// The status (0 when the connection failed).
    pub status: u16,
    /// From sending to the last byte of the body.
    pub millis: f64,
    /// Body bytes.
    pub bytes: usize,
}

/// Every answer of a run and how long the run took.
#[derive(Debug, Default)]
pub struct Outcome {
    /// In the order they completed, per connection.
    pub answers: Vec<Answer>,
    /// Wall-clock seconds of the run.
    pub seconds: f64,
}

impl Outcome {
    /// Answers with a 2xx status.
    pub fn ok(&self) -> usize {
        self.answers
            .iter()
            .filter(|a| (200..300).contains(&a.status))
            .count()
    }

    /// 2xx answers per second.
    pub fn per_second(&self) -> f64 {
        self.ok() as f64 / self.seconds.max(1e-9)
    }

    /// The `p` quantile (0–1) of the latencies of every answer, in milliseconds.
    pub fn percentile(&self, p: f64) -> f64 {
        let mut all: Vec<f64> = self.answers.iter().map(|a| a.millis).collect();
        all.sort_by(f64::total_cmp);
        super::queries::percentile(&all, p)
    }
}

/// The requests of a run: `(connection, n)` → the `n`-th request of that connection, or `None` when it
/// has sent all of its own.
pub type Plan = Arc<dyn Fn(usize, u64) -> Option<Shot> + Send + Sync>;

/// Runs `connections` connections to `addr` for at most `length`.
pub async fn run(addr: SocketAddr, connections: usize, length: Duration, plan: Plan) -> Outcome {
    let started = Instant::now();
    let deadline = started + length;
    let tasks: Vec<_> = (0..connections)
        .map(|c| tokio::spawn(connection(addr, c, deadline, plan.clone())))
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        if let Ok(mut some) = task.await {
            answers.append(&mut some);
        }
    }
    Outcome {
        answers,
        seconds: started.elapsed().as_secs_f64(),
    }
}

async fn connection(addr: SocketAddr, c: usize, deadline: Instant, plan: Plan) -> Vec<Answer> {
    let mut answers = Vec::new();
    let failed = |n| Answer {
        connection: c,
        n,
        status: 0,
        millis: 0.0,
        bytes: 0,
    };
    let Ok(stream) = TcpStream::connect(addr).await else {
        answers.push(failed(0));
        return answers;
    };
    let _ = stream.set_nodelay(true);
    let Ok((mut sender, conn)) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await
    else {
        answers.push(failed(0));
        return answers;
    };
    tokio::spawn(conn);
    let mut n = 0u64;
    while Instant::now() < deadline {
        let Some(shot) = plan(c, n) else { break };
        let mut request = Request::builder()
            .method(shot.method.clone())
            .uri(&shot.path)
            .header(header::HOST, addr.to_string())
            .header(header::ACCEPT_ENCODING, "identity");
        if let Some(token) = &shot.session {
            request = request.header(header::COOKIE, format!("crowd_session={token}"));
        }
        if shot.form.is_some() {
            request = request
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ORIGIN, format!("http://{addr}"));
        }
        let body = Full::new(Bytes::from(shot.form.unwrap_or_default()));
        let Ok(request) = request.body(body) else {
            break;
        };
        let sent = Instant::now();
        let answer = match sender.send_request(request).await {
            Ok(response) => {
                let status = response.status().as_u16();
                match response.into_body().collect().await {
                    Ok(body) => Answer {
                        connection: c,
                        n,
                        status,
                        millis: sent.elapsed().as_secs_f64() * 1000.0,
                        bytes: body.to_bytes().len(),
                    },
                    Err(_) => failed(n),
                }
            }
            Err(_) => failed(n),
        };
        answers.push(answer);
        if answer.status == 0 {
            break;
        }
        n += 1;
    }
    answers
}

/// One GET of `path`: its status and body.
pub async fn get(addr: SocketAddr, path: &str) -> Result<(u16, Vec<u8>), crate::CliError> {
    let stream = TcpStream::connect(addr).await?;
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(conn);
    let request = Request::builder()
        .uri(path)
        .header(header::HOST, addr.to_string())
        .header(header::ACCEPT_ENCODING, "identity")
        .body(Full::new(Bytes::new()))?;
    let response = sender.send_request(request).await?;
    let status = response.status().as_u16();
    Ok((
        status,
        response.into_body().collect().await?.to_bytes().to_vec(),
    ))
}

//! Password hashing with argon2id, a few at a time.
//!
//! One argon2 hash takes about 19 MiB and a core for tens of milliseconds, so unbounded parallel logins or
//! registrations would exhaust memory long before the CPU. At most as many hashes as the machine has cores
//! run at once ([`PERMITS`]); a few more callers wait up to [`WAIT`], the rest are told to come back
//! ([`crate::Error::Busy`], answered 503 with `Retry-After`).

use crate::{Error, Result};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::RngCore;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::{OnceCell, Semaphore};

/// Hashes running at once: the number of cores.
pub static PERMITS: LazyLock<usize> =
    LazyLock::new(|| std::thread::available_parallelism().map_or(2, std::num::NonZero::get));

/// Callers allowed to wait for a permit; more are refused at once.
pub const MAX_WAITING: usize = 64;

/// How long a caller waits for a permit before it is refused.
pub const WAIT: Duration = Duration::from_secs(10);

/// Seconds a refused caller is asked to wait.
const RETRY_AFTER_SECS: u64 = 2;

static GATE: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(*PERMITS));
static WAITING: AtomicUsize = AtomicUsize::new(0);

/// Runs `work` on a blocking thread once a permit is free: `Busy` when too many wait or the wait is too long.
async fn bounded<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    let busy = Error::Busy {
        retry_after_secs: RETRY_AFTER_SECS,
    };
    if WAITING.fetch_add(1, Ordering::SeqCst) >= MAX_WAITING {
        WAITING.fetch_sub(1, Ordering::SeqCst);
        return Err(busy);
    }
    let permit = tokio::time::timeout(WAIT, GATE.acquire()).await;
    WAITING.fetch_sub(1, Ordering::SeqCst);
    let Ok(Ok(_permit)) = permit else {
        return Err(busy);
    };
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Error::Internal(e.to_string()))?
}

/// The argon2id hash (PHC string) of `password` with a fresh random salt.
pub async fn hash(password: String) -> Result<String> {
    bounded(move || {
        let mut salt = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut salt);
        let salt = SaltString::encode_b64(&salt).map_err(|e| Error::Internal(e.to_string()))?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| Error::Internal(e.to_string()))
    })
    .await
}

/// Whether `password` matches the PHC string `hash`.
pub async fn verify(password: String, hash: String) -> Result<bool> {
    bounded(move || {
        let parsed = PasswordHash::new(&hash).map_err(|e| Error::Internal(e.to_string()))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
}

/// A hash of a random password, made once per process: a login with an unknown e-mail is verified
/// against it, so that it takes as long as one with a known e-mail.
pub async fn dummy_hash() -> Result<String> {
    static DUMMY: OnceCell<String> = OnceCell::const_new();
    DUMMY
        .get_or_try_init(|| async {
            let mut secret = [0u8; 24];
            rand::thread_rng().fill_bytes(&mut secret);
            hash(format!("{secret:?}")).await
        })
        .await
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn at_most_one_hash_per_core_runs_and_a_crowd_beyond_the_queue_is_told_to_come_back() {
        static RUNNING: AtomicUsize = AtomicUsize::new(0);
        static PEAK: AtomicUsize = AtomicUsize::new(0);
        let work = || {
            bounded(|| {
                let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
                PEAK.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(10));
                RUNNING.fetch_sub(1, Ordering::SeqCst);
                Ok(())
            })
        };
        let crowd = *PERMITS + MAX_WAITING + 8;
        let outcomes = futures::future::join_all((0..crowd).map(|_| work())).await;
        assert!(PEAK.load(Ordering::SeqCst) <= *PERMITS);
        let busy = outcomes
            .iter()
            .filter(|o| matches!(o, Err(Error::Busy { .. })))
            .count();
        assert_eq!(busy, 8, "those beyond the permits and the queue");
        assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), crowd - 8);
    }
}

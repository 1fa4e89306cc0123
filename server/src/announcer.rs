//! The announcer: every few seconds it looks for projects whose scheduled publication instant has just
//! passed and tells open pages through the site-wide live stream. Publication itself needs no job (a
//! scheduled project is public once the clock passes its instant); this only refreshes pages already open.
//! It also sends the reminders of residents' votes that end within a day ([`domain::vote::remind`]).

use domain::Domain;
use std::time::Duration;
use tokio::sync::watch;

/// How often the announcer looks.
pub const PERIOD: Duration = Duration::from_secs(5);

/// One look: announces what became public in `(last, now]` and moves `last` to now.
pub async fn announce_once(d: &Domain, last: &mut chrono::DateTime<chrono::Utc>) {
    let now = d.now();
    match domain::projects::announce_publications(d, *last, now).await {
        Ok(events) => {
            for event in events {
                d.bus.publish(event);
            }
            *last = now;
        }
        Err(e) => {
            tracing::warn!(error = %e, "announcing scheduled publications failed; will retry")
        }
    }
    if let Err(e) = domain::vote::remind(d).await {
        tracing::warn!(error = %e, "sending vote reminders failed; will retry");
    }
}

/// Looks every [`PERIOD`] until shutdown.
pub async fn run(d: Domain, mut shutdown: watch::Receiver<bool>) {
    let mut last = d.now();
    let mut ticker = tokio::time::interval(PERIOD);
    loop {
        tokio::select! {
            _ = ticker.tick() => announce_once(&d, &mut last).await,
            _ = shutdown.changed() => break,
        }
    }
}

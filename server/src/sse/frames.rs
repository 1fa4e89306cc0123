//! What a live stream writes: Server-Sent Events frames (a stored event's frame written once and shared
//! by every stream that sends it), the `text/event-stream` response with its keep-alive, and [`Sent`],
//! which remembers what a stream has sent.

use axum::body::Body;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use domain::events::{self, StoredEvent};
use futures::{Stream, StreamExt};
use std::convert::Infallible;
use std::time::Duration;
use wire::LiveEvent;

/// A comment line sent when a stream has been quiet this long, so that proxies keep it open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// One Server-Sent Events frame: `id:` when given, `event:`, and a `data:` line per line of `data`.
pub(super) fn frame(id: Option<i64>, kind: &str, data: &str) -> Bytes {
    let mut out = String::with_capacity(data.len() + kind.len() + 40);
    if let Some(id) = id {
        out.push_str(&format!("id: {id}\n"));
    }
    out.push_str(&format!("event: {kind}\n"));
    for line in data.split('\n') {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    Bytes::from(out)
}

/// A stream's own event (not stored): its kind and the whole event as JSON.
pub(super) fn control(event: &LiveEvent) -> Bytes {
    control_at(event, None)
}

/// [`control`] with an `id:` line (a `reload` carries the newest id, the browser's next resume point).
pub(super) fn control_at(event: &LiveEvent, id: Option<i64>) -> Bytes {
    let data = serde_json::to_string(event).unwrap_or_default();
    frame(id, event.kind(), &data)
}

/// A stored event with its id, written once and shared by every stream that sends it.
fn to_sse(event: &StoredEvent) -> Bytes {
    event
        .frame
        .get_or_init(|| frame(Some(event.id), &event.kind, &event.payload))
        .clone()
}

/// The response of a stream of `frames`: `text/event-stream`, with a keep-alive comment after
/// [`KEEP_ALIVE`] without a frame. (axum's `Sse` takes events it serialises itself, once per stream;
/// these frames are shared.)
pub(super) fn respond(frames: impl Stream<Item = Bytes> + Send + 'static) -> Response {
    let body = async_stream::stream! {
        let mut frames = std::pin::pin!(frames);
        let start = tokio::time::Instant::now() + KEEP_ALIVE;
        let mut quiet = tokio::time::interval_at(start, KEEP_ALIVE);
        loop {
            tokio::select! {
                next = frames.next() => match next {
                    Some(bytes) => {
                        quiet.reset();
                        yield Ok::<_, Infallible>(bytes);
                    }
                    None => break,
                },
                _ = quiet.tick() => yield Ok(Bytes::from_static(b":\n\n")),
            }
        }
    };
    (
        [
            (header::CONTENT_TYPE, "text/event-stream"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        Body::from_stream(body),
    )
        .into_response()
}

/// What a stream has sent: the highest id (its resume point) and, for the [`Sent::WINDOW`] ids up to it,
/// which were sent, so that an event arriving out of order is sent once and a replayed one is not sent
/// again. A fixed bitmap of 256 bytes: a stream's memory does not grow with the events it carries.
pub(super) struct Sent {
    pub(super) last: i64,
    seen: [u64; Sent::WORDS],
}

impl Sent {
    /// Ids remembered: twice the bus's capacity, more than a replay can overlap with the live events.
    /// An event older than that arriving now is taken as sent.
    const WINDOW: i64 = 2 * events::EventBus::CAPACITY as i64;
    const WORDS: usize = 2 * events::EventBus::CAPACITY / 64;

    pub(super) fn new(last: i64) -> Self {
        Self {
            last,
            seen: [0; Self::WORDS],
        }
    }

    /// Where id's bit is: its word and the bit in it.
    fn slot(id: i64) -> (usize, u64) {
        let k = usize::try_from(id.rem_euclid(Self::WINDOW)).unwrap_or(0);
        (k / 64, 1 << (k % 64))
    }

    fn mark(&mut self, id: i64, sent: bool) {
        let (word, bit) = Self::slot(id);
        if sent {
            self.seen[word] |= bit;
        } else {
            self.seen[word] &= !bit;
        }
    }

    /// The SSE frame of `event` if it has not been sent yet (without `id:` when it is older than the
    /// resume point), remembering it.
    pub(super) fn next(&mut self, event: &StoredEvent) -> Option<Bytes> {
        if event.id <= self.last - Self::WINDOW {
            return None;
        }
        if event.id > self.last {
            // The bits of the ids after the old resume point now stand for these ids: none sent yet.
            for id in (self.last + 1).max(event.id - Self::WINDOW + 1)..event.id {
                self.mark(id, false);
            }
            self.mark(event.id, true);
            self.last = event.id;
            return Some(to_sse(event));
        }
        let (word, bit) = Self::slot(event.id);
        if self.seen[word] & bit != 0 {
            return None;
        }
        self.mark(event.id, true);
        Some(frame(None, &event.kind, &event.payload))
    }
}

#[cfg(test)]
mod tests {
    use super::{Sent, frame};
    use domain::events::StoredEvent;

    fn event(id: i64) -> StoredEvent {
        StoredEvent {
            id,
            project_id: Some(1),
            kind: "idea_voted".into(),
            payload: "{}".into(),
            created_at: chrono::Utc::now(),
            frame: Default::default(),
        }
    }

    #[test]
    fn every_stream_sends_the_same_bytes_of_an_event_written_once() {
        let shared = std::sync::Arc::new(event(7));
        let (mut one, mut other) = (Sent::new(6), Sent::new(6));
        let first = one.next(&shared).unwrap();
        let second = other.next(&shared).unwrap();
        assert_eq!(&first[..], b"id: 7\nevent: idea_voted\ndata: {}\n\n");
        assert_eq!(first.as_ptr(), second.as_ptr(), "one copy, shared");
        // Out of order (below the resume point): without its id, written for that stream alone.
        let mut ahead = Sent::new(9);
        let late = ahead.next(&shared).unwrap();
        assert_eq!(&late[..], b"event: idea_voted\ndata: {}\n\n");
    }

    #[test]
    fn data_of_several_lines_becomes_one_data_line_each() {
        let bytes = frame(None, "x", "a\nb");
        assert_eq!(&bytes[..], b"event: x\ndata: a\ndata: b\n\n");
    }

    #[test]
    fn an_event_arriving_out_of_order_is_sent_once_and_keeps_the_resume_point() {
        let mut sent = Sent::new(10);
        assert!(sent.next(&event(12)).is_some());
        assert!(sent.next(&event(12)).is_none(), "replayed and live: once");
        assert!(
            sent.next(&event(11)).is_some(),
            "committed late: still sent"
        );
        assert!(sent.next(&event(11)).is_none());
        assert_eq!(sent.last, 12);
    }

    #[test]
    fn a_stream_remembers_a_fixed_window_of_ids_however_many_events_it_carries() {
        let mut sent = Sent::new(0);
        for id in 1..=100_000 {
            assert!(sent.next(&event(id)).is_some());
        }
        assert!(
            std::mem::size_of::<Sent>() <= 264,
            "a bitmap, not a growing set"
        );
        assert!(
            sent.next(&event(99_999)).is_none(),
            "sent, inside the window"
        );
        assert!(
            sent.next(&event(1)).is_none(),
            "far older than the window: taken as sent"
        );
        // Ids skipped by a jump (other projects' events) can still arrive late, once.
        assert!(sent.next(&event(100_010)).is_some());
        assert!(sent.next(&event(100_005)).is_some());
        assert!(sent.next(&event(100_005)).is_none());
    }
}

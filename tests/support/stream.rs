//! Reading `LADDER_EVENTS` directly, as an auditor would, to check what was stored
//! independently of Ladder's own reading code.

use async_nats::jetstream::{self, message::StreamMessage};
use proto_events::subject::STREAM_NAME;

async fn events_stream(client: &async_nats::Client) -> jetstream::stream::Stream {
    jetstream::new(client.clone())
        .get_stream(STREAM_NAME)
        .await
        .unwrap_or_else(|err| panic!("open stream {STREAM_NAME}: {err}"))
}

/// The message stored at `seq`.
pub async fn stored_message(client: &async_nats::Client, seq: u64) -> StreamMessage {
    events_stream(client)
        .await
        .get_raw_message(seq)
        .await
        .unwrap_or_else(|err| panic!("read message {seq} of {STREAM_NAME}: {err}"))
}

/// Every message in the stream, in order. Reads them one by one, which suits the
/// few hundred messages a test stores.
pub async fn all_messages(client: &async_nats::Client) -> Vec<StreamMessage> {
    let mut stream = events_stream(client).await;
    let info = stream
        .info()
        .await
        .unwrap_or_else(|err| panic!("read {STREAM_NAME} state: {err}"));
    let (first, last) = (info.state.first_sequence, info.state.last_sequence);
    let mut found = Vec::new();
    for seq in first.max(1)..=last {
        let message = stream
            .get_raw_message(seq)
            .await
            .unwrap_or_else(|err| panic!("read message {seq} of {STREAM_NAME}: {err}"));
        found.push(message);
    }
    found
}

/// Every message stored under `subject`, in stream order.
pub async fn subject_messages(client: &async_nats::Client, subject: &str) -> Vec<StreamMessage> {
    let mut found = all_messages(client).await;
    found.retain(|message| message.subject.as_str() == subject);
    found
}

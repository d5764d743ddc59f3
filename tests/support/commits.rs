//! Finding what a command stored by reading the stream itself, for commands whose reply
//! does not carry their events (xAPI statements are answered with statement ids only).

use proto_events::Commit;
use uuid::Uuid;

use crate::stream::all_messages;

/// The stream sequence and decoded commit of the command `command_id`, if it was stored.
pub async fn commit_of(client: &async_nats::Client, command_id: Uuid) -> Option<(u64, Commit)> {
    all_messages(client).await.into_iter().find_map(|message| {
        let commit = Commit::decode(&message.payload)
            .unwrap_or_else(|err| panic!("message {} is not a commit: {err}", message.sequence));
        (commit.header.command_id == command_id).then_some((message.sequence, commit))
    })
}

/// The event ids the command `command_id` stored; panics if it stored nothing.
pub async fn event_ids_of(client: &async_nats::Client, command_id: Uuid) -> Vec<Uuid> {
    let (_, commit) = commit_of(client, command_id)
        .await
        .unwrap_or_else(|| panic!("no commit of command {command_id} in the stream"));
    commit.events.iter().map(|e| e.event_id).collect()
}

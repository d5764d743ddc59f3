//! A client of the NATS front: `ladder.cmd.<name>` and `ladder.query.<name>`.

use std::time::Duration;

use ladder_service::STATUS_HEADER;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::command::Cmd;
use crate::reply::Reply;

/// As for HTTP: room for a `min_seq` wait on the server and a slow machine.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// A NATS connection used as a publisher would. Cheap to clone.
#[derive(Clone, Debug)]
pub struct NatsFront {
    client: async_nats::Client,
    /// Sent as `Authorization: Bearer <token>` with every request.
    token: Option<String>,
}

impl NatsFront {
    /// Connects to the server at `url`; the client reconnects by itself.
    pub async fn connect(url: &str) -> NatsFront {
        let client = async_nats::ConnectOptions::new()
            .name("ladder-tests")
            .request_timeout(Some(REQUEST_TIMEOUT))
            .connect(url)
            .await
            .unwrap_or_else(|err| panic!("connect to {url}: {err}"));
        NatsFront {
            client,
            token: None,
        }
    }

    /// The same connection presenting `token` with every request.
    pub fn with_token(&self, token: &str) -> NatsFront {
        NatsFront {
            client: self.client.clone(),
            token: Some(token.to_owned()),
        }
    }

    /// The underlying client, e.g. for JetStream.
    pub fn client(&self) -> &async_nats::Client {
        &self.client
    }

    /// Sends a command as a request on `ladder.cmd.<name>`.
    pub async fn send(&self, command: &Cmd) -> Reply {
        self.request(&format!("ladder.cmd.{}", command.name), command.bytes())
            .await
    }

    /// Asks query `name` about `id`, waiting for the read models to reach `min_seq`.
    pub async fn query(&self, name: &str, id: Uuid, min_seq: u64) -> Reply {
        self.query_with(name, &json!({"id": id, "min_seq": min_seq}))
            .await
    }

    /// Asks query `name` with an arbitrary parameter object.
    pub async fn query_with(&self, name: &str, params: &Value) -> Reply {
        let body = serde_json::to_vec(params).expect("a JSON value serializes");
        self.request(&format!("ladder.query.{name}"), body).await
    }

    /// A request on any subject, with the token when there is one.
    pub async fn request(&self, subject: &str, body: Vec<u8>) -> Reply {
        let mut headers = async_nats::HeaderMap::new();
        if let Some(token) = &self.token {
            headers.insert("Authorization", format!("Bearer {token}").as_str());
        }
        let message = self
            .client
            .request_with_headers(subject.to_owned(), headers, body.into())
            .await
            .unwrap_or_else(|err| panic!("request on {subject}: {err}"));
        let status = message
            .headers
            .as_ref()
            .and_then(|h| h.get(STATUS_HEADER))
            .unwrap_or_else(|| panic!("reply on {subject} lacks the {STATUS_HEADER} header"))
            .as_str()
            .parse::<u16>()
            .unwrap_or_else(|err| panic!("{STATUS_HEADER} on {subject} is not a status: {err}"));
        Reply::from_bytes(status, &message.payload)
    }
}

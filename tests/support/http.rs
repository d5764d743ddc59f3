//! A client of a node's HTTP front.

use std::time::Duration;

use crate::command::Cmd;
use crate::reply::Reply;

/// Longest a single HTTP exchange may take; a query with `min_seq` waits up to 5 s
/// on the server, so this leaves room for that and a slow machine.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Talks to one node at `base` (`http://127.0.0.1:<port>`). Cheap to clone.
#[derive(Clone, Debug)]
pub struct Http {
    client: reqwest::Client,
    base: String,
    /// Sent as `Authorization: Bearer <token>` with every request.
    token: Option<String>,
}

impl Http {
    /// A client of the node at `base`.
    pub fn new(base: impl Into<String>) -> Http {
        let client = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .build()
            .expect("build an HTTP client");
        Http {
            client,
            base: base.into(),
            token: None,
        }
    }

    /// The same client presenting `token` with every request.
    pub fn with_token(&self, token: &str) -> Http {
        Http {
            token: Some(token.to_owned()),
            ..self.clone()
        }
    }

    /// A request to `base + path_and_query`, with the token when there is one.
    fn request(&self, method: reqwest::Method, path_and_query: &str) -> reqwest::RequestBuilder {
        let request = self
            .client
            .request(method, format!("{}{path_and_query}", self.base));
        match &self.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    /// `POST base + path` with a JSON body; panics if the node cannot be reached.
    pub async fn post(&self, path: &str, body: impl Into<Vec<u8>>) -> Reply {
        let response = self
            .request(reqwest::Method::POST, path)
            .header("content-type", "application/json")
            .body(body.into())
            .send()
            .await
            .unwrap_or_else(|err| panic!("POST {path} to {}: {err}", self.base));
        read(response)
            .await
            .unwrap_or_else(|err| panic!("POST {path} reply from {}: {err}", self.base))
    }

    /// The base URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Sends a command; panics if the node cannot be reached.
    pub async fn send(&self, command: &Cmd) -> Reply {
        self.try_send(command)
            .await
            .unwrap_or_else(|err| panic!("POST {} to {}: {err}", command.name, self.base))
    }

    /// Sends a command; an error means no reply arrived (node down, connection cut),
    /// so whether the command was stored is unknown.
    pub async fn try_send(&self, command: &Cmd) -> Result<Reply, reqwest::Error> {
        self.try_post_raw(command.name, command.bytes()).await
    }

    /// Posts raw bytes as the body of command `name`.
    pub async fn post_raw(&self, name: &str, body: impl Into<Vec<u8>>) -> Reply {
        self.try_post_raw(name, body.into())
            .await
            .unwrap_or_else(|err| panic!("POST {name} to {}: {err}", self.base))
    }

    async fn try_post_raw(&self, name: &str, body: Vec<u8>) -> Result<Reply, reqwest::Error> {
        let response = self
            .request(reqwest::Method::POST, &format!("/v1/commands/{name}"))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await?;
        read(response).await
    }

    /// `GET base + path_and_query`.
    pub async fn get(&self, path_and_query: &str) -> Reply {
        self.try_get(path_and_query)
            .await
            .unwrap_or_else(|err| panic!("GET {path_and_query} from {}: {err}", self.base))
    }

    /// `GET base + path_and_query`, reporting a failed exchange instead of panicking.
    pub async fn try_get(&self, path_and_query: &str) -> Result<Reply, reqwest::Error> {
        let response = self
            .request(reqwest::Method::GET, path_and_query)
            .send()
            .await?;
        read(response).await
    }

    /// A query that reads its own writes: `GET path?min_seq=N`.
    pub async fn query(&self, path: &str, min_seq: u64) -> Reply {
        self.get(&format!("{path}?min_seq={min_seq}")).await
    }

    /// `GET /readyz`: 200 once the read models caught up, with `stream_last_seq`.
    pub async fn readiness(&self) -> Reply {
        self.get("/readyz").await
    }

    /// The stream's last sequence as the node reports it on `/readyz`.
    pub async fn stream_last_seq(&self) -> u64 {
        let reply = self.readiness().await;
        reply.body["stream_last_seq"]
            .as_u64()
            .unwrap_or_else(|| panic!("readyz without stream_last_seq: {reply:?}"))
    }

    /// `POST /v1/admin/rebuild`.
    pub async fn rebuild(&self) -> Reply {
        let response = self
            .request(reqwest::Method::POST, "/v1/admin/rebuild")
            .send()
            .await
            .unwrap_or_else(|err| panic!("POST rebuild to {}: {err}", self.base));
        read(response)
            .await
            .unwrap_or_else(|err| panic!("rebuild reply from {}: {err}", self.base))
    }
}

async fn read(response: reqwest::Response) -> Result<Reply, reqwest::Error> {
    let status = response.status().as_u16();
    let bytes = response.bytes().await?;
    Ok(Reply::from_bytes(status, &bytes))
}

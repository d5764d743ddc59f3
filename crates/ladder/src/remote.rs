//! Talking to a running node, over NATS or HTTP, with identical answers.

use std::time::Duration;

use anyhow::{Context, Result, bail};
use ladder_service::STATUS_HEADER;

/// A running Ladder node, reached over NATS or HTTP, as the holder of a token.
pub(crate) struct Remote {
    transport: Transport,
    /// Sent as `Authorization: Bearer <token>` on every request.
    token: Option<String>,
}

enum Transport {
    /// Request-reply on `ladder.cmd.*` and `ladder.query.*`.
    Nats(async_nats::Client),
    /// The HTTP front at a base URL.
    Http {
        /// e.g. `http://127.0.0.1:8080`
        base: String,
        /// The client.
        client: reqwest::Client,
    },
}

/// A reply: the HTTP-equivalent status and the JSON body.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
}

impl Remote {
    /// Connects over HTTP when `http` is given, else over NATS.
    pub(crate) async fn connect(http: Option<&str>, nats_url: &str) -> Result<Remote> {
        let transport = match http {
            Some(base) => {
                let client = reqwest::Client::builder()
                    .timeout(Duration::from_secs(60))
                    .build()
                    .context("cannot build an HTTP client")?;
                Transport::Http {
                    base: base.trim_end_matches('/').to_owned(),
                    client,
                }
            }
            None => {
                let mut options = async_nats::ConnectOptions::new()
                    .name("ladder-cli")
                    .request_timeout(Some(Duration::from_secs(60)));
                if let Some((user, password)) = ladder_eventlog::url::credentials(nats_url) {
                    options = options.user_and_password(user, password);
                }
                let shown = ladder_eventlog::url::redacted(nats_url);
                let client = options
                    .connect(nats_url)
                    .await
                    .with_context(|| format!("cannot connect to NATS at {shown}"))?;
                Transport::Nats(client)
            }
        };
        Ok(Remote {
            transport,
            token: None,
        })
    }

    /// The same connection presenting `token`, when there is one.
    pub(crate) fn with_token(mut self, token: Option<String>) -> Remote {
        self.token = token;
        self
    }

    fn authorization(&self) -> Option<String> {
        self.token.as_ref().map(|token| format!("Bearer {token}"))
    }

    /// Posts `body` to `path` over HTTP or requests it on `subject` over NATS.
    async fn send(&self, subject: String, path: &str, body: Vec<u8>) -> Result<Answer> {
        match &self.transport {
            Transport::Nats(client) => {
                nats_request(client, subject, self.authorization(), body).await
            }
            Transport::Http { base, client } => {
                let mut request = client
                    .post(format!("{base}{path}"))
                    .header("content-type", "application/json")
                    .body(body);
                if let Some(authorization) = self.authorization() {
                    request = request.header("authorization", authorization);
                }
                let response = request
                    .send()
                    .await
                    .with_context(|| format!("cannot reach {base}"))?;
                http_answer(response).await
            }
        }
    }

    /// Sends a command.
    pub(crate) async fn command(&self, name: &str, body: Vec<u8>) -> Result<Answer> {
        self.send(
            format!("ladder.cmd.{name}"),
            &format!("/v1/commands/{name}"),
            body,
        )
        .await
    }

    /// Sends xAPI statements (one or an array).
    pub(crate) async fn statements(&self, body: Vec<u8>) -> Result<Answer> {
        let subject = ladder_service::XAPI_SUBJECT.to_owned();
        self.send(subject, "/v1/xapi/statements", body).await
    }

    /// Asks a query with parameters (the id under `id`).
    pub(crate) async fn query(&self, name: &str, params: &serde_json::Value) -> Result<Answer> {
        match &self.transport {
            Transport::Nats(client) => {
                let body = serde_json::to_vec(params).context("cannot encode the query")?;
                let subject = format!("ladder.query.{name}");
                nats_request(client, subject, self.authorization(), body).await
            }
            Transport::Http { base, client } => {
                let pairs: Vec<(String, String)> = params
                    .as_object()
                    .map(|o| {
                        o.iter()
                            .map(|(k, v)| {
                                (
                                    k.clone(),
                                    v.as_str().map_or_else(|| v.to_string(), str::to_owned),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let mut request = client
                    .get(format!("{base}/v1/queries/{name}"))
                    .query(&pairs);
                if let Some(authorization) = self.authorization() {
                    request = request.header("authorization", authorization);
                }
                let response = request
                    .send()
                    .await
                    .with_context(|| format!("cannot reach {base}"))?;
                http_answer(response).await
            }
        }
    }

    /// Asks the node over HTTP to rebuild its live read models.
    pub(crate) async fn rebuild(&self) -> Result<Answer> {
        match &self.transport {
            Transport::Http { base, client } => {
                let mut request = client
                    .post(format!("{base}/v1/admin/rebuild"))
                    .timeout(Duration::from_secs(3600));
                if let Some(authorization) = self.authorization() {
                    request = request.header("authorization", authorization);
                }
                let response = request
                    .send()
                    .await
                    .with_context(|| format!("cannot reach {base}"))?;
                http_answer(response).await
            }
            Transport::Nats(_) => {
                bail!("an online rebuild is requested over HTTP: pass --http URL")
            }
        }
    }
}

async fn nats_request(
    client: &async_nats::Client,
    subject: String,
    authorization: Option<String>,
    body: Vec<u8>,
) -> Result<Answer> {
    let mut headers = async_nats::HeaderMap::new();
    if let Some(authorization) = authorization {
        headers.insert("Authorization", authorization.as_str());
    }
    let reply = client
        .request_with_headers(subject.clone(), headers, body.into())
        .await
        .map_err(|err| {
            let hint = match err.kind() {
                async_nats::RequestErrorKind::NoResponders => {
                    " (no Ladder node is serving; start one with `ladder serve`)"
                }
                async_nats::RequestErrorKind::TimedOut => " (no answer in time)",
                _ => "",
            };
            anyhow::anyhow!("request on {subject} failed: {err}{hint}")
        })?;
    let status = reply
        .headers
        .as_ref()
        .and_then(|h| h.get(STATUS_HEADER))
        .and_then(|v| v.as_str().parse().ok())
        .unwrap_or(200);
    Ok(Answer {
        status,
        body: reply.payload.to_vec(),
    })
}

async fn http_answer(response: reqwest::Response) -> Result<Answer> {
    let status = response.status().as_u16();
    let body = response
        .bytes()
        .await
        .context("cannot read the HTTP answer")?
        .to_vec();
    Ok(Answer { status, body })
}

//! An in-process Ladder node: `ladder_service::serve` on its own data directory and
//! HTTP port, driven and watched from outside like a real deployment.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use ladder_service::{ServeConfig, ServiceError, error_chain, serve};
use serde::Deserialize;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

/// How often readiness is polled; small against the seconds a catch-up takes.
const POLL: Duration = Duration::from_millis(5);

/// What `/readyz` reports.
#[derive(Clone, Copy, Debug, Deserialize)]
struct Readiness {
    ready: bool,
    applied_seq: u64,
    /// How far the read models are behind the stream; absent when NATS cannot be asked.
    lag: Option<u64>,
    /// Messages the read models refused to apply.
    quarantined: u64,
}

/// A running node; dropping it asks it to stop.
#[derive(Debug)]
pub(crate) struct Node {
    base: String,
    http: reqwest::Client,
    shutdown: CancellationToken,
    task: JoinHandle<Result<(), ServiceError>>,
    /// Why `serve` returned early, kept so that a wait can say it.
    failure: Arc<OnceLock<String>>,
}

impl Node {
    /// Starts a node on `data_dir` against the NATS server at `nats_url`; returns at
    /// once, before the node is ready.
    pub(crate) fn start(nats_url: &str, data_dir: PathBuf) -> Result<Node> {
        Node::start_with(nats_url, data_dir, |_| {})
    }

    /// Like [`Node::start`], with the configuration changed by `configure` first.
    pub(crate) fn start_with(
        nats_url: &str,
        data_dir: PathBuf,
        configure: impl FnOnce(&mut ServeConfig),
    ) -> Result<Node> {
        let port = ladder_testkit::free_port().context("no free port for the node's HTTP front")?;
        // The defaults of `ladder serve`: UTC, the default stream settings, projector
        // batches of 1000, the built-in framework.
        let http_addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let mut config = ServeConfig::new(nats_url, data_dir, http_addr);
        configure(&mut config);
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .build()
            .context("cannot build an HTTP client")?;
        let shutdown = CancellationToken::new();
        let failure = Arc::new(OnceLock::new());
        let task = {
            let (shutdown, failure) = (shutdown.clone(), Arc::clone(&failure));
            tokio::spawn(async move {
                let served = serve(config, shutdown).await;
                if let Err(err) = &served {
                    let _ = failure.set(error_chain(err));
                }
                served
            })
        };
        Ok(Node {
            base: format!("http://127.0.0.1:{port}"),
            http,
            shutdown,
            task,
            failure,
        })
    }

    /// Polls `/readyz` until the node reports ready with `applied_seq >= seq`. Fails
    /// if the node stops or `timeout` passes first.
    pub(crate) async fn wait_applied(&self, seq: u64, timeout: Duration) -> Result<()> {
        let deadline = Instant::now() + timeout;
        loop {
            if self.task.is_finished() {
                return Err(self.stopped());
            }
            // Connection refused is expected until the HTTP front listens.
            if let Ok(response) = self.http.get(format!("{}/readyz", self.base)).send().await {
                let readiness: Readiness = response
                    .json()
                    .await
                    .context("/readyz answered something other than its JSON")?;
                if readiness.ready && readiness.applied_seq >= seq {
                    return Ok(());
                }
            }
            if Instant::now() >= deadline {
                bail!("the ladder node did not apply stream sequence {seq} within {timeout:?}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// The base URL of the node's HTTP front, e.g. `http://127.0.0.1:4711`.
    pub(crate) fn base_url(&self) -> &str {
        &self.base
    }

    /// Polls `/readyz` until the node reports ready with no lag behind the stream's
    /// end; returns the applied sequence and the messages quarantined. Fails if the
    /// node stops or `timeout` passes first.
    pub(crate) async fn wait_caught_up(&self, timeout: Duration) -> Result<(u64, u64)> {
        let deadline = Instant::now() + timeout;
        loop {
            if self.task.is_finished() {
                return Err(self.stopped());
            }
            if let Ok(response) = self.http.get(format!("{}/readyz", self.base)).send().await {
                let readiness: Readiness = response
                    .json()
                    .await
                    .context("/readyz answered something other than its JSON")?;
                if readiness.ready && readiness.lag == Some(0) {
                    return Ok((readiness.applied_seq, readiness.quarantined));
                }
            }
            if Instant::now() >= deadline {
                bail!("the ladder node did not catch up with the stream within {timeout:?}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the node answers on NATS: `/readyz` can answer before the NATS
    /// front has subscribed, and a command sent then would find no responder.
    pub(crate) async fn wait_nats_front(
        &self,
        client: &async_nats::Client,
        timeout: Duration,
    ) -> Result<()> {
        let deadline = Instant::now() + timeout;
        let probe = br#"{"id":"00000000-0000-0000-0000-000000000000"}"#;
        loop {
            if self.task.is_finished() {
                return Err(self.stopped());
            }
            match client
                .request("ladder.query.erg", probe.as_slice().into())
                .await
            {
                Ok(_) => return Ok(()),
                Err(err) if Instant::now() >= deadline => {
                    return Err(err).context("the ladder node does not answer on NATS");
                }
                Err(_) => tokio::time::sleep(POLL).await,
            }
        }
    }

    /// Stops the node and waits until it has released its files.
    pub(crate) async fn stop(mut self) -> Result<()> {
        self.shutdown.cancel();
        (&mut self.task)
            .await
            .context("the ladder node task failed")?
            .context("the ladder node failed")
    }

    fn stopped(&self) -> anyhow::Error {
        match self.failure.get() {
            Some(reason) => anyhow!("the ladder node stopped: {reason}"),
            None => anyhow!("the ladder node stopped early"),
        }
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

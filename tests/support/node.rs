//! A Ladder node running in the test's own process: `ladder_service::serve` on
//! the test's runtime, with a temporary data directory and HTTP on a free port.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;

use ladder_eventlog::StreamSettings;
use ladder_service::auth::Tokens;
use ladder_service::xapi::LmsSettings;
use ladder_service::{PlanningConfig, ServeConfig, ServiceError, serve};
use tempfile::TempDir;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::http::Http;
use crate::wait::{DEADLINE, eventually};

/// How to run a node; the defaults are those of `ladder serve`.
#[derive(Clone, Debug)]
pub struct NodeOptions {
    /// Settings used if the node creates the stream.
    pub stream: StreamSettings,
    /// Most messages the projector applies per transaction.
    pub batch_max: usize,
    /// The xAPI mapping and the LMSs whose records count as verified; none by default.
    pub lms: LmsSettings,
    /// The callers' tokens; none by default, which makes every caller admin.
    pub tokens: Option<Tokens>,
    /// Readiness thresholds, the interest table and metric suppression; the defaults.
    pub planning: PlanningConfig,
}

impl Default for NodeOptions {
    fn default() -> Self {
        NodeOptions {
            stream: StreamSettings::default(),
            batch_max: 1000,
            lms: LmsSettings::default(),
            tokens: None,
            planning: PlanningConfig::default(),
        }
    }
}

/// The configuration of a node on `data_dir`, listening on a fresh free loopback
/// port; the one place tests build a [`ServeConfig`].
pub fn serve_config(nats_url: &str, data_dir: &Path, options: &NodeOptions) -> ServeConfig {
    let port = ladder_testkit::free_port().expect("a free port");
    let http_addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    ServeConfig {
        stream: options.stream.clone(),
        batch_max: options.batch_max,
        lms: options.lms.clone(),
        tokens: options.tokens.clone(),
        planning: options.planning.clone(),
        ..ServeConfig::new(nats_url, data_dir, http_addr)
    }
}

#[derive(Debug)]
struct Running {
    shutdown: CancellationToken,
    task: JoinHandle<Result<(), ServiceError>>,
}

/// A running (or stopped) node. Dropping it cancels the node; the runtime ending
/// with the test then drops its tasks.
#[derive(Debug)]
pub struct Node {
    nats_url: String,
    options: NodeOptions,
    data: TempDir,
    http: Http,
    running: Option<Running>,
}

impl Node {
    /// Starts a node with default options against the NATS server at `nats_url`
    /// and waits until it is ready.
    pub async fn start(nats_url: &str) -> Node {
        Node::start_with(nats_url, NodeOptions::default()).await
    }

    /// Starts a node with `options` and waits until it is ready.
    pub async fn start_with(nats_url: &str, options: NodeOptions) -> Node {
        let data = tempfile::Builder::new()
            .prefix("ladder-node-")
            .tempdir()
            .expect("create a data directory");
        let mut node = Node {
            nats_url: nats_url.to_owned(),
            options,
            data,
            http: Http::new("http://unstarted"),
            running: None,
        };
        node.start_again().await;
        node
    }

    /// The node's HTTP client.
    pub fn http(&self) -> &Http {
        &self.http
    }

    /// The NATS server the node uses.
    pub fn nats_url(&self) -> &str {
        &self.nats_url
    }

    /// The node's data directory, kept across restarts.
    pub fn data_dir(&self) -> &Path {
        self.data.path()
    }

    /// The configuration `serve` gets, on a fresh free HTTP port.
    fn config(&self) -> ServeConfig {
        serve_config(&self.nats_url, self.data.path(), &self.options)
    }

    /// Stops the node (cancel, then await `serve`); panics if `serve` failed.
    pub async fn stop(&mut self) {
        let Some(running) = self.running.take() else {
            return;
        };
        running.shutdown.cancel();
        let result = tokio::time::timeout(DEADLINE, running.task)
            .await
            .expect("the node stops within the deadline")
            .expect("the serve task did not panic");
        if let Err(err) = result {
            panic!("serve failed: {}", ladder_service::error_chain(&err));
        }
    }

    /// Starts the node again on the same data directory (on a new HTTP port) and
    /// waits until it is ready. Stops it first if it runs.
    pub async fn start_again(&mut self) {
        self.stop().await;
        let config = self.config();
        self.http = Http::new(format!("http://{}", config.http_addr));
        let shutdown = CancellationToken::new();
        let task = tokio::spawn(serve(config, shutdown.clone()));
        self.running = Some(Running { shutdown, task });
        self.wait_ready().await;
    }

    /// Waits until `GET /readyz` answers 200; panics early if `serve` ended.
    async fn wait_ready(&mut self) {
        let http = self.http.clone();
        let running = self.running.as_mut().expect("the node was started");
        eventually("node ready", DEADLINE, async || {
            if running.task.is_finished() {
                let outcome = (&mut running.task).await;
                panic!(
                    "serve ended before it was ready: {:?}",
                    outcome.map(|r| r.map_err(|e| ladder_service::error_chain(&e)))
                );
            }
            match http.try_get("/readyz").await {
                Ok(reply) if reply.status == 200 => Ok(()),
                Ok(reply) => Err(format!("{reply:?}")),
                Err(err) => Err(err.to_string()),
            }
        })
        .await;
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        if let Some(running) = &self.running {
            running.shutdown.cancel();
        }
    }
}

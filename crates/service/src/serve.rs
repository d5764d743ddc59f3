//! Starting and stopping a Ladder node.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use jiff::tz::TimeZone;
use ladder_competency::Framework;
use ladder_eventlog::{EventLog, EventLogConfig, EventLogError, StreamSettings};
use ladder_projection::{MODELS_FILE, ReadModels};
use ladder_succession::PlanningConfig;
use tokio_util::sync::CancellationToken;
use tracing::{error, info, warn};
use uuid::Uuid;

use crate::auth::{Gate, Role, Tokens};
use crate::error::ServiceError;
use crate::handler::CommandHandler;
use crate::models::Models;
use crate::projector::Projector;
use crate::query::QueryContext;
use crate::xapi::LmsSettings;
use crate::{AppState, http, nats};

/// Everything `ladder serve` needs.
#[derive(Clone, Debug)]
pub struct ServeConfig {
    /// NATS server URL(s).
    pub nats_url: String,
    /// Directory holding this node's read models.
    pub data_dir: PathBuf,
    /// Where the HTTP front listens.
    pub http_addr: SocketAddr,
    /// The organisation's IANA time zone; effective dates default to its day.
    pub time_zone: String,
    /// Settings used when the stream has to be created.
    pub stream: StreamSettings,
    /// Most messages the projector applies in one transaction.
    pub batch_max: usize,
    /// The competency framework; `None` for the built-in ERG leadership framework.
    pub framework: Option<Framework>,
    /// How LMS statements become learning records.
    pub lms: LmsSettings,
    /// The callers' tokens and roles; `None` makes every caller admin, which is
    /// allowed on a loopback address only.
    pub tokens: Option<Tokens>,
    /// Readiness thresholds, the declared-interest table and metric suppression.
    pub planning: PlanningConfig,
}

impl ServeConfig {
    /// A configuration with defaults: UTC, default stream settings, batches of 1000,
    /// the built-in framework, the built-in xAPI mapping and no trusted LMS.
    pub fn new(
        nats_url: impl Into<String>,
        data_dir: impl Into<PathBuf>,
        http_addr: SocketAddr,
    ) -> Self {
        ServeConfig {
            nats_url: nats_url.into(),
            data_dir: data_dir.into(),
            http_addr,
            time_zone: "UTC".to_owned(),
            stream: StreamSettings::default(),
            batch_max: 1000,
            framework: None,
            lms: LmsSettings::default(),
            tokens: None,
            planning: PlanningConfig::default(),
        }
    }
}

/// Runs a Ladder node until `shutdown` fires.
///
/// Fails at start when the read models are held by another process, the NATS
/// server is too old, or the stream is unsafe. An unreachable NATS server is
/// retried with a logged warning, since it is usually still starting.
pub async fn serve(config: ServeConfig, shutdown: CancellationToken) -> Result<(), ServiceError> {
    check_open_access(&config)?;
    let time_zone = TimeZone::get(&config.time_zone).map_err(|err| {
        ServiceError::Config(format!("unknown time zone `{}`: {err}", config.time_zone))
    })?;
    let framework = match &config.framework {
        Some(framework) => framework.clone(),
        None => ladder_competency::erg_leadership()
            .map_err(|err| ServiceError::Config(format!("the built-in framework: {err}")))?,
    };
    std::fs::create_dir_all(&config.data_dir).map_err(|source| ServiceError::Io {
        path: config.data_dir.display().to_string(),
        source,
    })?;
    let models = ReadModels::open(&config.data_dir.join(MODELS_FILE))?;
    info!(data_dir = %config.data_dir.display(), applied_seq = models.applied_seq()?, "read models open");
    let node_id = node_id(&config.data_dir)?;
    let Some(log) = connect(&config, &shutdown).await? else {
        return Ok(());
    };
    let models = Models::new(models);
    // Levels are numbered 1..n in order, so the last is the highest.
    let competencies = framework.competencies().iter().map(|c| {
        let highest = c
            .levels()
            .last()
            .map_or(0, ladder_competency::Level::number);
        (c.id().to_owned(), highest)
    });
    let handler = CommandHandler::new(log.clone(), time_zone.clone())
        .with_competencies(competencies)
        .with_interests(config.planning.interest_ids())
        .with_command_index(models.clone());
    info!(
        framework = framework.id(),
        version = framework.version(),
        trusted_issuers = config.lms.trusted_issuers.len(),
        "competency framework loaded"
    );
    info!(
        interests = config.planning.interest_ids().map(|ids| ids.len()),
        ready_soon_max_gaps = config.planning.readiness.ready_soon_max_gaps,
        ready_soon_max_shortfall = config.planning.readiness.ready_soon_max_shortfall,
        min_group_size = config.planning.metrics.min_group_size,
        erg_activities = config.planning.erg_activities.len(),
        "planning settings loaded"
    );
    warn_unknown_activity_ergs(&config.planning, &models);
    let state = AppState {
        handler: Arc::new(handler),
        models: models.clone(),
        data_dir: config.data_dir.clone(),
        lms: Arc::new(config.lms.clone()),
        query: QueryContext::new(Arc::new(framework), time_zone)
            .with_planning(config.planning.clone()),
        gate: Arc::new(Gate::new(config.tokens.clone())),
    };

    let listener = tokio::net::TcpListener::bind(config.http_addr)
        .await
        .map_err(|source| ServiceError::Bind {
            addr: config.http_addr.to_string(),
            source,
        })?;
    let local = listener.local_addr().map_err(|source| ServiceError::Bind {
        addr: config.http_addr.to_string(),
        source,
    })?;
    info!(addr = %local, "http front listening");

    let durable = format!("ladder-projector-{}", node_id.simple());
    let projector = Projector::new(log.clone(), models.clone(), durable, config.batch_max);
    let projector = tokio::spawn(projector.run(shutdown.clone()));
    let nats_front = tokio::spawn(nats::serve(state.clone(), shutdown.clone()));
    let http_shutdown = shutdown.clone();
    let http_front = axum::serve(listener, http::router(state))
        .with_graceful_shutdown(async move { http_shutdown.cancelled().await });

    let http_result = http_front.await;
    shutdown.cancel();
    match nats_front.await {
        Ok(Ok(())) => {}
        Ok(Err(err)) => error!(error = %crate::error_chain(&err), "nats front failed"),
        Err(err) => error!(error = %err, "nats front task failed"),
    }
    if let Err(err) = projector.await {
        error!(error = %err, "projector task failed");
    }
    if let Err(err) = log.client().flush().await {
        warn!(error = %err, "could not flush the NATS connection at shutdown");
    }
    info!("ladder stopped");
    http_result.map_err(|source| ServiceError::Bind {
        addr: local.to_string(),
        source,
    })
}

/// Without a token file every caller is admin: allowed on a loopback address only.
fn check_open_access(config: &ServeConfig) -> Result<(), ServiceError> {
    match &config.tokens {
        Some(tokens) => {
            let count = |role| tokens.count(role);
            info!(
                publishers = count(Role::Publisher),
                planners = count(Role::Planner),
                auditors = count(Role::Auditor),
                admins = count(Role::Admin),
                "callers need tokens"
            );
            Ok(())
        }
        None if config.http_addr.ip().is_loopback() => {
            warn!(addr = %config.http_addr, "no token file: every caller is admin; serving on loopback only");
            Ok(())
        }
        None => Err(ServiceError::OpenAccess {
            addr: config.http_addr.to_string(),
        }),
    }
}

/// Connects to the event log, retrying while the server is unreachable. Returns
/// `None` if shutdown fired first.
async fn connect(
    config: &ServeConfig,
    shutdown: &CancellationToken,
) -> Result<Option<EventLog>, ServiceError> {
    let log_config = EventLogConfig {
        stream: config.stream.clone(),
        ..EventLogConfig::new(config.nats_url.clone())
    };
    let mut delay = Duration::from_millis(250);
    loop {
        match EventLog::connect(&log_config).await {
            Ok(log) => return Ok(Some(log)),
            Err(err @ (EventLogError::Connect { .. } | EventLogError::Unavailable { .. })) => {
                warn!(error = %crate::error_chain(&err), retry_in = ?delay, "event log not reachable yet");
            }
            Err(err) => return Err(err.into()),
        }
        tokio::select! {
            () = shutdown.cancelled() => return Ok(None),
            () = tokio::time::sleep(delay) => {}
        }
        delay = (delay * 2).min(Duration::from_secs(5));
    }
}

/// This node's id, kept in the data directory so that its projector consumer keeps
/// its name across restarts.
fn node_id(data_dir: &Path) -> Result<Uuid, ServiceError> {
    let path = data_dir.join("node-id");
    let io = |source| ServiceError::Io {
        path: path.display().to_string(),
        source,
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => Uuid::try_parse(text.trim())
            .map_err(|e| ServiceError::Config(format!("{} is not a UUID: {e}", path.display()))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let id = Uuid::now_v7();
            std::fs::write(&path, format!("{id}\n")).map_err(io)?;
            Ok(id)
        }
        Err(err) => Err(io(err)),
    }
}

/// Warns about `erg_activities` entries naming an ERG the read models do not know: a typo
/// there would leave a sensitive group's activities unprotected without a word. The ERG
/// may yet be registered, so this warns rather than refuses.
fn warn_unknown_activity_ergs(planning: &ladder_succession::PlanningConfig, models: &Models) {
    let current = models.current();
    // A fresh node knows no ERG until its projector has caught up: nothing to check yet.
    let applied_seq = match current.applied_seq() {
        Ok(0) => return,
        Ok(seq) => seq,
        Err(err) => {
            warn!(error = %crate::error_chain(&err), "cannot check erg_activities");
            return;
        }
    };
    for entry in &planning.erg_activities {
        match current.erg(entry.erg_id) {
            Ok(Some(_)) => {}
            Ok(None) => warn!(
                erg_id = %entry.erg_id,
                applied_seq,
                activity_prefix = %entry.activity_prefix,
                "erg_activities names an ERG that is not registered (yet); its activities \
                 are treated as that ERG's, which protects nothing until it is"
            ),
            Err(err) => warn!(error = %crate::error_chain(&err), "cannot check erg_activities"),
        }
    }
}

//! A world for audit tests: a nats-server of its own, the event log, the command
//! handler, and a projector feeding live read models in a temporary data directory.

#![allow(dead_code, reason = "each test file uses part of the world")]

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::tz::TimeZone;
use ladder_eventlog::{EventLog, EventLogConfig, StreamSettings};
use ladder_projection::{MODELS_FILE, ReadModels};
use ladder_service::{CommandHandler, CommandReply, Models, Projector};
use ladder_testkit::NatsServer;
use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

/// How long a test waits for the projector.
pub(crate) const DEADLINE: Duration = Duration::from_secs(20);

pub(crate) struct World {
    pub(crate) server: NatsServer,
    pub(crate) log: EventLog,
    pub(crate) handler: CommandHandler,
    pub(crate) data: TempDir,
}

impl World {
    pub(crate) async fn start() -> World {
        let server = NatsServer::start().expect("start nats-server (run ops/install-nats once)");
        let log = EventLog::connect(&EventLogConfig::new(server.url()))
            .await
            .expect("connect to the event log");
        World::with(server, log)
    }

    /// A world whose stream an operator created without `deny_delete`, which Ladder
    /// itself would refuse; the log is opened as auditors open it.
    pub(crate) async fn start_deletable() -> World {
        let server = NatsServer::start().expect("start nats-server (run ops/install-nats once)");
        let client = async_nats::connect(server.url()).await.unwrap();
        let config = ladder_eventlog::desired_config(&StreamSettings::default());
        async_nats::jetstream::new(client)
            .create_stream(async_nats::jetstream::stream::Config {
                deny_delete: false,
                ..config
            })
            .await
            .unwrap();
        let log = EventLog::connect_existing(&EventLogConfig::new(server.url()))
            .await
            .expect("open the event log");
        World::with(server, log)
    }

    fn with(server: NatsServer, log: EventLog) -> World {
        let handler = CommandHandler::new(log.clone(), TimeZone::UTC);
        World {
            server,
            log,
            handler,
            data: tempfile::tempdir().unwrap(),
        }
    }

    /// The live read-model file.
    pub(crate) fn models_file(&self) -> PathBuf {
        self.data.path().join(MODELS_FILE)
    }

    /// Sends a command and returns its stream sequence; panics unless accepted.
    pub(crate) async fn send(&self, name: &str, actor: Uuid, date: &str, fields: Value) -> u64 {
        let mut body = json!({
            "command_id": Uuid::now_v7(),
            "actor": actor,
            "effective_date": date,
        });
        body.as_object_mut()
            .unwrap()
            .extend(fields.as_object().unwrap().clone());
        match self
            .handler
            .handle(name, &serde_json::to_vec(&body).unwrap())
            .await
        {
            CommandReply::Accepted { stream_seq, .. } => stream_seq,
            other => panic!("{name} not accepted: {other:?}"),
        }
    }

    /// Starts the projector on the live models, as `ladder serve` does.
    pub(crate) fn project(&self) -> Projection {
        let models = Models::new(ReadModels::open(&self.models_file()).unwrap());
        let shutdown = CancellationToken::new();
        let projector = Projector::new(
            self.log.clone(),
            models.clone(),
            format!("audit-test-{}", Uuid::now_v7().simple()),
            100,
        );
        let task = tokio::spawn(projector.run(shutdown.clone()));
        Projection {
            models,
            shutdown,
            task,
        }
    }
}

pub(crate) struct Projection {
    pub(crate) models: Models,
    shutdown: CancellationToken,
    task: JoinHandle<()>,
}

impl Projection {
    /// Waits until the projector applied `seq`.
    pub(crate) async fn wait(&self, seq: u64) {
        assert!(
            self.models.wait_for(seq, DEADLINE).await,
            "the projector did not apply sequence {seq} in time"
        );
    }

    /// Stops the projector and releases the read-model file.
    pub(crate) async fn stop(self) {
        self.shutdown.cancel();
        self.task.await.unwrap();
        drop(self.models);
    }
}

/// The commands of a small ERG history, by sequence: an ERG whose chair is later
/// replaced, a budget requested by one member, approved by another and closed, a
/// project for the ERG. Returns the ids.
pub(crate) struct Story {
    pub(crate) admin: Uuid,
    pub(crate) erg: Uuid,
    pub(crate) other_erg: Uuid,
    pub(crate) first_chair: Uuid,
    pub(crate) second_chair: Uuid,
    pub(crate) owner: Uuid,
    pub(crate) approver: Uuid,
    pub(crate) budget: Uuid,
    pub(crate) other_budget: Uuid,
    pub(crate) project: Uuid,
    /// Sequence of the first chair's assignment.
    pub(crate) chair_assigned_seq: u64,
    /// The last sequence written.
    pub(crate) last_seq: u64,
}

pub(crate) async fn write_story(world: &World) -> Story {
    let id = Uuid::now_v7;
    let (admin, erg, other_erg) = (id(), id(), id());
    let (first_chair, second_chair, owner, approver) = (id(), id(), id(), id());
    let (budget, other_budget, project) = (id(), id(), id());
    world
        .send(
            "register-erg",
            admin,
            "2026-01-01",
            json!({"erg_id": erg, "name": "Veterans in Tech", "sensitive": false}),
        )
        .await;
    world
        .send(
            "register-erg",
            admin,
            "2026-01-01",
            json!({"erg_id": other_erg, "name": "Women in Engineering", "sensitive": false}),
        )
        .await;
    let chair_assigned_seq = world
        .send("assign-erg-role", admin, "2026-01-01", json!({"erg_id": erg, "employee_id": first_chair, "role": "chair", "term_start": "2026-01-01"}))
        .await;
    world
        .send("request-budget", owner, "2026-02-01", json!({"budget_id": budget, "erg_id": erg, "owner_id": owner, "amount_minor": 50_000, "currency": "EUR", "purpose": "Speaker fees"}))
        .await;
    world
        .send("request-budget", owner, "2026-02-02", json!({"budget_id": other_budget, "erg_id": other_erg, "owner_id": owner, "amount_minor": 10_000, "currency": "EUR", "purpose": "Room hire"}))
        .await;
    world
        .send(
            "approve-budget",
            approver,
            "2026-02-10",
            json!({"budget_id": budget, "approved_minor": 45_000}),
        )
        .await;
    world
        .send(
            "close-budget",
            approver,
            "2026-05-01",
            json!({"budget_id": budget, "spent_minor": 44_000}),
        )
        .await;
    world
        .send("start-project", first_chair, "2026-03-01", json!({"project_id": project, "title": "Mentoring circle", "lead_id": first_chair, "sponsor_id": approver, "kind": "mentoring-circle", "erg_id": erg}))
        .await;
    world
        .send("end-erg-role", admin, "2026-06-30", json!({"erg_id": erg, "employee_id": first_chair, "role": "chair", "term_end": "2026-06-30"}))
        .await;
    let last_seq = world
        .send("assign-erg-role", admin, "2026-07-01", json!({"erg_id": erg, "employee_id": second_chair, "role": "chair", "term_start": "2026-07-01"}))
        .await;
    Story {
        admin,
        erg,
        other_erg,
        first_chair,
        second_chair,
        owner,
        approver,
        budget,
        other_budget,
        project,
        chair_assigned_seq,
        last_seq,
    }
}

/// Copies a read-model file into a fresh data directory.
pub(crate) fn copy_models(from: &Path) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(from, dir.path().join(MODELS_FILE)).unwrap();
    dir
}

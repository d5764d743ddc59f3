//! `ladder-bench planning`: the latency of the planning queries (slate, talent pool)
//! and the evidence query on a node holding a generated workforce, beside an empty HTTP
//! round trip to the same node, so that the ratios mean something on any machine.
//!
//! The scenario of `ladder gen` goes through the real command path (the node's NATS
//! fronts for commands and xAPI statements) with many lines in flight, each after the
//! lines it depends on. The server runs without fsync on every write, as in the audit
//! benchmark: loading is the set-up here, and no query touches the disk of NATS. Once
//! `/readyz` reports no lag, the queries are timed one at a time over HTTP.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use ladder_scenario::{DEFAULT_START, LMS_HOME_PAGE, Settings};
use ladder_service::PlanningConfig;
use ladder_service::xapi::LmsSettings;
use ladder_testkit::{NatsServer, ServerOptions, workspace_root};
use ladder_xapi::Mapping;
use serde_json::Value;

use crate::changed_slates::{self, Changed};
use crate::node::Node;
use crate::planning_report::{
    FirstRequests, LoadFigures, PlanningReport, QueryRow, RunSettings, StreamFigures,
};
use crate::queries::{self, Targets, Timed};
use crate::stream::{self, Request};
use crate::{audit, load, progress};

/// How long the node may take to start.
const START_LIMIT: Duration = Duration::from_secs(60);
/// How long the projector may take to catch up once everything was sent.
const DRAIN_LIMIT: Duration = Duration::from_secs(1800);
/// The planning settings matching the generator's interests.
const PLANNING_FILE: &str = "ops/scenarios/planning.toml";

/// What the command line asked for.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Options {
    pub(crate) employees: u32,
    pub(crate) years: u32,
    pub(crate) seed: u64,
    pub(crate) requests: usize,
    pub(crate) concurrency: usize,
}

/// Loads the scenario, measures the queries, and returns the report.
pub(crate) async fn run(options: Options) -> Result<PlanningReport> {
    let work = tempfile::Builder::new()
        .prefix("ladder-bench-planning-")
        .tempdir()
        .context("cannot create a working directory")?;
    let server_config = audit::bench_config(work.path())?;
    let server = NatsServer::start_with(ServerOptions::new().config(&server_config))
        .context("cannot start nats-server")?;
    let url = server.url();

    let settings = Settings {
        employees: options.employees,
        years: options.years,
        seed: options.seed,
        start: DEFAULT_START,
    };
    let spinner = progress::spinner("generating the scenario");
    let prepared =
        tokio::task::spawn_blocking(move || stream::prepare(&settings, &Mapping::default()))
            .await
            .context("preparing the scenario failed")??;
    spinner.finish_and_clear();

    let planning_path = workspace_root().join(PLANNING_FILE);
    let planning = std::fs::read_to_string(&planning_path)
        .with_context(|| format!("cannot read {}", planning_path.display()))?;
    let planning = PlanningConfig::from_toml(&planning)
        .with_context(|| format!("invalid planning file {}", planning_path.display()))?;
    let node = Node::start_with(&url, work.path().join("node"), |config| {
        config.planning = planning;
        config.lms = LmsSettings::new(Mapping::default(), [LMS_HOME_PAGE.to_owned()]);
    })?;
    node.wait_applied(0, START_LIMIT).await?;
    let client = async_nats::ConnectOptions::new()
        .name("ladder-bench-planning")
        .request_timeout(Some(Duration::from_secs(120)))
        .connect(&url)
        .await
        .with_context(|| format!("cannot connect to NATS at {url}"))?;
    node.wait_nats_front(&client, START_LIMIT).await?;

    let loaded = load::load(&client, &prepared, options.concurrency).await?;
    if loaded.commands != prepared.commands || loaded.statements != prepared.statements {
        bail!(
            "accepted {} of {} commands and {} of {} statements",
            loaded.commands,
            prepared.commands,
            loaded.statements,
            prepared.statements
        );
    }
    let spinner = progress::spinner("projector catching up");
    let caught_up = Instant::now();
    let (stream_messages, quarantined) = node.wait_caught_up(DRAIN_LIMIT).await?;
    let catch_up = caught_up.elapsed();
    spinner.finish_and_clear();
    if quarantined > 0 {
        bail!("the read models refused {quarantined} messages of the load");
    }

    let framework = ladder_competency::erg_leadership().context("the built-in framework")?;
    let statement_batches = prepared
        .lines
        .iter()
        .filter(|l| matches!(l.request, Request::Statements { .. }))
        .count();
    let stream = StreamFigures {
        lines: prepared.lines.len(),
        commands: prepared.commands,
        statements: prepared.statements,
        statement_batches,
        jsonl_bytes: prepared.jsonl_bytes,
        positions: prepared.positions.len(),
        stream_messages,
    };
    let as_of = prepared.last_day;
    let targets = Targets {
        positions: prepared.positions,
        competencies: framework
            .competencies()
            .iter()
            .map(|c| c.id().to_owned())
            .collect(),
        employees: prepared.employees,
        as_of,
        seed: options.seed,
    };
    // The lines are no longer needed; their memory is not the node's to share.
    drop(prepared.lines);
    drop(prepared.access);
    let timed = queries::measure(node.base_url(), &targets, options.requests).await?;
    let changed =
        changed_slates::measure(node.base_url(), &client, &targets, options.requests).await?;
    node.stop().await?;

    let seconds = loaded.elapsed.as_secs_f64();
    let load = LoadFigures {
        seconds,
        lines_per_second: stream.lines as f64 / seconds,
        writes_per_second: (stream.commands + stream.statements) as f64 / seconds,
        conflict_replies: loaded.conflict_replies,
        resent_batches: loaded.resent_batches,
        catch_up_seconds: catch_up.as_secs_f64(),
    };
    Ok(PlanningReport {
        settings: RunSettings {
            employees: options.employees,
            years: options.years,
            seed: options.seed,
            as_of: as_of.to_string(),
            requests: options.requests,
            concurrency: options.concurrency,
            cpus: std::thread::available_parallelism().map_or(0, usize::from),
            nats_server_version: client.server_info().version,
        },
        stream,
        load,
        first: first_requests(&timed),
        rows: rows(timed, changed)?,
    })
}

/// The first slate and talent requests, with what their answers counted.
fn first_requests(timed: &Timed) -> FirstRequests {
    let count = |body: &[u8], field: &str| {
        serde_json::from_slice::<Value>(body)
            .ok()
            .and_then(|v| v.get(field).and_then(Value::as_u64))
    };
    FirstRequests {
        slate_ms: timed.first_slate.elapsed.as_secs_f64() * 1000.0,
        talent_ms: timed.first_talent.elapsed.as_secs_f64() * 1000.0,
        slate_considered: count(&timed.first_slate.body, "considered"),
        talent_matched: count(&timed.first_talent.body, "matched"),
    }
}

/// One row per query, the empty round trip first, the slates after a change last.
fn rows(timed: Timed, changed: Changed) -> Result<Vec<QueryRow>> {
    let Timed { samples, bytes, .. } = timed;
    let [healthz, slate, talent, evidence] = samples;
    let empty = "no samples were taken";
    let what = "GET /healthz (empty round trip)";
    let base = QueryRow::new("healthz", what, healthz, bytes[0], None).context(empty)?;
    let row = |key, what, samples, bytes| {
        QueryRow::new(key, what, samples, bytes, Some(&base)).context(empty)
    };
    let slate = row(
        "slate",
        "GET /v1/positions/{id}/candidates?limit=20",
        slate,
        bytes[1],
    )?;
    let what = "GET /v1/talent?competency=..&min_level=1";
    let talent = row("talent", what, talent, bytes[2])?;
    let what = "GET /v1/employees/{id}/evidence";
    let evidence = row("evidence", what, evidence, bytes[3])?;
    let what = "the same slate, one new hire after the last";
    let after_change = row("slate_after_change", what, changed.samples, changed.bytes)?;
    Ok(vec![base, slate, talent, evidence, after_change])
}

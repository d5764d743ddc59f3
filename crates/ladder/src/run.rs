//! The subcommands.

use std::io::{IsTerminal, Read};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use indicatif::ProgressBar;
use ladder_audit::replay::build_fresh;
use ladder_eventlog::{EventLog, EventLogConfig, StreamSettings};
use ladder_projection::{MODELS_FILE, ProjectionError, ReadModels};
use ladder_service::query::{self, QueryContext, QueryError, QueryName, QueryParams};
use ladder_service::rebuild::{hex, staging_path};
use ladder_service::xapi::LmsSettings;
use ladder_service::{ServeConfig, serve};
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::Command;
use crate::config::{DEFAULT_HTTP, seconds};
use crate::output;
use crate::remote::Remote;

pub(crate) async fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Serve {
            connection,
            http,
            time_zone,
            replicas,
            duplicate_window_secs,
            competency,
            trusted_issuers,
            xapi_mapping,
            tokens,
            planning,
        } => {
            let file = connection.file()?;
            let defaults = StreamSettings::default();
            let config = ServeConfig {
                nats_url: connection.nats_url(&file),
                data_dir: connection.data_dir(&file),
                http_addr: match http.or(file.http) {
                    Some(addr) => addr,
                    None => DEFAULT_HTTP.parse().context("default HTTP address")?,
                },
                time_zone: time_zone
                    .or(file.time_zone.clone())
                    .unwrap_or_else(|| "UTC".to_owned()),
                stream: StreamSettings {
                    replicas: replicas.or(file.replicas).unwrap_or(defaults.replicas),
                    duplicate_window: duplicate_window_secs
                        .or(file.duplicate_window_secs)
                        .map_or(defaults.duplicate_window, seconds),
                },
                batch_max: 1000,
                framework: Some(competency.load(&file)?),
                lms: LmsSettings::new(
                    crate::config::xapi_mapping(
                        xapi_mapping.or(file.xapi_mapping.clone()).as_deref(),
                    )?,
                    if trusted_issuers.is_empty() {
                        file.trusted_issuers.clone().unwrap_or_default()
                    } else {
                        trusted_issuers
                    },
                ),
                tokens: match tokens.or(file.tokens.clone()) {
                    Some(path) => Some(ladder_service::auth::Tokens::load(&path)?),
                    None => None,
                },
                planning: crate::config::planning(planning.or(file.planning.clone()).as_deref())?,
            };
            info!(nats = %config.nats_url, data = %config.data_dir.display(), http = %config.http_addr, "starting ladder");
            let shutdown = CancellationToken::new();
            tokio::spawn(stop_on_signal(shutdown.clone()));
            serve(config, shutdown)
                .await
                .context("ladder serve failed")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Send {
            command,
            body,
            http,
            connection,
            credentials,
        } => {
            let file = connection.file()?;
            let body = read_body(&body)?;
            let remote = Remote::connect(http.as_deref(), &connection.nats_url(&file))
                .await?
                .with_token(credentials.token);
            let answer = remote.command(&command, body).await?;
            output::json(&answer.body);
            Ok(if answer.status == 200 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Load {
            files,
            http,
            connection,
            credentials,
        } => {
            // Checked before connecting, so that a malformed file is reported whole
            // whether or not a server is up, and nothing of it is half-loaded.
            let Some(lines) = crate::load::check(&files)? else {
                return Ok(ExitCode::from(2));
            };
            let file = connection.file()?;
            let remote = Remote::connect(http.as_deref(), &connection.nats_url(&file))
                .await?
                .with_token(credentials.token);
            crate::load::send(&remote, lines).await
        }
        Command::Query {
            query,
            id,
            min_seq,
            http,
            data,
            nats,
            params: extra,
            competency,
            time_zone,
            planning,
            view,
            credentials,
        } => {
            // As the HTTP front does, a parameter given twice is an error, not "the last
            // one wins": `--param` repeating another `--param`, the id or `--min-seq`.
            let mut params = serde_json::Map::new();
            let given = id
                .map(|id| ("id".to_owned(), id, "the id argument"))
                .into_iter()
                .chain(min_seq.map(|seq| ("min_seq".to_owned(), seq.to_string(), "--min-seq")))
                .chain(extra.into_iter().map(|(k, v)| (k, v, "--param")));
            for (key, value, from) in given {
                if params.contains_key(&key) {
                    bail!("parameter `{key}` is given more than once (again by {from})");
                }
                params.insert(key, value.into());
            }
            let (status, body) = match data {
                Some(dir) => {
                    let framework = competency.load(&crate::config::FileConfig::default())?;
                    let zone = time_zone.as_deref().unwrap_or("UTC");
                    let time_zone = jiff::tz::TimeZone::get(zone)
                        .with_context(|| format!("unknown time zone `{zone}`"))?;
                    if view != crate::config::View::Admin && planning.is_none() {
                        warn!(
                            "no --planning file: learning from the LMS activities of \
                             sensitive ERGs (its erg_activities) is not recognised, so this \
                             answer may show more than that role saw; pass the node's \
                             planning file"
                        );
                    }
                    let context = QueryContext::new(std::sync::Arc::new(framework), time_zone)
                        .with_planning(crate::config::planning(planning.as_deref())?)
                        .seen_by(view.audience());
                    local_query(&dir, &context, &query, &params)?
                }
                None => {
                    let nats = nats.unwrap_or_else(|| crate::config::DEFAULT_NATS.to_owned());
                    let remote = Remote::connect(http.as_deref(), &nats)
                        .await?
                        .with_token(credentials.token);
                    let answer = remote.query(&query, &params.into()).await?;
                    (answer.status, answer.body)
                }
            };
            output::json(&body);
            Ok(if status == 200 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Gen {
            employees,
            years,
            seed,
            start,
            out,
            force,
        } => {
            let settings = ladder_scenario::Settings {
                employees,
                years,
                seed,
                start,
            };
            crate::generate::run(&settings, &out, force)
        }
        // Boxed: the audit futures hold a whole stream walk's state.
        Command::Audit { command } => Box::pin(crate::audit::run(command)).await,
        Command::Framework { command } => crate::framework::run(command),
        Command::Token { command } => crate::token::run(&command),
        Command::Rebuild {
            http,
            connection,
            credentials,
        } => {
            let file = connection.file()?;
            if let Some(base) = http {
                let remote = Remote::connect(Some(&base), "").await?;
                let answer = remote.with_token(credentials.token).rebuild().await?;
                output::json(&answer.body);
                return Ok(if answer.status == 200 {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                });
            }
            rebuild_offline(&connection.nats_url(&file), &connection.data_dir(&file)).await
        }
    }
}

async fn stop_on_signal(shutdown: CancellationToken) {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = ctrl_c.await;
                    shutdown.cancel();
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
    info!("shutting down");
    shutdown.cancel();
}

fn read_body(arg: &str) -> Result<Vec<u8>> {
    match arg.strip_prefix('@') {
        Some("-") => {
            let mut body = Vec::new();
            std::io::stdin()
                .read_to_end(&mut body)
                .context("cannot read standard input")?;
            Ok(body)
        }
        Some(path) => std::fs::read(path).with_context(|| format!("cannot read {path}")),
        None => Ok(arg.as_bytes().to_vec()),
    }
}

fn local_query(
    dir: &Path,
    context: &QueryContext,
    name: &str,
    params: &serde_json::Map<String, serde_json::Value>,
) -> Result<(u16, Vec<u8>)> {
    let models = ReadModels::open_read_only(&dir.join(MODELS_FILE))
        .with_context(|| format!("cannot open the read models in {}", dir.display()))?;
    let params: QueryParams = params
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.as_str().map_or_else(|| v.to_string(), str::to_owned),
            )
        })
        .collect();
    let result = reached(&models, &params).and_then(|()| {
        name.parse::<QueryName>()
            .and_then(|q| query::run(&models, context, q, &params))
    });
    Ok(match result {
        Ok(body) => (200, body),
        Err(err) => (err.http_status(), err.to_json()),
    })
}

/// A directory is not fed while it is read: `min_seq` beyond what it holds can never be
/// reached, so it is refused at once rather than ignored.
fn reached(models: &ReadModels, params: &QueryParams) -> Result<(), QueryError> {
    let Some(wanted) = params.get("min_seq") else {
        return Ok(());
    };
    let wanted: u64 = wanted.parse().map_err(|_| QueryError::Invalid {
        field: "min_seq".to_owned(),
        message: format!("parameter `min_seq`: `{wanted}` is not a stream sequence"),
    })?;
    let applied = models
        .applied_seq()
        .map_err(|err| QueryError::Unavailable {
            message: ladder_service::error_chain(&err),
        })?;
    if applied < wanted {
        return Err(QueryError::Unavailable {
            message: format!(
                "these read models end at stream sequence {applied}; they will never reach \
                 {wanted}"
            ),
        });
    }
    Ok(())
}

async fn rebuild_offline(nats_url: &str, data_dir: &Path) -> Result<ExitCode> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create {}", data_dir.display()))?;
    let live_path = data_dir.join(MODELS_FILE);
    // Holding the live file for writing proves no server is using it meanwhile.
    let live = match ReadModels::open(&live_path) {
        Ok(models) => models,
        Err(ProjectionError::Locked { .. }) => bail!(
            "a running `ladder serve` holds {}; ask it to rebuild with `ladder rebuild --http <its address>`",
            live_path.display()
        ),
        Err(err) => return Err(err).context("cannot open the read models"),
    };
    let log = EventLog::connect(&EventLogConfig::new(nats_url)).await?;
    let until = log.last_sequence().await?;
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(until)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(crate::output::progress_style("events"));
    let staging = staging_path(data_dir);
    let fresh = build_fresh(&log, &staging, until, &mut |seq| bar.set_position(seq)).await?;
    bar.finish_and_clear();
    let previous = hex(&live.digest()?);
    let digest = hex(&fresh.digest()?);
    drop(live);
    drop(fresh);
    std::fs::rename(&staging, &live_path)
        .with_context(|| format!("cannot replace {}", live_path.display()))?;
    output::json(
        serde_json::json!({
            "status": "rebuilt",
            "applied_seq": until,
            "previous_digest": previous,
            "digest": digest,
            "matches_previous": previous == digest,
        })
        .to_string()
        .as_bytes(),
    );
    Ok(ExitCode::SUCCESS)
}

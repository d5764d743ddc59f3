//! The planning queries timed one request at a time over one keep-alive HTTP
//! connection, interleaved with an empty round trip (`GET /healthz`) so that load from
//! elsewhere on the machine falls on all of them alike.
//!
//! The first slate request assesses every employee for its `as_of` and fills the node's
//! level cache; the first talent request (same `as_of`) finds it filled. Both are timed
//! apart from the samples, which are taken once the cache is warm.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use bytes::Bytes;
use jiff::civil::Date;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use reqwest::Url;
use uuid::Uuid;

use crate::progress;

/// How long one request may take; the cold slate assesses the whole workforce.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(600);
/// Candidates per slate, as a planner's screen would show.
pub(crate) const SLATE_LIMIT: u32 = 20;

/// The queries, in the order each round asks them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Query {
    Healthz,
    Slate,
    Talent,
    Evidence,
}

impl Query {
    pub(crate) const ALL: [Query; 4] =
        [Query::Healthz, Query::Slate, Query::Talent, Query::Evidence];

    fn index(self) -> usize {
        self as usize
    }
}

/// Why a request is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Opens the connection; not timed.
    WarmUp,
    /// The first of its query, timed apart.
    First,
    /// One of the samples.
    Sample,
}

/// What the queries are asked about.
#[derive(Debug)]
pub(crate) struct Targets {
    pub(crate) positions: Vec<Uuid>,
    pub(crate) competencies: Vec<String>,
    pub(crate) employees: Vec<Uuid>,
    pub(crate) as_of: Date,
    /// Seeds the choice of employees.
    pub(crate) seed: u64,
}

/// A request that was timed apart, with its answer.
#[derive(Debug)]
pub(crate) struct First {
    pub(crate) elapsed: Duration,
    pub(crate) body: Bytes,
}

/// Everything measured.
#[derive(Debug)]
pub(crate) struct Timed {
    /// Per query in [`Query::ALL`] order (healthz, slate, talent, evidence), the sample
    /// latencies.
    pub(crate) samples: [Vec<Duration>; 4],
    /// Per query, the bytes of all sampled answers.
    pub(crate) bytes: [u64; 4],
    pub(crate) first_slate: First,
    pub(crate) first_talent: First,
}

/// The whole sequence of requests: a warm-up, the first slate and talent requests,
/// then `requests` rounds of every query in [`Query::ALL`] order.
fn plan(base: &str, targets: &Targets, requests: usize) -> Result<Vec<(Query, Role, Url)>> {
    if targets.positions.is_empty() || targets.competencies.is_empty() {
        bail!("the scenario defines no positions or the framework no competencies");
    }
    if targets.employees.is_empty() {
        bail!("the scenario onboards no employees");
    }
    let as_of = targets.as_of.to_string();
    let mut rng = ChaCha8Rng::seed_from_u64(targets.seed);
    let (mut slates, mut pools) = (0usize, 0usize);
    let mut url = |query: Query| -> Result<Url> {
        let url = match query {
            Query::Healthz => Url::parse(&format!("{base}/healthz")),
            Query::Slate => {
                let position = targets.positions[slates % targets.positions.len()];
                slates += 1;
                Url::parse_with_params(
                    &format!("{base}/v1/positions/{position}/candidates"),
                    &[
                        ("as_of", as_of.as_str()),
                        ("limit", &SLATE_LIMIT.to_string()),
                    ],
                )
            }
            Query::Talent => {
                let competency = &targets.competencies[pools % targets.competencies.len()];
                pools += 1;
                Url::parse_with_params(
                    &format!("{base}/v1/talent"),
                    &[
                        ("competency", competency.as_str()),
                        ("min_level", "1"),
                        ("as_of", as_of.as_str()),
                    ],
                )
            }
            Query::Evidence => {
                let employee = targets.employees[rng.random_range(0..targets.employees.len())];
                Url::parse(&format!("{base}/v1/employees/{employee}/evidence"))
            }
        };
        url.with_context(|| format!("cannot build a {query:?} URL on {base}"))
    };
    let mut planned = vec![
        (Query::Healthz, Role::WarmUp, url(Query::Healthz)?),
        (Query::Slate, Role::First, url(Query::Slate)?),
        (Query::Talent, Role::First, url(Query::Talent)?),
    ];
    for _ in 0..requests {
        for query in Query::ALL {
            planned.push((query, Role::Sample, url(query)?));
        }
    }
    Ok(planned)
}

/// Makes every planned request against the node at `base`, one at a time.
pub(crate) async fn measure(base: &str, targets: &Targets, requests: usize) -> Result<Timed> {
    let planned = plan(base, targets, requests)?;
    // One connection, kept alive: HTTP/1.1 without a proxy, as a planner's client would.
    let client = reqwest::Client::builder()
        .timeout(REQUEST_TIMEOUT)
        .no_proxy()
        .pool_max_idle_per_host(1)
        .build()
        .context("cannot build an HTTP client")?;
    let bar = progress::bar("queries", planned.len() as u64);
    let mut samples: [Vec<Duration>; 4] = Default::default();
    let mut bytes = [0u64; 4];
    let mut firsts = Vec::new();
    for (query, role, url) in planned {
        let started = Instant::now();
        let body = get(&client, url).await?;
        let elapsed = started.elapsed();
        match role {
            Role::WarmUp => {}
            Role::First => firsts.push(First { elapsed, body }),
            Role::Sample => {
                samples[query.index()].push(elapsed);
                bytes[query.index()] += body.len() as u64;
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    let mut firsts = firsts.into_iter();
    let (Some(first_slate), Some(first_talent)) = (firsts.next(), firsts.next()) else {
        bail!("the first slate and talent requests were not made");
    };
    Ok(Timed {
        samples,
        bytes,
        first_slate,
        first_talent,
    })
}

/// `GET url`, its answer read in full; fails unless the status is a success.
pub(crate) async fn get(client: &reqwest::Client, url: Url) -> Result<Bytes> {
    let response = client
        .get(url.clone())
        .send()
        .await
        .with_context(|| format!("GET {url} failed"))?;
    let status = response.status();
    let body = response
        .bytes()
        .await
        .with_context(|| format!("GET {url}: cannot read the answer"))?;
    if !status.is_success() {
        bail!(
            "GET {url} answered {status}: {}",
            String::from_utf8_lossy(&body)
        );
    }
    Ok(body)
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "test code: a failed expectation is a failed test"
)]
mod tests {
    use super::*;

    fn targets() -> Targets {
        Targets {
            positions: vec![Uuid::from_u128(1), Uuid::from_u128(2)],
            competencies: vec!["event-planning".to_owned(), "a b&c".to_owned()],
            employees: (10..20).map(Uuid::from_u128).collect(),
            as_of: jiff::civil::date(2027, 12, 31),
            seed: 7,
        }
    }

    #[test]
    fn rounds_interleave_every_query_after_the_first_requests() {
        let planned = plan("http://127.0.0.1:1", &targets(), 3).unwrap();

        let roles: Vec<(Query, Role)> = planned.iter().map(|(q, r, _)| (*q, *r)).collect();
        assert_eq!(
            roles[..3],
            [
                (Query::Healthz, Role::WarmUp),
                (Query::Slate, Role::First),
                (Query::Talent, Role::First),
            ]
        );
        let rounds: Vec<Query> = roles[3..].iter().map(|(q, _)| *q).collect();
        assert_eq!(rounds, Query::ALL.repeat(3));
        assert!(roles[3..].iter().all(|(_, r)| *r == Role::Sample));
    }

    #[test]
    fn urls_cycle_through_positions_and_competencies_and_encode_them() {
        let planned = plan("http://127.0.0.1:1", &targets(), 2).unwrap();
        let urls = |query: Query| -> Vec<String> {
            planned
                .iter()
                .filter(|(q, _, _)| *q == query)
                .map(|(_, _, u)| u.to_string())
                .collect()
        };

        assert_eq!(
            urls(Query::Slate),
            [
                "http://127.0.0.1:1/v1/positions/00000000-0000-0000-0000-000000000001/candidates?as_of=2027-12-31&limit=20",
                "http://127.0.0.1:1/v1/positions/00000000-0000-0000-0000-000000000002/candidates?as_of=2027-12-31&limit=20",
                "http://127.0.0.1:1/v1/positions/00000000-0000-0000-0000-000000000001/candidates?as_of=2027-12-31&limit=20",
            ]
        );
        assert_eq!(
            urls(Query::Talent)[1],
            "http://127.0.0.1:1/v1/talent?competency=a+b%26c&min_level=1&as_of=2027-12-31"
        );
        assert_eq!(urls(Query::Healthz).len(), 3);
    }

    #[test]
    fn the_employees_asked_about_follow_the_seed() {
        let evidence = |seed: u64| -> Vec<String> {
            let targets = Targets { seed, ..targets() };
            plan("http://127.0.0.1:1", &targets, 20)
                .unwrap()
                .into_iter()
                .filter(|(q, _, _)| *q == Query::Evidence)
                .map(|(_, _, u)| u.to_string())
                .collect()
        };

        assert_eq!(evidence(7), evidence(7));
        assert_ne!(evidence(7), evidence(8));
        assert!(evidence(7).iter().all(|u| u.ends_with("/evidence")));
    }
}

//! Asking a node for competency levels and explanations once it applied everything
//! stored so far, and reading the answers.

use std::collections::BTreeMap;

use serde_json::Value;
use uuid::Uuid;

use crate::http::Http;

/// The competencies of the default ERG leadership framework, in file order, which is the
/// order of every answer.
pub const COMPETENCIES: [&str; 7] = [
    "community-leadership",
    "budget-management",
    "public-speaking",
    "strategic-planning",
    "stakeholder-influence",
    "developing-others",
    "delivery",
];

/// `GET /v1/employees/{employee}/competencies?as_of=…`, reading everything stored so far;
/// panics unless the answer is 200.
pub async fn levels(http: &Http, employee: Uuid, as_of: &str) -> Value {
    let seq = http.stream_last_seq().await;
    let reply = http
        .get(&format!(
            "/v1/employees/{employee}/competencies?as_of={as_of}&min_seq={seq}"
        ))
        .await;
    assert_eq!(reply.status, 200, "{reply:?}");
    reply.body
}

/// `GET /v1/employees/{employee}/competencies/{competency}/explain?as_of=…`, reading
/// everything stored so far; panics unless the answer is 200.
pub async fn explain(http: &Http, employee: Uuid, competency: &str, as_of: &str) -> Value {
    let seq = http.stream_last_seq().await;
    let reply = http
        .get(&format!(
            "/v1/employees/{employee}/competencies/{competency}/explain?as_of={as_of}&min_seq={seq}"
        ))
        .await;
    assert_eq!(reply.status, 200, "{reply:?}");
    reply.body
}

/// Competency id → level, from a levels answer.
pub fn level_map(answer: &Value) -> BTreeMap<String, u64> {
    answer["competencies"]
        .as_array()
        .expect("a levels answer lists competencies")
        .iter()
        .map(|c| {
            (
                c["id"].as_str().expect("a competency id").to_owned(),
                c["level"].as_u64().expect("a level"),
            )
        })
        .collect()
}

/// The [`level_map`] with `levels` given in [`COMPETENCIES`] order.
pub fn expected_levels(levels: [u64; 7]) -> BTreeMap<String, u64> {
    COMPETENCIES
        .iter()
        .map(|c| (*c).to_owned())
        .zip(levels)
        .collect()
}

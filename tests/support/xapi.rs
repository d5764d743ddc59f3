//! xAPI statements as an LMS sends them, to `POST /v1/xapi/statements` and the NATS
//! subject `ladder.xapi.statements`, and the shared Moodle and ADL fixture files.

use std::path::PathBuf;
use std::time::Duration;

use ladder_service::xapi::LmsSettings;
use ladder_service::{STATUS_HEADER, XAPI_SUBJECT};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::http::Http;
use crate::nats::NatsFront;
use crate::node::NodeOptions;
use crate::reply::Reply;

/// As for commands: generous, since a void may wait up to 5 s for the read models.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The home page of the accounts in the Moodle fixtures.
pub const MOODLE_HOME_PAGE: &str = "http://www.example.org";

/// ADL's verb for a completion.
pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
/// TLA's verb for an award, which Moodle sends for badges.
pub const ACHIEVED: &str = "https://w3id.org/xapi/tla/verbs/achieved";
/// ADL's verb for attendance.
pub const ATTENDED: &str = "http://adlnet.gov/expapi/verbs/attended";
/// ADL's voiding verb.
pub const VOIDED: &str = "http://adlnet.gov/expapi/verbs/voided";
/// ADL's activity type of a module.
pub const MODULE_TYPE: &str = "http://adlnet.gov/expapi/activities/module";
/// The registry's activity type of a certificate.
pub const CERTIFICATE_TYPE: &str = "http://id.tincanapi.com/activitytype/certificate";

/// The bytes of `/work/shared/fixtures/xapi/<name>`, exactly as stored.
pub fn xapi_fixture(name: &str) -> Vec<u8> {
    let path = fixtures_dir().join("xapi").join(name);
    std::fs::read(&path).unwrap_or_else(|err| panic!("read fixture {}: {err}", path.display()))
}

/// The shared fixtures folder: `../shared/fixtures` beside the repository.
fn fixtures_dir() -> PathBuf {
    ladder_testkit::workspace_root().join("../shared/fixtures")
}

/// Node options whose LMS settings trust `issuers` (home pages), with the built-in mapping.
pub fn trusting(issuers: &[&str]) -> NodeOptions {
    let mapping = LmsSettings::default().mapping;
    NodeOptions {
        lms: LmsSettings::new(mapping, issuers.iter().map(|&i| i.to_owned())),
        ..NodeOptions::default()
    }
}

/// A valid statement: the learner with `account` on `home_page` did `verb` to the activity
/// `activity_id` of `activity_type` at `timestamp`. No `id`: set one with
/// `statement["id"] = json!(id)` where the test needs it.
pub fn statement(
    home_page: &str,
    account: &str,
    verb: &str,
    activity: (&str, &str),
    timestamp: &str,
) -> Value {
    let (activity_id, activity_type) = activity;
    json!({
        "actor": {"objectType": "Agent", "account": {"homePage": home_page, "name": account}},
        "verb": {"id": verb, "display": {"en": "did"}},
        "object": {
            "objectType": "Activity",
            "id": activity_id,
            "definition": {"type": activity_type},
        },
        "timestamp": timestamp,
    })
}

/// The same statement with `id`.
pub fn with_id(mut statement: Value, id: Uuid) -> Value {
    statement["id"] = json!(id);
    statement
}

/// A statement with id `id` voiding statement `target`, sent by the learner's LMS.
pub fn void(id: Uuid, home_page: &str, account: &str, target: Uuid) -> Value {
    json!({
        "id": id,
        "actor": {"objectType": "Agent", "account": {"homePage": home_page, "name": account}},
        "verb": {"id": VOIDED, "display": {"en": "voided"}},
        "object": {"objectType": "StatementRef", "id": target},
        "timestamp": "2026-07-01T12:00:00Z",
    })
}

/// A reply and the exact bytes it came in, for checks that must see everything sent.
#[derive(Clone, Debug)]
pub struct RawReply {
    /// Status and parsed body.
    pub reply: Reply,
    /// The body as received.
    pub raw: Vec<u8>,
}

impl RawReply {
    /// The `results` array of an xAPI reply; panics if there is none.
    pub fn results(&self) -> &[Value] {
        self.reply.body["results"]
            .as_array()
            .unwrap_or_else(|| panic!("an xAPI reply without results: {:?}", self.reply))
    }

    /// The statuses of the results, in order.
    pub fn statuses(&self) -> Vec<&str> {
        self.results()
            .iter()
            .map(|r| r["status"].as_str().expect("a result has a status"))
            .collect()
    }

    /// The statement ids of the results, in order; panics on a result without one.
    pub fn ids(&self) -> Vec<Uuid> {
        self.results()
            .iter()
            .map(|r| {
                serde_json::from_value(r["id"].clone())
                    .unwrap_or_else(|err| panic!("result without a statement id ({err}): {r}"))
            })
            .collect()
    }
}

/// `POST /v1/xapi/statements` with `body` as is.
pub async fn post_statements(http: &Http, body: impl Into<Vec<u8>>) -> RawReply {
    let client = reqwest::Client::builder()
        .timeout(REQUEST_TIMEOUT)
        .build()
        .expect("build an HTTP client");
    let url = format!("{}/v1/xapi/statements", http.base());
    let response = client
        .post(&url)
        .header("content-type", "application/json")
        .body(body.into())
        .send()
        .await
        .unwrap_or_else(|err| panic!("POST {url}: {err}"));
    let status = response.status().as_u16();
    let raw = response
        .bytes()
        .await
        .unwrap_or_else(|err| panic!("read the reply of {url}: {err}"))
        .to_vec();
    RawReply {
        reply: Reply::from_bytes(status, &raw),
        raw,
    }
}

/// A request on `ladder.xapi.statements` with `body` as is; the status comes from the
/// `Ladder-Status` header.
pub async fn request_statements(front: &NatsFront, body: impl Into<Vec<u8>>) -> RawReply {
    let body: Vec<u8> = body.into();
    let message = tokio::time::timeout(
        REQUEST_TIMEOUT,
        front.client().request(XAPI_SUBJECT, body.into()),
    )
    .await
    .unwrap_or_else(|_| panic!("no reply on {XAPI_SUBJECT} within {REQUEST_TIMEOUT:?}"))
    .unwrap_or_else(|err| panic!("request on {XAPI_SUBJECT}: {err}"));
    let status = message
        .headers
        .as_ref()
        .and_then(|h| h.get(STATUS_HEADER))
        .unwrap_or_else(|| panic!("reply on {XAPI_SUBJECT} lacks the {STATUS_HEADER} header"))
        .as_str()
        .parse::<u16>()
        .unwrap_or_else(|err| panic!("{STATUS_HEADER} is not a status: {err}"));
    let raw = message.payload.to_vec();
    RawReply {
        reply: Reply::from_bytes(status, &raw),
        raw,
    }
}

/// The body of a JSON value.
pub fn body(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).expect("a JSON value serializes")
}

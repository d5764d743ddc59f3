//! The OpenAPI 3.1 document of the HTTP front, served at `GET /v1/openapi.json`.
//!
//! Schemas come from the types the fronts serialize (`ToSchema` derives on the
//! views, answers and command bodies); the paths are listed here, one per
//! command and per query of the catalogues, so that a new command or query
//! cannot be added without a compile error until it is described. Every error
//! reply shares one shape, [`ErrorReply`]. The `http_openapi` integration test
//! sends real requests to every path and validates each answer against the
//! schema this document declares for its path, method and status.

use std::sync::OnceLock;

use axum::response::Response;
use ladder_domain::CommandName;
use ladder_domain::command::{self as body, CommandMeta};
use serde::Serialize;
use utoipa::openapi::path::{
    HttpMethod, Operation, OperationBuilder, ParameterBuilder, ParameterIn, PathItem,
};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, OneOfBuilder, SchemaFormat, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{
    ContentBuilder, InfoBuilder, OpenApi as Document, PathsBuilder, Ref, RefOr, Required, Schema,
};
use utoipa::{OpenApi, PartialSchema, ToSchema};
use uuid::Uuid;

use crate::query::QueryName;

/// Every error reply of Ladder: commands, queries, xAPI, audit, admin, refusals
/// and unknown routes.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorReply {
    /// The kind of failure, e.g. `invalid`, `rejected`, `unauthorized`, `forbidden`,
    /// `not-found`, `unavailable`.
    pub status: String,
    /// A stable code to branch on: the rule's code for a rejection (e.g.
    /// `budget-self-approval`), else e.g. `invalid-command`, `invalid-parameter`,
    /// `missing-token`, `unknown-token`, `forbidden`, `not-found`, `unavailable`.
    pub code: String,
    /// What went wrong, for people.
    pub message: String,
    /// The field or parameter at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub field: Option<String>,
}

/// The status of an accepted command.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AcceptedStatus {
    /// Stored.
    Accepted,
}

/// The reply to an accepted command; the same for every retry with its id.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommandAccepted {
    /// Always `accepted`.
    pub status: AcceptedStatus,
    /// The command's id.
    pub command_id: Uuid,
    /// Stream sequence of the commit; pass it as `min_seq` to read your writes.
    pub stream_seq: u64,
    /// The events recorded, in order.
    pub event_ids: Vec<Uuid>,
}

/// `GET /healthz`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// Always `ok` while the process serves.
    pub status: String,
}

/// One event of the audit log (`ladder_audit::events::AuditEvent`). A message
/// that does not decode has only its sequence, subject and quarantine reason.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEvent {
    /// Stream sequence of the commit.
    pub seq: u64,
    /// The subject it was stored under.
    pub subject: String,
    /// When Ladder accepted the command.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub recorded_at: Option<String>,
    /// When it happened in the business.
    #[schema(value_type = Option<String>, format = Date)]
    pub effective_date: Option<String>,
    /// Who issued the command.
    pub actor: Option<Uuid>,
    /// The command's name.
    pub command: Option<String>,
    /// The command's id.
    pub command_id: Option<Uuid>,
    /// The business transaction it belongs to.
    pub correlation_id: Option<Uuid>,
    /// What caused it.
    pub causation_id: Option<Uuid>,
    /// The event's own id.
    pub event_id: Option<Uuid>,
    /// Its position in the commit.
    pub event_index: Option<u32>,
    /// Kebab-case event type.
    pub event_type: Option<String>,
    /// The payload's schema version.
    pub schema_version: Option<u16>,
    /// The payload's fields.
    pub payload: Option<serde_json::Value>,
    /// The evidence it created, changed or withdrew.
    pub evidence: Vec<AuditEvidenceNote>,
    /// Why the read models did not apply it; absent for a genuine commit.
    #[schema(nullable = false)]
    pub quarantined: Option<AuditFault>,
}

/// One piece of evidence an audited event touched.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEvidenceNote {
    /// Kebab-case evidence kind, e.g. `budget-managed`.
    pub kind: String,
    /// Whose evidence.
    pub employee_id: Uuid,
    /// `added`, `updated` or `withdrawn`.
    pub effect: String,
    /// Whether it counts as verified; absent when the event does not decide it.
    #[schema(nullable = false)]
    pub verified: Option<bool>,
}

/// Why a message is not a genuine commit.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditFault {
    /// `undecodable`, `foreign-subject`, `wrong-aggregate` or `broken-link`.
    pub reason_code: String,
    /// The full reason.
    pub reason: String,
    /// For a broken link: the hash of the aggregate's last genuine commit (hex).
    #[schema(nullable = false)]
    pub expected: Option<String>,
    /// For a broken link: the previous hash the message names (hex).
    #[schema(nullable = false)]
    pub found: Option<String>,
}

/// The component schemas, with every schema they refer to.
#[derive(OpenApi)]
#[openapi(components(schemas(
    ErrorReply,
    CommandAccepted,
    Health,
    AuditEvent,
    CommandMeta,
    body::RequirementBody,
    ladder_projection::views::ErgView,
    ladder_projection::views::BudgetView,
    ladder_projection::views::ProjectView,
    ladder_projection::views::EvidenceAnswer,
    ladder_projection::views::MentorshipView,
    crate::competency::LevelsAnswer,
    crate::competency::ExplainAnswer,
    crate::xapi::XapiReply,
    crate::rebuild::RebuildReport,
    crate::http::Readiness,
)))]
struct Components;

/// The document, built once.
pub fn spec() -> &'static Document {
    static SPEC: OnceLock<Document> = OnceLock::new();
    SPEC.get_or_init(build)
}

/// `GET /v1/openapi.json`.
pub(crate) async fn document() -> Response {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    let bytes = BYTES.get_or_init(|| crate::reply::json_bytes(spec()));
    crate::http::json(200, bytes.clone())
}

fn build() -> Document {
    let mut components = Components::openapi().components.unwrap_or_default();
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some(
                    "A token listed (as its SHA-256) in the node's token file; its role \
                     decides what it may call. A node without a token file admits everyone \
                     as admin and listens on loopback only.",
                ))
                .build(),
        ),
    );
    let mut paths = PathsBuilder::new();
    for (path, item) in routes(&mut components.schemas) {
        paths = paths.path(path, item);
    }
    let mut document = Document::new(
        InfoBuilder::new()
            .title("Ladder")
            .version(env!("CARGO_PKG_VERSION"))
            .description(Some(
                "Turns ERG leadership work into verified, explainable leadership \
                 competencies. Commands and queries are the same over NATS \
                 (`ladder.cmd.<name>`, `ladder.query.<name>`, with the status in the \
                 `Ladder-Status` reply header and the token in an `Authorization` header).",
            ))
            .build(),
        paths,
    );
    document.components = Some(components);
    document.security = Some(vec![SecurityRequirement::new("bearer", Vec::<String>::new())]);
    document
}

type Schemas = std::collections::BTreeMap<String, RefOr<Schema>>;

fn schema_ref(name: &str) -> RefOr<Schema> {
    RefOr::Ref(Ref::from_schema_name(name))
}

fn named<T: ToSchema>() -> RefOr<Schema> {
    schema_ref(&T::name())
}

fn string(format: Option<KnownFormat>) -> RefOr<Schema> {
    let builder = ObjectBuilder::new().schema_type(Type::String);
    builder.format(format.map(SchemaFormat::KnownFormat)).into()
}

fn integer() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(0))
        .into()
}

/// What an operation answers, by status.
struct Answers(Vec<(u16, &'static str, RefOr<Schema>)>);

impl Answers {
    fn ok(schema: RefOr<Schema>) -> Answers {
        Answers(vec![(200, "the answer", schema)])
    }

    fn with(mut self, status: u16, description: &'static str, schema: RefOr<Schema>) -> Answers {
        self.0.push((status, description, schema));
        self
    }

    fn errors(mut self, statuses: &[(u16, &'static str)]) -> Answers {
        for (status, description) in statuses {
            self.0.push((*status, description, named::<ErrorReply>()));
        }
        self
    }

    /// 401 and 403: every guarded route.
    fn guarded(self) -> Answers {
        self.errors(&[
            (401, "no token, or one the node does not know (`missing-token`, `unknown-token`)"),
            (403, "the caller's role may not call this (`forbidden`)"),
        ])
    }

    /// The failures every query shares.
    fn query_errors(self) -> Answers {
        self.guarded().errors(&[
            (400, "a parameter is missing or malformed (`invalid-parameter`)"),
            (404, "the thing asked about is not known (`not-found`)"),
            (503, "the read models are unavailable or did not reach `min_seq` in 5 s"),
        ])
    }
}

/// One operation, with its answers.
fn operation(
    id: &str,
    tag: &str,
    summary: &str,
    parameters: Vec<utoipa::openapi::path::Parameter>,
    answers: Answers,
) -> OperationBuilder {
    let mut builder = OperationBuilder::new()
        .operation_id(Some(id))
        .tag(tag)
        .summary(Some(summary))
        .parameters(Some(parameters));
    for (status, description, schema) in answers.0 {
        let mut response = ResponseBuilder::new()
            .description(description)
            .content("application/json", ContentBuilder::new().schema(Some(schema)).build());
        if status == 401 {
            response = response.header(
                "WWW-Authenticate",
                utoipa::openapi::header::HeaderBuilder::new()
                    .schema(Some(string(None)))
                    .description(Some("`Bearer realm=\"ladder\"`"))
                    .build(),
            );
        }
        builder = builder.response(status.to_string(), response.build());
    }
    builder
}

fn open(builder: OperationBuilder) -> Operation {
    // An empty list overrides the document's bearer requirement: no token needed.
    builder.securities(Some(Vec::<SecurityRequirement>::new())).build()
}

fn param(
    name: &str,
    place: ParameterIn,
    required: bool,
    description: &str,
    schema: RefOr<Schema>,
) -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(place)
        .required(if required { Required::True } else { Required::False })
        .description(Some(description))
        .schema(Some(schema))
        .build()
}

fn min_seq() -> utoipa::openapi::path::Parameter {
    param(
        "min_seq",
        ParameterIn::Query,
        false,
        "wait (up to 5 s) until the read models applied this stream sequence",
        integer(),
    )
}

fn as_of() -> utoipa::openapi::path::Parameter {
    param(
        "as_of",
        ParameterIn::Query,
        false,
        "the day the answer holds for, YYYY-MM-DD; today in the organisation's time zone",
        string(Some(KnownFormat::Date)),
    )
}

fn id_param(place: ParameterIn, description: &str) -> utoipa::openapi::path::Parameter {
    param("id", place, true, description, string(Some(KnownFormat::Uuid)))
}

/// A query's answer schema and its parameters besides `id` and `min_seq`.
fn query_shape(query: QueryName) -> (RefOr<Schema>, Vec<utoipa::openapi::path::Parameter>) {
    use ladder_projection::views;
    match query {
        QueryName::Erg => (named::<views::ErgView>(), vec![]),
        QueryName::Budget => (named::<views::BudgetView>(), vec![]),
        QueryName::Project => (named::<views::ProjectView>(), vec![]),
        QueryName::Evidence => (named::<views::EvidenceAnswer>(), vec![]),
        QueryName::Mentorship => (named::<views::MentorshipView>(), vec![]),
        QueryName::Competencies => (named::<crate::competency::LevelsAnswer>(), vec![as_of()]),
        QueryName::Explain => (
            named::<crate::competency::ExplainAnswer>(),
            vec![
                param(
                    "competency",
                    ParameterIn::Query,
                    true,
                    "the competency id",
                    string(None),
                ),
                as_of(),
            ],
        ),
    }
}

/// The request schema of a command: its own fields and the shared ones, in one
/// object. `None` for commands only Ladder issues.
fn command_schema(command: CommandName) -> Option<RefOr<Schema>> {
    use CommandName as C;
    let own = match command {
        C::RegisterErg => body::RegisterErg::schema(),
        C::AssignErgRole => body::AssignErgRole::schema(),
        C::EndErgRole => body::EndErgRole::schema(),
        C::RequestBudget => body::RequestBudget::schema(),
        C::ApproveBudget => body::ApproveBudget::schema(),
        C::RejectBudget => body::RejectBudget::schema(),
        C::CloseBudget => body::CloseBudget::schema(),
        C::StartProject => body::StartProject::schema(),
        C::CompleteProject => body::CompleteProject::schema(),
        C::LinkLmsAccount => body::LinkLmsAccount::schema(),
        C::StartMentorship => body::StartMentorship::schema(),
        C::RecordMentorshipMilestone => body::RecordMentorshipMilestone::schema(),
        C::CompleteMentorship => body::CompleteMentorship::schema(),
        C::DefinePosition => body::DefinePosition::schema(),
        C::NominateSuccessor => body::NominateSuccessor::schema(),
        C::WithdrawNomination => body::WithdrawNomination::schema(),
        C::FillPosition => body::FillPosition::schema(),
        C::OnboardEmployee => body::OnboardEmployee::schema(),
        C::RecordDeparture => body::RecordDeparture::schema(),
        C::GrantVisibilityConsent | C::WithdrawVisibilityConsent => {
            body::VisibilityConsent::schema()
        }
        C::RecordLearning | C::RevokeLearning => return None,
    };
    let (RefOr::T(Schema::Object(mut own)), RefOr::T(Schema::Object(shared))) =
        (own, CommandMeta::schema())
    else {
        return None;
    };
    own.properties.extend(shared.properties);
    own.required.extend(shared.required);
    Some(RefOr::T(Schema::Object(own)))
}

/// `register-erg` → `RegisterErgCommand`.
fn command_schema_name(command: CommandName) -> String {
    let mut name: String = command
        .as_str()
        .split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect();
    name.push_str("Command");
    name
}

fn get(operation: impl Into<Operation>) -> PathItem {
    PathItem::new(HttpMethod::Get, operation)
}

fn post(operation: impl Into<Operation>) -> PathItem {
    PathItem::new(HttpMethod::Post, operation)
}

/// Every path of the HTTP front.
fn routes(schemas: &mut Schemas) -> Vec<(String, PathItem)> {
    let mut routes = Vec::new();
    let health = operation(
        "healthz",
        "health",
        "Liveness: the process serves",
        vec![],
        Answers::ok(named::<Health>()),
    );
    routes.push(("/healthz".to_owned(), get(open(health))));
    let ready = operation(
        "readyz",
        "health",
        "Readiness: the read models caught up with the stream",
        vec![],
        Answers::ok(named::<crate::http::Readiness>()).with(
            503,
            "not caught up yet, or NATS unreachable",
            named::<crate::http::Readiness>(),
        ),
    );
    routes.push(("/readyz".to_owned(), get(open(ready))));
    let openapi = operation(
        "openapi",
        "health",
        "This document",
        vec![],
        Answers::ok(ObjectBuilder::new().schema_type(Type::Object).into()),
    );
    routes.push(("/v1/openapi.json".to_owned(), get(open(openapi))));
    commands(schemas, &mut routes);
    queries(&mut routes);
    let statements = operation(
        "xapi-statements",
        "xapi",
        "Send one xAPI statement or an array of them (publisher)",
        vec![],
        Answers(vec![
            (200, "every statement accepted, ignored or a duplicate", named::<crate::xapi::XapiReply>()),
            (207, "some statements rejected; see each result", named::<crate::xapi::XapiReply>()),
            (
                400,
                "the body is not statements (`invalid-body`), or every statement was rejected",
                OneOfBuilder::new()
                    .item(named::<ErrorReply>())
                    .item(named::<crate::xapi::XapiReply>())
                    .into(),
            ),
        ])
        .guarded(),
    )
    .request_body(Some(
        RequestBodyBuilder::new()
            .required(Some(Required::True))
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(ObjectBuilder::new().schema_type(Type::Object)))
                    .description(Some("an xAPI 1.0.3 or 2.0 statement, or an array of them"))
                    .build(),
            )
            .build(),
    ));
    routes.push(("/v1/xapi/statements".to_owned(), post(statements)));
    let audit = operation(
        "audit-events",
        "audit",
        "The audit log, decoded from the stream (auditor)",
        vec![
            param("employee", ParameterIn::Query, false, "events concerning this employee", string(Some(KnownFormat::Uuid))),
            param("erg", ParameterIn::Query, false, "events concerning this ERG", string(Some(KnownFormat::Uuid))),
            param("from", ParameterIn::Query, false, "effective on or after, YYYY-MM-DD", string(Some(KnownFormat::Date))),
            param("to", ParameterIn::Query, false, "effective on or before, YYYY-MM-DD", string(Some(KnownFormat::Date))),
            param("format", ParameterIn::Query, false, "`json` (an array, the default) or `jsonl` (application/x-ndjson, one event per line)", string(None)),
        ],
        Answers::ok(
            utoipa::openapi::schema::ArrayBuilder::new()
                .items(named::<AuditEvent>())
                .into(),
        )
        .guarded()
        .errors(&[
            (400, "a filter is malformed (`invalid-parameter`)"),
            (500, "the stream could not be read (`internal-error`)"),
            (503, "NATS is unreachable (`unavailable`)"),
        ]),
    );
    routes.push(("/v1/audit/events".to_owned(), get(audit)));
    let rebuild = operation(
        "admin-rebuild",
        "admin",
        "Rebuild every read model from the stream and swap it in (admin)",
        vec![],
        Answers::ok(named::<crate::rebuild::RebuildReport>())
            .guarded()
            .errors(&[(500, "the rebuild failed (`rebuild-failed`)")]),
    );
    routes.push(("/v1/admin/rebuild".to_owned(), post(rebuild)));
    routes
}

fn commands(schemas: &mut Schemas, routes: &mut Vec<(String, PathItem)>) {
    let failures: [(u16, &'static str); 5] = [
        (400, "malformed; `field` names the field at fault (`invalid-command`)"),
        (409, "other writers kept changing the aggregate; retry with the same command_id"),
        (422, "against a rule; `code` names it"),
        (500, "a fault in Ladder; nothing is known to be stored"),
        (503, "the event log is unreachable; nothing was stored; retry with the same command_id"),
    ];
    for command in CommandName::ALL {
        let Some(schema) = command_schema(command) else {
            continue;
        };
        let schema_name = command_schema_name(command);
        schemas.insert(schema_name.clone(), schema);
        let who = if crate::auth::is_position_command(command) {
            "planner"
        } else {
            "publisher"
        };
        let operation = operation(
            command.as_str(),
            "commands",
            &format!("Send `{}` ({who})", command.as_str()),
            vec![],
            Answers::ok(named::<CommandAccepted>()).guarded().errors(&failures),
        )
        .request_body(Some(
            RequestBodyBuilder::new()
                .required(Some(Required::True))
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(schema_ref(&schema_name)))
                        .build(),
                )
                .build(),
        ));
        routes.push((format!("/v1/commands/{}", command.as_str()), post(operation)));
    }
    let unknown = operation(
        "unknown-command",
        "commands",
        "Any other name: the reply lists the known commands",
        vec![param("name", ParameterIn::Path, true, "the command name", string(None))],
        Answers(vec![])
            .errors(&[(404, "no command of that name (`unknown-command`)")])
            .guarded(),
    );
    routes.push(("/v1/commands/{name}".to_owned(), post(unknown)));
}

fn queries(routes: &mut Vec<(String, PathItem)>) {
    let by_id: [(&str, QueryName, &str); 6] = [
        ("/v1/ergs/{id}", QueryName::Erg, "An ERG and its role terms (a sensitive ERG: admin only)"),
        ("/v1/budgets/{id}", QueryName::Budget, "A budget"),
        ("/v1/projects/{id}", QueryName::Project, "A project"),
        ("/v1/employees/{id}/evidence", QueryName::Evidence, "An employee's leadership evidence"),
        ("/v1/mentorships/{id}", QueryName::Mentorship, "A mentorship"),
        ("/v1/employees/{id}/competencies", QueryName::Competencies, "An employee's competency levels"),
    ];
    for (path, query, summary) in by_id {
        let (answer, extra) = query_shape(query);
        let mut parameters = vec![id_param(ParameterIn::Path, "the id asked about"), min_seq()];
        parameters.extend(extra);
        let operation = operation(
            &format!("get-{}", query.as_str()),
            "queries",
            summary,
            parameters,
            Answers::ok(answer).query_errors(),
        );
        routes.push((path.to_owned(), get(operation)));
    }
    let (answer, _) = query_shape(QueryName::Explain);
    let explain = operation(
        "get-explain",
        "queries",
        "How an employee's level in one competency came about",
        vec![
            id_param(ParameterIn::Path, "the employee"),
            param("competency", ParameterIn::Path, true, "the competency id", string(None)),
            as_of(),
            min_seq(),
        ],
        Answers::ok(answer).query_errors(),
    );
    routes.push((
        "/v1/employees/{id}/competencies/{competency}/explain".to_owned(),
        get(explain),
    ));
    for query in QueryName::ALL {
        let (answer, extra) = query_shape(query);
        let mut parameters = vec![id_param(ParameterIn::Query, "the id asked about"), min_seq()];
        parameters.extend(extra);
        let operation = operation(
            &format!("query-{}", query.as_str()),
            "queries",
            &format!("The `{}` query by name, as on NATS", query.as_str()),
            parameters,
            Answers::ok(answer).query_errors(),
        );
        routes.push((format!("/v1/queries/{}", query.as_str()), get(operation)));
    }
    let unknown = operation(
        "unknown-query",
        "queries",
        "Any other name: the reply lists the known queries",
        vec![param("name", ParameterIn::Path, true, "the query name", string(None))],
        Answers(vec![])
            .errors(&[(404, "no query of that name (`unknown-query`)")])
            .guarded(),
    );
    routes.push(("/v1/queries/{name}".to_owned(), get(unknown)));
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, reason = "test code")]
mod tests {
    use super::*;

    #[test]
    fn every_public_command_has_a_path_with_its_fields_and_the_shared_ones() {
        let document = serde_json::to_value(spec()).unwrap();
        assert_eq!(document["openapi"], "3.1.0");
        for command in CommandName::ALL.into_iter().filter(|c| c.is_public()) {
            let path = format!("/v1/commands/{}", command.as_str());
            let post = &document["paths"][&path]["post"];
            assert!(post.is_object(), "{path} is documented");
            let name = command_schema_name(command);
            let schema = &document["components"]["schemas"][&name];
            for field in ["command_id", "actor", "effective_date"] {
                assert!(schema["properties"][field].is_object(), "{name} has {field}");
            }
            let required = schema["required"].as_array().unwrap();
            assert!(required.contains(&"command_id".into()), "{name}");
        }
        assert!(document["paths"]["/v1/commands/record-learning"].is_null());
    }

    #[test]
    fn every_reference_resolves() {
        let document = serde_json::to_value(spec()).unwrap();
        let mut refs = Vec::new();
        collect_refs(&document, &mut refs);
        assert!(!refs.is_empty());
        for reference in refs {
            let name = reference.trim_start_matches("#/components/schemas/");
            assert!(
                document["components"]["schemas"][name].is_object(),
                "{reference} resolves"
            );
        }
    }

    fn collect_refs(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    match value.as_str() {
                        Some(reference) if key == "$ref" => out.push(reference.to_owned()),
                        _ => collect_refs(value, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
            _ => {}
        }
    }
}

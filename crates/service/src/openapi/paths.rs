//! Every path of the HTTP front: one per command and per query of the
//! catalogues, the planners' routes, xAPI, the audit log, administration and
//! health.

use ladder_domain::CommandName;
use ladder_domain::command::{self as body, CommandMeta};
use utoipa::PartialSchema;
use utoipa::openapi::path::{Operation, OperationBuilder, ParameterIn, PathItem};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, OneOfBuilder, Type};
use utoipa::openapi::{ContentBuilder, RefOr, Required, Schema};

use super::operations::*;
use super::schemas::*;
use crate::query::QueryName;

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
        QueryName::Candidates => (named::<ladder_succession::Slate>(), vec![as_of(), limit()]),
        QueryName::Talent => (
            named::<ladder_succession::TalentPool>(),
            vec![
                param(
                    "competency",
                    ParameterIn::Query,
                    true,
                    "the competency id",
                    string(None),
                ),
                param(
                    "min_level",
                    ParameterIn::Query,
                    false,
                    "the least level, from 1 to the competency's highest; 1 when absent",
                    integer(),
                ),
                as_of(),
                limit(),
            ],
        ),
        QueryName::BenchStrength => (named::<ladder_succession::BenchStrength>(), vec![as_of()]),
        QueryName::MentorSuggestions => (
            named::<ladder_succession::MentorSuggestions>(),
            vec![
                param(
                    "position",
                    ParameterIn::Query,
                    true,
                    "the position whose requirements set the gaps",
                    string(Some(KnownFormat::Uuid)),
                ),
                as_of(),
                limit(),
            ],
        ),
        QueryName::Recommendations => (named::<ladder_succession::Recommendations>(), vec![]),
        QueryName::Metrics => (
            named::<ladder_succession::metrics::ProgrammeMetrics>(),
            vec![
                param(
                    "from",
                    ParameterIn::Query,
                    true,
                    "first day, YYYY-MM-DD",
                    string(Some(KnownFormat::Date)),
                ),
                param(
                    "to",
                    ParameterIn::Query,
                    true,
                    "last day, YYYY-MM-DD",
                    string(Some(KnownFormat::Date)),
                ),
            ],
        ),
    }
}

/// Whether a query is about one thing, named by `id`.
fn takes_id(query: QueryName) -> bool {
    !matches!(
        query,
        QueryName::Talent | QueryName::BenchStrength | QueryName::Metrics
    )
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
pub(super) fn command_schema_name(command: CommandName) -> String {
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

/// Every path of the HTTP front.
pub(super) fn routes(schemas: &mut Schemas) -> Vec<(String, PathItem)> {
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
            (
                200,
                "every statement accepted, ignored or a duplicate",
                named::<crate::xapi::XapiReply>(),
            ),
            (
                207,
                "some statements rejected; see each result",
                named::<crate::xapi::XapiReply>(),
            ),
            (
                400,
                "the body is not statements (`invalid-body`), or every statement was rejected",
                OneOfBuilder::new()
                    .item(named::<ErrorReply>())
                    .item(named::<crate::xapi::XapiReply>())
                    .into(),
            ),
            (
                409,
                "a statement's record kept changing under it (`conflict`); send the batch again",
                named::<crate::xapi::XapiReply>(),
            ),
            (
                500,
                "a statement failed inside Ladder (`error`)",
                named::<crate::xapi::XapiReply>(),
            ),
            (
                503,
                "NATS unreachable (`unavailable`) or a void ahead of its target \
                 (`not-yet-projected`); send the batch again, stored statements come back \
                 as `duplicate`",
                named::<crate::xapi::XapiReply>(),
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
        "The audit log, decoded from the stream, one page at a time (auditor)",
        vec![
            param(
                "employee",
                ParameterIn::Query,
                false,
                "events concerning this employee",
                string(Some(KnownFormat::Uuid)),
            ),
            param(
                "erg",
                ParameterIn::Query,
                false,
                "events concerning this ERG",
                string(Some(KnownFormat::Uuid)),
            ),
            param(
                "from",
                ParameterIn::Query,
                false,
                "effective on or after, YYYY-MM-DD",
                string(Some(KnownFormat::Date)),
            ),
            param(
                "to",
                ParameterIn::Query,
                false,
                "effective on or before, YYYY-MM-DD",
                string(Some(KnownFormat::Date)),
            ),
            param(
                "format",
                ParameterIn::Query,
                false,
                "`json` (an array, the default) or `jsonl` (application/x-ndjson, one event per line)",
                string(None),
            ),
            param(
                "after_seq",
                ParameterIn::Query,
                false,
                "list events of commits after this stream sequence (default 0); pass the \
                 `Ladder-Next-After-Seq` header of a full page to get the next one",
                integer(),
            ),
            param(
                "limit",
                ParameterIn::Query,
                false,
                "events per page, 1 to 100000 (default 10000); a page never splits a commit",
                integer(),
            ),
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
    routes.push(("/v1/audit/events".to_owned(), get(json_lines(audit))));
    let rebuild = operation(
        "admin-rebuild",
        "admin",
        "Rebuild every read model from the stream and swap it in (admin)",
        vec![],
        Answers::ok(named::<crate::rebuild::RebuildReport>())
            .guarded()
            .errors(&[
                (409, "another rebuild is running (`rebuild-running`)"),
                (500, "the rebuild failed (`rebuild-failed`)"),
            ]),
    );
    routes.push(("/v1/admin/rebuild".to_owned(), post(rebuild)));
    routes
}

/// Adds the `format=jsonl` answer to the audit log's 200: one [`AuditEvent`] per line.
fn json_lines(audit: OperationBuilder) -> Operation {
    let mut operation = audit.build();
    if let Some(RefOr::T(ok)) = operation.responses.responses.get_mut("200") {
        let lines = ContentBuilder::new()
            .schema(Some(string(None)))
            .description(Some(
                "with `format=jsonl`: one AuditEvent object per line, newline-terminated",
            ))
            .build();
        ok.content
            .insert("application/x-ndjson".to_owned(), RefOr::T(lines));
    }
    operation
}

fn commands(schemas: &mut Schemas, routes: &mut Vec<(String, PathItem)>) {
    let failures: [(u16, &'static str); 5] = [
        (
            400,
            "malformed; `field` names the field at fault (`invalid-command`)",
        ),
        (
            409,
            "other writers kept changing the aggregate; retry with the same command_id",
        ),
        (422, "against a rule; `code` names it"),
        (500, "a fault in Ladder; nothing is known to be stored"),
        (
            503,
            "the event log is unreachable; nothing was stored; retry with the same command_id",
        ),
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
            Answers::ok(named::<CommandAccepted>())
                .guarded()
                .errors(&failures),
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
        routes.push((
            format!("/v1/commands/{}", command.as_str()),
            post(operation),
        ));
    }
    let unknown = operation(
        "unknown-command",
        "commands",
        "Any other name: the reply lists the known commands",
        vec![param(
            "name",
            ParameterIn::Path,
            true,
            "the command name",
            string(None),
        )],
        Answers(vec![])
            .errors(&[(404, "no command of that name (`unknown-command`)")])
            .guarded(),
    );
    routes.push(("/v1/commands/{name}".to_owned(), post(unknown)));
}

fn queries(routes: &mut Vec<(String, PathItem)>) {
    let by_id: [(&str, QueryName, &str); 6] = [
        (
            "/v1/ergs/{id}",
            QueryName::Erg,
            "An ERG and its role terms (a sensitive ERG: admin only)",
        ),
        ("/v1/budgets/{id}", QueryName::Budget, "A budget"),
        ("/v1/projects/{id}", QueryName::Project, "A project"),
        (
            "/v1/employees/{id}/evidence",
            QueryName::Evidence,
            "An employee's leadership evidence",
        ),
        (
            "/v1/mentorships/{id}",
            QueryName::Mentorship,
            "A mentorship",
        ),
        (
            "/v1/employees/{id}/competencies",
            QueryName::Competencies,
            "An employee's competency levels",
        ),
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
            param(
                "competency",
                ParameterIn::Path,
                true,
                "the competency id",
                string(None),
            ),
            as_of(),
            min_seq(),
        ],
        Answers::ok(answer).query_errors(),
    );
    routes.push((
        "/v1/employees/{id}/competencies/{competency}/explain".to_owned(),
        get(explain),
    ));
    let planning: [(&str, QueryName, &str); 6] = [
        (
            "/v1/positions/{id}/candidates",
            QueryName::Candidates,
            "A position's candidates ranked by readiness, with gaps",
        ),
        (
            "/v1/talent",
            QueryName::Talent,
            "Everyone at a level or above in one competency",
        ),
        (
            "/v1/bench-strength",
            QueryName::BenchStrength,
            "Successor coverage of the high and critical positions",
        ),
        (
            "/v1/employees/{id}/mentor-suggestions",
            QueryName::MentorSuggestions,
            "Who could mentor an employee towards a position",
        ),
        (
            "/v1/employees/{id}/recommendations",
            QueryName::Recommendations,
            "ERGs and learning paths from declared interests",
        ),
        (
            "/v1/metrics/programme",
            QueryName::Metrics,
            "Learning velocity, internal mobility and recruitment savings",
        ),
    ];
    for (path, query, summary) in planning {
        let (answer, extra) = query_shape(query);
        let mut parameters = Vec::new();
        if takes_id(query) {
            parameters.push(id_param(ParameterIn::Path, "the id asked about"));
        }
        parameters.push(min_seq());
        parameters.extend(extra);
        let operation = operation(
            &format!("get-{}", query.as_str()),
            "planning",
            summary,
            parameters,
            Answers::ok(answer).query_errors(),
        );
        routes.push((path.to_owned(), get(operation)));
    }
    for query in QueryName::ALL {
        let (answer, extra) = query_shape(query);
        let mut parameters = Vec::new();
        if takes_id(query) {
            parameters.push(id_param(ParameterIn::Query, "the id asked about"));
        }
        parameters.push(min_seq());
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
        vec![param(
            "name",
            ParameterIn::Path,
            true,
            "the query name",
            string(None),
        )],
        Answers(vec![])
            .errors(&[(404, "no query of that name (`unknown-query`)")])
            .guarded(),
    );
    routes.push(("/v1/queries/{name}".to_owned(), get(unknown)));
}

//! The OpenAPI 3.1 document of the HTTP front, served at `GET /v1/openapi.json`.
//!
//! Schemas come from the types the fronts serialize (`ToSchema` derives on the
//! views, answers and command bodies); the paths are listed in `paths`, one per
//! command and per query of the catalogues, so that a new command or query
//! cannot be added without a compile error until it is described. Every error
//! reply shares one shape, [`ErrorReply`]. The `http_openapi` integration test
//! sends real requests to every path and validates each answer against the
//! schema this document declares for its path, method and status.

mod operations;
mod paths;
mod schemas;

use std::sync::OnceLock;

use axum::response::Response;
use ladder_domain::command::{self as body, CommandMeta};
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{InfoBuilder, OpenApi as Document, PathsBuilder};

pub use schemas::{
    AcceptedStatus, AuditEvent, AuditEvidenceNote, AuditFault, CommandAccepted, ErrorReply, Health,
};

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
    ladder_succession::Slate,
    ladder_succession::TalentPool,
    ladder_succession::BenchStrength,
    ladder_succession::MentorSuggestions,
    ladder_succession::Recommendations,
    ladder_succession::metrics::ProgrammeMetrics,
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
    for (path, item) in paths::routes(&mut components.schemas) {
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
    document.security = Some(vec![SecurityRequirement::new(
        "bearer",
        Vec::<String>::new(),
    )]);
    document
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, reason = "test code")]
mod tests {
    use super::paths::command_schema_name;
    use super::*;
    use ladder_domain::CommandName;

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
                assert!(
                    schema["properties"][field].is_object(),
                    "{name} has {field}"
                );
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

    #[test]
    fn every_query_route_declares_exactly_the_parameters_the_query_accepts() {
        // Queries refuse any parameter they do not read; a route declaring one more would
        // invite a 400, one less would hide an option.
        let document = serde_json::to_value(spec()).unwrap();
        let mut routes = std::collections::BTreeMap::new();
        for (path, item) in document["paths"].as_object().unwrap() {
            let get = &item["get"];
            if let Some(id) = get["operationId"].as_str() {
                routes.insert(id.to_owned(), (path.clone(), get.clone()));
            }
        }
        for query in crate::query::QueryName::ALL {
            for id in [
                format!("get-{}", query.as_str()),
                format!("query-{}", query.as_str()),
            ] {
                let (path, get) = routes.get(&id).expect("every query has both routes");
                let mut declared: Vec<&str> = get["parameters"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["name"].as_str().unwrap())
                    .collect();
                declared.sort_unstable();
                assert_eq!(declared, query.parameters(), "{path}");
            }
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

//! Builders for operations, parameters and answers, so that every path of the
//! document declares its failures the same way.

use utoipa::ToSchema;
use utoipa::openapi::path::{
    HttpMethod, Operation, OperationBuilder, ParameterBuilder, ParameterIn, PathItem,
};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Required, Schema};

use super::schemas::ErrorReply;

pub(super) type Schemas = std::collections::BTreeMap<String, RefOr<Schema>>;

pub(super) fn schema_ref(name: &str) -> RefOr<Schema> {
    RefOr::Ref(Ref::from_schema_name(name))
}

pub(super) fn named<T: ToSchema>() -> RefOr<Schema> {
    schema_ref(&T::name())
}

pub(super) fn string(format: Option<KnownFormat>) -> RefOr<Schema> {
    let builder = ObjectBuilder::new().schema_type(Type::String);
    builder.format(format.map(SchemaFormat::KnownFormat)).into()
}

pub(super) fn integer() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(0))
        .into()
}

/// What an operation answers, by status.
pub(super) struct Answers(pub(super) Vec<(u16, &'static str, RefOr<Schema>)>);

impl Answers {
    pub(super) fn ok(schema: RefOr<Schema>) -> Answers {
        Answers(vec![(200, "the answer", schema)])
    }

    pub(super) fn with(
        mut self,
        status: u16,
        description: &'static str,
        schema: RefOr<Schema>,
    ) -> Answers {
        self.0.push((status, description, schema));
        self
    }

    pub(super) fn errors(mut self, statuses: &[(u16, &'static str)]) -> Answers {
        for (status, description) in statuses {
            self.0.push((*status, description, named::<ErrorReply>()));
        }
        self
    }

    /// 401 and 403: every guarded route.
    pub(super) fn guarded(self) -> Answers {
        self.errors(&[
            (
                401,
                "no token, or one the node does not know (`missing-token`, `unknown-token`)",
            ),
            (403, "the caller's role may not call this (`forbidden`)"),
        ])
    }

    /// The failures every query shares.
    pub(super) fn query_errors(self) -> Answers {
        self.guarded().errors(&[
            (
                400,
                "a parameter is missing or malformed (`invalid-parameter`)",
            ),
            (404, "the thing asked about is not known (`not-found`)"),
            (
                503,
                "the read models are unavailable or did not reach `min_seq` in 5 s",
            ),
        ])
    }
}

/// One operation, with its answers.
pub(super) fn operation(
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
        let mut response = ResponseBuilder::new().description(description).content(
            "application/json",
            ContentBuilder::new().schema(Some(schema)).build(),
        );
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

pub(super) fn open(builder: OperationBuilder) -> Operation {
    // An empty list overrides the document's bearer requirement: no token needed.
    builder
        .securities(Some(Vec::<SecurityRequirement>::new()))
        .build()
}

pub(super) fn param(
    name: &str,
    place: ParameterIn,
    required: bool,
    description: &str,
    schema: RefOr<Schema>,
) -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(place)
        .required(if required {
            Required::True
        } else {
            Required::False
        })
        .description(Some(description))
        .schema(Some(schema))
        .build()
}

pub(super) fn min_seq() -> utoipa::openapi::path::Parameter {
    param(
        "min_seq",
        ParameterIn::Query,
        false,
        "wait (up to 5 s) until the read models applied this stream sequence",
        integer(),
    )
}

pub(super) fn as_of() -> utoipa::openapi::path::Parameter {
    param(
        "as_of",
        ParameterIn::Query,
        false,
        "the day the answer holds for, YYYY-MM-DD; today in the organisation's time zone",
        string(Some(KnownFormat::Date)),
    )
}

pub(super) fn id_param(place: ParameterIn, description: &str) -> utoipa::openapi::path::Parameter {
    param(
        "id",
        place,
        true,
        description,
        string(Some(KnownFormat::Uuid)),
    )
}

pub(super) fn limit() -> utoipa::openapi::path::Parameter {
    param(
        "limit",
        ParameterIn::Query,
        false,
        "most entries to return; each query has its default and maximum",
        integer(),
    )
}

pub(super) fn get(operation: impl Into<Operation>) -> PathItem {
    PathItem::new(HttpMethod::Get, operation)
}

pub(super) fn post(operation: impl Into<Operation>) -> PathItem {
    PathItem::new(HttpMethod::Post, operation)
}

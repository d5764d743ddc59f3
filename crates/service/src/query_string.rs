//! Query strings read strictly: a parameter given twice is an error, not "the last one
//! wins", since a client that sends `as_of` twice meant one of them and would otherwise be
//! answered for the other without a word. The same holds for a parameter that repeats a
//! part of the path (`/v1/employees/{id}/evidence?id=…`).

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use crate::http::json;
use crate::query::{QueryError, QueryParams};

/// The parameters of a query string, each at most once.
#[derive(Debug)]
pub(crate) struct Params(pub(crate) QueryParams);

impl Params {
    /// Adds a value taken from the path; refused when the query string has it too.
    pub(crate) fn with_path(mut self, field: &str, value: String) -> Result<Params, QueryError> {
        if self.0.contains_key(field) {
            return Err(QueryError::Invalid {
                field: field.to_owned(),
                message: format!("parameter `{field}` is part of the path; do not repeat it"),
            });
        }
        self.0.insert(field.to_owned(), value);
        Ok(self)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(pairs) = Query::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        unique(pairs).map(Params).map_err(|err| refusal(&err))
    }
}

/// The parameters of `pairs`, refused when one is given more than once.
pub(crate) fn unique(
    pairs: impl IntoIterator<Item = (String, String)>,
) -> Result<QueryParams, QueryError> {
    let mut params = QueryParams::new();
    for (key, value) in pairs {
        if params.contains_key(&key) {
            return Err(QueryError::Invalid {
                message: format!("parameter `{key}` is given more than once"),
                field: key,
            });
        }
        params.insert(key, value);
    }
    Ok(params)
}

/// The members of a JSON object in the order written, repeated keys included (a
/// `serde_json::Map` would keep only the last), so that [`unique`] can refuse them.
pub(crate) struct Members(pub(crate) Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for Members {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Members;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Members, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        d.deserialize_map(Visitor)
    }
}

fn refusal(err: &QueryError) -> Response {
    json(err.http_status(), err.to_json())
}

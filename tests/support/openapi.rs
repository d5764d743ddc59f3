//! Checks real answers against the node's own OpenAPI document: the path
//! template an answer belongs to, and the JSON Schema 2020-12 validation of its
//! body against the schema declared for its path, method, status and media type.

use std::collections::BTreeSet;

use serde_json::{Value, json};

/// Calls the node and checks each answer against the document.
#[derive(Debug)]
pub struct Checker {
    /// The HTTP client.
    pub client: reqwest::Client,
    /// The node's base URL.
    pub base: String,
    /// The document as served.
    pub document: Value,
    /// `(path template, method)` of every call made.
    pub called: BTreeSet<(String, String)>,
    /// Answers that did not match, described.
    pub failures: Vec<String>,
    /// Bodies validated.
    pub checked: usize,
}

impl Checker {
    /// Fetches the document of the node at `base`.
    pub async fn new(base: &str) -> Checker {
        let client = reqwest::Client::new();
        let document: Value = client
            .get(format!("{base}/v1/openapi.json"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(document["openapi"], "3.1.0");
        Checker {
            client,
            base: base.to_owned(),
            document,
            called: BTreeSet::new(),
            failures: Vec::new(),
            checked: 0,
        }
    }

    /// The document's path template for `path`: the literal path if documented,
    /// else the template with the fewest parameters that matches.
    pub fn template(&self, path: &str) -> Option<String> {
        let paths = self.document["paths"].as_object().unwrap();
        if paths.contains_key(path) {
            return Some(path.to_owned());
        }
        let segments: Vec<&str> = path.split('/').collect();
        paths
            .keys()
            .filter(|template| {
                let parts: Vec<&str> = template.split('/').collect();
                parts.len() == segments.len()
                    && parts
                        .iter()
                        .zip(&segments)
                        .all(|(p, s)| p == s || (p.starts_with('{') && p.ends_with('}')))
            })
            .min_by_key(|template| template.matches('{').count())
            .cloned()
    }

    /// Sends a request and checks the answer; returns status and JSON body.
    pub async fn call(
        &mut self,
        method: &str,
        path_and_query: &str,
        token: Option<&str>,
        body: Option<Vec<u8>>,
    ) -> (u16, Value) {
        let url = format!("{}{path_and_query}", self.base);
        let mut request = match method {
            "get" => self.client.get(&url),
            "post" => self.client.post(&url),
            other => panic!("method {other}"),
        };
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let media = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let bytes = response.bytes().await.unwrap();
        let path = path_and_query.split('?').next().unwrap();
        let context = format!("{} {path_and_query} -> {status}", method.to_uppercase());
        let Some(template) = self.template(path) else {
            self.failures
                .push(format!("{context}: path not in the document"));
            return (status, Value::Null);
        };
        self.called.insert((template.clone(), method.to_owned()));
        let declared = &self.document["paths"][&template][method]["responses"][status.to_string()];
        let content = &declared["content"][&media];
        if !content["schema"].is_object() {
            self.failures.push(format!(
                "{context}: no schema for status {status} and media type `{media}` under {template}"
            ));
            return (status, Value::Null);
        }
        let schema = content["schema"].clone();
        if media == "application/x-ndjson" {
            let item = json!({"$ref": "#/components/schemas/AuditEvent"});
            for line in String::from_utf8_lossy(&bytes).lines() {
                let value: Value = serde_json::from_str(line).unwrap();
                self.validate(&item, &value, &context);
            }
            return (status, Value::Null);
        }
        let value: Value = match serde_json::from_slice(&bytes) {
            Ok(value) => value,
            Err(err) => {
                self.failures.push(format!("{context}: not JSON ({err})"));
                return (status, Value::Null);
            }
        };
        self.validate(&schema, &value, &context);
        (status, value)
    }

    pub fn validate(&mut self, schema: &Value, instance: &Value, context: &str) {
        // The response schema with the document's components beside it, so that
        // `#/components/schemas/…` resolves within one JSON Schema 2020-12 resource.
        let mut root = schema.as_object().unwrap().clone();
        root.insert("components".to_owned(), self.document["components"].clone());
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&Value::Object(root))
            .unwrap_or_else(|err| panic!("{context}: the declared schema does not compile: {err}"));
        let errors: Vec<String> = validator
            .iter_errors(instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        self.checked += 1;
        if !errors.is_empty() {
            self.failures
                .push(format!("{context}: {errors:?} in {instance}"));
        }
    }

    /// Calls and demands `status`.
    pub async fn expect(
        &mut self,
        status: u16,
        method: &str,
        path_and_query: &str,
        token: Option<&str>,
        body: Option<Vec<u8>>,
    ) -> Value {
        let (got, value) = self.call(method, path_and_query, token, body).await;
        assert_eq!(got, status, "{method} {path_and_query}: {value}");
        value
    }
}

//! Who is calling, and what they may do.
//!
//! A caller presents `Authorization: Bearer <token>`, as an HTTP header or as a
//! header of the NATS request message. The token file (`ladder serve --tokens
//! FILE`) maps the SHA-256 of each token to a role; Ladder never stores a token
//! itself. What each role may do:
//!
//! | role        | may                                                                     |
//! | ----------- | ----------------------------------------------------------------------- |
//! | `publisher` | every public command except the position commands; xAPI statements     |
//! | `planner`   | `define-position`, `nominate-successor`, `withdraw-nomination`, `fill-position`; every query |
//! | `auditor`   | every query; `/v1/audit/*`                                              |
//! | `admin`     | everything, including `POST /v1/admin/rebuild`                          |
//!
//! `/healthz`, `/readyz` and `/v1/openapi.json` need no token. Consent commands
//! come from publishers: the employee grants or withdraws consent in an
//! employee-facing app, and the domain checks that the actor is the employee.
//! Planners and auditors read answers redacted by [`crate::privacy`]; admins read
//! them whole.
//!
//! Without a token file every caller is admin. [`crate::serve`] then refuses any
//! listen address but a loopback one, so an open node is reachable from its own
//! machine only.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use async_nats::Message;
use axum::extract::rejection::RawPathParamsRejection;
use axum::extract::{MatchedPath, RawPathParams, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use ladder_domain::CommandName;
use serde::Serialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use tracing::debug;

use crate::AppState;
use crate::privacy::Audience;
use crate::reply::json_bytes;

/// The roles of the token file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// A service that publishes facts: HRIS, LMS, ERG tools, employee-facing apps.
    Publisher,
    /// A succession planner.
    Planner,
    /// An auditor.
    Auditor,
    /// An operator: everything.
    Admin,
}

impl Role {
    /// Every role, in the order the table lists them.
    pub const ALL: [Role; 4] = [Role::Publisher, Role::Planner, Role::Auditor, Role::Admin];

    /// The role's name in the token file.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Publisher => "publisher",
            Role::Planner => "planner",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
        }
    }

    /// Whether the role may do `action`.
    pub fn may(self, action: &Action) -> bool {
        match action {
            Action::Command(name) => match CommandName::from_str(name) {
                Ok(command) if is_position_command(command) => {
                    matches!(self, Role::Planner | Role::Admin)
                }
                Ok(_) => matches!(self, Role::Publisher | Role::Admin),
                // An unknown name gets the handler's "unknown command" answer,
                // listing the catalogue, for any role that sends commands at all.
                Err(_) => matches!(self, Role::Publisher | Role::Planner | Role::Admin),
            },
            Action::Statements => matches!(self, Role::Publisher | Role::Admin),
            Action::Read => matches!(self, Role::Planner | Role::Auditor | Role::Admin),
            Action::Audit => matches!(self, Role::Auditor | Role::Admin),
            Action::Administer => self == Role::Admin,
        }
    }

    /// What the role reads of sensitive ERG affinity.
    pub fn audience(self) -> Audience {
        match self {
            Role::Admin => Audience::Everything,
            Role::Publisher | Role::Planner | Role::Auditor => Audience::Consented,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Role, String> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("unknown role `{s}`; roles: publisher, planner, auditor, admin"))
    }
}

/// The commands planners send rather than publishers.
pub fn is_position_command(command: CommandName) -> bool {
    matches!(
        command,
        CommandName::DefinePosition
            | CommandName::NominateSuccessor
            | CommandName::WithdrawNomination
            | CommandName::FillPosition
    )
}

/// Something a caller asks to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Send the command of this name.
    Command(String),
    /// Send xAPI statements.
    Statements,
    /// Ask a query.
    Read,
    /// Read the audit log.
    Audit,
    /// Rebuild the read models, or anything else unclassified.
    Administer,
}

impl Action {
    fn describe(&self) -> String {
        match self {
            Action::Command(name) => format!("send `{name}`"),
            Action::Statements => "send xAPI statements".to_owned(),
            Action::Read => "ask queries".to_owned(),
            Action::Audit => "read the audit log".to_owned(),
            Action::Administer => "administer the node".to_owned(),
        }
    }
}

/// A caller that passed the gate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caller {
    /// Its role; admin on a node without a token file.
    pub role: Role,
}

/// One line of the token file.
#[derive(Clone)]
struct Entry {
    role: Role,
    digest: [u8; 32],
}

impl fmt::Debug for Entry {
    // The digest is not the secret, but there is no reason to print it in logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry").field("role", &self.role).finish_non_exhaustive()
    }
}

/// The parsed token file.
#[derive(Clone, Debug)]
pub struct Tokens {
    entries: Vec<Entry>,
}

/// A token file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TokenFileError {
    /// The file could not be read.
    #[error("cannot read the token file {path}")]
    Read {
        /// The file.
        path: String,
        /// The failure.
        #[source]
        source: std::io::Error,
    },
    /// A line is not `<role> <sha256 hex>`.
    #[error("token file line {line}: {reason}")]
    InvalidLine {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// Two lines hold the same token.
    #[error("token file line {line}: the same token as line {first}")]
    DuplicateToken {
        /// The later line.
        line: usize,
        /// The earlier line.
        first: usize,
    },
    /// No line holds a token: nobody could call the node.
    #[error("the token file holds no tokens; add lines of the form `<role> <sha256 hex>`")]
    NoTokens,
}

impl Tokens {
    /// Reads and parses a token file.
    ///
    /// Fails when the file cannot be read or [`Tokens::parse`] refuses it.
    pub fn load(path: &Path) -> Result<Tokens, TokenFileError> {
        let text = std::fs::read_to_string(path).map_err(|source| TokenFileError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Tokens::parse(&text)
    }

    /// Parses token-file text: one `<role> <sha256 hex of the token>` per line; `#`
    /// starts a comment; blank lines are skipped.
    ///
    /// Fails naming the line when a role is unknown, a digest is not 64 hex
    /// digits, a line has other fields, or a token appears twice; and when there
    /// is no token at all.
    pub fn parse(text: &str) -> Result<Tokens, TokenFileError> {
        let mut entries: Vec<(usize, Entry)> = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let content = raw.split_once('#').map_or(raw, |(before, _)| before).trim();
            if content.is_empty() {
                continue;
            }
            let invalid = |reason: String| TokenFileError::InvalidLine { line, reason };
            let fields: Vec<&str> = content.split_whitespace().collect();
            let [role, digest] = fields[..] else {
                return Err(invalid(format!(
                    "expected `<role> <sha256 hex>`, found {} field(s)",
                    fields.len()
                )));
            };
            let role = Role::from_str(role).map_err(invalid)?;
            let digest = parse_digest(digest).map_err(invalid)?;
            if let Some((first, _)) = entries.iter().find(|(_, e)| e.digest == digest) {
                return Err(TokenFileError::DuplicateToken {
                    line,
                    first: *first,
                });
            }
            entries.push((line, Entry { role, digest }));
        }
        if entries.is_empty() {
            return Err(TokenFileError::NoTokens);
        }
        Ok(Tokens {
            entries: entries.into_iter().map(|(_, e)| e).collect(),
        })
    }

    /// How many tokens each role has, for the start-up log.
    pub fn count(&self, role: Role) -> usize {
        self.entries.iter().filter(|e| e.role == role).count()
    }

    /// The role of `token`, if the file holds it.
    ///
    /// The presented token is hashed first and every entry is compared in
    /// constant time, so the time taken says nothing about the stored digests.
    fn role_of(&self, token: &str) -> Option<Role> {
        let presented: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        let mut found = None;
        for entry in &self.entries {
            if bool::from(entry.digest.ct_eq(&presented)) {
                found = Some(entry.role);
            }
        }
        found
    }
}

fn parse_digest(text: &str) -> Result<[u8; 32], String> {
    let mut digest = [0u8; 32];
    hex::decode_to_slice(text, &mut digest).map_err(|err| {
        format!("`{text}` is not the 64 hex digits of a SHA-256 digest ({err})")
    })?;
    Ok(digest)
}

/// The hex SHA-256 of a token: what the token file holds for it.
pub fn token_digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Who may call the node: everyone as admin, or the holders of listed tokens.
#[derive(Clone, Debug)]
pub struct Gate {
    tokens: Option<Tokens>,
}

impl Gate {
    /// A gate for `tokens`; `None` lets every caller in as admin.
    pub fn new(tokens: Option<Tokens>) -> Gate {
        Gate { tokens }
    }

    /// Whether callers must present tokens.
    pub fn is_open(&self) -> bool {
        self.tokens.is_none()
    }

    /// Lets a caller in with the value of its `Authorization` header, or tells
    /// why not.
    pub fn admit(&self, authorization: Option<&str>, action: &Action) -> Result<Caller, Denied> {
        let Some(tokens) = &self.tokens else {
            return Ok(Caller { role: Role::Admin });
        };
        let authorization = authorization.ok_or(Denied::MissingToken)?;
        let token = bearer(authorization).ok_or(Denied::MalformedAuthorization)?;
        let role = tokens.role_of(token).ok_or(Denied::UnknownToken)?;
        if role.may(action) {
            Ok(Caller { role })
        } else {
            Err(Denied::Forbidden {
                message: forbidden_message(role, action),
            })
        }
    }
}

/// The token of `Bearer <token>`; the scheme is case-insensitive (RFC 9110).
fn bearer(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

fn forbidden_message(role: Role, action: &Action) -> String {
    let needs: Vec<&str> = Role::ALL
        .into_iter()
        .filter(|r| r.may(action))
        .map(Role::as_str)
        .collect();
    format!(
        "the {role} role may not {}; that needs the {} role",
        action.describe(),
        needs.join(" or ")
    )
}

/// Why a caller was turned away.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    /// No `Authorization` header.
    #[error("this node needs a token: send `Authorization: Bearer <token>`")]
    MissingToken,
    /// An `Authorization` header that is not `Bearer <token>`.
    #[error("the Authorization header must be `Bearer <token>`")]
    MalformedAuthorization,
    /// A token the token file does not hold.
    #[error("the token is not in this node's token file")]
    UnknownToken,
    /// A known caller asking what its role may not do.
    #[error("{message}")]
    Forbidden {
        /// The role and what the action needs.
        message: String,
    },
}

/// The JSON body of a refusal, as every error: `status`, `code`, `message`.
#[derive(Serialize)]
struct DeniedBody<'a> {
    status: &'static str,
    code: &'static str,
    message: &'a str,
}

impl Denied {
    /// 401 for a missing or unknown token, 403 for a forbidden action.
    pub fn http_status(&self) -> u16 {
        match self {
            Denied::Forbidden { .. } => 403,
            _ => 401,
        }
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Denied::MissingToken => "missing-token",
            Denied::MalformedAuthorization => "malformed-authorization",
            Denied::UnknownToken => "unknown-token",
            Denied::Forbidden { .. } => "forbidden",
        }
    }

    /// The refusal as JSON bytes.
    pub fn to_json(&self) -> Vec<u8> {
        let status = match self {
            Denied::Forbidden { .. } => "forbidden",
            _ => "unauthorized",
        };
        json_bytes(&DeniedBody {
            status,
            code: self.code(),
            message: &self.to_string(),
        })
    }
}

/// The HTTP front's gate, run after routing so that the route template decides
/// the action: refuses with 401 or 403, or hands the [`Caller`] to the handler as
/// a request extension.
pub(crate) async fn guard(
    State(state): State<AppState>,
    matched: MatchedPath,
    params: Result<RawPathParams, RawPathParamsRejection>,
    mut request: Request,
    next: Next,
) -> Response {
    let Some(action) = http_action(request.method(), matched.as_str(), params.ok()) else {
        return next.run(request).await;
    };
    let authorization = request
        .headers()
        .get(header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or_default());
    match state.gate.admit(authorization, &action) {
        Ok(caller) => {
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        Err(denied) => {
            debug!(code = denied.code(), route = matched.as_str(), "request refused");
            let mut response = crate::http::json(denied.http_status(), denied.to_json());
            if denied.http_status() == 401 {
                let challenge = match denied {
                    Denied::MissingToken => r#"Bearer realm="ladder""#,
                    _ => r#"Bearer realm="ladder", error="invalid_token""#,
                };
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(challenge));
            }
            response
        }
    }
}

/// What a route asks to do; `None` for the routes open to anyone. A route no
/// rule names is for admins, so that a new route is closed until classified.
fn http_action(method: &Method, template: &str, params: Option<RawPathParams>) -> Option<Action> {
    match template {
        "/healthz" | "/readyz" | "/v1/openapi.json" => None,
        "/v1/commands/{name}" => {
            // The decoded name, exactly as the handler will see it.
            let name = params
                .and_then(|p| p.iter().find(|(k, _)| *k == "name").map(|(_, v)| v.to_owned()))
                .unwrap_or_default();
            Some(Action::Command(name))
        }
        "/v1/xapi/statements" => Some(Action::Statements),
        t if t.starts_with("/v1/audit/") => Some(Action::Audit),
        t if t.starts_with("/v1/admin/") => Some(Action::Administer),
        t if method == Method::GET && t.starts_with("/v1/") => Some(Action::Read),
        _ => Some(Action::Administer),
    }
}

/// The NATS front's gate: the same rules, with the token in the request
/// message's `Authorization` header.
pub(crate) fn admit_message(gate: &Gate, message: &Message, action: &Action) -> Result<Caller, Denied> {
    // NATS header names are case-sensitive; accept any spelling, as HTTP does.
    let authorization = message.headers.as_ref().and_then(|headers| {
        headers
            .iter()
            .find(|(name, _)| AsRef::<str>::as_ref(*name).eq_ignore_ascii_case("authorization"))
            .and_then(|(_, values)| values.first())
            .map(async_nats::HeaderValue::as_str)
    });
    gate.admit(authorization, action)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, reason = "test code")]
mod tests {
    use super::*;

    const PLANNER_TOKEN: &str = "planner-secret";

    fn file() -> String {
        format!(
            "# planners\nplanner {}\n\nadmin {}  # the operator\n",
            token_digest(PLANNER_TOKEN),
            token_digest("admin-secret")
        )
    }

    #[test]
    fn a_token_file_maps_digests_to_roles() {
        let tokens = Tokens::parse(&file()).unwrap();
        assert_eq!(tokens.role_of(PLANNER_TOKEN), Some(Role::Planner));
        assert_eq!(tokens.role_of("admin-secret"), Some(Role::Admin));
        assert_eq!(tokens.role_of("guess"), None);
        assert_eq!(tokens.count(Role::Planner), 1);
        assert_eq!(tokens.count(Role::Auditor), 0);
    }

    #[test]
    fn bad_lines_are_named_by_number() {
        let digest = token_digest("x");
        let cases = [
            (format!("# c\nreader {digest}\n"), 2, "unknown role `reader`"),
            ("admin abc\n".to_owned(), 1, "64 hex digits"),
            (format!("\n\nadmin {digest} extra\n"), 3, "found 3 field(s)"),
            ("admin\n".to_owned(), 1, "found 1 field(s)"),
            (format!("admin {}\n", "g".repeat(64)), 1, "not the 64 hex digits"),
        ];
        for (text, line, needle) in cases {
            let err = Tokens::parse(&text).unwrap_err();
            let TokenFileError::InvalidLine { line: at, .. } = &err else {
                panic!("{text:?}: expected an invalid line, got {err:?}");
            };
            assert_eq!(*at, line, "{text:?}: {err}");
            assert!(err.to_string().contains(needle), "{text:?}: {err}");
            assert!(err.to_string().starts_with(&format!("token file line {line}: ")));
        }
    }

    #[test]
    fn a_repeated_token_and_an_empty_file_are_refused() {
        let digest = token_digest("x");
        let err = Tokens::parse(&format!("admin {digest}\nplanner {digest}\n")).unwrap_err();
        assert!(matches!(err, TokenFileError::DuplicateToken { line: 2, first: 1 }), "{err:?}");
        let err = Tokens::parse("# nobody yet\n\n").unwrap_err();
        assert!(matches!(err, TokenFileError::NoTokens), "{err:?}");
    }

    #[test]
    fn the_gate_tells_missing_malformed_unknown_and_forbidden_apart() {
        let gate = Gate::new(Some(Tokens::parse(&file()).unwrap()));
        let read = Action::Read;
        let planner = format!("Bearer {PLANNER_TOKEN}");
        assert_eq!(gate.admit(None, &read), Err(Denied::MissingToken));
        assert_eq!(
            gate.admit(Some("Basic abc"), &read),
            Err(Denied::MalformedAuthorization)
        );
        assert_eq!(gate.admit(Some("Bearer nope"), &read), Err(Denied::UnknownToken));
        assert_eq!(
            gate.admit(Some(&planner), &read),
            Ok(Caller { role: Role::Planner })
        );
        assert_eq!(
            gate.admit(Some(&format!("bearer  {PLANNER_TOKEN} ")), &read),
            Ok(Caller { role: Role::Planner })
        );
        let denied = gate.admit(Some(&planner), &Action::Audit).unwrap_err();
        assert_eq!(denied.http_status(), 403);
        assert_eq!(
            denied.to_string(),
            "the planner role may not read the audit log; that needs the auditor or admin role"
        );
    }

    #[test]
    fn an_open_gate_admits_everyone_as_admin() {
        let gate = Gate::new(None);
        assert!(gate.is_open());
        assert_eq!(
            gate.admit(None, &Action::Administer),
            Ok(Caller { role: Role::Admin })
        );
    }

    #[test]
    fn the_permission_table() {
        use Role::{Admin, Auditor, Planner, Publisher};
        let command = |name: &str| Action::Command(name.to_owned());
        let table = [
            (command("register-erg"), vec![Publisher, Admin]),
            (command("grant-visibility-consent"), vec![Publisher, Admin]),
            (command("define-position"), vec![Planner, Admin]),
            (command("fill-position"), vec![Planner, Admin]),
            (command("no-such-command"), vec![Publisher, Planner, Admin]),
            (Action::Statements, vec![Publisher, Admin]),
            (Action::Read, vec![Planner, Auditor, Admin]),
            (Action::Audit, vec![Auditor, Admin]),
            (Action::Administer, vec![Admin]),
        ];
        for (action, allowed) in table {
            let actual: Vec<Role> = Role::ALL.into_iter().filter(|r| r.may(&action)).collect();
            assert_eq!(actual, allowed, "{action:?}");
        }
    }
}

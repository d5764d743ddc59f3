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

mod fronts;
mod tokens;

use std::fmt;
use std::str::FromStr;

use ladder_domain::CommandName;
use serde::Serialize;

pub(crate) use fronts::{admit_message, guard};
pub use tokens::{TokenFileError, Tokens, token_digest};

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
    fn the_gate_tells_missing_malformed_unknown_and_forbidden_apart() {
        let gate = Gate::new(Some(Tokens::parse(&file()).unwrap()));
        let read = Action::Read;
        let planner = format!("Bearer {PLANNER_TOKEN}");
        assert_eq!(gate.admit(None, &read), Err(Denied::MissingToken));
        assert_eq!(
            gate.admit(Some("Basic abc"), &read),
            Err(Denied::MalformedAuthorization)
        );
        assert_eq!(
            gate.admit(Some("Bearer nope"), &read),
            Err(Denied::UnknownToken)
        );
        assert_eq!(
            gate.admit(Some(&planner), &read),
            Ok(Caller {
                role: Role::Planner
            })
        );
        assert_eq!(
            gate.admit(Some(&format!("bearer  {PLANNER_TOKEN} ")), &read),
            Ok(Caller {
                role: Role::Planner
            })
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

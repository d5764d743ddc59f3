//! One token per role, and the token file that lets them in.

use ladder_service::auth::{Role, Tokens, token_digest};
use uuid::Uuid;

use crate::node::NodeOptions;

/// Fresh tokens for the four roles of one test.
#[derive(Clone, Debug)]
pub struct Callers {
    /// Sends the publishers' commands and xAPI statements.
    pub publisher: String,
    /// Sends position commands and asks queries.
    pub planner: String,
    /// Asks queries and reads the audit log.
    pub auditor: String,
    /// Does everything.
    pub admin: String,
}

impl Callers {
    /// New tokens, unlike any other test's.
    pub fn new() -> Callers {
        let token = |role: &str| format!("{role}-{}", Uuid::now_v7().simple());
        Callers {
            publisher: token("publisher"),
            planner: token("planner"),
            auditor: token("auditor"),
            admin: token("admin"),
        }
    }

    /// The token of `role`.
    pub fn token(&self, role: Role) -> &str {
        match role {
            Role::Publisher => &self.publisher,
            Role::Planner => &self.planner,
            Role::Auditor => &self.auditor,
            Role::Admin => &self.admin,
        }
    }

    /// The token file, as an operator writes it: comments, a blank line, one line
    /// per token.
    pub fn file_text(&self) -> String {
        let mut text = String::from("# tokens of one test\n\n");
        for role in Role::ALL {
            text.push_str(&format!("{role} {}\n", token_digest(self.token(role))));
        }
        text
    }

    /// The parsed token file.
    pub fn tokens(&self) -> Tokens {
        Tokens::parse(&self.file_text()).expect("the test's token file parses")
    }

    /// Node options that require these tokens.
    pub fn options(&self) -> NodeOptions {
        NodeOptions {
            tokens: Some(self.tokens()),
            ..NodeOptions::default()
        }
    }
}

impl Default for Callers {
    fn default() -> Self {
        Callers::new()
    }
}

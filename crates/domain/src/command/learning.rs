//! Learning commands. They are not in the public catalogue: Ladder issues them
//! itself after it validated and mapped an xAPI statement, so that nobody can
//! claim a certification by posting a command.

use proto_events::LearningKind;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Record what an LMS statement reported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordLearning {
    /// The learner.
    pub employee_id: Uuid,
    /// The statement id (also the command id).
    pub statement_id: Uuid,
    /// What was achieved.
    #[serde(with = "kind")]
    pub kind: LearningKind,
    /// The activity IRI.
    pub activity_id: String,
    /// The reporting LMS.
    pub issuer: String,
    /// Whether that LMS is a configured trusted issuer.
    pub issuer_trusted: bool,
    /// The digest of what the statement says (`ladder_xapi`'s
    /// `Statement::content_digest`), so that the command digest tells a statement sent
    /// again from another one reusing its id: a corrected timestamp or result changes
    /// it, though the fields above stay the same. `None` only in commands built by
    /// hand, as in tests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_digest: Option<[u8; 32]>,
}

/// Withdraw a learning record because a voiding statement points at it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevokeLearning {
    /// The learner whose record holds the statement.
    pub employee_id: Uuid,
    /// The statement being voided.
    pub statement_id: Uuid,
    /// The voiding statement (also the command id).
    pub voided_by: Uuid,
}

mod kind {
    use proto_events::LearningKind;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(kind: &LearningKind, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(kind.as_str())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<LearningKind, D::Error> {
        let name = String::deserialize(d)?;
        name.parse()
            .map_err(|_| serde::de::Error::custom(format!("unknown learning kind `{name}`")))
    }
}

//! When two statements sent under one id are the same statement.
//!
//! A statement id is the idempotency key of one learning record, so a statement
//! sent again under its id must be recognised as the same statement, and one that
//! would change the record under that id must not be. [`Statement::content_digest`]
//! is SHA-256 over everything Ladder reads of a statement (see `statement.rs`):
//! - the actor's account, by its key ([`crate::account_key`]);
//! - the verb IRI;
//! - the object: its kind, and the activity's IRI and type or the statement it
//!   references;
//! - `result.success`, `result.completion` and the score (`1` and `1.0` are one
//!   number);
//! - `context.registration` and the context activities by IRI and type, in any
//!   order, a single activity counting as a list of one;
//! - `timestamp`, to the millisecond (the precision an LRS must keep), together
//!   with the calendar date at its own offset, which is the record's date.
//!
//! Left out, so that they never make a resend differ: key order, whitespace and
//! escapes (the digest is taken of the parsed statement), `stored`, `authority`
//! and `version` (an LRS assigns them), and everything the parser drops: display
//! texts in language maps, activity names and descriptions, extensions,
//! attachments, instructor and team. Without a `timestamp` the record is dated by
//! `stored` or by the day it arrives; neither is the statement's own content, so
//! a statement sent once without and once with a `timestamp` is two statements.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::statement::{Activity, Context, Score, Statement, StatementObject, StatementResult};

impl Statement {
    /// SHA-256 over what Ladder reads of the statement, described in the module
    /// documentation: equal for a resend, different for other content under the id.
    pub fn content_digest(&self) -> [u8; 32] {
        let canonical = Canonical {
            account: self.actor.key(),
            verb: &self.verb,
            object: object(&self.object),
            result: self.result.as_ref().map(result),
            context: context(&self.context),
            timestamp: self
                .timestamp
                .map(|time| (time.at.as_millisecond(), time.date().to_string())),
        };
        // Serialising plain strings, numbers and options cannot fail; an empty input
        // would still give a digest no real statement has.
        Sha256::digest(serde_json::to_vec(&canonical).unwrap_or_default()).into()
    }
}

/// The fields in a fixed order; serde_json writes them the same way every time.
#[derive(Serialize)]
struct Canonical<'a> {
    account: [u8; 32],
    verb: &'a str,
    object: ObjectForm<'a>,
    result: Option<ResultForm>,
    context: ContextForm<'a>,
    timestamp: Option<(i64, String)>,
}

#[derive(Serialize)]
struct ObjectForm<'a> {
    kind: &'static str,
    id: Option<String>,
    activity_type: Option<&'a str>,
}

#[derive(Serialize)]
struct ResultForm {
    success: Option<bool>,
    completion: Option<bool>,
    /// `scaled`, `raw`, `min`, `max`.
    score: Option<[Option<f64>; 4]>,
}

#[derive(Serialize)]
struct ContextForm<'a> {
    registration: Option<String>,
    /// `parent`, `grouping`, `category`, `other`.
    activities: [Vec<ActivityForm<'a>>; 4],
}

/// An activity by IRI and type.
type ActivityForm<'a> = (&'a str, Option<&'a str>);

fn object(object: &StatementObject) -> ObjectForm<'_> {
    let kind = object.object_type();
    let (id, activity_type) = match object {
        StatementObject::Activity(activity) => {
            (Some(activity.id.clone()), activity.activity_type.as_deref())
        }
        StatementObject::StatementRef(target) => (Some(target.to_string()), None),
        StatementObject::Agent | StatementObject::Group | StatementObject::SubStatement => {
            (None, None)
        }
    };
    ObjectForm {
        kind,
        id,
        activity_type,
    }
}

fn result(result: &StatementResult) -> ResultForm {
    let score = result.score.map(
        |Score {
             scaled,
             raw,
             min,
             max,
         }| {
            // Adding zero turns -0 into 0, the same score.
            [scaled, raw, min, max].map(|n| n.map(|n| n + 0.0))
        },
    );
    ResultForm {
        success: result.success,
        completion: result.completion,
        score,
    }
}

fn context(context: &Context) -> ContextForm<'_> {
    ContextForm {
        registration: context.registration.map(|r| r.to_string()),
        activities: [
            listed(&context.parent),
            listed(&context.grouping),
            listed(&context.category),
            listed(&context.other),
        ],
    }
}

/// Context activities by IRI and type; their order carries no meaning.
fn listed(activities: &[Activity]) -> Vec<ActivityForm<'_>> {
    let mut list: Vec<_> = activities
        .iter()
        .map(|a| (a.id.as_str(), a.activity_type.as_deref()))
        .collect();
    list.sort_unstable();
    list
}

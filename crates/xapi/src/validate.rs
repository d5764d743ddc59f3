//! From one parsed JSON value to a [`Statement`], checking xAPI's requirements and
//! Ladder's own (an actor identified by an LMS account).
//!
//! The checks cover what Ladder reads and what xAPI 1.0.3 and 2.0 require of it.
//! Properties Ladder never reads (extensions, attachments, instructor, authority)
//! are not inspected, and unknown properties are ignored rather than refused, so
//! that an LMS adding a field does not lose its learners' records.

use serde_json::Value;

use crate::error::{StatementError, Violation};
use crate::formats;
use crate::ids;
use crate::json::{self, Object, child, element};
use crate::statement::{
    Account, Activity, Context, Score, Statement, StatementObject, StatementResult, VOIDED,
};

/// The properties that identify an agent; xAPI requires exactly one.
const IDENTIFIERS: [&str; 4] = ["account", "mbox", "mbox_sha1sum", "openid"];

const VERB_EXAMPLE: &str = "http://adlnet.gov/expapi/verbs/completed";
const ACTIVITY_EXAMPLE: &str = "https://lms.example.org/course/view.php?id=1";
const TYPE_EXAMPLE: &str = "http://adlnet.gov/expapi/activities/course";

/// Validates one statement; the error is the first requirement it breaks.
pub(crate) fn statement(value: &Value) -> Result<Statement, StatementError> {
    let root = json::object(value, "")?;
    let given_id = json::optional_formatted(root, "id", "", formats::uuid)?;
    let stamp = |err: StatementError| err.with_statement_id(given_id);

    let actor = actor(root).map_err(stamp)?;
    let verb = verb(root).map_err(stamp)?;
    let object = statement_object(root, &verb).map_err(stamp)?;
    let result = json::optional(root, "result", "", result).map_err(stamp)?;
    let context = context(root).map_err(stamp)?;
    let timestamp = json::optional_formatted(root, "timestamp", "", formats::business_timestamp);
    let stored = json::optional_formatted(root, "stored", "", formats::business_timestamp);
    let (timestamp, stored) = (timestamp.map_err(stamp)?, stored.map_err(stamp)?);
    let version = json::optional_formatted(root, "version", "", formats::version).map_err(stamp)?;

    let (id, id_derived) = match given_id {
        Some(id) => (id, false),
        None => (ids::derived_statement_id(root), true),
    };
    Ok(Statement {
        id,
        id_derived,
        actor,
        verb,
        object,
        result,
        context,
        timestamp,
        stored,
        version,
    })
}

fn object_type(object: &Object, path: &str) -> Result<Option<String>, StatementError> {
    json::optional_formatted(object, "objectType", path, |text| Ok(text.to_owned()))
}

fn actor(root: &Object) -> Result<Account, StatementError> {
    let actor = json::object(json::require(root, "actor", "")?, "actor")?;
    match object_type(actor, "actor")?.as_deref() {
        None | Some("Agent") => {}
        Some("Group") => return Err(StatementError::new("actor", Violation::GroupActor)),
        Some(other) => {
            return Err(StatementError::new(
                "actor.objectType",
                Violation::UnknownObjectType {
                    value: crate::error::shown(other),
                    allowed: "`Agent` or `Group`",
                },
            ));
        }
    }
    let found: Vec<&'static str> = IDENTIFIERS
        .into_iter()
        .filter(|key| json::get(actor, key).is_some())
        .collect();
    match found.as_slice() {
        [] => Err(StatementError::new("actor", Violation::NoIdentifier)),
        ["account"] => account(json::require(actor, "account", "actor")?, "actor.account"),
        [only] => Err(StatementError::new(
            "actor",
            Violation::NoAccount {
                identified_by: only,
            },
        )),
        _ => Err(StatementError::new(
            "actor",
            Violation::SeveralIdentifiers { found },
        )),
    }
}

fn account(value: &Value, path: &str) -> Result<Account, StatementError> {
    let account = json::object(value, path)?;
    let home_path = child(path, "homePage");
    let home_page = json::string(json::require(account, "homePage", path)?, &home_path)?;
    if !formats::is_web_address(home_page) {
        return Err(StatementError::new(home_path, Violation::HomePageNotAUrl));
    }
    let name_path = child(path, "name");
    let name = json::string(json::require(account, "name", path)?, &name_path)?;
    if name.trim().is_empty() {
        return Err(StatementError::new(name_path, Violation::EmptyAccountName));
    }
    Ok(Account::new(home_page, name))
}

fn verb(root: &Object) -> Result<String, StatementError> {
    let verb = json::object(json::require(root, "verb", "")?, "verb")?;
    let id = json::string(json::require(verb, "id", "verb")?, "verb.id")?;
    let id = formats::iri(id, VERB_EXAMPLE).map_err(|v| StatementError::new("verb.id", v))?;
    json::optional(verb, "display", "verb", json::language_map)?;
    Ok(id)
}

fn statement_object(root: &Object, verb: &str) -> Result<StatementObject, StatementError> {
    let object = json::object(json::require(root, "object", "")?, "object")?;
    let parsed = match object_type(object, "object")?.as_deref() {
        None | Some("Activity") => StatementObject::Activity(activity(object, "object")?),
        Some("StatementRef") => {
            let id = json::string(json::require(object, "id", "object")?, "object.id")?;
            let id = formats::uuid(id).map_err(|v| StatementError::new("object.id", v))?;
            StatementObject::StatementRef(id)
        }
        Some("Agent") => StatementObject::Agent,
        Some("Group") => StatementObject::Group,
        Some("SubStatement") => StatementObject::SubStatement,
        Some(other) => {
            return Err(StatementError::new(
                "object.objectType",
                Violation::UnknownObjectType {
                    value: crate::error::shown(other),
                    allowed: "`Activity`, `Agent`, `Group`, `StatementRef` or `SubStatement`",
                },
            ));
        }
    };
    if verb == VOIDED && !matches!(parsed, StatementObject::StatementRef(_)) {
        return Err(StatementError::new(
            "object",
            Violation::VoidingWithoutStatementRef,
        ));
    }
    Ok(parsed)
}

/// An activity's id and type; `object` is the activity's JSON object.
fn activity(object: &Object, path: &str) -> Result<Activity, StatementError> {
    let id_path = child(path, "id");
    let id = json::string(json::require(object, "id", path)?, &id_path)?;
    let id = formats::iri(id, ACTIVITY_EXAMPLE).map_err(|v| StatementError::new(&id_path, v))?;
    // The activity id is stored in the learning event: an address in it would stay in
    // the immutable log for good.
    if let Some(at) = ladder_domain::command::email_address_in(&id) {
        return Err(StatementError::new(&id_path, Violation::EmailInIri { at }));
    }
    let definition = json::optional(object, "definition", path, json::object)?;
    let activity_type = match definition {
        Some(definition) => {
            let path = child(path, "definition");
            json::optional(definition, "name", &path, json::language_map)?;
            json::optional(definition, "description", &path, json::language_map)?;
            json::optional_formatted(definition, "type", &path, |t| formats::iri(t, TYPE_EXAMPLE))?
        }
        None => None,
    };
    Ok(Activity { id, activity_type })
}

fn result(value: &Value, path: &str) -> Result<StatementResult, StatementError> {
    let result = json::object(value, path)?;
    let success = json::optional(result, "success", path, json::boolean)?;
    let completion = json::optional(result, "completion", path, json::boolean)?;
    json::optional(result, "response", path, json::string)?;
    json::optional_formatted(result, "duration", path, formats::duration)?;
    let score = json::optional(result, "score", path, score)?;
    Ok(StatementResult {
        success,
        completion,
        score,
    })
}

fn score(value: &Value, path: &str) -> Result<Score, StatementError> {
    let score = json::object(value, path)?;
    let read = |key: &str| json::optional(score, key, path, json::number);
    let score = Score {
        scaled: read("scaled")?,
        raw: read("raw")?,
        min: read("min")?,
        max: read("max")?,
    };
    let fail = |key: &str, violation| Err(StatementError::new(child(path, key), violation));
    if let Some(value) = score.scaled
        && !(-1.0..=1.0).contains(&value)
    {
        return fail("scaled", Violation::ScaledScoreOutOfRange { value });
    }
    if let (Some(min), Some(max)) = (score.min, score.max)
        && max <= min
    {
        return fail("max", Violation::ScoreMaxNotAboveMin { min, max });
    }
    if let (Some(raw), Some(min)) = (score.raw, score.min)
        && raw < min
    {
        return fail("raw", Violation::RawScoreBelowMin { raw, min });
    }
    if let (Some(raw), Some(max)) = (score.raw, score.max)
        && raw > max
    {
        return fail("raw", Violation::RawScoreAboveMax { raw, max });
    }
    Ok(score)
}

fn context(root: &Object) -> Result<Context, StatementError> {
    let Some(value) = json::get(root, "context") else {
        return Ok(Context::default());
    };
    let context = json::object(value, "context")?;
    let registration = json::optional_formatted(context, "registration", "context", formats::uuid)?;
    let mut parsed = Context {
        registration,
        ..Context::default()
    };
    let path = "context.contextActivities";
    if let Some(activities) = json::optional(context, "contextActivities", "context", json::object)?
    {
        parsed.parent =
            json::optional(activities, "parent", path, context_activities)?.unwrap_or_default();
        parsed.grouping =
            json::optional(activities, "grouping", path, context_activities)?.unwrap_or_default();
        parsed.category =
            json::optional(activities, "category", path, context_activities)?.unwrap_or_default();
        parsed.other =
            json::optional(activities, "other", path, context_activities)?.unwrap_or_default();
    }
    Ok(parsed)
}

/// An array of activities, or (as xAPI 1.0.0 allowed) a single activity object.
fn context_activities(value: &Value, path: &str) -> Result<Vec<Activity>, StatementError> {
    match value {
        Value::Object(object) => Ok(vec![context_activity(object, path)?]),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let path = element(path, index);
                context_activity(json::object(item, &path)?, &path)
            })
            .collect(),
        _ => Err(StatementError::new(path, Violation::NotActivities)),
    }
}

fn context_activity(object: &Object, path: &str) -> Result<Activity, StatementError> {
    match object_type(object, path)?.as_deref() {
        None | Some("Activity") => activity(object, path),
        Some(other) => Err(StatementError::new(
            child(path, "objectType"),
            Violation::UnknownObjectType {
                value: crate::error::shown(other),
                allowed: "`Activity`",
            },
        )),
    }
}

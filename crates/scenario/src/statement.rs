//! xAPI statements as the LMS sends them to Ladder's statement endpoint.
//!
//! Every statement carries its own id (the idempotency key), an actor identified by an LMS
//! account whose name is the LMS's numeric user id (never a name or an e-mail address), a
//! verb from the ADL or TLA vocabulary, an activity with its type, and a timestamp. The
//! verbs and activity types are ones Ladder's default xAPI mapping knows.

use std::fmt;

use jiff::civil::Date;
use serde::{Serialize, Serializer};
use uuid::Uuid;

use crate::calendar::Calendar;
use crate::catalogue::{Activity, LMS_HOME_PAGE};
use crate::dice::Dice;

/// The LMS user id of its administrator, who voids records made in error (Moodle's admin is
/// user 2).
pub(crate) const ADMIN_ACCOUNT: u32 = 2;

/// What happened: verb IRI and display name.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Verb {
    id: &'static str,
    display: &'static str,
}

/// ADL's `completed`, for courses, modules and learning paths.
pub(crate) const COMPLETED: Verb = Verb {
    id: "http://adlnet.gov/expapi/verbs/completed",
    display: "completed",
};
/// TLA's `mastered`, for an assessed course.
pub(crate) const MASTERED: Verb = Verb {
    id: "https://w3id.org/xapi/tla/verbs/mastered",
    display: "mastered",
};
/// TLA's `achieved`, for a credential.
pub(crate) const ACHIEVED: Verb = Verb {
    id: "https://w3id.org/xapi/tla/verbs/achieved",
    display: "achieved",
};
/// ADL's `attended`, for an event.
pub(crate) const ATTENDED: Verb = Verb {
    id: "http://adlnet.gov/expapi/verbs/attended",
    display: "attended",
};
/// ADL's `voided`, which withdraws an earlier statement.
const VOIDED: Verb = Verb {
    id: "http://adlnet.gov/expapi/verbs/voided",
    display: "voided",
};

/// Activity type IRIs.
pub(crate) mod kind {
    /// A course (ADL).
    pub(crate) const COURSE: &str = "http://adlnet.gov/expapi/activities/course";
    /// A module of a course (ADL).
    pub(crate) const MODULE: &str = "http://adlnet.gov/expapi/activities/module";
    /// An assessment (TLA).
    pub(crate) const ASSESSMENT: &str = "https://w3id.org/xapi/tla/activity-types/assessment";
    /// A credential such as a certification (TLA).
    pub(crate) const CREDENTIAL: &str = "https://w3id.org/xapi/tla/activity-types/credential";
    /// A meeting or event (ADL).
    pub(crate) const MEETING: &str = "http://adlnet.gov/expapi/activities/meeting";
}

/// When a statement happened: a day and the second of that day, in UTC.
#[derive(Clone, Copy, Debug)]
pub(crate) struct When {
    pub(crate) date: Date,
    pub(crate) second: u32,
}

impl When {
    /// A moment in working hours on `day`.
    pub(crate) fn at_work(dice: &mut Dice, calendar: &Calendar, day: i32) -> When {
        When {
            date: calendar.date(day),
            second: u32::try_from(dice.between(8 * 3_600, 19 * 3_600 - 1)).unwrap_or(0),
        }
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.second % 86_400;
        write!(
            f,
            "{}T{:02}:{:02}:{:02}Z",
            self.date,
            s / 3_600,
            s / 60 % 60,
            s % 60
        )
    }
}

/// One statement.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Statement {
    id: Uuid,
    actor: Actor,
    verb: VerbJson,
    object: Object,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<Outcome>,
    #[serde(serialize_with = "display")]
    timestamp: When,
}

#[derive(Clone, Debug, Serialize)]
struct Actor {
    #[serde(rename = "objectType")]
    object_type: &'static str,
    account: Account,
}

#[derive(Clone, Debug, Serialize)]
struct Account {
    #[serde(rename = "homePage")]
    home_page: &'static str,
    #[serde(serialize_with = "display")]
    name: u32,
}

#[derive(Clone, Debug, Serialize)]
struct VerbJson {
    id: &'static str,
    display: English,
}

#[derive(Clone, Debug, Serialize)]
struct English {
    #[serde(rename = "en-US")]
    en_us: Text,
}

/// Display text: fixed for catalogue items, made up for events.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
enum Text {
    Fixed(&'static str),
    Made(String),
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "objectType")]
enum Object {
    Activity { id: Text, definition: Definition },
    StatementRef { id: Uuid },
}

#[derive(Clone, Debug, Serialize)]
struct Definition {
    #[serde(rename = "type")]
    kind: &'static str,
    name: English,
}

#[derive(Clone, Copy, Debug, Serialize)]
struct Outcome {
    completion: bool,
    success: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<Score>,
}

#[derive(Clone, Copy, Debug, Serialize)]
struct Score {
    raw: u32,
    min: u32,
    max: u32,
}

fn display<T: fmt::Display, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

fn actor(account: u32) -> Actor {
    Actor {
        object_type: "Agent",
        account: Account {
            home_page: LMS_HOME_PAGE,
            name: account,
        },
    }
}

fn verb(verb: Verb) -> VerbJson {
    VerbJson {
        id: verb.id,
        display: English {
            en_us: Text::Fixed(verb.display),
        },
    }
}

impl Statement {
    /// `account` finished `activity` of type `kind` (a course, module, path or credential),
    /// with a score out of 100 when it was assessed.
    pub(crate) fn finished(
        id: Uuid,
        account: u32,
        how: Verb,
        activity: Activity,
        kind: &'static str,
        score: Option<u32>,
        when: When,
    ) -> Statement {
        Statement {
            id,
            actor: actor(account),
            verb: verb(how),
            object: Object::Activity {
                id: Text::Fixed(activity.id),
                definition: Definition {
                    kind,
                    name: English {
                        en_us: Text::Fixed(activity.name),
                    },
                },
            },
            result: Some(Outcome {
                completion: true,
                success: true,
                score: score.map(|raw| Score {
                    raw,
                    min: 0,
                    max: 100,
                }),
            }),
            timestamp: when,
        }
    }

    /// `account` attended the event `event_id` called `name`.
    pub(crate) fn attended(
        id: Uuid,
        account: u32,
        event_id: String,
        name: String,
        when: When,
    ) -> Statement {
        Statement {
            id,
            actor: actor(account),
            verb: verb(ATTENDED),
            object: Object::Activity {
                id: Text::Made(event_id),
                definition: Definition {
                    kind: kind::MEETING,
                    name: English {
                        en_us: Text::Made(name),
                    },
                },
            },
            result: None,
            timestamp: when,
        }
    }

    /// The LMS administrator voids the statement `target`, recorded in error.
    pub(crate) fn voiding(id: Uuid, target: Uuid, when: When) -> Statement {
        Statement {
            id,
            actor: actor(ADMIN_ACCOUNT),
            verb: verb(VOIDED),
            object: Object::StatementRef { id: target },
            result: None,
            timestamp: when,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        reason = "test code: a failed expectation is a failed test"
    )]

    use jiff::civil::date;
    use uuid::Uuid;

    use super::{COMPLETED, Statement, When, kind};
    use crate::catalogue::COURSES;

    #[test]
    fn a_completion_reads_like_an_lms_statement() {
        let when = When {
            date: date(2025, 3, 4),
            second: 9 * 3_600 + 5 * 60 + 7,
        };
        let statement = Statement::finished(
            Uuid::from_u128(1),
            1042,
            COMPLETED,
            COURSES[1],
            kind::COURSE,
            Some(88),
            when,
        );
        let json = serde_json::to_string(&statement).unwrap();
        assert_eq!(
            json,
            r#"{"id":"00000000-0000-0000-0000-000000000001","actor":{"objectType":"Agent","account":{"homePage":"https://lms.example.org","name":"1042"}},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed","display":{"en-US":"completed"}},"object":{"objectType":"Activity","id":"https://lms.example.org/courses/negotiation-skills","definition":{"type":"http://adlnet.gov/expapi/activities/course","name":{"en-US":"Negotiation skills"}}},"result":{"completion":true,"success":true,"score":{"raw":88,"min":0,"max":100}},"timestamp":"2025-03-04T09:05:07Z"}"#
        );
    }

    #[test]
    fn a_void_points_at_its_target() {
        let when = When {
            date: date(2025, 3, 5),
            second: 0,
        };
        let void = Statement::voiding(Uuid::from_u128(2), Uuid::from_u128(1), when);
        let json = serde_json::to_value(&void).unwrap();
        assert_eq!(json["object"]["objectType"], "StatementRef");
        assert_eq!(json["object"]["id"], "00000000-0000-0000-0000-000000000001");
        assert_eq!(json["actor"]["account"]["name"], "2");
        assert_eq!(json["timestamp"], "2025-03-05T00:00:00Z");
    }
}

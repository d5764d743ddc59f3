//! Small value types that appear inside events.
//!
//! Enums here are encoded by their position, so variants are only ever appended:
//! reordering or removing one would change the meaning of bytes already stored.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The kind of aggregate a commit belongs to; the second token of its subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AggregateKind {
    /// An Employee Resource Group.
    Erg,
    /// An ERG budget request and its life cycle.
    Budget,
    /// A project run by an employee, optionally for an ERG.
    Project,
    /// The link between an LMS account and an employee.
    LmsAccount,
    /// One employee's learning record, fed by the LMS.
    Learning,
    /// A mentoring relationship.
    Mentorship,
    /// A critical role and its succession.
    Position,
    /// An employee's membership of the organisation and their consents.
    Employee,
}

/// A role someone holds in an ERG.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ErgRole {
    /// Leads the group; at most one at a time.
    Chair,
    /// Shares the chair's duties.
    CoChair,
    /// Keeps the group's budget.
    Treasurer,
    /// Sits on the organising committee.
    CommitteeMember,
    /// Organises a particular event.
    EventLead,
    /// Runs the group's mentoring programme.
    MentorshipLead,
}

/// What an LMS reported someone achieved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum LearningKind {
    /// A course, module or lesson completed (or passed, mastered, satisfied).
    ModuleCompleted,
    /// A certification or badge awarded.
    CertificationAwarded,
    /// A learning event attended.
    EventAttended,
}

/// How much it matters that a position has a successor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Criticality {
    /// An ordinary role.
    Standard,
    /// Losing its holder hurts.
    High,
    /// Losing its holder stops the business.
    Critical,
}

/// How ready a candidate is for a position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Readiness {
    /// Every requirement met.
    ReadyNow,
    /// Small gaps.
    ReadySoon,
    /// Larger gaps.
    Developing,
}

/// Implements `ALL`, `as_str`, `FromStr` and `Display` for an enum of named values.
/// The names are a contract (subjects, commands, answers); `ALL` is in wire order.
macro_rules! named {
    ($ty:ident { $($variant:ident => $name:literal),* $(,)? }) => {
        impl $ty {
            /// Every value, in wire order.
            pub const ALL: [$ty; [$($name),*].len()] = [$($ty::$variant),*];

            /// The kebab-case name used in subjects, commands and answers.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $name),* }
            }
        }

        impl FromStr for $ty {
            type Err = UnknownName;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::ALL.into_iter().find(|v| v.as_str() == s)
                    .ok_or_else(|| UnknownName(s.to_owned()))
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named!(AggregateKind {
    Erg => "erg",
    Budget => "budget",
    Project => "project",
    LmsAccount => "lms-account",
    Learning => "learning",
    Mentorship => "mentorship",
    Position => "position",
    Employee => "employee",
});
named!(ErgRole {
    Chair => "chair",
    CoChair => "co-chair",
    Treasurer => "treasurer",
    CommitteeMember => "committee-member",
    EventLead => "event-lead",
    MentorshipLead => "mentorship-lead",
});
named!(LearningKind {
    ModuleCompleted => "module-completed",
    CertificationAwarded => "certification-awarded",
    EventAttended => "event-attended",
});
named!(Criticality { Standard => "standard", High => "high", Critical => "critical" });
named!(Readiness { ReadyNow => "ready-now", ReadySoon => "ready-soon", Developing => "developing" });

/// A competency level a position requires.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Requirement {
    /// The competency's id in the framework.
    pub competency: String,
    /// The level needed, from 1.
    pub level: u8,
}

/// A name that matches no variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown name `{0}`")]
pub struct UnknownName(pub String);

/// An ISO 4217 alphabetic currency code, three ASCII capitals.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "[u8; 3]", into = "[u8; 3]")]
pub struct Currency([u8; 3]);

impl Currency {
    /// The code as text, e.g. `EUR`.
    pub fn as_str(&self) -> &str {
        // Construction admits only ASCII capitals, which are valid UTF-8.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl TryFrom<[u8; 3]> for Currency {
    type Error = InvalidCurrency;

    fn try_from(code: [u8; 3]) -> Result<Self, Self::Error> {
        if code.iter().all(u8::is_ascii_uppercase) {
            Ok(Currency(code))
        } else {
            Err(InvalidCurrency(String::from_utf8_lossy(&code).into_owned()))
        }
    }
}

impl From<Currency> for [u8; 3] {
    fn from(c: Currency) -> Self {
        c.0
    }
}

impl FromStr for Currency {
    type Err = InvalidCurrency;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let code: [u8; 3] = s
            .as_bytes()
            .try_into()
            .map_err(|_| InvalidCurrency(s.to_owned()))?;
        Currency::try_from(code)
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.as_str())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A currency code that is not three ASCII capitals.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an ISO 4217 currency code (three capital letters)")]
pub struct InvalidCurrency(pub String);

/// An amount in integer minor units (cents for EUR) of a currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// Amount in minor units; never negative.
    pub minor: u64,
    /// The currency of the amount.
    pub currency: Currency,
}

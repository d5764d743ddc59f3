//! Payload encoding: `(event type, schema version)` selects the struct a body decodes to.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{DecodeError, EncodeError};
use crate::event::{Event, EventType};

/// Encodes an event's payload in its type's current version.
pub(crate) fn encode_payload(event: &Event) -> Result<Vec<u8>, EncodeError> {
    fn body<T: Serialize>(value: &T) -> Result<Vec<u8>, EncodeError> {
        postcard::to_stdvec(value).map_err(EncodeError)
    }
    match event {
        Event::ErgRegistered(e) => body(e),
        Event::ErgRoleAssigned(e) => body(e),
        Event::ErgRoleEnded(e) => body(e),
        Event::BudgetRequested(e) => body(e),
        Event::BudgetApproved(e) => body(e),
        Event::BudgetRejected(e) => body(e),
        Event::BudgetClosed(e) => body(e),
        Event::ProjectStarted(e) => body(e),
        Event::ProjectCompleted(e) => body(e),
        Event::LmsAccountLinked(e) => body(e),
        Event::LearningRecorded(e) => body(e),
        Event::LearningRevoked(e) => body(e),
        Event::MentorshipStarted(e) => body(e),
        Event::MentorshipMilestoneRecorded(e) => body(e),
        Event::MentorshipCompleted(e) => body(e),
        Event::PositionDefined(e) => body(e),
        Event::SuccessorNominated(e) => body(e),
        Event::NominationWithdrawn(e) => body(e),
        Event::PositionFilled(e) => body(e),
        Event::EmployeeOnboarded(e) => body(e),
        Event::EmployeeDeparted(e) => body(e),
        Event::VisibilityConsentGranted(e) => body(e),
        Event::VisibilityConsentWithdrawn(e) => body(e),
    }
}

/// Decodes a payload written as `version` of the type with wire code `code`.
///
/// Every version ever written stays here, upcast to the current struct.
pub(crate) fn decode_payload(code: u16, version: u16, bytes: &[u8]) -> Result<Event, DecodeError> {
    let event_type = EventType::from_code(code).ok_or(DecodeError::UnknownEventType { code })?;
    if !event_type.versions().contains(&version) {
        return Err(DecodeError::UnknownEventVersion {
            event_type: event_type.name(),
            version,
        });
    }
    let what = event_type.name();
    Ok(match event_type {
        EventType::ErgRegistered => Event::ErgRegistered(exact(what, bytes)?),
        EventType::ErgRoleAssigned => Event::ErgRoleAssigned(exact(what, bytes)?),
        EventType::ErgRoleEnded => Event::ErgRoleEnded(exact(what, bytes)?),
        EventType::BudgetRequested => Event::BudgetRequested(exact(what, bytes)?),
        EventType::BudgetApproved => Event::BudgetApproved(exact(what, bytes)?),
        EventType::BudgetRejected => Event::BudgetRejected(exact(what, bytes)?),
        EventType::BudgetClosed => Event::BudgetClosed(exact(what, bytes)?),
        EventType::ProjectStarted => Event::ProjectStarted(exact(what, bytes)?),
        EventType::ProjectCompleted => Event::ProjectCompleted(exact(what, bytes)?),
        EventType::LmsAccountLinked => Event::LmsAccountLinked(exact(what, bytes)?),
        EventType::LearningRecorded => Event::LearningRecorded(exact(what, bytes)?),
        EventType::LearningRevoked => Event::LearningRevoked(exact(what, bytes)?),
        EventType::MentorshipStarted => Event::MentorshipStarted(exact(what, bytes)?),
        EventType::MentorshipMilestoneRecorded => {
            Event::MentorshipMilestoneRecorded(exact(what, bytes)?)
        }
        EventType::MentorshipCompleted => Event::MentorshipCompleted(exact(what, bytes)?),
        EventType::PositionDefined => Event::PositionDefined(exact(what, bytes)?),
        EventType::SuccessorNominated => Event::SuccessorNominated(exact(what, bytes)?),
        EventType::NominationWithdrawn => Event::NominationWithdrawn(exact(what, bytes)?),
        EventType::PositionFilled => Event::PositionFilled(exact(what, bytes)?),
        EventType::EmployeeOnboarded => Event::EmployeeOnboarded(exact(what, bytes)?),
        EventType::EmployeeDeparted => Event::EmployeeDeparted(exact(what, bytes)?),
        EventType::VisibilityConsentGranted => Event::VisibilityConsentGranted(exact(what, bytes)?),
        EventType::VisibilityConsentWithdrawn => {
            Event::VisibilityConsentWithdrawn(exact(what, bytes)?)
        }
    })
}

/// Decodes a value that must use every byte given.
pub(crate) fn exact<T: DeserializeOwned>(
    what: &'static str,
    bytes: &[u8],
) -> Result<T, DecodeError> {
    let (value, rest) = take::<T>(what, bytes)?;
    if rest.is_empty() {
        Ok(value)
    } else {
        Err(DecodeError::TrailingBytes {
            what,
            count: rest.len(),
        })
    }
}

/// Decodes a value from the front of `bytes` and returns the rest.
pub(crate) fn take<'a, T: DeserializeOwned>(
    what: &'static str,
    bytes: &'a [u8],
) -> Result<(T, &'a [u8]), DecodeError> {
    postcard::take_from_bytes(bytes).map_err(|source| DecodeError::Malformed { what, source })
}

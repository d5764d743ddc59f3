//! Serde adapters that pin how foreign types are laid out on the wire.
//!
//! The bytes of an event must not change when a dependency changes its own serde
//! implementation, so ids, dates and timestamps are written here in fixed shapes:
//! a UUID as 16 raw bytes, a civil date as `(year, month, day)`, a timestamp as
//! signed microseconds since the Unix epoch. Decoding validates each value, so
//! a date such as February 30th is an error rather than a panic later on.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::de::Error;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

/// A UUID as 16 raw bytes (no length prefix).
pub(crate) mod uuid_bytes {
    use super::{Deserialize, Deserializer, Serialize, Serializer, Uuid};

    pub(crate) fn serialize<S: Serializer>(id: &Uuid, s: S) -> Result<S::Ok, S::Error> {
        id.as_bytes().serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Uuid, D::Error> {
        <[u8; 16]>::deserialize(d).map(Uuid::from_bytes)
    }
}

/// An optional UUID: postcard's option tag, then 16 raw bytes.
pub(crate) mod opt_uuid_bytes {
    use super::{Deserialize, Deserializer, Serialize, Serializer, Uuid};

    pub(crate) fn serialize<S: Serializer>(id: &Option<Uuid>, s: S) -> Result<S::Ok, S::Error> {
        id.map(|id| *id.as_bytes()).serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Uuid>, D::Error> {
        Ok(Option::<[u8; 16]>::deserialize(d)?.map(Uuid::from_bytes))
    }
}

/// A civil date as `(year: i16, month: u8, day: u8)`.
pub(crate) mod date {
    use super::{Date, Deserialize, Deserializer, Error as _, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
        // jiff keeps months in 1..=12 and days in 1..=31, so these casts are lossless.
        let month = u8::try_from(date.month()).map_err(serde::ser::Error::custom)?;
        let day = u8::try_from(date.day()).map_err(serde::ser::Error::custom)?;
        (date.year(), month, day).serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let (year, month, day) = <(i16, u8, u8)>::deserialize(d)?;
        let month = i8::try_from(month).map_err(D::Error::custom)?;
        let day = i8::try_from(day).map_err(D::Error::custom)?;
        Date::new(year, month, day).map_err(|err| {
            D::Error::custom(format_args!("invalid date {year}-{month}-{day}: {err}"))
        })
    }
}

/// A timestamp as signed microseconds since the Unix epoch.
pub(crate) mod timestamp {
    use super::{Deserialize, Deserializer, Error as _, Serialize, Serializer, Timestamp};

    pub(crate) fn serialize<S: Serializer>(ts: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
        ts.as_microsecond().serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        let micros = i64::deserialize(d)?;
        Timestamp::from_microsecond(micros)
            .map_err(|err| D::Error::custom(format_args!("invalid timestamp {micros}: {err}")))
    }
}

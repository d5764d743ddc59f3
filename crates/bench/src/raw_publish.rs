//! The ceiling for the command path: bare JetStream publishes shaped like Ladder's
//! appends to new aggregates, on a stream of their own.

use std::time::Duration;

use anyhow::{Context, Result, bail};
use async_nats::jetstream::{self, message::PublishMessage, stream};
use bytes::Bytes;
use uuid::Uuid;

use crate::drive::{Driven, drive};
use crate::progress;

const STREAM: &str = "BENCH_RAW";

/// Publishes Ladder's own commit bytes to the stream `BENCH_RAW` (`bench.raw.>`).
#[derive(Debug)]
pub(crate) struct RawPublisher {
    js: jetstream::Context,
    payloads: Vec<Bytes>,
}

impl RawPublisher {
    /// Connects and creates the stream, with the same storage and duplicate window as
    /// `LADDER_EVENTS` so that only Ladder's own work separates the two rates.
    /// Payloads are taken in turn from `payloads`.
    pub(crate) async fn connect(nats_url: &str, payloads: Vec<Bytes>) -> Result<RawPublisher> {
        if payloads.is_empty() {
            bail!("no commit payloads to publish");
        }
        let client = async_nats::ConnectOptions::new()
            .name("ladder-bench-raw")
            .connect(nats_url)
            .await
            .with_context(|| format!("cannot connect to NATS at {nats_url}"))?;
        let js = jetstream::ContextBuilder::new()
            .timeout(Duration::from_secs(30))
            .ack_timeout(Duration::from_secs(30))
            .build(client);
        js.create_stream(stream::Config {
            name: STREAM.to_owned(),
            subjects: vec!["bench.raw.>".to_owned()],
            storage: stream::StorageType::File,
            duplicate_window: ladder_eventlog::StreamSettings::default().duplicate_window,
            ..stream::Config::default()
        })
        .await
        .context("cannot create the BENCH_RAW stream")?;
        Ok(RawPublisher { js, payloads })
    }

    /// Publishes `count` messages with `concurrency` in flight, each awaiting its
    /// acknowledgement, each to a subject of its own with the headers Ladder sends for
    /// a new aggregate: `Nats-Expected-Last-Subject-Sequence: 0` and a fresh
    /// `Nats-Msg-Id`.
    pub(crate) async fn run(
        &self,
        label: &str,
        count: usize,
        concurrency: usize,
    ) -> Result<Driven> {
        let bar = progress::bar(label, count as u64);
        let (js, payloads) = (self.js.clone(), self.payloads.clone());
        drive(count, concurrency, &bar, move |i| {
            let js = js.clone();
            let payload = payloads[i % payloads.len()].clone();
            async move {
                let id = Uuid::now_v7();
                let publish = PublishMessage::build()
                    .payload(payload)
                    .message_id(id.to_string())
                    .expected_last_subject_sequence(0);
                let ack = js
                    .send_publish(format!("bench.raw.{}", id.simple()), publish)
                    .await
                    .context("cannot send a raw publish")?
                    .await
                    .context("a raw publish was not acknowledged")?;
                if ack.duplicate {
                    bail!("JetStream took a fresh message id for a duplicate");
                }
                Ok(0)
            }
        })
        .await
        .with_context(|| format!("{label} failed"))
    }
}

//! `POST /v1/admin/rebuild` on a running node: rebuilds asked for at the same time run
//! one at a time (the others are refused as `rebuild-running`), and afterwards the node
//! keeps projecting into the file its data directory names, which other readers
//! (`ladder query --data`, `ladder audit verify`) open.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use ladder_projection::{MODELS_FILE, ReadModels};
use ladder_tests::{Node, cmd, nats_server};
use uuid::Uuid;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_rebuilds_run_one_at_a_time_and_keep_the_live_file() {
    let nats = nats_server();
    let node = Node::start(&nats.url()).await;
    let http = node.http();
    let hr = Uuid::now_v7();
    // Enough history that a rebuild takes a while, so that the requests overlap.
    for n in 0..200 {
        http.send(&cmd::register_erg(
            hr,
            Uuid::now_v7(),
            &format!("Network {n}"),
        ))
        .await
        .accepted();
    }

    let rebuilds = (0..4).map(|_| {
        let http = http.clone();
        tokio::spawn(async move { http.rebuild().await })
    });
    let replies: Vec<_> = futures::future::join_all(rebuilds)
        .await
        .into_iter()
        .map(|joined| joined.unwrap())
        .collect();
    for reply in &replies {
        match reply.status {
            200 => assert_eq!(reply.body["matches_previous"], true, "{reply:?}"),
            409 => assert_eq!(reply.body["code"], "rebuild-running", "{reply:?}"),
            _ => panic!("a rebuild neither ran nor was refused: {reply:?}"),
        }
    }
    assert!(replies.iter().any(|r| r.status == 200), "{replies:#?}");

    // Written after the rebuilds: in the live file under its own name, not in a
    // replaced one that only this process still holds open.
    let erg = Uuid::now_v7();
    let accepted = http
        .send(&cmd::register_erg(hr, erg, "Written After"))
        .await
        .accepted();
    let seen = http
        .query(&format!("/v1/ergs/{erg}"), accepted.stream_seq)
        .await;
    assert_eq!(seen.status, 200, "{seen:?}");
    let on_disk = ReadModels::open_read_only(&node.data_dir().join(MODELS_FILE)).unwrap();
    assert!(on_disk.applied_seq().unwrap() >= accepted.stream_seq);
    assert_eq!(on_disk.erg(erg).unwrap().unwrap().name, "Written After");
}

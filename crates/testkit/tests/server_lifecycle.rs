//! Starts real nats-server processes; run `ops/install-nats` first.

use std::fs;
use std::future::Future;
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::time::Duration;

use async_nats::Error;
use async_nats::jetstream::{self, stream};
use ladder_testkit::{NatsServer, ServerOptions, TestkitError, free_port};

const STREAM: &str = "TESTKIT";
const SUBJECT: &str = "testkit.evt";

/// Runs `future` on a runtime of its own, so each step connects afresh instead of relying on
/// the client reconnecting across a restart.
fn block_on<T>(future: impl Future<Output = Result<T, Error>>) -> Result<T, Error> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(future)
}

/// Creates the test stream (file storage) and publishes `count` acknowledged messages.
fn publish(url: &str, count: usize) -> Result<(), Error> {
    block_on(async {
        let context = jetstream::new(async_nats::connect(url).await?);
        context
            .get_or_create_stream(stream::Config {
                name: STREAM.to_owned(),
                subjects: vec![SUBJECT.to_owned()],
                ..Default::default()
            })
            .await?;
        for _ in 0..count {
            context.publish(SUBJECT, "event".into()).await?.await?;
        }
        Ok(())
    })
}

fn stored_messages(url: &str) -> Result<u64, Error> {
    block_on(async {
        let context = jetstream::new(async_nats::connect(url).await?);
        let mut stream = context.get_stream(STREAM).await?;
        Ok(stream.info().await?.state.messages)
    })
}

fn stream_exists(url: &str) -> Result<bool, Error> {
    block_on(async {
        let context = jetstream::new(async_nats::connect(url).await?);
        Ok(context.get_stream(STREAM).await.is_ok())
    })
}

fn accepts_connections(port: u16) -> bool {
    TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok()
}

#[test]
fn start_serves_jetstream_on_a_loopback_port_of_its_own() {
    let server = NatsServer::start().unwrap();

    assert_ne!(server.port(), 4222);
    assert_eq!(server.url(), format!("nats://127.0.0.1:{}", server.port()));
    publish(&server.url(), 2).unwrap();
    assert_eq!(stored_messages(&server.url()).unwrap(), 2);
    assert!(server.store_dir().join("jetstream").is_dir());
}

#[test]
fn servers_side_by_side_share_nothing() {
    let first = NatsServer::start().unwrap();
    let second = NatsServer::start().unwrap();

    publish(&first.url(), 1).unwrap();

    assert_ne!(first.port(), second.port());
    assert_ne!(first.store_dir(), second.store_dir());
    assert!(!stream_exists(&second.url()).unwrap());
}

#[test]
fn restart_keeps_the_port_and_the_store() {
    let mut server = NatsServer::start().unwrap();
    let (port, store) = (server.port(), server.store_dir().to_path_buf());
    publish(&server.url(), 3).unwrap();

    server.restart().unwrap();

    assert_eq!(server.port(), port);
    assert_eq!(server.store_dir(), store);
    assert_eq!(stored_messages(&server.url()).unwrap(), 3);
}

#[test]
fn acknowledged_messages_survive_a_kill() {
    let mut server = NatsServer::start().unwrap();
    publish(&server.url(), 5).unwrap();

    server.kill();
    assert_eq!(server.pid(), None);
    assert!(!accepts_connections(server.port()));
    server.restart().unwrap();

    assert_eq!(stored_messages(&server.url()).unwrap(), 5);
}

#[test]
fn stop_and_kill_are_idempotent() {
    let mut server = NatsServer::start().unwrap();

    server.stop();
    server.stop();
    server.kill();

    assert_eq!(server.pid(), None);
    assert!(!accepts_connections(server.port()));
    server.restart().unwrap();
    assert!(server.pid().is_some());
}

#[test]
fn drop_frees_the_port_and_removes_the_temporary_store() {
    let server = NatsServer::start().unwrap();
    let (port, store) = (server.port(), server.store_dir().to_path_buf());

    drop(server);

    assert!(!accepts_connections(port));
    TcpListener::bind((Ipv4Addr::LOCALHOST, port)).unwrap();
    assert!(!store.exists());
}

#[test]
fn a_given_port_and_store_outlive_the_server() {
    let store = tempfile::tempdir().unwrap();
    let port = free_port().unwrap();
    let options = ServerOptions::new().port(port).store_dir(store.path());

    let first = NatsServer::start_with(options.clone()).unwrap();
    assert_eq!(first.port(), port);
    publish(&first.url(), 4).unwrap();
    drop(first);
    let second = NatsServer::start_with(options).unwrap();

    assert_eq!(second.port(), port);
    assert_eq!(stored_messages(&second.url()).unwrap(), 4);
    drop(second);
    assert!(store.path().join("jetstream").is_dir());
}

#[test]
fn a_server_that_exits_during_startup_reports_its_log() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("broken.conf");
    fs::write(&config, "jetstream { sync_interval: sometimes }\n").unwrap();

    let err = NatsServer::start_with(ServerOptions::new().config(&config)).unwrap_err();

    match err {
        TestkitError::Exited { log_tail, .. } => {
            assert!(log_tail.contains("sync_interval"), "{log_tail}");
        }
        other => panic!("expected an exit during startup, got {other}"),
    }
}

#[test]
fn a_port_held_by_another_process_is_not_mistaken_for_the_server() {
    // Accepting connections is no proof that our server listens: the probe must check its name.
    let squatter = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = squatter.local_addr().unwrap().port();

    let err = NatsServer::start_with(
        ServerOptions::new()
            .port(port)
            .ready_timeout(Duration::from_secs(5)),
    )
    .unwrap_err();

    assert!(
        matches!(
            err,
            TestkitError::Exited { .. } | TestkitError::NotReady { .. }
        ),
        "{err}"
    );
}

#[test]
fn port_4222_is_refused() {
    let err = NatsServer::start_with(ServerOptions::new().port(4222)).unwrap_err();

    assert!(
        matches!(err, TestkitError::ReservedPort { port: 4222 }),
        "{err}"
    );
}

//! Starting with and without a token file: an open node refuses any address but
//! loopback, a bad token file is named by line, `ladder token new` makes a token
//! its own line lets in, and the CLI presents `--token` over HTTP and NATS.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

use std::net::{Ipv4Addr, SocketAddr};
use std::process::{Command, Output, Stdio};

use ladder_service::auth::{Role, Tokens, token_digest};
use ladder_service::{ServeConfig, ServiceError, serve};
use ladder_tests::{Callers, LadderProcess, Node, nats_server};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

fn ladder(args: &[&str]) -> Output {
    Command::new(LadderProcess::binary())
        .args(args)
        .env_remove("LADDER_CONFIG")
        .env_remove("LADDER_TOKENS")
        .env_remove("LADDER_TOKEN")
        .stdin(Stdio::null())
        .output()
        .expect("run the ladder binary")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[tokio::test]
async fn an_open_node_refuses_a_non_loopback_address() {
    let data = tempfile::tempdir().unwrap();
    // Refused before anything is opened or connected: no NATS server is needed.
    let config = ServeConfig::new(
        "nats://127.0.0.1:1",
        data.path(),
        SocketAddr::from((Ipv4Addr::UNSPECIFIED, 0)),
    );
    let err = serve(config, CancellationToken::new()).await.unwrap_err();
    assert!(matches!(err, ServiceError::OpenAccess { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("0.0.0.0:0"), "{message}");
    assert!(message.contains("--tokens"), "{message}");
}

#[tokio::test]
async fn the_binary_names_the_address_and_the_option() {
    let data = tempfile::tempdir().unwrap();
    let data = data.path().to_str().unwrap();
    let output = ladder(&[
        "serve",
        "--nats",
        "nats://127.0.0.1:1",
        "--data",
        data,
        "--http",
        "0.0.0.0:0",
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(
        text.contains("refusing to listen on 0.0.0.0:0") && text.contains("--tokens FILE"),
        "{text}"
    );
}

#[tokio::test]
async fn a_bad_token_file_is_named_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tokens");
    let digest = token_digest("x");
    std::fs::write(&path, format!("# ops\nadmin {digest}\nreader {digest}\n")).unwrap();
    let output = ladder(&[
        "serve",
        "--nats",
        "nats://127.0.0.1:1",
        "--data",
        dir.path().join("data").to_str().unwrap(),
        "--tokens",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(
        text.contains("token file line 3: unknown role `reader`"),
        "{text}"
    );
}

#[test]
fn token_new_prints_a_token_and_the_line_that_admits_it() {
    let output = ladder(&["token", "new", "--role", "planner"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    let [token, line] = lines[..] else {
        panic!("a token and a file line: {text}");
    };
    assert!(
        token.starts_with("ldr_") && token.len() == 4 + 64,
        "{token}"
    );
    let tokens = Tokens::parse(line).unwrap();
    assert_eq!(tokens.count(Role::Planner), 1);
    assert_eq!(line, format!("planner {}", token_digest(token)));
    let again = ladder(&["token", "new", "--role", "planner"]);
    assert_ne!(again.stdout, text.as_bytes(), "every token is fresh");
    let wrong = ladder(&["token", "new", "--role", "reader"]);
    assert!(!wrong.status.success());
    assert!(
        stderr(&wrong).contains("unknown role `reader`"),
        "{}",
        stderr(&wrong)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_presents_its_token_over_http_and_nats() {
    let nats = nats_server();
    let callers = Callers::new();
    let node = Node::start_with(&nats.url(), callers.options()).await;
    let base = node.http().base().to_owned();
    let erg = Uuid::now_v7();
    let body = json!({
        "command_id": Uuid::now_v7(),
        "actor": Uuid::now_v7(),
        "erg_id": erg,
        "name": "Veterans in Tech",
        "sensitive": false,
    })
    .to_string();

    let refused = ladder(&["send", "register-erg", &body, "--http", &base]);
    assert_eq!(refused.status.code(), Some(1));
    let reply: Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert_eq!(reply["code"], "missing-token", "{reply}");

    let sent = ladder(&[
        "send",
        "register-erg",
        &body,
        "--http",
        &base,
        "--token",
        &callers.publisher,
    ]);
    assert!(sent.status.success(), "{}", stderr(&sent));
    let reply: Value = serde_json::from_slice(&sent.stdout).unwrap();
    let seq = reply["stream_seq"].as_u64().unwrap().to_string();

    let erg_text = erg.to_string();
    let query = |transport: &[&str], token: &str| {
        let mut args = vec!["query", "erg", erg_text.as_str(), "--min-seq", &seq];
        args.extend_from_slice(transport);
        let output = Command::new(LadderProcess::binary())
            .args(&args)
            .env("LADDER_TOKEN", token)
            .env_remove("LADDER_CONFIG")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let body: Value = serde_json::from_slice(&output.stdout).unwrap();
        (output.status.code(), body)
    };
    let http = ["--http", base.as_str()];
    let over_nats = ["--nats", node.nats_url()];
    for transport in [&http[..], &over_nats[..]] {
        let (code, answer) = query(transport, &callers.planner);
        assert_eq!(code, Some(0), "{transport:?}: {answer}");
        assert_eq!(answer["erg_id"], json!(erg), "{transport:?}");
        let (code, answer) = query(transport, &callers.publisher);
        assert_eq!(code, Some(1), "{transport:?}: {answer}");
        assert_eq!(answer["code"], "forbidden", "{transport:?}: {answer}");
    }

    let rebuild = ladder(&["rebuild", "--http", &base, "--token", &callers.planner]);
    assert_eq!(rebuild.status.code(), Some(1));
    let rebuild = ladder(&["rebuild", "--http", &base, "--token", &callers.admin]);
    assert!(rebuild.status.success(), "{}", stderr(&rebuild));
}

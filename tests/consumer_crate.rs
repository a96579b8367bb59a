//! A crate outside the workspace (`tests/consumer`) generates bindings in its own build.rs,
//! calls a generated method against a local server, and does not rerun its build script when
//! nothing changed.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn consumer() -> PathBuf {
    support::repo().join("tests/consumer")
}

/// Shares the scratch crate's target directory: the runtime's dependencies build once.
fn cargo(args: &[&str], base_url: &str) -> Output {
    let dir = consumer();
    if !dir.join("Cargo.lock").exists() {
        std::fs::copy(support::repo().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    }
    let output = Command::new(env!("CARGO"))
        .arg("--offline")
        .args(args)
        .current_dir(&dir)
        .env(
            "CARGO_TARGET_DIR",
            support::repo().join("target/wixgen-scratch/target"),
        )
        .env("WIX_BASE_URL", base_url)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
    output
}

/// Answers one HTTP request with `body`; returns the server's URL and the request line it saw.
fn one_shot_server(body: &'static str) -> (String, std::thread::JoinHandle<(String, Vec<String>)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut request_line = String::new();
        reader.read_line(&mut request_line).unwrap();
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line.trim().is_empty() {
                break;
            }
            headers.push(line.trim().to_ascii_lowercase());
        }
        write!(stream, "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len()).unwrap();
        (request_line.trim().to_string(), headers)
    });
    (url, handle)
}

fn build_runs(out_dir: &Path) -> usize {
    std::fs::read_to_string(out_dir.join("build-runs.log"))
        .unwrap()
        .lines()
        .count()
}

#[test]
fn a_consumer_crate_generates_calls_and_does_not_rebuild_needlessly() {
    let (url, server) =
        one_shot_server(r#"{"widget": {"id": "w-1", "name": "Gizmo", "size": "LARGE"}}"#);
    let run = cargo(&["run", "--quiet"], &url);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("widget Gizmo is Some(Large)"), "{stdout}");
    let (request_line, headers) = server.join().unwrap();
    assert_eq!(
        request_line,
        "GET /widgets/v1/widgets/w-1?fields=name&fields=size&widgetId=w-1 HTTP/1.1"
    );
    assert!(
        headers.contains(&"authorization: consumer-key".to_string()),
        "{headers:?}"
    );
    assert!(
        headers.contains(&"wix-site-id: consumer-site".to_string()),
        "{headers:?}"
    );

    let out_dir = PathBuf::from(
        stdout
            .lines()
            .find_map(|l| l.strip_prefix("out_dir="))
            .unwrap(),
    );
    let runs = build_runs(&out_dir);
    cargo(&["build", "--quiet"], &url);
    assert_eq!(
        build_runs(&out_dir),
        runs,
        "the build script ran again although nothing changed"
    );
}

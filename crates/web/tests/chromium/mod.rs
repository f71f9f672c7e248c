//! Chromium through chromedriver for the browser tests: find the programs, start the driver on
//! a free port (stopped when the guard drops, however the test ends) and open a headless session
//! with no background networking (this machine has no network but loopback).

#![allow(dead_code)]

use fantoccini::{Client, ClientBuilder, Locator};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The first of `names` found on the PATH.
pub fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|d| names.iter().map(move |n| d.join(n))).find(|p| p.is_file())
}

pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.trim().is_empty())
}

/// Stops chromedriver when the test ends, however it ends.
pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

pub async fn start_driver(driver: &Path) -> (Driver, u16) {
    let port = free_port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", driver.display()));
    let guard = Driver(child);
    let t0 = Instant::now();
    while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
        assert!(t0.elapsed() < Duration::from_secs(20), "chromedriver did not listen on port {port}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (guard, port)
}

pub async fn connect(port: u16, chromium: &Path, profile: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": chromium.display().to_string(),
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--hide-scrollbars",
                format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .unwrap_or_else(|e| panic!("cannot open a Chromium session: {e}"))
}

/// The text of the page's `main`, with no-break spaces as spaces.
pub async fn body_text(c: &Client) -> String {
    c.find(Locator::Css("main")).await.unwrap().text().await.unwrap().replace(['\u{a0}', '\u{202f}'], " ")
}

/// Waits (10 s at most) until the browser is on a path starting with `prefix`.
pub async fn wait_for_path(c: &Client, prefix: &str) {
    let t0 = Instant::now();
    while !c.current_url().await.unwrap().path().starts_with(prefix) {
        assert!(t0.elapsed() < Duration::from_secs(10), "did not reach {prefix}: at {}", c.current_url().await.unwrap());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Signs `login` in through the workspace's form in `lang`.
pub async fn sign_in(c: &Client, base: &str, lang: &str, login: &str, password: &str) {
    c.goto(&format!("{base}/{lang}/ws/sign-in")).await.unwrap();
    c.find(Locator::Css("#login")).await.unwrap().send_keys(login).await.unwrap();
    c.find(Locator::Css("#password")).await.unwrap().send_keys(password).await.unwrap();
    c.find(Locator::Css("form.ws button")).await.unwrap().click().await.unwrap();
    wait_for_path(c, &format!("/{lang}/ws/")).await;
}

/// Signs out with the workspace home's button, back to the portal in `lang`.
pub async fn sign_out(c: &Client, base: &str, lang: &str) {
    c.goto(&format!("{base}/{lang}/ws/")).await.unwrap();
    c.find(Locator::Css("form.inline button")).await.unwrap().click().await.unwrap();
    wait_for_path(c, &format!("/{lang}/")).await;
}

/// The current page does not scroll sideways at 320 px (layout may take a moment to settle);
/// the window is back at 1200 px afterwards.
pub async fn no_sideways_scroll(c: &Client, what: &str) {
    c.set_window_size(320, 1600).await.unwrap();
    let mut last = serde_json::Value::Null;
    for _ in 0..10 {
        last = c.execute("return [document.documentElement.scrollWidth, window.innerWidth];", vec![]).await.unwrap();
        if last[0].as_i64().unwrap_or(0) <= last[1].as_i64().unwrap_or(0) {
            c.set_window_size(1200, 1000).await.unwrap();
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("{what}: the page scrolls sideways at 320 px: {last}");
}

/// The current page is under the 150 KB page budget and does not scroll sideways at 320 px.
pub async fn fits(c: &Client, what: &str) {
    let size = c.execute("return document.documentElement.outerHTML.length;", vec![]).await.unwrap();
    assert!(size.as_i64().unwrap_or(i64::MAX) < 150 * 1024, "{what}: {size} characters");
    no_sideways_scroll(c, what).await;
}

/// The text of a PDF as poppler's `pdftotext` reads it, when that program is here.
pub fn pdftotext(pdf: &[u8]) -> Option<String> {
    let bin = on_path(&["pdftotext"])?;
    let dir = tempfile::tempdir().ok()?;
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).ok()?;
    let out = Command::new(bin).arg("-enc").arg("UTF-8").arg(&file).arg("-").output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).replace(['\u{a0}', '\u{202f}'], " "))
}

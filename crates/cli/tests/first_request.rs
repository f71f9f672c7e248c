//! The first reader after `mprofile serve` starts, on the real data: the home page answers at
//! once, while the ten country documents are still being built in the background, and says
//! which countries are being prepared rather than leaving them out or waiting for them.
//!
//! Building one document takes seconds of CPU in a debug build; when that ran on the server's
//! request workers, the first home page waited for it (over a minute on a loaded machine).

mod common;

use common::*;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Longest the first home page may take. The page's own work (a few small queries and a
/// template) is about 0.1 s in a debug build; one document alone is several seconds, so a page
/// that waits for any document cannot pass, even on a loaded machine.
const FIRST_PAGE: Duration = Duration::from_secs(3);

/// The server, stopped when the test ends (also when it fails).
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One HTTP/1.1 GET; (status code, body).
fn get(port: u16, path: &str) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(300)))?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    Ok((status, body))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

#[test]
fn the_first_home_page_after_start_does_not_wait_for_the_documents() {
    if !data_dir().join("PROVENANCE.md").exists() {
        eprintln!("skipping: no data mirror at {} (set MPROFILE_DATA)", data_dir().display());
        return;
    }
    for (_guard, db) in stores("first_request") {
        ok(&mprofile(&db, &["init"]));
        // One source with a key figure for every country is enough for the home page's cards;
        // the documents still take seconds each to build (charts, tables, every section), so a
        // page that waited for them is still caught, and the test stays cheap.
        ok(&mprofile(&db, &["import", "-q", "--source", "undesa-ims"]));
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_mprofile"))
            .args(["--db", &db, "serve", "--addr", &format!("127.0.0.1:{port}")])
            .env_remove("MPROFILE_FRAMEWORK")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("mprofile serve starts");
        let _server = Server(child);
        let started = Instant::now();
        while !get(port, "/healthz").is_ok_and(|(s, _)| s == 200) {
            assert!(started.elapsed() < Duration::from_secs(120), "the server did not answer /healthz within 2 minutes");
            std::thread::sleep(Duration::from_millis(50));
        }

        let t = Instant::now();
        let (status, body) = get(port, "/fr/").expect("the home page answers");
        let took = t.elapsed();
        eprintln!("{db}: first /fr/ in {took:?}");
        assert_eq!(status, 200, "{body}");
        assert!(took < FIRST_PAGE, "the first home page took {took:?} (at most {FIRST_PAGE:?}): it waited for documents");
        // Every profile country has its card; those not built yet say so, honestly, and link
        // to their profile (built on demand) instead of vanishing from the page.
        let cards = body.matches("<li><h3><a href=\"/fr/country/").count();
        assert_eq!(cards, 10, "one card per profile country:\n{body}");
        let pending = body.matches("Chiffres clés en préparation").count();
        assert!(pending >= 1, "right after start some documents are still being built, and the page says so:\n{body}");

        // A country page that needs a document not built yet still answers (built on demand),
        // and the home page lists it with its figures afterwards.
        let (status, page) = get(port, "/fr/country/SEN").expect("the country page answers");
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Sénégal"), "{page}");
        let (_, body) = get(port, "/fr/").expect("the home page answers");
        let sen = body.split("<li><h3><a href=\"/fr/country/SEN\">").nth(1).and_then(|c| c.split("</li>").next()).unwrap_or("");
        assert!(
            sen.contains("<dl>") && !sen.contains("en préparation"),
            "Senegal's card has its figures once its document is built:\n{sen}"
        );
    }
}

//! `wixgen fetch` against a docs portal on 127.0.0.1: a menu crawled, a refresh that rewrites
//! only the page that changed, 404, 429 then 200, a redirect, an HTML answer, an article
//! skipped, a full-docs file split into its pages, a page served collapsed onto one line, and a
//! first refresh of pages written by hand.

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};
use wixgen::fetch::{self, Options, Report};

/// A method page of package `things` whose link ends in `slug`.
fn method_page(title: &str, slug: &str, description: &str) -> String {
    support::page(
        " Method: doThing\n URL: https://www.wixapis.com/things/v1/things\n Method: POST\n Method parameters:\n  param name: id | type: string | description: The id.\n",
        "",
    )
    .replace("# DoThing", &format!("# {title}"))
    .replace("Does a thing.", description)
    .replace(
        "https://dev.wix.com/x.md",
        &format!("https://dev.wix.com/docs/api/things/{slug}.md"),
    )
}

/// What the portal serves: path → (status, body, extra header); each page has an ETag of its
/// body and answers 304 to it.
#[derive(Clone, Default)]
struct Portal(Arc<Mutex<BTreeMap<String, Served>>>);

/// A path's status, body and one extra header.
type Served = (u16, String, Option<(String, String)>);

impl Portal {
    fn serve(&self, path: &str, status: u16, body: &str) {
        self.0
            .lock()
            .unwrap()
            .insert(path.to_string(), (status, body.to_string(), None));
    }

    fn serve_with(&self, path: &str, status: u16, body: &str, header: (&str, &str)) {
        let header = Some((header.0.to_string(), header.1.to_string()));
        self.0
            .lock()
            .unwrap()
            .insert(path.to_string(), (status, body.to_string(), header));
    }
}

impl Respond for Portal {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut pages = self.0.lock().unwrap();
        let Some((status, body, header)) = pages.get(request.url.path()).cloned() else {
            return ResponseTemplate::new(404);
        };
        // A 429 answers once, then the page is served.
        if status == 429 {
            pages.insert(request.url.path().to_string(), (200, body, None));
            return ResponseTemplate::new(429).insert_header("retry-after", "0");
        }
        let etag = format!("\"{}\"", body.len());
        let matches = request
            .headers
            .get("if-none-match")
            .is_some_and(|v| v.to_str().unwrap() == etag);
        let mut response = if status == 200 && matches {
            ResponseTemplate::new(304)
        } else {
            ResponseTemplate::new(status)
                .set_body_raw(body.into_bytes(), "text/markdown")
                .insert_header("etag", etag.as_str())
        };
        if let Some((name, value)) = header {
            response = response.insert_header(name.as_str(), value.as_str());
        }
        response
    }
}

struct Site {
    runtime: tokio::runtime::Runtime,
    server: MockServer,
    portal: Portal,
}

impl Site {
    fn start() -> Site {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let portal = Portal::default();
        let server = runtime.block_on(async {
            let server = MockServer::start().await;
            Mock::given(wiremock::matchers::any())
                .respond_with(portal.clone())
                .mount(&server)
                .await;
            server
        });
        Site {
            runtime,
            server,
            portal,
        }
    }

    fn options(&self) -> Options {
        Options {
            base_url: Some(self.server.uri()),
            ..Options::default()
        }
    }

    /// The paths requested so far.
    fn requested(&self) -> Vec<String> {
        self.runtime
            .block_on(self.server.received_requests())
            .unwrap()
            .iter()
            .map(|r| r.url.path().to_string())
            .collect()
    }
}

fn quiet() {}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    names
}

/// A menu page listing two methods, an article, and a link outside its path.
fn menu(site: &Site) {
    site.portal.serve(
        "/docs/api/things.md",
        200,
        "# Things\n\n- [Do Thing](https://dev.wix.com/docs/api/things/do-thing.md)\n- [Other Thing](/docs/api/things/other-thing.md)\n- [About things](https://dev.wix.com/docs/api/things/about.md)\n- [Elsewhere](https://dev.wix.com/docs/elsewhere/x.md)\n",
    );
    site.portal.serve(
        "/docs/api/things/do-thing.md",
        200,
        &method_page("DoThing", "do-thing", "Does a thing."),
    );
    site.portal.serve(
        "/docs/api/things/other-thing.md",
        200,
        &method_page("OtherThing", "other-thing", "Does another."),
    );
    site.portal.serve(
        "/docs/api/things/about.md",
        200,
        "# About things\n\nAn article.\n",
    );
}

fn crawl(site: &Site, dir: &Path) -> Report {
    fetch::fetch(
        &["https://dev.wix.com/docs/api/things".to_string()],
        dir,
        site.options(),
        &quiet,
    )
    .unwrap()
}

#[test]
fn a_menu_is_crawled_for_its_method_pages_and_articles_are_skipped() {
    let site = Site::start();
    menu(&site);
    let dir = tempfile::tempdir().unwrap();
    let report = crawl(&site, dir.path());
    assert_eq!(files(dir.path()), ["do-thing.md", "other-thing.md"]);
    assert_eq!(report.new, ["do-thing.md", "other-thing.md"]);
    assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
    assert!(report.skipped[0].contains("about") && report.skipped[0].contains("not a method page"));
    assert!(
        !site.requested().iter().any(|p| p.contains("elsewhere")),
        "links outside the menu's path are not followed"
    );
    // What was fetched imports.
    let imported = wixgen::import::import(&[dir.path().to_path_buf()], None).unwrap();
    assert!(!imported.has_errors(), "{:?}", imported.error_messages());
    assert_eq!(imported.summary().methods, 2);
}

#[test]
fn a_refresh_rewrites_only_the_page_that_changed_and_reports_a_gone_one() {
    let site = Site::start();
    menu(&site);
    let dir = tempfile::tempdir().unwrap();
    crawl(&site, dir.path());
    let modified = |name: &str| {
        std::fs::metadata(dir.path().join(name))
            .unwrap()
            .modified()
            .unwrap()
    };
    let other_before = modified("other-thing.md");
    std::thread::sleep(std::time::Duration::from_millis(20));

    site.portal.serve(
        "/docs/api/things/do-thing.md",
        200,
        &method_page("DoThing", "do-thing", "Does a thing, now better."),
    );
    let before = site.requested().len();
    let report = fetch::refresh(dir.path(), site.options(), &quiet).unwrap();
    assert_eq!(report.changed, ["do-thing.md"]);
    assert!(
        report.new.is_empty() && report.gone.is_empty(),
        "{report:?}"
    );
    assert_eq!(
        modified("other-thing.md"),
        other_before,
        "an unchanged page is not rewritten"
    );
    assert!(std::fs::read_to_string(dir.path().join("do-thing.md"))
        .unwrap()
        .contains("now better"));
    assert!(site.requested().len() > before);

    // A page that answers 404: reported, its file kept.
    site.portal
        .0
        .lock()
        .unwrap()
        .remove("/docs/api/things/other-thing.md");
    let report = fetch::refresh(dir.path(), site.options(), &quiet).unwrap();
    assert_eq!(report.gone.len(), 1, "{report:?}");
    assert!(report.gone[0].ends_with("other-thing.md"));
    assert!(dir.path().join("other-thing.md").exists());
}

#[test]
fn a_429_is_retried_and_a_redirect_followed() {
    let site = Site::start();
    site.portal.serve(
        "/docs/api/things/do-thing.md",
        429,
        &method_page("DoThing", "do-thing", "Does a thing."),
    );
    site.portal.serve_with(
        "/docs/api/moved.md",
        301,
        "",
        ("location", "/docs/api/things/other-thing.md"),
    );
    site.portal.serve(
        "/docs/api/things/other-thing.md",
        200,
        &method_page("OtherThing", "other-thing", "Does another."),
    );
    let dir = tempfile::tempdir().unwrap();
    let urls = [
        "https://dev.wix.com/docs/api/things/do-thing".to_string(),
        "https://dev.wix.com/docs/api/moved.md".to_string(),
    ];
    let report = fetch::fetch(&urls, dir.path(), site.options(), &quiet).unwrap();
    assert!(report.failed.is_empty(), "{report:?}");
    assert_eq!(files(dir.path()), ["do-thing.md", "other-thing.md"]);
    let asked = site.requested();
    assert_eq!(
        asked.iter().filter(|p| p.ends_with("do-thing.md")).count(),
        2,
        "{asked:?}"
    );
}

#[test]
fn an_html_answer_is_an_error_naming_the_url() {
    let site = Site::start();
    let dir = tempfile::tempdir().unwrap();
    site.portal.serve(
        "/docs/api/things/do-thing.md",
        200,
        "<!DOCTYPE html><html><body>docs</body></html>",
    );
    let report = fetch::fetch(
        &["https://dev.wix.com/docs/api/things/do-thing".to_string()],
        dir.path(),
        site.options(),
        &quiet,
    )
    .unwrap();
    assert_eq!(report.failed.len(), 1);
    assert!(
        report.failed[0].contains("/docs/api/things/do-thing.md")
            && report.failed[0].contains("HTML"),
        "{:?}",
        report.failed
    );
    assert!(files(dir.path()).is_empty());
}

#[test]
fn a_full_docs_file_is_split_into_its_method_pages() {
    let site = Site::start();
    let full = format!(
        "{}\n{}\n# An article\n\nNot a method.\n",
        method_page("DoThing", "do-thing", "Does a thing."),
        method_page("OtherThing", "other-thing", "Does another.")
    );
    site.portal.serve("/docs/llms-full.txt", 200, &full);
    let dir = tempfile::tempdir().unwrap();
    let report = fetch::fetch(
        &["https://dev.wix.com/docs/llms-full.txt".to_string()],
        dir.path(),
        site.options(),
        &quiet,
    )
    .unwrap();
    assert_eq!(report.new, ["do-thing.md", "other-thing.md"], "{report:?}");
    assert_eq!(
        report.skipped,
        ["https://dev.wix.com/docs/llms-full.txt: 1 article left out (no `# Method link:`)"]
    );
    // Two methods whose links end alike: the package goes in front of each name.
    let twin = method_page("DoThing", "do-thing", "The same name elsewhere.")
        .replace("# Package: things", "# Package: stuff")
        .replace(
            "/docs/api/things/do-thing.md",
            "/docs/api/stuff/do-thing.md",
        );
    site.portal.serve(
        "/docs/twins.txt",
        200,
        &format!(
            "{}\n{twin}",
            method_page("DoThing", "do-thing", "Does a thing.")
        ),
    );
    let twins = tempfile::tempdir().unwrap();
    let report = fetch::fetch(
        &["https://dev.wix.com/docs/twins.txt".to_string()],
        twins.path(),
        site.options(),
        &quiet,
    )
    .unwrap();
    assert_eq!(
        report.new,
        ["stuff-do-thing.md", "things-do-thing.md"],
        "{report:?}"
    );
    let one = std::fs::read_to_string(dir.path().join("do-thing.md")).unwrap();
    assert!(
        one.starts_with("# DoThing") && !one.contains("OtherThing"),
        "{one}"
    );
    // Fetching again: 304, nothing downloaded or written.
    let report = fetch::fetch(
        &["https://dev.wix.com/docs/llms-full.txt".to_string()],
        dir.path(),
        site.options(),
        &quiet,
    )
    .unwrap();
    assert!(
        report.new.is_empty() && report.changed.is_empty(),
        "{report:?}"
    );
}

#[test]
fn plain_http_is_refused_for_other_than_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let options = Options {
        base_url: Some("http://docs.example.com".into()),
        ..Options::default()
    };
    let error = fetch::fetch(
        &["https://dev.wix.com/docs/x".to_string()],
        dir.path(),
        options,
        &quiet,
    )
    .unwrap_err();
    assert!(error.contains("not https"), "{error}");
}

/// The seed page's link and where the portal serves it.
const SEED_LINK: &str = "https://dev.wix.com/docs/api-reference/business-management/marketing/referral-program/referred-friends/create-referred-friend";
const SEED_PATH: &str = "/docs/api-reference/business-management/marketing/referral-program/referred-friends/create-referred-friend.md";

#[test]
fn a_page_served_collapsed_onto_one_line_is_a_method_page() {
    let flattened = std::fs::read_to_string(
        support::repo().join("tests/fixtures/seed/create-referred-friend.flattened.md"),
    )
    .unwrap();
    assert_eq!(flattened.lines().count(), 1, "the page is collapsed");
    let site = Site::start();
    site.portal.serve(SEED_PATH, 200, &flattened);
    let dir = tempfile::tempdir().unwrap();
    let report =
        fetch::fetch(&[SEED_LINK.to_string()], dir.path(), site.options(), &quiet).unwrap();
    assert_eq!(report.new, ["create-referred-friend.md"], "{report:?}");
    assert!(
        report.skipped.is_empty() && report.failed.is_empty(),
        "{report:?}"
    );
    let imported = wixgen::import::import(&[dir.path().to_path_buf()], None).unwrap();
    assert!(!imported.has_errors(), "{:?}", imported.error_messages());
    assert_eq!(imported.summary().methods, 1);
    // Its file is found again by its link: a refresh asks for it and finds it unchanged.
    let report = fetch::refresh(dir.path(), site.options(), &quiet).unwrap();
    assert_eq!(
        report.unchanged,
        ["create-referred-friend.md"],
        "{report:?}"
    );
    assert!(
        report.new.is_empty() && report.changed.is_empty(),
        "{report:?}"
    );
}

#[test]
fn a_first_refresh_of_pages_written_by_hand_finds_them_unchanged() {
    // The checked-in pages differ from what the portal serves only at the end: one without a
    // final newline, one with a blank line more.
    let restored = std::fs::read_to_string(
        support::repo().join("tests/fixtures/seed/create-referred-friend.restored.md"),
    )
    .unwrap();
    let site = Site::start();
    let dir = tempfile::tempdir().unwrap();
    let by_hand = format!("{}\n\n", restored.trim_end());
    std::fs::write(dir.path().join("friend.md"), &by_hand).unwrap();
    site.portal.serve(SEED_PATH, 200, restored.trim_end());
    let other = method_page("DoThing", "do-thing", "Does a thing.");
    std::fs::write(dir.path().join("do-thing.md"), other.trim_end()).unwrap();
    site.portal
        .serve("/docs/api/things/do-thing.md", 200, &other);

    let report = fetch::refresh(dir.path(), site.options(), &quiet).unwrap();
    assert!(
        report.changed.is_empty() && report.new.is_empty(),
        "{report:?}"
    );
    assert_eq!(report.unchanged, ["do-thing.md", "friend.md"], "{report:?}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("friend.md")).unwrap(),
        by_hand,
        "an unchanged page is not rewritten"
    );
    // A real change is still one.
    site.portal.serve(
        SEED_PATH,
        200,
        &restored.replace("Contact GUID", "The contact GUID"),
    );
    let report = fetch::refresh(dir.path(), site.options(), &quiet).unwrap();
    assert_eq!(report.changed, ["friend.md"], "{report:?}");
}

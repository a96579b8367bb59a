//! `wixgen fetch`: Wix method pages from the docs portal into a directory, one file per method,
//! and `--refresh` to bring that directory up to date. Behind the `fetch` feature (part of the
//! CLI), so that build scripts never compile an HTTP client.
//!
//! - A URL may be a method page (with or without `.md`), a menu page (its links under the same
//!   path are followed, recursively; pages with a `# Method link:` header are kept, articles are
//!   skipped with a note) or a concatenated full-docs file (split into its method pages). A
//!   header is found wherever the reader finds it, on a page collapsed onto one line too.
//! - A page is compared with its file as the file would be written (line endings and trailing
//!   blank lines aside), so a page fetched again unchanged is never reported changed.
//! - At most `concurrency` requests at a time, each with timeouts; 429 and 5xx are retried with
//!   backoff, honouring `Retry-After`; an HTML answer where markdown was expected is an error
//!   naming the URL.
//! - ETag and Last-Modified are kept in [`CACHE_FILE`] beside the pages: an unchanged portal
//!   answers 304 and costs no download. Only files whose contents changed are written.

use crate::docs;
use crate::output;
use futures_util::{stream, StreamExt};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The file beside the pages that remembers where they came from and their validators.
pub const CACHE_FILE: &str = ".wixgen-fetch.json";

/// The docs portal every page URL starts with; `base_url` replaces it.
pub const PORTAL: &str = "https://dev.wix.com";

/// How to fetch.
#[derive(Debug, Clone)]
pub struct Options {
    /// Replaces [`PORTAL`] in every URL (a mirror, a test server). Plain `http://` only for
    /// loopback hosts.
    pub base_url: Option<String>,
    /// How many requests may be in flight at once.
    pub concurrency: usize,
    /// How long one request may take, its whole answer included.
    pub timeout: Duration,
    /// Attempts per URL, the first included.
    pub attempts: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            base_url: None,
            concurrency: 8,
            timeout: Duration::from_secs(30),
            attempts: 4,
        }
    }
}

/// What a fetch or refresh did, file by file.
#[derive(Debug, Default)]
pub struct Report {
    /// Files written for the first time.
    pub new: Vec<String>,
    /// Files whose contents changed.
    pub changed: Vec<String>,
    /// Files fetched again with the same contents (or not downloaded: the ETag matched).
    pub unchanged: Vec<String>,
    /// Pages whose URL answered 404: their files are kept.
    pub gone: Vec<String>,
    /// URLs passed over (articles, not methods), with why.
    pub skipped: Vec<String>,
    /// URLs that failed, with why.
    pub failed: Vec<String>,
}

/// The cache file: the URLs fetched from, and each page's validators.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    /// The URLs given to `fetch` (menus and full-docs files are crawled again on refresh).
    #[serde(default)]
    roots: BTreeSet<String>,
    /// Page URL → validators.
    #[serde(default)]
    pages: BTreeMap<String, Validators>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_modified: Option<String>,
}

/// One answer.
enum Answer {
    Body(String, Validators),
    NotModified,
    Gone,
}

/// A method page found: its method link, package and text (`None` when the server said 304,
/// with `link` the URL asked).
struct Page {
    link: String,
    package: String,
    text: Option<String>,
}

struct Fetcher {
    http: reqwest::Client,
    options: Options,
    cache: Cache,
}

/// Fetches `urls` into `dir` (see the module's documentation). `progress` hears each URL done.
pub fn fetch(
    urls: &[String],
    dir: &Path,
    options: Options,
    progress: &(dyn Fn() + Sync),
) -> Result<Report, String> {
    let mut fetcher = Fetcher::new(dir, options)?;
    fetcher.cache.roots.extend(urls.iter().cloned());
    run(fetcher, urls.to_vec(), dir, progress)
}

/// Fetches every page in `dir` again from its own `# Method link:`, and the URLs it was first
/// fetched from (to find new pages).
pub fn refresh(
    dir: &Path,
    options: Options,
    progress: &(dyn Fn() + Sync),
) -> Result<Report, String> {
    let fetcher = Fetcher::new(dir, options)?;
    let mut urls: Vec<String> = fetcher.cache.roots.iter().cloned().collect();
    for (_, link) in local_pages(dir)? {
        if !urls.contains(&link) {
            urls.push(link);
        }
    }
    if urls.is_empty() {
        return Err(format!(
            "{}: no pages with a `# Method link:` to refresh",
            dir.display()
        ));
    }
    run(fetcher, urls, dir, progress)
}

fn run(
    mut fetcher: Fetcher,
    urls: Vec<String>,
    dir: &Path,
    progress: &(dyn Fn() + Sync),
) -> Result<Report, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("no async runtime: {e}"))?;
    let mut report = Report::default();
    let (pages, validators) = runtime.block_on(fetcher.crawl(urls, &mut report, progress));
    fetcher.cache.pages.extend(validators);
    write_pages(pages, dir, &mut report)?;
    let cache = serde_json::to_string_pretty(&fetcher.cache).map_err(|e| e.to_string())? + "\n";
    output::write_if_changed(&dir.join(CACHE_FILE), &cache)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(report)
}

impl Fetcher {
    fn new(dir: &Path, options: Options) -> Result<Self, String> {
        if let Some(base) = &options.base_url {
            crate::schema::check_url(base, true)
                .map_err(|problem| format!("--base-url: {problem}"))?;
        }
        let cache = match std::fs::read_to_string(dir.join(CACHE_FILE)) {
            Ok(text) => serde_json::from_str(&text)
                .map_err(|e| format!("{}: {e}", dir.join(CACHE_FILE).display()))?,
            Err(_) => Cache::default(),
        };
        let http = reqwest::Client::builder()
            .user_agent(concat!("wixgen/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(10))
            .timeout(options.timeout)
            .build()
            .map_err(|e| format!("the HTTP client could not be built: {e}"))?;
        Ok(Fetcher {
            http,
            options,
            cache,
        })
    }

    /// The URL to ask: the markdown form, on the mirror when there is one.
    fn locate(&self, url: &str) -> String {
        let url = url.trim();
        let url = match &self.options.base_url {
            Some(base) => match url.strip_prefix(PORTAL) {
                Some(rest) => format!("{}{rest}", base.trim_end_matches('/')),
                None => url.to_string(),
            },
            None => url.to_string(),
        };
        if url.ends_with(".md") || url.ends_with(".txt") {
            url
        } else {
            format!("{}.md", url.trim_end_matches('/'))
        }
    }

    /// Fetches the URLs, following menus, level by level; returns the method pages found and
    /// the validators of the URLs that held them.
    async fn crawl(
        &self,
        urls: Vec<String>,
        report: &mut Report,
        progress: &(dyn Fn() + Sync),
    ) -> (Vec<Page>, Vec<(String, Validators)>) {
        let mut pages = Vec::new();
        let mut validated = Vec::new();
        let mut seen = BTreeSet::new();
        let mut level: Vec<String> = urls;
        while !level.is_empty() {
            let batch: Vec<String> = level
                .drain(..)
                .filter(|u| seen.insert(self.locate(u)))
                .collect();
            let answers: Vec<_> = stream::iter(batch)
                .map(|url| async move {
                    let answer = self.get(&url).await;
                    progress();
                    (url, answer)
                })
                .buffer_unordered(self.options.concurrency.max(1))
                .collect()
                .await;
            for (url, answer) in answers {
                match answer {
                    Err(problem) => report.failed.push(format!("{url}: {problem}")),
                    Ok(Answer::Gone) => report.gone.push(url),
                    Ok(Answer::NotModified) => pages.push(Page {
                        link: url,
                        package: String::new(),
                        text: None,
                    }),
                    Ok(Answer::Body(text, validators)) => {
                        let located = self.locate(&url);
                        let (methods, articles) = method_pages(&text);
                        if !methods.is_empty() {
                            if articles > 0 {
                                report.skipped.push(format!(
                                    "{url}: {} left out (no `# Method link:`)",
                                    crate::diagnostics::counted(articles, "article")
                                ));
                            }
                            validated.push((located, validators));
                            pages.extend(methods.into_iter().map(|(link, package, text)| Page {
                                link,
                                package,
                                text: Some(text),
                            }));
                        } else if let Some(children) =
                            menu_links(&text, &located, |link| self.locate(link))
                        {
                            level.extend(children);
                        } else {
                            report.skipped.push(format!(
                                "{url}: an article, not a method page (no `# Method link:`)"
                            ));
                        }
                    }
                }
            }
        }
        (pages, validated)
    }

    /// One URL, conditionally when its validators are known, retried on 429 and 5xx.
    async fn get(&self, url: &str) -> Result<Answer, String> {
        let located = self.locate(url);
        let validators = self.cache.pages.get(&located);
        let mut attempt = 1;
        loop {
            let mut request = self.http.get(&located);
            if let Some(v) = validators {
                if let Some(etag) = &v.etag {
                    request = request.header(reqwest::header::IF_NONE_MATCH, etag);
                }
                if let Some(modified) = &v.last_modified {
                    request = request.header(reqwest::header::IF_MODIFIED_SINCE, modified);
                }
            }
            let outcome = request.send().await;
            let retry = match &outcome {
                Ok(response) => {
                    let status = response.status().as_u16();
                    (status == 429 || status >= 500).then(|| retry_after(response.headers()))
                }
                Err(error) => (error.is_connect() || error.is_timeout()).then_some(None),
            };
            if let (Some(wait), true) = (retry, attempt < self.options.attempts) {
                let backoff = Duration::from_millis(500) * 2u32.pow(attempt - 1);
                tokio::time::sleep(wait.unwrap_or(backoff).min(Duration::from_secs(60))).await;
                attempt += 1;
                continue;
            }
            let response =
                outcome.map_err(|e| format!("no answer from {located}: {}", e.without_url()))?;
            let status = response.status().as_u16();
            return match status {
                304 => Ok(Answer::NotModified),
                404 | 410 => Ok(Answer::Gone),
                200..=299 => {
                    let headers = response.headers();
                    let header = |name| {
                        headers
                            .get(name)
                            .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
                            .map(String::from)
                    };
                    let validators = Validators {
                        etag: header(reqwest::header::ETAG),
                        last_modified: header(reqwest::header::LAST_MODIFIED),
                    };
                    let html = header(reqwest::header::CONTENT_TYPE)
                        .is_some_and(|t| t.contains("text/html"));
                    let text = response
                        .text()
                        .await
                        .map_err(|e| format!("{located}: {}", e.without_url()))?;
                    let start = text
                        .trim_start()
                        .get(..15)
                        .unwrap_or_default()
                        .to_ascii_lowercase();
                    if html || start.starts_with("<!doctype html") || start.starts_with("<html") {
                        return Err(format!("{located} answered with HTML where markdown was expected (is the URL a docs page? append `.md`)"));
                    }
                    Ok(Answer::Body(text, validators))
                }
                _ => Err(format!("{located} answered HTTP {status}")),
            };
        }
    }
}

/// `Retry-After` in seconds, when the server gave a readable one.
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let seconds = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<f64>()
        .ok()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds.min(60.0)))
}

/// The method pages in a fetched text (one, or many in a full-docs file): method link,
/// package and the page's text; and how many pages it held that are no method page.
fn method_pages(text: &str) -> (Vec<(String, String, String)>, usize) {
    let mut articles = 0;
    let methods = docs::page_texts(text)
        .into_iter()
        .filter_map(|page| {
            let Some(link) = docs::page_header(&page, "Method link") else {
                articles += 1;
                return None;
            };
            let package = docs::page_header(&page, "Package").unwrap_or_default();
            Some((link, package, page))
        })
        .collect();
    (methods, articles)
}

/// A page's text as its file holds it: `\n` line endings and one newline at the end, so that a
/// page compares equal to its file whatever the portal's trailing whitespace.
fn as_written(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    format!("{}\n", text.trim_end())
}

/// A menu's links to pages under its own path (compared where they are fetched from, through
/// `locate`), as absolute URLs; `None` when it has none.
fn menu_links(text: &str, located: &str, locate: impl Fn(&str) -> String) -> Option<Vec<String>> {
    let base = located.trim_end_matches(".md");
    let origin_end = base.find("://").map_or(0, |i| i + 3);
    let origin = &base[..base[origin_end..]
        .find('/')
        .map_or(base.len(), |i| origin_end + i)];
    let mut links = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("](") {
        rest = &rest[open + 2..];
        let Some(close) = rest.find(')') else { break };
        let target = rest[..close].trim();
        rest = &rest[close..];
        let absolute = if target.starts_with("http://") || target.starts_with("https://") {
            target.to_string()
        } else if target.starts_with('/') {
            format!("{origin}{target}")
        } else {
            continue;
        };
        let absolute = absolute.split('#').next().unwrap_or_default().to_string();
        let fetched_from = locate(&absolute);
        let under = fetched_from.trim_end_matches(".md");
        if under.starts_with(&format!("{base}/")) && !links.contains(&absolute) {
            links.push(absolute);
        }
    }
    (!links.is_empty()).then_some(links)
}

/// The `*.md` files in `dir` with the method link each holds.
fn local_pages(dir: &Path) -> Result<Vec<(PathBuf, String)>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut pages = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") && path.is_file() {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            if let Some(link) = docs::page_header(&text, "Method link") {
                pages.push((path, link));
            }
        }
    }
    pages.sort();
    Ok(pages)
}

/// The file name of a method page: its link's last path segment; two links with one segment
/// get their package in front.
fn file_names(pages: &[Page]) -> Vec<String> {
    let segment = |link: &str| -> String {
        let last = link
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("page");
        let stem = last.trim_end_matches(".md");
        let safe: String = stem
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        if safe.is_empty() {
            "page".to_string()
        } else {
            safe
        }
    };
    let mut count: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for page in pages {
        count
            .entry(segment(&page.link))
            .or_default()
            .insert(&page.link);
    }
    pages
        .iter()
        .map(|page| {
            let stem = segment(&page.link);
            if count[&stem].len() > 1 && !page.package.is_empty() {
                format!("{}-{stem}.md", page.package)
            } else {
                format!("{stem}.md")
            }
        })
        .collect()
}

/// Writes the pages whose text changed and sorts every page into the report.
fn write_pages(pages: Vec<Page>, dir: &Path, report: &mut Report) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let local: BTreeMap<String, PathBuf> = local_pages(dir)?
        .into_iter()
        .map(|(path, link)| (link, path))
        .collect();
    let names = file_names(&pages);
    let mut written = BTreeSet::new();
    for (page, name) in pages.iter().zip(names) {
        // A page already here keeps its file name.
        let path = local
            .get(&page.link)
            .cloned()
            .unwrap_or_else(|| dir.join(&name));
        let shown = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if !written.insert(path.clone()) {
            continue;
        }
        let Some(text) = &page.text else {
            // Not modified: the file, when one holds this page, else the URL.
            let known = local
                .get(&page.link)
                .or_else(|| local.get(&format!("{}.md", page.link)));
            report.unchanged.push(known.map_or(page.link.clone(), |p| {
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned()
            }));
            continue;
        };
        let text = as_written(text);
        match std::fs::read_to_string(&path) {
            Ok(old) if as_written(&old) == text => report.unchanged.push(shown),
            Ok(_) => {
                output::write_if_changed(&path, &text)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                report.changed.push(shown);
            }
            Err(_) => {
                output::write_if_changed(&path, &text)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                report.new.push(shown);
            }
        }
    }
    for list in [
        &mut report.new,
        &mut report.changed,
        &mut report.unchanged,
        &mut report.gone,
        &mut report.skipped,
        &mut report.failed,
    ] {
        list.sort();
        list.dedup();
    }
    Ok(())
}

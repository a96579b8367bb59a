//! The REST section's `curl` examples: the HTTP method, URL and JSON body of each documented call.

use super::context::Context;
use super::sections::Example;
use crate::schema::{CurlExample, HttpMethod};
use serde_json::Value;

#[derive(Debug, PartialEq)]
pub(crate) struct Curl {
    pub method: HttpMethod,
    pub url: String,
    /// The `-d` payload as written.
    pub data: Option<String>,
}

/// Parses a curl command line; line continuations (`\` before a line break or a collapsed
/// space) are joined first.
pub(crate) fn parse(code: &str) -> Result<Curl, String> {
    let joined = join_continuations(code);
    let words =
        shell_words::split(&joined).map_err(|e| format!("the command does not parse: {e}"))?;
    let mut words = words.into_iter();
    match words.next().as_deref() {
        Some("curl") => {}
        _ => return Err("the example does not start with `curl`".to_string()),
    }
    let mut method = None;
    let mut url = None;
    let mut data = None;
    while let Some(word) = words.next() {
        match word.as_str() {
            "-X" | "--request" => {
                let verb = words.next().ok_or("`-X` without a method")?;
                method = Some(
                    HttpMethod::parse(&verb.to_ascii_uppercase())
                        .ok_or_else(|| format!("unknown HTTP method `{verb}`"))?,
                );
            }
            "-H" | "--header" | "-u" | "--user" | "-o" | "--output" => {
                words.next();
            }
            "-d" | "--data" | "--data-raw" | "--data-binary" => {
                data = Some(words.next().ok_or("`-d` without data")?);
            }
            flag if flag.starts_with('-') => {}
            _ if url.is_none() => url = Some(word),
            _ => return Err(format!("unexpected argument `{word}`")),
        }
    }
    let url = url.ok_or("no URL in the command")?;
    let method = method.unwrap_or(if data.is_some() {
        HttpMethod::Post
    } else {
        HttpMethod::Get
    });
    Ok(Curl { method, url, data })
}

fn join_continuations(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_whitespace()) {
            out.push(' ');
            chars.next();
        } else {
            out.push(c);
        }
    }
    out
}

/// The section's curl examples as IR examples, each with its JSON body: one that does not parse
/// is skipped with a warning.
pub(crate) fn examples(cx: &mut Context<'_>, examples: &[Example]) -> Vec<CurlExample> {
    let mut out = Vec::new();
    for example in examples {
        let curl = match parse(&example.code) {
            Ok(curl) => curl,
            Err(problem) => {
                cx.warning_at(
                    example.line,
                    example.column,
                    format!("example `{}` was skipped: {problem}", example.title),
                );
                continue;
            }
        };
        let body = match curl.data.as_deref().map(serde_json::from_str::<Value>) {
            Some(Ok(body)) => Some(body),
            Some(Err(problem)) => {
                cx.warning_at(
                    example.line,
                    example.column,
                    format!(
                        "the body of example `{}` is not JSON ({problem}); it was skipped",
                        example.title
                    ),
                );
                continue;
            }
            None => None,
        };
        out.push(CurlExample {
            title: example.title.clone(),
            description: example.description.clone(),
            http_method: curl.method,
            url: curl.url,
            body,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_line_command() {
        let curl = parse(
            "curl -X POST \\\n'https://www.wixapis.com/a/b' \\\n-H 'Authorization: <AUTH>' \\\n-d '{\n  \"a\": 1\n}'",
        )
        .unwrap();
        assert_eq!(curl.method, HttpMethod::Post);
        assert_eq!(curl.url, "https://www.wixapis.com/a/b");
        assert_eq!(curl.data.as_deref(), Some("{\n  \"a\": 1\n}"));
    }

    #[test]
    fn collapsed_command_and_default_method() {
        let curl = parse("curl \\ 'https://x/y?a=1' \\ -H 'A: b'").unwrap();
        assert_eq!(
            (curl.method, curl.url.as_str(), curl.data),
            (HttpMethod::Get, "https://x/y?a=1", None)
        );
    }

    #[test]
    fn broken_commands_are_errors() {
        assert!(parse("curl -X POST 'https://x").is_err());
        assert!(parse("wget https://x").is_err());
        assert!(parse("curl -X FETCH https://x").is_err());
    }
}

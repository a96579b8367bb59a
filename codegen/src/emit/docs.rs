//! `///` comments from the docs' markdown, made safe for rustdoc: code fences become `text`
//! blocks (never doctests), indentation that would start a code block is dropped, bare URLs
//! become autolinks and `[text]` that is no link is escaped.

use proc_macro2::TokenStream;
use quote::quote;
use std::cell::RefCell;

thread_local! {
    /// While [`collect`] runs: the doc blocks emitted so far, stood in for by markers.
    static TABLE: RefCell<Option<Vec<Vec<String>>>> = const { RefCell::new(None) };
}

/// The marker a doc block becomes inside [`collect`]: `///` followed by this and its index.
const MARKER: char = '\u{1}';

/// `#[doc]` attributes for `text`; nothing for empty text. Inside [`collect`] the block is one
/// short marker attribute: syn and prettyplease then never parse or print the text, which
/// [`expand`] puts back after formatting (docs are close to half of the output).
pub fn doc(text: &str) -> TokenStream {
    let lines = sanitize(text);
    if lines.is_empty() {
        return TokenStream::new();
    }
    if let Some(marker) = marker_for(&lines) {
        return quote! { #[doc = #marker] };
    }
    let attrs = lines.iter().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote! { #[doc = #line] }
    });
    quote! { #(#attrs)* }
}

/// A blank line before the item it is put on, in the formatted code (prettyplease puts none
/// between items): an empty block inside [`collect`], nothing outside.
pub fn separator() -> TokenStream {
    marker_for(&[]).map_or_else(TokenStream::new, |marker| quote! { #[doc = #marker] })
}

/// Inside [`collect`]: records `block` and returns the marker standing in for it.
fn marker_for(block: &[String]) -> Option<String> {
    TABLE.with(|table| {
        table.borrow_mut().as_mut().map(|blocks| {
            blocks.push(block.to_vec());
            format!("{MARKER}{}", blocks.len() - 1)
        })
    })
}

/// `#[doc(alias)]` for an item the docs name `wire` (its JSON name or value), so that searching
/// the API docs' name finds it; nothing when that is the Rust name, or a name rustdoc refuses
/// as an alias (quotes, whitespace).
pub fn alias(wire: &str, ident: &str) -> TokenStream {
    let refused = |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '\\');
    if wire.is_empty() || wire == ident.trim_start_matches("r#") || wire.contains(refused) {
        return TokenStream::new();
    }
    quote! { #[doc(alias = #wire)] }
}

/// Runs `emit` with doc blocks collected instead of emitted; returns them with its result.
pub fn collect<T>(emit: impl FnOnce() -> T) -> (T, Vec<Vec<String>>) {
    let outer = TABLE.with(|table| table.borrow_mut().replace(Vec::new()));
    let value = emit();
    let blocks = TABLE.with(|table| std::mem::replace(&mut *table.borrow_mut(), outer));
    (value, blocks.unwrap_or_default())
}

/// Puts collected doc blocks back in place of their markers in formatted code, and blank lines
/// in place of [`separator`]s.
pub fn expand(code: &str, blocks: &[Vec<String>]) -> String {
    let mut out = String::with_capacity(code.len() * 2);
    for line in code.lines() {
        let trimmed = line.trim_start();
        let block = trimmed
            .strip_prefix("///")
            .and_then(|rest| rest.strip_prefix(MARKER))
            .and_then(|index| index.parse::<usize>().ok())
            .and_then(|index| blocks.get(index));
        let Some(block) = block else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        if block.is_empty() {
            out.push('\n');
            continue;
        }
        let indent = &line[..line.len() - trimmed.len()];
        for doc in block {
            out.push_str(indent);
            out.push_str("///");
            if !doc.is_empty() {
                out.push(' ');
                out.push_str(doc);
            }
            out.push('\n');
        }
    }
    out
}

/// The lines of a doc comment for `text`.
pub fn sanitize(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_code = false;
    let mut blank = false;
    for raw in text.trim().lines() {
        let line = raw.trim();
        if let Some(rest) = line.strip_prefix("```") {
            lines.push(if in_code {
                "```".to_string()
            } else {
                "```text".to_string()
            });
            in_code = !in_code;
            if !rest.trim().is_empty() && in_code && !rest.chars().all(|c| c.is_alphanumeric()) {
                lines.push(rest.to_string());
            }
            blank = false;
            continue;
        }
        if in_code {
            lines.push(raw.trim_end().to_string());
            continue;
        }
        if line.is_empty() {
            if !blank && !lines.is_empty() {
                lines.push(String::new());
            }
            blank = true;
            continue;
        }
        blank = false;
        lines.push(prose(line));
    }
    if in_code {
        lines.push("```".to_string());
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// One line of prose outside code spans.
fn prose(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    // Code spans stay as written.
    while let Some(start) = rest.find('`') {
        let Some(len) = rest[start + 1..].find('`') else {
            break;
        };
        out.push_str(&outside_code(&rest[..start]));
        out.push_str(&rest[start..start + len + 2]);
        rest = &rest[start + len + 2..];
    }
    out.push_str(&outside_code(rest));
    out
}

fn outside_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let starts_url = |at: usize| {
        let tail = &chars[at..];
        tail.starts_with(&['h', 't', 't', 'p', 's', ':', '/', '/'])
            || tail.starts_with(&['h', 't', 't', 'p', ':', '/', '/'])
    };
    let mut in_autolink = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let link_target = i >= 2 && chars[i - 1] == '(' && chars[i - 2] == ']';
        if starts_url(i) && !link_target && !in_autolink {
            let end = chars[i..]
                .iter()
                .position(|c| c.is_whitespace() || matches!(c, ')' | '>' | '"' | '\''))
                .map_or(chars.len(), |n| i + n);
            let url: String = chars[i..end].iter().collect();
            let url = url.trim_end_matches(['.', ',', ';', ':']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            i += url.chars().count();
            continue;
        }
        match c {
            // A markdown link `[text](url)` stays; any other bracket would be an intra-doc link.
            '[' => match chars[i..].iter().position(|c| *c == ']') {
                Some(n) if chars.get(i + n + 1) == Some(&'(') => out.push('['),
                _ => out.push_str("\\["),
            },
            ']' if chars.get(i + 1) == Some(&'(') && out.contains('[') => out.push(']'),
            ']' => out.push_str("\\]"),
            '<' if i + 1 < chars.len() && starts_url(i + 1) => {
                in_autolink = true;
                out.push('<');
            }
            '>' if in_autolink => {
                in_autolink = false;
                out.push('>');
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_become_text_blocks_and_indentation_is_dropped() {
        let lines = sanitize("Intro.\n\n```json\n{\"a\": 1}\n```\n\n    indented\n\n\n- item");
        assert_eq!(
            lines,
            [
                "Intro.",
                "",
                "```text",
                "{\"a\": 1}",
                "```",
                "",
                "indented",
                "",
                "- item"
            ]
        );
    }

    #[test]
    fn links_stay_and_everything_else_is_escaped() {
        assert_eq!(
            prose("See [docs](https://x.y/z) or https://a.b/c. [Service GUID] (https://s.t) `a<b>` x<y"),
            "See [docs](https://x.y/z) or <https://a.b/c>. \\[Service GUID\\] (<https://s.t>) `a<b>` x&lt;y"
        );
        assert_eq!(prose("a > b <https://k.l>"), "a &gt; b <https://k.l>");
    }
}

//! `///` comments from the docs' markdown, made safe for rustdoc: code fences become `text`
//! blocks (never doctests), indentation that would start a code block is dropped, bare URLs
//! become autolinks and `[text]` that is no link is escaped.

use crate::resolve::RustIdent;
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
pub fn alias(wire: &str, ident: &RustIdent) -> TokenStream {
    let refused = |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '\\');
    if wire.is_empty() || wire == ident.bare() || wire.contains(refused) {
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
        // A quote is a block of its own: set off by a blank line from what comes before and
        // after, or markdown would read it as the continuation of a list item.
        let quote = line.strip_prefix('>').map(str::trim_start);
        let previous_quote = lines.last().is_some_and(|l: &String| l.starts_with('>'));
        if quote.is_some() != previous_quote && lines.last().is_some_and(|l| !l.is_empty()) {
            lines.push(String::new());
        }
        let item = lines.last().and_then(|l| list_marker(l));
        let text = match quote {
            Some("") => ">".to_string(),
            Some(rest) => format!("> {}", prose(rest)),
            None => prose(line),
        };
        match item {
            // After a list item, an indented line continues it, at its content's indentation;
            // any other line that is no item starts a paragraph of its own.
            Some(width) if quote.is_none() && list_marker(line).is_none() => {
                if raw.starts_with(char::is_whitespace) {
                    lines.push(format!("{:width$}{text}", ""));
                    continue;
                }
                lines.push(String::new());
            }
            _ => {}
        }
        lines.push(text);
    }
    if in_code {
        lines.push("```".to_string());
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// The width of the list marker `line` starts with (`- `, `* `, `1. `), if it is a list item.
fn list_marker(line: &str) -> Option<usize> {
    let line = line.trim_start();
    if ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m)) {
        return Some(2);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && line[digits..].starts_with(". ")).then_some(digits + 2)
}

/// Stand-ins for the brackets of markdown links while a line is escaped: a link's text may hold
/// code spans, which are escaped apart from the prose around them.
const LINK_OPEN: char = '\u{2}';
const LINK_CLOSE: char = '\u{3}';

/// One line of prose outside code spans.
fn prose(line: &str) -> String {
    let line = mark_links(line);
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line.as_str();
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
    out.replace(LINK_OPEN, "[").replace(LINK_CLOSE, "]")
}

/// `line` with the brackets of each `[text](target)` replaced by the link stand-ins.
fn mark_links(line: &str) -> String {
    let mut chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '[' {
            let close = chars[i + 1..]
                .iter()
                .position(|c| *c == ']')
                .map(|n| i + 1 + n);
            if let Some(close) = close.filter(|&c| chars.get(c + 1) == Some(&'(')) {
                if chars[close + 1..].contains(&')') {
                    chars[i] = LINK_OPEN;
                    chars[close] = LINK_CLOSE;
                    i = close;
                }
            }
        }
        i += 1;
    }
    chars.into_iter().collect()
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
        let link_target = i >= 2 && chars[i - 1] == '(' && chars[i - 2] == LINK_CLOSE;
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
            // Markdown links were marked; any other bracket would be an intra-doc link.
            '[' => out.push_str("\\["),
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
        assert_eq!(
            prose("The [`find()`](https://x.y/find) method [x]"),
            "The [`find()`](https://x.y/find) method \\[x\\]"
        );
    }

    #[test]
    fn a_list_ends_before_a_paragraph_and_keeps_its_continuations() {
        assert_eq!(
            sanitize("- a\n  still a\n- b\nAfter.\n1. c\n   still c"),
            [
                "- a",
                "  still a",
                "- b",
                "",
                "After.",
                "1. c",
                "   still c"
            ]
        );
    }

    #[test]
    fn quotes_are_blocks_of_their_own() {
        assert_eq!(
            sanitize("- item\n> **Note:** a <b>\n> more\nafter"),
            [
                "- item",
                "",
                "> **Note:** a &lt;b&gt;",
                "> more",
                "",
                "after"
            ]
        );
    }
}

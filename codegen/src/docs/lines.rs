//! Source lines with their positions, and the restoration of pages whose line structure was
//! collapsed into single spaces (the portal delivers some pages flattened onto one line).

/// One logical line of a page: a physical line, or a piece of a flattened one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    pub text: &'a str,
    /// 1-based line number in the file.
    pub line: usize,
    /// 1-based character column where `text` starts.
    pub column: usize,
    /// Cut out of a flattened line: indentation carries no meaning.
    pub flattened: bool,
}

impl<'a> Line<'a> {
    pub fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start().len()
    }

    pub fn trimmed(&self) -> &'a str {
        self.text.trim()
    }

    /// The column of a byte offset within `text`.
    pub fn column_at(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let prefix = self.text.get(..offset).unwrap_or(self.text);
        self.column + prefix.chars().count()
    }
}

/// Splits a file into lines, restoring the structure of flattened pages.
pub(crate) fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if is_flattened(raw) {
            Unflatten::new(raw, index + 1, &mut lines).run();
        } else {
            lines.push(Line {
                text: raw,
                line: index + 1,
                column: 1,
                flattened: false,
            });
        }
    }
    lines
}

/// A physical line holding what should be a page's many lines. A line that is itself a listing
/// line is none, whatever markdown its description holds (an inline code fence, a heading).
fn is_flattened(raw: &str) -> bool {
    let text = raw.trim_start();
    if LISTING_MARKERS
        .iter()
        .any(|marker| text.starts_with(marker))
    {
        return false;
    }
    const SIGNS: [&str; 4] = [
        " # Package: ",
        " ## REST API",
        " ## JavaScript SDK",
        " ``` ",
    ];
    SIGNS.iter().any(|sign| raw.contains(sign))
}

/// Headings whose text is fixed, so that prose glued to them can be cut off.
const FIXED_HEADINGS: [&str; 6] = [
    "## Introduction",
    "## REST API",
    "## JavaScript SDK",
    "## Permission Scopes:",
    "### Schema",
    "### Examples",
];

const PROSE_MARKERS: [&str; 5] = ["# ", "## ", "### ", "---", "```"];

const LISTING_MARKERS: [&str; 12] = [
    "Method:",
    "Description:",
    "URL:",
    "Required parameters:",
    "Method parameters:",
    "param name:",
    "- name:",
    "- ONE-OF:",
    "- enum:",
    "Return type:",
    "Possible Errors:",
    "HTTP Code:",
];

/// Markers after the header: `Method:`, `Description:` and `URL:` may appear in descriptions.
const TREE_MARKERS: [&str; 8] = [
    "param name:",
    "- name:",
    "- ONE-OF:",
    "- enum:",
    "Return type:",
    "Possible Errors:",
    "HTTP Code:",
    "Method parameters:",
];

/// Markers that end a multi-line enum's values.
const AFTER_ENUM_MARKERS: [&str; 5] = [
    "param name:",
    "- name:",
    "- ONE-OF:",
    "Return type:",
    "Possible Errors:",
];

struct Unflatten<'a, 'o> {
    raw: &'a str,
    line: usize,
    out: &'o mut Vec<Line<'a>>,
    /// A byte offset into `raw` and the number of characters before it: pieces are emitted in
    /// order, so columns are counted from the previous piece, not from the start of the line.
    counted: (usize, usize),
}

impl<'a, 'o> Unflatten<'a, 'o> {
    fn new(raw: &'a str, line: usize, out: &'o mut Vec<Line<'a>>) -> Self {
        Unflatten {
            raw,
            line,
            out,
            counted: (0, 0),
        }
    }

    /// The number of characters before byte `offset`.
    fn chars_before(&mut self, offset: usize) -> usize {
        let (from, chars) = if offset >= self.counted.0 {
            self.counted
        } else {
            (0, 0)
        };
        let chars = chars + self.raw[from..offset].chars().count();
        self.counted = (offset, chars);
        chars
    }

    fn emit(&mut self, start: usize, end: usize) {
        let piece = &self.raw[start..end];
        let trimmed = piece.trim();
        if trimmed.is_empty() {
            return;
        }
        let lead = piece.len() - piece.trim_start().len();
        let column = self.chars_before(start + lead) + 1;
        self.out.push(Line {
            text: trimmed,
            line: self.line,
            column,
            flattened: true,
        });
    }

    fn run(mut self) {
        let mut pos = 0;
        while pos < self.raw.len() {
            let next = find_marker(self.raw, pos + 1, &PROSE_MARKERS).unwrap_or(self.raw.len());
            if self.raw[pos..].starts_with("```") {
                pos = self.fence(pos);
                continue;
            }
            self.prose(pos, next);
            pos = next;
        }
    }

    /// A prose piece: a heading (possibly with text glued after it), `---`, or plain text.
    fn prose(&mut self, start: usize, end: usize) {
        let piece = &self.raw[start..end];
        if let Some(heading) = FIXED_HEADINGS.iter().find(|h| piece.starts_with(*h)) {
            let cut = start + heading.len();
            self.emit(start, cut);
            if *heading == "## Permission Scopes:" {
                self.scopes(cut, end);
            } else {
                self.emit(cut, end);
            }
        } else if piece.starts_with("### ") {
            let cut = start + example_title_len(piece);
            self.emit(start, cut);
            self.emit(cut, end);
        } else if let Some(rest) = piece.strip_prefix("---") {
            self.emit(start, start + 3);
            self.emit(end - rest.len(), end);
        } else {
            self.emit(start, end);
        }
    }

    /// `Name: SCOPE.ID Other Name: SCOPE.OTHER` → one line per scope.
    fn scopes(&mut self, mut start: usize, end: usize) {
        while let Some(colon) = self.raw[start..end].find(": ") {
            let id_start = start + colon + 2;
            let id_end = self.raw[id_start..end]
                .find(' ')
                .map_or(end, |i| id_start + i);
            self.emit(start, id_end);
            start = id_end;
        }
        self.emit(start, end);
    }

    /// A fenced block starting at `start`; returns the position after its closing fence.
    fn fence(&mut self, start: usize) -> usize {
        let after = start + 3;
        let lang_end = self.raw[after..]
            .find(' ')
            .map_or(self.raw.len(), |i| after + i);
        self.emit(start, lang_end);
        let lang = &self.raw[after..lang_end];
        let close = self.raw[lang_end..]
            .find("```")
            .map_or(self.raw.len(), |i| lang_end + i);
        if lang.is_empty() {
            self.listing(lang_end, close);
        } else {
            self.emit(lang_end, close);
        }
        if close < self.raw.len() {
            self.emit(close, close + 3);
            close + 3
        } else {
            close
        }
    }

    /// A schema listing: one line per construct; enum values after a bare `- enum:`. Header
    /// markers count only before the trees, so that `Description:` in an error line stays put.
    fn listing(&mut self, mut pos: usize, end: usize) {
        let mut in_enum = false;
        let mut in_header = true;
        let body = &self.raw[..end];
        while pos < end {
            if body[pos..].trim_start().starts_with("- enum:") {
                in_enum = true;
            }
            let markers: &[&str] = if in_header {
                &LISTING_MARKERS
            } else {
                &TREE_MARKERS
            };
            let mut next = find_marker(body, pos + 1, markers).unwrap_or(end);
            if in_enum {
                // Only a value before the next marker matters: searching further would make
                // a long enum quadratic.
                // (two bytes more: a value is told by what follows it, and markers are ASCII).
                let window = (next + 2).min(end);
                if let Some(value) = find_enum_value(&body[..window], pos + 1) {
                    next = next.min(value);
                }
            }
            let piece = body[pos..next].trim();
            if AFTER_ENUM_MARKERS.iter().any(|m| piece.starts_with(m)) {
                in_enum = false;
            }
            if piece.starts_with("Method parameters:") || piece.starts_with("Return type:") {
                in_header = false;
            }
            self.emit(pos, next);
            pos = next;
        }
    }
}

/// The first position at or after `from` where one of `markers` starts right after a space.
fn find_marker(text: &str, from: usize, markers: &[&str]) -> Option<usize> {
    let bytes = text.as_bytes();
    (from.max(1)..text.len()).find(|&i| {
        bytes[i - 1] == b' '
            && text.is_char_boundary(i)
            && markers.iter().any(|m| text[i..].starts_with(m))
    })
}

/// The next ` - VALUE:` or ` - VALUE -` of a flattened multi-line enum.
fn find_enum_value(text: &str, from: usize) -> Option<usize> {
    let mut search = from;
    while let Some(found) = text.get(search..)?.find(" - ") {
        let start = search + found + 1;
        let rest = &text[start + 2..];
        let ident_len = rest
            .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
            .unwrap_or(rest.len());
        let after = &rest[ident_len..];
        if ident_len > 0 && (after.is_empty() || after.starts_with(':') || after.starts_with(" -"))
        {
            return Some(start);
        }
        search = start + 1;
    }
    None
}

/// Where an example heading's title ends when its description was glued onto it: after a
/// closing parenthesis (`name (self-hosted)`) or the first sentence.
fn example_title_len(heading: &str) -> usize {
    let sentence = heading.find(". ").map(|i| i + 1);
    let paren = heading
        .find('(')
        .and_then(|open| heading[open..].find(')').map(|close| open + close + 1));
    match (paren, sentence) {
        (Some(p), Some(s)) => p.min(s),
        (Some(p), None) => p,
        (None, Some(s)) => s,
        (None, None) => heading.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<&str> {
        split_lines(input).iter().map(|l| l.text).collect()
    }

    #[test]
    fn plain_lines_keep_their_indentation_and_positions() {
        let lines = split_lines("# A\n   param name: x | type: string\r\n");
        assert_eq!(lines[1].text, "   param name: x | type: string");
        assert_eq!(
            (lines[1].line, lines[1].column, lines[1].indent()),
            (2, 1, 3)
        );
        assert!(!lines[1].flattened);
    }

    #[test]
    fn flattened_page_is_cut_at_headings_scopes_fences_and_listing_markers() {
        let input = "> nav # M # Package: p ## Permission Scopes: A B: SCOPE.A C: SCOPE.C ## Introduction Hi there. --- ## REST API ### Schema ``` Method: m URL: https://x/y Method: POST Return type: R - name: s | type: S - enum: - ONE: First. - TWO - name: t | type: string ``` ### Examples ### Title one. Some text. ```curl curl -X POST 'u' ``` ---";
        assert_eq!(
            texts(input),
            [
                "> nav",
                "# M",
                "# Package: p",
                "## Permission Scopes:",
                "A B: SCOPE.A",
                "C: SCOPE.C",
                "## Introduction",
                "Hi there.",
                "---",
                "## REST API",
                "### Schema",
                "```",
                "Method: m",
                "URL: https://x/y",
                "Method: POST",
                "Return type: R",
                "- name: s | type: S",
                "- enum:",
                "- ONE: First.",
                "- TWO",
                "- name: t | type: string",
                "```",
                "### Examples",
                "### Title one.",
                "Some text.",
                "```curl",
                "curl -X POST 'u'",
                "```",
                "---",
            ]
        );
    }

    #[test]
    fn pieces_of_a_flattened_line_point_at_their_column() {
        let lines = split_lines("# M # Package: p ## REST API");
        assert_eq!(lines[1].text, "# Package: p");
        assert_eq!((lines[1].line, lines[1].column), (1, 5));
        assert!(lines.iter().all(|l| l.flattened));
    }

    #[test]
    fn example_titles_end_at_parenthesis_or_sentence() {
        assert_eq!(
            example_title_len("### f (self-hosted) Self-hosted calls."),
            19
        );
        assert_eq!(example_title_len("### Do it. Then more"), 10);
        assert_eq!(example_title_len("### Plain"), 9);
    }
}

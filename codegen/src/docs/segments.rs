//! Splitting `key: value | key: value` lines into their segments.

/// Splits `text` at ` | ` separators outside backticks, then glues back every piece that does
/// not start a segment: a description may itself contain `|` (in a table, a link, code) and
/// even text that looks like segments (a flattened listing line, `type: X`). Segments come in
/// the order of `keys`, each once: a piece whose key comes no later than the last segment's is
/// text. With `flag_last`, the last key is a one-word flag (`required: true`) that only the
/// line's last piece can be. Returns `(key, value)` pairs with values trimmed; text before the first key is an
/// error.
pub(crate) fn split<'k>(
    text: &str,
    keys: &[&'k str],
    flag_last: bool,
) -> Result<Vec<(&'k str, String)>, String> {
    let raws = split_outside_code(text);
    let flag = keys.len().checked_sub(1).filter(|_| flag_last);
    let mut segments: Vec<(usize, String)> = Vec::new();
    for (at, raw) in raws.iter().enumerate() {
        let piece = raw.trim_start();
        let key = keys
            .iter()
            .position(|k| piece.starts_with(*k))
            .filter(|&index| {
                let value = piece[keys[index].len()..].trim();
                Some(index) != flag || (at + 1 == raws.len() && !value.contains(' '))
            });
        let last = segments.last().map(|(index, _)| *index);
        match (key, segments.last_mut()) {
            (Some(index), _) if last.is_none_or(|last| index > last) => {
                segments.push((index, piece[keys[index].len()..].to_string()));
            }
            (_, Some((_, value))) => {
                value.push('|');
                value.push_str(raw);
            }
            (_, None) => return Err(format!("`{}`", piece.trim())),
        }
    }
    Ok(segments
        .into_iter()
        .map(|(index, value)| (keys[index], value.trim().to_string()))
        .collect())
}

fn split_outside_code(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut in_code = false;
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'`' => in_code = !in_code,
            b'|' if !in_code => {
                pieces.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    pieces.push(&text[start..]);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [&str; 4] = ["name:", "type:", "description:", "required:"];

    #[test]
    fn splits_known_keys() {
        let got = split(
            "name: a | type: string | description: Hi.  | required: true ",
            &KEYS,
            true,
        );
        assert_eq!(
            got.unwrap(),
            [
                ("name:", "a".to_string()),
                ("type:", "string".to_string()),
                ("description:", "Hi.".to_string()),
                ("required:", "true".to_string())
            ]
        );
    }

    #[test]
    fn pipes_in_code_and_prose_stay_in_the_description() {
        let got = split(
            "name: a | type: string | description: Use `a | b` or [x | y](u) | z.",
            &KEYS,
            true,
        )
        .unwrap();
        assert_eq!(got[2].1, "Use `a | b` or [x | y](u) | z.");
    }

    #[test]
    fn text_that_looks_like_segments_stays_in_the_description() {
        let got = split(
            "name: a | type: T | description: - name: x | type: X | description: y | required: maybe so | required: true",
            &KEYS,
            true,
        )
        .unwrap();
        assert_eq!(
            got,
            [
                ("name:", "a".to_string()),
                ("type:", "T".to_string()),
                (
                    "description:",
                    "- name: x | type: X | description: y | required: maybe so".to_string()
                ),
                ("required:", "true".to_string())
            ]
        );
        // Without a flag, the last key is free text like any other.
        let errors = ["Code:", "Description:"];
        let got = split("Code: 1 | Description: a long | text", &errors, false).unwrap();
        assert_eq!(got[1].1, "a long | text");
    }

    #[test]
    fn text_before_any_key_is_an_error() {
        assert!(split("oops | name: a", &KEYS, true).is_err());
    }
}

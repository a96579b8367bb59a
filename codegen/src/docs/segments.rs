//! Splitting `key: value | key: value` lines into their segments.

/// Splits `text` at ` | ` separators outside backticks, then glues back every piece that does
/// not start with one of `keys`: a description may itself contain `|` (in a table, a link, code).
/// Returns `(key, value)` pairs with values trimmed; text before the first key is an error.
pub(crate) fn split<'k>(text: &str, keys: &[&'k str]) -> Result<Vec<(&'k str, String)>, String> {
    let mut pieces: Vec<(&'k str, String)> = Vec::new();
    for raw in split_outside_code(text) {
        let piece = raw.trim_start();
        match keys.iter().find(|k| piece.starts_with(**k)) {
            Some(key) => pieces.push((key, piece[key.len()..].to_string())),
            None => match pieces.last_mut() {
                Some((_, value)) => {
                    value.push('|');
                    value.push_str(raw);
                }
                None => return Err(format!("`{}`", piece.trim())),
            },
        }
    }
    for (_, value) in &mut pieces {
        *value = value.trim().to_string();
    }
    Ok(pieces)
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
        )
        .unwrap();
        assert_eq!(got[2].1, "Use `a | b` or [x | y](u) | z.");
    }

    #[test]
    fn text_before_any_key_is_an_error() {
        assert!(split("oops | name: a", &KEYS).is_err());
    }
}

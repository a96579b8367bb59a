//! Path templates: `{name}` and `{dotted.path}` in an endpoint's path, filled from the
//! REST-named request and percent-encoded, so that a value can never change the path it is in.

use super::scalar_text;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::Value;

/// A path segment keeps unreserved characters only: a `/` in a value can't change the path.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Fills `{name}` and `{dotted.path}` templates from the REST-named request. Text after the
/// braces stays (`{bookingId}:confirm`). Errors name a template whose value is missing.
pub fn fill_path(template: &str, request: &Value) -> Result<String, String> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|i| open + i)
            .ok_or_else(|| format!("unclosed template in `{template}`"))?;
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        let value = name
            .split('.')
            .try_fold(request, |value, key| value.get(key))
            .and_then(scalar_text)
            .filter(|text| !text.is_empty())
            .ok_or_else(|| format!("path parameter `{name}` is missing from the request"))?;
        out.extend(utf8_percent_encode(&value, PATH_SEGMENT));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn path_templates_are_filled_and_encoded() {
        let request = json!({"resourceType": {"id": "a/b c"}, "bookingId": "x"});
        assert_eq!(
            fill_path("/v2/types/{resourceType.id}", &request).unwrap(),
            "/v2/types/a%2Fb%20c"
        );
        assert_eq!(
            fill_path("/v2/{bookingId}:confirm", &request).unwrap(),
            "/v2/x:confirm"
        );
        assert!(fill_path("/v2/{missing}", &request)
            .unwrap_err()
            .contains("`missing`"));
    }
}

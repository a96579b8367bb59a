//! The recorded cases (the corpus README's case file format), read from a directory of
//! `<package>/<case>.json` files.

use serde::Deserialize;
use serde_json::Value;
use std::path::Path;

/// One recorded JS-SDK call.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    /// `<package>/<file name without .json>`, filled in from where the file is.
    #[serde(skip)]
    pub id: String,
    /// The SDK method name.
    pub method: String,
    /// The method's page, relative to the pages directory.
    pub page: String,
    #[serde(default)]
    pub sdk_arguments: Vec<Value>,
    pub rest_request_sent_by_js_sdk: SentRequest,
    #[serde(default)]
    pub rest_response: Value,
    #[serde(default)]
    pub sdk_result_returned_by_js_sdk: Value,
    /// Builder cases only: the query builder's chain.
    #[serde(default)]
    pub sdk_builder_chain: Option<Value>,
    /// Builder cases only: which chain values were `Date`s (`[1][2]`: call 1, element 2).
    #[serde(default)]
    pub sdk_builder_chain_date_paths: Vec<String>,
}

/// A request as the recordings (and the runner) write it.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
pub struct SentRequest {
    pub method: String,
    pub path: String,
    /// Decoded pairs in the order sent.
    #[serde(default)]
    pub query: Vec<(String, String)>,
    /// `null` when no body was sent.
    #[serde(default)]
    pub body: Value,
}

/// A case file that could not be read: its id and why.
pub type Unreadable = (String, String);

/// Every `*.json` under `dir`, one directory level deep (a package per directory), sorted by id.
pub fn read(dir: &Path) -> std::io::Result<(Vec<Case>, Vec<Unreadable>)> {
    let mut cases = Vec::new();
    let mut unreadable = Vec::new();
    for package in sorted_entries(dir)? {
        if !package.is_dir() {
            continue;
        }
        let package_name = file_name(&package);
        for file in sorted_entries(&package)? {
            if file.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
            let id = format!("{package_name}/{}", stem.unwrap_or_default());
            let parsed = std::fs::read_to_string(&file)
                .map_err(|e| e.to_string())
                .and_then(|text| serde_json::from_str::<Case>(&text).map_err(|e| e.to_string()));
            match parsed {
                Ok(mut case) => {
                    case.id = id;
                    cases.push(case);
                }
                Err(e) => unreadable.push((id, format!("the case file cannot be read: {e}"))),
            }
        }
    }
    Ok((cases, unreadable))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut entries = std::fs::read_dir(dir)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?;
    entries.sort();
    Ok(entries)
}

/// The recordings' markers for values JSON cannot hold, as the Rust side writes them:
/// `"<<number NaN>>"` → `"NaN"` (doubles that are not finite travel as strings) and
/// `"<<Uint8Array base64:…>>"` → the base64 text (bytes travel as base64).
pub fn unmark(value: &Value) -> Value {
    match value {
        Value::String(text) => {
            if let Some(number) = text
                .strip_prefix("<<number ")
                .and_then(|t| t.strip_suffix(">>"))
            {
                Value::String(number.to_string())
            } else if let Some(bytes) = text
                .strip_prefix("<<Uint8Array base64:")
                .and_then(|t| t.strip_suffix(">>"))
            {
                Value::String(bytes.to_string())
            } else {
                value.clone()
            }
        }
        Value::Array(items) => Value::Array(items.iter().map(unmark).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| (key.clone(), unmark(value)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn markers_become_what_the_wire_carries() {
        let marked = json!({"a": "<<number NaN>>", "b": ["<<Uint8Array base64:AAE=>>"], "c": "x"});
        assert_eq!(
            unmark(&marked),
            json!({"a": "NaN", "b": ["AAE="], "c": "x"})
        );
    }
}

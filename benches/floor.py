#!/usr/bin/env python3
"""The floor of compile cost: an API's REST surface as plain Rust, generated from wixgen's YAML IR
(a schema directory `wixgen import` writes), for benches/floor.sh to compile beside wixgen's
bindings of the same schema.

    floor.py SCHEMA_DIR OUT_CRATE_DIR

Plain means what a careful hand would write with no generator: per package a module of structs
and enums with `#[derive(Serialize, Deserialize)]` (every field `Option`, renamed to its JSON
name; named types boxed, so recursive ones compile; enums with an `Unknown` catch-all), and one
`async fn` per method that fills the URL's path from the request, sends it with reqwest (a JSON
body, or the query for GET and DELETE) and reads the answer with `.json()`. No unknown fields
kept, no SDK naming, no errors typed, no paging, no docs: less than the bindings do, which is
the point of a floor.
"""
import os
import re
import sys

import yaml

BASE = "https://www.wixapis.com"
KEYWORDS = set("""as break const continue crate else enum extern false fn for if impl in let loop
match mod move mut pub ref return self Self static struct super trait true type unsafe use where
while async await dyn abstract become box do final macro override priv typeof unsized virtual
yield try""".split())


class Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):
    pass


def _tagged(tag):
    def construct(loader, node):
        if isinstance(node, yaml.MappingNode):
            return {"kind": tag, "def": loader.construct_mapping(node, deep=True)}
        return {"kind": tag, "def": loader.construct_sequence(node, deep=True)}

    return construct


Loader.add_constructor("!struct", _tagged("struct"))
Loader.add_constructor("!enum", _tagged("enum"))

STRING, VALUE = "::std::string::String", "::serde_json::Value"
SCALARS = {"string": STRING, "integer": "i64", "number": "f64", "boolean": "bool",
           "object": VALUE, "any": VALUE, "Date": STRING}


def words(text):
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    return [w for w in re.split(r"[^A-Za-z0-9]+", text) if w]


def pascal(text):
    out = "".join(w[0].upper() + w[1:].lower() for w in words(text)) or "T"
    return "T" + out if out[0].isdigit() or out == "Self" else out


def snake(text):
    out = "_".join(w.lower() for w in words(text)) or "field"
    if out[0].isdigit():
        out = "f_" + out
    return "r#" + out if out in KEYWORDS else out


class Names:
    def __init__(self):
        self.used = set()

    def take(self, name):
        candidate, n = name, 2
        while candidate in self.used:
            candidate, n = f"{name}{n}", n + 1
        self.used.add(candidate)
        return candidate


def rust_type(text, types):
    text = text.strip()
    if text.startswith("array<") and text.endswith(">"):
        return f"::std::vec::Vec<{rust_type(text[6:-1], types)}>"
    if text == "array":
        return f"::std::vec::Vec<{VALUE}>"
    if text in SCALARS:
        return SCALARS[text]
    return f"::std::boxed::Box<{types[text]}>" if text in types else VALUE


def fields_code(fields, types):
    names, out = Names(), []
    for field in fields:
        ident = names.take(snake(field["name"]))
        out.append(f'    #[serde(rename = "{field["name"]}", skip_serializing_if = "::std::option::Option::is_none")]\n'
                   f"    pub {ident}: ::std::option::Option<{rust_type(field['type'], types)}>,\n")
    return "".join(out)


def package_code(package):
    defs, order = {}, []
    for method in package["methods"]:
        for name, typedef in ((method.get("rest") or {}).get("types") or {}).items():
            if name not in defs:
                defs[name] = typedef
                order.append(name)
            elif typedef["kind"] == "struct" and defs[name]["kind"] == "struct":
                known = {f["name"] for f in defs[name]["def"].get("fields", [])}
                defs[name]["def"].setdefault("fields", []).extend(
                    f for f in typedef["def"].get("fields", []) if f["name"] not in known)
    names = Names()
    types = {name: names.take(pascal(name)) for name in order}
    out = []
    for name in order:
        typedef, rust = defs[name], types[name]
        if typedef["kind"] == "enum":
            variants, seen = Names(), []
            for value in typedef["def"]:
                wire = value["value"] if isinstance(value, dict) else value
                seen.append(f'    #[serde(rename = "{wire}")]\n    {variants.take(pascal(str(wire)))},\n')
            out.append("\n#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]\n"
                       f"pub enum {rust} {{\n{''.join(seen)}    #[serde(other)]\n"
                       f"    {variants.take('Unknown')},\n}}\n")
        else:
            out.append("\n#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]\n"
                       f"pub struct {rust} {{\n{fields_code(typedef['def'].get('fields', []), types)}}}\n")
    functions = Names()
    for method in sorted(package["methods"], key=lambda m: m["name"]):
        rest = method.get("rest")
        if not rest:
            continue
        request = names.take(pascal(rest["method"]) + "Request")
        params = (rest.get("params") or {}).get("fields", [])
        out.append("\n#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]\n"
                   f"pub struct {request} {{\n{fields_code(params, types)}}}\n")
        returns = ((rest.get("returns") or {}).get("ty") or "").strip()
        answer = types.get(returns, VALUE)
        verb = rest.get("http_method", "POST").lower()
        send = ".query(request)" if verb in ("get", "delete") else ".json(request)"
        path = rest.get("url", "").replace(BASE, "")
        out.append(f"\npub async fn {functions.take(snake(rest['method']))}(\n"
                   f"    client: &reqwest::Client,\n    request: &{request},\n"
                   f") -> reqwest::Result<{answer}> {{\n"
                   f'    let url = crate::url("{path}", request);\n'
                   f"    client.{verb}(url){send}.send().await?.error_for_status()?.json().await\n}}\n")
    return "".join(out)


LIB = '''//! The floor: plain serde structs and reqwest calls (generated by benches/floor.py).
#![allow(clippy::all, non_camel_case_types, dead_code)]

/// The base URL with the path's `{templates}` filled from the request's fields.
fn url<T: serde::Serialize>(path: &str, request: &T) -> String {
    let value = serde_json::to_value(request).unwrap_or_default();
    let mut out = String::from("https://www.wixapis.com");
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').map_or(rest.len(), |e| start + e);
        out.push_str(&rest[..start]);
        let mut at = &value;
        for key in rest[start + 1..end].split('.') {
            at = &at[key];
        }
        out.push_str(&at.as_str().map_or_else(|| at.to_string(), String::from));
        rest = &rest[(end + 1).min(rest.len())..];
    }
    out.push_str(rest);
    out
}
'''


def main():
    schema, crate = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.join(crate, "src"), exist_ok=True)
    lib, modules = [LIB], Names()
    for file in sorted(os.listdir(schema)):
        if not file.endswith(".yaml"):
            continue
        with open(os.path.join(schema, file)) as f:
            package = yaml.load(f, Loader=Loader)
        module = modules.take(snake(package["package"]).removeprefix("r#"))
        with open(os.path.join(crate, "src", f"{module}.rs"), "w") as f:
            f.write(package_code(package))
        lib.append(f"pub mod {module};\n")
    with open(os.path.join(crate, "src", "lib.rs"), "w") as f:
        f.write("".join(lib))
    with open(os.path.join(crate, "Cargo.toml"), "w") as f:
        f.write('[package]\nname = "peer-floor"\nversion = "0.0.0"\nedition = "2021"\n\n'
                '[dependencies]\nserde = { version = "1", features = ["derive"] }\n'
                'serde_json = "1"\nreqwest = { version = "0.12", default-features = false, '
                'features = ["json", "rustls-tls"] }\n\n[workspace]\n')


main()

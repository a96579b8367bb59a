//! `wixgen diff`: what changed in an API between two schemas, in words, each change classed by
//! what it does to code written against the generated bindings.
//!
//! **Breaking**: code that compiled against the old bindings may not compile, or behaves
//! differently — a method, field, enum value or documented error removed; a field's type
//! changed; a request field made required or optional (its Rust type changes between `T` and
//! `Option<T>`); a URL or HTTP method changed; ONE-OF membership changed (the group's enum
//! changes); an SDK positional argument added, removed or moved. **Additive**: everything old
//! code keeps doing — a method, an optional field, an enum value or an error added (enums are
//! open: an unknown value already decoded into `Unrecognized`, and error enums end with
//! `Other`), a response field's required marker changed (response fields are all `Option`).

use crate::schema::{Field, Fields, Method, Package, PossibleError, ReturnType, Type, TypeDef};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// What a change does to code written against the old bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Code written against the old bindings may not compile, or behaves differently.
    Breaking,
    /// Code written against the old bindings keeps working.
    Additive,
}

/// One change. Serialized as one object of `wixgen diff --format json`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// The Wix package (`referralProgram`).
    pub package: String,
    /// `Namespace.Method`.
    pub method: String,
    /// `rest` or `sdk`, when the change is in one surface only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surface: Option<&'static str>,
    /// One of: `method_added`, `method_removed`, `url_changed`, `http_method_changed`,
    /// `field_added`, `field_removed`, `field_retyped`, `field_made_required`,
    /// `field_made_optional`, `one_of_changed`, `enum_value_added`, `enum_value_removed`,
    /// `error_added`, `error_removed`, `argument_added`, `argument_removed`,
    /// `arguments_reordered`.
    pub kind: &'static str,
    /// Breaking or additive.
    pub impact: Impact,
    /// The field's path (`referredFriend.source`, `returns.items.status`), where there is one.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub path: String,
    /// The change in words.
    pub detail: String,
}

/// The changes from `old` to `new`, by package and method, breaking ones first.
pub fn diff(old: &[Package], new: &[Package]) -> Vec<Change> {
    let index = |packages: &[Package]| -> BTreeMap<(String, String), Method> {
        packages
            .iter()
            .flat_map(|p| &p.methods)
            .map(|m| {
                (
                    (m.package.clone(), format!("{}.{}", m.namespace, m.name)),
                    m.clone(),
                )
            })
            .collect()
    };
    let (old, new) = (index(old), index(new));
    let mut changes = Vec::new();
    let keys: BTreeSet<&(String, String)> = old.keys().chain(new.keys()).collect();
    for key in keys {
        let mut out = Changes {
            package: &key.0,
            method: &key.1,
            surface: None,
            changes: &mut changes,
        };
        match (old.get(key), new.get(key)) {
            (Some(_), None) => out.push(
                "method_removed",
                Impact::Breaking,
                "",
                "method removed".into(),
            ),
            (None, Some(method)) => {
                let url = method
                    .rest
                    .as_ref()
                    .map(|r| format!(" ({} {})", r.http_method.as_str(), r.url));
                out.push(
                    "method_added",
                    Impact::Additive,
                    "",
                    format!("method added{}", url.unwrap_or_default()),
                );
            }
            (Some(a), Some(b)) => compare_method(a, b, &mut out),
            (None, None) => {}
        }
    }
    // Per method, breaking changes first.
    changes.sort_by(|a, b| {
        (
            &a.package, &a.method, a.impact, a.surface, &a.path, a.kind, &a.detail,
        )
            .cmp(&(
                &b.package, &b.method, b.impact, b.surface, &b.path, b.kind, &b.detail,
            ))
    });
    changes.dedup();
    changes
}

/// Collects the changes of one method.
struct Changes<'c> {
    package: &'c str,
    method: &'c str,
    surface: Option<&'static str>,
    changes: &'c mut Vec<Change>,
}

impl Changes<'_> {
    fn push(&mut self, kind: &'static str, impact: Impact, path: &str, detail: String) {
        self.changes.push(Change {
            package: self.package.to_string(),
            method: self.method.to_string(),
            surface: self.surface,
            kind,
            impact,
            path: path.to_string(),
            detail,
        });
    }
}

fn compare_method(old: &Method, new: &Method, out: &mut Changes<'_>) {
    if let (Some(a), Some(b)) = (&old.rest, &new.rest) {
        out.surface = Some("rest");
        if a.url != b.url {
            out.push(
                "url_changed",
                Impact::Breaking,
                "",
                format!("URL `{}` → `{}`", a.url, b.url),
            );
        }
        if a.http_method != b.http_method {
            let (from, to) = (a.http_method.as_str(), b.http_method.as_str());
            out.push(
                "http_method_changed",
                Impact::Breaking,
                "",
                format!("HTTP method {from} → {to}"),
            );
        }
        errors(&a.errors, &b.errors, out);
    }
    if let (Some(a), Some(b)) = (&old.sdk, &new.sdk) {
        out.surface = Some("sdk");
        arguments(&a.positional, &b.positional, out);
    }
    let surfaces = [
        ("rest", "REST", rest_parts(old), rest_parts(new)),
        ("sdk", "SDK", sdk_parts(old), sdk_parts(new)),
    ];
    for (surface, name, a, b) in surfaces {
        out.surface = Some(surface);
        match (a, b) {
            (Some((pa, ra, ta)), Some((pb, rb, tb))) => {
                let mut sides = Sides {
                    old: ta,
                    new: tb,
                    seen: BTreeSet::new(),
                };
                sides.fields(pa, pb, "", true, out);
                let (ra, rb) = (
                    ra.and_then(|r| r.ty.as_ref()),
                    rb.and_then(|r| r.ty.as_ref()),
                );
                // A type used both ways is compared again for the answer, where it counts less.
                sides.seen.clear();
                sides.types(ra, rb, "returns", false, out);
            }
            (Some(_), None) => out.push(
                "method_removed",
                Impact::Breaking,
                "",
                format!("{name} surface removed"),
            ),
            (None, Some(_)) => out.push(
                "method_added",
                Impact::Additive,
                "",
                format!("{name} surface added"),
            ),
            (None, None) => {}
        }
    }
    out.surface = None;
}

/// A surface's parameters, return type and named types.
type Parts<'m> = (
    &'m Fields,
    Option<&'m ReturnType>,
    &'m BTreeMap<String, TypeDef>,
);

fn rest_parts(method: &Method) -> Option<Parts<'_>> {
    let rest = method.rest.as_ref()?;
    Some((&rest.params, rest.returns.as_ref(), &rest.types))
}

fn sdk_parts(method: &Method) -> Option<Parts<'_>> {
    let sdk = method.sdk.as_ref()?;
    Some((&sdk.params, sdk.returns.as_ref(), &sdk.types))
}

/// The two sides' named types, to compare fields through them.
struct Sides<'t> {
    old: &'t BTreeMap<String, TypeDef>,
    new: &'t BTreeMap<String, TypeDef>,
    /// Pairs of named types compared already: each is compared once, and recursion ends.
    seen: BTreeSet<(String, String)>,
}

impl Sides<'_> {
    /// Compares two field lists at `path`; `request` tells params from returns.
    fn fields(
        &mut self,
        old: &Fields,
        new: &Fields,
        path: &str,
        request: bool,
        out: &mut Changes<'_>,
    ) {
        let join = |name: &str| {
            if path.is_empty() {
                name.to_string()
            } else {
                format!("{path}.{name}")
            }
        };
        for field in &old.fields {
            if new.get(&field.name).is_none() {
                out.push(
                    "field_removed",
                    Impact::Breaking,
                    &join(&field.name),
                    format!("field removed ({})", field.ty),
                );
            }
        }
        for field in &new.fields {
            let at = join(&field.name);
            let Some(before) = old.get(&field.name) else {
                let required = request && field.required;
                let impact = if required {
                    Impact::Breaking
                } else {
                    Impact::Additive
                };
                let what = if required {
                    "required field added"
                } else {
                    "field added"
                };
                out.push("field_added", impact, &at, format!("{what} ({})", field.ty));
                continue;
            };
            self.field(before, field, &at, request, out);
        }
        let groups = |fields: &Fields| -> BTreeSet<Vec<String>> {
            fields
                .one_ofs
                .iter()
                .map(|g| {
                    let mut members: Vec<String> = fields
                        .fields
                        .iter()
                        .filter(|f| f.one_of == Some(g.id))
                        .map(|f| f.name.clone())
                        .collect();
                    members.sort();
                    members
                })
                .collect()
        };
        let (ga, gb) = (groups(old), groups(new));
        if ga != gb {
            let show = |g: &BTreeSet<Vec<String>>| {
                g.iter()
                    .map(|m| format!("{{{}}}", m.join(", ")))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            out.push(
                "one_of_changed",
                Impact::Breaking,
                path,
                format!("ONE-OF groups {} → {}", show(&ga), show(&gb)),
            );
        }
    }

    fn field(&mut self, old: &Field, new: &Field, at: &str, request: bool, out: &mut Changes<'_>) {
        if old.required != new.required {
            let (kind, word) = if new.required {
                ("field_made_required", "required")
            } else {
                ("field_made_optional", "optional")
            };
            let impact = if request {
                Impact::Breaking
            } else {
                Impact::Additive
            };
            out.push(kind, impact, at, format!("field made {word}"));
        }
        self.types(Some(&old.ty), Some(&new.ty), at, request, out);
    }

    /// Compares two types: scalars by name, arrays by element, named types by their contents
    /// (their names may differ from page to page), each pair of named types once.
    fn types(
        &mut self,
        old: Option<&Type>,
        new: Option<&Type>,
        at: &str,
        request: bool,
        out: &mut Changes<'_>,
    ) {
        let (Some(old), Some(new)) = (old, new) else {
            if old.is_some() != new.is_some() {
                out.push(
                    "field_retyped",
                    Impact::Breaking,
                    at,
                    format!("type {} → {}", show(old), show(new)),
                );
            }
            return;
        };
        // Arrays by element: the layers both have are no change.
        let (mut old, mut new) = (old, new);
        while let (Type::Array(a), Type::Array(b)) = (old, new) {
            (old, new) = (a, b);
        }
        match (old, new) {
            (Type::Named(a), Type::Named(b)) => {
                if !self.seen.insert((a.clone(), b.clone())) {
                    return;
                }
                match (self.old.get(a), self.new.get(b)) {
                    (Some(TypeDef::Struct(fa)), Some(TypeDef::Struct(fb))) => {
                        self.fields(fa, fb, at, request, out)
                    }
                    (Some(TypeDef::Enum(va)), Some(TypeDef::Enum(vb))) => {
                        for value in va.iter().filter(|v| !vb.iter().any(|w| w.value == v.value)) {
                            out.push(
                                "enum_value_removed",
                                Impact::Breaking,
                                at,
                                format!("enum value `{}` removed", value.value),
                            );
                        }
                        for value in vb.iter().filter(|v| !va.iter().any(|w| w.value == v.value)) {
                            out.push(
                                "enum_value_added",
                                Impact::Additive,
                                at,
                                format!("enum value `{}` added", value.value),
                            );
                        }
                    }
                    (None, None) => {}
                    _ => out.push(
                        "field_retyped",
                        Impact::Breaking,
                        at,
                        format!("type `{a}` → `{b}` (a struct and an enum)"),
                    ),
                }
            }
            (a, b) if a != b => out.push(
                "field_retyped",
                Impact::Breaking,
                at,
                format!("type {a} → {b}"),
            ),
            _ => {}
        }
    }
}

fn show(ty: Option<&Type>) -> String {
    ty.map_or_else(|| "none".to_string(), |t| t.to_string())
}

fn errors(old: &[PossibleError], new: &[PossibleError], out: &mut Changes<'_>) {
    let codes = |errors: &[PossibleError]| -> BTreeSet<String> {
        errors.iter().map(|e| e.code.clone()).collect()
    };
    let (a, b) = (codes(old), codes(new));
    for code in a.difference(&b) {
        out.push(
            "error_removed",
            Impact::Breaking,
            "",
            format!("documented error `{code}` removed"),
        );
    }
    for code in b.difference(&a) {
        out.push(
            "error_added",
            Impact::Additive,
            "",
            format!("documented error `{code}` added"),
        );
    }
}

fn arguments(old: &[String], new: &[String], out: &mut Changes<'_>) {
    for name in old.iter().filter(|n| !new.contains(n)) {
        out.push(
            "argument_removed",
            Impact::Breaking,
            name,
            format!("positional argument `{name}` removed"),
        );
    }
    for name in new.iter().filter(|n| !old.contains(n)) {
        out.push(
            "argument_added",
            Impact::Breaking,
            name,
            format!("positional argument `{name}` added"),
        );
    }
    let kept = |list: &[String], other: &[String]| -> Vec<String> {
        list.iter().filter(|n| other.contains(n)).cloned().collect()
    };
    if kept(old, new) != kept(new, old) {
        out.push(
            "arguments_reordered",
            Impact::Breaking,
            "",
            format!(
                "positional arguments ({}) → ({})",
                old.join(", "),
                new.join(", ")
            ),
        );
    }
}

/// How many changes are breaking and additive.
pub fn counts(changes: &[Change]) -> (usize, usize) {
    let breaking = changes
        .iter()
        .filter(|c| c.impact == Impact::Breaking)
        .count();
    (breaking, changes.len() - breaking)
}

/// The changes for a terminal: grouped by package and method, breaking ones marked.
pub fn text(changes: &[Change], color: bool) -> String {
    let paint = |code: &str, text: &str| crate::diagnostics::paint(color, code, text);
    if changes.is_empty() {
        return "no API changes\n".to_string();
    }
    let (breaking, additive) = counts(changes);
    let mut out = String::new();
    let mut current: Option<(&str, &str)> = None;
    for change in changes {
        if current != Some((&change.package, &change.method)) {
            current = Some((&change.package, &change.method));
            let _ = writeln!(
                out,
                "{}",
                paint("1", &format!("{} {}", change.package, change.method))
            );
        }
        let mark = match change.impact {
            Impact::Breaking => paint("1;31", "breaking"),
            Impact::Additive => paint("32", "additive"),
        };
        let _ = writeln!(out, "  {mark}  {}", line(change));
    }
    let _ = writeln!(out, "\n{breaking} breaking, {additive} additive");
    out
}

/// A change on one line: surface, path, and what happened.
fn line(change: &Change) -> String {
    let surface = change
        .surface
        .map(|s| format!("{} ", s.to_uppercase()))
        .unwrap_or_default();
    if change.path.is_empty() {
        format!("{surface}{}", change.detail)
    } else {
        format!("{surface}`{}`: {}", change.path, change.detail)
    }
}

/// The changes as a pull-request comment: summary counts, then a section per method.
pub fn markdown(changes: &[Change]) -> String {
    let (breaking, additive) = counts(changes);
    let mut out = String::from("## Wix API changes\n\n");
    if changes.is_empty() {
        out.push_str("No API changes.\n");
        return out;
    }
    let methods: BTreeSet<(&str, &str)> = changes
        .iter()
        .map(|c| (c.package.as_str(), c.method.as_str()))
        .collect();
    let plural = if methods.len() == 1 { "" } else { "s" };
    let _ = writeln!(
        out,
        "**{breaking} breaking**, {additive} additive, in {} method{plural}.\n",
        methods.len()
    );
    for (package, method) in methods {
        let _ = writeln!(out, "### `{package}` {method}\n");
        for change in changes
            .iter()
            .filter(|c| c.package == package && c.method == method)
        {
            let mark = match change.impact {
                Impact::Breaking => "**breaking**",
                Impact::Additive => "additive",
            };
            let _ = writeln!(out, "- {mark}: {}", line(change));
        }
        out.push('\n');
    }
    out
}

/// The changes as JSON: `{"breaking": n, "additive": n, "changes": [...]}`, each change with
/// `package`, `method`, `surface`, `kind`, `impact`, `path` and `detail`.
pub fn json(changes: &[Change]) -> String {
    let (breaking, additive) = counts(changes);
    let value = serde_json::json!({"breaking": breaking, "additive": additive, "changes": changes});
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

//! Assembles a read page into an IR [`Method`]: both surfaces, their types resolved and paired,
//! the public URL chosen, and the page's loose ends reported.

use super::curl;
use super::listing::{At, Listing};
use super::page::{Example, Page, Surface};
use super::pairing::Side;
use super::reconcile::{join, Evidence, Expansions};
use super::types::TypeTable;
use super::Reader;
use crate::schema::{
    self, CodeExample, CurlExample, Field, Fields, HttpMethod, Method, RestSurface, ReturnType,
    SdkSurface, Type, TypeDef,
};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

impl Reader<'_> {
    pub(crate) fn method(&mut self, page: Page, first_line: usize) -> Option<Method> {
        let Some(title) = page.name else {
            self.error_at(first_line, 1, "a page without a title")
                .expected("`# MethodName` as the page's first heading");
            return None;
        };
        let package = self.required_attr(page.package, &title, "# Package: <name>");
        let namespace = self.required_attr(page.namespace, &title, "# Namespace: <name>");
        let (mut rest, mut sdk) = (page.rest, page.sdk);
        if rest.is_none() && sdk.is_none() {
            self.error_at(title.line, title.column, "a page without an API section")
                .expected("`## REST API` or `## JavaScript SDK` with a `### Schema`");
        }
        for surface in [&mut rest, &mut sdk].into_iter().flatten() {
            if surface.listing.is_none() {
                self.error_at(
                    surface.heading_line,
                    1,
                    "an API section without a schema listing",
                )
                .expected("`### Schema` followed by a ``` block");
            }
        }
        let curls = rest
            .as_ref()
            .map_or_else(Vec::new, |s| self.curl_examples(&s.examples));
        let bodies: Vec<Value> = curls.iter().filter_map(|c| c.body.clone()).collect();
        self.reconcile(&mut rest, &mut sdk, &bodies);
        let mut rest_side = rest.as_ref().and_then(|s| self.side(s, None));
        let fallback_return = rest_side
            .as_ref()
            .and_then(|s| s.returns.as_ref())
            .and_then(Type::named)
            .map_or_else(
                || super::types::type_name_from(&format!("{}Response", title.value)),
                String::from,
            );
        let mut sdk_side = sdk
            .as_ref()
            .and_then(|s| self.side(s, Some(&fallback_return)));
        match (&mut rest_side, &mut sdk_side) {
            (Some(r), Some(s)) => self.pair(r, s, &bodies),
            (Some(r), None) => self.resolve_alone(r, &bodies, true),
            (None, Some(s)) => self.resolve_alone(s, &bodies, false),
            (None, None) => {}
        }

        let rest = match (rest, rest_side) {
            (Some(surface), Some(side)) => self.rest_surface(surface, side, curls),
            _ => None,
        };
        let sdk = match (sdk, sdk_side) {
            (Some(surface), Some(side)) => self.sdk_surface(surface, side),
            _ => None,
        };
        let mut rest = rest;
        if let Some(rest) = &mut rest {
            self.add_example_fields(rest);
        }
        self.check_complete(&title, rest.as_ref(), sdk.as_ref());
        Some(Method {
            name: title.value,
            package: package?,
            namespace: namespace?,
            link: page.link,
            permission_scopes: page.scopes,
            description: page.introduction,
            rest,
            sdk,
        })
    }

    /// What a page cut short leaves behind, said as warnings: Wix pages document both
    /// surfaces, and every type a listing names is expanded somewhere in it.
    fn check_complete(
        &mut self,
        title: &At<String>,
        rest: Option<&RestSurface>,
        sdk: Option<&SdkSurface>,
    ) {
        let missing = match (rest, sdk) {
            (Some(_), None) => Some("JavaScript SDK"),
            (None, Some(_)) => Some("REST API"),
            _ => None,
        };
        if let Some(missing) = missing {
            self.warning_at(
                title.line,
                title.column,
                format!("the page has no usable `## {missing}` section (is it cut short?)"),
            )
            .expected("a REST API and a JavaScript SDK section, each with its schema");
        }
        let surfaces = [
            rest.map(|r| {
                (
                    "REST",
                    &r.params,
                    r.returns.as_ref().and_then(|t| t.ty.as_ref()),
                    &r.types,
                )
            }),
            sdk.map(|s| {
                (
                    "SDK",
                    &s.params,
                    s.returns.as_ref().and_then(|t| t.ty.as_ref()),
                    &s.types,
                )
            }),
        ];
        for (surface, params, returns, types) in surfaces.into_iter().flatten() {
            let fields = params
                .fields
                .iter()
                .chain(types.values().flat_map(|def| match def {
                    TypeDef::Struct(fields) => fields.fields.as_slice(),
                    TypeDef::Enum(_) => &[],
                }));
            let named = fields.map(|f| &f.ty).chain(returns);
            let unexpanded: BTreeSet<&str> = named
                .filter_map(Type::named)
                .filter(|name| !types.contains_key(*name))
                .collect();
            for name in unexpanded {
                self.warning_at(
                    title.line,
                    title.column,
                    format!("the {surface} listing names type `{name}` but never lists its fields (is the listing cut short?)"),
                )
                .expected(format!("`{name}`'s fields nested under the first field of that type"));
            }
        }
    }

    fn required_attr(
        &mut self,
        value: Option<String>,
        title: &At<String>,
        expected: &str,
    ) -> Option<String> {
        if value.is_none() {
            self.error_at(
                title.line,
                title.column,
                format!("page `{}` lacks a heading", title.value),
            )
            .expected(format!("`{expected}`"));
        }
        value
    }

    /// Repairs nesting in both listings with the evidence the whole page gives.
    fn reconcile(
        &mut self,
        rest: &mut Option<Surface>,
        sdk: &mut Option<Surface>,
        bodies: &[Value],
    ) {
        let listings = [rest.as_ref(), sdk.as_ref()];
        let trees = listings
            .iter()
            .flatten()
            .filter_map(|s| s.listing.as_ref())
            .flat_map(|l| [l.params.as_slice(), l.returns.as_slice()]);
        let expansions = Expansions::collect(trees);
        for (surface, sdk) in [(rest, false), (sdk, true)] {
            if let Some(listing) = surface.as_mut().and_then(|s| s.listing.as_mut()) {
                let required = listing.required.clone();
                let params = Evidence {
                    required: &required,
                    expansions: &expansions,
                    bodies,
                    sdk,
                };
                self.reconcile_nesting(&mut listing.params, "", &params);
                // Response fields: the request examples say nothing about them.
                let returns = Evidence {
                    required: &[],
                    expansions: &expansions,
                    bodies: &[],
                    sdk,
                };
                self.reconcile_nesting(&mut listing.returns, "", &returns);
            }
        }
    }

    /// Fields and types of one listing. `fallback_return` names an SDK `PROMISE` with fields.
    fn side(&mut self, surface: &Surface, fallback_return: Option<&String>) -> Option<Side> {
        let listing = surface.listing.as_ref()?;
        let mut types = TypeTable::new();
        let params = self.fields(&listing.params, &mut types);
        let returns = self.return_type(listing, &mut types, fallback_return);
        Some(Side {
            params,
            returns: returns.and_then(|r| r.ty),
            types,
            at: listing
                .method
                .as_ref()
                .map_or((surface.heading_line, 1), |m| (m.line, m.column)),
        })
    }

    fn return_type(
        &mut self,
        listing: &Listing,
        types: &mut TypeTable,
        fallback: Option<&String>,
    ) -> Option<ReturnType> {
        let declared = listing.return_decl.as_ref()?;
        let text = declared.value.as_str();
        let inner = match text.strip_prefix("PROMISE") {
            Some("") => None,
            Some(rest) => match rest.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
                Some(inner) => Some(inner.trim()),
                None => {
                    self.error_at(
                        declared.line,
                        declared.column,
                        format!("unrecognized return type `{text}`"),
                    )
                    .expected("`PROMISE`, `PROMISE<TypeName>` or `TypeName`");
                    return None;
                }
            },
            None if text.is_empty() => None,
            None => Some(text),
        };
        let ty = if listing.returns.is_empty() {
            match inner.map(Type::parse) {
                Some(Ok(ty)) => Some(ty),
                Some(Err(problem)) => {
                    self.error_at(
                        declared.line,
                        declared.column,
                        format!("unrecognized return type: {problem}"),
                    )
                    .expected("`PROMISE`, `PROMISE<TypeName>` or `TypeName`");
                    return None;
                }
                None => None,
            }
        } else {
            let name = match (inner.map(Type::parse), fallback) {
                (Some(Ok(Type::Named(name))), _) => name,
                (Some(_), _) => {
                    self.error_at(
                        declared.line,
                        declared.column,
                        format!("the return type `{text}` has fields but is no type name"),
                    )
                    .expected("`TypeName` or `PROMISE<TypeName>` above the fields");
                    return None;
                }
                (None, Some(fallback)) => fallback.clone(),
                (None, None) => "Response".to_string(),
            };
            let fields = self.fields(&listing.returns, types);
            self.define(
                types,
                &name,
                TypeDef::Struct(fields),
                (declared.line, declared.column),
            );
            Some(Type::Named(name))
        };
        Some(ReturnType {
            declared: text.to_string(),
            ty,
        })
    }

    fn curl_examples(&mut self, examples: &[Example]) -> Vec<CurlExample> {
        let mut out = Vec::new();
        for example in examples {
            let curl = match curl::parse(&example.code) {
                Ok(curl) => curl,
                Err(problem) => {
                    self.warning_at(
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
                    self.warning_at(
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

    fn rest_surface(
        &mut self,
        surface: Surface,
        side: Side,
        examples: Vec<CurlExample>,
    ) -> Option<RestSurface> {
        let listing = surface.listing?;
        let Some(method) = listing.method.clone() else {
            self.error_at(
                surface.heading_line,
                1,
                "a REST listing without its method name",
            )
            .expected("`Method: <name>` as the listing's first line");
            return None;
        };
        let http_method = match &listing.http_method {
            Some(verb) => match HttpMethod::parse(&verb.value) {
                Some(m) => Some(m),
                None => {
                    self.error_at(
                        verb.line,
                        verb.column,
                        format!("unknown HTTP method `{}`", verb.value),
                    )
                    .expected("GET, POST, PUT, PATCH or DELETE");
                    None
                }
            },
            None => {
                self.error_at(
                    method.line,
                    method.column,
                    "a REST listing without its HTTP method",
                )
                .expected("a second `Method:` line with GET, POST, PUT, PATCH or DELETE");
                None
            }
        };
        let Some(url) = &listing.url else {
            self.error_at(method.line, method.column, "a REST listing without a URL")
                .expected("`URL: https://www.wixapis.com/…`");
            return None;
        };
        let (line, column) = (url.line, url.column);
        let (url, documented_url) = self.choose_url(url, &examples);
        match schema::check_url(&url, false) {
            Ok(None) => {}
            Ok(Some(warning)) => {
                self.warning_at(line, column, warning).expected(format!(
                    "{} (a `url:` override settles it)",
                    schema::API_HOST
                ));
            }
            Err(problem) => {
                self.error_at(line, column, problem)
                    .expected("`URL: https://www.wixapis.com/…`");
                return None;
            }
        }
        let mut side = side;
        self.add_required(&listing.required, &mut side, &method, "REST");
        Some(RestSurface {
            method: method.value,
            description: listing.description,
            http_method: http_method?,
            url,
            documented_url,
            required: listing.required,
            params: side.params,
            returns: listing.return_decl.map(|d| ReturnType {
                declared: d.value,
                ty: side.returns,
            }),
            errors: listing.errors,
            types: side.types,
            examples,
        })
    }

    fn sdk_surface(&mut self, surface: Surface, side: Side) -> Option<SdkSurface> {
        let listing = surface.listing?;
        let Some(signature) = listing.method.clone() else {
            self.error_at(
                surface.heading_line,
                1,
                "an SDK listing without its method signature",
            )
            .expected("`Method: wixClientAdmin.<package>.<Namespace>.<method>(<arguments>)`");
            return None;
        };
        let (call, positional) = match signature.value.split_once('(') {
            Some((call, args)) => {
                let args = args.trim_end().trim_end_matches(')');
                let names = args
                    .split(',')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(String::from)
                    .collect::<Vec<_>>();
                (call.trim().to_string(), names)
            }
            None => {
                self.warning_at(
                    signature.line,
                    signature.column,
                    "the SDK signature has no argument list; parameters are taken in listing order",
                );
                let names = side.params.fields.iter().map(|f| f.name.clone()).collect();
                (signature.value.clone(), names)
            }
        };
        let listed: BTreeSet<&str> = side.params.fields.iter().map(|f| f.name.as_str()).collect();
        let called: BTreeSet<&str> = positional.iter().map(String::as_str).collect();
        if listed != called {
            self.warning_at(
                signature.line,
                signature.column,
                format!(
                    "the SDK signature's arguments ({}) differ from the listed parameters ({})",
                    positional.join(", "),
                    listed.into_iter().collect::<Vec<_>>().join(", ")
                ),
            );
        }
        let mut side = side;
        self.add_required(&listing.required, &mut side, &signature, "SDK");
        let method = call.rsplit('.').next().unwrap_or(&call).to_string();
        let examples = surface
            .examples
            .into_iter()
            .map(|e| CodeExample {
                title: e.title,
                description: e.description,
                language: e.language,
                code: e.code,
            })
            .collect();
        Some(SdkSurface {
            call,
            method,
            positional,
            description: listing.description,
            required: listing.required,
            params: side.params,
            returns: listing.return_decl.map(|d| ReturnType {
                declared: d.value,
                ty: side.returns,
            }),
            errors: listing.errors,
            types: side.types,
            examples,
        })
    }

    /// The schema URL, unless the examples show it is an internal path: then the public URL the
    /// examples call, keeping the schema's path templates (callers of the API use the public URL;
    /// the internal path is not reachable).
    fn choose_url(
        &mut self,
        url: &At<String>,
        examples: &[CurlExample],
    ) -> (String, Option<String>) {
        let Some((host, path)) = split_url(&url.value) else {
            self.warning_at(
                url.line,
                url.column,
                format!("the URL `{}` is not absolute", url.value),
            );
            return (url.value.clone(), None);
        };
        let schema: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        for example in examples {
            let Some((example_host, example_path)) = split_url(&example.url) else {
                continue;
            };
            let example_path = example_path.split(['?', '#']).next().unwrap_or_default();
            let called: Vec<&str> = example_path.split('/').filter(|s| !s.is_empty()).collect();
            if example_host == host && segments_match(&schema, &called) {
                return (url.value.clone(), None);
            }
            let extra = called.len().saturating_sub(schema.len());
            if example_host == host && extra > 0 && segments_match(&schema, &called[extra..]) {
                let public = format!("{host}/{}/{}", called[..extra].join("/"), schema.join("/"));
                self.warning_at(
                    url.line,
                    url.column,
                    format!("the schema URL `{}` is an internal path; the examples call `{public}`, which is used", url.value),
                );
                return (public, Some(url.value.clone()));
            }
        }
        if let Some(example) = examples.first() {
            self.warning_at(
                url.line,
                url.column,
                format!("the schema URL `{}` does not match the example URL `{}`; the schema URL is used", url.value, example.url),
            );
        }
        (url.value.clone(), None)
    }

    /// Required paths the listing does not document are added to their parent (when that is
    /// documented) as any JSON value, so that they get a name and the required check.
    fn add_required(
        &mut self,
        required: &[String],
        side: &mut Side,
        at: &At<String>,
        listing: &str,
    ) {
        for path in required {
            if path_exists(side, path) {
                continue;
            }
            let (parent, name) = path.rsplit_once('.').unwrap_or(("", path));
            let added = container(&mut side.params, &mut side.types, parent)
                .map(|fields| add_inferred(fields, name, Type::Any, true, FROM_REQUIRED))
                .is_some();
            let what = if added {
                "; added as any JSON value"
            } else {
                ""
            };
            self.warning_at(
                at.line,
                at.column,
                format!(
                    "the {listing} listing requires `{path}`, which it does not document{what}"
                ),
            );
        }
    }

    /// Fields the curl examples send that the listing never documents are added to their
    /// parent, typed from the example's value, with a warning each.
    fn add_example_fields(&mut self, rest: &mut RestSurface) {
        let mut undocumented = BTreeMap::new();
        for example in &rest.examples {
            if let Some(body) = &example.body {
                collect_undocumented(body, &rest.params, &rest.types, "", &mut undocumented);
            }
        }
        for (path, value) in undocumented {
            let (parent, name) = path.rsplit_once('.').unwrap_or(("", &path));
            let ty = json_type(&value);
            let added = container(&mut rest.params, &mut rest.types, parent)
                .map(|fields| add_inferred(fields, name, ty.clone(), false, FROM_EXAMPLE))
                .is_some();
            let what = if added {
                format!("; added as `{ty}`, inferred from the example")
            } else {
                String::new()
            };
            self.warning_at(
                self.page_line,
                1,
                format!(
                    "example field `{path}` of `{}` is not documented in the REST listing{what}",
                    rest.method
                ),
            );
        }
    }
}

/// The fields at `parent` (a dotted path through named structs; empty for the parameters).
fn container<'f>(
    params: &'f mut Fields,
    types: &'f mut TypeTable,
    parent: &str,
) -> Option<&'f mut Fields> {
    if parent.is_empty() {
        return Some(params);
    }
    let mut fields: &Fields = params;
    let mut name = String::new();
    for segment in parent.split('.') {
        name = fields.get(segment)?.ty.named()?.to_string();
        match types.get(&name) {
            Some(TypeDef::Struct(inner)) => fields = inner,
            _ => return None,
        }
    }
    match types.get_mut(&name) {
        Some(TypeDef::Struct(inner)) => Some(inner),
        _ => None,
    }
}

fn add_inferred(fields: &mut Fields, name: &str, ty: Type, required: bool, description: &str) {
    if fields.get(name).is_none() {
        fields.fields.push(Field {
            name: name.to_string(),
            ty,
            description: description.to_string(),
            required,
            one_of: None,
            rest_name: None,
            field_mask: false,
            inferred: true,
        });
    }
}

/// How inferred fields are documented.
const FROM_EXAMPLE: &str = "Not in the reference listing; inferred from the page's example.";
const FROM_REQUIRED: &str = "Not in the reference listing; the page's required parameters name it.";

/// The type a JSON value shows: arrays by their first element, integers apart from numbers.
fn json_type(value: &Value) -> Type {
    match value {
        Value::String(_) => Type::String,
        Value::Bool(_) => Type::Boolean,
        Value::Number(n) if n.is_i64() || n.is_u64() => Type::Integer,
        Value::Number(_) => Type::Number,
        Value::Object(_) => Type::Object,
        Value::Array(items) => Type::Array(Box::new(
            items
                .iter()
                .find(|v| !v.is_null())
                .map_or(Type::Any, json_type),
        )),
        Value::Null => Type::Any,
    }
}

fn split_url(url: &str) -> Option<(&str, &str)> {
    let scheme_end = url.find("://")? + 3;
    let path_start = url[scheme_end..]
        .find('/')
        .map_or(url.len(), |i| scheme_end + i);
    Some((&url[..path_start], &url[path_start..]))
}

/// Path segments equal, where a schema segment holding `{template}` matches any value.
fn segments_match(schema: &[&str], called: &[&str]) -> bool {
    schema.len() == called.len()
        && schema
            .iter()
            .zip(called)
            .all(|(s, c)| s == c || (s.contains('{') && !c.is_empty()))
}

fn path_exists(side: &Side, path: &str) -> bool {
    let mut fields = Some(&side.params);
    let mut segments = path.split('.').peekable();
    while let Some(segment) = segments.next() {
        let Some(field) = fields.and_then(|f| f.get(segment)) else {
            return false;
        };
        if segments.peek().is_none() {
            return true;
        }
        fields = match field.ty.named().and_then(|n| side.types.get(n)) {
            Some(TypeDef::Struct(inner)) => Some(inner),
            _ => None,
        };
    }
    true
}

fn collect_undocumented(
    value: &Value,
    fields: &Fields,
    types: &TypeTable,
    path: &str,
    out: &mut BTreeMap<String, Value>,
) {
    let Value::Object(map) = value else {
        return;
    };
    for (key, value) in map {
        let key_path = join(path, key);
        let Some(field) = fields.get(key) else {
            out.entry(key_path).or_insert_with(|| value.clone());
            continue;
        };
        let Some(TypeDef::Struct(inner)) = field.ty.named().and_then(|n| types.get(n)) else {
            continue;
        };
        let items: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for item in items {
            collect_undocumented(item, inner, types, &key_path, out);
        }
    }
}

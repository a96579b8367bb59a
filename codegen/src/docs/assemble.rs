//! Assembly: the page's sections, listings and paired sides made into an IR
//! [`Method`]: both surfaces, the public URL chosen, and the page's loose ends reported.

use super::context::Context;
use super::fields::{Side, TypeTable};
use super::json::{join, type_of};
use super::nesting::Listing;
use super::sections::{At, Example, Heading, Page};
use crate::schema::{
    self, CodeExample, CurlExample, Field, Fields, HttpMethod, Method, RestSurface, ReturnType,
    SdkSurface, Type, TypeDef,
};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// One API section read: where its heading is, its nested listing and its paired side.
pub(crate) struct ReadSurface {
    pub heading_line: usize,
    pub listing: Listing,
    pub side: Side,
}

/// The method of a page: its heading and introduction, the REST surface (with its curl
/// examples) and the SDK surface (with its code examples).
pub(crate) fn method(
    cx: &mut Context<'_>,
    heading: Heading,
    page: Page<'_, '_>,
    rest: Option<ReadSurface>,
    sdk: Option<ReadSurface>,
    curls: Vec<CurlExample>,
) -> Option<Method> {
    let sdk_examples = page.sdk.map(|s| s.examples).unwrap_or_default();
    let mut rest = rest.and_then(|read| rest_surface(cx, read, curls));
    let sdk = sdk.and_then(|read| sdk_surface(cx, read, sdk_examples));
    if let Some(rest) = &mut rest {
        add_example_fields(cx, rest);
    }
    check_complete(cx, &heading.title, rest.as_ref(), sdk.as_ref());
    Some(Method {
        name: heading.title.value,
        package: heading.package?,
        namespace: heading.namespace?,
        link: page.link,
        permission_scopes: page.scopes,
        description: page.introduction,
        rest,
        sdk,
    })
}

fn check_complete(
    cx: &mut Context<'_>,
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
        cx.warning_at(
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
            cx.warning_at(
                    title.line,
                    title.column,
                    format!("the {surface} listing names type `{name}` but never lists its fields (is the listing cut short?)"),
                )
                .expected(format!("`{name}`'s fields nested under the first field of that type"));
        }
    }
}

/// Repairs nesting in both listings with the evidence the whole page gives.
fn rest_surface(
    cx: &mut Context<'_>,
    read: ReadSurface,
    examples: Vec<CurlExample>,
) -> Option<RestSurface> {
    let ReadSurface {
        heading_line,
        listing,
        side,
    } = read;
    let listing = listing.header;
    let Some(method) = listing.method.clone() else {
        cx.error_at(heading_line, 1, "a REST listing without its method name")
            .expected("`Method: <name>` as the listing's first line");
        return None;
    };
    let http_method = match &listing.http_method {
        Some(verb) => match HttpMethod::parse(&verb.value) {
            Some(m) => Some(m),
            None => {
                cx.error_at(
                    verb.line,
                    verb.column,
                    format!("unknown HTTP method `{}`", verb.value),
                )
                .expected("GET, POST, PUT, PATCH or DELETE");
                None
            }
        },
        None => {
            cx.error_at(
                method.line,
                method.column,
                "a REST listing without its HTTP method",
            )
            .expected("a second `Method:` line with GET, POST, PUT, PATCH or DELETE");
            None
        }
    };
    let Some(url) = &listing.url else {
        cx.error_at(method.line, method.column, "a REST listing without a URL")
            .expected("`URL: https://www.wixapis.com/…`");
        return None;
    };
    let (line, column) = (url.line, url.column);
    let (url, documented_url) = choose_url(cx, url, &examples);
    match schema::check_url(&url, false) {
        Ok(None) => {}
        Ok(Some(warning)) => {
            cx.warning_at(line, column, warning).expected(format!(
                "{} (a `url:` override settles it)",
                schema::API_HOST
            ));
        }
        Err(problem) => {
            cx.error_at(line, column, problem)
                .expected("`URL: https://www.wixapis.com/…`");
            return None;
        }
    }
    let mut side = side;
    add_required(cx, &listing.required, &mut side, &method, "REST");
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

fn sdk_surface(
    cx: &mut Context<'_>,
    read: ReadSurface,
    examples: Vec<Example>,
) -> Option<SdkSurface> {
    let ReadSurface {
        heading_line,
        listing,
        side,
    } = read;
    let listing = listing.header;
    let Some(signature) = listing.method.clone() else {
        cx.error_at(
            heading_line,
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
            cx.warning_at(
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
        cx.warning_at(
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
    add_required(cx, &listing.required, &mut side, &signature, "SDK");
    let method = call.rsplit('.').next().unwrap_or(&call).to_string();
    let examples = examples
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
    cx: &mut Context<'_>,
    url: &At<String>,
    examples: &[CurlExample],
) -> (String, Option<String>) {
    let Some((host, path)) = split_url(&url.value) else {
        cx.warning_at(
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
            cx.warning_at(
                    url.line,
                    url.column,
                    format!("the schema URL `{}` is an internal path; the examples call `{public}`, which is used", url.value),
                );
            return (public, Some(url.value.clone()));
        }
    }
    if let Some(example) = examples.first() {
        cx.warning_at(
            url.line,
            url.column,
            format!(
                "the schema URL `{}` does not match the example URL `{}`; the schema URL is used",
                url.value, example.url
            ),
        );
    }
    (url.value.clone(), None)
}

/// Required paths the listing does not document are added to their parent (when that is
/// documented) as any JSON value, so that they get a name and the required check.
fn add_required(
    cx: &mut Context<'_>,
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
        cx.warning_at(
            at.line,
            at.column,
            format!("the {listing} listing requires `{path}`, which it does not document{what}"),
        );
    }
}

/// Fields the curl examples send that the listing never documents are added to their
/// parent, typed from the example's value, with a warning each.
fn add_example_fields(cx: &mut Context<'_>, rest: &mut RestSurface) {
    let mut undocumented = BTreeMap::new();
    for example in &rest.examples {
        if let Some(body) = &example.body {
            collect_undocumented(body, &rest.params, &rest.types, "", &mut undocumented);
        }
    }
    for (path, value) in undocumented {
        let (parent, name) = path.rsplit_once('.').unwrap_or(("", &path));
        let ty = type_of(&value);
        let added = container(&mut rest.params, &mut rest.types, parent)
            .map(|fields| add_inferred(fields, name, ty.clone(), false, FROM_EXAMPLE))
            .is_some();
        let what = if added {
            format!("; added as `{ty}`, inferred from the example")
        } else {
            String::new()
        };
        cx.warning_at(
            cx.page_line,
            1,
            format!(
                "example field `{path}` of `{}` is not documented in the REST listing{what}",
                rest.method
            ),
        );
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
            conversion: None,
            inferred: true,
        });
    }
}

/// How inferred fields are documented.
const FROM_EXAMPLE: &str = "Not in the reference listing; inferred from the page's example.";
const FROM_REQUIRED: &str = "Not in the reference listing; the page's required parameters name it.";

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

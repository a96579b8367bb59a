//! A variant module's client methods: their requests (REST), arguments (SDK), responses,
//! error enums and paging.

use super::definitions::{self, StructContext};
use super::naming::{self, Names};
use super::sdk_call;
use super::surfaces::{rest_name, Surface};
use super::types::{NameMap, TypeSpace};
use super::{
    ErrorModel, ErrorVariant, FieldModel, MethodKind, MethodModel, PagingModel, Placement,
    RustType, SdkArgument, TypeModel, Variant,
};
use crate::schema::{walk, Fields, HttpMethod, RestSurface, Type, TypeDef};
use std::collections::BTreeSet;
use wixgen_runtime::contract::DEFAULT_BASE_URL;

fn response(
    surface: &Surface<'_>,
    map: &NameMap,
    notes: &mut BTreeSet<String>,
) -> Option<RustType> {
    let ty = surface.returns.and_then(|r| r.ty.as_ref())?;
    Some(definitions::rust_type(ty, map, &surface.method.name, notes))
}

/// GETs, and POSTs that only read (by name, as Wix names them), are safe to repeat.
fn idempotent(http_method: HttpMethod, name: &str) -> bool {
    const READS: [&str; 5] = ["query", "list", "count", "get", "search"];
    http_method == HttpMethod::Get
        || READS.iter().any(|verb| {
            name.strip_prefix(verb).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_uppercase())
            })
        })
}

fn method_doc(surface: &Surface<'_>, http_method: HttpMethod, url: &str) -> String {
    let method = surface.method;
    // The introduction keeps the page's paragraphs; the listing's description is one line.
    let mut doc = if method.description.is_empty() {
        surface.description.to_string()
    } else {
        method.description.clone()
    };
    doc.push_str(&format!("\n\n`{} {url}`", http_method.as_str()));
    if !method.permission_scopes.is_empty() {
        doc.push_str("\n\nPermission scopes:");
        for scope in &method.permission_scopes {
            doc.push_str(&format!("\n- {} (`{}`)", scope.name, scope.id));
        }
    }
    if let Some(link) = &method.link {
        doc.push_str(&format!("\n\nReference: <{link}>"));
    }
    doc
}

fn error_model(
    surface: &Surface<'_>,
    type_names: &mut Names,
    notes: &mut BTreeSet<String>,
) -> ErrorModel {
    let method = &surface.method.name;
    let (name, _) = type_names.allocate(&naming::pascal(&format!("{method}Error"), "T"));
    let mut idents = Names::new();
    let mut seen = BTreeSet::new();
    let mut variants = Vec::new();
    for error in surface.errors {
        if !seen.insert(error.code.as_str()) {
            notes.insert(format!(
                "`{method}` documents application code `{}` twice; the first is used",
                error.code
            ));
            continue;
        }
        variants.push(ErrorVariant {
            ident: idents.allocate(&naming::pascal(&error.code, "V")).0,
            code: error.code.clone(),
            http_code: error.http_code,
            status: error.status.clone(),
            doc: error.description.clone(),
        });
    }
    let other = idents.allocate_preferring(&["Other", "OtherError"]);
    ErrorModel {
        name,
        method: method.clone(),
        variants,
        other,
    }
}

fn sdk_kind(surface: &Surface<'_>, map: &NameMap, notes: &mut BTreeSet<String>) -> MethodKind {
    let method = &surface.method.name;
    let sdk = surface.method.sdk.as_ref().expect("an SDK surface");
    let mut idents = Names::new();
    let mut args = Vec::new();
    let mut options = None;
    for name in &sdk.positional {
        let Some(field) = surface.params.get(name) else {
            notes.insert(format!(
                "argument `{name}` of `{method}` is not listed; it is generated as any JSON value"
            ));
            args.push(SdkArgument {
                field: FieldModel {
                    ident: idents.allocate(&naming::snake(name)).0,
                    json: name.clone(),
                    ty: RustType::Any,
                    required: false,
                    doc: String::new(),
                    setter: None,
                    field_mask: false,
                },
                placement: Placement::TopLevel,
            });
            continue;
        };
        let arg = FieldModel {
            ident: idents.allocate(&naming::snake(name)).0,
            json: name.clone(),
            ty: definitions::rust_type(&field.ty, map, method, notes),
            required: field.required || surface.required.contains(name),
            doc: field.description.clone(),
            setter: None,
            field_mask: false,
        };
        let is_options = name == "options"
            && matches!(
                field.ty.named().and_then(|n| surface.types.get(n)),
                Some(TypeDef::Struct(_))
            );
        if is_options && options.is_none() {
            options = Some(arg);
        } else {
            args.push(SdkArgument {
                field: arg,
                placement: sdk_call::placement(surface.method, name),
            });
        }
    }
    MethodKind::Sdk {
        args,
        options,
        response: response(surface, map, notes),
        answer_field: sdk_call::answer_field(surface.method),
        request_shape: None,
        response_shape: None,
    }
}

/// The REST request's fields that are plain (not `Option`): those the listing marks required or
/// `Required parameters:` names at the top level, unless the SDK can leave them out. What the
/// SDK signature makes a required positional argument is required; what it takes in `options`
/// (optional as a whole, `options.contextId`) a call the SDK makes may omit, so REST's
/// request type may not insist on it either.
fn rest_required(surface: &Surface<'_>) -> BTreeSet<String> {
    let sdk_requires = |rest: &str| {
        let Some(sdk) = &surface.method.sdk else {
            return true;
        };
        sdk.positional.iter().any(|name| {
            let field = sdk.params.get(name);
            let travels_as = field.and_then(|f| f.rest_name.as_deref()).unwrap_or(name);
            travels_as == rest && (field.is_some_and(|f| f.required) || sdk.required.contains(name))
        })
    };
    surface
        .params
        .fields
        .iter()
        .filter(|f| f.required || surface.required.contains(&f.name))
        .filter(|f| sdk_requires(&f.name))
        .map(|f| f.name.clone())
        .collect()
}

/// The required paths the Rust types cannot guarantee (those below the top level), as the
/// request JSON has them: the SDK's options travel field by field at the top, so
/// `options.a.b` is checked as `a.b`. A field of the options themselves (`options.a`) is not
/// checked: the options are optional as a whole, and once spread nothing tells a call without
/// them from one without `a`.
fn nested_required(surface: &Surface<'_>, variant: Variant) -> Vec<String> {
    surface
        .required
        .iter()
        .filter(|path| path.contains('.') && documented(surface, path))
        .filter_map(|path| match variant {
            Variant::Sdk => match path.strip_prefix("options.") {
                Some(inner) => inner.contains('.').then(|| inner.to_string()),
                None => Some(path.clone()),
            },
            Variant::Rest => Some(path.clone()),
        })
        .collect()
}

/// How a REST surface pages, when it does: cursor paging (`cursorPaging {cursor, …}` at the top
/// or in `query`, answered with `pagingMetadata.cursors.next`) or offset paging (`paging
/// {limit, offset}`, answered with `pagingMetadata.count`); the keys to the paging object;
/// and the response's list field (its first array of a named type).
fn paging_of(rest: &RestSurface) -> Option<(bool, Vec<String>, String)> {
    let fields_of = |ty: &Type| match ty {
        Type::Named(name) => rest.types.get(name)?.as_struct(),
        _ => None,
    };
    let find = |name: &str| -> Option<(Vec<String>, &Fields)> {
        if let Some(field) = rest.params.get(name) {
            return Some((vec![name.to_string()], fields_of(&field.ty)?));
        }
        let query = fields_of(&rest.params.get("query")?.ty)?;
        Some((
            vec!["query".to_string(), name.to_string()],
            fields_of(&query.get(name)?.ty)?,
        ))
    };
    let response = fields_of(rest.returns.as_ref()?.ty.as_ref()?)?;
    let metadata = fields_of(&response.get("pagingMetadata")?.ty)?;
    let cursor = find("cursorPaging")
        .filter(|(_, paging)| paging.get("cursor").is_some())
        .filter(|_| {
            metadata
                .get("cursors")
                .and_then(|c| fields_of(&c.ty))
                .is_some_and(|cursors| cursors.get("next").is_some())
        })
        .map(|(path, _)| (true, path));
    let offset = || {
        find("paging")
            .filter(|(_, paging)| paging.get("offset").is_some())
            .filter(|_| metadata.get("count").is_some())
            .map(|(path, _)| (false, path))
    };
    let (is_cursor, path) = cursor.or_else(offset)?;
    let items = response.fields.iter().find(|f| {
        f.name != "pagingMetadata"
            && matches!(&f.ty, Type::Array(inner) if matches!(**inner, Type::Named(_)))
    })?;
    Some((is_cursor, path, items.name.clone()))
}

/// Whether a GET or DELETE declares a request that flat query parameters cannot carry, which
/// the JavaScript SDK then sends whole as `.r` (base64url JSON) whenever it holds anything
/// nested: a list of objects (`sorting: array<Sorting>`, a query's `sort`) or a free-form
/// object (a `filter`, whose operators nest at will), at any depth of the REST request.
fn complex_query(rest: &RestSurface) -> bool {
    let needs_r = |field: &crate::schema::Field| {
        let (depth, element) = field.ty.layers();
        match element {
            Type::Object => true,
            Type::Named(name) => {
                depth > 0 && matches!(rest.types.get(name), Some(TypeDef::Struct(_)))
            }
            _ => false,
        }
    };
    if !rest.http_method.uses_query() {
        return false;
    }
    let named = |fields: &Fields| {
        fields
            .fields
            .iter()
            .flat_map(|f| f.ty.named())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let structs = walk::reachable(named(&rest.params), |name| {
        rest.types
            .get(name)
            .and_then(TypeDef::as_struct)
            .map(named)
            .unwrap_or_default()
    });
    rest.params.fields.iter().any(needs_r)
        || structs
            .iter()
            .filter_map(|name| rest.types.get(name)?.as_struct())
            .any(|fields| fields.fields.iter().any(needs_r))
}

/// Whether every segment of `path` is a field the listing documents (a path the reader warned
/// about is not enforced: nothing could satisfy it). A field only the required paths name is
/// no documented field either: `plan.pricing.pricingModel` names a ONE-OF group, which travels
/// as its member's key, never as `pricingModel`.
fn documented(surface: &Surface<'_>, path: &str) -> bool {
    let mut prefix = String::new();
    path.split('.').all(|segment| {
        if !prefix.is_empty() {
            prefix.push('.');
        }
        prefix.push_str(segment);
        walk::field_at(surface.params, surface.types, &prefix).is_some_and(|f| !f.inferred)
    })
}

/// The client methods of `surfaces` and their error enums; a REST method's request struct is
/// added to `models`, its ONE-OF enums to `one_ofs`.
pub(super) fn methods(
    space: &TypeSpace,
    surfaces: &[Surface<'_>],
    variant: Variant,
    models: &mut Vec<TypeModel>,
    type_names: &mut Names,
    one_ofs: &mut Vec<TypeModel>,
    notes: &mut BTreeSet<String>,
) -> (Vec<MethodModel>, Vec<ErrorModel>) {
    let mut errors = Vec::new();
    let mut methods = Vec::new();
    let mut fn_names = Names::new();
    fn_names.reserve(&["new"]);
    for (index, surface) in surfaces.iter().enumerate() {
        let map = &space.maps[index];
        let error = error_model(surface, type_names, notes);
        let kind = match variant {
            Variant::Rest => {
                let wanted = naming::pascal(&format!("{}Request", rest_name(surface.method)), "T");
                let (request, _) = type_names.allocate(&wanted);
                let context = StructContext {
                    map,
                    method: &surface.method.name,
                    required: rest_required(surface),
                    lenient: false,
                    wire_field_masks: true,
                };
                let doc = format!("The request of `{}`.", rest_name(surface.method));
                models.push(TypeModel::Struct(definitions::struct_model(
                    &request,
                    doc,
                    surface.params,
                    &context,
                    type_names,
                    one_ofs,
                    notes,
                )));
                MethodKind::Rest {
                    request,
                    response: response(surface, map, notes),
                }
            }
            Variant::Sdk => sdk_kind(surface, map, notes),
        };
        let wire_name = rest_name(surface.method).to_string();
        let fn_wanted = match variant {
            Variant::Rest => naming::snake(&wire_name),
            Variant::Sdk => naming::snake(
                surface
                    .method
                    .sdk
                    .as_ref()
                    .map_or(&wire_name, |s| &s.method),
            ),
        };
        let (ident, clashed) = fn_names.allocate(&fn_wanted);
        if clashed {
            notes.insert(format!(
                "method `{}` is named `{ident}`: `{fn_wanted}` was taken",
                surface.method.name
            ));
        }
        let rest = surface
            .method
            .rest
            .as_ref()
            .expect("surfaces without REST were left out");
        let path = rest
            .url
            .strip_prefix(DEFAULT_BASE_URL)
            .unwrap_or(&rest.url)
            .to_string();
        if !rest.url.starts_with(DEFAULT_BASE_URL) {
            notes.insert(format!(
                "`{}` is documented at `{}`, outside {DEFAULT_BASE_URL}",
                surface.method.name, rest.url
            ));
        }
        let paging = paging_of(rest).and_then(|(cursor, request_path, items_json)| {
            let response = match &kind {
                MethodKind::Rest { response, .. } => response,
                // A method returning one field of the answer has no pages to give.
                MethodKind::Sdk {
                    answer_field: Some(_),
                    ..
                } => return None,
                MethodKind::Sdk { response, .. } => response,
            };
            let Some(RustType::Named(response)) = response else {
                return None;
            };
            let field = models.iter().find_map(|model| match model {
                TypeModel::Struct(s) if s.name == *response => {
                    s.fields.iter().find(|f| f.json == items_json)
                }
                _ => None,
            })?;
            let RustType::Vec(item) = &field.ty else {
                return None;
            };
            Some(PagingModel {
                cursor,
                request_path,
                items: field.ident.clone(),
                items_required: field.required,
                item: (**item).clone(),
                pages_ident: fn_names.allocate(&ident.suffixed("_pages")).0,
                stream_ident: fn_names.allocate(&ident.suffixed("_stream")).0,
            })
        });
        let mut doc = method_doc(surface, rest.http_method, &rest.url);
        if let MethodKind::Sdk {
            answer_field: Some(field),
            ..
        } = &kind
        {
            let absent = if field.optional {
                "`None` when the answer has none"
            } else {
                "an answer without it is an error"
            };
            doc.push_str(&format!(
                "\n\nReturns the answer's `{}` field, as the JavaScript SDK does; {absent}.",
                field.json
            ));
        }
        methods.push(MethodModel {
            paging,
            builder: None,
            ident,
            doc,
            idempotent: idempotent(rest.http_method, &wire_name),
            complex_query: complex_query(rest),
            required: nested_required(surface, variant),
            wire_name,
            http_method: rest.http_method,
            path,
            error: error.name.clone(),
            kind,
        });
        errors.push(error);
    }

    (methods, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rest(http_method: &str, params: &str, types: &str) -> RestSurface {
        let yaml = format!(
            "method: listThings\nhttp_method: {http_method}\nurl: https://www.wixapis.com/v1/things\n\
             params:\n  fields:\n{params}types:\n{types}"
        );
        serde_yaml::from_str(&yaml).unwrap()
    }

    const TYPES: &str = "  Paging: !struct\n    fields:\n    - name: limit\n      type: integer\n  \
                         Sorting: !struct\n    fields:\n    - name: fieldName\n      type: string\n  \
                         Query: !struct\n    fields:\n    - name: filter\n      type: object\n";

    #[test]
    fn a_get_with_lists_of_objects_or_free_form_objects_is_complex() {
        // Recorded: `listMembers` (`sorting: array<Sorting>`), `countProducts` (`filter:
        // object`) and `queryProducts` (a `query` holding a `filter`) send `.r`.
        let sorting = "  - name: sorting\n    type: array<Sorting>\n";
        assert!(complex_query(&rest("GET", sorting, TYPES)));
        let filter = "  - name: filter\n    type: object\n";
        assert!(complex_query(&rest("GET", filter, TYPES)));
        let query = "  - name: query\n    type: Query\n";
        assert!(complex_query(&rest("GET", query, TYPES)));
        // Recorded: `listContacts` (`paging`, `sort: Sorting`, `fields: array<string>`) flattens.
        let flat = "  - name: paging\n    type: Paging\n  - name: sort\n    type: Sorting\n  \
                    - name: fields\n    type: array<string>\n";
        assert!(!complex_query(&rest("GET", flat, TYPES)));
        // A body carries anything: only GET and DELETE are ever complex.
        assert!(!complex_query(&rest("POST", sorting, TYPES)));
    }
}

//! One variant module of a package: its type space, request structs, error enums, client
//! methods and (SDK) wire shapes.

use super::naming::{self, Names};
use super::types::{self, Local, StructContext, TypeSpace};
use super::{
    ErrorModel, ErrorVariant, FieldModel, MethodKind, MethodModel, PagingModel, RustType,
    ShapeField, ShapeModel, TypeModel, Variant, VariantModel,
};
use crate::schema::walk;
use crate::schema::{
    Fields, HttpMethod, Method, Package, PossibleError, RestSurface, ReturnType, Type, TypeDef,
    SDK_RENAMES,
};
use std::collections::{BTreeMap, BTreeSet};

/// The host every documented URL should start with.
const BASE_URL: &str = "https://www.wixapis.com";

/// Prelude names that generated types may shadow.
const PRELUDE_TYPES: [&str; 5] = ["Option", "Result", "String", "Vec", "Box"];

/// One method's view of the variant's surface.
struct Surface<'a> {
    method: &'a Method,
    params: &'a Fields,
    returns: Option<&'a ReturnType>,
    required: &'a [String],
    errors: &'a [PossibleError],
    types: &'a BTreeMap<String, TypeDef>,
    description: &'a str,
}

fn surface(method: &Method, variant: Variant) -> Option<Surface<'_>> {
    match variant {
        Variant::Rest => method.rest.as_ref().map(|r| Surface {
            method,
            params: &r.params,
            returns: r.returns.as_ref(),
            required: &r.required,
            errors: &r.errors,
            types: &r.types,
            description: &r.description,
        }),
        Variant::Sdk => method.sdk.as_ref().map(|s| Surface {
            method,
            params: &s.params,
            returns: s.returns.as_ref(),
            required: &s.required,
            errors: if s.errors.is_empty() {
                method.rest.as_ref().map_or(&s.errors, |r| &r.errors)
            } else {
                &s.errors
            },
            types: &s.types,
            description: &s.description,
        }),
    }
}

pub(super) fn variant(
    package: &Package,
    variant: Variant,
    warnings: &mut Vec<String>,
) -> VariantModel {
    let mut notes: BTreeSet<String> = BTreeSet::new();
    let mut sorted: Vec<&Method> = package.methods.iter().collect();
    sorted.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
    let mut surfaces = Vec::new();
    for method in sorted {
        match (surface(method, variant), &method.rest) {
            (Some(s), Some(_)) => surfaces.push(s),
            (Some(_), None) => {
                notes.insert(format!(
                    "`{}` has no REST surface to call: it is left out of the SDK variant",
                    method.name
                ));
            }
            (None, _) => {}
        }
    }
    let mut type_names = Names::new();
    // Once imported by modules for serde's derives; still reserved, so that a type named so
    // keeps the name it was given then.
    type_names.reserve(&["Serialize", "Deserialize"]);
    let handle = type_names
        .allocate(&naming::pascal(&package.package, "T"))
        .0;
    let locals: Vec<Local<'_>> = surfaces
        .iter()
        .map(|s| Local {
            method: &s.method.name,
            types: s.types,
        })
        .collect();
    let space = TypeSpace::build(&locals, &mut type_names, warnings);

    let lenient = response_types(&space, &surfaces);
    let required = required_fields(&space, &surfaces);
    let mut users: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (index, map) in space.maps.iter().enumerate() {
        for rust in map.values() {
            users
                .entry(rust)
                .or_default()
                .push(&surfaces[index].method.name);
        }
    }

    let mut models: Vec<TypeModel> = Vec::new();
    let mut one_ofs: Vec<TypeModel> = Vec::new();
    for (rust, (def, representative)) in &space.globals {
        let doc = format!(
            "Used by {}.",
            users[rust.as_str()]
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let method = &surfaces[*representative].method.name;
        models.push(match def {
            TypeDef::Struct(fields) => {
                let context = StructContext {
                    map: space.map_of(rust),
                    method,
                    required: required.get(rust).cloned().unwrap_or_default(),
                    lenient: lenient.contains(rust),
                };
                TypeModel::Struct(types::struct_model(
                    rust,
                    doc,
                    fields,
                    &context,
                    &mut type_names,
                    &mut one_ofs,
                    &mut notes,
                ))
            }
            TypeDef::Enum(values) => {
                TypeModel::Enum(types::enum_model(rust, doc, values, &mut notes))
            }
        });
    }

    let mut errors = Vec::new();
    let mut methods = Vec::new();
    let mut fn_names = Names::new();
    fn_names.reserve(&["new"]);
    for (index, surface) in surfaces.iter().enumerate() {
        let map = &space.maps[index];
        let error = error_model(surface, &mut type_names, &mut notes);
        let kind = match variant {
            Variant::Rest => {
                let wanted = naming::pascal(&format!("{}Request", rest_name(surface.method)), "T");
                let (request, _) = type_names.allocate(&wanted);
                let context = StructContext {
                    map,
                    method: &surface.method.name,
                    required: surface
                        .required
                        .iter()
                        .filter(|p| !p.contains('.'))
                        .cloned()
                        .collect(),
                    lenient: false,
                };
                let doc = format!("The request of `{}`.", rest_name(surface.method));
                models.push(TypeModel::Struct(types::struct_model(
                    &request,
                    doc,
                    surface.params,
                    &context,
                    &mut type_names,
                    &mut one_ofs,
                    &mut notes,
                )));
                MethodKind::Rest {
                    request,
                    response: response(surface, map, &mut notes),
                }
            }
            Variant::Sdk => sdk_kind(surface, map, &mut notes),
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
            .strip_prefix(BASE_URL)
            .unwrap_or(&rest.url)
            .to_string();
        if !rest.url.starts_with(BASE_URL) {
            notes.insert(format!(
                "`{}` is documented at `{}`, outside {BASE_URL}",
                surface.method.name, rest.url
            ));
        }
        let paging = paging_of(rest).and_then(|(cursor, request_path, items_json)| {
            let response = match &kind {
                MethodKind::Rest { response, .. } | MethodKind::Sdk { response, .. } => response,
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
                pages_ident: fn_names
                    .allocate(&format!("{}_pages", ident.trim_start_matches("r#")))
                    .0,
                stream_ident: fn_names
                    .allocate(&format!("{}_stream", ident.trim_start_matches("r#")))
                    .0,
            })
        });
        methods.push(MethodModel {
            paging,
            ident,
            doc: method_doc(surface, rest.http_method, &rest.url),
            idempotent: idempotent(rest.http_method, &wire_name),
            required: nested_required(surface, variant),
            wire_name,
            http_method: rest.http_method,
            path,
            error: error.name.clone(),
            kind,
        });
        errors.push(error);
    }

    models.extend(one_ofs);
    types::box_recursion(&mut models);
    types::mark_defaults(&mut models);
    models.sort_by(|a, b| a.name().cmp(b.name()));
    let shapes = match variant {
        Variant::Rest => Vec::new(),
        Variant::Sdk => shapes(&space, &surfaces, &mut methods),
    };
    let full_paths = models
        .iter()
        .map(TypeModel::name)
        .chain(errors.iter().map(|e| e.name.as_str()))
        .chain([handle.as_str()])
        .any(|name| PRELUDE_TYPES.contains(&name));
    warnings.extend(notes);
    VariantModel {
        variant,
        handle,
        types: models,
        errors,
        methods,
        shapes,
        full_paths,
    }
}

fn rest_name(method: &Method) -> &str {
    method.rest.as_ref().map_or(&method.name, |r| &r.method)
}

fn response(
    surface: &Surface<'_>,
    map: &BTreeMap<String, String>,
    notes: &mut BTreeSet<String>,
) -> Option<RustType> {
    let ty = surface.returns.and_then(|r| r.ty.as_ref())?;
    Some(types::rust_type(ty, map, &surface.method.name, notes))
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

fn sdk_kind(
    surface: &Surface<'_>,
    map: &BTreeMap<String, String>,
    notes: &mut BTreeSet<String>,
) -> MethodKind {
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
            args.push(FieldModel {
                ident: idents.allocate(&naming::snake(name)).0,
                json: name.clone(),
                ty: RustType::Any,
                required: false,
                doc: String::new(),
            });
            continue;
        };
        let arg = FieldModel {
            ident: idents.allocate(&naming::snake(name)).0,
            json: name.clone(),
            ty: types::rust_type(&field.ty, map, method, notes),
            required: field.required || surface.required.contains(name),
            doc: field.description.clone(),
        };
        let is_options = name == "options"
            && matches!(
                field.ty.named().and_then(|n| surface.types.get(n)),
                Some(TypeDef::Struct(_))
            );
        if is_options && options.is_none() {
            options = Some(arg);
        } else {
            args.push(arg);
        }
    }
    MethodKind::Sdk {
        args,
        options,
        response: response(surface, map, notes),
        request_shape: None,
        response_shape: None,
    }
}

/// The required paths the Rust types cannot guarantee (those below the top level), as the
/// request JSON has them: the SDK's options travel field by field at the top, so
/// `options.a.b` is checked as `a.b`.
fn nested_required(surface: &Surface<'_>, variant: Variant) -> Vec<String> {
    surface
        .required
        .iter()
        .filter(|path| path.contains('.') && documented(surface, path))
        .map(|path| match variant {
            Variant::Sdk => path.strip_prefix("options.").unwrap_or(path).to_string(),
            Variant::Rest => path.clone(),
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

/// Whether every segment of `path` is a field the listing documents (a path the reader warned
/// about is not enforced: nothing could satisfy it).
fn documented(surface: &Surface<'_>, path: &str) -> bool {
    let mut fields = Some(surface.params);
    for segment in path.split('.') {
        let Some(field) = fields.and_then(|f| f.get(segment)) else {
            return false;
        };
        fields = field
            .ty
            .named()
            .and_then(|name| surface.types.get(name)?.as_struct());
    }
    true
}

/// Types reachable from any method's response.
fn response_types(space: &TypeSpace, surfaces: &[Surface<'_>]) -> BTreeSet<String> {
    let roots = surfaces.iter().enumerate().filter_map(|(index, surface)| {
        let name = surface.returns?.ty.as_ref()?.named()?;
        space.maps[index].get(name).cloned()
    });
    walk::reachable(roots, |name| {
        let fields = space.globals.get(name).and_then(|(def, _)| def.as_struct());
        let map = space.map_of(name);
        fields
            .into_iter()
            .flat_map(|f| f.named_types())
            .filter_map(|next| map.get(next).cloned())
            .collect::<Vec<_>>()
    })
}

/// Fields of named types that required paths (`booking.bookedEntity`) make required.
fn required_fields(
    space: &TypeSpace,
    surfaces: &[Surface<'_>],
) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (index, surface) in surfaces.iter().enumerate() {
        let map = &space.maps[index];
        for path in surface.required {
            let segments: Vec<&str> = path.split('.').collect();
            let Some((last, walk)) = segments.split_last() else {
                continue;
            };
            let Some((first, rest)) = walk.split_first() else {
                continue;
            };
            let mut current = surface
                .params
                .get(first)
                .and_then(|f| f.ty.named())
                .and_then(|n| map.get(n))
                .cloned();
            for segment in rest {
                current = current.and_then(|ty| {
                    let fields = space.globals.get(&ty)?.0.as_struct()?;
                    let next = fields.get(segment)?.ty.named()?;
                    space.map_of(&ty).get(next).cloned()
                });
            }
            if let Some(ty) = current {
                out.entry(ty).or_default().insert(last.to_string());
            }
        }
    }
    out
}

/// SDK ↔ REST key renames: a shape per struct that renames a key somewhere inside it, and per
/// method for its request (arguments plus options fields) and response.
fn shapes(
    space: &TypeSpace,
    surfaces: &[Surface<'_>],
    methods: &mut [MethodModel],
) -> Vec<ShapeModel> {
    // Entries for the fields that need reshaping; `nested` names the field's type for now.
    let nested = |fields: &Fields,
                  map: &BTreeMap<String, String>,
                  needs: &BTreeSet<String>|
     -> Vec<ShapeField> {
        fields
            .fields
            .iter()
            .filter_map(|f| {
                let target =
                    f.ty.named()
                        .and_then(|n| map.get(n))
                        .filter(|t| needs.contains(*t))
                        .cloned();
                // The runtime renames `_id`, `_createdDate` and `_updatedDate` everywhere; only
                // other renames need an entry.
                let renamed = f
                    .rest_name
                    .as_ref()
                    .is_some_and(|rest| !SDK_RENAMES.contains(&(f.name.as_str(), rest.as_str())));
                (renamed || f.field_mask || target.is_some()).then(|| ShapeField {
                    sdk: f.name.clone(),
                    rest: f.rest_name.clone().unwrap_or_else(|| f.name.clone()),
                    nested: target,
                    field_mask: f.field_mask,
                })
            })
            .collect()
    };
    let mut needs: BTreeSet<String> = BTreeSet::new();
    loop {
        let before = needs.len();
        for (rust, (def, _)) in &space.globals {
            let needed = def
                .as_struct()
                .is_some_and(|fields| !nested(fields, space.map_of(rust), &needs).is_empty());
            if needed {
                needs.insert(rust.clone());
            }
        }
        if needs.len() == before {
            break;
        }
    }
    let mut statics = Names::new();
    let shape_names: BTreeMap<String, String> = needs
        .iter()
        .map(|rust| {
            (
                rust.clone(),
                statics
                    .allocate(&format!("{}_WIRE", naming::shouty(rust)))
                    .0,
            )
        })
        .collect();
    let to_fields = |entries: Vec<ShapeField>| -> Vec<ShapeField> {
        entries
            .into_iter()
            .map(|field| ShapeField {
                nested: field.nested.map(|t| shape_names[&t].clone()),
                ..field
            })
            .collect()
    };
    let mut shapes: Vec<ShapeModel> = needs
        .iter()
        .map(|rust| {
            let (TypeDef::Struct(fields), _) = &space.globals[rust] else {
                unreachable!("only structs need shapes")
            };
            ShapeModel {
                name: shape_names[rust].clone(),
                fields: to_fields(nested(fields, space.map_of(rust), &needs)),
            }
        })
        .collect();
    for (index, (surface, method)) in surfaces.iter().zip(methods.iter_mut()).enumerate() {
        let map = &space.maps[index];
        let MethodKind::Sdk {
            options,
            request_shape,
            response_shape,
            ..
        } = &mut method.kind
        else {
            continue;
        };
        // Arguments and the options' fields form the request's top level.
        let mut top = Fields::default();
        for field in &surface.params.fields {
            let is_options = options.as_ref().is_some_and(|o| o.json == field.name);
            match field.ty.named().and_then(|n| surface.types.get(n)) {
                Some(TypeDef::Struct(inner)) if is_options => {
                    top.fields.extend(inner.fields.iter().cloned())
                }
                _ => top.fields.push(field.clone()),
            }
        }
        let entries = nested(&top, map, &needs);
        if !entries.is_empty() {
            let name = statics
                .allocate(&format!(
                    "{}_REQUEST_WIRE",
                    naming::shouty(&method.wire_name)
                ))
                .0;
            shapes.push(ShapeModel {
                name: name.clone(),
                fields: to_fields(entries),
            });
            *request_shape = Some(name);
        }
        *response_shape = surface
            .returns
            .and_then(|r| r.ty.as_ref())
            .and_then(Type::named)
            .and_then(|n| map.get(n))
            .and_then(|rust| shape_names.get(rust))
            .cloned();
    }
    // Only shapes a method uses (an options struct's own shape is merged into its request's).
    let roots: Vec<String> = methods
        .iter()
        .filter_map(|m| match &m.kind {
            MethodKind::Sdk {
                request_shape,
                response_shape,
                ..
            } => Some([request_shape.clone(), response_shape.clone()]),
            MethodKind::Rest { .. } => None,
        })
        .flatten()
        .flatten()
        .collect();
    let used = walk::reachable(roots, |name| {
        let shape = shapes.iter().find(|s| s.name == *name);
        shape
            .into_iter()
            .flat_map(|s| s.fields.iter().filter_map(|f| f.nested.clone()))
            .collect::<Vec<_>>()
    });
    shapes.retain(|s| used.contains(&s.name));
    shapes.sort_by(|a, b| a.name.cmp(&b.name));
    shapes
}

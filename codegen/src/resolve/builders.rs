//! Query builders: which SDK methods get a `<method>_builder()`, and the field enums they name.
//!
//! Decided by structure only: a method whose one positional argument is a query (a struct with
//! `filter` and a paging member: `cursorPaging {limit}` or `paging {limit, offset}`; the sort
//! goes as `sort` whatever the query calls it, as the JavaScript SDK sends it) and
//! whose answer is a struct with a list of named items. Cursor paging wins when the query
//! offers both, as the JavaScript SDK sends it. The items' fields (and those of the structs they
//! hold, one level down) become the variants of the entity's field enum, shared by every builder
//! of that entity.

use super::naming::{self, Names, RustIdent};
use super::{
    MethodKind, MethodModel, QueryBuilderModel, QueryFieldVariant, QueryFieldsModel, RustType,
    StructModel, TypeModel,
};
use std::collections::BTreeMap;

/// How deep nested fields become dotted paths of the field enum (`address.city` is depth 2).
const FIELD_DEPTH: usize = 2;

/// Marks the query methods of `methods` with their builders and returns the field enums they
/// use, one per entity, named in `type_names` after every other type.
pub(super) fn query_builders(
    methods: &mut [MethodModel],
    types: &[TypeModel],
    type_names: &mut Names,
) -> Vec<QueryFieldsModel> {
    let mut fn_names = Names::new();
    fn_names.reserve(&["new"]);
    for method in methods.iter() {
        fn_names.reserve(&[method.ident.bare()]);
        if let Some(paging) = &method.paging {
            fn_names.reserve(&[paging.pages_ident.bare(), paging.stream_ident.bare()]);
        }
    }
    let mut enums: BTreeMap<RustIdent, QueryFieldsModel> = BTreeMap::new();
    for method in methods.iter_mut() {
        let Some(found) = query_method(method, types) else {
            continue;
        };
        let RustType::Named(entity) = unboxed(&found.item).clone() else {
            continue;
        };
        let fields = match enums.get(&entity) {
            Some(model) => model.name.clone(),
            None => {
                let wanted = RustIdent::new(&format!("{}Field", entity.bare()));
                let name = type_names.allocate(&wanted).0;
                let (fields, other) = field_variants(&entity, types);
                enums.insert(
                    entity.clone(),
                    QueryFieldsModel {
                        name: name.clone(),
                        entity: entity.clone(),
                        fields,
                        other,
                    },
                );
                name
            }
        };
        method.builder = Some(QueryBuilderModel {
            ident: fn_names.allocate(&method.ident.suffixed("_builder")).0,
            argument: found.argument,
            cursor: found.cursor,
            items: found.items,
            item: found.item,
            metadata: found.metadata,
            options: found.options,
            fields,
        });
    }
    enums.into_values().collect()
}

/// What the method's page says that makes it a query method.
struct Found {
    argument: String,
    cursor: bool,
    items: String,
    item: RustType,
    metadata: Option<String>,
    options: Option<RustType>,
}

fn query_method(method: &MethodModel, types: &[TypeModel]) -> Option<Found> {
    let MethodKind::Sdk {
        args,
        options,
        response: Some(response),
        ..
    } = &method.kind
    else {
        return None;
    };
    let [argument] = &args[..] else {
        return None;
    };
    let query = struct_of(&argument.field.ty, types)?;
    let member = |json: &str| member_type(query, json, types);
    member("filter")?;
    let paging_with = |json: &str, keys: &[&str]| {
        member(json)
            .and_then(|ty| struct_of(&ty, types))
            .is_some_and(|paging| keys.iter().all(|k| member_type(paging, k, types).is_some()))
    };
    let cursor = if paging_with("cursorPaging", &["limit"]) {
        true
    } else if paging_with("paging", &["limit", "offset"]) {
        false
    } else {
        return None;
    };
    let answer = struct_of(response, types)?;
    let (items, item) = answer.fields.iter().find_map(|f| match unboxed(&f.ty) {
        RustType::Vec(inner) if matches!(unboxed(inner), RustType::Named(_)) => {
            Some((f.json.clone(), (**inner).clone()))
        }
        _ => None,
    })?;
    struct_of(&item, types)?;
    // The paging metadata: the struct field that says how paging went.
    let metadata = answer.fields.iter().find_map(|f| {
        let fields = struct_of(&f.ty, types)?;
        ["cursors", "total", "count", "hasNext"]
            .iter()
            .any(|k| member_type(fields, k, types).is_some())
            .then(|| f.json.clone())
    });
    Some(Found {
        argument: argument.field.json.clone(),
        cursor,
        items,
        item,
        metadata,
        options: options.as_ref().map(|o| o.ty.clone()),
    })
}

fn unboxed(ty: &RustType) -> &RustType {
    match ty {
        RustType::Boxed(inner) => unboxed(inner),
        other => other,
    }
}

/// The struct a type names, if it names one.
fn struct_of<'t>(ty: &RustType, types: &'t [TypeModel]) -> Option<&'t StructModel> {
    let RustType::Named(name) = unboxed(ty) else {
        return None;
    };
    types.iter().find_map(|t| match t {
        TypeModel::Struct(s) if &s.name == name => Some(s),
        _ => None,
    })
}

/// The type of the field or ONE-OF member `json` of `structure`.
fn member_type(structure: &StructModel, json: &str, types: &[TypeModel]) -> Option<RustType> {
    if let Some(field) = structure.fields.iter().find(|f| f.json == json) {
        return Some(field.ty.clone());
    }
    members(structure, types)
        .find(|(member, _, _)| member == json)
        .map(|(_, ty, _)| ty)
}

/// Every field and ONE-OF member of `structure`: (JSON name, type, doc), in listing order.
fn members<'t>(
    structure: &'t StructModel,
    types: &'t [TypeModel],
) -> impl Iterator<Item = (String, RustType, String)> + 't {
    let plain = structure
        .fields
        .iter()
        .map(|f| (f.json.clone(), f.ty.clone(), f.doc.clone()));
    let grouped = structure.one_ofs.iter().flat_map(move |group| {
        types
            .iter()
            .filter_map(move |t| match t {
                TypeModel::OneOf(o) if o.name == group.enum_name => Some(o),
                _ => None,
            })
            .flat_map(|o| {
                o.variants
                    .iter()
                    .map(|v| (v.json.clone(), v.ty.clone(), v.doc.clone()))
            })
    });
    plain.chain(grouped)
}

/// The field enum's variants: each member of `entity`, and of the structs it holds (not in
/// lists) down to [`FIELD_DEPTH`], as dotted SDK paths; and the variant for any other path.
fn field_variants(entity: &RustIdent, types: &[TypeModel]) -> (Vec<QueryFieldVariant>, RustIdent) {
    let mut paths: Vec<(String, String)> = Vec::new();
    let mut pending = vec![(RustType::Named(entity.clone()), String::new(), 1)];
    // Breadth first: top-level fields come first and keep the plain names.
    while !pending.is_empty() {
        let mut deeper = Vec::new();
        for (ty, prefix, depth) in pending {
            let Some(structure) = struct_of(&ty, types) else {
                continue;
            };
            for (json, member, doc) in members(structure, types) {
                let path = format!("{prefix}{json}");
                if depth < FIELD_DEPTH && struct_of(&member, types).is_some() {
                    deeper.push((member, format!("{path}."), depth + 1));
                }
                paths.push((path, doc));
            }
        }
        pending = deeper;
    }
    let mut names = Names::new();
    let fields = paths
        .into_iter()
        .map(|(path, doc)| {
            let wanted = naming::pascal(&path.replace('.', "_"), "Field");
            QueryFieldVariant {
                ident: names.allocate(&wanted).0,
                path,
                doc,
            }
        })
        .collect();
    (fields, names.allocate_preferring(&["Path", "OtherPath"]))
}

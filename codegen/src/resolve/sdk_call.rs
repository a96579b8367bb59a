//! How an SDK call maps onto its REST call, read from the page's two listings: where each
//! positional argument goes in the request, and which part of the answer the SDK returns.

use super::{AnswerField, Placement};
use crate::schema::{Field, Method, Type, TypeDef, SDK_RENAMES};

/// The REST name a field travels under: its own, or the SDK's renames (`_id` → `id`).
fn rest_name(field: &Field) -> &str {
    field.rest_name.as_deref().unwrap_or_else(|| {
        SDK_RENAMES
            .iter()
            .find(|(sdk, _)| *sdk == field.name)
            .map_or(field.name.as_str(), |(_, rest)| rest)
    })
}

fn is_scalar(ty: &Type) -> bool {
    matches!(
        ty,
        Type::String | Type::Integer | Type::Number | Type::Boolean | Type::Date
    )
}

/// The `{a.b}` templates of a path, as (`a`, `b`).
fn dotted_templates(url: &str) -> impl Iterator<Item = (&str, &str)> {
    url.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}'))
        .filter_map(|(template, _)| template.split_once('.'))
        .filter(|(_, key)| !key.contains('.'))
}

/// Where positional argument `name` of `method` goes in the REST request:
/// - inside object `a` as `b`, for a path template `{a.b}` where `a` is an object argument (or
///   a field of the options), `name` is a scalar whose REST name is `b` and `b` is no top-level
///   REST field (`updateService(_id, service)` with path `{service.id}`);
/// - spread into the top level, for an object argument the REST request has no field of that
///   name for, whose every field is a top-level REST field (`identifiers {projectId, …}`);
/// - else at the top level under its own name.
pub(super) fn placement(method: &Method, name: &str) -> Placement {
    let (Some(sdk), Some(rest)) = (&method.sdk, &method.rest) else {
        return Placement::TopLevel;
    };
    let Some(field) = sdk.params.get(name) else {
        return Placement::TopLevel;
    };
    let struct_of = |field: &Field| match &field.ty {
        Type::Named(n) => sdk.types.get(n).and_then(TypeDef::as_struct),
        _ => None,
    };
    // An object at the request's top level: a positional argument, or a field of the options
    // (which the request merges into its top level).
    let object_argument = |a: &str| {
        sdk.positional.iter().any(|p| {
            let top = sdk.params.get(p);
            (p == a && top.and_then(struct_of).is_some())
                || (p == "options"
                    && top
                        .and_then(struct_of)
                        .and_then(|options| options.get(a))
                        .and_then(struct_of)
                        .is_some())
        })
    };
    if is_scalar(&field.ty) {
        let key = rest_name(field);
        let inside = dotted_templates(&rest.url).find(|(object, template_key)| {
            *template_key == key
                && *object != name
                && object_argument(object)
                && rest.params.get(key).is_none()
        });
        if let Some((object, key)) = inside {
            return Placement::Inside {
                object: object.to_string(),
                key: key.to_string(),
            };
        }
        return Placement::TopLevel;
    }
    let spread = rest.params.get(name).is_none()
        && struct_of(field).is_some_and(|inner| {
            !inner.fields.is_empty()
                && inner
                    .fields
                    .iter()
                    .all(|f| rest.params.get(rest_name(f)).is_some())
        });
    if spread {
        Placement::Spread
    } else {
        Placement::TopLevel
    }
}

/// The field of the REST answer the SDK returns, when the SDK's return type is the type of
/// exactly one field of the REST answer (the same named type; for a scalar, the one field of
/// that type). `None`: the SDK returns the whole answer (or nothing).
pub(super) fn answer_field(method: &Method) -> Option<AnswerField> {
    let sdk = method.sdk.as_ref()?;
    let rest = method.rest.as_ref()?;
    let returned = sdk.returns.as_ref()?.ty.as_ref()?;
    let answer = rest.returns.as_ref()?.ty.as_ref()?;
    if returned == answer {
        return None;
    }
    let fields = rest.types.get(answer.named()?)?.as_struct()?;
    if matches!(answer, Type::Array(_)) {
        return None;
    }
    let mut holding = fields.fields.iter().filter(|f| f.ty == *returned);
    let (Some(field), None) = (holding.next(), holding.next()) else {
        return None;
    };
    let is_struct =
        matches!(returned, Type::Named(n) if matches!(sdk.types.get(n), Some(TypeDef::Struct(_))));
    Some(AnswerField {
        json: field.name.clone(),
        optional: !is_struct,
    })
}

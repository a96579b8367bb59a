//! Converted fields: where one field's two listings disagree the way the JavaScript SDK's
//! conversions explain (an SDK `string` for a REST media or page-URL object; the same address
//! with the SDK's own key names), the SDK field carries that conversion. The kind comes from the
//! REST type's fields, its name only breaking a tie between media kinds whose fields it all has.

use super::fields::TypeTable;
use crate::schema::{Conversion, Fields, Type, TypeDef};
use std::collections::BTreeSet;

/// The fields each media kind's REST object may have (all carry an `id`).
const MEDIA: [(Conversion, &str, &[&str]); 4] = [
    (
        Conversion::Image,
        "image",
        &[
            "id",
            "url",
            "height",
            "width",
            "altText",
            "filename",
            "urlExpirationDate",
            "sizeInBytes",
        ],
    ),
    (
        Conversion::VideoV2,
        "video",
        &[
            "id",
            "url",
            "resolutions",
            "filename",
            "posters",
            "sizeInBytes",
            "urlExpirationDate",
        ],
    ),
    (
        Conversion::Audio,
        "audio",
        &[
            "id",
            "url",
            "urlExpirationDate",
            "sizeInBytes",
            "filename",
            "duration",
            "private",
            "assetKey",
            "format",
            "quality",
        ],
    ),
    (
        Conversion::Document,
        "document",
        &["id", "url", "urlExpirationDate", "sizeInBytes", "filename"],
    ),
];

/// SDK key ↔ REST key of the address fields the SDK names its own way.
const ADDRESS_NAMES: [(&str, &str); 3] = [
    ("formatted", "formattedAddress"),
    ("location", "geocode"),
    ("addressLine1", "addressLine"),
];

/// The conversion between an SDK field typed `sdk` and its REST counterpart typed `rest`, at the
/// same array depth; `None` when the two listings agree or disagree some other way.
pub(super) fn conversion(
    sdk: &Type,
    sdk_types: &TypeTable,
    rest: &Type,
    rest_types: &TypeTable,
) -> Option<Conversion> {
    let ((sdk_depth, sdk_element), (rest_depth, _)) = (sdk.layers(), rest.layers());
    if sdk_depth != rest_depth {
        return None;
    }
    match sdk_element {
        Type::String => string_form(rest, rest_types),
        Type::Named(name) => match (sdk_types.get(name), struct_of(rest, rest_types)) {
            (Some(TypeDef::Struct(sdk_fields)), Some((_, rest_fields))) => {
                renames_address(sdk_fields, rest_fields).then_some(Conversion::Address)
            }
            _ => None,
        },
        _ => None,
    }
}

/// The conversion of a REST object (or array of them) that the SDK holds as one string: a page
/// URL (`{relativePath, url}`, `{base, path}`) or media with an `id` whose fields fit one kind.
pub(super) fn string_form(rest: &Type, rest_types: &TypeTable) -> Option<Conversion> {
    let (name, fields) = struct_of(rest, rest_types)?;
    let names: BTreeSet<&str> = fields.fields.iter().map(|f| f.name.as_str()).collect();
    let has = |wanted: &[&str]| wanted.iter().all(|w| names.contains(w));
    if has(&["relativePath", "url"]) {
        return Some(Conversion::PageUrlV2);
    }
    if has(&["base", "path"]) {
        return Some(Conversion::PageUrl);
    }
    if !names.contains("id") {
        return None;
    }
    let fitting: Vec<(Conversion, &str)> = MEDIA
        .iter()
        .filter(|(_, _, allowed)| names.iter().all(|n| allowed.contains(n)))
        .map(|(kind, word, _)| (*kind, *word))
        .collect();
    match fitting.as_slice() {
        [(only, _)] => Some(*only),
        _ => {
            let lower = name.to_ascii_lowercase();
            let mut named = fitting.iter().filter(|(_, word)| lower.contains(word));
            match (named.next(), named.next()) {
                (Some((kind, _)), None) => Some(*kind),
                _ => None,
            }
        }
    }
}

/// The struct a type names (through arrays) in `types`, with its name.
fn struct_of<'t>(ty: &'t Type, types: &'t TypeTable) -> Option<(&'t str, &'t Fields)> {
    let name = ty.named()?;
    match types.get(name)? {
        TypeDef::Struct(fields) => Some((name, fields)),
        TypeDef::Enum(_) => None,
    }
}

/// The SDK listing names at least one address field its own way (`formatted` where REST has
/// `formattedAddress`, …).
fn renames_address(sdk: &Fields, rest: &Fields) -> bool {
    ADDRESS_NAMES.iter().any(|(sdk_name, rest_name)| {
        sdk.get(sdk_name).is_some() && sdk.get(rest_name).is_none() && rest.get(rest_name).is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Field;

    fn table(name: &str, fields: &[&str]) -> TypeTable {
        let fields = fields
            .iter()
            .map(|f| Field {
                name: f.to_string(),
                ty: Type::String,
                description: String::new(),
                required: false,
                one_of: None,
                rest_name: None,
                field_mask: false,
                conversion: None,
                inferred: false,
            })
            .collect();
        TypeTable::from([(
            name.to_string(),
            TypeDef::Struct(Fields {
                fields,
                one_ofs: Vec::new(),
            }),
        )])
    }

    fn kind(name: &str, fields: &[&str]) -> Option<Conversion> {
        let named = Type::Named(name.to_string());
        conversion(
            &Type::String,
            &TypeTable::new(),
            &named,
            &table(name, fields),
        )
    }

    #[test]
    fn the_rest_fields_tell_the_kind() {
        let image = ["id", "url", "height", "width", "altText", "filename"];
        assert_eq!(kind("Image", &image), Some(Conversion::Image));
        assert_eq!(kind("Picture", &image), Some(Conversion::Image));
        assert_eq!(
            kind("VideoV2", &["id", "resolutions", "filename"]),
            Some(Conversion::VideoV2)
        );
        assert_eq!(
            kind("Track", &["id", "url", "duration"]),
            Some(Conversion::Audio)
        );
        assert_eq!(
            kind("PageUrlV2", &["relativePath", "url"]),
            Some(Conversion::PageUrlV2)
        );
        assert_eq!(
            kind("PageUrl", &["base", "path"]),
            Some(Conversion::PageUrl)
        );
        // Fields every media kind has: the name decides, or nothing does.
        let common = ["id", "url", "filename"];
        assert_eq!(kind("Audio", &common), Some(Conversion::Audio));
        assert_eq!(kind("Document", &common), Some(Conversion::Document));
        assert_eq!(kind("File", &common), None);
        // No id, or a field no media kind has: not media.
        assert_eq!(kind("Image", &["url", "height", "width"]), None);
        assert_eq!(kind("Image", &["id", "url", "focalPoint"]), None);
        // Arrays convert element-wise, at the same depth only.
        let images = Type::Array(Box::new(Type::Named("Image".into())));
        let rest = table("Image", &image);
        let strings = Type::Array(Box::new(Type::String));
        let none = TypeTable::new();
        assert_eq!(
            conversion(&strings, &none, &images, &rest),
            Some(Conversion::Image)
        );
        assert_eq!(conversion(&Type::String, &none, &images, &rest), None);
    }

    #[test]
    fn addresses_convert_where_the_sdk_names_a_field_its_own_way() {
        let named = Type::Named("Address".into());
        let rest = table("Address", &["city", "formattedAddress", "addressLine"]);
        let sdk = table("Address", &["city", "formatted", "addressLine1"]);
        assert_eq!(
            conversion(&named, &sdk, &named, &rest),
            Some(Conversion::Address)
        );
        assert_eq!(conversion(&named, &rest, &named, &rest), None);
    }
}

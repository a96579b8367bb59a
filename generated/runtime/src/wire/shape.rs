//! SDK ↔ REST shapes: which keys of an SDK-named object travel under another REST name,
//! and where nested objects have shapes of their own; generated per method from the pairing
//! of its two listings.

use super::field_mask::field_mask;
use super::renames::rename_guided;
use super::{address, media};
use crate::contract::Conversion;
use serde_json::Value;

/// How an SDK-named object maps to REST: keys renamed (`_id` → `id`), and nested objects with
/// shapes of their own. Arrays take the shape of their elements. Generated per method from the
/// pairing of its two listings.
#[derive(Debug)]
pub struct Shape {
    /// The keys that differ or hold shapes of their own; other keys pass unchanged.
    pub fields: &'static [ShapeField],
}

/// One key of a [`Shape`].
#[derive(Debug)]
pub struct ShapeField {
    /// The key in the SDK's naming.
    pub sdk: &'static str,
    /// The key in REST's naming.
    pub rest: &'static str,
    /// The shape of its value (or of its array's elements), when it has one.
    pub nested: Option<&'static Shape>,
    /// A field mask: a list of paths in the SDK, one comma-separated string in REST.
    pub field_mask: bool,
    /// A value the SDK holds in a form of its own (a media string for a REST object, an
    /// address with other key names), converted both ways.
    pub conversion: Option<Conversion>,
    /// A value the JavaScript SDK returns as it is, nothing renamed inside (rich content); in
    /// requests it is renamed like any other.
    pub verbatim: bool,
}

impl ShapeField {
    /// A key named differently (`_id` ↔ `id`).
    pub const fn rename(sdk: &'static str, rest: &'static str) -> Self {
        ShapeField {
            sdk,
            rest,
            nested: None,
            field_mask: false,
            conversion: None,
            verbatim: false,
        }
    }

    /// A key whose value (or array elements) has a shape of its own.
    pub const fn nested(sdk: &'static str, rest: &'static str, shape: &'static Shape) -> Self {
        ShapeField {
            sdk,
            rest,
            nested: Some(shape),
            field_mask: false,
            conversion: None,
            verbatim: false,
        }
    }

    /// A field mask: `["a", "b.c"]` in the SDK, `"a,b.c"` in REST.
    pub const fn field_mask(sdk: &'static str, rest: &'static str) -> Self {
        ShapeField {
            sdk,
            rest,
            nested: None,
            field_mask: true,
            conversion: None,
            verbatim: false,
        }
    }

    /// A key whose value (or array elements) the SDK holds in a form of its own; `nested` is
    /// the shape inside it, when it has one.
    pub const fn converted(
        sdk: &'static str,
        rest: &'static str,
        conversion: Conversion,
        nested: Option<&'static Shape>,
    ) -> Self {
        ShapeField {
            sdk,
            rest,
            nested,
            field_mask: false,
            conversion: Some(conversion),
            verbatim: false,
        }
    }

    /// A key whose value answers return as they are, in the same name both ways.
    pub const fn verbatim(name: &'static str) -> Self {
        ShapeField {
            sdk: name,
            rest: name,
            nested: None,
            field_mask: false,
            conversion: None,
            verbatim: true,
        }
    }
}

/// An SDK request in REST's names: what `shape` (the method's request shape) lists, then the
/// renames the JavaScript SDK applies everywhere else.
pub(crate) fn request_to_rest(shape: Option<&Shape>, value: &mut Value) {
    if let Some(shape) = shape {
        shape.to_rest(value);
    }
    rename_guided(value, true, shape);
}

/// A REST answer in the SDK's names: what `shape` (the method's response shape) lists, then the
/// renames the JavaScript SDK applies everywhere else.
pub(crate) fn answer_to_sdk(shape: Option<&Shape>, value: &mut Value) {
    if let Some(shape) = shape {
        shape.to_sdk(value);
    }
    rename_guided(value, false, shape);
}

impl Shape {
    /// SDK names → REST names, at every level the shape describes.
    pub fn to_rest(&self, value: &mut Value) {
        self.reshape(value, true);
    }

    /// REST names → SDK names.
    pub fn to_sdk(&self, value: &mut Value) {
        self.reshape(value, false);
    }

    /// The entry of the key `name` once this shape has renamed it (REST's name when `rest`).
    pub(super) fn field_named(&self, name: &str, rest: bool) -> Option<&ShapeField> {
        self.fields
            .iter()
            .find(|f| name == if rest { f.rest } else { f.sdk })
    }

    fn reshape(&self, value: &mut Value, to_rest: bool) {
        match value {
            Value::Array(items) => items
                .iter_mut()
                .for_each(|item| self.reshape(item, to_rest)),
            Value::Object(map) => {
                for field in self.fields {
                    let (from, to) = if to_rest {
                        (field.sdk, field.rest)
                    } else {
                        (field.rest, field.sdk)
                    };
                    if let Some(mut inner) = map.remove(from) {
                        if let Some(nested) = field.nested {
                            nested.reshape(&mut inner, to_rest);
                        }
                        if field.field_mask {
                            inner = field_mask(inner, to_rest);
                        }
                        let converted = match field.conversion {
                            Some(conversion) => convert(conversion, inner, to_rest),
                            None => Some(inner),
                        };
                        // A value the SDK leaves undefined is not sent (or returned) at all.
                        if let Some(inner) = converted {
                            map.insert(to.to_string(), inner);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// One direction of a conversion: `None` where the JavaScript SDK leaves the value undefined.
type Converter = fn(Value) -> Option<Value>;

/// A value (or each element of an array of them) converted SDK → REST or back; `None` where the
/// JavaScript SDK leaves it undefined (an array keeps such an element as `null`).
fn convert(conversion: Conversion, value: Value, to_rest: bool) -> Option<Value> {
    if let Value::Array(items) = value {
        let items = items
            .into_iter()
            .map(|item| convert(conversion, item, to_rest).unwrap_or(Value::Null));
        return Some(Value::Array(items.collect()));
    }
    let (sdk_to_rest, rest_to_sdk): (Converter, Converter) = match conversion {
        Conversion::Image => (media::image_to_rest, media::image_to_sdk),
        Conversion::VideoV2 => (media::video_v2_to_rest, media::video_v2_to_sdk),
        Conversion::Audio => (media::audio_to_rest, media::audio_to_sdk),
        Conversion::Document => (media::document_to_rest, media::document_to_sdk),
        Conversion::PageUrl => (media::page_url_to_rest, media::page_url_to_sdk),
        Conversion::PageUrlV2 => (media::page_url_v2_to_rest, media::page_url_v2_to_sdk),
        Conversion::Address => (address::address_to_rest, address::address_to_sdk),
    };
    if to_rest {
        sdk_to_rest(value)
    } else {
        rest_to_sdk(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shapes_rename_both_ways_at_every_depth() {
        static INNER: Shape = Shape {
            fields: &[ShapeField::rename("_id", "id")],
        };
        static OUTER: Shape = Shape {
            fields: &[ShapeField::nested("items", "items", &INNER)],
        };
        let mut value = json!({"items": [{"_id": "1", "owner": "o"}], "_id": "top"});
        OUTER.to_rest(&mut value);
        assert_eq!(
            value,
            json!({"items": [{"id": "1", "owner": "o"}], "_id": "top"})
        );
        OUTER.to_sdk(&mut value);
        assert_eq!(
            value,
            json!({"items": [{"_id": "1", "owner": "o"}], "_id": "top"})
        );
    }

    #[test]
    fn converted_fields_convert_each_element_both_ways() {
        static MEDIA: Shape = Shape {
            fields: &[
                ShapeField::converted("images", "images", Conversion::Image, None),
                ShapeField::converted("page", "page", Conversion::PageUrlV2, None),
            ],
        };
        let sdk = "wix:image://v1/i1/a.jpg#originWidth=2&originHeight=1";
        let mut value = json!({"images": [sdk, "https://x/b.png"], "page": ""});
        MEDIA.to_rest(&mut value);
        assert_eq!(
            value,
            json!({"images": [
                {"id": "i1", "height": 1, "width": 2, "altText": "a.jpg", "filename": "a.jpg", "url": sdk},
                {"url": "https://x/b.png"},
            ]})
        );
        let mut value = json!({"images": [{"id": "i1", "height": 1, "width": 2, "filename": "a.jpg"}],
            "page": {"relativePath": "/p", "url": "https://s/p"}});
        MEDIA.to_sdk(&mut value);
        assert_eq!(value, json!({"images": [sdk], "page": "https://s/p"}));
    }

    #[test]
    fn rich_content_travels_as_it_is_while_everything_around_it_is_renamed() {
        // Recorded: blog posts, comments, events and products return rich content with its
        // `id`s as REST sends them, and the post, its author and the paging renamed; requests
        // are renamed throughout (`metadata._id` goes as `id`).
        static POST: Shape = Shape {
            fields: &[ShapeField::verbatim("richContent")],
        };
        static ANSWER: Shape = Shape {
            fields: &[ShapeField::nested("posts", "posts", &POST)],
        };
        let rich = json!({"nodes": [{"id": "n", "nodes": [{"id": "m"}]}], "metadata": {"id": "d"}});
        let rest = json!({"posts": [{"id": "p", "richContent": rich, "author": {"id": "a"}}],
            "paging": {"createdDate": "c"}});
        let mut value = rest.clone();
        answer_to_sdk(Some(&ANSWER), &mut value);
        assert_eq!(
            value,
            json!({"posts": [{"_id": "p", "richContent": rich, "author": {"_id": "a"}}],
                "paging": {"_createdDate": "c"}})
        );
        let mut request =
            json!({"posts": [{"_id": "p", "richContent": {"metadata": {"_id": "d"}}}]});
        request_to_rest(Some(&ANSWER), &mut request);
        assert_eq!(
            request,
            json!({"posts": [{"id": "p", "richContent": {"metadata": {"id": "d"}}}]})
        );
        // Without the shape, nothing is kept from the renames.
        let mut value = rest.clone();
        answer_to_sdk(None, &mut value);
        assert_eq!(
            value["posts"][0]["richContent"]["metadata"],
            json!({"_id": "d"})
        );
    }
}

//! The schema IR: plain serde data describing Wix API methods, independent of markdown and Rust.
//!
//! One [`Package`] is saved per YAML file under `schema/`. Every method carries both of its
//! documented surfaces: REST (the JSON names of the HTTP API) and SDK (the JavaScript SDK's names
//! and positional arguments). Named types live in a per-surface table and fields refer to them by
//! name, so a type documented once and used many times is stored once.

pub mod walk;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// All methods of one Wix package (`# Package:` on a page), saved as `<package>.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Package {
    /// The package's Wix name, e.g. `referralProgram`.
    pub package: String,
    /// Its methods, sorted by namespace and name.
    pub methods: Vec<Method>,
}

/// One documented API method with both of its surfaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Method {
    /// The page title, e.g. `CreateReferredFriend`.
    pub name: String,
    /// The Wix package the page names (`# Package:`).
    pub package: String,
    /// The service the method belongs to within its package, e.g. `ReferredFriends`.
    pub namespace: String,
    /// The page's own address (`# Method link:`), from which `wixgen fetch --refresh` reads it
    /// again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The permissions a caller needs, as the page lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permission_scopes: Vec<PermissionScope>,
    /// The page's introduction, as markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The REST listing, when the page has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest: Option<RestSurface>,
    /// The SDK listing, when the page has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdk: Option<SdkSurface>,
}

/// A permission the method needs: its name in the Wix dashboard and its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermissionScope {
    /// The permission's name, e.g. `Manage Referrals`.
    pub name: String,
    /// The permission's id, e.g. `SCOPE.DC-REFERRALS.MANAGE-REFERRALS`.
    pub id: String,
}

/// The method as the REST API documents it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RestSurface {
    /// The REST method name, e.g. `createReferredFriend`.
    pub method: String,
    /// The REST listing's description of the method, as markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The HTTP method of the call.
    #[serde(with = "http_method")]
    pub http_method: HttpMethod,
    /// The URL to call: the public one when the schema and the examples disagree.
    pub url: String,
    /// The schema's `URL:` as documented, kept when it differs from [`RestSurface::url`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documented_url: Option<String>,
    /// `Required parameters:` as dotted paths into the parameter tree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    /// The request's fields (body or query), in REST names.
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub params: Fields,
    /// The answer, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returns: Option<ReturnType>,
    /// The errors the page documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<PossibleError>,
    /// The named types the fields refer to, by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub types: BTreeMap<String, TypeDef>,
    /// The page's curl examples.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<CurlExample>,
}

/// The method as the JavaScript SDK documents it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SdkSurface {
    /// The documented call path without arguments, e.g.
    /// `wixClientAdmin.referralProgram.ReferredFriends.createReferredFriend`.
    pub call: String,
    /// The SDK method name: the last segment of [`SdkSurface::call`].
    pub method: String,
    /// Positional parameter names in signature order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positional: Vec<String>,
    /// The SDK listing's description of the method, as markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// `Required parameters:` as dotted paths, in SDK names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    /// The arguments: positional ones first, then the fields of the options object.
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub params: Fields,
    /// The value the SDK's promise resolves to, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returns: Option<ReturnType>,
    /// The errors the SDK listing documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<PossibleError>,
    /// The named types the fields refer to, by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub types: BTreeMap<String, TypeDef>,
    /// The page's JavaScript examples.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<CodeExample>,
}

/// The HTTP methods, as the runtime knows them (its `contract`, shared with generated code).
pub use wixgen_runtime::contract::HttpMethod;

/// Serde for [`HttpMethod`], written as HTTP spells it (`POST`), as the schema always has.
mod http_method {
    use super::HttpMethod;
    use serde::{de, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(method: &HttpMethod, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(method.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<HttpMethod, D::Error> {
        let text = String::deserialize(deserializer)?;
        HttpMethod::parse(&text).ok_or_else(|| {
            let names: Vec<&str> = HttpMethod::ALL.iter().map(|m| m.as_str()).collect();
            de::Error::invalid_value(de::Unexpected::Str(&text), &names.join(", ").as_str())
        })
    }
}

/// The value conversions, as the runtime knows them (its `contract`, shared with generated code).
pub use wixgen_runtime::contract::Conversion;

/// A conversion in the schema: its name (`image`, `page_url_v2`).
mod conversion {
    use super::Conversion;
    use serde::{de, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        conversion: &Option<Conversion>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match conversion {
            Some(conversion) => serializer.serialize_str(conversion.as_str()),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Conversion>, D::Error> {
        let Some(text) = Option::<String>::deserialize(deserializer)? else {
            return Ok(None);
        };
        Conversion::parse(&text).map(Some).ok_or_else(|| {
            let names: Vec<&str> = Conversion::ALL.iter().map(|c| c.as_str()).collect();
            de::Error::invalid_value(de::Unexpected::Str(&text), &names.join(", ").as_str())
        })
    }
}

/// A method's result: `declared` is the text after `Return type:` (`PROMISE<X>`, `X`, `PROMISE`);
/// `ty` is what it resolved to, absent when the method returns nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReturnType {
    /// The return type as the page writes it.
    pub declared: String,
    /// What it resolves to; `None` for a method that returns nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ty: Option<Type>,
}

/// An ordered list of fields together with the ONE-OF groups some of them belong to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Fields {
    /// The fields, in listing order.
    pub fields: Vec<Field>,
    /// The ONE-OF groups among them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub one_ofs: Vec<OneOf>,
}

impl Fields {
    /// No fields and no groups.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.one_ofs.is_empty()
    }

    /// The field named `name`.
    pub fn get(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The field named `name`, to change.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.name == name)
    }
}

/// A ONE-OF group: exactly one (when `required`) or at most one of its member fields is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneOf {
    /// Group number, unique within its [`Fields`]; members name it in [`Field::one_of`].
    pub id: u32,
    /// Exactly one member must be set (else at most one).
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
}

/// One documented field of a request, an answer or a named struct.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// The field's name as the listing writes it (`referralCode`, `_id`).
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: Type,
    /// Its description, as markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The listing marks it `required: true`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// The [`OneOf::id`] of the group this field is a member of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_of: Option<u32>,
    /// SDK fields only: the REST name this field travels under when it differs (`_id` → `id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest_name: Option<String>,
    /// A field mask: a list of paths here and one comma-separated string on the REST wire
    /// (`["a", "b.c"]` ↔ `"a,b.c"`), whether REST lists it as a string or as a list.
    #[serde(default, skip_serializing_if = "is_false")]
    pub field_mask: bool,
    /// SDK fields only: a value the SDK holds in a form of its own and converts to REST's
    /// (`image`: a `wix:image://…` string for REST's image object; `address`: other key names).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "conversion")]
    pub conversion: Option<Conversion>,
    /// Not in the reference listing: added because the page's examples or its required
    /// parameters use it (an override `infer_fields: false` takes such fields out).
    #[serde(default, skip_serializing_if = "is_false")]
    pub inferred: bool,
}

/// A named type's definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeDef {
    /// A struct: its fields.
    Struct(Fields),
    /// An enum: its values, in listing order.
    Enum(Vec<EnumValue>),
}

/// One value of an enum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumValue {
    /// The value as it travels (`SIGN_UP_COMPLETED`).
    pub value: String,
    /// Its description, as markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A documented error: `HTTP Code | Status Code | Application Code | Description`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PossibleError {
    /// The HTTP status, e.g. `428`.
    pub http_code: u16,
    /// The status name, e.g. `FAILED_PRECONDITION`.
    pub status: String,
    /// The application code, e.g. `MEMBER_NOT_ELIGIBLE`.
    pub code: String,
    /// When the error happens, as markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A REST example: the curl command's method, URL and JSON body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurlExample {
    /// The example's title.
    pub title: String,
    /// The example's description, as markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The HTTP method the command uses.
    #[serde(with = "http_method")]
    pub http_method: HttpMethod,
    /// The URL the command calls.
    pub url: String,
    /// The JSON body sent, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<serde_json::Value>,
}

/// An SDK example as documented (JavaScript).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeExample {
    /// The example's title.
    pub title: String,
    /// The example's description, as markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The code block's language, e.g. `javascript`.
    pub language: String,
    /// The code.
    pub code: String,
}

/// How deep fields, types and `array<…>` may nest, in pages and in schema files. Wix nests a
/// handful of levels; the limit keeps every recursion in the generator far from the stack's
/// limit, and the generated code within rustc's default `recursion_limit` (128), which a chain
/// of about 60 nested structs already exceeds when their layout is computed.
pub const MAX_DEPTH: usize = 32;

/// A field's type. Serialized as the docs write it: `string`, `array<Location>`, `SortOrder`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Type {
    /// `string`.
    String,
    /// `integer`.
    Integer,
    /// `number`.
    Number,
    /// `boolean`.
    Boolean,
    /// A free-form JSON object.
    Object,
    /// A timestamp (SDK only; REST sends it as an RFC 3339 string).
    Date,
    /// Any JSON value: what a type the docs leave unknown falls back to.
    Any,
    /// `array<T>`: a list of `T`.
    Array(Box<Type>),
    /// A named struct or enum, defined in the surface's `types` table.
    Named(String),
}

impl Type {
    /// Parses a type as written in a schema listing. `array` alone is an array of unknown
    /// elements (`array<any>`); a lower-case word that is no scalar is returned as `Named`
    /// (a placeholder the reader resolves).
    pub fn parse(text: &str) -> Result<Type, String> {
        let mut inner = text.trim();
        let mut depth = 0;
        // Iterative, so that a hostile `array<array<…>>` cannot exhaust the stack.
        while let Some(rest) = inner.strip_prefix("array<") {
            depth += 1;
            if depth > MAX_DEPTH {
                return Err(format!(
                    "`array<…>` nested more than {MAX_DEPTH} levels deep"
                ));
            }
            inner = rest
                .strip_suffix('>')
                .ok_or_else(|| format!("`{}` has no closing `>`", text.trim()))?
                .trim();
        }
        let element = match inner {
            "string" => Type::String,
            "integer" => Type::Integer,
            "number" => Type::Number,
            "boolean" => Type::Boolean,
            "object" => Type::Object,
            "Date" => Type::Date,
            "any" => Type::Any,
            "array" => Type::Array(Box::new(Type::Any)),
            name if is_type_name(name) => Type::Named(name.to_string()),
            "" => return Err("the type is empty".to_string()),
            other => return Err(format!("`{other}` is not a type name")),
        };
        Ok(Type::nested(depth, element))
    }
}

/// Identifier-like: letters, digits and `_`, not starting with a digit.
pub fn is_type_name(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (depth, element) = self.layers();
        f.write_str(&"array<".repeat(depth))?;
        match element {
            Type::String => f.write_str("string"),
            Type::Integer => f.write_str("integer"),
            Type::Number => f.write_str("number"),
            Type::Boolean => f.write_str("boolean"),
            Type::Object => f.write_str("object"),
            Type::Date => f.write_str("Date"),
            Type::Any => f.write_str("any"),
            Type::Named(name) => f.write_str(name),
            Type::Array(_) => unreachable!("layers() looks through every array"),
        }?;
        f.write_str(&">".repeat(depth))
    }
}

impl From<Type> for String {
    fn from(ty: Type) -> String {
        ty.to_string()
    }
}

impl TryFrom<String> for Type {
    type Error = String;
    fn try_from(text: String) -> Result<Type, String> {
        Type::parse(&text)
    }
}

/// The first named type in `types` whose definitions nest (a struct with a field of a named
/// type, and so on) more than [`MAX_DEPTH`] levels deep, with the chain's length so far.
/// Recursion through a type already on the chain is no nesting: it is boxed.
pub fn too_deep(types: &BTreeMap<String, TypeDef>) -> Option<String> {
    fn depth<'t>(
        types: &'t BTreeMap<String, TypeDef>,
        name: &'t str,
        stack: &mut Vec<&'t str>,
        memo: &mut BTreeMap<&'t str, usize>,
    ) -> usize {
        if let Some(&known) = memo.get(name) {
            return known;
        }
        if stack.contains(&name) {
            return 0;
        }
        // Deeper than the limit already: no need (and no stack) to look further.
        if stack.len() > MAX_DEPTH {
            return 1;
        }
        let Some(fields) = types.get(name).and_then(TypeDef::as_struct) else {
            return 1;
        };
        stack.push(name);
        let below = fields
            .named_types()
            .map(|child| depth(types, child, stack, memo))
            .max()
            .unwrap_or(0);
        stack.pop();
        memo.insert(name, below + 1);
        below + 1
    }
    let mut memo = BTreeMap::new();
    types.keys().find_map(|name| {
        let found = depth(types, name, &mut Vec::new(), &mut memo);
        (found > MAX_DEPTH)
            .then(|| format!("type `{name}` nests named types more than {MAX_DEPTH} levels deep"))
    })
}

/// Checks what the reader guarantees but a hand-edited schema file may break: named types
/// nested at most [`MAX_DEPTH`] deep, each JSON name once per type, each enum value once.
pub fn validate(package: &Package) -> Result<(), String> {
    package.methods.iter().try_for_each(validate_method)
}

/// [`validate`] for one method.
pub fn validate_method(method: &Method) -> Result<(), String> {
    {
        let tables = [
            method.rest.as_ref().map(|r| ("REST", &r.types)),
            method.sdk.as_ref().map(|s| ("SDK", &s.types)),
        ];
        for (surface, types) in tables.into_iter().flatten() {
            let context =
                |problem: String| format!("method `{}` ({surface}): {problem}", method.name);
            if let Some(problem) = too_deep(types) {
                return Err(context(problem));
            }
            for (name, def) in types {
                let names: Vec<&str> = match def {
                    TypeDef::Struct(fields) => {
                        fields.fields.iter().map(|f| f.name.as_str()).collect()
                    }
                    TypeDef::Enum(values) => values.iter().map(|v| v.value.as_str()).collect(),
                };
                let mut seen = std::collections::BTreeSet::new();
                if let Some(twice) = names.into_iter().find(|n| !seen.insert(*n)) {
                    return Err(context(format!("type `{name}` lists `{twice}` twice")));
                }
            }
        }
    }
    Ok(())
}

/// SDK names that travel under another REST name, and the host of every Wix REST URL: the
/// runtime's, which renames these at every depth of every SDK call and calls that host.
pub use wixgen_runtime::contract::{API_HOST, SDK_RENAMES};

/// Checks a method's URL: `Err` when it cannot be a Wix REST URL (not `https://`, no host, a
/// space or a character no URL has), `Ok(Some(warning))` when it is on another host than
/// [`API_HOST`]. Plain `http://` is accepted for loopback hosts only (mirrors and tests),
/// when `allow_loopback` is set.
pub fn check_url(url: &str, allow_loopback: bool) -> Result<Option<String>, String> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| format!("`{url}` is not an absolute URL"))?;
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(host_end);
    let host = authority.rsplit_once(':').map_or(authority, |(h, port)| {
        if port.bytes().all(|b| b.is_ascii_digit()) {
            h
        } else {
            authority
        }
    });
    let valid_host = !host.is_empty()
        && (host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
            || host == "[::1]");
    if !valid_host {
        return Err(format!("`{url}` has no valid host"));
    }
    if let Some(bad) = path
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || *c == '\\')
    {
        return Err(format!("`{url}` holds {bad:?}, which no URL holds"));
    }
    let loopback = matches!(host, "localhost" | "127.0.0.1" | "[::1]");
    match scheme {
        "https" => {}
        "http" if allow_loopback && loopback => {}
        _ => {
            return Err(format!(
                "`{url}` is not https: calls would send the credentials in clear text"
            ))
        }
    }
    Ok(
        (host != API_HOST && !(allow_loopback && loopback)).then(|| {
            format!(
                "`{url}` is not on {API_HOST}, the host of the Wix REST API; every call goes there"
            )
        }),
    )
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// Serializes packages to YAML, one document per package, in the stable order used on disk.
pub fn to_yaml(package: &Package) -> Result<String, serde_yaml::Error> {
    serde_yaml::to_string(package)
}

/// Reads one package's YAML, as [`to_yaml`] writes it (not validated: see [`validate`]).
pub fn from_yaml(text: &str) -> Result<Package, serde_yaml::Error> {
    serde_yaml::from_str(text)
}

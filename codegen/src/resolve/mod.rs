//! The model: what the emitter writes, with every name decided.
//!
//! Per Wix package and naming variant (REST or SDK) there is one table of named types across all
//! methods and pages of the package: structurally identical definitions merge, conflicting ones
//! get distinct names (with a warning naming the pages). Recursive fields are boxed, Rust
//! identifiers come from heck with keywords escaped and clashes resolved, and SDK fields know the
//! REST names they travel under.

mod methods;
pub mod naming;
mod types;

use crate::schema::{HttpMethod, Package};

/// Everything to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The packages, sorted by Wix name.
    pub packages: Vec<PackageModel>,
    /// What the model had to decide on its own: renamed types, clashing names, unknown types.
    pub warnings: Vec<String>,
}

/// One Wix package: a Rust module with a `rest` and an `sdk` submodule.
#[derive(Debug, Clone, PartialEq)]
pub struct PackageModel {
    /// The package as the docs name it (`referralProgram`).
    pub wix_name: String,
    /// Its module (`referral_program`).
    pub module: String,
    /// Its cargo feature (`referral-program`).
    pub feature: String,
    /// The REST variant's items (the `rest` module).
    pub rest: VariantModel,
    /// The SDK variant's items (the `sdk` module).
    pub sdk: VariantModel,
}

/// A naming variant: the module a package's items go in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Variant {
    /// The REST API's JSON names, one request struct per method.
    Rest,
    /// The JavaScript SDK's names and positional arguments.
    Sdk,
}

impl Variant {
    /// The variant's module name: `rest` or `sdk`.
    pub fn module(self) -> &'static str {
        match self {
            Variant::Rest => "rest",
            Variant::Sdk => "sdk",
        }
    }
}

/// The items of one variant module.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantModel {
    /// Which variant this is.
    pub variant: Variant,
    /// The client handle struct (`ReferralProgram`).
    pub handle: String,
    /// The named types, in the order they are written.
    pub types: Vec<TypeModel>,
    /// One error enum per method: its documented errors and a variant for any other.
    pub errors: Vec<ErrorModel>,
    /// The methods of the client handle.
    pub methods: Vec<MethodModel>,
    /// SDK only: how keys are renamed between SDK and REST shapes.
    pub shapes: Vec<ShapeModel>,
    /// A generated type shadows a prelude name (`Option`, `String`, …): std items are then
    /// written with full paths.
    pub full_paths: bool,
}

impl VariantModel {
    /// No methods and no types: the variant's module is left out.
    pub fn is_empty(&self) -> bool {
        self.methods.is_empty() && self.types.is_empty()
    }
}

/// A named type of a variant module.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeModel {
    /// A struct of documented fields.
    Struct(StructModel),
    /// An open enum of documented values.
    Enum(EnumModel),
    /// The enum of a ONE-OF group.
    OneOf(OneOfModel),
}

impl TypeModel {
    /// The type's Rust name.
    pub fn name(&self) -> &str {
        match self {
            TypeModel::Struct(s) => &s.name,
            TypeModel::Enum(e) => &e.name,
            TypeModel::OneOf(o) => &o.name,
        }
    }
}

/// A struct: documented fields, ONE-OF groups and the map of undocumented ones.
#[derive(Debug, Clone, PartialEq)]
pub struct StructModel {
    /// The Rust name.
    pub name: String,
    /// Its doc comment, as markdown.
    pub doc: String,
    /// The fields outside ONE-OF groups, in listing order.
    pub fields: Vec<FieldModel>,
    /// One field per ONE-OF group.
    pub one_ofs: Vec<OneOfField>,
    /// The flattened map keeping JSON fields the docs don't list.
    pub extra: String,
    /// Whether `Default` can be derived.
    pub default: bool,
}

/// One field of a struct (or an SDK method's argument).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldModel {
    /// The Rust identifier, keywords escaped.
    pub ident: String,
    /// The JSON key.
    pub json: String,
    /// The Rust type, without the `Option` of a field that is not required.
    pub ty: RustType,
    /// A plain `T` rather than `Option<T>`.
    pub required: bool,
    /// Its doc comment, as markdown.
    pub doc: String,
}

/// A ONE-OF group inside its parent struct: one flattened enum-typed field.
#[derive(Debug, Clone, PartialEq)]
pub struct OneOfField {
    /// The field's Rust identifier.
    pub ident: String,
    /// The group's enum ([`OneOfModel::name`]).
    pub enum_name: String,
    /// Exactly one member must be set: a plain field, else an `Option`.
    pub required: bool,
}

/// The enum of a ONE-OF group: one variant per member, keyed by the member's JSON name.
#[derive(Debug, Clone, PartialEq)]
pub struct OneOfModel {
    /// The Rust name.
    pub name: String,
    /// Its doc comment, as markdown.
    pub doc: String,
    /// One variant per member.
    pub variants: Vec<OneOfVariant>,
}

/// One member of a ONE-OF group.
#[derive(Debug, Clone, PartialEq)]
pub struct OneOfVariant {
    /// The variant's Rust identifier.
    pub ident: String,
    /// The member's JSON key.
    pub json: String,
    /// The member's type.
    pub ty: RustType,
    /// Its doc comment, as markdown.
    pub doc: String,
}

/// An open enum: documented values plus a catch-all keeping any other value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumModel {
    /// The Rust name.
    pub name: String,
    /// Its doc comment, as markdown.
    pub doc: String,
    /// The documented values, in listing order.
    pub values: Vec<EnumVariant>,
    /// The identifier of the variant that keeps any other value.
    pub catch_all: String,
}

/// One documented value of an open enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    /// The variant's Rust identifier.
    pub ident: String,
    /// The value as it travels (`SIGN_UP_COMPLETED`).
    pub value: String,
    /// Its doc comment, as markdown.
    pub doc: String,
}

/// A field's Rust type, before `Option` and std paths are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    /// `String`.
    String,
    /// `i64`: Wix's integers are 32-bit, and 64-bit values travel as strings.
    Integer,
    /// `f64`.
    Number,
    /// `bool`.
    Boolean,
    /// A free-form JSON object.
    Object,
    /// Any JSON value.
    Any,
    /// A timestamp (`chrono::DateTime<Utc>`).
    Date,
    /// `Vec<T>`.
    Vec(Box<RustType>),
    /// A type of this module.
    Named(String),
    /// A recursive type behind a `Box`.
    Boxed(Box<RustType>),
}

/// A method's documented application errors.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorModel {
    /// The error enum's Rust name.
    pub name: String,
    /// The method's page title.
    pub method: String,
    /// One variant per documented application code.
    pub variants: Vec<ErrorVariant>,
    /// The variant for any other API error.
    pub other: String,
}

/// One documented error of a method.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorVariant {
    /// The variant's Rust identifier.
    pub ident: String,
    /// The application code it matches (`MEMBER_NOT_ELIGIBLE`).
    pub code: String,
    /// The HTTP status the page documents.
    pub http_code: u16,
    /// The status name the page documents (`FAILED_PRECONDITION`).
    pub status: String,
    /// Its doc comment, as markdown.
    pub doc: String,
}

/// One method of a variant's client handle.
#[derive(Debug, Clone, PartialEq)]
pub struct MethodModel {
    /// The async fn's name.
    pub ident: String,
    /// Its doc comment, as markdown.
    pub doc: String,
    /// The REST method name, for logs and errors.
    pub wire_name: String,
    /// The HTTP method of the call.
    pub http_method: HttpMethod,
    /// The path below the base URL, with `{templates}`.
    pub path: String,
    /// Safe to repeat: retried on 429/503.
    pub idempotent: bool,
    /// Required paths below the top level (`order.lineItems`), as the request JSON of this
    /// variant has them: checked before sending. Top-level ones the Rust types guarantee.
    pub required: Vec<String>,
    /// The Rust name of the method's error type.
    pub error: String,
    /// How the method takes its input and gives its answer, per variant.
    pub kind: MethodKind,
    /// For a list or query method that pages: its `_pages` and `_stream` methods.
    pub paging: Option<PagingModel>,
}

/// How a method pages, for the `<method>_pages` and `<method>_stream` methods.
#[derive(Debug, Clone, PartialEq)]
pub struct PagingModel {
    /// `cursorPaging {limit, cursor}` (true) or `paging {limit, offset}` (false).
    pub cursor: bool,
    /// The keys from the top of the REST request to the paging object.
    pub request_path: Vec<String>,
    /// The response field holding each page's items, and the type of an item.
    pub items: String,
    /// Whether the list field is a plain `Vec` (else an `Option<Vec<…>>`).
    pub items_required: bool,
    /// The type of one item.
    pub item: RustType,
    /// The name of the method giving whole pages (`<method>_pages`).
    pub pages_ident: String,
    /// The name of the method giving the items one by one (`<method>_stream`).
    pub stream_ident: String,
}

/// How a method takes its input and gives its answer.
#[derive(Debug, Clone, PartialEq)]
pub enum MethodKind {
    /// REST: one request struct in, the response type out.
    Rest {
        /// The request struct's Rust name.
        request: String,
        /// The answer's type; `None` for a method that returns nothing.
        response: Option<RustType>,
    },
    /// SDK: positional arguments and an options struct in, the answer out, converted to and from
    /// the REST shape on the wire.
    Sdk {
        /// Positional arguments, sent under their SDK names (the wire shape renames them).
        args: Vec<FieldModel>,
        /// Placed into the request's top level field by field.
        options: Option<FieldModel>,
        /// The answer's type; `None` for a method that returns nothing.
        response: Option<RustType>,
        /// The [`ShapeModel`] of the request, when it has keys the runtime's renames at every
        /// depth do not cover.
        request_shape: Option<String>,
        /// The [`ShapeModel`] of the answer, when it has keys the runtime's renames at every
        /// depth do not cover.
        response_shape: Option<String>,
    },
}

/// How an SDK-named JSON object maps to its REST shape: renamed keys, and nested objects with
/// shapes of their own. Arrays take the shape of their elements.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeModel {
    /// The shape's name: a `static` of the module (`CREATE_REFERRED_FRIEND_REQUEST_WIRE`).
    pub name: String,
    /// The fields renamed, or with shapes of their own.
    pub fields: Vec<ShapeField>,
}

/// One key of an SDK shape.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeField {
    /// The key in the SDK's names.
    pub sdk: String,
    /// The key in REST's names.
    pub rest: String,
    /// The shape of the value, when it is an object with renamed keys.
    pub nested: Option<String>,
    /// A field mask: a list of paths in the SDK, one comma-separated string in REST.
    pub field_mask: bool,
}

/// Builds the model of `packages`, sorted by package name whatever their order.
pub fn resolve<'p>(packages: impl IntoIterator<Item = &'p Package>) -> Model {
    let mut sorted: Vec<&Package> = packages.into_iter().collect();
    sorted.sort_by(|a, b| a.package.cmp(&b.package));
    let mut warnings = Vec::new();
    let wanted: Vec<(&str, String)> = sorted
        .iter()
        .map(|p| (p.package.as_str(), naming::snake(&p.package)))
        .collect();
    let allocated = naming::Names::new().allocate_stably(&wanted, naming::is_lower_camel);
    let mut modules = Vec::with_capacity(allocated.len());
    for (package, (module, clashed)) in sorted.iter().zip(allocated) {
        if clashed {
            warnings.push(format!(
                "package `{}` is named `{module}` in Rust: `{}` has its plain name (a name \
                 written in lowerCamelCase keeps it)",
                package.package,
                naming::snake(&package.package)
            ));
        }
        modules.push(module);
    }
    // Packages are independent: their variants are resolved on all cores.
    use rayon::prelude::*;
    let resolved: Vec<(PackageModel, Vec<String>)> = sorted
        .par_iter()
        .zip(modules)
        .map(|(package, module)| {
            let mut notes = Vec::new();
            let model = PackageModel {
                wix_name: package.package.clone(),
                feature: module.trim_start_matches("r#").replace('_', "-"),
                rest: methods::variant(package, Variant::Rest, &mut notes),
                sdk: methods::variant(package, Variant::Sdk, &mut notes),
                module,
            };
            (model, notes)
        })
        .collect();
    let mut packages = Vec::with_capacity(resolved.len());
    for (package, notes) in resolved {
        packages.push(package);
        warnings.extend(notes);
    }
    Model { packages, warnings }
}

//! The model: what the emitter writes, with every name decided.

pub use super::naming::RustIdent;
use crate::schema::HttpMethod;

/// Everything to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
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
    pub module: RustIdent,
    /// Its cargo feature (`referral-program`).
    pub feature: String,
    pub rest: VariantModel,
    pub sdk: VariantModel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Variant {
    Rest,
    Sdk,
}

impl Variant {
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
    pub variant: Variant,
    /// The client handle struct (`ReferralProgram`).
    pub handle: RustIdent,
    pub types: Vec<TypeModel>,
    pub errors: Vec<ErrorModel>,
    pub methods: Vec<MethodModel>,
    /// SDK only: how keys are renamed between SDK and REST shapes.
    pub shapes: Vec<ShapeModel>,
    /// A generated type shadows a prelude name (`Option`, `String`, …): std items are then
    /// written with full paths.
    pub full_paths: bool,
}

impl VariantModel {
    pub fn is_empty(&self) -> bool {
        self.methods.is_empty() && self.types.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeModel {
    Struct(StructModel),
    Enum(EnumModel),
    OneOf(OneOfModel),
}

impl TypeModel {
    pub fn name(&self) -> &RustIdent {
        match self {
            TypeModel::Struct(s) => &s.name,
            TypeModel::Enum(e) => &e.name,
            TypeModel::OneOf(o) => &o.name,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct StructModel {
    pub name: RustIdent,
    pub doc: String,
    pub fields: Vec<FieldModel>,
    pub one_ofs: Vec<OneOfField>,
    /// The flattened map keeping JSON fields the docs don't list: a private field.
    pub extra: RustIdent,
    /// Its accessors: `extra()` and `extra_mut()`.
    pub extra_accessors: [RustIdent; 2],
    /// The constructor taking the required fields and groups (`new`).
    pub constructor: RustIdent,
    /// Whether `Default` is derived: only when nothing is required.
    pub default: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldModel {
    pub ident: RustIdent,
    /// The JSON key.
    pub json: String,
    pub ty: RustType,
    /// A plain `T` rather than `Option<T>`.
    pub required: bool,
    pub doc: String,
    /// A struct's optional field: its setter (`with_referral_code`). Required fields are
    /// arguments of the constructor; SDK arguments have none.
    pub setter: Option<RustIdent>,
}

/// A ONE-OF group inside its parent struct: one flattened enum-typed field.
#[derive(Debug, Clone, PartialEq)]
pub struct OneOfField {
    pub ident: RustIdent,
    pub enum_name: RustIdent,
    pub required: bool,
    /// An optional group's setter; a required one is an argument of the constructor.
    pub setter: Option<RustIdent>,
}

/// The enum of a ONE-OF group: one variant per member, keyed by the member's JSON name.
#[derive(Debug, Clone, PartialEq)]
pub struct OneOfModel {
    pub name: RustIdent,
    pub doc: String,
    pub variants: Vec<OneOfVariant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OneOfVariant {
    pub ident: RustIdent,
    pub json: String,
    pub ty: RustType,
    pub doc: String,
}

/// An open enum: documented values plus a catch-all keeping any other value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumModel {
    pub name: RustIdent,
    pub doc: String,
    pub values: Vec<EnumVariant>,
    pub catch_all: RustIdent,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub ident: RustIdent,
    pub value: String,
    pub doc: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    String,
    Integer,
    Number,
    Boolean,
    /// A free-form JSON object.
    Object,
    /// Any JSON value.
    Any,
    /// A timestamp (`chrono::DateTime<Utc>`).
    Date,
    Vec(Box<RustType>),
    /// A type of this module.
    Named(RustIdent),
    /// A recursive type behind a `Box`.
    Boxed(Box<RustType>),
}

/// A method's documented application errors.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorModel {
    pub name: RustIdent,
    /// The method's page title.
    pub method: String,
    pub variants: Vec<ErrorVariant>,
    /// The variant for any other API error.
    pub other: RustIdent,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ErrorVariant {
    pub ident: RustIdent,
    pub code: String,
    pub http_code: u16,
    pub status: String,
    pub doc: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MethodModel {
    /// The async fn's name.
    pub ident: RustIdent,
    pub doc: String,
    /// The REST method name, for logs and errors.
    pub wire_name: String,
    pub http_method: HttpMethod,
    /// The path below the base URL, with `{templates}`.
    pub path: String,
    /// Safe to repeat: retried on 429/503.
    pub idempotent: bool,
    /// Required paths below the top level (`order.lineItems`), as the request JSON of this
    /// variant has them: checked before sending. Top-level ones the Rust types guarantee.
    pub required: Vec<String>,
    pub error: RustIdent,
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
    pub items: RustIdent,
    /// Whether the list field is a plain `Vec` (else an `Option<Vec<…>>`).
    pub items_required: bool,
    pub item: RustType,
    pub pages_ident: RustIdent,
    pub stream_ident: RustIdent,
}

#[derive(Debug, Clone, PartialEq)]
pub enum MethodKind {
    Rest {
        request: RustIdent,
        response: Option<RustType>,
    },
    Sdk {
        /// Positional arguments, sent under their SDK names (the wire shape renames them).
        args: Vec<FieldModel>,
        /// Placed into the request's top level field by field.
        options: Option<FieldModel>,
        response: Option<RustType>,
        request_shape: Option<RustIdent>,
        response_shape: Option<RustIdent>,
    },
}

/// How an SDK-named JSON object maps to its REST shape: renamed keys, and nested objects with
/// shapes of their own. Arrays take the shape of their elements.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeModel {
    pub name: RustIdent,
    pub fields: Vec<ShapeField>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShapeField {
    pub sdk: String,
    pub rest: String,
    pub nested: Option<RustIdent>,
    /// A field mask: a list of paths in the SDK, one comma-separated string in REST.
    pub field_mask: bool,
}

//! The model: what the emitter writes, with every name decided.

pub use super::naming::RustIdent;
use crate::schema::{Conversion, HttpMethod};

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
    pub module: RustIdent,
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
    pub handle: RustIdent,
    /// The named types, in the order they are written.
    pub types: Vec<TypeModel>,
    /// One error enum per method: its documented errors and a variant for any other.
    pub errors: Vec<ErrorModel>,
    /// The methods of the client handle.
    pub methods: Vec<MethodModel>,
    /// SDK only: how keys are renamed between SDK and REST shapes.
    pub shapes: Vec<ShapeModel>,
    /// SDK only: the field enums of the entities query builders filter and sort on.
    pub query_fields: Vec<QueryFieldsModel>,
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
    pub fn name(&self) -> &RustIdent {
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
    pub name: RustIdent,
    /// Its doc comment, as markdown.
    pub doc: String,
    /// The fields outside ONE-OF groups, in listing order.
    pub fields: Vec<FieldModel>,
    /// One field per ONE-OF group.
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

/// One field of a struct (or an SDK method's argument).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldModel {
    /// The Rust identifier, keywords escaped.
    pub ident: RustIdent,
    /// The JSON key.
    pub json: String,
    /// The Rust type, without the `Option` of a field that is not required.
    pub ty: RustType,
    /// A plain `T` rather than `Option<T>`.
    pub required: bool,
    /// Its doc comment, as markdown.
    pub doc: String,
    /// A struct's optional field: its setter (`with_referral_code`). Required fields are
    /// arguments of the constructor; SDK arguments have none.
    pub setter: Option<RustIdent>,
    /// REST variant: a field mask, a list of paths in Rust sent as one comma-separated string.
    pub field_mask: bool,
}

/// A ONE-OF group inside its parent struct: one flattened enum-typed field.
#[derive(Debug, Clone, PartialEq)]
pub struct OneOfField {
    /// The field's Rust identifier.
    pub ident: RustIdent,
    /// The group's enum ([`OneOfModel::name`]).
    pub enum_name: RustIdent,
    /// Exactly one member must be set: a plain field, else an `Option`.
    pub required: bool,
    /// An optional group's setter; a required one is an argument of the constructor.
    pub setter: Option<RustIdent>,
}

/// The enum of a ONE-OF group: one variant per member, keyed by the member's JSON name.
#[derive(Debug, Clone, PartialEq)]
pub struct OneOfModel {
    /// The Rust name.
    pub name: RustIdent,
    /// Its doc comment, as markdown.
    pub doc: String,
    /// One variant per member.
    pub variants: Vec<OneOfVariant>,
}

/// One member of a ONE-OF group.
#[derive(Debug, Clone, PartialEq)]
pub struct OneOfVariant {
    /// The variant's Rust identifier.
    pub ident: RustIdent,
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
    pub name: RustIdent,
    /// Its doc comment, as markdown.
    pub doc: String,
    /// The documented values, in listing order.
    pub values: Vec<EnumVariant>,
    /// The identifier of the variant that keeps any other value.
    pub catch_all: RustIdent,
}

/// One documented value of an open enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    /// The variant's Rust identifier.
    pub ident: RustIdent,
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
    Named(RustIdent),
    /// A recursive type behind a `Box`.
    Boxed(Box<RustType>),
}

/// A method's documented application errors.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorModel {
    /// The error enum's Rust name.
    pub name: RustIdent,
    /// The method's page title.
    pub method: String,
    /// One variant per documented application code.
    pub variants: Vec<ErrorVariant>,
    /// The variant for any other API error.
    pub other: RustIdent,
}

/// One documented error of a method.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorVariant {
    /// The variant's Rust identifier.
    pub ident: RustIdent,
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
    pub ident: RustIdent,
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
    /// A GET or DELETE whose request holds lists of objects or free-form objects: sent whole
    /// as `.r` whenever it has anything nested, as the JavaScript SDK does.
    pub complex_query: bool,
    /// Required paths below the top level (`order.lineItems`), as the request JSON of this
    /// variant has them: checked before sending. Top-level ones the Rust types guarantee.
    pub required: Vec<String>,
    /// The Rust name of the method's error type.
    pub error: RustIdent,
    /// How the method takes its input and gives its answer, per variant.
    pub kind: MethodKind,
    /// For a list or query method that pages: its `_pages` and `_stream` methods.
    pub paging: Option<PagingModel>,
    /// SDK only, for a query method: its query builder (`<method>_builder()`).
    pub builder: Option<QueryBuilderModel>,
}

/// A query method's builder, as the JavaScript SDK's `queryX()`: conditions, sort and paging
/// chained on, sent by `find()`. The runtime's `query_builder` does the work; this is what the
/// generated method names.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryBuilderModel {
    /// The handle's method returning the builder (`query_posts_builder`).
    pub ident: RustIdent,
    /// The SDK argument holding the query object (`query`).
    pub argument: String,
    /// Cursor paging (`cursorPaging`) or offset paging (`paging`, which adds `skip`).
    pub cursor: bool,
    /// The answer's list field (SDK JSON name), holding the items.
    pub items: String,
    /// The type of one item.
    pub item: RustType,
    /// The answer's paging metadata field (SDK JSON name), if it has one.
    pub metadata: Option<String>,
    /// The options type, if the method takes options.
    pub options: Option<RustType>,
    /// The field enum of the item type ([`QueryFieldsModel::name`]).
    pub fields: RustIdent,
}

/// The fields of an entity that queries filter and sort on: an enum with one variant per
/// documented field (nested fields as dotted paths), each knowing its SDK path.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryFieldsModel {
    /// The enum's Rust name (`PostField`).
    pub name: RustIdent,
    /// The entity type it belongs to.
    pub entity: RustIdent,
    /// One variant per field path.
    pub fields: Vec<QueryFieldVariant>,
    /// The variant naming any other path (`Path("seoData.tags")`): fields the page does not
    /// list can still be queried.
    pub other: RustIdent,
}

/// One field a query can name.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryFieldVariant {
    /// The variant's Rust identifier (`CreatedDate`, `AddressCity`).
    pub ident: RustIdent,
    /// The path in SDK names (`_createdDate`, `address.city`).
    pub path: String,
    /// The field's doc comment, as markdown.
    pub doc: String,
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
    /// The type of one item.
    pub item: RustType,
    /// The name of the method giving whole pages (`<method>_pages`).
    pub pages_ident: RustIdent,
    /// The name of the method giving the items one by one (`<method>_stream`).
    pub stream_ident: RustIdent,
}

/// How a method takes its input and gives its answer.
// One per method, built once: the SDK variant's size costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum MethodKind {
    /// REST: one request struct in, the response type out.
    Rest {
        /// The request struct's Rust name.
        request: RustIdent,
        /// The answer's type; `None` for a method that returns nothing.
        response: Option<RustType>,
    },
    /// SDK: positional arguments and an options struct in, the answer out, converted to and from
    /// the REST shape on the wire.
    Sdk {
        /// Positional arguments, sent under their SDK names (the wire shape renames them), each
        /// where the JavaScript SDK puts it.
        args: Vec<SdkArgument>,
        /// Placed into the request's top level field by field.
        options: Option<FieldModel>,
        /// The answer's type; `None` for a method that returns nothing. With an
        /// [`AnswerField`], the type of that field.
        response: Option<RustType>,
        /// The field of the REST answer the method returns, when it returns one field rather
        /// than the whole answer.
        answer_field: Option<AnswerField>,
        /// The [`ShapeModel`] of the request, when it has keys the runtime's renames at every
        /// depth do not cover.
        request_shape: Option<RustIdent>,
        /// The [`ShapeModel`] of the answer, when it has keys the runtime's renames at every
        /// depth do not cover.
        response_shape: Option<RustIdent>,
    },
}

impl MethodKind {
    /// Whether the answer is returned as an `Option` of the response type: a scalar field of
    /// the REST answer, which the answer may lack.
    pub fn optional_answer(&self) -> bool {
        matches!(
            self,
            MethodKind::Sdk {
                answer_field: Some(AnswerField { optional: true, .. }),
                ..
            }
        )
    }
}

/// A positional argument of an SDK method and where the request carries it.
#[derive(Debug, Clone, PartialEq)]
pub struct SdkArgument {
    /// The argument.
    pub field: FieldModel,
    /// Where it goes in the request.
    pub placement: Placement,
}

/// Where an SDK argument goes in the REST request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// At the top level, under its own name (most arguments).
    TopLevel,
    /// Inside another argument's object under its REST name: `updateService(_id, service)` with
    /// path `{service.id}` sends `{"service": {...service, "id": _id}}`.
    Inside {
        /// The object argument's key (`service`).
        object: String,
        /// The key inside it (`id`).
        key: String,
    },
    /// Its fields spread into the top level, as an `options` object's: an object argument
    /// whose name the REST request does not have and whose fields are top-level REST fields.
    Spread,
}

/// The one field of the REST answer an SDK method returns (`service` of
/// `CreateServiceResponse`, the `id` string of `CreateSecretResponse`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerField {
    /// The field's JSON key in the REST answer.
    pub json: String,
    /// Returned as an `Option`, `None` when the answer lacks it (a scalar, which the JavaScript
    /// SDK returns as `undefined`); else an answer without it is a decoding error.
    pub optional: bool,
}

/// How an SDK-named JSON object maps to its REST shape: renamed keys, and nested objects with
/// shapes of their own. Arrays take the shape of their elements.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeModel {
    /// The shape's name: a `static` of the module (`CREATE_REFERRED_FRIEND_REQUEST_WIRE`).
    pub name: RustIdent,
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
    pub nested: Option<RustIdent>,
    /// A field mask: a list of paths in the SDK, one comma-separated string in REST.
    pub field_mask: bool,
    /// A value the SDK holds in a form of its own (a media string, an address with other key
    /// names), which the runtime converts.
    pub conversion: Option<Conversion>,
    /// Rich content: the JavaScript SDK returns it as it is, renaming nothing inside.
    pub verbatim: bool,
}

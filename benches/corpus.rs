//! A deterministic generator of Wix method pages in the exact format of FORMAT.md, at any scale:
//! packages and namespaces, deep nesting, arrays, inline and multi-line enums, ONE-OF groups,
//! placeholder types, named types shared across pages (expanded only at their first use on a
//! page), long descriptions with links, possible errors and curl examples.

use std::fmt::Write as _;

const PACKAGES: [&str; 8] = [
    "stores", "bookings", "events", "members", "blog", "forms", "crm", "pricing",
];
const RESOURCES: [&str; 6] = ["Product", "Ticket", "Coupon", "Order", "Member", "Plan"];
const WORDS: [&str; 16] = [
    "item", "site", "member", "order", "value", "list", "price", "time", "field", "request",
    "owner", "record", "entry", "change", "limit", "group",
];

/// The methods of a concatenated corpus grouped by package, as `wixgen import` groups them.
pub fn read_packages(text: &str) -> Vec<wixgen::schema::Package> {
    let (document, _) = wixgen::docs::read(text, std::path::Path::new("corpus.md"));
    let mut packages: std::collections::BTreeMap<String, wixgen::schema::Package> =
        Default::default();
    for method in document.methods {
        packages
            .entry(method.package.clone())
            .or_insert_with(|| wixgen::schema::Package {
                package: method.package.clone(),
                methods: Vec::new(),
            })
            .methods
            .push(method);
    }
    packages.into_values().collect()
}

/// Every variant module of a model as items ready to format, in order.
pub fn items(model: &wixgen::resolve::Model) -> Vec<wixgen::emit::Items> {
    model
        .packages
        .iter()
        .flat_map(|p| {
            [
                wixgen::emit::variant_items(&p.rest),
                wixgen::emit::variant_items(&p.sdk),
            ]
        })
        .collect()
}

/// The seed the benchmarks and tests use.
pub const SEED: u64 = 0x5eed;

/// One generated page.
pub struct Page {
    pub file_name: String,
    pub text: String,
}

/// `methods` pages, the same for the same `seed`.
pub fn pages(methods: usize, seed: u64) -> Vec<Page> {
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..methods)
        .map(|index| page(index, methods, &mut rng))
        .collect()
}

/// The same pages back to back, as the portal's full-docs file holds them.
pub fn concatenated(methods: usize, seed: u64) -> String {
    pages(methods, seed)
        .into_iter()
        .map(|p| p.text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A field of a listing: name, type, description and what is nested under it.
#[derive(Clone)]
struct Spec {
    name: String,
    ty: String,
    description: String,
    nested: Nested,
}

#[derive(Clone)]
enum Nested {
    None,
    /// The fields of a named type, expanded at its first use on a page.
    Type(Vec<Item>),
    InlineEnum(Vec<&'static str>),
    Enum(Vec<(&'static str, String)>),
}

#[derive(Clone)]
enum Item {
    Field(Spec),
    OneOf { required: bool, members: Vec<Spec> },
}

fn spec(name: &str, ty: &str, description: String, nested: Nested) -> Spec {
    Spec {
        name: name.to_string(),
        ty: ty.to_string(),
        description,
        nested,
    }
}

fn description(rng: &mut fastrand::Rng, subject: &str) -> String {
    let mut text = format!("The {subject} of the {}.", WORDS[rng.usize(..WORDS.len())]);
    for _ in 0..rng.usize(0..4) {
        let word = WORDS[rng.usize(..WORDS.len())];
        match rng.u8(0..4) {
            0 => write!(text, " Learn more about [{word}s](https://dev.wix.com/docs/api-reference/articles/{word}-{}.md).", rng.u16(..)).unwrap(),
            1 => write!(text, " Must be a valid `{word}`, for example `{word}-{}`.", rng.u16(..1000)).unwrap(),
            2 => write!(text, " Default: `{}`. Max: {} characters.", rng.u8(..100), rng.u16(1..2000)).unwrap(),
            _ => write!(text, " Returned only when the {word} is available to the caller, see the {word} docs for details.").unwrap(),
        }
    }
    text
}

/// The types of one resource, as its REST (`sdk: false`) or SDK listing shows them.
fn entity(resource: &str, rng: &mut fastrand::Rng, sdk: bool) -> Spec {
    let (id, created, updated, date) = if sdk {
        ("_id", "_createdDate", "_updatedDate", "Date")
    } else {
        ("id", "createdDate", "updatedDate", "string")
    };
    let money = Nested::Type(vec![
        Item::Field(spec(
            "amount",
            "string",
            description(rng, "amount"),
            Nested::None,
        )),
        Item::Field(spec(
            "currency",
            "string",
            description(rng, "currency"),
            Nested::None,
        )),
    ]);
    let point = Nested::Type(vec![
        Item::Field(spec(
            "latitude",
            "number",
            description(rng, "latitude"),
            Nested::None,
        )),
        Item::Field(spec(
            "longitude",
            "number",
            description(rng, "longitude"),
            Nested::None,
        )),
    ]);
    let address = Nested::Type(vec![
        Item::Field(spec(
            "city",
            "string",
            description(rng, "city"),
            Nested::None,
        )),
        Item::Field(spec(
            "country",
            "string",
            description(rng, "country"),
            Nested::None,
        )),
        Item::Field(spec(
            "location",
            "GeoPoint",
            description(rng, "location"),
            point,
        )),
    ]);
    let status = Nested::Enum(vec![
        ("UNKNOWN_STATUS", description(rng, "unknown status")),
        ("ACTIVE", description(rng, "active status")),
        ("ARCHIVED", String::new()),
        ("DELETED", description(rng, "deleted status")),
    ]);
    let variant = Nested::Type(vec![
        Item::Field(spec("sku", "string", description(rng, "SKU"), Nested::None)),
        Item::Field(spec(
            "price",
            "Money",
            description(rng, "price"),
            money.clone(),
        )),
        Item::Field(spec(
            "weight",
            "number",
            description(rng, "weight"),
            Nested::None,
        )),
        Item::Field(spec(
            "visible",
            "boolean",
            description(rng, "visibility"),
            Nested::None,
        )),
    ]);
    spec(
        &lower_first(resource),
        resource,
        description(rng, resource),
        Nested::Type(vec![
            Item::Field(spec(id, "string", description(rng, "GUID"), Nested::None)),
            Item::Field(spec(
                "revision",
                "string",
                description(rng, "revision"),
                Nested::None,
            )),
            Item::Field(spec(
                created,
                date,
                description(rng, "creation date"),
                Nested::None,
            )),
            Item::Field(spec(
                updated,
                date,
                description(rng, "update date"),
                Nested::None,
            )),
            Item::Field(spec(
                "name",
                "string",
                description(rng, "name"),
                Nested::None,
            )),
            Item::Field(spec(
                "status",
                &format!("{resource}Status"),
                description(rng, "status"),
                status,
            )),
            Item::Field(spec("price", "Money", description(rng, "price"), money)),
            Item::Field(spec(
                "address",
                "Address",
                description(rng, "address"),
                address,
            )),
            Item::Field(spec(
                "tags",
                "array<string>",
                description(rng, "tags"),
                Nested::None,
            )),
            Item::Field(spec(
                "variants",
                &format!("array<{resource}Variant>"),
                description(rng, "variants"),
                variant,
            )),
            Item::OneOf {
                required: false,
                members: vec![
                    spec("email", "string", description(rng, "email"), Nested::None),
                    spec("phone", "string", description(rng, "phone"), Nested::None),
                ],
            },
            Item::Field(spec(
                "extendedFields",
                "ExtendedFields",
                description(rng, "extended fields"),
                Nested::Type(vec![Item::Field(spec(
                    "namespaces",
                    "object",
                    description(rng, "namespaces"),
                    Nested::None,
                ))]),
            )),
        ]),
    )
}

fn query(rng: &mut fastrand::Rng) -> Spec {
    spec(
        "query",
        "CursorQuery",
        description(rng, "query"),
        Nested::Type(vec![
            Item::Field(spec(
                "cursorPaging",
                "CursorPaging",
                description(rng, "paging"),
                Nested::Type(vec![
                    Item::Field(spec(
                        "limit",
                        "integer",
                        description(rng, "limit"),
                        Nested::None,
                    )),
                    Item::Field(spec(
                        "cursor",
                        "string",
                        description(rng, "cursor"),
                        Nested::None,
                    )),
                ]),
            )),
            Item::Field(spec(
                "filter",
                "object",
                description(rng, "filter"),
                Nested::None,
            )),
            Item::Field(spec(
                "sort",
                "array<Sorting>",
                description(rng, "sort"),
                Nested::Type(vec![
                    Item::Field(spec(
                        "fieldName",
                        "string",
                        description(rng, "field name"),
                        Nested::None,
                    )),
                    Item::Field(spec(
                        "order",
                        "SortOrder",
                        description(rng, "order"),
                        Nested::InlineEnum(vec!["ASC", "DESC"]),
                    )),
                ]),
            )),
        ]),
    )
}

fn paging_metadata(rng: &mut fastrand::Rng) -> Spec {
    spec(
        "pagingMetadata",
        "CursorPagingMetadata",
        description(rng, "paging metadata"),
        Nested::Type(vec![
            Item::Field(spec(
                "count",
                "integer",
                description(rng, "count"),
                Nested::None,
            )),
            Item::Field(spec(
                "cursors",
                "Cursors",
                description(rng, "cursors"),
                Nested::Type(vec![
                    Item::Field(spec(
                        "next",
                        "string",
                        description(rng, "next cursor"),
                        Nested::None,
                    )),
                    Item::Field(spec(
                        "prev",
                        "string",
                        description(rng, "previous cursor"),
                        Nested::None,
                    )),
                ]),
            )),
            Item::Field(spec(
                "hasNext",
                "boolean",
                description(rng, "flag"),
                Nested::None,
            )),
        ]),
    )
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// Writes listing lines, expanding each named type at its first use in this listing.
struct Listing<'e> {
    out: String,
    expanded: &'e mut std::collections::HashSet<String>,
}

impl Listing<'_> {
    fn field(&mut self, indent: usize, param: bool, spec: &Spec, required: bool) {
        let key = if param { "param name" } else { "- name" };
        let required = if required { " | required: true" } else { "" };
        writeln!(
            self.out,
            "{:indent$}{key}: {} | type: {} | description: {} {required}",
            "", spec.name, spec.ty, spec.description
        )
        .unwrap();
        let element = spec
            .ty
            .trim_start_matches("array<")
            .trim_end_matches('>')
            .to_string();
        match &spec.nested {
            Nested::None => {}
            Nested::Type(items) => {
                if self.expanded.insert(element) {
                    for item in items {
                        self.item(indent + 3, item);
                    }
                }
            }
            Nested::InlineEnum(values) => {
                if self.expanded.insert(element) {
                    writeln!(
                        self.out,
                        "{:w$}- enum: {}",
                        "",
                        values.join(", "),
                        w = indent + 6
                    )
                    .unwrap();
                }
            }
            Nested::Enum(values) => {
                if self.expanded.insert(element) {
                    writeln!(self.out, "{:w$}- enum:", "", w = indent + 6).unwrap();
                    for (value, text) in values {
                        let text = if text.is_empty() {
                            String::new()
                        } else {
                            format!(": {text}")
                        };
                        writeln!(self.out, "{:w$}-     {value}{text}", "", w = indent + 6).unwrap();
                    }
                }
            }
        }
    }

    fn item(&mut self, indent: usize, item: &Item) {
        match item {
            Item::Field(spec) => self.field(indent, false, spec, false),
            Item::OneOf { required, members } => {
                let required = if *required { " - required: true" } else { "" };
                writeln!(self.out, "{:indent$}- ONE-OF:{required}", "").unwrap();
                for member in members {
                    self.field(indent + 3, false, member, false);
                }
            }
        }
    }
}

/// What one method does with its resource.
#[derive(Clone, Copy, PartialEq)]
enum Verb {
    Create,
    Get,
    Update,
    Delete,
    Query,
}

fn page(index: usize, total: usize, rng: &mut fastrand::Rng) -> Page {
    let packages = total.div_ceil(60).clamp(1, 64);
    let package_index = index % packages;
    let package = format!(
        "{}{}",
        PACKAGES[package_index % PACKAGES.len()],
        package_index / PACKAGES.len()
    );
    let resource_index = (index / packages) % RESOURCES.len();
    let resource = RESOURCES[resource_index];
    let resource_path = format!("{}s", lower_first(resource));
    let namespace = format!("{resource}sService");
    let verb = [
        Verb::Create,
        Verb::Get,
        Verb::Update,
        Verb::Delete,
        Verb::Query,
    ][(index / packages / RESOURCES.len()) % 5];
    let name = match verb {
        Verb::Create => format!("Create{resource}{index}"),
        Verb::Get => format!("Get{resource}{index}"),
        Verb::Update => format!("Update{resource}{index}"),
        Verb::Delete => format!("Delete{resource}{index}"),
        Verb::Query => format!("Query{resource}s{index}"),
    };
    let method = lower_first(&name);
    let base = format!("https://www.wixapis.com/{package}/v1/{resource_path}");
    let (http, url) = match verb {
        Verb::Create => ("POST", base.clone()),
        Verb::Get => ("GET", format!("{base}/{{{}Id}}", lower_first(resource))),
        Verb::Update => ("PATCH", format!("{base}/{{{}.id}}", lower_first(resource))),
        Verb::Delete => ("DELETE", format!("{base}/{{{}Id}}", lower_first(resource))),
        Verb::Query => ("POST", format!("{base}/query")),
    };
    let intro = description(rng, &name);
    let id_param = format!("{}Id", lower_first(resource));
    let resource_field = lower_first(resource);

    let mut text = String::new();
    writeln!(
        text,
        "> Portal Navigation:\n>\n> - Generated page {index}.\n"
    )
    .unwrap();
    writeln!(
        text,
        "# {name}\n\n# Package: {package}\n\n# Namespace: {namespace}\n"
    )
    .unwrap();
    writeln!(
        text,
        "# Method link: https://dev.wix.com/docs/api-reference/{package}/{method}.md\n"
    )
    .unwrap();
    writeln!(
        text,
        "## Permission Scopes:\nManage {resource}s: SCOPE.{}.MANAGE\n",
        package.to_ascii_uppercase()
    )
    .unwrap();
    writeln!(
        text,
        "## Introduction\n\n{intro}\n\n---\n\n## REST API\n\n### Schema\n\n```"
    )
    .unwrap();

    for sdk in [false, true] {
        let mut expanded = std::collections::HashSet::new();
        let mut listing = Listing {
            out: String::new(),
            expanded: &mut expanded,
        };
        if sdk {
            let args = match verb {
                Verb::Create | Verb::Update => format!("{resource_field}, options"),
                Verb::Get | Verb::Delete => format!("{id_param}, options"),
                Verb::Query => "query".to_string(),
            };
            writeln!(
                listing.out,
                " Method: wixClientAdmin.{package}.{namespace}.{method}({args})"
            )
            .unwrap();
            writeln!(listing.out, " Description: {intro}").unwrap();
        } else {
            writeln!(
                listing.out,
                " Method: {method}\n Description: {intro}\n URL: {url}\n Method: {http}"
            )
            .unwrap();
        }
        let required = match verb {
            Verb::Create | Verb::Update => resource_field.clone(),
            Verb::Get | Verb::Delete => id_param.clone(),
            Verb::Query => "query".to_string(),
        };
        writeln!(
            listing.out,
            " Required parameters: {required}\n Method parameters:"
        )
        .unwrap();
        let entity_spec = entity(resource, rng, sdk);
        let options = |fields: Vec<Spec>| {
            spec(
                "options",
                &format!("{name}Options"),
                String::new(),
                Nested::Type(fields.into_iter().map(Item::Field).collect()),
            )
        };
        match verb {
            Verb::Create | Verb::Update => {
                listing.field(3, true, &entity_spec, true);
                if sdk {
                    let mask = spec(
                        "fieldMask",
                        "array<string>",
                        description(rng, "field mask"),
                        Nested::None,
                    );
                    listing.field(3, true, &options(vec![mask]), false);
                } else {
                    listing.field(
                        3,
                        true,
                        &spec(
                            "fieldMask",
                            "array<string>",
                            description(rng, "field mask"),
                            Nested::None,
                        ),
                        false,
                    );
                }
            }
            Verb::Get | Verb::Delete => {
                let fields = spec(
                    "fields",
                    "array<string>",
                    description(rng, "fields"),
                    Nested::None,
                );
                if sdk {
                    listing.field(
                        3,
                        true,
                        &spec(&id_param, "string", description(rng, "GUID"), Nested::None),
                        true,
                    );
                    listing.field(3, true, &options(vec![fields]), false);
                } else {
                    listing.field(3, true, &fields, false);
                    listing.field(
                        3,
                        true,
                        &spec(&id_param, &id_param, description(rng, "GUID"), Nested::None),
                        true,
                    );
                }
            }
            Verb::Query => listing.field(3, true, &query(rng), true),
        }
        let returns = format!("{name}Response");
        let declared = if sdk {
            format!("PROMISE<{returns}>")
        } else {
            returns
        };
        writeln!(listing.out, " Return type: {declared}").unwrap();
        match verb {
            Verb::Query => {
                let many = spec(
                    &format!("{resource_field}s"),
                    &format!("array<{resource}>"),
                    description(rng, "results"),
                    entity_spec.nested.clone(),
                );
                listing.field(2, false, &many, false);
                listing.field(2, false, &paging_metadata(rng), false);
            }
            Verb::Delete => listing.field(
                2,
                false,
                &spec(
                    "deleted",
                    "boolean",
                    description(rng, "result"),
                    Nested::None,
                ),
                false,
            ),
            _ => listing.field(2, false, &entity_spec, false),
        }
        writeln!(listing.out, "\n Possible Errors:").unwrap();
        let code = format!("{}_NOT_FOUND", resource.to_ascii_uppercase());
        writeln!(listing.out, "   HTTP Code: 404 | Status Code: NOT_FOUND | Application Code: {code} | Description: {}", description(rng, "error")).unwrap();
        if verb != Verb::Get {
            writeln!(listing.out, "   HTTP Code: 428 | Status Code: FAILED_PRECONDITION | Application Code: REVISION_MISMATCH | Description: {}", description(rng, "error")).unwrap();
        }
        text.push_str(&listing.out);
        if sdk {
            text.push_str("```\n\n### Examples\n\n### ");
            writeln!(
                text,
                "{method}\n```javascript\nconst response = await {}.{method}(options);\n```\n\n---",
                lower_first(&namespace)
            )
            .unwrap();
        } else {
            text.push_str("```\n\n### Examples\n\n");
            writeln!(
                text,
                "### {name} example\nCalls {name} with typical values.\n\n```curl"
            )
            .unwrap();
            let example_url = url
                .replace(&format!("{{{id_param}}}"), "a1b2")
                .replace(&format!("{{{resource_field}.id}}"), "a1b2");
            let body = match verb {
                Verb::Create | Verb::Update => Some(format!(
                    "{{\n  \"{resource_field}\": {{\n    \"id\": \"a1b2\",\n    \"name\": \"Example\",\n    \"tags\": [\"new\", \"sale\"],\n    \"price\": {{ \"amount\": \"10.50\", \"currency\": \"USD\" }},\n    \"status\": \"ACTIVE\"\n  }}\n}}"
                )),
                Verb::Query => Some("{\n  \"query\": {\n    \"cursorPaging\": { \"limit\": 10 },\n    \"sort\": [{ \"fieldName\": \"name\", \"order\": \"ASC\" }]\n  }\n}".to_string()),
                Verb::Get | Verb::Delete => None,
            };
            write!(
                text,
                "curl -X {http} \\\n'{example_url}' \\\n-H 'Authorization: <AUTH>'"
            )
            .unwrap();
            if let Some(body) = body {
                write!(
                    text,
                    " \\\n-H 'Content-Type: application/json' \\\n-d '{body}'"
                )
                .unwrap();
            }
            text.push_str("\n```\n\n---\n\n## JavaScript SDK\n\n### Schema\n\n```\n");
        }
    }
    Page {
        file_name: format!("{package}/{method}.md"),
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn pages_import_without_errors_or_warnings() {
        let text = concatenated(120, SEED);
        let (document, diagnostics) = wixgen::docs::read(&text, Path::new("corpus.md"));
        let shown: Vec<String> = diagnostics.iter().take(5).map(|d| d.to_string()).collect();
        assert!(
            diagnostics.is_empty(),
            "{} diagnostics, first:\n{}",
            diagnostics.len(),
            shown.join("\n")
        );
        assert_eq!((document.pages, document.methods.len()), (120, 120));
        let packages: std::collections::BTreeSet<&str> = document
            .methods
            .iter()
            .map(|m| m.package.as_str())
            .collect();
        assert_eq!(packages.len(), 2);
        // Shared types are expanded once per listing and resolved by name afterwards.
        let create = document
            .methods
            .iter()
            .find(|m| m.name.starts_with("Create"))
            .unwrap();
        let rest = create.rest.as_ref().unwrap();
        assert!(rest.types.contains_key("Money") && rest.types.contains_key("GeoPoint"));
        assert_eq!(
            rest.types.len(),
            8,
            "{:?}",
            rest.types.keys().collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_corpus() {
        assert_eq!(concatenated(30, 7), concatenated(30, 7));
        assert_ne!(concatenated(30, 7), concatenated(30, 8));
    }

    #[test]
    fn separate_files_and_the_concatenated_file_give_the_same_methods() {
        let dir = std::env::temp_dir().join(format!("wixgen-corpus-{}", std::process::id()));
        for page in pages(40, SEED) {
            let path = dir.join(&page.file_name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, page.text).unwrap();
        }
        let full = dir.join("full.txt");
        std::fs::write(&full, concatenated(40, SEED)).unwrap();
        let separate = wixgen::import::import(std::slice::from_ref(&dir), None).unwrap();
        let together = wixgen::import::import(&[full], None).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(!separate.has_errors() && !together.has_errors());
        assert_eq!(separate.render().unwrap(), together.render().unwrap());
    }
}

//! One focused test per construct of the Wix method page format, on small pages.

mod support;

use support::{one_method, page, read, warned};
use wixgen::schema::{HttpMethod, Type, TypeDef};

const REST_HEAD: &str = " Method: doThing\n Description: Does a thing.\n URL: https://www.wixapis.com/things/v1/things\n Method: POST\n";
const SDK_HEAD: &str = " Method: wixClientAdmin.things.Things.doThing(thingId, options)\n Description: Does a thing.\n";

fn ty(text: &str) -> Type {
    Type::parse(text).unwrap()
}

fn struct_fields(def: Option<&TypeDef>) -> Vec<(String, String)> {
    match def {
        Some(TypeDef::Struct(fields)) => fields
            .fields
            .iter()
            .map(|f| (f.name.clone(), f.ty.to_string()))
            .collect(),
        other => panic!("not a struct: {other:?}"),
    }
}

#[test]
fn preamble_headings_scopes_and_introduction() {
    let text = format!(
        "> Portal Navigation:\n> - a note\n\n{}",
        page(&format!("{REST_HEAD} Method parameters:\n"), "")
    )
    .replace(
        "Manage Things: SCOPE.THINGS.MANAGE",
        "Manage Things: SCOPE.THINGS.MANAGE\nRead: Things Data: SCOPE.THINGS.READ",
    )
    .replace(
        "Does a thing.\n\n---",
        "Does a thing.\n\n- with a [link](https://x/y#z)\n\n---",
    );
    let (method, _) = one_method(&text);
    assert_eq!(method.name, "DoThing");
    assert_eq!(
        (method.package.as_str(), method.namespace.as_str()),
        ("things", "Things")
    );
    assert_eq!(method.link.as_deref(), Some("https://dev.wix.com/x.md"));
    let scopes: Vec<(&str, &str)> = method
        .permission_scopes
        .iter()
        .map(|s| (s.name.as_str(), s.id.as_str()))
        .collect();
    assert_eq!(
        scopes,
        [
            ("Manage Things", "SCOPE.THINGS.MANAGE"),
            ("Read: Things Data", "SCOPE.THINGS.READ")
        ]
    );
    assert_eq!(
        method.description,
        "Does a thing.\n\n- with a [link](https://x/y#z)"
    );
    let rest = method.rest.unwrap();
    assert_eq!(
        (rest.method.as_str(), rest.http_method),
        ("doThing", HttpMethod::Post)
    );
    assert_eq!(rest.url, "https://www.wixapis.com/things/v1/things");
    assert!(
        rest.params.is_empty(),
        "`Method parameters:` may be followed by nothing"
    );
}

#[test]
fn relative_indentation_nests_fields() {
    let rest = format!(
        "{REST_HEAD} Method parameters:\n   param name: a | type: A\n        - name: x | type: string\n        - name: b | type: B\n              - name: y | type: integer\n        - name: z | type: boolean\n   param name: c | type: number\n"
    );
    let (method, _) = one_method(&page(&rest, ""));
    let rest = method.rest.unwrap();
    let top: Vec<&str> = rest.params.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(top, ["a", "c"]);
    assert_eq!(
        struct_fields(rest.types.get("A")),
        [
            ("x".into(), "string".into()),
            ("b".into(), "B".into()),
            ("z".into(), "boolean".into())
        ]
    );
    assert_eq!(
        struct_fields(rest.types.get("B")),
        [("y".into(), "integer".into())]
    );
}

#[test]
fn field_segments_required_and_pipes_in_descriptions() {
    let rest = format!(
        "{REST_HEAD} Method parameters:\n   param name: a | type: string | description: Use `x | y` or [p | q](https://u) | or not.  | required: true  \n   param name: b | type: string | description: \n   param name: c | type: integer\n"
    );
    let (method, _) = one_method(&page(&rest, ""));
    let params = method.rest.unwrap().params;
    let a = params.get("a").unwrap();
    assert_eq!(a.description, "Use `x | y` or [p | q](https://u) | or not.");
    assert!(a.required);
    assert_eq!(params.get("b").unwrap().description, "");
    assert!(!params.get("b").unwrap().required);
    assert_eq!(params.get("c").unwrap().ty, Type::Integer);
}

#[test]
fn one_of_groups_with_and_without_required() {
    let rest = format!(
        "{REST_HEAD} Method parameters:\n   param name: booking | type: Booking\n        - name: total | type: integer\n     - ONE-OF: - required: true\n        - name: slot | type: string\n        - name: schedule | type: string\n     - ONE-OF:\n        - name: email | type: string\n        - name: phone | type: string\n"
    );
    let (method, _) = one_method(&page(&rest, ""));
    let rest = method.rest.unwrap();
    let Some(TypeDef::Struct(booking)) = rest.types.get("Booking") else {
        panic!()
    };
    let groups: Vec<(u32, bool)> = booking.one_ofs.iter().map(|g| (g.id, g.required)).collect();
    assert_eq!(groups, [(1, true), (2, false)]);
    let membership: Vec<(&str, Option<u32>)> = booking
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.one_of))
        .collect();
    assert_eq!(
        membership,
        [
            ("total", None),
            ("slot", Some(1)),
            ("schedule", Some(1)),
            ("email", Some(2)),
            ("phone", Some(2))
        ]
    );
}

#[test]
fn one_of_indentation_is_repaired_from_required_paths_and_other_expansions() {
    // The group sits at 4, its members at 5 and the parent's other fields at 8: indentation
    // alone puts `bookedEntity` and `status` under `schedule`.
    let rest = format!(
        "{REST_HEAD} Required parameters: booking.bookedEntity\n Method parameters:\n   param name: booking | type: Booking\n    - ONE-OF: - required: true\n     - name: slot | type: Slot\n        - name: slotId | type: string\n     - name: schedule | type: Schedule\n        - name: scheduleId | type: string\n        - name: bookedEntity | type: string\n        - name: status | type: string\n Return type: DoThingResponse\n  - name: booking | type: Booking\n     - name: slot | type: Slot\n     - name: schedule | type: Schedule\n     - name: bookedEntity | type: string\n     - name: status | type: string\n"
    );
    let (method, diagnostics) = one_method(&page(&rest, ""));
    let rest = method.rest.unwrap();
    let names = |def| {
        struct_fields(def)
            .into_iter()
            .map(|(n, _)| n)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(rest.types.get("Booking")),
        ["slot", "schedule", "bookedEntity", "status"]
    );
    assert_eq!(names(rest.types.get("Schedule")), ["scheduleId"]);
    assert!(warned(
        &diagnostics,
        "`bookedEntity`, `status` are indented under `booking.schedule`"
    ));
}

#[test]
fn a_required_path_does_not_move_a_correctly_nested_field() {
    // `field.type` is required; `field.plugins[].type` is a plugin's own field, nested where
    // it belongs. The parent already listing `type` (here), or another expansion of the
    // holder's type listing it (the return type below), says it stays.
    let listing = |parent_type: &str| {
        format!(
            "{REST_HEAD} Required parameters: field, field.type\n Method parameters:\n   param name: field | type: Field | required: true\n        - name: key | type: string\n{parent_type}        - name: plugins | type: array<FieldPlugin>\n           - name: name | type: string\n           - name: type | type: string\n Return type: DoThingResponse\n  - name: plugin | type: FieldPlugin\n     - name: name | type: string\n     - name: type | type: string\n"
        )
    };
    for parent_type in ["        - name: type | type: integer\n", ""] {
        let (method, diagnostics) = one_method(&page(&listing(parent_type), ""));
        let rest = method.rest.unwrap();
        let names = |def| {
            struct_fields(def)
                .into_iter()
                .map(|(n, _)| n)
                .collect::<Vec<_>>()
        };
        assert_eq!(names(rest.types.get("FieldPlugin")), ["name", "type"]);
        assert!(!names(rest.types.get("Field")).is_empty());
        assert!(!warned(&diagnostics, "moved"), "{diagnostics:?}");
    }
}

#[test]
fn fields_at_an_ambiguous_depth_go_to_the_parent_from_the_first_that_is_no_scalar() {
    // search-products: `cursorPaging` is stepped into by 2 and steps to its children by 3,
    // where `search`'s own fields are too; no example, no required path, no other expansion.
    let rest = format!(
        "{REST_HEAD} Method parameters:\n   param name: search | type: CursorSearch\n     - name: cursorPaging | type: CursorPaging\n        - name: limit | type: integer\n        - name: cursor | type: string\n        - name: filter | type: object\n        - name: sort | type: array<Sorting>\n           - name: fieldName | type: string\n        - name: aggregations | type: array<Aggregation>\n           - name: name | type: string\n        - name: timeZone | type: string\n   param name: even | type: Even\n        - name: paging | type: Paging\n           - name: limit | type: integer\n           - name: filter | type: object\n   param name: options | type: Options\n     - name: tag | type: string\n     - name: tree | type: Tree\n        - name: label | type: string\n        - name: parent | type: Tree\n"
    );
    let (method, diagnostics) = one_method(&page(&rest, ""));
    let rest = method.rest.unwrap();
    let names = |def| {
        struct_fields(def)
            .into_iter()
            .map(|(n, _)| n)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(rest.types.get("CursorSearch")),
        ["cursorPaging", "filter", "sort", "aggregations", "timeZone"]
    );
    assert_eq!(names(rest.types.get("CursorPaging")), ["limit", "cursor"]);
    assert!(warned(
        &diagnostics,
        "`filter`, `sort`, `aggregations`, `timeZone` are at the depth of both `search.cursorPaging`'s fields and `search`'s"
    ));
    // An even step (into `paging` by 3, out by 3) is no ambiguity, nor a holder beside which
    // a sibling shows the parent's own depth (`tag`).
    assert_eq!(names(rest.types.get("Paging")), ["limit", "filter"]);
    assert_eq!(names(rest.types.get("Tree")), ["label", "parent"]);
}

#[test]
fn nesting_is_repaired_from_example_json() {
    let rest = format!(
        "{REST_HEAD} Method parameters:\n   param name: query | type: Query\n     - name: paging | type: Paging\n        - name: limit | type: integer\n        - name: filter | type: object\n"
    );
    let text = page(&rest, "").replace(
        "```\n\n---",
        "```\n\n### Examples\n\n### Filter\n\n```curl\ncurl -X POST 'https://www.wixapis.com/things/v1/things' -d '{\"query\": {\"filter\": {}, \"paging\": {\"limit\": 1}}}'\n```\n\n---",
    );
    let (method, diagnostics) = one_method(&text);
    let rest = method.rest.unwrap();
    assert_eq!(struct_fields(rest.types.get("Query")).len(), 2);
    assert_eq!(
        struct_fields(rest.types.get("Paging")),
        [("limit".into(), "integer".into())]
    );
    assert!(warned(
        &diagnostics,
        "`filter` is indented under `query.paging`"
    ));
}

#[test]
fn inline_and_multi_line_enums() {
    let rest = format!(
        "{REST_HEAD} Method parameters:\n   param name: order | type: SortOrder\n          - enum: ASC, DESC\n   param name: status | type: Status\n          - enum:\n          -     ACTIVE: In use.\n          -     ARCHIVED\n          -     DELETED: Gone: for good.\n"
    );
    let (method, _) = one_method(&page(&rest, ""));
    let types = method.rest.unwrap().types;
    let Some(TypeDef::Enum(order)) = types.get("SortOrder") else {
        panic!()
    };
    assert_eq!(
        order.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(),
        ["ASC", "DESC"]
    );
    let Some(TypeDef::Enum(status)) = types.get("Status") else {
        panic!()
    };
    let values: Vec<(&str, &str)> = status
        .iter()
        .map(|v| (v.value.as_str(), v.description.as_str()))
        .collect();
    assert_eq!(
        values,
        [
            ("ACTIVE", "In use."),
            ("ARCHIVED", ""),
            ("DELETED", "Gone: for good.")
        ]
    );
}

#[test]
fn arrays_typed_and_bare() {
    let rest = format!(
        "{REST_HEAD} Method parameters:\n   param name: tags | type: array<string>\n   param name: items | type: array<Item>\n        - name: id | type: string\n   param name: loose | type: array\n"
    );
    let (method, diagnostics) = one_method(&page(&rest, ""));
    let rest = method.rest.unwrap();
    assert_eq!(rest.params.get("tags").unwrap().ty, ty("array<string>"));
    assert_eq!(rest.params.get("items").unwrap().ty, ty("array<Item>"));
    assert_eq!(
        struct_fields(rest.types.get("Item")),
        [("id".into(), "string".into())]
    );
    assert_eq!(rest.params.get("loose").unwrap().ty, ty("array<any>"));
    assert!(warned(&diagnostics, "types `loose` (REST): a bare `array`"));
}

#[test]
fn a_bare_array_is_typed_from_the_examples_wherever_its_type_is_used() {
    // `Thing` is met first under `first`, which the example leaves out; under `second` the
    // example shows `tags` holding strings.
    let rest = format!(
        "{REST_HEAD} Method parameters:\n   param name: first | type: Thing\n        - name: tags | type: array\n   param name: second | type: Thing\n Return type: DoThingResponse\n  - name: thing | type: Thing\n"
    );
    let text = page(&rest, "").replacen(
        "```\n\n---",
        "```\n\n### Examples\n\n### One\n\n```curl\ncurl -X POST 'https://www.wixapis.com/things/v1/things' -d '{\"second\": {\"tags\": [\"a\"]}}'\n```\n\n---",
        1,
    );
    let (method, diagnostics) = one_method(&text);
    assert_eq!(
        struct_fields(method.rest.unwrap().types.get("Thing")),
        [("tags".into(), "array<string>".into())]
    );
    assert!(!warned(&diagnostics, "bare `array`"), "{diagnostics:?}");
}

#[test]
fn a_bare_array_over_an_enum_block_is_an_array_of_that_enum() {
    let rest = format!(
        "{REST_HEAD} Method parameters:\n   param name: kinds | type: array | description: Kinds.\n      - enum: BIG, SMALL\n"
    );
    let (method, diagnostics) = one_method(&page(&rest, ""));
    let rest = method.rest.unwrap();
    assert_eq!(rest.params.get("kinds").unwrap().ty, ty("array<Kinds>"));
    assert!(matches!(rest.types.get("Kinds"), Some(TypeDef::Enum(values)) if values.len() == 2));
    assert!(
        !diagnostics.iter().any(|d| d.message.contains("kinds")),
        "{diagnostics:?}"
    );
}

#[test]
fn a_named_response_both_listings_leave_empty_is_an_empty_object() {
    // REST names the response and lists nothing; the SDK returns a bare `PROMISE`: a delete.
    let rest = format!("{REST_HEAD} Method parameters:\n Return type: DoThingResponse\n");
    let sdk = format!("{SDK_HEAD} Method parameters:\n Return type: PROMISE\n");
    let (method, diagnostics) = one_method(&page(&rest, &sdk));
    let rest = method.rest.unwrap();
    assert!(matches!(
        rest.types.get("DoThingResponse"),
        Some(TypeDef::Struct(fields)) if fields.fields.is_empty()
    ));
    assert!(!warned(&diagnostics, "DoThingResponse"), "{diagnostics:?}");
    // Without the SDK's word, a named type with no fields may be a listing cut short.
    let rest = format!("{REST_HEAD} Method parameters:\n Return type: DoThingResponse\n");
    let (_, diagnostics) = read(&page(&rest, ""));
    assert!(
        warned(&diagnostics, "never lists its fields"),
        "{diagnostics:?}"
    );
}

#[test]
fn return_types_named_promise_and_promise_of() {
    let rest = format!("{REST_HEAD} Method parameters:\n Return type: DoThingResponse\n  - name: thing | type: Thing\n     - name: id | type: string\n");
    let sdk_bare = format!("{SDK_HEAD} Method parameters:\n   param name: thingId | type: string\n   param name: options | type: DoThingOptions  none\n     - name: note | type: string\n Return type: PROMISE\n  - name: thing | type: Thing\n     - name: _id | type: string\n");
    let (method, _) = one_method(&page(&rest, &sdk_bare));
    let sdk = method.sdk.unwrap();
    let returns = sdk.returns.unwrap();
    assert_eq!(returns.declared, "PROMISE");
    assert_eq!(
        returns.ty,
        Some(ty("DoThingResponse")),
        "a bare PROMISE takes the REST name"
    );
    assert_eq!(
        struct_fields(sdk.types.get("Thing")),
        [("_id".into(), "string".into())]
    );

    let sdk_of = sdk_bare.replace("PROMISE\n", "PROMISE<Thing>\n").replace(
        "  - name: thing | type: Thing\n     - name: _id",
        "  - name: _id",
    );
    let (method, _) = one_method(&page(&rest, &sdk_of));
    let returns = method.sdk.unwrap().returns.unwrap();
    assert_eq!(
        (returns.declared.as_str(), returns.ty),
        ("PROMISE<Thing>", Some(ty("Thing")))
    );

    let sdk_void = format!("{SDK_HEAD} Method parameters:\n   param name: thingId | type: string\n   param name: options | type: DoThingOptions\n     - name: note | type: string\n Return type: PROMISE\n");
    let (method, _) = one_method(&page(&rest, &sdk_void));
    assert_eq!(method.sdk.unwrap().returns.unwrap().ty, None);
}

#[test]
fn possible_errors() {
    let rest = format!("{REST_HEAD} Method parameters:\n Possible Errors:\n   HTTP Code: 428 | Status Code: FAILED_PRECONDITION | Application Code: NOT_ELIGIBLE | Description: Not eligible | see `a | b`.\n   HTTP Code: 404 | Status Code: NOT_FOUND | Application Code: MISSING | Description: \n");
    let (method, _) = one_method(&page(&rest, ""));
    let errors = method.rest.unwrap().errors;
    assert_eq!(errors.len(), 2);
    assert_eq!(
        (
            errors[0].http_code,
            errors[0].status.as_str(),
            errors[0].code.as_str()
        ),
        (428, "FAILED_PRECONDITION", "NOT_ELIGIBLE")
    );
    assert_eq!(errors[0].description, "Not eligible | see `a | b`.");
    assert_eq!(
        (errors[1].code.as_str(), errors[1].description.as_str()),
        ("MISSING", "")
    );
}

#[test]
fn curl_and_javascript_examples() {
    let rest = format!("{REST_HEAD} Method parameters:\n   param name: name | type: string\n");
    let sdk = format!("{SDK_HEAD} Method parameters:\n   param name: thingId | type: string\n   param name: options | type: DoThingOptions\n     - name: name | type: string\n");
    let text = page(&rest, &sdk)
        .replacen(
            "```\n\n---",
            "```\n\n### Examples\n\n### Make one.\nMakes a thing.\n\n```curl\ncurl -X POST \\\n'https://www.wixapis.com/things/v1/things' \\\n-H 'Authorization: <AUTH>' \\\n-d '{\n  \"name\": \"x\", \"extra\": [1]\n}'\n```\n\n---",
            1,
        )
        .replace("```\n\n---\n", "```\n\n### Examples\n\n### doThing\n```javascript\nawait things.doThing(id);\n```\n\n---\n");
    let (method, diagnostics) = one_method(&text);
    let example = &method.rest.as_ref().unwrap().examples[0];
    assert_eq!(
        (example.title.as_str(), example.description.as_str()),
        ("Make one.", "Makes a thing.")
    );
    assert_eq!(
        (example.http_method, example.url.as_str()),
        (HttpMethod::Post, "https://www.wixapis.com/things/v1/things")
    );
    assert_eq!(example.body.as_ref().unwrap()["name"], "x");
    assert!(warned(
        &diagnostics,
        "example field `extra` of `doThing` is not documented"
    ));
    let js = &method.sdk.unwrap().examples[0];
    assert_eq!(
        (js.title.as_str(), js.language.as_str(), js.code.as_str()),
        ("doThing", "javascript", "await things.doThing(id);")
    );
}

#[test]
fn several_pages_in_one_file() {
    let first = page(&format!("{REST_HEAD} Method parameters:\n"), "");
    let second = first
        .replace("# DoThing", "# DoOther")
        .replace("doThing", "doOther");
    let (document, diagnostics) = read(&format!("{first}\n{second}"));
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
    assert_eq!(document.pages, 2);
    let names: Vec<&str> = document.methods.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["DoThing", "DoOther"]);
}

#[test]
fn flattened_page_nesting_is_inferred() {
    let rest = format!(
        "{REST_HEAD} Method parameters:\n   param name: thing | type: Thing\n     - name: id | type: string\n     - name: kind | type: Kind\n          - enum:\n          -     BIG: Big.\n          -     SMALL\n     - name: size | type: integer\n Return type: DoThingResponse\n  - name: thing | type: Thing\n"
    );
    let text = page(&rest, "");
    let flattened = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let (restored, _) = one_method(&text);
    let (inferred, diagnostics) = one_method(&flattened);
    assert_eq!(inferred, restored);
    assert!(diagnostics.iter().all(|d| d.location.line == 1));
}

#[test]
fn named_type_expanded_once_is_resolved_by_name_later() {
    let rest = format!(
        "{REST_HEAD} Method parameters:\n   param name: from | type: Address\n     - name: city | type: string\n   param name: to | type: Address\n"
    );
    let (method, diagnostics) = one_method(&page(&rest, ""));
    let rest = method.rest.unwrap();
    assert_eq!(rest.params.get("to").unwrap().ty, ty("Address"));
    assert_eq!(
        struct_fields(rest.types.get("Address")),
        [("city".into(), "string".into())]
    );
    assert!(!warned(&diagnostics, "never expanded"));
}

#[test]
fn a_type_expanded_twice_with_different_fields_is_their_union_without_a_warning() {
    // A request listing leaves out the read-only fields the response lists: no conflict.
    let rest = format!(
        "{REST_HEAD} Method parameters:\n   param name: from | type: Address\n     - name: city | type: string\n     - name: tags | type: array\n Return type: DoThingResponse\n  - name: to | type: Address\n     - name: city | type: string\n     - name: zip | type: string\n     - name: tags | type: array<string>\n"
    );
    let (method, diagnostics) = one_method(&page(&rest, ""));
    let rest = method.rest.unwrap();
    assert_eq!(
        struct_fields(rest.types.get("Address")),
        [
            ("city".into(), "string".into()),
            ("tags".into(), "array<string>".into()),
            ("zip".into(), "string".into())
        ],
        "the union, a bare `array` typed by the expansion that says more"
    );
    assert!(!warned(&diagnostics, "expanded more than once"));
}

#[test]
fn a_type_expanded_twice_with_a_field_typed_two_ways_is_warned_of() {
    let rest = format!(
        "{REST_HEAD} Method parameters:\n   param name: from | type: Address\n     - name: zip | type: string\n Return type: DoThingResponse\n  - name: to | type: Address\n     - name: zip | type: integer\n     - name: city | type: string\n"
    );
    let (method, diagnostics) = one_method(&page(&rest, ""));
    assert_eq!(
        struct_fields(method.rest.unwrap().types.get("Address")),
        [
            ("zip".into(), "string".into()),
            ("city".into(), "string".into())
        ]
    );
    assert!(warned(
        &diagnostics,
        "type `Address` is expanded more than once with contradicting contents; merged: `zip` is `string` in one and `integer` in another (kept `string`)"
    ));
    let merges = diagnostics
        .iter()
        .filter(|d| d.message.contains("expanded more than once"));
    assert_eq!(merges.count(), 1, "only the contradiction: {diagnostics:?}");
}

#[test]
fn placeholders_resolve_from_sdk_then_examples_then_fall_back() {
    let rest = format!(
        "{REST_HEAD} Method parameters:\n   param name: thingId | type: thingId\n   param name: labels | type: array<labels>\n   param name: extra | type: extra\n   param name: filter | type: array<filter>\n        - name: key | type: string\n"
    );
    let sdk = format!(
        "{SDK_HEAD} Method parameters:\n   param name: thingId | type: string\n   param name: options | type: DoThingOptions\n     - name: labels | type: array\n     - name: extra | type: array\n     - name: filter | type: array<Filter>\n        - name: key | type: string\n"
    );
    let text = page(&rest, &sdk).replacen(
        "```\n\n---",
        "```\n\n### Examples\n\n### One\n\n```curl\ncurl -X POST 'https://www.wixapis.com/things/v1/things' -d '{\"thingId\": \"t\", \"labels\": [\"a\", \"b\"]}'\n```\n\n---",
        1,
    );
    let (method, diagnostics) = one_method(&text);
    let rest = method.rest.unwrap();
    assert_eq!(
        rest.params.get("thingId").unwrap().ty,
        Type::String,
        "from the SDK listing"
    );
    assert_eq!(
        rest.params.get("labels").unwrap().ty,
        ty("array<string>"),
        "from the examples"
    );
    assert_eq!(rest.params.get("extra").unwrap().ty, Type::Any, "fallback");
    assert!(warned(
        &diagnostics,
        "types `extra` (REST, SDK): a bare `array` or a placeholder"
    ));
    assert_eq!(
        rest.params.get("filter").unwrap().ty,
        ty("array<Filter>"),
        "named by the SDK"
    );
    assert_eq!(
        struct_fields(rest.types.get("Filter")),
        [("key".into(), "string".into())]
    );
    let sdk = method.sdk.unwrap();
    let Some(TypeDef::Struct(options)) = sdk.types.get("DoThingOptions") else {
        panic!()
    };
    assert_eq!(
        options.get("labels").unwrap().ty,
        ty("array<string>"),
        "SDK takes the REST type"
    );
}

#[test]
fn sdk_and_rest_fields_are_paired() {
    let rest = format!("{REST_HEAD} Method parameters:\n Return type: DoThingResponse\n  - name: thing | type: Thing\n     - name: id | type: string\n     - name: createdDate | type: string\n     - name: ownerId | type: string\n");
    let sdk = format!("{SDK_HEAD} Method parameters:\n   param name: thingId | type: string\n   param name: options | type: DoThingOptions\n     - name: note | type: string\n Return type: PROMISE<DoThingResponse>\n  - name: thing | type: Thing\n     - name: _id | type: string\n     - name: _createdDate | type: Date\n     - name: _ownerId | type: string\n");
    let (method, diagnostics) = one_method(&page(&rest, &sdk));
    let sdk = method.sdk.unwrap();
    let Some(TypeDef::Struct(thing)) = sdk.types.get("Thing") else {
        panic!()
    };
    let pairs: Vec<(&str, Option<&str>)> = thing
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.rest_name.as_deref()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("_id", Some("id")),
            ("_createdDate", Some("createdDate")),
            ("_ownerId", Some("ownerId"))
        ]
    );
    assert!(warned(
        &diagnostics,
        "SDK field `thing._ownerId` pairs with REST `ownerId`, a rename outside"
    ));
    assert_eq!(sdk.positional, ["thingId", "options"]);
}

#[test]
fn schema_url_differing_from_the_example_is_reported_and_the_public_one_used() {
    let rest =
        REST_HEAD.replace("things/v1/things", "v1/things/{thing.id}") + " Method parameters:\n";
    let text = page(&rest, "").replacen(
        "```\n\n---",
        "```\n\n### Examples\n\n### One\n\n```curl\ncurl -X POST 'https://www.wixapis.com/things-service/v1/things/123'\n```\n\n---",
        1,
    );
    let (method, diagnostics) = one_method(&text);
    let rest = method.rest.unwrap();
    assert_eq!(
        rest.url,
        "https://www.wixapis.com/things-service/v1/things/{thing.id}"
    );
    assert_eq!(
        rest.documented_url.as_deref(),
        Some("https://www.wixapis.com/v1/things/{thing.id}")
    );
    assert!(warned(&diagnostics, "is an internal path"));
}

#[test]
fn required_paths_the_listing_never_shows_are_reported() {
    let rest = REST_HEAD.to_string() + " Required parameters: thing.ghost\n Method parameters:\n   param name: thing | type: Thing\n     - name: id | type: string\n";
    let (_, diagnostics) = one_method(&page(&rest, ""));
    assert!(warned(
        &diagnostics,
        "requires `thing.ghost`, which it does not document"
    ));
}

#[test]
fn malformed_lines_are_errors_with_file_line_column_and_expectation() {
    let rest = format!("{REST_HEAD} Method parameters:\n   param name: a | description: no type\n   param name: b | type: array<string\n");
    let (document, diagnostics) = read(&page(&rest, ""));
    assert!(document.methods.is_empty());
    assert_eq!(document.skipped.len(), 1);
    let rendered: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert_eq!(rendered.len(), 2, "{rendered:?}");
    assert!(
        rendered[0].starts_with("error: page.md:28:4: field `a` has no type"),
        "{}",
        rendered[0]
    );
    assert!(rendered[0].contains("| param name: a | description: no type"));
    assert!(rendered[0].contains("= expected: `| type: <type>` after the name"));
    assert!(
        rendered[1].starts_with("error: page.md:29:4: field `b` has an unknown type"),
        "{}",
        rendered[1]
    );
}

#[test]
fn pages_missing_their_parts_are_errors() {
    let (document, diagnostics) = read("# Lonely\n\nSome text.\n");
    assert!(document.methods.is_empty());
    let messages: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        messages.contains(&"page `Lonely` lacks a heading"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"a page without an API section"),
        "{messages:?}"
    );

    let unclosed =
        page(&format!("{REST_HEAD} Method parameters:\n"), "").replace("\n```\n\n---", "\n");
    let (_, diagnostics) = read(&unclosed);
    assert!(diagnostics
        .iter()
        .any(|d| d.is_error() && d.message == "a code block that is never closed"));
}

#[test]
fn a_list_of_paths_that_rest_documents_as_a_string_is_a_field_mask() {
    let rest = format!("{REST_HEAD} Method parameters:\n   param name: fieldMask | type: string | description: Fields to update.\n");
    let sdk = format!("{SDK_HEAD} Method parameters:\n   param name: thingId | type: string\n   param name: options | type: DoThingOptions\n     - name: fieldMask | type: array<string> | description: Fields to update.\n     - name: tags | type: array<string> | description: Tags.\n");
    let (method, _) = one_method(&page(&rest, &sdk));
    let sdk = method.sdk.unwrap();
    let Some(TypeDef::Struct(options)) = sdk.types.get("DoThingOptions") else {
        panic!()
    };
    assert!(options.get("fieldMask").unwrap().field_mask);
    assert!(
        !options.get("tags").unwrap().field_mask,
        "no REST counterpart: a plain list"
    );
}

#[test]
fn a_list_named_as_a_mask_is_a_field_mask_on_both_sides() {
    // As the corpus pages list `bulkUpdateServices`' `mask`: a bare `array` on both sides,
    // which the JS SDK sends as one string (`"_updatedDate,title"`).
    let rest = format!("{REST_HEAD} Method parameters:\n   param name: mask | type: array | description: Explicit list of fields to update.\n   param name: tags | type: array\n");
    let sdk = format!("{SDK_HEAD} Method parameters:\n   param name: thingId | type: string\n   param name: options | type: DoThingOptions\n     - name: mask | type: array | description: Explicit list of fields to update.\n");
    let (method, _) = one_method(&page(&rest, &sdk));
    let rest = method.rest.unwrap();
    let mask = rest.params.get("mask").unwrap();
    assert!(mask.field_mask);
    assert_eq!(mask.ty, ty("array<string>"));
    assert!(!rest.params.get("tags").unwrap().field_mask);
    let sdk = method.sdk.unwrap();
    let Some(TypeDef::Struct(options)) = sdk.types.get("DoThingOptions") else {
        panic!()
    };
    assert!(options.get("mask").unwrap().field_mask);
}

#[test]
fn fields_only_the_examples_or_required_parameters_use_are_added_and_marked() {
    let rest = format!(
        "{REST_HEAD} Required parameters: query, query.token\n Method parameters:\n   param name: query | type: Query | required: true\n     - name: limit | type: integer\n"
    );
    let text = page(&rest, "").replace(
        "```\n\n---",
        "```\n\n### Examples\n\n### Query\n\n```curl\ncurl -X POST 'https://www.wixapis.com/things/v1/things' -d '{\"query\": {\"limit\": 1, \"cursor\": \"abc\", \"fields\": [\"a\", \"b\"], \"ratio\": 0.5}, \"dryRun\": true}'\n```\n\n---",
    );
    let (method, diagnostics) = one_method(&text);
    let rest = method.rest.unwrap();
    let inferred = |fields: &wixgen::schema::Fields| -> Vec<(String, String, bool)> {
        fields
            .fields
            .iter()
            .filter(|f| f.inferred)
            .map(|f| (f.name.clone(), f.ty.to_string(), f.required))
            .collect()
    };
    let Some(TypeDef::Struct(query)) = rest.types.get("Query") else {
        panic!()
    };
    assert_eq!(
        inferred(query),
        [
            ("token".into(), "any".into(), true),
            ("cursor".into(), "string".into(), false),
            ("fields".into(), "array<string>".into(), false),
            ("ratio".into(), "number".into(), false),
        ]
    );
    assert_eq!(
        inferred(&rest.params),
        [("dryRun".into(), "boolean".into(), false)]
    );
    assert!(query
        .get("cursor")
        .unwrap()
        .description
        .contains("inferred from the page's example"));
    assert!(warned(&diagnostics, "example field `query.cursor` of `doThing` is not documented in the REST listing; added as `string`"));
    assert!(warned(
        &diagnostics,
        "requires `query.token`, which it does not document; added as any JSON value"
    ));

    // An override takes them out again.
    let mut packages = std::collections::BTreeMap::from([(
        "things".to_string(),
        wixgen::schema::Package {
            package: "things".into(),
            methods: vec![wixgen::schema::Method {
                rest: Some(rest),
                ..method
            }],
        },
    )]);
    let patches = wixgen::overrides::parse(
        "- method: DoThing\n  infer_fields: false\n",
        std::path::Path::new("overrides.yaml"),
    )
    .unwrap();
    let (applied, errors) = wixgen::overrides::apply(
        &patches,
        &mut packages,
        std::path::Path::new("overrides.yaml"),
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert!(
        applied[0].contains("5 inferred fields left out"),
        "{applied:?}"
    );
    let rest = packages["things"].methods[0].rest.as_ref().unwrap();
    assert!(rest.params.fields.iter().all(|f| !f.inferred));
}

/// A page whose SDK listing gives a string for REST's `Image`, an address under the SDK's own
/// key names, and returns one field of the REST response.
const CONVERTED_PAGE_REST: &str = " Method parameters:\n   param name: thing | type: Thing\n     - name: cover | type: Image\n        - name: id | type: string\n        - name: url | type: string\n        - name: height | type: integer\n        - name: width | type: integer\n     - name: gallery | type: array<Image>\n     - name: page | type: PageUrlV2\n        - name: relativePath | type: string\n        - name: url | type: string\n     - name: address | type: Address\n        - name: city | type: string\n        - name: formattedAddress | type: string\n Return type: DoThingResponse\n  - name: thing | type: Thing\n";
const CONVERTED_PAGE_SDK: &str = " Method parameters:\n   param name: thing | type: Thing\n     - name: cover | type: string\n     - name: gallery | type: array<string>\n     - name: page | type: string\n     - name: address | type: Address\n        - name: city | type: string\n        - name: formatted | type: string\n Return type: PROMISE<Thing>\n";

/// [`CONVERTED_PAGE_REST`] and [`CONVERTED_PAGE_SDK`] as a page.
fn converted_page() -> String {
    page(
        &format!("{REST_HEAD}{CONVERTED_PAGE_REST}"),
        &format!("{SDK_HEAD}{CONVERTED_PAGE_SDK}"),
    )
}

#[test]
fn sdk_strings_for_rest_media_and_addresses_under_sdk_names_carry_their_conversion() {
    let (method, _) = one_method(&converted_page());
    let sdk = method.sdk.unwrap();
    let Some(TypeDef::Struct(thing)) = sdk.types.get("Thing") else {
        panic!()
    };
    let conversions: Vec<(&str, String, Option<&str>)> = thing
        .fields
        .iter()
        .map(|f| {
            (
                f.name.as_str(),
                f.ty.to_string(),
                f.conversion.map(|c| c.as_str()),
            )
        })
        .collect();
    assert_eq!(
        conversions,
        [
            ("cover", "string".into(), Some("image")),
            ("gallery", "array<string>".into(), Some("image")),
            ("page", "string".into(), Some("page_url_v2")),
            ("address", "Address".into(), Some("address")),
        ],
        "the SDK keeps its own types; the conversion says how they travel"
    );
    let rest = method.rest.unwrap();
    let Some(TypeDef::Struct(rest_thing)) = rest.types.get("Thing") else {
        panic!()
    };
    assert!(rest_thing.fields.iter().all(|f| f.conversion.is_none()));
}

#[test]
fn a_uint8array_is_bytes_as_a_base64_string_without_the_typed_arrays_properties() {
    // As forms_submissions' `downloadSubmission` lists its response's `body` on both sides.
    let returns = " Return type: RawHttpResponse\n  - name: body | type: Uint8Array | description:  \n     - name: BYTES_PER_ELEMENT | type: integer | description: The size in bytes of each element in the array. \n     - name: buffer | type: object | description: The ArrayBuffer instance referenced by the array. \n     - name: length | type: integer | description: The length of the array. \n  - name: chunks | type: array<Uint8Array>\n";
    let rest = format!("{REST_HEAD}{returns}");
    let sdk = format!(
        "{SDK_HEAD}{}",
        returns.replace("RawHttpResponse", "PROMISE<RawHttpResponse>")
    );
    let (method, diagnostics) = one_method(&page(&rest, &sdk));
    let (rest, sdk) = (method.rest.unwrap(), method.sdk.unwrap());
    for types in [&rest.types, &sdk.types] {
        assert_eq!(
            struct_fields(types.get("RawHttpResponse")),
            [
                ("body".to_string(), "string".to_string()),
                ("chunks".to_string(), "array<string>".to_string()),
            ]
        );
        assert!(!types.contains_key("Uint8Array"));
    }
    assert!(
        !diagnostics.iter().any(|d| d.message.contains("Uint8Array")),
        "{diagnostics:?}"
    );
}

//! Every real page in `../shared/wix-docs/` imports without errors, with facts checked.

mod support;

use wixgen::import;
use wixgen::schema::{Method, Type, TypeDef};

fn imported() -> Option<Vec<Method>> {
    let dir = support::shared_docs("shared_docs")?;
    let result = import::import(&[dir], None).expect("the pages are readable");
    let errors = result.error_messages();
    assert!(errors.is_empty(), "errors:\n{}", errors.join("\n"));
    assert!(result.skipped.is_empty(), "skipped: {:?}", result.skipped);
    Some(
        result
            .packages
            .into_values()
            .flat_map(|p| p.methods)
            .collect(),
    )
}

fn method<'m>(methods: &'m [Method], name: &str) -> &'m Method {
    methods
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("{name} was not imported"))
}

fn enum_values(def: Option<&TypeDef>) -> Vec<&str> {
    match def {
        Some(TypeDef::Enum(values)) => values.iter().map(|v| v.value.as_str()).collect(),
        other => panic!("not an enum: {other:?}"),
    }
}

fn field_names(def: Option<&TypeDef>) -> Vec<&str> {
    match def {
        Some(TypeDef::Struct(fields)) => fields.fields.iter().map(|f| f.name.as_str()).collect(),
        other => panic!("not a struct: {other:?}"),
    }
}

#[test]
fn every_page_imports_as_a_method_with_both_surfaces() {
    let Some(methods) = imported() else { return };
    let mut names: Vec<&str> = methods.iter().map(|m| m.name.as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "CreateReferredFriend",
            "GetAvailabilityTimeSlot",
            "QueryResourceTypes"
        ]
    );
    for method in &methods {
        assert!(
            method.rest.is_some() && method.sdk.is_some(),
            "{} lacks a surface",
            method.name
        );
        assert!(
            !method.permission_scopes.is_empty(),
            "{} lacks scopes",
            method.name
        );
    }
}

#[test]
fn get_availability_time_slot_facts() {
    let Some(methods) = imported() else { return };
    let method = method(&methods, "GetAvailabilityTimeSlot");
    let sdk = method.sdk.as_ref().unwrap();
    assert_eq!(
        sdk.positional,
        [
            "serviceId",
            "localStartDate",
            "localEndDate",
            "timeZone",
            "location",
            "options"
        ]
    );
    let rest = method.rest.as_ref().unwrap();
    assert_eq!(rest.errors.len(), 4);
    assert_eq!(
        rest.errors
            .iter()
            .map(|e| (e.http_code, e.code.as_str()))
            .collect::<Vec<_>>(),
        [
            (403, "UNAUTHORIZED_OPERATION"),
            (404, "MULTIPLE_IMPLEMENTERS_FOUND"),
            (404, "NO_IMPLEMENTERS_FOUND"),
            (404, "SLOT_NOT_FOUND")
        ]
    );
    assert_eq!(sdk.errors, rest.errors);
    assert_eq!(
        enum_values(rest.types.get("LocationType")),
        ["BUSINESS", "CUSTOM", "CUSTOMER"]
    );
    assert_eq!(
        enum_values(sdk.types.get("LocationType")),
        ["BUSINESS", "CUSTOM", "CUSTOMER"]
    );
    // Placeholders resolved: `serviceId` from the SDK listing, `resourceIds` from the examples,
    // and `includeResourceTypeIds`, which nothing on the page types, as ids: GUID strings.
    assert_eq!(rest.params.get("serviceId").unwrap().ty, Type::String);
    let ids = Type::Array(Box::new(Type::String));
    assert_eq!(rest.params.get("includeResourceTypeIds").unwrap().ty, ids);
    let sdk_options = match sdk.types.get("GetAvailabilityTimeSlotOptions") {
        Some(TypeDef::Struct(fields)) => fields,
        other => panic!("{other:?}"),
    };
    assert_eq!(sdk_options.get("includeResourceTypeIds").unwrap().ty, ids);
    let dir = support::shared_docs("shared_docs").unwrap();
    let result = import::import(&[dir.join("get-availability-time-slot.md")], None).unwrap();
    assert!(result
        .diagnostics
        .iter()
        .any(|d| !d.is_error() && d.message.contains("as a field named for ids")));
    assert!(rest.params.get("serviceId").unwrap().required);
    assert_eq!(
        rest.params.get("resourceTypes").unwrap().ty,
        Type::parse("array<ResourceType>").unwrap()
    );
    assert_eq!(
        field_names(rest.types.get("ResourceType")),
        ["resourceTypeId", "resourceIds"]
    );
    let TypeDef::Struct(filter) = &rest.types["ResourceType"] else {
        unreachable!()
    };
    assert_eq!(
        filter.get("resourceIds").unwrap().ty,
        Type::Array(Box::new(Type::String))
    );
    let TypeDef::Struct(sdk_filter) = &sdk.types["ResourceType"] else {
        panic!("SDK ResourceType")
    };
    assert_eq!(
        sdk_filter.get("resourceIds").unwrap().ty,
        Type::Array(Box::new(Type::String))
    );
    assert_eq!(
        rest.required,
        ["serviceId", "localStartDate", "localEndDate"]
    );
    assert_eq!(
        sdk.required,
        [
            "serviceId",
            "localStartDate",
            "localEndDate",
            "timeZone",
            "location"
        ]
    );
    // The SDK's `_id` pairs with REST `id`; its `Date` stays a Date.
    let TypeDef::Struct(location) = &sdk.types["Location"] else {
        panic!("SDK Location")
    };
    assert_eq!(
        location.get("_id").unwrap().rest_name.as_deref(),
        Some("id")
    );
    let TypeDef::Struct(violations) = &sdk.types["BookingPolicyViolations"] else {
        panic!()
    };
    assert_eq!(
        violations.get("earliestBookingDate").unwrap().ty,
        Type::Date
    );
    assert_eq!(rest.examples.len(), 2);
    assert_eq!(
        rest.examples[1].body.as_ref().unwrap()["serviceId"],
        "27f2fb02-8925-4ede-be26-991411d6c905"
    );
}

#[test]
fn query_resource_types_facts() {
    let Some(methods) = imported() else { return };
    let method = method(&methods, "QueryResourceTypes");
    let rest = method.rest.as_ref().unwrap();
    assert_eq!(enum_values(rest.types.get("SortOrder")), ["ASC", "DESC"]);
    assert_eq!(
        field_names(rest.types.get("CursorPaging")),
        ["limit", "cursor"]
    );
    assert_eq!(
        field_names(rest.types.get("CursorQuery")),
        ["cursorPaging", "filter", "sort"]
    );
    assert_eq!(
        field_names(rest.types.get("CursorPagingMetadata")),
        ["count", "cursors", "hasNext"]
    );
    assert_eq!(field_names(rest.types.get("Cursors")), ["next", "prev"]);
    assert_eq!(
        field_names(rest.types.get("Sorting")),
        ["fieldName", "order"]
    );
    let sdk = method.sdk.as_ref().unwrap();
    assert_eq!(sdk.positional, ["query"]);
    assert_eq!(
        sdk.returns.as_ref().unwrap().declared,
        "PROMISE<QueryResourceTypesResponse>"
    );
    assert_eq!(
        field_names(sdk.types.get("ResourceTypeQuery")),
        ["cursorPaging", "filter", "sort"]
    );
    assert!(sdk.params.get("query").unwrap().required);
}

#[test]
fn create_referred_friend_uses_the_public_url() {
    let Some(methods) = imported() else { return };
    let rest = method(&methods, "CreateReferredFriend")
        .rest
        .clone()
        .unwrap();
    assert_eq!(
        rest.url,
        "https://www.wixapis.com/referral_friends/v1/referred-friends"
    );
    assert_eq!(
        rest.documented_url.as_deref(),
        Some("https://www.wixapis.com/v1/referred-friends")
    );
    assert_eq!(rest.params.get("referralCode").unwrap().ty, Type::String);
}

/// The corpus of whole packages beside the pages (`../shared/wix-sdk-corpus/pages`): every page
/// imports without errors, and no field lands deeper than the page puts it.
#[test]
fn the_corpus_imports_without_errors_and_fields_land_where_the_page_puts_them() {
    let Some(docs) = support::shared_docs("corpus") else {
        return;
    };
    let corpus = docs.join("../wix-sdk-corpus/pages");
    if !corpus.is_dir() {
        eprintln!("SKIPPED corpus: {} is absent", corpus.display());
        return;
    }
    let result =
        import::import(std::slice::from_ref(&corpus), None).expect("the pages are readable");
    let errors = result.error_messages();
    assert!(errors.is_empty(), "errors:\n{}", errors.join("\n"));
    assert!(result.skipped.is_empty(), "skipped: {:?}", result.skipped);
    let methods: Vec<Method> = result
        .packages
        .into_values()
        .flat_map(|p| p.methods)
        .collect();
    let search = method(&methods, "SearchProducts");
    for types in [
        &search.rest.as_ref().unwrap().types,
        &search.sdk.as_ref().unwrap().types,
    ] {
        let fields = field_names(types.get("CommonCursorSearch"));
        for name in ["cursorPaging", "filter", "sort", "aggregations"] {
            assert!(fields.contains(&name), "{fields:?}");
        }
        assert_eq!(
            field_names(types.get("CommonCursorPaging")),
            ["limit", "cursor"]
        );
    }
}

//! Addresses as the JavaScript SDK converts them: the same object on both sides, three keys named
//! the SDK's own way, and the keys the SDK reads from REST but does not send back (measured in
//! the recorded corpus).

use serde_json::Value;

/// SDK key → REST key.
const RENAMED: [(&str, &str); 3] = [
    ("formatted", "formattedAddress"),
    ("location", "geocode"),
    ("addressLine1", "addressLine"),
];

/// SDK keys the JavaScript SDK never sends: `addressLine` (what it sends under that name is
/// `addressLine1`) and the full names REST derives from the codes.
const NOT_SENT: [&str; 3] = ["addressLine", "countryFullname", "subdivisionFullname"];

/// REST address → the SDK's names (`formattedAddress` → `formatted`, `geocode` → `location`,
/// `addressLine` → `addressLine1`); every other key as it is.
pub fn address_to_sdk(rest: Value) -> Option<Value> {
    let Value::Object(mut address) = rest else {
        return Some(rest);
    };
    for (sdk, rest) in RENAMED {
        if let Some(value) = address.remove(rest) {
            address.insert(sdk.to_string(), value);
        }
    }
    Some(Value::Object(address))
}

/// SDK address → REST's names, without the keys the SDK does not send.
pub fn address_to_rest(sdk: Value) -> Option<Value> {
    let Value::Object(mut address) = sdk else {
        return Some(sdk);
    };
    for key in NOT_SENT {
        address.remove(key);
    }
    for (sdk, rest) in RENAMED {
        if let Some(value) = address.remove(sdk) {
            address.insert(rest.to_string(), value);
        }
    }
    Some(Value::Object(address))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn responses_take_the_sdk_names() {
        // business-tools_locations/addLocationType__full `location.address`
        let rest = json!({"country": "US", "city": "city-11",
            "streetAddress": {"number": "number-13", "name": "name-14", "apt": "apt-15"},
            "formattedAddress": "formattedAddress-16", "hint": "hint-17",
            "geocode": {"latitude": 18.25, "longitude": 19.25}});
        assert_eq!(
            address_to_sdk(rest),
            Some(json!({"country": "US", "city": "city-11",
                "streetAddress": {"number": "number-13", "name": "name-14", "apt": "apt-15"},
                "formatted": "formattedAddress-16", "hint": "hint-17",
                "location": {"latitude": 18.25, "longitude": 19.25}}))
        );
        // ecom_cart/addToCart__full: the full names are returned.
        let rest = json!({"addressLine": "addressLine-661", "addressLine2": "addressLine2-662",
            "countryFullname": "countryFullname-665"});
        assert_eq!(
            address_to_sdk(rest),
            Some(
                json!({"addressLine1": "addressLine-661", "addressLine2": "addressLine2-662",
                "countryFullname": "countryFullname-665"})
            )
        );
        assert_eq!(address_to_sdk(Value::Null), Some(Value::Null));
    }

    #[test]
    fn requests_take_the_rest_names_and_leave_out_what_the_sdk_does_not_send() {
        // bookings_services/bulkCreateServices__oneof2 `locations[].custom.address`
        let sdk = json!({"addressLine1": "addressLine1-25", "country": "US",
            "city": "city-28", "formatted": "formatted-30", "addressLine": "addressLine-31"});
        assert_eq!(
            address_to_rest(sdk),
            Some(json!({"addressLine": "addressLine1-25", "country": "US",
                "city": "city-28", "formattedAddress": "formatted-30"}))
        );
        // ecom_cart/createCart__full `cartInfo.contactInfo.address`
        let sdk = json!({"country": "US", "addressLine1": "addressLine1-237",
            "location": {"latitude": 39.25, "longitude": 40.25},
            "countryFullname": "countryFullname-241",
            "subdivisionFullname": "subdivisionFullname-242"});
        assert_eq!(
            address_to_rest(sdk),
            Some(json!({"country": "US", "addressLine": "addressLine1-237",
                "geocode": {"latitude": 39.25, "longitude": 40.25}}))
        );
    }
}

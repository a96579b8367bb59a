//! The facts the generator and the runtime share, written once: the generator (`wixgen`)
//! depends on this crate without its `client` feature and reads them from here, so generated
//! code and the runtime it calls cannot disagree on them. Nothing here needs a dependency.

/// The host every call goes to, as a literal for `concat!`.
macro_rules! api_host {
    () => {
        "www.wixapis.com"
    };
}

/// The host of every Wix REST URL.
pub const API_HOST: &str = api_host!();

/// Where calls go unless the client is given another base URL; documented URLs start with it.
pub const DEFAULT_BASE_URL: &str = concat!("https://", api_host!());

/// SDK names that travel under another REST name (`_id` as `id`, …): the runtime renames these at every
/// depth of every SDK call, as the JavaScript SDK does, so generated shapes need not list them.
pub const SDK_RENAMES: [(&str, &str); 3] = [
    ("_id", "id"),
    ("_createdDate", "createdDate"),
    ("_updatedDate", "updatedDate"),
];

/// The HTTP methods Wix REST endpoints use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    /// `GET`: the request travels in the query string.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`: the request travels in the query string.
    Delete,
}

impl HttpMethod {
    /// Every method, for code that must cover them all.
    pub const ALL: [HttpMethod; 5] = [
        HttpMethod::Get,
        HttpMethod::Post,
        HttpMethod::Put,
        HttpMethod::Patch,
        HttpMethod::Delete,
    ];

    /// The method named as HTTP writes it (`POST`); `None` for any other text.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|method| method.as_str() == text)
    }

    /// The name as HTTP writes it (`POST`), also the schema's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }

    /// The name of the runtime's `Endpoint` constructor for this method (`Endpoint::post`),
    /// which generated code calls.
    pub const fn endpoint_constructor(self) -> &'static str {
        match self {
            HttpMethod::Get => "get",
            HttpMethod::Post => "post",
            HttpMethod::Put => "put",
            HttpMethod::Patch => "patch",
            HttpMethod::Delete => "delete",
        }
    }

    /// GET and DELETE carry the request in the query string.
    pub const fn uses_query(self) -> bool {
        matches!(self, HttpMethod::Get | HttpMethod::Delete)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_parse_from_their_own_names_only() {
        for method in HttpMethod::ALL {
            assert_eq!(HttpMethod::parse(method.as_str()), Some(method));
        }
        assert_eq!(HttpMethod::parse("post"), None);
        assert_eq!(DEFAULT_BASE_URL, format!("https://{API_HOST}"));
    }
}

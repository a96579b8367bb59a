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

/// The values the JavaScript SDK converts between its own form and REST's: a string in the SDK
/// for an object in REST (media, page URLs), or an object whose keys the SDK names its own way
/// (addresses). The generator decides which fields carry one from the pairing of a page's two
/// listings; the runtime's `wire` modules convert, both ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Conversion {
    /// `wix:image://v1/<id>/<filename>#originWidth=…&originHeight=…` ↔ `{id, url, height, width,
    /// altText, filename}`.
    Image,
    /// `wix:video://v1/<id>/<filename>#posterUri=…&posterWidth=…&posterHeight=…` ↔ `{id,
    /// resolutions, filename, posters, …}`.
    VideoV2,
    /// `wix:audio://v1/<id>/<filename>#duration=…` ↔ `{id, url, filename, duration, …}`.
    Audio,
    /// `wix:document://v1/<id>/<filename>` ↔ `{id, url, filename, …}`.
    Document,
    /// A page URL `http://<base><path>` ↔ `{base, path}`.
    PageUrl,
    /// A page URL ↔ `{relativePath, url}`.
    PageUrlV2,
    /// An address with the SDK's key names (`formatted`, `location`, `addressLine1`) ↔ REST's
    /// (`formattedAddress`, `geocode`, `addressLine`).
    Address,
}

impl Conversion {
    /// Every conversion, for code that must cover them all.
    pub const ALL: [Conversion; 7] = [
        Conversion::Image,
        Conversion::VideoV2,
        Conversion::Audio,
        Conversion::Document,
        Conversion::PageUrl,
        Conversion::PageUrlV2,
        Conversion::Address,
    ];

    /// The name the schema writes (`image`, `page_url_v2`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Conversion::Image => "image",
            Conversion::VideoV2 => "video_v2",
            Conversion::Audio => "audio",
            Conversion::Document => "document",
            Conversion::PageUrl => "page_url",
            Conversion::PageUrlV2 => "page_url_v2",
            Conversion::Address => "address",
        }
    }

    /// The conversion the schema names `text`; `None` for any other text.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// The variant's name in Rust (`PageUrlV2`), which generated code writes.
    pub const fn variant_name(self) -> &'static str {
        match self {
            Conversion::Image => "Image",
            Conversion::VideoV2 => "VideoV2",
            Conversion::Audio => "Audio",
            Conversion::Document => "Document",
            Conversion::PageUrl => "PageUrl",
            Conversion::PageUrlV2 => "PageUrlV2",
            Conversion::Address => "Address",
        }
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

    #[test]
    fn conversions_parse_from_their_own_names_only() {
        for conversion in Conversion::ALL {
            assert_eq!(Conversion::parse(conversion.as_str()), Some(conversion));
            assert_eq!(format!("{conversion:?}"), conversion.variant_name());
        }
        assert_eq!(Conversion::parse("Image"), None);
    }
}

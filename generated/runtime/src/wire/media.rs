//! Media and page URLs as the JavaScript SDK converts them: one string in the SDK
//! (`wix:image://v1/<id>/<filename>#originWidth=…&originHeight=…`, a page's URL) for an object in
//! REST (`{id, url, height, width, altText, filename}`, `{relativePath, url}`). Each kind has a
//! pair of functions, REST → SDK for responses and SDK → REST for requests, that write the same
//! strings and objects the JavaScript SDK does (measured in the recorded corpus).
//!
//! Every function returns `None` where the JavaScript SDK leaves the field `undefined` (so the key
//! is not sent or returned at all), and the value unchanged where it has nothing to convert (an
//! object where a string belongs, text that is no URL: the JavaScript SDK throws on those).

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::Url;
use serde_json::{json, Map, Value};

/// What JavaScript's `encodeURIComponent` leaves as it is: letters, digits and `-_.!~*'()`.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// REST image → `wix:image://v1/<id>/<filename or altText>#originWidth=<w>&originHeight=<h>`; an
/// image without an id becomes its `url`.
pub fn image_to_sdk(rest: Value) -> Option<Value> {
    let Value::Object(image) = &rest else {
        return Some(rest);
    };
    let name = [image.get("filename"), image.get("altText")]
        .into_iter()
        .find(|v| truthy(*v))
        .flatten();
    let fragment = format!(
        "#originWidth={}&originHeight={}",
        js_text(image.get("width")),
        js_text(image.get("height"))
    );
    media_string(image, "image", name, &fragment)
}

/// `wix:image://…` → `{id, height, width}`, with `altText`, `filename` (both the file name) and
/// `url` (the string itself) when the string names a file; any other URL → `{url}`.
pub fn image_to_rest(sdk: Value) -> Option<Value> {
    let Some(text) = non_empty_text(&sdk)? else {
        return Some(sdk);
    };
    let Some(url) = aligned_url(text, "image") else {
        return Some(sdk);
    };
    if url.scheme() != WIX {
        return Some(json!({ "url": text }));
    }
    let (id, file) = media_path(&url, "image");
    let mut image = json!({
        "id": id,
        "height": js_number(fragment_param(&url, "originHeight")),
        "width": js_number(fragment_param(&url, "originWidth")),
    });
    // Deliberately unlike the JavaScript SDK, a string without a file name sends no
    // `"undefined"` as its alt text and file name.
    if let Some(file) = file {
        image["altText"] = json!(file);
        image["filename"] = json!(file);
        image["url"] = json!(text);
    }
    Some(image)
}

/// REST video → `wix:video://v1/<id>/<filename>#posterUri=…&posterWidth=…&posterHeight=…`, the
/// poster being the second one listed when there are two; a video without an id becomes its
/// `url`.
pub fn video_v2_to_sdk(rest: Value) -> Option<Value> {
    let Value::Object(video) = &rest else {
        return Some(rest);
    };
    let posters = video.get("posters").and_then(Value::as_array);
    let poster = posters
        .and_then(|p| p.get(1).filter(|v| truthy(Some(v))).or_else(|| p.first()))
        .and_then(Value::as_object);
    let fragment = poster
        .and_then(|poster| {
            let id = match poster.get("id") {
                id if truthy(id) => js_text(id),
                // A poster without an id is named by its URL's last segment.
                _ => poster
                    .get("url")
                    .and_then(Value::as_str)
                    .and_then(|u| u.rfind('/').map(|i| u[i + 1..].to_string()))
                    .unwrap_or_default(),
            };
            (!id.is_empty()).then(|| {
                format!(
                    "#posterUri={id}&posterWidth={}&posterHeight={}",
                    js_text(poster.get("width")),
                    js_text(poster.get("height"))
                )
            })
        })
        .unwrap_or_default();
    media_string(video, "video", video.get("filename"), &fragment)
}

/// `wix:video://…` → `{id, filename, posters: [{id, height, width}]}` (what the string holds);
/// any other URL → `{url}`.
pub fn video_v2_to_rest(sdk: Value) -> Option<Value> {
    let Some(text) = non_empty_text(&sdk)? else {
        return Some(sdk);
    };
    let Some(url) = aligned_url(text, "video") else {
        return Some(sdk);
    };
    if url.scheme() != WIX {
        return Some(json!({ "url": text }));
    }
    let mut video = id_and_file(&url, "video");
    if let Some(poster) = fragment_param(&url, "posterUri").filter(|p| !p.is_empty()) {
        video["posters"] = json!([{
            "id": poster,
            "height": js_number(fragment_param(&url, "posterHeight")),
            "width": js_number(fragment_param(&url, "posterWidth")),
        }]);
    }
    Some(video)
}

/// REST audio → `wix:audio://v1/<id>/<filename>#duration=<seconds>` (`0` when unknown); audio
/// without an id becomes its `url`.
pub fn audio_to_sdk(rest: Value) -> Option<Value> {
    let Value::Object(audio) = &rest else {
        return Some(rest);
    };
    let duration = match audio.get("duration") {
        d if truthy(d) => js_text(d),
        _ => "0".to_string(),
    };
    let fragment = format!("#duration={duration}");
    media_string(audio, "audio", audio.get("filename"), &fragment)
}

/// `wix:audio://…` → `{id, filename}` (and `duration` when the string gives one); any other URL
/// → `{url}`.
pub fn audio_to_rest(sdk: Value) -> Option<Value> {
    let Some(text) = non_empty_text(&sdk)? else {
        return Some(sdk);
    };
    let Some(url) = aligned_url(text, "audio") else {
        return Some(sdk);
    };
    if url.scheme() != WIX {
        return Some(json!({ "url": text }));
    }
    let mut audio = id_and_file(&url, "audio");
    if let Some(duration) = fragment_param(&url, "duration") {
        audio["duration"] = js_number(Some(duration));
    }
    Some(audio)
}

/// REST document → `wix:document://v1/<id>/<filename>`; a document without an id becomes its
/// `url`.
pub fn document_to_sdk(rest: Value) -> Option<Value> {
    let Value::Object(document) = &rest else {
        return Some(rest);
    };
    media_string(document, "document", document.get("filename"), "")
}

/// `wix:document://…` → `{id, filename}`; any other URL → `{url}`.
pub fn document_to_rest(sdk: Value) -> Option<Value> {
    let Some(text) = sdk.as_str() else {
        return Some(sdk);
    };
    let Some(url) = aligned_url(text, "document") else {
        return Some(sdk);
    };
    if url.scheme() != WIX {
        return Some(json!({ "url": text }));
    }
    Some(id_and_file(&url, "document"))
}

/// REST page URL `{base, path}` → `base + path`, with `http://` in front of a base that has no
/// scheme of its own.
pub fn page_url_to_sdk(rest: Value) -> Option<Value> {
    let Value::Object(page) = &rest else {
        return Some(rest);
    };
    let base = js_text(page.get("base"));
    let scheme = if base.starts_with("http://") || base.starts_with("https://") {
        ""
    } else {
        "http://"
    };
    Some(json!(format!(
        "{scheme}{base}{}",
        js_text(page.get("path"))
    )))
}

/// A page URL → `{base: <host>, path: <path>}` (the scheme is not sent).
pub fn page_url_to_rest(sdk: Value) -> Option<Value> {
    let Some(url) = sdk.as_str().and_then(|text| Url::parse(text).ok()) else {
        return Some(sdk);
    };
    let host = match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (host, None) => host.unwrap_or_default().to_string(),
        (None, Some(_)) => String::new(),
    };
    Some(json!({ "base": host, "path": url.path() }))
}

/// REST page URL `{relativePath, url}` → its `url`.
pub fn page_url_v2_to_sdk(rest: Value) -> Option<Value> {
    match rest {
        Value::Object(mut page) => page.remove("url"),
        other => Some(other),
    }
}

/// A page URL → `{relativePath: <its path>, url: <itself>}`.
pub fn page_url_v2_to_rest(sdk: Value) -> Option<Value> {
    let Some(text) = non_empty_text(&sdk)? else {
        return Some(sdk);
    };
    let Ok(url) = Url::parse(text) else {
        return Some(sdk);
    };
    Some(json!({ "relativePath": url.path(), "url": text }))
}

/// The scheme of every media string.
const WIX: &str = "wix";

/// `wix:<kind>://v1/<id>[/<file name>]<fragment>` for media with an id, else its `url` (absent
/// when it has none).
fn media_string(
    media: &Map<String, Value>,
    kind: &str,
    file: Option<&Value>,
    fragment: &str,
) -> Option<Value> {
    let id = media.get("id");
    if !truthy(id) {
        return media.get("url").cloned();
    }
    let file = match file {
        Some(name) if truthy(Some(name)) => format!(
            "/{}",
            utf8_percent_encode(&js_text(Some(name)), URI_COMPONENT)
        ),
        _ => String::new(),
    };
    Some(json!(format!(
        "wix:{kind}://v1/{}{file}{fragment}",
        js_text(id)
    )))
}

/// The text of a string value: `Some(None)` for anything but a string (left as it is), `None`
/// for the empty string, which the JavaScript SDK leaves out.
fn non_empty_text(value: &Value) -> Option<Option<&str>> {
    match value.as_str() {
        Some("") => None,
        text => Some(text),
    }
}

/// The string parsed as a URL, the legacy form without `wix:` (`image://v1/…`) taken as the
/// current one; `None` for text that is no URL.
fn aligned_url(text: &str, kind: &str) -> Option<Url> {
    let url = Url::parse(text).ok()?;
    if url.scheme() == kind {
        return Url::parse(&format!("{WIX}:{text}")).ok();
    }
    Some(url)
}

/// The id and the (decoded) file name of `wix:<kind>://v1/<id>/<file name>`; a file name only
/// when there is a non-empty one.
fn media_path(url: &Url, kind: &str) -> (String, Option<String>) {
    let path = url.path().replacen(&format!("{kind}://v1/"), "", 1);
    let mut segments = path.split('/');
    let id = segments.next().unwrap_or_default().to_string();
    let file = segments
        .next()
        .filter(|f| !f.is_empty())
        .map(decode_uri_component);
    (id, file)
}

/// `{id}`, and `filename` when the string names a file.
fn id_and_file(url: &Url, kind: &str) -> Value {
    let (id, file) = media_path(url, kind);
    let mut out = json!({ "id": id });
    if let Some(file) = file {
        out["filename"] = json!(file);
    }
    out
}

/// The first value of `name` among the fragment's `key=value&…` pairs (read as a query string
/// is), `None` when it has none.
fn fragment_param(url: &Url, name: &str) -> Option<String> {
    url.fragment()?.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (form_decode(key) == name).then(|| form_decode(value))
    })
}

/// A query string's key or value decoded: `+` is a space, `%XX` a byte.
fn form_decode(text: &str) -> String {
    percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// JavaScript's `decodeURIComponent`, the text kept as it is where that would throw.
fn decode_uri_component(text: &str) -> String {
    percent_decode_str(text)
        .decode_utf8()
        .map_or_else(|_| text.to_string(), |decoded| decoded.into_owned())
}

/// JavaScript's `Number(text)` of an optional string: absent and blank are `0`, text that is no
/// number is `NaN`, which JSON writes as `null`.
fn js_number(text: Option<String>) -> Value {
    let trimmed = text.as_deref().unwrap_or_default().trim();
    if trimmed.is_empty() {
        return json!(0);
    }
    match trimmed.parse::<f64>() {
        Ok(n) if n.is_finite() && n.fract() == 0.0 && n.abs() < 9.0e15 => json!(n as i64),
        Ok(n) if n.is_finite() => json!(n),
        _ => Value::Null,
    }
}

/// A value as a JavaScript template literal writes it (`undefined` for an absent one).
fn js_text(value: Option<&Value>) -> String {
    match value {
        None => "undefined".to_string(),
        Some(Value::Null) => "null".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e21 && !n.is_f64() => n.to_string(),
            Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        Some(other) => other.to_string(),
    }
}

/// JavaScript's truthiness: absent, `null`, `false`, `0` and `""` are false.
fn truthy(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The values below are the recorded cases' (INVENTORY.md §7 names each).

    #[test]
    fn images_become_wix_image_strings_and_back() {
        // blog_posts/getPost__full `post.heroImage`
        let rest = json!({"id": "5eed0011-0011-4011-8011-000000000011",
            "url": "https://www.example.com/url/18", "height": 2, "width": 3,
            "altText": "altText-21", "filename": "filename-22"});
        assert_eq!(
            image_to_sdk(rest),
            Some(json!("wix:image://v1/5eed0011-0011-4011-8011-000000000011/filename-22#originWidth=3&originHeight=2"))
        );
        // crm_contacts/createContact__full: no file name, the alt text stands in.
        let rest = json!({"id": "5eed0049", "url": "https://www.example.com/url/74",
            "height": 4, "width": 5, "altText": "altText-77"});
        assert_eq!(
            image_to_sdk(rest),
            Some(json!(
                "wix:image://v1/5eed0049/altText-77#originWidth=5&originHeight=4"
            ))
        );
        assert_eq!(
            image_to_sdk(json!({"url": "https://x/y.png"})),
            Some(json!("https://x/y.png"))
        );
        assert_eq!(image_to_sdk(json!({"altText": "a"})), None);
        assert_eq!(
            image_to_sdk(json!({"id": "i", "filename": "my photo.jpg", "width": 1, "height": 2})),
            Some(json!(
                "wix:image://v1/i/my%20photo.jpg#originWidth=1&originHeight=2"
            ))
        );

        // bookings_staff-members/createStaffMember__full
        let sdk =
            "wix:image://v1/000006_0000002a~mv2.jpg/photo-6.jpg#originWidth=640&originHeight=480";
        assert_eq!(
            image_to_rest(json!(sdk)),
            Some(
                json!({"id": "000006_0000002a~mv2.jpg", "height": 480, "width": 640,
                "altText": "photo-6.jpg", "filename": "photo-6.jpg", "url": sdk})
            )
        );
        // bookings_services/bulkCreateServices__oneof2: an https URL goes as `{url}`.
        assert_eq!(
            image_to_rest(json!("https://static.example.com/images/photo-9.png")),
            Some(json!({"url": "https://static.example.com/images/photo-9.png"}))
        );
        assert_eq!(
            image_to_rest(json!("image://v1/abc#originWidth=1")),
            Some(json!({"id": "abc", "height": 0, "width": 1}))
        );
        assert_eq!(image_to_rest(json!("")), None);
        assert_eq!(image_to_rest(json!("no url")), Some(json!("no url")));
        assert_eq!(image_to_rest(json!({"id": "x"})), Some(json!({"id": "x"})));
    }

    #[test]
    fn videos_carry_their_poster_in_the_fragment() {
        // comments_comments/createComment__oneof2 `content.attachments[].video`
        let rest = json!({"id": "5eed01da", "url": "https://www.example.com/url/475",
            "resolutions": [{"url": "https://www.example.com/url/476", "height": 1, "width": 2}],
            "filename": "filename-484",
            "posters": [{"id": "5eed01e5", "url": "https://www.example.com/url/486",
                "height": 2, "width": 3, "altText": "altText-489"}]});
        assert_eq!(
            video_v2_to_sdk(rest),
            Some(json!(
                "wix:video://v1/5eed01da/filename-484#posterUri=5eed01e5&posterWidth=3&posterHeight=2"
            ))
        );
        // blog_posts/listPosts__oneof5: no file name, no poster.
        assert_eq!(
            video_v2_to_sdk(json!({"id": "5eed013f", "resolutions": []})),
            Some(json!("wix:video://v1/5eed013f"))
        );
        // The second poster wins; one without an id is named by its URL.
        let two = json!({"id": "v", "posters": [{"id": "first"},
            {"url": "https://x/media/p2.jpg", "width": 4, "height": 5}]});
        assert_eq!(
            video_v2_to_sdk(two),
            Some(json!(
                "wix:video://v1/v#posterUri=p2.jpg&posterWidth=4&posterHeight=5"
            ))
        );

        // portfolio_projects/bulkUpdateProjects__oneof2
        assert_eq!(
            video_v2_to_rest(json!("https://static.example.com/videos/clip-1.mp4")),
            Some(json!({"url": "https://static.example.com/videos/clip-1.mp4"}))
        );
        assert_eq!(
            video_v2_to_rest(json!(
                "wix:video://v1/v1id/clip.mp4#posterUri=p.jpg&posterWidth=3&posterHeight=2"
            )),
            Some(json!({"id": "v1id", "filename": "clip.mp4",
                "posters": [{"id": "p.jpg", "height": 2, "width": 3}]}))
        );
        assert_eq!(
            video_v2_to_rest(json!("wix:video://v1/only")),
            Some(json!({"id": "only"}))
        );
    }

    #[test]
    fn audio_and_documents_convert_both_ways() {
        // comments_comments/createComment__oneof3
        let rest = json!({"id": "5eed01b9", "url": "https://www.example.com/url/442",
            "sizeInBytes": "94.50", "filename": "filename-445", "duration": 6});
        assert_eq!(
            audio_to_sdk(rest),
            Some(json!("wix:audio://v1/5eed01b9/filename-445#duration=6"))
        );
        // media_files/bulkImportFile__oneof3: no duration given.
        assert_eq!(
            audio_to_sdk(json!({"id": "5eed002a", "url": "u", "filename": "filename-44"})),
            Some(json!("wix:audio://v1/5eed002a/filename-44#duration=0"))
        );
        assert_eq!(
            audio_to_rest(json!("wix:audio://v1/0000da_000005f6.mp3/track-218.mp3")),
            Some(json!({"id": "0000da_000005f6.mp3", "filename": "track-218.mp3"}))
        );

        // comments_comments/createComment__oneof4
        let rest = json!({"id": "5eed020d", "url": "https://www.example.com/url/526",
            "sizeInBytes": "88.50", "filename": "filename-529"});
        assert_eq!(
            document_to_sdk(rest),
            Some(json!("wix:document://v1/5eed020d/filename-529"))
        );
        assert_eq!(
            document_to_rest(json!("https://static.example.com/docs/file-254.pdf")),
            Some(json!({"url": "https://static.example.com/docs/file-254.pdf"}))
        );
        assert_eq!(
            document_to_rest(json!("wix:document://v1/d1/report%20final.pdf")),
            Some(json!({"id": "d1", "filename": "report final.pdf"}))
        );
    }

    #[test]
    fn page_urls_convert_both_ways() {
        // blog_posts/getPost__full `post.url`
        assert_eq!(
            page_url_to_sdk(json!({"base": "base-8", "path": "path-9"})),
            Some(json!("http://base-8path-9"))
        );
        assert_eq!(
            page_url_to_sdk(json!({"base": "https://site.com", "path": "/p"})),
            Some(json!("https://site.com/p"))
        );
        // events_wix-events-v-2/cloneEvent__full
        assert_eq!(
            page_url_to_rest(json!("https://www.example-site.com/page-49/item-49")),
            Some(json!({"base": "www.example-site.com", "path": "/page-49/item-49"}))
        );
        assert_eq!(
            page_url_to_rest(json!("https://site.com:8080/a")),
            Some(json!({"base": "site.com:8080", "path": "/a"}))
        );
        // bookings_services/createService__full `urls.servicePage`
        assert_eq!(
            page_url_v2_to_sdk(json!({"relativePath": "relativePath-146",
                "url": "https://www.example.com/url/147"})),
            Some(json!("https://www.example.com/url/147"))
        );
        // portfolio_projects/bulkUpdateProjects__full
        assert_eq!(
            page_url_v2_to_rest(json!("https://www.example-site.com/page-17/item-17")),
            Some(json!({"relativePath": "/page-17/item-17",
                "url": "https://www.example-site.com/page-17/item-17"}))
        );
        assert_eq!(page_url_v2_to_rest(json!("")), None);
        assert_eq!(
            page_url_to_rest(json!("not a url")),
            Some(json!("not a url"))
        );
    }
}

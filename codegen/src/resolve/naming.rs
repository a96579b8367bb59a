//! Rust identifiers from doc names: heck's case conversion, keyword escaping, and an allocator
//! that keeps names in one namespace distinct.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;
use std::fmt;

/// A Rust identifier as generated code writes it: a keyword in its raw form (`r#type`), one
/// that cannot be raw with a trailing `_` (`self_`). Made only by [`RustIdent::new`], so the
/// escaping lives in one place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RustIdent(String);

impl RustIdent {
    /// `name` (letters, digits and `_`) as an identifier, escaped when it is a keyword.
    pub fn new(name: &str) -> Self {
        if UNRAWABLE.contains(&name) {
            RustIdent(format!("{name}_"))
        } else if KEYWORDS.contains(&name) {
            RustIdent(format!("r#{name}"))
        } else {
            RustIdent(name.to_string())
        }
    }

    /// As written in code: `r#type`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Without the raw prefix: `type`, for names built from it (`type_pages`, file names).
    pub fn bare(&self) -> &str {
        self.0.strip_prefix("r#").unwrap_or(&self.0)
    }

    /// A name built from this one: `r#type` with `_pages` is `type_pages`.
    pub fn suffixed(&self, suffix: &str) -> Self {
        RustIdent::new(&format!("{}{suffix}", self.bare()))
    }

    /// Whether it is written raw (`r#type`).
    pub fn is_raw(&self) -> bool {
        self.0.starts_with("r#")
    }
}

impl fmt::Display for RustIdent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Keywords usable as raw identifiers (`r#type`).
const KEYWORDS: [&str; 48] = [
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
    "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn",
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
    "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be raw identifiers: renamed with a trailing `_`.
const UNRAWABLE: [&str; 4] = ["self", "Self", "super", "crate"];

/// Keeps ASCII letters, digits and `_` (other characters become word breaks).
fn ascii(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// `snake_case` for fields, methods and arguments: `_createdDate` → `created_date`,
/// `type` → `r#type`, `self` → `self_`, `3d` → `_3d`.
pub fn snake(text: &str) -> RustIdent {
    let ident = ascii(text).to_snake_case();
    let ident = match ident.chars().next() {
        None => "field".to_string(),
        Some(c) if c.is_ascii_digit() => format!("_{ident}"),
        Some(_) => ident,
    };
    RustIdent::new(&ident)
}

/// `PascalCase` for types and variants: `SIGN_UP_COMPLETED` → `SignUpCompleted`; `prefix` goes
/// before a leading digit (`3D` → `T3d`).
pub fn pascal(text: &str, prefix: &str) -> RustIdent {
    let ident = ascii(text).to_upper_camel_case();
    let ident = match ident.chars().next() {
        None => format!("{prefix}Empty"),
        Some(c) if c.is_ascii_digit() => format!("{prefix}{ident}"),
        Some(_) => ident,
    };
    RustIdent::new(&ident)
}

/// A JSON or package name written as Wix writes them, in lowerCamelCase (`referralProgram`).
pub fn is_lower_camel(text: &str) -> bool {
    use heck::ToLowerCamelCase;
    text.to_lower_camel_case() == text
}

/// `SCREAMING_SNAKE_CASE` for statics.
pub fn shouty(text: &str) -> RustIdent {
    let ident = ascii(text).to_shouty_snake_case();
    match ident.chars().next() {
        None => RustIdent::new("VALUE"),
        Some(c) if c.is_ascii_digit() => RustIdent::new(&format!("_{ident}")),
        Some(_) => RustIdent::new(&ident),
    }
}

/// Prelude names that generated types may shadow.
const PRELUDE_TYPES: [&str; 6] = ["Option", "Result", "String", "Vec", "Box", "Into"];

/// Whether any of `names` shadows a prelude type: std items are then written with full paths.
pub fn shadows_prelude<'n>(mut names: impl Iterator<Item = &'n RustIdent>) -> bool {
    names.any(|name| PRELUDE_TYPES.contains(&name.as_str()))
}

/// The namespace of a variant module's types.
pub fn type_namespace() -> Names {
    let mut names = Names::new();
    // Once imported by modules for serde's derives; still reserved, so that a type named so
    // keeps the name it was given then.
    names.reserve(&["Serialize", "Deserialize"]);
    names
}

/// A struct's constructor, taking its required fields.
pub const CONSTRUCTOR: &str = "new";
/// The accessors of a struct's map of the JSON fields the docs don't list.
pub const EXTRA_ACCESSORS: [&str; 2] = ["extra", "extra_mut"];

/// The namespace of a struct's methods: the constructor and the accessors are reserved, so that
/// no setter takes their names whatever the fields are called.
pub fn struct_method_namespace() -> Names {
    let mut names = Names::new();
    names.reserve(&[CONSTRUCTOR]);
    names.reserve(&EXTRA_ACCESSORS);
    names
}

/// The setter of field `field`: `with_` and its name (`r#type` → `with_type`, `_3d` →
/// `with_3d`). The prefix keeps setters apart from the constructor, the accessors and the std
/// traits' methods (`clone`, `from`), which a setter named like its field could shadow.
pub fn setter(field: &RustIdent) -> RustIdent {
    RustIdent::new(&format!("with_{}", field.bare().trim_start_matches('_')))
}

/// One namespace of identifiers: a wanted name that is taken gets a numeric suffix.
#[derive(Debug, Default, Clone)]
pub struct Names {
    used: BTreeSet<String>,
}

impl Names {
    /// No name taken yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks names as taken (e.g. `new` among a handle's methods).
    pub fn reserve(&mut self, names: &[&str]) {
        self.used.extend(names.iter().map(|n| n.to_string()));
    }

    /// The wanted identifier, or the first free `wanted2`, `wanted3`, …; the flag tells whether
    /// it had to be changed.
    pub fn allocate(&mut self, wanted: &RustIdent) -> (RustIdent, bool) {
        let bare = wanted.bare();
        if self.used.insert(bare.to_string()) {
            return (wanted.clone(), false);
        }
        let stem = bare.trim_end_matches('_');
        let separator = if stem.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
            ""
        } else {
            "_"
        };
        for n in 2.. {
            let candidate = format!("{stem}{separator}{n}");
            if self.used.insert(candidate.clone()) {
                return (RustIdent::new(&candidate), true);
            }
        }
        unreachable!("an unbounded counter finds a free name")
    }

    /// Allocates identifiers for names competing in one namespace so that adding a name never
    /// renames another: names already written in their convention (`canonical`) go first and
    /// keep the plain identifier, then the others by their text, so a newcomer spelled
    /// differently gets the suffix whatever the input order. `names` are (source text, wanted
    /// identifier); results come back in the same order, flagged when changed.
    pub fn allocate_stably(
        &mut self,
        names: &[(&str, RustIdent)],
        canonical: impl Fn(&str) -> bool,
    ) -> Vec<(RustIdent, bool)> {
        let mut order: Vec<usize> = (0..names.len()).collect();
        order.sort_by_key(|&i| (!canonical(names[i].0), names[i].0));
        let mut out = vec![None; names.len()];
        for i in order {
            out[i] = Some(self.allocate(&names[i].1));
        }
        out.into_iter().flatten().collect()
    }

    /// The first of `wanted` that is free, else the last one numbered: for names the generator
    /// adds beside documented ones (`Unrecognized`, then `UnrecognizedValue`).
    pub fn allocate_preferring(&mut self, wanted: &[&str]) -> RustIdent {
        let free = wanted.iter().find(|name| !self.used.contains(**name));
        let choice = free.or(wanted.last()).copied().unwrap_or("Value");
        self.allocate(&RustIdent::new(choice)).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_conventional_spelling_keeps_its_name_whatever_else_arrives() {
        let wanted = |names: &[&'static str]| -> Vec<(&'static str, RustIdent)> {
            names.iter().map(|n| (*n, snake(n))).collect()
        };
        let alone = Names::new().allocate_stably(&wanted(&["referralProgram"]), is_lower_camel);
        assert_eq!(alone[0].0.as_str(), "referral_program");
        for names in [
            ["ReferralProgram", "referralProgram"],
            ["referralProgram", "ReferralProgram"],
        ] {
            let both = Names::new().allocate_stably(&wanted(&names), is_lower_camel);
            let of = |n: &str| {
                let (ident, clashed) = &both[names.iter().position(|x| *x == n).unwrap()];
                (ident.to_string(), *clashed)
            };
            assert_eq!(
                of("referralProgram"),
                ("referral_program".to_string(), false)
            );
            assert_eq!(
                of("ReferralProgram"),
                ("referral_program_2".to_string(), true)
            );
        }
    }

    #[test]
    fn case_conversion_and_escaping() {
        assert_eq!(snake("_createdDate").as_str(), "created_date");
        assert_eq!(snake("_id").as_str(), "id");
        assert_eq!(snake("type").as_str(), "r#type");
        assert_eq!(snake("self").as_str(), "self_");
        assert_eq!(snake("3dModel").as_str(), "_3d_model");
        assert_eq!(snake("héllo wörld").as_str(), "h_llo_w_rld");
        assert_eq!(snake("").as_str(), "field");
        assert_eq!(pascal("SIGN_UP_COMPLETED", "V").as_str(), "SignUpCompleted");
        assert_eq!(pascal("self", "T").as_str(), "Self_");
        assert_eq!(pascal("3D", "V").as_str(), "V3d");
        assert_eq!(pascal("in-progress", "V").as_str(), "InProgress");
        assert_eq!(shouty("ReferredFriend").as_str(), "REFERRED_FRIEND");
        assert_eq!(setter(&snake("type")).as_str(), "with_type");
        assert_eq!(setter(&snake("self")).as_str(), "with_self_");
        assert_eq!(setter(&snake("3dModel")).as_str(), "with_3d_model");
    }

    #[test]
    fn no_setter_takes_the_name_of_a_struct_method() {
        let mut methods = struct_method_namespace();
        for field in ["new", "extra", "extra_mut", "with_new"] {
            let setter = methods.allocate(&setter(&snake(field)));
            assert_eq!(setter, (RustIdent::new(&format!("with_{field}")), false));
        }
        assert_eq!(methods.allocate(&snake("new")).0.as_str(), "new_2");
        assert_eq!(methods.allocate(&snake("extra")).0.as_str(), "extra_2");
    }

    #[test]
    fn an_identifier_knows_its_raw_form() {
        let raw = RustIdent::new("type");
        assert_eq!(
            (raw.as_str(), raw.bare(), raw.is_raw()),
            ("r#type", "type", true)
        );
        let plain = RustIdent::new("kind");
        assert_eq!(
            (plain.as_str(), plain.bare(), plain.is_raw()),
            ("kind", "kind", false)
        );
        assert_eq!(RustIdent::new("crate").as_str(), "crate_");
    }

    #[test]
    fn allocator_keeps_names_distinct() {
        let mut names = Names::new();
        let mut allocate = |wanted: &str| {
            let (ident, changed) = names.allocate(&RustIdent::new(wanted));
            (ident.to_string(), changed)
        };
        assert_eq!(allocate("foo_bar"), ("foo_bar".to_string(), false));
        assert_eq!(allocate("foo_bar"), ("foo_bar_2".to_string(), true));
        assert_eq!(allocate("type"), ("r#type".to_string(), false));
        assert_eq!(allocate("type"), ("type_2".to_string(), true));
        assert_eq!(allocate("Status"), ("Status".to_string(), false));
        assert_eq!(allocate("Status"), ("Status2".to_string(), true));
        names.reserve(&["new"]);
        assert_eq!(names.allocate(&RustIdent::new("new")).0.as_str(), "new_2");
        names.reserve(&["Other"]);
        assert_eq!(
            names.allocate_preferring(&["Other", "OtherError"]).as_str(),
            "OtherError"
        );
        assert_eq!(
            names.allocate_preferring(&["Other", "OtherError"]).as_str(),
            "OtherError2"
        );
    }
}

//! Rust identifiers from doc names: heck's case conversion, keyword escaping, and an allocator
//! that keeps names in one namespace distinct.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

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

fn escape(ident: String) -> String {
    if UNRAWABLE.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// `snake_case` for fields, methods and arguments: `_createdDate` → `created_date`,
/// `type` → `r#type`, `self` → `self_`, `3d` → `_3d`.
pub fn snake(text: &str) -> String {
    let ident = ascii(text).to_snake_case();
    let ident = match ident.chars().next() {
        None => "field".to_string(),
        Some(c) if c.is_ascii_digit() => format!("_{ident}"),
        Some(_) => ident,
    };
    escape(ident)
}

/// `PascalCase` for types and variants: `SIGN_UP_COMPLETED` → `SignUpCompleted`; `prefix` goes
/// before a leading digit (`3D` → `T3d`).
pub fn pascal(text: &str, prefix: &str) -> String {
    let ident = ascii(text).to_upper_camel_case();
    let ident = match ident.chars().next() {
        None => format!("{prefix}Empty"),
        Some(c) if c.is_ascii_digit() => format!("{prefix}{ident}"),
        Some(_) => ident,
    };
    escape(ident)
}

/// A JSON or package name written as Wix writes them, in lowerCamelCase (`referralProgram`).
pub fn is_lower_camel(text: &str) -> bool {
    use heck::ToLowerCamelCase;
    text.to_lower_camel_case() == text
}

/// `SCREAMING_SNAKE_CASE` for statics.
pub fn shouty(text: &str) -> String {
    let ident = ascii(text).to_shouty_snake_case();
    match ident.chars().next() {
        None => "VALUE".to_string(),
        Some(c) if c.is_ascii_digit() => format!("_{ident}"),
        Some(_) => ident,
    }
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
    pub fn allocate(&mut self, wanted: &str) -> (String, bool) {
        let bare = wanted.strip_prefix("r#").unwrap_or(wanted);
        if self.used.insert(bare.to_string()) {
            return (wanted.to_string(), false);
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
                return (candidate, true);
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
        names: &[(&str, String)],
        canonical: impl Fn(&str) -> bool,
    ) -> Vec<(String, bool)> {
        let mut order: Vec<usize> = (0..names.len()).collect();
        order.sort_by_key(|&i| (!canonical(names[i].0), names[i].0));
        let mut out = vec![(String::new(), false); names.len()];
        for i in order {
            out[i] = self.allocate(&names[i].1);
        }
        out
    }

    /// The first of `wanted` that is free, else the last one numbered: for names the generator
    /// adds beside documented ones (`Unrecognized`, then `UnrecognizedValue`).
    pub fn allocate_preferring(&mut self, wanted: &[&str]) -> String {
        let free = wanted.iter().find(|name| !self.used.contains(**name));
        let choice = free.or(wanted.last()).copied().unwrap_or("Value");
        self.allocate(choice).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_conventional_spelling_keeps_its_name_whatever_else_arrives() {
        let wanted = |names: &[&'static str]| -> Vec<(&'static str, String)> {
            names.iter().map(|n| (*n, snake(n))).collect()
        };
        let alone = Names::new().allocate_stably(&wanted(&["referralProgram"]), is_lower_camel);
        assert_eq!(alone[0].0, "referral_program");
        for names in [
            ["ReferralProgram", "referralProgram"],
            ["referralProgram", "ReferralProgram"],
        ] {
            let both = Names::new().allocate_stably(&wanted(&names), is_lower_camel);
            let of = |n: &str| both[names.iter().position(|x| *x == n).unwrap()].clone();
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
        assert_eq!(snake("_createdDate"), "created_date");
        assert_eq!(snake("_id"), "id");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("3dModel"), "_3d_model");
        assert_eq!(snake("héllo wörld"), "h_llo_w_rld");
        assert_eq!(snake(""), "field");
        assert_eq!(pascal("SIGN_UP_COMPLETED", "V"), "SignUpCompleted");
        assert_eq!(pascal("self", "T"), "Self_");
        assert_eq!(pascal("3D", "V"), "V3d");
        assert_eq!(pascal("in-progress", "V"), "InProgress");
        assert_eq!(shouty("ReferredFriend"), "REFERRED_FRIEND");
    }

    #[test]
    fn allocator_keeps_names_distinct() {
        let mut names = Names::new();
        assert_eq!(names.allocate("foo_bar"), ("foo_bar".to_string(), false));
        assert_eq!(names.allocate("foo_bar"), ("foo_bar_2".to_string(), true));
        assert_eq!(names.allocate("r#type"), ("r#type".to_string(), false));
        assert_eq!(names.allocate("r#type"), ("type_2".to_string(), true));
        assert_eq!(names.allocate("Status"), ("Status".to_string(), false));
        assert_eq!(names.allocate("Status"), ("Status2".to_string(), true));
        names.reserve(&["new"]);
        assert_eq!(names.allocate("new").0, "new_2");
        names.reserve(&["Other"]);
        assert_eq!(
            names.allocate_preferring(&["Other", "OtherError"]),
            "OtherError"
        );
        assert_eq!(
            names.allocate_preferring(&["Other", "OtherError"]),
            "OtherError2"
        );
    }
}

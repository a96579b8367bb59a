//! A named type's identity is its structure: two definitions with the same fields (JSON and
//! REST names, types, requiredness, ONE-OF membership, conversions) and ONE-OF groups, or the same enum
//! values, are the same type whatever their pages call them or say about them. This is what
//! the type space merges by.

use crate::schema::{Type, TypeDef};
use std::collections::BTreeMap;

/// The structural identity of a named type in one method's table: equal keys, same type.
/// Descriptions do not count; the types its fields refer to count by their own keys.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct TypeKey(String);

/// Computes keys across many tables, each nested structure stored once and referred to by
/// number: a type used twice by its parent does not double the parent's key (which made
/// hostile schemas explode).
#[derive(Default)]
pub(super) struct Keys {
    numbers: BTreeMap<String, usize>,
}

impl Keys {
    /// The key of every named type of one method's table, in name order.
    pub fn of_table<'t>(
        &mut self,
        table: &'t BTreeMap<String, TypeDef>,
    ) -> Vec<(&'t str, TypeKey)> {
        let mut memo = BTreeMap::new();
        table
            .keys()
            .map(|name| {
                let mut walk = Walk {
                    table,
                    stack: Vec::new(),
                    memo: &mut memo,
                    keys: self,
                };
                (name.as_str(), TypeKey(walk.signature(name)))
            })
            .collect()
    }

    fn number(&mut self, signature: String) -> usize {
        let next = self.numbers.len();
        *self.numbers.entry(signature).or_insert(next)
    }
}

/// One method's table being walked for signatures.
struct Walk<'t, 'm> {
    table: &'t BTreeMap<String, TypeDef>,
    stack: Vec<&'t str>,
    memo: &'m mut BTreeMap<String, String>,
    keys: &'m mut Keys,
}

impl<'t> Walk<'t, '_> {
    /// A definition's structure, the types it refers to given by the number of their own
    /// structure (recursion cut by name); descriptions do not count. Each name is computed
    /// once, so the walk is linear in the table.
    fn signature(&mut self, name: &'t str) -> String {
        if let Some(done) = self.memo.get(name) {
            return done.clone();
        }
        let Some(def) = self.table.get(name) else {
            return format!("?{name}");
        };
        if self.stack.contains(&name) {
            return format!("@{name}");
        }
        self.stack.push(name);
        let sig = match def {
            TypeDef::Enum(values) => {
                let values: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
                format!("enum[{}]", values.join(","))
            }
            TypeDef::Struct(fields) => {
                let mut out = String::from("struct{");
                for field in &fields.fields {
                    let ty = self.type_signature(&field.ty);
                    out.push_str(&format!(
                        "{}>{}:{ty}:{}:{:?};",
                        field.name,
                        field.rest_name.as_deref().unwrap_or(""),
                        field.required,
                        field.one_of
                    ));
                    // A converted field travels differently: another type on the wire.
                    if let Some(conversion) = field.conversion {
                        out.push_str(&format!("~{};", conversion.as_str()));
                    }
                }
                for group in &fields.one_ofs {
                    out.push_str(&format!("|{}:{}", group.id, group.required));
                }
                out.push('}');
                out
            }
        };
        self.stack.pop();
        self.memo.insert(name.to_string(), sig.clone());
        sig
    }

    fn type_signature(&mut self, ty: &'t Type) -> String {
        let (depth, element) = ty.layers();
        let element = match element {
            Type::Named(name) => {
                let sig = self.signature(name);
                format!("#{}", self.keys.number(sig))
            }
            other => other.to_string(),
        };
        format!("{}{element}{}", "[".repeat(depth), "]".repeat(depth))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Field, Fields};

    fn table(description: &str, required: bool) -> BTreeMap<String, TypeDef> {
        let field = |name: &str, ty: Type| Field {
            name: name.to_string(),
            ty,
            description: description.to_string(),
            required,
            one_of: None,
            rest_name: None,
            field_mask: false,
            conversion: None,
            inferred: false,
        };
        let struct_of = |fields| {
            TypeDef::Struct(Fields {
                fields,
                one_ofs: Vec::new(),
            })
        };
        BTreeMap::from([
            (
                "Inner".to_string(),
                struct_of(vec![field("id", Type::String)]),
            ),
            (
                "Outer".to_string(),
                struct_of(vec![field("inner", Type::Named("Inner".to_string()))]),
            ),
        ])
    }

    #[test]
    fn same_fields_same_type_whatever_the_descriptions() {
        let tables = [
            table("one page says this", false),
            table("another says that", false),
            table("", true),
        ];
        let mut keys = Keys::default();
        let a = keys.of_table(&tables[0]);
        let b = keys.of_table(&tables[1]);
        assert_eq!(a, b);
        let required = keys.of_table(&tables[2]);
        assert_ne!(a[0].1, required[0].1);
        assert_ne!(a[1].1, required[1].1, "a nested difference is a difference");
    }
}

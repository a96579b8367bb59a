//! The one walk over the IR's types: through `array<…>` layers to a type's element, from fields
//! to the named types they refer to, along a dotted path of fields, and from named types to
//! every type reachable from them. These walks are iterative: a hostile input nests deeply, and
//! the stack must not pay for it (what recurses by nesting of named types stays within
//! [`super::MAX_DEPTH`], which [`super::validate`] checks).

use super::{Field, Fields, Type, TypeDef};
use std::collections::{BTreeMap, BTreeSet};

impl Type {
    /// How many `array<…>` layers wrap the element, and the element.
    pub fn layers(&self) -> (usize, &Type) {
        let (mut depth, mut ty) = (0, self);
        while let Type::Array(inner) = ty {
            depth += 1;
            ty = inner;
        }
        (depth, ty)
    }

    /// `element` wrapped in `depth` `array<…>` layers.
    pub fn nested(depth: usize, element: Type) -> Type {
        (0..depth).fold(element, |ty, _| Type::Array(Box::new(ty)))
    }

    /// The innermost element type, looking through arrays.
    pub fn element(&self) -> &Type {
        self.layers().1
    }

    /// The innermost named type, looking through arrays.
    pub fn named(&self) -> Option<&str> {
        match self.element() {
            Type::Named(name) => Some(name),
            _ => None,
        }
    }

    /// The same type with its innermost element replaced.
    pub fn with_element(&self, element: Type) -> Type {
        Type::nested(self.layers().0, element)
    }

    /// The one type two descriptions of the same field agree on: equal types, or the one that
    /// says more where the other is unknown (any JSON value, at the same array depth or as the
    /// element of a bare `array`). `None` when they contradict each other.
    pub fn unify(&self, other: &Type) -> Option<Type> {
        let ((depth, a), (other_depth, b)) = (self.layers(), other.layers());
        match (a, b) {
            _ if self == other => Some(self.clone()),
            (Type::Any, _) if depth <= other_depth => Some(other.clone()),
            (_, Type::Any) if other_depth <= depth => Some(self.clone()),
            _ => None,
        }
    }
}

impl Fields {
    /// The named types the fields refer to (through arrays), in field order.
    pub fn named_types(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().filter_map(|f| f.ty.named())
    }

    /// Every field's type, to rewrite in place.
    pub fn types_mut(&mut self) -> impl Iterator<Item = &mut Type> {
        self.fields.iter_mut().map(|f| &mut f.ty)
    }
}

impl TypeDef {
    /// A struct's fields; `None` for an enum.
    pub fn as_struct(&self) -> Option<&Fields> {
        match self {
            TypeDef::Struct(fields) => Some(fields),
            TypeDef::Enum(_) => None,
        }
    }

    /// A struct's fields, to change in place; `None` for an enum.
    pub fn as_struct_mut(&mut self) -> Option<&mut Fields> {
        match self {
            TypeDef::Struct(fields) => Some(fields),
            TypeDef::Enum(_) => None,
        }
    }
}

/// The field a dotted path (`order.lineItems`) names, from `root` down through the struct
/// types of `types`; `None` when a segment is no field there.
pub fn field_at<'t>(
    root: &'t Fields,
    types: &'t BTreeMap<String, TypeDef>,
    path: &str,
) -> Option<&'t Field> {
    let mut fields = Some(root);
    let mut found = None;
    for segment in path.split('.') {
        let field = fields?.get(segment)?;
        fields = field.ty.named().and_then(|n| types.get(n)?.as_struct());
        found = Some(field);
    }
    found
}

/// Every node reachable from `roots` (the roots included) where `next` gives a node's
/// successors: each node is visited once, so cycles end, and without recursion.
pub fn reachable<N, I>(
    roots: impl IntoIterator<Item = N>,
    mut next: impl FnMut(&N) -> I,
) -> BTreeSet<N>
where
    N: Ord + Clone,
    I: IntoIterator<Item = N>,
{
    let mut seen = BTreeSet::new();
    let mut stack: Vec<N> = roots.into_iter().collect();
    while let Some(node) = stack.pop() {
        if !seen.contains(&node) {
            stack.extend(next(&node));
            seen.insert(node);
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_layers_are_walked_without_recursion() {
        let ty = Type::parse("array<array<Location>>").unwrap();
        assert_eq!(ty.layers(), (2, &Type::Named("Location".to_string())));
        assert_eq!(ty.named(), Some("Location"));
        assert_eq!(
            ty.with_element(Type::String).to_string(),
            "array<array<string>>"
        );
        // Deeper than any page may nest: still no stack to pay.
        let deep = Type::nested(100_000, Type::Any);
        assert_eq!(deep.element(), &Type::Any);
        // Dropping it would recurse (a `Box`'s drop does); a test may leak it instead.
        std::mem::forget(deep);
    }

    #[test]
    fn reachable_ends_on_cycles() {
        let edges = BTreeMap::from([(1, vec![2]), (2, vec![3, 1]), (3, vec![]), (4, vec![1])]);
        let seen = reachable([1], |n| edges[n].clone());
        assert_eq!(seen, BTreeSet::from([1, 2, 3]));
    }
}

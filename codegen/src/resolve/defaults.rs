//! Which structs derive `Default`.

use super::TypeModel;

/// Marks the structs that derive `Default`: those with no required field or group. A struct
/// with required fields has only its constructor, so that a request cannot go out with them
/// left empty (`..Default::default()` would send `""`).
pub(super) fn mark_defaults(types: &mut [TypeModel]) {
    for model in types.iter_mut() {
        if let TypeModel::Struct(s) = model {
            s.default =
                s.fields.iter().all(|f| !f.required) && s.one_ofs.iter().all(|g| !g.required);
        }
    }
}

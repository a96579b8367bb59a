//! `overrides.yaml`: patches applied to the imported IR where the docs are wrong or unclear.
//!
//! ```yaml
//! - method: CreateReferredFriend            # the page title (or `package.Title`)
//!   url: https://www.wixapis.com/referral_friends/v1/referred-friends
//! - method: GetAvailabilityTimeSlot
//!   surface: rest                           # rest or sdk; both when left out
//!   field: params.includeResourceTypeIds    # params.… or returns.…, through named types
//!   type: array<string>
//! - method: GetAvailabilityTimeSlot
//!   surface: sdk
//!   rename_type: { from: ResourceType, to: ResourceTypeFilter }
//! - method: QueryResourceTypes
//!   infer_fields: false                     # no fields only the examples use
//! ```
//!
//! Patches apply in file order on every import; each applied one is reported, and a patch that
//! matches nothing is an error.

use crate::diagnostics::{Diagnostic, Location};
use crate::schema::{Field, Fields, Method, Package, ReturnType, Type, TypeDef};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One entry of `overrides.yaml`: a method and exactly one change to it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Patch {
    /// The page title (`CreateReferredFriend`), or `package.Title` to pick one package's method.
    pub method: String,
    /// The surface to patch; both when left out.
    #[serde(default)]
    pub surface: Option<SurfaceKind>,
    /// The method's REST URL (`https://`; plain `http://` only for loopback).
    #[serde(default)]
    pub url: Option<String>,
    /// A field to retype: `params.…` or `returns.…`, through named types; needs `type:`.
    #[serde(default)]
    pub field: Option<String>,
    /// The field's new type, written as in the schema (`array<string>`).
    #[serde(default, rename = "type")]
    pub ty: Option<Type>,
    /// A named type to rename.
    #[serde(default)]
    pub rename_type: Option<Rename>,
    /// `false`: leave out the fields the reader added because the page's examples or required
    /// parameters use them though its listings don't document them.
    #[serde(default)]
    pub infer_fields: Option<bool>,
    /// Set while parsing: the patch's line in the file.
    #[serde(skip)]
    pub line: usize,
}

/// A method's listing: REST or SDK.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SurfaceKind {
    /// The REST listing.
    Rest,
    /// The SDK listing.
    Sdk,
}

/// A type's new name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rename {
    /// The type's name now.
    pub from: String,
    /// Its new name: letters, digits and `_`, not starting with a digit.
    pub to: String,
}

/// What a patch does, once checked.
enum Action<'p> {
    Url(&'p str),
    FieldType(&'p str, &'p Type),
    RenameType(&'p Rename),
    NoInferredFields,
}

const EXPECTED: &str = "a list of patches, each with `method:` and exactly one of `url:`, \
                        `field:` with `type:`, `rename_type: {from, to}` or `infer_fields: false`";

/// Reads an overrides file (`text`, read from `path`); an empty file has no patches. A malformed
/// one is an error naming its place.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Patch>, Diagnostic> {
    let mut patches: Vec<Patch> = serde_yaml::from_str::<Option<Vec<Patch>>>(text)
        .map(Option::unwrap_or_default)
        .map_err(|e| {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            let location = Location {
                file: path.to_path_buf(),
                line,
                column,
            };
            let mut diagnostic = Diagnostic::error(location, format!("invalid overrides: {e}"));
            diagnostic.expected(EXPECTED);
            diagnostic
        })?;
    // serde_yaml keeps no positions: a patch starts at the n-th top-level `- ` line.
    let starts: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- "))
        .map(|(i, _)| i + 1)
        .collect();
    for (index, patch) in patches.iter_mut().enumerate() {
        patch.line = starts.get(index).copied().unwrap_or(1);
    }
    Ok(patches)
}

/// Applies `patches` in order. Returns one line per applied patch and the errors.
pub fn apply(
    patches: &[Patch],
    packages: &mut BTreeMap<String, Package>,
    path: &Path,
) -> (Vec<String>, Vec<Diagnostic>) {
    let mut applied = Vec::new();
    let mut errors = Vec::new();
    for patch in patches {
        let location = Location {
            file: path.to_path_buf(),
            line: patch.line,
            column: 1,
        };
        match apply_one(patch, packages) {
            Ok(what) => applied.push(format!(
                "{}:{}: {}: {what}",
                path.display(),
                patch.line,
                patch.method
            )),
            Err(problem) => {
                let mut diagnostic = Diagnostic::error(location, problem);
                diagnostic.expected(EXPECTED);
                errors.push(diagnostic);
            }
        }
    }
    (applied, errors)
}

fn action(patch: &Patch) -> Result<Action<'_>, String> {
    if let Some(infer) = patch.infer_fields {
        let alone = patch.url.is_none()
            && patch.field.is_none()
            && patch.ty.is_none()
            && patch.rename_type.is_none();
        return match (infer, alone) {
            (false, true) => Ok(Action::NoInferredFields),
            (true, _) => Err(
                "`infer_fields: true` is what happens anyway; only `false` changes anything"
                    .to_string(),
            ),
            (false, false) => Err("a patch needs exactly one change".to_string()),
        };
    }
    match (&patch.url, &patch.field, &patch.ty, &patch.rename_type) {
        (Some(url), None, None, None) => {
            if patch.surface == Some(SurfaceKind::Sdk) {
                return Err("`url:` patches the REST surface; drop `surface: sdk`".to_string());
            }
            crate::schema::check_url(url, true)?;
            Ok(Action::Url(url))
        }
        (None, Some(field), Some(ty), None) => Ok(Action::FieldType(field, ty)),
        (None, None, None, Some(rename)) => {
            if !crate::schema::is_type_name(&rename.to) {
                return Err(format!(
                    "`{}` is not a type name: letters, digits and `_`, not starting with a digit",
                    rename.to
                ));
            }
            Ok(Action::RenameType(rename))
        }
        (None, Some(_), None, None) => Err("`field:` needs a `type:`".to_string()),
        _ => Err("a patch needs exactly one change".to_string()),
    }
}

fn apply_one(patch: &Patch, packages: &mut BTreeMap<String, Package>) -> Result<String, String> {
    let action = action(patch)?;
    let (package_filter, name) = match patch.method.rsplit_once('.') {
        Some((package, name)) => (Some(package), name),
        None => (None, patch.method.as_str()),
    };
    let mut done = Vec::new();
    for package in packages.values_mut() {
        if package_filter.is_some_and(|p| p != package.package) {
            continue;
        }
        for method in package.methods.iter_mut().filter(|m| m.name == name) {
            done.extend(apply_to_method(&action, patch.surface, method)?);
        }
    }
    if done.is_empty() {
        return Err(format!("the patch for `{}` matches nothing", patch.method));
    }
    Ok(done.join("; "))
}

fn apply_to_method(
    action: &Action<'_>,
    surface: Option<SurfaceKind>,
    method: &mut Method,
) -> Result<Vec<String>, String> {
    let mut done = Vec::new();
    if let Action::Url(url) = action {
        let rest = method
            .rest
            .as_mut()
            .ok_or("the method has no REST surface")?;
        done.push(format!("url `{}` → `{url}`", rest.url));
        rest.url = url.to_string();
        return Ok(done);
    }
    let wants = |kind| surface.is_none_or(|s| s == kind);
    if let Some(rest) = method.rest.as_mut().filter(|_| wants(SurfaceKind::Rest)) {
        let mut parts = Parts {
            params: &mut rest.params,
            returns: rest.returns.as_mut(),
            types: &mut rest.types,
        };
        if let Some(what) = parts.apply(action)? {
            done.push(format!("REST {what}"));
        }
    }
    if let Some(sdk) = method.sdk.as_mut().filter(|_| wants(SurfaceKind::Sdk)) {
        let mut parts = Parts {
            params: &mut sdk.params,
            returns: sdk.returns.as_mut(),
            types: &mut sdk.types,
        };
        if let Some(what) = parts.apply(action)? {
            done.push(format!("SDK {what}"));
        }
    }
    Ok(done)
}

/// The patchable parts of one surface.
struct Parts<'a> {
    params: &'a mut Fields,
    returns: Option<&'a mut ReturnType>,
    types: &'a mut BTreeMap<String, TypeDef>,
}

impl Parts<'_> {
    /// `Ok(None)` when the patch does not concern this surface.
    fn apply(&mut self, action: &Action<'_>) -> Result<Option<String>, String> {
        match action {
            Action::Url(_) => Ok(None),
            Action::FieldType(path, ty) => Ok(self.field_mut(path)?.map(|field| {
                let what = format!("`{path}`: `{}` → `{ty}`", field.ty);
                field.ty = (*ty).clone();
                what
            })),
            Action::RenameType(rename) => self.rename(rename),
            Action::NoInferredFields => {
                let mut removed = 0;
                let tables = std::iter::once(&mut *self.params).chain(
                    self.types.values_mut().filter_map(|def| match def {
                        TypeDef::Struct(fields) => Some(fields),
                        TypeDef::Enum(_) => None,
                    }),
                );
                for fields in tables {
                    let before = fields.fields.len();
                    fields.fields.retain(|f| !f.inferred);
                    removed += before - fields.fields.len();
                }
                Ok((removed > 0).then(|| format!("{removed} inferred fields left out")))
            }
        }
    }

    fn field_mut(&mut self, path: &str) -> Result<Option<&mut Field>, String> {
        let (root, rest) = path
            .split_once('.')
            .ok_or_else(|| format!("`{path}` should start with `params.` or `returns.`"))?;
        let mut segments: Vec<&str> = rest.split('.').collect();
        let last = segments.pop().unwrap_or_default();
        // Find the fields list holding `last` by walking type names (immutably), then borrow it.
        let mut holder: Option<String> = match root {
            "params" => None,
            "returns" => match self
                .returns
                .as_ref()
                .and_then(|r| r.ty.as_ref())
                .and_then(Type::named)
            {
                Some(name) => Some(name.to_string()),
                None => return Ok(None),
            },
            other => {
                return Err(format!(
                    "`{other}` in `{path}` should be `params` or `returns`"
                ))
            }
        };
        for segment in segments {
            let fields = match &holder {
                None => &*self.params,
                Some(name) => match self.types.get(name).and_then(TypeDef::as_struct) {
                    Some(fields) => fields,
                    None => return Ok(None),
                },
            };
            match fields.get(segment).and_then(|f| f.ty.named()) {
                Some(next) => holder = Some(next.to_string()),
                None => return Ok(None),
            }
        }
        let fields = match &holder {
            None => Some(&mut *self.params),
            Some(name) => self.types.get_mut(name).and_then(TypeDef::as_struct_mut),
        };
        Ok(fields.and_then(|f| f.get_mut(last)))
    }

    fn rename(&mut self, rename: &Rename) -> Result<Option<String>, String> {
        if !self.types.contains_key(&rename.from) {
            return Ok(None);
        }
        if self.types.contains_key(&rename.to) {
            return Err(format!("type `{}` exists already", rename.to));
        }
        if let Some(def) = self.types.remove(&rename.from) {
            self.types.insert(rename.to.clone(), def);
        }
        let retarget = |ty: &mut Type| {
            if ty.named() == Some(rename.from.as_str()) {
                *ty = ty.with_element(Type::Named(rename.to.clone()));
            }
        };
        let definitions = self.types.values_mut().filter_map(TypeDef::as_struct_mut);
        std::iter::once(&mut *self.params)
            .chain(definitions)
            .flat_map(Fields::types_mut)
            .chain(self.returns.as_mut().and_then(|r| r.ty.as_mut()))
            .for_each(retarget);
        Ok(Some(format!("type `{}` → `{}`", rename.from, rename.to)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docs;

    const PAGE: &str = "# DoThing\n# Package: things\n# Namespace: Things\n## REST API\n### Schema\n```\n Method: doThing\n URL: https://www.wixapis.com/v1/things\n Method: POST\n Method parameters:\n   param name: filter | type: Filter\n     - name: tags | type: array<any>\n```\n---\n## JavaScript SDK\n### Schema\n```\n Method: wixClientAdmin.things.Things.doThing(filter)\n Method parameters:\n   param name: filter | type: Filter\n     - name: tags | type: array<any>\n```\n";

    fn packages() -> BTreeMap<String, Package> {
        let (document, _) = docs::read(PAGE, Path::new("page.md"));
        let mut packages = BTreeMap::new();
        packages.insert(
            "things".to_string(),
            Package {
                package: "things".to_string(),
                methods: document.methods,
            },
        );
        packages
    }

    fn run(yaml: &str) -> (BTreeMap<String, Package>, Vec<String>, Vec<Diagnostic>) {
        let mut packages = packages();
        let patches = parse(yaml, Path::new("overrides.yaml")).unwrap();
        let (applied, errors) = apply(&patches, &mut packages, Path::new("overrides.yaml"));
        (packages, applied, errors)
    }

    fn method(packages: &BTreeMap<String, Package>) -> &Method {
        &packages["things"].methods[0]
    }

    #[test]
    fn url_field_type_and_type_name_patches_apply_and_are_reported() {
        let (packages, applied, errors) = run(
            "- method: DoThing\n  url: https://www.wixapis.com/things/v1/things\n\
             - method: things.DoThing\n  field: params.filter.tags\n  type: array<string>\n\
             - method: DoThing\n  surface: sdk\n  rename_type: { from: Filter, to: ThingFilter }\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(applied.len(), 3);
        assert!(applied[0].starts_with("overrides.yaml:1: DoThing: url"));
        assert!(applied[1].contains("REST `params.filter.tags`: `array<any>` → `array<string>`"));
        assert!(applied[1].contains("SDK `params.filter.tags`"));
        assert_eq!(
            applied[2],
            "overrides.yaml:6: DoThing: SDK type `Filter` → `ThingFilter`"
        );
        let method = method(&packages);
        let rest = method.rest.as_ref().unwrap();
        assert_eq!(rest.url, "https://www.wixapis.com/things/v1/things");
        let TypeDef::Struct(filter) = &rest.types["Filter"] else {
            panic!()
        };
        assert_eq!(filter.fields[0].ty.to_string(), "array<string>");
        let sdk = method.sdk.as_ref().unwrap();
        assert!(sdk.types.contains_key("ThingFilter") && !sdk.types.contains_key("Filter"));
        assert_eq!(sdk.params.fields[0].ty, Type::Named("ThingFilter".into()));
    }

    #[test]
    fn a_patch_that_matches_nothing_is_an_error() {
        let (_, applied, errors) = run(
            "- method: NoSuchMethod\n  url: https://x\n- method: DoThing\n  field: params.nothing\n  type: string\n",
        );
        assert!(applied.is_empty());
        let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert!(messages[0].starts_with(
            "error: overrides.yaml:1:1: the patch for `NoSuchMethod` matches nothing"
        ));
        assert!(messages[1]
            .starts_with("error: overrides.yaml:3:1: the patch for `DoThing` matches nothing"));
    }

    #[test]
    fn malformed_patches_are_errors() {
        let err = parse("- method: X\n  colour: blue\n", Path::new("o.yaml")).unwrap_err();
        assert!(err.to_string().contains("o.yaml:2:"), "{err}");
        assert!(err.to_string().contains("unknown field `colour`"), "{err}");
        let (_, _, errors) =
            run("- method: DoThing\n  url: https://x\n  field: params.filter\n  type: string\n");
        assert!(errors[0].message.contains("exactly one change"));
        assert!(parse("# only comments\n", Path::new("o.yaml"))
            .unwrap()
            .is_empty());
    }
}

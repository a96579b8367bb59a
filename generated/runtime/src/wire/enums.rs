//! Open enums: documented values with their exact wire spelling, and a catch-all keeping any
//! other value, so that a value Wix adds later round-trips unchanged.

use super::fields::Key;
use serde::{Deserialize, Deserializer};

/// An enum with documented values and a catch-all for any other: generated enums implement it.
pub trait WireEnum: Sized {
    /// The value as sent on the wire.
    fn as_str(&self) -> &str;
    /// The documented variant a wire value names, if any.
    fn known(value: &str) -> Option<Self>;
    /// The catch-all variant holding an undocumented value.
    fn unrecognized(value: String) -> Self;
    /// The variant for a wire value; unknown values are kept as they are.
    #[inline]
    fn from_wire(value: String) -> Self {
        Self::known(&value).unwrap_or_else(|| Self::unrecognized(value))
    }
}

/// A generated enum read from its wire string: a documented value is matched where it lies in
/// the input (no allocation), and only an undocumented one is copied into the catch-all.
#[inline]
pub fn read<'de, D: Deserializer<'de>, T: WireEnum>(deserializer: D) -> Result<T, D::Error> {
    let value = Key::deserialize(deserializer)?;
    Ok(T::known(value.as_str()).unwrap_or_else(|| T::unrecognized(value.into_owned())))
}

/// [`WireEnum`], serde (as the wire string) and `Display` for a generated enum: the enum, its
/// catch-all variant, then each documented variant with its wire value (`Variant("VALUE")`).
/// The methods are `#[inline]`, so they are compiled in the crates that use them, not once per
/// enum in the bindings.
#[doc(hidden)]
#[macro_export]
macro_rules! wire_enum {
    ($name:ident, $other:ident $(, $variant:ident($value:literal))* $(,)?) => {
        impl $crate::__rt::WireEnum for $name {
            #[inline]
            fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::$other(value) => value,
                }
            }

            #[inline]
            fn known(value: &str) -> ::std::option::Option<Self> {
                match value {
                    $($value => ::std::option::Option::Some(Self::$variant),)*
                    _ => ::std::option::Option::None,
                }
            }

            #[inline]
            fn unrecognized(value: ::std::string::String) -> Self {
                Self::$other(value)
            }
        }

        impl $crate::__rt::fields::Blank for $name {
            #[inline]
            fn blank() -> Self {
                Self::$other(::std::string::String::new())
            }
        }

        impl $crate::__rt::serde::Serialize for $name {
            fn serialize<S: $crate::__rt::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str($crate::__rt::WireEnum::as_str(self))
            }
        }

        impl<'de> $crate::__rt::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__rt::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::__rt::enums::read(deserializer)
            }
        }

        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::__rt::WireEnum::as_str(self))
            }
        }
    };
}

//! Open enums: documented values with their exact wire spelling, and a catch-all keeping any
//! other value, so that a value Wix adds later round-trips unchanged.

/// An enum with documented values and a catch-all for any other: generated enums implement it.
pub trait WireEnum: Sized {
    /// The value as sent on the wire.
    fn as_str(&self) -> &str;
    /// The variant for a wire value; unknown values are kept as they are.
    fn from_wire(value: String) -> Self;
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
            fn from_wire(value: ::std::string::String) -> Self {
                match value.as_str() {
                    $($value => Self::$variant,)*
                    _ => Self::$other(value),
                }
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
                <::std::string::String as $crate::__rt::serde::Deserialize>::deserialize(deserializer)
                    .map(<$name as $crate::__rt::WireEnum>::from_wire)
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

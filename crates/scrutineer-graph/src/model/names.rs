//! One declaration per model enum: its variants as a file writes them, the name scripts and
//! output use, and a line for people. Everything else (the script API's kind names, the
//! editor's values, the format reference, suggestions for a misspelt value) reads these.

/// Declares a model enum with its names. Each variant gives the snake_case name used in
/// scripts and output, and a plain description for the format reference.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident => $text:literal, $desc:literal
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The name used in scripts and output: `snake_case`.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            /// The value as a file writes it: `CamelCase`.
            pub fn variant(self) -> &'static str {
                match self { $($name::$variant => stringify!($variant)),* }
            }

            /// What the value means, in plain words.
            pub fn describe(self) -> &'static str {
                match self { $($name::$variant => $desc),* }
            }

            /// The value with this script name (`district_council`) or file name
            /// (`DistrictCouncil`).
            pub fn from_name(s: &str) -> Option<$name> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s || v.variant() == s)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use named_enum;

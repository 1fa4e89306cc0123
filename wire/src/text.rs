//! Texts written in both languages.

use crate::sets::Lang;
use serde::{Deserialize, Serialize};

/// A text in Russian and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Bilingual {
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

impl Bilingual {
    /// The two texts.
    pub fn new(ru: impl Into<String>, en: impl Into<String>) -> Bilingual {
        Bilingual {
            ru: ru.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }
}

impl From<(String, String)> for Bilingual {
    fn from((ru, en): (String, String)) -> Self {
        Bilingual { ru, en }
    }
}

/// Percent-encodes `s` for a query string (unreserved characters and `/` stay as they are).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

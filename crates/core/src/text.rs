//! Text a person reads, in Simplified Chinese (first) and English: every explanation
//! the core produces carries both, so the SPA can switch language without asking again.

use serde::{Deserialize, Serialize};

/// One text in both interface languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    pub zh: String,
    pub en: String,
}

/// A fixed name in Chinese and English, for enum variants and weekdays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Bilingual {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Bilingual {
        Bilingual { zh: zh.into(), en: en.into() }
    }

    /// Adds the sentences of `more`: Chinese runs on after its full stop, English after a space.
    pub fn append(&mut self, more: Bilingual) {
        self.zh.push_str(&more.zh);
        self.en.push(' ');
        self.en.push_str(&more.en);
    }
}

impl From<Label> for Bilingual {
    fn from(label: Label) -> Bilingual {
        Bilingual::new(label.zh, label.en)
    }
}

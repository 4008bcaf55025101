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

/// A value someone typed, quoted in a message: “C36”. Control characters are escaped so a
/// pasted newline or tab shows where it is. Messages quote this way rather than with `{:?}`,
/// because the Debian wasm build prints nothing for Debug formatting (`-Zfmt-debug=none`).
pub fn quoted(typed: &str) -> Quoted<'_> {
    Quoted(typed)
}

/// See [`quoted`].
pub struct Quoted<'a>(&'a str);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write;
        out.write_char('“')?;
        for character in self.0.chars() {
            if character.is_control() {
                write!(out, "{}", character.escape_default())?;
            } else {
                out.write_char(character)?;
            }
        }
        out.write_char('”')
    }
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn quoted_text_keeps_chinese_and_escapes_control_characters() {
        assert_eq!(quoted("地块 A").to_string(), "“地块 A”");
        assert_eq!(quoted("C36\n\t").to_string(), "“C36\\n\\t”");
        assert_eq!(quoted("").to_string(), "“”");
    }
}

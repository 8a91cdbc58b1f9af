//! Product text, looked up by key from `locales/*.txt` (one `key = value` per line, `{name}`
//! placeholders), so that a translator edits text files, not Rust.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A language the page speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
}

impl Lang {
    pub const ALL: [Lang; 1] = [Lang::En];

    /// The BCP 47 tag, for `<html lang>` and links.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
        }
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../locales/en.txt"),
        }
    }

    fn table(self) -> &'static HashMap<&'static str, &'static str> {
        static EN: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
        let cell = match self {
            Lang::En => &EN,
        };
        cell.get_or_init(|| parse(self.source()))
    }

    /// The text for `key`; the key itself when it is missing, so a gap shows instead of crashing
    /// (and `tests/locales.rs` fails on it).
    pub fn t(self, key: &str) -> &str {
        self.table().get(key).copied().unwrap_or(key)
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn fill(self, key: &str, args: &[(&str, &str)]) -> String {
        let mut text = self.t(key).to_owned();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// Every key of this language's file.
    pub fn keys(self) -> impl Iterator<Item = &'static str> {
        self.table().keys().copied()
    }
}

/// Reads `key = value` lines; blank lines and `#` comments are skipped.
pub fn parse(source: &str) -> HashMap<&str, &str> {
    source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once(" = ").map(|(k, v)| (k.trim(), v.trim())))
        .collect()
}

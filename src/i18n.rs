//! Product text, looked up by key from `locales/*.txt` (one `key = value` per line, `{name}`
//! placeholders), so that a translator edits text files, not Rust.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A language the page speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    /// Traditional Chinese, as used in Taiwan (the language of the AWS page we explain).
    ZhTw,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhTw];

    /// The BCP 47 tag, for `<html lang>` and links.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhTw => "zh-TW",
        }
    }

    /// The language's own name, for the switch.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhTw => "繁體中文",
        }
    }

    /// The page language for a BCP 47 tag: Traditional Chinese for `zh-TW`, `zh-Hant`, `zh-HK` and
    /// `zh-MO`; English for `en…`; `None` for anything else.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        if tag.starts_with("en") {
            return Some(Lang::En);
        }
        let traditional = ["zh-tw", "zh-hant", "zh-hk", "zh-mo"]
            .iter()
            .any(|t| tag == *t || tag.starts_with(&format!("{t}-")));
        traditional.then_some(Lang::ZhTw)
    }

    /// The first language found in: the link, the saved choice, the browser's list; else English.
    pub fn choose(link: Option<&str>, saved: Option<&str>, browser: &[String]) -> Lang {
        link.into_iter()
            .chain(saved)
            .chain(browser.iter().map(String::as_str))
            .find_map(Lang::from_tag)
            .unwrap_or_default()
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../locales/en.txt"),
            Lang::ZhTw => include_str!("../locales/zh-TW.txt"),
        }
    }

    fn table(self) -> &'static HashMap<&'static str, &'static str> {
        static EN: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
        static ZH_TW: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
        let cell = match self {
            Lang::En => &EN,
            Lang::ZhTw => &ZH_TW,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_chosen_link_then_saved_then_browser() {
        let browser = ["fr-FR".to_owned(), "zh-Hant-TW".to_owned()];
        assert_eq!(Lang::choose(Some("en"), Some("zh-TW"), &browser), Lang::En);
        assert_eq!(Lang::choose(Some("xx"), Some("zh-TW"), &[]), Lang::ZhTw);
        assert_eq!(Lang::choose(None, None, &browser), Lang::ZhTw);
        assert_eq!(Lang::choose(None, None, &["zh-CN".to_owned()]), Lang::En);
        assert_eq!(Lang::from_tag("zh_tw"), Some(Lang::ZhTw));
    }
}

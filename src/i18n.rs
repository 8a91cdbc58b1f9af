//! Product text, looked up by key from `locales/*.txt` (one `key = value` per line, `{name}`
//! placeholders), so that a translator edits text files, not Rust.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The page's Traditional Chinese texts. The page module does not carry them (a reader who never
/// switches language would download them for nothing): it fetches the same file, copied next to
/// the page, when they are needed. The panels module, native builds and tests carry them.
pub const ZH_TW_TEXTS: &str = include_str!("../locales/zh-TW.txt");

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
            #[cfg(not(target_arch = "wasm32"))]
            Lang::ZhTw => ZH_TW_TEXTS,
            // Fetched by the page when needed (`crate::language`), added by the panels module.
            #[cfg(target_arch = "wasm32")]
            Lang::ZhTw => "",
        }
    }

    /// Whether this language's texts are at hand. In the page, Traditional Chinese is fetched the
    /// first time it is needed (see `crate::language`).
    pub fn is_ready(self) -> bool {
        self.lookup("app.title").is_some()
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

    /// Adds the texts of a part of the page that is loaded on demand (the training module's
    /// `locales/<part>.<lang>.txt`), so that the first load does not carry them.
    pub fn add_texts(self, source: &'static str) {
        MORE.with(|more| {
            more.borrow_mut()
                .extend(parse(source).into_iter().map(|(k, v)| ((self, k), v)))
        });
    }

    fn lookup(self, key: &str) -> Option<&'static str> {
        self.table()
            .get(key)
            .copied()
            .or_else(|| MORE.with(|more| more.borrow().get(&(self, key)).copied()))
    }

    /// The text for `key`; the key itself when it is missing, so a gap shows instead of crashing
    /// (and `tests/locales.rs` fails on it).
    pub fn t(self, key: &str) -> &str {
        self.lookup(key).unwrap_or(key)
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn fill(self, key: &str, args: &[(&str, &str)]) -> String {
        fill_in(self.t(key), args)
    }

    /// The CLDR plural categories this language's cardinal numbers use, `other` last. A plural
    /// text is written once per category, as `key.one`, `key.other`…
    pub fn plural_categories(self) -> &'static [&'static str] {
        match self {
            Lang::En => &["one", "other"],
            // Chinese does not inflect for number: one form serves every count.
            Lang::ZhTw => &["other"],
        }
    }

    /// The CLDR plural category of the count `n` (cardinal, integer).
    pub fn plural_category(self, n: usize) -> &'static str {
        match self {
            Lang::En if n == 1 => "one",
            _ => "other",
        }
    }

    /// The form of the plural text `key` for the count `n` (`key.one`, `key.other`…, falling back
    /// to `key.other`), with `{n}` and the other placeholders filled in.
    pub fn plural(self, key: &str, n: usize, args: &[(&str, &str)]) -> String {
        let form = format!("{key}.{}", self.plural_category(n));
        let other = format!("{key}.other");
        // A missing text shows its key, as `t` does.
        let text = self
            .lookup(&form)
            .or_else(|| self.lookup(&other))
            .unwrap_or(other.as_str());
        let count = n.to_string();
        let mut all = vec![("n", count.as_str())];
        all.extend_from_slice(args);
        fill_in(text, &all)
    }

    /// What separates two sentences, or a clause ending in punctuation from the next: a space in
    /// English; nothing in Chinese, whose full-width punctuation carries its own space.
    pub fn sentence_gap(self) -> &'static str {
        match self {
            Lang::En => " ",
            Lang::ZhTw => "",
        }
    }

    /// The full stop that ends a sentence.
    pub fn full_stop(self) -> &'static str {
        match self {
            Lang::En => ".",
            Lang::ZhTw => "。",
        }
    }

    /// Sentences (each already ending in its punctuation) run together into one paragraph.
    pub fn join_sentences<S: AsRef<str>>(self, sentences: &[S]) -> String {
        let parts: Vec<&str> = sentences.iter().map(AsRef::as_ref).collect();
        parts.join(self.sentence_gap())
    }

    /// Phrases without end punctuation made into sentences: each ends with a full stop.
    pub fn as_sentences<S: AsRef<str>>(self, phrases: &[S]) -> String {
        let stop = self.full_stop();
        let sentences: Vec<String> = phrases
            .iter()
            .map(|p| format!("{}{stop}", p.as_ref()))
            .collect();
        self.join_sentences(&sentences)
    }

    /// What separates the items of a short list or the clauses of a parenthesis.
    pub fn list_separator(self) -> &'static str {
        match self {
            Lang::En => ", ",
            Lang::ZhTw => "，",
        }
    }

    /// `text` followed by `note` in parentheses: `text (note)`, `text（note）`.
    pub fn with_note(self, text: &str, note: &str) -> String {
        match self {
            Lang::En => format!("{text} ({note})"),
            Lang::ZhTw => format!("{text}（{note}）"),
        }
    }

    /// `label` followed by what it labels: `label: text`, `label：text`.
    pub fn labelled(self, label: &str, text: &str) -> String {
        match self {
            Lang::En => format!("{label}: {text}"),
            Lang::ZhTw => format!("{label}：{text}"),
        }
    }

    /// Every key of this language's file.
    pub fn keys(self) -> impl Iterator<Item = &'static str> {
        self.table().keys().copied()
    }
}

thread_local! {
    /// Texts added by [`Lang::add_texts`], by language and key.
    static MORE: RefCell<HashMap<(Lang, &'static str), &'static str>> = RefCell::new(HashMap::new());
}

/// `text` with each `{name}` placeholder replaced by its value.
fn fill_in(text: &str, args: &[(&str, &str)]) -> String {
    let mut text = text.to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// The CLDR plural categories, for telling a plural form (`key.one`) from an ordinary key.
pub const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

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

    #[test]
    fn plural_forms_follow_cldr() {
        assert_eq!(Lang::En.plural_category(0), "other");
        assert_eq!(Lang::En.plural_category(1), "one");
        assert_eq!(Lang::En.plural_category(2), "other");
        assert_eq!(Lang::ZhTw.plural_category(1), "other");
        for lang in Lang::ALL {
            for n in 0..30 {
                assert!(lang.plural_categories().contains(&lang.plural_category(n)));
            }
            assert_eq!(lang.plural_categories().last(), Some(&"other"));
        }
    }

    #[test]
    fn sentences_are_joined_per_language() {
        assert_eq!(Lang::En.join_sentences(&["One.", "Two."]), "One. Two.");
        assert_eq!(Lang::ZhTw.join_sentences(&["一。", "二。"]), "一。二。");
        assert_eq!(Lang::En.as_sentences(&["a", "b"]), "a. b.");
        assert_eq!(Lang::ZhTw.as_sentences(&["甲", "乙"]), "甲。乙。");
        assert_eq!(Lang::En.with_note("k", "yours"), "k (yours)");
        assert_eq!(Lang::ZhTw.with_note("k", "您的"), "k（您的）");
    }

    #[test]
    fn added_texts_are_found_after_the_page_s_own() {
        // Keys with a capital letter, which no real text uses.
        let (added, plural) = ("Test.added", "Test.n");
        Lang::En.add_texts("Test.added = Added\napp.title = Not it\nTest.n.other = {n} things");
        assert_eq!(Lang::En.t(added), "Added");
        assert_eq!(Lang::ZhTw.t(added), added);
        assert_eq!(Lang::En.t("app.title"), "AMI Encryption Explainer");
        assert_eq!(Lang::En.plural(plural, 2, &[]), "2 things");
    }
}

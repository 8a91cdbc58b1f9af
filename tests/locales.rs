//! Every language has every text: a key missing in one language fails here, not on the page.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use ami_encryption_explainer::i18n::{parse, Lang, PLURAL_CATEGORIES};
use ami_encryption_rules::Rule;

fn keys(source: &str) -> BTreeSet<&str> {
    parse(source).into_keys().collect()
}

/// Each language's texts: the page's own, then those of the parts loaded on demand (checked as
/// one, so that a key is never defined twice across files).
const EN: &str = concat!(
    include_str!("../locales/en.txt"),
    "\n",
    include_str!("../locales/quiz.en.txt"),
    "\n",
    include_str!("../locales/table.en.txt"),
    "\n",
    include_str!("../locales/present.en.txt"),
);
const ZH_TW: &str = concat!(
    include_str!("../locales/zh-TW.txt"),
    "\n",
    include_str!("../locales/quiz.zh-TW.txt"),
    "\n",
    include_str!("../locales/table.zh-TW.txt"),
    "\n",
    include_str!("../locales/present.zh-TW.txt"),
);

fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EN,
        Lang::ZhTw => ZH_TW,
    }
}

/// The base of a plural form other than `other` (`verdict.ok.launch` for `verdict.ok.launch.one`).
/// Languages differ in which of these forms they have; `.other` alone is an ordinary key.
fn plural_base(key: &str) -> Option<&str> {
    let (base, category) = key.rsplit_once('.')?;
    (category != "other" && PLURAL_CATEGORIES.contains(&category)).then_some(base)
}

/// The keys written in plural forms: those with a `.one`, `.few`… form in some language.
fn plural_bases() -> BTreeSet<&'static str> {
    [EN, ZH_TW]
        .into_iter()
        .flat_map(|s| parse(s).into_keys())
        .filter_map(plural_base)
        .collect()
}

/// Every key but the plural forms a language may or may not need.
fn common_keys(source: &str) -> BTreeSet<&str> {
    keys(source)
        .into_iter()
        .filter(|k| plural_base(k).is_none())
        .collect()
}

#[test]
fn both_languages_have_the_same_keys() {
    let (en, zh) = (common_keys(EN), common_keys(ZH_TW));
    let missing_zh: Vec<_> = en.difference(&zh).collect();
    let missing_en: Vec<_> = zh.difference(&en).collect();
    assert!(
        missing_zh.is_empty(),
        "missing in zh-TW.txt: {missing_zh:?}"
    );
    assert!(missing_en.is_empty(), "missing in en.txt: {missing_en:?}");
}

#[test]
fn placeholders_match_between_languages() {
    let placeholders = |text: &str| {
        let mut found: Vec<String> = text
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}'))
            .map(|(name, _)| name.to_owned())
            .collect();
        found.sort();
        found
    };
    let zh = parse(ZH_TW);
    for (key, en) in parse(EN) {
        // A plural form zh-TW does not have is compared with the form it uses for every count.
        let other = plural_base(key).map(|base| format!("{base}.other"));
        let zh_key = match &other {
            Some(other) if !zh.contains_key(key) => other.as_str(),
            _ => key,
        };
        assert_eq!(placeholders(en), placeholders(zh[zh_key]), "{key}");
    }
}

/// Each plural text has exactly the forms its language's plural rules (CLDR) use, `other` always.
#[test]
fn plural_texts_have_each_form_their_language_uses() {
    let bases = plural_bases();
    assert!(
        !bases.is_empty(),
        "no plural texts found: is the scan broken?"
    );
    for lang in Lang::ALL {
        let known = keys(source(lang));
        for base in &bases {
            for category in PLURAL_CATEGORIES {
                let key = format!("{base}.{category}");
                let wanted = lang.plural_categories().contains(&category);
                assert_eq!(
                    known.contains(key.as_str()),
                    wanted,
                    "{}: {key} {}",
                    lang.tag(),
                    if wanted {
                        "is missing"
                    } else {
                        "is a form the language does not use"
                    }
                );
            }
        }
        // Every `.one` (or other form) has the `.other` that is the fallback.
        for key in &known {
            if let Some(base) = plural_base(key) {
                let other = format!("{base}.other");
                assert!(
                    known.contains(other.as_str()),
                    "{}: {key} without {other}",
                    lang.tag()
                );
            }
        }
    }
}

/// Counts read naturally: no "volume(s)".
#[test]
fn counts_take_the_plural_form_of_their_number() {
    let call = [("call", "RunInstances")];
    let en = |key, n| Lang::En.plural(key, n, &call);
    assert!(en("verdict.ok.launch", 1).contains(" 1 EBS volume."));
    assert!(en("verdict.ok.launch", 2).contains(" 2 EBS volumes."));
    assert!(en("verdict.ok.launch", 0).contains(" 0 EBS volumes."));
    assert!(en("verdict.ok.copy", 1).contains(" 1 snapshot."));
    assert!(en("verdict.ok.copy", 3).contains(" 3 snapshots."));
    let zh = |n| Lang::ZhTw.plural("verdict.ok.launch", n, &call);
    assert!(zh(1).contains(" 1 個 EBS 磁碟區"), "{}", zh(1));
    assert!(zh(2).contains(" 2 個 EBS 磁碟區"), "{}", zh(2));
    for lang in Lang::ALL {
        for n in 0..3 {
            let text = lang.plural("verdict.ok.copy", n, &call);
            assert!(!text.contains(['{', '(']), "{}: {text}", lang.tag());
            assert!(text.starts_with("RunInstances"), "{text}");
        }
    }
    for (_, text) in parse(EN) {
        assert!(!text.contains("(s)"), "write plural forms, not (s): {text}");
    }
}

/// Chinese sentences run on with full-width punctuation: no ASCII parentheses, commas or full
/// stops between Chinese characters, and no ASCII space after full-width punctuation.
#[test]
fn zh_tw_uses_full_width_punctuation() {
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    for (key, text) in parse(ZH_TW) {
        let chars: Vec<char> = text.chars().collect();
        for w in chars.windows(2) {
            let bad = (cjk(w[0]) && matches!(w[1], ',' | '(' | ';' | ':' | '.'))
                || (matches!(w[0], '，' | '。' | '：' | '；' | '（' | '）' | '、') && w[1] == ' ');
            assert!(!bad, "zh-TW {key}: {w:?} in {text}");
        }
    }
    // The joins the code makes.
    assert!(!Lang::ZhTw.join_sentences(&["甲。", "乙。"]).contains(' '));
    assert!(!Lang::ZhTw.with_note("甲", "乙").contains(['(', ' ']));
    assert!(!Lang::ZhTw.list_separator().contains([',', ' ']));
}

#[test]
fn every_line_is_a_key_and_a_value() {
    for (name, source) in [("en", EN), ("zh-TW", ZH_TW)] {
        let mut seen = BTreeSet::new();
        for line in source
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (key, value) = line
                .split_once(" = ")
                .unwrap_or_else(|| panic!("{name}: not `key = value`: {line}"));
            assert!(!value.trim().is_empty(), "{name}: {key} is empty");
            assert!(seen.insert(key), "{name}: {key} twice");
        }
    }
}

/// Every rule the engine can name has its texts, in every language.
#[test]
fn every_rule_has_its_texts() {
    for lang in Lang::ALL {
        let known: BTreeSet<&str> = lang.keys().collect();
        for rule in Rule::ALL {
            let id = rule.id();
            let wanted: &[String] = &match id.split('.').next() {
                Some("scenario") => vec![format!("error.{id}"), format!("problem.{id}")],
                // Failures after acceptance are told by `failure.*` texts, one per key problem.
                Some("key") => vec![],
                _ if id.ends_with("key-not-usable")
                    || id.ends_with("key-not-found")
                    || id.ends_with("key-not-allowed") =>
                {
                    vec![]
                }
                _ if matches!(*rule, Rule::CopySnapshotNotReadable) => vec![format!("error.{id}")],
                _ if matches!(
                    *rule,
                    Rule::LaunchNewVolumeWithoutSize
                        | Rule::LaunchVolumeSmallerThanSnapshot
                        | Rule::LaunchNoDeviceWithParameters
                ) =>
                {
                    vec![format!("error.{id}"), format!("problem.{id}")]
                }
                Some("request") => vec![format!("error.{id}")],
                _ if matches!(*rule, Rule::CopyUnencryptedFromEncrypted) => {
                    vec![format!("error.{id}")]
                }
                _ if id.starts_with("launch.duplicate") || id.starts_with("launch.invalid") => {
                    vec![format!("error.{id}"), format!("problem.{id}")]
                }
                _ => vec![format!("why.{id}"), format!("rule.{id}")],
            };
            for key in wanted {
                assert!(known.contains(key.as_str()), "{}: {key}", lang.tag());
            }
        }
        for preset in ami_encryption_rules::preset::ALL {
            for part in ["title", "intro"] {
                let key = format!("preset.{}.{part}", preset.id);
                assert!(known.contains(key.as_str()), "{}: {key}", lang.tag());
            }
        }
    }
}

/// Every fixed key the code looks up (`t("…")`, `text("…")`, `fill("…", …)`) is in the files.
#[test]
fn every_key_the_code_uses_exists() {
    let en: BTreeSet<&str> = keys(EN);
    let mut checked = 0;
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let code = std::fs::read_to_string(&path).unwrap();
        for call in [
            "t(\"",
            "text(\"",
            "fill(\"",
            "label: \"",
            "label=\"",
            "key: \"",
            "plural(\"",
        ] {
            for (i, _) in code.match_indices(call) {
                let rest = &code[i + call.len()..];
                let key = &rest[..rest.find('"').unwrap()];
                // A plural text is looked up by its base; its `.other` form always exists.
                let other;
                let key = if call.starts_with("plural") {
                    other = format!("{key}.other");
                    other.as_str()
                } else {
                    key
                };
                // Only our keys: `a.b` names, not paths or other strings.
                if key.contains('.')
                    && !key.contains('/')
                    && !key.contains(' ')
                    && key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                {
                    assert!(
                        en.contains(key),
                        "{}: {key} is not in en.txt",
                        path.display()
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(
        checked > 50,
        "only {checked} keys found: is the scan broken?"
    );
}

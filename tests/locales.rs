//! Every language has every text: a key missing in one language fails here, not on the page.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use ami_encryption_explainer::i18n::{parse, Lang};
use ami_encryption_rules::Rule;

fn keys(source: &str) -> BTreeSet<&str> {
    parse(source).into_keys().collect()
}

const EN: &str = include_str!("../locales/en.txt");
const ZH_TW: &str = include_str!("../locales/zh-TW.txt");

#[test]
fn both_languages_have_the_same_keys() {
    let (en, zh) = (keys(EN), keys(ZH_TW));
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
        assert_eq!(placeholders(en), placeholders(zh[key]), "{key}");
    }
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
        for preset in ami_encryption_explainer::presets::ALL {
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
        for call in ["t(\"", "text(\"", "fill(\"", "label: \"", "key: \""] {
            for (i, _) in code.match_indices(call) {
                let rest = &code[i + call.len()..];
                let key = &rest[..rest.find('"').unwrap()];
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

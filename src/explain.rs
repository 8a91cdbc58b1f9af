//! Plain-language sentences for the engine's ids: why a volume ended up as it did, what an error
//! means, what to do. The engine says *which* rule; this says it to a person, in their language.

use ami_encryption_rules::{
    key::{Identifier, Unresolved},
    source, Alternative, Basis, Change, Failure, KeyProblem, KeyRing, KeySpec, KeyState, KeyUse,
    Operation, RequestError, Rule, Scenario, Volume,
};

use crate::display::badge;
use crate::i18n::Lang;
use crate::state::Explainer;
use leptos::prelude::{GetUntracked, WithUntracked};

/// The translation key of a rule's sentence for one result (`why.launch.specified-key`).
pub fn why_key(rule: Rule) -> String {
    format!("why.{}", rule.id())
}

/// Why this volume or snapshot copy is what it is, with the keys named as the page shows them.
pub fn why(lang: Lang, scenario: &Scenario, volume: &Volume) -> String {
    let source_key = scenario
        .snapshots
        .iter()
        .find(|s| s.device == volume.device)
        .and_then(|s| s.kms_key.as_deref())
        .map(|k| badge(scenario, k).full)
        .unwrap_or_default();
    let key = volume
        .kms_key
        .as_deref()
        .map(|k| badge(scenario, k).full)
        .unwrap_or_default();
    lang.fill(
        &why_key(volume.rule),
        &[
            ("device", &volume.device),
            ("key", &key),
            ("source_key", &source_key),
            ("region", &scenario.account.region),
            ("source_region", scenario.ami_region()),
        ],
    )
}

/// The translation key of the sentence for another reading, by the page that gives it (and, for
/// the Copy-an-AMI page's "same key", whether that key is a replica here or stays in the source).
pub fn contest_key(scenario: &Scenario, alternative: &Alternative) -> &'static str {
    let here = alternative
        .kms_key_arn
        .as_deref()
        .and_then(Identifier::parse)
        .and_then(|i| i.region)
        .is_none_or(|r| r == scenario.account.region);
    match alternative.source.as_str() {
        source::EBS_COPY_SNAPSHOT => "contest.snapshot-copy-table",
        source::EBS_REENCRYPT_SNAPSHOT => "contest.ebs-examples",
        source::COPY_AMI_ENCRYPTION if here => "contest.copy-ami-same-key",
        source::COPY_AMI_ENCRYPTION => "contest.copy-ami-same-key-elsewhere",
        _ => "contest.copy-image-api",
    }
}

/// How firmly AWS documents an error code and message, in words.
pub fn code_basis_note(lang: Lang, basis: Basis) -> &'static str {
    lang.t(match basis {
        Basis::Documented => "code.documented",
        _ => "code.inferred",
    })
}

/// The short name of a rule, for the table's Rule column.
pub fn rule_title(lang: Lang, rule: Rule) -> String {
    lang.fill(&format!("rule.{}", rule.id()), &[])
}

pub fn basis_label(lang: Lang, basis: Basis) -> &'static str {
    lang.t(match basis {
        Basis::Documented => "basis.documented",
        Basis::Inferred => "basis.inferred",
        Basis::Contested => "basis.contested",
    })
}

pub fn change_label(lang: Lang, change: Change) -> &'static str {
    lang.t(match change {
        Change::Unchanged => "change.unchanged",
        Change::Encrypted => "change.encrypted",
        Change::ReEncrypted => "change.re-encrypted",
        Change::Unencrypted => "change.unencrypted",
    })
}

/// What a scenario problem means, at the control that has it.
pub fn problem(lang: Lang, problem: &RequestError) -> String {
    lang.fill(
        &format!("problem.{}", problem.rule.id()),
        &[("device", problem.device.as_deref().unwrap_or(""))],
    )
}

/// What a refused request means and how to fix it.
pub fn error_sentence(lang: Lang, error: &RequestError) -> String {
    lang.fill(
        &format!("error.{}", error.rule.id()),
        &[("device", error.device.as_deref().unwrap_or(""))],
    )
}

/// What an accepted-then-failing call means, naming the key and what it was needed for.
pub fn failure_sentence(lang: Lang, scenario: &Scenario, failure: &Failure) -> String {
    let problem = match failure.problem {
        KeyProblem::NotUsable => "failure.not-usable",
        KeyProblem::NotFound => "failure.not-found",
        KeyProblem::OtherAccountNeedsArn => "failure.needs-arn",
        KeyProblem::WrongRegion => "failure.wrong-region",
        KeyProblem::OtherAccountAwsManaged => "failure.other-account-aws-managed",
        KeyProblem::AutoScalingNotAllowed => "failure.auto-scaling",
        KeyProblem::Disabled => "failure.disabled",
        KeyProblem::PendingDeletion => "failure.pending-deletion",
        KeyProblem::Asymmetric => "failure.asymmetric",
    };
    let launch = scenario.operation == Operation::Launch;
    // What the key is needed for, naming what would be encrypted: the volume or the copy.
    let key_use = match (failure.key_use, launch) {
        (KeyUse::Decrypt, _) => "failure.to-decrypt",
        (KeyUse::Encrypt, true) => "failure.to-encrypt.launch",
        (KeyUse::Encrypt, false) => "failure.to-encrypt.copy",
    };
    let what = lang.t(if launch {
        "failure.launch"
    } else {
        "failure.copy"
    });
    let key = badge(scenario, &failure.key).full;
    // Where the key is: the Region in its ARN, or where the only key of that name lives.
    let region = match failure.key_arn.as_deref().and_then(Identifier::parse) {
        Some(Identifier {
            region: Some(region),
            ..
        }) => region.to_owned(),
        _ => match KeyRing::of(&scenario.account).resolve(&failure.key) {
            Err(Unresolved::OnlyInRegion(region)) => region,
            _ => String::new(),
        },
    };
    // The first part ends in a comma ("While …," / "…時，"): joined as the language joins.
    lang.join_sentences(&[
        lang.fill(what, &[("device", &failure.device)]),
        lang.fill(
            problem,
            &[("key", &key), ("use", lang.t(key_use)), ("region", &region)],
        ),
    ])
}

/// A note under a typed `KmsKeyId`: not an identifier at all, or naming no key you can use.
pub fn identifier_note(lang: Lang, scenario: &Scenario, identifier: &str) -> Option<String> {
    if identifier.trim().is_empty() {
        return Some(lang.t("identifier.empty").to_owned());
    }
    let ring = KeyRing::of(&scenario.account);
    let note =
        |key: &str, region: &str| Some(lang.fill(key, &[("key", identifier), ("region", region)]));
    match ring.resolve(identifier) {
        Ok(key) if key.region != scenario.account.region => {
            note("identifier.wrong-region", &key.region)
        }
        Ok(key) if key.aws_managed && !key.yours => {
            note("identifier.other-account-aws-managed", "")
        }
        Ok(key) if key.spec == KeySpec::Asymmetric => note("identifier.asymmetric", ""),
        Ok(key) if key.state != KeyState::Enabled => note("identifier.not-enabled", ""),
        Ok(key) if key.usable => None,
        Ok(_) => note("identifier.not-usable", ""),
        Err(Unresolved::OtherAccountNeedsArn) => note("identifier.needs-arn", ""),
        Err(Unresolved::OnlyInRegion(region)) => note("identifier.wrong-region", &region),
        Err(_) if Identifier::parse(identifier).is_none() => note("identifier.malformed", ""),
        Err(_) => note("identifier.unknown", ""),
    }
}

/// How a key appears in a list of choices: its name and whose it is.
pub fn key_choice_label(explainer: &Explainer, identifier: &str) -> String {
    let lang = explainer.lang.get_untracked();
    explainer
        .scenario
        .with_untracked(|s| choice_label(lang, s, identifier))
}

pub fn choice_label(lang: Lang, scenario: &Scenario, identifier: &str) -> String {
    let badge = badge(scenario, identifier);
    let whose = match &badge.owner {
        // Short: a select cannot wrap its text. The legend says "customer managed" in full.
        Some(ami_encryption_rules::KeyOwner::Me) => lang.t("owner.short.yours").to_owned(),
        Some(ami_encryption_rules::KeyOwner::AwsManaged) => lang.t("owner.aws-managed").to_owned(),
        Some(ami_encryption_rules::KeyOwner::Account(id)) => {
            lang.fill("owner.short.account", &[("account", id)])
        }
        None => lang.t("owner.unknown").to_owned(),
    };
    let mut notes = vec![whose];
    if !badge.usable {
        notes.push(lang.t("owner.not-usable").to_owned());
    }
    lang.with_note(&badge.full, &notes.join(lang.list_separator()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit;
    use ami_encryption_rules::resolve;

    #[test]
    fn sentences_name_devices_and_keys() {
        let scenario = edit::starter();
        let outcome = resolve(&scenario);
        let sentence = why(Lang::En, &scenario, &outcome.volumes[0]);
        assert!(sentence.contains("alias/aws/ebs"), "{sentence}");
        assert!(sentence.contains("alias/partner"), "{sentence}");
        assert!(!sentence.contains('{'), "{sentence}");
    }

    #[test]
    fn identifier_notes() {
        let scenario = edit::starter();
        assert_eq!(identifier_note(Lang::En, &scenario, "alias/app"), None);
        assert!(identifier_note(Lang::En, &scenario, "nonsense")
            .unwrap()
            .contains("nonsense"));
        assert!(identifier_note(Lang::En, &scenario, "alias/typo").is_some());
        assert!(identifier_note(Lang::En, &scenario, "alias/partner").is_some());
    }

    #[test]
    fn choice_labels_use_the_language_s_punctuation() {
        let scenario = edit::starter();
        assert_eq!(
            choice_label(Lang::En, &scenario, "alias/app"),
            "alias/app (yours)"
        );
        assert_eq!(
            choice_label(Lang::ZhTw, &scenario, "alias/app"),
            "alias/app（您的）"
        );
        let mut scenario = scenario;
        edit::set_key_usable(&mut scenario, 1, false);
        let partner = edit::key_identifier(&scenario.account, &edit::keys(&scenario)[1]);
        assert!(choice_label(Lang::En, &scenario, &partner).ends_with(", not usable by you)"));
        let partner = choice_label(Lang::ZhTw, &scenario, &partner);
        assert!(!partner.contains(['(', ')', ',']), "{partner}");
        assert!(partner.ends_with("，您無法使用）"), "{partner}");
    }

    #[test]
    fn failure_sentences_are_joined_per_language() {
        let scenario = ami_encryption_rules::preset::ALL
            .iter()
            .map(|p| (p.build)())
            .find(|s| resolve(s).failure.is_some())
            .expect("an example that fails later");
        let failure = resolve(&scenario).failure.unwrap();
        let en = failure_sentence(Lang::En, &scenario, &failure);
        assert!(en.contains(", EC2 needs"), "{en}");
        let zh = failure_sentence(Lang::ZhTw, &scenario, &failure);
        assert!(zh.contains("時，EC2 需要"), "{zh}");
        assert!(!zh.contains('{'), "{zh}");
    }
}

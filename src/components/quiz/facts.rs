//! What a question's picture does not show, in a few short lines: the call and who makes it, the
//! Regions of a cross-Region copy, encryption by default, the default key, and the keys involved
//! with their owner and state. Pure: tested natively, shown by the question.

use ami_encryption_rules::{Caller, KeyRing, KeyState, Operation, Scenario, AWS_MANAGED_EBS_KEY};

use crate::display::badge;
use crate::i18n::Lang;

/// The lines, in reading order. None of them depends on the outcome.
pub fn facts(lang: Lang, scenario: &Scenario) -> Vec<String> {
    let account = &scenario.account;
    let region = account.region.as_str();
    let mut lines = Vec::new();
    lines.push(match (scenario.operation, scenario.effective_caller()) {
        (Operation::Launch, Caller::AutoScaling) => {
            lang.fill("quiz.fact.launch.auto-scaling", &[("region", region)])
        }
        (Operation::Launch, Caller::You) => lang.fill("quiz.fact.launch", &[("region", region)]),
        (Operation::Copy, _) if scenario.is_cross_region() => lang.fill(
            "quiz.fact.copy.cross-region",
            &[("region", region), ("source_region", scenario.ami_region())],
        ),
        (Operation::Copy, _) => lang.fill("quiz.fact.copy", &[("region", region)]),
    });
    lines.push(lang.fill(
        if account.encryption_by_default {
            "quiz.fact.ebd.on"
        } else {
            "quiz.fact.ebd.off"
        },
        &[("region", region)],
    ));
    let default_key = badge(scenario, &account.default_kms_key).full;
    lines.push(lang.fill("quiz.fact.default-key", &[("key", &default_key)]));
    for (name, in_region) in involved_keys(scenario) {
        lines.push(key_line(lang, scenario, &name, &in_region));
    }
    lines
}

/// The keys the scenario names, each once, with the Region it is looked up in: the snapshots'
/// (in the AMI's Region), the parameters', then the default key.
fn involved_keys(scenario: &Scenario) -> Vec<(String, String)> {
    let call = scenario.account.region.clone();
    let mut named: Vec<(String, String)> = Vec::new();
    for snapshot in scenario.snapshots.iter().filter(|s| s.encrypted) {
        if let Some(key) = &snapshot.kms_key {
            named.push((key.clone(), scenario.ami_region().to_owned()));
        }
    }
    let parameters: Vec<&String> = match scenario.operation {
        Operation::Launch => scenario
            .launch
            .iter()
            .filter_map(|m| m.kms_key_id.as_ref())
            .collect(),
        Operation::Copy => scenario.copy.kms_key_id.iter().collect(),
    };
    named.extend(parameters.into_iter().map(|k| (k.clone(), call.clone())));
    named.push((scenario.account.default_kms_key.clone(), call));
    let ring = KeyRing::of(&scenario.account);
    // The same key named twice (by alias and by ARN) is listed once.
    let mut seen: Vec<String> = Vec::new();
    named.retain(|(name, region)| {
        let identity = ring
            .describe_in(name, region)
            .map_or_else(|| format!("{name} {region}"), |k| k.arn);
        let fresh = !seen.contains(&identity);
        seen.push(identity);
        fresh
    });
    named
}

/// `alias/app (customer managed · yours, enabled, usable by you)`.
fn key_line(lang: Lang, scenario: &Scenario, name: &str, region: &str) -> String {
    let ring = KeyRing::of(&scenario.account);
    let shown = badge(scenario, name);
    let Some(key) = ring
        .describe_in(name, region)
        .or_else(|| ring.describe(name))
    else {
        let note = if name == AWS_MANAGED_EBS_KEY {
            lang.t("owner.aws-managed").to_owned()
        } else {
            lang.t("quiz.fact.key.unknown").to_owned()
        };
        return lang.with_note(&shown.full, &note);
    };
    let mut notes = vec![if key.aws_managed {
        lang.t("owner.aws-managed").to_owned()
    } else if key.yours {
        lang.t("owner.yours").to_owned()
    } else {
        lang.fill("owner.account", &[("account", &key.account)])
    }];
    notes.push(
        lang.t(match key.state {
            KeyState::Enabled => "quiz.fact.key.enabled",
            KeyState::Disabled => "quiz.fact.key.disabled",
            KeyState::PendingDeletion => "quiz.fact.key.pending-deletion",
        })
        .to_owned(),
    );
    notes.push(
        lang.t(if key.usable {
            "quiz.fact.key.usable"
        } else {
            "owner.not-usable"
        })
        .to_owned(),
    );
    if key.region != scenario.account.region {
        notes.push(lang.fill("quiz.fact.key.region", &[("region", &key.region)]));
    }
    if scenario.effective_caller() == Caller::AutoScaling && !key.aws_managed {
        notes.push(
            lang.t(if key.auto_scaling {
                "quiz.fact.key.auto-scaling"
            } else {
                "quiz.fact.key.no-auto-scaling"
            })
            .to_owned(),
        );
    }
    lang.with_note(&shown.full, &notes.join(lang.list_separator()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ami_encryption_rules::quiz::{questions, Level};

    #[test]
    fn every_question_reads_without_gaps_in_both_languages() {
        for lang in Lang::ALL {
            lang.add_texts(match lang {
                Lang::En => include_str!("../../../locales/quiz.en.txt"),
                Lang::ZhTw => include_str!("../../../locales/quiz.zh-TW.txt"),
            });
            for level in Level::ALL {
                for question in questions(level, 3, 10) {
                    let lines = facts(lang, &question.scenario);
                    assert!(lines.len() >= 3);
                    for line in &lines {
                        assert!(!line.contains(['{', '}']), "{line}");
                        assert!(!line.contains("quiz."), "a missing text: {line}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_cross_region_copy_names_both_regions_and_auto_scaling_its_role() {
        Lang::En.add_texts(include_str!("../../../locales/quiz.en.txt"));
        let copy = questions(Level::RegionsAndAutoScaling, 1, 40)
            .into_iter()
            .find(|q| q.scenario.is_cross_region())
            .expect("a cross-Region copy");
        let lines = facts(Lang::En, &copy.scenario).join("\n");
        assert!(
            lines.contains("us-east-1") && lines.contains("eu-west-1"),
            "{lines}"
        );
        let group = questions(Level::RegionsAndAutoScaling, 1, 40)
            .into_iter()
            .find(|q| q.scenario.effective_caller() == Caller::AutoScaling)
            .expect("an Auto Scaling launch");
        let lines = facts(Lang::En, &group.scenario).join("\n");
        assert!(lines.contains("Auto Scaling"), "{lines}");
    }
}

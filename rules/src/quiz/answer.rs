//! What a question expects, what a learner answers, and how an answer is marked.
//!
//! Keys are compared by ARN, as the engine compares them: a learner may name a key by any of its
//! identifiers. A contested cell accepts either documented reading.

use serde::{Deserialize, Serialize};

use crate::key::{arn_of, identifier};
use crate::{Basis, KeyRing, Outcome, Rule, Scenario, Status, AWS_MANAGED_EBS_KEY};

/// The right answer to a question, as [`crate::resolve`] gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Expected {
    /// The call goes through: each resulting volume or snapshot copy, in the engine's order.
    Volumes(Vec<VolumeAnswer>),
    /// The request is refused as a whole.
    Refused {
        /// The AWS error code.
        code: String,
        /// The rule that refuses it.
        rule: Rule,
    },
    /// The call is accepted, then the instance terminates or the new AMI fails.
    FailsLater {
        /// The code AWS shows.
        code: String,
        /// The rule that makes it fail.
        rule: Rule,
    },
}

/// The right answer for one volume (launch) or snapshot copy (copy).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolumeAnswer {
    pub device: String,
    pub encrypted: bool,
    /// The key, as [`key_choices`] writes it (`None` when unencrypted).
    pub key: Option<String>,
    /// The rule that decides it: why this is the answer.
    pub rule: Rule,
    pub basis: Basis,
    /// The other documented reading of a contested cell, also accepted.
    pub also: Option<OtherReading>,
}

/// The other documented reading of a contested cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherReading {
    pub encrypted: bool,
    /// The key, as [`key_choices`] writes it.
    pub key: Option<String>,
    /// The AWS page that reads the cell this way: why this answer is accepted too.
    pub source: String,
}

/// A learner's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    /// One entry per device; a device left out is wrong.
    Volumes(Vec<DeviceAnswer>),
    Refused,
    FailsLater,
}

/// A learner's answer for one device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceAnswer {
    pub device: String,
    pub encrypted: bool,
    /// The chosen key (any identifier of it; one of [`key_choices`] on the page). Ignored when the
    /// answer says unencrypted.
    pub key: Option<String>,
}

/// Which reading of a cell an answer matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reading {
    /// The reading the engine follows (the only one of an uncontested cell).
    Engine,
    /// The other documented reading of a contested cell.
    Other,
}

/// How an answer is marked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// Right as a whole: the right kind of answer, and every device right.
    pub correct: bool,
    /// For each expected device, in [`Expected::Volumes`] order, the reading the learner's answer
    /// matched, or `None` when it is wrong or missing. Empty for a refused or failing call.
    pub devices: Vec<Option<Reading>>,
}

/// The keys a learner chooses from: every key the account lists, as the page names it
/// ([`identifier`]), then `alias/aws/ebs` unless listed.
pub fn key_choices(scenario: &Scenario) -> Vec<String> {
    let account = &scenario.account;
    let mut choices: Vec<String> = account
        .keys
        .iter()
        .flatten()
        .map(|key| identifier(account, key))
        .collect();
    if !choices.iter().any(|c| c == AWS_MANAGED_EBS_KEY) {
        choices.push(AWS_MANAGED_EBS_KEY.to_owned());
    }
    choices
}

/// The full ARN of the key an identifier names in the call's Region, as the engine compares keys.
pub fn key_arn(scenario: &Scenario, key: &str) -> Option<String> {
    key_arn_in(&KeyRing::of(&scenario.account), scenario, key)
}

fn key_arn_in(ring: &KeyRing, scenario: &Scenario, key: &str) -> Option<String> {
    let account = &scenario.account;
    ring.resolve(key)
        .ok()
        .or_else(|| ring.describe(key))
        .map(|k| k.arn)
        .or_else(|| arn_of(key, &account.id, &account.region))
}

/// The expected answer for a scenario, from its outcome.
pub fn expected(scenario: &Scenario, outcome: &Outcome) -> Expected {
    match (outcome.status, &outcome.error, &outcome.failure) {
        (Status::Error, Some(error), _) => Expected::Refused {
            code: error.code.clone(),
            rule: error.rule,
        },
        (Status::FailsLater, _, Some(failure)) => Expected::FailsLater {
            code: failure.code.clone(),
            rule: failure.rule,
        },
        _ => {
            let ring = KeyRing::of(&scenario.account);
            let choices: Vec<(String, Option<String>)> = key_choices(scenario)
                .into_iter()
                .map(|c| {
                    let arn = key_arn_in(&ring, scenario, &c);
                    (c, arn)
                })
                .collect();
            let name = |arn: Option<&str>, fallback: Option<&String>| {
                choices
                    .iter()
                    .find(|(_, a)| arn.is_some() && a.as_deref() == arn)
                    .map(|(c, _)| c.clone())
                    .or_else(|| fallback.cloned())
            };
            Expected::Volumes(
                outcome
                    .volumes
                    .iter()
                    .map(|v| VolumeAnswer {
                        device: v.device.clone(),
                        encrypted: v.encrypted,
                        key: v
                            .encrypted
                            .then(|| name(v.kms_key_arn.as_deref(), v.kms_key.as_ref()))
                            .flatten(),
                        rule: v.rule,
                        basis: v.basis,
                        also: v.alternative.as_ref().map(|a| OtherReading {
                            encrypted: a.encrypted,
                            key: a
                                .encrypted
                                .then(|| name(a.kms_key_arn.as_deref(), a.kms_key.as_ref()))
                                .flatten(),
                            source: a.source.clone(),
                        }),
                    })
                    .collect(),
            )
        }
    }
}

/// Marks `answer` against what `scenario` expects. Each device of a contested question may match
/// either reading, independently of the other devices.
pub fn mark(scenario: &Scenario, expected: &Expected, answer: &Answer) -> Verdict {
    match (expected, answer) {
        (Expected::Refused { .. }, Answer::Refused)
        | (Expected::FailsLater { .. }, Answer::FailsLater) => Verdict {
            correct: true,
            devices: Vec::new(),
        },
        (Expected::Volumes(volumes), Answer::Volumes(given)) => {
            let ring = KeyRing::of(&scenario.account);
            let arn = |key: Option<&String>| key.and_then(|k| key_arn_in(&ring, scenario, k));
            let matches = |encrypted: bool, key: Option<&String>, d: &DeviceAnswer| {
                let chosen = || arn(d.key.as_ref());
                d.encrypted == encrypted
                    && (!encrypted || chosen().is_some_and(|c| Some(c) == arn(key)))
            };
            let devices: Vec<Option<Reading>> = volumes
                .iter()
                .map(|v| {
                    let d = given.iter().find(|d| d.device == v.device)?;
                    if matches(v.encrypted, v.key.as_ref(), d) {
                        Some(Reading::Engine)
                    } else {
                        v.also
                            .as_ref()
                            .filter(|o| matches(o.encrypted, o.key.as_ref(), d))
                            .map(|_| Reading::Other)
                    }
                })
                .collect();
            Verdict {
                correct: devices.iter().all(Option::is_some),
                devices,
            }
        }
        (Expected::Volumes(volumes), _) => Verdict {
            correct: false,
            devices: vec![None; volumes.len()],
        },
        _ => Verdict {
            correct: false,
            devices: Vec::new(),
        },
    }
}

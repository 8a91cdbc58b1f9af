//! "How do I get…?": the reader picks the result they want for one volume (or snapshot copy), and
//! the page lists the smallest changes that give it, from the engine's search. Each suggestion was
//! checked by the engine on the changed scenario; "Apply" makes it the scenario.
//!
//! The panel comes with the panels module (see `crate::on_demand`) and the search runs in the tools
//! worker (see `crate::tools`), only while the disclosure is open: most readers never ask, so the
//! first load carries neither, and typing never waits for the search.

use ami_encryption_rules::advice::{self, Edit, Goal, Reason, Want};
use ami_encryption_rules::Operation;
use ami_encryption_worker::{Advice, Outcome as Answer, Task};
use leptos::prelude::*;

use super::text as t;

use crate::display::badge;
use crate::i18n::Lang;
use crate::on_demand::client::OnDemandCard;
use crate::state::use_explainer;

/// What the "I want" select holds: `unencrypted`, `accepted`, or `key:<identifier>`.
fn want_value(want: &Want) -> String {
    match want {
        Want::Unencrypted => "unencrypted".into(),
        Want::Accepted => "accepted".into(),
        Want::EncryptedWith(key) => format!("key:{key}"),
    }
}

fn want_from(value: &str) -> Want {
    match value {
        "unencrypted" => Want::Unencrypted,
        "accepted" => Want::Accepted,
        other => Want::EncryptedWith(other.strip_prefix("key:").unwrap_or(other).to_owned()),
    }
}

/// One edit in words.
pub fn edit_text(lang: Lang, scenario: &ami_encryption_rules::Scenario, edit: &Edit) -> String {
    let key_name = |id: &str| badge(scenario, id).full;
    let on = |device: &Option<String>, key: &str, value: String| match device {
        Some(device) => lang.fill(key, &[("device", device), ("value", &value)]),
        None => lang.fill(&format!("{key}.image"), &[("value", &value)]),
    };
    match edit {
        Edit::Encrypted {
            device,
            value: Some(v),
        } => on(device, "advice.edit.set", format!("Encrypted={v}")),
        Edit::Encrypted {
            device,
            value: None,
        } => on(device, "advice.edit.unset", "Encrypted".into()),
        Edit::KmsKeyId {
            device,
            value: Some(k),
        } => on(device, "advice.edit.set", format!("KmsKeyId={k}")),
        Edit::KmsKeyId {
            device,
            value: None,
        } => on(device, "advice.edit.unset", "KmsKeyId".into()),
        Edit::NoDevice { device, value } => on(
            &Some(device.clone()),
            if *value {
                "advice.edit.set"
            } else {
                "advice.edit.unset"
            },
            "NoDevice".into(),
        ),
        Edit::VolumeSize {
            device,
            value: Some(size),
        } => on(
            &Some(device.clone()),
            "advice.edit.set",
            format!("VolumeSize={size}"),
        ),
        Edit::VolumeSize {
            device,
            value: None,
        } => on(
            &Some(device.clone()),
            "advice.edit.unset",
            "VolumeSize".into(),
        ),
        Edit::RemoveMapping { device } => {
            lang.fill("advice.edit.remove-mapping", &[("device", device)])
        }
        Edit::EncryptionByDefault(true) => lang.t("advice.edit.by-default-on").to_owned(),
        Edit::EncryptionByDefault(false) => lang.t("advice.edit.by-default-off").to_owned(),
        Edit::DefaultKmsKey(key) => lang.fill("advice.edit.default-key", &[("key", key)]),
        Edit::LetYouUse { key } => lang.fill("advice.edit.let-you-use", &[("key", &key_name(key))]),
        Edit::LetAutoScalingUse { key } => {
            lang.fill("advice.edit.let-auto-scaling", &[("key", &key_name(key))])
        }
        Edit::EnableKey { key } => lang.fill("advice.edit.enable", &[("key", &key_name(key))]),
    }
}

/// "How do I get…?": a disclosure whose content comes with the panels module.
#[component]
pub fn HowDoIGet() -> impl IntoView {
    view! { <OnDemandCard class="advice" heading="advice.heading" heading_id="advice-heading" panel="advice" /> }
}

/// The content of "How do I get…?" (in the panels module, mounted only while it is open).
#[component]
pub fn AdviceBody() -> impl IntoView {
    let explainer = use_explainer();
    // The question is the reader's, not part of the scenario; a device or key that is gone falls
    // back to the first one.
    let device = RwSignal::new(String::new());
    let want = RwSignal::new(None::<Want>);

    let devices = Memo::new(move |_| {
        explainer.scenario.with(|s| {
            let mut all: Vec<String> = s.snapshots.iter().map(|s| s.device.clone()).collect();
            if s.operation == Operation::Launch {
                all.extend(crate::edit::new_volume_devices(s));
            }
            all
        })
    });
    let keys = Memo::new(move |_| explainer.scenario.with(advice::wanted_keys));
    let goal = Memo::new(move |_| {
        let devices = devices.get();
        let chosen = device.get();
        let device = if devices.contains(&chosen) {
            chosen
        } else {
            devices.first().cloned().unwrap_or_default()
        };
        let keys = keys.get();
        let want = match want.get() {
            Some(Want::EncryptedWith(k)) if !keys.contains(&k) => None,
            other => other,
        }
        // By default, the question people bring most: "how do I get my own key?".
        .unwrap_or_else(|| match keys.get(1).or(keys.first()) {
            Some(key) => Want::EncryptedWith(key.clone()),
            None => Want::Accepted,
        });
        Goal { device, want }
    });
    // Asked again whenever the question or the scenario changes; an answer to an older question
    // is dropped by the resource, and the last answer stays on screen until the new one comes.
    let answer = LocalResource::new(move || {
        let (scenario, goal) = (explainer.scenario.get(), goal.get());
        async move { Some(crate::tools::ask(Task::Advise { scenario, goal }).await) }
    });

    let lang = move || explainer.lang.get();
    let suggestions = move |title: &'static str, list: Vec<Vec<Edit>>, group: &'static str| {
        if list.is_empty() {
            return None;
        }
        let lang = lang();
        let items = list
            .into_iter()
            .enumerate()
            .map(|(i, edits)| {
                let id = format!("advice-{group}-{i}");
                let text = explainer.scenario.with_untracked(|s| {
                    edits
                        .iter()
                        .map(|e| edit_text(lang, s, e))
                        .collect::<Vec<_>>()
                });
                view! {
                    <li class="suggestion">
                        <ul class="edits" id=id.clone()>
                            {text.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                        </ul>
                        <button type="button" class="secondary" aria-describedby=id on:click=move |_| {
                            let edits = edits.clone();
                            explainer.edit(move |s| *s = advice::apply(s, &edits));
                        }>{lang.t("advice.apply")}</button>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <h3>{lang.t(title)}</h3>
            <ol class="suggestions">{items}</ol>
        })
    };
    let body = move || {
        let lang = lang();
        let answer = match answer.get().flatten()? {
            Ok(Answer::Imported { .. }) => return None,
            Ok(Answer::Advice(advice)) => advice,
            Ok(Answer::Error(e) | Answer::NotImported(e) | Answer::Exported(e))
            | Err(crate::tools::Failed::Refused(e) | crate::tools::Failed::Worker(e)) => {
                return Some(
                    view! { <p class="error-text" role="alert">{lang.t("advice.failed")}" "<code>{e}</code></p> }
                        .into_any(),
                )
            }
        };
        let Advice {
            already,
            parameters,
            account,
            key_policy,
            why_not,
        } = answer;
        Some(view! {
            <div class="advice-answer" role="status">
                {already.then(|| view! { <p class="already">{lang.t("advice.already")}</p> })}
                {why_not.map(|reason| view! {
                    <p class="why-not"><strong>{lang.t("advice.no-parameter")}</strong>{lang.sentence_gap()}{lang.t(reason_key(reason))}</p>
                })}
                {suggestions("advice.parameters", parameters, "parameters")}
                {suggestions("advice.account", account, "account")}
                {suggestions("advice.key-policy", key_policy, "key-policy")}
            </div>
        }
        .into_any())
    };
    view! {
        <div class="advice-body">
            <p class="hint">{t("advice.hint")}</p>
            <div class="advice-question">
                <label class="field">
                    <span>{move || lang().t(if explainer.scenario.with(|s| s.operation == Operation::Copy) { "advice.for.copy" } else { "advice.for" })}</span>
                    <select on:change=move |ev| device.set(event_target_value(&ev))>
                        {move || {
                            let current = goal.with(|g| g.device.clone());
                            devices
                                .get()
                                .into_iter()
                                .map(|d| {
                                    let selected = d == current;
                                    let label = d.clone();
                                    view! { <option value=d selected=selected>{label}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
                <label class="field">
                    <span>{t("advice.want")}</span>
                    <select on:change=move |ev| want.set(Some(want_from(&event_target_value(&ev))))>
                        {move || {
                            let lang = lang();
                            let current = goal.with(|g| want_value(&g.want));
                            let mut options = vec![(want_value(&Want::Unencrypted), lang.t("advice.want.unencrypted").to_owned())];
                            options.extend(keys.get().into_iter().map(|k| {
                                let text = lang.fill("advice.want.key", &[("key", &k)]);
                                (want_value(&Want::EncryptedWith(k)), text)
                            }));
                            options.push((want_value(&Want::Accepted), lang.t("advice.want.accepted").to_owned()));
                            options
                                .into_iter()
                                .map(|(value, text)| {
                                    let selected = value == current;
                                    view! { <option value=value selected=selected>{text}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
            </div>
            {move || answer.get().flatten().is_none().then(|| view! {
                <p class="hint" role="status">{lang().t("advice.working")}</p>
            })}
            {body}
        </div>
    }
}

/// The locale key that says why no parameter gives the outcome.
fn reason_key(reason: Reason) -> &'static str {
    match reason {
        Reason::ScenarioCannotExist => "advice.why.scenario-cannot-exist",
        Reason::NoSuchDevice => "advice.why.no-such-device",
        Reason::UnknownKey => "advice.why.unknown-key",
        Reason::KeyNeedsArn => "advice.why.key-needs-arn",
        Reason::KeyWrongRegion => "advice.why.key-wrong-region",
        Reason::KeyOtherAccountAwsManaged => "advice.why.key-other-account-aws-managed",
        Reason::KeyAsymmetric => "advice.why.key-asymmetric",
        Reason::KeyNotUsable => "advice.why.key-not-usable",
        Reason::KeyNotEnabled => "advice.why.key-not-enabled",
        Reason::EncryptionCannotBeRemoved => "advice.why.encryption-cannot-be-removed",
        Reason::EncryptionByDefaultOn => "advice.why.encryption-by-default-on",
        Reason::SnapshotNotReadable => "advice.why.snapshot-not-readable",
        Reason::DeviceNameInvalid => "advice.why.device-name-invalid",
        Reason::NeedsMoreChanges => "advice.why.needs-more-changes",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ami_encryption_rules::advice::{advise, Goal};

    /// The engineer's question from the starter, answered in words in both languages.
    #[test]
    fn the_starter_question_reads_as_two_changes() {
        let starter = crate::edit::starter();
        let goal = Goal {
            device: "/dev/xvda".into(),
            want: Want::EncryptedWith("alias/app".into()),
        };
        let answer = advise(&starter, &goal);
        let first = &answer.parameters[0].edits;
        let en: Vec<_> = first
            .iter()
            .map(|e| edit_text(Lang::En, &starter, e))
            .collect();
        assert_eq!(
            en,
            [
                "Set Encrypted=true on /dev/xvda",
                "Set KmsKeyId=alias/app on /dev/xvda"
            ]
        );
        let zh = edit_text(Lang::ZhTw, &starter, &first[1]);
        assert!(
            zh.contains("KmsKeyId=alias/app") && zh.contains("/dev/xvda"),
            "{zh}"
        );
        let account: Vec<_> = answer.account[0]
            .edits
            .iter()
            .map(|e| edit_text(Lang::En, &starter, e))
            .collect();
        assert!(
            account.iter().any(|t| t.contains("alias/app")),
            "{account:?}"
        );
    }

    #[test]
    fn every_reason_has_words() {
        for reason in Reason::ALL {
            assert!(!Lang::En.t(reason_key(*reason)).is_empty());
            assert_ne!(Lang::En.t(reason_key(*reason)), reason_key(*reason));
        }
    }

    #[test]
    fn want_values_round_trip() {
        for want in [
            Want::Unencrypted,
            Want::Accepted,
            Want::EncryptedWith("arn:aws:kms:us-east-1:111122223333:alias/x".into()),
        ] {
            assert_eq!(want_from(&want_value(&want)), want);
        }
    }
}

//! The encryption parameters of the call: per device for RunInstances, one set for CopyImage.

use ami_encryption_rules::{Caller, Operation, Scenario};
use leptos::prelude::*;

use super::text as t;

use super::region::RegionField;
use super::{text, CheckField, Problem};
use crate::edit::{self, key_identifier, keys};
use crate::state::use_explainer;

/// Where a parameter set lives in the scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    Launch(String),
    Copy,
}

impl Target {
    fn get(&self, s: &Scenario) -> (Option<bool>, Option<String>) {
        match self {
            Target::Launch(device) => s
                .launch_mapping(device)
                .map_or((None, None), |m| (m.encrypted, m.kms_key_id.clone())),
            Target::Copy => (s.copy.encrypted, s.copy.kms_key_id.clone()),
        }
    }

    fn set(&self, s: &mut Scenario, encrypted: Option<bool>, kms_key_id: Option<String>) {
        match self {
            Target::Launch(device) => {
                let mapping = edit::launch_mapping_mut(s, device);
                mapping.encrypted = encrypted;
                mapping.kms_key_id = kms_key_id;
                edit::drop_empty_mapping(s, device);
            }
            Target::Copy => {
                s.copy.encrypted = encrypted;
                s.copy.kms_key_id = kms_key_id;
            }
        }
    }

    fn pointer(&self, s: &Scenario) -> Option<String> {
        match self {
            Target::Launch(device) => s
                .launch
                .iter()
                .position(|m| &m.device == device)
                .map(|i| format!("/launch/{i}")),
            Target::Copy => Some("/copy".to_owned()),
        }
    }
}

#[component]
pub fn ParametersEditor() -> impl IntoView {
    let explainer = use_explainer();
    // A memo, so that the editor is rebuilt only when the operation changes, not on every edit
    // (which would also take the keyboard focus away).
    let operation = Memo::new(move |_| explainer.scenario.with(|s| s.operation));
    view! {
        {move || match operation.get() {
            Operation::Launch => view! { <LaunchParameters /> }.into_any(),
            Operation::Copy => view! { <CopyParameters /> }.into_any(),
        }}
    }
}

#[component]
fn LaunchParameters() -> impl IntoView {
    let explainer = use_explainer();
    let snapshot_devices = move || {
        explainer.scenario.with(|s| {
            s.snapshots
                .iter()
                .map(|s| s.device.clone())
                .enumerate()
                .collect::<Vec<_>>()
        })
    };
    let new_devices = move || explainer.scenario.with(edit::new_volume_devices);
    let auto_scaling =
        Memo::new(move |_| explainer.scenario.with(|s| s.caller == Caller::AutoScaling));
    view! {
        <section class="card parameters" aria-labelledby="launch-heading">
            <h2 id="launch-heading">{text("launch.heading")}</h2>
            <label class="field">
                <span>{text("launch.caller")}</span>
                <select
                    aria-describedby="launch-caller-hint"
                    on:change=move |ev| {
                        let caller = if event_target_value(&ev) == "auto-scaling" { Caller::AutoScaling } else { Caller::You };
                        explainer.edit(|s| s.caller = caller)
                    }
                >
                    <option value="you" prop:selected=move || !auto_scaling.get()>{text("launch.caller.you")}</option>
                    <option value="auto-scaling" prop:selected=move || auto_scaling.get()>{text("launch.caller.auto-scaling")}</option>
                </select>
            </label>
            <p class="hint" id="launch-caller-hint">{text("launch.caller.hint")}</p>
            <p class="hint">{text("launch.hint")}</p>
            <For
                each=snapshot_devices
                key=|entry| entry.clone()
                children=move |entry| {
                    view! { <ParameterGroup target=Target::Launch(entry.1) new_volume=false /> }
                }
            />
            <For
                each=new_devices
                key=|device| device.clone()
                children=move |device| {
                    view! { <ParameterGroup target=Target::Launch(device) new_volume=true /> }
                }
            />
            <button type="button" class="secondary" on:click=move |_| explainer.edit(edit::add_new_volume)>
                {text("launch.add_new")}
            </button>
        </section>
    }
}

#[component]
fn CopyParameters() -> impl IntoView {
    let explainer = use_explainer();
    let source = move || {
        explainer
            .scenario
            .with(|s| s.copy.source_region.clone().unwrap_or_default())
    };
    let call_region = move || explainer.scenario.with(|s| s.account.region.clone());
    view! {
        <section class="card parameters" aria-labelledby="copy-heading">
            <h2 id="copy-heading">{text("copy.heading")}</h2>
            <RegionField
                label="copy.source-region"
                value=Signal::derive(source)
                placeholder=Signal::derive(call_region)
                describedby="copy-source-hint copy-source-problem".to_owned()
                on_set=Callback::new(move |value: String| {
                    explainer.edit(|s| edit::set_source_region(s, &value))
                })
            />
            <p class="hint" id="copy-source-hint">
                {move || explainer.lang.get().fill("copy.source-region.hint", &[("region", &call_region())])}
            </p>
            <Problem at="/copy/source_region".to_owned() id="copy-source-problem".to_owned() />
            <ParameterGroup target=Target::Copy new_volume=false />
            <p class="note">{text("copy.note")}</p>
        </section>
    }
}

/// `Encrypted` and `KmsKeyId` for one device (launch) or the whole image (copy).
#[component]
fn ParameterGroup(target: Target, new_volume: bool) -> impl IntoView {
    let explainer = use_explainer();
    let target = StoredValue::new(target);
    // A memo: the group redraws when its own parameters change, not on every edit.
    let values_memo =
        Memo::new(move |_| explainer.scenario.with(|s| target.with_value(|t| t.get(s))));
    let values = move || values_memo.get();
    let encrypted = move || values().0;
    let kms_key_id = move || values().1;
    // Your keys and other accounts' keys, named as a request must name them.
    let key_choices = Memo::new(move |_| {
        explainer.scenario.with(|s| {
            keys(s)
                .iter()
                .map(|k| key_identifier(&s.account, k))
                .collect::<Vec<_>>()
        })
    });
    let custom = move || kms_key_id().is_some_and(|k| !key_choices.get().contains(&k));
    let legend = move || {
        let lang = explainer.lang.get();
        target.with_value(|t| match t {
            Target::Launch(device) if new_volume => {
                lang.fill("launch.group_new", &[("device", device)])
            }
            Target::Launch(device) => lang.fill("launch.group", &[("device", device)]),
            Target::Copy => lang.t("copy.group").to_owned(),
        })
    };
    let slug = target.with_value(|t| match t {
        Target::Launch(device) => device.replace('/', "-"),
        Target::Copy => "copy".to_owned(),
    });
    let kms_problem_id = format!("params{slug}-kms-problem");
    let kms_problem_id_input = kms_problem_id.clone();
    let encrypted_problem_id = format!("params{slug}-encrypted-problem");
    let pointer = move |field: &str| {
        explainer
            .scenario
            .with(|s| target.with_value(|t| t.pointer(s)))
            .map(|p| format!("{p}/{field}"))
            .unwrap_or_default()
    };
    let set = move |encrypted: Option<bool>, key: Option<String>| {
        explainer.edit(|s| target.with_value(|t| t.set(s, encrypted, key)))
    };
    let identifier_note = move || {
        kms_key_id().and_then(|id| {
            explainer
                .scenario
                .with(|s| crate::explain::identifier_note(explainer.lang.get(), s, &id))
        })
    };

    view! {
        <fieldset class="parameter-group">
            <legend>{legend}</legend>
            <div class="row">
                <label class="field">
                    <span>{text("param.encrypted")}</span>
                    <select
                        aria-describedby=encrypted_problem_id.clone()
                        on:change=move |ev| {
                            let value = match event_target_value(&ev).as_str() {
                                "true" => Some(true),
                                "false" => Some(false),
                                _ => None,
                            };
                            set(value, kms_key_id())
                        }
                    >
                        <option value="" prop:selected=move || encrypted().is_none()>{text("param.not_set")}</option>
                        <option value="true" prop:selected=move || encrypted() == Some(true)>"true"</option>
                        <option value="false" prop:selected=move || encrypted() == Some(false)>"false"</option>
                    </select>
                </label>
                <label class="field">
                    <span>{text("param.kms")}</span>
                    <select
                        aria-describedby=kms_problem_id.clone()
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            let key = match value.as_str() {
                                "" => None,
                                "\u{1}custom" => Some(kms_key_id().filter(|_| custom()).unwrap_or_default()),
                                _ => Some(value),
                            };
                            set(encrypted(), key)
                        }
                    >
                        <option value="" prop:selected=move || kms_key_id().is_none()>{text("param.not_set")}</option>
                        {move || {
                            key_choices
                                .get()
                                .into_iter()
                                .map(|choice| {
                                    let selected = kms_key_id().as_ref() == Some(&choice);
                                    let label = crate::explain::key_choice_label(&explainer, &choice);
                                    view! { <option value=choice prop:selected=selected>{label}</option> }
                                })
                                .collect_view()
                        }}
                        <option value="\u{1}custom" prop:selected=custom>{text("param.other_identifier")}</option>
                    </select>
                </label>
                <Show when=custom>
                    <label class="field identifier">
                        <span>{text("param.identifier")}</span>
                        <input
                            type="text"
                            spellcheck="false"
                            autocomplete="off"
                            placeholder="alias/… · arn:aws:kms:…"
                            prop:value=move || kms_key_id().unwrap_or_default()
                            aria-describedby=kms_problem_id_input.clone()
                            on:input=move |ev| {
                                let value = event_target_value(&ev);
                                set(encrypted(), Some(value))
                            }
                        />
                    </label>
                </Show>
                <Show when=move || new_volume>
                    <button
                        type="button"
                        class="link danger"
                        on:click=move |_| {
                            if let Target::Launch(device) = target.get_value() {
                                explainer.edit(|s| edit::remove_new_volume(s, &device))
                            }
                        }
                    >
                        {text("launch.remove_new")}
                    </button>
                </Show>
            </div>
            <MappingFields target=target new_volume=new_volume />
            <Problem at=Signal::derive(move || pointer("device")) id=format!("params{slug}-device-problem") />
            <Show when=move || identifier_note().is_some()>
                <p class="field-problem" id=kms_problem_id.clone()>
                    <span aria-hidden="true">"⚠ "</span>
                    {identifier_note}
                </p>
            </Show>
            <RequestProblem target=target encrypted_id=encrypted_problem_id />
        </fieldset>
    }
}

/// When the whole request is refused because of this parameter set, say so here too.
#[component]
fn RequestProblem(target: StoredValue<Target>, encrypted_id: String) -> impl IntoView {
    let explainer = use_explainer();
    let message = move || {
        let shown = explainer.outcome.get();
        let error = shown
            .outcome
            .error
            .filter(|e| e.kind == ami_encryption_rules::ErrorKind::Request)?;
        let at = error.at.clone()?;
        let mine = explainer
            .scenario
            .with(|s| target.with_value(|t| t.pointer(s)))?;
        at.starts_with(&format!("{mine}/"))
            .then(|| crate::explain::error_sentence(explainer.lang.get(), &error))
    };
    view! {
        <Show when=move || message().is_some()>
            <p class="field-problem" id=encrypted_id.clone()>
                <span aria-hidden="true">"⚠ "</span>
                {message}
            </p>
        </Show>
    }
}

/// `NoDevice` (an AMI device) and `VolumeSize` of one launch mapping, and a hint when a new device
/// is probably a misspelt root device.
#[component]
fn MappingFields(target: StoredValue<Target>, new_volume: bool) -> impl IntoView {
    let explainer = use_explainer();
    let Target::Launch(device) = target.get_value() else {
        return ().into_any();
    };
    let device = StoredValue::new(device);
    let mapping = Memo::new(move |_| {
        explainer
            .scenario
            .with(|s| device.with_value(|d| s.launch_mapping(d).cloned()))
    });
    let no_device = move || mapping.get().is_some_and(|m| m.no_device);
    let size = move || {
        mapping
            .get()
            .and_then(|m| m.volume_size)
            .map(|n| n.to_string())
            .unwrap_or_default()
    };
    let slug = device.with_value(|d| d.replace('/', "-"));
    let size_problem = format!("params{slug}-size-problem");
    let size_problem_input = size_problem.clone();
    let at = move |field: &'static str| {
        Signal::derive(move || {
            explainer.scenario.with(|s| {
                device.with_value(|d| {
                    s.launch
                        .iter()
                        .position(|m| &m.device == d)
                        .map(|i| format!("/launch/{i}/{field}"))
                        .unwrap_or_default()
                })
            })
        })
    };
    let typo = move || {
        let lang = explainer.lang.get();
        explainer.scenario.with(|s| {
            let root = edit::root_device(s)?;
            device.with_value(|d| {
                (new_volume && ami_encryption_rules::device::looks_like_root_typo(d, root))
                    .then(|| lang.fill("param.root-typo", &[("device", d), ("root", root)]))
            })
        })
    };
    view! {
        <div class="row">
            <Show when=move || !new_volume>
                <CheckField
                    label="param.no-device"
                    checked=Signal::derive(no_device)
                    on_set=Callback::new(move |on| {
                        explainer.edit(|s| device.with_value(|d| edit::set_no_device(s, d, on)))
                    })
                />
            </Show>
            <Show when=move || !no_device()>
                <label class="field size">
                    <span>{text("param.volume-size")}</span>
                    <input
                        type="number"
                        min="1"
                        step="1"
                        placeholder=t("param.volume-size.none")
                        prop:value=size
                        aria-describedby=size_problem_input.clone()
                        on:change=move |ev| {
                            let text = event_target_value(&ev);
                            // Empty: not set. Anything unreadable is 0, which the page reports.
                            let size = (!text.trim().is_empty()).then(|| text.trim().parse().unwrap_or(0));
                            explainer.edit(|s| device.with_value(|d| edit::set_volume_size(s, d, size)))
                        }
                    />
                </label>
            </Show>
        </div>
        <Problem at=at("volume_size") id=size_problem />
        <Problem at=at("no_device") id=format!("params{slug}-no-device-problem") />
        <Show when=move || typo().is_some()>
            <p class="hint typo" role="note">
                <span aria-hidden="true">"💡 "</span>
                {typo}
            </p>
        </Show>
    }
    .into_any()
}

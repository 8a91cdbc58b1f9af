//! The encryption parameters of the call: per device for RunInstances, one set for CopyImage.

use ami_encryption_rules::{Caller, LaunchMapping, Operation, RequestError, Scenario};
use leptos::prelude::*;

use super::region::RegionField;
use super::{never_submit, problem_line, problems_under, text, CheckField, Problem};
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
    // Your keys and other accounts' keys, named as a request must name them: worked out once per
    // edit for all the groups.
    let key_choices = Memo::new(move |_| {
        explainer.scenario.with(|s| {
            keys(s)
                .iter()
                .map(|k| key_identifier(&s.account, k))
                .collect::<Vec<_>>()
        })
    });
    view! {
        {move || match operation.get() {
            Operation::Launch => view! { <LaunchParameters key_choices=key_choices /> }.into_any(),
            Operation::Copy => view! { <CopyParameters key_choices=key_choices /> }.into_any(),
        }}
    }
}

#[component]
fn LaunchParameters(key_choices: Memo<Vec<String>>) -> impl IntoView {
    let explainer = use_explainer();
    let snapshot_count = move || explainer.scenario.with(|s| s.snapshots.len());
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
            // Keyed by position, not by device name: renaming a snapshot (a keystroke in its device
            // field) redraws its group in place instead of building a new one.
            <For
                each=move || 0..snapshot_count()
                key=|index| *index
                children=move |index| {
                    let target = Signal::derive(move || {
                        Target::Launch(explainer.scenario.with(|s| {
                            s.snapshots.get(index).map(|s| s.device.clone()).unwrap_or_default()
                        }))
                    });
                    view! { <ParameterGroup target=target new_volume=false key_choices=key_choices /> }
                }
            />
            <For
                each=new_devices
                key=|device| device.clone()
                children=move |device| {
                    view! { <ParameterGroup target=Signal::stored(Target::Launch(device)) new_volume=true key_choices=key_choices /> }
                }
            />
            <button type="button" class="secondary" on:click=move |_| explainer.edit(edit::add_new_volume)>
                {text("launch.add_new")}
            </button>
        </section>
    }
}

#[component]
fn CopyParameters(key_choices: Memo<Vec<String>>) -> impl IntoView {
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
            <ParameterGroup target=Signal::stored(Target::Copy) new_volume=false key_choices=key_choices />
            <p class="note">{text("copy.note")}</p>
        </section>
    }
}

/// Everything a parameter group shows, worked out from the scenario, its problems and its outcome.
#[derive(Clone, Debug, PartialEq)]
struct Group {
    /// Where the parameters go (the device, for a snapshot's group, follows its renames).
    target: Target,
    encrypted: Option<bool>,
    kms_key_id: Option<String>,
    /// The launch mapping's own settings (`NoDevice`, `VolumeSize`), for an AMI device or a new one.
    mapping: Option<LaunchMapping>,
    /// Where the group is in the request (`/launch/2`, `/copy`).
    at: Option<String>,
    /// The scenario's problems in the group.
    problems: Vec<RequestError>,
    /// The refusal of the whole request, when it points into this group.
    refusal: Option<RequestError>,
    /// What an identifier typed in by hand will be taken as.
    identifier_note: Option<String>,
    /// A new device that is probably a misspelt root device: the hint.
    typo: Option<String>,
}

impl Group {
    fn problem(&self, field: &str) -> Option<&RequestError> {
        let at = format!("{}/{field}", self.at.as_deref()?);
        self.problems.iter().find(|p| p.at.as_deref() == Some(&at))
    }
}

/// `Encrypted` and `KmsKeyId` for one device (launch) or the whole image (copy), with a launch
/// mapping's `NoDevice` and `VolumeSize`.
#[component]
fn ParameterGroup(
    /// Read when drawing (tracked) and when an edit is made (untracked).
    target: Signal<Target>,
    new_volume: bool,
    /// The keys a request can name (see `ParametersEditor`).
    key_choices: Memo<Vec<String>>,
) -> impl IntoView {
    let explainer = use_explainer();
    let group = Memo::new(move |_| {
        let lang = explainer.lang.get();
        let t = target.get();
        explainer.scenario.with(|s| {
            let (encrypted, kms_key_id) = t.get(s);
            let at = t.pointer(s);
            let device = match &t {
                Target::Launch(device) => Some(device.as_str()),
                Target::Copy => None,
            };
            let problems = at.as_ref().map_or_else(Vec::new, |at| {
                explainer
                    .problems
                    .with(|all| problems_under(all, &format!("{at}/")))
            });
            let refusal = at.as_ref().and_then(|at| {
                explainer.outcome.with(|shown| {
                    let error = shown.outcome.error.as_ref()?;
                    (error.kind == ami_encryption_rules::ErrorKind::Request
                        && error
                            .at
                            .as_deref()?
                            .strip_prefix(at.as_str())?
                            .starts_with('/'))
                    .then(|| error.clone())
                })
            });
            let identifier_note = kms_key_id
                .as_deref()
                .and_then(|id| crate::explain::identifier_note(lang, s, id));
            let typo = device.filter(|_| new_volume).and_then(|d| {
                let root = edit::root_device(s)?;
                ami_encryption_rules::device::looks_like_root_typo(d, root)
                    .then(|| lang.fill("param.root-typo", &[("device", d), ("root", root)]))
            });
            Group {
                target: t.clone(),
                encrypted,
                kms_key_id,
                mapping: device.and_then(|d| s.launch_mapping(d).cloned()),
                at,
                problems,
                refusal,
                identifier_note,
                typo,
            }
        })
    });
    let set = move |encrypted: Option<bool>, key: Option<String>| {
        let t = target.get_untracked();
        explainer.edit(|s| t.set(s, encrypted, key))
    };
    // The group is drawn by one effect, from values: every edit wakes each group's effects, and
    // groups of small effects each made an edit at 26 snapshots several milliseconds slower. It
    // redraws (in place: focus and caret stay) only when what it shows changed.
    move || {
        let lang = explainer.lang.get();
        let g = group.get();
        let choices = key_choices.get();
        let custom = g.kms_key_id.as_ref().is_some_and(|k| !choices.contains(k));
        let slug = match &g.target {
            Target::Launch(device) => device.replace('/', "-"),
            Target::Copy => "copy".to_owned(),
        };
        let legend = match &g.target {
            Target::Launch(device) if new_volume => {
                lang.fill("launch.group_new", &[("device", device)])
            }
            Target::Launch(device) => lang.fill("launch.group", &[("device", device)]),
            Target::Copy => lang.t("copy.group").to_owned(),
        };
        let kms_problem_id = format!("params{slug}-kms-problem");
        let encrypted_problem_id = format!("params{slug}-encrypted-problem");
        let (encrypted, kms_key_id) = (g.encrypted, g.kms_key_id.clone());
        let key_options = choices
            .into_iter()
            .map(|choice| {
                let selected = kms_key_id.as_ref() == Some(&choice);
                let label = crate::explain::key_choice_label(&explainer, &choice);
                view! { <option value=choice prop:selected=selected>{label}</option> }
            })
            .collect_view();
        let on_encrypted = {
            let kms_key_id = kms_key_id.clone();
            move |ev: leptos::ev::Event| {
                let value = match event_target_value(&ev).as_str() {
                    "true" => Some(true),
                    "false" => Some(false),
                    _ => None,
                };
                set(value, kms_key_id.clone())
            }
        };
        let on_key = {
            let kms_key_id = kms_key_id.clone();
            move |ev: leptos::ev::Event| {
                let value = event_target_value(&ev);
                let key = match value.as_str() {
                    "" => None,
                    "\u{1}custom" => {
                        Some(kms_key_id.clone().filter(|_| custom).unwrap_or_default())
                    }
                    _ => Some(value),
                };
                set(encrypted, key)
            }
        };
        let identifier = custom.then(|| {
            view! {
                <label class="field identifier">
                    <span>{lang.t("param.identifier")}</span>
                    <input
                        type="text"
                        spellcheck="false"
                        autocomplete="off"
                        placeholder="alias/… · arn:aws:kms:…"
                        prop:value=kms_key_id.clone().unwrap_or_default()
                        aria-describedby=kms_problem_id.clone()
                        on:input=move |ev| set(encrypted, Some(event_target_value(&ev)))
                    />
                </label>
            }
        });
        let remove = new_volume.then(|| {
            view! {
                <button
                    type="button"
                    class="link danger"
                    on:click=move |_| {
                        if let Target::Launch(device) = target.get_untracked() {
                            explainer.edit(|s| edit::remove_new_volume(s, &device))
                        }
                    }
                >
                    {lang.t("launch.remove_new")}
                </button>
            }
        });
        let mapping = matches!(g.target, Target::Launch(_))
            .then(|| mapping_fields(target, new_volume, &g, &slug, lang));
        let note = g.identifier_note.clone().map(|note| {
            view! {
                <p class="field-problem" id=kms_problem_id.clone()>
                    <span aria-hidden="true">"⚠ "</span>
                    {note}
                </p>
            }
        });
        let refusal = g.refusal.as_ref().map(|error| {
            view! {
                <p class="field-problem" id=encrypted_problem_id.clone()>
                    <span aria-hidden="true">"⚠ "</span>
                    {crate::explain::error_sentence(lang, error)}
                </p>
            }
        });
        view! {
            <form class="group-form" on:submit=never_submit>
                <fieldset class="parameter-group">
                    <legend>{legend}</legend>
                    <div class="row">
                        <label class="field">
                            <span>{lang.t("param.encrypted")}</span>
                            <select aria-describedby=encrypted_problem_id.clone() on:change=on_encrypted>
                                <option value="" prop:selected=encrypted.is_none()>{lang.t("param.not_set")}</option>
                                <option value="true" prop:selected=encrypted == Some(true)>"true"</option>
                                <option value="false" prop:selected=encrypted == Some(false)>"false"</option>
                            </select>
                        </label>
                        <label class="field">
                            <span>{lang.t("param.kms")}</span>
                            <select aria-describedby=kms_problem_id.clone() on:change=on_key>
                                <option value="" prop:selected=kms_key_id.is_none()>{lang.t("param.not_set")}</option>
                                {key_options}
                                <option value="\u{1}custom" prop:selected=custom>{lang.t("param.other_identifier")}</option>
                            </select>
                        </label>
                        {identifier}
                        {remove}
                    </div>
                    {mapping}
                    {problem_line(lang, g.problem("device"), format!("params{slug}-device-problem"))}
                    {note}
                    {refusal}
                </fieldset>
            </form>
        }
    }
}

/// `NoDevice` (an AMI device) and `VolumeSize` of one launch mapping, and a hint when a new device
/// is probably a misspelt root device.
fn mapping_fields(
    target: Signal<Target>,
    new_volume: bool,
    g: &Group,
    slug: &str,
    lang: crate::i18n::Lang,
) -> impl IntoView {
    let explainer = use_explainer();
    let device = move || match target.get_untracked() {
        Target::Launch(device) => device,
        Target::Copy => String::new(),
    };
    let no_device = g.mapping.as_ref().is_some_and(|m| m.no_device);
    let size = g
        .mapping
        .as_ref()
        .and_then(|m| m.volume_size)
        .map(|n| n.to_string())
        .unwrap_or_default();
    let size_problem = format!("params{slug}-size-problem");
    let no_device_field = (!new_volume).then(|| {
        view! {
            <CheckField
                label="param.no-device"
                checked=no_device
                on_set=Callback::new(move |on| {
                    let d = device();
                    explainer.edit(|s| edit::set_no_device(s, &d, on))
                })
            />
        }
    });
    let size_field = (!no_device).then(|| {
        let size_problem = size_problem.clone();
        view! {
            <label class="field size">
                <span>{lang.t("param.volume-size")}</span>
                <input
                    type="number"
                    min="1"
                    step="1"
                    placeholder=lang.t("param.volume-size.none")
                    prop:value=size
                    aria-describedby=size_problem
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        // Empty: not set. Anything unreadable is 0, which the page reports.
                        let size = (!text.trim().is_empty()).then(|| text.trim().parse().unwrap_or(0));
                        let d = device();
                        explainer.edit(|s| edit::set_volume_size(s, &d, size))
                    }
                />
            </label>
        }
    });
    let typo = g.typo.clone().map(|typo| {
        view! {
            <p class="hint typo" role="note">
                <span aria-hidden="true">"💡 "</span>
                {typo}
            </p>
        }
    });
    view! {
        <div class="row">{no_device_field} {size_field}</div>
        {problem_line(lang, g.problem("volume_size"), size_problem)}
        {problem_line(lang, g.problem("no_device"), format!("params{slug}-no-device-problem"))}
        {typo}
    }
}

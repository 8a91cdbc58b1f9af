//! The AMI's snapshots: device, encryption, key and owner of each.

use ami_encryption_rules::SnapshotOwner;
use leptos::prelude::*;

use super::{never_submit, problem_line, problems_under, text, CheckField, Problem};
use crate::edit;
use crate::state::use_explainer;

#[component]
pub fn SnapshotsEditor() -> impl IntoView {
    let explainer = use_explainer();
    let count = move || explainer.scenario.with(|s| s.snapshots.len());
    let choices = Memo::new(move |_| explainer.scenario.with(edit::key_choices));
    view! {
        <section class="card snapshots" aria-labelledby="snapshots-heading">
            <h2 id="snapshots-heading">{text("snapshots.heading")}</h2>
            <Problem at="/snapshots".to_owned() id="snapshots-problem".to_owned() />
            <p class="hint" id="snapshots-readable-hint">{text("snapshots.readable.hint")}</p>
            <ol class="snapshot-list">
                <For each=move || 0..count() key=|i| *i children=move |i| view! { <SnapshotRow index=i choices=choices /> } />
            </ol>
            <button type="button" class="secondary" on:click=move |_| explainer.edit(edit::add_snapshot)>
                {text("snapshots.add")}
            </button>
        </section>
    }
}

#[component]
fn SnapshotRow(
    /// Position in the AMI's snapshot list.
    index: usize,
    /// The keys a snapshot can be encrypted with (one list for all rows).
    choices: Memo<Vec<String>>,
) -> impl IntoView {
    let explainer = use_explainer();
    let snapshot = Memo::new(move |_| explainer.scenario.with(|s| s.snapshots.get(index).cloned()));
    let problems = Memo::new(move |_| {
        explainer
            .problems
            .with(|all| problems_under(all, &format!("/snapshots/{index}/")))
    });
    // The row is drawn by one effect, from values: every edit wakes each row's effects, and a row
    // of small effects each (two dozen) made an edit at 26 snapshots several milliseconds slower.
    // The effect redraws (in place: focus and caret stay) only when its snapshot, its problems,
    // the key list or the language changed.
    move || {
        let lang = explainer.lang.get();
        let snapshot = snapshot.get()?;
        let problems = problems.get();
        let choices = choices.get();
        let device_problem = format!("snapshot-{index}-device-problem");
        let key_problem = format!("snapshot-{index}-key-problem");
        let size_problem = format!("snapshot-{index}-size-problem");
        let problem = |field: &str, id: String| {
            let at = format!("/snapshots/{index}/{field}");
            problem_line(
                lang,
                problems.iter().find(|p| p.at.as_deref() == Some(&at)),
                id,
            )
        };
        let shared = snapshot.owner == SnapshotOwner::Shared;
        let current_key = snapshot.kms_key.clone().unwrap_or_default();
        let key_options = choices
            .into_iter()
            .map(|choice| {
                let selected = choice == current_key;
                let label = crate::explain::key_choice_label(&explainer, &choice);
                view! { <option value=choice prop:selected=selected>{label}</option> }
            })
            .collect_view();
        Some(view! {
            <li>
                <form class="group-form" on:submit=never_submit>
                    <fieldset class="snapshot">
                        <legend>{lang.fill("snapshots.group", &[("device", &snapshot.device)])}</legend>
                        <div class="row">
                            <label class="field device">
                                <span>{lang.t("snapshots.device")}</span>
                                <input
                                    type="text"
                                    spellcheck="false"
                                    autocomplete="off"
                                    prop:value=snapshot.device.clone()
                                    aria-describedby=device_problem.clone()
                                    on:input=move |ev| {
                                        let value = event_target_value(&ev);
                                        explainer.edit(|s| edit::set_snapshot_device(s, index, &value))
                                    }
                                />
                            </label>
                            <label class="field">
                                <span>{lang.t("snapshots.owner")}</span>
                                <select on:change=move |ev| {
                                    let owner = if event_target_value(&ev) == "shared" { SnapshotOwner::Shared } else { SnapshotOwner::Me };
                                    explainer.edit(|s| edit::set_snapshot_owner(s, index, owner))
                                }>
                                    <option value="self" prop:selected=!shared>{lang.t("snapshots.owner.self")}</option>
                                    <option value="shared" prop:selected=shared>{lang.t("snapshots.owner.shared")}</option>
                                </select>
                            </label>
                        </div>
                        {problem("device", device_problem)}
                        <div class="row">
                            <CheckField
                                label="snapshots.encrypted"
                                checked=snapshot.encrypted
                                on_set=Callback::new(move |on| explainer.edit(|s| edit::set_snapshot_encrypted(s, index, on)))
                            />
                            <label class="field snapshot-key">
                                <span>{lang.t("snapshots.key")}</span>
                                <select
                                    prop:disabled=!snapshot.encrypted
                                    aria-describedby=key_problem.clone()
                                    on:change=move |ev| {
                                        let key = event_target_value(&ev);
                                        explainer.edit(|s| edit::set_snapshot_key(s, index, &key))
                                    }
                                >
                                    <option value="" prop:selected=current_key.is_empty()>"—"</option>
                                    {key_options}
                                </select>
                            </label>
                            <button type="button" class="link danger" on:click=move |_| explainer.edit(|s| edit::remove_snapshot(s, index))>
                                {lang.t("snapshots.remove")}
                            </button>
                        </div>
                        {problem("kms_key", key_problem)}
                        <div class="row">
                            <label class="field size">
                                <span>{lang.t("snapshots.size")}</span>
                                <input
                                    type="number"
                                    min="1"
                                    step="1"
                                    prop:value=snapshot.size.to_string()
                                    aria-describedby=size_problem.clone()
                                    on:change=move |ev| {
                                        // A cleared or unreadable field is size 0, which the page then reports.
                                        let size = event_target_value(&ev).trim().parse().unwrap_or(0);
                                        explainer.edit(|s| edit::set_snapshot_size(s, index, size))
                                    }
                                />
                            </label>
                            {shared.then(|| view! {
                                <CheckField
                                    label="snapshots.readable"
                                    checked=snapshot.readable
                                    on_set=Callback::new(move |on| explainer.edit(|s| edit::set_snapshot_readable(s, index, on)))
                                    describedby="snapshots-readable-hint"
                                />
                            })}
                        </div>
                        {problem("size", size_problem)}
                        {problem("readable", format!("snapshot-{index}-readable-problem"))}
                    </fieldset>
                </form>
            </li>
        })
    }
}

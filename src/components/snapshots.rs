//! The AMI's snapshots: device, encryption, key and owner of each.

use ami_encryption_rules::SnapshotOwner;
use leptos::prelude::*;

use super::{text, CheckField, Problem};
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
    // A memo per row: the row redraws when its snapshot changes, not on every edit of the scenario.
    let snapshot_memo =
        Memo::new(move |_| explainer.scenario.with(|s| s.snapshots.get(index).cloned()));
    let snapshot = move || snapshot_memo.get();
    let device = move || snapshot().map(|s| s.device).unwrap_or_default();
    let encrypted = move || snapshot().is_some_and(|s| s.encrypted);
    let shared = move || snapshot().is_some_and(|s| s.owner == SnapshotOwner::Shared);
    let current_key = move || snapshot().and_then(|s| s.kms_key).unwrap_or_default();
    let device_problem = format!("snapshot-{index}-device-problem");
    let key_problem = format!("snapshot-{index}-key-problem");
    view! {
        <li>
            <fieldset class="snapshot">
                <legend>{move || explainer.lang.get().fill("snapshots.group", &[("device", &device())])}</legend>
                <div class="row">
                    <label class="field device">
                        <span>{text("snapshots.device")}</span>
                        <input
                            type="text"
                            spellcheck="false"
                            autocomplete="off"
                            prop:value=device
                            aria-describedby=device_problem.clone()
                            on:input=move |ev| {
                                let value = event_target_value(&ev);
                                explainer.edit(|s| edit::set_snapshot_device(s, index, &value))
                            }
                        />
                    </label>
                    <label class="field">
                        <span>{text("snapshots.owner")}</span>
                        <select on:change=move |ev| {
                            let owner = if event_target_value(&ev) == "shared" { SnapshotOwner::Shared } else { SnapshotOwner::Me };
                            explainer.edit(|s| edit::set_snapshot_owner(s, index, owner))
                        }>
                            <option value="self" prop:selected=move || !shared()>{text("snapshots.owner.self")}</option>
                            <option value="shared" prop:selected=shared>{text("snapshots.owner.shared")}</option>
                        </select>
                    </label>
                </div>
                <Problem at=format!("/snapshots/{index}/device") id=device_problem />
                <div class="row">
                    <CheckField
                        label="snapshots.encrypted"
                        checked=Signal::derive(encrypted)
                        on_set=Callback::new(move |on| explainer.edit(|s| edit::set_snapshot_encrypted(s, index, on)))
                    />
                    <label class="field snapshot-key">
                        <span>{text("snapshots.key")}</span>
                        <select
                            prop:disabled=move || !encrypted()
                            aria-describedby=key_problem.clone()
                            on:change=move |ev| {
                                let key = event_target_value(&ev);
                                explainer.edit(|s| edit::set_snapshot_key(s, index, &key))
                            }
                        >
                            <option value="" prop:selected=move || current_key().is_empty()>"—"</option>
                            {move || {
                                choices
                                    .get()
                                    .into_iter()
                                    .map(|choice| {
                                        let selected = choice == current_key();
                                        let label = crate::explain::key_choice_label(&explainer, &choice);
                                        view! { <option value=choice prop:selected=selected>{label}</option> }
                                    })
                                    .collect_view()
                            }}
                        </select>
                    </label>
                    <button type="button" class="link danger" on:click=move |_| explainer.edit(|s| edit::remove_snapshot(s, index))>
                        {text("snapshots.remove")}
                    </button>
                </div>
                <Problem at=format!("/snapshots/{index}/kms_key") id=key_problem />
                <div class="row">
                    <label class="field size">
                        <span>{text("snapshots.size")}</span>
                        <input
                            type="number"
                            min="1"
                            step="1"
                            prop:value=move || snapshot().map(|s| s.size).unwrap_or_default().to_string()
                            aria-describedby=format!("snapshot-{index}-size-problem")
                            on:change=move |ev| {
                                // A cleared or unreadable field is size 0, which the page then reports.
                                let size = event_target_value(&ev).trim().parse().unwrap_or(0);
                                explainer.edit(|s| edit::set_snapshot_size(s, index, size))
                            }
                        />
                    </label>
                    <Show when=shared>
                        <CheckField
                            label="snapshots.readable"
                            checked=Signal::derive(move || snapshot().is_some_and(|s| s.readable))
                            on_set=Callback::new(move |on| explainer.edit(|s| edit::set_snapshot_readable(s, index, on)))
                            describedby="snapshots-readable-hint"
                        />
                    </Show>
                </div>
                <Problem at=format!("/snapshots/{index}/size") id=format!("snapshot-{index}-size-problem") />
                <Problem at=format!("/snapshots/{index}/readable") id=format!("snapshot-{index}-readable-problem") />
            </fieldset>
        </li>
    }
}

//! The account: encryption by default, the default key, and the keys the account knows.

use ami_encryption_rules::{KeyOwner, KeySpec, KeyState};
use leptos::prelude::*;

use super::region::{RegionField, RegionList};
use super::{never_submit, text, CheckField, Problem};
use crate::edit::{self, keys, OTHER_ACCOUNT};
use crate::state::use_explainer;

#[component]
pub fn AccountEditor() -> impl IntoView {
    let explainer = use_explainer();
    let by_default = move || explainer.scenario.with(|s| s.account.encryption_by_default);
    let default_key = Memo::new(move |_| {
        explainer
            .scenario
            .with(|s| s.account.default_kms_key.clone())
    });
    // The default key can be the AWS managed key or any listed key, or (from a link) anything else.
    let choices = Memo::new(move |_| {
        explainer.scenario.with(|s| {
            let mut all = edit::key_choices(s);
            if !all.contains(&s.account.default_kms_key) {
                all.push(s.account.default_kms_key.clone());
            }
            all
        })
    });
    let key_count = move || explainer.scenario.with(|s| keys(s).len());

    let account_id = move || explainer.scenario.with(|s| s.account.id.clone());
    let region = move || explainer.scenario.with(|s| s.account.region.clone());

    view! {
        <fieldset class="card account">
            <legend>{text("account.legend")}</legend>
            <div class="row">
                <label class="field">
                    <span>{text("account.id")}</span>
                    <input
                        type="text"
                        inputmode="numeric"
                        spellcheck="false"
                        autocomplete="off"
                        prop:value=account_id
                        aria-describedby="account-id-hint account-id-problem"
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            explainer.edit(|s| edit::set_account_id(s, &value))
                        }
                    />
                </label>
                <RegionField
                    label="account.region"
                    value=Signal::derive(region)
                    describedby="account-region-hint account-region-problem".to_owned()
                    on_set=Callback::new(move |value: String| {
                        explainer.edit(|s| edit::set_account_region(s, &value))
                    })
                />
            </div>
            <Problem at="/account/id".to_owned() id="account-id-problem".to_owned() />
            <Problem at="/account/region".to_owned() id="account-region-problem".to_owned() />
            <p class="hint" id="account-id-hint">{text("account.id.hint")}</p>
            <p class="hint" id="account-region-hint">{text("account.region.hint")}</p>
            <RegionList />
            <CheckField
                label="account.ebd"
                checked=Signal::derive(by_default)
                on_set=Callback::new(move |on| explainer.edit(|s| s.account.encryption_by_default = on))
            />
            <p class="hint">{text("account.ebd.hint")}</p>
            <label class="field">
                <span>{text("account.default_key")}</span>
                <select on:change=move |ev| {
                    let key = event_target_value(&ev);
                    explainer.edit(|s| s.account.default_kms_key = key)
                }>
                    {move || {
                        choices
                            .get()
                            .into_iter()
                            .map(|choice| {
                                let selected = choice == default_key.get();
                                let label = crate::explain::key_choice_label(&explainer, &choice);
                                view! { <option value=choice prop:selected=selected>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <p class="hint">{text("account.default_key.hint")}</p>

            <h3>{text("keys.heading")}</h3>
            <ul class="keys">
                <For each=move || 0..key_count() key=|i| *i children=move |i| view! { <KeyRow index=i /> } />
            </ul>
            <button type="button" class="secondary" on:click=move |_| explainer.edit(edit::add_key)>
                {text("keys.add")}
            </button>
        </fieldset>
    }
}

/// One key of the list.
#[component]
fn KeyRow(
    /// Position in the account's key list.
    index: usize,
) -> impl IntoView {
    let explainer = use_explainer();
    // A memo per row: the row redraws when its key changes, not on every edit of the scenario.
    let key_memo = Memo::new(move |_| explainer.scenario.with(|s| keys(s).get(index).cloned()));
    let key = move || key_memo.get();
    let alias = move || key().and_then(|k| k.alias).unwrap_or_default();
    let is_other = move || key().is_some_and(|k| matches!(k.owner, KeyOwner::Account(_)));
    let name = move || key().map(|k| k.alias.unwrap_or(k.id)).unwrap_or_default();
    let state = move || key().map(|k| k.state).unwrap_or_default();
    let asymmetric = move || key().is_some_and(|k| k.spec == KeySpec::Asymmetric);
    let call_region = move || explainer.scenario.with(|s| s.account.region.clone());
    // A memo, so that the disclosure opens when the key starts using a setting, and a reader's own
    // opening is not undone by unrelated edits.
    let more = Memo::new(move |_| {
        let set = key().is_some_and(|k| {
            k.region.is_some()
                || k.state != KeyState::Enabled
                || k.spec != KeySpec::Symmetric
                || k.multi_region
                || k.auto_scaling
        });
        let problem = ["region", "multi_region"].iter().any(|field| {
            explainer
                .problem_at(&format!("/account/keys/{index}/{field}"))
                .is_some()
        });
        set || problem
    });
    let alias_problem = format!("key-{index}-alias-problem");
    let alias_at = format!("/account/keys/{index}/alias");
    view! {
        <li>
            <form class="group-form" on:submit=never_submit>
                <fieldset class="key">
                    <legend>{move || explainer.lang.get().fill("keys.group", &[("name", &name())])}</legend>
                    <p class="key-id">
                        {text("keys.id")} ": " <code>{move || key().map(|k| k.id).unwrap_or_default()}</code>
                    </p>
                    <label class="field">
                        <span>{text("keys.alias")}</span>
                        <input
                            type="text"
                            spellcheck="false"
                            autocomplete="off"
                            prop:value=alias
                            aria-describedby=alias_problem.clone()
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                explainer.edit(|s| edit::set_key_alias(s, index, &value))
                            }
                        />
                    </label>
                    <Problem at=alias_at id=alias_problem />
                    <label class="field">
                        <span>{text("keys.owner")}</span>
                        <select on:change=move |ev| {
                            let owner = match event_target_value(&ev).as_str() {
                                "other" => KeyOwner::Account(OTHER_ACCOUNT.into()),
                                _ => KeyOwner::Me,
                            };
                            explainer.edit(|s| edit::set_key_owner(s, index, owner))
                        }>
                            <option value="self" prop:selected=move || !is_other()>{text("keys.owner.self")}</option>
                            <option value="other" prop:selected=is_other>{text("keys.owner.other")}</option>
                        </select>
                    </label>
                    <Problem at=format!("/account/keys/{index}/owner") id=format!("key-{index}-owner-problem") />
                    // Most keys need none of these; a key that uses one (or has a problem there) shows them.
                    <details class="key-more" prop:open=move || more.get()>
                    <summary>{text("keys.more")}</summary>
                    <div class="row">
                        <RegionField
                            label="keys.region"
                            value=Signal::derive(move || key().and_then(|k| k.region).unwrap_or_default())
                            placeholder=Signal::derive(call_region)
                            describedby=format!("key-{index}-region-hint key-{index}-region-problem")
                            on_set=Callback::new(move |value: String| {
                                explainer.edit(|s| edit::set_key_region(s, index, &value))
                            })
                        />
                        <label class="field">
                            <span>{text("keys.state")}</span>
                            <select on:change=move |ev| {
                                let state = match event_target_value(&ev).as_str() {
                                    "disabled" => KeyState::Disabled,
                                    "pending-deletion" => KeyState::PendingDeletion,
                                    _ => KeyState::Enabled,
                                };
                                explainer.edit(|s| edit::set_key_state(s, index, state))
                            }>
                                <option value="enabled" prop:selected=move || state() == KeyState::Enabled>{text("keys.state.enabled")}</option>
                                <option value="disabled" prop:selected=move || state() == KeyState::Disabled>{text("keys.state.disabled")}</option>
                                <option value="pending-deletion" prop:selected=move || state() == KeyState::PendingDeletion>{text("keys.state.pending-deletion")}</option>
                            </select>
                        </label>
                        <label class="field">
                            <span>{text("keys.spec")}</span>
                            <select on:change=move |ev| {
                                let spec = if event_target_value(&ev) == "asymmetric" { KeySpec::Asymmetric } else { KeySpec::Symmetric };
                                explainer.edit(|s| edit::set_key_spec(s, index, spec))
                            }>
                                <option value="symmetric" prop:selected=move || !asymmetric()>{text("keys.spec.symmetric")}</option>
                                <option value="asymmetric" prop:selected=asymmetric>{text("keys.spec.asymmetric")}</option>
                            </select>
                        </label>
                    </div>
                    <p class="hint" id=format!("key-{index}-region-hint")>
                        {move || explainer.lang.get().fill("keys.region.hint", &[("region", &call_region())])}
                    </p>
                    <Problem at=format!("/account/keys/{index}/region") id=format!("key-{index}-region-problem") />
                    <CheckField
                        label="keys.multi-region"
                        checked=Signal::derive(move || key().is_some_and(|k| k.multi_region))
                        on_set=Callback::new(move |on| explainer.edit(|s| edit::set_key_multi_region(s, index, on)))
                    />
                    <Problem at=format!("/account/keys/{index}/multi_region") id=format!("key-{index}-mrk-problem") />
                    <CheckField
                        label="keys.auto-scaling"
                        checked=Signal::derive(move || key().is_some_and(|k| k.auto_scaling))
                        on_set=Callback::new(move |on| explainer.edit(|s| edit::set_key_auto_scaling(s, index, on)))
                    />
                    </details>
                    <CheckField
                        label="keys.usable"
                        checked=Signal::derive(move || key().is_some_and(|k| k.usable))
                        on_set=Callback::new(move |on| explainer.edit(|s| edit::set_key_usable(s, index, on)))
                    />
                    <button type="button" class="link danger" on:click=move |_| explainer.edit(|s| edit::remove_key(s, index))>
                        {text("keys.remove")}
                    </button>
                </fieldset>
            </form>
        </li>
    }
}

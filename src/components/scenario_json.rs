//! The scenario as JSON — the same format as `rules/examples/resolve.rs` — to copy out, or to
//! paste in and load. Pasted text that is not a scenario gets a message naming where and why.

use ami_encryption_rules::input;
use leptos::prelude::*;

use super::text as t;

use crate::on_demand::client::OnDemandCard;
use crate::state::use_explainer;

/// "Scenario as JSON": a disclosure whose content comes with the panels module (with the JSON
/// reader and writer, which the first load does not need).
#[component]
pub fn ScenarioJson() -> impl IntoView {
    view! { <OnDemandCard class="scenario-json" heading="json.heading" panel="scenario-json" plain=true /> }
}

/// The content of "Scenario as JSON" (in the panels module, mounted only while it is open).
#[component]
pub fn ScenarioJsonBody() -> impl IntoView {
    let explainer = use_explainer();
    // What the person typed, until it is loaded; `None` shows the current scenario.
    let draft = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let current = move || {
        explainer
            .scenario
            .with(|s| serde_json::to_string_pretty(s).unwrap_or_default())
    };
    let load = move |_| {
        let text = draft.get_untracked().unwrap_or_else(current);
        match input::parse_one(&text) {
            Ok(scenario) => {
                error.set(None);
                draft.set(None);
                explainer.notice.set(None);
                explainer.load(scenario);
            }
            Err(err) => error.set(Some(err.to_string())),
        }
    };
    // Mounted only while the section is open: the JSON is not written on every edit.
    view! {
            <p class="hint">{t("json.hint")}</p>
            <label class="field">
                <span>{t("json.label")}</span>
                <textarea
                    rows="12"
                    spellcheck="false"
                    aria-describedby="json-error"
                    prop:value=move || draft.get().unwrap_or_else(current)
                    on:input=move |ev| draft.set(Some(event_target_value(&ev)))
                ></textarea>
            </label>
            <div class="row">
                <button type="button" class="secondary" on:click=load>{t("json.load")}</button>
                <button type="button" class="link" on:click=move |_| {
                    draft.set(None);
                    error.set(None);
                }>{t("json.revert")}</button>
            </div>
            <Show when=move || error.get().is_some()>
                <p class="field-problem" id="json-error" role="alert">
                    {t("json.error")} {move || explainer.lang.get().sentence_gap()} <code lang="en">{move || error.get()}</code>
                </p>
            </Show>
    }
}

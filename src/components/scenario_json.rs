//! The scenario as JSON — the same format as `rules/examples/resolve.rs` — to copy out, or to
//! paste in and load. Pasted text that is not a scenario gets a message naming where and why.

use ami_encryption_rules::input;
use leptos::prelude::*;

use super::text as t;

use crate::state::use_explainer;

#[component]
pub fn ScenarioJson() -> impl IntoView {
    let explainer = use_explainer();
    // What the person typed, until it is loaded; `None` shows the current scenario.
    let draft = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    // The JSON is written only while the section is open, not on every edit.
    let open = RwSignal::new(false);
    let details = NodeRef::<leptos::html::Details>::new();
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
    view! {
        <details
            class="card scenario-json"
            node_ref=details
            on:toggle=move |_| open.set(details.get().is_some_and(|d| d.open()))
        >
            <summary>{t("json.heading")}</summary>
            <Show when=move || open.get()>
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
            </Show>
        </details>
    }
}

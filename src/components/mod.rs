//! The page's components, one idea per file.

pub mod account;
pub mod advice;
pub mod bring_ami;
pub mod decision_table;
pub mod diagram;
pub mod notice;
pub mod operation;
pub mod outcome_table;
pub mod parameters;
pub mod presenter;
pub mod preset_intro;
pub mod quiz;
pub mod reasons;
pub mod region;
pub mod scenario_json;
pub mod snapshots;
pub mod status;
pub mod take_away;
pub mod toolbar;

use leptos::prelude::*;

use crate::state::use_explainer;

/// The translated text for a fixed key, following the page's language.
pub fn text(key: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let explainer = use_explainer();
    move || explainer.lang.get().t(key)
}

/// The message under a control when the scenario has a problem at `at` (a JSON pointer).
#[component]
pub fn Problem(
    /// The JSON pointer of the field the control edits, such as `/snapshots/0/device`.
    #[prop(into)]
    at: Signal<String>,
    /// The id the control names in `aria-describedby`.
    #[prop(into)]
    id: Signal<String>,
) -> impl IntoView {
    let explainer = use_explainer();
    let problem = move || at.with(|at| explainer.problem_at(at));
    view! {
        <Show when=move || problem().is_some()>
            <p class="field-problem" id=move || id.get()>
                <span aria-hidden="true">"⚠ "</span>
                {move || problem().map(|p| crate::explain::problem(explainer.lang.get(), &p))}
            </p>
        </Show>
    }
}

/// A labelled checkbox for one yes-or-no setting of the scenario.
#[component]
pub fn CheckField(
    /// The label's translation key.
    label: &'static str,
    /// Whether the box is ticked.
    #[prop(into)]
    checked: Signal<bool>,
    /// Called with the new state when the reader ticks or clears the box.
    on_set: Callback<bool>,
    /// The id of a hint that describes the box, if any.
    #[prop(optional)]
    describedby: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class="check">
            <input
                type="checkbox"
                prop:checked=move || checked.get()
                aria-describedby=describedby
                on:change=move |ev| on_set.run(event_target_checked(&ev))
            />
            <span>{text(label)}</span>
        </label>
    }
}

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
pub mod shapes;
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

/// The submit handler of a form that holds one group of the editor's controls (a snapshot, a key,
/// a parameter group) and is never sent anywhere.
///
/// Why the forms: after every input, Chromium's form autofill reads each control of the changed
/// control's form, and counts all the controls outside any form as one form. With 26 snapshots
/// that was 340 controls, ~15 ms of the main thread after each keystroke in a device name; with
/// a form per group it is the group's handful. Enter in a group's only text field submits its
/// form, which must not leave the page.
pub fn never_submit(ev: leptos::ev::SubmitEvent) {
    ev.prevent_default();
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
    // A memo: each control's problem is asked for on every edit, and is rarely there.
    let problem = Memo::new(move |_| at.with(|at| explainer.problem_at(at)));
    view! {
        <Show when=move || problem.with(Option::is_some)>
            <p class="field-problem" id=move || id.get()>
                <span aria-hidden="true">"⚠ "</span>
                {move || problem.with(|p| p.as_ref().map(|p| crate::explain::problem(explainer.lang.get(), p)))}
            </p>
        </Show>
    }
}

/// The problems at or under the JSON pointer prefix `under` (`/snapshots/2/`), for a part of the
/// editor drawn from values.
pub fn problems_under(
    all: &[ami_encryption_rules::RequestError],
    under: &str,
) -> Vec<ami_encryption_rules::RequestError> {
    all.iter()
        .filter(|p| p.at.as_deref().is_some_and(|at| at.starts_with(under)))
        .cloned()
        .collect()
}

/// What [`Problem`] shows, drawn once from a value (`None`: nothing).
pub fn problem_line(
    lang: crate::i18n::Lang,
    problem: Option<&ami_encryption_rules::RequestError>,
    id: String,
) -> Option<impl IntoView> {
    problem.map(|p| {
        view! {
            <p class="field-problem" id=id>
                <span aria-hidden="true">"⚠ "</span>
                {crate::explain::problem(lang, p)}
            </p>
        }
    })
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

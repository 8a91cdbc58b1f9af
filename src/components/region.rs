//! A field for a Region code, and the one list of Region codes every such field offers.

use leptos::prelude::*;

use super::text;

/// A labelled text field for a Region code (`us-east-1`), offering the known codes; any other code
/// can be typed, and the engine says when it is not one.
#[component]
pub fn RegionField(
    /// The label's translation key.
    label: &'static str,
    /// The Region shown.
    #[prop(into)]
    value: Signal<String>,
    /// Shown while the field is empty: the Region an empty field stands for.
    #[prop(into, optional)]
    placeholder: Option<Signal<String>>,
    /// The ids of the hint and the problem that describe the field.
    describedby: String,
    /// Called with the text when it changes.
    on_set: Callback<String>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{text(label)}</span>
            <input
                type="text"
                list="regions"
                spellcheck="false"
                autocomplete="off"
                placeholder=move || placeholder.map(|p| p.get()).unwrap_or_default()
                prop:value=move || value.get()
                aria-describedby=describedby
                on:change=move |ev| on_set.run(event_target_value(&ev))
            />
        </label>
    }
}

/// Region codes to pick from in every Region field.
#[component]
pub fn RegionList() -> impl IntoView {
    const REGIONS: &[&str] = &[
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
        "ca-central-1",
        "sa-east-1",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "eu-central-1",
        "eu-central-2",
        "eu-north-1",
        "eu-south-1",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-south-1",
        "ap-east-1",
        "me-central-1",
        "af-south-1",
    ];
    view! {
        <datalist id="regions">
            {REGIONS.iter().map(|r| view! { <option value=*r></option> }).collect_view()}
        </datalist>
    }
}

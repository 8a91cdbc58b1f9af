//! The introduction of the example on screen, while the scenario is exactly that example.

use leptos::prelude::*;

use crate::state::use_explainer;
use ami_encryption_rules::preset as presets;

#[component]
pub fn PresetIntro() -> impl IntoView {
    let explainer = use_explainer();
    // Derived, not stored: the introduction goes away as soon as the scenario is edited.
    let preset = Memo::new(move |_| {
        explainer
            .scenario
            .with(|s| presets::matching(s).map(|p| p.id))
    });
    move || {
        let id = preset.get()?;
        let link = presets::ALL.iter().find(|p| p.id == id)?.link;
        let lang = explainer.lang.get();
        Some(view! {
            <section class="card preset-intro" aria-labelledby="preset-heading">
                <p class="eyebrow">{lang.t("preset.about")}</p>
                <h2 id="preset-heading">{lang.fill(&format!("preset.{id}.title"), &[])}</h2>
                <p>{lang.fill(&format!("preset.{id}.intro"), &[])}</p>
                <p class="small"><a href=link target="_blank" rel="noopener">{lang.t("preset.read")}</a></p>
            </section>
        })
    }
}

//! The introduction of the example the scenario started from (the starter scenario has one too).
//! While the scenario is that example it is open; after an edit it folds into one line that
//! still opens, with its "try this" advice and a way back to the example as it was.

use leptos::prelude::*;

use crate::state::{use_explainer, STARTER};
use ami_encryption_rules::preset as presets;
use ami_encryption_rules::source;

#[component]
pub fn PresetIntro() -> impl IntoView {
    let explainer = use_explainer();
    move || {
        let id = explainer.example.get()?;
        let (link, build): (&'static str, fn() -> ami_encryption_rules::Scenario) = if id == STARTER
        {
            (source::AMI_LAUNCH, crate::edit::starter)
        } else {
            let preset = presets::ALL.iter().find(|p| p.id == id)?;
            (preset.link, preset.build)
        };
        let unchanged = explainer.scenario.with(|s| *s == build());
        let lang = explainer.lang.get();
        let title = lang.fill(&format!("preset.{id}.title"), &[]);
        let body = view! {
            <p>{lang.fill(&format!("preset.{id}.intro"), &[])}</p>
            <p class="small"><a href=link target="_blank" rel="noopener">{lang.t("preset.read")}</a></p>
        };
        Some(if unchanged {
            view! {
                <section class="card preset-intro" aria-labelledby="preset-heading">
                    <p class="eyebrow">{lang.t(if id == STARTER { "preset.about-starter" } else { "preset.about" })}</p>
                    <h2 id="preset-heading">{title}</h2>
                    {body}
                </section>
            }
            .into_any()
        } else {
            view! {
                <details class="card preset-intro folded">
                    <summary>
                        <span class="eyebrow">{lang.t("preset.started-from")}</span>
                        " "
                        <strong>{title}</strong>
                    </summary>
                    {body}
                    <button type="button" class="secondary" on:click=move |_| {
                        explainer.load(build());
                    }>{lang.t("preset.back")}</button>
                </details>
            }
            .into_any()
        })
    }
}

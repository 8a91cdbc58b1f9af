//! "Take it with you": the call that makes this scenario as an AWS CLI command, Terraform,
//! CloudFormation or Packer (written by the tools worker, with the outcome as comments), the
//! picture as SVG or PNG, and the scenario as a JSON file to keep and open again. Nothing leaves
//! the browser: files are made in the page and saved from it.

use ami_encryption_rules::input;
use ami_encryption_worker::{Outcome as Answer, Task};
use leptos::prelude::*;

use super::text as t;

use crate::files;
use crate::on_demand::client::OnDemandCard;
use crate::state::use_explainer;

/// The export formats, as the worker names them, with their tab labels and file names.
const FORMATS: [(&str, &str, &str); 4] = [
    ("cli", "AWS CLI", "run.sh"),
    ("terraform", "Terraform", "main.tf"),
    ("cloudformation", "CloudFormation", "template.yaml"),
    ("packer", "Packer", "ami.pkr.hcl"),
];

/// "Take it with you": a disclosure whose content comes with the panels module.
#[component]
pub fn TakeAway() -> impl IntoView {
    view! { <OnDemandCard class="take-away" heading="take.heading" panel="take-away" /> }
}

/// The content of "Take it with you" (in the panels module, mounted only while it is open).
#[component]
pub fn TakeAwayBody() -> impl IntoView {
    let explainer = use_explainer();
    let format = RwSignal::new(0usize);
    let status = RwSignal::new(None::<&'static str>);
    let lang = move || explainer.lang.get();

    let code = LocalResource::new(move || {
        let asked = Some((explainer.scenario.get(), FORMATS[format.get()].0));
        async move {
            let (scenario, format) = asked?;
            Some(
                match crate::tools::ask(Task::Export {
                    scenario,
                    format: format.into(),
                })
                .await
                {
                    Ok(Answer::Exported(text)) => Ok(text),
                    Ok(_) => Err(String::new()),
                    Err(crate::tools::Failed::Refused(e) | crate::tools::Failed::Worker(e)) => {
                        Err(e)
                    }
                },
            )
        }
    });
    let text = move || match code.get().flatten() {
        Some(Ok(text)) => text,
        _ => String::new(),
    };

    let tab_ids = |i: usize| (format!("export-tab-{i}"), format!("export-panel-{i}"));
    let select = move |i: usize| {
        format.set(i);
        request_animation_frame(move || crate::browser::focus(&tab_ids(i).0));
    };
    // The tabs pattern: arrows move between tabs, Home and End to the first and last.
    let on_tab_key = move |ev: leptos::ev::KeyboardEvent| {
        let now = format.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" => (now + 1) % FORMATS.len(),
            "ArrowLeft" => (now + FORMATS.len() - 1) % FORMATS.len(),
            "Home" => 0,
            "End" => FORMATS.len() - 1,
            _ => return,
        };
        ev.prevent_default();
        select(next);
    };
    let copy = move |_| {
        let text = text();
        leptos::task::spawn_local(async move {
            let ok = crate::browser::copy_text(&text).await;
            status.set(Some(if ok {
                "take.copied"
            } else {
                "tools.copy-failed"
            }));
        });
    };
    let save_code = move |_| {
        let (_, _, name) = FORMATS[format.get_untracked()];
        let ok = files::save_text(&text(), name, "text/plain");
        status.set(Some(if ok { "take.saved" } else { "take.save-failed" }));
    };
    let save_json = move |_| {
        let json = explainer
            .scenario
            .with_untracked(|s| serde_json::to_string_pretty(s).unwrap_or_default());
        let ok = files::save_text(&json, "scenario.json", "application/json");
        status.set(Some(if ok { "take.saved" } else { "take.save-failed" }));
    };
    let save_svg = move |_| {
        let ok = files::diagram_svg()
            .is_some_and(|svg| files::save_text(&svg, "ami-encryption.svg", "image/svg+xml"));
        status.set(Some(if ok { "take.saved" } else { "take.save-failed" }));
    };
    let save_png = move |_| {
        leptos::task::spawn_local(async move {
            let ok = files::save_diagram_png("ami-encryption.png").await;
            status.set(Some(if ok { "take.saved" } else { "take.save-failed" }));
        });
    };
    let open_file = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(file) = input
            .as_ref()
            .and_then(|i| files::files(i.files()).into_iter().next())
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            load_scenario_file(explainer, file).await;
        });
        if let Some(input) = input {
            input.set_value("");
        }
    };

    view! {
        <div class="take-away-body">
            <p class="hint">{t("take.hint")}</p>
            <div role="tablist" class="tabs" aria-label=t("take.formats")>
                {FORMATS
                    .iter()
                    .enumerate()
                    .map(|(i, (_, label, _))| {
                        let (tab, panel) = tab_ids(i);
                        view! {
                            <button type="button" role="tab" id=tab aria-controls=panel class="tab"
                                aria-selected=move || if format.get() == i { "true" } else { "false" }
                                tabindex=move || if format.get() == i { "0" } else { "-1" }
                                on:click=move |_| select(i)
                                on:keydown=on_tab_key>
                                {*label}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <div role="tabpanel" class="tab-panel" id=move || tab_ids(format.get()).1 aria-labelledby=move || tab_ids(format.get()).0>
                <label class="field">
                    <span>{move || lang().fill("take.code", &[("format", FORMATS[format.get()].1)])}</span>
                    <textarea readonly rows="14" spellcheck="false" prop:value=text></textarea>
                </label>
                {move || match code.get().flatten() {
                    Some(Err(e)) if !e.is_empty() => Some(view! { <p class="error-text" role="alert">{lang().t("advice.failed")}" "<code>{e}</code></p> }),
                    _ => None,
                }}
                <div class="row">
                    <button type="button" class="secondary" on:click=copy>{t("take.copy")}</button>
                    <button type="button" class="secondary" on:click=save_code>
                        {move || lang().fill("take.save-code", &[("file", FORMATS[format.get()].2)])}
                    </button>
                </div>
            </div>
            <h3>{t("take.files")}</h3>
            <div class="row wrap">
                <button type="button" class="secondary" on:click=save_svg>{t("take.svg")}</button>
                <button type="button" class="secondary" on:click=save_png>{t("take.png")}</button>
                <button type="button" class="secondary" on:click=save_json>{t("take.json")}</button>
            </div>
            <label class="field file-field">
                <span>{t("take.open")}</span>
                <input type="file" accept=".json,application/json" on:change=open_file />
            </label>
            <p class="hint">{t("take.drop")}</p>
            <p class="take-status" role="status">{move || status.get().map(|key| lang().t(key))}</p>
        </div>
    }
}

/// Loads a scenario file (picked or dropped on the page); a file that is not a scenario leaves the
/// scenario as it is and says why.
pub async fn load_scenario_file(explainer: crate::state::Explainer, file: web_sys::File) {
    let text = files::text_of(&file).await.unwrap_or_default();
    match input::parse_one(&text) {
        Ok(scenario) => {
            explainer.notice.set(None);
            explainer.load(scenario);
        }
        Err(err) => explainer
            .notice
            .set(Some(crate::state::Notice::BadFile(err.to_string()))),
    }
}

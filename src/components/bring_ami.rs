//! "Bring your own AMI": the AWS CLI commands to run for an AMI (and one CloudShell snippet that
//! runs them all), then their output pasted, picked or dropped here, read by the tools worker, and
//! shown before it replaces the scenario. Everything stays in the browser.

use ami_encryption_interop::commands::{cloudshell, commands, BadInput};
use ami_encryption_rules::Scenario;
use ami_encryption_worker::{Note, Outcome as Answer, Task};
use leptos::prelude::*;

use super::text as t;

use crate::files;
use crate::i18n::Lang;
use crate::on_demand::client::OnDemandCard;
use crate::state::use_explainer;

/// A note of the importer in the page's language (`import.note.<id>`, its arguments filled in).
fn note_text(lang: Lang, note: &Note) -> String {
    let key = format!("import.note.{}", note.id);
    let args: Vec<(&str, &str)> = note
        .args
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let text = lang.fill(&key, &args);
    if text == key {
        // A note this page does not know yet (a newer worker): its id and arguments, as they are.
        format!("{} {:?}", note.id, note.args)
    } else {
        text
    }
}

/// What was read, waiting for the reader to take it or leave it.
#[derive(Clone)]
enum Read {
    Imported(Box<Scenario>, Vec<Note>),
    NotImported(String),
}

/// "Bring your own AMI": a disclosure whose content comes with the panels module; what the reader
/// typed stays when it is closed.
#[component]
pub fn BringYourAmi() -> impl IntoView {
    view! { <OnDemandCard class="byo" heading="byo.heading" panel="bring-ami" keep=true /> }
}

/// The content of "Bring your own AMI" (in the panels module).
#[component]
pub fn BringYourAmiBody() -> impl IntoView {
    let explainer = use_explainer();
    let lang = move || explainer.lang.get();
    let ami = RwSignal::new(String::new());
    let region = RwSignal::new(
        explainer
            .scenario
            .with_untracked(|s| s.account.region.clone()),
    );
    let pasted = RwSignal::new(String::new());
    let dropped = RwSignal::new(Vec::<(String, String)>::new());
    let read = RwSignal::new(None::<Read>);
    let status = RwSignal::new(None::<&'static str>);

    let written = move || {
        let (ami, region) = (ami.get(), region.get());
        if ami.trim().is_empty() {
            return None;
        }
        Some(
            commands(ami.trim(), region.trim())
                .and_then(|list| Ok((list, cloudshell(ami.trim(), region.trim())?))),
        )
    };
    let copy = move |text: String| {
        leptos::task::spawn_local(async move {
            let ok = crate::browser::copy_text(&text).await;
            status.set(Some(if ok {
                "take.copied"
            } else {
                "tools.copy-failed"
            }));
        });
    };
    let add_files = move |list: Vec<web_sys::File>| {
        leptos::task::spawn_local(async move {
            for file in list {
                let text = files::text_of(&file).await.unwrap_or_default();
                dropped.update(|all| all.push((file.name(), text)));
            }
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        if let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            add_files(files::files(input.files()));
            input.set_value("");
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        // This drop is the importer's, not the page's "open a scenario file".
        ev.stop_propagation();
        add_files(files::files(ev.data_transfer().and_then(|d| d.files())));
    };
    let run = move |_| {
        let mut texts: Vec<String> = dropped
            .get_untracked()
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        let typed = pasted.get_untracked();
        if !typed.trim().is_empty() {
            texts.insert(0, typed);
        }
        let into = explainer.scenario.get_untracked();
        leptos::task::spawn_local(async move {
            let result = crate::tools::ask(Task::Import {
                pasted: texts,
                into,
            })
            .await;
            read.set(Some(match result {
                Ok(Answer::Imported { scenario, notes }) => {
                    Read::Imported(Box::new(scenario), notes)
                }
                Ok(Answer::NotImported(why) | Answer::Error(why)) => Read::NotImported(why),
                Ok(_) => Read::NotImported(String::new()),
                Err(crate::tools::Failed::Refused(e) | crate::tools::Failed::Worker(e)) => {
                    Read::NotImported(e)
                }
            }));
        });
    };

    view! {
        <div class="byo-body">
            <p class="hint">{t("byo.hint")}</p>
            <div class="byo-target">
                <label class="field">
                    <span>{t("byo.ami")}</span>
                    <input type="text" spellcheck="false" placeholder="ami-0123456789abcdef0"
                        prop:value=move || ami.get() on:input=move |ev| ami.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{t("byo.region")}</span>
                    <input type="text" spellcheck="false"
                        prop:value=move || region.get() on:input=move |ev| region.set(event_target_value(&ev)) />
                </label>
            </div>
            {move || written().map(|result| match result {
                Err(bad) => view! {
                    <p class="field-problem" role="alert">{lang().t(match bad {
                        BadInput::AmiId => "byo.bad-ami",
                        BadInput::Region => "byo.bad-region",
                    })}</p>
                }.into_any(),
                Ok((list, snippet)) => {
                    let snippet_copy = snippet.clone();
                    view! {
                        <h3>{lang().t("byo.commands")}</h3>
                        <ol class="commands">
                            {list.into_iter().map(|command| {
                                let text = command.clone();
                                view! {
                                    <li>
                                        <code>{command}</code>
                                        " "
                                        <button type="button" class="link" aria-label=lang().fill("byo.copy-command", &[("command", &text)])
                                            on:click=move |_| copy(text.clone())>{lang().t("byo.copy")}</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                        <h3>{lang().t("byo.cloudshell")}</h3>
                        <pre class="snippet"><code>{snippet}</code></pre>
                        <button type="button" class="secondary" on:click=move |_| copy(snippet_copy.clone())>{lang().t("byo.copy-snippet")}</button>
                    }.into_any()
                }
            })}
            <h3>{t("byo.paste-heading")}</h3>
            <div class="drop-zone" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                <label class="field">
                    <span>{t("byo.paste")}</span>
                    <textarea rows="6" spellcheck="false" prop:value=move || pasted.get()
                        on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                </label>
                <label class="field file-field">
                    <span>{t("byo.files")}</span>
                    <input type="file" multiple accept=".json,application/json,text/plain" on:change=on_pick />
                </label>
                {move || {
                    let names: Vec<String> = dropped.get().into_iter().map(|(n, _)| n).collect();
                    (!names.is_empty()).then(|| view! {
                        <p class="hint">{lang().fill("byo.files-added", &[("files", &names.join(lang().list_separator()))])}
                            " " <button type="button" class="link" on:click=move |_| dropped.set(Vec::new())>{lang().t("byo.clear")}</button></p>
                    })
                }}
            </div>
            <button type="button" class="secondary" on:click=run>{t("byo.read")}</button>
            <p class="hint">{t("byo.private")}</p>
            {move || read.get().map(|result| match result {
                Read::NotImported(why) => view! {
                    <p class="field-problem" role="alert">{lang().t("byo.not-imported")}" "<code lang="en">{why}</code></p>
                }.into_any(),
                Read::Imported(scenario, notes) => {
                    let lang = lang();
                    let summary = lang.fill("byo.summary", &[
                        ("snapshots", &scenario.snapshots.len().to_string()),
                        ("keys", &scenario.account.keys.as_ref().map_or(0, Vec::len).to_string()),
                        ("account", &scenario.account.id),
                        ("region", &scenario.account.region),
                    ]);
                    view! {
                        <section class="import-preview" aria-labelledby="import-preview-heading">
                            <h3 id="import-preview-heading">{lang.t("byo.preview")}</h3>
                            <p role="status">{summary}</p>
                            <ul class="notes">
                                {notes.iter().map(|n| view! { <li>{note_text(lang, n)}</li> }).collect_view()}
                            </ul>
                            <div class="row">
                                <button type="button" class="secondary" on:click=move |_| {
                                    explainer.notice.set(None);
                                    explainer.load((*scenario).clone());
                                    read.set(None);
                                }>{lang.t("byo.replace")}</button>
                                <button type="button" class="link" on:click=move |_| read.set(None)>{lang.t("byo.discard")}</button>
                            </div>
                        </section>
                    }.into_any()
                }
            })}
            <p class="take-status" role="status">{move || status.get().map(|key| lang().t(key))}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ami_encryption_worker::{answer, Request, Response};

    /// Every note the importer gives on real-shaped outputs has words in both languages.
    #[test]
    fn every_import_note_is_translated() {
        let outputs: Vec<String> = [
            include_str!("../../interop/tests/fixtures/describe-images-owned.json"),
            include_str!("../../interop/tests/fixtures/describe-images-shared.json"),
            include_str!("../../interop/tests/fixtures/describe-images-instance-store.json"),
            include_str!("../../interop/tests/fixtures/describe-snapshots-owned.json"),
            include_str!("../../interop/tests/fixtures/describe-snapshots-extra.json"),
            include_str!("../../interop/tests/fixtures/describe-key-asymmetric.json"),
            include_str!("../../interop/tests/fixtures/list-aliases.json"),
            include_str!("../../interop/tests/fixtures/get-caller-identity.json"),
        ]
        .map(String::from)
        .into();
        let mut seen = std::collections::BTreeSet::new();
        // One image at a time (several at once are refused), with everything else.
        for image in 0..3 {
            let pasted: Vec<String> = outputs
                .iter()
                .enumerate()
                .filter(|(i, _)| *i >= 3 || *i == image)
                .map(|(_, o)| o.clone())
                .collect();
            let request = Request {
                id: 1,
                task: Task::Import {
                    pasted,
                    into: Scenario::default(),
                },
            };
            let reply: Response =
                serde_json::from_str(&answer(&serde_json::to_string(&request).unwrap())).unwrap();
            if let Answer::Imported { notes, .. } = reply.result {
                for note in notes {
                    for lang in Lang::ALL {
                        let text = note_text(lang, &note);
                        assert!(!text.contains('{'), "{}: {text}", lang.tag());
                        assert!(!text.starts_with(&note.id), "no words for {}", note.id);
                    }
                    seen.insert(note.id);
                }
            }
        }
        assert!(seen.len() >= 5, "{seen:?}");
    }
}

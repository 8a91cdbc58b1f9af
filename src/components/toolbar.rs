//! The header's tools: examples, sharing (link, embed code), reset, language and theme.

use leptos::prelude::*;

use super::text as t;

use crate::browser::{self, key};
use crate::i18n::Lang;
use crate::state::use_explainer;
use crate::theme::Theme;
use ami_encryption_rules::preset::{self as presets, Kind};

#[component]
pub fn Toolbar(
    /// The colour theme chosen in the page (system, light or dark).
    theme: RwSignal<Theme>,
) -> impl IntoView {
    let explainer = use_explainer();
    view! {
        <nav class="toolbar" aria-label=t("tools.examples")>
            <ExamplesMenu />
            <Share />
            <button type="button" class="tool" on:click=move |_| {
                explainer.notice.set(None);
                explainer.load(crate::edit::starter());
            }>{t("tools.reset")}</button>
            <label class="tool-field">
                <span>{t("tools.language")}</span>
                <select on:change=move |ev| {
                    if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                        browser::save(browser::stored::LANG, lang.tag());
                        explainer.lang.set(lang);
                    }
                }>
                    {Lang::ALL
                        .into_iter()
                        .map(|lang| view! {
                            <option value=lang.tag() lang=lang.tag() prop:selected=move || explainer.lang.get() == lang>{lang.name()}</option>
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="tool-field">
                <span>{t("tools.theme")}</span>
                <select on:change=move |ev| theme.set(Theme::from_name(&event_target_value(&ev)))>
                    {Theme::ALL
                        .into_iter()
                        .map(|choice| view! {
                            <option value=choice.name() prop:selected=move || theme.get() == choice>{t(choice.label_key())}</option>
                        })
                        .collect_view()}
                </select>
            </label>
        </nav>
    }
}

/// A disclosure with the examples: the AWS page's scenarios, then the common mistakes.
#[component]
fn ExamplesMenu() -> impl IntoView {
    let explainer = use_explainer();
    let details = NodeRef::<leptos::html::Details>::new();
    let group = move |kind: Kind, heading: &'static str| {
        let items = presets::ALL
            .iter()
            .filter(move |p| p.kind == kind)
            .map(|preset| {
                let title_key = format!("preset.{}.title", preset.id);
                let title = move || explainer.lang.get().fill(&title_key, &[]);
                view! {
                    <li>
                        <button type="button" class="menu-item" on:click=move |_| {
                            explainer.notice.set(None);
                            explainer.load((preset.build)());
                            if let Some(d) = details.get() {
                                d.set_open(false);
                            }
                        }>{title}</button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <li class="menu-group">
                <span class="menu-heading">{move || explainer.lang.get().t(heading)}</span>
                <ul>{items}</ul>
            </li>
        }
    };
    view! {
        <details class="menu" node_ref=details>
            <summary class="tool">{move || explainer.lang.get().t("tools.examples")}</summary>
            <ul class="menu-list">
                {group(Kind::AwsPage, "tools.examples.aws")}
                {group(Kind::Mistake, "tools.examples.mistakes")}
            </ul>
        </details>
    }
}

/// What a share button copies.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shared {
    Link,
    Embed,
}

/// "Copy link" and "Copy embed code", with the copied text shown for copying by hand.
#[component]
fn Share() -> impl IntoView {
    let explainer = use_explainer();
    let copied = RwSignal::new(None::<(Shared, String, bool)>);
    let copy = move |what: Shared| {
        let lang = explainer.lang.get_untracked();
        let link = browser::url_with(&[(key::EMBED, None)]).unwrap_or_default();
        let text = match what {
            Shared::Link => link,
            Shared::Embed => embed_code(
                &browser::url_with(&[(key::EMBED, Some("1"))]).unwrap_or_default(),
                lang.t("embed.frame-title"),
            ),
        };
        leptos::task::spawn_local(async move {
            let ok = browser::copy_text(&text).await;
            copied.set(Some((what, text, ok)));
        });
    };
    view! {
        <button type="button" class="tool" on:click=move |_| copy(Shared::Link)>{t("tools.copy-link")}</button>
        <button type="button" class="tool" on:click=move |_| copy(Shared::Embed)>{t("tools.copy-embed")}</button>
        {move || copied.get().map(|(what, text, ok)| {
            let lang = explainer.lang.get();
            let label = lang.t(if what == Shared::Link { "tools.link-field" } else { "tools.embed-field" });
            view! {
                <div class="copied">
                    <p role="status">{lang.t(if ok { "tools.copied" } else { "tools.copy-failed" })}</p>
                    <label class="field">
                        <span>{label}</span>
                        <textarea readonly rows="2" spellcheck="false" prop:value=text></textarea>
                    </label>
                </div>
            }
        })}
    }
}

/// The `<iframe>` for embedding, and the few lines that let the host page size it to the
/// explainer's height (the explainer posts it on every change).
pub fn embed_code(src: &str, title: &str) -> String {
    let src = src.replace('&', "&amp;").replace('"', "&quot;");
    format!(
        "<iframe src=\"{src}\" title=\"{title}\" style=\"width:100%;border:0;height:640px\" loading=\"lazy\"></iframe>\n\
         <script>addEventListener(\"message\",e=>{{if(e.data&&e.data.type===\"ami-encryption-explainer:height\")\
         for(const f of document.querySelectorAll(\"iframe\"))if(f.contentWindow===e.source)f.style.height=e.data.height+\"px\"}})</script>"
    )
}

//! The header's tools, in a bar that stays on screen while the page scrolls: the examples (with
//! "Previous example" / "Next example"), sharing (link, embed code), reset, language and theme.

use std::time::Duration;

use leptos::prelude::*;

use super::text as t;

use crate::browser::{self, key};
use crate::i18n::Lang;
use crate::state::{use_explainer, Explainer};
use crate::theme::Theme;
use crate::view::View;
use ami_encryption_rules::link;
use ami_encryption_rules::preset::{self as presets, Kind, Preset};

/// The heading that an example's choice moves the reader to.
const RESULT_HEADING: &str = "result-heading";

#[component]
pub fn Toolbar(
    /// The colour theme chosen in the page (system, light or dark).
    theme: RwSignal<Theme>,
) -> impl IntoView {
    let explainer = use_explainer();
    view! {
        <div class="bar">
            <nav class="examples-nav" aria-label=t("tools.examples")>
                <ExamplesMenu />
                <ExampleSteps />
            </nav>
            <nav class="tools" aria-label=t("tools.label")>
                <TrainingLink label="tools.quiz" to=View::Quiz("launch-basics".into()) />
                <TrainingLink label="tools.present" to=View::Present("examples".into()) />
                <Share theme=theme />
                <button type="button" class="tool" on:click=move |_| {
                    explainer.notice.set(None);
                    explainer.load(crate::edit::starter());
                }>{t("tools.reset")}</button>
                <label class="tool-field">
                    <span>{t("tools.language")}</span>
                    <select on:change=move |ev| {
                        if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                            leptos::task::spawn_local(async move {
                                if crate::language::ready(lang).await {
                                    browser::save(browser::stored::LANG, lang.tag());
                                    explainer.lang.set(lang);
                                } else {
                                    // Not fetched (offline?): the switch shows the page's language.
                                    explainer.lang.notify();
                                }
                            });
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
        </div>
    }
}

/// A link to a quiz or presenter mode: a real link (it opens in a new tab too), followed in the
/// page without a reload.
#[component]
fn TrainingLink(
    /// The link text's translation key.
    label: &'static str,
    /// Where it goes.
    to: View,
) -> impl IntoView {
    let current = expect_context::<RwSignal<View>>();
    let kind = std::mem::discriminant(&to);
    // Carries the scenario, so that a link opened in a new tab has it. Brought up to date when a
    // pointer or the focus comes to it, not on every edit (it reads and builds an address).
    let href = RwSignal::new(to.href().unwrap_or_default());
    let refresh = {
        let to = to.clone();
        move || href.set(to.href().unwrap_or_default())
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        if let Some(href) = to.href() {
            browser::push_url(&href);
        }
        current.set(to.clone());
    };
    let here = move || {
        current
            .with(|v| std::mem::discriminant(v) == kind)
            .then_some("page")
    };
    view! {
        <a
            class="tool"
            href=href
            aria-current=here
            on:pointerenter={
                let refresh = refresh.clone();
                move |_| refresh()
            }
            on:focus=move |_| refresh()
            on:click=on_click
        >
            {t(label)}
        </a>
    }
}

/// Loads an example. From the menu, focus moves to the result's heading (on a phone the result
/// is far below the menu); from "Previous"/"Next" it only scrolls there, so that the reader can
/// press the same button again.
fn show(explainer: Explainer, preset: &'static Preset, move_focus: bool) {
    explainer.notice.set(None);
    explainer.load((preset.build)());
    request_animation_frame(move || {
        // To the top of the window (under the bar): as much of the result as fits is in view.
        browser::scroll_to(RESULT_HEADING);
        if move_focus {
            browser::focus(RESULT_HEADING);
        }
    });
}

/// The position in [`presets::ALL`] of the example the scenario started from.
fn position(explainer: Explainer) -> Option<usize> {
    let id = explainer.example.get()?;
    presets::ALL.iter().position(|p| p.id == id)
}

/// What the menu shows for a preset: its number on the AWS page, if any, then its title.
fn title(lang: Lang, preset: &Preset) -> String {
    let title = lang.fill(&format!("preset.{}.title", preset.id), &[]);
    match preset.number {
        Some(number) => format!("{number} {title}"),
        None => title,
    }
}

/// A disclosure with the examples: the AWS page's scenarios (numbered after its sections), those
/// of other AWS pages, then the common mistakes. The current example is marked.
#[component]
fn ExamplesMenu() -> impl IntoView {
    let explainer = use_explainer();
    let details = NodeRef::<leptos::html::Details>::new();
    let group = move |kind: Kind, heading: &'static str| {
        let items = presets::ALL
            .iter()
            .filter(move |p| p.kind == kind)
            .map(|preset| {
                let current = move || explainer.example.get() == Some(preset.id);
                view! {
                    <li>
                        <button
                            type="button"
                            class="menu-item"
                            aria-current=move || current().then_some("true")
                            on:click=move |_| {
                                if let Some(d) = details.get() {
                                    d.set_open(false);
                                }
                                show(explainer, preset, true);
                            }
                        >
                            {move || title(explainer.lang.get(), preset)}
                        </button>
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
    // Escape closes the menu and gives focus back to its button.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            if let Some(d) = details.get() {
                if d.open() {
                    d.set_open(false);
                    if let Some(summary) = d.first_element_child() {
                        use wasm_bindgen::JsCast;
                        if let Ok(summary) = summary.dyn_into::<web_sys::HtmlElement>() {
                            let _ = summary.focus();
                        }
                    }
                }
            }
        }
    };
    view! {
        <details class="menu" node_ref=details on:keydown=on_keydown>
            <summary class="tool">{t("tools.examples")}</summary>
            <ul class="menu-list">
                {group(Kind::AwsPage, "tools.examples.aws")}
                {group(Kind::Related, "tools.examples.related")}
                {group(Kind::Mistake, "tools.examples.mistakes")}
            </ul>
        </details>
    }
}

/// "Previous example", where we are, "Next example".
#[component]
fn ExampleSteps() -> impl IntoView {
    let explainer = use_explainer();
    let total = presets::ALL.len();
    let step = move |forward: bool| {
        let next = match (position(explainer), forward) {
            (Some(i), true) => i + 1,
            (Some(i), false) => i.checked_sub(1).unwrap_or(total),
            (None, true) => 0,
            (None, false) => total,
        };
        if let Some(preset) = presets::ALL.get(next) {
            show(explainer, preset, false);
        }
    };
    let at_first = move || at_first(explainer);
    let at_last = move || at_last(explainer);
    view! {
        <button type="button" class="tool step" aria-label=t("tools.previous")
            prop:disabled=at_first on:click=move |_| step(false)>
            <span aria-hidden="true">"‹ "</span>{t("tools.previous.short")}
        </button>
        {move || where_we_are(explainer)}
        <button type="button" class="tool step" aria-label=t("tools.next")
            prop:disabled=at_last on:click=move |_| step(true)>
            {t("tools.next.short")}<span aria-hidden="true">" ›"</span>
        </button>
    }
}

/// Whether "Previous example" has nowhere to go: the first example, or none.
fn at_first(explainer: Explainer) -> bool {
    position(explainer).is_none_or(|i| i == 0)
}

/// Whether "Next example" has nowhere to go.
fn at_last(explainer: Explainer) -> bool {
    position(explainer) == Some(presets::ALL.len() - 1)
}

/// Which example this is, of how many, and its title (marked if edited); nothing for a scenario
/// that is not an example.
fn where_we_are(explainer: Explainer) -> Option<impl IntoView> {
    let lang = explainer.lang.get();
    let i = position(explainer)?;
    let preset = &presets::ALL[i];
    let edited = explainer
        .scenario
        .with(|s| *s != (preset.build)())
        .then(|| format!(" {}", lang.t("tools.example-edited")));
    let (n, all) = ((i + 1).to_string(), presets::ALL.len().to_string());
    Some(view! {
        <span class="current-example">
            <span class="example-count">
                {lang.fill("tools.example-position", &[("n", &n), ("total", &all)])}
            </span>
            <span class="example-count short">
                {lang.fill("tools.example-position.short", &[("n", &n), ("total", &all)])}
            </span>
            <span class="example-title">{title(lang, preset)}{edited}</span>
        </span>
    })
}

/// The bar as it will look, drawn by the first module (`first_picture`) while the page module is
/// on its way: the same boxes with the same labels, so that at any width and in either language
/// it wraps as the bar will, and nothing below it moves when the bar arrives. Nothing is behind
/// them: the copy is inert (even when the page module failed to load and the rest of the picture
/// is not) and hidden from assistive technology, and from tests that look for the bar's controls
/// by role. Plain attributes, not properties, so that the picture written into `index.html` at
/// build time shows them too.
#[component]
pub fn BarInPlace(
    /// The theme the page starts with (its switch shows it).
    theme: Theme,
) -> impl IntoView {
    let explainer = use_explainer();
    let lang = explainer.lang.get_untracked();
    let field = move |label: &'static str, options: Vec<(&'static str, &'static str, bool)>| {
        view! {
            <div class="tool-field">
                <span>{lang.t(label)}</span>
                <select>
                    {options
                        .into_iter()
                        .map(|(value, name, selected)| view! { <option value=value selected=selected>{name}</option> })
                        .collect_view()}
                </select>
            </div>
        }
    };
    let languages = Lang::ALL
        .iter()
        .map(|&l| (l.tag(), l.name(), l == lang))
        .collect();
    let themes = Theme::ALL
        .iter()
        .map(|&c| (c.name(), lang.t(c.label_key()), c == theme))
        .collect();
    // Drawn once: nothing here follows the scenario.
    let (at_first, at_last, where_we_are) = untrack(|| {
        (
            at_first(explainer),
            at_last(explainer),
            where_we_are(explainer),
        )
    });
    view! {
        <div class="bar placeholder" inert aria-hidden="true">
            <div class="examples-nav">
                <details class="menu"><summary class="tool">{lang.t("tools.examples")}</summary></details>
                <button type="button" class="tool step" disabled=at_first>
                    "‹ "{lang.t("tools.previous.short")}
                </button>
                {where_we_are}
                <button type="button" class="tool step" disabled=at_last>
                    {lang.t("tools.next.short")}" ›"
                </button>
            </div>
            <div class="tools">
                <a class="tool" href="#">{lang.t("tools.quiz")}</a>
                <a class="tool" href="#">{lang.t("tools.present")}</a>
                <button type="button" class="tool">{lang.t("tools.copy-link")}</button>
                <button type="button" class="tool">{lang.t("tools.embed")}</button>
                <button type="button" class="tool">{lang.t("tools.reset")}</button>
                {field("tools.language", languages)}
                {field("tools.theme", themes)}
            </div>
        </div>
    }
}

/// What the share panel shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Panel {
    /// The embed code and its options.
    Embed,
    /// The link, to copy by hand, after the browser refused to copy it.
    Link,
}

/// "Copy link" copies at once; "Embed code" opens a panel with the code (always the current
/// scenario's), the embed's theme and background, and "Copy embed code", which copies and closes
/// it. The panel floats over the page, so the bar never reflows, and Escape or "Close" close it.
#[component]
fn Share(
    /// The page's theme: the embed's theme starts as the one the writer sees.
    theme: RwSignal<Theme>,
) -> impl IntoView {
    let explainer = use_explainer();
    let panel = RwSignal::new(None::<Panel>);
    let toast = RwSignal::new(None::<&'static str>);
    let failed = RwSignal::new(false);
    let embed_theme = RwSignal::new(Theme::Light);
    let transparent = RwSignal::new(false);
    let opener = NodeRef::<leptos::html::Button>::new();
    let link_button = NodeRef::<leptos::html::Button>::new();

    let announce = move |key: &'static str| {
        toast.set(Some(key));
        set_timeout(
            move || {
                if toast.get_untracked() == Some(key) {
                    toast.set(None);
                }
            },
            Duration::from_secs(4),
        );
    };
    let close = move || {
        let was = panel.get_untracked();
        panel.set(None);
        failed.set(false);
        let back = if was == Some(Panel::Link) {
            link_button.get_untracked().map(|b| b.into())
        } else {
            opener.get_untracked().map(|b| b.into())
        };
        if let Some(button) = back {
            let button: web_sys::HtmlElement = button;
            let _ = button.focus();
        }
    };
    let link = move || {
        let value = explainer.scenario.with(link::encode);
        browser::url_with(&[(key::SCENARIO, Some(&value)), (key::EMBED, None)]).unwrap_or_default()
    };
    let code = move || {
        let value = explainer.scenario.with(link::encode);
        let lang = explainer.lang.get();
        let src = browser::url_with(&[
            (key::SCENARIO, Some(&value)),
            (key::EMBED, Some("1")),
            (key::THEME, embed_theme.get().attribute()),
            (key::BACKGROUND, transparent.get().then_some("transparent")),
        ])
        .unwrap_or_default();
        embed_code(&src, lang.t("embed.frame-title"))
    };
    let copy_link = move |_| {
        let text = link();
        leptos::task::spawn_local(async move {
            if browser::copy_text(&text).await {
                panel.set(None);
                announce("tools.link-copied");
            } else {
                failed.set(true);
                panel.set(Some(Panel::Link));
            }
        });
    };
    let open_embed = move |_| {
        if panel.get_untracked() == Some(Panel::Embed) {
            close();
            return;
        }
        embed_theme.set(match theme.get_untracked() {
            Theme::System if browser::prefers_dark() => Theme::Dark,
            Theme::System => Theme::Light,
            chosen => chosen,
        });
        failed.set(false);
        panel.set(Some(Panel::Embed));
        request_animation_frame(|| browser::focus("embed-copy"));
    };
    let copy_embed = move |_| {
        let text = code();
        leptos::task::spawn_local(async move {
            if browser::copy_text(&text).await {
                close();
                announce("tools.embed-copied");
            } else {
                failed.set(true);
            }
        });
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close();
        }
    };
    let embed_panel = move || {
        let lang = explainer.lang.get();
        view! {
            <div class="share-panel" id="share-panel" role="group" aria-labelledby="share-panel-heading" on:keydown=on_keydown>
                <h2 id="share-panel-heading" class="share-heading">{lang.t("tools.embed.heading")}</h2>
                <p class="hint">{lang.t("tools.embed.hint")}</p>
                <div class="share-options">
                    <label class="field">
                        <span>{lang.t("tools.embed.theme")}</span>
                        <select on:change=move |ev| embed_theme.set(Theme::from_name(&event_target_value(&ev)))>
                            {[Theme::Light, Theme::Dark, Theme::System]
                                .into_iter()
                                .map(|choice| {
                                    let label = if choice == Theme::System { "tools.embed.theme.system" } else { choice.label_key() };
                                    view! { <option value=choice.name() prop:selected=move || embed_theme.get() == choice>{lang.t(label)}</option> }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <label class="check">
                        <input type="checkbox" prop:checked=move || transparent.get()
                            on:change=move |ev| transparent.set(event_target_checked(&ev)) />
                        <span>{lang.t("tools.embed.transparent")}</span>
                    </label>
                </div>
                <label class="field">
                    <span>{lang.t("tools.embed-field")}</span>
                    <textarea readonly rows="4" spellcheck="false" prop:value=code></textarea>
                </label>
                {move || failed.get().then(|| view! { <p class="error-text">{lang.t("tools.copy-failed")}</p> })}
                <div class="share-actions">
                    <button type="button" class="button primary" id="embed-copy" on:click=copy_embed>{lang.t("tools.embed.copy")}</button>
                    <button type="button" class="button" on:click=move |_| close()>{lang.t("tools.close")}</button>
                </div>
            </div>
        }
    };
    let link_panel = move || {
        let lang = explainer.lang.get();
        view! {
            <div class="share-panel" role="group" aria-labelledby="share-panel-heading" on:keydown=on_keydown>
                <h2 id="share-panel-heading" class="share-heading">{lang.t("tools.link-field")}</h2>
                <p class="error-text">{lang.t("tools.copy-failed")}</p>
                <label class="field">
                    <span>{lang.t("tools.link-field")}</span>
                    <textarea readonly rows="3" spellcheck="false" prop:value=link></textarea>
                </label>
                <div class="share-actions">
                    <button type="button" class="button" on:click=move |_| close()>{lang.t("tools.close")}</button>
                </div>
            </div>
        }
    };
    view! {
        <button type="button" class="tool" node_ref=link_button on:click=copy_link>{t("tools.copy-link")}</button>
        <button type="button" class="tool" node_ref=opener on:click=open_embed on:keydown=on_keydown
            aria-expanded=move || if panel.get() == Some(Panel::Embed) { "true" } else { "false" }
            aria-controls="share-panel">
            {t("tools.embed")}
        </button>
        <p class="toast" role="status">{move || toast.get().map(|key| explainer.lang.get().t(key))}</p>
        {move || match panel.get() {
            Some(Panel::Embed) => Some(embed_panel().into_any()),
            Some(Panel::Link) => Some(link_panel().into_any()),
            None => None,
        }}
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

//! AMI Encryption Explainer: build a scenario, see what RunInstances or CopyImage does to every
//! volume's encryption, and why.
//!
//! One scenario signal, provided from [`App`]; everything drawn is derived from the rules engine's
//! answer for it. The address bar and local storage follow the scenario; they are written from it,
//! never read back after start-up.

mod address;
pub mod browser;
pub mod components;
pub mod crash;
pub mod display;
pub mod edit;
pub mod explain;
pub mod files;
pub mod first_picture;
pub mod i18n;
pub mod language;
pub mod on_demand;
pub mod restore;
pub mod state;
pub mod theme;
pub mod tools;
pub mod view;

use leptos::prelude::*;

use browser::{key, stored};
use components::account::AccountEditor;
use components::advice::HowDoIGet;
use components::bring_ami::BringYourAmi;
use components::diagram::{Diagram, COMPACT_BELOW};
use components::notice::NoticeBanner;
use components::operation::OperationPicker;
use components::outcome_table::OutcomeTable;
use components::parameters::ParametersEditor;
use components::preset_intro::PresetIntro;
use components::reasons::Reasons;
use components::scenario_json::ScenarioJson;
use components::snapshots::SnapshotsEditor;
use components::status::Verdict;
use components::take_away::TakeAway;
use components::text as t;
use components::toolbar::Toolbar;
use i18n::Lang;
use on_demand::client::{OnDemand, OnDemandCard};
use state::Explainer;
use theme::Theme;
use view::View;

/// Mounts the page, once the texts of its language are at hand (see `language`).
pub fn start() {
    let lang = first_lang();
    if lang.is_ready() {
        leptos::mount::mount_to_body(App);
    } else {
        wasm_bindgen_futures::spawn_local(async move {
            language::ready(lang).await;
            leptos::mount::mount_to_body(App);
        });
    }
}

/// Fetches the texts of the language the page opens in, if it needs any, so that [`start`] then
/// mounts at once (the first picture is replaced in the same task).
pub async fn texts_ready() {
    language::ready(first_lang()).await;
}

/// The language the page opens in: the link's, the saved choice, the browser's; else English.
fn first_lang() -> Lang {
    Lang::choose(
        browser::query(key::LANG).as_deref(),
        browser::load(stored::LANG).as_deref(),
        &browser::languages(),
    )
}

/// Whether the page is embedded in another (the embed code's `embed=1`): the outcome alone.
fn is_embed() -> bool {
    browser::query(key::EMBED).is_some_and(|v| v != "0")
}

/// The scenario, notice and language the page opens with, provided as the page's context. An
/// embedded view never reads or writes the reader's own sandbox.
fn open_explainer(embed: bool) -> Explainer {
    let link_value = if embed {
        browser::query(key::SCENARIO)
    } else {
        address::first_link_value()
    };
    let saved = if embed {
        None
    } else {
        browser::load(stored::SCENARIO)
    };
    let (scenario, notice) = restore::first_scenario(link_value.as_deref(), saved.as_deref());
    // A language whose texts could not be fetched gives way to English.
    let lang = Some(first_lang())
        .filter(|l| l.is_ready())
        .unwrap_or_default();
    let explainer = Explainer::with_lang(scenario, lang);
    explainer.notice.set(notice);
    provide_context(explainer);
    explainer
}

/// Whether the picture stacks vertically (narrow screens); the width is read, not part of the
/// scenario.
fn compact_layout() -> Signal<bool> {
    let width = RwSignal::new(window_width());
    let resize = window_event_listener(leptos::ev::resize, move |_| width.set(window_width()));
    on_cleanup(move || resize.remove());
    Signal::derive(move || width.get() < COMPACT_BELOW)
}

/// The embed code's look: a theme that matches the host page (not the reader's system), and
/// optionally no background of its own.
fn embed_look() {
    let theme = Theme::from_name(&browser::query(key::THEME).unwrap_or_default());
    browser::set_root_attribute("data-theme", theme.attribute());
    let transparent = browser::query(key::BACKGROUND).as_deref() == Some("transparent");
    browser::set_root_attribute("data-background", transparent.then_some("transparent"));
}

#[component]
pub fn App() -> impl IntoView {
    let embed = is_embed();
    let explainer = open_explainer(embed);

    Effect::new(move |_| {
        let lang = explainer.lang.get();
        browser::set_document_lang(lang.tag(), lang.t("app.title"));
        // Keep a language given in the address in step with the switch.
        if browser::query(key::LANG).is_some() {
            if let Some(url) = browser::url_with(&[(key::LANG, Some(lang.tag()))]) {
                browser::replace_url(&url);
            }
        }
    });

    let compact = compact_layout();

    // The view follows the address: a link opens a quiz, "Back" leaves it.
    let view = RwSignal::new(View::from_address());
    provide_context(view);
    let _history = window_event_listener(leptos::ev::popstate, move |_| {
        view.set(View::from_address())
    });

    if embed {
        embed_look();
        browser::observe_page_size(browser::post_height_to_parent);
        return view! {
            {move || match view.get() {
                View::Explainer => view! { <EmbeddedOutcome compact=compact /> }.into_any(),
                View::Quiz(value) => view! {
                    <main class="embedded">
                        <EmbedBar />
                        <Training view=View::Quiz(value) />
                    </main>
                }
                .into_any(),
                // Slides fill the frame: their own bar has the way out.
                other => view! { <main class="embedded"><Training view=other /></main> }.into_any(),
            }}
        }
        .into_any();
    }

    // The scenario lives in the address (no new history entry per edit) and in local storage.
    address::follow(explainer);
    let theme = RwSignal::new(Theme::from_name(
        &browser::load(stored::THEME).unwrap_or_default(),
    ));
    Effect::new(move |_| {
        let theme = theme.get();
        browser::set_root_attribute("data-theme", theme.attribute());
        match theme {
            Theme::System => browser::forget(stored::THEME),
            other => browser::save(stored::THEME, other.name()),
        }
    });

    // A scenario file dropped anywhere on the page opens it (the importer's own area keeps its
    // drops). Only drags that carry files are taken: text dropped into a text field stays text.
    let carries_files = |ev: &web_sys::DragEvent| {
        ev.data_transfer()
            .is_some_and(|d| d.types().includes(&"Files".into(), 0))
    };
    let _drag = window_event_listener(leptos::ev::dragover, move |ev| {
        if carries_files(&ev) {
            ev.prevent_default();
        }
    });
    let _drop = window_event_listener(leptos::ev::drop, move |ev| {
        if !carries_files(&ev) {
            return;
        }
        ev.prevent_default();
        let file = files::files(ev.data_transfer().and_then(|d| d.files()))
            .into_iter()
            .next();
        if let Some(file) = file {
            leptos::task::spawn_local(on_demand::client::load_scenario_file(explainer, file));
        }
    });

    let explainer_view = move || {
        view! {
            <main class="layout">
                <section class="editor" aria-labelledby="editor-heading">
                    <h2 id="editor-heading" class="section-title">{t("editor.heading")}</h2>
                    <BringYourAmi />
                    <OperationPicker />
                    <AccountEditor />
                    <SnapshotsEditor />
                    <ParametersEditor />
                    <ScenarioJson />
                </section>
                <section class="result" aria-labelledby="result-heading">
                    <ResultTop compact=compact />
                    <Reasons />
                    <HowDoIGet />
                    <OutcomeTable />
                    <OnDemandCard class="decision" heading="panels.table" panel="table" />
                    <TakeAway />
                </section>
            </main>
        }
    };
    view! {
        {move || match view.get() {
            // A projector shows the slides alone.
            View::Present(_) => view! { <Training view=view.get() /> }.into_any(),
            View::Explainer => view! {
                <Masthead />
                <Toolbar theme=theme />
                {explainer_view()}
                <Footer />
            }.into_any(),
            quiz => view! {
                <Masthead />
                <Toolbar theme=theme />
                <main class="layout training"><Training view=quiz /></main>
                <Footer />
            }.into_any(),
        }}
    }
    .into_any()
}

/// The top of the result column, the same in the page and in the first picture: its heading, a
/// notice, the example's introduction, the verdict and the diagram.
#[component]
fn ResultTop(
    /// Whether the picture stacks vertically.
    compact: Signal<bool>,
) -> impl IntoView {
    view! {
        // Focus lands here after an example is chosen.
        <h2 id="result-heading" class="section-title" tabindex="-1">{t("result.heading")}</h2>
        <NoticeBanner />
        <PresetIntro />
        <Verdict />
        <Diagram compact=compact />
    }
}

/// The page's title and tagline.
#[component]
fn Masthead() -> impl IntoView {
    view! {
        <header class="masthead">
            <div class="masthead-inner">
                <h1>{t("app.title")}</h1>
                <p class="tagline">{t("app.tagline")}</p>
            </div>
        </header>
    }
}

/// A quiz or presenter mode, from the panels module; leaving it goes back to the explainer.
#[component]
fn Training(view: View) -> impl IntoView {
    let current = expect_context::<RwSignal<View>>();
    let (panel, argument) = match view {
        View::Quiz(value) => ("quiz", value),
        View::Present(value) => ("present", value),
        View::Explainer => return ().into_any(),
    };
    let exit = Callback::new(move |()| {
        if let Some(href) = View::Explainer.href() {
            browser::push_url(&href);
        }
        current.set(View::Explainer);
    });
    view! { <OnDemand panel=panel argument=argument on_exit=exit /> }.into_any()
}

/// Where the rules come from, and what the page is not.
#[component]
fn Footer() -> impl IntoView {
    let explainer = state::use_explainer();
    view! {
        <footer class="footer">
            <p>
                {t("footer.source")} {move || explainer.lang.get().sentence_gap()}
                <a href="https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIEncryption.html" target="_blank" rel="noopener">
                    {t("footer.aws-page")}
                </a>
                {t("footer.sep")} {move || explainer.lang.get().sentence_gap()} {t("footer.disclaimer")}
            </p>
        </footer>
    }
}

/// The embed's own level-one heading (it is a page of its own inside the host's), and the way to
/// the full page.
#[component]
fn EmbedBar() -> impl IntoView {
    let explainer = state::use_explainer();
    let full_page = browser::url_with(&[(key::EMBED, None)]).unwrap_or_default();
    view! {
        <div class="embed-bar">
            <h1>{move || explainer.lang.get().t("app.title")}</h1>
            <a href=full_page target="_blank" rel="noopener">{move || explainer.lang.get().t("embed.open")}</a>
        </div>
    }
}

/// The outcome alone, for an iframe: no editor and no page chrome.
#[component]
fn EmbeddedOutcome(
    /// Whether the picture stacks vertically (a narrow iframe).
    compact: Signal<bool>,
) -> impl IntoView {
    view! {
        <main class="embedded">
            <EmbedBar />
            <NoticeBanner />
            <Verdict />
            <Diagram compact=compact />
            <Reasons />
            <OutcomeTable />
        </main>
    }
}

fn window_width() -> i32 {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        // Whole pixels: the picture's coordinates are integers (no float formatting in the wasm).
        .map_or(1280, |w| w as i32)
}

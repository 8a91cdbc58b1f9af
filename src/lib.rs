//! AMI Encryption Explainer: build a scenario, see what RunInstances or CopyImage does to every
//! volume's encryption, and why.
//!
//! One scenario signal, provided from [`App`]; everything drawn is derived from the rules engine's
//! answer for it.

pub mod components;
pub mod display;
pub mod edit;
pub mod explain;
pub mod i18n;
pub mod state;

use leptos::prelude::*;

use components::account::AccountEditor;
use components::diagram::{Diagram, COMPACT_BELOW};
use components::operation::OperationPicker;
use components::outcome_table::OutcomeTable;
use components::parameters::ParametersEditor;
use components::reasons::Reasons;
use components::snapshots::SnapshotsEditor;
use components::status::Verdict;
use state::Explainer;

#[component]
pub fn App() -> impl IntoView {
    let explainer = Explainer::new(edit::starter());
    provide_context(explainer);
    let t = move |key: &'static str| move || explainer.lang.get().t(key);

    // The picture stacks vertically on narrow screens; the width is read, not stored in the scenario.
    let width = RwSignal::new(window_width());
    let _resize = window_event_listener(leptos::ev::resize, move |_| width.set(window_width()));
    let compact = Signal::derive(move || width.get() < COMPACT_BELOW);

    view! {
        <header class="masthead">
            <div class="masthead-inner">
                <h1>{t("app.title")}</h1>
                <p class="tagline">{t("app.tagline")}</p>
            </div>
        </header>
        <main class="layout">
            <section class="editor" aria-labelledby="editor-heading">
                <h2 id="editor-heading" class="section-title">{t("editor.heading")}</h2>
                <OperationPicker />
                <AccountEditor />
                <SnapshotsEditor />
                <ParametersEditor />
            </section>
            <section class="result" aria-labelledby="result-heading">
                <h2 id="result-heading" class="section-title">{t("result.heading")}</h2>
                <Verdict />
                <Diagram compact=compact />
                <Reasons />
                <OutcomeTable />
            </section>
        </main>
        <footer class="footer">
            <p>
                {t("footer.source")} " "
                <a href="https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIEncryption.html" target="_blank" rel="noopener">
                    {t("footer.aws-page")}
                </a>
                ". " {t("footer.disclaimer")}
            </p>
        </footer>
    }
}

fn window_width() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .unwrap_or(1280.0)
}

//! The first picture: the outcome of the scenario the page opens with, drawn by a small module
//! (this one) while the page module, with the editor and the toolbar, is still on its way.
//!
//! A reader who opens a link wants its answer; the editor is for the next step. So the module
//! Trunk loads first holds the engine, the diagram and the outcome's texts, and nothing that edits.
//! It draws the picture, fetches the page module once that picture is on screen, and when the page
//! module (and its texts) are ready it removes the picture and starts the page in the same task: no
//! frame shows neither. An embedded outcome has no editor: its picture is the whole embed, and the
//! page module is never fetched. A quiz or presenter link has no picture: the page module is
//! fetched at once.
//!
//! A first visit may find the same picture already on screen, written into `index.html` at build
//! time (`scripts/prerender.mjs`): this module's picture then takes its place in one task.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::browser::{self, stored};
use crate::components::outcome_table::OutcomeTable;
use crate::components::reasons::Reasons;
use crate::components::text as t;
use crate::components::toolbar::BarInPlace;
use crate::on_demand::client::{beside_page, describe};
use crate::theme::Theme;
use crate::view::View;
use crate::{compact_layout, embed_look, is_embed, open_explainer};
use crate::{EmbeddedOutcome, Footer, Masthead, ResultTop};

/// Written by Trunk next to the page (`data-type="worker" data-bindgen-target="web"` keeps the
/// names unhashed, as for the panels module): the module and its WebAssembly.
const PAGE_MODULE: &str = "./page.js";
const PAGE_WASM: &str = "./page_bg.wasm";

// The page module is an ES module of the page's own origin: allowed by a strict
// Content-Security-Policy (`script-src 'self'`). Its WebAssembly is requested together with it,
// not once its script has run: `default()` takes the response on its way (one round trip less).
#[wasm_bindgen(inline_js = r#"
export function page_module(url, wasm_url) {
  const wasm = fetch(wasm_url);
  // A failed fetch is default()'s to report, not an unhandled rejection.
  wasm.catch(() => {});
  return import(url).then(async (m) => { await m.default({ module_or_path: wasm }); return m; });
}
// Resolves once the frame drawn now has been painted (rAF runs before the paint; the timeout after
// it), or after 200 ms in a tab that draws no frames (hidden).
export function after_paint() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 200);
  });
}
"#)]
extern "C" {
    fn page_module(url: &str, wasm_url: &str) -> js_sys::Promise;
    fn after_paint() -> js_sys::Promise;
}

/// Draws the first picture, then hands the page over to the page module.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        crate::texts_ready().await;
        take_back_start_failure();
        let embed = is_embed();
        let explainer_view = View::from_address() == View::Explainer;
        if embed && explainer_view {
            browser::observe_page_size(browser::post_height_to_parent);
            // The embed lives as long as the page.
            leptos::mount::mount_to_body(EmbeddedPicture);
            return;
        }
        let failed = RwSignal::new(false);
        let draw = move || {
            let body = document().body()?;
            // The same picture, drawn at build time, may already be on screen (see
            // scripts/prerender.mjs): this one takes its place in the same task, and its volumes
            // do not arrive a second time.
            let drawn_at_build = body
                .query_selector(".first-picture.prerendered")
                .ok()
                .flatten();
            if drawn_at_build.is_some() {
                crate::components::shapes::replacing_picture_on_screen();
            }
            let picture =
                leptos::mount::mount_to(body, move || view! { <FirstPicture failed=failed /> });
            if let Some(old) = drawn_at_build {
                old.remove();
            }
            Some(picture)
        };
        let picture = explainer_view.then(draw).flatten();
        // Fetched once the picture is on screen: it is not part of what the first picture waits
        // for, and its script is not read before that paint.
        if picture.is_some() {
            let _ = JsFuture::from(after_paint()).await;
        }
        match load_page().await {
            Ok(open_page) => {
                let on_screen = JsValue::from_bool(picture.is_some());
                drop(picture);
                if let Err(e) = open_page.call1(&JsValue::NULL, &on_screen) {
                    web_sys::console::error_1(&e);
                }
            }
            Err(reason) => {
                web_sys::console::error_1(
                    &format!("the page module could not load: {reason}").into(),
                );
                // The picture stays, readable, with a clear word on the missing controls.
                std::mem::forget(picture.or_else(draw));
                failed.set(true);
            }
        }
    });
}

/// The page's start script says that the page could not start when an error comes before this
/// module has drawn anything (`first-paint-<hash>.js`, written by scripts/prerender.mjs). This
/// module is running: whatever that error was, the page did start, so the word goes. (The build's
/// picture, which the same script may have marked as missing its controls, is replaced anyway.)
fn take_back_start_failure() {
    if let Some(said) = document().query_selector(".start-failed").ok().flatten() {
        said.remove();
    }
}

/// Fetches and instantiates the page module, and its texts; returns its `open_page`.
async fn load_page() -> Result<js_sys::Function, String> {
    let module = JsFuture::from(page_module(
        &beside_page(PAGE_MODULE)?,
        &beside_page(PAGE_WASM)?,
    ))
    .await
    .map_err(|e| describe(&e))?;
    // The page's texts (a second language's file) are fetched before the picture goes.
    let ready = js_sys::Promise::from(call(&module, "texts_ready")?);
    JsFuture::from(ready).await.map_err(|e| describe(&e))?;
    function(&module, "open_page")
}

/// The module's exported function `name`.
fn function(module: &JsValue, name: &str) -> Result<js_sys::Function, String> {
    js_sys::Reflect::get(module, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| format!("the page module has no {name}()"))
}

/// Calls the module's exported function `name` with no arguments.
fn call(module: &JsValue, name: &str) -> Result<JsValue, String> {
    function(module, name)?
        .call0(&JsValue::NULL)
        .map_err(|e| describe(&e))
}

/// The page as it will look, with the outcome drawn and the editor's place kept: the masthead,
/// the tool bar as it will be, the editor's heading with a line saying the controls are coming, the
/// result column and the footer. It is inert until it is replaced (nothing in it could be used for
/// long), unless the page module `failed` to load: then it is the page.
#[component]
fn FirstPicture(failed: RwSignal<bool>) -> impl IntoView {
    let explainer = open_explainer(false);
    let lang = explainer.lang.get_untracked();
    browser::set_document_lang(lang.tag(), lang.t("app.title"));
    let theme = Theme::from_name(&browser::load(stored::THEME).unwrap_or_default());
    browser::set_root_attribute("data-theme", theme.attribute());
    let compact = compact_layout();
    // What lies below the diagram (mostly below the fold) comes in the frame after the first
    // paint, so the diagram is on screen sooner.
    let below = RwSignal::new(false);
    wasm_bindgen_futures::spawn_local(async move {
        let _ = JsFuture::from(after_paint()).await;
        below.set(true);
    });
    view! {
        <div class="first-picture" inert=move || !failed.get()>
        <Masthead />
        <BarInPlace theme=theme />
        <main class="layout">
            <section class="editor" aria-labelledby="editor-heading" aria-busy=move || (!failed.get()).then_some("true")>
                <h2 id="editor-heading" class="section-title">{t("editor.heading")}</h2>
                {move || if failed.get() {
                    view! {
                        <div class="card alert warning" role="alert"><p>{t("editor.unavailable")}</p></div>
                    }.into_any()
                } else {
                    view! { <p class="editor-loading">{t("editor.loading")}</p> }.into_any()
                }}
            </section>
            <section class="result" aria-labelledby="result-heading">
                <ResultTop compact=compact />
                {move || below.get().then(|| view! { <Reasons /> <OutcomeTable /> })}
            </section>
        </main>
        {move || below.get().then(Footer)}
        </div>
    }
}

/// An embedded outcome: all of it, from this module.
#[component]
fn EmbeddedPicture() -> impl IntoView {
    let explainer = open_explainer(true);
    let lang = explainer.lang.get_untracked();
    browser::set_document_lang(lang.tag(), lang.t("app.title"));
    embed_look();
    let compact = compact_layout();
    view! { <EmbeddedOutcome compact=compact /> }
}

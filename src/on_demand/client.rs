//! The page's side: fetches the panels module once, opens a panel in an element, keeps it in step
//! with the scenario and the language, and does what the panel asks.

use ami_encryption_rules::link;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::Message;
use crate::state::{use_explainer, Explainer, Notice};

/// Written by Trunk next to the page (`data-type="worker" data-bindgen-target="web"` keeps the
/// names unhashed): resolved against the page's own address, so it works under any sub-path. The
/// module and its WebAssembly.
const MODULE: &str = "./panels.js";
const WASM: &str = "./panels_bg.wasm";
/// The panels' styles, copied next to the page by Trunk.
const STYLES: &str = "./panels.css";

// A module script and a stylesheet from the page's own origin: allowed by a strict
// Content-Security-Policy (`script-src 'self'`, `style-src 'self'`), unlike inline styles.
#[wasm_bindgen(inline_js = r#"
let loading;
function sheet(url) {
  return new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = url;
    // Unstyled is better than never: a missing sheet does not stop the panel.
    link.onload = link.onerror = () => resolve();
    document.head.appendChild(link);
  });
}
// One fetch for the page's lifetime, styles included (no unstyled flash); a failed one is tried
// again on the next open. The WebAssembly is requested together with the module's script, not
// once that script has run (one round trip less); a failed fetch is default()'s to report.
export function panels_module(url, wasm_url, styles) {
  if (!loading) {
    const wasm = fetch(wasm_url);
    wasm.catch(() => {});
    const module = import(url).then(async (m) => { await m.default({ module_or_path: wasm }); return m; });
    loading = Promise.all([module, sheet(styles)]).then(([m]) => m);
    loading.catch(() => { loading = undefined; });
  }
  return loading;
}
"#)]
extern "C" {
    fn panels_module(url: &str, wasm_url: &str, styles: &str) -> js_sys::Promise;
}

/// Why a panel could not open.
pub(crate) fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// `path` resolved against the page's address (a dynamic import resolves against the importing
/// script's, which is not the page's folder).
pub(crate) fn beside_page(path: &str) -> Result<String, String> {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .ok_or("no document")?;
    web_sys::Url::new_with_base(path, &base)
        .map(|u| u.href())
        .map_err(|e| describe(&e))
}

/// An open panel: the module's handle and the closure it calls back.
struct Opened {
    panel: JsValue,
    _emit: Closure<dyn Fn(String, String)>,
}

impl Opened {
    fn call(&self, method: &str, args: &[&str]) {
        let Ok(f) = js_sys::Reflect::get(&self.panel, &method.into()) else {
            return;
        };
        let Some(f) = f.dyn_ref::<js_sys::Function>() else {
            return;
        };
        let list: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
        let _ = f.apply(&self.panel, &list);
    }
}

async fn open(
    host: web_sys::HtmlElement,
    panel: &str,
    argument: &str,
    explainer: Explainer,
    on_exit: Option<Callback<()>>,
) -> Result<Opened, String> {
    let module = wasm_bindgen_futures::JsFuture::from(panels_module(
        &beside_page(MODULE)?,
        &beside_page(WASM)?,
        &beside_page(STYLES)?,
    ))
    .await
    .map_err(|e| describe(&e))?;
    let emit = Closure::<dyn Fn(String, String)>::new(move |kind: String, value: String| {
        receive(explainer, on_exit, &kind, &value)
    });
    let open = js_sys::Reflect::get(&module, &"open".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or("the panels module has no open()")?;
    let args = js_sys::Array::new();
    args.push(&host);
    args.push(&panel.into());
    args.push(&argument.into());
    args.push(&explainer.scenario.with_untracked(link::encode).into());
    args.push(&explainer.lang.get_untracked().tag().into());
    args.push(emit.as_ref());
    let panel = open
        .apply(&JsValue::NULL, &args)
        .map_err(|e| describe(&e))?;
    Ok(Opened { panel, _emit: emit })
}

/// Opens a scenario file picked or dropped on the page: its JSON is read by the panels module
/// (the first load carries no JSON reader). A file that is not a scenario leaves the scenario as
/// it is and says why.
pub async fn load_scenario_file(explainer: Explainer, file: web_sys::File) {
    let text = crate::files::text_of(&file).await.unwrap_or_default();
    match read_scenario(&text).await {
        Ok(scenario) => {
            explainer.notice.set(None);
            explainer.load(scenario);
        }
        Err(reason) => explainer.notice.set(Some(Notice::BadFile(reason))),
    }
}

async fn read_scenario(text: &str) -> Result<ami_encryption_rules::Scenario, String> {
    let module = wasm_bindgen_futures::JsFuture::from(panels_module(
        &beside_page(MODULE)?,
        &beside_page(WASM)?,
        &beside_page(STYLES)?,
    ))
    .await
    .map_err(|e| describe(&e))?;
    let read = js_sys::Reflect::get(&module, &"read_scenario".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or("the panels module has no read_scenario()")?;
    // The module throws the reader's message (with line and column) for a file that is no
    // scenario.
    let value = read
        .call1(&JsValue::NULL, &text.into())
        .map_err(|e| describe(&e))?
        .as_string()
        .ok_or("read_scenario() gave no text")?;
    link::decode(&value).map_err(|e| e.to_string())
}

/// Does what a panel asks. A link value that does not decode is ignored: both sides encode with
/// the same code, so it cannot happen short of a bug, and the page must not die of one.
fn receive(explainer: Explainer, on_exit: Option<Callback<()>>, kind: &str, value: &str) {
    match Message::from_name(kind) {
        Some(Message::Load) => {
            if let Ok(scenario) = link::decode(value) {
                explainer.notice.set(None);
                explainer.load(scenario);
            }
        }
        Some(Message::Edit) => {
            if let Ok(scenario) = link::decode(value) {
                explainer.scenario.set(scenario);
            }
        }
        Some(Message::BadFile) => explainer
            .notice
            .set(Some(Notice::BadFile(value.to_owned()))),
        Some(Message::Exit) => {
            if let Some(exit) = on_exit {
                exit.run(());
            }
        }
        None => {}
    }
}

/// Where a panel is being opened.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Phase {
    Loading,
    Open,
    Failed(String),
}

/// A panel of the panels module, opened where this component stands and closed when it goes.
#[component]
pub fn OnDemand(
    /// The panel's name (see `src/bin/panels.rs`).
    panel: &'static str,
    /// The panel's argument, such as a quiz link value.
    #[prop(optional, into)]
    argument: String,
    /// Called when the panel asks to be closed.
    #[prop(optional, into)]
    on_exit: Option<Callback<()>>,
) -> impl IntoView {
    let explainer = use_explainer();
    let host = NodeRef::<leptos::html::Div>::new();
    let phase = RwSignal::new(Phase::Loading);
    let opened = StoredValue::new_local(None::<Opened>);
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(element) = host.get() else {
            return false;
        };
        let argument = argument.clone();
        leptos::task::spawn_local(async move {
            match open(element.into(), panel, &argument, explainer, on_exit).await {
                Ok(panel) => {
                    // The component may have gone while the module loaded.
                    if opened.try_set_value(Some(panel)).is_none() {
                        let _ = phase.try_set(Phase::Open);
                    }
                }
                Err(e) => {
                    let _ = phase.try_set(Phase::Failed(e));
                }
            }
        });
        true
    });
    // The panel mirrors the page: every scenario and language, once it is open.
    Effect::new(move |_| {
        let value = explainer.scenario.with(link::encode);
        let lang = explainer.lang.get();
        if phase.get() == Phase::Open {
            opened.with_value(|o| {
                if let Some(o) = o {
                    o.call("update", &[&value, lang.tag()]);
                }
            });
        }
    });
    on_cleanup(move || {
        if let Some(Some(o)) = opened.try_update_value(Option::take) {
            o.call("close", &[]);
        }
    });
    let lang = move || explainer.lang.get();
    view! {
        {move || match phase.get() {
            Phase::Loading => Some(view! { <p class="hint" role="status">{lang().t("panels.loading")}</p> }.into_any()),
            Phase::Failed(reason) => Some(view! {
                <p class="field-problem" role="alert">{lang().fill("panels.failed", &[("reason", &reason)])}</p>
            }.into_any()),
            Phase::Open => None,
        }}
        <div class="on-demand" node_ref=host></div>
    }
}

/// A disclosure card whose content is a panel: the heading is part of the page, the rest comes
/// with the panels module when the reader first opens it.
#[component]
pub fn OnDemandCard(
    /// The card's class, besides `card`.
    class: &'static str,
    /// The heading's translation key.
    heading: &'static str,
    /// The panel shown inside.
    panel: &'static str,
    /// The heading's id, if something links to it.
    #[prop(optional)]
    heading_id: Option<&'static str>,
    /// Keep the panel (and what the reader typed in it) after the card is closed. Otherwise the
    /// panel goes when the card closes, and with it any work it does on every edit.
    #[prop(optional)]
    keep: bool,
    /// The summary is plain text, not a heading (a section of the editor, not of the page).
    #[prop(optional)]
    plain: bool,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let opened_once = RwSignal::new(false);
    let on_toggle = move |ev: leptos::ev::Event| {
        if let Some(d) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        {
            open.set(d.open());
            if d.open() {
                opened_once.set(true);
            }
        }
    };
    let shown = move || if keep { opened_once.get() } else { open.get() };
    view! {
        <details class=format!("card {class}") on:toggle=on_toggle>
            <summary>
                {if plain {
                    crate::components::text(heading).into_any()
                } else {
                    view! { <h2 id=heading_id>{crate::components::text(heading)}</h2> }.into_any()
                }}
            </summary>
            <Show when=shown>
                <OnDemand panel=panel />
            </Show>
        </details>
    }
}

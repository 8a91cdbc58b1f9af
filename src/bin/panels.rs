//! The panels module: the tools and training that the page fetches the first time one is opened
//! (see `ami_encryption_explainer::on_demand`). It starts nothing by itself; the page calls
//! [`open`].

use ami_encryption_explainer::components::presenter::{self, Presenter, SavedDeck};
use ami_encryption_explainer::components::quiz::{self, Quiz};
use ami_encryption_explainer::components::{
    advice, bring_ami, decision_table, scenario_json, take_away,
};
use ami_encryption_explainer::i18n::Lang;
use ami_encryption_explainer::on_demand::host::{self, Mounted, ToPage};
use ami_encryption_explainer::on_demand::Message;
use ami_encryption_explainer::state::use_explainer;
use ami_encryption_rules::link;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

fn main() {
    ami_encryption_explainer::crash::install();
    // The texts only these panels use: not in the first load. The page's own Traditional Chinese
    // texts too: the page module fetches them, and this module has its own copy of the texts.
    for (lang, texts) in [
        (Lang::ZhTw, ami_encryption_explainer::i18n::ZH_TW_TEXTS),
        (Lang::En, include_str!("../../locales/quiz.en.txt")),
        (Lang::ZhTw, include_str!("../../locales/quiz.zh-TW.txt")),
        (Lang::En, include_str!("../../locales/table.en.txt")),
        (Lang::ZhTw, include_str!("../../locales/table.zh-TW.txt")),
        (Lang::En, include_str!("../../locales/present.en.txt")),
        (Lang::ZhTw, include_str!("../../locales/present.zh-TW.txt")),
    ] {
        lang.add_texts(texts);
    }
}

/// A panel open in the page.
#[wasm_bindgen]
pub struct Panel(Option<Mounted>);

#[wasm_bindgen]
impl Panel {
    /// The page's scenario (a link value) or language (a tag) changed.
    pub fn update(&self, scenario: &str, lang: &str) {
        if let Some(mounted) = &self.0 {
            mounted.update(scenario, lang);
        }
    }

    /// Unmounts the panel.
    pub fn close(&mut self) {
        self.0 = None;
    }
}

/// Opens the panel `name` in `host`. `argument` is the panel's own (a quiz link value, a deck);
/// `emit(kind, value)` carries the panel's messages to the page.
#[wasm_bindgen]
pub fn open(
    host: web_sys::HtmlElement,
    name: &str,
    argument: String,
    scenario: &str,
    lang: &str,
    emit: js_sys::Function,
) -> Result<Panel, JsError> {
    let view: fn(String, ToPage) -> AnyView = match name {
        "advice" => |_, _| view! { <advice::AdviceBody /> }.into_any(),
        "bring-ami" => |_, _| view! { <bring_ami::BringYourAmiBody /> }.into_any(),
        "take-away" => |_, _| view! { <take_away::TakeAwayBody /> }.into_any(),
        "table" => |_, _| view! { <decision_table::DecisionTable /> }.into_any(),
        "scenario-json" => |_, _| view! { <scenario_json::ScenarioJsonBody /> }.into_any(),
        "quiz" => quiz_view,
        "present" => present_view,
        other => return Err(JsError::new(&format!("no panel named {other:?}"))),
    };
    let to_page = ToPage::new(move |message: Message, value: &str| {
        let _ = emit.call2(&JsValue::NULL, &message.name().into(), &value.into());
    });
    let mounted = host::mount(host, scenario, lang, to_page, move |page| {
        view(argument, page)
    });
    Ok(Panel(mounted))
}

/// Reads a scenario file (JSON) for the page: its link value, or the reader's message (where and
/// why it is not a scenario) as the thrown error.
#[wasm_bindgen]
pub fn read_scenario(text: &str) -> Result<String, JsError> {
    ami_encryption_rules::input::parse_one(text)
        .map(|scenario| link::encode(&scenario))
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The quiz a `?quiz=` value asks for, or why there is none.
fn quiz_view(argument: String, page: ToPage) -> AnyView {
    let explainer = use_explainer();
    // Callbacks must be `Send`; the page's sender is not, so it stays with this view's owner.
    let page = StoredValue::new_local(page);
    match quiz::begin(&argument) {
        Ok(start) => {
            // "Open in the explainer": the question's scenario becomes the page's, and the quiz
            // gives way to the explainer.
            let on_open = Callback::new(move |scenario| {
                page.with_value(|page| {
                    page.send(Message::Load, &link::encode(&scenario));
                    page.send(Message::Exit, "");
                });
            });
            view! { <Quiz start=start on_open=on_open /> }.into_any()
        }
        Err(error) => {
            let message = move || {
                explainer
                    .lang
                    .get()
                    .fill(error.text_key(), &[("value", error.value())])
            };
            view! { <Unavailable message=message page=page /> }.into_any()
        }
    }
}

/// The slides a `?present=` value asks for, or why there are none (with the editor of the
/// trainer's own deck, since a missing or broken saved deck is the usual reason).
fn present_view(argument: String, page: ToPage) -> AnyView {
    let explainer = use_explainer();
    let page = StoredValue::new_local(page);
    let exit = Callback::new(move |()| page.with_value(|page| page.send(Message::Exit, "")));
    match presenter::parse_deck(&argument) {
        Ok((deck, start)) => view! { <Presenter deck=deck start=start on_exit=exit /> }.into_any(),
        Err(error) => {
            let message = move || error.message(explainer.lang.get());
            view! {
                <Unavailable message=message page=page />
                <SavedDeck />
            }
            .into_any()
        }
    }
}

/// A quiz or deck that cannot be shown: why, and the way back to the explainer.
#[component]
fn Unavailable(
    message: impl Fn() -> String + Send + Sync + 'static,
    page: StoredValue<ToPage, LocalStorage>,
) -> impl IntoView {
    let explainer = use_explainer();
    view! {
        <section class="card unavailable">
            <p class="field-problem" role="alert">{message}</p>
            <button type="button" on:click=move |_| page.with_value(|page| page.send(Message::Exit, ""))>
                {move || explainer.lang.get().t("panels.back")}
            </button>
        </section>
    }
}

//! Presenter mode in headless Chromium (wasm-bindgen-test): the slides are stepped through with the
//! buttons and the keys as a presenter would, and read by role and text.
#![cfg(target_arch = "wasm32")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use ami_encryption_explainer::components::presenter::{Deck, Presenter, SavedDeck, STORED_DECK};
use ami_encryption_explainer::edit;
use ami_encryption_explainer::i18n::Lang;
use ami_encryption_explainer::state::Explainer;
use ami_encryption_rules::{link, preset};
use leptos::mount::UnmountHandle;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn container() -> web_sys::HtmlElement {
    let container: web_sys::HtmlElement =
        document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    container
}

/// Mounts a presenter over a page showing the starter scenario; counts the calls of `on_exit`.
/// The handle must be dropped at the end of the test: it removes the presenter's key listener.
fn mount_presenter(
    deck: Deck,
    start: usize,
) -> (
    web_sys::HtmlElement,
    UnmountHandle<impl Mountable>,
    Arc<AtomicUsize>,
) {
    Lang::En.add_texts(include_str!("../locales/present.en.txt"));
    let root = container();
    let exits = Arc::new(AtomicUsize::new(0));
    let counted = exits.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(Explainer::new(edit::starter()));
        let on_exit = move |_| {
            counted.fetch_add(1, Ordering::SeqCst);
        };
        view! { <Presenter deck=deck start=start on_exit=on_exit /> }
    });
    (root, handle, exits)
}

fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
        .trim()
        .to_owned()
}

fn count(root: &web_sys::HtmlElement, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

/// The button whose name (its text without the arrows hidden from assistive technology) is `name`.
fn button(root: &web_sys::HtmlElement, name: &str) -> web_sys::HtmlElement {
    let list = root.query_selector_all("button").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlElement>())
        .find(|b| {
            let hidden: String = {
                let spans = b.query_selector_all("[aria-hidden=true]").unwrap();
                (0..spans.length())
                    .filter_map(|i| spans.item(i)?.text_content())
                    .collect()
            };
            let all = b.text_content().unwrap_or_default();
            all.replacen(&hidden, "", 1).trim() == name
        })
        .unwrap_or_else(|| panic!("no button named {name:?}"))
}

/// Presses a key as the keyboard would, on `target` (bubbling up to the window).
fn press(target: &web_sys::EventTarget, key: &str) {
    let window = web_sys::window().unwrap();
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"key".into(), &key.into()).unwrap();
    js_sys::Reflect::set(&init, &"bubbles".into(), &true.into()).unwrap();
    js_sys::Reflect::set(&init, &"cancelable".into(), &true.into()).unwrap();
    let constructor: js_sys::Function = js_sys::Reflect::get(&window, &"KeyboardEvent".into())
        .unwrap()
        .unchecked_into();
    let event =
        js_sys::Reflect::construct(&constructor, &js_sys::Array::of2(&"keydown".into(), &init))
            .unwrap();
    target
        .dispatch_event(event.unchecked_ref::<web_sys::Event>())
        .unwrap();
}

fn press_on_window(key: &str) {
    let window: JsValue = web_sys::window().unwrap().into();
    press(window.unchecked_ref(), key);
}

fn slides() -> usize {
    preset::ALL.len() + 1
}

#[wasm_bindgen_test]
async fn the_buttons_ask_reveal_and_move_on() {
    let (root, handle, _) = mount_presenter(Deck::Examples, 0);
    leptos::task::tick().await;
    // The first slide: the starter scenario's title and story, the outcome hidden.
    assert_eq!(
        text(&root, "#slide-title"),
        Lang::En.t("preset.starter.title")
    );
    assert_eq!(
        text(&root, ".slide-story"),
        Lang::En.t("preset.starter.intro")
    );
    assert_eq!(
        text(&root, ".slide-count"),
        format!("Slide 1 of {}", slides())
    );
    assert_eq!(count(&root, "svg g.chip.after"), 0, "the outcome is hidden");
    assert!(count(&root, "svg g.chip.hidden") > 0);
    assert_eq!(count(&root, ".verdict"), 0);
    assert!(text(&root, "[aria-live=polite]").contains(Lang::En.t("preset.starter.title")));

    button(&root, "Next slide").click();
    leptos::task::tick().await;
    assert_eq!(
        text(&root, ".slide-count"),
        format!("Slide 1 of {}", slides())
    );
    assert!(
        count(&root, "svg g.chip.after") > 0,
        "the outcome is revealed"
    );
    assert_eq!(count(&root, "svg g.chip.hidden"), 0);
    assert_eq!(count(&root, ".verdict"), 1);
    assert!(count(&root, ".reasons li.reason") > 0);

    button(&root, "Next slide").click();
    leptos::task::tick().await;
    assert_eq!(
        text(&root, ".slide-count"),
        format!("Slide 2 of {}", slides())
    );
    let first = &preset::ALL[0];
    let title = format!(
        "{} {}",
        first.number.unwrap(),
        Lang::En.t(&format!("preset.{}.title", first.id))
    );
    assert_eq!(text(&root, "#slide-title"), title);
    assert_eq!(
        count(&root, "svg g.chip.after"),
        0,
        "a new slide asks first"
    );
    // Each slide opens as a link of its own, on the full page.
    let open = root.query_selector("a.presenter-link").unwrap().unwrap();
    let href = open.get_attribute("href").unwrap();
    let url = web_sys::Url::new(&href).unwrap();
    assert_eq!(url.search_params().get("present"), None);
    let value = url.search_params().get("s").unwrap();
    assert_eq!(link::decode(&value).unwrap(), (first.build)());

    // Back: to the previous slide's answer, then to its question.
    button(&root, "Previous slide").click();
    leptos::task::tick().await;
    assert_eq!(
        text(&root, ".slide-count"),
        format!("Slide 1 of {}", slides())
    );
    assert!(count(&root, "svg g.chip.after") > 0);
    button(&root, "Previous slide").click();
    leptos::task::tick().await;
    assert_eq!(count(&root, "svg g.chip.after"), 0);
    assert_eq!(
        button(&root, "Previous slide")
            .get_attribute("aria-disabled")
            .as_deref(),
        Some("true")
    );
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_keys_move_and_escape_exits() {
    let (root, handle, exits) = mount_presenter(Deck::Examples, 0);
    leptos::task::tick().await;
    press_on_window("End");
    leptos::task::tick().await;
    assert_eq!(
        text(&root, ".slide-count"),
        format!("Slide {0} of {0}", slides())
    );
    assert_eq!(
        count(&root, "svg g.chip.after"),
        0,
        "End lands on the question"
    );
    // The address keeps the slide, so a reload stays on it.
    let href = web_sys::window().unwrap().location().href().unwrap();
    let present = web_sys::Url::new(&href)
        .unwrap()
        .search_params()
        .get("present");
    assert_eq!(present, Some(format!("examples.{}", slides())));

    press_on_window("ArrowRight");
    leptos::task::tick().await;
    // Revealed (the last example may be a refused call, which draws no "after" at all).
    assert_eq!(count(&root, "svg g.chip.hidden"), 0);
    assert_eq!(count(&root, ".verdict"), 1);
    press_on_window("PageDown");
    leptos::task::tick().await;
    assert_eq!(
        text(&root, ".slide-count"),
        format!("Slide {0} of {0}", slides()),
        "the end stays the end"
    );
    press_on_window("Home");
    leptos::task::tick().await;
    assert_eq!(
        text(&root, ".slide-count"),
        format!("Slide 1 of {}", slides())
    );
    press_on_window("PageDown");
    press_on_window("PageDown");
    leptos::task::tick().await;
    assert_eq!(
        text(&root, ".slide-count"),
        format!("Slide 2 of {}", slides())
    );
    press_on_window("PageUp");
    leptos::task::tick().await;
    assert_eq!(
        text(&root, ".slide-count"),
        format!("Slide 1 of {}", slides())
    );

    // Typing in a text field moves nothing.
    let field: web_sys::HtmlElement = document()
        .create_element("textarea")
        .unwrap()
        .unchecked_into();
    root.append_child(&field).unwrap();
    field.focus().unwrap();
    press(field.unchecked_ref(), "End");
    press(field.unchecked_ref(), "Escape");
    leptos::task::tick().await;
    assert_eq!(
        text(&root, ".slide-count"),
        format!("Slide 1 of {}", slides())
    );
    assert_eq!(exits.load(Ordering::SeqCst), 0);

    press_on_window("Escape");
    button(&root, "Exit").click();
    assert_eq!(exits.load(Ordering::SeqCst), 2);
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_deck_of_links_names_its_slides() {
    let mut own = edit::starter();
    own.account.encryption_by_default = true;
    let deck = Deck::Links(vec![
        link::encode(&own),
        link::encode(&(preset::ALL[2].build)()),
    ]);
    let (root, handle, _) = mount_presenter(deck, 0);
    leptos::task::tick().await;
    assert_eq!(text(&root, "#slide-title"), "Scenario 1");
    assert_eq!(count(&root, ".slide-story"), 0, "a link has no story");
    assert_eq!(text(&root, ".slide-count"), "Slide 1 of 2");
    press_on_window("End");
    leptos::task::tick().await;
    let title = text(&root, "#slide-title");
    let expected = Lang::En.fill(&format!("preset.{}.title", preset::ALL[2].id), &[]);
    assert!(title.ends_with(&expected), "{title:?} is not {expected:?}");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_saved_deck_keeps_good_lines_and_names_bad_ones() {
    Lang::En.add_texts(include_str!("../locales/present.en.txt"));
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(Explainer::new(edit::starter()));
        view! { <SavedDeck /> }
    });
    leptos::task::tick().await;
    let good = link::encode(&(preset::ALL[1].build)());
    let field = root.query_selector("textarea").unwrap().unwrap();
    let label = text(&root, "label[for=saved-deck-links]");
    assert_eq!(label, "Scenario links, one per line");
    let pasted = format!("https://example.com/?s={good}\nnot a link\n\n{good}");
    js_sys::Reflect::set(&field, &"value".into(), &pasted.into()).unwrap();
    field
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    button(&root, "Save the deck").click();
    leptos::task::tick().await;
    assert_eq!(
        web_sys::window()
            .unwrap()
            .local_storage()
            .unwrap()
            .unwrap()
            .get_item(STORED_DECK)
            .unwrap(),
        Some(format!("{good}\n{good}"))
    );
    assert!(text(&root, "[role=status]").starts_with("2 scenarios saved."));
    assert!(text(&root, "#saved-deck-errors").contains("Line 2:"));
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    drop(handle);
    root.remove();
}

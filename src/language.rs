//! Bringing a language's texts before the page speaks it. English is in the page module;
//! Traditional Chinese is a file next to the page (`zh-TW.txt`, a copy of `locales/zh-TW.txt`),
//! fetched the first time it is needed, so that the first load does not carry a language most
//! readers never see.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Lang;

/// Makes `lang`'s texts ready; `false` when they could not be fetched (the page then stays in, or
/// starts in, English).
pub async fn ready(lang: Lang) -> bool {
    if lang.is_ready() {
        return true;
    }
    match fetch_text(&format!("{}.txt", lang.tag())).await {
        Some(text) => {
            // Added once for the page's lifetime: the texts live as long as the page.
            lang.add_texts(Box::leak(text.into_boxed_str()));
            lang.is_ready()
        }
        None => {
            web_sys::console::warn_1(
                &format!(
                    "could not fetch the {} texts: staying in English",
                    lang.tag()
                )
                .into(),
            );
            false
        }
    }
}

/// Where a module keeps the texts it fetched, on `window`, for the page's other modules: the first
/// module, the page module and the panels module each hold their own copy of the texts, but the
/// file is fetched once (a second fetch would hold up the page module's start by a round trip).
const FETCHED: &str = "amiExplainerFetchedTexts";

/// The text of a file next to the page (a relative address: it works under any sub-path), as
/// another module of this page fetched it, or fetched now.
async fn fetch_text(address: &str) -> Option<String> {
    let window = web_sys::window()?;
    let store = fetched_texts(&window)?;
    if let Some(text) = js_sys::Reflect::get(&store, &address.into())
        .ok()?
        .as_string()
    {
        return Some(text);
    }
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(address))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    let _ = js_sys::Reflect::set(&store, &address.into(), &text.as_str().into());
    Some(text)
}

/// The page's store of fetched texts (see [`FETCHED`]), made by whichever module asks first.
fn fetched_texts(window: &web_sys::Window) -> Option<js_sys::Object> {
    let found = js_sys::Reflect::get(window, &FETCHED.into()).ok()?;
    if let Ok(store) = found.dyn_into::<js_sys::Object>() {
        return Some(store);
    }
    let store = js_sys::Object::new();
    js_sys::Reflect::set(window, &FETCHED.into(), &store).ok()?;
    Some(store)
}

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

/// The text of a file next to the page (a relative address: it works under any sub-path).
async fn fetch_text(address: &str) -> Option<String> {
    let window = web_sys::window()?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(address))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

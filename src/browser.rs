//! The page's few contacts with the browser: the address bar, local storage, the clipboard, and
//! the embedding page. Every call tolerates a missing API (private mode, old browsers, tests) by
//! doing nothing, because a panic in wasm kills the page.

use wasm_bindgen::JsCast;

/// The query keys the page reads.
pub mod key {
    /// The scenario, as a `link::encode` value.
    pub const SCENARIO: &str = "s";
    pub const LANG: &str = "lang";
    /// Present (any value but `0`): show only the outcome, for an iframe.
    pub const EMBED: &str = "embed";
    /// The embed's colour theme, `light` or `dark`; absent, it follows the reader's system.
    pub const THEME: &str = "theme";
    /// `transparent`: the embed draws no page background, so the host page's shows through.
    pub const BACKGROUND: &str = "bg";
    /// A quiz: `<level>.<seed>`, or a level alone for a new seed.
    pub const QUIZ: &str = "quiz";
    /// Presenter mode: the deck and slide, such as `examples.3`.
    pub const PRESENT: &str = "present";
}

/// Local storage keys, versioned with the link format they hold.
pub mod stored {
    pub const SCENARIO: &str = "ami-explainer:scenario:v1";
    pub const LANG: &str = "ami-explainer:lang";
    pub const THEME: &str = "ami-explainer:theme";
    /// Session storage (this tab): the newest link value and the address it is newer than, kept
    /// while the address waits for edits to pause (see `crate::address`).
    pub const UNWRITTEN: &str = "ami-explainer:unwritten:v1";
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn current_url() -> Option<web_sys::Url> {
    web_sys::Url::new(&href()?).ok()
}

/// A query parameter of the page's address.
pub fn query(name: &str) -> Option<String> {
    current_url()?.search_params().get(name)
}

/// The page's address with `name` set to `value` (or removed when `None`).
pub fn url_with(changes: &[(&str, Option<&str>)]) -> Option<String> {
    href_with(&href()?, changes)
}

/// `href` with `name` set to `value` (or removed when `None`).
pub fn href_with(href: &str, changes: &[(&str, Option<&str>)]) -> Option<String> {
    let url = web_sys::Url::new(href).ok()?;
    let params = url.search_params();
    for (name, value) in changes {
        match value {
            Some(v) => params.set(name, v),
            None => params.delete(name),
        }
    }
    // URLSearchParams escapes `~`, `*`, `@`, `'`, `,`, `:` and `/`, which a link never needs escaped:
    // keep the link readable and short.
    let search = params.to_string().as_string().unwrap_or_default();
    let search = [
        "%7E", "~", "%2A", "*", "%40", "@", "%27", "'", "%2C", ",", "%3A", ":", "%2F", "/",
    ]
    .chunks(2)
    .fold(search, |s, pair| s.replace(pair[0], pair[1]));
    url.set_search(&search);
    Some(url.href())
}

/// The address as the browser has it now, without writing one `replace_url_soon` holds.
pub fn written_href() -> Option<String> {
    window()?.location().href().ok()
}

/// The page's whole address, with an address given to `replace_url_soon` already written.
pub fn href() -> Option<String> {
    write_unwritten_url();
    written_href()
}

/// How long the address waits for edits to pause before it is written.
const ADDRESS_PAUSE: std::time::Duration = std::time::Duration::from_millis(250);

/// Works out an address to write.
type Address = Box<dyn FnOnce() -> Option<String>>;

thread_local! {
    /// The address given to `replace_url_soon` and not yet written, and how many were given (a
    /// timer writes only if no later one came).
    static UNWRITTEN: std::cell::RefCell<(Option<Address>, u64)> =
        const { std::cell::RefCell::new((None, 0)) };
}

/// Replaces the address once edits pause for a moment, with the address `href` works out then
/// (so a burst of edits works it out once). Profiled in Chromium, one `history.replaceState` took
/// 1–17 ms (it waits on the browser process): on every keystroke it was most of an edit's time.
/// Anything that reads the address here writes the pending one first, so the page never reads an
/// address older than its scenario.
pub fn replace_url_soon(href: impl FnOnce() -> Option<String> + 'static) {
    let generation = UNWRITTEN.with(|u| {
        let Ok(mut u) = u.try_borrow_mut() else {
            return None;
        };
        u.0 = Some(Box::new(href));
        u.1 += 1;
        Some(u.1)
    });
    let Some(generation) = generation else {
        return;
    };
    leptos::prelude::set_timeout(
        move || {
            if UNWRITTEN.with(|u| u.try_borrow().is_ok_and(|u| u.1 == generation)) {
                write_unwritten_url();
            }
        },
        ADDRESS_PAUSE,
    );
}

/// Whether an address given to `replace_url_soon` is still waiting.
pub fn url_is_unwritten() -> bool {
    UNWRITTEN.with(|u| u.try_borrow().is_ok_and(|u| u.0.is_some()))
}

/// Writes the address `replace_url_soon` holds, if any; this tab's note of it is then obsolete.
fn write_unwritten_url() {
    let href = UNWRITTEN.with(|u| u.try_borrow_mut().ok().and_then(|mut u| u.0.take()));
    if let Some(href) = href.and_then(|f| f()) {
        replace_url(&href);
        forget_for_tab(stored::UNWRITTEN);
    }
}

/// Replaces the address without a new history entry (and without scrolling).
pub fn replace_url(href: &str) {
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
    }
}

/// Goes to `href` as a new history entry, without loading it (the page draws the new view itself
/// and follows "Back" through `popstate`).
pub fn push_url(href: &str) {
    write_unwritten_url();
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
    }
}

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

pub fn load(name: &str) -> Option<String> {
    storage()?.get_item(name).ok().flatten()
}

pub fn save(name: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(name, value);
    }
}

fn session() -> Option<web_sys::Storage> {
    window()?.session_storage().ok().flatten()
}

/// Reads this tab's session storage (it survives a reload, not the tab).
pub fn load_for_tab(name: &str) -> Option<String> {
    session()?.get_item(name).ok().flatten()
}

pub fn save_for_tab(name: &str, value: &str) {
    if let Some(storage) = session() {
        let _ = storage.set_item(name, value);
    }
}

pub fn forget_for_tab(name: &str) {
    if let Some(storage) = session() {
        let _ = storage.remove_item(name);
    }
}

pub fn forget(name: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(name);
    }
}

/// The browser's preferred languages, most preferred first.
pub fn languages() -> Vec<String> {
    let Some(navigator) = window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let list: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}

pub fn set_document_lang(tag: &str, title: &str) {
    if let Some(document) = window().and_then(|w| w.document()) {
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("lang", tag);
        }
        document.set_title(title);
    }
}

/// Sets or removes an attribute of `<html>` (the theme).
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = match value {
            Some(v) => root.set_attribute(name, v),
            None => root.remove_attribute(name),
        };
    }
}

/// Moves keyboard focus to the element with `id` (a control, or a heading with `tabindex="-1"`);
/// the browser scrolls only as far as needed to show it.
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Scrolls the element with `id` into view without moving focus.
pub fn scroll_to(id: &str) {
    if let Some(element) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        element.scroll_into_view();
    }
}

/// Whether the reader's system asks for a dark theme.
pub fn prefers_dark() -> bool {
    window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Copies text to the clipboard; `false` when the browser refuses.
pub async fn copy_text(text: &str) -> bool {
    let Some(clipboard) = window().map(|w| w.navigator().clipboard()) else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

/// Tells the embedding page how tall the explainer is, so it can size its iframe.
pub fn post_height_to_parent() {
    let Some(window) = window() else { return };
    let Some(height) = window
        .document()
        .and_then(|d| d.document_element())
        .map(|e| e.scroll_height())
    else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if parent == window {
        return;
    }
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &message,
        &"type".into(),
        &"ami-encryption-explainer:height".into(),
    );
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
    let _ = parent.post_message(&message, "*");
}

/// Calls `on_resize` whenever the page's size changes (content or window), for as long as the page lives.
pub fn observe_page_size(on_resize: impl Fn() + 'static) {
    let Some(body) = window().and_then(|w| w.document()).and_then(|d| d.body()) else {
        return;
    };
    let callback = wasm_bindgen::closure::Closure::<dyn Fn()>::new(on_resize);
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&body);
        // Both live as long as the page: the embed view is never unmounted.
        std::mem::forget(observer);
        callback.forget();
    }
}

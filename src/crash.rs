//! A panic must not leave a dead page. If the WebAssembly module panics, the page replaces itself
//! with a short message in the reader's language, the link to the scenario that was open (the
//! address always holds it, so nothing typed is lost), and a reload button.
//!
//! The recovery view is built while the panic unwinds into an abort, so it uses no Leptos, no
//! closure back into the module (which is about to trap) and no markup: plain elements, text
//! content, and a form whose submit button reloads the same address without any script.

/// Installs the panic hook: the message on the console, then the recovery view.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        #[cfg(target_arch = "wasm32")]
        let _ = show_recovery();
    }));
}

/// Whether an end-to-end test asked for a panic, by setting `window.__amiExplainerPanicTest` to
/// `true` before an edit. The page itself never sets it; no link or saved data can.
pub fn test_requested() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &"__amiExplainerPanicTest".into()).ok())
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    }
    #[cfg(not(target_arch = "wasm32"))]
    false
}

#[cfg(target_arch = "wasm32")]
fn show_recovery() -> Option<()> {
    use crate::i18n::Lang;
    use wasm_bindgen::JsCast;

    let window = web_sys::window()?;
    let document = window.document()?;
    let lang = document
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or_default();
    let location = window.location();
    let href = crate::browser::href()?;
    let element = |tag: &str, class: &str, text: Option<&str>| {
        let e = document.create_element(tag).ok()?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        e.set_text_content(text);
        Some(e)
    };

    let main = element("main", "crashed", None)?;
    main.set_attribute("role", "alert").ok()?;
    let title = element("h1", "", Some(lang.t("crash.title")))?;
    title.set_attribute("tabindex", "-1").ok()?;
    main.append_child(&title).ok()?;
    let body_text = element("p", "", Some(lang.t("crash.body")))?;
    main.append_child(&body_text).ok()?;
    let link = element("a", "", Some(lang.t("crash.link")))?;
    link.set_attribute("href", &href).ok()?;
    let link_line = element("p", "", None)?;
    link_line.append_child(&link).ok()?;
    main.append_child(&link_line).ok()?;

    // A GET form to the same path with the same query: submitting it reloads the page as it was.
    let form = element("form", "", None)?;
    form.set_attribute("method", "get").ok()?;
    form.set_attribute("action", &location.pathname().ok()?)
        .ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&location.search().ok()?).ok()?;
    for entry in js_sys::try_iter(&params).ok()??.flatten() {
        let pair: js_sys::Array = entry.unchecked_into();
        let input = element("input", "", None)?;
        input.set_attribute("type", "hidden").ok()?;
        input
            .set_attribute("name", &pair.get(0).as_string()?)
            .ok()?;
        input
            .set_attribute("value", &pair.get(1).as_string()?)
            .ok()?;
        form.append_child(&input).ok()?;
    }
    let button = element("button", "", Some(lang.t("crash.reload")))?;
    button.set_attribute("type", "submit").ok()?;
    form.append_child(&button).ok()?;
    main.append_child(&form).ok()?;

    let body = document.body()?;
    body.set_text_content(None);
    body.append_child(&main).ok()?;
    title
        .dyn_into::<web_sys::HtmlElement>()
        .ok()?
        .focus()
        .ok()?;
    Some(())
}

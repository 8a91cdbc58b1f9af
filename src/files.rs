//! Files in and out of the page, all within the browser: downloads made from text or a blob, the
//! diagram as a standalone SVG or a 2× PNG, and the text of files picked or dropped.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Saves `blob` as `name` (a link to an object URL, clicked, then revoked).
fn save_blob(blob: &web_sys::Blob, name: &str) -> Option<()> {
    let url = web_sys::Url::create_object_url_with_blob(blob).ok()?;
    let link: web_sys::HtmlAnchorElement = document()?.create_element("a").ok()?.dyn_into().ok()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}

/// Saves `text` as a file named `name` of type `mime`.
pub fn save_text(text: &str, name: &str, mime: &str) -> bool {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .ok()
        .and_then(|blob| save_blob(&blob, name))
        .is_some()
}

/// The presentation properties a standalone SVG needs inline: the page's style sheet is not there.
const INLINE: &[&str] = &[
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "text-anchor",
    "dominant-baseline",
];

/// The diagram (`svg[data-testid=diagram]`) as a standalone SVG document: every element's colours
/// and fonts copied inline from the page's computed style, title and description kept, and a
/// background so that it reads the same on any viewer.
pub fn diagram_svg() -> Option<String> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let live = document.query_selector("svg[data-testid=diagram]").ok()??;
    let copy: web_sys::Element = live.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    let originals = live.query_selector_all("*").ok()?;
    let copies = copy.query_selector_all("*").ok()?;
    for i in 0..originals.length().min(copies.length()) {
        let (Some(original), Some(target)) = (originals.item(i), copies.item(i)) else {
            continue;
        };
        let (Ok(original), Ok(target)) = (
            original.dyn_into::<web_sys::Element>(),
            target.dyn_into::<web_sys::Element>(),
        ) else {
            continue;
        };
        let Ok(Some(style)) = window.get_computed_style(&original) else {
            continue;
        };
        let inline: String = INLINE
            .iter()
            .filter_map(|p| {
                let value = style.get_property_value(p).ok()?;
                (!value.is_empty()).then(|| format!("{p}:{value};"))
            })
            .collect();
        let _ = target.set_attribute("style", &inline);
        let _ = target.remove_attribute("class");
    }
    let view_box = live.get_attribute("viewBox").unwrap_or_default();
    let size: Vec<&str> = view_box.split_whitespace().collect();
    if let [_, _, w, h] = size[..] {
        let _ = copy.set_attribute("width", w);
        let _ = copy.set_attribute("height", h);
        // The page's background behind the picture, first, so that everything is drawn over it.
        let background = window
            .get_computed_style(&document.body()?.into())
            .ok()??
            .get_property_value("background-color")
            .unwrap_or_default();
        if let Ok(rect) = document.create_element_ns(Some("http://www.w3.org/2000/svg"), "rect") {
            for (name, value) in [("x", "0"), ("y", "0"), ("width", w), ("height", h)] {
                let _ = rect.set_attribute(name, value);
            }
            let _ = rect.set_attribute("fill", &background);
            let _ = copy.insert_before(&rect, copy.first_child().as_ref());
        }
    }
    let _ = copy.set_attribute("xmlns", "http://www.w3.org/2000/svg");
    copy.remove_attribute("preserveAspectRatio").ok();
    let text = web_sys::XmlSerializer::new()
        .ok()?
        .serialize_to_string(&copy)
        .ok()?;
    Some(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}\n"
    ))
}

/// Saves the diagram as a PNG at twice its size: the SVG drawn on a canvas from a `data:` URL
/// (which a strict Content-Security-Policy allows for images; a `blob:` URL it would not).
pub async fn save_diagram_png(name: &str) -> bool {
    async fn run(name: &str) -> Option<()> {
        let svg = diagram_svg()?;
        let document = document()?;
        let image: web_sys::HtmlImageElement =
            document.create_element("img").ok()?.dyn_into().ok()?;
        let loaded = js_sys::Promise::new(&mut |yes, no| {
            image.set_onload(Some(&yes));
            image.set_onerror(Some(&no));
        });
        let encoded = String::from(js_sys::encode_uri_component(&svg));
        image.set_src(&format!("data:image/svg+xml;charset=utf-8,{encoded}"));
        wasm_bindgen_futures::JsFuture::from(loaded).await.ok()?;
        let (w, h) = (image.natural_width() * 2, image.natural_height() * 2);
        let canvas: web_sys::HtmlCanvasElement =
            document.create_element("canvas").ok()?.dyn_into().ok()?;
        canvas.set_width(w);
        canvas.set_height(h);
        let context: web_sys::CanvasRenderingContext2d =
            canvas.get_context("2d").ok()??.dyn_into().ok()?;
        context
            .draw_image_with_html_image_element_and_dw_and_dh(
                &image,
                0.0,
                0.0,
                f64::from(w),
                f64::from(h),
            )
            .ok()?;
        let mut done = None;
        let blob = js_sys::Promise::new(&mut |yes, _| done = Some(yes));
        let done = done?;
        let callback = Closure::once_into_js(move |blob: JsValue| {
            let _ = done.call1(&JsValue::NULL, &blob);
        });
        canvas.to_blob(callback.unchecked_ref()).ok()?;
        let blob: web_sys::Blob = wasm_bindgen_futures::JsFuture::from(blob)
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        save_blob(&blob, name)
    }
    run(name).await.is_some()
}

/// The text of a picked or dropped file.
pub async fn text_of(file: &web_sys::File) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()?
        .as_string()
}

/// The files of a file list, in order.
pub fn files(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

//! What the page could not restore (a bad link, unreadable saved data), said once, dismissible.

use leptos::prelude::*;

use crate::restore::link_error_key;
use crate::state::{use_explainer, Notice};

#[component]
pub fn NoticeBanner() -> impl IntoView {
    let explainer = use_explainer();
    move || {
        explainer.notice.get().map(|notice| {
            let lang = explainer.lang.get();
            let message = match &notice {
                Notice::BadLink(err) => lang.fill("notice.bad-link", &[("reason", lang.t(link_error_key(err)))]),
                Notice::BadSaved => lang.t("notice.bad-saved").to_owned(),
                Notice::BadFile(reason) => lang.fill("notice.bad-file", &[("reason", reason)]),
            };
            view! {
                <div class="alert warning notice" role="alert">
                    <p>{message}</p>
                    <button type="button" class="link" on:click=move |_| explainer.notice.set(None)>{lang.t("notice.dismiss")}</button>
                </div>
            }
        })
    }
}

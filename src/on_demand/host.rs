//! The panels module's side: mounts a panel with a context of its own that mirrors the page's
//! scenario and language, and tells the page what the panel does to that scenario.

use std::cell::RefCell;
use std::rc::Rc;

use ami_encryption_rules::link;
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;

use super::Message;
use crate::i18n::Lang;
use crate::state::{Explainer, Notice};

/// A mounted panel; dropping it unmounts the panel.
pub struct Mounted {
    explainer: Explainer,
    /// The last scenario the page sent, as a link value: a change equal to it came from the page
    /// and is not sent back.
    from_page: Rc<RefCell<String>>,
    _mount: leptos::mount::UnmountHandle<AnyViewState>,
}

/// How a message reaches the page (the page's `emit` function).
type Sender = Rc<dyn Fn(Message, &str)>;

/// Calls the page back with a message.
#[derive(Clone)]
pub struct ToPage(Sender);

impl ToPage {
    pub fn new(send: impl Fn(Message, &str) + 'static) -> ToPage {
        ToPage(Rc::new(send))
    }

    pub fn send(&self, message: Message, value: &str) {
        (self.0)(message, value)
    }
}

/// Mounts `view` in `host` under a context built from the page's scenario (`scenario`, a link
/// value) and language (`lang`, a tag). An undecodable scenario opens the panel on the starter
/// scenario rather than failing: it cannot happen short of a bug.
pub fn mount(
    host: web_sys::HtmlElement,
    scenario: &str,
    lang: &str,
    to_page: ToPage,
    view: impl FnOnce(ToPage) -> AnyView + 'static,
) -> Option<Mounted> {
    let first = link::decode(scenario).unwrap_or_else(|_| crate::edit::starter());
    let lang = Lang::from_tag(lang).unwrap_or_default();
    let from_page = Rc::new(RefCell::new(scenario.to_owned()));
    let (sender, receiver) = std::sync::mpsc::channel();
    let seen = from_page.clone();
    let mount = leptos::mount::mount_to(host, move || {
        let explainer = Explainer::with_lang(first, lang);
        provide_context(explainer);
        let _ = sender.send(explainer);
        // What the panel does to its copy of the scenario goes to the page: a load (the copy's
        // load count moved) or an edit.
        let page = to_page.clone();
        Effect::new(move |loads: Option<u32>| {
            let value = explainer.scenario.with(link::encode);
            let now = explainer.loads.get_untracked();
            if *seen.borrow() != value {
                *seen.borrow_mut() = value.clone();
                let message = if loads.is_some_and(|l| l != now) {
                    Message::Load
                } else {
                    Message::Edit
                };
                page.send(message, &value);
            }
            now
        });
        let page = to_page.clone();
        Effect::new(move |_| {
            if let Some(Notice::BadFile(reason)) = explainer.notice.get() {
                page.send(Message::BadFile, &reason);
                explainer.notice.set(None);
            }
        });
        view(to_page)
    });
    // `mount_to` builds the view at once, so the context is there.
    let explainer = receiver.try_recv().ok()?;
    Some(Mounted {
        explainer,
        from_page,
        _mount: mount,
    })
}

impl Mounted {
    /// The page's scenario or language changed.
    pub fn update(&self, scenario: &str, lang: &str) {
        if *self.from_page.borrow() != scenario {
            if let Ok(s) = link::decode(scenario) {
                *self.from_page.borrow_mut() = scenario.to_owned();
                self.explainer.scenario.set(s);
            }
        }
        if let Some(lang) = Lang::from_tag(lang) {
            if self.explainer.lang.get_untracked() != lang {
                self.explainer.lang.set(lang);
            }
        }
    }
}

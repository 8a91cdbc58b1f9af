//! Which view the page shows: the explainer, a quiz or presenter mode. It is read from the address
//! (so a link opens it and "Back" leaves it), never stored.

use crate::browser::{self, key};

/// A view of the page, with its link value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum View {
    Explainer,
    /// `?quiz=…`: the value as given (the quiz reads it and reports what is wrong with it).
    Quiz(String),
    /// `?present=…`: the deck and slide.
    Present(String),
}

impl View {
    /// The view the address asks for. A quiz wins over presenter mode when both are given.
    pub fn from_address() -> View {
        if let Some(value) = browser::query(key::QUIZ) {
            View::Quiz(value)
        } else if let Some(value) = browser::query(key::PRESENT) {
            View::Present(value)
        } else {
            View::Explainer
        }
    }

    /// The page's address showing this view (the scenario and the rest of the query kept).
    pub fn href(&self) -> Option<String> {
        let (quiz, present) = match self {
            View::Explainer => (None, None),
            View::Quiz(value) => (Some(value.as_str()), None),
            View::Present(value) => (None, Some(value.as_str())),
        };
        browser::url_with(&[(key::QUIZ, quiz), (key::PRESENT, present)])
    }
}

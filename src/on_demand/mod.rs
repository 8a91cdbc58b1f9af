//! The page's second WebAssembly module, `panels`: the tools and training that most readers never
//! open (advice, import and export, the quiz, presenter mode, the decision table), fetched the
//! first time one of them is opened so that the first load carries only the explainer.
//!
//! Both modules are built from this crate (`src/main.rs` and `src/bin/panels.rs`); each keeps only
//! the code it reaches. They share the DOM and nothing else, so they speak through a small
//! protocol:
//!
//! - the page opens a panel in an element it owns, giving the panel's name, its argument (a quiz
//!   link value, a deck…), the scenario as a link value and the language tag;
//! - the page sends every later scenario and language to the open panel (`update`);
//! - the panel sends back what it does to the page's scenario ([`Message`]).
//!
//! The scenario stays the page's: a panel's copy only mirrors it, and a panel changes it by
//! asking.

pub mod client;
pub mod host;

/// What a panel asks of the page, as the `kind` of a message (its `value` in brackets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Message {
    /// Replace the scenario (an import, an example, a quiz question opened): a whole-scenario load
    /// (the scenario's link value).
    Load,
    /// Change the scenario as an edit would (an advice's suggestion applied) (the link value).
    Edit,
    /// A file given to the panel is not a scenario (the reason, for the page's notice).
    BadFile,
    /// Close the panel and go back to the explainer (nothing).
    Exit,
}

impl Message {
    pub fn name(self) -> &'static str {
        match self {
            Message::Load => "load",
            Message::Edit => "edit",
            Message::BadFile => "bad-file",
            Message::Exit => "exit",
        }
    }

    pub fn from_name(name: &str) -> Option<Message> {
        [
            Message::Load,
            Message::Edit,
            Message::BadFile,
            Message::Exit,
        ]
        .into_iter()
        .find(|m| m.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_round_trip() {
        for m in [
            Message::Load,
            Message::Edit,
            Message::BadFile,
            Message::Exit,
        ] {
            assert_eq!(Message::from_name(m.name()), Some(m));
        }
        assert_eq!(Message::from_name("reload"), None);
    }
}

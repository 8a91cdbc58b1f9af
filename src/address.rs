//! The scenario in the address bar: edits replace it (no new history entry), so the address is a
//! link to what is on screen.
//!
//! The address is written once edits pause (`browser::replace_url_soon`), because writing it costs
//! more than the rest of an edit. Until then this tab keeps a note of the newest link value and of
//! the address it is newer than, so that a reload in between starts from the newest.

use ami_encryption_rules::link;
use leptos::prelude::*;

use crate::browser::{self, key, stored};
use crate::state::Explainer;

/// The link value the page starts from: the address's own, unless this tab was reloaded before
/// its address caught up with its last edits.
pub fn first_link_value() -> Option<String> {
    let in_address = browser::query(key::SCENARIO);
    let note = browser::load_for_tab(stored::UNWRITTEN);
    match browser::written_href() {
        Some(href) => newest(&href, in_address, note.as_deref()),
        None => in_address,
    }
}

/// Keeps the address and this browser's local storage in step with the scenario: at once when
/// the page opens, then once edits pause, and when the page is left or hidden.
pub fn follow(explainer: Explainer) {
    let write = move || {
        let value = explainer.scenario.try_with_untracked(link::encode)?;
        browser::save(stored::SCENARIO, &value);
        browser::href_with(&browser::written_href()?, &[(key::SCENARIO, Some(&value))])
    };
    Effect::new(move |opened: Option<()>| {
        explainer.scenario.track();
        if opened.is_none() {
            if let Some(href) = write() {
                browser::replace_url(&href);
            }
        } else {
            // The note is written now, not when the page is left: a reload's new page can read
            // session storage before the old page's `pagehide` has written it (seen in Chromium).
            // "Now" is the next task, so that the edit reaches the screen first (the note is
            // about a fifth of an edit's script at 26 snapshots).
            set_timeout(
                move || {
                    if let Some(value) = explainer.scenario.try_with_untracked(link::encode) {
                        leave_note_for_tab(&value);
                    }
                },
                std::time::Duration::ZERO,
            );
            browser::replace_url_soon(write);
        }
    });
    // A page left before its address caught up (a reload, say) leaves this tab a note; a hidden
    // page may be discarded without a `pagehide`.
    let leave_note = move || {
        if !browser::url_is_unwritten() {
            return;
        }
        let Some(value) = explainer.scenario.try_with_untracked(link::encode) else {
            return;
        };
        browser::save(stored::SCENARIO, &value);
        leave_note_for_tab(&value);
    };
    let _ = window_event_listener(leptos::ev::pagehide, move |_| leave_note());
    let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().hidden() {
            leave_note();
        }
    });
}

/// Tells this tab that `value` is newer than the address it has written.
fn leave_note_for_tab(value: &str) {
    if let Some(written) = browser::written_href() {
        browser::save_for_tab(stored::UNWRITTEN, &note(&written, value));
    }
}

/// The note kept while the address waits: `value` is newer than the address `written`.
fn note(written: &str, value: &str) -> String {
    format!("{written}\n{value}")
}

/// The newest link value for a page opened at `href`: the note's, if it was written against this
/// very address (a reload), otherwise the address's own (a link opened in this tab wins).
fn newest(href: &str, in_address: Option<String>, note: Option<&str>) -> Option<String> {
    match note.and_then(|n| n.split_once('\n')) {
        Some((written, value)) if written == href => Some(value.to_owned()),
        _ => in_address,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://example.org/explainer/?s=2~old";

    #[test]
    fn a_reload_before_the_address_caught_up_keeps_the_newest_edit() {
        let kept = note(PAGE, "2~new");
        assert_eq!(
            newest(PAGE, Some("2~old".into()), Some(&kept)),
            Some("2~new".into())
        );
    }

    #[test]
    fn another_address_in_the_same_tab_wins_over_the_note() {
        let kept = note(PAGE, "2~new");
        let pasted = "https://example.org/explainer/?s=2~pasted";
        assert_eq!(
            newest(pasted, Some("2~pasted".into()), Some(&kept)),
            Some("2~pasted".into())
        );
        // The address without a scenario at all is another address too.
        let bare = "https://example.org/explainer/";
        assert_eq!(newest(bare, None, Some(&kept)), None);
    }

    #[test]
    fn no_note_or_a_garbled_one_leaves_the_address() {
        assert_eq!(
            newest(PAGE, Some("2~old".into()), None),
            Some("2~old".into())
        );
        assert_eq!(
            newest(PAGE, Some("2~old".into()), Some("no line break here")),
            Some("2~old".into())
        );
    }
}

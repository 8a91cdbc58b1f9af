//! Where the page's first scenario comes from: a link wins, then what this browser saved, then the
//! starter scenario. Anything unreadable is set aside with a notice, never a crash.

use ami_encryption_rules::{link, Scenario};

use crate::edit::starter;
use crate::state::Notice;

/// The scenario to start from, and what to tell the person about it.
pub fn first_scenario(link_value: Option<&str>, saved: Option<&str>) -> (Scenario, Option<Notice>) {
    match (link_value, saved) {
        (Some(value), _) => match link::decode(value) {
            Ok(scenario) => (scenario, None),
            Err(err) => (starter(), Some(Notice::BadLink(err))),
        },
        (None, Some(value)) => match link::decode(value) {
            Ok(scenario) => (scenario, None),
            Err(_) => (starter(), Some(Notice::BadSaved)),
        },
        (None, None) => (starter(), None),
    }
}

/// The translation key for why a link could not be read.
pub fn link_error_key(err: &link::LinkError) -> &'static str {
    use link::LinkError::*;
    match err {
        Empty => "link.error.empty",
        TooLong { .. } => "link.error.too-long",
        FutureVersion(_) => "link.error.future",
        Truncated => "link.error.truncated",
        Malformed(_) => "link.error.malformed",
        TooMany { .. } => "link.error.too-many",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ami_encryption_rules::preset as presets;

    #[test]
    fn a_link_wins_over_what_was_saved() {
        let from_link = (presets::ALL[0].build)();
        let saved = (presets::ALL[1].build)();
        let (scenario, notice) =
            first_scenario(Some(&link::encode(&from_link)), Some(&link::encode(&saved)));
        assert_eq!((scenario, notice), (from_link, None));
        assert_eq!(first_scenario(None, Some(&link::encode(&saved))).0, saved);
        assert_eq!(first_scenario(None, None), (starter(), None));
    }

    #[test]
    fn unreadable_input_falls_back_with_a_notice() {
        let (scenario, notice) = first_scenario(Some("9~l0"), None);
        assert_eq!(scenario, starter());
        assert!(matches!(
            notice,
            Some(Notice::BadLink(link::LinkError::FutureVersion(9)))
        ));
        assert_eq!(
            first_scenario(None, Some("garbage")).1,
            Some(Notice::BadSaved)
        );
        // A bad link does not fall back to storage: the person asked for the link.
        assert!(matches!(
            first_scenario(Some(""), Some(&link::encode(&starter()))).1,
            Some(Notice::BadLink(_))
        ));
    }
}

//! The engine's answer, as comment lines (without the comment marker): what each volume or
//! snapshot copy becomes, or why nothing is made.

use ami_encryption_rules::{resolve, Change, Origin, Outcome, Scenario, Status};

use crate::quote::comment;

/// One line per volume, refusal or failure; every value made safe for a `#` comment.
pub(crate) fn lines(scenario: &Scenario) -> Vec<String> {
    let outcome = resolve(scenario);
    let mut lines = vec![format!(
        "Outcome (AMI Encryption Explainer): {}",
        status(&outcome)
    )];
    for volume in &outcome.volumes {
        let origin = match volume.origin {
            Origin::Snapshot => "from the AMI's snapshot",
            Origin::New => "new empty volume",
        };
        let encryption = if volume.encrypted {
            let key = volume
                .kms_key_arn
                .as_deref()
                .or(volume.kms_key.as_deref())
                .unwrap_or("?");
            format!(
                "encrypted with {} ({})",
                comment(key),
                change(volume.change)
            )
        } else {
            "not encrypted".to_owned()
        };
        lines.push(format!(
            "  {} ({origin}, {} GiB): {encryption} [rule {}]",
            comment(&volume.device),
            volume.size,
            volume.rule.id()
        ));
    }
    for device in &outcome.suppressed {
        lines.push(format!("  {}: left out (NoDevice)", comment(device)));
    }
    if let Some(error) = &outcome.error {
        lines.push(format!(
            "  refused: {}: {} [rule {}]",
            comment(&error.code),
            comment(&error.message),
            error.rule.id()
        ));
    }
    if let Some(failure) = &outcome.failure {
        lines.push(format!(
            "  fails after it is accepted: {}: {} (key {}, device {}) [rule {}]",
            comment(&failure.code),
            comment(&failure.message),
            comment(&failure.key),
            comment(&failure.device),
            failure.rule.id()
        ));
    }
    lines
}

fn status(outcome: &Outcome) -> &'static str {
    match outcome.status {
        Status::Ok => "accepted",
        Status::Error => "refused, nothing is created",
        Status::FailsLater => "accepted, then fails",
    }
}

fn change(change: Change) -> &'static str {
    match change {
        Change::Unchanged => "key unchanged",
        Change::Encrypted => "newly encrypted",
        Change::ReEncrypted => "re-encrypted",
        Change::Unencrypted => "left unencrypted",
    }
}

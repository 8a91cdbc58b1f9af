//! `aws sts get-caller-identity`: your account ID.

use serde::Deserialize;

/// `{"UserId": "...", "Account": "123456789012", "Arn": "arn:aws:iam::123456789012:user/..."}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct CallerIdentity {
    pub account: String,
}

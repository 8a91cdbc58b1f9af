//! `aws kms list-aliases`: the alias names of keys, found by their key ID.

use serde::Deserialize;

/// `{"Aliases": [...]}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ListAliases {
    #[serde(default)]
    pub aliases: Option<Vec<Alias>>,
}

/// One alias. AWS managed aliases whose key does not exist yet have no `TargetKeyId`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Alias {
    pub alias_name: Option<String>,
    /// `arn:aws:kms:REGION:ACCOUNT:alias/NAME`: where the alias (and its key) lives.
    pub alias_arn: Option<String>,
    pub target_key_id: Option<String>,
}

//! `aws kms describe-key --key-id …`: a key's account, Region, state, spec, multi-Region and
//! whether AWS or the customer manages it.

use serde::Deserialize;

/// `{"KeyMetadata": {...}}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct DescribeKey {
    pub key_metadata: KeyMetadata,
}

/// The fields the rules need.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct KeyMetadata {
    pub key_id: Option<String>,
    /// `arn:aws:kms:REGION:ACCOUNT:key/ID`.
    pub arn: Option<String>,
    #[serde(rename = "AWSAccountId")]
    pub aws_account_id: Option<String>,
    /// `Enabled`, `Disabled`, `PendingDeletion`, `PendingReplicaDeletion`, `PendingImport`,
    /// `Unavailable`, `Creating`, `Updating`.
    pub key_state: Option<String>,
    /// `SYMMETRIC_DEFAULT`, `RSA_2048`, `HMAC_256`, …
    pub key_spec: Option<String>,
    /// The older name of `KeySpec`, still printed.
    pub customer_master_key_spec: Option<String>,
    /// `AWS` or `CUSTOMER`.
    pub key_manager: Option<String>,
    pub multi_region: Option<bool>,
}

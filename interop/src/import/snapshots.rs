//! `aws ec2 describe-snapshots --snapshot-ids snap-…`: each snapshot's key, owner and size.

use serde::Deserialize;

/// The output: `{"Snapshots": [...]}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct DescribeSnapshots {
    #[serde(default)]
    pub snapshots: Option<Vec<Snapshot>>,
}

/// One snapshot; only the fields the rules need.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Snapshot {
    pub snapshot_id: Option<String>,
    pub owner_id: Option<String>,
    pub volume_size: Option<u32>,
    pub encrypted: Option<bool>,
    /// The full ARN of the key that encrypts the snapshot.
    pub kms_key_id: Option<String>,
}

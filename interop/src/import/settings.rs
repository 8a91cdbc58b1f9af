//! `aws ec2 get-ebs-encryption-by-default` and `aws ec2 get-ebs-default-kms-key-id`: the two
//! Region-level EBS settings.

use serde::Deserialize;

/// `{"EbsEncryptionByDefault": false}` (newer CLIs add `"SseType"`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct EncryptionByDefault {
    pub ebs_encryption_by_default: bool,
}

/// `{"KmsKeyId": "arn:aws:kms:us-east-1:123456789012:alias/aws/ebs"}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct DefaultKmsKeyId {
    pub kms_key_id: String,
}

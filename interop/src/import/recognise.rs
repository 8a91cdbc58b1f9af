//! Telling which command printed a JSON output, by the fields only that command prints.

use serde::Serialize;
use serde_json::Value;

use super::Problem;

/// The commands whose output an import reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Recognised {
    /// `aws ec2 describe-images`: `{"Images": [...]}`.
    DescribeImages,
    /// `aws ec2 describe-snapshots`: `{"Snapshots": [...]}`.
    DescribeSnapshots,
    /// `aws ec2 get-ebs-encryption-by-default`: `{"EbsEncryptionByDefault": true}`.
    GetEbsEncryptionByDefault,
    /// `aws ec2 get-ebs-default-kms-key-id`: `{"KmsKeyId": "..."}`.
    GetEbsDefaultKmsKeyId,
    /// `aws kms list-aliases`: `{"Aliases": [...]}`.
    ListAliases,
    /// `aws kms describe-key`: `{"KeyMetadata": {...}}`.
    DescribeKey,
    /// `aws sts get-caller-identity`: `{"UserId": ..., "Account": ..., "Arn": ...}`.
    GetCallerIdentity,
    /// Several outputs in one: `{"bundle": 1, "outputs": [...]}`.
    Bundle,
}

impl Recognised {
    /// The commands an import reads, for a message that lists them.
    pub const COMMANDS: &'static str = "aws ec2 describe-images, aws ec2 describe-snapshots, \
        aws ec2 get-ebs-encryption-by-default, aws ec2 get-ebs-default-kms-key-id, \
        aws kms list-aliases, aws kms describe-key or aws sts get-caller-identity";

    /// The command that prints this shape (a command, not a sentence: the same in every language).
    pub fn command(self) -> &'static str {
        match self {
            Recognised::DescribeImages => "aws ec2 describe-images",
            Recognised::DescribeSnapshots => "aws ec2 describe-snapshots",
            Recognised::GetEbsEncryptionByDefault => "aws ec2 get-ebs-encryption-by-default",
            Recognised::GetEbsDefaultKmsKeyId => "aws ec2 get-ebs-default-kms-key-id",
            Recognised::ListAliases => "aws kms list-aliases",
            Recognised::DescribeKey => "aws kms describe-key",
            Recognised::GetCallerIdentity => "aws sts get-caller-identity",
            Recognised::Bundle => "bundle",
        }
    }
}

/// Which command printed `value`. Each output has a field no other of these outputs has, so the
/// order of the checks does not matter; other fields (such as `NextToken`) are ignored.
pub fn recognise(value: &Value) -> Result<Recognised, Problem> {
    let Some(object) = value.as_object() else {
        return Err(Problem::NotAnObject);
    };
    let has = |field: &str| object.contains_key(field);
    Ok(if has("bundle") {
        Recognised::Bundle
    } else if has("Images") {
        Recognised::DescribeImages
    } else if has("Snapshots") {
        Recognised::DescribeSnapshots
    } else if has("EbsEncryptionByDefault") {
        Recognised::GetEbsEncryptionByDefault
    } else if has("Aliases") {
        Recognised::ListAliases
    } else if has("KeyMetadata") {
        Recognised::DescribeKey
    } else if has("Account") && has("Arn") {
        Recognised::GetCallerIdentity
    } else if has("KmsKeyId") {
        Recognised::GetEbsDefaultKmsKeyId
    } else {
        let fields = object.keys().take(5).cloned().collect();
        return Err(Problem::UnknownShape { fields });
    })
}

/// The bundle's Region and outputs. Version 1 is the only one.
pub(crate) fn bundle(value: Value) -> Result<(Option<String>, Vec<Value>), Problem> {
    let bad = |message: &str| Problem::BadBundle {
        message: message.to_owned(),
    };
    let Value::Object(mut object) = value else {
        return Err(Problem::NotAnObject);
    };
    if object.get("bundle") != Some(&Value::from(1)) {
        return Err(bad("`bundle` must be 1, the only version there is"));
    }
    let region = match object.remove("region") {
        None | Some(Value::Null) => None,
        Some(Value::String(region)) => Some(region),
        Some(_) => return Err(bad("`region` must be a string")),
    };
    match object.remove("outputs") {
        Some(Value::Array(outputs)) => Ok((region, outputs)),
        _ => Err(bad("`outputs` must be a list [...] of command outputs")),
    }
}

//! `aws ec2 describe-images --image-ids ami-…`: the AMI's devices, snapshots, sizes and owner.

use serde::Deserialize;

/// The output: `{"Images": [...]}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct DescribeImages {
    #[serde(default)]
    pub images: Option<Vec<Image>>,
}

/// One image; only the fields the rules need.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Image {
    pub image_id: Option<String>,
    pub owner_id: Option<String>,
    /// `amazon` or `aws-marketplace` for the images AWS or the Marketplace own.
    pub image_owner_alias: Option<String>,
    pub root_device_name: Option<String>,
    /// `ebs` or `instance-store`.
    pub root_device_type: Option<String>,
    pub block_device_mappings: Option<Vec<Mapping>>,
}

/// One block-device mapping of the image.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Mapping {
    pub device_name: Option<String>,
    /// `ephemeral0` …: an instance-store volume.
    pub virtual_name: Option<String>,
    /// Present (usually `""`) when the mapping leaves the device out.
    pub no_device: Option<String>,
    pub ebs: Option<Ebs>,
}

/// The EBS part of a mapping.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Ebs {
    pub snapshot_id: Option<String>,
    pub volume_size: Option<u32>,
    pub encrypted: Option<bool>,
    /// DescribeImages seldom prints it; describe-snapshots does.
    pub kms_key_id: Option<String>,
}

//! The AWS CLI commands whose output [`crate::import()`] reads, for one AMI in one Region, and a
//! short shell snippet (for AWS CloudShell) that runs them all and prints one bundle.
//!
//! The AMI ID and the Region are checked before they are written into a command line, so the
//! commands never carry anything but an AMI ID and a Region name.

use ami_encryption_rules::key::is_region;

/// Why no commands can be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadInput {
    /// Not `ami-` and 8 or 17 lowercase hex digits.
    AmiId,
    /// Not a Region name such as `us-east-1`.
    Region,
}

/// Whether `text` is an AMI ID: `ami-` then 8 or 17 lowercase hexadecimal digits.
pub fn is_ami_id(text: &str) -> bool {
    text.strip_prefix("ami-").is_some_and(|hex| {
        matches!(hex.len(), 8 | 17)
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

fn check(ami: &str, region: &str) -> Result<(), BadInput> {
    if !is_ami_id(ami) {
        return Err(BadInput::AmiId);
    }
    if !is_region(region) {
        return Err(BadInput::Region);
    }
    Ok(())
}

/// The commands, one per line, in the order they are best run.
pub fn commands(ami: &str, region: &str) -> Result<Vec<String>, BadInput> {
    check(ami, region)?;
    let snapshots = format!(
        "$(aws ec2 describe-images --region {region} --image-ids {ami} --query 'Images[0].BlockDeviceMappings[].Ebs.SnapshotId' --output text)"
    );
    Ok(vec![
        format!("aws ec2 describe-images --region {region} --image-ids {ami}"),
        format!("aws ec2 describe-snapshots --region {region} --snapshot-ids {snapshots}"),
        format!("aws ec2 get-ebs-encryption-by-default --region {region}"),
        format!("aws ec2 get-ebs-default-kms-key-id --region {region}"),
        format!("aws kms list-aliases --region {region}"),
        format!("aws kms describe-key --region {region} --key-id KEY_ID_OR_ARN"),
        "aws sts get-caller-identity".to_owned(),
    ])
}

/// One snippet that runs every command and prints one bundle the importer reads (also kept in
/// `ami-bundle.json`)
/// as `{"bundle": 1, "region": …, "outputs": […]}`; `describe-key` runs for each snapshot key and the
/// default key, and is left out where it is not allowed.
pub fn cloudshell(ami: &str, region: &str) -> Result<String, BadInput> {
    check(ami, region)?;
    Ok(format!(
        r#"AMI={ami} R={region}
SNAPS=$(aws ec2 describe-images --region "$R" --image-ids "$AMI" --query 'Images[0].BlockDeviceMappings[].Ebs.SnapshotId' --output text)
{{
  printf '{{"bundle": 1, "region": "%s", "outputs": [' "$R"
  aws ec2 describe-images --region "$R" --image-ids "$AMI"; printf ','
  aws ec2 describe-snapshots --region "$R" --snapshot-ids $SNAPS; printf ','
  aws ec2 get-ebs-encryption-by-default --region "$R"; printf ','
  aws ec2 get-ebs-default-kms-key-id --region "$R"; printf ','
  aws kms list-aliases --region "$R"; printf ','
  for K in $(aws ec2 describe-snapshots --region "$R" --snapshot-ids $SNAPS --query 'Snapshots[].KmsKeyId' --output text) \
           $(aws ec2 get-ebs-default-kms-key-id --region "$R" --query KmsKeyId --output text); do
    aws kms describe-key --region "$R" --key-id "$K" 2>/dev/null && printf ','
  done
  aws sts get-caller-identity
  printf ']}}\n'
}} | tee ami-bundle.json && echo "Also in ami-bundle.json: paste the JSON above, or download the file and drop it on the page." >&2"#
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ami_ids_and_regions_reach_a_command_line() {
        assert!(commands("ami-0123456789abcdef0", "eu-west-1").is_ok());
        assert!(commands("ami-12345678", "us-east-1").is_ok());
        assert_eq!(
            commands("ami-0123; rm -rf ~", "us-east-1"),
            Err(BadInput::AmiId)
        );
        assert_eq!(
            commands("ami-0123456789ABCDEF0", "us-east-1"),
            Err(BadInput::AmiId)
        );
        assert_eq!(
            commands("ami-0123456789abcdef0", "us-east-1 --x"),
            Err(BadInput::Region)
        );
        assert_eq!(cloudshell("", "us-east-1"), Err(BadInput::AmiId));
    }

    #[test]
    fn the_snippet_runs_every_command_and_writes_a_bundle() {
        let snippet = cloudshell("ami-0123456789abcdef0", "eu-west-1").unwrap();
        for command in [
            "describe-snapshots",
            "get-ebs-encryption-by-default",
            "list-aliases",
            "describe-key",
            "get-caller-identity",
        ] {
            assert!(snippet.contains(command), "{command}");
        }
        assert!(snippet.contains(r#"{"bundle": 1, "region": "%s", "outputs": ["#));
        assert!(snippet.starts_with("AMI=ami-0123456789abcdef0 R=eu-west-1\n"));
    }

    /// What the snippet prints, put together from real-shaped outputs as its `printf`s join them,
    /// is a bundle the importer reads.
    #[test]
    fn what_the_snippet_prints_imports() {
        let outputs = [
            include_str!("../tests/fixtures/describe-images-owned.json"),
            include_str!("../tests/fixtures/describe-snapshots-owned.json"),
            include_str!("../tests/fixtures/get-ebs-encryption-by-default-on.json"),
            include_str!("../tests/fixtures/get-ebs-default-kms-key-id.json"),
            include_str!("../tests/fixtures/list-aliases.json"),
            include_str!("../tests/fixtures/describe-key-app.json"),
            include_str!("../tests/fixtures/get-caller-identity.json"),
        ];
        let printed = format!(
            "{{\"bundle\": 1, \"region\": \"us-east-1\", \"outputs\": [{}]}}\n",
            outputs.join(",")
        );
        let imported = crate::import(&[&printed], &ami_encryption_rules::Scenario::default())
            .expect("the bundle imports");
        assert_eq!(imported.scenario.snapshots.len(), 2);
        assert!(imported.scenario.account.encryption_by_default);
    }
}

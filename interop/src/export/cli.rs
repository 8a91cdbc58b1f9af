//! The AWS CLI command: `aws ec2 run-instances`, `aws ec2 create-launch-template` (Auto Scaling)
//! or `aws ec2 copy-image`, one option a line.

use ami_encryption_rules::{Caller, LaunchMapping, Operation, Scenario};
use serde_json::{json, Map, Value};

use super::{commented, outcome, INSTANCE_TYPE, NAME, PLACEHOLDER_AMI};
use crate::quote::{comment, json, shell};

pub(crate) fn write(scenario: &Scenario) -> String {
    let mut text = commented(&intro(scenario));
    text.push_str(&commented(&outcome::lines(scenario)));
    text.push_str(&command(scenario));
    text
}

/// What the reader must know before running it.
pub(crate) fn intro(scenario: &Scenario) -> Vec<String> {
    let mut lines = vec![format!(
        "Replace {PLACEHOLDER_AMI} with the ID of your AMI."
    )];
    if scenario.operation == Operation::Launch && scenario.effective_caller() == Caller::AutoScaling
    {
        lines.push(
            "Amazon EC2 Auto Scaling launches from a launch template, with its service-linked role"
                .to_owned(),
        );
        lines.push(
            "(AWSServiceRoleForAutoScaling). Create the template, then a group that uses it:"
                .to_owned(),
        );
        lines.push(format!(
            "  aws autoscaling create-auto-scaling-group --auto-scaling-group-name {NAME} \\"
        ));
        lines.push(format!(
            "    --launch-template LaunchTemplateName={NAME} --min-size 1 --max-size 1 \\"
        ));
        lines.push(format!(
            "    --availability-zones {}a",
            comment(&scenario.account.region)
        ));
    }
    lines
}

/// The command alone, options joined with `\` line continuations.
pub(crate) fn command(scenario: &Scenario) -> String {
    let words = words(scenario);
    let mut text = words.join(" \\\n  ");
    text.push('\n');
    text
}

fn words(scenario: &Scenario) -> Vec<String> {
    let region = shell(&scenario.account.region);
    match (scenario.operation, scenario.effective_caller()) {
        (Operation::Launch, Caller::You) => {
            let mut words = vec![
                "aws ec2 run-instances".to_owned(),
                format!("--region {region}"),
                format!("--image-id {}", shell(PLACEHOLDER_AMI)),
                format!("--instance-type {}", shell(INSTANCE_TYPE)),
                "--count 1".to_owned(),
            ];
            if !scenario.launch.is_empty() {
                let mappings = Value::Array(scenario.launch.iter().map(mapping).collect());
                words.push(format!(
                    "--block-device-mappings {}",
                    shell(&json(&mappings))
                ));
            }
            words
        }
        (Operation::Launch, Caller::AutoScaling) => {
            let mut data = Map::new();
            data.insert("ImageId".into(), PLACEHOLDER_AMI.into());
            data.insert("InstanceType".into(), INSTANCE_TYPE.into());
            if !scenario.launch.is_empty() {
                let mappings = scenario.launch.iter().map(mapping).collect();
                data.insert("BlockDeviceMappings".into(), Value::Array(mappings));
            }
            vec![
                "aws ec2 create-launch-template".to_owned(),
                format!("--region {region}"),
                format!("--launch-template-name {}", shell(NAME)),
                format!(
                    "--launch-template-data {}",
                    shell(&json(&Value::Object(data)))
                ),
            ]
        }
        (Operation::Copy, _) => {
            let copy = &scenario.copy;
            let mut words = vec![
                "aws ec2 copy-image".to_owned(),
                format!("--region {region}"),
                format!("--source-region {}", shell(scenario.ami_region())),
                format!("--source-image-id {}", shell(PLACEHOLDER_AMI)),
                format!("--name {}", shell(NAME)),
            ];
            match copy.encrypted {
                Some(true) => words.push("--encrypted".to_owned()),
                Some(false) => words.push("--no-encrypted".to_owned()),
                None => {}
            }
            if let Some(key) = &copy.kms_key_id {
                words.push(format!("--kms-key-id {}", shell(key)));
            }
            words
        }
    }
}

/// One `BlockDeviceMappings` entry, as `RunInstances` and launch templates take it.
pub(crate) fn mapping(mapping: &LaunchMapping) -> Value {
    let mut entry = Map::new();
    entry.insert("DeviceName".into(), mapping.device.clone().into());
    if mapping.no_device {
        // `NoDevice` is a string; EC2 reads an empty one as "leave the device out".
        entry.insert("NoDevice".into(), "".into());
        return Value::Object(entry);
    }
    let mut ebs = Map::new();
    if let Some(encrypted) = mapping.encrypted {
        ebs.insert("Encrypted".into(), encrypted.into());
    }
    if let Some(key) = &mapping.kms_key_id {
        ebs.insert("KmsKeyId".into(), key.clone().into());
    }
    if let Some(size) = mapping.volume_size {
        ebs.insert("VolumeSize".into(), json!(size));
    }
    entry.insert("Ebs".into(), Value::Object(ebs));
    Value::Object(entry)
}

//! A CloudFormation template (YAML): `AWS::EC2::Instance`, or `AWS::EC2::LaunchTemplate` with an
//! `AWS::AutoScaling::AutoScalingGroup` (Auto Scaling). CopyImage has no CloudFormation resource:
//! a copy is exported as the AWS CLI command, saying so.

use ami_encryption_rules::{Caller, LaunchMapping, Operation, Scenario};

use super::{cli, commented, outcome, INSTANCE_TYPE, NAME, PLACEHOLDER_AMI};
use crate::quote::{comment, yaml};

/// The first line of a copy's export, which is a CLI command and no template.
pub const NO_COPY_RESOURCE: &str =
    "# CopyImage has no CloudFormation resource: run this AWS CLI command instead.";

pub(crate) fn write(scenario: &Scenario) -> String {
    if scenario.operation == Operation::Copy {
        return format!("{NO_COPY_RESOURCE}\n{}", cli::write(scenario));
    }
    let mut out = commented(&outcome::lines(scenario));
    out.push_str(&format!(
        "# Deploy the stack in {}. Replace {PLACEHOLDER_AMI} with the ID of your AMI.\n",
        comment(&scenario.account.region)
    ));
    out.push_str("AWSTemplateFormatVersion: \"2010-09-09\"\n");
    out.push_str("Description: \"The launch the AMI Encryption Explainer describes\"\n");
    out.push_str("Resources:\n");
    if scenario.effective_caller() == Caller::AutoScaling {
        launch_template(&mut out, scenario);
    } else {
        instance(&mut out, scenario);
    }
    out
}

/// `BlockDeviceMappings` at `indent`; `NoDevice` is `{}` for an instance and `""` in a launch
/// template (their schemas differ).
fn mappings(out: &mut String, launch: &[LaunchMapping], indent: &str, template: bool) {
    if launch.is_empty() {
        return;
    }
    out.push_str(&format!("{indent}BlockDeviceMappings:\n"));
    for mapping in launch {
        out.push_str(&format!(
            "{indent}  - DeviceName: {}\n",
            yaml(&mapping.device)
        ));
        let inner = format!("{indent}    ");
        if mapping.no_device {
            let empty = if template { "\"\"" } else { "{}" };
            out.push_str(&format!("{inner}NoDevice: {empty}\n"));
            continue;
        }
        let set = mapping.encrypted.is_some()
            || mapping.kms_key_id.is_some()
            || mapping.volume_size.is_some();
        if !set {
            out.push_str(&format!("{inner}Ebs: {{}}\n"));
            continue;
        }
        out.push_str(&format!("{inner}Ebs:\n"));
        if let Some(encrypted) = mapping.encrypted {
            out.push_str(&format!("{inner}  Encrypted: {encrypted}\n"));
        }
        if let Some(key) = &mapping.kms_key_id {
            out.push_str(&format!("{inner}  KmsKeyId: {}\n", yaml(key)));
        }
        if let Some(size) = mapping.volume_size {
            out.push_str(&format!("{inner}  VolumeSize: {size}\n"));
        }
    }
}

fn instance(out: &mut String, scenario: &Scenario) {
    out.push_str("  Instance:\n");
    out.push_str("    Type: \"AWS::EC2::Instance\"\n");
    out.push_str("    Properties:\n");
    out.push_str(&format!("      ImageId: {}\n", yaml(PLACEHOLDER_AMI)));
    out.push_str(&format!("      InstanceType: {}\n", yaml(INSTANCE_TYPE)));
    mappings(out, &scenario.launch, "      ", false);
}

fn launch_template(out: &mut String, scenario: &Scenario) {
    out.push_str(
        "  # Amazon EC2 Auto Scaling launches from this template with its service-linked\n",
    );
    out.push_str("  # role (AWSServiceRoleForAutoScaling), for the group below.\n");
    out.push_str("  LaunchTemplate:\n");
    out.push_str("    Type: \"AWS::EC2::LaunchTemplate\"\n");
    out.push_str("    Properties:\n");
    out.push_str(&format!("      LaunchTemplateName: {}\n", yaml(NAME)));
    out.push_str("      LaunchTemplateData:\n");
    out.push_str(&format!("        ImageId: {}\n", yaml(PLACEHOLDER_AMI)));
    out.push_str(&format!("        InstanceType: {}\n", yaml(INSTANCE_TYPE)));
    mappings(out, &scenario.launch, "        ", true);
    out.push_str("  Group:\n");
    out.push_str("    Type: \"AWS::AutoScaling::AutoScalingGroup\"\n");
    out.push_str("    Properties:\n");
    out.push_str("      MinSize: \"1\"\n");
    out.push_str("      MaxSize: \"1\"\n");
    out.push_str("      AvailabilityZones: !GetAZs \"\"\n");
    out.push_str("      LaunchTemplate:\n");
    out.push_str("        LaunchTemplateId: !Ref LaunchTemplate\n");
    out.push_str("        Version: !GetAtt LaunchTemplate.LatestVersionNumber\n");
}

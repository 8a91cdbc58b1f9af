//! Terraform, AWS provider: `aws_instance`, `aws_launch_template` with an `aws_autoscaling_group`
//! (Auto Scaling), or `aws_ami_copy`.

use ami_encryption_rules::{Caller, LaunchMapping, Operation, Scenario};

use super::hcl::Hcl;
use super::{outcome, root_device, INSTANCE_TYPE, NAME, PLACEHOLDER_AMI};
use crate::quote;

pub(crate) fn write(scenario: &Scenario) -> String {
    let mut hcl = Hcl::default();
    for line in outcome::lines(scenario) {
        hcl.line(&format!("# {line}"));
    }
    hcl.blank();
    hcl.open("provider \"aws\"");
    hcl.string("region", &scenario.account.region);
    hcl.close();
    hcl.blank();
    match (scenario.operation, scenario.effective_caller()) {
        (Operation::Launch, Caller::You) => instance(&mut hcl, scenario),
        (Operation::Launch, Caller::AutoScaling) => launch_template(&mut hcl, scenario),
        (Operation::Copy, _) => ami_copy(&mut hcl, scenario),
    }
    hcl.finish()
}

fn ami(hcl: &mut Hcl, attribute: &str) {
    hcl.line(&format!(
        "# Replace {PLACEHOLDER_AMI} with the ID of your AMI."
    ));
    hcl.string(attribute, PLACEHOLDER_AMI);
}

/// `encrypted`, `kms_key_id` and `volume_size` of a mapping; `encrypted` is a bool in
/// `aws_instance` and the string "true"/"false" in `aws_launch_template`.
fn ebs_attributes(hcl: &mut Hcl, mapping: &LaunchMapping, encrypted_as_string: bool) {
    if let Some(encrypted) = mapping.encrypted {
        if encrypted_as_string {
            hcl.string("encrypted", if encrypted { "true" } else { "false" });
        } else {
            hcl.raw("encrypted", encrypted);
        }
    }
    if let Some(key) = &mapping.kms_key_id {
        hcl.string("kms_key_id", key);
    }
    if let Some(size) = mapping.volume_size {
        hcl.raw("volume_size", size);
    }
}

fn instance(hcl: &mut Hcl, scenario: &Scenario) {
    hcl.open("resource \"aws_instance\" \"example\"");
    ami(hcl, "ami");
    hcl.string("instance_type", INSTANCE_TYPE);
    let root = root_device(scenario);
    for mapping in &scenario.launch {
        hcl.blank();
        if mapping.no_device {
            // Terraform leaves an AMI's device out through `ephemeral_block_device`.
            hcl.open("ephemeral_block_device");
            hcl.string("device_name", &mapping.device);
            hcl.raw("no_device", true);
        } else if Some(mapping.device.as_str()) == root {
            // The root volume has its own block, without a device name.
            hcl.line(&format!(
                "# The AMI's root device, {}.",
                quote::comment(&mapping.device)
            ));
            hcl.open("root_block_device");
            ebs_attributes(hcl, mapping, false);
        } else {
            hcl.open("ebs_block_device");
            hcl.string("device_name", &mapping.device);
            ebs_attributes(hcl, mapping, false);
        }
        hcl.close();
    }
    hcl.close();
}

fn launch_template(hcl: &mut Hcl, scenario: &Scenario) {
    hcl.line("# Amazon EC2 Auto Scaling launches from this template with its service-linked role");
    hcl.line("# (AWSServiceRoleForAutoScaling): the group below uses it.");
    hcl.open("resource \"aws_launch_template\" \"example\"");
    hcl.string("name", NAME);
    ami(hcl, "image_id");
    hcl.string("instance_type", INSTANCE_TYPE);
    for mapping in &scenario.launch {
        hcl.blank();
        hcl.open("block_device_mappings");
        hcl.string("device_name", &mapping.device);
        if mapping.no_device {
            // The provider drops an empty `no_device`; EC2 takes any string as "leave it out".
            hcl.string("no_device", "true");
        } else {
            hcl.open("ebs");
            ebs_attributes(hcl, mapping, true);
            hcl.close();
        }
        hcl.close();
    }
    hcl.close();
    hcl.blank();
    hcl.open("data \"aws_availability_zones\" \"available\"");
    hcl.string("state", "available");
    hcl.close();
    hcl.blank();
    hcl.open("resource \"aws_autoscaling_group\" \"example\"");
    hcl.string("name", NAME);
    hcl.raw("min_size", 1);
    hcl.raw("max_size", 1);
    hcl.raw(
        "availability_zones",
        "data.aws_availability_zones.available.names",
    );
    hcl.blank();
    hcl.open("launch_template");
    hcl.raw("id", "aws_launch_template.example.id");
    hcl.raw("version", "aws_launch_template.example.latest_version");
    hcl.close();
    hcl.close();
}

fn ami_copy(hcl: &mut Hcl, scenario: &Scenario) {
    hcl.line("# CopyImage is called in the provider's Region, the copy's destination.");
    hcl.open("resource \"aws_ami_copy\" \"example\"");
    hcl.string("name", NAME);
    ami(hcl, "source_ami_id");
    hcl.string("source_ami_region", scenario.ami_region());
    if let Some(encrypted) = scenario.copy.encrypted {
        hcl.raw("encrypted", encrypted);
    }
    if let Some(key) = &scenario.copy.kms_key_id {
        hcl.string("kms_key_id", key);
    }
    hcl.close();
}

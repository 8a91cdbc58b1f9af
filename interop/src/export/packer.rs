//! Packer (HCL2), `amazon-ebs` builder: it launches the source AMI with
//! `launch_block_device_mappings` (RunInstances), then makes an AMI and copies it with
//! `encrypt_boot`, `kms_key_id` and, for other Regions, `ami_regions` and `region_kms_key_ids`
//! (CopyImage).

use ami_encryption_rules::{Caller, Operation, Scenario};

use super::hcl::Hcl;
use super::{outcome, INSTANCE_TYPE, NAME, PLACEHOLDER_AMI};
use crate::quote;

pub(crate) fn write(scenario: &Scenario) -> String {
    let mut hcl = Hcl::default();
    for line in outcome::lines(scenario) {
        hcl.line(&format!("# {line}"));
    }
    hcl.blank();
    hcl.open("packer");
    hcl.open("required_plugins");
    hcl.open("amazon =");
    hcl.string("source", "github.com/hashicorp/amazon");
    hcl.string("version", ">= 1.3.0");
    hcl.close();
    hcl.close();
    hcl.close();
    hcl.blank();
    hcl.open("source \"amazon-ebs\" \"example\"");
    match scenario.operation {
        Operation::Launch => launch(&mut hcl, scenario),
        Operation::Copy => copy(&mut hcl, scenario),
    }
    hcl.close();
    hcl.blank();
    hcl.open("build");
    hcl.raw("sources", "[\"source.amazon-ebs.example\"]");
    hcl.close();
    hcl.finish()
}

fn common(hcl: &mut Hcl, region: &str) {
    hcl.string("region", region);
    hcl.line(&format!(
        "# Replace {PLACEHOLDER_AMI} with the ID of your AMI."
    ));
    hcl.string("source_ami", PLACEHOLDER_AMI);
    hcl.string("instance_type", INSTANCE_TYPE);
    hcl.string("ssh_username", "ec2-user");
    hcl.string("ami_name", NAME);
}

fn launch(hcl: &mut Hcl, scenario: &Scenario) {
    if scenario.effective_caller() == Caller::AutoScaling {
        hcl.line(
            "# Packer launches with your credentials, not Auto Scaling's service-linked role.",
        );
    }
    common(hcl, &scenario.account.region);
    for mapping in &scenario.launch {
        hcl.blank();
        hcl.open("launch_block_device_mappings");
        hcl.string("device_name", &mapping.device);
        if mapping.no_device {
            hcl.raw("no_device", true);
        } else {
            if let Some(encrypted) = mapping.encrypted {
                hcl.raw("encrypted", encrypted);
            }
            if let Some(key) = &mapping.kms_key_id {
                hcl.string("kms_key_id", key);
            }
            if let Some(size) = mapping.volume_size {
                hcl.raw("volume_size", size);
            }
            hcl.raw("delete_on_termination", true);
        }
        hcl.close();
    }
}

fn copy(hcl: &mut Hcl, scenario: &Scenario) {
    hcl.line(
        "# Packer builds a new AMI from the source and copies that one: the copy's encryption",
    );
    hcl.line("# follows these settings as CopyImage's would.");
    common(hcl, scenario.ami_region());
    let copy = &scenario.copy;
    if let Some(encrypted) = copy.encrypted {
        hcl.raw("encrypt_boot", encrypted);
    }
    if scenario.is_cross_region() {
        let destination = &scenario.account.region;
        hcl.raw("ami_regions", format!("[{}]", quote::hcl(destination)));
        if let Some(key) = &copy.kms_key_id {
            hcl.open("region_kms_key_ids =");
            hcl.line(&format!(
                "{} = {}",
                quote::hcl(destination),
                quote::hcl(key)
            ));
            hcl.close();
        }
    } else if let Some(key) = &copy.kms_key_id {
        hcl.string("kms_key_id", key);
    }
}

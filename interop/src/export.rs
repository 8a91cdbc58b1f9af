//! Writing the call that makes a scenario, in the languages people deploy with, with the engine's
//! outcome as comments.
//!
//! Every export names the AMI by a placeholder ([`PLACEHOLDER_AMI`]) and says to replace it; the
//! scenario does not know the AMI's ID. The AMI's root device is taken to be its first snapshot's
//! (imports put the root first, and so do the examples). Every value that comes from the scenario
//! goes through [`crate::quote`], so the output is valid in its language whatever it holds.

mod cli;
mod cloudformation;
mod hcl;
mod outcome;
mod packer;
mod terraform;

use std::fmt;
use std::str::FromStr;

use ami_encryption_rules::Scenario;

/// The AMI ID every export uses: replace it with yours. Shaped like a real one, so that schemas
/// that check AMI IDs accept it.
pub const PLACEHOLDER_AMI: &str = "ami-0123456789abcdef0";
/// The instance type of a launch: any will do, encryption does not depend on it.
pub const INSTANCE_TYPE: &str = "t3.micro";
/// The name of the launch template, the copy and the Packer AMI.
pub const NAME: &str = "ami-encryption-example";

/// The languages an export is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// An AWS CLI command (POSIX shell).
    Cli,
    /// Terraform (HCL), AWS provider.
    Terraform,
    /// A CloudFormation template (YAML).
    CloudFormation,
    /// A Packer template (HCL2), `amazon-ebs` builder.
    Packer,
}

impl Format {
    /// Every format, in the order the page lists them.
    pub const ALL: [Format; 4] = [
        Format::Cli,
        Format::Terraform,
        Format::CloudFormation,
        Format::Packer,
    ];

    /// The name used on the command line and in file names.
    pub fn name(self) -> &'static str {
        match self {
            Format::Cli => "cli",
            Format::Terraform => "terraform",
            Format::CloudFormation => "cloudformation",
            Format::Packer => "packer",
        }
    }

    /// The usual file-name ending of the format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Cli => "sh",
            Format::Terraform => "tf",
            Format::CloudFormation => "yaml",
            Format::Packer => "pkr.hcl",
        }
    }
}

/// A format name that is none of [`Format::name`]'s.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown format {}; expected cli, terraform, cloudformation or packer",
            ami_encryption_rules::cut::quote(&self.0)
        )
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(text: &str) -> Result<Format, UnknownFormat> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == text)
            .ok_or_else(|| UnknownFormat(text.to_owned()))
    }
}

/// The call that produces `scenario`, in `format`, with the outcome as comments.
pub fn export(scenario: &Scenario, format: Format) -> String {
    match format {
        Format::Cli => cli::write(scenario),
        Format::Terraform => terraform::write(scenario),
        Format::CloudFormation => cloudformation::write(scenario),
        Format::Packer => packer::write(scenario),
    }
}

/// The AMI's root device: its first snapshot's.
fn root_device(scenario: &Scenario) -> Option<&str> {
    scenario.snapshots.first().map(|s| s.device.as_str())
}

/// `# ` before each line.
fn commented(lines: &[String]) -> String {
    lines.iter().map(|l| format!("# {l}\n")).collect()
}

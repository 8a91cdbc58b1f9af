//! Every exporter on every example and on hostile names: the call reads back as the scenario's
//! (the CLI command word for word, HCL and YAML values through their escapes).

mod common;

use ami_encryption_interop::export::PLACEHOLDER_AMI;
use ami_encryption_interop::{export, Format};
use ami_encryption_rules::{preset, resolve, Caller, LaunchMapping, Operation, Scenario};
use common::read_back::{hcl_attributes, shell_words, yaml_values};
use serde_json::Value;

/// Every example and every hostile scenario, by name.
fn corpus() -> Vec<(String, Scenario)> {
    preset::ALL
        .iter()
        .map(|p| (p.id.to_owned(), (p.build)()))
        .chain(common::hostile::scenarios())
        .collect()
}

/// `--name value` pairs and flags of a command, after its two command words.
fn options(words: &[String]) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut rest = words.iter().skip(3).peekable();
    while let Some(word) = rest.next() {
        assert!(word.starts_with("--"), "stray word {word:?}");
        let value = match rest.peek() {
            Some(next) if !next.starts_with("--") => rest.next().cloned(),
            _ => None,
        };
        out.push((word.clone(), value));
    }
    out
}

fn option<'a>(options: &'a [(String, Option<String>)], name: &str) -> Option<&'a str> {
    options
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, v)| v.as_deref())
}

/// The mappings a `BlockDeviceMappings` JSON value stands for.
fn mappings_of(json: &Value) -> Vec<LaunchMapping> {
    let Some(all) = json.as_array() else {
        assert!(json.is_null(), "{json}");
        return Vec::new();
    };
    all.iter()
        .map(|m| {
            let ebs = m.get("Ebs");
            let field = |name: &str| ebs.and_then(|e| e.get(name));
            LaunchMapping {
                device: m["DeviceName"].as_str().unwrap().to_owned(),
                encrypted: field("Encrypted").and_then(Value::as_bool),
                kms_key_id: field("KmsKeyId").and_then(Value::as_str).map(Into::into),
                no_device: m.get("NoDevice").is_some(),
                volume_size: field("VolumeSize")
                    .and_then(Value::as_u64)
                    .map(|n| n as u32),
            }
        })
        .collect()
}

/// Scenario → CLI → parsed back → the same parameters.
#[test]
fn the_cli_command_parses_back_to_the_scenarios_parameters() {
    for (name, scenario) in corpus() {
        let text = export(&scenario, Format::Cli);
        let words = shell_words(&text);
        assert_eq!(words[0], "aws", "{name}");
        let opts = options(&words);
        assert_eq!(
            option(&opts, "--region"),
            Some(scenario.account.region.as_str()),
            "{name}"
        );
        match (scenario.operation, scenario.effective_caller()) {
            (Operation::Launch, Caller::You) => {
                assert_eq!(words[1..3], ["ec2", "run-instances"]);
                assert_eq!(option(&opts, "--image-id"), Some(PLACEHOLDER_AMI));
                let got = option(&opts, "--block-device-mappings")
                    .map(|j| mappings_of(&serde_json::from_str(j).unwrap()))
                    .unwrap_or_default();
                assert_eq!(got, scenario.launch, "{name}");
            }
            (Operation::Launch, Caller::AutoScaling) => {
                assert_eq!(words[1..3], ["ec2", "create-launch-template"]);
                let data: Value =
                    serde_json::from_str(option(&opts, "--launch-template-data").unwrap()).unwrap();
                assert_eq!(data["ImageId"], PLACEHOLDER_AMI);
                assert_eq!(
                    mappings_of(&data["BlockDeviceMappings"]),
                    scenario.launch,
                    "{name}"
                );
            }
            (Operation::Copy, _) => {
                assert_eq!(words[1..3], ["ec2", "copy-image"]);
                assert_eq!(
                    option(&opts, "--source-region"),
                    Some(scenario.ami_region())
                );
                assert_eq!(
                    option(&opts, "--kms-key-id"),
                    scenario.copy.kms_key_id.as_deref()
                );
                let flag = |f: &str| opts.iter().any(|(n, _)| n == f);
                let encrypted = match (flag("--encrypted"), flag("--no-encrypted")) {
                    (true, false) => Some(true),
                    (false, true) => Some(false),
                    (false, false) => None,
                    _ => panic!("{name}: both flags"),
                };
                assert_eq!(encrypted, scenario.copy.encrypted, "{name}");
            }
        }
    }
}

/// Terraform and Packer: every quoted value reads back as the scenario's, however hostile.
#[test]
fn hcl_values_read_back_as_written() {
    for (name, scenario) in corpus() {
        let keys: Vec<String> = match scenario.operation {
            Operation::Launch => scenario
                .launch
                .iter()
                .filter_map(|m| m.kms_key_id.clone())
                .collect(),
            Operation::Copy => scenario.copy.kms_key_id.iter().cloned().collect(),
        };
        let terraform = export(&scenario, Format::Terraform);
        assert_eq!(
            hcl_attributes(&terraform, "kms_key_id"),
            keys,
            "{name}\n{terraform}"
        );
        assert_eq!(
            hcl_attributes(&terraform, "region"),
            std::slice::from_ref(&scenario.account.region),
            "{name}"
        );
        let devices: Vec<String> = match scenario.operation {
            Operation::Launch => scenario
                .launch
                .iter()
                .filter(|m| {
                    m.no_device
                        || scenario.effective_caller() == Caller::AutoScaling
                        || Some(&m.device) != scenario.snapshots.first().map(|s| &s.device)
                })
                .map(|m| m.device.clone())
                .collect(),
            Operation::Copy => Vec::new(),
        };
        assert_eq!(hcl_attributes(&terraform, "device_name"), devices, "{name}");

        let packer = export(&scenario, Format::Packer);
        let packer_keys = hcl_attributes(&packer, "kms_key_id");
        match scenario.operation {
            Operation::Launch => assert_eq!(packer_keys, keys, "{name}"),
            Operation::Copy if scenario.is_cross_region() => {
                let line = packer
                    .lines()
                    .find(|l| {
                        l.trim_start()
                            .starts_with(&format!("\"{}\" = ", scenario.account.region))
                    })
                    .map(|l| l.trim_start().to_owned());
                assert_eq!(line.is_some(), !keys.is_empty(), "{name}\n{packer}");
                if let Some(line) = line {
                    let (_, end) = common::read_back::hcl_string(&line);
                    let value = line[end..].trim_start().strip_prefix("= ").unwrap();
                    assert_eq!(common::read_back::hcl_string(value).0, keys[0], "{name}");
                }
            }
            Operation::Copy => assert_eq!(packer_keys, keys, "{name}"),
        }
    }
}

/// CloudFormation: every quoted value reads back; a copy is the CLI command, saying why.
#[test]
fn cloudformation_values_read_back_as_written() {
    for (name, scenario) in corpus() {
        let text = export(&scenario, Format::CloudFormation);
        if scenario.operation == Operation::Copy {
            assert!(
                text.starts_with("# CopyImage has no CloudFormation resource"),
                "{name}"
            );
            assert_eq!(shell_words(&text)[1..3], ["ec2", "copy-image"]);
            continue;
        }
        let keys: Vec<String> = scenario
            .launch
            .iter()
            .filter_map(|m| m.kms_key_id.clone())
            .collect();
        assert_eq!(yaml_values(&text, "KmsKeyId"), keys, "{name}\n{text}");
        let devices: Vec<String> = scenario.launch.iter().map(|m| m.device.clone()).collect();
        assert_eq!(yaml_values(&text, "DeviceName"), devices, "{name}");
        let kind = if scenario.effective_caller() == Caller::AutoScaling {
            "AWS::EC2::LaunchTemplate"
        } else {
            "AWS::EC2::Instance"
        };
        assert!(text.contains(&format!("Type: \"{kind}\"")), "{name}");
    }
}

/// A user's text never leaves its comment or its quotes: in HCL and YAML, which escape every
/// line break, no line holds a raw one. (A shell's single quotes hold any character but NUL as it
/// is; the CLI round trip above reads them back.)
#[test]
fn no_raw_line_break_outside_the_shell() {
    for (name, scenario) in corpus() {
        for format in Format::ALL {
            let text = export(&scenario, format);
            let shell = format == Format::Cli
                || (format == Format::CloudFormation && scenario.operation == Operation::Copy);
            for line in text.lines().filter(|_| !shell) {
                let trimmed = line.trim_start();
                assert!(
                    !trimmed.contains('\r') && !trimmed.contains('\u{2028}'),
                    "{name} {format:?}: raw line break in {line:?}"
                );
            }
            assert!(text.contains(PLACEHOLDER_AMI), "{name} {format:?}");
            assert!(
                text.contains("Outcome (AMI Encryption Explainer)"),
                "{name} {format:?}"
            );
        }
    }
}

/// The outcome comment says what the engine says, per volume, refusal or failure.
#[test]
fn the_outcome_is_in_the_comments() {
    for p in preset::ALL {
        let scenario = (p.build)();
        let outcome = resolve(&scenario);
        let text = export(&scenario, Format::Terraform);
        for volume in &outcome.volumes {
            assert!(
                text.contains(&format!("rule {}", volume.rule.id())),
                "{}",
                p.id
            );
        }
        if let Some(error) = &outcome.error {
            assert!(
                text.contains(&format!("refused: {}", error.code)),
                "{}",
                p.id
            );
        }
        if let Some(failure) = &outcome.failure {
            assert!(text.contains(&failure.code), "{}", p.id);
        }
    }
}

#[test]
fn formats_have_names() {
    for format in Format::ALL {
        assert_eq!(format.name().parse::<Format>(), Ok(format));
    }
    let err = "yaml".parse::<Format>().unwrap_err().to_string();
    assert_eq!(
        err,
        "unknown format \"yaml\"; expected cli, terraform, cloudformation or packer"
    );
}

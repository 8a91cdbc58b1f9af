"""Checks every export against the real tools' published schemas (see scripts/check-exports).

- cli: shlex splits the command into words as a POSIX shell would (the file is never run, so a
  quoting bug cannot execute anything); the options are mapped onto the operation's input shape in botocore's bundled
  EC2 model and validated with botocore's ParamValidator, offline. The values must be the
  scenario's.
- cloudformation: cfn-lint on every template (a copy's export is the CLI command, checked as such).
- terraform, packer: python-hcl2 parses the file; the blocks and attributes must be ones the AWS
  provider or the amazon-ebs builder has, and every quoted value must read back as the scenario's.

The importer's test fixtures (real-shaped AWS CLI outputs) are checked too: each must fit the
output shape of its operation in botocore's model (field names and types).

Usage: check_exports.py CORPUS_DIR EXPORT_BINARY OUT_DIR [FIXTURES_DIR]
"""

import glob
import json
import os
import re
import shlex
import subprocess
import sys

import botocore.session
import hcl2
from botocore import xform_name
from botocore.validate import ParamValidator

NO_COPY_RESOURCE = "# CopyImage has no CloudFormation resource"
FORMATS = {"cli": "sh", "terraform": "tf", "cloudformation": "yaml", "packer": "pkr.hcl"}
EC2 = botocore.session.get_session().get_service_model("ec2")


class Invalid(Exception):
    pass


# --- AWS CLI ----------------------------------------------------------------------------------

def argv_of(path):
    """The words a POSIX shell would pass to `aws`, parsed with shlex: the file is never run, so a
    quoting bug in the exporter shows up as a wrong word here, never as a command executed."""
    # newline="": a carriage return inside a quoted value is part of the value.
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    # A backslash-newline outside quotes continues the command, as in the shell; inside single
    # quotes it is two characters of the value.
    joined, quoted, i = [], False, 0
    while i < len(text):
        c = text[i]
        if not quoted and c == "#" and (i == 0 or text[i - 1] in " \t\n"):
            # A comment runs to the end of its line; its quotes quote nothing.
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        if not quoted and c == "\\" and text.startswith("\\\n", i):
            joined.append(" ")
            i += 2
            continue
        if not quoted and c == "\\" and i + 1 < len(text):
            joined.append(text[i:i + 2])
            i += 2
            continue
        if c == "'":
            quoted = not quoted
        joined.append(c)
        i += 1
    words = shlex.split("".join(joined), comments=True, posix=True)
    if not words or words[0] != "aws":
        raise Invalid(f"not an `aws` command: {words[:2]}")
    return words[1:]


def cli_params(words):
    """The operation and its parameters, as the AWS CLI would build them."""
    if len(words) < 2 or words[0] != "ec2":
        raise Invalid(f"not an `aws ec2` command: {words[:2]}")
    operation = EC2.operation_model(
        next(n for n in EC2.operation_names if xform_name(n, "-") == words[1])
    )
    members = operation.input_shape.members
    by_option = {xform_name(name, "-"): name for name in members}
    params, region, rest = {}, None, words[2:]
    while rest:
        option = rest.pop(0)
        if not option.startswith("--"):
            raise Invalid(f"stray word {option!r}")
        name = option[2:]
        if name == "region":
            region = rest.pop(0)
            continue
        if name == "count" and operation.name == "RunInstances":
            # The CLI's own option: --count N sets MinCount and MaxCount.
            params["MinCount"] = params["MaxCount"] = int(rest.pop(0))
            continue
        negated = name.startswith("no-") and name[3:] in by_option
        member = by_option.get(name[3:] if negated else name)
        if member is None:
            raise Invalid(f"{operation.name} has no option {option}")
        shape = members[member]
        if shape.type_name == "boolean":
            params[member] = not negated
        elif shape.type_name in ("structure", "list", "map"):
            params[member] = json.loads(rest.pop(0))
        elif shape.type_name in ("integer", "long"):
            params[member] = int(rest.pop(0))
        else:
            params[member] = rest.pop(0)
    report = ParamValidator().validate(params, operation.input_shape)
    if report.has_errors():
        raise Invalid(report.generate_report().replace("\n", " "))
    return operation.name, params, region


def expected_mappings(scenario):
    out = []
    for m in scenario.get("launch", []):
        entry = {"DeviceName": m["device"]}
        if m.get("no_device"):
            entry["NoDevice"] = ""
        else:
            ebs = {}
            if m.get("encrypted") is not None:
                ebs["Encrypted"] = m["encrypted"]
            if m.get("kms_key_id") is not None:
                ebs["KmsKeyId"] = m["kms_key_id"]
            if m.get("volume_size") is not None:
                ebs["VolumeSize"] = m["volume_size"]
            entry["Ebs"] = ebs
        out.append(entry)
    return out


def ami_region(scenario):
    account = scenario.get("account", {})
    call = account.get("region", "us-east-1")
    if scenario["operation"] == "copy":
        return scenario.get("copy", {}).get("source_region") or call
    return call


def check_cli(path, scenario):
    name, params, region = cli_params(argv_of(path))
    account = scenario.get("account", {})
    if region != account.get("region", "us-east-1"):
        raise Invalid(f"--region {region!r} is not the scenario's")
    if scenario["operation"] == "copy":
        copy = scenario.get("copy", {})
        want = {"SourceRegion": ami_region(scenario)}
        if copy.get("encrypted") is not None:
            want["Encrypted"] = copy["encrypted"]
        if copy.get("kms_key_id") is not None:
            want["KmsKeyId"] = copy["kms_key_id"]
        got = {k: params.get(k) for k in want}
        if name != "CopyImage" or got != want:
            raise Invalid(f"{name} {got} is not {want}")
        return
    mappings = expected_mappings(scenario)
    if name == "CreateLaunchTemplate":
        got = params["LaunchTemplateData"].get("BlockDeviceMappings", [])
    elif name == "RunInstances":
        got = params.get("BlockDeviceMappings", [])
    else:
        raise Invalid(f"unexpected operation {name}")
    if got != mappings:
        raise Invalid(f"block-device mappings {got} are not the scenario's {mappings}")


# --- HCL (Terraform, Packer) ------------------------------------------------------------------

ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def hcl_value(raw):
    """A quoted HCL string as python-hcl2 keeps it, read back; an interpolation is an error."""
    if not (isinstance(raw, str) and raw.startswith('"') and raw.endswith('"')):
        raise Invalid(f"not a quoted string: {raw!r}")
    text, out, i = raw[1:-1], [], 0
    while i < len(text):
        if text.startswith("$${", i) or text.startswith("%%{", i):
            out.append(text[i] + "{")
            i += 3
        elif text.startswith("${", i) or text.startswith("%{", i):
            raise Invalid(f"an unescaped template sequence in {raw!r}")
        elif text[i] == "\\":
            kind = text[i + 1]
            if kind in ESCAPES:
                out.append(ESCAPES[kind])
                i += 2
            elif kind == "u":
                out.append(chr(int(text[i + 2:i + 6], 16)))
                i += 6
            elif kind == "U":
                out.append(chr(int(text[i + 2:i + 10], 16)))
                i += 10
            else:
                raise Invalid(f"unknown escape in {raw!r}")
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def attributes(block):
    return {k: v for k, v in block.items() if not k.startswith("__")}


def only(block, allowed, where):
    extra = set(attributes(block)) - set(allowed)
    if extra:
        raise Invalid(f"{where} has no attribute {sorted(extra)}")


def hcl_blocks(doc, kind):
    """{(type, name): body} of `resource`, `data` or `source` blocks."""
    found = {}
    for entry in doc.get(kind, []):
        for rtype, named in entry.items():
            for name, body in named.items():
                found[(hcl_value(rtype), hcl_value(name))] = body
    return found


EBS = {"device_name", "encrypted", "kms_key_id", "volume_size"}
TERRAFORM = {
    "aws_instance": {"ami", "instance_type", "root_block_device", "ebs_block_device", "ephemeral_block_device"},
    "aws_launch_template": {"name", "image_id", "instance_type", "block_device_mappings"},
    "aws_autoscaling_group": {"name", "min_size", "max_size", "availability_zones", "launch_template"},
    "aws_ami_copy": {"name", "source_ami_id", "source_ami_region", "encrypted", "kms_key_id"},
}


def mapping_values(blocks, scenario_mappings, string_bools):
    """Each block's device, encryption, key and size, read back, against the scenario's."""
    for block, m in zip(blocks, scenario_mappings):
        ebs = block.get("ebs", [block])[0]
        if "device_name" in block and hcl_value(block["device_name"]) != m["device"]:
            raise Invalid(f"device {block['device_name']} is not {m['device']!r}")
        if m.get("no_device"):
            continue
        if "kms_key_id" in ebs and hcl_value(ebs["kms_key_id"]) != m.get("kms_key_id"):
            raise Invalid(f"kms_key_id {ebs['kms_key_id']} is not {m.get('kms_key_id')!r}")
        if ("kms_key_id" in ebs) != (m.get("kms_key_id") is not None):
            raise Invalid("kms_key_id missing or extra")
        encrypted = ebs.get("encrypted")
        if string_bools and encrypted is not None:
            encrypted = hcl_value(encrypted) == "true"
        if encrypted != m.get("encrypted"):
            raise Invalid(f"encrypted {encrypted} is not {m.get('encrypted')}")


def check_terraform(path, scenario):
    doc = hcl2.load(open(path, encoding="utf-8"))
    provider = doc["provider"][0]['"aws"']
    if hcl_value(provider["region"]) != scenario.get("account", {}).get("region", "us-east-1"):
        raise Invalid("provider region is not the scenario's")
    resources = hcl_blocks(doc, "resource")
    for (rtype, name), body in resources.items():
        if rtype not in TERRAFORM:
            raise Invalid(f"unexpected resource {rtype}")
        only(body, TERRAFORM[rtype], rtype)
    launch = scenario.get("launch", [])
    if ("aws_instance", "example") in resources:
        body = resources[("aws_instance", "example")]
        blocks = []
        for kind in ("root_block_device", "ebs_block_device", "ephemeral_block_device"):
            for block in body.get(kind, []):
                only(block, EBS if kind != "ephemeral_block_device" else {"device_name", "no_device"}, kind)
        # Blocks in the order written, which is the scenario's.
        order = [k for k in attributes(body) if k.endswith("_block_device")]
        count = sum(len(body[k]) for k in order)
        if count != len(launch):
            raise Invalid(f"{count} device blocks for {len(launch)} mappings")
        by_device = {}
        for kind in order:
            for block in body[kind]:
                device = hcl_value(block["device_name"]) if "device_name" in block else None
                by_device.setdefault(device, block)
        for m in launch:
            block = by_device.get(m["device"], by_device.get(None))
            blocks.append(block)
        mapping_values(blocks, launch, False)
    elif ("aws_launch_template", "example") in resources:
        body = resources[("aws_launch_template", "example")]
        blocks = body.get("block_device_mappings", [])
        for block in blocks:
            only(block, {"device_name", "ebs", "no_device"}, "block_device_mappings")
            for ebs in block.get("ebs", []):
                only(ebs, EBS - {"device_name"}, "ebs")
        mapping_values(blocks, launch, True)
    elif ("aws_ami_copy", "example") in resources:
        body = resources[("aws_ami_copy", "example")]
        copy = scenario.get("copy", {})
        if hcl_value(body["source_ami_region"]) != ami_region(scenario):
            raise Invalid("source_ami_region is not the scenario's")
        key = hcl_value(body["kms_key_id"]) if "kms_key_id" in body else None
        if key != copy.get("kms_key_id") or body.get("encrypted") != copy.get("encrypted"):
            raise Invalid("aws_ami_copy encryption is not the scenario's")
    else:
        raise Invalid("no resource of the expected types")


PACKER = {
    "region", "source_ami", "instance_type", "ssh_username", "ami_name", "launch_block_device_mappings",
    "encrypt_boot", "kms_key_id", "ami_regions", "region_kms_key_ids",
}


def check_packer(path, scenario):
    doc = hcl2.load(open(path, encoding="utf-8"))
    sources = hcl_blocks(doc, "source")
    body = sources.get(("amazon-ebs", "example"))
    if body is None:
        raise Invalid('no source "amazon-ebs" "example"')
    only(body, PACKER, "amazon-ebs")
    if hcl_value(body["region"]) != ami_region(scenario):
        raise Invalid("region is not the AMI's")
    for block in body.get("launch_block_device_mappings", []):
        only(block, EBS | {"no_device", "delete_on_termination"}, "launch_block_device_mappings")
    if scenario["operation"] == "launch":
        mapping_values(body.get("launch_block_device_mappings", []), scenario.get("launch", []), False)
        return
    copy = scenario.get("copy", {})
    if body.get("encrypt_boot") != copy.get("encrypted"):
        raise Invalid("encrypt_boot is not the copy's Encrypted")
    keys = body.get("region_kms_key_ids", {})
    key = hcl_value(body["kms_key_id"]) if "kms_key_id" in body else None
    for region, value in keys.items():
        if hcl_value(region) != scenario["account"]["region"]:
            raise Invalid("region_kms_key_ids names another Region")
        key = hcl_value(value)
    if key != copy.get("kms_key_id"):
        raise Invalid(f"the key {key!r} is not the copy's {copy.get('kms_key_id')!r}")


# --- CloudFormation ---------------------------------------------------------------------------

# The pattern CloudFormation's schema gives a KMS key identifier (AWS::KMS::Key.Id, .Arn, alias).
KEY_ID = re.compile(
    r"^(arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)/.+"
    r"|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias/[a-zA-Z0-9/_-]+)$"
)
# cfn-lint's rules for a value that does not match its pattern or any of its schemas.
VALUE_RULES = {"E1157", "E1162", "E1164", "E3017"}


def refused_key_ids(path, problems, scenario):
    """Whether every problem is cfn-lint refusing a `KmsKeyId` whose value is no KMS key
    identifier at all: the exporter wrote what the user typed, correctly quoted, and the schema
    rightly refuses the value itself (as CloudFormation would)."""
    keys = {m.get("kms_key_id") for m in scenario.get("launch", []) if m.get("kms_key_id") is not None}
    if not problems or not keys or any(KEY_ID.match(k) for k in keys):
        return False
    lines = open(path, encoding="utf-8").read().split("\n")
    for problem in problems:
        parts = problem.split(":", 5)
        if len(parts) < 6 or parts[4] not in VALUE_RULES:
            return False
        line = int(parts[0]) - 1
        if not (0 <= line < len(lines) and lines[line].lstrip().startswith("KmsKeyId:")):
            return False
    return True


def cfn_lint(paths):
    """{path: [problems]} from one cfn-lint run over every template."""
    problems = {p: [] for p in paths}
    if not paths:
        return problems
    lint = os.path.join(os.path.dirname(sys.executable), "cfn-lint")
    run = subprocess.run(
        [lint, "--format", "parseable", "--regions", "us-east-1", "--non-zero-exit-code", "informational", "--", *paths],
        capture_output=True, text=True,
    )
    for line in run.stdout.splitlines():
        for p in paths:
            if line.startswith(p + ":"):
                problems[p].append(line[len(p) + 1:])
                break
        else:
            if line.strip():
                for p in paths:
                    problems[p].append("cfn-lint: " + line)
    if run.returncode not in (0, 2, 4, 8, 6, 10, 12, 14) and not any(problems.values()):
        for p in paths:
            problems[p].append("cfn-lint failed: " + run.stderr.strip()[:300])
    return problems


def check_cfn_values(path, scenario):
    from cfnlint.decode import decode
    template, matches = decode(path)
    if matches:
        raise Invalid("; ".join(str(m) for m in matches))
    resources = template["Resources"]
    if "Instance" in resources:
        got = resources["Instance"]["Properties"].get("BlockDeviceMappings", [])
        want = expected_mappings(scenario)
        for m in want:
            if "NoDevice" in m:
                m["NoDevice"] = {}
    else:
        got = resources["LaunchTemplate"]["Properties"]["LaunchTemplateData"].get("BlockDeviceMappings", [])
        want = expected_mappings(scenario)
    if json.loads(json.dumps(got)) != want:
        raise Invalid(f"mappings {got} are not the scenario's {want}")


# --- Import fixtures --------------------------------------------------------------------------

FIXTURE_OPERATIONS = {
    "describe-images": ("ec2", "DescribeImages"),
    "describe-snapshots": ("ec2", "DescribeSnapshots"),
    "get-ebs-encryption-by-default": ("ec2", "GetEbsEncryptionByDefault"),
    "get-ebs-default-kms-key-id": ("ec2", "GetEbsDefaultKmsKeyId"),
    "list-aliases": ("kms", "ListAliases"),
    "describe-key": ("kms", "DescribeKey"),
    "get-caller-identity": ("sts", "GetCallerIdentity"),
}


def check_fixture(path):
    name = os.path.basename(path)
    for prefix, (service, operation) in FIXTURE_OPERATIONS.items():
        if name == prefix + ".json" or name.startswith(prefix + "-"):
            model = botocore.session.get_session().get_service_model(service)
            shape = model.operation_model(operation).output_shape
            report = ParamValidator().validate(json.load(open(path, encoding="utf-8")), shape)
            if report.has_errors():
                raise Invalid(report.generate_report().replace("\n", " "))
            return
    raise Invalid("no command's output is named so")


# --- Driver -----------------------------------------------------------------------------------

def main(corpus, export, out, fixtures=None):
    os.makedirs(out, exist_ok=True)
    passed = failed = 0
    results = []
    for path in sorted(glob.glob(os.path.join(fixtures, "*.json"))) if fixtures else []:
        try:
            check_fixture(path)
            results.append((path, None))
        except Exception as err:
            results.append((path, f"{type(err).__name__}: {err}"))
    templates = []
    scenarios = {}
    for scenario_path in sorted(glob.glob(os.path.join(corpus, "*.json"))):
        name = os.path.basename(scenario_path)[: -len(".json")]
        scenario = json.load(open(scenario_path, encoding="utf-8"))
        for fmt, ext in FORMATS.items():
            path = os.path.join(out, f"{name}.{ext}")
            with open(scenario_path, "rb") as stdin:
                run = subprocess.run([export, "--format", fmt], stdin=stdin, capture_output=True)
            if run.returncode != 0:
                results.append((path, "export failed: " + run.stderr.decode(errors="replace").strip()))
                continue
            with open(path, "wb") as f:
                f.write(run.stdout)
            try:
                text = run.stdout.decode("utf-8")
                if fmt == "cli" or (fmt == "cloudformation" and text.startswith(NO_COPY_RESOURCE)):
                    check_cli(path, scenario)
                elif fmt == "cloudformation":
                    check_cfn_values(path, scenario)
                    templates.append(path)
                    scenarios[path] = scenario
                    continue
                elif fmt == "terraform":
                    check_terraform(path, scenario)
                else:
                    check_packer(path, scenario)
                results.append((path, None))
            except Exception as err:  # every failure is reported, not raised
                results.append((path, f"{type(err).__name__}: {err}"))
    expected = 0
    for path, problems in cfn_lint(templates).items():
        if refused_key_ids(path, problems, scenarios[path]):
            expected += 1
            problems = []
        results.append((path, "; ".join(problems) or None))
    for path, problem in sorted(results):
        if problem is None:
            passed += 1
            print(f"ok   {os.path.basename(path)}")
        else:
            failed += 1
            print(f"FAIL {os.path.basename(path)}: {problem[:2000]}")
    print(
        f"check-exports: {passed} passed, {failed} failed ({expected} CloudFormation templates pass "
        "with cfn-lint refusing only a KmsKeyId that is no KMS key identifier)"
    )
    print(f"# pass {passed}")
    print(f"# fail {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))

"""The AWSV4 family (provider v3 -> v4 S3 split): selection, and a structural check.

The structural check reads every corpus case's before and after with
python-hcl2 (an HCL parser independent of tffix's) and looks for each setting
of each inline form in the resource that replaces it: nothing may be lost,
and each new resource needs an import block for its address. Inline forms a
codemod leaves (expressions it cannot map) must be left as they were. Dynamic
blocks are checked apart (their content in the new resource's dynamic block,
or read through the element), and the cases with them are validated with the
real AWS provider (the local mirror's 5.x, whose split resources have v4's
schema).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import hcl2
import pytest

from tests.conftest import OWN_CORPUS
from tffix.engine.session import select_codemods

CODES = {
    "AWSV401": ("versioning", "aws_s3_bucket_versioning"),
    "AWSV402": (
        "server_side_encryption_configuration",
        "aws_s3_bucket_server_side_encryption_configuration",
    ),
    "AWSV403": ("logging", "aws_s3_bucket_logging"),
    "AWSV404": ("acl", "aws_s3_bucket_acl"),
    "AWSV405": ("policy", "aws_s3_bucket_policy"),
    "AWSV406": ("lifecycle_rule", "aws_s3_bucket_lifecycle_configuration"),
    "AWSV407": ("cors_rule", "aws_s3_bucket_cors_configuration"),
    "AWSV408": ("acceleration_status", "aws_s3_bucket_accelerate_configuration"),
    "AWSV409": ("request_payer", "aws_s3_bucket_request_payment_configuration"),
    "AWSV410": ("website", "aws_s3_bucket_website_configuration"),
    "AWSV411": ("object_lock_configuration", "aws_s3_bucket_object_lock_configuration"),
    "AWSV412": ("replication_configuration", "aws_s3_bucket_replication_configuration"),
}
# The Terraform versions each required_version of the cases ensures: (literal ids,
# expression ids, import blocks with for_each).
_ENSURES = {
    None: (True, True, True),  # no constraint: a current Terraform
    '"< 1.5.0"': (False, False, False),
    '"~> 1.3.0"': (False, False, False),
    '">= 1.3"': (False, False, False),
    '">= 1.5"': (True, False, False),
    '"~> 1.5.0"': (True, False, False),
    '">= 0.14, < 1.2.0"': (False, False, False),
    '">= 0.12"': (False, False, False),
    '">= 1.6"': (True, True, False),
    '">= 1.7"': (True, True, True),
    '">= 1.7.0"': (True, True, True),
}
_PUBLIC_ACLS = {'"public-read"', '"public-read-write"', '"authenticated-read"'}
# Roots an import id may refer to: values known when Terraform plans.
_PLAN_KNOWN = {"var", "local", "each", "path", "terraform"}
_COMMAND = re.compile(
    r"^# (?:module\.<CALL>\.)?(aws_s3_bucket_\w+\.[\w-]+)\S*: terraform import ", re.M
)


def test_awsv4_selects_the_family_and_aws_keeps_its_meaning() -> None:
    family = [c.code for c in select_codemods(["AWSV4"], unsafe=True)]
    assert family == sorted(CODES)
    aws = [c.code for c in select_codemods(["AWS"], unsafe=True)]
    assert aws and all(code[3:].isdigit() for code in aws)
    assert [c.code for c in select_codemods(["AWSV5"], unsafe=True)] == ["AWSV501"]
    v6 = [c.code for c in select_codemods(["AWSV6"], unsafe=True)]
    assert v6 == ["AWSV601", "AWSV602", "AWSV603"]
    assert [c.code for c in select_codemods(["AWSV"], unsafe=True)] == [*family, "AWSV501", *v6]
    assert [c.code for c in select_codemods(["AWS00"], unsafe=True)] == [
        f"AWS00{i}" for i in range(1, 10)
    ]


def test_awsv4_codemods_are_unsafe_and_explain_why() -> None:
    for codemod in select_codemods(["AWSV4"], unsafe=True):
        assert codemod.safety.value == "unsafe"
        assert "Fix safety: unsafe" in codemod.explanation
        assert "version-4-upgrade#s3-bucket-refactor" in codemod.explanation
    assert select_codemods(["AWSV4"]) == []  # never without --unsafe-fixes


def _resources(doc: dict[str, Any], type_: str) -> dict[str, dict[str, Any]]:
    out = {}
    for entry in doc.get("resource", []):
        for kind, named in entry.items():
            if kind.strip('"') == type_:
                for label, body in named.items():
                    out[label.strip('"')] = body
    return out


def _leaves(value: Any, path: str = "") -> dict[str, Any]:
    """Every leaf setting of a parsed block as {dotted path: value} (block markers left out)."""
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        out: dict[str, Any] = {}
        for i, v in enumerate(value):
            out.update(_leaves(v, f"{path}[{i}]"))
        return out
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k != "__is_block__":
                out.update(_leaves(v, f"{path}.{k}" if path else k))
        return out
    return {path: value}


def _bool(value: Any) -> bool | None:
    """A bool argument's value as Terraform reads it: ``true``, or the string ``"true"``,
    which it converts (python-hcl2 gives strings with their quotes)."""
    if isinstance(value, bool):
        return value
    if value in ('"true"', '"false"'):
        return bool(value == '"true"')
    return None


def _expected(code: str, inline: Any) -> dict[str, Any]:
    """What the new resource must hold for the inline form (the provider's mapping)."""
    if code == "AWSV401":
        block = inline[0]
        out = {"versioning_configuration[0].status": '"Enabled"'}
        if "mfa_delete" in block:
            out["versioning_configuration[0].mfa_delete"] = (
                '"Enabled"' if _bool(block["mfa_delete"]) is True else '"Disabled"'
            )
        return out
    if code == "AWSV406":
        return _lifecycle(inline)
    if code == "AWSV407":
        return _leaves({"cors_rule": inline})
    if code == "AWSV408":
        return {"status": inline}
    if code == "AWSV409":
        return {"payer": inline}
    if code == "AWSV410":
        return _website(inline[0])
    if code == "AWSV411":
        return _leaves({"rule": inline[0]["rule"]})
    if code == "AWSV412":
        return _replication(inline[0])
    if code in ("AWSV404", "AWSV405"):
        return {CODES[code][0]: inline}
    out = _leaves(inline[0])
    if code == "AWSV403" and "target_prefix" in out:
        # A prefix that can be null is "" (v3 logged without one then; v4 requires one).
        out["target_prefix"] = _null_is(out["target_prefix"], '""')
    return out


def _replication(config: dict[str, Any]) -> dict[str, Any]:
    """The guide's mapping of a v3 replication_configuration, as leaves."""
    out: dict[str, Any] = {"role": config["role"]}
    rules = [(f"rule[{i}]", rule) for i, rule in enumerate(config.get("rules", []))]
    for j, block in enumerate(config.get("dynamic", [])):
        ((name, inner),) = block.items()
        assert name == '"rules"'
        kind = f'dynamic[{j}]."rule"'
        out[f"{kind}.for_each"] = inner["for_each"]
        out[f"{kind}.iterator"] = inner.get("iterator", "rules")
        rules.append((f"{kind}.content[0]", inner["content"][0]))
    for at, rule in rules:
        for key in ("id", "priority", "status", "prefix"):
            # With a filter (schema V2) v3 sent the filter's prefix, not the rule's.
            if key in rule and not (key == "prefix" and rule.get("filter")):
                out[f"{at}.{key}"] = rule[key]
        if "delete_marker_replication_status" in rule:
            out[f"{at}.delete_marker_replication[0].status"] = _null_is(
                rule["delete_marker_replication_status"], '"Disabled"'
            )
        for f in rule.get("filter", []):
            tags = f.get("tags") or {}
            if isinstance(tags, str):  # an expression: and or prefix, by condition
                out.update(_tags_filter(f"{at}.filter[0]", f.get("prefix"), tags))
            elif "prefix" in f and not tags:
                out[f"{at}.filter[0].prefix"] = f["prefix"]
            elif len(tags) == 1 and "prefix" not in f:
                (key, value), *_ = tags.items()
                out[f"{at}.filter[0].tag[0].key"] = f'"{key}"'
                out[f"{at}.filter[0].tag[0].value"] = value
            elif tags:
                if "prefix" in f:
                    out[f"{at}.filter[0].and[0].prefix"] = f["prefix"]
                for key, value in tags.items():
                    out[f"{at}.filter[0].and[0].tags.{key}"] = value
        dest = rule["destination"][0]
        d = f"{at}.destination[0]"
        for old, new in (("bucket", "bucket"), ("storage_class", "storage_class")):
            if old in dest:
                out[f"{d}.{new}"] = dest[old]
        if "account_id" in dest:
            out[f"{d}.account"] = dest["account_id"]
        if "replica_kms_key_id" in dest:
            out[f"{d}.encryption_configuration[0].replica_kms_key_id"] = dest["replica_kms_key_id"]
        for owner in dest.get("access_control_translation", []):
            out[f"{d}.access_control_translation[0].owner"] = owner["owner"]
        for kind, wrapper in (("replication_time", "time"), ("metrics", "event_threshold")):
            for block in dest.get(kind, []):
                # v3's defaults (Enabled, 15 minutes), which v4 requires written out.
                # A value that can be null is v3's default there (null meant unset).
                status = _null_is(block.get("status", '"Enabled"'), '"Enabled"')
                out[f"{d}.{kind}[0].status"] = status
                out[f"{d}.{kind}[0].{wrapper}[0].minutes"] = _null_is(
                    block.get("minutes", 15), "15"
                )
        for criteria in rule.get("source_selection_criteria", []):
            for sse in criteria["sse_kms_encrypted_objects"]:
                status = '"Enabled"' if _bool(sse["enabled"]) is True else '"Disabled"'
                out[f"{at}.source_selection_criteria[0].sse_kms_encrypted_objects[0].status"] = (
                    status
                )
    return out


# Variables of the case being compared whose default is null (set per case).
_NULL_VARIABLES: set[str] = set()
# Locals of the case whose value has a null branch or fallback (set per case).
_NULL_LOCALS: set[str] = set()
# Whether the case's required_version admits Terraform 0.12 before 0.12.20.
_OLD_TERRAFORM_0_12: list[bool] = []


def _null_is(value: Any, default: str, roots: tuple[str, ...] = ("var", "local", "each")) -> Any:
    """A v3 value of an argument v3 had optional and v4 requires, as v4 must hold it:
    where it can be null (a null branch, a null fallback of lookup, a variable that
    defaults to null, an attribute of an input: ``roots``), v3's default (python-hcl2's
    text of the expression)."""
    if not isinstance(value, str) or not value.startswith("${"):
        return value
    inner = value[2:-1]
    if re.fullmatch(r"(lookup|try)\(.*,\s*null\s*\)", inner) or re.fullmatch(
        rf"({'|'.join(roots)})\.\w+(\.\w+|\[[^\]]+\])+", inner
    ):
        # lookup's default applies only to a missing key and try's fallback only to an
        # error: a key or an attribute of an input that holds null is null still.
        return f"${{{inner} == null ? {default} : {inner}}}"
    replaced = re.sub(r"(:\s*|,\s*)null(\s*\)?)$", rf"\g<1>{default}\g<2>", inner)
    if replaced != inner:
        return f"${{{replaced}}}"
    if re.fullmatch(r"var\.(\w+)", inner) and inner[4:] in _NULL_VARIABLES:
        return f"${{{inner} == null ? {default} : {inner}}}"
    if re.fullmatch(r"local\.(\w+)", inner) and inner[6:] in _NULL_LOCALS:
        return f"${{{inner} == null ? {default} : {inner}}}"
    return value


def _null_locals(before: dict[str, Any]) -> set[str]:
    """The locals whose value is null or has a null branch or fallback (python-hcl2's
    text ends in ``: null`` or ``, null)``)."""
    found = set()
    for entry in before.get("locals", []):
        for name, value in entry.items():
            text = value[2:-1] if isinstance(value, str) and value.startswith("${") else None
            if value is None or (text and re.search(r"(:\s*|,\s*)null\s*\)?$", text)):
                found.add(name)
    return found


def _website(block: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    dynamic = 0
    for name, field in (("index_document", "suffix"), ("error_document", "key")):
        if name not in block:
            continue
        value = block[name]
        variable = re.fullmatch(r"\$\{var\.(\w+)\}", str(value))
        attribute = re.fullmatch(r"\$\{(var|local|each)\.\w+(\.\w+|\[[^\]]+\])+\}", str(value))
        if (variable and variable.group(1) in _NULL_VARIABLES) or attribute:
            # Null meant no document in v3; v4's block requires the field: a dynamic
            # block that exists where the variable (or the input's attribute) is set.
            at = f'dynamic[{dynamic}]."{name}"'
            inner = value[2:-1]
            out[f"{at}.for_each"] = f"${{{inner} == null ? [] : [{inner}]}}"
            out[f"{at}.content[0].{field}"] = f"${{{name}.value}}"
            dynamic += 1
        else:
            out[f"{name}[0].{field}"] = value
    if "redirect_all_requests_to" in block:
        protocol, _, host = block["redirect_all_requests_to"].strip('"').rpartition("://")
        # "https://${x}": the one interpolation is the host itself.
        whole = re.fullmatch(r"\$\{([^{}]*)\}", host)
        out["redirect_all_requests_to[0].host_name"] = (
            f"${{{whole.group(1)}}}" if whole else f'"{host}"'
        )
        if protocol:
            out["redirect_all_requests_to[0].protocol"] = f'"{protocol}"'
    if "routing_rules" in block:
        out["routing_rules"] = block["routing_rules"]
    return out


def _lifecycle(rules: list[dict[str, Any]]) -> dict[str, Any]:
    """The guide's mapping of v3 lifecycle_rule blocks to v4 rule blocks, as leaves."""
    out: dict[str, Any] = {}
    for i, rule in enumerate(rules):
        at = f"rule[{i}]"
        out[f"{at}.id"] = rule.get("id", f'"rule-{i + 1}"')
        variable = re.fullmatch(r"\$\{var\.(\w+)\}", str(rule.get("id")))
        if variable and variable.group(1) in _NULL_VARIABLES:
            # v3 generated an id where it was null; v4 requires one.
            out[f"{at}.id"] = f'${{coalesce({rule["id"][2:-1]}, "rule-{i + 1}")}}'

        enabled = rule["enabled"]
        if _bool(enabled) is not None:
            out[f"{at}.status"] = '"Enabled"' if _bool(enabled) else '"Disabled"'
        else:
            test = enabled[2:-1]
            # an operation keeps its meaning in front of ?: only in parentheses
            if re.search(r"==|!=|<=|>=|&&|\|\||[<>?+*/%]", test):
                test = f"({test})"
            out[f"{at}.status"] = f'${{{test} ? "Enabled" : "Disabled"}}'
        tags = rule.get("tags")
        if isinstance(tags, str):  # an expression: and or prefix, by condition
            out.update(_tags_filter(f"{at}.filter[0]", rule.get("prefix"), tags))
        elif "prefix" in rule and tags is None:
            out[f"{at}.filter[0].prefix"] = rule["prefix"]
        elif tags is not None and "prefix" not in rule and len(tags) == 1:
            (key, value), *_ = tags.items()
            out[f"{at}.filter[0].tag[0].key"] = f'"{key}"'
            out[f"{at}.filter[0].tag[0].value"] = value
        elif tags is not None:
            if "prefix" in rule:
                out[f"{at}.filter[0].and[0].prefix"] = rule["prefix"]
            for key, value in tags.items():
                out[f"{at}.filter[0].and[0].tags.{key}"] = value
        dynamic = 0
        days = rule.get("abort_incomplete_multipart_upload_days")
        if str(days).strip('"') == "0":  # v3 sent the action only above 0 days: none
            days = None
        if isinstance(days, str) and not days.strip('"').isdigit():  # v3: only when above 0
            code = days[2:-1]
            kind = f'{at}.dynamic[0]."abort_incomplete_multipart_upload"'
            out[f"{kind}.for_each"] = f"${{coalesce({code}, 0) > 0 ? [{code}] : []}}"
            out[f"{kind}.content[0].days_after_initiation"] = (
                "${abort_incomplete_multipart_upload.value}"
            )
            dynamic = 1
        elif days is not None:
            out[f"{at}.abort_incomplete_multipart_upload[0].days_after_initiation"] = days
        for j, block in enumerate(rule.get("dynamic", [])):
            ((name, inner),) = block.items()
            kind = f"{at}.dynamic[{dynamic + j}].{name}"
            out[f"{kind}.for_each"] = inner["for_each"]
            for key, value in _leaves({"content": inner["content"]}).items():
                noncurrent = "noncurrent" in name and key.endswith(".days")
                out[f"{kind}.{key[:-4] + 'noncurrent_days' if noncurrent else key}"] = value
        for kind in ("expiration", "transition"):
            for j, block in enumerate(rule.get(kind, [])):
                for key, value in _leaves(block).items():
                    out[f"{at}.{kind}[{j}].{key}"] = value
        for kind in ("noncurrent_version_expiration", "noncurrent_version_transition"):
            for j, block in enumerate(rule.get(kind, [])):
                for key, value in _leaves(block).items():
                    name = "noncurrent_days" if key == "days" else key
                    out[f"{at}.{kind}[{j}].{name}"] = value
    return out


def _tags_filter(at: str, prefix: str | None, tags: str) -> dict[str, Any]:
    """The filter of a rule whose tags are an expression: v3 sent And{prefix, tags}
    when the tags were not empty, else Prefix; v4 says both, by condition."""
    code = tags[2:-1]
    some = f"try(length({code}), 0) > 0"
    if any(_OLD_TERRAFORM_0_12):  # no try() before Terraform 0.12.20
        some = f"length({code} == null ? {{}} : {code}) > 0"
    out: dict[str, Any] = {}
    if prefix is not None:
        code = prefix[2:-1] if prefix.startswith("${") else prefix
        out[f"{at}.prefix"] = f"${{{some} ? null : {code}}}"
    # v3's And always had a Prefix, "" when none was set.
    out[f'{at}.dynamic[0]."and".content[0].prefix'] = prefix if prefix is not None else '""'
    out[f'{at}.dynamic[0]."and".for_each'] = f"${{{some} ? [1] : []}}"
    out[f'{at}.dynamic[0]."and".content[0].tags'] = tags
    return out


def _normal(value: Any) -> Any:
    return "".join(value.split()) if isinstance(value, str) else value


def _cases(code: str) -> list[Path]:
    return sorted((OWN_CORPUS / code).glob("*.before.tf"))


def _imports(before_path: Path) -> tuple[set[str], set[str]]:
    """(addresses of the import blocks, addresses of the commands) of a case's imports
    file; checks on the way that no import block can fail a plan: not in a module that
    is not a root, ids only from values known at plan, forms the Terraform versions
    that required_version admits can read."""
    name = before_path.name.removesuffix(".before.tf")
    found = before_path.with_name(f"{name}.after.s3_v4_imports.tf")
    if not found.exists():
        return set(), set()
    text = found.read_text()
    assert "Apply once in each existing environment" in text or "not a root module" in text
    blocks = hcl2.loads(text).get("import", [])
    before = before_path.read_text()
    if blocks:
        assert 'provider "aws"' in before, "import blocks outside a root module"
    written = re.search(r"required_version\s*=\s*(\"[^\"]*\")", before)
    literal_ok, expression_ok, for_each_ok = _ENSURES[written.group(1) if written else None]
    for block in blocks:
        reference = block["id"]
        roots = set(re.findall(r"(?<![\w.])([A-Za-z_][\w-]*)\.[A-Za-z_]", reference))
        assert roots <= _PLAN_KNOWN, (before_path.name, reference)
        assert literal_ok, before_path.name
        if "${" in reference or roots:
            assert expression_ok, (before_path.name, reference)
        if "for_each" in block:
            assert for_each_ok, before_path.name
            assert set(re.findall(r"(?<![\w.])([A-Za-z_]\w*)\.", block["for_each"])) <= {
                "var",
                "local",
            }
    addresses = {b["to"].strip("${}").split("[")[0] for b in blocks}
    return addresses, set(_COMMAND.findall(text))


@pytest.mark.slow  # python-hcl2 reads every before/after case: seconds
def test_structural_equivalence_nothing_lost() -> None:
    carried = lost = left = 0
    problems = []
    for code, (inline_name, resource) in CODES.items():
        assert len(_cases(code)) >= 5, code
        for before_path in _cases(code):
            after_path = before_path.with_name(before_path.name.replace(".before.", ".after."))
            before_text = before_path.read_text()
            before = hcl2.loads(before_text)
            after = hcl2.loads(after_path.read_text())
            old_0_12 = re.search(r'required_version\s*=\s*">=?\s*0\.12(?:\.(\d+))?"', before_text)
            _OLD_TERRAFORM_0_12[:] = [old_0_12 is not None and int(old_0_12.group(1) or 0) < 20]
            _NULL_VARIABLES.clear()
            _NULL_VARIABLES.update(
                name.strip('"')
                for entry in before.get("variable", [])
                for name, spec in entry.items()
                if isinstance(spec, dict) and "default" in spec and spec["default"] is None
            )
            _NULL_LOCALS.clear()
            _NULL_LOCALS.update(_null_locals(before))
            imports, commands = _imports(before_path)
            old, new = _resources(before, "aws_s3_bucket"), _resources(after, "aws_s3_bucket")
            created = _resources(after, resource)
            findings = before_path.with_name(
                before_path.name.replace(".before.tf", ".findings.txt")
            )
            manual_text = findings.read_text() if findings.exists() else ""
            for label, bucket in old.items():
                if inline_name not in bucket:
                    continue
                if inline_name in new[label]:  # left for a person: unchanged, with a finding
                    assert new[label][inline_name] == bucket[inline_name], (code, label)
                    assert f"aws_s3_bucket.{label}:" in manual_text, (code, label)
                    left += 1
                    continue
                inline = bucket[inline_name]
                if code == "AWSV401" and _bool(inline[0].get("enabled")) is False:
                    assert label not in created  # off stays off: nothing is written
                    carried += 1
                    continue
                fixed_locals = {
                    f"${{local.{k}}}": v
                    for entry in before.get("locals", [])
                    for k, v in entry.items()
                }
                if code == "AWSV404" and fixed_locals.get(inline, inline) == '"private"':
                    # Private is every bucket's ACL unless told otherwise: nothing to
                    # write (an ACL resource fails on a bucket with ACLs disabled).
                    assert label not in created, (code, label)
                    carried += 1
                    continue
                if code == "AWSV404":
                    # Any other ACL applies only where ACLs are enabled: the ownership
                    # setting comes first, and the ACL waits for it.
                    ownership = _resources(after, "aws_s3_bucket_ownership_controls")
                    assert label in ownership, (code, label)
                    rule = ownership[label]["rule"][0]
                    assert rule["object_ownership"] == '"ObjectWriter"', (code, label)
                    waits = [f"${{aws_s3_bucket_ownership_controls.{label}}}"]
                    if fixed_locals.get(inline, inline) in _PUBLIC_ACLS:
                        # A public ACL also waits for the bucket's public access blocks.
                        waits += [
                            f"${{aws_s3_bucket_public_access_block.{name}}}"
                            for name, block in _resources(
                                before, "aws_s3_bucket_public_access_block"
                            ).items()
                            if f"aws_s3_bucket.{label}." in block["bucket"]
                        ]
                    assert created[label]["depends_on"] == waits, (code, label)
                if code == "AWSV411":
                    assert new[label]["object_lock_enabled"] is True, label
                    carried += 1
                    if "rule" not in inline[0]:
                        assert label not in created
                        continue
                target = created.get(label)
                if target is None:
                    problems.append(f"{code} {before_path.name}: {label} has no {resource}")
                    lost += len(_leaves(inline))
                    continue
                assert f"aws_s3_bucket.{label}" in target["bucket"]
                # An acl beside a dynamic grant: the ACL resource exists where either
                # sets an ACL (checked with the dynamic grants below).
                conditional = code == "AWSV404" and _dynamic_grants(bucket)
                for meta in ("provider",) if conditional else ("provider", "count"):
                    assert target.get(meta) == bucket.get(meta), (code, label, meta)
                assert ("for_each" in target) == ("for_each" in bucket)
                have = _leaves({k: v for k, v in target.items() if k != "bucket"})
                for key, value in _expected(code, inline).items():
                    if _normal(have.get(key)) == _normal(value):
                        carried += 1
                    else:
                        lost += 1
                        problems.append(
                            f"{code} {before_path.name}: {label}.{key} = {value!r}, "
                            f"got {have.get(key)!r}"
                        )
                # Every new resource has its one-off import: a block or a command.
                address = f"{resource}.{label}"
                assert address in imports or address in commands, (code, before_path.name)
    print(
        f"structural check: {carried} settings carried, {lost} lost, "
        f"{left} inline forms left with a finding"
    )
    assert not problems, problems
    assert lost == 0 and carried >= 150


@pytest.mark.slow  # terraform fmt per codemod: seconds in all
@pytest.mark.skipif(shutil.which("terraform") is None, reason="terraform is not on PATH")
@pytest.mark.parametrize("code", sorted(CODES))
def test_after_files_are_terraform_fmt_clean(code: str, tmp_path: Path) -> None:
    for before in _cases(code):
        after = before.with_name(before.name.replace(".before.", ".after."))
        shutil.copyfile(after, tmp_path / "main.tf")
        done = subprocess.run(
            ["terraform", "fmt", "-check", "-diff", str(tmp_path / "main.tf")],
            capture_output=True,
            text=True,
            env={"TF_CLI_CONFIG_FILE": "/dev/null", "PATH": "/usr/bin:/bin:/usr/local/bin"},
        )
        assert done.returncode == 0, (after.name, done.stdout)


@pytest.mark.slow  # python-hcl2 reads every AWSV404 case: seconds
def test_structural_grants_become_one_grant_per_permission() -> None:
    """Every (grantee, permission) of the v3 grant blocks is in the access_control_policy."""
    carried = 0
    for before_path in _cases("AWSV404"):
        after_path = before_path.with_name(before_path.name.replace(".before.", ".after."))
        old = _resources(hcl2.loads(before_path.read_text()), "aws_s3_bucket")
        new = _resources(hcl2.loads(after_path.read_text()), "aws_s3_bucket")
        acls = _resources(hcl2.loads(after_path.read_text()), "aws_s3_bucket_acl")
        for label, bucket in old.items():
            if "grant" not in bucket or "grant" in new[label]:
                continue
            policy = acls[label]["access_control_policy"][0]
            have = {
                (tuple(sorted(_leaves(g["grantee"][0]).items())), g["permission"])
                for g in policy["grant"]
            }
            for grant in bucket["grant"]:
                grantee = tuple(
                    sorted((k, v) for k, v in grant.items() if k in ("id", "uri", "type"))
                )
                for permission in grant["permissions"]:
                    assert (grantee, permission) in have, (label, grantee, permission)
                    carried += 1
            assert "aws_canonical_user_id" in policy["owner"][0]["id"]
    assert carried >= 4


def _dynamic_grants(bucket: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        inner
        for block in bucket.get("dynamic", [])
        for name, inner in block.items()
        if name.strip('"') == "grant"
    ]


def _strings(value: Any) -> list[str]:
    """The leaf values of a parsed expression (a literal list of objects, or the text
    of any other), as text without ``${}`` and white space."""
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    text = str(value)
    return [_normal(text[2:-1] if text.startswith("${") else text)]


def _policies(acl: dict[str, Any]) -> list[dict[str, Any]]:
    """The access_control_policy of an ACL resource, written out or as the content of
    a dynamic block (beside a canned acl)."""
    found = list(acl.get("access_control_policy", []))
    for block in acl.get("dynamic", []):
        for name, inner in block.items():
            if name.strip('"') == "access_control_policy":
                found += inner["content"]
    return found


@pytest.mark.slow  # python-hcl2 reads every AWSV404 case: seconds
def test_structural_dynamic_grants_flattened_per_permission() -> None:
    """A dynamic grant becomes a dynamic grant of the access_control_policy over the
    flattened (grant, permission) pairs: the same collection, each grantee field
    built by the content's expression (reading the for variable where it read the
    element) and read back in the grantee, one grant per permission of the
    content's permissions; a canned acl beside it stays the resource's acl. Or the
    bucket keeps it with a finding."""
    translated = 0
    for before_path in _cases("AWSV404"):
        after_path = before_path.with_name(before_path.name.replace(".before.", ".after."))
        findings = before_path.with_name(before_path.name.replace(".before.tf", ".findings.txt"))
        manual_text = findings.read_text() if findings.exists() else ""
        old = _resources(hcl2.loads(before_path.read_text()), "aws_s3_bucket")
        new = _resources(hcl2.loads(after_path.read_text()), "aws_s3_bucket")
        acls = _resources(hcl2.loads(after_path.read_text()), "aws_s3_bucket_acl")
        for label, bucket in old.items():
            blocks = _dynamic_grants(bucket)
            if not blocks:
                continue
            if _dynamic_grants(new[label]):
                assert new[label]["dynamic"] == bucket["dynamic"], label
                assert f"aws_s3_bucket.{label}:" in manual_text, label
                continue
            (block,) = blocks
            iterator = block.get("iterator", "grant")
            content = block["content"][0]
            (policy,) = _policies(acls[label])
            (made,) = [b['"grant"'] for b in policy["dynamic"] if '"grant"' in b]
            assert made.get("iterator", "grant") == iterator
            for_each = _normal(made["for_each"])
            for value in _strings(block["for_each"]):  # the same collection
                assert value in for_each, (label, value, for_each)
            permissions = _normal(content["permissions"][2:-1])
            element = re.sub(rf"(?<![\w.]){iterator}\.value\b", iterator, permissions)
            assert f"for{iterator}in" in for_each and f"in{element}:" in for_each, label
            grantee = made["content"][0]["grantee"][0]
            for field in ("id", "type", "uri"):
                if field not in content:
                    assert field not in grantee
                    continue
                value = content[field]
                value = _normal(value[2:-1] if str(value).startswith("${") else value)
                value = re.sub(rf"(?<![\w.]){iterator}\.value\b", iterator, value)
                assert f"{field}={value}" in for_each, (label, field, value)
                assert grantee[field] == f"${{{iterator}.value.{field}}}", (label, field)
            assert made["content"][0]["permission"] == f"${{{iterator}.value.permission}}"
            assert "aws_canonical_user_id" in policy["owner"][0]["id"]
            if "acl" in bucket:
                assert acls[label]["acl"] == bucket["acl"], label
            translated += 1
    assert translated >= 5, translated


_OWNED = {
    "AWSV410": ("website", "website_endpoint", "website_domain"),
    "AWSV404": ("acl", "grant"),
}


def test_references_to_moved_settings_follow_or_are_reported() -> None:
    """After a case, no reference reads a moved setting's attribute of a bucket that
    has the new resource, unless a manual finding quotes that reference."""
    followed = reported = 0
    for code, (inline_name, resource) in CODES.items():
        for before_path in _cases(code):
            name = before_path.name.removesuffix(".before.tf")
            after = before_path.with_name(f"{name}.after.tf").read_text()
            findings = before_path.with_name(f"{name}.findings.txt")
            manual = findings.read_text() if findings.exists() else ""
            attributes = "|".join(_OWNED.get(code, (inline_name,)))
            moved = set(_resources(hcl2.loads(after), resource))
            pattern = (
                rf"aws_s3_bucket\.(\w+)((?:\[[^\]]*\]|\.\d+|\.\*)?)\.({attributes})\b[\w.\[\]]*"
            )
            for match in re.finditer(pattern, after):
                if match.group(1) in moved:
                    assert f"`{match.group(0)}`" in manual, (code, name, match.group(0))
                    reported += 1
            before = before_path.read_text()
            for match in re.finditer(pattern, before):
                if match.group(1) in moved and match.group(0) not in after:
                    followed += 1
    print(f"references: {followed} followed, {reported} reported")
    assert followed >= 12 and reported >= 4


# A dynamic block of a setting the bucket may have many of becomes a dynamic block
# of the new resource (the new name, the same for_each and element); one of a
# setting it has at most one of makes the resource exist once per element.
_REPEATED = {"AWSV406": '"rule"', "AWSV407": '"cors_rule"'}
_SINGLE = ("AWSV401", "AWSV402", "AWSV403", "AWSV410", "AWSV412")
_ITERATOR = re.compile(r"(?<![\w.])(\w+)\.(value|key)\b")


def _v2_rules(value: Any) -> Any:
    """``value`` without the prefix of replication rules that have a filter: v3 sent
    the filter's (schema V2) and ignored the rule's, which v4 refuses with a filter."""
    if isinstance(value, list):
        return [_v2_rules(v) for v in value]
    if isinstance(value, dict):
        return {
            k: _v2_rules(v) for k, v in value.items() if not (k == "prefix" and "filter" in value)
        }
    return value


def _element_read(value: str, iterator: str, element: str) -> str:
    """``value`` reading ``element`` where it read the iterator's value (key 0)."""

    def one(m: re.Match[str]) -> str:
        if m.group(1) != iterator:
            return m.group(0)
        return element if m.group(2) == "value" else "0"

    return _ITERATOR.sub(one, value)


def _found(value: str, have: str) -> bool:
    """``value`` is among ``have``, on its own or inside an expression."""
    return value in have or (value.startswith("${") and value[2:-1] in have)


def _texts(value: Any) -> list[str]:
    """The leaf values, as text; true/false left out (enabled becomes a status)."""
    return [_normal(str(v)) for v in _leaves(value).values() if not isinstance(v, bool)]


@pytest.mark.slow  # python-hcl2 reads every case with a dynamic block: seconds
def test_structural_dynamic_blocks_carried_or_reported() -> None:
    """Every setting of a dynamic block of the split is found in the new resource
    (each leaf value of its content, the element read where the iterator was when
    the resource exists once per element), or the bucket keeps it with a finding."""
    checked = 0
    for code, (inline_name, resource) in CODES.items():
        for before_path in _cases(code):
            after_path = before_path.with_name(before_path.name.replace(".before.", ".after."))
            before_text = before_path.read_text()
            before = hcl2.loads(before_text)
            after = hcl2.loads(after_path.read_text())
            old_0_12 = re.search(r'required_version\s*=\s*">=?\s*0\.12(?:\.(\d+))?"', before_text)
            _OLD_TERRAFORM_0_12[:] = [old_0_12 is not None and int(old_0_12.group(1) or 0) < 20]
            _NULL_VARIABLES.clear()
            _NULL_VARIABLES.update(
                name.strip('"')
                for entry in before.get("variable", [])
                for name, spec in entry.items()
                if isinstance(spec, dict) and "default" in spec and spec["default"] is None
            )
            _NULL_LOCALS.clear()
            _NULL_LOCALS.update(_null_locals(before))
            findings = before_path.with_name(
                before_path.name.replace(".before.tf", ".findings.txt")
            )
            manual_text = findings.read_text() if findings.exists() else ""
            old, new = _resources(before, "aws_s3_bucket"), _resources(after, "aws_s3_bucket")
            created = _resources(after, resource)
            for label, bucket in old.items():
                blocks = [
                    inner
                    for block in bucket.get("dynamic", [])
                    for name, inner in block.items()
                    if name.strip('"') == inline_name
                ]
                if not blocks:
                    continue
                checked += 1
                if code == "AWSV411" and "object_lock_enabled" in new[label]:
                    _check_dynamic_object_lock(blocks, new[label], created.get(label))
                    continue
                if new[label].get("dynamic") == bucket["dynamic"] or label not in created:
                    assert f"aws_s3_bucket.{label}:" in manual_text, (code, label)
                    continue
                target = created[label]
                assert "count" in target or "for_each" in target or code in _REPEATED
                if code in _REPEATED:
                    made = [
                        inner
                        for block in target.get("dynamic", [])
                        for name, inner in block.items()
                        if name == _REPEATED[code]
                    ]
                    assert len(made) == len(blocks), (code, label)
                    for old_block, new_block in zip(blocks, made, strict=True):
                        assert old_block["for_each"] == new_block["for_each"], (code, label)
                        iterator = old_block.get("iterator", inline_name)
                        assert new_block.get("iterator", _REPEATED[code].strip('"')) == iterator
                        have = " | ".join(_texts(new_block["content"]))
                        for value in _texts(old_block["content"]):
                            assert _found(value, have), (code, label, value)
                    continue
                # One element: where the content read the iterator, the resource reads it.
                (block,) = blocks
                iterator = block.get("iterator", inline_name)
                for_each = block["for_each"][2:-1]
                match = re.fullmatch(r"(.+) \? \[(.+)\] : \[\]", for_each) or re.fullmatch(
                    r"(.+) \? \[\] : \[(.+)\]", for_each
                )
                # Terraform before 0.15 has no one(): the element is read by index there.
                legacy = re.search(r'required_version\s*=\s*"[^"]*0\.1[234]', before_text)
                whole = (
                    f"[for v in {for_each} : v][0]" if legacy else f"one([for v in {for_each} : v])"
                )
                element = match.group(2) if match else whole
                have = " | ".join(_texts({k: v for k, v in target.items() if k != "bucket"}))
                content = dict(block["content"][0]) if code == "AWSV403" else None
                if content is not None and "target_prefix" in content:
                    # A prefix that can be null is "" (v3 logged without one then).
                    content["target_prefix"] = _null_is(
                        content["target_prefix"], '""', ("var", "local", "each", iterator)
                    )
                for value in _texts(_v2_rules([content] if content else block["content"])):
                    value = _element_read(value, iterator, element)
                    assert _found(_normal(value), have), (code, label, value)
    assert checked >= 10, checked


def _single(block: dict[str, Any], name: str) -> tuple[str, str]:
    """(condition, element) of a dynamic block over ``c ? [x] : []`` (or ``c ? [] : [x]``:
    ``!c``, as the codemods write it negated) or any collection of at most one element."""
    for_each = block["for_each"]
    for_each = for_each[2:-1] if isinstance(for_each, str) else str(for_each)
    match = re.fullmatch(r"(.+) \? \[(.+)\] : \[\]", for_each)
    if match:
        return match.group(1), match.group(2)
    match = re.fullmatch(r"(.+) \? \[\] : \[(.+)\]", for_each)
    if match:
        return f"!{match.group(1)}", match.group(2)
    return f"length({for_each}) > 0", f"one([for v in {for_each} : v])"


def _same_condition(have: str, condition: str) -> bool:
    """``have`` is ``condition`` (or its negation written as a person would)."""
    have = _normal(have)
    if condition.startswith("!"):
        inner = _normal(condition[1:])
        return have in (f"!({inner})", inner.replace("==", "!="))
    return have == _normal(condition)


def _check_dynamic_object_lock(
    blocks: list[dict[str, Any]], bucket: dict[str, Any], target: dict[str, Any] | None
) -> None:
    """A dynamic object_lock_configuration: the bucket's object_lock_enabled holds
    where the block made the setting, and its rule (written out, or a dynamic rule
    of at most one element) is in the new resource, the element read where the
    content read the iterator; the resource exists where both make the rule."""
    (block,) = blocks
    iterator = block.get("iterator", "object_lock_configuration")
    condition, element = _single(block, iterator)
    assert _same_condition(bucket["object_lock_enabled"][2:-1], condition), bucket
    content = block["content"][0]
    rules = [("", inner) for inner in content.get("rule", [])] + [
        (name, inner)
        for dynamic in content.get("dynamic", [])
        for name, inner in dynamic.items()
        if name.strip('"') == "rule"
    ]
    if not rules:
        assert target is None
        return
    assert target is not None
    ((kind, rule),) = rules
    have = " | ".join(_texts({k: v for k, v in target.items() if k != "bucket"}))
    values = _texts(rule)
    if kind:  # dynamic rule: read through its own element, then the outer one
        inner_condition, inner_element = _single(rule, "rule")
        inner_element = _element_read(inner_element, iterator, element)
        if not re.fullmatch(r"[\w.\[\]\"-]+", inner_element):
            inner_element = f"({inner_element})"
        values = [
            _element_read(v, rule.get("iterator", "rule"), inner_element)
            for v in _texts(rule["content"])
        ]
        count = _normal(target["count"])
        for part in (condition, inner_condition):
            part = _element_read(part, iterator, element)
            part = part[1:] if part.startswith("!") else part
            assert _normal(part).replace("==", "!=") in count or _normal(part) in count, (
                part,
                count,
            )
    for value in values:
        value = _element_read(value, iterator, element)
        assert _found(_normal(value), have), (value, have)


# ---- terraform validate: the dynamic cases load with the real AWS provider ----------

TERRAFORM = shutil.which("terraform")
PLUGINS = Path("/opt/tf-plugins")  # a filesystem mirror of hashicorp/aws (no network)


# The dynamic cases that are whole modules (the others are excerpts: undeclared
# variables or resources).
VALID_DYNAMIC = (
    "AWSV403/dynamic_count_logging",
    "AWSV406/dynamic_count_foreach",
    "AWSV406/dynamic_iterator_folders",
    "AWSV406/dynamic_module_rules",
    "AWSV406/dynamic_rules",
    "AWSV406/tags_expression",
    "AWSV407/dynamic_for_each_sites",
    "AWSV410/dynamic_optional_site",
    "AWSV412/dynamic_config_list",
    "AWSV412/dynamic_rules_try",
    "AWSV411/dynamic_module_inputs",
    "AWSV411/dynamic_optional_lock",
    "AWSV404/dynamic_grants_canned",
    "AWSV404/dynamic_grants_for_each",
    "AWSV404/dynamic_grants_log_delivery",
    "AWSV404/dynamic_grants_local",
    "AWSV404/dynamic_grants_literal",
    "AWSV404/dynamic_grants_or_acl",
)


def _sample(kind: str) -> str:
    """A value of a variable's type for a module call (validate needs every input)."""
    kind = kind.strip()
    if kind.startswith(("map", "object")):
        return "{}"
    return {"string": '"x"', "number": "1", "bool": "true"}.get(kind, "[]")


@pytest.mark.slow
def test_dynamic_cases_validate_with_the_aws_provider(tmp_path: Path) -> None:
    """What the AWSV4 codemods write for dynamic blocks (dynamic blocks of the new
    resources, iterators, conditional count/for_each) is accepted by the provider's
    schema: every dynamic case's after file as a child module of one configuration,
    in one ``terraform validate``."""
    if TERRAFORM is None or not (PLUGINS / "registry.terraform.io/hashicorp/aws").is_dir():
        pytest.skip("terraform or the local AWS provider mirror (/opt/tf-plugins) is absent")
    import tffix

    config = tmp_path / "terraform.rc"
    config.write_text(
        "provider_installation {\n"
        f'  filesystem_mirror {{\n    path    = "{PLUGINS}"\n'
        '    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n'
        '  direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n',
        encoding="utf-8",
    )
    root = tmp_path / "root"
    calls = ['provider "aws" {\n  region = "eu-west-1"\n}\n']
    afters = [OWN_CORPUS / f"{case}.after.tf" for case in VALID_DYNAMIC]
    for after in afters:
        name = f"{after.parent.name}_{after.name.removesuffix('.after.tf')}".lower()
        (root / name).mkdir(parents=True)
        # The cases' Terraform constraints choose the import forms; the schema is what
        # is checked here, by the Terraform on PATH.
        text = re.sub(r"(?m)^\s*required_version\s*=.*\n", "", after.read_text(encoding="utf-8"))
        (root / name / "main.tf").write_text(text, encoding="utf-8")
        for used in re.findall(r'file\("\$\{path\.module\}/([\w.-]+)"\)', text):
            (root / name / used).write_text("{}", encoding="utf-8")
        inputs = []
        for block in tffix.parse(text).body.blocks:  # variables without a default
            if block.type == "variable" and block.body.attribute("default") is None:
                kind = block.body.attribute("type")
                value = _sample(kind.value.code if kind else "string")
                inputs.append(f"  {block.labels[0]} = {value}\n")
        calls.append(f'module "{name}" {{\n  source = "./{name}"\n{"".join(inputs)}}}\n')
    (root / "main.tf").write_text("\n".join(calls), encoding="utf-8")
    env = {**os.environ, "TF_CLI_CONFIG_FILE": str(config), "TF_IN_AUTOMATION": "1"}
    for args in (["init", "-backend=false", "-input=false"], ["validate", "-no-color"]):
        done = subprocess.run(
            [str(TERRAFORM), *args], cwd=root, env=env,
            capture_output=True, text=True, check=False, timeout=600,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr

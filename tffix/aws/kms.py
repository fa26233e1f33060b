"""KMS keys as codemods need them: which keys can encrypt data, who may use a key,
and key options.

Several fixes encrypt something with a customer-managed key. That only works
with a symmetric ENCRYPT_DECRYPT key (an asymmetric or HMAC key cannot
encrypt a table or a bucket), and only for principals the key policy lets in:
a service that writes to an encrypted bucket (VPC Flow Logs through
``delivery.logs.amazonaws.com``, CloudTrail, AWS Config) needs
``kms:GenerateDataKey*`` granted to its service principal in the key policy
itself, and the default key policy grants nothing but the account's IAM
delegation (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
A key made for one purpose (CloudTrail's, a log group's) is not a general
key for another. A key given as an option may be an ARN or an expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tffix.aws.policies import MARK, Statement, statements
from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.cst.builders import parse_expression
from tffix.cst.edit import quoted
from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from tffix.analysis.module import ModuleAnalysis

SYMMETRIC = "SYMMETRIC_DEFAULT"


def is_symmetric(key: n.Block) -> bool:
    """True for an ``aws_kms_key`` whose key spec is (or defaults to) SYMMETRIC_DEFAULT."""
    spec = key.body.attribute("customer_master_key_spec") or key.body.attribute("key_spec")
    return spec is None or m.Literal(SYMMETRIC).matches(spec.value)


def is_symmetric_encryption_key(key: n.Block) -> bool:
    """True for an ``aws_kms_key`` that can encrypt data at rest (the default kind)."""
    if not is_symmetric(key):
        return False
    usage = key.body.attribute("key_usage")
    return usage is None or m.Literal("ENCRYPT_DECRYPT").matches(usage.value)


def default_key(
    analysis: ModuleAnalysis, option: object, option_name: str = "kms_key_arn"
) -> tuple[str | None, str]:
    """(HCL of the key to encrypt with, "") or (None, why there is none).

    The module's only symmetric encryption key (``aws_kms_key.<x>.arn``)
    when it has exactly one and that one has no count/for_each; otherwise
    the ``option`` a person set (an ARN or an expression), if any.
    """
    keys = [k for _p, k in analysis.resources("aws_kms_key") if is_symmetric_encryption_key(k)]
    if len(keys) == 1:
        name = keys[0].labels[1]
        if keys[0].body.attribute("count") is None and keys[0].body.attribute("for_each") is None:
            return f"aws_kms_key.{name}.arn", ""
        why = f"the module's only key, aws_kms_key.{name}, has count/for_each"
    elif keys:
        names = ", ".join(f"aws_kms_key.{k.labels[1]}" for k in keys)
        why = f"the module has several keys ({names}) and the {option_name} option is not set"
    else:
        why = f"the module has no aws_kms_key and the {option_name} option is not set"
    if option:
        return key_expression(str(option)), ""
    return None, why


def key_expression(option: str) -> str:
    """A key option as HCL: an ARN (or any non-expression) is quoted, an expression is kept."""
    text = option.strip()
    if not text.startswith("arn:"):
        try:
            parse_expression(text)
        except ParseError:
            pass
        else:
            return text
    return quoted(text)


# ---- who may use a key ------------------------------------------------------------

# Arguments through which a resource encrypts its own data with a key: a key named
# there is made for that resource. S3 default encryption is not in the list (a key
# encrypting buckets is a bucket key), nor are aliases, grants and IAM policies.
_S3_KEY_USES = (
    "aws_s3_bucket",
    "aws_s3_bucket_server_side_encryption_configuration",
    "aws_s3_bucket_encryption_configuration",
    "aws_kms_alias",
    "aws_kms_grant",
    "aws_kms_key_policy",
    "aws_iam_policy",
    "aws_iam_role_policy",
    "aws_iam_user_policy",
    "aws_iam_group_policy",
    "aws_s3_object",
    "aws_s3_bucket_object",
)
GENERATE = ("kms:GenerateDataKey", "kms:GenerateDataKey*")


@dataclass(frozen=True)
class KeyUse:
    """Whether a key may encrypt a bucket for given users, and why not."""

    key: n.Block
    usable: bool
    reason: str = ""


def key_address(key: n.Block) -> str:
    return f"aws_kms_key.{key.labels[1]}"


def key_policy(analysis: ModuleAnalysis, key: n.Block) -> list[Statement] | None:
    """The key's policy statements; ``[]`` for the default key policy (only the account's
    IAM delegation); None when the policy cannot be read."""
    policy = policy_holder(analysis, key).body.attribute("policy")
    if policy is None:
        return []
    return statements(analysis, policy.value)


def grants_service(
    analysis: ModuleAnalysis, key: n.Block, principal: str, actions: tuple[str, ...] = GENERATE
) -> bool | None:
    """Whether the key policy allows ``principal`` (a service principal) ``actions``."""
    return _grants(analysis, key, lambda ident: ident == principal, actions)


# CloudWatch Logs' service principal is regional: logs.<region>.amazonaws.com (and the
# region is often an expression). CloudWatch Logs User Guide, "Encrypt log data in
# CloudWatch Logs using AWS KMS", step 2 (the key policy):
# https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
_LOGS_SERVICE = re.compile(r"logs\.(?:[^.\s]+\.)?amazonaws\.com(?:\.cn)?")
LOGS_ACTIONS = ("kms:Encrypt", "kms:GenerateDataKey")


_LOGS_REGION = re.compile(r"logs\.([^.\s]+)\.amazonaws\.com(?:\.cn)?")


def grants_logs(
    analysis: ModuleAnalysis,
    key: n.Block,
    region: str | None = None,
    *,
    regional: bool = False,
) -> bool | None:
    """Whether the key policy lets CloudWatch Logs encrypt with the key; None when the
    policy cannot be read or a statement is not known enough.

    ``region``: the log group's region, when the module names it. The principal is
    regional, so a statement naming CloudWatch Logs of another region (a literal
    ``logs.eu-west-1.amazonaws.com`` for a log group in us-east-1) lets nothing in.
    ``regional``: count only the regional principal the CloudWatch Logs User Guide
    documents, not the global ``logs.amazonaws.com``."""

    def matches(ident: str) -> bool:
        if not _LOGS_SERVICE.fullmatch(ident):
            return False
        named = _LOGS_REGION.fullmatch(ident)
        if named is None:
            return not regional
        return region is None or MARK in named[1] or named[1] == region

    return _grants(analysis, key, matches, LOGS_ACTIONS)


def provider_region(analysis: ModuleAnalysis, block: n.Block) -> str | None:
    """The region of the AWS provider configuration ``block`` uses (its ``provider``
    meta-argument, else the default one), when the module sets it as a literal; None
    when it is not set here, set by an expression, or declared more than once."""
    attribute = block.body.attribute("provider")
    wanted = None if attribute is None else "".join(attribute.value.code.split())
    if wanted is not None and not wanted.startswith("aws."):
        return None
    alias = None if wanted is None else wanted.removeprefix("aws.")
    found = []
    for declaration in analysis.declared("provider"):
        provider = declaration.node
        if not isinstance(provider, n.Block) or provider.labels[:1] != ["aws"]:
            continue
        named = provider.body.attribute("alias")
        if (None if named is None else m.string_value(named.value)) == alias:
            found.append(provider)
    if len(found) != 1:
        return None
    region = found[0].body.attribute("region")
    return None if region is None else m.string_value(region.value)


def _grants(
    analysis: ModuleAnalysis,
    key: n.Block,
    matches: Callable[[str], bool],
    actions: tuple[str, ...],
) -> bool | None:
    found = key_policy(analysis, key)
    if found is None:
        return None
    unsure = False
    for statement in found:
        if statement.effect != "Allow" or statement.not_principal:
            if statement.effect is None:
                unsure = True
            continue
        if statement.principals is None:
            unsure = True
            continue
        if not any(
            ident is not None and ((kind == "Service" and matches(ident)) or ident == "*")
            for kind, ident in statement.principals
        ):
            if any(ident is None for _k, ident in statement.principals):
                unsure = True
            continue
        allowed = statement.allows_action(*actions)
        if allowed:
            return True
        if allowed is None:
            unsure = True
    return None if unsure else False


def delegates_to_iam(analysis: ModuleAnalysis, key: n.Block) -> bool:
    """Whether the key policy leaves the use of the key to IAM policies: the default key
    policy, or a statement allowing the account (``arn:aws:iam::<account>:root``)
    ``kms:*``. Then a role whose IAM policies allow kms:GenerateDataKey may use it."""
    found = key_policy(analysis, key)
    if found == []:
        return True
    for statement in found or []:
        if statement.effect != "Allow" or not statement.principals or statement.conditions:
            continue
        roots = [
            ident
            for kind, ident in statement.principals
            if kind == "AWS" and ident is not None and ident.endswith(":root")
        ]
        if roots and statement.allows_action("kms:GenerateDataKey", "kms:Decrypt"):
            return True
    return False


def grants_account_through_s3(analysis: ModuleAnalysis, key: n.Block) -> bool:
    """Whether the key policy lets every principal of the account use the key through S3,
    as the AWS managed key aws/s3 does (``Principal = {AWS = "*"}`` limited by
    ``kms:CallerAccount``/``kms:ViaService``): then anyone who may write the bucket may
    also encrypt with the key. The default policy does not: it leaves it to IAM policies,
    which writers with only S3 permissions lack."""
    found = key_policy(analysis, key)
    if not found:
        return False
    for statement in found:
        if statement.effect != "Allow" or statement.names_everyone() is not True:
            continue
        if statement.allows_action(*GENERATE) and statement.allows_action("kms:Decrypt"):
            return True
    return False


def grants_account_through(
    analysis: ModuleAnalysis, key: n.Block, service: str, actions: tuple[str, ...]
) -> bool:
    """Whether the key policy lets every principal of the account use the key through
    ``service`` (``dynamodb``), as the AWS managed key of that service does: an Allow
    with principal ``*`` covering ``actions``, limited at most by ``kms:ViaService``
    (naming that service) and ``kms:CallerAccount``. Then whoever may use the
    service's resource may use the key with it (AWS KMS Developer Guide, "AWS managed
    keys"; https://docs.aws.amazon.com/kms/latest/developerguide/services-dynamodb.html)."""
    found = key_policy(analysis, key)
    if not found:
        return False
    text = policy_holder(analysis, key).code.lower()
    for statement in found:
        if statement.effect != "Allow" or statement.names_everyone() is not True:
            continue
        if not all(statement.allows_action(a) for a in actions):
            continue
        conditions = statement.conditions
        if conditions is None:
            continue
        if set(conditions) - {"kms:viaservice", "kms:calleraccount"}:
            continue
        if "kms:viaservice" in conditions and f"{service.lower()}." not in text:
            continue
        return True
    return False


def made_for(analysis: ModuleAnalysis, key: n.Block) -> str | None:
    """What else the key was made for (``aws_cloudtrail.main``), or None.

    A key some other resource encrypts its own data with (CloudTrail's
    ``kms_key_id``, a log group's, a topic's), or whose policy lets in only
    service principals other than S3's, belongs to that use.
    """
    address = key_address(key)
    references = analysis.references_to(address)
    if not references:
        return None
    # The resources of the reference's file (indexed once per analysis), not every
    # resource of the module per key (quadratic in a module of hundreds of files).
    for reference in references:
        for block in analysis.resources_in(reference.path):
            if block.type != "resource" or block.labels[0] in _S3_KEY_USES:
                continue
            if block.line <= reference.line <= block.end_line and _inside(block, reference):
                return f"{block.labels[0]}.{block.labels[1]}"
    return None


def _inside(block: n.Block, reference: object) -> bool:
    node = getattr(reference, "node", None)
    return any(t is node for t in edit.traversals(block))


def same_provider(bucket: n.Block, key: n.Block) -> bool:
    """Whether the key lives where the bucket does: the same ``provider`` meta-argument
    (an aliased provider is another region or account; S3 cannot use a key elsewhere)."""

    def provider(block: n.Block) -> str:
        attribute = block.body.attribute("provider")
        return "aws" if attribute is None else "".join(attribute.value.code.split())

    return provider(bucket) == provider(key)


# ---- granting a service the use of a key -------------------------------------------

# The statement each service principal needs in a key policy to encrypt what it
# delivers to an SSE-KMS bucket, as its documentation writes it ((json form for
# jsonencode, aws_iam_policy_document form), source). Only services listed here get
# a grant added to a key the module owns; the others keep SSE-S3.
SERVICE_STATEMENTS: dict[str, tuple[str, str, str]] = {
    "delivery.logs.amazonaws.com": (
        """\
{
  Sid    = "AllowLogDeliveryToEncrypt"
  Effect = "Allow"
  Principal = {
    Service = "delivery.logs.amazonaws.com"
  }
  Action   = "kms:GenerateDataKey*"
  Resource = "*"
}""",
        """\
statement {
  sid       = "AllowLogDeliveryToEncrypt"
  effect    = "Allow"
  actions   = ["kms:GenerateDataKey*"]
  resources = ["*"]

  principals {
    type        = "Service"
    identifiers = ["delivery.logs.amazonaws.com"]
  }
}""",
        # "Required key policy for use with SSE-KMS" (VPC Flow Logs, and the same for
        # every log service that delivers through delivery.logs.amazonaws.com)
        "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html",
    ),
}


def policy_holder(analysis: ModuleAnalysis, key: n.Block) -> n.Block:
    """The block whose ``policy`` is the key's: its ``aws_kms_key_policy``, or the key."""
    for _path, separate in analysis.resources("aws_kms_key_policy"):
        target = separate.body.attribute("key_id")
        if target is not None and any(
            t.names()[:2] == ["aws_kms_key", key.labels[1]] for t in edit.traversals(target)
        ):
            return separate
    return key

"""AWS004 log-group-kms: log groups are only encrypted with keys CloudWatch Logs may use."""

from __future__ import annotations

import re

from tffix.analysis.names import find_resource, referenced
from tffix.analysis.roots import library_module
from tffix.aws.kms import grants_logs, is_symmetric_encryption_key, provider_region
from tffix.aws.policy_edit import KeyPolicyEditor
from tffix.cst import edit
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Option, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

_CHECK = "CKV_AWS_158"
_DOC = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html"
# kms_key_id: "The ARN of the KMS Key to use when encrypting log data."
_ARN_DOC = (
    "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/"
    "cloudwatch_log_group#kms_key_id"
)
# A key's ID, where its ARN belongs: (the reference to the key, the ARN attribute).
_KEY_ID = re.compile(
    r"^((?:data\.)?aws_kms_key\.[A-Za-z0-9_-]+(?:\[[^\]]+\])?)\.(?:id|key_id)$"
    r"|^(aws_kms_alias\.[A-Za-z0-9_-]+(?:\[[^\]]+\])?)\.target_key_id$"
)
# "This must be a symmetric KMS key" (CloudWatch Logs API Reference, AssociateKmsKey).
_ASSOCIATE_DOC = (
    "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_AssociateKmsKey.html"
)
# Attributes of aws_kms_key after which a policy is written, best first.
_STRATEGIES = ("strip", "grant")

_LOGS_STATEMENT = """\
{
  Sid    = "AllowCloudWatchLogs"
  Effect = "Allow"
  Principal = {
    Service = "logs.${REGION}.amazonaws.com"
  }
  Action = [
    "kms:Encrypt*",
    "kms:Decrypt*",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
    "kms:Describe*"
  ]
  Resource = "*"
  Condition = {
    ArnLike = {
      "kms:EncryptionContext:aws:logs:arn" = "arn:aws:logs:${REGION}:${ACCOUNT}:*"
    }
  }
}"""

_LOGS_DOCUMENT_STATEMENT = """\
statement {
  sid    = "AllowCloudWatchLogs"
  effect = "Allow"

  principals {
    type        = "Service"
    identifiers = ["logs.${REGION}.amazonaws.com"]
  }

  actions = [
    "kms:Encrypt*",
    "kms:Decrypt*",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
    "kms:Describe*",
  ]
  resources = ["*"]

  condition {
    test     = "ArnLike"
    variable = "kms:EncryptionContext:aws:logs:arn"
    values   = ["arn:aws:logs:${REGION}:${ACCOUNT}:*"]
  }
}"""


class LogGroupKms(Codemod):
    """A log group encrypted with a key whose policy shuts out CloudWatch Logs cannot be
    created; drop the key (``strip``) or let the service use it (``grant``)."""

    code = "AWS004"
    name = "log-group-kms"
    summary = "Log groups use only KMS keys whose policy lets CloudWatch Logs use them"
    seed_section = "§6 CloudWatch Log Group KMS Encryption Circular Dependency"
    documentation = (
        "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
    )
    checks = (_CHECK,)
    safety = Safety.UNSAFE
    # A log group its key's policy shuts out cannot be created: a default run says so.
    reports_by_default = True
    options = (
        Option(
            "strategy",
            "grant",
            "grant: add the CloudWatch Logs statement to the key policy and keep the "
            "encryption the author chose; strip: remove kms_key_id and record the decision "
            "with a checkov:skip comment",
            choices=_STRATEGIES,
        ),
    )
    explanation = """\
Why: CloudWatch Logs encrypts a log group with a customer managed key only if
the key policy lets the service principal `logs.<region>.amazonaws.com` use
it. A key created with no `policy` gets the default key policy, which trusts
only the account (its IAM policies), not the service, so `CreateLogGroup` (or
`AssociateKmsKey`) fails with `AccessDeniedException: The specified KMS key
does not exist or is not allowed to be used with Arn ...`, and every Lambda
function or pipeline that waits for the log group fails with it (CloudWatch
Logs User Guide, "Encrypt log data in CloudWatch Logs using AWS KMS", the key
policy: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html;
the default key policy:
https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html;
the failure as Terraform users meet it:
https://github.com/hashicorp/terraform-provider-aws/issues/8042). CloudWatch
Logs also takes only symmetric keys (CloudWatch Logs API Reference,
AssociateKmsKey).

What it decides, for every `aws_cloudwatch_log_group`:

- `kms_key_id` naming a key's ID (`aws_kms_key.<x>.id` or `.key_id`,
  `data.aws_kms_key.<x>.id`, `aws_kms_alias.<x>.target_key_id`): the same
  key's ARN takes its place. The argument takes an ARN ("The ARN of the KMS
  Key to use when encrypting log data", provider documentation), and an ID
  fails with "The specified KMS Key Id could not be found"
  (https://github.com/hashicorp/terraform-provider-aws/issues/25258).
- no `kms_key_id`: reported (CKV_AWS_158 fails there), not changed:
  CloudWatch Logs encrypts it with a key of its own, and choosing a customer
  managed key is a decision about cost and access the code does not show.
- a key from outside the module (`var.log_key_arn`, a literal ARN, a data
  source): left alone, its policy is made where the key is.
- a key of the module (`aws_kms_key.<x>`, directly or through an
  `aws_kms_alias`) whose policy (its `policy` argument, an
  `aws_kms_key_policy` for it, or the `aws_iam_policy_document` either uses)
  already lets the CloudWatch Logs principal use it: fine.
- a policy that cannot be read whole (a variable, `file()`, a statement
  whose principal or effect is an input): reported with what to check; one
  that names CloudWatch Logs only as the global `logs.amazonaws.com`, not
  the regional principal the User Guide writes: reported too. A statement
  for another region's `logs.<region>.amazonaws.com` than the provider's
  (literal) region lets nothing in: the statement for this region is added.
- an asymmetric or HMAC key, or a key on another provider configuration than
  the log group (another region or account, where CloudWatch Logs cannot use
  it whatever its policy): reported.
- a policy that shuts CloudWatch Logs out: with

  - strategy `grant` (the default): the key policy gets an
    `AllowCloudWatchLogs` statement for `logs.<region>.amazonaws.com`,
    limited by an `ArnLike` condition on `kms:EncryptionContext:aws:logs:arn`
    to log groups of this account and region, as the CloudWatch Logs User
    Guide writes it, in the form the policy is written in (`jsonencode` or
    `aws_iam_policy_document`). A key without any policy gets one: the
    default key policy's statement (the account's root, `kms:*`) written
    out, plus this one, so nothing that works today loses access.
    `data "aws_caller_identity"` and `data "aws_region"` are added when the
    module has none (in `data.tf` when it exists, otherwise above the key).
    A heredoc policy is not edited: a finding says what to add. A key on an
    aliased provider is reported (the added `data "aws_region"` would name
    the default provider's region).
  - strategy `strip` (an explicit choice in the configuration):
    `kms_key_id` is removed and a `# checkov:skip=CKV_AWS_158:<reason>`
    comment goes at the top of the log group, so that scanners and reviewers
    see that logs not encrypted with a customer managed key are a decision.
    The data stays encrypted with the key CloudWatch Logs owns.

A log group with a `checkov:skip` of CKV_AWS_158 is left alone, which also
makes `strip` run only once.

Fix safety: unsafe (applied only with `--unsafe-fixes`). A default run still
reports every log group its key's policy shuts out, as `fixable` with the fix
it would make: such a log group cannot be created, and a run that said
nothing would read as "nothing to fix". Why unsafe: a key without a `policy`
argument leaves its key policy unmanaged, so the live policy may have been
changed outside Terraform (if the log group exists and works today, it was),
and the policy `grant` writes replaces it; the finding says to read the live
policy first. Otherwise `grant` keeps the encryption the author chose and
widens the key policy only to the CloudWatch Logs service of this account and
region (the `ArnLike` condition on the encryption context); a key without a
policy keeps the default statement, written out, so no principal the default
policy admits loses access. In a reusable module (no provider or backend of
its own, inputs without defaults, or called by another module) the statement
is added only when every caller creates the log group with the key (neither
has `count`/`for_each`, `kms_key_id` is a plain reference), as then the
policy in the code fails every caller's apply; otherwise a finding says what
to add, since
callers that do not create the log group would get a wider key policy too.
`strip` gives up the customer managed key, which is why it runs only when the
configuration asks for it; on an existing log group the key is disassociated
in place.

Example (strategy grant), a key with no policy:

      resource "aws_kms_key" "main" {
        description             = "Key for the artifacts"
        deletion_window_in_days = 7
    +   policy = jsonencode({
    +     Version = "2012-10-17"
    +     Statement = [
    +       {
    +         Sid    = "EnableRootAccountPermissions"
    +         ...the account's root, kms:*: the default key policy, written out
    +       },
    +       {
    +         Sid    = "AllowCloudWatchLogs"
    +         Effect = "Allow"
    +         Principal = {
    +           Service = "logs.${data.aws_region.current.name}.amazonaws.com"
    +         }
    +         Action   = ["kms:Encrypt*", "kms:Decrypt*", ..., "kms:Describe*"]
    +         Resource = "*"
    +         Condition = { ArnLike = { "kms:EncryptionContext:aws:logs:arn" = ... } }
    +       }
    +     ]
    +   })
      }

Example (strategy strip):

    resource "aws_cloudwatch_log_group" "lambda" {
    +  # checkov:skip=CKV_AWS_158:the policy of aws_kms_key.main does not allow ...
      name              = "/aws/lambda/orders"
      retention_in_days = 14
    -  kms_key_id        = aws_kms_key.main.arn
    }

Options: `strategy` = `grant` (default) or `strip`.
"""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        strategy = str(self.settings["strategy"]).lower()
        if strategy not in _STRATEGIES:
            raise ValueError(f"AWS004: option strategy must be strip or grant, not {strategy!r}")
        self.settings["strategy"] = strategy

    def triggers(self, ctx: ModuleContext) -> Iterator[tuple[str, n.Block]]:
        """Every log group: one with a key gets its key checked, one without is
        reported (its check, CKV_AWS_158, fails on it)."""
        yield from ctx.targets("aws_cloudwatch_log_group")

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        strategy = self.settings["strategy"]
        editor = KeyPolicyEditor(ctx)
        for path, group in ctx.targets("aws_cloudwatch_log_group"):
            attribute = group.body.attribute("kms_key_id")
            label = ".".join(group.labels)
            if attribute is None and strategy == "strip":
                yield self.fine(path, group, f"{label}: no kms_key_id, as the strip strategy wants")
                continue
            if attribute is None:
                # Adding a key is a decision (a key costs, and its policy must let
                # CloudWatch Logs in): said, not made.
                yield self.manual(
                    path,
                    group,
                    f"{label}: no kms_key_id: CloudWatch Logs encrypts it with a key of its "
                    f"own, and {_CHECK} asks for a customer managed key; to use one, give it "
                    "a key whose policy lets logs.<region>.amazonaws.com use it "
                    "(https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/"
                    "encrypt-log-data-kms.html) and set kms_key_id",
                )
                continue
            arn = _arn_of(attribute.value)
            if arn is not None:
                # A key ID where CloudWatch Logs takes an ARN: creating (or updating) the
                # log group fails, so the reference to the same key's ARN changes nothing
                # that works.
                given = attribute.value.code.strip()
                edit.set_value(attribute, arn)
                yield self.fixed(
                    path,
                    attribute,
                    f"{label}: kms_key_id = {arn} instead of {given}, a key ID: CloudWatch Logs "
                    "takes the key's ARN, and with an ID creating the log group fails with "
                    '"InvalidParameterException: The specified KMS Key Id could not be found" '
                    f"({_ARN_DOC}; https://github.com/hashicorp/terraform-provider-aws/issues/25258)",
                )
            key_name = _key_of(ctx, attribute.value)
            if key_name is None:
                yield self.fine(
                    path,
                    attribute,
                    f"{label}: the key `{attribute.value.code.strip()}` is not a key of this "
                    "module; its policy is made where the key is",
                )
                continue
            found = find_resource(ctx.analysis, "aws_kms_key", key_name)
            if found is None:
                yield self.fine(
                    path, attribute, f"{label}: aws_kms_key.{key_name} is not declared (TF003)"
                )
                continue
            key_path, key = found
            key_label = f"aws_kms_key.{key_name}"
            if not is_symmetric_encryption_key(key):
                yield self.manual(
                    path,
                    attribute,
                    f"{label}: {key_label} is not a symmetric encryption key (its key spec or "
                    "key usage says otherwise), and CloudWatch Logs encrypts log groups only "
                    "with symmetric keys: creating or updating the log group fails whatever the "
                    "key policy says; give it a symmetric ENCRYPT_DECRYPT key ("
                    f"{_ASSOCIATE_DOC})",
                )
                continue
            if _provider(key) != _provider(group):
                yield self.manual(
                    path,
                    attribute,
                    f"{label}: {key_label} is on provider {_provider(key) or 'aws'} and the log "
                    f"group on {_provider(group) or 'aws'}; CloudWatch Logs needs a key in the "
                    "log group's own region: use a key of that provider",
                )
                continue
            holder = _policy_holder(ctx, key_name) or key
            region = provider_region(ctx.analysis, group)
            verdict = grants_logs(ctx.analysis, key, region)
            # A statement for CloudWatch Logs of another region than the log group's.
            elsewhere = (
                f" (its statement for CloudWatch Logs names another region than {region}, "
                "the log group's, and the service principal is regional)"
                if verdict is False and grants_logs(ctx.analysis, key) is True
                else ""
            )
            if verdict is True and not grants_logs(ctx.analysis, key, region, regional=True):
                # Only the global logs.amazonaws.com: not the principal the guide documents.
                yield self.manual(
                    path,
                    attribute,
                    f"{label}: the policy of {key_label} lets CloudWatch Logs in only as "
                    '"logs.amazonaws.com", but CloudWatch Logs uses the key as the regional '
                    'service principal "logs.<region>.amazonaws.com", the one the CloudWatch '
                    f"Logs User Guide writes in the key policy ({_DOC}); check that the log "
                    "group can be created with the key, or name the regional principal",
                )
                continue
            if verdict is True:
                yield self.fine(
                    path,
                    attribute,
                    f"{label}: the policy of {key_label} lets CloudWatch Logs use it",
                )
                continue
            if verdict is None:
                policy = holder.body.attribute("policy")
                assert policy is not None
                given = policy.value.code.strip()
                given = (
                    f"given by `{given}`"
                    if len(given) <= 60 and "\n" not in given
                    else ("not readable whole here")
                )
                yield self.manual(
                    path,
                    attribute,
                    f"{label}: the policy of {key_label} is {given}; make sure it allows "
                    "logs.<region>.amazonaws.com to use the key, or log group creation fails",
                )
                continue
            if strategy == "grant" and _provider(key):
                yield self.manual(
                    path,
                    attribute,
                    f"{label}: the policy of {key_label} does not let CloudWatch Logs use "
                    f"it{elsewhere}; "
                    f"the key is on provider {_provider(key)}, so the statement must name that "
                    "provider's region and account: add it by hand (AllowCloudWatchLogs for "
                    '"logs.<region>.amazonaws.com")',
                )
                continue
            if strategy == "strip":  # the user asked for it by option
                edit.remove(attribute, group)
                edit.comment_first(
                    group,
                    f"# checkov:skip={_CHECK}:the policy of {key_label} does not let "
                    "CloudWatch Logs use it (tffix AWS004)",
                )
                yield self.fixed(
                    path,
                    group,
                    f"{label}: removed kms_key_id: the policy of {key_label} does not let "
                    "CloudWatch Logs use the key, so creating the log group would fail "
                    "(strategy strip; the default, grant, keeps the key and fixes its policy)",
                )
                continue
            library = library_module(ctx.directory, ctx.files, ctx.analysis)
            conditional = _conditional_use(group, key, attribute)
            if library is not None and conditional is not None:
                yield self.manual(
                    path,
                    attribute,
                    f"{label}: the policy of {key_label} does not let CloudWatch Logs use "
                    f"it{elsewhere}, so "
                    "creating the log group fails where it is created; but this directory "
                    f"{library}, and {conditional}: a statement added here would widen the key "
                    "policy of callers that do not create the log group too. Whether they do "
                    "is up to the callers: add the AllowCloudWatchLogs statement for "
                    '"logs.<region>.amazonaws.com" (see tffix explain AWS004) under the same '
                    "condition, or let callers pass their own key",
                )
                continue
            # No policy in the code: Terraform does not manage the key policy, so the live
            # one may have been changed outside it (the one fact the code cannot show).
            unmanaged = holder is key and key.body.attribute("policy") is None
            where = editor.add(key_path, key, holder, _LOGS_STATEMENT, _LOGS_DOCUMENT_STATEMENT)
            if where is None:
                yield self.manual(
                    path,
                    attribute,
                    f"{label}: the policy of {key_label} does not allow CloudWatch "
                    f"Logs{elsewhere} and is "
                    "not written with jsonencode or aws_iam_policy_document; add a statement "
                    'allowing the service "logs.<region>.amazonaws.com" kms:Encrypt*, '
                    "kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey* and kms:Describe*, "
                    "with an ArnLike condition on kms:EncryptionContext:aws:logs:arn (CloudWatch "
                    'Logs User Guide, "Encrypt log data in CloudWatch Logs using AWS KMS")',
                )
                continue
            message = (
                f"{label}: the policy of {key_label} does not let CloudWatch Logs use "
                f"it{elsewhere}, so creating the log group fails with AccessDeniedException "
                f"({_DOC}); the fix: {where} lets CloudWatch Logs of this account and region "
                "use it (an AllowCloudWatchLogs statement)"
            )
            if unmanaged:
                message += (
                    f"; {key_label} sets no policy, so Terraform does not manage its key "
                    "policy: before applying, read the live one (aws kms get-key-policy "
                    "--policy-name default --key-id <the key>). If it is not the default "
                    "(it was changed outside Terraform: if this log group exists and works, "
                    "it was), the policy written here replaces it: copy its statements in "
                    "first"
                )
            if library is not None:
                message += (
                    f"; this directory {library}: every caller creates this log group with "
                    "this key, so the policy in the code fails every caller's apply, and every "
                    "caller's key gets the statement (worth a line in the module's changelog)"
                )
            yield self.fixed(path, attribute, message)


# ---- helpers -------------------------------------------------------------------


def _key_of(ctx: ModuleContext, value: n.Expression) -> str | None:
    """The one ``aws_kms_key`` of the module a ``kms_key_id`` uses, directly or via an alias."""
    keys = referenced(value, "aws_kms_key")
    for alias in referenced(value, "aws_kms_alias"):
        found = find_resource(ctx.analysis, "aws_kms_alias", alias)
        target = found[1].body.attribute("target_key_id") if found is not None else None
        if target is not None:
            keys += [k for k in referenced(target.value, "aws_kms_key") if k not in keys]
    return keys[0] if len(keys) == 1 else None


def _provider(block: n.Block) -> str:
    """The ``provider`` meta-argument as written (spaces aside), "" for the default one."""
    attribute = block.body.attribute("provider")
    return "".join(attribute.value.code.split()) if attribute is not None else ""


def _policy_holder(ctx: ModuleContext, key_name: str) -> n.Block | None:
    """An ``aws_kms_key_policy`` that sets the key's policy, if the module has one."""
    for _path, block in ctx.analysis.resources("aws_kms_key_policy"):
        key_id = block.body.attribute("key_id")
        if key_id is not None and referenced(key_id.value, "aws_kms_key") == [key_name]:
            return block
    return None


def _conditional_use(group: n.Block, key: n.Block, attribute: n.Attribute) -> str | None:
    """Why a caller of a reusable module may not create the log group with the key (a
    clause for a finding), or None when every caller does: neither has count/for_each,
    and ``kms_key_id`` is a plain reference (no condition choosing another key)."""
    for block, what in ((group, "the log group"), (key, "the key")):
        for meta in ("count", "for_each"):
            if block.body.attribute(meta) is not None:
                return f"{what} has {meta}"
    if not isinstance(attribute.value, n.Traversal):
        return f"kms_key_id is `{attribute.value.code.strip()}`, not always this key"
    return None


def _arn_of(value: n.Expression) -> str | None:
    """The same key's ARN for a ``kms_key_id`` that names its ID (``aws_kms_key.x.id``,
    ``.key_id``, ``data.aws_kms_key.x.id``, ``aws_kms_alias.x.target_key_id``), else None."""
    if not isinstance(value, n.Traversal):
        return None
    found = _KEY_ID.match(value.code.strip())
    if found is None:
        return None
    if found[1] is not None:
        return f"{found[1]}.arn"
    return f"{found[2]}.target_key_arn"

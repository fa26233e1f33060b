"""TF004 environment-suffix: physical names carry the deployment's suffix.

Two deployments of one stack in one account (two environments, two pull
requests) collide on every globally or regionally unique name: buckets,
tables, functions, roles, log groups. The seed fixed that by putting
``var.environment_suffix`` into every name and into the IAM policies that
name those resources. Renaming a resource's physical name replaces it, so
this codemod is unsafe and says so in every finding; names whose
replacement deletes data (tffix.aws.stateful) are reported, not renamed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tffix.analysis.evaluate import UNKNOWN, Evaluator
from tffix.analysis.names import traversals_through_locals
from tffix.analysis.roots import Role, classify, library_module
from tffix.aws import replacement
from tffix.aws.stateful import StatefulName, replaced_data
from tffix.cst import edit
from tffix.cst.builders import parse_expression
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Option, Safety
from tffix.syntax import nodes as n
from tffix.syntax.strings import decode_quoted

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

SUFFIX = "environment_suffix"
PROJECT = "project_name"

_TABLE = Path(__file__).with_name("tf004_names.toml")
# What every rename finding says: the resource holds no data a rename loses, but
# where the provider cannot rename it in place it is created anew.
_RENAMED = (
    "renaming replaces the resource where the provider cannot rename it in place (it holds "
    "no data that would be lost; what refers to it follows)"
)
# An AWS account ID (data.aws_caller_identity.x.account_id) has 12 digits.
_ACCOUNT_ID_LENGTH = 12
try:
    import re._parser as _sre  # Python >= 3.11
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre
_UNBOUNDED = _sre.MAXREPEAT - 1


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, int | None]]:
    """{resource type: (attribute holding its physical name, longest name AWS accepts)}."""
    from tffix.engine.cache import data_table  # (shipped compiled: no TOML parser at start-up)

    data = data_table(_TABLE)
    return {e["type"]: (e["attribute"], e.get("max_length")) for e in data["name"]}


# ARN segments that are structure, never a resource's name.
_ARN_WORDS = frozenset(
    {
        "aws",
        "arn",
        "index",
        "stream",
        "function",
        "table",
        "role",
        "policy",
        "log-group",
        "log-stream",
        "project",
        "secret",
        "topic",
        "key",
        "alias",
        "user",
        "group",
    }
)


class EnvironmentSuffix(Codemod):
    """Physical names become ``${var.project_name}-${var.environment_suffix}-<name>``."""

    code = "TF004"
    name = "environment-suffix"
    summary = "Physical resource names include var.environment_suffix so deployments can coexist"
    seed_section = "§1 Missing Environment Suffix Implementation"
    documentation = ("https://developer.hashicorp.com/terraform/language/values/variables",)
    checks = ()
    safety = Safety.UNSAFE
    options = (
        Option(
            "default",
            None,
            "default of the new environment_suffix variable; none (the default) makes "
            "every deployment say which one it is (-var environment_suffix=pr-123)",
        ),
        Option(
            "max_length",
            8,
            "most characters the new environment_suffix variable accepts (its validation "
            "says so); every rewritten name is checked against its type's AWS limit with it",
            minimum=1,
        ),
    )
    explanation = """\
Why: names such as an S3 bucket's, a DynamoDB table's, a Lambda function's
or an IAM role's are unique per account (or worldwide, for buckets). A
stack that hard-codes them can be deployed once: the second environment,
or the second pull request's preview, fails with "already exists", or
worse, two deployments fight over one resource. The cure is a deployment
suffix in every name and in the IAM policies naming them.

What it does: declares `variable "environment_suffix"` (a string with a
description and a validation: 1 to `max_length` (8) lowercase letters,
digits and hyphens) next to `project_name` (in `variables.tf` when the
module has one), and rewrites the physical name of each resource (`bucket`, `name`, `function_name`,
`alarm_name`, ...) to `${var.project_name}-${var.environment_suffix}-<name>`:
`"${var.project_name}-artifacts"` gets the suffix after the project, a
literal `"orders"` gets both in front, and path-like names (`/aws/lambda/x`,
`alias/x`) get them in their last segment. ARNs and wildcard patterns in
the module (IAM policies, bucket policies) whose segments are one of the
renamed names, or a pattern matching one, follow. So does the name written
out as text elsewhere (`kms_master_key_id = "alias/${var.project_name}-app"`,
a state machine definition's `"FunctionName": "${var.project_name}-orders"`),
which no reference carries and whose old object the replacement deletes,
where the rewrite is exact and changes nothing else: in a document, a map or
a function's arguments inside a resource, an output, or an argument updated
in place. Where it is not (a literal name, which may be another object's
too; a local or a module input, read by what TF004 does not see; another
argument, which may force a new resource; a file read with `file()` or
`templatefile()` holding the name or its value, a template's `${var}`
rendered with what the call gives it), the name is kept and the finding
names the places (the file's line too). Names that are a plain
expression (`var.name`, another resource's name), that already use the
suffix (directly or through a local), and `name_prefix` are left alone:
they are a caller's choice or already unique. Resource addresses never
change: names are not addresses.

Names have length limits (`tf004_names.toml`, with sources: 32 characters
for a load balancer, a target group or a CodeStar connection, 63 for a
bucket, 64 for a role or a function, ...). Before rewriting a name TF004
computes the longest it can become: the text, plus the most each
interpolation can give: a variable bounded by its validation
(`length(var.x) <= N`, `contains([...], var.x)`, an anchored `regex`),
else its default (the finding says it counted the default), the suffix's
maximum, `count.index`, `each.key` of a static `for_each`, 12 for an
account ID. A name that can exceed its limit is left as it is, with a
finding giving the limit and the worst case: a name that fails only at
apply is worse than an unsuffixed one, and shortening the rest behind the
author's back (truncating, hashing) would make names nobody chose and
that IAM patterns no longer match. Where a part's length is not known
(a variable with neither a bound nor a default), the name is rewritten
and the finding says how many characters are left for that part. An ARN
wildcard matching both a renamed name and one left as it is stays as
written, with a finding. The variable is declared only when a name uses it.

A module without `variable "project_name"` whose names mostly start with
one local (`"${local.name}-orders"`, `local.name = "${var.org}-${var.app}"`)
gets the suffix at the end of that local, once: every name, ARN pattern and
tag built from it follows. Names that do not start with it get it in
front (`"alerts"` becomes `"${local.name}-alerts"`), unless an ARN in the
module names them. When a data source looks something up with that local
(`data "aws_iam_role"` by name), the local stays and the names are reported.
So it does when the local also goes into an argument TF004 does not decide
on (another type's name, a `key_name`, a module input; tags, policies and
state machine definitions excepted, which follow in place): a new value
there may replace that resource too (an SSM parameter, a Glue database, a
key pair and the instances launched with it) and delete what it holds.

A name read from a local as it is (`bucket = local.bucket_name`, the
local a string written here) is rewritten in the local when every use of
that local is a name TF004 rewrites; when other arguments use it too, the
resource gets a finding instead.

Names that replace data are not renamed. When the provider documents a
name as "Forces new resource" on a resource that holds data (a bucket, a
table, a log group, a queue, a secret, a repository, a stream, a user pool,
a cache, a database: `tffix/aws/stateful.py`, with sources; an SNS topic
with an `archive_policy`, which keeps its messages for replay:
https://docs.aws.amazon.com/sns/latest/dg/message-archiving-and-replay-topic-owner.html), a new name
destroys the old object and its data and creates an empty one; a `moved`
block does not help, since the address stays the same. Such a name gets a
finding saying so and what to do instead (the suffix for new environments
only, or a new resource beside the old one and a data migration). So does
a name a data-holding resource is built from (a function whose log group is
`/aws/lambda/${aws_lambda_function.x.function_name}`, or spelled out with
the same text), and a prefix local that also names such a resource is not
changed. The new variable is declared only when some name gets it.

Names whose replacement cannot complete are not renamed either
(`tffix/aws/replacement.py`, with sources): a Lambda function on a runtime
Lambda no longer lets functions be created on (go1.x, python3.7,
nodejs14.x, ...: the dated table of the Lambda runtimes page, compared with
the day of the run), or whose runtime the module does not show (a variable
without a default), would be deleted and then fail to be created; a
resource with deletion protection on refuses the destroy; a new CodeStar
connection waits in `PENDING` for a person's handshake, stopping the
pipelines that use it; a topic with a subscription whose endpoint must
confirm it (protocol `email`, `email-json`, `http`, `https`, or one read
from an input) gets that subscription again only as pending: SNS delivers
nothing to it until someone confirms, so alarms reach nobody meanwhile;
a role or layer a function on a runtime whose updates Lambda blocks
refers to cannot be replaced, since the function
cannot be moved to the new one; an ECS cluster that container instances
may be registered to (a launch template or instance of the module that
names it, capacity providers other than Fargate, a service that runs, or
may run, on EC2) cannot be deleted while they are
(https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeleteCluster.html),
and no ECS cluster is renamed at all: its services in the module are replaced
with it (their tasks stop), and services placed from elsewhere make the delete
fail; an instance profile is what instances launched anywhere run with, and
an alias is the name applications give their key by: both are kept, as
their users are outside the module by construction;
a function a CloudFront distribution runs at the edge cannot be deleted
until CloudFront has removed its replicas, hours after the association is
gone (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-delete-replicas.html);
an IAM role whose trust policy lets a federated identity (OIDC, SAML) or
an AWS principal assume it is named by its ARN in their own configuration
(a CI workflow, another account), which a rename does not update; an IAM
user is renamed in place, but its access key, login profile or other
credential managed here names it in an argument that forces a new
resource: the credential is issued anew and whoever holds the old one is
locked out (and one whose policies, attachments or group memberships name
it is given them again destroy first, a window of AccessDenied); a
function with a metric or subscription filter on the log group Lambda
creates for it (not managed by the module), which exists for a new
function only once it has logged, so the filter fails to be made again; a
Standard state machine, whose running executions (which
may wait up to a year) are terminated when it is deleted
(https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachine.html);
a load balancer an endpoint service or a REST API's VPC link
uses cannot be deleted (ResourceInUse), and one no DNS record of the module
follows is reached by its DNS name, which a new one changes; and an IAM role, managed policy or
instance profile that a resource of the module uses (a function's role, a
policy's attachment, an instance's or launch template's profile; not a
build's or pipeline's, which run when started) is replaced destroy-first
under it, so what runs there works without its permissions until it is
updated: such a name is kept, with the window named, unless the role
holds all its permissions in its own block, its users are updated in
place and it has `lifecycle { create_before_destroy = true }` (the
finding says to add it; separate role policies, attachments, launch
templates and module calls keep the window even then). Each gets a finding naming the fact, and a
prefix local that names one of them is not changed.

A module without `variable "project_name"` and without a prefix local
gets one finding: declare it, then run TF004 again, counting only the
names a second run would rename (not those that replace data or cannot be
replaced; when no name is left, there is no finding). In a module made to
be called (`tffix.analysis.roots.library_module`: called by another, under
`modules/`, or with required inputs and no provider or backend) that
advice would be a new required variable for every caller: the one finding
for the module says what it needs instead (an input its callers pass),
counting only names written out in full; names built from an input differ
per caller already.

A module that takes an input telling environments apart already
(`var.env`, `var.environment`, `var.stage`, ...) is reported: its callers
pass that input, and a second, required variable would break every one of
them; the finding says to use that input in the names.

Where it applies: deployments. The directory is classified first, as
TF002 does: examples and test fixtures of a module (under
`examples/`, `tests/`, ..., Terratest files) are left alone, their names
are the example's; a module that is called (a `module` block elsewhere in
the repository calls it, it lives under `modules/`, or it declares
`configuration_aliases`), or a directory calling the module of an
enclosing directory, gets one finding and no change: a new required
variable would change what every caller must pass. So does a directory
that may be called (no provider or backend, and inputs without defaults,
`tffix.analysis.roots.library_module`) when it has no
`environment_suffix` yet: a variable without a default fails every
caller's plan ("Missing required argument"), and one with an empty default
would still put a separator into every name it is added to, renaming (and
replacing) what every caller deployed. Names built from the callers'
inputs differ per caller already; names written out in full get one
finding asking for an input the callers pass.

Fix safety: unsafe, so it runs only with `--unsafe-fixes`. It renames
only resources that hold no data a replacement would lose (roles,
policies, topics, functions, projects, pipelines, alarms, rules...): most
of those names still force a new resource, which Terraform creates anew
(references in the module follow; subscriptions that need a confirmation
do not, see above), and every deployment must now set
`environment_suffix`. Each finding says so. What it checks first: the
directory's role (above), that the name does not differ per environment
already (built from `var.env`, `var.environment`, `var.stage`,
`terraform.workspace` or the like, directly or through locals: a second
discriminator would only replace the resource), that the module takes no
such input at all (a second required variable would break its callers),
that the name does not replace data and that its replacement can be
created (above), that `variable
"project_name"` or a prefix local exists (a module with neither is
reported, not changed), that no data source looks objects up by the names
it changes, that the name is written here (not a caller's variable or
another resource's name), and the longest the new name can become against
the type's AWS limit.

Option `default` (none by default) gives the new variable a default;
`max_length` (8) is the most characters its validation allows.

Example:

    +variable "environment_suffix" {
    +  description = "..."
    +  type        = string
    +  validation { ... }
    +}

     resource "aws_sns_topic" "alerts" {
    -  name = "${var.project_name}-alerts"
    +  name = "${var.project_name}-${var.environment_suffix}-alerts"
     }
"""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        limit = self.settings["max_length"]
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValueError(f"TF004: option max_length must be a positive integer, not {limit!r}")

    def triggers(self, ctx: ModuleContext) -> list[tuple[str, n.Block]]:
        """Every resource with a physical name TF004 knows (the names table)."""
        return [(path, block) for path, block, _a, _l in _named(ctx)]

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        targets: list[_Target] = []
        suffixed: set[str] = set()  # names that use the suffix already, as written
        for path, block, attribute, limit in _named(ctx):
            label = ".".join(block.labels)
            holder = _holder(attribute.value, ctx)
            value = holder.value if holder is not None else attribute.value
            marker = _environment_marker(value, ctx)
            if marker is not None:
                # A second discriminator renames (replaces) the resource for nothing.
                yield self.fine(
                    path,
                    attribute,
                    f"{label}: {attribute.name} differs per environment already ({marker})",
                )
                continue
            if _renamable(value, ctx):
                targets.append(_Target(path, block, attribute, limit, holder))
                continue
            if isinstance(value, n.TemplateString):
                suffixed.add(_split_path(_inner(value))[1])
            follows = _suffixed(value, ctx) if isinstance(value, n.TemplateString) else None
            if follows is not None:
                yield self.fine(path, attribute, f"{label}: {attribute.name} {follows}")
            elif holder is not None:
                yield self.fine(
                    path,
                    attribute,
                    f"{label}: {attribute.name} comes from {attribute.value.code.strip()}, "
                    "which is not a name written as a string here",
                )
            else:
                yield self.fine(
                    path,
                    attribute,
                    f"{label}: {attribute.name} = {_short(attribute.value)} is chosen where "
                    "that value comes from, not written here",
                )
        if not targets:
            return
        first = targets[0]
        root = classify(ctx.directory, ctx.files)
        if root.role in (Role.EXAMPLE, Role.TEST):
            for t in targets:
                yield self.fine(
                    t.path,
                    t.attribute,
                    f"{t.label}: no suffix: the directory {root.reason}",
                )
            return
        if root.role in (Role.CALLED, Role.UNKNOWN) or (root.role is Role.REUSABLE and root.marked):
            if root.role is Role.UNKNOWN:
                advice = (
                    "if a team deploys it, declare its backend (a terraform block with "
                    'backend "s3" {}) and run TF004 again'
                )
            else:
                advice = (
                    "a new required variable would change what every caller must pass; "
                    "give the names a variable its callers set instead"
                )
            yield self.manual(
                first.path,
                first.attribute,
                f"{len(targets)} physical name(s) lack var.{SUFFIX}, but the directory "
                f"{root.reason}: {advice}",
            )
            for t in targets[1:]:
                yield self.fine(t.path, t.attribute, f"{t.label}: reported with {first.where}")
            return
        discriminator = _environment_variable(ctx)
        if discriminator is not None and ctx.analysis.variable(SUFFIX) is None:
            # Its callers say which environment it is already: a second, required
            # variable would break every one of them and replace what it renames.
            yield self.manual(
                first.path,
                first.attribute,
                f"{len(targets)} physical name(s) lack var.{SUFFIX}, but the module takes "
                f"var.{discriminator}, which tells environments apart already: put "
                f"var.{discriminator} in these names instead of adding a second, required "
                "variable (mind that a name which forces a new resource replaces it)",
            )
            for t in targets[1:]:
                yield self.fine(t.path, t.attribute, f"{t.label}: reported with {first.where}")
            return
        if ctx.analysis.variable(SUFFIX) is None:
            # A module that may be called (inputs without defaults, no provider or
            # backend of its own): a new variable without a default would fail every
            # caller's plan ("Missing required argument"), and one with an empty
            # default would still change every name it is put in.
            library = library_module(ctx.directory, ctx.files, ctx.analysis)
            if library is not None:
                yield from self._library(targets, library, ctx)
                return
        if ctx.analysis.variable(PROJECT) is None:
            prefix = _prefix_local(ctx, targets)
            if prefix is not None:
                yield from self._suffix_prefix(ctx, targets, prefix)
                return
            library = library_module(ctx.directory, ctx.files, ctx.analysis)
            if library is not None:
                yield from self._library(targets, library, ctx)
                return
            # Declaring project_name helps only the names a second run would rename:
            # not those whose replacement deletes data or cannot complete (each
            # would only be reported then).
            held_back = _kept(ctx, targets)
            renamable = [t for t in targets if id(t) not in held_back]
            for t in targets:
                if id(t) in held_back:
                    # Reported as with the variable declared: a name kept on purpose
                    # is a name that still lacks the suffix.
                    yield self.manual(
                        t.path,
                        t.attribute,
                        f"{t.label}: {t.attribute.name} {held_back[id(t)]}",
                    )
            if not renamable:
                return
            first = renamable[0]
            yield self.manual(
                first.path,
                first.attribute,
                f"{len(renamable)} physical name(s) lack var.{SUFFIX}, but the module declares "
                f"no variable {PROJECT}: declare it, then run TF004 again",
            )
            for t in renamable[1:]:
                yield self.fine(t.path, t.attribute, f"{t.label}: reported with {first.where}")
            return

        # The longest suffix a deployment can give: what the validation of the
        # variable allows (the one declared here, or the module's own).
        existing = ctx.analysis.variable(SUFFIX)
        if existing is None:
            suffix_max: int | None = int(self.settings["max_length"])
        else:
            suffix_max = _validation_max(existing, SUFFIX)
        lengths = _Lengths(ctx, suffix_max)

        plan = []  # (target, old, new, verdict)
        for t in targets:
            value = t.holder.value if t.holder is not None else t.attribute.value
            old = "${var." + PROJECT + "}" if _is_project(value) else _inner(value)  # type: ignore[arg-type]
            new = _with_suffix(old)
            verdict = _Verdict.of(lengths.of(new, t.block), t.limit) if t.limit else _Verdict()
            plan.append((t, old, new, verdict))
        # Names whose change replaces a resource holding data, and the names tied
        # to them (a function and its /aws/lambda/<function> log group): left as
        # they are, each with a finding.
        held = _held_back(ctx, plan)
        plain = _written_out(ctx, plan, held)
        # A local is rewritten only when every use of it is a name renamed here
        # and each of those names fits its limit with the suffix.
        shared: dict[str, str] = {}  # local name -> why it stays as it is
        for t, _old, _new, verdict in plan:
            local = t.local
            if local is None:  # the name is written in the resource itself
                continue
            uses = {id(r.node) for r in ctx.analysis.references_to(f"local.{local}")}
            mine = {
                id(p[0].attribute.value)
                for p in plan
                if p[0].local == local and id(p[0]) not in held
            }
            if uses - mine:
                shared[local] = "other arguments use it too"
            elif verdict.too_long:
                shared.setdefault(local, "a name that uses it would be too long")

        if existing is None and any(
            not v.too_long and t.local not in shared and id(t) not in held for t, _o, _n, v in plan
        ):
            declared_in, variable = self._declare(ctx)
            yield self.fixed(
                declared_in,
                variable,
                f"declared variable {SUFFIX} (at most {suffix_max} characters); every "
                "deployment must now set it",
            )

        renames: dict[str, str] = {}
        kept: set[str] = set()
        rewritten: set[str] = set()  # locals already given the suffix
        for t, old, new, verdict in plan:
            path, block, attribute, label = t.path, t.block, t.attribute, t.label
            head, _tail = _split_path(old)
            if id(t) in held:
                kept.add(old)
                if head:
                    kept.add(old[len(head) :])
                yield self.manual(path, attribute, f"{label}: {attribute.name} {held[id(t)]}")
                continue
            if t.local in shared:
                kept.add(old)
                if head:
                    kept.add(old[len(head) :])
                yield self.manual(
                    path,
                    attribute,
                    f'{label}: {attribute.name} comes from local.{t.local} ("{old}"), left as '
                    f"it is because {shared[t.local]}: give this resource a name with "
                    f"var.{SUFFIX} by hand",
                )
                continue
            if verdict.too_long:
                kept.add(old)
                if head:
                    kept.add(old[len(head) :])
                yield self.manual(
                    path,
                    attribute,
                    f'{label}: {attribute.name} left as it is: "{new}" could be '
                    f"{verdict.text}; shorten the name, or bound the variables in it with a "
                    "validation, then run TF004 again",
                )
                continue
            renames[old] = new
            if head:
                renames[old[len(head) :]] = new[len(head) :]
            if t.holder is None:
                edit.set_value(attribute, f'"{new}"')
                what = f'{attribute.name} is now "{new}"'
            else:
                if t.holder.name not in rewritten:
                    rewritten.add(t.holder.name)
                    edit.set_value(t.holder, f'"{new}"')
                what = f'{attribute.name} comes from local.{t.holder.name}, now "{new}"'
            note = f"; {verdict.text}" if verdict.text else ""
            yield self.fixed(
                path,
                attribute,
                f"{label}: {what}; {_RENAMED}{note}",
            )

        plain = {old: new for old, new in plain.items() if renames.get(old) == new}
        parents = _parents(ctx) if plain else {}
        for path, module in ctx.files.items():
            for node in list(module.walk()):
                if not isinstance(node, (n.TemplateString, n.Heredoc)):
                    continue
                code = node.code[len(node.first_token.pre) :]
                if "arn:" not in code:
                    if plain and _outermost(node, parents):
                        yield from self._follow_text(path, node, code, plain, parents)
                    continue
                conflicts: list[str] = []
                new_code = _rewrite_arns(code, renames, kept, suffixed, conflicts)
                for pattern in conflicts:
                    yield self.manual(
                        path,
                        node,
                        f"ARN pattern {pattern} matches names that get the suffix and names "
                        "left as they are: it is unchanged; split it by hand",
                    )
                if new_code != code:
                    parent = ctx.parent(node)
                    if parent is None:
                        continue
                    edit.replace(parent, node, new_code)
                    yield self.fixed(
                        path, node, "ARN pattern follows the renamed resources' new names"
                    )

    def _follow_text(
        self,
        path: str,
        node: n.Node,
        code: str,
        plain: dict[str, str],
        parents: dict[int, n.Node],
    ) -> Iterator[Finding]:
        """Rewrite the renamed names ``node`` writes out as text (``_written_out`` found
        every such place rewritable)."""
        new_code = code
        followed = []
        for old, new in plain.items():
            pattern = rf"(?<![\w.$-]){re.escape(old)}(?![\w.-])"
            new_code, count = re.subn(pattern, new.replace("\\", "\\\\"), new_code)
            if count:
                followed.append(f'"{old}"')
        parent = parents.get(id(node))
        if new_code == code or parent is None:
            return
        edit.replace(parent, node, new_code)
        yield self.fixed(
            path,
            node,
            f"{_join(followed)} written out as text here (not a reference) follows the "
            "renamed resource's new name: the old object is deleted by the replacement",
        )

    def _suffix_prefix(
        self, ctx: ModuleContext, targets: list[_Target], prefix: tuple[str, n.Attribute]
    ) -> Iterator[Finding]:
        """Every name starts with ``${local.X}`` (the project's prefix, built from other
        variables): the suffix goes at the end of that local, once, and every name,
        ARN pattern and tag built from it follows."""
        name, local = prefix
        path = ctx.analysis.lookup(f"local.{name}").path  # type: ignore[union-attr]
        blocked = _data_uses(ctx, f"local.{name}")
        suffix = "${var." + SUFFIX + "}"
        value = local.value
        if isinstance(value, n.TemplateString) and not _passthrough(value):
            inner = _inner(value) + "-" + suffix
        else:
            inner = "${" + " ".join(value.code.split()) + "}-" + suffix
        existing = ctx.analysis.variable(SUFFIX)
        suffix_max = int(self.settings["max_length"]) if existing is None else None
        if existing is not None:
            suffix_max = _validation_max(existing, SUFFIX)
        lengths = _Lengths(ctx, suffix_max)
        too_long: list[str] = []
        verdicts: dict[int, _Verdict] = {}
        start = "${local." + name + "}"
        prepend: dict[int, str] = {}  # names that get the prefix: id(target) -> new text
        manual: dict[int, str] = {}  # names left to a person: id(target) -> why
        arns = _arn_texts(ctx)
        stateful: dict[int, str] = {}  # names whose change would replace data: id -> why
        # Resources the local's change would replace when that deletes their data or
        # cannot be completed: label -> what happens.
        through_local: dict[str, str | None] = {}  # None: it holds data
        derived = _stateful_dependents(ctx)
        # Names written out as text elsewhere (a literal name that gets the prefix would
        # leave them on the old name).
        parents = _parents(ctx)
        skip = {id(t.attribute.value) for t in targets}
        texts = _Strings.of(ctx, skip, parents)
        for t in targets:
            value = t.holder.value if t.holder is not None else t.attribute.value
            old = "${var." + PROJECT + "}" if _is_project(value) else _inner(value)  # type: ignore[arg-type]
            head, tail = _split_path(old)
            entry = _replaced_data(t.block, t.attribute.name)
            cannot = None if entry is not None else _blocked(ctx, t.block, t.attribute.name)
            if entry is not None or cannot is not None:
                effect: str | None = None
                if entry is not None:
                    stateful[id(t)] = _stateful_note(entry)
                elif cannot is not None:
                    stateful[id(t)], effect = cannot
                if t.holder is None and tail.startswith(start):
                    through_local[t.label] = effect
                continue
            dependent = derived.get(tuple(t.block.labels[:2]))
            if dependent is not None:
                if t.holder is None and tail.startswith(start):
                    through_local[dependent[0]] = None
                else:
                    address, dependent_entry = dependent
                    stateful[id(t)] = (
                        f"is left as it is: the name of {address} is built from it, and a new "
                        f"{dependent_entry.attribute} there forces a new resource, deleting "
                        f"{dependent_entry.loses}"
                    )
                    continue
            if t.holder is None and tail.startswith(start):
                expanded = old.replace(start, inner, 1)
            elif t.holder is not None or any(_names_segment(text, tail) for text in arns):
                why = "it comes from a local" if t.holder is not None else "an ARN names it"
                manual[id(t)] = why
                continue
            elif texts.uses(old, parents) or texts.file_uses(old, None):
                places = [u.where for u in texts.uses(old, parents)] + texts.file_uses(old, None)
                manual[id(t)] = (
                    f"{_join(places[:3])} {'write' if len(places) > 1 else 'writes'} its name "
                    "out as text, which would not follow"
                )
                continue
            else:
                prepend[id(t)] = f"{head}{start}-{tail}"
                expanded = f"{head}{inner}-{tail}"
            verdict = _Verdict.of(lengths.of(expanded, t.block), t.limit) if t.limit else _Verdict()
            verdicts[id(t)] = verdict
            if verdict.too_long:
                too_long.append(f"{t.label} ({verdict.text})")
        unknown = _other_uses(ctx, name, targets)
        if blocked or too_long or through_local or unknown:
            # Arguments TF004 does not decide on: said with whichever reason comes first.
            beyond = (
                f"it also goes into {_join(unknown[:4])}"
                + (f" and {len(unknown) - 4} more" if len(unknown) > 4 else "")
                + ", arguments TF004 does not know: a new value may replace those "
                "resources (a parameter, a catalog database, a key pair and the "
                "instances launched with it) and delete what they hold"
                if unknown
                else ""
            )
            if blocked:
                why = f"data sources look names up with it ({blocked})"
            elif through_local:
                data = sorted(k for k, v in through_local.items() if v is None)
                blocked_ones = sorted((k, v) for k, v in through_local.items() if v is not None)
                parts = []
                if data:
                    parts.append(
                        f"{_join(data)}, which the provider replaces when the name changes, "
                        "deleting the data in them"
                    )
                parts += [
                    f"{label} ({effect})"
                    if effect.startswith(_IN_PLACE)
                    else f"{label}, which the provider replaces when the name changes, and {effect}"
                    for label, effect in blocked_ones
                ]
                why = "it also names " + "; and ".join(parts)
            elif too_long:
                why = f"{_join(too_long)} would be too long"
            else:
                why = beyond
            if beyond and why is not beyond:
                why = f"{why}; and {beyond}"
            for t in targets:
                if id(t) in stateful:
                    yield self.manual(
                        t.path, t.attribute, f"{t.label}: {t.attribute.name} {stateful[id(t)]}"
                    )
            others = [t for t in targets if id(t) not in stateful]
            if not others:
                return
            first = others[0]
            yield self.manual(
                first.path,
                first.attribute,
                f"{len(others)} physical name(s) lack var.{SUFFIX}; putting the suffix into "
                f"local.{name} would be the fix, but {why}: add the suffix to these names by hand",
            )
            for t in others[1:]:
                yield self.fine(t.path, t.attribute, f"{t.label}: reported with {first.where}")
            return
        if existing is None:
            self._declare(ctx)
        edit.set_value(local, f'"{inner}"')
        yield self.fixed(
            path,
            local,
            f"local.{name}, the prefix of every physical name, now ends with var.{SUFFIX}"
            + ("; declared variable " + SUFFIX if existing is None else ""),
        )
        for t in targets:
            if id(t) in stateful:
                yield self.manual(
                    t.path, t.attribute, f"{t.label}: {t.attribute.name} {stateful[id(t)]}"
                )
                continue
            if id(t) in manual:
                yield self.manual(
                    t.path,
                    t.attribute,
                    f"{t.label}: {t.attribute.name} does not start with local.{name}, the "
                    f"prefix that now carries var.{SUFFIX}, and {manual[id(t)]}: add the "
                    "prefix by hand",
                )
                continue
            note = verdicts[id(t)].text
            if id(t) in prepend:
                edit.set_value(t.attribute, f'"{prepend[id(t)]}"')
                what = f'is now "{prepend[id(t)]}"'
            else:
                what = f"starts with local.{name}, which now carries var.{SUFFIX}"
            yield self.fixed(
                t.path,
                t.attribute,
                f"{t.label}: {t.attribute.name} {what}; {_RENAMED}" + (f"; {note}" if note else ""),
            )

    def _library(
        self, targets: list[_Target], library: str, ctx: ModuleContext
    ) -> Iterator[Finding]:
        """A module made to be called, without project_name: "declare it" is not the
        advice (a new required variable changes what every caller must pass, which
        TF004 refuses to do itself). One finding for the module, naming what it
        needs: an input its callers pass. Names built from an input already differ
        per caller (the callers choose them) and are not counted."""
        reported = [t for t in targets if not _reads_input(t, ctx)]
        for t in targets:
            if t not in reported:
                yield self.fine(
                    t.path,
                    t.attribute,
                    f"{t.label}: {t.attribute.name} is built from an input the module's "
                    "callers pass, which can tell their deployments apart",
                )
        if not reported:
            return
        first = reported[0]
        yield self.manual(
            first.path,
            first.attribute,
            f"{len(reported)} physical name(s) are written out in full, so two callers in one "
            f"account collide on them, but the directory {library}: TF004 adds no required "
            f"variable there (var.{SUFFIX} would change what every caller must pass); give "
            "the module an input its callers pass (a name prefix, with a default that keeps "
            "today's names) and build these names from it",
        )
        for t in reported[1:]:
            yield self.fine(t.path, t.attribute, f"{t.label}: reported with {first.where}")

    def _declare(self, ctx: ModuleContext) -> tuple[str, n.Node]:
        """Add ``variable "environment_suffix"`` where variables live; (path, node):
        after ``project_name``, else after the last variable of the file with most."""
        project = ctx.analysis.lookup(f"var.{PROJECT}")
        path = ctx.file_named("variables.tf")
        anchor: n.Node | None
        if project is None:
            counts = {p: len(m.body.blocks_of_type("variable")) for p, m in ctx.files.items()}
            path = max(counts, key=lambda p: counts[p])
            variables = ctx.files[path].body.blocks_of_type("variable")
            anchor = variables[-1] if variables else None
        elif path is None or path == project.path:
            path, anchor = project.path, project.node
        else:
            variables = ctx.files[path].body.blocks_of_type("variable")
            anchor = variables[-1] if variables else None
        default = self.settings["default"]
        limit = int(self.settings["max_length"])
        lines = [
            f'variable "{SUFFIX}" {{',
            '  description = "Suffix of every physical name (environment or pull request), '
            'so that several deployments can share an account"',
            "  type        = string",
        ]
        if default is not None:
            lines.append(f"  default     = {edit.quoted(str(default))}")
        lines += [
            "",
            "  validation {",
            f'    condition     = can(regex("^[a-z0-9][a-z0-9-]{{0,{limit - 1}}}$", var.{SUFFIX}))',
            f'    error_message = "{SUFFIX} must be 1-{limit} lowercase letters, digits or '
            'hyphens."',
            "  }",
            "}",
        ]
        edit.insert(ctx.files[path], "\n".join(lines), after=anchor, blank_line=True)
        if project is None:
            return path, ctx.files[path].body.blocks[0]
        return project.path, project.node


@dataclass
class _Target:
    """A physical name TF004 rewrites: in the resource, or in the local it reads."""

    path: str
    block: n.Block
    attribute: n.Attribute
    limit: int | None
    holder: n.Attribute | None = None  # the local the name is read from

    @property
    def label(self) -> str:
        return ".".join(self.block.labels)

    @property
    def local(self) -> str | None:
        return None if self.holder is None else self.holder.name

    @property
    def where(self) -> str:
        return f"{self.label} ({os.path.basename(self.path)}:{self.attribute.line})"


_SNS_ARCHIVE = (
    "https://docs.aws.amazon.com/sns/latest/dg/message-archiving-and-replay-topic-owner.html"
)


def _replaced_data(block: n.Block, attribute: str) -> StatefulName | None:
    """tffix.aws.stateful's entry for the name, or one for a resource that holds data
    only when configured to: an SNS (FIFO) topic with an archive policy keeps a copy of
    every message published to it, for replay, up to 365 days (_SNS_ARCHIVE)."""
    type_ = block.labels[0] if block.labels else ""
    entry = replaced_data(type_, attribute)
    if entry is not None:
        return entry
    archive = block.body.attribute("archive_policy")
    archives = archive is not None and archive.value.code.strip() not in ("null", '""')
    if type_ == "aws_sns_topic" and attribute == "name" and archives:
        return StatefulName(
            type_,
            attribute,
            "the topic and the messages its archive_policy keeps for replay (up to "
            f"365 days, {_SNS_ARCHIVE})",
            _SNS_ARCHIVE,
        )
    return None


def _stateful_note(entry: StatefulName) -> str:
    """Why a name that forces a new resource holding data is left alone, and what to do."""
    return (
        f"is left as it is: a new {entry.attribute} forces a new resource, deleting "
        f"{entry.loses}; a moved block does not help (the address stays, the object is "
        "replaced). To add the suffix: use it for new environments only, or create the "
        "renamed resource beside the old one, migrate the data, then drop the old one from "
        "the configuration (terraform state rm keeps it in AWS)"
    )


def _blocked_note(attribute: str, why: str) -> str:
    """Why a name whose change replaces a resource that cannot be made again is left."""
    advice = (
        "" if "; keep the name" in why else "; give it the suffix once the replacement can succeed"
    )
    return (
        f"is left as it is: a new {attribute} forces a new resource (destroyed, then "
        f"created), and {why}{advice}"
    )


def _held_back(
    ctx: ModuleContext, plan: list[tuple[_Target, str, str, _Verdict]]
) -> dict[int, str]:
    """id(target) -> why its name stays: a rename that replaces data
    (tffix.aws.stateful); a name such a resource takes its own from
    (``name = "/aws/lambda/${aws_lambda_function.x.function_name}"``: renaming the
    function replaces the log group); or a name that is the last segment of such a
    name (``/aws/lambda/<function name>`` written out: the function would log to a
    new, unmanaged group while the old one keeps its name)."""
    held: dict[int, str] = {}
    derived = _stateful_dependents(ctx)
    lambda_groups: dict[str, str] = {}  # <function name> of /aws/lambda/<...> -> log group
    for t, old, _new, _verdict in plan:
        entry = _replaced_data(t.block, t.attribute.name)
        blocked = None if entry is not None else _blocked(ctx, t.block, t.attribute.name)
        if blocked is not None:
            held[id(t)] = blocked[0]
        if entry is not None:
            held[id(t)] = _stateful_note(entry)
            head, tail = _split_path(old)
            if t.block.labels[0] == "aws_cloudwatch_log_group" and head == "/aws/lambda/":
                lambda_groups.setdefault(tail, t.label)
    for t, old, _new, _verdict in plan:
        if id(t) in held:
            continue
        dependent = derived.get(tuple(t.block.labels[:2]))
        if dependent is not None:
            address, entry = dependent
            held[id(t)] = (
                f"is left as it is: the name of {address} is built from it, and a new "
                f"{entry.attribute} there forces a new resource, deleting {entry.loses}; "
                "rename both together when the data can go, or migrate it first"
            )
            continue
        head, tail = _split_path(old)
        owner = lambda_groups.get(tail)
        if owner is not None and not head and t.block.labels[0] == "aws_lambda_function":
            held[id(t)] = (
                f"is left as it is: {owner} is named after it and keeps its name (renaming "
                "it would delete its data), so renaming this alone would split them (a "
                "Lambda function writes to /aws/lambda/<function name>); rename both together "
                "when the data can go, or migrate it first"
            )
    return held


def _kept(ctx: ModuleContext, targets: list[_Target]) -> dict[int, str]:
    """id(target) -> why TF004 would leave its name as it is even with a prefix to
    extend: its replacement deletes data or cannot complete, or a data-holding
    resource is named after it (as :func:`_held_back` decides)."""
    plan = []
    for t in targets:
        value = t.holder.value if t.holder is not None else t.attribute.value
        old = "${var." + PROJECT + "}" if _is_project(value) else _inner(value)  # type: ignore[arg-type]
        plan.append((t, old, old, _Verdict()))
    return _held_back(ctx, plan)


def _reads_input(target: _Target, ctx: ModuleContext) -> bool:
    """Whether the name reads a variable of the module (directly or through locals):
    one its callers set, so theirs can differ."""
    value = target.holder.value if target.holder is not None else target.attribute.value
    seen: set[str] = set()
    pending: list[n.Node] = [value]
    while pending:
        for trav in edit.traversals(pending.pop()):
            names = trav.names()
            if names[0] == "var" and len(names) > 1:
                return True
            if names[0] == "local" and len(names) > 1 and names[1] and names[1] not in seen:
                seen.add(str(names[1]))
                local = ctx.analysis.local(str(names[1]))
                if local is not None:
                    pending.append(local.value)
    return False


def _stateful_dependents(ctx: ModuleContext) -> dict[tuple[str, ...], tuple[str, StatefulName]]:
    """(type, label) of each resource whose attributes a data-holding resource builds its
    name from -> (that resource's address, its entry), through locals too."""
    from tffix.aws.stateful import entries

    out: dict[tuple[str, ...], tuple[str, StatefulName]] = {}
    for entry in entries():
        for _path, block in ctx.analysis.resources(entry.type):
            attribute = block.body.attribute(entry.attribute)
            if attribute is None:
                continue
            pending: list[n.Node] = [attribute.value]
            seen: set[str] = set()
            while pending:
                for trav in edit.traversals(pending.pop()):
                    names = trav.names()
                    if names[0] == "local" and len(names) > 1 and names[1] not in seen:
                        seen.add(str(names[1]))
                        local = ctx.analysis.local(str(names[1]))
                        if local is not None:
                            pending.append(local.value)
                    elif len(names) > 1 and names[0] in _names():
                        key = (str(names[0]), str(names[1]))
                        if key != tuple(block.labels[:2]):
                            out.setdefault(key, (".".join(block.labels), entry))
    return out


def _environment_variable(ctx: ModuleContext) -> str | None:
    """A variable of the module that tells environments apart (var.env, var.stage, ...)."""
    for declared in ctx.analysis.declared("variable"):
        if _tells_environments_apart(declared.name):
            return declared.name
    return None


def _named(ctx: ModuleContext) -> Iterator[tuple[str, n.Block, n.Attribute, int | None]]:
    """(path, resource, its name attribute, the type's length limit) of each named resource."""
    for type_, (attribute_name, limit) in _names().items():
        for path, block in ctx.targets(type_):
            attribute = block.body.attribute(attribute_name)
            if attribute is not None:
                yield path, block, attribute, limit


def _holder(value: n.Expression, ctx: ModuleContext) -> n.Attribute | None:
    """The local a name is read from as it is (``name = local.x``), or None."""
    if isinstance(value, n.TemplateString) and _passthrough(value):
        value = value.parts[0].expr  # type: ignore[attr-defined]
    names = value.names() if isinstance(value, n.Traversal) else []
    if len(names) != 2 or names[0] != "local" or not names[1]:
        return None
    return ctx.analysis.local(names[1])


def _arn_texts(ctx: ModuleContext) -> list[str]:
    """The text of every string and heredoc of the module that holds an ARN."""
    out = []
    for module in ctx.files.values():
        for node in module.walk():
            if isinstance(node, (n.TemplateString, n.Heredoc)) and "arn:" in node.code:
                out.append(node.code)
    return out


def _names_segment(text: str, name: str) -> bool:
    """True when ``name`` is a whole segment of an ARN in ``text``."""
    return re.search(rf"(?<![\w.-]){re.escape(name)}(?![\w.-])", text) is not None


_PREFIX = re.compile(r"\$\{local\.(\w+)\}")


def _prefix_local(ctx: ModuleContext, targets: list[_Target]) -> tuple[str, n.Attribute] | None:
    """(X, the local) when most names written here (two at least) start with
    ``${local.X}`` (after a path such as ``/aws/lambda/``): the project's prefix."""
    found: list[str] = []
    for t in targets:
        if t.holder is None and isinstance(t.attribute.value, n.TemplateString):
            match = _PREFIX.match(_split_path(_inner(t.attribute.value))[1])
            if match is not None:
                found.append(match.group(1))
    counts = {name: found.count(name) for name in found}
    if not counts:
        return None
    name = max(counts, key=lambda k: counts[k])
    if counts[name] < 2 or 2 * counts[name] <= len(targets):
        return None  # not the prefix of most names
    local = ctx.analysis.local(name)
    if local is None or isinstance(local.value, (n.Object, n.Tuple)):
        return None
    return name, local


# Data sources that compute their result here instead of looking something up
# by name: a name they are given may change with the names they document.
_COMPUTED_DATA = frozenset(
    ("aws_iam_policy_document", "aws_arn", "archive_file", "template_file", "cloudinit_config")
)


def _data_uses(ctx: ModuleContext, address: str) -> str:
    """Where data sources that look objects up use ``address`` (``path:line``), or ""."""
    out = []
    for ref in ctx.analysis.references_to(address):
        for block in ctx.files[ref.path].body.blocks:
            if (
                block.type == "data"
                and block.labels[:1] != []
                and block.labels[0] not in _COMPUTED_DATA
                and block.line <= ref.line <= block.end_line
            ):
                out.append(f"{os.path.basename(ref.path)}:{ref.line}")
    return ", ".join(out)


def _short(value: n.Expression) -> str:
    text = " ".join(value.code.split())
    return text if len(text) <= 60 else text[:57] + "..."


def _renamable(value: n.Expression, ctx: ModuleContext) -> bool:
    """True for a name written here (a string) that does not use the suffix yet."""
    if _is_project(value):
        return True
    return (
        isinstance(value, n.TemplateString)
        and not _passthrough(value)
        and not _suffixed(value, ctx)
    )


def _inner(template: n.TemplateString) -> str:
    """The source text between the quotes."""
    return "".join(part.code for part in template.parts)


def _is_project(expr: n.Expression) -> bool:
    """``var.project_name`` or ``"${var.project_name}"``: the project's name alone."""
    if isinstance(expr, n.TemplateString) and _passthrough(expr):
        expr = expr.parts[0].expr  # type: ignore[attr-defined]
    return isinstance(expr, n.Traversal) and expr.names() == ["var", PROJECT]


def _passthrough(template: n.TemplateString) -> bool:
    """``"${var.name}"``: the name is chosen elsewhere, not here."""
    parts = template.parts
    return len(parts) == 1 and isinstance(parts[0], n.Interpolation)


# Resources of the random provider: a value generated once per deployment (state).
_RANDOM = re.compile(r"^random_(?:pet|string|id|integer|uuid|password|shuffle|bytes)$")


def _suffixed(template: n.TemplateString, ctx: ModuleContext) -> str | None:
    """How the name already follows the suffix, directly or through locals (completing
    "{attribute} ..."), or None: it uses ``var.environment_suffix``, or it is built
    from another resource's attribute and follows that resource's name, or it carries
    a random_* resource's value (generated once per deployment, so it differs per
    environment already; named as what it is, not as the suffix)."""
    seen: set[str] = set()
    pending: list[n.Node] = [template]
    derived: str | None = None
    random: str | None = None  # random_pet.x: a value made once per deployment
    while pending:
        for trav in edit.traversals(pending.pop()):
            names = trav.names()
            if names[:2] == ["var", SUFFIX]:
                return f"uses var.{SUFFIX} already"
            if names[0] == "local" and len(names) > 1 and names[1] and names[1] not in seen:
                seen.add(names[1])
                local = ctx.analysis.local(names[1])
                if local is not None:
                    pending.append(local.value)
            if names[0] in ("var", "local", "each", "count", "path", "terraform", "data"):
                continue
            if _RANDOM.match(str(names[0])):
                random = random or ".".join(str(x) for x in names[:2])
            elif derived is None:
                derived = trav.code.strip()
    if derived is not None:
        return (
            f"is built from {derived}, another resource's attribute: it follows that "
            "resource's name (and gets a suffix when that name does)"
        )
    if random is not None:
        return (
            f"carries the random suffix of {random} (generated once per deployment, so "
            f"each environment's name differs already), not var.{SUFFIX}"
        )
    return None


# Inputs that already tell environments apart (var.env, var.environment_name,
# var.stage, ...): a name built from one needs no suffix.
# Hyphens separate words too: Terraform allows them in names (`var.my-env`).
_ENVIRONMENT_INPUT = re.compile(r"(?:^|[_-])(?:env|environment|stage|workspace)(?:[_-]|$)")
# ... but not a function's environment variables (`var.env_vars`, `environment_variables`),
# a map every Lambda module takes whatever the deployment.
_ENVIRONMENT_VARIABLES = re.compile(r"(?:^|[_-])env(?:ironment)?[_-]?var(?:iable)?s?(?:[_-]|$)")


def _tells_environments_apart(name: str) -> bool:
    """Whether an input's name says it tells deployments apart (``env``, ``stage``...)."""
    return (
        name != SUFFIX
        and bool(_ENVIRONMENT_INPUT.search(name))
        and not _ENVIRONMENT_VARIABLES.search(name)
    )


def _environment_marker(value: n.Expression, ctx: ModuleContext) -> str | None:
    """The input that makes the name differ per environment already, if any
    (followed through locals), other than the suffix itself."""
    seen: set[str] = set()
    pending: list[n.Node] = [value]
    while pending:
        for trav in edit.traversals(pending.pop()):
            names = trav.names()
            if names[:2] == ["terraform", "workspace"]:
                return "terraform.workspace"
            variable = names[1] if names[0] == "var" and len(names) > 1 else None
            if variable and _tells_environments_apart(variable):
                return f"var.{variable}"
            if names[0] == "local" and len(names) > 1 and names[1] and names[1] not in seen:
                seen.add(names[1])
                local = ctx.analysis.local(names[1])
                if local is not None:
                    pending.append(local.value)
    return None


def _outside(text: str) -> list[bool]:
    """For each character, True when it is outside ``${...}`` / ``%{...}``."""
    flags: list[bool] = []
    depth = 0
    for i, char in enumerate(text):
        opens = char == "{" and i > 0 and text[i - 1] in "$%"
        escaped = i > 1 and text[i - 2] == text[i - 1]
        if depth == 0 and opens and not escaped:
            flags[-1] = False  # the $ or %
            depth = 1
            flags.append(False)
            continue
        if depth:
            depth += {"{": 1, "}": -1}.get(char, 0)
            flags.append(False)
            continue
        flags.append(True)
    return flags


def _split_path(name: str) -> tuple[str, str]:
    """``/aws/lambda/x`` -> (``/aws/lambda/``, ``x``): the last ``/`` outside interpolations."""
    flags = _outside(name)
    for i in range(len(name) - 1, -1, -1):
        if name[i] == "/" and flags[i]:
            return name[: i + 1], name[i + 1 :]
    return "", name


def _with_suffix(name: str) -> str:
    head, tail = _split_path(name)
    project = "${var." + PROJECT + "}"
    suffix = "${var." + SUFFIX + "}"
    if tail.startswith(project):
        rest = tail[len(project) :].lstrip("-_")
        return f"{head}{project}-{suffix}" + (f"-{rest}" if rest else "")
    return f"{head}{project}-{suffix}-{tail}"


def _glob(pattern: str, name: str) -> bool:
    regex = ".*".join(re.escape(piece) for piece in pattern.split("*"))
    return re.fullmatch(regex, name) is not None


def _rewrite_arns(
    code: str,
    renames: dict[str, str],
    kept: set[str],
    suffixed: set[str],
    conflicts: list[str],
) -> str:
    """Rename the ARN segments of ``code`` that are, or match, a renamed name.

    A wildcard pattern that matches a name left as it is (``kept``, too long
    with the suffix) as well as a renamed or ``suffixed`` one stays as written
    and is added to ``conflicts``.
    """
    if not renames and not kept:
        return code
    flags = _outside(code)
    out: list[str] = []
    start = 0
    boundaries = set(':/"\n ,[]')
    for i in range(len(code) + 1):
        if i < len(code) and not (code[i] in boundaries and flags[i]):
            continue
        segment = code[start:i]
        out.append(_rename_segment(segment, renames, kept, suffixed, conflicts))
        if i < len(code):
            out.append(code[i])
        start = i + 1
    return "".join(out)


def _rename_segment(
    segment: str,
    renames: dict[str, str],
    kept: set[str],
    suffixed: set[str],
    conflicts: list[str],
) -> str:
    if not segment or segment in _ARN_WORDS or "environment_suffix" in segment:
        return segment
    if segment in renames:
        if segment in kept:
            # Two resources have this name, one renamed and one kept: which one the
            # ARN means is not known.
            conflicts.append(segment)
            return segment
        return renames[segment]
    if "*" not in segment or not segment.strip("*"):
        return segment
    renamed = any(_glob(segment, old) for old in renames)
    if any(_glob(segment, name) for name in kept):
        if renamed or any(_glob(segment, name) for name in suffixed):
            conflicts.append(segment)
        return segment
    return _with_suffix(segment) if renamed else segment


# ---- how long can a name get ---------------------------------------------------


@dataclass
class _Length:
    """The longest a name template can evaluate to, as far as it is known here."""

    known: int = 0  # characters of the text and of the parts whose length is bounded
    unknown: list[str] = field(default_factory=list)  # parts of unknown length (source)
    defaults: list[str] = field(default_factory=list)  # variables counted at their default
    parts: list[str] = field(default_factory=list)  # "var.x up to 8", for the finding


@dataclass
class _Verdict:
    """Whether a rewritten name fits its type's limit, and what the finding says."""

    too_long: bool = False
    text: str = ""

    @classmethod
    def of(cls, length: _Length, limit: int) -> _Verdict:
        detail = ", ".join(length.parts)
        assumed = ""
        if length.defaults:
            their = "its default" if len(length.defaults) == 1 else "their defaults"
            assumed = f", counting {_join(length.defaults)} at {their}"
        if length.unknown:
            # Each part of unknown length gives at least one character.
            least = length.known + len(length.unknown)
            if least > limit:
                return cls(
                    True,
                    f"at least {least} characters{assumed}, over the {limit} AWS allows "
                    f"({detail}, and {_join(length.unknown)} of unknown length)",
                )
            together = "has" if len(length.unknown) == 1 else "together have"
            return cls(
                False,
                f"it fits the {limit} characters AWS allows only while "
                f"{_join(length.unknown)} {together} at most {limit - length.known} characters "
                f"(not known here{assumed})",
            )
        if length.known > limit:
            return cls(
                True,
                f"{length.known} characters{assumed}, over the {limit} AWS allows ({detail})",
            )
        if length.defaults:
            return cls(
                False, f"at most {length.known} of the {limit} characters AWS allows{assumed}"
            )
        return cls()


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


class _Lengths:
    """Lengths of name templates in one module."""

    def __init__(self, ctx: ModuleContext, suffix_max: int | None) -> None:
        self.ctx = ctx
        self.suffix_max = suffix_max
        self.evaluator = Evaluator(ctx.analysis)

    def of(self, template: str, block: n.Block) -> _Length:
        expr = parse_expression(f'"{template}"')
        length = _Length()
        text = 0
        assert isinstance(expr, n.TemplateString)
        for part in expr.parts:
            if isinstance(part, n.TemplateLiteral):
                text += len(decode_quoted(part.text))
                continue
            source = part.code.strip()
            if not isinstance(part, n.Interpolation):
                length.unknown.append(source)
                continue
            size, default = self._part(part.expr, block)
            name = part.expr.code.strip()
            if size is None:
                length.unknown.append(name)
                continue
            length.known += size
            if default:
                length.defaults.extend(d for d in default if d not in length.defaults)
                length.parts.append(f"{name} {size}")
            else:
                length.parts.append(f"{name} up to {size}")
        length.known += text
        length.parts.insert(0, f"the text {text}")
        return length

    def _part(self, expr: n.Expression, block: n.Block) -> tuple[int | None, list[str]]:
        """(longest length of ``expr``'s value, variables taken at their default)."""
        names = expr.names() if isinstance(expr, n.Traversal) else []
        if names == ["var", SUFFIX]:
            return self.suffix_max, []
        if len(names) == 2 and names[0] == "var" and names[1]:
            variable = self.ctx.analysis.variable(names[1])
            bound = _validation_max(variable, names[1]) if variable is not None else None
            if bound is not None:
                return bound, []
            default = self.evaluator.variable_default(names[1])
            if isinstance(default, str):
                return len(default), [f"var.{names[1]}"]
            return None, []
        if len(names) == 4 and names[:2] == ["data", "aws_caller_identity"]:
            return (_ACCOUNT_ID_LENGTH if names[3] == "account_id" else None), []
        if names[:1] in (["each"], ["count"]):
            return self._iteration(names, block)
        value = self.evaluator.value(expr)
        if isinstance(value, str):
            return len(value), _variables(expr, self.ctx)
        return None, []

    def _iteration(self, names: list[str | None], block: n.Block) -> tuple[int | None, list[str]]:
        """Longest ``each.key``/``each.value``/``count.index`` of ``block``'s instances."""
        if names == ["count", "index"]:
            count = block.body.attribute("count")
            value = self.evaluator.value(count.value) if count is not None else UNKNOWN
            if isinstance(value, int) and not isinstance(value, bool):
                return len(str(max(value - 1, 0))), _variables(count.value, self.ctx)  # type: ignore[union-attr]
            return None, []
        for_each = block.body.attribute("for_each")
        value = self.evaluator.value(for_each.value) if for_each is not None else UNKNOWN
        if isinstance(value, dict):
            keys, values = list(value), list(value.values())
        elif isinstance(value, list):
            keys = values = value
        else:
            return None, []
        chosen = keys if names[1] == "key" else values if len(names) == 2 else []
        if not chosen or not all(isinstance(v, str) for v in chosen):
            return None, []
        return max(len(v) for v in chosen), _variables(for_each.value, self.ctx)  # type: ignore[union-attr]


def _variables(expr: n.Node, ctx: ModuleContext) -> list[str]:
    """The variables ``expr``'s value depends on (through locals too), as ``var.x``."""
    out: list[str] = []
    seen: set[str] = set()
    pending: list[n.Node] = [expr]
    while pending:
        for trav in edit.traversals(pending.pop()):
            names = trav.names()
            if len(names) > 1 and names[0] == "var" and f"var.{names[1]}" not in out:
                out.append(f"var.{names[1]}")
            elif len(names) > 1 and names[0] == "local" and names[1] and names[1] not in seen:
                seen.add(names[1])
                local = ctx.analysis.local(names[1])
                if local is not None:
                    pending.append(local.value)
    return out


def _validation_max(variable: n.Block, name: str) -> int | None:
    """The most characters the validations of ``variable`` let its value have, or None.

    Understood: ``length(var.x) <= N`` (or ``<``, or written the other way
    round), ``contains([...], var.x)``, and ``can(regex("^...$", var.x))``
    with an anchored pattern whose matches have a bounded length. Conditions
    with ``||`` or ``!`` are not read (they may not bound anything).
    """
    target = f"var.{name}"
    bounds: list[int] = []
    for validation in variable.body.blocks_of_type("validation"):
        condition = validation.body.attribute("condition")
        if condition is None:
            continue
        code = condition.value.code
        if "||" in code or re.search(r"!(?!=)", code):
            continue
        for node in condition.value.walk():
            bound = _bound(node, target)
            if bound is not None:
                bounds.append(bound)
    return min(bounds, default=None)


def _bound(node: n.Node, target: str) -> int | None:
    from tffix.analysis.evaluate import evaluate

    if isinstance(node, n.Binary) and node.operator in ("<", "<=", ">", ">="):
        left, right, op = node.left, node.right, node.operator
        if _is_length_of(right, target):  # N >= length(var.x)
            left, right, op = right, left, {"<": ">", "<=": ">=", ">": "<", ">=": "<="}[op]
        if _is_length_of(left, target) and op in ("<", "<="):
            limit = evaluate(right)
            if isinstance(limit, int) and not isinstance(limit, bool):
                return limit - 1 if op == "<" else limit
        return None
    if not isinstance(node, n.Call) or len(node.args) != 2:
        return None
    if node.name == "contains" and node.args[1].code.strip() == target:
        values = evaluate(node.args[0])
        if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
            return max(len(v) for v in values)
    if node.name == "regex" and node.args[1].code.strip() == target:
        pattern = evaluate(node.args[0])
        if not isinstance(pattern, str) or not (pattern.startswith("^") and pattern.endswith("$")):
            return None
        try:
            _least, most = _sre.parse(pattern).getwidth()
        except (re.error, OverflowError, RecursionError):  # RE2 syntax Python does not read
            return None
        return most if most < _UNBOUNDED else None
    return None


def _is_length_of(expr: n.Expression, target: str) -> bool:
    return (
        isinstance(expr, n.Call)
        and expr.name == "length"
        and len(expr.args) == 1
        and expr.args[0].code.strip() == target
    )


# ---- replacements whose users are outside Terraform's reach -------------------
#
# tffix.aws.replacement answers for what the provider cannot create again or what
# AWS refuses to delete while a resource of the module uses it. These are the same
# class where the user is outside the configuration: instances registered to a
# cluster, CloudFront replicas of a function, a credential someone copied, a
# principal that assumes a role by its ARN. Each gets the same treatment: the name
# is kept and the finding names the fact.

_ECS_DELETE = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeleteCluster.html"
_EDGE_DELETE = (
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"
    "lambda-edge-delete-replicas.html"
)
_ACCESS_KEYS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html"
_ROLE_ARN = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html"
# Capacity of an ECS service or cluster that needs no container instance.
_FARGATE = frozenset(("FARGATE", "FARGATE_SPOT"))
# Resources holding a credential of an IAM user, and the argument naming the user:
# each forces a new resource when the user's name changes (provider docs).
_USER_CREDENTIALS = {
    "aws_iam_access_key": (
        "user",
        "its access key is deleted and a new one, with a new secret, issued",
    ),
    "aws_iam_user_login_profile": ("user", "its console password is generated anew"),
    "aws_iam_service_specific_credential": (
        "user_name",
        "its service-specific credential (CodeCommit, Keyspaces) is generated anew",
    ),
    "aws_iam_user_ssh_key": ("username", "its SSH public key is uploaded again with a new ID"),
    "aws_iam_signing_certificate": ("user_name", "its signing certificate is uploaded again"),
}


# How a user's rename begins its finding: IAM renames users in place (UpdateUser).
_IN_PLACE = "IAM renames the user in place,"


def _blocked(ctx: ModuleContext, block: n.Block, attribute: str) -> tuple[str, str] | None:
    """(the finding's text after "<address>: <attribute> ", the clause a prefix local's
    finding uses) when renaming ``block`` cannot complete or stops what uses it, else
    None: tffix.aws.replacement's answer, then users outside the configuration."""
    why = replacement.problem(ctx.analysis, block)
    if why is not None:
        return _blocked_note(attribute, why), why
    why = _outside_users(ctx, block)
    if why is not None:  # says what to do itself
        return (
            f"is left as it is: a new {attribute} forces a new resource (destroyed, then "
            f"created), and {why}",
            why,
        )
    credentials = _user_credentials(ctx, block)
    if credentials is not None:
        # IAM renames a user in place (UpdateUser); its credentials are what is replaced.
        clause = f"{_IN_PLACE} but {credentials}"
        return f"is left as it is: {clause}", clause
    return None


def _refers(ctx: ModuleContext, node: n.Node, wanted: list[str]) -> bool:
    """Whether ``node`` refers to resource ``wanted`` (type, name), through locals and
    the data sources that compute a value here (a rendered template, a policy document)."""
    pending: list[n.Node] = [node]
    seen: set[str] = set()
    while pending:
        for trav in traversals_through_locals(ctx.analysis, pending.pop()):
            names = [str(x) for x in trav.names()[:3]]
            if names[:2] == wanted:
                return True
            if names[0] == "data" and len(names) == 3 and names[1] in _COMPUTED_DATA:
                key = ".".join(names)
                if key not in seen:
                    seen.add(key)
                    for _p, data in ctx.analysis.data_sources(names[1]):
                        if data.labels[1:2] == [names[2]]:
                            pending.append(data.body)
    return False


def _outside_users(ctx: ModuleContext, block: n.Block) -> str | None:
    type_ = block.labels[0] if block.labels else ""
    if type_ == "aws_ecs_cluster":
        return _container_instances(ctx, block) or _cluster_workloads(ctx, block)
    if type_ == "aws_iam_instance_profile":
        return (
            "instances launched with it (anywhere: an instance profile exists for them) keep "
            "the old one, which the replacement deletes: IAM warns that deleting an instance "
            "profile associated with a running instance breaks the applications on it "
            f"({_PROFILE_DELETE}); create the new profile beside this one, move the instances "
            "and launch templates to it, then remove the old one"
        )
    if type_ == "aws_kms_alias":
        return (
            "an alias is the name applications and configurations use for a key "
            '(KeyId = "alias/..."), and the replacement deletes the old name: every caller '
            f"outside the module that uses it fails with NotFoundException ({_ALIAS_DOCS}); "
            "add the new alias beside this one (a key can have several), move the callers, "
            "then remove the old one"
        )
    if type_ == "aws_lambda_function":
        return _edge_replicas(ctx, block) or _unmade_log_group(ctx, block)
    if type_ == "aws_iam_role":
        return _outside_principals(ctx, block)
    if type_ in ("aws_lb", "aws_alb"):
        return _load_balancer_users(ctx, block)
    if type_ == "aws_sfn_state_machine":
        return _running_executions(ctx, block)
    return None


_SFN_DELETE = (
    "https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachine.html"
)


def _running_executions(ctx: ModuleContext, machine: n.Block) -> str | None:
    """A Standard state machine (the default type) may have executions running, for up
    to a year (waiting for a callback, a timer, a person's approval): deleting it
    terminates them at their next state transition, and its execution history goes with
    it. An Express one's executions last five minutes at most, and keep no history here."""
    kind = machine.body.attribute("type")
    value = Evaluator(ctx.analysis).value(kind.value) if kind is not None else "STANDARD"
    if value == "EXPRESS":
        return None
    how = (
        "it is a Standard workflow (the default type)"
        if kind is None or value == "STANDARD"
        else f"its type comes from {_short(kind.value)}, which may be STANDARD"
    )
    return (
        f"{how}: deleting the old state machine terminates the executions still running "
        "on it (Standard executions may wait up to a year for a callback, a timer or an "
        "approval) at their next state transition, and its execution history goes with it "
        f"({_SFN_DELETE}); rename it when no execution runs, or create the renamed one "
        "beside it and remove the old one once its executions have finished"
    )


_ELB_DELETE = (
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/"
    "API_DeleteLoadBalancer.html"
)
_ELB_DNS = (
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/"
    "application-load-balancers.html"
)
# Resources that keep a load balancer in use (ELB refuses its delete, ResourceInUse),
# and the argument naming it.
_LB_HOLDERS = {
    "aws_vpc_endpoint_service": ("network_load_balancer_arns", "gateway_load_balancer_arns"),
    "aws_api_gateway_vpc_link": ("target_arns",),
}


def _load_balancer_users(ctx: ModuleContext, lb: n.Block) -> str | None:
    """What keeps a load balancer in use (an endpoint service, a REST API's VPC link:
    ELB refuses the delete), or, with no DNS record of the module following it, the
    clients that reach it by its DNS name, which a new load balancer changes."""
    wanted = list(lb.labels[:2])
    for kind, arguments in _LB_HOLDERS.items():
        for _path, other in ctx.analysis.resources(kind):
            for argument in arguments:
                value = other.body.attribute(argument)
                if value is not None and _refers(ctx, value.value, wanted):
                    return (
                        f"{'.'.join(other.labels[:2])} uses it ({argument}): ELB refuses to "
                        f"delete a load balancer in use (ResourceInUse, {_ELB_DELETE}), so the "
                        "apply fails after its listeners were destroyed; move the service to "
                        "a new load balancer beside this one first"
                    )
    followed = any(
        _refers(ctx, other.body, wanted)
        for _path, other in ctx.analysis.resources("aws_route53_record")
    )
    if followed:
        return None
    return (
        "no DNS record of the module follows its DNS name (made of its name and a generated "
        f"ID, {_ELB_DNS}), which a new load balancer changes: clients that reach "
        "it by that name (a CNAME elsewhere, a configuration) lose it; point them at a "
        "record the module manages first"
    )


def _container_instances(ctx: ModuleContext, cluster: n.Block) -> str | None:
    """What may register EC2 (or external) container instances to ``cluster``: ECS
    refuses DeleteCluster while any is registered, and renaming replaces the cluster
    after its services are gone; the instances stay registered to the old name."""
    wanted = list(cluster.labels[:2])
    evaluator = Evaluator(ctx.analysis)
    why = (
        "ECS refuses to delete a cluster while container instances are registered to it "
        f"(ClusterContainsContainerInstancesException, {_ECS_DELETE}); running instances "
        "keep their agent registered to the old name (a new launch template version does "
        "not replace them), so the apply fails after the cluster's services were "
        "destroyed; drain and deregister the instances (or move them to a new cluster "
        "beside this one) before renaming it"
    )
    for _path, other in ctx.analysis.resources():
        kind = other.labels[0] if other.labels else ""
        if kind in ("aws_launch_template", "aws_launch_configuration", "aws_instance"):
            if _refers(ctx, other.body, wanted):
                return f"{'.'.join(other.labels[:2])} registers instances to it; {why}"
        elif kind == "aws_ecs_capacity_provider":
            continue  # reached through the cluster's capacity providers below
        elif kind == "aws_ecs_cluster_capacity_providers":
            target = other.body.attribute("cluster_name")
            if target is None or not _refers(ctx, target.value, wanted):
                continue
            providers = other.body.attribute("capacity_providers")
            values = evaluator.value(providers.value) if providers is not None else []
            if not isinstance(values, list) or not set(values) <= _FARGATE:
                return (
                    f"{'.'.join(other.labels[:2])} gives it capacity providers other than "
                    f"Fargate (or ones the module does not show); {why}"
                )
        elif kind == "aws_ecs_service":
            target = other.body.attribute("cluster")
            if target is None or not _refers(ctx, target.value, wanted):
                continue
            on = _service_capacity(evaluator, other)
            if on is not None:
                return f"{'.'.join(other.labels[:2])} {on}; {why}"
    inline = cluster.body.attribute("capacity_providers")
    if inline is not None:
        values = evaluator.value(inline.value)
        if not isinstance(values, list) or not set(values) <= _FARGATE:
            return f"its capacity_providers are not all Fargate; {why}"
    return None


_PROFILE_DELETE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage_delete.html"
_ALIAS_DOCS = "https://docs.aws.amazon.com/kms/latest/developerguide/alias-manage.html"


def _cluster_workloads(ctx: ModuleContext, cluster: n.Block) -> str:
    """Why a cluster is not renamed even when no container instance is shown: it is
    where services run. Its services in the module are replaced with it (a service
    belongs to one cluster: destroyed, then created in the new one), and services
    or tasks placed from elsewhere make DeleteCluster fail."""
    wanted = list(cluster.labels[:2])
    services = [
        ".".join(other.labels[:2])
        for _path, other in ctx.analysis.resources("aws_ecs_service")
        if (target := other.body.attribute("cluster")) is not None
        and _refers(ctx, target.value, wanted)
    ]
    inside = (
        f"{', '.join(services)} {'are' if len(services) > 1 else 'is'} replaced with it "
        "(a service belongs to one cluster: its tasks stop, then start in the new one), "
        "and "
        if services
        else ""
    )
    return (
        f"{inside}services or tasks placed in it from outside the module (a deploy tool, "
        "another configuration) make ECS refuse to delete it "
        f"(ClusterContainsServicesException, {_ECS_DELETE}), so the apply fails; create the "
        "new cluster beside this one, move the services, then remove the old one"
    )


def _service_capacity(evaluator: Evaluator, service: n.Block) -> str | None:
    """How ``service`` may run on container instances, or None when it runs on Fargate."""
    launch = service.body.attribute("launch_type")
    strategies = service.body.blocks_of_type("capacity_provider_strategy")
    if launch is not None:
        value = evaluator.value(launch.value)
        if value == "FARGATE":
            return None
        if isinstance(value, str):
            return f'runs with launch_type "{value}" on container instances'
        return f"takes its launch_type from {_short(launch.value)}, which may be EC2"
    if strategies:
        for strategy in strategies:
            provider = strategy.body.attribute("capacity_provider")
            value = evaluator.value(provider.value) if provider is not None else None
            if value not in _FARGATE:
                return "runs on a capacity provider other than Fargate (or one not shown)"
        return None
    if service.body.blocks_of_type("dynamic"):
        return "has capacity settings the module builds dynamically"
    return (
        "sets neither launch_type nor a capacity provider strategy, so it runs with the "
        "cluster's default strategy or, without one, on EC2 container instances"
    )


def _edge_replicas(ctx: ModuleContext, function: n.Block) -> str | None:
    """A CloudFront distribution of the module (or a module call building one) runs the
    function at the edge: its replicas go only hours after the association is removed,
    and Lambda refuses to delete the function until then."""
    wanted = list(function.labels[:2])
    users = [
        ".".join(other.labels[:2])
        for _path, other in ctx.analysis.resources("aws_cloudfront_distribution")
        if _refers(ctx, other.body, wanted)
    ]
    for declared in ctx.analysis.declared("module"):
        node = declared.node
        if not isinstance(node, n.Block) or not _refers(ctx, node.body, wanted):
            continue
        text = node.code.lower()
        if "lambda_function_association" in text or "cloudfront" in text:
            users.append(f"module.{declared.name}")
    if not users:
        return None
    return (
        f"{', '.join(sorted(users))} runs it as a Lambda@Edge function: Lambda refuses to "
        "delete a function CloudFront has replicated until the replicas are gone, hours "
        f"after the last association is removed ({_EDGE_DELETE}), so the apply fails; "
        "rename it in two applies (a new function beside the old one, the distribution "
        "switched to it, the old one removed once its replicas are gone)"
    )


_LAMBDA_LOGS = "https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html"


def _unmade_log_group(ctx: ModuleContext, function: n.Block) -> str | None:
    """A filter on the function's log group that the module does not manage: Lambda
    creates /aws/lambda/<name> only when the new function first logs, so the filter,
    made again on the new group at apply, finds no log group."""
    wanted = list(function.labels[:2])
    for _path, other in ctx.analysis.resources():
        group = other.body.attribute("log_group_name")
        if other is function or group is None or not _refers(ctx, group.value, wanted):
            continue
        return (
            f"{'.'.join(other.labels[:2])} is made on its log group, which the module does not "
            "manage: Lambda creates /aws/lambda/<function name> only when the function first "
            f"writes logs ({_LAMBDA_LOGS}), so the filter, made again on the new function's "
            "group during the apply, finds no log group (ResourceNotFoundException) and the "
            "apply fails; manage the log group in the module first (aws_cloudwatch_log_group "
            "named after the function), then rename both"
        )
    return None


# Trust policy principals that name the role by its ARN from outside the module: a
# federated identity (GitHub Actions OIDC, SAML) or an AWS account or principal.
_OUTSIDE_PRINCIPAL = re.compile(
    r"Federated|AssumeRoleWithWebIdentity|AssumeRoleWithSAML|"
    # an "AWS" principal key (not a condition key such as AWS:SourceOwner)
    r"""(?:\btype\s*=\s*"AWS"|["']?\bAWS\b["']?\s*(?:=|:(?![A-Za-z])))"""
)


def _outside_principals(ctx: ModuleContext, role: n.Block) -> str | None:
    """A role whose trust policy lets in a federated identity or an AWS principal: they
    assume it by its ARN, written in their own configuration (a CI workflow's role to
    assume, another account's profile), which a rename does not update."""
    trust = role.body.attribute("assume_role_policy")
    if trust is None:
        return None
    texts = [trust.value.code]
    for trav in traversals_through_locals(ctx.analysis, trust.value):
        names = [str(x) for x in trav.names()[:3]]
        if names[0] == "local" and len(names) > 1:
            local = ctx.analysis.local(names[1])
            if local is not None:
                texts.append(local.value.code)
        if names[:2] == ["data", "aws_iam_policy_document"] and len(names) == 3:
            for _p, data in ctx.analysis.data_sources("aws_iam_policy_document"):
                if data.labels[1:2] == [names[2]]:
                    texts.append(data.code)
    found = _OUTSIDE_PRINCIPAL.search("\n".join(texts))
    if found is None:
        return None
    who = (
        "a federated identity (OIDC or SAML)"
        if found.group(0).startswith(("Federated", "AssumeRoleWith"))
        else "an AWS principal"
    )
    return (
        f"its trust policy lets {who} assume it, which names the role by its ARN in its "
        f"own configuration (a CI workflow's role to assume, another account's profile; "
        f"{_ROLE_ARN}): the new role has a new ARN, and every such caller gets AccessDenied "
        "until it is updated; rename it together with those callers"
    )


# Resources that carry an IAM user's permissions and name it in ``user``, which forces
# a new resource (provider docs): replaced destroy first when the user is renamed.
_USER_CARRIERS = (
    "aws_iam_user_policy",
    "aws_iam_user_policy_attachment",
    "aws_iam_user_group_membership",
)
_WINDOW = "https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle"


def _user_credentials(ctx: ModuleContext, user: n.Block) -> str | None:
    """The credentials of ``user`` the module manages: each names the user in an
    argument that forces a new resource, so renaming the user replaces the credential
    and whoever holds the old one (a CI system, an application) is locked out."""
    if user.labels[:1] != ["aws_iam_user"]:
        return None
    wanted = list(user.labels[:2])
    found = []
    for kind, (argument, effect) in _USER_CREDENTIALS.items():
        for _path, other in ctx.analysis.resources(kind):
            target = other.body.attribute(argument)
            if target is not None and _refers(ctx, target.value, wanted):
                found.append((".".join(other.labels[:2]), effect))
    if not found:
        carriers = [
            ".".join(other.labels[:2])
            for kind in _USER_CARRIERS
            for _path, other in ctx.analysis.resources(kind)
            if other.body.attribute("user") is not None
            and _refers(ctx, other.body.attribute("user").value, wanted)  # type: ignore[union-attr]
        ]
        if not carriers:
            return None
        shown = ", ".join(sorted(carriers)[:3]) + (
            f" (and {len(carriers) - 3} more)" if len(carriers) > 3 else ""
        )
        return (
            f"{shown} {'name' if len(carriers) > 1 else 'names'} it in user, which forces a "
            "new resource: its permissions are detached (or its group membership removed) and "
            f"given again to the new name, destroy first ({_WINDOW}), so whatever signs in as "
            "the user (with keys made outside the module) gets AccessDenied meanwhile; rename "
            "it in a maintenance window"
        )
    address, effect = found[0]
    return (
        f"{address} names it in {_USER_CREDENTIALS[address.split('.')[0]][0]}, which forces "
        f"a new resource: {effect}, and whoever holds the old one (a CI system, an "
        f"application's configuration) is locked out until it gets the new one "
        f"({_ACCESS_KEYS}); move the credential to a new user beside this one first, or "
        "rename it when the new credential can be handed over right away"
    )


# ---- names written out as text elsewhere in the module --------------------------
#
# ``kms_master_key_id = "alias/${var.project_name}-app"`` or a state machine's
# ``FunctionName = "${var.project_name}-orders"`` name a resource by the text of its
# name, not through a reference: they do not follow a rename by themselves, and the
# old object they name is deleted by the replacement. Such a use is rewritten with
# the name where the rewrite is exact and changes nothing else (a document, a map, a
# function's arguments, an output, an argument updated in place); anywhere else (an
# argument that may force a new resource, a local, a module input, a literal name
# that may be another object's, a file the module reads) the name is kept and the
# use named.

# Top-level resource arguments that name another object by its name and are updated
# in place (provider docs: aws_sqs_queue and aws_sns_topic kms_master_key_id).
_IN_PLACE_ARGUMENTS = frozenset(("kms_master_key_id",))
# Functions reading a file of the module whose text may hold a name.
_FILE_FUNCTIONS = frozenset(("file", "templatefile"))


@dataclass
class _TextUse:
    """A place that writes a name out as text."""

    path: str
    node: n.Node  # the outermost string or heredoc holding it
    where: str  # "main.tf:13 kms_master_key_id"
    rewritable: bool


def _parents(ctx: ModuleContext) -> dict[int, n.Node]:
    out: dict[int, n.Node] = {}
    for module in ctx.files.values():
        for node in module.walk():
            for child in node.children:
                if isinstance(child, n.Node):
                    out[id(child)] = node
    return out


def _bounded(text: str, name: str) -> bool:
    """Whether ``name`` occurs in ``text`` as a whole name (not inside a longer one)."""
    return re.search(rf"(?<![\w.$-]){re.escape(name)}(?![\w.-])", text) is not None


@dataclass
class _Strings:
    """The module's outermost strings and heredocs outside ARNs and labels, and the
    files it reads with file()/templatefile(): gathered once, searched per name."""

    strings: list[tuple[str, n.Node, list[n.Node], str]]  # path, node, its parents, code
    files: list[tuple[str, str]]  # where it is read ("main.tf:3 file(...)"), its text

    @classmethod
    def of(cls, ctx: ModuleContext, skip: set[int], parents: dict[int, n.Node]) -> _Strings:
        strings: list[tuple[str, n.Node, list[n.Node], str]] = []
        files: list[tuple[str, str]] = []
        for path, module in ctx.files.items():
            for node in module.walk():
                if isinstance(node, n.Call) and node.name in _FILE_FUNCTIONS and node.args:
                    text = _read(ctx, node)
                    if text is not None:
                        where = f"{os.path.basename(path)}:{node.line} {node.name}("
                        rendered = _rendered(ctx, node, text)
                        files.append((where + node.args[0].code.strip() + ")", rendered))
                    continue
                if not isinstance(node, (n.TemplateString, n.Heredoc)) or id(node) in skip:
                    continue
                chain = []
                parent = parents.get(id(node))
                while parent is not None and not isinstance(parent, n.Body):
                    chain.append(parent)
                    parent = parents.get(id(parent))
                if any(isinstance(p, (n.TemplateString, n.Heredoc)) for p in chain):
                    continue  # the outermost string is looked at
                if any(id(p) in skip for p in chain):
                    continue
                if not any(isinstance(p, n.Attribute) for p in chain):
                    continue  # a block's label: a name in the configuration, not in AWS
                code = node.code[len(node.first_token.pre) :]
                if "arn:" not in code:  # ARNs follow already
                    strings.append((path, node, chain, code))
        return cls(strings, files)

    def uses(self, old: str, parents: dict[int, n.Node]) -> list[_TextUse]:
        """Where the module writes ``old`` out as text."""
        return [
            _use(path, node, chain, parents)
            for path, node, chain, code in self.strings
            if old in code and _bounded(code, old)
        ]

    def file_uses(self, old: str, evaluated: str | None) -> list[str]:
        """Files the module reads whose text holds ``old`` or its value, with the line
        of the file that does (``main.tf:3 templatefile(...), line 7 of the file``)."""
        out = []
        for where, text in self.files:
            for wanted in (old, evaluated):
                if not wanted or wanted not in text:
                    continue
                found = re.search(rf"(?<![\w.$-]){re.escape(wanted)}(?![\w.-])", text)
                if found is None:
                    continue
                # The text is the file three times (as written, with the variables'
                # sources, with their values), each part as many lines as the file.
                lines = text.count("\n") // 3 + 1 if "\n" in text else 1
                line = text.count("\n", 0, found.start()) % lines + 1
                out.append(f"{where}, line {line} of the file")
                break
        return out


_TEMPLATE_VARIABLE = re.compile(r"\$\{\s*(\w+)\s*\}")


def _rendered(ctx: ModuleContext, call: n.Call, text: str) -> str:
    """A templatefile()'s text as written, and with each ``${var}`` of its variables
    map replaced by what it is given: the expression's source (``${var.project_name}``,
    so the name's template text can be found) and, where known, its value (so the
    value of a name can be), joined by newlines; a file() text three times as it is."""
    unrendered = "\n".join((text, text, text))  # the same three parts, none rendered
    if call.name != "templatefile" or len(call.args) < 2:
        return unrendered
    given = call.args[1]
    if not isinstance(given, n.Object):
        return unrendered
    evaluator = Evaluator(ctx.analysis)
    sources: dict[str, str] = {}
    values: dict[str, str] = {}
    for item in given.items:
        key = item.key_name()
        if key is None:
            continue
        value = item.value
        if isinstance(value, n.TemplateString):
            sources[key] = _inner(value)
        else:
            sources[key] = "${" + " ".join(value.code.split()) + "}"
        evaluated = evaluator.value(value)
        if isinstance(evaluated, str):
            values[key] = evaluated

    def substitute(table: dict[str, str]) -> str:
        return _TEMPLATE_VARIABLE.sub(lambda m: table.get(m.group(1), m.group(0)), text)

    return "\n".join((text, substitute(sources), substitute(values)))


def _read(ctx: ModuleContext, call: n.Call) -> str | None:
    """The text of the file ``call`` (file/templatefile) reads, when its path is known."""
    arg = call.args[0].code.strip()
    if not (arg.startswith('"') and arg.endswith('"')):
        return None
    relative = arg[1:-1].replace("${path.module}", ".").replace("${path.root}", ".")
    if "${" in relative:
        return None
    try:
        return Path(ctx.directory, relative).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _use(path: str, node: n.Node, chain: list[n.Node], parents: dict[int, n.Node]) -> _TextUse:
    """Whether rewriting the text at ``node`` changes only what names the object."""
    attribute = next((p for p in chain if isinstance(p, n.Attribute)), None)
    name = attribute.name if attribute is not None else "?"
    where = f"{os.path.basename(path)}:{node.line} {name}"
    inside = chain[: chain.index(attribute)] if attribute is not None else chain
    document = isinstance(node, n.Heredoc) or any(
        isinstance(p, (n.Object, n.Tuple, n.Call)) for p in inside
    )
    block = None
    step: n.Node | None = attribute
    while step is not None:
        step = parents.get(id(step))
        if isinstance(step, n.Block):
            block = step  # the outermost block holding it
    kind = block.type if block is not None else ""
    if kind == "output":
        return _TextUse(path, node, where, True)
    if kind in ("resource", "data") and (document or name in _IN_PLACE_ARGUMENTS):
        return _TextUse(path, node, where, True)
    return _TextUse(path, node, where, False)


def _outermost(node: n.Node, parents: dict[int, n.Node]) -> bool:
    """Whether no string or heredoc holds ``node`` (an interpolation's string inside
    one is rewritten with it)."""
    parent = parents.get(id(node))
    while parent is not None and not isinstance(parent, n.Body):
        if isinstance(parent, (n.TemplateString, n.Heredoc)):
            return False
        parent = parents.get(id(parent))
    return parents.get(id(node)) is not None


def _written_out(
    ctx: ModuleContext, plan: list[tuple[_Target, str, str, _Verdict]], held: dict[int, str]
) -> dict[str, str]:
    """{old: new} of the names to rename whose text the module writes out elsewhere,
    every such place rewritable; a name written out where it cannot be rewritten
    exactly is added to ``held`` (id(target) -> why), with the places named."""
    parents = _parents(ctx)
    skip = {id(t.attribute.value) for t, _o, _n, _v in plan}
    skip |= {id(t.holder.value) for t, _o, _n, _v in plan if t.holder is not None}
    kept = {old for t, old, _n, v in plan if id(t) in held or v.too_long}
    evaluator = Evaluator(ctx.analysis)
    found = _Strings.of(ctx, skip, parents)
    arns = _arn_texts(ctx)
    out: dict[str, str] = {}
    for t, old, new, verdict in plan:
        if id(t) in held or verdict.too_long:
            continue
        if old in kept and any(_names_segment(text, old) for text in arns):
            # An ARN segment with this name may mean the resource that keeps it or
            # this one: the rename would leave it wrong, or rewrite the wrong one.
            held[id(t)] = (
                f'is left as it is: another resource of the module is also named "{old}" '
                "and keeps its name, and an ARN of the module names one of them, which one "
                f"is not known: give them different names, then run TF004 again"
            )
            continue
        uses = found.uses(old, parents)
        value = evaluator.value(parse_expression(f'"{old}"'))
        files = found.file_uses(old, value if isinstance(value, str) and value != old else None)
        literal = "${" not in old and "%{" not in old
        blocking = [u.where for u in uses if literal or not u.rewritable] + files
        if uses and old in kept:
            blocking = [u.where for u in uses]
            why = (
                "another resource of the module has the same name and keeps it, so which "
                "one they mean is not known"
            )
        elif literal and uses:
            why = "a literal name may be another object's too, so they are not rewritten"
        else:
            why = (
                "there a rewrite may replace another resource or change what a caller or "
                "a file gets"
            )
        if blocking:
            shown = ", ".join(blocking[:3]) + (
                f" and {len(blocking) - 3} more" if len(blocking) > 3 else ""
            )
            held[id(t)] = (
                f"is left as it is: {shown} {'write' if len(blocking) > 1 else 'writes'} "
                f'its name ("{old}") out as text, which does not follow a rename, and the '
                f"replacement deletes the object they name; {why}: refer to it instead "
                f"({t.label}.{t.attribute.name}, or a local both use), then run TF004 again"
            )
        elif uses:
            out[old] = new
    return out


# Arguments whose value may carry a prefix local's new text without replacing the
# resource: tags, and policy and definition documents (updated in place).
_FOLLOWING_ARGUMENTS = frozenset(
    ("tags", "tags_all", "policy", "assume_role_policy", "definition", "variables")
)


def _other_uses(ctx: ModuleContext, name: str, targets: list[_Target]) -> list[str]:
    """Where ``local.<name>`` (through other locals too) goes besides the names TF004
    decides on and the arguments that follow a new value in place: ``type.label
    (argument)`` of each resource argument, and each module call, that reads it."""
    decided = {id(t.attribute) for t in targets}
    out: list[str] = []
    wanted = ["local", name]
    for _path, block in ctx.analysis.resources():
        label = ".".join(block.labels[:2])
        pending: list[n.Block] = [block]
        while pending:
            current = pending.pop()
            pending.extend(current.body.blocks)
            for attribute in current.body.attributes:
                if id(attribute) in decided or attribute.name in _FOLLOWING_ARGUMENTS:
                    continue
                if any(
                    t.names()[:2] == wanted
                    for t in traversals_through_locals(ctx.analysis, attribute.value)
                ):
                    out.append(f"{label} ({attribute.name})")
    for declared in ctx.analysis.declared("module"):
        node = declared.node
        if isinstance(node, n.Block) and any(
            t.names()[:2] == wanted for t in traversals_through_locals(ctx.analysis, node.body)
        ):
            out.append(f"module.{declared.name}")
    return sorted(dict.fromkeys(out))

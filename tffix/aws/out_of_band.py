"""Bucket settings a module applies outside its S3 resources: CLI and SDK calls.

Some authors set a bucket's lifecycle, versioning, encryption or policy with a
command instead of a resource: a ``local-exec`` provisioner of a
``null_resource`` or ``terraform_data`` running ``aws s3api
put-bucket-lifecycle-configuration``, boto3's ``put_bucket_encryption`` in a
``python -c``, a script the provisioner runs, a ``data "external"`` program,
an instance's ``user_data``. Often on purpose: the provider resource does not
work against their target (LocalStack, an S3-compatible store), or the setting
must be applied once, not tracked.

S3 keeps one configuration of each kind per bucket, and each Put replaces it
whole (PutBucketLifecycleConfiguration: "replaces an existing lifecycle
configuration",
https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html;
the same holds for versioning, encryption, the public access block, the
policy, logging and ownership controls). A codemod that adds the resource
beside such a command makes the two overwrite each other in no defined order:
either the author's settings are deleted or every plan shows a difference
(the provider documents the perpetual difference for two lifecycle
configurations of one bucket,
https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_lifecycle_configuration).
So a codemod asks here first, and reports instead of adding.

What is recognised (the API operations of the S3 API Reference,
https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html):
the AWS CLI's ``put-bucket-*``/``delete-bucket-*`` s3api commands and
``put-public-access-block``, their boto3 method names (``put_bucket_*``), the
AWS Tools for PowerShell cmdlets and ``s3cmd`` commands for the same
operations. Where the command names its bucket (``--bucket``, ``Bucket=``,
``-BucketName``, ``s3://``) that name is resolved, through interpolations,
``environment`` variables and ``self.triggers``/``self.input``; where it does
not, any bucket the command mentions, or, with none, any bucket of the module,
may be the one.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from tffix.analysis import partial
from tffix.analysis.names import object_part
from tffix.engine import inputs
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from tffix.analysis.module import ModuleAnalysis
    from tffix.aws.s3 import Resolver

BUCKET = "aws_s3_bucket"
LIFECYCLE = "aws_s3_bucket_lifecycle_configuration"
VERSIONING = "aws_s3_bucket_versioning"
ENCRYPTION = "aws_s3_bucket_server_side_encryption_configuration"
PUBLIC_ACCESS_BLOCK = "aws_s3_bucket_public_access_block"
POLICY = "aws_s3_bucket_policy"
ACL = "aws_s3_bucket_acl"
WEBSITE = "aws_s3_bucket_website_configuration"
LOGGING = "aws_s3_bucket_logging"
OWNERSHIP = "aws_s3_bucket_ownership_controls"
# Not a bucket configuration: objects written (or re-granted) with a public ACL by a
# command, which a public access block refuses (BlockPublicAcls) or ignores
# (IgnorePublicAcls): the bucket serves those objects to everyone on purpose.
OBJECT_ACL = "public object ACLs"

# S3 API operation (as the CLI spells it, without put-/delete-) -> the resource that
# manages the same bucket-level configuration.
_OPERATIONS = {
    "bucket-lifecycle-configuration": LIFECYCLE,
    "bucket-lifecycle": LIFECYCLE,
    "bucket-versioning": VERSIONING,
    "bucket-encryption": ENCRYPTION,
    "public-access-block": PUBLIC_ACCESS_BLOCK,
    "bucket-policy": POLICY,
    "bucket-acl": ACL,
    "bucket-website": WEBSITE,
    "bucket-logging": LOGGING,
    "bucket-ownership-controls": OWNERSHIP,
    "bucket-cors": "aws_s3_bucket_cors_configuration",
    "bucket-replication": "aws_s3_bucket_replication_configuration",
    "bucket-notification-configuration": "aws_s3_bucket_notification",
    "bucket-notification": "aws_s3_bucket_notification",
    "bucket-accelerate-configuration": "aws_s3_bucket_accelerate_configuration",
    "bucket-request-payment": "aws_s3_bucket_request_payment_configuration",
    "object-lock-configuration": "aws_s3_bucket_object_lock_configuration",
    "bucket-intelligent-tiering-configuration": "aws_s3_bucket_intelligent_tiering_configuration",
    "bucket-analytics-configuration": "aws_s3_bucket_analytics_configuration",
    "bucket-inventory-configuration": "aws_s3_bucket_inventory",
    "bucket-metrics-configuration": "aws_s3_bucket_metric",
    "bucket-tagging": "aws_s3_bucket (tags)",
}
# AWS Tools for PowerShell (https://docs.aws.amazon.com/powershell/latest/reference/)
# and s3cmd (https://s3tools.org/usage) spellings of the same operations.
_OTHER_SPELLINGS = {
    "write-s3lifecycleconfiguration": LIFECYCLE,
    "remove-s3lifecycleconfiguration": LIFECYCLE,
    "write-s3bucketversioning": VERSIONING,
    "set-s3bucketencryption": ENCRYPTION,
    "remove-s3bucketencryption": ENCRYPTION,
    "add-s3publicaccessblock": PUBLIC_ACCESS_BLOCK,
    "remove-s3publicaccessblock": PUBLIC_ACCESS_BLOCK,
    "write-s3bucketpolicy": POLICY,
    "remove-s3bucketpolicy": POLICY,
    "set-s3acl": ACL,
    "write-s3bucketwebsite": WEBSITE,
    "write-s3bucketlogging": LOGGING,
    "setlifecycle": LIFECYCLE,
    "dellifecycle": LIFECYCLE,
    "expire": LIFECYCLE,
    "setpolicy": POLICY,
    "delpolicy": POLICY,
    "setacl": ACL,
    "ws-create": WEBSITE,
    "accesslog": LOGGING,
}
_OPERATION = re.compile(
    r"(?<![A-Za-z0-9])(?:put|delete)[-_]"
    r"((?:bucket[-_][a-z]+(?:[-_][a-z]+)*)|public[-_]access[-_]block|object[-_]lock[-_]configuration)"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_POWERSHELL = re.compile(
    r"(?<![A-Za-z0-9-])("
    + "|".join(k for k in _OTHER_SPELLINGS if "-s3" in k)
    + r")(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_S3CMD = re.compile(
    r"\bs3cmd\b[^\n;|&]*?\s(setlifecycle|dellifecycle|expire|setpolicy|delpolicy|setacl|"
    r"ws-create|accesslog)\b"
)
# Not a configuration: commands that delete the bucket's objects (empty it), which on a
# versioned bucket delete only the current versions (S3 writes delete markers and keeps
# every version: https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeletingObjectVersions.html).
# A module that empties its bucket this way before Terraform deletes it (a destroy-time
# provisioner, the bucket without force_destroy) relies on the bucket being unversioned.
EMPTIES = "its objects (deleted by a command)"
_EMPTYING = re.compile(
    # aws s3 rm ... (--recursive checked on the command), aws s3 rb --force
    r"\bs3\s+(?P<rm>rm)\b|\bs3\s+(?P<rb>rb)\b"
    # aws s3api delete-object(s); boto3 delete_object(s), Bucket.objects.all().delete()
    r"|(?<![A-Za-z0-9])(?P<api>delete[-_]objects?)(?![A-Za-z0-9-])"
    r"|(?P<boto>\.objects(?:\.all\(\)|\.filter\([^)]*\))?\.delete\(\))"
    # AWS Tools for PowerShell; s3cmd del/rb
    r"|(?P<ps>Remove-S3Object|Remove-S3Bucket)\b"
    r"|\bs3cmd\b[^\n;|&]*?\s(?P<s3cmd>del|rm|rb)\b",
    re.IGNORECASE,
)
# A public canned ACL or grant given to objects: the CLI's `--acl public-read` (aws s3
# cp/sync/mv, s3api put-object/put-object-acl/copy-object), its grants to the AllUsers
# or AuthenticatedUsers group, boto3's ACL='public-read' (also in ExtraArgs),
# PowerShell's -CannedACLName public-read / -PublicReadOnly, s3cmd's -P/--acl-public.
_PUBLIC_OBJECT_ACL = re.compile(
    r"(?:--acl(?:=|\s+)|\bACL[\"']?\s*[=:]\s*|-CannedACLName\s+)[\"']?"
    r"(?:public-read-write|public-read|authenticated-read)\b"
    r"|\buri=https?://acs\.amazonaws\.com/groups/global/(?:AllUsers|AuthenticatedUsers)\b"
    r"|-PublicReadOnly\b|-PublicReadWrite\b"
    r"|\bs3cmd\b[^\n;|&]*?\s(?:-P|--acl-public)(?![A-Za-z0-9-])",
    re.IGNORECASE,
)
# Where a shell command ends (a newline not escaped, a separator).
_END = re.compile(r"(?<!\\)\n|&&|\|\||;|(?<!\|)\|(?!\|)")
# The bucket a command names: the CLI's --bucket, boto3's Bucket=, PowerShell's
# -BucketName, an s3:// URL (s3cmd).
_BUCKET_ARGUMENT = re.compile(
    r"(--bucket(?:=|\s+)|\bBucket\s*=\s*|-BucketName\s+|s3://)"
    r"((?:\\?[\"'])?[^\s,)\"'\\/]*(?:\\?[\"'])?)"
)
_SHELL_VARIABLE = re.compile(r"\$\$?\{?([A-Za-z_][A-Za-z0-9_]*)\}?")
_PLACEHOLDER = re.compile("\x00(\\d+)\x00")
# A script the command runs, relative to the module (``${path.module}/x.sh``).
_SCRIPT = re.compile(r"(?:\x00P\x00/)?((?:\./)?[A-Za-z0-9_./-]+\.(?:sh|bash|py|ps1|rb|js))\b")
_MAX_DEPTH = 6


@dataclass(frozen=True)
class Setting:
    """One command that configures a bucket outside Terraform's S3 resources.

    ``configures``: the resource type that manages the same thing
    (``aws_s3_bucket_lifecycle_configuration``); ``operation``: the command's own
    spelling (``put-bucket-lifecycle-configuration``); ``where``: the file it is in;
    ``owner``: what runs it (``the local-exec provisioner of null_resource.s3_lifecycle``).
    """

    configures: str
    operation: str
    where: str
    owner: str
    sure: bool  # True: it names this bucket; False: it may (its target is not shown)

    def describe(self, *, file: bool = False) -> str:
        """How a finding names it: by the block that runs it, which stays true when
        blocks move between files (and the run's fixes move lines); ``file``: with the
        file, which a script run by the block needs (it is named by its path)."""
        script = self.owner.startswith("a script")
        where = f"`{self.operation}` in {self.owner}"
        if file or script:
            where += f" ({self.where})"
        if self.sure:
            return f"is set outside Terraform by {where}"
        return f"may be set outside Terraform by {where}, whose bucket the module does not show"


@dataclass
class _Command:
    """A command text with its interpolations replaced by ``\\0i\\0`` placeholders."""

    text: str
    expressions: list[n.Expression]
    owner: n.Block
    path: str
    environment: dict[str, n.Expression]
    via: str = ""  # what runs it, for messages: the local-exec provisioner of null_resource.x
    caller: str = ""  # for a script: the command that runs it
    destroy: bool = False  # run when its block is destroyed (a `when = destroy` provisioner)


@dataclass
class _Found:
    configures: str
    operation: str
    command: _Command
    start: int
    target: str | None  # the text naming the bucket, when the command has one
    segment: str  # the rest of that command (payloads name other buckets)


class Settings:
    """Every out-of-band bucket setting of one module, scanned once."""

    def __init__(self, analysis: ModuleAnalysis, resolver: Resolver) -> None:
        self.analysis = analysis
        self.resolver = resolver
        self._partial = partial.PartialEvaluator(analysis, {})
        self._found = [f for c in self._commands() for f in _operations(c)]

    def __bool__(self) -> bool:
        return bool(self._found)

    def of(self, bucket: n.Block, *types: str) -> list[Setting]:
        """The settings of ``types`` that configure ``bucket`` or may (sure ones first)."""
        out = [
            self._setting(found, relation is True)
            for found in self._found
            if (found.configures in types if types else found.configures != EMPTIES)
            for relation in [self._names(found, bucket)]
            if relation is not False
        ]
        return sorted(out, key=lambda s: not s.sure)

    def empties(self, bucket: n.Block) -> list[Setting]:
        """Destroy-time commands that delete the objects of ``bucket`` (``EMPTIES``): those
        naming it, and those naming no bucket of the module that may be it (sure first).
        A command that names another bucket of the module is about that one."""
        out = []
        for found in self._found:
            if found.configures != EMPTIES:
                continue
            relation = self._names(found, bucket)
            if relation is None:
                command = found.command
                text = command.text + command.caller
                others = [
                    b
                    for _p, b in self.analysis.resources(BUCKET)
                    if b is not bucket and self._mentions(command, text, b) is True
                ]
                if others:
                    continue
            if relation is not False:
                out.append(self._setting(found, relation is True))
        return sorted(out, key=lambda s: not s.sure)

    def logs_to(self, bucket: n.Block) -> list[Setting]:
        """``put-bucket-logging`` commands whose payload names ``bucket`` (as the target
        of another bucket's server access logs): such a target works only with SSE-S3."""
        return [
            self._setting(found, True)
            for found in self._found
            if found.configures == LOGGING
            and self._mentions(found.command, found.segment, bucket) is True
        ]

    def _setting(self, found: _Found, sure: bool) -> Setting:
        # Positions are not given: the message of a finding is kept as written while
        # the run's other fixes move lines, so the block's address is what stays true.
        command = found.command
        return Setting(
            found.configures, found.operation, self._relative(command.path), command.via, sure
        )

    def _relative(self, path: str) -> str:
        return os.path.relpath(path, self.analysis.directory)

    # ---- which bucket ------------------------------------------------------------

    def _names(self, found: _Found, bucket: n.Block) -> bool | None:
        command = found.command
        if found.target is None:
            # No bucket argument: whatever bucket the command mentions; none: any.
            mentioned = self._mentions(command, command.text + command.caller, bucket)
            return True if mentioned is True else None
        relation = self._mentions(command, found.target, bucket, whole=True)
        # A script's own argument ($1): the bucket the command running it passes.
        caller = relation is None and command.caller
        if caller and self._mentions(command, command.caller, bucket) is True:
            return True
        return relation

    def _mentions(
        self, command: _Command, text: str, bucket: n.Block, *, whole: bool = False, depth: int = 0
    ) -> bool | None:
        """Whether ``text`` (a part of the command) names ``bucket``: True, False, or None
        when it comes from something the module does not show. ``whole``: the text is a
        bucket argument, so a literal is the bucket's name."""
        relations: list[bool | None] = []
        for match in _PLACEHOLDER.finditer(text):
            expr = command.expressions[int(match.group(1))]
            relations.append(self._designates(expr, command, bucket, 0))
        for match in _SHELL_VARIABLE.finditer(text):
            name = match.group(1)
            value = command.environment.get(name)
            assigned = re.search(rf"(?<![A-Za-z0-9_]){name}=(\S+)", command.text)
            if value is not None:
                relations.append(self._designates(value, command, bucket, 0))
            elif assigned is not None and depth < _MAX_DEPTH:
                # BUCKET=${aws_s3_bucket.x.id} earlier in the same script
                relations.append(
                    self._mentions(command, assigned.group(1), bucket, whole=whole, depth=depth + 1)
                )
            elif whole:
                relations.append(None)  # set by the shell, a script or the caller
        if True in relations:
            return True
        if whole and not relations:
            literal = text.strip("\\\"' ")
            if not literal or "$" in literal or "%" in literal:
                return None  # a shell or script variable ($1, %BUCKET%)
            return self._literal(literal, bucket)
        if whole and None in relations:
            return None
        return False if relations or not whole else None

    def _designates(
        self, expr: n.Expression, command: _Command, bucket: n.Block, depth: int
    ) -> bool | None:
        """``self.triggers.x``/``self.input``/``self.id`` resolved in the block that runs
        the command; other expressions by the S3 resolver."""
        owner = command.owner
        for node in expr.walk():
            if not isinstance(node, n.Traversal) or node.root_name() != "self":
                continue
            names = node.names()
            if owner.labels[:1] == [BUCKET]:
                return owner is bucket  # a provisioner of the bucket itself
            attribute = owner.body.attribute(str(names[1])) if len(names) > 1 else None
            if attribute is None and len(names) > 1 and names[1] == "output":
                attribute = owner.body.attribute("input")
            if attribute is None or depth > _MAX_DEPTH:
                return None
            value = object_part(attribute.value, names[2:])
            return self._designates(value, command, bucket, depth + 1)
        return self.resolver.designates(expr, owner, bucket)

    def _literal(self, name: str, bucket: n.Block) -> bool | None:
        names, all_known = self.resolver.names_of(bucket)
        if name in names:
            return True
        if all_known:
            return False
        own = bucket.body.attribute("bucket")
        if own is None:
            return None  # a generated name
        return None if partial.can_equal(self._partial.value(own.value), name) else False

    # ---- where commands are ----------------------------------------------------------

    def _commands(self) -> Iterator[_Command]:
        for path, block in self.analysis.resources():
            address = ".".join(block.labels)
            for provisioner in block.body.blocks_of_type("provisioner"):
                environment = _environment(provisioner)
                kind = provisioner.labels[0] if provisioner.labels else "?"
                when = provisioner.body.attribute("when")
                destroy = when is not None and when.value.code.strip() == "destroy"
                via = f"the {'destroy-time ' if destroy else ''}{kind} provisioner of {address}"
                for name in ("command", "inline"):
                    attribute = provisioner.body.attribute(name)
                    if attribute is not None:
                        yield from self._command(
                            attribute, block, via, path, environment, destroy=destroy
                        )
            user_data = block.body.attribute("user_data")
            if user_data is not None:
                yield from self._command(user_data, block, f"the user_data of {address}", path, {})
        for path, block in self.analysis.data_sources("external"):
            program = block.body.attribute("program")
            if program is not None:
                via = f"the program of data.{'.'.join(block.labels)}"
                yield from self._command(program, block, via, path, {})

    def _command(
        self,
        attribute: n.Attribute,
        owner: n.Block,
        via: str,
        path: str,
        environment: dict[str, n.Expression],
        *,
        destroy: bool = False,
    ) -> Iterator[_Command]:
        expressions: list[n.Expression] = []
        text = self._flatten(attribute.value, expressions, 0)
        command = _Command(text, expressions, owner, path, environment, via, destroy=destroy)
        yield command
        yield from self._scripts(command)

    def _flatten(self, expr: n.Node, out: list[n.Expression], depth: int) -> str:
        """The command's text, interpolations as placeholders; a local value's text in
        its place (a command kept in ``locals``)."""
        if isinstance(expr, (n.TemplateString, n.Heredoc)):
            return "".join(
                self._flatten(part, out, depth)
                for part in expr.children[1:-1]
                if isinstance(part, n.Node)
            )
        if isinstance(expr, n.TemplateLiteral):
            return expr.text.replace("\r\n", "\n")  # a continued line ends in "\\\n"
        if isinstance(expr, n.Interpolation):
            return self._flatten(expr.expr, out, depth)
        if isinstance(expr, n.TemplatePart):  # a directive: its parts
            return "".join(
                self._flatten(c, out, depth) for c in expr.children if isinstance(c, n.Node)
            )
        if isinstance(expr, n.Parens):
            return self._flatten(expr.expr, out, depth)
        if isinstance(expr, n.Tuple):
            return " ".join(self._flatten(e, out, depth) for e in expr.elements)
        if isinstance(expr, n.Call) and expr.name in ("join", "format", "concat", "templatefile"):
            return " ".join(self._flatten(a, out, depth) for a in expr.args)
        if isinstance(expr, n.Traversal) and depth < _MAX_DEPTH:
            names = expr.names()
            if names[0] == "path" and len(names) == 2:
                return "\x00P\x00"  # path.module: scripts are looked up relative to it
            if names[0] == "local" and len(names) == 2 and names[1] is not None:
                local = self.analysis.local(str(names[1]))
                if local is not None:
                    return self._flatten(local.value, out, depth + 1)
        if isinstance(expr, n.Expression):
            out.append(expr)
            return f"\x00{len(out) - 1}\x00"
        return ""

    def _scripts(self, command: _Command) -> Iterator[_Command]:
        """Scripts of the module a command runs, each as a command of its own whose
        bucket, where the script does not name one, is any the command mentions."""
        directory = self.analysis.directory
        for match in _SCRIPT.finditer(command.text):
            relative = os.path.normpath(match.group(1))
            if relative.startswith(".."):
                continue
            path = os.path.join(directory, relative)
            inputs.note(path)  # the script's content is part of this decision
            try:
                with open(path, encoding="utf-8", errors="replace") as handle:
                    text = handle.read(200_000).replace("\r\n", "\n")
            except OSError:
                continue
            # The script's own $1/$BUCKET come from the command line: keep the command's
            # interpolations after the script text, so that a bucket it passes counts.
            yield _Command(
                text,
                command.expressions,
                command.owner,
                path,
                command.environment,
                f"a script {command.via} runs",
                command.text,
                command.destroy,
            )


def _operations(command: _Command) -> Iterator[_Found]:
    text = command.text
    spans: list[tuple[int, int, str, str]] = []
    for match in _OPERATION.finditer(text):
        key = match.group(1).lower().replace("_", "-")
        configures = _OPERATIONS.get(key)
        if configures is not None:
            spans.append((match.start(), match.end(), configures, match.group(0)))
    for pattern in (_POWERSHELL, _S3CMD):
        for match in pattern.finditer(text):
            configures = _OTHER_SPELLINGS.get(match.group(1).lower())
            if configures is not None:
                spans.append((match.start(1), match.end(1), configures, match.group(1)))
    for match in _PUBLIC_OBJECT_ACL.finditer(text):
        written = re.sub(r"[\"'\\]", "", " ".join(match.group(0).split()))
        spans.append((match.start(), match.end(), OBJECT_ACL, written))
    # A command that deletes versions too (list-object-versions, VersionId,
    # object_versions) empties a versioned bucket as well.
    versions = re.search(r"version", text, re.IGNORECASE) is not None
    for match in _EMPTYING.finditer(text):
        if not command.destroy or versions:
            continue  # emptied while the bucket stays: versioning keeps the versions, fine
        stop = _END.search(text, match.end())
        segment = text[match.end() : stop.start() if stop else len(text)]
        kind = match.lastgroup
        if kind == "rm" and not re.search(r"--recursive\b", segment):
            continue  # one object
        if kind == "rb" and not re.search(r"--force\b", segment):
            continue  # an empty bucket only
        if (
            kind == "ps"
            and match.group("ps").lower() == "remove-s3bucket"
            and not re.search(r"-DeleteBucketContent\b", segment, re.IGNORECASE)
        ):
            continue
        if kind == "s3cmd" and not re.search(r"--recursive\b|\s-r\b|--force\b", segment):
            continue
        flag = {"rm": " --recursive", "rb": " --force"}.get(kind or "", "")
        spans.append((match.start(), match.end(), EMPTIES, match.group(0).strip() + flag))
    for start, end, configures, operation in spans:
        stop = _END.search(text, end)
        segment = text[end : stop.start() if stop else len(text)]
        if configures == PUBLIC_ACCESS_BLOCK and re.search(r"account[-_]?id", segment, re.I):
            continue  # s3control: the account's block, not a bucket's
        # A target written before the operation (boto3 keyword order, s3cmd URL last).
        line_start = text.rfind("\n", 0, start) + 1
        argument = _BUCKET_ARGUMENT.search(segment) or _BUCKET_ARGUMENT.search(
            text[line_start:start]
        )
        target = argument.group(2) if argument is not None and argument.group(2) else None
        python = argument is not None and argument.group(1).startswith("Bucket")
        if python and target and not target.startswith(("'", '"', "\\")) and "\x00" not in target:
            target = "$" + target  # a Python variable: set where the module does not show
        rest = segment if argument is None else segment.replace(argument.group(0), " ", 1)
        yield _Found(configures, operation, command, start, target, rest)


def _environment(provisioner: n.Block) -> dict[str, n.Expression]:
    """A ``local-exec`` provisioner's environment variables (their expressions)."""
    attribute = provisioner.body.attribute("environment")
    if attribute is None or not isinstance(attribute.value, n.Object):
        return {}
    out = {}
    for item in attribute.value.items:
        key = item.key_name()
        if key is not None:
            out[key] = item.value
    return out


def types_in_text(text: str) -> frozenset[str]:
    """The bucket configurations a text (a child module's files, read as text) sets by
    command: a child module given a bucket may configure it that way too."""
    command = _Command(text, [], None, "", {})  # type: ignore[arg-type]
    return frozenset(found.configures for found in _operations(command))

"""TF002 backend-config: a root module keeps its state in S3, encrypted and locked.

The seed's stack shipped an empty backend: state stayed on the laptop that
ran ``apply``, unlocked and readable by anyone with the file. The fix is a
*partial* S3 configuration: the settings that must hold everywhere
(locking; ``encrypt`` where the state bucket's encryption is shown to suit
it, since without ``kms_key_id`` it replaces an SSE-KMS bucket default)
live in the code, while bucket, key and region, which differ per
environment, come from ``terraform init -backend-config``.
"""

from __future__ import annotations

import json
import re

from tffix.analysis.roots import Role, classify
from tffix.aws.s3 import BUCKET, Resolver
from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Option, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

_LOCKFILE_SINCE = (1, 10)
_COMMENT = "# bucket, key and region: terraform init -backend-config=..."
# Files a person keeps the terraform block in, best first.
_HOME_FILES = (
    "backend.tf",
    "versions.tf",
    "terraform.tf",
    "providers.tf",
    "provider.tf",
    "main.tf",
)
# Items of a terraform block that a backend goes after.
_ANCHORS = ("required_providers", "required_version")
_NO_LOCK = (
    'backend "s3" has no state locking and required_version does not rule out Terraform '
    "< 1.10 (use_lockfile needs 1.10): pass -backend-config=dynamodb_table=<table>, set the "
    'lock_table option, or require ">= 1.10" and run again'
)
# Settings naming the key state is encrypted with; with one, encrypt = true uses it.
_KEY_SETTINGS = ("kms_key_id", "sse_customer_key")
_SSE_DEFAULT = (
    "https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionByDefault.html"
)
_SSE_S3_BASE = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html"
# What encrypt = true without a key does, and why that depends on the state bucket.
_ENCRYPT_FACT = (
    "without kms_key_id, encrypt = true makes Terraform ask for SSE-S3 (AES256) on every "
    "state write, which replaces the state bucket's default encryption (S3 applies the "
    f"default only to writes that ask for none: {_SSE_DEFAULT}): a no-op on an SSE-S3 "
    "bucket (every bucket is at least SSE-S3 encrypted since 2023-01-05: "
    f"{_SSE_S3_BASE}), but state leaves the customer managed key of an SSE-KMS bucket, "
    "and a bucket policy that requires aws:kms denies the write after apply"
)
# What the identities running Terraform need for the lock TF002 adds (Terraform's S3
# backend page lists the permissions): said, since their policies are not shown.
_LOCK_NEEDS = {
    "use_lockfile": (
        "; whoever runs Terraform now needs s3:GetObject, s3:PutObject and s3:DeleteObject "
        "on the lock object <key>.tflock too (a policy allowing only the state key fails "
        "plan and apply with AccessDenied: "
        "https://developer.hashicorp.com/terraform/language/backend/s3)"
    ),
    "dynamodb_table": (
        "; whoever runs Terraform now needs dynamodb:DescribeTable, GetItem, PutItem and "
        "DeleteItem on that table (https://developer.hashicorp.com/terraform/language/backend/s3)"
    ),
}
_UNNAMED = (
    "the state bucket is not named here (it comes from -backend-config), so its default "
    f"encryption and policy are not shown: {_ENCRYPT_FACT}; check the bucket, then set "
    "encrypt = true (with kms_key_id = <its key ARN> on an SSE-KMS bucket), here or with "
    "-backend-config"
)
_CLAUSE = re.compile(r"^\s*(>=|<=|~>|!=|>|<|=)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?")


class BackendConfig(Codemod):
    """A root module with an empty or no ``backend`` gets a partial S3 backend."""

    code = "TF002"
    name = "backend-config"
    summary = "Root modules keep their state in an encrypted, locked S3 backend"
    seed_section = "§11 Terraform Backend Configuration"
    documentation = ("https://developer.hashicorp.com/terraform/language/backend/s3",)
    safety = Safety.UNSAFE
    options = (
        Option(
            "lock",
            "auto",
            "state locking: `auto` (S3 native `use_lockfile = true` when required_version "
            "rules out Terraform < 1.10, else a DynamoDB table from the "
            "`lock_table` option), `lockfile` or `dynamodb`",
            choices=("auto", "lockfile", "dynamodb"),
        ),
        Option(
            "lock_table",
            None,
            "name of the DynamoDB lock table written as `dynamodb_table` when locking goes "
            "through DynamoDB; without it the table is left to -backend-config and reported",
        ),
        Option(
            "add_backend",
            False,
            'also add a partial `backend "s3"` to a deployment that declares none; off by '
            "default: its state is local today, and the next init must migrate it",
        ),
    )
    explanation = """\
Why: without a backend, Terraform keeps state in a local `terraform.tfstate`:
one person's disk, no locking, so two applies can interleave and corrupt it,
and secrets in the state sit in plain text. An empty `backend "s3" {}` is
better only once every `init` passes the right flags
(https://developer.hashicorp.com/terraform/language/state/remote).

What it does: in a deployment (a root module a team runs `apply` in,
see below) it writes a *partial* S3 configuration: only
what must be true everywhere, locking (and `encrypt`, see below), while `bucket`,
`key` and `region`, which differ per environment, stay for
`terraform init -backend-config=...` (a comment says so). Locking is
`use_lockfile = true` (S3 native locking, Terraform >= 1.10) when the
module's `required_version` rules out older versions; when it admits them
or says nothing (Terraform before 1.10 rejects the argument at init),
`dynamodb_table = "<lock_table option>"`, or, without that option, a
finding asks for one.

- No backend at all: a `backend "s3"` block goes into the existing
  `terraform` block, after `required_version`/`required_providers`; with no
  `terraform` block, a new one opens `backend.tf`, `versions.tf`, ...
  or `main.tf` (tffix does not create files).
- `backend "s3"` missing locking: it is added; not `use_lockfile` where a
  policy of the module grants the state object (`<bucket>/<key>`) but not
  s3:GetObject, s3:PutObject and s3:DeleteObject on the lock object
  `<key>.tflock` beside it: its runners would fail to lock (a finding).
- `encrypt`: without `kms_key_id`, `encrypt = true` makes Terraform ask
  for SSE-S3 (AES256) on every state write, and S3 applies a bucket's
  default encryption only to writes that ask for none
  (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionByDefault.html):
  on a bucket whose default is SSE-KMS with a customer managed key, state
  would leave that key, and a bucket policy requiring `aws:kms` would deny
  every state write after the apply. Every bucket is SSE-S3 encrypted at
  least since 2023-01-05
  (https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html).
  So `encrypt = true` is added only when the backend names its key
  (`kms_key_id`, `sse_customer_key`), or the module manages the state
  bucket (same name) with SSE-S3 default encryption and a policy that
  conditions writes on `x-amz-server-side-encryption` without naming
  `aws:kms` (it may require the AES256 header the line sends). On an
  SSE-S3 bucket no policy asks for a header, the line would change
  nothing and is not written (noted under `-v`); otherwise a finding names
  the state bucket's encryption as the fact to check. A literal
  `encrypt = false` is kept and reported (it may be what lets the bucket's
  SSE-KMS default apply). A new backend gets
  no `encrypt` line (its bucket comes from `-backend-config`), with that
  finding.
- Another backend type (`gcs`, `remote`, a `cloud` block, ...) is a choice
  and is left alone, except `local`, which is reported.
- Only deployments get a backend. A directory that configures a provider
  or declares a backend is one unless something marks it otherwise: a
  path (inside the repository) under `examples/`, `tests/`, `test/`,
  `fixtures/`, `modules/` or `.terraform/`, Terratest files, a
  `configuration_aliases` declaration, or a `module` block elsewhere in
  the repository whose relative `source` calls it. Terraform ignores a
  backend in a called module and warns; in an example it is noise every
  user of the module copies. These are left alone (the reason is listed
  under `-v`). A provider-only directory that calls the module of an
  enclosing directory (`source = "../"`) may be a deployment or a demo:
  reported, not changed.

Fix safety: unsafe, so it runs only with `--unsafe-fixes`. Adding or
changing a backend changes where state lives: the next `terraform init`
asks to migrate the state (`terraform init -migrate-state` with the
`-backend-config` flags, once, by someone with access to both), and a
pipeline that runs `init` non-interactively fails until it passes the
bucket, key and region. What it checks first: that the directory is a
deployment on AWS (above), that no `cloud` block or other backend type
was chosen, and which Terraform versions `required_version` admits
(`use_lockfile` needs Terraform >= 1.10; older versions would reject
the backend, and no `required_version` rules nothing out). A deployment
with no backend at all keeps local state on purpose as often as not
(samples, tutorials, a team's own workflow): it is reported, and a
backend is written only with the `add_backend` option. It never
removes or rewrites a setting the backend has (see
https://developer.hashicorp.com/terraform/language/backend/s3 and
https://developer.hashicorp.com/terraform/language/backend#partial-configuration).

Example:

    terraform {
      required_version = ">= 1.10"
    -  backend "s3" {}
    +  backend "s3" {
    +    # bucket, key and region: terraform init -backend-config=...
    +    use_lockfile = true
    +  }
    }
"""

    def triggers(self, ctx: ModuleContext) -> list[tuple[str, n.Block]]:
        """Where the decision about a candidate root module on AWS goes: each backend
        (or cloud) block, else the terraform block a backend would go into, else the
        block a new terraform block would be put above."""
        if not _candidate(ctx):
            return []
        blocks = _terraform_blocks(ctx)
        if any(ctx.waived(block) for _p, block in blocks):
            return []
        return _decision_points(ctx, blocks)

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        if not _candidate(ctx):
            return
        blocks = _terraform_blocks(ctx)
        if any(ctx.waived(block) for _p, block in blocks):
            return
        root = classify(ctx.directory, ctx.files)
        if not root.is_deployment:
            for path, block in _decision_points(ctx, blocks):
                if root.role is Role.UNKNOWN:
                    yield self.manual(
                        path,
                        block,
                        "no backend added: cannot tell whether this directory is deployed: it "
                        f'{root.reason}; if it is, declare backend "s3" {{}} in its '
                        "terraform block and run TF002 again",
                    )
                else:
                    yield self.fine(path, block, f"no backend added: the directory {root.reason}")
            return
        clouds = [(p, c) for p, b in blocks for c in b.body.blocks_of_type("cloud")]
        for path, cloud in clouds:
            yield self.fine(path, cloud, "HCP Terraform (the cloud block) keeps the state")
        if clouds:
            return
        backends = _backends(blocks)
        lockfile = self._lockfile(ctx)
        if backends:
            for path, backend in backends:
                yield from self._complete(ctx, path, backend, lockfile)
            return
        if not self.settings["add_backend"]:
            # Moving local state is a migration a team plans (samples and tutorials keep
            # local state on purpose): said, not done, unless asked for.
            where, block = _decision_points(ctx, blocks)[0]
            yield self.manual(
                where,
                block,
                'no backend: the state is local (terraform.tfstate); declare backend "s3" {} '
                "(bucket, key and region from -backend-config) and run terraform init "
                "-migrate-state, or set TF002's add_backend option to have it written",
            )
            return
        yield from self._add(ctx, blocks, lockfile)

    # ---- a backend block exists ------------------------------------------------

    def _complete(
        self, ctx: ModuleContext, path: str, backend: n.Block, lockfile: bool
    ) -> Iterator[Finding]:
        kind = backend.labels[0] if backend.labels else ""
        if kind == "local":
            yield self.manual(
                path,
                backend,
                'backend "local" keeps state on one disk, unlocked: use an S3 backend '
                "(encrypt = true and locking)",
            )
            return
        if kind != "s3":
            yield self.fine(
                path, backend, f'backend "{kind}" is the team\'s choice of state storage'
            )
            return
        body = backend.body
        changed = False
        added = []
        encrypt = body.attribute("encrypt")
        keyed = any(body.attribute(a) is not None for a in _KEY_SETTINGS)
        if encrypt is None:
            # encrypt = true without a key makes every state write ask for SSE-S3
            # (AES256), which replaces the bucket's default encryption: written only
            # when the backend names its key or the module shows an SSE-S3 state bucket.
            blocker = None if keyed else _state_bucket_problem(ctx, body)
            if blocker is not None and blocker.startswith(_REPEATS):
                yield self.fine(path, backend, f'backend "s3": no encrypt = true added: {blocker}')
            elif blocker is not None:
                yield self.manual(
                    path, backend, f'backend "s3": no encrypt = true added: {blocker}'
                )
            else:
                anchor = _last_attribute(body)
                if anchor is None and body.items:
                    edit.insert(backend, "encrypt = true", before=body.items[0])
                else:
                    new = edit.insert(backend, "encrypt = true", after=anchor)
                    if anchor is None and "#" not in backend.code and "//" not in backend.code:
                        _comment_above(new, _COMMENT)
                added.append("encrypt = true")
        elif m.Literal(False).matches(encrypt.value):
            # A deliberate value: with no key named it may be what lets the bucket's
            # SSE-KMS default apply; said, not changed.
            yield self.manual(
                path,
                encrypt,
                'backend "s3" sets encrypt = false, kept as written (it may be what lets the '
                "state bucket's SSE-KMS default apply): "
                + (
                    "with kms_key_id/sse_customer_key set, state is encrypted with that key "
                    "only once encrypt = true; set it if that key is meant"
                    if keyed
                    else _ENCRYPT_FACT
                ),
            )
            changed = True
        locked = any(body.attribute(a) is not None for a in ("use_lockfile", "dynamodb_table"))
        if not locked:
            line = self._lock_line(lockfile)
            narrow = _lock_object_denied(ctx, body) if line == "use_lockfile = true" else None
            if narrow is not None:
                yield self.manual(
                    path,
                    backend,
                    f'backend "s3": no use_lockfile = true added: {narrow}; with S3 native '
                    "locking Terraform writes and deletes the lock object <key>.tflock "
                    "beside the state on every plan and apply, so those runs would fail with "
                    "AccessDenied (https://developer.hashicorp.com/terraform/language/backend/s3"
                    "#s3-bucket-permissions): allow s3:GetObject, s3:PutObject and "
                    "s3:DeleteObject on it there, then add use_lockfile = true",
                )
                line = None
                changed = True
            elif line is None:
                yield self.manual(
                    path,
                    backend,
                    _NO_LOCK,
                )
            else:
                anchor = body.attribute("encrypt") or _last_attribute(body)
                new = edit.insert(backend, line, after=anchor)
                if anchor is None and "#" not in backend.code and "//" not in backend.code:
                    _comment_above(new, _COMMENT)
                added.append(line)
        if added:
            needs = "".join(
                _LOCK_NEEDS[a.split(" ")[0]] for a in added if a.split(" ")[0] in _LOCK_NEEDS
            )
            yield self.fixed(path, backend, f'backend "s3": added {", ".join(added)}{needs}')
        elif not changed and locked and encrypt is not None:
            yield self.fine(path, backend, 'backend "s3" is encrypted and locked')

    # ---- no backend at all -----------------------------------------------------

    def _add(
        self, ctx: ModuleContext, blocks: list[tuple[str, n.Block]], lockfile: bool
    ) -> Iterator[Finding]:
        # No encrypt = true: the state bucket comes from -backend-config, and whether
        # asking for SSE-S3 suits it depends on its default encryption (reported).
        lines = [_COMMENT]
        lock = self._lock_line(lockfile)
        if lock is not None:
            lines.append(lock)
        inner = "".join(f"  {line}\n" for line in lines)
        backend = f'backend "s3" {{\n{inner}}}'
        if blocks:
            path, block = _home(blocks)
            anchor = next(
                (
                    item
                    for name in _ANCHORS
                    for item in reversed(block.body.items)
                    if _item_name(item) == name
                ),
                None,
            )
            if anchor is None and block.body.items:
                new = edit.insert(block, backend, before=block.body.items[0], blank_line_after=True)
            else:
                new = edit.insert(block, backend, after=anchor, blank_line=anchor is not None)
            new = block  # report at the terraform block: the new lines have no position yet
            where = path
        else:
            # A new terraform block goes above the first block of the home file;
            # the finding is reported there (the new lines have no position yet).
            where, new = _decision_points(ctx, blocks)[0]
            module = ctx.files[where]
            text = "terraform {\n" + "".join(f"  {line}\n" for line in backend.split("\n")) + "}"
            edit.insert(module, text, before=new, blank_line_after=True)
        yield self.fixed(
            where,
            new,
            'added a partial backend "s3" (bucket, key and region come from -backend-config)',
        )
        yield self.manual(where, new, f'backend "s3": no encrypt = true added: {_UNNAMED}')
        if lock is None:
            yield self.manual(
                where,
                new,
                _NO_LOCK,
            )

    # ---- locking ---------------------------------------------------------------

    def _lockfile(self, ctx: ModuleContext) -> bool:
        """True when S3 native locking (use_lockfile) is the right lock for this module."""
        lock = self.settings["lock"]
        if lock == "lockfile":
            return True
        if lock == "dynamodb":
            return False
        if lock != "auto":
            raise ValueError(f"TF002: lock must be auto, lockfile or dynamodb, not {lock!r}")
        floors = []
        for module in ctx.files.values():
            for block in module.body.blocks_of_type("terraform"):
                version = block.body.attribute("required_version")
                if version is None:
                    continue
                value = m.string_value(version.value)
                if value is None:
                    return False  # computed: cannot tell, be conservative
                floors.append(_floor(value))
        # No required_version says nothing about the Terraform that runs init, and
        # before 1.10 init rejects use_lockfile ("An argument named ... is not expected").
        return bool(floors) and all(f is not None and f >= _LOCKFILE_SINCE for f in floors)

    def _lock_line(self, lockfile: bool) -> str | None:
        if lockfile:
            return "use_lockfile = true"
        table = self.settings["lock_table"]
        if table:
            return f"dynamodb_table = {json.dumps(str(table))}"
        return None


# ---- helpers -------------------------------------------------------------------

# Resources whose policy may be what lets Terraform's runners read and write the state.
_POLICY_HOLDERS = (
    "aws_iam_role_policy",
    "aws_iam_user_policy",
    "aws_iam_group_policy",
    "aws_iam_policy",
    "aws_s3_bucket_policy",
)
_LOCK_ACTIONS = ("s3:GetObject", "s3:PutObject", "s3:DeleteObject")


def _lock_object_denied(ctx: ModuleContext, backend: n.Body) -> str | None:
    """Why the module's own policies would deny S3 native locking, or None: a policy
    that grants the state object (``arn:aws:s3:::<bucket>/<key>``) but not every action
    on the lock object ``<key>.tflock`` beside it. Such a policy is written for the
    runners of this backend, so they would get AccessDenied on the lock."""
    from fnmatch import fnmatchcase

    from tffix.aws.policies import Reader

    bucket = _body_string(backend, "bucket")
    key = _body_string(backend, "key")
    if bucket is None or key is None:
        return None
    state = f"arn:aws:s3:::{bucket}/{key}"
    lock = f"{state}.tflock"
    reader = Reader(ctx.analysis)
    granting: list[str] = []
    covered: set[str] = set()
    for type_ in _POLICY_HOLDERS:
        for _path, holder in ctx.analysis.resources(type_):
            policy = holder.body.attribute("policy")
            if policy is None:
                continue
            where = f"{type_}.{holder.labels[1]}"
            for statement in reader.document(policy.value, where).statements:
                if statement.effect != "Allow" or statement.resources is None:
                    continue
                patterns = [r.lower() for r in statement.resources if isinstance(r, str)]
                actions = [a.lower() for a in statement.actions or [] if isinstance(a, str)]
                if any(fnmatchcase(state.lower(), p) for p in patterns):
                    granting.append(where)
                if any(fnmatchcase(lock.lower(), p) for p in patterns):
                    covered |= {
                        wanted
                        for wanted in _LOCK_ACTIONS
                        if any(fnmatchcase(wanted.lower(), a) for a in actions)
                    }
    missing = [a for a in _LOCK_ACTIONS if a not in covered]
    if not granting or not missing:
        return None
    return (
        f"{granting[0]} grants the state object {state} but not {', '.join(missing)} on the "
        f"lock object {lock}"
    )


def _body_string(body: n.Body, name: str) -> str | None:
    """The literal string value of argument ``name`` of ``body``, or None."""
    attribute = body.attribute(name)
    return m.string_value(attribute.value) if attribute is not None else None


def _candidate(ctx: ModuleContext) -> bool:
    """A module on AWS that configures a provider or a backend: a root module, if any is.

    Whether it is one a team deploys (not an example, a test fixture or a
    called module) is ``roots.classify``'s question, answered in ``fix``.
    """
    blocks = [b for module in ctx.files.values() for b in module.body.blocks]
    configures = any(
        b.type == "provider"
        or (
            b.type == "terraform"
            and (b.body.blocks_of_type("backend") or b.body.blocks_of_type("cloud"))
        )
        for b in blocks
    )
    # An S3 backend only makes sense for a stack on AWS (not for alicloud, oci, ...).
    return configures and any(
        (b.type == "provider" and b.labels[:1] == ["aws"])
        or (b.type in ("resource", "data") and b.labels[:1] and b.labels[0].startswith("aws_"))
        for b in blocks
    )


def _terraform_blocks(ctx: ModuleContext) -> list[tuple[str, n.Block]]:
    return [
        (path, block)
        for path, module in ctx.files.items()
        for block in module.body.blocks
        if block.type == "terraform"
    ]


def _backends(blocks: list[tuple[str, n.Block]]) -> list[tuple[str, n.Block]]:
    return [(p, backend) for p, b in blocks for backend in b.body.blocks_of_type("backend")]


def _decision_points(
    ctx: ModuleContext, blocks: list[tuple[str, n.Block]]
) -> list[tuple[str, n.Block]]:
    """The blocks TF002's decisions are reported at: every backend and cloud block; else
    the terraform block a backend goes into; else the first block of the file a new
    terraform block opens."""
    existing = _backends(blocks) + [
        (p, c) for p, b in blocks for c in b.body.blocks_of_type("cloud")
    ]
    if existing:
        return existing
    if blocks:
        return [_home(blocks)]
    path = _home_file(ctx)
    return [(path, ctx.files[path].body.blocks[0])]


def _state_bucket_problem(ctx: ModuleContext, backend: n.Body) -> str | None:
    """Why ``encrypt = true`` (no key) may not be right for this backend's state bucket,
    or would change nothing (starts with ``_REPEATS``: an SSE-S3 bucket no policy asks
    for a header), or None when the module shows an SSE-S3 state bucket whose policy
    may require writes to ask for AES256 (which the line does)."""
    named = backend.attribute("bucket")
    name = m.string_value(named.value) if named is not None else None
    if name is None:
        return _UNNAMED
    resolver = Resolver(ctx.analysis)
    buckets = [(p, b) for p, b in ctx.analysis.resources(BUCKET) if name in resolver.names_of(b)[0]]
    if not buckets:
        return (
            f'the state bucket "{name}" is not managed in this module, so its default '
            f"encryption and policy are not shown: {_ENCRYPT_FACT}; check the bucket, then "
            "set encrypt = true (with kms_key_id = <its key ARN> on an SSE-KMS bucket)"
        )
    bucket = buckets[0][1]
    label = ".".join(bucket.labels)
    algorithms: list[tuple[str | None, str]] = []  # (sse_algorithm or None, its key's code)
    rules = [c for c in bucket.body.blocks_of_type("server_side_encryption_configuration")]
    for _p, config in ctx.analysis.resources(f"{BUCKET}_server_side_encryption_configuration"):
        target = config.body.attribute("bucket")
        if target is None:
            continue
        designated = resolver.designates(target.value, config, bucket)
        if designated is None:
            return (
                f"the module does not show whether {'.'.join(config.labels)} configures the "
                f"state bucket {label}'s encryption: {_ENCRYPT_FACT}"
            )
        if designated:
            rules.append(config)
    for rule in rules:
        for default in _nested(rule, "rule", "apply_server_side_encryption_by_default"):
            chosen = default.body.attribute("sse_algorithm")
            master = default.body.attribute("kms_master_key_id")
            algorithms.append(
                (
                    m.string_value(chosen.value) if chosen is not None else None,
                    " ".join(master.value.code.split()) if master is not None else "",
                )
            )
    for algorithm, key in algorithms:
        if algorithm is None:
            return (
                f"the state bucket {label}'s default encryption is not written as a "
                f"literal here: {_ENCRYPT_FACT}"
            )
        if algorithm.startswith("aws:kms"):
            which = f" ({key})" if key else " (the AWS managed key aws/s3)"
            return (
                f"the state bucket {label} defaults to {algorithm}{which}, and encrypt = true "
                "without kms_key_id would store state with SSE-S3 instead (S3 applies the "
                f"default only to writes that ask for none: {_SSE_DEFAULT}), which a policy "
                "requiring aws:kms also denies: set kms_key_id = <that key's ARN> together "
                "with encrypt = true (a backend takes literal values only)"
            )
    conditioned = False
    for module in ctx.files.values():
        text = module.code
        if "x-amz-server-side-encryption" in text:
            conditioned = True
            if "aws:kms" in text:
                return (
                    "a policy of the module conditions writes on x-amz-server-side-encryption "
                    f"and names aws:kms: {_ENCRYPT_FACT}; check which the state bucket {label} "
                    "requires"
                )
    if conditioned:
        return None  # a policy may require writes to ask for AES256: encrypt = true does
    return (
        f"{_REPEATS} the state bucket {label} encrypts every object with SSE-S3 by default "
        f"({_SSE_S3_BASE}) and no policy of the module asks writes for an encryption header"
    )


# How the decision not to write a line that changes nothing begins (a note, not a finding).
_REPEATS = "it would only repeat what the bucket does:"


def _nested(block: n.Block, *path: str) -> list[n.Block]:
    """The blocks at ``path`` under ``block`` (``rule`` / ``apply_...``), literal ones."""
    found = [block]
    for kind in path:
        found = [c for b in found for c in b.body.blocks_of_type(kind)]
    return found


def _floor(constraint: str) -> tuple[int, int] | None:
    """The lowest (major, minor) a version constraint admits, or None when unbounded."""
    floor: tuple[int, int] | None = None
    for clause in constraint.split(","):
        match = _CLAUSE.match(clause)
        if match is None:
            continue
        op = match.group(1) or "="
        version = (int(match.group(2)), int(match.group(3) or 0))
        if op in (">=", ">", "~>", "="):
            floor = version if floor is None else max(floor, version)
    return floor


def _item_name(item: n.Attribute | n.Block) -> str:
    return item.name if isinstance(item, n.Attribute) else item.type


def _last_attribute(body: n.Body) -> n.Attribute | None:
    attributes = body.attributes
    return attributes[-1] if attributes else None


def _home(blocks: list[tuple[str, n.Block]]) -> tuple[str, n.Block]:
    """The terraform block a backend goes into: the one with required_providers, else first."""
    for path, block in blocks:
        if block.body.blocks_of_type("required_providers"):
            return path, block
    return blocks[0]


def _home_file(ctx: ModuleContext) -> str:
    """The file a new terraform block opens: the first of ``_HOME_FILES`` holding a
    block, else the first with a provider block (a candidate module has one)."""
    for name in _HOME_FILES:
        path = ctx.file_named(name)
        if path is not None and ctx.files[path].body.blocks:
            return path
    for path, module in ctx.files.items():
        if module.body.blocks_of_type("provider"):
            return path
    return next(p for p in sorted(ctx.files) if ctx.files[p].body.blocks)


def _comment_above(item: n.Node, comment: str) -> None:
    """Put a ``comment`` line right above ``item``, at its indentation."""
    token = item.first_token
    cut = token.pre.rfind("\n") + 1
    indent = token.pre[cut:]
    newline = "\r\n" if token.pre[:cut].endswith("\r\n") else "\n"
    token.pre = token.pre[:cut] + indent + comment + newline + indent
    edit.touched(item)

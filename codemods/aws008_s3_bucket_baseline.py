"""AWS008 s3-bucket-baseline: every S3 bucket gets its companion security resources.

Since AWS provider v4 a bucket's public access block, versioning, encryption
and lifecycle are separate resources; a bucket written without them is
private only by account defaults, keeps no history and is encrypted with
whatever S3 picks. Which encryption, and whether blocking public access is
safe, depends on who uses the bucket (tffix.aws.s3, tffix.aws.kms); whether
the resources exist depends on the provider version (tffix.aws.provider_versions).
"""

from __future__ import annotations

import re

from tffix.analysis.dynamic import block_type, nested_blocks
from tffix.analysis.evaluate import evaluate
from tffix.analysis.names import find_resource, free_label
from tffix.aws import kms, out_of_band, s3, s3_split
from tffix.aws import provider_versions as version
from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Option, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from tffix.analysis.module import TakenLabels

_BUCKET = "aws_s3_bucket"
_PAB = "aws_s3_bucket_public_access_block"
# The aws_s3_bucket argument of provider 3.x each companion configures too, when 3.x
# does not compute it (s3_split.V3_COMPUTED: versioning is; the public access block
# has none).
_V3_ARGUMENT = {
    "aws_s3_bucket_server_side_encryption_configuration": "server_side_encryption_configuration",
    "aws_s3_bucket_lifecycle_configuration": "lifecycle_rule",
}
# ModuleContext.memo: addresses of the buckets this run gave AES256 default encryption.
_AES256_ADDED = "aws008.aes256-added"
# ModuleContext.memo: bucket address -> the public access block this run added for it.
_PAB_ADDED = "aws008.public-access-block-added"
_VERSIONING = "aws_s3_bucket_versioning"
_SSE = "aws_s3_bucket_server_side_encryption_configuration"
_LIFECYCLE = "aws_s3_bucket_lifecycle_configuration"
# A misspelt SSE type (seed §2) that TF005 renames: it already encrypts the bucket.
_SSE_TYPES = (_SSE, "aws_s3_bucket_encryption_configuration")

_PAB_CHECK = "CKV2_AWS_6"
_VERSIONING_CHECK = "CKV_AWS_21"
_SSE_CHECK = "CKV_AWS_145"
_LIFECYCLE_CHECK = "CKV2_AWS_61"

# Legacy (provider v3) inline blocks that already configure one companion.
_INLINE = {
    _VERSIONING: ("versioning",),
    _SSE: ("server_side_encryption_configuration",),
    _LIFECYCLE: ("lifecycle_rule",),
}
_KMS_ALGORITHM = re.compile(r'sse_algorithm\s*=\s*"aws:kms')
# (in HCL, or in a .tf.json block: "sse_algorithm": "AES256")
_AES256 = re.compile(r'sse_algorithm"?\s*[=:]\s*"AES256"')


class S3BucketBaseline(Codemod):
    """Every ``aws_s3_bucket`` gets a public access block, versioning, default encryption
    and, by option, a lifecycle configuration, as companion resources."""

    code = "AWS008"
    name = "s3-bucket-baseline"
    summary = "S3 buckets block public access, keep versions, encrypt with KMS"
    seed_section = "Infrastructure Improvements: Blocked public access on all S3 buckets"
    documentation = (
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
    )
    checks = (_PAB_CHECK, _VERSIONING_CHECK, _SSE_CHECK, _LIFECYCLE_CHECK)
    safety = Safety.SAFE
    options = (
        Option(
            "kms_key_arn",
            None,
            "key for default encryption of buckets no AWS service writes to, when the module "
            "holds no key whose policy lets the account use it through S3: an ARN or an HCL "
            "expression such as var.bucket_key_arn (without it, the AWS managed key aws/s3)",
        ),
        Option(
            "lifecycle",
            False,
            "also add aws_s3_bucket_lifecycle_configuration (abort incomplete uploads, expire "
            "old versions; CKV2_AWS_61) where no versioning is added, including buckets "
            "versioned already, whose older noncurrent versions it deletes",
        ),
        Option(
            "noncurrent_days",
            90,
            "days a replaced object version is kept before it expires, in the rule that "
            "comes with versioning and in the lifecycle option's",
            minimum=1,
        ),
    )
    explanation = """\
Why: since AWS provider v4 an `aws_s3_bucket` is only the bucket; blocking
public access, versioning and default encryption are separate resources, and
a bucket written without them is private only as long as the account-wide
settings say so, loses every overwritten or deleted object for good, and is
encrypted with a key you do not control. Blocking public access on every
bucket that is not public on purpose is the baseline; checkov checks all of
it (CKV2_AWS_6, CKV_AWS_21, CKV_AWS_145, and CKV2_AWS_61 for lifecycle rules).

What it does: for every bucket, right after it and in the same file, adds
whichever of these is missing, each pointing at the bucket by expression
(`bucket = aws_s3_bucket.x.id`):

- `aws_s3_bucket_public_access_block` with all four flags true;
- `aws_s3_bucket_versioning` with status `Enabled`, only together with a
  lifecycle rule expiring noncurrent versions after `noncurrent_days` (90):
  a new `aws_s3_bucket_lifecycle_configuration` with one rule for every
  object (`filter {}`) that expires them and also aborts multipart uploads
  still incomplete after 7 days (their parts are billed but never readable;
  AWS recommends this rule for every bucket, and S3 refuses the abort action
  only in a rule filtered by tags, S3 User Guide,
  https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpu-abort-incomplete-mpu-lifecycle-config.html;
  checkov CKV_AWS_300), after the versioning resource (`depends_on`, as the
  provider documentation does); or that rule added to the bucket's existing
  configuration, beside its rules (without the abort action where one of
  them aborts uploads already, under an ID none of them has); nothing more
  where a rule already expires noncurrent versions. The rule's arguments
  are part of the resource since it appeared (3.75.0/4.0.0, below);
- `aws_s3_bucket_server_side_encryption_configuration`, with the encryption
  the bucket's users can work with (below) and bucket keys on for KMS;
- with the `lifecycle` option, the same lifecycle configuration on buckets
  that get no versioning here too. A bucket versioned already, with no
  lifecycle configuration, gets it only with this option (and the finding
  says that older noncurrent versions will be deleted); without it, a
  finding asks a person how long noncurrent versions must be kept, since a
  rule would delete those kept so far.

A bucket given to a child module (its name, ID or ARN as a module input)
may get companions from that module: one of a kind the child declares (a
local source, read as text), or any kind when the source is not read here
(a registry or Git module), is not added, with a finding; two versioning or
encryption resources for one bucket overwrite each other on every apply.

Each companion lives where its bucket does: the same `provider` (another
region or account), the same `count` (`[count.index]`) or one instance per
bucket instance (`for_each = aws_s3_bucket.x`, `[each.key]`), and waits for
what the bucket waits for (its `depends_on`). A new public access block also
waits for the bucket's `aws_s3_bucket_policy`: S3 refuses to change both at
once (409 OperationAborted, hashicorp/terraform-provider-aws#7628).

Which encryption: S3 server access logs (a bucket named as `target_bucket`
of a logging configuration, or whose ACL is `log-delivery-write` or grants
the LogDelivery group, the ACL way of receiving them; a bucket that sends
its own logs to another bucket is not a target), Application/Classic Load Balancer
access logs (also a bucket policy letting in the ELB account of a Region),
Redshift audit logs, a CloudFront origin access identity and replication
without `sse_kms_encrypted_objects` work only with SSE-S3: those buckets get
`AES256`. VPC Flow Logs, CloudTrail, AWS Config, WAF, Network Firewall,
Route 53 Resolver and MSK logs, CloudFront logging (the legacy
`logging_config` and CloudWatch Logs delivery destinations) and origin
access control, Network Load Balancer logs, Global Accelerator, VPC Lattice
and Verified Access logs, CloudWatch Logs exports, Cost and Usage Reports,
SES, S3 Inventory and analytics exports, and any other service principal a
bucket policy lets in (also one spelled with the partition's DNS suffix) can
use a customer-managed key only when the key policy lets their service
principal in (the AWS managed key aws/s3 admits only principals of the
account): such a bucket gets a key of the module (same provider, made for
nothing else) whose policy does; or, when the module has exactly one such
key, its policy is written in `jsonencode` or `aws_iam_policy_document` form
(or not written: the default one is written out first) and the services'
statement is documented (`delivery.logs.amazonaws.com`:
`kms:GenerateDataKey*`, VPC User Guide, "Permissions for flow logs to Amazon
S3"), that key with the statement added, which the finding says; else
`AES256`. Firehose writes with an IAM role: a module key whose policy leaves
its use to IAM when the role's policies allow `kms:GenerateDataKey` and
`kms:Decrypt`, else `AES256`. A bucket no service uses gets a module key
whose policy lets the account's principals use it through S3, else the
`kms_key_arn` option, else the AWS managed key `aws/s3`, which every
principal of the account that may write the bucket may use (S3 uses aws/s3
when `aws:kms` names no `kms_master_key_id`:
https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionByDefault.html).
The finding says which key default encryption uses and, for aws/s3, why not
each key of the module: made for another resource (a log group's key), not
symmetric, counted, on another provider, or a policy that leaves the key's
use to IAM policies (the default key policy), which writers allowed by the
bucket alone lack, so their uploads would fail. A bucket policy
letting in principals of possibly other accounts (or an ACL granting a
canonical user that is not the module's own, or an e-mail grantee), or the
principal `*` under conditions, makes encryption a person's decision or
`AES256`: principals of another account cannot use aws/s3. A bucket
holding objects of the module (`aws_s3_object`, `aws_s3_bucket_object`, with
`count`/`for_each` too, or of a local child module given the bucket) tracked
by `etag = filemd5(...)` gets `AES256`: the ETag of an SSE-KMS object is not
the MD5 of its content, so every plan would show the object changed and
every apply upload it again (provider documentation of `etag`: "not
compatible with KMS encryption ... see source_hash instead"); when the
`kms_key_arn` option asks for KMS, a finding says to track those objects by
`source_hash` first. `AES256` chosen on purpose gets a
`# checkov:skip=CKV_AWS_145:<reason>` comment.

Public on purpose: a website configuration, a `public-read`,
`public-read-write` or `authenticated-read` ACL, an ACL grant to the AllUsers
or AuthenticatedUsers group, or a bucket policy with an Allow statement for
the principal `*` (not pinned by a condition such as `aws:SourceVpce`) gets
no public access block, which would break it, only a finding. A condition on
`aws:PrincipalOrgID`, `aws:PrincipalAccount` or `aws:PrincipalArn` does not
pin it: S3 does not count those keys among the ones that make a policy
non-public, so the block would shut the other accounts out (a finding).
Ownership controls that enable ACLs (`BucketOwnerPreferred`, `ObjectWriter`)
make a bucket possibly public too: objects may be written with public ACLs,
which the block would refuse or ignore. Objects written with a public ACL are
public on purpose: an `aws_s3_object` with `acl = "public-read"` (possibly
public when the ACL comes from an input), or a command that uploads or
re-grants them so (`--acl public-read`, a grant to AllUsers, boto3's
`ACL='public-read'`); BlockPublicAcls would make those uploads fail and
IgnorePublicAcls make the objects private. A CloudFront origin reading the
bucket without an origin access identity or control reads as an anonymous
user: the objects are public by means the module does not show (possibly
public). An ACL or
policy whose value comes from a variable (a module input) or that cannot be
read counts as possibly public: no public access block, a finding. A policy
of Deny statements only (the usual TLS-only guard) is not public.

Fix safety: safe. It adds resources and never changes or removes one,
except that where lifecycle rules expire objects it adds to each such rule a
`noncurrent_version_expiration` of 1 day before turning versioning on
(otherwise the expired data would be kept as noncurrent versions forever;
1 day, not the rule's days, so that data the author deletes after N days on
purpose is gone about N days after it was written, not 2N), and where no
enabled rule covers every object (rules filtered by a prefix, tags or sizes
act on that subset only) a `filter {}` rule expiring noncurrent versions;
nothing is replaced. What it could break, and what it
checks first:

- versioning keeps every overwritten or deleted object as a noncurrent
  version, billed until a lifecycle rule expires it, and once on it can only
  be suspended: a cache or build-output bucket would grow without bound. It
  is added only with a rule expiring noncurrent versions (above); where that
  rule cannot be written (inline `lifecycle_rule` blocks of provider v3
  style, which a separate configuration would fight; a waived CKV2_AWS_61; a
  lifecycle configuration whose bucket the module does not show; dynamic
  rules; a provider without the resource) versioning is reported instead.
  The rule deletes only versions noncurrent for `noncurrent_days`: versions
  of a bucket versioned outside Terraform would expire too, and a new
  lifecycle configuration replaces rules set outside Terraform (S3 stores
  one configuration per bucket); the module cannot show either. The abort
  action ends multipart uploads not completed within 7 days: an upload kept
  open longer than that (rare; the SDKs' transfer managers finish or abort
  their own) would fail;

- blocking public access breaks public access on purpose: it reads ACLs,
  grants, website configurations and policies, and reports instead when they
  are public or come from values the module does not show;
- a KMS key the writers or readers cannot use stops log delivery, CloudFront
  origins or replication, and turns writes of roles without
  `kms:GenerateDataKey` into AccessDenied: it reads who uses the bucket
  (flow logs, trails, Config, WAF, Firehose, CloudFront, load balancers,
  access logging, replication, inventory, and service principals in the
  bucket policy) and the key policies, and falls back to SSE-S3 or the AWS
  managed key as above. Principals outside the module that read the bucket
  from another account are not visible unless the bucket policy names them;
  objects of the module tracked by `etag`, and those of a local child
  module given the bucket, get SSE-S3, as SSE-KMS would keep their plans
  from converging (a registry or Git module given the bucket is not read:
  no encryption is added for such a bucket);
- a resource the allowed provider versions lack fails `plan`: it reads the
  `required_providers` constraints (and `.terraform.lock.hcl`) and reports
  instead; the split-out S3 resources exist from 3.75.0 on;
- two resources configuring one bucket fight: it resolves what every
  companion's `bucket` designates (references, locals, variables, `for_each`
  over buckets, literal names) and reports when it cannot tell, or when a
  child module given the bucket may configure it;
- a setting made by a command fights a resource too (S3 keeps one lifecycle
  configuration, versioning state, default encryption, public access block,
  policy per bucket, and each Put replaces it whole,
  https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html):
  it reads provisioners of any resource (`null_resource`, `terraform_data`,
  the bucket's own), the scripts of the module they run, `data "external"`
  programs and `user_data` for `aws s3api put-bucket-*`/`delete-bucket-*`,
  boto3's `put_bucket_*`, the PowerShell and `s3cmd` equivalents, follows
  their `--bucket` through references, locals, `environment` and
  `self.triggers`/`self.input`, and adds nothing of a kind a command sets
  (or may set: its bucket is not shown), with a finding naming the command.
  A lifecycle configuration set by a command means no versioning either:
  the rule expiring noncurrent versions belongs in that configuration. A
  policy, ACL or website set by a command makes the bucket possibly public;
  a bucket a command makes the target of server access logs gets `AES256`.
  Companions that exist but turn off what it adds (a public access block
  with a setting false or left out, on a bucket not public on purpose;
  versioning `Suspended`; default encryption `AES256` on a private bucket no
  SSE-S3-only service writes to, without a CKV_AWS_145 waiver) are left as
  their author chose and reported.
  A bucket with S3 Object Lock (`object_lock_enabled`, its
  `object_lock_configuration`, an `aws_s3_bucket_object_lock_configuration`)
  is versioned for good already: no versioning and no rule expiring its
  noncurrent versions is added (they are kept on purpose so far), only the
  finding asking how long to keep them.
  Lifecycle rules that act on noncurrent versions (a
  `noncurrent_version_transition` or `noncurrent_version_expiration`) on a
  bucket the module does not version say it is versioned elsewhere (the
  console, another configuration): no versioning and no rule is added there,
  with a finding, unless a rule for every object expires noncurrent versions
  already and nothing needs changing; a rule expiring noncurrent versions
  would delete the old versions kept so far.
  A bucket whose `aws_s3_bucket_notification` tells a consumer of
  `s3:ObjectRemoved:Delete` (or `s3:LifecycleExpiration:Delete`) but not of
  delete markers gets no versioning, with a finding: once versioned, S3 sends
  those types only when a version is deleted for good, and an ordinary delete
  sends `s3:ObjectRemoved:DeleteMarkerCreated`, which the consumer does not
  receive.
  A bucket without `force_destroy = true` that a destroy-time provisioner
  (or the script it runs) empties (`aws s3 rm --recursive`, `aws s3 rb
  --force`, `delete-objects`, boto3's `objects.all().delete()`,
  `Remove-S3Object`, `s3cmd del`) without deleting object versions gets no
  versioning, with a finding: on a versioned bucket those commands leave
  every version behind, and destroying the bucket would then fail with
  BucketNotEmpty.

In a module made to be called (marked by its place, such as `modules/`, or
by a caller, or with no provider or backend and inputs without defaults or
declared in files not given; tffix.analysis.roots), nothing is added: every
caller's buckets would change with no way to opt out, and versioning, once
on, can only be suspended. Each bucket gets a finding naming the inputs to
add for what is missing (`var.block_public_access`,
`var.versioning_enabled`, `var.sse_algorithm`/`var.kms_key_arn`); a
companion the module already configures from an input is the callers'
choice. AWS002 does the same for tables. Where nothing says which it is (no
provider, no backend, no input without a default, no caller in the
repository: a root taking its provider from the environment, or a module
called from elsewhere; `roots.module_use` is EITHER, the answer the AWSV4
import writer uses too), default encryption is added as SSE-S3 (`AES256`:
readers a caller may give the bucket, such as a CloudFront origin access
identity, cannot use a KMS key), and versioning (which
can only be suspended once on) and the public access block (a caller may
attach a public policy or ACL to the bucket) are not: a finding names the
fact and the input to add.

A `#checkov:skip=` of one of the checks waives only that companion;
`# tffix: ignore[AWS008]` waives the bucket. Sources:
https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html.

Example:

    resource "aws_s3_bucket" "artifacts" {
      bucket = "pipeline-artifacts"
    }
    +
    +resource "aws_s3_bucket_public_access_block" "artifacts" {
    +  bucket = aws_s3_bucket.artifacts.id
    +
    +  block_public_acls       = true
    +  block_public_policy     = true
    +  ignore_public_acls      = true
    +  restrict_public_buckets = true
    +}
    +
    +resource "aws_s3_bucket_versioning" "artifacts" {
    +  bucket = aws_s3_bucket.artifacts.id
    +
    +  versioning_configuration {
    +    status = "Enabled"
    +  }
    +}
    +
    +resource "aws_s3_bucket_server_side_encryption_configuration" "artifacts" {
    +  bucket = aws_s3_bucket.artifacts.id
    +
    +  rule {
    +    apply_server_side_encryption_by_default {
    +      sse_algorithm = "aws:kms"
    +    }
    +    bucket_key_enabled = true
    +  }
    +}
    +
    +resource "aws_s3_bucket_lifecycle_configuration" "artifacts" {
    +  bucket = aws_s3_bucket.artifacts.id
    +
    +  rule {
    +    id     = "baseline"
    +    status = "Enabled"
    +
    +    filter {}
    +
    +    abort_incomplete_multipart_upload {
    +      days_after_initiation = 7
    +    }
    +
    +    noncurrent_version_expiration {
    +      noncurrent_days = 90
    +    }
    +  }
    +
    +  depends_on = [aws_s3_bucket_versioning.artifacts]
    +}
"""

    def triggers(self, ctx: ModuleContext) -> Iterable[tuple[str, n.Block]]:
        """Every bucket (not waived): each gets companions, a finding, or a reason."""
        return ctx.targets(_BUCKET)

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        from tffix.analysis.roots import Use, module_use
        from tffix.aws.policy_edit import KeyPolicyEditor

        resolver = s3.Resolver(ctx.analysis)
        taken = ctx.analysis.taken_labels()
        self._editor = KeyPolicyEditor(ctx)
        use = module_use(ctx.directory, ctx.files, ctx.analysis)
        self._library = use.reason if use.use is Use.CALLED else None
        # Root or called is not shown: nothing that cannot be undone (versioning).
        self._either = use.reason if use.use is Use.EITHER else None
        self._outside = out_of_band.Settings(ctx.analysis, resolver)
        for path, bucket in ctx.targets(_BUCKET):
            yield from self._bucket(ctx, resolver, taken, path, bucket)
        yield from self._order_added_blocks(ctx, resolver)

    def _order_added_blocks(self, ctx: ModuleContext, resolver: s3.Resolver) -> Iterator[Finding]:
        """A public access block this run added waits for the bucket policies written
        since (the provider v4 split moves an inline ``policy`` into an
        aws_s3_bucket_policy in a later codemod of the same run): S3 refuses concurrent
        changes of a bucket's policy and public access block (OperationAborted, 409)."""
        added: dict[str, str] = ctx.memo.get(_PAB_ADDED, {})
        if not added:
            return
        blocks = {f"{_PAB}.{b.labels[1]}": b for _p, b in ctx.analysis.resources(_PAB)}
        for _path, bucket in ctx.analysis.resources(_BUCKET):
            pab = blocks.get(added.get(f"{_BUCKET}.{bucket.labels[1]}", ""))
            if pab is None:
                continue
            for policy in _policies(ctx, resolver, bucket):
                if s3_split.add_depends_on(pab, policy):
                    yield self.fixed(
                        ctx.file_for(pab),
                        pab,
                        f"{_PAB}.{pab.labels[1]}: waits for {policy} (depends_on), as S3 "
                        "refuses concurrent changes of a bucket's policy and public access "
                        "block (OperationAborted, 409)",
                    )

    def _bucket(
        self,
        ctx: ModuleContext,
        resolver: s3.Resolver,
        taken: TakenLabels,
        path: str,
        bucket: n.Block,
    ) -> Iterator[Finding]:
        checks = ctx.waived_checks(bucket)
        address = f"{_BUCKET}.{bucket.labels[1]}"
        exposed = s3.exposure(ctx.analysis, bucket, resolver)
        manual: list[str] = []
        wanted: list[str] = []
        edits: list[tuple[n.Block, n.Block, str]] = []  # (container, after, text)
        # (lifecycle configuration, its last rule): gets a noncurrent-expiration rule.
        rules: list[tuple[n.Block, n.Block]] = []
        expiring_lifecycle = False  # a lifecycle configuration is added for versioning
        have: dict[str, str] = {}  # companion type -> address of the existing one
        passed = s3.passed_to_modules(ctx.analysis, ctx.directory, bucket, resolver)
        in_children: dict[str, list[str]] = {}  # companion type -> the calls that may add it
        # What commands (provisioners, scripts, user data) set on the bucket: S3 keeps one
        # configuration of each kind, and a resource beside the command would fight it.
        outside = self._outside.of(bucket) if self._outside else []
        if exposed.state == "private":
            settings = [s for s in outside if s.configures in _PUBLIC_SETTINGS]
            if settings and settings[0].configures == out_of_band.OBJECT_ACL:
                exposed = s3.Exposure(
                    "possibly",
                    f"its objects are given a public ACL, which {settings[0].describe()}; a "
                    "public access block would refuse those "
                    f"uploads and make the objects private ({s3.OBJECT_ACL_DOCS})",
                )
            elif settings:
                what = _OUTSIDE_WHAT[settings[0].configures]
                exposed = s3.Exposure(
                    "possibly",
                    f"its {what} {settings[0].describe()}, and its content is not shown",
                )

        def set_outside(type_: str) -> bool:
            """True (with a finding) when a command sets what ``type_`` would."""
            found = [s for s in outside if s.configures == type_]
            if found:
                manual.append(
                    f"{address}: no {type_} added: its {_OUTSIDE_WHAT[type_]} "
                    f"{found[0].describe()}; S3 keeps one such configuration per bucket and "
                    "each call replaces it whole, so a resource here would undo that "
                    "command's settings or be undone by it on every apply (S3 API Reference, "
                    f"{_OUTSIDE_API[type_]}). Keep one of the two: move the settings into "
                    f"{type_} and remove the command, or add what is missing to the command"
                )
            return bool(found)

        def in_child(type_: str) -> bool:
            """True when a module the bucket is given to may configure it that way."""
            types = _SSE_TYPES if type_ == _SSE else (type_,)
            calls = [p.describe(types) for p in passed if p.may_configure(types)]
            if calls:
                in_children[type_] = calls
            return bool(calls)

        def missing(type_: str) -> bool:
            """True when no resource (nor a legacy inline block, nor a command) configures
            it yet."""
            if _inline(bucket, type_) or set_outside(type_):
                return False
            if type_ == _VERSIONING and _object_lock(ctx, resolver, bucket) is not None:
                return False  # versioned for good by S3 Object Lock
            if type_ == _VERSIONING and address in ctx.memo.get(s3.VERSIONING_OFF, ()):
                manual.append(
                    f"{address}: no versioning added: its author turned versioning off on "
                    "purpose (versioning { enabled = false }, removed by the provider v4 "
                    "split in this run); to keep it off in later runs, add "
                    "#checkov:skip=CKV_AWS_21:versioning off on purpose above the bucket"
                )
                return False
            found, unsure = _companions(ctx, resolver, bucket, type_)
            if found:
                have[type_] = found[0]
                return False
            if unsure:
                names = ", ".join(unsure)
                manual.append(
                    f"{address}: {names} may already configure this bucket (its bucket argument "
                    "comes from a value the module does not show): no "
                    f"{type_} added; add one if it does not"
                )
                return False
            return not in_child(type_)

        def allowed(type_: str) -> bool:
            # A bucket that sets `region` has its companions written with it (provider 6
            # places each resource in its own region): every admitted provider needs it.
            needs: list[str | None] = [None]
            if bucket.body.attribute("region") is not None:
                needs.append("region")
            lacking = [a for a in needs if version.supports(ctx, type_, a) is not True]
            if not lacking:
                return True
            why = version.explain(ctx, type_, lacking[0])
            manual.append(f"{address}: no {type_} added: {why}{_V3_HINT.get(type_, '')}")
            return False

        # Public access block: never on a bucket that is, or may be, public on purpose.
        if _PAB_CHECK not in checks and missing(_PAB):
            if exposed.state == "public":
                manual.append(
                    f"{address} is public on purpose ({exposed.reason}): no public access "
                    "block added; if it should not be public, remove that and run again"
                )
            elif exposed.state == "possibly":
                manual.append(
                    f"{address} may be public ({exposed.reason}): no public access block "
                    "added, as it would block that access; once the bucket is known to be "
                    "private, add aws_s3_bucket_public_access_block"
                )
            elif allowed(_PAB):
                wanted.append(_PAB)
        # Versioning: not where lifecycle rules expire objects, unless the matching
        # noncurrent-version expiration can be added (else the expired data stays).
        lifecycle_outside = [s for s in outside if s.configures == _LIFECYCLE]
        # A command that empties the bucket before Terraform deletes it: versioned, the
        # bucket keeps every version (delete markers only), and DeleteBucket then fails.
        emptied = self._outside.empties(bucket) if self._outside else []
        force_destroy = bucket.body.attribute("force_destroy")
        if force_destroy is not None and m.Literal(True).matches(force_destroy.value):
            emptied = []  # the provider deletes every version itself
        if _VERSIONING_CHECK not in checks and missing(_VERSIONING) and allowed(_VERSIONING):
            plan = _expiration_plan(ctx, resolver, bucket)
            expiry = None if isinstance(plan, str) else _noncurrent_expiry(ctx, resolver, bucket)
            notified = _delete_notifications(ctx, resolver, bucket)
            kept = _noncurrent_rules(ctx, resolver, bucket)
            if notified:
                manual.append(f"{address}: no versioning added: {notified[0]}")
            elif kept and not (expiry == "ok" and not plan):
                # Rules for noncurrent versions on a bucket the module does not version:
                # it is versioned elsewhere (the console, another configuration), and
                # the versions kept so far are kept on purpose.
                manual.append(
                    f"{address}: no versioning added: {kept[0]} acts on noncurrent versions, "
                    "which exist only in a versioned bucket: it may be versioned where the "
                    "module does not show (the console, another configuration) and keep "
                    "its old versions on purpose, which a rule expiring noncurrent versions "
                    f"after {int(self.settings['noncurrent_days'])} days (or "
                    f"{_RETENTION_NONCURRENT_DAYS} day beside an expiration) would delete "
                    "(and S3 rejects a noncurrent expiration earlier than a noncurrent "
                    "transition of the same rule); if it is versioned, add "
                    f'{_VERSIONING} with status = "Enabled" and decide how long its '
                    "noncurrent versions are kept in those rules "
                    "(https://docs.aws.amazon.com/AmazonS3/latest/userguide/"
                    "lifecycle-configuration-examples.html)"
                )
            elif emptied:
                manual.append(
                    f"{address}: no versioning added: its objects are deleted by "
                    f"`{emptied[0].operation}` in {emptied[0].owner}"
                    + (f" ({emptied[0].where})" if emptied[0].owner.startswith("a script") else "")
                    + (
                        ""
                        if emptied[0].sure
                        else ", whose bucket the module does not show (it may be this one)"
                    )
                    + " before the bucket is destroyed, and on a versioned bucket that deletes "
                    "only the current versions (S3 writes delete markers and keeps every "
                    "version: https://docs.aws.amazon.com/AmazonS3/latest/userguide/"
                    "DeletingObjectVersions.html), so destroying the bucket would fail with "
                    "BucketNotEmpty where it works today (DeleteBucket: every object version "
                    "must be deleted first, https://docs.aws.amazon.com/AmazonS3/latest/API/"
                    "API_DeleteBucket.html); set force_destroy = true on the bucket or delete "
                    "the object versions in that command too, then add versioning"
                )
            elif lifecycle_outside:
                # Its rules may expire objects, which versioning would keep as
                # noncurrent versions, and the rule that expires those belongs in the
                # same (one) configuration: the author's.
                manual.append(
                    f"{address}: no versioning added: its lifecycle configuration "
                    f"{lifecycle_outside[0].describe()}, and with versioning every "
                    "overwritten, deleted or expired object stays as a noncurrent version "
                    "until a rule expires it; add a NoncurrentVersionExpiration rule to that "
                    "configuration, then versioning (https://docs.aws.amazon.com/AmazonS3/"
                    "latest/userguide/lifecycle-expire-general-considerations.html)"
                )
            elif isinstance(plan, str):
                manual.append(f"{address} {plan}")
            elif expiry == "ok" or (plan and any(_whole_bucket(r, ctx) for r, _e, _t in plan)):
                edits.extend(plan)
                wanted.append(_VERSIONING)
            elif plan and isinstance(expiry, tuple):
                # The rules that expire objects cover part of the bucket (a prefix, a
                # tag): they get their noncurrent expiration, and a rule for every object
                # expires the other old versions.
                edits.extend(plan)
                rules.append(expiry)
                wanted.append(_VERSIONING)
            elif plan:
                manual.append(
                    f"{address}: no versioning added: its lifecycle rules that expire objects "
                    "apply to part of the bucket only (a prefix, tags or sizes), and "
                    + (
                        expiry
                        if isinstance(expiry, str) and expiry not in ("add", "ok")
                        else "no rule expires noncurrent versions of every object"
                    )
                )
            elif expiry == "add":
                # Without a rule expiring them, every overwritten or deleted object
                # would be kept, and billed, forever: versioning comes with one.
                if _LIFECYCLE_CHECK in checks or version.supports(ctx, _LIFECYCLE) is not True:
                    why = (
                        f"{_LIFECYCLE_CHECK} is waived"
                        if _LIFECYCLE_CHECK in checks
                        else version.explain(ctx, _LIFECYCLE)
                    )
                    manual.append(
                        f"{address}: no versioning added: it has no lifecycle rule expiring "
                        "noncurrent versions, so versioning would keep every overwritten or "
                        f"deleted object forever, and {_LIFECYCLE} cannot be added ({why}); "
                        "add a noncurrent_version_expiration rule, then versioning"
                    )
                elif not missing(_LIFECYCLE):
                    # Its lifecycle may be configured where the module does not show (the
                    # finding of missing() says where): whether replaced versions expire
                    # is not known.
                    manual.append(
                        f"{address}: no versioning added: whether a lifecycle rule expires its "
                        "noncurrent versions is not shown here, and without one versioning "
                        "keeps every overwritten or deleted object forever; once one does, "
                        "add versioning"
                    )
                else:
                    wanted.append(_VERSIONING)
                    expiring_lifecycle = True  # the lifecycle configuration comes last
            elif isinstance(expiry, tuple):
                rules.append(expiry)
                wanted.append(_VERSIONING)
            else:
                manual.append(f"{address}: no versioning added: {expiry}")
        # Default encryption, chosen for who writes and reads the bucket.
        sse = [] if _SSE_CHECK in checks else _encryption_configurations(ctx, resolver, bucket)
        existing = [o for o in sse if o.type == "resource"]
        if existing:
            have[_SSE] = ".".join(existing[0].labels)
        encryption: s3.Encryption | None = None
        if _SSE_CHECK not in checks:
            users = s3.accesses(ctx.analysis, bucket)
            sse_s3_only = [a for a in users if a.service.kms == "none"]
            if sse_s3_only and any(_KMS_ALGORITHM.search(c.code) for c in sse):
                access = sse_s3_only[0]
                does = access.service.does
                if not access.certain:
                    does = f"may be set up so that it {does}"
                manual.append(
                    f"{address}: {access.describe} {does}, which works only "
                    "with SSE-S3, but its default encryption is aws:kms; set sse_algorithm = "
                    f'"AES256" for this bucket or {access.service.fails} '
                    f"({access.service.source})"
                )
            elif sse and any(_KMS_ALGORITHM.search(c.code) for c in sse):
                objects = s3.etag_objects(ctx.analysis, bucket, resolver)
                problem = _key_problem(ctx, sse, users)
                if objects:
                    manual.append(
                        f"{address}: its default encryption is aws:kms, and "
                        f"{s3.etag_problem(objects)}; track {objects[0].address} with "
                        "source_hash = <its etag expression> instead of etag"
                    )
                if problem is not None:
                    manual.append(f"{address}: {problem}")
            elif sse:
                problem = _key_problem(ctx, sse, users)
                if problem is not None:
                    manual.append(f"{address}: {problem}")
                elif (
                    not sse_s3_only
                    and exposed.state == "private"
                    and address not in ctx.memo.get(_AES256_ADDED, ())
                    and any(_AES256.search(c.code) for c in sse)
                ):
                    # An explicit choice, left as it is and said (as AWS003 says an
                    # explicit enable_key_rotation = false), unless recorded as a waiver.
                    where = (
                        ".".join(sse[0].labels)
                        if sse[0].type == "resource"
                        else "its server_side_encryption_configuration block"
                    )
                    manual.append(
                        f"{address}: its default encryption ({where}) is SSE-S3 (AES256), set "
                        "explicitly; left as chosen. checkov CKV_AWS_145 asks for SSE-KMS (a "
                        "key whose policy the account controls: https://docs.aws.amazon.com/"
                        "AmazonS3/latest/userguide/UsingKMSEncryption.html); if SSE-S3 is on "
                        f"purpose, record it with # checkov:skip={_SSE_CHECK}:<reason> in the "
                        "bucket"
                    )
            if not sse and missing(_SSE) and allowed(_SSE):
                encryption = s3.encryption_for(
                    ctx.analysis,
                    bucket,
                    exposure_=exposed,
                    option=self.settings["kms_key_arn"],
                    resolver=resolver,
                )
                logged = self._outside.logs_to(bucket) if self._outside else []
                if logged and encryption.kind != "AES256":
                    # Its server access logs arrive by a command: SSE-S3 only.
                    service = s3.S3_ACCESS_LOGS
                    encryption = s3.Encryption(
                        "AES256",
                        reason=f"`{logged[0].operation}` in {logged[0].owner} "
                        "makes it the target of server access logs, "
                        f"which works only with SSE-S3 ({service.source})",
                        note="target of server access logs set by a command, SSE-S3 only",
                    )
                if self._either is not None and encryption.kind == "aws:kms":
                    # A caller may serve the bucket through CloudFront with an origin
                    # access identity or share it with another account, which the module
                    # does not show: SSE-S3 is transparent to every reader, and objects
                    # written under SSE-KMS would stay so after a revert.
                    encryption = s3.Encryption(
                        "AES256",
                        reason=f"this directory {self._either}, and readers a caller may give "
                        "the bucket (a CloudFront origin access identity, another account) "
                        "cannot decrypt SSE-KMS objects, which keep their encryption after "
                        "the default changes back (https://docs.aws.amazon.com/AmazonCloudFront/"
                        "latest/DeveloperGuide/private-content-restricting-access-to-s3.html); "
                        f"for KMS add an input (var.kms_key_arn) set by callers",
                        note="the module may be called from elsewhere, and its callers' "
                        "readers (CloudFront OAI, other accounts) are not shown",
                    )
                if encryption.kind == "manual":
                    manual.append(f"{address}: no default encryption added: {encryption.reason}")
                else:
                    wanted.append(_SSE)
        elb = s3.elb_log_delivery_unpermitted(ctx.analysis, bucket, resolver)
        if elb is not None:
            manual.append(
                f"{address}: {elb.via} sends its access logs here, but no bucket policy "
                "of the module lets Elastic Load Balancing write them: ELB refuses to enable "
                "access logs (Access Denied for bucket) until the bucket policy allows "
                "s3:PutObject on the log prefix to the Region's ELB account "
                "(data.aws_elb_service_account) or, in Regions opened since August 2022, to "
                "logdelivery.elasticloadbalancing.amazonaws.com; add that aws_s3_bucket_policy "
                f"({s3.ELB_POLICY_DOCS})"
            )
        if expiring_lifecycle or (
            self.settings["lifecycle"]
            and _LIFECYCLE_CHECK not in checks
            and missing(_LIFECYCLE)
            and allowed(_LIFECYCLE)
        ):
            wanted.append(_LIFECYCLE)
        elif (
            not self.settings["lifecycle"]
            and _LIFECYCLE_CHECK not in checks
            and _VERSIONING not in wanted
            and not lifecycle_outside
        ):
            # Versioned before this run, with no lifecycle configuration: its noncurrent
            # versions are kept forever. A rule expiring them would delete versions kept
            # so far, which only a person can decide.
            versioned = _versioned(ctx, resolver, bucket)
            if (
                versioned is not None
                and _noncurrent_expiry(ctx, resolver, bucket) == "add"
                and missing(_LIFECYCLE)
            ):
                manual.append(f"{address} {_keep_versions(versioned, self._library)}")

        if in_children:
            calls = sorted({c for found in in_children.values() for c in found})
            manual.append(
                f"{address} is given to {'; '.join(calls)}, which may configure it: no "
                f"{', '.join(in_children)} added here, since two for one bucket overwrite each "
                "other on every apply; add what that module does not"
            )
        if self._library is not None and (wanted or edits or rules):
            # A module made to be called: each caller's bucket would change (versioning
            # cannot be turned off again, only suspended; KMS changes who can read)
            # with no way to opt out. The callers choose, through inputs.
            inputs = [_INPUTS[t] for t in wanted]
            if edits:
                inputs.append(
                    "noncurrent_version_expiration { noncurrent_days = "
                    "var.noncurrent_version_expiration_days } in its expiring lifecycle rules"
                )
            manual.append(
                f"{address}: not changed: this directory {self._library}, so companions "
                "added here would change the bucket of every caller with no way to opt out; "
                f"add inputs for them ({'; '.join(inputs)}), defaulting to today's "
                "behaviour, and set them in the callers"
            )
            wanted, edits, rules = [], [], []
        adds_versioning = bool(_VERSIONING in wanted or edits or rules)
        if self._either is not None and adds_versioning:
            # Versioning, once on, can only be suspended: not where it may be every
            # caller's. Default encryption, which can be undone, is added as in a root
            # module (the public access block is reported below).
            wanted = [
                t
                for t in wanted
                if t != _VERSIONING and not (t == _LIFECYCLE and expiring_lifecycle)
            ]
            edits, rules, expiring_lifecycle = [], [], False
            manual.append(
                f"{address}: no versioning added: this directory {self._either}, and "
                "versioning, once on, can never be turned off again, only suspended "
                "(https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html); "
                "if modules call it, it would turn on for every caller's bucket. If it is a "
                'root module, declare its provider (provider "aws" {}) or backend and run '
                f"again; if it is called, add an input ({_INPUTS[_VERSIONING]}, default "
                "false, with noncurrent_version_expiration in a lifecycle rule) and set it "
                "in the callers that want it"
            )
        if self._either is not None and _PAB in wanted:
            # A caller may attach a public policy or ACL to the bucket (an input, a
            # policy of its own on the bucket's id): a block added here would deny that
            # access to every caller, which the module does not show.
            wanted.remove(_PAB)
            manual.append(
                f"{address}: no public access block added: this directory {self._either}, "
                "and whether a caller of this module attaches a public bucket policy or ACL "
                "to this bucket, which the block would deny "
                "(https://docs.aws.amazon.com/AmazonS3/latest/userguide/"
                "access-control-block-public-access.html), is not shown either. In a "
                "deployment add the block: "
                'declare its provider (provider "aws" {}) or backend and run again; if it '
                f"is called, add an input ({_INPUTS[_PAB]}, default true) and let callers "
                "that serve public content turn it off"
            )
        manual.extend(_opt_outs(ctx, address, have, checks, exposed.state != "private"))
        for message in manual:
            yield self.manual(path, bucket, message)
        if not wanted and not edits and not rules:
            if not manual:
                yield self.fine(
                    path, bucket, f"{address} already has its companions{_listing(have, checks)}"
                )
            return
        module = ctx.files[path]
        anchor: n.Attribute | n.Block = bucket
        added: list[str] = []
        labels: dict[str, str] = dict(have)
        policies = _policies(ctx, resolver, bucket) if _PAB in wanted else []
        for type_ in wanted:
            label = free_label(taken.of(type_), bucket.labels[1])
            taken.add(type_, label)
            labels[type_] = f"{type_}.{label}"
            after = _depends_on(bucket)
            if type_ == _PAB:
                # S3 refuses concurrent changes of a bucket's policy and public access
                # block (OperationAborted, 409): one after the other.
                after += policies
                ctx.memo.setdefault(_PAB_ADDED, {})[address] = f"{type_}.{label}"
            versioning = labels.get(_VERSIONING, "")
            if type_ == _LIFECYCLE and versioning.startswith(f"{_VERSIONING}."):
                # The provider's documented order: versioning before a lifecycle
                # configuration that acts on noncurrent versions.
                after.append(versioning)
            text = self._companion(type_, label, bucket, encryption, after)
            anchor = edit.insert(module, text, after=anchor, blank_line=True, blank_line_after=True)
            added.append(_WHAT[type_] + (_key_words(encryption) if type_ == _SSE else ""))
        for rule, expiration, text in edits:
            edit.insert(rule, text, after=expiration, blank_line=True)
        days = int(self.settings["noncurrent_days"])
        aborts = expiring_lifecycle  # the new configuration's rule aborts uploads
        for configuration, last in rules:
            text = _rule_for(configuration, days)
            aborts = aborts or "abort_incomplete_multipart_upload" in text
            edit.insert(configuration, text, after=last, blank_line=True)
        message = f"{address}: added {', '.join(added)}" if added else f"{address}:"
        # Provider 3.75 to 3.x has the new resources, but its aws_s3_bucket still manages
        # the matching arguments it does not compute, and removes on its next update what
        # the configuration does not set there: the bucket ignores changes to them.
        guarded = [
            _V3_ARGUMENT[t]
            for t in wanted
            if t in _V3_ARGUMENT and _V3_ARGUMENT[t] not in s3_split.ignored_names(bucket)
        ]
        if (
            guarded
            and "all" not in s3_split.ignored_names(bucket)
            and s3_split.allows_before_4_0(ctx)
        ):
            for name in guarded:
                s3_split.ignore_changes(bucket, name)
            listed = ", ".join(guarded)
            message += (
                "; the module allows AWS provider versions before 4.0, whose aws_s3_bucket "
                f"still manages {listed} and would remove what the new resources set on its "
                f"next update, so the bucket has lifecycle {{ ignore_changes = [{listed}] }}, "
                "as the 3.75 documentation of those resources asks; from 4.0 on the line can "
                "go (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/"
                "version-4-upgrade#changes-to-s3-bucket-drift-detection)"
            )
        if encryption is not None and encryption.grant:
            message += self._grant(ctx, encryption)
        if edits:
            message += ("; " if added else " ") + (
                "its lifecycle rules that expire objects now also expire the versions this "
                f"makes noncurrent after {_RETENTION_NONCURRENT_DAYS} day, so the data they "
                "delete is kept about as long as their author chose, not twice as long (with "
                "versioning an expiration only adds a delete marker: https://docs.aws.amazon.com/"
                "AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html); "
                "within those rules' scope, versioning keeps overwritten or deleted objects "
                f"for {_RETENTION_NONCURRENT_DAYS} day"
            )
        if expiring_lifecycle or rules:
            where = (
                f"a rule of {_LIFECYCLE}.{rules[0][0].labels[1]}"
                if rules
                else "the lifecycle configuration"
            )
            message += (
                f"; {where} expires noncurrent versions after {days} days (noncurrent_days "
                "option), as versioning would otherwise keep every overwritten or deleted "
                "object forever"
            )
            if aborts:
                message += (
                    f", and aborts multipart uploads still incomplete after {_ABORT_DAYS} "
                    f"days, whose parts are billed but never readable ({_ABORT_DOC})"
                )
        elif _LIFECYCLE in wanted:
            versioned = _versioned(ctx, resolver, bucket)
            if versioned is not None:
                message += (
                    f"; it {versioned.split(' (')[0]}, and the lifecycle configuration "
                    f"(lifecycle option) expires its noncurrent versions after {days} days: "
                    "older ones are deleted once it applies"
                )
        if encryption is not None and encryption.kind == "AES256":
            # Written by this run, with its reason: not the author's choice to report in
            # the next round (a block in .tf.json cannot carry the waiver comment).
            ctx.memo.setdefault(_AES256_ADDED, set()).add(address)
            message += f" (AES256, as {encryption.reason})"
            # CKV_AWS_145 asks for KMS: record that AES256 is a decision.
            edit.comment_first(
                bucket,
                f"# checkov:skip={_SSE_CHECK}:AES256 on purpose: {_short_reason(encryption)} "
                "(tffix AWS008)",
                before=_staying_item(bucket),
            )
        yield self.fixed(path, bucket, message)

    def _grant(self, ctx: ModuleContext, encryption: s3.Encryption) -> str:
        """Let the services that deliver to the bucket use the module's key it is now
        encrypted with (their statements, kms.SERVICE_STATEMENTS); a clause for the
        finding."""
        from tffix.aws import kms

        key = encryption.key_block
        assert key is not None  # s3.encryption_for names the key with the grant
        holder = kms.policy_holder(ctx.analysis, key)
        done = []
        for principal in encryption.grant:
            if kms.grants_service(ctx.analysis, key, principal) is True:
                continue  # granted for another bucket of this run
            json_statement, document_statement, source = kms.SERVICE_STATEMENTS[principal]
            where = self._editor.add(
                ctx.file_for(key), key, holder, json_statement, document_statement
            )
            assert where is not None  # s3.encryption_for checked the policy is editable
            done.append(f"{where} now lets {principal} use {kms.key_address(key)} ({source})")
        return "; " + "; ".join(done) if done else ""

    # ---- building companions ---------------------------------------------------

    def _companion(
        self,
        type_: str,
        label: str,
        bucket: n.Block,
        encryption: s3.Encryption | None,
        after: list[str],
    ) -> str:
        head, ref, _repeated, _each = s3_split.iteration(bucket)
        lines = [f'resource "{type_}" "{label}" {{']
        if head:
            lines += [*(f"  {h}" for h in head), ""]
        lines += [f"  bucket = {ref}.id", ""]
        if type_ == _PAB:
            lines += [
                "  block_public_acls       = true",
                "  block_public_policy     = true",
                "  ignore_public_acls      = true",
                "  restrict_public_buckets = true",
            ]
        elif type_ == _VERSIONING:
            lines += [
                "  versioning_configuration {",
                '    status = "Enabled"',
                "  }",
            ]
        elif type_ == _SSE:
            assert encryption is not None
            lines += ["  rule {", "    apply_server_side_encryption_by_default {"]
            if encryption.kind == "AES256":
                lines += ['      sse_algorithm = "AES256"', "    }"]
            else:
                if encryption.key is not None:
                    lines += [
                        '      sse_algorithm     = "aws:kms"',
                        f"      kms_master_key_id = {encryption.key}",
                    ]
                else:
                    lines += ['      sse_algorithm = "aws:kms"']
                lines += ["    }", "    bucket_key_enabled = true"]
            lines += ["  }"]
        else:  # the lifecycle option's rule, also the one versioning comes with
            rule = _baseline_rule(int(self.settings["noncurrent_days"]))
            lines += [f"  {line}" if line else "" for line in rule.split("\n")]
        if after:
            lines += ["", f"  depends_on = [{', '.join(dict.fromkeys(after))}]"]
        lines.append("}")
        return "\n".join(lines)


# ---- helpers -------------------------------------------------------------------

# Settings a command may make public: a public access block would block them (and make
# the command fail).
_PUBLIC_SETTINGS = (
    out_of_band.POLICY,
    out_of_band.ACL,
    out_of_band.WEBSITE,
    out_of_band.OBJECT_ACL,
)
_OUTSIDE_WHAT = {
    _PAB: "public access block",
    _VERSIONING: "versioning",
    _SSE: "default encryption",
    _LIFECYCLE: "lifecycle configuration",
    out_of_band.POLICY: "bucket policy",
    out_of_band.ACL: "ACL",
    out_of_band.WEBSITE: "website configuration",
}
_OUTSIDE_API = {
    _PAB: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutPublicAccessBlock.html",
    _VERSIONING: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html",
    _SSE: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketEncryption.html",
    _LIFECYCLE: (
        "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html"
    ),
}
# What provider versions before 3.75 offer instead (the bucket's own blocks).
_V3_HINT = {
    _VERSIONING: "; with an older provider, the bucket's own `versioning` block does it",
    _SSE: (
        "; with an older provider, the bucket's own "
        "`server_side_encryption_configuration` block does it"
    ),
    _LIFECYCLE: "; with an older provider, the bucket's own `lifecycle_rule` blocks do it",
}
# The inputs a module made to be called would take to let its callers choose.
_INPUTS = {
    _PAB: f"{_PAB} with count = var.block_public_access ? 1 : 0",
    _VERSIONING: f"{_VERSIONING} with count = var.versioning_enabled ? 1 : 0",
    _SSE: f"{_SSE} with sse_algorithm = var.sse_algorithm and kms_master_key_id = var.kms_key_arn",
    _LIFECYCLE: f"{_LIFECYCLE} with noncurrent_days = var.noncurrent_version_expiration_days",
}
_WHAT = {
    _PAB: "public access block",
    _VERSIONING: "versioning",
    _SSE: "default encryption",
    _LIFECYCLE: "lifecycle configuration",
}


def _listing(have: dict[str, str], checks: set[str]) -> str:
    parts = [f"{_WHAT[t]} ({a})" for t, a in have.items()]
    if checks:
        parts.append("waived: " + ", ".join(sorted(checks)))
    return ": " + "; ".join(parts) if parts else " (inline, provider v3 style)"


# "If you don't specify a customer managed key at configuration, Amazon S3 automatically
# creates an AWS KMS key (aws/s3) ... By default, Amazon S3 uses this KMS key for SSE-KMS."
_AWS_MANAGED_DOC = (
    "https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionByDefault.html"
)


def _key_words(encryption: s3.Encryption | None) -> str:
    """What the added default encryption encrypts with, and why that key (a parenthesis
    after "default encryption"): a reader must not have to open the diff to learn
    whether the module's own key was used."""
    if encryption is None:
        return ""
    if encryption.kind == "AES256":
        return " (SSE-S3, AES256)"
    if encryption.key is None:
        return (
            " (SSE-KMS with the AWS managed key aws/s3, which S3 uses when no "
            f"kms_master_key_id is set ({_AWS_MANAGED_DOC}); {encryption.reason})"
            if encryption.reason
            else f" (SSE-KMS with the AWS managed key aws/s3, {_AWS_MANAGED_DOC})"
        )
    key = encryption.key.removesuffix(".arn")
    return (
        f" (SSE-KMS with {key}, {encryption.reason})"
        if encryption.reason
        else f" (SSE-KMS with {key})"
    )


# Arguments of aws_s3_bucket that the provider v4 split (AWSV4xx) moves into resources
# of their own: a comment above one of them would move with it.
_MOVABLE = frozenset(
    {
        "acl",
        "grant",
        "policy",
        "versioning",
        "logging",
        "lifecycle_rule",
        "website",
        "cors_rule",
        "server_side_encryption_configuration",
        "replication_configuration",
        "object_lock_configuration",
        "request_payer",
        "acceleration_status",
    }
)


def _staying_item(bucket: n.Block) -> n.Attribute | n.Block | None:
    """The item of ``bucket`` a waiver comment goes above: the first one, unless it is an
    argument the v4 split may move out of the bucket (the comment would leave with it
    and the waiver be lost), then the first that stays (``bucket``, ``tags``, ...)."""
    items = bucket.body.items
    if not items:
        return None

    def name(item: n.Attribute | n.Block) -> str:
        return item.name if isinstance(item, n.Attribute) else block_type(item)

    if name(items[0]) not in _MOVABLE:
        return items[0]
    return next((i for i in items if name(i) not in _MOVABLE), items[0])


def _short_reason(encryption: s3.Encryption) -> str:
    """The reason without its documentation link (the finding has it), for a comment."""
    return encryption.note or re.sub(r" \(https?://[^)]*\)", "", encryption.reason)


def _depends_on(bucket: n.Block) -> list[str]:
    """The bucket's own ``depends_on`` entries: its companions wait for the same things."""
    attribute = bucket.body.attribute("depends_on")
    if attribute is None or not isinstance(attribute.value, n.Tuple):
        return []
    return [" ".join(e.code.split()) for e in attribute.value.elements]


def _policies(ctx: ModuleContext, resolver: s3.Resolver, bucket: n.Block) -> list[str]:
    """The aws_s3_bucket_policy resources of the bucket (without count/for_each, which
    ``depends_on`` names the same way)."""
    out = []
    for _path, other in ctx.analysis.resources("aws_s3_bucket_policy"):
        target = other.body.attribute("bucket")
        if target is not None and resolver.designates(target.value, other, bucket) is True:
            out.append(f"aws_s3_bucket_policy.{other.labels[1]}")
    return out


def _companions(
    ctx: ModuleContext, resolver: s3.Resolver, bucket: n.Block, type_: str
) -> tuple[list[str], list[str]]:
    """(addresses of resources of ``type_`` that configure the bucket, addresses of those
    that may: their ``bucket`` comes from a value the module does not show)."""
    types = _SSE_TYPES if type_ == _SSE else (type_,)
    found: list[str] = []
    unsure: list[str] = []
    for kind in types:
        for _path, other in ctx.analysis.resources(kind):
            target = other.body.attribute("bucket")
            if target is None:
                continue
            relation = resolver.designates(target.value, other, bucket)
            address = f"{kind}.{other.labels[1]}"
            if relation is True:
                found.append(address)
            elif relation is None:
                unsure.append(address)
    return found, unsure


_PAB_SETTINGS = (
    "block_public_acls",
    "block_public_policy",
    "ignore_public_acls",
    "restrict_public_buckets",
)


def _opt_outs(
    ctx: ModuleContext, address: str, have: dict[str, str], checks: set[str], public: bool
) -> list[str]:
    """Findings for companions that exist but turn off what AWS008 adds: a public access
    block with settings false (or left out: false by default) on a bucket not public on
    purpose, versioning suspended.
    Choices of their author, left as they are, and said, as AWS003 says an explicit
    ``enable_key_rotation = false``: a run must not read as "nothing to fix" while the
    checks (CKV2_AWS_6, CKV_AWS_21) fail there."""
    out: list[str] = []
    pab = have.get(_PAB, "")
    found = (
        find_resource(ctx.analysis, _PAB, pab.split(".")[1]) if pab.startswith(f"{_PAB}.") else None
    )
    if found is not None and _PAB_CHECK not in checks and not public:
        block = found[1]
        off = []
        for name in _PAB_SETTINGS:
            attribute = block.body.attribute(name)
            if attribute is None:
                off.append(f"{name} (not set: false)")
            elif m.Literal(False).matches(attribute.value) or m.Literal("false").matches(
                attribute.value
            ):
                off.append(f"{name} = false")
        if off:
            out.append(
                f"{address}: its public access block {pab} leaves "
                + ", ".join(off)
                + "; left as chosen (a public policy or ACL on the bucket is then not "
                "blocked: https://docs.aws.amazon.com/AmazonS3/latest/userguide/"
                "access-control-block-public-access.html). Set them to true unless the "
                "bucket is public on purpose (checkov CKV2_AWS_6 asks for all four)"
            )
    versioning = have.get(_VERSIONING, "")
    found = (
        find_resource(ctx.analysis, _VERSIONING, versioning.split(".")[1])
        if versioning.startswith(f"{_VERSIONING}.")
        else None
    )
    if found is not None and _VERSIONING_CHECK not in checks:
        for configuration in found[1].body.blocks_of_type("versioning_configuration"):
            status = configuration.body.attribute("status")
            value = m.string_value(status.value) if status is not None else None
            if value in ("Suspended", "Disabled"):
                out.append(
                    f"{address}: its versioning ({versioning}) is {value} explicitly; left "
                    "as chosen. Overwritten and deleted objects cannot be recovered; set "
                    'status = "Enabled" (with a lifecycle rule expiring noncurrent versions) '
                    "unless that is on purpose (checkov CKV_AWS_21)"
                )
    return out


_NONCURRENT_ACTIONS = ("noncurrent_version_transition", "noncurrent_version_expiration")


def _noncurrent_rules(ctx: ModuleContext, resolver: s3.Resolver, bucket: n.Block) -> list[str]:
    """The lifecycle rules of the bucket (its inline ``lifecycle_rule`` blocks, the rules
    of a lifecycle configuration that names it or may) with an action on noncurrent
    versions, as "what (where)" for a finding: written for a bucket the module does not
    version, they say it is versioned elsewhere."""
    out: list[str] = []
    owners: list[tuple[str, n.Block, str]] = [
        (f"{_BUCKET}.{bucket.labels[1]}", bucket, "lifecycle_rule")
    ]
    for _path, other in ctx.analysis.resources(_LIFECYCLE):
        target = other.body.attribute("bucket")
        if target is not None and resolver.designates(target.value, other, bucket) is False:
            continue
        owners.append((f"{_LIFECYCLE}.{other.labels[1]}", other, "rule"))
    for where, owner, kind in owners:
        for rule, _dynamic in nested_blocks(owner.body, kind):
            actions = [a for a in _NONCURRENT_ACTIONS if nested_blocks_any(rule, a)]
            if actions:
                written = rule.body.attribute("id")
                name = written.value.code.strip() if written is not None else "a rule"
                out.append(f"the rule {name} of {where} ({', '.join(actions)})")
    return out


# Event types S3 sends for a deletion only while the bucket is unversioned: on a
# versioned bucket a DELETE without a version ID (and a lifecycle expiration) adds a
# delete marker and sends the DeleteMarkerCreated type instead
# (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html).
_UNVERSIONED_DELETE_EVENTS = {
    "s3:ObjectRemoved:Delete": ("s3:ObjectRemoved:*", "s3:ObjectRemoved:DeleteMarkerCreated"),
    "s3:LifecycleExpiration:Delete": (
        "s3:LifecycleExpiration:*",
        "s3:LifecycleExpiration:DeleteMarkerCreated",
    ),
}
_EVENT_DOCS = (
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/"
    "notification-how-to-event-types-and-destinations.html"
)


def _delete_notifications(ctx: ModuleContext, resolver: s3.Resolver, bucket: n.Block) -> list[str]:
    """Why versioning would silence a notification of the bucket (a message each): a
    Lambda function, queue or topic told of ``s3:ObjectRemoved:Delete`` (or the
    lifecycle's ``Delete``) and not of the delete markers, which is what S3 sends for
    an ordinary delete once the bucket is versioned; or whose events are not shown."""
    from tffix.analysis.evaluate import Evaluator

    evaluator = Evaluator(ctx.analysis)
    out: list[str] = []
    for _path, notification in ctx.analysis.resources("aws_s3_bucket_notification"):
        target = notification.body.attribute("bucket")
        relation = (
            None if target is None else resolver.designates(target.value, notification, bucket)
        )
        if relation is False:
            continue
        where = f"aws_s3_bucket_notification.{notification.labels[1]}"
        if relation is None:
            where += " (which may be this bucket's: its bucket is not shown)"
        for kind in ("lambda_function", "queue", "topic"):
            for destination, dynamic in nested_blocks(notification.body, kind):
                events = destination.body.attribute("events")
                if events is None:
                    continue
                value = evaluator.value(events.value) if dynamic is None else None
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    if any(e in events.value.code for e in _UNVERSIONED_DELETE_EVENTS) or (
                        dynamic is not None or "var." in events.value.code
                    ):
                        out.append(
                            f"the events {where} sends to a {kind.replace('_', ' ')} come from "
                            f"`{' '.join(events.value.code.split())}`, not shown here; if they "
                            "include s3:ObjectRemoved:Delete, S3 sends it on a versioned "
                            "bucket only when a version is deleted for good (an ordinary "
                            "delete adds a delete marker and sends "
                            "s3:ObjectRemoved:DeleteMarkerCreated), so that consumer would "
                            f"stop hearing of deletions ({_EVENT_DOCS}); check them, then "
                            "add versioning"
                        )
                    continue
                for event, covering in _UNVERSIONED_DELETE_EVENTS.items():
                    if event in value and not any(c in value for c in covering):
                        out.append(
                            f"{where} tells a {kind.replace('_', ' ')} of {event} only, "
                            "which S3 sends on a versioned bucket only when a version is "
                            "deleted for good: "
                            + ("an expiration" if "Lifecycle" in event else "an ordinary delete")
                            + " then adds a "
                            f"delete marker and sends {covering[1]} instead, so that consumer "
                            f"would stop hearing of deletions ({_EVENT_DOCS}); add "
                            f"{covering[1]} to its events (and handle it), then add versioning"
                        )
    # EventBridge: an "Object Deleted" event says "Permanently Deleted" only for an
    # unversioned bucket (or a version deleted); versioned, an ordinary delete says
    # "Delete Marker Created", which a rule matching the first no longer matches.
    address = f"{_BUCKET}.{bucket.labels[1]}"
    names, _known = resolver.names_of(bucket)
    for _path, rule in ctx.analysis.resources("aws_cloudwatch_event_rule"):
        pattern = rule.body.attribute("event_pattern")
        if pattern is None:
            continue
        code = pattern.value.code
        if "Permanently Deleted" not in code or "Delete Marker Created" in code:
            continue
        buckets = [b.labels[1] for _p, b in ctx.analysis.resources(_BUCKET)]
        mentioned = address in code or any(name in code for name in names if name)
        if not mentioned and any(f"{_BUCKET}.{other}" in code for other in buckets):
            continue  # about another bucket of the module
        out.append(
            f'aws_cloudwatch_event_rule.{rule.labels[1]} matches S3 "Object Deleted" events '
            'with deletion-type "Permanently Deleted", which S3 sends on a versioned bucket '
            'only when a version is deleted for good: an ordinary delete then says "Delete '
            'Marker Created", so that rule would stop matching deletions '
            "(https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html); add "
            '"Delete Marker Created" to its pattern (and handle it), then add versioning'
        )
    return out


def _inline(bucket: n.Block, type_: str) -> list[n.Block]:
    """The bucket's legacy inline blocks (``dynamic`` ones too) that do what ``type_`` does."""
    kinds = _INLINE.get(type_, ())
    return [block for block in bucket.body.blocks if block_type(block) in kinds]


def _encryption_configurations(
    ctx: ModuleContext, resolver: s3.Resolver, bucket: n.Block
) -> list[n.Block]:
    """The bucket's default encryption: legacy inline blocks and companion resources."""
    out = _inline(bucket, _SSE)
    for kind in _SSE_TYPES:
        for _path, other in ctx.analysis.resources(kind):
            target = other.body.attribute("bucket")
            if target is not None and resolver.designates(target.value, other, bucket):
                out.append(other)
    return out


# "aws/s3", "alias/aws/s3" or arn:...:alias/aws/s3: the AWS managed key of S3.
_AWS_MANAGED_S3_KEY = re.compile(r"^(?:arn:[^:]+:kms:[^:]*:[^:]*:)?(?:alias/)?aws/s3$")


def _aws_managed_key(ctx: ModuleContext, configuration: n.Block) -> bool:
    """Whether the key ``configuration`` names is the AWS managed key aws/s3, written out
    or as the value of a variable or local (its default)."""
    from tffix.analysis.evaluate import Evaluator

    evaluator = Evaluator(ctx.analysis)
    for node in configuration.walk():
        if isinstance(node, n.Attribute) and node.name == "kms_master_key_id":
            value = evaluator.value(node.value)
            if isinstance(value, str) and _AWS_MANAGED_S3_KEY.match(value):
                return True
    return False


def _key_problem(
    ctx: ModuleContext, configurations: list[n.Block], users: list[s3.Access]
) -> str | None:
    """Why the bucket's existing SSE-KMS encryption shuts out a service that writes to it
    or reads it (its principal is not in the key policy), or None."""
    services = [a for a in users if a.service.kms == "key-policy" and a.certain]
    if not services:
        return None
    for configuration in configurations:
        if not _KMS_ALGORITHM.search(configuration.code):
            continue
        keys = [
            t.names()[1]
            for t in edit.traversals(configuration)
            if t.names()[0] == "aws_kms_key" and len(t.names()) > 1
        ]
        # No key named, or the AWS managed key named (aws/s3, alias/aws/s3, its alias
        # ARN): its key policy admits only principals of the account, never a service.
        named = "kms_master_key_id" in configuration.code and not _aws_managed_key(
            ctx, configuration
        )
        for access in services:
            principal = str(access.service.principal)
            if not named:
                return (
                    f"{access.describe} {access.service.does}, but its default encryption is "
                    "the AWS managed key aws/s3, whose policy cannot let "
                    f"{principal} in: use a customer-managed key that allows it, or AES256, "
                    f"or {access.service.fails} ({access.service.source})"
                )
            for label in keys:
                found = ctx.analysis.lookup(f"aws_kms_key.{label}")
                if found is None:
                    continue
                if kms.grants_service(ctx.analysis, found.node, principal) is False:  # type: ignore[arg-type]
                    return (
                        f"{access.describe} {access.service.does}, but the policy of "
                        f"aws_kms_key.{label}, its default encryption key, does not let "
                        f"{principal} use it: add that grant, or {access.service.fails} "
                        f"({access.service.source})"
                    )
    return None


def _expiration_plan(
    ctx: ModuleContext, resolver: s3.Resolver, bucket: n.Block
) -> list[tuple[n.Block, n.Block, str]] | str:
    """What versioning needs where lifecycle rules expire objects: for each such rule
    without a noncurrent-version expiration, one of 1 day, to insert as
    (rule, after its expiration block, text); or why that cannot be done (a message).

    With versioning on, an expiration only puts a delete marker on the current
    version and keeps the data as a noncurrent version, forever unless a rule
    expires noncurrent versions too:
    https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html
    """
    rules: list[tuple[n.Block, n.Block | None, str, str]] = []  # (rule, dynamic, where, field)
    for rule, dynamic in nested_blocks(bucket.body, "lifecycle_rule"):
        rules.append((rule, dynamic, f"{_BUCKET}.{bucket.labels[1]}", "days"))
    for _path, other in ctx.analysis.resources(_LIFECYCLE):
        target = other.body.attribute("bucket")
        relation = None if target is None else resolver.designates(target.value, other, bucket)
        where = f"{_LIFECYCLE}.{other.labels[1]}"
        if relation is False:
            continue
        expiring = [r for r, _d in nested_blocks(other.body, "rule") if _expirations(r)]
        if relation is None and expiring:
            return (
                f"has no versioning added: {where} may apply to it (its bucket comes from a "
                "value the module does not show) and expires objects, which versioning would "
                "keep as noncurrent versions"
            )
        for rule, dynamic in nested_blocks(other.body, "rule"):
            rules.append((rule, dynamic, where, "noncurrent_days"))
    plan: list[tuple[n.Block, n.Block, str]] = []
    for rule, dynamic, where, field in rules:
        expirations = _expirations(rule)
        if not expirations or nested_blocks_any(rule, "noncurrent_version_expiration"):
            continue
        expiration = expirations[0]
        days = expiration.body.attribute("days")
        value = evaluate(days.value, ctx.analysis) if days is not None else None
        if dynamic is not None or len(expirations) > 1 or not _is_days(value):
            return (
                f"has no versioning added: a rule of {where} expires objects "
                f"({_expiration_text(expiration)}); with versioning the expired data would "
                "stay as noncurrent versions. Add a noncurrent_version_expiration that "
                "matches the rule, then versioning"
            )
        assert days is not None
        # 1 day, not the rule's: the author deletes these objects after N days on purpose
        # (retention), and versioning would keep each as a noncurrent version for as long
        # again; one more day keeps the data about as long as the author chose.
        text = f"noncurrent_version_expiration {{\n  {field} = {_RETENTION_NONCURRENT_DAYS}\n}}"
        plan.append((rule, expiration, text))
    return plan


# Days a version made noncurrent by a rule that expires objects is kept: the least S3
# accepts, so that data the author's rule deletes after N days is gone about N days after
# it was written, as before versioning ("Expiring objects": in a versioned bucket an
# expiration only adds a delete marker, https://docs.aws.amazon.com/AmazonS3/latest/
# userguide/lifecycle-expire-general-considerations.html).
_RETENTION_NONCURRENT_DAYS = 1

# The rule's ID when the configuration has no rule of that ID yet (IDs are unique within
# a configuration: PutBucketLifecycleConfiguration rejects a repeated one).
_RULE_ID = "baseline"
# AWS's recommended wait before incomplete multipart uploads are aborted (S3 User Guide,
# "Configuring a bucket lifecycle configuration to delete incomplete multipart uploads").
_ABORT_DAYS = 7
_ABORT_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpu-abort-incomplete-mpu-lifecycle-config.html"


def _baseline_rule(days: int, rule_id: str = _RULE_ID, abort: bool = True) -> str:
    """The one lifecycle rule AWS008 writes, for every object (``filter {}``): abort
    multipart uploads still incomplete after 7 days (their parts are billed and
    unreachable) and expire versions noncurrent for ``days`` (versioning keeps them
    otherwise). Both actions fit one rule because the filter names no tags: S3 rejects
    AbortIncompleteMultipartUpload only in a rule filtered by tags (``_ABORT_DOC``).
    ``abort`` is False where the configuration already aborts uploads (its author's
    days stand)."""
    lines = [
        "rule {",
        f'  id     = "{rule_id}"',
        '  status = "Enabled"',
        "",
        "  filter {}",
        "",
    ]
    if abort:
        lines += [
            "  abort_incomplete_multipart_upload {",
            f"    days_after_initiation = {_ABORT_DAYS}",
            "  }",
            "",
        ]
    lines += [
        "  noncurrent_version_expiration {",
        f"    noncurrent_days = {days}",
        "  }",
        "}",
    ]
    return "\n".join(lines)


def _rule_for(configuration: n.Block, days: int) -> str:
    """The baseline rule as one more rule of an existing configuration: an ID none of
    its rules has, and no abort action where a rule already aborts uploads."""
    rules = [r for r, _d in nested_blocks(configuration.body, "rule")]
    ids = set()
    for rule in rules:
        written = rule.body.attribute("id")
        if written is not None:
            ids.add(written.value.code.strip().strip('"'))
    rule_id = _RULE_ID
    suffix = 2
    while rule_id in ids:
        rule_id = f"{_RULE_ID}-{suffix}"
        suffix += 1
    aborts = any(nested_blocks_any(r, "abort_incomplete_multipart_upload") for r in rules)
    return _baseline_rule(days, rule_id=rule_id, abort=not aborts)


def _noncurrent_expiry(
    ctx: ModuleContext, resolver: s3.Resolver, bucket: n.Block
) -> str | tuple[n.Block, n.Block]:
    """Whether noncurrent versions of the bucket would expire once it is versioned:
    "ok" (a rule of its lifecycle configuration expires them), "add" (it has no
    lifecycle configuration: one can be added), (configuration, its last rule) to add a
    rule to, or why none of that can be done (a message).

    Versioning keeps every overwritten or deleted object as a noncurrent version, billed
    until a lifecycle rule expires it:
    https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-configuration-examples.html
    """
    inline = [rule for rule, _d in nested_blocks(bucket.body, "lifecycle_rule")]
    if any(
        nested_blocks_any(r, "noncurrent_version_expiration") and _whole_bucket(r, ctx)
        for r in inline
    ):
        return "ok"
    sure: list[n.Block] = []
    unsure: list[n.Block] = []
    for _path, other in ctx.analysis.resources(_LIFECYCLE):
        target = other.body.attribute("bucket")
        relation = None if target is None else resolver.designates(target.value, other, bucket)
        if relation is True:
            sure.append(other)
        elif relation is None:
            unsure.append(other)
    for configuration in sure:
        found = [r for r, _d in nested_blocks(configuration.body, "rule")]
        if any(
            nested_blocks_any(r, "noncurrent_version_expiration") and _whole_bucket(r, ctx)
            for r in found
        ):
            return "ok"
    if unsure:
        where = f"{_LIFECYCLE}.{unsure[0].labels[1]}"
        return (
            f"{where} may hold its lifecycle rules (its bucket comes from a value the module "
            "does not show), and versioning without a rule expiring noncurrent versions "
            "keeps every overwritten or deleted object forever; add a "
            "noncurrent_version_expiration rule, then versioning"
        )
    if inline:
        return (
            "its lifecycle_rule blocks expire no noncurrent versions of every object, so "
            "versioning would keep overwritten or deleted objects forever; add a "
            "lifecycle_rule for the whole bucket with noncurrent_version_expiration, then "
            "versioning"
        )
    if sure:
        configuration = sure[0]
        static = configuration.body.blocks_of_type("rule")
        if not static:
            return (
                f"the rules of {_LIFECYCLE}.{configuration.labels[1]} are dynamic and expire "
                "no noncurrent versions as far as the module shows, so versioning would keep "
                "every overwritten or deleted object forever; add a "
                "noncurrent_version_expiration rule, then versioning"
            )
        legacy = _prefix_rules(configuration)
        if legacy:
            # A rule for every object is written with filter {}; beside rules of the
            # older rule-level prefix form S3 may refuse the configuration (MalformedXML).
            return (
                f"no rule of {_LIFECYCLE}.{configuration.labels[1]} expires noncurrent "
                "versions of every object, so versioning would keep overwritten or deleted "
                "objects forever, and a rule for the whole bucket (filter {}) is not added "
                f"beside its rules written with a rule-level prefix ({', '.join(legacy)}); "
                "move their prefix into filter { prefix = ... }, add a rule with "
                "noncurrent_version_expiration for every object, then versioning"
            )
        return configuration, static[-1]
    return "add"


def _versioned(ctx: ModuleContext, resolver: s3.Resolver, bucket: n.Block) -> str | None:
    """How the bucket is versioned ("its versioning block", "aws_s3_bucket_versioning.x",
    with "may be" when the status comes from a value the module does not show), or None
    when it is not (or is suspended)."""
    locked = _object_lock(ctx, resolver, bucket)
    if locked is not None:
        return f"is versioned ({locked})"
    for block in _inline(bucket, _VERSIONING):
        if block.type == "dynamic":
            return "may be versioned (a dynamic versioning block)"
        enabled = block.body.attribute("enabled")
        value = evaluate(enabled.value, ctx.analysis) if enabled is not None else False
        if value is True:
            return "is versioned (its versioning block)"
        if enabled is not None and not isinstance(value, bool):
            return f"may be versioned (versioning enabled = {enabled.value.code.strip()})"
    found, _unsure = _companions(ctx, resolver, bucket, _VERSIONING)
    for address in found:
        resource = ctx.analysis.lookup(address)
        node = getattr(resource, "node", None)
        if not isinstance(node, n.Block):
            continue
        for configuration, dynamic in nested_blocks(node.body, "versioning_configuration"):
            status = configuration.body.attribute("status")
            value = evaluate(status.value, ctx.analysis) if status is not None else None
            if dynamic is None and value == "Enabled":
                return f"is versioned ({address})"
            if dynamic is not None or not isinstance(value, str):
                return f"may be versioned ({address})"
    return None


def _object_lock(ctx: ModuleContext, resolver: s3.Resolver, bucket: n.Block) -> str | None:
    """How S3 Object Lock is on for the bucket (which turns versioning on for good: S3
    enables it with Object Lock, and it cannot be suspended), for a finding; None when
    the module shows none."""
    enabled = bucket.body.attribute("object_lock_enabled")
    if enabled is not None and evaluate(enabled.value, ctx.analysis) is True:
        return "S3 Object Lock, object_lock_enabled = true, keeps it versioned"
    for block, _dynamic in nested_blocks(bucket.body, "object_lock_configuration"):
        inner = block.body.attribute("object_lock_enabled")
        if inner is not None and evaluate(inner.value, ctx.analysis) == "Enabled":
            return "S3 Object Lock, its object_lock_configuration, keeps it versioned"
    for _path, other in ctx.analysis.resources("aws_s3_bucket_object_lock_configuration"):
        target = other.body.attribute("bucket")
        if target is not None and resolver.designates(target.value, other, bucket) is True:
            return (
                "S3 Object Lock, aws_s3_bucket_object_lock_configuration."
                f"{other.labels[1]}, keeps it versioned"
            )
    return None


def _keep_versions(versioned: str, library: str | None) -> str:
    """The finding for a bucket versioned without any lifecycle rule (CKV2_AWS_61)."""
    where = (
        "as an input of this module (such as var.noncurrent_version_expiration_days), "
        "since its callers' buckets would change too"
        if library is not None
        else "with the lifecycle option (noncurrent_days = N) or by hand"
    )
    return (
        f"{versioned} and no lifecycle rule expires its noncurrent versions, so every "
        "overwritten or deleted object is kept, and billed, forever; no rule is added, as "
        "one would delete the versions kept so far: decide how long noncurrent versions "
        "must be kept (recovery, audit or retention needs), then add "
        f"{_LIFECYCLE} with noncurrent_version_expiration {{ noncurrent_days = N }} and "
        f"abort_incomplete_multipart_upload {{ days_after_initiation = {_ABORT_DAYS} }} "
        f"{where} (https://docs.aws.amazon.com/AmazonS3/latest/userguide/"
        f"lifecycle-configuration-examples.html; {_ABORT_DOC})"
    )


def nested_blocks_any(block: n.Block, kind: str) -> bool:
    return next(iter(nested_blocks(block.body, kind)), None) is not None


def _expirations(rule: n.Block) -> list[n.Block]:
    """The rule's ``expiration`` blocks that delete current versions (days or a date)."""
    out = []
    for expiration, _dynamic in nested_blocks(rule.body, "expiration"):
        written = expiration.body.attribute("days") or expiration.body.attribute("date")
        if written is not None or _dynamic is not None:
            out.append(expiration)
    return out


def _whole_bucket(rule: n.Block, ctx: ModuleContext) -> bool:
    """True when the lifecycle rule is enabled and applies to every object of the bucket:
    no prefix (or an empty one), no tag and no object size in its filter. A rule
    with a filter acts on that subset only ("A Filter element identifies a subset of
    objects to which the rule applies",
    https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html),
    so its noncurrent-version expiration leaves the other objects' old versions
    kept forever. Anything not shown (a dynamic filter, a value from an input) is
    not the whole bucket."""
    inline = rule.type == "lifecycle_rule"
    status = rule.body.attribute("enabled" if inline else "status")
    if status is None:
        return False
    value = evaluate(status.value, ctx.analysis)
    if value != (True if inline else "Enabled"):
        return False
    if not _empty_prefix(rule.body.attribute("prefix"), ctx):
        return False
    if inline:
        return rule.body.attribute("tags") is None and not rule.body.blocks_of_type("dynamic")
    for inner in rule.body.blocks:
        if inner.type == "dynamic" and inner.labels[:1] == ["filter"]:
            return False
        if inner.type != "filter":
            continue
        if inner.body.blocks:  # tag { } or and { }
            return False
        for attribute in inner.body.attributes:
            if attribute.name != "prefix" or not _empty_prefix(attribute, ctx):
                return False
    return True


def _empty_prefix(prefix: n.Attribute | None, ctx: ModuleContext) -> bool:
    return prefix is None or evaluate(prefix.value, ctx.analysis) == ""


def _prefix_rules(configuration: n.Block) -> list[str]:
    """IDs (or "rule N") of the rules of ``configuration`` that use the rule-level
    ``prefix`` of provider v3 style rather than a ``filter``."""
    found = []
    for index, (rule, _dynamic) in enumerate(nested_blocks(configuration.body, "rule"), 1):
        if rule.body.attribute("prefix") is not None:
            written = rule.body.attribute("id")
            found.append(written.value.code.strip() if written is not None else f"rule {index}")
    return found


def _is_days(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _expiration_text(expiration: n.Block) -> str:
    parts = [f"{a.name} = {a.value.code.strip()}" for a in expiration.body.attributes]
    return ", ".join(parts) or "expiration"

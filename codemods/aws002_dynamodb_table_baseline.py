"""AWS002 dynamodb-table-baseline: every DynamoDB table gets the same recovery and security."""

from __future__ import annotations

from tffix.analysis.kms import default_key
from tffix.analysis.roots import library_module
from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.cst.placement import is_ordinary, leading_attributes
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Option, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from tffix.analysis.evaluate import Evaluator
    from tffix.aws.iam import Permissions

_PITR = "point_in_time_recovery"
_SSE = "server_side_encryption"
_SSE_KEY = "server_side_encryption.kms_key_arn"  # as the provider version table names it
# Nested blocks the recovery/encryption blocks are written after (the last one present).
_BLOCK_ANCHORS = ("attribute", "local_secondary_index", "global_secondary_index", "ttl")
# Items a table conventionally ends with; new things go before them.
_TRAILING = frozenset(("tags", "tags_all", "lifecycle", "timeouts", "depends_on", "provider"))
_PITR_CHECK = "CKV_AWS_28"
_KMS_CHECK = "CKV_AWS_119"


class DynamodbTableBaseline(Codemod):
    """Every ``aws_dynamodb_table`` gets point-in-time recovery, KMS encryption and an
    explicit ``deletion_protection_enabled``."""

    code = "AWS002"
    name = "dynamodb-table-baseline"
    summary = "DynamoDB tables have point-in-time recovery, KMS encryption, deletion protection"
    seed_section = "§4 Inconsistent DynamoDB Table Configurations"
    documentation = (
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html",
    )
    checks = (_PITR_CHECK, _KMS_CHECK)
    safety = Safety.SAFE
    options = (
        Option(
            "deletion_protection",
            False,
            "value written to deletion_protection_enabled where a table has none; false keeps "
            "test stacks destroyable, true is the production "
            "choice and also turns an explicit false into true",
        ),
        Option(
            "kms_key_arn",
            None,
            "key for server_side_encryption when the module does not hold exactly one "
            "aws_kms_key: an ARN or an HCL expression such as var.table_key_arn",
        ),
    )
    explanation = """\
Why: tables of one stack are often configured three different
ways: one without point-in-time recovery, some without an explicit deletion
protection setting, and encryption that differed from table to table. Every
table should be restorable to any second of the last 35 days (checkov
CKV_AWS_28), encrypted with a customer-managed KMS key that you control and
audit (CKV_AWS_119), and say plainly whether it may be deleted. (DynamoDB
always encrypts at rest; without `server_side_encryption` it uses a key AWS
owns, which you can neither audit nor revoke.)

What it does: for every table, those with `count`/`for_each` too, it

- adds `point_in_time_recovery { enabled = true }` after the table's
  `attribute`/index/`ttl` blocks (an explicit `enabled = false` is a choice:
  reported, not flipped). A `dynamic "point_in_time_recovery"` block already configures it and
  no second one is added; its content is checked the same way.
- adds a `server_side_encryption` block with `enabled = true` and
  `kms_key_arn` = the key the module's other tables already use (when they
  all use one), else the `.arn` of the module's only symmetric `aws_kms_key`;
  without exactly one such key, the `kms_key_arn` option; without that, only
  `enabled = true`, which means the AWS managed key `aws/dynamodb`, and a
  finding says so. An existing block missing `kms_key_arn` gets the same key.
  Tables with `replica`s get no key automatically: each replica region needs
  its own.
- uses a customer-managed key the module holds only when the table's users
  can use it. DynamoDB decrypts a table's key with the permissions of the
  principal that reads or writes the table: with a customer-managed key
  every reader and writer needs `kms:Decrypt` on that key, or its requests
  fail with AccessDeniedException (DynamoDB Developer Guide, "Encryption at
  rest: how it works", customer managed keys and table keys; AWS KMS
  Developer Guide, "How Amazon DynamoDB uses AWS KMS"). The AWS managed key
  `aws/dynamodb` lets every principal of the account that may use DynamoDB
  use it, so moving a table to it changes nobody's access. The key is
  chosen when its key policy lets the account's principals use it through
  DynamoDB (`kms:ViaService`), when the table is a Terraform lock table
  (`hash_key = "LockID"`) beside a state bucket that key encrypts, or when
  the key policy leaves its use to IAM and every role the module shows
  reading or writing the table may `kms:Decrypt` with it: the roles whose
  policies name the table's ARN (at least one), and those whose DynamoDB
  actions are allowed on resources that may include it (`*`, an ARN pattern
  such as `table/ord*` its name matches, a value not shown). Otherwise (no
  such role, the table given to a child module, a role without the
  permission) the table gets `aws/dynamodb` and a
  finding names the key, the principals and the grant to add first; checkov
  CKV_AWS_119, which wants a customer-managed key, keeps failing until then.
  A table with a resource-based policy (`resource_policy`,
  `aws_dynamodb_resource_policy`) may be read by other accounts, which the
  AWS managed key cannot serve ("Resource-based policy considerations"):
  its encryption is reported, not changed.
- adds `deletion_protection_enabled = false` (the `deletion_protection`
  option) at the end of the table's first attribute group, so that whether
  the table may be deleted is written down. False keeps test stacks
  destroyable (and is the provider's default): it protects nothing, and the
  finding says so. For production set the option to true, which also turns
  an explicit `false` into true. An explicit `true` is never turned off.

A `#checkov:skip=CKV_AWS_28` or `CKV_AWS_119` on a table waives only the
backups or only the encryption key part; `# tffix: ignore[AWS002]` waives all.

Values given by expressions (`enabled = var.pitr`) are not overwritten: the
finding names the variable and, when its default is a literal, says what to
change.

Fix safety: safe. Every change is an in-place `UpdateTable` (AWS provider,
`aws_dynamodb_table`; DynamoDB API reference, UpdateTable): no table is
replaced and no data is touched. What it could break: point-in-time
recovery adds backup storage cost; a customer-managed key makes the table
depend on the key (disabling or deleting the key makes the table
inaccessible) and adds KMS request costs; principals outside the module
that use a table moved to a customer-managed key need `kms:Decrypt` on it
(the finding says so). It checks first that the key is on the table's own
provider configuration (another alias is another region or account, where
the table cannot use it) and that the table's users may use it (above);
otherwise the table gets the AWS managed key `aws/dynamodb` and a finding. Tables with
`replica`s get no key (each replica needs one in its region). A module
made to be called (marked by its place or callers, or with no provider or
backend and inputs without defaults or declared in files not given;
tffix.analysis.roots) is reported, not changed: its callers' tables would
change without a word and without a way to opt out. The finding names the
inputs to add for what is missing (`var.point_in_time_recovery_enabled`,
`var.kms_key_arn`, `var.deletion_protection_enabled`); a setting the module
already takes from an input is the callers' choice. An explicit
`deletion_protection_enabled`, `enabled = false` given by an expression,
and waived checks are never changed. `deletion_protection_enabled` exists
from AWS provider 4.59.0 on: a module whose `required_providers` (or lock
file) allows older versions gets a finding instead.

Example:

    resource "aws_dynamodb_table" "orders" {
    -  name         = "orders"
    -  billing_mode = "PAY_PER_REQUEST"
    -  hash_key     = "id"
    +  name                        = "orders"
    +  billing_mode                = "PAY_PER_REQUEST"
    +  hash_key                    = "id"
    +  deletion_protection_enabled = false

      attribute {
        name = "id"
        type = "S"
      }
    +
    +  point_in_time_recovery {
    +    enabled = true
    +  }
    +
    +  server_side_encryption {
    +    enabled     = true
    +    kms_key_arn = aws_kms_key.main.arn
    +  }
    }
"""

    def triggers(self, ctx: ModuleContext) -> Iterable[tuple[str, n.Block]]:
        """Every DynamoDB table."""
        return ctx.targets("aws_dynamodb_table")

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        from tffix.analysis.evaluate import Evaluator
        from tffix.aws.iam import Permissions
        from tffix.aws.kms import key_expression
        from tffix.aws.provider_versions import supports

        evaluator = Evaluator(ctx.analysis)
        permissions = Permissions(ctx.analysis, evaluator)
        option = self.settings["kms_key_arn"]
        option_key = key_expression(str(option)) if option else None
        self._ctx = ctx
        self._supported = supports(ctx, "aws_dynamodb_table", "deletion_protection_enabled")
        # A customer-managed key for the table came with provider 2.47.0 (version table).
        self._key_supported = supports(ctx, "aws_dynamodb_table", _SSE_KEY)
        module_key, module_why = _tables_key(ctx) or default_key(
            ctx.analysis, self.settings["kms_key_arn"]
        )
        # Waivers are honoured per setting, not per table: a `checkov:skip` of
        # CKV_AWS_119 (AWS owned key on purpose) still leaves backups to fix.
        library = library_module(ctx.directory, ctx.files, ctx.analysis)
        for path, table in ctx.targets("aws_dynamodb_table"):
            checks = ctx.waived_checks(table)
            label = ".".join(table.labels)
            if library is not None:
                # Every caller's tables would change (costs, keys) without a word:
                # what is missing becomes an input the callers set.
                yield self._library_table(path, label, table, checks, library)
                continue
            key, why_no_key = _usable_key(
                ctx, table, module_key, module_why, permissions, option_key
            )
            if key is None and option_key is not None and module_key != option_key:
                # The module's key may not serve this table's users: the key a person
                # chose for the tables does.
                key, why_no_key = option_key, "the kms_key_arn option"
            found = list(self._deletion_protection(path, label, table, evaluator))
            if _PITR_CHECK not in checks:
                found += self._enabled_block(path, label, table, _PITR, evaluator, None)
            shared = _resource_policy(ctx, table)
            if _KMS_CHECK not in checks and shared is not None and not _has_sse_key(table):
                # Other accounts may read it: the AWS managed key cannot be shared with
                # them, and a customer-managed key would need their use granted too.
                found.append(
                    self.manual(
                        path,
                        table,
                        f"{label}: encryption not changed: {shared} may let other accounts "
                        "use the table, and cross-account access through a resource-based "
                        "policy does not work with the AWS managed key aws/dynamodb "
                        '(DynamoDB Developer Guide, "Resource-based policy considerations"), '
                        "while a customer-managed key needs kms:Decrypt granted to those "
                        "accounts first; choose a key they may use, grant it, then set "
                        "server_side_encryption { enabled = true, kms_key_arn = <the key> } "
                        "(CKV_AWS_119)",
                    )
                )
            elif _KMS_CHECK not in checks:
                found += self._enabled_block(path, label, table, _SSE, evaluator, key, why_no_key)
                found += self._encryption_key(path, label, table, key, why_no_key, evaluator)
            yield from found
            if not found:
                waived = f" ({', '.join(sorted(checks))} waived)" if checks else ""
                yield self.fine(
                    path,
                    table,
                    f"{label}: deletion protection is explicit, point-in-time recovery and "
                    f"encryption are configured{waived}",
                )

    # ---- reusable modules -----------------------------------------------------

    def _library_table(
        self, path: str, label: str, table: n.Block, checks: set[str], library: str
    ) -> Finding:
        """The finding for a table of a module made to be called: the inputs to add for
        what is missing; a setting already written (a variable's value too) is the
        callers' choice."""
        from tffix.analysis.dynamic import nested_blocks

        inputs = []
        if _PITR_CHECK not in checks and not list(nested_blocks(table.body, _PITR)):
            inputs.append("point_in_time_recovery { enabled = var.point_in_time_recovery_enabled }")
        if _KMS_CHECK not in checks and not list(nested_blocks(table.body, _SSE)):
            inputs.append(
                "server_side_encryption { enabled = true, kms_key_arn = var.kms_key_arn }"
            )
        if table.body.attribute("deletion_protection_enabled") is None:
            inputs.append("deletion_protection_enabled = var.deletion_protection_enabled")
        if not inputs:
            return self.fine(
                path,
                table,
                f"{label}: a reusable module's table with recovery, encryption and deletion "
                "protection written out; values from its inputs are the callers' choice",
            )
        return self.manual(
            path,
            table,
            f"{label}: not changed: this directory {library}, so settings added here "
            "would change the tables of every caller (cost, keys) with no way to opt "
            f"out; add inputs for them ({'; '.join(inputs)}), defaulting to today's "
            "behaviour, and set them in the callers",
        )

    # ---- deletion_protection_enabled ------------------------------------------

    def _deletion_protection(
        self, path: str, label: str, table: n.Block, evaluator: Evaluator
    ) -> Iterator[Finding]:
        from tffix.analysis.describe import depends_on, expression_note, source

        want = bool(self.settings["deletion_protection"])
        text = "true" if want else "false"
        attribute = table.body.attribute("deletion_protection_enabled")
        if attribute is None and self._supported is not True:
            from tffix.aws.provider_versions import explain

            yield self.manual(
                path,
                table,
                f"{label}: deletion_protection_enabled not added: "
                f"{explain(self._ctx, 'aws_dynamodb_table', 'deletion_protection_enabled')}",
            )
            return
        if attribute is None:
            anchor = _attribute_anchor(table.body)
            if anchor is None:
                edit.insert(table, f"deletion_protection_enabled = {text}", blank_line=True)
            else:
                edit.insert(table, f"deletion_protection_enabled = {text}", after=anchor)
            if want:
                message = f"{label}: added deletion_protection_enabled = true"
            else:
                # Written out so the choice is visible, and not to be read as protection.
                message = (
                    f"{label}: wrote out deletion_protection_enabled = false, the provider's "
                    "default: the table is NOT protected from deletion (a destroy or a "
                    "replacement deletes it and its data); set it to true where the data must "
                    "survive (option deletion_protection = true)"
                )
            yield self.fixed(path, table, message)
            return
        if not want:
            return  # an explicit value, whatever it is, is never weakened
        value = attribute.value
        if m.Literal(True).matches(value) or m.string_value(value) == "true":
            return
        if m.Constant().matches(value):
            edit.set_value(attribute, "true")
            yield self.fixed(
                path, attribute, f"{label}: deletion protection was {source(value)}; enabled it"
            )
            return
        note = expression_note(evaluator, value, want="true", ok=lambda v: v is True)
        if note is not None:
            message = depends_on(f"{label}: deletion protection", value, "true", note)
            yield self.manual(path, attribute, message)

    # ---- point_in_time_recovery / server_side_encryption ----------------------

    def _enabled_block(
        self,
        path: str,
        label: str,
        table: n.Block,
        block_type: str,
        evaluator: Evaluator,
        key: str | None,
        why: str = "",
    ) -> Iterator[Finding]:
        """The block exists (static or dynamic) with ``enabled = true``; add it when missing.
        ``why``: why ``key`` may serve the table."""
        from tffix.analysis.describe import depends_on, expression_note, source, variables_note
        from tffix.analysis.dynamic import iteration_scopes, nested_blocks, uses_iterator

        what = "point-in-time recovery" if block_type == _PITR else "KMS encryption"
        off = (
            "point-in-time recovery stays off"
            if block_type == _PITR
            else "the table is only encrypted with an AWS owned key"
        )
        found = False
        for block, dynamic in nested_blocks(table.body, block_type):
            found = True
            if dynamic is not None:
                scopes = iteration_scopes(evaluator, dynamic)
                if scopes == []:
                    for_each = dynamic.body.attribute("for_each")
                    assert for_each is not None
                    yield self.manual(
                        path,
                        dynamic,
                        f'{label}: dynamic "{block_type}" makes no block with the defaults of '
                        f"`{source(for_each.value)}`, so {off}"
                        f"{variables_note(for_each.value)}",
                    )
                    continue
            enabled = block.body.attribute("enabled")
            if enabled is None:
                first = block.body.attributes[:1]
                if first:
                    edit.insert(block, "enabled = true", before=first[0])
                else:
                    edit.insert(block, "enabled = true")
                yield self.fixed(
                    path, block, f"{label}: {block_type} had no enabled; added enabled = true"
                )
                continue
            value = enabled.value
            # "true" and "false" are what Terraform converts them to for a bool argument.
            if m.Literal(True).matches(value) or m.string_value(value) == "true":
                continue
            if m.Literal(False).matches(value) or m.string_value(value) == "false":
                # Written out as false: a choice (cost, a scratch table), not an omission.
                yield self.manual(
                    path,
                    enabled,
                    f"{label}: {what} is turned off explicitly (enabled = false); left as "
                    f"chosen: set enabled = true unless that is deliberate "
                    f"({_PITR_CHECK if block_type == _PITR else _KMS_CHECK})",
                )
                continue
            if m.Constant().matches(value):
                edit.set_value(enabled, "true")
                yield self.fixed(path, enabled, f"{label}: {what} was {source(value)}; enabled it")
                continue
            if dynamic is not None and uses_iterator(value, dynamic):
                scopes = iteration_scopes(evaluator, dynamic) or []
                values = [evaluator.value(value, scope) for scope in scopes]
                if scopes and all(v is True for v in values):
                    continue
                if not scopes:
                    continue  # data passed in by the caller: nothing known to check
            note = expression_note(evaluator, value, want="true", ok=lambda v: v is True)
            if note is not None:
                yield self.manual(
                    path, enabled, depends_on(f"{label}: {what}", value, "true", note)
                )
        if found:
            return
        lines = ["enabled = true"]
        message = f"{label}: added {block_type} {{ enabled = true }}"
        if (
            block_type == _SSE
            and key is not None
            and not _has_replicas(table)
            and self._key_supported is True
        ):
            lines.append(f"kms_key_arn = {key}")
            message = f"{label}: added {block_type} with kms_key_arn = {key}" + (
                f" ({why})" if why else ""
            )
        text = f"{block_type} {{\n" + "".join(f"  {line}\n" for line in lines) + "}"
        anchor = _block_anchor(table.body, block_type)
        edit.insert(table, text, after=anchor, blank_line=True, blank_line_after=True)
        yield self.fixed(path, table, message)

    def _encryption_key(
        self,
        path: str,
        label: str,
        table: n.Block,
        key: str | None,
        why_no_key: str,
        evaluator: Evaluator,
    ) -> Iterator[Finding]:
        """server_side_encryption blocks that are on but name no key get the table key."""
        from tffix.analysis.dynamic import nested_blocks

        has_replicas = _has_replicas(table)
        for block, _dynamic in nested_blocks(table.body, _SSE):
            if block.body.attribute("kms_key_arn") is not None:
                continue
            enabled = block.body.attribute("enabled")
            if enabled is None or evaluator.value(enabled.value) is not True:
                continue  # off, or decided by an expression (reported above)
            if key is not None and not has_replicas and self._key_supported is not True:
                from tffix.aws.provider_versions import explain

                yield self.manual(
                    path,
                    block,
                    f"{label}: encrypted with the AWS managed key aws/dynamodb; kms_key_arn = "
                    f"{key} not added: {explain(self._ctx, 'aws_dynamodb_table', _SSE_KEY)}",
                )
            elif key is not None and not has_replicas:
                edit.insert(block, f"kms_key_arn = {key}", after=enabled)
                yield self.fixed(
                    path,
                    block,
                    f"{label}: server_side_encryption now uses {key}"
                    + (f" ({why_no_key})" if why_no_key else ""),
                )
            else:
                reason = (
                    "the table has replicas: the key goes here and each replica needs "
                    "kms_key_arn of a key in its own region"
                )
                yield self.manual(
                    path,
                    block,
                    f"{label}: encrypted with the AWS managed key aws/dynamodb, which every "
                    "principal of the account that may use DynamoDB may use "
                    f"({reason if key is not None else why_no_key}); checkov CKV_AWS_119 "
                    "fails until kms_key_arn names a customer-managed key",
                )


# ---- helpers -------------------------------------------------------------------


def _tables_key(ctx: ModuleContext) -> tuple[str, str] | None:
    """The key the module's tables already use, when they all use one (its choice, made once).

    ``kms_key_arn`` of every written-out ``server_side_encryption`` block of
    the module's tables (waived or not); None when there is none, or several.
    """
    from tffix.analysis.dynamic import nested_blocks

    chosen: dict[str, str] = {}
    for _path, table in ctx.analysis.resources("aws_dynamodb_table"):
        for block, dynamic in nested_blocks(table.body, _SSE):
            arn = block.body.attribute("kms_key_arn")
            if dynamic is None and arn is not None and not m.Constant().matches(arn.value):
                chosen["".join(arn.value.code.split())] = arn.value.code.strip()
    if len(chosen) != 1:
        return None
    (key,) = chosen.values()
    if any(r.root_name() in ("each", "count") for r in edit.traversals(_parse(key))):
        return None  # per-instance: means nothing for another table
    return key, ""


def _parse(text: str) -> n.Expression:
    from tffix.cst.builders import parse_expression

    return parse_expression(text)


def _usable_key(
    ctx: ModuleContext,
    table: n.Block,
    key: str | None,
    why: str,
    permissions: Permissions,
    option: str | None,
) -> tuple[str | None, str]:
    """The module's key for ``table``, unless it cannot serve it or its users.

    A key on another provider configuration (``provider = aws.replica``) is
    in another region or account, where the table cannot use it. And a table
    encrypted with a customer-managed key is read and written only by
    principals that may use the key: DynamoDB asks KMS to decrypt the table
    key with the caller's own permissions (kms:Decrypt through
    dynamodb.<region>.amazonaws.com), so every reader or writer without it
    gets AccessDeniedException within minutes of the switch (DynamoDB
    Developer Guide, "Encryption at rest: how it works", customer managed
    keys and table keys; AWS KMS Developer Guide, "How Amazon DynamoDB uses
    AWS KMS"). The AWS managed key aws/dynamodb lets every principal of the
    account that may use DynamoDB use it. So a customer-managed key is chosen
    only when the module shows its users may use it: the key policy allows
    the account's principals through DynamoDB; the table is a Terraform lock
    table whose state bucket the key encrypts (its users are the state's, who
    decrypt the state with it); or the module shows roles that read or write
    the table, the key policy leaves its use to IAM, and each of them is
    allowed kms:Decrypt on the key. A key given by the ``kms_key_arn`` option
    is a person's choice for these tables and is kept.
    """
    from tffix.aws import kms
    from tffix.aws.iam import Grant

    if key is None or (option is not None and key == option):
        return key, why  # none, or the option a person set
    if not key.startswith("aws_kms_key."):
        return None, _not_shown(
            key,
            f"the module's other tables use {key}, which this module does not create, so "
            "whether this table's readers and writers may use it is not shown",
        )
    address = ".".join(key.split(".")[:2]).split("[")[0]
    found = ctx.analysis.lookup(address)
    if found is None or not isinstance(found.node, n.Block):
        return key, why
    block = found.node
    if _provider(block) != _provider(table):
        return None, (
            f"the module's key {address} is on provider "
            f"{_provider(block) or 'aws'} and the table on {_provider(table) or 'aws'}: "
            "a table needs a key in its own region and account"
        )
    if kms.grants_account_through(ctx.analysis, block, "dynamodb", ("kms:Decrypt",)):
        return key, (
            f"the policy of {address} lets the account's principals use it through DynamoDB"
        )
    if _lock_table_of(ctx, table, address):
        return key, (
            "a Terraform state lock table: whoever takes the lock reads the state that "
            f"{address} encrypts"
        )
    if not kms.delegates_to_iam(ctx.analysis, block):
        return None, _not_shown(
            key,
            f"the policy of {address} neither lets the account's principals use it through "
            "DynamoDB nor leaves its use to IAM policies (a statement allowing the account "
            "root)",
        )
    table_address = f"{table.labels[0]}.{table.labels[1]}"
    given = _modules_given(ctx, table_address)
    if given:
        return None, _not_shown(
            key,
            f"the table is given to {', '.join(given)}, whose principals this module does not show",
        )
    users = permissions.roles_using(table_address, "dynamodb")
    if not users:
        return None, _not_shown(
            key, "this module shows no role that uses the table, so who does is not known"
        )
    # Roles that may use the table without naming it (dynamodb actions on "*", an ARN
    # pattern the table's name may match): each of them needs the key as much.
    name = table.body.attribute("name")
    known = permissions.evaluator.value(name.value) if name is not None else None
    broad = [
        r
        for r in permissions.roles_maybe_using(
            table_address, "dynamodb", known if isinstance(known, str) else None
        )
        if r not in users
    ]
    reference = permissions.partial(_parse(key))
    lacking = []
    for user in [*users, *broad]:
        answer = permissions.grants(user, ("kms:Decrypt",), reference)
        if answer.grant is not Grant.YES:
            how = (
                ""
                if user in users
                else " (it may use the table: its DynamoDB actions are "
                "allowed on resources that may include it, such as *)"
            )
            lacking.append(f"{user}{how} may not ({answer.reason})")
    if lacking:
        return None, _not_shown(key, "; ".join(lacking))
    users = [*users, *broad]
    return key, (
        f"{', '.join(users)}, the roles this module shows using the table, may decrypt "
        f"with {address}; principals outside this module that use the table need "
        "kms:Decrypt on it too"
    )


def _not_shown(key: str, fact: str) -> str:
    """Why the table does not get ``key``: the fact, and what to do."""
    return (
        f"not {key}: with it, every principal that reads or writes the table needs "
        "kms:Decrypt on that key (DynamoDB decrypts with the caller's own permission; "
        f"without it: AccessDeniedException), and {fact}; grant it to them (or let the "
        "account's principals use the key through DynamoDB in its key policy), then set "
        f"kms_key_arn = {key}"
    )


def _resource_policy(ctx: ModuleContext, table: n.Block) -> str | None:
    """The resource-based policy of the table, which may let other accounts use it:
    the table's ``resource_policy`` argument or an ``aws_dynamodb_resource_policy``
    whose ``resource_arn`` may be the table's."""
    if table.body.attribute("resource_policy") is not None:
        return "its resource_policy"
    address = f"{table.labels[0]}.{table.labels[1]}"
    for _path, policy in ctx.analysis.resources("aws_dynamodb_resource_policy"):
        arn = policy.body.attribute("resource_arn")
        if arn is None:
            continue
        names = [".".join(str(x) for x in t.names()[:2]) for t in edit.traversals(arn.value)]
        if address in names or not any(x.startswith("aws_dynamodb_table.") for x in names):
            return f"aws_dynamodb_resource_policy.{policy.labels[1]}"
    return None


def _has_sse_key(table: n.Block) -> bool:
    """Whether a written-out server_side_encryption block names its key already."""
    from tffix.analysis.dynamic import nested_blocks

    return any(
        b.body.attribute("kms_key_arn") is not None for b, _d in nested_blocks(table.body, _SSE)
    )


def _modules_given(ctx: ModuleContext, address: str) -> list[str]:
    """The ``module`` calls of this module that are given the resource (its name, ARN...)."""
    out = []
    for declaration in ctx.analysis.declared("module"):
        if any(
            isinstance(t, n.Traversal) and ".".join(str(x) for x in t.names()[:2]) == address
            for t in declaration.node.walk()
        ):
            out.append(f"module.{declaration.name}")
    return out


def _lock_table_of(ctx: ModuleContext, table: n.Block, key_address: str) -> bool:
    """Whether ``table`` is a Terraform state lock table (``hash_key = "LockID"``, the
    attribute the S3 backend locks with) and ``key_address`` encrypts a bucket of the
    module by default: whoever takes the lock reads and writes that state with the key."""
    hash_key = table.body.attribute("hash_key")
    if hash_key is None or m.string_value(hash_key.value) != "LockID":
        return False
    for type_ in ("aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket"):
        for _path, block in ctx.analysis.resources(type_):
            for node in block.walk():
                if not isinstance(node, n.Attribute) or node.name != "kms_master_key_id":
                    continue
                if any(
                    ".".join(str(x) for x in t.names()[:2]) == key_address
                    for t in edit.traversals(node.value)
                ):
                    return True
    return False


def _provider(block: n.Block) -> str:
    attribute = block.body.attribute("provider")
    return "".join(attribute.value.code.split()) if attribute is not None else ""


def _has_replicas(table: n.Block) -> bool:
    from tffix.analysis.dynamic import nested_blocks

    return any(True for _ in nested_blocks(table.body, "replica"))


def _attribute_anchor(body: n.Body) -> n.Attribute | None:
    """The last attribute of the group before the first nested block (meta-arguments aside)."""
    leading = leading_attributes(body)
    candidates = [a for a in leading if is_ordinary(a)]
    if candidates:
        return candidates[-1]
    others = [a for a in body.attributes if is_ordinary(a)]
    if others:
        return others[-1]
    return leading[-1] if leading else None


def _block_anchor(body: n.Body, new_type: str) -> n.Attribute | n.Block | None:
    """Where a new recovery/encryption block goes: after its related blocks."""
    from tffix.analysis.dynamic import block_type

    items = body.items
    related = [_PITR, *_BLOCK_ANCHORS] if new_type == _SSE else list(_BLOCK_ANCHORS)
    if new_type == _SSE:
        pitr = [b for b in body.blocks if block_type(b) == _PITR]
        if pitr:
            return pitr[-1]
    blocks = [b for b in body.blocks if block_type(b) in related]
    if blocks:
        return blocks[-1]
    # Otherwise after the last item that is not part of the conventional tail.
    end = len(items)
    while end > 0 and _item_name(items[end - 1]) in _TRAILING:
        end -= 1
    if end > 0:
        return items[end - 1]
    return items[-1] if items else None


def _item_name(item: n.Attribute | n.Block) -> str:
    from tffix.analysis.dynamic import block_type

    return item.name if isinstance(item, n.Attribute) else block_type(item)

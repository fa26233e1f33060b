"""AWS005 codepipeline-github-source: GitHub v1 sources with a missing token secret."""

from __future__ import annotations

import re

from tffix.analysis.names import (
    find_data,
    find_resource,
    free_label,
    referenced,
    referenced_data,
    resource_labels,
)
from tffix.analysis.partial import can_equal
from tffix.aws.policy_edit import append_statement, policy_document
from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Option, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from tffix.analysis.partial import PartialEvaluator

_VERSION = "aws_secretsmanager_secret_version"
_SECRET_DATA = "aws_secretsmanager_secret"
_CONNECTION = "aws_codestarconnections_connection"
_STRATEGIES = ("connection", "create-secret")
# Configuration keys of a GitHub v1 action that a CodeStarSourceConnection has no use for.
_GITHUB_V1_KEYS = frozenset(("Owner", "Repo", "Branch", "OAuthToken", "PollForSourceChanges"))
_USE_CONNECTION = "codestar-connections:UseConnection"
# The connection resources (CodeConnections is the service's newer name).
_CONNECTIONS = (_CONNECTION, "aws_codeconnections_connection")
# A variable that holds a connection ARN: codestar_connection_arn, github_connection_arn...
_CONNECTION_VARIABLE = re.compile(
    r"(codestar|codeconnection|connection).*arn|arn.*connection", re.IGNORECASE
)
_CONFIRM = (
    "The connection must be AVAILABLE (confirmed in the console: Developer Tools > "
    "Settings > Connections) before this is applied, or the source stage fails"
)
# What a person does when the module has several connections to choose from.
_SWITCH_STEPS = (
    "Switch the action by hand to the connection (AVAILABLE, its GitHub App installed for "
    'the repository): owner "AWS", provider "CodeStarSourceConnection" with ConnectionArn, '
    "FullRepositoryId and BranchName, and grant the pipeline role "
    "codestar-connections:UseConnection on it"
)
# What a person does when the module has no connection to move to.
_MIGRATE_STEPS = (
    "To move off GitHub version 1 (deprecated): create a connection "
    "(aws_codestarconnections_connection, or in the console), have an admin of the GitHub "
    "organisation confirm it (it stays PENDING until then: Developer Tools > Settings > "
    "Connections > Update pending connection), pass its ARN to this module, then switch "
    'the action to owner "AWS", provider "CodeStarSourceConnection" with ConnectionArn, '
    "FullRepositoryId and BranchName, and grant the pipeline role "
    "codestar-connections:UseConnection on it"
)


class CodepipelineGithubSource(Codemod):
    """A GitHub version 1 source action reads its OAuth token from a secret nobody
    creates: move it to a CodeStar connection, or (option) declare the secret."""

    code = "AWS005"
    name = "codepipeline-github-source"
    summary = "CodePipeline GitHub sources use a CodeStar connection, not a missing OAuth secret"
    seed_section = "§7 CodePipeline GitHub Token Reference"
    documentation = (
        "https://docs.aws.amazon.com/codepipeline/latest/userguide/update-github-action-connections.html",
        "https://docs.aws.amazon.com/dtconsole/latest/userguide/connections-update.html",
    )
    safety = Safety.UNSAFE
    options = (
        Option(
            "strategy",
            "connection",
            "connection: migrate the action to CodeStarSourceConnection through the module's "
            "existing connection (none: reported) and grant the pipeline role "
            "codestar-connections:UseConnection; create-secret: keep GitHub version 1 and "
            "declare the Secrets Manager secret the token is read from",
            choices=_STRATEGIES,
        ),
    )
    explanation = """\
Why: a source action with `owner = "ThirdParty"`, `provider = "GitHub"`,
`version = "1"` authenticates with a personal OAuth token. When the token is
read from a Secrets Manager secret (`data "aws_secretsmanager_secret_version"`)
that the module never creates, `terraform plan` fails to read it, or, once
someone creates it by hand, the stack depends on an undocumented manual step.
GitHub version 1
actions are also deprecated by AWS in favour of CodeStar connections (the
GitHub App), which need no token at all.

What it does, with strategy `connection` (the default), only when the
module already has a GitHub connection to move to (an
`aws_codestarconnections_connection`/`aws_codeconnections_connection` with
`provider_type = "GitHub"`, a data source reading one, or a variable
holding a connection ARN such as `var.codestar_connection_arn`; exactly
one). A connection the module declares counts only when a pipeline or a
CodeBuild project of the module uses it already: Terraform creates it
PENDING, and one nothing uses may never have been completed in the console
(then the action is reported, naming that fact):

- rewrites the action to `owner = "AWS"`, `provider =
  "CodeStarSourceConnection"`, with `configuration` = `ConnectionArn`,
  `FullRepositoryId` ("<Owner>/<Repo>", expressions kept as interpolations),
  `BranchName` (from `Branch`); other keys are kept, `OAuthToken` and
  `PollForSourceChanges` are dropped (a connection detects changes itself);
- adds a statement allowing `codestar-connections:UseConnection` on the
  connection to the pipeline role's policy (`aws_iam_role_policy` or an
  attached `aws_iam_policy`, in `jsonencode` or `aws_iam_policy_document`
  form), or a new `aws_iam_role_policy` when no policy can be edited;
- removes the secret data sources nothing else reads any more.

It never creates a connection: AWS creates one in the PENDING state, and it
stays so until an admin of the GitHub organisation completes the handshake
in the console; a pipeline moved to it stops until then (Developer Tools
console User Guide, "Update a pending connection":
https://docs.aws.amazon.com/dtconsole/latest/userguide/connections-update.html).
Without a connection, the action is reported: reading the token from a
secret made outside the module is how a data source is meant to be used,
and the finding names the missing fact (a connection confirmed in the
console) and the steps to migrate.

With strategy `create-secret`, the action is kept and an
`aws_secretsmanager_secret` is declared with the name the data source reads;
the data source then reads that resource. The token value stays out of the
code and the state of the secret resource: the finding says how to put it in
(`terraform apply -target=...`, then `aws secretsmanager put-secret-value`).

Which secret is read: the `secret_id` (or the `name` of a `data
"aws_secretsmanager_secret"` it goes through) is compared with the names
the module's `aws_secretsmanager_secret`s can have, as far as they are
known: literals, variable defaults and `.tfvars`, templates compared by
their known pieces (`"${var.env}-gh-oauth"` can never be
`"${var.env}-db-password"`), `name_prefix`. A module that declares no
secret at all creates none of them, whatever the name. Secrets the module
creates itself are fine and left alone; when a name depends on what only
the caller knows (a variable without a default on either side, a module
output, an ARN) the action is reported with that fact, not changed.
Tokens given by a variable or written in the code are reported, not changed.
A third-party source action whose `provider` is an expression
(`var.PROVIDER`) with an `OAuthToken` is reported: it is GitHub version 1
when the expression says "GitHub", which only a deployment shows. An action
without `OAuthToken` is reported too: the AWS provider then reads the token
from the `GITHUB_TOKEN` environment variable of whoever runs Terraform.

Fix safety: unsafe (runs only with `--unsafe-fixes`). The migrated action
authenticates through the module's existing connection instead of the
token, which is the intent but changes how the pipeline reaches GitHub: the
connection must be AVAILABLE and its GitHub App installed on the
repository's organisation, or the source stage fails (the finding says
so). It checks first that the module cannot create the secret (above),
that the action has `Owner`, `Repo` and `Branch`, and that the module has
exactly one connection to use; otherwise it reports and edits nothing. The
pipeline role gets `codestar-connections:UseConnection` only when it is a
role of the module (otherwise the finding says to grant it). See "Update a
GitHub version 1 source action to a GitHub version 2 source action" in the
CodePipeline User Guide. Strategy `create-secret` declares a secret that may
already exist outside Terraform: then apply fails until it is imported
(`terraform import`), which its finding says.

Example (the module takes `var.codestar_connection_arn`):

     resource "aws_codepipeline" "pipeline" {
       ...
         action {
           name     = "Source"
           category = "Source"
    -      owner    = "ThirdParty"
    -      provider = "GitHub"
    +      owner    = "AWS"
    +      provider = "CodeStarSourceConnection"
           version  = "1"
           configuration = {
    -        Owner      = var.github_owner
    -        Repo       = var.github_repo
    -        Branch     = "main"
    -        OAuthToken = data.aws_secretsmanager_secret_version.github.secret_string
    +        ConnectionArn    = var.codestar_connection_arn
    +        FullRepositoryId = "${var.github_owner}/${var.github_repo}"
    +        BranchName       = "main"
           }

Options: `strategy` = `connection` (default) or `create-secret`.
"""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        strategy = str(self.settings["strategy"]).lower()
        if strategy not in _STRATEGIES:
            raise ValueError(
                f"AWS005: option strategy must be connection or create-secret, not {strategy!r}"
            )
        self.settings["strategy"] = strategy

    def triggers(self, ctx: ModuleContext) -> Iterator[tuple[str, n.Block]]:
        """GitHub version 1 source actions (with an OAuth token, or reading it from the
        environment)."""
        for path, pipeline in ctx.targets("aws_codepipeline"):
            for action in _github_v1_actions(pipeline):
                yield path, action

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        from tffix.analysis.partial import PartialEvaluator

        strategy = self.settings["strategy"]
        self._connection: tuple[str, str] | None = None
        self._granted: dict[str, str] = {}  # role -> clause, for pipelines sharing a role
        evaluator = PartialEvaluator(ctx.analysis)
        secrets = _Secrets(ctx, evaluator)
        for path, pipeline in ctx.targets("aws_codepipeline"):
            label = ".".join(pipeline.labels)
            for action in _github_v1_actions(pipeline):
                configuration = _configuration(action)
                items = _items(configuration.value)
                token = items.get("OAuthToken")
                where = f"{label} action {_action_name(action)}"
                if token is None:
                    # The provider then reads the token from GITHUB_TOKEN in the
                    # environment of whoever runs Terraform: nothing in the code says so.
                    github = not _maybe_github(action)
                    yield self.manual(
                        path,
                        configuration,
                        f"{where}: "
                        + (
                            "a GitHub version 1 source action (owner ThirdParty, version 1)"
                            if github
                            else "its provider is `"
                            + _provider_code(action)
                            + '`: when that is "GitHub", a GitHub version 1 source action'
                        )
                        + " without OAuthToken: the AWS provider then takes the OAuth token "
                        "from the GITHUB_TOKEN environment variable of whoever runs Terraform, "
                        "a step the code does not show (a run without it sends no token and "
                        "the source stage fails), and GitHub version 1, which authenticates "
                        "with an OAuth app's token, is no longer recommended "
                        "(https://docs.aws.amazon.com/codepipeline/latest/userguide/"
                        "appendix-github-oauth.html). " + _MIGRATE_STEPS,
                    )
                    continue
                if _maybe_github(action):
                    provider = action.body.attribute("provider")
                    assert provider is not None
                    yield self.manual(
                        path,
                        token,
                        f"{where}: its provider is `{provider.value.code.strip()}`: when that is "
                        '"GitHub", this is a GitHub version 1 source action (owner ThirdParty, '
                        "version 1, an OAuthToken), which AWS no longer recommends: it "
                        "authenticates with an OAuth app's token instead of a connection "
                        "(CodePipeline User Guide, GitHub version 1 source action: "
                        "https://docs.aws.amazon.com/codepipeline/latest/userguide/"
                        "appendix-github-oauth.html). " + _MIGRATE_STEPS,
                    )
                    continue
                versions = referenced_data(token.value, _VERSION)
                if not versions:
                    yield self._not_from_secrets_manager(path, where, token)
                    continue
                judged = [(v, *secrets.judge(v)) for v in versions]
                missing = [v for v, verdict, _why in judged if verdict == _MISSING]
                unknown = [(v, why) for v, verdict, why in judged if verdict == _UNKNOWN]
                if unknown:
                    facts = "; ".join(f"data.{_VERSION}.{v}: {why}" for v, why in unknown)
                    yield self.manual(
                        path,
                        token,
                        f"{where}: whether this module creates the secret the OAuth token is "
                        f"read from is not known here ({facts}); if nothing creates it, "
                        "`terraform plan` fails. " + _MIGRATE_STEPS,
                    )
                    continue
                if not missing:
                    reasons = "; ".join(why for _v, _verdict, why in judged)
                    yield self.fine(path, token, f"{where}: {reasons}")
                    continue
                why = "; ".join(why for v, verdict, why in judged if verdict == _MISSING)
                if strategy == "create-secret":
                    yield from self._create_secrets(ctx, path, pipeline, token, where, missing)
                    continue
                connection = self._usable_connection(ctx)
                if isinstance(connection, str):
                    reads = ", ".join(f"data.{_VERSION}.{v}" for v in missing)
                    yield self.manual(
                        path,
                        token,
                        f"{where}: GitHub version 1 source reads its OAuth token from {reads}, a "
                        f"secret made outside this module ({why}), which is how a data source "
                        f"is used; {connection}. "
                        + (
                            _SWITCH_STEPS
                            if connection.startswith("it has several")
                            else _MIGRATE_STEPS
                        ),
                    )
                    continue
                yield from self._migrate(
                    ctx, path, pipeline, action, items, where, missing, why, connection
                )
        yield from self._stale_webhooks(ctx, evaluator)

    def _not_from_secrets_manager(self, path: str, where: str, token: n.ObjectItem) -> Finding:
        if _secret_resource_refs(token.value):
            return self.fine(path, token, f"{where}: the token is read from a secret it creates")
        expr = token.value.code.strip()
        if m.string_value(token.value):
            advice = (
                "the token is written in the code: revoke it, and read it from "
                "Secrets Manager or, better, migrate to a CodeStar connection"
            )
        else:
            advice = (
                f"the OAuth token comes from `{expr}`; GitHub version 1 is "
                "deprecated: consider a CodeStar connection "
                "(CodeStarSourceConnection), which needs no token"
            )
        return self.manual(path, token, f"{where}: {advice}")

    # ---- strategy connection ---------------------------------------------------

    def _migrate(
        self,
        ctx: ModuleContext,
        path: str,
        pipeline: n.Block,
        action: n.Block,
        items: dict[str, n.ObjectItem],
        where: str,
        secrets: list[str],
        why: str,
        connection: tuple[str, str],
    ) -> Iterator[Finding]:
        configuration = _configuration(action)
        if "Owner" not in items or "Repo" not in items or "Branch" not in items:
            yield self.manual(
                path,
                configuration,
                f"{where}: GitHub version 1 source without Owner, Repo and Branch; "
                "migrate it to a CodeStar connection by hand",
            )
            return
        arn, described = connection
        repository = f'"{_piece(items["Owner"].value)}/{_piece(items["Repo"].value)}"'
        lines = [
            f"ConnectionArn = {arn}",
            f"FullRepositoryId = {repository}",
            f"BranchName = {items['Branch'].value.code.strip()}",
        ]
        lines += [
            f"{item.key.code.strip()} = {item.value.code.strip()}"
            for key, item in items.items()
            if key not in _GITHUB_V1_KEYS
        ]
        nl = edit.newline_of(action)  # a CRLF file stays CRLF
        edit.set_value(configuration, "{" + nl + "".join(f"  {line}{nl}" for line in lines) + "}")
        owner = action.body.attribute("owner")
        if owner is not None:
            edit.set_value(owner, '"AWS"')
        provider = action.body.attribute("provider")
        assert provider is not None
        edit.set_value(provider, '"CodeStarSourceConnection"')
        for name in secrets:
            _remove_unused_data(ctx, _VERSION, name)
        grant = self._grant(ctx, path, pipeline, arn)
        yield self.fixed(
            path,
            action,
            f"{where}: GitHub version 1 source read its OAuth token from "
            f"{', '.join(f'data.{_VERSION}.{s}' for s in secrets)}, a secret this module "
            f"never creates ({why}); it now uses {described}{grant}. {_CONFIRM}",
        )

    def _stale_webhooks(self, ctx: ModuleContext, evaluator: PartialEvaluator) -> Iterator[Finding]:
        """GitHub v1 webhooks aimed at an action that now uses a connection.

        Reported on every run (manual findings describe the final state), not
        only when the action is migrated. Action names are compared by value
        (a local on one side, a literal on the other), as far as known.
        """
        from tffix.analysis.partial import is_known

        for path, hook in ctx.targets("aws_codepipeline_webhook"):
            target = hook.body.attribute("target_pipeline")
            target_action = hook.body.attribute("target_action")
            if target is None or target_action is None:
                continue
            for name in referenced(target.value, "aws_codepipeline"):
                found = find_resource(ctx.analysis, "aws_codepipeline", name)
                if found is None:
                    continue
                for stage in found[1].body.blocks_of_type("stage"):
                    for action in stage.body.blocks_of_type("action"):
                        provider = action.body.attribute("provider")
                        action_name = action.body.attribute("name")
                        if action_name is None:
                            continue
                        mine = evaluator.value(action_name.value)
                        theirs = evaluator.value(target_action.value)
                        same = (
                            mine == theirs
                            if is_known(mine) and is_known(theirs)
                            else action_name.value.code.strip() == target_action.value.code.strip()
                        )
                        if (
                            provider is not None
                            and m.Literal("CodeStarSourceConnection").matches(provider.value)
                            and same
                        ):
                            yield self.manual(
                                path,
                                hook,
                                f"aws_codepipeline_webhook.{hook.labels[1]} is a GitHub version "
                                f"1 webhook for aws_codepipeline.{name} action "
                                f"{_action_name(action)}, which now uses a CodeStar "
                                "connection; remove it (the connection detects pushes itself)",
                            )

    def _usable_connection(self, ctx: ModuleContext) -> tuple[str, str] | str:
        """(ARN expression, description) of the one GitHub connection the module already
        has, or why there is none to use.

        A connection it declares, one it reads with a data source, or one whose ARN
        it takes as a variable: created and confirmed outside this change. A new
        connection is not created here: AWS creates it PENDING until an admin of the
        GitHub organisation confirms it in the console, and the pipeline fails until
        then (Developer Tools console User Guide, "Update a pending connection").
        """
        if self._connection is not None:
            return self._connection
        found: list[tuple[str, str]] = []
        unused: list[str] = []  # connections the module declares and nothing uses yet
        for kind in _CONNECTIONS:
            for _p, block in ctx.analysis.resources(kind):
                provider_type = block.body.attribute("provider_type")
                if provider_type is None or not m.Literal("GitHub").matches(provider_type.value):
                    continue
                address = f"{kind}.{block.labels[1]}"
                if block.body.attribute("count") or block.body.attribute("for_each"):
                    return f"{address} has count/for_each: which instance to use is not known"
                users = _connection_users(ctx, address)
                if not users:
                    # Terraform creates it PENDING, and nothing of the module uses it yet:
                    # nobody had a reason to complete it in the console.
                    unused.append(address)
                found.append(
                    (
                        f"{address}.arn",
                        f"{address}, the module's connection"
                        + (f" ({users[0]} uses it)" if users else ""),
                    )
                )
            for _p, block in ctx.analysis.data_sources(kind):
                address = f"data.{kind}.{block.labels[1]}"
                if block.body.attribute("count") or block.body.attribute("for_each"):
                    return f"{address} has count/for_each: which instance to use is not known"
                found.append((f"{address}.arn", f"the existing connection {address} reads"))
        for declared in ctx.analysis.declared("variable"):
            if _CONNECTION_VARIABLE.search(declared.name):
                found.append((f"var.{declared.name}", f"the connection var.{declared.name} names"))
        if not found:
            return (
                "the module has no CodeStar connection to move to (no "
                f"{_CONNECTION} resource or data source, no variable holding a connection "
                "ARN): the missing fact is a connection confirmed in the console"
            )
        if len(found) > 1:
            return (
                "it has several connections ("
                + ", ".join(d for _a, d in found)
                + ("), and which one reaches this repository is not in the code")
            )
        if unused:
            return (
                f"{unused[0]} is the module's connection, but nothing of the module uses it "
                "yet, and a connection Terraform creates stays PENDING until someone "
                "completes it in the console "
                "(https://docs.aws.amazon.com/dtconsole/latest/userguide/connections-update.html); "
                "whether it is AVAILABLE, and whether its GitHub App installation covers this "
                "repository, is not in the code: once both hold, switch the action to it"
            )
        self._connection = found[0]
        return found[0]

    def _grant(self, ctx: ModuleContext, path: str, pipeline: n.Block, arn: str) -> str:
        """Let the pipeline role use the connection; a clause for the finding."""
        role_arn = pipeline.body.attribute("role_arn")
        roles = referenced(role_arn.value, "aws_iam_role") if role_arn is not None else []
        if len(roles) != 1 or find_resource(ctx.analysis, "aws_iam_role", roles[0]) is None:
            return (
                f"; grant the pipeline role {_USE_CONNECTION} on {arn} (its role is not an "
                "aws_iam_role of this module)"
            )
        role = roles[0]
        if role in self._granted:
            return self._granted[role]
        self._granted[role] = self._grant_role(ctx, path, pipeline, role, arn)
        return self._granted[role]

    def _grant_role(
        self, ctx: ModuleContext, path: str, pipeline: n.Block, role: str, arn: str
    ) -> str:
        policies = _role_policies(ctx, role)
        for holder in policies:
            if _USE_CONNECTION in _policy_text(ctx, holder):
                return ""
        json_statement = (
            "  {\n"
            '    Effect   = "Allow"\n'
            f'    Action   = "{_USE_CONNECTION}"\n'
            f"    Resource = {arn}\n"
            "  }"
        )
        document_statement = (
            "statement {\n"
            '  effect    = "Allow"\n'
            f'  actions   = ["{_USE_CONNECTION}"]\n'
            f"  resources = [{arn}]\n"
            "}"
        )
        for holder in policies:
            where = append_statement(
                ctx.analysis, holder, "policy", json_statement, document_statement
            )
            if where is not None:
                return f"; {where} allows {_USE_CONNECTION}"
        policy_label = free_label(
            resource_labels(ctx.analysis, "aws_iam_role_policy"),
            f"{pipeline.labels[1]}_codestar_connection",
            "codestar",
        )
        edit.insert(
            ctx.files[path],
            f'resource "aws_iam_role_policy" "{policy_label}" {{\n'
            f'  name = "codestar-connection"\n'
            f"  role = aws_iam_role.{role}.id\n"
            "  policy = jsonencode({\n"
            '    Version = "2012-10-17"\n'
            "    Statement = [\n"
            "      {\n"
            '        Effect   = "Allow"\n'
            f'        Action   = "{_USE_CONNECTION}"\n'
            f"        Resource = {arn}\n"
            "      }\n"
            "    ]\n"
            "  })\n"
            "}",
            before=pipeline,
            blank_line_after=True,
        )
        return f"; the new aws_iam_role_policy.{policy_label} allows {_USE_CONNECTION}"

    # ---- strategy create-secret ------------------------------------------------

    def _create_secrets(
        self,
        ctx: ModuleContext,
        path: str,
        pipeline: n.Block,
        token: n.ObjectItem,
        where: str,
        versions: list[str],
    ) -> Iterator[Finding]:
        for name in versions:
            found = find_data(ctx.analysis, _VERSION, name)
            assert found is not None  # judged missing, so declared
            data_path, version = found
            secret_id = version.body.attribute("secret_id")
            assert secret_id is not None
            secret_name = _secret_name(ctx, secret_id.value)
            if secret_name is None:
                yield self.manual(
                    path,
                    token,
                    f"{where}: the OAuth token secret `{secret_id.value.code.strip()}` is not "
                    "created by this module and its name is not known here; declare it",
                )
                continue
            label = free_label(
                resource_labels(ctx.analysis, "aws_secretsmanager_secret"), name, f"{name}_secret"
            )
            edit.insert(
                ctx.files[data_path],
                f'resource "aws_secretsmanager_secret" "{label}" {{\n'
                f"  name        = {secret_name}\n"
                f'  description = "GitHub OAuth token of aws_codepipeline.{pipeline.labels[1]}, '
                'set outside Terraform"\n'
                "}",
                before=version,
                blank_line_after=True,
            )
            old = referenced_data(secret_id.value, _SECRET_DATA)
            edit.set_value(secret_id, f"aws_secretsmanager_secret.{label}.id")
            for data_name in old:
                _remove_unused_data(ctx, _SECRET_DATA, data_name)
            yield self.fixed(
                path,
                token,
                f"{where}: declared aws_secretsmanager_secret.{label}, the OAuth token secret "
                f"data.{_VERSION}.{name} reads. One manual step remains: create it with "
                f"`terraform apply -target=aws_secretsmanager_secret.{label}`, put the token in "
                "with `aws secretsmanager put-secret-value`, then apply the rest (if the "
                "secret already exists, `terraform import` it instead of creating it)",
            )


# ---- helpers -------------------------------------------------------------------


def _github_v1_actions(pipeline: n.Block) -> Iterator[n.Block]:
    for stage in pipeline.body.blocks_of_type("stage"):
        for action in stage.body.blocks_of_type("action"):
            provider = action.body.attribute("provider")
            version = action.body.attribute("version")
            configuration = action.body.attribute("configuration")
            if (
                provider is not None
                and (m.Literal("GitHub").matches(provider.value) or _maybe_github(action))
                and version is not None
                and m.Literal("1").matches(version.value)
                and configuration is not None
                and isinstance(configuration.value, n.Object)
            ):
                yield action


def _maybe_github(action: n.Block) -> bool:
    """A third-party source action whose provider is an expression (``var.PROVIDER``): it
    is GitHub version 1 when that expression says "GitHub", which only a deployment shows."""
    provider = action.body.attribute("provider")
    owner = action.body.attribute("owner")
    return (
        provider is not None
        and m.string_value(provider.value) is None
        and owner is not None
        and m.Literal("ThirdParty").matches(owner.value)
    )


def _provider_code(action: n.Block) -> str:
    provider = action.body.attribute("provider")
    return provider.value.code.strip() if provider is not None else "?"


def _configuration(action: n.Block) -> n.Attribute:
    configuration = action.body.attribute("configuration")
    assert configuration is not None  # _github_v1_actions yields only actions with one
    return configuration


def _items(value: n.Expression) -> dict[str, n.ObjectItem]:
    if not isinstance(value, n.Object):
        return {}
    return {item.key_name() or item.key.code.strip(): item for item in value.items}


def _action_name(action: n.Block) -> str:
    name = action.body.attribute("name")
    return name.value.code.strip() if name is not None else "(unnamed)"


def _piece(value: n.Expression) -> str:
    """``value`` as part of a quoted template: strings inline, expressions interpolated."""
    text = value.code.strip()
    if isinstance(value, n.TemplateString):
        return text[1:-1]
    return "${" + text + "}"


def _secret_resource_refs(value: n.Node) -> list[str]:
    return referenced(value, "aws_secretsmanager_secret") + referenced(
        value, "aws_secretsmanager_secret_version"
    )


_CREATED, _MISSING, _UNKNOWN = "created", "missing", "unknown"


class _Secrets:
    """What the module could create: the names its ``aws_secretsmanager_secret``s can have.

    A secret whose name is a template (``"${var.env}-gh-oauth"``) or comes
    from ``name_prefix`` can only have names with those known pieces; a
    secret without ``name`` gets a generated ``terraform-...`` one.
    """

    def __init__(self, ctx: ModuleContext, evaluator: PartialEvaluator) -> None:
        from tffix.analysis.partial import Template, Unknown

        self.ctx = ctx
        self.evaluator = evaluator
        self.names: list[tuple[str, Any]] = []
        for _p, block in ctx.analysis.resources("aws_secretsmanager_secret"):
            address = ".".join(block.labels)
            name = block.body.attribute("name")
            prefix = block.body.attribute("name_prefix")
            if name is not None:
                value = evaluator.value(name.value)
            elif prefix is not None:
                value = Template((evaluator.value(prefix.value), Unknown("a generated suffix")))
            else:
                value = Template(("terraform-", Unknown("a generated name")))
            self.names.append((address, value))

    def judge(self, version_name: str) -> tuple[str, str]:
        """(created | missing | unknown, why) for the secret ``data.<version>.<name>`` reads."""
        from tffix.analysis.partial import describe, unknowns

        found = find_data(self.ctx.analysis, _VERSION, version_name)
        if found is None:
            return _CREATED, "the data source is not declared (reported by TF003)"
        secret_id = found[1].body.attribute("secret_id")
        if secret_id is None:
            return _CREATED, "the data source has no secret_id (Terraform reports it)"
        expr: n.Expression = secret_id.value
        created = _secret_resource_refs(expr)
        if created:
            return _CREATED, f"it reads aws_secretsmanager_secret.{created[0]}, which it creates"
        if any(t.root_name() == "module" for t in edit.traversals(expr)):
            return _UNKNOWN, f"secret_id `{expr.code.strip()}` comes from a module call"
        what = f"secret_id `{expr.code.strip()}`"
        for data_name in referenced_data(expr, _SECRET_DATA):
            data = find_data(self.ctx.analysis, _SECRET_DATA, data_name)
            by_name = data[1].body.attribute("name") if data is not None else None
            if by_name is None:
                if not self.names:
                    return _MISSING, "the module declares no aws_secretsmanager_secret"
                return _UNKNOWN, f"data.{_SECRET_DATA}.{data_name} finds its secret by ARN"
            expr = by_name.value
            what = f"data.{_SECRET_DATA}.{data_name} name `{expr.code.strip()}`"
        if not self.names:
            return _MISSING, "the module declares no aws_secretsmanager_secret"
        value = self.evaluator.value(expr)
        shown_already = False
        if isinstance(value, str) and value.startswith("arn:"):
            # arn:...:secret:<name>-<6 random characters> (Secrets Manager User Guide,
            # "Secret ARN"): the name is what the module's secrets are compared with.
            name = value.partition(":secret:")[2]
            if len(name) < 8 or name[-7] != "-":
                return _UNKNOWN, f"{what} is an ARN, and the module creates secrets"
            value = name[:-7]
            what += f" names the secret {describe(value)}"
            shown_already = True
        matches = [(a, name) for a, name in self.names if can_equal(name, value)]
        if not matches:
            names = ", ".join(f"{a} ({describe(name)})" for a, name in self.names)
            shown = describe(value)
            if shown != expr.code.strip() and not shown_already:
                what += f" is {shown}"
            return _MISSING, f"{what}; none of its secrets can have that name: {names}"
        if _nothing_known(value):
            facts = ", ".join(unknowns(value)) or expr.code.strip()
            return _UNKNOWN, f"{what} depends on {facts}"
        definite = [a for a, name in matches if not _nothing_known(name)]
        if definite:
            return _CREATED, f"{what} can be the name of {definite[0]}, which it creates"
        facts = ", ".join(unknowns(matches[0][1]))
        return _UNKNOWN, f"the name of {matches[0][0]} depends on {facts}"


def _nothing_known(value: Any) -> bool:
    """True when no piece of a name is known (an Unknown, or a OneOf holding one)."""
    from tffix.analysis.partial import OneOf, Unknown

    if isinstance(value, OneOf):
        return any(_nothing_known(o) for o in value.options)
    return isinstance(value, Unknown)


def _secret_name(ctx: ModuleContext, secret_id: n.Expression) -> str | None:
    """HCL for the ``name`` of the secret ``secret_id`` designates."""
    if m.string_value(secret_id) is not None:
        text = secret_id.code.strip()
        return None if text.startswith("arn:") or text.startswith('"arn:') else text
    for data_name in referenced_data(secret_id, _SECRET_DATA):
        data = find_data(ctx.analysis, _SECRET_DATA, data_name)
        name = data[1].body.attribute("name") if data is not None else None
        if name is not None:
            return name.value.code.strip()
    return None


def _references(ctx: ModuleContext, address: tuple[str, ...]) -> int:
    matcher = m.Traversal(names=address)
    return sum(len(m.find_all(module, matcher)) for module in ctx.files.values())


def _remove_unused_data(ctx: ModuleContext, type: str, name: str) -> None:
    """Remove ``data.<type>.<name>`` when nothing refers to it any more, and what it used."""
    if _references(ctx, ("data", type, name)):
        return
    found = find_data(ctx.analysis, type, name)
    if found is None:
        return
    data_path, block = found
    if not any(item is block for item in ctx.files[data_path].body.items):
        return  # already removed
    used = referenced_data(block, _SECRET_DATA)
    module = ctx.files[data_path]
    edit.remove(block, module)
    for other in used:
        _remove_unused_data(ctx, _SECRET_DATA, other)


def _role_policies(ctx: ModuleContext, role: str) -> list[n.Block]:
    """Inline role policies, then attached customer policies, of ``aws_iam_role.<role>``."""
    out = []
    for _p, block in ctx.analysis.resources("aws_iam_role_policy"):
        attribute = block.body.attribute("role")
        if attribute is not None and referenced(attribute.value, "aws_iam_role") == [role]:
            out.append(block)
    for _p, attachment in ctx.analysis.resources("aws_iam_role_policy_attachment"):
        attribute = attachment.body.attribute("role")
        policy_arn = attachment.body.attribute("policy_arn")
        if attribute is None or policy_arn is None:
            continue
        if referenced(attribute.value, "aws_iam_role") != [role]:
            continue
        for policy in referenced(policy_arn.value, "aws_iam_policy"):
            found = find_resource(ctx.analysis, "aws_iam_policy", policy)
            if found is not None:
                out.append(found[1])
    return out


def _policy_text(ctx: ModuleContext, holder: n.Block) -> str:
    policy = holder.body.attribute("policy")
    if policy is None:
        return ""
    document = policy_document(ctx.analysis, policy.value)
    extra = document[1].code if document is not None else ""
    return policy.value.code + extra


# What uses a connection once it works: a pipeline's source action, a CodeBuild project's
# source, CodeBuild's source credential.
_CONNECTION_USERS = ("aws_codepipeline", "aws_codebuild_project", "aws_codebuild_source_credential")


def _connection_users(ctx: ModuleContext, address: str) -> list[str]:
    """The resources of the module that use the connection ``address`` (a pipeline, a
    CodeBuild project): in use, it was completed in the console."""
    users: list[str] = []
    for reference in ctx.analysis.references_to(address):
        for block in ctx.analysis.resources_in(reference.path):
            if (
                block.type == "resource"
                and block.labels[0] in _CONNECTION_USERS
                and block.line <= reference.line <= block.end_line
            ):
                users.append(".".join(block.labels[:2]))
    return list(dict.fromkeys(users))

"""TF003 missing-data-source: undefined assume-role documents are generated, the rest reported.

Models write ``assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json``
and forget the data source. Its content follows from its name (the service
that assumes the role), so it can be written; any other undefined reference
needs a person, and gets a finding with a did-you-mean.
"""

from __future__ import annotations

import difflib
import os
import re

from tffix.cst import edit
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Safety
from tffix.syntax import nodes as n
from tffix.syntax.parser import parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from tffix.analysis.module import Reference

_DOCUMENT = "aws_iam_policy_document"
_NAME = re.compile(r"^(?P<service>[a-z0-9_]+?)_assume_role(?:_policy)?$")
_DATA_FILE = "data.tf"
# Name prefixes (as people write them in Terraform names) and the service
# principals that assume the role. Longest prefix wins.
_SERVICES: dict[str, tuple[str, ...]] = {
    "lambda": ("lambda.amazonaws.com",),
    "lambda_edge": ("lambda.amazonaws.com", "edgelambda.amazonaws.com"),
    "edge_lambda": ("lambda.amazonaws.com", "edgelambda.amazonaws.com"),
    "codebuild": ("codebuild.amazonaws.com",),
    "codepipeline": ("codepipeline.amazonaws.com",),
    "pipeline": ("codepipeline.amazonaws.com",),
    "codedeploy": ("codedeploy.amazonaws.com",),
    "ecs_tasks": ("ecs-tasks.amazonaws.com",),
    "ecs_task": ("ecs-tasks.amazonaws.com",),
    "ecs_task_execution": ("ecs-tasks.amazonaws.com",),
    "task_execution": ("ecs-tasks.amazonaws.com",),
    "ec2": ("ec2.amazonaws.com",),
    "instance": ("ec2.amazonaws.com",),
    "states": ("states.amazonaws.com",),
    "step_functions": ("states.amazonaws.com",),
    "stepfunctions": ("states.amazonaws.com",),
    "sfn": ("states.amazonaws.com",),
    "events": ("events.amazonaws.com",),
    "eventbridge": ("events.amazonaws.com",),
    "cloudwatch_events": ("events.amazonaws.com",),
    "scheduler": ("scheduler.amazonaws.com",),
    "apigateway": ("apigateway.amazonaws.com",),
    "api_gateway": ("apigateway.amazonaws.com",),
    "apigw": ("apigateway.amazonaws.com",),
    "glue": ("glue.amazonaws.com",),
    "firehose": ("firehose.amazonaws.com",),
    "sagemaker": ("sagemaker.amazonaws.com",),
    "batch": ("batch.amazonaws.com",),
    "eks": ("eks.amazonaws.com",),
    "eks_cluster": ("eks.amazonaws.com",),
    "rds_monitoring": ("monitoring.rds.amazonaws.com",),
    "rds_enhanced_monitoring": ("monitoring.rds.amazonaws.com",),
    "vpc_flow_logs": ("vpc-flow-logs.amazonaws.com",),
    "flow_logs": ("vpc-flow-logs.amazonaws.com",),
    "flow_log": ("vpc-flow-logs.amazonaws.com",),
    "appsync": ("appsync.amazonaws.com",),
    "sns": ("sns.amazonaws.com",),
    "backup": ("backup.amazonaws.com",),
    "datasync": ("datasync.amazonaws.com",),
    "dms": ("dms.amazonaws.com",),
    "cloudformation": ("cloudformation.amazonaws.com",),
    "cloudtrail": ("cloudtrail.amazonaws.com",),
    "config": ("config.amazonaws.com",),
    "ssm": ("ssm.amazonaws.com",),
    "elasticbeanstalk": ("elasticbeanstalk.amazonaws.com",),
    "transfer": ("transfer.amazonaws.com",),
    "mediaconvert": ("mediaconvert.amazonaws.com",),
}


def _principals(name: str) -> tuple[str, ...] | None:
    """Service principals for a document called ``<service>_assume_role[_policy]``, if known.

    ``lambda_exec_assume_role`` counts as lambda: the longest known prefix
    followed by ``_`` is the service.
    """
    match = _NAME.match(name)
    if match is None:
        return None
    service = match.group("service")
    if service in _SERVICES:
        return _SERVICES[service]
    prefixes = [p for p in _SERVICES if service.startswith(p + "_")]
    return _SERVICES[max(prefixes, key=len)] if prefixes else None


def _document(name: str, principals: tuple[str, ...]) -> str:
    identifiers = ", ".join(f'"{p}"' for p in principals)
    return (
        f'data "{_DOCUMENT}" "{name}" {{\n'
        "  statement {\n"
        '    effect  = "Allow"\n'
        '    actions = ["sts:AssumeRole"]\n'
        "\n"
        "    principals {\n"
        '      type        = "Service"\n'
        f"      identifiers = [{identifiers}]\n"
        "    }\n"
        "  }\n"
        "}"
    )


def _message(ctx: ModuleContext, reference: Reference) -> str:
    """The analysis' undefined-reference message, with a stricter did-you-mean.

    Addresses of one type share a long prefix (``data.aws_iam_policy_document.``),
    which makes whole addresses look alike; names are compared within the
    same kind and type, and types only for objects of the same name.
    """
    kind = {"var": "variable"}.get(reference.kind, reference.kind)
    words = {"resource": "resource", "data": "data source", "var": "variable"}
    words.update(local="local value", module="module")
    address = reference.address
    head, _, name = address.rpartition(".")
    declared = [d.address for d in ctx.analysis.declared(kind)]
    same_type = [a.rpartition(".")[2] for a in declared if a.rpartition(".")[0] == head]
    close = difflib.get_close_matches(name, same_type, n=1, cutoff=0.75)
    suggestion = f"{head}.{close[0]}" if close else None
    if suggestion is None:
        same_name = [a for a in declared if a.rpartition(".")[2] == name]
        close = difflib.get_close_matches(address, same_name, n=1, cutoff=0.8)
        suggestion = close[0] if close else None
    text = f"reference to undeclared {words.get(reference.kind, reference.kind)} {address}"
    return text + (f"; did you mean {suggestion}?" if suggestion else "")


def _is_indexed(reference: Reference) -> bool:
    """True for ``data.x.y[0]`` / ``data.x.y[each.key]``: that needs count/for_each."""
    steps = reference.node.steps
    return len(steps) > 2 and not isinstance(steps[2], n.GetAttr)


class MissingDataSource(Codemod):
    """Undefined ``data.aws_iam_policy_document.<service>_assume_role`` get generated;
    other undefined references are reported with a did-you-mean."""

    code = "TF003"
    name = "missing-data-source"
    summary = "Undefined assume-role policy documents are generated; other undefined refs reported"
    seed_section = "§9 Missing Data Sources"
    documentation = ("https://developer.hashicorp.com/terraform/language/data-sources",)
    safety = Safety.SAFE
    explanation = """\
Why: a reference to something the module never declares stops `terraform
plan`. A common case is a role written without the trust policy it points at:
`assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json`
with no such data source. A data source only reads, and the trust policy of a
service role is fixed by the service, so writing it cannot change anything
beyond what the reference already asked for.

What it does: for each undefined `data.aws_iam_policy_document.<service>_assume_role`
(or `..._assume_role_policy`) whose service it recognises (lambda, codebuild,
codepipeline, ecs_tasks, ec2, states/step_functions, events, scheduler,
apigateway, glue, firehose, ..., also as a prefix: `lambda_exec_assume_role`),
it writes the document granting `sts:AssumeRole` to `<service>.amazonaws.com`
at the end of the module's `data.tf`, creating `data.tf` when the module has
none (all the documents of a run go into that one file). Only when a `data.tf`
exists but is not part of the run (excluded) does the document go right above
the block that first uses it. It writes nothing, and reports instead, when the module
declares a document of the same service under another name (probably a typo:
the finding names it) or when the reference is indexed (`[each.key]`). Every
other reference to an undeclared variable, local, data source, resource or
module is reported at its file:line with the nearest declared name.

Example (a module without `data.tf`; the reference stays as it was):

    --- /dev/null
    +++ b/data.tf
    @@ -0,0 +1,11 @@
    +data "aws_iam_policy_document" "lambda_assume_role" {
    +  statement {
    +    effect  = "Allow"
    +    actions = ["sts:AssumeRole"]
    +
    +    principals {
    +      type        = "Service"
    +      identifiers = ["lambda.amazonaws.com"]
    +    }
    +  }
    +}
"""

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        if not ctx.analysis.complete:
            return
        owners = self._owners(ctx)
        documents = [b.labels[1] for _, b in ctx.analysis.data_sources(_DOCUMENT)]
        generated: set[str] = set()
        for undefined in ctx.analysis.undefined():
            reference = undefined.reference
            owner = owners.get(id(reference.node))
            if owner is not None and (owner[1].type == "moved" or ctx.waived(owner[1])):
                continue  # the `to` of a moved block may name what was removed since
            address = reference.address
            parts = address.split(".")
            principals = None
            if reference.kind == "data" and parts[1] == _DOCUMENT:
                principals = _principals(parts[2])
            if principals is None:
                yield self.manual(reference.path, reference.node, _message(ctx, reference))
                continue
            if address in generated:
                continue
            typo = self._same_service(parts[2], principals, documents)
            if typo is not None:
                yield self.manual(
                    reference.path,
                    reference.node,
                    f"reference to undeclared data source {address}; did you mean "
                    f"data.{_DOCUMENT}.{typo}? (not generated: the module already has a trust "
                    "policy for this service)",
                )
                continue
            if _is_indexed(reference):
                yield self.manual(
                    reference.path,
                    reference.node,
                    f"reference to undeclared data source {address} with an index; "
                    "declare it with the matching count/for_each",
                )
                continue
            where = self._write(ctx, parts[2], principals, reference, owner)
            generated.add(address)
            yield self.fixed(
                reference.path,
                reference.node,
                f"{address} was not declared; generated it {where} "
                f"(sts:AssumeRole for {', '.join(principals)})",
            )

    @staticmethod
    def _owners(ctx: ModuleContext) -> dict[int, tuple[str, n.Block]]:
        """id of each traversal -> (path, top-level block it is in)."""
        owners: dict[int, tuple[str, n.Block]] = {}
        for path, module in ctx.files.items():
            for block in module.body.blocks:
                for trav in edit.traversals(block):
                    owners[id(trav)] = (path, block)
        return owners

    @staticmethod
    def _same_service(name: str, principals: tuple[str, ...], documents: list[str]) -> str | None:
        """A declared document for the same principals, or one named almost alike."""
        for other in documents:
            if _principals(other) == principals:
                return other
        close = difflib.get_close_matches(name, documents, n=1, cutoff=0.85)
        if close and _principals(close[0]) is None:
            return close[0]
        return None

    @staticmethod
    def _write(
        ctx: ModuleContext,
        name: str,
        principals: tuple[str, ...],
        reference: Reference,
        owner: tuple[str, n.Block] | None,
    ) -> str:
        """Insert the document where a person would; return where, for the finding."""
        text = _document(name, principals)
        for path, module in ctx.files.items():
            if os.path.basename(path) == _DATA_FILE:
                # data.tf of the module, or the one created earlier in this run.
                edit.insert(module, text, blank_line=bool(module.body.items))
                return f"in {_DATA_FILE}"
        new_path = os.path.join(ctx.directory, _DATA_FILE)
        if not os.path.lexists(new_path):
            module = parse("", path=new_path)
            edit.insert(module, text)
            ctx.files[new_path] = module
            return f"in a new {_DATA_FILE}"
        # A data.tf that is not part of the run (excluded): it is not ours to
        # edit, so the document goes above the block that first needs it.
        path, block = owner if owner is not None else (reference.path, None)
        module = ctx.files[path]
        if block is None:
            edit.insert(module, text, blank_line=True)
        else:
            edit.insert(module, text, before=block, blank_line_after=True)
        return f"above its first use in {os.path.basename(path)}"

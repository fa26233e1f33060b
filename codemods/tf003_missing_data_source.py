"""TF003 missing-data-source: undefined trust-policy documents are generated, the rest reported.

``assume_role_policy = data.aws_iam_policy_document.batch_trust.json`` with
no such data source: the document is a trust policy because of where it is
used, and its content follows from the service that assumes the role (what
uses the role, else the role's names), so it can be written; any other
undefined reference needs a person, and gets a finding with a did-you-mean.
"""

from __future__ import annotations

import bisect
import difflib
import os
import re

from tffix.aws.trust import principals_from_names, role_users
from tffix.cst import edit
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Safety
from tffix.syntax import nodes as n
from tffix.syntax.parser import parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection, Iterator

    from tffix.analysis.module import ModuleAnalysis, Reference, Undefined

_DOCUMENT = "aws_iam_policy_document"
_NAME = re.compile(r"^(?P<service>[a-z0-9_]+?)_assume_role(?:_policy)?$")
_DATA_FILE = "data.tf"
# Terraform's error summary for an address declared twice, by kind.
_DUPLICATE_ERROR = {
    "resource": "Duplicate resource configuration",
    "data": "Duplicate data configuration",
    "module": "Duplicate module call",
}
_ROLE = "aws_iam_role"


def _principals(name: str) -> tuple[str, ...] | None:
    """Service principals for a document called ``<service>_assume_role[_policy]``, if known.

    ``lambda_exec_assume_role`` counts as lambda: the words before ``_assume_role`` are
    read as a role's names are (``principals_from_names``), so ``eks_node`` is EC2's,
    and ``eks_irsa`` (a Kubernetes service account's) names no service.
    """
    match = _NAME.match(name)
    if match is None:
        return None
    return principals_from_names([match.group("service")])


def _trusted_services(document: n.Block) -> frozenset[str] | None:
    """The service principals a declared ``aws_iam_policy_document`` lets call
    ``sts:AssumeRole`` (statements with literal actions and identifiers, Allow), or None
    when it is not such a trust document or something is not written out."""
    found: set[str] = set()
    for statement in document.body.blocks_of_type("statement"):
        effect = statement.body.attribute("effect")
        if effect is not None and _literal(effect.value) != "Allow":
            continue
        actions = statement.body.attribute("actions")
        values = _literal(actions.value) if actions is not None else None
        if not isinstance(values, list) or "sts:AssumeRole" not in values:
            continue
        for principals in statement.body.blocks_of_type("principals"):
            kind = principals.body.attribute("type")
            identifiers = principals.body.attribute("identifiers")
            listed = _literal(identifiers.value) if identifiers is not None else None
            if kind is None or _literal(kind.value) != "Service" or not isinstance(listed, list):
                return None
            if not all(isinstance(i, str) for i in listed):
                return None
            found.update(listed)
    return frozenset(found) or None


def _literal(expr: n.Expression) -> object:
    """The value of a literal string or a tuple of literal strings, else None."""
    if isinstance(expr, n.TemplateString):
        return expr.literal_value() if expr.is_literal else None
    if isinstance(expr, n.Tuple):
        values = [_literal(item) for item in expr.elements]
        return values if all(isinstance(v, str) for v in values) else None
    return None


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
    # An undeclared name is most often used more than once: its suggestion is worked
    # out once per analysis (the declarations it is compared with are the same).
    known: dict[tuple[str, str], str | None] = ctx.analysis.__dict__.setdefault(
        "_tf003_suggestions", {}
    )
    if (kind, address) in known:
        suggestion = known[kind, address]
    else:
        head, _, name = address.rpartition(".")
        by_head, by_name = _declared_names(ctx.analysis, kind)
        close = _close(name, by_head.get(head, {}), 0.75)
        suggestion = f"{head}.{close}" if close else None
        if suggestion is None:
            suggestion = _close(address, by_name.get(name, {}), 0.8)
        known[kind, address] = suggestion
    text = f"reference to undeclared {words.get(reference.kind, reference.kind)} {address}"
    return text + (f"; did you mean {suggestion}?" if suggestion else "")


# Declared names by analysis and kind: {head: {length: names}}, {name: {length: addresses}}.
_Names = dict[str, dict[int, list[str]]]


def _declared_names(analysis: ModuleAnalysis, kind: str) -> tuple[_Names, _Names]:
    """The declared addresses of ``kind`` (JSON ones too), in declaration order, by the part
    before the last dot (``data.aws_iam_policy_document``) and by the last part, each
    by length: built once per analysis, so that each undefined reference compares its
    name with the few that could be close, not with every declaration. A name declared
    twice (a duplicate Terraform refuses, or an override) is listed once: the answer
    does not depend on the candidates' order or repeats (see ``_close``)."""
    cached: dict[str, tuple[_Names, _Names]] = analysis.__dict__.setdefault("_tf003_names", {})
    if kind not in cached:
        declared = [d.address for d in analysis.declared(kind)]
        declared += [a for a, d in analysis.json_declared().items() if d.kind == kind]
        by_head: _Names = {}
        by_name: _Names = {}
        for address in dict.fromkeys(declared):
            head, _, name = address.rpartition(".")
            by_head.setdefault(head, {}).setdefault(len(name), []).append(name)
            by_name.setdefault(name, {}).setdefault(len(address), []).append(address)
        cached[kind] = (by_head, by_name)
    return cached[kind]


def _close(word: str, by_length: dict[int, list[str]], cutoff: float) -> str | None:
    """``difflib.get_close_matches(word, candidates, n=1, cutoff)`` over the candidates
    whose length allows a ratio of ``cutoff``: the same answer (difflib drops the others
    by this very bound, its ``real_quick_ratio``, and picks the best by score, then
    name, whatever the order), without looking at every declaration."""
    size = len(word)
    candidates = [
        candidate
        for length, names in by_length.items()
        if _upper_bound(length, size) >= cutoff
        for candidate in names
    ]
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=cutoff)
    return close[0] if close else None


def _upper_bound(length: int, size: int) -> float:
    """``SequenceMatcher.real_quick_ratio`` of strings of these lengths, computed as it is."""
    total = length + size
    return 2.0 * min(length, size) / total if total else 1.0


def _trust(ctx: ModuleContext, name: str) -> tuple[tuple[str, ...] | None, str, bool]:
    """(principals, why, read from the document's name) for trust document ``name``.

    A document given as the ``assume_role_policy`` of roles is a trust
    policy; the service that assumes each role is what uses the role
    (``aws_lambda_function.role``), else what the names of the role and the
    document say (``batch_trust``). A document no role uses as its trust
    policy is one only when its name says so (``lambda_assume_role``).
    """
    from tffix.analysis.partial import PartialEvaluator, Template

    roles = _trusting_roles(ctx, name)
    if not roles:
        principals = _principals(name)
        if principals is None:
            return None, "", False
        return principals, "named after the service", True
    evaluator = PartialEvaluator(ctx.analysis)
    chosen: dict[str, tuple[str, ...]] = {}
    reasons: list[str] = []
    edge = _edge_functions(ctx)
    for role, block in roles:
        users = role_users(ctx.analysis, role)
        if users:
            trusted = set(users.values())
            reason = f"aws_iam_role.{role} is used by {', '.join(sorted(users))}"
            at_edge = sorted(edge[u] for u in users if u in edge)
            if at_edge:
                # A Lambda@Edge execution role must be assumable by both principals:
                # CloudFront refuses the association otherwise.
                trusted.add(_EDGE_PRINCIPAL)
                reason += f", which {', '.join(at_edge)} (Lambda@Edge: {_EDGE_ROLE})"
            chosen[role] = tuple(sorted(trusted))
            reasons.append(reason)
            continue
        names = [name, role]
        for attribute in ("name", "name_prefix"):
            found = block.body.attribute(attribute)
            if found is not None:
                value = evaluator.value(found.value)
                if isinstance(value, str):
                    names.append(value)
                elif isinstance(value, Template):
                    names.extend(p for p in value.parts if isinstance(p, str))
        principals = principals_from_names(names)
        if principals is None:
            return (
                None,
                f"which service assumes aws_iam_role.{role} is not known: nothing in the "
                "module uses the role, and the names of the role and the document name no "
                "single service; declare the trust policy for the service that will use it",
                False,
            )
        chosen[role] = principals
        reasons.append(f"aws_iam_role.{role} is named for {', '.join(principals)}")
    if len(set(chosen.values())) > 1:
        listed = "; ".join(f"aws_iam_role.{r}: {', '.join(p)}" for r, p in chosen.items())
        return (
            None,
            f"the roles that use it as their trust policy serve different services ({listed}); "
            "give each role its own trust policy",
            False,
        )
    by_name = not any(" is used by " in r for r in reasons)
    return next(iter(chosen.values())), "; ".join(reasons), by_name


_EDGE_PRINCIPAL = "edgelambda.amazonaws.com"
_EDGE_ROLE = (
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"
    "lambda-edge-permissions.html, the execution role must be assumable by "
    "lambda.amazonaws.com and edgelambda.amazonaws.com"
)


def _edge_functions(ctx: ModuleContext) -> dict[str, str]:
    """``{aws_lambda_function.X: "<distribution> runs at the edge"}`` for each function a
    CloudFront distribution of the module (or a module call building one) associates,
    through locals too."""
    from tffix.analysis.names import traversals_through_locals

    out: dict[str, str] = {}
    users = [
        (f"aws_cloudfront_distribution.{b.labels[1]}", b.body)
        for _p, b in ctx.analysis.resources("aws_cloudfront_distribution")
        if len(b.labels) > 1
    ]
    for declared in ctx.analysis.declared("module"):
        node = declared.node
        text = node.code.lower()
        if isinstance(node, n.Block) and (
            "lambda_function_association" in text or "cloudfront" in text
        ):
            users.append((f"module.{declared.name}", node.body))
    for address, body in users:
        for trav in traversals_through_locals(ctx.analysis, body):
            names = trav.names()
            if names[0] == "aws_lambda_function" and len(names) > 1 and names[1]:
                out.setdefault(f"aws_lambda_function.{names[1]}", f"{address} runs at the edge")
    return out


def _trusting_roles(ctx: ModuleContext, name: str) -> list[tuple[str, n.Block]]:
    """(label, block) of the roles whose ``assume_role_policy`` reads document ``name``."""
    out = []
    for _path, block in ctx.analysis.resources(_ROLE):
        policy = block.body.attribute("assume_role_policy")
        if policy is None or len(block.labels) != 2:
            continue
        if any(
            isinstance(node, n.Traversal) and node.names()[:3] == ["data", _DOCUMENT, name]
            for node in policy.value.walk()
        ):
            out.append((block.labels[1], block))
    return out


class _Owners:
    """(path, top-level block) holding a reference, by the reference's line.

    Top-level blocks do not share lines (a block ends its line), so the one
    whose lines hold the reference's first line is the one it is in; a
    reference outside every block (a top-level attribute) has none. The
    lines are read before the codemod edits anything, as the references'.
    """

    def __init__(self, ctx: ModuleContext, paths: Collection[str]) -> None:
        self._spans: dict[str, tuple[list[int], list[tuple[int, n.Block]]]] = {}
        for path in paths:
            module = ctx.files.get(path)
            if module is None:
                continue
            found = [(block.line, block.end_line, block) for block in module.body.blocks]
            self._spans[path] = ([first for first, _, _ in found], [(e, b) for _, e, b in found])

    def get(self, reference: Reference) -> tuple[str, n.Block] | None:
        path = reference.path
        spans = self._spans.get(path)
        if spans is None:
            return None
        firsts, rest = spans
        index = bisect.bisect_right(firsts, reference.line) - 1
        if index < 0:
            return None
        last, block = rest[index]
        return (path, block) if reference.line <= last else None


class _Trusted:
    """What each declared trust document lets assume a role (``_trusted_services``),
    by label (of two documents with one label, the later): read on the first
    question, for all of them at once. The first question comes before the
    codemod's first edit (a document is generated only after ``_same_service``
    looked), and it never edits a declared document anyway."""

    def __init__(self, declared: list[tuple[str, n.Block]]) -> None:
        self._declared = declared
        self._by_label: dict[str, frozenset[str] | None] | None = None

    def read(self) -> None:
        if self._by_label is None:
            self._by_label = {b.labels[1]: _trusted_services(b) for _, b in self._declared}

    def of(self, label: str) -> frozenset[str] | None:
        self.read()
        assert self._by_label is not None
        return self._by_label.get(label)


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
plan` ("Reference to undeclared resource"). A common case is a role whose
trust policy points at a document nobody wrote:
`assume_role_policy = data.aws_iam_policy_document.batch_trust.json`. A
data source only reads, and the trust policy of a service role is fixed by
the service that assumes it (IAM User Guide, "Creating a role to delegate
permissions to an AWS service"), so writing it cannot change anything beyond
what the reference already asked for.

What it does: an undefined `data.aws_iam_policy_document.<name>` used as
the `assume_role_policy` of an `aws_iam_role` is a trust policy, whatever
it is called. The service principal comes from what uses the role:
`aws_lambda_function.role` (lambda.amazonaws.com),
`aws_ecs_task_definition.task_role_arn`/`execution_role_arn` (ecs-tasks),
`aws_cloudwatch_event_target.role_arn` (events), `aws_sfn_state_machine.role_arn`
(states), `aws_codebuild_project.service_role`, `aws_codepipeline.role_arn`,
`aws_iam_instance_profile.role` (ec2), `aws_batch_compute_environment.service_role`,
`aws_glue_job`, `aws_flow_log`, `aws_eks_cluster`, ... (the table with its
sources is in `tffix/aws/trust.py`). A function a CloudFront distribution
of the module (or a module call building one) associates runs as
Lambda@Edge, whose execution role must also trust
edgelambda.amazonaws.com, or CloudFront refuses the association
(https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-permissions.html):
its role's document trusts both. When nothing in the module uses the
role, the words of the role's label, its `name` (known pieces of a
template) and the document's name decide (`batch_trust`, `states_trust`,
`lambda_exec_assume_role`), only when they all name one service (an EKS
cluster's node and Fargate roles trust EC2 and eks-fargate-pods, not EKS;
words such as `irsa`, `oidc`, `github` or `cross_account` name a role no
service principal assumes, and decide nothing). A
document no role uses as its trust policy is generated only when it is
named `<service>_assume_role[_policy]`.

It writes the document granting `sts:AssumeRole` to the service at the end
of the module's `data.tf`, creating `data.tf` when the module has none (all
the documents of a run go into that one file). Only when a `data.tf` exists
but is not part of the run (excluded) does the document go right above the
block that first uses it. Every other reference to an undeclared variable,
local, data source, resource or module is reported at its file:line with
the nearest declared name.

Fix safety: safe. It only adds a data source the configuration already
refers to, so `terraform plan` goes from failing to planning the roles as
written. It writes nothing, and reports instead, when: the service is not
known (nothing uses the role and its names name no single service, or
name several); roles serving different services share the document (one
trust policy would let each service assume the other's role); the module
declares a document of the same service under a close name, or any
trust document letting exactly that service assume a role (probably a
typo: the finding names it); or the reference is indexed (`[each.key]`,
it needs the matching `count`/`for_each`). `configuration_aliases` in
`required_providers` name provider configurations and are not references.

An address declared twice in one module (outside override files) is
reported as an error at the later copy, naming both file:line positions:
Terraform refuses the configuration, and no codemod edits either copy
until one is removed or renamed.

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

    def triggers(self, ctx: ModuleContext) -> Iterator[tuple[str, n.Block]]:
        """Top-level blocks holding a reference to something the module does not declare."""
        if not ctx.analysis.complete:
            return
        for declarations in ctx.analysis.duplicated().values():
            for declaration in declarations:
                if isinstance(declaration.node, n.Block):
                    yield declaration.path, declaration.node
        undefined_references = ctx.analysis.undefined()
        owners = self._owners(ctx, undefined_references)
        seen: set[int] = set()
        for undefined in undefined_references:
            owner = owners.get(undefined.reference)
            if owner is None or id(owner[1]) in seen or not self._judged(ctx, owner[1]):
                continue
            seen.add(id(owner[1]))
            yield owner

    @staticmethod
    def _judged(ctx: ModuleContext, block: n.Block) -> bool:
        # The `to` of a moved block may name what was removed since; a waived block is
        # left to the person who waived it.
        return block.type != "moved" and not ctx.waived(block)

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        if not ctx.analysis.complete:
            return
        yield from self._duplicates(ctx)
        undefined_references = ctx.analysis.undefined()
        owners = self._owners(ctx, undefined_references)
        declared = ctx.analysis.data_sources(_DOCUMENT)
        documents = [b.labels[1] for _, b in declared]
        # What each declared document lets assume a role: the same service under
        # another name is the document meant (a typo), not one to generate. Read
        # when a document is to be generated (rarely; a big module declares
        # hundreds), before this run edits anything.
        trusted = _Trusted(declared)
        generated: dict[str, str] = {}
        for undefined in undefined_references:
            reference = undefined.reference
            owner = owners.get(reference)
            if owner is not None and not self._judged(ctx, owner[1]):
                continue
            address = reference.address
            parts = address.split(".")
            if reference.kind != "data" or parts[1] != _DOCUMENT:
                yield self.manual(reference.path, reference.node, _message(ctx, reference))
                continue
            if address in generated:
                yield self.fine(reference.path, reference.node, f"{address}: {generated[address]}")
                continue
            principals, why, by_name = _trust(ctx, parts[2])
            if principals is None:
                message = _message(ctx, reference)
                if why:
                    message += f"; not generated: {why}"
                yield self.manual(reference.path, reference.node, message)
                continue
            typo = self._same_service(parts[2], principals, documents, by_name, trusted)
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
            generated[address] = f"generated {where} by this run"
            yield self.fixed(
                reference.path,
                reference.node,
                f"{address} was not declared; generated it {where} "
                f"(sts:AssumeRole for {', '.join(principals)}: {why})",
            )

    def _duplicates(self, ctx: ModuleContext) -> Iterator[Finding]:
        """An address declared twice: Terraform refuses the module ("Duplicate resource
        configuration"), and no codemod edits either copy (``ModuleContext.targets``
        leaves them out): reported at the later copy, naming both."""
        for address, declarations in ctx.analysis.duplicated().items():
            where = " and ".join(
                f"{os.path.relpath(d.path, ctx.directory)}:{d.line}" for d in declarations
            )
            first, *later = declarations
            kind = {"resource": "resource", "data": "data source", "module": "module call"}
            for declaration in later:
                yield self.manual(
                    declaration.path,
                    declaration.node,
                    f"error: {kind[declaration.kind]} {address} is declared "
                    f"{len(declarations)} times, at {where}: Terraform refuses the "
                    f"configuration ({_DUPLICATE_ERROR[declaration.kind]}: each address is "
                    "declared once per module, "
                    "https://developer.hashicorp.com/terraform/language/resources/syntax); "
                    "remove or rename one copy. No fix is made to this address until then",
                )
            yield self.fine(first.path, first.node, f"{address}: reported at its later copy")

    @staticmethod
    def _owners(ctx: ModuleContext, undefined: Collection[Undefined]) -> _Owners:
        """The top-level block each undefined reference is in, found by line when asked for.

        Walking every traversal of every file to map them all was most of
        TF003's time on big modules, for the few references that are undefined;
        and of the files only those holding one are read (the lines of every
        block of every file, every run, were next).
        """
        return _Owners(ctx, {u.reference.path for u in undefined})

    @staticmethod
    def _same_service(
        name: str,
        principals: tuple[str, ...],
        documents: list[str],
        by_name: bool,
        trusted: _Trusted,
    ) -> str | None:
        """A declared document for the same principals, or one named almost alike.

        When the service was read from the document's own name, another
        document named for the same service is most likely the one meant; and
        a declared trust document whose statements let exactly these services
        assume the role (``codepipeline_assume_role_doc`` for a reference to
        ``assume_role`` of a pipeline's role) is the one meant, whatever its name.
        """
        for other in documents:
            if by_name and _principals(other) == principals:
                return other
        for other in documents:
            if trusted.of(other) == frozenset(principals):
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
        path = ctx.file_named(_DATA_FILE)  # the module's, or one created earlier in this run
        if path is not None:
            module = ctx.files[path]
            edit.insert(module, text, blank_line=bool(module.body.items))
            return f"in {_DATA_FILE}"
        new_path = os.path.join(ctx.directory, _DATA_FILE)
        if not os.path.lexists(new_path):
            module = ctx.add_file(new_path, parse("", path=new_path))
            edit.insert(module, text)
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

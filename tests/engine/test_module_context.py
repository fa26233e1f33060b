"""ModuleContext: waivers asked for explicitly, files added and found through
methods, and codemod instances that carry nothing from one module to the next."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tffix import parse
from tffix.analysis.module import analyze_modules
from tffix.engine.codemod import Codemod, Finding, ModuleContext
from tffix.engine.registry import get
from tffix.engine.runner import run_module
from tffix.syntax import nodes as n

KEYS = """\
resource "aws_kms_key" "open" {
  description = "a"
}

# tffix: ignore[AWS003]
resource "aws_kms_key" "waived" {
  description = "b"
}
"""
BUCKET = 'resource "aws_s3_bucket" "b" {\n  tags = { team = "x" }\n}\n'


def _ctx(directory: str = "/m") -> ModuleContext:
    files = {f"{directory}/kms.tf": parse(KEYS), f"{directory}/s3.tf": parse(BUCKET)}
    ctx = ModuleContext(directory, dict(files), analyze_modules(directory, files))
    ctx.current = get("AWS003")()
    return ctx


def _labels(found: list[tuple[str, n.Block]]) -> list[str]:
    return [b.labels[1] for _p, b in found]


def test_targets_leave_waived_blocks_out_and_the_analysis_keeps_them() -> None:
    ctx = _ctx()
    assert _labels(ctx.targets("aws_kms_key")) == ["open"]
    assert _labels(ctx.analysis.resources("aws_kms_key")) == ["open", "waived"]
    waived = ctx.analysis.resources("aws_kms_key")[1][1]
    assert ctx.waived(waived)
    assert not ctx.waived(ctx.analysis.resources("aws_kms_key")[0][1])
    assert _labels(ctx.targets()) == ["open", "b"]
    # The waiver is the running codemod's: another codemod may act on the block.
    ctx.current = get("AWS009")()
    assert _labels(ctx.targets("aws_kms_key")) == ["open", "waived"]


def test_files_are_added_and_replaced_through_methods_not_assigned() -> None:
    ctx = _ctx()
    with pytest.raises(TypeError):
        ctx.files["/m/new.tf"] = parse("")  # type: ignore[index]
    added = ctx.add_file("/m/new.tf", parse("locals {}\n"))
    assert ctx.files["/m/new.tf"] is added
    with pytest.raises(ValueError, match="already"):
        ctx.add_file("/m/kms.tf", parse(""))
    replacement = parse(KEYS)
    ctx.replace_file("/m/kms.tf", replacement)
    assert ctx.files["/m/kms.tf"] is replacement
    with pytest.raises(KeyError):
        ctx.replace_file("/m/absent.tf", parse(""))


def test_file_for_and_parent_find_where_a_node_sits() -> None:
    ctx = _ctx()
    bucket = ctx.files["/m/s3.tf"].body.blocks[0]
    tags = bucket.body.attribute("tags")
    assert tags is not None
    assert ctx.file_for(bucket) == "/m/s3.tf"
    assert ctx.file_for(tags.value) == "/m/s3.tf"
    assert ctx.parent(tags) is bucket.body
    assert ctx.parent(bucket) is ctx.files["/m/s3.tf"].body
    assert ctx.parent(tags.value) is tags
    stranger = parse(BUCKET).body.blocks[0]  # equal text, another tree
    assert ctx.parent(stranger) is None
    with pytest.raises(LookupError):
        ctx.file_for(stranger)


class _Remembers(Codemod):
    """Stores what it saw on ``self`` in ``fix``, as codemods do for a module's run."""

    code = "TST950"
    name = "remembers"
    summary = "test codemod that keeps state on its instance"

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        earlier = getattr(self, "seen", None)
        self.seen = ctx.directory
        if earlier is not None:
            path, module = next(iter(ctx.files.items()))
            yield self.manual(path, module.body.blocks[0], f"still holds {earlier}")


def test_one_instance_carries_nothing_from_one_module_to_the_next(tmp_path: Path) -> None:
    codemod = _Remembers()
    for name in ("a", "b"):
        directory = tmp_path / name
        directory.mkdir()
        (directory / "main.tf").write_text(BUCKET)
        result = run_module(str(directory), [str(directory / "main.tf")], [codemod])
        assert result.findings == []
    assert not hasattr(codemod, "seen")


def test_file_named_is_where_blocks_of_a_kind_live() -> None:
    ctx = _ctx()
    assert ctx.file_named("s3.tf") == "/m/s3.tf"
    assert ctx.file_named("data.tf") is None
    ctx.add_file("/m/data.tf", parse(""))
    assert ctx.file_named("data.tf") == "/m/data.tf"  # one added during the run counts


def test_mentions_answers_from_the_texts_only_while_they_are_the_trees() -> None:
    files = {"/m/kms.tf": parse(KEYS), "/m/s3.tf": parse(BUCKET)}
    ctx = ModuleContext("/m", dict(files), analyze_modules("/m", files))
    assert ctx.mentions("aws_opensearch_domain")  # texts not given: it cannot say no
    ctx.know_texts({p: m.code for p, m in files.items()})
    assert ctx.mentions("aws_kms_key") and ctx.mentions("aws_s3_bucket")
    assert not ctx.mentions("aws_opensearch_domain")
    # An edit since: the texts may no longer be the trees'.
    from tffix.cst import edit

    bucket = ctx.analysis.resources("aws_s3_bucket")[0][1]
    edit.insert(bucket, 'bucket = "aws_opensearch_domain"')
    assert ctx.mentions("aws_opensearch_domain")
    # A file replaced or added: the same.
    ctx.know_texts({p: m.code for p, m in ctx.files.items()})
    assert not ctx.mentions("aws_redshift_cluster")
    ctx.replace_file("/m/s3.tf", parse('resource "aws_redshift_cluster" "c" {}\n'))
    assert ctx.mentions("aws_redshift_cluster")


def test_the_runner_gives_each_context_the_texts_it_laid_out(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(BUCKET, encoding="utf-8")
    seen: list[tuple[bool, bool]] = []

    class Probe(Codemod):
        code = "TST901"
        name = "probe"
        summary = "asks what the module mentions"

        def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
            seen.append((ctx.mentions("aws_s3_bucket"), ctx.mentions("aws_kms_key")))
            yield from ()

    run_module(str(tmp_path), [str(tmp_path / "main.tf")], [Probe()], dry_run=True)
    assert seen == [(True, False)]


def test_text_is_the_file_as_it_prints_now() -> None:
    files = {"/m/kms.tf": parse(KEYS), "/m/s3.tf": parse(BUCKET)}
    ctx = ModuleContext("/m", dict(files), analyze_modules("/m", files))
    ctx.know_texts({"/m/kms.tf": "the runner's text", "/m/s3.tf": BUCKET})
    # Not printed again while nothing changed: the runner's text is the answer.
    assert ctx.text("/m/kms.tf") == "the runner's text"
    from tffix.cst import edit

    bucket = ctx.analysis.resources("aws_s3_bucket")[0][1]
    edit.insert(bucket, 'bucket = "b"')
    assert ctx.text("/m/s3.tf") == ctx.files["/m/s3.tf"].code != BUCKET
    assert ctx.text("/m/kms.tf") == KEYS  # after an edit every file is printed
    ctx.know_texts({p: m.code for p, m in ctx.files.items()})
    ctx.replace_file("/m/kms.tf", parse("locals {}\n"))
    assert ctx.text("/m/kms.tf") == "locals {}\n"
    assert ctx.text("/m/s3.tf") == ctx.files["/m/s3.tf"].code


def test_a_file_replaced_with_its_text_is_handed_back_only_while_it_prints_as_that() -> None:
    """``replace_file(..., text=)`` says the tree is the parser's of ``text``: the runner
    lays the file out from it instead of parsing the text again, but only while that
    very tree is the file's and prints as the text given."""
    ctx = _ctx()
    path = "/m/kms.tf"
    text = KEYS.replace('"a"', '"c"')
    tree = ctx.replace_file(path, parse(text), text=text)
    assert ctx.parsed(path, tree.code) is tree
    assert ctx.parsed(path, text + "\n") is None  # other text: parse it
    assert ctx.parsed("/m/s3.tf", BUCKET) is None  # not replaced with its text
    ctx.replace_file(path, parse(text))  # replaced again, text not given
    assert ctx.parsed(path, text) is None

"""The traversal index: which top-level items hold a traversal rooted at a name,
kept in step with edits (always what a fresh build on the edited trees finds)."""

from __future__ import annotations

from typing import Any

import pytest

from tffix.analysis import module as module_analysis
from tffix.analysis import traversals
from tffix.analysis.module import analyze_modules
from tffix.analysis.traversals import TraversalIndex, keys_of
from tffix.cst import edit
from tffix.syntax import nodes as n
from tffix.syntax.parser import parse

MAIN = """\
resource "aws_s3_bucket" "logs" {
  bucket = "logs-${var.env}"
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = <<-EOT
    ${data.aws_iam_policy_document.p.json}
  EOT
}

locals {
  names = [for aws_instance in var.list : aws_instance.id]
}
"""

OTHER = """\
data "aws_region" "here" {}

output "region" {
  value = data.aws_region.here.name
}

moved {
  from = aws_instance.old
  to   = aws_instance.new
}
"""


def _files() -> dict[str, n.Module]:
    return {"main.tf": parse(MAIN, path="main.tf"), "other.tf": parse(OTHER, path="other.tf")}


def _block(module: n.Module, *labels: str) -> n.Block:
    return next(b for b in module.body.blocks if b.labels == list(labels))


def _assert_fresh(index: TraversalIndex, files: dict[str, n.Module]) -> None:
    """The index after edits answers as one built now from nothing."""
    assert index.keys(files) == TraversalIndex(files).keys(files)


def test_keys_count_every_traversal() -> None:
    files = _files()
    main, other = files["main.tf"], files["other.tf"]
    assert keys_of(_block(main, "aws_s3_bucket", "logs")) == {"var"}
    # heredoc interpolations count, and data sources also by type
    assert keys_of(_block(main, "aws_s3_bucket_policy", "logs")) == {
        "aws_s3_bucket",
        "data",
        "data.aws_iam_policy_document",
    }
    # names bound by a for expression count (the codemods asking did not skip them)
    locals_block = next(b for b in main.body.blocks if b.type == "locals")
    assert keys_of(locals_block) == {"var", "aws_instance"}
    moved = next(b for b in other.body.blocks if b.type == "moved")
    assert keys_of(moved) == {"aws_instance"}
    # a top-level variable block is found by its name
    variable = parse('variable "env" {\n  default = var.x\n}\n').body.blocks[0]
    assert keys_of(variable) == {"variable env", "var"}


def test_holding_names_items_and_files() -> None:
    files = _files()
    index = TraversalIndex()
    holders = index.holding("aws_s3_bucket", files)
    policy = _block(files["main.tf"], "aws_s3_bucket_policy", "logs")
    assert policy in holders
    assert _block(files["main.tf"], "aws_s3_bucket", "logs") not in holders
    assert holders.paths == {"main.tf"}
    regions = index.holding("data.aws_region", files)
    assert regions.paths == {"other.tf"}
    assert len(regions) == 1
    assert not index.holding("aws_lambda_function", files).paths


def test_edits_are_seen_and_only_edited_items_are_walked_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = _files()
    index = TraversalIndex(files)
    bucket = _block(files["main.tf"], "aws_s3_bucket", "logs")
    assert bucket not in index.holding("aws_kms_key", files)

    walked = _counting(monkeypatch)
    edit.insert(bucket, "kms = aws_kms_key.k.arn")
    assert bucket in index.holding("aws_kms_key", files)
    assert walked == [bucket]  # not the whole module
    _assert_fresh(index, files)

    # a traversal replaced inside an expression (what the renaming codemods do)
    output = next(b for b in files["other.tf"].body.blocks if b.type == "output")
    value = output.body.attribute("value")
    assert value is not None
    edit.replace(value, value.value, "aws_region.x.region")
    walked.clear()
    assert output in index.holding("aws_region", files)
    assert output not in index.holding("data.aws_region", files)
    assert walked == [output]
    _assert_fresh(index, files)

    # a removed attribute takes its traversals with it
    policy = _block(files["main.tf"], "aws_s3_bucket_policy", "logs")
    attribute = policy.body.attribute("bucket")
    assert attribute is not None
    edit.remove(attribute, policy)
    assert policy not in index.holding("aws_s3_bucket", files)
    _assert_fresh(index, files)


def test_new_and_removed_top_level_blocks() -> None:
    files = _files()
    index = TraversalIndex(files)
    main = files["main.tf"]
    text = 'resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.logs.id\n}\n'
    added = edit.insert(main, text)
    assert added in index.holding("aws_s3_bucket", files)
    _assert_fresh(index, files)
    edit.remove(added, main)
    assert added not in index.holding("aws_s3_bucket", files)
    _assert_fresh(index, files)


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[n.Node]:
    """The top-level items the index walks from now on."""
    walked: list[n.Node] = []
    real = traversals.keys_of

    def counting(top: n.Node, *rest: Any) -> frozenset[str]:
        walked.append(top)
        return real(top, *rest)

    monkeypatch.setattr(traversals, "keys_of", counting)
    return walked


def _counting_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the module analysis walks from now on (for references and index alike)."""
    walked: list[str] = []
    real = module_analysis._walk

    def counting(path: str, tree: n.Module) -> Any:
        walked.append(path)
        return real(path, tree)

    monkeypatch.setattr(module_analysis, "_walk", counting)
    return walked


def _named(index: TraversalIndex) -> dict[int, tuple[str, int | None]]:
    """What the index knows of each node an edit may name: its file and top-level item."""
    return {
        key: (path, None if top is None else id(top))
        for key, (_node, path, top) in index._where.items()
    }


def test_the_index_takes_what_the_analysis_walk_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each file is walked once for the analysis and its index: asked first, the index
    takes each item's keys and the nodes an edit may name from that walk, which are
    what its own walk finds."""
    files = _files()
    files_walked = _counting_files(monkeypatch)
    analysis = analyze_modules("/nowhere", files)
    assert files_walked == ["main.tf", "other.tf"]
    walked = _counting(monkeypatch)
    index = analysis.traversal_index()
    assert index.holding("aws_s3_bucket", files).paths == {"main.tf"}
    assert index.holding("data.aws_region", files).paths == {"other.tf"}
    assert walked == []
    fresh = TraversalIndex(files)
    assert index.keys(files) == fresh.keys(files)
    assert _named(index) == _named(fresh)


def test_edits_before_the_first_question_are_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    """A codemod edits, then asks: the items it touched since the analysis walked them
    are walked again, and only those."""
    files = _files()
    analysis = analyze_modules("/nowhere", files)
    bucket = _block(files["main.tf"], "aws_s3_bucket", "logs")
    walked = _counting(monkeypatch)
    edit.insert(bucket, "kms = aws_kms_key.k.arn")
    assert bucket in analysis.holding("aws_kms_key", files)
    assert walked == [bucket]
    _assert_fresh(analysis.traversal_index(), files)

    # an item put in a file, then edited, before the first question
    files = _files()
    analysis = analyze_modules("/nowhere", files)
    edit.insert(files["other.tf"], 'output "q" {\n  value = aws_sqs_queue.q.arn\n}')
    added = files["other.tf"].body.blocks[-1]
    value = added.body.attribute("value")
    assert value is not None
    edit.replace(value, value.value, "aws_sns_topic.t.arn")
    holders = analysis.holding("aws_sns_topic", files)
    assert added in holders and holders.paths == {"other.tf"}
    assert not analysis.holding("aws_sqs_queue", files).paths
    _assert_fresh(analysis.traversal_index(), files)


def test_a_tree_whose_items_changed_unsaid_is_walked() -> None:
    """Items replaced without an edit saying so (against the engine's promise) are not
    taken from the walk that saw the old ones: the file is walked."""
    files = _files()
    analysis = analyze_modules("/nowhere", files)
    copy = parse(OTHER.replace("aws_region", "aws_vpc"), path="other.tf")
    files["other.tf"].body.children[:] = copy.body.children
    output = next(b for b in files["other.tf"].body.blocks if b.type == "output")
    assert output in analysis.holding("data.aws_vpc", files)
    assert not analysis.holding("data.aws_region", files).paths
    _assert_fresh(analysis.traversal_index(), files)


def test_nodes_put_in_then_edited(monkeypatch: pytest.MonkeyPatch) -> None:
    files = _files()
    index = TraversalIndex(files)
    walked = _counting(monkeypatch)
    bucket = _block(files["main.tf"], "aws_s3_bucket", "logs")
    # A block put in, then edited before the index is asked: the second edit names a
    # node the index has not seen, found when the block holding it is walked again.
    fragment = edit.insert(bucket, "versioning {\n  enabled = true\n}\n")
    attribute = fragment.body.attribute("enabled")
    assert attribute is not None
    edit.set_value(attribute, "var.on && aws_kms_key.k.enabled")
    assert bucket in index.holding("aws_kms_key", files)
    assert walked == [bucket]
    _assert_fresh(index, files)
    # A new top-level block, edited: only it is walked, not the other items of its file
    # (one big file getting a block per bucket walked the whole file for each).
    walked.clear()
    main = files["main.tf"]
    added = edit.insert(main, 'output "o" {\n  value = 1\n}\n')
    value = added.body.attribute("value")
    assert value is not None
    edit.set_value(value, "aws_sqs_queue.q.arn")
    assert added in index.holding("aws_sqs_queue", files)
    assert [id(t) for t in walked] == [id(added)]
    _assert_fresh(index, files)


def test_top_level_item_taken_out(monkeypatch: pytest.MonkeyPatch) -> None:
    files = _files()
    index = TraversalIndex(files)
    walked = _counting(monkeypatch)
    main = files["main.tf"]
    policy = _block(main, "aws_s3_bucket_policy", "logs")
    assert policy in index.holding("aws_s3_bucket", files)
    memo = index.memo("main.tf", _block(main, "aws_s3_bucket", "logs"), "t", lambda: 1, files)
    edit.remove(policy, main)
    assert not index.holding("aws_s3_bucket", files).paths
    # The items left are not walked again; what was made from them is made again (an
    # edit of the list may change the text at their edges).
    assert walked == []
    bucket = _block(main, "aws_s3_bucket", "logs")
    assert index.memo("main.tf", bucket, "t", lambda: memo + 1, files) == 2
    _assert_fresh(index, files)


def test_a_node_of_no_file_makes_it_walk_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    files = _files()
    index = TraversalIndex(files)
    walked = _counting(monkeypatch)
    loose = parse("x = aws_iam_role.r.arn\n").body.attributes[0]
    edit.set_value(loose, "aws_iam_role.q.arn")  # which file holds it, if any, is not known
    assert not index.holding("aws_iam_role", files).paths
    assert len(walked) == sum(len(m.body.items) for m in files.values())
    _assert_fresh(index, files)


def test_files_replaced_added_and_removed() -> None:
    files = _files()
    index = TraversalIndex(files)
    files["main.tf"] = parse('output "x" {\n  value = aws_sqs_queue.q.arn\n}\n', path="main.tf")
    files["new.tf"] = parse('output "y" {\n  value = aws_sns_topic.t.arn\n}\n', path="new.tf")
    assert index.holding("aws_sqs_queue", files).paths == {"main.tf"}
    assert index.holding("aws_sns_topic", files).paths == {"new.tf"}
    assert not index.holding("aws_s3_bucket", files).paths
    _assert_fresh(index, files)
    del files["new.tf"]
    _assert_fresh(index, files)


def test_an_analysis_hands_its_index_on_and_walks_only_new_trees(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = _files()
    first = analyze_modules("/nowhere", files)
    policy = _block(files["main.tf"], "aws_s3_bucket_policy", "logs")
    assert policy in first.holding("aws_s3_bucket")
    # A fix changed main.tf: the engine re-parses it and analyses again.
    edit.insert(policy, "kms = aws_kms_key.k.arn")
    changed = dict(files)
    changed["main.tf"] = parse(files["main.tf"].code, path="main.tf")
    walked = _counting(monkeypatch)
    files_walked = _counting_files(monkeypatch)
    second = analyze_modules("/nowhere", changed, previous=first)
    holders = second.holding("aws_kms_key")
    assert holders.paths == {"main.tf"}
    # The new tree is walked once, by the analysis, for its references and the index.
    assert files_walked == ["main.tf"]
    assert walked == []
    _assert_fresh(second.traversal_index(), changed)
    # The analysis handed over starts again from nothing if still asked.
    assert first.holding("aws_kms_key").paths == {"main.tf"}


def test_memos_last_until_an_edit_touches_their_item() -> None:
    """What a codemod worked out from one top-level item (the S3 split's reads of a
    bucket) is kept until an edit touches that item, whoever makes it; the memos of
    the other items stay, and the memo then is what the item holds now."""
    path = "/m/main.tf"
    files = {
        path: parse(
            'resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.a.id\n}\n'
            'output "o" {\n  value = aws_s3_bucket.b.arn\n}\n',
            path=path,
        )
    }
    index = TraversalIndex(files)
    policy, output = files[path].body.blocks
    made: list[str] = []

    def reads(top: n.Node) -> list[str]:
        made.append(top.type)  # type: ignore[attr-defined]
        return [t.code.strip() for t in edit.traversals(top)]

    def ask(top: n.Block) -> list[str]:
        return index.memo(path, top, "reads", lambda: reads(top), files)

    assert ask(policy) == ["aws_s3_bucket.a.id"] and ask(output) == ["aws_s3_bucket.b.arn"]
    assert ask(policy) == ["aws_s3_bucket.a.id"] and made == ["resource", "output"]
    edit.set_value(output.body.attribute("value"), "aws_s3_bucket.c.arn")
    assert ask(policy) == ["aws_s3_bucket.a.id"]  # not touched: kept
    assert ask(output) == ["aws_s3_bucket.c.arn"] and made == ["resource", "output", "output"]
    files = {path: parse(files[path].code, path=path)}  # parsed again: new items
    assert ask(policy) == ["aws_s3_bucket.a.id"] and len(made) == 4

"""Release hygiene, and words meant for users."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, run_tffix

# Words that point at the material the first codemods came from, which users never saw.
INTERNAL = re.compile(r"incident report|seed stack|\bthe seed\b|\bseed's\b|\bmodels?\b", re.I)


def test_license_is_the_apache_2_text() -> None:
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" in text
    assert "END OF TERMS AND CONDITIONS" in text
    assert 'license = { text = "Apache-2.0" }' in (REPO / "pyproject.toml").read_text()


def test_action_metadata_is_valid_against_the_schema() -> None:
    """GitHub's action metadata schema (vendored by check-jsonschema, read offline)."""
    pytest.importorskip("check_jsonschema")
    from importlib.resources import files

    import jsonschema

    schema_file = files("check_jsonschema.builtin_schemas.vendor").joinpath("github-actions.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    jsonschema.validate(action, schema)  # e.g. branding.icon must be one of GitHub's icons


def test_readme_pins_the_release_tag_the_changelog_describes() -> None:
    version = re.search(r'^version = "([^"]+)"', (REPO / "pyproject.toml").read_text(), re.M)
    assert version is not None
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    revs = re.findall(r"^\s*rev: (\S+)", readme, re.M)
    assert revs == [f"v{version.group(1)}"]
    assert "pin a commit SHA" in readme  # documented until the tag exists
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## (\S+)", changelog, re.M)
    assert first is not None and first.group(1) == version.group(1)


@pytest.mark.slow
def test_text_for_users_explains_without_internal_references(tmp_path: Path) -> None:
    from tffix.engine.registry import all_codemods
    from tffix.engine.session import run, select_codemods
    from tffix.report.pr_markdown import pr_markdown

    bad = []
    for codemod in all_codemods():
        texts = [codemod.summary, codemod.explanation, *(o.help for o in codemod.options)]
        for text in texts:
            for m in INTERNAL.finditer(text):
                bad.append(f"{codemod.code}: ...{text[max(0, m.start() - 30) : m.end() + 30]}...")
        assert codemod.documentation or "https://" in codemod.explanation, codemod.code
        shown = run_tffix("explain", codemod.code).stdout
        assert not INTERNAL.search(shown), (codemod.code, INTERNAL.search(shown))
    assert not bad, "\n".join(bad)
    rules = run_tffix("rules", "--format", "json").stdout
    assert not INTERNAL.search(rules)
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    codemods = select_codemods(["ALL"], unsafe=True)
    report = run([tmp_path / "examples"], codemods, dry_run=True, jobs=1)
    body = pr_markdown(report, codemods, command="tffix --dry-run examples", root=str(tmp_path))
    assert not INTERNAL.search(body), INTERNAL.search(body)

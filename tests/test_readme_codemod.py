"""The README's "Writing a codemod" section, followed step by step.

Its code blocks are the test's input: the codemod's source is written into
a module of a temporary directory, registered through the entry point the
README declares (a ``.dist-info`` beside it, as ``pip install`` leaves one),
and run with the README's command on the README's module; the output must
be the one the README shows. A README example that stops working fails here.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_FENCE = re.compile(r"^```(\w+)\n(.*?)^```\n", re.DOTALL | re.MULTILINE)


def _blocks() -> dict[str, list[str]]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Writing a codemod\n")
    end = readme.find("\n## ", start + 1)
    section = readme[start : end if end != -1 else len(readme)]
    found: dict[str, list[str]] = {}
    for language, body in _FENCE.findall(section):
        found.setdefault(language, []).append(body)
    return found


def test_the_readme_codemod_is_written_registered_and_run_as_shown(tmp_path: Path) -> None:
    blocks = _blocks()
    codemod_source, _usage = blocks["python"]
    (entry_points,) = tomllib.loads(blocks["toml"][0])["project"]["entry-points"].values()
    ((code, target),) = entry_points.items()
    module_name, class_name = target.split(":")

    # 1. Write it: the README's source, as a module of its own.
    site = tmp_path / "site"
    site.mkdir()
    (site / f"{module_name}.py").write_text(codemod_source, encoding="utf-8")

    # 2. Register it: the entry point, where an installed distribution keeps it.
    dist = site / f"{module_name}-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module_name}\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(f"[tffix.codemods]\n{code} = {target}\n")

    # 3. Run it: the README's command on the README's module, output as shown.
    (command,) = blocks["sh"]
    argv = shlex.split(command)
    assert argv[0] == "tffix"
    (module_dir,) = [a for a in argv[1:] if not a.startswith("-") and a != code]
    (tmp_path / module_dir).mkdir()
    (tmp_path / module_dir / "main.tf").write_text(blocks["hcl"][0], encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(site)])}
    done = subprocess.run(
        [sys.executable, "-m", "tffix", *argv[1:]],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.stderr == ""
    assert done.stdout == blocks["text"][0]
    assert done.returncode == 1  # a dry run with fixes pending

    # The class the entry point names is the README's, with its own code.
    probe = f"import {module_name} as m; print(m.{class_name}.code)"
    listed = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    assert listed.stdout.strip() == code


def test_the_readme_editing_snippet_edits_a_parsed_module() -> None:
    usage = _blocks()["python"][1]
    text = 'resource "aws_kms_key" "k" {\n  description = "logs"\n}\n'
    scope: dict[str, object] = {"text": text}
    exec(compile(usage, "README.md", "exec"), scope)
    assert scope["new_text"] == (
        'resource "aws_kms_key" "k" {\n'
        '  description         = "logs"\n'
        "  enable_key_rotation = true\n"
        "}\n"
    )

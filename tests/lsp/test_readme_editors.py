"""The README's editor set-up matches the current command line and server.

Each snippet of the "In the editor" section must parse in its own format,
start the server with the command that exists (``tffix lsp``), and pass
options under the names the server reads: a renamed command or setting
that the README still shows fails here.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import REPO, run_tffix

pytest.importorskip("pygls", reason="pygls is not installed: pip install -e '.[test]'")


def _section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("## In the editor: `tffix lsp`")
    end = readme.index("\n## ", start + 1)
    return readme[start:end]


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", _section(), flags=re.S)


def test_the_command_the_snippets_start_exists() -> None:
    run = run_tffix("lsp", "--help")
    assert run.returncode == 0, run.stderr
    assert "language server" in run.stdout


def test_vs_code_and_zed_settings() -> None:
    from tffix.lsp.server import TffixServer, _apply_settings

    vscode, zed = (json.loads(block) for block in _blocks("json"))
    assert [vscode["glspc.server.command"], *vscode["glspc.server.commandArguments"]] == [
        "tffix",
        "lsp",
    ]
    assert "terraform" in vscode["glspc.server.languageId"]
    binary = zed["lsp"]["terraform-ls"]["binary"]
    assert [binary["path"], *binary["arguments"]] == ["tffix", "lsp"]
    for options in (
        vscode["glspc.server.initializationOptions"],
        zed["lsp"]["terraform-ls"]["initialization_options"],
    ):
        server = TffixServer()
        options["tffix"]["unsafeFixes"] = True  # the name the server reads
        _apply_settings(server, options)
        assert server.settings.unsafe_fixes


def test_helix_languages() -> None:
    try:
        import tomllib
    except ImportError:  # tomli before Python 3.11
        import tomli as tomllib  # type: ignore[no-redef]

    (block,) = _blocks("toml")
    config = tomllib.loads(block)
    server = config["language-server"]["tffix"]
    assert [server["command"], *server["args"]] == ["tffix", "lsp"]
    (language,) = config["language"]
    assert "tffix" in language["language-servers"]
    assert {"tf", "tofu"} <= set(language["file-types"])


def test_neovim_snippet() -> None:
    (block,) = _blocks("lua")
    assert 'cmd = { "tffix", "lsp" }' in block
    assert "init_options = { tffix = { unsafeFixes = false } }" in block
    # The file-name test in the snippet keeps JSON files that are not configuration.
    patterns = re.findall(r'name:match\("([^"]+)"\)', block)
    lua_to_python = [p.replace("%.", r"\.") for p in patterns]
    names = {"main.tf.json": True, "main.tofu.json": True, "package.json": False}
    for name, wanted in names.items():
        assert any(re.search(p, name) for p in lua_to_python) is wanted, name

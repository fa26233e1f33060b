"""Configuration: ``[tool.tffix]`` in ``pyproject.toml``, or ``.tffix.toml``.

Resolved per file, as ruff does: each module is configured by the nearest
file above it (``.tffix.toml`` before ``pyproject.toml`` in the same
directory), so ``tffix a b`` and ``tffix b a`` agree; ``--config FILE``
names one for every path. Patterns (``exclude``, ``per-file-ignores``) are
relative to the directory of the file that holds them. Command-line options
override it. Configuration is data only: no key can make tffix import or
run code, since a repository under review is untrusted input. An unknown
key, code or option, or an option value the codemod does not accept, is an
error that names it, before any work, so a typo never silently does nothing.

Example (``.tffix.toml``; in ``pyproject.toml`` the same under ``[tool.tffix]``)::

    select = ["AWS"]
    extend-select = ["TF001"]          # formatting, opt-in
    ignore = ["AWS012"]
    unsafe-fixes = false
    exclude = ["examples/*", "*.generated.tf"]
    respect-gitignore = true
    max-file-size = "20MB"   # larger files are reported and not read

    [per-file-ignores]
    "legacy/*" = ["AWS009"]

    [options.AWS009]
    days = 365
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

KEYS = frozenset(
    (
        "select",
        "extend-select",
        "ignore",
        "unsafe-fixes",
        "exclude",
        "extend-exclude",
        "per-file-ignores",
        "respect-gitignore",
        "options",
        "max-file-size",
    )
)


class ConfigError(ValueError):
    """A configuration file that cannot be used as written."""


@dataclass
class Config:
    """One configuration file's settings (or the defaults: ``source`` None).

    ``directory`` is where the file lives: ``exclude`` and ``per-file-ignores``
    patterns are relative to it, whatever the working directory.
    """

    select: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    unsafe_fixes: bool = False
    exclude: list[str] = field(default_factory=list)
    extend_exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    respect_gitignore: bool = True
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: str | None = None
    directory: Path | None = None
    max_file_size: int | None = None  # bytes; None: the default (files.DEFAULT_MAX_FILE_SIZE)


def _strings(value: object, key: str, source: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise ConfigError(f"{source}: `{key}` must be a string or a list of strings")
    if any(not v.strip() for v in value):
        # An empty code selects nothing: `select = [""]` would run no codemod, silently.
        raise ConfigError(f"{source}: `{key}` holds an empty string")
    return list(value)


def parse_config(data: dict[str, Any], source: str) -> Config:
    """Validate a ``[tool.tffix]`` table (or a whole ``.tffix.toml``)."""
    unknown = set(data) - KEYS
    if unknown:
        names = ", ".join(sorted(unknown))
        raise ConfigError(f"{source}: unknown key(s) {names}; known: {', '.join(sorted(KEYS))}")
    config = Config(source=source)
    for key in ("select", "extend-select", "ignore", "exclude", "extend-exclude"):
        if key in data:
            setattr(config, key.replace("-", "_"), _strings(data[key], key, source))
    for key in ("unsafe-fixes", "respect-gitignore"):
        if key in data:
            if not isinstance(data[key], bool):
                raise ConfigError(f"{source}: `{key}` must be true or false")
            setattr(config, key.replace("-", "_"), data[key])
    ignores = data.get("per-file-ignores", {})
    if not isinstance(ignores, dict):
        raise ConfigError(f'{source}: `per-file-ignores` must be a table ("glob" = ["AWS009"])')
    config.per_file_ignores = {
        str(pattern): _strings(codes, f"per-file-ignores.{pattern}", source)
        for pattern, codes in ignores.items()
    }
    if "max-file-size" in data:
        from tffix.engine.files import parse_size

        value = data["max-file-size"]
        try:
            if isinstance(value, bool) or not isinstance(value, (int, str)):
                raise ValueError('a size such as "20MB" or a number of bytes')
            config.max_file_size = parse_size(value)
        except ValueError as exc:
            raise ConfigError(f"{source}: `max-file-size`: {exc}") from None
    options = data.get("options", {})
    if not isinstance(options, dict) or not all(isinstance(v, dict) for v in options.values()):
        raise ConfigError(f"{source}: `options` must be a table of tables ([options.AWS009])")
    config.options = {code.upper(): dict(values) for code, values in options.items()}
    _check_codes(config)
    return config


def _check_codes(config: Config) -> None:
    """Every option names a codemod and one of its options, with a value it accepts.

    Values are replaced by the checked ones (``"GRANT"`` becomes ``"grant"``
    when that is the declared choice), so workers receive valid options only.
    """
    from tffix.engine.codemod import OptionError
    from tffix.engine.registry import catalog

    known = {c.code: c for c in catalog()}  # only the codemods given options are imported
    for code, values in config.options.items():
        entry = known.get(code)
        if entry is None:
            raise ConfigError(f"{config.source}: options for unknown codemod {code}")
        codemod = entry.load()
        declared = {o.name: o for o in codemod.options}
        bad = set(values) - set(declared)
        if bad:
            have = ", ".join(sorted(declared)) or "none"
            raise ConfigError(
                f"{config.source}: unknown option(s) {', '.join(sorted(bad))} for {code} "
                f"(it has: {have})"
            )
        for name, value in values.items():
            try:
                values[name] = declared[name].check(value)
            except OptionError as exc:
                raise ConfigError(f"{config.source}: [options.{code}] {exc}") from None


def load_file(path: Path) -> Config | None:
    """The configuration in ``path``; None for a pyproject.toml without [tool.tffix]."""
    # Imported here: most runs (a pre-commit hook on a file) find no
    # configuration, and the TOML parser is start-up time they would pay for nothing.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 (byte {exc.start}); TOML files are UTF-8") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("tffix") if isinstance(tool, dict) else None
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.tffix] must be a table")
        config = parse_config(table, f"{path} [tool.tffix]")
    else:
        config = parse_config(data, str(path))
    config.directory = path.resolve().parent
    return config


def discover(start: Path, *, stop: Path | None = None) -> Config:
    """The nearest configuration above ``start`` (a file or directory), or the defaults.

    ``stop`` bounds the walk (inclusive): a repository cloned by ``tffix bulk``
    is configured by its own files, never by whatever lies above the clone.
    """
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    limit = stop.resolve() if stop is not None else None
    for directory in (here, *here.parents):
        if limit is not None and directory != limit and limit not in directory.parents:
            break
        for name in (".tffix.toml", "pyproject.toml"):
            candidate = directory / name
            if candidate.is_file():
                found = load_file(candidate)
                if found is not None:
                    return found
    return Config()

"""Configuration: ``[tool.tffix]`` in ``pyproject.toml``, or ``.tffix.toml``.

Found by walking up from the first path given on the command line; the
nearest file wins (``.tffix.toml`` before ``pyproject.toml`` in the same
directory), or ``--config FILE`` names one. Command-line options override
it. Configuration is data only: no key can make tffix import or run code,
since a repository under review is untrusted input. An unknown key, code or
option is an error that names it, so a typo never silently does nothing.

Example (``.tffix.toml``; in ``pyproject.toml`` the same under ``[tool.tffix]``)::

    select = ["AWS", "TF001"]
    ignore = ["AWS012"]
    unsafe-fixes = false
    exclude = ["examples/*", "*.generated.tf"]
    max-file-size = "20MB"   # larger files are reported and not read

    [options.AWS009]
    days = 365
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

KEYS = frozenset(("select", "ignore", "unsafe-fixes", "exclude", "options", "max-file-size"))


class ConfigError(ValueError):
    """A configuration file that cannot be used as written."""


@dataclass
class Config:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    unsafe_fixes: bool = False
    exclude: list[str] = field(default_factory=list)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: str | None = None
    max_file_size: int | None = None  # bytes; None: the default (files.DEFAULT_MAX_FILE_SIZE)


def _strings(value: object, key: str, source: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"{source}: `{key}` must be a string or a list of strings")


def parse_config(data: dict[str, Any], source: str) -> Config:
    """Validate a ``[tool.tffix]`` table (or a whole ``.tffix.toml``)."""
    unknown = set(data) - KEYS
    if unknown:
        names = ", ".join(sorted(unknown))
        raise ConfigError(f"{source}: unknown key(s) {names}; known: {', '.join(sorted(KEYS))}")
    config = Config(source=source)
    if "select" in data:
        config.select = _strings(data["select"], "select", source)
    if "ignore" in data:
        config.ignore = _strings(data["ignore"], "ignore", source)
    if "exclude" in data:
        config.exclude = _strings(data["exclude"], "exclude", source)
    if "unsafe-fixes" in data:
        if not isinstance(data["unsafe-fixes"], bool):
            raise ConfigError(f"{source}: `unsafe-fixes` must be true or false")
        config.unsafe_fixes = data["unsafe-fixes"]
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
    from tffix.engine.registry import all_codemods

    known = {c.code: c for c in all_codemods()}
    for code, values in config.options.items():
        codemod = known.get(code)
        if codemod is None:
            raise ConfigError(f"{config.source}: options for unknown codemod {code}")
        names = {o.name for o in codemod.options}
        bad = set(values) - names
        if bad:
            have = ", ".join(sorted(names)) or "none"
            raise ConfigError(
                f"{config.source}: unknown option(s) {', '.join(sorted(bad))} for {code} "
                f"(it has: {have})"
            )


def load_file(path: Path) -> Config | None:
    """The configuration in ``path``; None for a pyproject.toml without [tool.tffix]."""
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("tffix")
        if table is None:
            return None
        return parse_config(table, f"{path} [tool.tffix]")
    return parse_config(data, str(path))


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

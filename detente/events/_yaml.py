"""Strict YAML loading for the event data files: duplicate keys and empty groups stop the load.

PyYAML silently keeps the last of two equal keys; a lexicon that loses a pattern that way codes
wrong events without a word, so every mapping is checked while it is built, naming file and line.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import DetenteError

__all__ = ["load_strict", "Located"]


class Located(str):
    """A string that remembers the line (1-based) it was read from, for error messages."""

    line: int = 0

    def __new__(cls, value: str, line: int) -> "Located":
        obj = super().__new__(cls, value)
        obj.line = line
        return obj

    def __reduce__(self):
        # Pickled (to worker processes) as the plain string it stands for: the line is only for
        # load-time errors, and str subclasses with a required extra argument cannot be unpickled.
        return (str, (str(self),))


class _StrictLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise DetenteError(
                "E401", f"{loader.name}, line {line}: duplicate key {key!r} (first at line {seen[key]})",
                "remove or rename one of the two entries")
        seen[key] = line
    mapping = loader.construct_mapping(node, deep=True)
    # Keep the line of each key so validation errors can point at it.
    mapping["__lines__"] = {k: v for k, v in seen.items()}
    return mapping


def _construct_str(loader: _StrictLoader, node: yaml.ScalarNode) -> Located:
    return Located(loader.construct_scalar(node), node.start_mark.line + 1)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)


def load_strict(path: Path) -> dict:
    """Parse ``path``; mappings carry ``__lines__`` (key -> line), strings are ``Located``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DetenteError("E400", f"cannot read {path}: {exc}", "reinstall the package (pip install -e .)")
    loader = _StrictLoader(text)
    loader.name = str(path)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        raise DetenteError("E402", f"{path} is not valid YAML: {exc}", "fix the line it names")
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise DetenteError("E403", f"{path}: expected a mapping at the top level", "see the comment block at its top")
    return data

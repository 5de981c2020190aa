"""Documents inside WARC and WET archives (FastWARC).

``response`` records with an HTML payload become ``html`` documents; WET ``conversion`` records
(flattened page text) become ``text`` documents; ``resource`` records are read like plain files.
Other records (warcinfo, request, metadata, revisit) are not documents and are passed over.
"""
from __future__ import annotations

import io
import re
import logging
from collections.abc import Iterator

from fastwarc.warc import ArchiveIterator, WarcRecordType

from ..records import RawDoc, SourceInfo
from ..settings import Settings
from .decode import DecodeError, decode_bytes, looks_binary, looks_like_html

log = logging.getLogger(__name__)

_WANTED = WarcRecordType.response | WarcRecordType.conversion | WarcRecordType.resource
_RECORD_START = re.compile(rb"(?:^|\r?\n)WARC/1\.[01]\r?\n")


def _problem(path, index, url, rid, status, reason):
    from . import Problem

    label = f"{path}#{index}" + (f" ({url})" if url else "")
    return Problem(SourceInfo(path=path, url=url, warc_record_id=rid), label, status, reason)


def iter_warc(raw: bytes, path: str, settings: Settings) -> Iterator:
    """RawDocs (or Problems) for the document records of one (decompressed) WARC/WET archive."""
    index = -1          # position among all records of the archive
    parsed = 0
    container = "warc"
    seen_any = False
    stream = io.BytesIO(raw)
    iterator = iter(ArchiveIterator(stream, record_types=WarcRecordType.any_type, parse_http=True))
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            break
        except Exception as exc:  # FastWARC raises plain exceptions on broken framing
            yield _problem(path, index + 1, None, None, "error", f"malformed WARC record: {exc}")
            break
        index += 1
        parsed += 1
        if not record.record_type & _WANTED:
            continue
        seen_any = True
        headers = record.headers
        url = headers.get("WARC-Target-URI") or None
        rid = record.record_id or None
        date = headers.get("WARC-Date") or None
        try:
            if record.record_type == WarcRecordType.conversion:
                container = "wet"
                kind_hint = "text"
            elif record.record_type == WarcRecordType.response:
                if not record.is_http:
                    yield _problem(path, index, url, rid, "skipped", "response record without an HTTP message")
                    continue
                ctype = (record.http_content_type or "").lower()
                if ctype and not any(t in ctype for t in ("html", "xml", "text/plain")):
                    yield _problem(path, index, url, rid, "skipped", f"not a page: content type {ctype}")
                    continue
                kind_hint = None
            else:
                kind_hint = None
            length = record.content_length
            if length and length > settings.max_bytes:
                yield _problem(path, index, url, rid, "error",
                               f"record of {length} bytes is over the size cap of {settings.max_bytes} bytes; "
                               "raise it with --max-bytes")
                continue
            payload = record.reader.read()
            if length is not None and len(payload) < length:
                yield _problem(path, index, url, rid, "error", "truncated record: the archive ends inside it")
                break
        except Exception as exc:
            yield _problem(path, index, url, rid, "error", f"malformed WARC record: {exc}")
            continue
        if not payload.strip():
            yield _problem(path, index, url, rid, "skipped", "empty record")
            continue
        if looks_binary(payload):
            yield _problem(path, index, url, rid, "error", "binary payload, not a page")
            continue
        try:
            text, note = decode_bytes(payload)
        except DecodeError as exc:
            yield _problem(path, index, url, rid, "error", str(exc))
            continue
        kind = kind_hint or ("html" if looks_like_html(text) else "text")
        yield RawDoc(source=SourceInfo(path=path, url=url, warc_record_id=rid), kind=kind, content=text,
                     crawl_date=date, container=container, index=index)
    # FastWARC silently stops at a record whose framing it cannot read: count the record starts
    # it did not reach, so a malformed record is reported instead of dropping the rest unseen.
    present = len(_RECORD_START.findall(raw))
    if present > parsed:
        yield _problem(path, parsed, None, None, "error",
                       f"malformed WARC record: {present - parsed} of {present} records could not be parsed "
                       f"(framing broken at or after record #{parsed}); the records before it were read")
    if not seen_any:
        yield _problem(path, 0, None, None, "skipped", "WARC archive without page records (response/conversion)")

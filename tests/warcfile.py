"""Write small WARC/WET archives byte by byte for the tests (the format, not a library's view of it)."""
from __future__ import annotations

import gzip
import uuid


def record(rtype: str, body: bytes, uri: str | None = None, date: str = "2010-04-09T10:00:00Z",
           record_id: str | None = None, content_type: str | None = None, extra: dict | None = None) -> bytes:
    headers = {
        "WARC-Type": rtype,
        "WARC-Date": date,
        "WARC-Record-ID": record_id or f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, (uri or '') + rtype)}>",
    }
    if uri:
        headers["WARC-Target-URI"] = uri
    if content_type:
        headers["Content-Type"] = content_type
    headers.update(extra or {})
    headers["Content-Length"] = str(len(body))
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    return head.encode("utf-8") + body + b"\r\n\r\n"


def http_response(html: str, content_type: str = "text/html; charset=utf-8") -> bytes:
    body = html.encode("utf-8")
    head = (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    return head + body


def response_record(uri: str, html: str, **kw) -> bytes:
    return record("response", http_response(html), uri=uri,
                  content_type="application/http; msgtype=response", **kw)


def conversion_record(uri: str, text: str, **kw) -> bytes:
    return record("conversion", text.encode("utf-8"), uri=uri, content_type="text/plain", **kw)


def warcinfo() -> bytes:
    return record("warcinfo", b"software: detente-tests\r\nformat: WARC File Format 1.0\r\n",
                  content_type="application/warc-fields")


def gzip_members(records: list[bytes]) -> bytes:
    """One gzip member per record, as crawlers write them."""
    return b"".join(gzip.compress(r, mtime=0) for r in records)

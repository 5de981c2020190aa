"""Bytes to text, and what kind of text it is. No third-party charset guesser: the web declares its
charsets, and UTF-8 / cp1252 cover what is left of news pages."""
from __future__ import annotations

import codecs
import re

__all__ = ["DecodeError", "decode_bytes", "looks_binary", "looks_like_html"]


class DecodeError(ValueError):
    pass


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]{0,100}encoding=["']([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def looks_binary(raw: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 kB: images, PDFs, executables, zip files."""
    head = raw[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls > 0.05 * max(1, len(head))


def _declared(raw: bytes) -> str | None:
    m = _XML_ENCODING.search(raw[:200]) or _META_CHARSET.search(raw[:8192])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(raw: bytes) -> tuple[str, str | None]:
    """(text, note): note says what was done when the bytes were not clean UTF-8, else None."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(enc), None
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {enc} byte-order mark but is not valid {enc}: {exc.reason}") from None
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    declared = _declared(raw)
    if declared and declared not in ("utf-8",):
        try:
            return raw.decode(declared), None
        except UnicodeDecodeError:
            pass
    # Invalid UTF-8 with no usable declaration. A few stray bytes in UTF-8 text are replaced;
    # text with no UTF-8 multi-byte sequence at all is most likely a legacy Windows page.
    bad = raw.decode("utf-8", errors="replace").count("\ufffd")
    if bad <= max(3, len(raw) // 1000):
        return raw.decode("utf-8", errors="replace"), f"{bad} undecodable byte(s) replaced (invalid UTF-8)"
    try:
        return raw.decode("cp1252"), "not valid UTF-8 and no charset declared: read as Windows-1252"
    except UnicodeDecodeError:
        pass
    raise DecodeError(
        f"cannot decode the text: {bad} invalid UTF-8 sequences and no charset declaration; "
        "convert it to UTF-8 (e.g. iconv -f <encoding> -t utf-8)")


_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
                         re.I | re.S)
_TAG = re.compile(r"</?(?:p|div|span|a|br|h[1-6]|article|section|ul|li|table|script|style|img|nav|header|footer)\b[^>]*>",
                  re.I)


def looks_like_html(text: str) -> bool:
    """HTML by its markup: a document start, or markup dense enough to be the page itself.

    Flattened text can quote a few tags (an article about web development); a page is mostly
    markup, so a text that does not open with a tag needs tags densely packed on most of its lines.
    """
    head = text[:8192]
    if _HTML_START.match(head):
        return True
    tags = _TAG.findall(head)
    if head.lstrip().startswith("<"):
        return len(tags) >= 2
    if len(tags) < 4 or sum(map(len, tags)) < 0.05 * len(head):
        return False
    # A code listing inside flattened text is dense markup too, but only on a few of its lines.
    lines = [ln for ln in head.splitlines() if ln.strip()]
    tagged = sum(1 for ln in lines if _TAG.search(ln))
    return tagged >= 0.3 * len(lines)

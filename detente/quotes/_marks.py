"""Find quotation-mark spans in an article's text, before any syntax is looked at.

Double marks of every style pair up inside a paragraph: straight ``"``, curly ``“ ”``, low ``„``,
guillemets ``« »`` and the typewriter pairs ````` `` ````` / ``''``. Whether a mark opens or closes
is read from its neighbours first (a mark after a space and before a word opens), from its glyph
second, so a text that uses ``”`` for both ends still pairs. A paragraph that ends inside a quote
continues into the next paragraph when that one opens with a mark (the newspaper convention for
quotes of several paragraphs); otherwise the quote ends with its paragraph.

Single marks (``‘ ’`` and ``'``) outside double quotes are returned as candidates only: the caller
keeps them when a speech cue shows they are speech, since most are scare quotes or apostrophes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Marked", "find_marked"]


@dataclass(frozen=True)
class Marked:
    """A stretch of text between quotation marks."""

    start: int
    """Offset of the opening mark."""
    end: int
    """Offset just after the closing mark (or the end of the paragraph when unclosed)."""
    inner_start: int
    inner_end: int
    double: bool
    """True for double marks (speech by convention), False for single-mark candidates."""
    closed: bool = True
    paragraphs: int = 1


_DOUBLE_OPEN = "“„‟«"
_DOUBLE_CLOSE = "”»"
_DOUBLE_ANY = '"'
_SINGLE_OPEN = "‘‚‛"
_SINGLE_CLOSE = "’"
_SINGLE_ANY = "'"
_OPENERS_BEFORE = "([{—–-/" + _DOUBLE_OPEN + _SINGLE_OPEN + '"\''
_AFTER_CLOSE = ".,;:!?)]}—–-…" + _DOUBLE_CLOSE + _SINGLE_CLOSE + '"\''
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_MARK = re.compile(r"``|''|[\"“”„‟«»‘’‚‛']")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blank-line separated, or line separated when no line is blank."""
    splitter = _PARAGRAPH if _PARAGRAPH.search(text) else re.compile(r"\n\s*")
    spans, pos = [], 0
    for m in splitter.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _direction(text: str, i: int, j: int, glyph_opens: bool | None) -> bool | None:
    """True when the mark text[i:j] opens, False when it closes, None when nothing tells."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[j] if j < len(text) else " "
    can_open = (prev.isspace() or prev in _OPENERS_BEFORE) and not nxt.isspace()
    can_close = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSE)
    if can_open and not can_close:
        return True
    if can_close and not can_open:
        return False
    return glyph_opens


def _is_apostrophe(text: str, i: int) -> bool:
    """A single mark between letters or digits (don't, rock'n'roll, '90s) is not a quotation mark."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():
        return True
    return prev.isspace() and nxt.isdigit()


def _looks_possessive(text: str, i: int) -> bool:
    """``the players' union``: a closing single mark after s, followed by a lower-case word."""
    if i == 0 or text[i - 1] not in "sS":
        return False
    rest = text[i + 1:i + 3]
    return len(rest) == 2 and rest[0] == " " and rest[1].islower()


def find_marked(text: str) -> list[Marked]:
    """All quotation spans of ``text``, double ones and single-mark candidates, in text order."""
    doubles: list[Marked] = []
    singles: list[Marked] = []
    paragraphs = _paragraphs(text)
    carry: tuple[int, int, int] | None = None  # (opening offset, mark length, paragraphs so far) of a quote still open
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        open_len = 0
        paras = 1
        if carry is not None:
            open_at, open_len, paras = carry
            carry = None
        single_open: int | None = None
        skip_first_opener = open_at is not None
        for m in _MARK.finditer(text, p_start, p_end):
            i, j = m.start(), m.end()
            mark = m.group()
            if mark in ("``", "''") or mark in _DOUBLE_OPEN or mark in _DOUBLE_CLOSE or mark == _DOUBLE_ANY:
                glyph = True if mark in _DOUBLE_OPEN or mark == "``" else False if mark in _DOUBLE_CLOSE else None
                opens = _direction(text, i, j, glyph)
                if opens is None:  # straight mark with no hint: toggle
                    opens = open_at is None
                if skip_first_opener:
                    skip_first_opener = False
                    if opens and text[p_start:i].strip() == "":
                        continue  # the mark that re-opens a quote continued from the paragraph above
                if opens:
                    open_at, open_len = i, len(mark)
                    single_open = None
                elif open_at is not None:
                    doubles.append(Marked(open_at, j, open_at + open_len, i, True, True, paras))
                    open_at, paras = None, 1
                continue
            # single marks: only outside double quotes
            skip_first_opener = False
            if open_at is not None or _is_apostrophe(text, i):
                continue
            glyph = True if mark in _SINGLE_OPEN else False if mark in _SINGLE_CLOSE else None
            opens = _direction(text, i, j, glyph)
            if opens:
                single_open = i
            elif opens is False and single_open is not None:
                if _looks_possessive(text, i) and _has_later_closer(text, j, p_end):
                    continue
                singles.append(Marked(single_open, j, single_open + 1, i, False))
                single_open = None
        if open_at is not None:
            nxt = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
            if nxt is not None and text[nxt[0]] in _DOUBLE_OPEN + _DOUBLE_ANY + "`":
                carry = (open_at, open_len, paras + 1)
            else:
                end = p_end
                while end > open_at and text[end - 1].isspace():
                    end -= 1
                if end - open_at - open_len > 0:
                    doubles.append(Marked(open_at, end, open_at + open_len, end, True, False, paras))
    if carry is not None:
        open_at, open_len, paras = carry
        end = len(text.rstrip())
        doubles.append(Marked(open_at, end, open_at + open_len, end, True, False, paras))
    out = doubles + [s for s in singles if not any(d.start <= s.start < d.end for d in doubles)]
    out.sort(key=lambda q: q.start)
    return out


def _has_later_closer(text: str, start: int, end: int) -> bool:
    for k in range(start, end):
        if text[k] in "'’" and not _is_apostrophe(text, k) and _direction(text, k, k + 1, None) is False:
            return True
    return False

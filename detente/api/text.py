"""Article text as HTML: paragraphs that keep their character offsets, and a highlighted span.

reads: ``article.text`` (body paragraphs joined by blank lines) and an optional ``[start, end)`` span
fills: ``Paragraph``s for the article template; each carries its offset into the text (``data-start``
in the page), so the page script can highlight any other span by offsets without asking the server.

Offsets are Python ``str`` offsets, as everywhere in Détente. A browser counts UTF-16 code units,
which differ for characters outside the Basic Multilingual Plane (emoji, some CJK): the page script
converts, see ``static/detente.js``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

__all__ = ["Paragraph", "Segment", "paragraphs", "paragraphs_html", "emphasise"]

# A paragraph is a run of text without a blank line; single newlines stay inside it.
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")


@dataclass(frozen=True)
class Segment:
    text: str
    marked: bool


@dataclass(frozen=True)
class Paragraph:
    start: int
    """Offset of the paragraph's first character in the article text."""
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


def paragraphs(text: str, mark: tuple[int, int] | None = None) -> list[Paragraph]:
    """The article's paragraphs, with the characters of ``mark`` (a half-open span) flagged.

    A span that crosses paragraphs (a quote running over several) is flagged in each of them.
    An empty or out-of-range span marks nothing.
    """
    out: list[Paragraph] = []
    lo, hi = mark if mark else (0, 0)
    for m in _PARAGRAPH.finditer(text or ""):
        p_start, p_end = m.start(), m.end()
        body = m.group()
        a, b = max(lo, p_start), min(hi, p_end)
        if a < b:
            parts = [Segment(body[: a - p_start], False), Segment(body[a - p_start: b - p_start], True),
                     Segment(body[b - p_start:], False)]
            segments = tuple(s for s in parts if s.text)
        else:
            segments = (Segment(body, False),)
        out.append(Paragraph(p_start, segments))
    return out


def emphasise(text: str | None, start: int | None, end: int | None, offset: int | None) -> Markup:
    """``text`` escaped, with ``[start, end)`` (offsets into the article; ``text`` begins at
    ``offset``) wrapped in <strong> — the trigger word inside its evidence sentence."""
    if not text:
        return Markup("")
    if None in (start, end, offset):
        return escape(text)
    a, b = start - offset, end - offset
    if not (0 <= a < b <= len(text)):
        return escape(text)
    return escape(text[:a]) + Markup("<strong>") + escape(text[a:b]) + Markup("</strong>") + escape(text[b:])


def paragraphs_html(paras: list[Paragraph]) -> Markup:
    """The paragraphs as ``<p data-start="…">`` elements, the marked span in ``<mark class="hl">``
    (the first one with ``id="hl"``, the target of the ``#hl`` links).

    Built here rather than in the template so that no template whitespace slips into the text:
    the page script counts characters from each paragraph's ``data-start``.
    """
    out: list[Markup] = []
    first = True
    for p in paras:
        inner = Markup("")
        for seg in p.segments:
            if seg.marked:
                anchor = Markup(' id="hl"') if first else Markup("")
                first = False
                inner += Markup('<mark class="hl"%s>') % anchor + escape(seg.text) + Markup("</mark>")
            else:
                inner += escape(seg.text)
        out.append(Markup('<p data-start="%d">') % p.start + inner + Markup("</p>"))
    return Markup("\n").join(out)

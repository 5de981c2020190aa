"""Extraction: one RawDoc in, one clean Article out.

reads: RawDoc (kind ``html`` or ``text``, content, url, crawl date)
fills: Article (text, title, dek, authors, publisher, published, updated, language)

HTML goes through trafilatura (``html.py``); flattened crawl text and plain articles go through
our own line-level boilerplate filter (``flat.py``). The language is identified last
(``language.py``); an article outside ``settings.languages`` raises ``Skipped``.
"""
from __future__ import annotations

import logging

from ..records import Article, RawDoc
from ..settings import Settings

__all__ = ["extract", "Skipped", "ExtractionError"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())


class Skipped(Exception):
    """The document is fine but not analysed (not English, no article text). ``str()`` is the reason."""


class ExtractionError(Exception):
    """The document could not be turned into an article. ``str()`` is the reason."""


def extract(raw: RawDoc, settings: Settings | None = None) -> Article:
    """Turn one RawDoc into an Article, or raise Skipped / ExtractionError with a reason."""
    from .html import extract_html
    from .flat import extract_flat
    from .language import detect_language

    settings = settings or Settings()
    if raw.kind == "html":
        article = extract_html(raw.content, url=raw.source.url, crawl_date=raw.crawl_date)
    elif raw.kind == "text":
        article = extract_flat(raw.content, crawl_date=raw.crawl_date)
    else:
        raise ExtractionError(f"unknown document kind {raw.kind!r}")
    # Counting stops once the minimum is reached: below it the count is exact, above it unused.
    words = len(article.text.split(maxsplit=max(settings.min_words, 0)))
    if words < settings.min_words:
        raise Skipped("no article text found" if not words else f"only {words} words of article text")
    language = detect_language(article.text)
    if language is not None and language not in settings.languages:
        raise Skipped(f"language is {language}, not {'/'.join(settings.languages)}")
    if language != article.language:
        from dataclasses import replace
        article = replace(article, language=language)
    return article

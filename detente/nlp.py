"""The one spaCy pass per article. Every later stage reads the Doc made here; none parses again.

reads: Article.text   fills: spacy Doc (tokens, sentences, POS, dependency parse, named entities)
"""
from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator

from .settings import Settings, resolve_model_name

__all__ = ["load_pipeline", "parse"]

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=4)
def load_pipeline(model: str = "auto"):
    """Load (once per process) the spaCy pipeline named by the ``model`` setting."""
    import spacy

    name = resolve_model_name(model)
    log.debug("loading spaCy pipeline %s", name)
    nlp = spacy.load(name)
    # Articles can be long; the parser's memory is the limit, not this check.
    nlp.max_length = 5_000_000
    return nlp


def parse(texts: Iterable[str], settings: Settings | None = None) -> Iterator:
    """Parse texts in batches with ``nlp.pipe``; yields one Doc per text, in order."""
    settings = settings or Settings()
    nlp = load_pipeline(settings.model)
    yield from nlp.pipe(texts, batch_size=settings.batch_size)


def model_version(settings: Settings | None = None) -> str:
    settings = settings or Settings()
    nlp = load_pipeline(settings.model)
    return f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"

"""Compose the analysis stages over one parsed article.

reads: spaCy Doc of Article.text, the Article
fills: entities (with actors), quotes, figures, events — in that order, one direction:
actors feed quotes (speakers' actors) and events (source/target); quotes feed events
(statements attributed to a speaker).
"""
from __future__ import annotations

from dataclasses import dataclass

from .records import Article, Entity, Event, Figure, Quote
from .settings import Settings

__all__ = ["Annotations", "annotate"]


@dataclass(frozen=True)
class Annotations:
    entities: tuple[Entity, ...]
    quotes: tuple[Quote, ...]
    figures: tuple[Figure, ...]
    events: tuple[Event, ...]


def annotate(doc, article: Article, settings: Settings | None = None) -> Annotations:
    from .actors import resolve_actors
    from .events import code_events
    from .figures import extract_figures
    from .quotes import extract_quotes

    settings = settings or Settings()
    index = resolve_actors(doc, article)
    quotes = extract_quotes(doc, index)
    figures = extract_figures(doc, article)
    events = code_events(doc, index, quotes, article)
    return Annotations(tuple(index.entities), tuple(quotes), tuple(figures), tuple(events))

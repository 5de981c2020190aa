"""Actors: who each mention in an article is, coded as country (ISO alpha-3) or IGO code + sector.

reads: spaCy Doc, Article      fills: ActorIndex (entities with actors, people with roles)

Public API (used by quotes.py and events/):

    index = resolve_actors(doc, article)
    index.entities                 -> list[Entity]   (NER mentions + lexicon hits, each with .actor or None)
    index.people                   -> list[Person]   (one per person, short mentions merged into the full name)
    index.actor_for_span(span)     -> ActorRef | None   actor of a noun phrase (spaCy Span): metonyms
                                      ("Moscow", "the Kremlin"), demonym + noun ("Russian officials"),
                                      people ("Putin"), IGOs ("NATO"); None when unknown, never a guess
    index.person_for_span(span)    -> Person | None     the person a mention (name or pronoun) refers to

Also:
    index.actors_for_span(span)    -> list[ActorRef]    every actor of a compound phrase
                                      ("Hungarian and Romanian officials", "the U.S. and Jordan")
    index.speaker_for_span(span)   -> Speaker | None    a records.Speaker for a mention of a person
    index.person_at(char_offset)   -> Person | None     the person whose mention covers an offset

The spans (or single Tokens) must come from the Doc the index was built from. The data files
(``data/``) are described in ``data/README.md``; the rules in ``index.py`` and ``people.py``.
"""
from __future__ import annotations

import logging

from .index import ActorIndex, Person, resolve_actors
from .lexicon import LEXICON_VERSION, load_lexicon

__all__ = ["ActorIndex", "Person", "resolve_actors", "load_lexicon", "LEXICON_VERSION"]

logging.getLogger(__name__).addHandler(logging.NullHandler())

"""Event coding: who did what to whom, in PLOVER types with CAMEO roots, modes, dates and evidence.

reads: the spaCy Doc of Article.text (never parsed again), the ActorIndex of detente.actors,
       the quotes of detente.quotes (speakers), the Article (its published/updated date)
fills: Event records (see detente.records.Event and DESIGN.md)

    events = code_events(doc, index, quotes, article)

The ontology (types, CAMEO roots, QuadClass, intensity per mode) and the trigger lexicon are data
files in events/data/, loaded and validated once per process. ``versions()`` names the coder,
lexicon and ontology versions that produced an output, for stamping stored records.
"""
from __future__ import annotations

import logging

from ..records import Event
from .coder import EventCoder
from .lexicon import Lexicon, Pattern, load_lexicon
from .ontology import MODES, PLOVER_TYPES, Ontology, load_ontology

__all__ = ["code_events", "versions", "load_ontology", "load_lexicon", "Ontology", "Lexicon", "Pattern",
           "PLOVER_TYPES", "MODES", "CODER_VERSION"]

logging.getLogger(__name__).addHandler(logging.NullHandler())

CODER_VERSION = "events-coder-1.1"
"""Bump when the coder's rules change what it outputs (the data files carry their own versions)."""


def versions() -> dict[str, str]:
    """Versions of everything that decides the events of a record."""
    return {"events_coder": CODER_VERSION, "events_lexicon": load_lexicon().version,
            "events_ontology": load_ontology().version}


def code_events(doc, index, quotes, article) -> list[Event]:
    """Events of one article, in text order: one per (type, source, target) and sentence."""
    coder = EventCoder(doc, index, quotes, article, load_lexicon(), load_ontology())
    return coder.code()

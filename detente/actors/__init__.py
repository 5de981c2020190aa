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
"""

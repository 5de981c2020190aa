"""Hand-built records for the store, story, dyad, export and query tests.

Spans are given as fragments of the article text and turned into offsets here, so a test reads
like the article it describes. The PLOVER table below is a test's own statement of the codes
(CAMEO root, QuadClass, intensity) each hand-built event carries.
"""
from __future__ import annotations

from detente.records import (ActorRef, Article, Entity, Event, EventActor, Figure, Quote, Record, SourceInfo,
                             Span, Speaker, article_id)

TYPE_CODES = {  # type -> (CAMEO root, QuadClass, intensity)
    "AGREE": ("03", 1, 4.0), "CONSULT": ("04", 1, 1.0), "SUPPORT": ("05", 1, 3.0), "CONCEDE": ("08", 1, 5.0),
    "COOPERATE": ("06", 2, 6.0), "AID": ("07", 2, 7.0), "RETREAT": ("08", 2, 5.0), "REQUEST": ("10", 3, -2.0),
    "ACCUSE": ("11", 3, -3.0), "REJECT": ("12", 3, -4.0), "THREATEN": ("13", 3, -6.0),
    "PROTEST": ("14", 4, -6.5), "SANCTION": ("16", 4, -7.0), "MOBILIZE": ("15", 4, -7.2),
    "COERCE": ("17", 4, -7.0), "ASSAULT": ("18", 4, -9.0),
}


def span(text: str, fragment: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    return Span(fragment, start, start + len(fragment))


def event(text: str, evidence: str, trigger: str, type: str, source: tuple, target: tuple | None,
          date: str | None = None, mode: str = "asserted", negated: bool = False, hypothetical: bool = False,
          intensity: float | None = None, confidence: float = 0.8) -> Event:
    root, quad, default_intensity = TYPE_CODES[type]
    ev = span(text, evidence)
    trig_start = text.index(trigger, ev.start)
    precision = None if date is None else {4: "year", 7: "month"}.get(len(date), "day")
    return Event(type=type, mode=mode, cameo_root=root, quad_class=quad,
                 intensity=default_intensity if intensity is None else intensity,
                 negated=negated, hypothetical=hypothetical,
                 source=EventActor(*source), target=EventActor(*target) if target else None,
                 date=date, date_precision=precision,
                 trigger=Span(trigger, trig_start, trig_start + len(trigger)), evidence=ev, confidence=confidence)


def entity(text: str, fragment: str, code: str | None, sector: str | None = None, label: str = "GPE",
           occurrence: int = 0) -> Entity:
    s = span(text, fragment, occurrence)
    return Entity(fragment, label, s.start, s.end, ActorRef(code, sector, None) if code else None)


def quote(text: str, fragment: str, speaker: str | None, code: str | None, kind: str = "direct",
          cue: str | None = "said", sector: str | None = "GOV") -> Quote:
    s = span(text, fragment)
    who = None
    if speaker:
        at = text.find(speaker)
        who = Speaker(name=speaker, mention=speaker, start=at if at >= 0 else None,
                      end=at + len(speaker) if at >= 0 else None,
                      actor=ActorRef(code, sector, None) if code else None)
    return Quote(fragment, s.start, s.end, kind, who, cue, 0.9)


def figure(text: str, fragment: str, value: float | None, unit: str | None, quantity: str | None = None,
           date: str | None = None, source: str | None = None) -> Figure:
    s = span(text, fragment)
    return Figure(fragment, s.start, s.end, value, unit, quantity, date, source)


def record(text: str, *, events=(), quotes=(), entities=(), figures=(), published: str | None = "2009-07-06",
           publisher: str | None = None, url: str | None = None, path: str | None = None,
           title: str | None = "A headline", versions: dict | None = None) -> Record:
    return Record(
        id=article_id(text),
        source=SourceInfo(path=path or f"{article_id(text)}.html", url=url),
        article=Article(text=text, title=title, publisher=publisher, published=published, authors=("A. Writer",)),
        entities=tuple(entities), quotes=tuple(quotes), events=tuple(events), figures=tuple(figures),
        versions=versions or {},
    )

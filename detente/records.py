"""Typed records that flow one way through the pipeline.

ingest -> RawDoc -> extract -> Article -> nlp/actors/quotes/events/figures -> Record.

Each stage returns new records; none edits an earlier one. Unknown values are None,
never a guess. All offsets are Python ``str`` character offsets into ``Article.text``,
half-open ``[start, end)``. ``Record.to_dict()`` is the JSON contract of DESIGN.md.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "RawDoc", "SourceInfo", "Article", "ActorRef", "Entity", "Speaker", "Quote",
    "EventActor", "Span", "Event", "Figure", "Record", "article_id",
]


@dataclass(frozen=True)
class SourceInfo:
    """Where a document came from."""

    path: str | None = None
    """The input path as the user gave it (``-`` for stdin); for archive members, the archive's path."""
    url: str | None = None
    """Target URI of the page when the input carries one (WARC header, <link rel=canonical>)."""
    warc_record_id: str | None = None
    """WARC-Record-ID of the record the page came from."""


@dataclass(frozen=True)
class RawDoc:
    """One document as read from disk, stdin or an archive, before extraction."""

    source: SourceInfo
    kind: str
    """``html``, ``text`` (flattened page or plain article) — what extraction should do with it."""
    content: str
    """Decoded text (HTML markup or plain text)."""
    crawl_date: str | None = None
    """ISO date/time of the crawl (WARC-Date) when known; anchors partial dates."""
    container: str | None = None
    """``warc``, ``wet``, ``gzip`` or None: what the document was packed in."""
    index: int = 0
    """Position of the document inside its source (0 for a plain file)."""

    @property
    def label(self) -> str:
        """Human name for messages: path, plus the record position inside an archive."""
        path = self.source.path or "<text>"
        if self.container in ("warc", "wet"):
            return f"{path}#{self.index}" + (f" ({self.source.url})" if self.source.url else "")
        return path


@dataclass(frozen=True)
class Article:
    """A clean article: body text and its metadata."""

    text: str
    """Body paragraphs joined by blank lines (``\\n\\n``)."""
    title: str | None = None
    dek: str | None = None
    """Subtitle / standfirst under the headline, when the page has one."""
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    published: str | None = None
    """ISO 8601 at the precision the page gives; ``--MM-DD`` forms when no year is known."""
    updated: str | None = None
    language: str | None = "en"
    extractor: str | None = None
    """Which extractor produced it (``html``, ``flat``, ``plain``) — kept for diagnostics."""


@dataclass(frozen=True)
class ActorRef:
    """A coded actor: country (ISO 3166-1 alpha-3) or international body code, and sector."""

    code: str | None
    sector: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Entity:
    """A named-entity mention with the actor it resolves to (None when unknown)."""

    text: str
    label: str
    start: int
    end: int
    actor: ActorRef | None = None


@dataclass(frozen=True)
class Speaker:
    name: str | None
    """Full name as the article gives it at its fullest ("Victor Hale")."""
    mention: str | None
    """The words at the quote ("Hale", "he")."""
    start: int | None = None
    end: int | None = None
    role: str | None = None
    organization: str | None = None
    actor: ActorRef | None = None


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    kind: str
    """``direct`` | ``indirect`` | ``partial``."""
    speaker: Speaker | None
    cue: str | None = None
    confidence: float = 0.5


@dataclass(frozen=True)
class EventActor:
    text: str | None
    code: str | None
    sector: str | None = None


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Event:
    type: str
    """One of PLOVER's 16 types."""
    mode: str
    cameo_root: str
    quad_class: int
    intensity: float
    negated: bool
    hypothetical: bool
    source: EventActor
    target: EventActor | None
    date: str | None
    date_precision: str | None
    trigger: Span
    evidence: Span
    confidence: float


@dataclass(frozen=True)
class Figure:
    text: str
    start: int
    end: int
    value: float | None
    unit: str | None
    quantity: str | None = None
    date: str | None = None
    source: str | None = None


def _normalise_for_id(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", text).strip()


def article_id(text: str) -> str:
    """Stable id of an article: hash of its normalised text (case and whitespace do not matter)."""
    return hashlib.sha256(_normalise_for_id(text).encode("utf-8")).hexdigest()[:20]


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Record:
    """One analysed article: the JSON contract of DESIGN.md."""

    id: str
    source: SourceInfo
    article: Article
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    figures: tuple[Figure, ...] = ()
    versions: dict[str, str] = field(default_factory=dict)
    """Versions of the coder, lexicons and model that produced the record (not part of the contract)."""

    def to_dict(self) -> dict[str, Any]:
        art = _plain(self.article)
        art.pop("extractor", None)
        return {
            "id": self.id,
            "source": _plain(self.source),
            "article": art,
            "entities": _plain(self.entities),
            "quotes": _plain(self.quotes),
            "events": _plain(self.events),
            "figures": _plain(self.figures),
        }

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Record":
        """Rebuild a record from its JSON form (used by the store and the tests)."""

        def actor(d):
            return ActorRef(**d) if d else None

        src = SourceInfo(**data.get("source") or {})
        a = dict(data["article"])
        a["authors"] = tuple(a.get("authors") or ())
        art = Article(**{k: v for k, v in a.items() if k in {f.name for f in dataclasses.fields(Article)}})
        ents = tuple(Entity(**{**e, "actor": actor(e.get("actor"))}) for e in data.get("entities") or ())
        quotes = []
        for q in data.get("quotes") or ():
            sp = q.get("speaker")
            speaker = Speaker(**{**sp, "actor": actor(sp.get("actor"))}) if sp else None
            quotes.append(Quote(**{**q, "speaker": speaker}))
        events = []
        for e in data.get("events") or ():
            events.append(Event(**{
                **e,
                "source": EventActor(**e["source"]),
                "target": EventActor(**e["target"]) if e.get("target") else None,
                "trigger": Span(**e["trigger"]),
                "evidence": Span(**e["evidence"]),
            }))
        figures = tuple(Figure(**f) for f in data.get("figures") or ())
        return cls(id=data["id"], source=src, article=art, entities=ents, quotes=tuple(quotes),
                   events=tuple(events), figures=figures)

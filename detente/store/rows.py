"""Record -> table rows: one function per table, each returning column -> list of values.

Columns are built as lists so the store can hand them to DuckDB as one Arrow table per table
(thirty times faster than row-by-row inserts). Ids of rows inside an article are
``<article id>-q<n>``, ``-e<n>``, ``-f<n>``: stable, since the record's arrays keep their order.
"""
from __future__ import annotations

import json
from urllib.parse import urlsplit

from ..records import Record
from ..stories import story_key
from .dates import period_of

__all__ = ["article_row", "entity_rows", "quote_rows", "event_rows", "figure_rows", "outlet_of"]


def outlet_of(publisher: str | None, url: str | None) -> str | None:
    """Who published an article, normalised for counting distinct sources: the publisher's name,
    else the URL's host without ``www.``; None when neither is known."""
    if publisher and publisher.strip():
        return " ".join(publisher.split()).casefold()
    if url:
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            host = ""
        if host.startswith("www."):
            host = host[4:]
        return host or None
    return None


def _columns(rows: list[dict], names: list[str]) -> dict[str, list]:
    return {name: [row[name] for row in rows] for name in names}


def article_row(record: Record, added_at) -> dict[str, list]:
    art = record.article
    period = period_of(art.published)
    row = {
        "id": record.id,
        "source_path": record.source.path, "source_url": record.source.url,
        "warc_record_id": record.source.warc_record_id,
        "title": art.title, "dek": art.dek, "authors": list(art.authors), "publisher": art.publisher,
        "published": art.published, "updated": art.updated, "language": art.language,
        "extractor": art.extractor, "text": art.text,
        "date_start": period.start if period else None, "date_end": period.end if period else None,
        "period_precision": period.precision if period else None,
        "outlet": outlet_of(art.publisher, record.source.url),
        "record": record.to_json(), "versions": json.dumps(dict(record.versions), sort_keys=True),
        "added_at": added_at,
    }
    return {k: [v] for k, v in row.items()}


ENTITY_COLUMNS = ["article_id", "idx", "text", "label", "start", "end", "actor_code", "actor_sector", "actor_name"]


def entity_rows(record: Record) -> dict[str, list]:
    rows = []
    for i, e in enumerate(record.entities):
        a = e.actor
        rows.append({"article_id": record.id, "idx": i, "text": e.text, "label": e.label,
                     "start": e.start, "end": e.end, "actor_code": a.code if a else None,
                     "actor_sector": a.sector if a else None, "actor_name": a.name if a else None})
    return _columns(rows, ENTITY_COLUMNS)


QUOTE_COLUMNS = ["id", "article_id", "idx", "text", "start", "end", "kind", "speaker_name", "speaker_mention",
                 "speaker_start", "speaker_end", "speaker_role", "speaker_organization", "speaker_code",
                 "speaker_sector", "speaker_actor_name", "cue", "confidence"]


def quote_rows(record: Record) -> dict[str, list]:
    rows = []
    for i, q in enumerate(record.quotes):
        s = q.speaker
        a = s.actor if s else None
        rows.append({
            "id": f"{record.id}-q{i}", "article_id": record.id, "idx": i, "text": q.text,
            "start": q.start, "end": q.end, "kind": q.kind,
            "speaker_name": s.name if s else None, "speaker_mention": s.mention if s else None,
            "speaker_start": s.start if s else None, "speaker_end": s.end if s else None,
            "speaker_role": s.role if s else None, "speaker_organization": s.organization if s else None,
            "speaker_code": a.code if a else None, "speaker_sector": a.sector if a else None,
            "speaker_actor_name": a.name if a else None, "cue": q.cue, "confidence": q.confidence,
        })
    return _columns(rows, QUOTE_COLUMNS)


EVENT_COLUMNS = ["id", "article_id", "idx", "type", "mode", "cameo_root", "quad_class", "intensity", "negated",
                 "hypothetical", "source_text", "source_code", "source_sector", "target_text", "target_code",
                 "target_sector", "date", "date_precision", "date_start", "date_end", "period_precision", "date_basis",
                 "trigger_text", "trigger_start", "trigger_end", "evidence_text", "evidence_start",
                 "evidence_end", "confidence", "story_key"]


def event_rows(record: Record) -> dict[str, list]:
    published = period_of(record.article.published)
    rows = []
    for i, e in enumerate(record.events):
        own = period_of(e.date)
        period, basis = (own, "event") if own else ((published, "published") if published else (None, None))
        tgt = e.target
        rows.append({
            "id": f"{record.id}-e{i}", "article_id": record.id, "idx": i, "type": e.type, "mode": e.mode,
            "cameo_root": e.cameo_root, "quad_class": e.quad_class, "intensity": e.intensity,
            "negated": e.negated, "hypothetical": e.hypothetical,
            "source_text": e.source.text, "source_code": e.source.code, "source_sector": e.source.sector,
            "target_text": tgt.text if tgt else None, "target_code": tgt.code if tgt else None,
            "target_sector": tgt.sector if tgt else None,
            "date": e.date, "date_precision": e.date_precision,
            "date_start": period.start if period else None, "date_end": period.end if period else None,
            "period_precision": period.precision if period else None, "date_basis": basis,
            "trigger_text": e.trigger.text, "trigger_start": e.trigger.start, "trigger_end": e.trigger.end,
            "evidence_text": e.evidence.text, "evidence_start": e.evidence.start, "evidence_end": e.evidence.end,
            "confidence": e.confidence,
            "story_key": story_key(e.type, e.source.code, e.source.text, tgt.code if tgt else None,
                                   tgt.text if tgt else None, e.mode, e.negated, e.hypothetical),
        })
    return _columns(rows, EVENT_COLUMNS)


FIGURE_COLUMNS = ["id", "article_id", "idx", "text", "start", "end", "value", "unit", "quantity", "date", "source"]


def figure_rows(record: Record) -> dict[str, list]:
    rows = []
    for i, f in enumerate(record.figures):
        rows.append({"id": f"{record.id}-f{i}", "article_id": record.id, "idx": i, "text": f.text,
                     "start": f.start, "end": f.end, "value": f.value, "unit": f.unit,
                     "quantity": f.quantity, "date": f.date, "source": f.source})
    return _columns(rows, FIGURE_COLUMNS)

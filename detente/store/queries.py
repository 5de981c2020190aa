"""Read queries over the store: one function per question, each taking a DuckDB cursor.

Filters are validated here, once, so the CLI, the Python API and the HTTP API reject the same bad
values with the same message (a DetenteError naming the filter and listing what is valid). Each
list query orders its rows deterministically (so pages do not overlap), takes ``limit``/``offset``,
and sets ``df.attrs["total"]`` to the number of matching rows. Dates leave as ISO strings.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd

from ..errors import DetenteError
from .dates import parse_bound

__all__ = [
    "PLOVER_TYPES", "MODES", "QUOTE_KINDS", "to_records", "parse_codes", "parse_choices", "articles", "article", "events", "quotes",
    "figures", "story_events", "search", "ingest_log", "counts", "reports_for_new_keys",
]

# PLOVER's 16 event types and our modes (DESIGN.md, Ontology): the values a filter may take.
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODES = ("asserted", "promised", "intended", "hypothetical", "negated", "historical", "reported")
QUOTE_KINDS = ("direct", "indirect", "partial")
INGEST_STATUSES = ("ok", "skipped", "error")

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_.\-]{0,15}$")


# ----------------------------------------------------------------------------- conversion
def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):  # numpy arrays and scalars
        return _plain(value.tolist())
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def to_records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """A query frame as plain JSON-ready dicts: None for missing values, lists for list cells."""
    return [{k: _plain(v) for k, v in row.items()} for row in df.to_dict("records")]


# ----------------------------------------------------------------------------- filters
class _Where:
    """WHERE clauses and their parameters, built from validated filters."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def _values(value: str | Iterable[str] | None) -> list[str]:
    """A filter value as a list: one string, a comma-separated string, or a list of strings."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else [str(v) for v in value]
    return [v.strip() for v in items if v and v.strip()]


def _choices(value, valid: Sequence[str], name: str, upper: bool) -> list[str]:
    out = []
    for v in _values(value):
        v = v.upper() if upper else v.lower()
        if v not in valid:
            raise DetenteError("E330", f"unknown {name} {v!r}", f"valid {name}s: " + ", ".join(valid))
        out.append(v)
    return out


def _codes(value, name: str) -> list[str]:
    out = []
    for v in _values(value):
        code = v.upper()
        if not _CODE.match(code):
            raise DetenteError("E331", f"{name} {v!r} is not an actor code",
                               "use an ISO 3166-1 alpha-3 country code such as USA or RUS, or a body's code such as NATO")
        out.append(code)
    return out


# Public names for other layers (the HTTP API validates query parameters with them).
def parse_codes(value, name: str) -> list[str]:
    """Actor codes from a filter value (one, comma-separated, or a list), upper-cased and checked."""
    return _codes(value, name)


def parse_choices(value, valid: Sequence[str], name: str, upper: bool) -> list[str]:
    """Values from a filter value, each checked against ``valid``."""
    return _choices(value, valid, name, upper)


def _in(column: str, values: list[str]) -> tuple[str, list[str]]:
    return f"{column} IN ({', '.join('?' for _ in values)})", values


def _page(limit, offset) -> tuple[str, list[int]]:
    try:
        offset = int(offset or 0)
        limit = None if limit is None else int(limit)
    except (TypeError, ValueError):
        raise DetenteError("E332", f"limit and offset must be whole numbers, not {limit!r} / {offset!r}",
                           "give --limit 50 --offset 100, for example") from None
    if offset < 0 or (limit is not None and limit < 0):
        raise DetenteError("E332", "limit and offset cannot be negative", "give --limit 50 --offset 0, for example")
    if limit is None:
        return (" OFFSET ?", [offset]) if offset else ("", [])
    return " LIMIT ? OFFSET ?", [limit, offset]


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _text_filter(where: _Where, text: str | None, *columns: str) -> None:
    if text is None or text == "":
        return
    pattern = _like(str(text))
    where.add("(" + " OR ".join(f"{c} ILIKE ? ESCAPE '\\'" for c in columns) + ")", *([pattern] * len(columns)))


def _date_filter(where: _Where, column: str, start, end) -> None:
    lo = parse_bound(start, end=False, name="start date")
    hi = parse_bound(end, end=True, name="end date")
    if lo and hi and lo > hi:
        raise DetenteError("E333", f"the start date {start} is after the end date {end}", "swap --from and --to")
    if lo:
        where.add(f"{column} >= ?", lo)
    if hi:
        where.add(f"{column} <= ?", hi)


def _check_unknown(filters: dict, name: str) -> None:
    if filters:
        raise DetenteError("E334", f"unknown filter(s) for {name}: {', '.join(sorted(filters))}",
                           f"see help(detente.store.Store.{name}) for the filters it takes")


def _frame(cur, select: str, where: _Where, order: str, limit, offset, count_from: str) -> pd.DataFrame:
    page_sql, page_params = _page(limit, offset)
    df = cur.execute(f"{select}{where.sql()} ORDER BY {order}{page_sql}", where.params + page_params).df()
    if limit is None and not offset:
        total = len(df)
    else:
        total = cur.execute(f"SELECT count(*) {count_from}{where.sql()}", where.params).fetchone()[0]
    df.attrs["total"] = int(total)
    df.attrs["limit"] = None if limit is None else int(limit)
    df.attrs["offset"] = int(offset or 0)
    return df


# ----------------------------------------------------------------------------- articles
_ARTICLE_LIST = """
SELECT a.id, a.title, a.dek, a.authors, a.publisher, a.published, a.updated, a.language,
       a.source_path, a.source_url AS url, a.warc_record_id, CAST(a.date_start AS VARCHAR) AS date,
       (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS num_events,
       (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS num_quotes,
       (SELECT count(*) FROM figures f WHERE f.article_id = a.id) AS num_figures,
       CAST(a.added_at AS VARCHAR) AS added_at
FROM articles a"""


def articles(cur, *, publisher: str | None = None, text: str | None = None, start=None, end=None,
             limit: int | None = None, offset: int = 0, **unknown) -> pd.DataFrame:
    _check_unknown(unknown, "articles")
    where = _Where()
    _text_filter(where, publisher, "a.publisher")
    _text_filter(where, text, "a.title", "a.dek", "a.text")
    _date_filter(where, "a.date_start", start, end)
    return _frame(cur, _ARTICLE_LIST, where, "a.date_start DESC NULLS LAST, a.id", limit, offset, "FROM articles a")


def article(cur, article_id: str) -> dict | None:
    row = cur.execute(
        """SELECT id, title, dek, authors, publisher, published, updated, language, source_path,
                  source_url AS url, warc_record_id, text, CAST(date_start AS VARCHAR) AS date,
                  CAST(added_at AS VARCHAR) AS added_at, versions
           FROM articles WHERE id = ?""", [article_id]).df()
    if row.empty:
        return None
    out = {"article": to_records(row)[0]}
    out["entities"] = to_records(cur.execute(
        'SELECT idx, text, label, start, "end", actor_code, actor_sector, actor_name FROM entities '
        "WHERE article_id = ? ORDER BY idx", [article_id]).df())
    out["quotes"] = to_records(quotes(cur, article_id=article_id))
    out["events"] = to_records(events(cur, article_id=article_id))
    out["figures"] = to_records(figures(cur, article_id=article_id))
    return out


# ----------------------------------------------------------------------------- events
_EVENT_SELECT = """
SELECT e.id, e.article_id, l.story_id, e.type, e.mode, e.cameo_root, e.quad_class, e.intensity,
       e.negated, e.hypothetical, e.source_text, e.source_code, e.source_sector,
       e.target_text, e.target_code, e.target_sector, e.date, e.date_precision,
       CAST(e.date_start AS VARCHAR) AS date_start, e.period_precision, e.date_basis,
       e.trigger_text, e.trigger_start, e.trigger_end,
       e.evidence_text, e.evidence_start, e.evidence_end, e.confidence,
       a.title AS article_title, a.publisher, a.published, a.source_url AS url"""
_EVENT_FROM = """
FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN event_story l ON l.event_id = e.id"""


def _actor_filters(where: _Where, prefix: str, actor, source, target) -> None:
    if actor is not None:
        codes = _codes(actor, "actor")
        if codes:
            a, pa = _in(f"{prefix}.source_code", codes)
            b, pb = _in(f"{prefix}.target_code", codes)
            where.add(f"({a} OR {b})", *pa, *pb)
    for column, value, name in ((f"{prefix}.source_code", source, "source"), (f"{prefix}.target_code", target, "target")):
        codes = _codes(value, name)
        if codes:
            clause, params = _in(column, codes)
            where.add(clause, *params)


def _event_where(prefix: str, actor, source, target, type, mode, quad_class) -> _Where:
    where = _Where()
    _actor_filters(where, prefix, actor, source, target)
    types = _choices(type, PLOVER_TYPES, "event type", upper=True)
    if types:
        clause, params = _in(f"{prefix}.type", types)
        where.add(clause, *params)
    modes = _choices(mode, MODES, "mode", upper=False)
    if modes:
        clause, params = _in(f"{prefix}.mode", modes)
        where.add(clause, *params)
    if quad_class is not None and quad_class != "":
        classes = _choices([str(q) for q in _values(quad_class) if q] if not isinstance(quad_class, int)
                           else [str(quad_class)], ("1", "2", "3", "4"), "QuadClass", upper=False)
        where.add(f"{prefix}.quad_class IN ({', '.join('?' for _ in classes)})", *[int(c) for c in classes])
    return where


def events(cur, *, actor=None, source=None, target=None, type=None, mode=None, quad_class=None,
           start=None, end=None, text: str | None = None, article_id: str | None = None,
           story_id: str | None = None, min_confidence: float | None = None,
           limit: int | None = None, offset: int = 0, **unknown) -> pd.DataFrame:
    _check_unknown(unknown, "events")
    where = _event_where("e", actor, source, target, type, mode, quad_class)
    _date_filter(where, "e.date_start", start, end)
    _text_filter(where, text, "e.evidence_text")
    if article_id:
        where.add("e.article_id = ?", article_id)
    if story_id:
        where.add("l.story_id = ?", story_id)
    if min_confidence is not None:
        where.add("e.confidence >= ?", float(min_confidence))
    return _frame(cur, _EVENT_SELECT + _EVENT_FROM, where, "e.date_start NULLS LAST, e.article_id, e.idx",
                  limit, offset, _EVENT_FROM)


# ----------------------------------------------------------------------------- quotes
_QUOTE_SELECT = """
SELECT q.id, q.article_id, q.text, q.start, q."end", q.kind, q.speaker_name, q.speaker_mention,
       q.speaker_start, q.speaker_end, q.speaker_role, q.speaker_organization, q.speaker_code,
       q.speaker_sector, q.cue, q.confidence, CAST(a.date_start AS VARCHAR) AS date,
       a.title AS article_title, a.publisher, a.published, a.source_url AS url"""
_QUOTE_FROM = "\nFROM quotes q JOIN articles a ON a.id = q.article_id"


def quotes(cur, *, speaker: str | None = None, actor=None, kind=None, text: str | None = None,
           start=None, end=None, article_id: str | None = None,
           limit: int | None = None, offset: int = 0, **unknown) -> pd.DataFrame:
    _check_unknown(unknown, "quotes")
    where = _Where()
    _text_filter(where, speaker, "q.speaker_name", "q.speaker_mention")
    codes = _codes(actor, "actor")
    if codes:
        clause, params = _in("q.speaker_code", codes)
        where.add(clause, *params)
    kinds = _choices(kind, QUOTE_KINDS, "quote kind", upper=False)
    if kinds:
        clause, params = _in("q.kind", kinds)
        where.add(clause, *params)
    _text_filter(where, text, "q.text")
    _date_filter(where, "a.date_start", start, end)
    if article_id:
        where.add("q.article_id = ?", article_id)
    return _frame(cur, _QUOTE_SELECT + _QUOTE_FROM, where, "a.date_start NULLS LAST, q.article_id, q.idx",
                  limit, offset, _QUOTE_FROM)


# ----------------------------------------------------------------------------- figures
_FIGURE_SELECT = """
SELECT f.id, f.article_id, f.text, f.start, f."end", f.value, f.unit, f.quantity, f.date, f.source,
       CAST(a.date_start AS VARCHAR) AS published_date, a.title AS article_title, a.publisher,
       a.source_url AS url"""
_FIGURE_FROM = "\nFROM figures f JOIN articles a ON a.id = f.article_id"


def figures(cur, *, text: str | None = None, unit: str | None = None, source: str | None = None,
            start=None, end=None, article_id: str | None = None,
            limit: int | None = None, offset: int = 0, **unknown) -> pd.DataFrame:
    _check_unknown(unknown, "figures")
    where = _Where()
    _text_filter(where, text, "f.text", "f.quantity")
    units = _values(unit)
    if units:
        where.add(f"upper(f.unit) IN ({', '.join('?' for _ in units)})", *[u.upper() for u in units])
    _text_filter(where, source, "f.source")
    _date_filter(where, "a.date_start", start, end)
    if article_id:
        where.add("f.article_id = ?", article_id)
    return _frame(cur, _FIGURE_SELECT + _FIGURE_FROM, where, "a.date_start NULLS LAST, f.article_id, f.idx",
                  limit, offset, _FIGURE_FROM)


# ----------------------------------------------------------------------------- story events
_STORY_SELECT = """
SELECT s.id, s.type, s.mode, s.cameo_root, s.quad_class, s.intensity, s.negated, s.hypothetical,
       s.source_text, s.source_code, s.source_sector, s.target_text, s.target_code, s.target_sector,
       s.date, s.date_precision, CAST(s.first_date AS VARCHAR) AS first_date,
       CAST(s.last_date AS VARCHAR) AS last_date, s.num_reports, s.num_articles, s.num_sources,
       s.event_id, s.article_id, s.evidence_text, s.evidence_start, s.evidence_end, s.source_url AS url,
       (SELECT list(l.event_id ORDER BY l.event_id) FROM event_story l WHERE l.story_id = s.id) AS event_ids"""
_STORY_FROM = "\nFROM story_events s"


def story_events(cur, *, actor=None, source=None, target=None, type=None, mode=None, quad_class=None,
                 start=None, end=None, text: str | None = None, min_articles: int | None = None,
                 story_id: str | None = None, limit: int | None = None, offset: int = 0,
                 **unknown) -> pd.DataFrame:
    _check_unknown(unknown, "story_events")
    where = _event_where("s", actor, source, target, type, mode, quad_class)
    _date_filter(where, "s.date_start", start, end)
    _text_filter(where, text, "s.evidence_text")
    if min_articles is not None:
        where.add("s.num_articles >= ?", int(min_articles))
    if story_id:
        where.add("s.id = ?", story_id)
    return _frame(cur, _STORY_SELECT + _STORY_FROM, where, "s.date_start NULLS LAST, s.id", limit, offset,
                  _STORY_FROM)


# ----------------------------------------------------------------------------- search
def _snippet(text: str, needle: str, width: int = 80) -> tuple[str | None, int | None, int | None]:
    m = re.search(re.escape(needle), text or "", re.IGNORECASE)
    if not m:
        return None, None, None
    lo, hi = max(0, m.start() - width), min(len(text), m.end() + width)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else ""), m.start(), m.end()


def search(cur, text: str, limit: int | None = 50, offset: int = 0) -> pd.DataFrame:
    """Rows of kind article/quote/event/figure whose text holds ``text``, with the span of the match
    (articles) or of the item (the others) as offsets into the article text."""
    if text is None or not str(text).strip():
        raise DetenteError("E335", "the search text is empty", "give a word or phrase to look for")
    needle = str(text).strip()
    pattern = _like(needle)
    sql = """
      SELECT 'article' AS kind, a.id AS id, a.id AS article_id, a.title AS article_title,
             a.text AS text, NULL::INTEGER AS start, NULL::INTEGER AS "end", a.date_start AS d, 0 AS idx
        FROM articles a WHERE a.title ILIKE $1 ESCAPE '\\' OR a.text ILIKE $1 ESCAPE '\\'
      UNION ALL
      SELECT 'quote', q.id, q.article_id, a.title, q.text, q.start, q."end", a.date_start, q.idx
        FROM quotes q JOIN articles a ON a.id = q.article_id
       WHERE q.text ILIKE $1 ESCAPE '\\' OR q.speaker_name ILIKE $1 ESCAPE '\\'
      UNION ALL
      SELECT 'event', e.id, e.article_id, a.title, e.evidence_text, e.evidence_start, e.evidence_end,
             a.date_start, e.idx
        FROM events e JOIN articles a ON a.id = e.article_id WHERE e.evidence_text ILIKE $1 ESCAPE '\\'
      UNION ALL
      SELECT 'figure', f.id, f.article_id, a.title, f.text, f.start, f."end", a.date_start, f.idx
        FROM figures f JOIN articles a ON a.id = f.article_id
       WHERE f.text ILIKE $1 ESCAPE '\\' OR f.quantity ILIKE $1 ESCAPE '\\'"""
    _page(limit, offset)  # validates
    offset = int(offset or 0)
    page_sql = " LIMIT $2 OFFSET $3" if limit is not None else " OFFSET $2"
    page_params = [int(limit), offset] if limit is not None else [offset]
    order = (" ORDER BY CASE kind WHEN 'article' THEN 0 WHEN 'event' THEN 1 WHEN 'quote' THEN 2 ELSE 3 END,"
             " d NULLS LAST, article_id, idx")
    df = cur.execute(f"SELECT * FROM ({sql}){order}{page_sql}", [pattern] + page_params).df()
    total = cur.execute(f"SELECT count(*) FROM ({sql})", [pattern]).fetchone()[0]
    rows = []
    for row in df.to_dict("records"):
        if row["kind"] == "article":
            snippet, s, e = _snippet(row["text"], needle)
            if snippet is None:  # the match is in the title
                snippet, s, e = row["article_title"], None, None
            row.update(text=snippet, start=s, end=e)
        rows.append({k: row[k] for k in ("kind", "id", "article_id", "article_title", "text", "start", "end")})
    out = pd.DataFrame(rows, columns=["kind", "id", "article_id", "article_title", "text", "start", "end"])
    out.attrs.update(total=int(total), limit=limit, offset=int(offset or 0))
    return out


# ----------------------------------------------------------------------------- log and counts
def ingest_log(cur, *, status=None, limit: int | None = None, offset: int = 0, **unknown) -> pd.DataFrame:
    _check_unknown(unknown, "ingest_log")
    where = _Where()
    statuses = _choices(status, INGEST_STATUSES, "status", upper=False)
    if statuses:
        clause, params = _in("status", statuses)
        where.add(clause, *params)
    select = """SELECT source, path, url, warc_record_id, status, reason, article_id,
                       CAST(first_seen AS VARCHAR) AS first_seen, CAST(last_seen AS VARCHAR) AS last_seen
                FROM ingest_log"""
    return _frame(cur, select, where, "source", limit, offset, "FROM ingest_log")


def counts(cur) -> dict[str, int]:
    out = {}
    for table in ("articles", "entities", "quotes", "events", "figures", "story_events", "ingest_log"):
        out[table] = int(cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    out["unmerged_events"] = int(cur.execute(
        "SELECT count(*) FROM events e LEFT JOIN event_story l ON l.event_id = e.id WHERE l.event_id IS NULL"
    ).fetchone()[0])
    return out


# ----------------------------------------------------------------------------- story merging input
def reports_for_new_keys(cur) -> list:
    """Every report of the blocking keys that have events without a story (``is_new`` marks those)."""
    from ..stories import Report

    rows = cur.execute("""
        WITH touched AS (
            SELECT DISTINCT e.story_key FROM events e LEFT JOIN event_story l ON l.event_id = e.id
            WHERE l.event_id IS NULL)
        SELECT e.id, e.article_id, e.story_key, e.type, e.mode, e.cameo_root, e.quad_class, e.intensity,
               e.negated, e.hypothetical, e.source_text, e.source_code, e.source_sector,
               e.target_text, e.target_code, e.target_sector, e.date_start, e.date_end, e.period_precision,
               e.trigger_text, e.evidence_text, e.evidence_start, e.evidence_end, e.confidence,
               a.outlet, a.source_url, l.event_id IS NULL AS is_new
        FROM events e JOIN touched t ON t.story_key = e.story_key
             JOIN articles a ON a.id = e.article_id
             LEFT JOIN event_story l ON l.event_id = e.id""").fetchall()
    return [Report(
        event_id=r[0], article_id=r[1], story_key=r[2], type=r[3], mode=r[4], cameo_root=r[5], quad_class=r[6],
        intensity=r[7], negated=bool(r[8]), hypothetical=bool(r[9]), source_text=r[10], source_code=r[11],
        source_sector=r[12], target_text=r[13], target_code=r[14], target_sector=r[15], date_start=r[16],
        date_end=r[17], date_precision=r[18], trigger_text=r[19], evidence_text=r[20], evidence_start=r[21],
        evidence_end=r[22], confidence=r[23], outlet=r[24], url=r[25], is_new=bool(r[26]),
    ) for r in rows]

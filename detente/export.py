"""Export the store in the formats the field already reads.

reads: a ``Store`` (read-only is enough)
fills: files or streams in one of ``FORMATS``:

- ``gdelt``: the GDELT 2.0 event table — 61 tab-separated columns in GDELT's order, no header line
  (as GDELT's own files; ``header=True`` adds one). One row per *story event*, so NumMentions,
  NumSources and NumArticles are GDELT's counts done over the whole store. Columns without a
  meaning here (religion, ethnicity, geography, AvgTone) are empty. Mapping: GLOBALEVENTID — a
  stable 60-bit number from the story id; SQLDATE/MonthYear/Year/FractionDate — the story's date
  (a month- or year-dated story gets the first day of its period, as GDELT has no coarser form);
  ActorNCode — actor code + sector ("RUSGOV"); ActorNCountryCode — the code when it is an ISO
  country, else ActorNKnownGroupCode holds it (NATO, UN …); ActorNType1Code — the sector;
  IsRootEvent — 1 when the evidence lies in the first paragraph; EventCode/EventBaseCode — the
  CAMEO root followed by 0 ("030": the root's unspecified event, as we code roots only);
  GoldsteinScale — our intensity in [-10, +10]; DATEADDED — when the first report was stored (UTC);
  SOURCEURL — the representative report's URL, else its source path. Negated and hypothetical
  stories are left out: GDELT cannot say "did not", and counting a denial as the act is the error
  Détente exists to avoid.
- ``plover``: one JSON object per line and story event with PLOVER's fields (``id``, ``date``,
  ``event_type``, ``mode``, ``context``, ``actor``, ``recipient``, ``text``) plus ours (``date_precision``,
  ``quad_class``, ``cameo_root``, ``intensity``, the counts, report ids, article and URL).
- ``jsonl``: the DESIGN.md record of every article, one per line, as it was analysed.
- ``parquet``: via pyarrow, one file per table into a directory, or one table into a ``.parquet`` file.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO

from .errors import DetenteError

__all__ = ["FORMATS", "GDELT_COLUMNS", "PARQUET_TABLES", "gdelt_rows", "plover_records", "write_gdelt",
           "write_plover", "write_jsonl", "write_parquet", "gdelt_event_id"]

FORMATS = ("gdelt", "plover", "parquet", "jsonl")

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)

PARQUET_TABLES = ("articles", "entities", "quotes", "events", "figures", "story_events", "event_story", "ingest_log")

_STORY_ROWS = """
SELECT s.id, s.type, s.mode, s.cameo_root, s.quad_class, s.intensity, s.negated, s.hypothetical,
       s.source_text, s.source_code, s.source_sector, s.target_text, s.target_code, s.target_sector,
       s.date, s.date_precision, s.date_start, s.num_reports, s.num_articles, s.num_sources,
       s.event_id, s.article_id, s.evidence_text, s.evidence_start, s.evidence_end,
       coalesce(a.source_url, a.source_path) AS url,
       s.evidence_start < coalesce(nullif(instr(a.text, chr(10) || chr(10)), 0) - 1, length(a.text)) AS is_root,
       (SELECT min(a2.added_at) FROM event_story l JOIN events e2 ON e2.id = l.event_id
          JOIN articles a2 ON a2.id = e2.article_id WHERE l.story_id = s.id) AS date_added,
       (SELECT list(l.event_id ORDER BY l.event_id) FROM event_story l WHERE l.story_id = s.id) AS event_ids
FROM story_events s JOIN articles a ON a.id = s.article_id
ORDER BY s.date_start NULLS LAST, s.id"""


def _story_rows(store) -> Iterator[dict]:
    with store._cursor() as cur:
        cur.execute(_STORY_ROWS)
        names = [d[0] for d in cur.description]
        while True:
            chunk = cur.fetchmany(1000)
            if not chunk:
                break
            for row in chunk:
                yield dict(zip(names, row))


def _warn_unmerged(store) -> None:
    if store.counts()["unmerged_events"]:
        import logging

        logging.getLogger(__name__).warning(
            "%s has events not yet merged into story events; they are missing from this export "
            "(open it for writing and run Store.update_stories())", store.path)


# ----------------------------------------------------------------------------- GDELT
def gdelt_event_id(story_id: str) -> int:
    """A stable positive integer id (below 2**60) for a story."""
    return int(hashlib.sha1(story_id.encode("utf-8")).hexdigest()[:15], 16)


@lru_cache(maxsize=512)
def _is_country(code: str) -> bool:
    import pycountry

    return pycountry.countries.get(alpha_3=code) is not None


def _clean(value) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())  # no tab or newline may reach a TSV cell


def _actor_cells(code: str | None, sector: str | None, text: str | None) -> list[str]:
    country = code if code and _is_country(code) else None
    group = code if code and not country else None
    return [
        _clean((code or "") + (sector or "")), _clean(text.upper() if text else None), _clean(country),
        _clean(group), "", "", "", _clean(sector), "", "",
    ]


def gdelt_rows(store) -> Iterator[list[str]]:
    """GDELT 2.0 event-table rows (lists of 61 strings), one per asserted story event."""
    for s in _story_rows(store):
        if s["negated"] or s["hypothetical"]:
            continue
        day: date | None = s["date_start"]
        added: datetime | None = s["date_added"]
        root = s["cameo_root"] or ""
        row = [
            str(gdelt_event_id(s["id"])),
            day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "",
            str(day.year) if day else "",
            f"{day.year + (day.timetuple().tm_yday / 365):.4f}" if day else "",
            *_actor_cells(s["source_code"], s["source_sector"], s["source_text"]),
            *_actor_cells(s["target_code"], s["target_sector"], s["target_text"]),
            "1" if s["is_root"] else "0",
            root + "0" if root else "", root + "0" if root else "", root,
            "" if s["quad_class"] is None else str(s["quad_class"]),
            "" if s["intensity"] is None else f"{s['intensity']:g}",
            str(s["num_reports"]), str(s["num_sources"]), str(s["num_articles"]), "",
            *([""] * 24),
            added.strftime("%Y%m%d%H%M%S") if added else "",
            _clean(s["url"]),
        ]
        yield row


def write_gdelt(store, fh: IO[str], header: bool = False) -> int:
    """Write the GDELT event table to ``fh``; returns the number of rows."""
    _warn_unmerged(store)
    if header:
        fh.write("\t".join(GDELT_COLUMNS) + "\n")
    n = 0
    for row in gdelt_rows(store):
        fh.write("\t".join(row) + "\n")
        n += 1
    return n


# ----------------------------------------------------------------------------- PLOVER
def _actor(text, code, sector) -> dict | None:
    if text is None and code is None:
        return None
    return {"text": text, "code": code, "sector": sector}


def plover_records(store) -> Iterator[dict]:
    """PLOVER-style event objects, one per story event."""
    for s in _story_rows(store):
        yield {
            "id": s["id"], "date": s["date"], "date_precision": s["date_precision"],
            "event_type": s["type"], "mode": s["mode"], "context": None,
            "actor": _actor(s["source_text"], s["source_code"], s["source_sector"]),
            "recipient": _actor(s["target_text"], s["target_code"], s["target_sector"]),
            "text": s["evidence_text"],
            "quad_class": s["quad_class"], "cameo_root": s["cameo_root"], "intensity": s["intensity"],
            "negated": bool(s["negated"]), "hypothetical": bool(s["hypothetical"]),
            "num_reports": s["num_reports"], "num_articles": s["num_articles"], "num_sources": s["num_sources"],
            "reports": list(s["event_ids"] or []), "article_id": s["article_id"],
            "evidence": {"start": s["evidence_start"], "end": s["evidence_end"]}, "url": s["url"],
        }


def write_plover(store, fh: IO[str]) -> int:
    _warn_unmerged(store)
    n = 0
    for rec in plover_records(store):
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


# ----------------------------------------------------------------------------- JSONL records
def write_jsonl(store, fh: IO[str]) -> int:
    """The DESIGN.md record of every article, one per line, in the order they were stored."""
    n = 0
    with store._cursor() as cur:
        cur.execute("SELECT record FROM articles ORDER BY added_at, id")
        while True:
            chunk = cur.fetchmany(500)
            if not chunk:
                break
            for (record,) in chunk:
                fh.write(record.rstrip("\n") + "\n")
                n += 1
    return n


# ----------------------------------------------------------------------------- Parquet
def _arrow_table(cur, table: str):
    rel = cur.sql(f"SELECT * FROM {table}")
    to_table = getattr(rel, "to_arrow_table", None) or rel.fetch_arrow_table  # name changed in DuckDB 2
    return to_table()


def write_parquet(store, out: str | Path, tables: list[str] | None = None) -> list[Path]:
    """Write tables as Parquet with pyarrow: into ``out`` as a directory (one ``<table>.parquet``
    each; default all tables), or into ``out`` itself when it ends in ``.parquet`` (one table,
    default ``events``). Returns the files written."""
    import pyarrow.parquet as pq

    out = Path(out)
    single = out.suffix.lower() == ".parquet"
    tables = list(tables) if tables else (["events"] if single else list(PARQUET_TABLES))
    for t in tables:
        if t not in PARQUET_TABLES:
            raise DetenteError("E350", f"unknown table {t!r}", "tables: " + ", ".join(PARQUET_TABLES))
    if single and len(tables) != 1:
        raise DetenteError("E351", f"{out} is one Parquet file but {len(tables)} tables were asked for",
                           "give --out a directory, or one --table")
    if not single:
        if out.exists() and not out.is_dir():
            raise DetenteError("E352", f"{out} is a file, not a directory",
                               "give --out a directory for one file per table, or a name ending in .parquet")
        out.mkdir(parents=True, exist_ok=True)
    written = []
    with store._cursor() as cur:
        for t in tables:
            path = out if single else out / f"{t}.parquet"
            pq.write_table(_arrow_table(cur, t), path)
            written.append(path)
    return written

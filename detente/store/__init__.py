"""The DuckDB store: analysed articles in, query answers out.

reads: ``Record``s (detente.records) from the ingest driver
fills: the tables of DESIGN.md in one DuckDB file — ``articles``, ``entities``, ``quotes``, ``events``,
``figures``, ``ingest_log`` — plus ``story_events`` and ``event_story`` (detente.stories), and answers
the queries of the CLI, the HTTP API and ``detente.open()`` as pandas DataFrames.

    >>> from detente.store import Store
    >>> with Store.open("detente.duckdb") as store:          # creates / migrates the schema
    ...     store.add_record(record)                          # False when the article is already stored
    ...     store.log_ingest(source="page.html", path="page.html", status="ok", article_id=record.id)
    ...     store.update_stories()
    >>> db = Store.open("detente.duckdb", read_only=True)     # what detente.open() returns
    >>> db.events(actor="RUS", type="AGREE", limit=20)

Writes of one article happen in one transaction: a crash leaves the article wholly stored or absent.
Every query method takes ``limit``/``offset`` for pagination, puts the number of matching rows in
``df.attrs["total"]``, and returns JSON-ready columns (dates as ISO strings); ``to_records(df)``
turns a frame into plain dicts with None for missing values.
"""
from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..errors import DetenteError
from ..records import Record
from ..settings import Settings
from . import queries
from .queries import to_records
from .rows import article_row, entity_rows, event_rows, figure_rows, quote_rows
from .schema import SCHEMA_VERSION, current_version, migrate

__all__ = ["Store", "open_database", "to_records", "SCHEMA_VERSION", "INGEST_STATUSES"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

INGEST_STATUSES = ("ok", "skipped", "error")

_MISSING_FIX = "create it with `detente ingest PATH... --db {path}` or try `detente demo --db {path}`"


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _connect(path: Path, read_only: bool):
    import duckdb

    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        text = str(exc)
        if "not a valid DuckDB database" in text:
            raise DetenteError("E301", f"{path} is not a DuckDB database",
                               "give --db a new file name or a database made by `detente ingest`") from None
        if "lock" in text.lower():
            raise DetenteError("E302", f"{path} is in use by another process ({text.split(':', 1)[-1].strip()})",
                               "wait for that process (a `detente ingest`, or a `detente serve` reading it) to "
                               "finish or stop it, or use another --db file") from None
        raise DetenteError("E300", f"cannot open the database {path}: {text}",
                           "check the path and the file's permissions") from None


class Store:
    """One open Détente database. Open with ``Store.open``; close it, or use it as a context manager.

    Query methods are safe to call from several threads: each runs on its own DuckDB cursor.
    """

    def __init__(self, con, path: Path, read_only: bool, settings: Settings):
        self._con = con
        self.path = path
        self.read_only = read_only
        self.settings = settings
        self._write_lock = threading.Lock()

    # ---------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: str | Path, read_only: bool = False, settings: Settings | None = None) -> "Store":
        """Open (and, when writable, create or migrate) the database at ``path``.

        Raises DetenteError when the file is missing (read-only), is not a DuckDB database, is locked
        by a writer, or was made by a newer Détente.
        """
        p = Path(path)
        settings = settings or Settings()
        if p.is_dir():
            raise DetenteError("E300", f"{p} is a directory, not a database file", "give --db a file name")
        if read_only and not p.exists():
            raise DetenteError("E303", f"the database {p} does not exist", _MISSING_FIX.format(path=p))
        con = _connect(p, read_only)
        try:
            version = current_version(con)
            if version == 0 and _has_tables(con):
                raise DetenteError("E305", f"{p} is a DuckDB database but not a Détente store (it has other tables)",
                                   "give --db a new file name or a database made by `detente ingest`")
            if version > SCHEMA_VERSION:
                raise DetenteError("E304", f"{p} has schema version {version}, newer than this Détente "
                                   f"understands ({SCHEMA_VERSION})", "upgrade detente (pip install -U detente)")
            if version < SCHEMA_VERSION:
                if read_only:
                    # An older store is upgraded once, in a short writable session, then reopened read-only.
                    con.close()
                    con = None
                    upgrade = _connect(p, read_only=False)
                    try:
                        migrate(upgrade)
                    finally:
                        upgrade.close()
                    con = _connect(p, read_only=True)
                else:
                    before = migrate(con)
                    if before:
                        log.info("migrated %s from schema version %d to %d", p, before, SCHEMA_VERSION)
        except BaseException:
            if con is not None:
                con.close()
            raise
        return cls(con, p, read_only, settings)

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.path}{' read-only' if self.read_only else ''}>"

    @property
    def con(self):
        """The DuckDB connection (for ad-hoc SQL; prefer the query methods)."""
        if self._con is None:
            raise DetenteError("E309", f"the database {self.path} is closed", "open it again with detente.open()")
        return self._con

    @contextmanager
    def _cursor(self):
        cur = self.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def _writable(self) -> None:
        if self.read_only:
            raise DetenteError("E308", f"{self.path} is open read-only", "open it with Store.open(path) to write")

    @property
    def schema_version(self) -> int:
        with self._cursor() as cur:
            return current_version(cur)

    # ---------------------------------------------------------------- writing
    def add_record(self, record: Record) -> bool:
        """Store one analysed article with all its rows, in one transaction.

        Returns False, changing nothing, when an article with the same id is already stored.
        """
        self._writable()
        con = self.con
        with self._write_lock:
            con.execute("BEGIN TRANSACTION")
            try:
                if con.execute("SELECT 1 FROM articles WHERE id = ?", [record.id]).fetchone():
                    con.execute("ROLLBACK")
                    return False
                self._insert("articles", article_row(record, _now()))
                self._insert("entities", entity_rows(record))
                self._insert("quotes", quote_rows(record))
                self._insert("events", event_rows(record))
                self._insert("figures", figure_rows(record))
                con.execute("COMMIT")
            except BaseException as exc:
                con.execute("ROLLBACK")
                if isinstance(exc, Exception) and not isinstance(exc, DetenteError):
                    raise DetenteError("E310", f"could not store article {record.id} "
                                       f"({record.source.path or 'no path'}): {exc}",
                                       "the record is malformed; nothing of it was stored") from exc
                raise
        return True

    def _insert(self, table: str, columns: dict[str, list]) -> None:
        names = list(columns)
        if not columns[names[0]]:
            return
        data = pa.table({name: pa.array(values) for name, values in columns.items()})
        view = f"_detente_rows_{table}"
        self.con.register(view, data)
        try:
            cols = ", ".join(f'"{n}"' for n in names)
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {view}")
        finally:
            self.con.unregister(view)

    def log_ingest(self, source: str, path: str | None = None, url: str | None = None,
                   warc_record_id: str | None = None, status: str = "ok", reason: str | None = None,
                   article_id: str | None = None) -> None:
        """Record what happened to one source (keyed by its label): one row per source, upserted —
        re-ingesting updates status, reason and ``last_seen`` and keeps ``first_seen``."""
        self._writable()
        if status not in INGEST_STATUSES:
            raise DetenteError("E311", f"unknown ingest status {status!r} for {source}",
                               "use one of: " + ", ".join(INGEST_STATUSES))
        now = _now()
        with self._write_lock:
            self.con.execute(
                """INSERT INTO ingest_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (source) DO UPDATE SET path = excluded.path, url = excluded.url,
                     warc_record_id = excluded.warc_record_id, status = excluded.status,
                     reason = excluded.reason, article_id = excluded.article_id, last_seen = excluded.last_seen""",
                [source, path, url, warc_record_id, status, reason, article_id, now, now])

    def update_stories(self, window_days: int | None = None, full: bool = False):
        """Merge event reports into story events (detente.stories).

        Incremental by default: only the segments of blocking keys that received events since the
        last update are clustered again. ``full=True`` rebuilds every story (after changing the
        window). Returns the ``MergeStats`` of the run.
        """
        from ..stories import MergeStats, merge_reports

        self._writable()
        window = window_days if window_days is not None else self.settings.story_window_days
        stats = MergeStats()
        con = self.con
        with self._write_lock:
            con.execute("BEGIN TRANSACTION")
            try:
                if full:
                    con.execute("DELETE FROM event_story")
                    con.execute("DELETE FROM story_events")
                stories = merge_reports(queries.reports_for_new_keys(con), window, stats, only_touched=True)
                if stories:
                    self._replace_stories(stories)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        log.info("stories: %d reports in %d segments -> %d stories (%d comparisons)",
                 stats.reports, stats.segments, stats.stories, stats.comparisons)
        return stats

    def _replace_stories(self, stories) -> None:
        """Swap the stories of the reports in ``stories`` for these (inside the caller's transaction)."""
        event_ids = [r.event_id for s in stories for r in s.reports]
        rows = [s.row() for s in stories]
        self.con.execute("""DELETE FROM story_events WHERE id IN (
                              SELECT story_id FROM event_story WHERE event_id IN (SELECT unnest(?::VARCHAR[])))""",
                         [event_ids])
        self.con.execute("DELETE FROM event_story WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [event_ids])
        self._insert("story_events", {k: [row[k] for row in rows] for k in rows[0]})
        self._insert("event_story", {"event_id": event_ids, "story_id": [s.id for s in stories for _ in s.reports]})

    # ---------------------------------------------------------------- reading
    def _query(self, fn, *args, **kwargs):
        with self._cursor() as cur:
            return fn(cur, *args, **kwargs)

    def articles(self, **filters: Any):
        """Articles (without their text), newest first. Filters: ``publisher``, ``text`` (in title,
        dek or body), ``start``/``end`` (publication date), ``limit``, ``offset``."""
        return self._query(queries.articles, **filters)

    def article(self, article_id: str) -> dict | None:
        """One article with its text and every entity, quote, event and figure (JSON-ready dicts);
        None when no article has that id."""
        return self._query(queries.article, article_id)

    def events(self, **filters: Any):
        """Event reports. Filters: ``actor`` (source or target code), ``source``, ``target``, ``type``,
        ``mode``, ``quad_class``, ``start``/``end`` (event date, else publication date), ``text``
        (in the evidence sentence), ``article_id``, ``story_id``, ``min_confidence``, ``limit``, ``offset``."""
        return self._query(queries.events, **filters)

    def quotes(self, **filters: Any):
        """Quotes with their speakers. Filters: ``speaker`` (part of the name), ``actor`` (speaker's
        code), ``kind``, ``text``, ``start``/``end`` (publication date), ``article_id``, ``limit``, ``offset``."""
        return self._query(queries.quotes, **filters)

    def figures(self, **filters: Any):
        """Reported figures. Filters: ``text`` (in the figure or what it quantifies), ``unit``,
        ``source``, ``start``/``end`` (publication date), ``article_id``, ``limit``, ``offset``."""
        return self._query(queries.figures, **filters)

    def story_events(self, **filters: Any):
        """Story events (each happening once, with num_articles/num_sources and its report ids).
        Filters as ``events`` plus ``min_articles``; ``start``/``end`` on the story's date."""
        return self._query(queries.story_events, **filters)

    def search(self, text: str, limit: int | None = 50, offset: int = 0):
        """Articles, quotes, events and figures whose text contains ``text`` (case-insensitive)."""
        return self._query(queries.search, text, limit=limit, offset=offset)

    def ingest_log(self, **filters: Any):
        """The ingest log. Filters: ``status``, ``limit``, ``offset``."""
        return self._query(queries.ingest_log, **filters)

    def counts(self) -> dict[str, int]:
        """Rows per table, and how many events still wait for story merging (``unmerged_events``)."""
        return self._query(queries.counts)

    def dyad(self, a: str, b: str, by: str = "month", start=None, end=None, direction: str | None = None):
        """The dyad index of actors ``a`` and ``b``: see ``detente.dyads.dyad``."""
        from ..dyads import dyad

        with self._cursor() as cur:
            return dyad(cur, a, b, by=by, start=start, end=end, direction=direction)


def _has_tables(con) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main'").fetchone()[0])


def open_database(path: str | Path = "detente.duckdb", settings: Settings | None = None) -> Store:
    """Open a Détente database read-only for queries (what ``detente.open`` returns)."""
    return Store.open(path, read_only=True, settings=settings)

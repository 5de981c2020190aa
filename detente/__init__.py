"""Détente: verifiable event data from news pages.

    >>> import detente
    >>> record = detente.analyze("page.html")      # or a string of article text
    >>> record.events[0].evidence.text
    >>> db = detente.open("detente.duckdb")         # after `detente ingest`
    >>> db.dyad("USA", "RUS", by="month")
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator

from .errors import DetenteError
from .records import Record
from .settings import Settings, load_settings

__version__ = "0.1.0"
__all__ = ["analyze", "analyze_many", "ingest_into", "open", "Record", "Settings", "load_settings",
           "DetenteError", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def _is_path(value) -> bool:
    if isinstance(value, os.PathLike):
        return True
    return isinstance(value, str) and (value == "-" or (
        "\n" not in value and len(value) < 4096 and os.path.exists(value)))


def analyze_many(paths: Iterable[str], settings: Settings | None = None, stage: str = "all") -> Iterator:
    """One Outcome per document under ``paths`` (status ok/skipped/error; ``.record`` when ok)."""
    from .pipeline import run

    return run([os.fspath(p) for p in paths], settings, stage)


def analyze(path_or_text, settings: Settings | None = None, stage: str = "all") -> Record:
    """Analyse one page (a path to HTML, text, or a one-page archive) or a string of article text.

    Raises DetenteError when the input gives no article (with the reason) or holds several pages
    (use ``analyze_many`` for those).
    """
    from .pipeline import process_documents
    from .records import RawDoc, SourceInfo

    if _is_path(path_or_text):
        outcomes = list(analyze_many([path_or_text], settings, stage))
        name = os.fspath(path_or_text)
    else:
        from .ingest.decode import looks_like_html

        text = str(path_or_text)
        raw = RawDoc(source=SourceInfo(), kind="html" if looks_like_html(text) else "text", content=text)
        outcomes = list(process_documents([raw], settings, stage))
        name = "the text given"
    if len(outcomes) != 1:
        raise DetenteError("E030", f"{name} holds {len(outcomes)} documents, not one",
                           "use detente.analyze_many() to get one outcome per document")
    outcome = outcomes[0]
    if outcome.record is None:
        raise DetenteError("E031", f"{name} gave no article: {outcome.status}: {outcome.reason}",
                           "check the input is an English news page")
    return outcome.record


def ingest_into(db: str, paths: Iterable[str], settings: Settings | None = None):
    """Analyse ``paths`` and store the articles in the DuckDB file ``db``; returns a RunSummary.

    (Not named ``ingest``: that is the name of the ingest stage's subpackage, which would shadow it.)
    """
    from .runner import ingest as _ingest

    return _ingest([os.fspath(p) for p in paths], os.fspath(db), settings)


def open(db: str = "detente.duckdb"):  # noqa: A001 - mirrors sqlite3.connect / duckdb.connect naming
    """Open a Détente database read-only for queries (dyads, events, quotes, figures)."""
    from .store import open_database

    return open_database(db)

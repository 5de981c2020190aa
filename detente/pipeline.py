"""The driver: documents in, outcomes out — one bad document never ends the run.

reads: RawDocs and Problems from ingest
fills: Outcome per source: ``ok`` with a Record, or ``skipped``/``error`` with the reason

Documents are processed in batches (one ``nlp.pipe`` call per batch); with ``workers > 1``
batches go to a process pool whose workers each load the spaCy pipeline once.
"""
from __future__ import annotations

import logging
import multiprocessing
import pickle
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice

from .extract import ExtractionError, Skipped, extract
from .ingest import Problem, iter_documents
from .records import Article, RawDoc, Record, SourceInfo, article_id
from .settings import Settings

__all__ = ["Outcome", "STAGES", "process_documents", "run"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

STAGES = ("extract", "all")


@dataclass(frozen=True)
class Outcome:
    """What became of one source document."""

    label: str
    source: SourceInfo
    status: str
    """``ok``, ``skipped`` or ``error``."""
    reason: str | None = None
    record: Record | None = None


def _versions(settings: Settings, stage: str) -> dict[str, str]:
    """Versions of everything that changes output, stamped on each record (and stored with it)."""
    from . import __version__

    versions = {"detente": __version__}
    if stage == "all":
        from .actors import LEXICON_VERSION
        from .events import versions as event_versions
        from .figures import FIGURES_VERSION
        from .nlp import model_version

        versions["model"] = model_version(settings)
        versions["actors_lexicon"] = LEXICON_VERSION
        versions["figures"] = FIGURES_VERSION
        versions.update(event_versions())
    return versions


def _extract_one(raw: RawDoc, settings: Settings) -> tuple[Article | None, Outcome | None]:
    try:
        return extract(raw, settings), None
    except Skipped as exc:
        return None, Outcome(raw.label, raw.source, "skipped", str(exc))
    except ExtractionError as exc:
        return None, Outcome(raw.label, raw.source, "error", str(exc))
    except Exception as exc:  # an extractor bug on one page must not end the run
        log.debug("extraction failed for %s\n%s", raw.label, traceback.format_exc())
        return None, Outcome(raw.label, raw.source, "error", f"extraction failed: {type(exc).__name__}: {exc}")


def _annotate_one(doc, raw: RawDoc, article: Article, settings: Settings, versions: dict) -> Outcome:
    from .annotate import annotate

    try:
        ann = annotate(doc, article, settings)
    except Exception as exc:
        log.debug("analysis failed for %s\n%s", raw.label, traceback.format_exc())
        return Outcome(raw.label, raw.source, "error", f"analysis failed: {type(exc).__name__}: {exc}")
    record = Record(id=article_id(article.text), source=raw.source, article=article,
                    entities=ann.entities, quotes=ann.quotes, figures=ann.figures, events=ann.events,
                    versions=versions)
    return Outcome(raw.label, raw.source, "ok", None, record)


def process_batch(batch: list[RawDoc], settings: Settings, stage: str = "all") -> list[Outcome]:
    """Extract, parse (one nlp.pipe call) and annotate a batch; outcomes in input order."""
    versions = _versions(settings, stage)
    extracted: list[tuple[RawDoc, Article | None, Outcome | None]] = []
    for raw in batch:
        article, failure = _extract_one(raw, settings)
        extracted.append((raw, article, failure))
    if stage == "extract":
        return [failure or Outcome(raw.label, raw.source, "ok", None,
                                   Record(id=article_id(article.text), source=raw.source, article=article,
                                          versions=versions))
                for raw, article, failure in extracted]
    from .nlp import parse

    todo = [(raw, article) for raw, article, failure in extracted if failure is None]
    docs: dict[int, object] = {}
    try:
        for (raw, article), doc in zip(todo, parse([a.text for _, a in todo], settings)):
            docs[id(raw)] = doc
    except Exception:
        # One pathological text should not cost the batch: parse one by one to find it.
        docs = {}
        for raw, article in todo:
            try:
                docs[id(raw)] = next(parse([article.text], settings))
            except Exception as exc:
                docs[id(raw)] = exc
    out = []
    for raw, article, failure in extracted:
        if failure is not None:
            out.append(failure)
            continue
        doc = docs.get(id(raw))
        if isinstance(doc, Exception) or doc is None:
            out.append(Outcome(raw.label, raw.source, "error", f"parsing failed: {doc}"))
            continue
        out.append(_annotate_one(doc, raw, article, settings, versions))
    return out


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _worker_batch(args) -> list[Outcome]:
    batch, settings, stage = args
    return process_batch(batch, settings, stage)


def process_documents(items: Iterable[RawDoc | Problem], settings: Settings | None = None,
                      stage: str = "all") -> Iterator[Outcome]:
    """Outcomes for a stream of RawDocs and Problems, in input order."""
    settings = settings or Settings()
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}; choose one of {', '.join(STAGES)}")
    size = max(1, settings.batch_size)

    def chunks() -> Iterator[tuple[list[Outcome], list[RawDoc]]]:
        # Problems pass straight through, keeping their place in the order.
        pending: list[RawDoc] = []
        for item in items:
            if isinstance(item, Problem):
                yield [Outcome(item.label, item.source, item.status, item.reason)], []
                continue
            pending.append(item)
            if len(pending) >= size:
                yield [], pending
                pending = []
        if pending:
            yield [], pending

    if settings.workers <= 1:
        for ready, batch in chunks():
            yield from ready
            if batch:
                yield from process_batch(batch, settings, stage)
        return
    # spawn, not fork: the parent may run threads (progress bars) that fork would copy mid-state.
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(settings.workers) as pool:
        # Problems travel through imap too, so outcomes keep the input order.
        def jobs():
            for ready, batch in chunks():
                yield ("ready", ready) if ready else ("batch", (batch, settings, stage))

        for outcomes in pool.imap(_dispatch, jobs()):
            yield from outcomes


def _dispatch(job) -> list[Outcome]:
    kind, payload = job
    if kind == "ready":
        return payload
    batch = payload[0]
    try:
        outcomes = _worker_batch(payload)
        # A result the parent cannot unpickle would hang the pool for good: check the round trip here.
        pickle.loads(pickle.dumps(outcomes))
        return outcomes
    except Exception as exc:
        reason = f"analysis failed in a worker process: {type(exc).__name__}: {exc}"
        return [Outcome(raw.label, raw.source, "error", reason) for raw in batch]


def run(paths: Iterable[str], settings: Settings | None = None, stage: str = "all") -> Iterator[Outcome]:
    """Outcomes for every document under ``paths`` (FileNotFoundError first if a path is missing)."""
    settings = settings or Settings()
    from .ingest import expand_paths

    paths = list(paths)
    expand_paths(paths)  # fail fast on a missing path: a usage error, before any work
    return process_documents(iter_documents(paths, settings), settings, stage)

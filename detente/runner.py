"""Runs that tie the pipeline to the store: ``detente ingest`` and ``detente demo``.

The pipeline itself never touches the store (stages stay store-free); this module writes
each outcome as it arrives, so an interrupted run keeps everything already processed.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .pipeline import Outcome, run
from .settings import Settings

__all__ = ["RunSummary", "ingest"]


@dataclass
class RunSummary:
    """Counts of one run, for the summary line and for callers."""

    ok: int = 0
    new: int = 0
    duplicates: int = 0
    skipped: int = 0
    errors: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)
    """(source label, reason) of every source that failed."""

    @property
    def processed(self) -> int:
        return self.ok + self.skipped + self.errors

    @property
    def pages_per_second(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def count(self, outcome: Outcome) -> None:
        if outcome.status == "ok":
            self.ok += 1
        elif outcome.status == "skipped":
            self.skipped += 1
        else:
            self.errors += 1
            self.failures.append((outcome.label, outcome.reason or ""))

    def line(self) -> str:
        parts = [f"{self.processed} processed", f"{self.ok} ok"]
        if self.new or self.duplicates:
            parts.append(f"{self.new} new, {self.duplicates} already stored")
        parts += [f"{self.skipped} skipped", f"{self.errors} errors",
                  f"{self.pages_per_second:.1f} pages/s"]
        return ", ".join(parts)


def ingest(paths: Iterable[str], db: str, settings: Settings | None = None, stage: str = "all",
           on_outcome: Callable[[Outcome], None] | None = None) -> RunSummary:
    """Analyse ``paths`` and store every article in the DuckDB file ``db``; returns the counts."""
    from .store import Store

    settings = settings or Settings()
    summary = RunSummary()
    started = time.perf_counter()
    outcomes = run(paths, settings, stage)
    with Store.open(db, settings=settings) as store:
        try:
            for outcome in outcomes:
                summary.count(outcome)
                article = None
                reason = outcome.reason
                if outcome.record is not None:
                    article = outcome.record.id
                    if store.add_record(outcome.record):
                        summary.new += 1
                    else:
                        summary.duplicates += 1
                        reason = "already stored (same article text)"
                store.log_ingest(source=outcome.label, path=outcome.source.path, url=outcome.source.url,
                                 warc_record_id=outcome.source.warc_record_id, status=outcome.status,
                                 reason=reason, article_id=article)
                if on_outcome:
                    on_outcome(outcome)
        finally:
            store.update_stories()
    summary.seconds = time.perf_counter() - started
    return summary

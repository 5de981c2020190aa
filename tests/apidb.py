"""A small Détente database built by hand for the API and dashboard tests, and a live server helper.

The articles are written for these tests. Every span (event evidence, trigger, quote, figure,
entity) is located in the article text with ``str.find``, so its offsets are right by construction.
Two articles report the same happening (Russia opening its airspace to U.S. flights, July 2009): the
store merges them into one story event with two articles. One article starts with an emoji, so
offsets after it differ between Python (code points) and JavaScript (UTF-16 units).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from detente.records import (ActorRef, Article, Entity, Event, EventActor, Figure, Quote, Record, SourceInfo,
                             Span, Speaker, article_id)

# (type, cameo_root, quad_class, intensity) as the ontology gives them; only those used here.
_TYPES = {"AGREE": ("03", 1, 4.0), "SUPPORT": ("05", 1, 3.5), "ACCUSE": ("11", 3, -3.0),
          "COOPERATE": ("06", 2, 5.0), "REJECT": ("12", 3, -4.0)}


def _span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(needle, start, start + len(needle))


def _event(text, type_, sentence, trigger, source, target, date, precision, mode="asserted"):
    ev = _span(text, sentence)
    tr = _span(text, trigger, ev.start)
    root, quad, intensity = _TYPES[type_]
    return Event(type=type_, mode=mode, cameo_root=root, quad_class=quad, intensity=intensity,
                 negated=mode == "negated", hypothetical=mode == "hypothetical",
                 source=EventActor(*source), target=EventActor(*target) if target else None,
                 date=date, date_precision=precision, trigger=tr, evidence=ev, confidence=0.8)


def _quote(text, said, name, mention, code, role, cue):
    q = _span(text, said)
    m = _span(text, mention, q.end) if mention in text[q.end:] else _span(text, mention)
    return Quote(text=said, start=q.start, end=q.end, kind="direct",
                 speaker=Speaker(name=name, mention=mention, start=m.start, end=m.end, role=role,
                                 organization=None, actor=ActorRef(code, "GOV", None)),
                 cue=cue, confidence=0.9)


def _entities(text, items):
    out = []
    for surface, label, code, sector in items:
        s = _span(text, surface)
        out.append(Entity(surface, label, s.start, s.end, ActorRef(code, sector, None) if code else None))
    return tuple(out)


def _record(path, url, title, publisher, published, text, events=(), quotes=(), figures=(), entities=()):
    return Record(id=article_id(text), source=SourceInfo(path=path, url=url),
                  article=Article(text=text, title=title, publisher=publisher, published=published,
                                  authors=("Test Writer",), language="en", extractor="plain"),
                  entities=entities, quotes=tuple(quotes), events=tuple(events), figures=tuple(figures))


TRANSIT_TEXT = (
    "Moscow agreed on Monday to let American military flights cross Russian airspace on their way to "
    "Afghanistan. The deal was signed by the two presidents at the Kremlin.\n\n"
    "\u201cWe have opened a new chapter,\u201d said Sergei Lavrov, the Russian foreign minister.\n\n"
    "Washington praised the agreement. Officials said up to 4,500 flights a year could use the route."
)
ECHO_TEXT = (
    "Russia agreed to open its airspace to U.S. troop flights bound for Afghanistan, the two governments "
    "said on Tuesday.\n\nThe arrangement covers lethal cargo as well as supplies, an aide said."
)
SHIELD_TEXT = (
    "\U0001F680 Analysis \u2014 The Kremlin accused Washington of ignoring its concerns about missile defence "
    "in central Europe.\n\n"
    "\u201cWe expect our partners to listen,\u201d said Dmitry Medvedev, the Russian president.\n\n"
    "The United States rejected the charge and said the radar posed no threat to Russia."
)


def records() -> list[Record]:
    """Three articles; events: AGREE RUS->USA twice (one story), SUPPORT USA->RUS, ACCUSE RUS->USA,
    REJECT USA->RUS."""
    t = TRANSIT_TEXT
    transit = _record(
        "transit.html", "https://ledger.example/2009/07/transit", "Moscow opens its skies to U.S. flights",
        "Capital Ledger", "2009-07-06", t,
        events=[
            _event(t, "AGREE", "Moscow agreed on Monday to let American military flights cross Russian airspace on "
                   "their way to Afghanistan.", "agreed", ("Moscow", "RUS", "GOV"), ("American", "USA", None),
                   "2009-07-06", "day"),
            _event(t, "SUPPORT", "Washington praised the agreement.", "praised", ("Washington", "USA", "GOV"),
                   ("Moscow", "RUS", "GOV"), "2009-07-06", "day"),
        ],
        quotes=[_quote(t, "We have opened a new chapter,", "Sergei Lavrov", "Sergei Lavrov", "RUS",
                       "foreign minister", "said")],
        figures=[Figure(text="4,500 flights", start=t.index("4,500 flights"), end=t.index("4,500 flights") + 13,
                        value=4500.0, unit="flights", quantity="flights a year", date="2009", source="Officials")],
        entities=_entities(t, [("Moscow", "GPE", "RUS", "GOV"), ("Afghanistan", "GPE", "AFG", None),
                               ("Kremlin", "FAC", "RUS", "GOV"), ("Sergei Lavrov", "PERSON", "RUS", "GOV"),
                               ("Washington", "GPE", "USA", "GOV")]),
    )
    e = ECHO_TEXT
    echo = _record(
        "echo.txt", "https://tribune.example/news/airspace", "Russia lets U.S. troop flights cross",
        "Harbor Tribune", "2009-07-07", e,
        events=[_event(e, "AGREE", "Russia agreed to open its airspace to U.S. troop flights bound for Afghanistan, "
                       "the two governments said on Tuesday.", "agreed", ("Russia", "RUS", None),
                       ("U.S.", "USA", None), "2009-07-06", "day")],
        entities=_entities(e, [("Russia", "GPE", "RUS", None), ("U.S.", "GPE", "USA", None)]),
    )
    s = SHIELD_TEXT
    shield = _record(
        "shield.txt", None, "Kremlin bristles at radar plans", "Harbor Tribune", "2009-09-17", s,
        events=[
            _event(s, "ACCUSE", "The Kremlin accused Washington of ignoring its concerns about missile defence "
                   "in central Europe.", "accused", ("The Kremlin", "RUS", "GOV"), ("Washington", "USA", "GOV"),
                   "2009-09-17", "day"),
            _event(s, "REJECT", "The United States rejected the charge and said the radar posed no threat to Russia.",
                   "rejected", ("The United States", "USA", None), ("Russia", "RUS", None), "2009-09", "month"),
        ],
        quotes=[_quote(s, "We expect our partners to listen,", "Dmitry Medvedev", "Dmitry Medvedev", "RUS",
                       "president", "said")],
        entities=_entities(s, [("Kremlin", "ORG", "RUS", "GOV"), ("Washington", "GPE", "USA", "GOV"),
                               ("Dmitry Medvedev", "PERSON", "RUS", "GOV"), ("United States", "GPE", "USA", None)]),
    )
    return [transit, echo, shield]


def build_database(path: Path) -> list[Record]:
    """Store the hand-made records in a new DuckDB file at ``path`` and merge stories."""
    from detente.store import Store

    recs = records()
    with Store.open(path) as store:
        for r in recs:
            assert store.add_record(r)
        store.update_stories()
    return recs


# ----------------------------------------------------------------------------- live server
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """``detente serve`` in a subprocess on 127.0.0.1 and a free port. Use as a context manager: the
    server is stopped on exit, and if it dies before answering, the error carries its output."""

    def __init__(self, db: Path, log_dir: Path) -> None:
        self.db = db
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_dir / f"serve-{self.port}.log"
        self.proc: subprocess.Popen | None = None

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def __enter__(self) -> "LiveServer":
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self._log = open(self.log_path, "w", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "detente", "serve", "--db", str(self.db), "--port", str(self.port)],
            stdout=self._log, stderr=subprocess.STDOUT, env=env)
        try:
            deadline = time.monotonic() + 30
            while True:
                if self.proc.poll() is not None:
                    raise AssertionError(f"detente serve exited with {self.proc.returncode}:\n{self.output()}")
                try:
                    if httpx.get(self.url + "/api", timeout=1).status_code == 200:
                        return self
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise AssertionError(f"detente serve did not answer within 30 s:\n{self.output()}")
                time.sleep(0.1)
        except BaseException:
            self.stop()
            raise

    def check_alive(self) -> None:
        if self.proc is not None and self.proc.poll() is not None:
            raise AssertionError(f"detente serve died (exit {self.proc.returncode}):\n{self.output()}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()

    def __exit__(self, *exc) -> None:
        self.stop()

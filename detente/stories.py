"""Story events: the reports of one happening, across articles, merged into one countable event.

reads: event reports as stored (``events`` joined with their article's outlet and URL)
fills: ``Story`` records — one per happening, with ``num_reports`` (GDELT's NumMentions),
``num_articles``, ``num_sources`` and the ids of every report — that the store writes to
``story_events`` and ``event_story``.

The rule. Two reports are the same happening when
  1. they share the *blocking key*: event type, source actor, target actor, and the report's
     *status*: done (modes asserted, reported, historical), intent (promised, intended), negated or
     hypothetical — "will sign" announces a signing and "did not sign" denies one; neither reports
     the signing. An actor is its code, or, when the code is unknown, its normalised text;
  2. their dates lie within ``settings.story_window_days`` of each other. A report's date is the
     period of its event date, else of its article's publication date; periods are compared as
     intervals, so "in July" and "July 28" are zero days apart. A report with no date at all is a
     story on its own;
  3. their evidence sentences say the same thing: the Jaccard overlap of their content words
     (stemmed, without stopwords, trigger words or the actors' own words) is at least
     ``JACCARD_ALONE``, or at least ``JACCARD_WITH_TRIGGER`` when their triggers share a content
     stem ("signed ... with" / "signing"; "warned that" / "repeated a warning"), or — two outlets
     describing one meeting in different words — they are dated the same day, share a trigger stem,
     and name the same people on both sides (a capitalised word shared by the source texts and one
     shared by the target texts: "Clinton met Lavrov" / "Hillary Clinton ... Sergei Lavrov").

Linear cost. Reports are compared only inside a blocking key, in date order. A key's reports are
cut into *segments* wherever the gap to everything before is wider than the window; no story can
cross such a gap, so each segment is clustered on its own. Inside a segment a report is compared
with the seed (first report) and the latest report of at most ``MAX_CANDIDATES`` open stories,
whose seeds lie within the window — at most ``2 * MAX_CANDIDATES`` comparisons per report, never
all pairs. After an ingest only the segments that received a new report are clustered again, so
an incremental update gives exactly the stories a full recomputation would.

A story's id is derived from its seed report, so the same store content always gives the same ids;
a story that gains an earlier report gets a new id.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from .errors import DetenteError

__all__ = [
    "Report", "Story", "MergeStats", "story_key", "segments", "cluster_segment", "merge_reports",
    "content_words", "stem", "report_status", "JACCARD_ALONE", "JACCARD_WITH_TRIGGER", "MAX_CANDIDATES",
]

JACCARD_ALONE = 0.25
"""Content-word overlap that makes two reports one happening on its own."""
JACCARD_WITH_TRIGGER = 0.1
"""Overlap that suffices when the two triggers share a stem."""
MAX_CANDIDATES = 32
"""Open stories a report is compared with (the most recent ones): bounds the cost per report."""

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_MODE_ORDER = ("asserted", "reported", "promised", "intended", "historical", "hypothetical", "negated")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stopword list (``detente/data/stopwords.txt``), loaded once and validated."""
    return frozenset(load_word_list(resources.files("detente") / "data" / "stopwords.txt"))


def load_word_list(path) -> list[str]:
    """One word per line from ``path``; '#' starts a comment. A duplicate or an empty list stops
    the load, naming the file and line."""
    words: list[str] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        word = line.split("#", 1)[0].strip().lower()
        if not word:
            continue
        if word in seen:
            raise DetenteError("E320", f"{path}:{lineno}: {word!r} is listed twice (first on line {seen[word]})",
                               "remove one of the two lines")
        seen[word] = lineno
        words.append(word)
    if not words:
        raise DetenteError("E321", f"{path} lists no words", "restore the word list")
    return words


def stem(word: str) -> str:
    """A crude suffix-stripping stem, enough to match 'signed'/'signing'/'signs', 'treaties'/'treaty'."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not (suffix == "s" and w.endswith("ss")):
            w = w[: len(w) - len(suffix)] + repl
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def _tokens(text: str | None) -> list[str]:
    if not text:
        return []
    text = unicodedata.normalize("NFKC", text)
    return [t.lower() for t in _WORD.findall(text)]


def content_words(text: str | None, exclude: Iterable[str | None] = ()) -> frozenset[str]:
    """Stems of the words of ``text`` that carry content: no stopwords, no word shorter than 3
    letters, none of the words of the texts in ``exclude`` (trigger, actors)."""
    stop = stopwords()
    excluded = {stem(t) for other in exclude for t in _tokens(other)}
    return frozenset(
        s for t in _tokens(text) if len(t) >= 3 and t not in stop
        for s in (stem(t),) if s not in excluded
    )


def _actor_key(code: str | None, text: str | None) -> str:
    if code:
        return code.upper()
    if text:
        return "~" + " ".join(_tokens(text))
    return ""


_INTENT_MODES = frozenset({"promised", "intended"})


def report_status(mode: str | None, negated: bool | None, hypothetical: bool | None) -> str:
    """``neg``, ``hyp``, ``intent`` or ``done``: what a report says of its act."""
    if negated or mode == "negated":
        return "neg"
    if hypothetical or mode == "hypothetical":
        return "hyp"
    if mode in _INTENT_MODES:
        return "intent"
    return "done"


def story_key(type: str, source_code: str | None, source_text: str | None,
              target_code: str | None, target_text: str | None, mode: str | None,
              negated: bool | None = False, hypothetical: bool | None = False) -> str:
    """The blocking key: only reports with equal keys can be one story."""
    return "|".join([
        (type or "").upper(), _actor_key(source_code, source_text), _actor_key(target_code, target_text),
        report_status(mode, negated, hypothetical),
    ])


@dataclass(frozen=True)
class Report:
    """One stored event report, with what merging and the story summary need."""

    event_id: str
    article_id: str
    story_key: str
    type: str
    mode: str | None
    cameo_root: str | None
    quad_class: int | None
    intensity: float | None
    negated: bool
    hypothetical: bool
    source_text: str | None
    source_code: str | None
    source_sector: str | None
    target_text: str | None
    target_code: str | None
    target_sector: str | None
    date_start: date | None
    """First day of the report's period (event date, else publication date); None when undated."""
    date_end: date | None
    date_precision: str | None
    """Precision of that period: day, month or year."""
    trigger_text: str | None
    evidence_text: str | None
    evidence_start: int | None
    evidence_end: int | None
    confidence: float | None
    outlet: str | None
    """Normalised publisher or URL domain of the article; None when unknown."""
    url: str | None
    is_new: bool = False
    """True when the report has no story yet (it arrived since the last update)."""

    @property
    def sort_key(self) -> tuple:
        return (self.date_start or date.max, self.date_end or date.max, self.event_id)

    @property
    def words(self) -> frozenset[str]:
        return _words(self.evidence_text, self.trigger_text, self.source_text, self.target_text)

    @property
    def trigger_stems(self) -> frozenset[str]:
        """Content stems of the trigger words, without the actors' words."""
        return _words(self.trigger_text, None, self.source_text, self.target_text)


@lru_cache(maxsize=65536)
def _words(evidence, trigger, source, target) -> frozenset[str]:
    return content_words(evidence, (trigger, source, target))


@dataclass
class MergeStats:
    """What a merge did; ``comparisons`` counts similarity tests between two reports."""

    reports: int = 0
    segments: int = 0
    comparisons: int = 0
    stories: int = 0


@dataclass(frozen=True)
class Story:
    """One happening and every report of it."""

    reports: tuple[Report, ...]
    """In date order; the first is the seed."""

    @property
    def id(self) -> str:
        return "S" + hashlib.sha1(self.reports[0].event_id.encode("utf-8")).hexdigest()[:16]

    @property
    def representative(self) -> Report:
        """The report shown for the story: the most precisely dated, then earliest, then most confident."""
        return min(self.reports, key=lambda r: (
            _PRECISION_RANK.get(r.date_precision or "", 9), r.date_start or date.max,
            -(r.confidence or 0.0), r.event_id))

    @property
    def num_articles(self) -> int:
        return len({r.article_id for r in self.reports})

    @property
    def num_sources(self) -> int:
        # An article whose outlet is unknown counts as an outlet of its own: an upper bound, said so in docs.
        return len({r.outlet or f"article:{r.article_id}" for r in self.reports})

    @property
    def mode(self) -> str | None:
        counts = Counter(r.mode for r in self.reports if r.mode)
        if not counts:
            return None
        best = max(counts.values())
        tied = [m for m, c in counts.items() if c == best]
        return min(tied, key=lambda m: (_MODE_ORDER.index(m) if m in _MODE_ORDER else len(_MODE_ORDER), m))

    @property
    def intensity(self) -> float | None:
        values = [r.intensity for r in self.reports if r.intensity is not None]
        return round(sum(values) / len(values), 3) if values else None

    def row(self) -> dict:
        """The ``story_events`` row."""
        rep = self.representative
        starts = [r.date_start for r in self.reports if r.date_start]
        ends = [r.date_end for r in self.reports if r.date_end]
        return {
            "id": self.id, "story_key": rep.story_key, "type": rep.type, "mode": self.mode,
            "cameo_root": rep.cameo_root, "quad_class": rep.quad_class, "intensity": self.intensity,
            "negated": rep.negated, "hypothetical": rep.hypothetical,
            "source_text": rep.source_text, "source_code": rep.source_code, "source_sector": rep.source_sector,
            "target_text": rep.target_text, "target_code": rep.target_code, "target_sector": rep.target_sector,
            "date": _period_label(rep.date_start, rep.date_precision), "date_precision": rep.date_precision,
            "date_start": rep.date_start, "date_end": rep.date_end,
            "first_date": min(starts) if starts else None, "last_date": max(ends) if ends else None,
            "num_reports": len(self.reports), "num_articles": self.num_articles,
            "num_sources": self.num_sources, "event_id": rep.event_id, "article_id": rep.article_id,
            "evidence_text": rep.evidence_text, "evidence_start": rep.evidence_start,
            "evidence_end": rep.evidence_end, "source_url": rep.url,
        }


def _period_label(start: date | None, precision: str | None) -> str | None:
    if start is None:
        return None
    if precision == "year":
        return f"{start.year:04d}"
    if precision == "month":
        return f"{start.year:04d}-{start.month:02d}"
    return start.isoformat()


def _gap_days(a: Report, b: Report) -> int:
    """Days between two reports' periods; 0 when they overlap."""
    if a.date_start > b.date_end:
        return (a.date_start - b.date_end).days
    if b.date_start > a.date_end:
        return (b.date_start - a.date_end).days
    return 0


def segments(reports: Iterable[Report], window_days: int) -> list[list[Report]]:
    """Cut reports into the independent pieces merging works on: per blocking key, in date order,
    a new segment wherever the next report starts more than the window after all before it ended.
    Each undated report is a segment of its own."""
    by_key: dict[str, list[Report]] = {}
    for r in reports:
        by_key.setdefault(r.story_key, []).append(r)
    out: list[list[Report]] = []
    window = timedelta(days=window_days)
    for key in sorted(by_key):
        current: list[Report] = []
        reach: date | None = None
        for r in sorted(by_key[key], key=lambda r: r.sort_key):
            if r.date_start is None:
                out.append([r])
                continue
            if current and r.date_start - reach > window:
                out.append(current)
                current, reach = [], None
            current.append(r)
            reach = r.date_end if reach is None else max(reach, r.date_end)
        if current:
            out.append(current)
    return out


def similarity(a: Report, b: Report) -> float | None:
    """How alike two reports' evidence is, or None when they are not the same happening."""
    wa, wb = a.words, b.words
    union = len(wa | wb)
    jaccard = len(wa & wb) / union if union else 0.0
    same_trigger = bool(a.trigger_stems & b.trigger_stems)
    if jaccard >= JACCARD_ALONE or (same_trigger and jaccard >= JACCARD_WITH_TRIGGER) \
            or (same_trigger and not wa and not wb):
        return jaccard + (0.5 if same_trigger else 0.0)
    if same_trigger and _same_day(a, b) and _names(a.source_text) & _names(b.source_text) \
            and _names(a.target_text) & _names(b.target_text):
        return jaccard + 0.5
    return None


def _same_day(a: Report, b: Report) -> bool:
    return (a.date_precision == b.date_precision == "day" and a.date_start is not None
            and a.date_start == b.date_start)


_NAME = re.compile(r"\b[A-Z][\w'’-]+")
_NAME_STOP = frozenset({"The", "A", "An", "Mr", "Mrs", "Ms", "President", "Minister", "Secretary", "Prime",
                       "Foreign", "Defense", "Defence", "State", "Vice"})


@lru_cache(maxsize=65536)
def _names(text: str | None) -> frozenset[str]:
    """Capitalised words of an actor's text, without titles ('Secretary of State Hillary Clinton' -> {'Hillary', 'Clinton'})."""
    return frozenset(w for w in _NAME.findall(text or "") if w not in _NAME_STOP)


@dataclass
class _Open:
    seed: Report
    members: list[Report] = field(default_factory=list)


def cluster_segment(segment: Sequence[Report], window_days: int, stats: MergeStats | None = None) -> list[Story]:
    """Cluster one segment (reports of one key, in date order) into stories."""
    stats = stats if stats is not None else MergeStats()
    stats.segments += 1
    stats.reports += len(segment)
    if len(segment) == 1 or segment[0].date_start is None:
        stories = [Story(tuple(segment))]
        stats.stories += len(stories)
        return stories
    window = timedelta(days=window_days)
    open_stories: list[_Open] = []
    first_open = 0  # stories before this index can no longer take a report (their seed is too far back)
    for r in segment:
        while first_open < len(open_stories) and \
                open_stories[first_open].seed.date_end + window < r.date_start:
            first_open += 1
        best: tuple[float, _Open] | None = None
        start = max(first_open, len(open_stories) - MAX_CANDIDATES)
        for story in reversed(open_stories[start:]):
            if _gap_days(r, story.seed) > window_days:
                continue
            score = None
            for other in (story.seed, story.members[-1]) if len(story.members) > 1 else (story.seed,):
                stats.comparisons += 1
                s = similarity(r, other)
                if s is not None and (score is None or s > score):
                    score = s
            if score is not None and (best is None or score > best[0]):
                best = (score, story)
        if best is None:
            open_stories.append(_Open(seed=r, members=[r]))
        else:
            best[1].members.append(r)
    stories = [Story(tuple(o.members)) for o in open_stories]
    stats.stories += len(stories)
    return stories


def merge_reports(reports: Iterable[Report], window_days: int, stats: MergeStats | None = None,
                  only_touched: bool = False) -> list[Story]:
    """Merge reports into stories. With ``only_touched``, only segments holding a new report
    (``Report.is_new``) are clustered; the others keep the stories they have."""
    stats = stats if stats is not None else MergeStats()
    out: list[Story] = []
    for segment in segments(reports, window_days):
        if only_touched and not any(r.is_new for r in segment):
            continue
        out.extend(cluster_segment(segment, window_days, stats))
    return out

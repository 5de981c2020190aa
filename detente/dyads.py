"""The dyad index: how two actors treat each other over time, with the evidence for every point.

reads: ``story_events`` / ``event_story`` (merged events), ``quotes`` and ``entities`` of the store
fills: one row per period and direction (``A->B``, ``B->A``, ``both``) with
  - ``stories``: story events, i.e. happenings — each counted once however many articles reported it
    (``reports`` gives the raw number of event reports behind them);
  - ``q1``..``q4``: stories per QuadClass (1 verbal cooperation, 2 material cooperation,
    3 verbal conflict, 4 material conflict); ``intensity``: the sum of the stories' intensities
    (each story's intensity is the mean of its reports'); ``cooperation``: (q1 + q2) / stories;
  - ``tone``: the tone of A's people's quotes about B — quotes whose speaker's actor code is A and
    whose span holds an entity whose actor code is B — scored with the lexicon
    ``detente/data/tone.tsv`` (mean term score over the quote, in [-1, +1]; see that file); then
    the mean over the period's quotes that carry any tone term. ``quotes`` counts the quotes about
    B, toned or not — statements only: the ``partial`` pieces of a statement are not counted
    again. A quote is placed by its article's publication date;
  - the evidence: ``story_ids``, ``event_ids``, ``quote_ids`` and ``evidence`` (one sentence per
    story — its representative report — and the text of each quote, with article id and offsets).

Negated and hypothetical stories ("did not agree", "would impose sanctions if") say what did not or
might happen, and a story that every report mentions only as history (mode ``historical``: background
long before the article) is not news of any period we cover: they stay in the event and story
tables but are not counted here. A story dated more coarsely
than the period asked for (a month-dated story in a weekly index) is left out rather than put on an
invented day; ``df.attrs["excluded"]`` says how many were left out and why.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

import pandas as pd

from .errors import DetenteError
from .store.dates import BUCKETS, PRECISION_RANK, bucket_of, next_bucket, parse_bound
from .store.queries import _codes

__all__ = ["dyad", "quote_tone", "tone_lexicon", "load_tone_lexicon", "ToneLexicon", "DYAD_COLUMNS", "COUNTING_NOTE"]

DYAD_COLUMNS = ["period", "start", "end", "direction", "stories", "reports", "q1", "q2", "q3", "q4",
                "intensity", "cooperation", "tone", "quotes", "story_ids", "event_ids", "quote_ids", "evidence"]

COUNTING_NOTE = ("Counts are story events: each happening once, however many articles reported it "
                 "('reports' is the number of event reports behind them). Negated, hypothetical and "
                 "purely historical events are not counted.")

_NEGATION_REACH = 3
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


# ----------------------------------------------------------------------------- tone
@dataclass(frozen=True)
class ToneLexicon:
    exact: dict[tuple[str, ...], float]
    """Whole terms (tuples of words) -> score."""
    prefixes: dict[tuple[str, ...], float]
    """Terms whose last word ends in '*': (words..., prefix) -> score."""
    negators: frozenset[str]
    longest: int
    """Most words in a term."""


@lru_cache(maxsize=1)
def tone_lexicon() -> ToneLexicon:
    """The packaged tone lexicon, ``detente/data/tone.tsv``, loaded once."""
    return load_tone_lexicon(resources.files("detente") / "data" / "tone.tsv")


def load_tone_lexicon(path) -> ToneLexicon:
    """Read a tone lexicon (format: see ``detente/data/tone.tsv``). A malformed line, a score out
    of range, a duplicate term or an empty group stops the load, naming the file and line."""
    exact: dict[tuple[str, ...], float] = {}
    prefixes: dict[tuple[str, ...], float] = {}
    negators: set[str] = set()
    seen: dict[str, int] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip():
            raise DetenteError("E340", f"{path}:{lineno}: expected 'term<TAB>score', got {line!r}",
                               "separate the term and its score with one tab")
        term, score_text = parts[0].strip().lower(), parts[1].strip()
        if term in seen:
            raise DetenteError("E341", f"{path}:{lineno}: the term {term!r} is listed twice (first on line {seen[term]})",
                               "remove one of the two lines")
        seen[term] = lineno
        if score_text == "negate":
            negators.add(term)
            continue
        try:
            score = float(score_text)
        except ValueError:
            score = None
        if score is None or not -2 <= score <= 2 or score == 0:
            raise DetenteError("E342", f"{path}:{lineno}: the score of {term!r} must be a non-zero number "
                               f"from -2 to 2 or 'negate', not {score_text!r}", "fix the score")
        words = tuple(term.split())
        if words[-1].endswith("*"):
            prefixes[words[:-1] + (words[-1][:-1],)] = score
        else:
            exact[words] = score
    if not negators or not (exact or prefixes):
        raise DetenteError("E343", f"{path} has no {'negators' if not negators else 'scored terms'}",
                           "restore the tone lexicon")
    longest = max(len(t) for t in list(exact) + list(prefixes))
    return ToneLexicon(exact, prefixes, frozenset(negators), longest)


def _match(words: list[str], i: int, lex: ToneLexicon) -> tuple[float, int] | None:
    """The longest term starting at word i: (score, words used)."""
    for n in range(min(lex.longest, len(words) - i), 0, -1):
        seq = tuple(words[i:i + n])
        if seq in lex.exact:
            return lex.exact[seq], n
        head, last = seq[:-1], seq[-1]
        for cut in range(len(last), 0, -1):
            score = lex.prefixes.get(head + (last[:cut],))
            if score is not None:
                return score, n
    return None


def quote_tone(text: str | None, lexicon: ToneLexicon | None = None) -> float | None:
    """Tone of a quote in [-1, +1] (see ``detente/data/tone.tsv``); None when no term matches."""
    if not text:
        return None
    lex = lexicon or tone_lexicon()
    words = [w.lower().replace("’", "'") for w in _WORD.findall(unicodedata.normalize("NFKC", text))]
    scores: list[float] = []
    last_negator = -10
    i = 0
    while i < len(words):
        w = words[i]
        if w in lex.negators or w.endswith("n't"):
            last_negator = i
            i += 1
            continue
        hit = _match(words, i, lex)
        if hit is None:
            i += 1
            continue
        score, used = hit
        if i - last_negator <= _NEGATION_REACH:
            score = -score
        scores.append(score)
        i += used
    if not scores:
        return None
    return round(sum(scores) / len(scores) / 2, 3)


# ----------------------------------------------------------------------------- the index
def _fits(precision: str | None, by: str) -> bool:
    return precision is not None and PRECISION_RANK.get(precision, 9) <= PRECISION_RANK[by]


def dyad(cur, a: str, b: str, by: str = "month", start=None, end=None, direction: str | None = None) -> pd.DataFrame:
    """The dyad index of actors ``a`` and ``b`` per ``by`` (day, week, month, year) from a store cursor.

    Every period between the first and last (or ``start``..``end``) gets a row per direction, zeros
    included, so the series is continuous. ``direction`` keeps one of ``A->B``, ``B->A``, ``both``.
    ``df.attrs`` holds ``note`` (how counting works), ``excluded`` and ``unmerged_events``.
    """
    codes = _codes(a, "actor") + _codes(b, "actor")
    if len(codes) != 2 or "," in f"{a}{b}":
        raise DetenteError("E344", f"a dyad needs two actor codes, not {a!r} and {b!r}", "give e.g. USA RUS")
    a, b = codes
    if a == b:
        raise DetenteError("E344", f"a dyad needs two different actors, not {a} twice", "give e.g. USA RUS")
    if by not in BUCKETS:
        raise DetenteError("E307", f"unknown period {by!r}", "use --by " + ", --by ".join(BUCKETS))
    ab, ba = f"{a}->{b}", f"{b}->{a}"
    directions = [ab, ba, "both"]
    if direction is not None:
        wanted = {"a->b": ab, "b->a": ba, "both": "both"}.get(direction.lower(), direction.upper().replace("BOTH", "both"))
        if wanted not in directions:
            raise DetenteError("E345", f"unknown direction {direction!r}", f"use one of: {ab}, {ba}, both")
        directions = [wanted]
    lo = parse_bound(start, end=False, name="start date")
    hi = parse_bound(end, end=True, name="end date")
    if lo and hi and lo > hi:
        raise DetenteError("E333", f"the start date {start} is after the end date {end}", "swap --from and --to")

    excluded = {"negated_or_hypothetical": 0, "historical": 0, "coarser_than_period": 0, "undated": 0,
                "outside_range": 0}
    points: dict[tuple[str, str], dict] = {}
    bounds: dict[str, tuple[date, date]] = {}

    def point(label: str, first: date, last: date, d: str) -> dict:
        bounds[label] = (first, last)
        return points.setdefault((label, d), {
            "stories": 0, "reports": 0, "q1": 0, "q2": 0, "q3": 0, "q4": 0, "intensity": 0.0,
            "tones": [], "quotes": 0, "story_ids": [], "event_ids": [], "quote_ids": [], "evidence": []})

    stories = cur.execute("""
        SELECT s.id, s.source_code, s.quad_class, s.intensity, s.date_start, s.date_precision,
               s.negated, s.hypothetical, s.num_reports, s.num_articles, s.event_id, s.article_id,
               s.evidence_text, s.evidence_start, s.evidence_end,
               (SELECT list(l.event_id ORDER BY l.event_id) FROM event_story l WHERE l.story_id = s.id),
               (SELECT bool_and(e.mode = 'historical') FROM event_story l JOIN events e ON e.id = l.event_id
                 WHERE l.story_id = s.id)
        FROM story_events s
        WHERE (s.source_code = ? AND s.target_code = ?) OR (s.source_code = ? AND s.target_code = ?)
        ORDER BY s.date_start NULLS LAST, s.id""", [a, b, b, a]).fetchall()
    for (sid, src, quad, intensity, day, precision, negated, hypothetical, n_reports, n_articles,
         event_id, article_id, ev_text, ev_start, ev_end, event_ids, historical) in stories:
        if negated or hypothetical:
            excluded["negated_or_hypothetical"] += 1
            continue
        if historical:
            excluded["historical"] += 1
            continue
        if day is None:
            excluded["undated"] += 1
            continue
        if not _fits(precision, by):
            excluded["coarser_than_period"] += 1
            continue
        if (lo and day < lo) or (hi and day > hi):
            excluded["outside_range"] += 1
            continue
        label, first, last = bucket_of(day, by)
        for d in ((ab if src == a else ba), "both"):
            p = point(label, first, last, d)
            p["stories"] += 1
            p["reports"] += n_reports or 0
            if quad in (1, 2, 3, 4):
                p[f"q{quad}"] += 1
            p["intensity"] += intensity or 0.0
            p["story_ids"].append(sid)
            p["event_ids"].extend(event_ids or [])
            p["evidence"].append({"kind": "story", "id": sid, "event_id": event_id, "article_id": article_id,
                                  "text": ev_text, "start": ev_start, "end": ev_end, "num_articles": n_articles})

    quotes = cur.execute("""
        SELECT q.id, q.speaker_code, q.text, q.article_id, q.start, q."end", q.speaker_name,
               a.date_start, a.period_precision
        FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE q.speaker_code IN (?, ?) AND q.kind <> 'partial' AND EXISTS (
            SELECT 1 FROM entities n
            WHERE n.article_id = q.article_id AND n.start >= q.start AND n."end" <= q."end"
              AND n.actor_code = CASE WHEN q.speaker_code = ? THEN ? ELSE ? END)
        ORDER BY a.date_start NULLS LAST, q.article_id, q.idx""", [a, b, a, b, a]).fetchall()
    for qid, speaker_code, text, article_id, q_start, q_end, speaker, day, precision in quotes:
        if day is None or not _fits(precision, by) or (lo and day < lo) or (hi and day > hi):
            continue
        label, first, last = bucket_of(day, by)
        tone = quote_tone(text)
        for d in ((ab if speaker_code == a else ba), "both"):
            p = point(label, first, last, d)
            p["quotes"] += 1
            p["quote_ids"].append(qid)
            if tone is not None:
                p["tones"].append(tone)
            p["evidence"].append({"kind": "quote", "id": qid, "article_id": article_id, "text": text,
                                  "start": q_start, "end": q_end, "speaker": speaker, "tone": tone})

    unmerged = cur.execute("""
        SELECT count(*) FROM events e LEFT JOIN event_story l ON l.event_id = e.id
        WHERE l.event_id IS NULL AND ((e.source_code = ? AND e.target_code = ?) OR (e.source_code = ? AND e.target_code = ?))""",
                           [a, b, b, a]).fetchone()[0]

    rows = []
    if bounds or (lo and hi):
        first_day = lo or min(f for f, _ in bounds.values())
        last_day = hi or max(l for _, l in bounds.values())
        label, p_first, p_last = bucket_of(first_day, by)
        while p_first <= last_day:
            for d in directions:
                p = points.get((label, d))
                rows.append(_row(label, p_first, p_last, d, p))
            label, p_first, p_last = bucket_of(next_bucket(p_last), by)
    df = pd.DataFrame(rows, columns=DYAD_COLUMNS)
    df.attrs.update({"a": a, "b": b, "by": by, "note": COUNTING_NOTE, "excluded": excluded,
                     "unmerged_events": int(unmerged),
                     "tone": "mean tone in [-1, +1] of the period's quotes by A's people that mention B "
                             "(lexicon detente/data/tone.tsv); empty when none carries a tone word"})
    return df


def _row(label: str, first: date, last: date, direction: str, p: dict | None) -> dict:
    if p is None:
        return {"period": label, "start": first.isoformat(), "end": last.isoformat(), "direction": direction,
                "stories": 0, "reports": 0, "q1": 0, "q2": 0, "q3": 0, "q4": 0, "intensity": 0.0,
                "cooperation": None, "tone": None, "quotes": 0, "story_ids": [], "event_ids": [],
                "quote_ids": [], "evidence": []}
    stories = p["stories"]
    return {
        "period": label, "start": first.isoformat(), "end": last.isoformat(), "direction": direction,
        "stories": stories, "reports": p["reports"], "q1": p["q1"], "q2": p["q2"], "q3": p["q3"], "q4": p["q4"],
        "intensity": round(p["intensity"], 3),
        "cooperation": round((p["q1"] + p["q2"]) / stories, 3) if stories else None,
        "tone": round(sum(p["tones"]) / len(p["tones"]), 3) if p["tones"] else None,
        "quotes": p["quotes"], "story_ids": p["story_ids"], "event_ids": p["event_ids"],
        "quote_ids": p["quote_ids"], "evidence": p["evidence"],
    }

"""Query parameters of the HTTP API and the dashboard, validated into store filters.

reads: the request's query string         fills: the keyword filters of ``detente.store.Store`` queries

Each filter is checked with the store's own validators (the CLI and ``detente.open()`` reject the same
values with the same words), one parameter at a time, so a bad value gets a 422 that names the
parameter: an unknown event type lists the valid ones, a bad date says the format. Every bad
parameter of a request is listed in one 422 (``checked``). The store keeps the final say; its
DetenteErrors also become 422s (``app.py``).
"""
from __future__ import annotations

from typing import Any

from fastapi import Depends, Query, Request
from fastapi.exceptions import RequestValidationError

from ..errors import DetenteError
from ..store import queries
from ..store.dates import BUCKETS, parse_bound

__all__ = [
    "EVENTS", "STORIES", "QUOTES", "FIGURES", "ARTICLES", "DYAD", "checked", "pending_errors",
    "event_filters", "story_filters", "quote_filters", "figure_filters", "article_filters", "page",
    "dyad_params", "search_params", "error_item", "MAX_LIMIT", "DEFAULT_LIMIT",
]

DEFAULT_LIMIT = 50
MAX_LIMIT = 1000

_DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD; a month or year covers all its days"
_CODE_HELP = "actor code(s), comma-separated: ISO 3166-1 alpha-3 (USA, RUS) or a body's code (NATO)"


def error_item(param: str, value: Any, exc: DetenteError) -> dict[str, Any]:
    """One entry of a 422 ``detail`` list, shaped like FastAPI's own, plus the fix and the code."""
    message = f"{exc.message}: {exc.fix}" if exc.fix else exc.message
    item = {"type": "value_error", "loc": ["query", param], "msg": message, "input": value, "code": exc.code}
    if exc.fix:
        item["fix"] = exc.fix
    return item


class _Checker:
    """Collects every bad parameter of a request, so one 422 lists them all."""

    def __init__(self) -> None:
        self.errors: list[dict[str, Any]] = []

    def run(self, param: str, value: Any, check) -> Any:
        if value is None or value == "":
            return None
        try:
            check(value)
        except DetenteError as exc:
            self.errors.append(error_item(param, value, exc))
        return value

    def codes(self, param: str, value: str | None) -> str | None:
        return self.run(param, value, lambda v: queries._codes(v, param))

    def choices(self, param: str, value: str | None, valid, name: str, upper: bool) -> str | None:
        return self.run(param, value, lambda v: queries._choices(v, valid, name, upper))

    def dates(self, start: str | None, end: str | None) -> tuple[str | None, str | None]:
        bounds = {}
        for param, value, is_end in (("from", start, False), ("to", end, True)):
            if value is None or value == "":
                continue
            try:
                bounds[param] = parse_bound(value, end=is_end, name=f"'{param}' date")
            except DetenteError as exc:
                self.errors.append(error_item(param, value, exc))
        if "from" in bounds and "to" in bounds and bounds["from"] > bounds["to"]:
            self.errors.append(error_item("from", start, DetenteError(
                "E333", f"the 'from' date {start} is after the 'to' date {end}", "swap from and to")))
        return start or None, end or None

    def done(self, request: Request, filters: dict[str, Any]) -> dict[str, Any]:
        """The filters that were given. Errors are kept on the request, not raised here, so that
        FastAPI goes on checking the other parameters (``limit``, ``offset``) and one 422 lists all;
        ``checked`` raises them."""
        if self.errors:
            request.state.param_errors = getattr(request.state, "param_errors", []) + self.errors
        return {k: v for k, v in filters.items() if v is not None and v != ""}


def pending_errors(request: Request) -> list[dict[str, Any]]:
    """Errors the filter checks kept on the request (see ``_Checker.done``)."""
    return list(getattr(request.state, "param_errors", []))


def checked(filters_dependency, paged: bool = True):
    """A dependency giving ``(filters, page)`` once every parameter is valid, else raising one 422
    with every error. Create it once per filter set (FastAPI caches dependencies by function)."""
    if paged:
        def dependency(request: Request, filters: dict = Depends(filters_dependency),
                       page: dict = Depends(page)) -> tuple[dict, dict]:
            if pending_errors(request):
                raise RequestValidationError(pending_errors(request))
            return filters, page
    else:
        def dependency(request: Request, filters: dict = Depends(filters_dependency)) -> tuple[dict, dict]:
            if pending_errors(request):
                raise RequestValidationError(pending_errors(request))
            return filters, {}
    return dependency


# Declared once and reused, so every endpoint documents a filter with the same words.
def _actor(name: str, what: str):
    return Query(None, description=f"{what}: {_CODE_HELP}", examples=["RUS"])


_FROM = Query(None, alias="from", description=f"Earliest date, {_DATE_HELP}", examples=["2009-07"])
_TO = Query(None, alias="to", description=f"Latest date, {_DATE_HELP}", examples=["2010-04-30"])


def page(limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Rows per page"),
         offset: int = Query(0, ge=0, description="Rows to skip (the `next` link of a page sets it)"),
         ) -> dict[str, int]:
    """limit/offset of a list query."""
    return {"limit": limit, "offset": offset}


def _event_like(c: _Checker, actor, source, target, type, mode, quad_class, start, end, text) -> dict[str, Any]:
    start, end = c.dates(start, end)
    return {
        "actor": c.codes("actor", actor), "source": c.codes("source", source), "target": c.codes("target", target),
        "type": c.choices("type", type, queries.PLOVER_TYPES, "event type", upper=True),
        "mode": c.choices("mode", mode, queries.MODES, "mode", upper=False),
        "quad_class": c.choices("quad_class", quad_class, ("1", "2", "3", "4"), "QuadClass", upper=False),
        "start": start, "end": end, "text": text,
    }


_TYPE = Query(None, description="PLOVER event type(s), comma-separated: " + ", ".join(queries.PLOVER_TYPES),
              examples=["AGREE"])
_MODE = Query(None, description="Mode(s), comma-separated: " + ", ".join(queries.MODES), examples=["asserted"])
_QUAD = Query(None, description="QuadClass(es), comma-separated: 1 verbal cooperation, 2 material cooperation, "
              "3 verbal conflict, 4 material conflict", examples=["1"])


def event_filters(
    request: Request,
    actor: str | None = _actor("actor", "Source or target actor"),
    source: str | None = _actor("source", "Source actor (who acts)"),
    target: str | None = _actor("target", "Target actor (who is acted upon)"),
    type: str | None = _TYPE,
    mode: str | None = _MODE,
    quad_class: str | None = _QUAD,
    start: str | None = _FROM,
    end: str | None = _TO,
    text: str | None = Query(None, description="Words in the evidence sentence (case-insensitive)"),
    article_id: str | None = Query(None, description="Only the events of this article"),
    story_id: str | None = Query(None, description="Only the reports of this story event"),
    min_confidence: float | None = Query(None, ge=0, le=1, description="Lowest confidence, 0 to 1"),
) -> dict[str, Any]:
    """Filters of ``Store.events`` (dates: the event's own date, else its article's)."""
    c = _Checker()
    filters = _event_like(c, actor, source, target, type, mode, quad_class, start, end, text)
    filters.update(article_id=article_id, story_id=story_id, min_confidence=min_confidence)
    return c.done(request, filters)


def story_filters(
    request: Request,
    actor: str | None = _actor("actor", "Source or target actor"),
    source: str | None = _actor("source", "Source actor (who acts)"),
    target: str | None = _actor("target", "Target actor (who is acted upon)"),
    type: str | None = _TYPE,
    mode: str | None = _MODE,
    quad_class: str | None = _QUAD,
    start: str | None = _FROM,
    end: str | None = _TO,
    text: str | None = Query(None, description="Words in the representative evidence sentence"),
    min_articles: int | None = Query(None, ge=1, description="Only stories reported by at least this many articles"),
    story_id: str | None = Query(None, description="One story event by its id"),
) -> dict[str, Any]:
    """Filters of ``Store.story_events``."""
    c = _Checker()
    filters = _event_like(c, actor, source, target, type, mode, quad_class, start, end, text)
    filters.update(min_articles=min_articles, story_id=story_id)
    return c.done(request, filters)


def quote_filters(
    request: Request,
    speaker: str | None = Query(None, description="Part of the speaker's name (or of the words at the quote)",
                                examples=["Lavrov"]),
    actor: str | None = _actor("actor", "The speaker's actor"),
    kind: str | None = Query(None, description="Quote kind(s), comma-separated: " + ", ".join(queries.QUOTE_KINDS)),
    text: str | None = Query(None, description="Words in the quote (case-insensitive)"),
    start: str | None = _FROM,
    end: str | None = _TO,
    article_id: str | None = Query(None, description="Only the quotes of this article"),
) -> dict[str, Any]:
    """Filters of ``Store.quotes`` (dates: the article's publication date)."""
    c = _Checker()
    start, end = c.dates(start, end)
    return c.done(request, {
        "speaker": speaker, "actor": c.codes("actor", actor),
        "kind": c.choices("kind", kind, queries.QUOTE_KINDS, "quote kind", upper=False),
        "text": text, "start": start, "end": end, "article_id": article_id,
    })


def figure_filters(
    request: Request,
    text: str | None = Query(None, description="Words in the figure or in what it quantifies"),
    unit: str | None = Query(None, description="Unit(s), comma-separated, e.g. USD, percent"),
    source: str | None = Query(None, description="Part of the figure's source (who reported it)"),
    start: str | None = _FROM,
    end: str | None = _TO,
    article_id: str | None = Query(None, description="Only the figures of this article"),
) -> dict[str, Any]:
    """Filters of ``Store.figures`` (dates: the article's publication date)."""
    c = _Checker()
    start, end = c.dates(start, end)
    return c.done(request, {"text": text, "unit": unit, "source": source, "start": start, "end": end,
                   "article_id": article_id})


def article_filters(
    request: Request,
    publisher: str | None = Query(None, description="Part of the publisher's name"),
    text: str | None = Query(None, description="Words in the title, dek or body"),
    start: str | None = _FROM,
    end: str | None = _TO,
) -> dict[str, Any]:
    """Filters of ``Store.articles`` (dates: publication date)."""
    c = _Checker()
    start, end = c.dates(start, end)
    return c.done(request, {"publisher": publisher, "text": text, "start": start, "end": end})


def dyad_params(
    request: Request,
    by: str = Query("month", description="Period of each point: " + ", ".join(BUCKETS)),
    start: str | None = _FROM,
    end: str | None = _TO,
    direction: str | None = Query(None, description="Keep one direction: A->B, B->A or both (default: all three)"),
) -> dict[str, Any]:
    """Parameters of ``Store.dyad`` apart from the two actors (in the path; the store checks them)."""
    c = _Checker()
    if by not in BUCKETS:
        c.errors.append(error_item("by", by, DetenteError("E307", f"unknown period {by!r}",
                                                          "use one of: " + ", ".join(BUCKETS))))
    start, end = c.dates(start, end)
    if direction is not None and direction.strip().lower() not in ("a->b", "b->a", "both"):
        # A->B written with the codes themselves (USA->RUS) is checked by the store, which knows them.
        if "->" not in direction:
            c.errors.append(error_item("direction", direction, DetenteError(
                "E345", f"unknown direction {direction!r}", "use one of: A->B, B->A, both")))
    return c.done(request, {"by": by, "start": start, "end": end, "direction": direction})


def search_params(q: str = Query(..., min_length=1, description="Word or phrase to find in articles, events, "
                                 "quotes and figures (case-insensitive)", examples=["missile defense"])) -> str:
    text = q.strip()
    if not text:
        raise RequestValidationError([{"type": "value_error", "loc": ["query", "q"], "input": q,
                                       "msg": "the search text is empty: give a word or phrase to look for"}])
    return text


# The dependencies the routes use: filters and page, checked together.
EVENTS = checked(event_filters)
STORIES = checked(story_filters)
QUOTES = checked(quote_filters)
FIGURES = checked(figure_filters)
ARTICLES = checked(article_filters)
DYAD = checked(dyad_params, paged=False)

"""What each endpoint answers, as JSON-ready dicts: one function per view, shared by the HTTP API,
the dashboard pages and their ``.json`` twins, so a page shows exactly what its JSON says.

reads: a read-only ``detente.store.Store`` and validated filters (``params.py``)
fills: pages ``{total, limit, offset, next, previous, filters, rows}`` whose rows are the store's rows
(the same columns as ``detente events --format csv``) plus ``links`` to the article page, where the
row's evidence is highlighted, and to the JSON of the article.
"""
from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import quote as urlquote

import pandas as pd
from starlette.datastructures import URL

from ..store import Store, to_records

__all__ = [
    "Links", "paginate", "events_page", "stories_page", "quotes_page", "figures_page", "articles_page",
    "article_view", "dyad_view", "search_page", "speakers_page", "speaker_page", "stats_view",
]


class Links:
    """Absolute URLs of the dashboard and the API, from the request's base URL."""

    def __init__(self, base_url: URL | str) -> None:
        self.base = str(base_url).rstrip("/")

    def article(self, article_id: str, **highlight: Any) -> str:
        """The article page; ``event=``/``quote=``/``figure=`` (an id) or ``start=``/``end=`` highlight that span."""
        query = "&".join(f"{k}={urlquote(str(v), safe='')}" for k, v in highlight.items() if v is not None)
        return f"{self.base}/article/{urlquote(article_id, safe='')}" + (f"?{query}#hl" if query else "")

    def article_json(self, article_id: str) -> str:
        return f"{self.base}/api/articles/{urlquote(article_id, safe='')}"

    def speaker(self, name: str) -> str:
        return f"{self.base}/speaker/{urlquote(name, safe='')}"

    def events(self, **filters: Any) -> str:
        query = "&".join(f"{k}={urlquote(str(v), safe='')}" for k, v in filters.items() if v is not None)
        return f"{self.base}/events" + (f"?{query}" if query else "")


def paginate(request_url: URL, rows: list[dict], total: int, limit: int, offset: int,
             filters: dict[str, Any]) -> dict[str, Any]:
    """A page of rows with the links to the next and previous pages (None at either end)."""
    nxt = str(request_url.include_query_params(offset=offset + limit, limit=limit)) if offset + limit < total else None
    prev = None
    if offset > 0:
        prev = str(request_url.include_query_params(offset=max(0, offset - limit), limit=limit))
    return {"total": total, "limit": limit, "offset": offset, "next": nxt, "previous": prev,
            "filters": filters, "rows": rows}


def _public(filters: dict[str, Any]) -> dict[str, Any]:
    """Filters under the names the query string uses (``from``/``to``, not the store's ``start``/``end``)."""
    names = {"start": "from", "end": "to"}
    return {names.get(k, k): v for k, v in filters.items()}


def _frame_page(df: pd.DataFrame, request_url: URL, filters: dict, limit: int, offset: int, decorate) -> dict:
    rows = to_records(df)
    for row in rows:
        row["links"] = decorate(row)
    return paginate(request_url, rows, int(df.attrs.get("total", len(rows))), limit, offset, _public(filters))


# ----------------------------------------------------------------------------- lists
def events_page(store: Store, links: Links, request_url: URL, filters: dict, limit: int, offset: int) -> dict:
    df = store.events(**filters, limit=limit, offset=offset)
    return _frame_page(df, request_url, filters, limit, offset, lambda r: {
        "article": links.article(r["article_id"], event=r["id"]),
        "article_json": links.article_json(r["article_id"]),
        "story": links.events(story_id=r["story_id"]) if r.get("story_id") else None,
    })


def stories_page(store: Store, links: Links, request_url: URL, filters: dict, limit: int, offset: int) -> dict:
    df = store.story_events(**filters, limit=limit, offset=offset)
    return _frame_page(df, request_url, filters, limit, offset, lambda r: {
        "article": links.article(r["article_id"], event=r["event_id"]) if r.get("article_id") else None,
        "article_json": links.article_json(r["article_id"]) if r.get("article_id") else None,
        "reports": links.events(story_id=r["id"]),
    })


def quotes_page(store: Store, links: Links, request_url: URL, filters: dict, limit: int, offset: int) -> dict:
    df = store.quotes(**filters, limit=limit, offset=offset)
    return _frame_page(df, request_url, filters, limit, offset, lambda r: _quote_links(links, r))


def _quote_links(links: Links, r: dict) -> dict:
    return {"article": links.article(r["article_id"], quote=r["id"]),
            "article_json": links.article_json(r["article_id"]),
            "speaker": links.speaker(r["speaker_name"]) if r.get("speaker_name") else None}


def figures_page(store: Store, links: Links, request_url: URL, filters: dict, limit: int, offset: int) -> dict:
    df = store.figures(**filters, limit=limit, offset=offset)
    return _frame_page(df, request_url, filters, limit, offset, lambda r: {
        "article": links.article(r["article_id"], figure=r["id"]),
        "article_json": links.article_json(r["article_id"]),
    })


def articles_page(store: Store, links: Links, request_url: URL, filters: dict, limit: int, offset: int) -> dict:
    df = store.articles(**filters, limit=limit, offset=offset)
    return _frame_page(df, request_url, filters, limit, offset, lambda r: {
        "html": links.article(r["id"]), "json": links.article_json(r["id"]),
    })


def search_page(store: Store, links: Links, request_url: URL, text: str, limit: int, offset: int) -> dict:
    df = store.search(text, limit=limit, offset=offset)

    def decorate(r: dict) -> dict:
        kind = r["kind"]
        if kind == "article":
            html = links.article(r["article_id"], start=r["start"], end=r["end"]) if r.get("start") is not None \
                else links.article(r["article_id"])
        else:
            html = links.article(r["article_id"], **{kind: r["id"]})
        return {"article": html, "article_json": links.article_json(r["article_id"])}

    return _frame_page(df, request_url, {"q": text}, limit, offset, decorate)


# ----------------------------------------------------------------------------- one article
def article_view(store: Store, links: Links, article_id: str) -> dict | None:
    """The article with its text and every entity, event, quote and figure, each with its link."""
    data = store.article(article_id)
    if data is None:
        return None
    for e in data["events"]:
        e["links"] = {"highlight": links.article(article_id, event=e["id"])}
    for q in data["quotes"]:
        q["links"] = {"highlight": links.article(article_id, quote=q["id"]),
                      "speaker": links.speaker(q["speaker_name"]) if q.get("speaker_name") else None}
    for f in data["figures"]:
        f["links"] = {"highlight": links.article(article_id, figure=f["id"])}
    data["links"] = {"html": links.article(article_id), "json": links.article_json(article_id)}
    return data


def highlight_span(data: dict, event: str | None = None, quote: str | None = None, figure: str | None = None,
                   start: int | None = None, end: int | None = None) -> tuple[tuple[int, int], dict | None] | None:
    """The span an article page was asked to highlight, with the item it belongs to (None for a bare span).

    An event is highlighted by its evidence sentence, a quote and a figure by their own span.
    """
    for key, items, lo, hi in (("event", data["events"], "evidence_start", "evidence_end"),
                               ("quote", data["quotes"], "start", "end"),
                               ("figure", data["figures"], "start", "end")):
        wanted = {"event": event, "quote": quote, "figure": figure}[key]
        if wanted is None:
            continue
        for item in items:
            if item["id"] == wanted and item.get(lo) is not None and item.get(hi) is not None:
                return (item[lo], item[hi]), {"kind": key, **item}
        return None
    if start is not None and end is not None and 0 <= start < end <= len(data["article"]["text"]):
        return (start, end), None
    return None


# ----------------------------------------------------------------------------- dyad
def dyad_view(store: Store, links: Links, a: str, b: str, params: dict) -> dict:
    """The dyad index of ``a`` and ``b``: one row per period and direction, evidence linked."""
    df = store.dyad(a, b, **params)
    rows = to_records(df)
    for row in rows:
        for item in row["evidence"]:
            if item["kind"] == "story":
                item["links"] = {"article": links.article(item["article_id"], event=item["event_id"]),
                                 "reports": links.events(story_id=item["id"])}
            else:
                item["links"] = {"article": links.article(item["article_id"], quote=item["id"]),
                                 "speaker": links.speaker(item["speaker"]) if item.get("speaker") else None}
    attrs = df.attrs
    a_code, b_code = attrs.get("a", a), attrs.get("b", b)
    _describe_stories(store, rows, a_code, b_code)
    return {"a": a_code, "b": b_code, "by": attrs.get("by", params.get("by")),
            "from": params.get("start"), "to": params.get("end"), "direction": params.get("direction"),
            "note": attrs.get("note"), "tone_note": attrs.get("tone"), "excluded": attrs.get("excluded"),
            "unmerged_events": attrs.get("unmerged_events"),
            "links": {"html": f"{links.base}/dyad/{a_code}/{b_code}",
                      "json": f"{links.base}/dyad/{a_code}/{b_code}.json",
                      "events": links.events(actor=f"{a_code},{b_code}")},
            "rows": rows}


def _describe_stories(store: Store, rows: list[dict], a: str, b: str) -> None:
    """Give each story of the evidence its type, mode, actors and date, so a list of evidence can say
    what happened (the dyad index gives the story's id, sentence and offsets)."""
    ids = {item["id"] for row in rows for item in row["evidence"] if item["kind"] == "story"}
    if not ids:
        return
    known = {s["id"]: s for s in to_records(store.story_events(source=f"{a},{b}", target=f"{a},{b}")) if s["id"] in ids}
    for row in rows:
        for item in row["evidence"]:
            story = known.get(item["id"]) if item["kind"] == "story" else None
            if story:
                for key in ("type", "mode", "quad_class", "source_code", "target_code", "date", "num_sources"):
                    item.setdefault(key, story.get(key))


# ----------------------------------------------------------------------------- speakers
_SPEAKER_COLUMNS = ["name", "quotes", "articles", "actor_code", "actor_sector", "role", "organization",
                    "first_date", "last_date"]


def _most_common(values: pd.Series):
    values = values.dropna()
    return None if values.empty else values.value_counts().index[0]


def speakers_page(store: Store, links: Links, request_url: URL, filters: dict, limit: int, offset: int) -> dict:
    """People who are quoted, most quoted first: one row per full name, with their usual actor and role.

    Grouped here from the quotes the store returns (the store has no speaker table yet).
    """
    df = store.quotes(**filters)
    df = df[df["speaker_name"].notna()]
    rows = []
    for name, group in df.groupby("speaker_name", sort=False):
        dates = group["date"].dropna()
        statements = group[group["kind"] != "partial"]  # a statement's pieces are not extra quotes
        rows.append({
            "name": name, "quotes": int(len(statements)), "articles": int(group["article_id"].nunique()),
            "actor_code": _most_common(group["speaker_code"]), "actor_sector": _most_common(group["speaker_sector"]),
            "role": _most_common(group["speaker_role"]), "organization": _most_common(group["speaker_organization"]),
            "first_date": dates.min() if not dates.empty else None,
            "last_date": dates.max() if not dates.empty else None,
        })
    rows.sort(key=lambda r: (-r["quotes"], r["name"]))
    for row in rows:
        row["links"] = {"html": links.speaker(row["name"]), "json": links.speaker(row["name"]) + ".json"}
    return paginate(request_url, rows[offset: offset + limit], len(rows), limit, offset, _public(filters))


def speaker_page(store: Store, links: Links, request_url: URL, name: str, limit: int, offset: int) -> dict:
    """Everything one person said, in date order (the speaker filter matches a part of the name; this
    keeps the quotes whose full name is exactly ``name``)."""
    df = store.quotes(speaker=name)
    df = df[df["speaker_name"] == name]
    rows = to_records(df)
    for row in rows:
        row["links"] = _quote_links(links, row)
    out = paginate(request_url, rows[offset: offset + limit], len(rows), limit, offset, {"speaker": name})
    out["name"] = name
    codes = Counter(r["speaker_code"] for r in rows if r.get("speaker_code"))
    out["actor_code"] = codes.most_common(1)[0][0] if codes else None
    out["roles"] = sorted({r["speaker_role"] for r in rows if r.get("speaker_role")})
    out["organizations"] = sorted({r["speaker_organization"] for r in rows if r.get("speaker_organization")})
    return out


# ----------------------------------------------------------------------------- overview
def stats_view(store: Store, links: Links) -> dict:
    counts = store.counts()
    return {"database": str(store.path), "counts": counts,
            "links": {"events": f"{links.base}/api/events", "articles": f"{links.base}/api/articles",
                      "docs": f"{links.base}/docs"}}

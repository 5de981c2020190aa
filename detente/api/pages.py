"""The dashboard: HTML pages, each with a JSON twin (``/dyad/USA/RUS`` and ``/dyad/USA/RUS.json``).

reads: the same views as the JSON API (``views.py``)      fills: pages rendered from ``templates/``

A page's template is named after its view (``dyad.html`` for ``/dyad/A/B``); partials start with ``_``;
every page extends ``base.html``. The twin is registered first, since ``{b}`` would also match
``RUS.json``.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from ..store import Store, queries
from . import params, views
from .routes import get_links, get_store
from .text import paragraphs, paragraphs_html

__all__ = ["router", "render"]

router = APIRouter(include_in_schema=False)

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def render(request: Request, name: str, data: dict, status_code: int = 200, **context: Any) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    json_url = None
    if status_code < 400:
        # From the path as sent (still percent-encoded: /speaker/Sergei%20Lavrov), filters kept.
        raw_path = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1")
        twin = "/index.json" if raw_path == "/" else raw_path + ".json"
        query = request.url.query
        json_url = str(request.base_url).rstrip("/") + twin + (f"?{query}" if query else "")
    return templates.TemplateResponse(request, name, {"data": data, "json_url": json_url, **context},
                                      status_code=status_code)


def _twin(request: Request, name: str, data: dict, **context: Any):
    """JSON for ``….json`` paths, else the page."""
    if request.url.path.endswith(".json"):
        return JSONResponse(data)
    return render(request, name, data, **context)


def _both(path: str):
    """Register a view at ``path.json`` (first) and ``path``."""
    def decorator(fn):
        router.add_api_route(path + ".json", fn, methods=["GET"])
        router.add_api_route(path, fn, methods=["GET"], response_class=HTMLResponse)
        return fn
    return decorator


@router.get("/index.json")
@router.get("/", response_class=HTMLResponse)
def index(request: Request, store: Store = Depends(get_store), links: views.Links = Depends(get_links)):
    data = views.stats_view(store, links)
    data["recent_articles"] = views.articles_page(store, links, request.url, {}, limit=10, offset=0)["rows"]
    return _twin(request, "index.html", data)


@router.get("/dyad")
def dyad_form(a: str = Query(..., min_length=1), b: str = Query(..., min_length=1)):
    """Target of the overview's dyad form: on to /dyad/A/B."""
    return RedirectResponse(f"/dyad/{quote(a.strip().upper(), safe='')}/{quote(b.strip().upper(), safe='')}",
                            status_code=303)


@_both("/dyad/{a}/{b}")
def dyad_page(request: Request, a: str, b: str, query: tuple = Depends(params.DYAD),
              store: Store = Depends(get_store), links: views.Links = Depends(get_links)):
    dyad, _ = query
    as_page = not request.url.path.endswith(".json")
    if as_page and not dyad.get("direction"):
        dyad = {**dyad, "direction": "both"}  # the page plots one direction at a time; the twin gives all three
    data = views.dyad_view(store, links, a, b, dyad)
    return _twin(request, "dyad.html", data, quad_classes=QUAD_CLASSES)


@_both("/events")
def events(request: Request, query: tuple = Depends(params.EVENTS),
           store: Store = Depends(get_store), links: views.Links = Depends(get_links)):
    filters, page = query
    data = views.events_page(store, links, request.url, filters, **page)
    return _twin(request, "events.html", data, types=queries.PLOVER_TYPES, modes=queries.MODES,
                 quad_classes=QUAD_CLASSES)


@_both("/stories")
def stories(request: Request, query: tuple = Depends(params.STORIES),
            store: Store = Depends(get_store), links: views.Links = Depends(get_links)):
    filters, page = query
    data = views.stories_page(store, links, request.url, filters, **page)
    return _twin(request, "stories.html", data, types=queries.PLOVER_TYPES, modes=queries.MODES,
                 quad_classes=QUAD_CLASSES)


@_both("/articles")
def articles(request: Request, query: tuple = Depends(params.ARTICLES),
             store: Store = Depends(get_store), links: views.Links = Depends(get_links)):
    filters, page = query
    data = views.articles_page(store, links, request.url, filters, **page)
    return _twin(request, "articles.html", data)


@_both("/article/{article_id}")
def article(request: Request, article_id: str,
            event: str | None = Query(None, description="Highlight this event's evidence"),
            quote: str | None = Query(None, description="Highlight this quote"),
            figure: str | None = Query(None, description="Highlight this figure"),
            start: int | None = Query(None, ge=0), end: int | None = Query(None, ge=0),
            store: Store = Depends(get_store), links: views.Links = Depends(get_links)):
    data = views.article_view(store, links, article_id)
    if data is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    found = views.highlight_span(data, event=event, quote=quote, figure=figure, start=start, end=end)
    mark, selected = found if found else (None, None)
    if request.url.path.endswith(".json"):
        data["highlight"] = {"start": mark[0], "end": mark[1], "item": selected} if mark else None
        return JSONResponse(data)
    return render(request, "article.html", data, text_html=paragraphs_html(paragraphs(data["article"]["text"], mark)),
                  selected=selected, quad_classes=QUAD_CLASSES)


@_both("/speakers")
def speakers(request: Request, query: tuple = Depends(params.QUOTES),
             store: Store = Depends(get_store), links: views.Links = Depends(get_links)):
    filters, page = query
    data = views.speakers_page(store, links, request.url, filters, **page)
    return _twin(request, "speakers.html", data)


@_both("/speaker/{name:path}")
def speaker(request: Request, name: str, page: dict = Depends(params.page), store: Store = Depends(get_store),
            links: views.Links = Depends(get_links)):
    data = views.speaker_page(store, links, request.url, name, **page)
    if not data["total"]:
        raise HTTPException(404, f"nobody named {name!r} is quoted in this database")
    return _twin(request, "speaker.html", data)


@_both("/figures")
def figures(request: Request, query: tuple = Depends(params.FIGURES),
            store: Store = Depends(get_store), links: views.Links = Depends(get_links)):
    filters, page = query
    data = views.figures_page(store, links, request.url, filters, **page)
    return _twin(request, "figures.html", data)


@_both("/search")
def search(request: Request, q: str | None = Query(None, description="Word or phrase"),
           page: dict = Depends(params.page), store: Store = Depends(get_store),
           links: views.Links = Depends(get_links)):
    if q is None or not q.strip():
        data = views.paginate(request.url, [], 0, page["limit"], page["offset"], {"q": q})
    else:
        data = views.search_page(store, links, request.url, q.strip(), **page)
    return _twin(request, "search.html", data)

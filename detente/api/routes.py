"""The JSON API under ``/api``: articles, events, story events, quotes, figures, speakers, dyads, search.

reads: validated filters (``params.py``)     fills: JSON pages from ``views.py``

Every list answers ``{total, limit, offset, next, previous, filters, rows}``; follow ``next`` until it is
null to read everything. Rows carry the evidence offsets (character offsets into the article text,
half-open) and ``links`` to the article page that highlights them.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from pydantic import BaseModel, Field

from ..store import Store
from . import params, views

__all__ = ["router", "get_store", "get_links"]


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_links(request: Request) -> views.Links:
    return views.Links(request.base_url)


class Page(BaseModel):
    """One page of a list."""

    total: int = Field(description="Rows matching the filters, over all pages")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page; null on the last")
    previous: str | None = Field(description="URL of the previous page; null on the first")
    filters: dict[str, Any] = Field(description="The filters applied, as given in the query string")
    rows: list[dict[str, Any]]


class SpeakerPage(Page):
    """What one person said: a page of their quotes."""

    name: str
    actor_code: str | None = Field(None, description="The speaker's actor code, as the quotes give it")
    roles: list[str] = Field(description="Roles the articles give the speaker")
    organizations: list[str]


class Dyad(BaseModel):
    """The dyad index of two actors: one row per period and direction (A->B, B->A, both)."""

    a: str
    b: str
    by: str
    note: str | None = Field(None, description="How counting works")
    excluded: dict[str, int] | None = Field(None, description="Story events left out of the counts, by reason")
    rows: list[dict[str, Any]] = Field(description="period, start, end, direction, stories, reports, q1..q4, "
                                       "intensity, cooperation, tone, quotes, and the evidence behind the point")
    model_config = {"extra": "allow"}


class Article(BaseModel):
    """An article with its text and every entity, quote, event and figure found in it."""

    article: dict[str, Any]
    entities: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    events: list[dict[str, Any]]
    figures: list[dict[str, Any]]
    links: dict[str, Any]


router = APIRouter(prefix="/api")

ArticleId = Path(description="The article's id (a hash of its normalised text)", examples=["3f2a9c…"])


@router.get("", tags=["overview"], summary="Row counts of the database and links to the lists")
def api_index(store: Store = Depends(get_store), links: views.Links = Depends(get_links)) -> dict:
    return views.stats_view(store, links)


@router.get("/articles", response_model=Page, tags=["articles"], summary="Articles, newest first (without text)")
def api_articles(request: Request, query: tuple = Depends(params.ARTICLES),
                 store: Store = Depends(get_store), links: views.Links = Depends(get_links)) -> dict:
    filters, page = query
    return views.articles_page(store, links, request.url, filters, **page)


@router.get("/articles/{article_id}", response_model=Article, tags=["articles"],
            summary="One article: text, entities, quotes, events and figures with their offsets")
def api_article(article_id: str = ArticleId, store: Store = Depends(get_store),
                links: views.Links = Depends(get_links)) -> dict:
    data = views.article_view(store, links, article_id)
    if data is None:
        raise HTTPException(404, f"no article with id {article_id!r}: list them at /api/articles")
    return data


@router.get("/events", response_model=Page, tags=["events"],
            summary="Event reports (who did what to whom), with their evidence sentence")
def api_events(request: Request, query: tuple = Depends(params.EVENTS),
               store: Store = Depends(get_store), links: views.Links = Depends(get_links)) -> dict:
    """The same rows as `detente events … --format csv`, plus `links`."""
    filters, page = query
    return views.events_page(store, links, request.url, filters, **page)


@router.get("/stories", response_model=Page, tags=["events"],
            summary="Story events: each happening once, with num_articles and num_sources")
def api_stories(request: Request, query: tuple = Depends(params.STORIES),
                store: Store = Depends(get_store), links: views.Links = Depends(get_links)) -> dict:
    filters, page = query
    return views.stories_page(store, links, request.url, filters, **page)


@router.get("/quotes", response_model=Page, tags=["quotes"], summary="Quotes with their speakers")
def api_quotes(request: Request, query: tuple = Depends(params.QUOTES),
               store: Store = Depends(get_store), links: views.Links = Depends(get_links)) -> dict:
    filters, page = query
    return views.quotes_page(store, links, request.url, filters, **page)


@router.get("/speakers", response_model=Page, tags=["quotes"], summary="People quoted, most quoted first")
def api_speakers(request: Request, query: tuple = Depends(params.QUOTES),
                 store: Store = Depends(get_store), links: views.Links = Depends(get_links)) -> dict:
    filters, page = query
    return views.speakers_page(store, links, request.url, filters, **page)


@router.get("/speakers/{name:path}", response_model=SpeakerPage, tags=["quotes"], summary="What one person said")
def api_speaker(request: Request, name: str = Path(description="The speaker's full name", examples=["Sergei Lavrov"]),
                page: dict = Depends(params.page), store: Store = Depends(get_store),
                links: views.Links = Depends(get_links)) -> dict:
    data = views.speaker_page(store, links, request.url, name, **page)
    if not data["total"]:
        raise HTTPException(404, f"nobody named {name!r} is quoted in this database: list them at /api/speakers")
    return data


@router.get("/figures", response_model=Page, tags=["figures"], summary="Reported figures with unit and source")
def api_figures(request: Request, query: tuple = Depends(params.FIGURES),
                store: Store = Depends(get_store), links: views.Links = Depends(get_links)) -> dict:
    filters, page = query
    return views.figures_page(store, links, request.url, filters, **page)


@router.get("/dyads/{a}/{b}", response_model=Dyad, tags=["dyads"],
            summary="How two actors treat each other over time, with the evidence of every point")
def api_dyad(a: str = Path(description="First actor code", examples=["USA"]),
             b: str = Path(description="Second actor code", examples=["RUS"]),
             query: tuple = Depends(params.DYAD), store: Store = Depends(get_store),
             links: views.Links = Depends(get_links)) -> dict:
    dyad, _ = query
    return views.dyad_view(store, links, a, b, dyad)


@router.get("/search", response_model=Page, tags=["search"],
            summary="Articles, events, quotes and figures holding a word or phrase")
def api_search(request: Request, q: str = Depends(params.search_params), page: dict = Depends(params.page),
               store: Store = Depends(get_store), links: views.Links = Depends(get_links)) -> dict:
    return views.search_page(store, links, request.url, q, **page)

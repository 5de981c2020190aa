"""HTTP API and web dashboard over a Détente database (FastAPI).

reads: a DuckDB store, opened read-only (``detente.open``)
fills: JSON under ``/api`` (OpenAPI docs at ``/docs``) and dashboard pages, each with a ``.json`` twin

    >>> from detente.api import create_app
    >>> app = create_app("detente.duckdb")      # serve with uvicorn, or `detente serve --db detente.duckdb`
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]

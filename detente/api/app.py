"""The FastAPI application: the JSON API, the dashboard and its static files, over one read-only store.

reads: a Détente DuckDB file, opened read-only      fills: HTTP answers

Everything the pages load is served from here — plotly.js from the installed ``plotly`` package,
Swagger UI's files from ``swagger-ui-bundle`` — so the dashboard and ``/docs`` work with no network.
There is no authentication: ``detente serve`` binds 127.0.0.1 unless told otherwise.
"""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from importlib import metadata, resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import DetenteError
from ..settings import Settings
from ..store import Store, open_database
from . import pages, params, routes
from .text import emphasise

__all__ = ["create_app"]

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent

DESCRIPTION = """\
Verifiable event data from news pages: who did what to whom, who said what, on which evidence.

Every list takes `limit` and `offset` and answers `{total, limit, offset, next, previous, filters, rows}`.
Rows carry their evidence offsets (character offsets into the article's text, half-open) and `links`
to the article page that highlights them. A bad filter gets a 422 naming the parameter and saying what
is valid. Every dashboard page has a JSON twin: add `.json` to its path (`/dyad/USA/RUS.json`).

The database is opened read-only. There is no authentication: serve it on 127.0.0.1 (the default).
"""

# Only our own files: no CDN, no external font. Plotly sets inline styles on the plot's elements.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'")


def plotly_js_path() -> Path:
    """The minified plotly.js bundled with the installed ``plotly`` package."""
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))


def swagger_ui_dir() -> Path | None:
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    return Path(swagger_ui_bundle.swagger_ui_path)


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path.endswith(".json") or path == "/openapi.json"


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.filters["emphasise"] = emphasise
    env.globals["version"] = __version__
    try:  # cache-busts /vendor/plotly.min.js when plotly is upgraded
        env.globals["plotly_version"] = metadata.version("plotly")
    except metadata.PackageNotFoundError:  # pragma: no cover - plotly is a dependency
        env.globals["plotly_version"] = None
    return templates


def create_app(db_path: str | Path, settings: Settings | None = None) -> FastAPI:
    """The HTTP API and dashboard over the Détente database at ``db_path``, opened read-only.

    Raises DetenteError when the database is missing or cannot be opened (with the fix).
    """
    store: Store = open_database(db_path, settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        store.close()

    app = FastAPI(title="Détente", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  openapi_tags=[
                      {"name": "overview", "description": "What the database holds"},
                      {"name": "dyads", "description": "Two actors over time"},
                      {"name": "events", "description": "Event reports and story events"},
                      {"name": "quotes", "description": "Who said what"},
                      {"name": "figures", "description": "Numbers reported, with their source"},
                      {"name": "articles", "description": "The analysed articles"},
                      {"name": "search", "description": "Full-text search over everything"},
                  ])
    app.state.store = store
    app.state.templates = _templates()
    app.add_middleware(GZipMiddleware, minimum_size=2048)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if response.headers.get("content-type", "").startswith("text/html") and request.url.path != "/docs":
            response.headers.setdefault("Content-Security-Policy", _CSP)
        return response

    _add_error_handlers(app)
    _add_assets(app)
    app.include_router(routes.router)
    app.include_router(pages.router)
    return app


def _add_assets(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    plotly_js = plotly_js_path()

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_bundle() -> Response:
        if not plotly_js.exists():
            return Response(f"plotly.js is missing from the plotly package ({plotly_js}): reinstall plotly",
                            status_code=404, media_type="text/plain")
        return FileResponse(plotly_js, media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=604800"})

    swagger = swagger_ui_dir()
    if swagger is not None:
        app.mount("/vendor/swagger-ui", StaticFiles(directory=str(swagger)), name="swagger-ui")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if swagger is None:
            return HTMLResponse("<p>Swagger UI is not installed (pip install swagger-ui-bundle-v2); "
                                "the OpenAPI schema is at <a href='/openapi.json'>/openapi.json</a>.</p>")
        return get_swagger_ui_html(openapi_url=app.openapi_url, title="Détente API",
                                   swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        errors = []
        for e in [_jsonable_error(e) for e in exc.errors()] + params.pending_errors(request):
            if e not in errors:  # the filter checks' own errors may come twice (kept, then raised)
                errors.append(e)
        if _wants_json(request):
            return JSONResponse({"detail": errors}, status_code=422)
        return pages.render(request, "error.html", {"status": 422, "title": "Bad filter", "errors": errors},
                            status_code=422)

    @app.exception_handler(DetenteError)
    async def detente_error(request: Request, exc: DetenteError):
        # The store's filter checks (E33x, dates, periods, dyads) are the user's to fix: 422.
        # Anything else (database closed, unreadable) is the server's: 500, with the fix for the operator.
        user_error = exc.code.startswith(("E33", "E306", "E307", "E344", "E345"))
        status = 422 if user_error else 500
        if not user_error:
            log.error("%s", exc)
        item = {"type": "value_error", "loc": [], "msg": f"{exc.message}: {exc.fix}" if exc.fix else exc.message,
                "code": exc.code, "fix": exc.fix}
        if _wants_json(request):
            return JSONResponse({"detail": [item]}, status_code=status)
        return pages.render(request, "error.html", {"status": status, "title": "Cannot answer", "errors": [item]},
                            status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if _wants_json(request) or request.url.path.startswith(("/static", "/vendor")):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        title = "Not found" if exc.status_code == 404 else "Error"
        return pages.render(request, "error.html",
                            {"status": exc.status_code, "title": title, "errors": [{"msg": str(exc.detail)}]},
                            status_code=exc.status_code)


def _jsonable_error(error: dict) -> dict:
    """FastAPI's error entries may hold exceptions in ``ctx``: keep what JSON can carry."""
    out = {k: v for k, v in error.items() if k != "ctx"}
    if "ctx" in error:
        out["ctx"] = {k: (v if isinstance(v, (str, int, float, bool, type(None), list)) else str(v))
                      for k, v in error["ctx"].items()}
    out.pop("url", None)
    return out

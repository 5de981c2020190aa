"""The `detente` command: a thin layer over the Python API.

Data goes to stdout; progress bars, messages and summaries go to stderr, so
``detente analyze page.html | jq`` works. Commands live in submodules by theme and
register themselves on ``app`` when imported below.
"""
from __future__ import annotations

import typer

app = typer.Typer(
    name="detente",
    help="Verifiable event data from news pages: who did what to whom, who said what, on which evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Imported for their side effect of registering commands on `app`.
from . import run  # noqa: E402,F401  analyze, ingest, demo, settings

try:  # query commands (events, quotes, figures, dyad, export) and serve land with the store
    from . import query  # noqa: E402,F401
except ImportError:  # pragma: no cover - only while the store is being built
    pass
try:
    from . import serve  # noqa: E402,F401
except ImportError:  # pragma: no cover
    pass

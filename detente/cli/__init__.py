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

def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"detente {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit.")) -> None:
    """Verifiable event data from news pages: who did what to whom, who said what, on which evidence."""


# Imported for their side effect of registering commands on `app`.
from . import run  # noqa: E402,F401  analyze, ingest, demo, settings
from . import query  # noqa: E402,F401  events, stories, quotes, figures, search, log, dyad, export
from . import serve  # noqa: E402,F401  serve

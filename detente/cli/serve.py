"""`detente serve`: the HTTP API and the dashboard over a database, with uvicorn."""
from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import typer

from . import app
from .run import DEMO_DB, err, fail_usage


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _bind_problem(host: str, port: int) -> tuple[str, str] | None:
    """(what is wrong, the fix) when uvicorn could not listen on host:port (in use, no such address);
    checked before starting, so the user gets the fix rather than uvicorn's log line. None when it can."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return (f"cannot resolve the host {host!r} ({exc.strerror})",
                "give --host an address of this machine: 127.0.0.1 (the default), or 0.0.0.0 for every interface")
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            probe.bind(address)
        except OSError as exc:
            return (f"cannot listen on {host}:{port}: {exc.strerror}",
                    "choose another port with --port (or stop the program using it)")
    return None


def _missing_db_fix(db: Path) -> str:
    hints = [f"create it with `detente ingest PATH... --db {db}`", f"or try `detente demo --db {db}`"]
    demo = Path(DEMO_DB)
    if db != demo and demo.exists():
        hints.insert(0, f"the demo database is here: `detente serve --db {demo}`;")
    return " ".join(hints)


@app.command()
def serve(
    db: Path = typer.Option(Path("detente.duckdb"), "--db", help="DuckDB file made by `detente ingest` or "
                            "`detente demo`; opened read-only."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. The default, 127.0.0.1, "
                             "answers only this machine: the data may be private and the server has no "
                             "authentication. Use 0.0.0.0 only on a network you trust."),
    port: int = typer.Option(8000, "--port", "-p", min=1, max=65535, help="Port to listen on."),
) -> None:
    """Serve the HTTP API (/api, docs at /docs) and the dashboard (dyads, events, articles, speakers).

    The database is opened read-only. While it is served, `detente ingest` cannot write to it:
    DuckDB lets one process write, or several read.
    """
    from ..errors import DetenteError

    if db.is_dir():
        fail_usage(f"{db} is a directory, not a database file", "give --db the DuckDB file itself")
    if not db.exists():
        fail_usage(f"the database {db} does not exist", _missing_db_fix(db))
    try:
        from ..api import create_app

        application = create_app(db)
    except DetenteError as exc:
        fail_usage(exc.message, exc.fix)

    problem = _bind_problem(host, port)
    if problem:
        fail_usage(*problem)

    import uvicorn

    if not _is_loopback(host):
        err.print(f"[yellow]Warning:[/] listening on {host}: anyone who can reach this machine can read "
                  "the database (there is no authentication).")
    shown = f"[{host}]" if ":" in host else host
    err.print(f"Serving {db} at [bold]http://{shown}:{port}/[/]  (API docs: http://{shown}:{port}/docs) — "
              "Ctrl+C to stop")
    uvicorn.run(application, host=host, port=port, log_level="warning")

"""`detente analyze`, `detente ingest`, `detente demo`, `detente settings`."""
from __future__ import annotations

import logging
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import app
from ..errors import DetenteError
from ..settings import Settings, load_settings, parse_size

err = Console(stderr=True, highlight=False)

DEMO_DB = "detente-demo.duckdb"

ConfigOption = typer.Option(None, "--config", help="TOML file of settings (see `detente settings`).",
                            dir_okay=False)
MaxBytesOption = typer.Option(None, "--max-bytes", help="Size cap per input document, e.g. 20MB (default from settings).")
WorkersOption = typer.Option(None, "--workers", "-w", min=1, help="Worker processes (each loads spaCy once).")
StageOption = typer.Option("all", "--stage", help="Stop after a stage: 'extract' (article text and metadata only) "
                           "or 'all'.")
StrictOption = typer.Option(False, "--strict", help="Exit with status 1 when any source failed.")
QuietOption = typer.Option(False, "--quiet", "-q", help="No progress bar or summary on stderr.")


def fail_usage(message: str, fix: str | None = None) -> None:
    err.print(f"[bold red]Error:[/] {message}" + (f"\n{fix}" if fix else ""))
    raise typer.Exit(2)


def build_settings(config: Optional[Path], **overrides) -> Settings:
    try:
        if overrides.get("max_bytes") is not None:
            overrides["max_bytes"] = parse_size(overrides["max_bytes"])
        return load_settings(config, **overrides)
    except DetenteError as exc:
        fail_usage(exc.message, exc.fix)


def check_paths(paths: list[str]) -> None:
    from ..ingest import expand_paths

    try:
        files = expand_paths(paths)
    except FileNotFoundError as exc:
        fail_usage(f"no such file or directory: {exc.args[0]}", "check the path; use - to read standard input")
    if not files:
        fail_usage("no input files found under " + ", ".join(paths),
                   "point at files or at directories that hold some (hidden files are ignored)")


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if not verbose:
        # trafilatura and htmldate warn about every page they trim; our own report says what matters.
        for name in ("trafilatura", "htmldate", "courlan", "readability"):
            logging.getLogger(name).setLevel(logging.ERROR)


@contextmanager
def progress_bar(paths: list[str], label: str, quiet: bool):
    """A progress bar over input files (stderr); yields the per-outcome callback."""
    from ..ingest import expand_paths

    files = expand_paths(paths)
    if quiet:
        yield lambda outcome: None
        return
    progress = Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                        MofNCompleteColumn(), TextColumn("files · {task.fields[docs]} documents"),
                        TimeElapsedColumn(), console=err, transient=True)
    task = progress.add_task(label, total=len(files), docs=0)
    state = {"path": None, "docs": 0}

    def on_outcome(outcome) -> None:
        state["docs"] += 1
        if outcome.source.path != state["path"]:
            if state["path"] is not None:
                progress.advance(task)
            state["path"] = outcome.source.path
        progress.update(task, docs=state["docs"])

    with progress:
        yield on_outcome
        progress.update(task, completed=len(files))


def print_summary(summary, quiet: bool, log_hint: str | None = None) -> None:
    if quiet:
        return
    colour = "red" if summary.errors else "green"
    err.print(f"[{colour}]Done:[/] {summary.line()}")
    for label, reason in summary.failures[:10]:
        err.print(f"  [red]error[/] {label}: {reason}")
    if len(summary.failures) > 10:
        err.print(f"  … and {len(summary.failures) - 10} more" + (f" ({log_hint})" if log_hint else ""))


@app.command()
def analyze(
    paths: list[str] = typer.Argument(..., help="Files, directories (recursive) or - for stdin: HTML, text, "
                                      "WARC/WET, gzipped or not."),
    format: str = typer.Option("jsonl", "--format", "-f", help="Output format: jsonl (one record per article)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write records to this file instead of stdout."),
    workers: Optional[int] = WorkersOption,
    stage: str = StageOption,
    max_bytes: Optional[str] = MaxBytesOption,
    config: Optional[Path] = ConfigOption,
    strict: bool = StrictOption,
    quiet: bool = QuietOption,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Debug logging on stderr."),
) -> None:
    """Analyse pages and write one JSON record per article to stdout (the record format is in the README).

    Progress and the summary go to stderr, so `detente analyze page.html | jq .events` works.
    """
    from ..pipeline import STAGES, run
    from ..runner import RunSummary

    _setup_logging(verbose)
    if format != "jsonl":
        fail_usage(f"unknown format {format!r}", "use --format jsonl")
    if stage not in STAGES:
        fail_usage(f"unknown stage {stage!r}", "use --stage " + " or --stage ".join(STAGES))
    settings = build_settings(config, workers=workers, max_bytes=max_bytes)
    check_paths(paths)
    summary = RunSummary()
    started = time.perf_counter()
    sink = open(out, "w", encoding="utf-8") if out else sys.stdout
    try:
        with progress_bar(paths, "Analysing", quiet) as on_outcome:
            for outcome in run(paths, settings, stage):
                summary.count(outcome)
                if outcome.record is not None:
                    sink.write(outcome.record.to_json() + "\n")
                    sink.flush()
                elif not quiet:
                    colour = "red" if outcome.status == "error" else "yellow"
                    err.print(f"[{colour}]{outcome.status}[/] {outcome.label}: {outcome.reason}")
                on_outcome(outcome)
    except BrokenPipeError:  # `detente analyze … | head`: stop quietly
        sys.stderr.close()
        os._exit(0)
    finally:
        if out:
            sink.close()
    summary.seconds = time.perf_counter() - started
    summary.failures = []  # already printed one per line above
    print_summary(summary, quiet)
    if strict and summary.errors:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, directories (recursive) or - for stdin."),
    db: Path = typer.Option(Path("detente.duckdb"), "--db", help="DuckDB file to store into (created if missing)."),
    workers: Optional[int] = WorkersOption,
    max_bytes: Optional[str] = MaxBytesOption,
    config: Optional[Path] = ConfigOption,
    strict: bool = StrictOption,
    quiet: bool = QuietOption,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Debug logging on stderr."),
) -> None:
    """Analyse pages and store the articles, entities, quotes, events and figures in a DuckDB file.

    The same article twice is stored once. Every source gets a row in the ingest_log table with
    ok / skipped / error and the reason.
    """
    from ..runner import ingest as run_ingest

    _setup_logging(verbose)
    settings = build_settings(config, workers=workers, max_bytes=max_bytes)
    check_paths(paths)
    try:
        with progress_bar(paths, "Ingesting", quiet) as on_outcome:
            summary = run_ingest(paths, str(db), settings, on_outcome=on_outcome)
    except DetenteError as exc:
        fail_usage(exc.message, exc.fix)
    print_summary(summary, quiet, log_hint=f"see the ingest_log table in {db}")
    if not quiet:
        err.print(f"Stored in {db}")
    if strict and summary.errors:
        raise typer.Exit(1)


def demo_corpus_path() -> Path:
    return Path(__file__).resolve().parent.parent / "demo" / "corpus" / "demo.warc.gz"


@app.command()
def demo(
    db: Path = typer.Option(Path(DEMO_DB), "--db", help="DuckDB file for the demo (created in the current directory)."),
    quiet: bool = QuietOption,
) -> None:
    """Ingest the bundled demo corpus (U.S.–Russia relations 2009–2010) and show the USA–RUS dyad."""
    from ..runner import ingest as run_ingest

    corpus = demo_corpus_path()
    if not corpus.exists():
        fail_usage(f"the demo corpus is missing from the installation: {corpus}",
                   "reinstall the package (pip install -e .)")
    paths = [str(corpus)]
    err.print(f"Ingesting the demo corpus {corpus.name} into {db} …")
    try:
        with progress_bar(paths, "Ingesting demo", quiet) as on_outcome:
            summary = run_ingest(paths, str(db), Settings(), on_outcome=on_outcome)
    except DetenteError as exc:
        fail_usage(exc.message, exc.fix)
    print_summary(summary, False)
    from .query import print_demo_dyad

    print_demo_dyad(db)
    err.print(f"\nOpen the dashboard:  [bold]detente serve --db {db}[/]  (then http://127.0.0.1:8000)")


@app.command("settings")
def show_settings(
    toml: bool = typer.Option(False, "--toml", help="Print a commented settings file to copy and edit instead."),
) -> None:
    """List every setting with its default and what it does (override them in a TOML file, --config)."""
    if toml:
        sys.stdout.write(Settings.defaults_toml())
        return
    table = Table("setting", "default", "what it does", show_lines=False)
    for name, default, help_text in Settings.describe():
        table.add_row(name, repr(default), help_text)
    Console().print(table)

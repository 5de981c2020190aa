"""`detente events|quotes|figures|stories|search|dyad|export`: queries over a stored database.

Each command opens the database read-only through the Python API (``detente.store.Store``), calls
the method a Python user would, and prints: data to stdout (a table, CSV or JSON lines), messages
to stderr. ``detente events --actor RUS --type AGREE --format csv`` prints exactly the rows of
``detente.open(db).events(actor="RUS", type="AGREE")``.
"""
from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich import box
from rich.table import Table
from rich.text import Text

from . import app
from ..errors import DetenteError

err = Console(stderr=True, highlight=False)

DbOption = typer.Option(Path("detente.duckdb"), "--db", help="DuckDB file made by `detente ingest` or `detente demo`.")
FormatOption = typer.Option("table", "--format", "-f", help="table (for reading), csv or jsonl (for tools).")
LimitOption = typer.Option(None, "--limit", min=0, help="At most this many rows.")
OffsetOption = typer.Option(0, "--offset", min=0, help="Skip this many rows first (with --limit: pages).")
FromOption = typer.Option(None, "--from", help="From this date on: YYYY, YYYY-MM or YYYY-MM-DD.")
ToOption = typer.Option(None, "--to", help="Up to the end of this date: YYYY, YYYY-MM or YYYY-MM-DD.")

_FORMATS = ("table", "csv", "jsonl")
_SPARKS = "▁▂▃▄▅▆▇█"


def _out() -> Console:
    """The console for data on stdout: as wide as the terminal, or 160 columns when piped
    (rich would wrap tables at 80), unless COLUMNS says otherwise."""
    if sys.stdout.isatty() or os.environ.get("COLUMNS"):
        return Console(highlight=False)
    return Console(highlight=False, width=160)


def _fail(exc: DetenteError, code: int = 2) -> None:
    err.print(f"[bold red]Error:[/] {exc.message}" + (f"\n{exc.fix}" if exc.fix else ""))
    raise typer.Exit(code)


def _open(db: Path):
    from ..store import open_database

    try:
        store = open_database(db)
    except DetenteError as exc:
        _fail(exc)
    unmerged = store.counts()["unmerged_events"]
    if unmerged:
        err.print(f"[yellow]Note:[/] {unmerged} events in {db} are not merged into story events yet; "
                  "story counts leave them out until the next `detente ingest` into it.")
    return store


def _run(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except DetenteError as exc:
        _fail(exc)


def _check_format(fmt: str) -> None:
    if fmt not in _FORMATS:
        _fail(DetenteError("E360", f"unknown format {fmt!r}", "use --format " + ", --format ".join(_FORMATS)))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _emit(df, fmt: str, columns: list[tuple[str, str, int | None]], title: str) -> None:
    """Print query rows: all columns as CSV or JSON lines, or the chosen ``columns``
    (name, header, max width) as a rich table."""
    from ..store import to_records

    rows = to_records(df)
    if fmt == "jsonl":
        out = sys.stdout
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(list(df.columns))
        for row in rows:
            writer.writerow([_cell(row[c]) for c in df.columns])
    else:
        table = Table(title=title, title_justify="left", show_lines=False)
        for name, header, width in columns:
            if name == "id":  # ids are looked up whole: never folded
                table.add_column(header, no_wrap=True, min_width=17)
            else:
                table.add_column(header, overflow="fold", max_width=width)
        for row in rows:
            table.add_row(*[Text(_cell(row.get(name))) for name, _, _ in columns])
        _out().print(table)
    total = df.attrs.get("total", len(rows))
    shown = f"{len(rows)} of {total}" if total != len(rows) else str(len(rows))
    err.print(f"{shown} rows" + (" (use --limit/--offset to page)" if total > len(rows) else "")
              + ("; --format csv or jsonl gives every column, ids included" if fmt == "table" else ""))


# ----------------------------------------------------------------------------- events and stories
@app.command()
def events(
    db: Path = DbOption,
    actor: Optional[str] = typer.Option(None, "--actor", help="Source or target actor code(s), e.g. RUS or USA,RUS."),
    source: Optional[str] = typer.Option(None, "--source", help="Source actor code(s)."),
    target: Optional[str] = typer.Option(None, "--target", help="Target actor code(s)."),
    type: Optional[str] = typer.Option(None, "--type", help="PLOVER event type(s), e.g. AGREE or ACCUSE,THREATEN."),
    mode: Optional[str] = typer.Option(None, "--mode", help="Mode(s): asserted, promised, intended, hypothetical, "
                                       "negated, historical, reported."),
    quad_class: Optional[str] = typer.Option(None, "--quad-class", help="QuadClass(es) 1-4."),
    start: Optional[str] = FromOption,
    end: Optional[str] = ToOption,
    text: Optional[str] = typer.Option(None, "--text", help="Words in the evidence sentence."),
    article: Optional[str] = typer.Option(None, "--article", help="Only this article id."),
    story: Optional[str] = typer.Option(None, "--story", help="Only the reports of this story event."),
    limit: Optional[int] = LimitOption,
    offset: int = OffsetOption,
    format: str = FormatOption,
) -> None:
    """Event reports with their evidence sentences (one row per report; see `stories` for merged events)."""
    _check_format(format)
    store = _open(db)
    df = _run(store.events, actor=actor, source=source, target=target, type=type, mode=mode,
              quad_class=quad_class, start=start, end=end, text=text, article_id=article, story_id=story,
              limit=limit, offset=offset)
    if format == "table":
        # The event's own date at its precision; an undated event shows its article's date, marked.
        attrs = dict(df.attrs)
        df = df.assign(when=[str(d) if d else (f"{str(s)[:10]}*" if s else "")
                             for d, s in zip(df["date"], df["date_start"])])
        df.attrs.update(attrs)
    _emit(df, format, [("when", "date", 11), ("type", "type", 9), ("mode", "mode", 10),
                       ("source_code", "source", 6), ("target_code", "target", 6), ("intensity", "int.", 5),
                       ("evidence_text", "evidence", 90)],
          f"Events in {db} (* = no date in the sentence: the article's date)")


@app.command()
def stories(
    db: Path = DbOption,
    actor: Optional[str] = typer.Option(None, "--actor", help="Source or target actor code(s)."),
    source: Optional[str] = typer.Option(None, "--source", help="Source actor code(s)."),
    target: Optional[str] = typer.Option(None, "--target", help="Target actor code(s)."),
    type: Optional[str] = typer.Option(None, "--type", help="PLOVER event type(s)."),
    mode: Optional[str] = typer.Option(None, "--mode", help="Mode(s)."),
    start: Optional[str] = FromOption,
    end: Optional[str] = ToOption,
    text: Optional[str] = typer.Option(None, "--text", help="Words in the representative evidence sentence."),
    min_articles: Optional[int] = typer.Option(None, "--min-articles", min=1, help="Reported by at least this many articles."),
    limit: Optional[int] = LimitOption,
    offset: int = OffsetOption,
    format: str = FormatOption,
) -> None:
    """Story events: each happening once, with how many articles and sources reported it."""
    _check_format(format)
    store = _open(db)
    df = _run(store.story_events, actor=actor, source=source, target=target, type=type, mode=mode,
              start=start, end=end, text=text, min_articles=min_articles, limit=limit, offset=offset)
    _emit(df, format, [("id", "id", None), ("date", "date", 10), ("type", "type", 9), ("source_code", "source", 6),
                       ("target_code", "target", 6), ("num_articles", "art.", 4),
                       ("num_sources", "src.", 4), ("evidence_text", "evidence", 90)],
          f"Story events in {db}")


# ----------------------------------------------------------------------------- quotes, figures, search
@app.command()
def quotes(
    db: Path = DbOption,
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Part of the speaker's name, e.g. Lavrov."),
    actor: Optional[str] = typer.Option(None, "--actor", help="Speaker's actor code(s), e.g. RUS."),
    kind: Optional[str] = typer.Option(None, "--kind", help="direct, indirect or partial."),
    text: Optional[str] = typer.Option(None, "--text", help="Words in the quote."),
    start: Optional[str] = FromOption,
    end: Optional[str] = ToOption,
    article: Optional[str] = typer.Option(None, "--article", help="Only this article id."),
    limit: Optional[int] = LimitOption,
    offset: int = OffsetOption,
    format: str = FormatOption,
) -> None:
    """Quotes with their speakers (dates are the articles' publication dates)."""
    _check_format(format)
    store = _open(db)
    df = _run(store.quotes, speaker=speaker, actor=actor, kind=kind, text=text, start=start, end=end,
              article_id=article, limit=limit, offset=offset)
    _emit(df, format, [("date", "date", 10), ("speaker_name", "speaker", 22), ("speaker_code", "actor", 6),
                       ("kind", "kind", 8), ("text", "quote", 90)], f"Quotes in {db}")


@app.command()
def figures(
    db: Path = DbOption,
    text: Optional[str] = typer.Option(None, "--text", help="Words in the figure or in what it quantifies."),
    unit: Optional[str] = typer.Option(None, "--unit", help="Unit(s), e.g. USD or percent."),
    source: Optional[str] = typer.Option(None, "--source", help="Words in the figure's source."),
    start: Optional[str] = FromOption,
    end: Optional[str] = ToOption,
    article: Optional[str] = typer.Option(None, "--article", help="Only this article id."),
    limit: Optional[int] = LimitOption,
    offset: int = OffsetOption,
    format: str = FormatOption,
) -> None:
    """Reported figures: value, unit, what they quantify and on whose authority."""
    _check_format(format)
    store = _open(db)
    df = _run(store.figures, text=text, unit=unit, source=source, start=start, end=end, article_id=article,
              limit=limit, offset=offset)
    _emit(df, format, [("published_date", "date", 10), ("text", "figure", 24), ("value", "value", 12),
                       ("unit", "unit", 8), ("quantity", "of", 36), ("source", "source", 28)], f"Figures in {db}")


@app.command()
def search(
    query: str = typer.Argument(..., help="Word or phrase to look for (case-insensitive)."),
    db: Path = DbOption,
    limit: Optional[int] = typer.Option(50, "--limit", min=0, help="At most this many rows."),
    offset: int = OffsetOption,
    format: str = FormatOption,
) -> None:
    """Articles, events, quotes and figures whose text holds QUERY."""
    _check_format(format)
    store = _open(db)
    df = _run(store.search, query, limit=limit, offset=offset)
    _emit(df, format, [("kind", "kind", 7), ("article_title", "article", 30), ("text", "text", 80),
                       ("id", "id", 24)], f"“{query}” in {db}")


@app.command("log")
def ingest_log(
    db: Path = DbOption,
    status: Optional[str] = typer.Option(None, "--status", help="ok, skipped or error (comma-separated for several)."),
    limit: Optional[int] = LimitOption,
    offset: int = OffsetOption,
    format: str = FormatOption,
) -> None:
    """The ingest log: one row per source with ok / skipped / error and the reason."""
    _check_format(format)
    store = _open(db)
    df = _run(store.ingest_log, status=status, limit=limit, offset=offset)
    if format == "table" and not df.empty:
        attrs = dict(df.attrs)
        df = df.assign(last_seen=df["last_seen"].str[:19])  # to the second, for reading
        df.attrs.update(attrs)
    _emit(df, format, [("status", "status", 7), ("source", "source", 50), ("reason", "reason", 60),
                       ("last_seen", "last seen", 19)], f"Ingest log of {db}")


# ----------------------------------------------------------------------------- dyad
def sparkline(values: list[float]) -> str:
    """Block characters scaled from the smallest to the largest value (all equal: a flat line)."""
    if not values:
        return ""
    lo, hi = min(values), max(values)
    if hi == lo:
        return _SPARKS[0 if hi == 0 else 3] * len(values)
    return "".join(_SPARKS[round((v - lo) / (hi - lo) * (len(_SPARKS) - 1))] for v in values)


def _quad_mix(row: dict) -> str:
    """Four bars, Q1..Q4 of one period, scaled to the period's largest count."""
    counts = [row["q1"], row["q2"], row["q3"], row["q4"]]
    top = max(counts)
    if not top:
        return "····"
    return "".join("·" if c == 0 else _SPARKS[max(1, round(c / top * (len(_SPARKS) - 1)))] for c in counts)


def _fmt(value, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def dyad_table(df) -> Table:
    """The dyad index as a rich table: one row per period, both directions side by side."""
    from ..store import to_records

    a, b = df.attrs["a"], df.attrs["b"]
    ab, ba = f"{a}->{b}", f"{b}->{a}"
    rows = to_records(df)
    by_period: dict[str, dict[str, dict]] = {}
    for r in rows:
        by_period.setdefault(r["period"], {})[r["direction"]] = r
    # A light box and two-line headers keep the table within 80 columns, where terminals start.
    table = Table(title=f"{a}–{b} by {df.attrs['by']}: story events (each happening once)", title_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1), collapse_padding=True)
    for header in (df.attrs["by"], f"{a}→{b}", f"{b}→{a}", "Q1 Q2 Q3 Q4",
                   "inten-\nsity", "coop.\nshare", f"tone\n{a}→{b}", f"tone\n{b}→{a}", "re-\nports"):
        table.add_column(header, justify="left" if header == df.attrs["by"] else "right", no_wrap=True)
    for period, d in by_period.items():
        both, one, two = d.get("both"), d.get(ab), d.get(ba)
        if both is None:
            continue
        table.add_row(period, str(one["stories"] if one else ""), str(two["stories"] if two else ""),
                      " ".join(f"{both[q]:>2}" for q in ("q1", "q2", "q3", "q4")),
                      f"{both['intensity']:+.1f}", _fmt(both["cooperation"]),
                      _fmt(one["tone"]) if one else "", _fmt(two["tone"]) if two else "", str(both["reports"]))
    series = [d["both"]["intensity"] for d in by_period.values() if "both" in d]
    table.caption = f"intensity over time {sparkline(series)}" if series else None
    return table


def _excluded_note(df) -> str | None:
    ex = df.attrs.get("excluded", {})
    parts = [f"{n} {what.replace('_', ' ')}" for what, n in ex.items() if n and what != "outside_range"]
    return ("Not counted: " + ", ".join(parts) + " stories.") if parts else None


def print_demo_dyad(db) -> None:
    """The USA–RUS monthly dyad of a database, as `detente demo` ends."""
    store = _open(Path(db))
    try:
        df = store.dyad("USA", "RUS", by="month")
    finally:
        store.close()
    if df.empty:
        err.print("No USA–RUS events in the database.")
        return
    _out().print(dyad_table(df))
    err.print(df.attrs["note"])
    note = _excluded_note(df)
    if note:
        err.print(note)


def plot_dyad(df, path: Path) -> None:
    """Save the dyad timeline with matplotlib: stories per QuadClass (stacked bars), intensity per
    direction and the tone of each side's quotes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    a, b = df.attrs["a"], df.attrs["b"]
    both = df[df["direction"] == "both"].reset_index(drop=True)
    periods = list(both["period"])
    x = list(range(len(periods)))
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(max(7, 0.45 * len(x) + 3), 6.5), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 2]})
    colours = {"q1": "#7fbf7b", "q2": "#1b7837", "q3": "#f4a582", "q4": "#b2182b"}
    labels = {"q1": "Q1 verbal cooperation", "q2": "Q2 material cooperation",
              "q3": "Q3 verbal conflict", "q4": "Q4 material conflict"}
    base = [0] * len(x)
    for q in ("q1", "q2", "q3", "q4"):
        values = list(both[q])
        top.bar(x, values, bottom=base, color=colours[q], label=labels[q], width=0.8)
        base = [p + v for p, v in zip(base, values)]
    top.set_ylabel("story events")
    top.set_title(f"{a}–{b}: story events per {df.attrs['by']} (each happening counted once)")
    top.legend(loc="upper left", fontsize=8, frameon=False)
    for direction, style in ((f"{a}->{b}", "-o"), (f"{b}->{a}", "--s")):
        sub = df[df["direction"] == direction].reset_index(drop=True)
        bottom.plot(x, list(sub["intensity"]), style, label=f"intensity {direction.replace('->', '→')}", markersize=4)
        tones = [(i, t) for i, t in enumerate(sub["tone"]) if t is not None and t == t]
        if tones:
            bottom.scatter([i for i, _ in tones], [t * 10 for _, t in tones], marker="*", s=60,
                           label=f"tone ×10 {direction.replace('->', '→')}")
    bottom.axhline(0, color="#888", linewidth=0.8)
    bottom.set_ylabel("sum of intensity")
    bottom.legend(loc="upper left", fontsize=8, frameon=False)
    step = max(1, len(x) // 16)
    bottom.set_xticks(x[::step])
    bottom.set_xticklabels(periods[::step], rotation=45, ha="right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


@app.command()
def dyad(
    a: str = typer.Argument(..., help="First actor code, e.g. USA."),
    b: str = typer.Argument(..., help="Second actor code, e.g. RUS."),
    db: Path = DbOption,
    by: str = typer.Option("month", "--by", help="Period: day, week, month or year."),
    start: Optional[str] = FromOption,
    end: Optional[str] = ToOption,
    plot: Optional[Path] = typer.Option(None, "--plot", help="Also save the timeline plot to this .png, .svg or .pdf file."),
    format: str = FormatOption,
) -> None:
    """How A and B treat each other per period: story events per QuadClass, intensity, share of
    cooperation and the tone of each side's quotes about the other, with the evidence (csv/jsonl)."""
    _check_format(format)
    if plot is not None and plot.suffix.lower() not in (".png", ".svg", ".pdf"):
        _fail(DetenteError("E361", f"cannot tell the plot format of {plot}", "name the file .png, .svg or .pdf"))
    store = _open(db)
    df = _run(store.dyad, a, b, by=by, start=start, end=end)
    if df.empty:
        err.print(f"No events between {df.attrs['a']} and {df.attrs['b']} in {db}"
                  + (" in that period." if start or end else "."))
    elif format == "table":
        _out().print(dyad_table(df))
    else:
        _emit(df, format, [], "")
    if not df.empty:
        err.print(df.attrs["note"])
        note = _excluded_note(df)
        if note:
            err.print(note)
    if plot is not None and not df.empty:
        plot_dyad(df, plot)
        err.print(f"Plot saved to {plot}")


# ----------------------------------------------------------------------------- export
@app.command()
def export(
    format: str = typer.Option(..., "--format", "-f", help="gdelt (GDELT 2.0 event table, TSV), plover (JSON lines), "
                               "parquet, or jsonl (the analysed records)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="File to write (stdout if omitted; required for parquet: "
                                       "a directory, or a .parquet file for one table)."),
    db: Path = DbOption,
    header: bool = typer.Option(False, "--header", help="gdelt: put a header line first (GDELT's files have none)."),
    table: Optional[list[str]] = typer.Option(None, "--table", help="parquet: table(s) to write (default: all into "
                                              "a directory, events into a .parquet file)."),
) -> None:
    """Export the database: GDELT 2.0 event table, PLOVER JSON, Parquet, or the JSON records."""
    from .. import export as exporter

    if format not in exporter.FORMATS:
        _fail(DetenteError("E362", f"unknown export format {format!r}", "use --format " + ", --format ".join(exporter.FORMATS)))
    if format == "parquet" and out is None:
        _fail(DetenteError("E363", "Parquet is binary and is not written to the terminal",
                           "give --out DIR (one file per table) or --out events.parquet"))
    store = _open(db)
    try:
        if format == "parquet":
            files = _run(exporter.write_parquet, store, out, table)
            err.print(f"Wrote {len(files)} Parquet file(s): " + ", ".join(str(f) for f in files))
            return
        sink = open(out, "w", encoding="utf-8", newline="\n") if out else sys.stdout
        try:
            if format == "gdelt":
                n = exporter.write_gdelt(store, sink, header=header)
                what = "story events (GDELT rows)"
            elif format == "plover":
                n = exporter.write_plover(store, sink)
                what = "story events (PLOVER records)"
            else:
                n = exporter.write_jsonl(store, sink)
                what = "article records"
        finally:
            if out:
                sink.close()
        err.print(f"Exported {n} {what}" + (f" to {out}" if out else ""))
    except BrokenPipeError:  # `detente export … | head`
        sys.stderr.close()
        raise typer.Exit(0)
    finally:
        store.close()

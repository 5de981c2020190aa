"""The query commands through a real subprocess: the same rows as the Python API, data on stdout
and messages on stderr, clear errors for a missing database or a bad filter, plots and exports."""
from __future__ import annotations

import csv
import io
import json
import subprocess

import pytest

from detente.cli.query import _cell
from detente.store import open_database, to_records
from test_dyads import TRANSIT_1, build


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "cli.duckdb"
    build(path).close()
    return path


def run(detente_cmd, env, *args, ok=True):
    proc = subprocess.run([*detente_cmd, *map(str, args)], capture_output=True, text=True, env=env, timeout=120)
    if ok:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_cli_query_events_csv_gives_the_rows_of_the_python_api(detente_cmd, cli_env, db):
    proc = run(detente_cmd, cli_env, "events", "--db", db, "--actor", "RUS", "--type", "AGREE", "--format", "csv")
    printed = list(csv.reader(io.StringIO(proc.stdout)))
    with open_database(db) as store:
        df = store.events(actor="RUS", type="AGREE")
    assert printed[0] == list(df.columns)
    assert printed[1:] == [[_cell(row[c]) for c in df.columns] for row in to_records(df)]
    assert len(printed) - 1 == 4  # three transit reports and the refusal
    assert "4 rows" in proc.stderr


def test_cli_query_jsonl_rows_equal_the_api_records(detente_cmd, cli_env, db):
    proc = run(detente_cmd, cli_env, "quotes", "--db", db, "--speaker", "lavrov", "--format", "jsonl")
    with open_database(db) as store:
        expected = to_records(store.quotes(speaker="lavrov"))
    assert [json.loads(line) for line in proc.stdout.splitlines()] == expected
    assert expected[0]["speaker_name"] == "Sergei Lavrov"


def test_cli_query_table_shows_evidence_and_pages(detente_cmd, cli_env, db):
    proc = run(detente_cmd, cli_env, "events", "--db", db, "--limit", "2", "--offset", "1")
    assert "Events in" in proc.stdout and "2 of 9 rows" in proc.stderr
    stories = run(detente_cmd, cli_env, "stories", "--db", db, "--min-articles", "2", "--format", "jsonl")
    rows = [json.loads(line) for line in stories.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["num_articles"] == 3 and rows[0]["evidence_text"] == TRANSIT_1


def test_cli_query_dyad_prints_a_table_with_a_sparkline_and_saves_plots(detente_cmd, cli_env, db, tmp_path):
    png, svg = tmp_path / "dyad.png", tmp_path / "dyad.svg"
    proc = run(detente_cmd, cli_env, "dyad", "USA", "RUS", "--db", db, "--by", "month", "--plot", png)
    for period in ("2009-07", "2009-08", "2009-09"):
        assert period in proc.stdout
    assert any(ch in proc.stdout for ch in "▁▂▃▄▅▆▇█")
    assert "story events" in proc.stderr and "Not counted: 2 negated or hypothetical" in proc.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    run(detente_cmd, cli_env, "dyad", "USA", "RUS", "--db", db, "--from", "2009-07", "--to", "2009-07", "--plot", svg)
    assert "<svg" in svg.read_text()


def test_cli_query_dyad_jsonl_has_the_evidence(detente_cmd, cli_env, db):
    proc = run(detente_cmd, cli_env, "dyad", "USA", "RUS", "--db", db, "--format", "jsonl")
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == 9
    july = next(r for r in rows if r["period"] == "2009-07" and r["direction"] == "RUS->USA")
    assert july["stories"] == 1 and july["reports"] == 3 and july["evidence"][0]["text"] == TRANSIT_1


def test_cli_query_export_formats(detente_cmd, cli_env, db, tmp_path):
    out = tmp_path / "events.tsv"
    proc = run(detente_cmd, cli_env, "export", "--db", db, "--format", "gdelt", "--out", out)
    rows = list(csv.reader(out.open(), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows and all(len(r) == 61 for r in rows) and "Exported" in proc.stderr
    plover = run(detente_cmd, cli_env, "export", "--db", db, "--format", "plover")
    assert all("event_type" in json.loads(line) for line in plover.stdout.splitlines())
    records = run(detente_cmd, cli_env, "export", "--db", db, "--format", "jsonl")
    assert len(records.stdout.splitlines()) == 4
    run(detente_cmd, cli_env, "export", "--db", db, "--format", "parquet", "--out", tmp_path / "pq")
    assert (tmp_path / "pq" / "events.parquet").exists()
    refused = run(detente_cmd, cli_env, "export", "--db", db, "--format", "parquet", ok=False)
    assert refused.returncode == 2 and "--out" in refused.stderr and refused.stdout == ""


@pytest.mark.parametrize("command", [["events"], ["dyad", "USA", "RUS"], ["export", "--format", "gdelt"],
                                     ["quotes"], ["figures"]])
def test_cli_query_missing_database_names_it_and_suggests_ingest(detente_cmd, cli_env, tmp_path, command):
    missing = tmp_path / "nothing-here.duckdb"
    proc = run(detente_cmd, cli_env, *command, "--db", missing, ok=False)
    assert proc.returncode == 2 and proc.stdout == ""
    flat = " ".join(proc.stderr.split())
    assert str(missing) in flat and "detente ingest" in flat and "detente demo" in flat
    assert not missing.exists()


def test_cli_query_bad_filter_lists_the_valid_values(detente_cmd, cli_env, db):
    proc = run(detente_cmd, cli_env, "events", "--db", db, "--type", "HUG", ok=False)
    assert proc.returncode == 2 and "unknown event type 'HUG'" in proc.stderr and "THREATEN" in proc.stderr
    proc = run(detente_cmd, cli_env, "dyad", "USA", "RUS", "--db", db, "--by", "fortnight", ok=False)
    assert proc.returncode == 2 and "--by" in proc.stderr


@pytest.mark.parametrize("command", ["events", "stories", "quotes", "figures", "search", "dyad", "export"])
def test_cli_query_every_command_has_help(detente_cmd, cli_env, command):
    proc = run(detente_cmd, cli_env, command, "--help")
    assert "--db" in proc.stdout and len(proc.stdout.splitlines()) > 5

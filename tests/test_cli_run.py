"""The CLI through a subprocess, as a user runs it: data on stdout, messages on stderr, exit codes."""
from __future__ import annotations

import gzip
import json
import subprocess

import duckdb
import pytest

from warcfile import gzip_members, response_record, warcinfo

ARTICLE = """<!DOCTYPE html><html><head><title>Russia and U.S. agree on transit | The Meridian Post</title>
<meta property="og:site_name" content="The Meridian Post"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Sign in</a></nav>
<article><h1>Russia and U.S. agree on transit</h1>
<p class="byline">By Jane Holloway</p>
<p>MOSCOW, July 6, 2009 — Russia agreed on Monday to let American military flights carry troops and weapons across its
territory to Afghanistan, officials said after talks between President Barack Obama and President Dmitry Medvedev.</p>
<p>"This is a practical step that serves both our countries," Medvedev told reporters at the Kremlin.</p>
<p>The deal could save the Pentagon as much as $133 million a year in fuel and other costs, according to U.S. officials.</p>
</article><footer>© 2009 The Meridian Post. All rights reserved.</footer></body></html>"""

FLAT = """Home
World
Sign in

Washington and Moscow restart arms talks

Negotiators from the United States and Russia met in Geneva on Tuesday to begin work on a successor to the 1991
Strategic Arms Reduction Treaty, which expires in December.

The delegations, led by Assistant Secretary of State Rose Gottemoeller and Anatoly Antonov of the Russian foreign
ministry, said the first round had been constructive.

Share this story
"""


def run(cmd, args, env, **kw):
    return subprocess.run(cmd + args, capture_output=True, text=True, env=env, timeout=300, **kw)


@pytest.fixture()
def corpus(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "transit.html").write_text(ARTICLE, encoding="utf-8")
    (d / "talks.txt").write_text(FLAT, encoding="utf-8")
    return d


def test_cli_analyze_writes_jsonl_to_stdout_and_summary_to_stderr(detente_cmd, cli_env, corpus):
    page = str(corpus / "transit.html")
    proc = run(detente_cmd, ["analyze", page, "--format", "jsonl"], cli_env)
    assert proc.returncode == 0, proc.stderr
    [line] = proc.stdout.strip().splitlines()
    record = json.loads(line)
    assert record["source"]["path"] == page
    assert record["article"]["title"] == "Russia and U.S. agree on transit"
    assert "Afghanistan" in record["article"]["text"]
    assert "Sign in" not in record["article"]["text"]
    assert set(record) >= {"id", "source", "article", "entities", "quotes", "events", "figures"}
    assert "1 processed" in proc.stderr and "pages/s" in proc.stderr


def test_cli_analyze_directory_with_one_bad_file_completes(detente_cmd, cli_env, corpus):
    (corpus / "broken.txt.gz").write_bytes(gzip.compress(FLAT.encode() * 20)[:-30])
    proc = run(detente_cmd, ["analyze", str(corpus), "--stage", "extract"], cli_env)
    assert proc.returncode == 0
    assert len(proc.stdout.strip().splitlines()) == 2
    assert "broken.txt.gz" in proc.stderr and "truncated gzip" in proc.stderr
    assert "1 errors" in proc.stderr


def test_cli_analyze_strict_exits_nonzero_when_a_source_failed(detente_cmd, cli_env, corpus):
    (corpus / "junk.html").write_bytes(b"\x00\x01\x02" * 100)
    proc = run(detente_cmd, ["analyze", str(corpus), "--stage", "extract", "--strict"], cli_env)
    assert proc.returncode == 1
    assert len(proc.stdout.strip().splitlines()) == 2


def test_cli_analyze_missing_path_is_usage_error(detente_cmd, cli_env, tmp_path):
    proc = run(detente_cmd, ["analyze", str(tmp_path / "nope.html")], cli_env)
    assert proc.returncode == 2
    assert "no such file or directory" in proc.stderr and "nope.html" in proc.stderr
    assert proc.stdout == ""


def test_cli_analyze_reads_stdin(detente_cmd, cli_env):
    proc = run(detente_cmd, ["analyze", "-", "--stage", "extract"], cli_env, input=FLAT)
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["source"]["path"] == "-"
    assert "Geneva" in record["article"]["text"]


def test_cli_analyze_out_file_and_size_cap(detente_cmd, cli_env, corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    proc = run(detente_cmd, ["analyze", str(corpus), "--stage", "extract", "--out", str(out), "--max-bytes", "0.6kB"],
               cli_env)
    assert proc.returncode == 0
    assert proc.stdout == ""
    assert out.read_text().count("\n") == 1          # the flat text (421 bytes) is under the cap, the page (904) is not
    assert "over the size cap" in proc.stderr


def test_cli_ingest_twice_stores_once_and_logs_every_source(detente_cmd, cli_env, corpus, tmp_path):
    db = tmp_path / "store.duckdb"
    warc = corpus / "crawl.warc.gz"
    warc.write_bytes(gzip_members([warcinfo(), response_record("https://meridian.example/transit", ARTICLE)]))
    for _ in range(2):
        proc = run(detente_cmd, ["ingest", str(corpus), "--db", str(db)], cli_env)
        assert proc.returncode == 0, proc.stderr
    assert "already stored" in proc.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        # transit.html and the WARC copy of it are one article; talks.txt is the other.
        assert con.execute("select count(*) from articles").fetchone()[0] == 2
        rows = con.execute("select source, status from ingest_log order by source").fetchall()
        assert len(rows) == 3 and {r[1] for r in rows} == {"ok"}
        url = con.execute("select url from ingest_log where source like '%crawl.warc.gz%'").fetchone()[0]
        assert url == "https://meridian.example/transit"
    finally:
        con.close()


def test_cli_usage_error_exit_code_2(detente_cmd, cli_env):
    proc = run(detente_cmd, ["analyze", "--format", "xml", "x"], cli_env)
    assert proc.returncode == 2


def test_cli_every_command_has_help(detente_cmd, cli_env):
    import typer

    from detente.cli import app

    commands = typer.main.get_command(app).commands
    assert {"analyze", "ingest", "demo"} <= set(commands)
    for name, command in commands.items():
        assert (command.help or "").strip(), f"{name} has no help text"
        sub = run(detente_cmd, [name, "--help"], cli_env)
        assert sub.returncode == 0 and "Usage" in sub.stdout, name


def test_cli_log_lists_failed_sources_with_reason(detente_cmd, cli_env, corpus, tmp_path):
    db = tmp_path / "store.duckdb"
    (corpus / "photo.jpg").write_bytes(bytes(range(256)) * 20)
    proc = run(detente_cmd, ["ingest", str(corpus), "--db", str(db), "-q"], cli_env)
    assert proc.returncode == 0, proc.stderr
    proc = run(detente_cmd, ["log", "--db", str(db), "--status", "error", "--format", "csv"], cli_env)
    assert proc.returncode == 0, proc.stderr
    header, *rows = proc.stdout.strip().splitlines()
    assert len(rows) == 1 and "photo.jpg" in rows[0] and "binary data" in rows[0]
    assert header.startswith("source,")

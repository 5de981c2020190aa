"""The DuckDB store: schema and migration, one transaction per article, idempotent re-adds,
clear errors on bad files, the ingest log, and the query methods the CLI and the HTTP API use."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from detente.errors import DetenteError
from detente.records import Record
from detente.settings import Settings
from detente.store import SCHEMA_VERSION, Store, open_database, to_records
from detente.store.schema import MIGRATIONS, current_version, migrate
from storekit import entity, event, figure, quote, record

ROOT = Path(__file__).resolve().parent.parent

TEXT = ("Moscow agreed on Monday to let American planes carry troops across Russian airspace.\n\n"
        "\"This is a constructive step for Washington and for us,\" said Sergei Lavrov. "
        "Trade between the two reached $36 billion last year, according to the customs service.")


def sample() -> Record:
    return record(
        TEXT, publisher="The Daily Example", url="https://www.example.com/news/1",
        events=[event(TEXT, "Moscow agreed on Monday to let American planes carry troops across Russian airspace.",
                      "agreed", "AGREE", ("Moscow", "RUS", "GOV"), ("American", "USA", None), date="2009-07-06",
                      mode="promised")],
        quotes=[quote(TEXT, "This is a constructive step for Washington and for us,", "Sergei Lavrov", "RUS")],
        entities=[entity(TEXT, "Moscow", "RUS", "GOV"), entity(TEXT, "Washington", "USA", "GOV"),
                  entity(TEXT, "Sergei Lavrov", "RUS", "GOV", label="PERSON")],
        figures=[figure(TEXT, "$36 billion", 36e9, "USD", "Trade between the two", "2008", "the customs service")],
        versions={"coder": "test-1"},
    )


def table_counts(path: Path) -> dict[str, int]:
    with Store.open(path, read_only=True) as store:
        return store.counts()


# ----------------------------------------------------------------------------- writing
def test_store_add_record_stores_every_table(tmp_path):
    db = tmp_path / "d.duckdb"
    rec = sample()
    with Store.open(db) as store:
        assert store.add_record(rec) is True
        assert store.schema_version == SCHEMA_VERSION
    counts = table_counts(db)
    assert {k: counts[k] for k in ("articles", "entities", "quotes", "events", "figures")} == \
        {"articles": 1, "entities": 3, "quotes": 1, "events": 1, "figures": 1}
    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute("SELECT record, versions FROM articles").fetchone()
    assert Record.from_dict(json.loads(stored[0])).events == rec.events
    assert json.loads(stored[1]) == {"coder": "test-1"}


def test_store_readding_an_article_changes_nothing(tmp_path):
    db = tmp_path / "d.duckdb"
    with Store.open(db) as store:
        assert store.add_record(sample()) is True
        store.update_stories()
        before = store.counts()
        stories_before = to_records(store.story_events())
        assert store.add_record(sample()) is False
        store.update_stories()
        assert store.counts() == before
        assert to_records(store.story_events()) == stories_before


def test_store_failed_insert_leaves_no_part_of_the_article(tmp_path):
    """A record whose last table fails (a figure value that is not a number) must leave none of
    its earlier rows (article, entities, quotes, events) behind."""
    db = tmp_path / "d.duckdb"
    good = sample()
    bad = Record(**{**good.__dict__, "figures": (good.figures[0].__class__(
        **{**good.figures[0].__dict__, "value": "thirty-six"}),)})
    with Store.open(db) as store:
        with pytest.raises(DetenteError) as info:
            store.add_record(bad)
        assert good.id in info.value.message and "nothing of it was stored" in info.value.fix
        assert all(n == 0 for n in store.counts().values())
        assert store.add_record(good) is True  # the failure left nothing that blocks the good record
        assert store.counts()["events"] == 1


def test_store_crash_mid_article_leaves_nothing(tmp_path):
    """The process dies (os._exit, no cleanup) after the article and entity rows are written and
    before the transaction commits: the reopened database holds nothing of that article."""
    db = tmp_path / "d.duckdb"
    with Store.open(db) as store:  # the schema exists before the crash
        pass
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(ROOT / "tests")!r})
        from detente.store import Store
        from test_store import sample
        store = Store.open({str(db)!r})
        original = Store._insert
        def insert_then_die(self, table, columns):
            original(self, table, columns)
            if table == "quotes":
                os._exit(3)
        Store._insert = insert_then_die
        store.add_record(sample())
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3, proc.stderr
    counts = table_counts(db)
    assert {k: counts[k] for k in ("articles", "entities", "quotes", "events", "figures")} == \
        {"articles": 0, "entities": 0, "quotes": 0, "events": 0, "figures": 0}
    with Store.open(db) as store:
        assert store.add_record(sample()) is True


def test_store_reopens_after_close(tmp_path):
    db = tmp_path / "d.duckdb"
    store = Store.open(db)
    store.add_record(sample())
    store.log_ingest(source="a.html", path="a.html", status="ok", article_id=sample().id)
    store.close()
    with open_database(db) as reader:
        assert reader.read_only
        art = reader.article(sample().id)
        assert art["article"]["text"] == TEXT
        with pytest.raises(DetenteError) as info:
            reader.add_record(sample())
        assert info.value.code == "E308"
    with Store.open(db) as store:  # and writable again
        other = record("A second article of one sentence.", published="2009-08-01")
        assert store.add_record(other) is True
        assert store.counts()["articles"] == 2


def test_store_migrates_an_older_schema(tmp_path):
    """A database made at schema version 1 (before story events) is upgraded on open, keeps its
    rows, and its events get story events at the first update."""
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    migrate(con, target=1)
    old = Store(con, db, read_only=False, settings=Settings())
    assert old.add_record(sample()) is True  # version 1 has every table add_record writes
    old.close()
    with duckdb.connect(str(db), read_only=True) as check:
        assert current_version(check) == 1
        tables = {r[0] for r in check.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert "story_events" not in tables
    with open_database(db) as reader:  # read-only opening upgrades once, then reads
        assert reader.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
        assert reader.counts()["unmerged_events"] == 1
    with Store.open(db) as store:
        store.update_stories()
        stories = store.story_events()
        assert len(stories) == 1 and stories.loc[0, "num_articles"] == 1
        assert store.counts()["articles"] == 1


def test_store_rejects_a_database_from_a_newer_version(tmp_path):
    db = tmp_path / "new.duckdb"
    Store.open(db).close()
    with duckdb.connect(str(db)) as con:
        con.execute("INSERT INTO schema_version VALUES (?, now()::TIMESTAMP)", [SCHEMA_VERSION + 1])
    with pytest.raises(DetenteError) as info:
        Store.open(db)
    assert info.value.code == "E304" and str(db) in info.value.message and "upgrade" in info.value.fix


def test_store_open_names_a_file_that_is_not_duckdb(tmp_path):
    junk = tmp_path / "notes.duckdb"
    junk.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(DetenteError) as info:
        Store.open(junk)
    assert info.value.code == "E301" and str(junk) in info.value.message
    assert "detente ingest" in info.value.fix


def test_store_open_refuses_a_foreign_duckdb_database(tmp_path):
    db = tmp_path / "other.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE sales (x INTEGER)")
    with pytest.raises(DetenteError) as info:
        Store.open(db)
    assert info.value.code == "E305"
    with duckdb.connect(str(db)) as con:  # and left it alone
        assert {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()} == {"sales"}


def test_store_open_read_only_on_a_missing_file_suggests_ingest_and_demo(tmp_path):
    missing = tmp_path / "nowhere.duckdb"
    with pytest.raises(DetenteError) as info:
        open_database(missing)
    assert info.value.code == "E303" and str(missing) in info.value.message
    assert "detente ingest" in info.value.fix and "detente demo" in info.value.fix
    assert not missing.exists()


def test_store_open_reports_a_lock_held_by_a_writer(tmp_path):
    db = tmp_path / "busy.duckdb"
    Store.open(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, sys, time; c = duckdb.connect({str(db)!r}); print('ready', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(DetenteError) as info:
            Store.open(db)
        assert info.value.code == "E302" and str(db) in info.value.message
        assert "wait" in info.value.fix
    finally:
        holder.kill()
        holder.wait()


def test_store_log_ingest_keeps_one_row_per_source(tmp_path):
    db = tmp_path / "d.duckdb"
    with Store.open(db) as store:
        store.log_ingest(source="crawl.warc.gz#3", path="crawl.warc.gz", url="https://example.com/x",
                         warc_record_id="<urn:uuid:1>", status="error", reason="truncated gzip")
        first = to_records(store.ingest_log())[0]
        time.sleep(0.01)
        store.log_ingest(source="crawl.warc.gz#3", path="crawl.warc.gz", url="https://example.com/x",
                         warc_record_id="<urn:uuid:1>", status="ok", article_id="abc")
        rows = to_records(store.ingest_log())
        assert len(rows) == 1
        assert rows[0]["status"] == "ok" and rows[0]["reason"] is None and rows[0]["article_id"] == "abc"
        assert rows[0]["first_seen"] == first["first_seen"] and rows[0]["last_seen"] > first["last_seen"]
        assert len(store.ingest_log(status="error")) == 0
        with pytest.raises(DetenteError) as info:
            store.log_ingest(source="x", status="fine")
        assert "ok, skipped, error" in info.value.fix


# ----------------------------------------------------------------------------- the round trip
_texts = st.one_of(
    st.just("NUL\x00, CRLF\r\n, a line separator \u2028, 👍🏽 emoji, e\u0301 combining, \"quotes\" \\ end"),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts, data=st.data())
def test_store_round_trip_keeps_text_and_offsets(text, data):
    """Arbitrary text (any script, emoji, control characters, NUL) survives the store, the query
    API and the JSONL and Parquet exports, and every offset still points at its span."""
    import pyarrow.parquet as pq
    from detente import export
    from detente.records import Event, EventActor, Quote, Span

    a = data.draw(st.integers(0, len(text) - 1))
    b = data.draw(st.integers(a + 1, len(text)))
    c = data.draw(st.integers(0, len(text)))
    piece, tail = text[a:b], text[c:]
    ev = Event(type="CONSULT", mode="asserted", cameo_root="04", quad_class=1, intensity=1.0, negated=False,
               hypothetical=False, source=EventActor(piece, "RUS", None), target=EventActor(tail or None, "USA", None),
               date=None, date_precision=None, trigger=Span(piece, a, b), evidence=Span(piece, a, b), confidence=0.5)
    q = Quote(tail, c, len(text), "direct", None, None, 0.5)
    rec = record(text, events=[ev], quotes=[q], title=piece, publisher=tail or None)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "r.duckdb"
        with Store.open(db) as store:
            assert store.add_record(rec)
            store.update_stories()
        with open_database(db) as store:
            art = store.article(rec.id)
            body = art["article"]["text"]
            assert body == text and art["article"]["title"] == piece
            e = art["events"][0]
            assert body[e["evidence_start"]:e["evidence_end"]] == e["evidence_text"] == piece
            assert body[e["trigger_start"]:e["trigger_end"]] == piece
            qq = art["quotes"][0]
            assert body[qq["start"]:qq["end"]] == qq["text"] == tail
            lines = Path(tmp, "r.jsonl")
            with open(lines, "w", encoding="utf-8") as fh:
                export.write_jsonl(store, fh)
            with open(lines, encoding="utf-8") as fh:
                back = [Record.from_dict(json.loads(line)) for line in fh]
            assert back == [rec.__class__(**{**rec.__dict__, "versions": {}})]
            export.write_parquet(store, Path(tmp, "pq"))
        arts = pq.read_table(Path(tmp, "pq", "articles.parquet")).to_pylist()
        evs = pq.read_table(Path(tmp, "pq", "events.parquet")).to_pylist()
        assert arts[0]["text"] == text
        assert text[evs[0]["evidence_start"]:evs[0]["evidence_end"]] == evs[0]["evidence_text"]


# ----------------------------------------------------------------------------- queries
CORPUS = [
    ("Moscow agreed to reopen talks with Washington on missile defence.", "2009-07-02", "AGREE", "agreed",
     ("Moscow", "RUS", "GOV"), ("Washington", "USA", "GOV"), "asserted"),
    ("Washington accused Moscow of stalling the arms talks.", "2009-07-20", "ACCUSE", "accused",
     ("Washington", "USA", "GOV"), ("Moscow", "RUS", "GOV"), "asserted"),
    ("Tehran promised to let inspectors visit the enrichment plant.", "2009-09-10", "AGREE", "promised",
     ("Tehran", "IRN", "GOV"), ("inspectors", "IGO", None), "promised"),
    ("Russia did not agree to new sanctions against Iran.", "2009-09-24", "AGREE", "agree",
     ("Russia", "RUS", None), ("Iran", "IRN", None), "negated"),
]


@pytest.fixture()
def filled(tmp_path):
    db = tmp_path / "q.duckdb"
    with Store.open(db) as store:
        for text, day, etype, trigger, src, tgt, mode in CORPUS:
            store.add_record(record(text, published=day, publisher="Wire",
                                    events=[event(text, text, trigger, etype, src, tgt, mode=mode,
                                                  negated=mode == "negated")],
                                    entities=[entity(text, src[0], src[1])],
                                    quotes=[quote(text, text[:20], "Some Speaker", src[1])]))
        store.update_stories()
    return open_database(db)


def test_store_events_filters_by_actor_type_mode_date_and_text(filled):
    assert len(filled.events()) == 4
    assert set(filled.events(actor="rus")["evidence_text"].str[:6]) == {"Moscow", "Washin", "Russia"}
    assert list(filled.events(actor="RUS", type="AGREE")["source_code"]) == ["RUS", "RUS"]
    assert list(filled.events(source="USA")["type"]) == ["ACCUSE"]
    assert list(filled.events(target="RUS,IRN")["type"]) == ["ACCUSE", "AGREE"]
    assert list(filled.events(mode="promised")["source_code"]) == ["IRN"]
    assert len(filled.events(start="2009-07", end="2009-07")) == 2
    assert len(filled.events(start="2009-09-11")) == 1
    assert list(filled.events(text="STALLING")["type"]) == ["ACCUSE"]
    assert len(filled.events(type=["AGREE", "ACCUSE"])) == 4
    assert list(filled.events(quad_class=3)["type"]) == ["ACCUSE"]


@pytest.mark.parametrize("filters, code, hint", [
    ({"type": "HUG"}, "E330", "AGREE"),
    ({"mode": "maybe"}, "E330", "hypothetical"),
    ({"actor": "United States"}, "E331", "USA"),
    ({"start": "July 2009"}, "E306", "YYYY-MM"),
    ({"start": "2009-09", "end": "2009-07"}, "E333", "swap"),
    ({"limit": -1}, "E332", "--limit"),
    ({"colour": "red"}, "E334", "help"),
])
def test_store_events_rejects_bad_filters_with_the_valid_values(filled, filters, code, hint):
    with pytest.raises(DetenteError) as info:
        filled.events(**filters)
    assert info.value.code == code and hint in info.value.fix


def test_store_events_pages_do_not_overlap(filled):
    ids = list(filled.events()["id"])
    pages = [filled.events(limit=3, offset=0), filled.events(limit=3, offset=3)]
    assert [len(p) for p in pages] == [3, 1]
    assert list(pages[0]["id"]) + list(pages[1]["id"]) == ids
    assert pages[1].attrs == {"total": 4, "limit": 3, "offset": 3}


def test_store_quotes_figures_and_search(filled):
    assert len(filled.quotes(speaker="speaker")) == 4
    assert list(filled.quotes(actor="IRN")["text"]) == ["Tehran promised to l"]
    assert len(filled.quotes(start="2009-09")) == 2
    assert len(filled.figures()) == 0
    found = filled.search("inspectors")
    assert set(found["kind"]) == {"article", "event"}
    art = found[found["kind"] == "article"].iloc[0]
    assert art["start"] is not None and "inspectors" in art["text"]
    with pytest.raises(DetenteError):
        filled.search("  ")


def test_store_article_returns_its_rows_and_none_when_unknown(filled):
    some = filled.articles(limit=1)
    assert some.attrs["total"] == 4 and some.loc[0, "num_events"] == 1
    full = filled.article(some.loc[0, "id"])
    assert set(full) == {"article", "entities", "quotes", "events", "figures"}
    assert full["events"][0]["story_id"].startswith("S")
    json.dumps(full)  # JSON-ready as it is
    assert filled.article("no-such-id") is None


def test_store_frames_are_json_ready(filled):
    for frame in (filled.events(), filled.quotes(), filled.story_events(), filled.articles(), filled.ingest_log()):
        rows = to_records(frame)
        json.dumps(rows)  # no NaN, NA, numpy or date objects left
    stories = to_records(filled.story_events())
    assert all(isinstance(s["event_ids"], list) for s in stories)

"""Exports parsed back: the GDELT 2.0 event table (61 tab-separated columns, one row per story),
PLOVER JSON lines, the JSON records, and Parquet files read with pyarrow."""
from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from detente import export
from detente.errors import DetenteError
from detente.records import Record
from detente.store import Store, open_database
from storekit import event, record

A = ("Russia agreed on Monday to let American troops and weapons cross its territory to Afghanistan.\n\n"
     "NATO welcomed the step. Moscow did not agree to hold joint exercises with the alliance.")
B = ("Diplomats in Brussels expected a quiet summer.\n\n"
     "Moscow agreed to open its territory to American troops and weapons headed for Afghanistan.")
A_EVIDENCE = A.split("\n\n")[0]
B_EVIDENCE = B.split("\n\n")[1]


def records() -> list[Record]:
    return [
        record(A, published="2009-07-06", publisher="Daily Planet", url="https://planet.example/a",
               events=[event(A, A_EVIDENCE, "agreed", "AGREE", ("Russia", "RUS", None), ("American", "USA", "GOV"),
                             date="2009-07-06"),
                       event(A, "NATO welcomed the step.", "welcomed", "SUPPORT", ("NATO\theadquarters", "NATO", "IGO"),
                             ("Russia", "RUS", None), date="2009-07-06"),
                       event(A, "Moscow did not agree to hold joint exercises with the alliance.", "agree", "AGREE",
                             ("Moscow", "RUS", "GOV"), ("the alliance", "NATO", "IGO"), mode="negated",
                             negated=True, date="2009-07-06")]),
        record(B, published="2009-07-07", publisher="Evening Star", url="https://star.example/b",
               events=[event(B, B_EVIDENCE, "agreed", "AGREE", ("Moscow", "RUS", "GOV"), ("American", "USA", "GOV"))]),
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "e.duckdb"
    with Store.open(path) as store:
        for r in records():
            store.add_record(r)
        store.update_stories()
    store = open_database(path)
    yield store
    store.close()


def gdelt(db, header=False) -> list[dict]:
    buf = io.StringIO()
    n = export.write_gdelt(db, buf, header=header)
    rows = list(csv.reader(io.StringIO(buf.getvalue()), delimiter="\t", quoting=csv.QUOTE_NONE))
    if header:
        assert rows[0] == list(export.GDELT_COLUMNS)
        rows = rows[1:]
    assert n == len(rows)
    assert all(len(r) == 61 for r in rows)
    return [dict(zip(export.GDELT_COLUMNS, r)) for r in rows]


def test_export_gdelt_has_one_row_per_story_with_gdelt_columns(db):
    rows = gdelt(db)
    assert len(export.GDELT_COLUMNS) == 61
    assert len(rows) == 2  # the transit story (two reports) and NATO's support; the denial is left out
    transit = next(r for r in rows if r["EventRootCode"] == "03")
    story = db.story_events(type="AGREE", actor="USA").iloc[0]
    assert transit["GLOBALEVENTID"] == str(export.gdelt_event_id(story["id"]))
    assert (transit["SQLDATE"], transit["MonthYear"], transit["Year"], transit["FractionDate"]) == \
        ("20090706", "200907", "2009", "2009.5123")  # day 187 of 2009: 2009 + 187/365
    assert (transit["Actor1Code"], transit["Actor1Name"], transit["Actor1CountryCode"]) == ("RUS", "RUSSIA", "RUS")
    assert (transit["Actor2Code"], transit["Actor2CountryCode"], transit["Actor2Type1Code"]) == ("USAGOV", "USA", "GOV")
    assert (transit["EventCode"], transit["EventBaseCode"], transit["QuadClass"], transit["GoldsteinScale"]) == \
        ("030", "030", "1", "4")
    assert (transit["NumMentions"], transit["NumSources"], transit["NumArticles"]) == ("2", "2", "2")
    assert transit["IsRootEvent"] == "1" and transit["SOURCEURL"] == "https://planet.example/a"
    assert len(transit["DATEADDED"]) == 14 and transit["DATEADDED"].isdigit()
    assert transit["AvgTone"] == "" and transit["ActionGeo_Lat"] == ""
    nato = next(r for r in rows if r["EventRootCode"] == "05")
    assert (nato["Actor1Code"], nato["Actor1CountryCode"], nato["Actor1KnownGroupCode"]) == ("NATOIGO", "", "NATO")
    assert nato["Actor1Name"] == "NATO HEADQUARTERS"  # the tab in the name did not split the row
    assert nato["IsRootEvent"] == "0"  # its evidence is in the second paragraph


def test_export_gdelt_header_line_is_optional(db):
    assert len(gdelt(db, header=True)) == 2


def test_export_plover_records_carry_mode_actors_and_counts(db):
    buf = io.StringIO()
    assert export.write_plover(db, buf) == 3
    recs = [json.loads(line) for line in buf.getvalue().splitlines()]
    for key in ("id", "date", "event_type", "mode", "context", "actor", "recipient", "text"):
        assert all(key in r for r in recs)
    transit = next(r for r in recs if r["event_type"] == "AGREE" and not r["negated"])
    assert transit["actor"] == {"text": "Russia", "code": "RUS", "sector": None}
    assert transit["recipient"]["code"] == "USA" and transit["text"] == A_EVIDENCE
    assert (transit["num_articles"], transit["num_sources"], len(transit["reports"])) == (2, 2, 2)
    denial = next(r for r in recs if r["negated"])
    assert denial["mode"] == "negated" and denial["recipient"]["code"] == "NATO"


def test_export_jsonl_gives_back_the_records(db):
    buf = io.StringIO()
    assert export.write_jsonl(db, buf) == 2
    back = sorted((Record.from_dict(json.loads(line)) for line in buf.getvalue().splitlines()), key=lambda r: r.id)
    assert back == sorted(records(), key=lambda r: r.id)


def test_export_parquet_writes_one_file_per_table(db, tmp_path):
    files = export.write_parquet(db, tmp_path / "out")
    assert sorted(f.name for f in files) == sorted(f"{t}.parquet" for t in export.PARQUET_TABLES)
    events = pq.read_table(tmp_path / "out" / "events.parquet").to_pylist()
    assert len(events) == 4
    for e in events:
        text = A if e["article_id"] == records()[0].id else B
        assert text[e["evidence_start"]:e["evidence_end"]] == e["evidence_text"]
    stories = pq.read_table(tmp_path / "out" / "story_events.parquet").to_pylist()
    assert sorted(s["num_articles"] for s in stories) == [1, 1, 2]


def test_export_parquet_single_file_and_errors(db, tmp_path):
    one = tmp_path / "events.parquet"
    assert export.write_parquet(db, one) == [one]
    assert pq.read_table(one).num_rows == 4
    quotes = tmp_path / "quotes.parquet"
    export.write_parquet(db, quotes, ["quotes"])
    assert pq.read_table(quotes).num_rows == 0
    with pytest.raises(DetenteError) as info:
        export.write_parquet(db, tmp_path / "x", ["stories"])
    assert info.value.code == "E350" and "story_events" in info.value.fix
    with pytest.raises(DetenteError) as info:
        export.write_parquet(db, tmp_path / "two.parquet", ["events", "quotes"])
    assert info.value.code == "E351"
    (tmp_path / "afile").write_text("x")
    with pytest.raises(DetenteError) as info:
        export.write_parquet(db, tmp_path / "afile")
    assert info.value.code == "E352"

"""The Python API a notebook user calls: detente.analyze and detente.analyze_many."""
from __future__ import annotations

import json

import pytest

import detente
from detente.records import Record

from warcfile import gzip_members, response_record, warcinfo

PAGE = """<html><head><title>Kremlin welcomes shift | Evening Ledger</title></head><body>
<article><h1>Kremlin welcomes shift</h1><p>Russia welcomed the decision on Thursday, calling it a step in the right
direction for relations with Washington.</p><p>Officials in Moscow said they would study the new plan closely.</p>
</article></body></html>"""


def test_analyze_text_of_one_sentence_is_an_article_of_one_sentence():
    text = "Russia and Norway signed a treaty on their maritime border in Murmansk on Wednesday."
    record = detente.analyze(text, stage="extract")
    assert isinstance(record, Record)
    assert record.article.text == text
    assert json.loads(record.to_json())["article"]["text"] == text


def test_analyze_path_returns_record_with_path_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    record = detente.analyze("page.html")
    assert record.source.path == "page.html"
    assert record.article.title == "Kremlin welcomes shift"
    assert record.id == detente.analyze("page.html").id


def test_analyze_archive_with_several_pages_points_to_analyze_many(tmp_path):
    warc = tmp_path / "two.warc.gz"
    warc.write_bytes(gzip_members([warcinfo(), response_record("https://ledger.example/1", PAGE),
                                   response_record("https://ledger.example/2", PAGE.replace("Thursday", "Friday"))]))
    with pytest.raises(detente.DetenteError) as info:
        detente.analyze(warc, stage="extract")
    assert "analyze_many" in str(info.value)
    outcomes = list(detente.analyze_many([warc], stage="extract"))
    assert [o.status for o in outcomes] == ["ok", "ok"]
    assert outcomes[1].record.source.url == "https://ledger.example/2"


def test_analyze_non_english_text_is_skipped_with_reason():
    text = ("Der russische Präsident traf am Mittwoch in Berlin die Bundeskanzlerin, um über die Lage in der "
            "Ukraine und über Gaslieferungen zu sprechen. Beide Seiten nannten das Gespräch konstruktiv.")
    with pytest.raises(detente.DetenteError) as info:
        detente.analyze(text, stage="extract")
    assert "language is de" in str(info.value)

"""Ingest: every input kind is found and decoded; every bad input is reported, never fatal."""
from __future__ import annotations

import gzip
import io

import pytest

from detente.ingest import Problem, expand_paths, iter_documents, read_source
from detente.ingest.decode import looks_like_html
from detente.records import RawDoc
from detente.settings import Settings

from warcfile import conversion_record, gzip_members, response_record, warcinfo

PAGE = """<!DOCTYPE html><html><head><title>Treaty signed | The Meridian</title></head>
<body><nav><a href="/">Home</a></nav><article><h1>Treaty signed</h1>
<p>Presidents Barack Obama and Dmitry Medvedev signed the arms control treaty in Prague on Thursday.</p>
<p>The treaty caps deployed strategic warheads at 1,550 for each side.</p></article></body></html>"""

FLAT = """Home | World | Politics
Subscribe now

Treaty signed

Presidents Barack Obama and Dmitry Medvedev signed the arms control treaty in Prague on Thursday.

Share this article
"""


def docs(path, **settings):
    return list(read_source(str(path), Settings(**settings)))


def test_read_source_html_file_is_html_document(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(PAGE, encoding="utf-8")
    [doc] = docs(p)
    assert isinstance(doc, RawDoc) and doc.kind == "html" and "Prague" in doc.content
    assert doc.source.path == str(p)


def test_read_source_detects_html_without_extension(tmp_path):
    p = tmp_path / "download"
    p.write_text(PAGE, encoding="utf-8")
    assert docs(p)[0].kind == "html"


def test_read_source_text_named_html_is_text(tmp_path):
    """Kind comes from the content: flattened text saved with a .html name is still text."""
    p = tmp_path / "page.html"
    p.write_text(FLAT, encoding="utf-8")
    assert docs(p)[0].kind == "text"


def test_read_source_gzipped_text(tmp_path):
    p = tmp_path / "page.txt.gz"
    p.write_bytes(gzip.compress(FLAT.encode()))
    [doc] = docs(p)
    assert doc.kind == "text" and doc.container == "gzip" and "Medvedev" in doc.content


def test_read_source_warc_response_records_become_html_documents(tmp_path):
    p = tmp_path / "crawl.warc.gz"
    p.write_bytes(gzip_members([warcinfo(),
                                response_record("https://news.example/a", PAGE, date="2010-04-09T10:00:00Z"),
                                response_record("https://news.example/b", PAGE.replace("Thursday", "Friday"))]))
    out = docs(p)
    assert [d.kind for d in out] == ["html", "html"]
    assert out[0].source.url == "https://news.example/a"
    assert out[0].source.warc_record_id.startswith("<urn:uuid:")
    assert out[0].crawl_date == "2010-04-09T10:00:00Z"
    assert out[0].source.path == str(p)
    assert "Friday" in out[1].content


def test_read_source_uncompressed_wet_conversion_records_become_text(tmp_path):
    p = tmp_path / "crawl.wet"
    p.write_bytes(warcinfo() + conversion_record("https://news.example/a", FLAT))
    [doc] = docs(p)
    assert doc.kind == "text" and doc.container == "wet" and doc.source.url == "https://news.example/a"


def test_read_source_stdin():
    out = list(read_source("-", Settings(), stdin=io.BytesIO(FLAT.encode())))
    assert out[0].kind == "text" and out[0].source.path == "-"


def test_expand_paths_recurses_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    assert expand_paths([str(tmp_path)]) == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "2.txt")]


def test_expand_paths_missing_path_raises():
    with pytest.raises(FileNotFoundError):
        expand_paths(["/no/such/file.html"])


@pytest.mark.parametrize("name,content,status,reason_part", [
    ("empty.html", b"", "skipped", "empty file"),
    ("blank.txt", b"  \n\n  ", "skipped", "empty file"),
    ("junk.bin", bytes(range(256)) * 40, "error", "binary data"),
    ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100, "error", "binary data"),
    ("truncated.txt.gz", gzip.compress(FLAT.encode() * 50)[:-40], "error", "truncated gzip"),
    ("corrupt.gz", b"\x1f\x8b\x08\x00" + b"not really deflate data" * 10, "error", "gzip"),
])
def test_read_source_bad_input_is_reported_with_reason(tmp_path, name, content, status, reason_part):
    p = tmp_path / name
    p.write_bytes(content)
    [problem] = docs(p)
    assert isinstance(problem, Problem)
    assert problem.status == status
    assert reason_part in problem.reason
    assert problem.label == str(p)


def test_read_source_over_size_cap_names_the_setting(tmp_path):
    p = tmp_path / "huge.html"
    with open(p, "wb") as fh:
        chunk = b"<p>" + b"Moscow and Washington traded proposals again. " * 100 + b"</p>\n"
        for _ in range(50_000_000 // len(chunk) + 1):
            fh.write(chunk)
    [problem] = docs(p)
    assert problem.status == "error"
    assert "over the size cap" in problem.reason and "--max-bytes" in problem.reason


def test_read_source_gzip_bomb_stops_at_cap(tmp_path):
    p = tmp_path / "bomb.txt.gz"
    p.write_bytes(gzip.compress(b"a " * 3_000_000))
    [problem] = docs(p, max_bytes=1_000_000)
    assert problem.status == "error" and "after decompression" in problem.reason


def test_read_source_undecodable_bytes_are_replaced_and_noted(tmp_path):
    p = tmp_path / "stray.txt"
    text = ("The talks in Geneva ended without agreement on the missile shield. " * 30).encode()
    p.write_bytes(text[:500] + b"\xff\xfe" + text[500:])
    [doc] = docs(p)
    assert isinstance(doc, RawDoc) and "\ufffd" in doc.content and "Geneva" in doc.content


def test_read_source_legacy_encoding_declared_in_meta(tmp_path):
    p = tmp_path / "legacy.html"
    html = '<html><head><meta charset="windows-1252"><title>Caf\u00e9 talks</title></head><body><p>Caf\u00e9 talks in Moscow \u2014 no deal.</p></body></html>'
    p.write_bytes(html.encode("cp1252"))
    [doc] = docs(p)
    assert "Caf\u00e9" in doc.content and "\u2014" in doc.content


def test_read_source_malformed_warc_record_keeps_earlier_records(tmp_path):
    good = response_record("https://news.example/a", PAGE)
    broken = response_record("https://news.example/b", PAGE).replace(b"Content-Length: ", b"Content-Length: x", 1)
    later = response_record("https://news.example/c", PAGE)
    p = tmp_path / "broken.warc"
    p.write_bytes(warcinfo() + good + broken + later)
    out = docs(p)
    assert isinstance(out[0], RawDoc) and out[0].source.url == "https://news.example/a"
    problems = [o for o in out if isinstance(o, Problem)]
    assert problems and any("malformed WARC record" in o.reason for o in problems)


def test_read_source_truncated_warc_is_reported(tmp_path):
    p = tmp_path / "cut.warc"
    data = warcinfo() + response_record("https://news.example/a", PAGE) + conversion_record("https://news.example/b", FLAT)
    p.write_bytes(data[:-60])
    out = docs(p)
    assert isinstance(out[0], RawDoc)
    assert any(isinstance(o, Problem) and o.status == "error" for o in out)


def test_iter_documents_one_bad_file_among_many(tmp_path):
    for i in range(5):
        (tmp_path / f"{i}.html").write_text(PAGE.replace("Thursday", f"day {i}"))
    (tmp_path / "2b.html").write_bytes(b"\x00\x01\x02binary")
    out = list(iter_documents([str(tmp_path)]))
    assert sum(isinstance(o, RawDoc) for o in out) == 5
    assert sum(isinstance(o, Problem) for o in out) == 1


@pytest.mark.parametrize("text,expected", [
    (PAGE, True),
    ("<p>One</p><p>Two</p><div>three</div><a href='x'>four</a>", True),
    (FLAT, False),
    ("He said 2 < 3 and 5 > 4 in the <b>budget</b> talks.", False),
    # A flattened tutorial page quoting a markup listing: dense tags, but on few of its lines.
    ("Menu\nBlog\nSign in\n\nBuilding a list component\n\n" + "Prose about the component and why it helps. " * 30
     + "\n\n<div className=\"list\">\n<ul>\n<li key={item.id}>\n<span>{item.name}</span>\n</li>\n</ul>\n</div>\n\n"
     + "\n".join(f"Paragraph {i} explains another step of the tutorial in plain words." for i in range(30)), False),
])
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected

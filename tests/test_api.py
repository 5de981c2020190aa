"""The HTTP API and the dashboard pages: in process (TestClient) and through a live `detente serve`.

The database is a real DuckDB file built from hand-made records (tests/apidb.py).
"""
from __future__ import annotations

import csv
import io
import json
import re
import socket
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings, strategies as st

from apidb import ECHO_TEXT, SHIELD_TEXT, TRANSIT_TEXT, LiveServer, build_database
from detente.api import create_app
from detente.api.app import plotly_js_path
from detente.api.text import paragraphs, paragraphs_html
from detente.errors import DetenteError
from detente.records import article_id

TRANSIT, ECHO, SHIELD = (article_id(t) for t in (TRANSIT_TEXT, ECHO_TEXT, SHIELD_TEXT))
TEXTS = {TRANSIT: TRANSIT_TEXT, ECHO: ECHO_TEXT, SHIELD: SHIELD_TEXT}


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    build_database(path)
    return path


@pytest.fixture(scope="module")
def client(db_path):
    with TestClient(create_app(db_path)) as c:
        yield c


def all_rows(client, url: str) -> list[dict]:
    """Every row of a list, following `next` links."""
    rows = []
    while url:
        page = client.get(url).json()
        rows += page["rows"]
        url = page["next"]
    return rows


# ----------------------------------------------------------------------------- lists and filters
def test_events_filter_by_actor_and_type_returns_only_matching_rows(client):
    page = client.get("/api/events", params={"actor": "RUS", "type": "AGREE"}).json()
    assert page["total"] == 2 and len(page["rows"]) == 2
    assert page["filters"] == {"actor": "RUS", "type": "AGREE"}
    for row in page["rows"]:
        assert row["type"] == "AGREE"
        assert "RUS" in (row["source_code"], row["target_code"])
    assert {r["article_id"] for r in page["rows"]} == {TRANSIT, ECHO}


def test_events_rows_carry_evidence_offsets_and_article_links(client):
    for row in client.get("/api/events").json()["rows"]:
        text = TEXTS[row["article_id"]]
        assert text[row["evidence_start"]:row["evidence_end"]] == row["evidence_text"]
        assert text[row["trigger_start"]:row["trigger_end"]] == row["trigger_text"]
        assert row["links"]["article"].endswith(f"/article/{row['article_id']}?event={row['id']}#hl")
        assert row["links"]["article_json"].endswith(f"/api/articles/{row['article_id']}")


def test_events_pagination_next_links_visit_every_row_once(client):
    everything = client.get("/api/events").json()
    first = client.get("/api/events", params={"limit": 2}).json()
    assert first["total"] == everything["total"] == 5
    assert first["previous"] is None and "offset=2" in first["next"]
    paged = all_rows(client, "/api/events?limit=2")
    assert [r["id"] for r in paged] == [r["id"] for r in everything["rows"]]
    last = client.get("/api/events", params={"limit": 2, "offset": 4}).json()
    assert last["next"] is None and "offset=2" in last["previous"]


def test_events_pagination_keeps_filters_in_next_link(client):
    page = client.get("/api/events", params={"actor": "USA", "limit": 1}).json()
    assert "actor=USA" in page["next"]
    rows = all_rows(client, "/api/events?actor=USA&limit=1")
    assert len(rows) == page["total"] == 5


@pytest.mark.parametrize("params, param, words", [
    ({"type": "HUG"}, "type", ["unknown event type 'HUG'", "AGREE", "ASSAULT", "THREATEN"]),
    ({"mode": "maybe"}, "mode", ["unknown mode 'maybe'", "asserted", "hypothetical"]),
    ({"from": "2009-13"}, "from", ["2009-13", "YYYY, YYYY-MM or YYYY-MM-DD"]),
    ({"to": "July 2009"}, "to", ["July 2009", "YYYY, YYYY-MM or YYYY-MM-DD"]),
    ({"actor": "r u s"}, "actor", ["not an actor code", "USA"]),
    ({"quad_class": "7"}, "quad_class", ["QuadClass", "1, 2, 3, 4"]),
])
def test_events_bad_filter_is_422_naming_parameter_and_fix(client, params, param, words):
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    (error,) = r.json()["detail"]
    assert error["loc"] == ["query", param]
    for word in words:
        assert word in error["msg"]


def test_events_every_bad_filter_is_reported_at_once(client):
    r = client.get("/api/events", params={"type": "HUG", "from": "soon", "limit": 0})
    assert r.status_code == 422
    assert {e["loc"][-1] for e in r.json()["detail"]} == {"type", "from", "limit"}


def test_events_from_after_to_is_422(client):
    r = client.get("/api/events", params={"from": "2010", "to": "2009-06"})
    assert r.status_code == 422 and "after" in r.json()["detail"][0]["msg"]


def test_events_limit_above_maximum_is_422(client):
    r = client.get("/api/events", params={"limit": 100000})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "limit"]


def test_events_date_range_and_text_filters(client):
    july = client.get("/api/events", params={"from": "2009-07", "to": "2009-07"}).json()
    assert {r["type"] for r in july["rows"]} == {"AGREE", "SUPPORT"}
    found = client.get("/api/events", params={"text": "MISSILE DEFENCE"}).json()
    assert [r["type"] for r in found["rows"]] == ["ACCUSE"]


def test_stories_same_happening_is_one_story_with_two_articles(client):
    page = client.get("/api/stories", params={"type": "AGREE"}).json()
    (story,) = page["rows"]
    assert story["num_articles"] == 2 and story["num_sources"] == 2
    assert len(story["event_ids"]) == 2
    reports = client.get("/api/events", params={"story_id": story["id"]}).json()
    assert {r["article_id"] for r in reports["rows"]} == {TRANSIT, ECHO}
    assert story["links"]["reports"].endswith(f"/events?story_id={story['id']}")


def test_quotes_filter_by_speaker_and_actor(client):
    page = client.get("/api/quotes", params={"speaker": "lavrov"}).json()
    (q,) = page["rows"]
    assert q["speaker_name"] == "Sergei Lavrov"
    assert TRANSIT_TEXT[q["start"]:q["end"]] == q["text"]
    assert q["links"]["article"].endswith(f"?quote={q['id']}#hl")
    assert client.get("/api/quotes", params={"actor": "USA"}).json()["total"] == 0
    r = client.get("/api/quotes", params={"kind": "shouted"})
    assert r.status_code == 422 and "direct" in r.json()["detail"][0]["msg"]


def test_speakers_lists_each_person_with_counts(client):
    rows = client.get("/api/speakers").json()["rows"]
    assert [(r["name"], r["quotes"], r["actor_code"]) for r in rows] == [
        ("Dmitry Medvedev", 1, "RUS"), ("Sergei Lavrov", 1, "RUS")]
    said = client.get("/api/speakers/Dmitry Medvedev").json()
    assert [q["text"] for q in said["rows"]] == ["We expect our partners to listen,"]
    assert (said["name"], said["actor_code"], said["roles"]) == ("Dmitry Medvedev", "RUS", ["president"])
    assert client.get("/api/speakers/Dmitry").status_code == 404  # a full name, not a part of one


def test_figures_rows_carry_offsets(client):
    (f,) = client.get("/api/figures").json()["rows"]
    assert TRANSIT_TEXT[f["start"]:f["end"]] == f["text"] == "4,500 flights"
    assert f["value"] == 4500 and f["links"]["article"].endswith(f"?figure={f['id']}#hl")


def test_search_finds_articles_events_and_quotes(client):
    page = client.get("/api/search", params={"q": "airspace"}).json()
    kinds = {r["kind"] for r in page["rows"]}
    assert {"article", "event"} <= kinds
    for row in page["rows"]:
        if row["kind"] == "article" and row["start"] is not None:
            assert TEXTS[row["article_id"]][row["start"]:row["end"]].lower() == "airspace"
    assert client.get("/api/search", params={"q": "  "}).status_code == 422
    assert client.get("/api/search").status_code == 422


def test_articles_list_and_one_article_with_everything_in_it(client):
    listing = client.get("/api/articles").json()
    assert listing["total"] == 3 and "text" not in listing["rows"][0]
    data = client.get(f"/api/articles/{SHIELD}").json()
    text = data["article"]["text"]
    assert text == SHIELD_TEXT
    for e in data["events"]:
        assert text[e["evidence_start"]:e["evidence_end"]] == e["evidence_text"]
    for q in data["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
    for ent in data["entities"]:
        assert text[ent["start"]:ent["end"]] == ent["text"]


def test_article_unknown_id_is_404(client):
    r = client.get("/api/articles/nope")
    assert r.status_code == 404 and "/api/articles" in r.json()["detail"]
    assert client.get("/article/nope").status_code == 404


# ----------------------------------------------------------------------------- dyads
def _dyad_row(data, period, direction):
    (row,) = [r for r in data["rows"] if r["period"] == period and r["direction"] == direction]
    return row


def test_dyad_counts_stories_per_quad_class_by_month(client):
    data = client.get("/api/dyads/USA/RUS", params={"by": "month"}).json()
    assert (data["a"], data["b"], data["by"]) == ("USA", "RUS", "month")
    july = _dyad_row(data, "2009-07", "both")
    # AGREE (two articles, one story) and SUPPORT: two stories of verbal cooperation from three reports.
    assert (july["stories"], july["reports"], july["q1"], july["q3"], july["cooperation"]) == (2, 3, 2, 0, 1.0)
    assert _dyad_row(data, "2009-07", "RUS->USA")["stories"] == 1
    assert _dyad_row(data, "2009-08", "both")["stories"] == 0
    september = _dyad_row(data, "2009-09", "both")
    assert (september["stories"], september["q3"], september["cooperation"]) == (2, 2, 0.0)


def test_dyad_evidence_links_to_highlighted_article(client):
    data = client.get("/api/dyads/USA/RUS").json()
    stories = [e for r in data["rows"] if r["direction"] == "both" for e in r["evidence"] if e["kind"] == "story"]
    assert len(stories) == 4
    for item in stories:
        assert TEXTS[item["article_id"]][item["start"]:item["end"]] == item["text"]
        assert item["links"]["article"].endswith(f"?event={item['event_id']}#hl")
        assert item["type"] in {"AGREE", "SUPPORT", "ACCUSE", "REJECT"}


@pytest.mark.parametrize("path, status, words", [
    ("/api/dyads/USA/USA", 422, ["two different actors"]),
    ("/api/dyads/USA/RUS?by=fortnight", 422, ["fortnight", "month"]),
    ("/api/dyads/USA/RUS?direction=sideways", 422, ["sideways", "both"]),
])
def test_dyad_bad_request_is_422_with_fix(client, path, status, words):
    r = client.get(path)
    assert r.status_code == status
    message = " ".join(e["msg"] for e in r.json()["detail"])
    for word in words:
        assert word in message


def test_dyad_page_json_twin_equals_api(client):
    twin = client.get("/dyad/USA/RUS.json").json()
    api = client.get("/api/dyads/USA/RUS").json()
    assert twin == api
    page = client.get("/dyad/USA/RUS")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert '<script src="/vendor/plotly.min.js' in page.text
    assert 'id="dyad-plot"' in page.text
    assert 'href="http://testserver/dyad/USA/RUS.json"' in page.text
    # The page plots one direction (both ways by default); its data island holds those counts.
    island = re.search(r'<script type="application/json" id="dyad-data">(.*?)</script>', page.text, re.S).group(1)
    plotted = json.loads(island)
    assert plotted["rows"] == ["2009-07", "2009-08", "2009-09"] and plotted["q1"] == [2, 0, 0]


def test_dyad_form_redirects_to_dyad_page(client):
    r = client.get("/dyad", params={"a": "usa", "b": " rus"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/dyad/USA/RUS"


# ----------------------------------------------------------------------------- pages
PAGES = ["/", "/dyad/USA/RUS", "/events", "/stories", "/articles", f"/article/{TRANSIT}", "/speakers",
         "/speaker/Sergei Lavrov", "/figures", "/search?q=flights"]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_json_twin(client, path):
    page = client.get(path)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    base, _, query = path.partition("?")
    twin_path = ("/index" if base == "/" else base) + ".json" + (f"?{query}" if query else "")
    twin = client.get(twin_path)
    assert twin.status_code == 200 and twin.headers["content-type"] == "application/json"
    href = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)"', page.text).group(1)
    assert unquote(urlsplit(href).path) == twin_path.split("?")[0]


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])
        if tag in ("img", "iframe", "source") and attrs.get("src"):
            self.urls.append(attrs["src"])


@pytest.mark.parametrize("path", PAGES + ["/docs"])
def test_page_loads_only_local_assets(client, path):
    """The dashboard must work offline: no CDN, no external font, nothing but this server."""
    html = client.get(path).text
    parser = _Assets()
    parser.feed(html)
    assert parser.urls
    for url in parser.urls:
        assert url.startswith("/") or url.startswith("http://testserver/"), url
    assert "googleapis" not in html and "cdn." not in html
    for url in parser.urls:
        assert client.get(url.replace("http://testserver", "")).status_code == 200, url


def test_pages_send_a_content_security_policy_of_self_only(client):
    csp = client.get("/dyad/USA/RUS").headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "http" not in csp


def test_plotly_js_is_the_installed_package_bundle(client):
    r = client.get("/vendor/plotly.min.js")
    assert r.status_code == 200 and r.content == plotly_js_path().read_bytes()


def test_docs_and_openapi_schema_describe_the_filters(client):
    schema = client.get("/openapi.json").json()
    events = schema["paths"]["/api/events"]["get"]
    names = {p["name"] for p in events["parameters"]}
    assert {"actor", "type", "mode", "from", "to", "text", "limit", "offset"} <= names
    type_param = next(p for p in events["parameters"] if p["name"] == "type")
    assert "ASSAULT" in type_param["description"]
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/stories", "/api/quotes", "/api/figures",
                 "/api/dyads/{a}/{b}", "/api/search", "/api/speakers"):
        assert path in schema["paths"]
    docs = client.get("/docs").text
    assert "/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "/openapi.json" in docs


def test_article_page_marks_requested_event_evidence(client):
    data = client.get(f"/api/articles/{SHIELD}").json()
    accuse = next(e for e in data["events"] if e["type"] == "ACCUSE")
    page = client.get(f"/article/{SHIELD}", params={"event": accuse["id"]}).text
    marked = re.findall(r'<mark class="hl"[^>]*>(.*?)</mark>', page, re.S)
    assert marked == [accuse["evidence_text"]]
    assert '<mark class="hl" id="hl">' in page
    assert "Highlighted: ACCUSE" in page


def test_article_page_marks_quote_and_leaves_text_whole(client):
    data = client.get(f"/api/articles/{TRANSIT}").json()
    q = data["quotes"][0]
    page = client.get(f"/article/{TRANSIT}", params={"quote": q["id"]}).text
    body = re.search(r'<div id="article-text"[^>]*>(.*?)</div>', page, re.S).group(1)
    paras = re.findall(r'<p data-start="(\d+)">(.*?)</p>', body, re.S)
    import html as htmllib
    for start, inner in paras:
        plain = htmllib.unescape(re.sub(r"</?mark[^>]*>", "", inner))
        assert TRANSIT_TEXT[int(start):int(start) + len(plain)] == plain
    assert re.findall(r'<mark class="hl"[^>]*>(.*?)</mark>', body) == [htmllib.escape(q["text"], quote=False)]


def test_bad_filter_on_page_is_422_page_with_message(client):
    r = client.get("/events", params={"type": "HUG"})
    assert r.status_code == 422 and "text/html" in r.headers["content-type"]
    assert "unknown event type" in r.text and "AGREE" in r.text


# ----------------------------------------------------------------------------- article text
def test_text_paragraphs_mark_span_across_paragraphs():
    text = "First para here.\n\nSecond one.\n\nThird."
    start, end = text.index("here"), text.index("one") + 3
    paras = paragraphs(text, (start, end))
    assert [p.start for p in paras] == [0, text.index("Second"), text.index("Third")]
    marked = ["".join(s.text for s in p.segments if s.marked) for p in paras]
    assert marked == ["here.", "Second one", ""]
    assert paragraphs_html(paras).count('id="hl"') == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"),
                        min_size=1, max_size=30), min_size=1, max_size=5),
       st.integers(0, 200), st.integers(0, 200))
def test_text_paragraphs_keep_offsets_of_any_text(parts, a, b):
    text = "\n\n".join(parts)
    paras = paragraphs(text, (min(a, b), max(a, b)))
    for p in paras:
        assert text[p.start:p.start + len(p.text)] == p.text
    marked = "".join(s.text for p in paras for s in p.segments if s.marked)
    assert marked == "".join(text[min(a, b):max(a, b)].split("\n"))


# ----------------------------------------------------------------------------- opening the database
def test_create_app_missing_database_says_how_to_make_one(tmp_path):
    with pytest.raises(DetenteError) as info:
        create_app(tmp_path / "absent.duckdb")
    assert "does not exist" in info.value.message
    assert "detente ingest" in info.value.fix and "detente demo" in info.value.fix


def test_app_opens_database_read_only(db_path):
    import duckdb

    app = create_app(db_path)
    store = app.state.store
    assert store.read_only
    with pytest.raises(duckdb.Error):
        store.con.execute("CREATE TABLE intruder (x INTEGER)")
    store.close()


# ----------------------------------------------------------------------------- serve, CLI, live server
def _cli(args, **kwargs):
    return subprocess.run([sys.executable, "-m", "detente", *args], capture_output=True, text=True,
                          timeout=120, **kwargs)


def test_serve_missing_database_exits_2_suggesting_demo_and_ingest(tmp_path):
    r = _cli(["serve", "--db", str(tmp_path / "absent.duckdb")], cwd=tmp_path)
    assert r.returncode == 2
    message = " ".join(r.stderr.split())  # rich wraps long lines
    assert "absent.duckdb does not exist" in message
    assert "detente demo" in message and "detente ingest" in message


def test_serve_help_explains_loopback_default():
    r = _cli(["serve", "--help"], env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0
    assert "127.0.0.1" in r.stdout and "authentication" in r.stdout and "read-only" in r.stdout


def test_serve_port_in_use_exits_2_suggesting_another(db_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = _cli(["serve", "--db", str(db_path), "--port", str(port)])
    assert r.returncode == 2
    message = " ".join(r.stderr.split())
    assert f"127.0.0.1:{port}" in message and "--port" in message


def _csv_cell(value) -> str:
    """How `detente … --format csv` writes a value."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def test_live_server_answers_the_same_rows_as_the_cli_csv(db_path, tmp_path):
    cli = _cli(["events", "--actor", "RUS", "--type", "AGREE", "--format", "csv", "--db", str(db_path)])
    assert cli.returncode == 0, cli.stderr
    csv_rows = list(csv.DictReader(io.StringIO(cli.stdout)))
    with LiveServer(db_path, tmp_path) as server:
        assert server.url.startswith("http://127.0.0.1:")
        page = httpx.get(server.url + "/api/events", params={"actor": "RUS", "type": "AGREE"}, timeout=10).json()
        server.check_alive()
    api_rows = [{k: v for k, v in row.items() if k != "links"} for row in page["rows"]]
    assert len(csv_rows) == len(api_rows) == page["total"] == 2
    assert list(csv_rows[0]) == list(api_rows[0])
    assert csv_rows == [{k: _csv_cell(v) for k, v in row.items()} for row in api_rows]


def test_live_server_serves_pages_and_survives_bad_requests(db_path, tmp_path):
    with LiveServer(db_path, tmp_path) as server:
        with httpx.Client(base_url=server.url, timeout=10) as http:
            assert http.get("/api/events", params={"type": "HUG"}).status_code == 422
            assert http.get("/article/nope").status_code == 404
            dyad = http.get("/dyad/USA/RUS")
            assert dyad.status_code == 200 and 'id="dyad-plot"' in dyad.text
            twin = http.get("/dyad/USA/RUS.json").json()
            assert _dyad_row(twin, "2009-07", "both")["stories"] == 2
            assert http.get("/vendor/plotly.min.js").status_code == 200
            assert http.get("/docs").status_code == 200
            server.check_alive()

"""The demo corpus (detente/demo/corpus) and its hand-coded answers (detente/demo/expected.yaml).

Checks that the corpus is complete (every article as source, page, flattened text, WARC response and
WET conversion, with URL and crawl date), that tools/build_demo_corpus.py rebuilds it byte for byte,
and that the answer file agrees with the articles: every evidence sentence, trigger, quote start and
figure occurs in its article, the same-happening pairs exist, and the dyad counts add up.
"""
from __future__ import annotations

import collections
import gzip
import importlib.util
import re
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pycountry
import pytest
import yaml
from fastwarc.warc import ArchiveIterator, WarcRecordType

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "detente" / "demo" / "corpus"
EXPECTED = ROOT / "detente" / "demo" / "expected.yaml"
PLOVER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODES = {"asserted", "promised", "intended", "hypothetical", "negated", "reported", "historical"}
SECTORS = {"GOV", "MIL", "LEG", "JUD", "OPP", "REB", "BUS", "MED", "NGO", "IGO", "EDU", "CVL", None}
BODIES = {"NATO", "UNO"}


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_demo_corpus", ROOT / "tools" / "build_demo_corpus.py")
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the class is being built.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


builder = _load_builder()


@pytest.fixture(scope="module")
def expected() -> dict:
    return yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def outlets() -> dict:
    return builder.load_outlets()


@pytest.fixture(scope="module")
def sources(outlets) -> dict:
    return {a.slug: a for a in builder.load_articles(outlets=outlets)}


@pytest.fixture(scope="module")
def answers(expected) -> dict:
    return {a["slug"]: a for a in expected["articles"]}


def _records(path: Path, kind: WarcRecordType) -> list:
    with open(path, "rb") as stream:
        return [(dict(r.headers), r.reader.read()) for r in ArchiveIterator(stream, parse_http=False)
                if r.record_type == kind]


def _flat(slug: str) -> str:
    return (CORPUS / "flat" / f"{slug}.txt").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- completeness

def test_demo_corpus_has_every_article_in_every_form(sources, answers):
    slugs = set(sources)
    assert len(slugs) >= 14
    assert {p.stem for p in (CORPUS / "html").glob("*.html")} == slugs
    assert {p.stem for p in (CORPUS / "flat").glob("*.txt")} == slugs
    assert set(answers) == slugs


def test_demo_corpus_articles_are_news_length_from_several_outlets(sources, outlets):
    for art in sources.values():
        words = sum(len(p.split()) for p in art.paragraphs)
        assert 350 <= words <= 800, f"{art.slug}: {words} words"
        assert art.authors and art.headline
    assert len({a.outlet for a in sources.values()}) >= 4
    assert sum(1 for a in sources.values() if a.dek) > len(sources) / 2


def test_demo_corpus_warc_holds_one_response_per_page(sources, answers, outlets):
    with open(CORPUS / "demo.warc.gz", "rb") as stream:
        first = next(iter(ArchiveIterator(stream)))
    assert first.record_type == WarcRecordType.warcinfo
    responses = _records(CORPUS / "demo.warc.gz", WarcRecordType.response)
    assert len(responses) == len(sources)
    by_url = {h["WARC-Target-URI"]: (h, body) for h, body in responses}
    for slug, art in sources.items():
        headers, block = by_url[answers[slug]["url"]]
        assert answers[slug]["url"].startswith(f"https://{outlets[art.outlet]['domain']}/")
        assert headers["WARC-Date"] == answers[slug]["crawled"]
        assert headers["WARC-Record-ID"] == builder.record_id("response", slug)
        http_head, _, payload = block.partition(b"\r\n\r\n")
        assert http_head.startswith(b"HTTP/1.1 200 OK")
        assert b"Content-Type: text/html; charset=utf-8" in http_head
        assert payload == (CORPUS / "html" / f"{slug}.html").read_bytes()
        # Crawled a day or two after publication, as a real crawl would find the page.
        crawled = datetime.fromisoformat(headers["WARC-Date"].replace("Z", "+00:00"))
        assert timedelta(hours=6) < crawled - art.published < timedelta(days=3)


def test_demo_corpus_wet_conversions_refer_to_their_responses(sources, answers):
    responses = {h["WARC-Target-URI"]: h["WARC-Record-ID"]
                 for h, _ in _records(CORPUS / "demo.warc.gz", WarcRecordType.response)}
    conversions = _records(CORPUS / "demo.wet.gz", WarcRecordType.conversion)
    assert len(conversions) == len(sources)
    for headers, body in conversions:
        url = headers["WARC-Target-URI"]
        assert headers["WARC-Refers-To"] == responses[url]
        slug = next(s for s, a in answers.items() if a["url"] == url)
        assert headers["WARC-Date"] == answers[slug]["crawled"]
        assert body.decode("utf-8") == _flat(slug)


def test_demo_corpus_archive_digests_verify():
    for name in ("demo.warc.gz", "demo.wet.gz"):
        with open(CORPUS / name, "rb") as stream:
            checked = [r.verify_block_digest() for r in ArchiveIterator(stream, parse_http=False)]
        assert checked and all(checked), name


def test_demo_corpus_rebuild_is_byte_identical(tmp_path):
    slugs = builder.build(tmp_path)
    for name in ("demo.warc.gz", "demo.wet.gz"):
        built, committed = (tmp_path / name).read_bytes(), (CORPUS / name).read_bytes()
        # Content first, so a zlib that compresses differently is told apart from a changed corpus.
        assert gzip.decompress(built) == gzip.decompress(committed), \
            f"{name} is stale: run python tools/build_demo_corpus.py"
        assert built == committed, f"{name} differs only in compression: zlib {__import__('zlib').ZLIB_RUNTIME_VERSION}"
    for slug in slugs:
        for sub, ext in (("html", "html"), ("flat", "txt")):
            assert (tmp_path / sub / f"{slug}.{ext}").read_bytes() == (CORPUS / sub / f"{slug}.{ext}").read_bytes(), \
                f"{sub}/{slug}.{ext} is stale: run python tools/build_demo_corpus.py"


# --------------------------------------------------------------------------- the builder's parts

def test_demo_flattener_puts_blocks_on_lines_and_drops_scripts():
    page = ("<html><head><title>A &amp; B</title><style>p {color: red}</style>"
            "<script>var x = '<p>no</p>';</script></head><body>"
            "<nav><ul><li>Home</li><li>World</li></ul></nav>"
            "<p>First   paragraph with <a href='#'>a link</a>.</p><p>Second&nbsp;one.</p>"
            "<noscript>Enable JavaScript</noscript><div>Footer<br>line</div></body></html>")
    assert builder.flatten_html(page) == (
        "A & B\n\nHome\nWorld\n\nFirst paragraph with a link.\n\nSecond one.\n\nFooter\nline\n")


def test_demo_source_with_a_bad_header_names_file_and_line(tmp_path):
    bad = tmp_path / "2009-01-01-bad.txt"
    bad.write_text("outlet: crossline\nheadlne: typo\n---\nBody.\n", encoding="utf-8")
    with pytest.raises(builder.SourceError, match=r"2009-01-01-bad\.txt:2: .*key"):
        builder.parse_source(bad)


@pytest.mark.parametrize("straight,curly", [
    ("Russia's \"reset\"", "Russia\u2019s \u201creset\u201d"),
    ("the 'reset' button", "the \u2018reset\u2019 button"),
    ("said: \"Go.\" Then", "said: \u201cGo.\u201d Then"),
])
def test_demo_smarten_makes_typographic_quotes(straight, curly):
    assert builder.smarten(straight) == curly


# --------------------------------------------------------------------------- answers vs articles

def test_demo_expected_metadata_matches_the_pages(sources, answers, outlets):
    for slug, ans in answers.items():
        art, outlet = sources[slug], outlets[sources[slug].outlet]
        page = (CORPUS / "html" / f"{slug}.html").read_text(encoding="utf-8")
        flat = _flat(slug)
        assert ans["publisher"] == outlet["name"]
        assert ans["title"] in flat and ans["authors"] == list(art.authors)
        assert ans["published"] == art.published.isoformat()
        assert (ans["dek"] is None) == (art.dek is None)
        if ans["dek"]:
            assert ans["dek"] in flat
        assert ans["body_starts"] in flat and ans["body_ends"] in flat
        # The boilerplate an extractor must drop is really on the page.
        for line in ans["boilerplate_lines"]:
            assert line in flat.splitlines(), (slug, line)
        if ans["closing_bio"]:
            assert ans["closing_bio"] in flat.splitlines()
        if "article:published_time" in (outlet.get("meta") or []):
            assert f'content="{ans["published"]}"' in page


def test_demo_expected_evidence_occurs_in_its_article(sources, answers, outlets):
    for slug, ans in answers.items():
        body = builder.body_text(sources[slug], outlets[sources[slug].outlet])
        lines = _flat(slug).splitlines()
        assert ans["events"], slug
        for ev in ans["events"]:
            assert ev["evidence"] in body, (slug, ev["evidence"])
            # Whole sentence, inside one paragraph line of the crawl text.
            assert any(ev["evidence"] in line for line in lines), (slug, ev["evidence"])
            assert re.search(r"[.!?][\"'\u201d\u2019]?$", ev["evidence"]), ev["evidence"]
            for piece in (ev.get("trigger") or "").split("..."):
                assert piece.strip() in ev["evidence"], (slug, piece)


def test_demo_expected_quotes_and_figures_occur_in_their_article(sources, answers, outlets):
    for slug, ans in answers.items():
        body = builder.body_text(sources[slug], outlets[sources[slug].outlet])
        for quote in ans["quotes"]:
            assert quote["begins"] in body, (slug, quote["begins"])
            assert quote["kind"] in ("direct", "indirect", "partial")
            assert quote["speaker"] or quote.get("speaker_mention"), quote
            if quote["speaker"]:
                assert quote["speaker"].split()[-1] in body, (slug, quote["speaker"])
        for fig in ans["figures"]:
            assert fig["text"] in body, (slug, fig["text"])
            assert isinstance(fig["value"], (int, float)) and fig["unit"]
        for word in ans["not_quotes"]:
            assert re.search(rf"[\"'\u201c\u2018]{re.escape(word)}[\"'\u201d\u2019]", body), (slug, word)


def test_demo_expected_events_use_the_ontology(expected, answers):
    from detente.events.ontology import load_ontology

    ontology = load_ontology()
    conventions = expected["conventions"]
    for name in PLOVER:
        assert conventions["quad_class"][name] == ontology.types[name].quad_class
        assert str(conventions["cameo_root"][name]) == ontology.types[name].cameo_root
    for slug, ans in answers.items():
        for ev in ans["events"]:
            assert ev["type"] in PLOVER and ev["mode"] in MODES, (slug, ev)
            assert ev["quad_class"] == conventions["quad_class"][ev["type"]]
            assert ev["month"] == ev["date"][:7]
            for role in ("source", "target"):
                actor = ev[role]
                if actor is None:
                    assert role == "target"
                    continue
                assert actor["code"] in BODIES or pycountry.countries.get(alpha_3=actor["code"]), actor
                assert actor["sector"] in SECTORS, actor


def test_demo_expected_same_happening_pairs_exist(expected, answers, sources):
    reports = collections.defaultdict(list)
    for slug, ans in answers.items():
        for ev in ans["events"]:
            if ev.get("happening"):
                reports[ev["happening"]].append((slug, ev))
    assert set(reports) == set(expected["happenings"])
    article_pairs = set()
    for happening, evs in reports.items():
        assert len(evs) == 2, happening
        (slug_a, a), (slug_b, b) = evs
        assert sources[slug_a].outlet != sources[slug_b].outlet, happening
        for key in ("type", "mode", "month"):
            assert a[key] == b[key], (happening, key)
        assert a["source"]["code"] == b["source"]["code"] and a["target"]["code"] == b["target"]["code"]
        article_pairs.add(frozenset((slug_a, slug_b)))
    assert len(article_pairs) >= 2


def test_demo_expected_dyads_add_up(expected, answers):
    excluded = set(expected["conventions"]["dyad_excludes_modes"])
    directions = {"USA-RUS": lambda s, t: {s, t} == {"USA", "RUS"},
                  "USA->RUS": lambda s, t: (s, t) == ("USA", "RUS"),
                  "RUS->USA": lambda s, t: (s, t) == ("RUS", "USA")}
    for name, wanted in directions.items():
        for kind in ("reports", "stories"):
            counts: dict = collections.defaultdict(lambda: {1: 0, 2: 0, 3: 0, 4: 0})
            seen = set()
            for ans in answers.values():
                for ev in ans["events"]:
                    if ev.get("optional") or ev["mode"] in excluded or not ev["target"]:
                        continue
                    if not wanted(ev["source"]["code"], ev["target"]["code"]):
                        continue
                    if kind == "stories" and ev.get("happening"):
                        if ev["happening"] in seen:
                            continue
                        seen.add(ev["happening"])
                    counts[ev["month"]][ev["quad_class"]] += 1
            assert dict(counts) == expected["dyads"][name][kind], (name, kind)
    # The two sides quarrel as well as cooperate: the answer key is not all one colour.
    both = expected["dyads"]["USA-RUS"]["stories"]
    assert sum(m[1] + m[2] for m in both.values()) > sum(m[3] + m[4] for m in both.values()) > 0

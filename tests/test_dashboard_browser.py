"""The dashboard in a real browser: Debian's chromium driven by Python Playwright, against a live
`detente serve` on 127.0.0.1 (never `playwright install`, which downloads a browser).

Screenshots are kept as test artefacts in test-artifacts/ (git-ignored).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest

from apidb import SHIELD_TEXT, TRANSIT_TEXT, LiveServer, build_database
from detente.records import article_id

CHROMIUM = shutil.which("chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed: `apt-get install -y chromium` "
                       "(or `make browser` as root) to run the dashboard's browser tests"),
]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    db = folder / "dashboard.duckdb"
    build_database(db)
    with LiveServer(db, folder) as live:
        yield live


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def page_at(browser, server):
    """A new page of the given viewport size that records what went wrong: script errors, console
    errors and any request that leaves the server (the dashboard must work offline)."""
    opened = []

    def open_page(width: int = 1280, height: int = 800):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.problems = []
        page.on("pageerror", lambda exc: page.problems.append(f"script error: {exc}"))
        page.on("console", lambda msg: msg.type == "error" and page.problems.append(f"console: {msg.text}"))
        page.on("request", lambda req: req.url.startswith(server.url) or req.url.startswith("data:")
                or page.problems.append(f"external request: {req.url}"))
        opened.append(context)
        return page

    yield open_page
    for context in opened:
        context.close()
    server.check_alive()


def _in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """el => { const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }""")


def test_dashboard_dyad_plot_renders_and_event_click_highlights_evidence(page_at, server):
    ARTIFACTS.mkdir(exist_ok=True)
    page = page_at(1280, 800)
    page.goto(server.url + "/dyad/USA/RUS")
    page.wait_for_selector("#dyad-plot svg.main-svg")
    bars = page.locator("#dyad-plot g.trace.bars g.point path")
    assert bars.count() >= 2  # cooperation in 2009-07 and conflict in 2009-09, at least
    page.screenshot(path=str(ARTIFACTS / "dashboard-dyad.png"))

    # The accusation of September 2009 is in the article that starts with an emoji: its offsets differ
    # between Python and JavaScript, which the highlighting must get right.
    accuse = page.locator("#p-2009-09 a.evidence-link", has_text="accused Washington")
    accuse.click()
    page.wait_for_url(f"**/article/{article_id(SHIELD_TEXT)}?event=*")
    mark = page.locator("mark.hl")
    expected = "The Kremlin accused Washington of ignoring its concerns about missile defence in central Europe."
    assert mark.all_inner_texts() == [expected]
    page.wait_for_function("() => { const r = document.querySelector('mark.hl').getBoundingClientRect();"
                           " return r.top >= 0 && r.bottom <= window.innerHeight; }")
    assert "ACCUSE" in page.inner_text("#selection")

    # Clicking a quote in the panel moves the highlight without reloading the page.
    page.evaluate("window.__sameDocument = true")
    page.locator("a.span-link[data-kind=quote]").first.click()
    assert page.evaluate("window.__sameDocument === true")
    assert mark.all_inner_texts() == ["We expect our partners to listen,"]
    assert "quote=" in page.url and "Dmitry Medvedev" in page.inner_text("#selection")
    page.wait_for_function("() => { const r = document.querySelector('mark.hl').getBoundingClientRect();"
                           " return r.top >= 0 && r.bottom <= window.innerHeight; }")
    # And back to the event, highlighted in place this time: the script counts code points as Python
    # does, so the emoji before the sentence does not shift the mark.
    page.locator("a.span-link[data-kind=event]", has_text="ACCUSE").click()
    assert page.evaluate("window.__sameDocument === true")
    assert mark.all_inner_texts() == [expected]
    assert page.locator("a.span-link.current").count() == 1
    page.screenshot(path=str(ARTIFACTS / "dashboard-article.png"))
    assert page.problems == []


def test_dashboard_plot_click_opens_period_evidence(page_at, server):
    page = page_at(1280, 800)
    page.goto(server.url + "/dyad/USA/RUS")
    page.wait_for_selector("#dyad-plot g.trace.bars g.point path", state="attached")
    # The 2009-09 bar is the conflict one, drawn below the axis; click its middle.
    conflict = page.locator("#dyad-plot g.trace.bars").nth(2).locator("g.point path").last
    box = conflict.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("() => location.hash === '#p-2009-09'")
    assert page.evaluate("document.activeElement.id") == "p-2009-09"
    assert page.problems == []


def test_dashboard_events_filter_and_evidence_link(page_at, server):
    page = page_at(1280, 800)
    page.goto(server.url + "/events")
    page.select_option("select[name=type]", "AGREE")
    page.fill("input[name=actor]", "RUS")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?*type=AGREE*")
    cards = page.locator("li.card.event")
    assert cards.count() == 2
    assert set(page.locator("li.card.event .badge").all_inner_texts()) == {"AGREE"}
    api = httpx.get(server.url + "/api/events", params={"actor": "RUS", "type": "AGREE"}).json()
    assert page.locator("li.card.event .evidence").all_inner_texts() == [r["evidence_text"] for r in api["rows"]]
    page.locator("li.card.event a.evidence-link", has_text="Moscow agreed").click()
    page.wait_for_url(f"**/article/{article_id(TRANSIT_TEXT)}?event=*")
    assert page.locator("mark.hl").inner_text().startswith("Moscow agreed on Monday")
    assert page.problems == []


@pytest.mark.parametrize("path", ["/dyad/USA/RUS", "/events", "/speakers", "/article/{shield}"])
def test_dashboard_narrow_screen_fits_without_sideways_scroll(page_at, server, path):
    page = page_at(375, 800)
    page.goto(server.url + path.format(shield=article_id(SHIELD_TEXT)))
    page.wait_for_load_state("load")
    if path.startswith("/dyad"):
        page.wait_for_selector("#dyad-plot svg.main-svg")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{path} is {width}px wide on a 375px screen"
    name = path.strip("/").split("/")[0]
    page.screenshot(path=str(ARTIFACTS / f"dashboard-narrow-{name}.png"), full_page=True)
    assert page.problems == []


def test_dashboard_speaker_page_lists_quotes_linked_to_article(page_at, server):
    page = page_at(1280, 800)
    page.goto(server.url + "/speakers")
    page.click("text=Sergei Lavrov")
    page.wait_for_url("**/speaker/Sergei%20Lavrov")
    assert page.locator("li.card.quote blockquote").all_inner_texts() == ["We have opened a new chapter,"]
    page.click("li.card.quote blockquote a")
    page.wait_for_url(f"**/article/{article_id(TRANSIT_TEXT)}?quote=*")
    assert page.locator("mark.hl").inner_text() == "We have opened a new chapter,"
    assert page.problems == []



def test_api_docs_render_offline(page_at, server):
    """Swagger UI comes from the installed swagger-ui-bundle, not a CDN."""
    page = page_at(1280, 800)
    page.goto(server.url + "/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock-summary-path", has_text="/api/events").count() == 1
    assert page.problems == []

# ----------------------------------------------------------------------------- README screenshots
def take_docs_screenshots(docs: Path) -> list[Path]:
    """The README's pictures, taken on the demo corpus: the USA–RUS dyad page (docs/dashboard.png)
    and an article with an event's evidence highlighted (docs/dashboard-article.png), at 1280x800.

    Run ``.venv/bin/python tests/test_dashboard_browser.py`` to retake them after changing the dashboard.
    """
    import tempfile

    import detente
    from detente.cli.run import demo_corpus_path
    from playwright.sync_api import sync_playwright

    docs.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.duckdb"
        detente.ingest_into(str(db), [str(demo_corpus_path())])
        with LiveServer(db, Path(tmp)) as live, sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = chromium.new_page(viewport={"width": 1280, "height": 800})
            page.goto(live.url + "/dyad/USA/RUS")
            page.wait_for_selector("#dyad-plot g.trace.bars g.point path", state="attached")
            page.screenshot(path=str(docs / "dashboard.png"))
            # An agreement of July 2009 (the Afghan transit deal), opened from the dyad's evidence.
            page.locator("#p-2009-07 a.evidence-link").first.click()
            page.wait_for_selector("mark.hl")
            page.wait_for_timeout(800)  # the smooth scroll to the highlight
            page.screenshot(path=str(docs / "dashboard-article.png"))
            chromium.close()
    return [docs / "dashboard.png", docs / "dashboard-article.png"]


if __name__ == "__main__":
    if CHROMIUM is None:
        raise SystemExit("chromium is not installed: apt-get install -y chromium")
    for path in take_docs_screenshots(Path(__file__).resolve().parent.parent / "docs"):
        print(path)

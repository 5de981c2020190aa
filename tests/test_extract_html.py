"""HTML extraction on pages written for these tests: site chrome around a short news article.

Each page is built from parts (head metadata, headline block, body, chrome) so that a test
changes only what it is about. The article prose is our own, about U.S.–Russia relations.
"""
from __future__ import annotations

import pytest

from detente.errors import DetenteError
from detente.extract import ExtractionError
from detente.extract import html as html_module
from detente.extract.html import extract_html

BODY_PARAGRAPHS = [
    "Negotiators from Washington and Moscow met in Geneva on Monday for a fourth round of talks "
    "on a treaty to replace the 1991 strategic arms agreement, which lapses at the end of the year.",
    "Officials on both sides described the sessions as businesslike. The main disagreement, they "
    "said, concerns how each country would count warheads carried by heavy bombers.",
    "A Russian delegate told reporters that his government wanted verification rules that were "
    "simpler than those of the old treaty, which required dozens of inspections every year.",
    "American officials said they were open to fewer inspections if each side shared more "
    "telemetry data from missile tests, a proposal Moscow has resisted in earlier rounds.",
    "The talks are scheduled to resume in two weeks, and both delegations said they hoped to "
    "have a text ready for the presidents to sign before the spring.",
]

NAV = """<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/opinion">Opinion</a></li>
<li><a href="/subscribe">Subscribe now</a></li></ul></nav>"""
COOKIES = """<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your
experience and to show you personalised advertising. By continuing to browse you accept our
cookie policy.</p><button>Accept all cookies</button></div>"""
SHARE = """<div class="share-buttons"><a href="#">Share on Facebook</a><a href="#">Share on
Twitter</a><a href="#">Email this story</a></div>"""
RELATED = """<aside class="related-links"><h3>Related stories</h3><ul>
<li><a href="/a">Senators press White House on missile defense plans in Europe</a></li>
<li><a href="/b">Opinion: what a new arms treaty would mean for NATO allies</a></li>
<li><a href="/c">Gas dispute between neighbours threatens winter supplies</a></li></ul></aside>"""
FOOTER = """<footer class="site-footer"><p>© 2009 The Meridian Ledger. All rights reserved.</p>
<ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy policy</a></li>
<li><a href="/contact">Contact</a></li></ul></footer>"""

HEADLINE = "Arms negotiators report progress in Geneva round"


def page(*, head: str = "", header: str | None = None, body: list[str] | None = None,
         before_article: str = "") -> str:
    """A whole page: chrome, an <article> with its header block, then more chrome."""
    if header is None:
        header = f"<h1>{HEADLINE}</h1>"
    paragraphs = "\n".join(f"<p>{p}</p>" for p in (BODY_PARAGRAPHS if body is None else body))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{head}</head>
<body>{COOKIES}{NAV}{before_article}
<main><article><header>{header}</header>{SHARE}
<div class="article-body">{paragraphs}</div>{SHARE}</article>{RELATED}</main>{FOOTER}</body></html>"""


def meta_head(title: str, site: str | None = "The Meridian Ledger", og_title: str | None = None,
              extra: str = "") -> str:
    head = f"<title>{title}</title>"
    if og_title:
        head += f'<meta property="og:title" content="{og_title}">'
    if site:
        head += f'<meta property="og:site_name" content="{site}">'
    return head + extra


# ------------------------------------------------------------------ body


def test_extract_html_body_keeps_article_and_drops_site_chrome():
    article = extract_html(page(head=meta_head(f"{HEADLINE} | The Meridian Ledger")))
    assert article.extractor == "html"
    paragraphs = article.text.split("\n\n")
    for expected in BODY_PARAGRAPHS:
        assert expected in paragraphs
    for chrome in ("cookies", "Share on Facebook", "Related stories", "Senators press",
                   "All rights reserved", "Privacy policy", "Subscribe now"):
        assert chrome not in article.text, chrome


def test_extract_html_body_paragraphs_joined_by_blank_lines():
    article = extract_html(page(head=meta_head(HEADLINE)))
    assert "\n\n" in article.text
    assert "\n\n\n" not in article.text
    assert all(p == p.strip() and p for p in article.text.split("\n\n"))


# ------------------------------------------------------------------ title


@pytest.mark.parametrize("meta_title", [
    f"{HEADLINE} | The Meridian Ledger",
    f"The Meridian Ledger - {HEADLINE}",
    f"{HEADLINE} — The Meridian Ledger",
    f"The Meridian Ledger: {HEADLINE}",
    f"The Meridian Ledger | {HEADLINE} | The Meridian Ledger",
])
def test_extract_html_title_drops_site_name_prefix_and_suffix(meta_title):
    """No h1 on the page: the title comes from <title>, cleaned with og:site_name."""
    article = extract_html(page(head=meta_head(meta_title), header="<p class='kicker'>World</p>"))
    assert article.title == HEADLINE


def test_extract_html_title_site_suffix_longer_than_site_name():
    """'Headline — Site News': the segment names the site though it is not its exact name."""
    head = meta_head(f"{HEADLINE} — Meridian Ledger World News", site="Meridian Ledger")
    article = extract_html(page(head=head, header=""))
    assert article.title == HEADLINE


def test_extract_html_title_site_recognised_from_domain():
    """No site-name metadata at all: the domain of the URL says what the suffix is."""
    head = meta_head(f"{HEADLINE} | MeridianLedger.com", site=None)
    article = extract_html(page(head=head, header=""), url="https://www.meridianledger.com/world/talks")
    assert article.title == HEADLINE


def test_extract_html_title_keeps_separator_inside_headline():
    """A dash in the headline itself is not a site suffix when nothing names the site so."""
    headline = "Moscow and Washington - a new start?"
    article = extract_html(page(head=meta_head(f"{headline} | The Meridian Ledger"), header=""))
    assert article.title == headline


def test_extract_html_title_prefers_visible_headline_over_seo_title():
    """og:title is a shortened social-card title; the h1 that agrees with it is the headline."""
    head = meta_head("Geneva arms talks | The Meridian Ledger", og_title="Progress at Geneva arms talks")
    article = extract_html(page(head=head, header="<h1>Arms talks in Geneva make progress, officials say</h1>"))
    assert article.title == "Arms talks in Geneva make progress, officials say"


def test_extract_html_title_ignores_site_banner_h1():
    """The site's logo marked up as an h1 is not the headline; an unrelated h1 is not either."""
    header = "<h1>Subscriber services</h1>"
    before = "<div class='masthead'><h1>The Meridian Ledger</h1></div>"
    article = extract_html(page(head=meta_head(f"{HEADLINE} | The Meridian Ledger"), header=header,
                                before_article=before))
    assert article.title == HEADLINE


@pytest.mark.parametrize("h1", [
    f"Nov 16 2009 {HEADLINE}",
    f"{HEADLINE} Posted on November 16, 2009 by Anna Sorokina",
])
def test_extract_html_title_drops_dateline_printed_inside_h1(h1):
    article = extract_html(page(head=meta_head(f"{HEADLINE} | The Meridian Ledger"), header=f"<h1>{h1}</h1>"))
    assert article.title == HEADLINE


def test_extract_html_title_keeps_month_that_belongs_to_headline():
    headline = "Arms talks to resume in December 2009"
    article = extract_html(page(head=meta_head(headline), header=f"<h1>{headline}</h1>"))
    assert article.title == headline


def test_extract_html_title_repairs_mojibake_and_entities():
    headline = "Russia’s envoy & the treaty"
    mangled = headline.encode("utf-8").decode("latin-1").replace("&", "&amp;amp;")
    article = extract_html(page(head=meta_head(f"{headline} | The Meridian Ledger"),
                                header=f"<h1>{mangled}</h1>"))
    assert article.title == headline


# ------------------------------------------------------------------ dek


def test_extract_html_dek_from_marked_standfirst():
    header = (f"<h1>{HEADLINE}</h1><p class='article-standfirst'>Both sides say the hardest "
              "questions, on bombers and verification, are still open.</p>")
    article = extract_html(page(head=meta_head(HEADLINE), header=header))
    assert article.dek == "Both sides say the hardest questions, on bombers and verification, are still open."
    assert article.title == HEADLINE


def test_extract_html_description_alone_is_not_a_dek():
    """og:description that the page does not print under the headline is a search blurb."""
    extra = '<meta property="og:description" content="Latest news on the arms talks in Geneva.">'
    article = extract_html(page(head=meta_head(HEADLINE, extra=extra)))
    assert article.dek is None


def test_extract_html_description_printed_under_headline_is_a_dek():
    blurb = "Delegations narrow their differences on counting rules."
    extra = f'<meta property="og:description" content="{blurb}">'
    article = extract_html(page(head=meta_head(HEADLINE, extra=extra),
                                header=f"<h1>{HEADLINE}</h1><p>{blurb}</p>"))
    assert article.dek == blurb


def test_extract_html_summary_widget_is_not_a_dek():
    """A class that merely contains a dek word ("summary-buttons") does not mark a standfirst."""
    header = (f"<h1>{HEADLINE}</h1><div class='ai-summary-buttons'>Summarize this story with "
              "your favourite assistant tools</div>")
    article = extract_html(page(head=meta_head(HEADLINE), header=header))
    assert article.dek is None


# ------------------------------------------------------------------ authors


@pytest.mark.parametrize("byline, expected", [
    ("By Anna Sorokina and James Whitfield", ("Anna Sorokina", "James Whitfield")),
    ("By Anna Sorokina", ("Anna Sorokina",)),
    ("Written by: James Whitfield", ("James Whitfield",)),
])
def test_extract_html_authors_split_and_by_removed(byline, expected):
    header = f"<h1>{HEADLINE}</h1><p class='byline'><span class='author'>{byline}</span></p>"
    article = extract_html(page(head=meta_head(HEADLINE), header=header))
    assert article.authors == expected


def test_extract_html_authors_drop_job_title_after_name():
    header = f"<h1>{HEADLINE}</h1><p class='byline'>By James Whitfield, Ledger staff writer</p>"
    article = extract_html(page(head=meta_head(HEADLINE), header=header))
    assert article.authors == ("James Whitfield",)


def test_extract_html_authors_from_meta_drop_trailing_date_and_role():
    extra = '<meta name="author" content="Anna Sorokina Senior Diplomatic Correspondent">'
    article = extract_html(page(head=meta_head(HEADLINE, extra=extra)))
    assert article.authors == ("Anna Sorokina",)


def test_extract_html_author_placeholder_is_no_author():
    extra = '<meta name="author" content="admin">'
    article = extract_html(page(head=meta_head(HEADLINE, extra=extra)))
    assert article.authors == ()


def test_extract_html_publisher_from_site_name():
    article = extract_html(page(head=meta_head(HEADLINE)))
    assert article.publisher == "The Meridian Ledger"


# ------------------------------------------------------------------ dates


def test_extract_html_dateline_gives_published_and_updated():
    header = (f"<h1>{HEADLINE}</h1><div class='meta'><span>Published <time datetime='2009-11-16T09:30'>"
              "Nov. 16, 2009</time></span> · <span>Updated Nov. 17, 2009 at 2:05 p.m.</span></div>")
    article = extract_html(page(head=meta_head(HEADLINE), header=header))
    assert article.published == "2009-11-16T09:30"
    assert article.updated == "2009-11-17T14:05"


def test_extract_html_published_from_article_metadata():
    extra = ('<meta property="article:published_time" content="2010-04-08T10:15:00Z">'
             '<meta property="article:modified_time" content="2010-04-09T08:00:00Z">')
    article = extract_html(page(head=meta_head(HEADLINE, extra=extra)))
    assert article.published == "2010-04-08T10:15:00+00:00"
    assert article.updated == "2010-04-09T08:00:00+00:00"


def test_extract_html_printed_date_beats_metadata_in_another_time_zone():
    """Metadata in UTC says the 9th; the page prints the 8th, the day its readers saw."""
    extra = '<meta property="article:published_time" content="2010-04-09T02:30:00Z">'
    header = f"<h1>{HEADLINE}</h1><p class='dateline'>April 8, 2010</p>"
    article = extract_html(page(head=meta_head(HEADLINE, extra=extra), header=header))
    assert article.published == "2010-04-08"


def test_extract_html_page_without_date_has_none():
    """No date anywhere but a copyright year and a dated image file name: nothing is invented."""
    body = BODY_PARAGRAPHS + ['<img src="/photos/2009-03-06-geneva.jpg" alt="Delegates">']
    article = extract_html(page(head=meta_head(HEADLINE), body=body))
    assert article.published is None
    assert article.updated is None


def test_extract_html_modified_time_alone_is_not_a_date():
    """CMSs stamp every page with its last save; without a published date the page gives none."""
    extra = '<meta property="article:modified_time" content="2010-02-01T12:00:00+00:00">'
    article = extract_html(page(head=meta_head(HEADLINE, extra=extra)))
    assert (article.published, article.updated) == (None, None)


def test_extract_html_webpage_json_ld_date_alone_is_not_a_date():
    """A WebPage's datePublished comes with every page of some site generators."""
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
          '{"@type": "WebPage", "name": "x", "datePublished": "2010-01-05T10:00:00+00:00"}]}</script>')
    article = extract_html(page(head=meta_head(HEADLINE, extra=ld)))
    assert article.published is None


def test_extract_html_article_json_ld_date_and_author():
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
          f' "headline": "{HEADLINE}", "datePublished": "2010-01-05",'
          ' "author": [{"@type": "Person", "name": "James Whitfield"}]}</script>')
    article = extract_html(page(head=meta_head(HEADLINE, extra=ld)))
    assert article.published == "2010-01-05"
    assert article.authors == ("James Whitfield",)


def test_extract_html_date_without_year_stays_partial():
    header = f"<h1>{HEADLINE}</h1><p class='timestamp'>Updated at 12:22 p.m. on Nov. 19</p>"
    article = extract_html(page(head=meta_head(HEADLINE), header=header))
    assert article.updated == "--11-19T12:22"
    assert article.published is None


def test_extract_html_published_date_anchors_yearless_update():
    """The page's own full date anchors its year-less update, which cannot precede it."""
    header = (f"<h1>{HEADLINE}</h1><div class='dates'><p>Published: 30 December 2009</p>"
              "<p>Updated at 9:15 a.m. on Jan. 2.</p></div>")
    article = extract_html(page(head=meta_head(HEADLINE), header=header))
    assert article.published == "2009-12-30"
    assert article.updated == "2010-01-02T09:15"


def test_extract_html_crawl_date_anchors_partial_date():
    header = f"<h1>{HEADLINE}</h1><p class='timestamp'>Updated at 12:22 p.m. on Nov. 19</p>"
    article = extract_html(page(head=meta_head(HEADLINE), header=header), crawl_date="2009-11-20T08:00:00Z")
    assert article.updated == "2009-11-19T12:22"


def test_extract_html_date_after_crawl_is_dropped():
    """A page cannot have been published after it was crawled: such metadata is wrong."""
    extra = '<meta property="article:published_time" content="2031-01-01T00:00:00Z">'
    article = extract_html(page(head=meta_head(HEADLINE, extra=extra)), crawl_date="2010-05-01")
    assert article.published is None


def test_extract_html_date_in_url():
    article = extract_html(page(head=meta_head(HEADLINE)),
                           url="https://meridianledger.example/2009/07/06/transit-deal")
    assert article.published == "2009-07-06"


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize("markup", [
    "",
    "   \n  ",
    "<script>var tracking = {id: 42};</script>",
    "<html><head><script src='a.js'></script><style>p{color:red}</style></head><body></body></html>",
    "<html><body><div><p>Unclosed paragraph <b>bold <i>and more",
    "\x00\x01\x02\x03binary\xff\xfe junk",
    "<" * 5000,
    "<div>" * 3000 + "deep" + "</div>" * 3000,
])
def test_extract_html_bad_markup_gives_empty_or_clear_error(markup):
    """Broken input never escapes as a raw parser or trafilatura exception."""
    try:
        article = extract_html(markup)
    except ExtractionError as exc:
        assert str(exc)
    else:
        assert isinstance(article.text, str)
        assert article.extractor == "html"


def test_extract_html_empty_page_has_empty_text():
    article = extract_html("<html><body><script>x()</script></body></html>")
    assert article.text == ""
    assert article.published is None


def test_extract_html_bytes_raise_clear_error():
    with pytest.raises(ExtractionError, match="decoded text"):
        extract_html(b"<html></html>")  # type: ignore[arg-type]


def test_extract_html_broken_markup_still_yields_article():
    """Unclosed tags around real prose: the prose survives."""
    markup = page(head=meta_head(HEADLINE)).replace("</p>", "").replace("</article>", "")
    article = extract_html(markup)
    assert BODY_PARAGRAPHS[0][:60] in article.text


# ------------------------------------------------------------------ page furniture inside the article

AUTHOR_BOX = """<div class="author-bio"><p>Ann Keller is the diplomatic correspondent of the
Meridian Ledger. She has covered arms control talks in Vienna and Geneva for eleven years and
previously reported from Moscow for a wire service.</p></div>"""
DISCLAIMER = """<div class="article-disclaimer"><p>Opinions quoted in this article belong to the
people who gave them. Nothing here is legal or financial guidance, and readers should check
official sources before acting on any of it.</p></div>"""
SIGNUP = """<div class="signup-box"><p>Every Friday our editors pick the week's most important
stories on diplomacy and security and send them to your inbox, free of charge.</p></div>"""
CAPTION = """<figure><img src="/photos/delegates.jpg" alt=""><figcaption>Delegates walking into the
conference hall on the first morning of the round, photographed from the public gallery.
</figcaption></figure>"""
FURNITURE_TEXT = ("diplomatic correspondent", "legal or financial guidance", "send them to your inbox",
                  "photographed from the public gallery")


def furnished_page(wrapper_class: str = "article-body") -> str:
    paragraphs = [f"<p>{p}</p>" for p in BODY_PARAGRAPHS]
    inner = "".join(paragraphs[:2]) + CAPTION + "".join(paragraphs[2:]) + DISCLAIMER + SIGNUP + AUTHOR_BOX
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{HEADLINE}</title></head>
<body>{NAV}<main><article><header><h1>{HEADLINE}</h1>
<div class="byline">By Ann Keller</div></header>
<div class="{wrapper_class}">{inner}</div></article></main>{FOOTER}</body></html>"""


def test_extract_html_body_drops_disclaimer_author_box_signup_and_caption():
    article = extract_html(furnished_page())
    for expected in BODY_PARAGRAPHS:
        assert expected in article.text.split("\n\n")
    for furniture in FURNITURE_TEXT:
        assert furniture not in article.text, furniture


def test_extract_html_furniture_hidden_from_body_only_byline_still_read():
    # the byline box is furniture for the body, but the author is read from it first
    article = extract_html(furnished_page())
    assert article.authors == ("Ann Keller",)
    assert "By Ann Keller" not in article.text


def test_extract_html_class_word_on_story_wrapper_keeps_story():
    # a wrapper holding the paragraphs is the story, whatever words its class has
    article = extract_html(furnished_page(wrapper_class="entry-content has-author-bio"))
    for expected in BODY_PARAGRAPHS:
        assert expected in article.text.split("\n\n")


def test_extract_html_class_word_must_be_whole_word():
    word = html_module._candidates_xpath(frozenset({"bio", "author"}), ("aside",))[0]
    assert word.search("post-author__box") and word.search("authorbio") is None
    assert word.search("biology-lesson") is None and word.search("author-bio")


def test_extract_html_furniture_file_rejects_class_word_with_dash(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("html_title_separators.txt", "html_dek_markers.txt", "html_date_meta.txt", "html_bylines.txt"):
        (data / name).write_text((html_module._DATA / name).read_text(encoding="utf-8"), encoding="utf-8")
    (data / "html_boilerplate.txt").write_text("[class_word]\nauthor-bio\n[tag]\naside\n", encoding="utf-8")
    monkeypatch.setattr(html_module, "_DATA", data)
    html_module._rules.cache_clear()
    try:
        with pytest.raises(DetenteError, match=r"html_boilerplate\.txt: class word 'author-bio'"):
            html_module._rules()
    finally:
        monkeypatch.undo()
        html_module._rules.cache_clear()


def test_extract_html_retries_in_recall_mode_when_balanced_finds_nothing(monkeypatch):
    # stands in for a page whose blocks all fall under the balanced mode's length thresholds:
    # the real trafilatura runs, but its balanced answer is blanked
    import trafilatura

    real, focuses = trafilatura.bare_extraction, []

    def balanced_finds_nothing(tree, *, options, prune_xpath=None):
        focuses.append(options.focus)
        return None if options.focus == "balanced" else real(tree, options=options, prune_xpath=prune_xpath)

    monkeypatch.setattr(trafilatura, "bare_extraction", balanced_finds_nothing)
    article = extract_html(page(head=meta_head(HEADLINE)))
    assert focuses == ["balanced", "recall"]
    assert BODY_PARAGRAPHS[0] in article.text.split("\n\n")


# ------------------------------------------------------------------ numeric dates and the page's country


def dated_page(lang: str, printed: str, head: str = "") -> str:
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{HEADLINE}</title>{head}</head>
<body>{NAV}<main><article><header><h1>{HEADLINE}</h1><ul class="page-info"><li><strong>Updated:</strong>
{printed}</li></ul></header><div class="article-body">{"".join(f"<p>{p}</p>" for p in BODY_PARAGRAPHS)}</div>
</article></main>{FOOTER}</body></html>"""


@pytest.mark.parametrize("lang, head, expected", [
    ("en-US", "", "2025-06-02"),
    ("en", '<link rel="canonical" href="https://www.agency.example.gov/topics/water">', "2025-06-02"),
    ("en-GB", "", "2025-02-06"),
    ("en", '<link rel="canonical" href="https://www.paper.example.co.uk/news/water">', "2025-02-06"),
])
def test_extract_html_ambiguous_numeric_date_read_in_page_country_order(lang, head, expected):
    article = extract_html(dated_page(lang, "6/2/2025", head))
    assert (article.published or "")[:10] == expected


@pytest.mark.parametrize("lang", ["en-US", "en-GB", "en"])
def test_extract_html_unambiguous_numeric_date_same_everywhere(lang):
    # a day above 12 can only be read one way, whatever the page's country
    assert (extract_html(dated_page(lang, "6/22/2025")).published or "")[:10] == "2025-06-22"
    assert (extract_html(dated_page(lang, "22/6/2025")).published or "")[:10] == "2025-06-22"


@pytest.mark.parametrize("lang, url, expected", [
    ("en-US", None, "mdy"), ("en-us", "https://example.com/a", "mdy"), ("en", "https://x.example.gov/a", "mdy"),
    ("en-GB", None, "dmy"), ("en", "https://news.example.com.au/a", "dmy"), ("en_IN", None, "dmy"),
    ("en", None, None), ("en", "https://example.com/a", None), ("en-GB", "https://x.example.gov/a", None),
])
def test_extract_html_date_order_from_lang_and_domain(lang, url, expected):
    from trafilatura.utils import load_html

    tree = load_html(f'<html lang="{lang}"><body><p>Text.</p></body></html>')
    assert html_module._date_order(tree, url) == expected


# ------------------------------------------------------------------ data files


def test_extract_html_data_file_empty_group_names_file_and_line(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("# comment\n[first]\nalpha\n\n[second]\n# nothing here\n", encoding="utf-8")
    with pytest.raises(DetenteError, match=r"words\.txt:5: group \[second\] is empty"):
        html_module._load_groups(path)


def test_extract_html_data_file_duplicate_names_file_and_line(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("[first]\nalpha\nbeta\nalpha\n", encoding="utf-8")
    with pytest.raises(DetenteError, match=r"words\.txt:4: 'alpha' is listed twice"):
        html_module._load_groups(path)


def test_extract_html_packaged_data_files_load():
    rules = html_module._rules()
    assert rules.published_meta and rules.updated_meta and rules.dek_words
    assert rules.boilerplate_words and rules.boilerplate_tags

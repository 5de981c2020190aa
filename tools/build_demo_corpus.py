"""Build the demo corpus: news pages with site chrome, their flattened text, a WARC and a WET file.

Reads  ``detente/demo/corpus/source/<slug>.txt`` (the articles, written for this project) and
       ``detente/demo/corpus/outlets.yaml`` (the invented outlets and the words of their chrome).
Writes ``html/<slug>.html``  the page as its outlet serves it (nav, cookie banner, share buttons, ...),
       ``flat/<slug>.txt``   the page flattened to lines as a crawl's WET conversion stores it,
       ``demo.warc.gz``      a ``warcinfo`` record, then one ``response`` record (HTTP + HTML) per page,
       ``demo.wet.gz``       a ``warcinfo`` record, then one ``conversion`` record per page.

The build is deterministic: record ids are UUIDv5 of the slug, dates come from the sources, and every
gzip member is written with mtime 0, so rebuilding gives the same bytes. The built files are committed;
run ``python tools/build_demo_corpus.py`` after editing a source or the outlets file.

Source format: ``key: value`` header lines, a line ``---``, then body paragraphs separated by blank
lines. Keys: outlet, section, headline, dek, byline (authors separated by commas), dateline, published
(ISO 8601 with offset), updated (ISO, or the outlet's own wording), printed_date (the date as a wire
page prints it), crawled (ISO, UTC), path (URL path on the outlet's domain), bio (closing author line),
caption (photo caption).
"""
from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import html
import io
import json
import re
import sys
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from html.parser import HTMLParser
from pathlib import Path

import yaml
from fastwarc.warc import WarcRecord, WarcRecordType

__all__ = [
    "CORPUS_DIR", "SourceArticle", "load_outlets", "load_articles", "parse_source", "render_page",
    "flatten_html", "body_text", "page_url", "record_id", "build",
]

CORPUS_DIR = Path(__file__).resolve().parent.parent / "detente" / "demo" / "corpus"
_KEYS = {"outlet", "section", "headline", "dek", "byline", "dateline", "published", "updated",
         "printed_date", "crawled", "path", "bio", "caption"}
_REQUIRED = ("outlet", "section", "headline", "byline", "dateline", "published", "crawled", "path")
# A fixed namespace keeps record ids stable across machines and runs.
_NAMESPACE = uuid.UUID("6f1c2a52-5d0e-4c1e-9a57-3c1f0d2b7e11")
_WARCINFO_DATE = "2011-01-05T00:00:00Z"


class SourceError(ValueError):
    """A source or outlet file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class SourceArticle:
    """One article as written in its source file, before any outlet styling."""

    slug: str
    outlet: str
    section: str
    headline: str
    dek: str | None
    authors: tuple[str, ...]
    dateline: str
    published: datetime
    updated: str | None
    printed_date: str | None
    crawled: datetime
    path: str
    bio: str | None
    caption: str | None
    paragraphs: tuple[str, ...]


def _parse_iso(value: str, where: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise SourceError(f"{where}: cannot read the date {value!r} ({exc})") from None
    if moment.tzinfo is None:
        raise SourceError(f"{where}: the date {value!r} needs a UTC offset")
    return moment


def parse_source(path: Path) -> SourceArticle:
    """Read one article source file; a malformed header stops with the file and line named."""
    text = path.read_text(encoding="utf-8")
    if "\n---\n" not in text:
        raise SourceError(f"{path}: no '---' line between the header and the body")
    head, body = text.split("\n---\n", 1)
    fields: dict[str, str] = {}
    for number, line in enumerate(head.splitlines(), start=1):
        key, sep, value = line.partition(":")
        key = key.strip()
        if not sep or key not in _KEYS:
            raise SourceError(f"{path}:{number}: expected 'key: value' with a key among {sorted(_KEYS)}")
        if key in fields:
            raise SourceError(f"{path}:{number}: duplicate key {key!r}")
        if not value.strip():
            raise SourceError(f"{path}:{number}: empty value for {key!r}")
        fields[key] = value.strip()
    missing = [k for k in _REQUIRED if k not in fields]
    if missing:
        raise SourceError(f"{path}: missing header keys {missing}")
    paragraphs = tuple(" ".join(p.split()) for p in re.split(r"\n\s*\n", body.strip()) if p.strip())
    if not paragraphs:
        raise SourceError(f"{path}: the body is empty")
    return SourceArticle(
        slug=path.stem,
        outlet=fields["outlet"],
        section=fields["section"],
        headline=fields["headline"],
        dek=fields.get("dek"),
        authors=tuple(a.strip() for a in fields["byline"].split(",") if a.strip()),
        dateline=fields["dateline"],
        published=_parse_iso(fields["published"], f"{path} published"),
        updated=fields.get("updated"),
        printed_date=fields.get("printed_date"),
        crawled=_parse_iso(fields["crawled"], f"{path} crawled").astimezone(timezone.utc),
        path=fields["path"],
        bio=fields.get("bio"),
        caption=fields.get("caption"),
        paragraphs=paragraphs,
    )


def load_outlets(path: Path | None = None) -> dict[str, dict]:
    path = path or CORPUS_DIR / "outlets.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, outlet in data.items():
        for needed in ("name", "domain", "server", "typography", "title_format", "nav", "footer", "copyright"):
            if not outlet.get(needed):
                raise SourceError(f"{path}: outlet {key!r} has no {needed!r}")
    return data


def load_articles(source_dir: Path | None = None, outlets: dict[str, dict] | None = None) -> list[SourceArticle]:
    """Every article source, sorted by slug (the slugs start with the date)."""
    source_dir = source_dir or CORPUS_DIR / "source"
    outlets = outlets if outlets is not None else load_outlets()
    articles = [parse_source(p) for p in sorted(source_dir.glob("*.txt"))]
    for art in articles:
        if art.outlet not in outlets:
            raise SourceError(f"{source_dir / (art.slug + '.txt')}: unknown outlet {art.outlet!r}")
        if art.crawled <= art.published:
            raise SourceError(f"{art.slug}: crawled before it was published")
    return articles


# --- typography -------------------------------------------------------------------------------

_OPEN_DOUBLE = re.compile(r'(^|[\s(\[—–-])"')
_OPEN_SINGLE = re.compile(r"(^|[\s(\[—–-])'")


def smarten(text: str) -> str:
    """Straight quotes to typographic ones, as the outlets with a style guide print them."""
    text = _OPEN_DOUBLE.sub(lambda m: m.group(1) + "\u201c", text).replace('"', "\u201d")
    text = _OPEN_SINGLE.sub(lambda m: m.group(1) + "\u2018", text).replace("'", "\u2019")
    return text


def _styled(outlet: dict, text: str) -> str:
    return smarten(text) if outlet["typography"] == "curly" else text


def _dateline_prefix(art: SourceArticle, outlet: dict) -> str:
    if outlet["typography"] == "straight" and "News Service" in outlet["name"]:
        return f"{art.dateline} (Crossline) - "
    return f"{art.dateline} \u2014 "


def body_paragraphs(art: SourceArticle, outlet: dict) -> list[str]:
    """The body paragraphs as the page prints them: outlet typography, dateline on the first."""
    paras = [_styled(outlet, p) for p in art.paragraphs]
    paras[0] = _dateline_prefix(art, outlet) + paras[0]
    return paras


def body_text(art: SourceArticle, outlet: dict) -> str:
    """The article body as an extractor should return it: paragraphs joined by blank lines."""
    return "\n\n".join(body_paragraphs(art, outlet))


# --- dates as each outlet prints them ---------------------------------------------------------

def _clock(moment: datetime, style: str) -> str:
    hour = moment.hour % 12 or 12
    if style == "ap":
        return f"{hour}:{moment.minute:02d} {'a.m.' if moment.hour < 12 else 'p.m.'}"
    return f"{hour}:{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"


def _ap_date(moment: datetime) -> str:
    month = moment.strftime("%B")
    short = {"January": "Jan.", "February": "Feb.", "August": "Aug.", "September": "Sept.",
             "October": "Oct.", "November": "Nov.", "December": "Dec."}.get(month, month)
    return f"{short} {moment.day}, {moment.year}"


def page_url(art: SourceArticle, outlet: dict) -> str:
    return f"https://{outlet['domain']}{art.path}"


def record_id(kind: str, slug: str) -> str:
    """WARC-Record-ID of a record: a UUIDv5 of its kind and the slug, so rebuilds match."""
    return f"<urn:uuid:{uuid.uuid5(_NAMESPACE, f'{kind}/{slug}')}>"


def _number(slug: str, low: int, high: int) -> int:
    """A stable pseudo-random number per page (comment counts and the like)."""
    return low + int(hashlib.sha1(slug.encode()).hexdigest()[:8], 16) % (high - low + 1)


# --- page rendering ---------------------------------------------------------------------------

def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _a(text: str) -> str:
    return html.escape(text, quote=True)


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _meta_tags(art: SourceArticle, outlet: dict) -> list[str]:
    tags = [f'<meta name="description" content="{_a(_styled(outlet, art.dek or art.paragraphs[0]))}">']
    wanted = outlet.get("meta") or []
    if "og:title" in wanted:
        tags.append(f'<meta property="og:title" content="{_a(_styled(outlet, art.headline))}">')
    if "og:site_name" in wanted:
        tags.append(f'<meta property="og:site_name" content="{_a(outlet["name"])}">')
    if "og:title" in wanted:
        tags.append('<meta property="og:type" content="article">')
        tags.append(f'<meta property="og:url" content="{_a(page_url(art, outlet))}">')
    if "article:published_time" in wanted:
        tags.append(f'<meta property="article:published_time" content="{art.published.isoformat()}">')
    return tags


def _related(art: SourceArticle, outlet: dict, siblings: list[SourceArticle]) -> list[tuple[str, str]]:
    """Links to the outlet's earlier corpus pages (a page cannot link to the future), then evergreens."""
    earlier = [s for s in siblings if s.outlet == art.outlet and s.published < art.published]
    links = [(_styled(outlet, s.headline), page_url(s, outlet)) for s in earlier[-3:][::-1]]
    for title in outlet.get("evergreen") or []:
        if len(links) >= 4:
            break
        links.append((_styled(outlet, title), f"https://{outlet['domain']}/topics/{_slugify(title)}"))
    return links


_SCRIPT_ANALYTICS = """<script>
  window.dataLayer = window.dataLayer || [];
  function track(){{dataLayer.push(arguments);}}
  track('page', {{section: '{section}', id: '{slug}'}});
</script>"""

_STYLE = """<style>
  body {{ font-family: {font}; margin: 0; color: #222; }}
  .wrap {{ max-width: 980px; margin: 0 auto; padding: 0 16px; }}
  .cookie-banner {{ position: fixed; bottom: 0; left: 0; right: 0; background: #111; color: #eee; }}
  .ad-slot {{ min-height: 90px; background: #f4f4f4; text-align: center; }}
</style>"""


def _head(art: SourceArticle, outlet: dict, font: str, extra: list[str] = ()) -> list[str]:
    title = outlet["title_format"].format(headline=_styled(outlet, art.headline), section=art.section)
    lines = ['<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{_e(title)}</title>", f'<link rel="canonical" href="{_a(page_url(art, outlet))}">']
    lines += _meta_tags(art, outlet)
    lines += list(extra)
    lines.append(_STYLE.format(font=font))
    lines.append(_SCRIPT_ANALYTICS.format(section=_a(art.section), slug=art.slug))
    lines.append("</head>")
    return lines


def _nav(outlet: dict, current: str) -> str:
    active = ' class="active"'
    items = "".join(
        f'<li{active if item == current else ""}><a href="/{_slugify(item)}/">{_e(item)}</a></li>'
        for item in outlet["nav"])
    return f'<nav class="site-nav" aria-label="Sections"><ul>{items}</ul></nav>'


def _cookie(outlet: dict) -> str:
    if not outlet.get("cookie"):
        return ""
    buttons = "\n".join(f"<button type=\"button\">{_e(b)}</button>" for b in outlet["cookie_buttons"])
    return (f'<div class="cookie-banner" role="dialog" aria-label="Cookie notice"><p>{_e(outlet["cookie"])}</p>'
            f'<div class="cookie-actions">{buttons}</div></div>')


def _newsletter(outlet: dict) -> str:
    if not outlet.get("newsletter"):
        return ""
    title, blurb, button = outlet["newsletter"]
    return (f'<aside class="newsletter-signup"><h3>{_e(title)}</h3><p>{_e(_styled(outlet, blurb))}</p>'
            f'<form action="/newsletters/subscribe" method="post"><label for="nl-email">Email address</label>'
            f'<input id="nl-email" type="email" name="email" placeholder="you@example.com">\n'
            f'<button type="submit">{_e(button)}</button></form></aside>')


def _share(outlet: dict, cls: str = "share-tools") -> str:
    items = "".join(f'<li><a href="#" class="share-{_slugify(s)}">{_e(s)}</a></li>' for s in outlet["share"])
    return f'<div class="{cls}"><ul>{items}</ul></div>'


def _related_block(outlet: dict, links: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="{_a(url)}">{_e(title)}</a></li>' for title, url in links)
    return f'<section class="related"><h3>{_e(outlet["related_heading"])}</h3><ul>{items}</ul></section>'


def _most_read(outlet: dict, heading: str = "Most read") -> str:
    items = "".join(f'<li><a href="/popular/{i}">{_e(_styled(outlet, t))}</a></li>'
                    for i, t in enumerate(outlet["most_read"], start=1))
    return f'<section class="most-read"><h3>{_e(heading)}</h3><ol>{items}</ol></section>'


def _footer(outlet: dict, year: int) -> str:
    links = "".join(f'<li><a href="/{_slugify(x)}">{_e(x)}</a></li>' for x in outlet["footer"])
    return (f'<footer class="site-footer"><div class="wrap"><ul class="footer-links">{links}</ul>'
            f'<p class="copyright">{_e(outlet["copyright"].format(year=year))}</p></div></footer>')


def _figure(art: SourceArticle, outlet: dict, credit: str) -> str:
    if not art.caption:
        return ""
    src = f"https://{outlet['domain']}/media/{art.slug}.jpg"
    return (f'<figure class="lead-image"><img src="{_a(src)}" alt="" width="960" height="540">'
            f'<figcaption>{_e(_styled(outlet, art.caption))} <span class="credit">{_e(credit)}</span>'
            f'</figcaption></figure>')


def _paragraphs(art: SourceArticle, outlet: dict, dateline_cls: str) -> list[str]:
    paras = body_paragraphs(art, outlet)
    prefix = _dateline_prefix(art, outlet)
    first = paras[0][len(prefix):]
    out = [f'<p><span class="{dateline_cls}">{_e(prefix.strip())}</span> {_e(first)}</p>']
    out += [f"<p>{_e(p)}</p>" for p in paras[1:]]
    return out


def _ad(label: str = "Advertisement", slot: str = "mid") -> str:
    return f'<div class="ad-slot ad-{slot}"><span class="ad-label">{_e(label)}</span><div id="ad-{slot}"></div></div>'


def _authors_join(names: tuple[str, ...], linked: str | None = None) -> str:
    parts = [f'<a rel="author" href="{linked}{_slugify(n)}">{_e(n)}</a>' if linked else _e(n) for n in names]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _render_meridian(art, outlet, siblings):
    when = art.published
    lines = _head(art, outlet, "Georgia, serif")
    lines += ['<body class="article-page">', '<a class="skip-link" href="#main">Skip to main content</a>',
              '<header class="masthead"><div class="wrap">'
              f'<p class="site-name"><a href="/">{_e(outlet["name"])}</a></p>'
              f'<p class="tagline">{_e(outlet["tagline"])}</p><p class="account"><a href="/login">Log in</a> '
              f'<a href="/subscribe">Subscribe</a></p></div></header>',
              _nav(outlet, art.section), _ad("Advertisement", "top"),
              '<main id="main" class="wrap"><article class="story">',
              f'<p class="kicker"><a href="/{_slugify(art.section)}/">{_e(art.section)}</a></p>',
              f"<h1 class=\"headline\">{_e(_styled(outlet, art.headline))}</h1>"]
    if art.dek:
        lines.append(f'<h2 class="dek">{_e(_styled(outlet, art.dek))}</h2>')
    lines.append(f'<div class="meta"><p class="byline">By {_authors_join(art.authors, "/by/")}</p>'
                 f'<time class="published" datetime="{when.isoformat()}">'
                 f'{_ap_date(when)}, {_clock(when, "ap")}</time></div>')
    lines.append(_share(outlet))
    lines.append(_figure(art, outlet, "(Meridian Ledger photo)"))
    lines.append('<div class="story-body">')
    paras = _paragraphs(art, outlet, "dateline")
    middle = len(paras) // 2
    lines += paras[:middle] + [_ad("Advertisement", "inline")] + paras[middle:]
    lines.append("</div>")
    page = _number(art.slug, 1, 14)
    lines.append(f'<p class="correction-note">A version of this article appears in print on page A{page}.</p>')
    lines.append(_share(outlet, "share-tools bottom"))
    lines.append("</article>")
    lines.append(_newsletter(outlet))
    lines.append(_related_block(outlet, _related(art, outlet, siblings)))
    comments = "".join(f"<p>{_e(c)}</p>" for c in outlet["comments"])
    lines.append(f'<section class="comments"><h3>Comments ({_number(art.slug, 12, 480)})</h3>{comments}</section>')
    lines.append(_most_read(outlet))
    lines.append("</main>")
    lines.append(_cookie(outlet))
    lines.append(_footer(outlet, when.year))
    lines += ["</body>", "</html>"]
    return lines


def _render_crossline(art, outlet, siblings):
    when = art.published
    lines = _head(art, outlet, "Arial, sans-serif")
    notice = "".join(f"<p>{_e(x)}</p>" for x in outlet["browser_notice"])
    lines += ['<body>', f'<!--[if lt IE 8]><div class="browser-notice">{notice}</div><![endif]-->',
              f'<div class="browser-notice" id="outdated">{notice}<a href="#" class="close">Close</a></div>',
              f'<div id="header"><div class="logo"><a href="/">{_e(outlet["name"])}</a></div>'
              f'<form class="search" action="/search"><input type="text" name="q" placeholder="Search news and quotes">'
              f'<button type="submit">Search</button></form>'
              '<div class="edition">Edition: <a href="#">U.S.</a> <a href="#">UK</a> '
              '<a href="#">India</a></div></div>',
              _nav(outlet, art.section),
              '<div id="content"><div class="column1">',
              f'<h1>{_e(art.headline)}</h1>',
              '<div class="timestampHeader">'
              f'<span class="timestamp">{_e(art.printed_date or when.isoformat())}</span></div>']
    if art.dek:
        lines.append(f'<div class="article-summary"><p>{_e(art.dek)}</p></div>')
    lines.append(f'<p class="byline">By {_authors_join(art.authors)}</p>')
    lines.append(_share(outlet))
    lines.append(_figure(art, outlet, "Crossline/Staff"))
    lines.append('<div id="articleText">')
    lines += _paragraphs(art, outlet, "location")
    editing = f"(Reporting by {_authors_join(art.authors)}; {outlet['editing']})"
    lines.append(f'<p class="credits">{_e(editing)}</p>')
    lines.append("</div>")
    lines.append(_related_block(outlet, _related(art, outlet, siblings)))
    lines.append("</div>")
    lines.append('<div class="column2">' + _ad("Advertisement", "right")
                 + _most_read(outlet, "Most Popular") + "</div>")
    lines.append("</div>")
    lines.append(_footer(outlet, when.year))
    lines += ["</body>", "</html>"]
    return lines


def _render_eastbridge(art, outlet, siblings):
    when = art.published
    lines = _head(art, outlet, "'Helvetica Neue', sans-serif")
    lines += ['<body>', _cookie(outlet),
              f'<header><div class="wrap">\n<a class="logo" href="/">{_e(outlet["name"])}</a>\n'
              f'<span class="strap">{_e(outlet["tagline"])}</span>\n'
              '<a class="signin" href="/signin">Sign in</a> '
              '<a class="support" href="/subscribe">Subscribe</a></div></header>',
              _nav(outlet, art.section)]
    paywall = "".join(f"<p>{_e(x)}</p>" for x in outlet["paywall"])
    lines.append(f'<div class="paywall-meter">{paywall}</div>')
    lines += ['<main class="wrap">', '<article>',
              f'<div class="section-label"><a href="/{_slugify(art.section)}">{_e(art.section)}</a></div>',
              f"<h1>{_e(_styled(outlet, art.headline))}</h1>"]
    if art.dek:
        lines.append(f'<p class="standfirst">{_e(_styled(outlet, art.dek))}</p>')
    place = art.dateline.split(",")[0].title()
    lines.append(f'<p class="byline"><span class="author">{_authors_join(art.authors)}</span> in {_e(place)}</p>')
    dates = f"<p class=\"published\">Published: {when.day} {when.strftime('%B %Y')}</p>"
    if art.updated:
        dates += f'<p class="updated">Updated at {_e(art.updated)}.</p>'
    lines.append(f'<div class="dates">{dates}</div>')
    lines.append(_figure(art, outlet, "Photograph: Eastbridge Post"))
    lines.append('<div class="article-body">')
    lines += _paragraphs(art, outlet, "dateline")
    lines.append("</div>")
    lines.append(_share(outlet))
    lines.append("</article>")
    lines.append(_newsletter(outlet))
    comments = "".join(f"<p>{_e(c)}</p>" for c in outlet["comments"])
    lines.append(f'<section class="comments"><h3>Comments ({_number(art.slug, 0, 95)})</h3>{comments}</section>')
    lines.append(_related_block(outlet, _related(art, outlet, siblings)))
    lines.append(_most_read(outlet, "Most viewed"))
    lines.append("</main>")
    lines.append(_footer(outlet, when.year))
    lines += ["</body>", "</html>"]
    return lines


def _render_harbor(art, outlet, siblings):
    when = art.published
    lines = _head(art, outlet, "Verdana, sans-serif")
    login = " | ".join(f'<a href="/{_slugify(x)}">{_e(x)}</a>' for x in outlet["login"])
    lines += ['<body>', f'<div id="top-bar"><div class="wrap">{login}</div></div>',
              f'<div id="masthead"><a href="/"><img src="/img/logo.png" alt="{_a(outlet["name"])}"></a>'
              f'<div class="weather">Harbor City 54&deg; Partly cloudy</div></div>',
              _nav(outlet, art.section), _ad("ADVERTISEMENT", "leaderboard"),
              '<div id="main"><div class="story">',
              f'<h1 class="headline">{_e(art.headline)}</h1>']
    if art.dek:
        lines.append(f'<h2 class="subhead">{_e(art.dek)}</h2>')
    lines.append(f'<p class="byline">By {_authors_join(art.authors)}, Tribune staff writer</p>')
    posted = f"Posted: {when.strftime('%A')}, {when.strftime('%B')} {when.day}, {when.year} {_clock(when, 'plain')}"
    if art.updated:
        posted += f" | Updated: {_clock(_parse_iso(art.updated, art.slug), 'plain')}"
    lines.append(f'<p class="posted">{_e(posted)}</p>')
    lines.append(_share(outlet))
    lines.append(_figure(art, outlet, "Tribune photo"))
    lines.append('<div class="story-text">')
    paras = _paragraphs(art, outlet, "dateline")
    lines += paras[:3] + [_ad("ADVERTISEMENT", "box")] + paras[3:]
    lines.append("</div>")
    lines.append(_related_block(outlet, _related(art, outlet, siblings)))
    intro = "".join(f"<p>{_e(x)}</p>" for x in outlet["comments_intro"])
    shown = outlet["reader_comments"][: _number(art.slug, 1, len(outlet["reader_comments"]))]
    comments = "".join(
        f'<div class="comment"><p class="comment-author">{_e(user)}</p>'
        f'<p class="comment-time">{_number(art.slug + user, 1, 11)} hours ago</p><p>{_e(text)}</p>'
        f'<p class="comment-actions"><a href="#">Reply</a> <a href="#">Report</a></p></div>'
        for user, text in shown)
    lines.append(f'<div id="comments"><h3>Reader comments</h3>{intro}{comments}</div>')
    lines.append("</div>")
    lines.append('<div id="sidebar">' + _most_read(outlet, "Most Popular") + "</div>")
    lines.append("</div>")
    lines.append(_cookie(outlet))
    lines.append(_footer(outlet, when.year))
    lines += ["</body>", "</html>"]
    return lines


def _render_continental(art, outlet, siblings):
    when = art.published
    ld_data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": smarten(art.headline),
               "datePublished": when.isoformat(),
               "author": [{"@type": "Person", "name": a} for a in art.authors],
               "publisher": {"@type": "Organization", "name": outlet["name"]}}
    ld = f'<script type="application/ld+json">{json.dumps(ld_data, ensure_ascii=False)}</script>'
    lines = _head(art, outlet, "'Iowan Old Style', serif", [ld])
    lines += ['<body>', _cookie(outlet),
              f'<header class="top"><a class="brand" href="/">{_e(outlet["name"])}</a>'
              f'<p class="motto">{_e(outlet["tagline"])}</p><a class="donate" href="/donate">Donate</a></header>',
              _nav(outlet, art.section), '<main>', '<article class="essay">',
              f'<p class="rubric">{_e(art.section)}</p>',
              f"<h1>{_e(_styled(outlet, art.headline))}</h1>"]
    if art.dek:
        lines.append(f'<p class="dek">{_e(_styled(outlet, art.dek))}</p>')
    lines.append(f'<p class="author-line">By {_authors_join(art.authors, "/authors/")}</p>')
    lines.append(f"<p class=\"pubdate\">{when.strftime('%B')} {when.day}, {when.year}</p>")
    lines.append(_share(outlet))
    lines.append('<div class="essay-body">')
    lines += _paragraphs(art, outlet, "dateline")
    if art.bio:
        lines.append(f'<p class="bio"><em>{_e(_styled(outlet, art.bio))}</em></p>')
    lines.append("</div>")
    topics = "".join(f'<a href="/topics/{t}">{_e(t.replace("-", " ").title())}</a>'
                     for t in ("russia", "united-states", "arms-control"))
    lines.append(f'<div class="topics">Topics: {topics}</div>')
    lines.append("</article>")
    lines.append(_newsletter(outlet))
    lines.append(_related_block(outlet, _related(art, outlet, siblings)))
    comments = "".join(f"<p>{_e(c)}</p>" for c in outlet["comments"])
    lines.append(f'<section id="talkback"><h3>{_number(art.slug, 3, 60)} comments</h3>{comments}</section>')
    lines.append(_most_read(outlet, "Popular this week"))
    lines.append("</main>")
    lines.append(_footer(outlet, when.year))
    lines += ["</body>", "</html>"]
    return lines


_RENDERERS = {
    "meridian-ledger": _render_meridian,
    "crossline": _render_crossline,
    "eastbridge-post": _render_eastbridge,
    "harbor-tribune": _render_harbor,
    "continental-review": _render_continental,
}


def render_page(art: SourceArticle, outlets: dict[str, dict], siblings: list[SourceArticle]) -> str:
    """The article's HTML page inside its outlet's chrome."""
    outlet = outlets[art.outlet]
    lines = _RENDERERS[art.outlet](art, outlet, siblings)
    return "\n".join(line for line in lines if line) + "\n"


# --- flattening -------------------------------------------------------------------------------

_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "select", "textarea", "object"}
_PARA_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "section", "header", "footer", "nav", "aside",
                "article", "main", "form", "figure", "blockquote", "ul", "ol", "table", "address", "dl"}
_LINE_BLOCKS = {"div", "li", "tr", "dt", "dd", "figcaption", "br", "hr", "title", "td", "th", "pre", "body"}


class _Flattener(HTMLParser):
    """Text of a page, one block element per line, as a crawl's WET conversion stores it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # Text pieces and break marks (1 = new line, 2 = blank line); a run of marks keeps its strongest.
        self.parts: list[str | int] = []
        self.skip_depth = 0
        self.in_head = False
        self.in_title = False

    def _brk(self, strength: int) -> None:
        self.parts.append(strength)

    def _block(self, tag: str) -> None:
        if tag in _PARA_BLOCKS:
            self._brk(2)
        elif tag in _LINE_BLOCKS:
            self._brk(1)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag == "head":
            self.in_head = True
        elif tag == "title":
            self.in_title = True
        else:
            self._block(tag)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in ("br", "hr"):
            self._brk(1)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag == "head":
            self.in_head = False
        elif tag == "title":
            self.in_title = False
            self._brk(2)
        else:
            self._block(tag)

    def handle_data(self, data: str) -> None:
        if self.skip_depth or (self.in_head and not self.in_title):
            return
        self.parts.append(data)

    def text(self) -> str:
        segments: list[tuple[int, str]] = []  # (strongest break before the line, the line)
        buffer: list[str] = []
        strength = 0
        for part in self.parts + [2]:
            if isinstance(part, int):
                line = " ".join("".join(buffer).split())
                if line:
                    segments.append((strength, line))
                    strength = 0
                buffer = []
                strength = max(strength, part)
            else:
                buffer.append(part)
        out = []
        for i, (brk, line) in enumerate(segments):
            if i:
                out.append("\n\n" if brk == 2 else "\n")
            out.append(line)
        return "".join(out) + "\n"


def flatten_html(page: str) -> str:
    """Flatten an HTML page to text lines: block elements on their own lines, paragraphs apart,
    scripts, styles and the rest of <head> dropped, the <title> first (as WET records keep it)."""
    parser = _Flattener()
    parser.feed(page)
    parser.close()
    return parser.text()


# --- WARC / WET -------------------------------------------------------------------------------

def _sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def _warc_date(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _record(kind: WarcRecordType, rec_id: str, date: str, headers: list[tuple[str, str]], payload: bytes) -> bytes:
    record = WarcRecord()
    record.init_headers(kind, record_urn=rec_id[5:-1].encode("ascii"))
    record.headers["WARC-Date"] = date
    for name, value in headers:
        record.headers[name] = value
    record.set_bytes_content(payload)
    buf = io.BytesIO()
    record.write(buf, checksum_data=True)
    # One gzip member per record (the WARC convention), mtime 0 so the bytes never change.
    return gzip.compress(buf.getvalue(), compresslevel=9, mtime=0)


def _warcinfo(filename: str, description: str, count: int) -> bytes:
    fields = (
        "software: detente-demo-builder (tools/build_demo_corpus.py)\r\n"
        "format: WARC File Format 1.1\r\n"
        "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
        "isPartOf: detente-demo\r\n"
        f"description: {description} ({count} pages, invented outlets, written for the Detente project)\r\n"
        "operator: Detente project\r\n"
    ).encode("utf-8")
    return _record(WarcRecordType.warcinfo, record_id("warcinfo", filename), _WARCINFO_DATE,
                   [("WARC-Filename", filename), ("Content-Type", "application/warc-fields")], fields)


def _http_response(page: bytes, art: SourceArticle, outlet: dict) -> bytes:
    head = [
        "HTTP/1.1 200 OK",
        f"Date: {format_datetime(art.crawled, usegmt=True)}",
        f"Server: {outlet['server']}",
        "Content-Type: text/html; charset=utf-8",
        f"Content-Length: {len(page)}",
        f"Last-Modified: {format_datetime(art.published.astimezone(timezone.utc), usegmt=True)}",
        "Cache-Control: max-age=300",
        "Vary: Accept-Encoding",
        "Connection: close",
    ]
    return ("\r\n".join(head) + "\r\n\r\n").encode("ascii") + page


def build(out_dir: Path | None = None, source_dir: Path | None = None, outlets_path: Path | None = None) -> list[str]:
    """Render every page and write html/, flat/, demo.warc.gz and demo.wet.gz into out_dir.

    Returns the slugs written, in record order."""
    out_dir = Path(out_dir or CORPUS_DIR)
    outlets = load_outlets(outlets_path)
    articles = load_articles(source_dir, outlets)
    (out_dir / "html").mkdir(parents=True, exist_ok=True)
    (out_dir / "flat").mkdir(parents=True, exist_ok=True)
    warc = [_warcinfo("demo.warc.gz", "Demo crawl of U.S.-Russia news pages, 2009-2010", len(articles))]
    wet = [_warcinfo("demo.wet.gz", "Text conversions of demo.warc.gz", len(articles))]
    for art in articles:
        outlet = outlets[art.outlet]
        page = render_page(art, outlets, articles)
        flat = flatten_html(page)
        (out_dir / "html" / f"{art.slug}.html").write_text(page, encoding="utf-8")
        (out_dir / "flat" / f"{art.slug}.txt").write_text(flat, encoding="utf-8")
        url, date = page_url(art, outlet), _warc_date(art.crawled)
        page_bytes = page.encode("utf-8")
        response_id = record_id("response", art.slug)
        warc.append(_record(WarcRecordType.response, response_id, date, [
            ("WARC-Target-URI", url),
            ("WARC-Warcinfo-ID", record_id("warcinfo", "demo.warc.gz")),
            ("WARC-Payload-Digest", _sha1_b32(page_bytes)),
            ("WARC-Identified-Payload-Type", "text/html"),
            ("Content-Type", "application/http; msgtype=response"),
        ], _http_response(page_bytes, art, outlet)))
        wet.append(_record(WarcRecordType.conversion, record_id("conversion", art.slug), date, [
            ("WARC-Target-URI", url),
            ("WARC-Refers-To", response_id),
            ("WARC-Warcinfo-ID", record_id("warcinfo", "demo.wet.gz")),
            ("WARC-Identified-Content-Language", "eng"),
            ("Content-Type", "text/plain"),
        ], flat.encode("utf-8")))
    (out_dir / "demo.warc.gz").write_bytes(b"".join(warc))
    (out_dir / "demo.wet.gz").write_bytes(b"".join(wet))
    return [a.slug for a in articles]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=CORPUS_DIR, help="where to write (default: the corpus folder)")
    parser.add_argument("--source", type=Path, default=None, help="article sources (default: corpus/source)")
    args = parser.parse_args(argv)
    try:
        slugs = build(args.out, args.source)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(slugs)} pages to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

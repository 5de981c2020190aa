"""HTML extraction: one decoded HTML page in, one Article out.

reads: the page's HTML text, and its URL and crawl date when the input carries them
fills: Article.text (trafilatura 2.x, comments off, paragraphs joined by blank lines), title (the
       page's own headline with site-name affixes removed), dek, authors, publisher, published,
       updated; ``extractor="html"``

The page is parsed once (with trafilatura's own loader, so both see the same tree). The headline,
standfirst, site names and dates are read from that tree by the helpers below; the same tree is
then handed to trafilatura, which works on a copy of it. What trafilatura says about the title
and the date is only a fallback: its title keeps the site name ("Headline | Site") and its date
search guesses from any date printed on the page. Here the title is cleaned with what the page
itself says its name is (og:site_name, application-name, JSON-LD publisher, the domain), and a
date is reported only when the page states one: in its metadata, in a dateline next to the
headline, or in its URL.

Before trafilatura looks for the body, the page furniture it tends to keep (disclaimers, author
boxes, sign-up prompts, pop-ups, footnote lists, captions: ``data/html_boilerplate.txt``) is
marked for its ``prune_xpath``, which it applies after reading the metadata. A page where it
finds no body at all is tried once more in its recall mode.

Printed dates are read with ``dates.py`` (shared with the flattened-text extractor): a date with
no year stays partial (``--11-19T12:22``) unless the crawl date anchors it. A numeric date that
reads both ways (6/2/2025) is read month first on a U.S. page (lang en-US, a .gov/.mil/.us host)
and day first on a clearly non-U.S. English one (en-GB, .uk, .au, ...); otherwise as htmldate read it.

The word lists (title separators, standfirst class names, date meta names, byline words) are
data files in ``data/html_*.txt``, loaded once and validated.
"""
from __future__ import annotations

import bisect
import copy
import functools
import html as html_lib
import itertools
import json
import logging
import operator
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from ..errors import DetenteError
from ..records import Article
from .dates import DateMatch, anchor_partial, find_dates, parse_crawl_date

__all__ = ["extract_html"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

_DATA = Path(__file__).parent / "data"
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
# Elements whose text a reader never sees.
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "svg", "head", "title", "meta", "link"})
# Elements that start a new line when rendered: their text must not glue onto the previous word.
_BLOCK = frozenset({
    "br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "header", "footer", "aside", "nav", "table", "tr", "td", "th", "dd", "dt", "dl", "blockquote",
    "figure", "figcaption", "time", "hr", "main", "form",
})
# An h1 longer than this is a paragraph styled as a heading, not a headline.
_MAX_HEADLINE_WORDS = 40
# How far after the headline (elements, characters of text) a dateline may stand.
_HEADER_WINDOW_CHARS = 700
_HEADER_WINDOW_ELEMENTS = 120
# An h1 sharing less than this (Dice on words) with every meta title is not the headline.
_HEADLINE_AGREEMENT = 0.4
# A standfirst stands within this many elements after the headline, before the first paragraph
# of body prose (a <p> of at least this many words).
_DEK_WINDOW_ELEMENTS = 60
_BODY_PARAGRAPH_WORDS = 25
# Rank of dates stated by page-level JSON-LD (WebPage); article-level ones rank 0, meta tags 10+.
_PAGE_RANK = 5


# ------------------------------------------------------------------ data files

def _load_groups(name: str | Path) -> dict[str, tuple[str, ...]]:
    """``[group]`` headers followed by one entry per line; ``#`` lines are comments.

    ``name`` is a file in ``data/`` (or a path). An empty group, an entry before any group or an
    entry listed twice in a group stops the load with an error naming the file and line (a silent
    duplicate usually hides a typo).
    """
    path = _DATA / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DetenteError("E040", f"cannot read the extraction data file {path}: {exc}",
                           "reinstall detente; the file ships with the package") from exc
    groups: dict[str, list[str]] = {}
    header_line: dict[str, int] = {}
    current: str | None = None
    for number, raw in enumerate(lines, 1):
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        if entry.startswith("[") and entry.endswith("]"):
            current = entry[1:-1].strip()
            if current in groups:
                raise DetenteError("E041", f"{path}:{number}: group [{current}] appears twice",
                                   "merge the two groups")
            groups[current], header_line[current] = [], number
            continue
        if current is None:
            raise DetenteError("E041", f"{path}:{number}: entry {entry!r} comes before any [group]",
                               "put a [group] header above it")
        if entry in groups[current]:
            raise DetenteError("E041", f"{path}:{number}: {entry!r} is listed twice in [{current}]",
                               "remove one of the two lines")
        groups[current].append(entry)
    for group, entries in groups.items():
        if not entries:
            raise DetenteError("E041", f"{path}:{header_line[group]}: group [{group}] is empty",
                               "add entries or remove the header")
    return {group: tuple(entries) for group, entries in groups.items()}


def _require(groups: dict[str, tuple[str, ...]], name: str, *wanted: str) -> None:
    for group in wanted:
        if group not in groups:
            raise DetenteError("E041", f"{_DATA / name}: the group [{group}] is missing",
                               f"add a [{group}] section")


@dataclass(frozen=True)
class _Rules:
    """The compiled word lists; built once per process."""

    title_split: re.Pattern
    dek_words: frozenset[str]
    dek_tokens: frozenset[str]
    published_meta: dict[str, int]
    updated_meta: dict[str, int]
    byline_prefix: re.Pattern
    byline_placeholders: frozenset[str]
    byline_roles: frozenset[str]
    boilerplate_words: frozenset[str]
    boilerplate_tags: frozenset[str]
    boilerplate_candidates: tuple  # (word pattern, lxml XPaths); lxml is imported lazily, with trafilatura


@functools.lru_cache(maxsize=1)
def _rules() -> _Rules:
    seps = _load_groups("html_title_separators.txt")
    _require(seps, "html_title_separators.txt", "spaced", "tight")
    spaced = "|".join(re.escape(s) for s in sorted(seps["spaced"], key=len, reverse=True))
    tight = "|".join(re.escape(s) for s in sorted(seps["tight"], key=len, reverse=True))
    title_split = re.compile(rf"\s+(?:{spaced})\s+|\s*(?:{tight})\s*")

    dek = _load_groups("html_dek_markers.txt")
    _require(dek, "html_dek_markers.txt", "word", "token")
    dates = _load_groups("html_date_meta.txt")
    _require(dates, "html_date_meta.txt", "published", "updated")
    both = set(dates["published"]) & set(dates["updated"])
    if both:
        raise DetenteError("E041", f"{_DATA / 'html_date_meta.txt'}: {sorted(both)} listed as both "
                           "published and updated", "keep each meta name in one group")
    byline = _load_groups("html_bylines.txt")
    _require(byline, "html_bylines.txt", "prefix", "placeholder", "role")
    prefixes = "|".join(re.escape(p) for p in sorted(byline["prefix"], key=len, reverse=True))
    furniture = _load_groups("html_boilerplate.txt")
    _require(furniture, "html_boilerplate.txt", "class_word", "tag")
    words = frozenset(w.lower() for w in furniture["class_word"])
    for word in words:
        if not re.fullmatch(r"[a-z0-9]+", word):
            raise DetenteError("E041", f"{_DATA / 'html_boilerplate.txt'}: class word {word!r} is not one "
                               "run of letters and digits", "split it into its words")
    return _Rules(
        title_split=title_split,
        dek_words=frozenset(w.lower() for w in dek["word"]),
        dek_tokens=frozenset(t.lower() for t in dek["token"]),
        published_meta={k.lower(): i for i, k in enumerate(dates["published"])},
        updated_meta={k.lower(): i for i, k in enumerate(dates["updated"])},
        byline_prefix=re.compile(rf"^\s*(?:{prefixes})\b\s*:?\s*", re.I),
        byline_placeholders=frozenset(byline["placeholder"]),
        byline_roles=frozenset(byline["role"]),
        boilerplate_words=words,
        boilerplate_tags=frozenset(furniture["tag"]),
        boilerplate_candidates=_candidates_xpath(words, furniture["tag"]),
    )


def _candidates_xpath(words: frozenset[str], tags: tuple[str, ...]):
    """A regular expression finding a boilerplate word as a whole word of a lower-cased class or
    id value, and the two XPaths listing every class and every id value (lxml gives each value
    with its element)."""
    from lxml.etree import XPath

    alternatives = "|".join(sorted(words, key=len, reverse=True))
    # the lookahead on first letters lets the engine skip most positions without trying each word
    first = "".join(sorted({w[0] for w in words}))
    pattern = re.compile(rf"(?<![a-z0-9])(?=[{first}])(?:{alternatives})(?![a-z0-9])")
    return pattern, (XPath("//@class"), XPath("//@id"))


@functools.lru_cache(maxsize=1)
def _trafilatura_options():
    """One trafilatura options object for the process; each call gets a shallow copy."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="python", comments=False, with_metadata=True,
                     date_params=_date_params(None))


def _date_params(max_date: str | None) -> dict:
    # extensive_search off: htmldate's free-text search returns some date for nearly every page
    # (copyright lines, "today" widgets), which is a guess, not what the page says.
    return {"original_date": True, "extensive_search": False,
            "max_date": max_date or date.today().isoformat()}


# ------------------------------------------------------------------ small text helpers

def _clean(text: str | None) -> str:
    # str.split knows exactly the whitespace \s does: the same as _SPACE.sub(" ", text).strip()
    return " ".join(text.split()) if text else ""


# ASCII letters lower-cased, every other byte a space: splitting gives \w+ of the case-folded text.
_FOLD_ASCII = bytes((b | 0x20) if 65 <= b <= 90 else b if (48 <= b <= 57 or 97 <= b <= 122 or b == 95) else 32
                    for b in range(256))


def _norm(text: str | None) -> str:
    """Accent-free, case-folded word sequence: the form titles are compared in."""
    if not text:
        return ""
    if text.isascii():
        return b" ".join(text.encode().translate(_FOLD_ASCII).split()).decode()  # _WORD on ASCII
    text = unicodedata.normalize("NFKD", text)
    text = "".join(itertools.compress(text, map(operator.not_, map(unicodedata.combining, text))))
    return " ".join(_WORD.findall(text.casefold()))


def _compact(text: str | None) -> str:
    return _norm(text).replace(" ", "").replace("_", "")


# UTF-8 read as Latin-1/cp1252 ("Investorâ\x80\x99s", "cafÃ©"): a lead byte of a multi-byte
# sequence followed by continuation bytes, as the single-byte decoders show them.
_CONTINUATION = "\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014" \
                "\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_MOJIBAKE = re.compile(f"[\xc2-\xf4][{_CONTINUATION}]{{1,3}}")


def _unmangle(match: re.Match) -> str:
    chars = match.group(0)
    try:
        raw = bytes(ord(c) if ord(c) < 256 else c.encode("cp1252")[0] for c in chars)
        return raw.decode("utf-8")
    except (UnicodeError, ValueError):
        return chars


def _tidy(text: str | None) -> str | None:
    """Whitespace collapsed, stray entities ("&#x26;") decoded, UTF-8 mojibake repaired."""
    if text is None:
        return None
    if "&" in text:
        text = html_lib.unescape(text)
    if _MOJIBAKE.search(text):
        text = _MOJIBAKE.sub(_unmangle, text)
    return _clean(text) or None


def _visible_text(element, limit: int = 5000) -> str:
    """Text a reader sees in ``element``: invisible children skipped, block boundaries spaced.

    Iterative (deeply nested markup must not hit the recursion limit) and cut after ``limit``
    characters: callers only look at headline- or standfirst-sized pieces.
    """
    parts: list[str] = []
    size = 0
    # a stack of pending work: an element to enter, or a string (closing space, tail) to emit
    stack: list = [element]
    while stack and size < limit:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            size += len(item)
            continue
        tag = item.tag if isinstance(item.tag, str) else ""
        if tag and tag not in _INVISIBLE:
            block = " " if tag in _BLOCK else ""
            parts.append(block + (item.text or ""))
            size += len(item.text or "")
            stack.append(block)
            for child in reversed(item):
                if child.tail:
                    stack.append(child.tail)
                stack.append(child)
    return _clean("".join(parts))


# ------------------------------------------------------------------ what the page says about itself

@dataclass
class _PageFacts:
    """Everything read from the tree before trafilatura runs."""

    titles: list[str]
    """og:title, twitter:title, <title>, JSON-LD headline — in that order, cleaned, deduplicated."""
    site_names: list[str]
    publisher: str | None
    domain_labels: list[str]
    headlines: list  # h1 elements with visible text
    published: list[tuple[int, str]]
    """(rank, raw value) of published-date statements; lower rank is more trusted."""
    updated: list[tuple[int, str]]
    description: str | None
    ld_authors: list[str]
    date_order: str | None = None
    """``mdy`` or ``dmy``: how the page's country writes ``6/2/2025``; None when unknown."""


def _meta_key(element) -> str:
    for attribute in ("property", "name", "itemprop", "http-equiv"):
        value = element.get(attribute)
        if value:
            return value.strip().lower()
    return ""


def _json_ld_objects(tree) -> Iterator[dict]:
    for script in tree.iterfind(".//script[@type]"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(reversed(graph))
                main = item.get("mainEntity")
                if isinstance(main, (dict, list)):
                    stack.append(main)


def _ld_types(item: dict) -> set[str]:
    kind = item.get("@type")
    if isinstance(kind, str):
        return {kind.lower()}
    if isinstance(kind, list):
        return {k.lower() for k in kind if isinstance(k, str)}
    return set()


def _ld_names(value) -> list[str]:
    """Names of a JSON-LD person/organisation value (a string, an object, or a list of them)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for v in value for n in _ld_names(v)]
    return []


def _domain_labels(url: str | None) -> list[str]:
    """'https://www.news.example.co.uk/x' -> ['example', 'newsexamplecouk']: the registrable label
    and the whole host, compacted, for comparing with title segments such as 'Example.co.uk'."""
    if not url:
        return []
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return []
    parts = [p for p in host.split(".") if p and p != "www"]
    if len(parts) < 2:
        return []
    # a two-letter country code after a short second level (co.uk, com.au, org.nz) is one suffix
    cut = 2 if len(parts) >= 3 and len(parts[-1]) == 2 and len(parts[-2]) <= 3 else 1
    label = parts[-cut - 1]
    return [label.replace("-", ""), "".join(parts)]


def _read_page(tree, url: str | None) -> _PageFacts:
    rules = _rules()
    titles: list[str] = []
    sites: list[str] = []
    published: list[tuple[int, str]] = []
    updated: list[tuple[int, str]] = []
    description = None
    canonical = None
    og: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        key = _meta_key(meta)
        content = _clean(meta.get("content"))
        if not key or not content:
            continue
        if key in ("og:title", "twitter:title", "og:site_name", "application-name",
                   "apple-mobile-web-app-title", "og:description", "description", "og:url",
                   "twitter:site") and key not in og:
            og[key] = content
        if key in rules.published_meta:
            published.append((10 + rules.published_meta[key], content))
        elif key in rules.updated_meta:
            updated.append((10 + rules.updated_meta[key], content))
    for key in ("og:title", "twitter:title"):
        if key in og:
            titles.append(og[key])
    head_title = tree.find(".//title")
    if head_title is not None and head_title.text:
        titles.append(_clean(head_title.text))
    for key in ("og:site_name", "application-name", "apple-mobile-web-app-title"):
        if key in og:
            sites.append(og[key])
    publishers = [og.get("og:site_name"), og.get("application-name")]
    description = og.get("og:description") or og.get("description")
    link = tree.find(".//link[@rel='canonical']")
    if link is not None:
        canonical = link.get("href")

    ld_authors: list[str] = []
    ld_headlines: list[str] = []
    for item in _json_ld_objects(tree):
        types = _ld_types(item)
        is_page = bool(types & {"webpage", "itempage", "aboutpage", "collectionpage", "faqpage"})
        is_work = not is_page and any("article" in t or t in ("blogposting", "report", "review", "recipe",
                                                               "howto", "posting", "creativework",
                                                               "videoobject", "scholarlyarticle")
                                      for t in types)
        if types & {"website", "organization", "newsmediaorganization"} and isinstance(item.get("name"), str):
            sites.append(_clean(item["name"]))
        if not (is_page or is_work):
            continue
        rank = 0 if is_work else _PAGE_RANK
        if isinstance(item.get("datePublished"), str):
            published.append((rank, item["datePublished"]))
        if isinstance(item.get("dateModified"), str):
            updated.append((rank, item["dateModified"]))
        if is_work:
            if isinstance(item.get("headline"), str):
                ld_headlines.append(_clean(item["headline"]))
            ld_authors.extend(_clean(n) for n in _ld_names(item.get("author")) if _clean(n))
            names = _ld_names(item.get("publisher"))
            if names:
                sites.append(_clean(names[0]))
                publishers.append(_clean(names[0]))
    titles.extend(ld_headlines)

    handle = og.get("twitter:site", "").lstrip("@")
    if handle:
        sites.append(handle)
    page_url = url or canonical or og.get("og:url")
    headlines = [h for h in tree.iterfind(".//body//h1")]
    titles = list(dict.fromkeys(t for t in titles if t))
    # a "site name" that repeats the page title is a misconfigured CMS field, not the site's name
    title_forms = {_norm(t) for t in titles}
    sites = [s for s in sites if len(_compact(s)) >= 2 and _norm(s) not in title_forms]
    publisher = next((p for p in publishers if p and p in sites), None)
    return _PageFacts(
        titles=titles,
        site_names=list(dict.fromkeys(sites)),
        publisher=publisher,
        domain_labels=_domain_labels(page_url),
        headlines=headlines,
        published=published,
        updated=updated,
        description=description,
        ld_authors=ld_authors,
        date_order=_date_order(tree, page_url),
    )


# Where numeric dates are written month first: U.S. English, U.S. government and military hosts.
_MONTH_FIRST_LANGS = frozenset({"en-us"})
_MONTH_FIRST_HOSTS = frozenset({"gov", "mil", "us"})
# English elsewhere writes the day first, as do the other languages' pages we read.
_DAY_FIRST_LANGS = frozenset({"en-gb", "en-au", "en-in", "en-nz", "en-ie", "en-za", "en-sg"})
_DAY_FIRST_HOSTS = frozenset({"uk", "au", "in", "nz", "ie", "za", "sg"})


def _date_order(tree, page_url: str | None) -> str | None:
    """``mdy`` for a U.S. page, ``dmy`` for a clearly non-U.S. English one (its html lang, else
    its domain); None when neither says, or they disagree."""
    root = tree.getroottree().getroot()
    lang = (root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip().lower()
    lang = lang.replace("_", "-")
    by_lang = "mdy" if lang in _MONTH_FIRST_LANGS else "dmy" if lang in _DAY_FIRST_LANGS else None
    host = ""
    if page_url:
        try:
            host = (urlsplit(page_url.strip()).hostname or "").lower()
        except ValueError:
            host = ""
    suffix = host.rsplit(".", 1)[-1] if "." in host else ""
    by_host = "mdy" if suffix in _MONTH_FIRST_HOSTS else "dmy" if suffix in _DAY_FIRST_HOSTS else None
    if by_lang and by_host and by_lang != by_host:
        return None
    return by_lang or by_host


# ------------------------------------------------------------------ title

def _is_site_name(segment: str, facts: _PageFacts) -> bool:
    """Does this title segment name the site rather than the article?"""
    seg_norm, seg_compact = _norm(segment), _compact(segment)
    if not seg_compact:
        return True
    seg_words = seg_norm.split()
    for site in facts.site_names:
        site_norm, site_compact = _norm(site), _compact(site)
        if not site_compact:
            continue
        if seg_compact == site_compact:
            return True
        # "EcoFlow ZA" for the site "EcoFlow"; "Soliant" for "Soliant Health". Only for short
        # segments, so that a headline that mentions the site's name is never taken for it.
        if len(seg_words) <= len(site_norm.split()) + 2 and len(seg_words) <= 6:
            if f" {site_norm} " in f" {seg_norm} " or f" {seg_norm} " in f" {site_norm} ":
                return True
    for label in facts.domain_labels:
        shorter = min(len(label), len(seg_compact))
        if shorter >= 4 and (seg_compact.startswith(label) or label.startswith(seg_compact)) \
                and shorter >= 0.6 * max(len(label), len(seg_compact)):
            return True
    return False


def _segments(title: str) -> list[tuple[int, int]]:
    """Character spans of the parts of ``title`` between separators."""
    spans, start = [], 0
    for match in _rules().title_split.finditer(title):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(title):
        spans.append((start, len(title)))
    return spans


@functools.lru_cache(maxsize=1024)
def _site_affixes(site: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """'Site | ' at the start and ' | Site' at the end of a title, compiled once per site name
    (built on the fly, they overflowed re's own cache and were compiled again for every page)."""
    split = _rules().title_split.pattern
    return (re.compile(rf"^{re.escape(site)}\s*(?:{split}|:\s+)", re.I),
            re.compile(rf"(?:{split})\s*{re.escape(site)}$", re.I))


def _strip_site(title: str, facts: _PageFacts) -> str:
    """Remove leading and trailing segments that name the site: 'Site - Headline | Site' -> 'Headline'."""
    title = _clean(title)
    # a site name that itself holds a separator ("Urge Fitness | Gyms in PA") goes whole first
    for site in facts.site_names:
        site = _clean(site)
        if len(site) < 3 or _norm(site) == _norm(title):
            continue
        for pattern in _site_affixes(site):
            reduced = pattern.sub("", title).strip()
            if reduced and reduced != title:
                title = reduced
    spans = _segments(title)
    while len(spans) > 1 and _is_site_name(title[spans[-1][0]:spans[-1][1]], facts):
        spans.pop()
    while len(spans) > 1 and _is_site_name(title[spans[0][0]:spans[0][1]], facts):
        spans.pop(0)
    if not spans:
        return title
    title = title[spans[0][0]:spans[-1][1]].strip()
    # "Site: Headline" — a colon prefix only when what precedes it is the site's name
    head, sep, rest = title.partition(": ")
    if sep and rest and _is_site_name(head, facts):
        title = rest.strip()
    return title


def _stems(text: str) -> set[str]:
    # a crude plural fold, so that "Retreat" and "Retreats" count as one word
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in _norm(text).split()}


def _similarity(a: str, b: str) -> float:
    """Dice coefficient of the two titles' word sets."""
    x, y = _stems(a), _stems(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def _agreement(headline: str, meta: str) -> float:
    """How well an h1 agrees with a meta title: 1 when it is one or more whole segments of it
    ("Headline" in "Headline | a tagline of the site"), else the word overlap."""
    spans = _segments(meta)
    target = _norm(headline)
    for i in range(len(spans)):
        for j in range(i, len(spans)):
            if _norm(meta[spans[i][0]:spans[j][1]]) == target:
                return 1.0
    return _similarity(headline, meta)


# the words that introduce a dateline ("Posted on", "Updated:") just before the date
_DATELINE_LEAD = re.compile(r"\b(?:posted|published|updated|last updated)\b\s*(?:on|at)?\s*:?\s*$", re.I)


def _without_dateline(text: str) -> str:
    """'Dec 18 2025 Headline', 'Headline Posted on July 1, 2024 by Jane': a dateline (and the byline
    after it) printed inside the h1 element is not part of the headline."""
    found = find_dates(text)
    if not found:
        return text
    first, last = found[0], found[-1]
    # a headline may name a month ("Best albums of December 2025"), not print a full date first
    if first.start <= 1 and first.precision != "month" and len(text[first.end:].split()) >= 3:
        return text[first.end:].strip(" ,.-–—|:·•")
    head = text[:last.start].rstrip(" ,-–—|:·•")
    if len(text[last.end:].split()) <= 4 and _DATELINE_LEAD.search(head):
        head = _DATELINE_LEAD.sub("", head).strip(" ,-–—|:·•")
        if len(head.split()) >= 3:
            return head
    return text


def _headline_texts(facts: _PageFacts) -> list[str]:
    texts = []
    for element in facts.headlines:
        text = _without_dateline(_visible_text(element))
        if not text or len(text.split()) > _MAX_HEADLINE_WORDS:
            continue
        if _is_site_name(text, facts):  # a logo or site banner marked up as h1
            continue
        texts.append(text)
    return list(dict.fromkeys(texts))


def _choose_title(facts: _PageFacts, headlines: list[str]) -> str | None:
    """The article's headline.

    The visible h1 is what a reader takes for the headline; meta titles (og:title, <title>) are
    written for search engines and social cards, and carry the site's name. So: the h1 that agrees
    best with the meta titles, cleaned of site-name affixes; the first meta title, cleaned, when no
    h1 agrees with them (a page whose only h1 is a section label or a site banner).
    """
    metas = [t for t in (_strip_site(t, facts) for t in facts.titles) if t]
    cleaned_h1 = [_strip_site(h, facts) for h in headlines]
    if not cleaned_h1:
        return metas[0] if metas else None
    if not metas:
        return cleaned_h1[0]
    best, best_score = None, 0.0
    for h in cleaned_h1:
        score = max(max(_agreement(h, m) for m in metas), max(_agreement(h, t) for t in facts.titles))
        if score > best_score:
            best, best_score = h, score
    return best if best is not None and best_score >= _HEADLINE_AGREEMENT else metas[0]


# ------------------------------------------------------------------ standfirst

def _has_dek_marker(element) -> bool:
    rules = _rules()
    for attribute in ("class", "id"):
        for token in (element.get(attribute) or "").lower().split():
            if token in rules.dek_tokens or token in rules.dek_words:
                return True
            # "article-summary", "header__subtitle": the last part names what the element is;
            # "ai-summary-buttons" is a widget about a summary, not one
            parts = [word for word in re.split(r"[-_]+", token) if word]
            if parts and parts[-1] in rules.dek_words:
                return True
    return False


def _after_headline(h1) -> Iterator:
    """Elements that follow ``h1`` in document order, nearest first (its own children excluded)."""
    node = h1
    while node is not None:
        for sibling in node.itersiblings():
            yield from sibling.iter()
        node = node.getparent()


def _find_dek(h1, headline: str | None, facts: _PageFacts) -> str | None:
    """A standfirst: an element right after the headline, before the body starts, that is marked
    as one (class or id "dek", "standfirst", "subtitle", ...) or that the page's own description
    (og:description) repeats word for word. A description alone is not a dek: many sites fill it
    with the first sentence of the body or a search-engine blurb.
    """
    described = _norm(facts.description)
    for count, element in enumerate(_after_headline(h1)):
        if count > _DEK_WINDOW_ELEMENTS or not isinstance(element.tag, str):
            break
        if element.tag in _INVISIBLE or element.tag not in ("p", "h2", "div", "span", "section"):
            continue
        marked = _has_dek_marker(element)
        if marked or (described and element.tag in ("p", "h2")):
            text = _visible_text(element)
            if _plausible_dek(text, headline) and (marked or _norm(text) == described):
                return text
        if element.tag == "p" and not marked and len(_visible_text(element).split()) >= _BODY_PARAGRAPH_WORDS:
            break  # the body has started
    return None


def _plausible_dek(text: str, headline: str | None) -> bool:
    """A sentence or two of prose, not a byline, a dateline, a widget label or the headline."""
    words = text.split()
    if not 4 <= len(words) <= 80 or _norm(text) == _norm(headline):
        return False
    if _rules().byline_prefix.match(text) or " | " in text:
        return False
    opening = _first_date(text[:60], None)
    if opening is not None and opening.start <= 2:  # "January 5, 2026 · Real estate · By ..."
        return False
    half = len(text) // 2
    if text[:half].strip() == text[half:].strip():  # the same label twice (desktop + mobile copy)
        return False
    return sum(c.isalpha() for c in text) >= 0.6 * len(text)


# ------------------------------------------------------------------ dates

# "By Jane Roe on 3 May 2021": "on" introduces the date only in a short byline line.
_BYLINE_ON = re.compile(r"^.{0,50}\bon\s*$", re.I | re.S)
# a class name or the words before a <time> that say it is the update time
_UPDATED_LABEL = re.compile(r"updated?|modified|revised", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?:/|$|[-_])")
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")


def _first_date(text: str, crawl_date: str | None) -> DateMatch | None:
    found = find_dates(text, crawl_date=crawl_date)
    return found[0] if found else None


def _iso_from_structured(value: str) -> str | None:
    """An ISO 8601 (or close) date stated in metadata, at the precision given; None if unreadable."""
    value = value.strip()
    m = re.match(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d))?(?:\.\d+)?"
                 r"\s*(Z|[+-]\d\d:?\d\d)?)?", value)
    if m:
        y, mo, d, hh, mm, ss, tz = m.groups()
        try:
            date(int(y), int(mo), int(d))
        except ValueError:
            return None
        if hh is None:
            return f"{y}-{mo}-{d}"
        if not (int(hh) < 24 and int(mm) < 60):
            return f"{y}-{mo}-{d}"
        out = f"{y}-{mo}-{d}T{hh}:{mm}" + (f":{ss}" if ss else "")
        if tz:
            out += "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
        return out
    m = re.match(r"^((?:19|20)\d\d)(\d\d)(\d\d)$", value)  # 20251218
    if m:
        return _iso_from_structured(f"{m[1]}-{m[2]}-{m[3]}")
    written = _first_date(value, None)  # "December 18, 2025" in a meta tag
    return written.iso if written and not written.partial else None


def _dateline(h1, crawl_date: str | None) -> tuple[str | None, str | None]:
    """Published / updated dates printed next to the headline (a <time> or a dated byline line)."""
    published = updated = None
    seen_chars = 0
    for count, element in enumerate(_after_headline(h1)):
        if count > _HEADER_WINDOW_ELEMENTS or seen_chars > _HEADER_WINDOW_CHARS:
            break
        if not isinstance(element.tag, str) or element.tag in _INVISIBLE:
            continue
        label = " ".join(filter(None, (element.get("class"), element.get("itemprop"), element.get("id"))))
        if element.tag == "time" or "date" in label.lower():
            value, cue = _time_value(element, crawl_date)
            if value:
                if cue == "updated" or _UPDATED_LABEL.search(label) \
                        or _UPDATED_LABEL.search(_preceding_words(element)):
                    updated = updated or value
                else:
                    published = published or value
                if published and updated:
                    break
                continue
        for text in (element.text, element.tail):
            if not text or not text.strip():
                continue
            seen_chars += len(text.strip())
            found = _first_date(text, crawl_date)
            if found is None:
                continue
            if found.cue == "updated":
                updated = updated or found.iso
            elif found.cue == "published" or _BYLINE_ON.match(text[:found.start]) or len(text.strip()) <= 40:
                published = published or found.iso
        if published and updated:
            break
    return published, updated


def _time_value(element, crawl_date: str | None) -> tuple[str | None, str | None]:
    """The date of a dated element and its cue: its printed text, made precise by a
    machine-readable ``datetime`` that agrees with it. The printed day wins over the attribute:
    the attribute is often in another time zone than the page's readers, a day off."""
    attribute = _iso_from_structured(element.get("datetime") or "") if element.get("datetime") else None
    printed = _first_date(_visible_text(element), crawl_date)
    cue = printed.cue if printed else None
    if printed and attribute and _same_day(printed.iso, attribute):
        return attribute, cue
    if printed and not printed.partial:
        return printed.iso, cue
    return attribute or (printed.iso if printed else None), cue


def _preceding_words(element) -> str:
    parent = element.getparent()
    if parent is None:
        return ""
    before = parent.text or ""
    for sibling in parent:
        if sibling is element:
            break
        before += (sibling.tail or "")
    return before[-40:]


def _best(statements: list[tuple[int, str]]) -> str | None:
    for _, raw in sorted(statements, key=lambda s: s[0]):
        value = _iso_from_structured(raw)
        if value:
            return value
    return None


def _month_day(value: str) -> str:
    return value[2:7] if value.startswith("--") else value[5:10]


def _same_day(a: str | None, b: str | None) -> bool:
    """Do two ISO dates name the same day? A partial '--MM-DD' matches on month and day."""
    if not a or not b:
        return False
    if a.startswith("--") or b.startswith("--"):
        return _month_day(a) == _month_day(b)
    return a[:10] == b[:10]


def _reconcile(seen_published: str | None, seen_updated: str | None,
               meta_published: str | None, meta_updated: str | None) -> tuple[str | None, str | None]:
    """Published and updated dates from what the page prints next to the headline and what its
    metadata states.

    The printed date wins: metadata is often a later re-save, or written in UTC a day off the
    printed day. Except when the printed date is the metadata's modified date (a dateline that
    shows only "last updated") or has no year (then metadata that agrees on the day completes it).
    """
    published = meta_published
    updated = seen_updated or meta_updated
    if seen_published:
        if seen_published.startswith("--"):
            if meta_published is None:
                published = seen_published
            elif not _same_day(seen_published, meta_published) and _same_day(seen_published, meta_updated):
                updated = updated or meta_updated
        elif meta_published and _same_day(seen_published, meta_updated) and not _same_day(seen_published, meta_published):
            updated = seen_published if not seen_updated else updated
        else:
            published = seen_published if not _same_day(seen_published, meta_published) else meta_published
    return published, updated


def _anchor_on_each_other(published: str | None, updated: str | None) -> tuple[str | None, str | None]:
    """A year-less date takes its year from the page's other, full date: an update is on or after
    publication ("Published 7 March 2009 ... Updated at 10:05 on March 7"), publication on or
    before the update."""
    if updated and updated.startswith("--") and published and not published.startswith("--"):
        year = int(published[:4])
        if _month_day(updated) < _month_day(published):
            year += 1
        candidate = f"{year:04d}{updated[1:]}"
        if _valid_iso_day(candidate):
            updated = candidate
    elif published and published.startswith("--") and updated and not updated.startswith("--"):
        published = anchor_partial(published, updated[:10] + "T23:59:59")
    return published, updated


def _valid_iso_day(value: str) -> bool:
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True


def _dates(tree, facts: _PageFacts, seen_published: str | None, seen_updated: str | None,
           url_date: str | None, htmldate_value: str | None) -> tuple[str | None, str | None]:
    """Published and updated dates, from the strongest statement the page makes.

    Page-level JSON-LD (a WebPage's datePublished, which site generators put on every page,
    articles or not) counts only when something else on the page dates it too. A modified date
    alone is the CMS's last save, not a date the page gives, unless the page prints it.
    """
    article_level = [s for s in facts.published if s[0] != _PAGE_RANK]
    page_level = [s for s in facts.published if s[0] == _PAGE_RANK]
    corroborated = bool(seen_published or seen_updated or url_date or article_level)
    meta_published = _best(article_level) or (_best(page_level) if corroborated else None)
    meta_updated = _best([s for s in facts.updated if corroborated or s[0] != _PAGE_RANK])
    published, updated = _reconcile(seen_published, seen_updated, meta_published, meta_updated)
    published = published or url_date
    published, updated = _anchor_on_each_other(published, updated)
    if published is None and htmldate_value and not seen_updated:
        # htmldate with its free-text search off finds dates in markup that says "date" (<time>,
        # class="date") away from the headline. It also guesses from image names, timestamps in
        # scripts and the metadata set aside above: its date counts only when the page prints it.
        guess = _iso_from_structured(htmldate_value)
        set_aside = facts.updated + ([] if corroborated else page_level)
        if guess and not any((_iso_from_structured(raw) or "")[:10] == guess[:10] for _, raw in set_aside):
            if _printed_in_page(tree, guess, facts.date_order):
                published = guess
            elif facts.date_order and (swapped := _swap_day_month(guess)) \
                    and _printed_in_page(tree, swapped, facts.date_order):
                # htmldate read a numeric date the other way round from the page's country
                published = swapped
    if published is None and not seen_updated:
        updated = None
    return published, updated


def _swap_day_month(iso: str) -> str | None:
    """``2025-02-06...`` -> ``2025-06-02`` (the day only), when both readings are dates."""
    try:
        day = date.fromisoformat(iso[:10])
        return date(day.year, day.day, day.month).isoformat() if day.day <= 12 else None
    except ValueError:
        return None


def _printed_in_page(tree, iso_day: str, order: str | None = None) -> bool:
    """Is the day ``YYYY-MM-DD`` written somewhere a reader sees it, in any common notation?

    ``order`` (``mdy``/``dmy``, the page's country's habit) keeps only that reading of a numeric
    date whose two first parts could both be a month: on a U.S. page 6/2/2025 is June 2."""
    try:
        day = date.fromisoformat(iso_day[:10])
    except ValueError:
        return False
    name = _MONTH_NAMES[day.month - 1]
    month = rf"(?:{name}|{name[:3]}{'t' if day.month == 9 else ''}?)\.?"
    d, m, y = rf"0?{day.day}(?:st|nd|rd|th)?", rf"0?{day.month}", str(day.year)
    ambiguous = day.day <= 12 and day.day != day.month
    month_first = "" if ambiguous and order == "dmy" else rf"|{m}/0?{day.day}/{y}"
    day_first = "" if ambiguous and order == "mdy" else rf"|0?{day.day}[./-]{m}[./-]{y}"
    pattern = re.compile(
        rf"(?<!\w)(?:{month}\s+{d},?\s+{y}|{d}\s+(?:of\s+)?{month},?\s+{y}|{y},?\s+{month}\s+{d}"
        rf"|{y}[-/.]{m}[-/.]0?{day.day}{month_first}{day_first})(?!\d)", re.I)
    body = tree.find(".//body")
    if body is None:
        return False
    for element in body.iter():
        if isinstance(element.tag, str) and element.tag not in _INVISIBLE and element.text \
                and pattern.search(element.text):
            return True
        if element.tail and pattern.search(element.tail):
            return True
    return False


def _url_date(url: str | None) -> str | None:
    if not url:
        return None
    m = _URL_DATE.search(url)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def _not_after(value: str | None, limit: date) -> str | None:
    """Drop a date later than the crawl (or today): a page cannot be published in the future."""
    if value and not value.startswith("--"):
        try:
            if date.fromisoformat(value[:10]) > limit:
                return None
        except ValueError:
            return None
    return value


# ------------------------------------------------------------------ authors

_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\band\b|&|\||•|·)\s*|,\s+(?=[A-Z][\w.'-]+\s+[A-Z])")
# "Recipe by Jane Roe", "This post was written by Jane Roe": a short lead-in ending in "by"
_LEAD_IN_BY = re.compile(r"^(?:\S+\s+){0,4}?by\s+", re.I)
# what follows a name in a dateline-style byline: "Jane Roe December 8", "Jane Roe Last updated ..."
_MONTH_WORD = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
# A month name closing a byline is a date cut short ("Jane Roe December"), except the months that
# are also given names and surnames ("Tom May", "Carter June").
_NAME_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|july?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_AFTER_NAME = re.compile(r"\s+(?:(?:last\s+)?(?:updated|published|posted|modified)\b|on\s+" + _MONTH_WORD
                         + r"|" + _MONTH_WORD + r"\s+\d|" + _NAME_MONTHS + r"\s*$|\d{1,2}[/.]\d).*$", re.I)
_MONTH_ABBREVIATIONS = frozenset(m[:3] for m in _MONTH_NAMES) | frozenset(_MONTH_NAMES) | {"sept"}
_NAME_PARTICLES = frozenset("van von der den de da del della di du le la bin al el st".split())


def _person_name(value: str, rules: _Rules) -> str | None:
    name = rules.byline_prefix.sub("", value)
    name = _LEAD_IN_BY.sub("", name) if len(name.split()) > 2 else name
    name = _AFTER_NAME.sub("", name).strip(" ,.;:-–—•·|")
    words = name.split()
    if not words or not any(c.isalpha() for c in name) or len(name) > 80:
        return None
    if name.lower() in rules.byline_placeholders or name.lower().rstrip(".") in _MONTH_ABBREVIATIONS:
        return None
    if name.startswith(("http://", "https://", "@")) or words[0].lower() in ("updated", "on", "published"):
        return None
    if len(words) >= 3 and words[-1].lower() in rules.byline_roles:
        # "Keith Roe Senior Autos Reporter": the name is the first two words, three with an
        # initial or a particle ("Jane Q. Roe", "Anna van Dijk")
        keep = 3 if (len(words[1].rstrip(".")) == 1 or words[1].lower() in _NAME_PARTICLES) else 2
        name = " ".join(words[:keep])
    return name


def _is_job_title(text: str, rules: _Rules) -> bool:
    words = _norm(text).split()
    return bool(words) and len(words) <= 5 and (words[-1] in rules.byline_roles
                                                 or words[-1] in rules.byline_placeholders)


def _authors(raw: list[str], facts: _PageFacts) -> tuple[str, ...]:
    """'By Jane Roe and John Doe' -> ('Jane Roe', 'John Doe'); placeholders, dates and roles
    dropped; the site's own name dropped when a person is named too."""
    rules = _rules()
    names: list[str] = []
    for value in raw:
        value = rules.byline_prefix.sub("", _clean(value))
        for index, part in enumerate(_AUTHOR_SPLIT.split(value)):
            if index and names and _is_job_title(part, rules):
                continue  # "Jane Roe, Tribune staff writer": the title that follows a name
            name = _person_name(part, rules)
            if name and _norm(name) not in {_norm(n) for n in names}:
                names.append(name)
    # only the site's stated name: a personal site's domain is often its author's name
    sites = {_compact(site) for site in facts.site_names}
    people = [n for n in names if _compact(n) not in sites]
    return tuple(people or names)


# ------------------------------------------------------------------ page furniture

# Elements that hold the story itself (or the whole page), whatever their class says.
_NEVER_FURNITURE = frozenset({"html", "body", "main", "article"})
# An element with this many paragraphs is a wrapper of the story, not a box beside it.
_FURNITURE_MAX_PARAGRAPHS = 3
_FURNITURE_MARK = "data-detente-furniture"
_FURNITURE_PRUNE = f"//*[@{_FURNITURE_MARK}]"


def _mark_boilerplate(tree) -> bool:
    """Mark the disclaimers, author boxes, sign-up prompts, pop-ups, footnote lists and captions
    trafilatura tends to keep (``data/html_boilerplate.txt``); True when any was marked.

    Marked, not removed: trafilatura reads bylines and dates from the whole page first, and
    only then prunes the marked elements (its ``prune_xpath``) before looking for the body."""
    rules = _rules()
    word, attribute_paths = rules.boilerplate_candidates
    candidates = []
    for attribute_path in attribute_paths:
        # all values searched at once, as one string (a search per value costs more than the
        # extraction can spare); each match is traced back to its value by its offset
        values = attribute_path(tree)
        joined = "\n".join(values).lower()
        matches = [m.start() for m in word.finditer(joined)]
        if not matches:
            continue
        starts = list(itertools.accumulate((len(v) + 1 for v in values[:-1]), initial=0))
        candidates.extend(values[bisect.bisect_right(starts, at) - 1].getparent() for at in matches)
    candidates.extend(tree.iter(*rules.boilerplate_tags))
    marked = False
    for element in candidates:
        if element.tag in _NEVER_FURNITURE or element.get(_FURNITURE_MARK) is not None:
            continue
        if len(element.findall(".//p")) >= _FURNITURE_MAX_PARAGRAPHS:
            continue
        element.set(_FURNITURE_MARK, "")
        marked = True
    return marked


# ------------------------------------------------------------------ the entry point

def _paragraphs(text: str | None) -> str:
    return "\n\n".join(filter(None, [" ".join(line.split()) for line in (text or "").splitlines()]))  # _clean


def extract_html(html: str, *, url: str | None = None, crawl_date: str | None = None) -> Article:
    """Turn one decoded HTML page into an Article (``extractor="html"``).

    ``url`` (the page's address, when the input carries one) helps recognise the site's name in
    the title; ``crawl_date`` (ISO) anchors dates printed without a year and bounds the dates the
    page may claim. A page with no article text (empty, scripts only, markup that does not parse)
    gives an Article with empty ``text``: the caller decides whether to skip it. Input that is not
    text, or a page the extractor cannot handle, raises ``ExtractionError`` with a reason a user
    can read.
    """
    from trafilatura.utils import load_html

    from . import ExtractionError

    if not isinstance(html, str):
        raise ExtractionError(f"HTML extraction expects decoded text, got {type(html).__name__}")
    if not html.strip():
        return Article(text="", extractor="html")
    try:
        tree = load_html(html)
    except Exception as exc:  # lxml raises several types on damaged input; all mean "no tree"
        log.debug("lxml could not parse the page: %s", exc)
        tree = None
    if tree is None:
        return Article(text="", extractor="html")
    try:
        return _extract_from_tree(tree, url, crawl_date)
    except ExtractionError:
        raise
    except Exception as exc:  # one odd page must not end a batch: the caller logs the reason
        log.debug("HTML extraction failed", exc_info=True)
        raise ExtractionError(f"HTML extraction failed on this page: {type(exc).__name__}: {exc}") from exc


def _extract_from_tree(tree, url: str | None, crawl_date: str | None) -> Article:
    from trafilatura import bare_extraction

    from . import ExtractionError

    facts = _read_page(tree, url)
    crawled = parse_crawl_date(crawl_date)
    limit = crawled.date() if crawled else date.today()

    # everything read from our tree happens before trafilatura sees it
    title = _choose_title(facts, _headline_texts(facts))
    h1 = _headline_element(facts, title)
    dek = _find_dek(h1, title, facts) if h1 is not None else None
    seen_published = seen_updated = None
    if h1 is not None:
        seen_published, seen_updated = _dateline(h1, crawl_date)

    options = copy.copy(_trafilatura_options())
    options.url = url
    options.date_params = _date_params(limit.isoformat())
    prune = _FURNITURE_PRUNE if _mark_boilerplate(tree) else None
    try:
        document = bare_extraction(tree, options=options, prune_xpath=prune)
        if document is None or not (document.text or "").strip():
            # nothing found in balanced mode: a page of short blocks (listings, cards) that its
            # length thresholds all reject; recall mode keeps them (a rare, second pass)
            options.focus = "recall"
            document = bare_extraction(tree, options=options, prune_xpath=prune) or document
    except Exception as exc:  # trafilatura's internals raise assorted types on odd trees
        raise ExtractionError(f"trafilatura failed on this page: {type(exc).__name__}: {exc}") from exc

    text = _paragraphs(document.text) if document is not None else ""
    if _MOJIBAKE.search(text):
        text = _MOJIBAKE.sub(_unmangle, text)
    if title is None and document is not None and document.title:
        title = _strip_site(document.title, facts) or None
    text = _without_header_lines(text, [title, dek, *(_visible_text(h) for h in facts.headlines[:2])])
    bylines = [document.author] if document is not None and document.author else facts.ld_authors
    authors = _authors(bylines, facts)

    page_url = url or (document.url if document is not None else None)
    published, updated = _dates(tree, facts, seen_published, seen_updated, _url_date(page_url),
                                document.date if document is not None else None)
    return Article(
        text=text,
        title=_tidy(title),
        dek=_tidy(dek),
        authors=tuple(a for a in (_tidy(a) for a in authors) if a),
        publisher=_tidy(facts.publisher),
        published=_not_after(published, limit),
        updated=_not_after(updated, limit),
        extractor="html",
    )


def _without_header_lines(text: str, headers: list[str | None]) -> str:
    """Drop leading paragraphs that repeat the headline or dek: they are metadata, not body, and
    coding events from them would count a happening twice (once in the headline, once in the body)."""
    wanted = {norm for norm in map(_norm, headers) if norm}
    if not wanted:
        return text
    # Only the first three paragraphs can go: the rest stays one piece, joined back as it was.
    paragraphs = text.split("\n\n", 3)
    dropped = 0
    while dropped < min(3, len(paragraphs) - 1) and _norm(paragraphs[dropped]) in wanted:
        dropped += 1
    return "\n\n".join(paragraphs[dropped:])


def _headline_element(facts: _PageFacts, title: str | None):
    """The h1 that carries the chosen title (to look for the dek and dateline under it)."""
    if not facts.headlines:
        return None
    best, best_score = None, 0.0
    for element in facts.headlines:
        score = _similarity(_visible_text(element), title or "")
        if score > best_score:
            best, best_score = element, score
    return best if best_score >= 0.5 else None

"""Flattened crawl text -> Article: our own line-level boilerplate filter and metadata reader.

reads: a page flattened to lines of text with its boilerplate (Common Crawl WET form: one line per
       block element, blank lines between blocks), an optional crawl date, and optionally the lines
       that repeat across pages of the same site (``repeated_lines``)
fills: Article (text, title, dek, authors, published, updated, publisher; extractor "flat", or
       "plain" when the input had no boilerplate and passes through unchanged)

How it works, in the order of ``extract_flat``:
1. Lines are whitespace-normalised (hard-wrapped paragraphs joined) and described: length,
   words, stopword density, terminal punctuation, interface phrases
   (``data/interface_phrases.txt``), site-repeated lines, runs of short unpunctuated lines
   (menus, link lists).
2. Each line gets a jusText class (good / near-good / short / bad) from length and stopword
   density, then context decides the short and near-good ones from their neighbours.
3. The article is the contiguous stretch of lines with the best score (Kadane): good text adds,
   short sentences add a little, interface text and long menus subtract, code lines cost little.
   Closing markers such as "Related posts" or "12 Comments" cut the page into sections, and a
   later section (a comment thread) wins only if it clearly outscores the earlier one and that
   one is not a full article already.
4. Inside the stretch, the site's header above the headline (its name, a motto) is dropped and a
   link back to the listing ("Back to blog") or the cookie notice in its second half ends the
   article. Interface lines, bylines, datelines, repeated headline lines, the dek,
   repeated paragraphs, a closing author bio and the few-word lines before the first and after
   the last sentence of prose are taken out. Promotional lines inside the article (calls to
   action, offers, related-article and share widgets, disclosures, a closing company blurb or
   author box, a reference list) are scored from several cues at once (``_promo_score``,
   vocabulary in ``data/promo_words.txt``) and dropped; a promotion near the end closes the
   article. Boxes are found from the shape of a few lines together: an author box (name, job
   title, a bio starting with the name), a call-to-action box (an imperative heading, a short
   pitch, a button), link cards (a title printed twice, a teaser) and lists of other articles'
   headlines (how-tos, "best of" lists, guides, none taken up by a paragraph under it).
5. The headline, dek, byline, dates and publisher are read around the stretch
   (``data/metadata_words.txt`` holds the byline and bio vocabulary; ``dates.py`` the dates).
A text with no boilerplate at all (a plain article, even a single sentence) is returned whole,
with whatever headline, byline and date its first lines give.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..errors import DetenteError
from ..records import Article
from .dates import DateMatch, find_dates

__all__ = ["extract_flat", "repeated_lines"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

_DATA = Path(__file__).parent / "data"

# jusText's defaults (Pomikálek 2011), in characters and stopword share.
_LENGTH_LOW = 70
_LENGTH_HIGH = 200
_STOPWORDS_LOW = 0.30
_STOPWORDS_HIGH = 0.32
# A heading is a short line followed by good text within this many characters (jusText).
_HEADING_DISTANCE = 200
# Interface phrases in [prefix] / [contains] only count on lines this short (in words): a long
# sentence that mentions "sign up" is prose, a seven-word line that does is a prompt.
_SHORT_PHRASE_WORDS = 14
# A run of short lines longer than this is navigation rather than a list inside the article.
_LONG_MENU = 12
# The first section of the page scoring at least this share of the best section is the article.
_SECTION_SHARE = 0.5
# ... or at least this much: a full article before a closing marker is not outweighed by the
# long comment thread or review wall after it.
_SECTION_ENOUGH = 40.0
# Lines of at most this many words before the first / after the last prose sentence are dropped.
_EDGE_WORDS_HEAD = 4
_EDGE_WORDS_TAIL = 6
# How far above the article the headline may stand (in lines).
_TITLE_LOOKBACK = 150
# How far above the article datelines and bylines are looked for (in lines).
_DATE_LOOKBACK = 40
# A sentence under the headline longer than this is the first paragraph, not a standfirst.
_DEK_WORDS = 30
# How much lower the line above the best headline candidate may score and still be the headline.
_TITLE_OVER_DEK = 0.6
# A line of code: brackets, operators, a comment or prompt marker, a call at the start.
_BRACKETS_ONLY = re.compile(r"[{}()\[\];,]+")
_CODE = re.compile(r"[{}();=<>\[\]]|^\s*(?:#|//|--|\$ )|^[a-z_]+[.(]")
_INNER_SENTENCE = re.compile(r"[a-z][.!?]\s+[A-Z]")
_CRUMB_SPLIT = re.compile(r"\s+[>»›]\s+")
_BREADCRUMB = re.compile(r"(?:[>»›/|]\s*$|\s[>»›/]\s)")

_WORD = re.compile(r"\w+")
# Letters that NFKD would split (curly quotes and dashes, the common non-ASCII of English
# pages, need no normalising).
_ACCENTED = re.compile(r"[^\x00-\x7f\u2000-\u206f\u00a0-\u00bf]")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SPACE = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+")
# Whitespace other than the space and the newline (what str.split and _SPACE know): a page
# without it, and without two spaces in a row, has lines that need no squeezing.
_ODD_SPACE = re.compile(r"[\t\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]")
_CLOSERS = "\"'”’»)]"
_TERMINALS = (".", "!", "?", "…", ":", ";")
_SENTENCE_END = re.compile(r"""[.!?…]["'”’»)\]]*$""")
_SENTENCE_ENDS = (".", "!", "?", "…")
"""``_SENTENCE_END`` without the expression: a line whose end, once ``_CLOSERS`` are stripped,
is one of these (no closer is a sentence end, so the two agree)."""
# Words the fast way: every byte that is not an ASCII letter, digit or underscore becomes a
# space and letters are lower-cased, so splitting gives what \w+ finds in the case-folded line.
# Right for ASCII lines and for lines whose other characters are only punctuation of the
# ranges _ACCENTED lets through (curly quotes, dashes, ©): none of them is a word character
# or case-folds to one, and their UTF-8 bytes (all >= 0x80) become spaces too.
_FOLD_BYTES = bytes((b | 0x20) if 65 <= b <= 90 else b if (48 <= b <= 57 or 97 <= b <= 122 or b == 95) else 32
                    for b in range(256))
_FOLD_LINES = _FOLD_BYTES[:10] + b"\n" + _FOLD_BYTES[11:]
# What the fast way cannot read: other non-ASCII characters, and the word characters of those
# ranges (ª ² ³ µ ¹ º ¼ ½ ¾).
_NOT_FAST = re.compile(r"[^\x00-\x7f\u2000-\u206f\u00a0-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf]")


# ------------------------------------------------------------------ data files

def _load_groups(path: Path, allowed: tuple[str, ...]) -> dict[str, list[str]]:
    """``[group]`` headers and one entry per line; '#' comments. Empty groups and duplicates stop the load."""
    groups: dict[str, list[str]] = {}
    seen: dict[tuple[str, str], int] = {}
    current: str | None = None
    header_line = 0
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DetenteError("E101", f"cannot read the phrase list {path}: {exc}",
                           "reinstall the package; the file ships with it") from exc
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = re.fullmatch(r"\[(\w+)\]", line)
        if header:
            if current is not None and not groups[current]:
                raise DetenteError("E102", f"{path}:{header_line}: group [{current}] is empty",
                                   "add entries to it or remove the header")
            current = header.group(1)
            if current not in allowed:
                raise DetenteError("E103", f"{path}:{number}: unknown group [{current}]",
                                   "valid groups: " + ", ".join(allowed))
            if current in groups:
                raise DetenteError("E104", f"{path}:{number}: group [{current}] appears twice",
                                   "merge the two groups")
            groups[current] = []
            header_line = number
            continue
        if current is None:
            raise DetenteError("E105", f"{path}:{number}: entry {line!r} before any [group] header",
                               "put it under one of: " + ", ".join(allowed))
        key = (current, line.casefold())
        if key in seen:
            raise DetenteError("E106", f"{path}:{number}: duplicate entry {line!r} in [{current}] "
                               f"(first on line {seen[key]})", "remove one of them")
        seen[key] = number
        groups[current].append(line)
    if current is not None and not groups[current]:
        raise DetenteError("E102", f"{path}:{header_line}: group [{current}] is empty",
                           "add entries to it or remove the header")
    missing = [g for g in allowed if g not in groups]
    if missing:
        raise DetenteError("E107", f"{path}: missing group(s) " + ", ".join(f"[{g}]" for g in missing),
                           "add them; the extractor needs every group")
    return groups


def _words(text: str) -> list[str]:
    """Case folded, accents dropped, \\w+ words."""
    if text.isascii() or not _NOT_FAST.search(text):
        return text.encode().translate(_FOLD_BYTES).decode("ascii").split()
    if _ACCENTED.search(text):
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return _WORD.findall(text.casefold())


def _norm(text: str) -> str:
    """The words of ``text`` joined by one space: how phrases and lines are compared."""
    return " ".join(_words(text))


def _alternation(entries: Iterable[str]) -> str:
    """A regular expression matching any of the entries, as a character trie.

    Python's engine tries the branches of a flat ``a|b|c`` one by one at every position; with
    hundreds of phrases the trie form ("sign (?:in|up)") is many times faster.
    """
    trie: dict = {}
    for entry in set(entries):
        node = trie
        for ch in entry:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            # An entry ends here and longer ones continue: the continuation is optional.
            return "(?:" + body + ")?"
        return body

    return build(trie)


@dataclass(frozen=True)
class _Phrases:
    line: frozenset[str]
    short_start: re.Pattern[str]
    """[prefix] and the anchored [regex] entries, matched at the start of a short line."""
    short: re.Pattern[str]
    """[contains], [long] and the other [regex] entries, searched in a short line."""
    short_keys: frozenset[str] | None
    """The longest word of every [contains] and [long] phrase: a short line holding none of them
    cannot match ``short`` (None when ``short`` holds unanchored [regex] entries too)."""
    long: re.Pattern[str]
    long_keys: frozenset[str]
    """The longest word of every [long] phrase: a line holding none of them cannot match ``long``."""
    end: frozenset[str]
    end_regex: re.Pattern[str]
    regex: re.Pattern[str]
    """All [regex] entries (the short-line expressions above hold them split by anchoring)."""
    page_after: re.Pattern[str]
    """[page_after]: an interface line late in the article after which the page has moved on."""
    symbols: re.Pattern[str] | None
    """Entries made only of symbols (©), which normalising would erase: searched in the raw line."""
    symbols_ascii: bool
    """Whether a symbol entry holds an ASCII character (if not, an ASCII line cannot match)."""
    # The same tests on a line's words, several times faster than the expressions above (a
    # normalised phrase matches between word boundaries exactly where its words occur in a row).
    short_index: dict[str, tuple[tuple[int, list[str]], ...]]
    """[contains] and [long] phrases by their key word (see ``short_keys``): (where the key
    stands in the phrase, the phrase's words)."""
    long_index: dict[str, tuple[tuple[int, list[str]], ...]]
    """[long] phrases by their key word (see ``long_keys``)."""


def _key_index(phrases: Iterable[str]) -> dict[str, tuple[tuple[int, list[str]], ...]]:
    """Phrases by their longest word (the first of the longest): (its position, the phrase's words)."""
    index: dict[str, list[tuple[int, list[str]]]] = {}
    for phrase in dict.fromkeys(phrases):
        words = phrase.split()
        key = max(words, key=len)
        index.setdefault(key, []).append((words.index(key), words))
    return {key: tuple(entries) for key, entries in index.items()}


def _has_phrase(tokens: list[str], keys: frozenset[str],
                index: dict[str, tuple[tuple[int, list[str]], ...]]) -> bool:
    """Whether one of the indexed phrases occurs in ``tokens`` (a line's words) as a run of words."""
    for key in keys.intersection(tokens):
        at = -1
        try:
            while True:
                at = tokens.index(key, at + 1)
                for offset, words in index[key]:
                    start = at - offset
                    if start >= 0 and tokens[start:start + len(words)] == words:
                        return True
        except ValueError:
            pass
    return False


@lru_cache(maxsize=1)
def _phrases() -> _Phrases:
    path = _DATA / "interface_phrases.txt"
    groups = _load_groups(path, ("line", "prefix", "contains", "long", "end", "end_regex", "regex", "page_after"))
    symbol_entries = [e for g in ("prefix", "contains") for e in groups[g] if not _norm(e)]
    symbols = re.compile("|".join(re.escape(e) for e in symbol_entries)) if symbol_entries else None

    def normed(group: str) -> list[str]:
        return [n for n in (_norm(e) for e in groups[group]) if n]

    def combined(group: str) -> re.Pattern[str]:
        """All entries of a group in one expression, each checked on its own first."""
        for number, entry in enumerate(groups[group], 1):
            try:
                re.compile(entry)
            except re.error as exc:
                raise DetenteError("E108", f"{path}: [{group}] entry {number} {entry!r} does not compile: {exc}",
                                   "fix the expression") from exc
        return re.compile("|".join(f"(?:{e})" for e in groups[group]))

    return _Phrases(
        line=frozenset(normed("line")),
        # Two searches per short line instead of four: one anchored at its start (prefixes and
        # anchored expressions), one anywhere (phrases and the rest).
        short_start=re.compile(r"(?:" + _alternation(normed("prefix")) + r")\b"
                               + "".join(f"|(?:{e[1:]})" for e in groups["regex"] if e.startswith("^"))),
        short=re.compile(r"\b(?:" + _alternation(normed("contains") + normed("long")) + r")\b"
                         + "".join(f"|(?:{e})" for e in groups["regex"] if not e.startswith("^"))),
        long=re.compile(r"\b(?:" + _alternation(normed("long")) + r")\b"),
        long_keys=frozenset(max(e.split(), key=len) for e in normed("long")),
        short_keys=None if any(not e.startswith("^") for e in groups["regex"]) else
        frozenset(max(e.split(), key=len) for e in normed("contains") + normed("long")),
        end=frozenset(normed("end")),
        end_regex=combined("end_regex"),
        regex=combined("regex"),
        page_after=combined("page_after"),
        symbols=symbols,
        symbols_ascii=any(ch.isascii() for e in symbol_entries for ch in e),
        short_index=_key_index(normed("contains") + normed("long")),
        long_index=_key_index(normed("long")),
    )



@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    path = _DATA / "stopwords_en.txt"
    words: dict[str, int] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        word = raw.strip().casefold()
        if not word or word.startswith("#"):
            continue
        if word in words:
            raise DetenteError("E106", f"{path}:{number}: duplicate stopword {word!r} (first on line {words[word]})",
                               "remove one of them")
        words[word] = number
    if not words:
        raise DetenteError("E102", f"{path}: no stopwords", "restore the file from the package")
    return frozenset(words)


@dataclass(frozen=True)
class _MetaWords:
    byline: re.Pattern[str]
    reviewer: re.Pattern[str]
    not_a_name: frozenset[str]
    role_words: re.Pattern[str]
    role_tokens: frozenset[str]
    credentials: frozenset[str]
    particles: frozenset[str]
    glue: re.Pattern[str]
    bio: re.Pattern[str]
    bio_roles: re.Pattern[str]
    bio_role_words: tuple[str, ...]


def _prefix_regex(prefixes: Iterable[str]) -> re.Pattern[str]:
    # "By Ann Lee", "By: Ann Lee", and the glued "ByAnn Lee" of flattened pages; the name must
    # start with a capital (case-sensitive even though the prefix is not).
    words = _alternation(p.rstrip(":").casefold() for p in prefixes).replace(r"\ ", r"\s+")
    return re.compile(r"^\W*(?i:" + words + r")(?:\s*:\s*|\s+|(?=[A-Z]))(?=[A-Z\u00c0-\u00de@])")


@lru_cache(maxsize=1)
def _meta_words() -> _MetaWords:
    groups = _load_groups(_DATA / "metadata_words.txt",
                          ("byline_prefix", "reviewer_prefix", "not_a_name", "role_words", "role_tokens",
                           "glue_words", "credentials", "name_particles", "bio_verbs", "bio_roles"))
    name = _name_pattern(frozenset(groups["name_particles"]))
    return _MetaWords(
        byline=_prefix_regex(groups["byline_prefix"]),
        reviewer=_prefix_regex(groups["reviewer_prefix"]),
        not_a_name=frozenset(_norm(n) for n in groups["not_a_name"]),
        role_words=re.compile(r"(?:\s*[,|/•·⋅–—-]\s*|\s+)(?i:"
                              + _alternation(w.casefold() for w in groups["role_words"]).replace(r"\ ", r"\s+")
                              + r")\b.*$"),
        role_tokens=frozenset(_norm(t) for t in groups["role_tokens"]),
        credentials=frozenset(_norm(c) for c in groups["credentials"]),
        particles=frozenset(groups["name_particles"]),
        glue=re.compile(r"(?<=[a-z.])(?=(?:" + _alternation(groups["glue_words"]) + r")\b)|(?<=[A-Za-z])(?=\d)"),
        bio=re.compile(r"^(?:About\s+the\s+author:?\s*|Author:?\s*)?(?P<name>" + name + r")(?:,[^,]{2,80},)?\s+(?:"
                       + _alternation(groups["bio_verbs"]).replace(r"\ ", r"\s+") + r")\b"
                       r"|^(?:Hi|Hello|Hey)\b[^.!?]{0,20}[,.!]\s*(?:I['’]m|I\s+am|my\s+name\s+is)\s+"
                       r"(?P<hello>" + name + r")\b"),
        bio_roles=re.compile(r"\b(?:" + _alternation(groups["bio_roles"]) + r")s?\b", re.I),
        bio_role_words=tuple(groups["bio_roles"]),
    )


@dataclass(frozen=True)
class _PromoWords:
    cta: frozenset[str]
    offer: frozenset[str]
    second_person: frozenset[str]
    first_plural: frozenset[str]
    question: re.Pattern[str]
    related: re.Pattern[str]
    link_box: re.Pattern[str]
    widget: re.Pattern[str]
    """[share] and [disclosure], searched in the lower-cased line."""
    widget_words: frozenset[str] | None
    """The first word of every [share] / [disclosure] entry: a line holding none of them cannot
    match (None when an entry does not start with a plain word)."""
    blurb: re.Pattern[str]
    bio: re.Pattern[str]
    method: re.Pattern[str]
    """[method_heading]: the heading of the site's box on how it tests and reviews."""
    triggers: frozenset[str]
    """Every word whose presence ``_promo_score`` asks about (the widget words, the reader and the
    site addressed, offers, "off", "sign", "up"): found in one pass over a line's words."""


@lru_cache(maxsize=1)
def _promo_words() -> _PromoWords:
    path = _DATA / "promo_words.txt"
    groups = _load_groups(path, ("cta_verbs", "offer_words", "second_person", "first_person_plural",
                                 "question_openers", "related_prefix", "link_box_heading", "share", "disclosure",
                                 "organisation_nouns", "method_heading"))

    def regex(group: str, template: str) -> re.Pattern[str]:
        for number, entry in enumerate(groups[group], 1):
            try:
                re.compile(entry)
            except re.error as exc:
                raise DetenteError("E108", f"{path}: [{group}] entry {number} {entry!r} does not compile: {exc}",
                                   "fix the expression") from exc
        return re.compile(template.format("|".join(f"(?:{e})" for e in groups[group])), re.I)

    nouns = _alternation(groups["organisation_nouns"])
    roles = _alternation(_meta_words().bio_role_words)
    widget_words = _first_words(groups["share"] + groups["disclosure"])
    return _PromoWords(
        cta=frozenset(groups["cta_verbs"]),
        offer=frozenset(groups["offer_words"]),
        second_person=frozenset(groups["second_person"]),
        first_plural=frozenset(groups["first_person_plural"]),
        question=regex("question_openers", r"^\W*(?:{})\b"),
        related=regex("related_prefix", r"^\W*(?:{})"),
        link_box=regex("link_box_heading", r"^\W*(?:{})\W*$"),
        # Searched without re.I in the lower-cased line: several times faster on long lines.
        widget=re.compile(regex("share", "{}").pattern + "|" + regex("disclosure", "{}").pattern),
        widget_words=widget_words,
        # "Acme Labs is a nonprofit organization that ...", "At Acme, we ...": the site's own
        # company speaking; a question or a pronoun in front is prose ("What is the best ...").
        blurb=re.compile(r"^(?!(?:What|Which|Who|Why|How|Where|When|This|That|It|There|Here)\b)"
                         r"(?:At [A-Z][\w&.'’ -]{1,40}, we\b"
                         r"|[A-Z][\w&.'’-]*(?:,? (?:[A-Z][\w&.'’-]*|of|for|and|&))* (?:is|are) (?:a|an|the)\b"
                         r"[^.]{0,80}\b(?:" + nouns + r")\b)"),
        # "Ann Lee is a travel writer who ...", the closing author box.
        bio=re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z.]+){0,2} (?:is|was) (?:a|an|the)\b.{0,150}\b(?:"
                       + roles + r")s?\b"),
        method=regex("method_heading", r"^\W*(?:{})\b"),
        triggers=frozenset(groups["second_person"]) | frozenset(groups["first_person_plural"])
        | frozenset(groups["offer_words"]) | (widget_words or frozenset()) | {"off", "sign", "up"},
    )


def _first_words(expressions: list[str]) -> frozenset[str] | None:
    """The literal word each expression starts with ("click to (?:share|email)" -> "click")."""
    words = set()
    for expression in expressions:
        m = re.match(r"\^?(?:\\\()?([a-z]+)\b(?![?*+{|])", expression)
        if not m:
            return None
        words.add(m.group(1))
    return frozenset(words)


def _name_pattern(particles: frozenset[str]) -> str:
    """2 to 5 capitalised name words (initials, hyphens, apostrophes, particles allowed)."""
    upper, lower = r"[A-Z\u00c0-\u00de]", r"[a-z\u00df-\u00ff]"
    # "Lee", "O'Neil", "McCarthy", "Martínez-Beltrán", an initial "J."
    word = (upper + r"(?:[a-z\u00df-\u00ff'’\-]*" + lower + r"|\.|"
            + upper + r"?" + lower + r"+(?:[-'’]" + upper + r"?" + lower + r"+)*)?")
    particle = r"(?:" + "|".join(sorted(particles, key=len, reverse=True)) + r")"
    return word + r"(?:\s+(?:" + particle + r"\s+)?" + word + r"){1,4}"


# ------------------------------------------------------------------ lines

@dataclass(slots=True)
class _Line:
    """One non-empty line of the page and what the filter learnt about it."""

    pos: int
    text: str
    block: int
    norm: str
    tokens: list[str]
    """The words of ``norm`` (``norm.split()``), kept so that no later step splits it again."""
    words: int
    chars: int
    stop_density: float
    terminal: bool
    """Ends with closing punctuation (a full stop, a colon, ...)."""
    sentence_end: bool
    """Ends a sentence (``_SENTENCE_END``)."""
    interface: bool = False
    end_marker: bool = False
    site: bool = False
    menu: int = 0
    cls: str = "short"
    dates: list[DateMatch] | None = None


def _split_lines(text: str) -> list[tuple[str, int]]:
    """(line, block number) for every non-empty line; a blank line starts a new block.

    Hard-wrapped prose (a <pre> block, a plain text file wrapped at 72 columns) is joined back
    into paragraphs first, so that each paragraph is judged as one line.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [raw.strip() for raw in text.split("\n")]
    if "  " in text or _ODD_SPACE.search(text):
        lines = [line if line.isascii() and "  " not in line and "\t" not in line else _squeeze(line)
                 for line in lines]
    out: list[tuple[str, int]] = []
    block: list[str] = []
    number = 0
    for line in lines:
        if line:
            block.append(line)
        elif block:
            if len(block) == 1:
                out.append((block[0], number))
            else:
                out.extend((x, number) for x in _unwrap(block))
            number += 1
            block = []
    if block:
        out.extend((x, number) for x in _unwrap(block))
    return out


def _squeeze(line: str) -> str:
    """Runs of whitespace as one space."""
    # str.split knows the Unicode spaces and is several times faster than the expression, but it
    # keeps the zero-width space and the byte-order mark.
    if "\u200b" in line or "\ufeff" in line:
        return _SPACE.sub(" ", line).strip()
    return " ".join(line.split())


def _unwrap(block: list[str]) -> list[str]:
    """Join the lines of a block that were wrapped at a fixed width; other blocks stay as they are."""
    if len(block) < 2:
        return block
    inner = block[:-1]
    longest = max(len(x) for x in inner)
    if longest < 40 or longest > 140:
        return block
    near_width = sum(1 for x in inner if len(x) >= 0.6 * longest)
    continued = sum(1 for x, nxt in zip(inner, block[1:])
                    if not x.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS) or nxt[:1].islower())
    if near_width < 0.75 * len(inner) or continued < 0.5 * len(inner):
        return block
    # Within a wrapped block a paragraph still ends at a short line that closes a sentence.
    paragraphs: list[list[str]] = [[]]
    for x in block:
        paragraphs[-1].append(x)
        if x.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS) and len(x) < 0.6 * longest:
            paragraphs.append([])
    return [" ".join(p) for p in paragraphs if p]


def _describe(lines: list[tuple[str, int]], site: frozenset[str]) -> list[_Line]:
    # The hot loop of the extractor (every line of every page): lookups are bound to locals.
    phrases = _phrases()
    stop_contains = _stopwords().__contains__
    line_set, end_set = phrases.line, phrases.end
    short_any = phrases.short.search
    long_keys, short_keys = phrases.long_keys, phrases.short_keys
    short_start = phrases.short_start.match
    short_index, long_index = phrases.short_index, phrases.long_index
    end_regex = phrases.end_regex.match  # every entry is anchored at the start
    symbols = phrases.symbols.search if phrases.symbols else None
    symbols_ascii = phrases.symbols_ascii
    not_fast = _NOT_FAST.search
    # _words' fast way for the whole page at once (lines hold no newline, which stays one); a
    # line it cannot read is read on its own below.
    folded = "\n".join([text for text, _ in lines]).encode().translate(_FOLD_LINES).decode("ascii").split("\n")
    described = []
    for pos, (text, block) in enumerate(lines):
        tokens = folded[pos].split() if text.isascii() or not not_fast(text) else _words(text)
        norm = " ".join(tokens)
        words = len(tokens)
        # Only lines of five words or more are ever judged by their stopwords.
        stops = sum(map(stop_contains, tokens)) if words >= 5 else 0
        if not norm:
            interface = True  # pure symbols and punctuation ("|", "»", "•••"): decoration
        elif norm in line_set:
            interface = True
        elif words <= _SHORT_PHRASE_WORDS:
            # ``short`` of _Phrases tested on the words (see _has_phrase).
            interface = bool(short_start(norm)
                             or (short_any(norm) if short_keys is None else
                                 not short_keys.isdisjoint(tokens) and _has_phrase(tokens, short_keys, short_index))
                             or (symbols and (symbols_ascii or not text.isascii()) and symbols(text)))
        else:
            interface = not long_keys.isdisjoint(tokens) and _has_phrase(tokens, long_keys, long_index)
        bare = text.rstrip(_CLOSERS)
        described.append(_Line(pos, text, block, norm, tokens, words, len(text), stops / words if words else 0.0,
                               bare.endswith(_TERMINALS), bare.endswith(_SENTENCE_ENDS), interface,
                               norm in end_set or (words <= 20 and bool(end_regex(norm))), norm in site))
    _mark_menus(described)
    return described


def _mark_menus(lines: list[_Line]) -> None:
    """Runs of 4+ consecutive short lines without terminal punctuation, like a menu or link list.

    ``menu`` holds the length of the run the line belongs to (0 outside runs): a list of six
    pros and cons inside a review is a short run, a site's navigation is a long one.
    """
    run: list[_Line] = []

    def close() -> None:
        if len(run) >= 4:
            for ln in run:
                ln.menu = len(run)
        run.clear()

    for ln in lines:
        if ln.words <= 6 and not ln.terminal:
            run.append(ln)
        else:
            close()
    close()


# ------------------------------------------------------------------ classification (jusText)

def _classify(lines: list[_Line]) -> None:
    for ln in lines:
        if ln.interface or ln.site or ln.end_marker:
            ln.cls = "bad"
        elif ln.chars < _LENGTH_LOW:
            ln.cls = "short"
        else:
            # Sentences full of figures and names ("Among 142 private colleges, the average price
            # is $516.") are prose with few stopwords: a closing full stop lowers the bar.
            sentence = ln.words >= 8 and ln.sentence_end
            low = _STOPWORDS_LOW - (0.12 if sentence else 0.0)
            high = _STOPWORDS_HIGH - (0.12 if sentence else 0.0)
            if ln.stop_density >= high:
                ln.cls = "good" if ln.chars > _LENGTH_HIGH else "neargood"
            elif ln.stop_density >= low:
                ln.cls = "neargood"
            else:
                ln.cls = "bad"
    original = [ln.cls for ln in lines]

    # Headings: a short line followed closely by good text is near-good (jusText's pre-step).
    for i, ln in enumerate(lines):
        if original[i] != "short" or ln.menu or ln.terminal:
            continue
        distance = 0
        for j in range(i + 1, len(lines)):
            if original[j] == "good":
                ln.cls = "neargood"
                break
            distance += lines[j].chars
            if distance > _HEADING_DISTANCE:
                break

    classes = [ln.cls for ln in lines]
    prev_strict, next_strict = _nearest(classes, ("good", "bad"))
    new = list(classes)
    prev_loose, next_loose = _nearest(classes, ("good", "bad", "neargood"))
    for i, c in enumerate(classes):
        if c != "short":
            continue
        prev, nxt = prev_strict[i], next_strict[i]
        if prev == "good" and nxt == "good":
            new[i] = "good"
        elif prev == "bad" and nxt == "bad":
            new[i] = "bad"
        elif (prev == "bad" and prev_loose[i] == "neargood") or (nxt == "bad" and next_loose[i] == "neargood"):
            new[i] = "good"
        else:
            new[i] = "bad"
    classes = new
    new = list(classes)
    prev_strict, next_strict = _nearest(classes, ("good", "bad"))
    for i, c in enumerate(classes):
        if c == "neargood":
            new[i] = "bad" if prev_strict[i] == "bad" and next_strict[i] == "bad" else "good"
    for ln, c in zip(lines, new):
        ln.cls = c


def _nearest(classes: list[str], wanted: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """For each line, the class of the nearest line before / after it whose class is in ``wanted``
    ("bad" past the ends of the page, as in jusText)."""
    before, after = [], [""] * len(classes)
    last = "bad"
    for c in classes:
        before.append(last)
        if c in wanted:
            last = c
    last = "bad"
    for i in range(len(classes) - 1, -1, -1):
        after[i] = last
        if classes[i] in wanted:
            last = classes[i]
    return before, after


def _weight(ln: _Line) -> float:
    """How much a line adds to (or takes from) the article stretch that contains it.

    Kadane's search never keeps a costly line at either end of the stretch, so short lines may
    cost little: inside an article (list items, subheadings) they ride along, around it they fall
    away. Long menus, interface text and closing markers cost enough to split a page.
    """
    if ln.end_marker:
        return -12.0
    if not ln.norm and _BRACKETS_ONLY.fullmatch(ln.text):
        return -0.03  # the closing "}" of a code block: no words to keep, but no menu either
    if ln.interface or ln.site:
        return -1.5
    if ln.cls == "good":
        return 1.0 + min(ln.words, 120) / 15
    if ln.menu > _LONG_MENU:
        return -0.6
    if ln.words >= 5 and ln.stop_density >= 0.25 and ln.sentence_end:
        # A short sentence: jusText calls it bad far from long paragraphs, but a page written in
        # one-line paragraphs (newsletters, listicles) is a run of them.
        return 0.05 + ln.words / 50
    if _CODE.search(ln.text):
        # Code listings and formulas are runs of short unpunctuated lines too, but they sit
        # inside articles: they may not cost what a menu costs, or the article stops at them.
        return -0.03
    return -0.15


def _kadane(lines: list[_Line], lo: int, hi: int) -> tuple[float, tuple[int, int] | None]:
    """Highest total weight of a contiguous run of lines[lo:hi], and its [start, end)."""
    best, best_span = 0.0, None
    total, start = 0.0, lo
    for i in range(lo, hi):
        w = _weight(lines[i])
        if total <= 0:
            total, start = w, i
        else:
            total += w
        if total > best:
            best, best_span = total, (start, i + 1)
    return best, best_span


def _best_stretch(lines: list[_Line]) -> tuple[int, int] | None:
    """[start, end) of the article: the best-scoring run of lines (Kadane) between closing markers.

    A closing marker ("Related posts", "36 Comments", "Leave a reply") ends a section. The page is
    cut at every marker and the first section whose best run scores at least half of the best
    section's wins: a long comment thread or a related-articles river after the article must not
    outweigh the article itself.
    """
    cuts = [i for i, ln in enumerate(lines) if ln.end_marker]
    bounds = list(zip([0] + [c + 1 for c in cuts], cuts + [len(lines)]))
    scored = [_kadane(lines, lo, hi) for lo, hi in bounds if hi > lo]
    scored = [(score, span) for score, span in scored if span is not None]
    if not scored:
        return None
    top = max(score for score, _ in scored)
    for score, span in scored:
        if score >= _SECTION_SHARE * top or score >= _SECTION_ENOUGH:
            return span
    return None


# ------------------------------------------------------------------ metadata

def _halves(text: str) -> str | None:
    """'Title Title' -> 'Title' (a headline printed twice on one line)."""
    words = text.split()
    n = len(words)
    if n >= 2 and n % 2 == 0 and words[: n // 2] == words[n // 2:]:
        return " ".join(words[: n // 2])
    return None


def _looks_like_title(ln: _Line) -> bool:
    if ln.interface or ln.site or ln.end_marker or ln.menu > _LONG_MENU:
        return False
    if not 2 <= ln.words <= 30 or ln.chars > 250:
        return False
    if ln.text.endswith(".") and not ln.text.endswith("..."):
        return False
    if _dates(ln):
        return False
    meta = _meta_words()
    if meta.byline.match(ln.text) or meta.reviewer.match(ln.text):
        return False
    return True


def _find_title(lines: list[_Line], start: int, end: int, counts: Counter[str]) -> int | None:
    """Index of the headline line, or None.

    The headline stands above the article, often far above it (a byline box, a table of contents
    or an affiliate notice can sit between), in a block of its own as an <h1> does; it is often
    printed twice (page header and article header, or "Title Title"), sits by a breadcrumb that
    ends with it, and is followed by the byline or the date, or straight by the first paragraph.
    The stretch found as the article may start a little early (a promotion above the headline),
    so its first part is searched too.
    """
    best, best_score = None, 0.8
    scores: dict[int, float] = {}
    known: dict[int, bool] = {}

    def header_meta(j: int) -> bool:
        if j not in known:
            known[j] = _is_header_meta(lines[j])
        return known[j]

    first = max(0, start - _TITLE_LOOKBACK)
    last = min(len(lines), start + 3 + min(60, (end - start) // 3))
    for i in range(first, last):
        ln = lines[i]
        if not _looks_like_title(ln):
            continue
        distance = start - i
        score = -0.015 * max(distance - 3, 0) if distance >= 0 else -0.3 + 0.03 * distance
        if counts[ln.norm] > 1 or _halves(ln.text):
            score += 1.0
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and lines[j].norm != ln.norm and \
                    lines[j].norm.endswith(" " + ln.norm) and _BREADCRUMB.search(lines[j].text):
                score += 0.7  # "Home › Guides › Title" by "Title"
                break
        for k in range(1, 6):
            if i + k < len(lines) and header_meta(i + k):
                score += 1.5 if k == 1 else 1.0 if k <= 3 else 0.5
                break
        for k in range(1, 3):
            if i + k < len(lines) and lines[i + k].cls == "good" and lines[i + k].words >= 20:
                score += 0.7
                break
        own_block = (i == 0 or lines[i - 1].block != ln.block) and \
            (i + 1 >= len(lines) or lines[i + 1].block != ln.block)
        if own_block:
            score += 0.6
        if 4 <= ln.words <= 20:
            score += 0.5
        if ln.words > 24:
            score -= 1.0
        if _INNER_SENTENCE.search(ln.text):
            score -= 0.5  # two sentences: a standfirst rather than a headline
        if ln.menu:
            score -= 0.5
        scores[i] = score
    # A byline name above the date scores like a headline; only the leaders are checked for
    # being one, as the check is slow.
    for i in sorted(scores, key=scores.__getitem__, reverse=True)[:3]:
        if _name_line(lines[i]):
            scores[i] -= 1.0
    for i, score in scores.items():
        if score > best_score:
            best, best_score = i, score
    # A headline and its standfirst look alike and sit one above the other: the upper one is
    # the headline when it scores nearly as well.
    if best is not None and scores.get(best - 1, -9.0) >= best_score - _TITLE_OVER_DEK:
        best = best - 1
    return best


def _is_header_meta(ln: _Line) -> bool:
    """A byline, a dateline or a bare "By": what follows a headline."""
    meta = _meta_words()
    if _byline_word(ln) or meta.byline.match(ln.text) or meta.reviewer.match(ln.text):
        return True
    return _is_dateline(ln)


def _byline_word(ln: _Line) -> bool:
    return ln.norm in ("by", "author", "authors", "written by", "posted by", "words by")


# ------------------------------------------------------------------ authors

# Cheap test that a line may be a bio, before the slow name expression runs.
_BIO_HINT = re.compile(r" (?:is|was|has|serves|covers|writes|reports|leads|teaches|directs|works|lives) "
                       r"|I['’]m |I am |my name ")
_PRONOUN_START = re.compile(r"^(?:He|She|They|His|Her|Their|When (?:he|she|they)|In (?:his|her|their))\b")
_NAME_SEPARATOR = re.compile(r"\s*[|•·⋅/]\s*|\s+[-–—]\s+|\s*[-–—]\s*(?=\d)")
_PEOPLE_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
# All capitals ("NEWS"), a capital inside a word that is not Mc/Mac/O'/De ("RobotsCommercial"),
# a possessive ("Today's").
_SHAPE_NOT_NAME = re.compile(r"^[A-Z]{3,}$|^(?!Mc|Mac|O['’]|De|Di|La|Le|Van|Von)[A-Z][a-z]+[A-Z]|['’]s$")
_NAME_TOKEN = re.compile(r"^(?:[A-Z\u00c0-\u00de][\w'’.\-]*|[A-Z]\.(?:[A-Z]\.)*|@\w+)$")


def _is_name(part: str, *, single_ok: bool) -> bool:
    """Whether a byline segment reads as a person's (or a desk's) name.

    Without "By" in front (``single_ok`` False) the shape must be a personal name's: two to
    four words, none shouting in capitals, none glued to the next ("OfficeOrganizing").
    """
    meta = _meta_words()
    tokens = part.split()
    if not tokens or len(tokens) > 5 or (len(tokens) == 1 and not single_ok):
        return False
    if not single_ok:
        if len(tokens) > 4 or any(_SHAPE_NOT_NAME.search(t) for t in tokens):
            return False
    norm = _norm(part)
    if not norm or norm in meta.not_a_name or any(ch.isdigit() for ch in part):
        return False
    stop = _stopwords()
    for token in tokens:
        low = _norm(token)
        if token in meta.particles:
            continue
        if not _NAME_TOKEN.match(token) or low in stop or low in meta.role_tokens:
            return False
    return True


def _people(text: str, *, explicit: bool) -> list[str]:
    """The names in a byline's remainder or a name line.

    "Ann Lee, MS, RD and Bo Park | Staff Writer | May 2, 2025" -> ["Ann Lee, MS, RD", "Bo Park"].
    ``explicit`` (after "By") also admits one-word names ("By Sarah").
    """
    meta = _meta_words()
    text = meta.glue.sub(" ", text)
    dates = find_dates(text)
    if dates:
        text = text[: dates[0].start]
    text = _NAME_SEPARATOR.split(text.strip())[0]
    text = meta.role_words.sub("", text).strip(" .:,;")
    people: list[str] = []
    for part in _PEOPLE_SPLIT.split(text):
        part = part.strip(" .:,;")
        if not part:
            continue
        if people and _norm(part) in meta.credentials:
            # Letters after a name belong to it ("Ann Lee, MS, RD").
            people[-1] += ", " + part
            continue
        if _is_name(part, single_ok=explicit):
            people.append(part)
        elif people:
            break  # a job title or a place after the names ends them
    return people


def _byline(ln: _Line, *, reviewers: bool = False) -> list[str]:
    meta = _meta_words()
    m = (meta.reviewer if reviewers else meta.byline).match(ln.text)
    if not m:
        return []
    return _people(ln.text[m.end():], explicit=True)


def _name_line(ln: _Line) -> list[str]:
    """A line that is nothing but people's names (perhaps with letters, a role or a date after them)."""
    if ln.words > 14 or ln.cls == "good" and ln.words > 8 or ln.sentence_end and ln.words > 6:
        return []
    meta = _meta_words()
    head = meta.glue.sub(" ", ln.text)
    dates = find_dates(head)
    if dates:
        head = head[: dates[0].start]
    head = _NAME_SEPARATOR.split(head.strip())[0]
    people = _people(head, explicit=False)
    if not people:
        return []
    # Every word before the first separator must belong to a name, a title or a role, so that
    # "Arms Deal Signed in Prague" is not read as the name "Arms Deal Signed".
    named = set(_norm(" ".join(people)).split())
    rest = [t for t in _norm(head).split()
            if t not in named and t != "and" and t not in meta.role_tokens and t not in meta.credentials]
    return [] if rest else people


def _bio_author(ln: _Line) -> str | None:
    """The subject of a bio line ("Ann Lee is a fellow at ...")."""
    if ln.words > 90 or ln.words < 5 or not _BIO_HINT.search(ln.text, 0, 120):
        return None
    meta = _meta_words()
    m = meta.bio.match(ln.text)
    if not m:
        return None
    name = m.group("hello")
    if name is None:
        # "Ann Lee is ..." must go on to say what she does for a living.
        if not meta.bio_roles.search(ln.text[m.end():m.end() + 160]):
            return None
        name = m.group("name")
    if not _is_name(name, single_ok=False):
        return None
    return name


# ------------------------------------------------------------------ dates

def _dates(ln: _Line) -> list[DateMatch]:
    """The dates printed on a line, found once when first asked for (most lines never are).

    Found without the crawl date: that only anchors the final picks (see ``_pick_dates``).
    """
    if ln.dates is None:
        ln.dates = find_dates(ln.text) if ln.words <= 40 else []
    return ln.dates


def _is_dateline(ln: _Line) -> bool:
    """A line that is mostly a date (and maybe a cue word, a byline or a reading time)."""
    dates = _dates(ln)
    if not dates:
        return False
    covered = sum(d.end - d.start for d in dates)
    return ln.words <= 16 and (covered >= 0.35 * ln.chars or ln.words <= 8 or
                               any(d.cue for d in dates) or bool(_meta_words().byline.match(ln.text)))


@dataclass
class _Meta:
    title: str | None = None
    dek: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    publisher: str | None = None
    drop: set[int] = field(default_factory=set)
    """Line positions that are metadata, not body."""
    cut: int | None = None
    """Line position where the body ends early (a closing author bio)."""
    title_at: int | None = None
    """Line position of the headline."""


def _pick_dates(lines: list[_Line], zone: list[int], anchor: int, meta: _Meta, crawl_date: str | None) -> None:
    """Published and updated dates from the datelines and bylines of the header zone.

    A date inside a sentence of prose is history, not the page's date: only lines that are
    mostly a date, or carry a cue ("Updated", "Posted on") or a byline, count. With a crawl date
    the chosen lines are read again with it, which anchors year-less dates and reads relative ones.
    """
    best: dict[str, tuple[float, str]] = {}
    for i in zone:
        ln = lines[i]
        if not _dates(ln) and not (crawl_date and ln.words <= 16):
            continue
        dateline = _is_dateline(ln)
        byline = bool(_meta_words().byline.match(ln.text))
        found = find_dates(ln.text, crawl_date=crawl_date) if crawl_date else _dates(ln)
        if crawl_date and not dateline and ln.words <= 16 and found and not _dates(ln):
            dateline = True  # "Posted 3 days ago": a date only the crawl date can read
        for d in found:
            if not (dateline or d.cue or byline):
                continue
            if d.precision == "month" and not d.cue:
                continue
            kind = "updated" if d.cue == "updated" else "published"
            score = (1.0 if d.cue else 0.0) + (0.5 if dateline else 0.0) + (0.5 if byline else 0.0)
            score -= 0.04 * abs(i - anchor)
            if kind not in best or score > best[kind][0]:
                best[kind] = (score, d.iso)
        if dateline or byline:
            meta.drop.add(ln.pos)
    if "published" in best:
        meta.published = best["published"][1]
    if "updated" in best:
        meta.updated = best["updated"][1]


# ------------------------------------------------------------------ publisher

def _publisher(lines: list[_Line], start: int, end: int) -> str | None:
    """The publication's name where the page states it: a copyright line, "here on X"."""
    for ln in lines:
        if start <= ln.pos < end and not ln.interface:
            continue
        if not ("©" in ln.text or "copyright" in ln.norm or "experience" in ln.norm or "(c)" in ln.text.casefold()):
            continue  # the expression below is slow to search; few lines can match it
        m = _PUBLISHER.search(ln.text)
        if m:
            name = (m.group("name") or m.group("name2")).strip(" .,;:|-–—")
            name = re.sub(r"(?i)[\s,]+(?:inc|llc|ltd|plc|co|corp|gmbh)\.?$", "", name).strip()
            if 2 <= len(name) <= 60 and not any(ch.isdigit() for ch in name):
                return name
    return None


_PUBLISHER = re.compile(
    r"(?:(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?[,.]?\s*)?"
    r"(?P<name>[A-Z][\w&'’. -]{1,60}?)\s*(?:[.,|•·]|all rights reserved|$)"
    r"|full experience (?:here )?on (?P<name2>[A-Z][\w&'’. -]{1,60}?)\.?$)", re.I)


# ------------------------------------------------------------------ reading the metadata

def _read_metadata(lines: list[_Line], start: int, end: int, crawl_date: str | None,
                   *, plain: bool = False) -> _Meta:
    """Headline, dek, authors, dates and publisher of the article found at lines[start:end].

    ``plain``: the text is a plain article, whose headline can only be its first line.
    """
    meta = _Meta()
    counts = Counter(ln.norm for ln in lines)
    title_at = _find_title(lines, start, end, counts)
    if plain and title_at != 0:
        title_at = None
    zone = set(range(max(0, start - 10), min(len(lines), start + 3)))
    meta.title_at = title_at
    if title_at is not None:
        ln = lines[title_at]
        meta.title = _halves(ln.text) or ln.text
        crumbs = _CRUMB_SPLIT.split(meta.title)
        if len(crumbs) >= 3:
            meta.title = crumbs[-1]  # "Home › Guides › Title": the headline is the last crumb
        title_norm = _norm(meta.title)
        doubled = f"{title_norm} {title_norm}"
        for other in lines:
            if other.norm == title_norm or other.norm == doubled:
                meta.drop.add(other.pos)
        zone |= set(range(max(0, title_at - 6), min(len(lines), max(title_at + 16, start + 3))))
    header = sorted(zone)
    anchor = title_at if title_at is not None else start

    _read_authors(lines, header, start, end, title_at, meta)
    # Datelines stray further from the headline than bylines do (above a hero image, under a
    # table of contents), and a stray date costs less than a stray name: look wider for them.
    date_zone = sorted(zone | set(range(max(0, start - _DATE_LOOKBACK), start)))
    _pick_dates(lines, [i for i in date_zone if i != title_at], anchor, meta, crawl_date)
    if meta.published is None and meta.updated is None:
        # A dateline right after the body ("Published on May 2, 2024").
        tail = range(max(start, end - 2), min(len(lines), end + 4))
        _pick_dates(lines, [i for i in tail if any(d.cue for d in _dates(lines[i]))], end, meta, crawl_date)
    _read_dek(lines, title_at, meta)
    meta.publisher = _publisher(lines, start, end)
    return meta


def _read_authors(lines: list[_Line], header: list[int], start: int, end: int, title_at: int | None,
                  meta: _Meta) -> None:
    """Bylines, then lone name lines near the headline, then a closing bio line."""
    reviewers: list[str] = []
    for i in header:
        ln = lines[i]
        if i == title_at:
            continue
        people = _byline(ln)
        if people:
            meta.authors = meta.authors or people
            meta.drop.add(ln.pos)
            continue
        people = _byline(ln, reviewers=True)
        if people:
            reviewers = reviewers or people
            meta.drop.add(ln.pos)

    # Bio lines anywhere on the page confirm a bare name line near the headline (their subjects
    # are looked for once, when first needed); those after the article, or in an author box at
    # its very start, also name the author when nothing else does.
    bio_names: set[str] | None = None
    tail_from = start + int(0.7 * (end - start))
    lo, hi = max(start, min(tail_from, end - 8)), min(len(lines), end + 40)
    bios = [(i, name) for i in sorted(set(range(lo, hi)) | set(range(start, min(end, start + 2))))
            if (name := _bio_author(lines[i]))]

    if not meta.authors:
        for i in header:
            ln = lines[i]
            if i == title_at or ln.pos in meta.drop or ln.interface:
                continue
            people = _name_line(ln)
            if not people:
                continue
            near = [lines[j] for j in range(i - 2, i + 3) if 0 <= j < len(lines) and j != i]
            # A capitalised phrase beside a date is as often a category ("Mental Health") as a
            # name: it needs a "By" above it, a job title under it, a bio, or a second mention.
            by_word = any(_byline_word(x) for x in near)
            if not by_word and bio_names is None:
                # (_bio_author's own first test, inlined: most lines are too short to be a bio)
                bio_names = {_norm(name) for x in lines if 5 <= x.words <= 90 and (name := _bio_author(x))}
            supported = (by_word
                         or any(_norm(p) in bio_names for p in people)
                         or (i + 1 < len(lines) and _is_role_line(lines[i + 1]))
                         or (any(_is_dateline(x) for x in near) and _mentioned_elsewhere(lines, ln, people)))
            if supported:
                meta.authors = people
                meta.drop.add(ln.pos)
                break
    if not meta.authors and bios:
        meta.authors = [bios[0][1]]
    if not meta.authors:
        meta.authors = reviewers
    # A bio leaves the body whoever it names, with the lines about the same person after it;
    # what follows a closing bio is the author box and the page's own trailer unless real prose
    # goes on after it.
    for pos, _ in bios:
        if not start <= pos < end:
            continue
        meta.drop.add(pos)
        j = pos + 1
        while j < end and _PRONOUN_START.match(lines[j].text) and lines[j].words <= 60:
            meta.drop.add(j)
            j += 1
        if pos >= tail_from:
            prose_after = sum(1 for ln in lines[j:end] if ln.words >= 20 and not ln.interface)
            if prose_after < 2:
                meta.cut = pos if meta.cut is None else min(meta.cut, pos)


def _mentioned_elsewhere(lines: list[_Line], ln: _Line, people: list[str]) -> bool:
    """Whether the first name of ``people`` occurs on another line of the page."""
    needle = " " + _norm(people[0]) + " "
    return any(other.pos != ln.pos and needle in " " + other.norm + " " for other in lines)


def _is_role_line(ln: _Line) -> bool:
    """"Contributing Writer", "Senior Editor, Travel": a job title under a name."""
    tokens = ln.tokens
    return 0 < len(tokens) <= 5 and any(t in _meta_words().role_tokens for t in tokens) and not ln.terminal


def _read_dek(lines: list[_Line], title_at: int | None, meta: _Meta) -> None:
    """The first text line under the headline that is neither metadata nor interface."""
    if title_at is None:
        return
    for i in range(title_at + 1, min(len(lines), title_at + 4)):
        ln = lines[i]
        if ln.pos in meta.drop or ln.interface or ln.site:
            continue
        if 3 <= ln.words <= 60 and ln.menu <= _LONG_MENU:
            after = lines[i + 1] if i + 1 < len(lines) else None
            metadata_follows = after is not None and (after.pos in meta.drop or after.interface
                                                      or _is_header_meta(after))
            sentence = ln.sentence_end
            # A standfirst is a phrase, or a sentence or two set apart by the byline under it;
            # a longer sentence straight under the headline is the first paragraph.
            if (not sentence and ln.words <= 40) or (metadata_follows and ln.words <= _DEK_WORDS):
                meta.dek = ln.text
                meta.drop.add(ln.pos)
        return


# ------------------------------------------------------------------ promotions inside the article

# A line scoring at least this much is promotion, not body (see ``_promo_score``). Lower
# values drop more promotion and more real text with it (measured on a development set:
# 2.0 -> leak 0.083 at body F1 0.925, 1.5 -> 0.068 at 0.923, 0.8 -> 0.064 at 0.920).
_PROMO_THRESHOLD = 1.5
# A heading scoring this much is promotion even when the paragraph under it takes up its words
# (the pitch under "Keep the Ledger Free and Independent" speaks of the same thing).
_PROMO_SURE = 2.5
# A line this long is prose unless a strong cue (blurb, disclosure, share widget) says otherwise.
_PROMO_LONG = 30
# A closing blurb or bio has at most this many prose lines (>= 15 words) after it.
_TAIL_PROSE = 2
# A promotion in the last 30% of the article with at most this many prose lines after it ends
# the article.
_TAIL_CUT_PROSE = 2
# Related links, share widgets and disclosures are looked for in lines up to this long.
_WIDGET_WORDS = 80
# The first word of every sentence but the first: a closing pitch hides its imperative there.
_SENTENCE_OPENER = re.compile(r"[.!?]\s+([A-Z][a-z]+)\b")
_BLURB_HINT = re.compile(r" (?:is|are|was) |^At ")
_FOOTNOTE_BACKLINK = re.compile(r"↩\W*$")
_MONEY = re.compile(r"[$€£]\s?\d")
# A breadcrumb trail ("Home > Guides > Title") or a line opening with a bar ("| Section | Article").
_CRUMB_LINE = re.compile(r"^\S.{0,60}\s[>»›]\s.{1,60}\s[>»›]\s|^\|\s")


def _promo_score(body: list[_Line], i: int, prose_after: int) -> float:
    """How much line ``i`` of the article reads as promotion rather than body text.

    The cues add up, none decides alone (each of them also occurs in real articles: a how-to
    is written in imperatives, a review names brands): a call-to-action verb first, offer
    words, the reader addressed, the site speaking of itself, an exclamation mark, a heading
    shape (short, no closing punctuation). A heading whose words the next paragraph takes up
    introduces that paragraph and is kept. Related-article links, share widgets, disclosures
    and, near the end, a company blurb or an author bio score high on their own.
    """
    ln = body[i]
    words = ln.tokens
    if not words:
        return 0.0
    promo = _promo_words()
    text = ln.text
    score = 0.0
    # The expressions are the slow part of the filter: each runs only where it can match. The
    # words asked about below are looked up in one pass (``present`` holds only those).
    present = promo.triggers.intersection(words)
    if promo.related.search(text) or ln.words <= 6 and promo.link_box.match(text) is not None or \
            ln.words <= _WIDGET_WORDS and \
            (promo.widget_words is None or not present.isdisjoint(promo.widget_words)) and \
            promo.widget.search(text.lower()):
        score += 3.0
    if prose_after <= _TAIL_PROSE and _BLURB_HINT.search(text) and \
            (promo.blurb.search(text) or promo.bio.search(text)):
        score += 3.0
    if (text[:1] == "|" or ">" in text or "»" in text or "›" in text) and _CRUMB_LINE.search(text) \
            or "↩" in text and _FOOTNOTE_BACKLINK.search(text):
        score += 2.5  # a breadcrumb trail; a footnote's back-link
    if ("http" in text or "www." in text) and ln.words <= _WIDGET_WORDS and _is_citation(text):
        score += 3.0  # an entry of the reference list: the sources, not the article
    if words[0] == "about" and 2 <= ln.words <= 4 and not ln.terminal and \
            all(w[:1].isupper() for w in text.split()[1:]):
        score += 2.0  # "About Ann Lee": the heading of an author or company box
    elif ln.words <= _WIDGET_WORDS and ("more" in ln.norm or "reading" in ln.norm) and _is_teaser(ln):
        score += 3.0
    cta = words[0] in promo.cta
    if cta and ln.words <= 8 and not ln.terminal and text.isupper():
        score += 3.0  # "SHOP THE COLLECTION": a button, not a heading
    strong = score
    you = not present.isdisjoint(promo.second_person)
    we = not present.isdisjoint(promo.first_plural)
    if ln.words > _PROMO_LONG:
        if prose_after == 0 and (you or we):
            offer = sum(1 for w in words if w in promo.offer) + \
                ("off" in present and ("%" in text or _MONEY.search(text) is not None))
            if cta or offer >= 2 or offer and any(m.group(1).casefold() in promo.cta
                                                   for m in _SENTENCE_OPENER.finditer(text)):
                # the closing pitch: "See why readers trust our ...", "... Get $10 off your first year"
                score += 2.5
        return score - 1.0
    if ln.words >= 6 and text.isupper() and not ln.terminal:
        score += 2.0  # a menu flattened into one line of capitals
    if cta:
        score += 1.0
        if "our" in words[1:3] and words[0] != "read":
            # "Use our calculator", "Try our planner": the site pointing to its own product
            # ("Read our full review" points to another article, which reviews count as theirs).
            score += 1.0
    if promo.question.search(text):
        score += 2.0 if ln.words <= 12 else 1.0
    offers = 0 if present.isdisjoint(promo.offer) else sum(1 for w in words if w in promo.offer)
    score += 0.8 * min(offers, 2)
    if "%" in text and "off" in present:
        score += 1.0
    if offers and _MONEY.search(text):
        score += 0.5
    if "sign" in present and "up" in present:
        score += 0.8
    if you:
        score += 0.4  # with a verb first, still short of the threshold: how-tos talk to the reader
    if we:
        score += 0.3
    if "!" in text:
        score += 1.2 if you else 0.7
    heading = not ln.terminal or text.endswith("!") or (ln.words <= 8 and text.endswith("?"))
    if cta and (offers or "!" in text or _names_brand(text)):
        score += 0.7
    elif cta and you and heading:
        score += 0.5
    elif cta and heading and ln.words <= 8:
        score += 1.0
    if cta and prose_after == 0:
        score += 0.5  # a call to action closing the article
    if we and heading and ln.words <= 8:
        score += 1.2  # "How We Test", "Why Trust Us": the site's own box, not the story
    if we and ln.words <= 12 and promo.method.match(text):
        score += 2.0  # "How we reviewed this article:", however long the subject it names
    penalty = 0.08 * max(0, ln.words - 12)
    # (Only a line that would reach the threshold is checked: the check is the slow part.)
    if not strong and _PROMO_THRESHOLD <= score - penalty and score < _PROMO_SURE and _taken_up(body, i):
        score -= 1.5  # a subheading: the paragraph under it takes up its words
    return score - penalty


def _names_brand(text: str) -> bool:
    """A sentence naming a brand: one or two capitalised words after the first, not Title Case."""
    capitalised = [w for w in text.split()[1:] if len(w) > 3 and w[:1].isalpha()]
    upper = sum(1 for w in capitalised if w[:1].isupper())
    return 1 <= upper < 0.6 * len(capitalised)


# A reference: a web address with a year in brackets, an access date or a number in front.
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\w\S+")
_CITATION = re.compile(r"\((?:19|20)\d\d[a-z]?[),]|\((?:n\.d\.|Retrieved \d{4})\)"
                       r"|\b(?:Accessed|Retrieved|accessed|URL:)\s|^\[\d+\]\s")


def _is_citation(text: str) -> bool:
    """An entry of a list of sources: an address and the marks of a citation."""
    return _URL.search(text) is not None and _CITATION.search(text) is not None


def _taken_up(body: list[_Line], i: int) -> bool:
    """Whether line ``i`` is a short heading whose content words the paragraph under it takes up."""
    ln = body[i]
    if ln.terminal or ln.words > 10 or i + 1 >= len(body):
        return False
    nxt = body[i + 1]
    if nxt.words < 15:
        return False
    content = {w for w in ln.tokens if len(w) > 3} - _stopwords()
    return not content.isdisjoint(nxt.tokens)


def _is_link_box_heading(ln: _Line) -> bool:
    """"More Treaty Stories", "Other Garden Guides": the heading of a box of links to other pages."""
    return ln.words <= 6 and _promo_words().link_box.match(ln.text) is not None


# "Ten Tips for Spring Read More about Ten Tips for Spring": a teaser whose link repeats its title.
_TEASER_LINK = re.compile(r"\b(?:read more|continue reading|learn more|keep reading)(?: about| on)?\b")


def _is_teaser(ln: _Line) -> bool:
    """A link to another page: a title, a "read more" and the title again."""
    if "more" not in ln.norm and "reading" not in ln.norm:
        return False
    m = _TEASER_LINK.search(ln.norm)
    if not m:
        return False
    before, after = ln.norm[:m.start()].strip(), ln.norm[m.end():].strip()
    return bool(before) and (before == after or before.endswith(" " + after) and len(after.split()) >= 3)


def _drop_promotions(body: list[_Line], page: list[_Line]) -> list[_Line]:
    """The body without the lines ``_promo_score`` calls promotion and without the boxes that
    several lines make together: author boxes, call-to-action boxes, link cards and lists of
    other articles' headlines (never all of it). ``page`` is every line of the page."""
    n = len(body)
    prose_after = [0] * n
    count = 0
    for i in range(n - 1, -1, -1):
        prose_after[i] = count
        if body[i].words >= 15:
            count += 1
    kept = []
    skip_to = 0
    for i, ln in enumerate(body):
        if i < skip_to:
            continue
        # Every box opens with a line without closing punctuation (or a question).
        if not ln.terminal or ln.text.endswith("?"):
            box = _author_box(body, i) if i >= 0.5 * n else 0
            if box:
                skip_to = i + box
                if prose_after[i + box - 1] <= _TAIL_PROSE:
                    break  # the author box closes the article: what follows is the page's trailer
                continue
            box = _cta_box(body, i, page) or _link_card(body, i, page) or _link_list(body, i)
            if box:
                skip_to = i + box
                continue
        if _promo_score(body, i, prose_after[i]) < _PROMO_THRESHOLD:
            kept.append(ln)
        elif i >= 0.7 * n and (prose_after[i] <= _TAIL_CUT_PROSE or _is_link_box_heading(ln)):
            # A promotion near the end opens the page's closing box: what follows it is the
            # box's own text, not more of the article.
            break
    return kept if kept else body


# A call-to-action box holds a paragraph of at most this many words between heading and button.
_BOX_WORDS = 80


def _cta_box(body: list[_Line], i: int, page: list[_Line]) -> int:
    """Lines in the call-to-action box that starts at line ``i`` (0 when none does).

    The box is a heading that calls on the reader ("Earn Your Certificate", "Book your tour"),
    one short paragraph and a button ("Learn More", "Get a demo") that is not body text itself.
    A heading followed by its paragraph and by the next step of a how-to is not a box: that next
    heading stays in the body, a button does not (measured: a button kept in the body, such as
    "Start course" under each entry of a course list, is as often the article's own).
    """
    heading = body[i]
    if i + 1 >= len(body) or heading.terminal or not 2 <= heading.words <= 10:
        return 0
    promo = _promo_words()
    words = heading.tokens
    if words[0] not in promo.cta and promo.second_person.isdisjoint(words):
        return 0
    paragraph = body[i + 1]
    if paragraph.pos != heading.pos + 1 or not 8 <= paragraph.words <= _BOX_WORDS:
        return 0
    if paragraph.pos + 1 >= len(page):
        return 0
    button = page[paragraph.pos + 1]
    following = body[i + 2].pos if i + 2 < len(body) else None
    if following == button.pos or button.terminal or not 1 <= button.words <= 5:
        return 0
    return 2 if button.tokens[0] in promo.cta else 0


# A teaser under a link card has at most this many words.
_TEASER_WORDS = 60


def _link_card(body: list[_Line], i: int, page: list[_Line]) -> int:
    """Lines in the link card to another article that starts at line ``i`` (0 when none does).

    A card prints its title twice, once as the link of its picture and once as its heading, then
    perhaps a sentence or two of teaser. An article does not repeat a heading on the next line.
    """
    ln = body[i]
    if ln.terminal or not 3 <= ln.words <= 20 or not ln.text[:1].isupper():
        return 0
    twin = (ln.pos > 0 and page[ln.pos - 1].norm == ln.norm) or \
        (ln.pos + 1 < len(page) and page[ln.pos + 1].norm == ln.norm)
    if not twin:
        return 0
    if i + 1 < len(body):
        teaser = body[i + 1]
        if teaser.pos <= ln.pos + 2 and teaser.words <= _TEASER_WORDS and teaser.terminal:
            return 2
    return 1


# The title of an article: a how-to, a question, a numbered or "best of" list, a guide, a review.
_ARTICLE_TITLE = re.compile(
    r"^(?:How (?:to|To|I|We)|What|Why|Which|The (?:Best|Ultimate|Complete)|A (?:Guide|Beginner|Complete)|"
    r"\d+\+? [A-Z]|Best |Top )"
    r"|\b(?:Guide|Guides|Tips|Ways|Ideas|Recipes|Checklist|Reasons|Mistakes|Things|Review|Reviews|vs\.?)\b")
# "Venue: Prague Castle", "Signed by: two presidents": a label and its value, not a headline; a
# headline with a subtitle has a longer head ("Reading the New Treaty: A Short Guide").
_LABEL_VALUE = re.compile(r"^\W*\w+(?:\W+\w+)?: ")
_SUBTITLE = re.compile(r"^\W*\w+(?:\W+\w+){2,}: [A-Z0-9]")


def _is_article_title(ln: _Line) -> bool:
    """A line shaped like the headline of another article (Title Case, a headline's markers)."""
    text = ln.text
    if ln.terminal and not text.endswith("?") or not 4 <= ln.words <= 16:
        return False
    if _LABEL_VALUE.match(text) or not (_ARTICLE_TITLE.search(text) or _SUBTITLE.match(text)):
        return False
    capitalised = [w for w in text.split()[1:] if len(w) > 3 and w[:1].isalpha()]
    return bool(capitalised) and sum(1 for w in capitalised if w[:1].isupper()) >= 0.6 * len(capitalised)


def _link_list(body: list[_Line], i: int) -> int:
    """Lines in the list of links to other articles that starts at line ``i`` (0 when none does).

    Two or more headlines of other articles in a row, none of them followed by a paragraph that
    takes up its words: a list of links, not the subheadings of this article.
    """
    j = i
    while j < len(body) and _is_article_title(body[j]) and not _taken_up(body, j):
        j += 1
    return j - i if j - i >= 2 else 0


_PERSON_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.I)


def _has_role(ln: _Line) -> bool:
    """A job title ("Contributing Writer", "Chief Marketing Officer, Acme Labs")."""
    return not _meta_words().role_tokens.isdisjoint(ln.tokens)


# A name line with the job title glued on has at most this many words.
_NAMED_ROLE_WORDS = 12


def _author_box(body: list[_Line], i: int) -> int:
    """Lines in the author box that starts at line ``i`` (0 when none does).

    The box is a name line, perhaps a job title under it, and a short bio that starts with the
    name ("Ann Lee is a travel writer ...", "Ann joined the team in 2019 ...") and reads as one
    about a person: a role word, a pronoun, or the job title line. Topic headings have the same
    shape ("Telemetry Exchanges" over "Telemetry from missile tests ..."), hence the person cues.
    """
    ln = body[i]
    if ln.terminal or not 2 <= ln.words <= 6 and not (ln.words <= _NAMED_ROLE_WORDS and _has_role(ln)):
        return 0
    # The bio must start with the name (or "Dr"): checked before the slow name test.
    first = ln.text.split(None, 1)[0]
    if not any(body[j].text.startswith((first, "Dr")) for j in range(i + 1, min(i + 3, len(body)))):
        return 0
    if ln.words <= 6:
        people = _name_line(ln)
        if not people:
            return 0
        name = [t for t in people[0].split(",")[0].split() if t.rstrip(".") != "Dr"]
    else:
        # "Ann Lee Senior Editor & Travel Writer": the name and the job title on one line; the
        # bio under it must then start with the first name and a verb ("Ann covers ...").
        name = ln.text.split()[:2]
        if not all(_NAME_TOKEN.match(t) for t in name) or body[i + 1].text.split(None, 1)[0] != name[0]:
            return 0
    if len(name) < 2:
        return 0
    for k in (1, 2):
        if i + k >= len(body):
            return 0
        bio = body[i + k]
        if bio.words < 10:
            if k == 1 and not bio.terminal and _has_role(bio):
                continue  # the job title under the name
            return 0
        head = bio.text.split(None, 3)
        if head[0].rstrip(".") == "Dr":
            head = head[1:]
        if len(head) < 2:
            return 0
        first_name = head[0] == name[0] and head[1].casefold() != name[1].casefold() and \
            (head[1][:1].islower() or head[1][:1] == "(")
        full_name = bio.text.startswith(" ".join(name[:2])) or " ".join(head[:2]) == " ".join(name[:2])
        if not (first_name or full_name):
            return 0
        person = (k == 2 or _meta_words().bio_roles.search(bio.text, 0, 200) is not None
                  or _PERSON_PRONOUN.search(bio.text) is not None)
        return k + 1 if person else 0
    return 0


def _body_lines(stretch: list[_Line], meta: _Meta, page: list[_Line]) -> list[_Line]:
    """The lines of the article stretch that are body text (``page``: every line of the page)."""
    body = []
    seen: set[str] = set()
    meta_words = _meta_words()
    above_title = _above_title(stretch, meta.title_at)
    page_after = _phrases().page_after.match
    half = stretch[0].pos + len(stretch) // 2 if stretch else 0
    for ln in stretch:
        if meta.cut is not None and ln.pos >= meta.cut:
            break
        if ln.pos < above_title:
            continue
        if ln.interface and ln.pos >= half and page_after(ln.norm):
            break  # "Back to blog" under the article: what follows is the site's
        if ln.pos in meta.drop or ln.interface or ln.site or ln.end_marker:
            continue
        if ln.menu > _LONG_MENU and ln.cls != "good":
            continue
        if ln.words <= 12 and (meta_words.byline.match(ln.text) or meta_words.reviewer.match(ln.text)):
            continue  # a byline is metadata wherever it stands (author boxes, "By X | In Travel")
        if ln.words >= 8:
            # Pages that print the article twice (a preview and the full text, a hidden copy)
            # would otherwise count every paragraph twice.
            if ln.norm in seen:
                continue
            seen.add(ln.norm)
        body.append(ln)
    return _trim_edges(_drop_promotions(body, page))


# Lines above the headline inside the stretch are the site's header (its name, a tagline) when
# none of them is a paragraph of this many words.
_HEADER_WORDS = 25


def _above_title(stretch: list[_Line], title_at: int | None) -> int:
    """Position before which the lines of the stretch are page header, not article: the headline's
    when it stands inside the stretch under nothing that reads as a paragraph, else -1."""
    if title_at is None or not stretch or not stretch[0].pos < title_at < stretch[-1].pos:
        return -1
    for ln in stretch:
        if ln.pos >= title_at:
            break
        if ln.words >= _HEADER_WORDS:
            return -1
    return title_at


def _trim_edges(body: list[_Line]) -> list[_Line]:
    """Drop the few-word lines before the first sentence of prose and after the last one.

    What sits there is mostly a section label, a "Save this story" or a call to action; a real
    heading above the first paragraph costs only its few words.
    """
    prose = [i for i, ln in enumerate(body) if ln.words >= 10 and ln.sentence_end]
    if not prose:
        return body
    first, last = prose[0], prose[-1]
    return [ln for i, ln in enumerate(body)
            if not (i < first and ln.words <= _EDGE_WORDS_HEAD)
            and not (i > last and ln.words <= _EDGE_WORDS_TAIL and not ln.terminal)]


# ------------------------------------------------------------------ public API

def repeated_lines(texts: Iterable[str], min_pages: int = 3) -> frozenset[str]:
    """Lines that occur on at least ``min_pages`` of the given pages of one site (normalised form).

    Pass the result as ``site_lines`` to ``extract_flat``: a line every page of a site repeats is
    navigation or footer, whatever it says.
    """
    pages: Counter[str] = Counter()
    for text in texts:
        pages.update({_norm(line) for line, _ in _split_lines(text)} - {""})
    return frozenset(line for line, n in pages.items() if n >= min_pages)


@lru_cache(maxsize=8)
def _normalised_site_lines(site_lines: frozenset[str]) -> frozenset[str]:
    return frozenset(n for n in (_norm(s) for s in site_lines) if n)


def _is_chrome(ln: _Line) -> bool:
    """Evidence that the text is a page with boilerplate, not a plain article.

    A sentence of prose that happens to hold a short interface phrase ("The ministers did not
    sign up to the plan.") is no such evidence; a notice from the [long] list is.
    """
    if ln.site or ln.end_marker or ln.menu:
        return True
    if not ln.interface:
        return False
    if ln.words >= 6 and ln.sentence_end:
        phrases = _phrases()
        return _has_phrase(ln.tokens, phrases.long_keys, phrases.long_index)
    return True


def _plain_article(lines: list[_Line], crawl_date: str | None) -> Article:
    """The whole text, unchanged but for whitespace; a headline, byline and date are read from its
    first lines when it has them, without taking them out of the text."""
    _classify(lines)
    meta = _read_metadata(lines, 0, len(lines), crawl_date, plain=True)
    return Article(text=_join(lines), title=meta.title, dek=meta.dek, authors=tuple(meta.authors),
                   published=meta.published, updated=meta.updated, extractor="plain")


def _join(lines: list[_Line]) -> str:
    parts: list[str] = []
    block = None
    for ln in lines:
        if block is None:
            parts.append(ln.text)
        elif ln.block == block:
            parts.append("\n" + ln.text)
        else:
            parts.append("\n\n" + ln.text)
        block = ln.block
    return "".join(parts)


def extract_flat(text: str, *, crawl_date: str | None = None,
                 site_lines: frozenset[str] | None = None) -> Article:
    """A flattened page (or a plain article) -> Article.

    ``crawl_date`` (ISO, e.g. a WARC-Date) anchors dates printed without a year; ``site_lines`` are
    lines repeated across pages of the same site (see ``repeated_lines``), treated as boilerplate.
    """
    site = _normalised_site_lines(site_lines) if site_lines else frozenset()
    lines = _describe(_split_lines(text), site)
    if not lines:
        return Article(text="", extractor="plain")
    if not any(_is_chrome(ln) for ln in lines):
        return _plain_article(lines, crawl_date)
    _classify(lines)
    stretch = _best_stretch(lines)
    if stretch is None:
        # No line reads like prose (a glossary, a product page): settle for the longest stretch
        # of lines that are at least not interface text.
        for ln in lines:
            if ln.cls != "good" and not (ln.interface or ln.site or ln.end_marker or ln.menu) and ln.words >= 5:
                ln.cls = "good"
        stretch = _best_stretch(lines)
    if stretch is None:
        return Article(text="", extractor="flat")
    start, end = stretch
    meta = _read_metadata(lines, start, end, crawl_date)
    body = _body_lines(lines[start:end], meta, lines)
    return Article(
        text=_join(body),
        title=meta.title,
        dek=meta.dek,
        authors=tuple(meta.authors),
        publisher=meta.publisher,
        published=meta.published,
        updated=meta.updated,
        extractor="flat",
    )

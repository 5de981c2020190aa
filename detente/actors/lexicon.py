"""The actor lexicons in ``detente/actors/data/``, loaded once per process and validated.

reads: countries.tsv, metonyms.tsv, places.tsv, igos.tsv, organizations.tsv, people.tsv,
       titles.tsv, sectors.yaml, rules.yaml (and pycountry's ISO 3166-1 table)
fills: ``Lexicon`` — phrases keyed by their lower-cased token sequence, sector and title words,
       the curated people, the word lists of rules.yaml

A file with a wrong number of columns, an unknown code or sector, an empty group or a duplicate
key stops the load with a ``DetenteError`` naming the file and the line.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import DetenteError

__all__ = ["Entry", "Title", "Term", "CuratedPerson", "Lexicon", "load_lexicon", "name_key",
           "strip_accents", "first_piece", "split_title", "LEXICON_VERSION"]

DATA = Path(__file__).resolve().parent / "data"
LEXICON_VERSION = "actors-lexicon.v1"

SECTORS = frozenset({
    "GOV", "MIL", "LEG", "JUD", "OPP", "REB", "BUS", "MED", "NGO", "IGO", "EDU", "CVL",
    "SPY", "COP", "PTY", "LAB", "AGR", "REF", "REL", "ELI",
})
LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP"})

# Kinds of phrase entries. The kind decides the default sector and how context overrides it.
COUNTRY, ADJECTIVE, PEOPLE, CAPITAL, SEAT, PLACE, IGO, ORG = (
    "country", "adjective", "people", "capital", "seat", "place", "igo", "org")


@dataclass(frozen=True)
class Entry:
    """One reading of a phrase: the actor it names and how."""

    phrase: str
    """The phrase as written in the data file (its capitals are required in the text)."""
    code: str | None
    sector: str | None
    kind: str
    label: str
    name: str | None
    """Display name of the actor (country short name, body or organization name)."""
    subkind: str | None = None
    """For places: state, city or region (decides ambiguous names such as Georgia)."""
    source: str = ""
    """file:line the entry comes from (for messages)."""


@dataclass(frozen=True)
class Title:
    words: tuple[str, ...]
    sector: str | None
    patron: bool


@dataclass(frozen=True)
class Term:
    code: str
    sector: str
    office: str
    start: int
    end: int | None


@dataclass
class CuratedPerson:
    name: str
    aliases: tuple[str, ...]
    short: tuple[str, ...]
    gender: str | None
    terms: list[Term] = field(default_factory=list)


@dataclass
class Lexicon:
    phrases: dict[str, list[Entry]]
    """Lower-cased phrase -> its readings."""
    patterns: dict[str, str]
    """Lower-cased phrase -> the phrase as written (its capitals are required in the text)."""
    first_pieces: dict[str, list[str]]
    """First word piece (``first_piece``) -> lower-cased phrases starting with it, longest first."""
    sector_words: dict[str, str]
    sector_bigrams: dict[tuple[str, str], str]
    titles: dict[tuple[str, ...], Title]
    title_words: frozenset[str]
    people: list[CuratedPerson]
    people_by_key: dict[str, list[CuratedPerson]]
    people_by_short: dict[str, list[CuratedPerson]]
    rules: dict[str, frozenset[str]]
    first_names: dict[str, str]
    """Lower-cased given name -> m / f."""
    country_names: dict[str, str]
    """Display name of every actor code (countries and international bodies)."""
    codes: frozenset[str]


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_PARTICLES = re.compile(r"^(?:al|el|ad|as|ash|an|ar)[-‐]", re.I)


def name_key(name: str) -> str:
    """Comparison form of a person's name: accents, case, dots, middle names and 'al-' dropped.

    "Hillary Rodham Clinton" and "Hillary Clinton" share a key; "Bashar al-Assad" and "Bashar Assad" too.
    """
    words = [w for w in re.split(r"[\s]+", strip_accents(name).replace("’", "'").strip()) if w]
    words = [w.strip(".,").lower() for w in words]
    words = [w for w in words if w and w not in ("jr", "sr", "ii", "iii", "iv")]
    if not words:
        return ""
    last = _PARTICLES.sub("", words[-1])
    return words[0] if len(words) == 1 else f"{words[0]} {last}"


# ---------------------------------------------------------------------------------------------
# File reading


def _rows(path: Path, columns: list[str]):
    """Yield (line number, dict) for each data row of a TSV file; the header must name the columns."""
    header_seen = False
    with path.open(encoding="utf-8") as fh:
        for number, raw in enumerate(fh, start=1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if not header_seen:
                if cells != columns:
                    raise _error(path, number, f"the header must be {' / '.join(columns)}, not {' / '.join(cells)}")
                header_seen = True
                continue
            if len(cells) != len(columns):
                raise _error(path, number, f"expected {len(columns)} tab-separated columns, found {len(cells)}")
            if any(not c.strip() for c in cells):
                raise _error(path, number, "an empty cell (write '-' for none)")
            yield number, dict(zip(columns, (c.strip() for c in cells), strict=True))
    if not header_seen:
        raise _error(path, 0, "the file has no header line")


def _error(path: Path, line: int, what: str) -> DetenteError:
    where = f"{path.name}:{line}" if line else path.name
    return DetenteError("E300", f"actor lexicon {where}: {what}",
                        f"fix line {line} of {path}" if line else f"fix {path}")


def _split(cell: str) -> list[str]:
    return [] if cell == "-" else [p.strip() for p in cell.split("|") if p.strip()]


def _yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", -1) + 1
        raise _error(path, line, f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise _error(path, 0, "expected a mapping at the top level")
    return data


def _yaml_line(path: Path, key: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.match(rf"\s*{re.escape(key)}\s*:", line):
            return number
    return 0


def _word_groups(path: Path, data: dict, what: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for key, words in data.items():
        line = _yaml_line(path, str(key))
        if not isinstance(words, list) or not words:
            raise _error(path, line, f"{what} {key!r} is empty")
        seen: set[str] = set()
        for w in words:
            w = str(w).strip().lower()
            if w in seen:
                raise _error(path, line, f"{w!r} is listed twice in {what} {key!r}")
            seen.add(w)
        groups[str(key)] = [str(w).strip().lower() for w in words]
    return groups


# ---------------------------------------------------------------------------------------------


_PIECE_CUTS = ("-", "'", "\u2019", ",")


def first_piece(text: str) -> str:
    """The lower-cased start of a phrase or token up to the first space, hyphen, apostrophe or comma.

    A phrase is indexed under it and a token looks itself up by it, so "People's Republic of
    China" is found from the token "People" and "U.S." from the token "U.S.-Russia", with plain
    string operations whatever the tokenizer did.
    """
    piece = text.lower().split(" ", 1)[0]
    for cut in _PIECE_CUTS:
        at = piece.find(cut)
        if at > 0:
            piece = piece[:at]
    return piece


def split_title(text: str) -> tuple[str, ...]:
    """Lower-cased words of a title, hyphens kept as words ("secretary-general" -> secretary, -, general)."""
    return tuple(w for w in re.split(r"\s+|(-)", text.lower()) if w)


def _iso_table():
    import pycountry

    table = {}
    for c in pycountry.countries:
        names = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)]
        names = [n for n in names if n and "," not in n]
        display = getattr(c, "common_name", None) or c.name
        table[c.alpha_3] = (display, names)
    return table


@functools.lru_cache(maxsize=1)
def load_lexicon(data_dir: str | None = None) -> Lexicon:
    """Load and validate every actor data file (once per process)."""
    root = Path(data_dir) if data_dir else DATA
    iso = _iso_table()
    country_names: dict[str, str] = {code: display for code, (display, _) in iso.items()}

    entries: list[tuple[str, Entry]] = []

    def add(phrase: str, entry: Entry) -> None:
        phrase = re.sub(r"^the\s+", "", phrase.strip())
        entries.append((phrase, entry))

    # countries.tsv ---------------------------------------------------------------------------
    path = root / "countries.tsv"
    seen_codes: dict[str, int] = {}
    drop: dict[str, set[str]] = {}
    extra_codes: set[str] = set()
    rows = list(_rows(path, ["code", "names", "adjectives", "people"]))
    for number, row in rows:
        code = row["code"]
        if code in seen_codes:
            raise _error(path, number, f"code {code} is listed twice (first on line {seen_codes[code]})")
        seen_codes[code] = number
        if code not in iso:
            if not re.fullmatch(r"X[A-Z]{2}", code):
                raise _error(path, number, f"{code} is not an ISO 3166-1 alpha-3 code (user-assigned codes start with X)")
            extra_codes.add(code)
        names = _split(row["names"])
        if code not in iso and not names:
            raise _error(path, number, f"{code} is user-assigned and needs a name")
        if names and not names[0].startswith("!"):
            # The file's first name is the display name: "Russia", not ISO's "Russian Federation".
            country_names[code] = names[0]
        drop[code] = {n[1:].lower() for n in names if n.startswith("!")}
        src = f"{path.name}:{number}"
        for n in names:
            if not n.startswith("!"):
                add(n, Entry(n, code, None, COUNTRY, "GPE", country_names[code], None, src))
        for n in _split(row["adjectives"]):
            add(n, Entry(n, code, None, ADJECTIVE, "NORP", country_names[code], None, src))
        for n in _split(row["people"]):
            add(n, Entry(n, code, "CVL", PEOPLE, "NORP", country_names[code], None, src))
    for code, (_, names) in iso.items():
        for n in names:
            if n.lower() not in drop.get(code, ()):
                add(n, Entry(n, code, None, COUNTRY, "GPE", country_names[code], None, "pycountry"))

    # igos.tsv -------------------------------------------------------------------------------
    path = root / "igos.tsv"
    igo_codes: set[str] = set()
    igo_names: dict[str, int] = {}
    for number, row in _rows(path, ["code", "names", "sector", "label"]):
        code = row["code"]
        if code in iso:
            raise _error(path, number, f"code {code} is a country's code")
        sector = _sector(path, number, row["sector"])
        label = _label(path, number, row["label"])
        names = _split(row["names"])
        if not names:
            raise _error(path, number, f"{code} has no names")
        if code not in igo_codes:
            country_names[code] = names[0]
        igo_codes.add(code)
        for n in names:
            if n.lower() in igo_names:
                raise _error(path, number, f"{n!r} is listed twice (first on line {igo_names[n.lower()]})")
            igo_names[n.lower()] = number
            add(n, Entry(n, code, sector, IGO, label, names[0], None, f"{path.name}:{number}"))
    codes = frozenset(iso) | frozenset(extra_codes) | frozenset(igo_codes)

    # metonyms.tsv ---------------------------------------------------------------------------
    path = root / "metonyms.tsv"
    seen: dict[tuple[str, str], int] = {}
    for number, row in _rows(path, ["phrase", "code", "sector", "label", "kind"]):
        key = (row["phrase"], row["code"])
        if key in seen:
            raise _error(path, number, f"{row['phrase']!r} is listed twice (first on line {seen[key]})")
        seen[key] = number
        code = _code(path, number, row["code"], codes)
        if row["kind"] not in (CAPITAL, SEAT):
            raise _error(path, number, f"kind must be capital or seat, not {row['kind']!r}")
        add(row["phrase"], Entry(row["phrase"], code, _sector(path, number, row["sector"]), row["kind"],
                                 _label(path, number, row["label"]), country_names.get(code, code), None,
                                 f"{path.name}:{number}"))

    # places.tsv -----------------------------------------------------------------------------
    path = root / "places.tsv"
    seen = {}
    for number, row in _rows(path, ["phrase", "code", "label", "kind"]):
        key = (row["phrase"], row["code"])
        if key in seen:
            raise _error(path, number, f"{row['phrase']!r} is listed twice (first on line {seen[key]})")
        seen[key] = number
        code = _code(path, number, row["code"], codes)
        if row["kind"] not in ("state", "city", "region"):
            raise _error(path, number, f"kind must be state, city or region, not {row['kind']!r}")
        add(row["phrase"], Entry(row["phrase"], code, None, PLACE, _label(path, number, row["label"]),
                                 country_names.get(code, code), row["kind"], f"{path.name}:{number}"))

    # organizations.tsv ----------------------------------------------------------------------
    path = root / "organizations.tsv"
    seen_names: dict[str, int] = {}
    for number, row in _rows(path, ["names", "code", "sector", "label"]):
        org_codes = [None] if row["code"] == "-" else [_code(path, number, c, codes) for c in _split(row["code"])]
        if len(set(org_codes)) != len(org_codes):
            raise _error(path, number, "a code is listed twice")
        sector = _sector(path, number, row["sector"])
        names = _split(row["names"])
        if not names:
            raise _error(path, number, "no names")
        for n in names:
            if n.lower() in seen_names:
                raise _error(path, number, f"{n!r} is listed twice (first on line {seen_names[n.lower()]})")
            seen_names[n.lower()] = number
            for code in org_codes:
                add(n, Entry(n, code, sector, ORG, _label(path, number, row["label"]), n, None,
                             f"{path.name}:{number}"))

    # Index the phrases by their lower-cased text and by their first word piece -----------------
    phrases: dict[str, list[Entry]] = {}
    patterns: dict[str, str] = {}
    for phrase, entry in entries:
        key = phrase.lower()
        readings = phrases.setdefault(key, [])
        if any(r.code == entry.code and r.kind == entry.kind for r in readings):
            continue  # the same reading from pycountry and from our file
        readings.append(entry)
        # Keep the strictest case pattern: a capital in any spelling is required in the text.
        old = patterns.get(key)
        patterns[key] = phrase if old is None or sum(map(str.isupper, phrase)) > sum(map(str.isupper, old)) else old
    first_pieces: dict[str, list[str]] = {}
    for key in phrases:
        first_pieces.setdefault(first_piece(key), []).append(key)
    for keys in first_pieces.values():
        keys.sort(key=len, reverse=True)

    # sectors.yaml ---------------------------------------------------------------------------
    path = root / "sectors.yaml"
    data = _yaml(path)
    if "sectors" not in data or not isinstance(data["sectors"], dict):
        raise _error(path, 0, "expected a 'sectors' mapping")
    groups = _word_groups(path, data["sectors"], "sector")
    sector_words: dict[str, str] = {}
    sector_bigrams: dict[tuple[str, str], str] = {}
    for sector, words in groups.items():
        line = _yaml_line(path, sector)
        if sector not in SECTORS:
            raise _error(path, line, f"unknown sector {sector!r} (known: {', '.join(sorted(SECTORS))})")
        for w in words:
            parts = tuple(w.split())
            target = sector_words if len(parts) == 1 else sector_bigrams
            k = parts[0] if len(parts) == 1 else tuple(parts[-2:])
            if k in target and target[k] != sector:
                raise _error(path, line, f"{w!r} is in both {target[k]} and {sector}")
            target[k] = sector

    # rules.yaml -----------------------------------------------------------------------------
    path = root / "rules.yaml"
    rules = {k: frozenset(v) for k, v in _word_groups(path, _yaml(path), "list").items()}
    rules["administration_countries"] = frozenset(c.upper() for c in rules.get("administration_countries", ()))
    for needed in ("topic_nouns", "stance_prefixes", "sponsor_suffixes", "location_suffixes",
                   "administration_nouns", "administration_countries", "government_nouns", "generic_heads",
                   "locative_prepositions", "title_modifiers", "honorifics", "honorifics_male",
                   "honorifics_female", "role_verbs"):
        if needed not in rules:
            raise _error(path, 0, f"the list {needed!r} is missing")

    # titles.tsv -----------------------------------------------------------------------------
    path = root / "titles.tsv"
    titles: dict[tuple[str, ...], Title] = {}
    for number, row in _rows(path, ["title", "sector", "patron"]):
        words = split_title(row["title"])
        if words in titles:
            raise _error(path, number, f"title {row['title']!r} is listed twice")
        if row["patron"] not in ("yes", "no"):
            raise _error(path, number, "patron must be yes or no")
        sector = None if row["sector"] == "-" else _sector(path, number, row["sector"])
        titles[words] = Title(words, sector, row["patron"] == "yes")
    title_words = frozenset(w for words in titles for w in words if w not in ("of", "the", "-"))

    # people.tsv -----------------------------------------------------------------------------
    path = root / "people.tsv"
    people: dict[str, CuratedPerson] = {}
    for number, row in _rows(path, ["name", "aliases", "short", "gender", "code", "sector", "office", "from", "to"]):
        code = _code(path, number, row["code"], codes)
        sector = _sector(path, number, row["sector"])
        if row["gender"] not in ("m", "f", "-"):
            raise _error(path, number, "gender must be m, f or -")
        try:
            start = int(row["from"])
            end = None if row["to"] == "-" else int(row["to"])
        except ValueError:
            raise _error(path, number, "from and to must be years ('-' for 'to' when still in office)") from None
        if end is not None and end < start:
            raise _error(path, number, f"the term ends ({end}) before it starts ({start})")
        person = people.get(row["name"])
        if person is None:
            person = people[row["name"]] = CuratedPerson(
                row["name"], tuple(_split(row["aliases"])), tuple(_split(row["short"])),
                None if row["gender"] == "-" else row["gender"])
        elif person.aliases != tuple(_split(row["aliases"])) or person.short != tuple(_split(row["short"])):
            raise _error(path, number, f"{row['name']}: aliases and short forms differ from the person's first row")
        term = Term(code, sector, row["office"], start, end)
        if term in person.terms:
            raise _error(path, number, f"{row['name']}: the same term is listed twice")
        person.terms.append(term)
    people_by_key: dict[str, list[CuratedPerson]] = {}
    people_by_short: dict[str, list[CuratedPerson]] = {}
    for person in people.values():
        for n in (person.name, *person.aliases):
            lst = people_by_key.setdefault(name_key(n), [])
            if person not in lst:
                lst.append(person)
        for s in person.short:
            lst = people_by_short.setdefault(strip_accents(s).lower(), [])
            if person not in lst:
                lst.append(person)

    # first_names.tsv --------------------------------------------------------------------------
    path = root / "first_names.tsv"
    first_names: dict[str, str] = {}
    for number, row in _rows(path, ["name", "gender"]):
        key = strip_accents(row["name"]).lower()
        if key in first_names:
            raise _error(path, number, f"{row['name']!r} is listed twice")
        if row["gender"] not in ("m", "f"):
            raise _error(path, number, "gender must be m or f")
        first_names[key] = row["gender"]

    return Lexicon(
        first_names=first_names,
        phrases=phrases, patterns=patterns, first_pieces=first_pieces, sector_words=sector_words, sector_bigrams=sector_bigrams,
        titles=titles, title_words=title_words, people=list(people.values()), people_by_key=people_by_key,
        people_by_short=people_by_short, rules=rules, country_names=country_names, codes=codes)


def _sector(path: Path, line: int, value: str) -> str:
    if value not in SECTORS:
        raise _error(path, line, f"unknown sector {value!r} (known: {', '.join(sorted(SECTORS))})")
    return value


def _label(path: Path, line: int, value: str) -> str:
    if value not in LABELS:
        raise _error(path, line, f"unknown label {value!r} (known: {', '.join(sorted(LABELS))})")
    return value


def _code(path: Path, line: int, value: str, codes: frozenset[str]) -> str:
    if value not in codes:
        raise _error(path, line, f"unknown actor code {value!r}: not an ISO 3166-1 alpha-3 code, "
                                 "a user-assigned X.. code of countries.tsv or a body of igos.tsv")
    return value

"""Load and validate the quote stage's word lists (``detente/quotes/data/*.tsv``), once per process.

cue_verbs.tsv (reporting verbs and what their content is), according.tsv (source phrases),
pronouns.tsv (pronoun features for speaker resolution), speaker_nouns.tsv (nouns that can hold a
view).

Every file is a TSV with ``#`` comment lines and one header line. A duplicate key, an unknown
class, a bad number or an empty file stops the load with a DetenteError naming file and line.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..errors import DetenteError

DATA = Path(__file__).resolve().parent / "data"

CUE_CLASSES = ("speech", "belief", "intent", "stance")


@dataclass(frozen=True)
class Cue:
    """A reporting verb (or verb + particle) and what kind of content it introduces."""

    lemma: str
    cls: str
    """``speech`` | ``belief`` | ``intent`` | ``stance`` (see cue_verbs.tsv)."""
    confidence: float
    takes_object: bool = False
    """The direct object is the content ("denied the report"), not the listener."""
    takes_prep: bool = False
    """A prepositional phrase is the content ("complained about the delays")."""


@dataclass(frozen=True)
class Pronoun:
    number: str
    gender: str
    person: int


@dataclass(frozen=True)
class Lexicon:
    cues: dict[str, Cue]
    """lemma (``say``) or lemma + particle (``point out``) -> Cue."""
    according: dict[tuple[str, ...], float]
    """lower-cased word sequence of a source phrase (``according to``) -> confidence."""
    pronouns: dict[str, Pronoun]
    speaker_nouns: dict[str, str]
    """lemma -> person | group | document: nouns that can hold a view or take a stance."""


def _rows(path: Path, ncols: int):
    """Yield (line number, columns) of the data rows of a TSV file, after its header line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DetenteError("E300", f"cannot read the quote lexicon {path}: {exc}",
                           "reinstall the package; the data files ship inside detente/quotes/data/")
    header_seen = False
    count = 0
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if not header_seen:
            header_seen = True
            continue
        if len(cols) != ncols or not all(cols):
            raise DetenteError("E301", f"{path.name} line {number}: expected {ncols} tab-separated columns, "
                               f"got {line!r}", "fix the line: columns are separated by one tab")
        count += 1
        yield number, cols
    if count == 0:
        raise DetenteError("E302", f"{path.name} has no entries", "add at least one row under the header line")


def _number(path: Path, line: int, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise DetenteError("E303", f"{path.name} line {line}: confidence {text!r} is not a number in [0, 1]",
                           "write it as a decimal such as 0.8")
    return value


def _unique(path: Path, line: int, key, seen: dict) -> None:
    if key in seen:
        raise DetenteError("E304", f"{path.name} line {line}: duplicate entry {key!r} (first on line {seen[key]})",
                           "keep one line per entry")
    seen[key] = line


def load_lexicon(data_dir: Path = DATA) -> Lexicon:
    """Read the three lists from ``data_dir`` (the packaged folder by default) and validate them."""
    cues: dict[str, Cue] = {}
    seen: dict = {}
    path = data_dir / "cue_verbs.tsv"
    for line, (lemma, cls, conf, obj) in _rows(path, 4):
        lemma = " ".join(lemma.lower().split())
        _unique(path, line, lemma, seen)
        if cls not in CUE_CLASSES:
            raise DetenteError("E305", f"{path.name} line {line}: unknown class {cls!r}",
                               "use one of: " + ", ".join(CUE_CLASSES))
        if obj not in ("yes", "prep", "no"):
            raise DetenteError("E307", f"{path.name} line {line}: object column is {obj!r}",
                               "write yes, prep or no")
        cues[lemma] = Cue(lemma, cls, _number(path, line, conf), obj == "yes", obj in ("yes", "prep"))

    according: dict[tuple[str, ...], float] = {}
    seen = {}
    path = data_dir / "according.tsv"
    for line, (phrase, conf) in _rows(path, 2):
        key = tuple(phrase.lower().split())
        _unique(path, line, key, seen)
        according[key] = _number(path, line, conf)

    pronouns: dict[str, Pronoun] = {}
    seen = {}
    path = data_dir / "pronouns.tsv"
    for line, (word, number, gender, person) in _rows(path, 4):
        word = word.lower()
        _unique(path, line, word, seen)
        if number not in ("sg", "pl") or gender not in ("m", "f", "n", "any") or person not in ("1", "2", "3"):
            raise DetenteError("E306", f"{path.name} line {line}: bad features for pronoun {word!r}",
                               "number is sg|pl, gender m|f|n|any, person 1|2|3")
        pronouns[word] = Pronoun(number, gender, int(person))

    nouns: dict[str, str] = {}
    seen = {}
    path = data_dir / "speaker_nouns.tsv"
    for line, (lemma, kind) in _rows(path, 2):
        lemma = lemma.lower()
        _unique(path, line, lemma, seen)
        if kind not in ("person", "group", "document"):
            raise DetenteError("E308", f"{path.name} line {line}: unknown kind {kind!r} for {lemma!r}",
                               "use person, group or document")
        nouns[lemma] = kind
    return Lexicon(cues, according, pronouns, nouns)


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged lexicon, loaded once per process."""
    return load_lexicon()

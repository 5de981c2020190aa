"""Reported figures: money, percentages, percentage points and counts, with what they measure,
when, and on whose authority.

reads: the spaCy Doc of Article.text (tokens, entities, dependencies), the Article (its year dates
       "a July poll"), the word lists of ``figures.yaml``, the actor lexicon (country adjectives)
fills: ``Figure`` records — text and offsets of the figure, value, unit (ISO 4217 currency code,
       ``percent``, ``percentage points`` or the counted noun), quantity (the noun phrase measured),
       date (``YYYY`` or ``YYYY-MM``), source ("according to ...", "in a Gallup poll", "X estimated")

Years, dates, times, ordinals, ages and list or label numbers ("Resolution 1441", "No. 5") are not
figures. A count needs the noun it counts ("10,000 troops"); a bare number is no figure. A month
without a year takes the article's year when the article has one, else the date stays None.
"""
from __future__ import annotations

import functools
import logging
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from .errors import DetenteError
from .records import Article, Figure

__all__ = ["extract_figures", "load_units", "FIGURES_VERSION"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

FIGURES_VERSION = "figures.v1"
_DATA = Path(__file__).resolve().parent / "figures.yaml"
# Entity labels whose numbers are never figures.
_NOT_FIGURES = frozenset({"DATE", "TIME", "ORDINAL", "LAW", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC",
                          "ORG", "GPE", "PERSON", "NORP", "LOC"})
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_SUFFIXED = re.compile(r"^(\d[\d,]*(?:\.\d+)?)([a-z]{1,3})$", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


# ---------------------------------------------------------------------------------------------
# Word lists


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key listed twice (PyYAML keeps the last one silently)."""


def _construct_mapping(loader, node, deep=False):
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise DetenteError("E310", f"{loader.file.name}:{key_node.start_mark.line + 1}: the key {key!r} is "
                                       f"listed twice (first on line {seen[key]})",
                               f"remove one of the two lines from {loader.file}")
        seen[key] = key_node.start_mark.line + 1
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@functools.lru_cache(maxsize=2)
def load_units(path: str | None = None) -> dict:
    """The word lists of ``figures.yaml``, validated, with lower-cased keys."""
    file = Path(path) if path else _DATA
    loader = _UniqueKeyLoader(file.read_text(encoding="utf-8"))
    loader.file = file
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        raise DetenteError("E311", f"{file.name} is not valid YAML: {exc}", f"fix {file}") from exc
    finally:
        loader.dispose()
    needed = ("currency_signs", "currency_words", "ambiguous_currency_words", "scales", "scale_suffixes",
              "number_words", "percent_words", "point_words", "source_nouns", "reporting_verbs",
              "measure_verbs", "age_words", "duration_units", "economic_nouns", "fractions", "range_words",
              "duration_modifiers", "duration_anchors")
    out: dict = {}
    for key in needed:
        value = data.get(key) if isinstance(data, dict) else None
        if not value:
            raise DetenteError("E312", f"{file.name}: the group {key!r} is missing or empty",
                               f"add the group {key!r} with at least one entry to {file}")
        if isinstance(value, dict):
            out[key] = {str(k) if key == "currency_signs" else str(k).lower(): v for k, v in value.items()}
        else:
            lowered = [str(v).lower() for v in value]
            if len(set(lowered)) != len(lowered):
                dup = next(v for v in lowered if lowered.count(v) > 1)
                raise DetenteError("E310", f"{file.name}: {dup!r} is listed twice in {key!r}",
                                   f"remove one of them from {file}")
            out[key] = frozenset(lowered)
    for key in ("scales", "scale_suffixes", "number_words", "fractions"):
        out[key] = {k: Decimal(str(v)) for k, v in out[key].items()}
    out["point_phrases"] = sorted((tuple(p.split()) for p in out["point_words"]), key=len, reverse=True)
    out["percent_phrases"] = sorted((tuple(p.split()) for p in out["percent_words"]), key=len, reverse=True)
    out["currency_phrases"] = sorted(
        [(tuple(k.split()), v, False) for k, v in out["currency_words"].items()]
        + [((k,), v, True) for k, v in out["ambiguous_currency_words"].items()],
        key=lambda x: len(x[0]), reverse=True)
    return out


# ---------------------------------------------------------------------------------------------
# Extraction


def extract_figures(doc, article: Article | None = None) -> list[Figure]:
    """Every reported figure of a parsed article, in text order."""
    return _Extractor(doc, article).run()


class _Extractor:
    def __init__(self, doc, article: Article | None):
        self.doc = doc
        from .actors.index import doc_text

        self.text = doc_text(doc, article)
        self.units = load_units()
        self.year = _article_year(article)
        self.ent_label = [""] * len(doc)
        self.ent_index = [-1] * len(doc)
        self.ents = list(doc.ents)
        # One pass over the tokens; the scan below reads these lists, not new Token objects.
        rows = [(t.text, t.lower_, t.like_num) for t in doc]
        self.tok_text = [r[0] for r in rows]
        self.tok_lower = [r[1] for r in rows]
        self.tok_like_num = [r[2] for r in rows]
        for k, ent in enumerate(self.ents):
            for i in range(ent.start, ent.end):
                self.ent_label[i] = ent.label_
                self.ent_index[i] = k

    def run(self) -> list[Figure]:
        doc = self.doc
        found = self._durations()
        i = 0
        n = len(doc)
        while i < n:
            if not self._starts_number(i):
                i += 1
                continue
            fig = self._read(i)
            if fig is None:
                i += 1
                continue
            found.append(fig)
            i = fig["end_tok"]
        found.sort(key=lambda f: f["start_tok"])
        figures: list[Figure] = []
        by_sentence: dict[int, list[dict]] = {}
        for fig in found:
            by_sentence.setdefault(doc[fig["root"]].sent.start, []).append(fig)
        for sent_start, figs in sorted(by_sentence.items()):
            sent = doc[sent_start].sent
            source = self._source(sent, figs)
            for k, fig in enumerate(figs):
                quantity = self._quantity(fig, figs[:k])
                fig["quantity"] = quantity
                date = self._date(sent, fig)
                start = doc[fig["start_tok"]].idx
                last = doc[fig["end_tok"] - 1]
                end = last.idx + len(last)
                figures.append(Figure(text=self.text[start:end], start=start, end=end, value=fig["value"],
                                      unit=fig["unit"], quantity=quantity, date=date, source=source))
        return figures

    # Reading one figure --------------------------------------------------------------------

    def _starts_number(self, i: int) -> bool:
        text, low = self.tok_text[i], self.tok_lower[i]
        if not (self.tok_like_num[i] or text in self.units["currency_signs"] or low in self.units["number_words"]
                or low == "a" or text[:1].isdigit()):
            return False
        if self.ent_label[i] in _NOT_FIGURES:
            return False
        if low == "a":
            nxt = self.tok_lower[i + 1] if i + 1 < len(self.tok_lower) else ""
            return nxt in self.units["scales"] or self._fraction_at(i + 1) is not None
        return self.tok_like_num[i] or text in self.units["currency_signs"] or low in self.units["number_words"] \
            or bool(_SUFFIXED.match(text))

    def _read(self, i: int) -> dict | None:
        doc, units = self.doc, self.units
        n = len(doc)
        start = i
        currency = None
        if doc[i].text in units["currency_signs"]:
            currency = units["currency_signs"][doc[i].text]
            i += 1
            if i >= n:
                return None
        # The number: digits or number words with their scale words ("a third of": a = 1).
        if doc[i].lower_ == "a" and self._fraction_at(i + 1) is not None:
            value, j, suffix_scale = 1.0, i + 1, False
        else:
            value, j, suffix_scale = self._number(i)
        if value is None:
            return None
        fraction = self._fraction_at(j) if currency is None else None
        if fraction is not None:
            denominator, width = fraction
            if self._is_age(start):
                return None
            end = j + width
            return {"start_tok": start, "end_tok": end, "value": round(100 * value / denominator, 1),
                    "unit": "percent", "kind": "percent", "root": self._root(start, end)}
        if any(self.ent_label[k] in _NOT_FIGURES for k in range(i, j)):
            return None
        end = j
        unit = None
        kind = None
        if currency is not None:
            kind, unit = "money", currency
            # "$2bn", "£3 m": a scale written apart after money.
            if end < n and doc[end].lower_ in units["scale_suffixes"] and not suffix_scale:
                value = float(Decimal(str(value)) * units["scale_suffixes"][doc[end].lower_])
                end += 1
            if end < n and doc[end].lower_ in ("dollars", "dollar"):
                end += 1
        else:
            if suffix_scale and not self._is_money_ent(i):
                return None  # "3m" alone: metres or millions, we cannot tell
            cur = self._phrase_after(end, units["currency_phrases"])
            if cur is not None:
                words, code, ambiguous = cur
                if not ambiguous or self._is_money_ent(i):
                    kind, unit = "money", code
                    end += len(words)
            if kind is None:
                pts = self._words_after(end, units["point_phrases"])
                if pts:
                    kind, unit = "points", "percentage points"
                    end += pts
            if kind is None:
                pct = self._words_after(end, units["percent_phrases"])
                if pct:
                    kind, unit = "percent", "percent"
                    end += pct
        if kind is None:
            # One end of a range takes the unit of the other: "1,700 to 2,200 warheads", "20 to 25 percent".
            if j + 1 < n and doc[j].lower_ in units["range_words"] and self._starts_number(j + 1):
                other = self._read(j + 1)
                if other is not None and other["kind"] != "money":
                    # num_end covers both numbers, so the quantity is "missiles", not "and 1,100 missiles".
                    return {"start_tok": start, "end_tok": j, "value": value, "unit": other["unit"],
                            "kind": other["kind"], "root": other["root"],
                            "num_end": other.get("num_end", other["end_tok"])}
            return self._count(start, j, value)
        if self._is_age(start):
            return None
        root = self._root(start, end)
        return {"start_tok": start, "end_tok": end, "value": value, "unit": unit, "kind": kind, "root": root}

    def _number(self, i: int):
        """(value, end token, whether a suffix carried the scale) of the number starting at token i."""
        doc, units = self.doc, self.units
        n = len(doc)
        tok = doc[i]
        m = _SUFFIXED.match(tok.text) if tok.text[:1].isdigit() else None
        if m and m.group(2).lower() in units["scale_suffixes"]:
            return float(_digits(m.group(1)) * units["scale_suffixes"][m.group(2).lower()]), i + 1, True
        words = units["number_words"]
        scales = units["scales"]
        total = Decimal(0)
        current = None
        j = i
        while j < n:
            t = doc[j]
            low = t.lower_
            if current is None and (t.like_num and low not in words and low not in scales):
                v = _digits(t.text)
                if v is None:
                    break
                current = v
            elif low in words and (current is None or current < 100 and words[low] < 10 or current % 100 == 0):
                current = (current or 0) + words[low]
            elif low == "a" and current is None and j + 1 < n and doc[j + 1].lower_ in scales:
                current = 1
            elif low in scales and current is not None:
                current *= scales[low]
                if scales[low] >= 1000:
                    total += current
                    current = 0
            elif low == "-" and current is not None and j + 1 < n and doc[j + 1].lower_ in words:
                pass  # "twenty-five"
            elif low == "and" and current is not None and current % 100 == 0 and j + 1 < n \
                    and doc[j + 1].lower_ in words:
                pass  # "one hundred and fifty"
            else:
                break
            j += 1
        if j == i or (current is None and total == 0):
            return None, i, False
        return float(total + (current or 0)), j, False

    def _phrase_after(self, j: int, phrases):
        doc = self.doc
        for words, code, ambiguous in phrases:
            if j + len(words) <= len(doc) and all(doc[j + k].lower_ == w for k, w in enumerate(words)):
                return words, code, ambiguous
        return None

    def _words_after(self, j: int, phrases) -> int:
        doc = self.doc
        for words in phrases:
            if j + len(words) <= len(doc) and all(doc[j + k].lower_ == w for k, w in enumerate(words)):
                return len(words)
        return 0

    def _is_money_ent(self, i: int) -> bool:
        return self.ent_label[i] == "MONEY"

    def _is_age(self, start: int) -> bool:
        return start > 0 and self.doc[start - 1].lower_ in self.units["age_words"]

    def _count(self, start: int, end: int, value: float) -> dict | None:
        """A number counting the noun it modifies: "10,000 troops", "three flights"."""
        doc, units = self.doc, self.units
        if self._is_age(start):
            return None
        last = doc[self._root(start, end)]  # the number's own head word ("hundred" of "one hundred and fifty")
        text = doc[start:end].text.replace(",", "")
        if re.fullmatch(r"1[89]\d\d|20\d\d", text):
            return None  # a year the parser did not mark as a date
        head = last.head
        if last.dep_ not in ("nummod", "compound", "quantmod") or head.i < end or head.pos_ not in ("NOUN", "PROPN"):
            # "about 10,000 troops": the number's own head may be a modifier of the noun.
            if last.dep_ in ("nummod", "compound", "quantmod") and head.i < end and head.head.pos_ == "NOUN" \
                    and head.head.i >= end:
                head = head.head
            else:
                head = self._noun_ahead(end)  # "800 deployed and non-deployed launchers", parsed apart
                if head is None:
                    return None
        if head.pos_ == "PROPN" or any(self.ent_label[k] in ("DATE", "TIME", "PERSON", "GPE", "ORG")
                                       for k in range(end, head.i + 1)):
            return None
        if head.lower_ in units["duration_units"] or head.i - end > 6:
            return None
        if start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].pos_ == "PROPN":
            return None  # part of a name: "the Group of 20 summit"
        if end - start == 1 and doc[start].lower_ in ("one", "a"):
            return None  # "one case where ...", "one inch": the word "one" is rarely a reported count
        if start > 0 and doc[start - 1].lower_ in ("the", "these", "those", "both", "all"):
            return None  # "the two sides met": a reference to known things, not a reported count
        return {"start_tok": start, "end_tok": head.i + 1, "num_end": end, "value": value, "unit": head.lower_,
                "kind": "count", "root": head.i}

    def _noun_ahead(self, end: int):
        """The noun a number counts when the parse does not link them: the first noun within five
        words, past adjectives, participles, adverbs, "and"/"or" and hyphens."""
        doc = self.doc
        for k in range(end, min(end + 6, len(doc))):
            t = doc[k]
            if t.pos_ == "NOUN":
                return t
            if t.pos_ in ("ADJ", "ADV") or t.tag_ in ("VBN", "VBG") or t.lower_ in ("and", "or", "-"):
                continue
            return None
        return None

    def _fraction_at(self, j: int):
        """(denominator, width) of a fraction word at token j ("-thirds", "third of"), else None."""
        lows = self.tok_lower
        n = len(lows)
        k = j + 1 if j < n and lows[j] == "-" else j
        if k >= n or lows[k] not in self.units["fractions"]:
            return None
        word = lows[k]
        plural = word.endswith("s") and word != "halves" or word == "halves"
        if not plural and not (k + 1 < n and lows[k + 1] == "of"):
            return None  # "a third round", "the first half"
        return int(self.units["fractions"][word]), k - j + 1

    def _durations(self) -> list[dict]:
        """Durations the parse marks as dates that are figures: "sentenced to 15 years", "for 17 years";
        not time references ("nine months after", "a year ago") or ages."""
        doc, units = self.doc, self.units
        out = []
        for ent in self.ents:
            if ent.label_ != "DATE":
                continue
            toks = list(range(ent.start, ent.end))
            while toks and doc[toks[0]].lower_ in units["duration_modifiers"]:
                toks.pop(0)
            if len(toks) < 2:
                continue
            unit = doc[toks[-1]]
            if unit.lower_ not in units["duration_units"] or unit.lower_ in ("time", "times"):
                continue
            value, j, _ = self._number(toks[0])
            if value is None or j != toks[-1] or doc[toks[0]].lower_ == "a":
                continue
            after = doc[ent.end].lower_ if ent.end < len(doc) else ""
            if after in units["duration_anchors"] or self._is_age(toks[0]) or "-" in ent.text:
                continue
            out.append({"start_tok": toks[0], "end_tok": ent.end, "value": value, "unit": unit.lower_,
                        "kind": "count", "root": unit.i, "num_end": j})
        return out

    def _root(self, start: int, end: int) -> int:
        doc = self.doc
        for k in range(start, end):
            h = doc[k].head.i
            if h < start or h >= end or h == k:
                return k
        return end - 1

    # What, when and who ----------------------------------------------------------------------

    def _quantity(self, fig: dict, earlier: list[dict]) -> str | None:
        doc, units = self.doc, self.units
        root = doc[fig["root"]]
        kind = fig["kind"]
        if kind == "count" or "num_end" in fig:
            return _np_text(doc, root, exclude=range(fig["start_tok"], fig["num_end"]), limit=10)
        # "up from $1.9 billion", "down from 30 percent": the measure of the figure before it.
        head = root.head
        if root.dep_ == "pobj" and head.lower_ in ("from", "to") and earlier:
            before = doc[head.i - 1] if head.i > 0 else None
            if head.head.lower_ in ("up", "down") or (before is not None and before.lower_ in ("up", "down")):
                return earlier[-1]["quantity"]
        if root.dep_ in ("npadvmod", "advmod") and root.head.lower_ in ("up", "down") and earlier:
            prev = earlier[-1]["quantity"]
            return f"change in {prev}" if kind == "points" and prev else prev
        if kind == "points" and earlier and earlier[-1].get("quantity"):
            return f"change in {earlier[-1]['quantity']}"
        # "23 percent of Russians believe ...": the people counted and what they do.
        if kind in ("percent", "points"):
            of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if pobj is not None:
                whole = _np_text(doc, pobj, limit=12)
                verb = root.head if root.dep_ in ("nsubj", "nsubjpass") else None
                if verb is None:
                    # "20 percent of Russians approved of ...": the verb parsed as a clause of the noun.
                    verb = next((c for c in pobj.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"), None)
                if verb is not None and verb.pos_ in ("VERB", "AUX"):
                    clause = _clause_text(doc, verb, skip=root if verb.i == root.head.i else None)
                    if clause:
                        pronoun = "who" if pobj.tag_ in ("NNPS",) or pobj.lower_.endswith(("ans", "ns", "ers", "ple", "ents", "ists")) else "that"
                        return f"{whole} {pronoun} {clause}"
                return whole
        # "Exports to Iran amounted to $3.3 billion": the subject of a measuring verb.
        verb = None
        if root.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.head.pos_ in ("VERB", "AUX"):
            verb = head.head
        elif root.dep_ in ("dobj", "attr", "npadvmod", "acomp", "oprd") and head.pos_ in ("VERB", "AUX"):
            verb = head
        if verb is not None and verb.lemma_.lower() in units["measure_verbs"]:
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.pos_ not in ("PRON",):
                text = _np_text(doc, subject, limit=12)
                return self._with_country(subject, text, verb)
        # "a $3.3 billion deal", "a budget of $5 billion".
        if root.dep_ in ("compound", "nmod", "amod", "nummod") and head.pos_ == "NOUN":
            return _np_text(doc, head, exclude=range(fig["start_tok"], fig["end_tok"]), limit=10)
        if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
            noun = head.head
            return _np_text(doc, noun, exclude=range(head.i, fig["end_tok"]), limit=10)
        return None

    def _with_country(self, subject, text: str, verb) -> str:
        """"Exports to Iran" -> "Russian exports to Iran" when the sentence's reporting subject is
        a country ("Russia said exports to Iran ...")."""
        if subject.lower_ not in self.units["economic_nouns"]:
            return text
        reporter = verb.head if verb.dep_ in ("ccomp", "xcomp") else None
        if reporter is None:
            return text
        rsubj = next((c for c in reporter.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if rsubj is None:
            return text
        adjective = _country_adjective(rsubj.text)
        if adjective and adjective.lower() not in text.lower():
            return f"{adjective} {text[0].lower() + text[1:]}"
        return text

    def _date(self, sent, fig: dict) -> str | None:
        """Year or year-month of the figure: the nearest date of its sentence that is not a
        baseline ("from 2008", "since 2005") or a duration ("nine months")."""
        doc = self.doc
        best = None
        best_distance = None
        for ent in self.ents:
            if ent.label_ != "DATE" or ent.start < sent.start or ent.end > sent.end:
                continue
            first = doc[ent.start]
            if first.head.lower_ in ("from", "since") or (ent.start > 0 and doc[ent.start - 1].lower_ in ("from", "since")):
                continue
            value = self._date_value(ent)
            if value is None:
                continue
            if ent.start >= fig["end_tok"]:
                distance = ent.start - fig["end_tok"]
            else:
                distance = fig["start_tok"] - ent.end + 0.5  # before the figure: a little farther
            # A date past another figure belongs to that figure.
            if best_distance is None or distance < best_distance:
                best, best_distance = value, distance
        return best

    def _date_value(self, ent) -> str | None:
        text = ent.text.lower()
        if re.search(r"\d0s\b", text):
            return None  # "the 1990s"
        years = _YEAR.findall(text)
        month = next((_MONTHS[w] for w in re.findall(r"[a-z]+", text) if w in _MONTHS), None)
        if years:
            year = int(years[0])
            return f"{year}-{month:02d}" if month else f"{year}"
        if month is not None:
            return f"{self.year}-{month:02d}" if self.year else None
        if self.year is not None:
            if "last year" in text:
                return str(self.year - 1)
            if "this year" in text:
                return str(self.year)
            if "next year" in text:
                return str(self.year + 1)
        return None

    def _source(self, sent, figs: list[dict]) -> str | None:
        """Who reported the figures of a sentence: "according to X", "in a poll by X", "X estimated"."""
        doc, units = self.doc, self.units
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
                to = doc[tok.i + 1]
                pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return self._source_of(pobj)
        for tok in sent:
            if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "by", "from") and tok.lemma_.lower() in units["source_nouns"]:
                source = self._source_of(tok)
                if source:
                    return source
        for fig in figs:
            node = doc[fig["root"]]
            for _ in range(6):
                if node.head.i == node.i:
                    break
                node = node.head
                if node.pos_ == "VERB" and node.lemma_.lower() in units["reporting_verbs"]:
                    subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    if subject is not None and subject.pos_ != "PRON" and subject.i not in range(fig["start_tok"], fig["end_tok"]):
                        return _np_text(doc, subject, limit=10)
        return None

    def _source_of(self, noun) -> str | None:
        doc, units = self.doc, self.units
        if noun.lemma_.lower() in units["source_nouns"]:
            for prep in noun.children:
                if prep.dep_ in ("prep", "agent") and prep.lower_ in ("from", "by", "of", "at"):
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None and (pobj.pos_ == "PROPN" or self.ent_label[pobj.i] == "ORG"):
                        return _np_text(doc, pobj, limit=14)
            # "a July Gallup poll": the organization named before the noun.
            for k in range(noun.left_edge.i, noun.i):
                if self.ent_label[k] == "ORG":
                    ent = self.ents[self.ent_index[k]]
                    return _strip_the(ent.text)
            return None
        return _np_text(doc, noun, limit=14)


# ---------------------------------------------------------------------------------------------
# Helpers


def _digits(text: str) -> Decimal | None:
    # Decimal keeps "4.1 billion" exact (4.1 * 1e9 in floats is 4099999999.9999995).
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _strip_the(text: str) -> str:
    return text[4:] if text.startswith("the ") else text


def _np_text(doc, head, exclude=range(0), limit: int = 12) -> str | None:
    """The noun phrase of a head token, without determiners at its start, trailing punctuation,
    the excluded tokens (the figure itself) and anything past ``limit`` tokens."""
    conj = set()
    for c in head.children:
        if c.dep_ in ("conj", "cc") and c.i > head.i:
            conj.update(t.i for t in c.subtree)  # "troops and 450 tanks": one noun per figure
    tokens = [t for t in head.subtree if t.i not in exclude and t.i not in conj]
    if not tokens:
        return None
    # Keep a contiguous run around the head: stop at a clause or a comma.
    lo, hi = head.i, head.i
    by_index = {t.i: t for t in tokens}
    while lo - 1 in by_index and not by_index[lo - 1].is_punct:
        lo -= 1
    while hi + 1 in by_index and by_index[hi + 1].dep_ not in ("relcl", "acl", "punct") \
            and by_index[hi + 1].text not in (",", ";", "(") and hi - lo < limit:
        hi += 1
    while lo < head.i and doc[lo].dep_ in ("det", "predet") or lo < head.i and doc[lo].lower_ in ("only", "just", "about"):
        lo += 1
    while hi > head.i and (doc[hi].is_punct or doc[hi].dep_ in ("cc", "prep", "det")):
        hi -= 1
    text = doc[lo:hi + 1].text
    return text or None


def _clause_text(doc, verb, skip) -> str | None:
    """A verb with what follows it in its clause ("believe Obama will do the right thing")."""
    tokens = [t for t in verb.subtree if t.i >= verb.i
              and not (skip is not None and skip.left_edge.i <= t.i <= skip.right_edge.i)]
    if not tokens:
        return None
    end = tokens[0].i
    for t in tokens:
        if t.i != end and t.i != end + 1:
            break
        if t.lower_ == "according" or (t.dep_ == "prep" and t.head.i == verb.i and t.lower_ in ("in",) and t.i > verb.i + 1
                                        and any(c.lemma_.lower() in ("poll", "survey") for c in t.subtree)):
            break
        end = t.i
    while end > verb.i and (doc[end].is_punct or doc[end].dep_ in ("cc",)):
        end -= 1
    text = doc[verb.i:end + 1].text
    return text.replace("“", "").replace("”", "").replace('"', "").replace("  ", " ").strip() or None


@functools.lru_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    from .actors.lexicon import ADJECTIVE, COUNTRY, load_lexicon

    lex = load_lexicon()
    by_code: dict[str, str] = {}
    for entries in lex.phrases.values():
        for e in entries:
            if e.kind == ADJECTIVE and e.code not in by_code and e.phrase[:1].isupper() and "." not in e.phrase:
                by_code[e.code] = e.phrase
    names: dict[str, str] = {}
    for key, entries in lex.phrases.items():
        for e in entries:
            if e.kind in (COUNTRY, ADJECTIVE) and e.code in by_code:
                names[key] = by_code[e.code]
    return names


def _country_adjective(word: str) -> str | None:
    return _adjectives().get(word.lower())


def _article_year(article: Article | None) -> int | None:
    if article is None:
        return None
    for value in (article.published, article.updated):
        if value and len(value) >= 4 and value[:4].isdigit():
            return int(value[:4])
    return None

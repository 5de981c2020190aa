"""Who each mention of an article is: lexicon hits, named entities and noun phrases coded as actors.

reads: the spaCy Doc of Article.text (tokens, sentences, POS, dependencies, entities), the Article
       (its date picks the office holder of the curated people list), the lexicons of ``data/``
fills: ``ActorIndex`` — entities with actors, people with roles, and the look-ups
       ``actor_for_span``, ``actors_for_span``, ``person_for_span``, ``speaker_for_span``

How a phrase is coded (each rule is documented where it is applied):
  1. Lexicon hits are found once per article by a dictionary keyed on each token's first word
     piece (no per-token regular expression); all-capital forms must match in capitals.
  2. A hit's reading: countries and demonyms give a code and no sector; capitals and seats of
     government give GOV (the Pentagon MIL), unless a capital is a bare location ("a lecture in
     London", "a Washington-based think tank"); plural demonyms ("Russians") give CVL.
  3. The head noun of the phrase gives the sector ("Russian officials" GOV, "American troops"
     MIL); a modifier gives it when the head is generic ("military officials" MIL).
  4. "pro-Russian separatists", "Kremlin-backed rebels" and "a Russia analyst" do not make the
     head Russian.
  5. People: what the article says first (title, appositive, relative clause, the organization
     and patron they name), then the curated list with the article's year (people.py).
  6. "the administration" with no country takes the most recent "X administration" mentioned
     before it, or the seat or president of a country whose executive English news calls "the
     administration" (rules.yaml: the USA -- "the White House", "President Obama"); "the
     government" only the most recent explicit "X government". Else None.
  7. A name with readings in several countries ("Georgia", "Tripoli", "the Senate") takes the
     country the rest of the article supports, else stays unknown.
Unknown is None: no default country, and an NER mistake ("Disqus" as ORG) keeps actor None.
"""
from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, field

from ..records import ActorRef, Article, Entity, Speaker
from .lexicon import (ADJECTIVE, CAPITAL, COUNTRY, IGO, ORG, PEOPLE, PLACE, SEAT, Entry, Lexicon,
                      first_piece, load_lexicon)

__all__ = ["ActorIndex", "Person", "resolve_actors"]

log = logging.getLogger(__name__)

# Numeric entity labels belong to the figures stage, not to the actors.
_SKIP_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
# Which reading of a phrase with several readings of one code to keep, first wins.
_KIND_ORDER = {SEAT: 0, IGO: 1, ORG: 2, CAPITAL: 3, COUNTRY: 4, ADJECTIVE: 5, PEOPLE: 6, PLACE: 7}
_COUNTRYISH = frozenset({COUNTRY, ADJECTIVE, PEOPLE, CAPITAL, PLACE})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod", "nummod"})
_PRONOUNS_M = frozenset({"he", "him", "his", "himself"})
_PRONOUNS_F = frozenset({"she", "her", "hers", "herself"})


@dataclass(frozen=True)
class Person:
    """One person of the article, all their mentions merged."""

    name: str
    """The fullest form of the name the article gives ("Victor Hale")."""
    mentions: tuple[tuple[int, int], ...]
    """Character offsets ``[start, end)`` of every mention of the name in Article.text."""
    role: str | None = None
    """Title or role as the article gives it ("president", "economic policy adviser")."""
    organization: str | None = None
    """The organization named with the role ("The Nixon Center")."""
    actor: ActorRef | None = None
    gender: str | None = None
    """m / f when an honorific or the curated list tells; used to resolve "he" / "she"."""


@dataclass
class _Hit:
    """A lexicon phrase found in the text."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    entries: list[Entry]
    entry: Entry | None = None
    partial: bool = False
    """The phrase is part of a longer token ("U.S." in "U.S.-Russia")."""
    blocked: str | None = None
    """Why the hit is not the actor of its phrase: stance ("pro-Russian"), sponsor ("Kremlin-backed"),
    person (inside a person's name)."""
    located: bool = False
    """"Washington-based": the place is a location, not a government."""

    @property
    def adjectival(self) -> bool:
        return any(e.kind == ADJECTIVE for e in self.entries)


@dataclass
class _Mention:
    tok_start: int
    tok_end: int
    start: int
    end: int
    cluster: "_Cluster"
    subject: bool = False


@dataclass
class _Description:
    """What one mention's context says about a person."""

    role: str | None = None
    title_sector: str | None = None
    title_patron: bool = False
    organization: str | None = None
    org_actor: ActorRef | None = None
    patron: "_Cluster | None" = None
    patron_actor: ActorRef | None = None
    country: str | None = None


@dataclass
class _Cluster:
    name: str
    words: list[str]
    mentions: list[_Mention] = field(default_factory=list)
    descriptions: list[_Description] = field(default_factory=list)
    curated: list = field(default_factory=list)
    gender: str | None = None
    actor: ActorRef | None = None
    first_tok: int = 0


class ActorIndex:
    """The actors of one article. Built by ``resolve_actors``; read by quotes, events and the record.

    ``entities`` and ``people`` are plain lists; the look-ups take spaCy Spans (or Tokens) of the
    same Doc the index was built from.
    """

    def __init__(self, doc, article: Article | None, lexicon: Lexicon | None = None):
        self.doc = doc
        self.article = article
        self.lex = lexicon or load_lexicon()
        self.year = _article_year(article)
        self._hits: list[_Hit] = []
        self._hit_at: list[int] = [-1] * len(doc)
        self._ent_at: list[int] = [-1] * len(doc)
        self._mention_at: dict[int, _Mention] = {}
        self._mentions: list[_Mention] = []
        self._clusters: list[_Cluster] = []
        self._admin_antecedents: list[tuple[int, ActorRef]] = []
        self._government_antecedents: list[tuple[int, ActorRef]] = []
        self.entities: list[Entity] = []
        self.people: list[Person] = []
        self._person_of: dict[int, Person] = {}
        # Token offsets, sentence bounds and entities, read once: the Doc's own accessors
        # (char_span, Token.sent, Doc.ents) walk the whole Doc on every call.
        self.text: str = doc_text(doc, article)
        # One pass over the tokens: every later scan reads these lists, not new Token objects.
        rows = [(t.idx, t.text, t.lower_, t.pos_, t.lemma_) for t in doc]
        self._tok_idx: list[int] = [r[0] for r in rows]
        self._tok_end: list[int] = [r[0] + len(r[1]) for r in rows]
        self._tok_text: list[str] = [r[1] for r in rows]
        self._tok_lower: list[str] = [r[2] for r in rows]
        self._tok_pos: list[str] = [r[3] for r in rows]
        self._tok_lemma: list[str] = [r[4].lower() for r in rows]
        self._ents = list(doc.ents)
        self._sent_start: list[int] = [0] * len(doc)
        self._sent_end: list[int] = [0] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                self._sent_start[i] = sent.start
                self._sent_end[i] = sent.end

    # ------------------------------------------------------------------ public look-ups

    def actor_for_span(self, span) -> ActorRef | None:
        """Actor of a noun phrase: a person, a metonym, demonym + noun, an international body.

        None when the phrase names no known actor; never a guessed country.
        """
        start, end = _bounds(span)
        if start >= end:
            return None
        return self._np_actor(start, end)

    def actors_for_span(self, span) -> list[ActorRef]:
        """Every actor of a compound phrase ("Hungarian and Romanian officials", "the U.S. and Jordan"),
        in text order; the single actor of a simple phrase; [] when unknown."""
        start, end = _bounds(span)
        if start >= end:
            return []
        doc = self.doc
        root = _root(doc, start, end)
        heads = [root] + [t for t in _conjuncts(root) if start <= t.i < end]
        found: list[ActorRef] = []
        for head in heads:
            # Conjoined modifiers of the head: "Hungarian and Romanian officials".
            mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod") and start <= c.i < end
                    and self._hit_at[c.i] >= 0]
            mod_tokens = []
            for m in mods:
                mod_tokens.append(m)
                mod_tokens.extend(t for t in _conjuncts(m) if start <= t.i < end)
            if len(mod_tokens) > 1:
                sector = self._head_sector(head)
                for m in sorted(mod_tokens, key=lambda t: t.i):
                    ref = self._hit_actor(self._hits[self._hit_at[m.i]], context_sector=sector)
                    if ref is not None:
                        found.append(ref)
                continue
            lo, hi = _head_extent(head, start, end)
            ref = self._np_actor(lo, hi)
            if ref is not None:
                found.append(ref)
        unique: list[ActorRef] = []
        for ref in found:
            if ref not in unique:
                unique.append(ref)
        return unique

    def person_for_span(self, span) -> Person | None:
        """The person a mention refers to: a name ("Hale", "Mr. Putin"), a pronoun ("he") or a
        title with "the" ("the vice president"). None when it names no person."""
        start, end = _bounds(span)
        if start >= end:
            return None
        doc = self.doc
        root = _root(doc, start, end)
        m = self._mention_at.get(root.i)
        if m is None and root.lower_ in self.lex.title_words:
            # "Prime Minister Putin" parsed with the title as head: the name inside.
            m = next((self._mention_at[i] for i in range(start, end) if i in self._mention_at), None)
        if m is not None:
            return self._person_of.get(id(m.cluster))
        if end - start == 1 and root.lower_ in _PRONOUNS_M | _PRONOUNS_F:
            cluster = self._resolve_pronoun(root)
            return self._person_of.get(id(cluster)) if cluster else None
        cluster = self._nominal_person(root, start, end)
        return self._person_of.get(id(cluster)) if cluster else None

    def speaker_for_span(self, span) -> Speaker | None:
        """A ``Speaker`` record for a mention that names a person (None otherwise)."""
        person = self.person_for_span(span)
        if person is None:
            return None
        start, end = _bounds(span)
        mention = self.doc[start:end]
        return Speaker(name=person.name, mention=mention.text, start=mention.start_char,
                       end=mention.end_char, role=person.role, organization=person.organization,
                       actor=person.actor)

    def person_at(self, char_offset: int) -> Person | None:
        """The person whose mention covers a character offset of Article.text."""
        for m in self._mentions:
            if m.start <= char_offset < m.end:
                return self._person_of.get(id(m.cluster))
        return None

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        for k, ent in enumerate(self._ents):
            for i in range(ent.start, ent.end):
                self._ent_at[i] = k
        self._scan()
        self._decide_ambiguous()
        from .people import build_people

        build_people(self)
        self._collect_antecedents()
        self._build_entities()

    # Lexicon scan -------------------------------------------------------------------------

    def _scan(self) -> None:
        lex, text = self.lex, self.text
        pieces, patterns, phrases = lex.first_pieces, lex.patterns, lex.phrases
        covered = -1
        for i, tok_text in enumerate(self._tok_text):
            tok_idx = self._tok_idx[i]
            if tok_idx < covered:
                continue
            lower = self._tok_lower[i]
            plain = "-" not in lower and "'" not in lower and "\u2019" not in lower and "," not in lower
            if plain and lower not in pieces:
                continue  # the common case: no phrase starts with this word
            positions = [tok_idx]
            if "-" in tok_text[1:]:
                # "U.S.-Russia" is one token: look for a phrase after each hyphen too.
                at = tok_text.find("-", 1)
                while at > 0:
                    positions.append(tok_idx + at + 1)
                    at = tok_text.find("-", at + 1)
            tok_end = tok_idx + len(tok_text)
            for pos in positions:
                if pos < covered or pos >= tok_end:
                    continue
                candidates = pieces.get(lower if plain else first_piece(text[pos:tok_end]))
                if not candidates:
                    continue
                for key in candidates:
                    stop = pos + len(key)
                    if stop > len(text) or text[pos:stop].lower() != key:
                        continue
                    if stop < len(text) and text[stop].isalnum():
                        continue
                    if not _case_ok(text[pos:stop], patterns[key]):
                        continue
                    first = i
                    last = bisect.bisect_left(self._tok_idx, stop, lo=first) - 1
                    partial = self._tok_idx[first] != pos or self._tok_end[last] != stop
                    hit = _Hit(pos, stop, first, last + 1, phrases[key], partial=partial)
                    self._flag(hit)
                    self._hits.append(hit)
                    covered = stop
                    break
        for k, hit in enumerate(self._hits):
            for i in range(hit.tok_start, hit.tok_end):
                if self._hit_at[i] < 0:
                    self._hit_at[i] = k
        self._hit_starts = [h.tok_start for h in self._hits]

    def _hits_between(self, start: int, end: int) -> list[_Hit]:
        """Hits overlapping tokens [start, end), in text order (several may share one token)."""
        k = bisect.bisect_left(self._hit_starts, start)
        while k > 0 and self._hits[k - 1].tok_end > start:
            k -= 1
        out = []
        while k < len(self._hits) and self._hits[k].tok_start < end:
            if self._hits[k].tok_end > start:
                out.append(self._hits[k])
            k += 1
        return out

    def _flag(self, hit: _Hit) -> None:
        text, rules = self.text, self.lex.rules
        # "pro-Russian", "anti-American": the word before the hyphen.
        if hit.start >= 2 and text[hit.start - 1] == "-":
            before = text[max(0, hit.start - 12):hit.start - 1].split()
            if before and before[-1].lower() in rules["stance_prefixes"]:
                hit.blocked = "stance"
        # "Kremlin-backed", "Washington-based": the word after the hyphen.
        if hit.end < len(text) - 1 and text[hit.end] == "-":
            after = text[hit.end + 1:hit.end + 16]
            word = after.split()[0].lower().strip(".,;:") if after.split() else ""
            if word in rules["sponsor_suffixes"]:
                hit.blocked = "sponsor"
            elif word in rules["location_suffixes"]:
                hit.located = True
        # Inside a longer person name ("Jordan Peterson", "Paris Hilton").
        k = self._ent_at[hit.tok_start]
        if k >= 0:
            ent = self._ents[k]
            if ent.label_ == "PERSON" and (ent.end - ent.start) > (hit.tok_end - hit.tok_start):
                hit.blocked = "person"

    def _decide_ambiguous(self) -> None:
        """Pick one reading per hit; a name with readings of different codes ("Georgia": the
        country or the U.S. state; "Tripoli") takes the reading the rest of the article supports,
        and stays unknown on a tie."""
        plain: list[Entry] = []
        for hit in self._hits:
            codes = {e.code for e in hit.entries}
            if len(codes) == 1:
                hit.entry = min(hit.entries, key=lambda e: _KIND_ORDER[e.kind])
                if not hit.blocked:
                    plain.append(hit.entry)
        for hit in self._hits:
            if hit.entry is not None:
                continue
            scores = []
            for e in hit.entries:
                if e.kind == PLACE and e.subkind == "state":
                    # A U.S. state reading needs other U.S. states or cities, not "the U.S."
                    score = sum(1 for p in plain if p.code == e.code and p.kind == PLACE)
                else:
                    score = sum(1 for p in plain if p.code == e.code)
                scores.append((score, e))
            scores.sort(key=lambda s: s[0], reverse=True)
            if scores[0][0] > 0 and (len(scores) == 1 or scores[0][0] > scores[1][0]):
                hit.entry = scores[0][1]

    # Antecedents of "the administration" / "the government" -----------------------------------

    def _collect_antecedents(self) -> None:
        doc, rules = self.doc, self.lex.rules
        admin_nouns, gov_nouns = rules["administration_nouns"], rules["government_nouns"]
        admin_countries = rules["administration_countries"]
        for hit in self._hits:
            e = hit.entry
            if e is not None and e.kind == SEAT and e.sector == "GOV" and not hit.blocked \
                    and e.code in admin_countries:
                self._admin_antecedents.append((hit.start, ActorRef(e.code, "GOV", e.name)))
        for m in self._mentions:
            d = next((d for d in m.cluster.descriptions if d.role), None)
            actor = m.cluster.actor
            if d and actor and actor.code in admin_countries and "president" in d.role.lower().split() \
                    and "vice" not in d.role.lower() and actor.sector == "GOV":
                self._admin_antecedents.append((m.start, ActorRef(actor.code, "GOV", actor.name)))
        for i, low in enumerate(self._tok_lemma):
            if low not in admin_nouns and low not in gov_nouns:
                continue
            tok = doc[i]
            ref = self._modifier_actor(tok, tok.left_edge.i, tok.right_edge.i + 1)
            if ref is None or ref.code is None:
                continue
            ref = ActorRef(ref.code, "GOV", ref.name)
            if low in admin_nouns:
                self._admin_antecedents.append((tok.idx, ref))
            else:
                # An explicit government is an antecedent for both "the government" and "the administration".
                self._admin_antecedents.append((tok.idx, ref))
                self._government_antecedents.append((tok.idx, ref))
        self._admin_antecedents.sort(key=lambda a: a[0])
        self._government_antecedents.sort(key=lambda a: a[0])

    def _antecedent(self, tok) -> ActorRef | None:
        low = tok.lemma_.lower()
        if low in self.lex.rules["administration_nouns"]:
            pool = self._admin_antecedents
        elif low in self.lex.rules["government_nouns"]:
            pool = self._government_antecedents
        else:
            return None
        k = bisect.bisect_left([a[0] for a in pool], tok.idx)
        return pool[k - 1][1] if k > 0 else None

    # Entities -----------------------------------------------------------------------------

    def _build_entities(self) -> None:
        doc = self.doc
        out: list[Entity] = []
        taken = [False] * len(doc)
        for ent in self._ents:
            if ent.label_ in _SKIP_LABELS:
                continue
            start, end = ent.start, ent.end
            while end > start and doc[end - 1].lower_ in ("'s", "'", "’s", "’"):
                end -= 1
            if end <= start:
                continue
            # An entity joining two actors ("U.S.-Russia") is reported as its parts.
            if self._is_split_entity(start):
                continue  # the hits are added below
            label = ent.label_
            m = self._mention_at.get(end - 1) or self._mention_at.get(start)
            if m is not None and m.tok_start >= start and m.tok_end <= end:
                label = "PERSON"
                actor = m.cluster.actor
            elif label == "PERSON":
                actor = self._hit_or_none(start, end)
            else:
                actor = self._entity_actor(start, end, label)
            if label != "PERSON" and start > 0 and doc[start - 1].lower_ == "the" and doc[start - 1].head.i in range(start, end):
                k = self._hit_at[start]
                if k >= 0 and self._hits[k].entry and self._hits[k].entry.kind in (SEAT, IGO, ORG):
                    start -= 1  # "the Kremlin", as the NER writes "the White House"
            span = doc[start:end]
            out.append(Entity(span.text, label, span.start_char, span.end_char, actor))
            for i in range(start, end):
                taken[i] = True
        for hit in self._hits:
            if hit.entry is None or any(taken[i] for i in range(hit.tok_start, hit.tok_end)) and not hit.partial:
                continue
            if hit.partial and any(taken[i] and not self._is_split_entity(i) for i in range(hit.tok_start, hit.tok_end)):
                continue
            start_char, text = hit.start, self.text[hit.start:hit.end]
            if not hit.partial and hit.tok_start > 0 and doc[hit.tok_start - 1].lower_ == "the" \
                    and doc[hit.tok_start - 1].head.i in range(hit.tok_start, hit.tok_end):
                start_char = doc[hit.tok_start - 1].idx
                text = self.text[start_char:hit.end]
            actor = self._hit_actor(hit, context_sector=self._context_sector(hit))
            out.append(Entity(text, hit.entry.label, start_char, hit.end, actor))
        for m in self._mentions:
            if not any(e.start <= m.start < e.end for e in out):
                out.append(Entity(self.text[m.start:m.end], "PERSON", m.start, m.end, m.cluster.actor))
        out.sort(key=lambda e: (e.start, -e.end))
        self.entities = out

    def _is_split_entity(self, i: int) -> bool:
        k = self._ent_at[i]
        if k < 0:
            return False
        ent = self._ents[k]
        hits = self._hits_between(ent.start, ent.end)
        codes = {h.entry.code for h in hits if h.entry}
        if len(hits) < 2 or len(codes) < 2:
            return False
        # "U.S.-Russia" (whatever its label) or a GPE/NORP list of countries: report the parts.
        covered = all(self._hit_at[j] >= 0 for j in range(ent.start, ent.end) if not self.doc[j].is_punct)
        return covered or ent.label_ in ("GPE", "NORP", "LOC")

    def _hit_or_none(self, start: int, end: int) -> ActorRef | None:
        """A PERSON entity that is exactly a lexicon phrase ("Kremlin" mis-tagged) takes the phrase."""
        k = self._hit_at[start]
        if k >= 0:
            hit = self._hits[k]
            if hit.tok_start == start and hit.tok_end == end and hit.entry and not hit.blocked:
                return self._hit_actor(hit, context_sector=self._context_sector(hit))
        return None

    def _entity_actor(self, start: int, end: int, label: str) -> ActorRef | None:
        doc = self.doc
        while start < end and doc[start].lower_ == "the":
            start += 1
        hits = [h for h in self._hits_between(start, end) if h.entry is not None and not h.blocked]
        whole = [h for h in hits if h.tok_start <= start and h.tok_end >= end]
        if whole:
            hit = whole[0]
            return self._hit_actor(hit, context_sector=self._context_sector(hit))
        if not hits:
            return None  # a name we do not know ("Disqus", "Aspen") is no actor
        # An organization named after a place or a country ("Moscow State University",
        # "the Russian Foreign Ministry"): the place's country, the sector from the name's head noun.
        root = _root(doc, start, end)
        sector = self._head_sector(root)
        hit = hits[-1] if label in ("ORG", "FAC") else hits[0]
        if hit.entry.kind in (IGO, ORG, SEAT) and label in ("ORG", "FAC"):
            country = next((h for h in hits if h.entry.kind in _COUNTRYISH and h is not hit), None)
            code = country.entry.code if country else hit.entry.code
            return ActorRef(code, sector or hit.entry.sector, hit.entry.name if not country else None)
        if label in ("ORG", "FAC"):
            # Only a name whose head says what it is takes the place's country: "Moscow State
            # University" is Russian, the "North American Free Trade Agreement" is no actor.
            return ActorRef(hit.entry.code, sector, None) if sector else None
        return self._hit_actor(hit, context_sector=sector)

    # Noun phrases -------------------------------------------------------------------------

    def _np_actor(self, start: int, end: int) -> ActorRef | None:
        doc = self.doc
        root = _root(doc, start, end)
        if root.pos_ in ("VERB", "AUX"):
            # A phrase parsed around a verb ("the Red Cross operating in Iraq"): its subject.
            subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and start <= c.i < end), None)
            if subject is None:
                return None
            root = subject
        if root.pos_ == "PRON":
            if root.lower_ in _PRONOUNS_M | _PRONOUNS_F:
                cluster = self._resolve_pronoun(root)
                return cluster.actor if cluster else None
            return None
        m = self._mention_at.get(root.i)
        if m is not None:
            return m.cluster.actor
        k = self._hit_at[root.i]
        if k >= 0:
            hit = self._hits[k]
            if hit.entry is None:
                return None
            if hit.blocked:
                return None
            ref = self._hit_actor(hit, context_sector=self._context_sector(hit) if end - start <= hit.tok_end - hit.tok_start + 1 else None)
            if ref is not None and hit.entry.kind in (IGO, ORG, PEOPLE):
                # "the Russian Security Council", "the American Red Cross": a country modifier wins;
                # "Bosnian Serbs" are the Serbs of Bosnia.
                country = self._country_modifier(root, start, end)
                if country is not None and country.code != ref.code:
                    return ActorRef(country.code, ref.sector, country.name)
            return ref
        ref = self._modifier_actor(root, start, end)
        if ref is not None:
            return ref
        low = root.lemma_.lower()
        if low in self.lex.rules["administration_nouns"] or low in self.lex.rules["government_nouns"]:
            return self._antecedent(root)
        cluster = self._nominal_person(root, start, end)
        if cluster is not None:
            return cluster.actor
        return None

    def _modifier_actor(self, root, start: int, end: int) -> ActorRef | None:
        """Actor given by the words that modify a head noun: "Russian officials", "Poland's
        parliament", "the Obama administration", "rebels in Darfur"."""
        rules = self.lex.rules
        head_sector = self._head_sector(root)
        generic = root.lower_ in rules["generic_heads"] or root.lemma_.lower() in rules["generic_heads"]
        topic = root.lower_ in rules["topic_nouns"] or root.lemma_.lower() in rules["topic_nouns"]
        # Direct modifiers, nearest first, then their conjuncts; then prepositional objects.
        direct = [c for c in root.children if c.dep_ in _MODIFIER_DEPS and start <= c.i < end]
        direct.sort(key=lambda c: root.i - c.i if c.i < root.i else 100 + c.i)
        candidates = []
        for c in direct:
            candidates.append(c)
            candidates.extend(t for t in _conjuncts(c) if start <= t.i < end)
            # "the Russian Foreign Ministry officials": a compound's own modifiers.
            candidates.extend(g for g in c.children if g.dep_ in _MODIFIER_DEPS and start <= g.i < end)
        preps = [c for c in root.children if c.dep_ == "prep"] if root.pos_ in ("NOUN", "PROPN") else []
        for acl in root.children:
            # "a group based in Trinidad", "a newspaper headquartered in Beirut"
            if acl.dep_ == "acl" and acl.lower_ in rules["location_suffixes"] and start <= acl.i < end:
                preps.extend(c for c in acl.children if c.dep_ == "prep" and c.lower_ == "in")
        for prep in preps:
            if prep.lower_ in ("of", "in", "from", "throughout", "across") and start <= prep.i < end:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and start <= pobj.i < end:
                        candidates.append(pobj)
                        candidates.extend(g for g in pobj.children if g.dep_ in _MODIFIER_DEPS)
        modifier_sector = None
        if generic:
            for c in direct:
                if self._hit_at[c.i] < 0 and c.i not in self._mention_at:
                    s = self._head_sector(c)
                    if s:
                        modifier_sector = s
                        break
        for c in candidates:
            if c.dep_ == "poss" and self._hit_at[c.i] < 0 and c.i not in self._mention_at \
                    and c.lemma_.lower() in rules["administration_nouns"] | rules["government_nouns"] \
                    and not any(g.dep_ in _MODIFIER_DEPS for g in c.children):
                ref = self._antecedent(c)  # "the administration's approach"
                if ref is not None:
                    return ref
                continue
            m = self._mention_at.get(c.i)
            if m is not None and m.cluster.actor is not None and m.cluster.actor.code:
                a = m.cluster.actor
                sector = modifier_sector or head_sector or a.sector
                return ActorRef(a.code, sector, a.name)
            k = self._hit_at[c.i]
            if k < 0:
                continue
            hit = self._hits[k]
            if hit.entry is None or hit.blocked or (hit.partial and self._dyad_token(c.i)):
                continue
            if topic and not hit.adjectival and hit.entry.kind in (COUNTRY, CAPITAL, PLACE):
                continue  # "a Russia analyst": a subject, not a nationality
            e = hit.entry
            if generic and e.sector and e.kind in (SEAT, ORG) and not modifier_sector:
                sector = e.sector  # "Pentagon officials" -> MIL
            elif generic and e.kind == IGO and not modifier_sector:
                sector = head_sector if e.sector in (None, "IGO") else e.sector
            else:
                sector = modifier_sector or head_sector
                if sector is None and e.kind in (SEAT, ORG, IGO):
                    sector = e.sector
            return ActorRef(e.code, sector, e.name)
        return None

    def _country_modifier(self, root, start: int, end: int) -> ActorRef | None:
        for c in root.children:
            if c.dep_ in _MODIFIER_DEPS and start <= c.i < end:
                k = self._hit_at[c.i]
                if k >= 0 and k != self._hit_at[root.i]:
                    hit = self._hits[k]
                    if hit.entry and not hit.blocked and hit.entry.kind in (COUNTRY, ADJECTIVE):
                        return ActorRef(hit.entry.code, None, hit.entry.name)
        return None

    def _dyad_token(self, i: int) -> bool:
        """A token holding two actors ("U.S.-Russia") names a relation, not an actor."""
        codes = {h.entry.code for h in self._hits_between(i, i + 1) if h.entry}
        return len(codes) > 1

    def _hit_actor(self, hit: _Hit, context_sector: str | None = None) -> ActorRef | None:
        e = hit.entry
        if e is None or hit.blocked:
            return None
        if e.code is None and e.sector is None:
            return None
        sector = e.sector
        if e.kind == CAPITAL and (hit.located or self._is_locative(hit)):
            sector = None
        if e.kind == CAPITAL and self._names_something_else(hit):
            sector = None
        if context_sector is not None and e.kind not in (SEAT,):
            sector = context_sector if not (e.kind in (IGO, ORG) and e.sector not in (None, "IGO")) else e.sector
        if e.kind == PEOPLE and context_sector is None:
            sector = "CVL"
        return ActorRef(e.code, sector, e.name)

    def _context_sector(self, hit: _Hit) -> str | None:
        """Sector from the noun a country word modifies: "Russian officials" -> GOV."""
        if hit.partial and self._dyad_token(hit.tok_start):
            return None
        tok = self.doc[hit.tok_end - 1]
        # Climb conjunctions: "Hungarian and Romanian officials".
        while tok.dep_ == "conj" and tok.head.i < tok.i:
            tok = tok.head
        if tok.dep_ in ("amod", "compound", "poss", "nmod") and tok.head.i >= hit.tok_end:
            head = tok.head
            if self._hit_at[head.i] >= 0 or head.i in self._mention_at:
                return None
            rules = self.lex.rules
            if head.lower_ in rules["topic_nouns"] and not hit.adjectival:
                return None
            sector = self._head_sector(head)
            if sector is None and (head.lower_ in rules["generic_heads"] or head.lemma_.lower() in rules["generic_heads"]):
                for c in head.children:
                    if c.dep_ in _MODIFIER_DEPS and self._hit_at[c.i] < 0:
                        sector = self._head_sector(c) or sector
            return sector
        return None

    def _head_sector(self, tok) -> str | None:
        lex = self.lex
        if tok.i > 0:
            prev = self.doc[tok.i - 1]
            s = lex.sector_bigrams.get((prev.lower_, tok.lower_)) or lex.sector_bigrams.get((prev.lower_, tok.lemma_.lower()))
            if s:
                return s
        return lex.sector_words.get(tok.lower_) or lex.sector_words.get(tok.lemma_.lower())

    def _is_locative(self, hit: _Hit) -> bool:
        tok = self.doc[hit.tok_end - 1]
        head = tok.head
        return tok.dep_ == "pobj" and head.lower_ in self.lex.rules["locative_prepositions"] \
            and head.head.pos_ in ("NOUN", "PROPN", "VERB", "AUX")

    def _names_something_else(self, hit: _Hit) -> bool:
        """"Washington Quarterly", "Moscow Times": a capital inside another proper name."""
        tok = self.doc[hit.tok_end - 1]
        head = tok.head
        return tok.dep_ == "compound" and head.pos_ == "PROPN" and self._hit_at[head.i] < 0 \
            and head.i not in self._mention_at

    # People look-ups ----------------------------------------------------------------------

    def _resolve_pronoun(self, tok) -> "_Cluster | None":
        from .people import resolve_pronoun

        return resolve_pronoun(self, tok)

    def _nominal_person(self, root, start: int, end: int) -> "_Cluster | None":
        from .people import nominal_person

        return nominal_person(self, root, start, end)


def resolve_actors(doc, article: Article | None = None) -> ActorIndex:
    """Code every actor mention of a parsed article (the one spaCy Doc of ``article.text``)."""
    index = ActorIndex(doc, article)
    index._build()
    return index


# ---------------------------------------------------------------------------------------------
# Helpers


def _bounds(span) -> tuple[int, int]:
    if hasattr(span, "start") and hasattr(span, "end") and not hasattr(span, "i"):
        return span.start, span.end
    return span.i, span.i + 1


def _root(doc, start: int, end: int):
    """The syntactic head of tokens [start, end): the token whose head lies outside."""
    best = doc[start]
    for i in range(start, end):
        t = doc[i]
        if t.head.i < start or t.head.i >= end or t.head.i == t.i:
            if t.pos_ not in ("PUNCT", "DET", "CCONJ", "ADP") or best.pos_ in ("PUNCT", "DET", "CCONJ", "ADP"):
                best = t
                if t.pos_ not in ("PUNCT", "DET", "CCONJ", "ADP"):
                    break
    return best


def _conjuncts(tok):
    """Tokens conjoined with ``tok`` ("Hungarian and Romanian"), excluding itself."""
    out = []
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop()
        out.append(c)
        stack.extend(g for g in c.children if g.dep_ == "conj")
    return out


def _head_extent(head, start: int, end: int) -> tuple[int, int]:
    """The tokens of one conjunct: the head's subtree without its own conjuncts ("the U.S." of
    "the U.S. and Jordan")."""
    excluded = set()
    for c in head.children:
        if c.dep_ in ("conj", "cc"):
            excluded.update(t.i for t in c.subtree)
    kept = [t.i for t in head.subtree if start <= t.i < end and t.i not in excluded]
    return (min(kept), max(kept) + 1) if kept else (head.i, head.i + 1)


def _case_ok(text: str, pattern: str) -> bool:
    """The capitals of the pattern must be in the text; all-capital short forms must match exactly."""
    words, pwords = text.split(), pattern.split()
    if len(words) != len(pwords):
        return False
    for w, p in zip(words, pwords, strict=True):
        letters = [c for c in p if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            if w != p:
                return False
        elif p[:1].isupper() and not w[:1].isupper():
            return False
    return True


def doc_text(doc, article: Article | None) -> str:
    """The Doc's text: Article.text when the Doc was parsed from it (Doc.text joins every token)."""
    if article is not None and len(doc) and article.text.startswith(doc[0].text):
        last = doc[-1]
        if last.idx + len(last.text_with_ws) == len(article.text) and article.text[last.idx:].startswith(last.text):
            return article.text
    return doc.text


def _article_year(article: Article | None) -> int | None:
    if article is None:
        return None
    for value in (article.published, article.updated):
        if value and len(value) >= 4 and value[:4].isdigit():
            return int(value[:4])
    return None

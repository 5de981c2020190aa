"""People of an article: names merged into persons, their roles, organizations and actors.

reads: the Doc's PERSON entities and proper nouns, the ActorIndex's lexicon hits, the curated
       people list (``data/people.tsv``) with the article's year
fills: the index's persons, mentions and the ``Person`` records

What the article says comes first:
  - a title before the name: "Prime Minister Vladimir Putin", "Russian President Boris Yeltsin";
  - an appositive: "Pavel Orlov, an economic policy adviser to Medvedev" (the patron's actor),
    "Daniel Roe, a Russia analyst at the Eurasia Group" (the organization's actor);
  - a relative clause: "Helen Marsh, who served as senior director at the National Security Council".
The curated list fills what the text leaves open (the country of "President Medvedev"), using the
article's year when known: in office -> the office's code and sector; out of office -> the
country only; no year -> the country their offices share, no sector. Short mentions ("Hale", "Mr. Putin") join the latest full name with that surname.
"""
from __future__ import annotations

from ..records import ActorRef
from .index import (_COUNTRYISH, _PRONOUNS_M, ActorIndex, Person, _Cluster, _Description,
                    _Mention, _root)
from .lexicon import IGO, ORG, SEAT, CuratedPerson, name_key, split_title, strip_accents

__all__ = ["build_people", "resolve_pronoun", "nominal_person"]

_POSSESSIVE = frozenset({"'s", "'", "’s", "’"})
_ORG_LABELS = frozenset({"ORG", "FAC"})
_ORG_PREPS = ("at", "of", "with", "for", "in", "from")


def _all_lexicon(ix: ActorIndex, start: int, end: int) -> bool:
    """Every token of [start, end) is part of a lexicon phrase."""
    for i in range(start, end):
        k = ix._hit_at[i]
        if k < 0 or ix._hits[k].entry is None:
            return False
    return True


_PARTICLES = frozenset({"de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "le", "la", "zu",
                        "bin", "ibn", "abu", "dos", "das"})


def _surname(words: list[str]) -> str:
    """Comparison form of a surname: from the first particle on ("de Blasio", "von der Leyen"),
    else the last word."""
    for k in range(1, len(words) - 1):
        if _norm(words[k]) in _PARTICLES:
            return " ".join(_norm(w) for w in words[k:])
    return _norm(words[-1])


def _norm(word: str) -> str:
    w = strip_accents(word).lower().replace("’", "'")
    for prefix in ("al-", "el-", "ad-", "as-", "ash-"):
        if w.startswith(prefix) and len(w) > len(prefix) + 2:
            return w[len(prefix):]
    return w


def build_people(ix: ActorIndex) -> None:
    doc, lex = ix.doc, ix.lex
    rules = lex.rules
    skip_words = (lex.title_words | rules["title_modifiers"] | rules["honorifics_male"]
                  | rules["honorifics_female"] | rules["honorifics"])

    # 1. Name spans from PERSON entities, without titles, honorifics or possessive endings.
    names: list[tuple[int, int]] = []
    for ent in ix._ents:
        if ent.label_ != "PERSON":
            continue
        start, end = ent.start, ent.end
        while end > start and (doc[end - 1].lower_ in _POSSESSIVE or doc[end - 1].is_punct):
            end -= 1
        # Leading titles, honorifics and country words the NER took into the name
        # ("Russian President Putin"), but not a phrase that runs to its end ("Sri Lanka").
        while start < end - 1:
            k = ix._hit_at[start]
            if doc[start].lower_ in skip_words or (k >= 0 and not ix._hits[k].blocked and ix._hits[k].tok_end < end):
                start += 1
            else:
                break
        if end <= start or (end - start == 1 and doc[start].lower_ in skip_words):
            continue
        if _all_lexicon(ix, start, end) and _norm(doc[start:end].text) not in lex.people_by_short:
            for h in ix._hits_between(start, end):
                if h.blocked == "person":
                    h.blocked = None
            continue  # countries or peoples the NER took for a person ("Benin", "Bosnian Serbs")
        if end - start == 1 and doc[start].dep_ == "compound" and doc[start].head.lower_ in lex.title_words:
            continue  # a word of a title ("Labour" in "Labour Minister Dragan Milovanovic")
        names.append((start, end))

    clusters: list[_Cluster] = []
    by_key: dict[str, _Cluster] = {}

    def new_cluster(words: list[str], start: int) -> _Cluster:
        c = _Cluster(name=" ".join(words), words=words, first_tok=start)
        if len(words) >= 2:
            c.gender = lex.first_names.get(strip_accents(words[0]).lower())
        clusters.append(c)
        return c

    def honorific_gender(start: int) -> str | None:
        prev = doc[start - 1].lower_ if start > 0 else ""
        if prev in rules["honorifics_male"]:
            return "m"
        if prev in rules["honorifics_female"]:
            return "f"
        return None

    def add_mention(c: _Cluster, start: int, end: int) -> None:
        span = doc[start:end]
        m = _Mention(start, end, span.start_char, span.end_char, c)
        root = _root(doc, start, end)
        m.subject = root.dep_ in ("nsubj", "nsubjpass", "attr") or (
            root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass"))
        prev = doc[start - 1].lower_ if start > 0 else ""
        if prev in rules["honorifics_male"]:
            c.gender = c.gender or "m"
        elif prev in rules["honorifics_female"]:
            c.gender = c.gender or "f"
        c.mentions.append(m)
        for i in range(start, end):
            ix._mention_at[i] = m

    # 2. Full names (two words or more) make the persons; the same key is the same person.
    #    A name that is only a surname with its particle ("De Blasio") is a short mention.
    singles: list[tuple[int, int]] = []
    for start, end in names:
        words = [t.text for t in doc[start:end]]
        if end - start < 2 or _norm(words[0]) in _PARTICLES:
            singles.append((start, end))
            continue
        key = name_key(" ".join(words))
        c = by_key.get(key)
        if c is None:
            curated = lex.people_by_key.get(key, [])
            # "Joe Biden" and "Joseph Biden": two spellings of one curated person.
            c = next((o for o in clusters if curated and o.curated and set(map(id, o.curated)) & set(map(id, curated))), None)
            if c is None:
                c = new_cluster(words, start)
                c.curated = list(curated)
            by_key[key] = c
        if len(words) > len(c.words):
            c.words, c.name = words, " ".join(words)
        add_mention(c, start, end)

    # 3. One-word mentions: the latest person with that surname (or curated short form), else a
    #    curated person, else a person of their own.
    def surname_index() -> dict[str, list[_Cluster]]:
        idx: dict[str, list[_Cluster]] = {}
        for c in clusters:
            if len(c.words) >= 2:
                idx.setdefault(_surname(c.words), []).append(c)
            for p in c.curated:
                for s in p.short:
                    lst = idx.setdefault(_norm(s), [])
                    if c not in lst:
                        lst.append(c)
        return idx

    surnames = surname_index()

    def pick(cands: list[_Cluster], at: int) -> _Cluster:
        """Of several people with one surname, a bare surname names the one the article has named
        most so far (the main figure: others get their first names); on a tie, the latest."""
        before = [c for c in cands if c.mentions and min(m.tok_start for m in c.mentions) < at]
        if before:
            return max(before, key=lambda c: (sum(1 for m in c.mentions if m.tok_start < at),
                                              max(m.tok_start for m in c.mentions if m.tok_start < at)))
        return min(cands, key=lambda c: c.first_tok)

    def resolve_single(start: int, end: int, word: str) -> _Cluster | None:
        key = _norm(word)
        gender = honorific_gender(start)
        curated = [p for p in lex.people_by_short.get(key, []) if gender is None or p.gender in (None, gender)]
        # "Mr. Obama" is not Michelle Obama: people of the other gender are no candidates.
        cands = [c for c in surnames.get(key, []) if gender is None or c.gender in (None, gender)]
        title = doc[start - 1].lower_ if start > 0 else ""
        if cands and curated and title in lex.title_words and not any(c.curated for c in cands) \
                and any(title in t.office.split() for p in curated for t in p.terms):
            cands = []  # "President Obama" next to a non-listed Obama: the listed president
        if cands:
            return pick(cands, start)
        if curated:
            c = next((o for o in clusters if len(o.words) == 1 and _norm(o.words[0]) == key), None)
            if c is None:
                c = new_cluster([word], start)
                c.curated = list(curated)
            return c
        return None

    for start, end in singles:
        word = doc[start:end].text
        c = resolve_single(start, end, word)
        if c is None:
            c = next((o for o in clusters if len(o.words) == 1 and _norm(o.words[0]) == _norm(word)), None)
            if c is None:
                c = new_cluster([word], start)
        add_mention(c, start, end)

    # Proper nouns the NER missed or mislabelled ("Hale" as LOC, "Lavrov" as ORG) that are a
    # surname of the article or a curated short form.
    surnames = surname_index()
    n = len(doc)
    i = 0
    while i < n:
        if ix._tok_pos[i] != "PROPN" or i in ix._mention_at or not ix._tok_text[i][:1].isupper():
            i += 1
            continue
        # The longest known surname starting here: "De Vries" before "Vries".
        size, key = 0, ""
        for k in (3, 2, 1):
            if i + k > n or any(ix._tok_pos[j] != "PROPN" or j in ix._mention_at for j in range(i, i + k)):
                continue
            candidate = " ".join(_norm(ix._tok_text[j]) for j in range(i, i + k))
            if candidate in surnames or (k == 1 and candidate in lex.people_by_short):
                size, key = k, candidate
                break
        if not size or any(ix._hit_at[j] >= 0 for j in range(i, i + size)):
            i += 1
            continue  # unknown, or a country or body of that name ("Jordan") that stays one
        e = ix._ent_at[i]
        if e >= 0:
            ent = ix._ents[e]
            rest = [t for t in ent if not i <= t.i < i + size and t.pos_ == "PROPN" and t.lower_ not in _POSSESSIVE]
            if rest:
                i += 1
                continue  # part of a longer name the NER found ("Hale Foundation")
        if i + size < n and ix._tok_pos[i + size] == "PROPN" and doc[i + size].dep_ != "appos":
            i += 1
            continue  # part of a longer name ("Hale Foundation")
        if key in surnames:
            add_mention(pick(surnames[key], i), i, i + size)
        else:
            add_mention(resolve_single(i, i + size, ix._tok_text[i]), i, i + size)
            surnames = surname_index()
        i += size

    ix._clusters = clusters
    ix._mentions = sorted((m for c in clusters for m in c.mentions), key=lambda m: m.tok_start)

    # 4. What each mention's context says.
    for m in ix._mentions:
        m.cluster.descriptions.append(_describe(ix, m))

    # 5. Actors: people whose actor comes from a patron ("adviser to Medvedev") wait for the patron.
    for _ in range(4):
        changed = False
        for c in clusters:
            actor = _cluster_actor(ix, c)
            if actor != c.actor:
                c.actor = actor
                changed = True
        if not changed:
            break

    # 6. Records.
    people: list[Person] = []
    for c in clusters:
        role = next((d.role for d in c.descriptions if d.role), None)
        org = next((d.organization for d in c.descriptions if d.organization), None)
        terms = _terms_now(c.curated, ix.year)
        if role is None and ix.year is not None and len(terms) == 1:
            role = terms[0].office
        gender = c.gender
        if gender is None:
            genders = {p.gender for p in c.curated if p.gender}
            gender = genders.pop() if len(genders) == 1 else None
            c.gender = gender
        person = Person(name=c.name, mentions=tuple((m.start, m.end) for m in sorted(c.mentions, key=lambda m: m.start)),
                        role=role, organization=org, actor=c.actor, gender=gender)
        people.append(person)
        ix._person_of[id(c)] = person
    ix.people = people


# ---------------------------------------------------------------------------------------------
# Context of a mention


def _describe(ix: ActorIndex, m: _Mention) -> _Description:
    d = _Description()
    _title_before(ix, m, d)
    _after(ix, m, d)
    return d


def _find_title(ix: ActorIndex, words: list[str]):
    """The longest title among the words (rightmost on a tie), or None."""
    titles = ix.lex.titles
    best = None
    n = len(words)
    for size in range(min(6, n), 0, -1):
        for i in range(n - size, -1, -1):
            t = titles.get(tuple(words[i:i + size]))
            if t is not None:
                return t
    return best


def _title_before(ix: ActorIndex, m: _Mention, d: _Description) -> None:
    doc, lex = ix.doc, ix.lex
    rules = lex.rules
    sent_start = ix._sent_start[m.tok_start]
    i = m.tok_start - 1
    chunk = []
    while i >= sent_start:
        t = doc[i]
        low = t.lower_
        if low in _POSSESSIVE:
            chunk.insert(0, t)
            i -= 1
            continue
        if low in rules["honorifics_male"] or low in rules["honorifics_female"] or low in rules["honorifics"]:
            i -= 1
            continue
        ok = low in lex.title_words or low in rules["title_modifiers"] or (ix._hit_at[i] >= 0 and not t.is_punct)
        if not ok and t.dep_ in ("compound", "amod") and t.pos_ in ("PROPN", "NOUN", "ADJ"):
            # "Labour" in "Serbian Labour Minister": a modifier of the title or of the name.
            ok = chunk and (m.tok_start <= t.head.i < m.tok_end or any(t.head.i == c.i for c in chunk))
        if not ok and chunk and chunk[0].lower_ in _POSSESSIVE:
            ok = t.pos_ == "PROPN"  # the possessor: "Biden's national security adviser Tony Blinken"
        if not ok or (t.is_punct and low != "-") or low in ("the", "a", "an"):
            break
        chunk.insert(0, t)
        i -= 1
    if not chunk:
        return
    # The role is what follows the last country, body or possessor word.
    last_marker = -1
    for k, t in enumerate(chunk):
        if ix._hit_at[t.i] >= 0 or t.lower_ in _POSSESSIVE:
            last_marker = k
    role_tokens = [t for t in chunk[last_marker + 1:] if not t.is_punct or t.text == "-"]
    title = _find_title(ix, split_title(" ".join(t.text for t in role_tokens))) if role_tokens else None
    if title is None:
        return
    d.role = doc[role_tokens[0].i:role_tokens[-1].i + 1].text
    d.title_sector = title.sector
    d.title_patron = title.patron
    for k, t in enumerate(chunk[:last_marker + 1]):
        h = ix._hit_at[t.i]
        if h >= 0:
            hit = ix._hits[h]
            if hit.entry is None or hit.blocked:
                continue
            if hit.entry.kind in (IGO, ORG, SEAT):
                if d.organization is None:
                    d.organization = ix.text[hit.start:hit.end]
                    d.org_actor = ix._hit_actor(hit)
            elif hit.entry.kind in _COUNTRYISH:
                d.country = hit.entry.code
        elif t.lower_ in _POSSESSIVE and k > 0:
            owner = chunk[k - 1]
            pm = ix._mention_at.get(owner.i)
            if pm is not None and pm.cluster is not m.cluster:
                d.patron = pm.cluster


def _after(ix: ActorIndex, m: _Mention, d: _Description) -> None:
    """Appositives and relative clauses after the name, or a role noun the name is apposed to."""
    doc, rules = ix.doc, ix.lex.rules
    head = _root(doc, m.tok_start, m.tok_end)
    role_nouns = []
    verb_orgs = []
    for c in head.children:
        if c.dep_ == "appos" and c.i >= m.tok_end and c.pos_ in ("NOUN", "PROPN"):
            if c.i in ix._mention_at:
                continue  # "Tony Blinken, Biden's ..." is fine; "Putin, Medvedev" is a list
            role_nouns.append(c)
    if head.dep_ == "appos" and head.head.i < m.tok_start and head.head.pos_ == "NOUN":
        role_nouns.append(head.head)
    for c in head.children:
        if c.dep_ == "relcl" and c.lemma_.lower() in rules["role_verbs"] and c.i > head.i:
            for g in c.children:
                if g.dep_ == "prep" and g.lower_ == "as":
                    role_nouns.extend(p for p in g.children if p.dep_ == "pobj")
                elif g.dep_ in ("attr", "acomp") and g.pos_ in ("NOUN", "PROPN"):
                    role_nouns.append(g)
                elif g.dep_ == "dobj" and c.lemma_.lower() in ("head", "lead", "run", "chair", "direct"):
                    verb_orgs.append(("of", g))
                    if d.role is None:
                        d.role = c.lemma_.lower()
                elif g.dep_ == "prep" and g.lower_ in _ORG_PREPS:
                    verb_orgs.extend((g.lower_, p) for p in g.children if p.dep_ == "pobj")
    for r in role_nouns:
        _role_np(ix, m, r, d)
        if d.organization:
            break
    if d.organization is None:
        for prep, p in verb_orgs:
            _object(ix, m, prep, p, d)
            if d.organization:
                break


def _role_np(ix: ActorIndex, m: _Mention, r, d: _Description) -> None:
    doc, lex = ix.doc, ix.lex
    lefts = [c for c in r.lefts if c.dep_ in ("amod", "compound", "nmod", "npadvmod", "advmod", "nummod")]
    lo = min((c.left_edge.i for c in lefts), default=r.i)
    possessors = [c for c in r.lefts if c.dep_ == "poss"]
    if possessors:
        lo = max(lo, max(p.right_edge.i for p in possessors) + 1)
    while lo < r.i and (doc[lo].is_punct or doc[lo].lower_ in ("the", "a", "an")):
        lo += 1
    hi = r.i + 1
    words = [t.lower_ for t in doc[lo:hi]]
    # "secretary of state", "chief of staff": a title that runs through "of".
    for prep in r.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == hi:
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and tuple(words[-1:] + ["of"] + [t.lower_ for t in doc[prep.i + 1:pobj.i + 1]]) in lex.titles:
                    hi = pobj.i + 1
                    words = [t.lower_ for t in doc[lo:hi]]
    title = _find_title(ix, split_title(" ".join(words)))
    sector = title.sector if title is not None else ix._head_sector(r)
    if title is None and sector is None:
        return  # not a role ("Trump, expectations high, ..." is a misparse, not an appositive)
    if d.role is None:
        d.role = doc[lo:hi].text
    d.title_sector = d.title_sector or sector
    if title is not None:
        d.title_patron = d.title_patron or title.patron
    # Country and body words inside the role: "a Russian diplomat", "a UN official", "a Kremlin aide".
    topic = r.lower_ in lex.rules["topic_nouns"] or r.lemma_.lower() in lex.rules["topic_nouns"]
    for i in range(lo, r.i):
        h = ix._hit_at[i]
        if h < 0:
            continue
        hit = ix._hits[h]
        if hit.entry is None or hit.blocked:
            continue
        if hit.entry.kind in (IGO, ORG, SEAT):
            if d.organization is None:
                d.organization = ix.text[hit.start:hit.end]
                d.org_actor = ix._hit_actor(hit)
        elif hit.entry.kind in _COUNTRYISH and not (topic and not hit.adjectival):
            d.country = d.country or hit.entry.code
    for p in possessors:
        pm = ix._mention_at.get(p.i)
        if pm is not None and pm.cluster is not m.cluster:
            d.patron = d.patron or pm.cluster
            continue
        h = ix._hit_at[p.i]
        if h >= 0 and ix._hits[h].entry is not None and not ix._hits[h].blocked:
            hit = ix._hits[h]
            if hit.entry.kind in (IGO, ORG, SEAT):
                d.organization = d.organization or ix.text[hit.start:hit.end]
                d.org_actor = d.org_actor or ix._hit_actor(hit)
            else:
                d.country = d.country or hit.entry.code
    # Prepositional phrases, nested ones included: "director for Russia at the IISS".
    stack = [(c.lower_, p) for c in r.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    seen = 0
    while stack and seen < 8 and d.organization is None:
        prep, p = stack.pop(0)
        seen += 1
        _object(ix, m, prep, p, d, patron_title=d.title_patron)
        for c in p.children:
            if c.dep_ == "prep":
                stack.extend((c.lower_, q) for q in c.children if q.dep_ == "pobj")
            elif c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN"):
                stack.append((prep, c))


def _object(ix: ActorIndex, m: _Mention, prep: str, p, d: _Description, patron_title: bool = True) -> None:
    """Read one prepositional object of a role: an organization, a patron or a country."""
    doc = ix.doc
    pm = ix._mention_at.get(p.i)
    if pm is not None:
        if prep in ("to", "for") and patron_title and pm.cluster is not m.cluster:
            d.patron = d.patron or pm.cluster
        return
    h = ix._hit_at[p.i]
    if h >= 0:
        hit = ix._hits[h]
        if hit.entry is None or hit.blocked:
            return
        if hit.entry.kind in (IGO, ORG, SEAT):
            if prep in _ORG_PREPS or (prep == "to" and patron_title):
                d.organization = _org_text(ix, p) or ix.text[hit.start:hit.end]
                d.org_actor = ix._np_actor(p.left_edge.i, p.i + 1)
            return
        if prep == "of" and hit.entry.kind in _COUNTRYISH:
            d.country = d.country or hit.entry.code  # "president of Armenia"
        return
    k = ix._ent_at[p.i]
    if k >= 0 and ix._ents[k].label_ in _ORG_LABELS:
        if prep in _ORG_PREPS or (prep == "to" and patron_title):
            ent = ix._ents[k]
            d.organization = _org_text(ix, p)
            d.org_actor = ix._entity_actor(ent.start, ent.end, ent.label_)
        return
    if p.pos_ == "NOUN":
        # "an official at the Russian Foreign Ministry", "an adviser to the Obama administration".
        ref = ix._np_actor(p.left_edge.i, p.i + 1)
        if ref is not None and (prep in ("at", "of", "in", "with") and ref.sector or prep in ("to", "for") and patron_title):
            d.organization = doc[_skip_the(doc, p.left_edge.i):p.i + 1].text
            d.org_actor = ref


def _org_text(ix: ActorIndex, p) -> str:
    doc = ix.doc
    k = ix._ent_at[p.i]
    if k >= 0:
        ent = ix._ents[k]
        start, end = ent.start, ent.end
    else:
        start, end = p.left_edge.i, p.i + 1
    while end > start and doc[end - 1].lower_ in _POSSESSIVE:
        end -= 1
    start = _skip_the(doc, start)
    return doc[start:end].text


def _skip_the(doc, start: int) -> int:
    # "the Eurasia Group" -> "Eurasia Group"; "The Nixon Center" keeps its capital "The".
    return start + 1 if doc[start].text == "the" else start


# ---------------------------------------------------------------------------------------------
# Actor of a person


def _terms_now(curated: list[CuratedPerson], year: int | None):
    terms = [t for p in curated for t in p.terms]
    if year is None:
        return []
    return [t for t in terms if t.start <= year <= (t.end if t.end is not None else 9999)]


def _curated_actor(ix: ActorIndex, curated: list[CuratedPerson]) -> tuple[str | None, str | None]:
    if not curated:
        return None, None
    terms = [t for p in curated for t in p.terms]
    if ix.year is not None:
        now = _terms_now(curated, ix.year)
        if now:
            codes, sectors = {t.code for t in now}, {t.sector for t in now}
            return (codes.pop() if len(codes) == 1 else None), (sectors.pop() if len(sectors) == 1 else None)
        # Out of office: the country stays, the sector does not.
        countries = {t.code for t in terms if t.code in ix.lex.country_names and len(t.code) == 3
                     and t.code.isalpha() and t.code not in _igo_codes(ix)}
        return (countries.pop() if len(countries) == 1 else None), None
    # No year: the country all their offices share, but no sector -- "Trump" in an undated 2016
    # campaign story was no government official yet.
    codes = {t.code for t in terms}
    return (codes.pop() if len(codes) == 1 else None), None


def _igo_codes(ix: ActorIndex) -> frozenset[str]:
    cached = getattr(ix.lex, "_igo_codes", None)
    if cached is None:
        cached = frozenset(e.code for es in ix.lex.phrases.values() for e in es if e.kind == IGO)
        ix.lex._igo_codes = cached
    return cached


def _cluster_actor(ix: ActorIndex, c: _Cluster) -> ActorRef | None:
    org_code = org_sector = patron = title_country = title_sector = None
    patron_applies = False
    for d in c.descriptions:
        if d.org_actor is not None:
            org_code = org_code or d.org_actor.code
            org_sector = org_sector or d.org_actor.sector
        p_actor = d.patron_actor or (d.patron.actor if d.patron is not None and d.patron is not c else None)
        if p_actor is not None and patron is None:
            patron = p_actor
        if d.patron is not None:
            patron_applies = True
        title_country = title_country or d.country
        title_sector = title_sector or d.title_sector
    cur_code, cur_sector = _curated_actor(ix, c.curated)
    code = org_code or (patron.code if patron else None) or title_country or cur_code
    sector = None
    if org_sector not in (None, "IGO"):
        sector = org_sector
    elif patron is not None and patron_applies and patron.sector:
        sector = patron.sector
    sector = sector or title_sector or org_sector or cur_sector
    if code is None and sector is None:
        return None
    return ActorRef(code, sector, ix.lex.country_names.get(code) if code else None)


# ---------------------------------------------------------------------------------------------
# Pronouns and "the vice president"


def resolve_pronoun(ix: ActorIndex, tok) -> _Cluster | None:
    """The person "he"/"she" refers to: the subject before it in its sentence, else the subject
    (or first person) of up to three sentences before; people of the other gender are skipped."""
    gender = "m" if tok.lower_ in _PRONOUNS_M else "f"

    def fits(m: _Mention) -> bool:
        return m.cluster.gender in (None, gender)

    start = ix._sent_start[tok.i]
    before = [m for m in ix._mentions if start <= m.tok_start and m.tok_end <= tok.i and fits(m)]
    if before:
        subjects = [m for m in before if m.subject]
        return (subjects[-1] if subjects else before[-1]).cluster
    for _ in range(3):
        if start == 0:
            break
        end = start
        start = ix._sent_start[start - 1]
        inside = [m for m in ix._mentions if start <= m.tok_start < end and fits(m)]
        if inside:
            subjects = [m for m in inside if m.subject]
            return (subjects[0] if subjects else inside[0]).cluster
    return None


def nominal_person(ix: ActorIndex, root, start: int, end: int) -> _Cluster | None:
    """"the vice president" -> the latest person before it whose role is that title."""
    doc = ix.doc
    if not any(doc[i].lower_ == "the" for i in range(start, end)):
        return None
    words = [doc[i].lower_ for i in range(start, end) if doc[i].lower_ != "the" and not doc[i].is_punct]
    if not words or tuple(split_title(" ".join(words))) not in ix.lex.titles:
        return None
    wanted = " ".join(words)
    best, best_at = None, -1
    for m in ix._mentions:
        if m.tok_start >= start:
            break
        role = next((d.role for d in m.cluster.descriptions if d.role), None)
        if role and role.lower().endswith(wanted) and m.tok_start > best_at:
            best, best_at = m.cluster, m.tok_start
    return best

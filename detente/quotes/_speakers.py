"""Who a speaker mention is: the noun phrase at the cue, a full name, a role, an organisation.

The actor index (``detente.actors``) knows the people of an article best; when it is given and
has ``person_for_span`` / ``actor_for_span``, its answers win. The fallbacks here read the Doc
alone: a short name takes the longest full name of the article that ends with the same word, a
personal pronoun takes the person most recently named before it, an apposition gives the role.
"""
from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass

from ..records import ActorRef, Speaker
from ._lexicon import Lexicon

# Dependency labels that stay inside a speaker's noun phrase.
_NP_LEFT = {"compound", "det", "amod", "poss", "nummod", "nmod", "quantmod", "case", "predet", "advmod"}
_NP_RIGHT = {"compound", "flat", "case", "nummod", "amod"}
_NP_RIGHT_PREP = {"of", "for", "at", "from", "with", "close", "in", "on"}
_GROUP_ENTS = {"ORG", "GPE", "NORP", "FAC", "LOC"}
_NAME_ENTS = {"PERSON"}
_SUBJECT = {"nsubj", "nsubjpass"}
_RELATIVE = {"who", "that", "which", "whom"}
# Forms of address, not roles.
_HONORIFICS = {"mr.", "mrs.", "ms.", "mr", "mrs", "ms", "miss", "mx."}


@dataclass(frozen=True)
class _PersonMention:
    start: int
    """Character offset of the mention."""
    name: str
    """Full name the mention resolves to."""
    subject: bool
    """The mention is the subject of its clause (a likelier antecedent for he/she)."""


def _clean_name(words: list[str]) -> str:
    """The name without a possessive ending, a leading abbreviated title ("Sen.", "Mr.") or a
    byline dash glued to it ("-Jane")."""
    while words and words[-1] in ("'s", "’s", "'", "’"):
        words = words[:-1]
    if words and words[0][:1] in "-—–" and len(words[0]) > 1:
        words = [words[0].lstrip("-—–")] + words[1:]
    while len(words) > 1 and words[0].endswith(".") and len(words[0]) <= 5 and words[0][:1].isupper():
        words = words[1:]
    return " ".join(words)


class SpeakerResolver:
    """Resolve speaker tokens of one Doc; builds its name tables once per article."""

    def __init__(self, doc, index, lexicon: Lexicon, sent_start: list[int]):
        self.doc = doc
        self.sent_start = sent_start
        """Token index of the first token of each token's sentence."""
        self.index = index
        self.lexicon = lexicon
        self._person_for_span = getattr(index, "person_for_span", None)
        self._actor_for_span = getattr(index, "actor_for_span", None)
        # last word (lower case) -> [(offset, full name)] of names the article spells out
        self._names: dict[str, list[tuple[int, str]]] = {}
        self._mentions: list[_PersonMention] = []
        people = [ent for ent in doc.ents if ent.label_ in _NAME_ENTS]  # Doc.ents is rebuilt per call
        for ent in people:
            words = _clean_name([t.text for t in ent if not t.is_punct or t.text in ("'s", "’s")])
            parts = words.split()
            if parts:
                self._names.setdefault(parts[-1].lower(), []).append((ent.start_char, words))
        # full name -> (role, organization, actor) learnt from the fullest mention so far
        self._profiles: dict[str, tuple[str | None, str | None, ActorRef | None]] = {}
        for ent in people:
            name = self.full_name(_clean_name([t.text for t in ent]), ent.start_char)
            if not name:
                continue
            self._mentions.append(_PersonMention(ent.start_char, name, ent.root.dep_ in _SUBJECT))
            role, org = self._role(ent.root)
            if (role or org) and name not in self._profiles:
                self._profiles[name] = (role, org, None)
        self._mention_starts = [m.start for m in self._mentions]

    def _remember(self, name: str, offset: int) -> None:
        """A person who just spoke is the likeliest referent of a later 'he' or 'she'."""
        k = bisect.bisect_left(self._mention_starts, offset)
        if k < len(self._mentions) and self._mentions[k].start == offset:
            self._mentions[k] = _PersonMention(offset, name, True)
            return
        self._mentions.insert(k, _PersonMention(offset, name, True))
        self._mention_starts.insert(k, offset)
        parts = name.split()
        if len(parts) > 1:
            self._names.setdefault(parts[-1].lower(), []).append((offset, name))

    # ------------------------------------------------------------------ names
    def full_name(self, name: str, offset: int) -> str:
        """The fullest spelling of ``name`` in the article: longest name ending in the same word,
        named before ``offset`` when one is, else anywhere."""
        parts = name.split()
        if not parts:
            return name
        spelled = self._names.get(parts[-1].lower(), [])
        before = [n for o, n in spelled if o <= offset and n.lower().endswith(name.lower())]
        pool = before or [n for _, n in spelled if n.lower().endswith(name.lower())]
        best = max(pool, key=lambda n: (len(n.split()), len(n)), default=name)
        return best if len(best.split()) >= len(parts) else name

    def antecedent(self, offset: int, sentence_start: int) -> str | None:
        """Person a third-person singular pronoun at ``offset`` most likely refers to: the subject
        person nearest before it (the current sentence first, then earlier ones), else the nearest
        person mention."""
        k = bisect.bisect_left(self._mention_starts, offset)
        if k == 0:
            return None
        window = self._mentions[max(0, k - 12):k]
        for m in reversed(window):
            if m.subject and m.start < sentence_start:
                # a subject of an earlier sentence beats a non-subject mention in this one
                same = [x for x in window if x.start >= sentence_start]
                if same and same[-1].subject:
                    return same[-1].name
                return m.name
        return window[-1].name

    # ------------------------------------------------------------------ phrases
    @staticmethod
    def noun_phrase(tok) -> tuple[int, int]:
        """Token range [start, end) of the noun phrase headed by ``tok``, without appositions
        and relative clauses."""
        start, end = tok.i, tok.i + 1
        for child in tok.lefts:
            if child.dep_ in _NP_LEFT:
                start = min(start, child.left_edge.i)
        for child in tok.rights:
            if child.dep_ in _NP_RIGHT:
                end = max(end, child.right_edge.i + 1)
            elif child.dep_ == "prep" and child.lower_ in _NP_RIGHT_PREP and child.i == end:
                end = max(end, child.right_edge.i + 1)
            else:
                break
        doc = tok.doc
        if tok.ent_type_ and tok.ent_iob_ != "O":
            # keep a named entity whole ("Vice President Ana Ruiz" may split across compounds)
            ent_start = tok.i
            while ent_start > 0 and doc[ent_start].ent_iob_ == "I":
                ent_start -= 1
            ent_end = tok.i + 1
            while ent_end < len(doc) and doc[ent_end].ent_iob_ == "I":
                ent_end += 1
            start, end = min(start, ent_start), max(end, ent_end)
        for k in range(tok.i - 1, start - 1, -1):
            if doc[k].is_space and "\n" in doc[k].text:
                start = k + 1  # '11:15 a.m.\n\nJane Doe': a line break ends what came before
                break
        while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
            start += 1
        return start, end

    def _role(self, head) -> tuple[str | None, str | None]:
        """Role and organisation from an apposition ("X, a spokeswoman for the ministry") or from
        title words before a name ("Foreign Minister X")."""
        doc = head.doc
        for child in head.rights:
            if child.dep_ != "appos" or self._is_name(child):
                continue
            org = None
            role_end = child.right_edge.i + 1
            for sub in child.rights:
                if sub.dep_ == "prep" and sub.lower_ in ("of", "for", "at", "with", "to", "in"):
                    objs = [o for o in sub.children if o.dep_ == "pobj"]
                    if objs and objs[0].ent_type_ != "PERSON":
                        a, b = self.noun_phrase(objs[0])
                        org = doc[a:b].text
                    role_end = sub.i
                    break
                if sub.dep_ in ("relcl", "acl", "punct"):
                    role_end = min(role_end, sub.left_edge.i)
            role_start = child.left_edge.i
            while role_start < child.i and doc[role_start].dep_ in ("det", "punct", "poss", "case"):
                role_start += 1
            role = doc[role_start:role_end].text.strip(" ,") or None
            return role, org
        # 'Foreign Minister Ana Ruiz' has a title; 'the Foreign Ministry', 'the White House' and
        # 'Ana Ruiz' (a first name the tagger left outside the person) do not
        compounds = [c for c in head.lefts if c.dep_ == "compound" and not c.ent_type_ == "PERSON"
                     and c.pos_ in ("PROPN", "NOUN")]
        titled = [c for c in compounds if self._title_word(c)]
        if titled and (head.ent_type_ in _NAME_ENTS or head.pos_ == "PROPN" and head.ent_type_ not in _GROUP_ENTS):
            a = compounds[0].left_edge.i
            b = titled[-1].i + 1
            return doc[a:b].text, None
        return None, None

    def _title_word(self, tok) -> bool:
        """A word of a title before a name: a noun for a person ('Minister', 'Senator') or an
        abbreviation ('Sen.', 'Gov.')."""
        lower = tok.lower_
        if lower in _HONORIFICS:
            return False
        if lower.endswith(".") and 2 < len(lower) <= 5 and tok.text[:1].isupper():
            return True
        return "person" in (self.lexicon.speaker_nouns.get(lower), self.lexicon.speaker_nouns.get(tok.lemma_.lower()))

    def _is_name(self, tok) -> bool:
        """An appositive headed by a proper name ('his spokeswoman, Ana Ruiz'), not a role
        ('Ana Ruiz, the ministry's spokeswoman', 'Ana Ruiz, President of the council')."""
        return tok.pos_ == "PROPN" and self.lexicon.speaker_nouns.get(tok.lemma_.lower()) != "person" \
            and self.lexicon.speaker_nouns.get(tok.lower_) != "person"

    def _person_noun(self, tok) -> bool:
        return tok.pos_ == "NOUN" and "person" in (self.lexicon.speaker_nouns.get(tok.lemma_.lower()),
                                                   self.lexicon.speaker_nouns.get(tok.lower_))

    def _possessor_only(self, person, tok) -> bool:
        """The index found a person inside the phrase who is not its head: the owner in
        'the senator's spokeswoman' does not speak for her."""
        mentions = getattr(person, "mentions", None)
        if not mentions or tok.pos_ != "NOUN":
            return False
        for child in tok.lefts:
            if child.dep_ != "poss":
                continue
            lo, hi = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
            if any(lo <= a and b <= hi for a, b in mentions):
                return True
        return False

    def _named_apposition(self, tok, np_start: int) -> Speaker | None:
        """'The authority's spokeswoman, Ewa Lis, said': the person is the name in apposition,
        the noun before it their role."""
        doc = self.doc
        for child in tok.rights:
            if child.dep_ != "appos" or not (child.ent_type_ in _NAME_ENTS or child.pos_ == "PROPN"):
                continue
            if child.ent_type_ in _GROUP_ENTS and not self._person_noun(tok):
                continue  # 'the agency, Roscosmos': a body, not a person's name
            if child.ent_type_ in _GROUP_ENTS and self._actor_for_span is not None:
                a, b = self.noun_phrase(child)
                if self._actor_for_span(self.doc[a:b]) is not None:
                    continue  # a place or body the index knows: 'a spokesman, Moscow' is no name
            named = self._single(child)
            if named is None or not named.name:
                return None
            role_start = np_start
            while role_start < tok.i and doc[role_start].dep_ in ("det", "poss", "case", "punct"):
                role_start = doc[role_start].right_edge.i + 1 if doc[role_start].dep_ == "poss" else role_start + 1
            role = doc[role_start:tok.i + 1].text or None
            end = named.end if named.end is not None else child.idx + len(child)
            start = doc[np_start].idx
            actor = named.actor
            if actor is None and self._actor_for_span is not None:
                actor = self._actor_for_span(doc[np_start:tok.i + 1])  # "Moscow's envoy, X": RUS
            return dataclasses.replace(named, mention=self.doc.text[start:end], start=start, end=end,
                                       role=named.role or role, actor=actor)
        return None

    # ------------------------------------------------------------------ speakers
    def speaker(self, tok) -> Speaker | None:
        """The Speaker whose mention is headed by ``tok`` (a subject or the object of 'according to')."""
        if tok is None:
            return None
        if tok.lower_ in _RELATIVE and tok.head.dep_ in ("relcl", "acl") and tok.head.head is not tok.head:
            # 'Smith, who said ...': the mention is 'who', the speaker its antecedent
            antecedent = self.speaker(tok.head.head)
            if antecedent is None:
                return None
            return dataclasses.replace(antecedent, mention=tok.text, start=tok.idx, end=tok.idx + len(tok))
        first = self._complete(self._single(tok))
        conjuncts = [c for c in tok.rights if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")]
        if tok.pos_ == "NOUN" and tok.tag_ == "NN":
            # 'the former minister and current envoy' is one person; 'officials and diplomats' or
            # 'President A and Prime Minister B' are several
            conjuncts = [c for c in conjuncts if c.pos_ == "PROPN" or c.tag_ == "NNS"]
        if first is None or not conjuncts:
            return first
        # 'President X and Prime Minister Y complained': both speak
        group = [first] + [sp for sp in (self._complete(self._single(c)) for c in conjuncts) if sp is not None]
        start, end = group[0].start, group[-1].end
        actors = {sp.actor for sp in group}
        return Speaker(name=" and ".join(sp.name or sp.mention for sp in group), mention=self.doc.text[start:end],
                       start=start, end=end, actor=actors.pop() if len(actors) == 1 else None)

    def _complete(self, speaker: Speaker | None) -> Speaker | None:
        """Fill role, organization and actor a later mention ('Lind', 'she') leaves out from what an
        earlier mention of the same person gave."""
        if speaker is None or not speaker.name:
            return speaker
        known = self._profiles.get(speaker.name)
        if known is not None:
            role, org, actor = known
            speaker = dataclasses.replace(speaker, role=speaker.role or role,
                                          organization=speaker.organization or org,
                                          actor=speaker.actor or actor)
        if speaker.role or speaker.organization or speaker.actor:
            self._profiles[speaker.name] = (speaker.role, speaker.organization, speaker.actor)
        return speaker

    def _single(self, tok) -> Speaker | None:
        speaker = self._single_phrase(tok)
        if speaker is not None and speaker.mention and speaker.mention[:1] in "-—–" and speaker.start is not None:
            # a byline dash glued to the name ('-Jane Doe') is not part of the mention
            mention = speaker.mention.lstrip("-—– ")
            start = speaker.start + len(speaker.mention) - len(mention)
            name = speaker.name.lstrip("-—– ") if speaker.name else speaker.name
            speaker = dataclasses.replace(speaker, mention=mention, start=start, name=name)
        return speaker

    def _single_phrase(self, tok) -> Speaker | None:
        doc = self.doc
        a, b = self.noun_phrase(tok)
        span = doc[a:b]
        mention = span.text
        lower = tok.lower_
        role = org = None
        actor: ActorRef | None = None
        if tok.pos_ == "NOUN":
            named = self._named_apposition(tok, a)
            if named is not None:
                return named
        person = self._person_for_span(span) if self._person_for_span else None
        if person is not None and self._possessor_only(person, tok):
            person = None
        if person is not None:
            name = getattr(person, "name", None)
            role = getattr(person, "role", None)
            org = getattr(person, "organization", None)
            actor = getattr(person, "actor", None)
            if lower in self.lexicon.pronouns:
                mention = tok.text
            elif not name:
                name = mention
            else:
                self._remember(name, span.start_char)
            return Speaker(name=name, mention=mention, start=span.start_char, end=span.end_char,
                           role=role, organization=org, actor=actor)
        if lower in self.lexicon.pronouns:
            pron = self.lexicon.pronouns[lower]
            name = None
            if pron.person == 3 and pron.number == "sg" and pron.gender in ("m", "f"):
                name = self.antecedent(tok.idx, doc[self.sent_start[tok.i]].idx)
            return Speaker(name=name, mention=tok.text, start=tok.idx, end=tok.idx + len(tok))
        role, org = self._role(tok)
        # a bare surname the article spelled out in full names that person, whatever NER says
        known_surname = tok.text[:1].isupper() and tok.lower_ in self._names and b - a == 1
        if tok.ent_type_ in _NAME_ENTS or known_surname or (tok.pos_ == "PROPN" and tok.ent_type_ not in _GROUP_ENTS):
            words = [t.text for t in doc[a:b] if t.pos_ == "PROPN" or t.ent_type_ in _NAME_ENTS
                     or t.text in ("'s", "’s")]
            # the name is the person entity at the head, else the run of proper nouns ending there
            # (which may carry a title: "President Anna Berg" when NER missed the name)
            run = []
            in_entity = tok.ent_type_ in _NAME_ENTS
            for t in reversed(doc[a:tok.i + 1]):
                if (t.ent_type_ in _NAME_ENTS if in_entity else t.pos_ == "PROPN") or t.i == tok.i:
                    run.append(t.text)
                    if in_entity and t.ent_iob_ == "B":
                        break
                elif run:
                    break
            words = list(reversed(run)) or words
            name = self.full_name(_clean_name(words), tok.idx)
            if name:
                self._remember(name, span.start_char)
        else:
            name = mention
            if self._actor_for_span is not None:
                actor = self._actor_for_span(span)
        return Speaker(name=name or None, mention=mention, start=span.start_char, end=span.end_char,
                       role=role, organization=org, actor=actor)

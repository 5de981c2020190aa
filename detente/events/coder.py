"""The event coder: walks the dependency parse clause by clause and codes who did what to whom.

reads: spaCy Doc of Article.text, the ActorIndex (actor_for_span, person_for_span, entities),
       quotes (speakers), the Article (its date)
fills: Event records (type, mode, CAMEO root, QuadClass, intensity, source, target, date, trigger,
       evidence, confidence)

How one sentence is coded (find first, then build):
1. Find triggers: each token whose lemma (repaired where the tagger's lemma is no lexicon word:
   "staged" -> "stage") has patterns in the lexicon and whose companion words are present ("pull" +
   object "plug"; particles only after the verb). Names ("the Moscow Treaty") are not triggers.
2. Keep only the triggers that report a happening of their own. Dropped: triggers inside the
   complement of a consuming trigger ("refused to deploy troops") or the object of a verb trigger
   ("rejected an offer to host talks"); nouns that are not events where they stand ("needs
   cooperation", "days after Medvedev's visit"); what a time clause, a participle or a means phrase
   adds to a reported act ("after a jet shot down a helicopter", "killing two", "in scrapping the
   plan"); relative clauses about a named person; standing positions and habits in the narrative
   present ("Moscow objects to"), forecasts of continuing ("would keep talking"), questions ("asked
   whether"). A `+frame` trigger ("promised to withdraw") hands its mode to the trigger heading its
   complement and is coded itself when there is none ("offered to hand over two men").
3. For each remaining trigger: the source is the actor of the subject (passives: of the "by"
   agent; control and coordinated verbs: of the governing verb's subject; relative clauses: of the
   noun they modify; nouns: of the planner, the possessor, an actor modifier, "of" forces, or the
   subject of a support verb; a group with no country: the place it acts in); datelines and venues
   ("the Geneva talks") are never actors. The target is the actor found through the pattern's roles,
   in order (a threat: the subject of its condition); joint actors act on each other only where the
   text says so ("in a joint statement").
4. The mode comes from the clause: negation, modals, conditionals, frames (decide to, plans to),
   the future (a commitment when the actor announces it or no time is set, a scheduled step
   otherwise), speech and belief verbs above it, quotes, "according to"; the ontology re-types
   promises and refusals. Past perfect background dated before the article's month is historical.
5. The date is the date phrase on the trigger's own chain of heads (not one of a relative clause or
   of another noun), read in the tense of its clause.
No source actor, no event.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..records import ActorRef, Event, EventActor, Span
from .dates import BaseDate, base_date, resolve_date
from .lexicon import Lexicon, Pattern
from .ontology import Ontology

__all__ = ["EventCoder"]

_LOCATIVE = frozenset({"in", "at", "near", "along", "through", "across", "inside", "outside", "around",
                       "throughout", "within", "en", "via", "during", "over"})
_POLL_HEADS = frozenset({"percent", "%", "percentage", "majority", "minority", "share", "plurality", "per"})
# "Both countries", "the two governments": a pair of actors named before. "The two leaders" and "the
# two men" are left alone: who they are is coreference the actor stage does not resolve.
_PAIR_NOUNS = frozenset({"country", "nation", "side", "government", "state", "party", "capital",
                         "power", "neighbor", "neighbour", "administration"})
_FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "me", "my"})
_THIRD_PERSON_HUMAN = frozenset({"he", "she", "him", "her", "his", "hers"})
_THIRD_PERSON_OTHER = frozenset({"it", "they", "them", "its", "their", "theirs"})
_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
_CONDITION_MARKS = frozenset({"if", "unless", "provided", "whether"})
_HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_DATELINE = re.compile(r"(?m)^[ \t]*[A-Z][A-Z.'’\-]+(?:[ ,]+[A-Z][A-Za-z.'’\-]*){0,3}(?:\s*\([^)\n]{1,40}\))?"
                       r"\s*[—–-]{1,2}\s")
_STATIVE_PARTICIPLES = frozenset({"commit", "determine", "dedicate", "resolve"})
"""Frames whose passive form is a state of its subject ("is committed to")."""
_NAME_ENTS = frozenset({"LAW", "WORK_OF_ART", "EVENT", "ORG", "FAC", "PRODUCT"})
_TEMPORAL_MARKS = frozenset({"after", "before", "since", "when", "while", "until", "as", "once"})
_NEAR_WEEK = re.compile(r"\b(this|next|coming|following)\s+week(end)?\b", re.I)
_TIME_NOUNS = frozenset({"morning", "afternoon", "evening", "night", "weekend", "day", "week", "month", "year"})
_GO_ON = frozenset({"continue", "keep", "go", "remain", "stay"})
"""Verbs of continuing: "would keep talking" forecasts that something goes on, it reports no happening."""
_SPAN_OF_YEARS = re.compile(r"\b(decades|years|centuries|generations)\b", re.I)
_MODE_RANK = {"negated": 0, "hypothetical": 1, "reported": 2, "promised": 3, "intended": 4, "historical": 5,
              "asserted": 6}


@dataclass
class _Arg:
    """An actor found for a role: the resolved actor, the words it came from, how directly."""

    actor: ActorRef
    text: str
    quality: float
    """1.0 direct (subject, object, prepositional argument); lower for nested, locative, inherited."""
    token_i: int


@dataclass
class _Trigger:
    token: object
    pattern: Pattern | None
    frame_mode: str | None = None
    companions: list = field(default_factory=list)


class EventCoder:
    """Codes events of one document. Build one per document; the lexicon and ontology are shared."""

    def __init__(self, doc, index, quotes, article, lexicon: Lexicon, ontology: Ontology):
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each access: read it once
        self._date_ents = [(e.start, e.end, e) for e in doc.ents if e.label_ == "DATE"]
        self.index = index
        self.lex = lexicon
        self.onto = ontology
        self.base: BaseDate = base_date(article)
        self._actor_cache: dict[tuple[int, int], ActorRef | None] = {}
        self._quotes = sorted(
            ((q.start, q.end, getattr(q.speaker, "actor", None) if q.speaker else None)
             for q in (quotes or ()) if getattr(q, "kind", "direct") == "direct"),
            key=lambda x: x[0])
        self._quote_starts = [q[0] for q in self._quotes]
        self._paragraph_breaks = [m.start() for m in re.finditer(r"\n\s*\n", self.text)]
        self._recent: list[tuple[int, ActorRef, str]] = []
        """(sentence start char, actor, text) of recent event sources, for agentless nominal events."""
        self._entity_actors = self._mentions()
        self._lemma_cache: dict[int, str] = {}
        self._trigger_ids: set[int] = set()
        self._dateline_ends = self._datelines()

    def _datelines(self) -> dict[int, int]:
        """Paragraph start -> end of its dateline ("MOSCOW — ", "GENEVA (Crossline) - "): the place a
        story was filed from is no actor of its first sentence."""
        out = {}
        for m in _DATELINE.finditer(self.text):
            out[m.start()] = m.end()
        return out

    def _in_dateline(self, tok) -> bool:
        if not self._dateline_ends:
            return False
        k = bisect.bisect_right(self._paragraph_breaks, tok.idx)
        para_start = 0 if k == 0 else self._paragraph_breaks[k - 1]
        for start, end in self._dateline_ends.items():
            if para_start <= start <= tok.idx < end:
                return True
        return False

    def _lem(self, tok) -> str:
        """The token's lemma, repaired where the tagger's lemma is not a word of the lexicon but the
        inflected form plainly is ("staged" -> "stag" is read as "stage")."""
        lemma = self._lemma_cache.get(tok.i)
        if lemma is None:
            lemma = tok.lemma_.lower()
            if tok.tag_.startswith("VB") and lemma not in self.lex.vocabulary:
                lemma = next((c for c in _verb_stems(tok.lower_) if c in self.lex.vocabulary), lemma)
            self._lemma_cache[tok.i] = lemma
        return lemma

    # ------------------------------------------------------------------ resolution helpers
    def _mentions(self) -> list[tuple[int, int, ActorRef]]:
        out = []
        for ent in getattr(self.index, "entities", None) or ():
            actor = getattr(ent, "actor", None)
            if actor is not None and actor.code:
                out.append((ent.start, ent.end, actor))
        out.sort(key=lambda x: x[0])
        return out

    def _actor_of_span(self, start: int, end: int) -> ActorRef | None:
        key = (start, end)
        if key not in self._actor_cache:
            span = self.doc[start:end]
            actor = None
            try:
                actor = self.index.actor_for_span(span)
            except Exception:  # a resolver failure on one phrase must not end the article
                actor = None
            self._actor_cache[key] = actor if actor is not None and (actor.code or actor.name) else None
        return self._actor_cache[key]

    def _quote_at(self, char: int):
        k = bisect.bisect_right(self._quote_starts, char) - 1
        while k >= 0:
            start, end, actor = self._quotes[k]
            if start <= char < end:
                return self._quotes[k]
            if end <= char and k < len(self._quotes) and start < char - 5000:
                break
            k -= 1
        return None

    def _paragraph(self, char: int) -> int:
        return bisect.bisect_right(self._paragraph_breaks, char)

    def _pronoun_actor(self, tok) -> tuple[ActorRef | None, float]:
        low = tok.lower_
        quote = self._quote_at(tok.idx)
        if low in _FIRST_PERSON:
            if quote is not None and quote[2] is not None:
                return quote[2], 0.9
            return None, 0.0
        if low in _THIRD_PERSON_HUMAN:
            person = None
            try:
                person = self.index.person_for_span(self.doc[tok.i:tok.i + 1])
            except Exception:
                person = None
            actor = getattr(person, "actor", None) if person is not None else None
            if actor is not None:
                return actor, 0.85
            actor = self._actor_of_span(tok.i, tok.i + 1)
            return (actor, 0.8) if actor else (None, 0.0)
        if low in _THIRD_PERSON_OTHER:
            actor = self._actor_of_span(tok.i, tok.i + 1)
            if actor is not None:
                return actor, 0.85
            # "Hungary has said it will support ...", "Serbs said their forces had ...": the pronoun of a
            # reported clause is its speaker.
            node = tok
            for _ in range(8):
                if node.head == node:
                    break
                up = node.head
                if node.dep_ in ("ccomp", "xcomp", "acomp", "advcl", "conj") and \
                        (self._lem(up) in self.lex.speech_verbs or self._lem(up) in self.lex.frames):
                    subj = _subject(up)
                    if subj is not None and subj.lower_ not in _THIRD_PERSON_OTHER and subj.pos_ != "PRON":
                        args = self._actors_of_np(subj, allow_pronoun=False)
                        if args:
                            return args[0].actor, 0.8
                    if self._lem(up) in self.lex.speech_verbs:
                        break
                node = up
        return None, 0.0

    def _core_span(self, tok) -> tuple[int, int]:
        start, end = self._core_span_raw(tok)
        while start < end - 1 and self._in_dateline(self.doc[start]):
            start += 1
        return start, end

    def _core_span_raw(self, tok) -> tuple[int, int]:
        start = tok.i
        for child in tok.lefts:
            if child.dep_ in ("compound", "amod", "poss", "nmod", "det", "nummod", "quantmod", "case", "npadvmod"):
                start = min(start, child.left_edge.i if child.dep_ in ("compound", "poss", "nmod") else child.i)
        end = tok.i + 1
        for child in tok.rights:
            if child.dep_ in ("case",) or (child.dep_ == "compound" and child.i == end):
                end = child.i + 1
        # Named entities that the parse cut in two ("Great Britain") are taken whole.
        if tok.ent_type_:
            ent_start, ent_end = tok.i, tok.i + 1
            while ent_start > 0 and self.doc[ent_start - 1].ent_iob_ == "I" and tok.ent_iob_ != "B":
                ent_start -= 1
                if self.doc[ent_start].ent_iob_ == "B":
                    break
            while ent_end < len(self.doc) and self.doc[ent_end].ent_iob_ == "I":
                ent_end += 1
            start, end = min(start, ent_start), max(end, ent_end)
        return start, end

    def _actors_of_np(self, tok, allow_pronoun: bool = True, depth: int = 0, locative_ok: bool = True) -> list[_Arg]:
        """Actors of the noun phrase headed by ``tok`` (with its coordinated nouns)."""
        out: list[_Arg] = []
        for head in [tok, *_conjuncts(tok)]:
            for arg in self._actor_of_head(head, allow_pronoun, depth, locative_ok):
                if all(a.actor != arg.actor for a in out):
                    out.append(arg)
        return out

    def _actor_of_head(self, tok, allow_pronoun: bool, depth: int, locative_ok: bool) -> list[_Arg]:
        """Actors of one noun: the phrase itself, an actor modifier ("Hungarian and Romanian officials"),
        an appositive, or a prepositional phrase ("thousands of Kurds", "a camp for Congolese refugees");
        a place ("rebels in the Ivory Coast") only when ``locative_ok``."""
        if self._in_dateline(tok):
            # the parser may make the dateline the subject and the real one its appositive
            for child in tok.children:
                if child.dep_ == "appos" and not self._in_dateline(child):
                    return self._actor_of_head(child, allow_pronoun, depth, locative_ok)
            return []
        if self._lem(tok) in _POLL_HEADS or tok.lower_ in _POLL_HEADS:
            return []  # "23 percent of Russians approved ...": a poll result, not an act
        if _is_pronoun(tok):
            if not allow_pronoun:
                return []
            actor, q = self._pronoun_actor(tok)
            return [_Arg(actor, tok.text, q, tok.i)] if actor else []
        start, end = self._core_span(tok)
        coordinated = any(c.dep_ == "conj" for m in tok.lefts if m.dep_ in ("amod", "compound", "nmod", "poss")
                          for c in m.children)
        venues = {c.i for c in tok.children if self._is_venue(c, tok)}
        actor = None if coordinated or venues else self._actor_of_span(start, end)
        if actor is not None:
            return [_Arg(actor, self.doc[start:end].text, 1.0, tok.i)]
        for child in tok.children:
            if child.dep_ == "amod" and child.tag_ == "VBN" and self._lem(child) == "lead":
                # "Vietnamese-led forces", "the U.S.-led coalition": forces of the one who leads them
                for mod in child.children:
                    if mod.dep_ in ("npadvmod", "compound", "nmod", "amod") and mod.i < child.i:
                        actor = self._actor_of_span(*self._core_span(mod))
                        if actor is not None:
                            return [_Arg(actor, self.doc[mod.i:tok.i + 1].text, 0.9, mod.i)]
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < tok.i and child.i not in venues:
                if child.dep_ == "poss" and _is_pronoun(child):
                    if allow_pronoun and child.lower_ in ("his", "her", "their", "its") and \
                            self._lem(tok) in self.lex.agent_nouns:
                        # "his spokeswoman", "their forces": the people of whoever the pronoun names
                        actor, q = self._pronoun_actor(child)
                        if actor is not None:
                            return [_Arg(actor, self.doc[child.i:tok.i + 1].text, min(q, 0.8), child.i)]
                    continue
                found = []
                for mod in [child, *_conjuncts(child)]:
                    span = self._core_span(mod) if mod.dep_ != "amod" and mod.pos_ != "ADJ" else (mod.i, mod.i + 1)
                    actor = self._actor_of_span(*span)
                    if actor is not None and all(a.actor != actor for a in found):
                        found.append(_Arg(actor, self.doc[span[0]:span[1]].text, 0.95, mod.i))
                if found:
                    return found
        if coordinated:
            actor = self._actor_of_span(start, end)
            if actor is not None:
                return [_Arg(actor, self.doc[start:end].text, 1.0, tok.i)]
        if depth >= 3:
            return []
        for child in tok.children:
            if child.dep_ == "appos":
                found = self._actor_of_head(child, allow_pronoun, depth + 1, locative_ok)
                if found:
                    return found
        preps = ("of", "from", "by", "for")
        for child in tok.children:
            holder = child
            if (child.dep_ == "acl" and child.tag_ in ("VBN", "VBG")) or (child.dep_ == "amod" and child.i > tok.i):
                # "workers affiliated with the union", "militants loyal to Zarqawi"
                holder = next((c for c in child.children if c.dep_ == "prep"), None)
                if holder is None or holder.lower_ not in ("with", "to", "of", "from", "in"):
                    continue
            elif child.dep_ != "prep" or not (child.lower_ in preps or
                                              (locative_ok and child.lower_ in ("in", "throughout", "across"))):
                continue
            for pobj in holder.children:
                if pobj.dep_ == "pobj":
                    found = self._actor_of_head(pobj, False, depth + 1, locative_ok)
                    for a in found:
                        a.quality = min(a.quality, 0.9 if holder.lower_ in preps else 0.75)
                    if found:
                        return found
        return []

    def _subtree_actor(self, root, exclude: set[int], locative_ok: bool) -> _Arg | None:
        """First actor breadth-first under ``root`` (its own noun phrases before deeper clauses)."""
        queue = [root]
        seen = set()
        while queue:
            nxt = []
            for tok in queue:
                if tok.i in seen:
                    continue
                seen.add(tok.i)
                # an excluded word is not taken itself, but what hangs on it is searched
                if tok.pos_ in ("NOUN", "PROPN", "PRON") and tok.dep_ not in ("poss",) and tok.i not in exclude:
                    args = self._actors_of_np(tok, allow_pronoun=tok.lower_ in _FIRST_PERSON, depth=1,
                                              locative_ok=locative_ok)
                    if args:
                        return args[0]
                for child in tok.children:
                    if not locative_ok and child.dep_ == "prep" and child.lower_ in _LOCATIVE:
                        continue
                    if child.dep_ in ("punct", "cc", "det", "aux", "auxpass", "neg", "mark"):
                        continue
                    nxt.append(child)
            queue = nxt
        return None

    # ------------------------------------------------------------------ triggers
    def _match(self, tok) -> Pattern | None:
        lemma = self._lem(tok)
        if tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and tok.dep_ == "ROOT") or tok.tag_.startswith("VB"):
            pats = self.lex.verbs.get(lemma)
        elif tok.pos_ in ("NOUN", "PROPN"):
            pats = self.lex.nouns.get(lemma)
        else:
            return None
        if not pats:
            return None
        near = None
        for pat in pats:  # most specific first; a bare pattern comes last
            if not pat.companions:
                return pat
            if near is None:
                near = self._neighbour_lemmas(tok)
            if all(c & near for c in pat.companions):
                return pat
        return None

    def _neighbour_lemmas(self, tok) -> set[str]:
        out = set()
        for child in tok.children:
            if child.dep_ == "prep" and (child.i < tok.i or any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME")
                                                              for g in child.children)):
                continue  # "In Geneva, Clinton gave ...", "called off the strike on Friday": no particle
            if child.dep_ in ("prt", "dobj", "nsubjpass", "attr", "acomp", "advmod", "prep", "compound", "oprd",
                              "dative", "xcomp", "amod", "npadvmod", "intj", "ccomp"):
                out.add(self._lem(child))
                out.add(child.lower_)
                if child.dep_ in ("prep", "dobj", "nsubjpass", "dative", "attr"):
                    partitive = self._lem(child) in self.lex.partitive_nouns
                    for grand in child.children:
                        if grand.dep_ in ("pobj", "compound", "prep", "amod", "dobj", "prt"):
                            out.add(self._lem(grand))
                            if grand.dep_ == "pobj" and child.dep_ == "prep":
                                # "deployment of peacekeeping troops", "hold them as human shields"
                                out.update(self._lem(g) for g in grand.children if g.dep_ in ("compound", "amod"))
                            if grand.dep_ == "prep":
                                for g2 in grand.children:
                                    if g2.dep_ == "pobj":
                                        out.add(self._lem(g2))
                                        if partitive:  # "suspended part of a military aid program"
                                            out.update(self._lem(g) for g in g2.children if g.dep_ == "compound")
        if tok.head != tok and tok.dep_ in ("amod", "compound"):
            out.add(self._lem(tok.head))
        return out

    # ------------------------------------------------------------------ sentences
    def code(self) -> list[Event]:
        events: list[Event] = []
        for sent in self.doc.sents:
            events.extend(self._code_sentence(sent))
        return events

    def _code_sentence(self, sent) -> list[Event]:
        triggers: dict[int, _Trigger] = {}
        frames: dict[int, str] = {}
        for tok in sent:
            pat = self._match(tok)
            if pat is not None:
                triggers[tok.i] = _Trigger(tok, pat)
            elif self._lem(tok) in self.lex.frames and tok.pos_ in ("VERB", "ADJ", "NOUN", "AUX"):
                frames[tok.i] = self.lex.frames[self._lem(tok)]
        self._trigger_ids = set(triggers)
        demand = self._demands(sent)
        if not triggers and not demand:
            return []
        consumed: set[int] = set()
        framed: dict[int, tuple[str, int]] = {}
        for i, trig in triggers.items():
            pat, tok = trig.pattern, trig.token
            if pat.pos == "noun":
                if not self._noun_is_event(tok, triggers):
                    consumed.add(i)
                    continue
                if tok.dep_ in ("compound", "amod") and self._lem(tok.head) not in self.lex.frames:
                    consumed.add(i)  # "aid convoys", "peace talks delegation": a modifier, not the event
                    continue
                owner = _argument_owner(tok)
                if owner is not None and owner.i in triggers and owner.i != i:
                    consumed.add(i)  # "rejected a US offer": the offer is the argument of the rejection
                    continue
            if pat.consumes:
                inner = [j for j in _complement_tokens(tok) if j in triggers and j != i]
                heads = self._complement_heads(tok, triggers) if pat.frame else []
                if heads:
                    # "promised to withdraw": the withdrawal is the event, in the promise's mode; a trigger
                    # deeper down ("offered to hand over men suspected of blowing up a plane") is not.
                    consumed.add(i)
                    for j in heads:
                        framed[j] = (pat.mode or "promised", i)
                consumed.update(j for j in inner if j not in heads)
            if pat.pos == "verb":
                # "rejected a US offer to host a summit", "accepted an invitation to visit Moscow": what
                # the object says is the content of this event, not an event of its own
                for child in tok.children:
                    if child.dep_ == "dobj":
                        consumed.update(t.i for t in child.subtree if t.i in triggers and t.i != i)
            # "staged demonstrations to demand reforms": the purpose of an act is part of it
            holders = [tok]
            if pat.pos == "noun" and tok.dep_ == "dobj" and self._lem(tok.head) in self.lex.support_verbs:
                holders.append(tok.head)
            for child in (c for h in holders for c in h.children):
                if child.dep_ in ("advcl", "xcomp") and child.i in triggers and \
                        any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children) and \
                        not pat.frame and self._lem(tok) not in self.lex.frames:
                    consumed.update(t.i for t in child.subtree if t.i in triggers)
        for cond in sent:
            if cond.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "provided")
                                            for c in cond.children):
                # "would impose sanctions if China tested another missile": the condition is part of
                # the threat or offer, not a happening of its own
                consumed.update(t.i for t in cond.subtree if t.i in triggers)
        for i, trig in triggers.items():
            tok = trig.token
            if tok.pos_ == "PROPN" or (trig.pattern.pos == "noun" and tok.ent_type_ in _NAME_ENTS):
                consumed.add(i)  # "the Moscow Treaty", "the Strategic Arms Reduction Treaty": a name
                continue
            if tok.dep_ == "relcl" and tok.head.pos_ == "PROPN" and tok.head.ent_type_ in ("PERSON", "GPE", "ORG", "NORP"):
                consumed.add(i)  # "Gates, who backed the original plan, told ...": about the person, no report
                continue
            if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _TEMPORAL_MARKS for c in tok.children) and \
                    tok.head.i in triggers and triggers[tok.head.i].pattern.confidence >= 0.7:
                # "Italy suspended air links, one day after a Serbian jet shot down a helicopter": the
                # time clause dates the reported act with another happening, told as background
                consumed.add(i)
                continue
            if tok.dep_ == "pcomp" and tok.head.lower_ in ("in", "by") and tok.head.head.i in triggers:
                consumed.add(i)  # "In scrapping the plan, Washington gave way to Moscow": one act, told twice
                continue
            if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.i in triggers and \
                    not any(c.dep_ in ("mark", "nsubj", "aux") for c in tok.children):
                # "Putin, meeting Clinton at his residence, complained ...", "opened fire, killing one
                # and arresting 12": a participle beside a reported act is its circumstance or outcome,
                # not a report of its own
                consumed.add(i)
                consumed.update(c.i for c in _conjuncts(tok) if c.i in triggers and c.tag_ == "VBG")
        for _, (_tok, _subj, _target, inner) in demand.items():
            consumed.update(j for j in inner if j in triggers)
        # what lies inside a consumed trigger's complement belongs to it too
        changed = True
        while changed:
            changed = False
            for i in list(consumed):
                trig = triggers.get(i)
                if trig is None or not trig.pattern.consumes or i in framed:
                    continue
                for j in _complement_tokens(trig.token):
                    if j in triggers and j not in consumed and j != i and j not in framed:
                        consumed.add(j)
                        changed = True
        out: list[Event] = []
        seen: set[tuple] = set()
        for i, (tok, subj, target_tok, _inner) in demand.items():
            if subj is not None:
                out.extend(self._build(sent, _Trigger(tok, None), seen, request=(subj, target_tok)))
        for i in sorted(triggers):
            if i in consumed:
                continue
            trig = triggers[i]
            if i in framed:
                trig.frame_mode = framed[i][0]
            out.extend(self._build(sent, trig, seen, frames=frames))
        return out

    def _unambiguous_object(self, tok, pat: Pattern) -> bool:
        """A verb of reaction is plain from its object: a proposal or other act ("dismissed an appeal",
        "backed the plan") or a person allowed to act ("allowed the candidate to run"). Other verbs are
        not ("received a promise" is no meeting)."""
        if pat.type not in ("SUPPORT", "REJECT", "ACCUSE", "CONCEDE", "REQUEST"):
            return False
        for child in tok.children:
            if child.dep_ == "dobj":
                lemma = self._lem(child)
                if lemma in self.lex.proposal_nouns or lemma in self.lex.nouns:
                    return True
                if any(c.dep_ in ("xcomp", "ccomp") for c in tok.children) and child.pos_ in ("NOUN", "PROPN"):
                    return True
            if child.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children) and \
                    any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in child.children):
                return True  # the parser's reading of "allowed the candidate to run"
        return False

    def _complement_heads(self, tok, triggers) -> list[int]:
        """Triggers that head the complement of a frame: the complement's verb and its conjuncts, or,
        through verbs that are not events themselves ("promised to begin letting", "vowed to hold
        talks"), the first trigger on the chain of complements and objects."""
        found: list[int] = []
        children = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") or _to_infinitive_adjunct(c)]
        if tok.pos_ in ("NOUN", "PROPN"):
            children += [c for c in tok.children if c.dep_ == "acl"]
        queue = children
        for _ in range(4):
            nxt = []
            for node in queue:
                if node.i in triggers and (node.pos_ not in ("NOUN", "PROPN") or self._noun_is_event(node, triggers)):
                    found.append(node.i)
                    found.extend(c.i for c in _conjuncts(node) if c.i in triggers)
                    continue
                nxt.extend(c for c in node.children if c.dep_ in ("xcomp", "ccomp", "dobj", "conj"))
            if found or not nxt:
                break
            queue = nxt
        return found

    def _partitive_head(self, tok):
        """The noun that measures ``tok``: "days" for "10 days of war games", "part" for "part of an aid
        program"; ``tok`` itself when nothing measures it."""
        node = tok
        for _ in range(3):
            if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head != node.head and \
                    node.head.head.pos_ in ("NOUN", "NUM", "PRON", "DET") and \
                    self._lem(node.head.head) in self.lex.partitive_nouns:
                node = node.head.head
                continue
            break
        return node

    def _is_venue(self, mod, head) -> bool:
        """"the Geneva talks", "the Moscow summit": a place named before an occasion is where it
        happens, not who takes part."""
        return mod.dep_ == "compound" and mod.ent_type_ in ("GPE", "LOC", "FAC") and \
            self._lem(head) in self.lex.occasion_nouns and not mod.text.isupper() and "." not in mod.text

    def _standing(self, tok) -> bool:
        """A standing position or a habit, not a happening: a verb in the narrative present ("Moscow
        objects to American plans", "Clinton and Lavrov coordinate the commission"), a present perfect
        refusal to take a position ("has refused to accept Russia's recognition of Abkhazia"), or a
        forecast that a state goes on ("the two countries would go on disagreeing"). News reports what
        happened in the past tense. Reported speech ("Medvedev said Russia still opposed ...") and
        quotes are statements made, and stay events."""
        if tok.pos_ not in ("VERB", "AUX") or self._quote_at(tok.idx) is not None:
            return False
        auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        present = (tok.tag_ in ("VBZ", "VBP") and not auxes) or (tok.tag_ == "VB" and auxes & {"do", "does"}) or \
            (tok.tag_ == "VB" and not auxes and tok.dep_ in ("ROOT", "conj") and _subject(tok) is not None)
        perfect = tok.tag_ == "VBN" and auxes & {"has", "have"} and \
            any(self._lem(c) in self.lex.stative_verbs for c in tok.children if c.dep_ == "xcomp")
        if tok.dep_ in ("xcomp", "advcl") and self._lem(tok.head) in _GO_ON and \
                any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX | {"would"} for c in tok.head.children):
            return True  # a forecast, whoever makes it
        if not present and not perfect:
            return False
        node = tok
        for _ in range(6):  # under a speech verb it is what someone said
            if node.dep_ in ("ROOT",) or node.head == node:
                return True
            if node.dep_ in ("ccomp", "xcomp") and self._lem(node.head) in self.lex.speech_verbs:
                return False
            node = node.head
        return True

    def _generic_infinitive(self, tok) -> bool:
        """"more tempting ... than to cooperate", "it is easy to attack": an infinitive under an
        adjective or a comparison states no act; nor does a gerund naming what a thing or a duty is
        for ("responsible for shooting down missiles", "a system for intercepting missiles")."""
        if tok.tag_ == "VBG" and tok.dep_ == "pcomp" and tok.head.lower_ in ("for", "of") and \
                tok.head.head.pos_ in ("NOUN", "ADJ"):
            return True
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return False
        if any(c.dep_ == "mark" and c.lower_ == "than" for c in tok.children):
            return True
        node = tok
        for _ in range(3):
            if node.dep_ not in ("advcl", "xcomp", "ccomp", "acl", "conj") or node.head == node:
                return False
            node = node.head
            if node.pos_ == "ADJ":
                return self._lem(node) not in self.lex.frames
            if node.pos_ in ("VERB", "AUX", "NOUN"):
                return False
        return False

    def _noun_is_event(self, tok, triggers) -> bool:
        """A noun names an event where the text reports it: as a subject, the object of a support verb
        ("held talks"), a plan noun's complement, after a time or cause preposition ("after the attack"),
        or with its own agent ("Israel's withdrawal", "U.S. sanctions"); not as the object of other
        verbs ("needs Russian cooperation")."""
        node = self._partitive_head(tok)
        while node.dep_ in ("conj", "appos") and node.head != node:
            node = self._partitive_head(node.head)
        dep = node.dep_
        if dep in ("nsubj", "nsubjpass", "ROOT", "compound", "amod"):
            return True
        if dep in ("dobj", "attr", "oprd"):
            verb = node.head
            lemma = self._lem(verb)
            return verb.i in triggers or lemma in self.lex.support_verbs or lemma in self.lex.object_frames or \
                lemma in self.lex.speech_verbs
        if dep == "pobj":
            prep = node.head
            if prep.lower_ in ("after", "before", "following", "since", "during", "despite", "amid", "amidst",
                               "over", "against", "with", "for", "to", "of", "by", "in", "on", "into", "about"):
                owner = prep.head
                if prep.lower_ == "for" and self._lem(owner) in self.lex.motion_verbs:
                    return True  # "returned to Geneva for talks"
                if prep.lower_ in ("after", "before", "following", "since", "during", "despite", "amid", "amidst"):
                    return False  # "days after Medvedev's visit": a happening the text refers to, reported elsewhere
                return owner.i in triggers or self._lem(owner) in self.lex.frames
            return False
        return dep in ("acl", "xcomp", "ccomp", "advcl", "pcomp", "relcl") or self._lem(node.head) in self.lex.frames

    def _demands(self, sent) -> dict[int, tuple]:
        """"X said (that) Y must/should V": a REQUEST from X to Y, keyed by the speech verb.

        Values are (speech verb, its subject, the complement's subject, token ids of the complement).
        """
        out = {}
        for tok in sent:
            if self._lem(tok) not in self.lex.speech_verbs or tok.pos_ not in ("VERB", "AUX"):
                continue
            for comp in tok.children:
                if comp.dep_ != "ccomp":
                    continue
                modals = {c.lower_ for c in comp.children if c.dep_ in ("aux", "auxpass")}
                if not modals & {"must", "should", "ought"} or "have" in modals:
                    continue  # "should have given their deal a chance" is a reproach, not a demand
                subj = _subject(comp)
                if subj is None or subj.dep_ == "nsubjpass" or _is_pronoun(subj):
                    continue  # "Iran should be given a chance": not what Iran is asked to do
                out[tok.i] = (tok, _subject(tok), subj, [t.i for t in comp.subtree])
        return out

    # ------------------------------------------------------------------ building events
    def _build(self, sent, trig: _Trigger, seen: set, frames: dict | None = None, request=None) -> list[Event]:
        tok = trig.token
        frames = frames or {}
        if request is not None:
            type_name, pat_conf = "REQUEST", 0.75
            subj_tok, target_tok = request
            sources = self._actors_of_np(subj_tok) if subj_tok is not None else []
            targets = self._actors_of_np(target_tok, allow_pronoun=False)
            if not targets:
                return []  # "sanctions should be aimed at ...": a demand is made of someone
            passive = False
            pattern_mode = None
        else:
            pat = trig.pattern
            type_name, pat_conf, pattern_mode = pat.type, pat.confidence, pat.mode
            if self._generic_infinitive(tok) or self._standing(tok) or (pat.type == "REQUEST" and _asks_question(tok)):
                return []
            sources, passive = self._sources(tok, pat)
            if not sources:
                sources = self._inherited_source(tok, sent, frames)
            if not sources:
                return []
            targets = self._targets(tok, pat, passive, sources)
            if pat.confidence < 0.7 and not targets and not self._unambiguous_object(tok, pat):
                return []  # an ambiguous verb ("receive", "allow", "back") counts only with an actor as target
        if not sources:
            return []
        mode, drop, found = self._mode(tok, sources[0], pattern_mode, trig.frame_mode, frames, type_name)
        if drop or (mode == "negated" and request is None and trig.pattern.pos == "noun"):
            return []  # "made no promise", "never made any such promise": a negated noun names no event
        future = "future" in found or trig.frame_mode in ("promised", "intended")
        date, precision, habitual, past_perfect = self._date(tok, sent, future)
        if habitual:
            return []  # "during his three decades in the Senate": a career, not a happening
        if mode in ("asserted", "reported") and date and self._long_before(date, past_perfect):
            mode = "historical"
        final_type = type_name
        if mode == "negated":
            negated_as = self.onto.types[type_name].negated_as
            final_type = negated_as or type_name
        elif "ultimatum" in found:
            final_type = "THREATEN"
        elif "promised" in found:
            # a promise reported by someone else is still a promise: the type follows the commitment
            final_type = self.onto.types[type_name].promised_as
        et = self.onto.types[final_type]
        if mode == "negated" and final_type != type_name:
            intensity = et.intensity  # a refusal weighs as the REJECT it is (see ontology.yaml)
        else:
            intensity = self.onto.intensity(final_type, mode)
        trigger_span = self._trigger_span(tok, trig)
        evidence = self._evidence(sent, tok)
        out = []
        if len(sources) > 1 and not targets:
            if len({a.actor.code for a in sources}) > 1 and self._mutual(tok):
                # "X and Y promised in a joint statement": each promised the other
                pairs = [(a, b) for a in sources for b in sources if a.actor.code != b.actor.code]
            else:
                pairs = [(s, None) for s in sources]
        else:
            pairs = [(s, t) for s in sources for t in (targets or [None])]
        for src, tgt in pairs:
            if tgt is not None and tgt.token_i == src.token_i:
                tgt = None
            key = (final_type, src.actor.code or src.actor.name, tgt.actor.code if tgt else None)
            if key in seen:
                continue
            seen.add(key)
            confidence = pat_conf * src.quality * (tgt.quality if tgt else 0.9)
            out.append(Event(
                type=final_type, mode=mode, cameo_root=et.cameo_root, quad_class=et.quad_class,
                intensity=float(intensity), negated=mode == "negated", hypothetical=mode == "hypothetical",
                source=EventActor(src.text, src.actor.code, src.actor.sector),
                target=EventActor(tgt.text, tgt.actor.code, tgt.actor.sector) if tgt else None,
                date=date, date_precision=precision, trigger=trigger_span, evidence=evidence,
                confidence=round(max(0.05, min(1.0, confidence)), 2)))
        if out:
            self._recent.append((sent.start_char, sources[0].actor, sources[0].text))
        return out

    def _evidence(self, sent, tok) -> Span:
        """The sentence of the trigger, clipped to its paragraph (the parser may run a sentence over a
        paragraph break after a closing quote) and stripped of blanks."""
        text = self.text
        start, end = sent.start_char, sent.end_char
        k = bisect.bisect_right(self._paragraph_breaks, tok.idx)
        if k > 0:
            brk = self._paragraph_breaks[k - 1]
            start = max(start, brk + len(re.match(r"\n\s*\n", text[brk:]).group(0)))
        if k < len(self._paragraph_breaks):
            end = min(end, self._paragraph_breaks[k])
        while start < end and text[start].isspace():
            start += 1
        if start in self._dateline_ends and self._dateline_ends[start] < end:
            start = self._dateline_ends[start]  # "MOSCOW — " is where the story was filed, not the sentence
        while end > start and text[end - 1].isspace():
            end -= 1
        return Span(text[start:end], start, end)

    def _trigger_span(self, tok, trig: _Trigger) -> Span:
        start, end = tok.idx, tok.idx + len(tok.text)
        if trig.pattern is not None and trig.pattern.companions:
            for child in tok.children:
                if any(self._lem(child) in c for c in trig.pattern.companions) and abs(child.i - tok.i) <= 4:
                    start, end = min(start, child.idx), max(end, child.idx + len(child.text))
        return Span(self.text[start:end], start, end)

    # ------------------------------------------------------------------ source
    def _sources(self, tok, pat: Pattern) -> tuple[list[_Arg], bool]:
        if pat.pos == "noun":
            return self._noun_sources(tok, pat), False
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        if passive and any(c.dep_ == "dobj" for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children) \
                and any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in tok.children):
            # "he's taken potshots at": a perfect read as a passive ("'s" is "has"); a true passive
            # with an object ("Poland would be offered a role") stays passive
            passive = False
        if passive:
            for child in tok.children:
                if child.dep_ == "agent":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return self._actors_of_np(pobj), True
            if not pat.frame or self._lem(tok) not in _STATIVE_PARTICIPLES:
                return [], True  # "Poland would be offered a role": the offer is made to the subject
            passive = False  # "Vietnam is committed to opening up": a state of the subject, not a passive act
        head = tok
        quality = 1.0
        for _ in range(6):
            subj = _subject(head)
            if subj is not None:
                if subj.lower_ in _RELATIVE and head.dep_ == "relcl":
                    subj = head.head
                if self._lem(subj) in _PAIR_NOUNS and _is_pair_anaphor(subj):
                    pair = self._pair_antecedent(subj)
                    if pair:
                        return pair, False
                args = self._actors_of_np(subj)
                if not args and head == tok:
                    args = self._place_of_group(tok, subj, pat)
                for a in args:
                    a.quality *= quality
                return args, False
            if head.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl", "relcl", "acomp") and head.head != head:
                if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN"):
                    noun = head.head
                    if head.tag_ == "VBN":
                        return [], False  # "missiles delivered to X": a passive participle, agent unknown
                    if self._lem(noun) in self.lex.frames:
                        return self._noun_sources(noun, None), False
                    args = self._actors_of_np(noun)
                    if not args and noun.dep_ == "dobj" and \
                            self._lem(noun.head) in self.lex.support_verbs | self.lex.speech_verbs:
                        # "issued a declaration demanding ...": the one who issued it demands
                        args, _ = self._sources(noun.head, _SUPPORT_PATTERN)
                    return args, False
                if head.dep_ == "relcl":
                    return self._actors_of_np(head.head), False
                if head.dep_ == "xcomp" and any(c.dep_ in ("dobj",) for c in head.head.children) and \
                        self._lem(head.head) not in self.lex.frames:
                    # object control: "urged Iran to stop" - the doer is the object
                    obj = next(c for c in head.head.children if c.dep_ == "dobj")
                    return self._actors_of_np(obj), False
                head = head.head
                if head.dep_ == "prep":
                    head = head.head
                quality *= 0.9
                continue
            break
        return [], False

    def _place_of_group(self, tok, subj, pat: Pattern) -> list[_Arg]:
        """"Prisoners rioted at a jail in Dili", "a roadside bombing near Samarra killed ...": a group or
        an attack the text gives no country is coded with the place it happens in (the CAMEO
        convention), for material conflict only; a named party never takes a place's country."""
        if subj.pos_ != "NOUN" or self.onto.types[pat.type].quad_class != 4:
            return []
        places = [c for c in tok.children if c.i > tok.i] + [c for c in subj.children if c.i > subj.i]
        for child in places:
            if child.dep_ == "prep" and child.lower_ in _LOCATIVE:
                arg = self._subtree_actor(child, set(), locative_ok=True)
                if arg is not None and arg.actor.code:
                    return [_Arg(ActorRef(arg.actor.code, None, arg.actor.name), subj.text, 0.6, subj.i)]
        return []

    def _noun_sources(self, tok, pat: Pattern | None) -> list[_Arg]:
        holder = self._partitive_head(tok)
        verb = holder.head if holder.dep_ == "dobj" else None
        if verb is not None and self._lem(verb) in self.lex.object_frames and verb.i not in self._trigger_ids:
            # "prepared an offensive", "plans talks": the one who plans is the source, and without
            # one the planned event has none ("the talks were meant to prepare a meeting between A and B")
            args, _ = self._sources(verb, _SUPPORT_PATTERN)
            return [_Arg(a.actor, a.text, a.quality * 0.9, a.token_i) for a in args]
        roles = pat.roles if pat else ()
        if "between" in roles:
            pair = self._between(tok)
            if pair:
                return [pair[0]]
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < tok.i:
                if self._is_venue(child, tok):
                    continue
                span = self._core_span(child) if child.dep_ != "amod" else (child.i, child.i + 1)
                if child.pos_ == "PRON":
                    actor, q = self._pronoun_actor(child)
                    if actor:
                        return [_Arg(actor, child.text, q, child.i)]
                    continue
                actor = self._actor_of_span(*span)
                if actor is not None:
                    return [_Arg(actor, self.doc[span[0]:span[1]].text, 0.95, child.i)]
        args = self._actors_after(tok, "by")
        if args:
            return args
        if pat is not None and "of" not in pat.roles:
            # "the withdrawal of Russian troops", "the deployment of NATO peacekeepers": when "of" names
            # no target it names who acts
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            args = self._actors_of_np(pobj, allow_pronoun=False, locative_ok=False)
                            if args:
                                return [_Arg(a.actor, a.text, min(a.quality, 0.85), a.token_i) for a in args]
        verb = holder.head
        if holder.dep_ in ("dobj", "nsubjpass") and verb != holder and \
                self._lem(verb) in self.lex.support_verbs | set(self.lex.frames) | self.lex.speech_verbs:
            args, _ = self._sources(verb, _SUPPORT_PATTERN)
            return [_Arg(a.actor, a.text, a.quality * 0.95, a.token_i) for a in args]
        if holder.dep_ == "pobj" and holder.head.lower_ == "for" and self._lem(holder.head.head) in self.lex.motion_verbs:
            args, _ = self._sources(holder.head.head, _SUPPORT_PATTERN)  # "returned to Geneva for talks"
            return [_Arg(a.actor, a.text, a.quality * 0.9, a.token_i) for a in args]
        return []

    def _inherited_source(self, tok, sent, frames: dict) -> list[_Arg]:
        """Agentless plan nouns ("the decision to deliver missiles") continue the last source of the paragraph."""
        frame_noun = None
        head = tok
        for _ in range(3):
            if head.dep_ in ("acl", "xcomp") and head.head.pos_ == "NOUN" and self._lem(head.head) in self.lex.frames:
                frame_noun = head.head
                break
            head = head.head
        if frame_noun is None or not self._recent:
            return []
        if any(c.dep_ in ("poss",) for c in frame_noun.children):
            return []
        start, actor, text = self._recent[-1]
        if self._paragraph(start) != self._paragraph(sent.start_char) and sent.start_char - start > 600:
            return []
        return [_Arg(actor, text, 0.6, -1)]

    def _pair_antecedent(self, tok) -> list[_Arg]:
        """"Both countries": the last two actors named together before, else the last two named."""
        sent = tok.sent
        limit = tok.idx
        first_sent = sent
        for _ in range(3):
            prev = self.doc[first_sent.start - 1].sent if first_sent.start > 0 else None
            if prev is None:
                break
            first_sent = prev
        region = self.doc[first_sent.start:tok.i]
        best = None
        for t in region:
            if t.dep_ == "conj" and t.idx < limit:
                a = self._actor_of_head(t.head, False, 1, True)
                b = self._actor_of_head(t, False, 1, True)
                if a and b and a[0].actor.code and b[0].actor.code and a[0].actor.code != b[0].actor.code:
                    best = [a[0], b[0]]
        if best is None:
            codes: list[_Arg] = []
            for start, end, actor in reversed(self._entity_actors):
                if start >= limit or start < first_sent.start_char:
                    continue
                if all(c.actor.code != actor.code for c in codes):
                    codes.insert(0, _Arg(actor, self.text[start:end], 0.7, -1))
                if len(codes) == 2:
                    break
            best = codes if len(codes) == 2 else None
        if best is None:
            return []
        for a in best:
            a.quality = min(a.quality, 0.8)
        # one event for the dyad: the first-named actor is the source, the second the target
        best[0].token_i = -2
        return [_PairArg(best[0].actor, best[0].text, best[0].quality, -2, partner=best[1])]

    def _between(self, tok) -> tuple[_Arg, _Arg] | None:
        args = self._between_all(tok)
        return (args[0], args[1]) if len(args) >= 2 else None

    def _between_all(self, tok) -> list[_Arg]:
        """Actors named after "between", on the word or on its object ("mediated talks between X and Y")."""
        for holder in [tok] + [c for c in tok.children if c.dep_ == "dobj"]:
            args = self._actors_after(holder, "between")
            if args:
                return args
        return []

    def _actors_after(self, tok, preposition: str) -> list[_Arg]:
        """Actors of the first object of ``preposition`` under ``tok`` that names any ("by X", "between X and Y")."""
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == preposition:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        args = self._actors_of_np(pobj, allow_pronoun=False)
                        if args:
                            return args
        return []

    # ------------------------------------------------------------------ target
    def _targets(self, tok, pat: Pattern, passive: bool, sources: list[_Arg]) -> list[_Arg]:
        if sources and isinstance(sources[0], _PairArg):
            return [sources[0].partner]
        weak: list[_Arg] = []
        source_codes = {s.actor.code for s in sources}
        joint = len(sources) > 1
        threat = pat.type == "THREATEN"
        if threat:
            # "warned that Russia could pull out if the United States expanded its defenses": a threat
            # is aimed at the one whose act would set it off
            aimed = self._condition_subject(tok, source_codes)
            if aimed:
                return aimed
        for role in pat.roles:
            found = self._role(tok, role, passive, strict=pat.confidence < 0.7)
            if role == "between":
                # "talks between X and Y": X is the source, Y the target; "mediated between X and Y":
                # both are targets of the mediator
                found = [a for a in found if a.actor.code not in source_codes]
            if joint:
                # "X and Y agreed that their countries should ...": a joint act, not aimed at its own actors
                found = [a for a in found if a.actor.code not in source_codes]
            if not found:
                continue
            if all(a.quality < 0.8 for a in found):
                weak = weak or found
                continue
            return found
        inherited = self._matrix_target(tok, source_codes)
        if inherited:
            return inherited
        if weak or joint:
            return weak
        # The place of a material act is its target when nothing else is named ("rioted at a jail in
        # Israel", "shelled villages in Bosnia"); not a scene-setting phrase before it ("In Silicon
        # Valley, the president visited ..."), and not for words and meetings.
        if self.onto.types[pat.type].quad_class not in (2, 4):
            return []
        holders = [tok] + [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if pat.pos == "noun" and tok.dep_ == "nsubj":
            holders.append(tok.head)  # "the deployment of peacekeepers arrived in Bosnia"
        for holder in holders:
            for child in holder.children:
                if child.dep_ == "prep" and child.lower_ in _LOCATIVE | {"into", "outside"} and child.i > tok.i:
                    arg = self._subtree_actor(child, set(), locative_ok=True)
                    if arg is not None and arg.actor.code:
                        arg.quality = 0.7
                        return [arg]
        return []

    def _condition_subject(self, tok, source_codes: set) -> list[_Arg]:
        """Actors of the subject of an "if" or "unless" clause inside the content of ``tok``."""
        content = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "acl", "relcl", "advcl")]
        for clause in content:
            for node in [clause, *clause.subtree]:
                if node.dep_ != "advcl" or not any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                                   for m in node.children):
                    continue
                subj = _subject(node)
                if subj is None:
                    continue
                args = [a for a in self._actors_of_np(subj, allow_pronoun=False) if a.actor.code not in source_codes]
                if args:
                    for a in args:
                        a.quality = min(a.quality, 0.85)
                    return args
        return []

    def _role(self, tok, role: str, passive: bool, strict: bool = False) -> list[_Arg]:
        """Actors in ``role`` of ``tok``; ``strict``: an ambiguous verb's object must itself be an actor
        ("received the envoy", not "received a promise on the part of Russians")."""
        if role == "dobj":
            deps = ("nsubjpass",) if passive else ("dobj",)
            for child in tok.children:
                if child.dep_ in deps:
                    args = self._actors_of_np(child, allow_pronoun=child.lower_ not in _THIRD_PERSON_OTHER)
                    if not args and not strict:  # "boycott all contact with the United States"
                        arg = self._subtree_actor(child, {child.i}, locative_ok=False)
                        if arg is not None:
                            arg.quality = min(arg.quality, 0.85)
                            args = [arg]
                    return args
            for child in tok.children:
                # "will not allow Chinese troops to cross": the parser's object is its clause's subject
                if not passive and child.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                    subj = _subject(child)
                    if subj is not None and not _is_pronoun(subj):
                        return self._actors_of_np(subj, allow_pronoun=False)
            return []
        if role == "dative":
            for child in tok.children:
                if child.dep_ == "dative":
                    return self._actors_of_np(child, allow_pronoun=False)
            return []
        if role == "poss":
            for child in tok.children:
                if child.dep_ == "poss":
                    return self._actors_of_np(child, allow_pronoun=False)
            return []
        if role == "between":
            return self._between_all(tok)  # the source's own side is left out by the caller
        if role in ("xcomp", "comp", "ccomp"):
            deps = {"xcomp": ("xcomp",), "ccomp": ("ccomp",), "comp": ("ccomp", "xcomp", "advcl", "prep")}[role]
            children = list(tok.children)
            if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "dobj":
                children += [c for c in tok.head.children if c.dep_ == "ccomp"]
            # the complement proper before adjuncts ("Putin, meeting Clinton, complained that the police ...")
            children.sort(key=lambda c: deps.index(c.dep_) if c.dep_ in deps else len(deps))
            for child in children:
                if child.dep_ not in deps:
                    continue
                if child.dep_ == "prep" and child.lower_ not in ("of", "about", "that"):
                    continue
                if role == "ccomp":
                    subj = _subject(child)
                    if subj is not None:
                        args = self._actors_of_np(subj, allow_pronoun=False)
                        if args:
                            return args
                    continue
                exclude = {c.i for c in child.children if c.dep_ in ("nsubj",) and c.lower_ in _THIRD_PERSON_OTHER}
                arg = self._subtree_actor(child, exclude, locative_ok=False)
                if arg is None:
                    arg = self._subtree_actor(child, exclude, locative_ok=True)
                    if arg is not None:
                        arg.quality = min(arg.quality, 0.75)
                if arg is not None:
                    arg.quality = min(arg.quality, 0.9)
                    return [arg]
            return []
        # a preposition: on the trigger, or on its object / companion noun ("pulled the plug on")
        holders = [tok] + [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "prt", "dative")]
        if tok.dep_ in ("dobj",) and tok.pos_ in ("NOUN", "PROPN"):
            holders.append(tok.head)
        holders += [g for h in list(holders) for c in h.children if c.dep_ == "prep" and c.lower_ != role
                    for g in c.children if g.dep_ == "pobj"]
        for holder in holders:
            for child in holder.children:
                if child.dep_ in ("prep", "agent", "dative") and self._lem(child) == role:
                    for pobj in child.children:
                        if pobj.dep_ in ("pobj", "pcomp"):
                            args = self._actors_of_np(pobj, allow_pronoun=False)
                            if not args:
                                arg = self._subtree_actor(pobj, set(), locative_ok=False) or \
                                    self._subtree_actor(pobj, set(), locative_ok=True)
                                args = [arg] if arg else []
                                for a in args:
                                    a.quality = 0.7
                            if args and role in _LOCATIVE:
                                for a in args:
                                    a.quality = min(a.quality, 0.7)
                            if args:
                                return args
        return []

    def _matrix_target(self, tok, source_codes: set) -> list[_Arg]:
        """"X won goodwill in Y by doing Z": an act done as a means towards Y is aimed at Y."""
        if tok.dep_ != "pcomp" or tok.head.lower_ != "by":
            return []
        matrix = tok.head.head
        exclude = {t.i for t in tok.head.subtree}
        for child in matrix.children:
            if child.dep_ in ("nsubj", "nsubjpass") or child.i in exclude:
                exclude.update(t.i for t in child.subtree)
        for child in matrix.children:
            if child.i in exclude or child.dep_ not in ("dobj", "prep", "dative"):
                continue
            arg = self._subtree_actor(child, exclude, locative_ok=True)
            if arg is not None and arg.actor.code not in source_codes:
                arg.quality = 0.8
                return [arg]
        return []

    # ------------------------------------------------------------------ mode
    def _mode(self, tok, source_arg: _Arg, pattern_mode, frame_mode, frames: dict, type_name: str):
        """(mode, drop, all modes found): the strongest mode found in the clause and above it."""
        source = source_arg.actor
        found = set()
        if pattern_mode:
            found.add(pattern_mode)
        if frame_mode:
            found.add(frame_mode)
        clause = tok if tok.pos_ in ("VERB", "AUX") else _governing_verb(tok)
        if tok.pos_ in ("NOUN", "PROPN"):
            if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
                found.add("negated")
        if pattern_mode == "promised" and any(g.dep_ == "neg" for c in tok.children if c.dep_ in ("xcomp", "ccomp")
                                              for g in c.children):
            found.add("negated")  # "vowed not to return the Golan Heights": a refusal
        reported_by_other = False
        threat = type_name == "THREATEN"
        node = clause if tok.pos_ not in ("NOUN", "PROPN") or clause != tok else tok
        chain = [tok] if node != tok else []
        steps = 0
        while node is not None and steps < 8:
            chain.append(node)
            steps += 1
            if node.dep_ in ("ROOT",) or node.head == node:
                break
            if node.dep_ in ("ccomp", "xcomp", "acl", "advcl", "pcomp", "conj", "prep", "pobj", "dobj", "relcl", "csubj", "nsubj"):
                node = node.head
                continue
            break
        for depth, node in enumerate(chain):
            lemma = self._lem(node)
            below = chain[depth - 1] if depth else None
            local = depth == 0 or (depth == 1 and below is not None and (
                below.dep_ == "conj" or (chain[0].pos_ in ("NOUN", "PROPN") and
                                         below.dep_ in ("dobj", "nsubjpass", "attr", "nsubj")))) or \
                (depth == 2 and chain[0].dep_ == "pcomp" and chain[1].lower_ == "by")  # "would reciprocate by dropping"
            if local:
                for child in node.children:
                    low = child.lower_
                    if child.dep_ == "neg" or (child.dep_ == "advmod" and low in ("never", "not")):
                        found.add("negated")
                    if child.dep_ in ("aux", "auxpass"):
                        if low in _FUTURE_AUX or child.lemma_ in ("will", "shall"):
                            found.add("will")
                        elif low in _HYPOTHETICAL_AUX:
                            found.add("hypothetical" if low != "would" else "would")
                        elif low in ("must", "should", "ought"):
                            found.add("hypothetical")  # "the treaty must be ratified": required, not done
                    if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in child.children):
                        found.add("unless")
                    elif child.dep_ == "advcl" and not threat and \
                            any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in child.children):
                        found.add("if")  # a condition on this act: settled below
                if node.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS
                                                for m in node.children):
                    found.add("hypothetical")
                continue
            if below is None:
                continue
            if node.i in frames and below.dep_ in ("xcomp", "acl", "ccomp", "pcomp", "prep", "advcl", "relcl") \
                    and below.dep_ != "relcl":
                fmode = frames[node.i]
                found.add(fmode)
                if fmode in ("promised", "intended"):
                    # "pledged that Washington would consult": the future of a promise or plan, not a condition
                    found.discard("would")
                    found.discard("will")
                for child in node.children:
                    if child.dep_ == "neg" and fmode in ("intended", "promised"):
                        found.add("negated")
                    if child.dep_ in ("aux",) and child.lower_ in _HYPOTHETICAL_AUX - {"would"}:
                        found.add("hypothetical")
                continue
            if below.dep_ == "ccomp" and lemma in self.lex.belief_verbs:
                return "asserted", True, found  # an event someone only believes in is an opinion, not a report
            if below.dep_ in ("ccomp", "xcomp") and lemma in self.lex.speech_verbs:
                if lemma in self.lex.denial_verbs:
                    found.add("negated")  # "denied that its forces had bombed villages"
                speaker = _subject(node)
                speaker_args = self._actors_of_np(speaker) if speaker is not None else []
                own = bool(speaker_args) and _same_actor(speaker_args[0].actor, source) and \
                    not self._other_person(speaker, source_arg)
                if not own:
                    reported_by_other = True
                if "would" in found:  # reported speech: "said it would" is "says it will"
                    found.discard("would")
                    found.add("will")
                if own and "will" in found:
                    found.discard("will")
                    found.update(("promised", "future", "own"))  # X says it will do Y: X commits itself
                break
        if frame_mode in ("promised", "intended") and found & {"would", "will"}:
            found -= {"would", "will"}  # "pledged that Washington would consult": the promise's future
            found.add("future")
        if "would" in found:
            found.discard("would")
            found.add("hypothetical")
        if "will" in found:
            # A future act narrated with its time or occasion ("will meet Putin on Tuesday", "at the
            # summit") is a scheduled step, coded as what it is, and so is a narrated use of force
            # ("Britain will send 500 more soldiers"); otherwise an intent to cooperate ("Finland will
            # give Tanzania a grant"). A threat is a conflict act its actor announces (above).
            found.discard("will")
            conflict = self.onto.types[type_name].quad_class in (3, 4)
            found.add("intended" if conflict or self._scheduled(tok) else "promised")
            found.add("future")
        if "unless" in found:
            found.discard("unless")
            if "promised" in found or "future" in found:
                found.add("ultimatum")  # "X will do Y unless Z": an ultimatum, coded THREATEN
            else:
                found.add("hypothetical")
        if "if" in found:
            found.discard("if")
            if "own" not in found:
                # "could support sanctions if talks failed": a possibility; but "said it would impose
                # sanctions if ..." is the actor's own conditional commitment: a threat or an offer
                found.add("hypothetical")
        quote = self._quote_at(tok.idx)
        if quote is not None and (quote[2] is None or not _same_actor(quote[2], source)):
            reported_by_other = True
        if any(c.dep_ == "prep" and c.lower_ == "according" for n in (clause, self.doc[clause.sent.root.i])
               for c in n.children):
            reported_by_other = True  # "According to American officials, Panetta negotiated ..."
        if reported_by_other:
            if "hypothetical" in found:
                return "hypothetical", True, found  # a third party's speculation about what X would do
            found.add("reported")
        modes = found - {"ultimatum", "future", "own"}
        if not modes:
            return "asserted", False, found
        return min(modes, key=lambda m: _MODE_RANK[m]), False, found

    def _mutual(self, tok) -> bool:
        """Whether the clause says its actors act on each other ("jointly", "in a joint statement")."""
        clause = tok if tok.pos_ in ("VERB", "AUX") else _governing_verb(tok)
        # words of a name ("the Bilateral Presidential Commission") say nothing about the act
        words = " " + " ".join(t.lower_ for t in clause.subtree if t.pos_ != "PROPN") + " "
        return any(f" {w} " in words for w in self.lex.mutual_words)

    def _other_person(self, speaker, source_arg: _Arg) -> bool:
        """Whether the speaker is someone other than the person the event is about ("American
        officials said Panetta had negotiated ..."); a spokesman ("his spokeswoman said") is not."""
        if source_arg.token_i < 0:
            return False
        source_tok = self.doc[source_arg.token_i]
        if source_tok.ent_type_ != "PERSON" or _is_pronoun(speaker):
            return False
        for node in [speaker, *(c for c in speaker.children if c.dep_ == "appos")]:
            for child in node.children:
                if child.dep_ == "poss" and _is_pronoun(child):
                    return False  # "his spokeswoman, Natalya Timakova"
        if speaker.ent_type_ == "PERSON":
            return speaker.lower_ != source_tok.lower_
        return speaker.tag_ in ("NNS", "NNPS")  # "officials", "diplomats", "sources"

    def _long_before(self, date: str, past_perfect: bool) -> bool:
        """Background, not news: a date years before the article's, or a past perfect ("had
        announced the deployment last November") dated in an earlier month than the article."""
        if not self.base.year or not date[:4].isdigit():
            return False
        year = int(date[:4])
        if year < self.base.year - self.onto.historical_after_years:
            return True
        if past_perfect and self.base.month:
            month = int(date[5:7]) if len(date) >= 7 else 12
            return (year, month) < (self.base.year, self.base.month)
        return False

    def _scheduled(self, tok) -> bool:
        """Whether a future act is given a time or an occasion in its own clause."""
        clause = tok if tok.pos_ in ("VERB", "AUX") else _governing_verb(tok)
        lo, hi = clause.left_edge.i, clause.right_edge.i
        for start, end, ent in self._date_ents:
            if not (lo <= start and end - 1 <= hi):
                continue
            if not resolve_date(ent.text, self.base, True)[0] and not _NEAR_WEEK.search(ent.text):
                continue  # a point in time ("on Tuesday", "April 8", "next week"), not a span ("over the next three years")
            node = ent.root
            while node != clause and node.head != node and self._lem(node) not in self.lex.speech_verbs:
                node = node.head
            if node == clause:  # not the date of an attribution hanging on the clause ("..., X said on Monday")
                return True
        return any(c.dep_ == "prep" and c.lower_ in ("at", "during") and
                   any(g.dep_ == "pobj" and self._lem(g) in self.lex.occasion_nouns for g in c.children)
                   for c in clause.children)

    # ------------------------------------------------------------------ date
    def _date(self, tok, sent, future: bool) -> tuple[str | None, str | None, bool, bool]:
        """(date, precision, habitual, past perfect): the date phrase nearest the trigger on its chain
        of heads. A phrase inside another clause below the trigger ("a ban, which it had imposed in
        January") dates that clause, not the event."""
        ents = [e for start, end, e in self._date_ents if start >= sent.start and end <= sent.end]
        if not ents:
            return None, None, False, False
        chain = []
        node = tok
        for _ in range(8):
            chain.append(node.i)
            if node.head == node:
                break
            node = node.head
        best, best_rank = None, None
        for ent in ents:
            rank = None
            node = ent.root
            ent_ids = range(ent.start, ent.end)
            if node.dep_ in ("compound", "nmod", "amod", "nummod", "poss") and node.head.pos_ in ("NOUN", "PROPN") \
                    and node.head.i != tok.i and not node.head.ent_type_ and node.head.lower_ not in _TIME_NOUNS:
                continue  # "the 1991 treaty", "last summer's war": the date of a thing, not of this event
            for step in range(8):
                if node.i in chain:
                    rank = (chain.index(node.i), step)
                    break
                if node.dep_ in ("relcl", "acl", "advcl", "ccomp", "csubj", "xcomp", "conj") and \
                        node.pos_ in ("VERB", "AUX"):
                    break  # the phrase belongs to a clause of its own
                if node.pos_ in ("NOUN", "PROPN") and node.i not in ent_ids and node.head.i != tok.i and \
                        not node.ent_type_ and node.lower_ not in _TIME_NOUNS:
                    break  # "marks a change from last year": the date of another thing named here
                if node.head == node:
                    break
                node = node.head
            if rank is None:
                continue
            if best_rank is None or rank < best_rank:
                best, best_rank = ent, rank
        if best is None:
            return None, None, False, False
        if _SPAN_OF_YEARS.search(best.text) and not re.search(r"\b(next|coming|following)\b", best.text, re.I):
            gov = best.root.head
            if gov.dep_ == "prep" and gov.lower_ in ("during", "throughout"):
                return None, None, True, False
            if gov.dep_ == "prep" and gov.lower_ == "for" and \
                    {c.lower_ for c in tok.children if c.dep_ == "aux"} & {"has", "have", "been"}:
                return None, None, True, False  # "has been negotiating its entry for 17 years": a process
        anchor = self.doc[chain[best_rank[0]]]
        auxes = {c.lower_ for c in anchor.children if c.dep_ in ("aux", "auxpass")}
        # the tense of the clause the phrase dates: its own auxiliaries, or the future of the event
        # when the phrase dates the event itself
        ahead = bool(auxes & (_FUTURE_AUX | {"would"})) or (future and best_rank[0] == 0)
        if "had" in auxes or (anchor.tag_ == "VBN" and "had" in {c.lower_ for c in tok.children if c.dep_ == "aux"}):
            ahead = False
        past_perfect = "had" in auxes and anchor.tag_ == "VBN"
        return (*resolve_date(best.text, self.base, ahead), False, past_perfect)


@dataclass
class _PairArg(_Arg):
    partner: _Arg | None = None


_SUPPORT_PATTERN = Pattern(type="AGREE", trigger="", pos="verb", companions=(), roles=(), mode=None,
                           frame=False, confidence=1.0, line=0)


def _verb_stems(form: str) -> list[str]:
    """Candidate lemmas of an inflected verb form, most likely first."""
    out = []
    for suffix in ("ed", "ing", "es", "s", "d"):
        if form.endswith(suffix) and len(form) > len(suffix) + 2:
            stem = form[: -len(suffix)]
            out += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "shelled" -> "shell" is above; "stopped" -> "stop"
            if suffix in ("ed", "es") and stem.endswith("i"):
                out.append(stem[:-1] + "y")  # "carried" -> "carry"
    return out


def _to_infinitive_adjunct(tok) -> bool:
    """"have sworn to fight": an infinitive the parser hung on as an adjunct, read as the complement."""
    return tok.dep_ == "advcl" and tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
        and _subject(tok) is None


def _asks_question(tok) -> bool:
    """"asked her counterpart whether ...", "asks what it is for": a question, not a request; "asked not
    to be named": a wish about oneself."""
    for child in tok.children:
        if child.dep_ in ("ccomp", "advcl") and not any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in child.children) or \
                    child.left_edge.tag_ in ("WP", "WRB", "WDT", "WP$"):
                return True
        if child.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in child.children) and \
                not any(c.dep_ == "dobj" for c in tok.children):
            return True
    return False


def _is_pronoun(tok) -> bool:
    # "US" is a country, "us" a pronoun
    return tok.pos_ == "PRON" or (tok.text.islower() and
                                  tok.lower_ in _FIRST_PERSON | _THIRD_PERSON_HUMAN | _THIRD_PERSON_OTHER)


def _subject(tok):
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return child
    return None


def _conjuncts(tok):
    out = []
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        t = stack.pop(0)
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return out


def _governing_verb(tok):
    node = tok
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") and node != tok:
            return node
        if node.head == node:
            return node
        node = node.head
    return node


def _complement_tokens(tok) -> set[int]:
    out = set()
    children = list(tok.children)
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "dobj":
        # "reiterated its demand that Israel ease ...": the noun's clause may hang on its verb
        children += [c for c in tok.head.children if c.dep_ == "ccomp"]
    for child in children:
        if child.dep_ in ("xcomp", "ccomp", "acl") or (child.dep_ == "prep" and child.lower_ in ("of", "for", "to", "into", "about")) \
                or _to_infinitive_adjunct(child) \
                or (child.dep_ == "relcl" and tok.pos_ in ("NOUN", "PROPN")):
            # "a warning that Russia might withdraw": the parser often reads a noun's content clause as
            # a relative clause
            out.update(t.i for t in child.subtree)
    return out


def _is_pair_anaphor(tok) -> bool:
    return any((c.dep_ in ("det", "predet", "nummod") and c.lower_ in ("both", "two")) for c in tok.children) \
        and tok.tag_ in ("NNS", "NNPS")


def _same_actor(a: ActorRef | None, b: ActorRef | None) -> bool:
    if a is None or b is None:
        return False
    if a.code and b.code:
        return a.code == b.code
    return bool(a.name and a.name == b.name)


def _argument_owner(tok):
    """The word whose argument the noun ``tok`` is, climbing through prepositions and noun phrases
    ("in protest of the government's refusal" -> protest); None past a clause."""
    node = tok
    for _ in range(4):
        if node.dep_ not in ("pobj", "prep", "dobj", "nsubjpass", "attr", "appos", "conj", "poss", "oprd", "dative"):
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX", "NOUN", "PROPN") and node.dep_ != "prep":
            return node
    return None

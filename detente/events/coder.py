"""The event coder: walks the dependency parse clause by clause and codes who did what to whom.

reads: spaCy Doc of Article.text, the ActorIndex (actor_for_span, person_for_span, entities),
       quotes (speakers), the Article (its date)
fills: Event records (type, mode, CAMEO root, QuadClass, intensity, source, target, date, trigger,
       evidence, confidence)

How one sentence is coded (find first, then build):
1. Find triggers: each token whose lemma has patterns in the lexicon (verbs for verbs, nouns for
   nouns) and whose companion words are present ("pull" + object "plug").
2. Drop the triggers that are part of another trigger's event: those inside the complement of a
   consuming trigger ("refused to deploy troops") and nouns that are the object of a verb trigger.
   A `+frame` trigger ("promised to withdraw") hands its mode to the trigger in its complement.
3. For each remaining trigger: the source is the actor of the subject (passives: of the "by"
   agent; control and coordinated verbs: of the governing verb's subject; relative clauses: of the
   noun they modify; nouns: of the possessor, an actor modifier, or the subject of a support verb);
   the target is the actor found through the pattern's roles, in order.
4. The mode comes from the clause: negation, modals, conditionals, frames (decide to, plans to),
   speech and belief verbs above it, quotes; the ontology re-types promises and refusals.
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

_SUBJ = ("nsubj", "nsubjpass", "csubj", "expl")
_CLAUSE_UP = ("xcomp", "ccomp", "advcl", "conj", "pcomp", "acl", "relcl", "prep", "pobj", "dobj", "csubj")
_LOCATIVE = frozenset({"in", "at", "near", "along", "through", "across", "inside", "outside", "around",
                       "throughout", "within", "en", "via", "during", "over"})
_GROUP_HEADS = frozenset({"group", "thousand", "hundred", "dozen", "some", "many", "most", "member", "number",
                          "all", "one", "two", "three", "several", "each", "part", "body", "team", "delegation",
                          "contingent", "unit", "patch", "batch", "wave", "million", "score", "crowd", "band"})
_POLL_HEADS = frozenset({"percent", "%", "percentage", "majority", "minority", "share", "plurality", "per"})
_PAIR_NOUNS = frozenset({"country", "nation", "side", "government", "state", "party", "capital", "leader",
                         "power", "neighbor", "neighbour", "administration", "president"})
_FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "me", "my"})
_THIRD_PERSON_HUMAN = frozenset({"he", "she", "him", "her", "his", "hers"})
_THIRD_PERSON_OTHER = frozenset({"it", "they", "them", "its", "their", "theirs"})
_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
_CONDITION_MARKS = frozenset({"if", "unless", "provided", "whether"})
_HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
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
                if node.head is node:
                    break
                up = node.head
                if node.dep_ in ("ccomp", "xcomp", "acomp", "advcl", "conj") and \
                        (up.lemma_.lower() in self.lex.speech_verbs or up.lemma_.lower() in self.lex.frames):
                    subj = _subject(up)
                    if subj is not None and subj.lower_ not in _THIRD_PERSON_OTHER and subj.pos_ != "PRON":
                        args = self._actors_of_np(subj, allow_pronoun=False)
                        if args:
                            return args[0].actor, 0.8
                    if up.lemma_.lower() in self.lex.speech_verbs:
                        break
                node = up
        return None, 0.0

    def _core_span(self, tok) -> tuple[int, int]:
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
        if tok.lemma_.lower() in _POLL_HEADS or tok.lower_ in _POLL_HEADS:
            return []  # "23 percent of Russians approved ...": a poll result, not an act
        if _is_pronoun(tok):
            if not allow_pronoun:
                return []
            actor, q = self._pronoun_actor(tok)
            return [_Arg(actor, tok.text, q, tok.i)] if actor else []
        start, end = self._core_span(tok)
        coordinated = any(c.dep_ == "conj" for m in tok.lefts if m.dep_ in ("amod", "compound", "nmod", "poss")
                          for c in m.children)
        actor = None if coordinated else self._actor_of_span(start, end)
        if actor is not None:
            return [_Arg(actor, self.doc[start:end].text, 1.0, tok.i)]
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < tok.i:
                if child.dep_ == "poss" and _is_pronoun(child):
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
            if child.dep_ == "acl" and child.tag_ in ("VBN", "VBG"):  # "workers affiliated with the union"
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
                if tok.i in seen or tok.i in exclude:
                    continue
                seen.add(tok.i)
                if tok.pos_ in ("NOUN", "PROPN", "PRON") and tok.dep_ not in ("poss",):
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
        lemma = tok.lemma_.lower()
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
            if child.dep_ in ("prt", "dobj", "nsubjpass", "attr", "acomp", "advmod", "prep", "compound", "oprd",
                              "dative", "xcomp", "amod", "npadvmod", "intj", "ccomp"):
                out.add(child.lemma_.lower())
                out.add(child.lower_)
                if child.dep_ in ("prep", "dobj", "nsubjpass", "dative", "attr"):
                    for grand in child.children:
                        if grand.dep_ in ("pobj", "compound", "prep", "amod", "dobj", "prt"):
                            out.add(grand.lemma_.lower())
                            if grand.dep_ == "prep":
                                for g2 in grand.children:
                                    if g2.dep_ == "pobj":
                                        out.add(g2.lemma_.lower())
        if tok.head is not tok and tok.dep_ in ("amod", "compound"):
            out.add(tok.head.lemma_.lower())
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
            elif tok.lemma_.lower() in self.lex.frames and tok.pos_ in ("VERB", "ADJ", "NOUN", "AUX"):
                frames[tok.i] = self.lex.frames[tok.lemma_.lower()]
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
                if tok.dep_ in ("compound", "amod") and tok.head.lemma_.lower() not in self.lex.frames:
                    consumed.add(i)  # "aid convoys", "peace talks delegation": a modifier, not the event
                    continue
                owner = _argument_owner(tok)
                if owner is not None and owner.i in triggers and owner.i != i:
                    consumed.add(i)  # "rejected a US offer": the offer is the argument of the rejection
                    continue
            if pat.consumes:
                inner = [j for j in _complement_tokens(tok) if j in triggers and j != i]
                if pat.frame and inner:
                    consumed.add(i)
                    for j in inner:
                        framed[j] = (pat.mode or "promised", i)
                else:
                    consumed.update(inner)
            # "staged demonstrations to demand reforms": the purpose of an act is part of it
            holders = [tok]
            if pat.pos == "noun" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in self.lex.support_verbs:
                holders.append(tok.head)
            for child in (c for h in holders for c in h.children):
                if child.dep_ in ("advcl", "xcomp") and child.i in triggers and \
                        any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children) and \
                        not pat.frame and tok.lemma_.lower() not in self.lex.frames:
                    consumed.update(t.i for t in child.subtree if t.i in triggers)
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

    def _generic_infinitive(self, tok) -> bool:
        """"more tempting ... than to cooperate", "it is easy to attack": an infinitive under an
        adjective or a comparison states no act."""
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return False
        if any(c.dep_ == "mark" and c.lower_ == "than" for c in tok.children):
            return True
        node = tok
        for _ in range(3):
            if node.dep_ not in ("advcl", "xcomp", "ccomp", "acl", "conj") or node.head is node:
                return False
            node = node.head
            if node.pos_ == "ADJ":
                return node.lemma_.lower() not in self.lex.frames
            if node.pos_ in ("VERB", "AUX", "NOUN"):
                return False
        return False

    def _noun_is_event(self, tok, triggers) -> bool:
        """A noun names an event where the text reports it: as a subject, the object of a support verb
        ("held talks"), a plan noun's complement, after a time or cause preposition ("after the attack"),
        or with its own agent ("Israel's withdrawal", "U.S. sanctions"); not as the object of other
        verbs ("needs Russian cooperation")."""
        node = tok
        while node.dep_ in ("conj", "appos") and node.head is not node:
            node = node.head
        dep = node.dep_
        if dep in ("nsubj", "nsubjpass", "ROOT", "compound", "amod"):
            return True
        if dep in ("dobj", "attr", "oprd"):
            verb = node.head
            lemma = verb.lemma_.lower()
            return verb.i in triggers or lemma in self.lex.support_verbs or lemma in self.lex.frames or \
                lemma in self.lex.speech_verbs
        if dep == "pobj":
            prep = node.head
            if prep.lower_ in ("after", "before", "following", "since", "during", "despite", "amid", "amidst",
                               "over", "against", "with", "for", "to", "of", "by", "in", "on", "into", "about"):
                owner = prep.head
                return owner.i in triggers or prep.lower_ in ("after", "before", "following", "since", "during",
                                                              "despite", "amid", "amidst") or \
                    owner.lemma_.lower() in self.lex.frames
            return False
        return dep in ("acl", "xcomp", "ccomp", "advcl", "pcomp", "relcl") or node.head.lemma_.lower() in self.lex.frames

    def _demands(self, sent) -> dict[int, tuple]:
        """"X said (that) Y must/should V": a REQUEST from X to Y, keyed by the speech verb.

        Values are (speech verb, its subject, the complement's subject, token ids of the complement).
        """
        out = {}
        for tok in sent:
            if tok.lemma_.lower() not in self.lex.speech_verbs or tok.pos_ not in ("VERB", "AUX"):
                continue
            for comp in tok.children:
                if comp.dep_ != "ccomp":
                    continue
                modals = {c.lower_ for c in comp.children if c.dep_ in ("aux", "auxpass")}
                if not modals & {"must", "should", "ought"}:
                    continue
                subj = _subject(comp)
                if subj is None:
                    continue
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
            passive = False
            pattern_mode = None
        else:
            pat = trig.pattern
            type_name, pat_conf, pattern_mode = pat.type, pat.confidence, pat.mode
            if self._generic_infinitive(tok):
                return []
            sources, passive = self._sources(tok, pat)
            if not sources:
                sources = self._inherited_source(tok, sent, frames)
            if not sources:
                return []
            targets = self._targets(tok, pat, passive, sources)
            if pat.confidence < 0.7 and not targets:
                return []  # an ambiguous verb ("receive", "allow", "back") counts only with an actor as target
        if not sources:
            return []
        mode, drop, found = self._mode(tok, sources[0].actor, pattern_mode, trig.frame_mode, frames, type_name)
        if drop or (mode == "negated" and request is None and trig.pattern.pos == "noun"):
            return []  # "made no promise", "never made any such promise": a negated noun names no event
        date, precision, habitual = self._date(tok, sent)
        if habitual:
            return []  # "during his three decades in the Senate": a career, not a happening
        if mode == "asserted" and date and self.base.year and date[:4].isdigit() and \
                int(date[:4]) < self.base.year - self.onto.historical_after_years:
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
        while end > start and text[end - 1].isspace():
            end -= 1
        return Span(text[start:end], start, end)

    def _trigger_span(self, tok, trig: _Trigger) -> Span:
        start, end = tok.idx, tok.idx + len(tok.text)
        if trig.pattern is not None and trig.pattern.companions:
            for child in tok.children:
                if any(child.lemma_.lower() in c for c in trig.pattern.companions) and abs(child.i - tok.i) <= 4:
                    start, end = min(start, child.idx), max(end, child.idx + len(child.text))
        return Span(self.text[start:end], start, end)

    # ------------------------------------------------------------------ source
    def _sources(self, tok, pat: Pattern) -> tuple[list[_Arg], bool]:
        if pat.pos == "noun":
            return self._noun_sources(tok, pat), False
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        if passive and any(c.dep_ == "dobj" for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children):
            passive = False  # "he's taken potshots at": a perfect read as a passive; passives take no object
        if passive:
            for child in tok.children:
                if child.dep_ == "agent":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return self._actors_of_np(pobj), True
            return [], True
        head = tok
        quality = 1.0
        for _ in range(6):
            subj = _subject(head)
            if subj is not None:
                if subj.lower_ in _RELATIVE and head.dep_ == "relcl":
                    subj = head.head
                if subj.lemma_.lower() in _PAIR_NOUNS and _is_pair_anaphor(subj):
                    pair = self._pair_antecedent(subj)
                    if pair:
                        return pair, False
                args = self._actors_of_np(subj)
                for a in args:
                    a.quality *= quality
                return args, False
            if head.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl", "relcl", "acomp") and head.head is not head:
                if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN"):
                    noun = head.head
                    if head.tag_ == "VBN":
                        return [], False  # "missiles delivered to X": a passive participle, agent unknown
                    if noun.lemma_.lower() in self.lex.frames:
                        return self._noun_sources(noun, None), False
                    return self._actors_of_np(noun), False
                if head.dep_ == "relcl":
                    return self._actors_of_np(head.head), False
                if head.dep_ == "xcomp" and any(c.dep_ in ("dobj",) for c in head.head.children) and \
                        head.head.lemma_.lower() not in self.lex.frames:
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

    def _noun_sources(self, tok, pat: Pattern | None) -> list[_Arg]:
        roles = pat.roles if pat else ()
        if "between" in roles:
            pair = self._between(tok)
            if pair:
                return [pair[0]]
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < tok.i:
                span = self._core_span(child) if child.dep_ != "amod" else (child.i, child.i + 1)
                if child.pos_ == "PRON":
                    actor, q = self._pronoun_actor(child)
                    if actor:
                        return [_Arg(actor, child.text, q, child.i)]
                    continue
                actor = self._actor_of_span(*span)
                if actor is not None:
                    return [_Arg(actor, self.doc[span[0]:span[1]].text, 0.95, child.i)]
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        args = self._actors_of_np(pobj, allow_pronoun=False)
                        if args:
                            return args
        verb = _governing_verb(tok)
        if verb is not tok and tok.dep_ in ("dobj", "nsubjpass") and \
                verb.lemma_.lower() in self.lex.support_verbs | set(self.lex.frames):
            args, _ = self._sources(verb, _SUPPORT_PATTERN)
            return [_Arg(a.actor, a.text, a.quality * 0.95, a.token_i) for a in args]
        return []

    def _inherited_source(self, tok, sent, frames: dict) -> list[_Arg]:
        """Agentless plan nouns ("the decision to deliver missiles") continue the last source of the paragraph."""
        frame_noun = None
        head = tok
        for _ in range(3):
            if head.dep_ in ("acl", "xcomp") and head.head.pos_ == "NOUN" and head.head.lemma_.lower() in self.lex.frames:
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
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        args = self._actors_of_np(pobj, allow_pronoun=False)
                        if len(args) >= 2:
                            return args[0], args[1]
        return None

    # ------------------------------------------------------------------ target
    def _targets(self, tok, pat: Pattern, passive: bool, sources: list[_Arg]) -> list[_Arg]:
        if sources and isinstance(sources[0], _PairArg):
            return [sources[0].partner]
        weak: list[_Arg] = []
        source_codes = {s.actor.code for s in sources}
        joint = len(sources) > 1
        for role in pat.roles:
            found = self._role(tok, role, passive)
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
        # The place of an act is its target when nothing else is named ("rioted at a jail in Israel").
        holders = [tok] + [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        for holder in holders:
            for child in holder.children:
                if child.dep_ == "prep" and child.lower_ in _LOCATIVE | {"into", "outside"}:
                    arg = self._subtree_actor(child, set(), locative_ok=True)
                    if arg is not None and arg.actor.code:
                        arg.quality = 0.7
                        return [arg]
        return []

    def _role(self, tok, role: str, passive: bool) -> list[_Arg]:
        if role == "dobj":
            deps = ("nsubjpass",) if passive else ("dobj",)
            for child in tok.children:
                if child.dep_ in deps:
                    args = self._actors_of_np(child, allow_pronoun=child.lower_ not in _THIRD_PERSON_OTHER)
                    if not args:  # "boycott all contact with the United States"
                        arg = self._subtree_actor(child, {child.i}, locative_ok=False)
                        if arg is not None:
                            arg.quality = min(arg.quality, 0.85)
                            args = [arg]
                    return args
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
            pair = self._between(tok)
            return [pair[1]] if pair else []
        if role in ("xcomp", "comp", "ccomp"):
            deps = {"xcomp": ("xcomp",), "ccomp": ("ccomp",), "comp": ("ccomp", "xcomp", "advcl", "prep")}[role]
            children = list(tok.children)
            if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "dobj":
                children += [c for c in tok.head.children if c.dep_ == "ccomp"]
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
                if child.dep_ in ("prep", "agent", "dative") and child.lemma_.lower() == role:
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
    def _mode(self, tok, source: ActorRef, pattern_mode, frame_mode, frames: dict, type_name: str):
        """(mode, drop, all modes found): the strongest mode found in the clause and above it."""
        found = set()
        if pattern_mode:
            found.add(pattern_mode)
        if frame_mode:
            found.add(frame_mode)
        clause = tok if tok.pos_ in ("VERB", "AUX") else _governing_verb(tok)
        if tok.pos_ in ("NOUN", "PROPN"):
            if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
                found.add("negated")
        reported_by_other = False
        threat = type_name == "THREATEN"
        node = clause if tok.pos_ not in ("NOUN", "PROPN") or clause is not tok else tok
        chain = [tok] if node is not tok else []
        steps = 0
        while node is not None and steps < 8:
            chain.append(node)
            steps += 1
            if node.dep_ in ("ROOT",) or node.head is node:
                break
            if node.dep_ in ("ccomp", "xcomp", "acl", "advcl", "pcomp", "conj", "prep", "pobj", "dobj", "relcl", "csubj", "nsubj"):
                node = node.head
                continue
            break
        for depth, node in enumerate(chain):
            lemma = node.lemma_.lower()
            below = chain[depth - 1] if depth else None
            local = depth == 0 or (depth == 1 and below is not None and (
                below.dep_ == "conj" or (chain[0].pos_ in ("NOUN", "PROPN") and
                                         below.dep_ in ("dobj", "nsubjpass", "attr", "nsubj"))))
            if local:
                for child in node.children:
                    low = child.lower_
                    if child.dep_ == "neg" or (child.dep_ == "advmod" and low in ("never", "not")):
                        found.add("negated")
                    if child.dep_ in ("aux", "auxpass"):
                        if low in _FUTURE_AUX or child.lemma_ in ("will", "shall"):
                            found.add("promised")
                        elif low in _HYPOTHETICAL_AUX:
                            found.add("hypothetical" if low != "would" else "would")
                    if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in child.children):
                        found.add("unless")
                    elif child.dep_ == "advcl" and not threat and \
                            any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in child.children):
                        found.add("hypothetical")
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
                for child in node.children:
                    if child.dep_ == "neg" and fmode in ("intended", "promised"):
                        found.add("negated")
                    if child.dep_ in ("aux",) and child.lower_ in _HYPOTHETICAL_AUX - {"would"}:
                        found.add("hypothetical")
                continue
            if below.dep_ == "ccomp" and lemma in self.lex.belief_verbs:
                return "asserted", True, found  # an event someone only believes in is an opinion, not a report
            if below.dep_ in ("ccomp", "xcomp") and lemma in self.lex.speech_verbs:
                speaker = _subject(node)
                speaker_args = self._actors_of_np(speaker) if speaker is not None else []
                if not speaker_args or not _same_actor(speaker_args[0].actor, source):
                    reported_by_other = True
                if "would" in found:
                    found.discard("would")
                    found.add("promised")
                break
        if "would" in found:
            found.discard("would")
            found.add("hypothetical")
        if "unless" in found:
            found.discard("unless")
            if "promised" in found:
                found.add("ultimatum")  # "X will do Y unless Z": an ultimatum, coded THREATEN
            else:
                found.add("hypothetical")
        quote = self._quote_at(tok.idx)
        if quote is not None and (quote[2] is None or not _same_actor(quote[2], source)):
            reported_by_other = True
        if reported_by_other:
            if "hypothetical" in found:
                return "hypothetical", True, found  # a third party's speculation about what X would do
            found.add("reported")
        modes = found - {"ultimatum"}
        if not modes:
            return "asserted", False, found
        return min(modes, key=lambda m: _MODE_RANK[m]), False, found

    # ------------------------------------------------------------------ date
    def _date(self, tok, sent) -> tuple[str | None, str | None]:
        ents = [e for start, end, e in self._date_ents if start >= sent.start and end <= sent.end]
        if not ents:
            return None, None, False
        chain = []
        node = tok
        for _ in range(8):
            chain.append(node.i)
            if node.head is node:
                break
            node = node.head
        best, best_rank = None, None
        for ent in ents:
            anchor = ent.root
            rank = None
            node = anchor
            for step in range(8):
                if node.i in chain:
                    rank = (chain.index(node.i), step)
                    break
                if node.head is node:
                    break
                node = node.head
            if rank is None:
                continue
            if best_rank is None or rank < best_rank:
                best, best_rank = ent, rank
        if best is None:
            return None, None, False
        if _SPAN_OF_YEARS.search(best.text) and not re.search(r"\b(next|coming|following)\b", best.text, re.I):
            gov = best.root.head
            if gov.dep_ == "prep" and gov.lower_ in ("during", "throughout"):
                return None, None, True
        return (*resolve_date(best.text, self.base), False)


@dataclass
class _PairArg(_Arg):
    partner: _Arg | None = None


_SUPPORT_PATTERN = Pattern(type="AGREE", trigger="", pos="verb", companions=(), roles=(), mode=None,
                           frame=False, confidence=1.0, line=0)


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
        if node.pos_ in ("VERB", "AUX") and node is not tok:
            return node
        if node.head is node:
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
        if child.dep_ in ("xcomp", "ccomp", "acl") or (child.dep_ == "prep" and child.lower_ in ("of", "for", "to", "into", "about")):
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

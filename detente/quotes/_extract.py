"""The quote finder: quotation marks and reporting cues over one parsed article.

Find first, then build: (1) quotation spans from the marks, (2) attributions from the reporting
cues of the dependency parse (a cue verb, its subject, its clause), (3) each quotation joined to the
attribution whose clause it is, else to a cue beside it, else to the previous speaker when it
stands as its own sentence, else dropped as a scare quote or a title; (4) speakers resolved in text
order; (5) quotation pieces of one statement (split by their cue, or going on with no cue of their
own) grouped into one ``direct`` quote, each piece also listed as ``partial``; Quote records in
text order.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..records import Quote, Speaker
from ._lexicon import Cue, Lexicon, lexicon
from ._marks import Marked, find_marked
from ._speakers import SpeakerResolver

# What counts as a clause reported by a cue verb.
_CONTENT_DEPS = {"ccomp"}
# Heads a cue without a subject borrows its speaker from ("..., adding that", "went on to say").
_CLIMB_DEPS = {"advcl", "xcomp", "conj", "pcomp", "prep", "ccomp", "acl", "dobj", "pobj", "relcl"}
_RELATIVE = {"who", "that", "which"}
_OBJECT_DEPS = {"dobj", "oprd", "dative", "attr", "acomp"}
_CONTENT_PREPS = {"for", "of", "as", "to", "about", "on", "against", "with", "over", "into"}
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_CONTRACTED_HAS = {"'s", "’s", "'ve", "’ve"}
_DASHES = {"—", "―", "--", "–"}
_CONTRAST = {"while", "whereas", "but"}
# A sentence end in running text (not inside 'Sen.' or '3.5').
_STOP_RE = re.compile(r"(?<![A-Z][a-z])(?<![A-Z])[.!?](?=\s|$)")
# Children that make a verb a fixed cue with it: particle, predicate word, object noun.
_PHRASAL_DEPS = {"prt", "acomp", "oprd", "dobj", "ccomp"}
# Participles the tagger's lemmatiser gets wrong ('hoping' -> 'hop').
_ING_LEMMA = {"hoping": "hope"}
_NOT_SPEAKER_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_NOT_NAME_ENTS = {"GPE", "DATE", "TIME", "ORG", "LOC"}
_SENTENCE_END = set(".!?:;") | {"\n"}
# Share of an attribution's clause a quotation must cover to be that clause (else it is a part of it).
_COVERS = 0.6
# A quotation with fewer words than this and no cue is a scare quote or a title.
_MIN_FREE_WORDS = 4
# A quotation of this many words or fewer, with no verb, is a quoted phrase (a partial quote).
_PHRASE_WORDS = 3


@dataclass
class _Attribution:
    cue: object
    """The cue token (verb, or the first word of 'according to')."""
    cue_text: str
    entry: Cue | None
    confidence: float
    content: tuple[int, int]
    """Token range [start, end) of the reported clause."""
    speaker_tok: object | None
    used: bool = False
    quoted: bool = False
    """Part of the clause is in quotation marks (a mixed quote)."""
    phrases: list[tuple[int, int]] | None = None
    """Character spans of quoted words or phrases inside the clause (partial quotes)."""


@dataclass
class _Item:
    """A quote about to become a record; ``speaker`` is filled when the walk reaches it."""

    start: int
    end: int
    kind: str
    cue_text: str | None
    confidence: float
    speaker_tok: object | None = None
    continues: bool = False
    """No cue of its own: takes the speaker of the quote before it."""
    paragraph: int = 0
    cue_i: int | None = None
    """Index of the cue token: two halves of a quotation split by one cue share it."""
    quotation: bool = False
    """The words between one pair of quotation marks (not a reported clause)."""
    spoken: bool = True
    """Reports speech ('said', a quotation), so a quotation after it can go on in the same
    voice; a belief, stance or intention ('wants', 'backed') does not."""


class _Finder:
    """One article's run; holds what is read once from the Doc."""

    def __init__(self, doc, index, lex: Lexicon):
        self.doc = doc
        self.text = doc.text
        self.lex = lex
        self.token_starts = [t.idx for t in doc]
        self.word_prefix = [0]
        for t in doc:
            self.word_prefix.append(self.word_prefix[-1] + (not (t.is_punct or t.is_space)))
        self.quoted = bytearray(len(doc))  # 1 where a token sits inside quotation marks
        self.para_starts = self._paragraph_starts()
        # Token.sent walks the Doc on every call: sentence bounds are read once.
        self.sent_start = [0] * len(doc)
        self.sent_end = [0] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                self.sent_start[i] = sent.start
                self.sent_end[i] = sent.end
        self.speakers = SpeakerResolver(doc, index, lex, self.sent_start)

    # ------------------------------------------------------------------ helpers
    def _paragraph_starts(self) -> list[int]:
        text = self.text
        starts = [0]
        pos = text.find("\n")
        while pos != -1:
            nxt = pos + 1
            while nxt < len(text) and text[nxt].isspace():
                nxt += 1
            if "\n" in text[pos:nxt] and (text.count("\n", pos, nxt) >= 2 or "\n\n" not in text):
                starts.append(nxt)
            pos = text.find("\n", nxt)
        return starts

    def paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self.para_starts, offset) - 1

    def tokens_in(self, start: int, end: int) -> tuple[int, int]:
        """Token range [a, b) of the tokens that start inside [start, end)."""
        a = bisect.bisect_left(self.token_starts, start)
        b = bisect.bisect_left(self.token_starts, end)
        return a, b

    def _is_clause(self, a: int, b: int) -> bool:
        """The tokens hold a finite verb or a subject: a clause, not a word or phrase."""
        return any(t.tag_ in _FINITE or t.dep_ in ("nsubj", "nsubjpass") for t in self.doc[a:b])

    def words(self, a: int, b: int) -> int:
        """Number of word tokens (not punctuation or space) in the token range [a, b)."""
        return self.word_prefix[b] - self.word_prefix[a] if b > a else 0

    def cue_entry(self, tok) -> tuple[Cue | None, str]:
        """The cue entry of a verb: a verb + particle or fixed word ('point out', 'make clear',
        'cast doubt') first, then the verb alone."""
        cues = self.lex.cues
        lemma = tok.lemma_.lower()
        if lemma not in cues and tok.lower_.endswith("ing"):
            lemma = _ING_LEMMA.get(tok.lower_, lemma)
        for child in tok.rights:
            if child.dep_ in _PHRASAL_DEPS:
                phrasal = f"{lemma} {child.lemma_.lower()}"
                if phrasal in cues:
                    return cues[phrasal], f"{tok.text} {child.text}"
        return cues.get(lemma), tok.text

    # ------------------------------------------------------------------ speakers of cues
    def subject(self, tok, depth: int = 0):
        """Subject of the cue verb ``tok``, borrowed from the verb it hangs on when it has none.

        A subject inside quotation marks is a parse error (the quote's own words), never the
        speaker; then the nominal next to the cue outside the marks is taken instead."""
        children = list(tok.children)
        # "He's said he will ...": the parse takes the contracted 'has' for a passive 'is' or for a
        # second subject
        has_said = any(c.dep_ == "auxpass" and c.lower_ in _CONTRACTED_HAS for c in children) \
            and any(c.dep_ == "ccomp" for c in children)
        for c in [c for c in children if c.dep_ == "nsubj" and c.lower_ in _CONTRACTED_HAS]:
            children.remove(c)
            children.extend(g for g in c.children if g.dep_ == "nsubj")  # 'He' hangs on the ’s
        passive = not has_said and any(c.dep_ == "auxpass" for c in children)
        quoted_subject = False
        if sum(c.dep_ == "nsubj" for c in children) > 1:
            # 'The Latest: Trump urges', '12:15 p.m.\n\nTrump says': the parse gave the cue a
            # headline or a timestamp as a second subject; the speaker is the one the cue follows
            children = [c for c in children if not (c.dep_ == "nsubj" and self._cut_off(c, tok))]
        for child in children:
            # a passive subject speaks only for 'was quoted as saying' or a clause borrowing it
            if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass"
                                         and (tok.lemma_ == "quote" or depth > 0 or has_said)):
                if self.quoted[child.i]:
                    quoted_subject = True
                    continue
                if child.i < tok.i and self._cut_off(child, tok):
                    return self._after_break(child, tok) or child
                return self._past_dateline(child, tok)
            if child.dep_ == "agent":
                objs = [o for o in child.children if o.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if passive and tok.lemma_ != "quote" and depth == 0:
            return None
        if self._participle_clause(tok) and (depth == 0 or tok.lemma_.lower() in ("ask", "question", "press")):
            # 'Asked about the vote, she said ...': the asker is nobody named, and in 'Asked if
            # she believed ...' the belief is the question's, not hers
            return None
        if quoted_subject or (depth == 0 and tok.dep_ == "ROOT"):
            return self.nearby_subject(tok)
        # 'aside from saying': the preposition hangs on an adverb, which hangs on the clause
        # and in 'were more likely to say' on the adjective, which hangs on the verb
        climbs = tok.dep_ in _CLIMB_DEPS or depth > 0 and (tok.dep_ == "advmod" and tok.pos_ == "ADV"
                                                           or tok.dep_ == "acomp" and tok.pos_ == "ADJ")
        if depth < 4 and climbs and tok.head is not tok:
            head = tok.head
            if tok.dep_ in ("acomp", "xcomp") and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in head.children) \
                    and any(c.dep_ == "acomp" and c.pos_ == "ADJ" for c in head.children):
                return None  # 'it is hard to say': no one says it
            if tok.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
                # 'a statement saying ...' / 'voters saying ...': the noun (or its owner) speaks
                for child in head.children:
                    if child.dep_ == "poss":
                        return child
                if tok.tag_ == "VBG" and head.dep_ in ("nsubj", "nsubjpass", "ROOT", "appos") \
                        and not self.quoted[head.i]:
                    return head
                # 'X issued a statement saying ...': the issuer speaks
            if tok.dep_ == "conj" and head.dep_ in ("ccomp", "xcomp") and self.cue_entry(head.head)[0] \
                    and self.cue_entry(head)[0] is None:
                # 'saying the economy was weak and arguing ...': the parse hung the second cue on
                # the first one's clause; it shares the first cue's speaker
                return self.subject(head.head, depth + 1)
            if tok.dep_ == "conj" and self._finite(tok) != self._finite(head) and tok.tag_ != head.tag_:
                return None  # a misparse, not a shared subject
            return self.subject(head, depth + 1)
        return self.nearby_subject(tok) if depth == 0 else None

    @staticmethod
    def _participle_clause(verb) -> bool:
        """'Asked about the vote, ...' / 'when asked how ...': a past participle heading a clause of
        its own (the tagger may read a sentence-initial one as a past tense)."""
        if verb.dep_ not in ("advcl", "acl") or verb.lemma_ == "quote":
            return False
        if verb.tag_ == "VBN":
            return True
        return verb.tag_ == "VBD" and verb.i < verb.head.i \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)

    @staticmethod
    def _finite(verb) -> bool:
        """A finite verb, or one with a finite auxiliary ('is telling', 'has said')."""
        return verb.tag_ in _FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in verb.children)

    def _cut_off(self, subj, cue) -> bool:
        """A subject the cue cannot have: a time of day, or one parted from the cue by a colon
        or a line break."""
        if subj.ent_type_ in ("TIME", "DATE"):
            return True
        if subj.i > cue.i:
            return False
        return any(t.text in (":", "):") or t.is_space and "\n" in t.text for t in self.doc[subj.i + 1:cue.i])

    def _after_break(self, subj, cue):
        """The nominal that opens the cue's own line or clause when the parse took a headline
        before a colon or line break for the subject ('The Latest ...:\n\n11:15 a.m.\n\nJane Doe
        is questioning ...')."""
        doc = self.doc
        start = subj.i + 1
        for k in range(cue.i - 1, subj.i, -1):
            if doc[k].text in (":", "):") or doc[k].is_space and "\n" in doc[k].text:
                start = k + 1
                break
        for t in doc[start:cue.i]:
            if t.pos_ in ("PROPN", "NOUN", "PRON") and not self.quoted[t.i] and t.ent_type_ not in _NOT_SPEAKER_ENTS \
                    and t.dep_ not in ("poss", "npadvmod", "pobj", "nmod"):
                head = t
                while head.dep_ in ("compound", "flat") and head.head.i > head.i and head.head.i < cue.i:
                    head = head.head
                return head
        return None

    def _past_dateline(self, subj, cue):
        """'LONDON (Reuters) - Donald Trump said': the parse may take the dateline for the subject;
        the speaker is the name after the dash."""
        doc = self.doc
        if not (subj.is_upper and len(subj.text) > 2 and subj.i + 1 < cue.i):
            return subj
        for k in range(subj.i + 1, cue.i):
            if doc[k].text in _DASHES or doc[k].text == "-":
                for t in doc[k + 1:cue.i]:
                    if t.pos_ in ("PROPN", "NOUN", "PRON") and t.dep_ not in ("compound", "poss"):
                        return t
                break
        return subj

    def nearby_subject(self, tok):
        """The speaker of a cue the parse gave no usable subject: the noun right after it
        ('..., said Smith') or the first noun between the quotation and the cue ('..." Smith, a
        senator, said')."""
        doc = self.doc
        k = tok.i + 1
        # skip adverbs and the modifiers of an inverted subject ('said retired surgeon Ben Carson')
        while k < len(doc) and k - tok.i <= 5 and not self.quoted[k] and (
                doc[k].pos_ in ("ADV", "PART", "DET", "ADJ") or doc[k].dep_ in ("amod", "compound", "det")
                and doc[k].head.i > k):
            k += 1
        if k < len(doc) and not self.quoted[k] and doc[k].pos_ in ("PROPN", "NOUN", "PRON") \
                and doc[k].lower_ not in _RELATIVE and doc[k].ent_type_ not in _NOT_SPEAKER_ENTS:
            head = doc[k]
            # the head of a name run ('said Marta Ilves Lind')
            while head.dep_ in ("compound", "flat") and head.head.i > head.i and head.head.i - k < 5:
                head = head.head
            # 'About half say they want ...': the subject of the reported clause is not the speaker
            reported = head.dep_ in ("nsubj", "nsubjpass") and head.head is not tok \
                and head.head.dep_ in ("ccomp", "xcomp") and head.head.head is tok
            if head.dep_ not in ("npadvmod", "pobj", "poss") and head.ent_type_ not in _NOT_SPEAKER_ENTS \
                    and not reported:
                return head
        j = tok.i - 1
        sent_start = self.sent_start[tok.i]
        while j >= sent_start and not self.quoted[j] and doc[j].text not in ".!?;":
            j -= 1
        for t in doc[j + 1:tok.i]:
            if t.pos_ in ("PROPN", "NOUN", "PRON") and t.dep_ not in ("compound", "poss", "npadvmod", "pobj") \
                    and t.ent_type_ not in _NOT_SPEAKER_ENTS:
                return t
        return None

    # ------------------------------------------------------------------ attributions
    def _trim(self, a: int, b: int) -> tuple[int, int]:
        doc = self.doc
        while a < b and (doc[a].is_punct or doc[a].is_space or doc[a].dep_ in ("mark", "cc")
                         and doc[a].lower_ in ("that", "and", "but")) and not self._is_mark(doc[a]):
            a += 1
        while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space or doc[b - 1].dep_ == "cc"
                         or doc[b - 1].lower_ in _CONTRAST) and not self._is_mark(doc[b - 1]):
            if doc[b - 1].text in ")]" and any(t.text in "([" for t in doc[a:b - 1]):
                break  # keep a bracket the clause opened
            b -= 1
        return a, b

    @staticmethod
    def _is_mark(tok) -> bool:
        return tok.text in ('"', "“", "”", "«", "»", "``", "''", "„")

    def attributions(self) -> list[_Attribution]:
        """Every cue outside quotation marks with its speaker and the token range it reports."""
        out: list[_Attribution] = []
        doc = self.doc
        according = self.lex.according
        first_words = {k[0] for k in according}
        for tok in doc:
            if self.quoted[tok.i]:
                continue
            lower = tok.lower_
            if lower in first_words:
                self._according(tok, out)
                continue
            if tok.pos_ != "VERB":
                continue
            entry, cue_text = self.cue_entry(tok)
            if entry is None:
                continue
            contents = [c for c in tok.children if c.dep_ in _CONTENT_DEPS]
            fixed = entry.lemma.split(" ", 1)[1] if " " in entry.lemma else None
            # 'made clear that ...' may be parsed with 'clear' heading the clause: the clause is after it
            ranges = [(c.i + 1 if c.lemma_.lower() == fixed else c.left_edge.i, c.right_edge.i + 1)
                      for c in contents]
            if ranges and entry.cls == "stance":
                # 'called the vote a signal that ...': the stance takes its object with the clause
                objs = [c for c in tok.children if c.dep_ in _OBJECT_DEPS and tok.i < c.i < ranges[0][0]]
                if objs:
                    ranges[0] = (objs[0].left_edge.i, ranges[0][1])
            if not ranges and entry.cls == "intent":
                ranges = [(c.left_edge.i, c.right_edge.i + 1) for c in tok.children if c.dep_ == "xcomp"]
            if not ranges and entry.cls in ("speech", "belief"):
                # 'urged voters to stay home', 'expects the court to wait': who is asked or expected
                # and what; 'hopes to win': what is hoped
                objs = [c for c in tok.children if c.dep_ == "dobj"]
                xcomps = [c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i]
                if objs and xcomps and objs[0].i < xcomps[0].i:
                    ranges = [(objs[0].left_edge.i, xcomps[0].right_edge.i + 1)]
                elif xcomps and entry.cls == "belief" and xcomps[0].tag_ == "VB":
                    ranges = [(xcomps[0].left_edge.i, xcomps[0].right_edge.i + 1)]
            if not ranges and entry.cls != "intent" and self._parenthetical(tok):
                head = tok.head
                # 'The deal is dead, he said' reports what comes before; 'The deal, he said, is
                # dead' the whole clause around the cue
                end = tok.left_edge.i if tok.i > head.i else head.right_edge.i + 1
                ranges = [(head.left_edge.i, end)]
            speaker = self.subject(tok)
            if not ranges and entry.takes_prep and speaker is not None:
                # (with no one taking it, 'was called a hero' is no stance)
                ranges = self._complements(tok, entry)
            if not ranges:
                continue
            if entry.cls in ("intent", "stance") and not self._can_hold_a_view(speaker):
                continue
            # a stance may take one word ('endorsed her', 'criticized Lind'); a clause has more
            least = 1 if entry.cls == "stance" else 2
            for a, b in ranges:
                a, b = self._trim(*self._clip_to_paragraph(a, b, tok.i))
                if b - a < least or self.words(a, b) < least:
                    continue
                out.append(_Attribution(tok, cue_text, entry, entry.confidence, (a, b), speaker))
        return out

    def _can_hold_a_view(self, tok) -> bool:
        """A subject that can believe, intend or take a stance: a name, a personal pronoun, or a
        noun for people, groups or documents ("drug trafficking threatens ..." reports no view)."""
        if tok is None:
            return True  # no subject: the attribution stands without a speaker
        if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.pos_ in ("PROPN", "NUM") or tok.text == "%":
            return True
        if tok.text[:1].isupper() and self.sent_start[tok.i] != tok.i:
            return True  # a capitalised word inside a sentence: a name the tagger missed
        lower = tok.lower_
        if lower == "who":
            return True
        if lower in ("that", "which"):
            return tok.head.dep_ == "relcl" and self._can_hold_a_view(tok.head.head)
        if tok.pos_ == "PRON":
            # personal pronouns and quantities of people ('some', 'many', 'those'), not things
            return lower not in ("it", "this", "these", "what", "something", "anything", "nothing")
        return tok.lemma_.lower() in self.lex.speaker_nouns or lower in self.lex.speaker_nouns

    def _clip_to_paragraph(self, a: int, b: int, i: int) -> tuple[int, int]:
        """A parse can run a sentence over a paragraph break; a cue reports only within its own
        paragraph."""
        doc = self.doc
        para = self.paragraph(doc[i].idx)
        while a < b and self.paragraph(doc[a].idx) < para:
            a += 1
        while b > a and self.paragraph(doc[b - 1].idx) > para:
            b -= 1
        return a, b

    def _complements(self, tok, entry: Cue) -> list[tuple[int, int]]:
        """What follows a stance verb or a verb whose object is the content: object, predicate,
        and the prepositional phrases that carry content ('accused Moscow of stalling')."""
        kids = []
        for child in tok.rights:
            dep = child.dep_
            if dep in _OBJECT_DEPS and entry.takes_object:
                if dep == "dative" and entry.cls != "stance":
                    continue
                kids.append(child)
            elif dep == "prep" and child.lower_ in _CONTENT_PREPS \
                    and not any(o.ent_type_ in _NOT_SPEAKER_ENTS for o in child.children):
                kids.append(child)
            elif dep == "xcomp" and entry.cls in ("stance", "intent"):
                kids.append(child)
            elif dep == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in child.children):
                kids.append(child)  # 'called for the board to resign
        if not kids:
            return []
        return [(kids[0].left_edge.i, kids[-1].right_edge.i + 1)]

    def _parenthetical(self, tok) -> bool:
        """'The deal is dead, officials said.' / 'The deal, he said, is dead.': a short cue clause
        after (or inside) the clause it reports, set off by a comma."""
        head = tok.head
        if tok.dep_ not in ("parataxis", "ccomp", "advcl") or (tok.i < head.i and tok.dep_ != "parataxis"):
            return False
        if not any(c.dep_ == "nsubj" for c in tok.children):
            return False
        if tok.right_edge.i - tok.left_edge.i > 10:
            return False
        left = tok.left_edge.i
        if self.doc[left].text not in (",", "--", "—"):
            left -= 1
        if left < 0 or self.doc[left].text not in (",", "--", "—"):
            return False
        head_entry, _ = self.cue_entry(head)
        return head_entry is None

    def _coordinate(self, inner, outer) -> bool:
        """The cue ``inner`` is joined to the clause ``outer`` reports, not reported by it: 'A
        said X, while B said Y' / 'she said X and said Y'. The parse hangs the second cue under
        the first one's clause; the path up to the outer cue shows it (a conjunct, or a clause
        opened by 'while' / 'whereas')."""
        tok = inner
        for _ in range(12):
            if tok is outer or tok.head is tok:
                return False
            if tok.dep_ == "conj" and tok.tag_ in _FINITE:
                return True
            if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONTRAST for c in tok.children):
                return True
            if tok.dep_ in ("relcl", "acl"):
                return False
            tok = tok.head
        return False

    def _outermost(self, atts: list[_Attribution]) -> list[_Attribution]:
        """Keep the outer attribution when one is reported inside another's clause ('X said she
        expects ...', 'X suggested that Y might acknowledge ...'): the outer speaker said it all.
        A cue coordinated with the outer clause ('A said X, while B said Y') is an attribution
        of its own, and the outer clause ends before it."""
        def inside(inner: _Attribution, outer: _Attribution) -> bool:
            # 'X complained that ..., according to Y': the complaint stays X's
            if outer.entry is None and inner.entry is not None and inner.entry.cls == "speech":
                return False
            return outer.content[0] <= inner.cue.i < outer.content[1]

        for inner in atts:
            for outer in atts:
                if outer is inner or outer.entry is None or inner.entry is None or not inside(inner, outer):
                    continue
                if outer.cue.i < inner.cue.i and self._coordinate(inner.cue, outer.cue):
                    cut = min(inner.cue.left_edge.i, inner.content[0])
                    a, b = self._trim(outer.content[0], cut)
                    if b - a >= 2:
                        outer.content = (a, b)
        return [att for att in atts
                if not any(o is not att and inside(att, o) and not inside(o, att) for o in atts)]

    def _according(self, tok, out: list) -> None:
        doc = self.doc
        for phrase, conf in self.lex.according.items():
            n = len(phrase)
            if tok.i + n > len(doc) or tuple(t.lower_ for t in doc[tok.i:tok.i + n]) != phrase:
                continue
            last = doc[tok.i + n - 1]
            objs = [c for c in last.children if c.dep_ == "pobj"]
            if not objs:
                continue
            src = objs[0]
            # the phrase runs to the end of its source ('a poll by the city last week')
            phrase_end = max(tok.i + n, src.right_edge.i + 1)
            if tok.right_edge.i < self.sent_end[tok.i] and not any(self.quoted[tok.i:tok.right_edge.i + 1]):
                phrase_end = max(phrase_end, tok.right_edge.i + 1)
            start = self._open_bracket(tok.i)
            before = self._trim(*self._clip_to_paragraph(start, tok.i, tok.i))
            after = self._trim(*self._clip_to_paragraph(phrase_end, self._close_bracket(tok.i), tok.i))
            # 'X, according to Y' reports what precedes; 'According to Y, X' what follows
            a, b = max((before, after), key=lambda r: self.words(*r))
            if self.words(a, b) < 2:
                return
            cue_text = doc[tok.i:tok.i + n].text
            out.append(_Attribution(tok, cue_text, None, conf, (a, b), src))
            return

    def _open_bracket(self, i: int) -> int:
        """Start of the sentence of token ``i``, or just after an opening bracket still open at
        ``i`` ('(most residents were farmers, according to the census)')."""
        doc = self.doc
        for k in range(i - 1, self.sent_start[i] - 1, -1):
            if doc[k].text == ")":
                break
            if doc[k].text == "(":
                return k + 1
        return self.sent_start[i]

    def _close_bracket(self, i: int) -> int:
        """End of the sentence of token ``i``, or the closing bracket of one open at ``i``."""
        doc = self.doc
        if self._open_bracket(i) == self.sent_start[i]:
            return self.sent_end[i]
        for k in range(i + 1, self.sent_end[i]):
            if doc[k].text == ")":
                return k
        return self.sent_end[i]

    # ------------------------------------------------------------------ quotations
    def sentence_level(self, m: Marked) -> bool:
        """The quotation opens a sentence or a paragraph (not a phrase inside a clause)."""
        k = m.start - 1
        while k >= 0 and self.text[k] in " \t":
            k -= 1
        return k < 0 or self.text[k] in _SENTENCE_END or self.text[k] in "\"”’'"

    def _own_content_elsewhere(self, tok, qa: int, qb: int) -> bool:
        """The cue reports a clause of its own that is not this quotation."""
        for child in tok.children:
            if child.dep_ not in ("ccomp", "xcomp"):
                continue
            lo, hi = child.left_edge.i, child.right_edge.i + 1
            if qa <= lo and hi <= qb:
                continue  # this quotation is the clause
            if not any(self.quoted[lo:hi]):
                return True
        return False

    def _label_before(self, colon: int):
        """The head of a name that labels what follows its colon ('Jane Doe: "..."', 'Rep. Ana
        Ruiz (D-Md.): "..."', 'Former minister Ana Ruiz: "..."'): the label runs from the start of
        its line or a dash to the colon, ends with a name and holds nothing but a name, title words
        and a bracket. None when the words before the colon are a clause."""
        doc = self.doc
        para = self.paragraph(doc[colon].idx)
        j = colon - 1
        if j >= 0 and (doc[j].text == ")" or doc[colon].text == "):"):  # '(D-Md.)'
            while j >= 0 and doc[j].text != "(" and colon - j < 10:
                j -= 1
            j -= 1
        if j < 0 or doc[j].pos_ != "PROPN" or doc[j].ent_type_ in _NOT_NAME_ENTS or self.quoted[j]:
            return None
        name = doc[j]
        names = 0
        while j >= 0 and not self.quoted[j] and doc[j].text not in _DASHES and doc[j].text not in ("-", "!", "?") \
                and not doc[j].is_space and self.paragraph(doc[j].idx) == para:
            t = doc[j]
            if t.pos_ == "PROPN" and t.ent_type_ not in _NOT_NAME_ENTS:
                names += 1
            elif t.pos_ in ("VERB", "AUX", "PRON", "NUM") or t.is_sent_start and t.pos_ not in ("PROPN", "NOUN", "ADJ"):
                return None
            elif t.text == "." and not (j > 0 and len(doc[j - 1].text) <= 4 and doc[j - 1].text[:1].isupper()):
                break  # the end of a sentence, not 'Sen.'
            j -= 1
        if not 1 <= names <= 6 or colon - j > 14:
            return None
        return name

    def _byline_dash(self, k: int, qb: int, para: int) -> bool:
        """The dash at token ``k`` opens a byline for the quotation that ends at ``qb``: right
        after it in the same paragraph, or opening a short line of its own just below."""
        doc = self.doc
        dash_para = self.paragraph(doc[k].idx)
        if dash_para == para:
            return doc[k].text in _DASHES and k == qb and doc[k].text != "-"
        if dash_para != para + 1 or any(not doc[i].is_space for i in range(qb, k)):
            return False
        if para + 2 < len(self.para_starts) and self.para_starts[para + 2] - doc[k].idx > 80:
            return False  # a paragraph of prose, not a byline line
        return qb == len(doc) or self.text[doc[qb - 1].idx + len(doc[qb - 1]):doc[k].idx].count("\n") >= 1

    def _bare_cue_after(self, verb, qa: int, qb: int) -> bool:
        """'"Ho, ho, the mayor must go!" the crowd chanted.': a verb the lexicon does not know
        reports the quotation when the quotation ends on a comma, '!' or '?' inside its marks and
        the verb's own clause is just its subject (and an adverb or a phrase) after the marks."""
        doc = self.doc
        inner_end = qb - 1
        while inner_end > qa and self._is_mark(doc[inner_end]):
            inner_end -= 1
        if doc[inner_end].text not in (",", "!", "?") or verb.tag_ not in ("VBD", "VBZ") or verb.dep_ == "relcl":
            return False
        before = qa - 1
        while before >= 0 and doc[before].is_space:
            before -= 1
        if before >= 0 and doc[before].text not in (".", "!", "?", ":") and self.paragraph(doc[before].idx) \
                == self.paragraph(doc[qa].idx):
            return False  # a phrase quoted inside a sentence ('threatens its "soft flank," which ...')
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or not qb <= subj.i < verb.i or self.quoted[subj.i] or subj.lower_ in _RELATIVE:
            return False
        if any(doc[i].lower_ in _RELATIVE for i in range(qb, verb.i)):
            return False
        return not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp") and not self.quoted[c.i]
                       for c in verb.children)

    def _cue_clause_after(self, qa: int, qb: int, para):
        """'"...," Scott's niece, state Del. Jane Doe (D), shouted to the crowd.': a cue whose left
        side — subject, apposition, parentheses — fills everything between the quotation and it."""
        doc = self.doc
        end = min(len(doc), qb + 40)
        for k in range(qb, end):
            t = doc[k]
            if self.quoted[k] or self.paragraph(t.idx) != para:
                return None
            if t.pos_ != "VERB":
                continue
            entry, cue_text = self.cue_entry(t)
            if entry is None or entry.cls != "speech":
                continue
            covered = set()
            for child in t.lefts:
                covered.update(range(child.left_edge.i, child.right_edge.i + 1))
            gap = [i for i in range(qb, k) if not (doc[i].is_punct or doc[i].is_space)]
            if not gap or any(i not in covered for i in gap):
                return None
            if self._own_content_elsewhere(t, qa, qb):
                return None
            subj = self.subject(t)
            if subj is None or not qb <= subj.i < k:
                return None
            return t, subj, entry, cue_text
        return None

    def adjacent_cue(self, qa: int, qb: int):
        """(cue token or None, speaker token, cue entry or None, cue text) for a cue right after
        the closing mark ('..., he said', '... — Jane Doe') or right before the opening one
        ('He said: ...'), in the same paragraph; None when there is none."""
        doc = self.doc
        para = self.paragraph(doc[qb - 1].idx) if qb > qa else None
        # after: ', she said' / ', said the minister' / ', the minister told reporters' / ' — Jane Doe'
        k = qb
        while k < len(doc) and doc[k].is_space:
            k += 1
        # '..." — Jane Doe', or a line of its own under the quotation: '- Jane Doe, Tartu.'
        glued = k < len(doc) and doc[k].text[:1] in "-—–" and doc[k].text[1:2].isupper()  # '-Jane'
        if k < len(doc) and (doc[k].text in _DASHES or doc[k].text == "-" or glued) and self._byline_dash(k, qb, para):
            j = k if glued else k + 1
            if j < len(doc) and (doc[j].ent_type_ == "PERSON" or doc[j].pos_ == "PROPN") and not self.quoted[j]:
                head = doc[j]
                while head.dep_ in ("compound", "flat") and head.head.i > head.i and head.head.i - j < 5:
                    head = head.head
                return None, head, None, doc[k].text[0] if glued else doc[k].text
        k = qb
        found = self._cue_clause_after(qa, qb, para)
        if found is not None:
            return found
        steps = 0
        while k < len(doc) and steps < 7:
            t = doc[k]
            if self.paragraph(t.idx) != para or self.quoted[k]:
                break
            if t.pos_ == "VERB":
                entry, cue_text = self.cue_entry(t)
                if entry is not None and entry.cls == "speech" and not self._own_content_elsewhere(t, qa, qb):
                    return t, self.subject(t), entry, cue_text
                if entry is None and self._bare_cue_after(t, qa, qb):
                    return t, self.subject(t), None, t.text
                break
            if t.text in ".!?" or t.pos_ in ("AUX", "SCONJ"):
                break
            k += 1
            steps += 1
        # before: 'He said:' / 'the minister told reporters,' / 'Jane Doe: ...'
        k = qa - 1
        while k >= 0 and (doc[k].is_space):
            k -= 1
        label = self._label_before(k) if k >= 1 and doc[k].text in (":", "):") else None
        if label is not None:
            return None, label, None, ":"
        if k >= 0 and doc[k].text in (":", ","):
            for j in range(k - 1, max(-1, k - 9), -1):
                t = doc[j]
                if self.quoted[j] or t.text in ".!?" or self.paragraph(t.idx) != self.paragraph(doc[k].idx):
                    break
                if t.pos_ == "VERB":
                    entry, cue_text = self.cue_entry(t)
                    if entry is not None and not self._own_content_elsewhere(t, qa, qb):
                        return t, self.subject(t), entry, cue_text
                    if entry is None and doc[k].text == ":" and (t.tag_ in _FINITE or t.dep_ == "ROOT") and j + 4 >= k:
                        # 'A student at the rally echoed:' — any verb that hands over to the colon
                        subj = next((c for c in t.children if c.dep_ == "nsubj" and not self.quoted[c.i]), None)
                        if subj is not None:
                            return t, subj, None, t.text
        if k >= 0 and doc[k].text == ":" and not self.quoted[k]:
            return self._colon_clause(k)
        if k >= 0 and not doc[k].is_punct and self.words(qa, qb) >= _MIN_FREE_WORDS and self._is_clause(qa, qb):
            # 'the senator wrote "..."' / 'she told the paper "..."': a speech verb a few words
            # before the opening mark, with no comma or colon between; the quotation is a clause
            # of its own, not a title ('she read "War and Peace"')
            for j in range(k, max(-1, k - 4), -1):
                t = doc[j]
                if self.quoted[j] or t.is_punct or self.paragraph(t.idx) != self.paragraph(doc[qa].idx):
                    break
                if t.pos_ == "VERB":
                    entry, cue_text = self.cue_entry(t)
                    if entry is not None and entry.cls == "speech" and not self._own_content_elsewhere(t, qa, qb):
                        return t, self.subject(t), entry, cue_text
                    break
        return None

    def _colon_clause(self, colon: int):
        """'Dr. Lind observed that the vote was close, and then wrote:' / 'Lind continued:' (its
        own paragraph): the clause the colon ends hands the quotation to its subject, however long
        the clause is. Its verb must be finite and its subject outside quotation marks."""
        doc = self.doc
        verb = doc[colon].head
        while verb.pos_ != "VERB" and verb.dep_ in ("conj", "ccomp", "dobj", "pobj", "prep", "attr") \
                and verb.head is not verb:
            verb = verb.head
        if verb.pos_ != "VERB" or self.quoted[verb.i] or verb.i > colon or not self._finite(verb):
            return None
        if self.sent_start[verb.i] != self.sent_start[colon]:
            return None
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and not self.quoted[c.i]), None)
        if subj is None or subj.lower_ in _RELATIVE or subj.ent_type_ in _NOT_SPEAKER_ENTS \
                or subj.pos_ not in ("PROPN", "NOUN", "PRON"):
            return None
        entry, cue_text = self.cue_entry(verb)
        return verb, subj, entry, cue_text

    # ------------------------------------------------------------------ the run
    def run(self) -> list[Quote]:
        doc = self.doc
        marked = []
        for m in find_marked(self.text):
            qa, qb = self.tokens_in(m.start, m.end)
            ia, ib = self.tokens_in(m.inner_start, m.inner_end)
            if ib <= ia or self.words(ia, ib) == 0:
                continue
            marked.append((m, qa, qb, ia, ib))
            if m.double:
                for i in range(qa, qb):
                    self.quoted[i] = 1
        attributions = self._outermost(self.attributions())
        items: list[_Item] = []
        for m, qa, qb, ia, ib in marked:
            item = self._place(m, qa, qb, ia, ib, attributions)
            if item is not None:
                items.append(item)
        for att in attributions:
            if att.used:
                continue
            a, b = att.content
            start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
            kind = "direct" if att.quoted else "indirect"
            conf = att.confidence * (0.95 if att.quoted else 0.85)
            spoken = att.quoted or (att.entry is not None and att.entry.cls == "speech")
            items.append(_Item(start, end, kind, att.cue_text, conf, att.speaker_tok,
                               paragraph=self.paragraph(start), spoken=spoken))
            for p_start, p_end in att.phrases or ():
                while p_end > p_start and self.text[p_end - 1] in ".,;:":
                    p_end -= 1  # 'was "rigged."': the sentence's stop is not the speaker's word
                items.append(_Item(p_start, p_end, "partial", att.cue_text, conf * 0.9, att.speaker_tok,
                                   paragraph=self.paragraph(p_start)))
        items.sort(key=lambda it: (it.start, it.end))
        return self._walk(items)

    def _place(self, m: Marked, qa, qb, ia, ib, attributions) -> _Item | None:
        doc = self.doc
        start, end = m.inner_start, m.inner_end
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        n_words = self.words(ia, ib)
        para = self.paragraph(m.start)
        best = None
        best_overlap = 0
        for att in attributions:
            a, b = att.content
            if b <= ia or a >= ib:
                continue
            inside = self.words(max(a, ia), min(b, ib))
            total = self.words(a, b)
            if total and inside >= _COVERS * total and inside > best_overlap:
                best, best_overlap = att, inside
            elif inside == n_words and m.double:
                att.quoted = True
                if n_words <= _PHRASE_WORDS and not self._is_clause(ia, ib):
                    att.phrases = (att.phrases or []) + [(start, end)]
                # the clause takes in the marks, so its text shows the quotation whole
                att.content = (min(a, qa), max(b, qb))
        if best is not None:
            best.used = True
            kind = "direct" if n_words > _PHRASE_WORDS or self._is_clause(ia, ib) else "partial"
            return _Item(start, end, kind, best.cue_text, best.confidence, best.speaker_tok,
                         paragraph=para, cue_i=best.cue.i, quotation=True)
        if m.double and any(att.quoted and att.content[0] <= qa and qb <= att.content[1] for att in attributions):
            return None  # a part of a reported clause: the clause is the quote
        adj = self.adjacent_cue(qa, qb)
        if adj is not None and (m.double or n_words >= 3):
            tok, speaker_tok, entry, cue_text = adj
            conf = entry.confidence * 0.95 if entry is not None else 0.75
            return _Item(start, end, "direct", cue_text, conf, speaker_tok,
                         paragraph=para, cue_i=tok.i if tok is not None else None, quotation=True)
        if m.double and self.sentence_level(m) and n_words >= _MIN_FREE_WORDS:
            return _Item(start, end, "direct", None, 0.6, None, continues=True, paragraph=para, quotation=True)
        return None

    def _walk(self, items: list[_Item]) -> list[Quote]:
        """Fill speakers in text order, then build the records. A quotation with no cue takes the
        previous speaker when it follows that speaker's attribution in the same paragraph or the
        next one."""
        resolved: list[tuple[_Item, Speaker | None, float]] = []
        last: Speaker | None = None
        last_para = -10
        named: Speaker | None = None  # the last speaker of any attribution, spoken or not
        named_para = -10
        for it in items:
            speaker = None
            conf = it.confidence
            if it.continues:
                if last is not None and last_para <= it.paragraph <= last_para + 1:
                    speaker = last
                elif last is not None and named is not None and named.name == last.name \
                        and named_para <= it.paragraph <= named_para + 1:
                    # 'X said ... \n\n X believes ... \n\n "..."': X still has the floor
                    speaker, last_para = last, named_para
                else:
                    conf = 0.35
            elif it.speaker_tok is not None:
                speaker = self.speakers.speaker(it.speaker_tok)
                if speaker is None:
                    conf *= 0.6
                elif speaker.name is None:
                    conf *= 0.8
            else:
                conf *= 0.6
            if speaker is not None and it.spoken:
                last, last_para = speaker, it.paragraph
            if speaker is not None:
                named, named_para = speaker, it.paragraph
            resolved.append((it, speaker, conf))
        return self._statements(resolved)

    def _goes_on(self, prev: _Item, prev_speaker: Speaker | None, it: _Item, speaker: Speaker | None) -> bool:
        """``it`` is the next piece of the statement whose last piece is ``prev``: the second half
        of a quotation split by its cue ('"A," she said, "B."'), or a quotation with no cue of its
        own that goes on with the same speaker ('"A," she said. "B."', or the next paragraph)."""
        if not (prev.quotation and it.quotation and prev.kind == "direct" and it.kind == "direct"):
            return False
        if it.cue_i is not None and it.cue_i == prev.cue_i:
            return it.paragraph == prev.paragraph and prev.end <= self.doc[it.cue_i].idx <= it.start
        return it.continues and speaker is not None and speaker == prev_speaker \
            and prev.paragraph <= it.paragraph <= prev.paragraph + 1 and self._only_cue_between(prev.end, it.start)

    def _only_cue_between(self, end: int, start: int) -> bool:
        """Between two pieces of one statement lies at most the cue's own sentence ('," she said.
        "'): a sentence of narrative between them ('The council met on Monday.') makes them two
        statements, so the statement's span never takes in the writer's words."""
        gap = self.text[end:start]
        return len(_STOP_RE.findall(gap)) <= 1 and len(gap.split()) <= 30

    def _statements(self, resolved: list[tuple[_Item, Speaker | None, float]]) -> list[Quote]:
        """One quote per statement: quotation pieces of one speaker that go on from each other
        become one ``direct`` quote from the first piece to the last (the cue words between are
        part of its text), and each piece is listed too, as ``partial``."""
        groups: list[list[tuple[_Item, Speaker | None, float]]] = []
        for entry in resolved:
            it, speaker, _ = entry
            group = groups[-1] if groups else None
            if group is not None and self._goes_on(group[-1][0], group[-1][1], it, speaker):
                group.append(entry)
            else:
                groups.append([entry])
        out: list[Quote] = []
        text = self.text
        for group in groups:
            first, speaker, conf = group[0]
            if len(group) == 1:
                out.append(Quote(text=text[first.start:first.end], start=first.start, end=first.end,
                                 kind=first.kind, speaker=speaker, cue=first.cue_text, confidence=round(conf, 3)))
                continue
            last = group[-1][0]
            cue = next((it.cue_text for it, _, _ in group if it.cue_text), None)
            best = max(c for _, _, c in group)
            out.append(Quote(text=text[first.start:last.end], start=first.start, end=last.end, kind="direct",
                             speaker=speaker, cue=cue, confidence=round(best, 3)))
            for it, _, c in group:
                out.append(Quote(text=text[it.start:it.end], start=it.start, end=it.end, kind="partial",
                                 speaker=speaker, cue=cue, confidence=round(c, 3)))
        return out


def find_quotes(doc, index=None) -> list[Quote]:
    """Quotes of one parsed article in text order (see the package docstring)."""
    return _Finder(doc, index, lexicon()).run()

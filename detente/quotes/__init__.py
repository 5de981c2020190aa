"""Quotes and their speakers: who said what, with the evidence offsets.

reads: the spaCy Doc of Article.text (never parses again) and the article's ActorIndex
       (detente.actors; optional: without it speakers are resolved from the Doc alone)
fills: Quote records (records.Quote), in text order; ``text == article.text[start:end]``

    quotes = extract_quotes(doc, index)

What is found: quotations in any mark style (straight, curly, nested single inside double,
guillemets, typewriter ```` ``...'' ````, curly singles when a cue shows they are speech), quotes
split by their cue, quotes running over several paragraphs, quotations with no cue of their own
that go on with the previous speaker, indirect speech ("X said (that) ...", ", officials said",
"according to X"), thoughts and stances ("X believes ...", "X accused Y of ..."), quoted words
inside a reported clause. A short quoted phrase with no cue inside a sentence is a scare quote or
a title, not a quote.

Kinds (a quote record is a speaker's statement; its quotation pieces are listed too):
  direct    The speaker's words in quotation marks. For a single quotation, ``text`` is what lies
            inside the marks. A statement split by its cue or going on after it ('"A," she
            said, "B."', '"A," she said. "B."', a next paragraph with no cue of its own) is one
            direct quote from the first piece's words to the last piece's, the cue words between
            included (``text`` is always ``article.text[start:end]``). A reported clause that
            carries some of the speaker's words in marks ('said the plan was "dead on arrival"',
            PARC's and PolNeAR's "mixed" quotes) is direct too, its text the whole clause.
  indirect  Reported speech, thought or stance with no marks ("X said that ...").
  partial   A quotation that is part of a larger statement: a word or phrase quoted inside a
            reporting clause ('said the plan was "doomed"'), or one piece of a direct
            statement split by its cue. It comes beside the direct quote it is part of, with the
            same speaker and cue; a single unsplit quotation has no partial twin. Consumers that
            count statements (tone, per-speaker tallies) skip partials; those that look for a
            phrase (search, evidence highlighting) may use them.

Speakers: ``name`` is the fullest form of a person's name in the article (a short name or a
pronoun at the quote resolves to it), or the phrase itself for groups and institutions ("the
Kremlin", "officials", with the actor from the index); ``mention`` is the words at the quote
("Novak", "he", "who"); role and organization come from the index or an apposition ("the
mayor's spokeswoman, Ana Ruiz" is Ana Ruiz, role spokeswoman; the mayor does not speak). A place
or an institution speaks when it is the subject of the cue ("Moscow said ...": name "Moscow", the
actor the index gives it); title words before a name are a role ("Foreign Minister"), the words
of an institution's name are not ("the Foreign Ministry" has no role).
"""
from __future__ import annotations

import logging

from ..records import Quote
from ._extract import find_quotes

__all__ = ["extract_quotes"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def extract_quotes(doc, index=None) -> list[Quote]:
    """Quotes of one parsed article, in text order. ``index`` is the article's ActorIndex or None."""
    return find_quotes(doc, index)

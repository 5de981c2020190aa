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

Kinds:
  direct    The speaker's words in quotation marks. For a quotation, ``text`` is what lies
            inside the marks; a quotation split by its cue ("A," she said, "B") is one quote
            whose text runs across the cue. A reported clause that carries some of the speaker's
            words in marks ('said the plan was "dead on arrival"', PARC's "mixed" quotes) is
            direct too, its text the whole clause with the marks.
  indirect  Reported speech, thought or stance with no marks ("X said that ...").
  partial   A quoted word or short phrase taken up by a cue ('was "withering"'): its text is
            the phrase. It comes beside the mixed quote of the clause it sits in.

Speakers: ``name`` is the fullest form of a person's name in the article (a short name or a
pronoun at the quote resolves to it), or the phrase itself for groups and institutions ("the
Kremlin", "officials", with the actor from the index); ``mention`` is the words at the quote
("Simes", "he", "who"); role and organization come from the index or an apposition.

``join_continued=True`` makes one quote of a speaker's statement that goes on after its cue in
the same paragraph ('"A," she said. "B."'), the unit of attribution corpora such as PolNeAR;
by default each quotation is its own quote.
"""
from __future__ import annotations

import logging

from ..records import Quote
from ._extract import find_quotes

__all__ = ["extract_quotes"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def extract_quotes(doc, index=None, *, join_continued: bool = False) -> list[Quote]:
    """Quotes of one parsed article, in text order. ``index`` is the article's ActorIndex or None."""
    return find_quotes(doc, index, join_continued=join_continued)

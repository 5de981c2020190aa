"""Quotes and speakers over real spaCy parses of sentences and short articles written for these tests."""
from __future__ import annotations

import pytest

from detente.errors import DetenteError
from detente.quotes import extract_quotes
from detente.quotes._lexicon import load_lexicon
from detente.quotes._marks import find_marked


def _quotes(nlp, text, **kwargs):
    doc = nlp(text)
    quotes = extract_quotes(doc, None, **kwargs)
    for q in quotes:  # the evidence contract: text is exactly the article's characters
        assert text[q.start:q.end] == q.text
        if q.speaker is not None and q.speaker.start is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.mention
    return quotes


def _one(quotes, kind=None):
    chosen = [q for q in quotes if kind is None or q.kind == kind]
    assert len(chosen) == 1, [(q.kind, q.text) for q in quotes]
    return chosen[0]


# ---------------------------------------------------------------------------- quotation marks

@pytest.mark.parametrize("text, inner", [
    ('"We will not back down," said Anna Petrova, a spokeswoman for the ministry.', "We will not back down,"),
    ("“We will not back down,” said Anna Petrova, a spokeswoman for the ministry.", "We will not back down,"),
    ("«We will not back down», said Anna Petrova, a spokeswoman for the ministry.", "We will not back down"),
    ("‘We will not back down,’ said Anna Petrova, a spokeswoman for the ministry.", "We will not back down,"),
    ("``We will not back down,'' said Anna Petrova, a spokeswoman for the ministry.", "We will not back down,"),
])
def test_quotes_direct_in_every_mark_style(nlp, text, inner):
    q = _one(_quotes(nlp, text))
    assert q.kind == "direct"
    assert q.text == inner
    assert q.cue == "said"
    assert q.speaker.name == "Anna Petrova"
    assert q.speaker.role == "spokeswoman"
    assert q.speaker.organization == "the ministry"


def test_quotes_nested_single_marks_stay_inside_the_double_quote(nlp):
    text = "\"He looked at me and said, 'wait a minute,' and then he left,\" Novak said."
    q = _one(_quotes(nlp, text))
    assert "'wait a minute,'" in q.text
    assert q.speaker.name == "Novak"


def test_marks_single_quote_apostrophes_and_possessives_are_not_quotes():
    text = "Don't worry, the players' union said on Monday."
    assert find_marked(text) == []


def test_marks_curly_closing_glyph_used_for_both_ends_still_pairs():
    text = "He said ”we are ready” and left."
    (m,) = find_marked(text)
    assert text[m.inner_start:m.inner_end] == "we are ready"


# ---------------------------------------------------------------------------- quotes and their cues

def test_quotes_split_by_cue_keep_one_speaker(nlp):
    text = "“Do you think,” Kovacs added, “this is a gift for Poland?”"
    quotes = _quotes(nlp, text)
    assert quotes, "the split quote was missed"
    assert {q.speaker.name for q in quotes} == {"Kovacs"}
    covered = " ".join(q.text for q in quotes)
    assert "Do you think" in covered and "this is a gift for Poland?" in covered
    assert all(q.cue == "added" for q in quotes)


def test_quotes_running_over_two_paragraphs_are_one_quote(nlp):
    text = ("Marta Lind, the mayor of Tartu, spoke for an hour on Friday.\n\n"
            "“The bridge will reopen in May, and the tram will follow.\n\n"
            "“We have the money and we have the workers,” she said.")
    q = _one(_quotes(nlp, text), "direct")
    assert q.text.startswith("The bridge will reopen")
    assert q.text.endswith("we have the workers,")
    assert q.speaker.mention == "she"
    assert q.speaker.name == "Marta Lind"


def test_quotes_without_cue_continue_the_previous_speaker(nlp):
    text = ('"The first vote was a mistake," Lind said. "We will hold a second one in June."\n\n'
            '"Nobody will stop us now."\n\n'
            'The council meets again next week.')
    quotes = _quotes(nlp, text)
    assert [q.text for q in quotes] == ["The first vote was a mistake,", "We will hold a second one in June.",
                                        "Nobody will stop us now."]
    assert [q.speaker.name for q in quotes] == ["Lind"] * 3
    assert quotes[1].cue is None and quotes[1].confidence < quotes[0].confidence


def test_quotes_join_continued_makes_one_statement(nlp):
    text = '"The first vote was a mistake," Lind said. "We will hold a second one in June."'
    q = _one(_quotes(nlp, text, join_continued=True))
    assert q.text.startswith("The first vote") and q.text.endswith("second one in June.")
    assert q.speaker.name == "Lind" and q.cue == "said"


def test_quotes_cue_clause_with_long_subject_after_the_quote(nlp):
    text = ('"This is a big year for the port," the niece of the governor, state Del. Ana Ruiz, '
            'shouted to the crowd.')
    q = _one(_quotes(nlp, text))
    assert q.cue == "shouted"
    assert "niece" in q.speaker.mention


def test_quotes_name_after_a_dash_is_the_speaker(nlp):
    text = "“I will vote for the first time this year.” ― Lucia Ferreira"
    q = _one(_quotes(nlp, text))
    assert q.speaker.name == "Lucia Ferreira"


def test_quotes_pronoun_speaker_resolves_to_the_person(nlp):
    text = ("Greta Holm has led the dockworkers' union since 2015. "
            '"The strike goes on until the spring," she said.')
    q = _one(_quotes(nlp, text))
    assert q.speaker.mention == "she"
    assert q.speaker.name == "Greta Holm"


def test_quotes_short_name_takes_the_full_name(nlp):
    text = ("Dimitri Kovalenko, president of the Baltic Trade Council, spoke in Riga. "
            '"Shipping costs have doubled," Kovalenko said.')
    q = _one(_quotes(nlp, text))
    assert q.speaker.mention == "Kovalenko"
    assert q.speaker.name == "Dimitri Kovalenko"


def test_quotes_later_short_mention_keeps_the_role(nlp):
    text = ("Dimitri Kovalenko, president of the Baltic Trade Council, spoke in Riga. "
            "Kovalenko argued that tariffs would hurt the port. "
            '"Shipping costs have doubled," Kovalenko said.')
    quotes = _quotes(nlp, text)
    assert [q.speaker.name for q in quotes] == ["Dimitri Kovalenko", "Dimitri Kovalenko"]
    assert quotes[-1].speaker.role == "president"
    assert quotes[-1].speaker.organization == "the Baltic Trade Council"


def test_quotes_coordinated_speakers_are_one_group(nlp):
    text = "President Anna Berg and Prime Minister Olli Rask complained that the talks had stalled."
    q = _one(_quotes(nlp, text))
    assert q.speaker.name == "Anna Berg and Olli Rask"
    assert q.speaker.mention == "President Anna Berg and Prime Minister Olli Rask"


# ---------------------------------------------------------------------------- indirect speech

@pytest.mark.parametrize("text, content, speaker, cue", [
    ("The ambassador said that the talks had failed.", "the talks had failed", "The ambassador", "said"),
    ("Officials said the border would stay closed.", "the border would stay closed", "Officials", "said"),
    ("The border will stay closed, officials said.", "The border will stay closed", "officials", "said"),
    ("The border, officials said, will stay closed.", "The border, officials said, will stay closed",
     "officials", "said"),
    ("Viktor Petrov warned that prices would rise.", "prices would rise", "Viktor Petrov", "warned"),
    ("Viktor Petrov argued that prices would rise.", "prices would rise", "Viktor Petrov", "argued"),
    ("Maria Costa believes the court will side with the family.", "the court will side with the family",
     "Maria Costa", "believes"),
    ("Hale told reporters the plan had failed.", "the plan had failed", "Hale", "told"),
    ("Ruth Adler insisted the law was fair.", "the law was fair", "Ruth Adler", "insisted"),
    ("Farmers complained that the rules were too strict.", "the rules were too strict", "Farmers", "complained"),
    ("The Kremlin said the sanctions were illegal.", "the sanctions were illegal", "The Kremlin", "said"),
])
def test_quotes_indirect_speech(nlp, text, content, speaker, cue):
    q = _one(_quotes(nlp, text))
    assert q.kind == "indirect"
    assert q.text == content
    assert q.speaker.name == speaker
    assert q.cue == cue


def test_quotes_according_to_names_the_source(nlp):
    text = "According to Maria Costa, a lawyer for the family, the vote was rigged."
    q = _one(_quotes(nlp, text))
    assert q.kind == "indirect"
    assert q.text == "the vote was rigged"
    assert q.cue == "According to"
    assert q.speaker.name == "Maria Costa"
    assert q.speaker.role == "lawyer"


def test_quotes_participle_cue_borrows_the_subject(nlp):
    text = 'The minister spoke for an hour, telling reporters, "We have been clear from day one."'
    q = _one(_quotes(nlp, text))
    assert q.kind == "direct" and q.cue == "telling"
    assert q.speaker.name == "The minister"


def test_quotes_who_clause_keeps_the_relative_pronoun_as_mention(nlp):
    text = "The plan was opposed by Sen. Ida Berg, who said that it would cost too much."
    q = _one(_quotes(nlp, text))
    assert q.speaker.mention == "who"
    assert q.speaker.name == "Ida Berg"


# ---------------------------------------------------------------------------- partial quotes and non-quotes

def test_quotes_partial_word_inside_a_reported_clause(nlp):
    text = 'Ruth Adler said the economy was "withering" under the sanctions.'
    quotes = _quotes(nlp, text)
    partial = _one(quotes, "partial")
    assert partial.text == "withering"
    assert partial.speaker.name == "Ruth Adler"
    clause = _one(quotes, "direct")  # the reported clause carries the speaker's own word: a mixed quote
    assert clause.text == 'the economy was "withering" under the sanctions'


@pytest.mark.parametrize("text", [
    "The 'reset' was a failure from the start.",
    "The south is the region's \"soft underbelly\" and everyone knows it.",
    'She read "War and Peace" twice last summer.',
    "The so-called “peace dividend” never arrived.",
])
def test_quotes_scare_quotes_and_titles_are_not_quotes(nlp, text):
    assert _quotes(nlp, text) == []


def test_quotes_stance_verb_with_quoted_label(nlp):
    text = 'The senator described the proposal as "dead on arrival."'
    quotes = _quotes(nlp, text)
    assert {q.kind for q in quotes} == {"direct", "partial"}
    assert all(q.speaker.name == "The senator" and q.cue == "described" for q in quotes)
    assert _one(quotes, "partial").text == "dead on arrival"


# ---------------------------------------------------------------------------- a short article end to end

def test_quotes_short_article_end_to_end(nlp):
    text = ("Port Workers Extend Strike\n\n"
            "The dockworkers' strike in Gdansk entered its third week on Monday, and the port authority "
            "said losses had passed 40 million zloty.\n\n"
            "“We are not going back until the contracts are signed,” said Tomasz Wrona, who leads the "
            "union. “Our members have waited five years.”\n\n"
            "Wrona accused the port of stalling. The authority's spokeswoman, Ewa Lis, said talks would "
            "resume on Thursday.\n\n"
            "“We remain open to a fair deal,” she said.")
    quotes = _quotes(nlp, text)
    by_text = {q.text: q for q in quotes}
    assert by_text["We are not going back until the contracts are signed,"].speaker.name == "Tomasz Wrona"
    assert by_text["Our members have waited five years."].speaker.name == "Tomasz Wrona"
    assert by_text["losses had passed 40 million zloty"].speaker.name == "the port authority"
    assert by_text["talks would resume on Thursday"].speaker.name == "Ewa Lis"
    last = by_text["We remain open to a fair deal,"]
    assert (last.speaker.mention, last.speaker.name) == ("she", "Ewa Lis")
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    assert all(0.0 < q.confidence <= 1.0 for q in quotes)


def test_quotes_with_actor_index_take_the_index_person(nlp):
    """The actor index, when given, names the person; the quote keeps its own mention."""
    actors = pytest.importorskip("detente.actors")
    if not hasattr(actors, "resolve_actors"):
        pytest.skip("the actor index is not there yet")
    from detente.records import Article

    text = ("Prime Minister Vladimir Putin spoke in Sochi on Friday. "
            '"We will answer in kind," Putin said.')
    doc = nlp(text)
    index = actors.resolve_actors(doc, Article(text=text))
    q = _one(extract_quotes(doc, index))
    assert q.speaker.mention == "Putin"
    assert q.speaker.name == "Vladimir Putin"


# ---------------------------------------------------------------------------- the lexicon files

def _write_lexicon(tmp_path, cues):
    (tmp_path / "cue_verbs.tsv").write_text("# c\nlemma\tclass\tconfidence\tobject\n" + cues, encoding="utf-8")
    (tmp_path / "according.tsv").write_text("phrase\tconfidence\naccording to\t0.8\n", encoding="utf-8")
    (tmp_path / "pronouns.tsv").write_text("pronoun\tnumber\tgender\tperson\nhe\tsg\tm\t3\n", encoding="utf-8")


def test_lexicon_packaged_files_load():
    lex = load_lexicon()
    assert lex.cues["say"].cls == "speech"
    assert lex.cues["accuse"].takes_object
    assert ("according", "to") in lex.according


def test_lexicon_duplicate_entry_names_file_and_line(tmp_path):
    _write_lexicon(tmp_path, "say\tspeech\t0.9\tno\nsay\tspeech\t0.8\tno\n")
    with pytest.raises(DetenteError) as err:
        load_lexicon(tmp_path)
    assert "cue_verbs.tsv line 4" in err.value.message and "duplicate" in err.value.message


def test_lexicon_empty_file_is_refused(tmp_path):
    _write_lexicon(tmp_path, "")
    with pytest.raises(DetenteError) as err:
        load_lexicon(tmp_path)
    assert "cue_verbs.tsv has no entries" in err.value.message


def test_lexicon_unknown_class_lists_the_valid_ones(tmp_path):
    _write_lexicon(tmp_path, "say\tgossip\t0.9\tno\n")
    with pytest.raises(DetenteError) as err:
        load_lexicon(tmp_path)
    assert "speech" in err.value.fix

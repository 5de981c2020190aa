"""Quotes and speakers over real spaCy parses of sentences and short articles written for these tests."""
from __future__ import annotations

import pytest

from detente.errors import DetenteError
from detente.quotes import extract_quotes
from detente.quotes._lexicon import load_lexicon
from detente.quotes._marks import find_marked


def _quotes(nlp, text, index=None):
    doc = nlp(text)
    quotes = extract_quotes(doc, index)
    for q in quotes:  # the evidence contract: text is exactly the article's characters
        assert text[q.start:q.end] == q.text
        if q.speaker is not None and q.speaker.start is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.mention
    return quotes


def _with_index(nlp, text):
    """Quotes with the article's actor index, as `detente analyze` runs them."""
    from detente.actors import resolve_actors
    from detente.records import Article

    doc = nlp(text)
    quotes = extract_quotes(doc, resolve_actors(doc, Article(text=text)))
    for q in quotes:
        assert text[q.start:q.end] == q.text
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
    text = "\"She turned to me and said, 'hold on,' and then she left,\" Novak said."
    q = _one(_quotes(nlp, text))
    assert "'hold on,'" in q.text
    assert q.speaker.name == "Novak"


def test_marks_single_quote_apostrophes_and_possessives_are_not_quotes():
    text = "Don't worry, the players' union said on Monday."
    assert find_marked(text) == []


def test_marks_curly_closing_glyph_used_for_both_ends_still_pairs():
    text = "He said ”we are ready” and left."
    (m,) = find_marked(text)
    assert text[m.inner_start:m.inner_end] == "we are ready"


# ---------------------------------------------------------------------------- a statement and its pieces

def test_quotes_split_by_cue_is_one_statement_with_its_pieces(nlp):
    text = "“Will the harbour be ready,” Kovacs asked, “before the first ships arrive in May?”"
    quotes = _quotes(nlp, text)
    statement = _one(quotes, "direct")
    assert statement.start == text.index("Will")
    assert statement.text.endswith("arrive in May?")
    assert "Kovacs asked" in statement.text  # the cue between the pieces is part of the statement's span
    pieces = [q for q in quotes if q.kind == "partial"]
    assert [p.text for p in pieces] == ["Will the harbour be ready,", "before the first ships arrive in May?"]
    assert {q.speaker.name for q in quotes} == {"Kovacs"}
    assert {q.cue for q in quotes} == {"asked"}


def test_quotes_statement_going_on_after_its_cue_is_one_statement(nlp):
    text = '"The first vote was a mistake," Lind said. "We will hold a second one in June."'
    quotes = _quotes(nlp, text)
    statement = _one(quotes, "direct")
    assert statement.text == 'The first vote was a mistake," Lind said. "We will hold a second one in June.'
    assert (statement.speaker.name, statement.cue) == ("Lind", "said")
    pieces = [q for q in quotes if q.kind == "partial"]
    assert [p.text for p in pieces] == ["The first vote was a mistake,", "We will hold a second one in June."]
    assert all(p.speaker.name == "Lind" and p.cue == "said" for p in pieces)
    # the statement comes first, then its pieces, all in text order of their starts
    assert quotes[0] is statement and [q.start for q in quotes] == sorted(q.start for q in quotes)


def test_quotes_statement_continues_into_a_paragraph_with_no_cue(nlp):
    text = ('"The first vote was a mistake," Lind said.\n\n'
            '"Nobody will stop us now."\n\n'
            'The council meets again next week.')
    quotes = _quotes(nlp, text)
    statement = _one(quotes, "direct")
    assert statement.text.startswith("The first vote") and statement.text.endswith("stop us now.")
    assert statement.speaker.name == "Lind"
    assert len([q for q in quotes if q.kind == "partial"]) == 2


def test_quotes_narrative_between_two_quotations_keeps_them_apart(nlp):
    """The statement's span never takes in the writer's own sentences: an event told between two
    quotations must not read as something the speaker said."""
    text = ('"The first vote was a mistake," Lind said. The council met on Monday to count the ballots '
            'again. "We will hold a second one in June."')
    quotes = _quotes(nlp, text)
    assert [q.kind for q in quotes] == ["direct", "direct"]
    assert "council" not in " ".join(q.text for q in quotes)
    assert [q.speaker.name for q in quotes] == ["Lind", "Lind"]


def test_quotes_single_quotation_has_no_partial_twin(nlp):
    text = '"The bridge will reopen in May," Marta Lind said on Friday.'
    q = _one(_quotes(nlp, text))
    assert q.kind == "direct"


def test_quotes_two_cues_make_two_statements(nlp):
    text = '"The port is open," Lind said. "The trains are running," Berg added.'
    quotes = _quotes(nlp, text)
    assert [(q.kind, q.speaker.name) for q in quotes] == [("direct", "Lind"), ("direct", "Berg")]


def test_quotes_running_over_two_paragraphs_are_one_quote(nlp):
    text = ("Marta Lind, the mayor of Tartu, spoke for an hour on Friday.\n\n"
            "“The bridge will reopen in May, and the tram will follow.\n\n"
            "“We have the money and we have the workers,” she said.")
    q = _one(_quotes(nlp, text))
    assert q.kind == "direct"
    assert q.text.startswith("The bridge will reopen")
    assert q.text.endswith("we have the workers,")
    assert q.speaker.mention == "she"
    assert q.speaker.name == "Marta Lind"


def test_quotes_without_cue_far_from_any_speaker_have_no_speaker(nlp):
    text = ("The council met on Monday.\n\nThe agenda was long.\n\nThe meeting ran late.\n\n"
            '"Nobody here knows what the budget will look like."')
    q = _one(_quotes(nlp, text))
    assert q.speaker is None and q.confidence < 0.5


# ---------------------------------------------------------------------------- cues around a quotation

def test_quotes_cue_clause_with_long_subject_after_the_quote(nlp):
    text = ('"This is a busy season for the port," the niece of the governor, state Del. Ana Ruiz, '
            'shouted to the crowd.')
    q = _one(_quotes(nlp, text))
    assert q.cue == "shouted"
    assert "niece" in q.speaker.mention


def test_quotes_name_after_a_dash_is_the_speaker(nlp):
    text = "“I am voting for the first time this spring.” ― Lucia Ferreira"
    q = _one(_quotes(nlp, text))
    assert q.speaker.name == "Lucia Ferreira"


def test_quotes_byline_line_under_the_quotation_names_the_speaker(nlp):
    text = ('"The idea that we would close the school is simply wrong."\n\n'
            "- Lind.\n\n"
            "Lind overstates the case when she says so.")
    q = _one(_quotes(nlp, text))
    assert q.speaker.name == "Lind"


def test_quotes_label_before_a_colon_names_the_speaker(nlp):
    text = 'Rep. Ana Ruiz (D-Md.): "The budget office never published that number."'
    q = _one(_quotes(nlp, text))
    assert q.speaker.name == "Ana Ruiz"
    assert q.speaker.role == "Rep."


def test_quotes_verb_outside_the_lexicon_reports_a_quote_it_follows(nlp):
    text = 'The square was full. "The mayor has to go!" some protesters hollered.'
    q = _one(_quotes(nlp, text))
    assert (q.speaker.name, q.cue) == ("some protesters", "hollered")


def test_quotes_participle_cue_borrows_the_subject(nlp):
    text = 'The minister spoke for an hour, telling reporters, "The budget will be balanced by autumn."'
    q = _one(_quotes(nlp, text))
    assert q.kind == "direct" and q.cue == "telling"
    assert q.speaker.name == "The minister"


# ---------------------------------------------------------------------------- speakers

def test_quotes_pronoun_speaker_resolves_to_the_person(nlp):
    text = ("Greta Holm has led the dockworkers' union since 2015. "
            '"The strike goes on until the spring," she said.')
    q = _one(_quotes(nlp, text))
    assert q.speaker.mention == "she"
    assert q.speaker.name == "Greta Holm"


def test_quotes_pronoun_speaker_takes_the_subject_not_the_object(nlp):
    text = ("Marek Zielinski met Anna Kowal in Lodz on Tuesday. "
            '"We agreed on nothing," he said.')
    q = _one(_quotes(nlp, text))
    assert (q.speaker.mention, q.speaker.name) == ("he", "Marek Zielinski")


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


def test_quotes_named_apposition_is_the_speaker_not_the_owner(nlp):
    text = "The mayor's spokeswoman, Natalia Ostrova, said the budget would be balanced."
    q = _one(_with_index(nlp, text))
    assert q.speaker.name == "Natalia Ostrova"
    assert q.speaker.role == "spokeswoman"
    assert q.speaker.mention == "The mayor's spokeswoman, Natalia Ostrova"


def test_quotes_possessor_alone_does_not_speak(nlp):
    text = "Mayor Ivo Tamm spoke first. Tamm's spokeswoman said the budget would be balanced."
    q = _one(_with_index(nlp, text))
    assert q.speaker.name != "Ivo Tamm"
    assert "spokeswoman" in q.speaker.mention


@pytest.mark.parametrize("text, role", [
    ("Foreign Minister Anna Berg said the talks would resume.", "Foreign Minister"),
    ("Sen. Ida Berg said the talks would resume.", "Sen."),
    ("Mr. Tamm said the talks would resume.", None),
    ("Ana Ruiz said the talks would resume.", None),
])
def test_quotes_title_words_before_a_name_are_the_role(nlp, text, role):
    q = _one(_quotes(nlp, text))
    assert q.speaker.role == role


@pytest.mark.parametrize("text, name, code", [
    ("Moscow said the sanctions were illegal.", "Moscow", "RUS"),
    ("The White House said the talks would resume in May.", "The White House", "USA"),
    ("Russia's Foreign Ministry said the talks would resume in May.", "Russia's Foreign Ministry", "RUS"),
])
def test_quotes_places_and_institutions_speak_as_themselves(nlp, text, name, code):
    q = _one(_with_index(nlp, text))
    assert q.speaker.name == name
    assert q.speaker.role is None  # 'White' or 'Foreign' is a word of the name, not a title
    assert q.speaker.actor is not None and q.speaker.actor.code == code


def test_quotes_asked_in_a_participle_clause_names_no_asker(nlp):
    text = "Asked about the strike, the mayor said the city would not pay more."
    quotes = _quotes(nlp, text)
    said = _one([q for q in quotes if q.cue == "said"])
    assert said.speaker.name == "the mayor"
    assert all(q.speaker is None for q in quotes if q.cue == "Asked")


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
    ("Some economists have urged the bank to cut its rates.", "the bank to cut its rates",
     "Some economists", "urged"),
    ("Lind made clear that she would not resign.", "she would not resign", "Lind", "made clear"),
    ("Berg expects the court to rule in May.", "the court to rule in May", "Berg", "expects"),
])
def test_quotes_indirect_speech(nlp, text, content, speaker, cue):
    q = _one(_quotes(nlp, text))
    assert q.kind == "indirect"
    assert q.text == content
    assert q.speaker.name == speaker
    assert q.cue == cue


def test_quotes_coordinated_reports_are_two_attributions(nlp):
    text = "Among the voters, 64 percent said they backed the mayor, while 30 percent said they could switch sides."
    quotes = _quotes(nlp, text)
    assert [(q.text, q.speaker.name) for q in quotes] == [
        ("they backed the mayor", "64 percent"), ("they could switch sides", "30 percent")]


def test_quotes_second_cue_of_the_same_speaker_ends_the_first_clause(nlp):
    text = "Lind said the delay was caused by the weather and said, “Who could have planned for that?”"
    quotes = _quotes(nlp, text)
    assert [q.text for q in quotes] == ["the delay was caused by the weather", "Who could have planned for that?"]


def test_quotes_stance_with_object_and_clause_keeps_both(nlp):
    text = "Ms. Holm called the vote a signal that the two parties could work together."
    q = _one(_quotes(nlp, text))
    assert q.text == "the vote a signal that the two parties could work together"
    assert q.speaker.role is None  # 'Ms.' is a form of address


def test_quotes_stance_may_take_a_single_word(nlp):
    text = "On Tuesday, Gov. Ana Ruiz endorsed Berg."
    q = _one(_quotes(nlp, text))
    assert (q.text, q.cue, q.speaker.name) == ("Berg", "endorsed", "Ana Ruiz")


# ---------------------------------------------------------------------------- according to

def test_quotes_according_to_names_the_source(nlp):
    text = "According to Maria Costa, a lawyer for the family, the vote was rigged."
    q = _one(_quotes(nlp, text))
    assert q.kind == "indirect"
    assert q.text == "the vote was rigged"
    assert q.cue == "According to"
    assert q.speaker.name == "Maria Costa"
    assert q.speaker.role == "lawyer"


def test_quotes_according_to_after_the_clause_reports_what_precedes(nlp):
    text = ("Some 58 percent of voters view the mayor unfavorably, according to a city poll last week "
            "- nearly the same as a year ago.")
    q = _one(_quotes(nlp, text))
    assert q.text == "Some 58 percent of voters view the mayor unfavorably"
    assert q.speaker.mention == "a city poll"


def test_quotes_according_to_inside_brackets_reports_the_bracket(nlp):
    text = "Farm towns like Tarvas (91 percent of voters there were farmers, according to the census) may swing."
    q = _one(_quotes(nlp, text))
    assert q.text == "91 percent of voters there were farmers"
    assert q.speaker.name == "the census"


def test_quotes_who_clause_keeps_the_relative_pronoun_as_mention(nlp):
    text = "The plan was opposed by Sen. Ida Berg, who said that it would cost too much."
    q = _one(_quotes(nlp, text))
    assert q.speaker.mention == "who"
    assert q.speaker.name == "Ida Berg"


# ---------------------------------------------------------------------------- partial quotes and non-quotes

def test_quotes_partial_word_inside_a_reported_clause(nlp):
    text = 'Ruth Adler said the harvest was "doomed" by the drought.'
    quotes = _quotes(nlp, text)
    partial = _one(quotes, "partial")
    assert partial.text == "doomed"
    assert partial.speaker.name == "Ruth Adler"
    clause = _one(quotes, "direct")  # the reported clause carries the speaker's own word: a mixed quote
    assert clause.text == 'the harvest was "doomed" by the drought'


@pytest.mark.parametrize("text", [
    "The 'thaw' was a failure from the start.",
    "The delta is the country's \"rice bowl\" and everyone knows it.",
    'She read "War and Peace" twice last summer.',
    "The so-called “peace dividend” never arrived.",
    'Smuggling across the northern border threatens the valley\'s "green belt," which it worries about every year.',
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
    statement = by_text['We are not going back until the contracts are signed,” said Tomasz Wrona, who leads '
                        'the union. “Our members have waited five years.']
    assert statement.kind == "direct" and statement.speaker.name == "Tomasz Wrona"
    assert by_text["Our members have waited five years."].kind == "partial"
    assert by_text["losses had passed 40 million zloty"].speaker.name == "the port authority"
    assert by_text["talks would resume on Thursday"].speaker.name == "Ewa Lis"
    last = by_text["We remain open to a fair deal,"]
    assert (last.speaker.mention, last.speaker.name) == ("she", "Ewa Lis")
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    assert all(0.0 < q.confidence <= 1.0 for q in quotes)


def test_quotes_with_actor_index_take_the_index_person(nlp):
    """The actor index, when given, names the person; the quote keeps its own mention."""
    text = ("Foreign Minister Sergei Lavrov spoke in Sochi on Friday. "
            '"We will answer in kind," Lavrov said.')
    q = _one(_with_index(nlp, text))
    assert q.speaker.mention == "Lavrov"
    assert q.speaker.name == "Sergei Lavrov"
    assert q.speaker.actor is not None and q.speaker.actor.code == "RUS"


# ---------------------------------------------------------------------------- the lexicon files

def _write_lexicon(tmp_path, cues):
    (tmp_path / "cue_verbs.tsv").write_text("# c\nlemma\tclass\tconfidence\tobject\n" + cues, encoding="utf-8")
    (tmp_path / "according.tsv").write_text("phrase\tconfidence\naccording to\t0.8\n", encoding="utf-8")
    (tmp_path / "pronouns.tsv").write_text("pronoun\tnumber\tgender\tperson\nhe\tsg\tm\t3\n", encoding="utf-8")
    (tmp_path / "speaker_nouns.tsv").write_text("lemma\tkind\nofficial\tperson\n", encoding="utf-8")


def test_lexicon_packaged_files_load():
    lex = load_lexicon()
    assert lex.cues["say"].cls == "speech"
    assert lex.cues["accuse"].takes_object
    assert lex.cues["make clear"].cls == "speech"
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


# ---------------------------------------------------------------------------- speakers the parse hides

def test_quotes_speaker_skips_a_timestamp_line_before_the_cue(nlp):
    text = ("The Latest on the city budget (all times local):\n\n11:15 a.m.\n\n"
            "Mayor Jane Doe says the budget will be balanced by the end of the year.\n")
    q = next(q for q in _quotes(nlp, text) if "balanced" in q.text)
    assert q.speaker.name == "Jane Doe"
    assert "a.m." not in q.speaker.mention and "Latest" not in q.speaker.mention


def test_quotes_speaker_of_a_quotation_after_a_long_clause_ending_in_a_colon(nlp):
    text = ("Marta Lind used one of the letters from the voters of the northern district as the title of "
            "her column:\n\n“We must count every ballot again before anyone declares a winner.”\n")
    q = next(q for q in _quotes(nlp, text) if "every ballot" in q.text)
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.name == "Marta Lind"


def test_quotes_asked_participle_has_no_speaker_but_the_answer_does(nlp):
    text = "Asked what the deal would cost, Petrov said the ministry had not finished its review."
    quotes = _quotes(nlp, text)
    asked = next(q for q in quotes if "deal would cost" in q.text)
    answer = next(q for q in quotes if "not finished" in q.text)
    assert asked.speaker is None or (asked.speaker.name is None and asked.speaker.mention is None)
    assert answer.speaker.name == "Petrov"


def test_quotes_speaker_of_a_cue_under_an_adjective_is_the_clause_subject(nlp):
    text = "Farmers in the valley were more likely to say that the new dam had hurt their harvests."
    q = _one(_quotes(nlp, text))
    assert q.speaker.mention.startswith("Farmers")


def test_quotes_it_is_hard_to_know_has_no_speaker(nlp):
    text = "It is hard to know whether the council will approve the new budget."
    for q in _quotes(nlp, text):
        assert q.speaker is None or q.speaker.mention != "It"


def test_quotes_coordinated_cue_after_an_auxiliary_shares_the_subject(nlp):
    text = "The senator didn't come out and say the minister should resign."
    q = next(q for q in _quotes(nlp, text) if "should resign" in q.text)
    assert q.speaker is not None and q.speaker.mention == "The senator"



@pytest.mark.parametrize("contraction", ["’s", "'s"])
def test_quotes_contracted_has_said_keeps_its_subject(nlp, contraction):
    text = f"Marta Lind has long opposed the dam. She{contraction} said the council is wrong to build it."
    q = next(q for q in _quotes(nlp, text) if "council is wrong" in q.text)
    assert q.speaker is not None and q.speaker.mention == "She"
    assert q.speaker.name == "Marta Lind"

"""Actors: lexicons, metonyms, group nouns, people, antecedents, entities — on real spaCy Docs of
sentences written for these tests."""
from __future__ import annotations

import re
import shutil

import pytest

from detente.actors import load_lexicon, resolve_actors
from detente.actors.lexicon import DATA
from detente.errors import DetenteError
from detente.records import Article


def analyse(nlp, text, published=None):
    doc = nlp(text)
    return doc, resolve_actors(doc, Article(text=text, published=published))


def span_of(doc, phrase, nth=0):
    """The nth occurrence of a phrase as whole words."""
    matches = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", doc.text)]
    start = matches[nth]
    span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
    assert span is not None
    return span


def code_sector(ref):
    return (ref.code, ref.sector) if ref is not None else None


# ---------------------------------------------------------------------------------------------
# Lexicon loading and validation


def test_lexicon_loads_every_country_and_capital():
    lex = load_lexicon()
    assert lex.phrases["russia"][0].code == "RUS"
    assert lex.country_names["RUS"] == "Russia"
    # every ISO country has at least its ISO name
    import pycountry

    codes = {e.code for es in lex.phrases.values() for e in es}
    assert {c.alpha_3 for c in pycountry.countries} <= codes


def _copy_data(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def test_lexicon_duplicate_key_names_file_and_line(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "metonyms.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    moscow = next(i for i, line in enumerate(lines) if line.startswith("Moscow\t"))
    lines.append(lines[moscow])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        load_lexicon(str(data))
    assert f"metonyms.tsv:{len(lines)}" in str(err.value)
    assert "listed twice" in err.value.message
    assert err.value.fix


def test_lexicon_empty_sector_group_stops_the_load(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "sectors.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  XYZ: []\n", encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        load_lexicon(str(data))
    assert "sectors.yaml" in str(err.value) and "empty" in str(err.value)


def test_lexicon_unknown_code_in_people_is_rejected(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "people.tsv"
    path.write_text(path.read_text(encoding="utf-8")
                    + "Nobody Atall\t-\t-\tm\tQQQ\tGOV\tpresident\t2001\t2002\n", encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        load_lexicon(str(data))
    assert "people.tsv" in str(err.value) and "QQQ" in str(err.value)


# ---------------------------------------------------------------------------------------------
# Countries, metonyms and international bodies


@pytest.mark.parametrize("phrase,code,sector", [
    ("Moscow", "RUS", "GOV"),
    ("the Kremlin", "RUS", "GOV"),
    ("Washington", "USA", "GOV"),
    ("the White House", "USA", "GOV"),
    ("the Pentagon", "USA", "MIL"),
    ("Tehran", "IRN", "GOV"),
    ("Downing Street", "GBR", "GOV"),
    ("Beijing", "CHN", "GOV"),
    ("Kyiv", "UKR", "GOV"),
    ("Tbilisi", "GEO", "GOV"),
])
def test_actors_metonym_subject_is_government(nlp, phrase, code, sector):
    doc, ix = analyse(nlp, f"{phrase} rejected the proposal on Tuesday.")
    assert code_sector(ix.actor_for_span(span_of(doc, phrase))) == (code, sector)


@pytest.mark.parametrize("text,phrase,code", [
    ("The talks between Britain and South Korea ended.", "South Korea", "KOR"),
    ("The talks between Britain and South Korea ended.", "Britain", "GBR"),
    ("America and the U.S.S.R. signed the treaty.", "America", "USA"),
    ("The UK and the US disagreed.", "UK", "GBR"),
    ("The UK and the US disagreed.", "US", "USA"),
    ("Officials in Côte d'Ivoire spoke.", "Côte d'Ivoire", "CIV"),
])
def test_actors_country_short_forms(nlp, text, phrase, code):
    doc, ix = analyse(nlp, text)
    assert ix.actor_for_span(span_of(doc, phrase)).code == code


def test_actors_lowercase_us_is_not_the_united_states(nlp):
    doc, ix = analyse(nlp, "They told us nothing about the plan.")
    assert ix.actor_for_span(span_of(doc, "us")) is None
    assert not any(e.actor and e.actor.code == "USA" for e in ix.entities)


@pytest.mark.parametrize("phrase,code,sector", [
    ("NATO", "NATO", "IGO"),
    ("the United Nations", "UNO", "IGO"),
    ("the European Union", "EUR", "IGO"),
    ("the IAEA", "IAEA", "IGO"),
    ("the OSCE", "OSC", "IGO"),
    ("the World Bank", "WBK", "IGO"),
])
def test_actors_international_bodies_have_their_own_codes(nlp, phrase, code, sector):
    doc, ix = analyse(nlp, f"Yesterday {phrase} criticised the decision.")
    assert code_sector(ix.actor_for_span(span_of(doc, phrase))) == (code, sector)


def test_actors_international_body_takes_sector_from_its_noun(nlp):
    doc, ix = analyse(nlp, "NATO troops crossed the river at dawn.")
    assert code_sector(ix.actor_for_span(span_of(doc, "NATO troops"))) == ("NATO", "MIL")


def test_actors_country_adjective_before_a_body_names_a_national_body(nlp):
    doc, ix = analyse(nlp, "The Russian Security Council met on Friday.")
    assert code_sector(ix.actor_for_span(span_of(doc, "The Russian Security Council"))) == ("RUS", "GOV")


def test_actors_capital_as_bare_location_keeps_country_without_sector(nlp):
    doc, ix = analyse(nlp, "The minister gave a speech in London last week.")
    assert code_sector(ix.actor_for_span(span_of(doc, "London"))) == ("GBR", None)


def test_actors_capital_inside_another_name_is_not_the_government(nlp):
    doc, ix = analyse(nlp, "She wrote in the Washington Quarterly last spring.")
    ref = ix.actor_for_span(span_of(doc, "Washington"))
    assert ref is None or ref.sector is None


# ---------------------------------------------------------------------------------------------
# Group nouns and sectors


@pytest.mark.parametrize("phrase,code,sector", [
    ("Russian officials", "RUS", "GOV"),
    ("American troops", "USA", "MIL"),
    ("U.S. officials", "USA", "GOV"),
    ("Iranian protesters", "IRN", "CVL"),
    ("Polish lawmakers", "POL", "LEG"),
    ("Chinese companies", "CHN", "BUS"),
    ("Israeli judges", "ISR", "JUD"),
    ("Syrian rebels", "SYR", "REB"),
    ("Ukrainian opposition", "UKR", "OPP"),
    ("French newspapers", "FRA", "MED"),
    ("German universities", "DEU", "EDU"),
    ("Turkish police", "TUR", "COP"),
    ("Georgian soldiers", "GEO", "MIL"),
])
def test_actors_demonym_with_group_noun(nlp, phrase, code, sector):
    doc, ix = analyse(nlp, f"On Monday {phrase} criticised the plan.")
    assert code_sector(ix.actor_for_span(span_of(doc, phrase))) == (code, sector)


def test_actors_possessive_country_with_institution(nlp):
    doc, ix = analyse(nlp, "Poland's parliament voted, and Japan's defence ministry objected.")
    assert code_sector(ix.actor_for_span(span_of(doc, "Poland's parliament"))) == ("POL", "LEG")
    assert code_sector(ix.actor_for_span(span_of(doc, "Japan's defence ministry"))) == ("JPN", "MIL")


def test_actors_generic_head_takes_modifier_sector(nlp):
    doc, ix = analyse(nlp, "Afghan rebel leaders met Pentagon officials.")
    assert code_sector(ix.actor_for_span(span_of(doc, "Afghan rebel leaders"))) == ("AFG", "REB")
    assert code_sector(ix.actor_for_span(span_of(doc, "Pentagon officials"))) == ("USA", "MIL")


def test_actors_country_word_alone_takes_sector_of_its_noun(nlp):
    doc, ix = analyse(nlp, "Senior Hungarian and Romanian officials agreed to meet again.")
    assert code_sector(ix.actor_for_span(span_of(doc, "Hungarian"))) == ("HUN", "GOV")
    refs = ix.actors_for_span(span_of(doc, "Senior Hungarian and Romanian officials"))
    assert [code_sector(r) for r in refs] == [("HUN", "GOV"), ("ROU", "GOV")]


def test_actors_compound_of_two_countries(nlp):
    doc, ix = analyse(nlp, "The United States and Jordan have agreed on a new pact.")
    refs = ix.actors_for_span(span_of(doc, "The United States and Jordan"))
    assert [r.code for r in refs] == ["USA", "JOR"]


def test_actors_plural_demonym_is_civilians(nlp):
    doc, ix = analyse(nlp, "Many Russians distrust the plan.")
    assert code_sector(ix.actor_for_span(span_of(doc, "Many Russians"))) == ("RUS", "CVL")


@pytest.mark.parametrize("text,phrase", [
    ("Pro-Russian separatists shelled the town.", "Pro-Russian separatists"),
    ("Kremlin-backed rebels seized the airport.", "Kremlin-backed rebels"),
    ("Anti-American protesters gathered outside.", "Anti-American protesters"),
])
def test_actors_stance_and_sponsor_words_do_not_give_nationality(nlp, text, phrase):
    doc, ix = analyse(nlp, text)
    ref = ix.actor_for_span(span_of(doc, phrase))
    assert ref is None or ref.code not in ("RUS", "USA")


def test_actors_located_think_tank_keeps_country_not_government(nlp):
    doc, ix = analyse(nlp, "A Washington-based think tank published the study.")
    assert code_sector(ix.actor_for_span(span_of(doc, "A Washington-based think tank"))) == ("USA", "NGO")


def test_actors_country_name_as_topic_is_not_nationality(nlp):
    doc, ix = analyse(nlp, "A Russia analyst said the talks would fail.")
    ref = ix.actor_for_span(span_of(doc, "A Russia analyst"))
    assert ref is None or ref.code is None


def test_actors_dyad_token_is_not_an_actor(nlp):
    doc, ix = analyse(nlp, "U.S.-Russia relations have cooled.")
    assert ix.actor_for_span(span_of(doc, "U.S.-Russia relations")) is None
    codes = [e.actor.code for e in ix.entities if e.actor]
    assert "USA" in codes and "RUS" in codes


# ---------------------------------------------------------------------------------------------
# Ambiguous names and unknowns


def test_actors_georgia_is_the_country_with_georgian_context(nlp):
    doc, ix = analyse(nlp, "Georgia accused Moscow of provocations. Officials in Tbilisi said troops had moved.")
    assert ix.actor_for_span(span_of(doc, "Georgia")).code == "GEO"


def test_actors_georgia_is_the_us_state_among_other_states(nlp):
    doc, ix = analyse(nlp, "Voters in Georgia, Florida and Ohio lined up early.")
    assert ix.actor_for_span(span_of(doc, "Georgia")).code == "USA"


def test_actors_georgia_alone_stays_unknown(nlp):
    doc, ix = analyse(nlp, "Georgia announced new rules on Monday.")
    assert ix.actor_for_span(span_of(doc, "Georgia")) is None


def test_actors_unknown_group_stays_unknown(nlp):
    doc, ix = analyse(nlp, "Officials said the meeting was postponed.")
    assert ix.actor_for_span(span_of(doc, "Officials")) is None


def test_actors_unknown_organization_keeps_no_actor(nlp):
    doc, ix = analyse(nlp, "Comments powered by Zorblatt.")
    ent = next((e for e in ix.entities if e.text == "Zorblatt"), None)
    assert ent is None or ent.actor is None


# ---------------------------------------------------------------------------------------------
# People


def test_people_title_and_curated_list_give_country(nlp):
    doc, ix = analyse(nlp, "Prime Minister Vladimir Putin met President Dmitry Medvedev in the morning.")
    putin = ix.person_for_span(span_of(doc, "Vladimir Putin"))
    assert putin.name == "Vladimir Putin" and putin.role == "Prime Minister"
    assert code_sector(putin.actor) == ("RUS", "GOV")
    assert code_sector(ix.actor_for_span(span_of(doc, "President Dmitry Medvedev"))) == ("RUS", "GOV")


def test_people_demonym_title_gives_country_of_unlisted_person(nlp):
    doc, ix = analyse(nlp, "Moldovan Foreign Minister Ana Petrescu arrived on Sunday.")
    person = ix.person_for_span(span_of(doc, "Ana Petrescu"))
    assert code_sector(person.actor) == ("MDA", "GOV")
    assert person.role == "Foreign Minister"


def test_people_adviser_takes_patrons_actor(nlp):
    text = ("President Dmitry Medvedev spoke first. \"We want trust,\" said Pavel Orlov, an economic "
            "policy adviser to Medvedev, at a lecture.")
    doc, ix = analyse(nlp, text)
    orlov = ix.person_for_span(span_of(doc, "Pavel Orlov"))
    assert orlov.role == "economic policy adviser"
    assert code_sector(orlov.actor) == ("RUS", "GOV")


def test_people_relative_clause_with_agency(nlp):
    text = ("\"Nothing has changed,\" said Helen Marsh, who served as senior director at the National "
            "Security Council from 2001 to 2003.")
    doc, ix = analyse(nlp, text)
    marsh = ix.person_for_span(span_of(doc, "Helen Marsh"))
    assert marsh.organization == "National Security Council"
    assert code_sector(marsh.actor) == ("USA", "GOV")


def test_people_think_tank_analyst_has_no_country(nlp):
    text = "The deal is fragile, argued Paul Varga, a Russia analyst at the Eurasia Group."
    doc, ix = analyse(nlp, text)
    varga = ix.person_for_span(span_of(doc, "Paul Varga"))
    assert varga.organization == "Eurasia Group"
    assert varga.actor.code is None and varga.actor.sector in ("NGO", "EDU")


def test_people_president_of_think_tank(nlp):
    text = "Nothing will change soon, said Victor Hale, president of the Brookings Institution."
    doc, ix = analyse(nlp, text)
    hale = ix.person_for_span(span_of(doc, "Victor Hale"))
    assert hale.role == "president" and hale.organization == "Brookings Institution"
    assert hale.actor.code is None and hale.actor.sector == "NGO"


def test_people_possessive_patron(nlp):
    text = "Vice President Joe Biden left early. Sam Kerrigan, Biden's chief of staff, stayed behind."
    doc, ix = analyse(nlp, text)
    kerrigan = ix.person_for_span(span_of(doc, "Sam Kerrigan"))
    assert code_sector(kerrigan.actor) == ("USA", "GOV")


def test_people_university_gives_country_and_education(nlp):
    text = "Ruth Adler, a history professor at the University of Maryland, disagreed."
    doc, ix = analyse(nlp, text)
    adler = ix.person_for_span(span_of(doc, "Ruth Adler"))
    assert code_sector(adler.actor) == ("USA", "EDU")


def test_people_short_mentions_join_the_full_name(nlp):
    text = ("Dimitri Volkov, a fellow at the Brookings Institution, spoke first. Later Volkov "
            "added a warning, and Mr. Volkov left.")
    doc, ix = analyse(nlp, text)
    people = [p for p in ix.people if "Volkov" in p.name]
    assert len(people) == 1
    assert people[0].name == "Dimitri Volkov" and len(people[0].mentions) == 3
    for start, end in people[0].mentions:
        assert text[start:end] == ("Dimitri Volkov" if start == 0 else "Volkov")
    assert ix.person_for_span(span_of(doc, "Volkov", nth=1)) is people[0]


def test_people_same_surname_goes_to_latest_full_name(nlp):
    text = ("Bill Clinton spoke in the morning. Hillary Clinton spoke at noon. Clinton then left "
            "for the airport.")
    doc, ix = analyse(nlp, text)
    later = ix.person_for_span(span_of(doc, "Clinton then"))
    assert later.name == "Hillary Clinton"


def test_people_curated_short_name_without_full_name(nlp):
    doc, ix = analyse(nlp, "Lavrov rejected the offer.", published="2012-05-01")
    assert code_sector(ix.actor_for_span(span_of(doc, "Lavrov"))) == ("RUS", "GOV")


def test_people_curated_date_decides_sector(nlp):
    text = "Hillary Clinton spoke about the plan."
    _, in_office = analyse(nlp, text, published="2011-03-02")
    _, out_of_office = analyse(nlp, text, published="2016-03-02")
    assert code_sector(in_office.people[0].actor) == ("USA", "GOV")
    assert code_sector(out_of_office.people[0].actor) == ("USA", None)


def test_people_pronoun_resolves_to_previous_subject(nlp):
    text = "Igor Petrov believes the deal will fail. If talks collapse, he said, prices will rise."
    doc, ix = analyse(nlp, text)
    assert ix.person_for_span(span_of(doc, "he")).name == "Igor Petrov"


def test_people_pronoun_skips_person_of_other_gender(nlp):
    text = "Mrs. Anna Berg met Mr. Tomas Holm on Monday. She said the meeting went well."
    doc, ix = analyse(nlp, text)
    assert ix.person_for_span(span_of(doc, "She")).name == "Anna Berg"


def test_people_nominal_title_refers_to_person(nlp):
    text = "Vice President Joe Biden toured Poland. The vice president met soldiers there."
    doc, ix = analyse(nlp, text)
    assert ix.person_for_span(span_of(doc, "The vice president")).name == "Joe Biden"


def test_people_speaker_record(nlp):
    text = "\"We will wait,\" said Dimitri Volkov, a fellow at the Brookings Institution."
    doc, ix = analyse(nlp, text)
    speaker = ix.speaker_for_span(span_of(doc, "Dimitri Volkov"))
    assert speaker.name == "Dimitri Volkov" and speaker.organization == "Brookings Institution"
    assert text[speaker.start:speaker.end] == "Dimitri Volkov"


def test_people_country_mistaken_for_person_stays_a_country(nlp):
    doc, ix = analyse(nlp, "Benin opened its borders today.")
    assert ix.actor_for_span(span_of(doc, "Benin")).code == "BEN"
    assert not any(p.name == "Benin" for p in ix.people)


# ---------------------------------------------------------------------------------------------
# "the administration" / "the government"


def test_actors_named_administration(nlp):
    doc, ix = analyse(nlp, "The Obama administration announced new sanctions.")
    assert code_sector(ix.actor_for_span(span_of(doc, "The Obama administration"))) == ("USA", "GOV")


def test_actors_plain_administration_takes_latest_antecedent(nlp):
    text = ("The White House sent a message to the Kremlin. Later the administration "
            "softened its tone.")
    doc, ix = analyse(nlp, text)
    assert code_sector(ix.actor_for_span(span_of(doc, "the administration"))) == ("USA", "GOV")


def test_actors_plain_administration_without_antecedent_is_unknown(nlp):
    doc, ix = analyse(nlp, "The administration softened its tone.")
    assert ix.actor_for_span(span_of(doc, "The administration")) is None


def test_actors_plain_government_needs_explicit_government(nlp):
    text = "Moscow protested. The Polish government answered, and the government then waited."
    doc, ix = analyse(nlp, text)
    assert ix.actor_for_span(span_of(doc, "the government then".split()[0] + " government")).code == "POL"
    doc, ix = analyse(nlp, "Moscow protested, and the government then waited.")
    assert ix.actor_for_span(span_of(doc, "the government")) is None


# ---------------------------------------------------------------------------------------------
# Entities


def test_entities_include_lexicon_hits_with_offsets(nlp):
    text = "Kremlin aides and the White House traded notes while NATO watched."
    doc, ix = analyse(nlp, text)
    by_text = {e.text: e for e in ix.entities}
    for e in ix.entities:
        assert text[e.start:e.end] == e.text
    kremlin = next(e for e in ix.entities if "Kremlin" in e.text)
    assert kremlin.actor.code == "RUS"
    white_house = next(e for e in ix.entities if "White House" in e.text)
    assert white_house.actor.code == "USA"
    assert by_text["NATO"].actor.code == "NATO"


def test_entities_numeric_labels_are_left_to_figures(nlp):
    doc, ix = analyse(nlp, "Russia sold arms worth $3 billion in 2008.")
    assert all(e.label not in ("MONEY", "DATE", "CARDINAL") for e in ix.entities)


def test_people_bare_surname_names_the_main_figure(nlp):
    text = ("Hillary Clinton spoke in Ohio. Hillary Clinton then flew to Iowa, where Chelsea Clinton "
            "joined her. Clinton said the race was close.")
    doc, ix = analyse(nlp, text)
    assert ix.person_for_span(span_of(doc, "Clinton said".split()[0], nth=3)).name == "Hillary Clinton"


def test_people_surname_with_particle_is_a_short_mention(nlp):
    text = "Mayor Anton de Vries spoke first. Later De Vries took questions."
    doc, ix = analyse(nlp, text)
    people = [p for p in ix.people if "Vries" in p.name]
    assert len(people) == 1 and len(people[0].mentions) == 2


def test_people_curated_offices_in_two_bodies_need_the_year(nlp):
    text = "Ban Ki-moon arrived in Seoul on Monday."
    _, undated = analyse(nlp, text)
    _, dated = analyse(nlp, text, published="2010-01-05")
    assert undated.people[0].actor is None or undated.people[0].actor.code is None
    assert dated.people[0].actor.code == "UNO"


def test_actors_soviet_codes_as_russia(nlp):
    doc, ix = analyse(nlp, "Soviet officials signed the accord.")
    assert code_sector(ix.actor_for_span(span_of(doc, "Soviet officials"))) == ("RUS", "GOV")


ARTICLE = (
    "When the talks opened in Geneva, the Kremlin said it wanted a quick deal. Moscow also warned "
    "the White House against new sanctions on Tehran.\n\n"
    "\"We are ready to listen,\" said Prime Minister Vladimir Putin, standing next to President "
    "Dmitry Medvedev. Nadia Orlova, an energy adviser to Medvedev, said the talks would take months.\n\n"
    "Secretary of State Hillary Clinton answered that Washington would consult NATO first. Clinton "
    "added that the administration had not decided. Greg Tomlin, a Russia analyst at the Eurasia "
    "Group, said neither side trusted the other. Later Tomlin said he expected no breakthrough.")


def test_actors_whole_article_of_our_own(nlp):
    doc, ix = analyse(nlp, ARTICLE, published="2010-03-01")
    def entity(text):
        return next(e for e in ix.entities if e.text == text)
    assert entity("the Kremlin").actor.code == "RUS"
    assert entity("Moscow").actor.code == "RUS"
    assert entity("the White House").actor.code == "USA"
    assert entity("Tehran").actor.code == "IRN"
    assert entity("NATO").actor.code == "NATO"
    assert code_sector(entity("Geneva").actor) == ("CHE", None)
    people = {p.name: p for p in ix.people}
    assert code_sector(people["Vladimir Putin"].actor) == ("RUS", "GOV")
    assert code_sector(people["Dmitry Medvedev"].actor) == ("RUS", "GOV")
    assert code_sector(people["Nadia Orlova"].actor) == ("RUS", "GOV")
    assert code_sector(people["Hillary Clinton"].actor) == ("USA", "GOV")
    assert people["Greg Tomlin"].actor.code is None and people["Greg Tomlin"].organization == "Eurasia Group"
    assert len(people["Greg Tomlin"].mentions) == 2
    assert ix.person_for_span(span_of(doc, "he")).name == "Greg Tomlin"
    assert ix.actor_for_span(span_of(doc, "the administration")).code == "USA"
    for e in ix.entities:
        assert ARTICLE[e.start:e.end] == e.text


def test_actors_senate_takes_the_country_the_article_names(nlp):
    text = ("Washington and Moscow signed the treaty in April. American officials said the Senate "
            "would vote before Christmas.")
    doc, ix = analyse(nlp, text)
    assert code_sector(ix.actor_for_span(span_of(doc, "the Senate"))) == ("USA", "LEG")
    doc, ix = analyse(nlp, "The Senate voted on Tuesday.")
    assert ix.actor_for_span(span_of(doc, "The Senate")) is None


def test_actors_security_council_is_the_united_nations(nlp):
    doc, ix = analyse(nlp, "The Security Council imposed new sanctions.")
    assert code_sector(ix.actor_for_span(span_of(doc, "The Security Council"))) == ("UNO", "GOV")


def test_people_honorific_keeps_apart_people_of_one_surname(nlp):
    text = "Michelle Harlow spoke first. Mr. Harlow, her husband, said nothing. Later Mr. Harlow left."
    doc, ix = analyse(nlp, text)
    michelle = ix.person_for_span(span_of(doc, "Michelle Harlow"))
    mister = ix.person_for_span(span_of(doc, "Harlow", nth=1))
    assert michelle is not mister and mister.gender == "m"
    assert ix.person_for_span(span_of(doc, "Harlow", nth=2)) is mister


def test_people_first_name_gives_gender_for_pronouns(nlp):
    text = "Anna Berg met Tomasz Holm on Monday. Later she said the meeting went well."
    doc, ix = analyse(nlp, text)
    assert ix.person_for_span(span_of(doc, "she")).name == "Anna Berg"

"""Event coding: one sentence per PLOVER type and per mode, written for these tests, parsed by the
real spaCy pipeline and coded with a small actor resolver of the tests' own (the coder only needs
``actor_for_span``, ``person_for_span`` and ``entities`` of the ActorIndex)."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from detente.errors import DetenteError
from detente.events import PLOVER_TYPES, code_events, load_lexicon, load_ontology, versions
from detente.events.dates import BaseDate, base_date, resolve_date
from detente.records import ActorRef, Article, Entity, Quote, Speaker

# --------------------------------------------------------------------------- a tiny resolver
_NAMES = {
    "russia": ("RUS", None), "moscow": ("RUS", "GOV"), "kremlin": ("RUS", "GOV"), "the kremlin": ("RUS", "GOV"),
    "united states": ("USA", None), "the united states": ("USA", None), "u.s.": ("USA", None),
    "washington": ("USA", "GOV"), "white house": ("USA", "GOV"), "the white house": ("USA", "GOV"),
    "iran": ("IRN", None), "tehran": ("IRN", "GOV"), "poland": ("POL", None), "warsaw": ("POL", "GOV"),
    "france": ("FRA", None), "paris": ("FRA", "GOV"), "germany": ("DEU", None), "berlin": ("DEU", "GOV"),
    "china": ("CHN", None), "beijing": ("CHN", "GOV"), "japan": ("JPN", None), "chile": ("CHL", None),
    "peru": ("PER", None), "norway": ("NOR", None), "sweden": ("SWE", None), "latvia": ("LVA", None),
    "georgia": ("GEO", None), "ukraine": ("UKR", None), "kenya": ("KEN", None), "nato": ("NATO", "IGO"),
    "canada": ("CAN", None), "ottawa": ("CAN", "GOV"), "mexico": ("MEX", None), "egypt": ("EGY", None),
    "turkey": ("TUR", None), "ankara": ("TUR", "GOV"), "finland": ("FIN", None), "estonia": ("EST", None),
}
_DEMONYMS = {"russian": "RUS", "american": "USA", "iranian": "IRN", "polish": "POL", "french": "FRA",
             "german": "DEU", "chinese": "CHN", "japanese": "JPN", "chilean": "CHL", "peruvian": "PER",
             "kenyan": "KEN", "georgian": "GEO", "ukrainian": "UKR", "canadian": "CAN", "mexican": "MEX",
             "turkish": "TUR", "egyptian": "EGY", "finnish": "FIN", "estonian": "EST"}
_PEOPLE = {"ivanov": ("RUS", "GOV"), "smith": ("USA", "GOV"), "dubois": ("FRA", "GOV"), "tanaka": ("JPN", "GOV")}
_SECTORS = {"army": "MIL", "troops": "MIL", "soldiers": "MIL", "forces": "MIL", "police": "COP",
            "officials": "GOV", "government": "GOV", "diplomats": "GOV", "students": "EDU", "workers": "LAB"}


@dataclass
class _Person:
    name: str
    actor: ActorRef


class TinyIndex:
    """Resolves country names, capitals, demonym + noun and four surnames; nothing else."""

    def __init__(self, doc):
        self.doc = doc
        self.entities = []
        for ent in doc.ents:
            actor = self.actor_for_span(ent)
            self.entities.append(Entity(ent.text, ent.label_, ent.start_char, ent.end_char, actor))

    def actor_for_span(self, span):
        text = re.sub(r"('s|’s)$", "", span.text.lower()).strip()
        text = re.sub(r"^the ", "", text) if text not in _NAMES else text
        sector = next((s for w, s in _SECTORS.items() if w in text.split()), None)
        if text in _NAMES:
            code, s = _NAMES[text]
            return ActorRef(code, s or sector, span.text)
        for tok in span:
            low = tok.lower_
            if low in _PEOPLE:
                return ActorRef(*_PEOPLE[low], tok.text)
            if low in _DEMONYMS or low.rstrip("s") in _DEMONYMS:
                return ActorRef(_DEMONYMS.get(low) or _DEMONYMS[low.rstrip("s")], sector, tok.text)
            if tok.pos_ == "PROPN" and low in _NAMES:
                code, s = _NAMES[low]
                return ActorRef(code, s or sector, tok.text)
        return None

    def person_for_span(self, span):
        tok = span[0]
        if tok.lower_ not in ("he", "she", "him", "her", "his"):
            return None
        for t in reversed(self.doc[:tok.i]):
            if t.lower_ in _PEOPLE:
                return _Person(t.text, ActorRef(*_PEOPLE[t.lower_], t.text))
        return None


def code(nlp, text, published="2010-05-20", quotes=()):
    doc = nlp(text)
    return code_events(doc, TinyIndex(doc), list(quotes), Article(text=text, published=published))


def triples(events):
    return {(e.type, e.source.code, e.target.code if e.target else None) for e in events}


# --------------------------------------------------------------------------- one sentence per type
TYPE_CASES = [
    ("AGREE", "Chile and Peru reached an agreement on fishing rights last week.", None, None),
    ("AGREE", "Moscow promised to let Japanese fishing boats enter its waters.", "RUS", "JPN"),
    ("CONSULT", "The Chilean foreign minister met with Peruvian officials in Lima on Monday.", "CHL", "PER"),
    ("SUPPORT", "Berlin praised Poland for its handling of the border crisis.", "DEU", "POL"),
    ("CONCEDE", "The government in Ankara lifted the curfew on Kenyan traders after a week.", "TUR", "KEN"),
    ("COOPERATE", "Finnish police shared intelligence with Estonian investigators about the smuggling ring.",
     "FIN", "EST"),
    ("AID", "Canada delivered 40 tons of medicine to Peru on Tuesday.", "CAN", "PER"),
    ("RETREAT", "Russia withdrew its troops from Georgia in the autumn.", "RUS", "GEO"),
    ("REQUEST", "Washington urged Beijing to release the detained journalists.", "USA", "CHN"),
    ("ACCUSE", "Egypt accused Turkey of meddling in the region.", "EGY", "TUR"),
    ("REJECT", "Tehran rejected the French proposal within hours.", "IRN", "FRA"),
    ("THREATEN", "Ankara threatened Egypt with economic retaliation.", "TUR", "EGY"),
    ("PROTEST", "Thousands of Kenyan students demonstrated against the government in Nairobi.", "KEN", None),
    ("SANCTION", "Ottawa expelled two Russian diplomats on Friday.", "CAN", "RUS"),
    ("MOBILIZE", "Ukraine deployed additional troops to its eastern border.", "UKR", None),
    ("COERCE", "Mexican police arrested three Peruvian smugglers near the port.", "MEX", "PER"),
    ("ASSAULT", "Georgian artillery shelled Russian positions overnight.", "GEO", "RUS"),
]


@pytest.mark.parametrize("type_name,text,source,target", TYPE_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(TYPE_CASES)])
def test_events_type_coded_with_actors(nlp, type_name, text, source, target):
    events = code(nlp, text)
    assert events, f"no event coded from {text!r}"
    assert type_name in {e.type for e in events}
    if source is not None:
        ev = next(e for e in events if e.type == type_name)
        assert ev.source.code == source
        assert (ev.target.code if ev.target else None) == target


def test_events_compound_subject_gives_one_event_per_source(nlp):
    events = code(nlp, "Chile and Peru reached an agreement on fishing rights last week.")
    assert {(e.source.code, e.target) for e in events} == {("CHL", None), ("PER", None)}


def test_events_passive_takes_source_from_agent(nlp):
    events = code(nlp, "Russian positions were shelled by Georgian artillery overnight.")
    assert triples(events) == {("ASSAULT", "GEO", "RUS")}


def test_events_passive_without_agent_has_no_source_and_no_event(nlp):
    assert code(nlp, "Three Peruvian smugglers were arrested near the port.") == []


def test_events_no_source_no_event(nlp):
    assert code(nlp, "Someone shelled the positions overnight.") == []


def test_events_metonym_source_and_prepositional_target(nlp):
    events = code(nlp, "The Kremlin imposed sanctions on Georgia in March.")
    assert triples(events) == {("SANCTION", "RUS", "GEO")}
    assert events[0].trigger.text.startswith("imposed")


def test_events_phrasal_verb_pull_plug_is_concede(nlp):
    events = code(nlp, "Washington pulled the plug on its radar plans for Poland.")
    assert ("CONCEDE", "USA", "POL") in triples(events)


def test_events_both_countries_is_the_last_pair_named(nlp):
    text = ("Relations between Chile and Peru have improved since the summer. "
            "Both governments are now discussing a new maritime treaty.")
    events = [e for e in code(nlp, text) if e.type == "CONSULT"]
    assert triples(events) == {("CONSULT", "CHL", "PER")}


def test_events_nominal_decision_continues_previous_source(nlp):
    text = ("Berlin praised Warsaw for its reforms in May. "
            "But the later decision to ship tanks to Latvia surprised observers.")
    aid = [e for e in code(nlp, text) if e.type == "AID"]
    assert triples(aid) == {("AID", "DEU", "LVA")}
    assert aid[0].mode == "intended"


def test_events_object_of_ordinary_verb_is_no_event(nlp):
    """"needs Russian cooperation" names a wish, not an act of cooperation."""
    assert code(nlp, "The economy needs Russian cooperation more than ever.") == []


def test_events_poll_share_is_not_an_actor(nlp):
    assert code(nlp, "Only 30 percent of Peruvians supported Chile in the dispute.") == []


# --------------------------------------------------------------------------- modes
MODE_CASES = [
    ("asserted", "Russia withdrew its troops from Georgia.", "RETREAT"),
    ("promised", "Russia promised to withdraw its troops from Georgia.", "AGREE"),
    ("promised", "Russia said it will withdraw its troops from Georgia.", "AGREE"),
    ("promised", "Russia will withdraw its troops from Georgia.", "AGREE"),
    ("intended", "Russia will withdraw its troops from Georgia next month.", "RETREAT"),
    ("intended", "The Russian president will meet Japanese officials at the summit.", "CONSULT"),
    ("intended", "Russia plans to withdraw its troops from Georgia.", "RETREAT"),
    ("intended", "Russia decided to withdraw its troops from Georgia.", "RETREAT"),
    ("hypothetical", "Russia could withdraw its troops from Georgia.", "RETREAT"),
    ("negated", "Russia did not withdraw its troops from Georgia.", "REJECT"),
    ("negated", "Georgian artillery did not shell Russian positions.", "ASSAULT"),
    ("historical", "Russia withdrew its troops from Georgia in 1994.", "RETREAT"),
    ("reported", "Georgia said Russia shelled its villages.", "ASSAULT"),
]


@pytest.mark.parametrize("mode,text,type_name", MODE_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(MODE_CASES)])
def test_events_mode(nlp, mode, text, type_name):
    events = code(nlp, text)
    ev = next((e for e in events if e.type == type_name), None)
    assert ev is not None, f"no {type_name} in {[(e.type, e.mode) for e in events]}"
    assert ev.mode == mode
    assert ev.negated == (mode == "negated")
    assert ev.hypothetical == (mode == "hypothetical")


def test_events_refused_to_is_reject_and_consumes_inner_event(nlp):
    events = code(nlp, "Tehran refused to release the French sailors.")
    assert {e.type for e in events} == {"REJECT"}
    assert events[0].source.code == "IRN"


def test_events_threat_of_violence_is_threaten(nlp):
    events = code(nlp, "Georgia vowed to attack Russian positions.")
    assert {e.type for e in events} == {"THREATEN"}
    assert events[0].mode == "promised"


def test_events_ultimatum_with_unless_is_threaten(nlp):
    events = code(nlp, "Canada said it will withdraw its troops from Peru unless the violence stops.")
    assert {e.type for e in events} == {"THREATEN"}


def test_events_third_party_speculation_is_not_coded(nlp):
    text = "Moscow would only sanction Tehran if it gained something, argued a Kenyan analyst."
    assert [e for e in code(nlp, text) if e.source.code == "RUS"] == []


def test_events_belief_is_not_coded(nlp):
    assert code(nlp, "Russia believes that American officials promised to keep NATO out.") == []


def test_events_said_that_must_is_a_request(nlp):
    events = code(nlp, "Russia said on Tuesday that Kenya must return the captured helicopter.")
    assert ("REQUEST", "RUS", "KEN") in triples(events)


def test_events_mode_intensity_follows_ontology(nlp):
    onto = load_ontology()
    asserted = next(e for e in code(nlp, "Russia withdrew its troops from Georgia.") if e.type == "RETREAT")
    promised = next(e for e in code(nlp, "Russia promised to withdraw its troops from Georgia."))
    assert asserted.intensity == onto.intensity("RETREAT", "asserted")
    assert promised.intensity == onto.intensity("AGREE", "promised")
    assert 0 < promised.intensity < onto.intensity("AGREE", "asserted")


def test_events_we_in_quote_is_the_speakers_side(nlp):
    text = '"We will send food and medicine to Peru," said Smith, the American envoy.'
    doc = nlp(text)
    end = text.index('," said') + 1
    speaker = Speaker("Smith", "Smith", text.index("Smith"), text.index("Smith") + 5, "envoy", None,
                      ActorRef("USA", "GOV", "Smith"))
    quote = Quote(text[1:end - 1], 1, end - 1, "direct", speaker, "said", 0.9)
    events = code_events(doc, TinyIndex(doc), [quote], Article(text=text, published="2010-05-20"))
    assert ("AGREE", "USA", "PER") in triples(events)


def test_events_pronoun_subject_resolves_to_person(nlp):
    events = code(nlp, "Ivanov spoke in Paris. He criticized Poland over the pipeline.")
    assert ("ACCUSE", "RUS", "POL") in triples(events)


# --------------------------------------------------------------------------- dates
def test_events_date_from_clause_month_without_article_year(nlp):
    events = code(nlp, "In July, Moscow promised to let Japanese boats fish in its waters.", published="--11-19")
    assert events[0].date == "--07" and events[0].date_precision == "month"


def test_events_date_day_with_full_article_date(nlp):
    events = code(nlp, "On Wednesday, Ottawa expelled two Russian diplomats.", published="2010-05-20")
    assert events[0].date == "2010-05-19" and events[0].date_precision == "day"


def test_events_unknown_date_is_null(nlp):
    events = code(nlp, "Ottawa expelled two Russian diplomats.")
    assert events[0].date is None and events[0].date_precision is None


@pytest.mark.parametrize("phrase,base,expected", [
    ("In July", BaseDate(2009, 11, 19), ("2009-07", "month")),
    ("in December", BaseDate(2009, 11, 19), ("2008-12", "month")),
    ("Nov. 5", BaseDate(None, 11, 19), ("--11-05", "day")),
    ("last year", BaseDate(2009, 11, 19), ("2008", "year")),
    ("last year", BaseDate(None, 11, 19), (None, None)),
    ("in 1990", BaseDate(None, None, None), ("1990", "year")),
    ("on Wednesday", BaseDate(2009, 11, 19), ("2009-11-18", "day")),
    ("three decades", BaseDate(2009, 11, 19), (None, None)),
])
def test_events_resolve_date(phrase, base, expected):
    assert resolve_date(phrase, base) == expected


def test_events_base_date_reads_partial_article_dates():
    assert base_date(Article(text="x", updated="--11-19T12:22")) == BaseDate(None, 11, 19)
    assert base_date(Article(text="x", published="2009-11-19T10:00")) == BaseDate(2009, 11, 19)
    assert base_date(Article(text="x")) == BaseDate()


# --------------------------------------------------------------------------- records and evidence
def test_events_evidence_and_trigger_offsets_point_into_text(nlp):
    text = "Relations were tense.\n\nOttawa expelled two Russian diplomats on Friday. Nobody was surprised."
    events = code(nlp, text)
    assert len(events) == 1
    ev = events[0]
    assert text[ev.evidence.start:ev.evidence.end] == ev.evidence.text
    assert ev.evidence.text == "Ottawa expelled two Russian diplomats on Friday."
    assert text[ev.trigger.start:ev.trigger.end] == ev.trigger.text == "expelled"
    assert 0 < ev.confidence <= 1
    et = load_ontology().types["SANCTION"]
    assert (ev.cameo_root, ev.quad_class) == (et.cameo_root, et.quad_class)


def test_events_same_event_once_per_sentence(nlp):
    events = code(nlp, "The Russian president and the Russian prime minister criticized Poland.")
    assert triples(events) == {("ACCUSE", "RUS", "POL")}


# --------------------------------------------------------------------------- data files
def test_events_ontology_every_type_has_root_quad_and_intensity():
    onto = load_ontology()
    assert set(onto.types) == set(PLOVER_TYPES)
    for name, et in onto.types.items():
        assert re.fullmatch(r"(0[1-9]|1\d|20)", et.cameo_root), name
        assert et.quad_class in (1, 2, 3, 4)
        for mode in onto.mode_weights:
            assert -10 <= onto.intensity(name, mode) <= 10
    assert onto.types["ASSAULT"].quad_class == 4 and onto.types["AGREE"].quad_class == 1


def test_events_lexicon_has_twenty_patterns_per_type():
    lex = load_lexicon()
    assert all(lex.count(t) >= 20 for t in PLOVER_TYPES)


def test_events_versions_are_stamped():
    v = versions()
    assert v["events_lexicon"].startswith("lexicon-") and v["events_ontology"].startswith("ontology-")


def _lexicon_variant(tmp_path, old, new):
    from detente.events.lexicon import DATA

    text = (DATA / "lexicon.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "lexicon.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_events_lexicon_duplicate_pattern_stops_load_naming_line(tmp_path):
    path = _lexicon_variant(tmp_path, "      - meet @with|dobj\n", "      - meet @with|dobj\n      - meet @to\n")
    with pytest.raises(DetenteError) as err:
        load_lexicon(str(path))
    assert "lexicon.yaml, line" in err.value.message and "repeats" in err.value.message


def test_events_lexicon_duplicate_key_stops_load(tmp_path):
    path = _lexicon_variant(tmp_path, "version: \"lexicon-", "version: \"x\"\nversion: \"lexicon-")
    with pytest.raises(DetenteError) as err:
        load_lexicon(str(path))
    assert "duplicate key 'version'" in err.value.message


def test_events_lexicon_empty_group_stops_load(tmp_path):
    from detente.events.lexicon import DATA

    text = (DATA / "lexicon.yaml").read_text(encoding="utf-8")
    start = text.index("  MOBILIZE:\n    verbs:\n") + len("  MOBILIZE:\n    verbs:\n")
    end = text.index("    nouns:", start)
    path = tmp_path / "lexicon.yaml"
    path.write_text(text[:start] + "      []\n" + text[end:], encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        load_lexicon(str(path))
    assert "MOBILIZE.verbs" in err.value.message


def test_events_ontology_out_of_range_intensity_stops_load(tmp_path):
    from detente.events.ontology import DATA

    text = (DATA / "ontology.yaml").read_text(encoding="utf-8").replace("intensity: -9.5", "intensity: -12", 1)
    path = tmp_path / "ontology.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        load_ontology(str(path))
    assert "ASSAULT" in err.value.message


# --------------------------------------------------------------------------- rule classes (second round)
def test_events_lemma_repair_reads_inflected_trigger(nlp):
    """The tagger lemmatises some past forms wrongly ("staged" -> "stag"); the trigger still counts."""
    events = code(nlp, "Thousands of Kenyan students staged demonstrations against the government on Saturday.")
    assert "PROTEST" in {e.type for e in events}


def test_events_frame_without_inner_head_is_coded_itself(nlp):
    """A trigger deep inside an offer's complement does not take the offer's place."""
    events = code(nlp, "Canada offered to hand over to Peru two men suspected by the police of bombing a bridge.")
    assert ("AGREE", "CAN", "PER") in triples(events)


def test_events_would_under_a_pledge_is_its_future_not_a_condition(nlp):
    events = code(nlp, "Smith pledged that Washington would consult Poland before any decision.")
    ev = next(e for e in events if e.type == "AGREE")
    assert (ev.source.code, ev.target.code, ev.mode) == ("USA", "POL", "promised")


@pytest.mark.parametrize("phrase,future,expected", [
    ("on Friday", False, ("2010-05-21", "day")),     # the article's own day
    ("on Thursday", False, ("2010-05-20", "day")),
    ("on Saturday", False, ("2010-05-15", "day")),   # the last Saturday before it
    ("on Tuesday", True, ("2010-05-25", "day")),     # a future act: the next Tuesday
    ("April 8", True, ("2011-04-08", "day")),
    ("August 8", True, ("2010-08-08", "day")),
    ("in August", False, ("2009-08", "month")),
])
def test_events_resolve_date_follows_the_tense(phrase, future, expected):
    assert resolve_date(phrase, BaseDate(2010, 5, 21), future) == expected


def test_events_future_act_is_dated_forward(nlp):
    events = code(nlp, "Smith will meet Ivanov in Paris on June 8.", published="2010-05-21")
    assert events[0].type == "CONSULT" and events[0].date == "2010-06-08" and events[0].mode == "intended"


def test_events_date_of_a_relative_clause_does_not_date_the_event(nlp):
    events = code(nlp, "Russia agreed to lift its ban on Polish meat, which it had imposed in January.",
                  published="2010-06-25")
    assert events and all(e.date is None for e in events)


def test_events_date_modifying_a_noun_does_not_date_the_event(nlp):
    events = code(nlp, "Smith signed an accord with Ivanov on a successor to the 1991 treaty.")
    assert events and all(e.date is None and e.mode == "asserted" for e in events)


def test_events_past_perfect_background_is_historical(nlp):
    events = code(nlp, "Poland had expelled two Russian diplomats last November.", published="2009-09-24")
    assert [(e.type, e.mode, e.date) for e in events] == [("SANCTION", "historical", "2008-11")]


def test_events_joint_statement_is_a_promise_each_way(nlp):
    events = code(nlp, "Chile and Peru promised in a joint statement to respect the court's ruling.")
    assert triples(events) == {("AGREE", "CHL", "PER"), ("AGREE", "PER", "CHL")}


def test_events_two_leaders_is_not_resolved_to_a_pair(nlp):
    text = "Smith flew to Moscow to see Ivanov. The two leaders met for an hour."
    assert [e for e in code(nlp, text) if "two leaders" in e.evidence.text] == []


def test_events_scene_before_a_visit_is_not_its_target(nlp):
    events = code(nlp, "In Peru, the Chilean minister visited a copper mine.")
    assert all(e.target is None for e in events)


def test_events_threat_is_aimed_at_whoever_sets_it_off(nlp):
    events = code(nlp, "Russia warned that it could leave the treaty if Poland hosted American missiles.")
    assert ("THREATEN", "RUS", "POL") in triples(events)


@pytest.mark.parametrize("text", [
    "Moscow objects to the Polish plans for a radar.",
    "Smith and Ivanov coordinate a joint commission on trade.",
    "Canada has refused to accept Mexico's recognition of the breakaway region.",
    "Ivanov said the two countries would keep talking about it.",
])
def test_events_standing_positions_and_forecasts_are_not_events(nlp, text):
    assert code(nlp, text) == []


def test_events_reported_position_is_an_event(nlp):
    events = code(nlp, "Ivanov said Russia still opposed the Polish plans for a radar.")
    assert ("REJECT", "RUS", "POL") in triples(events)


def test_events_participles_beside_an_act_are_not_reported_again(nlp):
    events = code(nlp, "Egyptian police opened fire on the crowd on Monday, killing two people and arresting ten.")
    assert {e.type for e in events} == {"ASSAULT"}


def test_events_background_happenings_are_not_reported_again(nlp):
    events = code(nlp, "Poland expelled two Russian diplomats days after Ivanov's visit to Kenya.")
    assert {e.type for e in events} == {"SANCTION"}
    events = code(nlp, "Poland expelled two Russian diplomats after Russian troops shelled a Polish convoy.")
    assert {e.type for e in events} == {"SANCTION"}


def test_events_asking_a_question_is_no_request(nlp):
    assert code(nlp, "Smith asked Ivanov whether the Kremlin had chosen the right word.") == []
    assert code(nlp, "One Canadian officer, who asked not to be named, spoke about the case.") == []


def test_events_dateline_is_no_actor_and_not_evidence(nlp):
    text = "GENEVA (Wire) - Secretary Smith met Ivanov in Paris on Friday."
    events = code(nlp, text)
    assert events[0].source.text.startswith("Secretary") and events[0].evidence.text.startswith("Secretary")
    assert text[events[0].evidence.start:events[0].evidence.end] == events[0].evidence.text


def test_events_venue_of_talks_is_no_actor(nlp):
    assert code(nlp, "The Ottawa talks were meant to prepare a meeting between Chile and Peru.") == []


def test_events_names_of_treaties_are_no_events(nlp):
    assert code(nlp, "The Moscow Treaty set lower limits for both sides.") == []


def test_events_partitive_heads_carry_the_event(nlp):
    events = code(nlp, "Canada suspended part of its military aid program for Peru.")
    assert ("SANCTION", "CAN", "PER") in triples(events)
    events = code(nlp, "Chilean and Peruvian warships launched ten days of war games.")
    assert {e.type for e in events} == {"COOPERATE"}


def test_events_reproach_and_passive_complement_are_no_demand(nlp):
    assert code(nlp, "Russia said Kenya should have returned the helicopter.") == []
    assert code(nlp, "Russia said Kenya should be given a chance.") == []


def test_events_object_of_a_reaction_is_its_content(nlp):
    events = code(nlp, "Tehran rejected a French offer to host talks with Germany.")
    assert {e.type for e in events} == {"REJECT"}


def test_events_prisoner_exchange_is_cooperation(nlp):
    events = code(nlp, "Canada exchanged prisoners with Mexico on Friday.")
    assert triples(events) == {("COOPERATE", "CAN", "MEX")}


def test_events_allowing_someone_to_act_is_a_concession(nlp):
    events = code(nlp, "The Kenyan government allowed the opposition leader to hold a rally.")
    assert {e.type for e in events} == {"CONCEDE"}


def test_events_led_forces_are_the_leaders(nlp):
    events = code(nlp, "Kenyan-led forces shelled a village in Peru.")
    assert ("ASSAULT", "KEN", "PER") in triples(events)


def test_events_statement_demanding_is_its_issuers_demand(nlp):
    events = code(nlp, "Iran issued a statement demanding that Poland release the sailors.")
    assert ("REQUEST", "IRN", "POL") in triples(events)


def test_events_group_without_country_acts_where_it_is(nlp):
    events = code(nlp, "Prisoners rioted at a jail in Kenya on Monday.")
    assert [(e.type, e.source.code) for e in events] == [("PROTEST", "KEN")]


def test_events_according_to_is_reported_and_spokesman_is_own_voice(nlp):
    events = code(nlp, "According to Polish officials, Ivanov negotiated the exchange with Smith.")
    assert events[0].mode == "reported"
    events = code(nlp, "Ivanov welcomed the Polish vote, his spokesman said.")
    assert events[0].mode == "asserted"


def test_events_data_file_strings_pickle_as_plain_strings():
    """Worker processes receive events through pickle: a mode read from the lexicon must survive it."""
    import pickle

    mode = load_lexicon().frames["plan"]
    assert pickle.loads(pickle.dumps(mode)) == mode


def test_events_mediator_targets_both_sides(nlp):
    events = code(nlp, "Norway mediated talks between Chile and Peru on Monday.")
    assert triples(events) == {("CONSULT", "NOR", "CHL"), ("CONSULT", "NOR", "PER")}


def test_events_temporal_phrase_is_no_particle(nlp):
    """"called off the strike on Friday" is no "call on": the "on" dates the act."""
    events = code(nlp, "Kenyan students called off their strike on Friday.")
    assert {e.type for e in events} == {"RETREAT"}


def test_events_denied_act_is_negated(nlp):
    events = code(nlp, "The Turkish government denied that its forces had shelled villages in Georgia.")
    assert [(e.type, e.mode, e.source.code) for e in events] == [("ASSAULT", "negated", "TUR")]


@pytest.mark.parametrize("text,type_name,mode", [
    ("Japan said it would impose sanctions on China if it tested another missile.", "THREATEN", "promised"),
    ("Japan could impose sanctions on China if it tested another missile.", "SANCTION", "hypothetical"),
    ("Canada will send 500 more soldiers to Peru.", "MOBILIZE", "intended"),
    ("Finland will give Kenya a grant of 20 million dollars.", "AGREE", "promised"),
])
def test_events_future_and_conditions(nlp, text, type_name, mode):
    events = code(nlp, text)
    assert [(e.type, e.mode) for e in events] == [(type_name, mode)]

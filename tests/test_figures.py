"""Figures: money, percentages, points and counts with what, when and who — on real spaCy Docs of
sentences written for these tests."""
from __future__ import annotations

import pytest

from detente.errors import DetenteError
from detente.figures import extract_figures, load_units
from detente.records import Article


def figures(nlp, text, published=None):
    doc = nlp(text)
    found = extract_figures(doc, Article(text=text, published=published))
    for f in found:
        assert text[f.start:f.end] == f.text
    return found


def only(nlp, text, published=None):
    found = figures(nlp, text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,value,unit", [
    ("The ministry paid $3.3 billion for the jets.", 3.3e9, "USD"),
    ("The ministry paid US$450 million for the jets.", 4.5e8, "USD"),
    ("The ministry paid €5 billion for the jets.", 5e9, "EUR"),
    ("The ministry paid £2m for the jets.", 2e6, "GBP"),
    ("The ministry paid $2bn for the jets.", 2e9, "USD"),
    ("The ministry paid 500 million roubles for the jets.", 5e8, "RUB"),
    ("The ministry paid 1.2 trillion yen for the jets.", 1.2e12, "JPY"),
    ("The ministry paid 40 million euros for the jets.", 4e7, "EUR"),
    ("The ministry paid 300,000 dollars for the jets.", 3e5, "USD"),
])
def test_figures_money_value_and_currency(nlp, text, value, unit):
    fig = only(nlp, text)
    assert fig.value == pytest.approx(value)
    assert fig.unit == unit


@pytest.mark.parametrize("text", [
    "Support for the treaty stood at 23 percent.",
    "Support for the treaty stood at 23%.",
    "Support for the treaty stood at 23 per cent.",
])
def test_figures_percent_forms(nlp, text):
    fig = only(nlp, text)
    assert (fig.value, fig.unit) == (23, "percent")
    assert fig.quantity == "Support for the treaty"


def test_figures_percentage_points_are_not_percent(nlp):
    found = figures(nlp, "Approval rose 6 percentage points to 41 percent.")
    assert [(f.value, f.unit) for f in found] == [(6, "percentage points"), (41, "percent")]


@pytest.mark.parametrize("text,value,unit", [
    ("About 10,000 troops crossed the border.", 10000, "troops"),
    ("The airline cancelled three flights to Minsk.", 3, "flights"),
    ("Twenty-five soldiers were evacuated by helicopter.", 25, "soldiers"),
    ("One hundred and fifty civilians were evacuated.", 150, "civilians"),
    ("Officials said 1,200 people were detained.", 1200, "people"),
])
def test_figures_counts_take_their_noun(nlp, text, value, unit):
    fig = only(nlp, text)
    assert (fig.value, fig.unit) == (value, unit)


@pytest.mark.parametrize("text", [
    "The treaty was signed in 1990 and renewed in 2010.",
    "The talks resumed on Nov. 5 at 10 a.m.",
    "Ivanov, 55, said he would retire at the age of 60.",
    "A 55-year-old driver was detained.",
    "Resolution 1441 and Article 5 were cited again.",
    "It was the first meeting since the 1990s.",
    "The two sides met again.",
    "This is one case where caution pays.",
])
def test_figures_skip_years_dates_ages_labels_and_ordinals(nlp, text):
    assert figures(nlp, text) == []


def test_figures_quantity_from_measuring_verb_and_source(nlp):
    text = ("Exports to Brazil amounted to $4.1 billion in 2007, up from $2.6 billion in 2004, "
            "according to the national statistics office.")
    first, second = figures(nlp, text)
    assert (first.value, first.unit, first.date) == (4.1e9, "USD", "2007")
    assert (second.value, second.unit, second.date) == (2.6e9, "USD", "2004")
    assert first.quantity == second.quantity == "Exports to Brazil"
    assert first.source == second.source == "national statistics office"


def test_figures_country_of_reporting_subject_joins_economic_quantity(nlp):
    fig = only(nlp, "Russia said exports to Iran reached $2 billion in 2007.")
    assert fig.quantity == "Russian exports to Iran"
    assert fig.source == "Russia"


def test_figures_percent_of_people_with_their_clause(nlp):
    text = "Only 31 percent of Poles trust the government, according to a March poll from the Warsaw Institute."
    fig = only(nlp, text, published="2011-04-02")
    assert fig.quantity == "Poles who trust the government"
    assert fig.date == "2011-03"
    assert fig.source == "Warsaw Institute"


def test_figures_month_without_article_year_stays_unknown(nlp):
    fig = only(nlp, "Only 31 percent of Poles trust the government, according to a March poll.")
    assert fig.date is None


def test_figures_poll_organisation_named_before_the_noun(nlp):
    text = "Some 40 percent of Germans backed the plan in an April Gallup poll, up 5 percentage points from 2009."
    pct, points = figures(nlp, text, published="2010-06-01")
    assert pct.source == points.source == "Gallup"
    assert pct.date == "2010-04" and points.date == "2010-04"  # "from 2009" is the baseline
    assert points.quantity.startswith("change in Germans")


def test_figures_reporting_verb_subject_is_source(nlp):
    fig = only(nlp, "The IMF estimated that the economy would shrink 4.5 percent this year.", published="2009-02-01")
    assert fig.source == "IMF"
    assert fig.date == "2009"


def test_figures_money_modifying_a_noun(nlp):
    fig = only(nlp, "Gazprom signed a $3 billion deal with the ministry.")
    assert fig.quantity == "deal"


def test_figures_weight_is_not_currency(nlp):
    fig = only(nlp, "Police found 500 pounds of explosives in the van.")
    assert fig.unit == "pounds"


def test_figures_units_file_rejects_duplicate_key(tmp_path):
    from detente import figures as module

    text = module._DATA.read_text(encoding="utf-8").replace("  euro: EUR\n", "  euro: EUR\n  euro: EUR\n", 1)
    path = tmp_path / "figures.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        load_units(str(path))
    assert "figures.yaml" in str(err.value) and "euro" in str(err.value)


def test_figures_units_file_rejects_empty_group(tmp_path):
    from detente import figures as module

    text = module._DATA.read_text(encoding="utf-8").replace(
        "age_words: [aged, age, ages]", "age_words: []")
    path = tmp_path / "figures.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        load_units(str(path))
    assert "age_words" in str(err.value)


def test_figures_range_ends_share_the_unit(nlp):
    found = figures(nlp, "The treaty allows 1,500 to 1,675 strategic warheads on each side.")
    assert [(f.value, f.unit) for f in found] == [(1500, "warheads"), (1675, "warheads")]
    assert found[0].quantity == found[1].quantity
    assert found[0].quantity.startswith("strategic warheads")


def test_figures_percent_range(nlp):
    found = figures(nlp, "Prices may rise 20 to 25 percent next year.")
    assert [(f.value, f.unit) for f in found] == [(20, "percent"), (25, "percent")]


@pytest.mark.parametrize("text,value,unit", [
    ("A court sentenced him to 15 years in prison.", 15, "years"),
    ("The treaty will stay in force for ten years.", 10, "years"),
])
def test_figures_durations_are_counts(nlp, text, value, unit):
    fig = only(nlp, text)
    assert (fig.value, fig.unit) == (value, unit)


@pytest.mark.parametrize("text", [
    "Nine months after the vote, the talks resumed.",
    "The base closed a year ago.",
    "He served two years before the war, said an aide aged 40.",
])
def test_figures_time_references_are_not_durations(nlp, text):
    assert [f for f in figures(nlp, text) if f.unit in ("months", "years", "year")] == []


@pytest.mark.parametrize("text,value", [
    ("About two-thirds of voters backed the plan.", 66.7),
    ("A third of the budget goes to defence.", 33.3),
])
def test_figures_fractions_read_as_percent(nlp, text, value):
    fig = only(nlp, text)
    assert (fig.value, fig.unit) == (value, "percent")


def test_figures_ordinal_fraction_word_is_not_a_share(nlp):
    assert figures(nlp, "A third round of talks opened in Vienna.") == []


def test_figures_number_inside_a_name_is_skipped(nlp):
    assert figures(nlp, "Leaders met before the Group of 20 summit in Seoul.") == []

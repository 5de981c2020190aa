"""Story events: reports of one happening merge into one story; different actors, far dates,
a denial or a different happening do not; merging is incremental, exact and linear."""
from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from detente import stories
from detente.errors import DetenteError
from detente.stories import MAX_CANDIDATES, MergeStats, Report, merge_reports, story_key
from detente.store import Store, to_records
from storekit import event, record

RUS_GOV = ("Moscow", "RUS", "GOV")
USA = ("Washington", "USA", "GOV")


def transit(text: str, evidence: str, trigger: str = "agreed", source=RUS_GOV, target=USA, **kw):
    return event(text, evidence, trigger, "AGREE", source, target, **kw)


A1 = "Russia agreed on Monday to let American troops and weapons cross its territory to Afghanistan."
A2 = ("In Moscow, the Kremlin agreed to open its airspace and territory to American military flights "
      "carrying troops and weapons bound for Afghanistan, officials said.")


def story_rows(store: Store) -> list[dict]:
    return to_records(store.story_events())


def test_stories_two_reports_of_one_happening_make_one_story(tmp_path):
    with Store.open(tmp_path / "s.duckdb") as store:
        store.add_record(record(A1, published="2009-07-06", publisher="Daily Planet",
                                events=[transit(A1, A1, date="2009-07-06")]))
        store.add_record(record(A2, published="2009-07-07", publisher="Evening Star",
                                events=[transit(A2, A2)]))  # undated event: dated by its article
        store.update_stories()
        rows = story_rows(store)
    assert len(rows) == 1
    s = rows[0]
    assert (s["num_articles"], s["num_sources"], s["num_reports"]) == (2, 2, 2)
    assert len(s["event_ids"]) == 2
    assert s["date"] == "2009-07-06" and s["first_date"] == "2009-07-06" and s["last_date"] == "2009-07-07"
    assert s["evidence_text"] == A1  # the representative: dated by its own text, earliest


@pytest.mark.parametrize("second", [
    pytest.param({"source": ("Kyrgyzstan", "KGZ", "GOV")}, id="different source actor"),
    pytest.param({"target": ("Berlin", "DEU", "GOV")}, id="different target actor"),
    pytest.param({"date": "2009-09-20"}, id="dates far apart"),
    pytest.param({"negated": True, "mode": "negated"}, id="a denial of it"),
])
def test_stories_different_actors_far_dates_or_denials_stay_apart(tmp_path, second):
    with Store.open(tmp_path / "s.duckdb") as store:
        store.add_record(record(A1, publisher="Daily Planet", events=[transit(A1, A1, date="2009-07-06")]))
        kw = {"date": "2009-07-07", **second}
        store.add_record(record(A2, publisher="Evening Star", events=[transit(A2, A2, **kw)]))
        store.update_stories()
        rows = story_rows(store)
    assert len(rows) == 2
    assert all(r["num_articles"] == 1 for r in rows)


def test_stories_another_happening_in_the_same_week_stays_apart(tmp_path):
    """Same type, same actors, same week, but a different agreement: the evidence shares no
    content words beyond the actors and the trigger."""
    other = "Moscow agreed to resume talks with Washington about a successor to the strategic arms treaty."
    with Store.open(tmp_path / "s.duckdb") as store:
        store.add_record(record(A1, publisher="Daily Planet", events=[transit(A1, A1, date="2009-07-06")]))
        store.add_record(record(other, publisher="Evening Star", events=[transit(other, other, date="2009-07-08")]))
        store.update_stories()
        assert len(story_rows(store)) == 2


def test_stories_month_dated_report_merges_with_a_day_in_that_month(tmp_path):
    """'In July' and 'on July 28' are zero days apart: periods are compared as intervals."""
    late = "On July 28 Russia agreed to let American troops and weapons cross its territory to Afghanistan."
    vague = "In July Russia agreed to let American troops and weapons cross its territory to Afghanistan."
    with Store.open(tmp_path / "s.duckdb") as store:
        store.add_record(record(late, publisher="A", events=[transit(late, late, date="2009-07-28")]))
        store.add_record(record(vague, publisher="B", published="2009-11-02",
                                events=[transit(vague, vague, date="2009-07")]))
        store.update_stories()
        rows = story_rows(store)
    assert len(rows) == 1
    assert rows[0]["date"] == "2009-07-28" and rows[0]["date_precision"] == "day"


def test_stories_num_sources_counts_outlets_by_domain_when_no_publisher(tmp_path):
    with Store.open(tmp_path / "s.duckdb") as store:
        store.add_record(record(A1, url="https://www.example.com/a", events=[transit(A1, A1, date="2009-07-06")]))
        store.add_record(record(A2, url="https://example.com/b?x=1", events=[transit(A2, A2, date="2009-07-06")]))
        store.update_stories()
        rows = story_rows(store)
    assert (rows[0]["num_articles"], rows[0]["num_sources"]) == (2, 1)


def _corpus(n_days: int = 40) -> list:
    """Articles over n_days: each day one report of a transit deal (re-reported), one of a new
    happening, and an accusation, with three publishers."""
    rng = random.Random(7)
    recs = []
    for day in range(n_days):
        d = date(2009, 6, 1) + timedelta(days=day)
        iso = d.isoformat()
        topic = ["transit", "talks", "sanctions", "inspections"][day // 10]
        texts = [
            (f"Day {day}: Russia agreed to let American troops cross its territory, "
             f"the {topic} deal said.", "agreed", "AGREE", RUS_GOV, USA),
            (f"Day {day}: Washington accused Moscow of {topic} violations near the border.", "accused",
             "ACCUSE", USA, RUS_GOV),
        ]
        for text, trig, etype, src, tgt in texts:
            if rng.random() < 0.8:
                recs.append(record(text, published=iso, publisher=rng.choice(["A", "B", "C"]),
                                   events=[event(text, text, trig, etype, src, tgt, date=iso)]))
    return recs


def test_stories_incremental_update_equals_a_full_rebuild(tmp_path):
    recs = _corpus()
    with Store.open(tmp_path / "inc.duckdb") as inc:
        random.Random(3).shuffle(recs)
        for i in range(0, len(recs), 9):  # batches, as successive ingests
            for r in recs[i:i + 9]:
                inc.add_record(r)
            inc.update_stories()
        incremental = sorted(story_rows(inc), key=lambda r: r["id"])
        inc.update_stories(full=True)
        rebuilt = sorted(story_rows(inc), key=lambda r: r["id"])
    assert incremental == rebuilt
    assert len(incremental) < len(recs)  # re-reports did merge


def test_stories_update_only_reclusters_segments_with_new_reports(tmp_path):
    far = "Russia agreed in 2010 to let American troops cross its territory to Afghanistan again."
    with Store.open(tmp_path / "s.duckdb") as store:
        for r in _corpus(20):
            store.add_record(r)
        store.update_stories()
        before = {r["id"]: r for r in story_rows(store)}
        store.add_record(record(far, published="2010-03-01", events=[transit(far, far, date="2010-03-01")]))
        stats = store.update_stories()
        after = {r["id"]: r for r in story_rows(store)}
    assert stats.reports == 1 and stats.comparisons == 0  # a segment of its own: nothing else re-read
    assert len(after) == len(before) + 1
    assert all(after[k] == v for k, v in before.items())


# ----------------------------------------------------------------------------- linear cost, no DB
def _report(i: int, key: str, day: date, evidence: str, trigger: str = "agreed") -> Report:
    return Report(event_id=f"e{i:06d}", article_id=f"a{i:06d}", story_key=key, type="AGREE", mode="asserted",
                  cameo_root="03", quad_class=1, intensity=4.0, negated=False, hypothetical=False,
                  source_text="Russia", source_code="RUS", source_sector=None, target_text="America",
                  target_code="USA", target_sector=None, date_start=day, date_end=day, date_precision="day",
                  trigger_text=trigger, evidence_text=evidence, evidence_start=0, evidence_end=len(evidence),
                  confidence=0.8, outlet=None, url=None, is_new=True)


def _letters(n: int) -> str:
    """A word of letters only, unique per n (the tokenizer splits words at digits)."""
    out = ""
    while True:
        n, r = divmod(n, 26)
        out += chr(97 + r)
        if not n:
            return "w" + out + "q"


def _distinct_reports(n: int, keys: int) -> list[Report]:
    """n reports, all on the same day, none alike: the worst case for a comparing clusterer."""
    out = []
    for i in range(n):
        words = " ".join(_letters(i * 6 + k) for k in range(6))
        out.append(_report(i, f"AGREE|RUS|USA{i % keys}|done", date(2009, 7, 1), f"Russia agreed {words}.",
                           trigger=_letters(10_000 + i)))
    return out


def test_stories_comparisons_grow_linearly_in_one_crowded_block():
    """All reports in one block, none alike: the worst case. Each is compared with a bounded
    number of open stories, so doubling the reports at most doubles the comparisons."""
    counts = {}
    for n in (400, 800, 1600):
        stats = MergeStats()
        merged = merge_reports(_distinct_reports(n, keys=1), window_days=7, stats=stats)
        assert len(merged) == n  # nothing alike, nothing merged
        counts[n] = stats.comparisons
        assert stats.comparisons <= 2 * MAX_CANDIDATES * n
    # all-pairs would quadruple per doubling
    assert counts[1600] <= 2.1 * counts[800] and counts[800] <= 2.1 * counts[400]


def test_stories_blocking_compares_only_reports_of_the_same_block():
    """Reports spread over many blocks of four are compared only with the others in their block:
    at most 0 + 1 + 2 + 3 comparisons per block, however many blocks the store holds."""
    for n in (400, 1600):
        stats = MergeStats()
        merge_reports(_distinct_reports(n, keys=n // 4), window_days=7, stats=stats)
        assert stats.segments == n // 4
        assert stats.comparisons <= 6 * (n // 4)


def test_stories_spread_over_time_compare_only_within_the_window():
    """One report a day for 1,000 days under one key: each is compared with the few stories
    whose seed lies within the 7-day window, not with the whole history."""
    reports = [_report(i, "AGREE|RUS|USA|done", date(2009, 1, 1) + timedelta(days=i),
                       f"Russia agreed {_letters(3 * i)} {_letters(3 * i + 1)} {_letters(3 * i + 2)}.",
                       trigger=_letters(10_000 + i)) for i in range(1000)]
    stats = MergeStats()
    merge_reports(reports, window_days=7, stats=stats)
    assert stats.comparisons <= 7 * 1000


def test_stories_report_order_does_not_change_the_stories():
    base = [_report(i, "AGREE|RUS|USA|done", date(2009, 7, 1) + timedelta(days=i % 5),
                    f"Russia agreed to open transit routes for supplies {i % 3}.") for i in range(30)]
    shuffled = base[:]
    random.Random(1).shuffle(shuffled)
    ids = lambda ss: sorted(tuple(r.event_id for r in s.reports) for s in ss)  # noqa: E731
    assert ids(merge_reports(base, 7)) == ids(merge_reports(shuffled, 7))


# ----------------------------------------------------------------------------- pieces of the rule
def test_stories_key_uses_codes_or_normalised_text_and_status():
    assert story_key("agree", "rus", "Moscow", "USA", None, "asserted") == "AGREE|RUS|USA|done"
    assert story_key("AGREE", "RUS", None, "USA", None, "reported") == "AGREE|RUS|USA|done"
    assert story_key("AGREE", None, "The  Taliban", None, None, "asserted", negated=True) == "AGREE|~the taliban||neg"
    assert story_key("AGREE", "RUS", None, "USA", None, "intended") == "AGREE|RUS|USA|intent"
    assert story_key("AGREE", "RUS", None, "USA", None, "promised") == "AGREE|RUS|USA|intent"
    assert story_key("AGREE", "RUS", None, "USA", None, "would", hypothetical=True) == "AGREE|RUS|USA|hyp"


def test_stories_an_announced_act_is_not_the_act(tmp_path):
    """'will sign on April 8' (intended, in a March article) and 'signed' (asserted) are two
    happenings — the announcement and the signing — though both are dated April 8."""
    will = "The president will sign the arms treaty with Russia in Prague on April 8, the White House said."
    did = "The president signed the arms treaty with Russia in Prague on Thursday, ending months of talks."
    with Store.open(tmp_path / "s.duckdb") as store:
        store.add_record(record(will, published="2010-03-26", events=[event(
            will, will, "will sign", "AGREE", ("The president", "USA", "GOV"), ("Russia", "RUS", None),
            date="2010-04-08", mode="intended")]))
        store.add_record(record(did, published="2010-04-08", events=[event(
            did, did, "signed", "AGREE", ("The president", "USA", "GOV"), ("Russia", "RUS", None),
            date="2010-04-08")]))
        store.update_stories()
        assert len(story_rows(store)) == 2


def test_stories_triggers_sharing_a_word_count_as_the_same_act(tmp_path):
    """'warned that … could pull out' and 'repeated a warning that … might withdraw': the
    triggers share 'warn', and the sentences share enough besides."""
    one = ("Mr. Medvedev warned that Russia could pull out of the treaty if the United States expanded "
           "its missile defenses in a way that threatened Russia's nuclear forces.")
    two = ("Within an hour, Medvedev repeated a warning that Russia might withdraw from the accord if "
           "American missile defenses grew to threaten its nuclear deterrent.")
    with Store.open(tmp_path / "s.duckdb") as store:
        store.add_record(record(one, published="2010-04-08", publisher="A", events=[event(
            one, one, "warned that Russia could pull out", "THREATEN", ("Mr. Medvedev", "RUS", "GOV"),
            ("the United States", "USA", None), date="2010-04-08")]))
        store.add_record(record(two, published="2010-04-08", publisher="B", events=[event(
            two, two, "repeated a warning that Russia might withdraw", "THREATEN", ("Medvedev", "RUS", "GOV"),
            ("American", "USA", None), date="2010-04-08")]))
        store.update_stories()
        rows = story_rows(store)
    assert len(rows) == 1 and rows[0]["num_sources"] == 2


def test_stories_content_words_drop_stopwords_trigger_and_actor_words():
    words = stories.content_words("Russia said it signed the treaties in Prague on Thursday.",
                                  exclude=("signed", "Russia"))
    assert words == {stories.stem("treaty"), stories.stem("Prague")}
    assert stories.stem("treaties") == stories.stem("treaty") and stories.stem("signing") == stories.stem("signed")


def test_stories_word_list_rejects_duplicates_and_empty_lists(tmp_path):
    dup = tmp_path / "dup.txt"
    dup.write_text("# comment\nthe\nof\nthe\n")
    with pytest.raises(DetenteError) as info:
        stories.load_word_list(dup)
    assert f"{dup}:4" in info.value.message and "line 2" in info.value.message
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing here\n\n")
    with pytest.raises(DetenteError):
        stories.load_word_list(empty)

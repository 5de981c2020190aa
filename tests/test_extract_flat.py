"""Flattened crawl text -> Article (detente/extract/flat.py), on pages written for these tests."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.errors import DetenteError
from detente.extract import flat
from detente.extract.flat import extract_flat, repeated_lines

ARTICLE = [
    "Presidents Barack Obama and Dmitry Medvedev signed a new strategic arms treaty in Prague on "
    "Thursday, committing both countries to deeper cuts in their deployed nuclear warheads than any "
    "agreement since the end of the Cold War.",
    "The treaty, which replaces the 1991 agreement that expired in December, caps each side at 1,550 "
    "deployed strategic warheads and restores the on-site inspections that lapsed when the old "
    "accord ran out.",
    "\"This is an important milestone for nuclear security and for relations between our two "
    "countries,\" Mr. Obama said at a ceremony in the Spanish Hall of Prague Castle.",
    "Mr. Medvedev called the signing a win for both sides but warned that Moscow could withdraw if "
    "American missile defense plans in Europe came to threaten Russia's own forces.",
    "The agreement still needs the approval of two thirds of the United States Senate and of the "
    "Russian parliament, and several Republican senators have said they want more money for the "
    "modernization of the American arsenal before they will vote for it.",
    "Officials on both sides said the negotiations, which took most of a year, were the first real "
    "test of the effort to improve relations that began in Geneva in March 2009.",
]

HEADER = [
    "Skip to main content",
    "Home",
    "World",
    "Politics",
    "Business",
    "Opinion",
    "Subscribe",
    "Sign in",
    "",
    "We use cookies to improve your experience. By continuing to use this site you agree to our cookie policy.",
    "Accept",
    "",
    "Home › World › Europe",
    "",
    "Arms Deal Signed in Prague",
    "",
    "The new treaty cuts deployed warheads by about a third",
    "",
    "By Dana Whitfield and Piotr Novak",
    "",
    "Published April 8, 2010",
    "",
    "Share on Facebook",
    "Share on Twitter",
    "Email",
    "",
]

FOOTER = [
    "",
    "Share this article",
    "",
    "Related Articles",
    "",
    "Senate hearings on treaty set for May",
    "What the missile defense plan means for Poland",
    "Five facts about nuclear stockpiles",
    "",
    "12 Comments",
    "",
    "Leave a reply",
    "",
    "This treaty is a good first step and I hope the Senate ratifies it quickly without more delay.",
    "",
    "About Us",
    "Contact Us",
    "Privacy Policy",
    "Terms of Use",
    "© 2010 The Daily Ledger. All rights reserved.",
]


def _page(header=HEADER, body=ARTICLE, footer=FOOTER) -> str:
    return "\n".join(header) + "\n" + "\n\n".join(body) + "\n" + "\n".join(footer) + "\n"


def test_extract_flat_keeps_article_and_drops_site_chrome():
    article = extract_flat(_page())
    assert article.extractor == "flat"
    assert article.text == "\n\n".join(ARTICLE)


def test_extract_flat_drops_closing_author_box_with_name_and_title_on_one_line():
    box = ["Helena Marsh Senior Correspondent & Arms Control Writer",
           "Helena covers arms control and European security from Vienna, where she has lived since 2004."]
    article = extract_flat(_page(body=ARTICLE + MORE + box, footer=["", "Privacy Policy", "Terms of Use"]))
    assert article.text == "\n\n".join(ARTICLE + MORE)
    for line in HEADER + FOOTER:
        if line:
            assert line not in article.text


def test_extract_flat_reads_headline_dek_byline_date_and_publisher():
    article = extract_flat(_page())
    assert article.title == "Arms Deal Signed in Prague"
    assert article.dek == "The new treaty cuts deployed warheads by about a third"
    assert article.authors == ("Dana Whitfield", "Piotr Novak")
    assert article.published == "2010-04-08"
    assert article.updated is None
    assert article.publisher == "The Daily Ledger"


def test_extract_flat_reads_headline_printed_twice_on_one_line():
    header = ["Menu", "Search", "Log in", "Register", "", "Arms Deal Signed in Prague Arms Deal Signed in Prague",
              "", "By Dana Whitfield", ""]
    article = extract_flat(_page(header=header))
    assert article.title == "Arms Deal Signed in Prague"
    assert article.authors == ("Dana Whitfield",)
    assert "Arms Deal" not in article.text


def test_extract_flat_comment_thread_after_article_is_not_body():
    footer = ["", "3 Comments", ""] + [
        "I have followed these talks for years and I think the inspections matter more than the "
        "numbers, because without them nobody can check what the other side is doing with its forces.",
        "",
        "The Senate will never pass this before the elections, and everyone in Washington knows it, "
        "whatever the administration says about bipartisan support for the treaty this spring.",
    ] * 3
    article = extract_flat(_page(footer=footer))
    assert article.text == "\n\n".join(ARTICLE)


def test_extract_flat_closing_bio_line_names_author_and_leaves_body():
    header = ["Home", "News", "Analysis", "Newsletters", "Sign in", "", "What the Treaty Leaves Out", ""]
    bio = "Helena Marsh is a senior fellow at the Institute for Arms Control Studies in Vienna."
    article = extract_flat(_page(header=header, body=ARTICLE + [bio], footer=["", "Comments", "Share"]))
    assert article.authors == ("Helena Marsh",)
    assert bio not in article.text
    assert article.text.endswith(ARTICLE[-1])


def test_extract_flat_byline_with_role_and_date_on_one_line():
    header = ["Home", "World", "Politics", "Login", "", "Arms Deal Signed in Prague", "",
              "By Dana Whitfield | Diplomatic Correspondent | April 8, 2010 at 3:15 p.m.", ""]
    article = extract_flat(_page(header=header))
    assert article.authors == ("Dana Whitfield",)
    assert article.published == "2010-04-08T15:15"


def test_extract_flat_page_without_date_has_no_date():
    header = [line for line in HEADER if "2010" not in line]
    footer = [line for line in FOOTER if "2010" not in line]
    article = extract_flat(_page(header=header, footer=footer))
    assert article.published is None and article.updated is None


def test_extract_flat_year_less_date_stays_partial_without_crawl_date():
    header = ["Skip Navigation", "Log in", "Register", "", "Arms Deal Signed in Prague", "",
              "Updated at 3:15 p.m. on April 8.", ""]
    article = extract_flat(_page(header=header))
    assert article.updated == "--04-08T15:15"
    assert article.published is None
    assert "Updated at" not in article.text


def test_extract_flat_year_less_date_anchored_by_crawl_date():
    header = ["Skip Navigation", "Log in", "Register", "", "Arms Deal Signed in Prague", "",
              "Updated at 3:15 p.m. on April 8.", ""]
    assert extract_flat(_page(header=header), crawl_date="2010-04-09T06:00:00Z").updated == "2010-04-08T15:15"
    # crawled the next January: the April 8 it means is the previous year's
    assert extract_flat(_page(header=header), crawl_date="2011-01-15T06:00:00Z").updated == "2010-04-08T15:15"


def test_extract_flat_plain_article_passes_through_unchanged():
    text = "\n\n".join(ARTICLE)
    article = extract_flat("  \n" + text.replace(". ", ".   ", 1) + "\n\n\n")
    assert article.extractor == "plain"
    assert article.text == text


def test_extract_flat_plain_article_keeps_its_headline_line():
    text = "Arms Deal Signed in Prague\n\n" + "\n\n".join(ARTICLE)
    article = extract_flat(text)
    assert article.extractor == "plain"
    assert article.text == text
    assert article.title == "Arms Deal Signed in Prague"


@pytest.mark.parametrize("sentence", [
    "The talks resumed in Geneva on Tuesday.",
    "Talks resumed.",
    "Moscow said it would not object",
])
def test_extract_flat_one_sentence_is_an_article_of_one_sentence(sentence):
    article = extract_flat(sentence + "\n")
    assert article.text == sentence
    assert article.extractor == "plain"


def test_extract_flat_joins_hard_wrapped_paragraphs():
    wrapped = ("Presidents Barack Obama and Dmitry Medvedev signed a new strategic\n"
               "arms treaty in Prague on Thursday, committing both countries to deeper\n"
               "cuts in their deployed nuclear warheads than any earlier agreement.\n\n"
               "The treaty still needs the approval of the Senate.\n")
    article = extract_flat(wrapped)
    assert article.text.split("\n\n")[0] == (
        "Presidents Barack Obama and Dmitry Medvedev signed a new strategic arms treaty in Prague on "
        "Thursday, committing both countries to deeper cuts in their deployed nuclear warheads than any "
        "earlier agreement.")


def test_extract_flat_empty_text_gives_empty_article():
    assert extract_flat("").text == ""
    assert extract_flat(" \n\t\n").text == ""


def test_repeated_lines_finds_lines_shared_by_pages_of_one_site():
    pages = [_page(), _page(body=ARTICLE[:3]), _page(body=ARTICLE[3:])]
    site = repeated_lines(pages, min_pages=3)
    assert "privacy policy" in site
    assert flat._norm(ARTICLE[0]) not in site


def test_extract_flat_site_lines_remove_prose_like_chrome():
    """A sentence-shaped site slogan passes every phrase and length test; only its repetition
    across pages of the site shows it is chrome."""
    slogan = "The Daily Ledger has covered world politics and diplomacy for readers since the year 1921."
    page = _page(body=[slogan] + ARTICLE)
    assert slogan in extract_flat(page).text
    site = repeated_lines([page, _page(body=[slogan] + ARTICLE[:2]), _page(body=[slogan] + ARTICLE[2:])])
    assert slogan not in extract_flat(page, site_lines=site).text


def test_phrase_list_with_duplicate_entry_stops_the_load(tmp_path):
    data = tmp_path / "phrases.txt"
    data.write_text("[line]\nsign in\nmenu\nsign in\n", encoding="utf-8")
    with pytest.raises(DetenteError, match=r"phrases.txt:4: duplicate entry 'sign in'.*first on line 2"):
        flat._load_groups(data, ("line",))


def test_phrase_list_with_empty_group_stops_the_load(tmp_path):
    data = tmp_path / "phrases.txt"
    data.write_text("[line]\n# nothing yet\n[end]\ncomments\n", encoding="utf-8")
    with pytest.raises(DetenteError, match=r"phrases.txt:1: group \[line\] is empty"):
        flat._load_groups(data, ("line", "end"))


def test_shipped_phrase_lists_load():
    assert "skip to content" in flat._phrases().line
    assert "leave a reply" in flat._phrases().end
    assert "the" in flat._stopwords()
    assert flat._meta_words().byline.match("By Dana Whitfield")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80),
                max_size=30))
def test_extract_flat_body_words_come_from_the_input(lines):
    text = "\n".join(lines)
    article = extract_flat(text)
    source = set(re.findall(r"\w+", text))
    assert set(re.findall(r"\w+", article.text)) <= source


# ------------------------------------------------------------------ promotions inside the article

def _body_with(lines_between: dict[int, list[str]], tail: list[str] = ()) -> list[str]:
    """ARTICLE with extra lines inserted after the given paragraph indexes, and a tail."""
    body: list[str] = []
    for i, paragraph in enumerate(ARTICLE):
        body.append(paragraph)
        body.extend(lines_between.get(i, []))
    return body + list(tail)


@pytest.mark.parametrize("promo", [
    "Try Ledgerly free with a 30-day trial",
    "Get 20% off your first order with code TREATY20!",
    "Ready to plan your next trip to Prague?",
    "Sign up for the Arms Watch weekly briefing and never miss an update",
])
def test_extract_flat_drops_call_to_action_inside_article(promo):
    article = extract_flat(_page(body=_body_with({2: [promo]})))
    assert promo not in article.text
    assert article.text == "\n\n".join(ARTICLE)


@pytest.mark.parametrize("widget", [
    "Previous: Senate hearings on treaty set for May",
    "Read more about the missile defense plan for Poland",
    "Click to share on Facebook (Opens in new window) Facebook Click to share on X (Opens in new window) X",
    "We may be compensated when you click on links to products from our partners.",
    "WORLD POLITICS BUSINESS OPINION SCIENCE TRAVEL PODCASTS",
])
def test_extract_flat_drops_related_share_disclosure_and_menu_lines(widget):
    article = extract_flat(_page(body=_body_with({3: [widget]})))
    assert widget not in article.text
    assert ARTICLE[3] in article.text and ARTICLE[4] in article.text


def test_extract_flat_keeps_subheading_that_introduces_next_paragraph():
    """Imperative and Title Case like a promotion, but the paragraph under it takes up its words."""
    subheading = "Check the Inspection Numbers"
    paragraph = ("The inspection numbers matter more than the warhead ceilings: eighteen on-site inspections "
                 "a year let each side count what the other actually deploys.")
    article = extract_flat(_page(body=_body_with({1: [subheading, paragraph]})))
    assert subheading in article.text
    assert paragraph in article.text


def test_extract_flat_keeps_instructions_written_to_the_reader():
    steps = ["Keep your passport and visa papers in one folder before you travel to the talks.",
             "Check your hotel booking the night before, because the summit fills every room in the city."]
    article = extract_flat(_page(body=_body_with({2: steps})))
    for step in steps:
        assert step in article.text


def test_extract_flat_drops_closing_company_blurb():
    blurb = ("The Daily Ledger is an independent nonprofit newsroom that covers diplomacy, security and "
             "trade for readers in forty countries.")
    article = extract_flat(_page(body=ARTICLE + [blurb]))
    assert blurb not in article.text
    assert article.text.endswith(ARTICLE[-1])


def test_extract_flat_drops_company_voice_pitch_at_the_end():
    pitch = ("At Ledger Briefings, we help analysts follow every treaty negotiation with daily summaries, "
             "and our team is ready to build a custom briefing for your organisation today.")
    article = extract_flat(_page(body=ARTICLE + [pitch]))
    assert pitch not in article.text


def test_extract_flat_company_description_inside_a_listicle_stays():
    """A description of a company in the middle of the article is content, not a closing blurb."""
    listed = "Orbit Analytics is a data platform that tracks missile tests from public satellite images."
    article = extract_flat(_page(body=_body_with({1: [listed]})))
    assert listed in article.text


def test_extract_flat_article_before_marker_beats_longer_review_wall():
    """A full article is the article even when the testimonials after a closing marker are longer."""
    body = ARTICLE + [a + " " + b for a, b in zip(ARTICLE, ARTICLE[1:])]
    reviews = []
    for n in range(60):
        reviews += [f"Reviewer {n}",
                    f"The staff were friendly and visit number {n} was quick, and I would recommend this office "
                    "to anyone who needs an appointment on short notice in the city, because the doctors "
                    "explain every step of the treatment and the nurses call back the next day to check."]
    footer = ["", "Recent Articles", ""] + reviews
    article = extract_flat(_page(body=body, footer=footer))
    assert article.text == "\n\n".join(body)


def test_extract_flat_code_listing_does_not_cut_the_article():
    """A long listing of short unpunctuated lines inside the article is not a menu that ends it."""
    code = [f"total_{n} = count_warheads(side='east', year={2010 + n % 5}, deployed=True, bombers_as_one=True)"
            if n % 3 == 0 else f"check(total_{n - n % 3})" if n % 3 == 1 else "}" for n in range(90)]
    body = ARTICLE[:3] + ["\n".join(code)] + ARTICLE[3:]
    article = extract_flat(_page(body=body))
    assert ARTICLE[-1] in article.text
    assert code[30] in article.text


def test_shipped_promo_list_loads():
    words = flat._promo_words()
    assert "try" in words.cta and "free" in words.offer
    assert words.related.search("Previous: A headline")
    assert words.widget_words is not None and "click" in words.widget_words


# ------------------------------------------------------------------ closing boxes and link lists

def test_extract_flat_comment_thread_named_after_the_post_is_not_body():
    """A WordPress thread heading names the post ("2 thoughts on “Title”"), so it is no short
    "12 Comments" line; it must still close the article."""
    footer = ["", "2 thoughts on “Arms Deal Signed in Prague”", "", "Dmitri K.", "April 8, 2010 at 6:02 pm",
              "I have read every treaty since the first strategic arms talks and this one finally brings "
              "the inspectors back, which matters more than any number written into the text itself.",
              "", "Laura B.", "April 9, 2010 at 8:15 am",
              "The Senate will take its time with this one, and the modernization money will decide the "
              "vote long before anyone in the chamber reads the protocol on telemetry exchanges."]
    article = extract_flat(_page(footer=footer))
    assert article.text == "\n\n".join(ARTICLE)


# Six more paragraphs: a closing box is judged by where it stands in the article.
MORE = [
    "Russian officials said the accord showed that the two governments could still work together on the "
    "questions that matter most, despite their quarrels over Georgia and over the expansion of NATO.",
    "American negotiators pointed to the data exchanges, which will tell each side where the other keeps "
    "its missiles and bombers, as the part of the treaty that will last longest.",
    "The new limits leave both countries with far more weapons than any other nuclear power, a point that "
    "critics in China and in the non-aligned movement were quick to make.",
    "Supporters in Congress argued that rejecting the treaty would leave the United States with no "
    "inspectors at Russian bases for the first time in fifteen years.",
    "Opponents said the preamble, which mentions the link between offensive and defensive weapons, could be "
    "used by Moscow to object to future American missile defense plans.",
    "Both presidents said they hoped to begin talks on tactical nuclear weapons, which the treaty does not "
    "cover, before the end of their terms.",
]


def test_extract_flat_link_box_heading_near_the_end_closes_the_article():
    """After "More Arms Control Stories" come other articles' teasers, which read like prose; the
    heading closes the article whatever follows it."""
    box = ["More Arms Control Stories",
           "The Senate committee will hear from the secretaries of state and defense before the summer "
           "recess, aides said on Tuesday, and a vote could follow in the autumn.",
           "Teams from both countries are training for the eighteen annual inspections that the accord "
           "allows at bases, storage sites and test ranges.",
           "Analysts in Moscow and Washington disagree about what the new counting rules for heavy bombers "
           "will mean for the forces each side keeps on alert."]
    body = ARTICLE + MORE
    article = extract_flat(_page(body=body + box, footer=["", "Privacy Policy", "Terms of Use"]))
    assert article.text == "\n\n".join(body)


@pytest.mark.parametrize("line", [
    "About Helena Marsh",  # an author box heading, though the bio under it repeats the name
    "Senate Hearings on the Treaty Set for May Read More about Senate Hearings on the Treaty Set for May",
    "SHOP TREATY ANNIVERSARY MUGS",  # a button shouted in capitals
    "Help Keep the Daily Ledger Free and Independent",  # its pitch takes up its words
])
def test_extract_flat_drops_box_headings_and_buttons(line):
    # The paragraph takes up the words of every heading: only their own cues can drop them.
    bio = ("Helena Marsh has followed the arms talks since the first round in Geneva and the Daily Ledger "
           "keeps reporting on them independently and free of charge, treaty anniversary mugs or not.")
    article = extract_flat(_page(body=_body_with({2: [line, bio]})))
    assert line not in article.text
    assert ARTICLE[3] in article.text


def test_extract_flat_keeps_shouted_subheading_that_is_no_button():
    heading = "THE VERIFICATION QUESTION"
    paragraph = ("Verification was the hardest part of the talks: both delegations wanted the inspections back, "
                 "but they argued for months about telemetry and the counting of bombers.")
    article = extract_flat(_page(body=_body_with({2: [heading, paragraph]})))
    assert heading in article.text and paragraph in article.text


def test_extract_flat_drops_call_to_action_box_with_its_button():
    """Heading, pitch and button: the pitch is a plain sentence, only the box shape gives it away."""
    box = ["Earn Your Certificate in Arms Control",
           "Our six-week online course covers every treaty from the first strategic arms talks to Prague.",
           "Learn More"]
    article = extract_flat(_page(body=_body_with({2: box})))
    for line in box:
        assert line not in article.text
    assert article.text == "\n\n".join(ARTICLE)


def test_extract_flat_keeps_how_to_steps_that_look_like_call_to_action_boxes():
    """An imperative heading, a paragraph, and then the next step's heading: the next line is body
    text, not a button, so these are the article's own sections."""
    steps = ["Check the Warhead Counts",
             "Check the warhead counts each side reports twice a year, because the totals show how close "
             "each country is to the ceiling.",
             "Compare the Launcher Limits",
             "Compare the launcher limits with the deployed numbers, since the gap between them is where "
             "each side keeps its room to grow."]
    article = extract_flat(_page(body=_body_with({2: steps})))
    for line in steps:
        assert line in article.text


def test_extract_flat_drops_closing_author_box():
    box = ["Helena Marsh", "Contributing Writer",
           "Helena covers arms control and European security from Vienna, where she has lived since 2004."]
    article = extract_flat(_page(body=ARTICLE + box, footer=["", "Privacy Policy", "Terms of Use"]))
    for line in box:
        assert line not in article.text
    assert article.text == "\n\n".join(ARTICLE)


def test_extract_flat_keeps_closing_section_whose_heading_is_its_topic():
    """Shaped like an author box (two capitalised words, then a paragraph starting with the first),
    but nothing in it speaks of a person."""
    section = ["Telemetry Exchanges",
               "Telemetry from missile tests will be exchanged up to five times a year, a smaller program "
               "than the old treaty required."]
    article = extract_flat(_page(body=ARTICLE + section, footer=["", "Privacy Policy", "Terms of Use"]))
    for line in section:
        assert line in article.text


def test_extract_flat_drops_link_cards_that_print_their_title_twice():
    """Cards to other articles set inside the article, each title printed twice, then a teaser."""
    cards = ["Senate Panel Sets Treaty Hearings for May", "Senate Panel Sets Treaty Hearings for May",
             "The committee will hear from both secretaries before the recess.",
             "Inspectors Prepare for Their First Visits", "Inspectors Prepare for Their First Visits",
             "Teams from both countries are training for the annual inspections."]
    article = extract_flat(_page(body=_body_with({3: cards})))
    for line in cards:
        assert line not in article.text
    assert article.text == "\n\n".join(ARTICLE)


def test_extract_flat_drops_list_of_other_articles_headlines():
    links = ["How to Read the New Treaty", "Five Things to Know About Missile Defense in Europe",
             "A Guide to Tactical Nuclear Weapons"]
    article = extract_flat(_page(body=_body_with({3: links})))
    for line in links:
        assert line not in article.text
    assert article.text == "\n\n".join(ARTICLE)


def test_extract_flat_keeps_headline_shaped_subheadings_and_label_lines():
    """Subheadings shaped like headlines stay when the paragraph under each takes up their words;
    "Label: value" lines are facts, not headlines."""
    sections = ["How to Count Bombers Under the Treaty",
                "Each heavy bomber counts as one warhead, whatever it can carry, a rule that counts "
                "bombers far below their real loads.",
                "What Missile Defense Means for the Treaty",
                "Missile defense stays outside the treaty text, but its preamble links defense and offense."]
    facts = ["Venue: Spanish Hall, Prague Castle", "Signatories: Barack Obama and Dmitry Medvedev",
             "Warhead Ceiling: 1,550 Deployed Warheads"]
    article = extract_flat(_page(body=_body_with({2: sections, 3: ["\n".join(facts)]})))
    for line in sections + facts:
        assert line in article.text


def test_extract_flat_drops_reference_list_entries():
    """Sources cited between two parts of the article: an address and the marks of a citation."""
    references = [
        "[1] “Treaty Between the United States and Russia on Strategic Offensive Arms,” Ledger Archive (2010). "
        "https://example.org/archive/new-start-text",
        "Arms Watch. (2010). Deployed warheads by country. Retrieved April 9, 2010, from "
        "https://example.org/arms-watch/warheads",
    ]
    article = extract_flat(_page(body=_body_with({3: references})))
    for line in references:
        assert line not in article.text
    assert article.text == "\n\n".join(ARTICLE)


def test_extract_flat_drops_closing_pitch_with_an_offer():
    pitch = ("Thanks for reading our coverage of the treaty talks, and we hope you will keep following the "
             "ratification debate with us this spring and summer. Our newsletter comes out every Friday. "
             "Get $10 off your first year of the print edition with code PRAGUE10.")
    article = extract_flat(_page(body=ARTICLE + [pitch], footer=["", "Privacy Policy", "Terms of Use"]))
    assert pitch not in article.text
    assert article.text == "\n\n".join(ARTICLE)


def test_extract_flat_drops_closing_regulatory_disclosure():
    notice = "Ledger Advisors, LLC is a Registered Investment Adviser. Advisory services are offered only to clients."
    article = extract_flat(_page(body=ARTICLE + [notice], footer=["", "Privacy Policy", "Terms of Use"]))
    assert notice not in article.text


def test_extract_flat_drops_site_tagline_above_the_headline():
    """The site's name and motto sit inside the article stretch, above the headline: page header."""
    header = ["Home", "World", "Opinion", "", "The Daily Ledger",
              "Careful reporting on treaties, budgets and the people who write them.", "",
              "Arms Deal Signed in Prague", "", "By Dana Whitfield", ""]
    article = extract_flat(_page(header=header))
    assert article.title == "Arms Deal Signed in Prague"
    assert "Careful reporting" not in article.text
    assert article.text == "\n\n".join(ARTICLE)


def test_extract_flat_keeps_paragraph_above_a_late_headline_candidate():
    """A paragraph of prose above the line taken as headline means the stretch is the article."""
    lead = ("The treaty signed in Prague on Thursday is the first arms control agreement between the two "
            "countries in almost a decade, and both leaders called it a new start for their relations.")
    article = extract_flat(_page(header=["Home", "World", ""], body=[lead, "Arms Deal Signed in Prague"] + ARTICLE))
    assert lead in article.text


# Teasers of other articles, in prose, under the way out of the article.
RETURN_TAIL = ["The Senate committee will hear from the secretaries of state and defense before the summer "
               "recess, aides said on Tuesday, and a vote could follow in the autumn.",
               "Teams from both countries are training for the eighteen annual inspections that the accord "
               "allows at bases, storage sites and test ranges.",
               "Analysts in Moscow and Washington disagree about what the new counting rules for heavy bombers "
               "will mean for the forces each side keeps on alert.",
               "A museum in Ohio has opened an exhibition on the missile silos that dotted the plains during "
               "the Cold War, with guided tours of a decommissioned launch center.",
               "Diplomats who negotiated the treaty of 1991 recall long nights in Geneva and the habit of "
               "settling the hardest questions over dinner rather than at the table."]


@pytest.mark.parametrize("marker", [
    "Back to blog",
    "Return to news",
    "We use cookies to give you the best experience on our website.",
])
def test_extract_flat_link_back_or_cookie_notice_after_the_article_closes_it(marker):
    """"Back to blog" or the cookie notice under the article: what follows is the site's, however
    much it reads like prose."""
    body = ARTICLE + MORE
    article = extract_flat(_page(body=body + [marker] + RETURN_TAIL,
                                 footer=["", "Privacy Policy", "Terms of Use"]))
    assert article.text == "\n\n".join(body)


def test_extract_flat_back_to_top_link_does_not_close_the_article():
    body = ARTICLE + MORE
    article = extract_flat(_page(body=ARTICLE + MORE[:2] + ["Back to top"] + MORE[2:],
                                 footer=["", "Privacy Policy"]))
    assert article.text == "\n\n".join(body)


def test_extract_flat_drops_pointer_to_the_sites_own_tool():
    tool = "Use our treaty tracker to see how many warheads each country has declared this year."
    article = extract_flat(_page(body=_body_with({2: [tool]})))
    assert tool not in article.text
    assert article.text == "\n\n".join(ARTICLE)


def test_extract_flat_keeps_pointer_to_the_sites_own_review():
    """Review sites point to their full reviews inside the article: those lines are theirs."""
    pointer = "Read our full review of the treaty text."
    article = extract_flat(_page(body=_body_with({2: [pointer]}), footer=["", "Privacy Policy"]))
    assert pointer in article.text


@pytest.mark.parametrize("heading", ["How We Reviewed the Treaty Texts for This Guide",
                                     "How we researched this article:"])
def test_extract_flat_drops_heading_of_the_sites_method_box(heading):
    article = extract_flat(_page(body=_body_with({3: [heading]})))
    assert heading not in article.text
    assert article.text == "\n\n".join(ARTICLE)


def test_extract_flat_keeps_how_heading_that_is_not_the_sites_method():
    heading = "How the Inspectors Will Count Warheads"
    article = extract_flat(_page(body=_body_with({3: [heading]})))
    assert heading in article.text


def test_extract_flat_newsletter_feedback_widget_closes_the_issue():
    """After "How was this issue?" a newsletter runs its sponsors and job board, in prose."""
    after = ["How was this issue?",
             "Tell us with one click whether this week's letter was worth your time.",
             "Our sponsor this week is a bookshop that ships histories of the Cold War to any country in "
             "Europe within three working days of your order.",
             "Jobs: the Ledger is hiring a correspondent in Vienna to cover arms control and the agencies "
             "that verify the treaties, with a start date in the autumn."]
    article = extract_flat(_page(body=ARTICLE + after, footer=["", "Privacy Policy"]))
    assert article.text == "\n\n".join(ARTICLE)


def test_extract_flat_blog_platform_credit_is_page_chrome():
    """A text whose only chrome is "Published with Ghost" at the bottom is a page, not a plain
    article: the credit and the author box above it go."""
    box = ["Helena Marsh Senior Correspondent & Arms Control Writer",
           "Helena covers arms control and European security from Vienna, where she has lived since 2004."]
    text = "\n\n".join(["Arms Deal Signed in Prague"] + ARTICLE + box + ["Published with Ghost"]) + "\n"
    article = extract_flat(text)
    assert article.extractor == "flat"
    assert article.text == "\n\n".join(ARTICLE)

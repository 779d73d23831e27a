"""Attribution strategies: a cue's content is the quotation before it, the quotation, colon or
clause after it, its object, or the clause before it.

Every sentence here is made up (people, places and events are fictional).
"""

from __future__ import annotations

import pytest
from quote_views import content_of, described, only_quote, rules_only_quote

from newscorpus.preannotate.quotes import extract_quotes
from newscorpus.preannotate.quotes.model import RULES_ONLY


def test_according_to_after_the_claim() -> None:
    text = "The port will close in May, according to the harbour master."
    assert described(text) == [
        ("indirect", "The port will close in May", "the harbour master", "according to", None)
    ]


def test_colon_introduction_in_the_same_paragraph() -> None:
    text = 'The mayor said: "Nobody will lose their job."'
    q = only_quote(text)
    assert (q.kind, content_of(text, q)) == ("direct", '"Nobody will lose their job."')
    assert q.speaker is not None and q.speaker.text_of(text) == "The mayor"


def test_colon_introduction_of_the_next_paragraph() -> None:
    text = 'Speaking to reporters, Mayor Lena Voss said:\n\n"Nobody will lose their job."'
    q = only_quote(text)
    assert content_of(text, q) == '"Nobody will lose their job."'
    assert q.speaker is not None and q.speaker.text_of(text).endswith("Lena Voss")


@pytest.mark.parametrize(
    ("sentence", "cue", "content"),
    [
        ("Ilves said the strike would spread.", "said", "the strike would spread"),
        (
            "Ilves told reporters that the strike would spread.",
            "told",
            "that the strike would spread",
        ),
        (
            "The union warned that the strike would spread.",
            "warned",
            "that the strike would spread",
        ),
        ("Ilves claimed the figures were wrong.", "claimed", "the figures were wrong"),
        ("Ilves denied that she had met the buyer.", "denied", "that she had met the buyer"),
        ("Ilves added that talks would resume.", "added", "that talks would resume"),
        ("Ilves noted that the port made a profit.", "noted", "that the port made a profit"),
        ("Ilves insisted the sale was illegal.", "insisted", "the sale was illegal"),
        (
            "Ilves argued that the port should stay public.",
            "argued",
            "that the port should stay public",
        ),
        (
            "Ilves accused the ministry of hiding the price.",
            "accused",
            "the ministry of hiding the price",
        ),
    ],
)
def test_indirect_speech_with_a_reporting_verb(sentence: str, cue: str, content: str) -> None:
    q = only_quote(sentence)
    assert q.kind == "indirect"
    assert content_of(sentence, q) == content
    assert q.cue is not None and q.cue.text_of(sentence) == cue
    assert q.speaker is not None and q.speaker.text_of(sentence) in ("Ilves", "The union")


def test_indirect_speech_with_a_quoted_phrase_is_mixed() -> None:
    text = 'Ilves said the offer was "an insult to every docker."'
    q = only_quote(text)
    assert (q.kind, content_of(text, q)) == ("mixed", 'the offer was "an insult to every docker."')


def test_clause_before_speaker_and_cue() -> None:
    text = "The port has made a profit for nine years, the minister said."
    q = only_quote(text)
    assert content_of(text, q) == "The port has made a profit for nine years"
    assert q.speaker is not None and q.speaker.text_of(text) == "the minister"


def test_unlisted_verb_between_a_quotation_and_the_end_of_the_clause() -> None:
    text = '"Sit down," Mayor Dana Holt barked.'
    assert described(text) == [("direct", '"Sit down,"', "Mayor Dana Holt", "barked", "Dana Holt")]


def test_quotation_introduced_by_a_colon_inside_the_content() -> None:
    text = 'Holt repeated her simple message: "Vote early, vote often."'
    q = only_quote(text)
    assert (q.kind, content_of(text, q)) == ("direct", '"Vote early, vote often."')


def test_object_verb_portraying_someone_as_a_quotation() -> None:
    text = 'The new advert portrays the senator as "out of touch with the valley."'
    assert described(text) == [
        (
            "mixed",
            'the senator as "out of touch with the valley."',
            "The new advert",
            "portrays",
            None,
        )
    ]


def test_quotations_listed_right_after_a_chant() -> None:
    text = 'The marchers chanted "Fair pay now" and "No more cuts" outside the hall.'
    quotes = extract_quotes(text)
    assert [content_of(text, q) for q in quotes] == ['"Fair pay now"', '"No more cuts"']
    assert {
        (q.speaker.text_of(text), q.cue.text_of(text)) for q in quotes if q.speaker and q.cue
    } == {("The marchers", "chanted")}


def test_apposition_inside_the_reported_clause() -> None:
    text = 'Ilves said that Holt, a former judge, was "unfit for the job."'
    q = only_quote(text)
    assert content_of(text, q) == 'that Holt, a former judge, was "unfit for the job."'


def test_name_given_as_a_list_of_quotations() -> None:
    text = 'Ilves called the plan "reckless" and "cruel" on Monday.'
    q = only_quote(text)
    assert content_of(text, q).startswith('the plan "reckless" and "cruel"')


def test_closing_report_takes_the_clause_before_weaker_cues() -> None:
    text = "The ferry firm plans to close two docks next year, people familiar with the talks said."
    assert described(text) == [
        (
            "indirect",
            "The ferry firm plans to close two docks next year",
            "people familiar with the talks",
            "said",
            None,
        )
    ]


def test_cue_verb_capitalized_in_a_title_case_headline() -> None:
    text = "Mayor Holt Says Budget Cuts Threaten Harbour Schools"
    q = only_quote(text)
    assert content_of(text, q) == "Budget Cuts Threaten Harbour Schools"
    assert q.speaker is not None and q.speaker.text_of(text) == "Mayor Holt"
    assert q.cue is not None and q.cue.text_of(text) == "Says"


def test_according_to_a_document_published_on_a_day() -> None:
    text = "According to a report published Monday, the cannery will close in May."
    q = only_quote(text)
    assert content_of(text, q) == "the cannery will close in May"


def test_place_phrase_between_the_cue_and_the_quotation() -> None:
    text = 'Ilves, who spoke first, declared in the debate spin room, "We are ready."'
    q = only_quote(text)
    assert (q.kind, content_of(text, q)) == ("direct", '"We are ready."')


def test_sign_reading_a_quotation() -> None:
    text = 'Holt wore a cap reading, "Harbour First" at the rally.'
    q = only_quote(text)
    assert (q.kind, content_of(text, q)) == ("direct", '"Harbour First"')
    assert q.cue is not None and q.cue.text_of(text) == "reading"


def test_knowing_reports_a_that_clause_but_not_a_plain_object() -> None:
    text = "Holt knew that the harbour would flood by spring. Holt knows the harbour well."
    assert described(text) == [
        ("indirect", "that the harbour would flood by spring", "Holt", "knew", "Holt")
    ]


def test_the_person_asked_stays_in_the_content_before_an_infinitive() -> None:
    text = "Ilves asked the port workers to return on Monday."
    assert [content_of(text, q) for q in extract_quotes(text)] == [
        "the port workers to return on Monday"
    ]


def test_the_person_told_stays_out_of_a_that_clause() -> None:
    text = "Ilves told the port workers that the strike was over."
    assert [content_of(text, q) for q in extract_quotes(text)] == ["that the strike was over"]


def test_a_cue_word_opening_a_clause_leaves_the_closing_report_its_clause() -> None:
    text = "The harsh remarks were unfair, the ferry captain said."
    q = rules_only_quote(text)
    assert content_of(text, q) == "The harsh remarks were unfair"
    assert q.cue is not None and q.cue.text_of(text) == "said"
    assert q.speaker is not None and q.speaker.text_of(text) == "the ferry captain"


def test_a_place_phrase_closing_the_sentence_leaves_the_clause_before_as_content() -> None:
    text = "The ferry will stop in May, Ona Brek said at a rally in Tallin."
    q = rules_only_quote(text)
    assert content_of(text, q) == "The ferry will stop in May"
    assert q.speaker is not None and q.speaker.text_of(text) == "Ona Brek"


def test_an_infinitive_after_a_closing_cue_stays_its_content() -> None:
    text = "Facing the harbour board, Ona Brek pledged to keep the ferry running."
    assert content_of(text, rules_only_quote(text)) == "to keep the ferry running"


def test_a_speech_cue_in_the_relative_clause_after_an_inverted_speaker_is_read_too() -> None:
    text = '"I do not want that," said Ona Brek, who said she left on good terms.'
    found = [(q.kind, content_of(text, q)) for q in extract_quotes(text, model=RULES_ONLY)]
    assert found == [("direct", '"I do not want that,"'), ("indirect", "she left on good terms")]


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("Ona Brek decided not to enter the race.", "not to enter the race"),
        ("Ona Brek questioned why the ferry left early.", "why the ferry left early"),
    ],
)
def test_a_stance_verb_object_may_open_with_not_to_or_a_question_word(
    sentence: str, content: str
) -> None:
    assert content_of(sentence, rules_only_quote(sentence)) == content


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Ona Brek made it clear that the ferry would stay.", "made it clear"),
        ("Ona Brek also made clear that the ferry would stay.", "made clear"),
    ],
)
def test_made_clear_reports_its_that_clause(sentence: str, cue: str) -> None:
    q = rules_only_quote(sentence)
    assert content_of(sentence, q) == "that the ferry would stay"
    assert q.cue is not None and q.cue.text_of(sentence) == cue


def test_see_as_reports_a_view_in_its_base_form() -> None:
    text = "Developers see the golf courses as wasted space."
    q = rules_only_quote(text)
    assert content_of(text, q) == "the golf courses as wasted space"
    assert q.cue is not None and q.cue.text_of(text) == "see"


def test_a_quote_only_verb_reports_a_that_clause() -> None:
    text = "Ona Brek fired back that the harbour board had voted for her twice."
    q = rules_only_quote(text)
    assert content_of(text, q) == "that the harbour board had voted for her twice"
    assert q.cue is not None and q.cue.text_of(text) == "fired back"


def test_a_quotation_closing_on_a_comma_after_its_cue_is_the_whole_content() -> None:
    text = 'Ona Brek said, "We will see," when asked whether she would run again.'
    found = extract_quotes(text, model=RULES_ONLY)
    assert (found[0].kind, content_of(text, found[0])) == ("direct", '"We will see,"')
    assert found[0].cue is not None and found[0].cue.text_of(text) == "said"


def test_a_lowercase_quotation_after_an_inserted_cue_keeps_the_words_before_it() -> None:
    text = 'The ferry, Ona Brek said, "will never stop running."'
    found = extract_quotes(text, model=RULES_ONLY)
    assert [content_of(text, q) for q in found] == ["The ferry", '"will never stop running."']
    assert len({(q.cue.start, q.cue.end) for q in found if q.cue is not None}) == 1


def test_a_capitalized_quotation_after_an_inserted_cue_stands_alone() -> None:
    text = 'The ferry, Ona Brek said, "Never stop running."'
    found = extract_quotes(text, model=RULES_ONLY)
    assert [content_of(text, q) for q in found] == ['"Never stop running."']


def test_an_adverbial_before_an_inserted_cue_is_content_too() -> None:
    text = "At the time, Ona Brek said, the ferry was running late."
    found = extract_quotes(text, model=RULES_ONLY)
    assert [content_of(text, q) for q in found] == ["At the time", "the ferry was running late"]


def test_a_relative_pronoun_before_the_speaker_is_the_subject_of_the_content() -> None:
    text = "The ferry is an investment that Ona Brek said would pay off in three years."
    found = extract_quotes(text, model=RULES_ONLY)
    assert [content_of(text, q) for q in found] == ["that", "would pay off in three years"]


def test_to_before_a_noun_phrase_goes_with_the_cue() -> None:
    text = "Ona Brek did not respond to a request for comment."
    assert content_of(text, rules_only_quote(text)) == "a request for comment"


def test_to_before_an_infinitive_stays_in_the_content() -> None:
    text = "Ona Brek refused to take a firm stand."
    assert content_of(text, rules_only_quote(text)) == "to take a firm stand"


def test_an_object_ends_at_a_quotation_closing_on_a_comma() -> None:
    text = 'Ona Brek praised the deal as "a real breakthrough," referring to the port talks.'
    found = extract_quotes(text, model=RULES_ONLY)
    assert content_of(text, found[0]) == 'the deal as "a real breakthrough,"'


def test_a_verb_in_a_list_after_a_comma_takes_the_speaker_read_before() -> None:
    text = 'Ona Brek later criticized the ferry plan, called it "third-rate" and left the hall.'
    found = extract_quotes(text, model=RULES_ONLY)
    called = [q for q in found if q.cue is not None and q.cue.text_of(text) == "called"]
    assert [content_of(text, q) for q in called] == ['it "third-rate"']
    assert called[0].speaker is not None and called[0].speaker.text_of(text) == "Ona Brek"


def test_a_subject_with_a_quoted_apposition_keeps_its_object_verb() -> None:
    text = 'Ona Brek, star of the series "Harbour," thanked the mayor for "keeping the dock open."'
    q = rules_only_quote(text)
    assert content_of(text, q) == 'the mayor for "keeping the dock open."'
    assert q.cue is not None and q.cue.text_of(text) == "thanked"


def test_an_infinitive_object_verb_before_a_quotation_takes_the_sentence_subject() -> None:
    text = 'The harbour officials started to portray the closure as a "routine" matter.'
    q = rules_only_quote(text)
    assert content_of(text, q) == 'the closure as a "routine" matter'
    assert q.cue is not None and q.cue.text_of(text) == "portray"
    assert q.speaker is not None and q.speaker.text_of(text) == "The harbour officials"


def test_a_gerund_after_in_before_a_quotation_takes_the_sentence_subject() -> None:
    text = 'Ona Brek gained ground, and did so in attacking the "failed" ferry plan.'
    q = rules_only_quote(text)
    assert content_of(text, q) == 'the "failed" ferry plan'
    assert q.cue is not None and q.cue.text_of(text) == "attacking"
    assert q.speaker is not None and q.speaker.text_of(text) == "Ona Brek"


def test_a_learned_cue_word_reports_the_clause_after_it() -> None:
    """`signaled` is on no cue list, only on the learned one (`LEARNED_CUE_WORDS`)."""
    text = "The harbour master signaled that the ferry would stop in May."
    q = rules_only_quote(text)
    assert content_of(text, q) == "that the ferry would stop in May"
    assert q.cue is not None and q.cue.text_of(text) == "signaled"
    assert q.speaker is not None and q.speaker.text_of(text) == "The harbour master"


def test_a_word_off_the_learned_list_reports_nothing() -> None:
    text = "The harbour master nodded that the ferry would stop in May."
    assert extract_quotes(text, model=RULES_ONLY) == []


def test_a_learned_cue_pair_reports_what_follows_its_preposition() -> None:
    """`critical of` is on the learned pairs (`LEARNED_CUE_PAIRS`), `critical` alone is not."""
    text = "The harbour master was critical of the new ferry timetable."
    q = rules_only_quote(text)
    assert content_of(text, q) == "the new ferry timetable"
    assert q.cue is not None and q.cue.text_of(text) == "critical"


def test_a_learned_pair_word_before_another_word_reports_nothing() -> None:
    text = "The harbour master cast a critical vote on the ferry timetable."
    assert extract_quotes(text, model=RULES_ONLY) == []


def test_a_learned_cue_after_a_modifier_takes_the_subject_as_speaker() -> None:
    """`a fierce supporter`: `fierce` is no speaker; the sentence's subject is."""
    text = "Lena Voss, a fierce supporter of the ferry plan, spoke first."
    q = rules_only_quote(text)
    assert q.cue is not None and q.cue.text_of(text) == "supporter"
    assert q.speaker is not None and q.speaker.text_of(text) == "Lena Voss"


def test_a_hyphenated_learned_cue_word_reports_the_clause_after_it() -> None:
    """`co-sponsored` is on the learned list and the paragraph holds no other cue word, colon or
    quotation: the paragraph is still read (the candidate test sees the hyphenated word)."""
    text = "The harbour master co-sponsored that the ferry would stop in May."
    q = rules_only_quote(text)
    assert content_of(text, q) == "that the ferry would stop in May"
    assert q.cue is not None and q.cue.text_of(text) == "co-sponsored"

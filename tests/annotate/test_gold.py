"""Gold labels and ties for adjudication (newscorpus.annotate.gold): pure."""

from __future__ import annotations

from export_fixture import CONFIG, SHA, annotation, quote, task, two_annotator_export, who

from newscorpus.annotate.gold import annotated_articles, resolve_gold
from newscorpus.annotate.validate import flatten


def test_gold_majority_single_and_ties() -> None:
    flat = flatten(two_annotator_export(), CONFIG, who)
    gold = resolve_gold(flat.quotes, flat.stance, flat.annotations)
    stance = {(g["article_id"], g["stance"], g["resolution"], g["support"]) for g in gold.stance}
    assert stance == {("a2", "neutral", "majority", 2)}
    ties = {(t["article_id"], t["item"], t["text"], t["votes"]) for t in gold.ties}
    assert ties == {
        ("a1", "stance", None, "against=1; favor=1"),
        ("a1", "quote", "cranes were unsafe", "marked=1; not=1"),
        ("a1", "quote", "declined to comment", "marked=1; not=1"),
        ("a2", "speaker", "cranes were unsafe", "«Officials»=1; «The union»=1"),
    }
    quotes = {(g["article_id"], g["text"], g["resolution"], g["support"]) for g in gold.quotes}
    # Q1 vs Q1': one offset each -> the earliest-ending span wins the tie of offsets
    assert quotes == {
        ("a1", "We are ready", "majority", 2),
        ("a2", "cranes were unsafe", "majority", 2),
    }


def test_ground_truth_annotation_wins() -> None:
    export = two_annotator_export()
    export[0]["annotations"][1]["ground_truth"] = True
    flat = flatten(export, CONFIG, who)
    gold = resolve_gold(flat.quotes, flat.stance, flat.annotations)
    a1_stance = [g for g in gold.stance if g["article_id"] == "a1"]
    assert [(g["stance"], g["resolution"]) for g in a1_stance] == [("against", "ground_truth")]
    a1_quotes = sorted(g["text"] for g in gold.quotes if g["article_id"] == "a1")
    assert a1_quotes == ["We are ready", "declined to comment"]
    assert not [t for t in gold.ties if t["article_id"] == "a1"]


def test_single_annotation_is_gold_as_single() -> None:
    flat = flatten([task(1, [annotation(1, 1, [quote("We are ready,")], "favor")])], CONFIG, who)
    gold = resolve_gold(flat.quotes, flat.stance, flat.annotations)
    assert [(g["stance"], g["resolution"]) for g in gold.stance] == [("favor", "single")]
    assert [(g["text"], g["resolution"]) for g in gold.quotes] == [("We are ready,", "single")]


def test_three_annotators_majority_keeps_two_of_three() -> None:
    q1 = quote("We are ready,", "Amara Lindqvist", "said")
    q3 = quote("declined to comment", kind="indirect")
    export = [task(1, [annotation(1, 1, [q1], "favor"), annotation(2, 2, [q1], "favor"),
                       annotation(3, 3, [q3], "against")])]  # fmt: skip
    flat = flatten(export, CONFIG, who)
    gold = resolve_gold(flat.quotes, flat.stance, flat.annotations)
    assert [(g["text"], g["support"], g["annotations"]) for g in gold.quotes] == [
        ("We are ready,", 2, 3)
    ]
    assert [(g["stance"], g["support"]) for g in gold.stance] == [("favor", 2)]
    assert gold.ties == []


def test_an_article_whose_annotator_marked_nothing_is_listed_as_annotated() -> None:
    # A task asking about no target, whose one annotation has an empty result.
    export = [task(1, [annotation(1, 1, [])], article_id="a9", target_id=None)]
    flat = flatten(export, CONFIG, who)
    assert (flat.quotes, flat.stance) == ([], [])
    assert annotated_articles(flat.annotations) == [
        {
            "article_id": "a9",
            "content_sha256": SHA,
            "resolution": "single",
            "annotations": 1,
            "annotators": ["user1"],
        }
    ]


def test_an_article_whose_only_annotation_was_cancelled_is_not_listed_as_annotated() -> None:
    export = [task(1, [annotation(1, 1, [], was_cancelled=True)], article_id="a9")]
    flat = flatten(export, CONFIG, who)
    assert annotated_articles(flat.annotations) == []


def test_annotated_articles_name_every_annotator_of_the_article_once() -> None:
    flat = flatten(two_annotator_export(), CONFIG, who)
    rows = annotated_articles(flat.annotations)
    assert [(r["article_id"], r["annotations"], r["annotators"]) for r in rows] == [
        ("a1", 2, ["user1", "user2"]),
        ("a2", 2, ["user1", "user2"]),
    ]


def _three_on_one_span(*quotes: dict) -> list:
    """Three annotators mark "We are ready," each with the attributes of their quote."""
    anns = [annotation(11 + i, 1 + i, [q]) for i, q in enumerate(quotes)]
    flat = flatten([task(1, anns)], CONFIG, who)
    return resolve_gold(flat.quotes, flat.stance, flat.annotations)


def test_a_gold_quote_takes_the_kind_and_stance_most_annotators_gave() -> None:
    gold = _three_on_one_span(
        quote("We are ready,", "Amara Lindqvist", "said", "indirect", stance="against"),
        quote("We are ready,", "Amara Lindqvist", "said", "direct", stance="favor"),
        quote("We are ready,", "Amara Lindqvist", "said", "direct", stance="favor"),
    )
    assert [(g["kind"], g["stance"], g["support"]) for g in gold.quotes] == [("direct", "favor", 3)]
    assert gold.ties == []


def test_a_gold_quote_takes_the_speaker_most_annotators_gave() -> None:
    gold = _three_on_one_span(
        quote("We are ready,", "the harbour director", "said"),
        quote("We are ready,", "Amara Lindqvist", "said"),
        quote("We are ready,", "Amara Lindqvist", "said"),
    )
    assert [g["speaker_text"] for g in gold.quotes] == ["Amara Lindqvist"]


def test_a_tied_attribute_is_left_null_and_listed_for_adjudication() -> None:
    gold = _three_on_one_span(
        quote("We are ready,", "Amara Lindqvist", "said", "direct"),
        quote("We are ready,", "Amara Lindqvist", None, "indirect"),
        quote("We are ready,", "Amara Lindqvist", "said", "mixed"),
    )
    assert [(g["kind"], g["cue_text"], g["tied"]) for g in gold.quotes] == [
        (None, "said", ["quote_kind"])
    ]
    assert [(t["item"], t["text"], t["votes"]) for t in gold.ties] == [
        ("quote_kind", "We are ready,", "direct=1; indirect=1; mixed=1")
    ]


def test_a_speaker_tie_names_each_speaker_in_the_votes() -> None:
    gold = _three_on_one_span(
        quote("We are ready,", "the harbour director", "said"),
        quote("We are ready,", "Amara Lindqvist", "said"),
        quote("We are ready,", None, "said"),
    )
    assert gold.quotes[0]["speaker_start"] is None
    assert [t["votes"] for t in gold.ties] == [
        "«Amara Lindqvist»=1; «the harbour director»=1; none=1"
    ]


def _saved(ann: dict, at: str) -> dict:
    return ann | {"updated_at": at}


def test_an_annotators_second_annotation_replaces_their_first_vote() -> None:
    qa = quote("We are ready,", "Amara Lindqvist", "said")
    anns = [annotation(11, 1, [qa], "favor"), annotation(12, 1, [qa], "favor"),
            annotation(13, 2, [], "against")]  # fmt: skip
    flat = flatten([task(1, anns)], CONFIG, who)
    gold = resolve_gold(flat.quotes, flat.stance, flat.annotations)
    assert gold.stance == []
    assert sorted((t["item"], t["votes"]) for t in gold.ties) == [
        ("quote", "marked=1; not=1"),
        ("stance", "against=1; favor=1"),
    ]


def test_an_annotators_vote_is_their_last_saved_annotation() -> None:
    anns = [_saved(annotation(11, 1, [], "against"), "2024-05-08T09:00:00Z"),
            _saved(annotation(12, 1, [], "favor"), "2024-05-07T09:00:00Z")]  # fmt: skip
    flat = flatten([task(1, anns)], CONFIG, who)
    gold = resolve_gold(flat.quotes, flat.stance, flat.annotations)
    assert [(g["stance"], g["resolution"], g["annotations"]) for g in gold.stance] == [
        ("against", "single", 1)
    ]


def test_ground_truths_that_disagree_on_quotes_are_quote_ties() -> None:
    qa = quote("We are ready,", "Amara Lindqvist", "said")
    qb = quote("cranes were unsafe", "The union", "warned", "indirect")
    anns = [annotation(9, 1, [qa], ground_truth=True), annotation(10, 2, [qb], ground_truth=True)]
    flat = flatten([task(1, anns)], CONFIG, who)
    gold = resolve_gold(flat.quotes, flat.stance, flat.annotations)
    assert gold.quotes == []
    assert [(t["item"], t["text"]) for t in gold.ties] == [
        ("quote", "We are ready,"),
        ("quote", "cranes were unsafe"),
    ]


def test_ground_truths_that_agree_give_their_quotes_as_ground_truth() -> None:
    qa = quote("We are ready,", "Amara Lindqvist", "said")
    anns = [annotation(9, 1, [qa], ground_truth=True), annotation(10, 2, [qa], ground_truth=True),
            annotation(11, 3, [])]  # fmt: skip
    flat = flatten([task(1, anns)], CONFIG, who)
    gold = resolve_gold(flat.quotes, flat.stance, flat.annotations)
    assert [(g["text"], g["resolution"], g["support"]) for g in gold.quotes] == [
        ("We are ready,", "ground_truth", 2)
    ]
    # Every annotation of the article took part, as with one ground truth.
    assert gold.quotes[0]["annotations"] == 3


def test_a_gold_quote_says_how_many_gave_each_attribute() -> None:
    gold = _three_on_one_span(
        quote("We are ready,", "the harbour director", "said", "indirect"),
        quote("We are ready,", "Amara Lindqvist", "said", "direct"),
        quote("We are ready,", "Amara Lindqvist", "said", "direct"),
    )
    assert gold.quotes[0]["attribute_support"] == {"kind": 2, "stance": 3, "speaker": 2, "cue": 3}

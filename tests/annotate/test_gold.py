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

"""BRAT files -> export-shaped tasks (newscorpus.annotate.brat_tasks): pure."""

from __future__ import annotations

from export_fixture import CONFIG
from labelstudio_fixture import span_of

from newscorpus.annotate.brat_tasks import brat_kind, brat_task, split_ann_name
from newscorpus.annotate.validate import flatten

BRAT_TEXT = 'The mayor said the tram would run by May. Critics called it "a fantasy".'


def _ann(source: str, cue: str, content: str) -> str:
    def tb(tid: str, kind: str, needle: str) -> str:
        s, e = span_of(BRAT_TEXT, needle)
        return f"{tid}\t{kind} {s} {e}\t{needle}"

    return "\n".join(
        [tb("T1", "Source", source), tb("T2", "Cue", cue), tb("T3", "Content", content),
         tb("T4", "Attribution", cue), "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3", ""]
    )  # fmt: skip


def test_brat_files_become_one_annotation_per_annotator() -> None:
    files = {
        "aaaa": _ann("The mayor", "said", "the tram would run by May"),
        "bbbb": _ann("Critics", "called", '"a fantasy"'),
    }
    raw, problems = brat_task("story-1", BRAT_TEXT, files, {"title": "Tram"})
    assert problems == []
    assert [a["completed_by"] for a in raw["annotations"]] == ["brat:aaaa", "brat:bbbb"]
    flat = flatten([raw], CONFIG, str)
    rows = {
        (r["annotator"], r["text"], r["speaker_text"], r["cue_text"], r["kind"])
        for r in flat.quotes
    }
    assert rows == {
        ("brat:aaaa", "the tram would run by May", "The mayor", "said", "indirect"),
        ("brat:bbbb", '"a fantasy"', "Critics", "called", "direct"),
    }
    assert raw["data"]["title"] == "Tram"


def test_brat_span_that_does_not_fit_the_text_is_a_problem() -> None:
    bad = "T1\tSource 0 9\tThe mayors\nT3\tContent 15 40\tx\nE1\tAttribution:T1 Content:T3\n"
    _, problems = brat_task("story-2", BRAT_TEXT, {"cccc": bad})
    assert problems and problems[0].startswith("story-2_cccc.ann: T1")


def test_brat_kind_from_quotation_marks() -> None:
    assert brat_kind('"We will win."') == "direct"
    assert brat_kind("we would win") == "indirect"
    assert brat_kind('the plan was "dead on arrival" in May') == "mixed"


def test_ann_file_names_split_into_article_and_annotator() -> None:
    assert split_ann_name("site_2016-01-02_some-title_ab12.ann") == (
        "site_2016-01-02_some-title",
        "ab12",
    )
    assert split_ann_name("notes.txt") is None

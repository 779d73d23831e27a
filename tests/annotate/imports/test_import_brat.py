"""imports/brat.py: one BRAT text file and its annotators' files -> a corpus row and quote rows."""

from __future__ import annotations

import unicodedata

import pytest
from brat_fixture import STORY, attribution, offsets

from newscorpus.annotate.imports.brat import BratContext, paragraph_spans, read_article
from newscorpus.annotate.imports.metadata import ArticleMeta
from newscorpus.errors import RejectError
from newscorpus.normalize.text import article_id

CTX = BratContext(origin="brat:test", annotator=lambda code: f"ann-{code}")


def _read(text: str, anns: dict[str, list[str]], meta: ArticleMeta | None = None):
    files = {code: "\n".join(lines) + "\n" for code, lines in anns.items()}
    return read_article("site_story", text.encode("utf-8"), files, meta or ArticleMeta(), CTX)


def test_the_text_is_the_file_as_written_title_line_included() -> None:
    article = _read(STORY, {})
    assert article.row["text"] == STORY
    assert article.row["id"] == article_id(STORY)
    assert article.row["input_format"] == "brat"


def test_title_is_the_metadata_title_else_the_first_block() -> None:
    assert _read(STORY, {}).row["title"] == "Mayor says tram will run by May"
    assert _read(STORY, {}, ArticleMeta(title="Tram by May")).row["title"] == "Tram by May"
    assert _read("One block only.", {}).row["title"] is None


def test_paragraphs_are_the_blocks_between_blank_lines() -> None:
    text = "Head\nsubhead\n\n  Body one.\n \nBody two.\n"
    assert [text[p["start"] : p["end"]] for p in paragraph_spans(text)] == [
        "Head\nsubhead",
        "Body one.",
        "Body two.",
    ]


def test_an_attribution_becomes_a_row_with_speaker_and_cue() -> None:
    ann = attribution(1, STORY, "The mayor", "said", "the tram would run by May")
    (row,) = _read(STORY, {"aa11": ann}).quotes
    assert (row["text"], row["speaker_text"], row["cue_text"]) == (
        "the tram would run by May",
        "The mayor",
        "said",
    )
    assert (row["kind"], row["kind_source"], row["origin"]) == ("indirect", "machine", "brat:test")
    assert row["annotator"] == "ann-aa11" and row["region_id"] == "E1"


def test_a_content_split_around_its_cue_gives_one_row_per_piece() -> None:
    pieces = ['"We will not wait,"', '"The city must pay."']
    ann = attribution(2, STORY, "the union", "said", pieces)
    rows = _read(STORY, {"aa11": ann}).quotes
    assert [r["text"] for r in rows] == pieces
    assert [r["region_id"] for r in rows] == ["E2.1", "E2.2"]
    assert {(r["speaker_text"], r["kind"]) for r in rows} == {("the union", "direct")}


def test_a_headline_attribution_is_kept() -> None:
    ann = attribution(1, STORY, "Mayor", "says", "tram will run by May")
    (row,) = _read(STORY, {"aa11": ann}).quotes
    assert row["start"] == STORY.index("tram will run") < STORY.index("\n\n")


def test_every_annotator_gets_an_annotation_even_with_no_attribution() -> None:
    article = _read(STORY, {"aa11": [], "bb22": []})
    assert [a.annotator for a in article.annotations] == ["ann-aa11", "ann-bb22"]
    assert article.quotes == []


def test_crlf_files_are_re_anchored_and_counted() -> None:
    crlf = STORY.replace("\n", "\r\n")
    ann = attribution(1, crlf, "The mayor", "said", "the tram would run by May")
    article = _read(crlf, {"aa11": ann})
    (row,) = article.quotes
    assert article.row["text"] == STORY
    assert row["text"] == "the tram would run by May"
    assert article.canonical.changes == {"line_ending": 6}
    assert (article.spans, article.exact) == (3, 3)


def test_nfc_changes_are_re_anchored() -> None:
    text = STORY.replace("Critics", "Cri\u0301tics")
    ann = attribution(1, text, "Cri\u0301tics", "called", 'the plan "a fantasy"')
    (row,) = _read(text, {"aa11": ann}).quotes
    assert row["speaker_text"] == unicodedata.normalize("NFC", "Cri\u0301tics")
    assert row["text"] == 'the plan "a fantasy"'


def test_a_span_ending_inside_a_normalized_character_is_listed_not_shifted() -> None:
    text = STORY.replace("Critics", "Cri\u0301tics")
    s, _ = offsets(text, "Cri\u0301tics")
    ann = attribution(1, text, "Cri\u0301tics", "called", 'the plan "a fantasy"')
    ann[0] = f"T11\tSource {s} {s + 3}\tCri"  # ends between the i and its accent
    article = _read(text, {"aa11": ann})
    (row,) = article.quotes
    assert row["speaker_start"] is None
    (issue,) = article.issues
    assert (issue["role"], issue["start"], issue["end"]) == ("Source", s, s + 3)
    assert issue["reason"] == "inside_normalized_change"
    assert (article.spans, article.exact) == (3, 2)


def test_a_span_whose_recorded_text_differs_is_listed() -> None:
    ann = attribution(1, STORY, "The mayor", "said", "the tram would run by May")
    ann[2] = ann[2].rsplit("\t", 1)[0] + "\tsomething else"
    article = _read(STORY, {"aa11": ann})
    assert article.quotes == []
    assert [i["reason"] for i in article.issues] == ["text_mismatch"]


def test_an_unreadable_annotation_file_is_left_out_and_named() -> None:
    article = _read(STORY, {"aa11": ["E1\tAttribution:T9 Content:T8"]})
    assert article.annotations == []
    assert article.problems[0].startswith("site_story_aa11.ann: line 1: E1 refers to 'T8'")


def test_a_file_of_whitespace_gives_no_article() -> None:
    with pytest.raises(RejectError, match="no_article"):
        _read("  \n\n ", {})

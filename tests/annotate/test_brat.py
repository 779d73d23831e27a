"""brat: reading BRAT attribution standoff (PolNeAR style) on small hand-written .ann texts."""

from __future__ import annotations

import pytest

from newscorpus.annotate.brat import BratError, check_against, parse_ann, split_ann_name

TEXT = 'Ilves said the port would close. "We tried," she said, "and failed."'


def test_attribution_with_source_cue_and_content() -> None:
    ann = (
        "T1\tSource 0 5\tIlves\n"
        "T2\tCue 6 10\tsaid\n"
        "T3\tContent 11 31\tthe port would close\n"
        "T4\tAttribution 6 10\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    )
    (a,) = parse_ann(ann).attributions
    assert (a.id, a.type) == ("E1", "Attribution")
    assert a.content == ((11, 31),)
    assert a.source == ((0, 5),)
    assert a.cue == ((6, 10),)
    assert (a.start, a.end) == (11, 31)


def test_discontinuous_content_keeps_its_fragments_in_order() -> None:
    ann = (
        'T1\tContent 55 68;33 44\t"and failed." "We tried,"\n'
        "T2\tCue 49 53\tsaid\n"
        "E1\tAttribution-no-source:T2 Content:T1 Cue:T2\n"
    )
    (a,) = parse_ann(ann).attributions
    assert a.content == ((33, 44), (55, 68))
    assert a.source == ()
    tb = parse_ann(ann).textbounds["T1"]
    assert tb.fragments == ((55, 68), (33, 44))  # as written in the file
    assert (tb.start, tb.end) == (33, 68)


def test_content2_role_is_merged_into_the_content() -> None:
    ann = (
        "T1\tContent 33 44\tx\nT2\tContent 55 68\ty\nT3\tCue 49 53\tsaid\n"
        "E1\tAttribution:T3 Content:T1 Content2:T2 Cue:T3\n"
    )
    (a,) = parse_ann(ann).attributions
    assert a.content == ((33, 44), (55, 68))
    assert a.roles["Content2"] == ("T2",)


def test_overlapping_or_touching_fragments_are_merged() -> None:
    ann = "T1\tContent 0 10;10 15;12 20\tx\nE1\tAttribution:T1 Content:T1\n"
    (a,) = parse_ann(ann).attributions
    assert a.content == ((0, 20),)


def test_event_without_content_is_not_an_attribution() -> None:
    ann = "T1\tAttribution-no-source 6 10\tsaid\nE1\tAttribution-no-source:T1 \n"
    assert parse_ann(ann).attributions == []


def test_span_text_that_crossed_a_newline_does_not_break_parsing() -> None:
    ann = (
        "T1\tContent 0 20\tfirst line of the span\n"
        "second line of the span\n"
        "T2\tCue 21 25\tsaid\n"
        "E1\tAttribution:T2 Content:T1 Cue:T2\n"
    )
    (a,) = parse_ann(ann).attributions
    assert a.content == ((0, 20),) and a.cue == ((21, 25),)


def test_comments_notes_attributes_and_relations_are_skipped() -> None:
    ann = (
        "#1\tAnnotatorNotes T1\tShould this be a quote?\n"
        "A1\tNegated E1\n"
        "R1\tRel Arg1:T1 Arg2:T1\n"
        "T1\tContent 0 5\tIlves\n"
        "E1\tAttribution:T1 Content:T1\n"
    )
    doc = parse_ann(ann)
    assert list(doc.textbounds) == ["T1"] and len(doc.attributions) == 1


def test_event_naming_an_unknown_span_raises_with_the_line_number() -> None:
    with pytest.raises(BratError, match=r"line 2: E1 refers to 'T9'"):
        parse_ann("T1\tContent 0 5\tIlves\nE1\tAttribution:T1 Content:T9\n")


def test_reversed_fragment_raises_with_the_line_number() -> None:
    with pytest.raises(BratError, match="line 1"):
        parse_ann("T1\tContent 9 5\tx\n")


def test_check_against_accepts_a_file_that_fits_its_text() -> None:
    doc = parse_ann('T1\tSource 0 5\tIlves\nT2\tContent 33 44;55 68\t"We tried," "and failed."\n')
    assert check_against(doc, TEXT) == []


def test_check_against_names_spans_outside_or_different_from_the_text() -> None:
    doc = parse_ann("T1\tSource 0 5\tIlvis\nT2\tCue 60 99\tsaid\n")
    problems = check_against(doc, TEXT)
    assert len(problems) == 2
    assert problems[0].startswith("T1: file says 'Ilvis'")
    assert problems[1].startswith("T2: span") and "outside" in problems[1]


def test_ann_file_names_split_into_article_and_annotator() -> None:
    assert split_ann_name("site_2016-01-02_some-title_ab12.ann") == (
        "site_2016-01-02_some-title",
        "ab12",
    )
    assert split_ann_name("notes.txt") is None

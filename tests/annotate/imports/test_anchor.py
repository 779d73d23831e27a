"""imports/anchor.py: an imported text's canonical form and offsets carried into it."""

from __future__ import annotations

import unicodedata

from newscorpus.annotate.imports.anchor import LINE_ENDING, NFC, Edit, OffsetMap, canonical

DECOMPOSED = "Cafe\u0301 owner said no."  # "é" written as e + combining acute


def test_a_text_already_canonical_is_kept_with_every_offset() -> None:
    c = canonical("Title\n\nBody  text.\n")
    assert c.text == "Title\n\nBody  text.\n" and not c.changed
    assert [c.position(i) for i in range(len(c.source) + 1)] == list(range(len(c.source) + 1))


def test_crlf_becomes_newline_and_later_offsets_move_back() -> None:
    c = canonical("Title\r\n\r\nSaid it.")
    assert c.text == "Title\n\nSaid it."
    assert c.changes == {LINE_ENDING: 2}
    assert c.span(9, 13) == (7, 11)
    assert c.text[7:11] == "Said"


def test_an_offset_between_cr_and_lf_has_no_exact_image() -> None:
    c = canonical("a\r\nb")
    assert c.position(2) is None
    assert c.position(1) == 1 and c.position(3) == 2


def test_nfc_joins_a_letter_and_its_accent_and_shifts_what_follows() -> None:
    c = canonical(DECOMPOSED)
    assert c.text == unicodedata.normalize("NFC", DECOMPOSED)
    assert c.changes == {NFC: 1}
    start = DECOMPOSED.index("owner")
    assert c.span(start, start + 5) == (start - 1, start - 1 + 5)
    assert c.span(0, 5) == (0, 4)  # the whole word, accent included


def test_an_offset_between_a_letter_and_its_accent_has_no_exact_image() -> None:
    assert canonical(DECOMPOSED).span(0, 4) is None


def test_offset_map_counts_only_edits_before_the_offset() -> None:
    edits = (Edit(2, 4, "x", NFC), Edit(6, 7, "yyy", NFC))
    m = OffsetMap(edits)
    assert [m.position(i) for i in (0, 2, 3, 4, 5, 6, 7, 8)] == [0, 2, None, 3, 4, 5, 8, 9]


def test_an_offset_next_to_a_joined_mark_stays_exact() -> None:
    source = "clichA\u0303\u00a9 said"  # A + combining tilde, then a character NFC keeps
    c = canonical(source)
    assert c.span(0, 7) == (0, 6)
    assert c.text[0:6] == "clich\u00c3"


def test_a_span_is_exact_only_if_its_text_is_the_sources_normalized() -> None:
    c = canonical("Title\r\n\r\nSaid it.")
    assert c.span(0, 5) == (0, 5)
    assert c.span(5, 9) == (5, 7)  # "\r\n\r\n" -> "\n\n"

"""Tokens with code-point offsets and BIO tags over QUOTE/SPEAKER/CUE (pure functions)."""

from __future__ import annotations

from newscorpus.publish.bio import bio_tags, span_coverage, token_owners, tokenize

TEXT = "\u201cWe will not move,\u201d Ilse Marrow-Hahn said on Friday."


def _words(text: str, offsets: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in offsets]


def test_tokens_keep_hyphenated_names_and_split_punctuation():
    assert _words(TEXT, tokenize(TEXT)) == [
        "\u201c", "We", "will", "not", "move", ",", "\u201d",
        "Ilse", "Marrow-Hahn", "said", "on", "Friday", ".",
    ]  # fmt: skip


def test_tokenize_a_paragraph_gives_offsets_into_the_whole_text():
    text = "First paragraph.\n\nSecond one."
    offsets = tokenize(text, 18, len(text))
    assert _words(text, offsets) == ["Second", "one", "."]
    assert offsets[0] == (18, 24)


def test_quote_speaker_and_cue_get_their_bio_tags():
    quote = TEXT.index("We"), TEXT.index(",")
    speaker = TEXT.index("Ilse"), TEXT.index(" said")
    cue = TEXT.index("said"), TEXT.index(" on")
    tags = bio_tags(
        tokenize(TEXT),
        [(*quote, "QUOTE"), (*speaker, "SPEAKER"), (*cue, "CUE")],
    )
    assert tags == [
        "O", "B-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "O", "O",
        "B-SPEAKER", "I-SPEAKER", "B-CUE", "O", "O", "O",
    ]  # fmt: skip


def test_two_adjacent_quotes_each_start_with_b():
    text = "yes no"
    assert bio_tags(tokenize(text), [(0, 3, "QUOTE"), (4, 6, "QUOTE")]) == ["B-QUOTE", "B-QUOTE"]


def test_a_speaker_inside_a_quote_stays_a_speaker():
    text = "the mayor said so"
    tags = bio_tags(tokenize(text), [(0, 17, "QUOTE"), (4, 9, "SPEAKER")])
    assert tags == ["B-QUOTE", "B-SPEAKER", "B-QUOTE", "I-QUOTE"]


def test_a_span_starting_inside_a_word_tags_the_word():
    text = "unbelievable claim"
    assert bio_tags(tokenize(text), [(2, 18, "QUOTE")]) == ["B-QUOTE", "I-QUOTE"]


def test_a_sequence_continuing_a_quote_starts_with_b():
    text = "First part.\n\nsecond part."
    second = tokenize(text, 13, len(text))
    assert bio_tags(second, [(0, 24, "QUOTE")])[0] == "B-QUOTE"


def test_empty_spans_tag_nothing():
    assert bio_tags(tokenize("a b"), [(1, 1, "CUE")]) == ["O", "O"]


MIXED = "He said the plan, Mayor Ilse Brandt told reporters, would fail."  # synthetic


def _coverage(spans: list[tuple[int, int, str]]) -> dict[str, tuple[int, int]]:
    tokens = tokenize(MIXED)
    ordered, owner = token_owners(tokens, spans)
    return {s[2]: c for s, c in zip(ordered, span_coverage(tokens, ordered, owner), strict=True)}


def test_a_speaker_inside_a_quote_cuts_the_quote_but_keeps_its_own_tokens():
    quote = (MIXED.index("the plan"), MIXED.index("."), "QUOTE")
    speaker = (MIXED.index("Mayor"), MIXED.index(" told"), "SPEAKER")
    coverage = _coverage([quote, speaker])
    touched, tagged = coverage["QUOTE"]
    assert 0 < tagged < touched  # cut
    assert coverage["SPEAKER"][0] == coverage["SPEAKER"][1] == 3  # whole


def test_a_cue_wholly_inside_a_speaker_span_loses_every_token():
    speaker = (MIXED.index("Mayor"), MIXED.index(" reporters"), "SPEAKER")
    cue = (MIXED.index("told"), MIXED.index(" reporters"), "CUE")
    assert _coverage([speaker, cue])["CUE"] == (1, 0)


def test_combining_marks_stay_inside_their_word():
    text = "\u0939\u093f\u0928\u094d\u0926\u0940 \u0938\u092e\u093e\u091a\u093e\u0930"
    assert _words(text, tokenize(text)) == [text[:6], text[7:]]


def test_a_decomposed_accent_stays_on_its_letter():
    text = "Cafe\u0301 opens."
    assert _words(text, tokenize(text)) == ["Cafe\u0301", "opens", "."]


def test_a_zero_width_non_joiner_inside_a_word_keeps_it_whole():
    text = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 ok"
    assert _words(text, tokenize(text)) == [text[:8], "ok"]


def test_an_emoji_joined_with_zwj_is_one_token():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    text = f"A {family} waved."
    assert _words(text, tokenize(text)) == ["A", family, "waved", "."]


def test_a_flag_is_one_token():
    flag = "\U0001f1fa\U0001f1e6"
    assert _words(f"{flag}!", tokenize(f"{flag}!")) == [flag, "!"]

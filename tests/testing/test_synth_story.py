"""The synthetic article: its own random stream decides it, and it fills its share of the page."""

from __future__ import annotations

import random

from newscorpus.testing.synth_story import make_story


def test_the_same_stream_tells_the_same_story() -> None:
    assert make_story(random.Random(7), 10_000) == make_story(random.Random(7), 10_000)
    assert make_story(random.Random(7), 10_000) != make_story(random.Random(8), 10_000)


def test_a_story_takes_between_a_third_and_two_thirds_of_the_page() -> None:
    for seed in range(20):
        story = make_story(random.Random(seed), 10_000)
        assert 3_000 <= story.length <= 7_500
        assert story.paragraphs and story.headline and story.captions


def test_every_story_has_a_quotation_and_a_speech_verb() -> None:
    for seed in range(20):
        text = "\n".join(make_story(random.Random(seed), 10_000).paragraphs)
        assert "“" in text or '"' in text
        assert any(verb in text for verb in ("said", "told reporters", "according to", "added"))

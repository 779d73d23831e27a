"""Content bounds chosen by the model among the rules' candidates, and candidates kept or dropped
by the keep head. Toy models with one weight show each behaviour.

Every sentence here is made up (people, places and events are fictional).
"""

from __future__ import annotations

from quote_views import content_of

from newscorpus.preannotate.quotes import extract_quotes
from newscorpus.preannotate.quotes.bounds import token_key
from newscorpus.preannotate.quotes.model import RULES_ONLY, QuoteModel
from newscorpus.preannotate.quotes.tokens import Tok

_TO_SENTENCE_END = QuoteModel(weights={"end": {"brk:END": 5.0}})


def _contents(text: str, model: QuoteModel) -> list[str]:
    return [content_of(text, q) for q in extract_quotes(text, model=model)]


def test_the_rules_end_a_clause_before_which() -> None:
    text = "Mara Ilves said the port will close, which worries the unions."
    assert _contents(text, RULES_ONLY) == ["the port will close"]


def test_an_end_head_can_take_the_clause_to_the_sentence_end() -> None:
    text = "Mara Ilves said the port will close, which worries the unions."
    assert _contents(text, _TO_SENTENCE_END) == ["the port will close, which worries the unions"]


def test_an_end_never_takes_the_words_of_another_attribution() -> None:
    text = "Mara Ilves said the port will close, but Jonas Brek said it will not."
    contents = _contents(text, _TO_SENTENCE_END)
    assert contents[0].startswith("the port will close") and "Brek" not in contents[0]
    assert contents[-1] == "it will not"


def test_a_start_head_can_leave_an_opening_that_out() -> None:
    text = "Mara Ilves said that the port will close."
    later = QuoteModel(weights={"start": {"rel>": 5.0}})
    assert _contents(text, RULES_ONLY) == ["that the port will close"]
    assert _contents(text, later) == ["the port will close"]


def test_a_keep_threshold_above_every_candidate_drops_them_all() -> None:
    text = '"We will strike," Jonas Brek said.'
    strict = QuoteModel(weights={"keep": {}}, intercepts={"keep": 0.0}, thresholds={"keep": 0.9})
    assert extract_quotes(text, model=RULES_ONLY) != []
    assert extract_quotes(text, model=strict) == []


def test_token_keys_name_function_words_and_shapes_not_words() -> None:
    keys = [token_key(Tok(0, len(w), w, w.lower())) for w in ("while", ",", "Harbour", "ferries")]
    assert keys == ["while", ",", "CAP", "-s"]


_BOUND_HEADS = QuoteModel(weights={"end": {}, "start": {}})


def test_a_relative_pronoun_before_the_speaker_opens_the_content() -> None:
    text = 'The levy, which Mara Ilves called "a tax on ferries", passed.'
    assert _contents(text, _BOUND_HEADS) == ["which", '"a tax on ferries"']


def test_a_relative_pronoun_after_a_preposition_stays_out_of_the_content() -> None:
    text = 'The hearing, in which Mara Ilves called the levy "a tax on ferries", ended.'
    assert "which" not in _contents(text, _BOUND_HEADS)


def test_without_bound_heads_a_relative_pronoun_stays_out_of_the_content() -> None:
    text = 'The levy, which Mara Ilves called "a tax on ferries", passed.'
    assert "which" not in _contents(text, RULES_ONLY)


def test_a_comma_far_before_the_rules_end_is_a_candidate_end() -> None:
    text = (
        "Mara Ilves said the port, a ferry harbour, will close in the winter and in the spring "
        "with the boats on the coast."
    )
    two_words = QuoteModel(weights={"end": {"len:2": 9.0}})
    assert _contents(text, two_words) == ["the port"]

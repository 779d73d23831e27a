"""The learned part: weights per head, read from the package, choosing among the rules' own
candidates; without weights the rules decide alone.

Every sentence here is made up (people, places and events are fictional).
"""

from __future__ import annotations

import json
from importlib import resources

from newscorpus.preannotate.quotes import extract_quotes
from newscorpus.preannotate.quotes.model import (
    HEADS,
    MODEL_FILE,
    RULES_ONLY,
    QuoteModel,
    from_dict,
    packaged_model,
)

_TEXT = (
    "Mara Ilves said the port will close in May, which worries the unions.\n\n"
    '"We will strike," Jonas Brek said.'
)


def test_rules_only_has_no_head() -> None:
    assert not any(RULES_ONLY.has(head) for head in HEADS)


def test_best_takes_the_first_candidate_on_a_tie() -> None:
    model = QuoteModel(weights={"end": {"x": 1.0}})
    assert model.best("end", [["x"], ["x"], ["y"]]) == 0


def test_best_takes_the_highest_scoring_candidate() -> None:
    model = QuoteModel(weights={"end": {"x": 1.0, "y": 2.0}})
    assert model.best("end", [["x"], ["y"], []]) == 1


def test_probability_is_the_logistic_of_intercept_and_weights() -> None:
    model = QuoteModel(weights={"keep": {"a": 1.0}}, intercepts={"keep": -1.0})
    assert model.probability("keep", ["a"]) == 0.5


def test_a_model_survives_its_json_form() -> None:
    model = QuoteModel(
        weights={"keep": {"a": 0.5}}, intercepts={"keep": 0.1}, thresholds={"keep": 0.3}
    )
    assert from_dict(json.loads(json.dumps(model.as_dict()))) == model


def test_the_packaged_model_has_every_head() -> None:
    model = packaged_model()
    assert all(model.has(head) for head in HEADS)
    assert 0.0 < model.threshold("keep") < 1.0


def test_the_packaged_model_card_reports_held_out_figures_per_fold() -> None:
    folder = resources.files("newscorpus") / "resources"
    card = json.loads((folder / MODEL_FILE.replace(".json", ".card.json")).read_text("utf-8"))
    assert card["model_version"] == packaged_model().version
    figures = card["nested_cv"]["all/overlap"]
    assert len(figures["f1_per_fold"]) == 5
    assert 0.0 < figures["total"]["f1"] < 1.0


def test_heads_without_weights_choose_the_bounds_and_keeps_the_rules_choose() -> None:
    # With bound heads present the extractor also offers a relative pronoun before the speaker
    # as a first piece (`which he called ...`); this text has none, so nothing else may differ.
    silent = QuoteModel(weights={"end": {}, "start": {}, "keep": {}}, thresholds={"keep": 0.0})
    assert extract_quotes(_TEXT, model=silent) == extract_quotes(_TEXT, model=RULES_ONLY)


def test_the_default_model_is_the_packaged_one() -> None:
    assert extract_quotes(_TEXT) == extract_quotes(_TEXT, model=packaged_model())

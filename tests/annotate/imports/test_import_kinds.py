"""imports/kinds.py: the quote kind of an imported content piece, from its quotation marks."""

from __future__ import annotations

import pytest

from newscorpus.annotate.imports.kinds import quote_kind


@pytest.mark.parametrize(
    ("piece", "kind"),
    [
        ("“We will not wait,”", "direct"),
        ('"The city must pay."', "direct"),
        ("“The first paragraph of a long quote.", "direct"),  # closed in a later paragraph
        ("the tram would run by May", "indirect"),
        ("the plan was “a fantasy” from the start", "mixed"),
        ("“Yes,” and then “no”", "mixed"),
        ("‘single marks are apostrophes too’", "indirect"),
    ],
)
def test_kind_from_quotation_marks(piece: str, kind: str) -> None:
    assert quote_kind(piece) == kind

"""Tokens and sentences of a paragraph (`tokens.sentences`): pure, never raising on a token list.

Every token here is made up.
"""

from __future__ import annotations

from newscorpus.preannotate.quotes.tokens import Tok, sentences


def test_an_empty_token_text_reads_as_no_sentence_end() -> None:
    toks = [Tok(0, 0, "", ""), Tok(0, 4, "Brek", "brek")]
    assert sentences(toks, []) == [(0, 2)]

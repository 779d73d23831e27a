"""An attribution being built (cue, speaker, contents) and the paragraph it is built in.

`Paragraph` holds one paragraph's tokens and sentences and the set of quotation units already
taken in the article, and gives the operations every strategy uses to claim content: take a
quotation, take a clause, take the quotations chained after a cue. A unit is taken at most once.
Pure: offsets only, no text is copied; must never raise on any token list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from newscorpus.preannotate.quotes.lexicon import CUE_VERBS, DETERMINERS, LEADING_PREPS, TIME_WORDS
from newscorpus.preannotate.quotes.scores import DEFAULT
from newscorpus.preannotate.quotes.tokens import Tok, is_cap, is_word, sentences
from newscorpus.preannotate.quotes.units import Unit

# Longest aside between a cue and the rest of an interrupted quote ('said Sherman, speaking of
# politicians, "and B."').
_ASIDE_REACH = 12
# Punctuation dropped from the start of a clause.
_CLAUSE_OPENERS = (",", ":", ";", "-", "—", "--")
# Punctuation that introduces a quotation inside a clause ('a simple message: "..."').
_INTRODUCERS = (":", "-", "—", "--")

# Extra cue words for a sentence: (paragraph tokens, sentence start, sentence end) -> indices of
# the tokens to read as cues besides the listed ones (None: the lists alone).
CueFinder = Callable[[list[Tok], int, int], list[int]]


@dataclass(slots=True)
class Attribution:
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    paragraph: int
    contents: list[tuple[int, int]] = field(default_factory=list)
    units: list[int] = field(default_factory=list)
    score: float = DEFAULT
    colon: bool = False  # "X said:" closing a paragraph: the content is what follows
    direct: bool = False  # its first content is a whole quotation
    how: str = ""  # the reading that found it (a strategy's or a cue-less reading's name)
    lemma: str = ""  # its cue's lemma, when a listed cue found it


def _to_before_noun(toks: list[Tok], a: int) -> bool:
    """ "did not respond to a request", "in their opposition to Trump": this "to" is the cue's
    preposition (before an infinitive it may be the content's)."""
    nxt = toks[a + 1] if a + 1 < len(toks) else None
    return (
        toks[a].low == "to"
        and nxt is not None
        and (nxt.low in DETERMINERS or (is_cap(nxt) and nxt.unit < 0))
    )


class Paragraph:
    """Attribution within one paragraph; `used` (quotation units already taken) is shared."""

    def __init__(
        self,
        toks: list[Tok],
        units: list[Unit],
        used: set[int],
        pi: int,
        cue_finder: CueFinder | None = None,
    ) -> None:
        self.toks = toks
        self.cue_finder = cue_finder
        self.units = units
        self.used = used
        self.pi = pi
        self.sents = sentences(toks, units)

    def new(
        self,
        cue: tuple[int, int] | None,
        speaker: tuple[int, int] | None,
        score: float = DEFAULT,
        how: str = "",
    ) -> Attribution:
        """An attribution whose cue and speaker are given as token ranges (end exclusive)."""
        toks = self.toks
        return Attribution(
            cue=(toks[cue[0]].start, toks[cue[1] - 1].end) if cue else None,
            speaker=(toks[speaker[0]].start, toks[speaker[1] - 1].end) if speaker else None,
            paragraph=self.pi,
            score=score,
            how=how,
        )

    def take(self, att: Attribution, k: int) -> None:
        """The quotation at token `k` becomes a content of `att`."""
        if not att.contents:
            att.direct = True
        u = self.toks[k].unit
        self.used.add(u)
        att.units.append(u)
        att.contents.append((self.units[u].start, self.units[u].end))

    def free_unit(self, k: int) -> bool:
        """Is token `k` a quotation no attribution has taken yet?"""
        return self.toks[k].unit >= 0 and self.toks[k].unit not in self.used

    def _skip_aside(self, k: int, i1: int) -> int:
        """'"A," said Sherman, speaking of politicians, "and B."': past a short aside before the
        rest of the quote, unless the aside holds another speech cue."""
        toks = self.toks
        m = k
        while (
            m < i1 and m - k < _ASIDE_REACH and toks[m].unit < 0 and toks[m].text not in (".", ";")
        ):
            m += 1
        if (
            k < m < i1
            and toks[m - 1].text == ","
            and self.free_unit(m)
            and not any(
                CUE_VERBS.get(toks[x].low, ("", ""))[1] == "speech"
                for x in range(k, m)
                if not is_cap(toks[x])
            )
        ):
            return m
        return k

    def chain(self, att: Attribution, k: int, i1: int) -> int:
        """`"A," he said, "B."`: quotations right after the cue continue the same attribution."""
        toks = self.toks
        while k < i1 and (toks[k].text in (",", ":") or toks[k].low in TIME_WORDS):
            k += 1
        k = self._skip_aside(k, i1)
        while k < i1 and self.free_unit(k):
            self.take(att, k)
            k += 1
        return k

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Character span of tokens `a` to `b` (exclusive), whole quotations included."""
        toks = self.toks
        s, e = toks[a].start, toks[b - 1].end
        if toks[a].unit >= 0:
            s = min(s, self.units[toks[a].unit].start)
        if toks[b - 1].unit >= 0:
            e = max(e, self.units[toks[b - 1].unit].end)
        return s, e

    def clause(self, att: Attribution, a: int, end: int) -> None:
        """Tokens `a` to `end` become a content of `att`; the quotations inside are taken."""
        toks = self.toks
        while a < end - 1 and (
            toks[a].text in _CLAUSE_OPENERS
            or (
                att.cue is not None
                and att.cue[1] <= toks[a].start
                and (toks[a].low in LEADING_PREPS or _to_before_noun(toks, a))
            )
        ):
            a += 1  # "talked about the plan": the preposition goes with the cue, not the content
        for c in range(a + 1, end - 1):
            if toks[c].text in _INTRODUCERS and toks[c + 1].unit >= 0:
                # 'encouraged the staff with a simple message: "Don't screw this up!"': the
                # quotation the colon introduces is the content, not the words before it.
                if all(toks[m].unit >= 0 or not is_word(toks[m]) for m in range(c + 1, end)):
                    a = c + 1
                break
        used = self.used
        for k in range(a, end):
            u = toks[k].unit
            if u >= 0 and u not in used:  # `free_unit`, inline: this loop is hot
                used.add(u)
                att.units.append(u)
        att.contents.append(self.span(a, end))

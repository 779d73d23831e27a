"""Canonical speaker names against PolNeAR train's sources: does a partial name or a pronoun
resolve to the article's full name for that person?

PolNeAR marks where each source is written, not who it is, so the reference name of a gold source
is built here from the gold sources and the plain text of the same article, by a procedure
independent of the extractor's resolver:

- a *person name* is a source of one to four capitalized words once titles, determiners, an
  apposition and a parenthesis are left out ("Sen. Ted Cruz (R-Tex.)" -> "Ted Cruz", "Cruz"),
  not a pronoun, with no organisation word (quotes.lexicon.ORG_WORDS); its *full name* is the
  most frequent (then longest) name of two or more words with its first or last word at an end,
  among the gold sources' person names and the runs of exactly two or three capitalized words
  of the text (titles left out, no capitalized word right before or after, so that headlines
  and lists of names do not count). "Cruz" -> "Ted Cruz", "Kwon" -> "Kwon Jong-gun";
- a *pronoun* source (`he`, `she`) has as reference the full name of the nearest person-name gold
  source before it in the article whose gender, when a title or a common first name shows it
  (quotes.names.gender), fits the pronoun (a silver reference: the usual antecedent, not an
  annotation; checked by hand on a sample in docs/benchmarks.md).

Over the gold attributions matched to a predicted attribution (overlap over union >= 0.5, one to
one, as in quotes.py) whose gold source is a person name or a pronoun, a predicted speaker name
is right when it equals the reference once titles are left out, and "surname right" when its
last word equals the reference's. Reported per kind of source (full name, partial name,
pronoun), total and per fold.

    python benchmarks/quote_names.py [--data DIR] [--folds K] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for _path in (REPO / "src", Path(__file__).resolve().parent):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import quotes as bench  # noqa: E402
from folds import DEFAULT_FOLDS, fold_of  # noqa: E402
from quote_scoring import _overlap_candidates, one_to_one  # noqa: E402

from newscorpus.preannotate.quotes import Quote, extract_quotes  # noqa: E402
from newscorpus.preannotate.quotes.lexicon import ORG_WORDS, TITLES  # noqa: E402
from newscorpus.preannotate.quotes.names import gender  # noqa: E402

KINDS = ("full name", "partial name", "pronoun")
PERSONAL = ("he", "she", "him", "her")
# Titles and roles left out of a name, the extractor's list and a few more.
NAME_TITLES = TITLES | {"admiral", "republican", "democratic", "gop", "rep", "sen", "gov"}
# Capitalized words that are never (part of) a person's name here.
_NOT_NAMES_TEXT = (
    "he she it they we i you his her its their the a an this that these those there who which "
    "but and or so as in on at for from by with of to after before when while if"
)
NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
# A run of capitalized words (initials and particles of a name included), bounded by anything else.
_RUN = re.compile(r"(?<![\w’'.])(?:[A-Z][\w’'\-]*\.?(?:[ \t]+|(?=[^\w])))+")


@dataclass
class Tally:
    n: int = 0
    right: int = 0
    surname: int = 0

    def add(self, other: Tally) -> None:
        self.n += other.n
        self.right += other.right
        self.surname += other.surname

    def rate(self, what: str = "right") -> float:
        return getattr(self, what) / self.n if self.n else 0.0


@dataclass
class NameReport:
    totals: dict[str, Tally] = field(default_factory=dict)
    folds: dict[int, dict[str, Tally]] = field(default_factory=dict)


def person_name(source: str) -> list[str] | None:
    """The words of a person's name in a source ("Sen. Ted Cruz" -> [Ted, Cruz]), or None."""
    source = source.split("(")[0].split(",")[0]
    words = [w.strip(",.;:()") for w in source.replace("’s", "").replace("'s", "").split()]
    words = [w for w in words if w]
    titles = [i for i, w in enumerate(words[:-1]) if w.lower().rstrip(".") in NAME_TITLES]
    if titles:
        words = words[titles[-1] + 1 :]
    while words and (
        words[0].lower().rstrip(".") in NAME_TITLES
        or words[0].lower() in NOT_NAMES
        or not words[0][:1].isupper()
    ):
        words.pop(0)
    if not 1 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return None
    if any(w.lower() in ORG_WORDS or w.lower() in NOT_NAMES for w in words):
        return None
    return words


def text_names(text: str) -> list[list[str]]:
    """Runs of exactly two or three capitalized words (titles left out) in the text."""
    out = []
    for m in _RUN.finditer(text):
        words = person_name(m.group())
        if words and 2 <= len(words) <= 3:
            out.append(words)
    return out


def _full(words: list[str], pool: list[list[str]]) -> str:
    """The full name of `words`: the most frequent name of two or more words in the pool with
    the first or last of `words` at one of its ends (then the longest, then the first)."""
    ends = {words[0], words[-1]}
    fits = [" ".join(n) for n in pool if len(n) >= 2 and (n[0] in ends or n[-1] in ends)]
    if not fits:
        return " ".join(words)
    counts = Counter(fits)
    return max(fits, key=lambda n: (counts[n], len(n.split())))


def references(text: str, gold: Sequence) -> list[tuple[str, str] | None]:
    """(kind, reference name) of each gold attribution's source, None when it has neither."""
    names = []
    for g in gold:
        src = " ".join(text[s:e] for s, e in g.source)
        names.append((g.source[0][0] if g.source else -1, src, person_name(src)))
    pool = [w for _, _, w in names if w] + text_names(text)
    out: list[tuple[str, str] | None] = []
    for pos, src, words in names:
        if words:
            full = _full(words, pool)
            kind = "full name" if len(words) >= 2 and " ".join(words) == full else "partial name"
            out.append((kind, full))
            continue
        want = "f" if src.lower() in ("she", "her") else "m"
        before = [
            (p, _full(w, pool)) for p, _, w in names if w and p < pos and src.lower() in PERSONAL
        ]
        fits = [(p, n) for p, n in before if gender(n) in ("", want)]
        out.append(("pronoun", max(fits)[1]) if fits else None)
    return out


def _bare(name: str | None) -> str:
    return " ".join(person_name(name) or []) if name else ""


def article_tallies(article: bench.Article, quotes: Sequence[Quote]) -> dict[str, Tally]:
    preds = bench.group_predictions(quotes)
    names = _names_by_group(quotes)
    refs = references(article.text, article.gold)
    out = {k: Tally() for k in KINDS}
    for gi, pi in one_to_one(_overlap_candidates(article.gold, preds)):
        ref = refs[gi]
        if ref is None:
            continue
        kind, full = ref
        got = _bare(names[pi])
        t = out[kind]
        t.n += 1
        t.right += got == full
        t.surname += bool(got) and got.split()[-1] == full.split()[-1]
    return out


def _names_by_group(quotes: Sequence[Quote]) -> list[str | None]:
    """The speaker name of each predicted attribution, in `group_predictions` order."""
    groups: dict[object, str | None] = {}
    for i, q in enumerate(quotes):
        key: object = (q.cue.start, q.cue.end) if q.cue is not None else ("q", i)
        groups.setdefault(key, q.speaker_name)
    return list(groups.values())


def evaluate(data: Path = bench.DEFAULT_DATA, folds: int = DEFAULT_FOLDS) -> NameReport:
    articles, _ = bench.load(data)
    report = NameReport(totals={k: Tally() for k in KINDS})
    for a in articles:
        f = fold_of(a.name, folds)
        per_fold = report.folds.setdefault(f, {k: Tally() for k in KINDS})
        for kind, t in article_tallies(a, extract_quotes(a.text)).items():
            per_fold[kind].add(t)
            report.totals[kind].add(t)
    return report


def lines(report: NameReport) -> list[str]:
    folds = sorted(report.folds)
    head = "".join(f"{f'fold {f}':>9}" for f in folds)
    out = [f"{'source kind':<16}{'pairs':>7}{'right':>8}{'surname':>9}{head}"]
    for kind in KINDS:
        t = report.totals[kind]
        cells = "".join(f"{report.folds[f][kind].rate():9.3f}" for f in folds)
        out.append(f"{kind:<16}{t.n:7d}{t.rate():8.3f}{t.rate('surname'):9.3f}{cells}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=bench.DEFAULT_DATA)
    ap.add_argument("--folds", type=int, default=DEFAULT_FOLDS)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    report = evaluate(args.data, args.folds)
    print("\n".join(lines(report)))
    if args.json:
        d = {
            k: {"pairs": t.n, "right": round(t.rate(), 4), "surname": round(t.rate("surname"), 4)}
            for k, t in report.totals.items()
        }
        d["per_fold"] = {
            str(f): {k: round(t.rate(), 4) for k, t in v.items()} for f, v in report.folds.items()
        }
        args.json.write_text(json.dumps(d, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

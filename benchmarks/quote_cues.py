"""Can cue words the lists lack raise recall of all attributions? Oracle ceilings and a learned
cue finder, cross-validated on PolNeAR train (benchmarks/quotes.py's data, folds and scoring).

Measures, each against the rules alone (`--rules-only` figures of quotes.py):
- `ceiling`: (a) every word of every gold cue handed to the rules as an extra cue
  (`extract_quotes(cue_finder=...)`: read like a speech verb after the listed cues, score
  `scores.EXTRA_CUE`), so what the reading machinery makes of a perfect cue detector; (b) every
  gold attribution with no overlapping prediction added as it is (perfect cue, content and
  speaker), and (c) the same for those whose cue word no list has: no extractor built on
  recall of cues gets past (b).
- `words`: the lists `lexicon.LEARNED_CUE_WORDS` and `LEARNED_CUE_PAIRS`, chosen on folds 0-2
  only (folds 3-4 stay unseen to check them): the words of unlisted gold cues (`WORD_MIN_SHARE`
  of their occurrences, `WORD_MIN_COUNT` or more), kept when, read as extra cues, their new
  attributions match a gold one by overlap `WORD_MIN_MATCHED` of the time and trimmed
  `WORD_MIN_TRIMMED`; then the same for a word and what follows it (`that`, `about`, a comma,
  any other word: `cue_model.next_class`) among the words left out.
- `nested`: for every fold I, a cue model (`quotes.cue_model`, logistic regression over every
  word of a sentence) trained on the gold cues of the other folds finds extra cues on fold I, at
  each threshold of `--thresholds`; rules alone, then (with `--learned`) the learned part of
  quotes_model.py retrained on the other folds with the extra cues (bounds and keep head).

    python benchmarks/quote_cues.py ceiling|nested|words [--data DIR] [--folds K]
        [--thresholds 0.5,0.8] [--learned]

Reads shared data; writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for _path in (REPO / "src", Path(__file__).resolve().parent):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import quotes as bench  # noqa: E402
import quotes_model as qm  # noqa: E402
from folds import DEFAULT_FOLDS, fold_of  # noqa: E402
from quote_scoring import (  # noqa: E402
    OVERLAP,
    core_chars,
    merge,
    one_to_one,
    overlap_ratio,
)
from quote_scoring import (  # noqa: E402
    _overlap_candidates as overlap_candidates,
)

from newscorpus.preannotate.quotes import Quote, extract_quotes, paragraph  # noqa: E402
from newscorpus.preannotate.quotes.attribution import CueFinder  # noqa: E402
from newscorpus.preannotate.quotes.cue_model import (  # noqa: E402
    OPENERS,
    OPENING_MARKS,
    CueModel,
    candidates,
    next_class,
    token_features,
)
from newscorpus.preannotate.quotes.cues import find_cues  # noqa: E402
from newscorpus.preannotate.quotes.lexicon import CUE_VERBS, PHRASAL_CUES, SEEM_FORMS  # noqa: E402
from newscorpus.preannotate.quotes.model import RULES_ONLY, QuoteModel  # noqa: E402
from newscorpus.preannotate.quotes.tokens import Tok  # noqa: E402

# The folds `words` reads (the others stay unseen), and its thresholds.
WORD_FOLDS = (0, 1, 2)
WORD_MIN_COUNT = 3
WORD_MIN_SHARE = 0.2
WORD_MIN_PREDICTED = 2
WORD_MIN_MATCHED = 0.5
WORD_MIN_TRIMMED = 0.35
PAIR_MIN_COUNT = 3
PAIR_MIN_SHARE = 0.25
KEYS = (("all/overlap", "f1"), ("all/overlap", "precision"), ("all/overlap", "recall"))
DIRECT = ("direct/overlap", "f1")


def gold_cue_finder(article: bench.Article) -> CueFinder:
    """Extra cues at every token of every gold cue fragment."""
    starts = [frag for g in article.gold for frag in g.cue]

    def find(toks: list[Tok], i0: int, i1: int) -> list[int]:
        return [k for k in range(i0, i1) if any(s <= toks[k].start < e for s, e in starts)]

    return find


def _listed(text: str, cue: tuple[tuple[int, int], ...]) -> bool:
    """Does a list have the gold cue's first word (or its first two words)?"""
    if not cue:
        return False
    words = text[cue[0][0] : cue[0][1]].lower().split()
    if not words:
        return False
    return words[0] in CUE_VERBS or tuple(words[:2]) in PHRASAL_CUES or words[0] == "according"


def _as_quotes(article: bench.Article, unlisted_only: bool, quotes: list[Quote]) -> list[Quote]:
    """The predictions plus every gold attribution no prediction overlaps, as perfect quotes."""
    contents = [((q.start, q.end),) for q in quotes]
    out = list(quotes)
    for g in article.gold:
        if any(overlap_ratio(g.content, c) > 0 for c in contents):
            continue
        if unlisted_only and _listed(article.text, g.cue):
            continue
        cue = g.cue[0] if g.cue else None
        for s, e in g.content:
            out.append(Quote(s, e, "indirect", None, None if cue is None else _span(cue), None, 1))
    return sorted(out, key=lambda q: (q.start, -q.end))


def _span(pair: tuple[int, int]):
    from newscorpus.spans import Span

    return Span(*pair)


def deltas(base: bench.Report, new: bench.Report, folds: int) -> list[str]:
    """One line per figure: total and per fold, the new value's difference to the base."""
    lines = []
    for key, fig in (*KEYS, DIRECT):
        cells = "".join(
            f"{new.figure(key, fig, f) - base.figure(key, fig, f):+8.4f}" for f in range(folds)
        )
        total = new.figure(key, fig)
        lines.append(f"{key} {fig:<10}{total:7.4f} ({total - base.figure(key, fig):+.4f}){cells}")
    return lines


def ceiling(articles: Sequence[bench.Article], folds: int) -> None:
    rules = [extract_quotes(a.text, model=RULES_ONLY) for a in articles]
    base = bench.score(articles, rules, folds)
    print("rules alone: " + " ".join(f"{k} {f} {base.figure(k, f):.4f}" for k, f in KEYS))
    oracle = [
        extract_quotes(a.text, model=RULES_ONLY, cue_finder=gold_cue_finder(a)) for a in articles
    ]
    print("(a) gold cue tokens as extra cues, read by the rules (rules alone)")
    print("\n".join(deltas(base, bench.score(articles, oracle, folds), folds)))
    for label, unlisted in (("(b) every", False), ("(c) unlisted-cue", True)):
        added = [_as_quotes(a, unlisted, q) for a, q in zip(articles, rules, strict=True)]
        print(f"{label} gold attribution with no overlapping prediction added as it is")
        print("\n".join(deltas(base, bench.score(articles, added, folds), folds)))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=("ceiling", "nested", "words"))
    ap.add_argument("--data", type=Path, default=bench.DEFAULT_DATA)
    ap.add_argument("--folds", type=int, default=DEFAULT_FOLDS)
    ap.add_argument("--thresholds", default="0.5,0.8")
    ap.add_argument("--learned", action="store_true")
    args = ap.parse_args(argv)
    articles, _ = bench.load(args.data)
    if args.mode == "ceiling":
        ceiling(articles, args.folds)
    elif args.mode == "words":
        words, pairs = learned_words(articles, args.folds)
        print("words:", " ".join(words))
        print("pairs:", " ".join(f"{w}|{n}" for w, n in pairs))
    else:
        thresholds = [float(t) for t in args.thresholds.split(",")]
        nested(articles, args.folds, thresholds, args.learned)
    return 0


Rows = list[tuple[list[str], bool]]


def cue_rows(article: bench.Article) -> Rows:
    """(features, is a gold cue word) of every word no listed cue covers, sentence by sentence
    as the rules read them."""
    frags = [frag for g in article.gold for frag in g.cue]
    rows: Rows = []

    def record(toks: list[Tok], i0: int, i1: int) -> list[int]:
        listed = [toks[k].start for c in find_cues(toks, i0, i1) for k in range(c.v, c.v_end)]
        # A gold cue the lists already find (`has also said`) teaches nothing about new ones.
        new = [(s, e) for s, e in frags if not any(s <= x < e for x in listed)]
        for k in candidates(toks, i0, i1):
            if any(s <= toks[k].start < e for s, e in frags) and not any(
                s <= toks[k].start < e for s, e in new
            ):
                continue
            label = any(s <= toks[k].start < e for s, e in new)
            rows.append((token_features(toks, k, i0, i1), label))
        return []

    extract_quotes(article.text, model=RULES_ONLY, cue_finder=record)
    return rows


def train_cue_model(rows: Rows) -> CueModel:
    weights, intercept = qm.train_head(rows)
    return CueModel(weights=weights, intercept=intercept)


def _cue_counts(model: CueModel, rows: Rows, threshold: float) -> str:
    found = [label for feats, label in rows if model.probability(feats) >= threshold]
    gold = sum(label for _, label in rows)
    return f"cue words found {len(found)}, right {sum(found)}, of {gold} unlisted gold cue words"


def _learned_fit(train: Sequence[bench.Article], finder: CueFinder | None, folds: int):
    """quotes_model.fit with the extra cues active while recording and keeping."""
    decisions, weights, intercepts = {}, {}, {}
    for a in train:
        rec = qm.Recorder()
        extract_quotes(a.text, model=rec, cue_finder=finder)  # type: ignore[arg-type]
        decisions[a.name] = rec.decisions
    for head in qm.BOUND_HEADS:
        pairs = [p for a in train for p in qm.examples(a, decisions[a.name], head)]
        weights[head], intercepts[head] = qm.train_head(pairs)
    bounds = QuoteModel(weights=weights, intercepts=intercepts)
    rows = {}
    for a in train:
        krec = qm.KeepRecorder(bounds)
        extract_quotes(a.text, model=krec, cue_finder=finder)  # type: ignore[arg-type]
        rows[a.name] = [
            (
                feats,
                bool(spans)
                and any(overlap_ratio(g.content, merge(spans)) >= OVERLAP for g in a.gold),
            )
            for feats, spans in krec.candidates
        ]
    weights["keep"], intercepts["keep"], cut = qm.fit_keep(train, rows, folds)
    return QuoteModel(weights=weights, intercepts=intercepts, thresholds={"keep": cut})


def nested(
    articles: Sequence[bench.Article], folds: int, thresholds: list[float], learned: bool
) -> None:
    rows = {a.name: cue_rows(a) for a in articles}
    rules = [extract_quotes(a.text, model=RULES_ONLY) for a in articles]
    base = bench.score(articles, rules, folds)
    models = {}
    for f in range(folds):
        train = [r for a in articles if fold_of(a.name, folds) != f for r in rows[a.name]]
        models[f] = train_cue_model(train)
    for t in thresholds:
        preds = []
        for a in articles:
            finder = models[fold_of(a.name, folds)].finder(t)
            preds.append(extract_quotes(a.text, model=RULES_ONLY, cue_finder=finder))
        print(f"threshold {t}, rules alone (held-out cue model per fold)")
        for f in range(folds):
            held = [r for a in articles if fold_of(a.name, folds) == f for r in rows[a.name]]
            print(f"  fold {f}: {_cue_counts(models[f], held, t)}")
        print("\n".join(deltas(base, bench.score(articles, preds, folds), folds)))
    if learned:
        _nested_learned(articles, folds, thresholds, models)


def _nested_learned(articles, folds, thresholds, models) -> None:
    """The learned part retrained per fold, without and with the extra cues."""
    for t in (None, *thresholds):
        preds: dict[str, list[Quote]] = {}
        for f in range(folds):
            train = [a for a in articles if fold_of(a.name, folds) != f]
            finder = None if t is None else models[f].finder(t)
            model = _learned_fit(train, finder, folds)
            for a in articles:
                if fold_of(a.name, folds) == f:
                    preds[a.name] = extract_quotes(a.text, model=model, cue_finder=finder)
        report = bench.score(articles, [preds[a.name] for a in articles], folds)
        if t is None:
            base = report
            print(
                "learned part, nested: "
                + " ".join(f"{k} {fig} {report.figure(k, fig):.4f}" for k, fig in (*KEYS, DIRECT))
            )
            continue
        print(f"threshold {t}, with the learned part retrained on the other folds")
        print("\n".join(deltas(base, report, folds)))


Key = tuple[str, str]  # (word, what follows it: `cue_model.next_class`, or ANY)
ANY = "*"


def _pool(dev: Sequence[bench.Article], by_next: bool, skip: frozenset[str]) -> set[Key]:
    """Words (or words and what follows) of unlisted gold cues often enough; the sourceless
    readings (`seemed`, `appears`) have their own, and `skip` is taken already."""
    cue, seen = Counter(), Counter()
    for a in dev:
        for feats, label in cue_rows(a):
            word = feats[0].removeprefix("w:")
            key = (word, _collapse(feats[5].removeprefix("next:")) if by_next else ANY)
            seen[key] += 1
            cue[key] += label
    count, share = (PAIR_MIN_COUNT, PAIR_MIN_SHARE) if by_next else (WORD_MIN_COUNT, WORD_MIN_SHARE)
    return {
        k
        for k, n in seen.items()
        if n >= count and cue[k] >= share * n and k[0] not in SEEM_FORMS and k[0] not in skip
    }


def _collapse(nxt: str) -> str:
    """`cue_model.next_class` of a recorded `next:` feature."""
    keep = nxt in OPENERS or nxt in OPENING_MARKS or nxt.startswith("<")
    return nxt if keep else "w"


def _key_finder(keys: set[Key]) -> CueFinder:
    words = {w for w, _ in keys}

    def find(toks: list[Tok], i0: int, i1: int) -> list[int]:
        return [
            k
            for k in range(i0, i1)
            if toks[k].low in words
            and toks[k].unit < 0
            and ((toks[k].low, ANY) in keys or (toks[k].low, next_class(toks, k, i1)) in keys)
        ]

    return find


def _word_outcomes(a: bench.Article, finder: CueFinder) -> list[tuple[str, bool, bool]]:
    """(cue word, matched by overlap, matched trimmed) of each attribution the finder adds."""
    base = bench.group_predictions(extract_quotes(a.text, model=RULES_ONLY))
    known = {(p.content, p.cue) for p in base}
    pred = bench.group_predictions(extract_quotes(a.text, model=RULES_ONLY, cue_finder=finder))
    pairs = {pi: gi for gi, pi in one_to_one(overlap_candidates(a.gold, pred))}
    out = []
    for pi, p in enumerate(pred):
        if p.cue is None or (p.content, p.cue) in known:
            continue
        gi = pairs.get(pi)
        same = gi is not None and core_chars(a.text, a.gold[gi].content) == core_chars(
            a.text, p.content
        )
        out.append((a.text[p.cue[0] : p.cue[1]].lower(), gi is not None, same))
    return out


def _select(dev: Sequence[bench.Article], pool: set[Key]) -> set[Key]:
    """The keys of the pool whose word, read as an extra cue, does well enough on `dev`."""
    counts: dict[str, Counter] = {}
    for a in dev:
        for word, matched, same in _word_outcomes(a, _key_finder(pool)):
            counts.setdefault(word, Counter()).update(n=1, matched=matched, same=same)
    good = {
        w
        for w, c in counts.items()
        if c["n"] >= WORD_MIN_PREDICTED
        and c["matched"] >= WORD_MIN_MATCHED * c["n"]
        and c["same"] >= WORD_MIN_TRIMMED * c["n"]
    }
    return {k for k in pool if k[0] in good}


def learned_words(articles: Sequence[bench.Article], folds: int) -> tuple[list[str], list[Key]]:
    """`lexicon.LEARNED_CUE_WORDS` and `LEARNED_CUE_PAIRS` again, from folds `WORD_FOLDS`
    only: the words with the pairs off, then the pairs with the words on."""
    dev = [a for a in articles if fold_of(a.name, folds) in WORD_FOLDS]
    saved = paragraph.LEARNED_CUE_WORDS, paragraph.LEARNED_CUE_PAIRS, paragraph.LEARNED_CUE_FORMS
    paragraph.LEARNED_CUE_WORDS, paragraph.LEARNED_CUE_PAIRS = frozenset(), {}
    paragraph.LEARNED_CUE_FORMS = frozenset()
    try:
        words = frozenset(w for w, _ in _select(dev, _pool(dev, False, frozenset())))
        paragraph.LEARNED_CUE_WORDS = paragraph.LEARNED_CUE_FORMS = words
        pairs = _select(dev, _pool(dev, True, words))
    finally:
        (
            paragraph.LEARNED_CUE_WORDS,
            paragraph.LEARNED_CUE_PAIRS,
            paragraph.LEARNED_CUE_FORMS,
        ) = saved
    return sorted(words), sorted(pairs)


if __name__ == "__main__":
    raise SystemExit(main())

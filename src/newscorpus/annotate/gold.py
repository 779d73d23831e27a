"""Gold labels from flattened rows: ground truth, else majority, else a tie listed for
adjudication (rows of GOLD_QUOTES, GOLD_STANCE and ADJUDICATION), and the articles the
annotations cover (rows of GOLD_ARTICLES). Pure: no file, no server.

A tie is never broken here: it gets no gold row and goes to the adjudication list, so a person
decides it. An article whose annotators marked no quote has no gold quote row, so only its
GOLD_ARTICLES row tells it (a negative example) apart from an article nobody annotated.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newscorpus.annotate.validate import AnnotationRef, Row
from newscorpus.annotate.votes import annotation_order, count_votes
from newscorpus.labels import (
    TIE_CUE,
    TIE_KIND,
    TIE_QUOTE,
    TIE_QUOTE_STANCE,
    TIE_SPEAKER,
    TIE_STANCE,
)
from newscorpus.spans import MATCH_IOU, iou


@dataclass
class Gold:
    quotes: list[Row] = field(default_factory=list)
    stance: list[Row] = field(default_factory=list)
    ties: list[Row] = field(default_factory=list)


def resolve_gold(
    quotes: Sequence[Row],
    stance: Sequence[Row],
    annotations: Sequence[AnnotationRef],
    current_texts: Mapping[str, str] | None = None,
) -> Gold:
    """Gold labels for every annotated article, from the annotations that vote (votes.py: one
    per annotator, their latest, on the article's current text as `current_texts` names it).

    Stance, per (article, target): the ground-truth annotations' choice wins (ground truths
    that disagree are a tie); else the strict majority of the annotators' choices; a tie for the
    top is listed for adjudication and gets no gold row. One annotation: its choice, `single`.

    Quotes, per article: the ground-truth annotations' quotes win (several ground truths vote
    among themselves as below, so where they disagree it is a tie); one annotation: its quotes;
    else quote spans are grouped across annotations (overlap/union >= 0.5 with the group's first
    span) and a group marked by more than half of the annotations is gold, with the offsets most
    annotations gave (ties: the earliest span) and each attribute (kind, quote stance, speaker,
    cue) by majority of the annotations that marked it: an attribute tied is left null, named
    in the row's `tied` and listed for adjudication. A group marked by exactly half is listed
    for adjudication; fewer is left out.
    """
    votes = count_votes(annotations, current_texts)
    gold = Gold()
    stance_by_unit: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in votes.rows(stance):
        if r["stance"] is not None:
            stance_by_unit[(r["article_id"], r["target_id"])].append(r)
    for (article, target), rows in sorted(stance_by_unit.items()):
        _resolve_stance(article, target, rows, gold)

    refs_by_article: dict[str, list[AnnotationRef]] = defaultdict(list)
    for ref in votes.counted:
        refs_by_article[ref.article_id].append(ref)
    rows_by_ann: dict[str, list[Row]] = defaultdict(list)
    for r in votes.rows(quotes):
        rows_by_ann[r["annotation_id"]].append(r)
    for article in sorted(refs_by_article):
        _resolve_quotes(article, refs_by_article[article], rows_by_ann, gold)
    gold.quotes.sort(key=lambda r: (r["article_id"], r["start"], r["end"]))
    return gold


def annotated_articles(
    annotations: Sequence[AnnotationRef], current_texts: Mapping[str, str] | None = None
) -> list[Row]:
    """One GOLD_ARTICLES row (without its origin) per article the voting annotations cover
    (votes.py, as `resolve_gold` counts them), sorted by article id, whether or not they marked
    anything."""
    by_article: dict[str, list[AnnotationRef]] = defaultdict(list)
    for ref in count_votes(annotations, current_texts).counted:
        by_article[ref.article_id].append(ref)
    rows = []
    for article in sorted(by_article):
        refs = by_article[article]
        rows.append(
            {
                "article_id": article,
                "content_sha256": refs[0].content_sha256,
                "resolution": _quote_resolution(refs),
                "annotations": len(refs),
                "annotators": sorted({r.annotator for r in refs}),
            }
        )
    return rows


def on_current_texts(gold: Gold, current_texts: Mapping[str, str]) -> Gold:
    """`gold` without the rows and ties made on a text that is not their article's text in
    `current_texts` (a reviewer's decisions on a task of an earlier text): their offsets point
    into another text. Articles `current_texts` does not name keep theirs."""

    def current(row: Row) -> bool:
        return current_texts.get(row["article_id"], row["content_sha256"]) == row["content_sha256"]

    return Gold(
        quotes=[r for r in gold.quotes if current(r)],
        stance=[r for r in gold.stance if current(r)],
        ties=[r for r in gold.ties if current(r)],
    )


def _quote_resolution(refs: Sequence[AnnotationRef]) -> str:
    """How `_resolve_quotes` resolves the quotes of an article with these annotations."""
    if any(r.ground_truth for r in refs):
        return "ground_truth"
    return "single" if len(refs) == 1 else "majority"


# --- stance -------------------------------------------------------------------------------------


def _votes_text(counter: Counter[str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _resolve_stance(article: str, target: str, rows: Sequence[Row], gold: Gold) -> None:
    """The gold stance of one (article, target), or a tie."""
    sha = rows[0]["content_sha256"]
    gt = Counter(r["stance"] for r in rows if r["ground_truth"])
    votes = Counter(r["stance"] for r in rows)
    pool, resolution = (gt, "ground_truth") if gt else (votes, "majority")
    if len(rows) == 1:
        resolution = "single"
    top = pool.most_common()
    if len(top) > 1 and top[0][1] == top[1][1]:
        gold.ties.append(
            _tie(article, sha, TIE_STANCE, target, None, None, None, votes=_votes_text(pool))
        )
        return
    gold.stance.append(
        {
            "article_id": article,
            "content_sha256": sha,
            "target_id": target,
            "stance": top[0][0],
            "resolution": resolution,
            "support": votes[top[0][0]],
            "annotations": len(rows),
        }
    )


def _tie(
    article: str,
    sha: str,
    item: str,
    target: str | None,
    start: int | None,
    end: int | None,
    text: str | None,
    *,
    votes: str,
) -> Row:
    return {
        "article_id": article,
        "content_sha256": sha,
        "item": item,
        "target_id": target,
        "start": start,
        "end": end,
        "text": text,
        "votes": votes,
    }


# --- quotes -------------------------------------------------------------------------------------

_GOLD_QUOTE_FIELDS = (
    "article_id", "content_sha256", "start", "end", "text", "kind", "stance", "speaker_start",
    "speaker_end", "speaker_text", "cue_start", "cue_end", "cue_text", "speaker_name",
    "annotation_id",
)  # fmt: skip


def _gold_quote(row: Row, resolution: str, support: int, n: int) -> Row:
    out = {k: row[k] for k in _GOLD_QUOTE_FIELDS}
    # Rows read from tables written before quotes named the target of their stance lack it.
    out["stance_target_id"] = row.get("stance_target_id")
    out.update(resolution=resolution, support=support, annotations=n, tied=[])
    out["attribute_support"] = dict.fromkeys(_SUPPORT_NAMES.values(), support)
    return out


def _resolve_quotes(
    article: str,
    refs: Sequence[AnnotationRef],
    rows_by_ann: dict[str, list[Row]],
    gold: Gold,
) -> None:
    """Gold quotes (and quote ties) of one article; `refs` sorted by annotation id."""
    n = len(refs)
    resolution = _quote_resolution(refs)
    pool = [r for r in refs if r.ground_truth] or list(refs)
    if len(pool) == 1:
        chosen = pool[0].annotation_id
        for row in sorted(rows_by_ann[chosen], key=lambda r: (r["start"], r["end"])):
            gold.quotes.append(_gold_quote(row, resolution, 1, n))
        return
    voters = len(pool)  # the majority is of the pool (the ground truths when there are some)
    all_rows = sorted(
        (row for ref in pool for row in rows_by_ann[ref.annotation_id]),
        key=lambda r: (r["start"], r["end"], annotation_order(r["annotation_id"])),
    )
    for group in _group_spans(all_rows):
        support = len({g["annotation_id"] for g in group})
        if 2 * support > voters:
            gold.quotes.append(_majority_quote(group, resolution, support, n, gold))
        elif 2 * support == voters:
            head = group[0]
            gold.ties.append(
                _tie(article, head["content_sha256"], TIE_QUOTE, None, head["start"], head["end"],
                     head["text"], votes=f"marked={support}; not={voters - support}")
            )  # fmt: skip


def _majority_quote(group: Sequence[Row], resolution: str, support: int, n: int, gold: Gold) -> Row:
    """The gold row of a quote most annotations marked (`group`: one row per annotation that
    marked it): the offsets most gave (ties: the earliest), then each attribute as most of
    `group` gave it; an attribute tied is left null and its tie added to `gold.ties`."""
    offsets = Counter((g["start"], g["end"]) for g in group)
    best = min(offsets, key=lambda s: (-offsets[s], s))
    out = _gold_quote(next(g for g in group if (g["start"], g["end"]) == best), resolution,
                      support, n)  # fmt: skip
    for item, fields in QUOTE_ATTRIBUTES.items():
        options = _attribute_options(group, fields)
        ranked = sorted(options, key=lambda o: (-len(o), _option_key(o, fields)))
        if len(ranked) > 1 and len(ranked[0]) == len(ranked[1]):
            out.update(dict.fromkeys(fields))
            out["tied"].append(item)
            out["attribute_support"][_SUPPORT_NAMES[item]] = None
            votes = "; ".join(f"{_option_label(o, fields)}={len(o)}" for o in ranked)
            gold.ties.append(
                _tie(out["article_id"], out["content_sha256"], item, None, out["start"],
                     out["end"], out["text"], votes=votes)
            )  # fmt: skip
        else:
            out.update(_option_value(ranked[0], fields))
            out["attribute_support"][_SUPPORT_NAMES[item]] = len(ranked[0])
    return out


# Attributes of a quote voted on apart from its span, and the fields each covers: the first
# two of a span attribute are its offsets (spans within overlap/union >= 0.5 are one answer).
QUOTE_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    TIE_KIND: ("kind",),
    TIE_QUOTE_STANCE: ("stance", "stance_target_id"),
    TIE_SPEAKER: ("speaker_start", "speaker_end", "speaker_text", "speaker_name"),
    TIE_CUE: ("cue_start", "cue_end", "cue_text"),
}
# Each attribute's name in the gold row's `attribute_support`.
_SUPPORT_NAMES = {TIE_KIND: "kind", TIE_QUOTE_STANCE: "stance", TIE_SPEAKER: "speaker",
                  TIE_CUE: "cue"}  # fmt: skip


def _is_span(fields: Sequence[str]) -> bool:
    return fields[0].endswith("_start")


def _attribute_options(group: Sequence[Row], fields: Sequence[str]) -> list[list[Row]]:
    """The rows of `group` split by the answer they give: the same values, or for a span the
    same mention (overlap/union >= 0.5 with the option's first span; none is an answer too)."""
    options: list[list[Row]] = []
    for row in group:
        for option in options:
            if same_answer(option[0], row, fields):
                option.append(row)
                break
        else:
            options.append([row])
    return options


def same_answer(a: Row, b: Row, fields: Sequence[str]) -> bool:
    """Whether two quote rows give the same answer for the attribute of `fields` (one of
    QUOTE_ATTRIBUTES): equal values, or for a span the same mention (none counts as one)."""
    if not _is_span(fields):
        return all(a.get(f) == b.get(f) for f in fields)
    start, end = fields[0], fields[1]
    if a[start] is None or b[start] is None:
        return a[start] is None and b[start] is None
    return iou((a[start], a[end]), (b[start], b[end])) >= MATCH_IOU


def _option_value(option: Sequence[Row], fields: Sequence[str]) -> Row:
    """The fields an answer gives: for a span, the offsets most of its rows gave (ties: the
    earliest) and, for a speaker, the canonical name most of them typed."""
    if not _is_span(fields):
        return {f: option[0].get(f) for f in fields}
    start, end = fields[0], fields[1]
    offsets = Counter((r[start], r[end]) for r in option)
    rep = next(r for r in option if (r[start], r[end]) == _commonest(offsets))
    value = {f: rep.get(f) for f in fields}
    if "speaker_name" in fields:
        names = Counter(r["speaker_name"] for r in option if r.get("speaker_name"))
        value["speaker_name"] = _commonest(names) if names else None
    return value


def _commonest(counter: Counter) -> object:
    return min(counter, key=lambda k: (-counter[k], k))


def _option_key(option: Sequence[Row], fields: Sequence[str]) -> tuple:
    """Orders answers of equal count: none last, then by value (stable output)."""
    first = option[0].get(fields[0])
    return (first is None, tuple(str(option[0].get(f)) for f in fields[:2]))


def _option_label(option: Sequence[Row], fields: Sequence[str]) -> str:
    """How an answer reads in the adjudication list's votes."""
    row = option[0]
    if _is_span(fields):
        return "none" if row[fields[0]] is None else f"«{row[fields[2]]}»"
    value = row.get(fields[0]) or "none"
    target = row.get(fields[1]) if len(fields) > 1 else None
    return f"{value} ({target})" if target and row.get(fields[0]) else value


def _group_spans(rows: Sequence[Row]) -> list[list[Row]]:
    """Quote rows (sorted by position) grouped: a row joins the first group whose first span it
    overlaps enough and which holds no row of its annotation yet, else starts a group."""
    groups: list[list[Row]] = []
    for row in rows:
        span = (row["start"], row["end"])
        for group in groups:
            head = group[0]
            if iou(span, (head["start"], head["end"])) >= MATCH_IOU and row[
                "annotation_id"
            ] not in {g["annotation_id"] for g in group}:
                group.append(row)
                break
        else:
            groups.append([row])
    return groups

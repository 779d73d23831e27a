"""The card's generated sections: tables and paragraphs made from the figures, one function each.

render_card (card.py) fills the template with them; every number comes from the published rows'
figures, never typed. Pure: reads and writes no files.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from datasets import Features

from newscorpus.annotate.origins import IMPORTED
from newscorpus.labels import STANCE_LABELS, TIE_QUOTE, TIE_STANCE
from newscorpus.publish.baseline import STANCE_MEASURE, QuoteScores
from newscorpus.publish.bio import OVERLAP_POLICY, TOKEN_PATTERN
from newscorpus.publish.configs import QUOTES_BIO, REGISTRY
from newscorpus.publish.examples import example_json
from newscorpus.publish.features import SPLITS
from newscorpus.publish.figures import RAW_ON_EARLIER_TEXT, CardFigures
from newscorpus.publish.provenance import (
    Provenance,
    agreement_origins,
    process_of,
    sources_table_rows,
)


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    def cell(value: Any) -> str:
        if isinstance(value, float):
            return f"{value:.3f}"
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def split_table(figures: CardFigures) -> str:
    rows = []
    for config in REGISTRY:
        summaries = figures.splits.get(config.name)
        if not summaries:
            continue
        counts = [summaries[s].num_examples if s in summaries else 0 for s in SPLITS]
        rows.append([f"`{config.name}`", *counts, sum(counts)])
    return _table(["config", *SPLITS, "total"], rows)


def fields_section(features: dict[str, Features], figures: CardFigures) -> str:
    parts = []
    for config in REGISTRY:
        if not figures.splits.get(config.name):
            continue
        parts.append(f"#### `{config.name}`\n\n{config.description}\n")
        rows = [
            [f"`{name}`", f"`{_type_name(feature)}`", config.field_docs[name]]
            for name, feature in features[config.name].items()
        ]
        parts.append(_table(["field", "type", "description"], rows))
    missing = [c.name for c in REGISTRY if not figures.splits.get(c.name)]
    if missing:
        parts.append(
            "Not published in this version (no rows): " + ", ".join(f"`{c}`" for c in missing) + "."
        )
    return "\n\n".join(parts)


def _type_name(feature: Any) -> str:
    from datasets import ClassLabel, List, Value

    if isinstance(feature, Value):
        return feature.dtype
    if isinstance(feature, ClassLabel):
        return f"ClassLabel({', '.join(feature.names)})"
    if isinstance(feature, List):
        return f"list<{_type_name(feature.feature)}>"
    if isinstance(feature, dict):
        return "struct{" + ", ".join(f"{k}" for k in feature) + "}"
    return type(feature).__name__


def labels_section(figures: CardFigures) -> str:
    parts = []
    rows = [
        [
            f"`{config.name}`",
            figures.label_sources[(config.name, "human")],
            figures.label_sources[(config.name, "machine")],
        ]
        for config in REGISTRY
        if config.labeled and figures.splits.get(config.name)
    ]
    if rows:
        parts.append(
            "Rows by label source (`human` = made by people, see each row's `origin`; "
            "`machine` = unreviewed suggestions):\n\n"
            + _table(["config", "human", "machine"], rows)
        )
    stance_rows = []
    for split in SPLITS:
        counts = [figures.stance_labels[(split, "human", label)] for label in STANCE_LABELS]
        if any(counts):
            stance_rows.append([split, *counts, sum(counts)])
    if stance_rows:
        parts.append(
            "Human stance labels per split:\n\n"
            + _table(["split", *STANCE_LABELS, "total"], stance_rows)
        )
    else:
        parts.append("No human stance labels in this version.")
    kinds = sorted({kind for (_, kind) in figures.quote_kinds})
    kind_rows = [
        [source, figures.quotes[source], *(figures.quote_kinds[(source, k)] for k in kinds)]
        for source in ("human", "machine")
        if figures.quotes[source]
    ]
    if kind_rows:
        parts.append("Quotes by kind:\n\n" + _table(["label source", "quotes", *kinds], kind_rows))
    return "\n\n".join(parts)


def _flatten(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    if isinstance(data, dict):
        out = []
        for key, value in data.items():
            out += _flatten(value, f"{prefix}.{key}" if prefix else str(key))
        return out
    if isinstance(data, list):
        return [(prefix, f"{len(data)} item(s)")]
    return [(prefix, data)]


def pending_ties(ties: dict[str, int]) -> str:
    """The ties awaiting adjudication: whole items (a quote, an article's stance) are left out of
    gold, a tied attribute of a quote most annotators marked is null on its gold quote."""
    whole = {item: n for item, n in ties.items() if item in (TIE_QUOTE, TIE_STANCE)}
    attributes = {item: n for item, n in ties.items() if item not in whole}
    parts = []
    if whole:
        listed = ", ".join(f"{n} {item} tie(s)" for item, n in sorted(whole.items()))
        parts.append(f"Awaiting adjudication, left out of gold: {listed}.")
    if attributes:
        listed = ", ".join(f"{n} {item} tie(s)" for item, n in sorted(attributes.items()))
        parts.append(
            f"Awaiting adjudication, null on their gold quote (the quote is in gold): {listed}."
        )
    return "".join(f"\n\n{p}" for p in parts)


def _earlier_text_passes(figures: CardFigures) -> str:
    n = figures.side_counts.get(RAW_ON_EARLIER_TEXT, 0)
    if not n:
        return ""
    return (
        f"\n\n{n} annotation(s) made on an earlier text of their article (corrected and pushed "
        "again) are left out of `annotations_raw`: their offsets point into a text this version "
        "does not hold, and gold is resolved from the current text's annotations only."
    )


def agreement_section(figures: CardFigures, provenance: Provenance) -> str:
    """One subsection per origin with figures (agreement/<origin slug>.json), each saying who
    measured it, then the ties awaiting adjudication and the passes left out."""
    pending = pending_ties(figures.adjudication) + _earlier_text_passes(figures)
    if not figures.agreement:
        return (
            "No agreement figures: fewer than two annotators per article, or `newscorpus ls "
            "agreement` was not run for this version." + pending
        )
    parts = [
        "Figures per origin of the labels, each on that origin's articles with two or more "
        "annotations (spans matched at overlap over union >= 0.5)."
    ]
    parts += [
        _origin_agreement(origin, report, provenance)
        for origin, report in sorted(figures.agreement.items())
    ]
    return "\n\n".join(parts) + pending


def _origin_agreement(origin: str, report: dict[str, Any], provenance: Provenance) -> str:
    """One origin's figures; `origin` is empty for a legacy report that names none (written
    before origins were), attributed to the origins published one by one (`annotations_raw`)."""
    figures = {k: v for k, v in report.items() if k != "origin"}
    rows = [[f"`{k}`", "n/a" if v is None else v] for k, v in _flatten(figures)[:60]]
    if origin:
        measured = [a for a in provenance.accounts if a.origin == origin]
    else:
        measured = agreement_origins(provenance.accounts)
    caveat = (
        " These are passes over worked examples by the same developers: the figures measure the "
        "examples' consistency, not agreement between independent annotators."
        if any(a.process == "worked-examples" for a in measured)
        else ""
    )
    heading = (
        f"##### Agreement in `{origin}`" if origin else "##### Agreement (origin not recorded)"
    )
    return (
        f"{heading}\n\n"
        + _agreement_source(origin, measured, provenance)
        + "."
        + caveat
        + "\n\n"
        + _table(["measure", "value"], rows)
    )


def _agreement_source(recorded: str, measured: list[Any], provenance: Provenance) -> str:
    """Who measured an origin's figures: the import of that origin, else `ls agreement` (a Label
    Studio campaign's, or worked examples'); a report naming no origin, `ls agreement` on the
    origins measured."""
    if recorded:
        described = next((a.described for a in provenance.accounts if a.origin == recorded), None)
        if process_of(recorded, described) == IMPORTED:
            return (
                f"Measured by `newscorpus import` on the annotations imported as `{recorded}`, "
                "between the annotators of the source corpus"
            )
        return f"From `newscorpus ls agreement` on the annotations of `{recorded}`"
    of = ", ".join(f"`{a.origin}`" for a in measured) or "the annotations in `annotations_raw`"
    return f"From `newscorpus ls agreement` on the annotations of {of}"


def withheld_targets_section(figures: CardFigures) -> str:
    """The imported stance targets published without their text, by origin and reason."""
    counts = Counter(
        figures.target_withholding[tid]
        for tid in figures.withheld_targets
        if tid in figures.target_withholding
    )
    if not counts:
        return ""
    parts = "; ".join(
        f"{n} imported with `{origin}`: {reason}" for (origin, reason), n in sorted(counts.items())
    )
    return (
        f"{sum(counts.values())} stance target(s) are published **without their text** "
        f"({parts}): such a target came with imported labels (e.g. a headline), so its text is "
        "the source's and is withheld as an article's would be, with `target` null and "
        "`target_withheld` true. `newscorpus hydrate` restores it from your own copy of the source "
        "(its file with a `Headline` or `target` field, or the `annotations/targets/` tables "
        "`newscorpus import` writes), accepting a text only when it gives the target's id."
    )


def _quote_score_rows(scores: QuoteScores) -> list[list[Any]]:
    speaker = scores.speaker_accuracy
    return [
        ["articles", scores.articles],
        ["gold quotes", scores.gold],
        ["predicted quotes", scores.predicted],
        ["precision", scores.precision],
        ["recall", scores.recall],
        ["F1", scores.f1],
        ["speaker accuracy (matched quotes)", "n/a" if speaker is None else speaker],
    ]


def preannotator_section(figures: CardFigures) -> str:
    scores = figures.preannotator
    if scores is None or not scores.articles:
        return "No article has both human gold quotes and machine suggestions: not measured."
    return (
        "Stored machine suggestions against human gold quotes, on every gold article, content "
        "spans matched one-to-one at overlap over union >= 0.5:\n\n"
        + _table(["measure", "value"], _quote_score_rows(scores))
    )


def sources_section(figures: CardFigures, provenance: Provenance) -> str:
    """Articles per source with its license and citation (numbers of the Citation section)."""
    rows = sources_table_rows(figures, provenance.cited)
    table = _table(["source", "articles", "license", "citation", "text"], rows[:50]) + (
        f"\n\n... and {len(rows) - 50} more sources." if len(rows) > 50 else ""
    )
    license = provenance.license
    if license.name:
        table += (
            f"\n\nThe article texts are not all under the annotations' license, so the dataset's "
            f"license is `other` "
            f"(`{license.name}`): {license.details}"
        )
    return table


def bio_section(figures: CardFigures) -> str:
    if not figures.splits.get(QUOTES_BIO.name):
        return ""
    spans = figures.side_counts
    return (
        f"Tokens are matches of the regular expression `{TOKEN_PATTERN.pattern}` (Python's "
        "`regex` package: a word, its combining marks and joiners included, with inner hyphens "
        "or apostrophes, or any other single non-space grapheme cluster), one sequence "
        "per paragraph, each with its code-point offsets into `text`. A token is tagged for a "
        "span when they share a character, so a span boundary inside a word tags the whole "
        f"word. Nested and overlapping spans: {OVERLAP_POLICY}. Of the {spans['bio_spans']} "
        f"spans (quote contents, speakers, cues) of this version, {spans['bio_spans_cut']} lose "
        f"some of their tokens this way and {spans['bio_spans_lost']} lose all of them; the "
        "`quotes` config keeps every span whole."
    )


def examples_section(figures: CardFigures, features: dict[str, Features]) -> str:
    parts = []
    for config in REGISTRY:
        row = figures.examples.get(config.name)
        if row is not None and config.name in features:
            block = example_json(row, features[config.name])
            parts.append(f"#### `{config.name}`\n\n```json\n{block}\n```")
    return "\n\n".join(parts)


def collection_summary(figures: CardFigures) -> str:
    collected = sum(n for (_, _, citation, _), n in figures.sources.items() if not citation)
    imported = figures.articles - collected
    parts = []
    if collected:
        parts.append(
            f"{collected} article(s) from pages the curators collected (the tool does not crawl)"
        )
    if imported:
        parts.append(
            f"{imported} article(s) from published corpora, cited under "
            "[Sources and licenses](#sources-and-licenses)"
        )
    return (" and ".join(parts) or "no articles") + "."


def withheld_reasons(figures: CardFigures) -> str:
    return "; ".join(f"{reason}: {n}" for reason, n in sorted(figures.withheld_reasons.items()))


def baseline_section(figures: CardFigures) -> str:
    report = figures.baseline
    if report is None:
        return "Baselines were not run for this version (`--no-baseline`)."
    rows = []
    if report.stance is not None and report.stance_too_few:
        rows.append(["stance: TF-IDF + logistic regression", "not reported", report.stance_too_few])
    elif report.stance is not None:
        s = report.stance
        rows += [
            ["stance: TF-IDF + logistic regression", f"{STANCE_MEASURE}", s.f1_favor_against],
            ["", "F1 favor / F1 against", f"{s.f1_favor:.3f} / {s.f1_against:.3f}"],
            ["", "accuracy", s.accuracy],
            ["", "train / test rows", f"{s.train_rows} / {s.test_rows}"],
        ]
    else:
        rows.append(["stance: TF-IDF + logistic regression", "not run", report.stance_note])
    if report.fnc1 is not None:
        f = report.fnc1
        rows += [
            ["stance, rows imported from FNC-1", "FNC-1 score (relative)", f.fnc],
            ["", "macro F1 (agree, disagree, discuss, unrelated)", f.macro_f1],
            ["", "test rows", str(f.test_rows)],
        ]
    elif report.fnc1_note:
        rows.append(["stance, rows imported from FNC-1", "not reported", report.fnc1_note])
    if report.quotes is not None:
        q = report.quotes
        speaker = q.speaker_accuracy
        rows += [
            [
                "quotes: rule-based extractor",
                "P / R / F1 (overlap >= 0.5)",
                f"{q.precision:.3f} / {q.recall:.3f} / {q.f1:.3f}",
            ],
            ["", "speaker accuracy", "n/a" if speaker is None else f"{speaker:.3f}"],
            ["", "test articles / gold quotes", f"{q.articles} / {q.gold}"],
        ]
    else:
        rows.append(["quotes: rule-based extractor", "not run", report.quotes_note])
    notes = "".join(f"\n- {n}" for n in report.notes)
    return (
        f"Trained on `train`, scored on `{report.test_split}`, human labels only; reproduce with "
        f"`newscorpus baseline --dataset <folder>`.\n\n"
        + _table(["baseline", "measure", "value"], rows)
        + (f"\n{notes}" if notes else "")
    )


def license_text(provenance: Provenance) -> str:
    license = provenance.license
    if license.name:
        return (
            f"other ({license.name}): {license.details} See "
            "[Sources and licenses](#sources-and-licenses)."
        )
    return (
        f"{license.hub} for the annotations, the corpus structure and every published text "
        "(see [Sources and licenses](#sources-and-licenses))."
    )

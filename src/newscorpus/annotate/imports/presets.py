"""What the project knows of the corpora it imports by name: how to cite them, what their makers
published about agreement, and how to describe their labels on the card. Data, and the
functions that turn it into origin descriptions (annotate/origins.py). Pure.

Figures here are quoted from where `where` says, never recomputed; the import measures its own
agreement beside them.
"""

from __future__ import annotations

from newscorpus.annotate.origins import (
    BRAT_PREFIX,
    FNC1,
    IMPORTED,
    STANCE_PREFIX,
    Origin,
    PublishedAgreement,
)

POLNEAR = "polnear"

POLNEAR_CITATION = """@inproceedings{newell2018polnear,
  title = {An Attribution Relations Corpus for Political News},
  author = {Newell, Edward and Margolin, Drew and Ruths, Derek},
  booktitle = {Proceedings of the Eleventh International Conference on Language Resources
               and Evaluation (LREC 2018)},
  year = {2018},
  address = {Miyazaki, Japan},
  publisher = {European Language Resources Association (ELRA)}
}"""
POLNEAR_URL = "https://github.com/networkdynamics/PolNeAR"
# PolNeAR 1.0.0's README, "Statistics": token-wise Krippendorff's alpha 75.4 %, attribution-wise
# agreement (agr) 92.3 %, over the whole corpus.
POLNEAR_AGREEMENT = PublishedAgreement(
    measure="token-wise Krippendorff's alpha (source, cue, content or none per token)",
    value=0.754,
    where="PolNeAR 1.0.0 README, Statistics (Newell, Margolin and Ruths, LREC 2018)",
)
POLNEAR_ATTRIBUTION_AGREEMENT = 0.923

_BRAT_IMPORT = (
    "Imported by `newscorpus import brat`: the article text is the annotated text file itself, "
    "headline included, with the annotators' offsets (line endings and Unicode NFC are the "
    "only changes; every span is carried through them, and a span that could not be anchored "
    "exactly is listed in the import report, never shifted). Each attribution gives one quote "
    "row per content piece (a content split around its cue is two pieces), with the "
    "attribution's source as speaker and its cue; the quote kind is derived from quotation "
    "marks by a rule (`kind_source` machine)."
)

FNC1_CITATION = (
    "Pomerleau, Dean and Rao, Delip (2017). Fake News Challenge Stage 1 (FNC-1): Stance "
    "Detection. http://www.fakenewschallenge.org/ -- built from the Emergent data set: Ferreira, "
    "William and Vlachos, Andreas (2016). Emergent: a novel data-set for stance classification. "
    "NAACL-HLT 2016."
)
FNC1_URL = "http://www.fakenewschallenge.org/"
# FNC-1 stances -> the project's stance labels (labels.STANCE_LABELS): a body that agrees with
# the headline's claim is in favor of it, one that discusses it without taking a side neutral,
# an unrelated body has no stance toward it.
FNC1_LABEL_MAP = {
    "agree": "favor",
    "disagree": "against",
    "discuss": "neutral",
    "unrelated": "none",
}


def brat_origin(
    name: str,
    *,
    annotators: int,
    folder: str,
    citation: str | None,
    license: str | None,
) -> Origin:
    """The description of a BRAT import; PolNeAR's when `name` is polnear."""
    if name == POLNEAR:
        return Origin(
            origin=f"{BRAT_PREFIX}{name}",
            process=IMPORTED,
            title=f"PolNeAR 1.0.0 ({folder})",
            description=(
                "Attributions (source, cue and content: statements, but also beliefs and "
                "intentions, a broader notion than the project guidelines' quotes) marked in "
                "BRAT by trained annotators following PolNeAR's guidelines. PolNeAR reports an "
                f"attribution-wise agreement of {POLNEAR_ATTRIBUTION_AGREEMENT:.1%} besides the "
                "token-wise alpha quoted here. " + _BRAT_IMPORT
            ),
            citation=citation or POLNEAR_CITATION,
            url=POLNEAR_URL,
            license=license,
            annotators=f"{annotators} trained annotators (pseudonymized)",
            published_agreement=POLNEAR_AGREEMENT,
        )
    return Origin(
        origin=f"{BRAT_PREFIX}{name}",
        process=IMPORTED,
        title=f"BRAT corpus {name} ({folder})",
        description="Attributions marked in BRAT standoff files. " + _BRAT_IMPORT,
        citation=citation,
        license=license,
        annotators=f"{annotators} annotators (pseudonymized)",
    )


def fnc1_origin(*, citation: str | None = None) -> Origin:
    return Origin(
        origin=FNC1,
        process=IMPORTED,
        title="Fake News Challenge stage 1 (FNC-1)",
        description=(
            "Stance of a news article body toward a headline's claim, as labeled in the FNC-1 "
            "release (built from the Emergent data of Ferreira and Vlachos, 2016), imported by "
            "`newscorpus import fnc1`: each headline is a stance target of its own, each "
            "(body, headline) pair one stance label, mapped to the project's labels as listed. "
            "FNC-1 states no license for its texts: they are withheld unless the curator "
            "decides otherwise."
        ),
        citation=citation or FNC1_CITATION,
        url=FNC1_URL,
        license=None,
        annotators=None,
        label_map=dict(FNC1_LABEL_MAP),
    )


def stance_origin(
    stem: str,
    *,
    annotators: int,
    citation: str | None,
    license: str | None,
    label_map: dict[str, str] | None,
) -> Origin:
    return Origin(
        origin=f"{STANCE_PREFIX}{stem}",
        process=IMPORTED,
        title=f"Stance labels from {stem}",
        description=(
            "Stance of articles toward targets, imported from a table of (article, target, "
            "stance) rows by `newscorpus import stance`; each distinct target is a target of "
            "its own."
        ),
        citation=citation,
        license=license,
        annotators=f"{annotators} annotator(s) (pseudonymized)" if annotators else None,
        label_map=label_map,
    )

"""Where things live: every default path of the project, and the files the package ships.

Data folders (corpus/, annotations/, dist/, models/) are relative to the working directory: a
curator runs the commands from the project they curate. The label config, the annotation
guidelines and the card template ship inside the package (newscorpus/resources/), so a command
run from any folder finds them; the repository's `annotations/label_config.xml`,
`annotations/guidelines.md` and `dataset_card.md` are links to those files. Pure: no I/O beyond
resolving paths.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

CORPUS = Path("corpus")
ANNOTATIONS = Path("annotations")
PREDICTIONS = ANNOTATIONS / "predictions"
TARGETS = ANNOTATIONS / "targets.yaml"
BRAT = ANNOTATIONS / "brat"
GOLD = ANNOTATIONS / "gold"
EXPORTS = ANNOTATIONS / "exports"
# Agreement figures, one file per origin (`<origin slug>.json`): each writer (an import, `ls
# agreement`) replaces its own origin's file only (annotate/agreement_files.py).
AGREEMENT = ANNOTATIONS / "agreement"
# The salt of annotator pseudonyms: always `.annotator-salt` in the annotations folder a command
# is given (this one by default), never in an output folder of its own, so every command that
# names annotators (ls pull, ls import-brat, import brat/fnc1/stance) gives a person one name.
ANNOTATOR_SALT = ANNOTATIONS / ".annotator-salt"
DIST = Path("dist")
MODELS = Path("models")
LABEL_STUDIO_DATA = Path(".labelstudio")
LABEL_STUDIO_VENV = Path(".venv-labelstudio")


def _resource(name: str) -> Path:
    return Path(str(resources.files("newscorpus") / "resources" / name))


LABEL_CONFIG = _resource("label_config.xml")
GUIDELINES = _resource("guidelines.md")
CARD_TEMPLATE = _resource("dataset_card.md")
# The learned choices among the quote rules' candidates (preannotate/quotes/model.py).
QUOTES_MODEL = _resource("quotes_model.json")

# The checkout this package runs from, when it is one (an editable install): where `make ls-venv`
# puts Label Studio's own virtual env. None for an installed wheel.
_CHECKOUT = Path(__file__).resolve().parents[2]
CHECKOUT: Path | None = _CHECKOUT if (_CHECKOUT / "pyproject.toml").is_file() else None


def dataset_folder(version: str) -> Path:
    """Where `publish` writes a version unless told otherwise."""
    return DIST / version

"""Reading FNC-1 folders: pairs joined to bodies, one-line errors naming file and row."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscorpus.errors import UsageError
from newscorpus.preannotate.stance.fnc1 import Pair, read_fnc1, write_predictions

BODIES = 'Body ID,articleBody\n1,"Synthetic body one, made up."\n2,Synthetic body two.\n'
STANCES = "Headline,Body ID,Stance\nA made-up claim,1,agree\nAnother claim,2,unrelated\n"


def _folder(tmp_path: Path, bodies: str = BODIES, stances: str = STANCES) -> Path:
    (tmp_path / "bodies.csv").write_text(bodies, encoding="utf-8")
    (tmp_path / "stances.csv").write_text(stances, encoding="utf-8")
    return tmp_path


def test_pairs_carry_their_body_text_and_stance(tmp_path):
    pairs = read_fnc1(_folder(tmp_path))
    assert pairs == [
        Pair("A made-up claim", "1", "Synthetic body one, made up.", "agree"),
        Pair("Another claim", "2", "Synthetic body two.", "unrelated"),
    ]


def test_unlabeled_stances_file_gives_pairs_without_stance(tmp_path):
    pairs = read_fnc1(_folder(tmp_path, stances="Headline,Body ID\nA made-up claim,2\n"))
    assert pairs == [Pair("A made-up claim", "2", "Synthetic body two.", None)]


def test_challenge_file_names_are_found(tmp_path):
    (tmp_path / "train_bodies.csv").write_text(BODIES, encoding="utf-8")
    (tmp_path / "train_stances.csv").write_text(STANCES, encoding="utf-8")
    assert len(read_fnc1(tmp_path)) == 2


def test_unknown_body_id_names_file_and_row(tmp_path):
    stances = "Headline,Body ID,Stance\nA claim,1,agree\nA claim,9,agree\n"
    with pytest.raises(UsageError, match=r"stances\.csv: row 3: Body ID '9' is not in bodies"):
        read_fnc1(_folder(tmp_path, stances=stances))


def test_missing_column_names_file(tmp_path):
    with pytest.raises(UsageError, match=r"bodies\.csv: row 1: missing column\(s\) articleBody"):
        read_fnc1(_folder(tmp_path, bodies="Body ID,text\n1,x\n"))


def test_duplicate_body_id_is_refused(tmp_path):
    bodies = "Body ID,articleBody\n1,One.\n1,Again.\n"
    with pytest.raises(UsageError, match=r"bodies\.csv: row 3: duplicate Body ID 1"):
        read_fnc1(_folder(tmp_path, bodies=bodies))


def test_folder_without_stances_file_says_what_it_expected(tmp_path):
    (tmp_path / "bodies.csv").write_text(BODIES, encoding="utf-8")
    with pytest.raises(UsageError, match=r"expected one stances CSV"):
        read_fnc1(tmp_path)


def test_predictions_are_written_in_the_scorer_format(tmp_path):
    pairs = [Pair('Claim, with "quotes"', "7", "body", None)]
    out = tmp_path / "pred.csv"
    write_predictions(out, pairs, ["discuss"])
    assert out.read_text(encoding="utf-8").splitlines() == [
        "Headline,Body ID,Stance",
        '"Claim, with ""quotes""",7,discuss',
    ]


def test_files_with_a_utf8_bom_are_read(tmp_path):
    folder = _folder(tmp_path, bodies="\ufeff" + BODIES, stances="\ufeff" + STANCES)
    assert len(read_fnc1(folder)) == 2

"""links.py: a symbolic link in a folder the user gives is followed only while it stays inside."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscorpus.errors import UsageError
from newscorpus.links import require_all_inside, require_inside, require_tree_inside


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "private" / "key.txt"
    path.parent.mkdir()
    path.write_text("synthetic secret\n")
    path.chmod(0o600)
    return path


@pytest.fixture
def given(tmp_path: Path) -> Path:
    folder = tmp_path / "given"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text("inside\n")
    return folder


def test_a_link_out_of_the_folder_is_refused_naming_the_link(given: Path, secret: Path) -> None:
    link = given / "notes.txt"
    link.symlink_to(secret)
    with pytest.raises(UsageError) as err:
        require_inside(given, link)
    message = str(err.value)
    assert str(link) in message and str(secret) in message and "\n" not in message


def test_a_linked_folder_out_of_the_tree_is_named_not_the_file_under_it(
    given: Path, secret: Path
) -> None:
    (given / "elsewhere").symlink_to(secret.parent)
    with pytest.raises(UsageError, match=r"given/elsewhere is a symbolic link"):
        require_all_inside(given, [given / "elsewhere" / "key.txt"])


def test_a_link_that_stays_inside_is_followed(given: Path) -> None:
    (given / "same.txt").symlink_to(given / "sub" / "a.txt")
    (given / "relative.txt").symlink_to(Path("sub") / "a.txt")
    assert require_all_inside(given, [given / "same.txt", given / "relative.txt"])
    require_tree_inside(given)


def test_a_folder_given_through_a_link_is_its_own_tree(tmp_path: Path, given: Path) -> None:
    alias = tmp_path / "alias"
    alias.symlink_to(given)
    assert require_inside(alias, alias / "sub" / "a.txt") == alias / "sub" / "a.txt"


def test_a_tree_with_a_link_out_anywhere_is_refused(given: Path, secret: Path) -> None:
    (given / "sub" / "deep.txt").symlink_to(secret)
    with pytest.raises(UsageError, match=r"sub/deep.txt is a symbolic link to .*outside"):
        require_tree_inside(given)


def test_a_tree_with_a_looping_or_dangling_link_is_refused(given: Path) -> None:
    (given / "loop").symlink_to(given / "loop")
    with pytest.raises(UsageError, match="loops"):
        require_tree_inside(given)
    (given / "loop").unlink()
    (given / "gone.txt").symlink_to(given / "missing.txt")
    with pytest.raises(UsageError, match="does not exist"):
        require_tree_inside(given)

"""The project's own settings for the card: read from newscorpus.toml or pyproject.toml, never
made up when absent."""

from __future__ import annotations

import pytest

from newscorpus.errors import UsageError
from newscorpus.publish.settings import ProjectSettings, load_settings


def test_no_settings_file_gives_empty_settings(tmp_path):
    assert load_settings(tmp_path) == ProjectSettings()


def test_the_tool_table_of_pyproject_is_read(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.newscorpus]\nauthors = ["Ada Example"]\n'
        'homepage = "https://example.org"\n',
        encoding="utf-8",
    )
    settings = load_settings(tmp_path)
    assert (settings.authors, settings.homepage, settings.citation) == (
        ("Ada Example",),
        "https://example.org",
        None,
    )


def test_newscorpus_toml_wins_over_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.newscorpus]\nauthors = ["A"]\n', "utf-8")
    (tmp_path / "newscorpus.toml").write_text('authors = ["B"]\n', encoding="utf-8")
    assert load_settings(tmp_path).authors == ("B",)


def test_an_unknown_setting_is_refused_naming_the_file(tmp_path):
    (tmp_path / "newscorpus.toml").write_text('author = "typo"\n', encoding="utf-8")
    with pytest.raises(
        UsageError, match=r"newscorpus\.toml: unknown newscorpus setting\(s\) author"
    ):
        load_settings(tmp_path)

"""The registry of published configs: every config is one entry, and an entry is complete."""

from __future__ import annotations

import pytest
from datasets import Features, Value

from newscorpus.publish.configs import CONFIG_NAMES, PublishConfig, config_named


def test_a_field_without_a_doc_is_refused_when_the_entry_is_made():
    with pytest.raises(ValueError, match="config draft: no doc for field\\(s\\) undocumented"):
        PublishConfig(
            name="draft",
            description="A config under construction.",
            features=Features({"article_id": Value("string"), "undocumented": Value("int32")}),
            docs={},
            build=lambda article: [],
        )


def test_shared_fields_take_the_common_docs_unless_the_entry_overrides_them():
    entry = PublishConfig(
        name="draft",
        description="A config under construction.",
        features=Features({"article_id": Value("string"), "text": Value("string")}),
        docs={"text": "The paragraph, not the article."},
        build=lambda article: [],
    )
    assert entry.field_docs["article_id"].startswith("Id of the article")
    assert entry.field_docs["text"] == "The paragraph, not the article."


def test_an_unknown_config_name_lists_the_known_ones():
    with pytest.raises(KeyError, match=", ".join(CONFIG_NAMES)):
        config_named("quote")

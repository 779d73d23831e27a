"""Label config loading, versioning and comparison (newscorpus.annotate.labelstudio.config)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newscorpus import labels
from newscorpus.annotate.labelstudio import config
from newscorpus.annotate.labelstudio import tasks as lst

REPO = Path(__file__).resolve().parents[3]

SMALL = """<!-- newscorpus-label-config v3 -->
<View>
  <Labels name="span" toName="text"><Label value="Quote"/><Label value="Speaker"/></Labels>
  <Text name="text" value="$text"/>
</View>"""


def test_project_config_has_version_and_the_names_the_code_uses() -> None:
    cfg = config.load_label_config(REPO / "annotations" / "label_config.xml")
    assert cfg.version == "v2"
    assert cfg.labels(labels.LS_SPAN) == {labels.QUOTE, labels.SPEAKER, labels.CUE}
    assert cfg.labels(labels.LS_KIND) == {"direct", "indirect", "mixed"}
    assert cfg.labels(labels.LS_QUOTE_STANCE) == {"favor", "against", "neutral", "none"}
    stances = {"favor", "against", "neutral", "none"}
    assert cfg.labels(labels.LS_ARTICLE_STANCE_REPEATED) == stances
    assert cfg.controls[labels.LS_QUOTE_TARGET].per_region
    assert cfg.controls[labels.LS_SPEAKER_NAME].type == "textarea"
    assert cfg.controls[labels.LS_SPEAKER_NAME].per_region
    assert cfg.relation_values == {"speaker", "cue"}


def test_task_data_fills_every_variable_of_the_project_config() -> None:
    xml = (REPO / "annotations" / "label_config.xml").read_text(encoding="utf-8")
    variables = set(re.findall(r'(?:value|on)="\$(\w+)', xml))
    data = lst.article_task(
        {"id": "a", "text": "x", "content_sha256": "h", "title": "t", "source": "s"}
    )["data"]
    assert variables <= set(data)


def test_layout_comments_and_attribute_order_are_not_drift() -> None:
    reshuffled = (
        '<View><Labels toName="text" name="span">\n\n<Label value="Quote"/>'
        '<Label value="Speaker"/></Labels><!-- note --><Text value="$text" name="text"/></View>'
    )
    assert config.same_config(SMALL, reshuffled)


def test_a_changed_label_is_drift() -> None:
    assert not config.same_config(SMALL, SMALL.replace('"Speaker"', '"Source"'))


def test_marker_records_version_and_fingerprint() -> None:
    cfg = config.parse_label_config(SMALL)
    assert cfg.marker == f"label-config v3 sha256:{cfg.fingerprint}"
    assert config.recorded_fingerprint(f"some text. {cfg.marker}") == cfg.fingerprint
    assert config.recorded_fingerprint("no marker here") is None


def test_missing_version_comment_is_an_error_for_our_file(tmp_path: Path) -> None:
    path = tmp_path / "label_config.xml"
    path.write_text(SMALL.replace("<!-- newscorpus-label-config v3 -->", ""), encoding="utf-8")
    with pytest.raises(config.LabelConfigError, match="no version comment"):
        config.load_label_config(path)


def test_broken_xml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "label_config.xml"
    path.write_text("<!-- newscorpus-label-config v1 --><View>", encoding="utf-8")
    with pytest.raises(config.LabelConfigError, match=r"label_config\.xml: .*well-formed"):
        config.load_label_config(path)


def test_guidelines_render_headings_lists_quotes_and_escape_html() -> None:
    html = config.guidelines_html(
        "# Title\n\nSome *word* and **bold** and `code` <b>.\n\n- one\n- two\n\n> quoted\n"
    )
    assert "<h1>Title</h1>" in html
    assert "<p>Some <i>word</i> and <b>bold</b> and <code>code</code> &lt;b&gt;.</p>" in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<blockquote>quoted</blockquote>" in html


def test_project_guidelines_cover_every_label() -> None:
    text = (REPO / "annotations" / "guidelines.md").read_text(encoding="utf-8")
    cfg = config.load_label_config(REPO / "annotations" / "label_config.xml")
    for value in (
        cfg.labels(labels.LS_SPAN) | cfg.labels(labels.LS_KIND) | cfg.labels(labels.LS_QUOTE_STANCE)
    ):
        assert f"**{value}**" in text, f"guidelines never define {value!r}"

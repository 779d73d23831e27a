"""The labeling interface: load `annotations/label_config.xml`, read its version and labels, and
compare it with the copy a server holds.

Pure apart from reading the files it is given; never talks to a server (project.py fetches the
server's copy and passes it in).

Versioning: the file starts with a comment `newscorpus-label-config vN`. Two configs are "the
same" when their canonical XML (C14N 2.0, comments and layout whitespace dropped, attributes
sorted) is equal, so re-indenting the file or the server re-serializing it is not drift, while
any changed tag, attribute or label is. The fingerprint of the canonical form is recorded in the
project's description at push time, which is how a hand edit on the server is told apart from a
new local version.
"""

from __future__ import annotations

import hashlib
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from newscorpus import layout

DEFAULT_CONFIG_PATH = layout.LABEL_CONFIG
DEFAULT_GUIDELINES_PATH = layout.GUIDELINES

_VERSION = re.compile(r"newscorpus-label-config\s+(v\d+)")
_FINGERPRINT_IN_DESCRIPTION = re.compile(r"label-config (v\d+|unversioned) sha256:([0-9a-f]{16})")
_CONTROL_TAGS = {"labels": "labels", "choices": "choices", "textarea": "textarea"}


class LabelConfigError(ValueError):
    """The label config file is unreadable, not XML, or lacks its version comment."""


@dataclass(frozen=True)
class Control:
    """One control tag of the config: what an annotator can put on `to_name`."""

    name: str
    type: str  # labels | choices | textarea (the `type` of its results in an export)
    to_name: str
    values: frozenset[str]
    per_region: bool


@dataclass(frozen=True)
class LabelConfig:
    """A parsed label config."""

    xml: str
    version: str | None
    canonical: str
    controls: dict[str, Control] = field(compare=False)
    relation_values: frozenset[str] = field(compare=False)

    @property
    def fingerprint(self) -> str:
        """First 16 hex digits of the SHA-256 of the canonical form."""
        return hashlib.sha256(self.canonical.encode("utf-8")).hexdigest()[:16]

    @property
    def marker(self) -> str:
        """What push writes into the project's description to remember this config."""
        return f"label-config {self.version or 'unversioned'} sha256:{self.fingerprint}"

    def labels(self, control: str) -> frozenset[str]:
        """Allowed values of a control (empty for a free-text control or an unknown name)."""
        found = self.controls.get(control)
        return found.values if found else frozenset()


def canonical_xml(xml: str) -> str:
    """C14N 2.0 form without comments and layout whitespace.

    Raises:
        LabelConfigError: the text is not well-formed XML.
    """
    try:
        return ET.canonicalize(xml_data=xml, strip_text=True, with_comments=False)
    except ET.ParseError as err:
        raise LabelConfigError(f"label config is not well-formed XML: {err}") from err


def parse_label_config(xml: str, *, require_version: bool = False) -> LabelConfig:
    """Parse a label config's text.

    Args:
        xml: the config as written in the file or returned by the server.
        require_version: raise when the `newscorpus-label-config vN` comment is missing (our own
            file must have it; a server's copy may have lost it).
    """
    canonical = canonical_xml(xml)
    match = _VERSION.search(xml)
    if require_version and not match:
        raise LabelConfigError(
            "label config has no version comment: add `<!-- newscorpus-label-config vN -->` "
            "at its top (N: the version it is, e.g. that of the packaged config)"
        )
    root = ET.fromstring(xml)
    controls: dict[str, Control] = {}
    relation_values: set[str] = set()
    for el in root.iter():
        tag = el.tag.lower()
        if tag in _CONTROL_TAGS and el.get("name"):
            values = frozenset(
                child.get("value", "")
                for child in el
                if child.tag.lower() in {"label", "choice"} and child.get("value")
            )
            controls[el.get("name", "")] = Control(
                name=el.get("name", ""),
                type=_CONTROL_TAGS[tag],
                to_name=el.get("toName", ""),
                values=values,
                per_region=el.get("perRegion", "false").lower() == "true",
            )
        elif tag == "relation" and el.get("value"):
            relation_values.add(el.get("value", ""))
    return LabelConfig(
        xml=xml,
        version=match.group(1) if match else None,
        canonical=canonical,
        controls=controls,
        relation_values=frozenset(relation_values),
    )


def load_label_config(path: Path = DEFAULT_CONFIG_PATH) -> LabelConfig:
    """Read and parse the project's label config file (which must carry its version)."""
    try:
        xml = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise LabelConfigError(f"{path}: cannot read the label config ({err.strerror})") from err
    try:
        return parse_label_config(xml, require_version=True)
    except LabelConfigError as err:
        raise LabelConfigError(f"{path}: {err}") from err


def same_config(a: str, b: str) -> bool:
    """True when two config texts differ at most in comments, layout and attribute order."""
    return canonical_xml(a) == canonical_xml(b)


def recorded_fingerprint(description: str | None) -> str | None:
    """The fingerprint push recorded in a project's description, if any."""
    match = _FINGERPRINT_IN_DESCRIPTION.search(description or "")
    return match.group(2) if match else None


# --- guidelines: Markdown -> the small HTML Label Studio shows as instructions ----------------

_INLINE = [
    (re.compile(r"`([^`]+)`"), r"<code>\1</code>"),
    (re.compile(r"\*\*([^*]+)\*\*"), r"<b>\1</b>"),
    (re.compile(r"(?<![*\w])\*([^*\n]+)\*(?!\*)"), r"<i>\1</i>"),
]


def _inline(text: str) -> str:
    out = html.escape(text, quote=False)
    for pattern, repl in _INLINE:
        out = pattern.sub(repl, out)
    return out


_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")


def guidelines_html(markdown: str) -> str:
    """Render the guidelines' Markdown subset (headings, paragraphs, bullet and numbered lists,
    block quotes, fenced code, `code`, **bold**, *italic*) as HTML.

    Label Studio's `expert_instruction` takes HTML; a Markdown library would be one more
    dependency for a page we write ourselves, so only what the guidelines use is supported.
    """
    page = _HtmlPage()
    for raw in markdown.splitlines():
        page.add(raw)
    return page.finish()


@dataclass
class _HtmlPage:
    """The HTML of the guidelines so far, and the open paragraph, list or code block."""

    out: list[str] = field(default_factory=list)
    para: list[str] = field(default_factory=list)
    list_tag: str | None = None
    in_code: bool = False

    def add(self, raw: str) -> None:
        line = raw.rstrip()
        if line.startswith("```"):
            self.close_blocks()
            self.out.append("</pre>" if self.in_code else "<pre>")
            self.in_code = not self.in_code
        elif self.in_code:
            self.out.append(html.escape(raw, quote=False))
        elif not line.strip():
            self.close_blocks()
        elif heading := _HEADING.match(line):
            self.close_blocks()
            level = len(heading.group(1))
            self.out.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif item := (_BULLET.match(line) or _NUMBERED.match(line)):
            self.list_item("ul" if _BULLET.match(line) else "ol", item.group(1))
        elif line.startswith(">"):
            self.close_blocks()
            self.out.append(f"<blockquote>{_inline(line.lstrip('> '))}</blockquote>")
        elif self.list_tag and raw.startswith("  "):
            self.out[-1] = self.out[-1][: -len("</li>")] + " " + _inline(line.strip()) + "</li>"
        else:
            self.close_list()
            self.para.append(line.strip())

    def list_item(self, tag: str, text: str) -> None:
        self.flush_para()
        if self.list_tag != tag:
            self.close_list()
            self.out.append(f"<{tag}>")
            self.list_tag = tag
        self.out.append(f"<li>{_inline(text)}</li>")

    def flush_para(self) -> None:
        if self.para:
            self.out.append("<p>" + _inline(" ".join(self.para)) + "</p>")
            self.para.clear()

    def close_list(self) -> None:
        if self.list_tag:
            self.out.append(f"</{self.list_tag}>")
            self.list_tag = None

    def close_blocks(self) -> None:
        self.flush_para()
        self.close_list()

    def finish(self) -> str:
        self.close_blocks()
        if self.in_code:
            self.out.append("</pre>")
        return "\n".join(self.out)

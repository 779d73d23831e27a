"""A BRAT attribution corpus (PolNeAR layout) as corpus articles and annotation rows. Pure.

Layout: `text/NAME.txt` (a title line, a blank line, the paragraphs), `attributions/NAME_CODE.ann`
(one file per annotator, BRAT standoff read by annotate/brat.py), an optional metadata file.

How the text and the offsets relate (the decision this module makes):
- The article's `text` is the whole text file, as written: it is an extracted text, so it is
  never page-cleaned nor re-wrapped. The only changes are line endings and Unicode NFC
  (imports/anchor.py); each is counted, and every span is carried through them.
- The title line stays in `text`, as its first paragraph. BRAT offsets count from the file's
  first character, and annotators marked attributions in headlines too (PolNeAR train: 488 of
  22,465 attributions have content there), so cutting the title off would lose them. `title`
  repeats it: the metadata file's title when it gives one (the publisher's headline), else the
  file's first block when the file has more than one.
- `paragraphs` are the blocks between blank lines; a block may hold single newlines (a headline
  and its subtitle).

Rows: one ANNOTATED_QUOTES row per content piece of an attribution (a content split around its
cue or over paragraphs is several pieces, as the project guidelines make an interrupted quote
two Quote regions), each with the attribution's source as speaker and its cue, each running from
its first fragment to its last. The kind comes from quotation marks (imports/kinds.py,
`kind_source` machine). A span without an exact image in `text` is left out (a content piece) or
left empty (a speaker or cue) and listed as an issue, never shifted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from newscorpus import schema
from newscorpus.annotate import brat
from newscorpus.annotate.imports.anchor import Canonical, canonical
from newscorpus.annotate.imports.kinds import quote_kind
from newscorpus.annotate.imports.metadata import ArticleMeta
from newscorpus.annotate.validate import AnnotationRef
from newscorpus.errors import RejectError
from newscorpus.hashing import sha256_hex, text_sha256
from newscorpus.ingest.raw import RawArticle
from newscorpus.labels import MACHINE
from newscorpus.normalize.text import article_id, normalize_article, normalize_line

INPUT_FORMAT = "brat"
# The version of the rules above (what `text`, `title` and `paragraphs` are made of).
TEXT_VERSION = "import-brat-v1"
# A blank line: a newline, spaces or tabs only, a newline (and any whitespace after it).
BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
# Roles of an attribution that become speaker and cue of its rows.
ROLES = (("speaker", "Source"), ("cue", "Cue"))
CONTENT = "Content"

Row = dict[str, Any]


@dataclass
class BratArticle:
    """One text file and every annotator's attributions on it, ready to be written."""

    name: str
    source_file: str
    raw_sha256: str
    row: Row  # schema.ARTICLES (duplicate_of is decided when written)
    canonical: Canonical
    quotes: list[Row] = field(default_factory=list)  # schema.ANNOTATED_QUOTES
    annotations: list[AnnotationRef] = field(default_factory=list)
    spans: int = 0  # content pieces, speakers and cues read
    exact: int = 0  # of those, the ones with an exact image in `text`
    issues: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # annotation files left out, and why


@dataclass(frozen=True)
class BratContext:
    """What every article of one import shares."""

    origin: str  # e.g. brat:polnear
    annotator: Callable[[str], str]  # BRAT annotator code -> pseudonym
    citation: str | None = None
    license: str | None = None


def paragraph_spans(text: str) -> list[dict[str, int]]:
    """Start/end of each block between blank lines, without its edge whitespace."""
    spans, start = [], 0
    for end, next_start in [(m.start(), m.end()) for m in BLANK_LINE.finditer(text)] + [
        (len(text), len(text))
    ]:
        block = text[start:end]
        left = len(block) - len(block.lstrip())
        right = len(block.rstrip())
        if right > left:
            spans.append({"start": start + left, "end": start + right})
        start = next_start
    return spans


def title_of(text: str, meta: ArticleMeta) -> str | None:
    """The metadata's title, else the first block when there is more than one."""
    if meta.title:
        return meta.title
    blocks = paragraph_spans(text)
    return text[blocks[0]["start"] : blocks[0]["end"]] if len(blocks) > 1 else None


def article_row(
    name: str, data: bytes, meta: ArticleMeta, ctx: BratContext
) -> tuple[Row, Canonical]:
    """The corpus row of one text file, and its canonical text with the offset map.

    Raises:
        RejectError: `encoding` (not UTF-8), `no_article` (nothing but whitespace).
    """
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise RejectError("encoding", f"not UTF-8 ({err})") from None
    canon = canonical(source)
    raw = RawArticle(
        source_file=f"text/{name}.txt",
        input_format=INPUT_FORMAT,
        raw_sha256=sha256_hex(data),
        text=canon.text,
        title=title_of(canon.text, meta),
        url=meta.url,
        source=meta.source,
        authors=meta.authors,
        agency=meta.agency,
        published=meta.published,
        license=meta.license or ctx.license,
    )
    # normalize_article fills the metadata fields the way the corpus does; the text is the
    # canonical one, never the re-wrapped one it makes.
    row = normalize_article(raw, pipeline_version=TEXT_VERSION)
    row.update(
        id=article_id(canon.text),
        text=canon.text,
        content_sha256=text_sha256(canon.text),
        paragraphs=paragraph_spans(canon.text),
        citation=ctx.citation,
        title=normalize_line(raw.title),
    )
    return row, canon


def read_article(
    name: str,
    data: bytes,
    ann_files: Mapping[str, str],
    meta: ArticleMeta,
    ctx: BratContext,
) -> BratArticle:
    """One article: its row, and every annotator's attributions as rows (see module docstring).

    An annotation file the reader cannot parse is left out and named in `problems`.

    Raises:
        RejectError: the text file gives no article (see `article_row`).
    """
    row, canon = article_row(name, data, meta, ctx)
    article = BratArticle(name, row["source_file"], row["raw_sha256"], row, canon)
    for code in sorted(ann_files):
        file = f"{name}_{code}.ann"
        try:
            doc = brat.parse_ann(ann_files[code])
        except brat.BratError as err:
            article.problems.append(f"{file}: {err} (the file is left out)")
            continue
        _add_annotation(article, file, ctx.annotator(code), doc, ctx)
    return article


def _add_annotation(
    article: BratArticle, file: str, annotator: str, doc: brat.AnnDocument, ctx: BratContext
) -> None:
    row = article.row
    annotation_id = f"{ctx.origin}/{article.name}/{annotator}"
    article.annotations.append(
        AnnotationRef(row["id"], row["content_sha256"], None, annotation_id, annotator, False, None)
    )
    mismatched = _mismatched_textbounds(doc, article.canonical.source)
    for att in doc.attributions:
        spans = _Spans(article, file, att, mismatched)
        roles = {role: spans.role(role, brat_role) for role, brat_role in ROLES}
        for k in range(len(att.content)):
            piece = spans.piece(k)
            if piece is None:
                continue
            start, end = piece
            region = att.id if len(att.content) == 1 else f"{att.id}.{k + 1}"
            quote = _quote_row(row, annotation_id, annotator, region, start, end, ctx.origin)
            for role, span in roles.items():
                if span is not None:
                    quote.update(_role_fields(row["text"], role, span))
            article.quotes.append(quote)


def _mismatched_textbounds(doc: brat.AnnDocument, source: str) -> dict[str, str]:
    """Text-bound id -> what is wrong, for spans whose recorded text is not the file's."""
    found = {}
    for problem in brat.check_against(doc, source):
        tid, _, detail = problem.partition(": ")
        found[tid] = detail
    return found


@dataclass
class _Spans:
    """Anchors the spans of one attribution, counting them and listing the ones that fail."""

    article: BratArticle
    file: str
    att: brat.Attribution
    mismatched: Mapping[str, str]

    def _anchor(self, role: str, start: int, end: int) -> tuple[int, int] | None:
        self.article.spans += 1
        bad = [
            self.mismatched[t]
            for r, ts in self.att.roles.items()
            if r.startswith(role)
            for t in ts
            if t in self.mismatched
        ]
        source = self.article.canonical.source
        if end > len(source):
            reason, detail = "out_of_range", f"the text has {len(source)} characters"
        elif bad:
            reason, detail = "text_mismatch", bad[0]
        else:
            span = self.article.canonical.span(start, end)
            if span is not None:
                self.article.exact += 1
                return span
            reason = "inside_normalized_change"
            detail = "an end falls inside a line ending or a character NFC changed"
        self.article.issues.append(
            {
                "file": self.file,
                "attribution": self.att.id,
                "role": role,
                "start": start,
                "end": end,
                "reason": reason,
                "detail": detail,
            }
        )
        return None

    def piece(self, k: int) -> tuple[int, int] | None:
        start, end = self.att.content[k]
        return self._anchor(CONTENT, start, end)

    def role(self, role: str, brat_role: str) -> tuple[int, int] | None:
        fragments = self.att.source if brat_role == "Source" else self.att.cue
        if not fragments:
            return None
        return self._anchor(brat_role, fragments[0][0], fragments[-1][1])


def _quote_row(
    article: Row,
    annotation_id: str,
    annotator: str,
    region: str,
    start: int,
    end: int,
    origin: str,
) -> Row:
    text = article["text"]
    return dict.fromkeys(schema.ANNOTATED_QUOTES.names) | {
        "article_id": article["id"],
        "content_sha256": article["content_sha256"],
        "task_id": None,
        "annotation_id": annotation_id,
        "annotator": annotator,
        "ground_truth": False,
        "region_id": region,
        "start": start,
        "end": end,
        "text": text[start:end],
        "kind": quote_kind(text[start:end]),
        "kind_source": MACHINE,
        "origin": origin,
    }


def _role_fields(text: str, role: str, span: tuple[int, int]) -> Row:
    start, end = span
    return {f"{role}_start": start, f"{role}_end": end, f"{role}_text": text[start:end]}

"""Stance targets: which claims or entities an article is about, by keyword rules.

Each target (annotations/targets.yaml) names a claim or an entity and groups of terms; an article
matches when every group has a term in it (within one paragraph when the target asks for that).
The matches decide which stance question annotators are asked about an article. Pure: rules come
in as YAML text and articles as strings; this module never opens a file.

    version: targets-rules-v1
    targets:
      - id: nk-arms-to-russia
        target: North Korea supplies arms to Russia
        kind: claim                       # claim or entity
        within: paragraph                 # paragraph (default) or article
        all:                              # every group needs one of its terms
          - [North Korea, North Korean, DPRK, Pyongyang]
          - [Russia, Russian, Moscow]
          - [arms, weapons, ammunition, shells]
        none: [arms control]              # any of these rules the article out
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from newscorpus.preannotate.term_index import TermIndex

DEFAULT_VERSION = "targets-rules-v1"
KINDS = ("claim", "entity")
WITHIN = ("paragraph", "article")
# A term found this many times in its group counts fully towards the score.
SATURATION = 3
_ID = re.compile(r"\A[a-z0-9][a-z0-9-]*\Z")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
# The rules' version is stored on every suggestion it makes.
MAX_VERSION_CHARS = 100
_VERSION = re.compile(rf"\A[^\n\r]{{1,{MAX_VERSION_CHARS}}}\Z")
# How much of an offending value an error message quotes.
SHOWN_CHARS = 300


class TargetsError(ValueError):
    """A targets file that cannot be used; the message names the file, the entry and the fix."""


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else f"{text[: SHOWN_CHARS - 3]}..."


def _yaml_problem(err: yaml.YAMLError) -> str:
    """What the YAML parser found wrong and where, on one line."""
    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or str(err)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    return _cut(" ".join(f"{problem}{where}".split()))


def _shown(value: Any) -> str:
    """`value` for an error message, cut to SHOWN_CHARS: a message stays one readable line."""
    return _cut(repr(value))


_NO_ALIASES = "aliases (*name) are not allowed in a targets file"
# libyaml's safe loader when PyYAML has it: a thousand targets load in a fifth of the time.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


class _NoAliasLoader(yaml.SafeLoader):
    """YAML without aliases: `*name` is refused where it appears (when libyaml is missing)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, _NO_ALIASES, mark)
        return super().compose_node(parent, index)


def _parse_yaml(text: str) -> Any:
    """The YAML document, refusing aliases before anything is built.

    A few hundred bytes of anchors and aliases stand for billions of nodes (a "billion laughs"):
    the parsed structure shares them, but anything that walks it (a check, a message, a copy)
    pays for every one. A targets file has no use for aliases.
    """
    if _FAST_LOADER is None:
        return yaml.load(text, Loader=_NoAliasLoader)  # a SafeLoader
    for event in yaml.parse(text, Loader=_FAST_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, _NO_ALIASES, event.start_mark)
    return yaml.load(text, Loader=_FAST_LOADER)  # a SafeLoader


@dataclass(frozen=True)
class Target:
    """One stance target and the rules that find the articles about it."""

    id: str
    target: str
    kind: str
    groups: tuple[tuple[str, ...], ...]
    exclude: tuple[str, ...] = ()
    within: str = "paragraph"


@dataclass(frozen=True)
class TargetSet:
    """The targets of one file and the version of its rules."""

    version: str
    targets: tuple[Target, ...]


@dataclass(frozen=True)
class TargetMatch:
    """A target an article matched: how strongly, and on which terms (in text order)."""

    target_id: str
    target: str
    score: float
    matched_terms: tuple[str, ...]


def _terms(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise TargetsError(f"{where}: expected a non-empty list of terms, got {_shown(value)}")
    out = []
    for term in value:
        if not isinstance(term, str) or not term.strip():
            raise TargetsError(
                f"{where}: every term must be a non-empty string, got {_shown(term)}"
            )
        out.append(" ".join(term.split()))
    return tuple(out)


def load_targets(yaml_text: str, source: str = "targets.yaml") -> TargetSet:
    """Parse and check a targets file.

    Args:
        yaml_text: the file's content.
        source: the file's name, used in error messages.

    Raises:
        TargetsError: invalid YAML, a missing or duplicate id, an unknown kind or window, or an
            empty term group, naming the entry and the field to fix.
    """
    try:
        data = _parse_yaml(yaml_text)
    except yaml.YAMLError as err:
        raise TargetsError(f"{source}: not valid YAML ({_yaml_problem(err)})") from None
    except RecursionError:
        raise TargetsError(f"{source}: nested too deep to be a targets file") from None
    if not isinstance(data, Mapping) or not isinstance(data.get("targets"), list):
        raise TargetsError(f"{source}: expected a mapping with a `targets:` list")
    version = data.get("version") or DEFAULT_VERSION
    if not isinstance(version, str) or not _VERSION.match(version):
        raise TargetsError(
            f"{source}: `version` must be one line of at most {MAX_VERSION_CHARS} characters "
            f"naming the rules (e.g. {DEFAULT_VERSION}), got {_shown(version)}"
        )
    seen: set[str] = set()
    targets = []
    for i, entry in enumerate(data["targets"]):
        where = f"{source}: targets[{i}]"
        if not isinstance(entry, Mapping):
            raise TargetsError(f"{where}: expected a mapping, got {_shown(entry)}")
        tid = entry.get("id")
        if not isinstance(tid, str) or not _ID.match(tid):
            raise TargetsError(f"{where}: `id` must be lowercase letters, digits and '-'")
        where = f"{source}: target {_shown(tid)}"
        if tid in seen:
            raise TargetsError(f"{where}: duplicate id; ids must be unique")
        seen.add(tid)
        text = entry.get("target")
        if not isinstance(text, str) or not text.strip() or "\n" in text.strip():
            raise TargetsError(f"{where}: `target` must be a one-line claim or entity")
        kind = entry.get("kind", "claim")
        if kind not in KINDS:
            raise TargetsError(f"{where}: `kind` must be one of {', '.join(KINDS)}")
        within = entry.get("within", "paragraph")
        if within not in WITHIN:
            raise TargetsError(f"{where}: `within` must be one of {', '.join(WITHIN)}")
        groups = entry.get("all")
        if not isinstance(groups, list) or not groups:
            raise TargetsError(f"{where}: `all` must list at least one group of terms")
        targets.append(
            Target(
                id=tid,
                target=text.strip(),
                kind=kind,
                groups=tuple(_terms(g, f"{where}: all[{j}]") for j, g in enumerate(groups)),
                exclude=_terms(entry["none"], f"{where}: none") if entry.get("none") else (),
                within=within,
            )
        )
    return TargetSet(version=version, targets=tuple(targets))


def _pattern(terms: Iterable[str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive alternation; longer terms first so phrases win."""
    alts = sorted({t.translate(_APOSTROPHES) for t in terms}, key=lambda t: (-len(t), t))
    body = "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in alts)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class _Compiled:
    target: Target
    groups: tuple[tuple[re.Pattern[str], dict[str, str]], ...]
    exclude: re.Pattern[str] | None


def _compile(target: Target) -> _Compiled:
    groups = []
    for group in target.groups:
        canon = {t.translate(_APOSTROPHES).lower(): t for t in group}
        groups.append((_pattern(group), canon))
    exclude = _pattern(target.exclude) if target.exclude else None
    return _Compiled(target, tuple(groups), exclude)


def _windows(text: str, within: str) -> list[str]:
    if within == "article":
        return [text]
    return [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def _straight(text: str) -> str:
    """`text` with curly apostrophes straightened, as the terms' patterns expect them."""
    return text.replace("’", "'").replace("‘", "'")


def _match(c: _Compiled, body: str, head: str, split: dict[str, list[str]]) -> TargetMatch | None:
    """The match of one target on a body and head already straightened; `split` keeps the
    body's windows per kind of window, so they are cut once per article."""
    if c.exclude is not None and (c.exclude.search(body) or c.exclude.search(head)):
        return None
    within = c.target.within
    if within not in split:
        split[within] = _windows(body, within)
    # The title counts as a window of its own and its hits count twice: headlines state topics.
    windows = [(w, 1) for w in split[within]]
    if head.strip():
        windows.append((head, 2))
    if not any(all(p.search(w) for p, _ in c.groups) for w, _ in windows):
        return None
    counts = []
    found: list[tuple[int, str]] = []
    for pattern, canon in c.groups:
        n = 0
        for w, weight in ((head, 2), (body, 1)):
            for m in pattern.finditer(w):
                n += weight
                term = canon.get(" ".join(m.group().split()).lower(), m.group())
                found.append((m.start() + (0 if weight == 2 else len(head) + 1), term))
        counts.append(min(n, SATURATION) / SATURATION)
    terms: list[str] = []
    for _, term in sorted(found):
        if term not in terms:
            terms.append(term)
    score = round(sum(counts) / len(counts), 4)
    return TargetMatch(c.target.id, c.target.target, score, tuple(terms))


def match_targets(
    text: str, targets: Sequence[Target] | TargetSet, title: str | None = None
) -> list[TargetMatch]:
    """The targets an article matches, best first.

    Args:
        text: the article body.
        targets: the targets to try (a `TargetSet` or a sequence of `Target`).
        title: the headline, if any; its terms count twice.

    Returns:
        One match per matched target, sorted by score (highest first), then id. The score is the
        mean over the target's term groups of min(hits, 3) / 3, so an article that names every
        group three times or more scores 1.0; `matched_terms` lists the terms found, in the order
        they first appear (title first).
    """
    return TargetMatcher(targets)(text, title)


class TargetMatcher:
    """Compiled targets, for matching many articles without recompiling the patterns.

    An index over the terms' words (term_index.py) picks the targets an article can match, so
    only those are tried: 1,000 targets cost little more than a few. `index=False` tries every
    target, the reference the index is tested against.
    """

    def __init__(self, targets: Sequence[Target] | TargetSet, *, index: bool = True) -> None:
        items = targets.targets if isinstance(targets, TargetSet) else tuple(targets)
        self._compiled = [_compile(t) for t in items]
        self._index = (
            TermIndex(
                [[[_straight(t) for t in g] for g in c.target.groups] for c in self._compiled]
            )
            if index
            else None
        )

    def __call__(self, text: str, title: str | None = None) -> list[TargetMatch]:
        body, head = _straight(text), _straight(title or "")
        tried = self._compiled
        if self._index is not None:
            tried = [self._compiled[i] for i in self._index.candidates((body, head))]
        split: dict[str, list[str]] = {}
        out = [m for c in tried if (m := _match(c, body, head, split)) is not None]
        out.sort(key=lambda m: (-m.score, m.target_id))
        return out

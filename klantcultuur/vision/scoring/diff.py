"""A readable difference between two versions of the vision (difflib).

Paragraphs are aligned first; a changed paragraph is then compared word by word, so a reader
sees the words that were struck and added inside the sentence, not two whole blocks.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    kind: str  # "same", "added" or "removed"
    text: str


@dataclass(frozen=True)
class Row:
    kind: str  # "same", "added", "removed" or "changed"
    segments: tuple[Segment, ...]


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", text or "") if p.strip()]


def _words(old: str, new: str) -> tuple[Segment, ...]:
    """Word-level changes; neighbouring changes separated only by a space read as one."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    segments: list[Segment] = []
    removed, added = "", ""

    def flush() -> None:
        nonlocal removed, added
        if removed.strip():
            segments.append(Segment("removed", removed.rstrip()))
        if added.strip():
            segments.append(Segment("added", added.rstrip()))
        tail = removed[len(removed.rstrip()) :] if removed.strip() else ""
        removed, added = "", ""
        if tail:
            segments.append(Segment("same", tail))

    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            text = "".join(a[i1:i2])
            between = (removed or added) and index + 1 < len(opcodes)
            if text.isspace() and between:
                removed += text
                added += text
                continue
            flush()
            segments.append(Segment("same", text))
            continue
        removed += "".join(a[i1:i2])
        added += "".join(b[j1:j2])
    flush()
    return tuple(s for s in segments if s.text)


def diff_paragraphs(old: Sequence[str], new: Sequence[str]) -> list[Row]:
    """Rows of the difference between two lists of paragraphs."""
    rows: list[Row] = []
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend(Row("same", (Segment("same", p),)) for p in old[i1:i2])
        elif op == "delete":
            rows.extend(Row("removed", (Segment("removed", p),)) for p in old[i1:i2])
        elif op == "insert":
            rows.extend(Row("added", (Segment("added", p),)) for p in new[j1:j2])
        else:
            olds, news = list(old[i1:i2]), list(new[j1:j2])
            for k in range(max(len(olds), len(news))):
                if k < len(olds) and k < len(news):
                    ratio = difflib.SequenceMatcher(None, olds[k], news[k]).ratio()
                    if ratio >= 0.4:
                        rows.append(Row("changed", _words(olds[k], news[k])))
                        continue
                    rows.append(Row("removed", (Segment("removed", olds[k]),)))
                    rows.append(Row("added", (Segment("added", news[k]),)))
                elif k < len(olds):
                    rows.append(Row("removed", (Segment("removed", olds[k]),)))
                else:
                    rows.append(Row("added", (Segment("added", news[k]),)))
    return rows


def diff_text(old: str, new: str) -> list[Row]:
    """The difference between two texts, paragraph by paragraph."""
    return diff_paragraphs(_paragraphs(old), _paragraphs(new))


def changed(rows: Sequence[Row]) -> bool:
    return any(row.kind != "same" for row in rows)

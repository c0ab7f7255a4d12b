"""Scores of the reader on labelled sentences, and its throughput on one core.

``python -m tools.textanalysis.measure`` prints them for every set, side by side.
"""

from __future__ import annotations

import csv
import random
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from .analyser import Analyser
from .model import LABELS


class Report(NamedTuple):
    """Scores of one evaluation run."""

    n: int
    accuracy: float
    macro_f1: float
    per_class: dict[
        str, tuple[float, float, float, int]
    ]  # label -> (precision, recall, f1, support)
    confusion: dict[str, dict[str, int]]  # gold -> predicted -> count
    errors: list[tuple[str, str, str, str]]  # sentence, gold, predicted, phenomenon


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a sentence/label/sector/phenomenon TSV (header required)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            row
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            if row.get("sentence")
        ]


def evaluate(rows: Sequence[dict[str, str]], analyser: Analyser | None = None) -> Report:
    """Label every row's sentence with `label_sentence` and compare with the gold label."""
    an = analyser or Analyser()
    return report(
        (
            row["sentence"],
            row["label"].strip(),
            an.label_sentence(row["sentence"]).label,
            row.get("phenomenon", ""),
        )
        for row in rows
    )


def report(items: Iterable[tuple[str, str, str, str]]) -> Report:
    """Scores of (sentence, gold, predicted, note) items."""
    confusion = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
    errors = []
    n = 0
    for sentence, gold, pred, note in items:
        n += 1
        confusion[gold][pred] += 1
        if gold != pred:
            errors.append((sentence, gold, pred, note))
    per_class = {}
    for lab in LABELS:
        tp = confusion[lab][lab]
        fp = sum(confusion[g][lab] for g in LABELS if g != lab)
        fn = sum(confusion[lab][p] for p in LABELS if p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_class[lab] = (prec, rec, f1, tp + fn)
    acc = sum(confusion[lab][lab] for lab in LABELS) / n if n else 0.0
    macro = sum(v[2] for v in per_class.values()) / len(LABELS)
    return Report(n, acc, macro, per_class, confusion, errors)


def format_report(rep: Report) -> str:
    """Human-readable summary of a Report."""
    lines = [f"n={rep.n}  accuracy={rep.accuracy:.3f}  macro-F1={rep.macro_f1:.3f}", ""]
    lines.append(f"{'label':<12} {'prec':>6} {'rec':>6} {'f1':>6} {'n':>5}")
    for lab, (p, r, f, s) in rep.per_class.items():
        lines.append(f"{lab:<12} {p:6.3f} {r:6.3f} {f:6.3f} {s:5d}")
    lines += [
        "",
        "confusion (rows gold, columns predicted)",
        " " * 12 + "".join(f"{lab[:6]:>8}" for lab in LABELS),
    ]
    for g in LABELS:
        lines.append(f"{g:<12}" + "".join(f"{rep.confusion[g][p]:8d}" for p in LABELS))
    return "\n".join(lines)


_SAMPLE_PARTS = (
    "De monteur was super vriendelijk en heeft alles netjes opgeruimd.",
    "Vriendelijk geholpen, maar wel lang moeten wachten.",
    "Ik heb vier keer moeten bellen voordat er iemand kwam 😡",
    "Het zou fijn zijn als ik een tijdvak kreeg in plaats van een hele dag.",
    "Ik had een vraag over mijn jaaropgave.",
    "Binnen twee dagen was de cv-ketel gerepareerd, top!",
    "Niet echt vriendelijk aan de telefoon en de wachttijd was lang.",
    "Geweldig, weer drie weken wachten op een monteur.",
    "De app werkt prima en declareren gaat heel makkelijk 👍",
    "Ze hebben nooit teruggebeld terwijl dat wel beloofd was.",
    "Den technieker was nie op tijd en ook nog onbeleefd.",
    "Sneller reageren op mails zou al veel schelen.",
)
_FILLERS = (
    "echt",
    "wel",
    "ook",
    "gewoon",
    "nu",
    "toen",
    "daar",
    "hier",
    "zeker",
    "vandaag",
    "gisteren",
)


def sample_comments(n: int = 5000, seed: int = 7) -> list[str]:
    """Typical comments (1-3 sentences, ~25 words) with varied wording so caches do not flatter."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        parts = rng.sample(_SAMPLE_PARTS, rng.choice((1, 2, 2, 3)))
        words = " ".join(parts).split()
        # Unique filler-plus-number words keep token memo tables from covering every comment.
        words.insert(rng.randrange(len(words)), f"{rng.choice(_FILLERS)}")
        words.insert(rng.randrange(len(words)), f"ref{i}")
        out.append(" ".join(words))
    return out


def throughput(
    analyser: Analyser | None = None,
    comments: Sequence[str] | None = None,
    repeat: int = 3,
    clock: Callable[[], float] = time.process_time,
) -> float:
    """Comments per second of `analyse()` on one core: the best of `repeat` passes."""
    # The default clock is this process's CPU time, so other work on a shared machine does not
    # count; pass clock=time.perf_counter for wall-clock time. The analyser is warmed on the first
    # 200 comments, as a long-running worker would be.
    an = analyser or Analyser()
    texts = list(comments) if comments is not None else sample_comments()
    for t in texts[:200]:
        an.analyse(t)
    best = 0.0
    for _ in range(repeat):
        t0 = clock()
        for t in texts:
            an.analyse(t)
        elapsed = max(clock() - t0, 1e-9)
        best = max(best, len(texts) / elapsed)
    return best

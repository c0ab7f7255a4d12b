"""Every model of the comment reader on every labelled set, side by side.

Usage::

    python -m tools.textanalysis.measure               # the table
    python -m tools.textanalysis.measure --errors SET  # also the errors of one set (a development set!)
    python -m tools.textanalysis.measure --limit 50    # the first 50 sentences of each set

Models: ``reader`` (what ships: the rules plus the trained layer when one is shipped), ``rules``
(the rules alone), ``rules+layer`` (the rules with the trained layer of ``data/classifier_nl.json``
whether it ships or not) and ``lexicon`` (a plain word lexicon). The errors of a check set are
never printed: looking at them would make it a development set.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import NamedTuple

from klantcultuur.textanalysis import Analyser
from klantcultuur.textanalysis.classifier import WEIGHTS_FILE, LinearModel
from klantcultuur.textanalysis.evaluate import Report, report
from klantcultuur.textanalysis.model import LABELS
from tools.textanalysis.sets import LabelledSet, LexiconBaseline, all_sets


class Score(NamedTuple):
    """One model on one set."""

    model: str
    set: str
    role: str
    report: Report


def models() -> dict[str, Callable[[str], str]]:
    """Name -> sentence labeller, for every model worth comparing."""
    out: dict[str, Callable[[str], str]] = {}
    out["reader"] = _labeller(Analyser())
    out["rules"] = _labeller(Analyser(classifier=False))
    if WEIGHTS_FILE.exists():
        out["rules+layer"] = _labeller(Analyser(classifier=LinearModel.load()))
    out["lexicon"] = LexiconBaseline().label
    return out


def _labeller(an: Analyser) -> Callable[[str], str]:
    return lambda text: an.label_sentence(text).label


def measure(
    sets: Sequence[LabelledSet] | None = None,
    labellers: dict[str, Callable[[str], str]] | None = None,
    limit: int | None = None,
) -> list[Score]:
    """Score every labeller on every set (the first `limit` sentences of each, if given)."""
    out = []
    for model, label in (labellers or models()).items():
        for ls in sets if sets is not None else all_sets():
            rows = ls.rows[:limit] if limit else ls.rows
            rep = report((r.sentence, r.label, label(r.sentence), r.group) for r in rows)
            out.append(Score(model, ls.name, ls.role, rep))
    return out


def format_table(scores: Sequence[Score]) -> str:
    """One line per model and set: n, macro-F1 and F1 per class."""
    head = f"{'set':<22} {'role':<12} {'model':<12} {'n':>5} {'macro-F1':>9}" + "".join(
        f" {lab[:11]:>11}" for lab in LABELS
    )
    lines = [head]
    for s in sorted(scores, key=lambda s: (s.set, s.model)):
        per = "".join(f" {s.report.per_class[lab][2]:11.3f}" for lab in LABELS)
        lines.append(
            f"{s.set:<22} {s.role:<12} {s.model:<12} {s.report.n:5d} {s.report.macro_f1:9.3f}{per}"
        )
    return "\n".join(lines)


def as_json(scores: Sequence[Score]) -> dict:
    """Nested plain data: set -> model -> figures (for the benchmark's JSON line)."""
    out: dict = {}
    for s in scores:
        out.setdefault(s.set, {"role": s.role, "n": s.report.n})[s.model] = {
            "macro_f1": round(s.report.macro_f1, 4),
            **{lab: round(s.report.per_class[lab][2], 4) for lab in LABELS},
        }
    return out


def main(argv: Sequence[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", metavar="SET", help="print the errors of a development set")
    parser.add_argument("--model", default="reader", help="whose errors (default: reader)")
    args = parser.parse_args(argv)
    scores = measure(limit=args.limit)
    print(format_table(scores))
    if args.errors:
        for s in scores:
            if s.set == args.errors and s.model == args.model:
                if s.role == "check":
                    raise SystemExit("the errors of a check set are not shown")
                print(f"\nerrors of {s.model} on {s.set}:")
                for sentence, gold, pred, _note in s.report.errors:
                    print(f"  gold={gold:<11} pred={pred:<11} {sentence}")


if __name__ == "__main__":
    main()

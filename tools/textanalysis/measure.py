"""Every model of the comment reader on every labelled set, side by side.

Usage::

    python -m tools.textanalysis.measure               # the table
    python -m tools.textanalysis.measure --errors SET  # also the errors of one set (a development set!)
    python -m tools.textanalysis.measure --limit 50    # the first 50 sentences of each set

Models: ``reader`` (what ships: the rules plus the trained layer when one is shipped), ``rules``
(the rules alone), ``rules+layer`` (the rules with the trained layer of ``data/classifier_nl.json``
whether it ships or not) and ``lexicon`` (a plain word lexicon). The errors of a check set are
never printed: looking at them would make it a development set. ``--organisation`` runs the
labelling queue on the development set split in two (agreement before and after 100 answers).
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Callable, Sequence
from typing import NamedTuple

from klantcultuur.textanalysis import Analyser
from klantcultuur.textanalysis.classifier import WEIGHTS_FILE, LinearModel
from klantcultuur.textanalysis.evaluate import Report, report
from klantcultuur.textanalysis.learning import least_sure
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


def organisation_trial(corrections: int = 100) -> tuple[int, int, Report, Report]:
    """The labelling queue on a real set split in two, by review.

    An organisation answers the queue (the `corrections` sentences of part A the reader is least
    sure of, with their gold labels); the reader's agreement with part B is measured before and
    after it learns from those answers. Returns (answers, n of part B, before, after).
    """
    dev = next(ls for ls in all_sets() if ls.role == "development")
    part_a = [r for r in dev.rows if not _part_b(r.group)]
    part_b = [r for r in dev.rows if _part_b(r.group)]
    gold = {r.sentence: r.label for r in part_a}
    shared = Analyser()
    answers = {text: gold[text] for text, _s in least_sure(shared, gold, corrections)}
    learned = Analyser(corrections=answers)
    before = report(
        (r.sentence, r.label, shared.label_sentence(r.sentence).label, "") for r in part_b
    )
    after = report(
        (r.sentence, r.label, learned.label_sentence(r.sentence).label, "") for r in part_b
    )
    return len(answers), len(part_b), before, after


def _part_b(group: str) -> bool:
    return hashlib.sha256(("org:" + group).encode("utf-8")).digest()[0] % 2 == 1


def main(argv: Sequence[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", metavar="SET", help="print the errors of a development set")
    parser.add_argument("--model", default="reader", help="whose errors (default: reader)")
    parser.add_argument(
        "--organisation", action="store_true", help="the labelling queue on a real set split in two"
    )
    args = parser.parse_args(argv)
    if args.organisation:
        asked, n, before, after = organisation_trial()
        print(f"{asked} answers from part A; agreement on part B (n={n}):")
        print(f"  before {before.accuracy:.3f} (macro-F1 {before.macro_f1:.3f})")
        print(f"  after  {after.accuracy:.3f} (macro-F1 {after.macro_f1:.3f})")
        return
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

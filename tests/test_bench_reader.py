"""The benchmark's comment-reader part runs at a tiny size: every model on every set, side by side."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from klantcultuur.textanalysis.model import LABELS

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location(
        "feedback_ingest", ROOT / "bench" / "feedback_ingest.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_reader_part_scores_every_model_on_every_set_with_per_class_f1() -> None:
    result = _bench().reader(limit=12, comments=30)
    sets = result["sets"]
    assert "own-held-out" in sets
    for name, figures in sets.items():
        assert figures["n"] == 12, name
        assert {"reader", "rules", "lexicon"} <= set(figures), name
        for model in ("reader", "rules", "lexicon"):
            scores = figures[model]
            assert set(LABELS) <= set(scores)
            assert 0.0 <= scores["macro_f1"] <= 1.0
            per_class = [scores[label] for label in LABELS]
            assert abs(sum(per_class) / 3 - scores["macro_f1"]) < 1e-3
    assert result["sentences_per_s"] > result["classify_per_s"] > 0
    assert "macro-F1" in result["table"]


def test_the_reader_alone_runs_from_the_command_line_and_ends_with_json() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "feedback_ingest.py"), "--reader", "8"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    last = json.loads(out.strip().splitlines()[-1])
    assert last["reader_sets"]["own-held-out"]["n"] == 8
    assert last["sentences_per_s"] > 0

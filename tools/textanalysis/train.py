"""Train the trained layer offline and write ``data/classifier_nl.json``.

Usage::

    python -m tools.textanalysis.train            # cross-validate, then write
    python -m tools.textanalysis.train --cv-only  # report, write nothing
    python -m tools.textanalysis.train --grid     # also search the settings

The model is a multinomial logistic regression with L2 regularisation over the features of
:mod:`.features`, fitted by full-batch L-BFGS in NumPy: no randomness, so the same data give the
same weights. Training files are named explicitly in ``TRAIN_FILES``; a held-out evaluation set in
``data/`` is never read. Cross-validation is grouped by source file (leave one file out): each
file is predicted by a model trained on the other files only, which estimates how the layer does
on a writer it has not seen.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

from klantcultuur.textanalysis.analyser import Analyser
from klantcultuur.textanalysis.classifier import WEIGHTS_FILE, LinearModel
from klantcultuur.textanalysis.evaluate import read_tsv
from klantcultuur.textanalysis.model import LABELS
from tools.textanalysis.sets import DATA_DIR

# Training data, by file name in data/. The first two were written by the rules' author and the
# rules were tuned on them, so the rules' verdict looks more reliable there than it is on new
# text: their sentences count for less (`Settings.author_weight`, chosen by cross-validation).
TRAIN_FILES = ("dev_nl.tsv", "validation_nl.tsv", "train_a_nl.tsv", "train_b_nl.tsv")
AUTHOR_FILES = frozenset({"dev_nl.tsv", "validation_nl.tsv"})


class Settings(NamedTuple):
    """What cross-validation chooses."""

    l2: float = 0.0005  # L2 penalty per feature weight, on the weighted mean loss
    min_count: int = 2  # a key must occur in this many training sentences
    author_weight: float = 0.25  # weight of dev/validation sentences (the rules' own data)
    words: bool = True  # word unigrams/bigrams (w:, b:, fw:)


SETTINGS = Settings()


class Example(NamedTuple):
    """One training sentence with the rules' verdict and its features."""

    source: str
    text: str
    gold: str
    rule: str
    keys: tuple[str, ...]
    real: tuple[tuple[str, float], ...]


def _checked(name: str) -> Path:
    if name.startswith("eval") or name.startswith("EVAL"):
        raise ValueError("the held-out evaluation set is never used for training")
    return DATA_DIR / name


def load_examples(
    files: Iterable[str] = TRAIN_FILES, analyser: Analyser | None = None
) -> list[Example]:
    """Examples from the named data files that exist, in file order."""
    an = analyser or Analyser(classifier=False)
    out = []
    for name in files:
        path = _checked(name)
        if not path.exists():
            continue
        for row in read_tsv(path):
            gold = row["label"].strip()
            if gold not in LABELS:
                raise ValueError(f"{name}: bad label {gold!r} for {row['sentence']!r}")
            rule, keys, real = an.rule_features(row["sentence"])
            out.append(Example(name, row["sentence"], gold, rule, tuple(keys), tuple(real)))
    return out


def _keep(key: str, settings: Settings) -> bool:
    return settings.words or not key.startswith(("w:", "b:", "fw"))


def fit(
    examples: Sequence[Example], settings: Settings = SETTINGS, max_iter: int = 400
) -> LinearModel:
    """Fit the weights by L-BFGS on the weighted mean cross-entropy plus L2."""
    counts: dict[str, int] = {}
    for ex in examples:
        for key in set(ex.keys):
            if _keep(key, settings):
                counts[key] = counts.get(key, 0) + 1
    vocab = sorted(k for k, c in counts.items() if c >= settings.min_count)
    real_names = sorted({name for ex in examples for name, _v in ex.real})
    index = {k: i for i, k in enumerate(vocab)}
    for name in real_names:
        index["\0" + name] = len(index)
    d = len(index)
    indptr = [0]
    indices: list[int] = []
    values: list[float] = []
    for ex in examples:
        row: dict[int, float] = {}
        for key in ex.keys:
            i = index.get(key)
            if i is not None:
                row[i] = row.get(i, 0.0) + 1.0
        for name, v in ex.real:
            row[index["\0" + name]] = v
        for i in sorted(row):
            indices.append(i)
            values.append(row[i])
        indptr.append(len(indices))
    y = np.array([LABELS.index(ex.gold) for ex in examples])
    sw = np.array([_weight(ex.source, settings) for ex in examples])
    w, b = _lbfgs(
        np.array(indptr), np.array(indices), np.array(values), y, sw, d, settings.l2, max_iter
    )
    weights = {k: w[index[k]].tolist() for k in vocab}
    weights = {k: v for k, v in weights.items() if max(abs(x) for x in v) >= 5e-5}
    real = {name: w[index["\0" + name]].tolist() for name in real_names}
    meta = {
        "settings": settings._asdict(),
        "files": {
            name: {
                "sentences": sum(1 for ex in examples if ex.source == name),
                "sha256": _sha256(_checked(name)),
            }
            for name in dict.fromkeys(ex.source for ex in examples)
        },
    }
    return LinearModel(weights, b.tolist(), real, meta)


def _weight(source: str, settings: Settings) -> float:
    return settings.author_weight if source in AUTHOR_FILES else 1.0


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _lbfgs(
    indptr: np.ndarray,
    indices: np.ndarray,
    values: np.ndarray,
    y: np.ndarray,
    sw: np.ndarray,
    d: int,
    l2: float,
    max_iter: int,
    memory: int = 10,
) -> tuple[np.ndarray, np.ndarray]:
    """Minimise the loss over W (d x 3) and bias (3); deterministic, NumPy only."""
    n = len(y)
    k = len(LABELS)
    rows = np.repeat(np.arange(n), np.diff(indptr))
    total = sw.sum()
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0

    def loss_grad(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[: d * k].reshape(d, k)
        b = theta[d * k :]
        z = np.zeros((n, k))
        contrib = w[indices] * values[:, None]
        for c in range(k):
            z[:, c] = np.bincount(rows, weights=contrib[:, c], minlength=n)
        z += b
        top = z.max(axis=1, keepdims=True)
        ez = np.exp(z - top)
        norm = ez.sum(axis=1, keepdims=True)
        logp = z - top - np.log(norm)
        loss = -(sw * (logp * onehot).sum(axis=1)).sum() / total + 0.5 * l2 * (w * w).sum()
        g = (ez / norm - onehot) * (sw / total)[:, None]
        gz = g[rows] * values[:, None]
        gw = np.empty((d, k))
        for c in range(k):
            gw[:, c] = np.bincount(indices, weights=gz[:, c], minlength=d)
        gw += l2 * w
        return float(loss), np.concatenate([gw.ravel(), g.sum(axis=0)])

    theta = np.zeros(d * k + k)
    f, g = loss_grad(theta)
    s_hist: list[np.ndarray] = []
    y_hist: list[np.ndarray] = []
    for it in range(max_iter):
        if np.abs(g).max() < 1e-7:
            break
        # Two-loop recursion.
        q = g.copy()
        alphas = []
        for s, yv in zip(reversed(s_hist), reversed(y_hist), strict=True):
            rho = 1.0 / float(yv @ s)
            a = rho * float(s @ q)
            alphas.append((a, rho))
            q -= a * yv
        if s_hist:
            q *= float(s_hist[-1] @ y_hist[-1]) / float(y_hist[-1] @ y_hist[-1])
        else:
            q /= max(1.0, float(np.abs(g).sum()))
        for (a, rho), s, yv in zip(reversed(alphas), s_hist, y_hist, strict=True):
            beta = rho * float(yv @ q)
            q += (a - beta) * s
        direction = -q
        slope = float(g @ direction)
        if slope >= 0:
            direction, slope = -g, -float(g @ g)
            s_hist.clear()
            y_hist.clear()
        step = 1.0
        while True:
            new = theta + step * direction
            f_new, g_new = loss_grad(new)
            if f_new <= f + 1e-4 * step * slope or step < 1e-10:
                break
            step *= 0.5
        s_vec, y_vec = new - theta, g_new - g
        if float(s_vec @ y_vec) > 1e-12:
            s_hist.append(s_vec)
            y_hist.append(y_vec)
            if len(s_hist) > memory:
                s_hist.pop(0)
                y_hist.pop(0)
        converged = f - f_new < 1e-10 * max(1.0, abs(f)) and it > 5
        theta, f, g = new, f_new, g_new
        if converged:
            break
    return theta[: d * k].reshape(d, k), theta[d * k :]


# ---------------------------------------------------------------------- evaluation


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Macro-averaged F1 over the three labels."""
    f1s = []
    for lab in LABELS:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


def predict(model: LinearModel, examples: Sequence[Example]) -> list[str]:
    """The trained layer's labels for examples (as the analyser would give them)."""
    return [model.predict(ex.keys, ex.real) for ex in examples]


def leave_one_file_out(
    examples: Sequence[Example], settings: Settings = SETTINGS, files: Iterable[str] | None = None
) -> dict[str, tuple[int, float, float]]:
    """Per held-out file: (sentences, rules-alone macro-F1, rules+model macro-F1)."""
    sources = list(dict.fromkeys(ex.source for ex in examples))
    out = {}
    for name in files or sources:
        test = [ex for ex in examples if ex.source == name]
        train = [ex for ex in examples if ex.source != name]
        if not test or not train:
            continue
        model = fit(train, settings)
        gold = [ex.gold for ex in test]
        out[name] = (
            len(test),
            macro_f1(gold, [ex.rule for ex in test]),
            macro_f1(gold, predict(model, test)),
        )
    return out


def format_cv(cv: dict[str, tuple[int, float, float]]) -> str:
    """A small table of leave-one-file-out scores."""
    lines = [f"{'held-out file':<22} {'n':>5} {'rules':>7} {'+model':>7}"]
    for name, (n, rules, model) in cv.items():
        lines.append(f"{name:<22} {n:5d} {rules:7.3f} {model:7.3f}")
    return "\n".join(lines)


def grid(examples: Sequence[Example]) -> list[tuple[float, Settings, dict]]:
    """Leave-one-file-out over a small grid; ranked by the mean over the newly written files."""
    new_files = [n for n in dict.fromkeys(ex.source for ex in examples) if n.startswith("train")]
    results = []
    for l2, min_count, author, words in itertools.product(
        (0.0002, 0.0005, 0.001, 0.003, 0.01), (1, 2, 3), (0.0, 0.1, 0.25, 0.5, 1.0), (True, False)
    ):
        settings = Settings(l2, min_count, author, words)
        cv = leave_one_file_out(examples, settings, new_files or None)
        mean = sum(v[2] for v in cv.values()) / len(cv)
        results.append((mean, settings, cv))
        print(f"{mean:.4f} {settings}", flush=True)
    results.sort(key=lambda r: -r[0])
    return results


def main(argv: Sequence[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true", help="report, write no weights")
    parser.add_argument("--grid", action="store_true", help="search the settings first")
    parser.add_argument("--out", default=str(WEIGHTS_FILE))
    args = parser.parse_args(argv)
    examples = load_examples()
    settings = SETTINGS
    if args.grid:
        best = grid(examples)
        for mean, s, _cv in best[:10]:
            print(f"best {mean:.4f} {s}")
    cv = leave_one_file_out(examples, settings)
    print(format_cv(cv))
    if args.cv_only:
        return
    model = fit(examples, settings)
    model.meta["leave_one_file_out"] = {
        name: {"sentences": n, "rules": round(r, 4), "rules_and_model": round(m, 4)}
        for name, (n, r, m) in cv.items()
    }
    Path(args.out).write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {args.out}: {len(model.weights)} weights from {len(examples)} sentences")


if __name__ == "__main__":
    main()

"""The labelled sets the comment reader is trained and measured on, and a plain-lexicon baseline.

Three kinds of set, kept apart on purpose:

* training files (``data/*.tsv`` named in ``train.TRAIN_FILES``), written for Klantcultuur;
* the project's own held-out set (``data/eval_nl.tsv``), also written for Klantcultuur, never
  trained or tuned on;
* real Dutch text written and labelled by people outside the project (``real_sets()``). These are
  for measuring only: nothing here trains the shipped model. The SemEval-2016 phone reviews live
  outside the repository (their licence is for research use); their reviews are split once, by a
  hash of the review id, into a development half (its errors may be read while improving the
  rules) and a check half (only its score is looked at).
"""

from __future__ import annotations

import csv
import hashlib
import os
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from klantcultuur.textanalysis.lexicon import DATA_DIR as RUNTIME_DATA
from klantcultuur.textanalysis.model import COMPLIMENT, IMPROVEMENT, NEUTRAL
from klantcultuur.textanalysis.text import TOKEN_RE

DATA_DIR = Path(__file__).resolve().parent / "data"
OWN_HELDOUT = DATA_DIR / "eval_nl.tsv"
ROOT = Path(__file__).resolve().parents[2]
# The shared copy of the SemEval-2016 Dutch phone reviews (train file); see its README.
REAL_DIR = Path(
    os.environ.get("KC_REAL_NL_REVIEWS", ROOT.parent / "shared" / "data" / "real-nl-reviews")
)
SEMEVAL_PHONES = "mobilephones_train_dutch.xml"


class Row(NamedTuple):
    """One labelled sentence; `group` keeps sentences of one review together."""

    sentence: str
    label: str
    group: str = ""


class LabelledSet(NamedTuple):
    """A named set of sentences; `role` says how it may be used."""

    name: str
    role: str  # "held-out", "development", "check"
    rows: tuple[Row, ...]
    left_out: int = 0  # sentences without a three-way label (mixed opinions)


def read_tsv_rows(path: Path) -> list[Row]:
    """Rows of a sentence/label TSV with a header (the project's own format)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            Row(r["sentence"], r["label"].strip(), r.get("source", "") or "")
            for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            if r.get("sentence")
        ]


def semeval_label(polarities: Sequence[str]) -> str | None:
    """The sentence label its README derives from the opinions; None for mixed signs."""
    signs = {p for p in polarities if p in ("positive", "negative")}
    if not signs:
        return NEUTRAL
    if signs == {"positive"}:
        return COMPLIMENT
    if signs == {"negative"}:
        return IMPROVEMENT
    return None


def read_semeval(path: Path) -> tuple[list[Row], int]:
    """(labelled sentences, number left out as mixed) of a SemEval-2016 Task 5 XML file."""
    rows: list[Row] = []
    mixed = 0
    for review in ET.parse(path).getroot().iter("Review"):
        rid = review.get("rid", "")
        for sent in review.iter("sentence"):
            if sent.get("OutOfScope") == "TRUE":
                continue
            text = (sent.findtext("text") or "").strip()
            if not text:
                continue
            label = semeval_label([op.get("polarity", "") for op in sent.iter("Opinion")])
            if label is None:
                mixed += 1
                continue
            rows.append(Row(text, label, rid))
    return rows, mixed


def in_check_half(group: str) -> bool:
    """Whether a review belongs to the check half (fixed by a hash of its id, never by its text)."""
    return hashlib.sha256(group.encode("utf-8")).digest()[0] % 2 == 1


def real_sets(real_dir: Path = REAL_DIR) -> list[LabelledSet]:
    """The real-text sets that are present on this machine, development half first."""
    out: list[LabelledSet] = []
    phones = real_dir / SEMEVAL_PHONES
    if phones.exists():
        rows, mixed = read_semeval(phones)
        dev = tuple(r for r in rows if not in_check_half(r.group))
        check = tuple(r for r in rows if in_check_half(r.group))
        out.append(LabelledSet("semeval-phones-dev", "development", dev, mixed))
        out.append(LabelledSet("semeval-phones-check", "check", check))
    return out


def all_sets(real_dir: Path = REAL_DIR) -> list[LabelledSet]:
    """The own held-out set, then every real set that is present."""
    own = LabelledSet("own-held-out", "held-out", tuple(read_tsv_rows(OWN_HELDOUT)))
    return [own, *real_sets(real_dir)]


class LexiconBaseline:
    """A plain word lexicon: the mean polarity of the sentence's words in the Pattern lexicon.

    No negation, no clauses, no cues: the floor every smarter layer has to beat.
    """

    def __init__(self, threshold: float = 0.1) -> None:
        """Load the Pattern lexicon shipped with the reader."""
        self.threshold = threshold
        self.polarity: dict[str, float] = {}
        path = RUNTIME_DATA / "pattern_nl_sentiment.tsv"
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            try:
                self.polarity[parts[0]] = float(parts[1])
            except (IndexError, ValueError):
                continue

    def label(self, sentence: str) -> str:
        """Compliment, improvement or neutral by the summed polarity of known words."""
        hits = [self.polarity[w] for w in TOKEN_RE.findall(sentence.lower()) if w in self.polarity]
        total = sum(hits)
        if total >= self.threshold:
            return COMPLIMENT
        if total <= -self.threshold:
            return IMPROVEMENT
        return NEUTRAL

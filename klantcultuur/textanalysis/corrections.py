"""Organisation corrections: exact overrides plus cautious cue phrases generalised from them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping

from .model import LABELS
from .text import normalise

# Words too common to anchor a learned cue on their own.
_STOP = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "of",
        "maar",
        "dat",
        "die",
        "dit",
        "deze",
        "ik",
        "je",
        "jij",
        "u",
        "we",
        "wij",
        "ze",
        "zij",
        "hij",
        "men",
        "jullie",
        "mijn",
        "uw",
        "ons",
        "onze",
        "is",
        "was",
        "zijn",
        "ben",
        "bent",
        "waren",
        "heb",
        "heeft",
        "hebben",
        "had",
        "hadden",
        "wordt",
        "werd",
        "worden",
        "word",
        "er",
        "hier",
        "daar",
        "in",
        "op",
        "aan",
        "van",
        "voor",
        "met",
        "bij",
        "naar",
        "over",
        "om",
        "te",
        "tot",
        "uit",
        "door",
        "als",
        "dan",
        "ook",
        "nog",
        "al",
        "wel",
        "niet",
        "geen",
        "zo",
        "dus",
        "want",
        "toen",
        "nu",
        "even",
        "heel",
        "erg",
        "echt",
        "zeer",
        "meer",
        "veel",
        "wat",
        "iets",
        "alles",
        "niets",
        "niks",
    ]
)

STOPWORDS = _STOP  # also keeps function words out of the trained layer's explanations


class CorrectionStore:
    """Exact sentence overrides plus n-gram cues learned from corrections the rules got wrong."""

    # A cue is a 2-3 word phrase from a corrected clause that (a) contains a non-stopword and a word
    # that can carry an opinion (verb, negator, lexicon cue), (b) occurs in at least `min_support`
    # distinct corrections that disagreed with the rules, all with the same label, and (c) never in
    # a correction with another label. Cues only relabel clauses the rules found neutral or weak,
    # so corrections cannot flip sentences that share no such phrase with them.

    def __init__(self, min_support: int = 2) -> None:
        """Start empty; call `rebuild` with the organisation's corrections."""
        self.min_support = max(1, min_support)
        self.exact: dict[str, str] = {}
        self.texts: dict[str, str] = {}  # normalised key -> the correction's text as first given
        self.cues: dict[tuple[str, ...], str] = {}
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}

    def rebuild(
        self,
        corrections: Mapping[str, str],
        cue_words: Callable[[str], list[list[str]]],
        base_label: Callable[[str], str],
        is_anchor: Callable[[str], bool] = lambda w: True,
    ) -> None:
        """Re-index corrections; the callables come from the analyser that owns this store."""
        # `is_anchor` says whether a word can carry an opinion, so that a bare subject such as
        # "het groenafval" never becomes a cue.
        exact: dict[str, str] = {}
        originals: dict[str, str] = {}
        for text, label in corrections.items():
            if label not in LABELS:
                raise ValueError(f"correction label must be one of {LABELS}, got {label!r}")
            key = normalise(text)
            if key:
                exact[key] = label
                originals.setdefault(key, text)
        self.exact = exact
        self.texts = originals
        support: dict[tuple[str, ...], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for key, label in exact.items():
            text = originals[key]
            disagreed = base_label(text) != label
            for clause in cue_words(text):
                for n in (2, 3):
                    for i in range(len(clause) - n + 1):
                        gram = tuple(clause[i : i + n])
                        if all(w in _STOP or len(w) < 3 for w in gram) or not any(
                            map(is_anchor, gram)
                        ):
                            continue
                        # Agreeing corrections only count as counter-evidence for other labels.
                        support[gram][label if disagreed else "_agree_" + label].add(key)
        cues: dict[tuple[str, ...], str] = {}
        for gram, by_label in support.items():
            learned = [lab for lab in by_label if not lab.startswith("_agree_")]
            if len(learned) != 1:
                continue
            label = learned[0]
            others = [lab for lab in by_label if lab not in (label, "_agree_" + label)]
            if others or len(by_label[label]) < self.min_support:
                continue
            cues[gram] = label
        # Keep only the shortest cue when a longer one adds nothing (same label, contains it).
        self.cues = {
            g: lab
            for g, lab in cues.items()
            if not any(len(h) < len(g) and cues[h] == lab and _contains(g, h) for h in cues)
        }
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for gram, label in self.cues.items():
            by_first.setdefault(gram[0], []).append((gram, label))
        self._by_first = by_first

    def exact_label(self, text: str) -> str | None:
        """The corrected label for this exact (normalised) text, if any."""
        if not self.exact:
            return None
        return self.exact.get(normalise(text))

    def cue_label(self, words: list[str]) -> tuple[str, tuple[str, ...]] | None:
        """(label, cue) of the first learned cue occurring in the word sequence."""
        if not self._by_first:
            return None
        n = len(words)
        for i, word in enumerate(words):
            for gram, label in self._by_first.get(word, ()):
                m = len(gram)
                if i + m <= n and tuple(words[i : i + m]) == gram:
                    return label, gram
        return None


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    m = len(shorter)
    return any(longer[i : i + m] == shorter for i in range(len(longer) - m + 1))

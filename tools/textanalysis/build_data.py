"""Regenerate the derived data files from their public sources (developer tool, never run at import)."""

from __future__ import annotations

import argparse
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from klantcultuur.textanalysis.lexicon import DATA_DIR, load_domain_terms

# Pattern's polarity for these words is book-review flavoured; in customer feedback they are
# neutral descriptions ("een nieuwe sleutel", "de oude meter"), so the derived file drops them.
_PATTERN_NEUTRAL = frozenset(
    [
        "nieuw",
        "oud",
        "groot",
        "klein",
        "hoog",
        "laag",
        "vol",
        "leeg",
        "warm",
        "eerst",
        "laatst",
        "volgend",
        "vorig",
        "zelfde",
        "ander",
        "gewoon",
        "normaal",
        "eigen",
        "bepaald",
        "zeker",
        "echt",
        "heel",
        "hele",
        "enkel",
        "enig",
        "vrij",
        "zwaar",
        "licht",
        "dik",
        "dun",
        "open",
        "gesloten",
        "vast",
        "los",
        "rond",
        "recht",
        "kort",
        "lang",
        "breed",
        "smal",
        "diep",
        "zacht",
        "hard",
        "stil",
        "luid",
        "jong",
        "zelfstandig",
        "alleen",
        "samen",
        "gemiddeld",
        "algemeen",
        "speciaal",
        "precies",
        "extra",
        "veel",
        "weinig",
        "verschillend",
        "enkele",
        "divers",
        "ruim",
        "direct",
        "meteen",
        "snel",
        "helemaal",
        "totaal",
        "bijzonder",
        "sterk",
        "erg",
        "vreselijk",
        "verschrikkelijk",
        "ontzettend",
        "enorm",
        "ongelooflijk",
    ]
)


def strip_accents(text: str) -> str:
    """Remove combining diacritics so 'geërgerd' and 'geergerd' share a key."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def build_pattern_tsv(xml_path: Path, out_path: Path) -> int:
    """Average Pattern's per-sense scores into one polarity/subjectivity row per word form."""
    senses: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for word in ET.parse(xml_path).getroot().iter("word"):
        form = word.get("form", "").strip().lower()
        if not form or " " in form:
            continue
        senses[form].append((float(word.get("polarity", 0)), float(word.get("subjectivity", 0))))
    rows = []
    for form in sorted(senses):
        if form in _PATTERN_NEUTRAL:
            continue
        pol = sum(p for p, _ in senses[form]) / len(senses[form])
        subj = sum(s for _, s in senses[form]) / len(senses[form])
        rows.append(f"{form}\t{pol:.2f}\t{subj:.2f}")
    header = (
        "# Derived from the CLiPS Pattern Dutch sentiment lexicon (nl-sentiment.xml, Tom De Smedt and\n"
        "# Walter Daelemans, CLiPS, University of Antwerp), licence PDDL (public domain). Senses averaged.\n"
        "# Columns: word <TAB> polarity (-1..1) <TAB> subjectivity (0..1)\n"
    )
    out_path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def build_fuzzy_guard(wordlist: Path, out_path: Path, min_len: int = 5) -> int:
    """List real Dutch words one edit away from a sentiment word, so typo repair leaves them alone."""
    from .lexicon import load_pattern_terms

    targets = {w for w, (pol, _subj) in load_pattern_terms().items() if abs(pol) >= 0.3}
    targets |= {w for w, t in load_domain_terms().items() if abs(t[0]) >= 0.3 and " " not in w}
    index: set[str] = set()
    for word in targets:
        index.add(word)
        index |= _deletes(word)
    guard = []
    for line in wordlist.read_text(encoding="utf-8").splitlines():
        word = strip_accents(line.strip().lower())
        if len(word) < min_len or word in targets or not word.isalpha():
            continue
        if word in index or _deletes(word) & index:
            guard.append(word)
    header = (
        "# Dutch words within one edit of a sentiment word; typo repair never rewrites these.\n"
        "# Derived from the OpenTaal word list (wdutch), licence BSD or CC BY 3.0, (c) OpenTaal.\n"
    )
    out_path.write_text(header + "\n".join(sorted(set(guard))) + "\n", encoding="utf-8")
    return len(set(guard))


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pattern-xml", type=Path, help="path to Pattern's nl-sentiment.xml")
    parser.add_argument("--wordlist", type=Path, help="path to OpenTaal's /usr/share/dict/dutch")
    args = parser.parse_args()
    if args.pattern_xml:
        n = build_pattern_tsv(args.pattern_xml, DATA_DIR / "pattern_nl_sentiment.tsv")
        print(f"pattern: {n} words")
    if args.wordlist:
        n = build_fuzzy_guard(args.wordlist, DATA_DIR / "fuzzy_guard_nl.txt")
        print(f"guard: {n} words")


if __name__ == "__main__":
    main()

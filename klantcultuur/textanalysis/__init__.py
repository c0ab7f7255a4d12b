"""Dutch customer-feedback comment analyser: sentences, clauses, labels, reasons and topics.

Pure Python at run time (3.11 standard library), offline, CPU only; lexicons and the trained
layer's weights load once from ``data/``.

Hand-written rules (lexicon polarity, negation scope, intensifiers, contrastive clauses,
suggestion and sarcasm cues, informal and Flemish spelling, emoji) read every clause. A trained
linear layer (``data/classifier_nl.json``, built by ``make model`` from ``tools/textanalysis``)
can weigh the rules' verdicts and the words; it is measured but not used by default, because
on real reviews written outside the project it lowers the rules' score (``classifier.SHIPPED``,
``data/README.md``). ``python -m tools.textanalysis.measure`` scores every model on every set.

Interface used by the feedback app::

    from klantcultuur.textanalysis import Analyser, Topic, DEFAULT_TOPICS, LABELS, normalise

    an = Analyser(topics=DEFAULT_TOPICS, corrections={})  # compile once per organisation, reuse
    Analyser(classifier=LinearModel.load())  # with the trained layer (not the default)
    result = an.analyse("Vriendelijk geholpen, maar wel lang moeten wachten. 👍")
    result.sentences  # tuple[Sentence]: Sentence(text, start, end, label, segments)
    result.segments   # tuple[Segment]: Segment(text, start, end, label, score, reasons, topics, corrected)
    result.topics     # topic slugs mentioned anywhere, first mention first
    an.label_sentence("Niet echt vriendelijk.")  # -> Sentence (the whole text treated as one sentence)

* ``LABELS == ("compliment", "improvement", "neutral")``. Suggestions and wishes ("graag sneller
  reageren", "het zou fijn zijn als ...") are improvements; facts, questions and empty answers
  ("nvt", "geen opmerkingen") are neutral.
* Segments are clauses: a sentence is split at contrastive and concessive words (maar, alleen,
  echter, helaas, toch, hoewel, ...) and at commas where the polarity flips, so
  ``result.by_label("improvement")`` lists the improvement points.
* A ``Segment`` is a clause. ``start``/``end`` index into the analysed text; ``score`` is in [-1, 1]
  (positive means praise); ``reasons`` are the lowercase words or phrases that decided the label,
  e.g. ``("niet", "vriendelijk")``, ``("lang", "moeten", "wachten")`` or ``("😡",)``, and are empty
  for neutral clauses; ``topics`` are topic slugs; ``corrected`` is True when an organisation's
  correction decided the label.
* The rules label a ``Sentence`` by the contrast rule: the clause after the last contrastive word
  (maar, alleen, echter, helaas, wel jammer dat, toch, ...) decides when it is not neutral; a
  fronted concession ("hoewel het lang duurde, ...") does not; otherwise a complaint or suggestion
  outweighs praise. Both clauses stay available as segments with their own labels.
* When the trained layer is used, it then reads the whole sentence. Where it disagrees, its label wins: a clause
  the rules already gave that label decides the sentence; otherwise the clause whose words pushed
  hardest takes the label and those words become its ``reasons`` (function words left out); a
  neutral verdict clears every clause. Corrections and learned cues decide over the model.
* Emoji after a full stop belong to the sentence before them; an emoji followed by more words
  ends a sentence.
* ``Topic(slug, name_nl, name_en, keywords)``: a keyword is a word (regular inflections match:
  ``afspraak`` matches ``afspraken``), a prefix ``wacht*``, a compound head ``*formulier`` or a
  phrase of such words (``aan de lijn``). ``DEFAULT_TOPICS`` holds wachttijd, bereikbaarheid,
  vriendelijkheid, deskundigheid, communicatie, afspraken_nakomen, prijs, kwaliteit and
  digitale_kanalen; an organisation passes its own edited tuple.
* ``corrections`` maps sentence text to a label. Keys are compared after ``normalise(text)``
  (casefolded, accents and punctuation removed, emoji kept). A matching sentence (or clause) gets
  that label with ``corrected=True``. Phrases of 2-3 words that recur in at least
  ``min_cue_support`` (default 2) corrections that disagreed with the rules, and never in a
  correction with another label, become learned cues; they relabel only clauses the rules found
  neutral or weak, and must contain a word that can carry an opinion (a verb, negator or
  lexicon cue), so "het groenafval" never becomes a cue but "bleef staan" can.
  ``an.add_correction(text, label)`` adds one at run time; ``an.corrections`` and
  ``an.learned_cues`` expose the state for storage and display.
* The lexicon loads once per process and is shared; an ``Analyser`` only compiles its topics and
  corrections (milliseconds) and memoises token analyses, so keep one per organisation. It
  holds no locks: share an instance between threads only for ``analyse``/``label_sentence``.
* ``evaluate.throughput(analyser=None, comments=None, repeat=3, clock=time.process_time)``
  measures comments per second of one core (CPU time by default).
"""

from __future__ import annotations

from .analyser import Analyser
from .model import COMPLIMENT, IMPROVEMENT, LABELS, NEUTRAL, Analysis, Segment, Sentence
from .text import normalise
from .topics import DEFAULT_TOPICS, Topic

__all__ = [
    "COMPLIMENT",
    "DEFAULT_TOPICS",
    "IMPROVEMENT",
    "LABELS",
    "NEUTRAL",
    "Analyser",
    "Analysis",
    "Segment",
    "Sentence",
    "Topic",
    "normalise",
]

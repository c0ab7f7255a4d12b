"""Scoring of the culture scan: pure, vectorised functions on NumPy arrays (no Django).

Entry point
-----------
::

    layout = ScoringLayout.from_questionnaire(q)       # q: the scan's frozen questionnaire
    tree = UnitTree.from_parents(unit_keys, parent_keys)  # one root: the organisation
    report = build_report(matrix, layout, units, roles, tree,
                          previous=WaveStats.from_report_dict(last_wave_json),
                          organisation=org_id, sector="retail",
                          sector_peers=[other.summary(...) for other in ...])
    decisions = anonymity.decide_report(report, policy=anonymity.Policy(min_group=5))
    store(report.to_dict())                             # JSON; NaN becomes None

Inputs: ``matrix`` (respondents x ``layout.item_codes``; int with 0 = missing / "weet ik
niet", or float with NaN), ``units`` (each respondent's unit index in ``tree``; the unit they
belong to directly), ``roles`` (0 employee, 1 manager). ``response_matrix(answers, layout)``
builds the matrix from ``{item code: value}`` dicts. ``Report`` holds arrays whose unit axis
follows ``tree`` (the root row is the organisation) and whose slice axis is
``SLICES = ("all", "employee", "manager")``; ``Report.to_dict()`` gives JSON, and
``Report.summary()`` the figures another organisation's sector benchmark needs. Nothing in a
report is anonymity-filtered: every group must pass ``klantcultuur.scan.anonymity`` (cells of
unit x role from ``units.direct_n``), and a figure resting on fewer answers than the threshold
(``scale_n``/``item_n``/``gap.self_n``...) must also pass ``anonymity.figure_decision``.

What a report contains (shapes: U units, L slices, S scales, P likert items, B behaviours)
    units: n (U, L), direct_n (U, 2); per scale n/mean/SD/strength (U, L, S); per item
        n/mean/SD (U, L, P). Every unit covers its subtree (roll-up of sufficient statistics).
    alpha, alpha_n: Cronbach's alpha per scale for this wave (S,).
    phases: phase (U,) 1..5, holding_back (U,) index into the components, capped (U,).
    gap: per unit and behaviour, managers' self-view vs employees' view (U, B).
    stance: pullers / riders / resisters per unit and slice (U, L, 3), reference 20/60/20.
    leaders_peers: {unit key: DominanceResult} for the organisation and its divisions.
    approach: answer counts per option (U, L, 4), the organisation's approach;
        preconditions: the three preconditions of the board approach per unit.
    comparison: change per unit and scale against the previous wave (U, S), if given.
    benchmark: sector benchmark or Monitor reference, if sector peers were given.

Rules (all numbers live in ``rules.py``)
----------------------------------------
Answers and scale scores
    "Weet ik niet" and unanswered items are missing. Reverse-keyed items are scored 6 - x.
    Answers to items not offered to the respondent's role are ignored. A respondent's scale
    score is the mean of their answered items of that scale, if at least two thirds of the
    scale's items (rounded up: 3 items -> 2, 4 -> 3, 5 -> 4, 6 -> 4, 7 -> 5, 8 -> 6) are
    answered; otherwise the respondent has no score on that scale.
Unit figures
    n = respondents with a scale score; mean and sample SD (n - 1) of the scale scores.
    Culture strength is the agreement within the unit, r_wg(J) (James, Demaree & Wolf,
    1984) against a uniform null on five points (variance 2), set to 0 when the items vary
    more than that null; bands after LeBreton & Senter (2008): up to .30 lack of agreement,
    .31-.50 weak, .51-.70 moderate, .71-.90 strong, above .90 very strong. A unit's figures
    cover everybody in its subtree, including respondents attached to the unit itself.
Cronbach's alpha
    Per scale and wave, on the respondents who answered every item of the scale (listwise).
Maturity phase (negeren 1, verkennen 2, ontwikkelen 3, verankeren 4, transformeren 5)
    From the four component means (gedragen klantvisie, dienend leiderschap, klantgericht
    HRM, klantsturing in teams), each rounded to two decimals as shown in the report:
    phase(x) = 1 + the number of the bounds 2.50, 3.00, 3.50, 4.00 that x reaches.
    Phase = min(phase(mean of the four), phase(weakest component) + 1). So a unit can be at
    most one phase above its weakest component. The component holding the phase back is the
    weakest one (ties: the first in the order above); "capped" says that it lowered the phase.
    The rule is deterministic and monotone: raising a component never lowers the phase.
    Without all four means there is no phase.
Example-behaviour gap
    For each of the seven behaviours: managers' self-view (managers' answers) against the view
    of their employees (employees' answers about "my manager"), per unit subtree and overall:
    means and their difference, the share of managers answering "altijd" and "bijna altijd",
    and the share of employees who recognise it ("bijna altijd" or "altijd"). Values are after
    reverse keying (for the undesired habit, "nooit" counts as "altijd" the right way round).
    Reference lines from the Monitor: about 50% of managers say "always" and another 33%
    "almost always"; management strongly shows the behaviour in 20% of organisations.
Pullers, riders, resisters
    From the change-stance scale score: puller at 4.0 or more, resister at 2.5 or less,
    rider in between; shares of those with a score, against the 20/60/20 reference.
Leaders or peers
    Among employees (they describe their manager): the R-squared of own customer-centric
    intention and behaviour (the mean of the intention and behaviour scale scores) on
    perceived leader example behaviour and on peer norms, split into each predictor's Shapley
    value (= general dominance weight; the two add up to R-squared) and its share of the
    explained variance. 95% percentile intervals from 1,000 seeded bootstrap replicates
    (respondents resampled; above 2,000 respondents, 2,000 random blocks of respondents).
    Not shown below 66 employees with all scores (Green's 1991 rule 50 + 8 x 2 predictors).
Approach and preconditions
    The approach is the option chosen most often (ties: the less advanced approach:
    frontoffice < specialisten < directie < ecosysteem). Each precondition of the board
    approach has indicator items (in the questionnaire's ``analysis``): vision carried by
    middle management = the vision scale among managers; HR translation = HRM1-HRM6 among
    everybody; PDCA steering = STU4-STU7 among everybody. A respondent's indicator score needs
    two thirds of its items. Mean (two decimals) of 3.75 or more: met; 3.00 to 3.74: partly;
    below 3.00: not met; no answers: unknown.
Comparison with the previous wave
    Per unit and scale, change = mean now - mean before with a 95% Welch interval (waves are
    anonymous, so independent samples). A change is "real" when its interval excludes zero;
    with many units and scales, about one in twenty unchanged figures will still be flagged.
Sector benchmark
    When at least five *other* organisations on this installation share the sector: their
    mean, quartiles, and the share of them below this organisation, per scale (each
    organisation counts once). Otherwise the Monitor's published figures are the reference.
"""

from __future__ import annotations

from klantcultuur.scan.scoring.benchmark import (
    OrgSummary,
    SectorBenchmark,
    monitor_reference,
    sector_benchmark,
)
from klantcultuur.scan.scoring.comparison import (
    WaveComparison,
    WaveStats,
    compare_waves,
    t_quantile,
)
from klantcultuur.scan.scoring.dominance import DominanceResult, decompose, minimum_n, shapley_r2
from klantcultuur.scan.scoring.layout import ScoringLayout, min_answered, response_matrix
from klantcultuur.scan.scoring.phases import PhaseResult, maturity_phase, phase_of_score
from klantcultuur.scan.scoring.report import Report, build_report
from klantcultuur.scan.scoring.rules import PHASES, ROLES, SLICES, STANCES
from klantcultuur.scan.scoring.scales import cronbach_alpha, cronbach_alpha_from_cov
from klantcultuur.scan.scoring.stance import classify_stance
from klantcultuur.scan.scoring.tree import UnitTree
from klantcultuur.scan.scoring.units import strength_band

__all__ = [
    "PHASES",
    "ROLES",
    "SLICES",
    "STANCES",
    "DominanceResult",
    "OrgSummary",
    "PhaseResult",
    "Report",
    "ScoringLayout",
    "SectorBenchmark",
    "UnitTree",
    "WaveComparison",
    "WaveStats",
    "build_report",
    "classify_stance",
    "compare_waves",
    "cronbach_alpha",
    "cronbach_alpha_from_cov",
    "decompose",
    "maturity_phase",
    "min_answered",
    "minimum_n",
    "monitor_reference",
    "phase_of_score",
    "response_matrix",
    "sector_benchmark",
    "shapley_r2",
    "strength_band",
    "t_quantile",
]

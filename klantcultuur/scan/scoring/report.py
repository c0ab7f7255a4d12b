"""One entry point, ``build_report``, that computes every aggregate an organisation report needs."""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from klantcultuur.scan.scoring.approach import (
    ApproachResult,
    PreconditionResult,
    approach_distribution,
    preconditions,
)
from klantcultuur.scan.scoring.benchmark import OrgSummary, SectorBenchmark, sector_benchmark
from klantcultuur.scan.scoring.comparison import WaveComparison, WaveStats, compare_waves
from klantcultuur.scan.scoring.dominance import DominanceResult, decompose
from klantcultuur.scan.scoring.gap import GapResult, role_model_gap
from klantcultuur.scan.scoring.layout import ScoringLayout
from klantcultuur.scan.scoring.phases import PhaseResult, maturity_phase
from klantcultuur.scan.scoring.rules import (
    BOOTSTRAP_REPLICATES,
    BOOTSTRAP_SEED,
    CONFIDENCE,
    PHASES,
    ROLES,
    SLICES,
)
from klantcultuur.scan.scoring.scales import alpha_per_scale, clean_matrix, key_matrix, scale_scores
from klantcultuur.scan.scoring.stance import StanceResult, stance_distribution
from klantcultuur.scan.scoring.tree import UnitTree
from klantcultuur.scan.scoring.units import Grouping, UnitStats, unit_stats

_EMPLOYEE = ROLES.index("employee")


@dataclass(frozen=True, eq=False)
class Report:
    """Every aggregate of one wave of one organisation; unit axis = ``tree`` order, root = org.

    Nothing here is anonymity-filtered: pass ``units.direct_n`` and the tree to
    ``klantcultuur.scan.anonymity.decide`` and apply its decisions before showing anything.
    """

    questionnaire_id: str
    tree: UnitTree
    layout: ScoringLayout
    n_respondents: int
    units: UnitStats
    alpha: np.ndarray  # (S,) Cronbach's alpha per scale, this wave
    alpha_n: np.ndarray  # (S,) listwise-complete respondents per scale
    phases: PhaseResult
    gap: GapResult
    stance: StanceResult
    approach: ApproachResult
    preconditions: list[PreconditionResult]
    leaders_peers: dict[Hashable, DominanceResult]
    comparison: WaveComparison | None = None
    benchmark: SectorBenchmark | None = None

    def summary(self, organisation: Hashable, sector: str | None) -> OrgSummary:
        """This report's contribution to other organisations' sector benchmark."""
        root = self.tree.root
        means = {
            code: float(self.units.scale_mean[root, 0, s])
            for s, code in enumerate(self.units.scale_codes)
            if np.isfinite(self.units.scale_mean[root, 0, s])
        }
        return OrgSummary(
            organisation, sector, int(self.units.n[root, 0]), means, int(self.phases.phase[root])
        )

    def wave_stats(self) -> WaveStats:
        """This wave's per-unit scale figures, for comparison by the next wave."""
        u = self.units
        return WaveStats(
            self.tree.keys,
            u.scale_codes,
            u.scale_n[:, 0, :],
            u.scale_mean[:, 0, :],
            u.scale_sd[:, 0, :],
        )

    def scale_table(self, unit: int, slice_: str = "all") -> dict[str, dict[str, float | None]]:
        """``{scale code: {"n", "mean", "sd", "strength"}}`` for one unit and slice."""
        col = SLICES.index(slice_)
        u = self.units
        return {
            code: {
                "n": int(u.scale_n[unit, col, s]),
                "mean": _num(u.scale_mean[unit, col, s]),
                "sd": _num(u.scale_sd[unit, col, s]),
                "strength": _num(u.scale_strength[unit, col, s]),
            }
            for s, code in enumerate(u.scale_codes)
        }

    def to_dict(self) -> dict[str, Any]:
        """The whole report as JSON-ready lists and dicts (NaN becomes None)."""
        return {
            "questionnaire_id": self.questionnaire_id,
            "n_respondents": self.n_respondents,
            "unit_keys": list(self.tree.keys),
            "parent": self.tree.parent.tolist(),
            "roles": list(ROLES),
            "slices": list(SLICES),
            "phases_names": list(PHASES),
            "units": _plain(self.units),
            "alpha": {
                code: {"alpha": _num(self.alpha[s]), "n": int(self.alpha_n[s])}
                for s, code in enumerate(self.units.scale_codes)
            },
            "phases": _plain(self.phases),
            "gap": _plain(self.gap),
            "stance": _plain(self.stance),
            "approach": _plain(self.approach),
            "preconditions": [_plain(p) for p in self.preconditions],
            "leaders_peers": [
                {"unit": key, **_plain(result)} for key, result in self.leaders_peers.items()
            ],
            "comparison": _plain(self.comparison) if self.comparison else None,
            "benchmark": _plain(self.benchmark) if self.benchmark else None,
        }


def _num(value: Any) -> float | None:
    """A float, or None for NaN."""
    value = float(value)
    return value if np.isfinite(value) else None


def _plain(value: Any) -> Any:
    """Convert dataclasses, arrays and NaN into JSON-ready Python values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "f":
            plain = value.astype(object)
            plain[~np.isfinite(value)] = None
            return plain.tolist()
        return value.tolist()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (float, np.floating)):
        return _num(value)
    if isinstance(value, np.integer | np.bool_):
        return value.item()
    return value


def _leaders_peers(
    tree: UnitTree,
    units: np.ndarray,
    scores: np.ndarray,
    roles: np.ndarray,
    layout: ScoringLayout,
    depth: int,
    replicates: int,
    seed: int,
    confidence: float,
) -> dict[Hashable, DominanceResult]:
    """Decompose intention/behaviour over leader example and peer norms for the top units."""
    outcome = scores[:, list(layout.outcome)].mean(axis=1)  # NaN unless every outcome scale scored
    predictors = scores[:, [layout.leader, layout.peers]]
    employees = roles == _EMPLOYEE  # only employees describe "my manager"
    # ancestor[d, u]: the ancestor of unit u at depth d (-1 above u), top-down by level.
    ancestor = np.full((len(tree.levels), tree.size), -1, dtype=np.int64)
    for d, nodes in enumerate(tree.levels):
        if d:
            ancestor[:, nodes] = ancestor[:, tree.parent[nodes]]
        ancestor[d, nodes] = nodes
    results: dict[Hashable, DominanceResult] = {}
    for u in np.flatnonzero(tree.depth <= depth).tolist():
        member = (ancestor[int(tree.depth[u]), units] == u) & employees
        results[tree.keys[u]] = decompose(
            outcome[member],
            predictors[member],
            ("leaders", "peers"),
            replicates=replicates,
            seed=(seed, u),
            confidence=confidence,
        )
    return results


def _compare(
    current: UnitStats, tree: UnitTree, previous: Report | WaveStats, confidence: float
) -> WaveComparison:
    """Match units by key and scales by code, then compare the "all" slices."""
    before = previous.wave_stats() if isinstance(previous, Report) else previous
    prev_unit = {key: u for u, key in enumerate(before.unit_keys)}
    prev_scale = {code: s for s, code in enumerate(before.scale_codes)}
    rows = np.array([prev_unit.get(key, -1) for key in tree.keys])
    cols = np.array([prev_scale.get(code, -1) for code in current.scale_codes])
    matched = (rows[:, None] >= 0) & (cols[None, :] >= 0)
    take = np.ix_(np.maximum(rows, 0), np.maximum(cols, 0))
    return compare_waves(
        current.scale_n[:, 0, :],
        current.scale_mean[:, 0, :],
        current.scale_sd[:, 0, :],
        np.where(matched, before.n[take], 0),
        np.where(matched, before.mean[take], np.nan),
        np.where(matched, before.sd[take], np.nan),
        confidence,
    )


def build_report(
    matrix: np.ndarray,
    layout: ScoringLayout,
    units: np.ndarray,
    roles: np.ndarray,
    tree: UnitTree,
    *,
    previous: Report | WaveStats | None = None,
    organisation: Hashable = None,
    sector: str | None = None,
    sector_peers: Iterable[OrgSummary] | None = None,
    leaders_peers_depth: int = 1,
    replicates: int = BOOTSTRAP_REPLICATES,
    seed: int = BOOTSTRAP_SEED,
    confidence: float = CONFIDENCE,
) -> Report:
    """Score one wave and build every aggregate of the organisation report.

    ``matrix``: (respondents x ``layout.item_codes``) answers, int (0 = missing / "weet ik
    niet") or float (NaN = missing). ``units``: each respondent's unit index in ``tree`` (the
    unit they are attached to directly). ``roles``: 0 employee, 1 manager (``rules.ROLES``).
    ``previous``: the previous wave's ``Report`` or ``WaveStats`` (e.g. read back from its
    stored ``to_dict()``), for the wave comparison; units are matched by key.
    ``sector_peers``: other organisations' ``Report.summary`` for the sector benchmark (the
    Monitor is the fallback). Leaders-vs-peers is computed for units up to
    ``leaders_peers_depth`` (0 = organisation only, 1 = also its divisions).
    """
    units = np.asarray(units, dtype=np.int64)
    roles = np.asarray(roles, dtype=np.int64)
    n = len(units)
    if len(roles) != n or np.asarray(matrix).shape[0] != n:
        raise ValueError("matrix, units and roles need one row per respondent")
    if n and (units.min() < 0 or units.max() >= tree.size):
        raise ValueError("unit index out of range")
    if n and (roles.min() < 0 or roles.max() >= len(ROLES)):
        raise ValueError(f"role codes must be 0..{len(ROLES) - 1}")

    keyed = key_matrix(clean_matrix(matrix, layout), roles, layout)
    scores, answered = scale_scores(keyed, layout)
    alpha, alpha_n = alpha_per_scale(keyed, answered, layout)

    grouping = Grouping.make(units, roles, tree.size)
    keyed_s = keyed[grouping.order]
    scores_s = scores[grouping.order]
    roles_s = roles[grouping.order]
    likert_columns = np.flatnonzero(layout.likert)
    stats = unit_stats(
        tree,
        grouping,
        keyed_s,
        scores_s,
        likert_columns,
        layout.membership,
        layout.scale_codes,
        layout.likert_codes,
    )
    component_codes = tuple(layout.scale_codes[c] for c in layout.components)
    report = Report(
        questionnaire_id=layout.questionnaire_id,
        tree=tree,
        layout=layout,
        n_respondents=n,
        units=stats,
        alpha=alpha,
        alpha_n=alpha_n,
        phases=maturity_phase(stats.scale_mean[:, 0, list(layout.components)], component_codes),
        gap=role_model_gap(
            tree,
            grouping,
            keyed_s,
            layout.self_columns,
            layout.seen_columns,
            layout.behaviours,
            stats.scale_n,
            stats.scale_mean,
            layout.role_model_self,
            layout.role_model_seen,
        ),
        stance=stance_distribution(tree, grouping, scores_s[:, layout.stance]),
        approach=approach_distribution(
            tree, grouping, keyed_s[:, layout.approach_column], layout.approach_keys
        ),
        preconditions=preconditions(tree, grouping, keyed_s, roles_s, layout.preconditions),
        leaders_peers=_leaders_peers(
            tree, units, scores, roles, layout, leaders_peers_depth, replicates, seed, confidence
        ),
        comparison=_compare(stats, tree, previous, confidence) if previous is not None else None,
    )
    if sector_peers is not None:
        report = dataclasses.replace(
            report,
            benchmark=sector_benchmark(report.summary(organisation, sector), sector_peers),
        )
    return report

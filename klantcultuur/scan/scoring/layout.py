"""Compile a questionnaire version into the index arrays the vectorised scoring needs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from klantcultuur.scan.questionnaire.schema import role_model_side
from klantcultuur.scan.scoring.rules import MIN_ANSWERED_SHARE, ROLES

_AUDIENCE_ROLE = {"managers": "manager", "employees": "employee"}


def min_answered(n_items: int) -> int:
    """Items that must be answered for a scale score: two thirds of ``n_items``, rounded up."""
    num, den = MIN_ANSWERED_SHARE
    return -(-num * n_items // den)


@dataclass(frozen=True)
class PreconditionSpec:
    """Columns and audience of one precondition of the board approach."""

    key: str
    columns: np.ndarray
    audience: str


@dataclass(frozen=True, eq=False)
class ScoringLayout:
    """Column order of the response matrix and every index the scoring uses.

    ``item_codes`` are the closed items (likert and choice) in form order: column j of a response
    matrix holds the answers to ``item_codes[j]``. ``membership`` is a 0/1 matrix (items x
    scales); ``offered[r, j]`` says whether item j is shown to role r (``rules.ROLES``).
    """

    questionnaire_id: str
    item_codes: tuple[str, ...]
    likert: np.ndarray
    reverse: np.ndarray
    offered: np.ndarray
    scale_codes: tuple[str, ...]
    membership: np.ndarray
    n_items: np.ndarray
    min_answered: np.ndarray
    components: tuple[int, ...]
    behaviours: tuple[str, ...]
    self_columns: np.ndarray
    seen_columns: np.ndarray
    role_model_self: int
    role_model_seen: int
    leader: int
    peers: int
    outcome: tuple[int, ...]
    stance: int
    approach_column: int
    approach_keys: tuple[str, ...]
    preconditions: tuple[PreconditionSpec, ...]

    @classmethod
    def from_questionnaire(cls, q: Mapping) -> ScoringLayout:
        """Build the layout of a (validated) questionnaire version."""
        closed = [item for item in q["items"] if item["type"] in ("likert", "choice")]
        codes = tuple(item["code"] for item in closed)
        column = {code: j for j, code in enumerate(codes)}
        scale_codes = tuple(scale["code"] for scale in q["scales"])
        scale_index = {code: s for s, code in enumerate(scale_codes)}
        membership = np.zeros((len(codes), len(scale_codes)), dtype=np.float32)
        offered = np.zeros((len(ROLES), len(codes)), dtype=bool)
        for j, item in enumerate(closed):
            if item["type"] == "likert" and item["scale"] is not None:
                membership[j, scale_index[item["scale"]]] = 1.0
            for r, role in enumerate(ROLES):
                offered[r, j] = (
                    item["audience"] == "all" or _AUDIENCE_ROLE[item["audience"]] == role
                )
        n_items = membership.sum(axis=0).astype(np.int64)
        analysis = q["analysis"]
        self_scale, seen_scale = analysis["role_model_self"], analysis["role_model_seen"]
        # The standard behaviours and then the organisation's own (schema.role_model_side).
        side = {i["code"]: role_model_side(i, analysis) for i in closed}
        self_by_behaviour = {i["behaviour"]: i["code"] for i in closed if side[i["code"]] == "self"}
        seen_by_behaviour = {i["behaviour"]: i["code"] for i in closed if side[i["code"]] == "seen"}
        behaviours = tuple(self_by_behaviour)
        approach_item = next(i for i in closed if i["code"] == analysis["approach_item"])
        approach_options = q["response_scales"][approach_item["response_scale"]]["options"]
        return cls(
            questionnaire_id=q["id"],
            item_codes=codes,
            likert=np.array([item["type"] == "likert" for item in closed]),
            reverse=np.array([bool(item["reverse"]) for item in closed]),
            offered=offered,
            scale_codes=scale_codes,
            membership=membership,
            n_items=n_items,
            min_answered=np.array([min_answered(int(k)) for k in n_items], dtype=np.int64),
            components=tuple(scale_index[c] for c in analysis["components"]),
            behaviours=behaviours,
            self_columns=np.array([column[self_by_behaviour[b]] for b in behaviours], dtype=int),
            seen_columns=np.array([column[seen_by_behaviour[b]] for b in behaviours], dtype=int),
            role_model_self=scale_index[self_scale],
            role_model_seen=scale_index[seen_scale],
            leader=scale_index[analysis["leader_example"]],
            peers=scale_index[analysis["peer_norms"]],
            outcome=tuple(scale_index[c] for c in analysis["outcome"]),
            stance=scale_index[analysis["change_stance"]],
            approach_column=column[analysis["approach_item"]],
            approach_keys=tuple(option["key"] for option in approach_options),
            preconditions=tuple(
                PreconditionSpec(
                    key=p["key"],
                    columns=np.array([column[c] for c in p["items"]], dtype=int),
                    audience=p["audience"],
                )
                for p in analysis["preconditions"]
            ),
        )

    @property
    def likert_codes(self) -> tuple[str, ...]:
        """Codes of the likert items (the columns that have item statistics)."""
        return tuple(
            code for code, is_likert in zip(self.item_codes, self.likert, strict=True) if is_likert
        )


def response_matrix(
    answers: Iterable[Mapping[str, int | None]], layout: ScoringLayout
) -> np.ndarray:
    """Build an int8 response matrix from per-respondent ``{item code: value}`` mappings.

    Missing codes, None and "weet ik niet" (0) all become 0, which scoring reads as missing.
    Unknown item codes (e.g. open questions) are ignored.
    """
    rows: Sequence[Mapping[str, int | None]] = list(answers)
    matrix = np.zeros((len(rows), len(layout.item_codes)), dtype=np.int8)
    for j, code in enumerate(layout.item_codes):
        matrix[:, j] = [row.get(code) or 0 for row in rows]
    return matrix

"""The layers of management that carry the vision: board, division, department, team leaders."""

from __future__ import annotations

from collections.abc import Iterable

BOARD, DIVISION, DEPARTMENT, TEAM = "board", "division", "department", "team"
LAYERS = (BOARD, DIVISION, DEPARTMENT, TEAM)
_RANK = {DIVISION: 1, DEPARTMENT: 2, TEAM: 3}


def layer_of(is_board: bool, managed_kinds: Iterable[str]) -> str | None:
    """A manager's layer: the highest kind of unit they lead; a board member without a unit
    is the board; someone who leads nothing and is not on the board has no layer."""
    kinds = [k for k in managed_kinds if k in _RANK]
    if kinds:
        return min(kinds, key=_RANK.__getitem__)
    return BOARD if is_board else None

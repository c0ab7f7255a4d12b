"""The PDCA cycle of an improvement action: which moves are allowed from which state (pure)."""

from __future__ import annotations

from enum import StrEnum

PLAN, DO, CHECK, ACT, CLOSED = "plan", "do", "check", "act", "closed"
STATES = (PLAN, DO, CHECK, ACT, CLOSED)
OPEN_STATES = (PLAN, DO, CHECK, ACT)


class Move(StrEnum):
    START = "start"  # plan → do: the countermeasure is put into action
    CHECK = "check"  # do → check: compare the KPI before and after
    RESUME = "resume"  # check → do: not done yet, carry on
    ACT = "act"  # check → act: decide what to do with the result
    STANDARDISE = "standardise"  # act → closed: the new way of working becomes the standard
    NEW_CYCLE = "new_cycle"  # act → closed, and a follow-up action starts in plan
    STOP = "stop"  # any open state → closed without result


MOVES: dict[Move, tuple[tuple[str, ...], str]] = {
    Move.START: ((PLAN,), DO),
    Move.CHECK: ((DO,), CHECK),
    Move.RESUME: ((CHECK,), DO),
    Move.ACT: ((CHECK,), ACT),
    Move.STANDARDISE: ((ACT,), CLOSED),
    Move.NEW_CYCLE: ((ACT,), CLOSED),
    Move.STOP: (OPEN_STATES, CLOSED),
}


class InvalidMove(ValueError):
    pass


def allowed_moves(state: str) -> list[Move]:
    return [move for move, (sources, _target) in MOVES.items() if state in sources]


def next_state(state: str, move: str) -> str:
    """The state after `move`, or InvalidMove when the move does not apply."""
    try:
        sources, target = MOVES[Move(move)]
    except ValueError as exc:
        raise InvalidMove(move) from exc
    if state not in sources:
        raise InvalidMove(f"{move} from {state}")
    return target


def step(state: str) -> int:
    """1 to 4 for plan to act (closed counts as done: 5), for the progress indicator."""
    return STATES.index(state) + 1

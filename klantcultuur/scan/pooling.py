"""Where a respondent's answers are stored: small groups are pooled into a higher unit (pure).

A response carries a unit and a role. If a team has one or two people of a role (often: its
one team leader), a response stored with that team and role would be that person's, for
anyone who can read the database. So before a wave opens, the people it invites are counted
per unit and role, and the answers of each (unit, role) are stored with the lowest unit on the
way up where at least ``k`` (the organisation's minimum group size) people of that role come
together:

    per role, from the deepest units up: a unit's own people plus those passed up from its
    children are stored at the unit when they number at least k; otherwise they are passed
    to its parent. The organisation itself (``None``) takes whatever reaches it.

Nothing that could be shown is lost: a unit's figures are only ever shown for k or more
respondents, and pooled answers still count for every unit above where they are stored. What
changes is that a unit whose people were passed up has no figures of its own for that role,
and a unit above it counts them only from where they are stored (at most k - 1 people per
role and unit).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)  # a unit's key: its id in the database, a name in tests
ROOT = "root"


def storage_map(
    parents: Mapping[K, K | None],
    population: Mapping[tuple[K | None, str], int],
    k: int,
) -> dict[tuple[K | None, str], K | None]:
    """For every (unit, role) with people, the unit whose responses they are stored with.
    A unit None is the organisation itself (people without a unit)."""
    children: dict[K | None, list[K]] = defaultdict(list)
    for unit, parent in parents.items():
        children[parent if parent in parents else None].append(unit)
    # Deepest first: a unit is handled after all its children.
    order: list[K] = []
    stack = list(children[None])
    while stack:
        unit = stack.pop()
        order.append(unit)
        stack.extend(children[unit])
    order.reverse()
    roles = sorted({role for _unit, role in population})
    result: dict[tuple[K | None, str], K | None] = {}
    for role in roles:
        # pending[u]: the units whose people of this role wait at u, with their count.
        pending: dict[K | None, list[tuple[K | None, int]]] = defaultdict(list)
        for unit in order:
            count = population.get((unit, role), 0)
            waiting = pending.pop(unit, [])
            if count:
                waiting.append((unit, count))
            if not waiting:
                continue
            if sum(n for _u, n in waiting) >= k:
                for source, _n in waiting:
                    result[(source, role)] = unit
            else:
                parent = parents[unit] if parents[unit] in parents else None
                pending[parent].extend(waiting)
        if population.get((None, role), 0):
            pending[None].append((None, population[(None, role)]))
        for source, _n in pending.pop(None, []):
            result[(source, role)] = None
    return result


def storage_for(
    mapping: Mapping[tuple[K | None, str], K | None],
    parents: Mapping[K, K | None],
    unit: K | None,
    role: str,
) -> K | None:
    """Where an answer of ``unit`` and ``role`` goes; for a pair nobody was counted in (an
    open link's respondent of an unexpected role), the nearest unit up where that role is
    stored, else the organisation."""
    if (unit, role) in mapping:
        return mapping[(unit, role)]
    targets = {target for (_u, r), target in mapping.items() if r == role}
    current, seen = unit, set[K]()
    while current is not None and current not in seen:
        seen.add(current)
        if current in targets:
            return current
        current = parents.get(current)
    return None


def to_json(mapping: Mapping[tuple[int | None, str], int | None]) -> dict[str, int | None]:
    """``{"unit|role": target}`` with "root" for the organisation."""
    return {
        f"{ROOT if unit is None else unit}|{role}": target
        for (unit, role), target in mapping.items()
    }


def from_json(data: Mapping[str, int | None]) -> dict[tuple[int | None, str], int | None]:
    """Read back what ``to_json`` wrote (unit ids are integers)."""
    out: dict[tuple[int | None, str], int | None] = {}
    for key, target in data.items():
        unit, role = key.rsplit("|", 1)
        out[(None if unit == ROOT else int(unit), role)] = target
    return out

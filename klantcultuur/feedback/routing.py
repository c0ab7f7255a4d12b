"""Decide the owning team of a feedback record (pure: no database).

Order: an explicit team (a touchpoint that names its team), then the team code in the data
when the organisation routes by it and the code names a unit, then the organisation's rules
in their order (the first whose field equals its value, case and accents ignored; a rule on
the team code translates another system's codes). No match: None, the unrouted queue.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

ROUTING_FIELDS = ("touchpoint", "channel", "product", "location", "team_code")


@lru_cache(maxsize=50_000)
def match_key(value: str) -> str:
    """Case, accents and surrounding/double spaces ignored: ' Reparatie  Verzoek ' == 'reparatie verzoek'."""
    decomposed = unicodedata.normalize("NFKD", value)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


@dataclass(frozen=True)
class Rule:
    field: str
    value: str
    team_id: int


@dataclass
class Router:
    rules: list[Rule]
    unit_ids_by_code: Mapping[str, int] = field(default_factory=dict)
    route_by_team_code: bool = True

    def __post_init__(self) -> None:
        # The first rule per (field, value) wins, as in the ordered list.
        self._position: dict[tuple[str, str], tuple[int, int]] = {}
        for position, rule in enumerate(self.rules):
            self._position.setdefault((rule.field, match_key(rule.value)), (position, rule.team_id))
        self._fields = [f for f in ROUTING_FIELDS if any(r.field == f for r in self.rules)]
        self._codes = {match_key(code): unit_id for code, unit_id in self.unit_ids_by_code.items()}

    def route(self, values: Mapping[str, str], team_id: int | None = None) -> int | None:
        """The owning unit id for a record's routing values, or None (unrouted)."""
        if team_id is not None:
            return team_id
        if self.route_by_team_code:
            code = values.get("team_code")
            if code:
                found = self._codes.get(match_key(code))
                if found is not None:
                    return found
        best: tuple[int, int] | None = None
        for name in self._fields:
            value = values.get(name)
            if value:
                hit = self._position.get((name, match_key(value)))
                if hit is not None and (best is None or hit[0] < best[0]):
                    best = hit
        return best[1] if best else None

    def route_values(
        self, touchpoint: str, channel: str, product: str, location: str, team_code: str
    ) -> int | None:
        """`route` for positional values (the import's fast pass)."""
        if self.route_by_team_code and team_code:
            found = self._codes.get(match_key(team_code))
            if found is not None:
                return found
        if not self._fields:
            return None
        return self.route(
            {
                "touchpoint": touchpoint,
                "channel": channel,
                "product": product,
                "location": location,
                "team_code": team_code,
            },
        )


def build_router(
    rules: Iterable[tuple[str, str, int]], unit_codes: Mapping[str, int], route_by_team_code: bool
) -> Router:
    return Router([Rule(*r) for r in rules], unit_codes, route_by_team_code)

"""Blocks other apps put on a team's dagstart board, through an interface huddle owns.

An app higher up (the change programme, for instance) gives its AppConfig a `board_blocks`
list of `BoardBlock`s. The board shows a placeholder per block that loads the block from the
app's URL with htmx (`<unit uuid>?day=YYYY-MM-DD`, and `&wall=1` in wall mode), so the board
runs no query of that app and huddle imports nothing of it. Without JavaScript a block is
absent: the board never depends on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.apps import apps


@dataclass(frozen=True)
class BoardBlock:
    url_name: str  # takes the unit's uuid as its one argument
    area: str = "work"  # "customers" (beside yesterday's customers) or "work" (with actions)
    order: int = 50
    in_wall: bool = True  # also on the wall screen


@cache
def board_blocks() -> tuple[BoardBlock, ...]:
    """Every app's board blocks, by order (collected once per process)."""
    found: list[BoardBlock] = []
    for config in apps.get_app_configs():
        found.extend(getattr(config, "board_blocks", ()))
    return tuple(sorted(found, key=lambda b: (b.order, b.url_name)))

"""The unit tree of one organisation, loaded once and walked in memory.

Organisations have hundreds to a few thousand units, so one query and plain dictionaries
beat recursive SQL for every question the pages ask (subtrees, ancestors, cycles, depth).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Node:
    id: int
    parent_id: int | None
    name: str
    kind: str
    office: str
    archived: bool


@dataclass
class UnitTree:
    nodes: dict[int, Node]
    children: dict[int | None, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.children:
            for node in sorted(self.nodes.values(), key=lambda n: n.name.lower()):
                self.children.setdefault(node.parent_id, []).append(node.id)

    @classmethod
    def for_organization(cls, organization_id: int, *, include_archived: bool = True) -> UnitTree:
        from klantcultuur.orgs.models import OrgUnit

        rows = OrgUnit.objects.filter(organization_id=organization_id)
        if not include_archived:
            rows = rows.filter(archived_at__isnull=True)
        fields = ("id", "parent_id", "name", "kind", "office", "archived_at")
        return cls(
            {
                r[0]: Node(r[0], r[1], r[2], r[3], r[4], r[5] is not None)
                for r in rows.values_list(*fields)
            }
        )

    def ids(self) -> list[int]:
        return list(self.nodes)

    def roots(self) -> list[int]:
        return [i for i in self.children.get(None, [])] + [
            node.id
            for node in self.nodes.values()
            if node.parent_id is not None and node.parent_id not in self.nodes
        ]

    def subtree_ids(self, unit_id: int) -> list[int]:
        """The unit and every unit below it."""
        out, stack = [], [unit_id]
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(self.children.get(current, []))
        return out

    def ancestors(self, unit_id: int) -> list[int]:
        """Parent, grandparent, ... up to the root (nearest first)."""
        out: list[int] = []
        current = self.nodes[unit_id].parent_id
        while current is not None and current in self.nodes and current not in out:
            out.append(current)
            current = self.nodes[current].parent_id
        return out

    def would_cycle(self, unit_id: int, new_parent_id: int | None) -> bool:
        """Whether hanging a unit under new_parent would put it below itself."""
        return new_parent_id is not None and new_parent_id in self.subtree_ids(unit_id)

    def walk(self, *, include_archived: bool = False) -> Iterator[tuple[Node, int]]:
        """Depth-first (node, depth) pairs in display order."""
        stack = [(i, 0) for i in reversed(self.roots())]
        while stack:
            current, depth = stack.pop()
            node = self.nodes[current]
            if node.archived and not include_archived:
                continue
            yield node, depth
            stack.extend((c, depth + 1) for c in reversed(self.children.get(current, [])))

"""The organisation tree and the roll-up of sufficient statistics through it."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class UnitTree:
    """Units of one organisation as a tree with a single root (the organisation itself).

    ``keys[u]`` identifies unit u (e.g. a database id); ``parent[u]`` is the index of its parent,
    -1 for the root. A unit's figures always cover its whole subtree.
    """

    keys: tuple[Hashable, ...]
    parent: np.ndarray
    depth: np.ndarray
    root: int
    levels: tuple[np.ndarray, ...]

    @classmethod
    def from_parents(cls, keys: Sequence[Hashable], parents: Sequence[Hashable | None]) -> UnitTree:
        """Build from unit keys and each unit's parent key (None for the root)."""
        index = {key: u for u, key in enumerate(keys)}
        if len(index) != len(keys):
            raise ValueError("unit keys must be unique")
        try:
            parent = [-1 if p is None else index[p] for p in parents]
        except KeyError as missing:
            raise ValueError(f"unknown parent unit {missing}") from None
        return cls.from_indices(parent, keys)

    @classmethod
    def from_indices(
        cls, parent: Sequence[int] | np.ndarray, keys: Sequence[Hashable] | None = None
    ) -> UnitTree:
        """Build from parent indices (-1 for the root); keys default to the indices."""
        parent_arr = np.asarray(parent, dtype=np.int64)
        n = len(parent_arr)
        keys_t = tuple(range(n)) if keys is None else tuple(keys)
        if len(keys_t) != n:
            raise ValueError("one key per unit is needed")
        roots = np.flatnonzero(parent_arr == -1)
        if len(roots) != 1:
            raise ValueError("the tree needs exactly one root unit (the organisation)")
        if np.any((parent_arr < -1) | (parent_arr >= n)):
            raise ValueError("parent index out of range")
        children: list[list[int]] = [[] for _ in range(n)]
        for u, p in enumerate(parent_arr.tolist()):
            if p >= 0:
                children[p].append(u)
        depth = np.full(n, -1, dtype=np.int64)
        root = int(roots[0])
        depth[root] = 0
        stack = [root]
        while stack:
            u = stack.pop()
            for c in children[u]:
                depth[c] = depth[u] + 1
                stack.append(c)
        if np.any(depth < 0):
            raise ValueError("the unit tree has a cycle or a unit not connected to the root")
        levels = tuple(np.flatnonzero(depth == d) for d in range(int(depth.max()) + 1))
        return cls(keys=keys_t, parent=parent_arr, depth=depth, root=root, levels=levels)

    @property
    def size(self) -> int:
        """Number of units."""
        return len(self.parent)

    def children(self, u: int) -> np.ndarray:
        """Indices of the direct children of unit ``u``."""
        return np.flatnonzero(self.parent == u)

    def rollup(self, direct: np.ndarray) -> np.ndarray:
        """Subtree totals: add each unit's values (first axis = unit) into all its ancestors.

        Works for any additive statistic (counts, sums, sums of squares), so a unit's totals are
        exactly what recomputation from its subtree's raw respondents would give.
        """
        total = np.array(direct, copy=True)
        # Deepest level first, so a child's total is complete before it is added to its parent.
        for nodes in reversed(self.levels[1:]):
            np.add.at(total, self.parent[nodes], total[nodes])
        return total

    def ancestors_or_self(self, u: int) -> list[int]:
        """Unit ``u`` and its ancestors up to the root."""
        path = [u]
        while self.parent[path[-1]] >= 0:
            path.append(int(self.parent[path[-1]]))
        return path

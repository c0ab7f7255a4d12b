"""Anonymity: which group figures and comments may be shown. Every page, export and API call uses this.

Groups are cells ``(unit key, role)``: a unit of the org tree with its whole subtree, either all
respondents (role ``None``) or one role ("employee", "manager"). Respondents attached directly
to a unit (not to any child team, e.g. the department head) form an implicit residual group of
that unit; it is never a cell of its own but is protected like one.

Rules (``Policy``; defaults follow Qualtrics and Viva Glint):

1. Primary suppression: no figure for a cell with fewer than ``min_group`` (5) respondents;
   reason ``"too_few"``. Cells with no respondents at all get reason ``"no_respondents"``.
2. Complementary suppression: for every shown cell A and every set of shown, pairwise disjoint
   cells inside A (child units, deeper units, role breakdowns, in any mix), the remainder
   ``n(A) - sum n(B)`` must be 0 or at least ``min_group``. Otherwise one more cell is
   suppressed, reason ``"protects_smaller_group"``, until no such remainder is left.
   Deterministic choice: the violated cell with the fewest respondents is handled first; the
   cell suppressed is the smallest member of the set of subtracted cells that produces its
   smallest bad remainder (ties: unit order as given, then role order, "all" last).
   A cell of a higher unit that holds exactly the respondents of a deeper cell (all managers
   of a department sit in one team) shows that deeper cell too; both are treated as one.
3. Comments: shown only for groups of at least ``min_comments`` (10) respondents, with the
   same complementary rule (a list of comments minus a sub-group's list is again a list).
   ``decide(..., kind="comments")``; ``comments_visible(n)`` for a single, isolated group.
4. Thresholds may be set per organisation but never below ``ABSOLUTE_MINIMUM`` (3);
   the comment threshold is never below the figure threshold.

Call ``decide`` once per scan with *every* cell any page, export or API can show (the default
is every unit, all roles and each role), cache the result and apply it everywhere: decisions
made on the union are safe for any subset a particular viewer sees, whereas deciding page by
page could let two pages together reveal a small group. Per-figure answer counts (an item
that only 3 of 12 respondents answered) are checked with ``figure_decision``.

How the check works: for a cell A, the set of remainders below the threshold that some disjoint
family of shown cells can leave is computed exactly by a dynamic programme over the tree. The
state at a unit is the set of roles already covered by a role cell higher up; the value is the
set of reachable uncovered counts below k, kept as a k-bit mask (counts of k or more can never
be a disclosure, so they are dropped). Suppressing a cell only removes options, so reachable
remainders only shrink and the loop ends; each suppression updates the masks of one unit and
its ancestors only.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from klantcultuur.scan.scoring.rules import ROLES

if TYPE_CHECKING:
    from klantcultuur.scan.scoring.report import Report

ABSOLUTE_MINIMUM = 3
DEFAULT_MIN_GROUP = 5
DEFAULT_MIN_COMMENTS = 10

Cell = tuple[Hashable, str | None]

REASONS: dict[str, dict[str, str]] = {
    "too_few": {
        "nl": "Minder dan {threshold} respondenten",
        "en": "Fewer than {threshold} respondents",
    },
    "protects_smaller_group": {
        "nl": "Verborgen om een kleinere groep te beschermen",
        "en": "Suppressed to protect a smaller group",
    },
    "no_respondents": {"nl": "Geen respondenten", "en": "No respondents"},
    "too_few_answers": {
        "nl": "Minder dan {threshold} antwoorden",
        "en": "Fewer than {threshold} answers",
    },
    # More answers came in through the unit's links than it has people (see
    # ``selectors.unit_loads``): someone answered more than once, so nothing of it is shown.
    "too_many_answers": {
        "nl": "Meer antwoorden dan mensen: niet getoond",
        "en": "More answers than people: not shown",
    },
}

# In plain words, what would show a hidden figure (beside its reason).
HINTS: dict[str, dict[str, str]] = {
    "too_few": {
        "nl": "zichtbaar vanaf {threshold} respondenten, zodat niemand te herkennen is",
        "en": "shown from {threshold} respondents on, so that nobody can be recognised",
    },
    "protects_smaller_group": {
        "nl": "anders is een groep van minder dan {threshold} uit te rekenen; zichtbaar als "
        "die groep ook {threshold} respondenten heeft",
        "en": "otherwise a group of fewer than {threshold} could be worked out; shown once "
        "that group has {threshold} respondents too",
    },
    "no_respondents": {
        "nl": "niemand uit deze groep vulde de scan in",
        "en": "nobody in this group answered the scan",
    },
    "too_few_answers": {
        "nl": "zichtbaar vanaf {threshold} antwoorden op deze vragen",
        "en": "shown from {threshold} answers to these questions on",
    },
}


@dataclass(frozen=True)
class Policy:
    """Anonymity thresholds of one organisation; refuses anything below ``ABSOLUTE_MINIMUM``."""

    min_group: int = DEFAULT_MIN_GROUP
    min_comments: int = DEFAULT_MIN_COMMENTS

    def __post_init__(self) -> None:
        for name in ("min_group", "min_comments"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{name} must be a whole number")
            if value < ABSOLUTE_MINIMUM:
                raise ValueError(f"{name} may not be lower than {ABSOLUTE_MINIMUM}, got {value}")

    @property
    def comment_threshold(self) -> int:
        """Comments never appear for a group whose figures would be hidden."""
        return max(self.min_comments, self.min_group)


@dataclass(frozen=True)
class Decision:
    """Whether one cell (or figure) may be shown; when not, why."""

    unit: Hashable
    role: str | None
    n: int
    shown: bool
    reason: str | None
    threshold: int

    def message(self, language: str = "nl") -> str | None:
        """The reason as text for a suppressed cell ("Minder dan 5 respondenten"), else None."""
        if self.reason is None:
            return None
        return REASONS[self.reason][language].format(threshold=self.threshold)

    def apply(self, value: Any, language: str = "nl") -> dict[str, Any]:
        """``{"value", "suppressed", "reason", "message"}``: the value only when shown."""
        return {
            "value": value if self.shown else None,
            "suppressed": not self.shown,
            "reason": self.reason,
            "message": self.message(language),
        }


@dataclass(frozen=True)
class Decisions:
    """Decisions for every requested cell of one scan."""

    kind: str
    threshold: int
    cells: dict[Cell, Decision] = field(default_factory=dict)

    def get(self, unit: Hashable, role: str | None = None) -> Decision:
        """The decision for a cell; a cell that was not requested is never shown."""
        found = self.cells.get((unit, role))
        if found is None:
            raise KeyError(f"cell {(unit, role)!r} was not part of the decision")
        return found

    def shown(self, unit: Hashable, role: str | None = None) -> bool:
        """Whether the cell's figures (or comments) may be shown."""
        return self.get(unit, role).shown


def figure_decision(
    n_answers: int, policy: Policy, unit: Hashable = None, role: str | None = None
) -> Decision:
    """A single figure (e.g. an item mean) needs ``min_group`` answers of its own."""
    shown = n_answers >= policy.min_group
    return Decision(
        unit, role, n_answers, shown, None if shown else "too_few_answers", policy.min_group
    )


def comments_visible(n_respondents: int, policy: Policy | None = None) -> bool:
    """Whether comments of one isolated group may be shown (at least 10 respondents by default)."""
    return n_respondents >= (policy or Policy()).comment_threshold


class _Tree:
    """Org tree with per-role direct and subtree counts, indexed by position."""

    def __init__(
        self,
        keys: Sequence[Hashable],
        parents: Sequence[Hashable | None],
        counts: Sequence[Sequence[int]],
        n_roles: int,
    ) -> None:
        index = {key: u for u, key in enumerate(keys)}
        if len(index) != len(keys):
            raise ValueError("unit keys must be unique")
        self.parent = [-1 if p is None else index[p] for p in parents]
        if sum(1 for p in self.parent if p == -1) != 1:
            raise ValueError("the tree needs exactly one root unit")
        self.children: list[list[int]] = [[] for _ in keys]
        for u, p in enumerate(self.parent):
            if p >= 0:
                self.children[p].append(u)
        self.direct = [list(map(int, row)) for row in counts]
        if any(len(row) != n_roles or min(row, default=0) < 0 for row in self.direct):
            raise ValueError("each unit needs a non-negative count per role")
        root = self.parent.index(-1)
        order, stack = [], [root]
        while stack:
            u = stack.pop()
            order.append(u)
            stack.extend(self.children[u])
        if len(order) != len(keys):
            raise ValueError("the unit tree has a cycle or a unit not connected to the root")
        self.postorder = order[::-1]
        self.sub = [list(row) for row in self.direct]
        for u in self.postorder:
            p = self.parent[u]
            if p >= 0:
                for r in range(n_roles):
                    self.sub[p][r] += self.sub[u][r]


def _sumset(a: int, b: int, full: int) -> int:
    """Masks of reachable values below k: {x + y : x in a, y in b, x + y < k}."""
    if not a or not b:
        return 0
    if not a & (a - 1):  # one value: a shift
        return (b << (a.bit_length() - 1)) & full
    if a.bit_count() > b.bit_count():
        a, b = b, a
    out = 0
    while a:
        low = a & -a
        out |= b << (low.bit_length() - 1)
        a ^= low
    return out & full


def _submasks(mask: int) -> list[int]:
    """Every subset of the bits of `mask`, ascending."""
    return [d for d in range(mask + 1) if d & ~mask == 0]


class _Checker:
    """The dynamic programme over reachable small remainders (see the module docstring).

    Per unit the respondents outside each set of covered roles (`own`) and the roles nobody
    of its subtree has (`empty`) are worked out once; a branch stops as soon as its mask is
    empty (nothing added to it can be small again).
    """

    def __init__(self, tree: _Tree, n_roles: int, k: int, known: set[tuple[int, int]]) -> None:
        # ``known`` is shared with the caller, who removes cells as it suppresses them.
        self.t, self.R, self.k, self.shown = tree, n_roles, k, known
        self.ALL = n_roles
        self.full = (1 << k) - 1
        self.small = self.full & ~1  # remainders 1..k-1 disclose a small group
        self.states = range(1 << n_roles)
        self.subsets = [_submasks(m) for m in self.states]
        self.role_bits = [(r, 1 << r) for r in range(n_roles)]
        uncovered = [[r for r in range(n_roles) if not state >> r & 1] for state in self.states]
        self.own = [[sum([row[r] for r in roles]) for roles in uncovered] for row in tree.direct]
        self.empty = [sum([1 << r for r in range(n_roles) if row[r] == 0]) for row in tree.sub]
        self.F: list[list[int]] = [[0] * (1 << n_roles) for _ in tree.parent]
        self.depth = [0] * len(tree.parent)
        for u in reversed(tree.postorder):  # parents before children
            if tree.parent[u] >= 0:
                self.depth[u] = self.depth[tree.parent[u]] + 1
        for u in tree.postorder:
            self._update(u)

    def _val(self, x: int) -> int:
        """The mask {x} when x < k, else empty (x can never be a small remainder)."""
        return 1 << x if x < self.k else 0

    def _shown_roles(self, u: int) -> int:
        shown = self.shown
        roles = 0
        for r, bit in self.role_bits:
            if (u, r) in shown:
                roles |= bit
        return roles

    def _options(self, u: int, covered: int) -> list[int]:
        """Sets D of roles whose cells at u can be subtracted given the already covered roles."""
        return self.subsets[self._shown_roles(u) & ~covered]

    def _all_cell_fits(self, u: int, covered: int) -> bool:
        """(u, all) can join a family if shown and it has nobody in the covered roles."""
        return (u, self.ALL) in self.shown and not covered & ~self.empty[u]

    def _branch(self, u: int, covered: int, roles: int | None = None) -> int:
        """Reachable remainders in u's subtree when (u, all) itself is not subtracted."""
        if roles is None:
            roles = self._shown_roles(u)
        own, k, full, F = self.own[u], self.k, self.full, self.F
        children = self.t.children[u]
        mask = 0
        for d in self.subsets[roles & ~covered]:
            state = covered | d
            x = own[state]
            if x >= k:
                continue
            part = 1 << x
            for c in children:
                reach = F[c][state]
                if reach == 1:  # the child can leave only 0: nothing changes
                    continue
                part = _sumset(part, reach, full)
                if not part:
                    break
            mask |= part
        return mask

    def _update(self, u: int) -> None:
        """Recompute F[u][state] from u's children."""
        roles = self._shown_roles(u)
        whole = (u, self.ALL) in self.shown
        empty = self.empty[u]
        row = self.F[u]
        if self.t.children[u]:
            for covered in self.states:
                fits = 1 if whole and not covered & ~empty else 0
                row[covered] = fits | self._branch(u, covered, roles)
            return
        # A unit without children: the branch is its own respondents alone.
        own, k, subsets = self.own[u], self.k, self.subsets
        for covered in self.states:
            mask = 1 if whole and not covered & ~empty else 0
            for d in subsets[roles & ~covered]:
                x = own[covered | d]
                if x < k:
                    mask |= 1 << x
            row[covered] = mask

    def remainders(self, u: int, role: int) -> int:
        """Reachable remainders of the shown cell (u, role) after subtracting shown sub-cells."""
        if role == self.ALL:
            return self._branch(u, 0)
        others = ((1 << self.R) - 1) & ~(1 << role)
        part = self._val(self.t.direct[u][role])
        F, full = self.F, self.full
        for c in self.t.children[u]:
            if not part:
                break
            reach = F[c][others]
            if reach != 1:  # a child that can leave only 0 changes nothing
                part = _sumset(part, reach, full)
        return part

    def refresh_path(self, u: int) -> list[int]:
        """After a suppression at u, recompute u and its ancestors; return them."""
        path = []
        while u >= 0:
            self._update(u)
            path.append(u)
            u = self.t.parent[u]
        return path

    def _split(self, x: int, own: int, child_masks: list[int]) -> list[int] | None:
        """Values y_c in each child's mask with own + sum y_c == x, or None."""
        prefixes = [self._val(own)]
        for mask in child_masks:
            prefixes.append(_sumset(prefixes[-1], mask, self.full))
        if not prefixes[-1] >> x & 1:
            return None
        values: list[int] = []
        for i in range(len(child_masks) - 1, -1, -1):
            y = next(
                y
                for y in range(x + 1)
                if child_masks[i] >> y & 1 and x - y >= 0 and prefixes[i] >> (x - y) & 1
            )
            values.append(y)
            x -= y
        return values[::-1]

    def _explain_branch(self, u: int, covered: int, x: int) -> list[tuple[int, int]] | None:
        """A family of subtracted cells in u's subtree (not (u, all)) leaving exactly x."""
        for d in self._options(u, covered):
            state = covered | d
            children = self.t.children[u]
            split = self._split(x, self.own[u][state], [self.F[c][state] for c in children])
            if split is None:
                continue
            family = [(u, r) for r in range(self.R) if d >> r & 1]
            for c, y in zip(children, split, strict=True):
                family.extend(self._explain(c, state, y))
            return family
        return None

    def _explain(self, u: int, covered: int, x: int) -> list[tuple[int, int]]:
        """A family in u's subtree leaving x, given the roles covered above."""
        if x == 0 and self._all_cell_fits(u, covered):
            return [(u, self.ALL)]
        family = self._explain_branch(u, covered, x)
        assert family is not None, "inconsistent reachability masks"
        return family

    def witness(self, u: int, role: int, x: int) -> list[tuple[int, int]]:
        """The subtracted cells that leave remainder x inside the shown cell (u, role)."""
        if role == self.ALL:
            branch = self._explain_branch(u, 0, x)
            assert branch is not None, "inconsistent reachability masks"
            return branch
        others = ((1 << self.R) - 1) & ~(1 << role)
        children = self.t.children[u]
        split = self._split(x, self.t.direct[u][role], [self.F[c][others] for c in children])
        assert split is not None, "inconsistent reachability masks"
        family: list[tuple[int, int]] = []
        for c, y in zip(children, split, strict=True):
            family.extend(self._explain(c, others, y))
        return family


@dataclass(frozen=True)
class Positions:
    """What ``decide`` found, by position: cells are (unit position, role position), role
    position ``len(roles)`` being all roles. ``decide`` turns it into ``Decisions``; callers
    that need only which cells are shown (one table per figure family) read ``shown``."""

    wanted: list[tuple[int, int]]
    shown: set[tuple[int, int]]
    reason: dict[tuple[int, int], str]
    sizes: list[list[int]]  # per unit: subtree count per role, then all roles
    threshold: int


def decide(
    keys: Sequence[Hashable],
    parents: Sequence[Hashable | None],
    direct_counts: Mapping[Hashable, Sequence[int]] | Sequence[Sequence[int]],
    *,
    roles: Sequence[str] = ROLES,
    requested: Iterable[Cell] | None = None,
    policy: Policy | None = None,
    kind: str = "figures",
) -> Decisions:
    """Decide for every requested cell whether it may be shown (see the module docstring).

    ``keys``: unit keys; ``parents``: each unit's parent key, None for the root (the
    organisation). ``direct_counts``: respondents attached *directly* to each unit, one count
    per role in ``roles`` order, as a mapping by unit key (missing units count 0) or as rows
    aligned with ``keys`` (``Report.units.direct_n`` fits). ``requested``: cells ``(unit key,
    role name or None for all roles)``; default every unit with None and every role.
    ``kind``: "figures" (threshold ``min_group``) or "comments" (``comment_threshold``).
    """
    roles = tuple(roles)
    found = decide_positions(
        keys, parents, direct_counts, roles=roles, requested=requested, policy=policy, kind=kind
    )
    names: list[str | None] = [*roles, None]
    k = found.threshold
    cells = {
        (keys[u], names[c]): Decision(
            keys[u], names[c], found.sizes[u][c], (u, c) in found.shown, found.reason.get((u, c)), k
        )
        for u, c in found.wanted
    }
    return Decisions(kind=kind, threshold=k, cells=cells)


def decide_positions(
    keys: Sequence[Hashable],
    parents: Sequence[Hashable | None],
    direct_counts: Mapping[Hashable, Sequence[int]] | Sequence[Sequence[int]],
    *,
    roles: Sequence[str] = ROLES,
    requested: Iterable[Cell] | None = None,
    policy: Policy | None = None,
    kind: str = "figures",
) -> Positions:
    """``decide`` by position, without a ``Decision`` per cell (arguments as ``decide``)."""
    policy = policy or Policy()
    if kind not in ("figures", "comments"):
        raise ValueError("kind must be 'figures' or 'comments'")
    k = policy.min_group if kind == "figures" else policy.comment_threshold
    roles = tuple(roles)
    n_roles = len(roles)
    if isinstance(direct_counts, Mapping):
        counts = [list(direct_counts.get(key, [0] * n_roles)) for key in keys]
    else:
        counts = [list(row) for row in direct_counts]
        if len(counts) != len(keys):
            raise ValueError("one row of counts per unit is needed")
    tree = _Tree(keys, parents, counts, n_roles)
    sizes = [[*row, sum(row)] for row in tree.sub]
    position = {key: u for u, key in enumerate(keys)}
    role_index: dict[str | None, int] = {None: n_roles, **{r: i for i, r in enumerate(roles)}}
    if requested is None:
        wanted = [(u, c) for u in range(len(keys)) for c in (n_roles, *range(n_roles))]
    else:
        wanted = []
        for unit, role in requested:
            if unit not in position or role not in role_index:
                raise ValueError(f"unknown cell {(unit, role)!r}")
            wanted.append((position[unit], role_index[role]))
        wanted = sorted(set(wanted))

    def size(cell: tuple[int, int]) -> int:
        return sizes[cell[0]][cell[1]]

    def order(cell: tuple[int, int]) -> tuple[int, int, int]:
        # Smallest first; ties by unit position, then role order with "all" last.
        return (sizes[cell[0]][cell[1]], cell[0], cell[1])

    reason: dict[tuple[int, int], str] = {}
    shown: set[tuple[int, int]] = set()
    for cell in wanted:
        n = size(cell)
        if n == 0:
            reason[cell] = "no_respondents"
        elif n < k:
            reason[cell] = "too_few"
        else:
            shown.add(cell)

    def same_set(cell: tuple[int, int]) -> list[tuple[int, int]]:
        # A unit's cell can hold exactly the respondents of a deeper unit's cell (all managers
        # of a department sit in one team): showing either shows both. Sizes only grow upwards,
        # so such cells form one chain of equal size along the tree.
        u, c = cell
        n = size(cell)
        chain = [cell]
        p = tree.parent[u]
        while p >= 0 and sizes[p][c] == n:
            chain.append((p, c))
            p = tree.parent[p]
        below = u
        while n:
            equal = [ch for ch in tree.children[below] if sizes[ch][c] == n]
            if not equal:
                break
            below = equal[0]
            chain.append((below, c))
        return chain

    # known: every cell whose respondents form the same set as some shown cell. Only a cell
    # with a parent or child of its size has a chain longer than itself.
    linked: set[tuple[int, int]] = set()
    for u, p in enumerate(tree.parent):
        if p >= 0:
            mine, theirs = sizes[u], sizes[p]
            for c in range(n_roles + 1):
                if mine[c] == theirs[c]:
                    linked.add((u, c))
                    linked.add((p, c))
    known = set(shown)
    for cell in shown & linked:
        known.update(same_set(cell))
    checker = _Checker(tree, n_roles, k, known)
    violating = {cell for cell in known if checker.remainders(*cell) & checker.small}
    while violating:
        target = min(violating, key=order)
        bad = checker.remainders(*target) & checker.small
        x = (bad & -bad).bit_length() - 1  # the smallest bad remainder
        victim = min(checker.witness(*target, x), key=order)
        chain = same_set(victim)
        for cell in chain:
            if cell in shown:
                shown.discard(cell)
                reason[cell] = "protects_smaller_group"
            known.discard(cell)
            violating.discard(cell)
        deepest = max(chain, key=lambda cell: checker.depth[cell[0]])
        for u in checker.refresh_path(deepest[0]):
            for c in range(n_roles + 1):
                if (u, c) in known and checker.remainders(u, c) & checker.small:
                    violating.add((u, c))
                else:
                    violating.discard((u, c))
    return Positions(wanted, shown, reason, sizes, k)


def decide_report(
    report: Report,
    *,
    policy: Policy | None = None,
    requested: Iterable[Cell] | None = None,
    kind: str = "figures",
) -> Decisions:
    """``decide`` for the units and direct counts of a ``scoring.Report``."""
    tree = report.tree
    parents = [None if p < 0 else tree.keys[p] for p in tree.parent.tolist()]
    return decide(
        tree.keys,
        parents,
        report.units.direct_n.tolist(),
        roles=ROLES,
        requested=requested,
        policy=policy,
        kind=kind,
    )

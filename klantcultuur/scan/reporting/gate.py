"""The one reader of stored reports: every figure passes the stored anonymity decisions here.

Pages, charts, exports and partials ask a ``ReportGate`` for figures and get ``Figure``
objects: either a value (with its n) or, when suppressed, no value and the reason to show in
its place ("Minder dan 5 respondenten"). Nothing else reads ``WaveReport.data``. The gate
also applies who may read what: a unit outside ``visible_keys`` raises ``NotVisible`` (403).
A report whose thresholds differ from the organisation's current ones is stale and never
opened (``selectors.report_gate`` returns None until it is recomputed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klantcultuur.scan.anonymity import HINTS, REASONS
from klantcultuur.scan.models import WaveReport
from klantcultuur.scan.questionnaire import Questionnaire
from klantcultuur.scan.questionnaire.schema import role_model_side
from klantcultuur.scan.scoring import PHASES, SLICES
from klantcultuur.scan.scoring.units import strength_band

ROOT_KEY = "org"


class NotVisible(PermissionDenied):
    """The viewer may not read this unit's results."""


@dataclass(frozen=True)
class Figure:
    """A figure that passed the gate (``shown``) or the reason it is suppressed."""

    shown: bool
    value: Any = None
    n: int | None = None
    reason: str | None = None
    message: str | None = None
    hint: str | None = None  # in plain words, what would show it

    def __bool__(self) -> bool:
        # Templates write {% if figure %}; in Python compare with None, never use `or`.
        return self.shown


def _language() -> str:
    return (get_language() or "nl")[:2] if (get_language() or "nl")[:2] in ("nl", "en") else "nl"


class ReportGate:
    """Figures of one stored report, as a given viewer may see them."""

    def __init__(
        self,
        report: WaveReport,
        questionnaire: Questionnaire,
        *,
        visible_keys: Iterable[str] | None = None,
    ) -> None:
        self._data = report.data
        self._decisions = report.decisions
        self._comments = report.comments
        self.threshold = int(report.decisions["min_group"])
        self.comment_threshold = int(report.decisions["comment_threshold"])
        self.questionnaire = questionnaire
        self._keys: list[str] = list(self._data["unit_keys"])
        self._index = {key: i for i, key in enumerate(self._keys)}
        self._parent: list[int] = self._data["parent"]
        self._visible = None if visible_keys is None else frozenset(visible_keys)
        # Units that received more answers than they have people (an open link was stuffed):
        # their answers were left out of the computation and nothing of them is shown.
        self._overfull = frozenset(
            self._index[key] for key in report.decisions.get("overfull", ()) if key in self._index
        )
        units = self._data["units"]
        self._scales = {code: s for s, code in enumerate(units["scale_codes"])}
        self._items = {code: p for p, code in enumerate(units["item_codes"])}
        self.scale_codes: tuple[str, ...] = tuple(units["scale_codes"])
        self.item_codes: tuple[str, ...] = tuple(units["item_codes"])

    # --- who may see which unit ------------------------------------------------------------
    def can_see(self, key: str) -> bool:
        return key in self._index and (self._visible is None or key in self._visible)

    def _u(self, key: str) -> int:
        if not self.can_see(key):
            raise NotVisible
        return self._index[key]

    def visible_keys(self) -> list[str]:
        """Unit keys the viewer may read, in stored order (the root first)."""
        return [key for key in self._keys if self.can_see(key)]

    def parent_key(self, key: str) -> str | None:
        p = self._parent[self._index[key]]
        return None if p < 0 else self._keys[p]

    def child_keys(self, key: str) -> list[str]:
        u = self._index[key]
        return [k for i, k in enumerate(self._keys) if self._parent[i] == u and self.can_see(k)]

    # --- suppression -------------------------------------------------------------------
    def _suppressed(self, reason: str) -> Figure:
        threshold = self.threshold
        message = REASONS[reason][_language()].format(threshold=threshold)
        hint = HINTS.get(reason, {}).get(_language(), "").format(threshold=threshold)
        return Figure(False, reason=reason, message=message, hint=hint or None)

    def _decide(
        self, u: int, slice_: str, measure: str | None, n_measure: int, *, column: int | None = None
    ) -> Figure | None:
        """None when the figure may be shown, else the suppressed Figure with its reason."""
        if u in self._overfull:
            return self._suppressed("too_many_answers")
        col = SLICES.index(slice_)
        cell_n = int(self._data["units"]["n"][u][col])
        cell_ok = bool(self._decisions["cells"][u][col])
        measure_ok = True
        if measure is not None:
            table = self._decisions["measures"][measure]
            measure_ok = bool(table[u][col if column is None else column])
        if cell_ok and measure_ok and n_measure >= self.threshold:
            return None
        if n_measure == 0:
            return self._suppressed("no_respondents")
        if cell_n < self.threshold:
            return self._suppressed("too_few")
        if n_measure < self.threshold:
            return self._suppressed("too_few_answers")
        return self._suppressed("protects_smaller_group")

    # --- groups and scales ---------------------------------------------------------------
    def group(self, key: str, slice_: str = "all") -> Figure:
        """How many responded (shown only when the group itself may be shown)."""
        u, col = self._u(key), SLICES.index(slice_)
        n = int(self._data["units"]["n"][u][col])
        blocked = self._decide(u, slice_, None, n)
        return blocked if blocked is not None else Figure(True, n, n)

    def scale(self, key: str, code: str, slice_: str = "all") -> Figure:
        """Mean, SD and culture strength of a scale: ``{"mean", "sd", "strength", "band"}``."""
        u, col, s = self._u(key), SLICES.index(slice_), self._scales[code]
        units = self._data["units"]
        n = int(units["scale_n"][u][col][s])
        blocked = self._decide(u, slice_, f"scale:{code}", n)
        if blocked is not None:
            return blocked
        strength = units["scale_strength"][u][col][s]
        value = {
            "mean": units["scale_mean"][u][col][s],
            "sd": units["scale_sd"][u][col][s],
            "strength": strength,
            "band": strength_band(strength) if strength is not None else None,
        }
        return Figure(True, value, n)

    def item(self, key: str, code: str, slice_: str = "all") -> Figure:
        """Mean and SD of one statement: ``{"mean", "sd"}`` (after reverse keying)."""
        u, col, p = self._u(key), SLICES.index(slice_), self._items[code]
        units = self._data["units"]
        n = int(units["item_n"][u][col][p])
        blocked = self._decide(u, slice_, f"item:{code}", n)
        if blocked is not None:
            return blocked
        return Figure(
            True, {"mean": units["item_mean"][u][col][p], "sd": units["item_sd"][u][col][p]}, n
        )

    def phase(self, key: str) -> Figure:
        """``{"number", "name", "holding_back", "capped"}``: needs all four components shown."""
        u = self._u(key)
        phases = self._data["phases"]
        for code in phases["components"]:
            figure = self.scale(key, code)
            if not figure:
                return figure
        number = int(phases["phase"][u])
        if not number:
            return self._suppressed("no_respondents")
        weakest = int(phases["holding_back"][u])
        return Figure(
            True,
            {
                "number": number,
                "name": PHASES[number - 1],
                "holding_back": phases["components"][weakest] if weakest >= 0 else None,
                "capped": bool(phases["capped"][u]),
            },
            self.group(key).n,
        )

    # --- example behaviour -------------------------------------------------------------
    def _behaviour_items(self) -> dict[str, tuple[str, str]]:
        analysis = self.questionnaire["analysis"]
        pairs: dict[str, dict[str, str]] = {}
        for item in self.questionnaire["items"]:
            side = role_model_side(item, analysis)
            if side is not None:
                pairs.setdefault(item["behaviour"], {})[side] = item["code"]
        return {b: (p["self"], p["seen"]) for b, p in pairs.items()}

    def gap(self, key: str) -> list[dict[str, Any]]:
        """Per behaviour: ``{"behaviour", "self_code", "seen_code", "self", "seen"}`` Figures.

        ``self``: managers' ``{"mean", "always", "almost"}``; ``seen``: employees'
        ``{"mean", "recognise", "always"}``.
        """
        u = self._u(key)
        gap = self._data["gap"]
        pairs = self._behaviour_items()
        rows = []
        for b, behaviour in enumerate(gap["behaviours"]):
            self_code, seen_code = pairs[behaviour]
            n_self, n_seen = int(gap["self_n"][u][b]), int(gap["seen_n"][u][b])
            own = self._decide(u, "manager", f"item:{self_code}", n_self)
            if own is None:
                own = Figure(
                    True,
                    {
                        "mean": gap["self_mean"][u][b],
                        "n": n_self,
                        "always": gap["self_always"][u][b],
                        "almost": gap["self_almost"][u][b],
                    },
                    n_self,
                )
            seen = self._decide(u, "employee", f"item:{seen_code}", n_seen)
            if seen is None:
                seen = Figure(
                    True,
                    {
                        "mean": gap["seen_mean"][u][b],
                        "n": n_seen,
                        "recognise": gap["seen_recognise"][u][b],
                        "always": gap["seen_always"][u][b],
                    },
                    n_seen,
                )
            rows.append(
                {
                    "behaviour": behaviour,
                    "self_code": self_code,
                    "seen_code": seen_code,
                    "self": own,
                    "seen": seen,
                }
            )
        return rows

    def gap_reference(self) -> dict[str, float]:
        return dict(self._data["gap"]["reference"])

    # --- change stance, approach, preconditions ------------------------------------------
    def stance(self, key: str, slice_: str = "all") -> Figure:
        """Shares of pullers, riders and resisters among those with a stance score."""
        u, col = self._u(key), SLICES.index(slice_)
        stance = self._data["stance"]
        counts = stance["counts"][u][col]
        n = int(sum(counts))
        blocked = self._decide(u, slice_, "stance", n)
        return blocked if blocked is not None else Figure(True, tuple(stance["shares"][u][col]), n)

    def stance_reference(self) -> tuple[float, float, float]:
        return tuple(self._data["stance"]["reference"])

    def approach(self, key: str) -> Figure:
        """``{"approach": key, "shares": {key: share}}`` from the approach question."""
        u = self._u(key)
        approach = self._data["approach"]
        n = int(sum(approach["counts"][u][0]))
        blocked = self._decide(u, "all", "approach", n)
        if blocked is not None:
            return blocked
        shares = dict(zip(approach["keys"], approach["shares"][u][0], strict=True))
        return Figure(True, {"approach": approach["approach"][u], "shares": shares}, n)

    def preconditions(self, key: str) -> list[dict[str, Any]]:
        """The three preconditions of the board approach: ``{"key", "figure"}`` with
        ``{"mean", "status"}`` (status met / partly / not)."""
        u = self._u(key)
        out = []
        for pre in self._data["preconditions"]:
            n = int(pre["n"][u])
            slice_ = "manager" if pre["audience"] == "managers" else "all"
            blocked = self._decide(u, slice_, f"pre:{pre['key']}", n, column=0)
            figure = blocked
            if figure is None:
                figure = Figure(True, {"mean": pre["mean"][u], "status": pre["status"][u]}, n)
            out.append({"key": pre["key"], "audience": pre["audience"], "figure": figure})
        return out

    # --- leaders or peers --------------------------------------------------------------
    def leaders_peers(self, key: str) -> Figure | None:
        """``{"r2", "r2_ci", "leaders", "peers"}`` (each ``(share, low, high)``), or None
        when it was not computed for this unit (only the organisation and its divisions)."""
        u = self._u(key)
        found = next((r for r in self._data["leaders_peers"] if r["unit"] == key), None)
        if found is None:
            return None
        blocked = self._decide(u, "employee", None, int(found["n"]))
        if blocked is not None:
            return blocked
        if not found["shown"]:
            return Figure(
                False,
                n=None,
                reason="too_few_for_model",
                message=_(
                    "Not enough employees with every answer for this analysis (at least %(n)s)."
                )
                % {"n": found["min_n"]},
            )
        names = found["predictors"]
        shares = {name: (found["share"][j], *found["share_ci"][j]) for j, name in enumerate(names)}
        return Figure(
            True,
            {
                "r2": found["r2"],
                "r2_ci": tuple(found["r2_ci"]),
                "leaders": shares["leaders"],
                "peers": shares["peers"],
            },
            int(found["n"]),
        )

    # --- waves, reliability, benchmark -------------------------------------------------
    @property
    def previous_wave(self) -> dict[str, str] | None:
        return self._data.get("previous_wave")

    def comparison(self, key: str, code: str) -> Figure | None:
        """Change against the previous wave ``{"change", "low", "high", "real"}``; None
        without a previous wave."""
        if self._data.get("comparison") is None or "comparison" not in self._decisions:
            return None
        u, s = self._u(key), self._scales[code]
        if u in self._overfull:
            return self._suppressed("too_many_answers")
        comparison = self._data["comparison"]
        if comparison["change"][u][s] is None or not self._decisions["comparison"][u][s]:
            current = self.scale(key, code)
            if not current:
                return current
            return Figure(
                False, reason="not_comparable", message=_("Not comparable: hidden last time.")
            )
        return Figure(
            True,
            {
                "change": comparison["change"][u][s],
                "low": comparison["low"][u][s],
                "high": comparison["high"][u][s],
                "real": bool(comparison["real"][u][s]),
            },
        )

    def alpha(self) -> dict[str, Figure]:
        """Cronbach's alpha per scale for this wave (organisation-wide)."""
        self._u(ROOT_KEY)
        out = {}
        for code, found in self._data["alpha"].items():
            n = int(found["n"])
            if n < self.threshold or found["alpha"] is None:
                out[code] = self._suppressed("too_few_answers" if n else "no_respondents")
            else:
                out[code] = Figure(True, found["alpha"], n)
        return out

    def benchmark(self) -> dict[str, Any] | None:
        """Sector benchmark (five or more other organisations) or the Monitor's reference."""
        self._u(ROOT_KEY)
        return self._data.get("benchmark")

    # --- open answers --------------------------------------------------------------------
    def _asked_slice(self) -> dict[str, str]:
        """Open question code -> the slice of respondents who were asked it."""
        if not hasattr(self, "_asked"):
            sections = {s["key"]: s.get("audience", "all") for s in self.questionnaire["sections"]}
            audience_slice = {"all": "all", "managers": "manager", "employees": "employee"}
            self._asked = {}
            for item in self.questionnaire["items"]:
                if item["type"] != "open":
                    continue
                audience = item.get("audience", "all")
                if audience == "all":
                    audience = sections.get(item["section"], "all")
                # An audience this code does not know is treated as asked to nobody.
                self._asked[item["code"]] = audience_slice.get(audience, "none")
        return self._asked

    def _question_shown(self, u: int, code: str) -> bool:
        """A question's answers show only where enough of the people asked it responded."""
        slice_ = self._asked_slice().get(code, "none")
        if slice_ == "all":
            return True
        slices = self._decisions.get("comment_slices")
        if slices is None or slice_ not in SLICES:
            return False  # a report stored before this rule: only what everyone was asked
        col = SLICES.index(slice_)
        asked = int(self._data["units"]["n"][u][col])
        return bool(slices[u][col]) and asked >= self.comment_threshold

    def comments(self, key: str) -> Figure:
        """``{question code: [(theme, [answers])]}`` for a group at or above the comment
        threshold; a question asked to one role only also needs that many of that role."""
        u = self._u(key)
        n = int(self._data["units"]["n"][u][0])
        if u in self._overfull:
            return self._suppressed("too_many_answers")
        if self._decisions["comments"][u] and n >= self.comment_threshold:
            shown = {
                code: groups
                for code, groups in self._comments.get(key, {}).items()
                if self._question_shown(u, code)
            }
            return Figure(True, shown, n)
        if n == 0:
            return self._suppressed("no_respondents")
        if n < self.comment_threshold:
            message = REASONS["too_few"][_language()].format(threshold=self.comment_threshold)
            return Figure(False, reason="too_few", message=message)
        return self._suppressed("protects_smaller_group")

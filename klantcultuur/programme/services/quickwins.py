"""Marking an improvement action as a quick win."""

from __future__ import annotations

from klantcultuur.huddle.models import ImprovementAction


def quick_win_set(*, action: ImprovementAction, value: bool) -> ImprovementAction:
    action.is_quick_win = value
    action.save(update_fields=["is_quick_win"])
    return action

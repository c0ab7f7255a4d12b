"""Building blocks of the dagstart tests: KPIs on a team's board, feedback on fixed days."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from klantcultuur.feedback.tests.factories import ingest, item
from klantcultuur.huddle.models import Kpi, KpiValue, TeamKpi

AMS = ZoneInfo("Europe/Amsterdam")
THURSDAY, FRIDAY, SATURDAY, SUNDAY = (date(2025, 11, d) for d in (13, 14, 15, 16))
MONDAY = date(2025, 11, 17)  # its dagstart looks back at Friday to Sunday
_ids = itertools.count(1)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), AMS)


@dataclass
class Board:
    nps: TeamKpi
    reach: TeamKpi  # hand-entered per day, higher is better
    wait: TeamKpi  # hand-entered per day with a decimal, lower is better
    lead_time: TeamKpi  # hand-entered per week, lower is better


def team_board(world, team=None, owner=None) -> Board:
    """Four KPIs on the board of `team` (the world's front-office team), owned by Bob."""
    team = team or world.team
    owner = owner or world.employee
    org = world.org

    def kpi(name, **fields):
        found, _created = Kpi.objects.get_or_create(organization=org, name=name, defaults=fields)
        return found

    nps = kpi("NPS", source="feedback", measure="nps", period="day", default_target=20)
    reach = kpi("Bereikbaarheid telefoon", unit="%", default_target=80)
    wait = kpi("Wachttijd balie", unit="min", decimals=1, direction="lower", default_target=10)
    lead = kpi(
        "Doorlooptijd reparatie",
        unit="dagen",
        decimals=1,
        direction="lower",
        period="week",
        default_target=5,
    )

    def on_board(k, position, target=None):
        return TeamKpi.objects.create(
            organization=org, kpi=k, team=team, owner=owner, position=position, target=target
        )

    return Board(on_board(nps, 0), on_board(reach, 1), on_board(wait, 2), on_board(lead, 3))


def value(team_kpi: TeamKpi, day: date, number) -> KpiValue:
    return KpiValue.objects.create(
        organization=team_kpi.organization,
        kpi=team_kpi.kpi,
        team=team_kpi.team,
        period_start=day,
        value=Decimal(str(number)),
    )


def feedback(world, day: date, score: int, reason: str = "", team=None, **values):
    """One customer's answer on `day`, for the world's team unless told otherwise."""
    team = team or world.team
    values.setdefault("received_at", at(day, values.pop("hour", 10)))
    values.setdefault("external_id", f"test-{next(_ids)}")
    return ingest(world.org, item(score=score, reason=reason, team_id=team.id, **values)).created[0]


def section(html: str, heading_id: str) -> str:
    """The text of the <section> whose heading has this id (up to its closing tag)."""
    start = html.index(">", html.index(f'id="{heading_id}"')) + 1
    return html[start : html.index("</section>", start)]


def text(html: str) -> str:
    """Visible text, whitespace collapsed (for assertions on what people read)."""
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    from html import unescape

    return re.sub(r"\s+", " ", unescape(html)).strip()

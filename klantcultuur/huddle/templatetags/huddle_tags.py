"""Template filters of the dagstart pages: KPI figures as Dutch people read them."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


def rounded(value, decimals: int) -> Decimal:
    """Half up, as people round (number_format alone would cut the decimals off)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@register.filter
def kpi_number(value, kpi) -> str:
    """A KPI figure with its decimals and unit: '85%', '7,5 dagen', '-12'."""
    if value is None or value == "":
        return "–"
    text = number_format(rounded(value, kpi.decimals), kpi.decimals)
    if not kpi.unit:
        return text
    return f"{text}{kpi.unit}" if kpi.unit == "%" else f"{text}\u00a0{kpi.unit}"


@register.filter
def target_bound(target, kpi) -> str:
    """'at least 30' beside a status that already says "target" ('' without target)."""
    if target is None:
        return ""
    number = kpi_number(target, kpi)
    if kpi.higher_is_better:
        return _("at least %(n)s") % {"n": number}
    return _("at most %(n)s") % {"n": number}


@register.filter
def target_text(target, kpi) -> str:
    """'at least 30' or 'at most 5 days' for a KPI's target ('' without target)."""
    if target is None:
        return ""
    number = kpi_number(target, kpi)
    if kpi.higher_is_better:
        return _("target at least %(n)s") % {"n": number}
    return _("target at most %(n)s") % {"n": number}


@register.filter
def signed(value, decimals: int = 0) -> str:
    """A difference with its sign: '+4,2', '-3' (a minus sign), '0'."""
    if value is None:
        return "–"
    text = number_format(abs(rounded(value, decimals)), decimals)
    if round(float(value), decimals) > 0:
        return "+" + text
    if round(float(value), decimals) < 0:
        return "\u2212" + text
    return text


@register.filter
def person(membership) -> str:
    if membership is None:
        return ""
    return membership.user.get_full_name() or membership.user.email


@register.filter
def input_decimal(value) -> str:
    """A stored value as a Dutch person types it back: '7,5' (no trailing zeros)."""
    if value is None or value == "":
        return ""
    if not isinstance(value, Decimal | int | float):
        return str(value)  # what the person typed, shown back with the error
    text = format(Decimal(str(value)).normalize(), "f")
    return text.replace(".", ",")


@register.filter
def score_label(record) -> str:
    """'NPS 9', 'CSAT 4', 'CES 6' ('' without a score)."""
    if record.score is None or not record.metric:
        return ""
    return f"{record.metric.upper()} {record.score}"


@register.simple_tag
def optional_url(name: str, *args) -> str:
    """A link target that another app may not offer yet ('' then): degrade, do not fail."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.filter
def add_days(day: date, days: int) -> date:
    return day + timedelta(days=int(days))


@register.filter
def state_label(value: str) -> str:
    """The name of a PDCA state in the interface language."""
    from klantcultuur.huddle.models import ActionState

    try:
        return str(ActionState(value).label)
    except ValueError:
        return value


@register.inclusion_tag("huddle/_block_slots.html")
def board_block_slots(area: str, unit, day, wall=False):
    """Placeholders for the blocks other apps put on the board (huddle.blocks)."""
    from klantcultuur.huddle.blocks import board_blocks

    query = f"?day={day:%Y-%m-%d}" + ("&wall=1" if wall else "")
    return {
        "urls": [
            reverse(block.url_name, args=[unit.uuid]) + query
            for block in board_blocks()
            if block.area == area and (block.in_wall or not wall)
        ]
    }

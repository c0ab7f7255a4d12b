"""Writes of the next-step catalogue and of the steps taken."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klantcultuur.orgs.models import Membership, Organization, OrgUnit
from klantcultuur.programme.models import Component, NextStep, StepStatus, StepTemplate
from klantcultuur.programme.progress.catalogue import DEFAULT_STEPS
from klantcultuur.scan.models import Wave


@transaction.atomic
def catalogue_ensure(*, organization: Organization) -> int:
    """Give the organisation the default catalogue once (never again after it has any step,
    archived ones included, so a removed default does not come back). Returns how many."""
    if StepTemplate.objects.filter(organization=organization).exists():
        return 0
    rows = [
        StepTemplate(
            organization=organization,
            component=component,
            title=title,
            description=description,
            tool=tool,
            position=i,
        )
        for component, steps in DEFAULT_STEPS.items()
        for i, (title, description, tool) in enumerate(steps)
    ]
    StepTemplate.objects.bulk_create(rows)
    return len(rows)


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the step a title."))
    if len(title) > 160:
        raise ValidationError(_("A title has at most 160 characters."))
    return title


@transaction.atomic
def template_save(
    *,
    organization: Organization,
    component: str,
    title: str,
    description: str = "",
    template: StepTemplate | None = None,
) -> StepTemplate:
    """Add a step to the catalogue or change one."""
    if component not in Component.values:
        raise ValidationError(_("Choose a component of the method."))
    title = _clean_title(title)
    if template is None:
        template = StepTemplate(organization=organization)
        template.position = StepTemplate.objects.filter(
            organization=organization, component=component
        ).count()
    template.component = component
    template.title = title
    template.description = (description or "").strip()
    template.save()
    return template


def template_archive(*, template: StepTemplate) -> None:
    """Take a step out of the catalogue; steps already taken from it stay."""
    template.archived_at = timezone.now()
    template.save(update_fields=["archived_at"])


def _check_owner(organization: Organization, owner: Membership | None) -> None:
    if owner is None or owner.organization_id != organization.id or owner.archived_at:
        raise ValidationError(_("Choose an owner from your organisation."))


def _check_due(due_on: date | None) -> date:
    if due_on is None:
        raise ValidationError(_("Give the step a due date."))
    return due_on


@transaction.atomic
def step_take(
    *,
    organization: Organization,
    by: Membership,
    owner: Membership | None,
    due_on: date | None,
    unit: OrgUnit | None = None,
    template: StepTemplate | None = None,
    component: str = "",
    title: str = "",
    wave: Wave | None = None,
) -> NextStep:
    """Turn a catalogue step (or one written by hand) into an item with owner and due date."""
    if template is not None:
        if template.organization_id != organization.id or template.archived_at:
            raise ValidationError(_("This step is no longer in the catalogue."))
        component, title = template.component, template.title
    if component not in Component.values:
        raise ValidationError(_("Choose a component of the method."))
    title = _clean_title(title)
    _check_owner(organization, owner)
    due = _check_due(due_on)
    if unit is not None and unit.organization_id != organization.id:
        raise ValidationError(_("Choose a unit of your organisation."))
    if wave is not None and wave.organization_id != organization.id:
        wave = None
    return NextStep.objects.create(
        organization=organization,
        unit=unit,
        template=template,
        component=component,
        title=title,
        owner=owner,
        due_on=due,
        wave=wave,
        created_by=by,
    )


@transaction.atomic
def step_update(
    *,
    step: NextStep,
    owner: Membership | None,
    due_on: date | None,
    status: str,
    note: str = "",
) -> NextStep:
    """Change owner, due date, note, or mark the step done (or open again)."""
    _check_owner(step.organization, owner)
    due = _check_due(due_on)
    if status not in StepStatus.values:
        raise ValidationError(_("Choose open or done."))
    if status == StepStatus.DONE and step.status != StepStatus.DONE:
        step.done_at = timezone.now()
    elif status == StepStatus.OPEN:
        step.done_at = None
    step.owner, step.due_on, step.status, step.note = owner, due, status, (note or "").strip()
    step.save(update_fields=["owner", "due_on", "status", "note", "done_at"])
    return step

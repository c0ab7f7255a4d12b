"""Writes that touch several models: units, memberships, invitations and people imports."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from klantcultuur.accounts.models import User
from klantcultuur.audit.models import Action
from klantcultuur.audit.services import audit_record
from klantcultuur.lib import progress
from klantcultuur.lib.jobs import JobStatus, job_queue, job_run
from klantcultuur.lib.tabular import Table, TableError, match_columns, open_table
from klantcultuur.lib.text import one_line
from klantcultuur.orgs.models import (
    Membership,
    Organization,
    OrgUnit,
    PeopleImport,
)
from klantcultuur.orgs.people_import import (
    COLUMN_ALIASES,
    COLUMN_LABELS,
    FILE_LIMITS,
    ExistingPerson,
    ExistingUnit,
    ImportPlan,
    plan_import,
)
from klantcultuur.orgs.roles import Perm, Role, grantable_roles, may_grant
from klantcultuur.orgs.signals import member_joined
from klantcultuur.orgs.tree import UnitTree

INVITATION_SALT = "klantcultuur.invitation"
PROGRESS_KIND = "people-import"


# --- Units -----------------------------------------------------------------------------
def unit_save(*, unit: OrgUnit) -> OrgUnit:
    """Create or change a unit, refusing a parent in another organisation or below itself."""
    if unit.parent is not None:
        if unit.parent.organization_id != unit.organization_id:
            raise ValidationError({"parent": _("The parent unit belongs to another organisation.")})
        if unit.pk and UnitTree.for_organization(unit.organization_id).would_cycle(
            unit.pk, unit.parent_id
        ):
            raise ValidationError({"parent": _("A unit cannot be placed below itself.")})
    if unit.manager is not None and unit.manager.organization_id != unit.organization_id:
        raise ValidationError({"manager": _("The manager is not a member of this organisation.")})
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def unit_archive(*, unit: OrgUnit) -> int:
    """Archive a unit with everything below it; returns how many units were archived."""
    ids = UnitTree.for_organization(unit.organization_id).subtree_ids(unit.id)
    return OrgUnit.objects.filter(id__in=ids, archived_at__isnull=True).update(
        archived_at=timezone.now()
    )


def unit_restore(*, unit: OrgUnit) -> None:
    """Bring an archived unit back (its parent must be active)."""
    if unit.parent is not None and unit.parent.is_archived:
        raise ValidationError(
            _("Restore the parent unit “%(name)s” first.") % {"name": unit.parent}
        )
    unit.archived_at = None
    unit.save(update_fields=["archived_at"])


# --- Memberships and invitations -------------------------------------------------------
def _admins_left_without(membership: Membership) -> bool:
    others = Membership.objects.active().filter(
        organization_id=membership.organization_id, role=Role.ADMIN
    )
    return not others.exclude(pk=membership.pk).exists()


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


def require_may_grant(*, actor: Membership, role: str) -> None:
    """Refuse giving a role with permissions the actor lacks (see `roles.may_grant`)."""
    if not may_grant(actor.role, role):
        raise ValidationError(
            {
                "role": _(
                    "You may not give the role “%(role)s”: it has permissions you do not have."
                )
                % {"role": _role_label(role)}
            }
        )


def require_may_change_role(*, actor: Membership, membership: Membership) -> None:
    """Refuse changing (or removing) a colleague whose role is above the actor's own."""
    if not may_grant(actor.role, membership.role):
        raise ValidationError(
            {
                "role": _(
                    "You may not change the role of someone who is “%(role)s”: that role has "
                    "permissions you do not have."
                )
                % {"role": _role_label(membership.role)}
            }
        )


def membership_update(
    *, membership: Membership, actor: Membership, role: str, unit: OrgUnit | None, job_title: str
) -> Membership:
    """Change a colleague's role, unit and job title; the last administrator stays one.

    The role changes only when the actor could have given both the old and the new role."""
    if not actor.has_perm(Perm.MANAGE_PEOPLE):
        raise ValidationError(_("You may not change colleagues' roles and units."))
    if unit is not None and unit.organization_id != membership.organization_id:
        raise ValidationError({"unit": _("The unit belongs to another organisation.")})
    if role != membership.role:
        require_may_change_role(actor=actor, membership=membership)
        require_may_grant(actor=actor, role=role)
    if membership.role == Role.ADMIN and role != Role.ADMIN:
        if membership.pk == actor.pk:
            raise ValidationError({"role": _("You cannot take away your own administrator role.")})
        if _admins_left_without(membership):
            raise ValidationError({"role": _("The organisation needs at least one administrator.")})
    old_role = membership.role
    membership.role, membership.unit, membership.job_title = role, unit, job_title
    membership.save(update_fields=["role", "unit", "job_title"])
    if role != old_role:
        audit_record(
            action=Action.ROLE_CHANGED,
            organization=membership.organization_id,
            actor=actor,
            target=membership.user.email,
            details={"from": old_role, "to": role},
        )
    return membership


def membership_archive(*, membership: Membership, actor: Membership) -> None:
    """Remove a person from the organisation (their history stays)."""
    if membership.pk == actor.pk:
        raise ValidationError(_("You cannot remove yourself."))
    if not may_grant(actor.role, membership.role):
        raise ValidationError(
            _(
                "You may not remove someone who is “%(role)s”: that role has permissions you do "
                "not have."
            )
            % {"role": _role_label(membership.role)}
        )
    if membership.role == Role.ADMIN and _admins_left_without(membership):
        raise ValidationError(_("The organisation needs at least one administrator."))
    with transaction.atomic():
        OrgUnit.objects.filter(manager=membership).update(manager=None)
        membership.archived_at = timezone.now()
        membership.save(update_fields=["archived_at"])


@transaction.atomic
def member_invite(
    *,
    organization: Organization,
    email: str,
    first_name: str,
    infix: str,
    last_name: str,
    role: str,
    unit: OrgUnit | None,
    invited_by: User,
    actor: Membership,
) -> Membership:
    """Add a person to the organisation (a new user if needed) and e-mail an invitation.

    The actor may give only roles within their own (`roles.may_grant`)."""
    require_may_grant(actor=actor, role=role)
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, first_name=first_name, infix=infix, last_name=last_name
        )
    membership = Membership.objects.filter(user=user, organization=organization).first()
    if membership is not None and membership.archived_at is None:
        raise ValidationError({"email": _("%(email)s is already a member.") % {"email": email}})
    if membership is None:
        membership = Membership(user=user, organization=organization)
    membership.role, membership.unit, membership.archived_at = role, unit, None
    membership.save()
    audit_record(
        action=Action.MEMBER_INVITED,
        organization=organization,
        actor=actor,
        target=email,
        details={"role": role},
    )
    member_joined.send(sender=Membership, membership=membership, via="invitation")
    invitation_send(membership=membership, invited_by=invited_by)
    return membership


def invitation_token(membership: Membership) -> str:
    return signing.dumps(str(membership.uuid), salt=INVITATION_SALT)


def invitation_membership(token: str) -> Membership | None:
    """The membership an invitation link is for, or None when forged or expired."""
    try:
        code = signing.loads(token, salt=INVITATION_SALT, max_age=settings.INVITATION_MAX_AGE)
    except signing.BadSignature:
        return None
    return (
        Membership.objects.select_related("user", "organization")
        .filter(uuid=code, archived_at__isnull=True)
        .first()
    )


def invitation_send(*, membership: Membership, invited_by: User | None) -> None:
    """E-mail a personal invitation link, in the invitee's language."""
    membership.invited_at = timezone.now()
    membership.invited_by = invited_by
    membership.save(update_fields=["invited_at", "invited_by"])
    link = settings.SITE_URL + reverse("orgs-invitation", args=[invitation_token(membership)])
    context = {
        "membership": membership,
        "link": link,
        "invited_by": invited_by,
        "days": settings.INVITATION_MAX_AGE.days,
    }
    with translation.override(membership.user.language or settings.LANGUAGE_CODE):
        subject = one_line(
            _("Invitation to Klantcultuur for %(organization)s")
            % {"organization": membership.organization.name}
        )
        body = render_to_string("orgs/email/invitation.txt", context)
    to = membership.user.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [to]))


def invitations_send_pending(*, organization: Organization, invited_by: User) -> int:
    """Invite everyone in the organisation who has no password and was never invited."""
    pending = [
        m
        for m in Membership.objects.active()
        .filter(organization=organization, invited_at__isnull=True)
        .select_related("user", "organization")
        if not m.user.has_usable_password()
    ]
    for membership in pending:
        invitation_send(membership=membership, invited_by=invited_by)
    return len(pending)


def invitation_accept(*, membership: Membership, password: str | None) -> User:
    """Mark the invitation accepted; a new user sets their password here."""
    user = membership.user
    with transaction.atomic():
        if password:
            user.set_password(password)
            user.save(update_fields=["password"])
        if membership.joined_at is None:
            membership.joined_at = timezone.now()
            membership.save(update_fields=["joined_at"])
    return user


# --- People import ---------------------------------------------------------------------
def people_import_create(
    *, organization: Organization, user: User, filename: str, content: bytes
) -> PeopleImport:
    """Store an uploaded file for preview."""
    return PeopleImport.objects.create(
        organization=organization, created_by=user, filename=filename[:255], content=content
    )


def _open(job: PeopleImport) -> tuple[Table, dict[str, int]]:
    table = open_table(bytes(job.content), filename=job.filename, limits=FILE_LIMITS)
    columns = match_columns(table.headers, COLUMN_ALIASES, labels=COLUMN_LABELS)
    if "email" not in columns and not {"unit_code", "unit_name"} <= columns.keys():
        table.close()
        match_columns(table.headers, COLUMN_ALIASES, required=["email"], labels=COLUMN_LABELS)
    if "unit_name" in columns and "unit_code" not in columns:
        table.close()
        match_columns(table.headers, COLUMN_ALIASES, required=["unit_code"], labels=COLUMN_LABELS)
    return table, columns


def _existing(organization: Organization) -> tuple[list[ExistingUnit], list[ExistingPerson]]:
    units = list(
        OrgUnit.objects.filter(organization=organization).select_related("parent", "manager__user")
    )
    existing_units = [
        ExistingUnit(
            code=u.code,
            name=u.name,
            parent_code=u.parent.code if u.parent else None,
            kind=u.kind,
            office=u.office,
            manager_email=u.manager.user.email if u.manager else None,
        )
        for u in units
    ]
    people = [
        ExistingPerson(
            email=m.user.email,
            first_name=m.user.first_name,
            infix=m.user.infix,
            last_name=m.user.last_name,
            employee_number=m.employee_number,
            unit_code=m.unit.code if m.unit else None,
            role=m.role,
            job_title=m.job_title,
            start_date=m.start_date,
        )
        for m in Membership.objects.filter(
            organization=organization, archived_at__isnull=True
        ).select_related("user", "unit")
    ]
    return existing_units, people


def import_grantable(job: PeopleImport, actor: Membership | None = None) -> frozenset[str]:
    """Roles an import may give: those both its uploader and whoever starts (or views) it may
    give, as members now (an administrator's upload started by HR gives HR's roles only)."""
    creator = (
        Membership.objects.active()
        .filter(organization_id=job.organization_id, user_id=job.created_by_id)
        .first()
        if job.created_by_id
        else None
    )
    roles = frozenset(grantable_roles(creator.role)) if creator else frozenset()
    if actor is not None:
        roles &= frozenset(grantable_roles(actor.role))
    return roles


def people_import_plan(*, job: PeopleImport, actor: Membership | None = None) -> ImportPlan:
    """What the import would do now (raises TableError for an unreadable file).

    `actor`: who looks at or starts it; the roles it may give are limited to theirs too."""
    grantable = import_grantable(job, actor)
    table, columns = _open(job)
    try:
        units, people = _existing(job.organization)
        return plan_import(table.rows, columns, table.headers, units, people, grantable=grantable)
    finally:
        table.close()


def people_import_start(*, job: PeopleImport, actor: Membership | None = None) -> None:
    """Queue a previewed import (planned again when it runs, with the roles `actor` may give)."""
    from klantcultuur.orgs.tasks import run_people_import

    if job.status != JobStatus.PREVIEW:
        return
    job_queue(
        job,
        run_people_import,
        job.id,
        actor.id if actor is not None else None,
        progress_kind=PROGRESS_KIND,
        progress_code=job.uuid,
    )


def people_import_run(*, job_id: int, actor_id: int | None = None) -> PeopleImport:
    """Plan and apply an import in one transaction; on any failure nothing is written."""
    job = PeopleImport.objects.select_related("organization", "created_by").get(id=job_id)
    actor = None
    if actor_id is not None:
        # One who left since starting gives nothing: an archived membership has no roles.
        actor = Membership.objects.filter(id=actor_id, organization_id=job.organization_id).first()
        if actor is None or actor.archived_at is not None:
            actor = Membership(organization_id=job.organization_id, role="")
    if job.status not in (JobStatus.QUEUED, JobStatus.PREVIEW):
        return job

    def work() -> None:
        with transaction.atomic():
            plan = people_import_plan(job=job, actor=actor)
            _apply(job, plan)
        job.summary, job.report = plan.counts(), _report(plan)

    # The report is stored as text: write it in the language of whoever started the import.
    language = job.created_by.language if job.created_by else settings.LANGUAGE_CODE
    with translation.override(language):
        job_run(
            job,
            work,
            progress_kind=PROGRESS_KIND,
            progress_code=job.uuid,
            expected=(TableError,),
            failure=_("The import failed; nothing was changed."),
            fields=["summary", "report"],
        )
    return job


def _report(plan: ImportPlan) -> list[dict]:
    return [
        {
            "line": r.line,
            "subject": r.subject,
            "status": r.status,
            "messages": [str(m) for m in r.messages],
        }
        for r in plan.rows
    ]


def _apply(job: PeopleImport, plan: ImportPlan) -> None:
    organization = job.organization
    total = len(plan.units) + len(plan.people) + 1
    done = 0

    def tick(step: int = 1) -> None:
        nonlocal done
        done += step
        if done % 25 == 0 or done == total:
            progress.report(PROGRESS_KIND, job.uuid, done=done, total=total, stage="running")

    by_code = {u.code: u for u in OrgUnit.objects.filter(organization=organization)}
    for unit_plan in plan.units:
        values = unit_plan.values
        unit = by_code.get(unit_plan.code) or OrgUnit(
            organization=organization, code=unit_plan.code
        )
        if unit_plan.action != "none":
            unit.name, unit.kind, unit.office = values["name"], values["kind"], values["office"]
            parent_code = values["parent_code"]
            unit.parent = by_code[parent_code] if parent_code else None
            unit.save()
        by_code[unit.code] = unit
        tick()

    emails = [p.email for p in plan.people]
    users = {u.email: u for u in User.objects.filter(email__in=emails)}
    memberships = {
        m.user.email: m
        for m in Membership.objects.filter(
            organization=organization, user__email__in=emails
        ).select_related("user")
    }
    for person in plan.people:
        values = person.values
        user = users.get(person.email)
        if user is None:
            user = User.objects.create_user(
                person.email,
                first_name=values["first_name"],
                infix=values["infix"],
                last_name=values["last_name"],
            )
        elif (
            person.action == "update"
            and {"first_name", "infix", "last_name"} & person.changes.keys()
        ):
            user.first_name, user.infix, user.last_name = (
                values["first_name"],
                values["infix"],
                values["last_name"],
            )
            user.save(update_fields=["first_name", "infix", "last_name"])
        membership = memberships.get(person.email) or Membership(
            user=user, organization=organization
        )
        joins = membership.pk is None or membership.archived_at is not None
        if person.action != "none" or membership.archived_at is not None:
            if membership.pk and membership.role != values["role"]:
                audit_record(
                    action=Action.ROLE_CHANGED,
                    organization=organization,
                    actor=job.created_by,
                    target=person.email,
                    details={"from": membership.role, "to": values["role"], "via": "people_import"},
                )
            membership.role = values["role"]
            membership.unit = by_code.get(values["unit_code"]) if values["unit_code"] else None
            membership.employee_number = values["employee_number"]
            membership.job_title = values["job_title"]
            membership.start_date = values["start_date"]
            membership.archived_at = None
            membership.save()
            if joins:
                member_joined.send(sender=Membership, membership=membership, via="import")
        memberships[person.email] = membership
        tick()

    for unit_plan in plan.units:
        manager_email = unit_plan.values["manager_email"]
        unit = by_code[unit_plan.code]
        manager = memberships.get(manager_email) if manager_email else None
        if manager is None and manager_email:
            manager = Membership.objects.get(organization=organization, user__email=manager_email)
        if (manager.pk if manager else None) != unit.manager_id:
            unit.manager = manager
            unit.save(update_fields=["manager"])
    tick()


def people_import_report_rows(job: PeopleImport) -> Iterable[list[str]]:
    """The row-by-row report as spreadsheet rows (header first)."""
    status_labels = {
        "created": _("created"),
        "changed": _("changed"),
        "unchanged": _("unchanged"),
        "refused": _("refused"),
    }
    yield [_("Line"), _("E-mail address or unit"), _("Result"), _("Details")]
    for row in job.report:
        yield [
            str(row["line"]),
            row["subject"],
            str(status_labels.get(row["status"], row["status"])),
            " ".join(row["messages"]),
        ]

"""Every loader of the HR documents (as orgs/access.py).

Reading: those who see every unit's results (`Perm.VIEW_ALL_UNITS`: board, CX lead, HR,
admin). Adding documents, rating and actions: `Perm.MANAGE_PEOPLE` (HR, admin).
"""

from __future__ import annotations

from uuid import UUID

from django.shortcuts import get_object_or_404

from klantcultuur.hrm.models import HrDocument
from klantcultuur.orgs.access import require_perm
from klantcultuur.orgs.request import OrgRequest
from klantcultuur.orgs.roles import Perm


def get_document_for_user(request: OrgRequest, code: UUID) -> HrDocument:
    document = get_object_or_404(HrDocument, organization=request.organization, uuid=code)
    require_perm(request, Perm.VIEW_ALL_UNITS)
    return document


def get_document_rw_for_user(request: OrgRequest, code: UUID) -> HrDocument:
    document = get_document_for_user(request, code)
    require_perm(request, Perm.MANAGE_PEOPLE)
    return document

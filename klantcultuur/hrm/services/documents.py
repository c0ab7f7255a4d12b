"""Adding an HR document: read it, match it against the published vision, store it whole."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from klantcultuur.hrm.models import HrDocument, Process
from klantcultuur.hrm.reading import documents, matching
from klantcultuur.orgs.models import Membership
from klantcultuur.vision import selectors as vision
from klantcultuur.vision.scoring.recall import Promise

READ_ERRORS = {
    "too_large": lambda: _("The file is larger than 10 MB. Paste the relevant text instead."),
    "unsupported": lambda: _("Upload a DOCX, PDF or plain text (.txt) file."),
    "encrypted": lambda: _(
        "The PDF is protected with a password. Save it without protection and upload it again."
    ),
    "unreadable": lambda: _("The file could not be read: it is damaged or not what its name says."),
    "empty": lambda: _("No text was found in the document (a scanned PDF has none)."),
}


def read_error_message(code: str) -> str:
    return READ_ERRORS.get(code, READ_ERRORS["unreadable"])()


def document_add(
    *,
    by: Membership,
    process: str,
    title: str,
    text: str = "",
    filename: str = "",
    data: bytes | None = None,
) -> HrDocument:
    """Read first (nothing is stored when reading fails), then store in one transaction."""
    if process not in Process.values:
        raise ValidationError(_("Choose an HR process."))
    if data is not None:
        try:
            kind, text = documents.read(filename, data)
        except documents.ReadError as exc:
            raise ValidationError(read_error_message(exc.code)) from exc
    else:
        kind, text = "text", "\n".join(line.strip() for line in text.splitlines() if line.strip())
        if not text:
            raise ValidationError(_("Paste the text or upload a document."))
    version = vision.published_version(by.organization_id)
    alignment = matching.Alignment([], [])
    if version is not None:
        pairs = vision.behaviours_by_promise(version)
        promises = [Promise(str(p.uuid), f"{p.title}. {p.explanation}") for p, _b in pairs]
        behaviours = [Promise(str(b.uuid), b.sentence) for _p, bs in pairs for b in bs]
        alignment = matching.align(text, promises, behaviours)
    with transaction.atomic():
        return HrDocument.objects.create(
            organization_id=by.organization_id,
            process=process,
            title=title.strip() or filename or str(Process(process).label),
            kind=kind,
            filename=filename[:200],
            text=text,
            version=version,
            alignment=alignment.as_json(),
            promises_total=len(alignment.promises),
            promises_present=alignment.present,
            created_by=by,
        )


@transaction.atomic
def rating_save(
    *,
    document: HrDocument,
    rating: int | None,
    note: str,
    action: str,
    owner: Membership | None,
    due: date | None,
) -> HrDocument:
    if owner is not None and owner.organization_id != document.organization_id:
        raise ValidationError(_("The owner is not a member of this organisation."))
    document.rating, document.rating_note, document.action = rating, note.strip(), action.strip()
    document.action_owner, document.action_due = owner, due
    document.full_clean(exclude=["alignment"])
    document.save(update_fields=["rating", "rating_note", "action", "action_owner", "action_due"])
    return document

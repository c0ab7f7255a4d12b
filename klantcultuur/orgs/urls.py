from django.urls import path

from klantcultuur.orgs.views import imports, invitations, organization, people, structure

urlpatterns = [
    path("organisation/", structure.tree, name="orgs-tree"),
    path("organisation/units/new/", structure.unit_create, name="orgs-unit-create"),
    path("organisation/units/<uuid:code>/", structure.unit_detail, name="orgs-unit"),
    path("organisation/units/<uuid:code>/edit/", structure.unit_edit, name="orgs-unit-edit"),
    path(
        "organisation/units/<uuid:code>/archive/", structure.unit_archive, name="orgs-unit-archive"
    ),
    path(
        "organisation/units/<uuid:code>/restore/", structure.unit_restore, name="orgs-unit-restore"
    ),
    path("people/", people.people, name="orgs-people"),
    path("people/invite/", people.invite, name="orgs-invite"),
    path("people/invite-pending/", people.invite_pending, name="orgs-invite-pending"),
    path("people/import/", imports.upload, name="orgs-import"),
    path("people/import/<uuid:code>/", imports.detail, name="orgs-import-detail"),
    path("people/import/<uuid:code>/start/", imports.start, name="orgs-import-start"),
    path(
        "people/import/<uuid:code>/progress/", imports.progress_partial, name="orgs-import-progress"
    ),
    path("people/import/<uuid:code>/report.csv", imports.report_csv, name="orgs-import-report"),
    path("people/<uuid:code>/", people.person, name="orgs-person"),
    path("people/<uuid:code>/resend/", people.resend_invitation, name="orgs-person-resend"),
    path("people/<uuid:code>/remove/", people.remove, name="orgs-person-remove"),
    path("settings/", organization.settings_page, name="orgs-settings"),
    path("organisations/switch/", organization.switch, name="orgs-switch"),
    path("no-organisation/", organization.no_organization, name="orgs-none"),
    path("invitation/<str:token>/", invitations.accept, name="orgs-invitation"),
]

"""URL configuration: each app owns its own URL module."""

from django.urls import include, path

urlpatterns = [
    path("", include("klantcultuur.front.urls")),
    path("account/", include("klantcultuur.accounts.urls")),
    path("", include("klantcultuur.orgs.urls")),
    path("", include("klantcultuur.feedback.urls")),
    path("", include("klantcultuur.scan.urls")),
    path("huddle/", include("klantcultuur.huddle.urls")),
    path("vision/", include("klantcultuur.vision.urls")),
    path("", include("klantcultuur.notify.urls")),
    path("programme/", include("klantcultuur.programme.urls")),
    path("journeys/", include("klantcultuur.journeys.urls")),
    path("hrm/", include("klantcultuur.hrm.urls")),
    path("reports/", include("klantcultuur.reports.urls")),
    path("audit/", include("klantcultuur.reports.urls_audit")),
    path("", include("klantcultuur.sso.urls")),
]

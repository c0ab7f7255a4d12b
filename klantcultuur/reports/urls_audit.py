from django.urls import path

from klantcultuur.reports.views import audit

urlpatterns = [
    path("", audit.trail, name="reports-audit"),
    path("export.csv", audit.export, name="reports-audit-export"),
    path("retention/", audit.retention, name="reports-audit-retention"),
]

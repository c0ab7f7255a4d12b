from django.urls import path

from klantcultuur.scan.views import overview, questionnaires, reports, respond, waves

urlpatterns = [
    path("scan/", overview.index, name="scan-index"),
    path("scan/questionnaire/", questionnaires.questionnaire, name="scan-questionnaire"),
    path("scan/questionnaire/<uuid:code>/", questionnaires.version_detail, name="scan-version"),
    path("scan/waves/new/", waves.wave_create, name="scan-wave-create"),
    path("scan/waves/<uuid:code>/", waves.wave_detail, name="scan-wave"),
    path("scan/waves/<uuid:code>/edit/", waves.wave_edit, name="scan-wave-edit"),
    path("scan/waves/<uuid:code>/start/", waves.wave_launch, name="scan-wave-launch"),
    path("scan/waves/<uuid:code>/remind/", waves.wave_remind, name="scan-wave-remind"),
    path("scan/waves/<uuid:code>/close/", waves.wave_close, name="scan-wave-close"),
    path("scan/waves/<uuid:code>/compute/", waves.wave_compute, name="scan-wave-compute"),
    path("scan/waves/<uuid:code>/progress/", waves.wave_progress, name="scan-wave-progress"),
    path("scan/waves/<uuid:code>/links/", waves.link_create, name="scan-link-create"),
    path("scan/links/<uuid:code>/toggle/", waves.link_toggle, name="scan-link-toggle"),
    path("scan/links/<uuid:code>/qr.svg", waves.link_qr, name="scan-link-qr"),
    path("scan/waves/<uuid:code>/report/", reports.report, name="scan-report"),
    path("scan/waves/<uuid:code>/heatmap/", reports.heatmap, name="scan-heatmap"),
    path("scan/waves/<uuid:code>/units/<uuid:unit>/", reports.unit, name="scan-unit"),
    path("scan/waves/<uuid:code>/comparison/", reports.comparison, name="scan-comparison"),
    path("scan/waves/<uuid:code>/comments/", reports.comments, name="scan-comments"),
    path("scan/waves/<uuid:code>/summary/", reports.summary, name="scan-summary"),
    path("scan/waves/<uuid:code>/charts/<slug:name>.svg", reports.chart, name="scan-chart"),
    path("scan/waves/<uuid:code>/export.csv", reports.export_csv, name="scan-export-csv"),
    path("scan/waves/<uuid:code>/export.xlsx", reports.export_xlsx, name="scan-export-xlsx"),
    path("s/<str:token>/", respond.respond, name="scan-respond"),
    path("s/o/<str:token>/", respond.respond_open, name="scan-open"),
]

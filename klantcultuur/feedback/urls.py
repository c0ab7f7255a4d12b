from django.urls import path

from klantcultuur.feedback.api import views as api
from klantcultuur.feedback.views import (
    api_docs,
    cases,
    dashboard,
    imports,
    inbox,
    privacy,
    public,
    records,
    replies,
    setup,
)

urlpatterns = [
    path("feedback/", dashboard.overview, name="feedback-overview"),
    path("feedback/units/<uuid:code>/", dashboard.unit, name="feedback-unit"),
    path("feedback/inbox/", inbox.inbox, name="feedback-inbox"),
    path("feedback/export/", inbox.export, name="feedback-export"),
    path("feedback/responses/<uuid:code>/", records.record, name="feedback-record"),
    path("feedback/responses/<uuid:code>/label/", records.correct, name="feedback-record-label"),
    path("feedback/responses/<uuid:code>/team/", records.assign, name="feedback-record-team"),
    path("feedback/unrouted/", records.unrouted, name="feedback-unrouted"),
    path("feedback/cases/", cases.cases, name="feedback-cases"),
    path("feedback/cases/<uuid:code>/", cases.case, name="feedback-case"),
    path("feedback/cases/<uuid:code>/reply/", cases.reply, name="feedback-case-reply"),
    path("feedback/replies/", replies.templates, name="feedback-reply-templates"),
    path("feedback/replies/<uuid:code>/", replies.template, name="feedback-reply-template"),
    path("feedback/settings/", setup.settings_page, name="feedback-setup"),
    path("feedback/touchpoints/", setup.touchpoints, name="feedback-touchpoints"),
    path("feedback/touchpoints/<uuid:code>/", setup.touchpoint, name="feedback-touchpoint"),
    path(
        "feedback/touchpoints/<uuid:code>/qr.svg",
        setup.touchpoint_qr,
        name="feedback-touchpoint-qr",
    ),
    path("feedback/routing/", setup.routing, name="feedback-routing"),
    path("feedback/routing/apply/", records.routing_apply, name="feedback-routing-apply"),
    path("feedback/routing/<uuid:code>/delete/", setup.rule_delete, name="feedback-rule-delete"),
    path("feedback/routing/<uuid:code>/move/", setup.rule_move, name="feedback-rule-move"),
    path("feedback/topics/", setup.topics, name="feedback-topics"),
    path("feedback/topics/<uuid:code>/", setup.topic, name="feedback-topic"),
    path("feedback/imports/", imports.upload, name="feedback-imports"),
    path("feedback/imports/<uuid:code>/", imports.detail, name="feedback-import"),
    path(
        "feedback/imports/<uuid:code>/progress/",
        imports.progress_partial,
        name="feedback-import-progress",
    ),
    path("feedback/imports/<uuid:code>/refused.csv", imports.report, name="feedback-import-report"),
    path("feedback/api/", api_docs.page, name="feedback-api-docs"),
    path("feedback/api/tokens/<uuid:code>/", api_docs.token, name="feedback-token"),
    path("feedback/api/tokens/<uuid:code>/revoke/", api_docs.revoke, name="feedback-token-revoke"),
    path("feedback/privacy/", privacy.page, name="feedback-privacy"),
    # Public: the customer's form (no login).
    path("k/<uuid:code>/", public.form, name="feedback-form"),
    path("k/<uuid:code>/thanks/", public.thanks, name="feedback-form-thanks"),
    # The REST API (token authentication).
    path("api/v1/feedback/", api.records, name="feedback-api-records"),
    path(
        "api/v1/touchpoints/<str:code>/feedback/",  # a malformed code: a JSON 404
        api.touchpoint_records,
        name="feedback-api-touchpoint",
    ),
    path(
        "api/v1/webhooks/formbricks/<str:token>/",
        api.formbricks_webhook,
        name="feedback-api-formbricks",
    ),
    path("api/v1/openapi.json", api.openapi_schema, name="feedback-api-schema"),
]

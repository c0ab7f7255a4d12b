from django.urls import path

from klantcultuur.programme.views import (
    ambassadors,
    catalogue,
    dashboard,
    overview,
    quickwins,
    steps,
)

urlpatterns = [
    path("", overview.home, name="programme-home"),
    path("dashboard/", dashboard.dashboard, name="programme-dashboard"),
    path("units/<uuid:code>/", overview.unit_overview, name="programme-unit"),
    path("next-steps/", steps.next_steps, name="programme-next-steps"),
    path("next-steps/<uuid:code>/take/", steps.take, name="programme-take"),
    path("steps/", steps.step_list, name="programme-steps"),
    path("steps/<uuid:code>/", steps.step_detail, name="programme-step"),
    path("catalogue/", catalogue.catalogue, name="programme-catalogue"),
    path("catalogue/<uuid:code>/", catalogue.template_edit, name="programme-template"),
    path("quick-wins/", quickwins.wall, name="programme-quick-wins"),
    path("quick-wins/<uuid:code>/", quickwins.toggle, name="programme-quick-win-toggle"),
    path("ambassadors/", ambassadors.network, name="programme-ambassadors"),
    path("ambassadors/mine/", ambassadors.mine, name="programme-ambassador-mine"),
    path("ambassadors/volunteer/", ambassadors.volunteer, name="programme-ambassador-volunteer"),
    path("ambassadors/nominate/", ambassadors.nominate, name="programme-ambassador-nominate"),
    path("ambassadors/message/", ambassadors.message, name="programme-ambassador-message"),
    path(
        "ambassadors/<uuid:code>/confirm/", ambassadors.confirm, name="programme-ambassador-confirm"
    ),
    path("ambassadors/<uuid:code>/end/", ambassadors.end, name="programme-ambassador-end"),
]

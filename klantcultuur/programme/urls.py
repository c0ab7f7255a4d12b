from django.urls import path

from klantcultuur.programme.views import (
    ambassadors,
    catalogue,
    dashboard,
    interests,
    overview,
    quickwins,
    sharing,
    steps,
    visits,
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
    # The interest analysis (board, CX lead, administrator)
    path("interests/", interests.interests, name="programme-interests"),
    path("interests/traits/<uuid:code>/", interests.trait_detail, name="programme-trait"),
    path(
        "interests/stakeholders/<uuid:code>/",
        interests.stakeholder_detail,
        name="programme-stakeholder",
    ),
    path(
        "interests/actions/<uuid:code>/",
        interests.stakeholder_action_done,
        name="programme-stakeholder-action",
    ),
    # Leaders on the floor
    path("visits/", visits.visits, name="programme-visits"),
    path("visits/coverage/", visits.coverage, name="programme-visit-coverage"),
    path("visits/<uuid:code>/", visits.visit_detail, name="programme-visit"),
    path("visits/<uuid:code>/pulse/", visits.pulse, name="programme-pulse"),
    # Quick wins on other teams' boards
    path("quick-wins/<uuid:code>/share/", sharing.share, name="programme-quick-win-share"),
    path("shared/<uuid:code>/", sharing.shared_win, name="programme-shared-win"),
    path("board/<uuid:code>/", sharing.board_block, name="programme-board-block"),
]

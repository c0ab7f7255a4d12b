from django.urls import path

from klantcultuur.programme.views import catalogue, dashboard, overview, steps

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
]

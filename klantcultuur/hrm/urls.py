from django.urls import path

from klantcultuur.hrm.views import documents

urlpatterns = [
    path("", documents.home, name="hrm-home"),
    path("documents/<uuid:code>/", documents.document, name="hrm-document"),
]

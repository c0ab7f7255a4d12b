from django.urls import path

from klantcultuur.hrm.views import alignment, documents, onboarding, room

urlpatterns = [
    path("", documents.home, name="hrm-home"),
    path("documents/<uuid:code>/", documents.document, name="hrm-document"),
    path("alignment/", alignment.alignment, name="hrm-alignment"),
    path("room/", room.rooms, name="hrm-rooms"),
    path("room/<uuid:code>/delete/", room.room_delete, name="hrm-room-delete"),
    path("room/unit/<uuid:code>/", room.room_block, name="hrm-room-block"),
    path("onboarding/", onboarding.paths, name="hrm-paths"),
    path("onboarding/mine/", onboarding.mine, name="hrm-path-mine"),
    path("onboarding/card/", onboarding.path_card, name="hrm-path-card"),
    path("onboarding/<uuid:code>/", onboarding.path, name="hrm-path"),
]

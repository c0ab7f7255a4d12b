from django.urls import path

from klantcultuur.front import views

urlpatterns = [
    path("", views.root, name="front-root"),
    path("start/", views.home, name="front-home"),
    path("health/", views.health, name="front-health"),
    path("ready/", views.ready, name="front-ready"),
]

from django.urls import path

from klantcultuur.notify import views

urlpatterns = [
    path("notifications/", views.page, name="notify-settings"),
    path("notifications/<uuid:code>/retry/", views.retry, name="notify-retry"),
    path("notifications/digest/", views.digest, name="notify-digest"),
]

from django.urls import path

from klantcultuur.accounts import views

urlpatterns = [
    path("login/", views.login, name="accounts-login"),
    path("logout/", views.logout, name="accounts-logout"),
    path("password-reset/", views.password_reset, name="accounts-password-reset"),
    path("password-reset/sent/", views.password_reset_sent, name="accounts-password-reset-sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="accounts-password-reset-confirm",
    ),
    path(
        "password-reset/complete/",
        views.password_reset_complete,
        name="accounts-password-reset-complete",
    ),
    path("password/", views.password_change, name="accounts-password-change"),
    path("profile/", views.profile, name="accounts-profile"),
    path("language/", views.set_language, name="accounts-language"),
]

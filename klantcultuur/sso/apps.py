from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "klantcultuur.sso"
    label = "sso"
    verbose_name = _("Single sign-on and MFA")
    demo_module = "klantcultuur.sso.demo"
    demo_order = 90

    def ready(self) -> None:
        from klantcultuur.sso import signals  # noqa: F401  (connects the receivers)

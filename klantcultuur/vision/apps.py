from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisionConfig(AppConfig):
    name = "klantcultuur.vision"
    label = "vision"
    verbose_name = _("Customer vision")
    demo_module = "klantcultuur.vision.demo"
    demo_order = 70  # after the dagstart demo: people, teams and feedback are there

    def ready(self) -> None:
        from klantcultuur.feedback import form_extensions
        from klantcultuur.vision.extensions import ON_FORMS

        form_extensions.register(ON_FORMS)

    @property
    def navigation(self):
        from klantcultuur.orgs.navigation import NavItem

        return [NavItem(_("Customer vision"), "vision-home", None, 15, "/vision/")]

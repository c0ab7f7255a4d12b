from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisionConfig(AppConfig):
    name = "klantcultuur.vision"
    label = "vision"
    verbose_name = _("Customer vision")
    demo_module = "klantcultuur.vision.demo"
    demo_order = 70  # after the dagstart demo: people, teams and feedback are there

    @property
    def navigation(self):
        from klantcultuur.orgs.navigation import NavItem

        return [NavItem(_("Customer vision"), "vision-home", None, 15, "/vision/")]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HuddleConfig(AppConfig):
    name = "klantcultuur.huddle"
    label = "huddle"
    verbose_name = _("Team customer steering")
    demo_module = "klantcultuur.huddle.demo"
    demo_order = 60  # after the customer feedback demo (its records feed the boards)

    @property
    def navigation(self):
        from klantcultuur.orgs.navigation import NavItem
        from klantcultuur.orgs.roles import Perm

        return [NavItem(_("Dagstart"), "huddle-home", Perm.USE_HUDDLE, 10, "/huddle/")]

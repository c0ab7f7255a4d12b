from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontConfig(AppConfig):
    name = "klantcultuur.front"
    label = "front"
    verbose_name = _("Front")

    @property
    def navigation(self):
        from klantcultuur.orgs.navigation import NavItem

        return [NavItem(_("Home"), "front-home", order=0, section="/start/")]

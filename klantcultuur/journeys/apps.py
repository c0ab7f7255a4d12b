from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneysConfig(AppConfig):
    name = "klantcultuur.journeys"
    label = "journeys"
    verbose_name = _("Customer journeys")
    demo_module = "klantcultuur.journeys.demo"
    demo_order = 80  # after the dagstart demo: teams, touchpoints, feedback and boards exist

    @property
    def navigation(self):
        from klantcultuur.orgs.navigation import NavItem
        from klantcultuur.orgs.roles import Perm

        return [
            NavItem(_("Journeys"), "journeys-home", Perm.VIEW_FEEDBACK, 30, "/journeys/"),
        ]

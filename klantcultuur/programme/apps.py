from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "klantcultuur.programme"
    label = "programme"
    verbose_name = _("Change programme")
    demo_module = "klantcultuur.programme.demo"
    demo_order = 80  # after the vision demo: the scan, teams and vision are there

    @property
    def navigation(self):
        from klantcultuur.orgs.navigation import NavItem
        from klantcultuur.orgs.roles import Perm

        return [
            NavItem(_("Programme"), "programme-home", Perm.VIEW_SCAN_REPORTS, 18, "/programme/")
        ]

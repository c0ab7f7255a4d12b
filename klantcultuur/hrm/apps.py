from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HrmConfig(AppConfig):
    name = "klantcultuur.hrm"
    label = "hrm"
    verbose_name = _("Customer-centred HRM")
    demo_module = "klantcultuur.hrm.demo"
    demo_order = 85  # after the vision demo: the published promises are there

    @property
    def navigation(self):
        from klantcultuur.orgs.navigation import NavItem
        from klantcultuur.orgs.roles import Perm

        return [NavItem(_("HR alignment"), "hrm-home", Perm.VIEW_ALL_UNITS, 40, "/hrm/")]

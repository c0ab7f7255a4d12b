from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "klantcultuur.reports"
    label = "reports"
    verbose_name = _("Reports")

    @property
    def navigation(self):
        from klantcultuur.orgs.navigation import NavItem
        from klantcultuur.orgs.roles import Perm

        return [
            NavItem(_("Board report"), "reports-home", Perm.MANAGE_PROGRAMME, 19, "/reports/"),
            NavItem(_("Audit trail"), "reports-audit", Perm.MANAGE_SETTINGS, 79, "/audit/"),
        ]

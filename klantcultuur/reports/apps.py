from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "klantcultuur.reports"
    label = "reports"
    verbose_name = _("Reports")
    demo_module = "klantcultuur.reports.demo"
    demo_order = 95  # last: the scan, feedback, boards, vision and programme are there

    @property
    def navigation(self):
        from klantcultuur.orgs.navigation import NavItem
        from klantcultuur.orgs.roles import Perm

        return [
            NavItem(_("Board report"), "reports-home", Perm.MANAGE_PROGRAMME, 19, "/reports/"),
            NavItem(_("Audit trail"), "reports-audit", Perm.MANAGE_SETTINGS, 79, "/audit/"),
        ]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScanConfig(AppConfig):
    name = "klantcultuur.scan"
    label = "scan"
    verbose_name = _("Culture scan")
    demo_module = "klantcultuur.scan.demo"
    demo_order = 20

    @property
    def navigation(self):
        from klantcultuur.orgs.navigation import NavItem

        # Every member: employees fill in the scan there and read the organisation summary.
        return [NavItem(_("Culture scan"), "scan-index", None, 30, "/scan/")]

    def ready(self) -> None:
        from klantcultuur.scan import signals  # noqa: F401

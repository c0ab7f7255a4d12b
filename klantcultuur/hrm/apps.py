from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HrmConfig(AppConfig):
    name = "klantcultuur.hrm"
    label = "hrm"
    verbose_name = _("Customer-centred HRM")
    demo_module = "klantcultuur.hrm.demo"
    demo_order = 85  # after the vision demo: the published promises are there

    def ready(self) -> None:
        from klantcultuur.hrm.services.onboarding import on_member_joined
        from klantcultuur.orgs.signals import member_joined

        member_joined.connect(on_member_joined, dispatch_uid="hrm-onboarding-path")

    @property
    def navigation(self):
        from klantcultuur.orgs.navigation import NavItem
        from klantcultuur.orgs.roles import Perm

        return [NavItem(_("HR alignment"), "hrm-home", Perm.VIEW_ALL_UNITS, 40, "/hrm/")]

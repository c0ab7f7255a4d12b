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
            NavItem(_("Programme"), "programme-home", Perm.VIEW_SCAN_REPORTS, 18, "/programme/"),
            # Employees do not read scan reports, so they lack the entry above: this one lets
            # them volunteer as ambassador (and see their role) from the menu.
            NavItem(
                _("Ambassador"),
                "programme-ambassador-mine",
                None,
                18,
                "/programme/ambassadors/",
                without=Perm.VIEW_SCAN_REPORTS,
            ),
        ]

    @property
    def board_blocks(self):
        from klantcultuur.huddle.blocks import BoardBlock

        # Quick wins shared by other teams, leaders' feedback after a visit, the pulse.
        return [BoardBlock("programme-board-block", area="work", order=50)]

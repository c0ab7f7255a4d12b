from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "klantcultuur.orgs"
    label = "orgs"
    verbose_name = _("Organisations")

    @property
    def navigation(self):
        from klantcultuur.orgs.navigation import NavItem
        from klantcultuur.orgs.roles import Perm

        return [
            NavItem(
                _("Organisation"),
                "orgs-tree",
                Perm.VIEW_ORGANIZATION,
                80,
                ("/organisation/", "/people/"),
            ),
            NavItem(_("Settings"), "orgs-settings", Perm.MANAGE_SETTINGS, 90, "/settings/"),
        ]

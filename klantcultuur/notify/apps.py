from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "klantcultuur.notify"
    label = "notify"
    verbose_name = _("Notifications")

    @property
    def navigation(self):
        from klantcultuur.orgs.navigation import NavItem
        from klantcultuur.orgs.roles import Perm

        return [
            NavItem(
                _("Notifications"), "notify-settings", Perm.MANAGE_SETTINGS, 85, "/notifications/"
            )
        ]

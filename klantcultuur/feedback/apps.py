from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "klantcultuur.feedback"
    label = "feedback"
    verbose_name = _("Customer feedback")
    demo_module = "klantcultuur.feedback.demo"
    demo_order = 40

    @property
    def navigation(self):
        from klantcultuur.orgs.navigation import NavItem
        from klantcultuur.orgs.roles import Perm

        return [
            NavItem(_("Customer voice"), "feedback-overview", Perm.VIEW_FEEDBACK, 20, "/feedback/"),
        ]

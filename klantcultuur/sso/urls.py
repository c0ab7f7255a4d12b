"""Our pages, and the allauth pages we serve (each with its access rule, so that the access
test over every URL checks them too). allauth's own password login, sign-up and password
reset are not served: those stay the accounts app's."""

from __future__ import annotations

from allauth.account import views as account_views
from allauth.mfa.base import views as mfa_views
from allauth.mfa.recovery_codes import views as recovery_views
from allauth.mfa.totp import views as totp_views
from allauth.mfa.webauthn import views as webauthn_views
from allauth.socialaccount import views as social_views
from allauth.socialaccount.providers.openid_connect import views as oidc_views
from allauth.socialaccount.providers.saml import views as saml_views
from django.urls import include, path

from klantcultuur.accounts import views as accounts_views
from klantcultuur.lib.access import login_only, public
from klantcultuur.sso import views

_user = login_only()

# Whole paths (no include with a parameter): the access and fuzz tests read each pattern's
# own converters.
OIDC = "sso/oidc/<str:provider_id>/"
SAML = "sso/saml/<str:organization_slug>/"
oidc = [
    path(f"{OIDC}login/", public(oidc_views.login), name="openid_connect_login"),
    path(f"{OIDC}login/callback/", public(oidc_views.callback), name="openid_connect_callback"),
]
saml = [
    # The identity provider posts the answer here: no CSRF token, its signature is the proof.
    path(f"{SAML}acs/", public(saml_views.acs), name="saml_acs"),
    path(f"{SAML}acs/finish/", public(saml_views.finish_acs), name="saml_finish_acs"),
    path(f"{SAML}sls/", public(saml_views.sls), name="saml_sls"),
    path(f"{SAML}metadata/", public(saml_views.metadata), name="saml_metadata"),
    path(f"{SAML}login/", public(saml_views.login), name="saml_login"),
]
mfa = [
    path("", _user(mfa_views.index), name="mfa_index"),
    # The second step of a login in progress: no session user yet.
    path("authenticate/", public(mfa_views.authenticate), name="mfa_authenticate"),
    path("reauthenticate/", _user(mfa_views.reauthenticate), name="mfa_reauthenticate"),
    path("totp/activate/", _user(totp_views.activate_totp), name="mfa_activate_totp"),
    path("totp/deactivate/", _user(totp_views.deactivate_totp), name="mfa_deactivate_totp"),
    path(
        "recovery-codes/", _user(recovery_views.view_recovery_codes), name="mfa_view_recovery_codes"
    ),
    path(
        "recovery-codes/generate/",
        _user(recovery_views.generate_recovery_codes),
        name="mfa_generate_recovery_codes",
    ),
    path(
        "recovery-codes/download/",
        _user(recovery_views.download_recovery_codes),
        name="mfa_download_recovery_codes",
    ),
    path("webauthn/", _user(webauthn_views.list_webauthn), name="mfa_list_webauthn"),
    path("webauthn/add/", _user(webauthn_views.add_webauthn), name="mfa_add_webauthn"),
    path(
        "webauthn/reauthenticate/",
        _user(webauthn_views.reauthenticate_webauthn),
        name="mfa_reauthenticate_webauthn",
    ),
    path(
        "webauthn/keys/<int:pk>/remove/",
        _user(webauthn_views.remove_webauthn),
        name="mfa_remove_webauthn",
    ),
]

urlpatterns = [
    path("sso/", views.find, name="sso-find"),
    path("sso/<uuid:code>/", views.provider_page, name="sso-provider"),
    path("sso/<uuid:code>/go/", views.go, name="sso-go"),
    *oidc,
    *saml,
    path(
        "sso/login/cancelled/",
        public(social_views.login_cancelled),
        name="socialaccount_login_cancelled",
    ),
    path("sso/login/error/", public(social_views.login_error), name="socialaccount_login_error"),
    path("sso/inactive/", public(account_views.account_inactive), name="account_inactive"),
    path(
        "sso/reauthenticate/",
        _user(account_views.reauthenticate),
        name="account_reauthenticate",
    ),
    # allauth links to its own login and logout pages by these names: ours.
    path("sso/login/", accounts_views.login, name="account_login"),
    path("sso/logout/", accounts_views.logout, name="account_logout"),
    path("security/", include(mfa)),
    path("security/enrol/", views.mfa_enrol, name="sso-mfa-enrol"),
    path("settings/login/", views.settings_page, name="sso-settings"),
    path("settings/login/providers/new/", views.provider_new, name="sso-provider-new"),
    path("settings/login/providers/<uuid:code>/", views.provider_edit, name="sso-provider-edit"),
    path(
        "settings/login/providers/<uuid:code>/delete/",
        views.provider_delete,
        name="sso-provider-delete",
    ),
]

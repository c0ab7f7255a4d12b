"""A real OpenID Connect provider (django-oidc-provider) for the SSO tests, in its own process.

    python -m klantcultuur.sso.tests.idp.oidc CONFIG.json

CONFIG: {"port": 0, "dir": "...", "client": {"client_id", "client_secret", "redirect_uris"},
"users": [{"username", "password", "email", "first_name", "last_name"}]}. Prints one line
"READY <base url>" once it serves; runs until killed. Its own Django settings and SQLite
database: nothing of Klantcultuur is loaded here.
"""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def userinfo(claims, user):
    """The claims of the 'email' and 'profile' scopes."""
    claims["email"] = user.email
    claims["email_verified"] = True
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["name"] = f"{user.first_name} {user.last_name}".strip()
    return claims


def main() -> None:
    config = json.loads(Path(sys.argv[1]).read_text())
    sock = socket.socket()
    sock.bind(("127.0.0.1", config.get("port", 0)))
    port = sock.getsockname()[1]
    sock.close()
    base = f"http://127.0.0.1:{port}"

    import django
    from django.conf import settings

    settings.configure(
        DEBUG=False,
        SECRET_KEY="identity-provider-test-only-0123456789abcdefghijklmnop",
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "oidc_provider",
        ],
        MIDDLEWARE=[
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
        ],
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(Path(config["dir"]) / "idp.sqlite3"),
            }
        },
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
            }
        ],
        USE_TZ=True,
        LOGIN_URL="/login/",
        SITE_URL=base,
        OIDC_USERINFO=f"{__name__}.userinfo",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    _seed(config)
    server = make_server(
        "127.0.0.1", port, _application(), server_class=_Server, handler_class=_Quiet
    )
    print(f"READY {base}", flush=True)
    server.serve_forever()


def _seed(config: dict) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from django.contrib.auth.models import User
    from oidc_provider.models import Client, ResponseType, RSAKey

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode()
    RSAKey.objects.create(key=pem)
    for person in config["users"]:
        User.objects.create_user(
            person["username"],
            email=person["email"],
            password=person["password"],
            first_name=person.get("first_name", ""),
            last_name=person.get("last_name", ""),
        )
    spec = config["client"]
    client = Client.objects.create(
        name="Klantcultuur",
        client_type="confidential",
        client_id=spec["client_id"],
        client_secret=spec["client_secret"],
        jwt_alg="RS256",
        require_consent=False,
        reuse_consent=True,
    )
    client.redirect_uris = spec["redirect_uris"]
    client.scope = ["openid", "email", "profile"]
    client.save()
    code, _created = ResponseType.objects.get_or_create(value="code")
    client.response_types.add(code)


def _login(request):
    """The provider's own password page."""
    from django.contrib.auth import authenticate, login
    from django.http import HttpResponse, HttpResponseRedirect

    next_url = request.GET.get("next") or request.POST.get("next") or "/"
    if request.method == "POST":
        user = authenticate(
            request,
            username=request.POST.get("username"),
            password=request.POST.get("password"),
        )
        if user is not None:
            login(request, user)
            return HttpResponseRedirect(next_url)
    return HttpResponse(
        '<form method="post"><input name="username"><input name="password" type="password">'
        '<button type="submit">Sign in</button></form>'
    )


def _application():
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def _urls():
    from django.urls import include, path
    from django.views.decorators.csrf import csrf_exempt

    return [
        path("login/", csrf_exempt(_login)),
        path("", include("oidc_provider.urls", namespace="oidc_provider")),
    ]


def __getattr__(name: str):
    # ROOT_URLCONF is this module: Django reads `urlpatterns` after set-up.
    if name == "urlpatterns":
        return _urls()
    raise AttributeError(name)


if __name__ == "__main__":
    main()

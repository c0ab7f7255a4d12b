"""Single sign-on with SAML 2.0 against a real identity provider (pysaml2, signing with
xmlsec1), started in its own process: the AuthnRequest goes to it by redirect, its signed
Response comes back by POST to our assertion consumer service, as with Entra ID or Google."""

from __future__ import annotations

import base64
import datetime
import re
import shutil
import socket
import uuid
from html import unescape
from urllib.parse import urlsplit

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from klantcultuur.orgs.models import Membership
from klantcultuur.orgs.roles import Role
from klantcultuur.sso.models import IdentityProvider, Protocol
from klantcultuur.sso.tests.idp import process
from klantcultuur.testing import require_service

IDP_UUID = uuid.UUID("0d7c4e2a-51b6-4a8f-93de-6c1b2f8a7e55")
PASSWORD = "idp-password-456"
USERS = {
    "alice": {"email": "alice@linge.example", "first_name": "Alice", "last_name": "de Vries"},
    "nieuw": {"email": "nieuw@linge.example", "first_name": "Noor", "last_name": "Nieuw"},
    "charlie": {"email": "charlie@zuid.example", "first_name": "Charlie", "last_name": "Z"},
}

pytestmark = pytest.mark.slow


def _key_and_certificate(workdir) -> tuple[str, str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test IdP")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file = workdir / "idp.key"
    cert_file = workdir / "idp.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    pem = cert.public_bytes(serialization.Encoding.PEM)
    cert_file.write_bytes(pem)
    return str(key_file), str(cert_file), pem.decode()


@pytest.fixture
def client():
    # python3-saml refuses single-label host names such as Django's "testserver".
    return Client(HTTP_HOST="127.0.0.1")


@pytest.fixture
def saml_idp(world, client, tmp_path):
    """The organisation's SAML provider in Klantcultuur, and the provider process."""
    require_service(
        "xmlsec1 (apt install xmlsec1, for the test identity provider)",
        bool(shutil.which("xmlsec1")),
    )
    key_file, cert_file, pem = _key_and_certificate(tmp_path)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    provider = IdentityProvider.objects.create(
        uuid=IDP_UUID,
        organization=world.org,
        protocol=Protocol.SAML,
        name="Linge SAML",
        domains="linge.example",
        saml_entity_id=f"{base}/metadata",
        saml_sso_url=f"{base}/sso/redirect",
        saml_x509cert="".join(pem.strip().splitlines()[1:-1]),
    )
    metadata = client.get(reverse("saml_metadata", args=[str(IDP_UUID)]))
    assert metadata.status_code == 200
    sp_metadata = tmp_path / "sp.xml"
    sp_metadata.write_bytes(metadata.content)
    config = {
        "port": port,
        "key_file": key_file,
        "cert_file": cert_file,
        "sp_metadata": str(sp_metadata),
        "users": {name: {**person, "password": PASSWORD} for name, person in USERS.items()},
    }
    proc, _url = process.start("klantcultuur.sso.tests.idp.saml", config, tmp_path)
    yield provider
    process.stop(proc)


def idp_answer(client, username: str) -> dict[str, str]:
    """From our login page to the identity provider and its signed answer (not yet posted)."""
    page = client.get(reverse("sso-provider", args=[IDP_UUID]))
    to_idp = client.get(page.context["go"])
    assert to_idp.status_code == 302
    browser = requests.Session()
    login_page = browser.get(to_idp["Location"], timeout=20)
    assert login_page.status_code == 200, login_page.text
    request_id = _first(r'name="request" value="([^"]+)"', login_page.text)
    answer = browser.post(
        urlsplit(to_idp["Location"])._replace(path="/login", query="").geturl(),
        data={"request": unescape(request_id), "username": username, "password": PASSWORD},
        timeout=20,
    )
    assert answer.status_code == 200, answer.text
    fields = dict(re.findall(r'name="(SAMLResponse|RelayState)" value="([^"]*)"', answer.text))
    action = unescape(_first(r'action="([^"]+)"', answer.text))
    assert urlsplit(action).path == reverse("saml_acs", args=[str(IDP_UUID)])
    return {name: unescape(value) for name, value in fields.items()}


def _first(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    assert match is not None, text[:500]
    return match.group(1)


def post_to_acs(client, fields: dict[str, str]):
    response = client.post(reverse("saml_acs", args=[str(IDP_UUID)]), fields)
    # allauth finishes the login on a second page of its own (SameSite cookies).
    while response.status_code == 302 and "acs/finish" in response["Location"]:
        response = client.get(response["Location"])
    return response


def logged_in_user_id(client):
    return client.session.get(SESSION_KEY)


def test_a_member_logs_in_with_saml(client, world, saml_idp):
    response = post_to_acs(client, idp_answer(client, "alice"))
    assert response.status_code == 302, response.content[:500]
    assert logged_in_user_id(client) == str(world.members[Role.ADMIN].user.pk)


def test_a_new_colleague_is_admitted_with_the_chosen_role(client, world, saml_idp):
    saml_idp.join_role = Role.MANAGER
    saml_idp.save()
    post_to_acs(client, idp_answer(client, "nieuw"))
    membership = Membership.objects.get(user__email="nieuw@linge.example")
    assert membership.organization == world.org and membership.role == Role.MANAGER
    assert logged_in_user_id(client) == str(membership.user.pk)


def test_a_changed_answer_breaks_the_signature_and_is_refused(client, world, saml_idp):
    fields = idp_answer(client, "nieuw")
    xml = base64.b64decode(fields["SAMLResponse"]).decode()
    assert "nieuw@linge.example" in xml
    forged = xml.replace("nieuw@linge.example", "alice@linge.example")
    fields["SAMLResponse"] = base64.b64encode(forged.encode()).decode()
    post_to_acs(client, fields)
    assert logged_in_user_id(client) is None


def test_an_address_outside_the_providers_domains_is_refused(client, world, saml_idp):
    response = post_to_acs(client, idp_answer(client, "charlie"))
    assert response.status_code == 403
    assert logged_in_user_id(client) is None

"""A real SAML 2.0 identity provider (pysaml2) for the SSO tests, in its own process.

    python -m klantcultuur.sso.tests.idp.saml CONFIG.json

CONFIG: {"port", "dir", "key_file", "cert_file", "sp_metadata" (a file),
"users": {"username": {"password", "email", "first_name", "last_name"}}}.
Endpoints: /metadata, /sso/redirect (the AuthnRequest; answers with its password page),
/login (POST: the signed Response, in the usual auto-submitting HTML form). Prints
"READY <base url>" once it serves. pysaml2 signs with the xmlsec1 program (Debian: xmlsec1).
"""

from __future__ import annotations

import html
import json
import shutil
import sys
from pathlib import Path
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.saml import NAMEID_FORMAT_EMAILADDRESS, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def build(config: dict, base: str) -> Server:
    idp_config = IdPConfig()
    idp_config.load(
        {
            "entityid": f"{base}/metadata",
            "service": {
                "idp": {
                    "name": "Test IdP",
                    "endpoints": {
                        "single_sign_on_service": [(f"{base}/sso/redirect", BINDING_HTTP_REDIRECT)]
                    },
                    "name_id_format": [NAMEID_FORMAT_EMAILADDRESS, NAMEID_FORMAT_PERSISTENT],
                    "want_authn_requests_signed": False,
                    "policy": {"default": {"lifetime": {"minutes": 15}}},
                }
            },
            "key_file": config["key_file"],
            "cert_file": config["cert_file"],
            "metadata": {"local": [config["sp_metadata"]]},
            "xmlsec_binary": shutil.which("xmlsec1"),
        }
    )
    return Server(config=idp_config)


def main() -> None:
    import socket

    config = json.loads(Path(sys.argv[1]).read_text())
    port = config["port"]
    base = f"http://127.0.0.1:{port}"
    idp = build(config, base)
    pending: dict[str, tuple] = {}  # request id -> (response args, relay state)

    def app(environ, start_response):
        path = environ["PATH_INFO"]
        if path == "/sso/redirect":
            query = parse_qs(environ.get("QUERY_STRING", ""))
            request = idp.parse_authn_request(query["SAMLRequest"][0], BINDING_HTTP_REDIRECT)
            args = idp.response_args(request.message)
            pending[request.message.id] = (args, query.get("RelayState", [""])[0])
            page = (
                '<form method="post" action="/login">'
                f'<input type="hidden" name="request" value="{html.escape(request.message.id)}">'
                '<input name="username"><input name="password" type="password">'
                "<button>Sign in</button></form>"
            )
            start_response("200 OK", [("Content-Type", "text/html")])
            return [page.encode()]
        if path == "/login" and environ["REQUEST_METHOD"] == "POST":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            form = {k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(size).decode()).items()}
            person = config["users"].get(form.get("username", ""))
            if person is None or person["password"] != form.get("password"):
                start_response("403 Forbidden", [("Content-Type", "text/plain")])
                return [b"wrong password"]
            args, relay_state = pending.pop(form["request"])
            identity = {
                "mail": [person["email"]],
                "givenName": [person["first_name"]],
                "sn": [person["last_name"]],
            }
            response = idp.create_authn_response(
                identity,
                userid=person["email"],
                name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=person["email"]),
                authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password"},
                sign_response=True,
                sign_assertion=True,
                sign_alg="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                digest_alg="http://www.w3.org/2001/04/xmlenc#sha256",
                **args,
            )
            http_args = idp.apply_binding(
                BINDING_HTTP_POST, str(response), args["destination"], relay_state, response=True
            )
            start_response("200 OK", [("Content-Type", "text/html")])
            return [
                http_args["data"].encode()
                if isinstance(http_args["data"], str)
                else http_args["data"]
            ]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    del socket
    server = make_server("127.0.0.1", port, app, server_class=_Server, handler_class=_Quiet)
    print(f"READY {base}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

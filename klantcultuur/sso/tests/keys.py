"""A security key's registration in software (attestation "none"), for pages that list keys."""

from __future__ import annotations

import hashlib
import json
import os

from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.utils import websafe_encode
from fido2.webauthn import Aaguid, AttestationObject, AttestedCredentialData, AuthenticatorData


def software_key_credential(rp_id: str = "testserver") -> dict:
    """What a browser sends when a new key is registered, as allauth stores it."""
    public_key = ES256.from_cryptography_key(ec.generate_private_key(ec.SECP256R1()).public_key())
    credential_id = os.urandom(16)
    attested = AttestedCredentialData.create(Aaguid.NONE, credential_id, public_key)
    flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.AT
    auth_data = AuthenticatorData.create(
        hashlib.sha256(rp_id.encode()).digest(), flags, 0, bytes(attested)
    )
    attestation = AttestationObject.create("none", auth_data, {})
    client_data = json.dumps(
        {"type": "webauthn.create", "challenge": "c29mdHdhcmU", "origin": f"https://{rp_id}"}
    ).encode()
    return {
        "type": "public-key",
        "id": websafe_encode(credential_id),
        "rawId": websafe_encode(credential_id),
        "authenticatorAttachment": "cross-platform",
        "response": {
            "clientDataJSON": websafe_encode(client_data),
            "attestationObject": websafe_encode(bytes(attestation)),
        },
        "clientExtensionResults": {"credProps": {"rk": False}},
    }

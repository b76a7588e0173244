# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Checks of a webhook's authenticity on its raw body: RSA-SHA256 signatures, HMAC-SHA256, shared keys.

Plain functions (no ORM); the providers' models pick the one their telephone system uses."""
import base64
import hashlib
import hmac
import logging
from functools import lru_cache

_logger = logging.getLogger(__name__)

try:
    import rsa
except ImportError:  # pragma: no cover - declared in external_dependencies
    rsa = None


@lru_cache(maxsize=16)
def _load_public_key(pem):
    """sipgate publishes 'BEGIN PUBLIC KEY' (X.509 SubjectPublicKeyInfo); 'BEGIN RSA PUBLIC KEY' works too."""
    data = pem.encode() if isinstance(pem, str) else pem
    if b"BEGIN RSA PUBLIC KEY" in data:
        return rsa.PublicKey.load_pkcs1(data)
    return rsa.PublicKey.load_pkcs1_openssl_pem(data)


def verify_rsa_sha256(raw, signature_b64, pem):
    """True when `signature_b64` is a PKCS#1 v1.5 RSA-SHA256 signature of `raw` by the key in `pem`."""
    if not signature_b64 or not pem or rsa is None:
        return False
    try:
        signature = base64.b64decode(signature_b64, validate=True)
        return rsa.verify(raw, signature, _load_public_key(pem)) == "SHA-256"
    except (ValueError, TypeError, rsa.VerificationError, rsa.pkcs1.CryptoError):
        return False
    except Exception:  # a malformed key configured in Settings: reject rather than crash
        _logger.warning("sipgate webhook key in Settings cannot be read")
        return False


def hmac_sha256_hex(secret, raw):
    """The lower-case hex HMAC-SHA256 of `raw` with the shared `secret`."""
    return hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


def same_secret(expected, given):
    """`given` equals `expected`, compared in constant time; an empty `given` never matches."""
    return bool(given) and hmac.compare_digest(expected.encode(), given.encode())


def bearer_token(authorization):
    """The token of an 'Authorization: Bearer <token>' header value, else ''."""
    return authorization[7:].strip() if authorization[:7].lower() == "bearer " else ""


def key_digest(key):
    """The hex SHA-256 of an API key: what is kept of it, and what a given key is compared with."""
    return hashlib.sha256(key.encode()).hexdigest()

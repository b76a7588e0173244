"""The webhooks' proofs of origin on the raw body (addons/crm_telephony/models/webhook_signature.py, loaded by
path: no Odoo, no database): sipgate's RSA signature, Placetel's HMAC, API keys."""
from fakes.addon_module import load
from fakes.sipgate_signer import SipgateSigner

signature = load("crm_telephony", "models/webhook_signature.py")
payloads = load("crm_telephony", "tests/payloads.py")

BODY = payloads.sipgate_body("newCall", "sig-1", "492211234567", users=[("Tim Becker", "w0", "1234567w0")])


def test_a_body_signed_with_sipgates_key_is_authentic_and_only_as_sent():
    signer = SipgateSigner(bits=512)
    assert signature.verify_rsa_sha256(BODY, signer.sign(BODY), signer.public_pem())
    assert not signature.verify_rsa_sha256(BODY + b"&x=1", signer.sign(BODY), signer.public_pem())
    assert not signature.verify_rsa_sha256(BODY, signer.sign(BODY), SipgateSigner(bits=512).public_pem())


def test_missing_broken_or_unreadable_signatures_and_keys_are_refused_without_an_error():
    signer = SipgateSigner(bits=512)
    assert not signature.verify_rsa_sha256(BODY, "", signer.public_pem())
    assert not signature.verify_rsa_sha256(BODY, "not base64!", signer.public_pem())
    assert not signature.verify_rsa_sha256(BODY, signer.sign(BODY), "")
    assert not signature.verify_rsa_sha256(BODY, signer.sign(BODY), "-----BEGIN PUBLIC KEY-----\nbroken\n")


def test_placetel_signature_is_the_hex_hmac_of_the_body():
    body = payloads.placetel_body("IncomingCall", "pl-1", "0911334433")
    assert signature.hmac_sha256_hex("secret", body) == payloads.placetel_signature("secret", body)
    assert len(signature.hmac_sha256_hex("secret", body)) == 64


def test_secrets_compare_whole_and_never_empty():
    assert signature.same_secret("api-key-456", "api-key-456")
    assert not signature.same_secret("api-key-456", "api-key-45")
    assert not signature.same_secret("api-key-456", "")


def test_bearer_token_of_an_authorization_header():
    assert signature.bearer_token("Bearer abc ") == "abc"
    assert signature.bearer_token("bearer abc") == "abc"
    assert signature.bearer_token("Basic abc") == ""

"""Sign webhook bodies the way sipgate does (RSA-SHA256, PKCS#1 v1.5, base64) with a test key pair, and
publish the public key in sipgate's PEM form (BEGIN PUBLIC KEY, X.509 SubjectPublicKeyInfo)."""
import base64

import rsa
from pyasn1.codec.der import encoder
from pyasn1.type import namedtype, univ


class _AlgorithmIdentifier(univ.Sequence):
    componentType = namedtype.NamedTypes(
        namedtype.NamedType("algorithm", univ.ObjectIdentifier()),
        namedtype.NamedType("parameters", univ.Null()))


class _SubjectPublicKeyInfo(univ.Sequence):
    componentType = namedtype.NamedTypes(
        namedtype.NamedType("algorithm", _AlgorithmIdentifier()),
        namedtype.NamedType("subjectPublicKey", univ.BitString()))


class SipgateSigner:
    def __init__(self, bits=1024):
        self.public_key, self.private_key = rsa.newkeys(bits)

    def sign(self, raw):
        return base64.b64encode(rsa.sign(raw, self.private_key, "SHA-256")).decode()

    def public_pem(self):
        algorithm = _AlgorithmIdentifier()
        algorithm["algorithm"] = univ.ObjectIdentifier("1.2.840.113549.1.1.1")
        algorithm["parameters"] = univ.Null("")
        info = _SubjectPublicKeyInfo()
        info["algorithm"] = algorithm
        info["subjectPublicKey"] = univ.BitString.fromOctetString(self.public_key.save_pkcs1("DER"))
        body = base64.b64encode(encoder.encode(info)).decode()
        lines = [body[i:i + 64] for i in range(0, len(body), 64)]
        return "-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----\n" % "\n".join(lines)

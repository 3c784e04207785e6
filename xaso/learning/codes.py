"""Learner and certificate codes: random, short, easy to read aloud and type on a phone.

Crockford's base32 alphabet (no I, L, O, U) so that a code copied by hand survives the
usual confusions; `normalise` maps them back (O→0, I/L→1) and drops spaces and dashes.
Ten symbols carry 50 random bits: codes cannot be guessed or walked one by one.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 10
LEARNER_PREFIX = "HV"
CERTIFICATE_PREFIX = "CN"
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(text: str, *, prefix: str) -> str:
    """What a person typed ("cn-7k3m 9qpx-2a", "CN7K3M9QPX2A") -> the stored code, or "" if impossible."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    if cleaned.startswith(prefix) and len(cleaned) == LENGTH + len(prefix):
        cleaned = cleaned[len(prefix) :]
    cleaned = cleaned.translate(_CONFUSABLE)
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return ""
    return cleaned


def _display(code: str, prefix: str) -> str:
    return f"{prefix}-{code[:4]}-{code[4:8]}-{code[8:]}" if code else ""


def learner_display(code: str) -> str:
    return _display(code, LEARNER_PREFIX)


def certificate_display(code: str) -> str:
    return _display(code, CERTIFICATE_PREFIX)

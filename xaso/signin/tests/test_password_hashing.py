"""Passwords are hashed with Argon2 in production; older PBKDF2 hashes are rewritten at the next log-in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.test import Client, override_settings

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]


def test_the_production_settings_hash_with_argon2():
    # The suite swaps in a fast hasher (conftest.py); the settings module itself is read in a fresh process.
    code = (
        "import django; django.setup(); from django.contrib.auth.hashers import make_password; "
        "print(make_password('Trâu cày ruộng sớm'))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "xaso.settings", "XASO_SECRET_KEY": "hash-test"}
    out = subprocess.run(  # noqa: S603 (this interpreter, fixed code)
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("argon2$argon2id$")


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_a_pbkdf2_hash_becomes_argon2_at_the_next_log_in(demo):
    demo.mai.password = make_password("XaSo@2025", hasher="pbkdf2_sha256")
    demo.mai.save(update_fields=["password"])
    answer = Client().post("/quan-tri/login/", {"username": "thcs.mai", "password": "XaSo@2025"})
    assert answer.status_code == 302
    demo.mai.refresh_from_db()
    assert demo.mai.password.startswith("argon2$argon2id$")

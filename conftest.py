"""Shared fixtures: the demo commune with its people and the seed plan."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from xaso.demo.loaders import load_organisation, load_seed_plan, load_users
from xaso.testing.personas import PERSONAS


def _quiet(_: str) -> None:
    return None


@pytest.fixture
def demo(db: Any) -> SimpleNamespace:
    """The demo organisation, its users (by persona name) and the seed plan."""
    load_organisation(_quiet)
    load_users(_quiet)
    load_seed_plan(_quiet)
    users = {name: get_user_model().objects.get(username=username) for name, username in PERSONAS.items()}
    from xaso.plans.models import Plan

    return SimpleNamespace(plan=Plan.objects.get(code="33/KH-UBND"), **users)


@pytest.fixture
def client_for(client: Any) -> Any:
    """client_for(user) -> a test client logged in as that user."""

    def login(user: Any) -> Any:
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # The demo fixture creates a dozen accounts per test; PBKDF2 at production strength
    # made that ~5 s of every test. Login still goes through the real form and backend.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

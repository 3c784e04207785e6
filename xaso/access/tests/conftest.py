"""The matrix's world and a signed-in client per persona."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings

from xaso.access.tests.world import World, build_world
from xaso.demo.loaders import load_organisation, load_seed_plan, load_users
from xaso.testing.personas import PERSONAS
from xaso.testing.second_factor import login_verified


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[World]:
    """Built once per test module inside a transaction that is rolled back after the module:
    the module's tests (each in its own savepoint) share it, and no other test ever sees it."""
    files = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"), PROTECTED_ROOT=tmp_path_factory.mktemp("protected")
    )
    with django_db_blocker.unblock(), files:
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            # A browser test may have flushed the database before this module ran.
            load_demo_minimal()
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


MATRIX_PERSONAS = (*PERSONAS, "admin", "anonymous")


@pytest.fixture(scope="module")
def clients(world: World, django_db_blocker: Any) -> dict[str, Client]:
    """A client per persona, signed in as them (admin = the platform's operator; anonymous = nobody)."""
    from django.contrib.auth import get_user_model

    usernames = {**PERSONAS, "admin": "quantri"}
    made: dict[str, Client] = {}
    with django_db_blocker.unblock():
        for persona in MATRIX_PERSONAS:
            # A server error is reported by the crawl with the others, not raised in the middle of it.
            client = Client(raise_request_exception=False)
            if persona != "anonymous":
                login_verified(client, get_user_model().objects.get(username=usernames[persona]))
            made[persona] = client
    return made


def load_demo_minimal() -> None:
    for step in (load_organisation, load_users, load_seed_plan):
        step(lambda _: None)

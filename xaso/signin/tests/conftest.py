from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from xaso.demo.loaders import DEMO_PASSWORD

LOGIN = "/quan-tri/login/"


@pytest.fixture
def post_login() -> Any:
    """post_login(client, username, password, address) -> the answer of the real log-in form."""

    def post(client: Client, username: str, password: str = DEMO_PASSWORD, address: str = "10.0.0.1") -> Any:
        return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)

    return post

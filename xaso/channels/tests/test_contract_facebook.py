"""Contract: the same cases against the fake Graph API and, when credentials are given, against
graph.facebook.com — so that the fake cannot drift from the service unnoticed.

To run against Facebook (a test Page is best; one scheduled post is created, then deleted):
    XASO_CONTRACT_FACEBOOK_APP_ID=… XASO_CONTRACT_FACEBOOK_APP_SECRET=… \\
    XASO_CONTRACT_FACEBOOK_USER_TOKEN=<short-lived User token from Graph API Explorer, with
    pages_show_list, pages_manage_posts, pages_read_engagement> XASO_CONTRACT_FACEBOOK_PAGE_ID=… \\
    .venv/bin/pytest xaso/channels/tests/test_contract_facebook.py
Without them the real-service cases are skipped with a message saying which variables are missing.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

import pytest
from django.utils import timezone

from xaso.channels import http
from xaso.channels.errors import PermanentError, TokenError
from xaso.channels.facebook import errors as fb
from xaso.channels.facebook.client import FEED_FIELDS, SCHEDULED_FIELDS, GraphClient, exchange_user_token, graph_url
from xaso.channels.testing import FB_APP_ID, FB_APP_SECRET, FB_PAGE_ID, FB_USER_TOKEN, fake_facebook

ENVIRONMENT = (
    "XASO_CONTRACT_FACEBOOK_APP_ID",
    "XASO_CONTRACT_FACEBOOK_APP_SECRET",
    "XASO_CONTRACT_FACEBOOK_USER_TOKEN",
    "XASO_CONTRACT_FACEBOOK_PAGE_ID",
)
SKIP = (
    "Chưa có thông tin đăng nhập Facebook thật ({missing}): phần kiểm tra với graph.facebook.com được bỏ qua, "
    "chỉ chạy với máy chủ giả lập."
)


@dataclass
class Graph:
    app_id: str
    app_secret: str
    user_token: str
    page_id: str


@pytest.fixture(params=["fake", "facebook"])
def graph(request, settings):
    if request.param == "fake":
        with fake_facebook(version=settings.FACEBOOK_GRAPH_VERSION) as fake:
            settings.FACEBOOK_GRAPH_URL = fake.url
            yield Graph(FB_APP_ID, FB_APP_SECRET, FB_USER_TOKEN, FB_PAGE_ID)
        return
    missing = [name for name in ENVIRONMENT if not os.environ.get(name)]
    if missing:
        pytest.skip(SKIP.format(missing=", ".join(missing)))
    settings.FACEBOOK_GRAPH_URL = "https://graph.facebook.com"
    settings.CHANNEL_HTTP_TIMEOUT = 60
    yield Graph(*(os.environ[name] for name in ENVIRONMENT))


@pytest.fixture
def page_client(graph):
    long_lived = exchange_user_token(
        app_id=graph.app_id, app_secret=graph.app_secret, user_token=graph.user_token, now=timezone.now()
    )
    pages = GraphClient(access_token=long_lived.access_token, app_secret=graph.app_secret).page_accounts()
    (page,) = [p for p in pages if str(p["id"]) == graph.page_id]
    return GraphClient(access_token=page["access_token"], app_secret=graph.app_secret)


def test_a_short_lived_user_token_is_exchanged_for_one_of_about_60_days(graph):
    long_lived = exchange_user_token(
        app_id=graph.app_id, app_secret=graph.app_secret, user_token=graph.user_token, now=timezone.now()
    )
    assert long_lived.expires_at is not None
    assert dt.timedelta(days=50) < long_lived.expires_at - timezone.now() <= dt.timedelta(days=61)


def test_the_long_lived_user_token_lists_the_page_with_its_token_and_tasks(graph):
    long_lived = exchange_user_token(
        app_id=graph.app_id, app_secret=graph.app_secret, user_token=graph.user_token, now=timezone.now()
    )
    pages = GraphClient(access_token=long_lived.access_token, app_secret=graph.app_secret).page_accounts()
    (page,) = [p for p in pages if str(p["id"]) == graph.page_id]
    assert page["access_token"]
    assert "CREATE_CONTENT" in page["tasks"]


def test_the_link_field_of_page_posts_is_refused_as_deprecated(page_client, graph):
    with pytest.raises(PermanentError) as caught:
        page_client.call("GET", f"{graph.page_id}/feed", params={"fields": "id,message,link", "limit": 1})
    assert caught.value.code == "12"
    assert "deprecated" in caught.value.reason


def test_the_fields_xaso_reads_back_are_accepted(page_client, graph):
    posts = page_client.recent_posts(page_id=graph.page_id, since=timezone.now() - dt.timedelta(days=7))
    asked = set(FEED_FIELDS.split(",")) | set(SCHEDULED_FIELDS.split(","))
    for post in posts:
        assert "id" in post
        assert set(post) <= asked  # a field with no value is left out, never one not asked for


def test_a_field_that_does_not_exist_is_refused(page_client, graph):
    with pytest.raises(PermanentError) as caught:
        page_client.call("GET", f"{graph.page_id}/feed", params={"fields": "id,colour", "limit": 1})
    assert caught.value.code == "100"


def test_a_wrong_appsecret_proof_is_refused(page_client, graph):
    wrong = GraphClient(access_token=page_client.access_token, app_secret="not-the-app-secret")
    with pytest.raises(TokenError) as caught:
        wrong.recent_posts(page_id=graph.page_id, since=timezone.now())
    assert caught.value.reason == fb.ERR_APPSECRET.format(code="100")


def test_an_invalid_token_answers_the_documented_error_shape(graph):
    response = http.request(
        "GET", graph_url("me"), service="Facebook", headers={"Authorization": "Bearer EAAnot-a-token"}
    )
    assert response.status >= 400
    error = response.data["error"]
    assert {"message", "type", "code", "fbtrace_id"} <= set(error)
    assert error["code"] == 190
    with pytest.raises(TokenError):
        GraphClient(access_token="EAAnot-a-token").page_accounts()


def test_a_scheduled_post_is_found_again_by_its_message_and_time_then_deleted(page_client, graph):
    when = (timezone.now() + dt.timedelta(days=2)).replace(second=0, microsecond=0)
    message = f"Kiểm tra hợp đồng Xã số {timezone.now():%Y%m%d%H%M%S} (bài hẹn giờ, sẽ xóa)"
    post_id = page_client.post_feed(page_id=graph.page_id, message=message, scheduled_at=when)
    try:
        posts = page_client.recent_posts(page_id=graph.page_id, since=timezone.now() - dt.timedelta(minutes=5))
        (found,) = [p for p in posts if p.get("message") == message]
        assert str(found["id"]) == post_id
        assert int(found["scheduled_publish_time"]) == int(when.timestamp())
        assert "link" not in found
    finally:
        page_client.delete_post(post_id=post_id)

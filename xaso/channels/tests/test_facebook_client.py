"""The Graph API client against a fake Graph API on localhost: calls, errors, usage headers."""

import datetime as dt

import pytest
from django.utils import timezone

from xaso.channels.errors import DuplicateError, PermanentError, TemporaryError, ThrottledError
from xaso.channels.facebook import errors as fb
from xaso.channels.facebook.client import GraphClient, parse_usage
from xaso.channels.fakes.facebook import error_reply, usage_headers
from xaso.channels.testing import FB_PAGE_ID, FB_PAGE_TOKEN, FB_USER_TOKEN


@pytest.fixture
def client(facebook):
    return GraphClient(access_token=FB_PAGE_TOKEN)


def test_it_lists_the_pages_of_a_user_token_with_their_page_tokens(facebook):
    pages = GraphClient(access_token=FB_USER_TOKEN).page_accounts()
    assert [(p["id"], p["access_token"]) for p in pages] == [(FB_PAGE_ID, FB_PAGE_TOKEN)]
    (call,) = facebook.calls("GET accounts")
    assert call.headers["authorization"] == f"Bearer {FB_USER_TOKEN}"
    assert "access_token" not in call.query


def test_it_posts_a_message_with_a_link_to_the_page_feed(facebook, client):
    post_id = client.post_feed(page_id=FB_PAGE_ID, message="Tin mới", link="https://xa.example/tin/1")
    assert post_id.startswith(f"{FB_PAGE_ID}_")
    (call,) = facebook.calls("POST feed")
    assert call.form == {"message": "Tin mới", "link": "https://xa.example/tin/1"}


def test_it_schedules_a_post_with_published_false_and_a_unix_time(facebook, client):
    when = timezone.now() + dt.timedelta(hours=2)
    client.post_feed(page_id=FB_PAGE_ID, message="Hẹn giờ", scheduled_at=when)
    (call,) = facebook.calls("POST feed")
    assert call.form["published"] == "false"
    assert call.form["scheduled_publish_time"] == str(int(when.timestamp()))
    assert [p["message"] for p in client.recent_posts(page_id=FB_PAGE_ID, since=timezone.now())] == ["Hẹn giờ"]


def test_it_posts_a_photo_and_returns_the_page_post_id(facebook, client):
    post_id = client.post_photo(page_id=FB_PAGE_ID, image_url="https://xa.example/anh.jpg", caption="Ảnh hội nghị")
    assert post_id == facebook.posts(FB_PAGE_ID)[0]["id"]
    (call,) = facebook.calls("POST photos")
    assert call.form == {"url": "https://xa.example/anh.jpg", "caption": "Ảnh hội nghị"}


@pytest.mark.parametrize(
    ("code", "subcode", "kind", "message"),
    [
        (1, 0, TemporaryError, fb.ERR_TEMPORARY.format(code="1")),
        (2, 0, TemporaryError, fb.ERR_TEMPORARY.format(code="2")),
        (4, 0, ThrottledError, None),
        (17, 0, ThrottledError, None),
        (341, 0, ThrottledError, None),
        (10, 0, PermanentError, fb.ERR_PERMISSION.format(code="10")),
        (200, 0, PermanentError, fb.ERR_PERMISSION.format(code="200")),
        (190, 460, PermanentError, fb.ERR_TOKEN.format(why=fb.TOKEN_REASONS[460])),
        (190, 463, PermanentError, fb.ERR_TOKEN.format(why=fb.TOKEN_REASONS[463])),
        (190, 458, PermanentError, fb.ERR_TOKEN.format(why=fb.TOKEN_REASONS[458])),
        (368, 0, PermanentError, fb.ERR_BLOCKED),
        (506, 0, DuplicateError, fb.ERR_DUPLICATE),
    ],
)
def test_each_documented_error_is_retried_or_stopped_with_a_vietnamese_reason(
    facebook, client, code, subcode, kind, message
):
    facebook.fail_next("POST feed", error_reply(code, subcode=subcode))
    with pytest.raises(kind) as caught:
        client.post_feed(page_id=FB_PAGE_ID, message="Tin")
    if message:
        assert caught.value.reason == message
    assert not facebook.posts(FB_PAGE_ID)


def test_throttling_waits_as_long_as_the_usage_headers_say(facebook, client):
    facebook.fail_next("POST feed", error_reply(4, headers=usage_headers(percent=100, regain_minutes=7)))
    with pytest.raises(ThrottledError) as caught:
        client.post_feed(page_id=FB_PAGE_ID, message="Tin")
    assert caught.value.retry_after == 7 * 60
    assert "7 phút" in caught.value.reason


def test_it_reads_the_highest_usage_of_the_three_headers():
    headers = {k.lower(): v for k, v in usage_headers(percent=40).items()}
    headers["x-page-usage"] = '{"call_count": 93, "total_cputime": 10, "total_time": 12}'
    usage = parse_usage(headers)
    assert usage.percent == 93
    assert set(usage.raw) == {"x-app-usage", "x-page-usage", "x-business-use-case-usage"}


def test_a_wrong_page_token_is_a_token_error(facebook):
    with pytest.raises(PermanentError) as caught:
        GraphClient(access_token="EAAwrong").post_feed(page_id=FB_PAGE_ID, message="Tin")
    assert caught.value.code == "190/460"


def test_an_unreachable_server_is_a_temporary_error(settings):
    settings.FACEBOOK_GRAPH_URL = "http://127.0.0.1:9"
    with pytest.raises(TemporaryError):
        GraphClient(access_token=FB_PAGE_TOKEN).post_feed(page_id=FB_PAGE_ID, message="Tin")

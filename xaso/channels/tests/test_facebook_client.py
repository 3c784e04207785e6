"""The Graph API client against a fake Graph API on localhost: calls, errors, usage headers, proofs."""

import datetime as dt

import pytest
from django.utils import timezone

from xaso.channels.errors import DuplicateError, PermanentError, TemporaryError, ThrottledError, TokenError
from xaso.channels.facebook import errors as fb
from xaso.channels.facebook.client import ERR_EXCHANGE, GraphClient, appsecret_proof, exchange_user_token, parse_usage
from xaso.channels.fakes.facebook import SHORT_LIVED_SECONDS, error_reply, usage_headers
from xaso.channels.testing import FB_APP_ID, FB_APP_SECRET, FB_PAGE_ID, FB_PAGE_TOKEN, FB_USER_TOKEN


@pytest.fixture
def client(facebook):
    return GraphClient(access_token=FB_PAGE_TOKEN)


def test_it_lists_the_pages_of_a_user_token_with_page_tokens_as_short_lived_as_it(clock, facebook):
    pages = GraphClient(access_token=FB_USER_TOKEN).page_accounts()
    assert [p["id"] for p in pages] == [FB_PAGE_ID]
    issued = facebook.tokens[pages[0]["access_token"]]
    assert issued.kind == "page"
    assert issued.expires_at == facebook.tokens[FB_USER_TOKEN].expires_at  # about an hour
    (call,) = facebook.calls("GET accounts")
    assert call.headers["authorization"] == f"Bearer {FB_USER_TOKEN}"
    assert "access_token" not in call.query


def test_a_short_lived_user_token_becomes_a_60_day_one_with_the_app_secret_in_the_body(clock, facebook):
    long_lived = exchange_user_token(
        app_id=FB_APP_ID, app_secret=FB_APP_SECRET, user_token=FB_USER_TOKEN, now=timezone.now()
    )
    assert long_lived.expires_at is not None
    assert abs(long_lived.expires_at - (timezone.now() + dt.timedelta(days=60))) < dt.timedelta(hours=1)
    (call,) = facebook.calls("POST oauth")
    assert call.form["client_secret"] == FB_APP_SECRET
    assert call.query == {}
    page_token = GraphClient(access_token=long_lived.access_token).page_accounts()[0]["access_token"]
    assert facebook.tokens[page_token].expires_at == facebook.tokens[long_lived.access_token].expires_at


def test_an_expired_short_token_cannot_be_exchanged(clock, facebook):
    clock.shift(dt.timedelta(seconds=SHORT_LIVED_SECONDS + 60))
    with pytest.raises(PermanentError) as caught:
        exchange_user_token(app_id=FB_APP_ID, app_secret=FB_APP_SECRET, user_token=FB_USER_TOKEN, now=timezone.now())
    assert caught.value.reason.startswith(ERR_EXCHANGE.split("{")[0])
    assert "1 giờ" in caught.value.reason


def test_a_wrong_app_secret_is_refused(facebook):
    with pytest.raises(PermanentError) as caught:
        exchange_user_token(app_id=FB_APP_ID, app_secret="wrong", user_token=FB_USER_TOKEN, now=timezone.now())
    assert "Error validating client secret" in caught.value.reason


def test_it_posts_a_message_with_a_link_to_the_page_feed(facebook, client):
    post_id = client.post_feed(page_id=FB_PAGE_ID, message="Tin mới", link="https://xa.example/tin/1")
    assert post_id.startswith(f"{FB_PAGE_ID}_")
    (call,) = facebook.calls("POST feed")
    assert call.form == {"message": "Tin mới", "link": "https://xa.example/tin/1"}


def test_with_the_app_secret_every_call_carries_its_proof(facebook):
    facebook.require_proof = True
    client = GraphClient(access_token=FB_PAGE_TOKEN, app_secret=FB_APP_SECRET)
    client.post_feed(page_id=FB_PAGE_ID, message="Tin có bằng chứng")
    client.recent_posts(page_id=FB_PAGE_ID, since=timezone.now() - dt.timedelta(hours=1))
    proof = appsecret_proof(access_token=FB_PAGE_TOKEN, app_secret=FB_APP_SECRET)
    assert facebook.calls("POST feed")[0].form["appsecret_proof"] == proof
    assert facebook.calls("GET feed")[0].query["appsecret_proof"] == proof


def test_an_app_requiring_the_secret_refuses_calls_without_its_proof(facebook, client):
    facebook.require_proof = True
    with pytest.raises(TokenError) as caught:
        client.post_feed(page_id=FB_PAGE_ID, message="Tin")
    assert caught.value.reason == fb.ERR_APPSECRET.format(code="100")
    with pytest.raises(TokenError):
        GraphClient(access_token=FB_PAGE_TOKEN, app_secret="not-the-secret").post_feed(
            page_id=FB_PAGE_ID, message="Tin"
        )
    assert not facebook.posts(FB_PAGE_ID)


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


def test_it_reads_recent_posts_without_the_deprecated_link_field(facebook, client):
    client.post_feed(page_id=FB_PAGE_ID, message="Tin", link="https://xa.example/tin/1")
    (post,) = client.recent_posts(page_id=FB_PAGE_ID, since=timezone.now() - dt.timedelta(minutes=1))
    assert set(post) == {"id", "message", "created_time", "permalink_url"}
    assert "link" not in facebook.calls("GET feed")[0].query["fields"].split(",")


@pytest.mark.parametrize(
    ("code", "subcode", "kind", "message"),
    [
        (1, 0, TemporaryError, fb.ERR_TEMPORARY.format(code="1")),
        (2, 0, TemporaryError, fb.ERR_TEMPORARY.format(code="2")),
        (4, 0, ThrottledError, None),
        (17, 0, ThrottledError, None),
        (32, 0, ThrottledError, None),
        (341, 0, ThrottledError, None),
        (613, 0, ThrottledError, None),
        (80001, 0, ThrottledError, None),
        (368, 0, ThrottledError, fb.ERR_BLOCKED.format(minutes=60)),
        (10, 0, PermanentError, fb.ERR_PERMISSION.format(code="10")),
        (200, 0, PermanentError, fb.ERR_PERMISSION.format(code="200")),
        (190, 460, TokenError, fb.ERR_TOKEN.format(why=fb.TOKEN_REASONS[460])),
        (190, 463, TokenError, fb.ERR_TOKEN.format(why=fb.TOKEN_REASONS[463])),
        (190, 458, TokenError, fb.ERR_TOKEN.format(why=fb.TOKEN_REASONS[458])),
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


def test_usage_headers_come_only_once_enough_calls_were_made(facebook, client):
    facebook.usage_after_calls = 2
    for _ in range(2):
        client.recent_posts(page_id=FB_PAGE_ID, since=timezone.now())
        assert client.last_usage.raw == {}
    client.recent_posts(page_id=FB_PAGE_ID, since=timezone.now())
    # A Page token counts against the Business Use Case limits.
    assert set(client.last_usage.raw) == {"x-business-use-case-usage"}


def test_it_reads_the_highest_usage_of_the_three_headers():
    headers = {k.lower(): v for k, v in usage_headers(percent=40).items()}
    headers["x-page-usage"] = '{"call_count": 93, "total_cputime": 10, "total_time": 12}'
    usage = parse_usage(headers)
    assert usage.percent == 93
    assert set(usage.raw) == {"x-app-usage", "x-page-usage", "x-business-use-case-usage"}


def test_a_token_that_is_not_the_pages_is_a_token_error(facebook):
    with pytest.raises(TokenError) as caught:
        GraphClient(access_token="EAAwrong").post_feed(page_id=FB_PAGE_ID, message="Tin")
    assert caught.value.code == "190"
    with pytest.raises(TokenError) as caught:
        GraphClient(access_token=FB_USER_TOKEN).post_feed(page_id=FB_PAGE_ID, message="Tin")
    assert caught.value.code == "190"


def test_an_expired_page_token_is_a_token_error_with_the_reason(clock, facebook):
    short_page_token = GraphClient(access_token=FB_USER_TOKEN).page_accounts()[0]["access_token"]
    clock.shift(dt.timedelta(seconds=SHORT_LIVED_SECONDS + 60))
    with pytest.raises(TokenError) as caught:
        GraphClient(access_token=short_page_token).post_feed(page_id=FB_PAGE_ID, message="Tin")
    assert caught.value.reason == fb.ERR_TOKEN.format(why=fb.TOKEN_REASONS[463])


def test_an_unreachable_server_is_a_temporary_error(settings):
    settings.FACEBOOK_GRAPH_URL = "http://127.0.0.1:9"
    with pytest.raises(TemporaryError):
        GraphClient(access_token=FB_PAGE_TOKEN).post_feed(page_id=FB_PAGE_ID, message="Tin")

"""Delivering an article to the Facebook Page: once, retried when Facebook asks, stopped with a reason."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from xaso.channels.dispatch import ERR_GAVE_UP, delivery_run
from xaso.channels.facebook import errors as fb
from xaso.channels.facebook.transport import ERR_NOT_CONNECTED, post_message
from xaso.channels.fakes.facebook import error_reply, usage_headers
from xaso.channels.models import ChannelAccount, Delivery, DeliveryState
from xaso.channels.services import delivery_retry
from xaso.channels.testing import FB_PAGE_ID
from xaso.channels.tests.conftest import run_until_settled

pytestmark = pytest.mark.django_db


def run(delivery):
    outcome = delivery_run(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    return outcome


def test_it_posts_the_article_once_with_its_title_summary_and_link(facebook, facebook_account, publication, schedule):
    delivery = schedule(publication, facebook_account)
    assert run(delivery) == "sent"
    (call,) = facebook.calls("POST feed")
    assert call.form["message"].startswith("Xã Hoàng Văn Thụ triển khai Kế hoạch 33/KH-UBND\n\nNgày 23/8/2025")
    assert call.form["link"] == publication.link
    assert delivery.state == DeliveryState.SENT
    assert delivery.remote_id == facebook.posts(FB_PAGE_ID)[0]["id"]
    assert delivery.remote_url == f"https://www.facebook.com/{delivery.remote_id}"
    assert run(delivery) == "not-claimed"
    assert len(facebook.calls("POST feed")) == 1


def test_scheduling_again_does_not_create_a_second_delivery(facebook_account, publication, schedule):
    first = schedule(publication, facebook_account)
    second = schedule(publication, facebook_account)
    assert first.pk == second.pk
    assert Delivery.objects.count() == 1


def test_a_later_time_becomes_a_facebook_scheduled_post(facebook, facebook_account, publication, schedule):
    when = timezone.now() + dt.timedelta(days=1)
    delivery = schedule(publication, facebook_account, publish_at=when)
    assert run(delivery) == "sent"
    (call,) = facebook.calls("POST feed")
    assert call.form["published"] == "false"
    assert call.form["scheduled_publish_time"] == str(int(when.timestamp()))


def test_after_a_throttling_error_it_waits_then_posts_exactly_once(facebook, facebook_account, publication, schedule):
    facebook.fail_next("POST feed", error_reply(4, headers=usage_headers(percent=100, regain_minutes=2)))
    delivery = schedule(publication, facebook_account)
    assert run(delivery) == "retry"
    assert delivery.state == DeliveryState.QUEUED
    assert delivery.state_label == "Chờ gửi lại"
    assert "giảm tần suất" in delivery.reason
    assert delivery.not_before >= timezone.now() + dt.timedelta(minutes=1)
    assert run(delivery) == "throttled"  # not due yet, and the Page is paused
    account = ChannelAccount.objects.get(pk=facebook_account.pk)
    assert account.throttled_until is not None
    assert account.throttled_until > timezone.now()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=10), tick=True):
        assert run(delivery) == "sent"
    assert len(facebook.posts(FB_PAGE_ID)) == 1
    assert len(facebook.calls("POST feed")) == 2


def test_a_temporary_error_is_retried_with_growing_waits(facebook, facebook_account, publication, schedule):
    facebook.fail_next("POST feed", error_reply(2), times=2)
    delivery = schedule(publication, facebook_account)
    assert run(delivery) == "retry"
    first_wait = delivery.not_before - timezone.now()
    with time_machine.travel(delivery.not_before + dt.timedelta(seconds=1), tick=True):
        assert run(delivery) == "retry"
        second_wait = delivery.not_before - timezone.now()
    assert second_wait > first_wait
    with time_machine.travel(delivery.not_before + dt.timedelta(seconds=1), tick=True):
        assert run(delivery) == "sent"
    assert len(facebook.posts(FB_PAGE_ID)) == 1


@pytest.mark.parametrize(
    ("code", "subcode", "reason"),
    [
        (10, 0, fb.ERR_PERMISSION.format(code="10")),
        (230, 0, fb.ERR_PERMISSION.format(code="230")),
        (190, 463, fb.ERR_TOKEN.format(why=fb.TOKEN_REASONS[463])),
    ],
)
def test_a_permanent_error_stops_with_its_vietnamese_reason(
    facebook, facebook_account, publication, schedule, code, subcode, reason
):
    facebook.fail_next("POST feed", error_reply(code, subcode=subcode))
    delivery = schedule(publication, facebook_account)
    assert run(delivery) == "failed"
    assert delivery.state == DeliveryState.FAILED
    assert delivery.reason == reason
    assert delivery.state_label == "Không gửi được"
    assert not facebook.posts(FB_PAGE_ID)


def test_a_token_error_also_flags_the_account_for_the_back_office(facebook, facebook_account, publication, schedule):
    facebook.fail_next("POST feed", error_reply(190, subcode=463))
    delivery = schedule(publication, facebook_account)
    assert run(delivery) == "failed"
    account = ChannelAccount.objects.get(pk=facebook_account.pk)
    assert account.problem == fb.ERR_TOKEN.format(why=fb.TOKEN_REASONS[463])


def test_a_temporarily_blocked_page_waits_long_then_posts_once(facebook, facebook_account, publication, schedule):
    facebook.fail_next("POST feed", error_reply(368))
    delivery = schedule(publication, facebook_account)
    assert run(delivery) == "retry"
    assert delivery.reason == fb.ERR_BLOCKED.format(minutes=60)
    assert delivery.not_before >= timezone.now() + dt.timedelta(minutes=59)
    account = ChannelAccount.objects.get(pk=facebook_account.pk)
    assert account.throttled_until is not None
    assert account.throttled_until >= timezone.now() + dt.timedelta(minutes=59)
    assert run_until_settled(delivery)[-1] == "sent"
    assert len(facebook.posts(FB_PAGE_ID)) == 1


def test_a_page_blocked_every_time_gives_up_after_the_maximum_attempts(
    settings, facebook, facebook_account, publication, schedule
):
    settings.DELIVERY_MAX_ATTEMPTS = 3
    facebook.fail_next("POST feed", error_reply(368), times=3)
    delivery = schedule(publication, facebook_account)
    outcomes = run_until_settled(delivery)
    assert outcomes == ["retry", "retry", "failed"]
    assert delivery.reason == ERR_GAVE_UP.format(attempts=3, reason=fb.ERR_BLOCKED.format(minutes=60))
    assert not facebook.posts(FB_PAGE_ID)


def test_a_duplicate_answer_finds_the_existing_post_instead_of_failing(
    facebook, facebook_account, publication, schedule
):
    delivery = schedule(publication, facebook_account)
    # Someone posted the same text by hand a moment ago: Facebook refuses a second one (506).
    existing = facebook.pages[FB_PAGE_ID]
    existing.posts.append(
        {
            "id": f"{FB_PAGE_ID}_77",
            "message": post_message(delivery),
            "link": "",
            "created": int(timezone.now().timestamp()) - 60,
            "published": True,
            "scheduled_publish_time": 0,
        }
    )
    facebook.fail_next("POST feed", error_reply(506))
    assert run(delivery) == "sent"
    assert delivery.remote_id == f"{FB_PAGE_ID}_77"


def test_an_older_post_with_the_same_text_is_not_taken_for_a_lost_one(
    settings, facebook, facebook_account, publication, schedule
):
    settings.CHANNEL_HTTP_TIMEOUT = 1
    delivery = schedule(publication, facebook_account)
    three_days_ago = int(timezone.now().timestamp()) - 86400 * 3
    for post_id, message, created in [
        (12, post_message(delivery), three_days_ago),
        (13, "Tin khác", three_days_ago + 60),
    ]:
        facebook.pages[FB_PAGE_ID].posts.append(
            {
                "id": f"{FB_PAGE_ID}_{post_id}",
                "message": message,
                "link": "",
                "created": created,
                "published": True,
                "scheduled_publish_time": 0,
            }
        )
    release = facebook.stall_next("POST feed")
    try:
        assert run(delivery) == "retry"
    finally:
        release.set()
    assert run_until_settled(delivery)[-1] == "sent"
    assert len(facebook.calls("POST feed")) == 1
    assert delivery.remote_id == facebook.posts(FB_PAGE_ID)[-1]["id"] != f"{FB_PAGE_ID}_12"


def test_no_answer_is_reconciled_before_posting_again(settings, facebook, facebook_account, publication, schedule):
    settings.CHANNEL_HTTP_TIMEOUT = 1
    release = facebook.stall_next("POST feed")
    delivery = schedule(publication, facebook_account)
    try:
        assert run(delivery) == "retry"
    finally:
        release.set()
    assert delivery.checkpoint.get("posting_since")
    assert "chưa rõ" in delivery.reason
    with time_machine.travel(delivery.not_before + dt.timedelta(seconds=1), tick=True):
        assert run(delivery) == "sent"
    assert len(facebook.calls("POST feed")) == 1
    assert delivery.remote_id == facebook.posts(FB_PAGE_ID)[0]["id"]
    assert [h.outcome for h in delivery.history.all()] == ["retry", "reconciled", "sent"]
    # Found by message and time: the fake, like Graph API v3.3+, refuses to return `link`.
    assert "link" not in facebook.calls("GET feed")[0].query["fields"].split(",")


def test_a_lost_answer_to_a_scheduled_post_is_found_among_the_scheduled_ones(
    settings, facebook, facebook_account, publication, schedule
):
    settings.CHANNEL_HTTP_TIMEOUT = 1
    release = facebook.stall_next("POST feed")
    delivery = schedule(publication, facebook_account, publish_at=timezone.now() + dt.timedelta(days=2))
    try:
        assert run(delivery) == "retry"
    finally:
        release.set()
    assert run_until_settled(delivery)[-1] == "sent"
    assert len(facebook.calls("POST feed")) == 1
    assert facebook.calls("GET scheduled_posts")


def test_it_gives_up_after_the_maximum_number_of_attempts(settings, facebook, facebook_account, publication, schedule):
    settings.DELIVERY_MAX_ATTEMPTS = 2
    facebook.fail_next("POST feed", error_reply(1), times=2)
    delivery = schedule(publication, facebook_account)
    assert run(delivery) == "retry"
    with time_machine.travel(delivery.not_before + dt.timedelta(seconds=1), tick=True):
        assert run(delivery) == "failed"
    assert delivery.reason == ERR_GAVE_UP.format(attempts=2, reason=fb.ERR_TEMPORARY.format(code="1"))


def test_an_unconnected_page_fails_with_a_clear_message(facebook, commune, facebook_account, publication, schedule):
    from xaso.channels.services import channel_account_create

    account = channel_account_create(
        commune=commune, kind="facebook", name="Trang chưa kết nối", unit=facebook_account.unit, remote_id="1"
    )
    delivery = schedule(publication, account)
    assert run(delivery) == "failed"
    assert delivery.reason == ERR_NOT_CONNECTED


def test_an_editor_retries_a_failed_delivery_after_fixing_it(facebook, facebook_account, publication, schedule):
    facebook.fail_next("POST feed", error_reply(200))
    delivery = schedule(publication, facebook_account)
    assert run(delivery) == "failed"
    delivery_retry(delivery=delivery)
    assert run(delivery) == "sent"
    assert len(facebook.posts(FB_PAGE_ID)) == 1


def test_high_usage_pauses_the_page_before_facebook_refuses(facebook, facebook_account, publication, schedule):
    facebook.usage_percent = 95
    facebook.usage_after_calls = 0
    delivery = schedule(publication, facebook_account)
    assert run(delivery) == "sent"
    account = ChannelAccount.objects.get(pk=facebook_account.pk)
    assert account.throttled_until is not None
    assert account.throttled_until > timezone.now()
    (usage,) = account.usage["x-business-use-case-usage"].values()
    assert usage[0]["call_count"] == 95


def test_a_page_with_little_traffic_gets_no_usage_headers_and_is_not_paused(
    facebook, facebook_account, publication, schedule
):
    delivery = schedule(publication, facebook_account)
    assert run(delivery) == "sent"
    account = ChannelAccount.objects.get(pk=facebook_account.pk)
    assert account.usage == {}
    assert account.throttled_until is None


def test_with_the_app_secret_stored_a_page_requiring_it_still_gets_the_post(
    facebook, facebook_account, publication, schedule
):
    from xaso.channels.services import channel_account_set_credentials
    from xaso.channels.testing import FB_APP_ID, FB_APP_SECRET

    facebook.require_proof = True
    channel_account_set_credentials(account=facebook_account, values={"app_id": FB_APP_ID, "app_secret": FB_APP_SECRET})
    delivery = schedule(publication, facebook_account)
    assert run(delivery) == "sent"
    assert facebook.calls("POST feed")[0].form["appsecret_proof"]


def test_a_backend_that_cannot_wait_leaves_the_retry_to_the_sweep(
    facebook, facebook_account, publication, schedule, django_capture_on_commit_callbacks
):
    facebook.fail_next("POST feed", error_reply(4))
    delivery = schedule(publication, facebook_account)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert run(delivery) == "retry"  # the immediate backend would otherwise run it again at once
    assert len(facebook.calls("POST feed")) == 1
    assert callbacks  # the retry asked to be enqueued, and nothing ran in a loop


def test_a_picture_at_a_local_address_is_refused_with_what_to_set(facebook, facebook_account, publication, schedule):
    publication.link = ""
    publication.image_url = "http://127.0.0.1:8000/media/images/hoi-nghi.jpg"
    publication.save()
    delivery = schedule(publication, facebook_account)
    assert run(delivery) == "failed"
    assert "XASO_PUBLIC_BASE_URL" in delivery.reason
    assert not facebook.calls("POST photos")


def test_links_and_pictures_are_sent_at_the_public_address(settings, facebook, facebook_account, publication, schedule):
    settings.CHANNEL_PUBLIC_URL = "https://hoangvanthu.langson.gov.vn"
    delivery = schedule(publication, facebook_account)
    assert run(delivery) == "sent"
    assert facebook.calls("POST feed")[0].form["link"] == (
        "https://hoangvanthu.langson.gov.vn/tin-tuc/trien-khai-ke-hoach-33/"
    )

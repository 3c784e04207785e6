"""Asking for a review in the back office: the owner and the leader may, with a period checked in
Vietnamese; others may not."""

import datetime as dt

import pytest
from django.urls import reverse

from xaso.documents.models import RenderJob
from xaso.reviews.document import BUILDER, ERR_PERIOD
from xaso.reviews.forms import ERR_DRAFT_NUMBERED, ERR_FUTURE_END

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

URL = "reviews_request"


def data(demo, **changes):
    values = {"plan": demo.plan.pk, "kind": "interim", "start": "01/01/2025", "end": "30/06/2026", "number": ""}
    values.update(changes)
    return values


def test_the_owner_asks_for_an_interim_review(demo, client_for):
    response = client_for(demo.lan).post(reverse(URL), data(demo))
    assert response.status_code == 302
    assert response["Location"] == reverse("documents_render_jobs")
    job = RenderJob.objects.get()
    assert job.builder == BUILDER
    assert job.params["start"] == "2025-01-01"
    assert job.params["end"] == "2026-06-30"
    assert job.title == "Báo cáo sơ kết giai đoạn 2025–2026 thực hiện Kế hoạch 33/KH-UBND"


def test_the_leader_may_too(demo, client_for):
    assert client_for(demo.hung).post(reverse(URL), data(demo, kind="final")).status_code == 302
    assert RenderJob.objects.get().params["kind"] == "final"


def test_a_period_backwards_or_to_come_is_refused_in_vietnamese(demo, client_for):
    body = client_for(demo.lan).post(reverse(URL), data(demo, end="31/12/2024")).content.decode()
    assert ERR_PERIOD in body
    body = client_for(demo.lan).post(reverse(URL), data(demo, end="31/12/2026")).content.decode()
    assert ERR_FUTURE_END in body
    body = client_for(demo.lan).post(reverse(URL), data(demo, end="31/13/2026")).content.decode()
    assert 'value="31/13/2026"' in body
    assert not RenderJob.objects.exists()


def test_reporters_the_province_and_the_outsider_cannot_ask(demo, client_for):
    for persona in ("mai", "son", "quang", "linh"):
        response = client_for(getattr(demo, persona)).post(reverse(URL), data(demo))
        assert response.status_code in (302, 403), persona
        assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home"), persona
    response = client_for(demo.outsider).get(reverse(URL))
    assert "/login/" in response["Location"]
    response = client_for(demo.thu).post(reverse(URL), data(demo))
    assert response.status_code == 200  # her form offers only her own commune's plans
    assert not RenderJob.objects.exists()


def test_a_number_waits_for_the_office_s_assessment(demo, client_for):
    client = client_for(demo.lan)
    body = client.post(reverse(URL), data(demo, number="12")).content.decode()
    assert ERR_DRAFT_NUMBERED in body
    body = client.post(reverse(URL), data(demo, issued_on="20/11/2026")).content.decode()
    assert ERR_DRAFT_NUMBERED in body
    assert not RenderJob.objects.exists()

    assert client.post(reverse(URL), data(demo)).status_code == 302  # a draft, unnumbered
    assert RenderJob.objects.get().params["shortcomings"] == ""
    written = "Một số thôn còn chậm cập nhật số hộ.\nKinh phí cấp muộn."
    assert client.post(reverse(URL), data(demo, number="12", shortcomings=written)).status_code == 302
    job = RenderJob.objects.exclude(params__shortcomings="").get()
    assert (job.params["number"], job.params["shortcomings"]) == (12, written.replace("\\n", "\n"))

"""Every query parameter of the list, dashboard, search and feed addresses, given what a crawler sends
("²", 2^63, 5,000 digits, NUL, scripts, impossible dates …): never a server error, and a refusal
(400, 404) is a Vietnamese page. The crawl's own failures come first, then generated requests."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st
from wagtail.snippets.models import get_snippet_models

from xaso.indicators.definitions import INDICATORS
from xaso.portal.demo import load_home, load_section
from xaso.testing.badinputs import NASTY, VIETNAMESE, counted, nasty_text, suite_settings
from xaso.units.models import OrgUnit
from xaso.villages.demo import load_villages

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def quiet(_: str) -> None:
    return None


def answer(client: Client, url: str, params: dict[str, str]) -> int:
    """Request `url`; the client raises any server error. A refusal must be said in Vietnamese."""
    response = client.get(url, params)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)  # type: ignore[attr-defined]  # a download fails while it streams
    assert response.status_code < 500
    if response.status_code in (400, 404) and not getattr(response, "streaming", False):
        text = response.content.decode("utf-8", "replace")
        assert VIETNAMESE.search(text), f"{url} {params}: refusal not in Vietnamese"
        assert "Traceback" not in text
    return response.status_code


@pytest.fixture
def site(demo):
    load_villages(quiet)
    load_home(quiet)
    load_section(quiet)
    village = OrgUnit.objects.get(code="ls-hvt-t-napan")
    commune = OrgUnit.objects.get(code="ls-hvt")
    return SimpleNamespace(demo=demo, village=village, commune=commune)


def back_office_pages(site) -> list[tuple[str, list[str]]]:
    village = site.village.pk
    pages = [
        (reverse("indicators_dashboard"), ["don-vi", "ky"]),
        (reverse("indicators_export", args=["xlsx"]), ["don-vi", "ky"]),
        (reverse("indicators_export", args=["csv"]), ["don-vi", "ky", "bang"]),
        (reverse("indicators_detail", args=[next(iter(INDICATORS))]), ["don-vi", "ky"]),
        (reverse("indicators_province"), ["nam"]),
        (reverse("indicators_province_export", args=["xlsx"]), ["nam"]),
        (reverse("indicators_province_export", args=["csv"]), ["nam"]),
        (reverse("funding_summary"), ["xa", "nam"]),
        (reverse("villages_index"), ["xa", "nam"]),
        (reverse("villages_village", args=[village]), ["nam"]),
        (reverse("villages_snapshot", args=[village]), ["thang"]),
        (reverse("reporting_home"), ["ky", "trang"]),
        (reverse("reporting_province"), ["province", "kind", "year", "format"]),
        (reverse("learning_learners"), ["khoa", "don-vi"]),
        (reverse("notifications_list"), ["p"]),
        (reverse("documents_render_jobs"), ["p"]),
    ]
    for model in get_snippet_models():
        if model.__module__.startswith("xaso."):
            viewset = model.snippet_viewset
            filterset: Any = getattr(viewset, "filterset_class", None)
            filters = list(getattr(filterset, "base_filters", None) or []) if isinstance(filterset, type) else []
            declared = getattr(viewset, "list_filter", None)
            filters += list(declared) if isinstance(declared, list | tuple | dict) else []
            # Range filters read "<name>_after" and "<name>_before".
            filters += [f"{name}_{end}" for name in filters for end in ("after", "before")]
            pages.append((reverse(viewset.get_url_name("list")), ["q", "p", "ordering", "export", *filters]))
    return pages


def public_pages(site) -> list[tuple[str, list[str]]]:
    commune = site.commune.pk
    return [
        ("/tim-kiem/", ["q", "trang"]),
        ("/nghi-quyet-57/", ["trang"]),
        ("/nghi-quyet-57/rss/", ["trang"]),
        ("/nghi-quyet-57/atom/", ["trang"]),
        ("/nghi-quyet-57/tin-tuc/", ["doi-tuong", "trang"]),
        ("/nghi-quyet-57/tin-tuc/rss/", ["doi-tuong"]),
        ("/nghi-quyet-57/tin-tuc/atom/", ["doi-tuong"]),
        ("/ke-hoach/", ["nam"]),
        (f"/truyen-thanh/{commune}/lich-phat.m3u", ["cum"]),
        (f"/truyen-thanh/{commune}/lich-phat.ics", ["cum"]),
        ("/hoc/", ["moi", "trung"]),
        ("/xac-minh/", ["ma"]),
        ("/sitemap.xml", ["p"]),
    ]


# -- what the crawl found ----------------------------------------------------------------------

CRAWL = [
    ("indicators_dashboard", {"don-vi": "²"}),
    ("indicators_dashboard", {"ky": "²"}),
    ("indicators_export", {"don-vi": "²", "bang": "don-vi"}),
    ("funding_summary", {"nam": "²"}),
    ("funding_summary", {"xa": "²"}),
    ("villages_index", {"nam": "²"}),
    ("villages_index", {"xa": "²", "nam": "٢٠٢٦"}),
    ("indicators_province", {"nam": "²"}),
    ("learning_learners", {"khoa": "²", "don-vi": str(2**63)}),
]


def test_the_crawls_superscript_two_is_no_longer_a_server_error(site, client_for):
    for name, params in CRAWL:
        user = site.demo.quang if name == "indicators_province" else site.demo.lan
        args = ["csv"] if name == "indicators_export" else []
        assert answer(client_for(user), reverse(name, args=args), params) in (200, 404), (name, params)
    # A year that is not one falls back to the default; a unit that is not one is a Vietnamese 404.
    client = client_for(site.demo.lan)
    assert client.get(reverse("funding_summary"), {"nam": "²"}).context["year"] is None
    assert client.get(reverse("villages_index"), {"nam": "²", "xa": site.commune.pk}).context["year"] == 2026
    assert client.get(reverse("indicators_dashboard"), {"don-vi": "²"}).status_code == 404


# -- generated requests --------------------------------------------------------------------------

value = st.one_of(nasty_text, st.sampled_from(NASTY), st.sampled_from(["2026", "2026-1", "2025-2030", "csv", "xlsx"]))


@st.composite
def requests(draw, pages):
    url, names = draw(st.sampled_from(pages))
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True)) if names else []
    params = {name: draw(value) for name in chosen}
    if draw(st.booleans()):
        params[draw(st.sampled_from(["x", "__debug__", "format", "page", "lang"]))] = draw(value)
    return url, params


@pytest.fixture
def back_office(site, client):
    return site, back_office_pages(site)


def test_generated_back_office_queries_never_fail(back_office, client):
    """As the programme owner, the province viewer and a village head, each in turn."""
    site, pages = back_office
    for persona in ("lan", "quang", "son"):
        client.force_login(getattr(site.demo, persona))

        @suite_settings(150)
        @given(request=requests(pages))
        @example(request=(reverse("indicators_dashboard"), {"don-vi": "²", "ky": "²"}))
        def run(request):
            counted()
            url, params = request
            answer(client, url, params)

        run()


def test_generated_public_queries_never_fail(site, client):
    pages = public_pages(site)

    @suite_settings(250)
    @given(request=requests(pages))
    @example(request=("/tim-kiem/", {"q": "\x00", "trang": "²"}))
    def run(request):
        counted()
        url, params = request
        answer(client, url, params)

    run()

"""Every add form of the back office — each snippet's, the villages' phone forms, opening a reporting
period, requesting a review, enrolling a unit — posted with generated bad values (wrong types, ids
beyond 64 bits, "²", NUL, scripts, 5,000 digits, missing or impossible formset counts, files that are
not what they claim): never a server error, every message Vietnamese, and a refused form writes
nothing (the table's rows and the audit log are unchanged)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st
from wagtail.models import ModelLogEntry
from wagtail.snippets.models import get_snippet_models

from xaso.activities.models import Activity
from xaso.testing.badinputs import NASTY, assert_vietnamese, counted, fingerprint, nasty_text, suite_settings
from xaso.units.models import OrgUnit
from xaso.villages.demo import load_villages
from xaso.villages.models import HouseholdSnapshot, SupportVisit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def quiet(_: str) -> None:
    return None


def messages_of(response: Any) -> list[str]:
    """Every error the page shows: the form's, its formsets', and the messages framework's."""
    context = response.context or {}
    found: list[str] = []
    form = context.get("form") if hasattr(context, "get") else None
    if form is not None:
        for errors in form.errors.values():
            found += [str(error) for error in errors]
        for formset in getattr(form, "formsets", {}).values():
            found += [str(error) for error in formset.non_form_errors()]
            for child in formset.forms:
                for errors in child.errors.values():
                    found += [str(error) for error in errors]
    for message in context.get("messages", []) if hasattr(context, "get") else []:
        found.append(str(message))
    return found


files = st.sampled_from(
    [
        SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64),
        SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n<html><script>x</script>"),
        SimpleUploadedFile("cai-dat.exe", b"MZ\x90\x00"),
        SimpleUploadedFile("trong.png", b""),
        SimpleUploadedFile("bao-cao.docx", b"PK\x03\x04" + b"\x00" * 30),
    ]
)
value = st.one_of(nasty_text, st.sampled_from(NASTY), st.just(str(2**63)), st.just("2025-02-30"))


@st.composite
def posts(draw, forms):
    url, fields, formsets, tables = draw(st.sampled_from(forms))
    data: dict[str, Any] = {}
    for name in draw(st.lists(st.sampled_from(fields), min_size=1, max_size=8, unique=True)) if fields else []:
        kind = draw(st.sampled_from(["value", "values", "file"]))
        if kind == "file":
            data[name] = draw(files)
        elif kind == "values":
            data[name] = draw(st.lists(value, min_size=1, max_size=3))
        else:
            data[name] = draw(value)
    for prefix in formsets:
        data[f"{prefix}-TOTAL_FORMS"] = draw(st.sampled_from(["0", "1", "2", "²", "", str(2**63), "-1"]))
        data[f"{prefix}-INITIAL_FORMS"] = draw(st.sampled_from(["0", "1", "x"]))
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    return url, data, tables


def discover(
    client, urls: list[tuple[str, tuple[Any, ...]]]
) -> list[tuple[str, list[str], list[str], tuple[Any, ...]]]:
    found = []
    for url, tables in urls:
        response = client.get(url)
        if response.status_code != 200 or not response.context or "form" not in response.context:
            continue
        form = response.context["form"]
        prefixes = [formset.prefix for formset in getattr(form, "formsets", {}).values()]
        found.append((url, [form.add_prefix(name) for name in form.fields], prefixes, tables))
    return found


def post_and_check(client, url: str, data: dict[str, Any], tables: tuple[Any, ...]) -> None:
    for item in data.values():
        for upload in item if isinstance(item, list) else [item]:
            if hasattr(upload, "seek"):
                upload.seek(0)
    before = fingerprint(*tables, ModelLogEntry)
    response = client.post(url, data)
    assert response.status_code < 500
    if response.status_code in (302, 303):
        return  # a valid combination was saved: not a refusal
    assert fingerprint(*tables, ModelLogEntry) == before, f"{url} wrote although it refused {data}"
    shown = messages_of(response)
    if shown:
        assert_vietnamese(shown)


@pytest.fixture
def snippet_forms(demo, client_for):
    client = client_for(demo.lan)
    urls = [
        (reverse(model.snippet_viewset.get_url_name("add")), (model,))
        for model in get_snippet_models()
        if model.__module__.startswith("xaso.")
    ]
    return client, discover(client, urls)


def test_generated_snippet_forms_never_fail_and_write_nothing_when_refused(snippet_forms):
    client, forms = snippet_forms
    assert len(forms) >= 25

    @suite_settings(300)
    @given(post=posts(forms))
    @example(
        post=(reverse("wagtailsnippets_activities_activity:add"), {"tasks": [str(2**63)], "unit": "²"}, (Activity,))
    )
    def run(post):
        counted()
        url, data, tables = post
        post_and_check(client, url, data, tables)

    run()


@pytest.fixture
def other_forms(demo, client_for):
    load_villages(quiet)
    village = OrgUnit.objects.get(code="ls-hvt-t-napan").pk
    client = client_for(demo.lan)
    urls = [
        (reverse("villages_visit_add", args=[village]), (SupportVisit, Activity)),
        (reverse("villages_snapshot", args=[village]), (HouseholdSnapshot,)),
        (reverse("reporting_open"), ()),
        (reverse("reviews_request"), ()),
        (reverse("learning_enrol_unit"), ()),
    ]
    return client, discover(client, urls)


def test_generated_back_office_forms_never_fail_and_write_nothing_when_refused(other_forms):
    client, forms = other_forms
    assert len(forms) >= 3

    @suite_settings(120)
    @given(post=posts(forms))
    def run(post):
        counted()
        url, data, tables = post
        post_and_check(client, url, data, tables)

    run()


def test_an_id_beyond_64_bits_in_a_multiple_choice_is_a_choice_error(demo, client_for):
    response = client_for(demo.lan).post(
        reverse("wagtailsnippets_activities_activity:add"), {"tasks": [str(2**63)], "evidence-TOTAL_FORMS": "0"}
    )
    assert response.status_code == 200
    [message] = response.context["form"].errors["tasks"]
    assert_vietnamese(message)
    assert str(2**63) in message
    assert not Activity.objects.exists()

"""The proposal's processing page in the back office, per persona, and the public honour roll."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from xaso.demo.loaders import load_portal_home, load_portal_section
from xaso.honours.models import Proposal, ProposalStatus
from xaso.honours.services import ERR_NOT_DECIDER, proposal_review, proposal_submit
from xaso.honours.tests.conftest import jpeg


def _url(proposal):
    return reverse("honours_process", args=[proposal.pk])


@pytest.fixture
def reviewed(demo, draft):
    proposal_submit(proposal=draft, user=demo.mai)
    return proposal_review(proposal=draft, user=demo.lan)


def test_a_non_leader_posting_a_decision_gets_a_vietnamese_refusal(client_for, demo, reviewed):
    response = client_for(demo.lan).post(
        _url(reviewed), {"action": "decide", "number": "12/QĐ-UBND", "date": "2026-03-10"}
    )
    assert response.status_code == 403
    assert ERR_NOT_DECIDER in response.content.decode()
    reviewed.refresh_from_db()
    assert reviewed.status == ProposalStatus.UNDER_REVIEW


def test_the_leader_decides_from_the_page(client_for, demo, reviewed):
    client = client_for(demo.hung)
    assert "Quyết định khen thưởng" in client.get(_url(reviewed)).content.decode()
    response = client.post(_url(reviewed), {"action": "decide", "number": "12/QĐ-UBND", "date": "2026-03-10"})
    assert response.status_code == 302
    reviewed.refresh_from_db()
    assert reviewed.status == ProposalStatus.DECIDED
    assert reviewed.decision_date == dt.date(2026, 3, 10)


def test_a_decision_without_number_says_so_on_the_form(client_for, demo, reviewed):
    response = client_for(demo.hung).post(_url(reviewed), {"action": "decide", "number": "", "date": ""})
    assert response.status_code == 400
    assert "Hãy nhập số quyết định" in response.content.decode()


@pytest.mark.parametrize(("persona", "status"), [("ha", 404), ("son", 404), ("thu", 404), ("quang", 200)])
def test_who_can_open_a_schools_proposal(client_for, demo, reviewed, persona, status):
    assert client_for(getattr(demo, persona)).get(_url(reviewed)).status_code == status


def test_an_outsider_is_kept_out(client_for, demo, reviewed):
    assert client_for(demo.outsider).get(_url(reviewed)).status_code in (302, 403)


def test_a_draft_is_seen_only_by_its_unit_and_the_office(client_for, demo, draft):
    assert client_for(demo.mai).get(_url(draft)).status_code == 200
    assert client_for(demo.lan).get(_url(draft)).status_code == 200
    assert client_for(demo.hung).get(_url(draft)).status_code == 404


def test_invalid_evidence_is_refused_in_vietnamese_and_nothing_is_saved(client_for, demo, school):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from xaso.activities.evidence import ERR_EVIDENCE_CONTENT

    data = {
        "unit": school.pk,
        "kind": "individual",
        "nominee": "Lưu Thị Hoa",
        "nominee_position": "",
        "achievement": "Làm video.",
        "honour_form": "Giấy khen",
        "public_summary": "Làm video.",
        "evidence-TOTAL_FORMS": "1",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
        "evidence-0-file": SimpleUploadedFile("giay-khen.pdf", b"MZ\x90\x00 not a pdf"),
        "evidence-0-caption": "",
        "evidence-0-ORDER": "1",
        "evidence-0-id": "",
        "evidence-0-DELETE": "",
    }
    response = client_for(demo.mai).post(reverse("wagtailsnippets_honours_proposal:add"), data)
    assert response.status_code == 200
    assert ERR_EVIDENCE_CONTENT.format(name="giay-khen.pdf", ext="pdf", family="tài liệu") in response.content.decode()
    assert not Proposal.objects.exists()
    data["evidence-0-file"] = jpeg()
    response = client_for(demo.mai).post(reverse("wagtailsnippets_honours_proposal:add"), data)
    assert response.status_code == 302
    assert Proposal.objects.get().evidence.count() == 1


def test_decided_commendations_appear_on_the_portals_honour_roll(client, client_for, demo, reviewed):
    load_portal_home(lambda _: None)
    load_portal_section(lambda _: None)
    client_for(demo.hung).post(_url(reviewed), {"action": "decide", "number": "12/QĐ-UBND", "date": "2026-03-10"})
    client.logout()
    page = client.get("/nghi-quyet-57/vinh-danh/").content.decode()
    assert "Lưu Thị Hoa" in page
    assert "Quyết định số 12/QĐ-UBND ngày 10/03/2026" in page
    assert "Hướng dẫn câu lạc bộ tin học" not in page  # the full achievement stays in the office

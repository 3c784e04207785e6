"""Funding in the back office: who sees and changes what, the summary, and a spending beyond its line
refused on the form with what was typed kept."""

import datetime as dt

import pytest
from django.urls import reverse

from xaso.funding.models import BudgetLine, Spending
from xaso.funding.selectors import budget_lines_readable, budget_lines_writable, funding_summary, spendings_readable
from xaso.funding.services import spending_save
from xaso.funding.views import ERR_NO_FUNDING

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

SUMMARY = "funding_summary"
SPENDING_ADD = "wagtailsnippets_funding_spending:add"
LINE_EDIT = "wagtailsnippets_funding_budgetline:edit"


def refused(response):
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


@pytest.fixture
def spent(lines, task):
    return spending_save(
        spending=Spending(line=lines.state, task=task, date=dt.date(2026, 5, 4), amount=4_000_000, description="Video")
    )


def test_each_persona_reads_and_writes_what_the_role_allows(demo, lines, spent):
    everything = {lines.state, lines.sponsors}
    assert set(budget_lines_writable(user=demo.lan)) == everything
    assert set(budget_lines_readable(user=demo.hung)) == everything
    assert not budget_lines_writable(user=demo.hung).exists()
    assert set(budget_lines_readable(user=demo.quang)) == everything
    assert not budget_lines_writable(user=demo.quang).exists()
    for persona in ("mai", "son", "tuan", "linh", "thu", "outsider"):
        assert not budget_lines_readable(user=getattr(demo, persona)).exists(), persona
        assert not spendings_readable(user=getattr(demo, persona)).exists(), persona


def test_the_summary_by_year_source_and_task_group(demo, lines, spent):
    summary = funding_summary(
        user=demo.hung, commune=lines.state.commune, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31)
    )
    assert (summary.allocated, summary.spent, summary.remaining, summary.used_percent) == (
        15_000_000,
        4_000_000,
        11_000_000,
        27,
    )
    state = next(row for row in summary.by_source if row.source == "state_budget")
    assert (state.allocated, state.spent) == (10_000_000, 4_000_000)
    assert [(row.number, row.spent, row.spendings) for row in summary.by_group] == [(1, 4_000_000, 1)]
    assert [(row.year, row.source) for row in summary.by_year_source] == [(2026, "state_budget"), (2026, "socialised")]
    nothing = funding_summary(
        user=demo.outsider, commune=lines.state.commune, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31)
    )
    assert nothing.is_empty


def test_the_owner_the_leader_and_the_province_see_the_summary(demo, client_for, lines, spent):
    for persona in ("lan", "hung", "quang"):
        response = client_for(getattr(demo, persona)).get(reverse(SUMMARY), {"nam": "2026"})
        assert response.status_code == 200, persona
        body = response.content.decode()
        assert "4.000.000" in body
        assert "11.000.000" in body
        assert ("Ghi khoản chi" in body) == (persona == "lan")


def test_reporters_and_the_outsider_do_not(demo, client_for, lines):
    assert refused(client_for(demo.mai).get(reverse(SUMMARY)))
    outsider = client_for(demo.outsider).get(reverse(SUMMARY))
    assert outsider.status_code == 302
    assert "/login/" in outsider["Location"]
    response = client_for(demo.thu).get(reverse(SUMMARY))
    assert "4.000.000" not in response.content.decode()
    assert ERR_NO_FUNDING not in response.content.decode()


def test_the_leader_cannot_add_or_change_and_another_commune_cannot_open(demo, client_for, lines):
    assert refused(client_for(demo.hung).get(reverse(SPENDING_ADD)))
    assert client_for(demo.hung).post(reverse(LINE_EDIT, args=[lines.state.pk]), {}).status_code in (302, 403)
    assert BudgetLine.objects.get(pk=lines.state.pk).amount == 10_000_000
    assert client_for(demo.thu).get(reverse(LINE_EDIT, args=[lines.state.pk])).status_code == 404


def test_a_spending_beyond_the_line_is_refused_on_the_form_and_what_was_typed_stays(
    demo, client_for, lines, spent, task
):
    data = {
        "line": lines.state.pk,
        "date": "2026-06-01",
        "amount": "6500000",
        "description": "In pano tuyên truyền",
        "task": task.pk,
    }
    response = client_for(demo.lan).post(reverse(SPENDING_ADD), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "vượt số còn lại của khoản dự toán" in body
    assert "còn 6.000.000 đồng" in body
    assert 'value="In pano tuyên truyền"' in body
    assert Spending.objects.count() == 1

    data["amount"] = "6000000"
    response = client_for(demo.lan).post(reverse(SPENDING_ADD), data)
    assert response.status_code == 302
    assert BudgetLine.objects.get(pk=lines.state.pk).remaining == 0


def test_a_negative_amount_is_refused_on_the_form(demo, client_for, lines, task):
    data = {"line": lines.state.pk, "date": "2026-06-01", "amount": "-1", "description": "Sai", "task": task.pk}
    body = client_for(demo.lan).post(reverse(SPENDING_ADD), data).content.decode()
    assert "Số tiền phải lớn hơn 0 đồng." in body
    assert not Spending.objects.exists()

"""Who reads and writes which village's team: each persona, and the outsider who sees nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from xaso.units.models import OrgUnit
from xaso.villages.models import HouseholdSnapshot, SupportVisit
from xaso.villages.selectors import (
    members_readable,
    members_writable,
    villages_readable,
    villages_writable,
    visits_readable,
    visits_writable,
)
from xaso.villages.services import support_visit_record, team_member_add

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

HVT_VILLAGES = {"ls-hvt-t-napan", "ls-hvt-t-banthang", "ls-hvt-t-khuoinhan", "ls-hvt-t-pacvan", "ls-hvt-t-naly"}
READS = {
    "son": {"ls-hvt-t-napan"},
    "lan": HVT_VILLAGES,
    "hung": HVT_VILLAGES,
    "quang": HVT_VILLAGES | {"ls-tt-t-nacan"},
    "thu": {"ls-tt-t-nacan"},
    "mai": set(),
    "tuan": set(),
    "linh": set(),
    "outsider": set(),
}
WRITES = {"son": {"ls-hvt-t-napan"}, "lan": HVT_VILLAGES, "thu": {"ls-tt-t-nacan"}}


def codes(queryset):
    return set(queryset.values_list("code", flat=True))


@pytest.mark.parametrize("persona", sorted(READS))
def test_each_persona_reads_and_writes_exactly_their_villages(demo, persona):
    user = getattr(demo, persona)
    assert codes(villages_readable(user=user)) == READS[persona]
    assert codes(villages_writable(user=user)) == WRITES.get(persona, set())


@pytest.fixture
def visits(demo):
    napan, banthang = (OrgUnit.objects.get(code=c) for c in ("ls-hvt-t-napan", "ls-hvt-t-banthang"))
    made = {}
    for village in (napan, banthang):
        member = team_member_add(village=village, full_name=f"Tổ trưởng {village.name}", role="leader")
        made[village.code] = support_visit_record(
            village=village, date=dt.date(2026, 11, 2), members=[member], work="Hướng dẫn bán hàng", households_helped=3
        )
    return made


def test_the_village_head_sees_only_his_villages_visits_and_members(demo, visits):
    assert set(visits_readable(user=demo.son)) == {visits["ls-hvt-t-napan"]}
    assert set(visits_writable(user=demo.son)) == {visits["ls-hvt-t-napan"]}
    assert {m.village.code for m in members_readable(user=demo.son)} == {"ls-hvt-t-napan"}
    assert set(visits_writable(user=demo.lan)) == set(visits.values())
    assert set(visits_readable(user=demo.hung)) == set(visits.values())
    assert not visits_writable(user=demo.hung).exists()
    assert not members_writable(user=demo.quang).exists()
    for persona in ("mai", "thu", "outsider"):
        assert not visits_readable(user=getattr(demo, persona)).exists()


@pytest.mark.parametrize(
    ("persona", "village", "status"),
    [
        ("son", "ls-hvt-t-napan", 200),
        ("son", "ls-hvt-t-banthang", 404),
        ("lan", "ls-hvt-t-banthang", 200),
        ("hung", "ls-hvt-t-napan", 200),
        ("quang", "ls-hvt-t-napan", 200),
        ("thu", "ls-hvt-t-napan", 404),
        ("mai", "ls-hvt-t-napan", 404),
    ],
)
def test_the_village_dashboard_answers_only_within_scope(demo, client_for, persona, village, status):
    unit = OrgUnit.objects.get(code=village)
    response = client_for(getattr(demo, persona)).get(reverse("villages_village", args=[unit.pk]))
    assert response.status_code == status


def refused(response):
    """Wagtail turns a PermissionDenied in the back office into a redirect home with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


@pytest.mark.parametrize(
    ("persona", "outcome"), [("hung", "refused"), ("quang", "refused"), ("mai", 404), ("thu", 404)]
)
def test_readers_and_strangers_cannot_open_the_forms(demo, client_for, persona, outcome):
    napan = OrgUnit.objects.get(code="ls-hvt-t-napan")
    client = client_for(getattr(demo, persona))
    responses = [
        client.get(reverse("villages_visit_add", args=[napan.pk])),
        client.post(reverse("villages_snapshot", args=[napan.pk]), {"month": "2026-10"}),
    ]
    for response in responses:
        assert refused(response) if outcome == "refused" else response.status_code == outcome
    assert not HouseholdSnapshot.objects.exists()


def test_readers_cannot_change_or_delete_a_visit(demo, client_for, visits):
    visit = visits["ls-hvt-t-napan"]
    assert refused(client_for(demo.hung).post(reverse("villages_visit_delete", args=[visit.pk])))
    assert SupportVisit.objects.filter(pk=visit.pk).exists()
    assert client_for(demo.mai).get(reverse("villages_visit_edit", args=[visit.pk])).status_code == 404
    assert (
        client_for(demo.son).get(reverse("villages_visit_edit", args=[visits["ls-hvt-t-banthang"].pk])).status_code
        == 404
    )


def test_the_outsider_gets_nothing(demo, client_for):
    client = client_for(demo.outsider)
    napan = OrgUnit.objects.get(code="ls-hvt-t-napan")
    for url in (reverse("villages_index"), reverse("villages_village", args=[napan.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403, 404)
        assert "Nà Pàn" not in response.content.decode()
